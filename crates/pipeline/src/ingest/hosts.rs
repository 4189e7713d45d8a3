//! Who is asked what, and how politely: the fetchers (guarded, or open for a source's own
//! origin when it allows private addresses), robots.txt once per host and round, and one
//! request at a time per host with a pause between, whichever worker asks.

use std::sync::{Arc, Mutex};
use std::time::Instant;

use newsgraph_fetch::robots::Robots;
use newsgraph_fetch::{AddressPolicy, FetchError, FetchOptions, Fetched, Fetcher, Validators};
use newsgraph_store::Subscription;

use super::{IngestOptions, Round, lock};
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

/// What a round knows of one host.
#[derive(Default)]
pub(super) struct Host {
    /// When it was last asked. Held for the whole of each request: one at a time per host.
    turn: Mutex<Option<Instant>>,
    /// Its robots.txt once read. Held while it is read, so that it is read once.
    robots: Mutex<Option<Robots>>,
}

impl Round<'_> {
    fn host(&self, origin: &str) -> Arc<Host> {
        lock(&self.hosts).entry(origin.to_owned()).or_default().clone()
    }

    /// Whether robots.txt lets us fetch `url` (read once per host and round: a 4xx answer
    /// allows everything, an unreachable or 5xx one nothing, as RFC 9309 says).
    pub(super) fn allowed_by_robots(&self, source: &Subscription, url: &str) -> bool {
        let Ok(parsed) = url::Url::parse(url) else { return false };
        let origin = origin(&parsed);
        let host = self.host(&origin);
        let mut robots = lock(&host.robots);
        let robots = robots.get_or_insert_with(|| self.read_robots(source, &origin));
        let path = match parsed.query() {
            Some(query) => format!("{}?{query}", parsed.path()),
            None => parsed.path().to_owned(),
        };
        robots.allows(&path)
    }

    fn read_robots(&self, source: &Subscription, origin: &str) -> Robots {
        match self.get(source, &format!("{origin}/robots.txt"), &Validators::default()) {
            Ok(Fetched::Page(page)) => Robots::parse(&String::from_utf8_lossy(&page.body), "newsgraph"),
            // 429 asks us to slow down: like a server error, it allows nothing yet.
            Err(FetchError::Status { status, .. }) if (400..500).contains(&status) && status != 429 => {
                Robots::allow_all()
            }
            _ => Robots::disallow_all(),
        }
    }

    /// A GET through the source's fetcher, in the host's turn and after its pause.
    pub(super) fn get(
        &self,
        source: &Subscription,
        url: &str,
        validators: &Validators,
    ) -> std::result::Result<Fetched, FetchError> {
        let host = url::Url::parse(url).ok().map(|parsed| self.host(&origin(&parsed)));
        let _turn = host.as_ref().map(|host| {
            let mut last = lock(&host.turn);
            if let Some(last) = *last {
                std::thread::sleep(self.options.host_delay.saturating_sub(last.elapsed()));
            }
            *last = Some(Instant::now());
            last
        });
        let fetcher = self.fetchers.for_url(source, url);
        self.runtime.block_on(fetcher.get(url, validators))
    }
}

/// `scheme://host:port` of a URL, which robots.txt and the pause between requests are per.
pub(super) fn origin(url: &url::Url) -> String {
    url.origin().ascii_serialization()
}
