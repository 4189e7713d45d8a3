//! `newsgraph import`: files, directories, JSONL corpora, WARC archives and standard input ->
//! extraction -> entities, amounts and time expressions -> store -> index -> stories.
//!
//! Articles are stored in batches, one transaction each, and the index and the stories catch
//! up after every batch. A killed import therefore loses at most the batch in flight; running
//! it again skips what is stored (same content hash), re-indexes what the index missed and
//! files what was not filed.

pub(crate) mod http;
mod inputs;
mod jsonl;
mod lines;
mod read;
mod warc;

use std::io::{BufRead, BufReader, Read};
use std::time::Instant;

use chrono::{DateTime, Utc};
use newsgraph_extract::{ExtractError, ExtractOptions, extract};
use newsgraph_model::{Article, Source, SourceKind};
use newsgraph_store::{InsertOutcome, NewArticle};
use rayon::prelude::*;
use serde::Serialize;

use crate::organize::Filer;
use crate::understand::{Readers, Understood, understand};
use crate::{Engine, Result};
pub use inputs::ImportInput;
use inputs::Unit;
pub use read::read_page_bytes;

/// Articles per store transaction (and per index commit).
const BATCH: usize = 256;
/// Page files (or WARC pages) read and extracted in parallel at a time.
const FILE_CHUNK: usize = 64;
/// Most bytes of WARC pages held for one parallel step, so a chunk of large pages stays small.
const WARC_CHUNK_BYTES: usize = 64 * 1024 * 1024;

#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// Largest file (after decompression) or JSONL line accepted, in bytes.
    pub max_bytes: u64,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions { max_bytes: 32 * 1024 * 1024 }
    }
}

/// Progress reports, for a progress bar.
#[derive(Debug, Clone, Copy)]
pub enum ImportEvent {
    /// The inputs have been listed: this many files (or streams) to read.
    Listed { units: usize },
    /// One file or stream has been read completely.
    UnitDone,
    /// Totals so far.
    Counts { imported: u64, already_present: u64, failed: u64 },
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct ImportSummary {
    pub imported: u64,
    pub already_present: u64,
    pub failed: Vec<ImportFailure>,
    /// Articles added to the search index, including any an earlier, interrupted run missed.
    pub indexed: usize,
    /// Articles filed in stories, including any stored before stories existed.
    pub filed: usize,
    /// Of those, copies of an article filed before.
    pub copies: usize,
    /// What the WARC archives held (all zero when none was read).
    pub warc: WarcCounts,
}

/// Records read from WARC archives: failed ones are listed with the other failures.
#[derive(Debug, Clone, Default, Serialize)]
pub struct WarcCounts {
    pub records: u64,
    /// Responses read as pages: HTML ones, each extracted as an article, and ones whose HTTP
    /// message could not be read (those are failures).
    pub pages: u64,
    /// Records that are not pages: warcinfo, requests, metadata, redirects, images...
    pub skipped: u64,
    /// Time spent on the archives, reading through storing and filing, in seconds.
    pub seconds: f64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportFailure {
    /// The file, `file:line` for a JSONL line, `file#record N` for a WARC record, or `-` for
    /// standard input.
    pub location: String,
    pub reason: String,
}

/// An extracted article and what was found in it.
type Recognized = (Article, Understood);

/// Imports `inputs` into the engine's store and index. Bad files and lines are reported in the
/// summary and skipped; only a failing store or index (or built-in models that do not load)
/// stops the import.
pub fn import(
    engine: &Engine,
    inputs: &[ImportInput],
    options: &ImportOptions,
    on_event: &mut dyn FnMut(ImportEvent),
) -> Result<ImportSummary> {
    // Loaded before any input is read, so a broken build fails at once rather than after
    // the catch-up; decoded once per process and shared by all threads.
    let recognizer = Readers::embedded()?;
    let mut run = Run {
        engine,
        options,
        recognizer: &recognizer,
        on_event,
        pending: Vec::new(),
        summary: ImportSummary::default(),
        filer: Filer::start(engine.store.as_ref())?,
    };
    run.summary.indexed += engine.catch_up_index()?;
    run.organize()?;
    let (units, unlisted) = inputs::expand(inputs);
    for (location, reason) in unlisted {
        run.fail(location, reason);
    }
    (run.on_event)(ImportEvent::Listed { units: units.len() });

    let (streams, pages): (Vec<Unit>, Vec<Unit>) =
        units.into_iter().partition(|u| u.is_jsonl_by_name() || u.is_warc_by_name() || *u == Unit::Stdin);
    for chunk in pages.chunks(FILE_CHUNK) {
        let options = run.options.clone();
        // Extraction and recognition both run on the worker threads, so both scale with cores.
        let extracted: Vec<_> = chunk
            .par_iter()
            .map(|unit| (unit.location(), read_page(unit, &options).map(|a| recognize(&recognizer, a))))
            .collect();
        for (location, result) in extracted {
            match result {
                Ok(read) => run.push(SourceKind::File, location, read)?,
                Err(reason) => run.fail(location, reason),
            }
            (run.on_event)(ImportEvent::UnitDone);
        }
    }
    for unit in &streams {
        run.stream(unit)?;
        (run.on_event)(ImportEvent::UnitDone);
    }
    run.flush()?;
    Ok(run.summary)
}

fn read_page(unit: &Unit, options: &ImportOptions) -> std::result::Result<Article, String> {
    let Unit::File(path) = unit else { return Err("not a file".into()) };
    let file = std::fs::File::open(path).map_err(|e| format!("cannot open: {e}"))?;
    let bytes = read::read_capped(file, options.max_bytes)?;
    extract(&bytes, &ExtractOptions::default()).map_err(|e| e.to_string())
}

/// The entities, amounts and time expressions of an article, found in its text.
fn recognize(recognizer: &Readers, article: Article) -> Recognized {
    let found = understand(recognizer, &article);
    (article, found)
}

/// The state of one import: counts so far and the batch waiting to be stored.
struct Run<'a> {
    engine: &'a Engine,
    options: &'a ImportOptions,
    recognizer: &'a Readers,
    on_event: &'a mut dyn FnMut(ImportEvent),
    pending: Vec<NewArticle>,
    summary: ImportSummary,
    /// Kept across batches, so that each batch is filed against everything before it.
    filer: Filer,
}

impl Run<'_> {
    fn push(&mut self, kind: SourceKind, location: String, read: Recognized) -> Result<()> {
        self.push_fetched(Source { kind, location }, None, read)
    }

