//! `/api/v1/sections`: the sections with their rules, and one section's stories; with the
//! app's token, a section added (or replaced) and removed.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use newsgraph_model::EntityId;
use newsgraph_store::{Page, Section, SectionRule, slug_of, valid_slug};
use serde::{Deserialize, Serialize};

use super::stories::StorySummary;
use super::{ApiError, ApiJson, ApiPath, ApiQuery, DEFAULT_LIMIT, MAX_LIMIT};
use crate::auth::Admin;
use crate::params::RawParams;
use crate::{AppState, backend};

#[derive(Serialize)]
pub(super) struct SectionList {
    sections: Vec<SectionRef>,
}

#[derive(Serialize)]
pub(super) struct SectionRef {
    slug: String,
    name: String,
    position: i64,
    rule: SectionRule,
    /// The section's page in this app.
    link: String,
}

impl From<Section> for SectionRef {
    fn from(s: Section) -> Self {
        SectionRef {
            link: format!("/sections/{}", s.slug),
            slug: s.slug,
            name: s.name,
            position: s.position,
            rule: s.rule,
        }
    }
}

#[derive(Serialize)]
pub(super) struct SectionStories {
    section: SectionRef,
    total: u64,
    offset: u64,
    limit: u64,
    stories: Vec<SectionStory>,
}

#[derive(Serialize)]
struct SectionStory {
    #[serde(flatten)]
    story: StorySummary,
    /// For Breaking: the story's articles in the window.
    #[serde(skip_serializing_if = "Option::is_none")]
    recent_articles: Option<u64>,
}

pub(super) async fn list(State(state): State<AppState>) -> Result<Json<SectionList>, ApiError> {
    let sections = backend::sections(&state).await?;
    Ok(Json(SectionList { sections: sections.into_iter().map(SectionRef::from).collect() }))
}

pub(super) async fn one(
    State(state): State<AppState>,
    ApiPath(slug): ApiPath<String>,
    ApiQuery(raw): ApiQuery<RawParams>,
) -> Result<Json<SectionStories>, ApiError> {
    let offset = raw.offset()?;
    let limit = raw.limit(DEFAULT_LIMIT, MAX_LIMIT)?;
    let found = backend::section(&state, slug.clone(), Page { offset, limit }).await?;
    let (_, section, stories) =
        found.ok_or_else(|| ApiError::NotFound(format!("there is no section {slug:?}")))?;
    Ok(Json(SectionStories {
        section: section.into(),
        total: stories.total,
        offset,
        limit,
        stories: stories
            .stories
            .into_iter()
            .map(|(digest, recent)| SectionStory { story: digest.into(), recent_articles: recent })
            .collect(),
    }))
}

/// `POST /api/v1/sections`: a section of the stories matching words and naming entities.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct NewSection {
    name: String,
    /// Made from the name when not given.
    slug: Option<String>,
    /// After every other section when not given.
    position: Option<i64>,
    #[serde(default)]
    query: String,
    #[serde(default)]
    entities: Vec<EntityId>,
}

pub(super) async fn save(
    _: Admin,
    State(state): State<AppState>,
    ApiJson(new): ApiJson<NewSection>,
) -> Result<(StatusCode, Json<SectionRef>), ApiError> {
    let slug = match new.slug {
        Some(slug) if valid_slug(&slug) => slug,
        Some(slug) => {
            return Err(ApiError::BadRequest(format!(
                "{slug:?} is not a slug: lower-case letters, digits and inner hyphens"
            )));
        }
        None => slug_of(&new.name).ok_or_else(|| {
            ApiError::BadRequest(format!("no slug can be made of {:?}: give one", new.name))
        })?,
    };
    if new.query.trim().is_empty() && new.entities.is_empty() {
        return Err(ApiError::BadRequest("a section needs a query or entities".into()));
    }
    for id in &new.entities {
        if backend::entity(&state, *id).await?.is_none() {
            return Err(ApiError::BadRequest(format!("there is no entity {}", id.0)));
        }
    }
    let sections = backend::sections(&state).await?;
    let position = new.position.unwrap_or_else(|| {
        sections.iter().filter(|s| s.slug != slug).map(|s| s.position + 1).max().unwrap_or(0)
    });
    let section = Section {
        slug,
        name: new.name.trim().to_owned(),
        position,
        rule: SectionRule::Query { text: new.query, entities: new.entities },
    };
    backend::save_section(&state, section.clone()).await?;
    Ok((StatusCode::CREATED, Json(section.into())))
}

/// `DELETE /api/v1/sections/{slug}`.
pub(super) async fn remove(
    _: Admin,
    State(state): State<AppState>,
    ApiPath(slug): ApiPath<String>,
) -> Result<StatusCode, ApiError> {
    match backend::remove_section(&state, slug.clone()).await? {
        true => Ok(StatusCode::NO_CONTENT),
        false => Err(ApiError::NotFound(format!("there is no section {slug:?}"))),
    }
}
