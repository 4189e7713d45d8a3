use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    #[error("cannot create the data directory {0}: {1}")]
    DataDir(PathBuf, std::io::Error),
    #[error(transparent)]
    Store(#[from] newsgraph_store::StoreError),
    #[error(transparent)]
    Index(#[from] newsgraph_index::IndexError),
    /// The models compiled into the binary do not load: a broken build, not bad input.
    #[error("the built-in entity recognizer does not load: {0}")]
    Recognizer(#[from] newsgraph_nlp::NlpError),
    /// The built-in attribution labeller does not load: a broken build, not bad input.
    #[error("the built-in attribution labeller does not load: {0}")]
    Attributions(String),
    /// What the caller asked breaks a rule (a webhook's URL, a section that does not exist).
    #[error("{0}")]
    Invalid(String),
    /// The HTTP client cannot be set up (not a failed fetch: those are the sources' errors).
    #[error("{0}")]
    Fetch(String),
}
