//! `newsgraph serve`: the web app and JSON API.

use std::net::SocketAddr;
use std::path::Path;

use anyhow::Context;
use newsgraph_index::IndexError;
use newsgraph_pipeline::{Engine, PipelineError};
use newsgraph_web::{AppState, router};

use crate::cli::ServeArgs;

pub fn run(data: &Path, args: &ServeArgs) -> anyhow::Result<()> {
    let engine = Engine::open(data).with_context(|| format!("opening {}", data.display()))?;
    serve(engine, args.addr)
}

/// Brings the index up to date with the store, then serves until Ctrl-C.
pub fn serve(engine: Engine, addr: SocketAddr) -> anyhow::Result<()> {
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
    let state = AppState { store: engine.store.clone(), index: engine.index.clone() };

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
