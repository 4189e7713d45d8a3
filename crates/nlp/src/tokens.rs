//! Sentences and tokens of English news text, as byte ranges of the input.
//!
//! Tokens follow the Penn Treebank conventions of CoNLL-2003, the tagger's training data:
//! punctuation, possessive `'s` and `n't` split off; abbreviations and initials keep their
//! period (`U.S.`, `Mr.`, `J.`); hyphenated words, numbers with separators, URLs and e-mail
//! addresses stay whole; `$1.8bn` is `$` `1.8` `bn`, as CoNLL's `$` `1.8` `million`. Curly
//! quotes and apostrophes split like straight ones; [`tagger_form`] rewrites them for the
//! tagger.
//!
//! Sentences end at `.` `?` `!` (and the closing quotes or brackets after them) followed by
//! a word that can open a sentence, at blank lines (articles are paragraphs joined by
//! `"\n\n"`), at a line break before a capitalised line (headlines and teasers carry no
//! final stop), and after [`MAX_SENTENCE_TOKENS`] tokens.

use std::borrow::Cow;

/// Longest sentence handed on: pathological input (a page of numbers without a stop) is cut
/// into pieces the tagger decodes in bounded time.
pub const MAX_SENTENCE_TOKENS: usize = 300;

/// A token: the byte range `[start, end)` of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
}

impl Token {
    /// The token's text; empty when `text` is not the string it was cut from.
    pub fn text(self, text: &str) -> &str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// A sentence: the byte range from its first token's start to its last token's end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    pub tokens: Vec<Token>,
}

/// What separates a token from the one before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Gap {
    /// Nothing: split off the same whitespace-free chunk.
    None,
    Space,
    /// One line break.
    Line,
    /// A blank line, or the start of the text.
    Paragraph,
}

#[derive(Debug, Clone, Copy)]
struct Tok {
    start: usize,
    end: usize,
    gap: Gap,
}

/// The text's sentences, in order, none empty.
pub fn sentences(text: &str) -> Vec<Sentence> {
    let toks = tokenize(text);
    let mut out = Vec::new();
    let mut current: Vec<Token> = Vec::new();
    for (i, tok) in toks.iter().enumerate() {
        if !current.is_empty() && (current.len() >= MAX_SENTENCE_TOKENS || breaks_before(text, &toks, i)) {
            out.push(sentence(std::mem::take(&mut current)));
        }
        current.push(Token { start: tok.start, end: tok.end });
    }
    if !current.is_empty() {
        out.push(sentence(current));
    }
    out
}

/// The text's tokens, in order, without sentence structure.
pub fn tokens(text: &str) -> Vec<Token> {
    tokenize(text).into_iter().map(|t| Token { start: t.start, end: t.end }).collect()
}

/// The form the tagger saw in training for a token: CoNLL-2003 writes straight quotes and
/// apostrophes, `--` for dashes and `...` for an ellipsis.
pub fn tagger_form(word: &str) -> Cow<'_, str> {
    match word {
        "\u{201c}" | "\u{201d}" | "\u{201e}" | "\u{ab}" | "\u{bb}" => Cow::Borrowed("\""),
        "\u{2014}" | "\u{2013}" | "\u{2015}" | "\u{2012}" => Cow::Borrowed("--"),
        "\u{2026}" => Cow::Borrowed("..."),
        // Reuters (the training text) writes the country "U.S."; most outlets today write
        // "US", which the tagger has seen only six times.
        "US" => Cow::Borrowed("U.S."),
        _ if word.contains(['\u{2018}', '\u{2019}']) => {
            Cow::Owned(word.replace(['\u{2018}', '\u{2019}'], "'"))
        }
        _ => Cow::Borrowed(word),
    }
}

fn sentence(tokens: Vec<Token>) -> Sentence {
    let start = tokens.first().map_or(0, |t| t.start);
    let end = tokens.last().map_or(0, |t| t.end);
    Sentence { start, end, tokens }
}

