//! Persistence of articles behind the [`Store`] trait.
//!
//! [`SqliteStore`] is the embedded default (one file in the data directory, WAL mode,
//! versioned migrations). Every implementation must pass [`conformance::run`].
//!
//! Besides articles, the store keeps the named entities they mention: each
//! [`NewArticle::entities`] is resolved by key to one [`EntityId`] shared across articles, and
//! the store counts mentions and articles per entity as it goes.
//! [`Store::replace_entities`] reads an article again: its old mentions are taken off the
//! counters and the new ones stored as an insert would. The amounts ("200,000 new troops") and
//! time expressions ("on Monday") found in an article are kept beside it, and
//! [`Store::replace_figures`] replaces them when the article is read again; its quotes (who
//! said what) likewise, with [`Store::replace_quotes`]; [`Store::quotes`] searches them by
//! speaker and words.
//!
//! Each article is filed in a story (the coverage of one event; a story's id is the id of its
//! first article), perhaps as a copy or a rewrite of another ([`Store::save_filings`]); an
//! article stored before stories existed, or not organised yet, is unfiled
//! ([`Store::unfiled_articles`]). What the front page shows of a story, its digest, is kept
//! beside it ([`Store::replace_story`]).
//!
//! The sources a user follows (feeds, sitemaps, pages) are kept with their polling state
//! ([`Store::subscribe`], [`Store::due_subscriptions`], [`Store::record_poll`]).
//!
//! A page fetched again that changed is stored as a new version of its article
//! ([`Store::revise`]); the versions before are kept ([`Store::revisions`]), and the article is
//! listed for the search index to take again ([`Store::articles_to_reindex`]).
//!
//! Webhooks follow sections ([`Store::add_webhook`]): what each has announced, and a durable
//! queue of deliveries ([`Store::announce`], [`Store::claim_deliveries`],
//! [`Store::record_delivery`]).

pub mod conformance;
mod digest;
mod error;
mod facets;
mod revisions;
mod sections;
mod sqlite;
mod subscriptions;
mod webhooks;

use chrono::{DateTime, NaiveDate, Utc};
use newsgraph_model::{
    Amount, Article, ArticleEntities, ArticleId, Entity, EntityId, EntityKind, EntityMention, Quote, Source,
    StoredArticle, StoryId, TimeRef,
};

pub use digest::{DayStory, StoriesOn, day_bounds};
pub use error::StoreError;
pub use facets::ArticleFacets;
pub use revisions::{KnownUrl, Revised, Revision, ToReindex};
pub use sections::{Section, SectionRule, slug_of, valid_slug};
pub use sqlite::SqliteStore;
pub use subscriptions::{
    NewSubscription, PollOutcome, Subscribed, Subscription, SubscriptionId, SubscriptionKind,
};
pub use webhooks::{Announcement, Delivery, DeliveryId, DeliveryOutcome, NewWebhook, Webhook, WebhookId};

pub type Result<T> = std::result::Result<T, StoreError>;

/// An article ready to be stored, with where and when it came from.
#[derive(Debug, Clone)]
pub struct NewArticle {
    pub article: Article,
    pub source: Source,
    pub fetched_at: Option<DateTime<Utc>>,
    pub imported_at: DateTime<Utc>,
    /// The names recognised in the article. Only mentions whose span lies on the char
    /// boundaries of [`Article::text`] and whose entity has a key and a name are stored.
    pub entities: ArticleEntities,
    /// Numbers with what they count. Only those whose span lies on the char boundaries of
    /// [`Article::text`] and whose value is finite are stored.
    pub amounts: Vec<Amount>,
    /// Time expressions. Only those whose span lies on the char boundaries of
    /// [`Article::text`] are stored.
    pub times: Vec<TimeRef>,
    /// Who said what. A speaker or cue whose span does not lie on the char boundaries of
    /// [`Article::text`] is left out, as is such a content piece; a quote left without content
    /// is not stored. The speaker's entity given here is not read: the store resolves it
    /// from the article's mentions by [`newsgraph_model::speaker_is`]'s rule (the first person
    /// mention in text order that the speaker ends in), again whenever the article's quotes or
    /// mentions are replaced.
    pub quotes: Vec<Quote>,
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

/// A canonical entity with how much the stored articles talk about it.
#[derive(Debug, Clone, PartialEq)]
pub struct EntityStats {
    pub entity: Entity,
    /// Mentions in all stored articles.
    pub mentions: u64,
    /// Stored articles with at least one mention.
    pub articles: u64,
}

/// Which entities [`Store::entities`] lists.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EntityFilter {
    pub kind: Option<EntityKind>,
    /// Text that the name or one of the aliases contains; ASCII letters match either case.
    pub query: Option<String>,
}

