//! The command line: every subcommand, flag and environment variable, documented once.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::error::ErrorKind;
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

mod bench;
mod follow;

pub use bench::*;
pub use follow::*;

#[derive(Parser)]
#[command(
    name = "newsgraph",
    version,
    about = "A self-hosted news intelligence engine: raw news pages in, clean, searchable articles out."
)]
pub struct Cli {
    /// The data directory: SQLite database and search index.
    #[arg(long, global = true, env = "NEWSGRAPH_DATA", default_value = "newsgraph-data")]
    pub data: PathBuf,

    /// More log output on stderr (-v, -vv). NEWSGRAPH_LOG takes a tracing filter directly.
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,

    #[command(subcommand)]
    pub command: Command,
}

impl Cli {
    /// Parses the command line, then checks what clap's attributes cannot say (a flag valid
    /// with only one value of another); a bad combination exits as clap does, with status 2.
    pub fn parse_checked() -> Cli {
        let cli = Cli::parse();
        if let Command::Extract(args) = &cli.command
            && (args.entities || args.enrich)
            && args.format != ExtractFormat::Json
        {
            let message = "--entities and --enrich work only with --format json (what they find is listed in its objects)";
            Cli::command().error(ErrorKind::ArgumentConflict, message).exit();
        }
        cli
    }
}

