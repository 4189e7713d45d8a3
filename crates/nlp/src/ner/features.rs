//! Feature extraction: for each token, the hashed features the model scores.
//!
//! Features look at a window of two words either side (forms, shapes, affixes, word clusters,
//! gazetteer marks) and at the rest of the document: a word written capitalised in the
//! middle of some sentence is probably a name where it opens a sentence or stands in an
//! all-caps headline too.

use rustc_hash::FxHashMap;

use super::labels::COUNT as LABELS;
use super::lexicon::{Clusters, Lexicon};
use crate::hash::{hash_str, mix};

/// What is computed once per token and shared by the windows that include it.
#[derive(Debug, Clone)]
struct TokenInfo {
    lower: u64,
    form: u64,
    shape: u64,
    casing: Casing,
    prefixes: [u64; 4],
    suffixes: [u64; 4],
    clusters: Clusters,
    gazetteer: u16,
    /// For a word in an all-caps sentence: how the vocabulary writes it, if it does.
    known_case: u8,
    /// Document evidence about this word's casing (see [`DocCasing`]).
    doc_casing: u8,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Casing {
    Lower,
    Title,
    Upper,
    Mixed,
    NoLetters,
}

/// Features of every token of a document, sentence by sentence: `out[s][t]` lists the
/// hashes for token `t` of sentence `s`.
pub fn document_features<S: AsRef<str>>(lexicon: &Lexicon, sentences: &[Vec<S>]) -> Vec<Vec<Vec<u64>>> {
    let doc = DocCasing::of(sentences);
    sentences
        .iter()
        .map(|sentence| {
            let infos = token_infos(lexicon, &doc, sentence);
            let all_caps = is_all_caps(&infos);
            let numeric = is_numeric(sentence);
            (0..infos.len())
                .map(|i| {
                    let mut out = Vec::with_capacity(48);
                    token_features(&infos, i, all_caps, &mut out);
                    if numeric {
                        // Results tables and market reports: "Worcestershire 238 and 133-5"
                        // names teams and companies, not the places they share names with.
                        let t = &infos[i];
                        out.push(mix(NUMERIC_SENTENCE, t.casing as u64));
                        push_bits(
                            &mut out,
                            mix(NUMERIC_SENTENCE, 1),
                            u32::from(t.gazetteer),
                            t.casing as u64,
                        );
                        out.push(mix(mix(NUMERIC_SENTENCE, 2), u64::from(t.clusters[1])));
                    }
                    out
                })
                .collect()
        })
        .collect()
}

// A bit per label in `u32` bit sets.
const _: () = assert!(LABELS <= 32);

/// How many times the first pass gave each label to each word (lower-cased) of a document.
struct LabelsByWord {
    counts: FxHashMap<String, [u16; LABELS]>,
}

impl LabelsByWord {
    fn of<S: AsRef<str>>(sentences: &[Vec<S>], labels: &[Vec<u8>]) -> LabelsByWord {
        let mut counts: FxHashMap<String, [u16; LABELS]> = FxHashMap::default();
        for (sentence, labels) in sentences.iter().zip(labels) {
            for (word, label) in sentence.iter().zip(labels) {
                let word = word.as_ref();
                // Only words that can be names: punctuation and numbers carry no evidence.
                if !word.chars().any(char::is_alphabetic) {
                    continue;
                }
                let entry = counts.entry(word.to_lowercase()).or_default();
                entry[usize::from(*label) % LABELS] = entry[usize::from(*label) % LABELS].saturating_add(1);
            }
        }
        LabelsByWord { counts }
    }

    /// Bit set of the labels given to the word's other occurrences.
    fn elsewhere(&self, lower: &str, own: u8) -> u32 {
        let Some(counts) = self.counts.get(lower) else { return 0 };
        let mut bits = 0u32;
        for (label, &n) in counts.iter().enumerate() {
            let others = if label == usize::from(own) { n.saturating_sub(1) } else { n };
            if others > 0 {
                bits |= 1 << label;
            }
        }
        bits
    }
}

/// How a document writes each word (lower-cased key): capitalised mid-sentence, in lower
/// case, or both.
struct DocCasing {
    /// Hash of the lower-cased word -> flags.
    seen: FxHashMap<u64, u8>,
}

const SEEN_CAPITALISED: u8 = 1;
const SEEN_LOWER: u8 = 2;

impl DocCasing {
    fn of<S: AsRef<str>>(sentences: &[Vec<S>]) -> DocCasing {
        let mut seen: FxHashMap<u64, u8> = FxHashMap::default();
        for sentence in sentences {
            let words: Vec<&str> = sentence.iter().map(AsRef::as_ref).collect();
            if sentence_is_all_caps(&words) {
                continue;
            }
            for (i, word) in words.iter().enumerate() {
                let flag = match casing(word) {
                    // The first word and the word after a quote or colon are capitalised
                    // by grammar, not because they are names.
                    Casing::Title if i > 0 && !matches!(words[i - 1], "\"" | "``" | ":" | "'" | "(") => {
                        SEEN_CAPITALISED
                    }
                    Casing::Lower => SEEN_LOWER,
                    _ => continue,
                };
                *seen.entry(hash_str(&word.to_lowercase())).or_default() |= flag;
            }
        }
        DocCasing { seen }
    }

