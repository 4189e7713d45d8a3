//! The terms an article is compared by: lower-cased runs of letters and digits, without
//! stop words, plurals folded ("troops" and "troop" are one term), hashed.

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
}
