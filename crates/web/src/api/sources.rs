//! `/api/v1/sources`: the sources followed and the state of their polling.

use axum::Json;
use axum::extract::State;
use chrono::{DateTime, Utc};
use serde::Serialize;

use super::ApiError;
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
