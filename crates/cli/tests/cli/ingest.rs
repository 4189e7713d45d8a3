//! `newsgraph ingest` against an HTTP server the test starts on 127.0.0.1 (nothing else is ever
//! contacted): the SSRF guard refuses a loopback source before connecting unless it is allowed,
//! a feed's entries are fetched (robots.txt honoured) or taken from the feed's text, and an
//! unchanged feed (304) stores nothing.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

use crate::common::Sandbox;

const ARTICLE: &str = "<html><head><title>Putin visits Minsk</title></head><body><article>\
<h1>Putin visits Minsk</h1>\
<p>Russian President Vladimir Putin arrived in Minsk on Monday for talks with Alexander Lukashenko, \
his first visit to Belarus in three years.</p>\
<p>Kremlin spokesman Dmitry Peskov told reporters that the talks would cover economic ties and security.</p>\
<p>Ukraine's top general warned that Russia was preparing 200,000 new troops for an offensive.</p>\
</article></body></html>";

fn feed(base: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Loopback News</title><link>{base}/</link><ttl>30</ttl>
<item><title>Putin visits Minsk</title><link>{base}/a</link><pubDate>Mon, 19 Dec 2022 10:00:00 GMT</pubDate>
  <description>Putin arrives in Minsk.</description></item>
<item><title>Floods in Pakistan</title><link>{base}/b</link><pubDate>Mon, 19 Dec 2022 09:00:00 GMT</pubDate>
  <description>&lt;p&gt;Monsoon floods displaced thousands of families in Sindh province on Monday, officials said, as rescue teams struggled to reach villages cut off by the water.&lt;/p&gt;</description></item>
<item><title>Election in Chile</title><link>{base}/c</link><pubDate>Mon, 19 Dec 2022 08:00:00 GMT</pubDate>
  <description>Voters in Chile chose a new president in a run-off election on Sunday, and the winner promised to rewrite the constitution.</description></item>
</channel></rss>"#
    )
}

/// A server on 127.0.0.1 that counts the requests for each path.
fn serve() -> (String, Arc<Mutex<HashMap<String, usize>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("address"));
    let hits: Arc<Mutex<HashMap<String, usize>>> = Arc::default();
    let (counted, feed_base) = (hits.clone(), base.clone());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().expect("clone"));
            let mut head = Vec::new();
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
                head.push(line);
            }
            let path = head.first().and_then(|l| l.split_whitespace().nth(1)).unwrap_or("/").to_owned();
            *counted.lock().expect("lock").entry(path.clone()).or_default() += 1;
            let conditional =
                head.iter().any(|l| l.to_ascii_lowercase().starts_with("if-none-match: \"v1\""));
            let (status, kind, body) = match path.as_str() {
                "/feed.xml" if conditional => ("304 Not Modified", "application/rss+xml", String::new()),
                "/feed.xml" => ("200 OK", "application/rss+xml", feed(&feed_base)),
                "/robots.txt" => ("200 OK", "text/plain", "User-agent: *\nDisallow: /b\n".to_owned()),
                "/a" => ("200 OK", "text/html; charset=utf-8", ARTICLE.to_owned()),
                _ => ("404 Not Found", "text/plain", "not here".to_owned()),
            };
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nETag: \"v1\"\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    (base, hits)
}

fn sources(sandbox: &Sandbox) -> Vec<serde_json::Value> {
    sandbox
        .run_ok(&["source", "list", "--json"])
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect()
}

#[test]
fn a_loopback_source_is_refused_before_connecting_unless_allowed() {
    let sandbox = Sandbox::new();
    let (base, hits) = serve();
    sandbox.run_ok(&["source", "add", &format!("{base}/feed.xml")]);
    let out = sandbox.run(&["ingest", "--host-delay-ms", "0"]);
    assert_eq!(out.status.code(), Some(3), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("refused"), "{out:?}");
    assert!(hits.lock().expect("lock").is_empty(), "nothing reached the server");
    let listed = sources(&sandbox);
    assert!(listed[0]["last_error"].as_str().is_some_and(|e| e.contains("refused")), "{listed:?}");
    assert_eq!(listed[0]["failures"], 1);

    // The whole process may allow private addresses.
    let out = sandbox
        .command(&["ingest", "--all", "--host-delay-ms", "0", "--json"])
        .env("NEWSGRAPH_ALLOW_PRIVATE", "1")
        .output()
        .expect("run");
    assert!(out.status.success(), "{out:?}");
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(summary["imported"], 3, "{summary}");
}

