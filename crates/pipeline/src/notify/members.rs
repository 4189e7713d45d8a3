//! Which stories new articles put in a section, by its rule, and which stories it holds now
//! (what a webhook added now must not announce).
//!
//! - Latest holds every story: a story opened by a new article (its id, its first article's,
//!   is past the webhook's start) is new to it; an older story that grows was always there.
//! - Breaking holds the stories with articles in its last hours (of the newest article, as the
//!   section page counts them): a new article in that window puts its story there.
//! - A saved search holds the stories with an article it matches: a new article it matches
//!   puts its story there, unless the story, older than the webhook, already had one.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Duration, Utc};
use newsgraph_index::SearchQuery;
use newsgraph_model::{ArticleId, StoredArticle, StoryId};
use newsgraph_store::{SectionRule, Webhook};

use crate::{Engine, Result};

/// Most of Breaking's current stories a new webhook remembers: far more than a few hours hold.
const BREAKING_NOW: u64 = 100_000;

/// What a window of new articles says about a webhook's section.
pub(super) struct Found {
    /// Stories to announce, in the order their articles arrived.
    pub announce: Vec<StoryId>,
    /// Stories in the section before the webhook was added, found now: never to announce.
    pub seen: Vec<StoryId>,
}

/// The stories in the section among those of `articles` (each with its story in `stories`, in
/// the same order) that the webhook has not announced.
pub(super) fn new_in_section(
    engine: &Engine,
    webhook: &Webhook,
    rule: &SectionRule,
    articles: &[StoredArticle],
    stories: &[(ArticleId, StoryId)],
    now: DateTime<Utc>,
) -> Result<Found> {
    let mut seen = Vec::new();
    let candidates: Vec<StoryId> = match rule {
        SectionRule::Latest => stories.iter().map(|(_, s)| *s).filter(|s| s.0 > webhook.start.0).collect(),
        SectionRule::Breaking { hours } => {
            let Some(since) = breaking_since(engine, *hours, now)? else {
                return Ok(Found { announce: Vec::new(), seen });
            };
            let recent: HashSet<ArticleId> =
                articles.iter().filter(|a| time_of(a) >= since).map(|a| a.id).collect();
            stories.iter().filter(|(a, _)| recent.contains(a)).map(|(_, s)| *s).collect()
        }
        SectionRule::Query { text, entities } => {
            let query = search(text, entities);
            let ids: Vec<ArticleId> = stories.iter().map(|(a, _)| *a).collect();
            let matched: HashSet<ArticleId> =
                engine.index.matching_among(&query, &ids)?.into_iter().collect();
            let mut candidates = Vec::new();
            let mut older = HashMap::new();
            for (article, story) in stories {
                if !matched.contains(article) {
                    continue;
                }
                let was_in = match older.get(story) {
                    Some(was_in) => *was_in,
                    None if story.0 <= webhook.start.0 => {
                        let was_in = matched_before(engine, &query, *story, webhook.start)?;
                        *older.entry(*story).or_insert(was_in)
                    }
                    None => false,
                };
                match was_in {
                    true => seen.push(*story),
                    false => candidates.push(*story),
                }
            }
            candidates
        }
    };
    let candidates = unique(candidates);
    let known: HashSet<StoryId> = engine.store.known_stories(webhook.id, &candidates)?.into_iter().collect();
    let announce = candidates.into_iter().filter(|s| !known.contains(s)).collect();
    Ok(Found { announce, seen: unique(seen) })
}

/// The stories a section holds now that a webhook added now must not announce when they grow:
/// Breaking's (they are breaking already). Latest and saved searches need none: whether a
/// story was in them is told from its articles older than the webhook (see the module).
pub(super) fn in_section_now(
    engine: &Engine,
    rule: &SectionRule,
    now: DateTime<Utc>,
) -> Result<Vec<StoryId>> {
    let SectionRule::Breaking { hours } = rule else { return Ok(Vec::new()) };
    let Some(since) = breaking_since(engine, *hours, now)? else { return Ok(Vec::new()) };
    let stories = engine.store.stories_since(since, BREAKING_NOW)?;
    Ok(stories.into_iter().map(|(digest, _)| digest.id).collect())
}

/// Where Breaking's window starts: its hours before the newest article (not the clock, as the
/// section page counts); `None` for an empty store.
fn breaking_since(engine: &Engine, hours: u32, now: DateTime<Utc>) -> Result<Option<DateTime<Utc>>> {
    let newest = engine.store.newest_article_time(now)?;
    Ok(newest.map(|newest| newest - Duration::hours(i64::from(hours))))
}

/// An article's time as stories count it: publication, else import.
fn time_of(article: &StoredArticle) -> DateTime<Utc> {
    article.article.published.map_or(article.imported_at, |p| p.to_utc())
}

fn search(text: &str, entities: &[newsgraph_model::EntityId]) -> SearchQuery {
    SearchQuery { text: text.to_owned(), all_entities: entities.to_vec(), ..SearchQuery::default() }
}

/// Whether the search matched one of the story's articles up to `start`: the story was in the
/// section when the webhook was added.
fn matched_before(engine: &Engine, query: &SearchQuery, story: StoryId, start: ArticleId) -> Result<bool> {
    let older: Vec<ArticleId> = engine
        .store
        .story_articles(story)?
        .into_iter()
        .map(|f| f.article.id)
        .filter(|id| *id <= start)
        .collect();
    Ok(!engine.index.matching_among(query, &older)?.is_empty())
}

/// Each story once, where it first came.
fn unique(stories: Vec<StoryId>) -> Vec<StoryId> {
    let mut once = HashSet::new();
    stories.into_iter().filter(|s| once.insert(*s)).collect()
}
