//! Article-body extraction, scored as the article-extraction benchmark does.
//!
//! - Tokens are Unicode `\w+` runs (letters, digits, marks, connector punctuation such as
//!   `_`), case kept.
//! - A text becomes the multiset of its consecutive 4-token shingles; a text of 1 to 3 tokens
//!   is a single shorter shingle, a text without tokens the empty multiset.
//! - Per page: `tp` = Σ min(gold count, predicted count) over shingles; `fp` and `fn` are the
//!   predicted and gold excesses. Page precision = tp / (tp + fp), page recall =
//!   tp / (tp + fn).
//! - Over a set of pages: precision is averaged over the pages whose prediction is not empty
//!   (has at least one token), recall over all pages, and F1 is the harmonic mean of those two
//!   averages.
//!
//! A page whose gold body has no tokens has nothing to miss: its recall is 1, whatever was
//! predicted (a spurious prediction costs precision instead: 0 on that page). The
//! scrapinghub development set has no such page.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

/// Tokens per shingle.
pub const SHINGLE_SIZE: usize = 4;

static WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\w+").expect("the word pattern is a valid regular expression"));

/// The Unicode `\w+` runs of `text`, in order, case kept.
pub fn tokens(text: &str) -> Vec<&str> {
    WORD.find_iter(text).map(|m| m.as_str()).collect()
}

/// The multiset of consecutive [`SHINGLE_SIZE`]-token shingles of `tokens`: each distinct
/// shingle with its count. Fewer tokens than a shingle make one shorter shingle; no tokens,
/// no shingles.
pub fn shingles<'t>(tokens: &'t [&'t str]) -> HashMap<&'t [&'t str], usize> {
    let mut counts = HashMap::new();
    if tokens.is_empty() {
        return counts;
    }
    for shingle in tokens.windows(SHINGLE_SIZE.min(tokens.len())) {
        *counts.entry(shingle).or_insert(0) += 1;
    }
    counts
}

/// The shingle counts of one page: what the prediction got right, added and missed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PageScore {
    /// Shingles in both texts (Σ min(gold, predicted)).
    pub true_positives: usize,
    /// Predicted shingles beyond the gold's count.
    pub false_positives: usize,
    /// Gold shingles beyond the prediction's count.
    pub false_negatives: usize,
}

impl PageScore {
    /// True when the prediction had no tokens at all.
    pub fn prediction_empty(&self) -> bool {
        self.true_positives + self.false_positives == 0
    }

    /// tp / (tp + fp); `None` for an empty prediction (left out of the precision average).
    pub fn precision(&self) -> Option<f64> {
        let predicted = self.true_positives + self.false_positives;
        (predicted > 0).then(|| self.true_positives as f64 / predicted as f64)
    }

    /// tp / (tp + fn); 1 when the gold body is empty (nothing to miss).
    pub fn recall(&self) -> f64 {
        let gold = self.true_positives + self.false_negatives;
        if gold == 0 { 1.0 } else { self.true_positives as f64 / gold as f64 }
    }

    /// The page's own F1, counting an empty prediction's precision as 0 (for ranking pages;
    /// the benchmark's F1 is [`Summary::f1`]).
    pub fn f1(&self) -> f64 {
        harmonic_mean(self.precision().unwrap_or(0.0), self.recall())
    }
}

/// Scores one page: `predicted` body against the `gold` body.
pub fn score_page(gold: &str, predicted: &str) -> PageScore {
    let gold_tokens = tokens(gold);
    let predicted_tokens = tokens(predicted);
    let gold_shingles = shingles(&gold_tokens);
    let predicted_shingles = shingles(&predicted_tokens);
    let mut score = PageScore::default();
    for (shingle, &predicted_count) in &predicted_shingles {
        let gold_count = gold_shingles.get(shingle).copied().unwrap_or(0);
        score.true_positives += predicted_count.min(gold_count);
        score.false_positives += predicted_count.saturating_sub(gold_count);
    }
    for (shingle, &gold_count) in &gold_shingles {
        let predicted_count = predicted_shingles.get(shingle).copied().unwrap_or(0);
        score.false_negatives += gold_count.saturating_sub(predicted_count);
    }
    score
}

/// The benchmark's figures over a set of pages.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Summary {
    /// Pages scored.
    pub pages: usize,
    /// Pages with a non-empty prediction (those the precision is averaged over).
    pub predicted_pages: usize,
    /// Mean page precision over the pages with a non-empty prediction (0 when there are none).
    pub precision: f64,
    /// Mean page recall over all pages (0 when there are no pages).
    pub recall: f64,
    /// Harmonic mean of `precision` and `recall` (0 when both are 0).
    pub f1: f64,
}

/// Averages page scores into the benchmark's precision, recall and F1.
pub fn summarize(scores: &[PageScore]) -> Summary {
    let precisions: Vec<f64> = scores.iter().filter_map(PageScore::precision).collect();
    let precision = mean(&precisions);
    let recall = mean(&scores.iter().map(PageScore::recall).collect::<Vec<_>>());
    Summary {
        pages: scores.len(),
        predicted_pages: precisions.len(),
        precision,
        recall,
        f1: harmonic_mean(precision, recall),
    }
}

fn mean(values: &[f64]) -> f64 {
    if values.is_empty() { 0.0 } else { values.iter().sum::<f64>() / values.len() as f64 }
}

