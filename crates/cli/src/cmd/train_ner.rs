//! `newsgraph train-ner`: trains the entity tagger and writes the model file. The shipped
//! model (models/ner/tagger.bin.gz) is made by
//! `newsgraph train-ner --train eng.train --train eng.testa --out models/ner/tagger.bin.gz`.

use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use anyhow::Context;
use newsgraph_bench::ner::NerScore;
use newsgraph_nlp::conll::{self, ConllDocument};
use newsgraph_nlp::ner::train::{LabelledDocument, TrainOptions, gold_labels, train};
use newsgraph_nlp::ner::{EntityTagger, labels};

use crate::cli::TrainNerArgs;

pub fn run(args: &TrainNerArgs) -> anyhow::Result<()> {
    let mut documents = Vec::new();
    for path in &args.train {
        documents.extend(read_conll(path)?.iter().map(labelled));
    }
    let tokens: usize = documents.iter().flat_map(|d| &d.sentences).map(|(w, _)| w.len()).sum();
    anyhow::ensure!(tokens > 0, "no tagged tokens in the training files");
    let dev = args.dev.as_deref().map(read_conll).transpose()?;
    let lexicon = Arc::new(EntityTagger::embedded_lexicon().context("the built-in word lists do not load")?);
    eprintln!("training on {} documents, {tokens} tokens", documents.len());

    let started = Instant::now();
    let options = TrainOptions { epochs: args.epochs, seed: args.seed, ..TrainOptions::default() };
    let model = train(&lexicon, &documents, options, &mut |progress| {
        let mut line = format!(
            "pass {} epoch {:2}  {:5.1}s",
            progress.pass,
            progress.epoch,
            started.elapsed().as_secs_f64()
        );
        if let Some(dev) = &dev {
            let tagger = EntityTagger::new(Arc::new(progress.model.clone()), lexicon.clone());
            let score = score(&tagger, dev);
            line.push_str(&format!(
                "  dev P {:.4} R {:.4} F1 {:.4}",
                score.overall.precision(),
                score.overall.recall(),
                score.overall.f1()
            ));
        }
        eprintln!("{line}");
    });
    let bytes = model.to_bytes().context("cannot encode the model")?;
    std::fs::write(&args.out, &bytes).with_context(|| format!("cannot write {}", args.out.display()))?;
    let features = model.first.rows.len() + model.second.as_ref().map_or(0, |w| w.rows.len());
    eprintln!(
        "wrote {} ({} bytes, {features} features) in {:.1}s",
        args.out.display(),
        bytes.len(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

pub fn read_conll(path: &Path) -> anyhow::Result<Vec<ConllDocument>> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let text =
        String::from_utf8(bytes).map_err(|_| anyhow::anyhow!("{} is not UTF-8 text", path.display()))?;
    Ok(conll::parse(&text))
}

fn labelled(doc: &ConllDocument) -> LabelledDocument {
    LabelledDocument {
        sentences: doc
            .sentences
            .iter()
            .map(|s| {
                let tags: Vec<&str> = s.tags.iter().map(|t| t.as_deref().unwrap_or("O")).collect();
                (s.words.clone(), gold_labels(&tags))
            })
            .collect(),
    }
}

/// Scores a tagger on gold documents.
pub fn score(tagger: &EntityTagger, documents: &[ConllDocument]) -> NerScore {
    let mut score = NerScore::default();
    for doc in documents {
        let words: Vec<Vec<&str>> =
            doc.sentences.iter().map(|s| s.words.iter().map(String::as_str).collect()).collect();
        let labels_per_sentence = tagger.label_document(&words);
        for (sentence, predicted) in doc.sentences.iter().zip(labels_per_sentence) {
            let gold: Vec<&str> = sentence.tags.iter().map(|t| t.as_deref().unwrap_or("O")).collect();
            let predicted: Vec<String> = predicted.into_iter().map(labels::tag).collect();
            score.add(&gold, &predicted);
        }
    }
    score
}
