//! Persistence of articles behind the [`Store`] trait.
//!
//! [`SqliteStore`] is the embedded default (one file in the data directory, WAL mode,
//! versioned migrations). Every implementation must pass [`conformance::run`].

pub mod conformance;
mod error;
mod sqlite;

use chrono::{DateTime, Utc};
use newsgraph_model::{Article, ArticleId, Source, StoredArticle};

pub use error::StoreError;
pub use sqlite::SqliteStore;

pub type Result<T> = std::result::Result<T, StoreError>;

/// An article ready to be stored, with where and when it came from.
#[derive(Debug, Clone)]
pub struct NewArticle {
    pub article: Article,
    pub source: Source,
    pub fetched_at: Option<DateTime<Utc>>,
    pub imported_at: DateTime<Utc>,
}

/// What happened to one article handed to [`Store::insert_batch`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InsertOutcome {
    Inserted(ArticleId),
    /// The same content (or the same URL) was already stored under this id.
    AlreadyPresent(ArticleId),
}

/// A window over a listing, newest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    pub offset: u64,
    pub limit: u64,
}

pub trait Store: Send + Sync {
    /// Stores the articles in one transaction: either all of the batch is committed or none.
    /// An article whose content hash or URL is already stored is not stored again.
    fn insert_batch(&self, batch: &[NewArticle]) -> Result<Vec<InsertOutcome>>;

    fn article(&self, id: ArticleId) -> Result<Option<StoredArticle>>;

    /// Articles newest first: by publication time, or by import time for an article whose
    /// page gave no date (as a feed reader orders entries).
    fn latest(&self, page: Page) -> Result<Vec<StoredArticle>>;

    /// Articles with an id greater than `after`, in id order: how the search index catches up.
    fn articles_after(&self, after: ArticleId, limit: u64) -> Result<Vec<StoredArticle>>;

    fn count(&self) -> Result<u64>;
}
