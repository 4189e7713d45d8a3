//! The `quotes` table: who said what in each article, written with each new article (and again
//! when an article is read again), read for the API and searched by speaker and words.
//!
//! Beside its spans, each quote keeps what its searches need (migration 5): the entity its
//! speaker names (`speaker_entity`, by [`newsgraph_model::speaker_is`]'s rule, resolved
//! against the article's stored mentions whenever the quotes or the mentions are written), and
//! the words of its speaker and its content as [`words`] writes them. Where the speaker stands
//! for a person named elsewhere ("he", "the spokesman"; migration 6), the rule applies to
//! that mention, the quote's `referent`, instead.

use rusqlite::{Connection, Row, Transaction, params};

use super::rows::{ARTICLE_COLUMNS, article_from_row};
use super::spans::{offset, span_ok};
use crate::{FoundQuote, QuoteFilter, Result, SpeakerFilter, StoreError};
use newsgraph_model::{ArticleId, EntityId, Quote, QuoteKind, Span};

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
        "INSERT INTO quotes (article_id, idx, kind, speaker_start, speaker_end, cue_start, cue_end, content,
            speaker_words, content_words, referent_start, referent_end)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
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
        let referent = q.referent.filter(|s| span_ok(*s, text));
        let (speaker_words, content_words) = quote_words(text, speaker, &content);
        insert.execute(params![
            article_id,
            idx,
            kind_str(q.kind),
            speaker.map(|s| offset(s.start)),
            speaker.map(|s| offset(s.end)),
            cue.map(|s| offset(s.start)),
            cue.map(|s| offset(s.end)),
            serde_json::to_string(&content).unwrap_or_else(|_| "[]".into()),
            speaker_words,
            content_words,
            referent.map(|s| offset(s.start)),
            referent.map(|s| offset(s.end)),
        ])?;
        idx += 1;
    }
    resolve_speakers(tx, Some(article_id))
}

/// The words of a quote's speaker (`None` without one) and of its content pieces, as
/// [`words`] writes them; spans already checked against `text`.
fn quote_words(text: &str, speaker: Option<Span>, content: &[[usize; 2]]) -> (Option<String>, String) {
    let speaker = speaker.and_then(|s| s.slice(text)).map(words);
    let pieces: Vec<&str> = content.iter().filter_map(|[s, e]| text.get(*s..*e)).collect();
    (speaker, words(&pieces.join(" ")))
}

/// A text as the quote searches match it: its words (runs of letters and digits) lower-cased,
/// with one space before and after each (`" russia s number one ally "`), so that a pattern
/// `% one ally %` finds whole words in order. Empty text gives `" "`.
pub(super) fn words(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push(' ');
    for word in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        out.extend(word.chars().flat_map(char::to_lowercase));
        out.push(' ');
    }
    out
}

/// Sets the speaker's entity of the quotes of one article (or of all, for `None`) from the
/// article's stored mentions: the first person mention, in text order, that the speaker (or
/// the mention it stands for, its referent) ends in ([`newsgraph_model::speaker_is`]). Run
/// whenever quotes or mentions are written.
pub(super) fn resolve_speakers(tx: &Transaction<'_>, article_id: Option<i64>) -> Result<()> {
    tx.prepare_cached(
        "UPDATE quotes SET speaker_entity = (
            SELECT m.entity_id FROM mentions m
            WHERE m.article_id = quotes.article_id AND m.kind = 'PER'
              AND m.start < coalesce(quotes.referent_end, quotes.speaker_end)
              AND coalesce(quotes.referent_end, quotes.speaker_end) <= m.\"end\"
            ORDER BY m.start, m.\"end\" LIMIT 1)
         WHERE ?1 IS NULL OR article_id = ?1",
    )?
    .execute([article_id])?;
    Ok(())
}

