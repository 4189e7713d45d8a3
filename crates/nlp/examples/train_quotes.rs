//! Trains the attribution labeller on PolNeAR's train split, prints dev scores after each
//! epoch, and writes the model.
//! `cargo run --release -p newsgraph-nlp --example train_quotes -- POLNEAR_DIR [OUT]`
//! (`POLNEAR_DIR` holds `metadata.tsv`, `train/` and `dev/`; `OUT` defaults to
//! `models/quotes/attribution.bin.gz`.) Tuned by `EPOCHS` (10), `MIN_COUNT` (40), `PRUNE` (5),
//! `SECOND` (1: two passes), `SEED` (7) and `SHOW` (print the first N dev documents);
//! `SYNTAX` names a syntax model other than the embedded one; `WITH_DEV=1` trains on dev too.
//! `EVAL=MODEL` scores a model on dev instead, and sorts what went wrong with sources and
//! contents.

use std::path::Path;
use std::time::Instant;

use newsgraph_bench::quotes::{self as bench, QuoteScore};
use newsgraph_nlp::ner::EntityTagger;
use newsgraph_nlp::quotes::train::{TrainOptions, train};
use newsgraph_nlp::quotes::{Attribution, AttributionModel};
use newsgraph_nlp::syntax::SyntaxTagger;

/// The documents of a split: text and the first listed annotator's attributions.
fn read_split(dir: &Path, split: &str) -> Vec<(String, Vec<Attribution>)> {
    let metadata = std::fs::read_to_string(dir.join("metadata.tsv")).expect("metadata.tsv");
    let mut out = Vec::new();
    for doc in bench::polnear_split(&metadata, split) {
        let (Ok(text), Ok(ann)) = (
            std::fs::read_to_string(dir.join(doc.text_path())),
            std::fs::read_to_string(dir.join(doc.annotation_path())),
        ) else {
            eprintln!("missing text or annotations of {}", doc.name);
            continue;
        };
        let gold = bench::parse_brat(&ann, &text)
            .into_iter()
            .map(|a| Attribution { source: a.source, cue: a.cue, content: a.content })
            .collect();
        out.push((text, gold));
    }
    out
}

fn to_bench(a: &[Attribution]) -> Vec<bench::Attribution> {
    a.iter()
        .map(|a| bench::Attribution {
            source: a.source.clone(),
            cue: a.cue.clone(),
            content: a.content.clone(),
        })
        .collect()
}

fn prf(c: &newsgraph_bench::ner::Counts) -> String {
    let p = if c.predicted > 0 { c.correct as f64 / c.predicted as f64 } else { 0.0 };
    let r = if c.gold > 0 { c.correct as f64 / c.gold as f64 } else { 0.0 };
    let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
    format!("P {p:.3} R {r:.3} F1 {f:.3}")
}

/// Scores a model on the dev documents; returns the report line and docs per second.
fn evaluate(model: &AttributionModel, dev: &[(String, Vec<Attribution>)]) -> String {
    let start = Instant::now();
    let predicted: Vec<Vec<Attribution>> = dev.iter().map(|(text, _)| model.attributions(text)).collect();
    let seconds = start.elapsed().as_secs_f64();
    let mut score = QuoteScore::default();
    for ((text, gold), predicted) in dev.iter().zip(&predicted) {
        score.add(text, &to_bench(gold), &to_bench(predicted));
    }
    let style = |i: usize| {
        let (m, g) = score.recall_by_style[i];
        format!("{:.3} ({m}/{g})", m as f64 / g.max(1) as f64)
    };
    let unsourced = |list: &[Attribution]| list.iter().filter(|a| a.source.is_empty()).count();
    let gold_unsourced: usize = dev.iter().map(|(_, g)| unsourced(g)).sum();
    let predicted_unsourced: usize = predicted.iter().map(|p| unsourced(p)).sum();
    format!(
        "no source: gold {gold_unsourced} predicted {predicted_unsourced} | content {} | content+source strict {} | lenient {} | recall direct {} mixed {} indirect {} | \
         {:.0} docs/s",
        prf(&score.content),
        prf(&score.content_source),
        prf(&score.content_source_lenient),
        style(0),
        style(1),
        style(2),
        dev.len() as f64 / seconds
    )
}