/// Whether a sentence ends between token `i - 1` and token `i`.
fn breaks_before(text: &str, toks: &[Tok], i: usize) -> bool {
    let next = &text[toks[i].start..toks[i].end];
    match toks[i].gap {
        Gap::None => false,
        Gap::Paragraph => true,
        Gap::Line if opens_line(next) => true,
        Gap::Line | Gap::Space => {
            // Step back over closing quotes and brackets attached to the stop: `fabrications".`
            // and `stupid."` both end before the next word.
            let mut j = i - 1;
            while j > 0 && toks[j].gap == Gap::None && is_closing(&text[toks[j].start..toks[j].end]) {
                j -= 1;
            }
            let last = &text[toks[j].start..toks[j].end];
            if matches!(last, "." | "?" | "!" | "\u{2026}") || is_dot_run(last) {
                opens_sentence(next)
            } else if last.len() > 1 && last.ends_with('.') {
                // A kept abbreviation ends the sentence only where it can stand last
                // ("Inc.", "U.S.", not "Mr." or "J.") and a typical opening word follows.
                !never_last(&last[..last.len() - 1]) && STARTERS.contains(&next)
            } else {
                false
            }
        }
    }
}

fn is_dot_run(s: &str) -> bool {
    s.len() >= 2 && s.bytes().all(|b| b == b'.')
}

fn is_closing(s: &str) -> bool {
    matches!(s, "\"" | "'" | "\u{201d}" | "\u{2019}" | ")" | "]" | "}" | "\u{bb}")
}

/// Whether a word can open a sentence after a stop: a capital, a digit or an opening mark.
fn opens_sentence(word: &str) -> bool {
    word.chars().next().is_some_and(|c| {
        c.is_uppercase()
            || c.is_ascii_digit()
            || matches!(c, '"' | '\'' | '\u{201c}' | '\u{2018}' | '(' | '[' | '\u{ab}' | '\u{bf}' | '\u{a1}')
    })
}

/// Whether a line opens a new sentence although the last one had no stop: headlines,
/// teasers and list items run into the next line otherwise.
fn opens_line(word: &str) -> bool {
    opens_sentence(word) || matches!(word, "\u{2022}" | "*" | "-" | "\u{2013}" | "\u{2014}")
}

/// Words that often open a sentence, for deciding whether "Inc." or "U.S." ended one.
const STARTERS: &[&str] = &[
    "A",
    "After",
    "Also",
    "An",
    "And",
    "As",
    "At",
    "But",
    "For",
    "He",
    "Her",
    "His",
    "However",
    "I",
    "If",
    "In",
    "It",
    "Its",
    "Meanwhile",
    "Many",
    "Most",
    "On",
    "One",
    "Our",
    "She",
    "So",
    "Some",
    "That",
    "The",
    "Their",
    "There",
    "These",
    "They",
    "This",
    "Those",
    "We",
    "What",
    "When",
    "While",
    "Why",
    "You",
];

// ---- Tokenising ----

fn tokenize(text: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut spans = Vec::new();
    let mut gap = Gap::Paragraph;
    let mut newlines = 0u32;
    let mut chunk_start: Option<usize> = None;
    let bytes = text.as_bytes();
    for (i, c) in text.char_indices() {
        if is_space(c) {
            if let Some(start) = chunk_start.take() {
                push_chunk(text, start, i, gap, &mut spans, &mut out);
                gap = Gap::Space;
                newlines = 0;
            }
            newlines += match c {
                '\n' | '\u{b}' | '\u{c}' | '\u{85}' | '\u{2028}' => 1,
                '\r' if bytes.get(i + 1) != Some(&b'\n') => 1,
                '\u{2029}' => 2,
                _ => 0,
            };
            gap = match newlines {
                0 => gap,
                1 => gap.max(Gap::Line),
                _ => Gap::Paragraph,
            };
        } else if chunk_start.is_none() {
            chunk_start = Some(i);
        }
    }
    if let Some(start) = chunk_start {
        push_chunk(text, start, text.len(), gap, &mut spans, &mut out);
    }
    out
}

