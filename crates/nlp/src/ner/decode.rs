//! Viterbi decoding: the best label sequence under emission scores (per token) and
//! transition weights, with `I-X` allowed only after `B-X` or `I-X`.

use std::sync::OnceLock;

use super::labels;
use super::weights::L;

/// 0 where a transition is allowed, minus infinity where it is not: row 0 for the sentence
/// start, row `p + 1` after label `p`. Added to the learned transitions, it keeps the
/// constraint out of the inner loop.
fn mask() -> &'static [f32] {
    static MASK: OnceLock<Vec<f32>> = OnceLock::new();
    MASK.get_or_init(|| {
        let mut mask = vec![0.0; (L + 1) * L];
        for l in 0..L {
            if !labels::allowed(None, l as u8) {
                mask[l] = f32::NEG_INFINITY;
            }
            for p in 0..L {
                if !labels::allowed(Some(p as u8), l as u8) {
                    mask[(p + 1) * L + l] = f32::NEG_INFINITY;
                }
            }
        }
        mask
    })
}

/// The best sequence for `emissions` (one score per label per token).
pub fn viterbi(emissions: &[[f32; L]], transitions: &[f32]) -> Vec<u8> {
    let n = emissions.len();
    if n == 0 {
        return Vec::new();
    }
    let mask = mask();
    let allowed: Vec<f32> = transitions.iter().zip(mask).map(|(t, m)| t + m).collect();
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
    let mut best = 0usize;
    for l in 1..L {
        if labels::may_end(l as u8) && score[n - 1][l] > score[n - 1][best] {
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

#[cfg(test)]
mod tests {
    use super::*;
    use newsgraph_model::EntityKind;

    #[test]
    fn decodes_whole_names_only() {
        // Every word prefers "inside a name", which alone would be no name at all.
        let gold = labels::from_tags(&["B-PER", "I-PER", "I-PER"]);
        let mut e = [[0.0; L]; 3];
        for row in &mut e {
            row[usize::from(gold[1])] = 10.0;
        }
        let out = viterbi(&e, &vec![0.0; (L + 1) * L]);
        assert_eq!(out, gold);
        assert_eq!(labels::kind(out[0]), Some(EntityKind::Per));
    }
}
