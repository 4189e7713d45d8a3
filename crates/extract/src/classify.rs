//! The block classifier shared by the text and HTML paths: describes a block (a line of a
//! text page, a paragraph element of an HTML page) by surface features, and finds the body as
//! the densest run of paragraph-like blocks.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

/// Phrases that mark site furniture on news sites of any kind: app and newsletter
/// promotion, social buttons, legal lines. Matched on lower-cased text at word boundaries.
const BOILERPLATE_CUES: &[&str] = &[
    "download the",
    "download our",
    "our app",
    "the app",
    "follow us",
    "subscribe",
    "newsletter",
    "sign up",
    "signup",
    "log in",
    "click here",
    "read more",
    "read also",
    "see also",
    "share this",
    "share on",
    "copyright",
    "©",
    "all rights reserved",
    "advertisement",
    "cookies",
    "cookie policy",
    "privacy policy",
    "terms of use",
    "terms of service",
    "get the latest",
    "news updates",
    "latest news",
    "breaking news",
    "google news",
    "rss feed",
    "comments",
    "leave a comment",
    "related articles",
    "related stories",
    "recommended",
    "sponsored",
    "support our journalism",
    "donate",
    "become a member",
    "this article was",
    "originally published",
    "reporting by",
    "editing by",
    "app store",
    "google play",
];

/// Social networks: furniture on a short line ("Share on Facebook"), news in an article.
const SOCIAL_NETWORKS: &[&str] = &[
    "facebook",
    "twitter",
    "x.com",
    "instagram",
    "whatsapp",
    "telegram",
    "youtube",
    "linkedin",
    "tiktok",
    "pinterest",
    "reddit",
    "threads",
    "bluesky",
    "mastodon",
];

/// Cues that decide on their own, whatever the rest of the block says.
const STRONG_CUES: &[&str] = &[
    "all rights reserved",
    "©",
    "click here",
    "follow us",
    "download the",
    "download our",
    "sign up for",
    "subscribe to our",
    "get the latest",
    "cookie policy",
    "privacy policy",
];

/// What a block looks like.
#[derive(Debug, Clone, PartialEq)]
pub struct Features {
    pub words: usize,
    pub chars: usize,
    /// Ends like a sentence: `.`, `!`, `?`, possibly followed by a closing quote or bracket.
    pub ends_sentence: bool,
    /// Ends with an ellipsis: a teaser cut short.
    pub truncated: bool,
    /// Share of words that start with a capital letter.
    pub capitalised: f32,
    /// Number of boilerplate cues found.
    pub cues: usize,
    /// Number of social network names found.
    pub social: usize,
    pub strong_cue: bool,
}

impl Features {
    pub fn of(text: &str) -> Features {
        let text = text.trim();
        let words: Vec<&str> = text.split_whitespace().collect();
        let capitalised = words
            .iter()
            .filter(|w| w.chars().find(|c| c.is_alphanumeric()).is_some_and(char::is_uppercase))
            .count();
        let cues = CueCounts::of(text);
        let truncated = text.ends_with("...") || text.ends_with('…');
        Features {
            words: words.len(),
            chars: text.chars().count(),
            ends_sentence: !truncated && ends_sentence(text),
            truncated,
            capitalised: capitalised as f32 / words.len().max(1) as f32,
            cues: cues.boilerplate,
            social: cues.social,
            strong_cue: cues.strong,
        }
    }

    /// A paragraph of running prose.
    pub fn is_paragraph(&self) -> bool {
        (self.words >= 10 && self.ends_sentence) || self.words >= 25 || self.chars >= 160
    }

    /// Site furniture rather than article text. Long prose needs several cues, since an
    /// article may well mention Facebook or a newsletter.
    pub fn is_boilerplate(&self) -> bool {
        if self.strong_cue {
            return self.words < 60;
        }
        let any = self.cues + self.social;
        match self.words {
            0..=12 => any >= 1 && !self.ends_sentence || any >= 2,
            13..=40 => self.cues >= 2 || self.cues >= 1 && self.social >= 1,
            _ => self.cues >= 4,
        }
    }

    /// Short, unpunctuated, like a headline or a teaser.
    pub fn is_headline_like(&self) -> bool {
        (3..=20).contains(&self.words) && (!self.ends_sentence || self.truncated)
            || self.truncated && self.words <= 30
    }
}

fn ends_sentence(text: &str) -> bool {
    let trimmed = text.trim_end_matches(['"', '\'', '”', '’', '»', ')', ']', '*']);
    trimmed.ends_with(['.', '!', '?', '。', '！', '？', ':', ';'])
}

/// How many distinct cues of each list a block contains.
struct CueCounts {
    boilerplate: usize,
    social: usize,
    strong: bool,
}

/// All cue phrases in one automaton, so a block is scanned once rather than once per phrase.
struct CueMatcher {
    automaton: AhoCorasick,
    /// For each pattern: (in BOILERPLATE_CUES, in SOCIAL_NETWORKS, in STRONG_CUES).
    lists: Vec<(bool, bool, bool)>,
}

