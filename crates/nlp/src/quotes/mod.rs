//! Attribution extraction: who said what, in English news text. For each attribution, the
//! source ("the minister"), the cue ("said") and the content (what was said, possibly in
//! pieces), as byte ranges of the text.
//!
//! A token labeller ([`features`], [`model`]) tags every token of a paragraph as part of a
//! source, cue or content (BIO), reading the words, their clusters and their syntax
//! ([`crate::syntax`]), decoded with Viterbi over the whole paragraph so that a content may run
//! over several sentences; [`assemble`] then groups the runs into attributions. Trained on
//! PolNeAR by the `train_quotes` example ([`train`]). [`referent`] finds the person a speaker
//! such as "he" stands for.

mod assemble;
mod features;
mod kind;
pub mod model;
pub mod referent;
pub mod train;

use std::ops::Range;

use assemble::likely_source;
pub use assemble::{Run, assemble, runs};
pub use kind::{quote_kind, quotes};
pub use model::{AttributionModel, QuoteModelError};

use crate::tokens::{Token, sentences};

/// An attribution: who (source), the cue ("said"), what (content, possibly in pieces).
/// Byte ranges into the text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Attribution {
    pub source: Vec<Range<usize>>,
    pub cue: Vec<Range<usize>>,
    pub content: Vec<Range<usize>>,
}

/// A token's role in an attribution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    Source,
    Cue,
    Content,
}

/// Labels: 0 is outside; then `B-` and `I-` for source, cue, content.
pub mod labels {
    use super::Role;

    pub const COUNT: usize = 7;
    pub const OUTSIDE: u8 = 0;
    pub const ROLES: [Role; 3] = [Role::Source, Role::Cue, Role::Content];

    pub fn begin(role: Role) -> u8 {
        1 + 2 * ROLES.iter().position(|r| *r == role).unwrap_or(0) as u8
    }

    pub fn inside(role: Role) -> u8 {
        begin(role) + 1
    }

    pub fn role(label: u8) -> Option<Role> {
        (label != OUTSIDE).then(|| ROLES[usize::from(label - 1) / 2 % 3])
    }

    pub fn continues(label: u8) -> bool {
        label != OUTSIDE && (label - 1) % 2 == 1
    }

    /// Whether `label` may follow `previous` (`None`: the start): `I-X` only after `X`.
    pub fn allowed(previous: Option<u8>, label: u8) -> bool {
        !continues(label) || previous.is_some_and(|p| role(p).is_some() && role(p) == role(label))
    }
}

/// A paragraph: its tokens, and for each token the index of its sentence in the paragraph.
#[derive(Debug, Clone, Default)]
pub(crate) struct Paragraph {
    pub tokens: Vec<Token>,
    pub sentence: Vec<u16>,
}

/// Longest paragraph decoded as one sequence; a longer one is cut (bounded time and memory).
const MAX_PARAGRAPH_TOKENS: usize = 600;

/// The text's paragraphs (blank lines separate them), as sentences of tokens.
pub(crate) fn paragraphs(text: &str) -> Vec<Paragraph> {
    let mut out: Vec<Paragraph> = Vec::new();
    let mut previous_end = 0usize;
    for sentence in sentences(text) {
        let gap = text.get(previous_end..sentence.start).unwrap_or("");
        let new_paragraph = out.is_empty()
            || gap.matches('\n').count() >= 2
            || out.last().is_some_and(|p| p.tokens.len() + sentence.tokens.len() > MAX_PARAGRAPH_TOKENS);
        if new_paragraph {
            out.push(Paragraph::default());
        }
        if let Some(p) = out.last_mut() {
            let index = p.sentence.last().map_or(0, |s| s.saturating_add(1));
            p.sentence.extend(std::iter::repeat_n(index, sentence.tokens.len()));
            p.tokens.extend(sentence.tokens.iter().copied());
        }
        previous_end = sentence.end;
    }
    out
}

/// The committed model (`models/quotes/attribution.bin.gz`), compiled into the binary.
static MODEL_FILE: &[u8] =
    include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/quotes/attribution.bin.gz"));

static EMBEDDED: std::sync::OnceLock<Result<std::sync::Arc<AttributionModel>, String>> =
    std::sync::OnceLock::new();

impl AttributionModel {
    /// The model shipped with newsgraph, decoded on first use and shared afterwards.
    pub fn embedded() -> Result<std::sync::Arc<AttributionModel>, String> {
        EMBEDDED
            .get_or_init(|| {
                let tagger = crate::ner::EntityTagger::embedded().map_err(|e| e.to_string())?;
                let mut model = AttributionModel::from_bytes(MODEL_FILE, tagger.lexicon().clone())
                    .map_err(|e| e.to_string())?;
                model.syntax = Some(crate::syntax::SyntaxTagger::embedded()?);
                Ok(std::sync::Arc::new(model))
            })
            .clone()
    }

    /// The attributions of a text.
    pub fn attributions(&self, text: &str) -> Vec<Attribution> {
        let mut out = Vec::new();
        for paragraph in paragraphs(text) {
            let labelled = self.label(text, &paragraph);
            let bytes = |r: &Run| {
                let start = paragraph.tokens.get(r.start).map_or(0, |t| t.start);
                let end = paragraph.tokens.get(r.end.saturating_sub(1)).map_or(start, |t| t.end);
                start..end
            };
            for (source, cue, content) in assemble(&runs(&labelled.labels), &paragraph.sentence) {
                let source = source.or_else(|| {
                    likely_source(&labelled, &paragraph.sentence, cue.as_ref().or(content.first()))
                });
                // "He was accused of ...": the subject of a passive cue is what is talked about.
                let source = source.filter(|s| {
                    !cue.is_some_and(|c| {
                        s.end <= c.start && self.passive(text, &paragraph, &labelled.syntax, &c)
                    })
                });
                out.push(Attribution {
                    source: source.iter().map(bytes).collect(),
                    cue: cue.iter().map(bytes).collect(),
                    content: content.iter().map(bytes).collect(),
                });
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_model_finds_a_quote_and_survives_odd_input() {
        let model = AttributionModel::embedded().expect("embedded model");
        let text = "\u{201c}We will win this election,\u{201d} the senator said on Tuesday.";
        let found = model.attributions(text);
        assert_eq!(found.len(), 1, "{found:?}");
        let content = found[0].content.first().cloned().unwrap_or_default();
        assert!(text[content].contains("We will win"));
        let source = found[0].source.first().cloned().unwrap_or_default();
        assert_eq!(&text[source], "the senator");
        for odd in ["", "\u{201c}", "\"\"\"\n\n\"", "said said said", &"word ".repeat(5000)] {
            for a in model.attributions(odd) {
                for r in a.source.iter().chain(&a.cue).chain(&a.content) {
                    assert!(odd.get(r.clone()).is_some());
                }
            }
        }
    }

    #[test]
    fn paragraphs_split_at_blank_lines() {
        let text = "He said it. She agreed.\n\n\u{201c}No,\u{201d} they said.";
        let p = paragraphs(text);
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].sentence.first(), Some(&0));
        assert_eq!(p[0].sentence.last(), Some(&1));
        assert_eq!(p[1].tokens[0].text(text), "\u{201c}");
    }
}
