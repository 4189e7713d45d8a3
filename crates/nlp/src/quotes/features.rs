//! Token features for the attribution labeller, as 64-bit hashes of a template id and its
//! values: the words around, their shape, how often each word is part of a cue in the
//! training data, where the token stands relative to the nearest likely cue of its
//! sentence, and whether it lies between quotation marks.

use rustc_hash::FxHashMap;

use super::Paragraph;
use super::model::TokenSyntax;
use crate::hash::shape_runs_hash;
pub use crate::hash::{hash_str, mix};
use crate::ner::Lexicon;

/// Words with how often they are part of a cue: `P(in a cue | word)`, lowercased.
pub type CueLexicon = FxHashMap<String, f32>;

/// A word counts as a likely cue from this probability on.
const CUE_THRESHOLD: f32 = 0.25;

fn cue_bucket(p: f32) -> u64 {
    match p {
        p if p <= 0.0 => 0,
        p if p < 0.05 => 1,
        p if p < 0.15 => 2,
        p if p < 0.3 => 3,
        p if p < 0.6 => 4,
        _ => 5,
    }
}

fn distance_bucket(d: usize) -> u64 {
    match d {
        0..=3 => d as u64,
        4..=6 => 4,
        7..=10 => 5,
        11..=20 => 6,
        _ => 7,
    }
}

/// Opening (1), closing (2) or undecided straight (3) quotation mark; 0 for other tokens.
fn quote_mark(word: &str) -> u8 {
    match word {
        "\u{201c}" | "\u{ab}" | "``" | "\u{201e}" => 1,
        "\u{201d}" | "\u{bb}" | "''" => 2,
        "\"" => 3,
        _ => 0,
    }
}

const PRONOUNS: [&str; 8] = ["he", "she", "they", "it", "i", "we", "you", "who"];

