//! `/api/v1/entities`: the people, organisations and places the articles name.

use axum::Json;
use axum::extract::State;
use chrono::NaiveDate;
use newsgraph_model::{Entity, EntityId, EntityKind, GeoPoint};
use newsgraph_store::{EntityFilter, EntityStats, Page};
use serde::Serialize;

use super::{ApiError, ApiPath, ApiQuery, ArticleSummary, DEFAULT_LIMIT, MAX_LIMIT};
use crate::params::{self, RawParams};
use crate::{AppState, backend};

/// How many co-occurring entities and latest articles one entity's answer carries.
const CO_OCCURRING: u64 = 10;
const LATEST: u64 = 10;

#[derive(Serialize)]
pub(super) struct EntityList {
    total: u64,
    offset: u64,
    limit: u64,
    entities: Vec<EntitySummary>,
}

#[derive(Serialize)]
struct EntitySummary {
    id: EntityId,
    kind: EntityKind,
    name: String,
    aliases: Vec<String>,
    location: Option<GeoPoint>,
    country: Option<String>,
    mentions: u64,
    articles: u64,
}

impl From<EntityStats> for EntitySummary {
    fn from(stats: EntityStats) -> Self {
        let e = stats.entity;
        EntitySummary {
            id: e.id,
            kind: e.kind,
            name: e.name,
            aliases: e.aliases,
            location: e.location,
            country: e.country,
            mentions: stats.mentions,
            articles: stats.articles,
        }
    }
}

/// Which entity a search was filtered by.
#[derive(Serialize)]
pub(super) struct EntityRef {
    id: EntityId,
    kind: EntityKind,
    name: String,
}

impl From<Entity> for EntityRef {
    fn from(e: Entity) -> Self {
        EntityRef { id: e.id, kind: e.kind, name: e.name }
    }
}

#[derive(Serialize)]
pub(super) struct EntityDetail {
    #[serde(flatten)]
    summary: EntitySummary,
    /// Mentions per day, oldest first; days without any are left out.
    timeline: Vec<Day>,
    co_occurring: Vec<CoOccurring>,
    /// Roles given with its name ("Kremlin spokesman"), most given first.
    roles: Vec<Role>,
    /// The newest articles that mention it.
    articles: Vec<ArticleSummary>,
}

#[derive(Serialize)]
struct Day {
    date: NaiveDate,
    mentions: u64,
}

#[derive(Serialize)]
struct Role {
    role: String,
    mentions: u64,
}

#[derive(Serialize)]
struct CoOccurring {
    #[serde(flatten)]
    entity: EntitySummary,
    shared_articles: u64,
}

pub(super) async fn list(
    State(state): State<AppState>,
    ApiQuery(raw): ApiQuery<RawParams>,
) -> Result<Json<EntityList>, ApiError> {
    let filter = EntityFilter { kind: raw.kind()?, query: raw.query_text().map(str::to_owned) };
    let offset = raw.offset()?;
    let limit = raw.limit(DEFAULT_LIMIT, MAX_LIMIT)?;
    let found = backend::entities(&state, filter, Page { offset, limit }).await?;
    let entities = found.entities.into_iter().map(EntitySummary::from).collect();
    Ok(Json(EntityList { total: found.total, offset, limit, entities }))
}

pub(super) async fn one(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<EntityDetail>, ApiError> {
    let id = path_id(&id)?;
    let latest = Page { offset: 0, limit: LATEST };
    let overview = backend::entity_overview(&state, id, latest, CO_OCCURRING, 0).await?;
    let overview = overview.ok_or_else(|| not_found(id))?;
    Ok(Json(EntityDetail {
        summary: overview.stats.into(),
        timeline: overview.timeline.into_iter().map(|(date, mentions)| Day { date, mentions }).collect(),
        co_occurring: overview
            .co_occurring
            .into_iter()
            .map(|(stats, shared_articles)| CoOccurring { entity: stats.into(), shared_articles })
            .collect(),
        roles: overview.roles.into_iter().map(|(role, mentions)| Role { role, mentions }).collect(),
        articles: overview.articles.into_iter().map(ArticleSummary::from).collect(),
    }))
}

/// The entity, or the API's 404 for it.
pub(super) async fn find(state: &AppState, id: EntityId) -> Result<EntityStats, ApiError> {
    backend::entity(state, id).await?.ok_or_else(|| not_found(id))
}

fn path_id(text: &str) -> Result<EntityId, ApiError> {
    params::entity_id(text)
        .ok_or_else(|| ApiError::BadRequest(format!("an entity id is a positive whole number, not {text:?}")))
}

fn not_found(id: EntityId) -> ApiError {
    ApiError::NotFound(format!("there is no entity {}", id.0))
}
