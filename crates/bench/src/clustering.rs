//! Story clustering, as `../shared/data/README.md` scores it: B-cubed precision, recall and
//! F1 over items. For each item, precision is the share of its predicted cluster that shares
//! its gold cluster, recall the share of its gold cluster that shares its predicted cluster;
//! both are averaged over items.

use std::collections::HashMap;
use std::hash::Hash;

/// B-cubed (precision, recall, F1) of a predicted clustering against the gold one; item `i`
/// is in gold cluster `gold[i]` and predicted cluster `predicted[i]`. Items past the shorter
/// list are ignored; no items scores zero.
pub fn bcubed<G: Hash + Eq, P: Hash + Eq>(gold: &[G], predicted: &[P]) -> (f64, f64, f64) {
    let n = gold.len().min(predicted.len());
    if n == 0 {
        return (0.0, 0.0, 0.0);
    }
    let mut gold_size: HashMap<&G, usize> = HashMap::new();
    let mut predicted_size: HashMap<&P, usize> = HashMap::new();
    let mut both: HashMap<(&G, &P), usize> = HashMap::new();
    for i in 0..n {
        *gold_size.entry(&gold[i]).or_default() += 1;
        *predicted_size.entry(&predicted[i]).or_default() += 1;
        *both.entry((&gold[i], &predicted[i])).or_default() += 1;
    }
    let (mut precision, mut recall) = (0.0, 0.0);
    for i in 0..n {
        let shared = both[&(&gold[i], &predicted[i])] as f64;
        precision += shared / predicted_size[&predicted[i]] as f64;
        recall += shared / gold_size[&gold[i]] as f64;
    }
    let (p, r) = (precision / n as f64, recall / n as f64);
    let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
    (p, r, f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perfect_split_and_merged() {
        let gold = ["a", "a", "b", "b"];
        assert_eq!(bcubed(&gold, &[1, 1, 2, 2]), (1.0, 1.0, 1.0));
        // Everything in one cluster: precision 1/2 for each item, recall 1.
        let (p, r, _) = bcubed(&gold, &[0, 0, 0, 0]);
        assert_eq!((p, r), (0.5, 1.0));
        // Every item alone: precision 1, recall 1/2.
        let (p, r, _) = bcubed(&gold, &[1, 2, 3, 4]);
        assert_eq!((p, r), (1.0, 0.5));
        assert_eq!(bcubed::<&str, u8>(&[], &[]), (0.0, 0.0, 0.0));
    }

    #[test]
    fn a_known_mixed_case() {
        // Gold {0,1,2} {3,4}; predicted {0,1} {2,3,4}.
        let (p, r, f) = bcubed(&[0, 0, 0, 1, 1], &["x", "x", "y", "y", "y"]);
        // Precision: 1, 1, 1/3, 2/3, 2/3 -> 11/15. Recall: 2/3, 2/3, 1/3, 1, 1 -> 11/15.
        assert!((p - 11.0 / 15.0).abs() < 1e-12 && (r - 11.0 / 15.0).abs() < 1e-12);
        assert!((f - 11.0 / 15.0).abs() < 1e-12);
    }
}
