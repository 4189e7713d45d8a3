//! Queries: BM25 over title and body, phrases in quotes, a date window, an entity filter,
//! highlighted snippets.

use chrono::{DateTime, Utc};
use newsgraph_model::{ArticleId, EntityId};
use serde::Serialize;
use std::ops::Bound;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, Occur, Query, QueryParser, RangeQuery, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, Order, TantivyDocument, Term};

use crate::schema::entity_term;
use crate::{IndexError, Result, SearchIndex};

/// Deepest result offset served: tantivy allocates `offset + limit` slots up front.
pub const MAX_OFFSET: usize = 10_000;
/// Most hits served per query.
pub const MAX_LIMIT: usize = 1_000;
/// Most ids [`SearchIndex::matching_ids`] gives.
pub const MAX_IDS: usize = 100_000;

/// Longest snippet shown with a hit, in characters.
const SNIPPET_CHARS: usize = 240;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_bounds_cover_whole_days() {
        let start = parse_date_bound("2022-12-19", DateBound::Start).expect("date");
        let end = parse_date_bound("2022-12-19", DateBound::End).expect("date");
        assert_eq!(start.to_rfc3339(), "2022-12-19T00:00:00+00:00");
        assert_eq!(end.to_rfc3339(), "2022-12-19T23:59:59+00:00");
        let exact = parse_date_bound("2022-12-19T10:00:00+02:00", DateBound::End).expect("date");
        assert_eq!(exact.to_rfc3339(), "2022-12-19T08:00:00+00:00");
        assert!(parse_date_bound("19/12/2022", DateBound::Start).is_err());
    }

    #[test]
    fn lead_snippets_are_escaped_and_cut_at_words() {
        assert_eq!(lead_snippet("  A <b>bold</b>\n\nclaim  ", 240), "A &lt;b&gt;bold&lt;/b&gt; claim");
        assert_eq!(lead_snippet("one two three four", 12), "one two…");
        assert_eq!(lead_snippet("", 12), "");
        assert_eq!(lead_snippet("Donaudampfschifffahrt", 5), "Donau…");
    }
}

#[derive(Debug, Clone, Default)]
pub struct SearchQuery {
    /// Words, `"quoted phrases"`, `-excluded` words, `title:word`; AND between terms. May be
    /// empty when `entity` is given: then every article mentioning it matches.
    pub text: String,
    /// Only articles that mention this entity.
    pub entity: Option<EntityId>,
    /// Only articles that mention every one of these as well (a section naming several).
    pub all_entities: Vec<EntityId>,
    pub since: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
    pub offset: usize,
    pub limit: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct SearchHit {
    pub id: ArticleId,
    /// BM25 relevance; 0 when the query had no text (the hits are then newest first).
    pub score: f32,
    pub title: String,
    pub published: Option<DateTime<Utc>>,
    /// A passage of the body with the matched terms in `<b>…</b>`; the rest is HTML-escaped.
    /// The body's opening when no term of the query is in it.
    pub snippet_html: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct SearchResults {
    /// All matching articles, of which `hits` is the requested page.
    pub total: usize,
    pub hits: Vec<SearchHit>,
}

/// Which end of a date window a user-typed date bounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateBound {
    /// `since`: a bare day means its first second.
    Start,
    /// `until`: a bare day means its last second.
    End,
}

/// Parses a date a user typed for a search window: `YYYY-MM-DD` (whole days, UTC) or RFC 3339.
pub fn parse_date_bound(text: &str, bound: DateBound) -> Result<DateTime<Utc>> {
    let text = text.trim();
    if let Ok(time) = DateTime::parse_from_rfc3339(text) {
        return Ok(time.to_utc());
    }
    let day = chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| IndexError::BadQuery(format!("{text:?} is not a date (use YYYY-MM-DD)")))?;
    let time = match bound {
        DateBound::Start => day.and_hms_opt(0, 0, 0),
        DateBound::End => day.and_hms_opt(23, 59, 59),
    };
    time.map(|t| t.and_utc()).ok_or_else(|| IndexError::BadQuery(format!("{text:?} is out of range")))
}

impl SearchIndex {
    pub fn search(&self, query: &SearchQuery) -> Result<SearchResults> {
        let text = query.text.trim();
        if query.offset > MAX_OFFSET {
            return Err(IndexError::BadQuery(format!("results can be paged to offset {MAX_OFFSET} at most")));
        }
        let query_obj = self.query_for(query)?;
        let searcher = self.reader.searcher();
        let limit = query.limit.clamp(1, MAX_LIMIT);
        let top = TopDocs::with_limit(limit).and_offset(query.offset);
        let (total, top_docs): (usize, Vec<(f32, DocAddress)>) = if text.is_empty() {
            // Nothing to rank by relevance: newest first, as the store lists articles.
            let newest = top.order_by_fast_field::<i64>("newest", Order::Desc);
            let (total, docs) = searcher.search(&*query_obj, &(Count, newest))?;
            (total, docs.into_iter().map(|(_, address)| (0.0, address)).collect())
        } else {
            searcher.search(&*query_obj, &(Count, top))?
        };
        let mut snippets = SnippetGenerator::create(&searcher, &*query_obj, self.fields.body)?;
        snippets.set_max_num_chars(SNIPPET_CHARS);

        let mut hits = Vec::with_capacity(top_docs.len());
        for (score, address) in top_docs {
            let doc: TantivyDocument = searcher.doc(address)?;
            hits.push(self.hit(&doc, score, &snippets));
        }
        Ok(SearchResults { total, hits })
    }

