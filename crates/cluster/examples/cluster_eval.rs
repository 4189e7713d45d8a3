//! Scores story clustering on a labelled JSONL file (`{"id","cluster","title","text",
//! "published","source"}` per line), articles fed in publication order (undated ones last,
//! in file order): B-cubed precision, recall, F1 and articles per second.
//! `cargo run --release -p newsgraph-cluster --example cluster_eval -- FILE.jsonl`
//! (`THRESHOLD`, `ENTITY_WEIGHT`, `TITLE_WEIGHT`, `WINDOW_DAYS` tune it; `ENTITIES=0` leaves
//! entities out.)

use std::time::Instant;

use newsgraph_cluster::{ArticleInput, ClusterOptions, StoryClusterer};

#[derive(serde::Deserialize)]
struct Line {
    cluster: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    text: String,
    published: Option<String>,
}

fn seconds(published: &Option<String>) -> Option<i64> {
    let p = published.as_deref()?;
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(p) {
        return Some(t.timestamp());
    }
    let day = chrono::NaiveDate::parse_from_str(p.get(..10)?, "%Y-%m-%d").ok()?;
    Some(day.and_hms_opt(12, 0, 0)?.and_utc().timestamp())
}

fn main() {
    let path = std::env::args().nth(1).expect("a JSONL file");
    let text = std::fs::read_to_string(&path).expect("read");
    let mut lines: Vec<Line> = text.lines().filter_map(|l| serde_json::from_str(l).ok()).collect();
    lines.sort_by_key(|l| seconds(&l.published).map_or((1, 0), |s| (0, s)));
    let env = |name: &str| std::env::var(name).ok().and_then(|v| v.parse::<f32>().ok());
    let defaults = ClusterOptions::default();
    let options = ClusterOptions {
        threshold: env("THRESHOLD").unwrap_or(defaults.threshold),
        entity_weight: env("ENTITY_WEIGHT").unwrap_or(defaults.entity_weight),
        title_weight: env("TITLE_WEIGHT").unwrap_or(defaults.title_weight),
        window_seconds: env("WINDOW_DAYS").map_or(defaults.window_seconds, |d| (d * 86_400.0) as i64),
        ..defaults
    };
    let recognizer = newsgraph_nlp::EntityRecognizer::embedded().expect("entity models");
    let use_entities = env("ENTITIES").is_none_or(|v| v > 0.0);
    let entities: Vec<Vec<String>> = lines
        .iter()
        .map(|l| {
            if !use_entities {
                return Vec::new();
            }
            let found = recognizer.recognize_text(&format!("{}\n\n{}", l.title, l.text));
            found.entities.into_iter().map(|e| e.key).collect()
        })
        .collect();
    let mut clusterer = StoryClusterer::new(options);
    let start = Instant::now();
    let predicted: Vec<usize> = lines
        .iter()
        .zip(&entities)
        .map(|(l, e)| {
            clusterer.add(&ArticleInput {
                title: &l.title,
                text: &l.text,
                published: seconds(&l.published),
                entities: e,
            })
        })
        .collect();
    let elapsed = start.elapsed().as_secs_f64();
    let gold: Vec<&str> = lines.iter().map(|l| l.cluster.as_str()).collect();
    let (p, r, f) = newsgraph_bench::clustering::bcubed(&gold, &predicted);
    println!(
        "{path}: {} articles, {} stories (gold {}); B-cubed P {p:.3} R {r:.3} F1 {f:.3}; {:.0} articles/s (clustering only)",
        lines.len(),
        clusterer.story_count(),
        gold.iter().collect::<std::collections::HashSet<_>>().len(),
        lines.len() as f64 / elapsed
    );
}
