//! Every article a query matches, as ids only: for exports, which read the articles
//! themselves from the store in id order and need neither ranking nor stored documents.

use newsgraph_model::ArticleId;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query, TermSetQuery};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader, Term};

use crate::{IndexError, Result, SearchIndex, SearchQuery};

/// Most ids [`SearchIndex::all_matching_ids`] gathers: 8 bytes each, so at most 8 MB held.
pub const MAX_ALL_IDS: usize = 1_000_000;

impl SearchIndex {
    /// The ids of every article `query` matches (its words, entities and date window; its
    /// offset and limit are ignored), in ascending order. Without words or entities the
    /// window alone selects; without any of them every indexed article matches. Unranked
    /// and read from the id column, so no stored document is loaded.
    ///
    /// More than `cap` matches (itself capped at [`MAX_ALL_IDS`]) is
    /// [`IndexError::BadQuery`]: the caller asked for everything, and a cut list would
    /// silently lose some.
    pub fn all_matching_ids(&self, query: &SearchQuery, cap: usize) -> Result<Vec<ArticleId>> {
        let cap = cap.min(MAX_ALL_IDS);
        let has_terms =
            !query.text.trim().is_empty() || query.entity.is_some() || !query.all_entities.is_empty();
        let query_obj: Box<dyn Query> = if has_terms {
            self.query_for(query)?
        } else {
            self.date_range(query).unwrap_or_else(|| Box::new(AllQuery))
        };
        let searcher = self.reader.searcher();
        let mut ids = searcher.search(&*query_obj, &IdsCollector { keep: cap.saturating_add(1) })?;
        if ids.len() > cap {
            return Err(IndexError::BadQuery(format!(
                "more than {cap} articles match; narrow the search (words, an entity, dates)"
            )));
        }
        ids.sort_unstable();
        Ok(ids.into_iter().map(|id| ArticleId(id as i64)).collect())
    }
}

/// Collects the id column of matching documents, at most `keep` per segment (enough for the
/// caller to tell that there were more than it wanted).
struct IdsCollector {
    keep: usize,
}

struct SegmentIds {
    column: Column<u64>,
    keep: usize,
    ids: Vec<u64>,
}

impl Collector for IdsCollector {
    type Fruit = Vec<u64>;
    type Child = SegmentIds;

    fn for_segment(&self, _ord: SegmentOrdinal, segment: &SegmentReader) -> tantivy::Result<SegmentIds> {
        let column = segment.fast_fields().u64("id")?;
        Ok(SegmentIds { column, keep: self.keep, ids: Vec::new() })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Vec<u64>>) -> tantivy::Result<Vec<u64>> {
        let mut all = Vec::with_capacity(fruits.iter().map(Vec::len).sum::<usize>().min(self.keep));
        for ids in fruits {
            all.extend(ids.into_iter().take(self.keep - all.len().min(self.keep)));
        }
        Ok(all)
    }
}

impl SegmentCollector for SegmentIds {
    type Fruit = Vec<u64>;

    fn collect(&mut self, doc: DocId, _score: Score) {
        if self.ids.len() < self.keep
            && let Some(id) = self.column.first(doc)
        {
            self.ids.push(id);
        }
    }

    fn harvest(self) -> Vec<u64> {
        self.ids
    }
}

impl SearchIndex {
    /// Which of `ids` `query` matches (its words, entities and date window), in ascending
    /// order: whether particular articles, just stored, belong to a saved search, however many
    /// other articles match it. Ids not indexed are not matched.
    ///
    /// The reader is brought up to the latest commit first: a caller decides what to ask from
    /// [`SearchIndex::indexed_up_to`], which reads the latest commit, and another process may
    /// have committed since this one's reader last looked.
    pub fn matching_among(&self, query: &SearchQuery, ids: &[ArticleId]) -> Result<Vec<ArticleId>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let terms: Vec<Term> =
            ids.iter().map(|id| Term::from_field_u64(self.fields.id, crate::id_value(*id))).collect();
        let among: Box<dyn Query> = Box::new(TermSetQuery::new(terms));
        let both = BooleanQuery::new(vec![(Occur::Must, self.query_for(query)?), (Occur::Must, among)]);
        self.reader.reload()?;
        let searcher = self.reader.searcher();
        let mut found = searcher.search(&both, &IdsCollector { keep: ids.len() })?;
        found.sort_unstable();
        found.dedup();
        Ok(found.into_iter().map(|id| ArticleId(id as i64)).collect())
    }
}
