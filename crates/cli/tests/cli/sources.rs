//! `newsgraph source add|list|remove`, `import-opml` and `export-opml` as a user runs them.

use crate::common::Sandbox;

const OPML: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>My feeds</title></head>
  <body>
    <outline text="World">
      <outline type="rss" text="BBC World" xmlUrl="https://feeds.example/bbc/world.xml" htmlUrl="https://bbc.example/"/>
      <outline type="rss" text="Kyiv &amp; Minsk" xmlUrl="https://feeds.example/kyiv.xml"/>
    </outline>
    <outline type="rss" text="Tech" xmlUrl="https://feeds.example/tech.xml"/>
    <outline type="rss" text="Not a web feed" xmlUrl="file:///etc/passwd"/>
  </body>
</opml>"#;

fn list(sandbox: &Sandbox) -> Vec<serde_json::Value> {
    sandbox
        .run_ok(&["source", "list", "--json"])
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

#[test]
fn sources_are_added_listed_and_removed() {
    let sandbox = Sandbox::new();
    let out = sandbox.run_ok(&["source", "add", "https://news.example/rss.xml", "--section", "World"]);
    assert!(out.contains("following source 1"), "{out}");
    let out = sandbox.run_ok(&["source", "add", "https://news.example/rss.xml"]);
    assert!(out.contains("already following source 1"), "{out}");
    sandbox.run_ok(&["source", "add", "https://news.example/sitemap_news.xml"]);
    sandbox.run_ok(&["source", "add", "http://192.168.1.5/page", "--kind", "page", "--allow-private"]);

    let sources = list(&sandbox);
    let kinds: Vec<&str> = sources.iter().filter_map(|s| s["kind"].as_str()).collect();
    assert_eq!(kinds, ["feed", "sitemap", "page"], "a sitemap is known by its name");
    assert_eq!(sources[0]["section"], "World");
    assert_eq!(sources[0]["last_polled"], serde_json::Value::Null);
    assert_eq!(sources[2]["allow_private"], true);
    let table = sandbox.run_ok(&["source", "list"]);
    assert!(table.contains("never") && table.contains("https://news.example/rss.xml"), "{table}");

    let refused = sandbox.run(&["source", "add", "file:///etc/passwd"]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("only http and https"));
    let refused = sandbox.run(&["source", "add", "not a url"]);
    assert!(!refused.status.success());

    sandbox.run_ok(&["source", "remove", "2"]);
    assert_eq!(list(&sandbox).len(), 2);
    let missing = sandbox.run(&["source", "remove", "2"]);
    assert!(!missing.status.success(), "removing twice says so");
}

#[test]
fn opml_imports_with_sections_and_exports_what_it_imported() {
    let sandbox = Sandbox::new();
    let file = sandbox.write("feeds.opml", OPML);
    let out = sandbox.run_ok(&["import-opml", file.to_str().expect("path")]);
    assert!(out.contains("following 3 new feeds (0 followed already)"), "{out}");
    let out = sandbox.run_ok(&["import-opml", file.to_str().expect("path")]);
    assert!(out.contains("following 0 new feeds (3 followed already)"), "{out}");
    let sources = list(&sandbox);
    let sections: Vec<(&str, Option<&str>)> =
        sources.iter().map(|s| (s["url"].as_str().unwrap_or(""), s["section"].as_str())).collect();
    assert_eq!(
        sections,
        [
            ("https://feeds.example/bbc/world.xml", Some("World")),
            ("https://feeds.example/kyiv.xml", Some("World")),
            ("https://feeds.example/tech.xml", None),
        ]
    );
    assert_eq!(sources[1]["title"], "Kyiv & Minsk");

    // What is exported imports into another data directory as the same sources.
    let exported = sandbox.run_ok(&["export-opml"]);
    let other = Sandbox::new();
    let file = other.write("exported.opml", &exported);
    other.run_ok(&["import-opml", file.to_str().expect("path")]);
    let again: Vec<(String, serde_json::Value, serde_json::Value)> = list(&other)
        .into_iter()
        .map(|s| (s["url"].as_str().unwrap_or("").to_owned(), s["section"].clone(), s["title"].clone()))
        .collect();
    let before: Vec<(String, serde_json::Value, serde_json::Value)> = sources
        .into_iter()
        .map(|s| (s["url"].as_str().unwrap_or("").to_owned(), s["section"].clone(), s["title"].clone()))
        .collect();
    let (mut again, mut before) = (again, before);
    again.sort_by(|a, b| a.0.cmp(&b.0));
    before.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(again, before);

    let broken = sandbox.write("broken.opml", "<opml><body><outline");
    let out = sandbox.run(&["import-opml", broken.to_str().expect("path")]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not an OPML subscription list"));
}
