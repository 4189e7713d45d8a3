//! `newsgraph webhook add|list|remove`, and the notifying that follows every command that
//! stores articles (`import`, `ingest`, `fetch`) and every round of `serve`'s poller.

use std::path::Path;
use std::process::ExitCode;

use anyhow::bail;
use chrono::{DateTime, Utc};
use newsgraph_pipeline::{Engine, NotifyOptions, NotifySummary, add_webhook, notify};
use newsgraph_store::{Webhook, WebhookId};
use serde_json::json;

use crate::cli::{WebhookAddArgs, WebhookCommand};

pub fn run(data: &Path, command: &WebhookCommand) -> anyhow::Result<ExitCode> {
    let engine = Engine::open(data)?;
    match command {
        WebhookCommand::Add(args) => add(&engine, args),
        WebhookCommand::List(flag) => list(&engine, flag.json),
        WebhookCommand::Remove(args) => match engine.store.remove_webhook(WebhookId(args.id))? {
            true => {
                println!("removed webhook {}", args.id);
                Ok(ExitCode::SUCCESS)
            }
            false => bail!("there is no webhook {} (see `newsgraph webhook list`)", args.id),
        },
    }
}

fn add(engine: &Engine, args: &WebhookAddArgs) -> anyhow::Result<ExitCode> {
    let options = options()?;
    let id = add_webhook(engine, &args.section, &args.url, args.allow_private, &options, Utc::now())?;
    println!("webhook {id}: stories new to section {} are POSTed to {}", args.section, args.url.trim());
    Ok(ExitCode::SUCCESS)
}

fn list(engine: &Engine, as_json: bool) -> anyhow::Result<ExitCode> {
    let sections = engine.store.sections()?;
    for hook in engine.store.webhooks()? {
        let section_exists = sections.iter().any(|s| s.slug == hook.section);
        if as_json {
            println!("{}", row(&hook, section_exists));
        } else {
            println!("{}", line(&hook, section_exists));
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn row(hook: &Webhook, section_exists: bool) -> serde_json::Value {
    json!({
        "id": hook.id.0,
        "section": hook.section,
        "section_exists": section_exists,
        "url": hook.url,
        "allow_private": hook.allow_private,
        "added_at": hook.added_at,
        "announced": hook.announced,
        "pending": hook.pending,
        "delivered": hook.delivered,
        "given_up": hook.given_up,
        "last_delivered": hook.last_delivered,
        "last_error": hook.last_error,
        "last_failed": hook.last_failed,
        "next_attempt": hook.next_attempt,
    })
}

fn line(hook: &Webhook, section_exists: bool) -> String {
    let mut text = format!(
        "{}\t{}{}\t{}{}\t{} announced, {} delivered, {} pending, {} given up",
        hook.id,
        hook.section,
        if section_exists { "" } else { " (no such section)" },
        hook.url,
        if hook.allow_private { " (private allowed)" } else { "" },
        hook.announced,
        hook.delivered,
        hook.pending,
        hook.given_up,
    );
    if let Some(next) = hook.next_attempt.filter(|_| hook.pending > 0) {
        text.push_str(&format!(", next attempt {}", time(next)));
    }
    if let Some(error) = &hook.last_error {
        let when = hook.last_failed.map(|t| format!(" at {}", time(t))).unwrap_or_default();
        text.push_str(&format!("\n\tlast failed{when}: {error}"));
    }
    text
}

fn time(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%d %H:%M:%S UTC").to_string()
}

/// What the environment sets: `NEWSGRAPH_PUBLIC_URL` for the stories' links (checked as
/// `serve` checks it), `NEWSGRAPH_ALLOW_PRIVATE=1` for every webhook.
pub fn options() -> anyhow::Result<NotifyOptions> {
    let public_url = match std::env::var("NEWSGRAPH_PUBLIC_URL") {
        Ok(text) if !text.trim().is_empty() => Some(
            newsgraph_web::parse_public_url(&text)
                .map_err(|e| anyhow::anyhow!("NEWSGRAPH_PUBLIC_URL: {e}"))?,
        ),
        _ => None,
    };
    Ok(NotifyOptions {
        allow_private: std::env::var("NEWSGRAPH_ALLOW_PRIVATE").is_ok_and(|v| v == "1"),
        public_url,
        ..NotifyOptions::default()
    })
}

/// Tells the webhooks of what the command just stored, and sends what is due; a line on
/// stderr when there are webhooks. A failure is reported, not returned: what the command
/// stored is stored, and the next run takes up what this one could not.
pub fn after(engine: &Engine) {
    let done = options().and_then(|options| Ok(notify(engine, &options, Utc::now())?));
    match done {
        Ok(summary) if summary.webhooks > 0 => eprintln!("{}", report(&summary)),
        Ok(_) => {}
        Err(e) => eprintln!("webhooks: {e:#}"),
    }
}

/// One line, then the failures each on its own.
pub fn report(summary: &NotifySummary) -> String {
    let mut text = format!(
        "webhooks: {} stories announced, {} delivered, {} to retry, {} given up",
        summary.announced, summary.delivered, summary.retrying, summary.given_up
    );
    for failure in &summary.failures {
        text.push_str(&format!("\n  {failure}"));
    }
    for section in &summary.missing_sections {
        text.push_str(&format!("\n  no section {section:?}: its webhooks wait for it"));
    }
    text
}

/// [`after`] for `serve`'s poller: logged, not printed; a panic (a bug) is logged too, and the
/// poller lives on.
pub fn after_round(engine: &Engine) {
    let done = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        options().and_then(|options| Ok(notify(engine, &options, Utc::now())?))
    }));
    let Ok(done) = done else {
        tracing::error!("notifying the webhooks panicked; trying again next round");
        return;
    };
    match done {
        Ok(summary) if summary.announced + summary.delivered + summary.retrying + summary.given_up > 0 => {
            tracing::info!(
                announced = summary.announced,
                delivered = summary.delivered,
                retrying = summary.retrying,
                given_up = summary.given_up,
                "webhooks"
            );
            for failure in &summary.failures {
                tracing::warn!("webhook delivery failed: {failure}");
            }
        }
        Ok(_) => {}
        Err(e) => tracing::warn!("webhooks: {e:#}"),
    }
}
