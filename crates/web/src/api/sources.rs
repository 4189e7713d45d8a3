//! `/api/v1/sources`: the sources followed and the state of their polling; with the app's
//! token, a source followed and dropped.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use newsgraph_store::{NewSubscription, Subscribed, SubscriptionId, SubscriptionKind};
use serde::{Deserialize, Serialize};

use super::{ApiError, ApiJson, ApiPath};
use crate::auth::Admin;
use crate::{AppState, backend};

#[derive(Serialize)]
pub(super) struct SourceList {
    sources: Vec<SourceState>,
}

#[derive(Serialize)]
struct SourceState {
    id: i64,
    url: String,
    kind: &'static str,
    section: Option<String>,
    title: Option<String>,
    allow_private: bool,
    added_at: DateTime<Utc>,
    last_polled: Option<DateTime<Utc>>,
    next_poll: Option<DateTime<Utc>>,
    last_status: Option<u16>,
    last_error: Option<String>,
    failures: u32,
    articles_found: u64,
}

pub(super) async fn list(State(state): State<AppState>) -> Result<Json<SourceList>, ApiError> {
    let sources = backend::sources(&state)
        .await?
        .into_iter()
        .map(|s| SourceState {
            id: s.id.0,
            url: s.url,
            kind: s.kind.as_str(),
            section: s.section,
            title: s.title,
            allow_private: s.allow_private,
            added_at: s.added_at,
            last_polled: s.last_polled,
            next_poll: s.next_poll,
            last_status: s.last_status,
            last_error: s.last_error,
            failures: s.failures,
            articles_found: s.articles_found,
        })
        .collect();
    Ok(Json(SourceList { sources }))
}

/// `POST /api/v1/sources`: follow a feed, a sitemap or a page, as `newsgraph source add`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct NewSource {
    url: String,
    /// `feed`, `sitemap` or `page`; by default a feed, or a sitemap when the URL names one.
    kind: Option<String>,
    section: Option<String>,
    title: Option<String>,
    #[serde(default)]
    allow_private: bool,
}

#[derive(Serialize)]
pub(super) struct Followed {
    id: i64,
    url: String,
    kind: &'static str,
    /// `false` when it was followed already (nothing changed).
    added: bool,
}

pub(super) async fn follow(
    _: Admin,
    State(state): State<AppState>,
    ApiJson(new): ApiJson<NewSource>,
) -> Result<(StatusCode, Json<Followed>), ApiError> {
    let url = url::Url::parse(new.url.trim()).map_err(|e| ApiError::BadRequest(format!("not a URL: {e}")))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(ApiError::BadRequest(format!("only http and https sources, not {}", url.scheme())));
    }
    let kind = match new.kind.as_deref() {
        Some(text) => SubscriptionKind::parse(text)
            .ok_or_else(|| ApiError::BadRequest(format!("kind is feed, sitemap or page, not {text:?}")))?,
        None => SubscriptionKind::guess(url.path()),
    };
    let blank = |t: Option<String>| t.filter(|t| !t.trim().is_empty());
    let subscription = NewSubscription {
        url: url.to_string(),
        kind,
        section: blank(new.section),
        title: blank(new.title),
        allow_private: new.allow_private,
    };
    let (status, id, added) = match backend::follow(&state, subscription).await? {
        Subscribed::Added(id) => (StatusCode::CREATED, id, true),
        Subscribed::AlreadyFollowed(id) => (StatusCode::OK, id, false),
    };
    Ok((status, Json(Followed { id: id.0, url: url.to_string(), kind: kind.as_str(), added })))
}

/// `DELETE /api/v1/sources/{id}`: stop following; its articles stay.
pub(super) async fn drop(
    _: Admin,
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
) -> Result<StatusCode, ApiError> {
    let id: i64 =
        id.parse().map_err(|_| ApiError::BadRequest(format!("a source id is a number, not {id:?}")))?;
    match backend::unfollow(&state, SubscriptionId(id)).await? {
        true => Ok(StatusCode::NO_CONTENT),
        false => Err(ApiError::NotFound(format!("no source {id} is followed"))),
    }
}