    /// The ids of the articles `query` matches (its window ignored), best first (newest
    /// first without words), at most `limit` (capped at [`MAX_IDS`]): for callers that group
    /// or count articles rather than show them.
    pub fn matching_ids(&self, query: &SearchQuery, limit: usize) -> Result<Vec<ArticleId>> {
        let query_obj = self.query_for(query)?;
        let searcher = self.reader.searcher();
        let top = TopDocs::with_limit(limit.clamp(1, MAX_IDS));
        let addresses: Vec<DocAddress> = if query.text.trim().is_empty() {
            let newest = top.order_by_fast_field::<i64>("newest", Order::Desc);
            searcher.search(&*query_obj, &newest)?.into_iter().map(|(_, address)| address).collect()
        } else {
            searcher.search(&*query_obj, &top)?.into_iter().map(|(_, address)| address).collect()
        };
        let mut ids = Vec::with_capacity(addresses.len());
        for address in addresses {
            // The id's fast column: no stored document is read.
            let column = searcher.segment_reader(address.segment_ord).fast_fields().u64("id")?;
            if let Some(id) = column.first(address.doc_id) {
                ids.push(ArticleId(id as i64));
            }
        }
        Ok(ids)
    }

    /// The query's clauses: its words (BM25 over title and body, the title counting double),
    /// its entities and its date window, all required.
    pub(crate) fn query_for(&self, query: &SearchQuery) -> Result<Box<dyn Query>> {
        let text = query.text.trim();
        if text.is_empty() && query.entity.is_none() && query.all_entities.is_empty() {
            return Err(IndexError::BadQuery("the query is empty".into()));
        }
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        if !text.is_empty() {
            let mut parser = QueryParser::for_index(&self.index, vec![self.fields.title, self.fields.body]);
            parser.set_conjunction_by_default();
            parser.set_field_boost(self.fields.title, 2.0);
            // Lenient: a stray quote or colon in what a user typed still searches the rest.
            let (parsed, _errors) = parser.parse_query_lenient(text);
            clauses.push((Occur::Must, parsed));
        }
        for entity in query.entity.iter().chain(&query.all_entities) {
            let term = Term::from_field_text(self.fields.entity, &entity_term(*entity));
            clauses.push((Occur::Must, Box::new(TermQuery::new(term, IndexRecordOption::Basic))));
        }
        if let Some(range) = self.date_range(query) {
            clauses.push((Occur::Must, range));
        }
        Ok(if clauses.len() == 1 { clauses.remove(0).1 } else { Box::new(BooleanQuery::new(clauses)) })
    }

    pub(crate) fn date_range(&self, query: &SearchQuery) -> Option<Box<dyn Query>> {
        if query.since.is_none() && query.until.is_none() {
            return None;
        }
        let bound = |t: Option<DateTime<Utc>>| match t {
            Some(t) => Bound::Included(Term::from_field_date(
                self.fields.published,
                tantivy::DateTime::from_timestamp_secs(t.timestamp()),
            )),
            None => Bound::Unbounded,
        };
        Some(Box::new(RangeQuery::new(bound(query.since), bound(query.until))))
    }

    fn hit(&self, doc: &TantivyDocument, score: f32, snippets: &SnippetGenerator) -> SearchHit {
        let id = doc.get_first(self.fields.id).and_then(|v| v.as_u64()).unwrap_or(0);
        let title = doc.get_first(self.fields.title).and_then(|v| v.as_str()).unwrap_or("").to_owned();
        let published = doc
            .get_first(self.fields.published)
            .and_then(|v| v.as_datetime())
            .and_then(|d| DateTime::from_timestamp(d.into_timestamp_secs(), 0));
        let mut snippet = snippets.snippet_from_doc(doc);
        snippet.set_snippet_prefix_postfix("<b>", "</b>");
        let snippet_html = if snippet.is_empty() {
            let body = doc.get_first(self.fields.body).and_then(|v| v.as_str()).unwrap_or("");
            lead_snippet(body, SNIPPET_CHARS)
        } else {
            snippet.to_html()
        };
        SearchHit { id: ArticleId(id as i64), score, title, published, snippet_html }
    }
}

/// The first `max` characters of `body`, whitespace folded, cut at a word, HTML-escaped.
fn lead_snippet(body: &str, max: usize) -> String {
    let mut kept = String::new();
    let mut cut = false;
    for word in body.split_whitespace() {
        let sep = usize::from(!kept.is_empty());
        if kept.chars().count() + sep + word.chars().count() > max {
            if kept.is_empty() {
                kept.extend(word.chars().take(max));
            }
            cut = true;
            break;
        }
        if sep == 1 {
            kept.push(' ');
        }
        kept.push_str(word);
    }
    let mut out = String::with_capacity(kept.len() + 8);
    for c in kept.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    if cut {
        out.push('…');
    }
    out
}
