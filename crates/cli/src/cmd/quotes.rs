//! `newsgraph quotes FILE...`: who said what in files, with the amounts and time expressions,
//! offsets in characters into the text as read; nothing is stored. The readers are the ones
//! import uses ([`understand_text`]); the JSON shapes are those of `extract --enrich`.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use chrono::NaiveDate;
use newsgraph_extract::{ExtractOptions, decode, extract_html, extract_text, looks_like_html};
use newsgraph_model::{ShownAmount, ShownTime, shown_amounts, shown_times};
use newsgraph_pipeline::{Readers, Understood, english, read_page_bytes, understand_text};
use rayon::prelude::*;
use serde::Serialize;

use super::PARTIAL_FAILURE;
use super::attributions::{Attribution, attributions};
use crate::cli::{QuotesArgs, QuotesFormat};

/// Files read in parallel at a time; their output keeps the order they were named in.
const CHUNK: usize = 64;

/// One input, read.
struct Read {
    /// What the offsets count into: the file's text, or an HTML page's extracted body.
    text: String,
    html: bool,
    /// The date time expressions were resolved against.
    published: Option<NaiveDate>,
    found: Understood,
}

/// The JSON shape scripts rely on: keep these fields stable.
#[derive(Serialize)]
struct Output<'a> {
    source: &'a str,
    attributions: Vec<Attribution<'a>>,
    amounts: Vec<ShownAmount<'a>>,
    times: Vec<ShownTime<'a>>,
    published: Option<NaiveDate>,
    /// Only for an HTML page: the extracted body the offsets count into.
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<&'a str>,
}

pub fn run(args: &QuotesArgs) -> anyhow::Result<ExitCode> {
    let readers = Readers::embedded().context("the built-in models do not load")?;
    let mut out = std::io::stdout().lock();
    let mut failed = 0usize;
    for chunk in args.files.chunks(CHUNK) {
        let results: Vec<Result<Read, String>> =
            chunk.par_iter().map(|file| read(&readers, file, args)).collect();
        for (file, result) in chunk.iter().zip(results) {
            match result {
                Ok(read) => write(&mut out, file, &read, args.format)?,
                Err(reason) => {
                    failed += 1;
                    eprintln!("failed: {file}: {reason}");
                    if args.format == QuotesFormat::Json {
                        writeln!(out, "{}", serde_json::json!({ "source": file, "error": reason }))?;
                    }
                }
            }
        }
    }
    out.flush()?;
    Ok(match failed {
        0 => ExitCode::SUCCESS,
        n if n == args.files.len() => ExitCode::FAILURE,
        _ => ExitCode::from(PARTIAL_FAILURE),
    })
}

/// Reads one input: its bytes (size-capped, gunzipped), its text, and what the readers find
/// in it. Errors are messages for the user.
fn read(readers: &Readers, file: &str, args: &QuotesArgs) -> Result<Read, String> {
    let bytes = read_page_bytes(file, args.max_bytes)?;
    let decoded = decode(&bytes, None).map_err(|e| e.to_string())?;
    let options = ExtractOptions::default();
    let (text, html, article) = if looks_like_html(&decoded) {
        let article = extract_html(&decoded, &options).map_err(|e| e.to_string())?;
        (article.text(), true, Some(article))
    } else {
        // Extraction only for the language and a date the text gives; a text too short to be an
        // article is read all the same.
        let article = extract_text(&decoded, &options).ok();
        (decoded, false, article)
    };
    let published = args.published.or_else(|| article.as_ref()?.published.map(|d| d.date_naive()));
    let found = match article.as_ref().is_none_or(english) {
        true => understand_text(readers, &text, published),
        false => Understood::default(),
    };
    Ok(Read { text, html, published, found })
}

fn write(out: &mut impl Write, source: &str, read: &Read, format: QuotesFormat) -> anyhow::Result<()> {
    let text = read.text.as_str();
    let found = &read.found;
    let attributions = attributions(text, &found.quotes, Some(&found.entities));
    match format {
        QuotesFormat::Json => {
            let output = Output {
                source,
                attributions,
                amounts: shown_amounts(text, &found.amounts),
                times: shown_times(text, &found.times),
                published: read.published,
                text: read.html.then_some(text),
            };
            writeln!(out, "{}", serde_json::to_string(&output)?)?;
        }
        QuotesFormat::Text => {
            writeln!(out, "== {source}")?;
            let chars: Vec<char> = text.chars().collect();
            let piece = |[start, end]: [usize; 2]| -> String {
                chars.get(start..end).map(|c| c.iter().collect()).unwrap_or_default()
            };
            for a in &attributions {
                let speaker = a.speaker.as_ref().map_or("(unnamed)", |s| s.text);
                let cue = a.cue.map(|c| format!(" [{}]", piece(c))).unwrap_or_default();
                let content: Vec<String> = a.content.iter().map(|c| piece(*c)).collect();
                writeln!(out, "{speaker}{cue}: {}", content.join(" … "))?;
            }
            if attributions.is_empty() {
                writeln!(out, "(no attributions)")?;
            }
        }
    }
    Ok(())
}
