//! Article, listing or other: what kind of page the extraction came from, decided from what
//! the markup declares and the shape of what was found (body words against headline links).
//!
//! General rules, no site knowledge:
//! - an explicit article declaration (a schema.org NewsArticle, BlogPosting, ... object)
//!   makes an article;
//! - a declared listing (schema.org CollectionPage, SearchResultsPage, ProfilePage) is a
//!   listing, unless `og:type` says article and the body is substantial;
//! - `og:type` `article` makes an article unless headlines swamp a short body;
//! - otherwise headlines outweighing the body (twice over, or at all when it is short) make
//!   a listing, sooner on a home or section URL, an `og:type` `website` page or one with a
//!   schema.org ItemList; a body of
//!   some length (80 words, or three paragraphs of 50) makes an article; what is left (a few
//!   lines, no declaration) is `other`.
//!
//! Words are counted so that scripts written without spaces (Chinese, Japanese) compare.

use newsgraph_model::PageType;

use crate::metadata::Declared;

/// Body words from which an undeclared page counts as an article...
const MIN_ARTICLE_WORDS: usize = 80;
/// ... or a body of [`MIN_ARTICLE_PARAGRAPHS`] paragraphs with this many words.
const MIN_SHORT_ARTICLE_WORDS: usize = 50;
const MIN_ARTICLE_PARAGRAPHS: usize = 3;
/// Body words from which a declared listing is taken as an article after all.
const SUBSTANTIAL_WORDS: usize = 300;
/// Headlines from which a page can look like a listing.
const MANY_HEADLINES: usize = 8;

/// What a page's classification rests on.
#[derive(Debug, Default, Clone, Copy)]
pub struct Evidence {
    pub declared: Declared,
    /// Words in the body paragraphs.
    pub body_words: usize,
    /// Body paragraphs.
    pub paragraphs: usize,
    /// Teaser headlines found on the page (related or listed stories).
    pub headlines: usize,
    /// Words in those headlines.
    pub headline_words: usize,
    /// The URL is a home or section page (`/`, `/world/`), not a story's own address.
    pub front_url: bool,
}

/// Words in a text, for comparing amounts of text across scripts: whitespace-separated
/// tokens, except that Chinese and Japanese characters (written without spaces) count as
/// half a word each.
pub fn words(text: &str) -> usize {
    let (mut tokens, mut ideographs) = (0usize, 0usize);
    for token in text.split_whitespace() {
        let dense = token.chars().filter(|c| is_unspaced_script(*c)).count();
        if dense == 0 {
            tokens += 1;
        } else {
            ideographs += dense;
            tokens += usize::from(dense < token.chars().count());
        }
    }
    tokens + ideographs.div_ceil(2)
}

/// Han, Hiragana and Katakana: scripts that do not separate words with spaces.
fn is_unspaced_script(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF66..=0xFF9D | 0x20000..=0x2FA1F)
}

pub fn classify(e: &Evidence) -> PageType {
    // Headlines outweigh the body: twice over, or at all when the body is short.
    let swamped = e.headlines >= MANY_HEADLINES
        && (e.headline_words >= 2 * e.body_words
            || (e.headline_words >= e.body_words && e.body_words < MIN_ARTICLE_WORDS));
    let front = e.declared.og_website || e.declared.schema_item_list || e.front_url;
    if e.declared.schema_article {
        return PageType::Article;
    }
    if e.declared.schema_listing {
        let body_wins = e.declared.og_article && e.body_words >= SUBSTANTIAL_WORDS;
        return if body_wins { PageType::Article } else { PageType::Listing };
    }
    if e.declared.og_article {
        let listing = swamped && e.body_words < MIN_ARTICLE_WORDS;
        return if listing { PageType::Listing } else { PageType::Article };
    }
    if swamped || (front && e.headlines >= MANY_HEADLINES && e.body_words < SUBSTANTIAL_WORDS) {
        return PageType::Listing;
    }
    let short_article = e.paragraphs >= MIN_ARTICLE_PARAGRAPHS && e.body_words >= MIN_SHORT_ARTICLE_WORDS;
    if e.body_words >= MIN_ARTICLE_WORDS || short_article {
        return PageType::Article;
    }
    if front && e.headlines >= 3 { PageType::Listing } else { PageType::Other }
}

