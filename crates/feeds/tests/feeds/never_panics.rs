//! No input makes a parser panic: arbitrary bytes, and real documents cut or corrupted.

use newsgraph_feeds::{parse_feed, parse_opml, parse_sitemap, parse_url_list};
use proptest::prelude::*;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/testdata/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|error| panic!("{path}: {error}"))
}

fn run_every_parser(bytes: &[u8]) {
    let _ = parse_feed(bytes, Some("https://example.com/feed"), None);
    let _ = parse_opml(bytes);
    let _ = parse_sitemap(bytes, None);
    let _ = parse_url_list(&String::from_utf8_lossy(bytes));
}

proptest! {
    #[test]
    fn arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        run_every_parser(&bytes);
    }

    #[test]
    fn xml_like_text(text in r#"(<\?xml( encoding="[a-z0-9-]{0,12}")?\?>)?(<[a-z:]{0,8}( [a-z]{1,5}="[^"]{0,8}")?/?>|</[a-z:]{0,8}>|&[#a-z0-9]{0,6};|[^<&]{0,8}){0,24}"#) {
        run_every_parser(text.as_bytes());
    }

    #[test]
    fn corrupted_fixtures(
        which in 0usize..6,
        cut in 0.0f64..1.0,
        flips in proptest::collection::vec((0.0f64..1.0, any::<u8>()), 0..8),
    ) {
        let name = ["feed-rs/rss_2.0_bbc.xml", "miniflux/small_atom.xml", "feed-rs/jsonfeed_spec_1.json",
            "miniflux/encoding_WINDOWS-1251.xml", "opml/subscriptions.opml", "sitemaps/news.xml"][which];
        let mut bytes = fixture(name);
        for (at, byte) in flips {
            let index = ((bytes.len() as f64) * at) as usize;
            if let Some(slot) = bytes.get_mut(index) {
                *slot = byte;
            }
        }
        bytes.truncate(((bytes.len() as f64) * cut) as usize);
        run_every_parser(&bytes);
    }
}
