//! `newsgraph extract FILE...`: extraction (and with `--entities`, entity recognition; with
//! `--enrich`, amounts, time expressions and attributions too) only, nothing stored.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use newsgraph_extract::{ExtractOptions, extract};
use newsgraph_model::{
    Amount, Article, ArticleEntities, EntityKind, PageType, Quote, RelatedHeadline, ShownAmount, ShownTime,
    TimeRef, char_offsets, shown_amounts, shown_times,
};
use newsgraph_nlp::EntityRecognizer;
use newsgraph_pipeline::{Readers, read_page_bytes, understand};
use rayon::prelude::*;
use serde::Serialize;

use super::PARTIAL_FAILURE;
use crate::cli::{ExtractArgs, ExtractFormat};

/// The JSON shape scripts and benchmarks rely on: keep these fields stable.
#[derive(Serialize)]
struct Extracted<'a> {
    source: &'a str,
    url: &'a Option<String>,
    title: &'a str,
    title_inferred: bool,
    authors: &'a [String],
    published: Option<String>,
    language: &'a Option<String>,
    site: &'a Option<String>,
    text: &'a str,
    paragraphs: &'a [String],
    related_headlines: &'a [RelatedHeadline],
    boilerplate: &'a [String],
    markdown: String,
    page_type: PageType,
    lead_image: &'a Option<String>,
    description: &'a Option<String>,
    updated: Option<String>,
    /// Only with `--entities`.
    #[serde(skip_serializing_if = "Option::is_none")]
    entities: Option<Vec<Mention<'a>>>,
    /// Only with `--enrich`: the same shape as the API's.
    #[serde(skip_serializing_if = "Option::is_none")]
    amounts: Option<Vec<ShownAmount<'a>>>,
    /// Only with `--enrich`: the same shape as the API's.
    #[serde(skip_serializing_if = "Option::is_none")]
    times: Option<Vec<ShownTime<'a>>>,
    /// Only with `--enrich`: who said what.
    #[serde(skip_serializing_if = "Option::is_none")]
    attributions: Option<Vec<super::attributions::Attribution<'a>>>,
}

/// One name in the body. Offsets count Unicode characters (not bytes) into `text`, so that
/// `text[start:end]` in Python or JavaScript-with-code-points gives the name.
#[derive(Serialize)]
struct Mention<'a> {
    text: &'a str,
    #[serde(rename = "type")]
    kind: EntityKind,
    id: &'a str,
    name: &'a str,
    start: usize,
    end: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    role: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    country: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lat: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lon: Option<f64>,
}

/// What was asked for beyond extraction.
#[derive(Default)]
struct Found {
    /// With `--entities` or `--enrich`.
    entities: Option<ArticleEntities>,
    /// With `--enrich`.
    figures: Option<(Vec<Amount>, Vec<TimeRef>)>,
    /// With `--enrich`.
    quotes: Option<Vec<Quote>>,
}

/// An extracted article, with what else was asked for.
type Read = (Article, Found);

/// Files extracted in parallel at a time; their output keeps the order they were named in.
const CHUNK: usize = 64;

pub fn run(args: &ExtractArgs) -> anyhow::Result<ExitCode> {
    let options = ExtractOptions { url: args.url.clone(), ..ExtractOptions::default() };
    // `--enrich` reads what import reads; `--entities` alone, the entities only.
    let readers = match args.enrich {
        true => Some(Readers::embedded().context("the built-in models do not load")?),
        false => None,
    };
    let recognizer = match args.entities && !args.enrich {
        true => Some(EntityRecognizer::embedded().context("the built-in entity recognizer does not load")?),
        false => None,
    };
    let mut out = std::io::stdout().lock();
    let mut failed = 0usize;
    for chunk in args.files.chunks(CHUNK) {
        let results: Vec<_> = chunk
            .par_iter()
            .map(|file| {
                let article = read_page_bytes(file, args.max_bytes)
                    .and_then(|bytes| extract(&bytes, &options).map_err(|e| e.to_string()))?;
                let found = match &readers {
                    Some(readers) => {
                        let read = understand(readers, &article);
                        Found {
                            entities: Some(read.entities),
                            figures: Some((read.amounts, read.times)),
                            quotes: Some(read.quotes),
                        }
                    }
                    None => Found {
                        entities: recognizer.as_ref().map(|r| r.recognize(&article)),
                        figures: None,
                        quotes: None,
                    },
                };
                Ok((article, found))
            })
            .collect();
        for (file, result) in chunk.iter().zip(results) {
            failed += write_result(&mut out, file, result, args.format)?;
        }
    }
    Ok(match failed {
        0 => ExitCode::SUCCESS,
        n if n == args.files.len() => ExitCode::FAILURE,
        _ => ExitCode::from(PARTIAL_FAILURE),
    })
}

