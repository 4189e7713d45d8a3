//! Filings (which story each article is in, and what it copies or rewrites) and the stories'
//! digests.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};

use super::entities::{ENTITY_COLUMNS, entity_from_row};
use super::rows::{ARTICLE_COLUMNS, article_from_row, day_counts, json, parse_json};
use super::{clamp, collect};
use crate::{
    EntityStats, FiledArticle, Filing, RELATED_WINDOW_DAYS, Result, StoreError, StoryDigest, StoryTally,
};
use newsgraph_model::{ArticleId, StoredArticle, StoryId};

const DAY: i64 = 86_400;
pub(super) const STORY_COLUMNS: &str =
    "id, headline, headline_article, summary, first_seen, last_seen, articles, outlets";

pub(super) fn entity_keys(conn: &Connection, ids: &[ArticleId]) -> Result<Vec<(ArticleId, Vec<String>)>> {
    let mut exists = conn.prepare_cached("SELECT 1 FROM articles WHERE id = ?1")?;
    let mut keys = conn.prepare_cached(
        "SELECT DISTINCT e.key FROM mentions m JOIN entities e ON e.id = m.entity_id
         WHERE m.article_id = ?1 ORDER BY e.key",
    )?;
    let mut out = Vec::with_capacity(ids.len());
    for &id in ids {
        if exists.query_row([id.0], |_| Ok(())).optional()?.is_none() {
            continue;
        }
        let found = keys.query_map([id.0], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<_>>()?;
        out.push((id, found));
    }
    Ok(out)
}

pub(super) fn unfiled(conn: &Connection, after: ArticleId, limit: i64) -> Result<Vec<StoredArticle>> {
    let sql = format!(
        "SELECT {ARTICLE_COLUMNS} FROM articles WHERE story_id IS NULL AND id > ?1 ORDER BY id LIMIT ?2"
    );
    collect(conn, &sql, params![after.0, limit])
}

pub(super) fn recent_filed(conn: &Connection, limit: i64) -> Result<Vec<FiledArticle>> {
    let sql = format!(
        "SELECT * FROM (SELECT {ARTICLE_COLUMNS}, story_id, duplicate_of, rewrite_of FROM articles
                        WHERE story_id IS NOT NULL ORDER BY id DESC LIMIT ?1)
         ORDER BY id"
    );
    filed(conn, &sql, params![limit])
}

pub(super) fn save_filings(tx: &Transaction<'_>, batch: &[(ArticleId, Filing)]) -> Result<()> {
    let mut update = tx.prepare_cached(
        "UPDATE articles SET story_id = ?2, duplicate_of = ?3, rewrite_of = ?4 WHERE id = ?1",
    )?;
    for (id, filing) in batch {
        let changed = update.execute(params![
            id.0,
            filing.story.0,
            filing.duplicate_of.map(|a| a.0),
            filing.rewrite_of.map(|a| a.0)
        ])?;
        if changed == 0 {
            return Err(StoreError::NoSuchArticle(*id));
        }
    }
    Ok(())
}

pub(super) fn filing(conn: &Connection, id: ArticleId) -> Result<Option<Filing>> {
    type Columns = (Option<i64>, Option<i64>, Option<i64>);
    let found: Option<Columns> = conn
        .prepare_cached("SELECT story_id, duplicate_of, rewrite_of FROM articles WHERE id = ?1")?
        .query_row([id.0], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    Ok(found.and_then(|(story, duplicate_of, rewrite_of)| {
        Some(Filing {
            story: StoryId(story?),
            duplicate_of: duplicate_of.map(ArticleId),
            rewrite_of: rewrite_of.map(ArticleId),
        })
    }))
}

pub(super) fn replace_story(conn: &Connection, digest: &StoryDigest) -> Result<()> {
    let last = digest.last_seen.timestamp();
    conn.prepare_cached(
        "INSERT OR REPLACE INTO stories
            (id, headline, headline_article, summary, first_seen, last_seen, last_day, articles, outlets)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        digest.id.0,
        digest.headline,
        digest.headline_article.map(|a| a.0),
        json(&digest.summary),
        digest.first_seen.timestamp(),
        last,
        last.div_euclid(DAY),
        clamp(digest.articles),
        clamp(digest.outlets),
    ])?;
    Ok(())
}

pub(super) fn story(conn: &Connection, id: StoryId) -> Result<Option<StoryDigest>> {
    let sql = format!("SELECT {STORY_COLUMNS} FROM stories WHERE id = ?1");
    conn.query_row(&sql, [id.0], story_from_row).optional()?.transpose()
}

