//! `newsgraph ingest`: one round of polling the followed sources. Each due source is fetched
//! (conditionally, through the SSRF guard, unless the source or the whole process allows
//! private addresses); a feed's or sitemap's new entries are fetched in turn, robots.txt
//! permitting and one host at a time with a pause between requests, extracted and stored
//! exactly as imported pages are (entities, quotes, index, stories); an entry whose page cannot
//! be had is stored from the feed's own text. Each source's poll is recorded with when to poll
//! it next, so the next round (or `serve`'s poller) goes on from there.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use chrono::Utc;
use newsgraph_extract::{ExtractOptions, extract};
use newsgraph_feeds::{FeedEntry, Sitemap, TextFormat, parse_feed, parse_sitemap};
use newsgraph_fetch::robots::Robots;
use newsgraph_fetch::schedule::{PollSignals, ScheduleOptions, next_poll, usual_gap};
use newsgraph_fetch::{AddressPolicy, FetchError, FetchOptions, Fetched, Fetcher, Page, Validators};
use newsgraph_model::{Article, Source, SourceKind};
use newsgraph_store::{InsertOutcome, NewArticle, PollOutcome, Subscription, SubscriptionKind};
use rayon::prelude::*;
use serde::Serialize;

use crate::organize::Filer;
use crate::understand::{Readers, understand};
use crate::{Engine, PipelineError, Result};

#[derive(Debug, Clone)]
pub struct IngestOptions {
    pub fetch: FetchOptions,
    /// Every source may be fetched from private addresses (`NEWSGRAPH_ALLOW_PRIVATE=1`).
    pub allow_private: bool,
    /// New entries fetched per source and round, the newest first.
    pub entries_per_source: usize,
    /// The least time between two requests to one host.
    pub host_delay: Duration,
    /// Sources polled in one round.
    pub sources_per_round: u64,
    /// Poll every source, due or not (a manual refresh).
    pub all: bool,
    pub schedule: ScheduleOptions,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            fetch: FetchOptions::default(),
            allow_private: false,
            entries_per_source: 50,
            host_delay: Duration::from_secs(1),
            sources_per_round: 1_000,
            all: false,
            schedule: ScheduleOptions::default(),
        }
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct IngestSummary {
    pub sources: usize,
    pub not_modified: usize,
    pub failed: Vec<SourceFailure>,
    pub imported: u64,
    pub already_present: u64,
    /// Entries stored from the feed's text, their page not to be had (or not allowed).
    pub from_feed_text: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct SourceFailure {
    pub url: String,
    pub reason: String,
}

/// Polls every source due now, once.
pub fn ingest(engine: &Engine, options: &IngestOptions) -> Result<IngestSummary> {
    let readers = Readers::embedded()?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| PipelineError::Fetch(format!("cannot start the fetcher: {e}")))?;
    let fetchers = Fetchers::new(options)?;
    let mut round = Round {
        engine,
        options,
        readers: &readers,
        fetchers,
        runtime,
        hosts: HashMap::new(),
        filer: Filer::start(engine.store.as_ref())?,
        summary: IngestSummary::default(),
        unindexed: 0,
    };
    // What an interrupted round stored but did not index or file.
    round.catch_up()?;
    let due = match options.all {
        true => engine.store.subscriptions()?,
        false => engine.store.due_subscriptions(Utc::now(), options.sources_per_round)?,
    };
    for source in due {
        round.poll(&source)?;
        // Between sources, so that a failing index fails the round, not the source.
        if round.unindexed >= INDEX_EVERY {
            round.catch_up()?;
        }
    }
    round.catch_up()?;
    Ok(round.summary)
}

/// A guarded fetcher, and one that may reach private addresses (for sources that allow it).
struct Fetchers {
    guarded: Fetcher,
    open: Fetcher,
    everything_open: bool,
}

