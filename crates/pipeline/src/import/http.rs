//! The HTTP response archived in a WARC `response` record -> the HTML page it carried.
//!
//! Archives hold the bytes as they came over the wire, so the transfer coding (chunked) and
//! the content coding (gzip, deflate) are undone here, each under the size limit.

use std::io::Read;

use flate2::read::{DeflateDecoder, MultiGzDecoder, ZlibDecoder};

/// Longest HTTP header block looked at.
const MAX_HEAD: usize = 64 * 1024;

/// What a response record holds, for the import.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Payload {
    /// An HTML page, decoded, with the charset its `Content-Type` names.
    Html { bytes: Vec<u8>, charset: Option<String> },
    /// Not a page to import (a redirect, an image, a stylesheet...).
    NotHtml,
}

/// Reads an HTTP response: a `200` whose `Content-Type` is HTML (or, without one, whose body
/// looks like HTML). Errors are messages for the user.
pub(crate) fn html_payload(message: &[u8], max_bytes: u64) -> Result<Payload, String> {
    let head_end = find(&message[..message.len().min(MAX_HEAD)], b"\r\n\r\n")
        .map(|i| (i, i + 4))
        .or_else(|| find(&message[..message.len().min(MAX_HEAD)], b"\n\n").map(|i| (i, i + 2)))
        .ok_or("malformed HTTP response: no end of headers")?;
    let head = String::from_utf8_lossy(&message[..head_end.0]);
    let mut lines = head.lines();
    let status_line = lines.next().unwrap_or_default();
    let mut words = status_line.split_whitespace();
    let status = match (words.next(), words.next().map(str::parse::<u16>)) {
        (Some(version), Some(Ok(status))) if version.starts_with("HTTP/") => status,
        _ => return Err(format!("malformed HTTP status line {:?}", clip(status_line))),
    };
    let header = |name: &str| {
        lines
            .clone()
            .filter_map(|l| l.split_once(':'))
            .find(|(n, _)| n.trim().eq_ignore_ascii_case(name))
            .map(|(_, v)| v.trim().to_owned())
    };
    if status != 200 {
        return Ok(Payload::NotHtml);
    }
    let content_type = header("Content-Type");
    let named_html =
        content_type.as_deref().map(mime_type).map(|m| m == "text/html" || m == "application/xhtml+xml");
    if named_html == Some(false) {
        return Ok(Payload::NotHtml);
    }
    let (transfer, encoding) = (header("Transfer-Encoding"), header("Content-Encoding"));
    let mut body = message[head_end.1..].to_vec();
    if transfer.is_some_and(|t| t.to_ascii_lowercase().contains("chunked")) {
        // Some writers record the body already de-chunked but keep the header: then the body
        // does not parse as chunks and is taken as it is.
        if let Some(joined) = dechunk(&body) {
            body = joined;
        }
    }
    if let Some(encoding) = encoding {
        body = decode_content(body, &encoding.to_ascii_lowercase(), max_bytes)?;
    }
    if named_html.is_none() && !looks_like_html(&body) {
        return Ok(Payload::NotHtml);
    }
    let charset = content_type.as_deref().and_then(charset);
    Ok(Payload::Html { bytes: body, charset })
}

fn mime_type(content_type: &str) -> String {
    content_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase()
}

pub(crate) fn charset(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        let value = value.trim().trim_matches(['"', '\'']);
        (name.trim().eq_ignore_ascii_case("charset") && !value.is_empty()).then(|| value.to_owned())
    })
}

fn looks_like_html(body: &[u8]) -> bool {
    let start = String::from_utf8_lossy(&body[..body.len().min(1024)]).to_ascii_lowercase();
    start.contains("<html") || start.contains("<!doctype html")
}

/// The body of a `Transfer-Encoding: chunked` message, or `None` if it is not one.
fn dechunk(mut body: &[u8]) -> Option<Vec<u8>> {
    let mut joined = Vec::with_capacity(body.len());
    loop {
        let line_end = find(body, b"\n")?;
        let size_line = std::str::from_utf8(&body[..line_end]).ok()?;
        let size = size_line.split(';').next()?.trim();
        let size = usize::from_str_radix(size, 16).ok()?;
        body = &body[line_end + 1..];
        if size == 0 {
            return Some(joined);
        }
        joined.extend_from_slice(body.get(..size)?);
        body = &body[size..];
        body = body.strip_prefix(b"\r\n").or_else(|| body.strip_prefix(b"\n")).unwrap_or(body);
    }
}

