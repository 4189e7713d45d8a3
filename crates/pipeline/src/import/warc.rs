//! WARC files (ISO 28500, WARC/1.0 and 1.1) read one record at a time: a version line, named
//! fields up to a blank line, then a block of `Content-Length` bytes.
//!
//! Memory stays bounded whatever the file: a record's block is read only when asked for and
//! when it fits the size limit, otherwise it is skipped through a small buffer. A record that
//! cannot be parsed is reported and the reader looks for the next `WARC/` line; a stream that
//! ends inside a record (or whose gzip breaks) ends the reading with a failure.

use std::io::{BufRead, Read};

/// Longest header line kept; longer ones make the record malformed (and are skipped when
/// looking for the next record).
const MAX_LINE: usize = 64 * 1024;
/// Most header lines in one record.
const MAX_FIELDS: usize = 512;

/// A record's version line and fields; its block waits in the stream.
#[derive(Debug)]
pub(crate) struct RecordHead {
    /// 1-based position of the record in the file (unreadable stretches count as one).
    pub(crate) number: usize,
    fields: Vec<(String, String)>,
}

impl RecordHead {
    /// The first field named `name` (case-insensitive), trimmed.
    pub(crate) fn field(&self, name: &str) -> Option<&str> {
        self.fields.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// `WARC-Type`, lowercased.
    pub(crate) fn record_type(&self) -> String {
        self.field("WARC-Type").unwrap_or_default().to_ascii_lowercase()
    }

    /// `WARC-Target-URI` without the angle brackets WARC/1.0 writers such as wget put around it.
    pub(crate) fn target_uri(&self) -> Option<String> {
        let uri = self.field("WARC-Target-URI")?;
        let uri = uri.strip_prefix('<').and_then(|u| u.strip_suffix('>')).unwrap_or(uri).trim();
        (!uri.is_empty()).then(|| uri.to_owned())
    }
}

/// A record that could not be read, by number.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct RecordFailure {
    pub(crate) number: usize,
    pub(crate) reason: String,
}

pub(crate) struct WarcReader<R> {
    reader: R,
    number: usize,
    /// Block bytes of the current record not read yet: skipped before the next record.
    block_left: u64,
    /// A `WARC/` line found while resynchronising, to start the next record.
    lookahead: Option<Vec<u8>>,
    /// Set at the end of the stream, or once it cannot be read further.
    done: bool,
}

impl<R: BufRead> WarcReader<R> {
    pub(crate) fn new(reader: R) -> Self {
        WarcReader { reader, number: 0, block_left: 0, lookahead: None, done: false }
    }

    /// The next record's head, a failure for a record that cannot be parsed, or `None` at the
    /// end. The previous record's block is skipped if it was not read.
    pub(crate) fn next_head(&mut self) -> Option<Result<RecordHead, RecordFailure>> {
        if self.block_left > 0
            && let Err(reason) = self.skip_block()
        {
            return Some(Err(RecordFailure { number: self.number, reason }));
        }
        if self.done {
            return None;
        }
        let line = loop {
            match self.read_line() {
                Ok(None) => {
                    self.done = true;
                    return None;
                }
                Ok(Some(line)) if line.iter().all(u8::is_ascii_whitespace) => continue,
                Ok(Some(line)) => break line,
                Err(reason) => return Some(Err(self.fatal(self.number + 1, reason))),
            }
        };
        self.number += 1;
        let number = self.number;
        if !line.starts_with(b"WARC/") {
            let skipped = line.len() as u64 + self.resync();
            let reason = format!("not a WARC record (no WARC/ version line); skipped {skipped} bytes");
            return Some(Err(RecordFailure { number, reason }));
        }
        Some(match self.read_fields() {
            Ok(fields) => self.head(number, fields),
            Err(Broken::Fatal(reason)) => Err(self.fatal(number, reason)),
            Err(Broken::Malformed(reason)) => {
                self.resync();
                Err(RecordFailure { number, reason })
            }
        })
    }

    /// The current record's block, or why not: larger than `max_bytes` (skipped unread) or cut
    /// short by the end of the stream.
    pub(crate) fn read_block(&mut self, max_bytes: u64) -> Result<Vec<u8>, String> {
        let length = self.block_left;
        if length > max_bytes {
            self.skip_block()?;
            return Err(format!(
                "record of {length} bytes, larger than the size limit of {max_bytes} bytes (see --max-bytes)"
            ));
        }
        let mut block = Vec::with_capacity(length as usize);
        self.block_left = 0;
        match (&mut self.reader).take(length).read_to_end(&mut block) {
            Ok(got) if got as u64 == length => Ok(block),
            Ok(got) => Err(self.truncated(length, got as u64)),
            Err(e) => Err(self.fatal(self.number, format!("cannot read: {e}")).reason),
        }
    }

    fn skip_block(&mut self) -> Result<(), String> {
        let length = std::mem::take(&mut self.block_left);
        match std::io::copy(&mut (&mut self.reader).take(length), &mut std::io::sink()) {
            Ok(got) if got == length => Ok(()),
            Ok(got) => Err(self.truncated(length, got)),
            Err(e) => Err(self.fatal(self.number, format!("cannot read: {e}")).reason),
        }
    }

