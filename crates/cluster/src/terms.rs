//! What articles are compared by, all hashed: [`terms`] (lower-cased runs of letters and
//! digits, without stop words, plurals folded: "troops" and "troop" are one term),
//! [`names`] (the capitalised words) and [`shingles`] (runs of consecutive words, for copies).

use std::hash::{Hash, Hasher};

use rustc_hash::FxHasher;

/// Words too common to tell stories apart.
const STOP_WORDS: &[&str] = &[
    "a", "about", "after", "against", "all", "also", "an", "and", "any", "are", "as", "at", "be", "because",
    "been", "before", "being", "between", "both", "but", "by", "can", "could", "did", "do", "does", "during",
    "each", "for", "from", "had", "has", "have", "he", "her", "here", "him", "his", "how", "i", "if", "in",
    "into", "is", "it", "its", "just", "last", "more", "most", "mr", "mrs", "ms", "new", "no", "not", "now",
    "of", "on", "one", "only", "or", "other", "our", "out", "over", "said", "says", "she", "should", "so",
    "some", "such", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this",
    "those", "through", "to", "two", "under", "up", "us", "very", "was", "we", "were", "what", "when",
    "where", "which", "while", "who", "will", "with", "would", "year", "years", "you", "your",
];

/// A term's hash.
pub fn term_id(term: &str) -> u64 {
    let mut h = FxHasher::default();
    term.hash(&mut h);
    h.finish()
}

/// The terms of a text, in order, as hashes.
pub fn terms(text: &str) -> Vec<u64> {
    let mut out = Vec::new();
    let mut word = String::new();
    for c in text.chars().chain(std::iter::once(' ')) {
        if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        } else if c == '\'' || c == '\u{2019}' {
            // "Russia's" is "russia": drop the possessive with what follows it.
            if !word.is_empty() {
                push(&mut out, &word);
                word.clear();
            }
        } else if !word.is_empty() {
            push(&mut out, &word);
            word.clear();
        }
    }
    out
}

/// The distinct terms of a text, sorted.
pub fn distinct_terms(text: &str) -> Vec<u64> {
    let mut out = terms(text);
    out.sort_unstable();
    out.dedup();
    out
}

/// The share of the shorter of two sorted lists that the other holds too; 0 when the shorter
/// is empty.
pub fn share_of_shorter(a: &[u64], b: &[u64]) -> f32 {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.is_empty() {
        return 0.0;
    }
    let shared = short.iter().filter(|t| long.binary_search(t).is_ok()).count();
    shared as f32 / short.len() as f32
}

/// The lower-cased runs of letters and digits of a text, every one (stop words too).
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase)
}

/// The distinct capitalised words of a text ("Putin", "Minsk", also a sentence's first word),
/// sorted: a rewrite keeps nearly all the names of what it rewrites.
pub fn names(text: &str) -> Vec<u64> {
    let mut out: Vec<u64> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| {
            let mut chars = w.chars();
            matches!((chars.next(), chars.next()), (Some(a), Some(b)) if a.is_uppercase() && b.is_lowercase())
        })
        .map(term_id)
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The hashes of a text's runs of `width` consecutive words (case and punctuation ignored);
/// a text shorter than that is one run. Empty for a text without words.
pub fn shingles(text: &str, width: usize) -> Vec<u64> {
    let words: Vec<u64> = words(text).map(|w| term_id(&w)).collect();
    let width = width.clamp(1, words.len().max(1));
    words
        .windows(width)
        .map(|run| run.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, w| (h ^ w).wrapping_mul(0x1000_0000_01b3)))
        .collect()
}

fn push(out: &mut Vec<u64>, word: &str) {
    if word.len() < 2 || word.len() > 40 || STOP_WORDS.binary_search(&word).is_ok() {
        return;
    }
    out.push(term_id(fold_plural(word)));
}

/// "troops" -> "troop", "policies" -> "policy"-ish ("polici"), "news" stays.
fn fold_plural(word: &str) -> &str {
    if word.len() > 4 && word.ends_with('s') && !word.ends_with("ss") && !word.ends_with("us") {
        let stem = &word[..word.len() - 1];
        return stem.strip_suffix("ie").unwrap_or(stem);
    }
    word
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_are_sorted_for_the_binary_search() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn terms_fold_case_plurals_and_possessives() {
        let t = terms("Russia's TROOPS: the troop, Russia and 200,000 troops.");
        let russia = term_id("russia");
        let troop = term_id("troop");
        assert_eq!(t, vec![russia, troop, troop, russia, term_id("200"), term_id("000"), troop]);
        assert!(terms("").is_empty());
        assert_eq!(terms("a I the"), Vec::<u64>::new());
        assert_eq!(terms("Кремль заявил"), vec![term_id("кремль"), term_id("заявил")]);
    }

    #[test]
    fn names_are_the_capitalised_words_once_each() {
        let mut expected: Vec<u64> = ["On", "Monday", "Putin", "Minsk"].into_iter().map(term_id).collect();
        expected.sort_unstable();
        assert_eq!(names("On Monday? no: Putin, in Minsk. USA Putin"), expected);
        assert!(names("all lower case, 200 troops").is_empty());
    }

    #[test]
    fn shingles_ignore_case_and_punctuation_and_cover_short_texts() {
        assert_eq!(
            shingles("Putin visits Minsk, on Monday.", 3),
            shingles("putin VISITS minsk on -- monday", 3)
        );
        assert_eq!(shingles("one two three four five six", 5).len(), 2);
        assert_eq!(shingles("just two", 5).len(), 1);
        assert!(shingles(" ,. ", 5).is_empty());
        assert_ne!(shingles("a b c", 3), shingles("c b a", 3));
    }
}
