//! Online story clustering: each article, in arrival order, joins the story whose coverage
//! it is most like, or opens a new one. Candidates come from an index of each story's
//! distinctive terms (so the work per article does not grow with the archive: each term
//! keeps only its most recent stories), then stories too far away in time are dropped, and
//! the article joins the best if it is close enough: the cosine of its TF-IDF vector with the
//! story's centroid, plus a share for the entities they both name.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::terms::{term_id, terms};

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
    /// Terms of an article (its highest weighted) used to find candidate stories.
    pub query_terms: usize,
    /// Stories kept per term in the candidate index (the most recent).
    pub postings_kept: usize,
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
            query_terms: 12,
            postings_kept: 64,
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

/// A sparse vector: (term, weight), sorted by term.
type Vector = Vec<(u64, f32)>;

#[derive(Debug, Default)]
struct Story {
    /// The sum of its articles' unit vectors, pruned to the strongest terms.
    centroid: FxHashMap<u64, f32>,
    norm: f32,
    /// Entity key hash -> how many of its articles name it.
    entities: FxHashMap<u64, u32>,
    latest: Option<i64>,
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
}

impl StoryClusterer {
    pub fn new(options: ClusterOptions) -> StoryClusterer {
        StoryClusterer { options, ..Default::default() }
    }

    /// How many stories there are.
    pub fn story_count(&self) -> usize {
        self.stories.len()
    }

    /// Files an article: the index of the story it joined or opened (stories are numbered
    /// from 0 in the order they were opened).
    pub fn add(&mut self, article: &ArticleInput<'_>) -> usize {
        let vector = self.vector(article);
        let entities: FxHashSet<u64> = article.entities.iter().map(|e| term_id(e)).collect();
        let best = self
            .candidates(&vector)
            .into_iter()
            .filter(|&s| self.in_window(s, article.published))
            .map(|s| (self.similarity(s, &vector, &entities), s))
            .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
        let story = match best {
            Some((score, s)) if score >= self.options.threshold => s,
            _ => {
                self.stories.push(Story::default());
                self.stories.len() - 1
            }
        };
        self.absorb(story, &vector, &entities, article.published);
        story
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

    /// Stories indexed under the article's strongest terms.
    fn candidates(&self, vector: &Vector) -> Vec<usize> {
        let mut out: Vec<usize> = vector
            .iter()
            .take(self.options.query_terms)
            .filter_map(|(t, _)| self.postings.get(t))
            .flatten()
            .map(|&s| s as usize)
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    fn in_window(&self, story: usize, published: Option<i64>) -> bool {
        match (self.stories[story].latest, published) {
            (Some(latest), Some(at)) => (at - latest).abs() <= self.options.window_seconds,
            _ => true,
        }
    }

    fn similarity(&self, story: usize, vector: &Vector, entities: &FxHashSet<u64>) -> f32 {
        let s = &self.stories[story];
        if s.norm <= 0.0 {
            return 0.0;
        }
        let dot: f32 = vector.iter().filter_map(|(t, w)| s.centroid.get(t).map(|c| c * w)).sum();
        let shared = entities.iter().filter(|e| s.entities.contains_key(*e)).count();
        let entity_share = if entities.is_empty() { 0.0 } else { shared as f32 / entities.len() as f32 };
        dot / s.norm + self.options.entity_weight * entity_share
    }

    fn absorb(&mut self, story: usize, vector: &Vector, entities: &FxHashSet<u64>, published: Option<i64>) {
        let keep = self.options.vector_terms;
        let s = &mut self.stories[story];
        for (t, w) in vector {
            *s.centroid.entry(*t).or_default() += w;
        }
        if s.centroid.len() > 2 * keep {
            let mut weights: Vec<(u64, f32)> = s.centroid.drain().collect();
            weights.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            weights.truncate(keep);
            s.centroid = weights.into_iter().collect();
        }
        s.norm = s.centroid.values().map(|w| w * w).sum::<f32>().sqrt();
        for e in entities {
            *s.entities.entry(*e).or_default() += 1;
        }
        s.latest = match (s.latest, published) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        for (t, _) in vector.iter().take(self.options.query_terms) {
            let list = self.postings.entry(*t).or_default();
            if list.last() != Some(&(story as u32)) {
                list.retain(|&s| s != story as u32);
                list.push(story as u32);
                if list.len() > self.options.postings_kept {
                    list.remove(0);
                }
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
        let a = c.add(&article(
            "Putin visits Minsk",
            "Putin arrived in Minsk for talks with Lukashenko on Monday.",
            0,
        ));
        let b = c.add(&article(
            "Putin in Minsk for talks",
            "Russian President Putin held talks in Minsk with Lukashenko.",
            0,
        ));
        let other = c.add(&article(
            "Flooding in Pakistan",
            "Monsoon floods displaced thousands in Sindh province.",
            0,
        ));
        assert_eq!(a, b);
        assert_ne!(a, other);
        // The same words a month later are another story.
        let later =
            c.add(&article("Putin visits Minsk", "Putin arrived in Minsk for talks with Lukashenko.", 40));
        assert_ne!(later, a);
        assert_eq!(c.story_count(), 3);
    }

    #[test]
    fn empty_and_odd_articles_open_stories_without_panicking() {
        let mut c = StoryClusterer::new(ClusterOptions::default());
        let a = c.add(&ArticleInput::default());
        let b =
            c.add(&ArticleInput { title: "\u{0}\u{FFFF}", text: &"x".repeat(100_000), ..Default::default() });
        assert_ne!(a, b);
    }
}
