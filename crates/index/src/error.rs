use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    #[error("cannot create the index directory {0}: {1}")]
    Io(PathBuf, std::io::Error),
    #[error("cannot open the search index at {0}: {1}")]
    Open(PathBuf, String),
    #[error(
        "the search index at {0} was built by another version of newsgraph ({1}); run `newsgraph reindex`"
    )]
    SchemaChanged(PathBuf, String),
    #[error("another newsgraph process is writing to the search index; try again when it is done")]
    Busy,
    #[error("the index writer is closed")]
    WriterClosed,
    #[error("bad search query: {0}")]
    BadQuery(String),
    #[error("search index error: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
}
