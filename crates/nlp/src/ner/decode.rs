//! Viterbi decoding for the tagger: [`crate::perceptron::viterbi`] under the BILOU label
//! constraints (only sequences that spell whole names).

use std::sync::OnceLock;

use super::labels;
use super::weights::L;
use crate::perceptron::{self, Constraints};

/// The BILOU constraints, built once.
pub fn constraints() -> &'static Constraints<L> {
    static CONSTRAINTS: OnceLock<Constraints<L>> = OnceLock::new();
    CONSTRAINTS.get_or_init(|| Constraints::new(labels::allowed, labels::may_end))
}

/// The best sequence for `emissions` (one score per label per token).
pub fn viterbi(emissions: &[[f32; L]], transitions: &[f32]) -> Vec<u8> {
    perceptron::viterbi(emissions, transitions, constraints())
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
