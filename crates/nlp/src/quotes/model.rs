//! The attribution labeller's parameters, decoding and file format.
//!
//! File (gzip of): magic `NGQUO001`; u32 word count, then per word its u8 length, UTF-8
//! bytes and an f32 cue probability (the cue lexicon); u32 label count; transitions as f32
//! (`(labels + 1) * labels`, the first row for the paragraph start); u32 count of the second
//! pass's transitions (0 without one) and those f32s; an f32 scale; u32
//! feature count, then per feature its u64 hash and one i16 per label (times the scale).
//! All little-endian.

use std::sync::{Arc, OnceLock};

use crate::model_file::{Reader, gunzip, gzip, read_rows, write_rows};
use rustc_hash::FxHashMap;

use super::features::{CueLexicon, paragraph_features, second_pass_features};
use super::{Paragraph, labels};
use crate::ner::Lexicon;
use crate::perceptron::{self, Constraints};
use crate::syntax::{SyntaxTagger, Tagged};

const MAGIC: &[u8; 8] = b"NGQUO002";
pub const L: usize = labels::COUNT;

#[derive(Debug, thiserror::Error)]
pub enum QuoteModelError {
    #[error("not a newsgraph attribution model (bad header)")]
    BadHeader,
    #[error("the attribution model file is truncated or damaged")]
    Io(#[from] std::io::Error),
}

/// The syntax of a paragraph's tokens, as the labeller's features and the assembly read it.
#[derive(Debug, Clone, Default)]
pub(crate) struct TokenSyntax {
    pub tagged: Tagged,
    /// A noun or a personal pronoun: may head a source (every token without a syntax tagger).
    pub nominal: Vec<bool>,
    /// A past participle (`VBN`).
    pub participle: Vec<bool>,
}

/// What the labeller made of a paragraph.
pub(crate) struct Labelled {
    pub labels: Vec<u8>,
    /// The scores the labels were chosen from (of the last pass).
    pub emissions: Vec<[f32; L]>,
    pub syntax: TokenSyntax,
}

/// A trained labeller: the cue lexicon its features read, the weights of each feature.
#[derive(Debug, Clone, Default)]
pub struct AttributionModel {
    pub lexicon: CueLexicon,
    pub rows: FxHashMap<u64, u32>,
    /// `rows.len() * L` weights.
    pub values: Vec<f32>,
    /// `(L + 1) * L`: row 0 is the paragraph start, row `p + 1` the label `p`.
    pub transitions: Vec<f32>,
    /// The second pass's transitions; empty without a second pass. Its feature weights
    /// share `rows` under hashes of their own ([`super::features::SECOND`]).
    pub second_transitions: Vec<f32>,
    /// The word clusters the features read (the entity tagger's; not stored in the file).
    pub vocabulary: Arc<Lexicon>,
    /// Parts of speech and phrase chunks for the features (shared, not stored in the file).
    pub syntax: Option<Arc<SyntaxTagger>>,
}

impl AttributionModel {
    /// The paragraph's labels, with the emission scores of the pass that chose them and the
    /// tokens' syntax.
    pub(crate) fn label(&self, text: &str, paragraph: &Paragraph) -> Labelled {
        let syntax = self.syntax(text, paragraph);
        let features = paragraph_features(&self.lexicon, &self.vocabulary, &syntax, text, paragraph);
        let emissions = self.emissions(&features);
        let first = viterbi(&emissions, &self.transitions);
        if self.second_transitions.is_empty() {
            return Labelled { labels: first, emissions, syntax };
        }
        let second = self.emissions(&second_pass_features(&features, paragraph, &first));
        Labelled { labels: viterbi(&second, &self.second_transitions), emissions: second, syntax }
    }

    /// Whether a cue is a passive verb ("was accused of", "has been criticized") with no agent
    /// after it ("by ...").
    pub(crate) fn passive(
        &self,
        text: &str,
        paragraph: &Paragraph,
        syntax: &TokenSyntax,
        cue: &super::Run,
    ) -> bool {
        let word = |i: usize| paragraph.tokens.get(i).map_or("", |t| t.text(text)).to_lowercase();
        let participle = |i: usize| syntax.participle.get(i).copied().unwrap_or(false);
        let be =
            |i: usize| matches!(word(i).as_str(), "is" | "are" | "was" | "were" | "be" | "been" | "being");
        let passive = (cue.start..cue.end).any(|i| participle(i) && (cue.start..i).any(be));
        passive && word(cue.end) != "by"
    }

    pub(crate) fn emissions(&self, features: &[Vec<u64>]) -> Vec<[f32; L]> {
        features
            .iter()
            .map(|token| {
                let mut s = [0.0f32; L];
                for f in token {
                    if let Some(&row) = self.rows.get(f) {
                        let start = row as usize * L;
                        if let Some(w) = self.values.get(start..start + L) {
                            for (a, b) in s.iter_mut().zip(w) {
                                *a += b;
                            }
                        }
                    }
                }
                s
            })
            .collect()
    }

