//! Webhooks, the stories each has announced, and their queue of deliveries.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};

use crate::{
    Announcement, Delivery, DeliveryId, DeliveryOutcome, NewWebhook, Result, StoreError, Webhook, WebhookId,
};
use newsgraph_model::{ArticleId, StoryId};

const COLUMNS: &str = "w.id, w.section, w.url, w.allow_private, w.added_at, w.start_article, \
    w.checked_up_to, w.delivered, w.given_up, w.last_delivered, w.last_error, w.last_failed, \
    (SELECT count(*) FROM webhook_stories s WHERE s.webhook_id = w.id AND s.announced), \
    (SELECT count(*) FROM webhook_deliveries d WHERE d.webhook_id = w.id), \
    (SELECT d.next_attempt FROM webhook_deliveries d WHERE d.webhook_id = w.id ORDER BY d.id LIMIT 1)";

pub(super) fn add(tx: &Transaction<'_>, new: &NewWebhook, at: DateTime<Utc>) -> Result<WebhookId> {
    let section: Option<String> =
        tx.query_row("SELECT slug FROM sections WHERE slug = ?1", [&new.section], |r| r.get(0)).optional()?;
    if section.is_none() {
        return Err(StoreError::Invalid(format!("there is no section {:?}", new.section)));
    }
    if new.url.trim().is_empty() {
        return Err(StoreError::Invalid("a webhook needs a URL".into()));
    }
    tx.prepare_cached(
        "INSERT INTO webhooks (section, url, allow_private, added_at, start_article, checked_up_to)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
    )?
    .execute(params![new.section, new.url.trim(), new.allow_private, at.timestamp(), new.start.0])?;
    let id = WebhookId(tx.last_insert_rowid());
    remember(tx, id, &new.seen, false)?;
    Ok(id)
}

pub(super) fn remove(conn: &Connection, id: WebhookId) -> Result<bool> {
    // Its stories and deliveries go with it (ON DELETE CASCADE).
    Ok(conn.execute("DELETE FROM webhooks WHERE id = ?1", [id.0])? > 0)
}

pub(super) fn all(conn: &Connection) -> Result<Vec<Webhook>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM webhooks w ORDER BY w.id"))?;
    let rows = stmt.query_map([], from_row)?;
    let mut out = Vec::new();
    for row in rows {
        out.push(row??);
    }
    Ok(out)
}

pub(super) fn known_stories(conn: &Connection, id: WebhookId, among: &[StoryId]) -> Result<Vec<StoryId>> {
    let mut stmt =
        conn.prepare_cached("SELECT 1 FROM webhook_stories WHERE webhook_id = ?1 AND story_id = ?2")?;
    let mut known = Vec::new();
    for story in among {
        if stmt.exists(params![id.0, story.0])? {
            known.push(*story);
        }
    }
    Ok(known)
}

pub(super) fn announce(tx: &Transaction<'_>, a: &Announcement) -> Result<bool> {
    // Compare and set: only the process that read `from` moves the mark on, so two notifiers
    // running at once (the server's poller and a cron `ingest`) never announce a story twice.
    let moved = tx
        .prepare_cached("UPDATE webhooks SET checked_up_to = ?3 WHERE id = ?1 AND checked_up_to = ?2")?
        .execute(params![a.webhook.0, a.from.0, a.to.0])?;
    if moved == 0 {
        return Ok(false);
    }
    remember(tx, a.webhook, &a.announced, true)?;
    remember(tx, a.webhook, &a.seen, false)?;
    let mut queue = tx.prepare_cached(
        "INSERT INTO webhook_deliveries (webhook_id, payload, created_at, next_attempt)
         VALUES (?1, ?2, ?3, ?3)",
    )?;
    for payload in &a.payloads {
        queue.execute(params![a.webhook.0, payload, a.at.timestamp()])?;
    }
    Ok(true)
}

fn remember(tx: &Transaction<'_>, id: WebhookId, stories: &[StoryId], announced: bool) -> Result<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO webhook_stories (webhook_id, story_id, announced) VALUES (?1, ?2, ?3)
         ON CONFLICT (webhook_id, story_id) DO NOTHING",
    )?;
    for story in stories {
        stmt.execute(params![id.0, story.0, announced])?;
    }
    Ok(())
}

