//! Feeds through the router: the front page's stories, a search, an entity and a story, each
//! as Atom and as JSON Feed, read back with feed-rs (the parser feed readers in Rust use);
//! absolute links from the request's host or the configured address; 400s and 404s; titles
//! that need escaping; and the pages naming their feeds.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use feed_rs::model::{Entry, Feed, FeedType};
use http_body_util::BodyExt;
use newsgraph_model::EntityKind;
use newsgraph_store::NewArticle;
use newsgraph_store::conformance::{canonical, sample, tag};
use newsgraph_web::{AppState, router};
use tower::ServiceExt;

use crate::common::{App, Reply, get, serve, stored};
use crate::common::{MINSK, MINSK_AGAIN, QUAKE};

/// A title with every character XML escapes.
const TRICKY: &str = r#"Putin & Lukashenko <talk> "gas" in Minsk's <b>capital</b>"#;

fn article(title: &str, site: &str, url: Option<&str>, published: Option<&str>, body: &str) -> NewArticle {
    let mut new = sample(title, body, published);
    new.article.site = Some(site.to_owned());
    new.article.url = url.map(str::to_owned);
    new.article.paragraphs.truncate(1);
    for (kind, key, name, form) in [
        (EntityKind::Per, "PER:vladimir putin", "Vladimir Putin", "Putin"),
        (EntityKind::Loc, "geonames:625144", "Minsk", "Minsk"),
    ] {
        if body.contains(form) {
            tag(&mut new, canonical(kind, key, name), &[form]);
        }
    }
    new
}

/// Two Minsk articles (the first with the tricky title and an original URL with a query) and an
/// undated earthquake without a URL or byline, filed in two stories.
fn articles() -> Vec<NewArticle> {
    let mut quake = article("Quake in Chile", "Third Times", None, None, QUAKE);
    quake.article.authors.clear();
    vec![
        article(
            TRICKY,
            "Daily One",
            Some("https://daily.example/minsk?id=1&lang=en"),
            Some("2022-12-19T10:00:00Z"),
            MINSK,
        ),
        article(
            "Putin and Lukashenko discuss military cooperation in Minsk",
            "Second Post",
            Some("https://second.example/minsk"),
            Some("2022-12-20T14:00:00+02:00"),
            MINSK_AGAIN,
        ),
        quake,
    ]
}

fn app() -> App {
    let (dir, engine, ids) = stored(&articles());
    let organized = newsgraph_pipeline::organize(&engine).expect("organize");
    assert_eq!(organized.stories, 2);
    serve(dir, &engine, ids)
}

/// `GET uri` with these headers.
async fn get_with(app: &App, uri: &str, headers: &[(&str, &str)]) -> Reply {
    let mut request = Request::builder().uri(uri);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response =
        app.router.clone().oneshot(request.body(Body::empty()).expect("request")).await.expect("infallible");
    let status = response.status();
    let content_type =
        response.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
    let bytes = response.into_body().collect().await.expect("body").to_bytes();
    Reply { status, content_type, body: String::from_utf8(bytes.to_vec()).expect("utf-8") }
}

/// The feed at `uri`, checked for its status and content type and parsed.
async fn feed(app: &App, uri: &str) -> Feed {
    parsed(&get(app, uri).await, uri)
}

fn parsed(reply: &Reply, uri: &str) -> Feed {
    assert_eq!(reply.status, StatusCode::OK, "{uri}: {}", reply.body);
    let (expected_type, expected_kind) = if uri.split('?').next().is_some_and(|p| p.ends_with(".atom")) {
        ("application/atom+xml; charset=utf-8", FeedType::Atom)
    } else {
        ("application/feed+json; charset=utf-8", FeedType::JSON)
    };
    assert_eq!(reply.content_type, expected_type, "{uri}");
    let feed = feed_rs::parser::parse(reply.body.as_bytes())
        .unwrap_or_else(|e| panic!("{uri}: {e}\n{}", reply.body));
    assert_eq!(feed.feed_type, expected_kind);
    feed
}

