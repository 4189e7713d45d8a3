//! The metadata gold set in `testdata/metadata/`: small pages written for the project, each
//! with the title, authors, dates, language, site, description, lead image and page type a
//! reader sees on it (`gold.json`). Every field of every page must match.

use std::path::Path;

use newsgraph_extract::{ExtractOptions, extract};
use serde_json::{Value, json};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../testdata/metadata");

#[test]
fn every_field_of_every_gold_page() {
    let gold = std::fs::read_to_string(Path::new(DIR).join("gold.json")).expect("gold.json");
    let gold: Value = serde_json::from_str(&gold).expect("gold.json is JSON");
    let pages = gold["pages"].as_array().expect("pages");
    assert!(pages.len() >= 8, "the gold set has {} pages", pages.len());
    let mut wrong = Vec::new();
    for page in pages {
        let file = page["file"].as_str().expect("file");
        let bytes = std::fs::read(Path::new(DIR).join(file)).expect("page");
        let options = ExtractOptions { url: page["url"].as_str().map(str::to_string), ..Default::default() };
        let article = match extract(&bytes, &options) {
            Ok(article) => article,
            Err(e) => {
                wrong.push(format!("{file}: no article: {e}"));
                continue;
            }
        };
        let found = json!({
            "title": article.title,
            "authors": article.authors,
            "published": article.published.map(|d| d.to_rfc3339()),
            "updated": article.updated.map(|d| d.to_rfc3339()),
            "language": article.language,
            "site": article.site,
            "description": article.description,
            "lead_image": article.lead_image,
            "page_type": article.page_type,
        });
        for (field, value) in found.as_object().expect("object") {
            let expected = page.get(field).unwrap_or_else(|| panic!("{file}: gold lacks {field}"));
            if value != expected {
                wrong.push(format!("{file}: {field}: found {value}, gold {expected}"));
            }
        }
    }
    assert!(wrong.is_empty(), "{} mismatches:\n{}", wrong.len(), wrong.join("\n"));
}
