//! The structured perceptron both trained models are made of (the entity tagger and the
//! attribution labeller): Viterbi decoding under a label set's constraints, and averaged
//! training (Collins 2002). Each model keeps its own labels, features and file format; `L`
//! is its number of labels.

use rustc_hash::FxHashMap;

/// Which label sequences a label set spells: 0 where allowed, minus infinity where not.
/// Added to the learned transitions, they keep the constraints out of the inner loop.
#[derive(Debug, Clone)]
pub struct Constraints<const L: usize> {
    /// `(L + 1) * L`: row 0 for the sequence start, row `p + 1` after label `p`.
    transitions: Vec<f32>,
    /// For the last label of a sequence.
    end: [f32; L],
}

impl<const L: usize> Constraints<L> {
    pub fn new(allowed: impl Fn(Option<u8>, u8) -> bool, may_end: impl Fn(u8) -> bool) -> Self {
        let mask = |ok: bool| if ok { 0.0 } else { f32::NEG_INFINITY };
        let mut transitions = vec![0.0; (L + 1) * L];
        let mut end = [0.0; L];
        for l in 0..L {
            transitions[l] = mask(allowed(None, l as u8));
            end[l] = mask(may_end(l as u8));
            for p in 0..L {
                transitions[(p + 1) * L + l] = mask(allowed(Some(p as u8), l as u8));
            }
        }
        Constraints { transitions, end }
    }
}

/// The best label sequence for `emissions` (one score per label per token) under learned
/// `transitions` (laid out as in [`Constraints`]) and the constraints. Label 0 everywhere
/// when `transitions` has the wrong size (an empty model).
pub fn viterbi<const L: usize>(
    emissions: &[[f32; L]],
    transitions: &[f32],
    constraints: &Constraints<L>,
) -> Vec<u8> {
    let n = emissions.len();
    if n == 0 || transitions.len() != (L + 1) * L {
        return vec![0; n];
    }
    let allowed: Vec<f32> = transitions.iter().zip(&constraints.transitions).map(|(t, m)| t + m).collect();
    let mut score = vec![[f32::NEG_INFINITY; L]; n];
    let mut back = vec![[0u8; L]; n];
    for l in 0..L {
        score[0][l] = emissions[0][l] + allowed[l];
    }
    for t in 1..n {
        let previous = score[t - 1];
        for l in 0..L {
            let mut best = f32::NEG_INFINITY;
            let mut arg = 0u8;
            for (p, prev) in previous.iter().enumerate() {
                let s = prev + allowed[(p + 1) * L + l];
                if s > best {
                    best = s;
                    arg = p as u8;
                }
            }
            score[t][l] = best + emissions[t][l];
            back[t][l] = arg;
        }
    }
    let last: Vec<f32> = score[n - 1].iter().zip(&constraints.end).map(|(s, e)| s + e).collect();
    let mut best = 0usize;
    for l in 1..L {
        if last[l] > last[best] {
            best = l;
        }
    }
    let mut out = vec![0u8; n];
    out[n - 1] = best as u8;
    for t in (1..n).rev() {
        out[t - 1] = back[t][usize::from(out[t])];
    }
    out
}

/// Rows for the features seen at least `min_count` times (`seen`: feature -> count). A
/// feature seen once is mostly noise the perceptron would memorise.
pub fn feature_index(seen: &FxHashMap<u64, u32>, min_count: u32) -> FxHashMap<u64, u32> {
    let mut index = FxHashMap::default();
    for (f, n) in seen {
        if *n >= min_count {
            let next = index.len() as u32;
            index.insert(*f, next);
        }
    }
    index
}

/// Averaged weights, ready to save: a row of `L` weights per kept feature.
pub struct Averages {
    pub rows: FxHashMap<u64, u32>,
    pub values: Vec<f32>,
    pub transitions: Vec<f32>,
}

/// Perceptron weights with the running sums averaging needs: the average of `w` over all
/// steps is `w - u / c`, where every update of `d` at step `c` adds `c * d` to `u`.
pub struct Averaged<const L: usize> {
    w: Vec<f32>,
    u: Vec<f32>,
    tw: Vec<f32>,
    tu: Vec<f32>,
    step: f32,
}

impl<const L: usize> Averaged<L> {
    pub fn new(features: usize) -> Self {
        Averaged {
            w: vec![0.0; features * L],
            u: vec![0.0; features * L],
            tw: vec![0.0; (L + 1) * L],
            tu: vec![0.0; (L + 1) * L],
            step: 1.0,
        }
    }

    /// One step: decodes the sequence (each token's feature rows) and, where the result is
    /// not `gold`, moves weight from the predicted labels and transitions to the gold ones.
    pub fn learn(&mut self, rows: &[Vec<u32>], gold: &[u8], constraints: &Constraints<L>) {
        let emissions: Vec<[f32; L]> = rows
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
        let predicted = viterbi(&emissions, &self.tw, constraints);
        if predicted != gold {
            let c = self.step;
            for (t, (&g, &p)) in gold.iter().zip(&predicted).enumerate() {
                if g != p {
                    for &r in &rows[t] {
                        let base = r as usize * L;
                        update(&mut self.w, &mut self.u, base + usize::from(g), 1.0, c);
                        update(&mut self.w, &mut self.u, base + usize::from(p), -1.0, c);
                    }
                }
                let prev_g = if t == 0 { 0 } else { usize::from(gold[t - 1]) + 1 };
                let prev_p = if t == 0 { 0 } else { usize::from(predicted[t - 1]) + 1 };
                if (prev_g, g) != (prev_p, p) {
                    update(&mut self.tw, &mut self.tu, prev_g * L + usize::from(g), 1.0, c);
                    update(&mut self.tw, &mut self.tu, prev_p * L + usize::from(p), -1.0, c);
                }
            }
        }
        self.step += 1.0;
    }

    /// The averaged weights of the features in `index` (feature -> row) whose weights are not
    /// all within `prune_below` of zero, renumbered in row order.
    pub fn averaged(&self, index: &FxHashMap<u64, u32>, prune_below: f32) -> Averages {
        let c = self.step;
        let avg = |w: &[f32], u: &[f32]| -> Vec<f32> { w.iter().zip(u).map(|(w, u)| w - u / c).collect() };
        let all = avg(&self.w, &self.u);
        let mut kept: Vec<(u64, u32)> = index
            .iter()
            .filter(|(_, row)| {
                let start = **row as usize * L;
                all[start..start + L].iter().any(|w| w.abs() > prune_below)
            })
            .map(|(k, v)| (*k, *v))
            .collect();
        kept.sort_unstable_by_key(|(_, row)| *row);
        let mut out = Averages {
            rows: FxHashMap::default(),
            values: Vec::with_capacity(kept.len() * L),
            transitions: avg(&self.tw, &self.tu),
        };
        for (new_row, (hash, row)) in kept.into_iter().enumerate() {
            let start = row as usize * L;
            out.values.extend_from_slice(&all[start..start + L]);
            out.rows.insert(hash, new_row as u32);
        }
        out
    }
}

#[inline]
fn update(w: &mut [f32], u: &mut [f32], i: usize, delta: f32, step: f32) {
    w[i] += delta;
    u[i] += step * delta;
}
