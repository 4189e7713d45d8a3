//! The sources a user follows (feeds, sitemaps, single pages), with what their last poll said
//! and when to poll them next: the scheduler's state, kept so that a restart goes on where it
//! stopped.

use chrono::{DateTime, Utc};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SubscriptionId(pub i64);

impl std::fmt::Display for SubscriptionId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// What is at a followed URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubscriptionKind {
    /// RSS, Atom or JSON Feed: its entries' pages are fetched.
    Feed,
    /// A sitemap or sitemap index (news sitemaps too).
    Sitemap,
    /// One page, fetched as an article.
    Page,
}

impl SubscriptionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SubscriptionKind::Feed => "feed",
            SubscriptionKind::Sitemap => "sitemap",
            SubscriptionKind::Page => "page",
        }
    }

    /// What a URL most likely is when the user does not say, by its path: a sitemap when the
    /// path names one, else a feed.
    pub fn guess(path: &str) -> SubscriptionKind {
        match path.to_ascii_lowercase().contains("sitemap") {
            true => SubscriptionKind::Sitemap,
            false => SubscriptionKind::Feed,
        }
    }

    pub fn parse(text: &str) -> Option<SubscriptionKind> {
        match text {
            "feed" => Some(SubscriptionKind::Feed),
            "sitemap" => Some(SubscriptionKind::Sitemap),
            "page" => Some(SubscriptionKind::Page),
            _ => None,
        }
    }
}

/// A source to follow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSubscription {
    pub url: String,
    pub kind: SubscriptionKind,
    /// The section its articles are filed under ("World"), if the user named one.
    pub section: Option<String>,
    pub title: Option<String>,
    /// May be fetched from a private address (a source on the user's own network).
    pub allow_private: bool,
}

/// A followed source and the state of its polling.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subscription {
    pub id: SubscriptionId,
    pub url: String,
    pub kind: SubscriptionKind,
    pub section: Option<String>,
    pub title: Option<String>,
    pub allow_private: bool,
    pub added_at: DateTime<Utc>,
    /// The validators of the last full answer, for a conditional GET.
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub last_polled: Option<DateTime<Utc>>,
    /// `None`: as soon as possible.
    pub next_poll: Option<DateTime<Utc>>,
    pub last_status: Option<u16>,
    /// Why the last poll failed; `None` after a poll that went through.
    pub last_error: Option<String>,
    /// Polls that failed in a row.
    pub failures: u32,
    /// Articles stored from it, all polls together.
    pub articles_found: u64,
}

/// What one poll of a source found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PollOutcome {
    pub polled_at: DateTime<Utc>,
    pub next_poll: DateTime<Utc>,
    pub status: Option<u16>,
    /// `Some` for a failed poll: the failure count goes up; `None` resets it.
    pub error: Option<String>,
    /// New validators; `None` keeps those stored (a 304 answer brings none).
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    /// The source's own title, when it gave one (kept unless the user named it).
    pub title: Option<String>,
    /// Articles this poll stored.
    pub articles_found: u64,
}

/// Whether following a URL added a source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subscribed {
    Added(SubscriptionId),
    /// The URL was followed already; nothing changed.
    AlreadyFollowed(SubscriptionId),
}
