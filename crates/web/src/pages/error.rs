//! Error pages: the same layout, the right status.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use maud::html;

use super::layout;
use crate::backend::BackendError;
use crate::params::ParamError;

#[derive(Debug)]
pub enum PageError {
    /// 400: the message says what was wrong with the request.
    BadRequest(String),
    /// 401: the message says what credentials are wanted.
    Unauthorized(String),
    /// 404.
    NotFound,
    /// 500: the detail is logged, never shown.
    Internal(String),
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let (status, heading, message) = match &self {
            PageError::BadRequest(message) => (StatusCode::BAD_REQUEST, "Bad request", message.as_str()),
            PageError::Unauthorized(message) => (StatusCode::UNAUTHORIZED, "Sign in", message.as_str()),
            PageError::NotFound => {
                (StatusCode::NOT_FOUND, "Not found", "There is no page or article at this address.")
            }
            PageError::Internal(detail) => {
                tracing::error!(%detail, "page request failed");
                (StatusCode::INTERNAL_SERVER_ERROR, "Something went wrong", "The error has been logged.")
            }
        };
        let body = html! {
            h1 { (heading) }
            p.error { (message) }
            p { a href="/" { "Back to the front page" } }
        };
        (status, layout::page(heading, body)).into_response()
    }
}

impl From<ParamError> for PageError {
    fn from(e: ParamError) -> Self {
        PageError::BadRequest(e.0)
    }
}

impl From<BackendError> for PageError {
    fn from(e: BackendError) -> Self {
        match e.user_error() {
            Some(message) => PageError::BadRequest(message.to_owned()),
            None => PageError::Internal(e.to_string()),
        }
    }
}
