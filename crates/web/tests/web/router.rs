//! The router in-process: pages, API, errors, escaping. One test also serves on 127.0.0.1.

use std::sync::Arc;

use crate::common::{ATTRIBUTION, App, get, get_over_socket, request};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use newsgraph_index::{IndexedArticle, SearchIndex};
use newsgraph_model::{ArticleId, ParagraphKind, RelatedHeadline};
use newsgraph_store::{InsertOutcome, NewArticle, SqliteStore, Store, conformance::sample};
use newsgraph_web::{AppState, router};
use tower::ServiceExt;

fn articles() -> Vec<NewArticle> {
    let mut minsk = sample(
        "Putin visits Minsk",
        "Vladimir Putin flew to Minsk for talks on Monday.",
        Some("2022-12-19T10:30:00+03:00"),
    );
    minsk.article.url = Some("https://news.example/minsk".into());
    minsk.article.related_headlines = vec![
        RelatedHeadline {
            title: "Snow closes airports".into(),
            url: Some("https://news.example/snow".into()),
        },
        RelatedHeadline { title: "Evil headline".into(), url: Some("javascript:alert(1)".into()) },
    ];
    minsk.article.boilerplate = vec!["Download our app".into()];
    minsk.article.description = Some("The <b>president</b> meets his ally.".into());
    minsk.article.paragraphs.extend(
        ["What was agreed", "Gas prices", "Joint exercises", "We are allies.", "a  b"].map(String::from),
    );
    minsk.article.paragraph_kinds = vec![
        ParagraphKind::Text,
        ParagraphKind::Text,
        ParagraphKind::Heading(2),
        ParagraphKind::ListItem,
        ParagraphKind::ListItem,
        ParagraphKind::Quote,
        ParagraphKind::Preformatted,
    ];

    let mut evil = sample(
        "<script>alert('title')</script> Harbour reopens",
        "The harbour <script>alert(1)</script> reopened after repairs.",
        Some("2023-05-01T08:00:00Z"),
    );
    evil.article.url = Some("javascript:alert(2)".into());
    evil.article.title_inferred = true;
    evil.article.site = None;

    let mut batch = vec![minsk, evil];
    for n in 0..33 {
        let day = n % 28 + 1;
        batch.push(sample(
            &format!("Filler story {n}"),
            &format!("Filler body number {n} about the local council."),
            Some(&format!("2020-01-{day:02}T12:00:00Z")),
        ));
    }
    batch
}

fn app() -> App {
    let store = SqliteStore::in_memory().expect("store");
    let outcomes = store.insert_batch(&articles()).expect("insert");
    let ids: Vec<ArticleId> = outcomes
        .into_iter()
        .map(|o| match o {
            InsertOutcome::Inserted(id) => id,
            other => panic!("not inserted: {other:?}"),
        })
        .collect();
    let dir = tempfile::tempdir().expect("tempdir");
    let index = SearchIndex::open(dir.path()).expect("index");
    let stored: Vec<IndexedArticle> =
        ids.iter().map(|&id| store.article(id).expect("read").expect("present").into()).collect();
    index.add(&stored).expect("add");
    index.commit(*ids.last().expect("ids")).expect("commit");
    let state = AppState {
        store: Arc::new(store),
        index: Arc::new(index),
        public_url: None,
        access: newsgraph_web::Access::default(),
    };
    App { router: router(state), ids, _dir: dir }
}

