//! Golden test: the founding example, a scraped news page saved as plain text with teasers
//! above the article and promotion below it, and no headline of its own.

use newsgraph_extract::{ExtractOptions, extract};

const PAGE: &[u8] =
    include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/demo/scraped-page-belarus.txt"));

#[test]
fn scraped_page_belarus() {
    let article = extract(PAGE, &ExtractOptions::default()).expect("an article");

    assert_eq!(article.paragraphs.len(), 9, "{:#?}", article.paragraphs);
    assert!(article.paragraphs[0].starts_with("Russian President Vladimir Putin"));
    assert!(article.paragraphs[8].ends_with("very unpopular at home."));

    let related: Vec<&str> = article.related_headlines.iter().map(|h| h.title.as_str()).collect();
    assert_eq!(
        related,
        [
            "Ukraine: Russia to deploy musicians on frontline to boost morale",
            "Moscow wants to use the town as a base to attack the...",
            "Ukraine to receive $1.8bn aid by US",
        ]
    );

    assert_eq!(article.boilerplate.len(), 2, "{:#?}", article.boilerplate);
    assert!(article.boilerplate[0].starts_with("Catch all the"));
    assert!(article.boilerplate[1].starts_with("Download The BOL News App"));

    assert!(article.title_inferred);
    let words = article.title.split_whitespace().count();
    assert!((6..=14).contains(&words), "title {:?}", article.title);
    assert!(article.title.starts_with("Russian President Vladimir Putin"), "{}", article.title);
    assert!(!article.title.ends_with(|c: char| c.is_ascii_punctuation()), "{}", article.title);
    assert!(!related.contains(&article.title.as_str()));

    assert_eq!(article.language.as_deref(), Some("en"));
    assert!(article.authors.is_empty());
}
