//! The spaCy peer for the NER benchmark: runs `bench/peers/spacy_ner.py` (embedded in the
//! binary) on a CoNLL file and reads back its tags, sentence by sentence, and its timing.

use std::path::Path;

pub use super::python::Outcome;
use super::python::{field, run_script};

/// The committed peer script, embedded so the binary runs it from anywhere.
const SCRIPT: &str = include_str!("../../../../../bench/peers/spacy_ner.py");

pub struct PeerRun {
    /// Tags per sentence, in file order (`-DOCSTART-` lines are not sentences).
    pub sentences: Vec<Vec<String>>,
    pub tokens: u64,
    /// Time spent in the pipeline only, as the script measures it.
    pub seconds: f64,
}

pub fn run(python: &str, conll: &Path) -> Outcome<PeerRun> {
    run_script(python, SCRIPT, &[conll.as_os_str()], Vec::new()).and_then(|finished| {
        let last_line = &finished.last_line;
        let (Some(tokens), Some(seconds)) = (field(last_line, "tokens"), field(last_line, "seconds")) else {
            return Outcome::Failed(format!(
                "no `tokens=N seconds=S` line from the peer; it said: {last_line}"
            ));
        };
        let mut sentences = vec![Vec::new()];
        for line in String::from_utf8_lossy(&finished.stdout).lines() {
            match line.split_once('\t') {
                Some((_, tag)) => sentences.last_mut().map_or((), |s| s.push(tag.trim().to_string())),
                None => sentences.push(Vec::new()),
            }
        }
        sentences.retain(|s| !s.is_empty());
        Outcome::Ran(PeerRun { sentences, tokens: tokens as u64, seconds })
    })
}