#[derive(Subcommand)]
pub enum Command {
    /// Import text files, HTML files (also .gz), JSONL corpora, directories (recursively) or
    /// `-` for standard input. The same article imported twice is stored once.
    Import(ImportArgs),
    /// Read every stored article again for entities (and amounts and time expressions) with
    /// this newsgraph's recognizer and replace what is stored for it: for articles stored
    /// before these existed, or after a model update. Safe to interrupt and to run again.
    Enrich(JsonFlag),
    /// Extract articles from files and print them; nothing is stored.
    Extract(ExtractArgs),
    /// Who said what in files: attributions (speaker, cue, content), amounts and time
    /// expressions, with offsets in characters; nothing is stored.
    ///
    /// A plain-text file is read as it is (decoded from UTF-8 or the charset detected; a
    /// byte-order mark is not counted; line breaks are kept, so "\r\n" counts two characters)
    /// and offsets count Unicode characters into that text: `text[start:end]` in Python, on
    /// `open(path, encoding="utf-8-sig", newline="").read()`, gives the piece. Only its article
    /// body is read: teaser headlines and boilerplate, as extraction tells them, are passed
    /// over (the whole text when the body cannot be told apart). An HTML page is
    /// extracted first, as `newsgraph extract` does, and offsets count characters into the
    /// extracted body (paragraphs joined by a blank line), which its object then carries as
    /// `text`.
    ///
    /// `--format json` prints one JSON object per input per line (JSON lines), in the order
    /// the inputs were named: `{"source": path, "attributions": [{"speaker": {"text",
    /// "entity_id"} | null, "source": [start, end] | null, "cue": [start, end] | null,
    /// "content": [[start, end], ...]}], "amounts": [{text, start, end, value, value_max, unit,
    /// counted}], "times": [{text, start, end, start_date, end_date, granularity}],
    /// "published": "YYYY-MM-DD" | null}`, plus `"text"` for an HTML page. `speaker.entity_id`
    /// is the key of the person the speaker names (`PER:dmitry peskov`), or for "he" or "the
    /// spokesman" the person named before it that they stand for, or null;
    /// `source` is the speaker's offsets, `cue` the word that marks the attribution ("told",
    /// "according to"), `content` what was said, in pieces when interrupted. An input that
    /// cannot be read (missing, binary, empty, over --max-bytes) prints `{"source": path,
    /// "error": reason}` instead; the others are still read, and the exit code is 3 (1 when
    /// every input failed). A page detected as written in another language than English gets
    /// empty lists, as on import.
    Quotes(QuotesArgs),
    /// Groups the articles of a JSONL file into stories, as they would arrive: in publication
    /// order (undated articles last, in file order), each joining the story it is most like
    /// or opening a new one, with no look-ahead; a copy of an earlier article joins that
    /// article's story. One `{"id", "title", "text", "published"}` object per line
    /// (`published` RFC 3339 or YYYY-MM-DD, may be null; an `entities` list of entity keys, if
    /// present, is used instead of recognising them; other fields are ignored). Prints
    /// `id<TAB>story` per article in the order processed, stories numbered from 0 as they
    /// open. Nothing is stored. A line that does not parse is reported on stderr with its
    /// number and skipped (exit code 3).
    Cluster(ClusterArgs),
    /// Finds the copies among the articles of a JSONL file (read as `cluster` reads it): the
    /// same text again, or nearly (another site's boilerplate, small edits). Prints
    /// `id<TAB>canonical-id` per article in the order processed, the canonical article being
    /// the first of its copies to arrive (an article that copies none is its own).
    Dedup(DedupArgs),
    /// Full-text search over the stored articles (words, "phrases", -excluded, title:word).
    Search(SearchArgs),
    /// Serve the web app and the JSON API (/api/v1).
    Serve(ServeArgs),
    /// Import the bundled demo corpus (851 articles) if the data directory is empty, then serve.
    Demo(ServeArgs),
    /// Rebuild the search index from the store.
    Reindex,
    /// Show what the data directory holds.
    Stats(JsonFlag),
    /// The daily digest: one UTC day's top stories (the most articles that day, then the most
    /// outlets), each with its headline, summary, that day's coverage and a few key quotes
    /// (named people first). Markdown by default; `--format html` is one standalone page for
    /// email, `--format json` one object (the shape of /api/v1/digest/{date}). A day without
    /// stories gives an empty digest, which says so.
    Digest(DigestArgs),
    /// Write articles, entities, quotes, amounts, time expressions or stories out as CSV, JSON
    /// Lines or Parquet, one row each (the columns are listed in the README): all of them, or
    /// those of the articles a search selects (--query, --entity, --since, --until, as `search`
    /// and /api/v1/search select), the other kinds then restricted to those articles. To
    /// standard output unless --out is given; no row limit, and nothing held whole.
    Export(ExportArgs),
    /// The sources followed: feeds, sitemaps and pages that `ingest` and `serve` poll.
    #[command(subcommand)]
    Source(SourceCommand),
    /// The sections of the front page: Latest, Breaking, the topics, and your own saved
    /// searches ("Russia-Ukraine": the stories naming Russia and Ukraine).
    #[command(subcommand)]
    Section(SectionCommand),
    /// Webhooks: a section followed by a URL that is sent a JSON POST of the stories new to the
    /// section, after every `ingest`, `import` and `fetch` and every round of `serve`'s poller;
    /// a failed delivery is tried again later (1 minute, 2, 4 ... up to 6 hours, 10 attempts).
    #[command(subcommand)]
    Webhook(WebhookCommand),
    /// Poll every followed source that is due, once, and exit (for cron): new entries of feeds
    /// and sitemaps are fetched (robots.txt honoured, one request per host at a time with a
    /// pause between), extracted and stored like imported pages; an entry whose page cannot be
    /// had is stored from the feed's own text. Each source's poll is recorded with its next
    /// poll time (see `source list`). Private, loopback and link-local addresses are refused
    /// unless the source allows them or NEWSGRAPH_ALLOW_PRIVATE=1 is set. Exit code 3 when some
    /// sources failed.
    Ingest(IngestArgs),
    /// Fetch pages by URL once, now, and store them as articles, as `ingest` stores a feed's
    /// entries (robots.txt honoured, one request per host at a time with a pause between); a
    /// page stored already is stored as its new version if it changed. To check a page again
    /// and again, follow it instead (`source add URL --kind page`). Private, loopback and
    /// link-local addresses are refused unless --allow-private or NEWSGRAPH_ALLOW_PRIVATE=1 is
    /// given. Exit code 3 when some pages failed (each is listed with its reason).
    Fetch(FetchArgs),
    /// Follow every feed of an OPML subscription list (as feed readers export them); a feed's
    /// folder becomes its section. Feeds followed already are left as they are.
    ImportOpml(ImportOpmlArgs),
    /// Print the feeds followed as an OPML subscription list, one folder per section.
    ExportOpml,
    /// Tag the words of a CoNLL file with entity types (PER, ORG, LOC, MISC).
    Tag(TagArgs),
    /// Train the entity tagger from CoNLL-2003 files and write the model file.
    TrainNer(TrainNerArgs),
    /// Benchmarks on public data sets, with a peer tool's figures from the same run.
    #[command(subcommand)]
    Bench(BenchCommand),
}

#[derive(Args)]
pub struct TagArgs {
    /// CoNLL columns, the word first; blank lines between sentences, `-DOCSTART-` lines
    /// between documents. Prints `word<TAB>tag` (IOB2) per token line, in order, with blank
    /// lines kept and `-DOCSTART-` lines tagged `O`.
    #[arg(long, value_name = "FILE")]
    pub conll: PathBuf,
    /// A model file written by `train-ner` instead of the built-in model.
    #[arg(long, value_name = "FILE")]
    pub model: Option<PathBuf>,
}

