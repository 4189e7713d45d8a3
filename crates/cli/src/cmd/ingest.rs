//! `newsgraph ingest`: one round of polling the followed sources.

use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use newsgraph_pipeline::{Engine, IngestOptions, IngestSummary, ingest};

use super::PARTIAL_FAILURE;
use crate::cli::{FetchLimits, IngestArgs};

pub fn run(data: &Path, args: &IngestArgs) -> anyhow::Result<ExitCode> {
    let engine = Engine::open(data)?;
    let options = IngestOptions {
        entries_per_source: args.entries_per_source,
        all: args.all,
        ..options(&args.limits, false)
    };
    let started = Instant::now();
    let summary = ingest(&engine, &options)?;
    super::webhook::after(&engine);
    report(&summary, "polled", "sources", args.json, started)
}

/// The options `limits` set; private addresses allowed by `allow_private` or, for the whole
/// process, NEWSGRAPH_ALLOW_PRIVATE=1.
pub fn options(limits: &FetchLimits, allow_private: bool) -> IngestOptions {
    let mut options = IngestOptions {
        allow_private: allow_private || std::env::var("NEWSGRAPH_ALLOW_PRIVATE").is_ok_and(|v| v == "1"),
        host_delay: Duration::from_millis(limits.host_delay_ms),
        concurrency: usize::try_from(limits.concurrency).unwrap_or(1),
        ..IngestOptions::default()
    };
    options.fetch.timeout = Duration::from_secs(limits.timeout_secs);
    options.fetch.max_bytes = limits.max_bytes;
    options
}

/// Prints the summary (as JSON, or a line and the failures) and picks the exit code.
pub fn report(
    summary: &IngestSummary,
    done: &str,
    what: &str,
    json: bool,
    started: Instant,
) -> anyhow::Result<ExitCode> {
    if json {
        println!("{}", serde_json::to_string(summary)?);
    } else {
        println!(
            "{done} {} {what} ({} unchanged, {} failed): {} new articles ({} from feed text), {} revised, {} already present, in {:.2}s",
            summary.sources,
            summary.not_modified,
            summary.failed.len(),
            summary.imported,
            summary.from_feed_text,
            summary.revised,
            summary.already_present,
            started.elapsed().as_secs_f64()
        );
        for failure in &summary.failed {
            println!("  {}: {}", failure.url, failure.reason);
        }
    }
    Ok(if summary.failed.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(PARTIAL_FAILURE) })
}
