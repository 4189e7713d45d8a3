//! One row per article: where it is from, when, by whom, where it was filed, and its text.

use std::collections::HashMap;

use newsgraph_model::ArticleId;
use newsgraph_store::Store;

use crate::Result;
use crate::select::Selection;
use crate::table::{Column, ColumnType::*, Rows, Value, column};

pub(super) const COLUMNS: &[Column] = &[
    column("id", Int),
    column("url", Text),
    column("title", Text),
    column("published", Time),
    column("site", Text),
    column("language", Text),
    column("authors", Text),
    column("story_id", Int),
    column("duplicate_of", Int),
    column("rewrite_of", Int),
    column("imported_at", Time),
    column("text", Text),
];

/// How several authors share one cell.
const AUTHOR_SEPARATOR: &str = "; ";

pub(super) fn write(store: &dyn Store, selection: &Selection, rows: &mut Rows<'_>) -> Result<()> {
    selection.articles(store, |batch| {
        let ids: Vec<ArticleId> = batch.iter().map(|a| a.id).collect();
        let filings: HashMap<ArticleId, _> = store.filings(&ids)?.into_iter().collect();
        for stored in batch {
            let a = &stored.article;
            let filing = filings.get(&stored.id);
            let authors = a.authors.join(AUTHOR_SEPARATOR);
            let text = a.text();
            rows.push(&[
                Value::Int(stored.id.0),
                Value::text(a.url.as_deref()),
                Value::Text(&a.title),
                Value::time(a.published),
                Value::text(a.site.as_deref()),
                Value::text(a.language.as_deref()),
                Value::text(Some(authors.as_str()).filter(|s| !s.is_empty())),
                Value::int(filing.map(|f| f.story.0)),
                Value::int(filing.and_then(|f| f.duplicate_of).map(|d| d.0)),
                Value::int(filing.and_then(|f| f.rewrite_of).map(|r| r.0)),
                Value::Time(stored.imported_at.fixed_offset()),
                Value::Text(&text),
            ])?;
        }
        Ok(!rows.done())
    })
}
