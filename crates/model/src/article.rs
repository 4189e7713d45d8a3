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
    /// What each entry of `paragraphs` is (heading, list item, quote, ...). Invariant: either
    /// empty, meaning every paragraph is plain text, or exactly as long as `paragraphs`.
    /// Readers must tolerate a vector of another length by treating every paragraph as plain
    /// text (see [`Article::blocks`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub paragraph_kinds: Vec<ParagraphKind>,
    /// Teasers of other stories found on the page (not part of this article).
    pub related_headlines: Vec<RelatedHeadline>,
    /// Site furniture recognised and removed from the body ("Download our app", ...).
    pub boilerplate: Vec<String>,
    /// Last update time, when the page gives one apart from the publication time (same time
    /// zone rule as `published`).
    #[serde(default)]
    pub updated: Option<DateTime<FixedOffset>>,
    /// The page's own summary (meta description, Open Graph or schema.org description).
    #[serde(default)]
    pub description: Option<String>,
    /// Absolute URL of the article's main image.
    #[serde(default)]
    pub lead_image: Option<String>,
    /// Whether the page is an article, a listing of other stories, or something else.
    #[serde(default)]
    pub page_type: PageType,
}

impl Article {
    /// The body as one text: paragraphs separated by a blank line. Offsets in [`crate::Span`]
    /// point into this string.
    pub fn text(&self) -> String {
        self.paragraphs.join("\n\n")
    }

    /// Who published it: the site's name, else its URL's host (lower-cased, without `www.`).
    pub fn outlet(&self) -> Option<String> {
        outlet(self.site.as_deref(), self.url.as_deref())
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

    /// Each paragraph with its kind. When `paragraph_kinds` breaks its invariant (a length
    /// other than zero or `paragraphs.len()`), every paragraph is plain text.
    pub fn blocks(&self) -> impl Iterator<Item = (ParagraphKind, &str)> + '_ {
        let kinds = (self.paragraph_kinds.len() == self.paragraphs.len()).then_some(&self.paragraph_kinds);
        self.paragraphs.iter().enumerate().map(move |(i, text)| {
            (kinds.and_then(|k| k.get(i)).copied().unwrap_or(ParagraphKind::Text), text.as_str())
        })
    }

