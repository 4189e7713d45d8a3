//! Development check on real pages: the scrapinghub article-extraction benchmark's dev split
//! (HTML plus the gold `articleBody`). Reports token-overlap F1 of our body against the gold
//! body, averaged over the pages, and asserts a floor. Skipped when ../shared is absent.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use newsgraph_extract::{ExtractOptions, extract};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/extraction/scrapinghub-dev");

/// The floor this extractor reaches (measured mean F1 is printed by the test).
const MIN_MEAN_F1: f64 = 0.90;

#[test]
fn scrapinghub_dev_body_f1() {
    let Ok(truth) = std::fs::read_to_string(Path::new(DIR).join("ground-truth.json")) else {
        eprintln!("skipped: {DIR} not found");
        return;
    };
    let truth: serde_json::Value = serde_json::from_str(&truth).expect("ground truth is JSON");
    let truth = truth.as_object().expect("ground truth is an object");
    let mut scores = Vec::new();
    for (id, gold) in truth {
        let path = Path::new(DIR).join("html").join(format!("{id}.html.gz"));
        let Some(bytes) = gunzip(&path) else { continue };
        let url = gold["url"].as_str().map(str::to_string);
        let options = ExtractOptions { url, ..Default::default() };
        let body = extract(&bytes, &options).map(|a| a.paragraphs.join("\n")).unwrap_or_default();
        let f1 = token_f1(&body, gold["articleBody"].as_str().unwrap_or_default());
        eprintln!("{f1:.3} {id}");
        scores.push(f1);
    }
    let mean = scores.iter().sum::<f64>() / scores.len().max(1) as f64;
    eprintln!("scrapinghub-dev: {} pages, mean body token F1 {mean:.3}", scores.len());
    assert!(scores.len() >= 80, "only {} pages read", scores.len());
    assert!(mean >= MIN_MEAN_F1, "mean F1 {mean:.3} below {MIN_MEAN_F1}");
}

fn gunzip(path: &Path) -> Option<Vec<u8>> {
    let file = std::fs::File::open(path).ok()?;
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(file).read_to_end(&mut bytes).ok()?;
    Some(bytes)
}

/// F1 of the bags of lower-cased word tokens.
fn token_f1(predicted: &str, gold: &str) -> f64 {
    let bag = |text: &str| {
        let mut counts: HashMap<String, usize> = HashMap::new();
        for token in text.split(|c: char| !c.is_alphanumeric()).filter(|t| !t.is_empty()) {
            *counts.entry(token.to_lowercase()).or_default() += 1;
        }
        counts
    };
    let (p, g) = (bag(predicted), bag(gold));
    let overlap: usize = p.iter().map(|(t, n)| (*n).min(g.get(t).copied().unwrap_or(0))).sum();
    let (p_total, g_total): (usize, usize) = (p.values().sum(), g.values().sum());
    if overlap == 0 || p_total == 0 || g_total == 0 {
        return if p_total == 0 && g_total == 0 { 1.0 } else { 0.0 };
    }
    let precision = overlap as f64 / p_total as f64;
    let recall = overlap as f64 / g_total as f64;
    2.0 * precision * recall / (precision + recall)
}
