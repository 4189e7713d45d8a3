//! Attribution (quote) scoring, as `../shared/data/README.md` defines it for PolNeAR: each span
//! becomes the set of its word tokens; a predicted attribution matches a gold one when their
//! contents overlap (shared tokens at least half of the larger span); gold and predicted are
//! paired one to one per document by maximum matching. Reported: P/R/F1 on content alone, on
//! content and source (strict: sources overlap by the same rule; lenient: they share a token),
//! and content recall by style of the gold attribution (direct, mixed, indirect).
//!
//! [`polnear`] reads the corpus: which documents a split holds and whose annotations count,
//! and its brat standoff annotations.

use std::ops::Range;

use crate::ner::Counts;

mod polnear;
pub use polnear::{PolnearDoc, parse_brat, polnear_split};

/// An attribution: who (source), the cue ("said"), what (content, possibly in pieces).
/// Byte ranges into the document's text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Attribution {
    pub source: Vec<Range<usize>>,
    pub cue: Vec<Range<usize>>,
    pub content: Vec<Range<usize>>,
}

/// How the content is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Style {
    /// Entirely inside quotation marks.
    Direct,
    /// Partly quoted.
    Mixed,
    /// Reported speech, no quotation marks.
    Indirect,
}

pub const STYLES: [Style; 3] = [Style::Direct, Style::Mixed, Style::Indirect];

/// The style of a content: whether its words lie inside quotation marks.
pub fn style(text: &str, content: &[Range<usize>]) -> Style {
    let quoted = quoted_mask(text);
    let (mut inside, mut outside) = (0usize, 0usize);
    for token in word_tokens(text) {
        if content.iter().any(|r| token.start < r.end && token.end > r.start) {
            if quoted[token.start] {
                inside += 1;
            } else {
                outside += 1;
            }
        }
    }
    match (inside, outside) {
        (0, _) => Style::Indirect,
        (_, 0) => Style::Direct,
        _ => Style::Mixed,
    }
}

/// For every byte of `text`, whether it lies between an opening and a closing double quote.
/// Straight quotes alternate; curly ones say which they are. A paragraph break closes any
/// quote left open (news paragraphs often open a quote they never close).
fn quoted_mask(text: &str) -> Vec<bool> {
    let mut mask = vec![false; text.len() + 1];
    let mut open = false;
    let mut last = '\0';
    for (i, c) in text.char_indices() {
        match c {
            '\u{201c}' | '\u{ab}' => open = true,
            '\u{201d}' | '\u{bb}' => open = false,
            '"' => open = !open,
            '\n' if last == '\n' => open = false,
            _ => {}
        }
        mask[i..i + c.len_utf8()].fill(open);
        last = c;
    }
    mask
}

/// Word tokens: runs of letters, digits and underscores (as `\w+`), as byte ranges.
pub fn word_tokens(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let word = c.is_alphanumeric() || c == '_';
        match (word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(s..text.len());
    }
    out
}

/// The tokens of a span, as indices into [`word_tokens`], sorted.
fn token_set(tokens: &[Range<usize>], spans: &[Range<usize>]) -> Vec<u32> {
    tokens
        .iter()
        .enumerate()
        .filter(|(_, t)| spans.iter().any(|r| t.start < r.end && t.end > r.start))
        .map(|(i, _)| i as u32)
        .collect()
}

