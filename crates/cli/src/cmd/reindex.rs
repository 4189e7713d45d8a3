//! `newsgraph reindex`: rebuild the search index from the store.

use std::path::Path;
use std::time::Instant;

use newsgraph_pipeline::Engine;

pub fn run(data: &Path) -> anyhow::Result<()> {
    let started = Instant::now();
    let engine = Engine::open_with_new_index(data)?;
    let indexed = engine.catch_up_index()?;
    eprintln!("indexed {indexed} articles in {:.2}s", started.elapsed().as_secs_f64());
    Ok(())
}
