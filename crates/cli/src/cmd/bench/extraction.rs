//! `newsgraph bench extraction`: article-body extraction scored against gold bodies (see
//! `newsgraph_bench::extraction` for the metric), ours next to trafilatura's in one run.
//!
//! All pages are read and decompressed before the clock starts; the clock times only the
//! calls to `newsgraph_extract::extract` (the peer times its own calls the same way).

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use newsgraph_bench::{PageScore, Summary, score_page, summarize};
use newsgraph_extract::{ExtractOptions, extract};
use newsgraph_pipeline::read_page_bytes;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::python::ran;
use super::trafilatura::{self, PeerPage};
use crate::cli::{BenchExtractionArgs, Peer};

#[derive(Deserialize)]
struct GoldPage {
    #[serde(rename = "articleBody", default)]
    article_body: Option<String>,
    #[serde(default)]
    url: Option<String>,
}

struct Page {
    id: String,
    /// The page file, as given to the peer.
    path: String,
    gold: String,
    options: ExtractOptions,
    bytes: Vec<u8>,
}

/// One extractor's figures: one table row, one JSON line.
#[derive(Serialize)]
struct Row {
    extractor: &'static str,
    version: Option<String>,
    pages: usize,
    /// Pages with a non-empty prediction (the precision is averaged over these).
    predicted_pages: usize,
    precision: f64,
    recall: f64,
    f1: f64,
    seconds: f64,
    pages_per_second: f64,
    threads: u16,
    /// Pages the extractor failed on (scored as empty predictions).
    errors: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    worst: Option<Vec<WorstPage>>,
}

#[derive(Serialize)]
struct WorstPage {
    id: String,
    /// `null` when the prediction was empty.
    precision: Option<f64>,
    recall: f64,
    f1: f64,
}

impl Row {
    fn new(extractor: &'static str, summary: Summary, seconds: f64, threads: u16, errors: usize) -> Self {
        Row {
            extractor,
            version: None,
            pages: summary.pages,
            predicted_pages: summary.predicted_pages,
            precision: summary.precision,
            recall: summary.recall,
            f1: summary.f1,
            seconds,
            pages_per_second: summary.pages as f64 / seconds.max(1e-9),
            threads,
            errors,
            worst: None,
        }
    }
}

pub fn run(args: &BenchExtractionArgs) -> anyhow::Result<ExitCode> {
    let pages = load_pages(&args.pages, &args.gold, args.max_bytes)?;

    let (bodies, seconds) = extract_all(&pages, args.threads)?;
    let errors = bodies.iter().filter(|body| body.is_none()).count();
    let scores: Vec<PageScore> = pages
        .iter()
        .zip(&bodies)
        .map(|(page, body)| score_page(&page.gold, body.as_deref().unwrap_or("")))
        .collect();
    let mut ours = Row::new("newsgraph", summarize(&scores), seconds, args.threads, errors);
    ours.version = Some(env!("CARGO_PKG_VERSION").to_string());
    ours.worst = Some(worst_pages(&pages, &scores, args.worst));
    if errors > 0 {
        eprintln!("note: newsgraph failed on {errors} page(s); they are scored as empty predictions");
    }

    let mut exit = ExitCode::SUCCESS;
    let peer = match args.peer {
        Peer::None => None,
        Peer::Trafilatura => {
            let list: Vec<PeerPage<'_>> = pages
                .iter()
                .map(|page| PeerPage { id: &page.id, path: &page.path, url: page.options.url.as_deref() })
                .collect();
            let outcome = trafilatura::run(&args.python, &list);
            ran(outcome, "trafilatura", "pip install trafilatura", &mut exit).map(|run| peer_row(&pages, run))
        }
    };

    if args.json {
        print_json(&ours, peer.as_ref())?;
    } else {
        print_table(&ours, peer.as_ref());
    }
    Ok(exit)
}

