//! Which stories a section holds, by its rule ([`SectionRule`]): every story (Latest), the
//! stories that gained the most articles in the last hours (Breaking), or the stories of the
//! articles a saved search matches.

use std::collections::HashSet;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use newsgraph_index::{MAX_IDS, SearchIndex, SearchQuery};
use newsgraph_model::StoryId;
use newsgraph_store::{Page, SectionRule, Store, StoryDigest};

use crate::backend::BackendError;

/// The best-matching articles whose stories a saved search's section holds: deep enough to
/// fill many pages, shallow enough for a page to be drawn in milliseconds.
pub const MATCHED_ARTICLES: usize = 500;

/// One page of a section's stories, with how many it holds in all; for Breaking, each
/// story's articles in the window.
pub struct SectionStories {
    pub total: u64,
    pub stories: Vec<(StoryDigest, Option<u64>)>,
}

/// The section's stories on `page`, as of `now`.
pub fn stories(
    store: &dyn Store,
    index: &SearchIndex,
    rule: &SectionRule,
    page: Page,
    now: DateTime<Utc>,
) -> Result<SectionStories, BackendError> {
    match rule {
        SectionRule::Latest => {
            let stories = store.stories(page)?.into_iter().map(|d| (d, None)).collect();
            Ok(SectionStories { total: store.story_count()?, stories })
        }
        SectionRule::Breaking { hours } => {
            // The last hours of the newest article, not of the clock: an archive that stopped
            // growing (the demo) still has its breaking news.
            let Some(newest) = store.newest_article_time(now)? else {
                return Ok(SectionStories { total: 0, stories: Vec::new() });
            };
            let since = newest - Duration::hours(i64::from(*hours));
            let all = store.stories_since(since, page.offset.saturating_add(page.limit))?;
            let total = all.len() as u64;
            let stories = all.into_iter().skip(page.offset as usize).map(|(d, n)| (d, Some(n))).collect();
            Ok(SectionStories { total, stories })
        }
        SectionRule::Query { .. } => {
            let query = as_search(rule).unwrap_or_default();
            let ids = index.matching_ids(&query, MATCHED_ARTICLES)?;
            let mut seen = HashSet::new();
            let mut matched = Vec::new();
            for id in ids {
                if let Some(filing) = store.filing(id)?
                    && seen.insert(filing.story)
                    && let Some(digest) = store.story(filing.story)?
                {
                    matched.push(digest);
                }
            }
            // In the front page's order: the freshest day first, then the largest.
            matched.sort_by(|a, b| {
                let day = |d: &StoryDigest| d.last_seen.date_naive();
                day(b).cmp(&day(a)).then(b.articles.cmp(&a.articles)).then(b.id.0.cmp(&a.id.0))
            });
            let total = matched.len() as u64;
            let stories = matched
                .into_iter()
                .skip(page.offset as usize)
                .take(page.limit as usize)
                .map(|d| (d, None))
                .collect();
            Ok(SectionStories { total, stories })
        }
    }
}

/// The stories a section holds among those with articles on `day` (a UTC day), for its daily
/// digest; `None` when it holds them all (Latest, and Breaking, whose hours a day's digest
/// does not have).
pub fn stories_of_day(
    store: &dyn Store,
    index: &SearchIndex,
    rule: &SectionRule,
    day: NaiveDate,
) -> Result<Option<HashSet<StoryId>>, BackendError> {
    let Some(mut query) = as_search(rule) else { return Ok(None) };
    query.since = day.and_hms_opt(0, 0, 0).map(|t| t.and_utc());
    query.until = day.and_hms_opt(23, 59, 59).map(|t| t.and_utc());
    let mut stories = HashSet::new();
    for id in index.matching_ids(&query, MAX_IDS)? {
        if let Some(filing) = store.filing(id)? {
            stories.insert(filing.story);
        }
    }
    Ok(Some(stories))
}

/// A saved search's rule as a search (its words and entities), `None` for Latest and Breaking.
pub fn as_search(rule: &SectionRule) -> Option<SearchQuery> {
    match rule {
        SectionRule::Query { text, entities } => {
            Some(SearchQuery { text: text.clone(), all_entities: entities.clone(), ..SearchQuery::default() })
        }
        _ => None,
    }
}

/// `query` narrowed to a saved search's articles: both sets of words, and its entities too.
pub fn narrow(mut query: SearchQuery, rule: &SectionRule) -> SearchQuery {
    if let Some(section) = as_search(rule) {
        query.text = match (query.text.trim().is_empty(), section.text.trim().is_empty()) {
            (_, true) => query.text,
            (true, false) => section.text,
            (false, false) => format!("({}) ({})", query.text, section.text),
        };
        query.all_entities.extend(section.all_entities);
    }
    query
}
