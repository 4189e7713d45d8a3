//! Online story clustering: each article, in arrival order, joins the story whose coverage
//! it is most like, or opens a new one. Candidates come from an index of each story's
//! distinctive terms (so the work per article does not grow with the archive: each term
//! keeps only its most recent stories), then stories too far away in time are dropped, and
//! the article joins the best if it is close enough: the cosine of its TF-IDF vector with the
//! story's centroid, plus a share for the entities they both name, less a little for each day
//! since the story last grew.
//!
//! The stories compared also hold their latest articles, so an article that retells one of
//! them (the same facts and names in other words) is recognised as its rewrite.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::terms::{names, share_of_shorter, term_id, terms};

#[derive(Debug, Clone, Copy)]
pub struct ClusterOptions {
    /// Least similarity for an article to join a story.
    pub threshold: f32,
    /// Most time (seconds) between an article and the latest article of a story it joins.
    pub window_seconds: i64,
    /// A title term counts this many times a body term.
    pub title_weight: f32,
    /// Added to the similarity, times the share of the article's entities the story names.
    pub entity_weight: f32,
    /// Taken from the similarity for each week between the article and the story's latest
    /// article: a story that has gone quiet needs closer coverage to grow again.
    pub staleness_per_week: f32,
    /// Least cosine between an article and an earlier one for a rewrite ...
    pub rewrite_cosine: f32,
    /// ... when the shorter of the two also has this share of its capitalised words in the other.
    pub rewrite_names: f32,
    /// Terms of an article (its highest weighted) used to find candidate stories.
    pub query_terms: usize,
    /// Stories kept per term in the candidate index (the most recent).
    pub postings_kept: usize,
    /// Candidate stories compared with an article in full (those sharing the most of its
    /// strongest terms).
    pub compared: usize,
    /// Terms kept in an article's vector and in a story's centroid.
    pub vector_terms: usize,
}

impl Default for ClusterOptions {
    fn default() -> Self {
        ClusterOptions {
            threshold: 0.3,
            window_seconds: 7 * 86_400,
            title_weight: 3.0,
            entity_weight: 0.2,
            staleness_per_week: 0.2,
            rewrite_cosine: 0.35,
            rewrite_names: 0.7,
            query_terms: 12,
            postings_kept: 64,
            compared: 64,
            vector_terms: 200,
        }
    }
}

/// What the clusterer reads of an article.
#[derive(Debug, Clone, Copy, Default)]
pub struct ArticleInput<'a> {
    pub title: &'a str,
    pub text: &'a str,
    /// Publication time, seconds since the epoch; `None` when unknown (no time window then).
    pub published: Option<i64>,
    /// Keys of the entities the article names.
    pub entities: &'a [String],
}

/// Where an article was filed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placement {
    /// The story's number (stories are numbered from 0 in the order they open).
    pub story: usize,
    /// The earlier article (by its key) this one rewrites.
    pub rewrite_of: Option<u64>,
}

/// A sparse vector: (term, weight), strongest first.
type Vector = Vec<(u64, f32)>;

/// Latest articles a story keeps to find rewrites among.
const MEMBERS_KEPT: usize = 32;
/// Stories, best first, whose members an article is compared with for a rewrite.
const REWRITE_STORIES: usize = 3;
/// Articles between two sweeps for stories too old to grow again.
const SWEEP_EVERY: u32 = 4096;

#[derive(Debug)]
struct Member {
    key: u64,
    vector: Vector,
    /// Capitalised words, sorted.
    names: Vec<u64>,
}

#[derive(Debug, Default)]
struct Story {
    /// The sum of its articles' unit vectors, pruned to the strongest terms.
    centroid: FxHashMap<u64, f32>,
    norm: f32,
    /// Entity key hash -> how many of its articles name it.
    entities: FxHashMap<u64, u32>,
    latest: Option<i64>,
    /// Its latest articles, oldest first.
    members: Vec<Member>,
}

/// An article as compared: its vector, entities and names.
struct Reading {
    vector: Vector,
    entities: FxHashSet<u64>,
    names: Vec<u64>,
    published: Option<i64>,
}