    fn get(&self, lower: &str) -> u8 {
        self.seen.get(&hash_str(lower)).copied().unwrap_or(0)
    }
}

fn token_infos<S: AsRef<str>>(lexicon: &Lexicon, doc: &DocCasing, sentence: &[S]) -> Vec<TokenInfo> {
    let raw_lowers: Vec<String> = sentence.iter().map(|w| w.as_ref().to_lowercase()).collect();
    let lowers: Vec<std::borrow::Cow<'_, str>> = raw_lowers.iter().map(|l| normalise_digits(l)).collect();
    let lower_refs: Vec<&str> = lowers.iter().map(|l| l.as_ref()).collect();
    let marks = lexicon.gazetteer_marks(&lower_refs);
    let all_caps = sentence_is_all_caps(&sentence.iter().map(AsRef::as_ref).collect::<Vec<_>>());
    sentence
        .iter()
        .zip(raw_lowers.iter().zip(&lower_refs))
        .zip(marks)
        .map(|((word, (raw_lower, lower)), gazetteer)| {
            let word = word.as_ref();
            let casing = casing(word);
            let known_case = if all_caps && casing == Casing::Upper {
                let mut chars = lower.chars();
                let title: String =
                    chars.next().into_iter().flat_map(char::to_uppercase).chain(chars).collect();
                u8::from(lexicon.knows(&title)) | u8::from(lexicon.knows(lower)) << 1
            } else {
                0
            };
            TokenInfo {
                lower: hash_str(lower),
                form: hash_str(word),
                shape: shape_hash(word),
                casing,
                prefixes: affixes(lower, false),
                suffixes: affixes(lower, true),
                clusters: lexicon.clusters(word, raw_lower, casing == Casing::Title),
                gazetteer,
                known_case,
                doc_casing: doc.get(raw_lower),
            }
        })
        .collect()
}

/// Whether at least a third of the sentence's words hold digits (scores, prices, tables).
fn is_numeric<S: AsRef<str>>(sentence: &[S]) -> bool {
    let digits = sentence.iter().filter(|w| w.as_ref().bytes().any(|b| b.is_ascii_digit())).count();
    sentence.len() >= 3 && digits * 3 >= sentence.len()
}

fn is_all_caps(infos: &[TokenInfo]) -> bool {
    let letters = infos.iter().filter(|t| t.casing != Casing::NoLetters).count();
    let upper = infos.iter().filter(|t| t.casing == Casing::Upper).count();
    letters >= 2 && upper * 10 >= letters * 8
}

fn sentence_is_all_caps(words: &[&str]) -> bool {
    let letters = words.iter().filter(|w| casing(w) != Casing::NoLetters).count();
    let upper = words.iter().filter(|w| casing(w) == Casing::Upper).count();
    letters >= 2 && upper * 10 >= letters * 8
}

// Template ids: each feature hash starts from one, so equal values in different templates
// are different features.
const BIAS: u64 = 1;
const LOWER: u64 = 2;
const FORM: u64 = 3;
const SHAPE: u64 = 4;
const PREFIX: u64 = 5;
const SUFFIX: u64 = 6;
const LOWER_AT: u64 = 7;
const SHAPE_AT: u64 = 8;
const SHAPE_TRIGRAM: u64 = 9;
const BIGRAM_LEFT: u64 = 10;
const BIGRAM_RIGHT: u64 = 11;
const CLUSTER: u64 = 12;
const CLUSTER_AT: u64 = 13;
const GAZETTEER: u64 = 14;
const GAZETTEER_AT: u64 = 15;
const CASING: u64 = 16;
const FIRST_WORD: u64 = 17;
const ALL_CAPS: u64 = 18;
const DOC_CASING: u64 = 19;
const CLUSTER_CASING: u64 = 20;
const LOWER_NEXT_SHAPE: u64 = 21;
const ELSEWHERE: u64 = 22;
const ELSEWHERE_AT: u64 = 23;
const CASING_AFTER: u64 = 24;
const NUMERIC_SENTENCE: u64 = 25;

fn token_features(infos: &[TokenInfo], i: usize, all_caps: bool, out: &mut Vec<u64>) {
    let t = &infos[i];
    let at =
        |offset: isize| -> Option<&TokenInfo> { i.checked_add_signed(offset).and_then(|j| infos.get(j)) };
    let casing = t.casing as u64;
    out.push(BIAS);
    out.push(mix(LOWER, t.lower));
    out.push(mix(FORM, t.form));
    out.push(mix(SHAPE, t.shape));
    for (n, (p, s)) in t.prefixes.iter().zip(&t.suffixes).enumerate() {
        if *p != 0 {
            out.push(mix(mix(PREFIX, n as u64), *p));
        }
        if *s != 0 {
            out.push(mix(mix(SUFFIX, n as u64), *s));
        }
    }
    for offset in [-2isize, -1, 1, 2] {
        let key = mix(LOWER_AT, offset as u64);
        out.push(mix(key, at(offset).map_or(0, |n| n.lower)));
    }
    for offset in [-1isize, 1] {
        out.push(mix(mix(SHAPE_AT, offset as u64), at(offset).map_or(0, |n| n.shape)));
    }
    let prev = at(-1);
    let next = at(1);
    out.push(mix(mix(mix(SHAPE_TRIGRAM, prev.map_or(0, |n| n.shape)), t.shape), next.map_or(0, |n| n.shape)));
    out.push(mix(mix(BIGRAM_LEFT, prev.map_or(0, |n| n.lower)), t.lower));
    out.push(mix(mix(BIGRAM_RIGHT, t.lower), next.map_or(0, |n| n.lower)));
    out.push(mix(mix(LOWER_NEXT_SHAPE, t.lower), next.map_or(0, |n| n.shape)));
    for (level, cluster) in t.clusters.iter().enumerate() {
        out.push(mix(mix(CLUSTER, level as u64), u64::from(*cluster)));
        out.push(mix(mix(mix(CLUSTER_CASING, level as u64), u64::from(*cluster)), casing));
    }
    for offset in [-2isize, -1, 1, 2] {
        for level in 1..t.clusters.len() {
            let cluster = at(offset).map_or(u64::MAX, |n| u64::from(n.clusters[level]));
            out.push(mix(mix(mix(CLUSTER_AT, offset as u64), level as u64), cluster));
        }
    }
    push_bits(out, GAZETTEER, u32::from(t.gazetteer), casing);
    for offset in [-1isize, 1] {
        if let Some(n) = at(offset) {
            push_bits(out, mix(GAZETTEER_AT, offset as u64), u32::from(n.gazetteer), 0);
        }
    }
    out.push(mix(CASING, casing));
    // "the Economist", "in Minsk": a capitalised word after a given word, mid-sentence.
    out.push(mix(mix(CASING_AFTER, casing), prev.map_or(0, |n| n.lower)));
    if i == 0 {
        out.push(mix(FIRST_WORD, casing));
    }
    if all_caps {
        out.push(mix(ALL_CAPS, u64::from(t.known_case)));
        out.push(mix(mix(ALL_CAPS, u64::from(t.known_case)), t.lower));
    }
    out.push(mix(mix(DOC_CASING, u64::from(t.doc_casing)), casing + 8 * u64::from(i == 0 || all_caps)));
}

/// The second pass's extra features, beside those of [`document_features`]: how a first
/// pass labelled the other occurrences of each word in the document ("Leicestershire" as a
/// team in one sentence is a team in the next), for the word and its neighbours.
pub fn second_pass_features<S: AsRef<str>>(
    sentences: &[Vec<S>],
    first_pass: &[Vec<u8>],
) -> Vec<Vec<Vec<u64>>> {
    let by_word = LabelsByWord::of(sentences, first_pass);
    sentences
        .iter()
        .zip(first_pass)
        .map(|(sentence, labels)| {
            let elsewhere: Vec<u32> = sentence
                .iter()
                .zip(labels)
                .map(|(word, label)| by_word.elsewhere(&word.as_ref().to_lowercase(), *label))
                .collect();
            sentence
                .iter()
                .enumerate()
                .map(|(i, word)| {
                    let mut out = Vec::new();
                    let casing = casing(word.as_ref()) as u64;
                    push_bits(&mut out, ELSEWHERE, elsewhere[i], casing);
                    push_bits(&mut out, ELSEWHERE, elsewhere[i], u64::MAX);
                    for offset in [-1isize, 1] {
                        if let Some(n) = i.checked_add_signed(offset).and_then(|j| elsewhere.get(j)) {
                            push_bits(&mut out, mix(ELSEWHERE_AT, offset as u64), *n, 0);
                        }
                    }
                    out
                })
                .collect()
        })
        .collect()
}

fn push_bits(out: &mut Vec<u64>, template: u64, bits: u32, context: u64) {
    let mut bits = bits;
    while bits != 0 {
        let bit = u64::from(bits.trailing_zeros());
        bits &= bits - 1;
        out.push(mix(mix(template, bit), context));
    }
}

fn casing(word: &str) -> Casing {
    let mut upper = 0;
    let mut lower = 0;
    let mut first_upper = false;
    for (i, c) in word.chars().enumerate() {
        if c.is_uppercase() {
            upper += 1;
            first_upper |= i == 0;
        } else if c.is_lowercase() {
            lower += 1;
        }
    }
    match (upper, lower) {
        (0, 0) => Casing::NoLetters,
        (0, _) => Casing::Lower,
        (_, 0) => Casing::Upper,
        (1, _) if first_upper => Casing::Title,
        _ => Casing::Mixed,
    }
}

#[cfg(test)]
/// The word's shape with runs collapsed: "Putin" -> "Xx", "U.S." -> "X.X.", "1996-08-30" ->
/// "d-d-d", "McDonald" -> "XxXx".
fn shape(word: &str) -> String {
    let mut out = String::with_capacity(8);
    let mut last = '\0';
    for c in word.chars() {
        let class = shape_class(c);
        if class != last || !matches!(class, 'X' | 'x' | 'd') {
            out.push(class);
        }
        last = class;
        if out.len() > 12 {
            break;
        }
    }
    out
}

/// `hash_str(&shape(word))` without building the string.
fn shape_hash(word: &str) -> u64 {
    let mut buf = [0u8; 64];
    let mut len = 0;
    let mut last = '\0';
    for c in word.chars() {
        let class = shape_class(c);
        if class != last || !matches!(class, 'X' | 'x' | 'd') {
            len += class.encode_utf8(&mut buf[len..]).len();
        }
        last = class;
        if len > 12 {
            break;
        }
    }
    hash_str(std::str::from_utf8(&buf[..len]).unwrap_or(""))
}

fn shape_class(c: char) -> char {
    if c.is_uppercase() {
        'X'
    } else if c.is_lowercase() {
        'x'
    } else if c.is_ascii_digit() {
        'd'
    } else {
        c
    }
}

fn normalise_digits(lower: &str) -> std::borrow::Cow<'_, str> {
    if lower.bytes().any(|b| b.is_ascii_digit()) {
        lower.chars().map(|c| if c.is_ascii_digit() { '0' } else { c }).collect::<String>().into()
    } else {
        lower.into()
    }
}

