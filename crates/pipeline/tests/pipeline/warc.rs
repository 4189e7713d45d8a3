//! `import` of WARC archives: the HTML responses of a real crawl become articles, everything
//! else is skipped and counted, and broken archives lose only their broken records.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use flate2::{Compression, write::GzEncoder};
use newsgraph_model::{ArticleId, StoredArticle};
use newsgraph_pipeline::{Engine, ImportInput, ImportOptions, ImportSummary, import};

/// A wget crawl: 34 records, 15 of them `200 text/html` responses for 13 distinct URLs
/// (allenai.org was fetched three times).
fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/sample-0001.warc.gz")
}

/// The sample's pages the extractor finds article text in.
const SAMPLE_ARTICLES: [&str; 10] = [
    "https://creativecommons.org/",
    "https://creativecommons.org/mission/",
    "https://creativecommons.org/2024/03/28/cc-joins-civil-society-letter-urging-u-s-to-support-openness-and-transparency-in-ai/",
    "https://creativecommons.org/2024/04/23/cc-at-wipo-slow-progress-on-copyright-exceptions-for-cultural-heritage-institutions/",
    "https://allenai.org/",
    "https://prior.allenai.org/",
    "https://www.semanticscholar.org/about",
    "https://allenai.org/reviz",
    "https://commoncrawl.org/",
    "https://commoncrawl.org/faq",
];

/// Commoncrawl.org pages (records 25, 27, 29) whose text the extractor does not find yet.
const SAMPLE_TEXTLESS: [&str; 3] = [
    "https://commoncrawl.org/ccbot",
    "https://commoncrawl.org/blog/march-april-2024-newsletter",
    "https://commoncrawl.org/blog/host-and-domain-level-web-graphs-september-october-november-december-2023-and-february-march-2024",
];

fn import_paths(engine: &Engine, paths: &[&Path], options: &ImportOptions) -> ImportSummary {
    let inputs: Vec<ImportInput> = paths.iter().map(|p| ImportInput::Path(p.to_path_buf())).collect();
    import(engine, &inputs, options, &mut |_| {}).expect("import")
}

fn stored(engine: &Engine) -> Vec<StoredArticle> {
    engine.store.articles_after(ArticleId(0), 1000).expect("articles")
}

fn failures(summary: &ImportSummary) -> Vec<(String, String)> {
    let name = |l: &str| l.rsplit('/').next().unwrap_or(l).to_owned();
    summary.failed.iter().map(|f| (name(&f.location), f.reason.clone())).collect()
}

#[test]
fn the_sample_crawl_imports_its_html_pages_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let engine = Engine::open(&dir.path().join("data")).expect("open");
    let summary = import_paths(&engine, &[&sample()], &ImportOptions::default());
    let warc = &summary.warc;
    assert_eq!((warc.records, warc.pages, warc.skipped), (34, 15, 19), "{summary:?}");
    // Every page is stored, a repeat of a stored one, or a page without article text.
    assert_eq!(summary.imported + summary.already_present + summary.failed.len() as u64, 15, "{summary:?}");
    for (location, reason) in failures(&summary) {
        assert!(location.starts_with("sample-0001.warc.gz#record "), "{location}");
        assert_eq!(reason, "no article text found", "{location}");
    }

    let articles = stored(&engine);
    let urls: BTreeSet<&str> = articles.iter().filter_map(|a| a.article.url.as_deref()).collect();
    let expected: BTreeSet<&str> = SAMPLE_ARTICLES.into_iter().collect();
    assert!(urls.is_superset(&expected), "{urls:?}");
    assert!(urls.iter().all(|u| expected.contains(u) || SAMPLE_TEXTLESS.contains(u)), "{urls:?}");
    assert_eq!(urls.len(), articles.len(), "one article per URL: {urls:?}");
    let home = articles.iter().find(|a| a.article.url.as_deref() == Some("https://creativecommons.org/"));
    let home = home.expect("stored");
    assert!(home.source.location.ends_with("sample-0001.warc.gz#record 3"), "{:?}", home.source);
    assert_eq!(home.fetched_at.map(|t| t.to_rfc3339()).as_deref(), Some("2024-04-25T16:27:48+00:00"));
    assert_eq!(home.article.language.as_deref(), Some("en"));

    // Again: nothing new, nothing lost.
    let again = import_paths(&engine, &[&sample()], &ImportOptions::default());
    assert_eq!(again.imported, 0, "{again:?}");
    assert_eq!(again.already_present, summary.imported + summary.already_present);
    assert_eq!(stored(&engine).len(), articles.len());
}

