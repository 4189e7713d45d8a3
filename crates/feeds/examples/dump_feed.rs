//! Prints what `parse_feed` reads from a feed file: `cargo run -p newsgraph-feeds --example dump_feed FILE [BASE_URL]`.
fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: dump_feed FILE [BASE_URL]");
        std::process::exit(2);
    };
    let base = args.next();
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(error) => {
            eprintln!("{path}: {error}");
            std::process::exit(1);
        }
    };
    match newsgraph_feeds::parse_feed(&bytes, base.as_deref(), None) {
        Ok(feed) => {
            println!(
                "title={:?} site={:?} ttl={:?} entries={}",
                feed.title,
                feed.site_url,
                feed.ttl_minutes,
                feed.entries.len()
            );
            for entry in &feed.entries {
                println!(
                    "- id={:?}\n  url={:?}\n  title={:?}\n  published={:?} updated={:?}\n  authors={:?} categories={:?}\n  summary={:?}\n  content={:?}",
                    entry.id,
                    entry.url,
                    entry.title,
                    entry.published,
                    entry.updated,
                    entry.authors,
                    entry.categories,
                    entry.summary.as_ref().map(|s| (s.format, s.text.chars().take(60).collect::<String>())),
                    entry.content.as_ref().map(|s| (s.format, s.text.chars().take(60).collect::<String>())),
                );
            }
        }
        Err(error) => println!("error: {error}"),
    }
}
