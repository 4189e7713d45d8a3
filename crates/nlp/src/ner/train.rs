//! Training: an averaged structured perceptron (Collins 2002) over the features of
//! [`super::features`], decoded with Viterbi. Deterministic for a given seed.

use crate::hash::shuffle;
use rustc_hash::FxHashMap;

use super::decode::viterbi;
use super::features::{document_features, second_pass_features};
use super::labels;
use super::lexicon::Lexicon;
use super::weights::{L, Model, Weights};

/// A training document: sentences of words with one gold label per word.
#[derive(Debug, Clone)]
pub struct LabelledDocument {
    pub sentences: Vec<(Vec<String>, Vec<u8>)>,
}

#[derive(Debug, Clone, Copy)]
pub struct TrainOptions {
    pub epochs: usize,
    pub seed: u64,
    /// Features whose averaged weights all stay below this (in absolute value) are dropped
    /// from the saved model.
    pub prune_below: f32,
    /// Features seen fewer times than this in the training data are not learned.
    pub min_count: u32,
    /// Each pass is the mean of this many models, trained on differently shuffled data.
    pub seeds: usize,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions { epochs: 10, seed: 7, prune_below: 0.0, min_count: 2, seeds: 4 }
    }
}

/// One training sentence with its features already turned into weight rows.
struct Prepared {
    rows: Vec<Vec<u32>>,
    gold: Vec<u8>,
}

/// Where training is, for a learning curve: the pass (1 or 2), the epoch, and the model as
/// it would be saved now.
pub struct Progress<'a> {
    pub pass: usize,
    pub epoch: usize,
    pub model: &'a Model,
}

/// Folds for the first-pass labels the second pass trains on: each fold is labelled by a
/// first pass trained without it, so the second pass learns how far to trust labels on
/// unseen text rather than on text the first pass memorised.
const FOLDS: usize = 5;

