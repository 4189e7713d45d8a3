//! Mapping between `articles` rows and the model types.

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use rusqlite::{Row, Statement, Transaction, params};
use serde::de::DeserializeOwned;

use crate::{NewArticle, Result, StoreError};
use newsgraph_model::{Article, ArticleId, ContentHash, PageType, Source, SourceKind, StoredArticle};

pub(super) const ARTICLE_COLUMNS: &str = "id, content_hash, url, title, title_inferred, authors, \
    published, language, site, paragraphs, related_headlines, boilerplate, source_kind, \
    source_location, fetched_at, imported_at, paragraph_kinds, updated, description, lead_image, page_type";

pub(super) fn insert_article(tx: &Transaction<'_>, new: &NewArticle, hash: &ContentHash) -> Result<i64> {
    let a = &new.article;
    tx.prepare_cached(
        "INSERT INTO articles (content_hash, url, title, title_inferred, authors, published,
            published_ts, language, site, paragraphs, related_headlines, boilerplate,
            source_kind, source_location, fetched_at, imported_at, imported_ts, paragraph_kinds,
            updated, description, lead_image, page_type)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20,
            ?21, ?22)",
    )?
    .execute(params![
        hash.0,
        a.url,
        a.title,
        a.title_inferred,
        json(&a.authors),
        a.published.map(|p| p.to_rfc3339()),
        a.published.map(|p| p.timestamp()),
        a.language,
        a.site,
        json(&a.paragraphs),
        json(&a.related_headlines),
        json(&a.boilerplate),
        new.source.kind.as_str(),
        new.source.location,
        new.fetched_at.map(|t| t.to_rfc3339()),
        new.imported_at.to_rfc3339(),
        new.imported_at.timestamp(),
        json(&a.paragraph_kinds),
        a.updated.map(|p| p.to_rfc3339()),
        a.description,
        a.lead_image,
        a.page_type.as_str(),
    ])?;
    Ok(tx.last_insert_rowid())
}

/// Puts a newer version of its page in a stored article's row: the article's own fields, its
/// content hash and fetch time; its source, import time and filing stay.
pub(super) fn update_article(
    tx: &Transaction<'_>,
    id: i64,
    new: &NewArticle,
    hash: &ContentHash,
) -> Result<()> {
    let a = &new.article;
    tx.prepare_cached(
        "UPDATE articles SET content_hash = ?2, url = ?3, title = ?4, title_inferred = ?5, authors = ?6,
            published = ?7, published_ts = ?8, language = ?9, site = ?10, paragraphs = ?11,
            related_headlines = ?12, boilerplate = ?13, fetched_at = ?14, paragraph_kinds = ?15,
            updated = ?16, description = ?17, lead_image = ?18, page_type = ?19
         WHERE id = ?1",
    )?
    .execute(params![
        id,
        hash.0,
        a.url,
        a.title,
        a.title_inferred,
        json(&a.authors),
        a.published.map(|p| p.to_rfc3339()),
        a.published.map(|p| p.timestamp()),
        a.language,
        a.site,
        json(&a.paragraphs),
        json(&a.related_headlines),
        json(&a.boilerplate),
        new.fetched_at.map(|t| t.to_rfc3339()),
        json(&a.paragraph_kinds),
        a.updated.map(|p| p.to_rfc3339()),
        a.description,
        a.lead_image,
        a.page_type.as_str(),
    ])?;
    Ok(())
}

