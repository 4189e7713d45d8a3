//! The crate's error.

pub use crate::ner::ModelFileError;

#[derive(Debug, thiserror::Error)]
pub enum NlpError {
    /// The tagger model does not load.
    #[error(transparent)]
    Tagger(#[from] ModelFileError),
    /// A place table given to [`crate::places::Gazetteer::from_gzip`] is not gzip or is cut short.
    #[error("the place table is truncated or damaged: {0}")]
    PlacesFile(#[from] std::io::Error),
    /// The place table compiled into the binary does not load (a broken build).
    #[error("the embedded place table does not load: {0}")]
    EmbeddedPlaces(String),
}
