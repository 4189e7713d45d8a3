//! `/api/v1/digest/{date}`: one UTC day's top stories with their key quotes, the shape of
//! [`crate::digest::Digest`]; `/api/v1/digest` sends to the latest day with news
//! ([`crate::digest::latest_day`]).

use axum::Json;
use axum::extract::State;
use axum::response::Redirect;

use super::{ApiError, ApiPath, ApiQuery};
use crate::digest::{self, Digest, DigestRequest};
use crate::params::RawParams;
use crate::{AppState, backend};

pub(super) async fn latest(State(state): State<AppState>) -> Result<Redirect, ApiError> {
    Ok(Redirect::temporary(&format!("/api/v1/digest/{}", backend::latest_digest_day(&state).await?)))
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
