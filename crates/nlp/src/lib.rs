//! Understanding article text: sentences and tokens, named entities, canonical names and
//! places, amounts and time expressions. Pure: no I/O beyond reading the models embedded in
//! the binary, and no clock (dates are resolved against a publication date passed in).
//!
//! [`EntityRecognizer`] puts the entity pieces together: [`tokens`] cuts the text, [`ner`]
//! tags names, [`roles`] finds the titles given with people, [`places`] resolves place names
//! and [`canonical`] groups the mentions of one entity. [`amounts`] reads figures with what
//! they count, [`times`] reads time expressions, [`quotes`] finds who said what; [`conll`]
//! reads the tagger's training data.

pub mod amounts;
pub mod canonical;
pub mod conll;
mod error;
mod fold;
mod hash;
mod model_file;
pub mod ner;
mod perceptron;
pub mod places;
pub mod quotes;
pub mod recognize;
pub mod roles;
pub mod syntax;
pub mod times;
pub mod tokens;

pub use canonical::{Canonical, MentionInput, canonicalize, entity_key};
pub use error::NlpError;
pub use places::{Gazetteer, Place, PlaceKind};
pub use recognize::EntityRecognizer;
pub use tokens::{Sentence, Token, sentences};
