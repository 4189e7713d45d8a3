//! New versions of stored articles: the article keeps its id and filing, takes the new text
//! and what was found in it, keeps the version before, and waits for the index.

use super::*;
use crate::{Filing, Revised, ToReindex};

fn fetched(title: &str, body: &str, at: i64) -> NewArticle {
    let mut new = sample(title, body, Some("2022-12-19T10:00:00Z"));
    new.article.url = Some(format!("https://revised.example/{}", title.replace(' ', "-")));
    new.source = Source { kind: SourceKind::Web, location: new.article.url.clone().unwrap_or_default() };
    new.fetched_at = DateTime::<Utc>::from_timestamp(at, 0);
    new
}

pub(super) fn a_revised_article_keeps_its_id_and_earlier_versions(store: &dyn Store) {
    let first = fetched("Bridge closes", "The bridge closed on Monday in Kyiv.", 1_700_000_000);
    let id = inserted(store.insert_batch(std::slice::from_ref(&first)).expect("insert")[0]);
    let filing = Filing { story: newsgraph_model::StoryId(id.0), duplicate_of: None, rewrite_of: None };
    store.save_filings(&[(id, filing)]).expect("file");
    let mut second = fetched("Bridge closes", "The bridge closed on Monday in Kyiv and Lviv.", 1_700_003_600);
    second.article.title = "Bridge closes after strike".into();
    tag(&mut second, canonical(EntityKind::Loc, "geonames:702550", "Lviv"), &["Lviv"]);
    assert_eq!(store.revise(id, &second).expect("revise"), Revised::Revised { number: 1 });

    let now = store.article(id).expect("read").expect("present");
    assert_eq!(now.article, second.article, "the article holds the new version");
    assert_eq!(now.fetched_at, second.fetched_at);
    assert_eq!(now.imported_at, first.imported_at, "its import time stays");
    assert_eq!(now.content_hash, second.article.content_hash());
    assert_eq!(store.filing(id).expect("filing"), Some(filing), "its filing stays");
    let mentions = store.article_mentions(id).expect("mentions");
    assert_eq!(mentions.len(), 1, "what was found in the new text: {mentions:?}");
    assert_eq!(
        store.count().expect("count"),
        store.articles_after(ArticleId(0), 10_000).expect("all").len() as u64
    );

    let third = fetched("Bridge closes", "The bridge reopened on Tuesday.", 1_700_007_200);
    assert_eq!(store.revise(id, &third).expect("revise"), Revised::Revised { number: 2 });
    let earlier = store.revisions(id).expect("revisions");
    assert_eq!(earlier.len(), 2);
    assert_eq!((earlier[0].number, earlier[1].number), (1, 2));
    assert_eq!(earlier[0].title, "Bridge closes");
    assert_eq!(earlier[0].paragraphs, first.article.paragraphs);
    assert_eq!(earlier[0].published, first.article.published);
    assert_eq!(earlier[0].fetched_at, first.fetched_at);
    assert_eq!(earlier[0].replaced_at, second.fetched_at.expect("fetched"));
    assert_eq!(earlier[1].title, "Bridge closes after strike");
    assert!(store.article_mentions(id).expect("mentions").is_empty(), "the third text names no one");
    assert!(store.revisions(ArticleId(id.0 + 10_000)).expect("none").is_empty());
    let missing = store.revise(ArticleId(id.0 + 10_000), &third);
    assert!(matches!(missing, Err(StoreError::NoSuchArticle(_))), "{missing:?}");
}

pub(super) fn revising_to_unchanged_or_taken_content_changes_nothing(store: &dyn Store) {
    let first = fetched("Dam bursts in the south", "A dam burst near Kherson overnight.", 1_700_000_000);
    let id = inserted(store.insert_batch(std::slice::from_ref(&first)).expect("insert")[0]);
    let mut again = first.clone();
    again.article.paragraphs =
        vec!["A DAM burst  near Kherson overnight.".into(), "Second paragraph.".into()];
    again.fetched_at = DateTime::<Utc>::from_timestamp(1_700_009_000, 0);
    assert_eq!(store.revise(id, &again).expect("revise"), Revised::Unchanged);
    let now = store.article(id).expect("read").expect("present");
    assert_eq!(now.article, first.article, "an unchanged page stores nothing new");
    assert_eq!(now.fetched_at, again.fetched_at, "but when it was last fetched");
    assert!(store.revisions(id).expect("revisions").is_empty());

    let other = sample("Somebody else's", "Another outlet's text entirely.", None);
    let other_id = inserted(store.insert_batch(std::slice::from_ref(&other)).expect("insert")[0]);
    let mut copy = first.clone();
    copy.article.paragraphs = other.article.paragraphs.clone();
    assert_eq!(store.revise(id, &copy).expect("revise"), Revised::SameAs(other_id));
    assert_eq!(store.article(id).expect("read").expect("present").article, first.article);
}

pub(super) fn revised_articles_wait_for_the_index(store: &dyn Store) {
    let waiting: Vec<ToReindex> = store.articles_to_reindex(10_000).expect("to reindex");
    let taken: Vec<(ArticleId, u32)> = waiting.iter().map(|w| (w.article.id, w.version)).collect();
    assert!(!taken.is_empty(), "the articles revised above wait");
    assert!(taken.windows(2).all(|w| w[0].0 < w[1].0), "in id order");
    for w in &waiting {
        let now = store.article(w.article.id).expect("read").expect("present");
        assert_eq!(now, w.article, "as stored now");
    }
    store.reindexed(&taken).expect("reindexed");
    assert!(store.articles_to_reindex(10).expect("to reindex").is_empty());

    let first = fetched("Ceasefire talks", "Talks on a ceasefire began in Istanbul.", 1_700_000_000);
    let id = inserted(store.insert_batch(std::slice::from_ref(&first)).expect("insert")[0]);
    let second = fetched("Ceasefire talks", "Talks on a ceasefire stalled in Istanbul.", 1_700_003_600);
    store.revise(id, &second).expect("revise");
    let listed = store.articles_to_reindex(10).expect("to reindex");
    assert_eq!(listed.len(), 1);
    let third = fetched("Ceasefire talks", "Talks on a ceasefire resumed in Istanbul.", 1_700_007_200);
    store.revise(id, &third).expect("revise again");
    store.reindexed(&[(id, listed[0].version)]).expect("reindexed");
    let still = store.articles_to_reindex(10).expect("to reindex");
    assert_eq!(still.len(), 1, "revised again after the index took it: still waiting");
    assert_eq!(still[0].article.article, third.article);
    store.reindexed(&[(id, still[0].version)]).expect("reindexed");
    assert!(store.articles_to_reindex(10).expect("to reindex").is_empty());
}
