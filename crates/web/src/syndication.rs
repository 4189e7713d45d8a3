//! Feeds out, so that any feed reader can follow what the pages show: each as Atom 1.0 (a path
//! ending `.atom`) and as JSON Feed 1.1 (the same path ending `.json`).
//!
//! | feed | follows |
//! |---|---|
//! | `/feeds/stories.atom` | the front page: its newest stories in its order (before any article is filed in a story, the newest articles) |
//! | `/feeds/search.atom?q=&entity=&since=&until=` | a search, with `/api/v1/search`'s parameters: the newest matches |
//! | `/feeds/entities/{id}.atom` | an entity: the newest articles naming it |
//! | `/feeds/stories/{id}.atom` | a story: its newest articles, copies included |
//!
//! Each lists [`ITEMS`] entries at most. Links are absolute, made from the configured public
//! address or else the request's host ([`origin`]). A malformed parameter is a 400 and an
//! unknown entity or story a 404, as HTML error pages, as for the pages.

mod atom;
mod entries;
mod json;
mod load;
mod origin;

use axum::extract::{FromRequestParts, State};
use axum::http::header;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use newsgraph_index::SearchHit;
use newsgraph_model::{ArticleId, Entity, EntityId, StoryId};
use newsgraph_store::Section;

use crate::pages::{PageError, PageQuery};
use crate::params::{self, RawParams};
use crate::{AppState, backend, display};
use entries::{Entry, Feed};
pub use origin::parse_public_url;

/// Most entries in a feed.
pub const ITEMS: usize = 50;

/// Hits a text search ranks before the newest [`ITEMS`] are kept: the index orders text
/// matches by relevance, not date, so a feed takes the newest of the best (all of them, up to
/// the index's limit of a thousand).
const SEARCH_POOL: u64 = newsgraph_index::MAX_LIMIT as u64;

pub fn routes() -> axum::Router<AppState> {
    axum::Router::new()
        .route("/feeds/stories.atom", get(front))
        .route("/feeds/stories.json", get(front))
        .route("/feeds/search.atom", get(search))
        .route("/feeds/search.json", get(search))
        .route("/feeds/entities/{file}", get(entity))
        .route("/feeds/stories/{file}", get(story))
        .route("/feeds/sections/{file}", get(section))
}

/// Where a page's feeds are, relative to the server, and what they are called: for the
/// page's `<link rel="alternate">` and its visible link, and for the feeds' own links.
pub struct FeedLinks {
    pub title: String,
    pub atom: String,
    pub json: String,
}

impl FeedLinks {
    fn at(title: String, path: &str, query: &str) -> FeedLinks {
        let query = if query.is_empty() { String::new() } else { format!("?{query}") };
        FeedLinks { title, atom: format!("{path}.atom{query}"), json: format!("{path}.json{query}") }
    }

    pub fn front() -> FeedLinks {
        FeedLinks::at("Stories · newsgraph".into(), "/feeds/stories", "")
    }

    /// The search `raw` asks for, its parameters spelled as the search page's links spell them.
    pub fn search(raw: &RawParams, title: &str) -> FeedLinks {
        FeedLinks::at(format!("{title} · newsgraph"), "/feeds/search", &search_query_string(raw))
    }

    pub fn entity(entity: &Entity) -> FeedLinks {
        FeedLinks::at(format!("{} · newsgraph", entity.name), &format!("/feeds/entities/{}", entity.id.0), "")
    }

    pub fn section(section: &Section) -> FeedLinks {
        FeedLinks::at(
            format!("{} · newsgraph", section.name),
            &format!("/feeds/sections/{}", section.slug),
            "",
        )
    }

    pub fn story(id: StoryId, headline: &str) -> FeedLinks {
        FeedLinks::at(
            format!("{} · newsgraph", display::title(headline)),
            &format!("/feeds/stories/{}", id.0),
            "",
        )
    }
}

