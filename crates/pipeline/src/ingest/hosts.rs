//! Who is asked what, and how politely: the fetchers (guarded, or open for a source's own
//! origin when it allows private addresses), robots.txt once per host and round, and a pause
//! between two requests to one host.

use std::time::Instant;

use newsgraph_fetch::robots::Robots;
use newsgraph_fetch::{AddressPolicy, FetchError, FetchOptions, Fetched, Fetcher, Validators};
use newsgraph_store::Subscription;

use super::{IngestOptions, Round};
use crate::{PipelineError, Result};

/// A guarded fetcher, and one that may reach private addresses (for sources that allow it).
pub(super) struct Fetchers {
    guarded: Fetcher,
    open: Fetcher,
    everything_open: bool,
}

impl Fetchers {
    pub(super) fn new(options: &IngestOptions) -> Result<Fetchers> {
        let build = |policy: AddressPolicy| {
            Fetcher::new(FetchOptions { policy, ..options.fetch.clone() })
                .map_err(|e| PipelineError::Fetch(e.to_string()))
        };
        Ok(Fetchers {
            guarded: build(options.fetch.policy.clone())?,
            open: build(AddressPolicy { allow_private: true, allowed: Vec::new() })?,
            everything_open: options.allow_private,
        })
    }

    /// The fetcher for `url`, reached from `source`. A source allowed private addresses opens
    /// the guard for its own origin only: the links it carries are chosen by others.
    pub(super) fn for_url(&self, source: &Subscription, url: &str) -> &Fetcher {
        let same_origin = match (url::Url::parse(&source.url), url::Url::parse(url)) {
            (Ok(a), Ok(b)) => a.origin() == b.origin(),
            _ => false,
        };
        if self.everything_open || (source.allow_private && same_origin) { &self.open } else { &self.guarded }
    }
}

/// What a round knows of each host: when it was last asked, and its robots.txt.
#[derive(Default)]
pub(super) struct HostState {
    last_request: Option<Instant>,
    robots: Option<Robots>,
}

impl Round<'_> {
    /// Whether robots.txt lets us fetch `url` (read once per host and round: a 4xx answer
    /// allows everything, an unreachable or 5xx one nothing, as RFC 9309 says).
    pub(super) fn allowed_by_robots(&mut self, source: &Subscription, url: &str) -> bool {
        let Ok(parsed) = url::Url::parse(url) else { return false };
        let host = origin(&parsed);
        let known = self.hosts.get(&host).and_then(|h| h.robots.clone());
        let robots = match known {
            Some(robots) => robots,
            None => {
                let robots = match self.get(source, &format!("{host}/robots.txt"), &Validators::default()) {
                    Ok(Fetched::Page(page)) => {
                        Robots::parse(&String::from_utf8_lossy(&page.body), "newsgraph")
                    }
                    // 429 asks us to slow down: like a server error, it allows nothing yet.
                    Err(FetchError::Status { status, .. })
                        if (400..500).contains(&status) && status != 429 =>
                    {
                        Robots::allow_all()
                    }
                    _ => Robots::disallow_all(),
                };
                self.hosts.entry(host).or_default().robots = Some(robots.clone());
                robots
            }
        };
        let path = match parsed.query() {
            Some(query) => format!("{}?{query}", parsed.path()),
            None => parsed.path().to_owned(),
        };
        robots.allows(&path)
    }

    /// A GET through the source's fetcher, after the host's pause.
    pub(super) fn get(
        &mut self,
        source: &Subscription,
        url: &str,
        validators: &Validators,
    ) -> std::result::Result<Fetched, FetchError> {
        if let Ok(parsed) = url::Url::parse(url) {
            let host = self.hosts.entry(origin(&parsed)).or_default();
            if let Some(last) = host.last_request {
                let wait = self.options.host_delay.saturating_sub(last.elapsed());
                std::thread::sleep(wait);
            }
            host.last_request = Some(Instant::now());
        }
        let fetcher = self.fetchers.for_url(source, url);
        self.runtime.block_on(fetcher.get(url, validators))
    }
}

/// `scheme://host:port` of a URL, which robots.txt and the pause between requests are per.
pub(super) fn origin(url: &url::Url) -> String {
    url.origin().ascii_serialization()
}
