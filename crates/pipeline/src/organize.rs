//! Filing stored articles in stories: the cluster crate's [`Organizer`] decides, the store
//! keeps each article's filing and each story's digest.
//!
//! [`Filer::start`] takes back the most recently filed articles (at most [`RESTORED`], so
//! start-up does not grow with the archive), then [`Filer::catch_up`] files every unfiled
//! article in id order (arrival order; in publication order within each batch read) and
//! writes the digest of each story it touched.

use std::collections::BTreeSet;

use newsgraph_cluster::{ArticleInput, Filing as Filed, Organizer, OrganizerOptions, headline, summary};
use newsgraph_model::{ArticleId, StoredArticle, StoryId};
use newsgraph_store::{FiledArticle, Filing, Store, StoryDigest};

use crate::{Engine, Result};

/// Filed articles taken back at start-up: weeks of a busy feed, well past the time window in
/// which the organizer still joins an article to a story.
pub const RESTORED: u64 = 20_000;
/// Unfiled articles read from the store at a time.
const BATCH: u64 = 256;
/// Sentences in a story's summary.
const SUMMARY_SENTENCES: usize = 3;
/// A story's latest articles read for its headline and summary.
const DIGEST_ARTICLES: u64 = 64;

/// What one catch-up did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Organized {
    /// Articles filed.
    pub filed: usize,
    /// Of those, copies of an article filed before.
    pub copies: usize,
    /// Stories whose digest was written (new or grown).
    pub stories: usize,
}

/// An organizer that knows what the store has filed.
pub struct Filer {
    organizer: Organizer,
}

impl Filer {
    /// An organizer holding the [`RESTORED`] most recently filed articles.
    pub fn start(store: &dyn Store) -> Result<Filer> {
        let mut organizer = Organizer::new(OrganizerOptions::default());
        let recent = store.recent_filed(RESTORED)?;
        let ids: Vec<ArticleId> = recent.iter().map(|f| f.article.id).collect();
        let mut keys = store.entity_keys(&ids)?.into_iter().peekable();
        for FiledArticle { article, filing } in &recent {
            let entities = match keys.next_if(|(id, _)| *id == article.id) {
                Some((_, keys)) => keys,
                None => Vec::new(),
            };
            let text = article.article.text();
            organizer.restore(key(article.id), &input(article, &text, &entities), &filed(filing));
        }
        Ok(Filer { organizer })
    }

    /// Files every unfiled article, oldest id first (by publication within each batch read),
    /// and rewrites the digest of each story that gained articles.
    pub fn catch_up(&mut self, store: &dyn Store) -> Result<Organized> {
        let mut done = Organized::default();
        let mut touched = BTreeSet::new();
        let mut after = ArticleId(0);
        loop {
            let mut batch = store.unfiled_articles(after, BATCH)?;
            let Some(last) = batch.last() else { break };
            after = last.id;
            // Within a batch, in publication order (undated last): a corpus listed newest
            // first then still opens its stories with their first articles.
            batch.sort_by_key(|a| (a.article.published.is_none(), a.article.published, a.id));
            let ids: Vec<ArticleId> = batch.iter().map(|a| a.id).collect();
            let mut keys = store.entity_keys(&ids)?.into_iter().peekable();
            let mut filings = Vec::with_capacity(batch.len());
            for article in &batch {
                let entities = match keys.next_if(|(id, _)| *id == article.id) {
                    Some((_, keys)) => keys,
                    None => Vec::new(),
                };
                let text = article.article.text();
                let filing = self.organizer.file(key(article.id), &input(article, &text, &entities));
                let filing = stored(&filing);
                done.copies += usize::from(filing.duplicate_of.is_some());
                touched.insert(filing.story);
                filings.push((article.id, filing));
            }
            // Saved batch by batch: a crash loses at most this batch's filings, and the next
            // run files those articles again (the organizer gives a filed key its filing back).
            store.save_filings(&filings)?;
            done.filed += filings.len();
        }
        for story in touched {
            write_digest(store, story)?;
            done.stories += 1;
        }
        Ok(done)
    }
}

/// Files whatever the engine's store has not filed yet, with a fresh organizer.
pub fn organize(engine: &Engine) -> Result<Organized> {
    Filer::start(engine.store.as_ref())?.catch_up(engine.store.as_ref())
}

/// Rewrites the digest of the story an article is filed in (when it is filed): for an article
/// that took a new version, whose title or text the digest may quote.
pub(crate) fn rewrite_digest_of(store: &dyn Store, article: ArticleId) -> Result<()> {
    match store.filing(article)? {
        Some(filing) => write_digest(store, filing.story),
        None => Ok(()),
    }
}

/// Names the story and sums it up from its latest canonical articles (copies add nothing new
/// to read; the latest [`DIGEST_ARTICLES`] keep the work per batch bounded however large the
/// story grows), and counts all of its articles and outlets.
fn write_digest(store: &dyn Store, story: StoryId) -> Result<()> {
    let Some(tally) = store.story_tally(story)? else { return Ok(()) };
    let latest = store.story_latest(story, DIGEST_ARTICLES)?;
    let texts: Vec<String> = latest.iter().map(|a| a.article.text()).collect();
    let inputs: Vec<ArticleInput<'_>> =
        latest.iter().zip(&texts).map(|(a, text)| input(a, text, &[])).collect();
    let chosen = headline(&inputs).and_then(|i| latest.get(i)).or(latest.first());
    store.replace_story(&StoryDigest {
        id: story,
        headline: chosen.map(|a| a.article.title.trim().to_owned()).unwrap_or_default(),
        headline_article: chosen.map(|a| a.id),
        summary: summary(&inputs, SUMMARY_SENTENCES),
        first_seen: tally.first_seen,
        last_seen: tally.last_seen,
        articles: tally.articles,
        outlets: tally.outlets,
    })?;
    Ok(())
}

fn input<'a>(article: &'a StoredArticle, text: &'a str, entities: &'a [String]) -> ArticleInput<'a> {
    ArticleInput {
        title: &article.article.title,
        text,
        published: article.article.published.map(|p| p.timestamp()),
        entities,
    }
}

/// The organizer's key for an article: store ids are positive.
fn key(id: ArticleId) -> u64 {
    id.0.unsigned_abs()
}

fn article_id(key: u64) -> ArticleId {
    ArticleId(i64::try_from(key).unwrap_or(i64::MAX))
}

fn stored(filing: &Filed) -> Filing {
    Filing {
        story: StoryId(article_id(filing.story).0),
        duplicate_of: filing.duplicate_of.map(article_id),
        rewrite_of: filing.rewrite_of.map(article_id),
    }
}

fn filed(filing: &Filing) -> Filed {
    Filed {
        story: key(ArticleId(filing.story.0)),
        duplicate_of: filing.duplicate_of.map(key),
        rewrite_of: filing.rewrite_of.map(key),
    }
}
