//! `newsgraph source add|list|remove`, `import-opml` and `export-opml`: the sources `ingest`
//! and `serve` poll.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, bail};
use chrono::{DateTime, Utc};
use newsgraph_pipeline::Engine;
use newsgraph_store::{NewSubscription, Subscribed, Subscription, SubscriptionId, SubscriptionKind};
use serde_json::json;

use crate::cli::{ImportOpmlArgs, SourceAddArgs, SourceCommand, SourceKindArg};

pub fn run(data: &Path, command: &SourceCommand) -> anyhow::Result<ExitCode> {
    let engine = Engine::open(data)?;
    match command {
        SourceCommand::Add(args) => add(&engine, args),
        SourceCommand::List(flag) => list(&engine, flag.json),
        SourceCommand::Remove(args) => match engine.store.unsubscribe(SubscriptionId(args.id))? {
            true => {
                println!("no longer following source {}", args.id);
                Ok(ExitCode::SUCCESS)
            }
            false => bail!("no source with id {} is followed (see `newsgraph source list`)", args.id),
        },
    }
}

fn add(engine: &Engine, args: &SourceAddArgs) -> anyhow::Result<ExitCode> {
    let url = url::Url::parse(args.url.trim()).with_context(|| format!("not a URL: {}", args.url))?;
    if !matches!(url.scheme(), "http" | "https") {
        bail!("only http and https sources can be followed, not {}", url.scheme());
    }
    let kind = match args.kind {
        Some(SourceKindArg::Feed) => SubscriptionKind::Feed,
        Some(SourceKindArg::Sitemap) => SubscriptionKind::Sitemap,
        Some(SourceKindArg::Page) => SubscriptionKind::Page,
        None => SubscriptionKind::guess(url.path()),
    };
    let new = NewSubscription {
        url: url.to_string(),
        kind,
        section: args.section.clone().filter(|s| !s.trim().is_empty()),
        title: args.title.clone().filter(|t| !t.trim().is_empty()),
        allow_private: args.allow_private,
    };
    match engine.store.subscribe(&new, Utc::now())? {
        Subscribed::Added(id) => println!("following source {id}: {} ({})", new.url, kind.as_str()),
        Subscribed::AlreadyFollowed(id) => println!("already following source {id}: {}", new.url),
    }
    Ok(ExitCode::SUCCESS)
}

fn list(engine: &Engine, as_json: bool) -> anyhow::Result<ExitCode> {
    let sources = engine.store.subscriptions()?;
    if as_json {
        for s in &sources {
            println!("{}", row(s));
        }
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "{:>4}  {:<8} {:<16} {:<17} {:<17} {:>6} {:>8}  url",
        "id", "kind", "section", "last poll", "next poll", "status", "articles"
    );
    for s in &sources {
        println!(
            "{:>4}  {:<8} {:<16} {:<17} {:<17} {:>6} {:>8}  {}{}",
            s.id,
            s.kind.as_str(),
            s.section.as_deref().unwrap_or("-"),
            time(s.last_polled, "never"),
            time(s.next_poll, "now"),
            s.last_status.map_or_else(|| "-".to_string(), |c| c.to_string()),
            s.articles_found,
            s.url,
            s.last_error.as_deref().map_or_else(String::new, |e| format!("  (error: {e})")),
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub fn import_opml(data: &Path, args: &ImportOpmlArgs) -> anyhow::Result<ExitCode> {
    let bytes = std::fs::read(&args.file).with_context(|| format!("cannot read {}", args.file.display()))?;
    let listed = newsgraph_feeds::parse_opml(&bytes)
        .with_context(|| format!("{} is not an OPML subscription list", args.file.display()))?;
    let engine = Engine::open(data)?;
    let (mut added, mut already) = (0, 0);
    let now = Utc::now();
    for feed in listed {
        let new = NewSubscription {
            url: feed.feed_url,
            kind: SubscriptionKind::Feed,
            section: feed.section,
            title: feed.title,
            allow_private: args.allow_private,
        };
        match engine.store.subscribe(&new, now)? {
            Subscribed::Added(_) => added += 1,
            Subscribed::AlreadyFollowed(_) => already += 1,
        }
    }
    println!("following {added} new feeds ({already} followed already)");
    Ok(ExitCode::SUCCESS)
}

pub fn export_opml(data: &Path) -> anyhow::Result<ExitCode> {
    let engine = Engine::open(data)?;
    let feeds: Vec<newsgraph_feeds::Subscription> = engine
        .store
        .subscriptions()?
        .into_iter()
        .filter(|s| s.kind == SubscriptionKind::Feed)
        .map(|s| newsgraph_feeds::Subscription {
            feed_url: s.url,
            title: s.title,
            site_url: None,
            section: s.section,
        })
        .collect();
    print!("{}", newsgraph_feeds::write_opml(&feeds, "newsgraph subscriptions"));
    Ok(ExitCode::SUCCESS)
}

fn time(at: Option<DateTime<Utc>>, none: &str) -> String {
    at.map_or_else(|| none.to_string(), |t| t.format("%Y-%m-%d %H:%M").to_string())
}

/// A source as one JSON object.
pub fn row(s: &Subscription) -> serde_json::Value {
    json!({
        "id": s.id.0,
        "url": s.url,
        "kind": s.kind.as_str(),
        "section": s.section,
        "title": s.title,
        "allow_private": s.allow_private,
        "added_at": s.added_at,
        "last_polled": s.last_polled,
        "next_poll": s.next_poll,
        "last_status": s.last_status,
        "last_error": s.last_error,
        "failures": s.failures,
        "articles_found": s.articles_found,
    })
}
