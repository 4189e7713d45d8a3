//! Bytes -> UTF-8 text for XML documents. Feeds in the wild declare the wrong charset, none at
//! all, or one their server already converted away from; decoding once here, before any parser
//! sees the bytes, lets every format (feeds, OPML, sitemaps) share one set of rules.
//!
//! The order is RFC 7303's (byte-order mark, then the charset the transport named, then the
//! XML declaration, then detection), with two corrections for what servers get wrong: bytes
//! that are valid non-ASCII UTF-8 are UTF-8 whatever any label says, and a UTF-8 label over
//! bytes that are not UTF-8 yields to a declaration naming another charset.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

/// How far into a document the XML declaration is looked for.
const PROLOG_SCAN_BYTES: usize = 1024;

/// Decodes a document to UTF-8 and rewrites its XML declaration (if any) to say so, so that a
/// parser that honours the declared encoding (feed-rs does) does not decode it a second time.
/// `transport_charset` is the charset the transport named (HTTP `Content-Type`), if any.
pub(crate) fn decode_xml(bytes: &[u8], transport_charset: Option<&str>) -> String {
    let (encoding, bom_len) = choose_encoding(bytes, transport_charset);
    let body = bytes.get(bom_len..).unwrap_or_default();
    let (text, _) = encoding.decode_without_bom_handling(body);
    declare_utf8(&text)
}

/// Picks the encoding and the length of a byte-order mark to skip.
fn choose_encoding(bytes: &[u8], transport_charset: Option<&str>) -> (&'static Encoding, usize) {
    if let Some(found) = Encoding::for_bom(bytes) {
        return found;
    }
    // UTF-16 without a byte-order mark still starts with "<?" in two-byte units.
    if bytes.starts_with(&[b'<', 0, b'?', 0]) {
        return (UTF_16LE, 0);
    }
    if bytes.starts_with(&[0, b'<', 0, b'?']) {
        return (UTF_16BE, 0);
    }
    // Non-ASCII text that is valid UTF-8 is UTF-8 whatever a label claims: legacy encodings
    // almost never form valid multi-byte sequences, while stale labels are common (feeds
    // converted to UTF-8 by a CMS or proxy that left the old prolog in place, servers that
    // label everything ISO-8859-1 by default).
    let utf8 = std::str::from_utf8(bytes).is_ok();
    if utf8 && !bytes.is_ascii() {
        return (UTF_8, 0);
    }
    // A UTF-16 label over bytes that have no UTF-16 shape is a mislabelled ASCII-compatible
    // document: such labels are passed over, whoever gave them.
    let declared = declared_encoding(bytes).filter(|encoding| encoding.is_ascii_compatible());
    let named = transport_charset
        .and_then(|label| Encoding::for_label(label.trim().as_bytes()))
        .filter(|encoding| encoding.is_ascii_compatible());
    if let Some(named) = named {
        // Servers label whole directories UTF-8 by default (nginx's `charset utf-8` covers RSS
        // and XML types); legacy bytes that declare their own charset know better.
        let overruled = named == UTF_8 && !utf8 && declared.is_some_and(|declared| declared != UTF_8);
        if !overruled {
            return (named, 0);
        }
    }
    if let Some(declared) = declared {
        return (declared, 0);
    }
    if utf8 {
        return (UTF_8, 0);
    }
    // Undeclared legacy bytes: guess from their statistics, as browsers do.
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    (detector.guess(None, chardetng::Utf8Detection::Allow), 0)
}

/// The encoding named by `<?xml ... encoding="..."?>` at the top of the document.
fn declared_encoding(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(PROLOG_SCAN_BYTES)];
    let head = String::from_utf8_lossy(head);
    let declaration = xml_declaration(&head)?;
    let after = &declaration[declaration.find("encoding")? + "encoding".len()..];
    let after = after.trim_start().strip_prefix('=')?.trim_start();
    let quote = after.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let value = &after[1..];
    let label = &value[..value.find(quote)?];
    Encoding::for_label(label.trim().as_bytes())
}