/// Whose quotes [`Store::quotes`] lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SpeakerFilter {
    /// Quotes whose speaker was resolved to this entity.
    Entity(EntityId),
    /// Quotes whose speaker, as written, holds these words in this order (whole words, any
    /// case: "peskov" and "Dmitry Peskov" find "Kremlin spokesman Dmitry Peskov"), or whose
    /// speaker's entity has a name or alias containing this text (ASCII letters in either
    /// case, as [`EntityFilter::query`]).
    Name(String),
}

/// Which quotes [`Store::quotes`] lists; the default lists all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QuoteFilter {
    pub speaker: Option<SpeakerFilter>,
    /// Words that the content must all hold, as whole words, in any order and any case
    /// (words are runs of letters and digits; "Russia's" is "russia" and "s"). Without words
    /// (none given, or only punctuation), any content.
    pub words: Option<String>,
}

/// A stored quote with the article it was found in.
#[derive(Debug, Clone, PartialEq)]
pub struct FoundQuote {
    pub article: StoredArticle,
    /// Spans into the article's text; the speaker's entity as [`Store::article_quotes`] gives it.
    pub quote: Quote,
}

/// Where an article was filed: its story, and the article it copies or rewrites.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Filing {
    pub story: StoryId,
    /// The canonical article this one copies (exactly or nearly); a copy is in its story.
    pub duplicate_of: Option<ArticleId>,
    /// The article this one retells in other words.
    pub rewrite_of: Option<ArticleId>,
}

/// A stored article with where it was filed.
#[derive(Debug, Clone, PartialEq)]
pub struct FiledArticle {
    pub article: StoredArticle,
    pub filing: Filing,
}

/// What is shown of a story: named and summed up from its articles, with its extent.
#[derive(Debug, Clone, PartialEq)]
pub struct StoryDigest {
    /// The id of its first article.
    pub id: StoryId,
    pub headline: String,
    /// The article whose title is the headline.
    pub headline_article: Option<ArticleId>,
    /// Its most central sentences, the most central first.
    pub summary: Vec<String>,
    /// The earliest and latest of its articles' times (publication, else import).
    pub first_seen: DateTime<Utc>,
    pub last_seen: DateTime<Utc>,
    /// Its articles, copies included.
    pub articles: u64,
    /// The distinct outlets that published them.
    pub outlets: u64,
}

/// A story's extent, counted over all its articles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoryTally {
    /// Its articles, copies included.
    pub articles: u64,
    /// The distinct outlets that published them ([`newsgraph_model::outlet`]).
    pub outlets: u64,
    /// The earliest and latest of its articles' times (publication, else import).
    pub first_seen: DateTime<Utc>,
    pub last_seen: DateTime<Utc>,
}

pub trait Store: Send + Sync {
    /// Stores the articles in one transaction: either all of the batch is committed or none.
    /// An article whose content hash or URL is already stored is not stored again.
    fn insert_batch(&self, batch: &[NewArticle]) -> Result<Vec<InsertOutcome>>;

