//! `newsgraph bench clustering`: stories scored against labelled JSONL files with B-cubed
//! (as `../shared/data/README.md` defines it), articles fed in publication order, and
//! articles per second through duplicate finding and clustering on one thread (entities given
//! in the file or found beforehand, as import will have them).

use std::collections::HashSet;
use std::process::ExitCode;
use std::time::Instant;

use newsgraph_bench::clustering::bcubed;

use crate::cli::BenchClusteringArgs;
use crate::cmd::cluster::{
    JsonlFile, arrival_order, entities, file_all, options, read_lines, recognizer, story_numbers,
};

pub fn run(args: &BenchClusteringArgs) -> anyhow::Result<ExitCode> {
    let recognizer = recognizer(&args.options)?;
    println!(
        "{:<28} {:>8} {:>8} {:>6} {:>9} {:>7} {:>7} {:>10}",
        "file", "articles", "stories", "gold", "precision", "recall", "F1", "articles/s"
    );
    for file in &args.files {
        let JsonlFile { lines, skipped: bad } = read_lines(file)?;
        if !bad.is_empty() {
            eprintln!("{}: {} lines skipped (they do not parse)", file.display(), bad.len());
        }
        let entities = entities(&lines, recognizer.as_ref());
        let order = arrival_order(&lines);
        let started = Instant::now();
        let filings = file_all(&lines, &entities, &order, options(&args.options));
        let seconds = started.elapsed().as_secs_f64();
        let story = story_numbers(&filings, &order);
        let gold: Vec<String> = lines
            .iter()
            .enumerate()
            .map(|(i, l)| l.cluster.clone().unwrap_or_else(|| format!("unlabelled {i}")))
            .collect();
        let (p, r, f) = bcubed(&gold, &story);
        let name =
            file.file_name().map_or_else(|| file.display().to_string(), |n| n.to_string_lossy().into_owned());
        println!(
            "{name:<28} {:>8} {:>8} {:>6} {p:>9.3} {r:>7.3} {f:>7.3} {:>10.0}",
            lines.len(),
            story.iter().collect::<HashSet<_>>().len(),
            gold.iter().collect::<HashSet<_>>().len(),
            lines.len() as f64 / seconds.max(1e-9)
        );
    }
    Ok(ExitCode::SUCCESS)
}