fn title(feed: &Feed) -> &str {
    feed.title.as_ref().map(|t| t.content.as_str()).expect("feed title")
}

fn entry_title(entry: &Entry) -> &str {
    entry.title.as_ref().map(|t| t.content.as_str()).expect("entry title")
}

/// The href of the link with `rel` (Atom), or the links in the order JSON Feed gives them.
fn link<'a>(links: &'a [feed_rs::model::Link], rel: &str) -> Option<&'a str> {
    links.iter().find(|l| l.rel.as_deref() == Some(rel)).map(|l| l.href.as_str())
}

fn hrefs(links: &[feed_rs::model::Link]) -> Vec<&str> {
    links.iter().map(|l| l.href.as_str()).collect()
}

fn authors(entry: &Entry) -> Vec<&str> {
    entry.authors.iter().filter_map(|p| p.name.as_deref()).collect()
}

#[tokio::test]
async fn front_page_feeds_list_its_stories() {
    let app = app();
    let atom = feed(&app, "/feeds/stories.atom").await;
    assert_eq!(title(&atom), "Stories · newsgraph");
    assert_eq!(atom.id, "http://localhost/feeds/stories.atom");
    assert_eq!(link(&atom.links, "self"), Some("http://localhost/feeds/stories.atom"));
    assert_eq!(link(&atom.links, "alternate"), Some("http://localhost/"));
    assert_eq!(atom.entries.len(), 2);
    // The undated quake was seen when it was imported, the latest day: it comes first.
    let (quake, minsk) = (&atom.entries[0], &atom.entries[1]);
    assert_eq!(minsk.id, format!("http://localhost/stories/{}", app.ids[0]));
    assert_eq!(link(&minsk.links, "alternate"), Some(minsk.id.as_str()));
    assert!(entry_title(minsk).contains("Lukashenko"), "{minsk:?}");
    assert_eq!(minsk.published.map(|t| t.to_rfc3339()).as_deref(), Some("2022-12-19T10:00:00+00:00"));
    assert_eq!(minsk.updated.map(|t| t.to_rfc3339()).as_deref(), Some("2022-12-20T12:00:00+00:00"));
    assert!(minsk.summary.as_ref().is_some_and(|s| s.content.contains("Minsk")), "the story's summary");
    assert_eq!(atom.updated, quake.updated, "the feed changed when its latest entry did");
    assert_eq!(quake.id, format!("http://localhost/stories/{}", app.ids[2]));
    assert_eq!(authors(quake), ["Third Times"], "the headline article's outlet");
    assert_eq!(link(&quake.links, "related"), None, "no original URL known");

    let json = feed(&app, "/feeds/stories.json").await;
    assert_eq!(title(&json), title(&atom));
    assert_eq!(hrefs(&json.links), ["http://localhost/", "http://localhost/feeds/stories.json"]);
    let ids = |f: &Feed| f.entries.iter().map(|e| e.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&json), ids(&atom));
    assert_eq!(json.entries[1].published, minsk.published);
    assert_eq!(json.entries[1].updated, minsk.updated);
}

#[tokio::test]
async fn front_page_feed_of_an_empty_store_is_valid_and_empty() {
    let (dir, engine, ids) = stored(&[]);
    let app = serve(dir, &engine, ids);
    for uri in ["/feeds/stories.atom", "/feeds/stories.json"] {
        let feed = feed(&app, uri).await;
        assert!(feed.entries.is_empty());
        assert!(feed.updated.is_some() || uri.ends_with(".json"), "Atom always says when");
    }
}

