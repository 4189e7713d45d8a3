//! The whole filing of an article as it arrives: is it a copy of one already filed (then it
//! goes where its canonical article went and changes nothing else), a rewrite of one, and
//! which story does it belong to. Articles and stories are named by the caller's keys; a
//! story's key is the key of the article that opened it.

use rustc_hash::FxHashMap;

use crate::duplicates::{DuplicateFinder, DuplicateOptions};
use crate::stories::{ArticleInput, ClusterOptions, StoryClusterer};

/// Where an article was filed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Filing {
    /// The story's key: the key of its first article.
    pub story: u64,
    /// The canonical article this one copies (exactly or nearly).
    pub duplicate_of: Option<u64>,
    /// The article this one retells in other words.
    pub rewrite_of: Option<u64>,
}

#[derive(Debug, Clone, Copy, Default)]
pub struct OrganizerOptions {
    pub duplicates: DuplicateOptions,
    pub stories: ClusterOptions,
}

#[derive(Debug, Default)]
pub struct Organizer {
    duplicates: DuplicateFinder,
    stories: StoryClusterer,
    /// Story number -> its key.
    story_keys: Vec<u64>,
    /// Story key -> its number.
    story_numbers: FxHashMap<u64, usize>,
    /// Article key -> where it was filed.
    filed: FxHashMap<u64, Filing>,
}

impl Organizer {
    pub fn new(options: OrganizerOptions) -> Organizer {
        Organizer {
            duplicates: DuplicateFinder::new(options.duplicates),
            stories: StoryClusterer::new(options.stories),
            ..Default::default()
        }
    }

    /// How many stories there are.
    pub fn story_count(&self) -> usize {
        self.story_keys.len()
    }

    /// Files article `key`. An article filed before (the same key) gets its filing again, and
    /// a copy of one goes to its canonical article's story, both without changing anything
    /// else.
    pub fn file(&mut self, key: u64, article: &ArticleInput<'_>) -> Filing {
        if let Some(&filing) = self.filed.get(&key) {
            return filing;
        }
        let (text, headline) = copy_text(article);
        // (A canonical article restored only as a copy's target has no filing: not a match.)
        let copied = self.duplicates.find(text, headline).and_then(|c| Some((c, self.filed.get(&c)?.story)));
        if let Some((canonical, story)) = copied {
            let filing = Filing { story, duplicate_of: Some(canonical), rewrite_of: None };
            self.duplicates.add(key, text, headline, Some(canonical));
            self.filed.insert(key, filing);
            return filing;
        }
        self.duplicates.add(key, text, headline, None);
        let placement = self.stories.add(key, article);
        let story = match self.story_keys.get(placement.story) {
            Some(&story) => story,
            None => self.name_story(placement.story, key),
        };
        let filing = Filing { story, duplicate_of: None, rewrite_of: placement.rewrite_of };
        self.filed.insert(key, filing);
        filing
    }

    /// Takes back article `key` as it was filed before (read back from storage, say at
    /// start-up), deciding nothing.
    pub fn restore(&mut self, key: u64, article: &ArticleInput<'_>, filing: &Filing) {
        if self.filed.contains_key(&key) {
            return;
        }
        let (text, headline) = copy_text(article);
        self.duplicates.add(key, text, headline, filing.duplicate_of);
        self.filed.insert(key, *filing);
        if filing.duplicate_of.is_some() {
            return;
        }
        let number = match self.story_numbers.get(&filing.story) {
            Some(&n) => n,
            None => {
                let n = self.story_keys.len();
                self.name_story(n, filing.story);
                n
            }
        };
        self.stories.join(key, article, number);
    }

    fn name_story(&mut self, number: usize, key: u64) -> u64 {
        debug_assert_eq!(number, self.story_keys.len());
        self.story_keys.push(key);
        self.story_numbers.insert(key, number);
        key
    }
}

/// What copies are told apart by: the body and the headline, or the headline alone when there
/// is no body.
fn copy_text<'a>(article: &ArticleInput<'a>) -> (&'a str, &'a str) {
    if article.text.trim().is_empty() { (article.title, "") } else { (article.text, article.title) }
}