/// The clustering state: term statistics, the stories so far and the candidate index.
#[derive(Debug, Default)]
pub struct StoryClusterer {
    options: ClusterOptions,
    document_frequency: FxHashMap<u64, u32>,
    documents: u32,
    stories: Vec<Story>,
    /// Term -> stories indexed under it, oldest first, at most `postings_kept`.
    postings: FxHashMap<u64, Vec<u32>>,
    /// The latest publication time seen, for retiring stories.
    newest: Option<i64>,
}

impl StoryClusterer {
    pub fn new(options: ClusterOptions) -> StoryClusterer {
        StoryClusterer { options, ..Default::default() }
    }

    /// How many stories there are.
    pub fn story_count(&self) -> usize {
        self.stories.len()
    }

    /// Files article `key`: the story it joined or opened, and the article it rewrites.
    pub fn add(&mut self, key: u64, article: &ArticleInput<'_>) -> Placement {
        let reading = self.read(article);
        let mut scored: Vec<(f32, usize)> = self
            .candidates(&reading.vector)
            .into_iter()
            .filter(|&s| self.in_window(s, reading.published))
            .map(|s| (self.similarity(s, &reading), s))
            .collect();
        scored.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let rewrite = self.rewrite(&reading, scored.iter().take(REWRITE_STORIES).map(|&(_, s)| s));
        let story = match (rewrite, scored.first()) {
            // A retelling belongs with what it retells.
            (Some((_, story)), _) => story,
            (None, Some(&(score, s))) if score >= self.options.threshold => s,
            _ => self.open(),
        };
        self.absorb(story, key, reading);
        Placement { story, rewrite_of: rewrite.map(|(key, _)| key) }
    }

    /// Files article `key` in `story` without deciding anything (an article filed before,
    /// read back from storage); opens stories up to `story` if need be.
    pub fn join(&mut self, key: u64, article: &ArticleInput<'_>, story: usize) {
        let reading = self.read(article);
        while self.stories.len() <= story {
            self.open();
        }
        self.absorb(story, key, reading);
    }

    fn open(&mut self) -> usize {
        self.stories.push(Story::default());
        self.stories.len() - 1
    }

    fn read(&mut self, article: &ArticleInput<'_>) -> Reading {
        Reading {
            vector: self.vector(article),
            entities: article.entities.iter().map(|e| term_id(e)).collect(),
            names: names(article.text),
            published: article.published,
        }
    }

    /// The article's TF-IDF vector (log term frequency, title terms weighted up), unit
    /// length, its strongest terms only. Counts the article into the document frequencies
    /// first, so a term seen for the first time has a finite weight.
    fn vector(&mut self, article: &ArticleInput<'_>) -> Vector {
        let mut frequency: FxHashMap<u64, f32> = FxHashMap::default();
        for t in terms(article.title) {
            *frequency.entry(t).or_default() += self.options.title_weight;
        }
        for t in terms(article.text) {
            *frequency.entry(t).or_default() += 1.0;
        }
        self.documents += 1;
        let n = self.documents as f32;
        let mut vector: Vector = frequency
            .into_iter()
            .map(|(t, f)| {
                let df = self.document_frequency.entry(t).or_default();
                *df += 1;
                (t, (1.0 + f.ln()) * (n / *df as f32).ln_1p())
            })
            .collect();
        vector.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        vector.truncate(self.options.vector_terms);
        let norm = vector.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
        if norm > 0.0 {
            vector.iter_mut().for_each(|(_, w)| *w /= norm);
        }
        vector
    }

    /// Stories indexed under the article's strongest terms: those under the most of them,
    /// at most `compared` (the newest on a tie), so the work per article has a bound.
    fn candidates(&self, vector: &Vector) -> Vec<usize> {
        let mut hits: Vec<u32> = vector
            .iter()
            .take(self.options.query_terms)
            .filter_map(|(t, _)| self.postings.get(t))
            .flatten()
            .copied()
            .collect();
        hits.sort_unstable();
        let mut counted: Vec<(usize, u32)> =
            hits.chunk_by(|a, b| a == b).map(|run| (run.len(), run[0])).collect();
        if counted.len() > self.options.compared {
            counted.select_nth_unstable_by(self.options.compared, |a, b| b.cmp(a));
            counted.truncate(self.options.compared);
        }
        counted.into_iter().map(|(_, s)| s as usize).collect()
    }

