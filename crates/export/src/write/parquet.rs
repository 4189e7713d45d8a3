//! Parquet: the columns as an Arrow schema, rows gathered into Arrow arrays and written a row
//! group at a time, so what is held is one row group, never the export.

use std::io::Write;
use std::sync::Arc;

use arrow_array::builder::{
    Date32Builder, Float64Builder, Int64Builder, StringBuilder, TimestampMicrosecondBuilder,
};
use arrow_array::types::Date32Type;
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef, TimeUnit};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;

use crate::Result;
use crate::table::{Column, ColumnType, Sink, Value};

/// Most rows in a row group: a reader can skip or read each on its own.
pub const ROW_GROUP_ROWS: usize = 8192;
/// Text gathered before a row group is written even when it has fewer rows: articles carry
/// their bodies, and 8,192 long ones would be a lot to hold.
const ROW_GROUP_BYTES: usize = 32 * 1024 * 1024;

const UTC: &str = "UTC";

pub(super) struct ParquetSink<W: Write + Send> {
    writer: ArrowWriter<W>,
    schema: SchemaRef,
    builders: Vec<Builder>,
    rows: usize,
    bytes: usize,
}

enum Builder {
    Int(Int64Builder),
    Float(Float64Builder),
    Text(StringBuilder),
    Time(TimestampMicrosecondBuilder),
    Date(Date32Builder),
}

impl<W: Write + Send> ParquetSink<W> {
    pub fn new(columns: &[Column], out: W) -> Result<Self> {
        let fields: Vec<Field> =
            columns.iter().map(|c| Field::new(c.name, data_type(c.kind), true)).collect();
        let schema = Arc::new(Schema::new(fields));
        let properties = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_max_row_group_row_count(Some(ROW_GROUP_ROWS))
            .set_created_by(format!("newsgraph {}", env!("CARGO_PKG_VERSION")))
            .build();
        let writer = ArrowWriter::try_new(out, schema.clone(), Some(properties))?;
        let builders = columns.iter().map(|c| Builder::new(c.kind)).collect();
        Ok(ParquetSink { writer, schema, builders, rows: 0, bytes: 0 })
    }

    /// Writes what is gathered as one row group.
    fn flush(&mut self) -> Result<()> {
        if self.rows == 0 {
            return Ok(());
        }
        let arrays: Vec<ArrayRef> = self.builders.iter_mut().map(Builder::finish).collect();
        let batch = RecordBatch::try_new(self.schema.clone(), arrays)?;
        self.writer.write(&batch)?;
        self.writer.flush()?;
        self.rows = 0;
        self.bytes = 0;
        Ok(())
    }
}

impl<W: Write + Send> Sink for ParquetSink<W> {
    fn row(&mut self, row: &[Value<'_>]) -> Result<()> {
        for (builder, value) in self.builders.iter_mut().zip(row) {
            self.bytes += builder.append(value);
        }
        self.rows += 1;
        if self.rows >= ROW_GROUP_ROWS || self.bytes >= ROW_GROUP_BYTES {
            self.flush()?;
        }
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> Result<()> {
        self.flush()?;
        let mut out = self.writer.into_inner()?;
        out.flush()?;
        Ok(())
    }
}

fn data_type(kind: ColumnType) -> DataType {
    match kind {
        ColumnType::Int => DataType::Int64,
        ColumnType::Float => DataType::Float64,
        ColumnType::Text => DataType::Utf8,
        ColumnType::Time => DataType::Timestamp(TimeUnit::Microsecond, Some(UTC.into())),
        ColumnType::Date => DataType::Date32,
    }
}

impl Builder {
    fn new(kind: ColumnType) -> Builder {
        match kind {
            ColumnType::Int => Builder::Int(Int64Builder::new()),
            ColumnType::Float => Builder::Float(Float64Builder::new()),
            ColumnType::Text => Builder::Text(StringBuilder::new()),
            ColumnType::Time => Builder::Time(TimestampMicrosecondBuilder::new().with_timezone(UTC)),
            ColumnType::Date => Builder::Date(Date32Builder::new()),
        }
    }

    /// Appends the value, or a null where it is null or not of this column's type; the bytes
    /// it takes.
    fn append(&mut self, value: &Value<'_>) -> usize {
        match (self, value) {
            (Builder::Int(b), Value::Int(n)) => b.append_value(*n),
            (Builder::Float(b), Value::Float(x)) => b.append_value(*x),
            (Builder::Text(b), Value::Text(text)) => {
                b.append_value(text);
                return text.len() + 4;
            }
            (Builder::Time(b), Value::Time(time)) => b.append_value(time.timestamp_micros()),
            (Builder::Date(b), Value::Date(day)) => b.append_value(Date32Type::from_naive_date(*day)),
            (builder, _) => builder.append_null(),
        }
        8
    }

    fn append_null(&mut self) {
        match self {
            Builder::Int(b) => b.append_null(),
            Builder::Float(b) => b.append_null(),
            Builder::Text(b) => b.append_null(),
            Builder::Time(b) => b.append_null(),
            Builder::Date(b) => b.append_null(),
        }
    }

    fn finish(&mut self) -> ArrayRef {
        match self {
            Builder::Int(b) => Arc::new(b.finish()),
            Builder::Float(b) => Arc::new(b.finish()),
            Builder::Text(b) => Arc::new(b.finish()),
            Builder::Time(b) => Arc::new(b.finish()),
            Builder::Date(b) => Arc::new(b.finish()),
        }
    }
}
