//! Exports: what the store holds, written out for other tools as CSV, JSON Lines or Parquet.
//!
//! Six kinds of rows ([`What`]): articles, the entities they mention, their quotes, amounts and
//! time expressions, and the stories they are filed in. A [`Filter`] selects articles as
//! `/api/v1/search` does (words, an entity, a publication window, through the search index);
//! the other kinds are then restricted to those articles. Without a filter, everything.
//!
//! Every kind has one flat table of columns ([`columns`]), the same in all three formats, so a
//! CSV and a Parquet file of one export hold the same values. Nothing is held whole: articles
//! are read a batch at a time in id order (all of them by [`Store::articles_after`], a search's
//! by [`Store::articles_by_id`] from the ids the index gives), and Parquet is written in row
//! groups of bounded size. What is held grows only with the selection's ids (8 bytes each,
//! [`newsgraph_index::MAX_ALL_IDS`] at most) and, for entities and stories of a selection,
//! with the distinct entities or stories found.
//!
//! The crate stands apart from `web` and `pipeline` so that Arrow and Parquet build once, in
//! parallel with the rest, and only where exports are wanted; it knows nothing of HTTP.

mod error;
mod kinds;
mod select;
mod table;
mod write;

use std::io::Write;

use chrono::{DateTime, Utc};
use newsgraph_index::SearchIndex;
use newsgraph_model::EntityId;
use newsgraph_store::Store;

pub use error::ExportError;
pub use table::{Column, ColumnType};
pub use write::ROW_GROUP_ROWS;

pub type Result<T> = std::result::Result<T, ExportError>;

/// Which rows an export writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum What {
    Articles,
    Entities,
    Quotes,
    Amounts,
    Times,
    Stories,
}

impl What {
    pub const ALL: [What; 6] =
        [What::Articles, What::Entities, What::Quotes, What::Amounts, What::Times, What::Stories];

    pub fn as_str(self) -> &'static str {
        match self {
            What::Articles => "articles",
            What::Entities => "entities",
            What::Quotes => "quotes",
            What::Amounts => "amounts",
            What::Times => "times",
            What::Stories => "stories",
        }
    }

    /// The kind by its name, in any case.
    pub fn parse(text: &str) -> Option<What> {
        What::ALL.into_iter().find(|w| w.as_str().eq_ignore_ascii_case(text.trim()))
    }
}

/// How an export is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// RFC 4180 CSV with a header row, UTF-8.
    Csv,
    /// One JSON object per line.
    Jsonl,
    /// Apache Parquet, Snappy-compressed, in row groups of at most [`ROW_GROUP_ROWS`] rows.
    Parquet,
}

impl Format {
    pub const ALL: [Format; 3] = [Format::Csv, Format::Jsonl, Format::Parquet];

    pub fn as_str(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Jsonl => "jsonl",
            Format::Parquet => "parquet",
        }
    }

    /// The format by its name, in any case.
    pub fn parse(text: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.as_str().eq_ignore_ascii_case(text.trim()))
    }

    /// The media type to send it as.
    pub fn content_type(self) -> &'static str {
        match self {
            Format::Csv => "text/csv; charset=utf-8",
            Format::Jsonl => "application/x-ndjson",
            Format::Parquet => "application/vnd.apache.parquet",
        }
    }
}

/// The file name an export is offered under: `newsgraph-articles.csv`.
pub fn file_name(what: What, format: Format) -> String {
    format!("newsgraph-{}.{}", what.as_str(), format.as_str())
}

/// Which articles an export covers, as `/api/v1/search` selects them; the default is all.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    /// Search words (the index's query language); blank is none.
    pub text: Option<String>,
    /// Only articles that mention this entity.
    pub entity: Option<EntityId>,
    /// Only articles published in this window (undated articles are then left out, as a
    /// search leaves them out).
    pub since: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
}

impl Filter {
    /// Whether it selects every article.
    pub fn is_empty(&self) -> bool {
        self.words().is_none() && self.entity.is_none() && self.since.is_none() && self.until.is_none()
    }

    fn words(&self) -> Option<&str> {
        self.text.as_deref().map(str::trim).filter(|t| !t.is_empty())
    }
}

/// One export asked for.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    pub what: What,
    pub format: Format,
    pub filter: Filter,
    /// Rows written at most; `None`: all.
    pub max_rows: Option<u64>,
}

/// What an export wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub rows: u64,
    /// Whether rows were left out because `max_rows` was reached.
    pub truncated: bool,
}

/// The columns of a kind of rows, in the order written.
pub fn columns(what: What) -> &'static [Column] {
    kinds::columns(what)
}

/// An export whose articles are chosen: made by [`plan`] before anything is written, so that a
/// bad filter fails while an HTTP answer can still say so.
#[derive(Debug)]
pub struct Plan {
    request: Request,
    selection: select::Selection,
}

/// Runs the filter's search (when there is one); fails with a user error
/// ([`ExportError::user_error`]) when the index refuses it, as when too many articles match.
pub fn plan(index: &SearchIndex, request: &Request) -> Result<Plan> {
    let selection = select::Selection::resolve(index, &request.filter)?;
    Ok(Plan { request: request.clone(), selection })
}

impl Plan {
    /// How many articles the filter selected; `None` for all of them.
    pub fn selected(&self) -> Option<usize> {
        self.selection.len()
    }

    /// Writes the export to `out`, then flushes it.
    pub fn write<W: Write + Send>(&self, store: &dyn Store, out: W) -> Result<Summary> {
        let what = self.request.what;
        let sink = write::sink(self.request.format, kinds::columns(what), out)?;
        let mut rows = table::Rows::new(sink, self.request.max_rows);
        kinds::write(what, store, &self.selection, &mut rows)?;
        rows.finish()
    }
}

/// [`plan`], then [`Plan::write`].
pub fn export<W: Write + Send>(
    store: &dyn Store,
    index: &SearchIndex,
    request: &Request,
    out: W,
) -> Result<Summary> {
    plan(index, request)?.write(store, out)
}
