//! `newsgraph stats`: what the data directory holds.

use std::path::Path;

use newsgraph_pipeline::Engine;

pub fn run(data: &Path, json: bool) -> anyhow::Result<()> {
    let engine = Engine::open(data)?;
    let articles = engine.store.count()?;
    let indexed = engine.index.num_docs();
    let stories = engine.store.story_count()?;
    if json {
        let stats = serde_json::json!({
            "data": data.display().to_string(), "articles": articles, "indexed": indexed, "stories": stories
        });
        println!("{stats}");
    } else {
        println!(
            "data directory: {}\narticles:       {articles}\nindexed:        {indexed}\nstories:        {stories}",
            data.display()
        );
    }
    Ok(())
}
