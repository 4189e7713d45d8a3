//! Features of the part-of-speech and chunk taggers, as 64-bit hashes of a template id and
//! its values: the word and its neighbours, their endings, shape and word clusters, and the
//! labels already given to the words before.

use crate::hash::{hash_str, mix, shape_runs_hash};
use crate::ner::Lexicon;

/// What the features read of one word, computed once per word.
#[derive(Debug, Clone, Copy)]
pub struct WordInfo {
    lower: u64,
    suffix3: u64,
    suffix2: u64,
    prefix: u64,
    shape: u64,
    /// Word clusters at k = 64, 256, 1024, 4096 (0: not in the vocabulary).
    clusters: [u16; 4],
}

/// Stands for the label or word before the sentence's start (or after its end).
const EDGE: u64 = 0xed6e;

pub fn word_infos(vocabulary: &Lexicon, words: &[&str]) -> Vec<WordInfo> {
    words
        .iter()
        .map(|word| {
            let lower = word.to_lowercase();
            // The last `n` characters (the whole word when shorter).
            let ending = |n: usize| {
                let start = lower.char_indices().rev().nth(n - 1).map_or(0, |(i, _)| i);
                hash_str(&lower[start..])
            };
            let capitalised = word.chars().next().is_some_and(char::is_uppercase);
            WordInfo {
                lower: hash_str(&lower),
                suffix3: ending(3),
                suffix2: ending(2),
                prefix: lower.chars().next().map_or(0, u64::from),
                shape: shape_runs_hash(word),
                clusters: vocabulary.clusters(word, &lower, capitalised),
            }
        })
        .collect()
}

fn at<T: Copy>(list: &[T], i: usize, offset: isize) -> Option<T> {
    i.checked_add_signed(offset).and_then(|j| list.get(j)).copied()
}

fn label(labels: &[u8], i: usize, offset: isize) -> u64 {
    at(labels, i, offset).map_or(EDGE, u64::from)
}

/// Features of word `i` for the part-of-speech tagger; `tags` are those given so far.
pub fn pos_features(words: &[WordInfo], i: usize, tags: &[u8], out: &mut Vec<u64>) {
    let w = words[i];
    let word = |offset: isize, f: fn(&WordInfo) -> u64| at(words, i, offset).map_or(EDGE, |w| f(&w));
    let (p1, p2) = (label(tags, i, -1), label(tags, i, -2));
    let mut add = |template: u64, value: u64| out.push(mix(template, value));
    add(0, 0);
    add(1, w.lower);
    add(2, w.suffix3);
    add(3, w.suffix2);
    add(4, w.prefix);
    add(5, w.shape);
    add(6, p1);
    add(7, mix(p1, p2));
    add(8, mix(p1, w.lower));
    add(9, word(-1, |w| w.lower));
    add(10, word(-1, |w| w.suffix3));
    add(11, word(-2, |w| w.lower));
    add(12, word(1, |w| w.lower));
    add(13, word(1, |w| w.suffix3));
    add(14, word(2, |w| w.lower));
    for (k, c) in w.clusters.iter().enumerate() {
        add(15 + k as u64, u64::from(*c));
    }
    add(19, word(1, |w| u64::from(w.clusters[1])));
    add(20, word(-1, |w| u64::from(w.clusters[1])));
    add(21, mix(u64::from(i == 0), w.shape));
}

/// Features of word `i` for the chunk tagger, which reads the words' part-of-speech tags;
/// `chunks` are the chunk labels given so far.
pub fn chunk_features(words: &[WordInfo], pos: &[u8], i: usize, chunks: &[u8], out: &mut Vec<u64>) {
    let w = words[i];
    let t = |offset: isize| label(pos, i, offset);
    let (c1, c2) = (label(chunks, i, -1), label(chunks, i, -2));
    let mut add = |template: u64, value: u64| out.push(mix(100 + template, value));
    add(0, 0);
    add(1, t(0));
    add(2, t(-1));
    add(3, t(1));
    add(4, t(-2));
    add(5, t(2));
    add(6, mix(t(-1), t(0)));
    add(7, mix(t(0), t(1)));
    add(8, mix(mix(t(-1), t(0)), t(1)));
    add(9, c1);
    add(10, mix(c1, t(0)));
    add(11, mix(c1, c2));
    add(12, w.lower);
    add(13, mix(w.lower, t(0)));
    add(14, at(words, i, -1).map_or(EDGE, |w| w.lower));
    add(15, u64::from(w.clusters[1]));
    add(16, mix(mix(c1, t(-1)), t(0)));
}
