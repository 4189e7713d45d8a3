//! Calls into the store and the index. Both are synchronous, so each call runs on the
//! blocking thread pool; handlers only translate between HTTP and these functions.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use newsgraph_index::{IndexError, SearchIndex, SearchQuery, SearchResults};
use newsgraph_model::{
    Amount, ArticleId, Entity, EntityId, EntityMention, Quote, StoredArticle, StoryId, TimeRef,
};
use newsgraph_store::{
    ArticleFacets, EntityFilter, EntityStats, FiledArticle, Filing, FoundQuote, NewSubscription, Page,
    QuoteFilter, Revision, Section, SpeakerFilter, StoreError, StoryDigest, Subscribed, Subscription,
    SubscriptionId,
};

use crate::AppState;
use crate::digest::{Digest, DigestRequest};
use crate::sections::{self, SectionStories};

#[derive(Debug, thiserror::Error)]
pub enum BackendError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Index(#[from] IndexError),
    #[error("background task failed: {0}")]
    Task(#[from] tokio::task::JoinError),
}

impl BackendError {
    /// The user's own mistake (a query the index cannot run), as a message for them; `None`
    /// for a failure on our side. Both the API and the pages decide their status by this.
    pub fn user_error(&self) -> Option<&str> {
        match self {
            BackendError::Index(IndexError::BadQuery(message)) => Some(message),
            _ => None,
        }
    }
}

/// One page of the newest articles, with the total number stored.
pub struct Latest {
    pub total: u64,
    pub articles: Vec<StoredArticle>,
}

/// An article with the entities it mentions, its amounts and its time expressions.
pub struct ArticleWithEntities {
    pub stored: StoredArticle,
    /// In text order; each names one of `entities`.
    pub mentions: Vec<EntityMention>,
    pub entities: BTreeMap<EntityId, Entity>,
    /// In text order.
    pub amounts: Vec<Amount>,
    /// In text order.
    pub times: Vec<TimeRef>,
    /// In the order found; a speaker that names a person ("Kremlin spokesman Dmitry Peskov",
    /// not "Putin's troops"), or stands for one named before ("he"), carries its entity.
    pub quotes: Vec<Quote>,
    /// Where it was filed, with its story's digest once it has one.
    pub filing: Option<Filing>,
    pub story: Option<StoryDigest>,
    /// Its copies ("also reported by"), the article it copies, and the one it rewrites.
    pub copies: Vec<StoredArticle>,
    pub copy_of: Option<StoredArticle>,
    pub rewrite_of: Option<StoredArticle>,
    /// For each of its related headlines (teasers), the stored article it names, if any.
    pub teasers: Vec<Option<TeaserMatch>>,
    /// The versions it held before its page changed, oldest first.
    pub revisions: Vec<Revision>,
}

/// A stored article that a teaser headline names, and its story.
pub struct TeaserMatch {
    pub article: ArticleId,
    pub title: String,
    pub story: Option<StoryId>,
}

/// Articles of the search for a teaser's words checked against it.
const TEASER_HITS: usize = 5;

/// One page of stories in front-page order, with how many there are.
pub struct StoryList {
    pub total: u64,
    pub stories: Vec<StoryDigest>,
    /// Articles stored, filed or not.
    pub articles: u64,
}

/// Everything a story's page shows.
pub struct StoryOverview {
    pub digest: StoryDigest,
    /// Oldest first, copies included.
    pub articles: Vec<FiledArticle>,
    /// Articles per day, and per hour (UTC).
    pub timeline: Vec<(NaiveDate, u64)>,
    pub hours: Vec<(chrono::DateTime<chrono::Utc>, u64)>,
    /// With how many of the story's articles name each.
    pub entities: Vec<(EntityStats, u64)>,
    /// With how many entities each shares with this one.
    pub related: Vec<(StoryDigest, u64)>,
    /// The stories before and after it on the front page.
    pub neighbours: (Option<StoryId>, Option<StoryId>),
    /// Who said what in it (named people first, newest article first), and those people.
    pub quotes: Vec<FoundQuote>,
    pub speakers: BTreeMap<EntityId, Entity>,
}

/// Quotes a story's page shows at most.
const STORY_QUOTES: u64 = 12;

/// At most this many of an entity's roles are shown.
const ROLES: u64 = 8;

/// Everything an entity's page shows.
pub struct EntityOverview {
    pub stats: EntityStats,
    pub timeline: Vec<(NaiveDate, u64)>,
    /// With the number of articles shared.
    pub co_occurring: Vec<(EntityStats, u64)>,
    /// Roles given with the name, with how many mentions gave each.
    pub roles: Vec<(String, u64)>,
    /// One page of the articles that mention it, newest first.
    pub articles: Vec<StoredArticle>,
    /// What it said: its newest quotes, and how many there are.
    pub quotes: Vec<FoundQuote>,
    pub quote_count: u64,
}

/// One page of quotes, with how many match in all.
pub struct QuoteList {
    pub total: u64,
    pub quotes: Vec<FoundQuote>,
    /// The entities the quotes' speakers name (and the one searched for, when it exists).
    pub entities: BTreeMap<EntityId, Entity>,
}

/// One page of entities, with how many match in all.
pub struct EntityList {
    pub total: u64,
    pub entities: Vec<EntityStats>,
}

async fn blocking<T, F>(f: F) -> Result<T, BackendError>
where
    T: Send + 'static,
    F: FnOnce() -> Result<T, BackendError> + Send + 'static,
{
    tokio::task::spawn_blocking(f).await?
}

pub async fn latest(state: &AppState, offset: u64, limit: u64) -> Result<Latest, BackendError> {
    let store = state.store.clone();
    blocking(move || {
        let total = store.count()?;
        let articles = store.latest(Page { offset, limit })?;
        Ok(Latest { total, articles })
    })
    .await
}

pub async fn article_with_entities(
    state: &AppState,
    id: ArticleId,
) -> Result<Option<ArticleWithEntities>, BackendError> {
    let store = state.store.clone();
    let index = state.index.clone();
    blocking(move || {
        let Some(stored) = store.article(id)? else { return Ok(None) };
        let mut mentions = store.article_mentions(id)?;
        let mut entities = BTreeMap::new();
        for id in mentions.iter().filter_map(|m| m.entity) {
            if !entities.contains_key(&id)
                && let Some(stats) = store.entity(id)?
            {
                entities.insert(id, stats.entity);
            }
        }
        // A mention is only shown with its entity.
        mentions.retain(|m| m.entity.is_some_and(|id| entities.contains_key(&id)));
        let amounts = store.article_amounts(id)?;
        let times = store.article_times(id)?;
        let quotes = store.article_quotes(id)?;
        let filing = store.filing(id)?;
        let story = match filing {
            Some(f) => store.story(f.story)?,
            None => None,
        };
        let copies = store.copies_of(id)?;
        let copy_of = match filing.and_then(|f| f.duplicate_of) {
            Some(original) => store.article(original)?,
            None => None,
        };
        let rewrite_of = match filing.and_then(|f| f.rewrite_of) {
            Some(original) => store.article(original)?,
            None => None,
        };
        let mut teasers = Vec::with_capacity(stored.article.related_headlines.len());
        for headline in &stored.article.related_headlines {
            teasers.push(match teaser_article(&index, &headline.title, id)? {
                Some((article, title)) => {
                    let story = store.filing(article)?.map(|f| f.story);
                    Some(TeaserMatch { article, title, story })
                }
                None => None,
            });
        }
        let revisions = store.revisions(id)?;
        Ok(Some(ArticleWithEntities {
            stored,
            mentions,
            entities,
            amounts,
            times,
            quotes,
            filing,
            story,
            copies,
            copy_of,
            rewrite_of,
            teasers,
            revisions,
        }))
    })
    .await
}

/// The stored article (other than `page`) that `teaser` names: among those the search for its
/// words ranks first, the first whose title it agrees with.
fn teaser_article(
    index: &SearchIndex,
    teaser: &str,
    page: ArticleId,
) -> Result<Option<(ArticleId, String)>, BackendError> {
    // Its words only: a teaser's quotation marks, minus signs and colons are not search syntax.
    let words: Vec<&str> = teaser.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let query = SearchQuery { text: words.join(" "), limit: TEASER_HITS, ..SearchQuery::default() };
    let hits = match index.search(&query) {
        Ok(results) => results.hits,
        // No words to search for (or only ones the index ignores): it names nothing.
        Err(IndexError::BadQuery(_)) => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    Ok(hits
        .into_iter()
        .find(|hit| hit.id != page && newsgraph_cluster::teasers::names(teaser, &hit.title))
        .map(|hit| (hit.id, hit.title)))
}

/// The followed sources with the state of their polling, in the order followed.
pub async fn sources(state: &AppState) -> Result<Vec<Subscription>, BackendError> {
    let store = state.store.clone();
    blocking(move || Ok(store.subscriptions()?)).await
}

pub async fn stories(state: &AppState, page: Page) -> Result<StoryList, BackendError> {
    let store = state.store.clone();
    blocking(move || {
        Ok(StoryList { total: store.story_count()?, stories: store.stories(page)?, articles: store.count()? })
    })
    .await
}

/// Every section, and one page of the stories of the one named `slug` (`None`: no such
/// section).
pub async fn section(
    state: &AppState,
    slug: String,
    page: Page,
) -> Result<Option<(Vec<Section>, Section, SectionStories)>, BackendError> {
    let (store, index) = (state.store.clone(), state.index.clone());
    blocking(move || {
        let sections = store.sections()?;
        let Some(section) = sections.iter().find(|s| s.slug == slug).cloned() else { return Ok(None) };
        let stories = sections::stories(store.as_ref(), &index, &section.rule, page, chrono::Utc::now())?;
        Ok(Some((sections, section, stories)))
    })
    .await
}

/// The days and the most named entities of a search's best [`FACETED`] matches.
pub async fn search_facets(
    state: &AppState,
    query: SearchQuery,
) -> Result<(ArticleFacets, Vec<(Section, u64)>), BackendError> {
    let (store, index) = (state.store.clone(), state.index.clone());
    blocking(move || {
        let ids = index.matching_ids(&query, FACETED)?;
        let facets = store.facets(&ids, FACETS_PER_KIND)?;
        // The saved searches among the sections, each with how many of the matches it holds.
        let mut sections = Vec::new();
        for section in store.sections()? {
            let Some(rule) = sections::as_search(&section.rule) else { continue };
            let held = index.matching_among(&rule, &ids)?.len() as u64;
            if held > 0 {
                sections.push((section, held));
            }
        }
        sections.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.position.cmp(&b.0.position)));
        Ok((facets, sections))
    })
    .await
}

