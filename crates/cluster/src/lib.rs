//! Grouping articles as they arrive, in arrival order and without look-ahead:
//! [`duplicates`] finds copies, [`stories`] files each other article in the story it is most
//! like (or opens one) and notices rewrites, [`organize`] does both for each article,
//! [`digest`] names a story and sums it up, and [`teasers`] tells which article a teaser
//! headline names. What they compare are TF-IDF term vectors,
//! shingles and names ([`terms`]) and the entities the articles name.
//!
//! Pure: the caller gives each article's text, time and entities, and keeps the results.

pub mod digest;
pub mod duplicates;
pub mod organize;
pub mod stories;
pub mod teasers;
pub mod terms;

pub use digest::{headline, summary};
pub use duplicates::{DuplicateFinder, DuplicateOptions};
pub use organize::{Filing, Organizer, OrganizerOptions};
pub use stories::{ArticleInput, ClusterOptions, Placement, StoryClusterer};