    /// The syntax of the paragraph's tokens (part-of-speech tags, chunks and what they say).
    pub(crate) fn syntax(&self, text: &str, paragraph: &Paragraph) -> TokenSyntax {
        let n = paragraph.tokens.len();
        let Some(tagger) = &self.syntax else {
            return TokenSyntax { nominal: vec![true; n], participle: vec![false; n], ..Default::default() };
        };
        let mut sentences: Vec<Vec<&str>> = Vec::new();
        for (i, token) in paragraph.tokens.iter().enumerate() {
            let s = usize::from(paragraph.sentence[i]);
            if sentences.len() <= s {
                sentences.resize_with(s + 1, Vec::new);
            }
            sentences[s].push(token.text(text));
        }
        let mut tagged = Tagged::default();
        for words in &sentences {
            let sentence = tagger.tag(words);
            tagged.pos.extend(sentence.pos);
            tagged.chunks.extend(sentence.chunks);
        }
        let names: Vec<&str> = tagged.pos.iter().map(|t| tagger.pos_name(*t)).collect();
        TokenSyntax {
            nominal: names.iter().map(|n| n.starts_with("NN") || *n == "PRP").collect(),
            participle: names.iter().map(|n| *n == "VBN").collect(),
            tagged,
        }
    }

    pub fn to_bytes(&self) -> std::io::Result<Vec<u8>> {
        let mut raw = Vec::new();
        raw.extend_from_slice(MAGIC);
        let mut words: Vec<(&String, &f32)> = self.lexicon.iter().filter(|(w, _)| w.len() < 256).collect();
        words.sort_unstable_by(|a, b| a.0.cmp(b.0));
        raw.extend_from_slice(&(words.len() as u32).to_le_bytes());
        for (w, p) in words {
            raw.push(w.len() as u8);
            raw.extend_from_slice(w.as_bytes());
            raw.extend_from_slice(&p.to_le_bytes());
        }
        raw.extend_from_slice(&(L as u32).to_le_bytes());
        for t in &self.transitions {
            raw.extend_from_slice(&t.to_le_bytes());
        }
        raw.extend_from_slice(&(self.second_transitions.len() as u32).to_le_bytes());
        for t in &self.second_transitions {
            raw.extend_from_slice(&t.to_le_bytes());
        }
        write_rows(&mut raw, &self.rows, &self.values, L);
        gzip(&raw)
    }

    /// Reads a model written by [`AttributionModel::to_bytes`]; `vocabulary` must be the word
    /// clusters it was trained with.
    pub fn from_bytes(gz: &[u8], vocabulary: Arc<Lexicon>) -> Result<AttributionModel, QuoteModelError> {
        let raw = gunzip(gz)?;
        let mut r = Reader::new(&raw);
        if r.take(8)? != MAGIC {
            return Err(QuoteModelError::BadHeader);
        }
        let mut lexicon = CueLexicon::default();
        for _ in 0..r.u32()? {
            let len = usize::from(r.take(1)?[0]);
            let word = std::str::from_utf8(r.take(len)?).map_err(|_| QuoteModelError::BadHeader)?;
            lexicon.insert(word.to_string(), r.f32()?);
        }
        if r.u32()? as usize != L {
            return Err(QuoteModelError::BadHeader);
        }
        let mut transitions = Vec::with_capacity((L + 1) * L);
        for _ in 0..(L + 1) * L {
            transitions.push(r.f32()?);
        }
        let second_count = r.u32()? as usize;
        if second_count != 0 && second_count != (L + 1) * L {
            return Err(QuoteModelError::BadHeader);
        }
        let mut second_transitions = Vec::with_capacity(second_count);
        for _ in 0..second_count {
            second_transitions.push(r.f32()?);
        }
        let (rows, values) = read_rows(&mut r, L)?;
        Ok(AttributionModel {
            lexicon,
            rows,
            values,
            transitions,
            second_transitions,
            vocabulary,
            syntax: None,
        })
    }
}

/// The BIO constraints (`I-X` only after `X`), built once.
pub fn constraints() -> &'static Constraints<L> {
    static CONSTRAINTS: OnceLock<Constraints<L>> = OnceLock::new();
    CONSTRAINTS.get_or_init(|| Constraints::new(labels::allowed, |_| true))
}

/// The best label sequence under emission scores and transitions, with `I-X` only after `X`.
pub fn viterbi(emissions: &[[f32; L]], transitions: &[f32]) -> Vec<u8> {
    perceptron::viterbi(emissions, transitions, constraints())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_model_survives_the_round_trip_and_garbage_is_refused() {
        let mut m = AttributionModel { transitions: vec![0.0; (L + 1) * L], ..Default::default() };
        m.lexicon.insert("said".into(), 0.9);
        m.rows.insert(42, 0);
        m.values = (0..L).map(|i| i as f32 - 3.0).collect();
        m.transitions[5] = -2.5;
        let bytes = m.to_bytes().expect("encode");
        let back = AttributionModel::from_bytes(&bytes, Arc::default()).expect("decode");
        assert_eq!(back.rows, m.rows);
        assert_eq!(back.lexicon.get("said"), Some(&0.9));
        assert!(back.values.iter().zip(&m.values).all(|(a, b)| (a - b).abs() < 1e-3));
        assert!(AttributionModel::from_bytes(b"not gzip", Arc::default()).is_err());
        assert!(AttributionModel::from_bytes(&bytes[..bytes.len() / 2], Arc::default()).is_err());
        // An empty model labels nothing and does not panic.
        assert!(AttributionModel::default().attributions("He said \u{201c}no.\u{201d}").is_empty());
    }
}
