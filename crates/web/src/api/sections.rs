//! `/api/v1/sections`: the sections with their rules, and one section's stories.

use axum::Json;
use axum::extract::State;
use newsgraph_store::{Page, Section, SectionRule};
use serde::Serialize;

use super::stories::StorySummary;
use super::{ApiError, ApiPath, ApiQuery, DEFAULT_LIMIT, MAX_LIMIT};
use crate::params::RawParams;
use crate::{AppState, backend};

#[derive(Serialize)]
pub(super) struct SectionList {
    sections: Vec<SectionRef>,
}

#[derive(Serialize)]
struct SectionRef {
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
