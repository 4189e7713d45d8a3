//! The `amounts` and `times` tables: written with each new article (and again when an
//! article is read again), read for the article page and API.

use chrono::NaiveDate;
use rusqlite::{Connection, Transaction, params};

use super::spans::{offset, span_ok};
use crate::{Result, StoreError};
use newsgraph_model::{Amount, ArticleId, Span, TimeGranularity, TimeRef};

/// Stores the article's amounts and time expressions, `text` being the article's text (the
/// spans' reference). As with mentions, one that cannot be shown (a span off the text's char
/// boundaries, an amount that is not a finite number) is dropped rather than failing the batch.
pub(super) fn insert_for_article(
    tx: &Transaction<'_>,
    article_id: i64,
    text: &str,
    amounts: &[Amount],
    times: &[TimeRef],
) -> Result<()> {
    let mut insert = tx.prepare_cached(
        "INSERT INTO amounts (article_id, start, \"end\", value, value_max, unit, counted)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for a in amounts.iter().filter(|a| span_ok(a.span, text) && a.value.is_finite()) {
        insert.execute(params![
            article_id,
            offset(a.span.start),
            offset(a.span.end),
            a.value,
            a.value_max.filter(|v| v.is_finite()),
            blank_to_none(a.unit.as_deref()),
            blank_to_none(a.counted.as_deref()),
        ])?;
    }
    let mut insert = tx.prepare_cached(
        "INSERT INTO times (article_id, start, \"end\", start_date, end_date, granularity)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for t in times.iter().filter(|t| span_ok(t.span, text)) {
        insert.execute(params![
            article_id,
            offset(t.span.start),
            offset(t.span.end),
            t.start.map(date_str),
            t.end.map(date_str),
            t.granularity.map(granularity_str),
        ])?;
    }
    Ok(())
}

/// Deletes the article's amounts and time expressions, before they are stored again.
pub(super) fn remove_for_article(tx: &Transaction<'_>, article_id: i64) -> Result<()> {
    tx.prepare_cached("DELETE FROM amounts WHERE article_id = ?1")?.execute([article_id])?;
    tx.prepare_cached("DELETE FROM times WHERE article_id = ?1")?.execute([article_id])?;
    Ok(())
}

pub(super) fn article_amounts(conn: &Connection, id: ArticleId) -> Result<Vec<Amount>> {
    let mut stmt = conn.prepare_cached(
        "SELECT start, \"end\", value, value_max, unit, counted FROM amounts WHERE article_id = ?1
         ORDER BY start, \"end\", rowid",
    )?;
    let rows = stmt.query_map([id.0], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (start, end, value, value_max, unit, counted) = row?;
        out.push(Amount { span: span(id, "an amount", start, end)?, value, value_max, unit, counted });
    }
    Ok(out)
}

pub(super) fn article_times(conn: &Connection, id: ArticleId) -> Result<Vec<TimeRef>> {
    let mut stmt = conn.prepare_cached(
        "SELECT start, \"end\", start_date, end_date, granularity FROM times WHERE article_id = ?1
         ORDER BY start, \"end\", rowid",
    )?;
    let rows = stmt.query_map([id.0], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, Option<String>>(2)?,
            r.get::<_, Option<String>>(3)?,
            r.get::<_, Option<String>>(4)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (start, end, start_date, end_date, granularity) = row?;
        let corrupt = || StoreError::Corrupt(format!("article {id}: a time expression at {start}..{end}"));
        let date = |d: Option<String>| {
            d.map(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").map_err(|_| corrupt())).transpose()
        };
        out.push(TimeRef {
            span: span(id, "a time expression", start, end)?,
            start: date(start_date)?,
            end: date(end_date)?,
            granularity: granularity.map(|g| parse_granularity(&g).ok_or_else(corrupt)).transpose()?,
        });
    }
    Ok(out)
}

fn span(id: ArticleId, what: &str, start: i64, end: i64) -> Result<Span> {
    let corrupt = || StoreError::Corrupt(format!("article {id}: {what} at {start}..{end}"));
    Ok(Span::new(
        usize::try_from(start).map_err(|_| corrupt())?,
        usize::try_from(end).map_err(|_| corrupt())?,
    ))
}

fn blank_to_none(text: Option<&str>) -> Option<&str> {
    text.map(str::trim).filter(|t| !t.is_empty())
}

fn date_str(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// The granularities as the table holds them: the model's serde spelling.
fn granularity_str(g: TimeGranularity) -> &'static str {
    match g {
        TimeGranularity::Day => "day",
        TimeGranularity::Week => "week",
        TimeGranularity::Month => "month",
        TimeGranularity::Season => "season",
        TimeGranularity::Year => "year",
    }
}

fn parse_granularity(text: &str) -> Option<TimeGranularity> {
    Some(match text {
        "day" => TimeGranularity::Day,
        "week" => TimeGranularity::Week,
        "month" => TimeGranularity::Month,
        "season" => TimeGranularity::Season,
        "year" => TimeGranularity::Year,
        _ => return None,
    })
}
