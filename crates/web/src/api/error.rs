//! The API's one error table: every failure is `{"code": "...", "message": "..."}` with the
//! status and the stable code listed here.

use axum::Json;
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::backend::BackendError;
use crate::params::ParamError;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// 400 `bad_request`: a missing, malformed or out-of-range parameter.
    #[error("{0}")]
    BadRequest(String),
    /// 401 `unauthorized`: the app's token is needed and was not given (or not this one).
    #[error("{0}")]
    Unauthorized(String),
    /// 403 `forbidden`: nobody may, as the app is configured (changes without a token set).
    #[error("{0}")]
    Forbidden(String),
    /// 404 `not_found`: no such article or entity, or no such endpoint.
    #[error("{0}")]
    NotFound(String),
    /// 405 `method_not_allowed`: the endpoint exists but not for this method.
    #[error("this endpoint does not accept that method")]
    MethodNotAllowed,
    /// 500 `internal`: our fault. The detail is logged, never sent.
    #[error("internal error: {0}")]
    Internal(String),
}

#[derive(Serialize)]
struct Body<'a> {
    code: &'static str,
    message: &'a str,
}

impl ApiError {
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden(_) => StatusCode::FORBIDDEN,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            ApiError::BadRequest(_) => "bad_request",
            ApiError::Unauthorized(_) => "unauthorized",
            ApiError::Forbidden(_) => "forbidden",
            ApiError::NotFound(_) => "not_found",
            ApiError::MethodNotAllowed => "method_not_allowed",
            ApiError::Internal(_) => "internal",
        }
    }

    fn message(&self) -> String {
        match self {
            ApiError::Internal(_) => "something went wrong on our side; it has been logged".to_owned(),
            other => other.to_string(),
        }
    }

    /// Maps an extractor's rejection: a client mistake unless axum says it is ours.
    fn from_rejection(status: StatusCode, text: String) -> Self {
        if status.is_server_error() { ApiError::Internal(text) } else { ApiError::BadRequest(text) }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if let ApiError::Internal(detail) = &self {
            tracing::error!(%detail, "API request failed");
        }
        let message = self.message();
        let mut response =
            (self.status(), Json(Body { code: self.code(), message: &message })).into_response();
        if let ApiError::Unauthorized(_) = &self {
            response.headers_mut().insert(
                axum::http::header::WWW_AUTHENTICATE,
                axum::http::HeaderValue::from_static(crate::auth::CHALLENGE),
            );
        }
        response
    }
}

impl From<ParamError> for ApiError {
    fn from(e: ParamError) -> Self {
        ApiError::BadRequest(e.0)
    }
}

impl From<BackendError> for ApiError {
    fn from(e: BackendError) -> Self {
        match e.user_error() {
            Some(message) => ApiError::BadRequest(message.to_owned()),
            None => ApiError::Internal(e.to_string()),
        }
    }
}

impl From<QueryRejection> for ApiError {
    fn from(r: QueryRejection) -> Self {
        ApiError::from_rejection(r.status(), r.body_text())
    }
}

impl From<PathRejection> for ApiError {
    fn from(r: PathRejection) -> Self {
        ApiError::from_rejection(r.status(), r.body_text())
    }
}
