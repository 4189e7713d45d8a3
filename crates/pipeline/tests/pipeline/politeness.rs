//! A round polls several sources at once, yet asks each host one request at a time with the
//! pause between: whichever worker asks. The servers are the test's own, on 127.0.0.1 and
//! 127.0.0.2.

use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::Utc;
use newsgraph_pipeline::{Engine, IngestOptions, ingest};
use newsgraph_store::{NewSubscription, SubscriptionKind};

use crate::http::{answer, read_request};

/// When each request to a server began and ended.
type Log = Arc<Mutex<Vec<(Instant, Instant)>>>;

/// A server on `ip` holding `feeds` feeds of `entries` entries each; every answer takes
/// `slow` to come.
fn serve(ip: &str, feeds: usize, entries: usize, slow: Duration) -> (String, Log) {
    let listener = TcpListener::bind((ip, 0)).expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("address"));
    let log: Log = Arc::default();
    let (written, own) = (log.clone(), base.clone());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let (written, base) = (written.clone(), own.clone());
            // A thread per connection, so that the server itself never serialises requests.
            std::thread::spawn(move || {
                let began = Instant::now();
                let path = read_request(&stream).path;
                std::thread::sleep(slow);
                let (kind, body) = site(&base, &path, feeds, entries);
                // Ended before the answer is sent: the client cannot have it (and ask again)
                // before this is noted.
                written.lock().expect("lock").push((began, Instant::now()));
                answer(&mut stream, "200 OK", kind, &body);
            });
        }
    });
    (base, log)
}

fn site(base: &str, path: &str, feeds: usize, entries: usize) -> (&'static str, String) {
    if path == "/robots.txt" {
        return ("text/plain", "User-agent: *\nAllow: /\n".into());
    }
    if let Some(feed) =
        path.strip_prefix("/feed-").and_then(|n| n.parse::<usize>().ok()).filter(|n| *n < feeds)
    {
        let items: String = (0..entries)
            .map(|i| {
                format!("<item><title>Story {feed}-{i}</title><link>{base}/page-{feed}-{i}</link></item>")
            })
            .collect();
        let rss = format!("<rss version=\"2.0\"><channel><title>Feed {feed}</title>{items}</channel></rss>");
        return ("application/rss+xml", rss);
    }
    let page = format!(
        "<html><head><title>Page {path}</title></head><body><article><h1>Page {path}</h1>\
         <p>Reporters at {base} wrote this page, {path}, about the harbour of a small town \
         where the ferries were stopped by a storm on Monday and the fishermen stayed home.</p>\
         </article></body></html>"
    );
    ("text/html", page)
}

fn follow(engine: &Engine, base: &str, feeds: usize) {
    for feed in 0..feeds {
        let new = NewSubscription {
            url: format!("{base}/feed-{feed}"),
            kind: SubscriptionKind::Feed,
            section: None,
            title: None,
            allow_private: true,
        };
        engine.store.subscribe(&new, Utc::now()).expect("subscribe");
    }
}

/// The most requests that were in flight at once.
fn most_at_once(log: &Log) -> usize {
    let spans = log.lock().expect("lock").clone();
    spans
        .iter()
        .map(|(start, _)| spans.iter().filter(|(s, e)| s <= start && start < e).count())
        .max()
        .unwrap_or(0)
}

#[test]
fn sources_are_polled_at_once_but_each_host_one_request_at_a_time() {
    let slow = Duration::from_millis(40);
    let (one, one_log) = serve("127.0.0.1", 3, 3, slow);
    let (two, two_log) = serve("127.0.0.2", 3, 3, slow);
    let dir = tempfile::tempdir().expect("tempdir");
    let engine = Engine::open(dir.path()).expect("open");
    follow(&engine, &one, 3);
    follow(&engine, &two, 3);
    let delay = Duration::from_millis(30);
    let options =
        IngestOptions { allow_private: true, host_delay: delay, concurrency: 4, ..IngestOptions::default() };
    let summary = ingest(&engine, &options).expect("ingest");
    assert!(summary.failed.is_empty(), "{:?}", summary.failed);
    assert_eq!(summary.imported, 18, "{summary:?}");

    for log in [&one_log, &two_log] {
        // robots.txt, 3 feeds, 9 pages.
        assert_eq!(log.lock().expect("lock").len(), 13);
        assert_eq!(most_at_once(log), 1, "one request at a time per host");
        let mut starts: Vec<Instant> = log.lock().expect("lock").iter().map(|(s, _)| *s).collect();
        starts.sort();
        let gaps: Vec<Duration> = starts.windows(2).map(|w| w[1] - w[0]).collect();
        // Less a little for the server's own lag in noting when a request came.
        let slack = Duration::from_millis(10);
        assert!(gaps.iter().all(|g| *g + slack >= delay), "the pause between requests: {gaps:?}");
    }
    // Both hosts were being asked at the same time at some point.
    let mut both = one_log.lock().expect("lock").clone();
    both.extend(two_log.lock().expect("lock").iter().copied());
    let both: Log = Arc::new(Mutex::new(both));
    assert!(most_at_once(&both) >= 2, "the hosts were polled at once");
}

#[test]
fn one_worker_polls_the_sources_in_turn() {
    let (base, log) = serve("127.0.0.1", 2, 2, Duration::ZERO);
    let (other, other_log) = serve("127.0.0.2", 2, 2, Duration::from_millis(20));
    let dir = tempfile::tempdir().expect("tempdir");
    let engine = Engine::open(dir.path()).expect("open");
    follow(&engine, &base, 2);
    follow(&engine, &other, 2);
    let options = IngestOptions {
        allow_private: true,
        host_delay: Duration::ZERO,
        concurrency: 1,
        ..IngestOptions::default()
    };
    let summary = ingest(&engine, &options).expect("ingest");
    assert_eq!(summary.imported, 8, "{summary:?}");
    let mut both = log.lock().expect("lock").clone();
    both.extend(other_log.lock().expect("lock").iter().copied());
    assert_eq!(most_at_once(&Arc::new(Mutex::new(both))), 1, "never two requests at once");
}