#[derive(Args)]
pub struct TrainNerArgs {
    /// CoNLL-2003 files to train on (repeat for train and dev: the shipped model uses both).
    #[arg(long = "train", value_name = "FILE", required = true)]
    pub train: Vec<PathBuf>,
    /// A CoNLL file to score after every epoch (a learning curve; no effect on the model).
    #[arg(long, value_name = "FILE")]
    pub dev: Option<PathBuf>,
    /// Where to write the model (the built-in one is models/ner/tagger.bin.gz).
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Passes over the training data, for each of the tagger's two passes.
    #[arg(long, default_value_t = newsgraph_nlp::ner::train::TrainOptions::default().epochs)]
    pub epochs: usize,
    /// Seed for the order in which sentences are visited.
    #[arg(long, default_value_t = 7)]
    pub seed: u64,
}

#[derive(Args)]
pub struct ImportArgs {
    /// Files, directories, or `-` for standard input.
    #[arg(required = true)]
    pub paths: Vec<String>,
    /// Largest file (after decompression) or JSONL line accepted, in bytes.
    #[arg(long, env = "NEWSGRAPH_MAX_BYTES", default_value_t = 32 * 1024 * 1024)]
    pub max_bytes: u64,
    /// Print the summary as one JSON object.
    #[arg(long)]
    pub json: bool,
}

#[derive(Args)]
pub struct ExtractArgs {
    /// HTML or text files (also .gz), or `-` for standard input.
    #[arg(required = true)]
    pub files: Vec<String>,
    /// The page's URL, when known.
    #[arg(long)]
    pub url: Option<String>,
    #[arg(long, value_enum, default_value_t = ExtractFormat::Text)]
    pub format: ExtractFormat,
    /// With `--format json`: add `entities`, the names found in the body, in text order:
    /// `[{text, type, id, name, start, end}]` with `type` PER, ORG, LOC or MISC, `id` the
    /// entity's key across articles (`geonames:703448`, `PER:vladimir putin`), `name` its
    /// canonical name, and `start`/`end` Unicode character offsets into the object's `text`
    /// field. `role` is added when the text gives one ("Russian President"), and for resolved
    /// places `country` (ISO 3166-1 alpha-2), `lat` and `lon`.
    #[arg(long)]
    pub entities: bool,
    /// With `--format json`: everything `--entities` adds, and `amounts`, the numbers in the
    /// body with what they count (`[{text, start, end, value, value_max, unit, counted}]`,
    /// `unit` an ISO 4217 code or `%`), and `times`, its time expressions
    /// (`[{text, start, end, start_date, end_date, granularity}]`, dates resolved against the
    /// page's publication date and null without one; granularity day, week, month, season or
    /// year). And `attributions`, who said what (`[{speaker: {text, entity_id} | null,
    /// source: [start, end] | null, cue: [start, end] | null, content: [[start, end], ...]}]`,
    /// `entity_id` the key of the person the speaker names or, for "he" or "the spokesman",
    /// stands for, or null). Offsets as for
    /// `--entities`.
    #[arg(long)]
    pub enrich: bool,
    /// Largest file accepted (after decompression), in bytes.
    #[arg(long, env = "NEWSGRAPH_MAX_BYTES", default_value_t = 32 * 1024 * 1024)]
    pub max_bytes: u64,
}

#[derive(Args)]
pub struct QuotesArgs {
    /// Text or HTML files (also .gz), or `-` for standard input.
    #[arg(required = true)]
    pub files: Vec<String>,
    #[arg(long, value_enum, default_value_t = QuotesFormat::Text)]
    pub format: QuotesFormat,
    /// The publication date that time expressions ("on Monday", "last week") are resolved
    /// against. Without it, an HTML page's own date is used; otherwise they stay unresolved.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
    pub published: Option<chrono::NaiveDate>,
    /// Largest file accepted (after decompression), in bytes.
    #[arg(long, env = "NEWSGRAPH_MAX_BYTES", default_value_t = 32 * 1024 * 1024)]
    pub max_bytes: u64,
}

