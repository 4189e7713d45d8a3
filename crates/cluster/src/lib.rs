//! Grouping articles as they arrive. [`stories`]: each new article joins the story it is
//! most like, or opens a new one, in arrival order and without look-ahead; what it compares
//! are TF-IDF term vectors ([`terms`]) and the entities the articles name.
//!
//! Pure: the caller gives each article's text, time and entities, and keeps the results.

pub mod stories;
pub mod terms;

pub use stories::{ArticleInput, ClusterOptions, StoryClusterer};