/// Pairs the page files with their gold bodies and reads every page into memory.
fn load_pages(dir: &Path, gold_path: &Path, max_bytes: u64) -> anyhow::Result<Vec<Page>> {
    let gold_bytes = std::fs::read(gold_path)
        .with_context(|| format!("cannot read the gold file {}", gold_path.display()))?;
    let mut gold: HashMap<String, GoldPage> = serde_json::from_slice(&gold_bytes).with_context(|| {
        format!("{} is not a JSON object {{id: {{\"articleBody\", \"url\"}}}}", gold_path.display())
    })?;

    let mut files: BTreeMap<String, PathBuf> = BTreeMap::new();
    let entries = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read the pages directory {}", dir.display()))?;
    for entry in entries {
        let path = entry.with_context(|| format!("cannot list {}", dir.display()))?.path();
        let Some(name) = path.file_name().and_then(|name| name.to_str()) else { continue };
        let Some(id) = name.strip_suffix(".html.gz").or_else(|| name.strip_suffix(".html")) else { continue };
        if !path.is_file() {
            continue;
        }
        if let Some(previous) = files.insert(id.to_string(), path.clone()) {
            eprintln!(
                "warning: two files for page {id}: {} and {}; using the latter",
                previous.display(),
                path.display()
            );
        }
    }

    let mut pages = Vec::with_capacity(files.len());
    let mut without_gold = 0usize;
    for (id, path) in files {
        let Some(entry) = gold.remove(&id) else {
            without_gold += 1;
            continue;
        };
        let Some(path_str) = path.to_str().map(str::to_string) else {
            eprintln!("warning: skipped {}: the path is not UTF-8", path.display());
            continue;
        };
        match read_page_bytes(&path_str, max_bytes) {
            Ok(bytes) => pages.push(Page {
                id,
                path: path_str,
                gold: entry.article_body.unwrap_or_default(),
                options: ExtractOptions { url: entry.url, ..ExtractOptions::default() },
                bytes,
            }),
            Err(reason) => eprintln!("warning: skipped {path_str}: {reason}"),
        }
    }
    if without_gold > 0 {
        eprintln!("note: {without_gold} page file(s) have no gold body and were not scored");
    }
    if !gold.is_empty() {
        eprintln!("note: gold bodies without a page file in {}: {}", dir.display(), gold.len());
    }
    anyhow::ensure!(
        !pages.is_empty(),
        "no pages to score in {}: expected <id>.html.gz or <id>.html files named after the ids in {}",
        dir.display(),
        gold_path.display()
    );
    Ok(pages)
}

/// Extracts every page's body (`None` where extraction failed) and the seconds it took.
fn extract_all(pages: &[Page], threads: u16) -> anyhow::Result<(Vec<Option<String>>, f64)> {
    let body = |page: &Page| extract(&page.bytes, &page.options).ok().map(|article| article.text());
    if threads <= 1 {
        let start = Instant::now();
        let bodies: Vec<Option<String>> = pages.iter().map(body).collect();
        return Ok((bodies, start.elapsed().as_secs_f64()));
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(usize::from(threads))
        .build()
        .context("cannot start the extraction threads")?;
    let start = Instant::now();
    let bodies: Vec<Option<String>> = pool.install(|| pages.par_iter().map(body).collect());
    Ok((bodies, start.elapsed().as_secs_f64()))
}

fn peer_row(pages: &[Page], mut run: trafilatura::PeerRun) -> Row {
    let scores: Vec<PageScore> = pages
        .iter()
        .map(|page| {
            let body = run.bodies.remove(&page.id).flatten().unwrap_or_default();
            score_page(&page.gold, &body)
        })
        .collect();
    let mut row = Row::new("trafilatura", summarize(&scores), run.seconds, 1, 0);
    row.version = run.trafilatura_version;
    row
}

/// The `n` pages with the lowest F1 (ties by id).
fn worst_pages(pages: &[Page], scores: &[PageScore], n: usize) -> Vec<WorstPage> {
    let mut ranked: Vec<(&Page, &PageScore)> = pages.iter().zip(scores).collect();
    ranked.sort_by(|a, b| a.1.f1().total_cmp(&b.1.f1()).then_with(|| a.0.id.cmp(&b.0.id)));
    ranked
        .into_iter()
        .take(n)
        .map(|(page, score)| WorstPage {
            id: page.id.clone(),
            precision: score.precision(),
            recall: score.recall(),
            f1: score.f1(),
        })
        .collect()
}

fn speed_ratio(ours: &Row, peer: &Row) -> f64 {
    ours.pages_per_second / peer.pages_per_second.max(1e-9)
}

fn print_json(ours: &Row, peer: Option<&Row>) -> anyhow::Result<()> {
    println!("{}", serde_json::to_string(ours)?);
    if let Some(peer) = peer {
        println!("{}", serde_json::to_string(peer)?);
        let ratio =
            serde_json::json!({ "speed_ratio": speed_ratio(ours, peer), "of": "newsgraph / trafilatura" });
        println!("{ratio}");
    }
    Ok(())
}

fn print_table(ours: &Row, peer: Option<&Row>) {
    println!("{:<13} {:<6} {:<10} {:<7} {:<6} pages/s", "extractor", "pages", "precision", "recall", "F1");
    for row in std::iter::once(ours).chain(peer) {
        println!(
            "{:<13} {:<6} {:<10.3} {:<7.3} {:<6.3} {:.1}",
            row.extractor, row.pages, row.precision, row.recall, row.f1, row.pages_per_second
        );
    }
    if let Some(peer) = peer {
        let threads = if ours.threads > 1 {
            format!(" (newsgraph on {} threads, trafilatura on 1)", ours.threads)
        } else {
            String::new()
        };
        println!("speed ratio (newsgraph / trafilatura): {:.1}x{threads}", speed_ratio(ours, peer));
    }
    let worst = ours.worst.as_deref().unwrap_or_default();
    if !worst.is_empty() {
        println!("\nnewsgraph's {} lowest-F1 pages:", worst.len());
        println!("{:<6} {:<6} {:<6} id", "P", "R", "F1");
        for page in worst {
            let precision = page.precision.map_or_else(|| "-".to_string(), |p| format!("{p:.3}"));
            println!("{precision:<6} {:<6.3} {:<6.3} {}", page.recall, page.f1, page.id);
        }
    }
}
