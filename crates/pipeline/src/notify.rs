//! Webhooks: a section followed by a URL, told with a JSON POST of each story new to the
//! section. [`notify`] runs after every polling round, import and fetch: for each webhook it
//! looks at the articles stored since it last looked, finds the stories they put in its
//! section that it has not announced, queues them (a durable queue in the store), then sends
//! what is due, trying a failed delivery again later with exponential backoff.
//!
//! Which stories are "in the section" is the section's rule asked of the new articles only
//! (see [`members`]), not the section page's listing: the page shows the stories of the 500
//! best-matching articles, ranked, while a webhook must hear of every story a new article puts
//! in the section, however many older articles match better. Both read the same rule with the
//! same search syntax; the evaluation lives here, beside the engine, so that the pipeline does
//! not depend on the web crate (which sits above it).

mod deliver;
mod members;
mod payload;

use std::time::Duration;

use chrono::{DateTime, Utc};
use newsgraph_fetch::{AddressPolicy, FetchOptions};
use newsgraph_model::{ArticleId, StoryId};
use newsgraph_store::{Announcement, NewWebhook, Section, Webhook, WebhookId};
use serde::Serialize;

use crate::{Engine, PipelineError, Result};

pub use deliver::Backoff;

/// Articles read from the store at a time while looking for new stories.
const WINDOW: u64 = 500;

#[derive(Debug, Clone)]
pub struct NotifyOptions {
    /// The User-Agent, timeouts and the guard's policy for the POSTs.
    pub fetch: FetchOptions,
    /// Every webhook may be sent to private addresses (`NEWSGRAPH_ALLOW_PRIVATE=1`).
    pub allow_private: bool,
    /// Where the app is reached from outside (`NEWSGRAPH_PUBLIC_URL`), for absolute story links.
    pub public_url: Option<String>,
    /// Stories in one delivery at most; more go in the next ones.
    pub stories_per_delivery: usize,
    /// Deliveries sent to one webhook in one round at most (the rest wait for the next).
    pub deliveries_per_round: usize,
    pub backoff: Backoff,
}

impl Default for NotifyOptions {
    fn default() -> Self {
        NotifyOptions {
            fetch: FetchOptions { timeout: Duration::from_secs(10), ..FetchOptions::default() },
            allow_private: false,
            public_url: None,
            stories_per_delivery: 20,
            deliveries_per_round: 100,
            backoff: Backoff::default(),
        }
    }
}

/// What one round of [`notify`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct NotifySummary {
    pub webhooks: usize,
    /// Stories announced (queued) this round.
    pub announced: u64,
    /// Deliveries queued this round.
    pub queued: u64,
    pub delivered: u64,
    /// Deliveries that failed and will be tried again.
    pub retrying: u64,
    pub given_up: u64,
    /// Why deliveries failed, one line each (`webhook ID: reason`).
    pub failures: Vec<String>,
    /// Webhooks skipped because their section is gone (their stories wait for it).
    pub missing_sections: Vec<String>,
}

/// Looks for new stories for every webhook, queues them, then sends what is due by `now`.
pub fn notify(engine: &Engine, options: &NotifyOptions, now: DateTime<Utc>) -> Result<NotifySummary> {
    let webhooks = engine.store.webhooks()?;
    let mut summary = NotifySummary { webhooks: webhooks.len(), ..NotifySummary::default() };
    if webhooks.is_empty() {
        return Ok(summary);
    }
    let sections = engine.store.sections()?;
    // Only what the index has committed: a saved search is asked of the index.
    let indexed = engine.index.indexed_up_to()?;
    for webhook in &webhooks {
        let Some(section) = sections.iter().find(|s| s.slug == webhook.section) else {
            summary.missing_sections.push(webhook.section.clone());
            continue;
        };
        // One webhook's failure (a search the index refuses, say) holds up no other; what it
        // could not look at waits for the next round.
        if let Err(e) = look(engine, options, webhook, section, indexed, now, &mut summary) {
            summary.failures.push(format!("webhook {}: looking for new stories: {e}", webhook.id));
        }
    }
    deliver::send_due(engine, options, now, &mut summary)?;
    Ok(summary)
}