/// Whitespace, and the invisible characters pages use as such.
fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200b}' | '\u{2060}' | '\u{feff}')
}

fn push_chunk(
    text: &str,
    start: usize,
    end: usize,
    gap: Gap,
    spans: &mut Vec<(usize, usize)>,
    out: &mut Vec<Tok>,
) {
    spans.clear();
    split_chunk(text, start, end, spans);
    for (k, &(s, e)) in spans.iter().enumerate() {
        out.push(Tok { start: s, end: e, gap: if k == 0 { gap } else { Gap::None } });
    }
}

/// Splits a whitespace-free chunk. A URL or e-mail address stays whole, without the
/// brackets, quotes and stops around it.
fn split_chunk(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let chunk = &text[start..end];
    let lead =
        chunk.len() - chunk.trim_start_matches(['(', '[', '<', '"', '\'', '\u{201c}', '\u{2018}']).len();
    let core_end = chunk
        .trim_end_matches(['.', ',', ';', ':', '!', '?', ')', ']', '>', '"', '\'', '\u{201d}', '\u{2019}'])
        .len();
    if lead < core_end && is_url_or_email(&chunk[lead..core_end]) {
        for (i, c) in chunk[..lead].char_indices() {
            out.push((start + i, start + i + c.len_utf8()));
        }
        out.push((start + lead, start + core_end));
        split_plain(text, start + core_end, end, out);
    } else {
        split_plain(text, start, end, out);
    }
}

fn is_url_or_email(s: &str) -> bool {
    let lower = s.get(..8).unwrap_or(s).to_ascii_lowercase();
    if ["http://", "https://", "ftp://", "www."].iter().any(|p| lower.starts_with(p) && s.len() > p.len()) {
        return true;
    }
    let Some((local, domain)) = s.split_once('@') else { return false };
    !local.is_empty()
        && local.chars().all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-'))
        && domain.contains('.')
        && domain.chars().all(|c| c.is_alphanumeric() || matches!(c, '.' | '-'))
        && domain.chars().next_back().is_some_and(char::is_alphanumeric)
}

/// Splits a chunk at the marks that always stand alone, then each piece between them.
fn split_plain(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let mut piece = start;
    let mut i = start;
    while i < end {
        let Some(c) = text[i..end].chars().next() else { break };
        let len = c.len_utf8();
        let run = match c {
            // Runs: "..." and "--" are one token each.
            '.' | '-' if text[i + 1..end].starts_with(c) => {
                i + text[i..end].len() - text[i..end].trim_start_matches(c).len()
            }
            ',' | ':' if !between_digits(text, i, end) => i + len,
            '"' | '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{ab}' | '\u{bb}' | '(' | ')' | '[' | ']'
            | '{' | '}' | '<' | '>' | ';' | '!' | '?' | '\u{2026}' | '\u{2014}' | '\u{2013}' | '\u{2015}'
            | '\u{2012}' | '\u{a1}' | '\u{bf}' | '|' | '*' | '\u{2022}' => i + len,
            _ => {
                i += len;
                continue;
            }
        };
        split_piece(text, piece, i, out);
        out.push((i, run));
        i = run;
        piece = run;
    }
    split_piece(text, piece, end, out);
}