pub(super) fn stories(conn: &Connection, limit: i64, offset: i64) -> Result<Vec<StoryDigest>> {
    let sql = format!(
        "SELECT {STORY_COLUMNS} FROM stories ORDER BY last_day DESC, articles DESC, id DESC
         LIMIT ?1 OFFSET ?2"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![limit, offset], story_from_row)?;
    rows.map(|r| r?).collect()
}

pub(super) fn story_count(conn: &Connection) -> Result<u64> {
    let n: i64 = conn.query_row("SELECT count(*) FROM stories", [], |r| r.get(0))?;
    Ok(n.max(0) as u64)
}

pub(super) fn story_articles(conn: &Connection, id: StoryId) -> Result<Vec<FiledArticle>> {
    let sql = format!(
        "SELECT {ARTICLE_COLUMNS}, story_id, duplicate_of, rewrite_of FROM articles WHERE story_id = ?1
         ORDER BY coalesce(published_ts, imported_ts), id"
    );
    filed(conn, &sql, params![id.0])
}

pub(super) fn tally(conn: &Connection, id: StoryId) -> Result<Option<StoryTally>> {
    let mut stmt = conn.prepare_cached(
        "SELECT count(*), count(DISTINCT outlet(site, url)),
                min(coalesce(published_ts, imported_ts)), max(coalesce(published_ts, imported_ts))
         FROM articles WHERE story_id = ?1",
    )?;
    let (articles, outlets, first, last) = stmt.query_row([id.0], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, Option<i64>>(2)?,
            r.get::<_, Option<i64>>(3)?,
        ))
    })?;
    let (Some(first), Some(last)) = (first, last) else { return Ok(None) };
    let time = |t: i64| {
        DateTime::from_timestamp(t, 0)
            .ok_or_else(|| StoreError::Corrupt(format!("story {}: a time out of range ({t})", id.0)))
    };
    Ok(Some(StoryTally {
        articles: articles.max(0) as u64,
        outlets: outlets.max(0) as u64,
        first_seen: time(first)?,
        last_seen: time(last)?,
    }))
}

pub(super) fn latest(conn: &Connection, id: StoryId, limit: i64) -> Result<Vec<StoredArticle>> {
    let sql = format!(
        "SELECT {ARTICLE_COLUMNS} FROM articles WHERE story_id = ?1 AND duplicate_of IS NULL
         ORDER BY coalesce(published_ts, imported_ts) DESC, id DESC LIMIT ?2"
    );
    collect(conn, &sql, params![id.0, limit])
}

pub(super) fn timeline(conn: &Connection, id: StoryId) -> Result<Vec<(NaiveDate, u64)>> {
    // The day as `entities::timeline` reads it: the page's own date, else the UTC day.
    let mut stmt = conn.prepare_cached(
        "SELECT coalesce(
                CASE WHEN published GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*'
                     THEN substr(published, 1, 10) END,
                date(coalesce(published_ts, imported_ts), 'unixepoch')) AS day,
            count(*)
         FROM articles WHERE story_id = ?1
         GROUP BY day HAVING day IS NOT NULL ORDER BY day",
    )?;
    day_counts(&mut stmt, id.0, &format!("story {}: an article", id.0))
}

pub(super) fn hours(conn: &Connection, id: StoryId) -> Result<Vec<(DateTime<Utc>, u64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT coalesce(published_ts, imported_ts) / 3600 * 3600 AS hour, count(*)
         FROM articles WHERE story_id = ?1 GROUP BY hour ORDER BY hour",
    )?;
    let rows = stmt.query_map([id.0], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (hour, n) = row?;
        let hour = DateTime::from_timestamp(hour, 0)
            .ok_or_else(|| StoreError::Corrupt(format!("story {}: an article at {hour}", id.0)))?;
        out.push((hour, n.max(0) as u64));
    }
    Ok(out)
}

pub(super) fn story_entities(conn: &Connection, id: StoryId, limit: i64) -> Result<Vec<(EntityStats, u64)>> {
    let sql = format!(
        "WITH pairs AS (SELECT DISTINCT m.entity_id, m.article_id
                        FROM mentions m JOIN articles a ON a.id = m.article_id WHERE a.story_id = ?1),
              named AS (SELECT entity_id, count(*) AS n FROM pairs GROUP BY entity_id)
         SELECT {ENTITY_COLUMNS}, named.n FROM entities JOIN named ON named.entity_id = entities.id
         ORDER BY named.n DESC, mentions DESC, id LIMIT ?2"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![id.0, limit], |r| Ok((entity_from_row(r)?, r.get::<_, i64>(9)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (stats, n) = row?;
        out.push((stats?, n.max(0) as u64));
    }
    Ok(out)
}

