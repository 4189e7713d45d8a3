//! `parse_feed` on real feeds (testdata/feed-rs, testdata/miniflux): every format, the legacy
//! charsets (declared, named by HTTP, or neither), gzip, and broken documents. Expected values
//! were read from the files by hand.

use chrono::{DateTime, Utc};
use newsgraph_feeds::{FeedsError, TextFormat, parse_feed};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/testdata/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|error| panic!("{path}: {error}"))
}

fn utc(rfc3339: &str) -> Option<DateTime<Utc>> {
    Some(DateTime::parse_from_rfc3339(rfc3339).expect("test date").with_timezone(&Utc))
}

#[test]
fn rss_2_0() {
    let feed = parse_feed(&fixture("feed-rs/rss_2.0_bbc.xml"), None, None).expect("parses");
    assert_eq!(feed.title.as_deref(), Some("In Our Time"));
    assert_eq!(feed.site_url.as_deref(), Some("http://www.bbc.co.uk/programmes/b006qykl"));
    assert_eq!(feed.entries.len(), 1);
    let entry = &feed.entries[0];
    assert_eq!(entry.id, "urn:bbc:podcast:m000sjxt");
    assert_eq!(entry.title.as_deref(), Some("Marcus Aurelius"));
    assert_eq!(entry.url.as_deref(), Some("http://www.bbc.co.uk/programmes/m000sjxt"));
    assert_eq!(entry.published, utc("2021-02-25T10:15:00Z"));

    let cloudflare = parse_feed(&fixture("feed-rs/rss_2.0_cloudflare.xml"), None, None).expect("parses");
    assert_eq!(cloudflare.ttl_minutes, Some(60));
}

#[test]
fn rss_0_91() {
    let feed = parse_feed(&fixture("feed-rs/rss_0.91_spec_1.xml"), None, None).expect("parses");
    assert_eq!(feed.title.as_deref(), Some("WriteTheWeb"));
    let urls: Vec<_> = feed.entries.iter().map(|entry| entry.url.as_deref()).collect();
    assert_eq!(
        urls,
        [Some("http://writetheweb.com/read.php?item=24"), Some("http://writetheweb.com/read.php?item=23")]
    );
    assert_eq!(feed.entries[0].title.as_deref(), Some("Giving the world a pluggable Gnutella"));
}

#[test]
fn rss_1_0_rdf() {
    let feed = parse_feed(&fixture("feed-rs/rss_1.0_debian.xml"), None, None).expect("parses");
    assert_eq!(feed.entries.len(), 1);
    assert_eq!(feed.entries[0].title.as_deref(), Some("Updated Debian 11: 11.6 released"));
    assert_eq!(feed.entries[0].url.as_deref(), Some("https://www.debian.org/News/2022/20221217"));
    assert_eq!(feed.entries[0].published, utc("2022-12-17T00:00:00Z"));
}

#[test]
fn rss_0_90_rdf_with_netscape_namespace() {
    let feed = parse_feed(&fixture("miniflux/rdf_UTF8.xml"), None, None).expect("parses");
    assert_eq!(feed.title.as_deref(), Some("heise online News"));
    assert_eq!(feed.entries.len(), 60);
    let first = &feed.entries[0];
    assert_eq!(first.title.as_deref(), Some("OLED-TVs: Vorsichtsmaßnahmen gegen Einbrennen"));
    assert_eq!(
        first.url.as_deref(),
        Some(
            "https://www.heise.de/newsticker/meldung/OLED-TVs-Vorsichtsmassnahmen-gegen-Einbrennen-4205274.html?wt_mc=rss.ho.beitrag.rdf"
        )
    );
}

#[test]
fn atom() {
    let feed = parse_feed(&fixture("miniflux/small_atom.xml"), None, None).expect("parses");
    assert_eq!(feed.title.as_deref(), Some("Recent Commits to v2:main"));
    // The alternate link, not the rel="self" one.
    assert_eq!(feed.site_url.as_deref(), Some("https://github.com/miniflux/v2/commits/main"));
    assert_eq!(feed.entries.len(), 20);
    let first = &feed.entries[0];
    assert_eq!(first.id, "tag:github.com,2008:Grit::Commit/6d97f8b4582414b6ce69467656824690057d4793");
    assert_eq!(
        first.url.as_deref(),
        Some("https://github.com/miniflux/v2/commit/6d97f8b4582414b6ce69467656824690057d4793")
    );
    assert_eq!(first.updated, utc("2024-03-12T05:30:27Z"));
    assert_eq!(first.authors, ["fguillot"]);
    assert!(first.content.as_ref().is_some_and(|content| content.format == TextFormat::Html));

    let reddit = parse_feed(&fixture("feed-rs/atom_mediarss_reddit_1.xml"), None, None).expect("parses");
    assert_eq!(reddit.entries.len(), 25);
}

