//! Decoding character references (`&amp;`, `&#8217;`, `&#x2014;`, legacy `&copy`) the way
//! an HTML5 tokenizer does, in text and in attribute values.

use std::borrow::Cow;

use super::entity_table::{LEGACY, NAMED};

/// Longest name in [`NAMED`].
const MAX_NAME: usize = 8;

/// Longest name in [`LEGACY`].
const MAX_LEGACY: usize = 6;

/// `text` with its character references decoded; borrowed when it has none.
pub fn decode(text: &str, in_attribute: bool) -> Cow<'_, str> {
    let Some(first) = text.find('&') else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..first]);
    let mut rest = &text[first..];
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        match reference(after, in_attribute) {
            Some((c, used)) => {
                out.push(c);
                rest = &after[used..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The character a reference right after an `&` stands for, and how many bytes it spans.
fn reference(after: &str, in_attribute: bool) -> Option<(char, usize)> {
    let bytes = after.as_bytes();
    if bytes.first() == Some(&b'#') {
        return numeric(&after[1..]).map(|(c, used)| (c, used + 1));
    }
    let len = bytes.iter().take(MAX_NAME + 1).take_while(|b| b.is_ascii_alphanumeric()).count();
    if len == 0 {
        return None;
    }
    if bytes.get(len) == Some(&b';')
        && let Ok(i) = NAMED.binary_search_by(|(n, _)| (*n).cmp(&after[..len]))
    {
        return Some((NAMED[i].1, len + 1));
    }
    // Without the `;`, only legacy names count, longest first; in an attribute not when a
    // letter, digit or `=` follows ("?a=1&copy=2" is a query string, not a copyright sign).
    (2..=len.min(MAX_LEGACY)).rev().find_map(|k| {
        let name = &after[..k];
        LEGACY.binary_search(&name).ok()?;
        let next = bytes.get(k).copied();
        if in_attribute && next.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'=') {
            return None;
        }
        let i = NAMED.binary_search_by(|(n, _)| (*n).cmp(name)).ok()?;
        Some((NAMED[i].1, k))
    })
}

/// `&#...;` after the `#`: decimal or `x` hex, `;` optional.
fn numeric(after: &str) -> Option<(char, usize)> {
    let bytes = after.as_bytes();
    let (radix, start) = match bytes.first() {
        Some(b'x' | b'X') => (16, 1),
        _ => (10, 0),
    };
    let digits = bytes[start..].iter().take_while(|b| (**b as char).is_digit(radix)).count();
    if digits == 0 {
        return None;
    }
    let end = start + digits;
    // Too many digits overflow to "out of range", which decodes to U+FFFD like any other.
    let value = u32::from_str_radix(&after[start..end], radix).unwrap_or(u32::MAX);
    let used = if bytes.get(end) == Some(&b';') { end + 1 } else { end };
    Some((code_point(value), used))
}

/// Windows-1252 characters that pages write as `&#128;`-`&#159;` meaning the code page's
/// punctuation (curly quotes, dashes), as browsers read them.
const WINDOWS_1252: [u32; 32] = [
    0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152,
    0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161,
    0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
];

fn code_point(value: u32) -> char {
    let value = match value {
        0x80..=0x9F => WINDOWS_1252[(value - 0x80) as usize],
        0 => 0xFFFD,
        v => v,
    };
    char::from_u32(value).unwrap_or('\u{FFFD}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_named_numeric_and_legacy_references() {
        assert_eq!(decode("a &amp; b &lt;c&gt; &quot;&apos;", false), "a & b <c> \"'");
        assert_eq!(decode("&#8217;&#x2014;&#X41;&#146;&#0;", false), "\u{2019}\u{2014}A\u{2019}\u{FFFD}");
        assert_eq!(
            decode("&copy 2024 &nbsp;x &notit; &bogus; & &#;", false),
            "© 2024 \u{a0}x ¬it; &bogus; & &#;"
        );
        assert!(matches!(decode("plain text", false), Cow::Borrowed(_)));
    }

    #[test]
    fn attributes_keep_query_strings() {
        assert_eq!(decode("/a?x=1&copy=2&amp;y=3&lang", true), "/a?x=1&copy=2&y=3&lang");
        assert_eq!(decode("&copy", true), "©");
    }
}