pub(super) fn related(conn: &Connection, id: StoryId, limit: i64) -> Result<Vec<(StoryDigest, u64)>> {
    let Some(me) = story(conn, id)? else { return Ok(Vec::new()) };
    let window = RELATED_WINDOW_DAYS * DAY;
    let (from, until) = (me.first_seen.timestamp() - window, me.last_seen.timestamp() + window);
    // Only the other stories' articles within the window are joined, so a name found in every
    // story of the archive (a country) costs what its mentions in those weeks cost.
    let sql = format!(
        "WITH mine AS (SELECT DISTINCT m.entity_id FROM mentions m JOIN articles a ON a.id = m.article_id
                       WHERE a.story_id = ?1),
              theirs AS (SELECT DISTINCT a.story_id, m.entity_id
                         FROM mentions m JOIN mine ON mine.entity_id = m.entity_id
                         JOIN articles a ON a.id = m.article_id
                         WHERE a.story_id IS NOT NULL AND a.story_id != ?1
                           AND coalesce(a.published_ts, a.imported_ts) BETWEEN ?2 AND ?3),
              shared AS (SELECT story_id, count(*) AS n FROM theirs GROUP BY story_id)
         SELECT {STORY_COLUMNS}, shared.n FROM stories JOIN shared ON shared.story_id = stories.id
         ORDER BY shared.n DESC,
                  max(stories.first_seen - ?5, ?4 - stories.last_seen, 0), stories.id
         LIMIT ?6"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let args = params![id.0, from, until, me.first_seen.timestamp(), me.last_seen.timestamp(), limit];
    let rows = stmt.query_map(args, |r| Ok((story_from_row(r)?, r.get::<_, i64>(8)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (digest, n) = row?;
        out.push((digest?, n.max(0) as u64));
    }
    Ok(out)
}

pub(super) fn copies_of(conn: &Connection, id: ArticleId) -> Result<Vec<StoredArticle>> {
    let sql = format!("SELECT {ARTICLE_COLUMNS} FROM articles WHERE duplicate_of = ?1 ORDER BY id");
    collect(conn, &sql, params![id.0])
}

fn filed(conn: &Connection, sql: &str, params: impl rusqlite::Params) -> Result<Vec<FiledArticle>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(params, |r| {
        let article = article_from_row(r)?;
        let filing = Filing {
            story: StoryId(r.get(21)?),
            duplicate_of: r.get::<_, Option<i64>>(22)?.map(ArticleId),
            rewrite_of: r.get::<_, Option<i64>>(23)?.map(ArticleId),
        };
        Ok(article.map(|article| FiledArticle { article, filing }))
    })?;
    rows.map(|r| r?).collect()
}

/// Reads one row selected with [`STORY_COLUMNS`]; the inner `Result` reports stored values
/// that no longer parse.
pub(super) fn story_from_row(row: &Row<'_>) -> rusqlite::Result<Result<StoryDigest>> {
    let id = StoryId(row.get(0)?);
    let summary: String = row.get(3)?;
    let (first, last): (i64, i64) = (row.get(4)?, row.get(5)?);
    let digest = StoryDigest {
        id,
        headline: row.get(1)?,
        headline_article: row.get::<_, Option<i64>>(2)?.map(ArticleId),
        summary: Vec::new(),
        first_seen: DateTime::<Utc>::UNIX_EPOCH,
        last_seen: DateTime::<Utc>::UNIX_EPOCH,
        articles: row.get::<_, i64>(6)?.max(0) as u64,
        outlets: row.get::<_, i64>(7)?.max(0) as u64,
    };
    Ok((|| {
        let time = |t: i64| {
            DateTime::from_timestamp(t, 0)
                .ok_or_else(|| StoreError::Corrupt(format!("story {}: time {t}", id.0)))
        };
        Ok(StoryDigest {
            summary: parse_json(&format!("story {}", id.0), "summary", &summary)?,
            first_seen: time(first)?,
            last_seen: time(last)?,
            ..digest
        })
    })())
}
