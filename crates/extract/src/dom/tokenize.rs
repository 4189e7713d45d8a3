//! An HTML tokenizer over the page's source: text, start tags with attributes, end tags,
//! comments. It follows the HTML5 tokenizer where pages depend on it (raw text of scripts and
//! styles, unquoted attributes, a `<` that starts no tag, a tag cut off at the end of the
//! page) and leaves out what only matters for scripting or serialisation.

use std::borrow::Cow;

use memchr::memchr;

use super::entities::decode;

/// Receives tokens in source order.
pub trait Sink<'s> {
    fn text(&mut self, text: Cow<'s, str>);
    /// A start tag: lowercase name, attributes (lowercase names, decoded values, first of a
    /// repeated name only), and whether it ended in `/>`.
    fn start(
        &mut self,
        name: Cow<'s, str>,
        attrs: &mut Vec<(Cow<'s, str>, Cow<'s, str>)>,
        self_closing: bool,
    );
    fn end(&mut self, name: &str);
    fn comment(&mut self);
}

/// Elements whose content is text up to their end tag, and whether its references decode.
fn raw_text(name: &str) -> Option<bool> {
    match name {
        "script" | "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => Some(false),
        "title" | "textarea" => Some(true),
        _ => None,
    }
}

pub fn tokenize<'s>(src: &'s str, sink: &mut impl Sink<'s>) {
    let bytes = src.as_bytes();
    let mut attrs = Vec::new();
    // Start of text not yet handed to the sink.
    let mut text_start = 0;
    let mut pos = 0;
    while let Some(offset) = memchr(b'<', &bytes[pos..]) {
        let lt = pos + offset;
        let Some(&next) = bytes.get(lt + 1) else { break };
        if next.is_ascii_alphabetic() {
            emit_text(sink, &src[text_start..lt]);
            let Some((end, name, self_closing)) = start_tag(src, lt + 1, &mut attrs) else {
                // A tag cut off by the end of the page is dropped, as browsers do.
                return;
            };
            let raw = raw_text(&name);
            let plaintext = name == "plaintext";
            sink.start(name.clone(), &mut attrs, self_closing);
            pos = end;
            if plaintext {
                emit_text(sink, &src[pos..]);
                return;
            }
            // Self-closing syntax does not end a raw text element ("<script src=x />").
            if let Some(decodes) = raw {
                let close = find_end_tag(bytes, pos, &name).unwrap_or(bytes.len());
                let content = &src[pos..close];
                if !content.is_empty() {
                    sink.text(if decodes { decode(content, false) } else { Cow::Borrowed(content) });
                }
                pos = close;
            }
            text_start = pos;
        } else if next == b'/' {
            let Some(&after) = bytes.get(lt + 2) else { break };
            emit_text(sink, &src[text_start..lt]);
            if after.is_ascii_alphabetic() {
                let Some((end, name, _)) = start_tag(src, lt + 2, &mut attrs) else { return };
                sink.end(&name);
                pos = end;
            } else {
                // "</>" is dropped; "</ ..." and "</3" are bogus comments up to the next `>`.
                pos = skip_past(bytes, lt + 2, b">");
                if after != b'>' {
                    sink.comment();
                }
            }
            text_start = pos;
        } else if next == b'!' || next == b'?' {
            emit_text(sink, &src[text_start..lt]);
            pos = if bytes[lt + 1..].starts_with(b"!--") {
                comment_end(bytes, lt + 4)
            } else {
                // Doctypes, `<![CDATA[`, processing instructions: nothing a reader sees.
                skip_past(bytes, lt + 2, b">")
            };
            sink.comment();
            text_start = pos;
        } else {
            // A `<` that starts no tag ("a < b") is text.
            pos = lt + 1;
        }
    }
    emit_text(sink, &src[text_start..]);
}

fn emit_text<'s>(sink: &mut impl Sink<'s>, text: &'s str) {
    if !text.is_empty() {
        sink.text(decode(text, false));
    }
}

/// The index just past the first `needle` at or after `from`, or the end.
fn skip_past(bytes: &[u8], from: usize, needle: &[u8]) -> usize {
    let from = from.min(bytes.len());
    memchr::memmem::find(&bytes[from..], needle).map_or(bytes.len(), |i| from + i + needle.len())
}

