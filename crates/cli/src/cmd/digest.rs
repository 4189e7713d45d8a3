//! `newsgraph digest`: one UTC day's top stories with their key quotes, as Markdown, as one
//! HTML page for email, or as JSON. Sending it (SMTP) is left to the mailer it is piped into.

use std::path::Path;

use anyhow::{Context, bail};
use chrono::Utc;
use newsgraph_pipeline::Engine;
use newsgraph_web::digest::{self, DigestRequest, Links, email, markdown};

use crate::cli::{DigestArgs, DigestFormat};

pub fn run(data: &Path, args: &DigestArgs) -> anyhow::Result<()> {
    let public_url = args.public_url.as_deref().map(public_url).transpose()?;
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

/// The app's address, checked: an absolute http(s) URL with a host, perhaps a path (a prefix
/// behind a proxy), no query or fragment; without its trailing slash.
fn public_url(text: &str) -> anyhow::Result<String> {
    let invalid = || format!("--public-url (or NEWSGRAPH_PUBLIC_URL) is http(s)://host[/path], not {text:?}");
    let url = url::Url::parse(text.trim()).with_context(invalid)?;
    let usable = matches!(url.scheme(), "http" | "https")
        && url.host_str().is_some()
        && url.query().is_none()
        && url.fragment().is_none()
        && url.username().is_empty()
        && url.password().is_none();
    if !usable {
        bail!(invalid());
    }
    Ok(url.as_str().trim_end_matches('/').to_owned())
}