fn harmonic_mean(a: f64, b: f64) -> f64 {
    if a + b > 0.0 { 2.0 * a * b / (a + b) } else { 0.0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn tokens_are_unicode_word_runs_with_case_kept() {
        assert_eq!(
            tokens("Hello, wörld! It's 3.5 snake_case — Ünïcode"),
            ["Hello", "wörld", "It", "s", "3", "5", "snake_case", "Ünïcode"]
        );
        // A combining accent (a Unicode mark) stays inside its word.
        assert_eq!(tokens("cafe\u{301} ok"), ["cafe\u{301}", "ok"]);
        assert_eq!(tokens("北京 2024年"), ["北京", "2024年"]);
        assert!(tokens(" ,.;— ").is_empty());
    }

    #[test]
    fn shingles_are_consecutive_four_token_windows() {
        let t = tokens("a b c d e");
        let s = shingles(&t);
        assert_eq!(s.len(), 2);
        assert_eq!(s[&["a", "b", "c", "d"][..]], 1);
        assert_eq!(s[&["b", "c", "d", "e"][..]], 1);
    }

    #[test]
    fn short_texts_are_one_shorter_shingle_and_no_tokens_none() {
        for (text, expected) in
            [("one", &["one"][..]), ("one two", &["one", "two"]), ("a b c", &["a", "b", "c"])]
        {
            let t = tokens(text);
            let s = shingles(&t);
            assert_eq!(s.len(), 1, "{text}");
            assert_eq!(s[expected], 1, "{text}");
        }
        assert!(shingles(&tokens("")).is_empty());
        assert!(shingles(&tokens("-- !")).is_empty());
    }

    #[test]
    fn shingles_are_counted_as_a_multiset() {
        // a b c d a b c d: abcd, bcda, cdab, dabc, abcd -> abcd twice.
        let t = tokens("a b c d a b c d");
        let s = shingles(&t);
        assert_eq!(s[&["a", "b", "c", "d"][..]], 2);
        assert_eq!(s.values().sum::<usize>(), 5);
        // Predicting abcd once matches one of the two: tp 1, fn 4 (abcd, bcda, cdab, dabc).
        let score = score_page("a b c d a b c d", "a b c d");
        assert_eq!(score, PageScore { true_positives: 1, false_positives: 0, false_negatives: 4 });
        assert_eq!(score.precision(), Some(1.0));
        assert!(close(score.recall(), 0.2));
        // Predicting abcd three times: two match, the third is a false positive.
        let score = score_page("a b c d a b c d", "a b c d. a b c d. a b c d");
        // Prediction shingles: abcd x3, bcda x2, cdab x2, dabc x2 (9 in all).
        assert_eq!(score, PageScore { true_positives: 5, false_positives: 4, false_negatives: 0 });
    }

    #[test]
    fn hand_computed_page() {
        // Gold: [one two three four], [two three four five].
        // Predicted: [two three four five], [three four five six].
        let score = score_page("One two three four five.", "two three four five six");
        // "One" is capitalised in the gold: case is kept, so the first gold shingle differs.
        assert_eq!(score, PageScore { true_positives: 1, false_positives: 1, false_negatives: 1 });
        assert_eq!(score.precision(), Some(0.5));
        assert!(close(score.recall(), 0.5));
        assert!(close(score.f1(), 0.5));
    }

    #[test]
    fn short_texts_compare_whole() {
        assert_eq!(score_page("Breaking news", "Breaking news!").true_positives, 1);
        let case = score_page("Breaking news", "breaking news");
        assert_eq!(case, PageScore { true_positives: 0, false_positives: 1, false_negatives: 1 });
        // Three tokens make one 3-token shingle; four tokens one 4-token shingle: no overlap.
        let score = score_page("a b c", "a b c d");
        assert_eq!(score, PageScore { true_positives: 0, false_positives: 1, false_negatives: 1 });
    }

    #[test]
    fn empty_prediction_is_left_out_of_precision_but_counts_for_recall() {
        let perfect = score_page("a b c d e f", "a b c d e f");
        let empty = score_page("a b c d e f", "  ");
        assert!(empty.prediction_empty());
        assert_eq!(empty.precision(), None);
        assert!(close(empty.recall(), 0.0));
        assert!(close(empty.f1(), 0.0));
        let summary = summarize(&[perfect, empty]);
        assert_eq!(summary.pages, 2);
        assert_eq!(summary.predicted_pages, 1);
        assert!(close(summary.precision, 1.0));
        assert!(close(summary.recall, 0.5));
        assert!(close(summary.f1, 2.0 * 0.5 / 1.5));
    }

    #[test]
    fn summary_averages_pages_not_shingles() {
        // Page 1: P 1, R 0.2 (see the multiset test). Page 2: P 0.5, R 0.5.
        let pages = [score_page("a b c d a b c d", "a b c d"), score_page("1 2 3 4 5", "2 3 4 5 6")];
        let summary = summarize(&pages);
        assert!(close(summary.precision, 0.75));
        assert!(close(summary.recall, 0.35));
        assert!(close(summary.f1, 2.0 * 0.75 * 0.35 / 1.1));
    }

    #[test]
    fn empty_gold_has_full_recall_and_spurious_text_zero_precision() {
        let both_empty = score_page("", "");
        assert_eq!(both_empty.precision(), None);
        assert!(close(both_empty.recall(), 1.0));
        let spurious = score_page("", "Subscribe to our newsletter");
        assert_eq!(spurious.precision(), Some(0.0));
        assert!(close(spurious.recall(), 1.0));
    }

    #[test]
    fn no_pages_or_no_predictions_give_zeros_not_nan() {
        assert_eq!(summarize(&[]), Summary::default());
        let summary = summarize(&[score_page("a b c d e", "")]);
        assert_eq!(summary, Summary { pages: 1, ..Summary::default() });
        assert!(!summary.f1.is_nan());
    }
}