impl Fetchers {
    fn new(options: &IngestOptions) -> Result<Fetchers> {
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
    fn for_url(&self, source: &Subscription, url: &str) -> &Fetcher {
        let same_origin = match (url::Url::parse(&source.url), url::Url::parse(url)) {
            (Ok(a), Ok(b)) => a.origin() == b.origin(),
            _ => false,
        };
        if self.everything_open || (source.allow_private && same_origin) { &self.open } else { &self.guarded }
    }
}

/// What a round knows of each host: when it was last asked, and its robots.txt.
#[derive(Default)]
struct HostState {
    last_request: Option<Instant>,
    robots: Option<Robots>,
}

struct Round<'a> {
    engine: &'a Engine,
    options: &'a IngestOptions,
    readers: &'a Readers,
    fetchers: Fetchers,
    runtime: tokio::runtime::Runtime,
    hosts: HashMap<String, HostState>,
    filer: Filer,
    summary: IngestSummary,
    /// Articles stored since the index last caught up.
    unindexed: u64,
}

impl Round<'_> {
    fn poll(&mut self, source: &Subscription) -> Result<()> {
        self.summary.sources += 1;
        let validators =
            Validators { etag: source.etag.clone(), last_modified: source.last_modified.clone() };
        let polled_at = Utc::now();
        let fetched = self.get(source, &source.url, &validators);
        let mut signals = PollSignals { failures: source.failures, ..PollSignals::default() };
        let mut outcome = PollOutcome {
            polled_at,
            next_poll: polled_at,
            status: None,
            error: None,
            etag: None,
            last_modified: None,
            title: None,
            articles_found: 0,
        };
        match fetched {
            Ok(Fetched::NotModified) => {
                self.summary.not_modified += 1;
                outcome.status = Some(304);
                signals.failures = 0;
            }
            Ok(Fetched::Page(page)) => {
                outcome.status = Some(page.status);
                signals.max_age = page.max_age;
                match self.read_source(source, &page) {
                    Ok(read) => {
                        // Kept only once the body is read: a 304 next time must not hide
                        // entries this poll failed to store.
                        outcome.etag = page.validators.etag.clone();
                        outcome.last_modified = page.validators.last_modified.clone();
                        signals.failures = 0;
                        signals.ttl = read.ttl;
                        signals.entry_gap = read.entry_gap;
                        outcome.title = read.title;
                        outcome.articles_found = read.stored;
                    }
                    Err(reason) => {
                        signals.failures += 1;
                        outcome.error = Some(reason);
                    }
                }
            }
            Err(error) => {
                signals.failures += 1;
                if let FetchError::Status { status, retry_after } = &error {
                    outcome.status = Some(*status);
                    signals.retry_after = *retry_after;
                }
                outcome.error = Some(error.to_string());
            }
        }
        if let Some(reason) = &outcome.error {
            self.summary.failed.push(SourceFailure { url: source.url.clone(), reason: reason.clone() });
        }
        let wait = next_poll(&signals, &self.options.schedule, seed(&source.url));
        let wait = chrono::Duration::from_std(wait).unwrap_or(chrono::Duration::hours(24));
        // An unchanged feed says nothing new about its pace: keep the interval the last full
        // answer set (when it was a sound one).
        let wait = match (outcome.status, source.last_polled, source.next_poll) {
            (Some(304), Some(last), Some(next)) if next > last && source.failures == 0 => next - last,
            _ => wait,
        };
        outcome.next_poll =
            polled_at.checked_add_signed(wait).unwrap_or(polled_at + chrono::Duration::hours(24));
        self.engine.store.record_poll(source.id, &outcome)?;
        Ok(())
    }

    /// The entries of a fetched source stored; an unreadable feed or sitemap is an error.
    fn read_source(&mut self, source: &Subscription, page: &Page) -> std::result::Result<SourceRead, String> {
        let base = Some(page.url.as_str());
        match source.kind {
            SubscriptionKind::Feed => {
                let feed = parse_feed(&page.body, base).map_err(|e| format!("not a feed: {e}"))?;
                let times: Vec<i64> = feed
                    .entries
                    .iter()
                    .filter_map(|e| e.published.or(e.updated))
                    .map(|t| t.timestamp())
                    .collect();
                let stored = self.store_entries(source, &feed.entries).map_err(|e| e.to_string())?;
                Ok(SourceRead {
                    title: feed.title,
                    ttl: feed.ttl_minutes.map(|m| Duration::from_secs(u64::from(m) * 60)),
                    entry_gap: usual_gap(&times),
                    stored,
                })
            }
            SubscriptionKind::Sitemap => {
                let urls = match parse_sitemap(&page.body).map_err(|e| format!("not a sitemap: {e}"))? {
                    Sitemap::UrlSet(urls) => urls,
                    // A sitemap index is followed one level down, its newest sitemaps first.
                    Sitemap::Index(links) => self.index_urls(source, &links),
                };
                let entries: Vec<FeedEntry> = urls
                    .into_iter()
                    .map(|u| FeedEntry {
                        id: u.loc.clone(),
                        url: Some(u.loc),
                        title: u.news_title,
                        published: u.news_publication_date.or(u.lastmod).map(|t| t.to_utc()),
                        updated: None,
                        authors: Vec::new(),
                        summary: None,
                        content: None,
                        categories: Vec::new(),
                    })
                    .collect();
                let stored = self.store_entries(source, &entries).map_err(|e| e.to_string())?;
                Ok(SourceRead { stored, ..SourceRead::default() })
            }
            SubscriptionKind::Page => {
                let stored = match self.article_from(page) {
                    Some(article) => {
                        self.store(vec![(article, page.url.to_string())]).map_err(|e| e.to_string())?
                    }
                    None => 0,
                };
                Ok(SourceRead { stored, ..SourceRead::default() })
            }
        }
    }

    fn index_urls(
        &mut self,
        source: &Subscription,
        links: &[newsgraph_feeds::SitemapLink],
    ) -> Vec<newsgraph_feeds::SitemapUrl> {
        let mut links: Vec<&newsgraph_feeds::SitemapLink> = links.iter().collect();
        links.sort_by_key(|l| std::cmp::Reverse(l.lastmod));
        let mut urls = Vec::new();
        for link in links.into_iter().take(SITEMAPS_PER_INDEX) {
            if let Ok(Fetched::Page(page)) = self.get(source, &link.loc, &Validators::default())
                && let Ok(Sitemap::UrlSet(found)) = parse_sitemap(&page.body)
            {
                urls.extend(found);
            }
        }
        urls
    }

    /// Fetches and stores the entries not stored yet, the newest first, trying at most the
    /// round's limit of them; returns how many were stored.
    fn store_entries(&mut self, source: &Subscription, entries: &[FeedEntry]) -> Result<u64> {
        let mut entries: Vec<&FeedEntry> = entries.iter().filter(|e| e.url.is_some()).collect();
        entries.sort_by_key(|e| std::cmp::Reverse(e.published.or(e.updated)));
        let mut articles = Vec::new();
        // Entries tried, stored or not: a source whose pages all fail must not hold the round
        // for the length of its sitemap.
        let mut tried = 0;
        for entry in entries {
            if tried >= self.options.entries_per_source {
                break;
            }
            let Some(url) = entry.url.as_deref() else { continue };
            if self.engine.store.has_url(url)? {
                continue;
            }
            tried += 1;
            let page = match self.allowed_by_robots(source, url) {
                true => self.get(source, url, &Validators::default()).ok(),
                false => None,
            };
            let article = match page {
                Some(Fetched::Page(page)) => self.article_from(&page),
                _ => None,
            };
            let article = match article {
                Some(article) => Some(article),
                None => {
                    let from_text = from_feed_text(entry, url);
                    self.summary.from_feed_text += u64::from(from_text.is_some());
                    from_text
                }
            };
            if let Some(mut article) = article {
                if article.published.is_none() {
                    article.published = entry.published.or(entry.updated).map(|t| t.fixed_offset());
                }
                articles.push((article, url.to_owned()));
            }
        }
        self.store(articles)
    }

    /// An article extracted from a fetched page, if it holds one.
    fn article_from(&self, page: &Page) -> Option<Article> {
        let charset = page.content_type.as_deref().and_then(charset_of);
        let options = ExtractOptions { url: Some(page.url.to_string()), charset, title: None };
        let article = extract(&page.body, &options).ok()?;
        (!article.paragraphs.is_empty()).then_some(article)
    }

    /// Reads, stores, indexes and files articles (with the URL each came from); returns how
    /// many were new.
    fn store(&mut self, articles: Vec<(Article, String)>) -> Result<u64> {
        if articles.is_empty() {
            return Ok(0);
        }
        let now = Utc::now();
        // Read on all cores, as import reads its pages.
        let batch: Vec<NewArticle> = articles
            .into_par_iter()
            .map(|(article, url)| {
                let found = understand(self.readers, &article);
                NewArticle {
                    article,
                    source: Source { kind: SourceKind::Web, location: url },
                    fetched_at: Some(now),
                    imported_at: now,
                    entities: found.entities,
                    amounts: found.amounts,
                    times: found.times,
                    quotes: found.quotes,
                }
            })
            .collect();
        let mut stored = 0;
        for outcome in self.engine.store.insert_batch(&batch)? {
            match outcome {
                InsertOutcome::Inserted(_) => stored += 1,
                InsertOutcome::AlreadyPresent(_) => self.summary.already_present += 1,
            }
        }
        self.summary.imported += stored;
        self.unindexed += stored;
        Ok(stored)
    }

    /// Indexes and files what was stored since the last time.
    fn catch_up(&mut self) -> Result<()> {
        self.engine.catch_up_index()?;
        self.filer.catch_up(self.engine.store.as_ref())?;
        self.unindexed = 0;
        Ok(())
    }

    /// Whether robots.txt lets us fetch `url` (read once per host and round: a 4xx answer
    /// allows everything, an unreachable or 5xx one nothing, as RFC 9309 says).
    fn allowed_by_robots(&mut self, source: &Subscription, url: &str) -> bool {
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
    fn get(
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

/// Articles stored between two index commits (and filings): committing after every source
/// would spend more time committing than reading.
const INDEX_EVERY: u64 = 256;

/// Sitemaps of an index read in one round.
const SITEMAPS_PER_INDEX: usize = 5;

#[derive(Default)]
struct SourceRead {
    title: Option<String>,
    ttl: Option<Duration>,
    entry_gap: Option<Duration>,
    stored: u64,
}

/// An article made of a feed entry's own text (its content, else its summary), when it has any.
fn from_feed_text(entry: &FeedEntry, url: &str) -> Option<Article> {
    let text = entry.content.as_ref().or(entry.summary.as_ref())?;
    let body = match text.format {
        TextFormat::Html => text.text.clone(),
        TextFormat::Plain => format!("<p>{}</p>", escape(&text.text)),
    };
    let title = escape(entry.title.as_deref().unwrap_or(""));
    let page = format!(
        "<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{body}</article></body></html>"
    );
    let options = ExtractOptions {
        url: Some(url.to_owned()),
        charset: Some("utf-8".into()),
        title: entry.title.clone(),
    };
    let article = extract(page.as_bytes(), &options).ok()?;
    (!article.paragraphs.is_empty()).then_some(article)
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// `scheme://host:port` of a URL, which robots.txt and the pause between requests are per.
fn origin(url: &url::Url) -> String {
    url.origin().ascii_serialization()
}

fn charset_of(content_type: &str) -> Option<String> {
    content_type
        .split(';')
        .filter_map(|p| p.trim().split_once('='))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case("charset"))
        .map(|(_, v)| v.trim().trim_matches('"').to_owned())
}

/// A stable number from a URL, for the schedule's jitter.
fn seed(url: &str) -> u64 {
    url.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x1000_0000_01b3))
}
