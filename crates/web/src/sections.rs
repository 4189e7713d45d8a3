//! Which stories a section holds, by its rule ([`SectionRule`]): every story (Latest), the
//! stories that gained the most articles in the last hours (Breaking), or the stories of the
//! articles a saved search matches.

use std::collections::HashSet;

use chrono::{DateTime, Duration, Utc};
use newsgraph_index::{SearchIndex, SearchQuery};
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
        SectionRule::Query { text, entities } => {
            let query =
                SearchQuery { text: text.clone(), all_entities: entities.clone(), ..SearchQuery::default() };
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
