//! Training: an averaged structured perceptron (Collins 2002) over the features of
//! [`super::features`], decoded with Viterbi. Deterministic for a given seed.

use crate::hash::shuffle;
use crate::perceptron::{Averaged, Averages, feature_index};
use rustc_hash::FxHashMap;

use super::decode::constraints;
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
    let index = feature_index(&seen, options.min_count);
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

    let mut state = Averaged::<L>::new(index.len());
    let mut order: Vec<usize> = (0..sentences.len()).collect();
    let mut rng = options.seed.max(1);
    for epoch in 1..=options.epochs {
        shuffle(&mut order, &mut rng);
        for &s in &order {
            state.learn(&sentences[s].rows, &sentences[s].gold, constraints());
        }
        after_epoch(epoch, &weights(state.averaged(&index, 0.0)));
    }
    weights(state.averaged(&index, options.prune_below))
}

fn weights(averages: Averages) -> Weights {
    Weights { rows: averages.rows, values: averages.values, transitions: averages.transitions }
}

/// Gold labels for a sentence's tags; see [`labels::from_tags`].
pub fn gold_labels<S: AsRef<str>>(tags: &[S]) -> Vec<u8> {
    labels::from_tags(tags)
}
