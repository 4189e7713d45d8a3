//! Line reading for JSONL streams: numbered, size-capped, tolerant of bad bytes.

use std::io::BufRead;

/// Lines of a stream with their 1-based numbers. Blank lines are skipped; a line over the cap
/// or not valid UTF-8 comes back as an error for that line only.
pub(crate) struct CappedLines<R> {
    reader: R,
    max_bytes: u64,
    number: usize,
    done: bool,
}

pub(crate) type Line = (usize, Result<String, String>);

impl<R: BufRead> CappedLines<R> {
    pub(crate) fn new(reader: R, max_bytes: u64) -> Self {
        CappedLines { reader, max_bytes, number: 0, done: false }
    }

    /// Up to `n` more lines; empty at the end of the stream.
    pub(crate) fn next_chunk(&mut self, n: usize) -> Vec<Line> {
        let mut chunk = Vec::with_capacity(n);
        while chunk.len() < n {
            let Some(line) = self.next_line() else { break };
            if !matches!(&line.1, Ok(text) if text.trim().is_empty()) {
                chunk.push(line);
            }
        }
        chunk
    }

    fn next_line(&mut self) -> Option<Line> {
        if self.done {
            return None;
        }
        self.number += 1;
        let mut buf = Vec::new();
        let mut too_long = false;
        loop {
            let available = match self.reader.fill_buf() {
                Ok(available) => available,
                Err(e) => {
                    self.done = true;
                    return Some((self.number, Err(format!("cannot read: {e}"))));
                }
            };
            if available.is_empty() {
                self.done = true;
                if buf.is_empty() && !too_long {
                    return None;
                }
                break;
            }
            let (part, found_newline) = match available.iter().position(|&b| b == b'\n') {
                Some(i) => (&available[..i], true),
                None => (available, false),
            };
            if (buf.len() + part.len()) as u64 > self.max_bytes {
                too_long = true;
                buf.clear();
            } else if !too_long {
                buf.extend_from_slice(part);
            }
            let consumed = part.len() + usize::from(found_newline);
            self.reader.consume(consumed);
            if found_newline {
                break;
            }
        }
        if too_long {
            return Some((
                self.number,
                Err(format!("line longer than the size limit of {} bytes", self.max_bytes)),
            ));
        }
        let line = String::from_utf8(buf).map_err(|_| "not valid UTF-8".to_owned());
        Some((self.number, line))
    }
}

/// Whether a stream starts like a JSONL corpus (its first non-blank byte opens an object),
/// looking ahead without consuming.
pub(crate) fn looks_like_jsonl(reader: &mut impl BufRead) -> bool {
    match reader.fill_buf() {
        Ok(bytes) => bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{'),
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_lines_and_reports_bad_ones() {
        let data = b"{\"a\":1}\n\n0123456789abcdef\n\xff\xfe\nlast";
        let mut lines = CappedLines::new(&data[..], 10);
        let got = lines.next_chunk(100);
        assert_eq!(got.len(), 4);
        assert_eq!(got[0], (1, Ok("{\"a\":1}".to_owned())));
        assert!(got[1].1.as_ref().is_err_and(|e| e.contains("size limit")), "{got:?}");
        assert_eq!(got[1].0, 3);
        assert_eq!(got[2].1, Err("not valid UTF-8".to_owned()));
        assert_eq!(got[3], (5, Ok("last".to_owned())));
        assert!(lines.next_chunk(100).is_empty());
    }

    #[test]
    fn chunks_stop_at_the_requested_size() {
        let data = b"1\n2\n3\n";
        let mut lines = CappedLines::new(&data[..], 10);
        assert_eq!(lines.next_chunk(2).len(), 2);
        assert_eq!(lines.next_chunk(2).len(), 1);
    }

    #[test]
    fn sniffs_jsonl() {
        assert!(looks_like_jsonl(&mut &b"  {\"title\":1}"[..]));
        assert!(!looks_like_jsonl(&mut &b"<html>"[..]));
        assert!(!looks_like_jsonl(&mut &b"Plain text"[..]));
    }
}