#[tokio::test]
async fn front_page_feed_lists_the_newest_articles_before_any_story() {
    let (dir, engine, ids) = stored(&articles());
    let app = serve(dir, &engine, ids);
    let feed = feed(&app, "/feeds/stories.atom").await;
    assert_eq!(title(&feed), "Latest articles · newsgraph");
    let ids: Vec<String> = feed.entries.iter().map(|e| e.id.clone()).collect();
    let expected: Vec<String> =
        [2, 1, 0].iter().map(|&i| format!("http://localhost/articles/{}", app.ids[i])).collect();
    assert_eq!(ids, expected, "newest first, the undated one by its import time");
}

#[tokio::test]
async fn search_feeds_list_the_newest_matches_with_their_originals() {
    let app = app();
    let uri = "/feeds/search.atom?q=minsk&since=2022-12-01";
    let atom = feed(&app, uri).await;
    assert_eq!(title(&atom), "“minsk” · newsgraph");
    let self_link = "http://localhost/feeds/search.atom?q=minsk&since=2022-12-01";
    assert_eq!((atom.id.as_str(), link(&atom.links, "self")), (self_link, Some(self_link)));
    assert_eq!(link(&atom.links, "alternate"), Some("http://localhost/search?q=minsk&since=2022-12-01"));
    assert_eq!(atom.entries.len(), 2);
    let (newest, older) = (&atom.entries[0], &atom.entries[1]);
    assert_eq!(newest.id, format!("http://localhost/articles/{}", app.ids[1]), "newest first");
    assert_eq!(older.id, format!("http://localhost/articles/{}", app.ids[0]));
    assert_eq!(link(&newest.links, "alternate"), Some(newest.id.as_str()));
    assert_eq!(link(&newest.links, "related"), Some("https://second.example/minsk"));
    assert_eq!(link(&older.links, "related"), Some("https://daily.example/minsk?id=1&lang=en"));
    assert_eq!(newest.published.map(|t| t.to_rfc3339()).as_deref(), Some("2022-12-20T12:00:00+00:00"));
    assert_eq!(
        newest.updated.map(|t| t.to_rfc3339()).as_deref(),
        Some("2023-02-03T09:05:06+00:00"),
        "the page's own update time"
    );
    assert_eq!(authors(newest), ["Jane Doe"]);
    assert!(newest.summary.as_ref().is_some_and(|s| s.content.starts_with("Vladimir Putin met")), "excerpt");

    let json = feed(&app, "/feeds/search.json?q=minsk&since=2022-12-01").await;
    assert_eq!(json.entries.len(), 2);
    let item = &json.entries[0];
    assert_eq!(item.id, newest.id);
    assert_eq!(hrefs(&item.links), [newest.id.as_str(), "https://second.example/minsk"], "url, external_url");
    assert_eq!(authors(item), ["Jane Doe"]);
    assert_eq!(item.published, newest.published);

    let none = feed(&app, "/feeds/search.atom?q=minsk&until=2022-12-01").await;
    assert!(none.entries.is_empty(), "the window applies");
    let quake = feed(&app, "/feeds/search.json?q=earthquake").await;
    assert_eq!(quake.entries.len(), 1);
    assert_eq!(quake.entries[0].published, None, "undated");
    assert_eq!(authors(&quake.entries[0]), ["Third Times"], "no byline: the outlet");
}

/// The id of the entity with this name, through the API.
async fn entity_id(app: &App, name: &str) -> i64 {
    let reply = get(app, &format!("/api/v1/entities?q={name}")).await;
    let json = reply.json();
    json["entities"][0]["id"].as_i64().unwrap_or_else(|| panic!("{json}"))
}

