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

    /// The fetcher for `url`, asked for by `asker`. A source allowed private addresses opens
    /// the guard for its own origin only: the links it carries are chosen by others.
    pub(super) fn for_url(&self, asker: Asker<'_>, url: &str) -> &Fetcher {
        let source_opens = match asker {
            Asker::Source(source) if source.allow_private => {
                match (url::Url::parse(&source.url), url::Url::parse(url)) {
                    (Ok(a), Ok(b)) => a.origin() == b.origin(),
                    _ => false,
                }
            }
            _ => false,
        };
        if self.everything_open || source_opens { &self.open } else { &self.guarded }
    }
}

/// On whose behalf a URL is fetched: a followed source (its feed, or a link it carries), or the
/// user, asking for a page by its URL.
#[derive(Clone, Copy)]
pub(super) enum Asker<'a> {
    Source(&'a Subscription),
    User,
}

/// What a round knows of one host.
#[derive(Default)]
pub(super) struct Host {
    /// When it was last asked. Held for the whole of each request: one at a time per host.
    turn: Mutex<Option<Instant>>,
    /// Its robots.txt once read. Held while it is read, so that it is read once.
    robots: Mutex<Option<RobotsTxt>>,
}

/// A host's robots.txt as read, or why it could not be read (which allows nothing).
enum RobotsTxt {
    Read(Robots),
    Unreadable(String),
}

impl Round<'_> {
    fn host(&self, origin: &str) -> Arc<Host> {
        lock(&self.hosts).entry(origin.to_owned()).or_default().clone()
    }

    /// Whether robots.txt lets us fetch `url`, and if not, why (read once per host and round:
    /// a 4xx answer allows everything, an unreachable or 5xx one nothing, as RFC 9309 says).
    pub(super) fn allowed_by_robots(&self, asker: Asker<'_>, url: &str) -> std::result::Result<(), String> {
        let parsed = url::Url::parse(url).map_err(|e| format!("not a URL: {e}"))?;
        let origin = origin(&parsed);
        let host = self.host(&origin);
        let mut robots = lock(&host.robots);
        let robots = robots.get_or_insert_with(|| self.read_robots(asker, &origin));
        let robots = match robots {
            RobotsTxt::Read(robots) => robots,
            RobotsTxt::Unreadable(why) => return Err(format!("robots.txt could not be read: {why}")),
        };
        let path = match parsed.query() {
            Some(query) => format!("{}?{query}", parsed.path()),
            None => parsed.path().to_owned(),
        };
        match robots.allows(&path) {
            true => Ok(()),
            false => Err("robots.txt does not allow it".into()),
        }
    }

    fn read_robots(&self, asker: Asker<'_>, origin: &str) -> RobotsTxt {
        match self.get(asker, &format!("{origin}/robots.txt"), &Validators::default()) {
            Ok(Fetched::Page(page)) => {
                RobotsTxt::Read(Robots::parse(&String::from_utf8_lossy(&page.body), "newsgraph"))
            }
            // 429 asks us to slow down: like a server error, it allows nothing yet.
            Err(FetchError::Status { status, .. }) if (400..500).contains(&status) && status != 429 => {
                RobotsTxt::Read(Robots::allow_all())
            }
            Err(error) => RobotsTxt::Unreadable(error.to_string()),
            Ok(Fetched::NotModified) => RobotsTxt::Unreadable("304 Not Modified to a plain GET".into()),
        }
    }

    /// A GET through the asker's fetcher, in the host's turn and after its pause.
    pub(super) fn get(
        &self,
        asker: Asker<'_>,
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
        let fetcher = self.fetchers.for_url(asker, url);
        self.runtime.block_on(fetcher.get(url, validators))
    }
}

/// `scheme://host:port` of a URL, which robots.txt and the pause between requests are per.
pub(super) fn origin(url: &url::Url) -> String {
    url.origin().ascii_serialization()
}
