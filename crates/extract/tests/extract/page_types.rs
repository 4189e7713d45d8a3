//! `page_type` on real pages and on synthetic ones. Every page of the two development sets
//! (fundus-dev, scrapinghub-dev) is a news article: at least 95% must be labelled `article`.
//! The real pages are read from ../shared and skipped when it is absent.

use std::io::Read;
use std::path::{Path, PathBuf};

use newsgraph_extract::{ExtractOptions, extract};
use newsgraph_model::PageType;

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/extraction");

#[test]
fn dev_articles_are_labelled_articles() {
    let mut pages: Vec<(PathBuf, Option<String>)> = Vec::new();
    if let Ok(gold) = std::fs::read_to_string(Path::new(DATA).join("fundus-dev/gold.jsonl")) {
        for line in gold.lines().filter(|l| !l.trim().is_empty()) {
            let record: serde_json::Value = serde_json::from_str(line).expect("gold line is JSON");
            let path =
                Path::new(DATA).join("fundus-dev").join(record["html_path"].as_str().unwrap_or_default());
            pages.push((path, record["url"].as_str().map(str::to_string)));
        }
    }
    if let Ok(truth) = std::fs::read_to_string(Path::new(DATA).join("scrapinghub-dev/ground-truth.json")) {
        let truth: serde_json::Value = serde_json::from_str(&truth).expect("ground truth is JSON");
        for (id, gold) in truth.as_object().into_iter().flatten() {
            let path = Path::new(DATA).join("scrapinghub-dev/html").join(format!("{id}.html.gz"));
            pages.push((path, gold["url"].as_str().map(str::to_string)));
        }
    }
    if pages.is_empty() {
        eprintln!("skipped: {DATA} not found");
        return;
    }
    let (mut read, mut articles) = (0usize, 0usize);
    for (path, url) in &pages {
        let Some(bytes) = gunzip(path) else { continue };
        read += 1;
        let options = ExtractOptions { url: url.clone(), ..Default::default() };
        match extract(&bytes, &options) {
            Ok(a) if a.page_type == PageType::Article => articles += 1,
            Ok(a) => eprintln!(
                "{:?}: {} ({} body words, {} headlines of {} words)",
                a.page_type,
                path.display(),
                a.word_count(),
                a.related_headlines.len(),
                a.related_headlines.iter().map(|h| h.title.split_whitespace().count()).sum::<usize>()
            ),
            Err(e) => eprintln!("no article: {}: {e}", path.display()),
        }
    }
    eprintln!("dev pages: {read} read, {articles} labelled article");
    assert!(articles * 100 >= read * 95, "only {articles} of {read} labelled article");
}

fn gunzip(path: &Path) -> Option<Vec<u8>> {
    let file = std::fs::File::open(path).ok()?;
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(file).read_to_end(&mut bytes).ok()?;
    Some(bytes)
}

fn page_type(html: &str, url: &str) -> Result<PageType, newsgraph_extract::ExtractError> {
    let options = ExtractOptions { url: Some(url.to_string()), ..Default::default() };
    extract(html.as_bytes(), &options).map(|a| a.page_type)
}

const STORY: &str = "<p>The city council voted on Tuesday to close the old bridge to cars, citing safety reports from engineers who inspected it.</p>\
    <p>Engineers had warned for years that the steel supports were corroding, and that repairs would cost millions of pounds.</p>\
    <p>Residents said the closure would add twenty minutes to their commute, though cyclists and walkers welcomed the quieter crossing.</p>\
    <p>The council will decide next year whether to repair the bridge or build a new one downstream.</p>";

fn teasers(n: usize) -> String {
    (1..=n)
        .map(|i| format!("<li><a href=\"/news/2024/story-{i}\">Headline number {i} about the local council budget</a></li>"))
        .collect()
}

#[test]
fn synthetic_pages_by_shape_alone() {
    let article =
        format!("<html><body><article>{STORY}</article><aside><ul>{}</ul></aside></body></html>", teasers(6));
    assert_eq!(page_type(&article, "https://news.example/news/2024/05/bridge-closes"), Ok(PageType::Article));

    let short = "<html><body><div><p>Opening hours: the office is open from nine to five on weekdays.</p></div></body></html>";
    assert_eq!(page_type(short, "https://news.example/contact-us"), Ok(PageType::Other));

    let blurbs: String = (1..=12)
        .map(|i| format!("<div class=card><h3><a href=\"/news/2024/story-{i}\">Headline number {i} about the council</a></h3>\
            <p>A short standfirst for story {i}, which says a little more about what happened.</p></div>"))
        .collect();
    let home = format!("<html><body><main>{blurbs}</main></body></html>");
    assert_eq!(page_type(&home, "https://news.example/"), Ok(PageType::Listing));

    let links_only = format!(
        "<html><body><ul>{}</ul><div><p>{}</p></div></body></html>",
        teasers(30),
        "Welcome to the news site."
    );
    match page_type(&links_only, "https://news.example/news/2024/archive-page-2") {
        Ok(t) => assert_eq!(t, PageType::Listing),
        Err(e) => assert_eq!(e, newsgraph_extract::ExtractError::NoText),
    }
}

#[test]
fn declared_types_win_over_shape() {
    let ld = |t: &str| {
        format!(
            r#"<script type="application/ld+json">{{"@type":"{t}","headline":"Bridge closes","datePublished":"2024-05-03"}}</script>"#
        )
    };
    let short = "<p>The council closed the bridge on Tuesday after a safety report.</p>";
    let page = format!("<html><head>{}</head><body><div>{short}</div></body></html>", ld("NewsArticle"));
    assert_eq!(page_type(&page, "https://news.example/"), Ok(PageType::Article), "a short declared article");
    let page = format!("<html><head>{}</head><body><div>{STORY}</div></body></html>", ld("CollectionPage"));
    assert_eq!(page_type(&page, "https://news.example/news/2024/bridge"), Ok(PageType::Listing));
    let og = r#"<meta property="og:type" content="article">"#;
    let page = format!("<html><head>{og}</head><body><div>{short}</div></body></html>");
    assert_eq!(page_type(&page, "https://news.example/"), Ok(PageType::Article));
}
