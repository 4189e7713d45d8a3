//! `newsgraph bench clustering`: stories scored against labelled JSONL files with B-cubed
//! (as `../shared/data/README.md` defines it), articles fed in publication order, and
//! articles per second through duplicate finding and clustering on one thread (entities given
//! in the file or found beforehand, as import will have them).

use std::collections::HashSet;
use std::process::ExitCode;
use std::time::Instant;

use newsgraph_bench::clustering::bcubed;
use newsgraph_bench::synthetic::{self, Seed, SyntheticArticle};
use newsgraph_cluster::{ArticleInput, Organizer};

use crate::cli::BenchClusteringArgs;
use crate::cmd::cluster::{
    JsonlFile, arrival_order, entities, file_all, options, read_lines, recognizer, story_numbers,
};

pub fn run(args: &BenchClusteringArgs) -> anyhow::Result<ExitCode> {
    let recognizer = recognizer(&args.options)?;
    let mut seeds = Vec::new();
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
        seeds.extend(lines.iter().zip(&entities).map(|(l, e)| Seed {
            title: l.title.clone(),
            text: l.text.clone(),
            entities: e.clone(),
        }));
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
        // A file without labels (the demo corpus) is timed, not scored.
        let scores = match lines.iter().any(|l| l.cluster.is_some()) {
            true => {
                let (p, r, f) = bcubed(&gold, &story);
                let stories = gold.iter().collect::<HashSet<_>>().len();
                format!("{stories:>6} {p:>9.3} {r:>7.3} {f:>7.3}")
            }
            false => format!("{:>6} {:>9} {:>7} {:>7}", "-", "-", "-", "-"),
        };
        let name =
            file.file_name().map_or_else(|| file.display().to_string(), |n| n.to_string_lossy().into_owned());
        println!(
            "{name:<28} {:>8} {:>8} {scores} {:>10.0}",
            lines.len(),
            story.iter().collect::<HashSet<_>>().len(),
            lines.len() as f64 / seconds.max(1e-9)
        );
    }
    if let Some(total) = args.scale {
        scale(&seeds, total, args);
    }
    Ok(ExitCode::SUCCESS)
}

/// Articles timed at each checkpoint of the scale run.
const BLOCK: u64 = 1_000;

/// Files `total` synthetic articles one after another, and prints the time per article of the
/// block of articles filed just before 1,000, 2,000, 5,000, 10,000, ... had been filed. (No
/// B-cubed here: synthetic stories made from one seed at the same time are the same news.)
fn scale(seeds: &[Seed], total: u64, args: &BenchClusteringArgs) {
    println!();
    println!("scale run: {total} synthetic articles, {} a day", args.per_day);
    println!("{:>10} {:>14} {:>10} {:>12}", "filed", "µs/article", "stories", "peak MB");
    let mut organizer = Organizer::new(options(&args.options));
    let mut made = synthetic::articles(seeds, args.per_day, 1_600_000_000);
    let (mut gold, mut predicted) = (Vec::new(), Vec::new());
    let mut file = |organizer: &mut Organizer, key: u64, a: &SyntheticArticle| {
        let input = ArticleInput {
            title: &a.title,
            text: &a.text,
            published: Some(a.published),
            entities: &a.entities,
        };
        predicted.push(organizer.file(key, &input).story);
        gold.push(a.story);
    };
    let checkpoints = (3..=9).flat_map(|e| [1, 2, 5].map(|m| m * 10u64.pow(e))).filter(|&c| c <= total);
    let mut filed = 0u64;
    for checkpoint in checkpoints {
        // Filed untimed up to the last block before the checkpoint; that block is made first,
        // then timed.
        while filed + BLOCK < checkpoint {
            let Some(article) = made.next() else { return };
            file(&mut organizer, filed, &article);
            filed += 1;
        }
        let block: Vec<SyntheticArticle> = made.by_ref().take((checkpoint - filed) as usize).collect();
        let started = Instant::now();
        for article in &block {
            file(&mut organizer, filed, article);
            filed += 1;
        }
        let micros = started.elapsed().as_secs_f64() * 1e6 / block.len().max(1) as f64;
        let peak = peak_memory_mb().map_or_else(|| "n/a".to_string(), |mb| format!("{mb:.0}"));
        println!("{filed:>10} {micros:>14.1} {:>10} {peak:>12}", organizer.story_count());
    }
}

/// The process's peak resident memory, where the system says (Linux).
pub fn peak_memory_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}
