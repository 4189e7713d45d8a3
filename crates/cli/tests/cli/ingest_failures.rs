//! `newsgraph ingest` when sources misbehave, each test against its own server on 127.0.0.1
//! (nothing else is ever contacted): a server that asks to wait, a feed that disappears,
//! charsets named only by HTTP, a stalled server, an oversize body, broken XML and gzipped
//! sitemaps. What a source's poll said is read back with `source list --json`. The entries'
//! pages are not served (but for the sitemap's), so what is stored is the feed's own text.

use std::io::Write;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use crate::common::{Loopback, Reply, Sandbox, json_lines};

const RSS: &str = "application/rss+xml";

/// An RSS 2.0 feed of (link, title, pubDate, description) items, links relative to the feed.
fn rss(title: &str, items: &[(&str, &str, &str, &str)]) -> String {
    let mut feed = format!("<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>{title}</title>\n");
    for (link, title, date, description) in items {
        feed.push_str(&format!(
            "<item><title>{title}</title><link>{link}</link><pubDate>{date}</pubDate>\
             <description>{description}</description></item>\n"
        ));
    }
    feed + "</channel></rss>\n"
}

/// Two entries 20 minutes apart: the feed asks to be polled every 10 minutes.
fn two_entry_feed() -> String {
    rss(
        "Harbour News",
        &[
            (
                "/floods",
                "Floods in Pakistan",
                "Mon, 19 Dec 2022 10:00:00 GMT",
                "Monsoon floods displaced thousands of families in Sindh province on Monday, officials \
                 said, as rescue teams struggled to reach villages cut off by the water.",
            ),
            (
                "/election",
                "Election in Chile",
                "Mon, 19 Dec 2022 09:40:00 GMT",
                "Voters in Chile chose a new president in a run-off election on Sunday, and the winner \
                 promised to rewrite the constitution within two years.",
            ),
        ],
    )
}

/// One entry, its page not served.
fn quake_feed() -> String {
    rss(
        "Quakes",
        &[(
            "/quake",
            "Quake in Chile",
            "Mon, 19 Dec 2022 10:00:00 GMT",
            "A strong earthquake shook northern Chile on Monday, damaging roads and cutting power to \
             thousands of homes.",
        )],
    )
}

/// Seconds from a source's last poll to its next.
fn interval(source: &serde_json::Value) -> i64 {
    let time = |field: &str| {
        let text = source[field].as_str().unwrap_or_else(|| panic!("no {field}: {source}"));
        chrono::DateTime::parse_from_rfc3339(text).expect("RFC 3339")
    };
    (time("next_poll") - time("last_polled")).num_seconds()
}

/// The source followed at `url`, as `source list --json` shows it.
fn source(sandbox: &Sandbox, url: &str) -> serde_json::Value {
    let sources = sandbox.sources();
    sources.into_iter().find(|s| s["url"] == url).unwrap_or_else(|| panic!("{url} is not followed"))
}

/// The failure `ingest --json` reported for `url`.
fn failure(summary: &serde_json::Value, url: &str) -> String {
    let failed = summary["failed"].as_array().expect("failed");
    let found =
        failed.iter().find(|f| f["url"] == url).unwrap_or_else(|| panic!("{url} did not fail: {summary}"));
    found["reason"].as_str().expect("reason").to_owned()
}

fn follow(sandbox: &Sandbox, url: &str) {
    sandbox.run_ok(&["source", "add", url, "--allow-private"]);
}

/// The titles of the search hits for `query`.
fn search_titles(sandbox: &Sandbox, query: &str) -> Vec<String> {
    let hits = json_lines(&sandbox.run_ok(&["search", "--json", query]));
    hits.iter().map(|hit| hit["title"].as_str().expect("title").to_owned()).collect()
}

/// Which answer a feed gives, switched by the test between rounds.
fn phase_server(answer: impl Fn(u8) -> Reply + Send + Sync + 'static) -> (Loopback, Arc<AtomicU8>) {
    let phase = Arc::new(AtomicU8::new(0));
    let current = phase.clone();
    let server = Loopback::start(move |path| match path {
        "/feed.xml" => answer(current.load(Ordering::SeqCst)),
        _ => Reply::status(404),
    });
    (server, phase)
}

