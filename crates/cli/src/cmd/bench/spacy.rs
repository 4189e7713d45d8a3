//! The spaCy peer for the NER benchmark: runs `bench/peers/spacy_ner.py` (embedded in the
//! binary) on a CoNLL file and reads back its tags, sentence by sentence, and its timing.

use std::path::Path;
use std::process::Command;

/// The committed peer script, embedded so the binary runs it from anywhere.
const SCRIPT: &str = include_str!("../../../../../bench/peers/spacy_ner.py");

/// The script's exit code when no spaCy model can be loaded.
const MISSING_MODEL: i32 = 3;

pub struct PeerRun {
    /// Tags per sentence, in file order (`-DOCSTART-` lines are not sentences).
    pub sentences: Vec<Vec<String>>,
    pub tokens: u64,
    /// Time spent in the pipeline only, as the script measures it.
    pub seconds: f64,
}

pub enum Outcome {
    Ran(PeerRun),
    Unavailable(String),
    Failed(String),
}

pub fn run(python: &str, conll: &Path) -> Outcome {
    let output = Command::new(python).arg("-c").arg(SCRIPT).arg(conll).output();
    let output = match output {
        Ok(output) => output,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return Outcome::Unavailable(format!("{python} not found (set NEWSGRAPH_PYTHON or --python)"));
        }
        Err(error) => return Outcome::Failed(format!("cannot run {python}: {error}")),
    };
    let stderr = String::from_utf8_lossy(&output.stderr);
    let last_line = stderr.lines().rev().find(|line| !line.trim().is_empty()).unwrap_or("").trim();
    match output.status.code() {
        Some(0) => {}
        // A missing spaCy is an ImportError before the script can say anything of its own.
        Some(MISSING_MODEL) => return Outcome::Unavailable(last_line.to_string()),
        _ if last_line.contains("No module named") => return Outcome::Unavailable(last_line.to_string()),
        _ => return Outcome::Failed(format!("{python} exited with {}: {last_line}", output.status)),
    }
    let Some((tokens, seconds)) = timing(last_line) else {
        return Outcome::Failed(format!("no `tokens=N seconds=S` line from the peer; it said: {last_line}"));
    };
    let mut sentences = vec![Vec::new()];
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        match line.split_once('\t') {
            Some((_, tag)) => sentences.last_mut().map_or((), |s| s.push(tag.trim().to_string())),
            None => sentences.push(Vec::new()),
        }
    }
    sentences.retain(|s| !s.is_empty());
    Outcome::Ran(PeerRun { sentences, tokens, seconds })
}

fn timing(line: &str) -> Option<(u64, f64)> {
    let mut tokens = None;
    let mut seconds = None;
    for field in line.split_whitespace() {
        match field.split_once('=') {
            Some(("tokens", n)) => tokens = n.parse().ok(),
            Some(("seconds", s)) => seconds = s.parse().ok(),
            _ => {}
        }
    }
    Some((tokens?, seconds?))
}
