use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    #[error("cannot create the data directory {0}: {1}")]
    DataDir(PathBuf, std::io::Error),
    #[error(transparent)]
    Store(#[from] newsgraph_store::StoreError),
    #[error(transparent)]
    Index(#[from] newsgraph_index::IndexError),
}
