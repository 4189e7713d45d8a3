//! Stories: the coverage of one event by many articles, filled by the clustering stage.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::ArticleId;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct StoryId(pub i64);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Story {
    pub id: StoryId,
    /// The most representative headline among its articles.
    pub title: String,
    /// The most central sentences of its coverage.
    pub summary: Vec<String>,
    pub articles: Vec<ArticleId>,
    pub first_seen: DateTime<Utc>,
    pub last_seen: DateTime<Utc>,
}