/// The matches a search's facets are counted over, and the entities listed of each kind.
pub const FACETED: usize = 1_000;
const FACETS_PER_KIND: u64 = 8;

pub async fn save_section(state: &AppState, section: Section) -> Result<(), BackendError> {
    let store = state.store.clone();
    blocking(move || Ok(store.save_section(&section)?)).await
}

pub async fn remove_section(state: &AppState, slug: String) -> Result<bool, BackendError> {
    let store = state.store.clone();
    blocking(move || Ok(store.remove_section(&slug)?)).await
}

pub async fn follow(state: &AppState, new: NewSubscription) -> Result<Subscribed, BackendError> {
    let store = state.store.clone();
    blocking(move || Ok(store.subscribe(&new, chrono::Utc::now())?)).await
}

pub async fn unfollow(state: &AppState, id: SubscriptionId) -> Result<bool, BackendError> {
    let store = state.store.clone();
    blocking(move || Ok(store.unsubscribe(id)?)).await
}

pub async fn sections(state: &AppState) -> Result<Vec<Section>, BackendError> {
    let store = state.store.clone();
    blocking(move || Ok(store.sections()?)).await
}

pub async fn story_overview(
    state: &AppState,
    id: StoryId,
    entities: u64,
    related: u64,
) -> Result<Option<StoryOverview>, BackendError> {
    let store = state.store.clone();
    blocking(move || {
        let Some(digest) = store.story(id)? else { return Ok(None) };
        let quotes = store.story_quotes(id, None, STORY_QUOTES)?;
        let mut speakers = BTreeMap::new();
        for person in quotes.iter().filter_map(|q| q.quote.speaker_entity) {
            if !speakers.contains_key(&person)
                && let Some(stats) = store.entity(person)?
            {
                speakers.insert(person, stats.entity);
            }
        }
        Ok(Some(StoryOverview {
            digest,
            articles: store.story_articles(id)?,
            timeline: store.story_timeline(id)?,
            hours: store.story_hours(id)?,
            entities: store.story_entities(id, entities)?,
            related: store.related_stories(id, related)?,
            neighbours: store.story_neighbours(id)?,
            quotes,
            speakers,
        }))
    })
    .await
}

