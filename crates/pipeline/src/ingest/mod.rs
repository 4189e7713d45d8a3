//! `newsgraph ingest`: one round of polling the followed sources. Each due source is fetched
//! (conditionally, through the SSRF guard, unless the source or the whole process allows
//! private addresses); a feed's or sitemap's new entries are fetched in turn, robots.txt
//! permitting and one request at a time per host with a pause between, extracted and stored
//! exactly as imported pages are (entities, quotes, index, stories); an entry whose page cannot
//! be had is stored from the feed's own text. Several sources are polled at once
//! ([`IngestOptions::concurrency`]). Each source's poll is recorded with when to poll it next,
//! so the next round (or `serve`'s poller) goes on from there.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use chrono::Utc;
use newsgraph_fetch::schedule::{PollSignals, ScheduleOptions, next_poll};
use newsgraph_fetch::{FetchError, FetchOptions, Fetched, Validators};
use newsgraph_model::{Article, ArticleId, Source, SourceKind};
use newsgraph_store::{InsertOutcome, NewArticle, PollOutcome, Revised, Subscription};
use rayon::prelude::*;
use serde::Serialize;

mod entries;
mod hosts;
mod pages;

use hosts::{Asker, Fetchers, Host};

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
    /// Sources polled at once (each host is still asked one request at a time).
    pub concurrency: usize,
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
            concurrency: 4,
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
    /// Stored articles whose page changed: stored as their new version.
    pub revised: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct SourceFailure {
    pub url: String,
    pub reason: String,
}

/// Polls every source due now, once.
pub fn ingest(engine: &Engine, options: &IngestOptions) -> Result<IngestSummary> {
    ingest_with(engine, options, &Readers::embedded()?)
}

/// [`ingest`] with readers loaded before, for a caller that polls again and again (`serve`).
pub fn ingest_with(engine: &Engine, options: &IngestOptions, readers: &Readers) -> Result<IngestSummary> {
    let round = Round::start(engine, options, readers)?;
    let due = match options.all {
        true => engine.store.subscriptions()?,
        false => engine.store.due_subscriptions(Utc::now(), options.sources_per_round)?,
    };
    round.run(&due, |source| round.poll(source))?;
    round.finish()
}

/// Fetches pages once, now (`newsgraph fetch`), as a round fetches a feed's entries: through
/// the guard (private addresses only when [`IngestOptions::allow_private`] says so), robots.txt
/// permitting, one request at a time per host, stored and organised as imported pages are. A
/// page stored already is stored as its new version if it changed. Each page counts as a
/// source in the summary; a page that cannot be had, or holds no article, is a failure.
pub fn fetch_pages(engine: &Engine, options: &IngestOptions, urls: &[String]) -> Result<IngestSummary> {
    let readers = Readers::embedded()?;
    let round = Round::start(engine, options, &readers)?;
    round.run(urls, |url| round.fetch_page(url))?;
    round.finish()
}

/// One round's state, shared by its workers.
struct Round<'a> {
    engine: &'a Engine,
    options: &'a IngestOptions,
    readers: &'a Readers,
    fetchers: Fetchers,
    runtime: tokio::runtime::Runtime,
    hosts: Mutex<HashMap<String, Arc<Host>>>,
    /// Also what makes catching up one worker's job at a time.
    filer: Mutex<Filer>,
    summary: Mutex<IngestSummary>,
    /// Articles stored (or revised) since the index last caught up.
    unindexed: AtomicU64,
}