    fn push_fetched(
        &mut self,
        source: Source,
        fetched_at: Option<DateTime<Utc>>,
        (article, found): Recognized,
    ) -> Result<()> {
        self.pending.push(NewArticle {
            article,
            source,
            fetched_at,
            imported_at: Utc::now(),
            entities: found.entities,
            amounts: found.amounts,
            times: found.times,
            quotes: found.quotes,
        });
        if self.pending.len() >= BATCH {
            self.flush()?;
        }
        Ok(())
    }

    fn fail(&mut self, location: String, reason: String) {
        tracing::debug!(%location, %reason, "not imported");
        self.summary.failed.push(ImportFailure { location, reason });
    }

    fn flush(&mut self) -> Result<()> {
        if !self.pending.is_empty() {
            let batch = std::mem::take(&mut self.pending);
            for outcome in self.engine.store.insert_batch(&batch)? {
                match outcome {
                    InsertOutcome::Inserted(_) => self.summary.imported += 1,
                    InsertOutcome::AlreadyPresent(_) => self.summary.already_present += 1,
                }
            }
            self.summary.indexed += self.engine.catch_up_index()?;
            self.organize()?;
        }
        let s = &self.summary;
        let counts = ImportEvent::Counts {
            imported: s.imported,
            already_present: s.already_present,
            failed: s.failed.len() as u64,
        };
        (self.on_event)(counts);
        Ok(())
    }

    /// Files what the store holds unfiled: the batch just stored, or (at the start) what an
    /// older version or an interrupted run left.
    fn organize(&mut self) -> Result<()> {
        let done = self.filer.catch_up(self.engine.store.as_ref())?;
        self.summary.filed += done.filed;
        self.summary.copies += done.copies;
        Ok(())
    }

    /// A JSONL corpus, a WARC archive, or standard input (any of these or a single page), read
    /// as a stream.
    fn stream(&mut self, unit: &Unit) -> Result<()> {
        let location = unit.location();
        let reader: Box<dyn BufRead> = match unit {
            Unit::File(path) => match std::fs::File::open(path) {
                Ok(file) => Box::new(BufReader::new(file)),
                Err(e) => {
                    self.fail(location, format!("cannot open: {e}"));
                    return Ok(());
                }
            },
            Unit::Stdin => Box::new(BufReader::new(std::io::stdin())),
        };
        let mut reader = match read::maybe_gunzip(reader) {
            Ok(reader) => reader,
            Err(e) => {
                self.fail(location, format!("cannot read: {e}"));
                return Ok(());
            }
        };
        if unit.is_warc_by_name() || (*unit == Unit::Stdin && warc::looks_like_warc(&mut reader)) {
            return self.warc(reader, &location);
        }
        if *unit == Unit::Stdin && !lines::looks_like_jsonl(&mut reader) {
            return self.stdin_page(reader);
        }
        let kind = if *unit == Unit::Stdin { SourceKind::Stdin } else { SourceKind::Jsonl };
        self.jsonl(reader, kind, &location)
    }

    fn stdin_page(&mut self, reader: impl Read) -> Result<()> {
        let page = read::read_capped(reader, self.options.max_bytes)
            .and_then(|bytes| extract(&bytes, &ExtractOptions::default()).map_err(|e| e.to_string()));
        match page {
            Ok(article) => self.push(SourceKind::Stdin, "-".into(), recognize(self.recognizer, article)),
            Err(reason) => {
                self.fail("-".into(), reason);
                Ok(())
            }
        }
    }