#[test]
fn a_rate_limited_source_waits_as_long_as_the_server_asks() {
    let sandbox = Sandbox::new();
    let (server, phase) = phase_server(|phase| match phase {
        0 => Reply::ok(RSS, two_entry_feed()),
        1 => Reply::status(429).header("Retry-After", "120"),
        // Later than the backoff would wait: three hours from now, as an HTTP date.
        _ => {
            let at = chrono::Utc::now() + chrono::Duration::hours(3);
            Reply::status(429).header("Retry-After", &at.format("%a, %d %b %Y %H:%M:%S GMT").to_string())
        }
    });
    let feed = server.url("/feed.xml");
    follow(&sandbox, &feed);
    let (code, summary) = sandbox.ingest_all(&[]);
    assert_eq!((code, summary["imported"].as_u64()), (Some(0), Some(2)), "{summary}");

    phase.store(1, Ordering::SeqCst);
    let (code, summary) = sandbox.ingest_all(&[]);
    assert_eq!(code, Some(3), "a failed source is a partial failure: {summary}");
    assert!(failure(&summary, &feed).contains("429"), "{summary}");
    let limited = source(&sandbox, &feed);
    assert_eq!(limited["last_status"], 429, "{limited}");
    assert!(limited["last_error"].as_str().is_some_and(|e| e.contains("429")), "{limited}");
    assert_eq!(limited["failures"], 1);
    // Retry-After is a floor: never sooner than asked. A first failure backs off by the usual
    // hour (give or take the jitter), which the two minutes asked for do not shorten.
    let wait = interval(&limited);
    assert!((120..=66 * 60).contains(&wait), "next poll {wait} s after the 429");

    // Not due: the next round leaves it alone.
    let out = sandbox.run_ok(&["ingest", "--host-delay-ms", "0", "--json"]);
    assert_eq!(serde_json::from_str::<serde_json::Value>(&out).expect("JSON")["sources"], 0);
    assert_eq!(server.hits("/feed.xml"), 2);

    // A wait longer than the backoff's is the wait.
    phase.store(2, Ordering::SeqCst);
    let (code, summary) = sandbox.ingest_all(&[]);
    assert_eq!(code, Some(3), "{summary}");
    let limited = source(&sandbox, &feed);
    assert_eq!(limited["failures"], 2, "{limited}");
    let wait = interval(&limited);
    assert!((3 * 3600 - 10..=3 * 3600).contains(&wait), "next poll {wait} s after the second 429");

    // Nothing stored before is lost.
    assert_eq!(limited["articles_found"], 2, "{limited}");
    assert_eq!(sandbox.stats()["articles"], 2);
    assert_eq!(search_titles(&sandbox, "Sindh"), ["Floods in Pakistan"]);
}

#[test]
fn a_feed_that_disappears_backs_off_and_keeps_its_articles() {
    let sandbox = Sandbox::new();
    let (server, phase) = phase_server(|phase| match phase {
        1 => Reply::status(404),
        2 => Reply::status(410),
        _ => Reply::ok(RSS, two_entry_feed()),
    });
    let feed = server.url("/feed.xml");
    follow(&sandbox, &feed);
    let (code, summary) = sandbox.ingest_all(&[]);
    assert_eq!((code, summary["imported"].as_u64()), (Some(0), Some(2)), "{summary}");
    let healthy = interval(&source(&sandbox, &feed));
    assert!((9 * 60..=11 * 60).contains(&healthy), "twice per the entries' 20 minutes: {healthy} s");

    let mut waits = vec![healthy];
    for (round, status) in [(1, 404), (2, 410)] {
        phase.store(round, Ordering::SeqCst);
        let (code, summary) = sandbox.ingest_all(&[]);
        assert_eq!(code, Some(3), "{summary}");
        assert!(failure(&summary, &feed).contains(&status.to_string()), "{summary}");
        let gone = source(&sandbox, &feed);
        assert_eq!(gone["last_status"], status, "{gone}");
        assert!(gone["last_error"].as_str().is_some_and(|e| e.contains(&status.to_string())), "{gone}");
        assert_eq!(gone["failures"], round, "{gone}");
        assert_eq!(gone["articles_found"], 2, "{gone}");
        let wait = interval(&gone);
        assert!(wait > waits.last().copied().unwrap_or_default(), "backs off: {wait} s after {waits:?}");
        waits.push(wait);
    }
    // An hour, then two (each give or take the jitter).
    assert!(
        (54 * 60..=66 * 60).contains(&waits[1]) && (108 * 60..=132 * 60).contains(&waits[2]),
        "{waits:?}"
    );
    let stats = sandbox.stats();
    assert_eq!((stats["articles"].as_u64(), stats["indexed"].as_u64()), (Some(2), Some(2)), "{stats}");
    assert_eq!(search_titles(&sandbox, "constitution"), ["Election in Chile"]);

    // Back again: the failures are forgotten, and nothing is stored twice.
    phase.store(3, Ordering::SeqCst);
    let (code, summary) = sandbox.ingest_all(&[]);
    assert_eq!((code, summary["imported"].as_u64()), (Some(0), Some(0)), "{summary}");
    let back = source(&sandbox, &feed);
    assert_eq!((back["failures"].as_u64(), back["last_error"].is_null()), (Some(0), true), "{back}");
    assert!((9 * 60..=11 * 60).contains(&interval(&back)), "{back}");
    assert_eq!(sandbox.stats()["articles"], 2);
}

