//! `newsgraph bench rewrites`: each original and its two rewrites filed in turn, as they
//! would arrive; counts how many (original, rewrite) pairs end up linked as rewrites, and how
//! many pairs of unrelated articles end up linked at all.

use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use newsgraph_bench::rewrites::{Link, score};
use newsgraph_cluster::{ArticleInput, Organizer};
use serde::Deserialize;

use crate::cli::BenchRewritesArgs;
use crate::cmd::cluster::{ClusterLine, entities, options, recognizer};

#[derive(Deserialize)]
struct RewriteLine {
    #[serde(default)]
    title: String,
    original: String,
    rewrite_a: String,
    rewrite_b: String,
}

pub fn run(args: &BenchRewritesArgs) -> anyhow::Result<ExitCode> {
    let text = std::fs::read_to_string(&args.file)
        .with_context(|| format!("cannot read {}", args.file.display()))?;
    let mut articles: Vec<ClusterLine> = Vec::new();
    let (mut original_of, mut is_original) = (Vec::new(), Vec::new());
    for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let row: RewriteLine =
            serde_json::from_str(line).with_context(|| format!("{}:{}", args.file.display(), n + 1))?;
        let first = articles.len();
        // Only the original comes with a title: the rewrites carry theirs in the text.
        for (title, text) in
            [(row.title, row.original), (String::new(), row.rewrite_a), (String::new(), row.rewrite_b)]
        {
            is_original.push(articles.len() == first);
            original_of.push(first);
            articles.push(ClusterLine { title, text, ..ClusterLine::default() });
        }
    }
    let entities = entities(&articles, recognizer(&args.options)?.as_ref());
    let mut organizer = Organizer::new(options(&args.options));
    let started = Instant::now();
    let links: Vec<Option<Link>> = articles
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let filing = organizer.file(
                i as u64,
                &ArticleInput { title: &a.title, text: &a.text, published: None, entities: &entities[i] },
            );
            match (filing.duplicate_of, filing.rewrite_of) {
                (Some(c), _) => Some(Link::Copy(c as usize)),
                (None, Some(r)) => Some(Link::Rewrite(r as usize)),
                (None, None) => None,
            }
        })
        .collect();
    let seconds = started.elapsed().as_secs_f64();
    let s = score(&original_of, &is_original, &links);
    let share = |part: u64, all: u64| if all == 0 { 0.0 } else { part as f64 / all as f64 };
    println!(
        "{:>8} {:>6} {:>7} {:>9} {:>10} {:>15} {:>10} {:>10}",
        "articles", "pairs", "linked", "as copies", "unrelated", "wrongly linked", "linked %", "wrong %"
    );
    println!(
        "{:>8} {:>6} {:>7} {:>9} {:>10} {:>15} {:>10.2} {:>10.4}    {:.0} articles/s",
        articles.len(),
        s.pairs,
        s.linked,
        s.as_copies,
        s.unrelated_pairs,
        s.wrongly_linked,
        100.0 * share(s.linked, s.pairs),
        100.0 * share(s.wrongly_linked, s.unrelated_pairs),
        articles.len() as f64 / seconds.max(1e-9)
    );
    Ok(ExitCode::SUCCESS)
}