#[tokio::test]
async fn entity_feeds_list_its_newest_articles() {
    let app = app();
    let putin = entity_id(&app, "Putin").await;
    let atom = feed(&app, &format!("/feeds/entities/{putin}.atom")).await;
    assert_eq!(title(&atom), "Vladimir Putin · newsgraph");
    assert_eq!(link(&atom.links, "alternate"), Some(format!("http://localhost/entities/{putin}").as_str()));
    let ids: Vec<&str> = atom.entries.iter().map(|e| e.id.as_str()).collect();
    let expected = [1, 0].map(|i| format!("http://localhost/articles/{}", app.ids[i]));
    assert_eq!(ids, expected);
    let json = feed(&app, &format!("/feeds/entities/{putin}.json")).await;
    assert_eq!(json.entries.len(), 2);
    assert_eq!(hrefs(&json.links)[1], format!("http://localhost/feeds/entities/{putin}.json"));

    let searched = feed(&app, &format!("/feeds/search.atom?entity={putin}")).await;
    assert_eq!(title(&searched), "Articles naming Vladimir Putin · newsgraph");
    assert_eq!(searched.entries.len(), 2);
}

#[tokio::test]
async fn story_feeds_list_its_coverage_newest_first() {
    let app = app();
    let atom = feed(&app, &format!("/feeds/stories/{}.atom", app.ids[0])).await;
    assert_eq!(
        link(&atom.links, "alternate"),
        Some(format!("http://localhost/stories/{}", app.ids[0]).as_str())
    );
    let ids: Vec<&str> = atom.entries.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, [1, 0].map(|i| format!("http://localhost/articles/{}", app.ids[i])));
    let json = feed(&app, &format!("/feeds/stories/{}.json", app.ids[2])).await;
    assert_eq!(json.entries.len(), 1);
    assert_eq!(title(&json), "Quake in Chile · newsgraph");
}

#[tokio::test]
async fn unknown_feeds_are_404_and_bad_parameters_400() {
    let app = app();
    for uri in [
        "/feeds/entities/99999.atom",
        "/feeds/entities/99999.json",
        "/feeds/entities/0.atom",
        "/feeds/entities/abc.atom",
        "/feeds/entities/1.xml",
        "/feeds/entities/1",
        "/feeds/stories/99999.atom",
        "/feeds/stories/-1.json",
        "/feeds/stories/.atom",
        "/feeds/search.atom?entity=99999",
        "/feeds/stories.rss",
        "/feeds",
    ] {
        get(&app, uri).await.assert_html(StatusCode::NOT_FOUND);
    }
    for uri in [
        "/feeds/search.atom",
        "/feeds/search.json?q=%20",
        "/feeds/search.atom?q=minsk&since=yesterday",
        "/feeds/search.atom?q=minsk&since=2022-12-02&until=2022-12-01",
        "/feeds/search.json?entity=abc",
        "/feeds/search.atom?q=a&q=b",
    ] {
        get(&app, uri).await.assert_html(StatusCode::BAD_REQUEST);
    }
}

