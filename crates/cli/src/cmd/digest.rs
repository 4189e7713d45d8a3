//! `newsgraph digest`: one UTC day's top stories with their key quotes, as Markdown, as one
//! HTML page for email, or as JSON; or, with `--send-to`, that page (and the Markdown as its
//! text) emailed through an SMTP server ([`crate::mail`]).

use std::path::Path;

use anyhow::{Context, anyhow, bail};
use chrono::Utc;
use newsgraph_pipeline::Engine;
use newsgraph_web::digest::{self, Digest, DigestRequest, Links, email, markdown};

use crate::cli::{DigestArgs, DigestFormat};
use crate::mail::message::{self, Message};
use crate::mail::{Address, smtp};

pub fn run(data: &Path, args: &DigestArgs) -> anyhow::Result<()> {
    let public_url = args.public_url.as_deref().map(public_url).transpose()?;
    // Checked before the store is opened: a mistake in the mail settings costs nothing.
    let mailing = if args.send_to.is_empty() { None } else { Some(Mailing::from_env(&args.send_to)?) };
    let engine = Engine::open(data).with_context(|| format!("opening {}", data.display()))?;
    // "Yesterday" is decided here, at the edge; the digest itself is given its day.
    let day = args.date.unwrap_or_else(|| digest::yesterday(Utc::now()));
    let request = DigestRequest { stories: args.limit, ..DigestRequest::new(day) };
    let found =
        digest::assemble_section(engine.store.as_ref(), &engine.index, &request, args.section.as_deref())?
            .with_context(|| {
                format!(
                    "there is no section {:?} (see `newsgraph section list`)",
                    args.section.as_deref().unwrap_or("")
                )
            })?;
    let links = public_url.as_deref().map_or(Links::Sources, Links::App);
    if let Some(mailing) = mailing {
        return mailing.send(&found, links);
    }
    match args.format {
        DigestFormat::Markdown => print!("{}", markdown::render(&found, links)),
        DigestFormat::Html => println!("{}", email::render(&found, links)),
        DigestFormat::Json => println!("{}", serde_json::to_string(&found)?),
    }
    if found.stories.is_empty() {
        // Said on stderr too, where the JSON and HTML forms would leave it to be noticed.
        eprintln!("{}", digest::nothing_on(day));
    }
    Ok(())
}

/// Where the digest goes: the SMTP server, the sender and the recipients.
struct Mailing {
    server: smtp::Server,
    from: Address,
    to: Vec<Address>,
}

impl Mailing {
    /// NEWSGRAPH_SMTP and NEWSGRAPH_MAIL_FROM, both required (an empty value counts as unset).
    /// Read here rather than as flags so that the password stays out of `--help` and `ps`.
    fn from_env(send_to: &[Address]) -> anyhow::Result<Mailing> {
        let smtp = env("NEWSGRAPH_SMTP")?.context(
            "--send-to needs NEWSGRAPH_SMTP=smtp://[user:password@]host[:port], the SMTP server to send through",
        )?;
        let server = smtp::Server::parse(&smtp).map_err(|e| anyhow!(e))?;
        let from = env("NEWSGRAPH_MAIL_FROM")?
            .context("--send-to needs NEWSGRAPH_MAIL_FROM=ADDRESS, the address the digest is sent from")?;
        let from = Address::parse(from.trim()).map_err(|e| anyhow!("NEWSGRAPH_MAIL_FROM: {e}"))?;
        // An address given twice gets one copy.
        let mut to: Vec<Address> = Vec::with_capacity(send_to.len());
        for address in send_to {
            if !to.iter().any(|a| a.as_str().eq_ignore_ascii_case(address.as_str())) {
                to.push(address.clone());
            }
        }
        if to.len() > smtp::MAX_RECIPIENTS {
            bail!("at most {} --send-to addresses, not {}", smtp::MAX_RECIPIENTS, to.len());
        }
        Ok(Mailing { server, from, to })
    }

    /// Sends the digest, or on a day without stories says so and sends nothing: an empty
    /// digest each morning would teach its readers to ignore it.
    fn send(&self, digest: &Digest, links: Links<'_>) -> anyhow::Result<()> {
        if digest.stories.is_empty() {
            eprintln!("{} Nothing was sent.", digest::nothing_on(digest.date));
            return Ok(());
        }
        let now = Utc::now();
        let id = message::message_id(&self.from, now);
        let (text, html) = (markdown::render(digest, links), email::render(digest, links));
        let message = Message {
            from: &self.from,
            to: &self.to,
            subject: &digest.title(),
            text: &text,
            html: &html,
            date: now,
            message_id: &id,
        }
        .render();
        smtp::send(&self.server, &self.from, &self.to, message.as_bytes(), smtp::Timeouts::default())
            .with_context(|| format!("sending the digest through {}; nothing was sent", self.server))?;
        let to: Vec<&str> = self.to.iter().map(Address::as_str).collect();
        eprintln!(
            "Sent \"{}\" ({} {}) to {} through {}.",
            digest.title(),
            digest.stories.len(),
            if digest.stories.len() == 1 { "story" } else { "stories" },
            to.join(", "),
            self.server
        );
        Ok(())
    }
}

/// An environment variable, `None` when unset or empty.
fn env(name: &str) -> anyhow::Result<Option<String>> {
    match std::env::var(name) {
        Ok(value) if value.trim().is_empty() => Ok(None),
        Ok(value) => Ok(Some(value)),
        Err(std::env::VarError::NotPresent) => Ok(None),
        Err(std::env::VarError::NotUnicode(_)) => bail!("{name} is not valid UTF-8"),
    }
}

/// The app's address, checked as `serve` checks `NEWSGRAPH_PUBLIC_URL`.
fn public_url(text: &str) -> anyhow::Result<String> {
    newsgraph_web::parse_public_url(text)
        .map_err(|e| anyhow::anyhow!("--public-url (or NEWSGRAPH_PUBLIC_URL): {e}"))
}