fn shared(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Shared tokens at least half of the larger set (and at least one).
fn overlaps(a: &[u32], b: &[u32]) -> bool {
    let n = shared(a, b);
    n > 0 && 2 * n >= a.len().max(b.len())
}

/// Sources match when both are absent, or they overlap (strict) or share a token (lenient).
fn sources_match(a: &[u32], b: &[u32], lenient: bool) -> bool {
    match (a.is_empty(), b.is_empty()) {
        (true, true) => true,
        (false, false) if lenient => shared(a, b) > 0,
        (false, false) => overlaps(a, b),
        _ => false,
    }
}

/// Running totals over documents.
#[derive(Debug, Clone, Default)]
pub struct QuoteScore {
    pub documents: u64,
    pub content: Counts,
    pub content_source: Counts,
    pub content_source_lenient: Counts,
    /// Per gold style: (matched on content, gold).
    pub recall_by_style: [(u64, u64); 3],
}

impl QuoteScore {
    /// Scores one document's predictions against its gold attributions.
    pub fn add(&mut self, text: &str, gold: &[Attribution], predicted: &[Attribution]) {
        self.documents += 1;
        let tokens = word_tokens(text);
        let sets = |list: &[Attribution]| -> Vec<(Vec<u32>, Vec<u32>)> {
            list.iter().map(|a| (token_set(&tokens, &a.content), token_set(&tokens, &a.source))).collect()
        };
        let (g, p) = (sets(gold), sets(predicted));
        let content_edges = |gi: usize, pi: usize| overlaps(&g[gi].0, &p[pi].0);
        let content = max_matching(g.len(), p.len(), &content_edges);
        let strict = max_matching(g.len(), p.len(), &|gi, pi| {
            content_edges(gi, pi) && sources_match(&g[gi].1, &p[pi].1, false)
        });
        let lenient = max_matching(g.len(), p.len(), &|gi, pi| {
            content_edges(gi, pi) && sources_match(&g[gi].1, &p[pi].1, true)
        });
        for (counts, matched) in [
            (&mut self.content, &content),
            (&mut self.content_source, &strict),
            (&mut self.content_source_lenient, &lenient),
        ] {
            counts.gold += g.len() as u64;
            counts.predicted += p.len() as u64;
            counts.correct += matched.iter().filter(|m| m.is_some()).count() as u64;
        }
        for (gi, attribution) in gold.iter().enumerate() {
            let slot = STYLES.iter().position(|s| *s == style(text, &attribution.content)).unwrap_or(2);
            self.recall_by_style[slot].1 += 1;
            if content[gi].is_some() {
                self.recall_by_style[slot].0 += 1;
            }
        }
    }
}

/// Maximum bipartite matching (augmenting paths): for each gold item, its predicted partner.
fn max_matching(gold: usize, predicted: usize, edge: &dyn Fn(usize, usize) -> bool) -> Vec<Option<usize>> {
    let adjacency: Vec<Vec<usize>> =
        (0..gold).map(|g| (0..predicted).filter(|&p| edge(g, p)).collect()).collect();
    let mut partner_of_predicted: Vec<Option<usize>> = vec![None; predicted];
    for g in 0..gold {
        let mut seen = vec![false; predicted];
        augment(g, &adjacency, &mut seen, &mut partner_of_predicted);
    }
    let mut out = vec![None; gold];
    for (p, g) in partner_of_predicted.iter().enumerate() {
        if let Some(g) = g {
            out[*g] = Some(p);
        }
    }
    out
}

fn augment(g: usize, adjacency: &[Vec<usize>], seen: &mut [bool], partner: &mut [Option<usize>]) -> bool {
    for &p in &adjacency[g] {
        if seen[p] {
            continue;
        }
        seen[p] = true;
        if partner[p].is_none_or(|other| augment(other, adjacency, seen, partner)) {
            partner[p] = Some(g);
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "Peskov said Belarus was \u{201c}number one ally\u{201d}. \u{201c}We will win,\u{201d} he said. Diplomats say it is unpopular.";

    fn at(text: &str, needle: &str) -> Range<usize> {
        let s = text.find(needle).expect("needle");
        s..s + needle.len()
    }

    #[test]
    fn styles_follow_the_quotation_marks() {
        assert_eq!(style(TEXT, &[at(TEXT, "We will win,")]), Style::Direct);
        assert_eq!(style(TEXT, &[at(TEXT, "Belarus was \u{201c}number one ally")]), Style::Mixed);
        assert_eq!(style(TEXT, &[at(TEXT, "it is unpopular")]), Style::Indirect);
    }

    #[test]
    fn matches_one_to_one_by_half_overlap_and_scores_sources() {
        let gold = vec![
            Attribution {
                source: vec![at(TEXT, "Peskov")],
                cue: vec![at(TEXT, "said")],
                content: vec![at(TEXT, "Belarus was \u{201c}number one ally")],
            },
            Attribution {
                source: vec![at(TEXT, "he")],
                cue: vec![],
                content: vec![at(TEXT, "We will win,")],
            },
            Attribution {
                source: vec![at(TEXT, "Diplomats")],
                cue: vec![],
                content: vec![at(TEXT, "it is unpopular")],
            },
        ];
        let predicted = vec![
            // Half of the larger span: 3 of 5 gold tokens -> a match, right source.
            Attribution {
                source: vec![at(TEXT, "Peskov")],
                cue: vec![],
                content: vec![at(TEXT, "number one ally")],
            },
            // Content matches, source wrong.
            Attribution {
                source: vec![at(TEXT, "Peskov")],
                cue: vec![],
                content: vec![at(TEXT, "We will win")],
            },
            // Too little overlap (1 of 3).
            Attribution { source: vec![], cue: vec![], content: vec![at(TEXT, "unpopular")] },
        ];
        let mut score = QuoteScore::default();
        score.add(TEXT, &gold, &predicted);
        assert_eq!(score.content, Counts { gold: 3, predicted: 3, correct: 2 });
        assert_eq!(score.content_source.correct, 1);
        assert_eq!(score.content_source_lenient.correct, 1);
        assert_eq!(score.recall_by_style, [(1, 1), (1, 1), (0, 1)]);
    }

    #[test]
    fn matching_is_maximal_not_greedy() {
        // Predicted 0 overlaps both golds; predicted 1 only gold 0: a greedy pairing of gold 0
        // with predicted 0 would leave gold 1 unmatched.
        let text = "a b c d e f";
        let span = |s: &str| vec![at(text, s)];
        let gold = vec![
            Attribution { content: span("a b c d"), ..Default::default() },
            Attribution { content: span("c d e f"), ..Default::default() },
        ];
        let predicted = vec![
            Attribution { content: span("b c d e"), ..Default::default() },
            Attribution { content: span("a b c"), ..Default::default() },
        ];
        let mut score = QuoteScore::default();
        score.add(text, &gold, &predicted);
        assert_eq!(score.content.correct, 2);
    }
}
