//! `newsgraph bench ingest`: live ingestion end to end against servers this command starts on
//! 127.0.0.1, 127.0.0.2, ... (one per simulated site): pages made from the demo corpus behind
//! RSS feeds, followed in a new data directory and ingested (fetch, extract, understand, store,
//! index, file in stories) with no pause between requests. Prints articles per second and peak
//! memory.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use chrono::Utc;
use newsgraph_pipeline::{Engine, IngestOptions, ingest};
use newsgraph_store::{NewSubscription, SubscriptionKind};

use crate::cli::BenchIngestArgs;
use crate::cmd::bench::clustering::peak_memory_mb;
use crate::cmd::demo::DEMO_FILES;

/// Threads answering requests, per host.
const SERVER_THREADS: usize = 2;

pub fn run(args: &BenchIngestArgs) -> anyhow::Result<ExitCode> {
    let corpus = demo_articles()?;
    let site = Arc::new(Site { corpus, feeds: args.feeds.max(1), pages: args.pages });
    // Sites on 127.0.0.1, 127.0.0.2, ...: each a host of its own, asked one request at a time.
    let hosts = args.hosts.clamp(1, 250);
    let mut bases = Vec::with_capacity(hosts);
    for host in 0..hosts {
        let ip = format!("127.0.0.{}", host + 1);
        let listener =
            TcpListener::bind((ip.as_str(), 0)).with_context(|| format!("binding a port on {ip}"))?;
        bases.push(format!("http://{}", listener.local_addr()?));
        let listener = Arc::new(listener);
        for _ in 0..SERVER_THREADS {
            let (listener, site) = (listener.clone(), site.clone());
            std::thread::spawn(move || {
                for stream in listener.incoming().flatten() {
                    answer(stream, &site);
                }
            });
        }
    }

    let work = args
        .work
        .clone()
        .unwrap_or_else(std::env::temp_dir)
        .join(format!("newsgraph-bench-ingest-{}", std::process::id()));
    let engine = Engine::open(&work).with_context(|| format!("opening {}", work.display()))?;
    let now = Utc::now();
    for feed in 0..site.feeds {
        let new = NewSubscription {
            url: format!("{}/feed/{feed}.xml", bases[feed % hosts]),
            kind: SubscriptionKind::Feed,
            section: None,
            title: None,
            // The server is on loopback: these sources are allowed private addresses.
            allow_private: true,
        };
        engine.store.subscribe(&new, now)?;
    }
    let per_feed = site.pages.div_ceil(site.feeds);
    let options = IngestOptions {
        host_delay: Duration::ZERO,
        entries_per_source: per_feed,
        sources_per_round: site.feeds as u64,
        concurrency: args.concurrency,
        ..IngestOptions::default()
    };
    println!(
        "ingest: {} feeds, {} pages on {hosts} loopback hosts, {} sources at once (no pause between requests)",
        site.feeds, site.pages, args.concurrency
    );
    let started = Instant::now();
    let summary = ingest(&engine, &options)?;
    let seconds = started.elapsed().as_secs_f64();
    let indexed = engine.index.num_docs();
    drop(engine);
    let _ = std::fs::remove_dir_all(&work);
    println!(
        "polled {} sources ({} failed): {} articles stored, {indexed} indexed, in {seconds:.1} s: {:.0} articles/s; peak memory {}",
        summary.sources,
        summary.failed.len(),
        summary.imported,
        summary.imported as f64 / seconds.max(1e-9),
        peak_memory_mb().map_or_else(|| "n/a".to_string(), |mb| format!("{mb:.0} MB")),
    );
    Ok(ExitCode::SUCCESS)
}

/// The demo corpus's (title, text) pairs.
fn demo_articles() -> anyhow::Result<Vec<(String, String)>> {
    let (_, gz) =
        DEMO_FILES.iter().find(|(name, _)| name.ends_with(".jsonl.gz")).context("the demo corpus")?;
    let mut text = String::new();
    flate2::read::GzDecoder::new(*gz).read_to_string(&mut text).context("unpacking the demo corpus")?;
    let mut out = Vec::new();
    for line in text.lines() {
        let value: serde_json::Value = serde_json::from_str(line)?;
        let (Some(title), Some(body)) = (value["title"].as_str(), value["text"].as_str()) else { continue };
        out.push((title.to_owned(), body.to_owned()));
    }
    anyhow::ensure!(!out.is_empty(), "the demo corpus is empty");
    Ok(out)
}

/// The pages and feeds the server holds: page `i` retells demo article `i % n`, made unique
/// by its number; feed `f` lists pages `f, f + feeds, f + 2 feeds, ...`.
struct Site {
    corpus: Vec<(String, String)>,
    feeds: usize,
    pages: usize,
}

impl Site {
    fn page(&self, i: usize) -> Option<String> {
        if i >= self.pages {
            return None;
        }
        let (title, text) = &self.corpus[i % self.corpus.len()];
        let paragraphs: String =
            text.split("\n\n").map(|p| format!("<p>{}</p>", escape(p))).collect::<Vec<_>>().join("\n");
        Some(format!(
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{t} ({i})</title></head><body>\
             <nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav><article><h1>{t} ({i})</h1>\
             {paragraphs}<p>Report number {i} of the benchmark.</p></article>\
             <footer>Follow us. All rights reserved.</footer></body></html>",
            t = escape(title)
        ))
    }

    fn feed(&self, base: &str, feed: usize) -> Option<String> {
        if feed >= self.feeds {
            return None;
        }
        let items: String = (feed..self.pages)
            .step_by(self.feeds)
            .map(|i| {
                let (title, _) = &self.corpus[i % self.corpus.len()];
                format!(
                    "<item><title>{} ({i})</title><link>{base}/page/{i}</link><guid>{base}/page/{i}</guid></item>",
                    escape(title)
                )
            })
            .collect();
        Some(format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>Feed {feed}</title>\
             <link>{base}/</link>{items}</channel></rss>"
        ))
    }
}

fn answer(mut stream: std::net::TcpStream, site: &Site) {
    let Ok(clone) = stream.try_clone() else { return };
    let mut reader = BufReader::new(clone);
    let mut first = String::new();
    if reader.read_line(&mut first).is_err() {
        return;
    }
    let mut host = String::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
            break;
        }
        if let Some(value) = line.to_ascii_lowercase().strip_prefix("host:") {
            host = value.trim().to_owned();
        }
    }
    let path = first.split_whitespace().nth(1).unwrap_or("/");
    let base = format!("http://{host}");
    let number =
        |prefix: &str, suffix: &str| path.strip_prefix(prefix)?.strip_suffix(suffix)?.parse::<usize>().ok();
    let found = if let Some(i) = number("/page/", "") {
        site.page(i).map(|body| ("text/html; charset=utf-8", body))
    } else if let Some(f) = number("/feed/", ".xml") {
        site.feed(&base, f).map(|body| ("application/rss+xml", body))
    } else {
        None
    };
    let (status, kind, body) = match found {
        Some((kind, body)) => ("200 OK", kind, body),
        None => ("404 Not Found", "text/plain", "not here".to_owned()),
    };
    let _ = write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}
