//! `newsgraph ingest`: one round of polling the followed sources.

use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use newsgraph_pipeline::{Engine, IngestOptions, ingest};

use super::PARTIAL_FAILURE;
use crate::cli::IngestArgs;

pub fn run(data: &Path, args: &IngestArgs) -> anyhow::Result<ExitCode> {
    let engine = Engine::open(data)?;
    let mut options = IngestOptions {
        allow_private: std::env::var("NEWSGRAPH_ALLOW_PRIVATE").is_ok_and(|v| v == "1"),
        host_delay: Duration::from_millis(args.host_delay_ms),
        entries_per_source: args.entries_per_source,
        all: args.all,
        ..IngestOptions::default()
    };
    options.fetch.timeout = Duration::from_secs(args.timeout_secs);
    options.fetch.max_bytes = args.max_bytes;
    let started = Instant::now();
    let summary = ingest(&engine, &options)?;
    if args.json {
        println!("{}", serde_json::to_string(&summary)?);
    } else {
        println!(
            "polled {} sources ({} unchanged, {} failed): {} new articles ({} from feed text), {} already present, in {:.2}s",
            summary.sources,
            summary.not_modified,
            summary.failed.len(),
            summary.imported,
            summary.from_feed_text,
            summary.already_present,
            started.elapsed().as_secs_f64()
        );
        for failure in &summary.failed {
            println!("  {}: {}", failure.url, failure.reason);
        }
    }
    Ok(if summary.failed.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(PARTIAL_FAILURE) })
}