pub(super) fn claim(
    tx: &Transaction<'_>,
    now: DateTime<Utc>,
    until: DateTime<Utc>,
    limit: i64,
) -> Result<Vec<Delivery>> {
    // Each webhook's first delivery only: a receiver gets its stories in order, and one that
    // fails holds back those queued after it.
    let mut stmt = tx.prepare_cached(
        "SELECT d.id, d.webhook_id, w.url, w.allow_private, d.payload, d.created_at, d.attempts
         FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
         WHERE d.id = (SELECT min(id) FROM webhook_deliveries f WHERE f.webhook_id = d.webhook_id)
           AND d.next_attempt <= ?1
         ORDER BY d.next_attempt, d.id LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![now.timestamp(), limit], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, bool>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, i64>(5)?,
            r.get::<_, i64>(6)?,
        ))
    })?;
    let mut claimed = Vec::new();
    for row in rows {
        let (id, webhook, url, allow_private, payload, created, attempts) = row?;
        claimed.push(Delivery {
            id: DeliveryId(id),
            webhook: WebhookId(webhook),
            url,
            allow_private,
            payload,
            created_at: time(created, "delivery", id)?,
            attempts: u32::try_from(attempts.max(0)).unwrap_or(u32::MAX),
        });
    }
    // Hidden from other claims until `until`: a process killed while sending leaves the
    // delivery to be claimed again then.
    let mut hide = tx.prepare_cached("UPDATE webhook_deliveries SET next_attempt = ?2 WHERE id = ?1")?;
    for delivery in &claimed {
        hide.execute(params![delivery.id.0, until.timestamp()])?;
    }
    Ok(claimed)
}

pub(super) fn record(tx: &Transaction<'_>, id: DeliveryId, outcome: &DeliveryOutcome) -> Result<()> {
    let webhook: Option<i64> = tx
        .query_row("SELECT webhook_id FROM webhook_deliveries WHERE id = ?1", [id.0], |r| r.get(0))
        .optional()?;
    // Removed with its webhook while it was being sent: nothing left to record.
    let Some(webhook) = webhook else { return Ok(()) };
    match outcome {
        DeliveryOutcome::Delivered { at } => {
            tx.execute("DELETE FROM webhook_deliveries WHERE id = ?1", [id.0])?;
            tx.execute(
                "UPDATE webhooks SET delivered = delivered + 1, last_delivered = ?2, last_error = NULL
                 WHERE id = ?1",
                params![webhook, at.timestamp()],
            )?;
        }
        DeliveryOutcome::Retry { at, error, retry_at } => {
            tx.execute(
                "UPDATE webhook_deliveries SET attempts = attempts + 1, next_attempt = ?2, last_error = ?3
                 WHERE id = ?1",
                params![id.0, retry_at.timestamp(), error],
            )?;
            failed(tx, webhook, *at, error)?;
        }
        DeliveryOutcome::GaveUp { at, error } => {
            tx.execute("DELETE FROM webhook_deliveries WHERE id = ?1", [id.0])?;
            tx.execute("UPDATE webhooks SET given_up = given_up + 1 WHERE id = ?1", [webhook])?;
            failed(tx, webhook, *at, error)?;
        }
    }
    Ok(())
}

fn failed(tx: &Transaction<'_>, webhook: i64, at: DateTime<Utc>, error: &str) -> Result<()> {
    tx.execute(
        "UPDATE webhooks SET last_error = ?2, last_failed = ?3 WHERE id = ?1",
        params![webhook, error, at.timestamp()],
    )?;
    Ok(())
}

fn time(t: i64, what: &str, id: i64) -> Result<DateTime<Utc>> {
    DateTime::from_timestamp(t, 0)
        .ok_or_else(|| StoreError::Corrupt(format!("{what} {id}: a time out of range ({t})")))
}

fn from_row(row: &Row<'_>) -> rusqlite::Result<Result<Webhook>> {
    let id: i64 = row.get(0)?;
    let (section, url, allow_private, added): (String, String, bool, i64) =
        (row.get(1)?, row.get(2)?, row.get(3)?, row.get(4)?);
    let (start, checked, delivered, given_up): (i64, i64, i64, i64) =
        (row.get(5)?, row.get(6)?, row.get(7)?, row.get(8)?);
    let (last_delivered, last_error, last_failed): (Option<i64>, Option<String>, Option<i64>) =
        (row.get(9)?, row.get(10)?, row.get(11)?);
    let (announced, pending, next): (i64, i64, Option<i64>) = (row.get(12)?, row.get(13)?, row.get(14)?);
    let optional = |t: Option<i64>| t.map(|t| time(t, "webhook", id)).transpose();
    Ok((|| {
        Ok(Webhook {
            id: WebhookId(id),
            section,
            url,
            allow_private,
            added_at: time(added, "webhook", id)?,
            start: ArticleId(start),
            checked_up_to: ArticleId(checked),
            announced: announced.max(0) as u64,
            pending: pending.max(0) as u64,
            delivered: delivered.max(0) as u64,
            given_up: given_up.max(0) as u64,
            last_delivered: optional(last_delivered)?,
            last_error,
            last_failed: optional(last_failed)?,
            next_attempt: optional(next)?,
        })
    })())
}
