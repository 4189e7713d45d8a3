//! The `entities` and `mentions` tables: written with each new article (and again when an
//! article's entities are replaced), read for the entity pages.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};
use std::collections::HashSet;

use super::rows::{day_counts, json, parse_json};
use super::spans::{offset, span_ok};
use crate::{EntityFilter, EntityStats, Result, StoreError};
use newsgraph_model::{
    ArticleEntities, ArticleId, CanonicalEntity, Entity, EntityId, EntityKind, EntityMention, GeoPoint,
    ResolvedMention,
};

pub(super) const ENTITY_COLUMNS: &str = "id, kind, name, aliases, lat, lon, country, mentions, articles";

/// Stores the entities an article mentions, `text` being the article's text (the spans'
/// reference): each one is found or created by key, then its mentions are inserted and its
/// counters bumped. The article must have no stored mentions yet (newly inserted, or cleared
/// by [`remove_for_article`]), or its entities would count it twice.
pub(super) fn insert_for_article(
    tx: &Transaction<'_>,
    article_id: i64,
    text: &str,
    found: &ArticleEntities,
) -> Result<()> {
    // A mention that cannot be shown (a span off the text's char boundaries, an entity index
    // out of range, an entity without key or name) is dropped: a tagger's mistake in one
    // article must not fail the whole batch.
    let mut per_entity: Vec<Vec<&ResolvedMention>> = vec![Vec::new(); found.entities.len()];
    for mention in &found.mentions {
        let span_ok = span_ok(mention.span, text);
        let entity = found.entities.get(mention.entity).filter(|e| storable(e));
        if span_ok && entity.is_some() {
            per_entity[mention.entity].push(mention);
        }
    }
    // Two entries of one article may share a key: the article counts once for that entity.
    let mut counted: HashSet<i64> = HashSet::new();
    for (entity, mentions) in found.entities.iter().zip(&per_entity) {
        if mentions.is_empty() {
            continue;
        }
        let id = upsert(tx, entity, mentions.len() as u64, &mut counted)?;
        let mut insert = tx.prepare_cached(
            "INSERT INTO mentions (article_id, entity_id, start, \"end\", kind, role)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        for m in mentions {
            let role = m.role.as_deref().map(str::trim).filter(|r| !r.is_empty());
            insert.execute(params![
                article_id,
                id,
                offset(m.span.start),
                offset(m.span.end),
                kind_str(m.kind),
                role
            ])?;
        }
    }
    Ok(())
}

/// Deletes the article's mentions and takes them off the counters of the entities they point
/// at: `mentions` by as many as the article had, `articles` by one. An entity left at zero
/// stays (see `Store::replace_entities`); the listings skip it.
pub(super) fn remove_for_article(tx: &Transaction<'_>, article_id: i64) -> Result<()> {
    // Clamped at zero: counters that drifted (a database edited by hand, say) must not go
    // negative and sort below everything else.
    tx.prepare_cached(
        "UPDATE entities SET
            mentions = max(mentions - (SELECT count(*) FROM mentions m
                                       WHERE m.article_id = ?1 AND m.entity_id = entities.id), 0),
            articles = max(articles - 1, 0)
         WHERE id IN (SELECT entity_id FROM mentions WHERE article_id = ?1)",
    )?
    .execute([article_id])?;
    tx.prepare_cached("DELETE FROM mentions WHERE article_id = ?1")?.execute([article_id])?;
    Ok(())
}

fn storable(entity: &CanonicalEntity) -> bool {
    !entity.key.trim().is_empty() && !entity.name.trim().is_empty()
}