    /// Replaces the entities of stored articles, in one transaction: each article's old
    /// mentions are deleted and taken off their entities' counters, then `entities` is stored
    /// exactly as [`Store::insert_batch`] stores [`NewArticle::entities`] (found or created by
    /// key, aliases merged, counters bumped). Replacing with the same entities again changes
    /// nothing; an empty [`ArticleEntities`] leaves the article with no mentions.
    ///
    /// An entity that no article mentions any more is kept, with zero counts, so that its id
    /// (in links and in the search index) and the names it was seen under stay; it is found
    /// by [`Store::entity`] but no longer listed by [`Store::entities`] or counted by
    /// [`Store::entity_count`], and comes back under the same id when mentioned again.
    ///
    /// An id that is not stored fails the whole batch with [`StoreError::NoSuchArticle`].
    fn replace_entities(&self, batch: &[(ArticleId, ArticleEntities)]) -> Result<()>;

    /// Replaces the amounts and time expressions of stored articles, in one transaction: each
    /// article's old ones are deleted and the new ones stored exactly as
    /// [`Store::insert_batch`] stores [`NewArticle::amounts`] and [`NewArticle::times`].
    /// Replacing with the same ones again changes nothing.
    ///
    /// An id that is not stored fails the whole batch with [`StoreError::NoSuchArticle`].
    fn replace_figures(&self, batch: &[(ArticleId, Vec<Amount>, Vec<TimeRef>)]) -> Result<()>;

    /// Replaces the quotes of stored articles, in one transaction, as
    /// [`Store::replace_figures`] does amounts and times: stored exactly as
    /// [`Store::insert_batch`] stores [`NewArticle::quotes`].
    ///
    /// An id that is not stored fails the whole batch with [`StoreError::NoSuchArticle`].
    fn replace_quotes(&self, batch: &[(ArticleId, Vec<Quote>)]) -> Result<()>;

    fn article(&self, id: ArticleId) -> Result<Option<StoredArticle>>;

    /// Articles newest first: by publication time, or by import time for an article whose
    /// page gave no date (as a feed reader orders entries).
    fn latest(&self, page: Page) -> Result<Vec<StoredArticle>>;

    /// Articles with an id greater than `after`, in id order: how the search index catches up.
    fn articles_after(&self, after: ArticleId, limit: u64) -> Result<Vec<StoredArticle>>;

    fn count(&self) -> Result<u64>;

    /// The article's stored entity mentions in text order (by start, then end); each one
    /// carries its entity's id.
    fn article_mentions(&self, id: ArticleId) -> Result<Vec<EntityMention>>;

    /// The article's stored amounts in text order (by start, then end).
    fn article_amounts(&self, id: ArticleId) -> Result<Vec<Amount>>;

    /// The article's stored time expressions in text order (by start, then end).
    fn article_times(&self, id: ArticleId) -> Result<Vec<TimeRef>>;

    /// The article's stored quotes in the order they were found, each with the entity its
    /// speaker names (see [`NewArticle::quotes`]) or none.
    fn article_quotes(&self, id: ArticleId) -> Result<Vec<Quote>>;

    /// Quotes matching `filter`: newest article first by the same rule as [`Store::latest`],
    /// then in the order found within an article.
    fn quotes(&self, filter: &QuoteFilter, page: Page) -> Result<Vec<FoundQuote>>;

    /// How many quotes [`Store::quotes`] lists for `filter`.
    fn quote_count(&self, filter: &QuoteFilter) -> Result<u64>;

    fn entity(&self, id: EntityId) -> Result<Option<EntityStats>>;

    /// Entities matching `filter` that some stored article mentions, most mentioned first
    /// (ties: lowest id first).
    fn entities(&self, filter: &EntityFilter, page: Page) -> Result<Vec<EntityStats>>;

    /// How many entities [`Store::entities`] lists for `filter`.
    fn entity_count(&self, filter: &EntityFilter) -> Result<u64>;

    /// Articles mentioning the entity, newest first by the same rule as [`Store::latest`].
    fn entity_articles(&self, id: EntityId, page: Page) -> Result<Vec<StoredArticle>>;

    /// Mentions of the entity per day, oldest first, days without mentions left out. The day is
    /// the publication date in the page's own time zone, or the import date (UTC) for an
    /// undated article.
    fn entity_timeline(&self, id: EntityId) -> Result<Vec<(NaiveDate, u64)>>;

