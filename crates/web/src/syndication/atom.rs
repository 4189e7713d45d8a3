//! Atom 1.0 (RFC 4287), written with a small escaping writer: element names are ours, and
//! every text and attribute value goes through [`escape_into`].

use chrono::{DateTime, FixedOffset, SecondsFormat};

use super::entries::{Entry, FEED_AUTHOR, Feed};

const NAMESPACE: &str = "http://www.w3.org/2005/Atom";

pub fn render(feed: &Feed) -> String {
    let mut x = Xml::default();
    x.out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    x.open("feed", &[("xmlns", NAMESPACE)]);
    x.element("id", &[], &feed.atom);
    x.element("title", &[("type", "text")], &feed.title);
    x.element("subtitle", &[("type", "text")], &feed.description);
    x.element("updated", &[], &date(&feed.updated()));
    x.empty("link", &[("rel", "self"), ("type", "application/atom+xml"), ("href", &feed.atom)]);
    x.empty("link", &[("rel", "alternate"), ("type", "text/html"), ("href", &feed.home)]);
    x.empty("link", &[("rel", "alternate"), ("type", "application/feed+json"), ("href", &feed.json)]);
    x.author(FEED_AUTHOR);
    x.element("generator", &[], "newsgraph");
    for entry in &feed.entries {
        write_entry(&mut x, entry);
    }
    x.close("feed");
    x.out
}

fn write_entry(x: &mut Xml, entry: &Entry) {
    x.open("entry", &[]);
    x.element("id", &[], &entry.url);
    x.element("title", &[("type", "text")], &entry.title);
    x.element("updated", &[], &date(&entry.updated));
    if let Some(published) = &entry.published {
        x.element("published", &[], &date(published));
    }
    x.empty("link", &[("rel", "alternate"), ("type", "text/html"), ("href", &entry.url)]);
    if let Some(external) = &entry.external {
        x.empty("link", &[("rel", "related"), ("type", "text/html"), ("href", external)]);
    }
    for name in &entry.authors {
        x.author(name);
    }
    if !entry.summary.is_empty() {
        x.element("summary", &[("type", "text")], &entry.summary);
    }
    x.close("entry");
}

/// RFC 3339 to the second, as Atom's date constructs want it.
fn date(time: &DateTime<FixedOffset>) -> String {
    time.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// An XML document being written, one element per line.
#[derive(Default)]
struct Xml {
    out: String,
}

impl Xml {
    fn open(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.start_tag(name, attrs);
        self.out.push_str(">\n");
    }

    fn close(&mut self, name: &str) {
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push_str(">\n");
    }

    fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.start_tag(name, attrs);
        self.out.push_str("/>\n");
    }

    /// `<name attrs>text</name>`.
    fn element(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) {
        self.start_tag(name, attrs);
        self.out.push('>');
        escape_into(&mut self.out, text);
        self.close(name);
    }

    fn author(&mut self, name: &str) {
        self.open("author", &[]);
        self.element("name", &[], name);
        self.close("author");
    }

    fn start_tag(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.out.push('<');
        self.out.push_str(name);
        for (attr, value) in attrs {
            self.out.push(' ');
            self.out.push_str(attr);
            self.out.push_str("=\"");
            escape_into(&mut self.out, value);
            self.out.push('"');
        }
    }
}

/// Appends `text` as XML character data that is also safe in a quoted attribute: the five
/// special characters escaped, and the characters XML 1.0 forbids (most control characters,
/// U+FFFE, U+FFFF) dropped, since no escape can carry them and a reader would reject the
/// whole feed over one.
fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Kept as references: a reader would otherwise fold them into spaces.
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if allowed_in_xml(c) => out.push(c),
            _ => {}
        }
    }
}

fn allowed_in_xml(c: char) -> bool {
    matches!(c, '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped(text: &str) -> String {
        let mut out = String::new();
        escape_into(&mut out, text);
        out
    }

    #[test]
    fn special_characters_are_escaped() {
        assert_eq!(
            escaped(r#"<a href="x">Tom & Jerry's</a>"#),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&apos;s&lt;/a&gt;"
        );
        assert_eq!(escaped("été — 東京 🦀"), "été — 東京 🦀");
    }

    #[test]
    fn characters_xml_forbids_are_dropped() {
        assert_eq!(escaped("a\u{0}b\u{1}c\u{1B}d\u{FFFE}e\u{FFFF}f"), "abcdef");
        assert_eq!(escaped("a\tb\nc\rd"), "a&#9;b&#10;c&#13;d");
    }
}
