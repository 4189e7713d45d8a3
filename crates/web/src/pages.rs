//! Server-rendered HTML pages. They work without JavaScript; maud escapes everything
//! interpolated, and links only ever point at http(s) URLs ([`crate::display::safe_href`]).

mod article;
mod digest;
mod entities;
mod entity;
mod error;
mod front;
mod layout;
mod quotes;
mod search;
mod section;
mod sources;
mod story;
mod timeline;

use axum::extract::{FromRequestParts, Query};
use axum::http::header;
use axum::http::request::Parts;
use axum::response::IntoResponse;
use axum::routing::get;

pub use error::PageError;

use crate::AppState;
use crate::params::RawParams;

pub fn routes() -> axum::Router<AppState> {
    axum::Router::new()
        .route("/", get(front::show))
        .route("/articles/{id}", get(article::show))
        .route("/search", get(search::show))
        .route("/entities", get(entities::show))
        .route("/entities/{id}", get(entity::show))
        .route("/quotes", get(quotes::show))
        .route("/stories/{id}", get(story::show))
        .route("/sources", get(sources::show))
        .route("/sections/{slug}", get(section::show))
        .route("/digest", get(digest::latest))
        .route("/digest/{date}", get(digest::show))
        .route(layout::STYLESHEET_PATH, get(stylesheet))
        .route(crate::map::LAND_PATH, get(land))
        .route(layout::ICON_PATH, get(icon))
        .route("/favicon.ico", get(icon))
}

/// Any path nothing else answers.
pub async fn not_found() -> PageError {
    PageError::NotFound
}

async fn stylesheet() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=3600")],
        layout::STYLESHEET,
    )
}

async fn icon() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "image/svg+xml"), (header::CACHE_CONTROL, "public, max-age=86400")],
        layout::ICON,
    )
}

async fn land() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "image/svg+xml"), (header::CACHE_CONTROL, "public, max-age=86400")],
        crate::map::land_svg(),
    )
}

/// The query parameters, with a malformed query string shown as a 400 page.
pub struct PageQuery(pub RawParams);

impl<S: Send + Sync> FromRequestParts<S> for PageQuery {
    type Rejection = PageError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, PageError> {
        match Query::<RawParams>::from_request_parts(parts, state).await {
            Ok(Query(raw)) => Ok(PageQuery(raw)),
            Err(rejection) => Err(PageError::BadRequest(rejection.body_text())),
        }
    }
}
