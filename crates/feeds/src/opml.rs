//! OPML subscription lists, read and written. Readers nest feeds in folders (outlines without
//! an `xmlUrl`); the folder a feed sits in becomes its section, as Miniflux and most readers
//! export them. Writing puts each section in one folder, so reading back gives the same list.

use quick_xml::events::Event;

use crate::charset::decode_xml;
use crate::error::FeedsError;
use crate::urls::absolute_http_url;
use crate::xml::{attribute, for_each_event, local_name};

/// One feed in a subscription list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subscription {
    /// The feed's URL, absolute http(s) (`feed://` read as `http://`).
    pub feed_url: String,
    pub title: Option<String>,
    /// The site the feed belongs to (`htmlUrl`).
    pub site_url: Option<String>,
    /// The folder the feed was filed in, or its first `category`.
    pub section: Option<String>,
}

/// An outline element still open while reading: a folder, or a feed with children.
struct OpenOutline {
    /// A folder's title; `None` for feeds (a feed is nobody's section).
    folder_title: Option<String>,
}

/// Reads the subscriptions of an OPML document, in document order, each feed URL once.
/// Outlines whose `xmlUrl` is not an http(s) URL are skipped.
pub fn parse_opml(bytes: &[u8]) -> Result<Vec<Subscription>, FeedsError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(FeedsError::Empty);
    }
    let text = decode_xml(bytes, None);
    let mut subscriptions: Vec<Subscription> = Vec::new();
    let mut open: Vec<OpenOutline> = Vec::new();
    let mut seen_root = false;
    for_each_event(&text, |event, _| {
        let (element, has_children) = match event {
            Event::Start(element) => (element, true),
            Event::Empty(element) => (element, false),
            Event::End(element) => {
                if element.local_name().as_ref().eq_ignore_ascii_case("outline") {
                    open.pop();
                }
                return Ok(());
            }
            _ => return Ok(()),
        };
        let name = local_name(element);
        if !seen_root {
            seen_root = true;
            if name != "opml" {
                return Err(FeedsError::WrongRoot { expected: "an OPML document", root: name });
            }
        }
        if name != "outline" {
            return Ok(());
        }
        let title = attribute(element, "title")
            .and_then(non_empty)
            .or_else(|| attribute(element, "text").and_then(non_empty));
        let feed_url = attribute(element, "xmlUrl").and_then(|url| absolute_http_url(&url, None));
        if let Some(feed_url) = &feed_url
            && !subscriptions.iter().any(|subscription| &subscription.feed_url == feed_url)
        {
            let folder = open.iter().rev().find_map(|outline| outline.folder_title.clone());
            subscriptions.push(Subscription {
                feed_url: feed_url.clone(),
                title: title.clone(),
                site_url: attribute(element, "htmlUrl").and_then(|url| absolute_http_url(&url, None)),
                section: folder.or_else(|| attribute(element, "category").and_then(|c| first_category(&c))),
            });
        }
        if has_children {
            let is_feed = attribute(element, "xmlUrl").is_some();
            open.push(OpenOutline { folder_title: if is_feed { None } else { title } });
        }
        Ok(())
    })?;
    if !seen_root {
        return Err(FeedsError::WrongRoot { expected: "an OPML document", root: String::new() });
    }
    Ok(subscriptions)
}

/// OPML 2.0 `category` is a comma-separated list of slash-delimited paths ("/News/World");
/// the first path, without its slashes at either end, is the section.
fn first_category(categories: &str) -> Option<String> {
    categories.split(',').find_map(|category| non_empty(category.trim().trim_matches('/').to_string()))
}

fn non_empty(text: String) -> Option<String> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        None
    } else if trimmed.len() == text.len() {
        Some(text)
    } else {
        Some(trimmed.to_string())
    }
}

/// Writes subscriptions as an OPML 2.0 document titled `title`. Feeds without a section come
/// first, at the top level; each section is one folder, in the order sections first appear.
pub fn write_opml(subscriptions: &[Subscription], title: &str) -> String {
    let mut opml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n");
    opml.push_str(&format!("  <head>\n    <title>{}</title>\n  </head>\n  <body>\n", escape(title)));
    for subscription in subscriptions.iter().filter(|subscription| subscription.section.is_none()) {
        write_outline(&mut opml, subscription, "    ");
    }
    let mut sections: Vec<&str> = Vec::new();
    for section in subscriptions.iter().filter_map(|subscription| subscription.section.as_deref()) {
        if !sections.contains(&section) {
            sections.push(section);
        }
    }
    for section in sections {
        let section_text = escape(section);
        opml.push_str(&format!("    <outline text=\"{section_text}\" title=\"{section_text}\">\n"));
        for subscription in
            subscriptions.iter().filter(|subscription| subscription.section.as_deref() == Some(section))
        {
            write_outline(&mut opml, subscription, "      ");
        }
        opml.push_str("    </outline>\n");
    }
    opml.push_str("  </body>\n</opml>\n");
    opml
}

fn write_outline(opml: &mut String, subscription: &Subscription, indent: &str) {
    // `text` is required by OPML; an empty one reads back as no title.
    let title = subscription.title.as_deref().map(escape).unwrap_or_default();
    opml.push_str(&format!("{indent}<outline type=\"rss\" text=\"{title}\""));
    if subscription.title.is_some() {
        opml.push_str(&format!(" title=\"{title}\""));
    }
    opml.push_str(&format!(" xmlUrl=\"{}\"", escape(&subscription.feed_url)));
    if let Some(site_url) = &subscription.site_url {
        opml.push_str(&format!(" htmlUrl=\"{}\"", escape(site_url)));
    }
    opml.push_str("/>\n");
}

/// Escapes text for an attribute value or element content. Tabs and line breaks become
/// character references, since a reader normalises literal ones in attributes to spaces.
fn escape(text: &str) -> String {
    quick_xml::escape::escape(text).replace('\t', "&#9;").replace('\n', "&#10;").replace('\r', "&#13;")
}
