//! Understanding article text: sentences and tokens, named entities, canonical names and
//! places. Pure: no I/O beyond reading the models embedded in the binary.
//!
//! [`EntityRecognizer`] puts the pieces together: [`tokens`] cuts the text, [`ner`] tags
//! names, [`roles`] finds the titles given with people, [`places`] resolves place names
//! and [`canonical`] groups the mentions of one entity.

pub mod amounts;
pub mod canonical;
pub mod conll;
mod error;
mod fold;
pub mod ner;
pub mod places;
pub mod recognize;
pub mod roles;
pub mod times;
pub mod tokens;

pub use canonical::{Canonical, MentionInput, canonicalize, entity_key};
pub use error::NlpError;
pub use places::{Gazetteer, Place, PlaceKind};
pub use recognize::EntityRecognizer;
pub use tokens::{Sentence, Token, sentences};