fn decode_content(body: Vec<u8>, encoding: &str, max_bytes: u64) -> Result<Vec<u8>, String> {
    let decoded = match encoding {
        "" | "identity" | "none" => return Ok(body),
        // Some writers store the decoded body and keep the header: take it as it is.
        "gzip" | "x-gzip" if !body.starts_with(&[0x1f, 0x8b]) => return Ok(body),
        "gzip" | "x-gzip" => read_capped(MultiGzDecoder::new(&body[..]), max_bytes),
        // "deflate" is meant to be zlib-wrapped, but servers send raw deflate too.
        "deflate" => read_capped(ZlibDecoder::new(&body[..]), max_bytes)
            .or_else(|_| read_capped(DeflateDecoder::new(&body[..]), max_bytes)),
        other => return Err(format!("unsupported Content-Encoding {:?}", clip(other))),
    };
    decoded.map_err(|e| format!("cannot decode the {encoding} body: {e}"))
}

fn read_capped(decoder: impl Read, max_bytes: u64) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    decoder.take(max_bytes.saturating_add(1)).read_to_end(&mut out).map_err(|e| e.to_string())?;
    if out.len() as u64 > max_bytes {
        return Err(format!("larger than the size limit of {max_bytes} bytes once decompressed"));
    }
    Ok(out)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn clip(text: &str) -> String {
    text.chars().take(60).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::{Compression, write::GzEncoder};
    use std::io::Write;

    fn html(message: &[u8]) -> Payload {
        html_payload(message, 1 << 20).expect("readable")
    }

    #[test]
    fn keeps_html_with_its_charset() {
        let got =
            html(b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=\"ISO-8859-1\"\r\n\r\n<p>caf\xe9");
        let want = Payload::Html { bytes: b"<p>caf\xe9".to_vec(), charset: Some("ISO-8859-1".into()) };
        assert_eq!(got, want);
        let got = html(b"HTTP/1.0 200 OK\nContent-Type: application/xhtml+xml\n\n<html/>");
        assert!(matches!(got, Payload::Html { charset: None, .. }));
    }

    #[test]
    fn sniffs_html_without_a_content_type() {
        assert!(matches!(html(b"HTTP/1.1 200 OK\r\n\r\n  <!DOCTYPE html><p>x"), Payload::Html { .. }));
        assert_eq!(html(b"HTTP/1.1 200 OK\r\n\r\n{\"json\": 1}"), Payload::NotHtml);
    }

    #[test]
    fn skips_other_statuses_and_types() {
        assert_eq!(html(b"HTTP/1.1 301 Moved\r\nContent-Type: text/html\r\n\r\n<html>"), Payload::NotHtml);
        assert_eq!(html(b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG"), Payload::NotHtml);
    }

    #[test]
    fn undoes_chunks_and_gzip() {
        let mut gz = GzEncoder::new(Vec::new(), Compression::fast());
        gz.write_all(b"<html><p>Hello</p></html>").expect("gzip");
        let gz = gz.finish().expect("gzip");
        let (first, rest) = gz.split_at(10);
        let mut message = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\
            Content-Encoding: gzip\r\n\r\n"
            .to_vec();
        message.extend_from_slice(format!("{:x};ext=1\r\n", first.len()).as_bytes());
        message.extend_from_slice(first);
        message.extend_from_slice(format!("\r\n{:X}\r\n", rest.len()).as_bytes());
        message.extend_from_slice(rest);
        message.extend_from_slice(b"\r\n0\r\n\r\n");
        let want = Payload::Html { bytes: b"<html><p>Hello</p></html>".to_vec(), charset: None };
        assert_eq!(html(&message), want);
        // Recorded already decoded, headers kept: taken as it is.
        let message = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\
            Content-Encoding: gzip\r\n\r\n<html>plain</html>";
        assert_eq!(html(message), Payload::Html { bytes: b"<html>plain</html>".to_vec(), charset: None });
    }

    #[test]
    fn refuses_gzip_bombs_and_unknown_encodings() {
        let mut gz = GzEncoder::new(Vec::new(), Compression::fast());
        gz.write_all(&vec![b'a'; 100_000]).expect("gzip");
        let mut message = b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
        message.extend_from_slice(&gz.finish().expect("gzip"));
        assert!(html_payload(&message, 1000).expect_err("too big").contains("size limit"));
        let message = b"HTTP/1.1 200 OK\r\nContent-Encoding: br\r\n\r\n\x0b\x02";
        assert!(html_payload(message, 1000).expect_err("br").contains("unsupported"));
    }

    #[test]
    fn reports_malformed_responses() {
        assert!(html_payload(b"HTTP/1.1 200 OK\r\nContent-Type: text/html", 100).is_err());
        assert!(html_payload(b"garbage\r\n\r\n<html>", 100).is_err());
        assert!(html_payload(b"HTTP/1.1 abc\r\n\r\n", 100).is_err());
        assert!(html_payload(b"", 100).is_err());
    }
}
