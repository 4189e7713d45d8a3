//! What the user named on the command line, expanded into the things to read.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

/// One argument of `newsgraph import`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportInput {
    /// A file or a directory (read recursively).
    Path(PathBuf),
    /// Standard input (`-`).
    Stdin,
}

impl ImportInput {
    pub fn from_arg(arg: &str) -> Self {
        if arg == "-" { ImportInput::Stdin } else { ImportInput::Path(PathBuf::from(arg)) }
    }
}

/// A single thing to read: a file or standard input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Unit {
    File(PathBuf),
    Stdin,
}

impl Unit {
    pub(crate) fn location(&self) -> String {
        match self {
            Unit::File(path) => path.display().to_string(),
            Unit::Stdin => "-".to_owned(),
        }
    }

    /// JSONL corpora are recognised by name: `.jsonl`, `.ndjson`, optionally gzip-compressed.
    pub(crate) fn is_jsonl_by_name(&self) -> bool {
        let Unit::File(path) = self else { return false };
        let name = path.file_name().map(|n| n.to_string_lossy().to_lowercase()).unwrap_or_default();
        let name = name.strip_suffix(".gz").unwrap_or(&name);
        name.ends_with(".jsonl") || name.ends_with(".ndjson")
    }

    /// WARC archives are recognised by name: `.warc`, optionally gzip-compressed.
    pub(crate) fn is_warc_by_name(&self) -> bool {
        let Unit::File(path) = self else { return false };
        let name = path.file_name().map(|n| n.to_string_lossy().to_lowercase()).unwrap_or_default();
        name.strip_suffix(".gz").unwrap_or(&name).ends_with(".warc")
    }
}

/// Expands inputs into units in a stable order: files as given, directories walked
/// recursively in name order, skipping hidden entries. Paths that cannot be listed are
/// returned as failures, not errors: the import goes on with the rest.
pub(crate) fn expand(inputs: &[ImportInput]) -> (Vec<Unit>, Vec<(String, String)>) {
    let mut units = Vec::new();
    let mut failures = Vec::new();
    for input in inputs {
        match input {
            ImportInput::Stdin => units.push(Unit::Stdin),
            ImportInput::Path(path) if path.is_dir() => walk(path, &mut units, &mut failures),
            ImportInput::Path(path) if path.exists() => units.push(Unit::File(path.clone())),
            ImportInput::Path(path) => {
                failures.push((path.display().to_string(), "no such file or directory".into()))
            }
        }
    }
    (units, failures)
}

fn walk(dir: &Path, units: &mut Vec<Unit>, failures: &mut Vec<(String, String)>) {
    let entries = WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in entries {
        match entry {
            Ok(entry) if entry.file_type().is_file() => units.push(Unit::File(entry.into_path())),
            Ok(_) => {}
            Err(e) => {
                let location = e.path().unwrap_or(dir).display().to_string();
                failures.push((location, e.to_string()));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_directories_in_order_and_skips_hidden() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir_all(dir.path().join("sub")).expect("mkdir");
        std::fs::create_dir_all(dir.path().join(".git")).expect("mkdir");
        for name in ["b.txt", "a.html", "sub/c.jsonl", "sub/d.WARC.gz", ".hidden", ".git/config"] {
            std::fs::write(dir.path().join(name), "x").expect("write");
        }
        let inputs = [
            ImportInput::Path(dir.path().into()),
            ImportInput::from_arg("-"),
            ImportInput::from_arg("/no/such"),
        ];
        let (units, failures) = expand(&inputs);
        let names: Vec<String> =
            units.iter().map(|u| u.location().replace(&dir.path().display().to_string(), "")).collect();
        assert_eq!(names, ["/a.html", "/b.txt", "/sub/c.jsonl", "/sub/d.WARC.gz", "-"]);
        assert_eq!(failures.len(), 1);
        assert!(units[2].is_jsonl_by_name());
        assert!(!units[0].is_jsonl_by_name());
        assert!(units[3].is_warc_by_name() && !units[3].is_jsonl_by_name());
        assert!(!units[2].is_warc_by_name() && !units[4].is_warc_by_name());
    }
}