/// Windows-1251 bytes of `text` (ASCII and the Russian alphabet only).
fn cp1251(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            '\0'..='\x7f' => c as u8,
            'А'..='я' => (c as u32 - 'А' as u32 + 0xc0) as u8,
            'Ё' => 0xa8,
            'ё' => 0xb8,
            _ => panic!("{c:?} is not in this Windows-1251 table"),
        })
        .collect()
}

/// ISO-8859-1 bytes of `text`.
fn latin1(text: &str) -> Vec<u8> {
    text.chars().map(|c| u8::try_from(u32::from(c)).expect("a Latin-1 character")).collect()
}

/// A fixture of the feeds crate (real feeds, with their licences in its testdata/README.md).
fn feeds_fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/../feeds/testdata/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|error| panic!("{path}: {error}"))
}

/// `bytes` with every `from` replaced by `to`.
fn replace(bytes: &[u8], from: &str, to: &str) -> Vec<u8> {
    let (from, mut out, mut at) = (from.as_bytes(), Vec::new(), 0);
    while at < bytes.len() {
        if bytes[at..].starts_with(from) {
            out.extend_from_slice(to.as_bytes());
            at += from.len();
        } else {
            out.push(bytes[at]);
            at += 1;
        }
    }
    out
}

/// A real feed with its links made relative to the feed, so that nothing but the loopback
/// server is ever asked for them, and its XML declaration replaced.
fn real_feed(name: &str, site: &str, declaration: &str) -> Vec<u8> {
    let bytes = feeds_fixture(name);
    let end = bytes.windows(2).position(|w| w == b"?>").expect("an XML declaration") + 2;
    let local = replace(&bytes[end..], site, "/");
    assert!(!String::from_utf8_lossy(&local).contains(site), "{name}: every {site} link made local");
    [declaration.as_bytes(), &local].concat()
}

