//! Bytes -> text: byte-order mark, a charset named by the caller, UTF-8 when the bytes are
//! valid non-ASCII UTF-8, an HTML `<meta>` charset, and statistical detection (chardetng) as
//! a last resort.

use encoding_rs::{Encoding, UTF_8};

use crate::ExtractError;

/// How far into a page an HTML charset declaration is looked for (browsers scan 1024 bytes;
/// real pages often put long scripts first, so we look further).
const META_SCAN_BYTES: usize = 8192;

/// How much of the input the binary check looks at.
const BINARY_SCAN_BYTES: usize = 8192;

/// Decodes page bytes to a string.
///
/// `charset` is a label named by the transport (`"utf-8"`, `"windows-1251"`, ...). Fails with
/// [`ExtractError::Empty`] for empty or whitespace-only input and [`ExtractError::Binary`] for
/// data that is not text.
pub fn decode(bytes: &[u8], charset: Option<&str>) -> Result<String, ExtractError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ExtractError::Empty);
    }
    let (encoding, bom_len) = choose_encoding(bytes, charset)?;
    let body = bytes.get(bom_len..).unwrap_or_default();
    if looks_binary(body, encoding) {
        return Err(ExtractError::Binary);
    }
    let (text, _) = encoding.decode_without_bom_handling(body);
    if text.trim().is_empty() {
        return Err(ExtractError::Empty);
    }
    Ok(text.into_owned())
}

/// Picks the encoding and the length of a byte-order mark to skip.
fn choose_encoding(bytes: &[u8], charset: Option<&str>) -> Result<(&'static Encoding, usize), ExtractError> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return Ok((encoding, bom_len));
    }
    if let Some(label) = charset.map(str::trim).filter(|l| !l.is_empty()) {
        let encoding = Encoding::for_label(label.as_bytes())
            .ok_or_else(|| ExtractError::UnknownCharset(label.to_string()))?;
        return Ok((ascii_compatible(encoding), 0));
    }
    // Non-ASCII text that is valid UTF-8 is UTF-8 whatever the page's <meta> claims: legacy
    // encodings almost never form valid multi-byte sequences, while stale declarations are
    // common (pages converted to UTF-8 with their old <meta> left in place).
    let utf8 = std::str::from_utf8(bytes).is_ok();
    if utf8 && !bytes.is_ascii() {
        return Ok((UTF_8, 0));
    }
    if let Some(encoding) = meta_charset(bytes) {
        return Ok((ascii_compatible(encoding), 0));
    }
    if utf8 {
        return Ok((UTF_8, 0));
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    Ok((detector.guess(None, chardetng::Utf8Detection::Allow), 0))
}

/// A label claiming UTF-16 without a byte-order mark is a mislabelled ASCII-compatible page
/// (the HTML standard says to read it as UTF-8).
fn ascii_compatible(encoding: &'static Encoding) -> &'static Encoding {
    if encoding.is_ascii_compatible() { encoding } else { UTF_8 }
}

/// Finds `<meta charset="...">` or `<meta http-equiv="Content-Type" content="...; charset=...">`
/// near the top of an HTML page.
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(META_SCAN_BYTES)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let mut rest = head.as_str();
    while let Some(start) = rest.find("<meta") {
        let tag = &rest[start..];
        let end = tag.find('>').unwrap_or(tag.len());
        if let Some(encoding) = charset_in_tag(&tag[..end]) {
            return Some(encoding);
        }
        rest = &tag[end..];
    }
    None
}

fn charset_in_tag(tag: &str) -> Option<&'static Encoding> {
    let at = tag.find("charset")?;
    let value = tag[at + "charset".len()..].trim_start().strip_prefix('=')?;
    let value = value.trim_start().trim_start_matches(['"', '\'']);
    let label: String = value
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        .collect();
    Encoding::for_label(label.as_bytes())
}

/// NUL bytes (outside UTF-16) or many control characters mean the data is not text.
fn looks_binary(bytes: &[u8], encoding: &'static Encoding) -> bool {
    let sample = &bytes[..bytes.len().min(BINARY_SCAN_BYTES)];
    if sample.is_empty() || !encoding.is_ascii_compatible() {
        return false;
    }
    if sample.contains(&0) {
        return true;
    }
    let control =
        sample.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b)).count();
    control * 20 > sample.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_windows_1251_when_named() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode("Привет, мир. Это тест.");
        assert_eq!(decode(&bytes, Some("windows-1251")).as_deref(), Ok("Привет, мир. Это тест."));
    }

    #[test]
    fn detects_windows_1251_without_label() {
        let text = "Президент России Владимир Путин прибыл в Минск, где встретился с Лукашенко. \
                    Переговоры продолжались несколько часов.";
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(text);
        assert_eq!(decode(&bytes, None).as_deref(), Ok(text));
    }

    #[test]
    fn detects_iso_8859_1_without_label() {
        let text = "Le président français a déclaré que la réunion était très importante. \
                    Ça a été un événement marquant à Genève.";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
        assert_eq!(decode(&bytes, None).as_deref(), Ok(text));
        assert_eq!(decode(&bytes, Some("iso-8859-1")).as_deref(), Ok(text));
    }

    #[test]
    fn honours_meta_charset() {
        let mut bytes = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"></head><body><p>".to_vec();
        bytes.extend_from_slice(b"Caf\xe9 cr\xe8me \x93quoted\x94</p></body></html>");
        let text = decode(&bytes, None).expect("decodes");
        assert!(text.contains("Café crème “quoted”"), "{text}");
    }

    #[test]
    fn strips_bom_and_reads_utf16() {
        assert_eq!(decode(b"\xef\xbb\xbfHello", None).as_deref(), Ok("Hello"));
        assert_eq!(decode(b"\xff\xfeH\x00i\x00", None).as_deref(), Ok("Hi"));
    }

    #[test]
    fn rejects_empty_binary_and_unknown_charset() {
        assert_eq!(decode(b"   \n", None), Err(ExtractError::Empty));
        assert_eq!(decode(b"GIF89a\x01\x00\x00\x00\xff", None), Err(ExtractError::Binary));
        let controls: Vec<u8> = (0..200u8).map(|i| if i % 3 == 0 { 1 } else { b'a' }).collect();
        assert_eq!(decode(&controls, None), Err(ExtractError::Binary));
        assert_eq!(
            decode(b"hello", Some("klingon-8")),
            Err(ExtractError::UnknownCharset("klingon-8".into()))
        );
    }
}