pub async fn entity(state: &AppState, id: EntityId) -> Result<Option<EntityStats>, BackendError> {
    let store = state.store.clone();
    blocking(move || Ok(store.entity(id)?)).await
}

pub async fn entity_overview(
    state: &AppState,
    id: EntityId,
    articles: Page,
    co_occurring: u64,
    quotes: u64,
) -> Result<Option<EntityOverview>, BackendError> {
    let store = state.store.clone();
    blocking(move || {
        let said = QuoteFilter { speaker: Some(SpeakerFilter::Entity(id)), words: None };
        let Some(stats) = store.entity(id)? else { return Ok(None) };
        Ok(Some(EntityOverview {
            stats,
            timeline: store.entity_timeline(id)?,
            co_occurring: store.co_occurring(id, co_occurring)?,
            roles: store.entity_roles(id, ROLES)?,
            articles: store.entity_articles(id, articles)?,
            quotes: store.quotes(&said, Page { offset: 0, limit: quotes })?,
            quote_count: store.quote_count(&said)?,
        }))
    })
    .await
}

pub async fn quotes(state: &AppState, filter: QuoteFilter, page: Page) -> Result<QuoteList, BackendError> {
    let store = state.store.clone();
    blocking(move || {
        let total = store.quote_count(&filter)?;
        let quotes = store.quotes(&filter, page)?;
        let searched = match filter.speaker {
            Some(SpeakerFilter::Entity(id)) => Some(id),
            _ => None,
        };
        let mut entities = BTreeMap::new();
        for id in quotes.iter().filter_map(|q| q.quote.speaker_entity).chain(searched) {
            if !entities.contains_key(&id)
                && let Some(stats) = store.entity(id)?
            {
                entities.insert(id, stats.entity);
            }
        }
        Ok(QuoteList { total, quotes, entities })
    })
    .await
}