    /// The title and body as Markdown: the title as a level-1 heading, body headings as
    /// `##`..`######`, list items as `- `, quotes as `> `, preformatted text fenced, plain
    /// paragraphs separated by blank lines. Plain text that would read as Markdown syntax
    /// at the start of a line is escaped.
    pub fn markdown(&self) -> String {
        let mut out = String::new();
        let title = one_line(&self.title);
        if !title.is_empty() {
            out.push_str("# ");
            out.push_str(&escape_line_start(&title));
        }
        let mut previous: Option<ParagraphKind> = None;
        for (kind, text) in self.blocks() {
            if text.trim().is_empty() {
                continue;
            }
            if !out.is_empty() {
                // Consecutive list items form one list.
                let tight = previous == Some(ParagraphKind::ListItem) && kind == ParagraphKind::ListItem;
                out.push_str(if tight { "\n" } else { "\n\n" });
            }
            match kind {
                ParagraphKind::Text => out.push_str(&escape_paragraph(text)),
                ParagraphKind::Heading(level) => {
                    out.push_str(&"#".repeat(usize::from(level.clamp(2, 6))));
                    out.push(' ');
                    out.push_str(&escape_line_start(&one_line(text)));
                }
                ParagraphKind::ListItem => {
                    out.push_str("- ");
                    out.push_str(&escape_paragraph(text).replace('\n', "\n  "));
                }
                ParagraphKind::Quote => {
                    let quoted: Vec<String> = text
                        .lines()
                        .map(|l| {
                            if l.trim().is_empty() {
                                ">".to_string()
                            } else {
                                format!("> {}", escape_line_start(l.trim()))
                            }
                        })
                        .collect();
                    out.push_str(&quoted.join("\n"));
                }
                ParagraphKind::Preformatted => {
                    let mut fence = "```".to_string();
                    while text.contains(fence.as_str()) {
                        fence.push('`');
                    }
                    out.push_str(&fence);
                    out.push('\n');
                    out.push_str(text.trim_end_matches('\n'));
                    out.push('\n');
                    out.push_str(&fence);
                }
            }
            previous = Some(kind);
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out
    }
}

/// Whitespace (line breaks included) folded to single spaces.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A plain paragraph with each line's leading Markdown syntax escaped.
fn escape_paragraph(text: &str) -> String {
    text.lines().map(|l| escape_line_start(l.trim())).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n")
}

/// Escapes what would turn the start of a line into Markdown block syntax: `#` headings,
/// `>` quotes, `-`/`+`/`*` list items or rules, `1.` / `1)` ordered items, fences, tables.
fn escape_line_start(line: &str) -> String {
    let mut chars = line.chars();
    let Some(first) = chars.next() else {
        return String::new();
    };
    let marker = match first {
        '#' | '>' | '|' | '`' | '~' | '=' => true,
        '-' | '+' | '*' | '_' => {
            matches!(chars.next(), None | Some(' ' | '\t')) || line.chars().all(|c| c == first || c == ' ')
        }
        '0'..='9' => {
            let digits = line.chars().take_while(char::is_ascii_digit).count();
            let rest = &line[digits..];
            (rest.starts_with(". ") || rest.starts_with(") ") || rest == "." || rest == ")") && digits <= 9
        }
        _ => false,
    };
    if !marker {
        return line.to_string();
    }
    if first.is_ascii_digit() {
        let digits = line.chars().take_while(char::is_ascii_digit).count();
        return format!("{}\\{}", &line[..digits], &line[digits..]);
    }
    format!("\\{line}")
}

/// What a paragraph of the body is, for rendering it (Markdown, HTML).
///
/// Serialised as `"text"`, `"list_item"`, `"quote"`, `"preformatted"`, or `{"heading": 2}`
/// for a heading with its level (2 to 6; the article's title is level 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ParagraphKind {
    #[default]
    Text,
    /// A heading inside the body, level 2 to 6 (other levels are read as the nearest).
    Heading(u8),
    ListItem,
    Quote,
    Preformatted,
}

/// What kind of page an article was extracted from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PageType {
    /// One story with a body of its own.
    #[default]
    Article,
    /// A home, section, tag or search page: mostly headlines of other stories.
    Listing,
    /// Neither: too little text to call it an article, no sign of a listing.
    Other,
}

impl PageType {
    pub fn as_str(self) -> &'static str {
        match self {
            PageType::Article => "article",
            PageType::Listing => "listing",
            PageType::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "article" => PageType::Article,
            "listing" => PageType::Listing,
            "other" => PageType::Other,
            _ => return None,
        })
    }
}

impl fmt::Display for PageType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
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

