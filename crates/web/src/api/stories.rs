//! `/api/v1/stories`: the stories (the coverage of one event by many articles), in front-page
//! order, and one story with its articles, timeline, entities and related stories.

use axum::Json;
use axum::extract::State;
use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use newsgraph_model::{ArticleId, EntityId, EntityKind, StoryId};
use newsgraph_store::{FiledArticle, Page, StoryDigest};
use serde::Serialize;

use super::{ApiError, ApiPath, ApiQuery, DEFAULT_LIMIT, MAX_LIMIT};
use crate::params::{self, RawParams};
use crate::{AppState, backend, display};

/// Entities and related stories one story's answer carries at most.
const ENTITIES: u64 = 40;
const RELATED: u64 = 10;

#[derive(Serialize)]
pub(super) struct StoryList {
    total: u64,
    offset: u64,
    limit: u64,
    stories: Vec<StorySummary>,
}

#[derive(Serialize)]
pub(super) struct StorySummary {
    id: StoryId,
    headline: String,
    /// The article whose title is the headline.
    headline_article: Option<ArticleId>,
    summary: Vec<String>,
    first_seen: DateTime<Utc>,
    last_seen: DateTime<Utc>,
    /// Articles, copies included.
    articles: u64,
    outlets: u64,
    /// The story's page in this app.
    link: String,
}

impl From<StoryDigest> for StorySummary {
    fn from(d: StoryDigest) -> Self {
        StorySummary {
            id: d.id,
            link: format!("/stories/{}", d.id.0),
            headline: d.headline,
            headline_article: d.headline_article,
            summary: d.summary,
            first_seen: d.first_seen,
            last_seen: d.last_seen,
            articles: d.articles,
            outlets: d.outlets,
        }
    }
}

#[derive(Serialize)]
pub(super) struct FullStory {
    #[serde(flatten)]
    story: StorySummary,
    /// Oldest first, copies included.
    coverage: Vec<Covered>,
    timeline: Vec<Day>,
    entities: Vec<Named>,
    related: Vec<Related>,
}

#[derive(Serialize)]
struct Covered {
    id: ArticleId,
    title: String,
    url: Option<String>,
    published: Option<DateTime<FixedOffset>>,
    outlet: String,
    /// The canonical article this one copies.
    duplicate_of: Option<ArticleId>,
    /// The article this one rewrites.
    rewrite_of: Option<ArticleId>,
    link: String,
}

impl From<FiledArticle> for Covered {
    fn from(filed: FiledArticle) -> Self {
        let outlet = display::site_label(&filed.article);
        let a = filed.article;
        Covered {
            id: a.id,
            link: format!("/articles/{}", a.id),
            title: a.article.title,
            url: a.article.url,
            published: a.article.published,
            outlet,
            duplicate_of: filed.filing.duplicate_of,
            rewrite_of: filed.filing.rewrite_of,
        }
    }
}

#[derive(Serialize)]
struct Day {
    day: NaiveDate,
    articles: u64,
}

#[derive(Serialize)]
struct Named {
    id: EntityId,
    kind: EntityKind,
    name: String,
    /// The story's articles that name it.
    articles: u64,
}

#[derive(Serialize)]
struct Related {
    #[serde(flatten)]
    story: StorySummary,
    /// Entities both stories name.
    shared_entities: u64,
}

pub(super) async fn list(
    State(state): State<AppState>,
    ApiQuery(raw): ApiQuery<RawParams>,
) -> Result<Json<StoryList>, ApiError> {
    let offset = raw.offset()?;
    let limit = raw.limit(DEFAULT_LIMIT, MAX_LIMIT)?;
    let found = backend::stories(&state, Page { offset, limit }).await?;
    let stories = found.stories.into_iter().map(StorySummary::from).collect();
    Ok(Json(StoryList { total: found.total, offset, limit, stories }))
}

pub(super) async fn one(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<FullStory>, ApiError> {
    let id = params::story_id(&id)
        .ok_or_else(|| ApiError::BadRequest(format!("a story id is a positive whole number, not {id:?}")))?;
    let overview = backend::story_overview(&state, id, ENTITIES, RELATED)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("there is no story {}", id.0)))?;
    Ok(Json(FullStory {
        story: overview.digest.into(),
        coverage: overview.articles.into_iter().map(Covered::from).collect(),
        timeline: overview.timeline.into_iter().map(|(day, articles)| Day { day, articles }).collect(),
        entities: overview
            .entities
            .into_iter()
            .map(|(stats, articles)| Named {
                id: stats.entity.id,
                kind: stats.entity.kind,
                name: stats.entity.name,
                articles,
            })
            .collect(),
        related: overview
            .related
            .into_iter()
            .map(|(story, shared_entities)| Related { story: story.into(), shared_entities })
            .collect(),
    }))
}