#[test]
fn json_feed() {
    let feed = parse_feed(&fixture("feed-rs/jsonfeed_spec_1.json"), None, None).expect("parses");
    assert_eq!(feed.title.as_deref(), Some("JSON Feed"));
    assert_eq!(feed.site_url.as_deref(), Some("https://jsonfeed.org/"));
    let entry = &feed.entries[0];
    assert_eq!(entry.title.as_deref(), Some("Announcing JSON Feed"));
    assert_eq!(entry.url.as_deref(), Some("https://jsonfeed.org/2017/05/17/announcing_json_feed"));
    // "2017-05-17T08:02:12-07:00" in the file.
    assert_eq!(entry.published, utc("2017-05-17T15:02:12Z"));

    let elastic = parse_feed(&fixture("feed-rs/jsonfeed_elastic_1.1.json"), None, None).expect("parses");
    assert_eq!(elastic.entries.len(), 3);
    // "Blog &#8211; InfluxData" in the file: references in titles are decoded.
    assert_eq!(elastic.title.as_deref(), Some("Blog \u{2013} InfluxData"));
    assert!(elastic.entries[0].categories.iter().any(|category| category == "InfluxDB"));
}

#[test]
fn windows_1251_declared_in_the_prolog() {
    let feed = parse_feed(&fixture("miniflux/encoding_WINDOWS-1251.xml"), None, None).expect("parses");
    assert_eq!(feed.entries.len(), 50);
    let first = &feed.entries[0];
    assert_eq!(first.title.as_deref(), Some("Цитата #17703"));
    assert_eq!(first.url.as_deref(), Some("http://ibash.org.ru/quote.php?id=17703"));
    // "Wed, 21 Mar 2018 10:27:32 +0300" in the file.
    assert_eq!(first.published, utc("2018-03-21T07:27:32Z"));
    let summary = first.summary.as_ref().expect("summary");
    assert!(summary.text.contains("есть у кого жаба программер"), "{}", summary.text);
}

#[test]
fn iso_8859_1_declared_in_the_prolog() {
    let feed = parse_feed(&fixture("miniflux/encoding_ISO-8859-1.xml"), None, None).expect("parses");
    assert_eq!(feed.title.as_deref(), Some("Golem.de"));
    assert_eq!(feed.entries.len(), 40);
    let first = &feed.entries[0];
    assert_eq!(
        first.title.as_deref(),
        Some("Red Dead Redemption 2: Hinweise auf PC-Umsetzung in App von Rockstar Games")
    );
    let summary = first.summary.as_ref().expect("summary");
    assert!(summary.text.starts_with("Viele Spieler wünschen sich eine PC-Version"), "{}", summary.text);
    let content = first.content.as_ref().expect("content:encoded");
    assert_eq!(content.format, TextFormat::Html);
    assert!(content.text.contains("wünschen"));
}

#[test]
fn a_stale_prolog_over_utf8_bytes_is_ignored() {
    // A feed converted to UTF-8 by its server with the old declaration left in place.
    let latin1 = fixture("miniflux/encoding_ISO-8859-1.xml");
    let (utf8, _, _) = encoding_rs::WINDOWS_1252.decode(&latin1);
    let feed = parse_feed(utf8.as_bytes(), None, None).expect("parses");
    let summary = feed.entries[0].summary.as_ref().expect("summary");
    assert!(summary.text.starts_with("Viele Spieler wünschen"), "{}", summary.text);
}

#[test]
fn a_missing_charset_is_detected() {
    let cp1251 = fixture("miniflux/encoding_WINDOWS-1251.xml");
    let declaration = b"<?xml version=\"1.0\" encoding=\"windows-1251\"?>";
    assert!(cp1251.starts_with(declaration));
    let undeclared = [b"<?xml version=\"1.0\"?>".as_slice(), &cp1251[declaration.len()..]].concat();
    let feed = parse_feed(&undeclared, None, None).expect("parses");
    assert_eq!(feed.entries[0].title.as_deref(), Some("Цитата #17703"));
}

/// The Windows-1251 fixture with its XML declaration replaced by `declaration`.
fn cp1251_declaring(declaration: &[u8]) -> Vec<u8> {
    let cp1251 = fixture("miniflux/encoding_WINDOWS-1251.xml");
    let original = b"<?xml version=\"1.0\" encoding=\"windows-1251\"?>";
    assert!(cp1251.starts_with(original));
    [declaration, &cp1251[original.len()..]].concat()
}

