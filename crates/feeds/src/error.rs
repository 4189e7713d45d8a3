//! The crate's one error type. Every variant is bad input: this crate does no I/O, so nothing
//! can fail inside it except the document it was handed.

/// Why a document could not be read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum FeedsError {
    /// Nothing but whitespace (or nothing at all) was given.
    #[error("empty document")]
    Empty,
    /// The XML is not well formed (truncated, mismatched tags, bad syntax).
    #[error("malformed XML at byte {position}: {message}")]
    Xml { position: u64, message: String },
    /// The document parsed, but its root is not one of the formats asked for.
    #[error("not {expected}: the document's root is <{root}>")]
    WrongRoot { expected: &'static str, root: String },
    /// feed-rs refused the document (not a feed, broken XML or JSON).
    #[error("not a readable feed: {0}")]
    Feed(String),
    /// The document is gzip (it starts with gzip's magic bytes) but does not unzip.
    #[error("broken gzip: {0}")]
    Gzip(String),
    /// The document unzips to more than the limit, in bytes (a gzip bomb, or close to one).
    #[error("the document unzips to more than {limit} bytes")]
    TooLarge { limit: u64 },
}