fn between_digits(text: &str, i: usize, end: usize) -> bool {
    let before = text[..i].chars().next_back().is_some_and(|c| c.is_ascii_digit());
    let after = text[i + 1..end].chars().next().is_some_and(|c| c.is_ascii_digit());
    before && after
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2018}' | '\u{2019}' | '`')
}

/// Splits a piece free of the always-alone marks: quotes and currency signs in front;
/// stops, apostrophes, `%` and clitics behind; a magnitude after a number.
fn split_piece(text: &str, mut s: usize, mut e: usize, out: &mut Vec<(usize, usize)>) {
    loop {
        let rest = &text[s..e];
        let Some(c) = rest.chars().next() else { return };
        let len = c.len_utf8();
        let after = &rest[len..];
        let split = if is_apostrophe(c) {
            // Keep "'s" and "'90s" whole; an opening quote goes.
            !after.is_empty()
                && clitic_len(rest) != Some(rest.len())
                && !after.starts_with(|d: char| d.is_ascii_digit())
        } else if matches!(c, '$' | '\u{a3}' | '\u{20ac}' | '\u{a5}') {
            !after.is_empty()
        } else {
            false
        };
        if !split {
            break;
        }
        out.push((s, s + len));
        s += len;
    }
    // "US$5" -> "US$" "5", as CoNLL writes it.
    if let Some(dollar) = text[s..e].find('$') {
        let prefix = &text[s..s + dollar];
        if (1..=3).contains(&prefix.len())
            && prefix.bytes().all(|b| b.is_ascii_uppercase())
            && s + dollar + 1 < e
        {
            out.push((s, s + dollar + 1));
            s += dollar + 1;
        }
    }

    let mut tail = Vec::new();
    loop {
        let rest = &text[s..e];
        let Some(c) = rest.chars().next_back() else { break };
        let len = c.len_utf8();
        if rest.len() == len {
            break;
        }
        let cut = if c == '.' {
            if keeps_period(&rest[..rest.len() - 1]) { None } else { Some(1) }
        } else if is_apostrophe(c) || c == '%' {
            Some(len)
        } else {
            clitic_len(rest).filter(|&n| n < rest.len())
        };
        let Some(n) = cut else { break };
        tail.push((e - n, e));
        e -= n;
    }
    if s < e {
        match magnitude_split(&text[s..e]) {
            Some(at) => {
                out.push((s, s + at));
                out.push((s + at, e));
            }
            None => out.push((s, e)),
        }
    }
    out.extend(tail.into_iter().rev());
}

/// The byte length of a clitic ending the word: `'s`, `n't`, `'re`, `'ve`, `'ll`, `'d`, `'m`,
/// with a straight or curly apostrophe.
fn clitic_len(word: &str) -> Option<usize> {
    let (head, last) =
        word.char_indices().rev().find(|&(_, c)| is_apostrophe(c)).map(|(i, c)| (i, c.len_utf8()))?;
    let suffix = &word[head + last..];
    if !matches!(suffix.to_ascii_lowercase().as_str(), "s" | "t" | "re" | "ve" | "ll" | "d" | "m") {
        return None;
    }
    if suffix.eq_ignore_ascii_case("t") {
        // "n't": the n goes with it ("do" "n't", "ca" "n't").
        let before = &word[..head];
        return before.ends_with(['n', 'N']).then(|| word.len() - head + 1);
    }
    Some(word.len() - head)
}

/// Whether the period after `core` belongs to it: abbreviations, initials, dotted acronyms.
fn keeps_period(core: &str) -> bool {
    if core.is_empty() || core.len() > 16 {
        return false;
    }
    let mut chars = core.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return c.is_uppercase();
    }
    if never_last(core) || MAY_END.contains(&core) || LOWER_ABBREVIATIONS.contains(&core) {
        return true;
    }
    // U.S, e.g, a.m, Ph.D: letters in pieces of one or two between periods.
    core.contains('.')
        && core.split('.').all(|p| (1..=2).contains(&p.chars().count()) && p.chars().all(char::is_alphabetic))
}

/// Abbreviations that come before something (a name, a date, a number), so a sentence never
/// ends with them; also single initials.
fn never_last(core: &str) -> bool {
    let mut chars = core.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return c.is_uppercase();
    }
    TITLES.contains(&core) || MONTHS.contains(&core) || LOWER_ABBREVIATIONS.contains(&core)
}

const TITLES: &[&str] = &[
    "Adm", "Brig", "Capt", "Cdr", "Cmdr", "Col", "Cpl", "Det", "Dr", "Fr", "Ft", "Gen", "Gens", "Gov", "Hon",
    "Insp", "Lt", "Maj", "Messrs", "Mme", "Mlle", "Mr", "Mrs", "Ms", "Mt", "No", "Nos", "Pres", "Prof",
    "Pte", "Rep", "Reps", "Rev", "Sen", "Sens", "Sgt", "St", "Supt", "Vol",
];
const MONTHS: &[&str] =
    &["Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"];
