//! Copies: the same text again (an exact copy once case, spacing and punctuation are set
//! aside), or nearly the same (a syndicated copy with its own boilerplate and small edits).
//! Near copies are found by MinHash over five-word shingles, with locality-sensitive hashing
//! over bands of the signature, so a new article is compared only with the few stored ones
//! that share a band, not with the whole archive. A near copy also keeps the headline, give or
//! take a site's name: articles made from one template (a series of interviews with the same
//! questions) share most of their shingles but not their headlines.

use rustc_hash::FxHashMap;

use crate::terms::{distinct_terms, share_of_shorter, shingles, term_id};

/// Hashes in a MinHash signature.
const SIGNATURE: usize = 64;
/// Signature hashes per LSH band: 16 bands of 4 make a pair with Jaccard similarity 0.7 a
/// candidate 99% of the time, 0.6 89%, 0.3 12%.
const BAND: usize = 4;
/// Words per shingle.
const SHINGLE_WORDS: usize = 5;
/// Articles kept per LSH bucket (the latest): copies arrive close together, and a bucket that
/// fills up holds a template's articles (a series written to one pattern), which would
/// otherwise make every new one of them compare with all the earlier ones.
const BUCKET_KEPT: usize = 32;
/// Least share of the shorter headline's terms that a near copy's headline holds.
const HEADLINE_KEPT: f32 = 0.8;

#[derive(Debug, Clone, Copy)]
pub struct DuplicateOptions {
    /// Least estimated Jaccard similarity of the shingle sets for a near copy. Rewrites of an
    /// article in other words stay well below (under 0.45 on the rewrites set); articles of a
    /// monthly series written to one template come close (0.56 in the demo corpus).
    pub near_jaccard: f32,
}

impl Default for DuplicateOptions {
    fn default() -> Self {
        DuplicateOptions { near_jaccard: 0.7 }
    }
}

type Signature = [u32; SIGNATURE];

/// The articles seen so far, by content hash and by signature band.
#[derive(Debug, Default)]
pub struct DuplicateFinder {
    options: DuplicateOptions,
    /// Content hash -> the first article with that content.
    exact: FxHashMap<u64, u64>,
    /// (band, hash of the band) -> the latest [`BUCKET_KEPT`] articles, in arrival order.
    bands: FxHashMap<(usize, u64), Vec<u64>>,
    signatures: FxHashMap<u64, Signature>,
    /// The distinct terms of each article's headline.
    headlines: FxHashMap<u64, Vec<u64>>,
    /// A copy -> the first article of its group (its canonical article).
    canonical: FxHashMap<u64, u64>,
}

impl DuplicateFinder {
    pub fn new(options: DuplicateOptions) -> DuplicateFinder {
        DuplicateFinder { options, ..Default::default() }
    }

    /// The canonical article that `text` under `headline` copies, if any, among those added
    /// before.
    pub fn find(&self, text: &str, headline: &str) -> Option<u64> {
        let content = content_hash(text)?;
        if let Some(&first) = self.exact.get(&content) {
            return Some(self.canonical_of(first));
        }
        let signature = signature(text)?;
        let headline = distinct_terms(headline);
        let mut best: Option<(f32, u64)> = None;
        for (band, hash) in band_hashes(&signature) {
            for &other in self.bands.get(&(band, hash)).into_iter().flatten() {
                let similarity = agreement(&signature, &self.signatures[&other]);
                if similarity >= self.options.near_jaccard
                    && best.is_none_or(|(s, _)| similarity > s)
                    && headlines_agree(&headline, &self.headlines[&other])
                {
                    best = Some((similarity, other));
                }
            }
        }
        best.map(|(_, other)| self.canonical_of(other))
    }

    /// Remembers article `key` with `text` under `headline`, a copy of `copy_of` (its
    /// canonical article) or none. An article already added is left as it was.
    pub fn add(&mut self, key: u64, text: &str, headline: &str, copy_of: Option<u64>) {
        if self.signatures.contains_key(&key) || self.canonical.contains_key(&key) {
            return;
        }
        if let Some(canonical) = copy_of.filter(|&c| c != key) {
            self.canonical.insert(key, self.canonical_of(canonical));
        }
        let Some(content) = content_hash(text) else { return };
        self.exact.entry(content).or_insert(key);
        let Some(signature) = signature(text) else { return };
        for band in band_hashes(&signature) {
            let bucket = self.bands.entry(band).or_default();
            if bucket.len() == BUCKET_KEPT {
                bucket.remove(0);
            }
            bucket.push(key);
        }
        self.signatures.insert(key, signature);
        self.headlines.insert(key, distinct_terms(headline));
    }

