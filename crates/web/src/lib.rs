//! The web app and JSON API over a store and a search index.
//!
//! - [`pages`]: server-rendered HTML (front page of stories, story, article, search, entities,
//!   quotes), no JavaScript needed.
//! - [`api`]: the `/api/v1` JSON API, with one error-code table ([`api::ApiError`]).
//! - [`params`]: query-parameter parsing shared by both.
//! - [`syndication`]: Atom and JSON Feed versions of the front page, searches, entities and
//!   stories, under `/feeds`.
//! - [`sections`]: which stories a section (Latest, Breaking, a saved search) holds.
//! - [`map`]: the offline world map (Natural Earth's land, shipped) that places are drawn on.
//! - [`backend`]: the store and index calls, run off the async threads.
//! - [`digest`]: the daily digest (the day's top stories and key quotes), assembled for the
//!   pages, the API and `newsgraph digest`, and rendered as Markdown or a page for email.
//! - [`mentions`]: entity mentions mapped onto the text (paragraphs, character offsets).

mod api;
mod auth;
mod backend;
pub mod digest;
mod display;
mod map;
mod mentions;
mod pages;
mod params;
pub mod sections;
mod syndication;

use std::sync::Arc;

use axum::http::{HeaderValue, Uri, header};
use axum::response::{IntoResponse, Response};
use newsgraph_index::SearchIndex;
use newsgraph_store::Store;

pub use api::ApiError;
pub use auth::Access;
pub use backend::BackendError;
pub use syndication::parse_public_url;

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    pub index: Arc<SearchIndex>,
    /// The address the app is reached at from outside (`NEWSGRAPH_PUBLIC_URL`, checked by
    /// [`parse_public_url`]), for the absolute links feeds carry; `None`: each request's host.
    pub public_url: Option<String>,
    /// Who may read and who may change things ([`Access`]).
    pub access: Access,
}

/// The whole app: HTML pages at the root, the JSON API under `/api/v1`.
pub fn router(state: AppState) -> axum::Router {
    axum::Router::new()
        .merge(pages::routes())
        .merge(syndication::routes())
        .nest("/api/v1", api::routes())
        .fallback(not_found)
        .layer(axum::middleware::from_fn_with_state(state.clone(), auth::guard))
        .layer(axum::middleware::map_response(security_headers))
        .with_state(state)
}

/// Anything no route answers: JSON under `/api` (including `/api/v1` itself, which the
/// nested router does not see), an HTML page elsewhere.
async fn not_found(uri: Uri) -> Response {
    let path = uri.path();
    if path == "/api" || path.starts_with("/api/") {
        api::not_found().await.into_response()
    } else {
        pages::not_found().await.into_response()
    }
}

/// Defence in depth beside escaping: no scripts, no framing, no MIME sniffing.
async fn security_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
        ),
    );
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    response
}
