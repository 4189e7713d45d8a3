//! Queries: BM25 over title and body, phrases in quotes, a date window, highlighted snippets.

use chrono::{DateTime, Utc};
use newsgraph_model::ArticleId;
use serde::Serialize;
use std::ops::Bound;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, Occur, Query, QueryParser, RangeQuery};
use tantivy::schema::Value;
use tantivy::snippet::SnippetGenerator;
use tantivy::{TantivyDocument, Term};

use crate::{IndexError, Result, SearchIndex};

/// Deepest result offset served: tantivy allocates `offset + limit` slots up front.
pub const MAX_OFFSET: usize = 10_000;
/// Most hits served per query.
pub const MAX_LIMIT: usize = 1_000;

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
}

#[derive(Debug, Clone, Default)]
pub struct SearchQuery {
    /// Words, `"quoted phrases"`, `-excluded` words, `title:word`; AND between terms.
    pub text: String,
    pub since: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
    pub offset: usize,
    pub limit: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct SearchHit {
    pub id: ArticleId,
    pub score: f32,
    pub title: String,
    pub published: Option<DateTime<Utc>>,
    /// A passage of the body with the matched terms in `<b>…</b>`; the rest is HTML-escaped.
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
        if text.is_empty() {
            return Err(IndexError::BadQuery("the query is empty".into()));
        }
        let mut parser = QueryParser::for_index(&self.index, vec![self.fields.title, self.fields.body]);
        parser.set_conjunction_by_default();
        parser.set_field_boost(self.fields.title, 2.0);
        // Lenient: a stray quote or colon in what a user typed still searches the rest.
        let (parsed, _errors) = parser.parse_query_lenient(text);
        let query_obj = self.with_dates(parsed, query);

        let searcher = self.reader.searcher();
        if query.offset > MAX_OFFSET {
            return Err(IndexError::BadQuery(format!("results can be paged to offset {MAX_OFFSET} at most")));
        }
        let limit = query.limit.clamp(1, MAX_LIMIT);
        let top = TopDocs::with_limit(limit).and_offset(query.offset);
        let (total, top_docs) = searcher.search(&*query_obj, &(Count, top))?;
        let mut snippets = SnippetGenerator::create(&searcher, &*query_obj, self.fields.body)?;
        snippets.set_max_num_chars(SNIPPET_CHARS);

        let mut hits = Vec::with_capacity(top_docs.len());
        for (score, address) in top_docs {
            let doc: TantivyDocument = searcher.doc(address)?;
            hits.push(self.hit(&doc, score, &snippets));
        }
        Ok(SearchResults { total, hits })
    }

    fn with_dates(&self, text_query: Box<dyn Query>, query: &SearchQuery) -> Box<dyn Query> {
        if query.since.is_none() && query.until.is_none() {
            return text_query;
        }
        let bound = |t: Option<DateTime<Utc>>| match t {
            Some(t) => Bound::Included(Term::from_field_date(
                self.fields.published,
                tantivy::DateTime::from_timestamp_secs(t.timestamp()),
            )),
            None => Bound::Unbounded,
        };
        let range = RangeQuery::new(bound(query.since), bound(query.until));
        Box::new(BooleanQuery::new(vec![(Occur::Must, text_query), (Occur::Must, Box::new(range))]))
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
        SearchHit { id: ArticleId(id as i64), score, title, published, snippet_html: snippet.to_html() }
    }
}
