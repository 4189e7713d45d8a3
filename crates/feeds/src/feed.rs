//! RSS 0.9x, RSS 1.0 (RDF), RSS 2.0, Atom and JSON Feed documents -> [`Feed`], through feed-rs.
//! feed-rs does the format work; this module decides what newsgraph keeps: absolute http(s)
//! links only, text and HTML told apart, empty strings treated as missing.

use chrono::{DateTime, Utc};
use feed_rs::model;

use crate::charset::decode_xml;
use crate::error::FeedsError;
use crate::gzip::gunzipped;
use crate::urls::absolute_http_url;

/// A feed as newsgraph reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct Feed {
    pub title: Option<String>,
    /// The site the feed belongs to (its `alternate` link), absolute http(s).
    pub site_url: Option<String>,
    /// RSS `<ttl>`: how many minutes the feed may be cached, a hint for the poller.
    pub ttl_minutes: Option<u32>,
    pub entries: Vec<FeedEntry>,
}

/// One item of a feed.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedEntry {
    /// The feed's own identifier (guid, Atom id, JSON id), or one feed-rs derives from the
    /// link and title when the feed gives none; stable across fetches of the same feed.
    pub id: String,
    /// The article's page, absolute http(s), resolved against `xml:base` or the feed's URL.
    pub url: Option<String>,
    pub title: Option<String>,
    pub published: Option<DateTime<Utc>>,
    pub updated: Option<DateTime<Utc>>,
    pub authors: Vec<String>,
    pub summary: Option<EntryText>,
    /// The full text when the feed carries it (`content:encoded`, Atom `content`, JSON
    /// `content_html`): a fallback body for when the page itself cannot be fetched.
    pub content: Option<EntryText>,
    pub categories: Vec<String>,
}

/// Text from a feed, as the feed gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryText {
    pub format: TextFormat,
    pub text: String,
}

/// Whether an [`EntryText`] is markup to be extracted or sanitised, or plain text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextFormat {
    Plain,
    Html,
}

/// Parses a feed document. `base_url` (the URL it was fetched from) resolves relative links;
/// `charset` is the one the transport named (the `charset` parameter of HTTP `Content-Type`).
///
/// The bytes may be in any charset: a byte-order mark, `charset`, the XML declaration or,
/// failing all three, detection decides (see `charset`). Gzipped bytes are unzipped first
/// (up to [`MAX_GUNZIPPED_BYTES`](crate::MAX_GUNZIPPED_BYTES)). Fails on documents that are
/// not feeds or not well formed; never panics.
pub fn parse_feed(bytes: &[u8], base_url: Option<&str>, charset: Option<&str>) -> Result<Feed, FeedsError> {
    let bytes = gunzipped(bytes)?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(FeedsError::Empty);
    }
    let text = rss090_as_rss1(decode_xml(&bytes, charset));
    let parser = feed_rs::parser::Builder::new().base_uri(base_url).build();
    let parsed = match parser.parse(text.as_bytes()) {
        Ok(parsed) => parsed,
        Err(error) => match rss_with_version(&text) {
            Some(versioned) => parser.parse(versioned.as_bytes()),
            None => Err(error),
        }
        .map_err(|error| FeedsError::Feed(error.to_string()))?,
    };
    Ok(convert_feed(parsed, base_url))
}

/// RSS 0.90 is RDF with Netscape's namespace; feed-rs reads RSS 1.0, the same shape under
/// another namespace, and would find no items in it.
const RSS_090_NAMESPACE: &str = "http://my.netscape.com/rdf/simple/0.9/";
const RSS_1_NAMESPACE: &str = "http://purl.org/rss/1.0/";

fn rss090_as_rss1(text: String) -> String {
    if text.contains(RSS_090_NAMESPACE) { text.replace(RSS_090_NAMESPACE, RSS_1_NAMESPACE) } else { text }
}

/// feed-rs only reads `<rss>` roots whose version it knows (0.91, 0.92, 2.0); feeds with no
/// version or a made-up one ("2.01") are RSS 2.0 in practice. Returns the document with its
/// root marked as 2.0, or `None` when its root is not such an `<rss>`.
fn rss_with_version(text: &str) -> Option<String> {
    let start = text.find("<rss")?;
    let after_name = text[start + 4..].chars().next()?;
    if !(after_name.is_whitespace() || after_name == '>') {
        return None;
    }
    let tag_end = start + text[start..].find('>')?;
    let tag = &text[start..tag_end];
    let version_at = tag.find(|c: char| c.is_whitespace()).and_then(|_| {
        tag.match_indices("version").map(|(at, _)| at).find(|at| tag[..*at].ends_with(char::is_whitespace))
    });
    let tag = match version_at {
        // Drop the old pseudo-attribute's name so the new one comes first and wins.
        Some(at) => format!("{}data-old-{}", &tag[..at], &tag[at..]),
        None => tag.to_string(),
    };
    if tag.contains("version=\"2.0\"") {
        return None;
    }
    Some(format!("{}<rss version=\"2.0\"{}{}", &text[..start], &tag[4..], &text[tag_end..]))
}

fn convert_feed(feed: model::Feed, base_url: Option<&str>) -> Feed {
    Feed {
        title: feed.title.as_ref().and_then(|title| non_empty(&decode_entities(&title.content))),
        site_url: page_link(&feed.links, base_url),
        ttl_minutes: feed.ttl,
        entries: feed.entries.into_iter().map(|entry| convert_entry(entry, base_url)).collect(),
    }
}

