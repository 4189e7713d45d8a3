//! The embedded store: one SQLite file, WAL mode, migrations applied on open.

mod migrations;
mod rows;

use rusqlite::{Connection, OptionalExtension, params};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use crate::{InsertOutcome, NewArticle, Page, Result, Store, StoreError};
use newsgraph_model::{ArticleId, StoredArticle};
use rows::{ARTICLE_COLUMNS, article_from_row};

pub struct SqliteStore {
    // One connection behind a mutex: SQLite serialises writers anyway, and reads are short.
    conn: Mutex<Connection>,
}

impl SqliteStore {
    /// Opens (creating if needed) the database file and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Self> {
        let open_err = |source| StoreError::Open { path: path.to_path_buf(), source };
        let conn = Connection::open(path).map_err(open_err)?;
        Self::init(conn, path.to_path_buf())
    }

    /// A private database in memory, for tests.
    pub fn in_memory() -> Result<Self> {
        let conn = Connection::open_in_memory()?;
        Self::init(conn, PathBuf::from(":memory:"))
    }

    fn init(mut conn: Connection, path: PathBuf) -> Result<Self> {
        // WAL: readers never block the importer, and a killed process leaves every committed
        // transaction intact. NORMAL sync is safe against process death (not power loss).
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        migrations::apply(&mut conn, &path)?;
        Ok(SqliteStore { conn: Mutex::new(conn) })
    }

    fn conn(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock cannot leave SQLite half-written (transactions roll
        // back on drop), so a poisoned lock is safe to reuse.
        self.conn.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl Store for SqliteStore {
    fn insert_batch(&self, batch: &[NewArticle]) -> Result<Vec<InsertOutcome>> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let mut outcomes = Vec::with_capacity(batch.len());
        for new in batch {
            outcomes.push(insert_one(&tx, new)?);
        }
        tx.commit()?;
        Ok(outcomes)
    }

    fn article(&self, id: ArticleId) -> Result<Option<StoredArticle>> {
        let conn = self.conn();
        let sql = format!("SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = ?1");
        conn.query_row(&sql, [id.0], article_from_row).optional()?.transpose()
    }

    fn latest(&self, page: Page) -> Result<Vec<StoredArticle>> {
        let conn = self.conn();
        let sql = format!(
            "SELECT {ARTICLE_COLUMNS} FROM articles
             ORDER BY coalesce(published_ts, imported_ts) DESC, id DESC LIMIT ?1 OFFSET ?2"
        );
        collect(&conn, &sql, params![clamp(page.limit), clamp(page.offset)])
    }

    fn articles_after(&self, after: ArticleId, limit: u64) -> Result<Vec<StoredArticle>> {
        let conn = self.conn();
        let sql = format!("SELECT {ARTICLE_COLUMNS} FROM articles WHERE id > ?1 ORDER BY id LIMIT ?2");
        collect(&conn, &sql, params![after.0, clamp(limit)])
    }

    fn count(&self) -> Result<u64> {
        let n: i64 = self.conn().query_row("SELECT count(*) FROM articles", [], |r| r.get(0))?;
        Ok(n.max(0) as u64)
    }
}

fn clamp(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn collect(conn: &Connection, sql: &str, params: impl rusqlite::Params) -> Result<Vec<StoredArticle>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(params, article_from_row)?;
    let mut out = Vec::new();
    for row in rows {
        out.push(row??);
    }
    Ok(out)
}

fn insert_one(tx: &rusqlite::Transaction<'_>, new: &NewArticle) -> Result<InsertOutcome> {
    let hash = new.article.content_hash();
    if let Some(id) = existing(tx, &hash.0, new.article.url.as_deref())? {
        return Ok(InsertOutcome::AlreadyPresent(ArticleId(id)));
    }
    let id = rows::insert_article(tx, new, &hash)?;
    Ok(InsertOutcome::Inserted(ArticleId(id)))
}

fn existing(tx: &rusqlite::Transaction<'_>, hash: &str, url: Option<&str>) -> Result<Option<i64>> {
    let by_hash = tx
        .prepare_cached("SELECT id FROM articles WHERE content_hash = ?1")?
        .query_row([hash], |r| r.get(0))
        .optional()?;
    if by_hash.is_some() {
        return Ok(by_hash);
    }
    let Some(url) = url else { return Ok(None) };
    Ok(tx
        .prepare_cached("SELECT id FROM articles WHERE url = ?1 LIMIT 1")?
        .query_row([url], |r| r.get(0))
        .optional()?)
}
