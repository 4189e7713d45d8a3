//! Who may do what: reading is open unless the app is private; changes (sections, sources)
//! need the app's token, as a Bearer token or a Basic password, and are refused outright when
//! no token is set.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use base64::Engine as _;
use http_body_util::BodyExt;
use newsgraph_store::conformance::sample;
use newsgraph_web::{Access, AppState, router};
use serde_json::{Value, json};
use tower::ServiceExt;

use crate::common::stored;

const TOKEN: &str = "a-long-enough-admin-token";

struct Answer {
    status: StatusCode,
    challenge: Option<String>,
    body: String,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|_| panic!("not JSON: {}", self.body))
    }
}

fn app(access: Access) -> (axum::Router, tempfile::TempDir) {
    let (dir, engine, _) = stored(&[sample("Bridge closes", "The bridge closed on Monday.", None)]);
    let state =
        AppState { store: engine.store.clone(), index: engine.index.clone(), public_url: None, access };
    (router(state), dir)
}

async fn send(
    app: &axum::Router,
    method: &str,
    uri: &str,
    auth: Option<&str>,
    body: Option<Value>,
) -> Answer {
    let mut request = Request::builder().method(method).uri(uri);
    if let Some(auth) = auth {
        request = request.header(header::AUTHORIZATION, auth);
    }
    let request = match body {
        Some(body) => {
            request.header(header::CONTENT_TYPE, "application/json").body(Body::from(body.to_string()))
        }
        None => request.body(Body::empty()),
    }
    .expect("request");
    let response = app.clone().oneshot(request).await.expect("infallible");
    let status = response.status();
    let challenge =
        response.headers().get(header::WWW_AUTHENTICATE).and_then(|v| v.to_str().ok()).map(str::to_owned);
    let bytes = response.into_body().collect().await.expect("body").to_bytes();
    Answer { status, challenge, body: String::from_utf8_lossy(&bytes).into_owned() }
}

fn bearer() -> String {
    format!("Bearer {TOKEN}")
}

fn basic() -> String {
    format!("Basic {}", base64::engine::general_purpose::STANDARD.encode(format!("editor:{TOKEN}")))
}

#[tokio::test]
async fn without_a_token_nothing_can_be_changed_and_everything_read() {
    let (app, _dir) = app(Access::default());
    assert_eq!(send(&app, "GET", "/", None, None).await.status, StatusCode::OK);
    let section = json!({"name": "Bridges", "query": "bridge"});
    let refused = send(&app, "POST", "/api/v1/sections", Some(&bearer()), Some(section)).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(refused.json()["code"], "forbidden");
    assert!(refused.json()["message"].as_str().unwrap_or("").contains("NEWSGRAPH_TOKEN"));
    let deleted = send(&app, "DELETE", "/api/v1/sections/sport", None, None).await;
    assert_eq!(deleted.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn with_a_token_sections_and_sources_are_changed_by_who_has_it() {
    let (app, _dir) = app(Access::new(Some(TOKEN.into()), false).expect("access"));
    let section = json!({"name": "Bridges", "query": "bridge OR ferry"});
    let anonymous = send(&app, "POST", "/api/v1/sections", None, Some(section.clone())).await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    assert_eq!(anonymous.json()["code"], "unauthorized");
    assert!(anonymous.challenge.is_some_and(|c| c.starts_with("Basic")));
    let wrong =
        send(&app, "POST", "/api/v1/sections", Some("Bearer not-the-token-at-all"), Some(section.clone()))
            .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);

    let made = send(&app, "POST", "/api/v1/sections", Some(&bearer()), Some(section)).await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
    assert_eq!(made.json()["slug"], "bridges");
    let stories = send(&app, "GET", "/api/v1/sections/bridges", None, None).await;
    assert_eq!(stories.status, StatusCode::OK, "reading stays open");
    assert_eq!(stories.json()["section"]["rule"]["text"], "bridge OR ferry");
    let empty =
        send(&app, "POST", "/api/v1/sections", Some(&bearer()), Some(json!({"name": "Nothing"}))).await;
    assert_eq!(empty.status, StatusCode::BAD_REQUEST);
    let unknown = json!({"name": "X", "entities": [99999]});
    assert_eq!(
        send(&app, "POST", "/api/v1/sections", Some(&bearer()), Some(unknown)).await.status,
        StatusCode::BAD_REQUEST
    );
    let odd = json!({"name": "X", "query": "x", "colour": "red"});
    assert_eq!(
        send(&app, "POST", "/api/v1/sections", Some(&bearer()), Some(odd)).await.status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        send(&app, "DELETE", "/api/v1/sections/bridges", Some(&basic()), None).await.status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        send(&app, "DELETE", "/api/v1/sections/bridges", Some(&basic()), None).await.status,
        StatusCode::NOT_FOUND
    );

    let feed = json!({"url": "https://news.example/sitemap.xml", "section": "World"});
    let followed = send(&app, "POST", "/api/v1/sources", Some(&bearer()), Some(feed.clone())).await;
    assert_eq!(followed.status, StatusCode::CREATED, "{}", followed.body);
    assert_eq!(followed.json()["kind"], "sitemap", "the kind guessed from the URL");
    let again = send(&app, "POST", "/api/v1/sources", Some(&bearer()), Some(feed)).await;
    assert_eq!((again.status, again.json()["added"].clone()), (StatusCode::OK, json!(false)));
    let ftp = json!({"url": "ftp://news.example/feed"});
    assert_eq!(
        send(&app, "POST", "/api/v1/sources", Some(&bearer()), Some(ftp)).await.status,
        StatusCode::BAD_REQUEST
    );
    let id = followed.json()["id"].as_i64().expect("id");
    let listed = send(&app, "GET", "/api/v1/sources", None, None).await.json();
    assert_eq!(listed["sources"][0]["section"], "World");
    let dropped = send(&app, "DELETE", &format!("/api/v1/sources/{id}"), Some(&bearer()), None).await;
    assert_eq!(dropped.status, StatusCode::NO_CONTENT);
    assert_eq!(send(&app, "GET", "/api/v1/sources", None, None).await.json()["sources"], json!([]));
}

#[tokio::test]
async fn a_private_app_asks_for_the_token_before_showing_anything() {
    let (app, _dir) = app(Access::new(Some(TOKEN.into()), true).expect("access"));
    let page = send(&app, "GET", "/", None, None).await;
    assert_eq!(page.status, StatusCode::UNAUTHORIZED);
    assert!(page.challenge.is_some_and(|c| c.starts_with("Basic realm=\"newsgraph\"")), "browsers ask");
    assert!(page.body.contains("<!DOCTYPE html>"), "a page under the pages");
    let api = send(&app, "GET", "/api/v1/stories", None, None).await;
    assert_eq!((api.status, api.json()["code"].clone()), (StatusCode::UNAUTHORIZED, json!("unauthorized")));
    assert_eq!(send(&app, "GET", "/feeds/stories.atom", None, None).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(send(&app, "GET", "/", Some(&basic()), None).await.status, StatusCode::OK);
    assert_eq!(send(&app, "GET", "/api/v1/stories", Some(&bearer()), None).await.status, StatusCode::OK);
    assert_eq!(send(&app, "GET", "/feeds/stories.atom", Some(&basic()), None).await.status, StatusCode::OK);
}
