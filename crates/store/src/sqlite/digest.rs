//! The daily digest's reads: one day's stories with that day's counts, and a story's quotes.
//!
//! Both select an article's day by `coalesce(published_ts, imported_ts)`, the expression the
//! `articles_latest` index is built on, so a day's articles are one range scan of that index
//! however large the archive.

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use super::quotes::found_quotes;
use super::stories::{STORY_COLUMNS, story_from_row};
use crate::{DayStory, FoundQuote, Result, StoriesOn, day_bounds};
use newsgraph_model::StoryId;

pub(super) fn stories_on(conn: &Connection, query: &StoriesOn, limit: i64) -> Result<Vec<DayStory>> {
    let Some((start, end)) = day_bounds(query.day) else { return Ok(Vec::new()) };
    // The day's articles are counted per story first, so that only the stories they name are
    // joined with their digests.
    let sql = format!(
        "WITH day AS (
            SELECT story_id, count(*) AS n, count(DISTINCT outlet(site, url)) AS o FROM articles
            WHERE coalesce(published_ts, imported_ts) >= ?1 AND coalesce(published_ts, imported_ts) < ?2
              AND story_id IS NOT NULL
            GROUP BY story_id)
         SELECT {STORY_COLUMNS}, day.n, day.o FROM stories JOIN day ON day.story_id = stories.id
         ORDER BY day.n DESC, day.o DESC, stories.articles DESC, stories.id DESC
         LIMIT ?3"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![start, end, limit], |r| {
        Ok((story_from_row(r)?, r.get::<_, i64>(8)?, r.get::<_, i64>(9)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (digest, articles, outlets) = row?;
        out.push(DayStory {
            digest: digest?,
            articles: articles.max(0) as u64,
            outlets: outlets.max(0) as u64,
        });
    }
    Ok(out)
}

pub(super) fn story_quotes(
    conn: &Connection,
    id: StoryId,
    day: Option<NaiveDate>,
    limit: i64,
) -> Result<Vec<FoundQuote>> {
    let (start, end) = match day {
        Some(day) => match day_bounds(day) {
            Some((start, end)) => (Some(start), Some(end)),
            None => return Ok(Vec::new()),
        },
        None => (None, None),
    };
    let rest = "FROM articles a JOIN quotes q ON q.article_id = a.id
         WHERE a.story_id = ?1 AND a.duplicate_of IS NULL
           AND (?2 IS NULL OR (coalesce(a.published_ts, a.imported_ts) >= ?2
                               AND coalesce(a.published_ts, a.imported_ts) < ?3))
         ORDER BY q.speaker_entity IS NULL, coalesce(a.published_ts, a.imported_ts) DESC, a.id DESC, q.idx
         LIMIT ?4";
    found_quotes(conn, rest, params![id.0, start, end, limit])
}

#[cfg(test)]
mod tests {
    use crate::SqliteStore;

    /// The plan SQLite picks for a query, one line per step.
    fn plan(store: &SqliteStore, sql: &str) -> String {
        let conn = store.conn();
        let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).expect("explain");
        let rows = stmt.query_map([], |r| r.get::<_, String>(3)).expect("plan");
        rows.map(|r| r.expect("row")).collect::<Vec<_>>().join("\n")
    }

    #[test]
    fn a_days_articles_are_read_from_the_time_index() {
        let store = SqliteStore::in_memory().expect("store");
        let day = plan(
            &store,
            "SELECT story_id, count(*) FROM articles
             WHERE coalesce(published_ts, imported_ts) >= 0 AND coalesce(published_ts, imported_ts) < 86400
               AND story_id IS NOT NULL GROUP BY story_id",
        );
        assert!(day.contains("articles_latest"), "{day}");
        let quotes = plan(
            &store,
            "SELECT q.idx FROM articles a JOIN quotes q ON q.article_id = a.id
             WHERE a.story_id = 1 AND a.duplicate_of IS NULL",
        );
        assert!(quotes.contains("articles_story") && quotes.contains("(article_id=?)"), "{quotes}");
    }
}
