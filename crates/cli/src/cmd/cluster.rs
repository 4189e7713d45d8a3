//! `newsgraph cluster FILE.jsonl` and `newsgraph dedup FILE.jsonl`: articles filed as they
//! would arrive, in publication order, with no look-ahead (the `cluster` crate's organizer
//! finds copies and stories; this reads the file, finds the entities and prints).

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use newsgraph_cluster::{ArticleInput, ClusterOptions, Filing, Organizer, OrganizerOptions};
use newsgraph_nlp::EntityRecognizer;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Deserialize;
use serde_json::Value;

use super::PARTIAL_FAILURE;
use crate::cli::{ClusterArgs, ClusterOptionArgs, DedupArgs};

/// One line of the input.
#[derive(Deserialize, Default)]
pub struct ClusterLine {
    #[serde(default)]
    pub id: Value,
    /// The gold story, in labelled files.
    #[serde(default)]
    pub cluster: Option<String>,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub published: Option<String>,
    /// The keys of the entities the article names, when given (else they are recognised).
    #[serde(default)]
    pub entities: Option<Vec<String>>,
}

impl ClusterLine {
    /// The id as printed: a string as is, anything else as JSON (`12`, `null`).
    pub fn id(&self) -> String {
        match &self.id {
            Value::String(id) => id.clone(),
            other => other.to_string(),
        }
    }

    /// Publication time in seconds since the epoch, from RFC 3339 or a `YYYY-MM-DD` day (noon
    /// UTC); `None` when absent or unreadable.
    pub fn seconds(&self) -> Option<i64> {
        let published = self.published.as_deref()?.trim();
        if let Ok(time) = chrono::DateTime::parse_from_rfc3339(published) {
            return Some(time.timestamp());
        }
        let day = chrono::NaiveDate::parse_from_str(published.get(..10)?, "%Y-%m-%d").ok()?;
        Some(day.and_hms_opt(12, 0, 0)?.and_utc().timestamp())
    }
}

/// A JSONL file as read: the lines that parse, and the others' numbers with the reason.
pub struct JsonlFile {
    pub lines: Vec<ClusterLine>,
    pub skipped: Vec<(usize, String)>,
}

pub fn read_lines(path: &Path) -> anyhow::Result<JsonlFile> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut file = JsonlFile { lines: Vec::new(), skipped: Vec::new() };
    for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        match serde_json::from_str::<ClusterLine>(line) {
            Ok(parsed) => file.lines.push(parsed),
            Err(error) => file.skipped.push((n + 1, error.to_string())),
        }
    }
    Ok(file)
}

/// The order articles arrive in: by publication time, undated ones last, ties in file order.
pub fn arrival_order(lines: &[ClusterLine]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..lines.len()).collect();
    order.sort_by_key(|&i| lines[i].seconds().map_or((1, 0), |s| (0, s)));
    order
}

/// The entity keys of each article: those given in the line, or else those `recognizer` finds
/// in its title and text (on all cores); empty lists without either.
pub fn entities(lines: &[ClusterLine], recognizer: Option<&EntityRecognizer>) -> Vec<Vec<String>> {
    lines
        .par_iter()
        .map(|line| match (&line.entities, recognizer) {
            (Some(given), _) => given.clone(),
            (None, Some(r)) => {
                let found = r.recognize_text(&format!("{}\n\n{}", line.title, line.text));
                found.entities.into_iter().map(|e| e.key).collect()
            }
            (None, None) => Vec::new(),
        })
        .collect()
}

pub fn options(args: &ClusterOptionArgs) -> OrganizerOptions {
    let stories = ClusterOptions {
        threshold: args.threshold,
        entity_weight: args.entity_weight,
        ..ClusterOptions::default()
    };
    OrganizerOptions { stories, ..OrganizerOptions::default() }
}

