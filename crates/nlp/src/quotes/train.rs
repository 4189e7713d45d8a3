//! Training: the cue lexicon counted from the gold cues, then an averaged structured
//! perceptron over paragraphs, decoded with Viterbi. Deterministic for a given seed.

use crate::hash::shuffle;
use crate::ner::Lexicon;
use crate::perceptron::{Averaged, Averages, feature_index};
use rustc_hash::FxHashMap;

use super::features::{CueLexicon, paragraph_features, second_pass_features};
use super::model::{AttributionModel, L, constraints, viterbi};
use super::{Attribution, Paragraph, Role, labels, paragraphs};

#[derive(Debug, Clone, Copy)]
pub struct TrainOptions {
    pub epochs: usize,
    pub seed: u64,
    /// Features seen fewer times than this are not learned.
    pub min_count: u32,
    /// Words seen fewer times than this stay out of the cue lexicon.
    pub lexicon_min_count: u32,
    /// Features whose averaged weights all stay at or below this (in absolute value) are
    /// left out of the model.
    pub prune_below: f32,
    /// Adds a second pass that also reads the first pass's labels.
    pub second_pass: bool,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 8,
            seed: 7,
            min_count: 2,
            lexicon_min_count: 3,
            prune_below: 0.0,
            second_pass: true,
        }
    }
}

/// Gold labels for a paragraph's tokens: a token takes the role of the gold span holding it
/// (cue before source before content where spans overlap); a new span begins a run.
pub(crate) fn gold_labels(paragraph: &Paragraph, gold: &[Attribution]) -> Vec<u8> {
    let mut best: Vec<Option<(u8, Role, usize)>> = vec![None; paragraph.tokens.len()];
    let rank = |r: Role| match r {
        Role::Cue => 3u8,
        Role::Source => 2,
        Role::Content => 1,
    };
    for (a, attribution) in gold.iter().enumerate() {
        for (role, spans) in [
            (Role::Source, &attribution.source),
            (Role::Cue, &attribution.cue),
            (Role::Content, &attribution.content),
        ] {
            for (i, token) in paragraph.tokens.iter().enumerate() {
                if spans.iter().any(|r| token.start < r.end && token.end > r.start)
                    && best[i].is_none_or(|(k, _, _)| rank(role) > k)
                {
                    best[i] = Some((rank(role), role, a));
                }
            }
        }
    }
    let mut out = Vec::with_capacity(best.len());
    for i in 0..best.len() {
        out.push(match best[i] {
            None => labels::OUTSIDE,
            Some((_, role, a)) => {
                let continues = i > 0 && best[i - 1].is_some_and(|(_, r, b)| r == role && b == a);
                if continues { labels::inside(role) } else { labels::begin(role) }
            }
        });
    }
    out
}

/// `P(in a cue | word)` over the training texts, for words seen often enough.
pub fn cue_lexicon(documents: &[(&str, &[Attribution])], min_count: u32) -> CueLexicon {
    let mut counts: FxHashMap<String, (u32, u32)> = FxHashMap::default();
    for (text, gold) in documents {
        for token in crate::tokens::tokens(text) {
            let in_cue =
                gold.iter().any(|a| a.cue.iter().any(|r| token.start < r.end && token.end > r.start));
            let entry = counts.entry(token.text(text).to_lowercase()).or_default();
            entry.0 += u32::from(in_cue);
            entry.1 += 1;
        }
    }
    counts
        .into_iter()
        .filter(|(_, (cue, all))| *all >= min_count && *cue > 0 && *cue as f32 / *all as f32 >= 0.01)
        .map(|(w, (cue, all))| (w, cue as f32 / all as f32))
        .collect()
}

struct Prepared {
    rows: Vec<Vec<u32>>,
    gold: Vec<u8>,
}

/// Folds for the first-pass labels the second pass trains on: each fold is labelled by a
/// first pass trained without it, so the second pass learns how far to trust labels on
/// unseen text.
const FOLDS: usize = 4;

/// Trains a model on texts with their gold attributions; `after_epoch` sees the averaged
/// model after every epoch of the last pass (for a learning curve).
pub fn train(
    documents: &[(&str, &[Attribution])],
    vocabulary: &std::sync::Arc<Lexicon>,
    syntax: &Option<std::sync::Arc<crate::syntax::SyntaxTagger>>,
    options: TrainOptions,
    after_epoch: &mut dyn FnMut(usize, &AttributionModel),
) -> AttributionModel {
    let lexicon = cue_lexicon(documents, options.lexicon_min_count);
    let syntax_model = AttributionModel { syntax: syntax.clone(), ..Default::default() };
    // (document, paragraph, features, gold labels)
    let mut items = Vec::new();
    for (d, (text, gold)) in documents.iter().enumerate() {
        for paragraph in paragraphs(text) {
            let syntax = syntax_model.syntax(text, &paragraph);
            let features = paragraph_features(&lexicon, vocabulary, &syntax, text, &paragraph);
            let labels = gold_labels(&paragraph, gold);
            items.push((d, paragraph, features, labels));
        }
    }
    let all: Vec<(&[Vec<u64>], &[u8])> =
        items.iter().map(|(_, _, f, g)| (f.as_slice(), g.as_slice())).collect();
    let model = |averages: Averages| AttributionModel {
        lexicon: lexicon.clone(),
        rows: averages.rows,
        values: averages.values,
        transitions: averages.transitions,
        second_transitions: Vec::new(),
        vocabulary: vocabulary.clone(),
        syntax: syntax.clone(),
    };
    if !options.second_pass {
        return train_pass(&all, &model, options, after_epoch);
    }
    let first = train_pass(&all, &model, options, &mut |_, _| {});
    let mut first_labels: Vec<Vec<u8>> = vec![Vec::new(); items.len()];
    for fold in 0..FOLDS {
        let rest: Vec<(&[Vec<u64>], &[u8])> = items
            .iter()
            .filter(|(d, ..)| d % FOLDS != fold)
            .map(|(_, _, f, g)| (f.as_slice(), g.as_slice()))
            .collect();
        let fold_model = train_pass(&rest, &model, options, &mut |_, _| {});
        for (k, (d, _, features, _)) in items.iter().enumerate() {
            if d % FOLDS == fold {
                first_labels[k] = viterbi(&fold_model.emissions(features), &fold_model.transitions);
            }
        }
    }
    let second_features: Vec<Vec<Vec<u64>>> = items
        .iter()
        .zip(&first_labels)
        .map(|((_, paragraph, features, _), labels)| second_pass_features(features, paragraph, labels))
        .collect();
    let second_all: Vec<(&[Vec<u64>], &[u8])> =
        second_features.iter().zip(&items).map(|(f, (_, _, _, g))| (f.as_slice(), g.as_slice())).collect();
    let second = train_pass(&second_all, &model, options, &mut |epoch, second| {
        after_epoch(epoch, &merge(&first, second))
    });
    merge(&first, &second)
}