fn convert_entry(entry: model::Entry, feed_base: Option<&str>) -> FeedEntry {
    let base = entry.base.as_deref().or(feed_base);
    // RSS says a guid is a permalink unless marked otherwise, so an http(s) id is the page
    // when no link is given.
    let url = page_link(&entry.links, base).or_else(|| absolute_http_url(&entry.id, None));
    FeedEntry {
        url,
        title: entry.title.as_ref().and_then(|title| non_empty(&decode_entities(&title.content))),
        published: entry.published,
        updated: entry.updated,
        authors: names(&entry.authors),
        summary: entry
            .summary
            .as_ref()
            .and_then(|summary| entry_text(&summary.content, summary.content_type.subty().as_str())),
        content: entry
            .content
            .as_ref()
            .and_then(|content| entry_text(content.body.as_deref()?, content.content_type.subty().as_str())),
        categories: category_names(&entry.categories),
        id: entry.id,
    }
}

/// The first link that points at a web page (no `rel`, or `rel="alternate"`; not `self`,
/// `enclosure`, `replies` ...), as an absolute http(s) URL.
fn page_link(links: &[model::Link], base: Option<&str>) -> Option<String> {
    links
        .iter()
        .filter(|link| link.rel.as_deref().is_none_or(|rel| rel.trim().eq_ignore_ascii_case("alternate")))
        .find_map(|link| absolute_http_url(&link.href, base))
}

fn entry_text(text: &str, media_subtype: &str) -> Option<EntryText> {
    let format = match media_subtype.to_ascii_lowercase().as_str() {
        "html" | "xhtml+xml" | "xhtml" => TextFormat::Html,
        _ => TextFormat::Plain,
    };
    Some(EntryText { format, text: non_empty(text)? })
}

fn names(people: &[model::Person]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for person in people {
        let name = person
            .name
            .as_deref()
            .and_then(non_empty)
            .or_else(|| person.email.as_deref().and_then(non_empty));
        if let Some(name) = name.filter(|name| !names.contains(name)) {
            names.push(name);
        }
    }
    names
}

fn category_names(categories: &[model::Category]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for category in categories {
        let name = category.label.as_deref().and_then(non_empty).or_else(|| non_empty(&category.term));
        if let Some(name) = name.filter(|name| !names.contains(name)) {
            names.push(name);
        }
    }
    names
}

fn non_empty(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

/// Titles are plain text, yet feeds (WordPress's JSON feeds especially) leave HTML character
/// references in them: `&#8211;`, `&amp;`, `&rsquo;`. Decodes numeric references and the
/// named ones seen in titles; anything else is left as written.
fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut decoded = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        decoded.push_str(&rest[..at]);
        rest = &rest[at..];
        let reference =
            rest.find(';').filter(|end| *end <= 12).and_then(|end| Some((end, entity(&rest[1..end])?)));
        match reference {
            Some((end, character)) => {
                decoded.push(character);
                rest = &rest[end + 1..];
            }
            None => {
                decoded.push('&');
                rest = &rest[1..];
            }
        }
    }
    decoded.push_str(rest);
    decoded
}

fn entity(name: &str) -> Option<char> {
    if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        return char::from_u32(code).filter(|c| *c != '\0');
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "ndash" => '\u{2013}',
        "mdash" => '\u{2014}',
        "lsquo" => '\u{2018}',
        "rsquo" => '\u{2019}',
        "ldquo" => '\u{201c}',
        "rdquo" => '\u{201d}',
        "hellip" => '\u{2026}',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_in_titles_are_decoded() {
        assert_eq!(decode_entities("Blog &#8211; InfluxData"), "Blog \u{2013} InfluxData");
        assert_eq!(decode_entities("R&amp;D &#x41; &rsquo;s"), "R&D A \u{2019}s");
        assert_eq!(decode_entities("AT&T & co &unknown; &#0; &"), "AT&T & co &unknown; &#0; &");
    }

    #[test]
    fn rss_without_a_version_is_read_as_2_0() {
        let xml = "<rss><channel><title>t</title><item><title>a</title><link>https://e.com/a</link></item></channel></rss>";
        let feed = parse_feed(xml.as_bytes(), None, None).expect("parses");
        assert_eq!(feed.entries.len(), 1);
        let xml = "<rss version=\"2.01\"><channel><item><title>a</title></item></channel></rss>";
        assert_eq!(parse_feed(xml.as_bytes(), None, None).expect("parses").entries.len(), 1);
    }

    #[test]
    fn relative_and_unsafe_links() {
        let xml = "<rss version=\"2.0\"><channel><link>/</link>\
                   <item><title>a</title><link>/news/a.html</link></item>\
                   <item><title>b</title><link>javascript:alert(1)</link><guid isPermaLink=\"false\">x1</guid></item>\
                   </channel></rss>";
        let feed =
            parse_feed(xml.as_bytes(), Some("https://example.com/feeds/all.xml"), None).expect("parses");
        assert_eq!(feed.site_url.as_deref(), Some("https://example.com/"));
        assert_eq!(feed.entries[0].url.as_deref(), Some("https://example.com/news/a.html"));
        assert_eq!(feed.entries[1].url, None);
    }
}
