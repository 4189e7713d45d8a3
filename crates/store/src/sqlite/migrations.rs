//! Versioned schema migrations, tracked in SQLite's `user_version`.
//!
//! Append new steps to [`MIGRATIONS`]; never edit a step that has shipped.

use rusqlite::Connection;
use std::path::Path;

use crate::{Result, StoreError};

const MIGRATIONS: &[&str] = &[
    // 1: articles, kept once per content hash.
    "CREATE TABLE articles (
        id                INTEGER PRIMARY KEY AUTOINCREMENT,
        content_hash      TEXT NOT NULL UNIQUE,
        url               TEXT,
        title             TEXT NOT NULL,
        title_inferred    INTEGER NOT NULL,
        authors           TEXT NOT NULL,   -- JSON array of names
        published         TEXT,            -- RFC 3339, the page's own offset kept
        published_ts      INTEGER,         -- the same instant in Unix seconds, for ordering
        language          TEXT,
        site              TEXT,
        paragraphs        TEXT NOT NULL,   -- JSON array
        paragraph_kinds   TEXT NOT NULL,   -- JSON array, empty or one per paragraph
        related_headlines TEXT NOT NULL,   -- JSON array of {title, url}
        boilerplate       TEXT NOT NULL,   -- JSON array
        updated           TEXT,            -- RFC 3339, the page's own offset kept
        description       TEXT,
        lead_image        TEXT,            -- absolute URL
        page_type         TEXT NOT NULL,   -- article, listing or other
        source_kind       TEXT NOT NULL,
        source_location   TEXT NOT NULL,
        fetched_at        TEXT,
        imported_at       TEXT NOT NULL,
        imported_ts       INTEGER NOT NULL -- the same instant in Unix seconds
    );
    CREATE INDEX articles_url ON articles(url) WHERE url IS NOT NULL;
    -- Newest first: by publication time, or by import time for undated articles.
    CREATE INDEX articles_latest ON articles(coalesce(published_ts, imported_ts) DESC, id DESC);",
];

pub(super) fn apply(conn: &mut Connection, path: &Path) -> Result<()> {
    let known = MIGRATIONS.len() as i64;
    let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if found > known {
        return Err(StoreError::TooNew { path: path.to_path_buf(), found, known });
    }
    for (step, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", step as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}
