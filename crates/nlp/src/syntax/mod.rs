//! The shape of English sentences without a full parse: a part-of-speech tag for every word
//! (Penn Treebank tags: `NNP`, `VBD`, `IN` ...) and phrase chunks over them (`B-NP`, `I-VP`,
//! `B-PP` ...). The attribution reader uses them to tell a speaker's noun phrase and a
//! reported clause from the words around.
//!
//! Two greedy taggers ([`greedy`]), the chunker reading the tagger's tags; trained on the
//! part-of-speech and chunk columns of CoNLL-2003 ([`train`], the `train_syntax` example).

pub mod features;
pub mod greedy;
pub mod train;

use std::sync::{Arc, OnceLock};

use crate::model_file::{Reader, gunzip, gzip, read_rows, write_rows};
use crate::ner::{EntityTagger, Lexicon};
use features::{chunk_features, pos_features, word_infos};
use greedy::{GreedyTagger, MAX_LABELS};

const MAGIC: &[u8; 8] = b"NGSYN001";

#[derive(Debug, thiserror::Error)]
pub enum SyntaxModelError {
    #[error("not a newsgraph syntax model (bad header)")]
    BadHeader,
    #[error("the syntax model file is truncated or damaged")]
    Io(#[from] std::io::Error),
}

/// Part-of-speech and chunk label ids of a sentence's words, one each per word.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tagged {
    pub pos: Vec<u8>,
    pub chunks: Vec<u8>,
}

/// Tags sentences with parts of speech and chunks.
#[derive(Debug, Clone, Default)]
pub struct SyntaxTagger {
    pub pos: GreedyTagger,
    pub chunks: GreedyTagger,
    /// The word clusters the features read (the entity tagger's; not stored in the file).
    pub vocabulary: Arc<Lexicon>,
}

impl SyntaxTagger {
    /// Tags one sentence's words.
    pub fn tag(&self, words: &[&str]) -> Tagged {
        let infos = word_infos(&self.vocabulary, words);
        let pos = self.pos.tag(words.len(), |i, tags, out| pos_features(&infos, i, tags, out));
        let chunks =
            self.chunks.tag(words.len(), |i, chunks, out| chunk_features(&infos, &pos, i, chunks, out));
        Tagged { pos, chunks }
    }

    /// The name of a part-of-speech label id (`"?"` for an unknown one).
    pub fn pos_name(&self, id: u8) -> &str {
        self.pos.labels.get(usize::from(id)).map_or("?", String::as_str)
    }

    /// The name of a chunk label id (`"?"` for an unknown one).
    pub fn chunk_name(&self, id: u8) -> &str {
        self.chunks.labels.get(usize::from(id)).map_or("?", String::as_str)
    }

    /// File (gzip of): magic `NGSYN001`, then the part-of-speech tagger and the chunker, each
    /// as a u32 label count, each label as a u8 length and its UTF-8 bytes, then its weight
    /// rows ([`write_rows`]). Little-endian.
    pub fn to_bytes(&self) -> std::io::Result<Vec<u8>> {
        let mut raw = MAGIC.to_vec();
        for tagger in [&self.pos, &self.chunks] {
            raw.extend_from_slice(&(tagger.labels.len() as u32).to_le_bytes());
            for label in &tagger.labels {
                let bytes = &label.as_bytes()[..label.len().min(255)];
                raw.push(bytes.len() as u8);
                raw.extend_from_slice(bytes);
            }
            write_rows(&mut raw, &tagger.rows, &tagger.values, tagger.labels.len());
        }
        gzip(&raw)
    }

    /// Reads a model written by [`SyntaxTagger::to_bytes`]; `vocabulary` must be the word
    /// clusters it was trained with.
    pub fn from_bytes(gz: &[u8], vocabulary: Arc<Lexicon>) -> Result<SyntaxTagger, SyntaxModelError> {
        let raw = gunzip(gz)?;
        let mut r = Reader::new(&raw);
        if r.take(8)? != MAGIC {
            return Err(SyntaxModelError::BadHeader);
        }
        let mut read_tagger = || -> Result<GreedyTagger, SyntaxModelError> {
            let count = r.u32()? as usize;
            if count == 0 || count > MAX_LABELS {
                return Err(SyntaxModelError::BadHeader);
            }
            let mut labels = Vec::with_capacity(count);
            for _ in 0..count {
                let len = usize::from(r.take(1)?[0]);
                let label = std::str::from_utf8(r.take(len)?).map_err(|_| SyntaxModelError::BadHeader)?;
                labels.push(label.to_string());
            }
            let (rows, values) = read_rows(&mut r, count)?;
            Ok(GreedyTagger { labels, rows, values })
        };
        let pos = read_tagger()?;
        let chunks = read_tagger()?;
        Ok(SyntaxTagger { pos, chunks, vocabulary })
    }

    /// The tagger shipped with newsgraph (`models/syntax/tagger.bin.gz`), decoded on first
    /// use and shared afterwards.
    pub fn embedded() -> Result<Arc<SyntaxTagger>, String> {
        static MODEL_FILE: &[u8] =
            include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/syntax/tagger.bin.gz"));
        static EMBEDDED: OnceLock<Result<Arc<SyntaxTagger>, String>> = OnceLock::new();
        EMBEDDED
            .get_or_init(|| {
                let vocabulary = EntityTagger::embedded().map_err(|e| e.to_string())?.lexicon().clone();
                SyntaxTagger::from_bytes(MODEL_FILE, vocabulary).map(Arc::new).map_err(|e| e.to_string())
            })
            .clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_tagger_tags_a_sentence_and_survives_odd_input() {
        let tagger = SyntaxTagger::embedded().expect("embedded syntax model");
        let words = ["The", "spokesman", "told", "reporters", "on", "Monday", "."];
        let tagged = tagger.tag(&words);
        let pos: Vec<&str> = tagged.pos.iter().map(|t| tagger.pos_name(*t)).collect();
        assert_eq!(pos, ["DT", "NN", "VBD", "NNS", "IN", "NNP", "."]);
        let chunks: Vec<&str> = tagged.chunks.iter().map(|t| tagger.chunk_name(*t)).collect();
        assert_eq!(chunks, ["B-NP", "I-NP", "B-VP", "B-NP", "B-PP", "B-NP", "O"]);
        assert_eq!(tagger.tag(&[]), Tagged::default());
        let odd = ["\u{0}", "", "\u{1F600}\u{1F600}", &"x".repeat(10_000)];
        assert_eq!(tagger.tag(&odd).pos.len(), 4);
    }

    #[test]
    fn a_model_survives_the_round_trip_and_garbage_is_refused() {
        let tagger = |labels: &[&str]| GreedyTagger {
            labels: labels.iter().map(|l| l.to_string()).collect(),
            rows: [(7u64, 0u32)].into_iter().collect(),
            values: (0..labels.len()).map(|i| i as f32 - 1.0).collect(),
        };
        let model = SyntaxTagger {
            pos: tagger(&["NN", "VB"]),
            chunks: tagger(&["O", "B-NP", "I-NP"]),
            ..Default::default()
        };
        let bytes = model.to_bytes().expect("encode");
        let back = SyntaxTagger::from_bytes(&bytes, Arc::default()).expect("decode");
        assert_eq!(back.pos.labels, model.pos.labels);
        assert_eq!(back.chunks.rows, model.chunks.rows);
        assert!(SyntaxTagger::from_bytes(b"not gzip", Arc::default()).is_err());
        assert!(SyntaxTagger::from_bytes(&bytes[..bytes.len() / 2], Arc::default()).is_err());
    }
}
