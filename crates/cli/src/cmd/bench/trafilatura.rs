//! The trafilatura peer: runs `bench/peers/trafilatura_extract.py` (embedded in the binary)
//! with the configured Python and reads back its bodies and its own timing.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

pub use super::python::Outcome;
use super::python::run_script;

/// The committed peer script, embedded so the binary runs it from anywhere.
const SCRIPT: &str = include_str!("../../../../../bench/peers/trafilatura_extract.py");

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

pub fn run(python: &str, pages: &[PeerPage<'_>]) -> Outcome<PeerRun> {
    let input = match serde_json::to_vec(pages) {
        Ok(input) => input,
        Err(error) => return Outcome::Failed(format!("cannot encode the page list: {error}")),
    };
    run_script(python, SCRIPT, &[], input).and_then(|finished| {
        match serde_json::from_slice::<PeerRun>(&finished.stdout) {
            Ok(run) => Outcome::Ran(run),
            Err(error) => Outcome::Failed(format!("unreadable output from the peer script: {error}")),
        }
    })
}
