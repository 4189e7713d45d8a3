//! `newsgraph tag --conll FILE`: the entity tagger over pre-tokenised text.
//!
//! Output lines correspond one to one with input lines, so the result can be pasted beside
//! the gold column (as conlleval expects).

use std::io::{BufWriter, Write};
use std::path::Path;

use anyhow::Context;
use newsgraph_nlp::conll;
use newsgraph_nlp::ner::{EntityTagger, Model};
use rayon::prelude::*;

use crate::cli::TagArgs;

pub fn run(args: &TagArgs) -> anyhow::Result<()> {
    let tagger = load_tagger(args.model.as_deref())?;
    let text = std::fs::read(&args.conll).with_context(|| format!("cannot read {}", args.conll.display()))?;
    let text =
        String::from_utf8(text).map_err(|_| anyhow::anyhow!("{} is not UTF-8 text", args.conll.display()))?;
    let documents = conll::parse(&text);
    // Documents are independent: tag them in parallel, then write in input order.
    let tags: Vec<Vec<Vec<String>>> = documents
        .par_iter()
        .map(|doc| {
            let words: Vec<Vec<&str>> =
                doc.sentences.iter().map(|s| s.words.iter().map(String::as_str).collect()).collect();
            tagger.tag_document(&words)
        })
        .collect();
    let mut predicted = tags.iter().flatten().flatten();

    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    for line in text.lines() {
        let Some(word) = line.split_whitespace().next() else {
            writeln!(out)?;
            continue;
        };
        let tag = if word == "-DOCSTART-" { "O" } else { predicted.next().map_or("O", String::as_str) };
        writeln!(out, "{word}\t{tag}")?;
    }
    out.flush()?;
    Ok(())
}

/// The built-in tagger, or the built-in word lists with a model file from `train-ner`.
pub fn load_tagger(model: Option<&Path>) -> anyhow::Result<EntityTagger> {
    let Some(path) = model else {
        return Ok(EntityTagger::embedded()?);
    };
    let bytes = std::fs::read(path).with_context(|| format!("cannot read the model {}", path.display()))?;
    let model =
        Model::from_bytes(&bytes).with_context(|| format!("cannot load the model {}", path.display()))?;
    let lexicon = EntityTagger::embedded_lexicon().context("the built-in word lists do not load")?;
    Ok(EntityTagger::new(model.into(), lexicon.into()))
}