/// Hashes of the 1- to 4-character prefixes (or suffixes); 0 where the word is too short.
fn affixes(lower: &str, suffix: bool) -> [u64; 4] {
    let mut out = [0u64; 4];
    let count = lower.chars().take(5).count();
    for n in 1..=4.min(count.saturating_sub(1)) {
        let part = if suffix {
            lower.char_indices().nth_back(n - 1).map_or("", |(i, _)| &lower[i..])
        } else {
            lower.char_indices().nth(n).map_or("", |(i, _)| &lower[..i])
        };
        out[n - 1] = hash_str(part);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn affixes_are_whole_characters() {
        assert_eq!(affixes("kyiv", false), [hash_str("k"), hash_str("ky"), hash_str("kyi"), 0]);
        assert_eq!(affixes("kyiv", true)[1], hash_str("iv"));
        assert_eq!(affixes("київська", true)[3], hash_str("ська"));
        assert_eq!(affixes("a", false), [0; 4]);
    }

    #[test]
    fn shape_hash_is_the_hash_of_the_shape() {
        for word in ["Putin", "U.S.", "1996-08-30", "McDonald", "Київ", "—", ""] {
            assert_eq!(shape_hash(word), hash_str(&shape(word)), "{word}");
        }
    }

    #[test]
    fn shapes_collapse_runs() {
        assert_eq!(shape("Putin"), "Xx");
        assert_eq!(shape("U.S."), "X.X.");
        assert_eq!(shape("1996-08-30"), "d-d-d");
        assert_eq!(shape("McDonald"), "XxXx");
    }

    #[test]
    fn every_token_gets_features_and_positions_differ() {
        let lexicon = Lexicon::default();
        let doc = vec![vec!["Putin", "visited", "Minsk", "."], vec!["PUTIN", "IN", "MINSK"]];
        let features = document_features(&lexicon, &doc);
        assert_eq!(features.len(), 2);
        assert_eq!(features[0].len(), 4);
        assert!(features[0].iter().all(|f| f.len() > 20));
        assert_ne!(features[0][0], features[0][2]);
    }
}
