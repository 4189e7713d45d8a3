//! The `/api/v1` JSON API. Handlers only parse parameters, call [`crate::backend`] and shape
//! the JSON; every failure goes through [`ApiError`].

mod digest;
mod entities;
mod error;
mod export;
mod openapi;
mod quotes;
mod sections;
mod sources;
mod stories;

use axum::Json;
use axum::extract::{FromRequestParts, Path, Query, State};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use chrono::{DateTime, FixedOffset, Utc};
use newsgraph_model::{
    ArticleId, EntityId, EntityKind, ShownAmount, ShownQuote, ShownTime, StoredArticle, StoryId,
    shown_amounts, shown_quotes, shown_times,
};
use serde::Serialize;

pub use error::ApiError;

use crate::params::{self, RawParams};
use crate::{AppState, backend, display};

const DEFAULT_LIMIT: u64 = 20;
const MAX_LIMIT: u64 = 100;

pub fn routes() -> axum::Router<AppState> {
    axum::Router::new()
        .route("/articles", get(list_articles))
        .route("/articles/{id}", get(one_article))
        .route("/search", get(search))
        .route("/entities", get(entities::list))
        .route("/entities/{id}", get(entities::one))
        .route("/quotes", get(quotes::list))
        .route("/stories", get(stories::list))
        .route("/stories/{id}", get(stories::one))
        .route("/sources", get(sources::list).post(sources::follow))
        .route("/sources/{id}", axum::routing::delete(sources::drop))
        .route("/sections", get(sections::list).post(sections::save))
        .route("/sections/{slug}", get(sections::one).delete(sections::remove))
        .route("/digest", get(digest::latest))
        .route("/digest/{date}", get(digest::one))
        .route("/openapi.json", get(openapi::document))
        .route("/export", get(export::export))
        .method_not_allowed_fallback(method_not_allowed)
}

/// `Query` with its rejection mapped into the API's error table.
struct ApiQuery<T>(T);

impl<S: Send + Sync, T: serde::de::DeserializeOwned> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        Ok(ApiQuery(Query::<T>::from_request_parts(parts, state).await?.0))
    }
}

/// `Path` with its rejection mapped into the API's error table.
struct ApiPath<T>(T);

impl<S: Send + Sync, T: serde::de::DeserializeOwned + Send> FromRequestParts<S> for ApiPath<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        Ok(ApiPath(Path::<T>::from_request_parts(parts, state).await?.0))
    }
}

/// A JSON body, its rejection mapped into the API's error table.
struct ApiJson<T>(T);

impl<S: Send + Sync, T: serde::de::DeserializeOwned> axum::extract::FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(request: axum::extract::Request, state: &S) -> Result<Self, ApiError> {
        match Json::<T>::from_request(request, state).await {
            Ok(Json(value)) => Ok(ApiJson(value)),
            Err(rejection) => Err(ApiError::BadRequest(rejection.body_text())),
        }
    }
}

#[derive(Serialize)]
struct ArticleList {
    total: u64,
    offset: u64,
    limit: u64,
    articles: Vec<ArticleSummary>,
}

#[derive(Serialize)]
struct ArticleSummary {
    id: ArticleId,
    title: String,
    title_inferred: bool,
    url: Option<String>,
    published: Option<DateTime<FixedOffset>>,
    site: Option<String>,
    language: Option<String>,
    authors: Vec<String>,
    excerpt: String,
}

impl From<StoredArticle> for ArticleSummary {
    fn from(stored: StoredArticle) -> Self {
        let excerpt = display::excerpt(&stored, display::EXCERPT_CHARS);
        let a = stored.article;
        ArticleSummary {
            id: stored.id,
            title: a.title,
            title_inferred: a.title_inferred,
            url: a.url,
            published: a.published,
            site: a.site,
            language: a.language,
            authors: a.authors,
            excerpt,
        }
    }
}

/// A whole stored article with the entities it mentions, its amounts, its time expressions
/// and its quotes (offsets in characters, as for mentions).
#[derive(Serialize)]
struct FullArticle<'a> {
    #[serde(flatten)]
    stored: &'a StoredArticle,
    entities: Vec<Mention>,
    amounts: Vec<ShownAmount<'a>>,
    times: Vec<ShownTime<'a>>,
    quotes: Vec<ShownQuote<'a>>,
    /// Where it was filed; absent while it is not filed in a story.
    #[serde(skip_serializing_if = "Option::is_none")]
    story: Option<StoryRef>,
    /// Its copies ("also reported by").
    copies: Vec<ArticleLink>,
    /// Its related headlines (teasers) that name a stored article, with that article's story.
    teasers_found: Vec<TeaserFound>,
    /// The versions it held before its page changed, oldest first.
    revisions: Vec<EarlierVersion<'a>>,
}

#[derive(Serialize)]
struct EarlierVersion<'a> {
    number: u32,
    title: &'a str,
    published: Option<DateTime<FixedOffset>>,
    updated: Option<DateTime<FixedOffset>>,
    fetched_at: Option<DateTime<Utc>>,
    /// When the next version took its place.
    replaced_at: DateTime<Utc>,
    paragraphs: &'a [String],
}

#[derive(Serialize)]
struct TeaserFound {
    headline: String,
    article: ArticleId,
    story: Option<StoryId>,
    link: String,
}

/// The story an article was filed in, and what the article copies or rewrites.
#[derive(Serialize)]
struct StoryRef {
    id: StoryId,
    headline: Option<String>,
    duplicate_of: Option<ArticleId>,
    rewrite_of: Option<ArticleId>,
    link: String,
}

#[derive(Serialize)]
struct ArticleLink {
    id: ArticleId,
    title: String,
    outlet: String,
    link: String,
}

