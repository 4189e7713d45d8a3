//! Facets of a set of articles, the set handed to SQLite as one JSON array of ids.

use rusqlite::{Connection, params};

use super::entities::{ENTITY_COLUMNS, entity_from_row};
use super::rows::day_counts_of;
use crate::{ArticleFacets, Result};
use newsgraph_model::ArticleId;

pub(super) fn facets(conn: &Connection, ids: &[ArticleId], per_kind: i64) -> Result<ArticleFacets> {
    let ids = serde_json::to_string(&ids.iter().map(|id| id.0).collect::<Vec<_>>()).unwrap_or_default();
    let mut days = conn.prepare_cached(
        "SELECT coalesce(
                CASE WHEN a.published GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*'
                     THEN substr(a.published, 1, 10) END,
                date(coalesce(a.published_ts, a.imported_ts), 'unixepoch')) AS day,
            count(*)
         FROM articles a JOIN (SELECT DISTINCT value AS id FROM json_each(?1)) ids ON ids.id = a.id
         GROUP BY day HAVING day IS NOT NULL ORDER BY day",
    )?;
    let days = day_counts_of(&mut days, params![ids], "an article searched")?;
    // Distinct (entity, article) pairs, so that an article naming one entity ten times counts
    // once; ranked within each kind.
    let sql = format!(
        "WITH ids AS (SELECT DISTINCT value AS id FROM json_each(?1)),
              pairs AS (SELECT DISTINCT m.entity_id, m.article_id FROM mentions m JOIN ids ON ids.id = m.article_id),
              counted AS (SELECT entity_id, count(*) AS n FROM pairs GROUP BY entity_id),
              ranked AS (SELECT {ENTITY_COLUMNS}, counted.n,
                                row_number() OVER (PARTITION BY kind ORDER BY counted.n DESC, mentions DESC, id) AS r
                         FROM entities JOIN counted ON counted.entity_id = entities.id)
         SELECT {ENTITY_COLUMNS}, n FROM ranked WHERE r <= ?2
         ORDER BY CASE kind WHEN 'PER' THEN 0 WHEN 'ORG' THEN 1 WHEN 'LOC' THEN 2 ELSE 3 END, n DESC, mentions DESC, id"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![ids, per_kind], |r| Ok((entity_from_row(r)?, r.get::<_, i64>(9)?)))?;
    let mut entities = Vec::new();
    for row in rows {
        let (stats, n) = row?;
        entities.push((stats?, n.max(0) as u64));
    }
    Ok(ArticleFacets { days, entities })
}
