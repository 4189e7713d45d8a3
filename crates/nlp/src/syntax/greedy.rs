//! A greedy averaged-perceptron tagger: left to right, each token takes the best label under
//! its features, which may read the labels already given to the tokens before it. No search:
//! fast, and for part-of-speech tags and chunks about as accurate as Viterbi.

use rustc_hash::FxHashMap;

/// Most labels a tagger may have (the widest, part of speech, has under 50).
pub const MAX_LABELS: usize = 64;

/// A trained tagger: its label names and a row of weights (one per label) per feature hash.
#[derive(Debug, Clone, Default)]
pub struct GreedyTagger {
    pub labels: Vec<String>,
    pub rows: FxHashMap<u64, u32>,
    /// `rows.len() * labels.len()` weights.
    pub values: Vec<f32>,
}

impl GreedyTagger {
    /// The best label under the given features (0 for a tagger without labels).
    pub fn best(&self, features: &[u64]) -> u8 {
        let width = self.labels.len().min(MAX_LABELS);
        let mut scores = [0f32; MAX_LABELS];
        for f in features {
            if let Some(&row) = self.rows.get(f) {
                let start = row as usize * width;
                if let Some(weights) = self.values.get(start..start + width) {
                    for (s, w) in scores.iter_mut().zip(weights) {
                        *s += w;
                    }
                }
            }
        }
        argmax(&scores[..width])
    }

    /// Labels for `n` tokens; `features(i, labels_so_far, out)` writes token `i`'s features.
    pub fn tag(&self, n: usize, features: impl Fn(usize, &[u8], &mut Vec<u64>)) -> Vec<u8> {
        let mut out = Vec::with_capacity(n);
        let mut buffer = Vec::with_capacity(32);
        for i in 0..n {
            buffer.clear();
            features(i, &out, &mut buffer);
            let label = self.best(&buffer);
            out.push(label);
        }
        out
    }
}

fn argmax(scores: &[f32]) -> u8 {
    let mut best = 0;
    for (i, s) in scores.iter().enumerate() {
        if *s > scores[best] {
            best = i;
        }
    }
    best as u8
}

/// Training state: weights with the running sums averaging needs (the average of `w` over
/// all steps is `w - u / step`), the feature index growing as features are met.
pub struct Trainer {
    labels: Vec<String>,
    index: FxHashMap<u64, u32>,
    w: Vec<f32>,
    u: Vec<f32>,
    step: f32,
}

impl Trainer {
    pub fn new(labels: Vec<String>) -> Trainer {
        Trainer { labels, index: FxHashMap::default(), w: Vec::new(), u: Vec::new(), step: 1.0 }
    }

    /// Tags one sentence as [`GreedyTagger::tag`] would and learns from each wrong label;
    /// returns the labels it gave (the features of later tokens read them, as when tagging).
    pub fn learn(&mut self, gold: &[u8], features: impl Fn(usize, &[u8], &mut Vec<u64>)) -> Vec<u8> {
        let width = self.labels.len();
        let mut out = Vec::with_capacity(gold.len());
        let mut buffer = Vec::with_capacity(32);
        for (i, &g) in gold.iter().enumerate() {
            buffer.clear();
            features(i, &out, &mut buffer);
            let mut scores = vec![0f32; width];
            for f in &buffer {
                if let Some(&row) = self.index.get(f) {
                    let start = row as usize * width;
                    for (s, w) in scores.iter_mut().zip(&self.w[start..start + width]) {
                        *s += w;
                    }
                }
            }
            let guess = argmax(&scores);
            if guess != g {
                for f in &buffer {
                    let next = self.index.len() as u32;
                    let row = *self.index.entry(*f).or_insert(next) as usize;
                    if (row + 1) * width > self.w.len() {
                        self.w.resize((row + 1) * width, 0.0);
                        self.u.resize((row + 1) * width, 0.0);
                    }
                    for (label, delta) in [(g, 1.0), (guess, -1.0)] {
                        let k = row * width + usize::from(label);
                        self.w[k] += delta;
                        self.u[k] += self.step * delta;
                    }
                }
            }
            self.step += 1.0;
            out.push(guess);
        }
        out
    }

    /// The averaged tagger, without the features whose weights all stay within `prune_below`
    /// of zero.
    pub fn averaged(&self, prune_below: f32) -> GreedyTagger {
        let width = self.labels.len();
        let mut kept: Vec<(u64, u32)> = self.index.iter().map(|(h, r)| (*h, *r)).collect();
        kept.sort_unstable_by_key(|(_, row)| *row);
        let mut out = GreedyTagger { labels: self.labels.clone(), ..Default::default() };
        for (hash, row) in kept {
            let start = row as usize * width;
            let averaged: Vec<f32> =
                (start..start + width).map(|k| self.w[k] - self.u[k] / self.step).collect();
            if averaged.iter().any(|w| w.abs() > prune_below) {
                out.rows.insert(hash, out.rows.len() as u32);
                out.values.extend_from_slice(&averaged);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_labels_that_follow_from_the_previous_label() {
        // Label 1 for a word after "the", else 0; the word itself says nothing.
        let sentences: Vec<Vec<(&str, u8)>> = vec![
            vec![("the", 0), ("cat", 1), ("sat", 0)],
            vec![("a", 0), ("the", 0), ("dog", 1)],
            vec![("dog", 0), ("the", 0), ("sat", 1)],
            vec![("we", 0), ("ran", 0), ("home", 0), ("the", 0), ("end", 1)],
        ];
        // No bias feature: a word never seen before a label-1 word scores all zeros, label 0.
        let features = |s: &[(&str, u8)], i: usize, _: &[u8], out: &mut Vec<u64>| {
            let before = if i == 0 { "^" } else { s[i - 1].0 };
            out.push(crate::hash::hash_str(before));
        };
        let mut trainer = Trainer::new(vec!["O".into(), "X".into()]);
        for _ in 0..10 {
            for s in &sentences {
                let gold: Vec<u8> = s.iter().map(|(_, l)| *l).collect();
                trainer.learn(&gold, |i, p, o| features(s, i, p, o));
            }
        }
        let tagger = trainer.averaged(0.0);
        for s in &sentences {
            let gold: Vec<u8> = s.iter().map(|(_, l)| *l).collect();
            assert_eq!(tagger.tag(s.len(), |i, p, o| features(s, i, p, o)), gold);
        }
        assert_eq!(GreedyTagger::default().tag(2, |_, _, o| o.push(1)), vec![0, 0]);
    }
}
