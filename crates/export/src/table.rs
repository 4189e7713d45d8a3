//! The shape every export shares: named, typed columns, and rows of values handed one at a
//! time to the format's writer, counted against the row cap.

use chrono::{DateTime, FixedOffset, NaiveDate};

use crate::{Result, Summary};

/// A column's type: one per column in every format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnType {
    /// A 64-bit integer: ids and counts.
    Int,
    /// A 64-bit float.
    Float,
    /// UTF-8 text.
    Text,
    /// An instant: RFC 3339 with its own offset in CSV and JSONL, a UTC timestamp (microseconds)
    /// in Parquet.
    Time,
    /// A calendar day: `YYYY-MM-DD` in CSV and JSONL, a Parquet DATE.
    Date,
}

/// A column as exports write it. Every column may be empty (CSV), `null` (JSONL, Parquet).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub name: &'static str,
    pub kind: ColumnType,
}

pub(crate) const fn column(name: &'static str, kind: ColumnType) -> Column {
    Column { name, kind }
}

/// One cell. A value whose type is not its column's is written as null (a bug, never a panic).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value<'a> {
    Null,
    Int(i64),
    Float(f64),
    Text(&'a str),
    Time(DateTime<FixedOffset>),
    Date(NaiveDate),
}

impl<'a> Value<'a> {
    pub fn text(text: Option<&'a str>) -> Value<'a> {
        text.map_or(Value::Null, Value::Text)
    }

    pub fn int(n: Option<i64>) -> Value<'a> {
        n.map_or(Value::Null, Value::Int)
    }

    pub fn count(n: u64) -> Value<'a> {
        Value::Int(i64::try_from(n).unwrap_or(i64::MAX))
    }

    /// Non-finite numbers (which the store does not keep) as null: neither JSON nor every
    /// reader of CSV has a spelling for them.
    pub fn float(x: Option<f64>) -> Value<'a> {
        x.filter(|x| x.is_finite()).map_or(Value::Null, Value::Float)
    }

    pub fn time(t: Option<DateTime<FixedOffset>>) -> Value<'a> {
        t.map_or(Value::Null, Value::Time)
    }

    pub fn date(d: Option<NaiveDate>) -> Value<'a> {
        d.map_or(Value::Null, Value::Date)
    }
}

/// A format's writer: the header (or schema) goes out first, rows as they come, the end
/// (a Parquet footer) at `finish`.
pub(crate) trait Sink {
    /// One row, its values in the columns' order.
    fn row(&mut self, row: &[Value<'_>]) -> Result<()>;

    /// Writes what is buffered and what ends the file, and flushes the output.
    fn finish(self: Box<Self>) -> Result<()>;
}

/// Rows on their way to a sink, counted; past `max` they are dropped and the export marked cut.
pub(crate) struct Rows<'w> {
    sink: Box<dyn Sink + 'w>,
    written: u64,
    max: Option<u64>,
    truncated: bool,
}

impl<'w> Rows<'w> {
    pub fn new(sink: Box<dyn Sink + 'w>, max: Option<u64>) -> Self {
        Rows { sink, written: 0, max, truncated: false }
    }

    pub fn push(&mut self, row: &[Value<'_>]) -> Result<()> {
        if self.full() {
            self.truncated = true;
            return Ok(());
        }
        self.sink.row(row)?;
        self.written += 1;
        Ok(())
    }

    /// Whether no more rows will be written: callers stop reading the store once it is.
    pub fn full(&self) -> bool {
        self.max.is_some_and(|max| self.written >= max)
    }

    /// Whether callers should stop: full, and known to be cut (one more row was offered).
    pub fn done(&self) -> bool {
        self.truncated
    }

    pub fn finish(self) -> Result<Summary> {
        self.sink.finish()?;
        Ok(Summary { rows: self.written, truncated: self.truncated })
    }
}