/// The first pass's model with the second pass's weights and transitions added.
fn merge(first: &AttributionModel, second: &AttributionModel) -> AttributionModel {
    let mut model = first.clone();
    let mut rows: Vec<(u64, u32)> = second.rows.iter().map(|(h, r)| (*h, *r)).collect();
    rows.sort_unstable_by_key(|(_, r)| *r);
    for (hash, row) in rows {
        if model.rows.contains_key(&hash) {
            continue;
        }
        let start = row as usize * L;
        model.rows.insert(hash, (model.values.len() / L) as u32);
        model.values.extend_from_slice(&second.values[start..start + L]);
    }
    model.second_transitions = second.transitions.clone();
    model
}

/// One pass: the perceptron over the given sequences of token features.
fn train_pass(
    sequences: &[(&[Vec<u64>], &[u8])],
    model: &dyn Fn(Averages) -> AttributionModel,
    options: TrainOptions,
    after_epoch: &mut dyn FnMut(usize, &AttributionModel),
) -> AttributionModel {
    let mut seen: FxHashMap<u64, u32> = FxHashMap::default();
    for (features, _) in sequences {
        for f in features.iter().flatten() {
            *seen.entry(*f).or_default() += 1;
        }
    }
    let index = feature_index(&seen, options.min_count);
    drop(seen);
    let prepared: Vec<Prepared> = sequences
        .iter()
        .map(|(features, gold)| Prepared {
            rows: features
                .iter()
                .map(|token| token.iter().filter_map(|f| index.get(f).copied()).collect())
                .collect(),
            gold: gold.to_vec(),
        })
        .collect();

    let mut state = Averaged::<L>::new(index.len());
    let mut order: Vec<usize> = (0..prepared.len()).collect();
    let mut rng = options.seed.max(1);
    for epoch in 1..=options.epochs {
        shuffle(&mut order, &mut rng);
        for &s in &order {
            state.learn(&prepared[s].rows, &prepared[s].gold, constraints());
        }
        after_epoch(epoch, &model(state.averaged(&index, options.prune_below)));
    }
    model(state.averaged(&index, options.prune_below))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, needle: &str) -> std::ops::Range<usize> {
        let s = text.find(needle).unwrap_or(0);
        s..s + needle.len()
    }

    #[test]
    fn gold_labels_prefer_cues_and_begin_each_span() {
        let text = "Peskov said Belarus was an ally.";
        let gold = vec![Attribution {
            source: vec![at(text, "Peskov")],
            cue: vec![at(text, "said")],
            content: vec![at(text, "Peskov said Belarus was an ally")],
        }];
        let p = &paragraphs(text)[0];
        let l = gold_labels(p, &gold);
        use labels::{begin, inside};
        assert_eq!(
            l,
            vec![
                begin(Role::Source),
                begin(Role::Cue),
                begin(Role::Content),
                inside(Role::Content),
                inside(Role::Content),
                inside(Role::Content),
                labels::OUTSIDE
            ]
        );
    }

    #[test]
    fn a_tiny_model_learns_its_training_text() {
        let text = "Peskov said Belarus was an ally.\n\nThe weather was fine.";
        let gold = vec![Attribution {
            source: vec![at(text, "Peskov")],
            cue: vec![at(text, "said")],
            content: vec![at(text, "Belarus was an ally")],
        }];
        let docs = [(text, gold.as_slice())];
        let options = TrainOptions { min_count: 1, lexicon_min_count: 1, ..Default::default() };
        let model = train(
            &docs,
            &Default::default(),
            &None,
            TrainOptions { second_pass: false, ..options },
            &mut |_, _| {},
        );
        assert_eq!(model.attributions(text), gold);
        let back = AttributionModel::from_bytes(&model.to_bytes().expect("encode"), Default::default())
            .expect("decode");
        assert_eq!(back.attributions(text), gold);
        // Two passes (the folds see no other document here): one attribution, same source
        // and cue, and the file keeps both passes.
        let model = train(&docs, &Default::default(), &None, options, &mut |_, _| {});
        assert!(!model.second_transitions.is_empty());
        let found = model.attributions(text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!((&found[0].source, &found[0].cue), (&gold[0].source, &gold[0].cue));
        let back = AttributionModel::from_bytes(&model.to_bytes().expect("encode"), Default::default())
            .expect("decode");
        assert_eq!(back.attributions(text), found);
    }
}