/// Abbreviations a sentence may end with ("... Acme Inc. The company ...").
const MAY_END: &[&str] = &["Ave", "Blvd", "Bros", "Co", "Corp", "Inc", "Jr", "Ltd", "Plc", "Rd", "Sr"];
const LOWER_ABBREVIATIONS: &[&str] = &["approx", "cf", "e.g", "etc", "i.e", "viz", "vs"];

/// Where a number with a magnitude splits: "1.8bn" -> "1.8" "bn".
fn magnitude_split(word: &str) -> Option<usize> {
    if !word.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let at = word.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))?;
    let (number, unit) = word.split_at(at);
    let magnitude = ["bn", "mn", "m", "k", "tn", "trn"].iter().any(|m| unit.eq_ignore_ascii_case(m));
    (magnitude && number.ends_with(|c: char| c.is_ascii_digit())).then_some(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokens(text).into_iter().map(|t| t.text(text)).collect()
    }

    fn sentence_texts(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|s| &text[s.start..s.end]).collect()
    }

    #[test]
    fn splits_punctuation_and_clitics_like_the_treebank() {
        assert_eq!(
            words("Russia's troops (about 200,000) didn't stop: \"No,\" he said; why?"),
            [
                "Russia", "'s", "troops", "(", "about", "200,000", ")", "did", "n't", "stop", ":", "\"",
                "No", ",", "\"", "he", "said", ";", "why", "?"
            ]
        );
        assert_eq!(words("can't won't I'd they're"), ["ca", "n't", "wo", "n't", "I", "'d", "they", "'re"]);
        assert_eq!(words("the ministers' talks"), ["the", "ministers", "'", "talks"]);
        assert_eq!(words("O'Neill's"), ["O'Neill", "'s"]);
    }

    #[test]
    fn keeps_abbreviations_and_initials_with_their_period() {
        assert_eq!(
            words("Mr. J. Smith of Acme Inc. met U.S. officials on Jan. 5, e.g. in Kyiv."),
            [
                "Mr.",
                "J.",
                "Smith",
                "of",
                "Acme",
                "Inc.",
                "met",
                "U.S.",
                "officials",
                "on",
                "Jan.",
                "5",
                ",",
                "e.g.",
                "in",
                "Kyiv",
                "."
            ]
        );
        assert_eq!(words("at 10 a.m. today"), ["at", "10", "a.m.", "today"]);
        assert_eq!(words("the end."), ["the", "end", "."]);
        assert_eq!(words("the US."), ["the", "US", "."]);
    }

    #[test]
    fn keeps_hyphenated_words_numbers_urls_and_emails_whole() {
        assert_eq!(
            words("Serbian-held 200-metre 1.8 ex-Soviet"),
            ["Serbian-held", "200-metre", "1.8", "ex-Soviet"]
        );
        assert_eq!(words("$1.8bn"), ["$", "1.8", "bn"]);
        assert_eq!(words("US$5 and £20m, 3.5%"), ["US$", "5", "and", "£", "20", "m", ",", "3.5", "%"]);
        assert_eq!(
            words("at 10:30 (see https://example.com/a,b?c=1)."),
            ["at", "10:30", "(", "see", "https://example.com/a,b?c=1", ")", "."]
        );
        assert_eq!(words("mail news@example.co.uk."), ["mail", "news@example.co.uk", "."]);
        assert_eq!(words("www.bbc.co.uk"), ["www.bbc.co.uk"]);
    }

    #[test]
    fn splits_curly_quotes_and_dashes() {
        assert_eq!(
            words("Putin’s “number one ally”—or not… ‘yes’"),
            ["Putin", "’s", "“", "number", "one", "ally", "”", "—", "or", "not", "…", "‘", "yes", "’"]
        );
        assert_eq!(words("war -- and peace..."), ["war", "--", "and", "peace", "..."]);
        assert_eq!(words("in the ’90s"), ["in", "the", "’90s"]);
        assert_eq!(tagger_form("’s"), "'s");
        assert_eq!(tagger_form("“"), "\"");
        assert_eq!(tagger_form("—"), "--");
        assert_eq!(tagger_form("Kyiv"), "Kyiv");
    }

    #[test]
    fn splits_sentences_at_stops_not_after_abbreviations() {
        assert_eq!(
            sentence_texts("Mr. Putin went to Minsk. He met Gen. J. Smith. Then? \"Yes.\" 200 came."),
            ["Mr. Putin went to Minsk.", "He met Gen. J. Smith.", "Then?", "\"Yes.\"", "200 came."]
        );
        assert_eq!(
            sentence_texts("He works at Acme Inc. The firm grew."),
            ["He works at Acme Inc.", "The firm grew."]
        );
        assert_eq!(sentence_texts("He saw U.S. officials."), ["He saw U.S. officials."]);
        assert_eq!(sentence_texts("Why? he asked. wait."), ["Why? he asked. wait."]);
        assert_eq!(
            sentence_texts("said it was “stupid”. Moscow denied"),
            ["said it was “stupid”.", "Moscow denied"]
        );
    }

    #[test]
    fn splits_sentences_at_paragraphs_and_capitalised_lines() {
        let text = "Ukraine to receive $1.8bn aid by US\nRussian President Vladimir Putin went\nto Belarus\n\nno stop here\n\nlast";
        assert_eq!(
            sentence_texts(text),
            [
                "Ukraine to receive $1.8bn aid by US",
                "Russian President Vladimir Putin went\nto Belarus",
                "no stop here",
                "last"
            ]
        );
        assert_eq!(sentence_texts("a\r\n\r\nb"), ["a", "b"]);
    }

    #[test]
    fn caps_sentence_length() {
        let text = "word ".repeat(MAX_SENTENCE_TOKENS * 2 + 5);
        let lengths: Vec<usize> = sentences(&text).iter().map(|s| s.tokens.len()).collect();
        assert_eq!(lengths, [MAX_SENTENCE_TOKENS, MAX_SENTENCE_TOKENS, 5]);
    }

    fn check_offsets(text: &str) {
        let mut last = 0;
        for sentence in sentences(text) {
            assert!(!sentence.tokens.is_empty());
            assert!(sentence.tokens.len() <= MAX_SENTENCE_TOKENS);
            assert_eq!(sentence.start, sentence.tokens[0].start);
            for token in &sentence.tokens {
                assert!(
                    token.start >= last && token.start < token.end && token.end <= text.len(),
                    "{text:?}"
                );
                assert!(text.is_char_boundary(token.start) && text.is_char_boundary(token.end), "{text:?}");
                assert!(!text[token.start..token.end].chars().any(is_space), "{text:?}");
                last = token.end;
            }
            assert_eq!(sentence.end, last);
        }
    }

    #[test]
    fn tokens_cover_every_non_space_character() {
        let text = "Kyiv’s “200,000”—U.S.-backed ($1.8bn) e-mail: a@b.c, http://x.y/z.\n\nÉté.\u{200b}x";
        let joined: String = words(text).concat();
        let expected: String = text.chars().filter(|&c| !is_space(c)).collect();
        assert_eq!(joined, expected);
    }

    proptest::proptest! {
        #[test]
        fn offsets_are_ordered_in_bounds_and_on_char_boundaries(text in "\\PC{0,80}") {
            check_offsets(&text);
        }

        #[test]
        fn news_like_text_never_breaks_offsets(
            text in "([A-Za-z]{1,6}|[.,;:!?'\"()$%-]|[’“”—–…]|\\.{2,4}|[0-9]{1,4}|[ \n]{1,3}|https?://|@|é){0,60}"
        ) {
            check_offsets(&text);
        }
    }
}