/// Why sources fail where contents match: each gold attribution against the predicted one
/// sharing most content tokens, counted by what went wrong with the source, with examples.
fn source_errors(model: &AttributionModel, dev: &[(String, Vec<Attribution>)]) {
    use std::collections::BTreeMap;
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    let mut examples: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    let show = |text: &str, r: &[std::ops::Range<usize>]| {
        r.iter().map(|r| text.get(r.clone()).unwrap_or("?")).collect::<Vec<_>>().join(" … ")
    };
    for (text, gold) in dev {
        let predicted = model.attributions(text);
        let tokens = bench::word_tokens(text);
        let set = |r: &[std::ops::Range<usize>]| -> Vec<usize> {
            (0..tokens.len())
                .filter(|&i| r.iter().any(|r| tokens[i].start < r.end && tokens[i].end > r.start))
                .collect()
        };
        for g in gold {
            let gc = set(&g.content);
            let best = predicted
                .iter()
                .map(|p| (set(&p.content).iter().filter(|t| gc.contains(t)).count(), p))
                .max_by_key(|(n, _)| *n);
            let Some((shared, p)) = best else { continue };
            let pc = set(&p.content);
            let (gs, ps) = (set(&g.source), set(&p.source));
            let kind = if 2 * shared < gc.len().max(pc.len()) {
                match shared {
                    0 => "content missed",
                    _ if pc.len() > gc.len() => "content too long",
                    _ => "content too short",
                }
            } else {
                match (gs.is_empty(), ps.is_empty()) {
                    (true, true) => "both none",
                    (true, false) => "gold none, predicted one",
                    (false, true) if !p.cue.is_empty() => "predicted none, with cue",
                    (false, true) => {
                        let source = g.source.first().map_or(0, |r| r.start);
                        let content = g.content.first().map_or(0, |r| r.start);
                        let between = text.get(source.min(content)..source.max(content)).unwrap_or("");
                        match between.contains("\n\n") {
                            true => "predicted none, no cue, source in another paragraph",
                            false => "predicted none, no cue, source in this paragraph",
                        }
                    }
                    _ if gs.iter().any(|t| ps.contains(t)) => "lenient match",
                    _ if set(&g.cue).iter().any(|t| set(&p.cue).contains(t)) => "different, same cue",
                    _ => "different, other cue",
                }
            };
            *counts.entry(kind).or_default() += 1;
            let list = examples.entry(kind).or_default();
            if list.len() < 20 {
                list.push(format!(
                    "gold [{}] [{}] {{{}}} | pred [{}] [{}] {{{}}}",
                    show(text, &g.source),
                    show(text, &g.cue),
                    show(text, &g.content),
                    show(text, &p.source),
                    show(text, &p.cue),
                    show(text, &p.content),
                ));
            }
        }
    }
    for (kind, n) in &counts {
        println!("{kind}: {n}");
    }
    for (kind, list) in examples.iter().filter(|(k, _)| !matches!(**k, "lenient match" | "both none")) {
        println!("== {kind}");
        list.iter().for_each(|e| println!("  {e}"));
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = Path::new(args.first().map_or("../shared/data/quotes/polnear", String::as_str)).to_path_buf();
    let out = args.get(1).cloned().unwrap_or_else(|| "models/quotes/attribution.bin.gz".to_string());
    let train_docs = read_split(&dir, "train");
    let dev = read_split(&dir, "dev");
    let gold_count = |d: &[(String, Vec<Attribution>)]| d.iter().map(|(_, g)| g.len()).sum::<usize>();
    eprintln!(
        "train {} docs / {} attributions, dev {} docs / {} attributions",
        train_docs.len(),
        gold_count(&train_docs),
        dev.len(),
        gold_count(&dev)
    );
    let vocabulary = std::sync::Arc::new(EntityTagger::embedded_lexicon().expect("word clusters"));
    // The syntax tagger the features read: the embedded one, or `SYNTAX` (a model file).
    let syntax = Some(match std::env::var("SYNTAX") {
        Ok(path) => {
            let bytes = std::fs::read(path).expect("read syntax model");
            std::sync::Arc::new(SyntaxTagger::from_bytes(&bytes, vocabulary.clone()).expect("syntax model"))
        }
        Err(_) => SyntaxTagger::embedded().expect("embedded syntax model"),
    });
    if let Ok(path) = std::env::var("EVAL") {
        let mut model =
            AttributionModel::from_bytes(&std::fs::read(&path).expect("read model"), vocabulary.clone())
                .expect("model");
        model.syntax = syntax.clone();
        println!("{path}: {}", evaluate(&model, &dev));
        source_errors(&model, &dev);
        return;
    }
    let epochs = std::env::var("EPOCHS").ok().and_then(|e| e.parse().ok()).unwrap_or(10);
    // `WITH_DEV=1` also learns the dev split (for the shipped model; its dev scores then
    // flatter it).
    let with_dev = std::env::var("WITH_DEV").is_ok_and(|v| v == "1");
    let learned = train_docs.iter().chain(dev.iter().filter(|_| with_dev));
    let docs: Vec<(&str, &[Attribution])> = learned.map(|(t, g)| (t.as_str(), g.as_slice())).collect();
    let start = Instant::now();
    let env = |name: &str| std::env::var(name).ok().and_then(|e| e.parse::<f32>().ok());
    let options = TrainOptions {
        epochs,
        min_count: env("MIN_COUNT").map_or(40, |v| v as u32),
        prune_below: env("PRUNE").unwrap_or(5.0),
        second_pass: env("SECOND").is_none_or(|v| v > 0.0),
        seed: env("SEED").map_or(7, |v| v as u64),
        ..Default::default()
    };
    let model = train(&docs, &vocabulary, &syntax, options, &mut |epoch, model| {
        eprintln!("epoch {epoch} ({:.0}s): {}", start.elapsed().as_secs_f64(), evaluate(model, &dev));
    });
    if let Some(n) = env("SHOW") {
        let show = |text: &str, a: &Attribution| {
            let piece = |r: &[std::ops::Range<usize>]| {
                r.iter().map(|r| text.get(r.clone()).unwrap_or("?")).collect::<Vec<_>>().join(" … ")
            };
            format!("[{}] [{}] [{}]", piece(&a.source), piece(&a.cue), piece(&a.content))
        };
        for (text, gold) in dev.iter().take(n as usize) {
            println!("=== gold");
            gold.iter().for_each(|a| println!("  {}", show(text, a)));
            println!("--- predicted");
            model.attributions(text).iter().for_each(|a| println!("  {}", show(text, a)));
        }
    }
    let bytes = model.to_bytes().expect("encode");
    let mut reloaded = AttributionModel::from_bytes(&bytes, vocabulary.clone()).expect("decode");
    reloaded.syntax = syntax.clone();
    println!("final (quantised, reloaded): {}", evaluate(&reloaded, &dev));
    println!(
        "model: {} features, {} cue words, {} bytes",
        model.rows.len(),
        model.lexicon.len(),
        bytes.len()
    );
    if let Some(parent) = Path::new(&out).parent() {
        std::fs::create_dir_all(parent).expect("create model dir");
    }
    std::fs::write(&out, &bytes).expect("write model");
    eprintln!("wrote {out}");
}
