//! An article whose page changed shows its earlier versions, on its page and in the API.

use axum::http::StatusCode;
use newsgraph_store::conformance::sample;

use crate::common::{get, serve, stored};

#[tokio::test]
async fn an_article_shows_the_versions_it_held_before() {
    let first = sample("Bridge closes", "The bridge closed after an explosion on Monday.", None);
    let (dir, engine, ids) = stored(std::slice::from_ref(&first));
    let mut second = first.clone();
    second.article.title = "Bridge reopens".into();
    second.article.paragraphs = vec!["The bridge reopened on Monday evening.".into()];
    engine.store.revise(ids[0], &second).expect("revise");
    engine.catch_up_index().expect("index");
    let app = serve(dir, &engine, ids);
    let id = app.ids[0];

    let page = get(&app, &format!("/articles/{id}")).await;
    page.assert_html(StatusCode::OK);
    assert!(page.body.contains("<h1>Bridge reopens"), "the page shows the present version");
    assert!(page.body.contains("Earlier versions (1)"), "{}", page.body);
    assert!(page.body.contains("Version 1: Bridge closes"));
    assert!(page.body.contains("The bridge closed after an explosion on Monday."));

    let json = get(&app, &format!("/api/v1/articles/{id}")).await.json();
    assert_eq!(json["title"], "Bridge reopens");
    let revisions = json["revisions"].as_array().expect("revisions");
    assert_eq!(revisions.len(), 1);
    assert_eq!(revisions[0]["number"], 1);
    assert_eq!(revisions[0]["title"], "Bridge closes");
    assert_eq!(revisions[0]["paragraphs"][0], "The bridge closed after an explosion on Monday.");

    let search = get(&app, "/api/v1/search?q=reopened").await.json();
    assert_eq!(search["total"], 1, "search finds the present version: {search}");
    let old = get(&app, "/api/v1/search?q=explosion").await.json();
    assert_eq!(old["total"], 0, "and not the one it replaced: {old}");
}