#[tokio::test]
async fn front_page_lists_newest_articles_with_attribution() {
    let app = app();
    let reply = get(&app, "/").await;
    reply.assert_html(StatusCode::OK);
    assert!(reply.body.contains("35 articles"), "{}", reply.body);
    assert!(reply.body.contains(ATTRIBUTION));
    assert!(reply.body.contains(r#"action="/search""#));
    let harbour = reply.body.find("Harbour reopens").expect("newest listed");
    let minsk = reply.body.find("Putin visits Minsk").expect("second listed");
    assert!(harbour < minsk, "newest first");
    assert!(reply.body.contains(&format!(r#"href="/articles/{}""#, app.ids[0])));
    assert!(reply.body.contains("2022-12-19"));
    assert!(reply.body.contains("Example News"));
    assert!(reply.body.contains("Vladimir Putin flew to Minsk"), "excerpt");
    assert!(reply.body.contains(r#"href="/?page=2""#), "next link");
    assert!(!reply.body.contains("<script>"));

    let second = get(&app, "/?page=2").await;
    second.assert_html(StatusCode::OK);
    assert!(second.body.contains(r#"href="/?page=1""#), "previous link");
    assert!(!second.body.contains(r#"href="/?page=3""#));
    assert_eq!(second.body.matches("<li>").count(), 5);

    get(&app, "/?page=99999999999").await.assert_html(StatusCode::OK);
    get(&app, "/?page=abc").await.assert_html(StatusCode::BAD_REQUEST);
    get(&app, "/?page=0").await.assert_html(StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn article_page_shows_body_related_and_boilerplate() {
    let app = app();
    let reply = get(&app, &format!("/articles/{}", app.ids[0])).await;
    reply.assert_html(StatusCode::OK);
    let body = &reply.body;
    assert!(body.contains("<h1>Putin visits Minsk"));
    assert!(body.contains("<p>Vladimir Putin flew to Minsk for talks on Monday.</p>"));
    assert!(body.contains("<p>Second paragraph.</p>"));
    assert!(body.contains("Jane Doe"));
    assert!(body.contains("2022-12-19 10:30 +03:00"));
    assert!(body.contains(r#"href="https://news.example/minsk""#), "original link");
    assert!(body.contains("Related headlines"));
    assert!(body.contains(r#"href="https://news.example/snow""#));
    assert!(body.contains("Snow closes airports"));
    assert!(body.contains("<details"));
    assert!(body.contains("Download our app"));
    assert!(body.contains(ATTRIBUTION));
    assert!(!body.contains("title inferred"));
    assert!(
        body.contains(r#"<p class="lead">The &lt;b&gt;president&lt;/b&gt; meets his ally.</p>"#),
        "{body}"
    );
    assert!(body.contains("<h2>What was agreed</h2><ul><li>Gas prices</li><li>Joint exercises</li></ul>"));
    assert!(body.contains("<blockquote><p>We are allies.</p></blockquote><pre>a  b</pre>"));
}

#[tokio::test]
async fn stored_text_is_escaped_and_javascript_urls_are_not_links() {
    let app = app();
    let reply = get(&app, &format!("/articles/{}", app.ids[1])).await;
    reply.assert_html(StatusCode::OK);
    assert!(!reply.body.contains("<script>"), "{}", reply.body);
    assert!(reply.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(reply.body.contains("(title inferred)"));
    assert!(!reply.body.to_lowercase().contains("javascript:"), "no javascript: anywhere");
    assert!(!reply.body.contains("Original article"));

    let minsk = get(&app, &format!("/articles/{}", app.ids[0])).await;
    assert!(minsk.body.contains("Evil headline"), "shown as text");
    assert!(!minsk.body.contains("javascript:"));
}

#[tokio::test]
async fn unknown_pages_and_articles_are_404_pages() {
    let app = app();
    for uri in ["/articles/999999", "/articles/abc", "/articles/-1", "/articles/%FF", "/nowhere"] {
        let reply = get(&app, uri).await;
        reply.assert_html(StatusCode::NOT_FOUND);
        assert!(reply.body.contains("Not found"), "{uri}");
        assert!(reply.body.contains(ATTRIBUTION));
    }
}

#[tokio::test]
async fn search_page_highlights_and_pages() {
    let app = app();
    let reply = get(&app, "/search?q=minsk").await;
    reply.assert_html(StatusCode::OK);
    assert!(reply.body.contains("1 result"), "{}", reply.body);
    assert!(reply.body.contains("<b>Minsk</b>"), "{}", reply.body);
    assert!(reply.body.contains(&format!(r#"href="/articles/{}""#, app.ids[0])));
    assert!(reply.body.contains(ATTRIBUTION));

    let filler = get(&app, "/search?q=filler&since=2020-01-01&until=2020-12-31").await;
    filler.assert_html(StatusCode::OK);
    assert!(filler.body.contains("33 results"), "{}", filler.body);
    assert!(
        filler
            .body
            .contains(r#"href="/search?q=filler&amp;since=2020-01-01&amp;until=2020-12-31&amp;page=2""#)
    );
    let page2 = get(&app, "/search?q=filler&page=2").await;
    assert_eq!(page2.body.matches(r#"<p class="snippet">"#).count(), 13);

    let outside = get(&app, "/search?q=filler&since=2021-01-01").await;
    assert!(outside.body.contains("0 results"));

    let escaped = get(&app, "/search?q=%3Cscript%3E").await;
    escaped.assert_html(StatusCode::OK);
    assert!(!escaped.body.contains("<script>"));
}

#[tokio::test]
async fn search_page_without_query_is_the_form() {
    let app = app();
    for uri in ["/search", "/search?q=", "/search?q=++&since=&until="] {
        let reply = get(&app, uri).await;
        reply.assert_html(StatusCode::OK);
        assert!(reply.body.contains(r#"name="q""#), "{uri}");
        assert!(!reply.body.contains("Bad request"));
    }
}

#[tokio::test]
async fn search_page_rejects_malformed_dates() {
    let app = app();
    let reply = get(&app, "/search?q=minsk&since=2022-02-30").await;
    reply.assert_html(StatusCode::BAD_REQUEST);
    assert!(reply.body.contains("since must be a date like 2024-03-31"), "{}", reply.body);
    get(&app, "/search?q=minsk&until=tomorrow").await.assert_html(StatusCode::BAD_REQUEST);
    get(&app, "/search?q=minsk&page=x").await.assert_html(StatusCode::BAD_REQUEST);
    get(&app, "/search?q=minsk&q=twice").await.assert_html(StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn api_lists_articles_with_paging_and_a_capped_limit() {
    let app = app();
    let json = get(&app, "/api/v1/articles").await.json();
    assert_eq!(json["total"], 35);
    assert_eq!(json["offset"], 0);
    assert_eq!(json["limit"], 20);
    let articles = json["articles"].as_array().expect("array");
    assert_eq!(articles.len(), 20);
    let first = &articles[0];
    assert_eq!(first["id"], app.ids[1].0);
    assert_eq!(first["title_inferred"], true);
    assert_eq!(first["authors"][0], "Jane Doe");
    assert_eq!(first["language"], "en");
    assert_eq!(first["published"], "2023-05-01T08:00:00Z");
    assert!(first["excerpt"].as_str().is_some_and(|e| e.starts_with("The harbour")));
    for key in ["url", "site", "title"] {
        assert!(first.get(key).is_some(), "{key}");
    }

    let page = get(&app, "/api/v1/articles?offset=30&limit=20").await.json();
    assert_eq!(page["articles"].as_array().map(Vec::len), Some(5));
    assert_eq!(page["offset"], 30);

    let capped = get(&app, "/api/v1/articles?limit=1000").await.json();
    assert_eq!(capped["limit"], 100);
    assert_eq!(capped["articles"].as_array().map(Vec::len), Some(35));
}

#[tokio::test]
async fn api_returns_one_full_article() {
    let app = app();
    let reply = get(&app, &format!("/api/v1/articles/{}", app.ids[0])).await;
    assert_eq!(reply.status, StatusCode::OK);
    let json = reply.json();
    assert_eq!(json["id"], app.ids[0].0);
    assert_eq!(json["title"], "Putin visits Minsk");
    assert_eq!(json["paragraphs"][1], "Second paragraph.");
    assert_eq!(json["related_headlines"][0]["url"], "https://news.example/snow");
    assert_eq!(json["boilerplate"][0], "Download our app");
    assert_eq!(json["description"], "The <b>president</b> meets his ally.");
    assert_eq!(json["paragraph_kinds"][2], serde_json::json!({"heading": 2}));
    assert_eq!(json["page_type"], "listing", "as the conformance sample sets it");
    assert_eq!(json["lead_image"], "https://news.example/lead.jpg");
    assert!(json["updated"].is_string());
    assert_eq!(json["source"]["kind"], "file");
    assert!(json["content_hash"].is_string());
    assert!(json["imported_at"].is_string());
}

#[tokio::test]
async fn api_searches() {
    let app = app();
    let json = get(&app, "/api/v1/search?q=minsk").await.json();
    assert_eq!(json["total"], 1);
    let hit = &json["hits"][0];
    assert_eq!(hit["id"], app.ids[0].0);
    assert_eq!(hit["title"], "Putin visits Minsk");
    assert!(hit["score"].as_f64().is_some_and(|s| s > 0.0));
    assert!(hit["snippet_html"].as_str().is_some_and(|s| s.contains("<b>Minsk</b>")));
    assert_eq!(hit["published"], "2022-12-19T07:30:00Z");

    let window =
        get(&app, "/api/v1/search?q=filler&since=2020-01-05&until=2020-01-05&limit=100").await.json();
    // Days 5 of the month: fillers 4 and 32 (n % 28 + 1 == 5).
    assert_eq!(window["total"], 2, "{window}");
    let paged = get(&app, "/api/v1/search?q=filler&offset=30&limit=10").await.json();
    assert_eq!(paged["total"], 33);
    assert_eq!(paged["hits"].as_array().map(Vec::len), Some(3));
    let rfc = get(&app, "/api/v1/search?q=minsk&until=2022-12-19T07:00:00Z").await.json();
    assert_eq!(rfc["total"], 0);
}

#[tokio::test]
async fn api_errors_are_json_with_stable_codes() {
    let app = app();
    let bad = StatusCode::BAD_REQUEST;
    for uri in [
        "/api/v1/articles?limit=abc",
        "/api/v1/articles?limit=0",
        "/api/v1/articles?offset=-1",
        "/api/v1/articles?limit=1&limit=2",
        "/api/v1/articles/abc",
        "/api/v1/articles/%FF",
        "/api/v1/search",
        "/api/v1/search?q=",
        "/api/v1/search?q=minsk&since=2022-13-01",
        "/api/v1/search?q=minsk&until=soon",
        "/api/v1/search?q=minsk&since=2022-02-02&until=2022-02-01",
        "/api/v1/search?q=minsk&offset=99999999",
        "/api/v1/search?q=minsk&offset=99999999999999999999999",
    ] {
        get(&app, uri).await.assert_api_error(bad, "bad_request");
    }
    for uri in ["/api/v1/articles/999999", "/api/v1/xyz", "/api/v1", "/api/v1/", "/api/v1/articles/1/more"] {
        get(&app, uri).await.assert_api_error(StatusCode::NOT_FOUND, "not_found");
    }
    request(&app, "POST", "/api/v1/articles")
        .await
        .assert_api_error(StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed");
}

#[tokio::test]
async fn responses_carry_security_headers_and_the_stylesheet_is_served() {
    let app = app();
    let request = Request::builder().uri("/").body(Body::empty()).expect("request");
    let response = app.router.clone().oneshot(request).await.expect("infallible");
    let csp = response.headers().get(header::CONTENT_SECURITY_POLICY).and_then(|v| v.to_str().ok());
    assert!(csp.is_some_and(|v| v.contains("default-src 'none'")));
    let css = get(&app, "/static/style.css").await;
    assert_eq!(css.status, StatusCode::OK);
    assert!(css.content_type.starts_with("text/css"));
    assert!(css.body.contains("prefers-color-scheme: dark"));
}

#[tokio::test]
async fn serves_over_a_real_socket() {
    let app = app();
    let response = get_over_socket(&app, "/api/v1/articles?limit=1").await;
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(response.contains(r#""total":35"#), "{response}");
}
