//! What the tagger knows about words beyond the training sentences: word clusters (k-means
//! over spaCy's `en_core_web_md` vectors, three granularities) and gazetteers (GeoNames
//! places, countries, regions). Both are built by `models/build/*.py` and embedded.

use std::io::{BufReader, Read};

use flate2::read::GzDecoder;
use rustc_hash::FxHashMap;

use crate::hash::{hash_str, mix};

/// Cluster ids of a word at each granularity (k = 64, 256, 1024, 4096); 0 means "not in
/// the vocabulary".
pub type Clusters = [u16; 4];

/// Gazetteer lists, by the name used in the gazetteer file. A phrase may be in several.
/// Two bits each in a `u16` ([`Lexicon::gazetteer_marks`]): at most eight lists.
pub const LISTS: [&str; 8] = [
    "loc.country",
    "loc.city",
    "loc.admin",
    "loc.continent",
    "loc.country.code",
    "misc.nationality",
    "per.first",
    "per.last",
];

#[derive(Debug, Default)]
pub struct Lexicon {
    /// Keyed by [`hash_str`] of the word: no string compares, no allocation per lookup.
    clusters: FxHashMap<u64, Clusters>,
    /// Hashes of every proper prefix (in words) of a phrase, so a match attempt can stop as
    /// soon as no phrase continues that way.
    prefixes: rustc_hash::FxHashSet<u64>,
    /// Hash of a lower-cased phrase's tokens -> bit set of [`LISTS`].
    phrases: FxHashMap<u64, u8>,
    longest_phrase: usize,
}

impl Lexicon {
    /// Reads gzip-compressed `word<TAB>c1<TAB>c2<TAB>c3` and `list<TAB>phrase` lines. Lines
    /// that do not parse are skipped: a damaged resource degrades accuracy, not the program.
    pub fn from_gzip(clusters: &[u8], gazetteers: &[u8]) -> std::io::Result<Lexicon> {
        let mut lexicon = Lexicon::default();
        for line in lines(clusters)? {
            let mut fields = line.split('\t');
            let Some(word) = fields.next() else { continue };
            let mut ids: Clusters = [0; 4];
            for (id, field) in ids.iter_mut().zip(fields) {
                *id = field.trim().parse::<u16>().map_or(0, |v| v.saturating_add(1));
            }
            lexicon.clusters.insert(hash_str(word), ids);
        }
        for line in lines(gazetteers)? {
            let Some((list, phrase)) = line.split_once('\t') else { continue };
            let Some(bit) = LISTS.iter().position(|l| *l == list) else { continue };
            let words: Vec<String> = phrase_tokens(phrase);
            if words.is_empty() || words.len() > 8 {
                continue;
            }
            let mut key = PHRASE_SEED;
            for (n, word) in words.iter().enumerate() {
                if n > 0 {
                    lexicon.prefixes.insert(key);
                }
                key = mix(key, hash_str(word));
            }
            *lexicon.phrases.entry(key).or_default() |= 1 << bit;
            lexicon.longest_phrase = lexicon.longest_phrase.max(words.len());
        }
        Ok(lexicon)
    }

    /// The word's clusters: its own form, else its lower-case form, else its capitalised form
    /// (unless `capitalised` says the word already is).
    pub fn clusters(&self, word: &str, lower: &str, capitalised: bool) -> Clusters {
        if let Some(c) = self.clusters.get(&hash_str(word)).or_else(|| self.clusters.get(&hash_str(lower))) {
            return *c;
        }
        if capitalised {
            return [0; 4];
        }
        let mut chars = lower.chars();
        let title: String = chars.next().into_iter().flat_map(char::to_uppercase).chain(chars).collect();
        self.clusters.get(&hash_str(&title)).copied().unwrap_or([0; 4])
    }

    /// Whether the vocabulary has this exact form (used to tell names from common words in
    /// all-caps headlines: "PUTIN" is known as "Putin", "TAKE" as "take").
    pub fn knows(&self, form: &str) -> bool {
        self.clusters.contains_key(&hash_str(form))
    }

    /// Gazetteer membership of each token: for each list, bit `2*list` when a phrase of that
    /// list starts at the token, bit `2*list+1` when the token continues one.
    pub fn gazetteer_marks(&self, lower_words: &[&str]) -> Vec<u16> {
        let mut marks = vec![0u16; lower_words.len()];
        if self.phrases.is_empty() {
            return marks;
        }
        let hashes: Vec<u64> = lower_words.iter().map(|w| hash_str(w)).collect();
        for start in 0..lower_words.len() {
            let end_max = (start + self.longest_phrase).min(lower_words.len());
            let mut key = PHRASE_SEED;
            for end in start + 1..=end_max {
                key = mix(key, hashes[end - 1]);
                if let Some(&lists) = self.phrases.get(&key) {
                    for bit in 0..LISTS.len() {
                        if lists & (1 << bit) != 0 {
                            marks[start] |= 1 << (2 * bit);
                            for mark in &mut marks[start + 1..end] {
                                *mark |= 1 << (2 * bit + 1);
                            }
                        }
                    }
                }
                if !self.prefixes.contains(&key) {
                    break;
                }
            }
        }
        marks
    }
}

fn lines(gz: &[u8]) -> std::io::Result<Vec<String>> {
    if gz.is_empty() {
        return Ok(Vec::new());
    }
    let mut text = String::new();
    BufReader::new(GzDecoder::new(gz)).read_to_string(&mut text)?;
    Ok(text.lines().map(str::to_string).collect())
}

/// A gazetteer phrase split as the tagger's tokens are: on spaces, with a trailing
/// possessive or punctuation left attached (phrases are names, not sentences).
fn phrase_tokens(phrase: &str) -> Vec<String> {
    phrase.split_whitespace().map(str::to_lowercase).collect()
}

/// Where a phrase's hash starts; each word is then mixed in.
const PHRASE_SEED: u64 = 0x9e37_79b9_7f4a_7c15;
