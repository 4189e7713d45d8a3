//! What a feed says, whatever its format: the feed's own links and its entries, built from
//! stored articles and stories with absolute links into this server.

use chrono::{DateTime, FixedOffset, Utc};
use newsgraph_model::StoredArticle;
use newsgraph_store::StoryDigest;

use crate::display;

/// Who a feed is by, named for the entries that name no one: Atom wants an author for every
/// entry, and JSON Feed items inherit the feed's.
pub const FEED_AUTHOR: &str = "newsgraph";

/// One feed, ready to be written as Atom or JSON Feed.
pub struct Feed {
    pub title: String,
    pub description: String,
    /// The HTML page the feed follows.
    pub home: String,
    /// The feed itself in each format (the Atom one also serves as the feed's id).
    pub atom: String,
    pub json: String,
    pub entries: Vec<Entry>,
}

impl Feed {
    /// When the feed last changed: its latest entry's update, or now when it is empty (a feed
    /// must say something, and an empty one has nothing older to point at).
    pub fn updated(&self) -> DateTime<FixedOffset> {
        self.entries.iter().map(|e| e.updated).max().unwrap_or_else(|| Utc::now().fixed_offset())
    }
}

/// One article or story.
pub struct Entry {
    /// Its page on this server: both its link and its id, which stays the same as long as the
    /// server's address does.
    pub url: String,
    /// The article as its outlet published it, when known and a safe http(s) URL.
    pub external: Option<String>,
    pub title: String,
    pub summary: String,
    pub published: Option<DateTime<FixedOffset>>,
    pub updated: DateTime<FixedOffset>,
    /// Never empty: the bylines, else the outlet.
    pub authors: Vec<String>,
}

impl Entry {
    pub fn article(base: &str, stored: &StoredArticle) -> Entry {
        let a = &stored.article;
        let summary = match display::excerpt(stored, display::EXCERPT_CHARS) {
            excerpt if excerpt.is_empty() => a.description.clone().unwrap_or_default(),
            excerpt => excerpt,
        };
        Entry {
            url: format!("{base}/articles/{}", stored.id),
            external: external(stored),
            title: display::title(&a.title).to_owned(),
            summary,
            published: a.published,
            updated: updated(stored),
            authors: authors(stored),
        }
    }

    /// A story, with its headline article (when it could be read) for the outlet and the link
    /// to the original.
    pub fn story(base: &str, story: &StoryDigest, headline: Option<&StoredArticle>) -> Entry {
        Entry {
            url: format!("{base}/stories/{}", story.id.0),
            external: headline.and_then(external),
            title: display::title(&story.headline).to_owned(),
            summary: story.summary.join(" "),
            published: Some(story.first_seen.fixed_offset()),
            updated: story.last_seen.fixed_offset(),
            authors: headline.map_or_else(Vec::new, |a| vec![display::site_label(a)]),
        }
    }
}

fn external(stored: &StoredArticle) -> Option<String> {
    stored.article.url.as_deref().and_then(display::safe_href).map(str::to_owned)
}

/// The page's own update time, else its publication, else when we got it.
fn updated(stored: &StoredArticle) -> DateTime<FixedOffset> {
    let a = &stored.article;
    a.updated
        .or(a.published)
        .unwrap_or_else(|| stored.fetched_at.unwrap_or(stored.imported_at).fixed_offset())
}

/// The bylines, else the outlet: readers show an author, and Atom wants one per entry.
fn authors(stored: &StoredArticle) -> Vec<String> {
    let named: Vec<String> = stored
        .article
        .authors
        .iter()
        .map(|a| a.trim())
        .filter(|a| !a.is_empty())
        .map(str::to_owned)
        .collect();
    if named.is_empty() { vec![display::site_label(stored)] } else { named }
}