/// Each article's filing, indexed like `lines`, filing them in `order` (an article's key is its
/// line's index).
pub fn file_all(
    lines: &[ClusterLine],
    entities: &[Vec<String>],
    order: &[usize],
    options: OrganizerOptions,
) -> Vec<Filing> {
    let mut organizer = Organizer::new(options);
    let mut filings = vec![Filing { story: 0, duplicate_of: None, rewrite_of: None }; lines.len()];
    for &i in order {
        let line = &lines[i];
        filings[i] = organizer.file(
            i as u64,
            &ArticleInput {
                title: &line.title,
                text: &line.text,
                published: line.seconds(),
                entities: entities.get(i).map_or(&[], Vec::as_slice),
            },
        );
    }
    filings
}

/// The story of each filing as a number, stories numbered from 0 in the order they open.
pub fn story_numbers(filings: &[Filing], order: &[usize]) -> Vec<usize> {
    let mut numbers: FxHashMap<u64, usize> = FxHashMap::default();
    let mut out = vec![0; filings.len()];
    for &i in order {
        let next = numbers.len();
        out[i] = *numbers.entry(filings[i].story).or_insert(next);
    }
    out
}

pub fn recognizer(args: &ClusterOptionArgs) -> anyhow::Result<Option<EntityRecognizer>> {
    match args.no_entities {
        true => Ok(None),
        false => {
            EntityRecognizer::embedded().map(Some).context("the built-in entity recognizer does not load")
        }
    }
}

pub fn run(args: &ClusterArgs) -> anyhow::Result<ExitCode> {
    let filed = file_jsonl(&args.file, &args.options)?;
    let story = story_numbers(&filed.filings, &filed.order);
    print_rows(filed.order.iter().map(|&i| format!("{}\t{}", filed.lines[i].id(), story[i])))?;
    Ok(filed.exit_code())
}

/// `newsgraph dedup`: each article with the id of the article it copies, or its own.
pub fn dedup(args: &DedupArgs) -> anyhow::Result<ExitCode> {
    let filed = file_jsonl(&args.file, &args.options)?;
    print_rows(filed.order.iter().map(|&i| {
        let canonical = filed.filings[i].duplicate_of.map_or(i, |c| c as usize);
        format!("{}\t{}", filed.lines[i].id(), filed.lines[canonical].id())
    }))?;
    Ok(filed.exit_code())
}

/// A JSONL file filed: its lines, their arrival order and filings (indexed like the lines).
struct Filed {
    lines: Vec<ClusterLine>,
    order: Vec<usize>,
    filings: Vec<Filing>,
    /// Some lines did not parse (each reported on standard error).
    skipped_some: bool,
}

impl Filed {
    fn exit_code(&self) -> ExitCode {
        if self.skipped_some { ExitCode::from(PARTIAL_FAILURE) } else { ExitCode::SUCCESS }
    }
}

fn file_jsonl(path: &Path, options: &ClusterOptionArgs) -> anyhow::Result<Filed> {
    let JsonlFile { lines, skipped } = read_lines(path)?;
    for (n, reason) in &skipped {
        eprintln!("{}:{n}: skipped: {reason}", path.display());
    }
    let recognizer = recognizer(options)?;
    let entities = entities(&lines, recognizer.as_ref());
    let order = arrival_order(&lines);
    let filings = file_all(&lines, &entities, &order, self::options(options));
    Ok(Filed { lines, order, filings, skipped_some: !skipped.is_empty() })
}

fn print_rows(rows: impl Iterator<Item = String>) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    for row in rows {
        match writeln!(out, "{row}") {
            // The reader has all it wanted (`| head`).
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => break,
            other => other?,
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(json: &str) -> ClusterLine {
        serde_json::from_str(json).expect("line")
    }

    #[test]
    fn arrival_is_by_publication_with_undated_last() {
        let lines = [
            line(r#"{"id": "c", "published": null}"#),
            line(r#"{"id": 2, "published": "2021-04-22T06:15:00-07:00"}"#),
            line(r#"{"id": "a", "published": "2013-06-06"}"#),
            line(r#"{"id": "d", "published": "not a date"}"#),
        ];
        let order: Vec<String> = arrival_order(&lines).into_iter().map(|i| lines[i].id()).collect();
        assert_eq!(order, ["a", "2", "c", "d"]);
        assert_eq!(lines[2].seconds(), Some(1_370_520_000));
    }
}