#[test]
fn a_truncated_archive_keeps_the_records_before_the_cut() {
    let dir = tempfile::tempdir().expect("tempdir");
    let engine = Engine::open(&dir.path().join("data")).expect("open");
    let bytes = std::fs::read(sample()).expect("sample");
    // The cut falls inside the gzip member of a later record.
    let cut = dir.path().join("cut.warc.gz");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).expect("write");
    let summary = import_paths(&engine, &[&cut], &ImportOptions::default());
    let failures = failures(&summary);
    let last = failures.last().expect("a failure");
    assert!(last.0.starts_with("cut.warc.gz#record "), "{failures:?}");
    assert!(last.1.starts_with("cannot read") || last.1.starts_with("truncated"), "{failures:?}");
    assert!(summary.imported >= 4, "the creativecommons.org pages come first: {summary:?}");
}

/// A WARC/1.1 record of `kind` holding `block`.
fn record(kind: &str, uri: &str, block: &[u8]) -> Vec<u8> {
    let mut bytes = format!(
        "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-05-01T10:00:00.5Z\r\n\
         Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    bytes.extend_from_slice(block);
    bytes.extend_from_slice(b"\r\n\r\n");
    bytes
}

fn page(headline: &str, town: &str) -> String {
    format!(
        "<html><head><title>{headline}</title></head><body><article><h1>{headline}</h1>\
         <p>Officials in {town} said on Monday that the old bridge over the river would reopen \
         next week after months of repairs.</p><p>Residents welcomed the news, and shop owners \
         said trade had suffered while the crossing was closed.</p></article></body></html>"
    )
}

fn response(headers: &str, body: &[u8]) -> Vec<u8> {
    [format!("HTTP/1.1 200 OK\r\n{headers}\r\n").as_bytes(), body].concat()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::fast());
    encoder.write_all(bytes).expect("gzip");
    encoder.finish().expect("gzip")
}

#[test]
fn a_broken_uncompressed_archive_loses_only_its_broken_records() {
    let dir = tempfile::tempdir().expect("tempdir");
    let engine = Engine::open(&dir.path().join("data")).expect("open");
    let latin1: Vec<u8> = page("Caf\u{e9} reopens", "Li\u{e8}ge").chars().map(|c| c as u8).collect();
    let huge = response("Content-Type: text/html\r\n", page("Huge", "Ghent").repeat(40).as_bytes());
    let archive = [
        record("warcinfo", "", b"software: test\r\n"),
        record("request", "<https://a.example/1>", b"GET /1 HTTP/1.1\r\n\r\n"),
        record(
            "response",
            "<https://a.example/1>",
            &response("Content-Type: text/html\r\n", page("Bridge reopens", "Namur").as_bytes()),
        ),
        b"\x00\x01 binary junk \xff\xfe between records\r\nand another line\r\n".to_vec(),
        record(
            "response",
            "https://a.example/2",
            &response(
                "Content-Type: text/html; charset=ISO-8859-1\r\nContent-Encoding: gzip\r\n",
                &gzip(&latin1),
            ),
        ),
        record(
            "response",
            "<https://a.example/logo.png>",
            &response("Content-Type: image/png\r\n", b"\x89PNG"),
        ),
        record("response", "<https://a.example/huge>", &huge),
        record(
            "response",
            "<https://a.example/3>",
            &response("", page("Ferry returns", "Dinant").as_bytes()),
        ),
        // Declares more than the file holds.
        b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 100000\r\n\r\nHTTP/1.1 200 OK\r\n".to_vec(),
    ]
    .concat();
    let path = dir.path().join("broken.warc");
    std::fs::write(&path, archive).expect("write");
    let options = ImportOptions { max_bytes: 8 * 1024 };
    let summary = import_paths(&engine, &[&path], &options);

    let failures = failures(&summary);
    let failed: Vec<&str> = failures.iter().map(|(location, _)| location.as_str()).collect();
    assert_eq!(
        failed,
        ["broken.warc#record 4", "broken.warc#record 7", "broken.warc#record 9"],
        "{failures:?}"
    );
    assert!(failures[0].1.starts_with("not a WARC record"), "{failures:?}");
    assert!(failures[0].1.ends_with("skipped 53 bytes"), "{failures:?}");
    assert!(failures[1].1.contains("larger than the size limit of 8192 bytes"), "{failures:?}");
    assert!(failures[2].1.starts_with("truncated"), "{failures:?}");
    assert_eq!((summary.warc.records, summary.warc.pages, summary.warc.skipped), (9, 3, 3), "{summary:?}");

    let articles = stored(&engine);
    let found: Vec<(&str, &str)> =
        articles.iter().map(|a| (a.article.url.as_deref().unwrap_or(""), a.article.title.as_str())).collect();
    let want = [
        ("https://a.example/1", "Bridge reopens"),
        ("https://a.example/2", "Café reopens"),
        ("https://a.example/3", "Ferry returns"),
    ];
    assert_eq!(found, want);
    assert!(articles[1].article.text().contains("Liège"), "{:?}", articles[1].article.paragraphs);
    assert_eq!(
        articles[0].fetched_at.map(|t| t.to_rfc3339()).as_deref(),
        Some("2024-05-01T10:00:00.500+00:00")
    );
}