/// Finds the entity by key or creates it, adds `mentions` to its counters (and the article,
/// unless `counted` says it was already counted), merges in the names this article uses and
/// fills a location or country it lacked. The stored name and kind are kept.
fn upsert(
    tx: &Transaction<'_>,
    e: &CanonicalEntity,
    mentions: u64,
    counted: &mut HashSet<i64>,
) -> Result<i64> {
    let location = e.location.filter(|p| {
        p.lat.is_finite()
            && p.lon.is_finite()
            && (-90.0..=90.0).contains(&p.lat)
            && (-180.0..=180.0).contains(&p.lon)
    });
    let country = e.country.as_deref().map(str::trim).filter(|c| !c.is_empty());
    let existing = tx
        .prepare_cached("SELECT id, name, aliases FROM entities WHERE key = ?1")?
        .query_row([&e.key], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))
        .optional()?;
    let Some((id, name, aliases)) = existing else {
        let name = e.name.trim();
        let aliases = merge_aliases(Vec::new(), name, e);
        tx.prepare_cached(
            "INSERT INTO entities (key, kind, name, aliases, lat, lon, country, mentions, articles)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 1)",
        )?
        .execute(params![
            e.key,
            kind_str(e.kind),
            name,
            json(&aliases),
            location.map(|p| p.lat),
            location.map(|p| p.lon),
            country,
            count(mentions),
        ])?;
        let id = tx.last_insert_rowid();
        counted.insert(id);
        return Ok(id);
    };
    let stored: Vec<String> = parse_json(&format!("entity {id}"), "aliases", &aliases)?;
    let aliases = merge_aliases(stored, &name, e);
    let new_article = i64::from(counted.insert(id));
    // lat and lon are always written together, so filling them one by one keeps them paired.
    tx.prepare_cached(
        "UPDATE entities SET aliases = ?2, lat = coalesce(lat, ?3), lon = coalesce(lon, ?4),
            country = coalesce(country, ?5), mentions = mentions + ?6, articles = articles + ?7
         WHERE id = ?1",
    )?
    .execute(params![
        id,
        json(&aliases),
        location.map(|p| p.lat),
        location.map(|p| p.lon),
        country,
        count(mentions),
        new_article
    ])?;
    Ok(id)
}

/// `aliases` with every form of `e` (its name and aliases) that is neither `name` nor already
/// listed, in the order first seen.
fn merge_aliases(mut aliases: Vec<String>, name: &str, e: &CanonicalEntity) -> Vec<String> {
    for form in std::iter::once(&e.name).chain(&e.aliases) {
        let form = form.trim();
        if !form.is_empty() && form != name && !aliases.iter().any(|a| a == form) {
            aliases.push(form.to_owned());
        }
    }
    aliases
}

pub(super) fn article_mentions(conn: &Connection, id: ArticleId) -> Result<Vec<EntityMention>> {
    let mut stmt = conn.prepare_cached(
        "SELECT start, \"end\", kind, entity_id, role FROM mentions WHERE article_id = ?1
         ORDER BY start, \"end\", rowid",
    )?;
    let rows = stmt.query_map([id.0], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, r.get::<_, String>(2)?, r.get(3)?, r.get(4)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (start, end, kind, entity, role) = row?;
        let corrupt = || StoreError::Corrupt(format!("article {id}: a mention at {start}..{end}"));
        out.push(EntityMention {
            span: newsgraph_model::Span::new(
                usize::try_from(start).map_err(|_| corrupt())?,
                usize::try_from(end).map_err(|_| corrupt())?,
            ),
            kind: parse_kind(&kind).ok_or_else(corrupt)?,
            entity: Some(EntityId(entity)),
            role,
        });
    }
    Ok(out)
}

pub(super) fn entity(conn: &Connection, id: EntityId) -> Result<Option<EntityStats>> {
    let sql = format!("SELECT {ENTITY_COLUMNS} FROM entities WHERE id = ?1");
    conn.query_row(&sql, [id.0], entity_from_row).optional()?.transpose()
}

/// The WHERE clause for a filter, with `?1` the kind and `?2` the LIKE pattern (each NULL
/// when the filter does not restrict it). Entities no stored article mentions any more (their
/// articles were read again without them) are left out.
const FILTER: &str = "mentions > 0 AND (?1 IS NULL OR kind = ?1)
    AND (?2 IS NULL OR name LIKE ?2 ESCAPE '\\'
        OR EXISTS (SELECT 1 FROM json_each(entities.aliases) WHERE value LIKE ?2 ESCAPE '\\'))";

fn filter_params(filter: &EntityFilter) -> (Option<&'static str>, Option<String>) {
    let pattern = filter.query.as_deref().map(str::trim).filter(|q| !q.is_empty()).map(|q| {
        let escaped: String = q
            .chars()
            .flat_map(|c| if matches!(c, '%' | '_' | '\\') { vec!['\\', c] } else { vec![c] })
            .collect();
        format!("%{escaped}%")
    });
    (filter.kind.map(kind_str), pattern)
}

pub(super) fn entities(
    conn: &Connection,
    filter: &EntityFilter,
    limit: i64,
    offset: i64,
) -> Result<Vec<EntityStats>> {
    let (kind, pattern) = filter_params(filter);
    let sql = format!(
        "SELECT {ENTITY_COLUMNS} FROM entities WHERE {FILTER} ORDER BY mentions DESC, id LIMIT ?3 OFFSET ?4"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![kind, pattern, limit, offset], entity_from_row)?;
    let mut out = Vec::new();
    for row in rows {
        out.push(row??);
    }
    Ok(out)
}

