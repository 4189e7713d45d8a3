//! The followed sources and their polling state.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};

use crate::{
    NewSubscription, PollOutcome, Result, StoreError, Subscribed, Subscription, SubscriptionId,
    SubscriptionKind,
};

const COLUMNS: &str = "id, url, kind, section, title, allow_private, added_at, etag, last_modified, \
    last_polled, next_poll, last_status, last_error, failures, articles_found";

pub(super) fn subscribe(conn: &Connection, new: &NewSubscription, at: DateTime<Utc>) -> Result<Subscribed> {
    let existing: Option<i64> =
        conn.query_row("SELECT id FROM subscriptions WHERE url = ?1", [&new.url], |r| r.get(0)).optional()?;
    if let Some(id) = existing {
        return Ok(Subscribed::AlreadyFollowed(SubscriptionId(id)));
    }
    conn.prepare_cached(
        "INSERT INTO subscriptions (url, kind, section, title, allow_private, added_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        new.url,
        new.kind.as_str(),
        new.section,
        new.title,
        new.allow_private,
        at.timestamp()
    ])?;
    Ok(Subscribed::Added(SubscriptionId(conn.last_insert_rowid())))
}

pub(super) fn unsubscribe(conn: &Connection, id: SubscriptionId) -> Result<bool> {
    Ok(conn.execute("DELETE FROM subscriptions WHERE id = ?1", [id.0])? > 0)
}

pub(super) fn all(conn: &Connection) -> Result<Vec<Subscription>> {
    list(conn, &format!("SELECT {COLUMNS} FROM subscriptions ORDER BY id"), params![])
}

pub(super) fn one(conn: &Connection, id: SubscriptionId) -> Result<Option<Subscription>> {
    Ok(list(conn, &format!("SELECT {COLUMNS} FROM subscriptions WHERE id = ?1"), params![id.0])?.pop())
}

pub(super) fn due(conn: &Connection, now: DateTime<Utc>, limit: i64) -> Result<Vec<Subscription>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM subscriptions WHERE coalesce(next_poll, 0) <= ?1
         ORDER BY coalesce(next_poll, 0), id LIMIT ?2"
    );
    list(conn, &sql, params![now.timestamp(), limit])
}

pub(super) fn record_poll(conn: &Connection, id: SubscriptionId, outcome: &PollOutcome) -> Result<()> {
    let changed = conn
        .prepare_cached(
            "UPDATE subscriptions SET
                last_polled = ?2, next_poll = ?3, last_status = ?4, last_error = ?5,
                failures = CASE WHEN ?5 IS NULL THEN 0 ELSE failures + 1 END,
                etag = coalesce(?6, etag), last_modified = coalesce(?7, last_modified),
                title = coalesce(title, ?8), articles_found = articles_found + ?9
             WHERE id = ?1",
        )?
        .execute(params![
            id.0,
            outcome.polled_at.timestamp(),
            outcome.next_poll.timestamp(),
            outcome.status,
            outcome.error,
            outcome.etag,
            outcome.last_modified,
            outcome.title,
            i64::try_from(outcome.articles_found).unwrap_or(i64::MAX),
        ])?;
    match changed {
        0 => Err(StoreError::NoSuchSubscription(id)),
        _ => Ok(()),
    }
}

fn list(conn: &Connection, sql: &str, params: &[&dyn rusqlite::ToSql]) -> Result<Vec<Subscription>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(params, from_row)?;
    let mut out = Vec::new();
    for row in rows {
        out.push(row??);
    }
    Ok(out)
}

fn from_row(row: &Row<'_>) -> rusqlite::Result<Result<Subscription>> {
    let id = SubscriptionId(row.get(0)?);
    let kind: String = row.get(2)?;
    let time = |t: Option<i64>| -> Result<Option<DateTime<Utc>>> {
        t.map(|t| {
            DateTime::from_timestamp(t, 0)
                .ok_or_else(|| StoreError::Corrupt(format!("source {id}: a time out of range ({t})")))
        })
        .transpose()
    };
    let (added, polled, next): (i64, Option<i64>, Option<i64>) = (row.get(6)?, row.get(9)?, row.get(10)?);
    let (failures, found): (i64, i64) = (row.get(13)?, row.get(14)?);
    let (url, section, title, allow_private) = (row.get(1)?, row.get(3)?, row.get(4)?, row.get(5)?);
    let (etag, last_modified, status, error) =
        (row.get(7)?, row.get(8)?, row.get::<_, Option<i64>>(11)?, row.get(12)?);
    Ok((|| {
        let Some(kind) = SubscriptionKind::parse(&kind) else {
            return Err(StoreError::Corrupt(format!("source {id}: kind {kind:?}")));
        };
        Ok(Subscription {
            id,
            url,
            kind,
            section,
            title,
            allow_private,
            added_at: time(Some(added))?.unwrap_or_default(),
            etag,
            last_modified,
            last_polled: time(polled)?,
            next_poll: time(next)?,
            last_status: status.and_then(|s| u16::try_from(s).ok()),
            last_error: error,
            failures: u32::try_from(failures.max(0)).unwrap_or(u32::MAX),
            articles_found: found.max(0) as u64,
        })
    })())
}