/// Adds a webhook to the section `slug` at `now`: the stories stored so far are the archive,
/// never announced (Breaking's current stories too). The URL must be http or https, and an
/// address written into it must be public unless `allow_private` (or
/// [`NotifyOptions::allow_private`]) says otherwise; a name is checked when it is resolved, at
/// every delivery.
pub fn add_webhook(
    engine: &Engine,
    slug: &str,
    url: &str,
    allow_private: bool,
    options: &NotifyOptions,
    now: DateTime<Utc>,
) -> Result<WebhookId> {
    let parsed = url::Url::parse(url.trim())
        .map_err(|e| PipelineError::Invalid(format!("{url:?} is not a URL: {e}")))?;
    let policy = AddressPolicy { allow_private: allow_private || options.allow_private, allowed: Vec::new() };
    policy.check_url(&parsed).map_err(|refusal| {
        PipelineError::Invalid(format!("{url}: {refusal} (--allow-private sends to your own network)"))
    })?;
    let section = engine.store.sections()?.into_iter().find(|s| s.slug == slug);
    let section = section.ok_or_else(|| PipelineError::Invalid(format!("there is no section {slug:?}")))?;
    // Read before the section's stories are: an article stored meanwhile counts as new.
    let start = engine.index.indexed_up_to()?;
    let seen = members::in_section_now(engine, &section.rule, now)?;
    let new = NewWebhook { section: section.slug, url: parsed.to_string(), allow_private, start, seen };
    Ok(engine.store.add_webhook(&new, now)?)
}

/// Goes through the articles the webhook has not looked at (up to `indexed`), a window at a
/// time, queueing the stories they put in its section.
fn look(
    engine: &Engine,
    options: &NotifyOptions,
    webhook: &Webhook,
    section: &Section,
    indexed: ArticleId,
    now: DateTime<Utc>,
    summary: &mut NotifySummary,
) -> Result<()> {
    let store = engine.store.as_ref();
    let mut from = webhook.checked_up_to;
    while from < indexed {
        let mut window = store.articles_after(from, WINDOW)?;
        window.retain(|a| a.id <= indexed);
        let ids: Vec<ArticleId> = window.iter().map(|a| a.id).collect();
        let filings = store.filings(&ids)?;
        // Up to the first article not filed yet: the next round takes it once it is.
        let filed = filings.iter().zip(&ids).take_while(|((id, _), want)| id == *want).count();
        window.truncate(filed);
        let Some(to) = window.last().map(|a| a.id) else { break };
        let stories: Vec<(ArticleId, StoryId)> =
            filings[..filed].iter().map(|(id, f)| (*id, f.story)).collect();
        let found = members::new_in_section(engine, webhook, &section.rule, &window, &stories, now)?;
        let digests =
            found.announce.iter().map(|s| store.story(*s)).collect::<std::result::Result<Vec<_>, _>>()?;
        // A story without a digest yet is left for a later article to bring up again.
        let digests: Vec<_> = digests.into_iter().flatten().collect();
        let payloads: Vec<String> = digests
            .chunks(options.stories_per_delivery.max(1))
            .map(|chunk| payload::body(section, chunk, options.public_url.as_deref()))
            .collect();
        let announcement = Announcement {
            webhook: webhook.id,
            from,
            to,
            announced: digests.iter().map(|d| d.id).collect(),
            seen: found.seen,
            payloads,
            at: now,
        };
        if !store.announce(&announcement)? {
            // Another process moved the mark first: it announces these.
            break;
        }
        summary.announced += announcement.announced.len() as u64;
        summary.queued += announcement.payloads.len() as u64;
        from = to;
    }
    Ok(())
}
