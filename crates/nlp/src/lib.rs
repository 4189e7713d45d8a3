//! Understanding article text: sentences and tokens, named entities, canonical names and
//! places. Pure: no I/O beyond reading the models embedded in the binary.

pub mod canonical;
pub mod conll;
mod error;
mod fold;
pub mod ner;
pub mod places;
pub mod roles;
pub mod tokens;

pub use canonical::{Canonical, MentionInput, canonicalize, entity_key};
pub use error::NlpError;
pub use places::{Gazetteer, Place, PlaceKind};
pub use tokens::{Sentence, Token, sentences};