    /// Other entities named in the same articles, with the number of articles shared: most
    /// shared first, then most mentioned, then lowest id.
    fn co_occurring(&self, id: EntityId, limit: u64) -> Result<Vec<(EntityStats, u64)>>;

    /// The roles the entity was given with its name ("Kremlin spokesman"), with how many
    /// mentions gave each: most given first, then alphabetically.
    fn entity_roles(&self, id: EntityId, limit: u64) -> Result<Vec<(String, u64)>>;

    /// Article ids with the keys of the entities each mentions (each key once, in key order),
    /// for the articles among `ids` that are stored, in the order of `ids`.
    fn entity_keys(&self, ids: &[ArticleId]) -> Result<Vec<(ArticleId, Vec<String>)>>;

    /// Articles not filed in a story yet with an id greater than `after`, in id order.
    fn unfiled_articles(&self, after: ArticleId, limit: u64) -> Result<Vec<StoredArticle>>;

    /// The `limit` filed articles with the highest ids, in id order (oldest first): what an
    /// organiser takes back at start-up.
    fn recent_filed(&self, limit: u64) -> Result<Vec<FiledArticle>>;

    /// Files the articles, in one transaction; filing an article again replaces its filing.
    /// An id that is not stored fails the whole batch with [`StoreError::NoSuchArticle`].
    fn save_filings(&self, batch: &[(ArticleId, Filing)]) -> Result<()>;

    /// The article's filing; `None` when it is not filed (or not stored).
    fn filing(&self, id: ArticleId) -> Result<Option<Filing>>;

    /// Stores the story's digest, replacing the one stored before.
    fn replace_story(&self, digest: &StoryDigest) -> Result<()>;

    fn story(&self, id: StoryId) -> Result<Option<StoryDigest>>;

    /// Stories with a digest in front-page order: the latest day seen first (UTC days), then
    /// the most articles, then the highest id.
    fn stories(&self, page: Page) -> Result<Vec<StoryDigest>>;

    /// How many stories [`Store::stories`] lists.
    fn story_count(&self) -> Result<u64>;

    /// The articles filed in the story, copies included, oldest first (by publication time,
    /// else import time; then id).
    fn story_articles(&self, id: StoryId) -> Result<Vec<FiledArticle>>;

    /// The story's articles counted (copies included), its outlets and first and last seen;
    /// `None` when no article is filed in it. Cheap next to reading them all.
    fn story_tally(&self, id: StoryId) -> Result<Option<StoryTally>>;

    /// The story's latest `limit` articles that copy none, newest first (by publication time,
    /// else import time; then id).
    fn story_latest(&self, id: StoryId, limit: u64) -> Result<Vec<StoredArticle>>;

    /// Articles per day in the story, oldest first, by the rule of [`Store::entity_timeline`].
    fn story_timeline(&self, id: StoryId) -> Result<Vec<(NaiveDate, u64)>>;

    /// Articles per hour in the story (UTC; each the start of its hour, by an article's
    /// publication time, else its import time), oldest first, hours without any left out.
    fn story_hours(&self, id: StoryId) -> Result<Vec<(DateTime<Utc>, u64)>>;

    /// The entities the story's articles name, with how many of its articles name each: most
    /// articles first, then most mentioned overall, then lowest id.
    fn story_entities(&self, id: StoryId, limit: u64) -> Result<Vec<(EntityStats, u64)>>;

    /// Other stories with a digest naming entities this one names, seen within
    /// [`RELATED_WINDOW_DAYS`] of it, with how many entities they share: most shared first,
    /// then the closest in time, then the lowest id.
    fn related_stories(&self, id: StoryId, limit: u64) -> Result<Vec<(StoryDigest, u64)>>;

    /// The copies of an article ("also reported by"), in id order.
    fn copies_of(&self, id: ArticleId) -> Result<Vec<StoredArticle>>;

