//! The three formats, each a [`Sink`] over any `Write`.

mod csv;
mod jsonl;
mod parquet;

use std::io::Write;

use chrono::{DateTime, FixedOffset, SecondsFormat};

use crate::table::{Column, Sink};
use crate::{Format, Result};

pub use self::parquet::ROW_GROUP_ROWS;

pub(crate) fn sink<'w, W: Write + Send + 'w>(
    format: Format,
    columns: &'static [Column],
    out: W,
) -> Result<Box<dyn Sink + 'w>> {
    Ok(match format {
        Format::Csv => Box::new(csv::CsvSink::new(columns, out)?),
        Format::Jsonl => Box::new(jsonl::JsonlSink::new(columns, out)),
        Format::Parquet => Box::new(parquet::ParquetSink::new(columns, out)?),
    })
}

/// An instant as the text formats write it: RFC 3339 in its own offset, `Z` for UTC, fractions
/// of a second only when there are some.
fn rfc3339(time: &DateTime<FixedOffset>) -> String {
    time.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::{ColumnType, Value, column};
    use ::parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
    use arrow_array::{Array, RecordBatch};
    use bytes::Bytes;
    use chrono::NaiveDate;

    const COLUMNS: &[Column] = &[
        column("n", ColumnType::Int),
        column("x", ColumnType::Float),
        column("s", ColumnType::Text),
        column("t", ColumnType::Time),
        column("d", ColumnType::Date),
    ];

    fn written(format: Format, rows: &[Vec<Value<'_>>]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut sink = sink(format, COLUMNS, &mut out).expect("sink");
        for row in rows {
            sink.row(row).expect("row");
        }
        sink.finish().expect("finish");
        out
    }

    fn sample() -> Vec<Vec<Value<'static>>> {
        let time = DateTime::parse_from_rfc3339("2022-12-19T10:30:00+03:00").expect("time");
        let day = NaiveDate::from_ymd_opt(2022, 12, 19).expect("day");
        vec![
            vec![
                Value::Int(-7),
                Value::Float(200_000.0),
                Value::Text("a \"quoted\", two-line\nvalue"),
                Value::Time(time),
                Value::Date(day),
            ],
            vec![Value::Null, Value::Float(0.35), Value::Text(""), Value::Null, Value::Null],
            // A value of the wrong type is written as null, not a panic.
            vec![Value::Text("7"), Value::Null, Value::Int(3), Value::Date(day), Value::Time(time)],
        ]
    }

    #[test]
    fn csv_quotes_what_needs_quoting_and_leaves_nulls_empty() {
        let text = String::from_utf8(written(Format::Csv, &sample())).expect("utf-8");
        let mut reader = ::csv::Reader::from_reader(text.as_bytes());
        assert_eq!(reader.headers().expect("header"), vec!["n", "x", "s", "t", "d"]);
        let records: Vec<::csv::StringRecord> = reader.records().map(|r| r.expect("record")).collect();
        assert_eq!(
            records[0],
            vec!["-7", "200000", "a \"quoted\", two-line\nvalue", "2022-12-19T10:30:00+03:00", "2022-12-19"]
        );
        assert_eq!(records[1], vec!["", "0.35", "", "", ""]);
        assert_eq!(records.len(), 3);
    }

    #[test]
    fn jsonl_is_one_object_per_line_in_column_order() {
        let text = String::from_utf8(written(Format::Jsonl, &sample())).expect("utf-8");
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 3);
        assert!(
            lines[0].starts_with(r#"{"n":-7,"x":200000.0,"s":"a \"quoted\", two-line\nvalue","#),
            "{}",
            lines[0]
        );
        let first: serde_json::Value = serde_json::from_str(lines[0]).expect("json");
        assert_eq!(first["t"], "2022-12-19T10:30:00+03:00");
        assert_eq!(first["d"], "2022-12-19");
        let second: serde_json::Value = serde_json::from_str(lines[1]).expect("json");
        assert_eq!(second, serde_json::json!({"n": null, "x": 0.35, "s": "", "t": null, "d": null}));
        assert!(written(Format::Jsonl, &[]).is_empty(), "no rows, no lines");
    }

    #[test]
    fn parquet_reads_back_with_its_schema_and_values() {
        let bytes = Bytes::from(written(Format::Parquet, &sample()));
        let builder = ParquetRecordBatchReaderBuilder::try_new(bytes).expect("parquet");
        let schema = builder.schema().clone();
        let types: Vec<String> = schema.fields().iter().map(|f| f.data_type().to_string()).collect();
        assert_eq!(types, ["Int64", "Float64", "Utf8", "Timestamp(µs, \"UTC\")", "Date32"]);
        let batches: Vec<RecordBatch> = builder.build().expect("reader").map(|b| b.expect("batch")).collect();
        assert_eq!(batches.iter().map(RecordBatch::num_rows).sum::<usize>(), 3);
        let batch = &batches[0];
        let n = batch.column(0).as_any().downcast_ref::<arrow_array::Int64Array>().expect("ints");
        assert_eq!((n.value(0), n.is_null(1), n.is_null(2)), (-7, true, true));
        let s = batch.column(2).as_any().downcast_ref::<arrow_array::StringArray>().expect("text");
        assert_eq!(s.value(0), "a \"quoted\", two-line\nvalue");
        let t = batch.column(3).as_any().downcast_ref::<arrow_array::TimestampMicrosecondArray>().expect("t");
        assert_eq!(t.value(0), 1_671_435_000_000_000, "07:30 UTC in microseconds");
        let d = batch.column(4).as_any().downcast_ref::<arrow_array::Date32Array>().expect("days");
        assert_eq!(d.value(0), 19_345);
    }

    #[test]
    fn parquet_with_no_rows_is_a_valid_empty_file() {
        let bytes = Bytes::from(written(Format::Parquet, &[]));
        let builder = ParquetRecordBatchReaderBuilder::try_new(bytes).expect("parquet");
        assert_eq!(builder.schema().fields().len(), 5);
        assert_eq!(builder.metadata().num_row_groups(), 0);
    }

    #[test]
    fn parquet_row_groups_are_bounded_by_rows_and_by_text() {
        let rows: Vec<Vec<Value<'_>>> = (0..20_000)
            .map(|i| vec![Value::Int(i), Value::Null, Value::Null, Value::Null, Value::Null])
            .collect();
        let bytes = Bytes::from(written(Format::Parquet, &rows));
        let builder = ParquetRecordBatchReaderBuilder::try_new(bytes).expect("parquet");
        let groups: Vec<i64> = builder.metadata().row_groups().iter().map(|g| g.num_rows()).collect();
        assert_eq!(groups, [8192, 8192, 3616]);

        let long = "x".repeat(5 * 1024 * 1024);
        let rows: Vec<Vec<Value<'_>>> = (0..10)
            .map(|i| vec![Value::Int(i), Value::Null, Value::Text(&long), Value::Null, Value::Null])
            .collect();
        let bytes = Bytes::from(written(Format::Parquet, &rows));
        let builder = ParquetRecordBatchReaderBuilder::try_new(bytes).expect("parquet");
        let groups: Vec<i64> = builder.metadata().row_groups().iter().map(|g| g.num_rows()).collect();
        assert_eq!(groups, [7, 3], "a row group closes once 32 MiB of text is gathered");
    }
}
