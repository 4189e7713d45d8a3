//! `newsgraph enrich`: stored articles read again for entities, amounts and time expressions.

use std::path::Path;
use std::time::Instant;

use anyhow::Context;
use newsgraph_pipeline::{Engine, enrich};

use crate::progress::EnrichProgress;

pub fn run(data: &Path, json: bool) -> anyhow::Result<()> {
    let engine = Engine::open(data).with_context(|| format!("opening {}", data.display()))?;
    let started = Instant::now();
    let mut progress = EnrichProgress::new();
    let summary = enrich(&engine, &mut |event| progress.on(event));
    progress.finish();
    let summary = summary?;
    let seconds = started.elapsed().as_secs_f64();
    let rate = summary.articles as f64 / seconds.max(1e-9);
    eprintln!(
        "read {} articles, stored {} entity mentions, {} amounts and {} time expressions in {seconds:.2}s \
         ({rate:.0} articles/s)",
        summary.articles, summary.mentions, summary.amounts, summary.times
    );
    if json {
        println!("{}", serde_json::to_string(&summary)?);
    }
    Ok(())
}