    /// The days and the most named entities (at most `per_kind` of each kind) of the stored
    /// articles among `ids` (a search's matches); ids not stored are passed over.
    fn facets(&self, ids: &[ArticleId], per_kind: u64) -> Result<ArticleFacets>;

    /// The stories before and after this one in [`Store::stories`]' order (`None` at either
    /// end, or for a story without a digest): for moving from story to story.
    fn story_neighbours(&self, id: StoryId) -> Result<(Option<StoryId>, Option<StoryId>)>;

    /// Stories with a digest that gained articles at or after `since` (an article's time is
    /// its publication, else its import), each with how many: the most first, then the latest
    /// seen, then the highest id; at most `limit`.
    fn stories_since(&self, since: DateTime<Utc>, limit: u64) -> Result<Vec<(StoryDigest, u64)>>;

    /// The time of the newest article (publication, else import; never later than `now`, so
    /// that a misdated page does not stop the clock), `None` for an empty store.
    fn newest_article_time(&self, now: DateTime<Utc>) -> Result<Option<DateTime<Utc>>>;

    /// The sections by position, then slug.
    fn sections(&self) -> Result<Vec<Section>>;

    /// Adds a section, or replaces the one with its slug. A slug that [`valid_slug`] refuses
    /// fails with [`StoreError::Invalid`].
    fn save_section(&self, section: &Section) -> Result<()>;

    /// Removes a section; whether there was one.
    fn remove_section(&self, slug: &str) -> Result<bool>;

    /// The day's top stories: those with a digest and with articles seen on `query.day` (a UTC
    /// day; an article's time is its publication, else its import), each with that day's
    /// articles (copies included) and outlets counted. The most articles that day first, then
    /// the most outlets that day, then the most articles overall, then the highest id; at most
    /// `query.limit`.
    fn stories_on(&self, query: &StoriesOn) -> Result<Vec<DayStory>>;

    /// Quotes found in the story's articles that copy none (a copy repeats its original's
    /// quotes), only in those seen on `day` when given (as [`Store::stories_on`] sees them):
    /// quotes whose speaker names a person first, then the newest article first (by the rule
    /// of [`Store::latest`]), then in the order found; at most `limit`.
    fn story_quotes(&self, id: StoryId, day: Option<NaiveDate>, limit: u64) -> Result<Vec<FoundQuote>>;

    /// The article stored with this URL, or fetched from it (a web source whose location it
    /// is), with when it was fetched: a feed's entry need not be fetched again, even one that
    /// redirected, unless it changed since. The lowest id when several are.
    fn known_url(&self, url: &str) -> Result<Option<KnownUrl>>;

    /// Stores a newer version of a stored article's page, in one transaction. Everything in
    /// `new.article` and its fetch time replace what the article held, and its entities,
    /// amounts, times and quotes are replaced by `new`'s as [`Store::replace_entities`] and its
    /// siblings replace them; its id, source, import time and filing stay. The version it held
    /// is kept as a [`Revision`], and the article is listed by [`Store::articles_to_reindex`].
    ///
    /// The same title and content is [`Revised::Unchanged`] (only the fetch time is kept);
    /// content another article holds is [`Revised::SameAs`] it, and nothing changes. An id
    /// that is not stored fails with [`StoreError::NoSuchArticle`].
    fn revise(&self, id: ArticleId, new: &NewArticle) -> Result<Revised>;

    /// The versions an article held before its present one, oldest first.
    fn revisions(&self, id: ArticleId) -> Result<Vec<Revision>>;

    /// Articles revised since the search index last took them, in id order.
    fn articles_to_reindex(&self, limit: u64) -> Result<Vec<ToReindex>>;

    /// Records that the index took these versions of these articles. An article revised again
    /// since stays listed.
    fn reindexed(&self, taken: &[(ArticleId, u32)]) -> Result<()>;

    /// Follows a source from `at` on, due at once; a URL followed already is left as it is.
    fn subscribe(&self, new: &NewSubscription, at: DateTime<Utc>) -> Result<Subscribed>;