impl<'a> Round<'a> {
    fn start(engine: &'a Engine, options: &'a IngestOptions, readers: &'a Readers) -> Result<Round<'a>> {
        // Each worker blocks on its own requests; the runtime's thread drives their sockets.
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .map_err(|e| PipelineError::Fetch(format!("cannot start the fetcher: {e}")))?;
        let round = Round {
            engine,
            options,
            readers,
            fetchers: Fetchers::new(options)?,
            runtime,
            hosts: Mutex::default(),
            filer: Mutex::new(Filer::start(engine.store.as_ref())?),
            summary: Mutex::default(),
            unindexed: AtomicU64::new(0),
        };
        // What an interrupted round stored but did not index or file.
        round.catch_up()?;
        Ok(round)
    }

    /// Works through `items` with [`IngestOptions::concurrency`] workers, catching the index
    /// up between items now and then. A failure (of the store or the index: what cannot be
    /// had from the web is recorded, not returned) stops every worker.
    fn run<T: Sync>(&self, items: &[T], work: impl Fn(&T) -> Result<()> + Sync) -> Result<()> {
        let next = AtomicUsize::new(0);
        let stop = AtomicBool::new(false);
        let worker = || -> Result<()> {
            while !stop.load(Ordering::Relaxed) {
                let Some(item) = items.get(next.fetch_add(1, Ordering::Relaxed)) else { break };
                let done = work(item).and_then(|()| {
                    // Between items, so that a failing index fails the round, not the item.
                    match self.unindexed.load(Ordering::Relaxed) >= INDEX_EVERY {
                        true => self.catch_up(),
                        false => Ok(()),
                    }
                });
                if done.is_err() {
                    stop.store(true, Ordering::Relaxed);
                    return done;
                }
            }
            Ok(())
        };
        let workers = self.options.concurrency.clamp(1, items.len().max(1));
        let outcomes: Vec<Result<()>> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..workers).map(|_| scope.spawn(worker)).collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
                .collect()
        });
        outcomes.into_iter().collect()
    }

    /// The round's summary, once what it stored is indexed and filed.
    fn finish(self) -> Result<IngestSummary> {
        self.catch_up()?;
        let mut summary = self.summary.into_inner().unwrap_or_else(|poisoned| poisoned.into_inner());
        summary.failed.sort_by(|a, b| a.url.cmp(&b.url));
        Ok(summary)
    }

    fn poll(&self, source: &Subscription) -> Result<()> {
        self.tally(|s| s.sources += 1);
        let validators =
            Validators { etag: source.etag.clone(), last_modified: source.last_modified.clone() };
        let polled_at = Utc::now();
        let fetched = self.get(Asker::Source(source), &source.url, &validators);
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
                self.tally(|s| s.not_modified += 1);
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
            let failure = SourceFailure { url: source.url.clone(), reason: reason.clone() };
            self.tally(|s| s.failed.push(failure));
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

    /// Reads and stores articles, new ones and new versions of stored ones (indexed and filed
    /// at the next catch-up); returns how many were new.
    fn store(&self, found: Vec<Found>) -> Result<u64> {
        if found.is_empty() {
            return Ok(0);
        }
        let now = Utc::now();
        // Read on all cores, as import reads its pages.
        let read: Vec<(NewArticle, Option<ArticleId>)> = found
            .into_par_iter()
            .map(|Found { article, url, revises }| {
                let understood = understand(self.readers, &article);
                let new = NewArticle {
                    article,
                    source: Source { kind: SourceKind::Web, location: url },
                    fetched_at: Some(now),
                    imported_at: now,
                    entities: understood.entities,
                    amounts: understood.amounts,
                    times: understood.times,
                    quotes: understood.quotes,
                };
                (new, revises)
            })
            .collect();
        let (revisions, batch): (Vec<_>, Vec<_>) =
            read.into_iter().partition(|(_, revises)| revises.is_some());
        let batch: Vec<NewArticle> = batch.into_iter().map(|(new, _)| new).collect();
        let (mut stored, mut present, mut revised) = (0, 0, 0);
        for outcome in self.engine.store.insert_batch(&batch)? {
            match outcome {
                InsertOutcome::Inserted(_) => stored += 1,
                InsertOutcome::AlreadyPresent(_) => present += 1,
            }
        }
        for (new, id) in revisions {
            let Some(id) = id else { continue };
            match self.engine.store.revise(id, &new)? {
                Revised::Revised { .. } => {
                    revised += 1;
                    crate::organize::rewrite_digest_of(self.engine.store.as_ref(), id)?;
                }
                Revised::Unchanged => {}
                Revised::SameAs(_) => present += 1,
            }
        }
        self.tally(|s| {
            s.imported += stored;
            s.already_present += present;
            s.revised += revised;
        });
        self.unindexed.fetch_add(stored + revised, Ordering::Relaxed);
        Ok(stored)
    }

    /// Indexes and files what was stored since the last time.
    fn catch_up(&self) -> Result<()> {
        let mut filer = lock(&self.filer);
        self.unindexed.store(0, Ordering::Relaxed);
        self.engine.catch_up_index()?;
        filer.catch_up(self.engine.store.as_ref())?;
        Ok(())
    }

    /// Counts something in the round's summary.
    fn tally(&self, count: impl FnOnce(&mut IngestSummary)) {
        count(&mut lock(&self.summary));
    }
}

/// A lock that a panicking worker left poisoned is still sound: each holder leaves the data
/// whole between statements.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// An article read from a fetched page (or a feed's text), the URL it was fetched from, and
/// the stored article it is a newer version of, if any.
struct Found {
    article: Article,
    url: String,
    revises: Option<ArticleId>,
}

/// Articles stored between two index commits (and filings): committing after every source
/// would spend more time committing than reading.
const INDEX_EVERY: u64 = 256;

/// A stable number from a URL, for the schedule's jitter.
fn seed(url: &str) -> u64 {
    url.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x1000_0000_01b3))
}