pub(super) fn entity_count(conn: &Connection, filter: &EntityFilter) -> Result<u64> {
    let (kind, pattern) = filter_params(filter);
    let sql = format!("SELECT count(*) FROM entities WHERE {FILTER}");
    let n: i64 = conn.prepare_cached(&sql)?.query_row(params![kind, pattern], |r| r.get(0))?;
    Ok(n.max(0) as u64)
}

pub(super) fn timeline(conn: &Connection, id: EntityId) -> Result<Vec<(NaiveDate, u64)>> {
    // `published` is RFC 3339 with the page's own offset, so its first ten characters are the
    // date the page gives; the pattern guards against anything else.
    let mut stmt = conn.prepare_cached(
        "SELECT coalesce(
                CASE WHEN a.published GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*'
                     THEN substr(a.published, 1, 10) END,
                date(coalesce(a.published_ts, a.imported_ts), 'unixepoch')) AS day,
            count(*)
         FROM mentions m JOIN articles a ON a.id = m.article_id
         WHERE m.entity_id = ?1
         GROUP BY day HAVING day IS NOT NULL ORDER BY day",
    )?;
    day_counts(&mut stmt, id.0, &format!("entity {}: a mention", id.0))
}

pub(super) fn co_occurring(conn: &Connection, id: EntityId, limit: i64) -> Result<Vec<(EntityStats, u64)>> {
    // Distinct (entity, article) pairs first: counting joined mention rows would multiply an
    // article by how often each of the two entities appears in it.
    let sql = format!(
        "WITH mine AS (SELECT DISTINCT article_id FROM mentions WHERE entity_id = ?1),
              pairs AS (SELECT DISTINCT m.entity_id, m.article_id
                        FROM mentions m JOIN mine ON m.article_id = mine.article_id
                        WHERE m.entity_id != ?1),
              shared AS (SELECT entity_id, count(*) AS n FROM pairs GROUP BY entity_id)
         SELECT {ENTITY_COLUMNS}, shared.n FROM entities JOIN shared ON shared.entity_id = entities.id
         ORDER BY shared.n DESC, mentions DESC, id LIMIT ?2"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![id.0, limit], |r| Ok((entity_from_row(r)?, r.get::<_, i64>(9)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (stats, shared) = row?;
        out.push((stats?, shared.max(0) as u64));
    }
    Ok(out)
}

pub(super) fn roles(conn: &Connection, id: EntityId, limit: i64) -> Result<Vec<(String, u64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT role, count(*) AS n FROM mentions WHERE entity_id = ?1 AND role IS NOT NULL
         GROUP BY role ORDER BY n DESC, role LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![id.0, limit], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (role, n) = row?;
        out.push((role, n.max(0) as u64));
    }
    Ok(out)
}

/// Reads one row selected with [`ENTITY_COLUMNS`]; the inner `Result` reports stored values
/// that no longer parse.
pub(super) fn entity_from_row(row: &Row<'_>) -> rusqlite::Result<Result<EntityStats>> {
    let id = EntityId(row.get(0)?);
    let kind: String = row.get(1)?;
    let name = row.get(2)?;
    let aliases: String = row.get(3)?;
    let lat: Option<f64> = row.get(4)?;
    let lon: Option<f64> = row.get(5)?;
    let country = row.get(6)?;
    let mentions: i64 = row.get(7)?;
    let articles: i64 = row.get(8)?;
    Ok((|| {
        let kind = parse_kind(&kind)
            .ok_or_else(|| StoreError::Corrupt(format!("entity {}: unknown kind {kind:?}", id.0)))?;
        let aliases = parse_json(&format!("entity {}", id.0), "aliases", &aliases)?;
        let location = lat.zip(lon).map(|(lat, lon)| GeoPoint { lat, lon });
        Ok(EntityStats {
            entity: Entity { id, kind, name, aliases, location, country },
            mentions: mentions.max(0) as u64,
            articles: articles.max(0) as u64,
        })
    })())
}

/// The kinds as the tables hold them: the same spelling as the model's serde form.
fn kind_str(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Per => "PER",
        EntityKind::Org => "ORG",
        EntityKind::Loc => "LOC",
        EntityKind::Misc => "MISC",
    }
}

fn parse_kind(text: &str) -> Option<EntityKind> {
    Some(match text {
        "PER" => EntityKind::Per,
        "ORG" => EntityKind::Org,
        "LOC" => EntityKind::Loc,
        "MISC" => EntityKind::Misc,
        _ => return None,
    })
}

fn count(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}
