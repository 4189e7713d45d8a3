//! Rewrites: a set of originals, each retold twice in other words. The links a system makes
//! between articles ("rewrites", "copies") join articles into groups; an original and one
//! of its rewrites should end up in one group and linked as a rewrite, not as a copy, and
//! articles of different originals should never share a group.

use std::collections::HashMap;

/// How one article was linked to an earlier one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Link {
    Rewrite(usize),
    Copy(usize),
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RewriteScore {
    /// (original, rewrite) pairs.
    pub pairs: u64,
    /// Of those, in one group with no copy link between the two.
    pub linked: u64,
    /// Of those, one marked a copy of the other.
    pub as_copies: u64,
    /// Pairs of articles of different originals.
    pub unrelated_pairs: u64,
    /// Of those, in one group.
    pub wrongly_linked: u64,
}

/// Scores the links of `original_of.len()` articles: article `i` retells original
/// `original_of[i]` (an original retells itself), `is_original[i]` says which they are, and
/// `links[i]` is how article `i` was linked, if it was.
pub fn score(original_of: &[usize], is_original: &[bool], links: &[Option<Link>]) -> RewriteScore {
    let n = original_of.len();
    let mut groups = Groups::new(n);
    for (i, link) in links.iter().enumerate().take(n) {
        if let Some(Link::Rewrite(j) | Link::Copy(j)) = link {
            groups.join(i, *j);
        }
    }
    let copy = |a: usize, b: usize| links[a] == Some(Link::Copy(b)) || links[b] == Some(Link::Copy(a));
    let mut score = RewriteScore::default();
    for rewrite in (0..n).filter(|&i| !is_original[i]) {
        let Some(original) = (0..n).find(|&j| is_original[j] && original_of[j] == original_of[rewrite])
        else {
            continue;
        };
        score.pairs += 1;
        if copy(original, rewrite) {
            score.as_copies += 1;
        } else if groups.root(original) == groups.root(rewrite) {
            score.linked += 1;
        }
    }
    // Pairs in one group but of different originals, from the counts per (group, original).
    let mut per_group: HashMap<usize, HashMap<usize, u64>> = HashMap::new();
    for (i, &original) in original_of.iter().enumerate() {
        *per_group.entry(groups.root(i)).or_default().entry(original).or_default() += 1;
    }
    for counts in per_group.values() {
        let size: u64 = counts.values().sum();
        let same: u64 = counts.values().map(|c| c * (c - 1) / 2).sum();
        score.wrongly_linked += size * (size - 1) / 2 - same;
    }
    let mut per_original: HashMap<usize, u64> = HashMap::new();
    for &o in original_of {
        *per_original.entry(o).or_default() += 1;
    }
    let all = n as u64 * (n as u64).saturating_sub(1) / 2;
    score.unrelated_pairs = all - per_original.values().map(|c| c * (c - 1) / 2).sum::<u64>();
    score
}

/// Union-find over article indices.
struct Groups(Vec<usize>);

impl Groups {
    fn new(n: usize) -> Groups {
        Groups((0..n).collect())
    }

    fn root(&self, mut i: usize) -> usize {
        while self.0[i] != i {
            i = self.0[i];
        }
        i
    }

    fn join(&mut self, a: usize, b: usize) {
        if b < self.0.len() {
            let (ra, rb) = (self.root(a), self.root(b));
            self.0[ra.max(rb)] = ra.min(rb);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrites_copies_and_wrong_links_are_told_apart() {
        // Two originals (0 and 3), each with two rewrites.
        let original_of = [0, 0, 0, 3, 3, 3];
        let is_original = [true, false, false, true, false, false];
        let links = [
            None,
            Some(Link::Rewrite(0)),
            Some(Link::Rewrite(1)), // linked through the other rewrite: still linked
            None,
            Some(Link::Copy(3)),    // a copy, not a rewrite
            Some(Link::Rewrite(2)), // wrongly joins the first group
        ];
        let s = score(&original_of, &is_original, &links);
        assert_eq!(s.pairs, 4);
        assert_eq!(s.linked, 2);
        assert_eq!(s.as_copies, 1);
        assert_eq!(s.unrelated_pairs, 9);
        // Article 5 shares a group with 0, 1 and 2.
        assert_eq!(s.wrongly_linked, 3);
        let none = score(&original_of, &is_original, &[None; 6]);
        assert_eq!((none.linked, none.wrongly_linked), (0, 0));
    }
}
