//! The digest as one MIME message (RFC 5322, RFC 2045–2047): `multipart/alternative` with the
//! Markdown as `text/plain` and the email page as `text/html`, both UTF-8 in quoted-printable,
//! so every line is 7-bit and at most 76 characters whatever the text, and no server needs
//! 8BITMIME. Lines end in CRLF.

use std::sync::atomic::{AtomicU64, Ordering};

use chrono::{DateTime, Utc};

use super::{Address, base64};

/// The parts' boundary. Quoted-printable writes every `=` as `=3D`, so `=_` can never appear in
/// an encoded part: a fixed boundary starting with it cannot collide with the text.
const BOUNDARY: &str = "=_newsgraph_alternative";
/// Folded header lines are kept under this (RFC 5322 §2.1.1's "SHOULD"; 998 is the "MUST").
const HEADER_WIDTH: usize = 78;
/// Quoted-printable lines, the soft break's `=` included (RFC 2045 §6.7).
const QP_WIDTH: usize = 76;
/// UTF-8 bytes per encoded word: 42 bytes are 56 base64 characters, 68 with `=?UTF-8?B?` and
/// `?=`: within RFC 2047's 75, and after `Subject: ` within the 78 of a header line.
const WORD_BYTES: usize = 42;

/// What a message says and to whom.
pub struct Message<'a> {
    pub from: &'a Address,
    pub to: &'a [Address],
    pub subject: &'a str,
    /// The plain-text alternative.
    pub text: &'a str,
    /// The HTML alternative, a whole document.
    pub html: &'a str,
    pub date: DateTime<Utc>,
    /// With its angle brackets, see [`message_id`].
    pub message_id: &'a str,
}

impl Message<'_> {
    /// The message as sent in DATA (before dot-stuffing, which is the SMTP client's).
    pub fn render(&self) -> String {
        let mut out = String::new();
        header(&mut out, "From", self.from.as_str());
        address_list(&mut out, "To", self.to);
        header(&mut out, "Subject", &header_text(self.subject, "Subject: ".len()));
        header(&mut out, "Date", &self.date.to_rfc2822());
        header(&mut out, "Message-ID", self.message_id);
        // Sent by a program, on a schedule: out-of-office replies should not answer it (RFC 3834).
        header(&mut out, "Auto-Submitted", "auto-generated");
        header(&mut out, "MIME-Version", "1.0");
        header(&mut out, "Content-Type", &format!("multipart/alternative; boundary=\"{BOUNDARY}\""));
        out.push_str("\r\nThis is a message in MIME format: the digest as text and as a page.\r\n");
        // The plainer part first: clients show the last alternative they can (RFC 2046 §5.1.4).
        for (kind, body) in [("plain", self.text), ("html", self.html)] {
            out.push_str(&format!("\r\n--{BOUNDARY}\r\n"));
            header(&mut out, "Content-Type", &format!("text/{kind}; charset=utf-8"));
            header(&mut out, "Content-Transfer-Encoding", "quoted-printable");
            out.push_str("\r\n");
            out.push_str(&quoted_printable(body));
        }
        out.push_str(&format!("\r\n--{BOUNDARY}--\r\n"));
        out
    }
}

/// A fresh Message-ID, `<time.process.count@domain>` at the sender's domain: unique without a
/// random source, as the time in nanoseconds, the process and a counter within it differ.
pub fn message_id(from: &Address, now: DateTime<Utc>) -> String {
    static COUNT: AtomicU64 = AtomicU64::new(0);
    let count = COUNT.fetch_add(1, Ordering::Relaxed);
    let nanos = now.timestamp_nanos_opt().unwrap_or_else(|| now.timestamp());
    format!("<{nanos:x}.{:x}.{count}.newsgraph@{}>", std::process::id(), from.domain())
}

fn header(out: &mut String, name: &str, value: &str) {
    out.push_str(name);
    out.push_str(": ");
    out.push_str(value);
    out.push_str("\r\n");
}

/// `To: a@x, b@y`, folded before an address that would make the line too long. The addresses
/// are checked ([`Address`]): no commas, quotes or line breaks to escape.
fn address_list(out: &mut String, name: &str, addresses: &[Address]) {
    let mut line = format!("{name}:");
    for (i, address) in addresses.iter().enumerate() {
        let last = i + 1 == addresses.len();
        let piece = if last { address.to_string() } else { format!("{address},") };
        if line.len() + 1 + piece.len() > HEADER_WIDTH && line.len() > name.len() + 1 {
            out.push_str(&line);
            out.push_str("\r\n");
            line.clear();
        }
        line.push(' ');
        line.push_str(&piece);
    }
    out.push_str(&line);
    out.push_str("\r\n");
}

