//! Webhooks: a section followed by a URL that is told (a JSON POST) of each story new to the
//! section. The store keeps each webhook with how far it has looked at the articles and which
//! stories it has announced, and a durable queue of deliveries, so that a killed process
//! loses nothing and a failed delivery is tried again later. What is new and when to try
//! again are the pipeline's decisions; the store records them.

use chrono::{DateTime, Utc};
use newsgraph_model::{ArticleId, StoryId};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct WebhookId(pub i64);

impl std::fmt::Display for WebhookId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DeliveryId(pub i64);

impl std::fmt::Display for DeliveryId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// A webhook to add.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewWebhook {
    /// The slug of the section it follows.
    pub section: String,
    pub url: String,
    /// May be sent to a private address (a receiver on the user's own network).
    pub allow_private: bool,
    /// The articles up to this id were the archive when it was added: looking starts after.
    pub start: ArticleId,
    /// Stories in the section when it was added, never to be announced.
    pub seen: Vec<StoryId>,
}

/// A webhook with the state of its deliveries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Webhook {
    pub id: WebhookId,
    pub section: String,
    pub url: String,
    pub allow_private: bool,
    pub added_at: DateTime<Utc>,
    /// [`NewWebhook::start`]: the archive when it was added.
    pub start: ArticleId,
    /// The articles looked at so far, up to this id.
    pub checked_up_to: ArticleId,
    /// Stories announced (queued), all rounds together.
    pub announced: u64,
    /// Deliveries waiting to be sent or sent again.
    pub pending: u64,
    pub delivered: u64,
    /// Deliveries dropped after failing too often.
    pub given_up: u64,
    pub last_delivered: Option<DateTime<Utc>>,
    /// Why the last failed attempt failed; `None` once a delivery goes through.
    pub last_error: Option<String>,
    pub last_failed: Option<DateTime<Utc>>,
    /// When its first pending delivery is tried (again).
    pub next_attempt: Option<DateTime<Utc>>,
}

/// What a webhook found among the articles after [`Announcement::from`] up to
/// [`Announcement::to`], recorded at once by [`crate::Store::announce`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Announcement {
    pub webhook: WebhookId,
    /// The webhook's [`Webhook::checked_up_to`] as read before looking: if another process has
    /// moved it since, it has announced these stories, and nothing is recorded.
    pub from: ArticleId,
    pub to: ArticleId,
    /// Stories the payloads announce.
    pub announced: Vec<StoryId>,
    /// Stories found to have been in the section before the webhook was added: never announced.
    pub seen: Vec<StoryId>,
    /// Deliveries to queue, in order: each a JSON body.
    pub payloads: Vec<String>,
    pub at: DateTime<Utc>,
}

/// A queued delivery, claimed for sending.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    pub id: DeliveryId,
    pub webhook: WebhookId,
    pub url: String,
    pub allow_private: bool,
    pub payload: String,
    pub created_at: DateTime<Utc>,
    /// Attempts made before this one.
    pub attempts: u32,
}

/// How an attempt to deliver went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeliveryOutcome {
    /// Received: taken off the queue.
    Delivered { at: DateTime<Utc> },
    /// Failed; tried again from `retry_at`.
    Retry { at: DateTime<Utc>, error: String, retry_at: DateTime<Utc> },
    /// Failed for the last time: taken off the queue, counted as given up.
    GaveUp { at: DateTime<Utc>, error: String },
}
