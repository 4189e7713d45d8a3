//! Sections, and the story queries only they and the story pages' links need.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::stories::{STORY_COLUMNS, story_from_row};
use crate::{Result, Section, SectionRule, StoreError, StoryDigest, valid_slug};
use newsgraph_model::StoryId;

pub(super) fn all(conn: &Connection) -> Result<Vec<Section>> {
    let mut stmt =
        conn.prepare_cached("SELECT slug, name, position, rule FROM sections ORDER BY position, slug")?;
    let rows = stmt.query_map([], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, i64>(2)?, r.get::<_, String>(3)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (slug, name, position, rule) = row?;
        let rule: SectionRule = serde_json::from_str(&rule)
            .map_err(|e| StoreError::Corrupt(format!("section {slug}: rule {rule:?}: {e}")))?;
        out.push(Section { slug, name, position, rule });
    }
    Ok(out)
}

pub(super) fn save(conn: &Connection, section: &Section) -> Result<()> {
    if !valid_slug(&section.slug) {
        return Err(StoreError::Invalid(format!(
            "{:?} is not a section slug: 1 to 64 lower-case letters, digits and inner hyphens",
            section.slug
        )));
    }
    if section.name.trim().is_empty() {
        return Err(StoreError::Invalid("a section needs a name".into()));
    }
    if let SectionRule::Query { text, entities } = &section.rule
        && text.trim().is_empty()
        && entities.is_empty()
    {
        return Err(StoreError::Invalid("a section's search needs words or entities".into()));
    }
    // Serialising a plain enum of strings and numbers cannot fail.
    let rule = serde_json::to_string(&section.rule).unwrap_or_default();
    conn.prepare_cached(
        "INSERT INTO sections (slug, name, position, rule) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (slug) DO UPDATE SET name = excluded.name, position = excluded.position,
             rule = excluded.rule",
    )?
    .execute(params![section.slug, section.name.trim(), section.position, rule])?;
    Ok(())
}

pub(super) fn remove(conn: &Connection, slug: &str) -> Result<bool> {
    Ok(conn.execute("DELETE FROM sections WHERE slug = ?1", [slug])? > 0)
}

pub(super) fn stories_since(
    conn: &Connection,
    since: DateTime<Utc>,
    limit: i64,
) -> Result<Vec<(StoryDigest, u64)>> {
    // A range of the articles_latest index: the articles of the window only.
    let sql = format!(
        "WITH recent AS (SELECT story_id, count(*) AS n FROM articles
                         WHERE coalesce(published_ts, imported_ts) >= ?1 AND story_id IS NOT NULL
                         GROUP BY story_id)
         SELECT {STORY_COLUMNS}, recent.n FROM stories JOIN recent ON recent.story_id = stories.id
         ORDER BY recent.n DESC, stories.last_seen DESC, stories.id DESC LIMIT ?2"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows =
        stmt.query_map(params![since.timestamp(), limit], |r| Ok((story_from_row(r)?, r.get::<_, i64>(8)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (digest, n) = row?;
        out.push((digest?, n.max(0) as u64));
    }
    Ok(out)
}

pub(super) fn newest_article_time(conn: &Connection, now: DateTime<Utc>) -> Result<Option<DateTime<Utc>>> {
    let newest: Option<i64> = conn
        .query_row(
            "SELECT coalesce(published_ts, imported_ts) FROM articles
             WHERE coalesce(published_ts, imported_ts) <= ?1
             ORDER BY coalesce(published_ts, imported_ts) DESC LIMIT 1",
            [now.timestamp()],
            |r| r.get(0),
        )
        .optional()?;
    Ok(newest.and_then(|t| DateTime::from_timestamp(t, 0)))
}

pub(super) fn story_neighbours(conn: &Connection, id: StoryId) -> Result<(Option<StoryId>, Option<StoryId>)> {
    let me: Option<(i64, i64)> = conn
        .query_row("SELECT last_day, articles FROM stories WHERE id = ?1", [id.0], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    let Some((day, articles)) = me else { return Ok((None, None)) };
    // Row values against the front page's order (stories_front: last_day, articles, id, all
    // descending): the one just before and the one just after.
    let before: Option<i64> = conn
        .prepare_cached(
            "SELECT id FROM stories WHERE (last_day, articles, id) > (?1, ?2, ?3)
             ORDER BY last_day, articles, id LIMIT 1",
        )?
        .query_row(params![day, articles, id.0], |r| r.get(0))
        .optional()?;
    let after: Option<i64> = conn
        .prepare_cached(
            "SELECT id FROM stories WHERE (last_day, articles, id) < (?1, ?2, ?3)
             ORDER BY last_day DESC, articles DESC, id DESC LIMIT 1",
        )?
        .query_row(params![day, articles, id.0], |r| r.get(0))
        .optional()?;
    Ok((before.map(StoryId), after.map(StoryId)))
}
