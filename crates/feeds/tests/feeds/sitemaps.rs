//! Sitemaps: an index, and a URL set with the Google News extension; gzipped ones (and gzip
//! bombs), and the charset the transport names.

use chrono::DateTime;
use newsgraph_feeds::{FeedsError, MAX_GUNZIPPED_BYTES, Sitemap, SitemapLink, parse_sitemap};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/testdata/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|error| panic!("{path}: {error}"))
}

fn date(rfc3339: &str) -> Option<DateTime<chrono::FixedOffset>> {
    Some(DateTime::parse_from_rfc3339(rfc3339).expect("test date"))
}

#[test]
fn sitemap_index() {
    let sitemap = parse_sitemap(&fixture("sitemaps/index.xml"), None).expect("parses");
    assert_eq!(
        sitemap,
        Sitemap::Index(vec![
            SitemapLink {
                loc: "https://news.example.com/sitemap-news.xml".into(),
                lastmod: date("2024-05-01T10:20:30+02:00")
            },
            SitemapLink {
                loc: "https://news.example.com/sitemap-2024-04.xml.gz".into(),
                lastmod: date("2024-04-30T00:00:00Z")
            },
        ])
    );
}

#[test]
fn news_url_set() {
    let Sitemap::UrlSet(urls) = parse_sitemap(&fixture("sitemaps/news.xml"), None).expect("parses") else {
        panic!("not a URL set");
    };
    assert_eq!(urls.len(), 3);
    assert_eq!(urls[0].loc, "https://news.example.com/world/2024/05/01/summit-ends?ref=sitemap&lang=en");
    assert_eq!(urls[0].lastmod, date("2024-05-01T12:00:00Z"));
    assert_eq!(urls[0].news_publication_date, date("2024-05-01T09:30:00+02:00"));
    assert_eq!(urls[0].news_title.as_deref(), Some("Summit ends with \"no deal\" on trade"));
    // CDATA, no lastmod, a date-only publication date.
    assert_eq!(urls[1].loc, "https://news.example.com/business/2024/05/01/markets");
    assert_eq!(urls[1].lastmod, None);
    assert_eq!(urls[1].news_publication_date, date("2024-05-01T00:00:00Z"));
    assert_eq!(urls[1].news_title.as_deref(), Some("Markets rally"));
    // The image's <image:loc> did not replace the page's; a bad date is just missing.
    assert_eq!(urls[2].loc, "https://news.example.com/about");
    assert_eq!(urls[2].lastmod, None);
    assert_eq!(urls[2].news_title, None);
}

#[test]
fn broken_and_foreign_documents() {
    let bytes = fixture("sitemaps/news.xml");
    for cut in [10, bytes.len() / 2, bytes.len() - 5] {
        let result = parse_sitemap(&bytes[..cut], None);
        assert!(matches!(result, Err(FeedsError::Xml { .. })), "cut at {cut}: {result:?}");
    }
    assert!(matches!(parse_sitemap(b"<rss version=\"2.0\"/>", None), Err(FeedsError::WrongRoot { .. })));
    assert_eq!(parse_sitemap(b"<urlset/>", None), Ok(Sitemap::UrlSet(Vec::new())));
    assert_eq!(parse_sitemap(b" ", None), Err(FeedsError::Empty));
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).expect("compress");
    encoder.finish().expect("compress")
}

#[test]
fn a_gzipped_sitemap_reads_as_the_plain_one() {
    for name in ["sitemaps/news.xml", "sitemaps/index.xml"] {
        let plain = fixture(name);
        let zipped = gzip(&plain);
        assert_ne!(zipped, plain);
        assert_eq!(parse_sitemap(&zipped, None), parse_sitemap(&plain, None), "{name}");
    }
}

#[test]
fn a_gzip_bomb_is_refused_at_the_cap() {
    // One member of 1 MiB of spaces inside a sitemap, repeated: a megabyte or so of gzip that
    // would unzip to a gigabyte, refused once the cap is reached.
    let mebibyte = gzip(&vec![b' '; 1 << 20]);
    let head = gzip(b"<urlset>");
    let mut bomb = head.clone();
    for _ in 0..1024 {
        bomb.extend_from_slice(&mebibyte);
    }
    let started = std::time::Instant::now();
    assert_eq!(parse_sitemap(&bomb, None), Err(FeedsError::TooLarge { limit: MAX_GUNZIPPED_BYTES }));
    assert!(
        started.elapsed() < std::time::Duration::from_secs(10),
        "stops at the cap: {:?}",
        started.elapsed()
    );

    // Just under the cap is a document like any other.
    let members = (MAX_GUNZIPPED_BYTES >> 20) - 1;
    let mut large = head;
    for _ in 0..members {
        large.extend_from_slice(&mebibyte);
    }
    large.extend_from_slice(&gzip(b"<url><loc>https://example.com/a</loc></url></urlset>"));
    let Sitemap::UrlSet(urls) = parse_sitemap(&large, None).expect("under the cap") else {
        panic!("a URL set")
    };
    assert_eq!(urls.len(), 1);
}

#[test]
fn a_broken_gzip_is_an_error() {
    let zipped = gzip(&fixture("sitemaps/news.xml"));
    let result = parse_sitemap(&zipped[..zipped.len() / 2], None);
    assert!(matches!(result, Err(FeedsError::Gzip(_))), "{result:?}");
}

#[test]
fn the_transport_charset_decodes_an_undeclared_sitemap() {
    let (title, _, _) = encoding_rs::WINDOWS_1251.encode("Новости дня");
    let bytes = [
        b"<urlset xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\"><url><loc>https://example.ru/a</loc><news:news><news:title>".as_slice(),
        &title,
        b"</news:title></news:news></url></urlset>",
    ]
    .concat();
    let Sitemap::UrlSet(urls) = parse_sitemap(&bytes, Some("windows-1251")).expect("parses") else {
        panic!("a URL set")
    };
    assert_eq!(urls[0].news_title.as_deref(), Some("Новости дня"));
}
