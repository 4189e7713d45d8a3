//! Development loop for the tagger: train on one CoNLL file, print dev F1 per epoch.
//! `cargo run --release -p newsgraph-nlp --example train_ner -- TRAIN DEV [CLUSTERS GAZ] [OUT]`

use std::sync::Arc;
use std::time::Instant;

use newsgraph_bench::ner::NerScore;
use newsgraph_nlp::conll;
use newsgraph_nlp::ner::train::{LabelledDocument, TrainOptions, gold_labels, train};
use newsgraph_nlp::ner::{EntityTagger, Lexicon, labels};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let read = |p: &str| std::fs::read_to_string(p).expect("read");
    let train_docs = conll::parse(&read(&args[0]));
    let dev_docs = conll::parse(&read(&args[1]));
    let lexicon = if args.len() >= 4 {
        Lexicon::from_gzip(
            &std::fs::read(&args[2]).expect("clusters"),
            &std::fs::read(&args[3]).expect("gaz"),
        )
        .expect("lexicon")
    } else {
        Lexicon::default()
    };
    let lexicon = Arc::new(lexicon);
    let labelled: Vec<LabelledDocument> = train_docs
        .iter()
        .map(|d| LabelledDocument {
            sentences: d
                .sentences
                .iter()
                .map(|s| {
                    let tags: Vec<String> = s.tags.iter().map(|t| t.clone().unwrap_or_default()).collect();
                    (s.words.clone(), gold_labels(&tags))
                })
                .collect(),
        })
        .collect();
    let epochs = std::env::var("EPOCHS").ok().and_then(|e| e.parse().ok()).unwrap_or(12);
    let started = Instant::now();
    let lex = lexicon.clone();
    let mut best = (0.0, 0);
    let weights = train(
        &lexicon,
        &labelled,
        TrainOptions {
            epochs,
            min_count: std::env::var("MIN_COUNT").ok().and_then(|e| e.parse().ok()).unwrap_or(2),
            seeds: std::env::var("SEEDS").ok().and_then(|e| e.parse().ok()).unwrap_or(4),
            ..Default::default()
        },
        &mut |p| {
            let (epoch, w) = (p.epoch + 100 * p.pass, p.model);
            let tagger = EntityTagger::new(Arc::new(w.clone()), lex.clone());
            let score = evaluate(&tagger, &dev_docs);
            if score.overall.f1() > best.0 {
                best = (score.overall.f1(), epoch);
            }
            let kinds: Vec<String> =
                score.by_kind.iter().map(|(k, c)| format!("{k} {:.3}", c.f1())).collect();
            eprintln!(
                "epoch {epoch:2}  dev P {:.4} R {:.4} F1 {:.4}  [{}]  {:.0}s  features {}",
                score.overall.precision(),
                score.overall.recall(),
                score.overall.f1(),
                kinds.join(", "),
                started.elapsed().as_secs_f64(),
                w.first.rows.len()
            );
        },
    );
    eprintln!("best dev F1 {:.4} at epoch {}", best.0, best.1);
    let tagger = EntityTagger::new(Arc::new(weights.clone()), lexicon.clone());
    eprintln!("final model: dev F1 {:.4}", evaluate(&tagger, &dev_docs).overall.f1());
    let tagger = EntityTagger::new(Arc::new(weights.clone()), lexicon.clone());
    let tokens: usize = dev_docs.iter().flat_map(|d| &d.sentences).map(|s| s.words.len()).sum();
    let t = Instant::now();
    let _ = evaluate(&tagger, &dev_docs);
    eprintln!("speed: {:.0} tokens/s (incl. scoring)", tokens as f64 / t.elapsed().as_secs_f64());
    if let Some(out) = args.get(4).or(args.get(2).filter(|_| args.len() == 3)) {
        let bytes = weights.to_bytes().expect("encode");
        std::fs::write(out, &bytes).expect("write");
        eprintln!("model: {} features, {} bytes", weights.first.rows.len(), bytes.len());
    }
    let _ = labels::COUNT;
    if let Ok(path) = std::env::var("ERRORS") {
        let mut out = String::new();
        for doc in &dev_docs {
            let words: Vec<Vec<&str>> =
                doc.sentences.iter().map(|s| s.words.iter().map(String::as_str).collect()).collect();
            let predicted = tagger.tag_document(&words);
            for (s, p) in doc.sentences.iter().zip(predicted) {
                let gold: Vec<String> = s.tags.iter().map(|t| t.clone().unwrap_or_default()).collect();
                let g = newsgraph_bench::ner::chunks(&gold);
                let pc = newsgraph_bench::ner::chunks(&p);
                let show = |c: &newsgraph_bench::ner::Chunk| {
                    format!("{}:{}", c.kind, s.words[c.start..c.end].join(" "))
                };
                let missed: Vec<String> = g.iter().filter(|c| !pc.contains(c)).map(show).collect();
                let wrong: Vec<String> = pc.iter().filter(|c| !g.contains(c)).map(show).collect();
                if !missed.is_empty() || !wrong.is_empty() {
                    out.push_str(&format!(
                        "{}\n  gold-only: {:?}\n  pred-only: {:?}\n",
                        s.words.join(" "),
                        missed,
                        wrong
                    ));
                }
            }
        }
        std::fs::write(path, out).expect("errors");
    }
}

fn evaluate(tagger: &EntityTagger, docs: &[conll::ConllDocument]) -> NerScore {
    let mut score = NerScore::default();
    for doc in docs {
        let words: Vec<Vec<&str>> =
            doc.sentences.iter().map(|s| s.words.iter().map(String::as_str).collect()).collect();
        let predicted = tagger.tag_document(&words);
        for (s, p) in doc.sentences.iter().zip(predicted) {
            let gold: Vec<String> = s.tags.iter().map(|t| t.clone().unwrap_or_default()).collect();
            score.add(&gold, &p);
        }
    }
    score
}