/// Whether a URL looks like a home or section page rather than a story: an empty path,
/// `/index.html`, or one or two short path segments without digits (`/world/`,
/// `/sport/football`). A story URL carries a slug, an id or a date.
pub fn is_front_url(url: &str) -> bool {
    let Some((_, rest)) = url.split_once("://") else {
        return false;
    };
    let path = rest.find('/').map_or("", |i| &rest[i..]);
    let path = path.split(['?', '#']).next().unwrap_or_default();
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    match segments.as_slice() {
        [] => true,
        [only] if only.starts_with("index.") || only.starts_with("default.") => true,
        _ if segments.len() <= 2 => segments.iter().all(|s| {
            s.chars().count() <= 24
                && !s.contains('.')
                && !s.chars().any(|c| c.is_ascii_digit())
                && s.matches(['-', '_']).count() <= 1
        }),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn evidence(body_words: usize, headlines: usize) -> Evidence {
        Evidence { body_words, headlines, headline_words: headlines * 8, ..Evidence::default() }
    }

    #[test]
    fn declarations_decide_first() {
        let mut e = evidence(20, 40);
        e.declared.schema_article = true;
        assert_eq!(classify(&e), PageType::Article);
        let mut e = evidence(600, 0);
        e.declared.schema_listing = true;
        assert_eq!(classify(&e), PageType::Listing, "teasers read as a body");
        e.declared.og_article = true;
        assert_eq!(classify(&e), PageType::Article, "an article page with a stray CollectionPage");
        let mut e = evidence(600, 10);
        e.declared.schema_item_list = true;
        assert_eq!(classify(&e), PageType::Article, "an article with a list of related stories");
        e.body_words = 200;
        assert_eq!(classify(&e), PageType::Listing);
        let mut e = evidence(30, 0);
        e.declared.og_article = true;
        assert_eq!(classify(&e), PageType::Article, "a short article is still an article");
        e.headlines = 30;
        e.headline_words = 240;
        assert_eq!(classify(&e), PageType::Listing);
    }

    #[test]
    fn undeclared_pages_go_by_shape() {
        assert_eq!(classify(&evidence(500, 12)), PageType::Article, "a body with a related box");
        assert_eq!(classify(&evidence(90, 30)), PageType::Listing, "headlines swamp the body");
        assert_eq!(classify(&evidence(60, 8)), PageType::Listing, "headlines outweigh a short body");
        assert_eq!(classify(&evidence(200, 25)), PageType::Article, "a body beside a big related box");
        assert_eq!(classify(&evidence(120, 0)), PageType::Article);
        assert_eq!(classify(&evidence(25, 1)), PageType::Other);
        assert_eq!(classify(&evidence(60, 1)), PageType::Other, "one paragraph of 60 words");
        let mut e = evidence(60, 1);
        e.paragraphs = 3;
        assert_eq!(classify(&e), PageType::Article, "three short paragraphs");
        let mut e = evidence(200, 10);
        e.headline_words = 50;
        assert_eq!(classify(&e), PageType::Article);
        e.front_url = true;
        assert_eq!(classify(&e), PageType::Listing, "a home page with teaser blurbs");
        let mut e = evidence(30, 4);
        e.declared.og_website = true;
        assert_eq!(classify(&e), PageType::Listing);
    }

    #[test]
    fn counts_words_in_unspaced_scripts() {
        assert_eq!(words("The bridge closes today."), 4);
        assert_eq!(words("東京都は新しい橋を開通させた"), 7);
        assert_eq!(words("NHK によると 東京"), 4);
    }

    #[test]
    fn front_urls() {
        for url in [
            "https://news.example",
            "https://news.example/",
            "https://news.example/world/",
            "https://news.example/sport/football?page=2",
            "https://news.example/index.html",
        ] {
            assert!(is_front_url(url), "{url}");
        }
        for url in [
            "https://news.example/world/2024/05/03/bridge-closes",
            "https://news.example/bridge-closes-after-council-vote",
            "https://news.example/story/3000000218734",
            "https://news.example/a/b/c",
            "https://news.example/news/bridge.html",
            "not a url",
        ] {
            assert!(!is_front_url(url), "{url}");
        }
    }
}