    fn in_window(&self, story: usize, published: Option<i64>) -> bool {
        match (self.stories[story].latest, published) {
            (Some(latest), Some(at)) => (at - latest).abs() <= self.options.window_seconds,
            _ => true,
        }
    }

    fn similarity(&self, story: usize, reading: &Reading) -> f32 {
        let s = &self.stories[story];
        if s.norm <= 0.0 {
            return 0.0;
        }
        let dot: f32 = reading.vector.iter().filter_map(|(t, w)| s.centroid.get(t).map(|c| c * w)).sum();
        let entities = &reading.entities;
        let shared = entities.iter().filter(|e| s.entities.contains_key(*e)).count();
        let entity_share = if entities.is_empty() { 0.0 } else { shared as f32 / entities.len() as f32 };
        let weeks = match (s.latest, reading.published) {
            (Some(latest), Some(at)) => (at - latest).abs() as f32 / (7.0 * 86_400.0),
            _ => 0.0,
        };
        dot / s.norm + self.options.entity_weight * entity_share - self.options.staleness_per_week * weeks
    }

    /// The member of `stories` the article retells, if any, with its story: the closest by
    /// cosine, when close enough and sharing enough names.
    fn rewrite(&self, reading: &Reading, stories: impl Iterator<Item = usize>) -> Option<(u64, usize)> {
        let mut best: Option<(f32, u64, usize)> = None;
        let weights: FxHashMap<u64, f32> = reading.vector.iter().copied().collect();
        for story in stories {
            for member in &self.stories[story].members {
                let cosine: f32 =
                    member.vector.iter().filter_map(|(t, w)| weights.get(t).map(|v| v * w)).sum();
                if cosine >= self.options.rewrite_cosine
                    && best.is_none_or(|(c, ..)| cosine > c)
                    && share_of_shorter(&reading.names, &member.names) >= self.options.rewrite_names
                {
                    best = Some((cosine, member.key, story));
                }
            }
        }
        best.map(|(_, key, story)| (key, story))
    }

    fn absorb(&mut self, story: usize, key: u64, reading: Reading) {
        let keep = self.options.vector_terms;
        let s = &mut self.stories[story];
        for (t, w) in &reading.vector {
            *s.centroid.entry(*t).or_default() += w;
        }
        if s.centroid.len() > 2 * keep {
            let mut weights: Vec<(u64, f32)> = s.centroid.drain().collect();
            weights.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            weights.truncate(keep);
            s.centroid = weights.into_iter().collect();
        }
        s.norm = s.centroid.values().map(|w| w * w).sum::<f32>().sqrt();
        for e in &reading.entities {
            *s.entities.entry(*e).or_default() += 1;
        }
        s.latest = match (s.latest, reading.published) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        for (t, _) in reading.vector.iter().take(self.options.query_terms) {
            let list = self.postings.entry(*t).or_default();
            if list.last() != Some(&(story as u32)) {
                list.retain(|&s| s != story as u32);
                list.push(story as u32);
                if list.len() > self.options.postings_kept {
                    list.remove(0);
                }
            }
        }
        if s.members.len() == MEMBERS_KEPT {
            s.members.remove(0);
        }
        s.members.push(Member { key, vector: reading.vector, names: reading.names });
        // One article may move the newest time by a window at most: a single date far in the
        // future (a typo, a scheduled post) must not retire every live story.
        self.newest = match (self.newest, reading.published) {
            (Some(newest), Some(at)) => Some(newest.max(at.min(newest + self.options.window_seconds))),
            (newest, at) => newest.or(at),
        };
        if self.documents.is_multiple_of(SWEEP_EVERY) {
            self.retire_stale();
        }
    }

