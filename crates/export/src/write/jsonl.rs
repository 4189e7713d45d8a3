//! JSON Lines: one object per row and line, its keys the column names in column order.

use std::io::{BufWriter, Write};

use crate::Result;
use crate::table::{Column, Sink, Value};

pub(super) struct JsonlSink<W: Write> {
    out: BufWriter<W>,
    /// Each column's key, quoted and followed by its colon, written once here.
    keys: Vec<String>,
}

impl<W: Write> JsonlSink<W> {
    pub fn new(columns: &[Column], out: W) -> Self {
        let keys = columns.iter().map(|c| format!("{}:", serde_json::Value::from(c.name))).collect();
        JsonlSink { out: BufWriter::new(out), keys }
    }
}

impl<W: Write> Sink for JsonlSink<W> {
    fn row(&mut self, row: &[Value<'_>]) -> Result<()> {
        let out = &mut self.out;
        out.write_all(b"{")?;
        for (i, (key, value)) in self.keys.iter().zip(row).enumerate() {
            if i > 0 {
                out.write_all(b",")?;
            }
            out.write_all(key.as_bytes())?;
            match value {
                Value::Null => out.write_all(b"null")?,
                Value::Int(n) => serde_json::to_writer(&mut *out, n).map_err(std::io::Error::from)?,
                Value::Float(x) => serde_json::to_writer(&mut *out, x).map_err(std::io::Error::from)?,
                Value::Text(text) => serde_json::to_writer(&mut *out, text).map_err(std::io::Error::from)?,
                Value::Time(time) => {
                    serde_json::to_writer(&mut *out, &super::rfc3339(time)).map_err(std::io::Error::from)?
                }
                Value::Date(day) => write!(out, "\"{}\"", day.format("%Y-%m-%d"))?,
            }
        }
        out.write_all(b"}\n")?;
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> Result<()> {
        self.out.flush()?;
        Ok(())
    }
}
