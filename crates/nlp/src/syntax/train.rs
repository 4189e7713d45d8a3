//! Training the part-of-speech tagger and the chunker on CoNLL-2003 (`word POS chunk NER`
//! per line, blank lines between sentences; chunks IOB1, read as IOB2).

use crate::hash::shuffle;
use crate::ner::Lexicon;
use std::sync::Arc;

use super::SyntaxTagger;
use super::features::{WordInfo, chunk_features, pos_features, word_infos};
use super::greedy::{MAX_LABELS, Trainer};

/// One sentence: its words with their part-of-speech tags and IOB2 chunk labels.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TaggedSentence {
    pub words: Vec<String>,
    pub pos: Vec<String>,
    pub chunks: Vec<String>,
}

/// Reads the sentences of a CoNLL-2003 file; `-DOCSTART-` lines and lines with fewer than
/// three columns are skipped.
pub fn read_conll(text: &str) -> Vec<TaggedSentence> {
    let mut out = Vec::new();
    let mut sentence = TaggedSentence::default();
    for line in text.lines() {
        let columns: Vec<&str> = line.split_whitespace().collect();
        if columns.is_empty() {
            if !sentence.words.is_empty() {
                out.push(std::mem::take(&mut sentence));
            }
            continue;
        }
        if columns[0] == "-DOCSTART-" || columns.len() < 3 {
            continue;
        }
        // IOB1 to IOB2: a chunk's first word is `B-` even where no chunk of its kind precedes.
        let chunk = match columns[2].strip_prefix("I-") {
            Some(kind) if sentence.chunks.last().is_none_or(|c| c.get(2..) != Some(kind)) => {
                format!("B-{kind}")
            }
            _ => columns[2].to_string(),
        };
        sentence.words.push(columns[0].to_string());
        sentence.pos.push(columns[1].to_string());
        sentence.chunks.push(chunk);
    }
    if !sentence.words.is_empty() {
        out.push(sentence);
    }
    out
}

#[derive(Debug, Clone, Copy)]
pub struct TrainOptions {
    pub epochs: usize,
    pub seed: u64,
    /// Features whose averaged weights all stay within this of zero are left out.
    pub prune_below: f32,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions { epochs: 8, seed: 7, prune_below: 0.5 }
    }
}

/// The labels of one column, in order of first appearance; `None` past [`MAX_LABELS`].
fn label_set<'a>(columns: impl Iterator<Item = &'a String>) -> Option<Vec<String>> {
    let mut labels: Vec<String> = Vec::new();
    for label in columns {
        if !labels.contains(label) {
            labels.push(label.clone());
        }
    }
    (labels.len() <= MAX_LABELS).then_some(labels)
}

fn ids(labels: &[String], column: &[String]) -> Vec<u8> {
    column.iter().map(|l| labels.iter().position(|k| k == l).unwrap_or(0) as u8).collect()
}

/// Trains both taggers. The chunker learns from the gold part-of-speech tags (themselves a
/// tagger's output in CoNLL-2003). `after_epoch` sees (epoch, tagger so far).
pub fn train(
    sentences: &[TaggedSentence],
    vocabulary: Arc<Lexicon>,
    options: TrainOptions,
    after_epoch: &mut dyn FnMut(usize, &SyntaxTagger),
) -> Option<SyntaxTagger> {
    let pos_labels = label_set(sentences.iter().flat_map(|s| &s.pos))?;
    let chunk_labels = label_set(sentences.iter().flat_map(|s| &s.chunks))?;
    let prepared: Vec<(Vec<WordInfo>, Vec<u8>, Vec<u8>)> = sentences
        .iter()
        .map(|s| {
            let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
            (word_infos(&vocabulary, &words), ids(&pos_labels, &s.pos), ids(&chunk_labels, &s.chunks))
        })
        .collect();
    let mut pos = Trainer::new(pos_labels);
    let mut chunks = Trainer::new(chunk_labels);
    let mut order: Vec<usize> = (0..prepared.len()).collect();
    let mut rng = options.seed.max(1);
    for epoch in 1..=options.epochs {
        shuffle(&mut order, &mut rng);
        for &k in &order {
            let (infos, gold_pos, gold_chunks) = &prepared[k];
            pos.learn(gold_pos, |i, tags, out| pos_features(infos, i, tags, out));
            chunks.learn(gold_chunks, |i, c, out| chunk_features(infos, gold_pos, i, c, out));
        }
        let model = SyntaxTagger {
            pos: pos.averaged(options.prune_below),
            chunks: chunks.averaged(options.prune_below),
            vocabulary: vocabulary.clone(),
        };
        after_epoch(epoch, &model);
        if epoch == options.epochs {
            return Some(model);
        }
    }
    None
}

/// Token accuracy of part-of-speech tags and of chunk labels on tagged sentences.
pub fn accuracy(tagger: &SyntaxTagger, sentences: &[TaggedSentence]) -> (f64, f64) {
    let (mut pos, mut chunks, mut all) = (0usize, 0usize, 0usize);
    for s in sentences {
        let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
        let tagged = tagger.tag(&words);
        for i in 0..words.len() {
            pos += usize::from(tagger.pos_name(tagged.pos[i]) == s.pos[i]);
            chunks += usize::from(tagger.chunk_name(tagged.chunks[i]) == s.chunks[i]);
            all += 1;
        }
    }
    let all = all.max(1) as f64;
    (pos as f64 / all, chunks as f64 / all)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_columns_and_makes_chunks_iob2() {
        let text = "-DOCSTART- -X- O O\n\nEU NNP I-NP I-ORG\nrejects VBZ I-VP O\nGerman JJ I-NP I-MISC\n\
                    call NN I-NP O\n. . O O\n\nbad line\nA DT B-NP O\n";
        let sentences = read_conll(text);
        assert_eq!(sentences.len(), 2);
        assert_eq!(sentences[0].chunks, ["B-NP", "B-VP", "B-NP", "I-NP", "O"]);
        assert_eq!(sentences[0].pos[1], "VBZ");
        assert_eq!(sentences[1].words, ["A"]);
    }

    #[test]
    fn learns_a_tiny_corpus() {
        let text = "The DT I-NP O\ndog NN I-NP O\nbarks VBZ I-VP O\n. . O O\n\n\
                    A DT I-NP O\ncat NN I-NP O\nsleeps VBZ I-VP O\n. . O O\n";
        let sentences = read_conll(text);
        let options = TrainOptions { epochs: 5, prune_below: 0.0, ..Default::default() };
        let tagger = train(&sentences, Arc::default(), options, &mut |_, _| {}).expect("trained");
        assert_eq!(accuracy(&tagger, &sentences), (1.0, 1.0));
        let back =
            SyntaxTagger::from_bytes(&tagger.to_bytes().expect("encode"), Arc::default()).expect("decode");
        assert_eq!(accuracy(&back, &sentences), (1.0, 1.0));
    }
}
