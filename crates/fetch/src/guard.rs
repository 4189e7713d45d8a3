//! The guard against server-side request forgery: a feed or page named by a user must not
//! make newsgraph fetch from its own machine, its private network or a cloud metadata service.
//! Every address is checked after DNS resolution (by [`GuardedResolver`], so the connection goes
//! to exactly the addresses checked, and a name that resolves differently a second time gains
//! nothing) and every URL, the first and each redirect, is checked for its scheme and for an
//! address written into it (which skips DNS).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;

use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use url::{Host, Url};

/// Why a URL or address is not fetched.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("only http and https are fetched, not {0}:")]
    Scheme(String),
    #[error("{0} is a private, loopback, link-local or otherwise non-public address")]
    Address(IpAddr),
    #[error("{0} resolves only to private, loopback, link-local or otherwise non-public addresses")]
    Name(String),
    #[error("the URL has no host")]
    NoHost,
}

/// Which addresses may be fetched from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AddressPolicy {
    /// Any address at all (a source the user marked as local, or `NEWSGRAPH_ALLOW_PRIVATE=1`).
    pub allow_private: bool,
    /// Non-public addresses allowed one by one (a single local server).
    pub allowed: Vec<IpAddr>,
}

impl AddressPolicy {
    pub fn check_address(&self, ip: IpAddr) -> Result<(), Refusal> {
        match self.allow_private || is_public(ip) || self.allowed.contains(&ip) {
            true => Ok(()),
            false => Err(Refusal::Address(ip)),
        }
    }

    /// The scheme, and the host when it is an address written into the URL.
    pub fn check_url(&self, url: &Url) -> Result<(), Refusal> {
        if !matches!(url.scheme(), "http" | "https") {
            return Err(Refusal::Scheme(url.scheme().to_owned()));
        }
        match url.host() {
            None => Err(Refusal::NoHost),
            Some(Host::Ipv4(ip)) => self.check_address(IpAddr::V4(ip)),
            Some(Host::Ipv6(ip)) => self.check_address(IpAddr::V6(ip)),
            Some(Host::Domain(_)) => Ok(()),
        }
    }
}

/// Whether an address is on the public internet: not loopback, private (RFC 1918, unique
/// local), shared (carrier-grade NAT), link-local (where cloud metadata services live),
/// unspecified, multicast, broadcast, documentation or benchmarking ranges, nor an IPv6
/// address that wraps one of those IPv4 ones (mapped, translated, 6to4) or tunnels to any
/// IPv4 address at all (Teredo, NAT64).
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => is_public_v4(v4),
            None => is_public_v6(v6),
        },
    }
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    !(ip.is_unspecified()
        || ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_broadcast()
        || ip.is_documentation()
        || ip.is_multicast()
        || a == 0
        || (a == 100 && (64..128).contains(&b)) // shared address space (carrier-grade NAT)
        || (a == 192 && b == 0 && c == 0) // IETF protocol assignments
        || (a == 198 && (b == 18 || b == 19)) // benchmarking
        || a >= 240) // reserved
}

fn is_public_v6(ip: Ipv6Addr) -> bool {
    let segments = ip.segments();
    let first = segments[0];
    // Forms that carry an IPv4 address to which traffic may end up going: that one decides.
    if first == 0x2002 {
        // 6to4: the relay delivers to the IPv4 address in the next 32 bits.
        return is_public_v4(embedded_v4(segments[1], segments[2]));
    }
    if segments[..4] == [0, 0, 0, 0] && segments[4] == 0xffff && segments[5] == 0 {
        // IPv4-translated (SIIT, ::ffff:0:a.b.c.d).
        return is_public_v4(embedded_v4(segments[6], segments[7]));
    }
    !(ip.is_unspecified()
        || ip.is_loopback()
        || ip.is_multicast()
        || (first & 0xfe00) == 0xfc00 // unique local
        || (first & 0xffc0) == 0xfe80 // link-local
        || (first & 0xffc0) == 0xfec0 // site-local (deprecated)
        || first == 0x2001 && segments[1] == 0x0db8 // documentation
        || first == 0x0064 && segments[1] == 0xff9b // NAT64, which can reach IPv4 private ranges
        || first == 0x2001 && segments[1] == 0 // Teredo, whose tunnels end at any IPv4 address
        || segments[..4] == [0x0100, 0, 0, 0] // discard-only
        || segments[..6] == [0, 0, 0, 0, 0, 0]) // IPv4-compatible (deprecated)
}