/// Migration 5: the speaker and content words of the quotes stored before it (their
/// speakers' entities follow in migration 6, [`resolve_all_speakers`], once the rule's
/// columns are all there).
pub(super) fn backfill(tx: &Transaction<'_>) -> Result<()> {
    let articles: Vec<i64> = tx
        .prepare("SELECT DISTINCT article_id FROM quotes")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut update = tx.prepare(
        "UPDATE quotes SET speaker_words = ?3, content_words = ?4 WHERE article_id = ?1 AND idx = ?2",
    )?;
    for article in articles {
        let Some(text) = super::stored_text_if_any(tx, ArticleId(article))? else { continue };
        let rows: Vec<(i64, Option<i64>, Option<i64>, String)> = tx
            .prepare_cached(
                "SELECT idx, speaker_start, speaker_end, content FROM quotes WHERE article_id = ?1",
            )?
            .query_map([article], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (idx, start, end, content) in rows {
            let speaker = match (start, end) {
                (Some(s), Some(e)) => Some(Span::new(s.max(0) as usize, e.max(0) as usize)),
                _ => None,
            };
            // A row that does not read is left for `article_quotes` to report.
            let content: Vec<[usize; 2]> = serde_json::from_str(&content).unwrap_or_default();
            let (speaker_words, content_words) = quote_words(&text, speaker, &content);
            update.execute(params![article, idx, speaker_words, content_words])?;
        }
    }
    Ok(())
}

/// Migration 6: the speakers' entities of all stored quotes.
pub(super) fn resolve_all_speakers(tx: &Transaction<'_>) -> Result<()> {
    resolve_speakers(tx, None)
}

/// Deletes the article's quotes, before they are stored again.
pub(super) fn remove_for_article(tx: &Transaction<'_>, article_id: i64) -> Result<()> {
    tx.prepare_cached("DELETE FROM quotes WHERE article_id = ?1")?.execute([article_id])?;
    Ok(())
}

pub(super) fn article_quotes(conn: &Connection, id: ArticleId) -> Result<Vec<Quote>> {
    let mut stmt = conn
        .prepare_cached(&format!("SELECT {QUOTE_COLUMNS} FROM quotes WHERE article_id = ?1 ORDER BY idx"))?;
    let rows = stmt.query_map([id.0], |r| quote_from_row(r, 0))?;
    let mut out = Vec::new();
    for row in rows {
        out.push(quote_from_parts(id, row?)?);
    }
    Ok(out)
}

/// The columns [`quote_from_row`] reads, in its order.
pub(super) const QUOTE_COLUMNS: &str = "idx, kind, speaker_start, speaker_end, cue_start, cue_end, content, speaker_entity, referent_start, referent_end";

pub(super) type QuoteParts = (
    i64,
    String,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    String,
    Option<i64>,
    Option<i64>,
    Option<i64>,
);

/// The [`QUOTE_COLUMNS`] of a row, from column `at` on.
pub(super) fn quote_from_row(r: &Row<'_>, at: usize) -> rusqlite::Result<QuoteParts> {
    Ok((
        r.get(at)?,
        r.get(at + 1)?,
        r.get(at + 2)?,
        r.get(at + 3)?,
        r.get(at + 4)?,
        r.get(at + 5)?,
        r.get(at + 6)?,
        r.get(at + 7)?,
        r.get(at + 8)?,
        r.get(at + 9)?,
    ))
}

pub(super) fn quote_from_parts(id: ArticleId, parts: QuoteParts) -> Result<Quote> {
    let (
        idx,
        kind,
        speaker_start,
        speaker_end,
        cue_start,
        cue_end,
        content,
        speaker_entity,
        referent_start,
        referent_end,
    ) = parts;
    {
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
        Ok(Quote {
            kind: parse_kind(&kind).ok_or_else(corrupt)?,
            speaker: span(speaker_start, speaker_end)?,
            referent: span(referent_start, referent_end)?,
            speaker_entity: speaker_entity.map(EntityId),
            cue: span(cue_start, cue_end)?,
            content: content.into_iter().map(|[s, e]| Span::new(s, e)).collect(),
        })
    }
}

/// The WHERE clause of a quote search: `?1` an entity id, `?2` a speaker phrase pattern and
/// `?3` an entity-name pattern (a name filter), `?4` a JSON array of content words; each NULL
/// (or empty) when the filter does not restrict it.
const FILTER: &str = "(?1 IS NULL OR q.speaker_entity = ?1)
    AND (?3 IS NULL
        OR (?2 IS NOT NULL AND q.speaker_words LIKE ?2)
        OR q.speaker_entity IN (SELECT id FROM entities WHERE name LIKE ?3 ESCAPE '\\'
            OR EXISTS (SELECT 1 FROM json_each(entities.aliases) WHERE value LIKE ?3 ESCAPE '\\')))
    AND NOT EXISTS (SELECT 1 FROM json_each(?4) WHERE q.content_words NOT LIKE '% ' || value || ' %')";

type FilterParams = (Option<i64>, Option<String>, Option<String>, String);

fn filter_params(filter: &QuoteFilter) -> FilterParams {
    let (entity, phrase, name) = match &filter.speaker {
        None => (None, None, None),
        Some(SpeakerFilter::Entity(id)) => (Some(id.0), None, None),
        Some(SpeakerFilter::Name(name)) => {
            let phrase = words(name);
            let escaped: String = name
                .trim()
                .chars()
                .flat_map(|c| if matches!(c, '%' | '_' | '\\') { vec!['\\', c] } else { vec![c] })
                .collect();
            // Words hold letters and digits only: nothing in them for LIKE to read as a wildcard.
            (None, (phrase.len() > 1).then(|| format!("%{phrase}%")), Some(format!("%{escaped}%")))
        }
    };
    let content: Vec<String> = filter
        .words
        .as_deref()
        .map(words)
        .unwrap_or_default()
        .split_whitespace()
        .map(str::to_owned)
        .collect();
    (entity, phrase, name, serde_json::to_string(&content).unwrap_or_else(|_| "[]".into()))
}

pub(super) fn search(
    conn: &Connection,
    filter: &QuoteFilter,
    limit: i64,
    offset: i64,
) -> Result<Vec<FoundQuote>> {
    let rest = format!(
        "FROM quotes q JOIN articles a ON a.id = q.article_id WHERE {FILTER}
         ORDER BY coalesce(a.published_ts, a.imported_ts) DESC, a.id DESC, q.idx LIMIT ?5 OFFSET ?6"
    );
    let (entity, phrase, name, content) = filter_params(filter);
    found_quotes(conn, &rest, params![entity, phrase, name, content, limit, offset])
}

/// Quotes with their articles: `SELECT` every article column (as `a`) and quote column (as
/// `q`) followed by `rest`, the query's `FROM ... JOIN ... WHERE ... ORDER BY ...`.
pub(super) fn found_quotes(
    conn: &Connection,
    rest: &str,
    params: impl rusqlite::Params,
) -> Result<Vec<FoundQuote>> {
    let article_columns: Vec<String> =
        ARTICLE_COLUMNS.split(',').map(|c| format!("a.{}", c.trim())).collect();
    let quote_columns: Vec<String> = QUOTE_COLUMNS.split(',').map(|c| format!("q.{}", c.trim())).collect();
    let sql = format!("SELECT {}, {} {rest}", article_columns.join(", "), quote_columns.join(", "));
    let at = article_columns.len();
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params, |r| Ok((article_from_row(r)?, quote_from_row(r, at)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (article, parts) = row?;
        let article = article?;
        let quote = quote_from_parts(article.id, parts)?;
        out.push(FoundQuote { article, quote });
    }
    Ok(out)
}

pub(super) fn count(conn: &Connection, filter: &QuoteFilter) -> Result<u64> {
    let sql = format!("SELECT count(*) FROM quotes q WHERE {FILTER}");
    let (entity, phrase, name, content) = filter_params(filter);
    let n: i64 =
        conn.prepare_cached(&sql)?.query_row(params![entity, phrase, name, content], |r| r.get(0))?;
    Ok(n.max(0) as u64)
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