/// The features of every token of a paragraph.
pub fn paragraph_features(
    lexicon: &CueLexicon,
    vocabulary: &Lexicon,
    syntax: &TokenSyntax,
    text: &str,
    paragraph: &Paragraph,
) -> Vec<Vec<u64>> {
    // A token's part-of-speech or chunk label; 99 off the ends, 98 without a syntax tagger.
    let label = |labels: &[u8], i: isize| -> u64 {
        if labels.is_empty() {
            98
        } else if i < 0 {
            99
        } else {
            labels.get(i as usize).map_or(99, |&c| u64::from(c))
        }
    };
    let phrase = |i: isize| label(&syntax.tagged.chunks, i);
    let pos = |i: isize| label(&syntax.tagged.pos, i);
    let n = paragraph.tokens.len();
    let words: Vec<&str> = paragraph.tokens.iter().map(|t| t.text(text)).collect();
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let clusters: Vec<[u16; 4]> = words
        .iter()
        .zip(&lower)
        .map(|(w, l)| vocabulary.clusters(w, l, w.chars().next().is_some_and(char::is_uppercase)))
        .collect();
    // A word's cluster at granularity `k` (0: 64, 1: 256, 2: 1024, 3: 4096); 9 off the ends.
    let cluster = |i: isize, k: usize| -> u64 {
        if i < 0 { 9 } else { clusters.get(i as usize).map_or(9, |c| 10 + u64::from(c[k])) }
    };
    let hashes: Vec<u64> = lower.iter().map(|w| hash_str(w)).collect();
    let cue_p: Vec<f32> = lower.iter().map(|w| lexicon.get(w.as_str()).copied().unwrap_or(0.0)).collect();
    let marks: Vec<u8> = words.iter().map(|w| quote_mark(w)).collect();
    // Quotation state before each token.
    let mut inside = vec![false; n];
    let mut open = false;
    for i in 0..n {
        match marks[i] {
            1 => open = true,
            2 => open = false,
            3 => open = !open,
            _ => {}
        }
        inside[i] = open;
    }
    let starts_with_quote = marks.first().is_some_and(|m| *m == 1 || *m == 3);
    // Sentence bounds and their likely cues.
    let sentence = &paragraph.sentence;
    let sentences = sentence.last().map_or(0, |s| usize::from(*s) + 1);
    let mut bounds = vec![(usize::MAX, 0usize); sentences];
    let mut cues: Vec<Vec<usize>> = vec![Vec::new(); sentences];
    let mut has_quote = vec![false; sentences];
    for i in 0..n {
        let s = usize::from(sentence[i]);
        bounds[s].0 = bounds[s].0.min(i);
        bounds[s].1 = i + 1;
        if cue_p[i] >= CUE_THRESHOLD && !inside[i] {
            cues[s].push(i);
        }
        if marks[i] != 0 {
            has_quote[s] = true;
        }
    }
    let word = |i: isize| -> u64 { if i < 0 { 1 } else { hashes.get(i as usize).copied().unwrap_or(2) } };
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let s = usize::from(sentence[i]);
        let ii = i as isize;
        let mut f = Vec::with_capacity(40);
        let mut add = |template: u64, value: u64| f.push(mix(template, value));
        add(0, 0);
        add(1, word(ii));
        add(2, word(ii - 1));
        add(3, word(ii + 1));
        add(4, word(ii - 2));
        add(5, word(ii + 2));
        add(6, mix(word(ii - 1), word(ii)));
        add(7, mix(word(ii), word(ii + 1)));
        add(8, shape_runs_hash(words[i]));
        let suffix: String = lower[i].chars().rev().take(3).collect();
        add(9, hash_str(&suffix));
        let bucket =
            |j: isize| -> u64 { if j < 0 || j as usize >= n { 9 } else { cue_bucket(cue_p[j as usize]) } };
        add(10, bucket(ii));
        add(11, bucket(ii - 1));
        add(12, bucket(ii + 1));
        add(13, mix(bucket(ii), bucket(ii + 1)));
        let q = u64::from(inside[i]) * 4 + u64::from(marks[i]);
        add(14, q);
        add(15, mix(q, u64::from(starts_with_quote)));
        // The nearest likely cue of the sentence.
        let nearest = cues[s].iter().min_by_key(|&&c| c.abs_diff(i)).copied();
        let (direction, distance, after_cue) = match nearest {
            Some(c) => {
                let direction = match i.cmp(&c) {
                    std::cmp::Ordering::Less => 1,
                    std::cmp::Ordering::Equal => 2,
                    std::cmp::Ordering::Greater => 3,
                };
                // What follows the cue (skipping a second cue word: "has said that").
                let mut k = c + 1;
                while k < n && cue_p[k] >= CUE_THRESHOLD {
                    k += 1;
                }
                let next = match lower.get(k).map(String::as_str) {
                    Some("that") => 1,
                    Some(":") => 2,
                    Some(",") => 3,
                    Some(".") => 4,
                    Some(w) if quote_mark(w) != 0 => 5,
                    Some(_) => 6,
                    None => 7,
                };
                (direction, distance_bucket(c.abs_diff(i)), next)
            }
            None => {
                // No cue here: one in the sentence before or after?
                let before = s > 0 && !cues[s - 1].is_empty();
                let after = s + 1 < sentences && !cues[s + 1].is_empty();
                (4 + u64::from(before) + 2 * u64::from(after), 0, 0)
            }
        };
        add(16, direction);
        add(17, mix(direction, distance));
        add(18, mix(direction, q));
        add(19, mix(direction, after_cue));
        add(20, mix(mix(direction, distance), u64::from(inside[i])));
        add(21, mix(direction, shape_runs_hash(words[i])));
        add(22, mix(direction, word(ii)));
        // Position in the sentence and the paragraph.
        let (first, last) = bounds[s];
        let position = if i == first {
            0
        } else if i + 1 == last {
            1
        } else {
            2 + ((i - first) * 4 / (last - first).max(1)) as u64
        };
        add(23, position);
        add(24, mix(s.min(3) as u64, u64::from(starts_with_quote)));
        add(25, mix(u64::from(has_quote[s]), u64::from(!cues[s].is_empty())));
        let capitalised = words[i].chars().next().is_some_and(char::is_uppercase);
        add(26, mix(u64::from(capitalised && i != first), direction));
        let pronoun = PRONOUNS.contains(&lower[i].as_str());
        add(27, mix(u64::from(pronoun), mix(direction, distance)));
        // Quotation marks next to the token.
        let mark = |j: isize| if j < 0 || j as usize >= n { 9 } else { u64::from(marks[j as usize]) };
        add(28, mix(mark(ii - 1), mark(ii + 1)));
        add(29, mix(u64::from(inside[i]), word(ii)));
        // Word classes, for words the training text never showed in that place.
        add(30, cluster(ii, 1));
        add(31, cluster(ii, 2));
        add(32, mix(cluster(ii - 1, 0), cluster(ii, 0)));
        add(33, mix(cluster(ii, 0), cluster(ii + 1, 0)));
        add(34, mix(direction, cluster(ii, 1)));
        add(35, cluster(ii, 3));
        add(36, mix(cluster(ii - 1, 1), u64::from(inside[i])));
        add(37, mix(cluster(ii + 1, 1), u64::from(inside[i])));
        // Phrase structure: noun and verb phrases, prepositions, clause openers.
        add(38, phrase(ii));
        add(39, mix(phrase(ii - 1), phrase(ii)));
        add(40, mix(phrase(ii), phrase(ii + 1)));
        add(41, mix(direction, phrase(ii)));
        add(42, mix(mix(direction, distance), phrase(ii)));
        add(43, mix(phrase(ii), cue_bucket(cue_p[i])));
        add(44, mix(mix(phrase(ii - 1), phrase(ii)), phrase(ii + 1)));
        // Parts of speech: verbs of saying, clause openers, the heads of noun phrases.
        add(45, pos(ii));
        add(46, mix(pos(ii - 1), pos(ii)));
        add(47, mix(pos(ii), pos(ii + 1)));
        add(48, mix(direction, pos(ii)));
        add(49, mix(mix(direction, distance), pos(ii)));
        add(50, mix(pos(ii), word(ii)));
        add(51, mix(mix(pos(ii - 1), pos(ii)), pos(ii + 1)));
        add(52, mix(pos(ii - 2), pos(ii - 1)));
        add(53, mix(pos(ii + 1), pos(ii + 2)));
        out.push(f);
    }
    out
}

