//! Where this server is reached from. Feeds need absolute links, and the server does not know
//! its public address: it is configured (`NEWSGRAPH_PUBLIC_URL`), or else taken from the
//! request, whose `Host` header the client controls and is therefore checked for shape first.

use axum::http::{HeaderMap, Uri, header};

/// The host named when the request names none that can be trusted in a link.
const FALLBACK_HOST: &str = "localhost";

/// `scheme://host[:port]` with no trailing slash: the configured base when there is one, else
/// the request's host with `http`, or `https` behind a proxy that says so.
pub fn base_url(configured: Option<&str>, headers: &HeaderMap, uri: &Uri) -> String {
    if let Some(base) = configured {
        return base.trim_end_matches('/').to_owned();
    }
    let named = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    // HTTP/2 carries the host in the URI's authority instead of a header.
    let host = named
        .or_else(|| uri.authority().map(|a| a.as_str()))
        .map(str::trim)
        .filter(|h| is_host_port(h))
        .unwrap_or(FALLBACK_HOST);
    let scheme = if forwarded_https(headers) { "https" } else { "http" };
    format!("{scheme}://{host}")
}

/// Whether a proxy in front says the client came over https (`X-Forwarded-Proto: https`; with
/// a list of proxies, the first one's, the client's own).
fn forwarded_https(headers: &HeaderMap) -> bool {
    headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(',').next())
        .is_some_and(|proto| proto.trim().eq_ignore_ascii_case("https"))
}

/// A configured public address, checked and normalised: an absolute http(s) URL with a host
/// and optionally a path (a server behind a proxy's prefix), no query or fragment; the trailing
/// slash dropped so that paths can be appended.
pub fn parse_public_url(text: &str) -> Result<String, String> {
    let text = text.trim();
    let invalid = || format!("a public URL is http(s)://host[:port][/path], not {text:?}");
    let (scheme, rest) = text.split_once("://").ok_or_else(invalid)?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return Err(invalid());
    }
    let (authority, path) = rest.find('/').map_or((rest, ""), |slash| rest.split_at(slash));
    let clean_path = !path.contains(['?', '#']) && !path.chars().any(|c| c.is_whitespace() || c.is_control());
    if !is_host_port(authority) || !clean_path {
        return Err(invalid());
    }
    Ok(format!("{scheme}://{authority}{}", path.trim_end_matches('/')))
}

/// `host` or `host:port`, where host is a DNS name, an IPv4 address or a bracketed IPv6
/// address: nothing that could carry a path, user info, markup or a second header.
fn is_host_port(text: &str) -> bool {
    let (host, port) = match text.strip_prefix('[') {
        Some(v6) => match v6.split_once(']') {
            Some((address, rest)) if is_ipv6(address) => (None, rest),
            _ => return false,
        },
        None => match text.split_once(':') {
            Some((host, _)) => (Some(host), &text[host.len()..]),
            None => (Some(text), ""),
        },
    };
    host.is_none_or(is_dns_name) && (port.is_empty() || is_port(port))
}

fn is_dns_name(host: &str) -> bool {
    let label_ok = |l: &str| {
        !l.is_empty()
            && l.len() <= 63
            && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    };
    !host.is_empty() && host.len() <= 253 && host.split('.').all(label_ok)
}

fn is_ipv6(address: &str) -> bool {
    address.contains(':') && address.parse::<std::net::Ipv6Addr>().is_ok()
}

/// `:N` with N a port number.
fn is_port(text: &str) -> bool {
    text.strip_prefix(':')
        .filter(|digits| !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
        .is_some_and(|digits| digits.parse::<u16>().is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, value.parse().expect("header value"));
        }
        map
    }

    fn base(pairs: &[(&'static str, &str)]) -> String {
        base_url(None, &headers(pairs), &Uri::from_static("/feeds/stories.atom"))
    }

    #[test]
    fn hosts_of_the_right_shape_are_used() {
        assert_eq!(base(&[("host", "news.example:8080")]), "http://news.example:8080");
        assert_eq!(base(&[("host", "127.0.0.1")]), "http://127.0.0.1");
        assert_eq!(base(&[("host", "[::1]:3000")]), "http://[::1]:3000");
        assert_eq!(
            base(&[("host", "news.example"), ("x-forwarded-proto", "HTTPS, http")]),
            "https://news.example"
        );
        assert_eq!(base(&[("host", "news.example"), ("x-forwarded-proto", "http")]), "http://news.example");
    }

    #[test]
    fn other_hosts_fall_back() {
        for bad in [
            "",
            "evil.example/path",
            "user@evil.example",
            "a\"><x",
            "news.example:",
            "news.example:99999",
            "news.example:80:80",
            "[::1",
            "[not-v6]",
            "a..b",
        ] {
            assert_eq!(base(&[("host", bad)]), "http://localhost", "{bad:?}");
        }
        assert_eq!(base(&[]), "http://localhost");
    }

    #[test]
    fn a_configured_base_wins() {
        let h = headers(&[("host", "internal:8080")]);
        let uri = Uri::from_static("/");
        assert_eq!(base_url(Some("https://news.example/ng/"), &h, &uri), "https://news.example/ng");
    }

    #[test]
    fn public_urls_are_checked() {
        assert_eq!(parse_public_url(" https://news.example/ "), Ok("https://news.example".into()));
        assert_eq!(
            parse_public_url("HTTP://news.example:8080/ng/"),
            Ok("http://news.example:8080/ng".into())
        );
        for bad in
            ["news.example", "ftp://news.example", "https://", "https://a b", "https://x/?q", "https://x/#f"]
        {
            assert!(parse_public_url(bad).is_err(), "{bad:?}");
        }
    }
}