/// `q`, `entity`, `since` and `until` as given (blank ones left out), percent-encoded.
fn search_query_string(raw: &RawParams) -> String {
    [("q", &raw.q), ("entity", &raw.entity), ("since", &raw.since), ("until", &raw.until)]
        .into_iter()
        .filter_map(|(name, value)| {
            let value = value.as_deref().map(str::trim).filter(|v| !v.is_empty())?;
            Some(format!("{name}={}", display::encode_query_value(value)))
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// What a search is about, in a few words: its text, the entity it is limited to, or both.
pub fn search_title(text: Option<&str>, entity: Option<&Entity>) -> String {
    match (text, entity) {
        (Some(text), Some(entity)) => format!("“{text}” naming {}", entity.name),
        (Some(text), None) => format!("“{text}”"),
        (None, Some(entity)) => format!("Articles naming {}", entity.name),
        (None, None) => "Search".to_owned(),
    }
}

#[derive(Clone, Copy)]
enum Format {
    Atom,
    Json,
}

impl Format {
    /// `stem.atom` or `stem.json` as the stem and the format.
    fn split(file: &str) -> Option<(&str, Format)> {
        match file.rsplit_once('.')? {
            (stem, "atom") => Some((stem, Format::Atom)),
            (stem, "json") => Some((stem, Format::Json)),
            _ => None,
        }
    }

    fn content_type(self) -> &'static str {
        match self {
            Format::Atom => "application/atom+xml; charset=utf-8",
            Format::Json => "application/feed+json; charset=utf-8",
        }
    }
}

/// What every feed request carries: the format and the stem its last path segment names
/// (`7` in `/feeds/entities/7.atom`), the base of absolute links, and the query.
struct FeedRequest {
    format: Format,
    stem: String,
    base: String,
    raw: RawParams,
}

impl FromRequestParts<AppState> for FeedRequest {
    type Rejection = PageError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, PageError> {
        let file = parts.uri.path().rsplit('/').next().unwrap_or("");
        let (stem, format) = Format::split(file).ok_or(PageError::NotFound)?;
        let stem = stem.to_owned();
        let base = origin::base_url(state.public_url.as_deref(), &parts.headers, &parts.uri);
        let PageQuery(raw) = PageQuery::from_request_parts(parts, state).await?;
        Ok(FeedRequest { format, stem, base, raw })
    }
}

impl FeedRequest {
    /// The feed for `links`, following the page at `home` (a path).
    fn feed(&self, links: &FeedLinks, description: String, home: &str, entries: Vec<Entry>) -> Feed {
        Feed {
            title: links.title.clone(),
            description,
            home: format!("{}{home}", self.base),
            atom: format!("{}{}", self.base, links.atom),
            json: format!("{}{}", self.base, links.json),
            entries,
        }
    }

    fn respond(&self, feed: &Feed) -> Result<Response, PageError> {
        let body = match self.format {
            Format::Atom => atom::render(feed),
            Format::Json => json::render(feed).map_err(|e| PageError::Internal(e.to_string()))?,
        };
        Ok(([(header::CONTENT_TYPE, self.format.content_type())], body).into_response())
    }
}

async fn front(State(state): State<AppState>, req: FeedRequest) -> Result<Response, PageError> {
    let page = newsgraph_store::Page { offset: 0, limit: ITEMS as u64 };
    let stories = backend::stories(&state, page).await?;
    let links = FeedLinks::front();
    let feed = if stories.total == 0 {
        // As the front page does before anything is filed.
        let latest = backend::latest(&state, 0, ITEMS as u64).await?;
        let entries = latest.articles.iter().map(|a| Entry::article(&req.base, a)).collect();
        let links = FeedLinks { title: "Latest articles · newsgraph".into(), ..links };
        req.feed(&links, "The newest articles".into(), "/", entries)
    } else {
        let headlines: Vec<ArticleId> = stories.stories.iter().filter_map(|s| s.headline_article).collect();
        let headlines = load::articles(&state, headlines).await?;
        let entries = stories
            .stories
            .iter()
            .map(|s| {
                let headline = s.headline_article.and_then(|id| headlines.iter().find(|a| a.id == id));
                Entry::story(&req.base, s, headline)
            })
            .collect();
        req.feed(&links, "The front page's stories, the freshest and largest first".into(), "/", entries)
    };
    req.respond(&feed)
}

async fn search(State(state): State<AppState>, req: FeedRequest) -> Result<Response, PageError> {
    let raw = &req.raw;
    let entity_id = raw.entity()?;
    let text = raw.query_text();
    if text.is_none() && entity_id.is_none() {
        return Err(PageError::BadRequest("q (the search text) or entity (an entity id) is required".into()));
    }
    // Without text the index lists the newest first itself.
    let pool = if text.is_some() { SEARCH_POOL } else { ITEMS as u64 };
    let query = raw.search_query(text.unwrap_or(""), entity_id, 0, pool)?;
    let entity = match entity_id {
        Some(id) => Some(backend::entity(&state, id).await?.ok_or(PageError::NotFound)?.entity),
        None => None,
    };
    let results = backend::search(&state, query).await?;
    let articles = load::articles(&state, newest(results.hits)).await?;
    let entries = articles.iter().map(|a| Entry::article(&req.base, a)).collect();
    let links = FeedLinks::search(raw, &search_title(text, entity.as_ref()));
    let home = format!("/search?{}", search_query_string(raw));
    let feed = req.feed(&links, "The newest articles the search finds".into(), &home, entries);
    req.respond(&feed)
}

/// The ids of the newest [`ITEMS`] hits, newest first; undated ones last, in the index's order.
fn newest(mut hits: Vec<SearchHit>) -> Vec<ArticleId> {
    hits.sort_by_key(|h| std::cmp::Reverse(h.published));
    hits.into_iter().take(ITEMS).map(|h| h.id).collect()
}

async fn entity(State(state): State<AppState>, req: FeedRequest) -> Result<Response, PageError> {
    let id: EntityId = params::entity_id(&req.stem).ok_or(PageError::NotFound)?;
    let (entity, articles) =
        load::entity_articles(&state, id, ITEMS as u64).await?.ok_or(PageError::NotFound)?;
    let entries = articles.iter().map(|a| Entry::article(&req.base, a)).collect();
    let description = format!("The newest articles naming {}", entity.name);
    let feed = req.feed(&FeedLinks::entity(&entity), description, &format!("/entities/{}", id.0), entries);
    req.respond(&feed)
}

async fn section(State(state): State<AppState>, req: FeedRequest) -> Result<Response, PageError> {
    let page = newsgraph_store::Page { offset: 0, limit: ITEMS as u64 };
    let (_, section, stories) =
        backend::section(&state, req.stem.clone(), page).await?.ok_or(PageError::NotFound)?;
    let headlines: Vec<ArticleId> = stories.stories.iter().filter_map(|(s, _)| s.headline_article).collect();
    let headlines = load::articles(&state, headlines).await?;
    let entries = stories
        .stories
        .iter()
        .map(|(s, _)| {
            let headline = s.headline_article.and_then(|id| headlines.iter().find(|a| a.id == id));
            Entry::story(&req.base, s, headline)
        })
        .collect();
    let description = format!("The stories of the section {}", section.name);
    let feed =
        req.feed(&FeedLinks::section(&section), description, &format!("/sections/{}", section.slug), entries);
    req.respond(&feed)
}

async fn story(State(state): State<AppState>, req: FeedRequest) -> Result<Response, PageError> {
    let id = params::story_id(&req.stem).ok_or(PageError::NotFound)?;
    let (digest, articles) = load::story_articles(&state, id, ITEMS).await?.ok_or(PageError::NotFound)?;
    let entries = articles.iter().map(|a| Entry::article(&req.base, a)).collect();
    let links = FeedLinks::story(id, &digest.headline);
    let description = "The story's coverage, the newest article first".to_owned();
    let feed = req.feed(&links, description, &format!("/stories/{}", id.0), entries);
    req.respond(&feed)
}
