//! OPML: reading nested folders and sections, and writing then reading back.

use newsgraph_feeds::{FeedsError, Subscription, parse_opml, write_opml};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/testdata/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|error| panic!("{path}: {error}"))
}

fn subscription(
    feed_url: &str,
    title: Option<&str>,
    site_url: Option<&str>,
    section: Option<&str>,
) -> Subscription {
    Subscription {
        feed_url: feed_url.to_string(),
        title: title.map(str::to_string),
        site_url: site_url.map(str::to_string),
        section: section.map(str::to_string),
    }
}

#[test]
fn nested_outlines_become_sections() {
    let subscriptions = parse_opml(&fixture("opml/subscriptions.opml")).expect("parses");
    assert_eq!(
        subscriptions,
        [
            subscription(
                "https://example.org/feed.xml",
                Some("Loose feed"),
                Some("https://example.org/"),
                None
            ),
            subscription(
                "http://feeds.bbci.co.uk/news/world/rss.xml",
                Some("BBC <World>"),
                Some("https://www.bbc.co.uk/news/world"),
                Some("World")
            ),
            // The nearest folder names the section.
            subscription(
                "https://www.spiegel.de/schlagzeilen/index.rss",
                Some("Der Spiegel"),
                None,
                Some("Europe")
            ),
            subscription("http://example.net/untitled.rss", None, None, Some("World")),
            subscription(
                "https://feeds.arstechnica.com/arstechnica/index",
                Some("Ars \"Technica\""),
                Some("https://arstechnica.com/"),
                Some("Tech")
            ),
            // Not in a folder: the first category is the section.
            subscription("https://example.com/cat.xml", Some("Categorised"), None, Some("Science/Space")),
        ]
    );
}

#[test]
fn write_then_read_round_trips() {
    let first = parse_opml(&fixture("opml/subscriptions.opml")).expect("parses");
    let written = write_opml(&first, "Exported & <escaped>");
    let second = parse_opml(written.as_bytes()).expect("reads what it wrote");
    // The same subscriptions; the order may differ, since writing groups them by section
    // (the fixture has a nested folder inside "World" and feeds after it).
    let sorted = |list: &[Subscription]| {
        let mut list = list.to_vec();
        list.sort_by(|a, b| a.feed_url.cmp(&b.feed_url));
        list
    };
    assert_eq!(sorted(&second), sorted(&first));
    // Once grouped, the order is stable too.
    assert_eq!(parse_opml(write_opml(&second, "x").as_bytes()).expect("parses"), second);
    assert!(written.contains("<title>Exported &amp; &lt;escaped&gt;</title>"));
}

#[test]
fn awkward_text_round_trips() {
    let subscriptions = vec![
        subscription(
            "https://a.example/feed?x=1&y=2",
            Some("Tabs\tand\nnew lines, 'quotes' & <tags>"),
            None,
            None,
        ),
        subscription(
            "https://b.example/rss",
            Some("Ünïcödé — ok"),
            Some("https://b.example/"),
            Some("A & B"),
        ),
    ];
    let written = write_opml(&subscriptions, "t");
    assert_eq!(parse_opml(written.as_bytes()).expect("parses"), subscriptions);
}

#[test]
fn broken_and_foreign_documents() {
    let bytes = fixture("opml/subscriptions.opml");
    let truncated = parse_opml(&bytes[..bytes.len() / 2]);
    assert!(matches!(truncated, Err(FeedsError::Xml { .. })), "{truncated:?}");
    assert!(matches!(parse_opml(b"<rss version=\"2.0\"></rss>"), Err(FeedsError::WrongRoot { .. })));
    assert_eq!(parse_opml(b""), Err(FeedsError::Empty));
    assert_eq!(parse_opml(b"<opml><body/></opml>"), Ok(Vec::new()));
}

proptest::proptest! {
    #[test]
    fn any_subscription_list_round_trips(
        entries in proptest::collection::vec(
            ("[a-z0-9]{1,8}", proptest::option::of("[a-zA-Z0-9&<>\"' é—\t\n]{0,20}"), proptest::option::of("[A-Z][a-z&<]{0,6}")),
            0..12,
        )
    ) {
        let mut subscriptions: Vec<Subscription> = Vec::new();
        for (path, title, section) in entries {
            let feed_url = format!("https://example.com/{path}");
            if subscriptions.iter().any(|subscription| subscription.feed_url == feed_url) {
                continue;
            }
            // Readers trim titles, and an empty one is no title.
            let title = title.map(|title| title.trim().to_string()).filter(|title| !title.is_empty());
            subscriptions.push(Subscription { feed_url, title, site_url: None, section });
        }
        let mut read = parse_opml(write_opml(&subscriptions, "t").as_bytes()).expect("parses");
        read.sort_by(|a, b| a.feed_url.cmp(&b.feed_url));
        subscriptions.sort_by(|a, b| a.feed_url.cmp(&b.feed_url));
        proptest::prop_assert_eq!(read, subscriptions);
    }
}
