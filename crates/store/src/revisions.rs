//! Articles whose page changed after it was stored: the article takes the new version, under
//! the same id (its filing, links and search hits stay), and each version it held before is
//! kept as a [`Revision`].

use chrono::{DateTime, FixedOffset, Utc};
use newsgraph_model::{ArticleId, StoredArticle};

/// A stored article known by a URL (its own, or the one it was fetched from), and when its
/// page was last fetched: whether a feed's entry needs fetching again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KnownUrl {
    pub id: ArticleId,
    /// `None` for an article imported from a file.
    pub fetched_at: Option<DateTime<Utc>>,
}

/// An earlier version of a stored article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision {
    /// Which version it was: 1 for the first stored, counting up.
    pub number: u32,
    pub title: String,
    pub paragraphs: Vec<String>,
    pub published: Option<DateTime<FixedOffset>>,
    pub updated: Option<DateTime<FixedOffset>>,
    pub fetched_at: Option<DateTime<Utc>>,
    /// When the next version took its place.
    pub replaced_at: DateTime<Utc>,
}

impl Revision {
    pub fn text(&self) -> String {
        self.paragraphs.join("\n\n")
    }
}

/// What [`crate::Store::revise`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Revised {
    /// The article holds the new version; the one it held is kept as revision `number`.
    Revised { number: u32 },
    /// Same title and content: nothing but the time it was fetched changed.
    Unchanged,
    /// Another stored article holds this content already; nothing changed.
    SameAs(ArticleId),
}

/// An article whose latest version the search index has yet to take.
#[derive(Debug, Clone, PartialEq)]
pub struct ToReindex {
    pub article: StoredArticle,
    /// Its version now, handed back to [`crate::Store::reindexed`].
    pub version: u32,
}
