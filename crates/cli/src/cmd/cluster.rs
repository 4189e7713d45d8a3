//! `newsgraph cluster FILE.jsonl`: articles grouped into stories as they would arrive, in
//! publication order, with no look-ahead (the `cluster` crate does the grouping; this reads
//! the file, finds the entities and prints).

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use newsgraph_cluster::{ArticleInput, ClusterOptions, StoryClusterer};
use newsgraph_nlp::EntityRecognizer;
use rayon::prelude::*;
use serde::Deserialize;
use serde_json::Value;

use super::PARTIAL_FAILURE;
use crate::cli::{ClusterArgs, ClusterOptionArgs};

/// One line of the input.
#[derive(Deserialize)]
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

/// The entity keys of each article (title and text), on all cores; empty lists without
/// `recognizer`.
pub fn entities(lines: &[ClusterLine], recognizer: Option<&EntityRecognizer>) -> Vec<Vec<String>> {
    lines
        .par_iter()
        .map(|line| match recognizer {
            Some(r) => {
                let found = r.recognize_text(&format!("{}\n\n{}", line.title, line.text));
                found.entities.into_iter().map(|e| e.key).collect()
            }
            None => Vec::new(),
        })
        .collect()
}

pub fn options(args: &ClusterOptionArgs) -> ClusterOptions {
    ClusterOptions {
        threshold: args.threshold,
        entity_weight: args.entity_weight,
        ..ClusterOptions::default()
    }
}

/// The story of each article, indexed like `lines`, filing them in `order`.
pub fn stories(
    lines: &[ClusterLine],
    entities: &[Vec<String>],
    order: &[usize],
    options: ClusterOptions,
) -> Vec<usize> {
    let mut clusterer = StoryClusterer::new(options);
    let mut story = vec![0; lines.len()];
    for &i in order {
        let line = &lines[i];
        story[i] = clusterer.add(&ArticleInput {
            title: &line.title,
            text: &line.text,
            published: line.seconds(),
            entities: entities.get(i).map_or(&[], Vec::as_slice),
        });
    }
    story
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
    let JsonlFile { lines, skipped: bad } = read_lines(&args.file)?;
    for (n, reason) in &bad {
        eprintln!("{}:{n}: skipped: {reason}", args.file.display());
    }
    let recognizer = recognizer(&args.options)?;
    let entities = entities(&lines, recognizer.as_ref());
    let order = arrival_order(&lines);
    let story = stories(&lines, &entities, &order, options(&args.options));
    let mut out = std::io::stdout().lock();
    for &i in &order {
        match writeln!(out, "{}\t{}", lines[i].id(), story[i]) {
            // The reader has all it wanted (`| head`).
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => break,
            other => other?,
        }
    }
    Ok(if bad.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(PARTIAL_FAILURE) })
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
