//! JSON Feed 1.1 (<https://jsonfeed.org/version/1.1>); serde does the escaping.

use chrono::{DateTime, FixedOffset, SecondsFormat};
use serde::Serialize;

use super::entries::{Entry, FEED_AUTHOR, Feed};

const VERSION: &str = "https://jsonfeed.org/version/1.1";

#[derive(Serialize)]
struct JsonFeed<'a> {
    version: &'static str,
    title: &'a str,
    description: &'a str,
    home_page_url: &'a str,
    feed_url: &'a str,
    /// Inherited by items that name no author of their own.
    authors: [Author<'a>; 1],
    items: Vec<Item<'a>>,
}

#[derive(Serialize)]
struct Item<'a> {
    id: &'a str,
    url: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    external_url: Option<&'a str>,
    title: &'a str,
    summary: &'a str,
    /// The spec wants `content_text` or `content_html` in every item; the summary is all the
    /// content a feed of excerpts has.
    content_text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_published: Option<String>,
    date_modified: String,
    authors: Vec<Author<'a>>,
}

#[derive(Serialize)]
struct Author<'a> {
    name: &'a str,
}

pub fn render(feed: &Feed) -> Result<String, serde_json::Error> {
    let json = JsonFeed {
        version: VERSION,
        title: &feed.title,
        description: &feed.description,
        home_page_url: &feed.home,
        feed_url: &feed.json,
        authors: [Author { name: FEED_AUTHOR }],
        items: feed.entries.iter().map(item).collect(),
    };
    serde_json::to_string_pretty(&json)
}

fn item(entry: &Entry) -> Item<'_> {
    Item {
        id: &entry.url,
        url: &entry.url,
        external_url: entry.external.as_deref(),
        title: &entry.title,
        summary: &entry.summary,
        content_text: &entry.summary,
        date_published: entry.published.as_ref().map(date),
        date_modified: date(&entry.updated),
        authors: entry.authors.iter().map(|name| Author { name }).collect(),
    }
}

fn date(time: &DateTime<FixedOffset>) -> String {
    time.to_rfc3339_opts(SecondsFormat::Secs, true)
}
