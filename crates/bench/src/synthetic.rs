//! Synthetic news for scale runs: an endless stream of articles made from a few real ones.
//! Like real coverage, it comes as stories that start, draw articles for a few days and end:
//! each synthetic story retells one seed article, with names of its own (made-up words) so
//! that two stories from one seed differ; each of its articles is a new mix of the seed's
//! sentences with some words swapped for words from a large made-up vocabulary (so the
//! vocabulary keeps growing, as a real archive's does). Publication times advance steadily.

/// A real article to make others from.
#[derive(Debug, Clone)]
pub struct Seed {
    pub title: String,
    pub text: String,
    pub entities: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct SyntheticArticle {
    pub title: String,
    pub text: String,
    /// Seconds since the epoch.
    pub published: i64,
    pub entities: Vec<String>,
    /// The synthetic story it belongs to, numbered from 0.
    pub story: u64,
}

/// Share (per mille) of words swapped for made-up ones ...
const SWAPPED_PER_MILLE: u64 = 100;
/// ... and for the story's own names.
const NAMED_PER_MILLE: u64 = 30;
/// Size of the made-up vocabulary.
const MADE_UP_WORDS: u64 = 1_000_000;
/// Names of a story's own.
const STORY_NAMES: u64 = 6;
/// Articles a story draws on average ...
const ARTICLES_PER_STORY: u64 = 10;
/// ... over this many days at most.
const STORY_DAYS: u64 = 3;

struct Story {
    number: u64,
    seed: usize,
    ends: i64,
}

/// Articles made from `seeds` (none if there are no seeds), `per_day` of them a day from
/// `start` (seconds since the epoch), the same for the same arguments.
pub fn articles(seeds: &[Seed], per_day: u32, start: i64) -> impl Iterator<Item = SyntheticArticle> + '_ {
    let mut random = Random(0x5eed);
    let step = 86_400 / i64::from(per_day.max(1));
    let mut live: Vec<Story> = Vec::new();
    let mut opened = 0u64;
    (0i64..).map_while(move |i| {
        let now = start + i * step;
        live.retain(|s| s.ends > now);
        // One article in ARTICLES_PER_STORY opens a story (and so does the first).
        if live.is_empty() || random.below(ARTICLES_PER_STORY)? == 0 {
            let days = 1 + random.below(STORY_DAYS)? as i64;
            live.push(Story {
                number: opened,
                seed: random.below(seeds.len() as u64)? as usize,
                ends: now + days * 86_400,
            });
            opened += 1;
        }
        let story = &live[random.below(live.len() as u64)? as usize];
        let seed = &seeds[story.seed];
        let mut text = String::new();
        for sentence in seed.text.split_inclusive(". ") {
            if random.below(10)? >= 7 {
                continue;
            }
            for word in sentence.split(' ') {
                let draw = random.below(1000)?;
                if draw < NAMED_PER_MILLE {
                    let name = story.number * STORY_NAMES + random.below(STORY_NAMES)?;
                    text.push_str(&format!("Name{name}"));
                } else if draw < NAMED_PER_MILLE + SWAPPED_PER_MILLE {
                    text.push_str(&format!("w{}", random.below(MADE_UP_WORDS)?));
                } else {
                    text.push_str(word);
                }
                text.push(' ');
            }
        }
        let title = format!("{} Name{}", seed.title, story.number * STORY_NAMES);
        let mut entities: Vec<String> = Vec::new();
        for e in &seed.entities {
            if random.below(10)? < 8 {
                entities.push(e.clone());
            }
        }
        entities.push(format!("PER:name{}", story.number * STORY_NAMES));
        Some(SyntheticArticle { title, text, published: now, entities, story: story.number })
    })
}

/// SplitMix64.
struct Random(u64);

impl Random {
    /// A number below `n`; `None` for `n == 0`.
    fn below(&mut self, n: u64) -> Option<u64> {
        if n == 0 {
            return None;
        }
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut x = self.0;
        x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        Some((x ^ (x >> 31)) % n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn articles_come_as_stories_that_start_and_end() {
        let seeds = [Seed {
            title: "Putin visits Minsk".into(),
            text: "Putin arrived in Minsk. The talks began on Monday. Ukraine warned of an offensive. \
                   The Kremlin denied it."
                .into(),
            entities: vec!["PER:vladimir putin".into(), "LOC:minsk".into()],
        }];
        let made: Vec<SyntheticArticle> = articles(&seeds, 100, 1_000).take(2_000).collect();
        assert_eq!(made.len(), 2_000);
        assert_eq!(made[0].published, 1_000);
        assert_eq!(made[1_999].published, 1_000 + 1_999 * 864);
        assert!(made.iter().any(|a| a.text.contains(" w")), "some words are made up");
        let stories = made.iter().map(|a| a.story).max().unwrap_or(0) + 1;
        assert!((100..400).contains(&stories), "{stories} stories");
        // No story lasts longer than STORY_DAYS.
        for story in 0..stories {
            let times: Vec<i64> = made.iter().filter(|a| a.story == story).map(|a| a.published).collect();
            if let (Some(first), Some(last)) = (times.first(), times.last()) {
                assert!(last - first <= STORY_DAYS as i64 * 86_400);
            }
        }
        let again: Vec<String> = articles(&seeds, 100, 1_000).take(50).map(|a| a.text).collect();
        assert_eq!(again, made[..50].iter().map(|a| a.text.clone()).collect::<Vec<_>>());
        assert_eq!(articles(&[], 10, 0).count(), 0);
    }
}
