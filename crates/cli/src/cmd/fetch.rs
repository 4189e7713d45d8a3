//! `newsgraph fetch URL... [--list FILE]`: pages fetched once, now, and stored.

use std::io::Read;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, bail};
use newsgraph_feeds::parse_url_list;
use newsgraph_pipeline::{Engine, fetch_pages};

use super::ingest::{options, report};
use crate::cli::FetchArgs;

/// Largest URL list read, in bytes: a million URLs fit well within it.
const MAX_LIST_BYTES: u64 = 256 * 1024 * 1024;

pub fn run(data: &Path, args: &FetchArgs) -> anyhow::Result<ExitCode> {
    let mut urls = args.urls.clone();
    if let Some(list) = &args.list {
        let text = read_list(list)?;
        let listed = parse_url_list(&text);
        if listed.is_empty() {
            bail!("{list} holds no http or https URL");
        }
        urls.extend(listed);
    }
    if urls.is_empty() {
        bail!("no URL to fetch: give URLs, or --list FILE");
    }
    // Each page once, in the order first named.
    let mut seen = std::collections::HashSet::new();
    urls.retain(|url| seen.insert(url.clone()));
    let engine = Engine::open(data)?;
    let started = Instant::now();
    let summary = fetch_pages(&engine, &options(&args.limits, args.allow_private), &urls)?;
    super::webhook::after(&engine);
    report(&summary, "fetched", "pages", args.json, started)
}

fn read_list(list: &str) -> anyhow::Result<String> {
    let mut bytes = Vec::new();
    let read = match list {
        "-" => std::io::stdin().take(MAX_LIST_BYTES + 1).read_to_end(&mut bytes),
        path => std::fs::File::open(path)
            .with_context(|| format!("opening {path}"))?
            .take(MAX_LIST_BYTES + 1)
            .read_to_end(&mut bytes),
    };
    read.with_context(|| format!("reading {list}"))?;
    if bytes.len() as u64 > MAX_LIST_BYTES {
        bail!("{list} is larger than {} MiB: not a URL list", MAX_LIST_BYTES / (1024 * 1024));
    }
    String::from_utf8(bytes).with_context(|| format!("{list} is not UTF-8 text: not a URL list"))
}
