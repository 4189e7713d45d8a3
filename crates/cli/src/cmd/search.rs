//! `newsgraph search QUERY`

use std::path::Path;
use std::process::ExitCode;

use newsgraph_index::{DateBound, SearchQuery, parse_date_bound};
use newsgraph_pipeline::Engine;

use crate::cli::SearchArgs;

pub fn run(data: &Path, args: &SearchArgs) -> anyhow::Result<ExitCode> {
    let engine = Engine::open(data)?;
    let query = SearchQuery {
        text: args.query.clone(),
        entity: None,
        since: args.since.as_deref().map(|d| parse_date_bound(d, DateBound::Start)).transpose()?,
        until: args.until.as_deref().map(|d| parse_date_bound(d, DateBound::End)).transpose()?,
        limit: args.limit,
        ..SearchQuery::default()
    };
    let results = engine.index.search(&query)?;
    if args.json {
        for hit in &results.hits {
            println!("{}", serde_json::to_string(hit)?);
        }
        return Ok(ExitCode::SUCCESS);
    }
    println!("{} result{}", results.total, if results.total == 1 { "" } else { "s" });
    for hit in &results.hits {
        let date =
            hit.published.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_else(|| "undated".into());
        println!("\n[{}] {}  {}", hit.id, date, hit.title);
        println!("    {}", plain_snippet(&hit.snippet_html));
    }
    Ok(ExitCode::SUCCESS)
}

/// The snippet for a terminal: one line, highlights as `[word]`, HTML entities decoded.
fn plain_snippet(html: &str) -> String {
    let folded = html.split_whitespace().collect::<Vec<_>>().join(" ");
    folded
        .replace("<b>", "[")
        .replace("</b>", "]")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}
