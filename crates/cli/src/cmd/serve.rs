//! `newsgraph serve`: the web app and JSON API, and the poller of the followed sources.

use std::net::SocketAddr;
use std::path::Path;
use std::time::Duration;

use anyhow::Context;
use newsgraph_index::IndexError;
use newsgraph_pipeline::{Engine, IngestOptions, IngestSummary, PipelineError, Readers, ingest_with};
use newsgraph_web::{Access, AppState, router};

use crate::cli::ServeArgs;

/// How often the poller looks for sources that are due.
const POLL_EVERY: Duration = Duration::from_secs(60);

/// Polls the sources that are due, every [`POLL_EVERY`], for as long as the process lives. A
/// round that fails (an import elsewhere holding the index, say) is logged and tried again.
fn poll(engine: &Engine) {
    let options = IngestOptions {
        allow_private: std::env::var("NEWSGRAPH_ALLOW_PRIVATE").is_ok_and(|v| v == "1"),
        ..IngestOptions::default()
    };
    // The models load for the first round with work to do, and stay for the next ones.
    let mut readers: Option<Readers> = None;
    loop {
        let due = engine.store.due_subscriptions(chrono::Utc::now(), 1).map(|d| !d.is_empty());
        match due {
            // A round that panics (a bug) is logged; the poller lives on.
            Ok(true) => {
                match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    round(engine, &options, &mut readers)
                })) {
                    Ok(Ok(summary)) => tracing::info!(
                        sources = summary.sources,
                        imported = summary.imported,
                        failed = summary.failed.len(),
                        "polled the sources that were due"
                    ),
                    Ok(Err(e)) => tracing::warn!("polling failed: {e}"),
                    Err(_) => tracing::error!("a polling round panicked; trying again next round"),
                }
            }
            Ok(false) => {}
            Err(e) => tracing::warn!("cannot read the sources: {e}"),
        }
        // Every minute, sources due or not: an import beside us stores stories too, and failed
        // deliveries come due again.
        super::webhook::after_round(engine);
        // Let `newsgraph import` have the index between rounds.
        if let Err(e) = engine.index.close_writer() {
            tracing::warn!("cannot release the index: {e}");
        }
        std::thread::sleep(POLL_EVERY);
    }
}

/// One round with the readers, loading them if this is the first.
fn round(
    engine: &Engine,
    options: &IngestOptions,
    readers: &mut Option<Readers>,
) -> Result<IngestSummary, PipelineError> {
    let readers = match readers {
        Some(readers) => readers,
        None => readers.insert(Readers::embedded()?),
    };
    ingest_with(engine, options, readers)
}

/// `NEWSGRAPH_PUBLIC_URL`, the address the app is reached at from outside (behind a proxy,
/// say), checked; unset or blank: the feeds' links name the host each request names.
fn public_url() -> anyhow::Result<Option<String>> {
    match std::env::var("NEWSGRAPH_PUBLIC_URL") {
        Ok(text) if !text.trim().is_empty() => {
            let url = newsgraph_web::parse_public_url(&text)
                .map_err(|e| anyhow::anyhow!("NEWSGRAPH_PUBLIC_URL: {e}"))?;
            Ok(Some(url))
        }
        _ => Ok(None),
    }
}

/// Who may read and change what: the admin token (`NEWSGRAPH_TOKEN`) and whether reading
/// needs it too (`NEWSGRAPH_PRIVATE=1`); checked before anything is served.
fn access() -> anyhow::Result<Access> {
    let token = std::env::var("NEWSGRAPH_TOKEN").ok();
    let private = std::env::var("NEWSGRAPH_PRIVATE").is_ok_and(|v| v == "1");
    Access::new(token, private).map_err(|e| anyhow::anyhow!(e))
}

pub fn run(data: &Path, args: &ServeArgs) -> anyhow::Result<()> {
    let engine = Engine::open(data).with_context(|| format!("opening {}", data.display()))?;
    serve(engine, args)
}

/// Brings the index up to date with the store, starts the poller (unless told not to), then
/// serves until Ctrl-C.
pub fn serve(engine: Engine, args: &ServeArgs) -> anyhow::Result<()> {
    let addr: SocketAddr = args.addr;
    match engine.catch_up_index() {
        Ok(0) => {}
        Ok(n) => tracing::info!("indexed {n} articles the index was missing"),
        // An import running beside us holds the writer and will index its own articles.
        Err(PipelineError::Index(IndexError::Busy)) => {}
        Err(e) => return Err(e.into()),
    }
    // Searching needs no writer; releasing it lets `newsgraph import` run while we serve.
    engine.index.close_writer()?;
    let articles = engine.store.count()?;
    let state = AppState {
        store: engine.store.clone(),
        index: engine.index.clone(),
        public_url: public_url()?,
        access: access()?,
    };
    if !args.no_poll {
        let poller = Engine { store: engine.store.clone(), index: engine.index.clone() };
        std::thread::spawn(move || poll(&poller));
    }

    let runtime = tokio::runtime::Runtime::new().context("starting the async runtime")?;
    runtime.block_on(async move {
        let listener =
            tokio::net::TcpListener::bind(addr).await.with_context(|| format!("listening on {addr}"))?;
        let local = listener.local_addr()?;
        println!("newsgraph: serving {articles} articles at http://{local}/ (Ctrl-C to stop)");
        axum::serve(listener, router(state))
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .context("serving")
    })
}
