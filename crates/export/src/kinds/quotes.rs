//! One row per quote: who (as written, and the entity resolved), the cue, and what was said.

use newsgraph_model::{QuoteKind, shown_quotes};
use newsgraph_store::Store;

use crate::Result;
use crate::select::Selection;
use crate::table::{Column, ColumnType::*, Rows, Value, column};

pub(super) const COLUMNS: &[Column] = &[
    column("article_id", Int),
    column("kind", Text),
    column("speaker", Text),
    column("speaker_entity", Int),
    column("cue", Text),
    column("content", Text),
];

/// Between the pieces of an interrupted quote, as `/api/v1/quotes` joins them.
const PIECE_SEPARATOR: &str = " … ";

pub(super) fn write(store: &dyn Store, selection: &Selection, rows: &mut Rows<'_>) -> Result<()> {
    selection.articles(store, |batch| {
        for stored in batch {
            let quotes = store.article_quotes(stored.id)?;
            if quotes.is_empty() {
                continue;
            }
            let text = stored.article.text();
            for q in shown_quotes(&text, &quotes) {
                let content = q.content.iter().map(|p| p.text).collect::<Vec<_>>().join(PIECE_SEPARATOR);
                rows.push(&[
                    Value::Int(stored.id.0),
                    Value::Text(kind_name(q.kind)),
                    Value::text(q.speaker.as_ref().map(|p| p.text)),
                    Value::int(q.speaker_entity.map(|e| e.0)),
                    Value::text(q.cue.as_ref().map(|p| p.text)),
                    Value::Text(&content),
                ])?;
            }
        }
        Ok(!rows.done())
    })
}

/// As the API spells quote kinds.
fn kind_name(kind: QuoteKind) -> &'static str {
    match kind {
        QuoteKind::Direct => "direct",
        QuoteKind::Mixed => "mixed",
        QuoteKind::Indirect => "indirect",
    }
}