/// Trains both passes. `progress` sees every epoch (to print a learning curve).
pub fn train(
    lexicon: &Lexicon,
    documents: &[LabelledDocument],
    options: TrainOptions,
    progress: &mut dyn FnMut(Progress<'_>),
) -> Model {
    let seeds: Vec<u64> = (0..options.seeds.max(1) as u64).map(|k| options.seed + 1000 * k).collect();
    let mut first_pass: Vec<Vec<Vec<u8>>> = vec![Vec::new(); documents.len()];
    for fold in 0..FOLDS {
        let rest: Vec<LabelledDocument> =
            documents.iter().enumerate().filter(|(i, _)| i % FOLDS != fold).map(|(_, d)| d.clone()).collect();
        // Made like the final first pass (a mean over seeds), so the second pass learns from
        // labels as good as those it will see.
        let fold_models: Vec<Weights> = seeds
            .iter()
            .map(|seed| {
                train_pass(lexicon, &rest, None, TrainOptions { seed: *seed, ..options }, &mut |_, _| {})
            })
            .collect();
        let model = Model { first: Weights::mean(&fold_models), second: None };
        for (i, doc) in documents.iter().enumerate().filter(|(i, _)| i % FOLDS == fold) {
            let words: Vec<Vec<&str>> =
                doc.sentences.iter().map(|(w, _)| w.iter().map(String::as_str).collect()).collect();
            first_pass[i] = super::label_with(&model.first, &document_features(lexicon, &words));
        }
    }
    // Each pass is the mean of models trained on differently shuffled data; the learning
    // curve follows the first of them.
    let mut firsts = Vec::new();
    for (k, seed) in seeds.iter().enumerate() {
        let options = TrainOptions { seed: *seed, ..options };
        firsts.push(train_pass(lexicon, documents, None, options, &mut |epoch, w| {
            if k == 0 {
                progress(Progress { pass: 1, epoch, model: &Model { first: w.clone(), second: None } })
            }
        }));
    }
    let first = Weights::mean(&firsts);
    let mut seconds = Vec::new();
    for (k, seed) in seeds.iter().enumerate() {
        let options = TrainOptions { seed: *seed, ..options };
        seconds.push(train_pass(lexicon, documents, Some(&first_pass), options, &mut |epoch, w| {
            if k == 0 {
                let model = Model { first: first.clone(), second: Some(w.clone()) };
                progress(Progress { pass: 2, epoch, model: &model })
            }
        }));
    }
    Model { first, second: Some(Weights::mean(&seconds)) }
}

/// Trains one pass; `first_pass` gives the first pass's labels for each document when this
/// is the second pass.
fn train_pass(
    lexicon: &Lexicon,
    documents: &[LabelledDocument],
    first_pass: Option<&[Vec<Vec<u8>>]>,
    options: TrainOptions,
    after_epoch: &mut dyn FnMut(usize, &Weights),
) -> Weights {
    let mut featurised = Vec::new();
    let mut seen: FxHashMap<u64, u32> = FxHashMap::default();
    for (d, doc) in documents.iter().enumerate() {
        let words: Vec<Vec<&str>> =
            doc.sentences.iter().map(|(w, _)| w.iter().map(String::as_str).collect()).collect();
        let mut features = document_features(lexicon, &words);
        if let Some(first_pass) = first_pass {
            let extra = second_pass_features(&words, &first_pass[d]);
            for (token, more) in features.iter_mut().flatten().zip(extra.into_iter().flatten()) {
                token.extend(more);
            }
        }
        for f in features.iter().flatten().flatten() {
            *seen.entry(*f).or_default() += 1;
        }
        featurised.push(features);
    }
    // A feature seen once is mostly noise the perceptron would memorise.
    let min_count = options.min_count;
    let mut index: FxHashMap<u64, u32> = FxHashMap::default();
    for (f, n) in &seen {
        if *n >= min_count {
            let next = index.len() as u32;
            index.insert(*f, next);
        }
    }
    let mut sentences = Vec::new();
    for (features, doc) in featurised.into_iter().zip(documents) {
        for (feats, (_, gold)) in features.into_iter().zip(&doc.sentences) {
            let rows = feats
                .into_iter()
                .map(|token| token.into_iter().filter_map(|f| index.get(&f).copied()).collect())
                .collect();
            sentences.push(Prepared { rows, gold: gold.clone() });
        }
    }

    let mut state = Averaged::new(index.len());
    let mut order: Vec<usize> = (0..sentences.len()).collect();
    let mut rng = options.seed.max(1);
    for epoch in 1..=options.epochs {
        shuffle(&mut order, &mut rng);
        for &s in &order {
            state.learn(&sentences[s]);
        }
        let weights = state.averaged(&index, 0.0);
        after_epoch(epoch, &weights);
    }
    state.averaged(&index, options.prune_below)
}

/// Perceptron weights with the running sums that averaging needs: the average of `w` over
/// all steps is `w - u / c`, where every update of `d` at step `c` adds `c * d` to `u`.
struct Averaged {
    w: Vec<f32>,
    u: Vec<f32>,
    tw: Vec<f32>,
    tu: Vec<f32>,
    step: f32,
}

impl Averaged {
    fn new(features: usize) -> Averaged {
        Averaged {
            w: vec![0.0; features * L],
            u: vec![0.0; features * L],
            tw: vec![0.0; (L + 1) * L],
            tu: vec![0.0; (L + 1) * L],
            step: 1.0,
        }
    }

    fn learn(&mut self, sentence: &Prepared) {
        let emissions: Vec<[f32; L]> = sentence
            .rows
            .iter()
            .map(|rows| {
                let mut s = [0.0f32; L];
                for &r in rows {
                    let start = r as usize * L;
                    for (a, b) in s.iter_mut().zip(&self.w[start..start + L]) {
                        *a += b;
                    }
                }
                s
            })
            .collect();
        let predicted = viterbi(&emissions, &self.tw);
        if predicted != sentence.gold {
            let c = self.step;
            for (t, (&g, &p)) in sentence.gold.iter().zip(&predicted).enumerate() {
                if g != p {
                    for &r in &sentence.rows[t] {
                        let base = r as usize * L;
                        update(&mut self.w, &mut self.u, base + usize::from(g), 1.0, c);
                        update(&mut self.w, &mut self.u, base + usize::from(p), -1.0, c);
                    }
                }
                let prev_g = if t == 0 { 0 } else { usize::from(sentence.gold[t - 1]) + 1 };
                let prev_p = if t == 0 { 0 } else { usize::from(predicted[t - 1]) + 1 };
                if (prev_g, g) != (prev_p, p) {
                    update(&mut self.tw, &mut self.tu, prev_g * L + usize::from(g), 1.0, c);
                    update(&mut self.tw, &mut self.tu, prev_p * L + usize::from(p), -1.0, c);
                }
            }
        }
        self.step += 1.0;
    }

    fn averaged(&self, index: &FxHashMap<u64, u32>, prune_below: f32) -> Weights {
        let c = self.step;
        let avg = |w: &[f32], u: &[f32]| -> Vec<f32> { w.iter().zip(u).map(|(w, u)| w - u / c).collect() };
        let all = avg(&self.w, &self.u);
        let mut weights = Weights::new();
        weights.transitions = avg(&self.tw, &self.tu);
        let mut kept: Vec<(u64, u32)> = index
            .iter()
            .filter(|(_, row)| {
                let start = **row as usize * L;
                all[start..start + L].iter().any(|w| w.abs() > prune_below)
            })
            .map(|(k, v)| (*k, *v))
            .collect();
        kept.sort_unstable_by_key(|(_, row)| *row);
        weights.values.reserve(kept.len() * L);
        for (new_row, (hash, row)) in kept.into_iter().enumerate() {
            let start = row as usize * L;
            weights.values.extend_from_slice(&all[start..start + L]);
            weights.rows.insert(hash, new_row as u32);
        }
        weights
    }
}

#[inline]
fn update(w: &mut [f32], u: &mut [f32], i: usize, delta: f32, step: f32) {
    w[i] += delta;
    u[i] += step * delta;
}

/// Gold labels for a sentence's tags; see [`labels::from_tags`].
pub fn gold_labels<S: AsRef<str>>(tags: &[S]) -> Vec<u8> {
    labels::from_tags(tags)
}
