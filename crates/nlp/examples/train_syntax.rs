//! Trains the part-of-speech tagger and the chunker on CoNLL-2003, prints token accuracy on
//! the dev file after each epoch, and writes the model.
//! `cargo run --release -p newsgraph-nlp --example train_syntax -- TRAIN... --dev DEV [--out OUT]`
//! (`OUT` defaults to `models/syntax/tagger.bin.gz`; `EPOCHS` and `PRUNE` tune it.)

use std::sync::Arc;
use std::time::Instant;

use newsgraph_nlp::ner::EntityTagger;
use newsgraph_nlp::syntax::train::{TrainOptions, accuracy, read_conll, train};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (mut train_files, mut dev, mut out) = (Vec::new(), None, "models/syntax/tagger.bin.gz".to_string());
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--dev" => dev = it.next().cloned(),
            "--out" => out = it.next().cloned().unwrap_or(out),
            file => train_files.push(file.to_string()),
        }
    }
    let read = |p: &str| read_conll(&std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{p}: {e}")));
    let sentences: Vec<_> = train_files.iter().flat_map(|f| read(f)).collect();
    let dev = dev.map(|d| read(&d)).unwrap_or_default();
    let env = |name: &str| std::env::var(name).ok().and_then(|v| v.parse::<f32>().ok());
    let options = TrainOptions {
        epochs: env("EPOCHS").map_or(8, |v| v as usize),
        prune_below: env("PRUNE").unwrap_or(0.5),
        ..Default::default()
    };
    let vocabulary = Arc::new(EntityTagger::embedded_lexicon().expect("word clusters"));
    eprintln!("train {} sentences, dev {}", sentences.len(), dev.len());
    let start = Instant::now();
    let tagger = train(&sentences, vocabulary, options, &mut |epoch, tagger| {
        let (pos, chunks) = accuracy(tagger, &dev);
        eprintln!(
            "epoch {epoch} ({:.0}s): dev accuracy: POS {pos:.4}, chunks {chunks:.4}",
            start.elapsed().as_secs_f64()
        );
    })
    .expect("too many labels");
    let words: usize = dev.iter().map(|s| s.words.len()).sum();
    let start = Instant::now();
    let (pos, chunks) = accuracy(&tagger, &dev);
    let rate = words as f64 / start.elapsed().as_secs_f64();
    let bytes = tagger.to_bytes().expect("encode");
    println!(
        "final: dev accuracy POS {pos:.4}, chunks {chunks:.4}; {rate:.0} tokens/s; {} + {} features, {} bytes",
        tagger.pos.rows.len(),
        tagger.chunks.rows.len(),
        bytes.len()
    );
    if let Some(parent) = std::path::Path::new(&out).parent() {
        std::fs::create_dir_all(parent).expect("create model dir");
    }
    std::fs::write(&out, &bytes).expect("write model");
    eprintln!("wrote {out}");
}
