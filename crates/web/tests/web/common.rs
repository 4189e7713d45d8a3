//! What the router tests share: one request through the router in process, its reply read
//! whole, and the checks every page and API answer gets.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use newsgraph_model::ArticleId;
use newsgraph_pipeline::Engine;
use newsgraph_store::InsertOutcome;
use newsgraph_web::{AppState, router};
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

/// The raw HTTP/1.1 answer to `GET uri` from the app served on a real socket on 127.0.0.1.
pub async fn get_over_socket(app: &App, uri: &str) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("address");
    let server = tokio::spawn(axum::serve(listener, app.router.clone()).into_future());
    let request = format!("GET {uri} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    let response = tokio::task::spawn_blocking(move || {
        use std::io::{Read, Write};
        let mut stream = std::net::TcpStream::connect(addr).expect("connect");
        stream.write_all(request.as_bytes()).expect("write");
        let mut text = String::new();
        stream.read_to_string(&mut text).expect("read");
        text
    })
    .await
    .expect("client");
    server.abort();
    response
}

pub async fn get(app: &App, uri: &str) -> Reply {
    request(app, "GET", uri).await
}

pub const ATTRIBUTION: &str = r#"Demo articles: <a href="https://en.wikinews.org/">Wikinews</a>, CC BY 2.5."#;

/// A fresh data directory holding `batch` (every article newly inserted), indexed.
pub fn stored(batch: &[newsgraph_store::NewArticle]) -> (tempfile::TempDir, Engine, Vec<ArticleId>) {
    let dir = tempfile::tempdir().expect("tempdir");
    let engine = Engine::open(dir.path()).expect("data directory");
    let ids = engine
        .store
        .insert_batch(batch)
        .expect("insert")
        .into_iter()
        .map(|o| match o {
            InsertOutcome::Inserted(id) => id,
            other => panic!("not inserted: {other:?}"),
        })
        .collect();
    engine.catch_up_index().expect("index");
    (dir, engine, ids)
}

/// The router over what [`stored`] made.
pub fn serve(dir: tempfile::TempDir, engine: &Engine, ids: Vec<ArticleId>) -> App {
    serve_with(dir, engine, ids, newsgraph_web::Access::default())
}

/// [`serve`] under other access rules (a token, a private app).
pub fn serve_with(
    dir: tempfile::TempDir,
    engine: &Engine,
    ids: Vec<ArticleId>,
    access: newsgraph_web::Access,
) -> App {
    let state =
        AppState { store: engine.store.clone(), index: engine.index.clone(), public_url: None, access };
    App { router: router(state), ids, _dir: dir }
}

/// An API article's body as the characters its offsets count: paragraphs joined by a blank
/// line, as `Article::text` joins them.
pub fn body_chars(article: &Value) -> Vec<char> {
    article["paragraphs"]
        .as_array()
        .expect("paragraphs")
        .iter()
        .map(|p| p.as_str().expect("text"))
        .collect::<Vec<_>>()
        .join("\n\n")
        .chars()
        .collect()
}

// The news the tests store: talks in Minsk (twice, in other words), an earthquake in Chile and a
// factory visit.

pub const MINSK: &str = "Russian President Vladimir Putin arrived in Minsk on Monday for talks with Belarusian \
President Alexander Lukashenko about military cooperation and gas prices. The two leaders discussed joint \
military exercises and the supply of Russian gas to Belarus. Putin said the talks in Minsk were useful and \
that Russia and Belarus would deepen their alliance. Lukashenko said Belarus would buy more Russian weapons.";

pub const MINSK_AGAIN: &str = "Vladimir Putin met Alexander Lukashenko in Minsk on Monday. The Russian and \
Belarusian presidents discussed military cooperation, joint exercises and Russian gas prices for Belarus. \
Lukashenko said Belarus wanted more Russian weapons, and Putin called the talks in Minsk useful for the \
alliance of Russia and Belarus.";

pub const QUAKE: &str = "A strong earthquake of magnitude 6.8 struck northern Chile near Antofagasta on Monday, \
damaging houses and cutting power to thousands of homes. No deaths were reported, the national emergency \
office said. Copper mines in the region halted work to check for damage.";

pub const FACTORY: &str = "Vladimir Putin toured a tractor factory outside Moscow on Wednesday and praised \
its workers for raising output despite sanctions. The plant's director showed him combine harvesters \
built from domestic parts and asked for cheaper loans.";

/// Follows a World feed at `url` (titled `title`) whose last poll failed with a 503: a source as
/// the sources page and the API show one. Its id.
pub fn failing_source(
    store: &dyn newsgraph_store::Store,
    url: &str,
    title: Option<&str>,
) -> newsgraph_store::SubscriptionId {
    use newsgraph_store::{NewSubscription, PollOutcome, Subscribed, SubscriptionKind};
    let now = chrono::Utc::now();
    let new = NewSubscription {
        url: url.into(),
        kind: SubscriptionKind::Feed,
        section: Some("World".into()),
        title: title.map(Into::into),
        allow_private: false,
    };
    let id = match store.subscribe(&new, now).expect("subscribe") {
        Subscribed::Added(id) => id,
        other => panic!("{other:?}"),
    };
    let failed = PollOutcome {
        polled_at: now,
        next_poll: now,
        status: Some(503),
        error: Some("HTTP status 503".into()),
        etag: None,
        last_modified: None,
        title: None,
        articles_found: 0,
    };
    store.record_poll(id, &failed).expect("record");
    id
}
