use chrono::{DateTime, FixedOffset, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::fmt;

use crate::Source;

/// A news article as extraction hands it over: what the page says, nothing the store adds.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Article {
    pub url: Option<String>,
    pub title: String,
    /// True when the page carried no headline of its own and `title` was made from the body.
    pub title_inferred: bool,
    pub authors: Vec<String>,
    /// Publication time, in the time zone the page gave (UTC when it gave none).
    pub published: Option<DateTime<FixedOffset>>,
    /// ISO 639-1 code when known (`en`, `de`, ...).
    pub language: Option<String>,
    /// The publication's name, when the page says it.
    pub site: Option<String>,
    /// The article's body, one entry per paragraph, in reading order.
    pub paragraphs: Vec<String>,
    /// Teasers of other stories found on the page (not part of this article).
    pub related_headlines: Vec<RelatedHeadline>,
    /// Site furniture recognised and removed from the body ("Download our app", ...).
    pub boilerplate: Vec<String>,
}

impl Article {
    /// The body as one text: paragraphs separated by a blank line. Offsets in [`crate::Span`]
    /// point into this string.
    pub fn text(&self) -> String {
        self.paragraphs.join("\n\n")
    }

    /// Identity of the article's content, independent of formatting: the body (or, for an
    /// article without a body, the title) lower-cased with whitespace folded, hashed.
    pub fn content_hash(&self) -> ContentHash {
        let mut hasher = Sha256::new();
        let mut words = 0usize;
        for paragraph in &self.paragraphs {
            for word in paragraph.split_whitespace() {
                hash_word(&mut hasher, word, &mut words);
            }
        }
        if words == 0 {
            for word in self.title.split_whitespace() {
                hash_word(&mut hasher, word, &mut words);
            }
        }
        let digest = hasher.finalize();
        ContentHash(digest.iter().map(|b| format!("{b:02x}")).collect())
    }

    pub fn word_count(&self) -> usize {
        self.paragraphs.iter().map(|p| p.split_whitespace().count()).sum()
    }
}

fn hash_word(hasher: &mut Sha256, word: &str, count: &mut usize) {
    if *count > 0 {
        hasher.update(b" ");
    }
    hasher.update(word.to_lowercase().as_bytes());
    *count += 1;
}

/// A headline of another story shown on the page, with its link when there was one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelatedHeadline {
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// Hex SHA-256 of an article's normalised content; equal hashes mean the same article.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ContentHash(pub String);

impl fmt::Display for ContentHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The store's identifier of an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ArticleId(pub i64);

impl fmt::Display for ArticleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// An article as the store keeps it: the extracted article plus what the store knows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredArticle {
    pub id: ArticleId,
    #[serde(flatten)]
    pub article: Article,
    pub content_hash: ContentHash,
    pub source: Source,
    /// When the page was fetched over the network; `None` for imported files.
    pub fetched_at: Option<DateTime<Utc>>,
    pub imported_at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(paragraphs: &[&str]) -> Article {
        Article { paragraphs: paragraphs.iter().map(|p| p.to_string()).collect(), ..Article::default() }
    }

    #[test]
    fn content_hash_ignores_case_and_whitespace() {
        let a = article(&["Putin  went to\tMinsk.", "It rained."]);
        let b = article(&["putin went to minsk. it rained."]);
        assert_eq!(a.content_hash(), b.content_hash());
        assert_ne!(a.content_hash(), article(&["Putin went to Kyiv."]).content_hash());
    }

    #[test]
    fn content_hash_falls_back_to_title() {
        let mut a = Article { title: "Only a title".into(), ..Article::default() };
        let h1 = a.content_hash();
        a.title = "Another title".into();
        assert_ne!(h1, a.content_hash());
    }

    #[test]
    fn stored_article_serialises_flat() {
        let stored = StoredArticle {
            id: ArticleId(7),
            article: article(&["Body."]),
            content_hash: ContentHash("ab".into()),
            source: Source { kind: crate::SourceKind::File, location: "a.txt".into() },
            fetched_at: None,
            imported_at: DateTime::from_timestamp(0, 0).expect("epoch"),
        };
        let json = serde_json::to_value(&stored).expect("serialise");
        assert_eq!(json["id"], 7);
        assert_eq!(json["paragraphs"][0], "Body.");
        assert_eq!(json["source"]["kind"], "file");
    }
}
