//! The `quotes` table: who said what in each article, written with each new article (and again
//! when an article is read again), read for the API.

use rusqlite::{Connection, Transaction, params};

use crate::{Result, StoreError};
use newsgraph_model::{ArticleId, Quote, QuoteKind, Span};

/// Stores the article's quotes, `text` being the article's text (the spans' reference). A
/// speaker or cue whose span cannot be shown (off the text's char boundaries, empty) is left
/// out; so is a content piece, and a quote with no content left is dropped.
pub(super) fn insert_for_article(
    tx: &Transaction<'_>,
    article_id: i64,
    text: &str,
    quotes: &[Quote],
) -> Result<()> {
    let mut insert = tx.prepare_cached(
        "INSERT INTO quotes (article_id, idx, kind, speaker_start, speaker_end, cue_start, cue_end, content)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    let mut idx = 0i64;
    for q in quotes {
        let content: Vec<[usize; 2]> =
            q.content.iter().filter(|s| span_ok(**s, text)).map(|s| [s.start, s.end]).collect();
        if content.is_empty() {
            continue;
        }
        let speaker = q.speaker.filter(|s| span_ok(*s, text));
        let cue = q.cue.filter(|s| span_ok(*s, text));
        insert.execute(params![
            article_id,
            idx,
            kind_str(q.kind),
            speaker.map(|s| offset(s.start)),
            speaker.map(|s| offset(s.end)),
            cue.map(|s| offset(s.start)),
            cue.map(|s| offset(s.end)),
            serde_json::to_string(&content).unwrap_or_else(|_| "[]".into()),
        ])?;
        idx += 1;
    }
    Ok(())
}

/// Deletes the article's quotes, before they are stored again.
pub(super) fn remove_for_article(tx: &Transaction<'_>, article_id: i64) -> Result<()> {
    tx.prepare_cached("DELETE FROM quotes WHERE article_id = ?1")?.execute([article_id])?;
    Ok(())
}

pub(super) fn article_quotes(conn: &Connection, id: ArticleId) -> Result<Vec<Quote>> {
    let mut stmt = conn.prepare_cached(
        "SELECT idx, kind, speaker_start, speaker_end, cue_start, cue_end, content FROM quotes
         WHERE article_id = ?1 ORDER BY idx",
    )?;
    let rows = stmt.query_map([id.0], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<i64>>(2)?,
            r.get::<_, Option<i64>>(3)?,
            r.get::<_, Option<i64>>(4)?,
            r.get::<_, Option<i64>>(5)?,
            r.get::<_, String>(6)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (idx, kind, speaker_start, speaker_end, cue_start, cue_end, content) = row?;
        let corrupt = || StoreError::Corrupt(format!("article {id}: quote {idx}"));
        let span = |start: Option<i64>, end: Option<i64>| -> Result<Option<Span>> {
            match (start, end) {
                (Some(s), Some(e)) => Ok(Some(Span::new(
                    usize::try_from(s).map_err(|_| corrupt())?,
                    usize::try_from(e).map_err(|_| corrupt())?,
                ))),
                (None, None) => Ok(None),
                _ => Err(corrupt()),
            }
        };
        let content: Vec<[usize; 2]> = serde_json::from_str(&content).map_err(|_| corrupt())?;
        out.push(Quote {
            kind: parse_kind(&kind).ok_or_else(corrupt)?,
            speaker: span(speaker_start, speaker_end)?,
            speaker_entity: None,
            cue: span(cue_start, cue_end)?,
            content: content.into_iter().map(|[s, e]| Span::new(s, e)).collect(),
        });
    }
    Ok(out)
}

fn span_ok(span: Span, text: &str) -> bool {
    span.start < span.end && span.slice(text).is_some()
}

/// The kinds as the table holds them: the model's serde spelling.
fn kind_str(kind: QuoteKind) -> &'static str {
    match kind {
        QuoteKind::Direct => "direct",
        QuoteKind::Mixed => "mixed",
        QuoteKind::Indirect => "indirect",
    }
}

fn parse_kind(text: &str) -> Option<QuoteKind> {
    Some(match text {
        "direct" => QuoteKind::Direct,
        "mixed" => QuoteKind::Mixed,
        "indirect" => QuoteKind::Indirect,
        _ => return None,
    })
}

/// A byte offset as SQLite stores it; offsets come from a string in memory, so they fit.
fn offset(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}