    fn truncated(&mut self, length: u64, got: u64) -> String {
        self.done = true;
        format!("truncated: the record declares {length} bytes but the file ends after {got}")
    }

    fn fatal(&mut self, number: usize, reason: String) -> RecordFailure {
        self.done = true;
        RecordFailure { number, reason }
    }

    /// A head once its `Content-Length` is known; without one the block cannot be skipped, so
    /// the reader looks for the next record.
    fn head(&mut self, number: usize, fields: Vec<(String, String)>) -> Result<RecordHead, RecordFailure> {
        let head = RecordHead { number, fields };
        let reason = match head.field("Content-Length").map(|v| v.parse::<u64>()) {
            Some(Ok(length)) => {
                self.block_left = length;
                return Ok(head);
            }
            Some(Err(_)) => "invalid Content-Length",
            None => "no Content-Length",
        };
        self.resync();
        Err(RecordFailure { number, reason: reason.into() })
    }

    /// Fields up to the blank line ending the header.
    fn read_fields(&mut self) -> Result<Vec<(String, String)>, Broken> {
        let mut fields: Vec<(String, String)> = Vec::new();
        loop {
            let line = match self.read_line() {
                // Only the last line of a stream lacks its ending.
                Ok(Some(line)) if line.ends_with(b"\n") || line.len() > MAX_LINE => line,
                Ok(_) => {
                    return Err(Broken::Fatal("truncated: the file ends inside a record header".into()));
                }
                Err(reason) => return Err(Broken::Fatal(reason)),
            };
            if line.len() > MAX_LINE || fields.len() >= MAX_FIELDS {
                return Err(Broken::Malformed("header too long".into()));
            }
            let line = String::from_utf8_lossy(&line);
            let line = line.trim_end_matches(['\r', '\n']);
            if line.is_empty() {
                return Ok(fields);
            }
            if line.starts_with([' ', '\t']) {
                // A folded line continues the field before it.
                match fields.last_mut() {
                    Some((_, value)) => {
                        value.push(' ');
                        value.push_str(line.trim());
                    }
                    None => return Err(Broken::Malformed("header starts with a continuation line".into())),
                }
                continue;
            }
            match line.split_once(':') {
                Some((name, value)) if !name.trim().is_empty() => {
                    fields.push((name.trim().to_owned(), value.trim().to_owned()))
                }
                _ => return Err(Broken::Malformed(format!("malformed header line {:?}", clip(line)))),
            }
        }
    }

    /// Skips lines up to the next one starting with `WARC/`, kept for the next record.
    /// Returns the bytes skipped.
    fn resync(&mut self) -> u64 {
        let mut skipped = 0u64;
        loop {
            match self.read_line() {
                Ok(Some(line)) if line.starts_with(b"WARC/") => {
                    self.lookahead = Some(line);
                    return skipped;
                }
                Ok(Some(line)) => skipped += line.len() as u64,
                Ok(None) | Err(_) => {
                    // A read error here is reported by nothing else: the stream just ends.
                    self.done = true;
                    return skipped;
                }
            }
        }
    }

    /// One line with its ending, at most [`MAX_LINE`] + 1 bytes of it kept (the rest is
    /// consumed unread), or `None` at the end of the stream.
    fn read_line(&mut self) -> Result<Option<Vec<u8>>, String> {
        if let Some(line) = self.lookahead.take() {
            return Ok(Some(line));
        }
        let mut line = Vec::new();
        loop {
            let available = self.reader.fill_buf().map_err(|e| format!("cannot read: {e}"))?;
            if available.is_empty() {
                return Ok((!line.is_empty()).then_some(line));
            }
            let end = available.iter().position(|&b| b == b'\n');
            let part = &available[..end.map_or(available.len(), |i| i + 1)];
            let room = (MAX_LINE + 1).saturating_sub(line.len());
            line.extend_from_slice(&part[..part.len().min(room)]);
            let consumed = part.len();
            self.reader.consume(consumed);
            if end.is_some() {
                return Ok(Some(line));
            }
        }
    }
}

/// Whether a stream starts like a WARC file, looking ahead without consuming.
pub(crate) fn looks_like_warc(reader: &mut impl BufRead) -> bool {
    reader.fill_buf().is_ok_and(|bytes| bytes.starts_with(b"WARC/"))
}

enum Broken {
    /// The stream cannot be read further.
    Fatal(String),
    /// This record is broken; the next may be fine.
    Malformed(String),
}