/// Marks the features of the second pass (the same templates get their own weights there).
pub const SECOND: u64 = 0x5ec0_9d00_0000_0002;

/// The second pass's features: the first pass's ones under their own name, plus what the
/// first pass's labels say about the token's surroundings (where the predicted cues are).
pub fn second_pass_features(base: &[Vec<u64>], paragraph: &Paragraph, first: &[u8]) -> Vec<Vec<u64>> {
    use super::labels;
    let n = first.len().min(base.len());
    let sentence = &paragraph.sentence;
    let role = |i: isize| -> u64 { if i < 0 || i as usize >= n { 9 } else { u64::from(first[i as usize]) } };
    let cue_tokens: Vec<usize> =
        (0..n).filter(|&i| labels::role(first[i]) == Some(super::Role::Cue)).collect();
    let mut out = Vec::with_capacity(n);
    for (i, token) in base.iter().enumerate().take(n) {
        let ii = i as isize;
        let mut f: Vec<u64> = token.iter().map(|h| mix(SECOND, *h)).collect();
        let mut add = |template: u64, value: u64| f.push(mix(SECOND, mix(100 + template, value)));
        add(0, role(ii));
        add(1, mix(role(ii - 1), role(ii)));
        add(2, mix(role(ii), role(ii + 1)));
        add(3, mix(role(ii - 2), role(ii + 2)));
        let s = sentence.get(i).copied().unwrap_or(0);
        let nearest = cue_tokens.iter().min_by_key(|&&c| {
            let t = sentence.get(c).copied().unwrap_or(0);
            (t.abs_diff(s), c.abs_diff(i))
        });
        let (direction, apart, distance) = match nearest {
            Some(&c) => {
                let t = sentence.get(c).copied().unwrap_or(0);
                (
                    u64::from(c > i) + 2 * u64::from(c < i),
                    u64::from(t.abs_diff(s)).min(3),
                    distance_bucket(c.abs_diff(i)),
                )
            }
            None => (9, 9, 9),
        };
        add(4, mix(direction, apart));
        add(5, mix(mix(direction, apart), distance));
        add(6, mix(mix(direction, apart), role(ii)));
        out.push(f);
    }
    out
}
