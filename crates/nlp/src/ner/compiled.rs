//! The model laid out for tagging: one hash table for both passes, so the features the
//! passes share (nearly all of them) are looked up once per token, not twice.

use rustc_hash::FxHashMap;

use super::decode::viterbi;
use super::weights::{L, Model, Weights};

/// Marks a feature the pass does not know.
const NONE: u32 = u32::MAX;

#[derive(Debug)]
pub struct CompiledModel {
    /// Feature hash -> (row in the first pass, row in the second pass).
    rows: FxHashMap<u64, (u32, u32)>,
    first: Weights,
    second: Option<Weights>,
}

impl CompiledModel {
    pub fn new(model: &Model) -> CompiledModel {
        let mut rows: FxHashMap<u64, (u32, u32)> = FxHashMap::default();
        rows.reserve(model.first.rows.len());
        for (hash, row) in &model.first.rows {
            rows.insert(*hash, (*row, NONE));
        }
        if let Some(second) = &model.second {
            for (hash, row) in &second.rows {
                rows.entry(*hash).or_insert((NONE, NONE)).1 = *row;
            }
        }
        // The per-pass tables are not consulted while tagging; only values and transitions.
        let strip = |w: &Weights| Weights {
            rows: FxHashMap::default(),
            values: w.values.clone(),
            transitions: w.transitions.clone(),
        };
        CompiledModel { rows, first: strip(&model.first), second: model.second.as_ref().map(strip) }
    }

    pub fn has_second_pass(&self) -> bool {
        self.second.is_some()
    }

    /// First-pass labels of each sentence, and for each token the second pass's rows for the
    /// same features (so the second pass does not look them up again).
    pub fn first_pass(&self, features: &[Vec<Vec<u64>>]) -> (Vec<Vec<u8>>, Vec<Vec<Vec<u32>>>) {
        let mut emissions = Vec::new();
        let mut second_rows = Vec::with_capacity(features.len());
        let labels = features
            .iter()
            .map(|sentence| {
                emissions.clear();
                let mut sentence_rows = Vec::with_capacity(sentence.len());
                for token in sentence {
                    let mut scores = [0.0f32; L];
                    let mut rows = Vec::with_capacity(token.len());
                    for f in token {
                        if let Some(&(first, second)) = self.rows.get(f) {
                            if first != NONE {
                                add_row(&mut scores, &self.first.values, first);
                            }
                            if second != NONE {
                                rows.push(second);
                            }
                        }
                    }
                    emissions.push(scores);
                    sentence_rows.push(rows);
                }
                second_rows.push(sentence_rows);
                viterbi(&emissions, &self.first.transitions)
            })
            .collect();
        (labels, second_rows)
    }

    /// Second-pass labels from the shared rows and the second pass's own features.
    pub fn second_pass(&self, shared: &[Vec<Vec<u32>>], extra: &[Vec<Vec<u64>>]) -> Vec<Vec<u8>> {
        let Some(second) = &self.second else { return Vec::new() };
        let mut emissions = Vec::new();
        shared
            .iter()
            .zip(extra)
            .map(|(sentence, extra)| {
                emissions.clear();
                for (rows, more) in sentence.iter().zip(extra) {
                    let mut scores = [0.0f32; L];
                    for row in rows {
                        add_row(&mut scores, &second.values, *row);
                    }
                    for f in more {
                        if let Some(&(_, row)) = self.rows.get(f)
                            && row != NONE
                        {
                            add_row(&mut scores, &second.values, row);
                        }
                    }
                    emissions.push(scores);
                }
                viterbi(&emissions, &second.transitions)
            })
            .collect()
    }
}

#[inline]
fn add_row(scores: &mut [f32; L], values: &[f32], row: u32) {
    let start = row as usize * L;
    if let Some(weights) = values.get(start..start + L) {
        for (s, w) in scores.iter_mut().zip(weights) {
            *s += w;
        }
    }
}