fn clip(line: &str) -> String {
    line.chars().take(60).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(kind: &str, block: &[u8]) -> Vec<u8> {
        let mut bytes = format!(
            "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Target-URI: <https://example.org/{kind}>\r\n\
             WARC-Date: 2024-04-25T16:27:48Z\r\nContent-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        bytes.extend_from_slice(block);
        bytes.extend_from_slice(b"\r\n\r\n");
        bytes
    }

    type Outcome = (usize, Result<(String, Vec<u8>), String>);

    /// Every record as (number, type and block) or (number, failure), reading blocks up to
    /// `max_bytes`.
    fn read_all(bytes: &[u8], max_bytes: u64) -> Vec<Outcome> {
        let mut reader = WarcReader::new(bytes);
        let mut got = Vec::new();
        while let Some(head) = reader.next_head() {
            got.push(match head {
                Ok(head) => (head.number, reader.read_block(max_bytes).map(|b| (head.record_type(), b))),
                Err(failure) => (failure.number, Err(failure.reason)),
            });
        }
        got
    }

    #[test]
    fn reads_records_and_their_fields() {
        let bytes = [record("warcinfo", b"software: test"), record("response", b"HTTP/1.1 200 OK\r\n\r\nhi")]
            .concat();
        let mut reader = WarcReader::new(&bytes[..]);
        let info = reader.next_head().expect("record").expect("parses");
        assert_eq!((info.number, info.record_type()), (1, "warcinfo".to_owned()));
        // The warcinfo block is never read: the reader skips it.
        let response = reader.next_head().expect("record").expect("parses");
        assert_eq!(response.number, 2);
        assert_eq!(response.target_uri().as_deref(), Some("https://example.org/response"));
        assert_eq!(response.field("warc-date"), Some("2024-04-25T16:27:48Z"));
        assert_eq!(reader.read_block(100).expect("block"), b"HTTP/1.1 200 OK\r\n\r\nhi");
        assert!(reader.next_head().is_none());
    }

    #[test]
    fn resynchronises_after_garbage_and_bad_headers() {
        let bytes = [
            record("request", b"GET /"),
            b"some junk\r\nthat is not\r\na record\r\n".to_vec(),
            record("response", b"one"),
            b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: lots\r\n\r\nbody\r\n\r\n".to_vec(),
            b"WARC/1.0\r\nno colon here\r\n\r\n".to_vec(),
            record("response", b"two"),
        ]
        .concat();
        let got = read_all(&bytes, 100);
        let numbers: Vec<usize> = got.iter().map(|(n, _)| *n).collect();
        assert_eq!(numbers, [1, 2, 3, 4, 5, 6]);
        assert!(got[1].1.as_ref().is_err_and(|e| e.starts_with("not a WARC record")), "{got:?}");
        assert_eq!(got[2].1, Ok(("response".into(), b"one".to_vec())));
        assert_eq!(got[3].1, Err("invalid Content-Length".into()));
        assert!(got[4].1.as_ref().is_err_and(|e| e.starts_with("malformed header line")), "{got:?}");
        assert_eq!(got[5].1, Ok(("response".into(), b"two".to_vec())));
    }

    #[test]
    fn skips_an_oversize_record_unread() {
        let bytes = [record("response", &[b'x'; 5000]), record("response", b"small")].concat();
        let got = read_all(&bytes, 1000);
        assert!(got[0].1.as_ref().is_err_and(|e| e.contains("record of 5000 bytes")), "{got:?}");
        assert_eq!(got[1].1, Ok(("response".into(), b"small".to_vec())));
    }

    #[test]
    fn a_truncated_file_ends_with_a_failure() {
        let full = [record("response", b"one"), record("response", &[b'x'; 500])].concat();
        let cut = &full[..full.len() - 300];
        let got = read_all(cut, 1000);
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].1, Ok(("response".into(), b"one".to_vec())));
        assert!(got[1].1.as_ref().is_err_and(|e| e.starts_with("truncated")), "{got:?}");
        // Also when the cut record's block was never asked for.
        let mut reader = WarcReader::new(cut);
        reader.next_head().expect("first").expect("parses");
        reader.next_head().expect("second").expect("parses");
        let failure = reader.next_head().expect("a failure").expect_err("truncated");
        assert_eq!(failure.number, 2);
        assert!(reader.next_head().is_none());
        // And inside a header.
        let got = read_all(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Le", 1000);
        assert!(got[0].1.as_ref().is_err_and(|e| e.contains("inside a record header")), "{got:?}");
    }

    #[test]
    fn binary_junk_never_panics() {
        // A fixed pseudo-random sequence (xorshift), with WARC-looking pieces spliced in.
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        for round in 0..200 {
            let mut bytes = Vec::new();
            for _ in 0..(round * 37 % 3000) {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                bytes.push((state >> 24) as u8);
                match state % 97 {
                    0 => bytes.extend_from_slice(b"\r\nWARC/1.0\r\n"),
                    1 => bytes.extend_from_slice(b"Content-Length: 99999999999\r\n\r\n"),
                    2 => bytes.extend_from_slice(b"\n\n"),
                    _ => {}
                }
            }
            let got = read_all(&bytes, 1000);
            assert!(got.len() <= bytes.len() + 1);
        }
    }

    #[test]
    fn sniffs_warc() {
        assert!(looks_like_warc(&mut &b"WARC/1.0\r\n"[..]));
        assert!(!looks_like_warc(&mut &b"{\"title\": 1}"[..]));
    }
}
