//! Attributions as the model's [`Quote`]s: the speaker trimmed, the first cue, and the kind
//! read off the quotation marks around the content's words.
//!
//! `newsgraph_bench::quotes::style` reads the kind the same way, from its own copy on purpose:
//! a benchmark's scorer must not share code with what it scores.

use std::ops::Range;

use newsgraph_model::{Quote, QuoteKind, Span};

use super::Attribution;

/// The attributions of `text` as quotes, spans byte offsets into `text`. The speaker is the
/// source (from its first piece's start to its last piece's end) trimmed of edge whitespace and
/// punctuation, none when nothing is left; the cue is the first cue piece. An attribution
/// without content is no quote and is left out.
pub fn quotes(text: &str, attributions: &[Attribution]) -> Vec<Quote> {
    let quoted = quoted_mask(text);
    let tokens = word_tokens(text);
    attributions
        .iter()
        .filter_map(|a| {
            let content: Vec<Span> =
                a.content.iter().filter(|r| r.start < r.end).map(|r| Span::new(r.start, r.end)).collect();
            if content.is_empty() {
                return None;
            }
            let speaker = match (a.source.iter().map(|r| r.start).min(), a.source.iter().map(|r| r.end).max())
            {
                (Some(start), Some(end)) => trimmed(text, start..end),
                _ => None,
            };
            let cue = a.cue.first().and_then(|r| trimmed(text, r.clone()));
            Some(Quote {
                kind: kind(&tokens, &quoted, &a.content),
                speaker,
                referent: None,
                speaker_entity: None,
                cue,
                content,
            })
        })
        .collect()
}

/// How much of the content lies inside quotation marks: [`QuoteKind::Direct`] when all its
/// words do, [`QuoteKind::Mixed`] when some do, [`QuoteKind::Indirect`] when none do.
pub fn quote_kind(text: &str, content: &[Range<usize>]) -> QuoteKind {
    kind(&word_tokens(text), &quoted_mask(text), content)
}

/// The kind of `content` from the text's word `tokens` (in order) and its quoted bytes.
fn kind(tokens: &[Range<usize>], quoted: &[bool], content: &[Range<usize>]) -> QuoteKind {
    // The tokens overlapping the content, each once, found by binary search: a text has many
    // attributions, and reading all its tokens for each one made this quadratic.
    let mut overlapping: Vec<usize> = Vec::new();
    for r in content {
        let first = tokens.partition_point(|t| t.end <= r.start);
        overlapping.extend((first..tokens.len()).take_while(|&i| tokens[i].start < r.end));
    }
    overlapping.sort_unstable();
    overlapping.dedup();
    let inside = overlapping.iter().filter(|&&i| quoted[tokens[i].start]).count();
    let outside = overlapping.len() - inside;
    match (inside, outside) {
        (0, _) => QuoteKind::Indirect,
        (_, 0) => QuoteKind::Direct,
        _ => QuoteKind::Mixed,
    }
}

/// `range` of `text` without edge whitespace and punctuation, or none when nothing is left or
/// the range does not lie on char boundaries.
fn trimmed(text: &str, range: Range<usize>) -> Option<Span> {
    let piece = text.get(range.clone())?;
    let edge = |c: char| c.is_whitespace() || c.is_ascii_punctuation() || is_quote_mark(c);
    let start = range.start + (piece.len() - piece.trim_start_matches(edge).len());
    let end = range.start + piece.trim_end_matches(edge).len();
    (start < end).then(|| Span::new(start, end))
}

fn is_quote_mark(c: char) -> bool {
    matches!(
        c,
        '\u{201c}' | '\u{201d}' | '\u{2018}' | '\u{2019}' | '\u{ab}' | '\u{bb}' | '\u{2014}' | '\u{2013}'
    )
}

/// For every byte of `text`, whether it lies between an opening and a closing double quote.
/// Straight quotes alternate; curly ones say which they are. A paragraph break closes any
/// quote left open (news paragraphs often open a quote they never close).
fn quoted_mask(text: &str) -> Vec<bool> {
    let mut mask = vec![false; text.len() + 1];
    let mut open = false;
    let mut last = '\0';
    for (i, c) in text.char_indices() {
        match c {
            '\u{201c}' | '\u{ab}' => open = true,
            '\u{201d}' | '\u{bb}' => open = false,
            '"' => open = !open,
            '\n' if last == '\n' => open = false,
            _ => {}
        }
        mask[i..i + c.len_utf8()].fill(open);
        last = c;
    }
    mask
}

/// Word tokens: runs of letters, digits and underscores, as byte ranges.
fn word_tokens(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let word = c.is_alphanumeric() || c == '_';
        match (word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(s..text.len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str =
        "Peskov said Belarus was \u{201c}number one ally.\u{201d} \u{201c}We will win,\u{201d} he said.";

    fn at(needle: &str) -> Range<usize> {
        let start = TEXT.find(needle).expect("needle");
        start..start + needle.len()
    }

    #[test]
    fn kinds_follow_the_quotation_marks() {
        assert_eq!(quote_kind(TEXT, &[at("We will win,")]), QuoteKind::Direct);
        assert_eq!(quote_kind(TEXT, &[at("Belarus was \u{201c}number one ally")]), QuoteKind::Mixed);
        assert_eq!(quote_kind(TEXT, &[at("Belarus was")]), QuoteKind::Indirect);
    }

    #[test]
    fn speakers_are_trimmed_and_empty_content_dropped() {
        let a = Attribution {
            source: vec![at(" he ")],
            cue: vec![at("said.")],
            content: vec![at("We will win,")],
        };
        let none = Attribution { source: vec![at("Peskov")], cue: vec![], content: vec![] };
        let got = quotes(TEXT, &[a, none]);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].speaker.and_then(|s| s.slice(TEXT)), Some("he"));
        assert_eq!(got[0].cue.and_then(|s| s.slice(TEXT)), Some("said"));
        assert_eq!(got[0].kind, QuoteKind::Direct);
    }
}