    /// Frees what stories that can no longer grow hold (their latest article is more than two
    /// windows older than the newest seen), so memory follows the window, not the archive.
    fn retire_stale(&mut self) {
        let Some(newest) = self.newest else { return };
        let limit = newest - 2 * self.options.window_seconds;
        for s in &mut self.stories {
            if s.latest.is_some_and(|latest| latest < limit) && !s.members.is_empty() {
                *s = Story { latest: s.latest, ..Story::default() };
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article<'a>(title: &'a str, text: &'a str, day: i64) -> ArticleInput<'a> {
        ArticleInput { title, text, published: Some(day * 86_400), entities: &[] }
    }

    #[test]
    fn coverage_of_one_event_joins_and_another_event_opens_a_story() {
        let mut c = StoryClusterer::new(ClusterOptions::default());
        let a = c.add(
            1,
            &article("Putin visits Minsk", "Putin arrived in Minsk for talks with Lukashenko on Monday.", 0),
        );
        let b = c.add(
            2,
            &article(
                "Putin in Minsk for talks",
                "Russian President Putin held talks in Minsk with Lukashenko.",
                0,
            ),
        );
        let other = c.add(
            3,
            &article("Flooding in Pakistan", "Monsoon floods displaced thousands in Sindh province.", 0),
        );
        assert_eq!(a.story, b.story);
        assert_ne!(a.story, other.story);
        // The same words a month later are another story.
        let later =
            c.add(4, &article("Putin visits Minsk", "Putin arrived in Minsk for talks with Lukashenko.", 40));
        assert_ne!(later.story, a.story);
        assert_eq!(c.story_count(), 3);
    }

    #[test]
    fn empty_and_odd_articles_open_stories_without_panicking() {
        let mut c = StoryClusterer::new(ClusterOptions::default());
        let a = c.add(1, &ArticleInput::default());
        let b = c.add(
            2,
            &ArticleInput { title: "\u{0}\u{FFFF}", text: &"x".repeat(100_000), ..Default::default() },
        );
        assert_ne!(a.story, b.story);
    }

    #[test]
    fn a_retelling_is_a_rewrite_and_other_coverage_is_not() {
        let mut c = StoryClusterer::new(ClusterOptions::default());
        let filler = [
            ("Flooding in Pakistan", "Monsoon floods displaced thousands in Sindh province."),
            ("Election in Chile", "Voters in Santiago chose a new president on Sunday."),
            ("Markets fall", "Shares in Tokyo and London fell as oil prices rose."),
        ];
        for (i, (title, text)) in filler.iter().enumerate() {
            c.add(10 + i as u64, &article(title, text, 0));
        }
        let original = c.add(
            1,
            &article(
                "Putin visits Minsk",
                "Russian President Vladimir Putin arrived in Minsk on Monday for talks with Alexander \
             Lukashenko. Kremlin spokesman Dmitry Peskov said the talks would cover Belarus's economy.",
                0,
            ),
        );
        let rewrite = c.add(
            2,
            &article(
                "",
                "On Monday Vladimir Putin, the Russian President, travelled to Minsk to hold talks with \
             Alexander Lukashenko; the economy of Belarus was on the agenda, Kremlin spokesman Dmitry \
             Peskov said.",
                0,
            ),
        );
        assert_eq!(rewrite, Placement { story: original.story, rewrite_of: Some(1) });
        let report = c.add(
            3,
            &article(
                "Lukashenko hosts Putin",
                "Belarus's leader Lukashenko hosted Putin in Minsk. Ukraine's army chief warned of an \
             offensive from the north, and NATO said it watched the border.",
                0,
            ),
        );
        assert_eq!(report.rewrite_of, None);
    }

    #[test]
    fn one_date_far_in_the_future_does_not_retire_the_live_stories() {
        let mut c = StoryClusterer::new(ClusterOptions::default());
        let minsk =
            c.add(1, &article("Putin visits Minsk", "Putin arrived in Minsk for talks with Lukashenko.", 0));
        c.add(2, &article("Typo", "An article dated in the year 2999 by mistake.", 365_000));
        for key in 3..(3 + u64::from(SWEEP_EVERY)) {
            c.add(key, &article("Filler", &format!("filler number {key}"), 0));
        }
        let again = c.add(9_999, &article("Putin in Minsk", "Putin held talks in Minsk with Lukashenko.", 0));
        assert_eq!(again.story, minsk.story);
    }
}