/// The `<?xml ... ?>` declaration at the start of `text` (leading whitespace tolerated, as
/// many feeds carry a stray newline before it).
fn xml_declaration(text: &str) -> Option<&str> {
    let trimmed = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    if !trimmed.starts_with("<?xml") {
        return None;
    }
    trimmed.find("?>").map(|end| &trimmed[..end + 2])
}

/// Replaces the document's XML declaration with one naming UTF-8 (the text is UTF-8 now).
fn declare_utf8(text: &str) -> String {
    match xml_declaration(text) {
        Some(declaration) => {
            let trimmed = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
            let rest = &trimmed[declaration.len()..];
            format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>{rest}")
        }
        None => text.trim_start_matches('\u{feff}').to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cp1251(text: &str) -> Vec<u8> {
        encoding_rs::WINDOWS_1251.encode(text).0.into_owned()
    }

    #[test]
    fn declared_single_byte_charset_is_used() {
        let bytes = b"<?xml version='1.0' encoding='ISO-8859-1'?><a>caf\xe9</a>";
        assert_eq!(decode_xml(bytes, None), "<?xml version=\"1.0\" encoding=\"UTF-8\"?><a>caf\u{e9}</a>");
    }

    #[test]
    fn valid_utf8_wins_over_a_stale_declaration() {
        let bytes = "<?xml version=\"1.0\" encoding=\"windows-1251\"?><a>Привет</a>".as_bytes();
        assert!(decode_xml(bytes, None).ends_with("<a>Привет</a>"));
    }

    #[test]
    fn undeclared_cyrillic_is_detected() {
        let bytes = cp1251("<a>Москва — столица России, крупнейший город страны и Европы.</a>");
        assert!(decode_xml(&bytes, None).contains("Москва"));
    }

    #[test]
    fn utf16_with_bom_is_decoded() {
        let mut bytes = vec![0xff, 0xfe];
        for unit in "<?xml version=\"1.0\" encoding=\"UTF-16\"?><a>é</a>".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        assert!(decode_xml(&bytes, None).ends_with("<a>é</a>"));
        assert!(decode_xml(&bytes, Some("iso-8859-1")).ends_with("<a>é</a>"), "the BOM outranks HTTP");
    }

    #[test]
    fn the_transport_charset_outranks_the_declaration() {
        // "Да" in Windows-1251 is C4 E0, which ISO-8859-1 reads as "Äà".
        let bytes =
            [b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>".as_slice(), &cp1251("Да"), b"</a>"]
                .concat();
        assert!(decode_xml(&bytes, None).ends_with("<a>\u{c4}\u{e0}</a>"));
        assert!(decode_xml(&bytes, Some("windows-1251")).ends_with("<a>Да</a>"));
        assert!(decode_xml(&bytes, Some(" CP1251 ")).ends_with("<a>Да</a>"), "labels as HTTP spells them");
    }

    #[test]
    fn the_transport_charset_outranks_detection() {
        // The same undeclared bytes read as each label says: FC DF is "üß" in Latin-1, "ьЯ" in
        // Windows-1251.
        let bytes = b"<a>Gr\xfc\xdfe</a>";
        assert_eq!(decode_xml(bytes, Some("iso-8859-1")), "<a>Grüße</a>");
        assert_eq!(decode_xml(bytes, Some("windows-1251")), "<a>GrьЯe</a>");
    }

    #[test]
    fn a_label_the_bytes_contradict_is_passed_over() {
        let utf8 = "<a>Grüße</a>".as_bytes();
        assert_eq!(decode_xml(utf8, Some("iso-8859-1")), "<a>Grüße</a>", "valid UTF-8 is UTF-8");
        let declared =
            [b"<?xml version=\"1.0\" encoding=\"windows-1251\"?><a>".as_slice(), &cp1251("Привет"), b"</a>"]
                .concat();
        assert!(decode_xml(&declared, Some("utf-8")).ends_with("<a>Привет</a>"), "a server's default label");
        assert_eq!(decode_xml(b"<a>x</a>", Some("utf-16")), "<a>x</a>", "UTF-16 over ASCII-shaped bytes");
        assert_eq!(decode_xml(b"<a>x</a>", Some("no-such-charset")), "<a>x</a>");
    }
}