static CUES: LazyLock<Option<CueMatcher>> = LazyLock::new(|| {
    let mut phrases: Vec<&str> = [BOILERPLATE_CUES, SOCIAL_NETWORKS, STRONG_CUES].concat();
    phrases.sort_unstable();
    phrases.dedup();
    let lists = phrases
        .iter()
        .map(|p| (BOILERPLATE_CUES.contains(p), SOCIAL_NETWORKS.contains(p), STRONG_CUES.contains(p)))
        .collect();
    // The phrases are ASCII but for "©", so ASCII case folding matches what lower-casing did.
    let automaton = AhoCorasick::builder().ascii_case_insensitive(true).build(&phrases).ok()?;
    Some(CueMatcher { automaton, lists })
});

impl CueCounts {
    fn of(text: &str) -> CueCounts {
        let mut counts = CueCounts { boilerplate: 0, social: 0, strong: false };
        let Some(matcher) = CUES.as_ref() else { return counts };
        let mut seen = vec![false; matcher.lists.len()];
        for found in matcher.automaton.find_overlapping_iter(text) {
            let id = found.pattern().as_usize();
            if seen[id] || !at_word_boundaries(text, found.start(), found.end()) {
                continue;
            }
            seen[id] = true;
            let (boilerplate, social, strong) = matcher.lists[id];
            counts.boilerplate += usize::from(boilerplate);
            counts.social += usize::from(social);
            counts.strong |= strong;
        }
        counts
    }
}

/// No letter or digit directly before `start` or after `end`.
fn at_word_boundaries(text: &str, start: usize, end: usize) -> bool {
    let before_ok = text[..start].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
    let after_ok = text[end..].chars().next().is_none_or(|c| !c.is_alphanumeric());
    before_ok && after_ok
}

/// How much a block adds to (or takes from) a run of body blocks.
fn body_score(features: &Features) -> f32 {
    if features.is_boilerplate() {
        -40.0
    } else if features.is_paragraph() {
        features.words as f32
    } else if features.ends_sentence && features.words >= 3 {
        // A short sentence ("He declined to comment.") belongs to the prose around it.
        features.words as f32 * 0.5
    } else if features.words >= 12 && features.capitalised < 0.4 && !features.truncated {
        // A long sentence that lost its full stop: prose, not a headline.
        features.words as f32 * 0.5
    } else if features.truncated {
        -15.0
    } else {
        // Headings, captions, menu items: tolerated inside prose, not at its edges.
        -6.0
    }
}

/// The densest contiguous run of body-like blocks (maximum-sum subarray of block scores), as
/// a half-open range; `None` when no block looks like prose.
pub fn densest_run(features: &[Features]) -> Option<std::ops::Range<usize>> {
    let mut best: Option<(f32, usize, usize)> = None;
    let mut sum = 0.0f32;
    let mut start = 0;
    for (i, f) in features.iter().enumerate() {
        if sum <= 0.0 {
            sum = 0.0;
            start = i;
        }
        sum += body_score(f);
        if sum > 0.0 && best.is_none_or(|(b, _, _)| sum > b) {
            best = Some((sum, start, i + 1));
        }
    }
    let (_, start, end) = best?;
    let has_paragraph = features[start..end].iter().any(Features::is_paragraph);
    has_paragraph.then_some(start..end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_kinds_of_lines() {
        let body = Features::of(
            "Since he invaded Ukraine in February, Putin’s troops have been pushed back in the north.",
        );
        assert!(body.is_paragraph() && !body.is_boilerplate() && !body.is_headline_like());
        let teaser = Features::of("Moscow wants to use the town as a base to attack the...");
        assert!(teaser.truncated && teaser.is_headline_like());
        let headline = Features::of("Ukraine to receive $1.8bn aid by US");
        assert!(headline.is_headline_like() && !headline.is_paragraph());
        let promo = Features::of(
            "Download The BOL News App to get the Daily News Update & Follow us on Google News.",
        );
        assert!(promo.is_boilerplate());
        let prose = Features::of(
            "The company said it would post the results on Facebook and Twitter after the vote, which drew criticism from regulators in Brussels and elsewhere in the European Union.",
        );
        assert!(!prose.is_boilerplate());
    }

    #[test]
    fn cues_match_whole_words_in_any_case() {
        assert_eq!(CueCounts::of("Please SUBSCRIBE now").boilerplate, 1);
        assert_eq!(CueCounts::of("the subscribers met").boilerplate, 0);
        assert!(CueCounts::of("© 2024 Acme").strong);
        assert_eq!(CueCounts::of("Facebook and facebook, Twitter").social, 2, "distinct names counted once");
        let both = CueCounts::of("Follow us on Twitter");
        assert!(both.strong && both.boilerplate == 1 && both.social == 1);
    }

    #[test]
    fn densest_run_skips_furniture() {
        let lines = [
            "Home News Sport",
            "A first paragraph of the article tells what happened and where it happened today.",
            "A short sentence.",
            "A second paragraph adds detail, quotes a witness, and explains why it matters now.",
            "Subscribe to our newsletter for the latest news updates",
        ];
        let features: Vec<Features> = lines.iter().map(|l| Features::of(l)).collect();
        assert_eq!(densest_run(&features), Some(1..4));
        assert_eq!(densest_run(&[Features::of("Menu"), Features::of("Home")]), None);
    }
}