/// The end of a comment whose `<!--` ends at `from`: past `-->`, or past an immediate `>` or
/// `->` (`<!-->`), or the end of the page.
fn comment_end(bytes: &[u8], from: usize) -> usize {
    let rest = bytes.get(from..).unwrap_or_default();
    if rest.starts_with(b">") {
        return from + 1;
    }
    if rest.starts_with(b"->") {
        return from + 2;
    }
    skip_past(bytes, from, b"-->")
}

/// Where the end tag `</name` of a raw text element starts, from `from` on.
fn find_end_tag(bytes: &[u8], from: usize, name: &str) -> Option<usize> {
    let mut pos = from;
    while let Some(offset) = memchr(b'<', &bytes[pos..]) {
        let lt = pos + offset;
        let after = lt + 2 + name.len();
        if bytes.get(lt + 1) == Some(&b'/')
            && bytes.get(lt + 2..after).is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
            && bytes.get(after).is_none_or(|b| b.is_ascii_whitespace() || matches!(b, b'/' | b'>'))
        {
            return Some(lt);
        }
        pos = lt + 1;
    }
    None
}

/// Reads a tag from its name (at `from`) to its `>`: the index past it, the lowercase name,
/// and whether it ended in `/>`; attributes go to `attrs` (cleared first). `None` when the
/// page ends inside the tag.
fn start_tag<'s>(
    src: &'s str,
    from: usize,
    attrs: &mut Vec<(Cow<'s, str>, Cow<'s, str>)>,
) -> Option<(usize, Cow<'s, str>, bool)> {
    attrs.clear();
    let bytes = src.as_bytes();
    let name_end = from + bytes[from..].iter().take_while(|b| !ends_name(**b)).count();
    let name = lowercase(&src[from..name_end]);
    let mut pos = name_end;
    loop {
        pos += bytes.get(pos..)?.iter().take_while(|b| b.is_ascii_whitespace()).count();
        match *bytes.get(pos)? {
            b'>' => return Some((pos + 1, name, false)),
            b'/' if bytes.get(pos + 1) == Some(&b'>') => return Some((pos + 2, name, true)),
            b'/' => pos += 1,
            _ => pos = attribute(src, pos, attrs)?,
        }
    }
}

fn ends_name(b: u8) -> bool {
    b.is_ascii_whitespace() || b == b'/' || b == b'>'
}

/// Reads one attribute starting at `from`; returns the index past it.
fn attribute<'s>(src: &'s str, from: usize, attrs: &mut Vec<(Cow<'s, str>, Cow<'s, str>)>) -> Option<usize> {
    let bytes = src.as_bytes();
    // An `=` right at the start belongs to the name, as in the HTML5 tokenizer.
    let name_len = 1 + bytes[from + 1..].iter().take_while(|b| !ends_name(**b) && **b != b'=').count();
    let name = &src[from..from + name_len];
    let mut pos = from + name_len;
    pos += bytes.get(pos..)?.iter().take_while(|b| b.is_ascii_whitespace()).count();
    let mut value = "";
    if bytes.get(pos) == Some(&b'=') {
        pos += 1;
        pos += bytes.get(pos..)?.iter().take_while(|b| b.is_ascii_whitespace()).count();
        match *bytes.get(pos)? {
            quote @ (b'"' | b'\'') => {
                let len = memchr(quote, &bytes[pos + 1..])?;
                value = &src[pos + 1..pos + 1 + len];
                pos += len + 2;
            }
            _ => {
                let len = bytes[pos..].iter().take_while(|b| !b.is_ascii_whitespace() && **b != b'>').count();
                value = &src[pos..pos + len];
                pos += len;
            }
        }
    }
    let name = lowercase(name);
    if !attrs.iter().any(|(n, _)| *n == name) {
        attrs.push((name, decode(value, true)));
    }
    Some(pos)
}

fn lowercase(s: &str) -> Cow<'_, str> {
    if s.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(s.to_ascii_lowercase())
    } else {
        Cow::Borrowed(s)
    }
}
