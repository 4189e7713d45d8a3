//! `newsgraph bench pages`: the server time of every kind of page and API answer, on the demo
//! data (imported into a temporary data directory) or on a data directory given. The app is
//! served on 127.0.0.1 and asked over a new loopback connection each time, so the time is the
//! app's own (store, index, rendering, the whole body) plus a loopback round trip.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::Context;
use newsgraph_pipeline::{Engine, ImportInput, ImportOptions, import};
use newsgraph_store::{EntityFilter, Page};
use newsgraph_web::{AppState, router};

use crate::cli::BenchPagesArgs;

pub fn run(args: &BenchPagesArgs) -> anyhow::Result<ExitCode> {
    let temporary = std::env::temp_dir().join(format!("newsgraph-bench-pages-{}", std::process::id()));
    let data = match &args.data_dir {
        Some(data) => data.clone(),
        None => {
            import_demo(&temporary)?;
            temporary.clone()
        }
    };
    let timed = time_pages(&data, args);
    if args.data_dir.is_none() {
        let _ = std::fs::remove_dir_all(&temporary);
    }
    timed
}

fn time_pages(data: &Path, args: &BenchPagesArgs) -> anyhow::Result<ExitCode> {
    let engine = Engine::open(data).with_context(|| format!("opening {}", data.display()))?;
    let urls = urls(&engine)?;
    let state = AppState {
        store: engine.store.clone(),
        index: engine.index.clone(),
        public_url: None,
        access: newsgraph_web::Access::default(),
    };
    let app = router(state);
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    let listener = runtime.block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))?;
    let addr = listener.local_addr()?;
    runtime.spawn(async move { axum::serve(listener, app).await });
    println!(
        "{} articles, {} stories; {} requests per page after one unmeasured, over loopback",
        engine.store.count()?,
        engine.store.story_count()?,
        args.runs
    );
    println!("{:<52} {:>6} {:>9} {:>9} {:>9} {:>9}", "page", "status", "p50 ms", "p95 ms", "max ms", "KB");
    let mut slowest = Duration::ZERO;
    for url in &urls {
        let (status, bytes, times) = time(addr, url, args.runs.max(1))?;
        let (p50, p95, max) = (percentile(&times, 0.5), percentile(&times, 0.95), percentile(&times, 1.0));
        slowest = slowest.max(p95);
        println!(
            "{:<52} {:>6} {:>9.2} {:>9.2} {:>9.2} {:>9.1}",
            shorten(url),
            status,
            ms(p50),
            ms(p95),
            ms(max),
            bytes as f64 / 1024.0
        );
    }
    println!("slowest p95: {:.2} ms", ms(slowest));
    Ok(ExitCode::SUCCESS)
}

fn import_demo(data: &Path) -> anyhow::Result<()> {
    let engine = Engine::open(data)?;
    let dir = data.join("demo");
    std::fs::create_dir_all(&dir)?;
    for (name, bytes) in crate::cmd::demo::DEMO_FILES {
        std::fs::write(dir.join(name), bytes)?;
    }
    eprintln!("importing the demo corpus into {}", data.display());
    import(&engine, &[ImportInput::Path(dir)], &ImportOptions::default(), &mut |_| {})?;
    Ok(())
}

/// One of each kind of page, with ids taken from what is stored: the largest story, the most
/// mentioned person and place, the newest article, the largest story's last day.
fn urls(engine: &Engine) -> anyhow::Result<Vec<String>> {
    let store = engine.store.as_ref();
    // The largest of the front page's first stories: a story page at its heaviest.
    let stories = store.stories(Page { offset: 0, limit: 500 })?;
    let largest = stories.iter().max_by_key(|s| s.articles).context("no story stored")?;
    let (story, day) = (largest.id.0, largest.last_seen.date_naive().to_string());
    let top = |kind| -> anyhow::Result<i64> {
        let filter = EntityFilter { kind: Some(kind), query: None };
        let found = store.entities(&filter, Page { offset: 0, limit: 1 })?;
        found.first().map(|e| e.entity.id.0).context("no entity stored")
    };
    let (person, place) = (top(newsgraph_model::EntityKind::Per)?, top(newsgraph_model::EntityKind::Loc)?);
    let article = store.latest(Page { offset: 0, limit: 1 })?.first().map(|a| a.id).context("no article")?;
    let mut urls: Vec<String> = [
        "/",
        "/?page=2",
        "/sections/breaking",
        "/sections/world",
        "/sections/sport",
        "/search?q=ukraine",
        "/search?q=election&since=2020-01-01",
        "/entities",
        "/entities?kind=loc",
        "/quotes",
        "/quotes?q=war",
        "/sources",
        "/digest",
        "/map/land.svg",
        "/api/v1/stories",
        "/api/v1/articles",
        "/api/v1/search?q=ukraine",
        "/api/v1/entities",
        "/api/v1/quotes",
        "/api/v1/sections/world",
        "/feeds/stories.atom",
        "/feeds/sections/world.atom",
    ]
    .iter()
    .map(|u| u.to_string())
    .collect();
    urls.extend([
        format!("/stories/{story}"),
        format!("/api/v1/stories/{story}"),
        format!("/feeds/stories/{story}.atom"),
        format!("/entities/{person}"),
        format!("/entities/{place}"),
        format!("/api/v1/entities/{person}"),
        format!("/search?entity={place}"),
        format!("/quotes?speaker={person}"),
        format!("/feeds/entities/{person}.atom"),
        format!("/articles/{article}"),
        format!("/api/v1/articles/{article}"),
        format!("/digest/{day}"),
        format!("/api/v1/digest/{day}"),
    ]);
    Ok(urls)
}

/// The status and size of the answer to `url`, and the time of each of `runs` requests after
/// a first one (which warms caches: the land's SVG, SQLite's pages), each on a new connection.
fn time(addr: SocketAddr, url: &str, runs: usize) -> anyhow::Result<(u16, usize, Vec<Duration>)> {
    let mut status = 0;
    let mut bytes = 0;
    let mut times = Vec::with_capacity(runs);
    for run in 0..=runs {
        let started = Instant::now();
        let mut stream = TcpStream::connect(addr)?;
        write!(stream, "GET {url} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")?;
        let mut answer = Vec::new();
        stream.read_to_end(&mut answer)?;
        if run > 0 {
            times.push(started.elapsed());
        }
        let head_end = answer.windows(4).position(|w| w == b"\r\n\r\n").context("no HTTP head")?;
        let head = String::from_utf8_lossy(&answer[..head_end]);
        status = head.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
        bytes = answer.len() - head_end - 4;
    }
    times.sort();
    Ok((status, bytes, times))
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let last = sorted.len().saturating_sub(1);
    sorted.get(((last as f64) * p).round() as usize).copied().unwrap_or_default()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn shorten(url: &str) -> String {
    if url.chars().count() <= 52 {
        url.to_owned()
    } else {
        format!("{}…", url.chars().take(51).collect::<String>())
    }
}