#[test]
fn the_charset_http_names_decodes_the_feed() {
    let sandbox = Sandbox::new();
    let russian = cp1251(&rss(
        "Новости Москвы",
        &[(
            "/ru/zima",
            "Москва готовится к зиме",
            "Mon, 19 Dec 2022 10:00:00 GMT",
            "Городские службы Москвы закупили тысячи тонн реагентов и вывели на улицы новую \
             снегоуборочную технику перед первыми морозами, сообщил мэр столицы.",
        )],
    ));
    let german = latin1(&rss(
        "Nachrichten aus Zürich",
        &[(
            "/de/wahl",
            "Grüße aus Zürich: Bürger wählen",
            "Mon, 19 Dec 2022 10:00:00 GMT",
            "Die Bürgerinnen und Bürger von Zürich wählen am Sonntag ein neues Stadtparlament; die \
             Wahlbeteiligung dürfte höher liegen als vor vier Jahren, schätzen Fachleute.",
        )],
    ));
    // Real feeds: iBash.Org.Ru in Windows-1251 with no charset declared, and Golem.de in
    // ISO-8859-1 with a stale declaration naming another charset, which HTTP overrules.
    let ibash =
        real_feed("miniflux/encoding_WINDOWS-1251.xml", "http://ibash.org.ru/", "<?xml version=\"1.0\"?>");
    let golem = real_feed(
        "miniflux/encoding_ISO-8859-1.xml",
        "https://www.golem.de/",
        "<?xml version=\"1.0\" encoding=\"windows-1251\"?>",
    );
    let server = Loopback::start(move |path| {
        let (charset, body) = match path {
            "/ru.xml" => ("windows-1251", &russian),
            "/de.xml" => ("iso-8859-1", &german),
            "/ibash.xml" => ("windows-1251", &ibash),
            "/golem.xml" => ("ISO-8859-1", &golem),
            _ => return Reply::status(404),
        };
        Reply::ok(&format!("application/rss+xml; charset={charset}"), body.clone())
    });
    for feed in ["/ru.xml", "/de.xml", "/ibash.xml", "/golem.xml"] {
        follow(&sandbox, &server.url(feed));
    }
    let (code, summary) = sandbox.ingest_all(&["--entries-per-source", "3"]);
    assert_eq!(code, Some(0), "{summary}");
    assert_eq!(summary["imported"], 8, "1 + 1 + the newest 3 of each real feed: {summary}");
    assert_eq!(summary["from_feed_text"], 8, "{summary}");

    let titles: Vec<String> = ["/ru.xml", "/de.xml", "/ibash.xml", "/golem.xml"]
        .iter()
        .map(|feed| source(&sandbox, &server.url(feed))["title"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(titles, ["Новости Москвы", "Nachrichten aus Zürich", "iBash.Org.Ru", "Golem.de"]);
    assert_eq!(search_titles(&sandbox, "снегоуборочную"), ["Москва готовится к зиме"]);
    assert_eq!(search_titles(&sandbox, "Wahlbeteiligung"), ["Grüße aus Zürich: Bürger wählen"]);
    assert_eq!(search_titles(&sandbox, "программер"), ["Цитата #17703"]);
    let mut quotes = search_titles(&sandbox, "Цитата");
    quotes.sort();
    assert_eq!(quotes, ["Цитата #17703", "Цитата #17705", "Цитата #17707"]);
    assert_eq!(
        search_titles(&sandbox, "wünschen"),
        ["Red Dead Redemption 2: Hinweise auf PC-Umsetzung in App von Rockstar Games"]
    );
}

#[test]
fn a_stalled_server_times_out_and_the_round_goes_on() {
    let sandbox = Sandbox::new();
    let stall = Duration::from_secs(10);
    let server = Loopback::start(move |path| match path {
        "/stalls-before-answering.xml" => Reply { delay: stall, ..Reply::ok(RSS, two_entry_feed()) },
        "/stalls-mid-body.xml" => Reply { stall_mid_body: stall, ..Reply::ok(RSS, two_entry_feed()) },
        "/healthy.xml" => Reply::ok(RSS, quake_feed()),
        _ => Reply::status(404),
    });
    let stalled = [server.url("/stalls-before-answering.xml"), server.url("/stalls-mid-body.xml")];
    for feed in &stalled {
        follow(&sandbox, feed);
    }
    follow(&sandbox, &server.url("/healthy.xml"));

    let rejected = sandbox.run(&["ingest", "--timeout-secs", "0"]);
    assert!(!rejected.status.success(), "a zero timeout is refused: {rejected:?}");

    let started = Instant::now();
    let (code, summary) = sandbox.ingest_all(&["--timeout-secs", "1"]);
    let took = started.elapsed();
    assert_eq!(code, Some(3), "{summary}");
    assert!(took < stall, "gave up after a second each, not after the stall: {took:?}");
    for feed in &stalled {
        assert!(failure(&summary, feed).contains("timed out"), "{feed}: {summary}");
        let listed = source(&sandbox, feed);
        assert!(listed["last_error"].as_str().is_some_and(|e| e.contains("timed out")), "{listed}");
        assert_eq!(listed["failures"], 1, "{listed}");
    }
    assert_eq!(summary["imported"], 1, "the healthy source is stored: {summary}");
    assert_eq!(search_titles(&sandbox, "earthquake"), ["Quake in Chile"]);
}

#[test]
fn an_oversize_feed_fails_and_the_round_goes_on() {
    let sandbox = Sandbox::new();
    let filler = "<!-- padding -->\n".repeat(200);
    let big = format!("{}{filler}", two_entry_feed());
    let server = Loopback::start(move |path| match path {
        "/big.xml" => Reply::ok(RSS, big.clone()),
        // No Content-Length: the cap holds while the body streams in.
        "/big-streamed.xml" => Reply { content_length: false, ..Reply::ok(RSS, big.clone()) },
        "/small.xml" => Reply::ok(RSS, two_entry_feed()),
        _ => Reply::status(404),
    });
    let oversize = [server.url("/big.xml"), server.url("/big-streamed.xml")];
    for feed in &oversize {
        follow(&sandbox, feed);
    }
    follow(&sandbox, &server.url("/small.xml"));
    let (code, summary) = sandbox.ingest_all(&["--max-bytes", "2000"]);
    assert_eq!(code, Some(3), "{summary}");
    for feed in &oversize {
        assert!(failure(&summary, feed).contains("larger than 2000 bytes"), "{feed}: {summary}");
        let listed = source(&sandbox, feed);
        assert_eq!(listed["failures"], 1, "{listed}");
    }
    assert_eq!(summary["imported"], 2, "{summary}");
    assert_eq!(sandbox.stats()["articles"], 2);
}

#[test]
fn a_broken_feed_stores_nothing_and_the_round_goes_on() {
    let sandbox = Sandbox::new();
    let feed = two_entry_feed();
    let broken = feed[..feed.len() * 2 / 3].to_owned();
    let server = Loopback::start(move |path| match path {
        "/broken.xml" => Reply::ok(RSS, broken.clone()),
        "/not-a-feed.xml" => Reply::ok(RSS, "<html><body><p>Moved to our new site.</p></body></html>"),
        "/good.xml" => Reply::ok(RSS, quake_feed()),
        _ => Reply::status(404),
    });
    let bad = [server.url("/broken.xml"), server.url("/not-a-feed.xml")];
    for feed in &bad {
        follow(&sandbox, feed);
    }
    follow(&sandbox, &server.url("/good.xml"));
    let (code, summary) = sandbox.ingest_all(&[]);
    assert_eq!(code, Some(3), "{summary}");
    for feed in &bad {
        assert!(failure(&summary, feed).starts_with("not a feed"), "{feed}: {summary}");
        let listed = source(&sandbox, feed);
        assert_eq!(listed["last_status"], 200, "the fetch went well: {listed}");
        assert!(listed["last_error"].as_str().is_some_and(|e| e.starts_with("not a feed")), "{listed}");
        assert_eq!((listed["failures"].as_u64(), listed["articles_found"].as_u64()), (Some(1), Some(0)));
    }
    assert_eq!(server.hits("/floods"), 0, "no entry of the broken feed was fetched");
    assert_eq!(summary["imported"], 1, "{summary}");
    assert_eq!(sandbox.stats()["articles"], 1);
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).expect("compress");
    encoder.finish().expect("compress")
}

const PAGE: &str = "<html><head><title>Peskov on the talks</title></head><body><article>\
<h1>Peskov on the talks</h1>\
<p>Kremlin spokesman Dmitry Peskov told reporters on Monday that the talks in Minsk would cover \
economic ties and security, and that no agreement was expected this week.</p>\
<p>The visit is the first by the Russian president to Belarus in three years.</p>\
</article></body></html>";

#[test]
fn a_gzipped_sitemap_is_read_and_a_gzip_bomb_refused() {
    let sandbox = Sandbox::new();
    // A sitemap's locations are absolute: the server's address is known once it is bound.
    let base: Arc<OnceLock<String>> = Arc::default();
    let known = base.clone();
    // A megabyte of gzip that unzips to a gigabyte: members of 1 MiB of spaces, repeated.
    let spaces = gzip(&vec![b' '; 1 << 20]);
    let bomb = [gzip(b"<urlset>"), spaces.repeat(1024)].concat();
    let server = Loopback::start(move |path| match path {
        "/sitemap.xml.gz" => {
            let base = known.get().expect("base known");
            let sitemap = format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
                 <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\
                 <url><loc>{base}/talks</loc></url></urlset>"
            );
            Reply::ok("application/gzip", gzip(sitemap.as_bytes()))
        }
        "/bomb-sitemap.xml.gz" => Reply::ok("application/gzip", bomb.clone()),
        "/talks" => Reply::ok("text/html; charset=utf-8", PAGE),
        _ => Reply::status(404),
    });
    base.set(server.base.clone()).expect("set once");
    let (sitemap, bomb) = (server.url("/sitemap.xml.gz"), server.url("/bomb-sitemap.xml.gz"));
    follow(&sandbox, &bomb);
    follow(&sandbox, &sitemap);
    assert!(sandbox.sources().iter().all(|s| s["kind"] == "sitemap"));

    let (code, summary) = sandbox.ingest_all(&[]);
    assert_eq!(code, Some(3), "{summary}");
    let refused = failure(&summary, &bomb);
    assert!(refused.contains("unzips to more than 67108864 bytes"), "{refused}");
    assert_eq!(summary["imported"], 1, "the gzipped sitemap's page: {summary}");
    assert_eq!(server.hits("/talks"), 1);
    assert_eq!(search_titles(&sandbox, "Peskov"), ["Peskov on the talks"]);
}
