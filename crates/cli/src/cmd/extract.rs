//! `newsgraph extract FILE...`: extraction only, nothing stored.

use std::io::Write;
use std::process::ExitCode;

use newsgraph_extract::{ExtractOptions, extract};
use newsgraph_model::{Article, PageType, RelatedHeadline};
use newsgraph_pipeline::read_page_bytes;
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
    text: String,
    paragraphs: &'a [String],
    related_headlines: &'a [RelatedHeadline],
    boilerplate: &'a [String],
    markdown: String,
    page_type: PageType,
    lead_image: &'a Option<String>,
    description: &'a Option<String>,
    updated: Option<String>,
}

/// Files extracted in parallel at a time; their output keeps the order they were named in.
const CHUNK: usize = 64;

pub fn run(args: &ExtractArgs) -> anyhow::Result<ExitCode> {
    let options = ExtractOptions { url: args.url.clone(), ..ExtractOptions::default() };
    let mut out = std::io::stdout().lock();
    let mut failed = 0usize;
    for chunk in args.files.chunks(CHUNK) {
        let results: Vec<_> = chunk
            .par_iter()
            .map(|file| {
                read_page_bytes(file, args.max_bytes)
                    .and_then(|bytes| extract(&bytes, &options).map_err(|e| e.to_string()))
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
    result: Result<Article, String>,
    format: ExtractFormat,
) -> anyhow::Result<usize> {
    match result {
        Ok(article) => {
            write_article(out, file, &article, format)?;
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
    format: ExtractFormat,
) -> anyhow::Result<()> {
    match format {
        ExtractFormat::Json => {
            let extracted = Extracted {
                source,
                url: &article.url,
                title: &article.title,
                title_inferred: article.title_inferred,
                authors: &article.authors,
                published: article.published.map(|p| p.to_rfc3339()),
                language: &article.language,
                site: &article.site,
                text: article.text(),
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
