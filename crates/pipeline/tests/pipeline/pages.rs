//! `fetch_pages`: pages asked for by URL are fetched once, robots.txt permitting and through
//! the guard, and stored as articles; what cannot be had is a failure that names its reason.
//! The server is the test's own, on 127.0.0.1.

use std::net::TcpListener;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use newsgraph_pipeline::{Engine, IngestOptions, fetch_pages};

use crate::http::{answer, read_request};

const ARTICLE: &str = "<html><head><title>Ferries stop</title></head><body><article><h1>Ferries stop</h1>\
<p>The ferries between the islands stopped on Monday as a storm reached the coast, the port authority said.</p>\
<p>Fishermen kept their boats in the harbour, and schools on the islands closed until Wednesday.</p>\
</article></body></html>";

/// A server on 127.0.0.1 that counts the requests it is sent.
fn serve() -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("address"));
    let hits = Arc::new(AtomicUsize::new(0));
    let counted = hits.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            counted.fetch_add(1, Ordering::SeqCst);
            let request = read_request(&stream);
            let (status, kind, body) = match request.path.as_str() {
                "/robots.txt" => ("200 OK", "text/plain", "User-agent: *\nDisallow: /private\n"),
                "/ferries" | "/private" => ("200 OK", "text/html", ARTICLE),
                "/empty" => ("200 OK", "text/html", "<html><body></body></html>"),
                _ => ("404 Not Found", "text/plain", "not here"),
            };
            answer(&mut stream, status, kind, body);
        }
    });
    (base, hits)
}

fn options(allow_private: bool) -> IngestOptions {
    IngestOptions { allow_private, host_delay: Duration::ZERO, ..IngestOptions::default() }
}

#[test]
fn pages_are_fetched_once_and_failures_say_why() {
    let (base, _) = serve();
    let dir = tempfile::tempdir().expect("tempdir");
    let engine = Engine::open(dir.path()).expect("open");
    let urls: Vec<String> = ["/ferries", "/missing", "/private", "/empty"]
        .iter()
        .map(|path| format!("{base}{path}"))
        .chain(["ftp://files.example/x".to_owned()])
        .collect();
    let summary = fetch_pages(&engine, &options(true), &urls).expect("fetch");
    assert_eq!(summary.sources, 5);
    assert_eq!(summary.imported, 1, "{summary:?}");
    let reasons: Vec<(&str, &str)> =
        summary.failed.iter().map(|f| (f.url.as_str(), f.reason.as_str())).collect();
    assert_eq!(reasons.len(), 4, "{reasons:?}");
    let reason = |path: &str| reasons.iter().find(|(u, _)| u.ends_with(path)).map(|(_, r)| *r).unwrap_or("");
    assert!(reason("/missing").contains("404"), "{reasons:?}");
    assert!(reason("/private").contains("robots.txt"), "{reasons:?}");
    assert!(reason("/empty").contains("no article text"), "{reasons:?}");
    assert!(reason("/x").contains("only http and https"), "{reasons:?}");
    let id = engine.store.known_url(&urls[0]).expect("known").expect("stored").id;
    assert_eq!(engine.index.num_docs(), 1, "indexed");
    assert!(engine.store.filing(id).expect("filing").is_some(), "filed in a story");

    // Again: the same page, unchanged, stores nothing new.
    let again = fetch_pages(&engine, &options(true), &urls[..1]).expect("fetch");
    assert_eq!((again.imported, again.revised, again.failed.len()), (0, 0, 0), "{again:?}");
    assert_eq!(engine.store.count().expect("count"), 1);
}

#[test]
fn a_loopback_page_is_refused_before_connecting_unless_allowed() {
    let (base, hits) = serve();
    let dir = tempfile::tempdir().expect("tempdir");
    let engine = Engine::open(dir.path()).expect("open");
    let urls = vec![format!("{base}/ferries")];
    let refused = fetch_pages(&engine, &options(false), &urls).expect("fetch");
    assert_eq!(refused.imported, 0);
    assert_eq!(refused.failed.len(), 1, "{refused:?}");
    let reason = &refused.failed[0].reason;
    assert!(reason.contains("loopback") || reason.contains("private"), "the guard says why: {reason}");
    assert_eq!(hits.load(Ordering::SeqCst), 0, "refused before any connection was made");
    assert_eq!(fetch_pages(&engine, &options(true), &urls).expect("fetch").imported, 1);
}