/// Header text (the subject) made safe: control characters (line breaks among them) become
/// spaces; plain ASCII that fits on the line is written as it is, anything else as RFC 2047
/// encoded words (UTF-8, base64), each under 75 characters on its own folded line.
fn header_text(text: &str, before: usize) -> String {
    let text: String = text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    let plain = text.is_ascii() && !text.contains("=?") && before + text.len() <= HEADER_WIDTH;
    if plain {
        return text;
    }
    let mut words = Vec::new();
    let mut rest = text.as_str();
    while !rest.is_empty() {
        // The longest run of whole characters within WORD_BYTES: a word must decode on its own.
        let mut end = rest.len().min(WORD_BYTES);
        while !rest.is_char_boundary(end) {
            end -= 1;
        }
        let (word, after) = rest.split_at(end);
        words.push(format!("=?UTF-8?B?{}?=", base64(word.as_bytes())));
        rest = after;
    }
    // Whitespace between encoded words is dropped by readers, so folding between them adds nothing.
    words.join("\r\n ")
}

/// Quoted-printable (RFC 2045 §6.7): printable ASCII as it is, `=`, other bytes and whitespace
/// ending a line as `=XX`, lines broken softly (`=` at the end) to at most 76 characters; the
/// text's line breaks (LF or CRLF) become CRLF.
fn quoted_printable(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push_str("\r\n");
        }
        let line = line.strip_suffix('\r').unwrap_or(line).as_bytes();
        let mut width = 0;
        for (j, &byte) in line.iter().enumerate() {
            let last = j + 1 == line.len();
            let literal =
                (byte.is_ascii_graphic() && byte != b'=') || (matches!(byte, b' ' | b'\t') && !last);
            let len = if literal { 1 } else { 3 };
            // Room is kept for the soft break's `=`, except by the line's last piece.
            let room = if last { QP_WIDTH } else { QP_WIDTH - 1 };
            if width + len > room {
                out.push_str("=\r\n");
                width = 0;
            }
            if literal {
                out.push(char::from(byte));
            } else {
                out.push_str(&format!("={byte:02X}"));
            }
            width += len;
        }
    }
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Decodes quoted-printable, for checking what a reader would see.
    pub(crate) fn decode_qp(text: &str) -> String {
        let joined = text.replace("=\r\n", "");
        let bytes = joined.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'=' {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).expect("hex");
                out.push(u8::from_str_radix(hex, 16).expect("hex"));
                i += 3;
            } else {
                out.push(bytes[i]);
                i += 1;
            }
        }
        String::from_utf8(out).expect("utf-8")
    }

    fn address(text: &str) -> Address {
        Address::parse(text).expect("address")
    }

    #[test]
    fn quoted_printable_keeps_lines_short_and_round_trips() {
        let texts = [
            "plain line\nsecond line\n".to_owned(),
            "trailing space \nand tab\t\n".to_owned(),
            "a = b, 100% über “quotes” — €".to_owned(),
            "x".repeat(500),
            "é".repeat(100),
            format!("{}=", "y".repeat(74)),
            ".leading dot\r\nwindows line\r\n".to_owned(),
        ];
        for text in texts {
            let encoded = quoted_printable(&text);
            for line in encoded.split("\r\n") {
                assert!(line.len() <= QP_WIDTH, "{line:?}");
                assert!(line.bytes().all(|b| b.is_ascii_graphic() || b == b' ' || b == b'\t'), "{line:?}");
                assert!(!line.ends_with(' ') && !line.ends_with('\t'), "{line:?}");
            }
            assert_eq!(decode_qp(&encoded), text.replace("\r\n", "\n").replace('\n', "\r\n"));
        }
        assert_eq!(quoted_printable("a=b \n"), "a=3Db=20\r\n");
        assert_eq!(quoted_printable(".hidden"), ".hidden", "dot-stuffing is the SMTP client's");
    }

    #[test]
    fn subjects_are_encoded_words_when_not_plain_ascii() {
        assert_eq!(header_text("Daily digest: 2022-12-19", 9), "Daily digest: 2022-12-19");
        let encoded = header_text("Daily digest: 2022-12-19 · World", 9);
        assert_eq!(encoded, format!("=?UTF-8?B?{}?=", base64("Daily digest: 2022-12-19 · World".as_bytes())));
        let long = format!("Daily digest: 2022-12-19 · {}", "Ünïcode section ".repeat(10));
        let encoded = header_text(&long, 9);
        let mut decoded = Vec::new();
        for word in encoded.split("\r\n ") {
            assert!(word.len() + "Subject: ".len() <= HEADER_WIDTH, "{word}");
            let inner = word.strip_prefix("=?UTF-8?B?").and_then(|w| w.strip_suffix("?=")).expect("a word");
            assert_eq!(base64(&decode_b64(inner)), inner);
            decoded.extend(decode_b64(inner));
        }
        assert_eq!(String::from_utf8(decoded).expect("whole characters per word"), long);
        let injected = header_text("Digest\r\nBcc: evil@example.test", 9);
        assert!(!injected.contains('\r') && !injected.contains('\n'), "{injected}");
        assert!(header_text("=?UTF-8?B?x?=", 9).starts_with("=?UTF-8?B?PT9"), "no lookalike words");
    }

    fn decode_b64(text: &str) -> Vec<u8> {
        use base64::Engine as _;
        base64::engine::general_purpose::STANDARD.decode(text).expect("base64")
    }

    #[test]
    fn a_message_has_the_headers_and_both_parts() {
        let from = address("news@example.test");
        let to = [address("a@example.test"), address("b@example.test")];
        let date = DateTime::parse_from_rfc3339("2022-12-20T06:00:00Z").expect("date").to_utc();
        let id = message_id(&from, date);
        assert!(id.starts_with('<') && id.ends_with("@example.test>"), "{id}");
        assert_ne!(id, message_id(&from, date), "unique within a process");
        let long_line = format!("{} end", "word ".repeat(400));
        let text = format!("# Daily digest\n\nPutin holds talks in Minsk\n{long_line}\n");
        let html = "<!DOCTYPE html><html><body><h1>Putin holds talks in Minsk</h1></body></html>";
        let message = Message {
            from: &from,
            to: &to,
            subject: "Daily digest: 2022-12-19 · World",
            text: &text,
            html,
            date,
            message_id: &id,
        };
        let rendered = message.render();
        assert!(rendered.is_ascii());
        for line in rendered.split("\r\n") {
            assert!(line.len() <= 998 && line.len() <= HEADER_WIDTH, "{line:?}");
            assert!(!line.contains('\r') && !line.contains('\n'), "CRLF only");
        }
        let (head, body) = rendered.split_once("\r\n\r\n").expect("head and body");
        for expected in [
            "From: news@example.test",
            "To: a@example.test, b@example.test",
            "Date: Tue, 20 Dec 2022 06:00:00 +0000",
            &format!("Message-ID: {id}"),
            "MIME-Version: 1.0",
            "Content-Type: multipart/alternative; boundary=\"=_newsgraph_alternative\"",
        ] {
            assert!(head.lines().any(|l| l == expected), "{expected} in {head}");
        }
        assert!(head.contains("Subject: =?UTF-8?B?"), "{head}");
        let parts: Vec<&str> = body.split("\r\n--=_newsgraph_alternative").collect();
        assert_eq!(parts.len(), 4, "preamble, two parts, the closing delimiter: {body}");
        assert_eq!(parts[3], "--\r\n");
        let (plain_head, plain) = parts[1].split_once("\r\n\r\n").expect("part");
        assert!(plain_head.contains("Content-Type: text/plain; charset=utf-8"));
        assert!(plain_head.contains("Content-Transfer-Encoding: quoted-printable"));
        assert_eq!(decode_qp(plain), text.replace('\n', "\r\n"));
        let (html_head, html_body) = parts[2].split_once("\r\n\r\n").expect("part");
        assert!(html_head.contains("Content-Type: text/html; charset=utf-8"));
        assert_eq!(decode_qp(html_body), html);
    }

    #[test]
    fn many_recipients_are_folded() {
        let to: Vec<Address> = (0..12).map(|i| address(&format!("reader{i}@example.test"))).collect();
        let mut out = String::new();
        address_list(&mut out, "To", &to);
        let lines: Vec<&str> = out.trim_end().split("\r\n").collect();
        assert!(lines.len() > 1, "{out}");
        assert!(lines.iter().all(|l| l.len() <= HEADER_WIDTH), "{out}");
        assert!(lines[1..].iter().all(|l| l.starts_with(' ')), "continuations start with a space");
        let unfolded = out.replace("\r\n ", " ");
        assert_eq!(unfolded.trim_end().matches("@example.test").count(), 12);
    }
}
