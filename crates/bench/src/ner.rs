//! Named-entity scoring as conlleval computes it: exact-span, micro-averaged precision,
//! recall and F1 over all entity types, on the original tokens.
//!
//! Tags are read the way conlleval reads them, so IOB1 gold (`I-` opens an entity unless it
//! continues one of the same type) and IOB2 predictions (`B-` always opens one) compare
//! correctly.

use std::collections::BTreeMap;

/// An entity: token range `[start, end)` and its type.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Chunk {
    pub start: usize,
    pub end: usize,
    pub kind: String,
}

/// The entities a tag sequence encodes. Unknown tags count as `O`.
pub fn chunks<S: AsRef<str>>(tags: &[S]) -> Vec<Chunk> {
    let mut out = Vec::new();
    let mut open: Option<(usize, &str)> = None;
    for (i, tag) in tags.iter().enumerate() {
        let (prefix, kind) = split_tag(tag.as_ref());
        let continues = prefix == Some('I') && open.is_some_and(|(_, k)| k == kind);
        if continues {
            continue;
        }
        if let Some((start, k)) = open.take() {
            out.push(Chunk { start, end: i, kind: k.to_string() });
        }
        if matches!(prefix, Some('B' | 'I')) {
            open = Some((i, kind));
        }
    }
    if let Some((start, k)) = open {
        out.push(Chunk { start, end: tags.len(), kind: k.to_string() });
    }
    out
}

fn split_tag(tag: &str) -> (Option<char>, &str) {
    match tag.split_once('-') {
        Some((p, kind)) if p.len() == 1 && !kind.is_empty() => (p.chars().next(), kind),
        _ => (None, ""),
    }
}

/// Counts for one entity type (or all of them).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub gold: u64,
    pub predicted: u64,
    pub correct: u64,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.predicted)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.gold)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }
}

fn ratio(a: u64, b: u64) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// Running totals over sentences: overall and per type.
#[derive(Debug, Clone, Default)]
pub struct NerScore {
    pub overall: Counts,
    pub by_kind: BTreeMap<String, Counts>,
    pub tokens: u64,
}

impl NerScore {
    /// Adds one sentence (or document): gold and predicted tags, one per token.
    pub fn add<S: AsRef<str>, T: AsRef<str>>(&mut self, gold: &[S], predicted: &[T]) {
        self.tokens += gold.len() as u64;
        let gold = chunks(gold);
        let predicted = chunks(predicted);
        for c in &gold {
            self.overall.gold += 1;
            self.by_kind.entry(c.kind.clone()).or_default().gold += 1;
        }
        for c in &predicted {
            self.overall.predicted += 1;
            let counts = self.by_kind.entry(c.kind.clone()).or_default();
            counts.predicted += 1;
            if gold.binary_search(c).is_ok() {
                counts.correct += 1;
                self.overall.correct += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iob1_and_iob2_encode_the_same_chunks() {
        let iob1 = ["I-PER", "I-PER", "O", "I-LOC", "B-LOC", "I-ORG"];
        let iob2 = ["B-PER", "I-PER", "O", "B-LOC", "B-LOC", "B-ORG"];
        assert_eq!(chunks(&iob1), chunks(&iob2));
        assert_eq!(chunks(&iob1).len(), 4);
    }

    #[test]
    fn a_type_change_inside_a_run_opens_a_new_chunk() {
        let c = chunks(&["B-PER", "I-ORG", "I-ORG", "O"]);
        assert_eq!(
            c,
            vec![
                Chunk { start: 0, end: 1, kind: "PER".into() },
                Chunk { start: 1, end: 3, kind: "ORG".into() }
            ]
        );
    }

    #[test]
    fn scores_exact_spans_only() {
        let mut score = NerScore::default();
        score.add(&["B-PER", "I-PER", "O", "B-LOC"], &["B-PER", "O", "O", "B-LOC"]);
        assert_eq!(score.overall, Counts { gold: 2, predicted: 2, correct: 1 });
        assert!((score.overall.f1() - 0.5).abs() < 1e-9);
        assert_eq!(score.by_kind["LOC"].correct, 1);
        assert_eq!(score.by_kind["PER"].correct, 0);
    }
}
