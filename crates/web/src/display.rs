//! Small text helpers shared by the pages and the API: excerpts, labels, safe links.

use chrono::{DateTime, TimeZone};
use newsgraph_model::{EntityKind, SourceKind, StoredArticle};

/// Every entity kind, in the order pages list them.
pub const KINDS: [EntityKind; 4] = [EntityKind::Per, EntityKind::Org, EntityKind::Loc, EntityKind::Misc];

/// The kind's short name: in `?kind=` and in CSS classes (`entity-loc`).
pub fn kind_slug(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Per => "per",
        EntityKind::Org => "org",
        EntityKind::Loc => "loc",
        EntityKind::Misc => "misc",
    }
}

/// The kind in a sentence: "a place".
pub fn kind_label(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Per => "person",
        EntityKind::Org => "organisation",
        EntityKind::Loc => "place",
        EntityKind::Misc => "other name",
    }
}

/// The kind as a heading over a group: "Places".
pub fn kind_heading(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Per => "People",
        EntityKind::Org => "Organisations",
        EntityKind::Loc => "Places",
        EntityKind::Misc => "Other names",
    }
}

/// "1 article", "2 articles".
pub fn count(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Longest excerpt of an article's first paragraph, in characters.
pub const EXCERPT_CHARS: usize = 200;

/// The first non-empty paragraph, whitespace folded, cut at a word boundary to `max` chars.
pub fn excerpt(article: &StoredArticle, max: usize) -> String {
    let first = article.article.paragraphs.iter().find(|p| !p.trim().is_empty());
    first.map(|p| truncate_words(p, max)).unwrap_or_default()
}

fn truncate_words(text: &str, max: usize) -> String {
    let folded = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if folded.chars().count() <= max {
        return folded;
    }
    let cut: String = folded.chars().take(max).collect();
    let at_word = match cut.rfind(' ') {
        Some(space) if space > cut.len() / 2 => &cut[..space],
        _ => cut.as_str(),
    };
    format!("{}…", at_word.trim_end())
}

/// `url` when it is safe to put in an `href`: an absolute http or https URL, nothing else
/// (no `javascript:`, `data:`, relative or protocol-relative links).
pub fn safe_href(url: &str) -> Option<&str> {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let allowed = lower.starts_with("http://") || lower.starts_with("https://");
    let clean = !url.chars().any(|c| c.is_control() || c.is_whitespace());
    (allowed && clean && host(url).is_some()).then_some(url)
}

/// The host of an http(s) URL, without user info or port.
fn host(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host_port = authority.rsplit('@').next()?;
    let host = match host_port.strip_prefix('[') {
        Some(v6) => v6.split(']').next()?,
        None => host_port.split(':').next()?,
    };
    (!host.is_empty()).then_some(host)
}

/// Who published it: the site's name, else the URL's host, else where it was imported from.
pub fn site_label(stored: &StoredArticle) -> String {
    let article = &stored.article;
    if let Some(site) = article.site.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        return site.to_owned();
    }
    if let Some(host) = article.url.as_deref().and_then(safe_href).and_then(host) {
        return host.to_owned();
    }
    source_label(stored)
}

/// Where the article came from, without exposing local directories: a URL's host or a
/// file's name (with its line for a JSONL corpus).
pub fn source_label(stored: &StoredArticle) -> String {
    let source = &stored.source;
    match source.kind {
        SourceKind::Web => safe_href(&source.location).and_then(host).unwrap_or("the web").to_owned(),
        SourceKind::Stdin => "standard input".to_owned(),
        SourceKind::File | SourceKind::Jsonl => {
            let name = source.location.rsplit(['/', '\\']).next().unwrap_or("");
            if name.is_empty() { source.kind.as_str().to_owned() } else { name.to_owned() }
        }
    }
}

/// A title to show: the stored one, or a placeholder when it is blank.
pub fn title(text: &str) -> &str {
    let trimmed = text.trim();
    if trimmed.is_empty() { "(untitled)" } else { trimmed }
}

/// `2024-03-31`, in the time zone the timestamp carries.
pub fn date<Tz: TimeZone>(time: &DateTime<Tz>) -> String
where
    Tz::Offset: std::fmt::Display,
{
    time.format("%Y-%m-%d").to_string()
}

/// Percent-encodes a query-string value (everything but RFC 3986 unreserved characters).
pub fn encode_query_value(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_urls_are_links() {
        assert_eq!(safe_href("https://example.org/a?b#c"), Some("https://example.org/a?b#c"));
        assert_eq!(safe_href("HTTP://example.org"), Some("HTTP://example.org"));
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " javascript:alert(1)",
            "java\tscript:alert(1)",
            "data:text/html,hi",
            "//evil.example/",
            "/relative",
            "https://",
            "https:///path",
            "https://exa mple.org",
            "",
            "é",
        ] {
            assert_eq!(safe_href(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn hosts_drop_user_info_and_port() {
        assert_eq!(host("https://user:pw@news.example:8080/x"), Some("news.example"));
        assert_eq!(host("http://[::1]:80/"), Some("::1"));
    }

    #[test]
    fn excerpts_cut_at_words() {
        assert_eq!(truncate_words("short  text\n", 50), "short text");
        assert_eq!(truncate_words("one two three four", 12), "one two…");
        assert_eq!(truncate_words("ééééééééé", 3), "ééé…");
    }

    #[test]
    fn query_values_are_encoded() {
        assert_eq!(encode_query_value("a b&c=\"é\""), "a%20b%26c%3D%22%C3%A9%22");
    }
}