/// One mention; `start` and `end` count Unicode characters (not bytes) into the paragraphs
/// joined by a blank line.
#[derive(Serialize)]
struct Mention {
    id: EntityId,
    kind: EntityKind,
    /// The entity's name; `text` is how this article writes it.
    name: String,
    text: String,
    start: usize,
    end: usize,
    role: Option<String>,
}

#[derive(Serialize)]
struct SearchResponse {
    total: usize,
    offset: u64,
    limit: u64,
    /// The entity the hits mention, when the search was filtered by one.
    #[serde(skip_serializing_if = "Option::is_none")]
    entity: Option<entities::EntityRef>,
    hits: Vec<Hit>,
}

#[derive(Serialize)]
struct Hit {
    id: ArticleId,
    title: String,
    published: Option<DateTime<Utc>>,
    score: f32,
    snippet_html: String,
}

async fn list_articles(
    State(state): State<AppState>,
    ApiQuery(raw): ApiQuery<RawParams>,
) -> Result<Json<ArticleList>, ApiError> {
    let offset = raw.offset()?;
    let limit = raw.limit(DEFAULT_LIMIT, MAX_LIMIT)?;
    let latest = backend::latest(&state, offset, limit).await?;
    let articles = latest.articles.into_iter().map(ArticleSummary::from).collect();
    Ok(Json(ArticleList { total: latest.total, offset, limit, articles }))
}

async fn one_article(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
) -> Result<Response, ApiError> {
    let id = params::article_id(&id).ok_or_else(|| {
        ApiError::BadRequest(format!("an article id is a positive whole number, not {id:?}"))
    })?;
    let found = backend::article_with_entities(&state, id).await?;
    let found = found.ok_or_else(|| ApiError::NotFound(format!("there is no article {id}")))?;
    let text = found.stored.article.text();
    let bytes: Vec<usize> = found.mentions.iter().flat_map(|m| [m.span.start, m.span.end]).collect();
    let chars = newsgraph_model::char_offsets(&text, &bytes);
    let mut list = Vec::with_capacity(found.mentions.len());
    for (m, offsets) in found.mentions.into_iter().zip(chars.chunks(2)) {
        let entity = m.entity.and_then(|id| found.entities.get(&id));
        let (Some(entity), [Some(start), Some(end)]) = (entity, offsets) else { continue };
        list.push(Mention {
            id: entity.id,
            kind: m.kind,
            name: entity.name.clone(),
            text: m.span.slice(&text).unwrap_or_default().to_owned(),
            start: *start,
            end: *end,
            role: m.role,
        });
    }
    let full = FullArticle {
        stored: &found.stored,
        entities: list,
        amounts: shown_amounts(&text, &found.amounts),
        times: shown_times(&text, &found.times),
        quotes: shown_quotes(&text, &found.quotes),
        story: found.filing.map(|f| StoryRef {
            id: f.story,
            headline: found.story.as_ref().map(|s| s.headline.clone()),
            duplicate_of: f.duplicate_of,
            rewrite_of: f.rewrite_of,
            link: format!("/stories/{}", f.story.0),
        }),
        copies: found
            .copies
            .iter()
            .map(|c| ArticleLink {
                id: c.id,
                title: c.article.title.clone(),
                outlet: display::site_label(c),
                link: format!("/articles/{}", c.id),
            })
            .collect(),
        teasers_found: found
            .stored
            .article
            .related_headlines
            .iter()
            .zip(&found.teasers)
            .filter_map(|(headline, teaser)| {
                let t = teaser.as_ref()?;
                let link = match t.story {
                    Some(story) => format!("/stories/{}", story.0),
                    None => format!("/articles/{}", t.article),
                };
                Some(TeaserFound {
                    headline: headline.title.clone(),
                    article: t.article,
                    story: t.story,
                    link,
                })
            })
            .collect(),
        revisions: found
            .revisions
            .iter()
            .map(|r| EarlierVersion {
                number: r.number,
                title: &r.title,
                published: r.published,
                updated: r.updated,
                fetched_at: r.fetched_at,
                replaced_at: r.replaced_at,
                paragraphs: &r.paragraphs,
            })
            .collect(),
    };
    // Serialised here, while `full` can still borrow from `found`.
    Ok(Json(full).into_response())
}

async fn search(
    State(state): State<AppState>,
    ApiQuery(raw): ApiQuery<RawParams>,
) -> Result<Json<SearchResponse>, ApiError> {
    let entity = raw.entity()?;
    let text = raw.query_text();
    if text.is_none() && entity.is_none() {
        return Err(ApiError::BadRequest("q (the search text) or entity (an entity id) is required".into()));
    }
    let offset = raw.offset()?;
    let limit = raw.limit(DEFAULT_LIMIT, MAX_LIMIT)?;
    let query = raw.search_query(text.unwrap_or(""), entity, offset, limit)?;
    let entity = match entity {
        Some(id) => Some(entities::EntityRef::from(entities::find(&state, id).await?.entity)),
        None => None,
    };
    let results = backend::search(&state, query).await?;
    let hits = results
        .hits
        .into_iter()
        .map(|h| Hit {
            id: h.id,
            title: h.title,
            published: h.published,
            score: h.score,
            snippet_html: h.snippet_html,
        })
        .collect();
    Ok(Json(SearchResponse { total: results.total, offset, limit, entity, hits }))
}

/// Unknown paths under `/api`; routed by [`crate::router`]'s fallback.
pub async fn not_found() -> ApiError {
    ApiError::NotFound("there is no such API endpoint".into())
}

async fn method_not_allowed() -> ApiError {
    ApiError::MethodNotAllowed
}