#[test]
fn a_feed_is_ingested_with_robots_honoured_and_nothing_twice() {
    let sandbox = Sandbox::new();
    let (base, hits) = serve();
    sandbox.run_ok(&["source", "add", &format!("{base}/feed.xml"), "--allow-private", "--section", "World"]);
    let out = sandbox.run_ok(&["ingest", "--host-delay-ms", "0", "--json"]);
    let summary: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(summary["sources"], 1, "{summary}");
    assert_eq!(summary["imported"], 3, "{summary}");
    assert_eq!(summary["from_feed_text"], 2, "/b is disallowed by robots.txt, /c is missing: {summary}");
    {
        let hits = hits.lock().expect("lock");
        assert_eq!(hits.get("/b"), None, "robots.txt is honoured");
        assert_eq!(hits.get("/robots.txt"), Some(&1), "read once per host");
        assert_eq!(hits.get("/a"), Some(&1));
    }
    let listed = sources(&sandbox);
    assert_eq!(listed[0]["title"], "Loopback News");
    assert_eq!(listed[0]["articles_found"], 3);
    assert_eq!(listed[0]["last_status"], 200);
    assert!(listed[0]["next_poll"].is_string());
    let found = sandbox.run_ok(&["search", "--json", "Peskov"]);
    assert_eq!(found.lines().count(), 1, "the page's own text was stored: {found}");

    // Not due yet: nothing polled. Polled anyway: the feed is unchanged (304).
    let out = sandbox.run_ok(&["ingest", "--host-delay-ms", "0", "--json"]);
    assert_eq!(serde_json::from_str::<serde_json::Value>(&out).expect("JSON")["sources"], 0);
    let out = sandbox.run_ok(&["ingest", "--all", "--host-delay-ms", "0", "--json"]);
    let again: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!((again["not_modified"].as_u64(), again["imported"].as_u64()), (Some(1), Some(0)), "{again}");
    assert_eq!(sandbox.stats()["articles"], 3);
    // The feed asks for 30 minutes (its ttl); an unchanged answer keeps the pace it set.
    let interval = |source: &serde_json::Value| {
        let time = |field: &str| {
            chrono::DateTime::parse_from_rfc3339(source[field].as_str().expect("time")).expect("RFC 3339")
        };
        (time("next_poll") - time("last_polled")).num_seconds()
    };
    let after_304 = interval(&sources(&sandbox)[0]);
    assert_eq!(after_304, interval(&listed[0]), "the interval the full answer set");
    assert!((27 * 60..=33 * 60).contains(&after_304), "30 minutes give or take the jitter: {after_304}");
}

#[test]
fn serve_polls_the_sources_in_the_background() {
    let sandbox = Sandbox::new();
    let (base, _hits) = serve();
    sandbox.run_ok(&["source", "add", &format!("{base}/feed.xml"), "--allow-private"]);
    let server = crate::common::Server::start(sandbox.command(&["serve", "--addr", "127.0.0.1:0"]));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    let found = loop {
        let (status, sources) = server.get_json("/api/v1/sources");
        assert_eq!(status, 200);
        let found = sources["sources"][0]["articles_found"].as_u64().unwrap_or(0);
        if found > 0 || std::time::Instant::now() > deadline {
            break found;
        }
        std::thread::sleep(std::time::Duration::from_millis(250));
    };
    assert_eq!(found, 3, "the poller stored the feed's articles");
    let (status, page) = server.get("/sources");
    assert_eq!(status, 200);
    assert!(page.contains("Loopback News"), "{page}");
    // The round indexes what it stored once its sources are polled, a moment after it records
    // their polls.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    let total = loop {
        let (_, search) = server.get_json("/api/v1/search?q=Peskov");
        let total = search["total"].as_u64().unwrap_or(0);
        if total > 0 || std::time::Instant::now() > deadline {
            break total;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    };
    assert_eq!(total, 1, "indexed and searchable while serving");
}
