//! Resolving a link's `href` against the page URL, enough for headline links: absolute,
//! scheme-relative, root-relative and path-relative references.

/// The absolute URL `href` points to, or `None` for non-web links (`javascript:`, `mailto:`,
/// fragments) and relative links on a page whose URL is unknown.
pub fn resolve(base: Option<&str>, href: &str) -> Option<String> {
    let href = href.trim();
    if href.is_empty() || href.starts_with('#') {
        return None;
    }
    if let Some((scheme, _)) = href.split_once(':')
        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    {
        let web = scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https");
        return web.then(|| href.to_string());
    }
    let base = base?;
    let (scheme, rest) = base.split_once("://")?;
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, path) = rest.split_at(authority_end);
    if let Some(net_path) = href.strip_prefix("//") {
        return Some(format!("{scheme}://{net_path}"));
    }
    if href.starts_with('/') {
        return Some(format!("{scheme}://{authority}{href}"));
    }
    let path = path.split(['?', '#']).next().unwrap_or_default();
    let directory = path.rfind('/').map_or("/", |i| &path[..=i]);
    Some(format!("{scheme}://{authority}{directory}{href}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_kinds_of_references() {
        let base = Some("https://news.example/world/2024/story.html?x=1");
        assert_eq!(resolve(base, "https://other.example/a").as_deref(), Some("https://other.example/a"));
        assert_eq!(resolve(base, "//cdn.example/a").as_deref(), Some("https://cdn.example/a"));
        assert_eq!(resolve(base, "/politics/b").as_deref(), Some("https://news.example/politics/b"));
        assert_eq!(resolve(base, "c.html").as_deref(), Some("https://news.example/world/2024/c.html"));
        assert_eq!(resolve(Some("https://news.example"), "c").as_deref(), Some("https://news.example/c"));
        assert_eq!(resolve(base, "javascript:void(0)"), None);
        assert_eq!(resolve(base, "#top"), None);
        assert_eq!(resolve(None, "/a"), None);
    }
}