#[test]
fn the_http_charset_outranks_a_wrong_declaration() {
    let mislabelled = cp1251_declaring(b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>");
    let misread = parse_feed(&mislabelled, None, None).expect("parses");
    assert_ne!(misread.entries[0].title.as_deref(), Some("Цитата #17703"), "the declaration alone misleads");
    let feed = parse_feed(&mislabelled, None, Some("windows-1251")).expect("parses");
    assert_eq!(feed.entries[0].title.as_deref(), Some("Цитата #17703"));
    let summary = feed.entries[0].summary.as_ref().expect("summary");
    assert!(summary.text.contains("есть у кого жаба программер"), "{}", summary.text);
}

#[test]
fn the_http_charset_decodes_an_undeclared_feed() {
    let latin1 = fixture("miniflux/encoding_ISO-8859-1.xml");
    let declaration = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>";
    assert!(latin1.starts_with(declaration));
    let undeclared = [b"<?xml version=\"1.0\"?>".as_slice(), &latin1[declaration.len()..]].concat();
    let feed = parse_feed(&undeclared, None, Some("iso-8859-1")).expect("parses");
    let summary = feed.entries[0].summary.as_ref().expect("summary");
    assert!(summary.text.starts_with("Viele Spieler wünschen sich"), "{}", summary.text);
    // Latin-1 read as Windows-1251 is another text: the label was used.
    let feed = parse_feed(&undeclared, None, Some("windows-1251")).expect("parses");
    let summary = feed.entries[0].summary.as_ref().expect("summary");
    assert!(summary.text.starts_with("Viele Spieler wьnschen sich"), "{}", summary.text);
}

#[test]
fn a_servers_default_utf8_label_yields_to_a_declared_legacy_charset() {
    let feed =
        parse_feed(&fixture("miniflux/encoding_WINDOWS-1251.xml"), None, Some("utf-8")).expect("parses");
    assert_eq!(feed.entries[0].title.as_deref(), Some("Цитата #17703"));
}

#[test]
fn a_byte_order_mark_outranks_the_http_charset() {
    let cp1251 = fixture("miniflux/encoding_WINDOWS-1251.xml");
    let (utf8, _, _) = encoding_rs::WINDOWS_1251.decode(&cp1251);
    let with_bom = [b"\xef\xbb\xbf".as_slice(), utf8.as_bytes()].concat();
    let feed = parse_feed(&with_bom, None, Some("koi8-r")).expect("parses");
    assert_eq!(feed.entries[0].title.as_deref(), Some("Цитата #17703"));
}

#[test]
fn a_gzipped_feed_is_unzipped() {
    use std::io::Write;
    let plain = fixture("miniflux/encoding_WINDOWS-1251.xml");
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(&plain).expect("compress");
    let zipped = encoder.finish().expect("compress");
    assert_eq!(parse_feed(&zipped, None, None), parse_feed(&plain, None, None));
    assert!(matches!(parse_feed(&zipped[..zipped.len() / 2], None, None), Err(FeedsError::Gzip(_))));
}

#[test]
fn urdu_utf8() {
    let feed = parse_feed(&fixture("miniflux/urdu_UTF8.xml"), None, None).expect("parses");
    assert_eq!(feed.entries.len(), 26);
    assert_eq!(feed.ttl_minutes, Some(15));
    assert!(feed.title.as_deref().is_some_and(|title| title.contains("اردو")));
}

#[test]
fn every_fixture_parses_with_entries() {
    let dir = format!("{}/testdata", env!("CARGO_MANIFEST_DIR"));
    for family in ["feed-rs", "miniflux"] {
        let entries = std::fs::read_dir(format!("{dir}/{family}")).expect("fixture dir");
        for file in entries {
            let path = file.expect("dir entry").path();
            let bytes = std::fs::read(&path).expect("fixture");
            let feed = parse_feed(&bytes, Some("https://example.com/feed"), None)
                .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
            assert!(!feed.entries.is_empty(), "{}: no entries", path.display());
            for entry in &feed.entries {
                if let Some(url) = &entry.url {
                    assert!(url.starts_with("http://") || url.starts_with("https://"), "{url}");
                }
            }
        }
    }
}

#[test]
fn truncated_xml_is_an_error_not_a_panic() {
    for name in ["feed-rs/rss_2.0_bbc.xml", "miniflux/small_atom.xml", "feed-rs/rss_1.0_debian.xml"] {
        let bytes = fixture(name);
        for cut in [1, 10, bytes.len() / 3, bytes.len() / 2] {
            let result = parse_feed(&bytes[..cut], None, None);
            assert!(matches!(result, Err(FeedsError::Feed(_))), "{name} cut at {cut}: {result:?}");
        }
    }
    let json = fixture("feed-rs/jsonfeed_spec_1.json");
    assert!(matches!(parse_feed(&json[..json.len() / 2], None, None), Err(FeedsError::Feed(_))));
}

#[test]
fn not_a_feed() {
    assert_eq!(parse_feed(b"", None, None), Err(FeedsError::Empty));
    assert_eq!(parse_feed(b"  \n", None, None), Err(FeedsError::Empty));
    assert!(matches!(parse_feed(b"<html><body>hi</body></html>", None, None), Err(FeedsError::Feed(_))));
    assert!(matches!(parse_feed(b"hello", None, None), Err(FeedsError::Feed(_))));
}
