//! `/api/v1/digest/{date}`: one UTC day's top stories with their key quotes, the shape of
//! [`crate::digest::Digest`]; `/api/v1/digest` sends to yesterday's.

use axum::Json;
use axum::extract::State;
use axum::response::Redirect;
use chrono::Utc;

use super::{ApiError, ApiPath, ApiQuery};
use crate::digest::{self, Digest, DigestRequest};
use crate::params::RawParams;
use crate::{AppState, backend};

pub(super) async fn latest() -> Redirect {
    Redirect::temporary(&format!("/api/v1/digest/{}", digest::yesterday(Utc::now())))
}

pub(super) async fn one(
    State(state): State<AppState>,
    ApiPath(date): ApiPath<String>,
    ApiQuery(raw): ApiQuery<RawParams>,
) -> Result<Json<Digest>, ApiError> {
    let day = digest::parse_day(&date).map_err(ApiError::BadRequest)?;
    let stories = raw.limit(digest::DEFAULT_STORIES, digest::MAX_STORIES)?;
    let section = raw.section.clone().filter(|s| !s.trim().is_empty());
    let request = DigestRequest { stories, ..DigestRequest::new(day) };
    let found = backend::digest(&state, request, section.clone()).await?;
    Ok(Json(found.ok_or_else(|| {
        ApiError::NotFound(format!("there is no section {:?}", section.unwrap_or_default()))
    })?))
}
