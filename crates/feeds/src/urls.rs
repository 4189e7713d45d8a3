//! Which URLs are kept: only http and https ones, since those are the only ones the fetcher
//! will follow (`javascript:`, `data:`, `file:`, `mailto:` and the like are dropped here, once,
//! rather than checked at every use).

use std::borrow::Cow;

use url::Url;

/// `raw` as an absolute http(s) URL, resolved against `base` when it is relative.
/// `feed:` URLs (a subscribe-link convention) are read as the http(s) URL they wrap.
pub(crate) fn absolute_http_url(raw: &str, base: Option<&str>) -> Option<String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    let raw = unwrap_feed_scheme(raw);
    let url = match Url::parse(&raw) {
        Ok(url) => url,
        Err(url::ParseError::RelativeUrlWithoutBase) => Url::parse(base?.trim()).ok()?.join(&raw).ok()?,
        Err(_) => return None,
    };
    matches!(url.scheme(), "http" | "https").then(|| url.to_string())
}

/// `feed://example.com/rss` and `feed:https://example.com/rss` name an http(s) feed.
fn unwrap_feed_scheme(raw: &str) -> Cow<'_, str> {
    let Some(rest) = raw.get(..5).filter(|s| s.eq_ignore_ascii_case("feed:")).and_then(|_| raw.get(5..))
    else {
        return Cow::Borrowed(raw);
    };
    if rest.starts_with("http://") || rest.starts_with("https://") {
        Cow::Borrowed(rest)
    } else if rest.starts_with("//") {
        Cow::Owned(format!("http:{rest}"))
    } else {
        Cow::Borrowed(raw)
    }
}

/// Reads a list of URLs, one per line. Blank lines and lines starting with `#` are skipped;
/// anything after the first whitespace on a line is a comment. Only absolute http(s) URLs are
/// kept, in the order given, normalised (`https://Example.com` becomes `https://example.com/`).
pub fn parse_url_list(text: &str) -> Vec<String> {
    text.lines()
        .map(|line| line.trim().trim_start_matches('\u{feff}'))
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .filter_map(|line| line.split_whitespace().next())
        .filter_map(|url| absolute_http_url(url, None))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_list_skips_comments_blanks_and_other_schemes() {
        let text = "# my sources\n\nhttps://example.com/a\n  http://Example.org  # note\n\
                    javascript:alert(1)\nftp://example.com/x\n/relative\nfile:///etc/passwd\n";
        assert_eq!(parse_url_list(text), ["https://example.com/a", "http://example.org/"]);
    }

    #[test]
    fn relative_urls_resolve_against_the_base() {
        let base = Some("https://example.com/news/feed.xml");
        assert_eq!(absolute_http_url("../a.html", base).as_deref(), Some("https://example.com/a.html"));
        assert_eq!(absolute_http_url("/b", base).as_deref(), Some("https://example.com/b"));
        assert_eq!(absolute_http_url("b", None), None);
        assert_eq!(absolute_http_url("data:text/html,hi", base), None);
        assert_eq!(absolute_http_url("JavaScript:alert(1)", base), None);
    }

    #[test]
    fn feed_scheme_is_unwrapped() {
        assert_eq!(
            absolute_http_url("feed://example.com/rss", None).as_deref(),
            Some("http://example.com/rss")
        );
        assert_eq!(
            absolute_http_url("feed:https://example.com/rss", None).as_deref(),
            Some("https://example.com/rss")
        );
    }
}