    fn canonical_of(&self, key: u64) -> u64 {
        self.canonical.get(&key).copied().unwrap_or(key)
    }
}

/// Whether two headlines (as distinct terms) can be one article's: either is missing, or the
/// shorter's terms are nearly all in the other.
fn headlines_agree(a: &[u64], b: &[u64]) -> bool {
    a.is_empty() || b.is_empty() || share_of_shorter(a, b) >= HEADLINE_KEPT
}

/// A hash of the words of `text`, lower-cased, whatever the spacing and punctuation between
/// them; `None` for a text without words.
pub fn content_hash(text: &str) -> Option<u64> {
    let mut words = text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).peekable();
    words.peek()?;
    Some(words.fold(0x9e37_79b9_7f4a_7c15_u64, |h, w| mix(h ^ term_id(&w.to_lowercase()))))
}

/// The MinHash signature of the text's shingles; `None` for a text without words.
fn signature(text: &str) -> Option<Signature> {
    let shingles = shingles(text, SHINGLE_WORDS);
    if shingles.is_empty() {
        return None;
    }
    let mut signature = [u32::MAX; SIGNATURE];
    for shingle in shingles {
        for (i, slot) in signature.iter_mut().enumerate() {
            // One hash function per slot: the shingle mixed with the slot's seed.
            let h = (mix(shingle ^ SEEDS[i]) >> 32) as u32;
            *slot = (*slot).min(h);
        }
    }
    Some(signature)
}

fn band_hashes(signature: &Signature) -> impl Iterator<Item = (usize, u64)> + '_ {
    signature
        .chunks(BAND)
        .enumerate()
        .map(|(band, rows)| (band, rows.iter().fold(band as u64, |h, &r| mix(h ^ u64::from(r)))))
}

/// The share of slots two signatures agree on: an estimate of the Jaccard similarity.
fn agreement(a: &Signature, b: &Signature) -> f32 {
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f32 / SIGNATURE as f32
}

/// SplitMix64's finaliser: a cheap, well-spread 64-bit mix.
const fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

const SEEDS: [u64; SIGNATURE] = {
    let mut seeds = [0; SIGNATURE];
    let mut i = 0;
    while i < SIGNATURE {
        seeds[i] = mix(0x5eed_0000 + i as u64);
        i += 1;
    }
    seeds
};

#[cfg(test)]
mod tests {
    use super::*;

    const TITLE: &str = "Putin visits Minsk";
    const STORY: &str = "Russian President Vladimir Putin arrived in Minsk on Monday for talks with \
        Belarusian leader Alexander Lukashenko, his first visit in three years, as Ukraine warned that \
        Moscow was preparing a new offensive with 200,000 new troops. The Kremlin said the talks would \
        cover economic ties and security, and denied that Belarus would be drawn into the war.";

    #[test]
    fn exact_and_near_copies_point_to_the_first_article() {
        let mut finder = DuplicateFinder::new(DuplicateOptions::default());
        assert_eq!(finder.find(STORY, TITLE), None);
        finder.add(1, STORY, TITLE, None);
        let respaced = STORY.to_uppercase().replace(", ", " -- ");
        assert_eq!(finder.find(&respaced, "Another headline"), Some(1), "the same words are a copy");
        let syndicated =
            format!("{} Download our app. Follow us on Google News.", STORY.replace("Monday", "Tuesday"));
        assert_eq!(finder.find(&syndicated, "Putin visits Minsk | BOL News"), Some(1));
        assert_eq!(finder.find(&syndicated, ""), Some(1));
        finder.add(2, &syndicated, "Putin visits Minsk | BOL News", Some(1));
        // A copy of the copy belongs to the same group.
        assert_eq!(finder.find(&format!("{syndicated} Share this."), TITLE), Some(1));
        // The same template under another headline is another article.
        let edited = format!("{syndicated} Share this.");
        assert_eq!(finder.find(&edited, "Lukashenko hosts Putin for talks in Minsk"), None);
    }

    #[test]
    fn other_texts_and_empty_ones_are_not_copies() {
        let mut finder = DuplicateFinder::new(DuplicateOptions::default());
        finder.add(1, STORY, TITLE, None);
        finder.add(2, "", "", None);
        let other = "Monsoon floods displaced thousands of families in Sindh province on Monday, \
            officials said, as rescue teams struggled to reach villages cut off by the water.";
        assert_eq!(finder.find(other, TITLE), None);
        assert_eq!(finder.find("", ""), None);
        assert_eq!(finder.find(" .,; ", TITLE), None);
    }
}