    /// Stops following a source (what was stored from it stays); whether it was followed.
    fn unsubscribe(&self, id: SubscriptionId) -> Result<bool>;

    /// Every followed source, in the order followed.
    fn subscriptions(&self) -> Result<Vec<Subscription>>;

    fn subscription(&self, id: SubscriptionId) -> Result<Option<Subscription>>;

    /// The sources due by `now` (never polled, or their next poll at or before `now`), the
    /// longest overdue first, at most `limit`.
    fn due_subscriptions(&self, now: DateTime<Utc>, limit: u64) -> Result<Vec<Subscription>>;

    /// Records a poll: when it was and is next, its status, error (counting failures in a row),
    /// validators, title and the articles it stored. Fails for a source no longer followed.
    fn record_poll(&self, id: SubscriptionId, outcome: &PollOutcome) -> Result<()>;

    /// The stored articles among `ids`, in the order of `ids`; an id not stored is left out. How
    /// an export reads, a batch at a time, the articles a search selected.
    fn articles_by_id(&self, ids: &[ArticleId]) -> Result<Vec<StoredArticle>>;

    /// The filings of the filed articles among `ids`, in the order of `ids`; an article not
    /// filed (or not stored) is left out.
    fn filings(&self, ids: &[ArticleId]) -> Result<Vec<(ArticleId, Filing)>>;

    /// Entities that some stored article mentions (those [`Store::entities`] lists), with an id
    /// greater than `after`, in id order: how an export pages through all of them.
    fn entities_after(&self, after: EntityId, limit: u64) -> Result<Vec<EntityStats>>;

    /// Stories with a digest (those [`Store::stories`] lists) with an id greater than `after`,
    /// in id order.
    fn stories_after(&self, after: StoryId, limit: u64) -> Result<Vec<StoryDigest>>;

    /// Adds a webhook at `at`, with the stories it is never to announce ([`NewWebhook::seen`]).
    /// A section that is not stored, or an empty URL, fails with [`StoreError::Invalid`]; the
    /// same URL may follow several sections, and a section several URLs.
    fn add_webhook(&self, new: &NewWebhook, at: DateTime<Utc>) -> Result<WebhookId>;

    /// Every webhook, in the order added, with its deliveries counted.
    fn webhooks(&self) -> Result<Vec<Webhook>>;

    /// Removes a webhook with what it announced and its pending deliveries; whether there was
    /// one.
    fn remove_webhook(&self, id: WebhookId) -> Result<bool>;

    /// The stories among `among` the webhook has announced or saw in its section when added,
    /// in the order of `among`.
    fn known_stories(&self, id: WebhookId, among: &[StoryId]) -> Result<Vec<StoryId>>;

    /// Records, in one transaction, what a webhook found among the articles after
    /// `announcement.from` up to `announcement.to`: the mark moves to `to`, the stories are
    /// remembered (announced or seen) and the payloads queued, due at `announcement.at`. When
    /// the webhook's mark is no longer `from` (another process looked first), or the webhook
    /// is gone, nothing is recorded: `false`.
    fn announce(&self, announcement: &Announcement) -> Result<bool>;

    /// The first queued delivery of each webhook, when due by `now` (the longest due first, at
    /// most `limit`), claimed: due again only at `until`, so that no other process sends it
    /// meanwhile, and one killed while sending leaves it to be sent again. A webhook's later
    /// deliveries wait for its first: they are sent in order.
    fn claim_deliveries(&self, now: DateTime<Utc>, until: DateTime<Utc>, limit: u64)
    -> Result<Vec<Delivery>>;

    /// Records an attempt: delivered or given up, the delivery leaves the queue (counted on its
    /// webhook); to be tried again, it is due at the time given. The webhook keeps the last
    /// error until a delivery goes through. A delivery no longer queued (its webhook removed)
    /// records nothing.
    fn record_delivery(&self, id: DeliveryId, outcome: &DeliveryOutcome) -> Result<()>;
}

/// How far apart in time related stories may be: a week before or after.
pub const RELATED_WINDOW_DAYS: i64 = 7;