/// Reads one row selected with [`ARTICLE_COLUMNS`]. The outer `Result` is SQLite's, the inner
/// one reports stored values that no longer parse.
pub(super) fn article_from_row(row: &Row<'_>) -> rusqlite::Result<Result<StoredArticle>> {
    let source_kind: String = row.get(12)?;
    let published: Option<String> = row.get(6)?;
    let fetched_at: Option<String> = row.get(14)?;
    let imported_at: String = row.get(15)?;
    let paragraph_kinds: String = row.get(16)?;
    let updated: Option<String> = row.get(17)?;
    let description = row.get(18)?;
    let lead_image = row.get(19)?;
    let page_type: String = row.get(20)?;
    let fields = (
        row.get::<_, String>(5)?,
        row.get::<_, String>(9)?,
        row.get::<_, String>(10)?,
        row.get::<_, String>(11)?,
    );
    let id = ArticleId(row.get(0)?);
    let content_hash = ContentHash(row.get(1)?);
    let url = row.get(2)?;
    let title = row.get(3)?;
    let title_inferred = row.get(4)?;
    let language = row.get(7)?;
    let site = row.get(8)?;
    let location = row.get(13)?;
    Ok((|| {
        let owner = format!("article {id}");
        let kind = SourceKind::parse(&source_kind).ok_or_else(|| {
            StoreError::Corrupt(format!("article {id}: unknown source kind {source_kind:?}"))
        })?;
        let page_type = PageType::parse(&page_type)
            .ok_or_else(|| StoreError::Corrupt(format!("article {id}: unknown page type {page_type:?}")))?;
        Ok(StoredArticle {
            id,
            article: Article {
                url,
                title,
                title_inferred,
                authors: parse_json(&owner, "authors", &fields.0)?,
                published: published.as_deref().map(|p| parse_time(id, p)).transpose()?,
                language,
                site,
                paragraphs: parse_json(&owner, "paragraphs", &fields.1)?,
                paragraph_kinds: parse_json(&owner, "paragraph_kinds", &paragraph_kinds)?,
                related_headlines: parse_json(&owner, "related_headlines", &fields.2)?,
                boilerplate: parse_json(&owner, "boilerplate", &fields.3)?,
                updated: updated.as_deref().map(|p| parse_time(id, p)).transpose()?,
                description,
                lead_image,
                page_type,
            },
            content_hash,
            source: Source { kind, location },
            fetched_at: fetched_at
                .as_deref()
                .map(|t| parse_time(id, t).map(|t| t.with_timezone(&Utc)))
                .transpose()?,
            imported_at: parse_time(id, &imported_at)?.with_timezone(&Utc),
        })
    })())
}

/// The (`YYYY-MM-DD` day, count) rows a timeline query gives for `id`, as dates; `what` names
/// whose rows they are in the error for a day that does not read ("story 5: an article").
pub(super) fn day_counts(stmt: &mut Statement<'_>, id: i64, what: &str) -> Result<Vec<(NaiveDate, u64)>> {
    day_counts_of(stmt, [id], what)
}

/// [`day_counts`] with any parameters.
pub(super) fn day_counts_of(
    stmt: &mut Statement<'_>,
    params: impl rusqlite::Params,
    what: &str,
) -> Result<Vec<(NaiveDate, u64)>> {
    let rows = stmt.query_map(params, |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (day, n) = row?;
        let day = NaiveDate::parse_from_str(&day, "%Y-%m-%d")
            .map_err(|_| StoreError::Corrupt(format!("{what} dated {day:?}")))?;
        out.push((day, n.max(0) as u64));
    }
    Ok(out)
}

pub(super) fn json<T: serde::Serialize>(value: &T) -> String {
    // Serialising plain strings and structs of strings cannot fail.
    serde_json::to_string(value).unwrap_or_else(|_| "[]".to_owned())
}

/// Parses a JSON column of the row `owner` ("article 7") names.
pub(super) fn parse_json<T: DeserializeOwned>(owner: &str, column: &str, text: &str) -> Result<T> {
    serde_json::from_str(text).map_err(|e| StoreError::Corrupt(format!("{owner}: {column}: {e}")))
}

pub(super) fn parse_time(id: ArticleId, text: &str) -> Result<DateTime<FixedOffset>> {
    DateTime::parse_from_rfc3339(text)
        .map_err(|e| StoreError::Corrupt(format!("article {id}: time {text:?}: {e}")))
}