/// Who published an article with this site name and URL: the site's name, else the URL's host
/// (lower-cased, without `www.`).
pub fn outlet(site: Option<&str>, url: Option<&str>) -> Option<String> {
    if let Some(site) = site.map(str::trim).filter(|s| !s.is_empty()) {
        return Some(site.to_owned());
    }
    let rest = url?.split_once("://")?.1;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?.split(':').next()?.to_ascii_lowercase();
    let host = host.trim_start_matches("www.");
    (!host.is_empty()).then(|| host.to_owned())
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
    #[test]
    fn the_outlet_is_the_site_else_the_host() {
        assert_eq!(
            outlet(Some(" BOL News "), Some("https://www.bolnews.com/x")).as_deref(),
            Some("BOL News")
        );
        assert_eq!(
            outlet(Some(""), Some("https://user@WWW.BolNews.com:443/x?y")).as_deref(),
            Some("bolnews.com")
        );
        assert_eq!(outlet(None, Some("not a url")), None);
        assert_eq!(outlet(None, None), None);
    }

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

    fn with_kinds(title: &str, blocks: &[(ParagraphKind, &str)]) -> Article {
        Article {
            title: title.into(),
            paragraphs: blocks.iter().map(|(_, t)| t.to_string()).collect(),
            paragraph_kinds: blocks.iter().map(|(k, _)| *k).collect(),
            ..Article::default()
        }
    }

    #[test]
    fn markdown_renders_each_kind() {
        use ParagraphKind::*;
        let a = with_kinds(
            "Bridge closes",
            &[
                (Text, "The council voted on Tuesday."),
                (Heading(2), "What happens next"),
                (ListItem, "Buses take the detour."),
                (ListItem, "Cyclists keep the bridge."),
                (Quote, "It is a sad day."),
                (Heading(4), "Timeline"),
                (Preformatted, "2019  report\n2024  vote"),
                (Text, "The end."),
            ],
        );
        assert_eq!(
            a.markdown(),
            "# Bridge closes\n\nThe council voted on Tuesday.\n\n## What happens next\n\n\
             - Buses take the detour.\n- Cyclists keep the bridge.\n\n> It is a sad day.\n\n#### Timeline\n\n\
             ```\n2019  report\n2024  vote\n```\n\nThe end.\n"
        );
    }

    #[test]
    fn markdown_without_kinds_or_with_the_wrong_number_is_plain() {
        let mut a = article(&["First.", "Second."]);
        a.title = "T".into();
        assert_eq!(a.markdown(), "# T\n\nFirst.\n\nSecond.\n");
        a.paragraph_kinds = vec![ParagraphKind::Heading(2)];
        assert_eq!(a.markdown(), "# T\n\nFirst.\n\nSecond.\n");
        a.paragraph_kinds = vec![ParagraphKind::Quote; 5];
        assert_eq!(a.markdown(), "# T\n\nFirst.\n\nSecond.\n");
        assert_eq!(Article::default().markdown(), "");
    }

    #[test]
    fn markdown_escapes_syntax_in_plain_text_and_clamps_levels() {
        use ParagraphKind::*;
        let a = with_kinds(
            "#1 story",
            &[
                (Text, "# not a heading"),
                (Text, "- not a list"),
                (Text, "1. not ordered"),
                (Text, "2024 was a year."),
                (Text, "> not a quote"),
                (Heading(1), "Too high"),
                (Heading(9), "Too low"),
                (Preformatted, "a ``` b"),
                (Text, "  "),
            ],
        );
        assert_eq!(
            a.markdown(),
            "# \\#1 story\n\n\\# not a heading\n\n\\- not a list\n\n1\\. not ordered\n\n2024 was a year.\n\n\
             \\> not a quote\n\n## Too high\n\n###### Too low\n\n````\na ``` b\n````\n"
        );
    }

    #[test]
    fn paragraph_kinds_and_page_type_serialise_in_snake_case() {
        use ParagraphKind::*;
        let a = with_kinds("T", &[(Heading(3), "H"), (ListItem, "L"), (Text, "P")]);
        let json = serde_json::to_value(&a).expect("serialise");
        assert_eq!(json["paragraph_kinds"], serde_json::json!([{"heading": 3}, "list_item", "text"]));
        assert_eq!(json["page_type"], "article");
        let back: Article = serde_json::from_value(json).expect("deserialise");
        assert_eq!(back, a);
        assert!(serde_json::to_value(article(&["x"])).expect("serialise").get("paragraph_kinds").is_none());
        for t in [PageType::Article, PageType::Listing, PageType::Other] {
            assert_eq!(PageType::parse(t.as_str()), Some(t));
            assert_eq!(serde_json::to_value(t).expect("serialise"), t.as_str());
        }
    }

    #[test]
    fn json_from_before_the_new_fields_still_reads() {
        let old = r#"{"url":null,"title":"T","title_inferred":false,"authors":[],"published":null,
            "language":"en","site":null,"paragraphs":["P"],"related_headlines":[],"boilerplate":[]}"#;
        let a: Article = serde_json::from_str(old).expect("old JSON");
        assert_eq!(a.page_type, PageType::Article);
        assert!(a.paragraph_kinds.is_empty() && a.updated.is_none() && a.description.is_none());
        assert!(a.lead_image.is_none());
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
