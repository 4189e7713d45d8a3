//! `newsgraph ingest` killed mid-round (SIGKILL, no chance to clean up) loses nothing it
//! stored, and the next round goes on from there: every entry stored once, the search index
//! and the stories caught up. The feeds are on a server on 127.0.0.1, nothing else is contacted.

use std::path::Path;
use std::process::Stdio;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crate::common::{Loopback, Reply, Sandbox, count_stored, json_lines};

/// Articles are stored a source at a time, so the round is spread over several feeds for the
/// kill to land between two of them.
const FEEDS: usize = 6;
const ENTRIES: usize = 20;

const TOWNS: [&str; 5] = ["Tromso", "Bergen", "Trondheim", "Stavanger", "Bodo"];

/// The page of entry `entry` of feed `feed`, with a word of its own (`kilnum{feed}x{entry}`).
fn page(feed: usize, entry: usize) -> String {
    let town = TOWNS[(feed + entry) % TOWNS.len()];
    let seats = 11 + feed * ENTRIES + entry;
    format!(
        "<html><head><title>{town} council vote {feed}-{entry}</title></head><body><article>\
         <h1>{town} council vote {feed}-{entry}</h1>\
         <p>The council of {town} voted on Tuesday to add {seats} seats to its chamber, a change \
         that the mayor said would let the kilnum{feed}x{entry} districts be heard.</p>\
         <p>Opposition members said the plan would cost {seats} million kroner over four years and \
         asked for a referendum before any of the new seats is filled.</p>\
         </article></body></html>"
    )
}

fn feed(feed: usize) -> String {
    let mut rss = format!("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Feed {feed}</title>");
    for entry in 0..ENTRIES {
        rss.push_str(&format!(
            "<item><title>{feed}-{entry}</title><link>/f{feed}/e{entry}</link>\
             <pubDate>Tue, 10 Sep 2024 {:02}:{:02}:00 GMT</pubDate></item>",
            feed,
            entry * 2
        ));
    }
    rss + "</channel></rss>"
}

/// The URLs of the stored articles, as they were fetched, and how many are not filed in a story.
fn stored(db: &Path) -> (Vec<String>, i64) {
    let conn = rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .expect("open the database");
    let mut statement = conn.prepare("SELECT source_location FROM articles ORDER BY id").expect("query");
    let urls = statement.query_map([], |row| row.get(0)).expect("query").collect::<Result<_, _>>();
    let unfiled =
        conn.query_row("SELECT count(*) FROM articles WHERE story_id IS NULL", [], |row| row.get(0));
    (urls.expect("URLs"), unfiled.expect("count"))
}

#[test]
fn a_killed_ingest_loses_nothing_and_the_next_goes_on() {
    let sandbox = Sandbox::new();
    // Each page is slow until the kill, so that the round lasts a few seconds.
    let slow = Arc::new(AtomicBool::new(true));
    let pages_slow = slow.clone();
    let server = Loopback::start(move |path| {
        let delay = match pages_slow.load(Ordering::SeqCst) {
            true => Duration::from_millis(30),
            false => Duration::ZERO,
        };
        let parts: Vec<usize> =
            path.split(|c: char| !c.is_ascii_digit()).filter_map(|n| n.parse().ok()).collect();
        match parts.as_slice() {
            [f] if *f < FEEDS && path == format!("/feed{f}.xml") => {
                Reply::ok("application/rss+xml", feed(*f))
            }
            [f, e] if *f < FEEDS && *e < ENTRIES && path == format!("/f{f}/e{e}") => {
                Reply { delay, ..Reply::ok("text/html; charset=utf-8", page(*f, *e)) }
            }
            _ => Reply::status(404),
        }
    });
    for f in 0..FEEDS {
        sandbox.run_ok(&["source", "add", &server.url(&format!("/feed{f}.xml")), "--allow-private"]);
    }
    let args = ["ingest", "--all", "--json", "--host-delay-ms", "0", "--entries-per-source", "500"];

    let mut child =
        sandbox.command(&args).stdout(Stdio::null()).stderr(Stdio::null()).spawn().expect("spawn ingest");
    let db = sandbox.data().join("newsgraph.db");
    let deadline = Instant::now() + Duration::from_secs(60);
    while count_stored(&db).unwrap_or(0) == 0 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(10));
    }
    child.kill().expect("kill");
    child.wait().expect("wait");
    slow.store(false, Ordering::SeqCst);
    let (before, _) = stored(&db);
    assert!(!before.is_empty(), "ingest stored nothing within a minute");
    assert!(before.len() < FEEDS * ENTRIES, "killed too late to test anything");
    assert_eq!(sandbox.stats()["articles"].as_u64(), Some(before.len() as u64), "opens after the kill");

    let out = sandbox.run(&args);
    assert!(out.status.success(), "{out:?}");
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).expect("summary");
    assert_eq!(summary["imported"].as_u64(), Some((FEEDS * ENTRIES - before.len()) as u64), "{summary}");
    assert_eq!(summary["already_present"], 0, "{summary}");

    let (after, unfiled) = stored(&db);
    let mut urls = after.clone();
    urls.sort();
    urls.dedup();
    assert_eq!((after.len(), urls.len()), (FEEDS * ENTRIES, FEEDS * ENTRIES), "every entry stored once");
    for url in &before {
        let path = url.strip_prefix(&server.base).expect("a loopback URL");
        assert_eq!(server.hits(path), 1, "{url} was stored before the kill and not fetched again");
    }
    assert_eq!(unfiled, 0, "every article is filed in a story");
    let stats = sandbox.stats();
    assert_eq!(stats["indexed"].as_u64(), Some((FEEDS * ENTRIES) as u64), "index caught up: {stats}");
    assert!(stats["stories"].as_u64().is_some_and(|s| s > 0), "{stats}");
    let first = before[0].strip_prefix(&server.base).expect("a loopback URL");
    let numbers: Vec<&str> = first.split(|c: char| !c.is_ascii_digit()).filter(|n| !n.is_empty()).collect();
    let word = format!("kilnum{}x{}", numbers[0], numbers[1]);
    let hits = json_lines(&sandbox.run_ok(&["search", "--json", &word]));
    assert_eq!(hits.len(), 1, "{word}, stored before the kill, is found once: {hits:?}");
}
