//! Extraction: raw page bytes (HTML or plain text) -> [`Article`].
//!
//! Pure: no I/O, no clock. The caller reads files or fetches pages and hands the bytes over.
//!
//! Both paths share one idea: split the page into blocks (lines of a text page, paragraph
//! elements of an HTML page), describe each block by a few features ([`classify`]), and keep
//! the densest run of paragraph-like blocks as the body. What surrounds the body becomes the
//! title, related headlines or boilerplate.

mod byline;
mod classify;
mod dates;
mod decode;
mod dom;
mod html;
mod language;
mod links;
mod metadata;
mod page_type;
mod readability;
mod related;
mod text;
mod title;

use newsgraph_model::Article;

pub use dates::parse_machine;
pub use decode::decode;
pub use html::extract_html;
pub use text::extract_text;

/// What the caller knows about a page besides its bytes.
#[derive(Debug, Clone, Default)]
pub struct ExtractOptions {
    /// The page's URL, when known (used for the article's `url` and to resolve links).
    pub url: Option<String>,
    /// A charset named by the transport (HTTP `Content-Type`), when known.
    pub charset: Option<String>,
    /// A headline given alongside the text (a JSONL corpus's `title` field). When present the
    /// extractor does not look for one, and drops a first line that repeats it.
    pub title: Option<String>,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ExtractError {
    #[error("empty input")]
    Empty,
    #[error("binary data, not a text or HTML page")]
    Binary,
    #[error("no article text found")]
    NoText,
    #[error("unknown charset {0:?}")]
    UnknownCharset(String),
}

/// Extracts an article from page bytes, deciding between HTML and plain text by content.
pub fn extract(bytes: &[u8], options: &ExtractOptions) -> Result<Article, ExtractError> {
    let text = decode(bytes, options.charset.as_deref())?;
    if looks_like_html(&text) { extract_html(&text, options) } else { extract_text(&text, options) }
}

/// True when the text starts (after whitespace and a BOM) like a markup document, or carries
/// the elements any HTML page has near its top: how [`extract`] tells HTML from plain text.
pub fn looks_like_html(text: &str) -> bool {
    let head: String = text
        .trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n'])
        .chars()
        .take(2048)
        .collect::<String>()
        .to_ascii_lowercase();
    if head.starts_with("<!doctype html") || head.starts_with("<html") || head.starts_with("<?xml") {
        return true;
    }
    ["<html", "<head", "<body", "<p>", "<div", "<meta "].iter().filter(|tag| head.contains(*tag)).count() >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_html_and_text() {
        assert!(looks_like_html("<!DOCTYPE html><html><body><p>Hi</p></body></html>"));
        assert!(looks_like_html("  <div class=a><p>Hello there</p></div>"));
        assert!(!looks_like_html("Plain text about <b> tags.\nSecond line."));
    }

    #[test]
    fn empty_and_binary_inputs_are_errors() {
        let options = ExtractOptions::default();
        assert_eq!(extract(b"", &options), Err(ExtractError::Empty));
        assert_eq!(extract(b" \n\t \r\n", &options), Err(ExtractError::Empty));
        assert_eq!(extract(b"\x00\x01\x02PNG\x00\x00\x10", &options), Err(ExtractError::Binary));
    }
}