    fn jsonl(&mut self, reader: impl BufRead, kind: SourceKind, location: &str) -> Result<()> {
        let mut lines = lines::CappedLines::new(reader, self.options.max_bytes);
        loop {
            let chunk = lines.next_chunk(BATCH);
            if chunk.is_empty() {
                return Ok(());
            }
            let recognizer = self.recognizer;
            let parsed: Vec<_> = chunk
                .into_par_iter()
                .map(|(number, line)| {
                    let read =
                        line.and_then(|l| jsonl::article_from_line(&l)).map(|a| recognize(recognizer, a));
                    (format!("{location}:{number}"), read)
                })
                .collect();
            for (line_location, result) in parsed {
                match result {
                    Ok(read) => self.push(kind, line_location, read)?,
                    Err(reason) => self.fail(line_location, reason),
                }
            }
        }
    }

    /// A WARC archive, record by record: pages are read in chunks and extracted in parallel,
    /// everything else skipped unread.
    fn warc(&mut self, reader: impl BufRead, location: &str) -> Result<()> {
        let started = Instant::now();
        let mut records = warc::WarcReader::new(reader);
        loop {
            let (chunk, more) = self.next_warc_pages(&mut records, location);
            let (recognizer, max_bytes) = (self.recognizer, self.options.max_bytes);
            let read: Vec<_> = chunk.into_par_iter().map(|page| page.read(recognizer, max_bytes)).collect();
            for (page, result) in read {
                match result {
                    Ok(Some(read)) => {
                        self.summary.warc.pages += 1;
                        let source = Source { kind: SourceKind::File, location: page.location };
                        self.push_fetched(source, page.fetched_at, read)?;
                    }
                    Ok(None) => self.summary.warc.skipped += 1,
                    Err(reason) => {
                        self.summary.warc.pages += 1;
                        self.fail(page.location, reason);
                    }
                }
            }
            if !more {
                break;
            }
        }
        // Stored, indexed and filed before the clock stops, so the rate is end to end.
        self.flush()?;
        self.summary.warc.seconds += started.elapsed().as_secs_f64();
        Ok(())
    }

    /// The next response records' blocks, up to a chunk; `false` once the archive is done.
    /// Failures and skipped records are counted on the way.
    fn next_warc_pages(
        &mut self,
        records: &mut warc::WarcReader<impl BufRead>,
        location: &str,
    ) -> (Vec<WarcPage>, bool) {
        let (mut chunk, mut bytes) = (Vec::new(), 0);
        while chunk.len() < FILE_CHUNK && bytes < WARC_CHUNK_BYTES {
            let Some(head) = records.next_head() else { return (chunk, false) };
            self.summary.warc.records += 1;
            let head = match head {
                Ok(head) => head,
                Err(failure) => {
                    self.fail(format!("{location}#record {}", failure.number), failure.reason);
                    continue;
                }
            };
            let record_location = format!("{location}#record {}", head.number);
            if head.record_type() != "response" {
                self.summary.warc.skipped += 1;
                continue;
            }
            match records.read_block(self.options.max_bytes) {
                Ok(block) => {
                    bytes += block.len();
                    chunk.push(WarcPage {
                        location: record_location,
                        url: head.target_uri(),
                        fetched_at: head.field("WARC-Date").and_then(parse_warc_date),
                        http: head.field("Content-Type").is_none_or(|t| t.starts_with("application/http")),
                        block,
                    });
                }
                Err(reason) => self.fail(record_location, reason),
            }
        }
        (chunk, true)
    }
}

/// A WARC response record's block, waiting to be read as a page.
struct WarcPage {
    location: String,
    url: Option<String>,
    fetched_at: Option<DateTime<Utc>>,
    /// Whether the block is an HTTP message (not, say, a `dns:` lookup).
    http: bool,
    block: Vec<u8>,
}

impl WarcPage {
    /// The article in an HTML response, `None` for anything else.
    fn read(
        self,
        recognizer: &Readers,
        max_bytes: u64,
    ) -> (Self, std::result::Result<Option<Recognized>, String>) {
        let result = self.extract(max_bytes).map(|a| a.map(|article| recognize(recognizer, article)));
        (WarcPage { block: Vec::new(), ..self }, result)
    }

    fn extract(&self, max_bytes: u64) -> std::result::Result<Option<Article>, String> {
        if !self.http {
            return Ok(None);
        }
        let http::Payload::Html { bytes, charset } = http::html_payload(&self.block, max_bytes)? else {
            return Ok(None);
        };
        let options = ExtractOptions { url: self.url.clone(), charset, title: None };
        let article = match extract(&bytes, &options) {
            // A charset the server named wrongly: the page's own declaration or a guess may do.
            Err(ExtractError::UnknownCharset(_)) => {
                extract(&bytes, &ExtractOptions { charset: None, ..options })
            }
            other => other,
        };
        article.map(Some).map_err(|e| e.to_string())
    }
}

/// `WARC-Date`: an RFC 3339 UTC time, to the second or finer.
fn parse_warc_date(date: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(date.trim()).ok().map(|d| d.with_timezone(&Utc))
}
