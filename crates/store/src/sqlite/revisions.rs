//! New versions of stored articles, the versions they replaced, and the search index's
//! queue of revised articles.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::rows::{ARTICLE_COLUMNS, article_from_row, json, parse_json, parse_time, update_article};
use super::{entities, figures, quotes};
use crate::{KnownUrl, NewArticle, Result, Revised, Revision, StoreError, ToReindex};
use newsgraph_model::ArticleId;

pub(super) fn known_url(conn: &Connection, url: &str) -> Result<Option<KnownUrl>> {
    // Its own URL, or the URL it was fetched from (a feed entry that redirected).
    let found: Option<(i64, Option<String>)> = conn
        .prepare_cached(
            "SELECT id, fetched_at FROM articles
             WHERE id = (SELECT min(id) FROM (
                 SELECT id FROM articles WHERE url = ?1
                 UNION ALL SELECT id FROM articles WHERE source_kind = 'web' AND source_location = ?1))",
        )?
        .query_row([url], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let Some((id, fetched_at)) = found else { return Ok(None) };
    let id = ArticleId(id);
    let fetched_at = fetched_at.map(|t| parse_time(id, &t).map(|t| t.to_utc())).transpose()?;
    Ok(Some(KnownUrl { id, fetched_at }))
}

pub(super) fn revise(tx: &Transaction<'_>, id: ArticleId, new: &NewArticle) -> Result<Revised> {
    let sql = format!("SELECT {ARTICLE_COLUMNS}, version FROM articles WHERE id = ?1");
    let held = tx
        .prepare_cached(&sql)?
        .query_row([id.0], |row| Ok((article_from_row(row)?, row.get::<_, u32>(21)?)))
        .optional()?;
    let Some((held, version)) = held else { return Err(StoreError::NoSuchArticle(id)) };
    let held = held?;
    let hash = new.article.content_hash();
    if hash == held.content_hash && new.article.title == held.article.title {
        tx.prepare_cached("UPDATE articles SET fetched_at = ?2 WHERE id = ?1")?
            .execute(params![id.0, new.fetched_at.map(|t| t.to_rfc3339())])?;
        return Ok(Revised::Unchanged);
    }
    if hash != held.content_hash {
        let other: Option<i64> = tx
            .prepare_cached("SELECT id FROM articles WHERE content_hash = ?1")?
            .query_row([&hash.0], |r| r.get(0))
            .optional()?;
        if let Some(other) = other {
            return Ok(Revised::SameAs(ArticleId(other)));
        }
    }
    let old = &held.article;
    tx.prepare_cached(
        "INSERT INTO revisions (article_id, number, content_hash, title, paragraphs, published, updated,
            fetched_at, replaced_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        id.0,
        version,
        held.content_hash.0,
        old.title,
        json(&old.paragraphs),
        old.published.map(|t| t.to_rfc3339()),
        old.updated.map(|t| t.to_rfc3339()),
        held.fetched_at.map(|t| t.to_rfc3339()),
        new.fetched_at.unwrap_or(new.imported_at).timestamp(),
    ])?;
    update_article(tx, id.0, new, &hash)?;
    tx.prepare_cached("UPDATE articles SET version = ?2, reindex_version = ?2 WHERE id = ?1")?
        .execute(params![id.0, version + 1])?;
    // What was found in the old text does not fit the new one.
    quotes::remove_for_article(tx, id.0)?;
    figures::remove_for_article(tx, id.0)?;
    entities::remove_for_article(tx, id.0)?;
    let text = new.article.text();
    entities::insert_for_article(tx, id.0, &text, &new.entities)?;
    figures::insert_for_article(tx, id.0, &text, &new.amounts, &new.times)?;
    quotes::insert_for_article(tx, id.0, &text, &new.quotes)?;
    Ok(Revised::Revised { number: version })
}

pub(super) fn revisions(conn: &Connection, id: ArticleId) -> Result<Vec<Revision>> {
    let mut stmt = conn.prepare_cached(
        "SELECT number, title, paragraphs, published, updated, fetched_at, replaced_at
         FROM revisions WHERE article_id = ?1 ORDER BY number",
    )?;
    let rows = stmt.query_map([id.0], |r| {
        Ok((
            r.get::<_, u32>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, Option<String>>(3)?,
            r.get::<_, Option<String>>(4)?,
            r.get::<_, Option<String>>(5)?,
            r.get::<_, i64>(6)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (number, title, paragraphs, published, updated, fetched_at, replaced_at) = row?;
        let owner = format!("revision {number} of article {id}");
        let time = |t: Option<String>| t.map(|t| parse_time(id, &t)).transpose();
        out.push(Revision {
            number,
            title,
            paragraphs: parse_json(&owner, "paragraphs", &paragraphs)?,
            published: time(published)?,
            updated: time(updated)?,
            fetched_at: time(fetched_at)?.map(|t| t.to_utc()),
            replaced_at: DateTime::<Utc>::from_timestamp(replaced_at, 0)
                .ok_or_else(|| StoreError::Corrupt(format!("{owner}: replaced at {replaced_at}")))?,
        });
    }
    Ok(out)
}

pub(super) fn to_reindex(conn: &Connection, limit: i64) -> Result<Vec<ToReindex>> {
    let sql = format!(
        "SELECT {ARTICLE_COLUMNS}, reindex_version FROM articles
         WHERE reindex_version IS NOT NULL ORDER BY id LIMIT ?1"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([limit], |row| Ok((article_from_row(row)?, row.get::<_, u32>(21)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (article, version) = row?;
        out.push(ToReindex { article: article?, version });
    }
    Ok(out)
}

pub(super) fn reindexed(tx: &Transaction<'_>, taken: &[(ArticleId, u32)]) -> Result<()> {
    let mut stmt = tx.prepare_cached(
        "UPDATE articles SET reindex_version = NULL WHERE id = ?1 AND reindex_version = ?2",
    )?;
    for (id, version) in taken {
        stmt.execute(params![id.0, version])?;
    }
    Ok(())
}
