//! Understanding article text: sentences and tokens, named entities, canonical names and
//! places. Pure: no I/O beyond reading the models embedded in the binary.

pub mod conll;
pub mod ner;
pub mod tokens;

pub use tokens::{Sentence, Token, sentences};