#[derive(Args)]
pub struct DigestArgs {
    /// The UTC day; by default yesterday, the latest whole day.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = newsgraph_web::digest::parse_day)]
    pub date: Option<chrono::NaiveDate>,
    #[arg(long, value_enum, default_value_t = DigestFormat::Markdown)]
    pub format: DigestFormat,
    /// Stories at most.
    #[arg(long, default_value_t = newsgraph_web::digest::DEFAULT_STORIES,
          value_parser = clap::value_parser!(u64).range(1..=newsgraph_web::digest::MAX_STORIES))]
    pub limit: u64,
    /// The web app's address as readers reach it (https://news.example): headlines and quotes
    /// then link to its story and article pages. Without it, they link to the articles' own
    /// pages.
    #[arg(long, env = "NEWSGRAPH_PUBLIC_URL", value_name = "URL")]
    pub public_url: Option<String>,
    /// Only the stories of this section (its slug, see `newsgraph section list`).
    #[arg(long, value_name = "SLUG")]
    pub section: Option<String>,
    /// Email the digest to this address instead of printing it (repeat for more recipients:
    /// one message to all of them, each named in its To header). The page and its Markdown as
    /// text, through the SMTP server of NEWSGRAPH_SMTP=smtp://[user:password@]host[:port] (no
    /// TLS), from NEWSGRAPH_MAIL_FROM=ADDRESS. A day without stories sends nothing.
    #[arg(long, value_name = "ADDRESS", value_parser = crate::mail::Address::parse, conflicts_with = "format")]
    pub send_to: Vec<crate::mail::Address>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DigestFormat {
    /// Markdown: a heading per story, its coverage, summary and quotes.
    Markdown,
    /// One standalone HTML page, styles inline, for sending as email.
    Html,
    /// One JSON object: `{date, stories: [...]}`.
    Json,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum QuotesFormat {
    /// One line per attribution: speaker, cue and content, under the file's name.
    Text,
    /// One JSON object per input per line (see the command's help).
    Json,
}

fn parse_day(text: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| format!("expected a date YYYY-MM-DD, not {text:?}"))
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExtractFormat {
    /// Title and body as plain text.
    Text,
    /// One JSON object per input per line.
    Json,
    /// Title and body as Markdown (headings, lists, quotes kept).
    Markdown,
}

#[derive(Args)]
pub struct ExportArgs {
    /// What to write, one row each.
    #[arg(long, value_enum)]
    pub what: ExportWhat,
    #[arg(long, value_enum, default_value_t = ExportFormat::Csv)]
    pub format: ExportFormat,
    /// The file to write, replaced only once the export is complete; `-` or none: standard
    /// output (not for Parquet on a terminal).
    #[arg(long, short, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Only articles matching these words, in the search's syntax ("phrases", -excluded,
    /// title:word).
    #[arg(long, short, value_name = "WORDS")]
    pub query: Option<String>,
    /// Only articles that mention this entity (its id, as /entities/{id} and the API give it).
    #[arg(long, value_name = "ID", value_parser = clap::value_parser!(i64).range(1..))]
    pub entity: Option<i64>,
    /// Only articles published on or after this date (YYYY-MM-DD or RFC 3339); undated
    /// articles are then left out, as a search leaves them out.
    #[arg(long)]
    pub since: Option<String>,
    /// Only articles published on or before this date (YYYY-MM-DD or RFC 3339).
    #[arg(long)]
    pub until: Option<String>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportWhat {
    /// One row per article: where from, when, by whom, its story, its text.
    Articles,
    /// One row per entity named: kind, name, place, mentions and articles.
    Entities,
    /// One row per quote: speaker, the entity resolved, cue, content.
    Quotes,
    /// One row per amount: its text, value, unit, what it counts.
    Amounts,
    /// One row per time expression: its text and the days it means.
    Times,
    /// One row per story: headline, first and last seen, articles, outlets, summary.
    Stories,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// CSV with a header row (RFC 4180).
    Csv,
    /// One JSON object per line.
    Jsonl,
    /// Apache Parquet (Snappy), typed columns.
    Parquet,
}

#[derive(Args)]
pub struct SearchArgs {
    pub query: String,
    /// One JSON object per hit per line.
    #[arg(long)]
    pub json: bool,
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    /// Only articles published on or after this date (YYYY-MM-DD or RFC 3339).
    #[arg(long)]
    pub since: Option<String>,
    /// Only articles published on or before this date (YYYY-MM-DD or RFC 3339).
    #[arg(long)]
    pub until: Option<String>,
}

#[derive(Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "NEWSGRAPH_ADDR", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// Do not poll the followed sources in the background (by default, every minute the
    /// sources that are due are polled, as `newsgraph ingest` does).
    #[arg(long)]
    pub no_poll: bool,
}

#[derive(Args)]
pub struct JsonFlag {
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
}
