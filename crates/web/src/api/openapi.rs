//! `/api/v1/openapi.json`: the API described as an OpenAPI 3.1 document.
//!
//! The document is a JSON file written by hand beside the handlers rather than generated from
//! their types: the answers are shaped by plain `Serialize` structs (several flattened), which
//! a generator would need annotations on every one of to describe. Drift is caught instead by
//! `tests/web/openapi.rs`, which checks every route against it and validates real answers
//! with its schemas (extra or missing fields fail).

use axum::http::header;
use axum::response::IntoResponse;

/// Served as it is written: it is checked to parse by the tests, not at every start.
const DOCUMENT: &str = include_str!("openapi.json");

pub(super) async fn document() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], DOCUMENT)
}
