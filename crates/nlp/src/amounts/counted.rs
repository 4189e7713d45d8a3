//! The thing an amount counts: the noun phrase after the number ("200,000 new troops",
//! "three fighter planes"), found with lexical rules alone: closed word lists end it, a
//! plural ends it, and it must end in something that can be a noun.

use super::lexicon::{
    ends_counted, ends_like_plural, ing_noun, is_fraction, ly_noun, modifier_only, plural_modifier,
};
use super::numerals::{small_number, word_scale};
use super::{Word, at};

/// Longest counted noun phrase, in words.
const MAX_COUNTED: usize = 4;

/// The noun phrase an amount counts.
pub(super) struct Counted {
    pub phrase: String,
    /// Ends in a plural ("29 points"), not a singular ("Radio 4 program").
    pub plural: bool,
}

/// The counted noun phrase from word `k`, and the word after it.
pub(super) fn counted_phrase(words: &[Word<'_>], first: usize, k: usize) -> Option<(Counted, usize)> {
    let mut n = 0;
    while n < MAX_COUNTED {
        let Some(w) = at(words, first, k + n) else { break };
        if !is_wordlike(w.text) || (!is_acronym(w.text) && ends_counted(&w.lower)) {
            break;
        }
        if small_number(&w.lower).is_some() || word_scale(&w.lower).is_some() {
            break;
        }
        if n == 0 && is_fraction(&w.lower) {
            return None;
        }
        // A participle after a noun is a verb ("one questioner asked", "an earthquake
        // causing"); after the number ("6,000 displaced people"), an adverb, in a compound
        // ("Russian-backed") or in a name ("Armed Forces") it is an adjective.
        let name = w.text.starts_with(char::is_uppercase);
        if n > 0
            && is_verb_form(&w.lower)
            && !name
            && !w.text.contains('-')
            && !is_adverb(&words[k + n - 1].lower)
        {
            break;
        }
        n += 1;
        if ends_phrase(w) {
            break;
        }
    }
    while n > 0 && !is_head(&words[k + n - 1]) {
        n -= 1;
    }
    if n == 0 {
        return None;
    }
    let phrase: Vec<&str> = words[k..k + n].iter().map(|w| w.text).collect();
    Some((Counted { phrase: phrase.join(" "), plural: ends_phrase(&words[k + n - 1]) }, k + n))
}

/// Letters, with digits, hyphens and abbreviation periods inside ("U.S.", "F-16", "ex-Soviet").
fn is_wordlike(s: &str) -> bool {
    s.starts_with(char::is_alphabetic)
        && !s.ends_with('-')
        && s.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '.')
        && (!s.contains('.') || s.ends_with('.'))
}

/// "US", "NATO", "U.S.": capitals, never a pronoun however they lower-case.
fn is_acronym(s: &str) -> bool {
    s.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !s.chars().any(char::is_lowercase)
}

/// A plural ends the phrase: "three fighter planes", "200 people".
fn ends_phrase(w: &Word<'_>) -> bool {
    let lower = w.lower.as_ref();
    ends_like_plural(lower) || (is_plural(lower) && !plural_modifier(lower))
}

fn is_plural(lower: &str) -> bool {
    lower.len() > 3
        && lower.ends_with('s')
        && !lower.ends_with("ss")
        && !lower.ends_with("us")
        && !lower.ends_with("is")
        && lower.chars().all(char::is_alphabetic)
}

/// Whether a phrase may end with this word: a noun, as far as simple rules can tell. Not a
/// modifier ("more"), a participle ("killed"), an adverb ("reportedly") or a capitalised
/// singular ("10 Downing Street", "3 January"); "Russians" and "IEDs" are heads.
fn is_head(w: &Word<'_>) -> bool {
    let lower = w.lower.as_ref();
    if modifier_only(lower) || lower.chars().any(|c| c.is_ascii_digit()) || lower.ends_with('.') {
        return false;
    }
    if w.text.starts_with(char::is_uppercase) {
        return is_plural(lower) || (lower.ends_with('s') && is_acronym(&w.text[..w.text.len() - 1]));
    }
    !is_verb_form(lower) && !is_adverb(lower)
}

/// Participles: "killed", "displaced", "arriving" (not "seed", "bed", "building", "thing").
fn is_verb_form(lower: &str) -> bool {
    (lower.len() > 4 && lower.ends_with("ed") && !lower.ends_with("eed"))
        || (lower.len() > 5 && lower.ends_with("ing") && !ing_noun(lower))
}

/// "reportedly" (not "family").
fn is_adverb(lower: &str) -> bool {
    lower.len() > 4 && lower.ends_with("ly") && !ly_noun(lower)
}
