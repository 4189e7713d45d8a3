use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot open the database at {path}: {source}")]
    Open { path: PathBuf, source: rusqlite::Error },
    #[error(
        "the database at {path} has schema version {found}, newer than this newsgraph knows ({known}); upgrade newsgraph"
    )]
    TooNew { path: PathBuf, found: i64, known: i64 },
    /// The caller named an article the store does not hold.
    #[error("no article with id {0} is stored")]
    NoSuchArticle(newsgraph_model::ArticleId),
    /// The caller named a source that is not followed.
    #[error("no source with id {0} is followed")]
    NoSuchSubscription(crate::SubscriptionId),
    /// What the caller asked to store breaks a rule (a section's slug, say).
    #[error("{0}")]
    Invalid(String),
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
}
