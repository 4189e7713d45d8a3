//! What exports read: articles by id a batch at a time, their filings, and entities and
//! stories paged by id (keyset paging, so the last page costs what the first does).

use rusqlite::{Connection, OptionalExtension, params};

use super::entities::{ENTITY_COLUMNS, entity_from_row};
use super::rows::{ARTICLE_COLUMNS, article_from_row};
use super::stories::{STORY_COLUMNS, filing, story_from_row};
use crate::{EntityStats, Filing, Result, StoryDigest};
use newsgraph_model::{ArticleId, EntityId, StoredArticle, StoryId};

pub(super) fn articles_by_id(conn: &Connection, ids: &[ArticleId]) -> Result<Vec<StoredArticle>> {
    let sql = format!("SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = ?1");
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some(found) = stmt.query_row([id.0], article_from_row).optional()? {
            out.push(found?);
        }
    }
    Ok(out)
}

pub(super) fn filings(conn: &Connection, ids: &[ArticleId]) -> Result<Vec<(ArticleId, Filing)>> {
    let mut out = Vec::with_capacity(ids.len());
    for &id in ids {
        if let Some(found) = filing(conn, id)? {
            out.push((id, found));
        }
    }
    Ok(out)
}

pub(super) fn entities_after(conn: &Connection, after: EntityId, limit: i64) -> Result<Vec<EntityStats>> {
    // `mentions > 0`: as Store::entities, an entity no article mentions any more is not listed.
    let sql =
        format!("SELECT {ENTITY_COLUMNS} FROM entities WHERE mentions > 0 AND id > ?1 ORDER BY id LIMIT ?2");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![after.0, limit], entity_from_row)?;
    rows.map(|r| r?).collect()
}

pub(super) fn stories_after(conn: &Connection, after: StoryId, limit: i64) -> Result<Vec<StoryDigest>> {
    let sql = format!("SELECT {STORY_COLUMNS} FROM stories WHERE id > ?1 ORDER BY id LIMIT ?2");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![after.0, limit], story_from_row)?;
    rows.map(|r| r?).collect()
}
