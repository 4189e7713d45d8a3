//! What a fetched source holds: a feed's or a sitemap's entries (each fetched in turn, or
//! taken from the feed's own text) or the page itself, made into articles.

use chrono::{DateTime, Utc};
use newsgraph_extract::{ExtractOptions, extract};
use newsgraph_feeds::{FeedEntry, Sitemap, TextFormat, parse_feed, parse_sitemap};
use newsgraph_fetch::schedule::usual_gap;
use newsgraph_fetch::{Fetched, Page, Validators};
use newsgraph_model::Article;
use newsgraph_store::{Subscription, SubscriptionKind};
use std::time::Duration;

use super::hosts::Asker;
use super::{Found, Round};
use crate::Result;
use crate::import::http::charset;

impl Round<'_> {
    /// The entries of a fetched source stored; an unreadable feed or sitemap is an error.
    pub(super) fn read_source(
        &self,
        source: &Subscription,
        page: &Page,
    ) -> std::result::Result<SourceRead, String> {
        let base = Some(page.url.as_str());
        let charset = page.content_type.as_deref().and_then(charset);
        match source.kind {
            SubscriptionKind::Feed => {
                let feed = parse_feed(&page.body, base, charset.as_deref())
                    .map_err(|e| format!("not a feed: {e}"))?;
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
                let urls = match parse_sitemap(&page.body, charset.as_deref())
                    .map_err(|e| format!("not a sitemap: {e}"))?
                {
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
                        published: u.news_publication_date.map(|t| t.to_utc()),
                        // When the page last changed: whether one stored already is due again.
                        updated: u.lastmod.map(|t| t.to_utc()),
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
                // Fetched again only when it changed (or the server cannot tell): then it is a
                // new version of the article stored from it.
                let revises = self.engine.store.known_url(&source.url).map_err(|e| e.to_string())?;
                let stored = match self.article_from(page) {
                    Some(article) => {
                        let found =
                            Found { article, url: source.url.clone(), revises: revises.map(|k| k.id) };
                        self.store(vec![found]).map_err(|e| e.to_string())?
                    }
                    None => 0,
                };
                Ok(SourceRead { stored, ..SourceRead::default() })
            }
        }
    }

    fn index_urls(
        &self,
        source: &Subscription,
        links: &[newsgraph_feeds::SitemapLink],
    ) -> Vec<newsgraph_feeds::SitemapUrl> {
        let mut links: Vec<&newsgraph_feeds::SitemapLink> = links.iter().collect();
        links.sort_by_key(|l| std::cmp::Reverse(l.lastmod));
        let mut urls = Vec::new();
        for link in links.into_iter().take(SITEMAPS_PER_INDEX) {
            if let Ok(Fetched::Page(page)) =
                self.get(Asker::Source(source), &link.loc, &Validators::default())
                && let Ok(Sitemap::UrlSet(found)) =
                    parse_sitemap(&page.body, page.content_type.as_deref().and_then(charset).as_deref())
            {
                urls.extend(found);
            }
        }
        urls
    }

    /// Fetches and stores the entries not stored yet, and those stored that changed since
    /// (a newer version of their article), the newest first, trying at most the round's limit
    /// of them; returns how many new articles were stored.
    fn store_entries(&self, source: &Subscription, entries: &[FeedEntry]) -> Result<u64> {
        let mut entries: Vec<&FeedEntry> = entries.iter().filter(|e| e.url.is_some()).collect();
        entries.sort_by_key(|e| std::cmp::Reverse(e.published.or(e.updated)));
        let now = Utc::now();
        let mut found = Vec::new();
        // Entries tried, stored or not: a source whose pages all fail must not hold the round
        // for the length of its sitemap.
        let mut tried = 0;
        for entry in entries {
            if tried >= self.options.entries_per_source {
                break;
            }
            let Some(url) = entry.url.as_deref() else { continue };
            let known = self.engine.store.known_url(url)?;
            if let Some(known) = known
                && !changed_since(entry, known.fetched_at, now)
            {
                continue;
            }
            tried += 1;
            let asker = Asker::Source(source);
            let page = match self.allowed_by_robots(asker, url) {
                Ok(()) => self.get(asker, url, &Validators::default()).ok(),
                Err(_) => None,
            };
            let article = match page {
                Some(Fetched::Page(page)) => self.article_from(&page),
                _ => None,
            };
            let article = match (article, known) {
                (Some(article), _) => Some(article),
                // A new version is read from its page only: the feed's text of a stored
                // article says less than the page it was stored from.
                (None, Some(_)) => None,
                (None, None) => {
                    let from_text = from_feed_text(entry, url);
                    self.tally(|s| s.from_feed_text += u64::from(from_text.is_some()));
                    from_text
                }
            };
            if let Some(mut article) = article {
                if article.published.is_none() {
                    article.published = entry.published.or(entry.updated).map(|t| t.fixed_offset());
                }
                found.push(Found { article, url: url.to_owned(), revises: known.map(|k| k.id) });
            }
        }
        self.store(found)
    }

    /// An article extracted from a fetched page, if it holds one.
    pub(super) fn article_from(&self, page: &Page) -> Option<Article> {
        let charset = page.content_type.as_deref().and_then(charset);
        let options = ExtractOptions { url: Some(page.url.to_string()), charset, title: None };
        let article = extract(&page.body, &options).ok()?;
        (!article.paragraphs.is_empty()).then_some(article)
    }
}

/// Sitemaps of an index read in one round.
const SITEMAPS_PER_INDEX: usize = 5;

#[derive(Default)]
/// What reading a source gave: its title, its pace, and the articles stored.
pub(super) struct SourceRead {
    pub(super) title: Option<String>,
    pub(super) ttl: Option<Duration>,
    pub(super) entry_gap: Option<Duration>,
    pub(super) stored: u64,
}

/// Whether a stored entry, fetched at `fetched_at`, changed since: the feed dates it (its
/// update, else its publication) later than that, and not in the future, which would have it
/// fetched at every poll. An article imported from a file was never fetched: it stays.
fn changed_since(entry: &FeedEntry, fetched_at: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    match (entry.updated.or(entry.published), fetched_at) {
        (Some(changed), Some(fetched)) => changed > fetched && changed <= now,
        _ => false,
    }
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
