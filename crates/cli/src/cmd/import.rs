//! `newsgraph import PATH...`

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use newsgraph_pipeline::{Engine, ImportInput, ImportOptions, ImportSummary, import};

use super::PARTIAL_FAILURE;
use crate::cli::ImportArgs;
use crate::progress::ImportProgress;

pub fn run(data: &Path, args: &ImportArgs) -> anyhow::Result<ExitCode> {
    let engine = Engine::open(data).with_context(|| format!("opening {}", data.display()))?;
    let inputs: Vec<ImportInput> = args.paths.iter().map(|p| ImportInput::from_arg(p)).collect();
    let summary = import_with_progress(&engine, &inputs, &ImportOptions { max_bytes: args.max_bytes })?;
    super::webhook::after(&engine);
    if args.json {
        println!("{}", serde_json::to_string(&summary)?);
    }
    Ok(if summary.failed.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(PARTIAL_FAILURE) })
}

/// Imports with a progress bar on a terminal and a summary on stderr; shared with `demo`.
pub fn import_with_progress(
    engine: &Engine,
    inputs: &[ImportInput],
    options: &ImportOptions,
) -> anyhow::Result<ImportSummary> {
    let started = Instant::now();
    let mut progress = ImportProgress::new();
    let summary = import(engine, inputs, options, &mut |event| progress.on(event))?;
    progress.finish();
    print_summary(&summary, started.elapsed().as_secs_f64());
    Ok(summary)
}

fn print_summary(summary: &ImportSummary, seconds: f64) {
    for failure in &summary.failed {
        eprintln!("failed: {}: {}", failure.location, failure.reason);
    }
    let rate = summary.imported as f64 / seconds.max(1e-9);
    eprintln!(
        "imported {}, already present {}, failed {} in {seconds:.2}s ({rate:.0} articles/s)",
        summary.imported,
        summary.already_present,
        summary.failed.len(),
    );
    let warc = &summary.warc;
    if warc.records > 0 {
        let rate = warc.records as f64 / warc.seconds.max(1e-9);
        eprintln!(
            "read {} WARC records ({} pages, {} skipped) in {:.2}s ({rate:.0} records/s)",
            warc.records, warc.pages, warc.skipped, warc.seconds,
        );
    }
    if summary.filed > 0 {
        eprintln!("filed {} in stories ({} copies)", summary.filed, summary.copies);
    }
}
