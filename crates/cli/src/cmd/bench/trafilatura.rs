//! The trafilatura peer: runs `bench/peers/trafilatura_extract.py` (embedded in the binary)
//! with the configured Python and reads back its bodies and its own timing.

use std::collections::HashMap;
use std::io::Write;
use std::process::{Command, Stdio};

use serde::{Deserialize, Serialize};

/// The committed peer script, embedded so the binary runs it from anywhere.
const SCRIPT: &str = include_str!("../../../../../bench/peers/trafilatura_extract.py");

/// The script's exit code when trafilatura cannot be imported.
const MISSING_TRAFILATURA: i32 = 3;

/// One page as the script reads it.
#[derive(Serialize)]
pub struct PeerPage<'a> {
    pub id: &'a str,
    pub path: &'a str,
    pub url: Option<&'a str>,
}

#[derive(Deserialize)]
pub struct PeerRun {
    /// Extraction time over all pages, measured by the script around the calls only.
    pub seconds: f64,
    pub trafilatura_version: Option<String>,
    /// Body per page id; `null` or absent counts as an empty prediction.
    pub bodies: HashMap<String, Option<String>>,
}

pub enum Outcome {
    Ran(PeerRun),
    /// Python or trafilatura is missing: the reason, in one line.
    Unavailable(String),
    /// The peer started but did not produce a result.
    Failed(String),
}

pub fn run(python: &str, pages: &[PeerPage<'_>]) -> Outcome {
    let input = match serde_json::to_vec(pages) {
        Ok(input) => input,
        Err(error) => return Outcome::Failed(format!("cannot encode the page list: {error}")),
    };
    let child = Command::new(python)
        .arg("-c")
        .arg(SCRIPT)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(child) => child,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return Outcome::Unavailable(format!("{python} not found (set NEWSGRAPH_PYTHON or --python)"));
        }
        Err(error) => return Outcome::Failed(format!("cannot start {python}: {error}")),
    };
    // Written from another thread so that a chatty peer cannot block on a full pipe.
    let writer = child.stdin.take().map(|mut stdin| {
        std::thread::spawn(move || {
            // A peer that exits early closes the pipe; its exit status says why.
            let _ = stdin.write_all(&input);
        })
    });
    let output = match child.wait_with_output() {
        Ok(output) => output,
        Err(error) => return Outcome::Failed(format!("cannot wait for {python}: {error}")),
    };
    if let Some(writer) = writer {
        let _ = writer.join();
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    let last_line = stderr.lines().rev().find(|line| !line.trim().is_empty()).unwrap_or("").trim();
    match output.status.code() {
        Some(0) => {}
        Some(MISSING_TRAFILATURA) => return Outcome::Unavailable(last_line.to_string()),
        _ => return Outcome::Failed(format!("{python} exited with {}: {last_line}", output.status)),
    }
    match serde_json::from_slice::<PeerRun>(&output.stdout) {
        Ok(run) => Outcome::Ran(run),
        Err(error) => Outcome::Failed(format!("unreadable output from the peer script: {error}")),
    }
}
