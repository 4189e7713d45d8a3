//! Tagging speed on one thread over a CoNLL file with the embedded model:
//! `cargo run --release -p newsgraph-nlp --example tag_speed -- FILE [ROUNDS]`

use std::time::Instant;

use newsgraph_nlp::conll;
use newsgraph_nlp::ner::EntityTagger;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let docs = conll::parse(&std::fs::read_to_string(&args[0]).expect("read"));
    let rounds: usize = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(3);
    let tagger = EntityTagger::embedded().expect("model");
    let words: Vec<Vec<Vec<&str>>> = docs
        .iter()
        .map(|d| d.sentences.iter().map(|s| s.words.iter().map(String::as_str).collect()).collect())
        .collect();
    let tokens: usize = words.iter().flatten().map(Vec::len).sum();
    for _ in 0..rounds {
        let t = Instant::now();
        let mut names = 0;
        for doc in &words {
            names += tagger.names(doc).iter().map(Vec::len).sum::<usize>();
        }
        let s = t.elapsed().as_secs_f64();
        println!("{tokens} tokens, {names} names, {:.0} tokens/s", tokens as f64 / s);
    }
}
