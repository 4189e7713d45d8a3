//! Who may do what. Reading is open unless the app is private; changing anything (following
//! or dropping sources, adding or removing sections) needs the admin token, and is refused
//! outright when no token is configured. The token is presented as `Authorization: Bearer
//! TOKEN`, or as the password of HTTP Basic authentication (any user name), which browsers and
//! feed readers ask for by themselves.

use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::Engine as _;

use crate::AppState;
use crate::api::ApiError;
use crate::pages::PageError;

/// The app's access rules.
#[derive(Debug, Clone, Default)]
pub struct Access {
    /// The admin token (`NEWSGRAPH_TOKEN`); `None`: nothing can be changed over HTTP.
    token: Option<String>,
    /// Reading needs the token too (`NEWSGRAPH_PRIVATE=1`).
    private: bool,
}

impl Access {
    /// Rules from a token and whether reading is private. A token must be at least 16
    /// characters (a short one is guessed), and a private app needs one.
    pub fn new(token: Option<String>, private: bool) -> Result<Access, String> {
        let token = token.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty());
        match &token {
            Some(t) if t.chars().count() < MIN_TOKEN_CHARS => {
                Err(format!("the token (NEWSGRAPH_TOKEN) must be at least {MIN_TOKEN_CHARS} characters"))
            }
            None if private => {
                Err("a private app (NEWSGRAPH_PRIVATE=1) needs a token: set NEWSGRAPH_TOKEN".into())
            }
            _ => Ok(Access { token, private }),
        }
    }

    /// Whether the request's credentials carry the token.
    fn admits(&self, headers: &HeaderMap) -> bool {
        let (Some(token), Some(presented)) = (&self.token, presented(headers)) else { return false };
        same(presented.as_bytes(), token.as_bytes())
    }
}

const MIN_TOKEN_CHARS: usize = 16;

/// The middleware of a private app: every request needs the token; an open app lets all
/// through (its changes are guarded by [`Admin`]). Refused: 401 with a Basic challenge, as
/// JSON under `/api` and as a page elsewhere.
pub async fn guard(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let access = &state.access;
    if !access.private || access.admits(request.headers()) {
        return next.run(request).await;
    }
    let why = unauthorized_why(request.headers());
    match request.uri().path().starts_with("/api/") {
        true => ApiError::Unauthorized(why.into()).into_response(),
        false => {
            let mut response = PageError::Unauthorized(why.into()).into_response();
            response.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static(CHALLENGE));
            response
        }
    }
}

/// The challenge a 401 carries: browsers and feed readers then ask for a user name and
/// password (the token).
pub const CHALLENGE: &str = "Basic realm=\"newsgraph\", charset=\"UTF-8\"";

/// Proof that a request may change things: a handler that follows a source or saves a section
/// takes one. Refused with 403 when no token is configured (changes over HTTP are off), 401
/// when the request does not carry it.
pub struct Admin;

impl FromRequestParts<AppState> for Admin {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        if state.access.token.is_none() {
            let why =
                "changes over HTTP are turned off: start newsgraph with NEWSGRAPH_TOKEN set to allow them";
            return Err(ApiError::Forbidden(why.into()));
        }
        match state.access.admits(&parts.headers) {
            true => Ok(Admin),
            false => Err(ApiError::Unauthorized(unauthorized_why(&parts.headers).into())),
        }
    }
}

fn unauthorized_why(headers: &HeaderMap) -> &'static str {
    match presented(headers) {
        Some(_) => "the token given is not this app's",
        None => {
            "this needs the app's token: Authorization: Bearer TOKEN, or any user name and the token as password"
        }
    }
}

/// The token a request presents: a Bearer token, or a Basic password.
fn presented(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?.trim();
    let (scheme, rest) = value.split_once(' ')?;
    let rest = rest.trim();
    if scheme.eq_ignore_ascii_case("bearer") {
        return Some(rest.to_owned());
    }
    if scheme.eq_ignore_ascii_case("basic") {
        let decoded = base64::engine::general_purpose::STANDARD.decode(rest).ok()?;
        let (_, password) =
            String::from_utf8(decoded).ok()?.split_once(':').map(|(u, p)| (u.to_owned(), p.to_owned()))?;
        return Some(password);
    }
    None
}

/// Equality in time that does not depend on where the first difference is.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::AUTHORIZATION, HeaderValue::from_str(value).expect("header"));
        headers
    }

    #[test]
    fn tokens_are_read_from_bearer_and_basic_and_compared_whole() {
        let access = Access::new(Some(" s3cret-token-0123456789 ".into()), false).expect("access");
        assert!(access.admits(&with("Bearer s3cret-token-0123456789")));
        let basic = base64::engine::general_purpose::STANDARD.encode("reader:s3cret-token-0123456789");
        assert!(access.admits(&with(&format!("Basic {basic}"))));
        assert!(!access.admits(&with("Bearer s3cret-token-012345678")), "a prefix");
        assert!(!access.admits(&with("Basic not-base64!")));
        assert!(!access.admits(&HeaderMap::new()));
        assert!(!Access::default().admits(&with("Bearer anything-at-all-here")), "no token, no admission");
    }

    #[test]
    fn short_tokens_and_private_apps_without_one_are_refused() {
        assert!(Access::new(Some("short".into()), false).is_err());
        assert!(Access::new(None, true).is_err());
        assert!(Access::new(Some("   ".into()), true).is_err(), "a blank token is none");
        assert!(Access::new(None, false).is_ok());
    }
}
