//! The arguments of what follows sources and tells of news: `source`, `section`, `webhook`,
//! `ingest`, `fetch` and `import-opml`.

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};

use super::JsonFlag;

#[derive(Subcommand)]
pub enum SectionCommand {
    /// Add a section holding the stories whose articles match words (the search syntax; `OR`
    /// widens) and name every entity given, or replace the one with its slug.
    Add(SectionAddArgs),
    /// List the sections in order, with their rules.
    List(JsonFlag),
    /// Remove a section (by its slug); its stories stay.
    Remove(SectionRemoveArgs),
}

#[derive(Args)]
pub struct SectionAddArgs {
    /// Its name ("Russia-Ukraine").
    pub name: String,
    /// Words its stories' articles match (`election OR vote`, `"climate change"`).
    #[arg(long)]
    pub query: Option<String>,
    /// An entity its stories name: an id, or a name as `newsgraph` knows it (the most
    /// mentioned entity of that name). Repeat for several; every one must be named.
    #[arg(long = "entity", value_name = "NAME_OR_ID")]
    pub entities: Vec<String>,
    /// Its place among the sections (the defaults are 0 to 7); after them by default.
    #[arg(long)]
    pub position: Option<i64>,
    /// Its name in URLs; made from the name by default.
    #[arg(long)]
    pub slug: Option<String>,
}

#[derive(Args)]
pub struct SectionRemoveArgs {
    pub slug: String,
}

#[derive(Subcommand)]
pub enum WebhookCommand {
    /// POST the stories new to a section (by its slug) to a URL, from now on: the stories
    /// stored so far are not announced. Prints its id. Only http and https URLs; a private,
    /// loopback or link-local address is refused (written in the URL, now; a name, when it
    /// resolves at each delivery) unless `--allow-private` is given (or NEWSGRAPH_ALLOW_PRIVATE=1
    /// is set for the whole process). NEWSGRAPH_PUBLIC_URL makes the stories' links absolute.
    Add(WebhookAddArgs),
    /// List the webhooks: stories announced, deliveries delivered, pending and given up, the
    /// next attempt and the last failure.
    List(JsonFlag),
    /// Remove a webhook (by the id `add` and `list` print) and its pending deliveries.
    Remove(WebhookRemoveArgs),
}

#[derive(Args)]
pub struct WebhookAddArgs {
    /// The section's slug (`newsgraph section list`).
    pub section: String,
    /// Where to POST (http or https).
    pub url: String,
    /// The URL may be on a private, loopback or link-local address (a receiver on your own
    /// network).
    #[arg(long)]
    pub allow_private: bool,
}

#[derive(Args)]
pub struct WebhookRemoveArgs {
    pub id: i64,
}

#[derive(Subcommand)]
pub enum SourceCommand {
    /// Follow a feed (RSS, Atom, JSON Feed), a sitemap or a single page. Prints its id. A URL
    /// followed already is left as it is. Only http and https URLs; a source on a private,
    /// loopback or link-local address is refused when polled unless `--allow-private` is given
    /// (or NEWSGRAPH_ALLOW_PRIVATE=1 is set for the whole process).
    Add(SourceAddArgs),
    /// List the sources followed with the state of their polling: last and next poll, HTTP
    /// status, articles found, the last error.
    List(JsonFlag),
    /// Stop following a source (by the id `add` and `list` print); its articles stay.
    Remove(SourceRemoveArgs),
}

#[derive(Args)]
pub struct SourceAddArgs {
    pub url: String,
    /// The section its articles belong to ("World").
    #[arg(long)]
    pub section: Option<String>,
    /// What is at the URL; by default a feed, or a sitemap when the URL names one.
    #[arg(long, value_enum)]
    pub kind: Option<SourceKindArg>,
    /// A title to show instead of the source's own.
    #[arg(long)]
    pub title: Option<String>,
    /// May be fetched from a private, loopback or link-local address (a source on your own
    /// network).
    #[arg(long)]
    pub allow_private: bool,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum SourceKindArg {
    Feed,
    Sitemap,
    Page,
}

#[derive(Args)]
pub struct IngestArgs {
    /// Print the summary as JSON.
    #[arg(long)]
    pub json: bool,
    /// New entries fetched per source and round.
    #[arg(long, default_value_t = 50)]
    pub entries_per_source: usize,
    /// Poll every source now, due or not.
    #[arg(long)]
    pub all: bool,
    #[command(flatten)]
    pub limits: FetchLimits,
}

#[derive(Args)]
pub struct FetchArgs {
    /// Pages to fetch (http or https URLs).
    pub urls: Vec<String>,
    /// A file of URLs, one per line (blank lines and lines starting with `#` skipped), or `-`
    /// for standard input; with or instead of URLs given as arguments.
    #[arg(long, value_name = "FILE")]
    pub list: Option<String>,
    /// The pages may be fetched from private, loopback or link-local addresses.
    #[arg(long)]
    pub allow_private: bool,
    /// Print the summary as JSON.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub limits: FetchLimits,
}

/// How hard `ingest` and `fetch` may press servers, and how long they wait for them.
#[derive(Args)]
pub struct FetchLimits {
    /// The least time between two requests to one host, in milliseconds.
    #[arg(long, default_value_t = 1_000)]
    pub host_delay_ms: u64,
    /// Sources (or pages) fetched at once; each host is still asked one request at a time.
    #[arg(long, env = "NEWSGRAPH_FETCH_CONCURRENCY", default_value_t = 4,
        value_parser = clap::value_parser!(u64).range(1..=256))]
    pub concurrency: u64,
    /// Longest a request may take, body included, in seconds (a stalled server fails the
    /// source or entry it serves, not the round).
    #[arg(long, env = "NEWSGRAPH_FETCH_TIMEOUT_SECS", default_value_t = 30,
        value_parser = clap::value_parser!(u64).range(1..))]
    pub timeout_secs: u64,
    /// Largest body accepted (after decompression), in bytes: a larger feed, sitemap or page
    /// fails.
    #[arg(long, env = "NEWSGRAPH_MAX_BYTES", default_value_t = 16 * 1024 * 1024)]
    pub max_bytes: u64,
}

#[derive(Args)]
pub struct ImportOpmlArgs {
    pub file: PathBuf,
    /// The feeds may be fetched from private addresses.
    #[arg(long)]
    pub allow_private: bool,
}

#[derive(Args)]
pub struct SourceRemoveArgs {
    pub id: i64,
}
