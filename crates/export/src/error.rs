use newsgraph_index::IndexError;
use newsgraph_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Index(#[from] IndexError),
    #[error("cannot write the export: {0}")]
    Io(#[from] std::io::Error),
    #[error("cannot write CSV: {0}")]
    Csv(#[from] csv::Error),
    #[error("cannot write Parquet: {0}")]
    Parquet(#[from] parquet::errors::ParquetError),
    #[error("cannot build the Arrow columns: {0}")]
    Arrow(#[from] arrow_schema::ArrowError),
}

impl ExportError {
    /// The user's own mistake (a search the index refuses), as a message for them; `None` for
    /// a failure on our side.
    pub fn user_error(&self) -> Option<&str> {
        match self {
            ExportError::Index(IndexError::BadQuery(message)) => Some(message),
            _ => None,
        }
    }
}