pub async fn entities(
    state: &AppState,
    filter: EntityFilter,
    page: Page,
) -> Result<EntityList, BackendError> {
    let store = state.store.clone();
    blocking(move || {
        Ok(EntityList { total: store.entity_count(&filter)?, entities: store.entities(&filter, page)? })
    })
    .await
}

/// The day `/digest` sends to ([`crate::digest::latest_day`]).
pub async fn latest_digest_day(state: &AppState) -> Result<chrono::NaiveDate, BackendError> {
    let store = state.store.clone();
    blocking(move || Ok(crate::digest::latest_day(store.as_ref(), chrono::Utc::now())?)).await
}

/// The daily digest asked for ([`crate::digest::assemble`]), of one section's stories when a
/// slug is given; `None` for a section that does not exist.
pub async fn digest(
    state: &AppState,
    request: DigestRequest,
    section: Option<String>,
) -> Result<Option<Digest>, BackendError> {
    let (store, index) = (state.store.clone(), state.index.clone());
    blocking(move || crate::digest::assemble_section(store.as_ref(), &index, &request, section.as_deref()))
        .await
}

pub async fn search(state: &AppState, query: SearchQuery) -> Result<SearchResults, BackendError> {
    let index = state.index.clone();
    blocking(move || Ok(index.search(&query)?)).await
}
