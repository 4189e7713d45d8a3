use serde::{Deserialize, Serialize};

/// Where an article came from: a file on disk, standard input, a line of a JSONL corpus, a
/// feed or a web page. Kept with every stored article so a user can always trace it back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    pub kind: SourceKind,
    /// A path, a URL, or `-` for standard input. For a JSONL corpus, `path:line`.
    pub location: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// A text or HTML file (possibly gzip-compressed).
    File,
    /// One line of a JSONL corpus.
    Jsonl,
    /// Standard input.
    Stdin,
    /// Fetched over HTTP.
    Web,
}

impl SourceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::File => "file",
            SourceKind::Jsonl => "jsonl",
            SourceKind::Stdin => "stdin",
            SourceKind::Web => "web",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "file" => SourceKind::File,
            "jsonl" => SourceKind::Jsonl,
            "stdin" => SourceKind::Stdin,
            "web" => SourceKind::Web,
            _ => return None,
        })
    }
}
