//! An article whose page changes after it was stored keeps its history: polled again, a feed
//! entry dated later than the fetch (or a followed page answering with new content) becomes
//! the article's new version under the same id, the version before is kept, and search finds
//! the new text only. A page fetched again unchanged stores nothing. The server is the test's
//! own, on 127.0.0.1.

use std::collections::HashMap;
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::Utc;
use newsgraph_index::SearchQuery;
use newsgraph_model::ArticleId;
use newsgraph_pipeline::{Engine, IngestOptions, IngestSummary, ingest};
use newsgraph_store::{NewSubscription, SubscriptionKind};

use crate::http::{answer, read_request};

/// What the server answers for each path: content type and body; anything else is a 404.
type Site = Arc<Mutex<HashMap<String, (&'static str, String)>>>;

fn serve() -> (String, Site) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("address"));
    let site: Site = Arc::default();
    let pages = site.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let path = read_request(&stream).path;
            let found = pages.lock().expect("lock").get(&path).cloned();
            let (status, kind, body) = match found {
                Some((kind, body)) => ("200 OK", kind, body),
                None => ("404 Not Found", "text/plain", "not here".to_owned()),
            };
            answer(&mut stream, status, kind, &body);
        }
    });
    (base, site)
}

fn page(title: &str, paragraphs: &[&str]) -> String {
    let body: String = paragraphs.iter().map(|p| format!("<p>{p}</p>")).collect();
    format!(
        "<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{body}</article></body></html>"
    )
}

fn atom(base: &str, updated: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Loopback</title><id>{base}/feed</id><updated>{updated}</updated>
<entry><title>Bridge closes</title><id>{base}/bridge</id><link href="{base}/bridge"/>
<published>2022-12-19T08:00:00Z</published><updated>{updated}</updated></entry>
</feed>"#
    )
}

const FIRST: [&str; 2] = [
    "The Crimean bridge was closed to traffic on Monday morning after an explosion damaged one of its spans, officials said.",
    "Ferries were brought in to carry cars across the Kerch Strait while engineers inspected the structure.",
];
const SECOND: [&str; 2] = [
    "The Crimean bridge reopened to cars on Monday evening after engineers inspected the damaged span, officials said.",
    "Trains will resume on Tuesday, and ferries across the Kerch Strait will keep running until then.",
];

fn options() -> IngestOptions {
    IngestOptions { allow_private: true, host_delay: Duration::ZERO, all: true, ..IngestOptions::default() }
}

fn hits(engine: &Engine, text: &str) -> Vec<ArticleId> {
    let query = SearchQuery { text: text.into(), limit: 10, ..SearchQuery::default() };
    engine.index.search(&query).expect("search").hits.into_iter().map(|h| h.id).collect()
}

fn round(engine: &Engine) -> IngestSummary {
    let summary = ingest(engine, &options()).expect("ingest");
    assert!(summary.failed.is_empty(), "{:?}", summary.failed);
    summary
}

#[test]
fn a_feed_entry_updated_after_it_was_fetched_is_stored_as_a_new_version() {
    let (base, site) = serve();
    let dir = tempfile::tempdir().expect("tempdir");
    let engine = Engine::open(dir.path()).expect("open");
    let feed = NewSubscription {
        url: format!("{base}/feed"),
        kind: SubscriptionKind::Feed,
        section: None,
        title: None,
        allow_private: true,
    };
    engine.store.subscribe(&feed, Utc::now()).expect("subscribe");
    {
        let mut pages = site.lock().expect("lock");
        pages.insert("/feed".into(), ("application/atom+xml", atom(&base, "2022-12-19T08:00:00Z")));
        pages.insert("/bridge".into(), ("text/html", page("Bridge closes", &FIRST)));
    }
    let first = round(&engine);
    assert_eq!((first.imported, first.revised), (1, 0));
    let id = hits(&engine, "explosion")[0];

    // The page changes but the feed does not say so: nothing is fetched again.
    site.lock().expect("lock").insert("/bridge".into(), ("text/html", page("Bridge reopens", &SECOND)));
    let quiet = round(&engine);
    assert_eq!((quiet.imported, quiet.revised), (0, 0));
    assert!(engine.store.revisions(id).expect("revisions").is_empty());

    // The feed dates the entry after the fetch: fetched again, stored as a new version.
    std::thread::sleep(Duration::from_millis(1_100));
    let later = (Utc::now() - chrono::Duration::milliseconds(100)).to_rfc3339();
    site.lock().expect("lock").insert("/feed".into(), ("application/atom+xml", atom(&base, &later)));
    let updated = round(&engine);
    assert_eq!((updated.imported, updated.revised), (0, 1), "{updated:?}");
    assert_eq!(engine.store.count().expect("count"), 1, "the same article, not a second one");
    let now = engine.store.article(id).expect("read").expect("stored");
    assert_eq!(now.article.title, "Bridge reopens");
    let earlier = engine.store.revisions(id).expect("revisions");
    assert_eq!(earlier.len(), 1);
    assert_eq!(earlier[0].title, "Bridge closes");
    assert_eq!(earlier[0].paragraphs, FIRST);
    assert_eq!(hits(&engine, "reopened"), vec![id], "the index holds the new version");
    assert!(hits(&engine, "explosion").is_empty(), "and no longer the old one");
    let filing = engine.store.filing(id).expect("filing").expect("still filed in its story");
    let story = engine.store.story(filing.story).expect("story").expect("digest");
    assert_eq!(story.headline, "Bridge reopens", "the story's digest follows the new version");
}

#[test]
fn a_followed_page_is_revised_when_it_changes_and_left_alone_when_not() {
    let (base, site) = serve();
    let dir = tempfile::tempdir().expect("tempdir");
    let engine = Engine::open(dir.path()).expect("open");
    let url = format!("{base}/live");
    let followed = NewSubscription {
        url: url.clone(),
        kind: SubscriptionKind::Page,
        section: None,
        title: None,
        allow_private: true,
    };
    engine.store.subscribe(&followed, Utc::now()).expect("subscribe");
    site.lock().expect("lock").insert("/live".into(), ("text/html", page("Bridge closes", &FIRST)));
    assert_eq!(round(&engine).imported, 1);
    let id = engine.store.known_url(&url).expect("known").expect("stored").id;

    let unchanged = round(&engine);
    assert_eq!((unchanged.imported, unchanged.revised), (0, 0), "an unchanged page stores nothing");
    assert!(engine.store.revisions(id).expect("revisions").is_empty());

    site.lock().expect("lock").insert("/live".into(), ("text/html", page("Bridge reopens", &SECOND)));
    let changed = round(&engine);
    assert_eq!((changed.imported, changed.revised), (0, 1));
    assert_eq!(engine.store.revisions(id).expect("revisions").len(), 1);
    assert_eq!(hits(&engine, "reopened"), vec![id]);
}