#[tokio::test]
async fn titles_are_escaped_and_read_back_whole() {
    let app = app();
    let uri = "/feeds/search.atom?q=minsk%20%26%20%3Ctalk%3E";
    let story = format!("/feeds/stories/{}.atom", app.ids[0]);
    for uri in [uri, &story, "/feeds/search.json?q=capital"] {
        let reply = get(&app, uri).await;
        if uri.contains(".atom") {
            assert!(!reply.body.contains("<talk>") && !reply.body.contains("<b>"), "{}", reply.body);
        }
        let feed = parsed(&reply, uri);
        let titles: Vec<&str> = feed.entries.iter().map(entry_title).collect();
        assert!(titles.contains(&TRICKY), "{uri}: {titles:?}");
    }
    let atom = get(&app, uri).await;
    assert!(
        atom.body.contains("Putin &amp; Lukashenko &lt;talk&gt; &quot;gas&quot; in Minsk&apos;s"),
        "{}",
        atom.body
    );
    assert!(atom.body.contains(r#"href="https://daily.example/minsk?id=1&amp;lang=en""#));
    assert!(atom.body.contains("q=minsk%20%26%20%3Ctalk%3E"), "the query stays encoded in links");
    let feed = parsed(&atom, uri);
    assert_eq!(title(&feed), "“minsk & <talk>” · newsgraph");
}

#[tokio::test]
async fn links_name_the_requested_host_only_when_it_is_a_host() {
    let app = app();
    let uri = "/feeds/stories.atom";
    let at = |host: &'static str, proto: Option<&'static str>| {
        let mut headers = vec![("host", host)];
        headers.extend(proto.map(|p| ("x-forwarded-proto", p)));
        headers
    };
    let cases = [
        (at("news.example:8080", None), "http://news.example:8080"),
        (at("news.example", Some("https")), "https://news.example"),
        (at("[::1]:8080", None), "http://[::1]:8080"),
        (at("evil.example/x?", None), "http://localhost"),
        (at("a\"b", None), "http://localhost"),
    ];
    for (headers, base) in cases {
        let feed = parsed(&get_with(&app, uri, &headers).await, uri);
        assert_eq!(
            link(&feed.links, "self"),
            Some(format!("{base}/feeds/stories.atom").as_str()),
            "{headers:?}"
        );
        assert!(feed.entries.iter().all(|e| e.id.starts_with(&format!("{base}/stories/"))), "{headers:?}");
    }
}

#[tokio::test]
async fn a_configured_public_url_wins_over_the_host() {
    let (dir, engine, ids) = stored(&articles());
    let state = AppState {
        store: engine.store.clone(),
        index: engine.index.clone(),
        public_url: Some(newsgraph_web::parse_public_url("https://news.example/ng/").expect("valid")),
        access: newsgraph_web::Access::default(),
    };
    let app = App { router: router(state), ids, _dir: dir };
    let uri = "/feeds/search.json?q=quake";
    let feed = parsed(&get_with(&app, uri, &[("host", "internal:8080")]).await, uri);
    assert_eq!(
        hrefs(&feed.links),
        ["https://news.example/ng/search?q=quake", "https://news.example/ng/feeds/search.json?q=quake"]
    );
    assert_eq!(feed.entries[0].id, format!("https://news.example/ng/articles/{}", app.ids[2]));
}

/// The page's head names its feeds, and the page links to them.
fn assert_discoverable(reply: &Reply, atom: &str, json: &str) {
    reply.assert_html(StatusCode::OK);
    let head = &reply.body[..reply.body.find("</head>").expect("head")];
    assert!(head.contains(r#"<link rel="alternate" type="application/atom+xml" title="#), "{head}");
    assert!(head.contains(&format!(r#"href="{atom}">"#)), "{atom} in {head}");
    assert!(head.contains(r#"type="application/feed+json""#) && head.contains(&format!(r#"href="{json}">"#)));
    let body = &reply.body[head.len()..];
    assert!(body.contains(&format!(r#"<a href="{atom}" type="application/atom+xml""#)), "{body}");
    assert!(body.contains(">Feed</a>"));
}

#[tokio::test]
async fn pages_name_their_feeds() {
    let app = app();
    assert_discoverable(&get(&app, "/").await, "/feeds/stories.atom", "/feeds/stories.json");
    let search = get(&app, "/search?q=minsk+%26&since=2022-12-01").await;
    assert_discoverable(
        &search,
        "/feeds/search.atom?q=minsk%20%26&amp;since=2022-12-01",
        "/feeds/search.json?q=minsk%20%26&amp;since=2022-12-01",
    );
    let putin = entity_id(&app, "Putin").await;
    let entity = get(&app, &format!("/entities/{putin}")).await;
    assert_discoverable(
        &entity,
        &format!("/feeds/entities/{putin}.atom"),
        &format!("/feeds/entities/{putin}.json"),
    );
    let story = get(&app, &format!("/stories/{}", app.ids[0])).await;
    let id = app.ids[0];
    assert_discoverable(&story, &format!("/feeds/stories/{id}.atom"), &format!("/feeds/stories/{id}.json"));
    let empty_search = get(&app, "/search").await;
    assert!(!empty_search.body.contains("application/atom+xml"), "no search, no feed");
}