fn embedded_v4(high: u16, low: u16) -> Ipv4Addr {
    let [a, b] = high.to_be_bytes();
    let [c, d] = low.to_be_bytes();
    Ipv4Addr::new(a, b, c, d)
}

/// DNS resolution through the system resolver, keeping only the addresses the policy allows;
/// a name left with none fails with [`Refusal::Name`] and nothing is connected to.
#[derive(Debug, Clone)]
pub struct GuardedResolver {
    pub policy: Arc<AddressPolicy>,
}

impl Resolve for GuardedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let policy = self.policy.clone();
        let host = name.as_str().to_owned();
        Box::pin(async move {
            let found: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            let allowed: Vec<SocketAddr> =
                found.into_iter().filter(|a| policy.check_address(a.ip()).is_ok()).collect();
            if allowed.is_empty() {
                return Err(Box::new(Refusal::Name(host)) as Box<dyn std::error::Error + Send + Sync>);
            }
            Ok(Box::new(allowed.into_iter()) as Addrs)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().expect("address")
    }

    #[test]
    fn private_loopback_link_local_and_metadata_addresses_are_not_public() {
        for private in [
            "127.0.0.1",
            "127.8.9.10",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "0.1.2.3",
            "255.255.255.255",
            "224.0.0.1",
            "240.0.0.1",
            "192.0.2.5",
            "198.18.0.1",
            "::1",
            "::",
            "fc00::1",
            "fd12:3456::1",
            "fe80::1",
            "ff02::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "::ffff:169.254.169.254",
            "64:ff9b::a00:1",
            "::7f00:1",
            "2001:db8::1",
            "2002:7f00:1::1",      // 6to4 of 127.0.0.1
            "2002:a9fe:a9fe::",    // 6to4 of 169.254.169.254
            "2001:0:4136:e378::1", // Teredo
            "100::1",              // discard-only
            "::ffff:0:7f00:1",     // IPv4-translated 127.0.0.1
            "64:ff9b:1::a00:1",    // local-use NAT64
        ] {
            assert!(!is_public(ip(private)), "{private} is not public");
        }
        for public in [
            "93.184.216.34",
            "8.8.8.8",
            "1.1.1.1",
            "2606:4700:4700::1111",
            "::ffff:8.8.8.8",
            "2002:808:808::1", // 6to4 of 8.8.8.8
            "2001:4860:4860::8888",
        ] {
            assert!(is_public(ip(public)), "{public} is public");
        }
    }

    #[test]
    fn urls_are_checked_for_scheme_and_written_addresses() {
        let policy = AddressPolicy::default();
        let url = |s: &str| Url::parse(s).expect("url");
        assert_eq!(policy.check_url(&url("https://news.example/feed")), Ok(()));
        assert_eq!(policy.check_url(&url("http://127.0.0.1:8080/")), Err(Refusal::Address(ip("127.0.0.1"))));
        assert_eq!(policy.check_url(&url("http://[::1]/")), Err(Refusal::Address(ip("::1"))));
        assert_eq!(
            policy.check_url(&url("http://169.254.169.254/latest/meta-data/")),
            Err(Refusal::Address(ip("169.254.169.254")))
        );
        // Written as a decimal number, the URL parser still reads an IPv4 address.
        assert_eq!(policy.check_url(&url("http://2130706433/")), Err(Refusal::Address(ip("127.0.0.1"))));
        assert_eq!(policy.check_url(&url("file:///etc/passwd")), Err(Refusal::Scheme("file".into())));
        assert_eq!(policy.check_url(&url("ftp://news.example/")), Err(Refusal::Scheme("ftp".into())));
        let local = AddressPolicy { allow_private: true, allowed: vec![] };
        assert_eq!(local.check_url(&url("http://127.0.0.1:8080/")), Ok(()));
        assert!(local.check_url(&url("gopher://127.0.0.1/")).is_err(), "never another scheme");
        let one = AddressPolicy { allow_private: false, allowed: vec![ip("127.0.0.1")] };
        assert_eq!(one.check_url(&url("http://127.0.0.1:8080/")), Ok(()));
        assert_eq!(one.check_url(&url("http://127.0.0.2:8080/")), Err(Refusal::Address(ip("127.0.0.2"))));
    }
}
