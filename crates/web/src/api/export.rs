//! `/api/v1/export`: articles, entities, quotes, amounts, times or stories as a CSV, JSON Lines
//! or Parquet download, all or those of the articles a search selects (`q`, `entity`, `since`,
//! `until`, as `/api/v1/search` reads them).
//!
//! The parameters and the search are checked before the answer starts, so that a mistake is a
//! 400 in the API's error shape; the rows then stream out as they are written, on the blocking
//! pool, through a bounded channel: neither the export nor the answer is held whole. A failure
//! after the answer started can only cut the connection, which a client sees as a broken
//! download rather than a short file.

use std::io::{self, Write};
use std::pin::Pin;
use std::task::{Context, Poll};

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderName, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use newsgraph_export::{ExportError, Filter, Format, Request, What};
use serde::Deserialize;
use tokio::sync::mpsc;

use super::{ApiError, ApiQuery};
use crate::AppState;
use crate::params::RawParams;

/// Most rows one request writes; the CLI (`newsgraph export`) has no such cap.
pub const MAX_ROWS: u64 = 100_000;

/// Bytes gathered before a chunk is handed to the connection.
const CHUNK: usize = 64 * 1024;
/// Chunks waiting for a slow client before the writer waits too.
const CHUNKS_IN_FLIGHT: usize = 16;

/// The answer's header naming the row cap, so a client can tell a cut export by its length.
const MAX_ROWS_HEADER: HeaderName = HeaderName::from_static("x-export-max-rows");

#[derive(Debug, Default, Deserialize)]
pub(super) struct ExportParams {
    what: Option<String>,
    format: Option<String>,
    q: Option<String>,
    entity: Option<String>,
    since: Option<String>,
    until: Option<String>,
}

pub(super) async fn export(
    State(state): State<AppState>,
    ApiQuery(params): ApiQuery<ExportParams>,
) -> Result<Response, ApiError> {
    let what = what(params.what.as_deref())?;
    let format = format(params.format.as_deref())?;
    let raw = RawParams {
        q: params.q,
        entity: params.entity,
        since: params.since,
        until: params.until,
        ..RawParams::default()
    };
    let entity = raw.entity()?;
    if let Some(id) = entity {
        // As a search does: an entity that does not exist is a 404, not an empty file.
        super::entities::find(&state, id).await?;
    }
    let window = raw.window()?;
    let filter = Filter {
        text: raw.query_text().map(str::to_owned),
        entity,
        since: window.since,
        until: window.until,
    };
    let request = Request { what, format, filter, max_rows: Some(MAX_ROWS) };

    let index = state.index.clone();
    let plan = tokio::task::spawn_blocking(move || newsgraph_export::plan(&index, &request))
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?
        .map_err(api_error)?;

    let (sender, receiver) = mpsc::channel(CHUNKS_IN_FLIGHT);
    let store = state.store.clone();
    tokio::task::spawn_blocking(move || {
        let out = ChannelWriter { sender: sender.clone(), buffer: Vec::with_capacity(CHUNK) };
        // A client that went away (the channel closed) is no failure of ours.
        if let Err(e) = plan.write(&*store, out)
            && !sender.is_closed()
        {
            tracing::error!(error = %e, "export failed after its answer started");
            let _ = sender.blocking_send(Err(io::Error::other(e.to_string())));
        }
    });

    let disposition = format!("attachment; filename=\"{}\"", newsgraph_export::file_name(what, format));
    let headers = [
        (header::CONTENT_TYPE, HeaderValue::from_static(format.content_type())),
        (header::CONTENT_DISPOSITION, HeaderValue::try_from(disposition).map_err(internal)?),
        (MAX_ROWS_HEADER, HeaderValue::from(MAX_ROWS)),
    ];
    Ok((headers, Body::from_stream(Chunks(receiver))).into_response())
}

fn what(text: Option<&str>) -> Result<What, ApiError> {
    let names = || What::ALL.map(What::as_str).join(", ");
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        None => Err(ApiError::BadRequest(format!("what is required: one of {}", names()))),
        Some(text) => What::parse(text)
            .ok_or_else(|| ApiError::BadRequest(format!("what must be one of {}, not {text:?}", names()))),
    }
}

/// CSV when not given.
fn format(text: Option<&str>) -> Result<Format, ApiError> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(Format::Csv),
        Some(text) => Format::parse(text).ok_or_else(|| {
            let names = Format::ALL.map(Format::as_str).join(", ");
            ApiError::BadRequest(format!("format must be one of {names}, not {text:?}"))
        }),
    }
}

fn api_error(e: ExportError) -> ApiError {
    match e.user_error() {
        Some(message) => ApiError::BadRequest(message.to_owned()),
        None => ApiError::Internal(e.to_string()),
    }
}

fn internal(e: impl std::fmt::Display) -> ApiError {
    ApiError::Internal(e.to_string())
}

/// What the export writes, handed to the connection a chunk at a time. Sending waits while
/// the channel is full, so a slow client slows the export down instead of filling memory; a
/// client gone is a broken pipe, which stops the export.
struct ChannelWriter {
    sender: mpsc::Sender<io::Result<Bytes>>,
    buffer: Vec<u8>,
}

impl ChannelWriter {
    fn send(&mut self) -> io::Result<()> {
        if self.buffer.is_empty() {
            return Ok(());
        }
        let chunk = Bytes::from(std::mem::replace(&mut self.buffer, Vec::with_capacity(CHUNK)));
        self.sender.blocking_send(Ok(chunk)).map_err(|_| io::Error::from(io::ErrorKind::BrokenPipe))
    }
}

impl Write for ChannelWriter {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.buffer.extend_from_slice(bytes);
        if self.buffer.len() >= CHUNK {
            self.send()?;
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.send()
    }
}

/// The receiving end as the stream the answer's body is read from.
struct Chunks(mpsc::Receiver<io::Result<Bytes>>);

impl futures_core::Stream for Chunks {
    type Item = io::Result<Bytes>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.0.poll_recv(cx)
    }
}
