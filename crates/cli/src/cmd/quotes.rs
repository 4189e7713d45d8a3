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
    /// What the offsets count into: the file's text (outside its body blanked, character for
    /// character), or an HTML page's extracted body.
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
        // Extraction for the body, the language and a date the text gives; a text too short
        // to be an article is read all the same.
        let article = extract_text(&decoded, &options).ok();
        (decoded, false, article)
    };
    let published = args.published.or_else(|| article.as_ref()?.published.map(|d| d.date_naive()));
    // A text file is read with what is not its body (teaser headlines, boilerplate) blanked
    // out, one space per character, so that character offsets stay those of the file.
    let text = match (&article, html) {
        (Some(article), false) => body_only(&text, &article.paragraphs).unwrap_or(text),
        _ => text,
    };
    let found = match article.as_ref().is_none_or(english) {
        true => understand_text(readers, &text, published),
        false => Understood::default(),
    };
    Ok(Read { text, html, published, found })
}

/// `text` with every character outside the body `paragraphs` replaced by a space (line breaks
/// kept), so character offsets into it are offsets into `text`; `None` when a paragraph is not
/// found as written, in order (the body then cannot be told from the rest).
fn body_only(text: &str, paragraphs: &[String]) -> Option<String> {
    let mut inside = Vec::with_capacity(paragraphs.len());
    let mut from = 0;
    for paragraph in paragraphs.iter().filter(|p| !p.is_empty()) {
        let start = from + text.get(from..)?.find(paragraph.as_str())?;
        from = start + paragraph.len();
        inside.push(start..from);
    }
    if inside.is_empty() {
        return None;
    }
    let mut body = inside.iter().peekable();
    Some(
        text.char_indices()
            .map(|(i, c)| {
                while body.peek().is_some_and(|r| r.end <= i) {
                    body.next();
                }
                match body.peek() {
                    Some(r) if r.contains(&i) => c,
                    _ if c == '\n' || c == '\r' => c,
                    _ => ' ',
                }
            })
            .collect(),
    )
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

#[cfg(test)]
mod tests {
    use super::body_only;

    #[test]
    fn outside_the_body_is_blanked_character_for_character() {
        let text = "Teaser: $1.8bn for Кремль\r\nThe body said so.\nFollow us";
        let body = body_only(text, &["The body said so.".to_string()]).expect("found");
        assert_eq!(body.chars().count(), text.chars().count());
        assert_eq!(body.trim(), "The body said so.");
        assert!(body.contains("\r\nThe body said so.\n"));
        assert_eq!(body_only(text, &["Not in it".to_string()]), None);
        assert_eq!(body_only(text, &[]), None);
    }
}