/// Writes one input's article or error; returns 1 for a failure, 0 otherwise.
fn write_result(
    out: &mut impl Write,
    file: &str,
    result: Result<Read, String>,
    format: ExtractFormat,
) -> anyhow::Result<usize> {
    match result {
        Ok((article, found)) => {
            write_article(out, file, &article, &found, format)?;
            Ok(0)
        }
        Err(reason) => {
            eprintln!("failed: {file}: {reason}");
            if let ExtractFormat::Json = format {
                writeln!(out, "{}", serde_json::json!({ "source": file, "error": reason }))?;
            }
            Ok(1)
        }
    }
}

fn write_article(
    out: &mut impl Write,
    source: &str,
    article: &Article,
    found: &Found,
    format: ExtractFormat,
) -> anyhow::Result<()> {
    match format {
        ExtractFormat::Json => {
            let text = article.text();
            let extracted = Extracted {
                source,
                url: &article.url,
                title: &article.title,
                title_inferred: article.title_inferred,
                authors: &article.authors,
                published: article.published.map(|p| p.to_rfc3339()),
                language: &article.language,
                site: &article.site,
                entities: found.entities.as_ref().map(|e| mentions(&text, e)),
                amounts: found.figures.as_ref().map(|(a, _)| shown_amounts(&text, a)),
                times: found.figures.as_ref().map(|(_, t)| shown_times(&text, t)),
                attributions: found
                    .quotes
                    .as_ref()
                    .map(|q| super::attributions::attributions(&text, q, found.entities.as_ref())),
                text: &text,
                paragraphs: &article.paragraphs,
                related_headlines: &article.related_headlines,
                boilerplate: &article.boilerplate,
                markdown: article.markdown(),
                page_type: article.page_type,
                lead_image: &article.lead_image,
                description: &article.description,
                updated: article.updated.map(|u| u.to_rfc3339()),
            };
            writeln!(out, "{}", serde_json::to_string(&extracted)?)?;
        }
        ExtractFormat::Text => {
            let inferred = if article.title_inferred { " (inferred)" } else { "" };
            writeln!(out, "# {}{inferred}\n", article.title)?;
            writeln!(out, "{}\n", article.text())?;
        }
        ExtractFormat::Markdown => writeln!(out, "{}", article.markdown())?,
    }
    Ok(())
}

/// The mentions as JSON shows them. A mention whose span does not lie on `text` (which the
/// recognizer never gives) is left out rather than shown with wrong offsets.
fn mentions<'a>(text: &'a str, found: &'a ArticleEntities) -> Vec<Mention<'a>> {
    let bytes: Vec<usize> = found.mentions.iter().flat_map(|m| [m.span.start, m.span.end]).collect();
    let chars = char_offsets(text, &bytes);
    let mut list = Vec::with_capacity(found.mentions.len());
    for (m, offsets) in found.mentions.iter().zip(chars.chunks(2)) {
        let (Some(entity), Some(name), [Some(start), Some(end)]) =
            (found.entities.get(m.entity), m.span.slice(text), offsets)
        else {
            continue;
        };
        list.push(Mention {
            text: name,
            kind: m.kind,
            id: &entity.key,
            name: &entity.name,
            start: *start,
            end: *end,
            role: m.role.as_deref(),
            country: entity.country.as_deref(),
            lat: entity.location.map(|p| p.lat),
            lon: entity.location.map(|p| p.lon),
        });
    }
    list
}
