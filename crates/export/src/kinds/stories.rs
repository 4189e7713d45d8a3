//! One row per story with a digest: its headline, extent and summary. A story's counts are
//! the whole story's, filter or not: a story is exported whole when one of its articles is.

use std::collections::BTreeSet;

use newsgraph_model::StoryId;
use newsgraph_store::{Store, StoryDigest};

use crate::Result;
use crate::select::Selection;
use crate::table::{Column, ColumnType::*, Rows, Value, column};

pub(super) const COLUMNS: &[Column] = &[
    column("id", Int),
    column("headline", Text),
    column("first_seen", Time),
    column("last_seen", Time),
    column("articles", Int),
    column("outlets", Int),
    column("summary", Text),
];

/// Stories read from the store at once.
const PAGE: u64 = 500;

pub(super) fn write(store: &dyn Store, selection: &Selection, rows: &mut Rows<'_>) -> Result<()> {
    match selection {
        Selection::All => {
            let mut after = StoryId(0);
            loop {
                let page = store.stories_after(after, PAGE)?;
                let Some(last) = page.last() else { return Ok(()) };
                after = last.id;
                for digest in &page {
                    push(rows, digest)?;
                }
                if rows.done() {
                    return Ok(());
                }
            }
        }
        Selection::Ids(_) => {
            // Held: the ids of the distinct stories the selection is filed in.
            let mut stories = BTreeSet::new();
            selection.ids(store, |ids| {
                stories.extend(store.filings(ids)?.into_iter().map(|(_, filing)| filing.story));
                Ok(true)
            })?;
            for id in stories {
                // A story not summed up yet has no digest to export.
                if let Some(digest) = store.story(id)? {
                    push(rows, &digest)?;
                }
                if rows.done() {
                    break;
                }
            }
            Ok(())
        }
    }
}

fn push(rows: &mut Rows<'_>, digest: &StoryDigest) -> Result<()> {
    // Its sentences, in the order of the digest, as one text.
    let summary = digest.summary.join(" ");
    rows.push(&[
        Value::Int(digest.id.0),
        Value::Text(&digest.headline),
        Value::Time(digest.first_seen.fixed_offset()),
        Value::Time(digest.last_seen.fixed_offset()),
        Value::count(digest.articles),
        Value::count(digest.outlets),
        Value::Text(&summary),
    ])
}
