//! Spans as the tables hold them: byte offsets into the article's text, checked before they
//! are written.

use newsgraph_model::Span;

/// A byte offset as SQLite stores it; offsets come from a string in memory, so they fit.
pub(super) fn offset(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// Whether a span can be shown: not empty, on the text's character boundaries.
pub(super) fn span_ok(span: Span, text: &str) -> bool {
    span.start < span.end && span.slice(text).is_some()
}
