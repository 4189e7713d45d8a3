//! What the router tests share: one request through the router in process, its reply read
//! whole, and the checks every page and API answer gets.

#![allow(dead_code)] // Each test binary uses its own part.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

pub struct App {
    pub router: axum::Router,
    pub ids: Vec<newsgraph_model::ArticleId>,
    pub _dir: tempfile::TempDir,
}

pub struct Reply {
    pub status: StatusCode,
    pub content_type: String,
    pub body: String,
}

impl Reply {
    pub fn json(&self) -> Value {
        assert!(
            self.content_type.starts_with("application/json"),
            "not JSON: {} {}",
            self.content_type,
            self.body
        );
        serde_json::from_str(&self.body).expect("JSON body")
    }

    pub fn assert_html(&self, status: StatusCode) {
        assert_eq!(self.status, status, "{}", self.body);
        assert!(self.content_type.starts_with("text/html"), "{}", self.content_type);
        assert!(self.body.starts_with("<!DOCTYPE html>"));
    }

    pub fn assert_api_error(&self, status: StatusCode, code: &str) {
        assert_eq!(self.status, status, "{}", self.body);
        let json = self.json();
        assert_eq!(json["code"], code, "{json}");
        assert!(json["message"].as_str().is_some_and(|m| !m.is_empty()), "{json}");
    }
}

pub async fn request(app: &App, method: &str, uri: &str) -> Reply {
    let request = Request::builder().method(method).uri(uri).body(Body::empty()).expect("request");
    let response = app.router.clone().oneshot(request).await.expect("infallible");
    let status = response.status();
    let content_type =
        response.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
    let bytes = response.into_body().collect().await.expect("body").to_bytes();
    Reply { status, content_type, body: String::from_utf8(bytes.to_vec()).expect("utf-8") }
}

pub async fn get(app: &App, uri: &str) -> Reply {
    request(app, "GET", uri).await
}

pub const ATTRIBUTION: &str = r#"Demo articles: <a href="https://en.wikinews.org/">Wikinews</a>, CC BY 2.5."#;
