//! Development check on real pages from many countries (fundus benchmark dev split): titles
//! and languages must be sane. Prints mismatches; skipped when ../shared is absent.

use std::io::Read;
use std::path::Path;

use newsgraph_extract::{ExtractOptions, extract};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/extraction/fundus-dev");

#[test]
fn fundus_dev_titles_and_languages() {
    let Ok(gold) = std::fs::read_to_string(Path::new(DIR).join("gold.jsonl")) else {
        eprintln!("skipped: {DIR} not found");
        return;
    };
    let (mut pages, mut titles_ok, mut languages_ok, mut extracted) = (0, 0, 0, 0);
    for line in gold.lines().filter(|l| !l.trim().is_empty()) {
        let record: serde_json::Value = serde_json::from_str(line).expect("gold line is JSON");
        let Some(bytes) = gunzip(&Path::new(DIR).join(record["html_path"].as_str().unwrap_or_default()))
        else {
            continue;
        };
        pages += 1;
        let options =
            ExtractOptions { url: record["url"].as_str().map(str::to_string), ..Default::default() };
        let Ok(article) = extract(&bytes, &options) else {
            eprintln!("no article: {}", record["id"]);
            continue;
        };
        extracted += 1;
        let gold_title = record["gold"]["title"].as_str().unwrap_or_default();
        if fold(&article.title) == fold(gold_title) {
            titles_ok += 1;
        } else {
            eprintln!("title {}: {:?} vs gold {:?}", record["id"], article.title, gold_title);
        }
        let gold_lang =
            record["html_lang"].as_str().unwrap_or_default().get(..2).unwrap_or_default().to_lowercase();
        if article.language.as_deref() == Some(gold_lang.as_str()) {
            languages_ok += 1;
        } else {
            eprintln!("language {}: {:?} vs html lang {gold_lang:?}", record["id"], article.language);
        }
    }
    eprintln!(
        "fundus-dev: {pages} pages, {extracted} extracted, {titles_ok} titles and {languages_ok} languages right"
    );
    if pages == 0 {
        return;
    }
    assert!(extracted * 100 >= pages * 95, "extracted only {extracted} of {pages}");
    assert!(titles_ok * 100 >= pages * 75, "only {titles_ok} of {pages} titles right");
    assert!(languages_ok * 100 >= pages * 90, "only {languages_ok} of {pages} languages right");
}

fn fold(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

fn gunzip(path: &Path) -> Option<Vec<u8>> {
    let file = std::fs::File::open(path).ok()?;
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(file).read_to_end(&mut bytes).ok()?;
    Some(bytes)
}
