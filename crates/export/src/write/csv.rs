//! CSV: a header row of the column names, then one record per row, quoted where needed by the
//! `csv` crate (RFC 4180); an empty field is a null.

use std::io::Write;

use crate::Result;
use crate::table::{Column, Sink, Value};

pub(super) struct CsvSink<W: Write> {
    out: csv::Writer<W>,
    /// One field's text, reused from row to row.
    cells: Vec<String>,
}

impl<W: Write> CsvSink<W> {
    pub fn new(columns: &[Column], out: W) -> Result<Self> {
        let mut out = csv::WriterBuilder::new().from_writer(out);
        out.write_record(columns.iter().map(|c| c.name))?;
        Ok(CsvSink { out, cells: vec![String::new(); columns.len()] })
    }
}

impl<W: Write> Sink for CsvSink<W> {
    fn row(&mut self, row: &[Value<'_>]) -> Result<()> {
        for (cell, value) in self.cells.iter_mut().zip(row) {
            cell.clear();
            match value {
                Value::Null => {}
                Value::Int(n) => cell.push_str(&n.to_string()),
                // Rust's shortest round-trip form, never an exponent: 200000, 0.35.
                Value::Float(x) => cell.push_str(&x.to_string()),
                Value::Text(text) => cell.push_str(text),
                Value::Time(time) => cell.push_str(&super::rfc3339(time)),
                Value::Date(day) => cell.push_str(&day.format("%Y-%m-%d").to_string()),
            }
        }
        self.out.write_record(&self.cells)?;
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> Result<()> {
        self.out.flush()?;
        Ok(())
    }
}
