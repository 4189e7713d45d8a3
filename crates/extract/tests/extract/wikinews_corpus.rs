//! The Wikinews demo corpus (JSONL with title and text) must keep its paragraphs: these
//! texts are clean article bodies, so anything dropped is a false positive of the classifier.
//! Skipped when ../shared is absent. What does get dropped (image captions, "File:..." lines,
//! map legends, "Sources" lists) is printed, to check by eye that it is not body text.

use std::path::Path;

use newsgraph_extract::{ExtractOptions, extract_text};

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/corpus/wikinews-demo.jsonl");

#[test]
fn wikinews_corpus_keeps_its_paragraphs() {
    let Ok(corpus) = std::fs::read_to_string(Path::new(CORPUS)) else {
        eprintln!("skipped: {CORPUS} not found");
        return;
    };
    let (mut total_words, mut kept_words, mut articles) = (0usize, 0usize, 0usize);
    let mut worst: (f64, String) = (1.0, String::new());
    for line in corpus.lines().filter(|l| !l.trim().is_empty()) {
        let record: serde_json::Value = serde_json::from_str(line).expect("corpus line is JSON");
        let title = record["title"].as_str().unwrap_or_default().to_string();
        let text = record["text"].as_str().unwrap_or_default();
        let words = text.split_whitespace().count();
        let options = ExtractOptions { title: Some(title.clone()), ..Default::default() };
        let kept = match extract_text(text, &options) {
            Ok(article) => {
                assert_eq!(article.title, title);
                assert!(!article.title_inferred);
                for dropped in
                    article.boilerplate.iter().chain(article.related_headlines.iter().map(|h| &h.title))
                {
                    eprintln!("dropped from {:?}: {dropped}", record["id"]);
                }
                article.word_count()
            }
            Err(e) => {
                eprintln!("no article from {:?}: {e}", record["id"]);
                0
            }
        };
        let share = kept as f64 / words.max(1) as f64;
        if share < worst.0 {
            worst = (share, record["id"].to_string());
        }
        total_words += words;
        kept_words += kept;
        articles += 1;
    }
    let share = kept_words as f64 / total_words.max(1) as f64;
    eprintln!("wikinews: {articles} articles, {:.4} of words kept, worst {worst:?}", share);
    assert!(articles >= 800, "corpus has {articles} articles");
    assert!(share >= 0.98, "kept {share:.4} of the corpus's words");
    // The worst article is a photo gallery whose captions are rightly not body text.
    assert!(worst.0 >= 0.70, "article {} kept only {:.2} of its words", worst.1, worst.0);
}
