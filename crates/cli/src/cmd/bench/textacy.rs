//! The textacy peer for the quote benchmark: runs `bench/peers/textacy_quotes.py` (embedded in
//! the binary) on the documents' texts and reads back its attributions, as byte ranges into
//! the same texts, and its timing.

use std::ops::Range;

use newsgraph_bench::quotes::Attribution;
use serde::Deserialize;

pub use super::python::Outcome;
use super::python::{Finished, field, run_script};

/// The committed peer script, embedded so the binary runs it from anywhere.
const SCRIPT: &str = include_str!("../../../../../bench/peers/textacy_quotes.py");

pub struct PeerRun {
    /// Per document, in input order.
    pub attributions: Vec<Vec<Attribution>>,
    /// Time spent in spaCy and textacy only, as the script measures it.
    pub seconds: f64,
    /// Documents textacy refused (an unclosed quotation), scored as finding nothing.
    pub refused: u64,
}

#[derive(Deserialize)]
struct Line {
    attributions: Vec<Triple>,
}

/// Character ranges, `[start, end)`.
#[derive(Deserialize)]
struct Triple {
    source: Vec<[usize; 2]>,
    cue: Vec<[usize; 2]>,
    content: Vec<[usize; 2]>,
}

pub fn run(python: &str, texts: &[&str]) -> Outcome<PeerRun> {
    let input: String =
        texts.iter().map(|text| serde_json::json!({ "text": text }).to_string() + "\n").collect();
    run_script(python, SCRIPT, &[], input.into_bytes()).and_then(|finished| read(&finished, texts))
}

/// The script's answer: a line of attributions per text, and `seconds=S refused=N` last on
/// standard error.
fn read(finished: &Finished, texts: &[&str]) -> Outcome<PeerRun> {
    let last_line = &finished.last_line;
    let (Some(seconds), refused) = (field(last_line, "seconds"), field(last_line, "refused")) else {
        return Outcome::Failed(format!(
            "no `documents=N seconds=S` line from the peer; it said: {last_line}"
        ));
    };
    let stdout = String::from_utf8_lossy(&finished.stdout);
    let lines: Vec<&str> = stdout.lines().filter(|l| !l.trim().is_empty()).collect();
    if lines.len() != texts.len() {
        return Outcome::Failed(format!("the peer answered {} documents for {}", lines.len(), texts.len()));
    }
    let mut attributions = Vec::with_capacity(texts.len());
    for (line, text) in lines.iter().zip(texts) {
        let parsed: Line = match serde_json::from_str(line) {
            Ok(parsed) => parsed,
            Err(error) => return Outcome::Failed(format!("unreadable peer output: {error}")),
        };
        attributions.push(to_bytes(text, &parsed.attributions));
    }
    Outcome::Ran(PeerRun { attributions, seconds, refused: refused.map_or(0, |n| n as u64) })
}

/// The triples with their character ranges as byte ranges of `text`; a range outside the
/// text is dropped.
fn to_bytes(text: &str, triples: &[Triple]) -> Vec<Attribution> {
    let mut bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    bytes.push(text.len());
    let ranges = |list: &[[usize; 2]]| -> Vec<Range<usize>> {
        list.iter()
            .filter_map(|[s, e]| Some(*bytes.get(*s)?..*bytes.get(*e)?))
            .filter(|r| r.start < r.end)
            .collect()
    };
    triples
        .iter()
        .map(|t| Attribution { source: ranges(&t.source), cue: ranges(&t.cue), content: ranges(&t.content) })
        .filter(|a| !a.content.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn character_ranges_become_byte_ranges() {
        let text = "«Да», he said.";
        let triples = [Triple { source: vec![[6, 8]], cue: vec![[9, 13]], content: vec![[1, 3], [40, 50]] }];
        let found = to_bytes(text, &triples);
        assert_eq!(&text[found[0].source[0].clone()], "he");
        assert_eq!(&text[found[0].cue[0].clone()], "said");
        assert_eq!(found[0].content.len(), 1, "the range past the end is dropped");
        assert_eq!(&text[found[0].content[0].clone()], "Да");
        assert_eq!(field("documents=2 seconds=0.104 refused=1", "seconds"), Some(0.104));
        assert_eq!(field("documents=2 seconds=0.104 refused=1", "refused"), Some(1.0));
    }
}
