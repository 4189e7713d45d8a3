//! What exports read: articles and filings by id a batch at a time, entities and stories paged
//! by id.

use super::*;
use crate::{Filing, StoryDigest};
use newsgraph_model::StoryId;

pub(super) fn exports_read_articles_by_id_and_page_entities_and_stories_by_id(store: &dyn Store) {
    let mut tagged = sample("Export tagged", "Export talks in Xanadu.", Some("2022-12-19T10:00:00Z"));
    tag(&mut tagged, canonical(EntityKind::Loc, "LOC:export xanadu", "Xanadu"), &["Xanadu"]);
    let ids = insert_all(store, &[tagged, sample("Export plain", "Export plain.", None)]);
    let unknown = ArticleId(ids[1].0 + 1000);

    let read = store.articles_by_id(&[ids[1], unknown, ids[0]]).expect("articles");
    let read_ids: Vec<ArticleId> = read.iter().map(|a| a.id).collect();
    assert_eq!(read_ids, [ids[1], ids[0]], "the order asked for, the unknown id left out");
    assert_eq!(read[1], store.article(ids[0]).expect("article").expect("stored"), "whole articles");
    assert!(store.articles_by_id(&[]).expect("articles").is_empty());

    let copy = Filing { story: StoryId(ids[0].0), duplicate_of: Some(ids[0]), rewrite_of: None };
    let own = Filing { story: StoryId(ids[0].0), duplicate_of: None, rewrite_of: None };
    store.save_filings(&[(ids[0], own), (ids[1], copy)]).expect("file");
    let unfiled = insert_all(store, &[sample("Export unfiled", "Export unfiled.", None)])[0];
    let filings = store.filings(&[ids[1], unfiled, unknown, ids[0]]).expect("filings");
    assert_eq!(filings, [(ids[1], copy), (ids[0], own)], "unfiled and unknown articles left out");

    // Paged by id, two at a time, entities come out as Store::entities lists them all.
    let mut paged = Vec::new();
    let mut after = EntityId(0);
    loop {
        let page = store.entities_after(after, 2).expect("entities");
        let Some(last) = page.last() else { break };
        after = last.entity.id;
        paged.extend(page);
    }
    assert!(paged.windows(2).all(|w| w[0].entity.id < w[1].entity.id), "ascending ids");
    let mut listed =
        store.entities(&EntityFilter::default(), Page { offset: 0, limit: 100_000 }).expect("all");
    listed.sort_by_key(|e| e.entity.id);
    assert_eq!(paged, listed, "every mentioned entity once, with its counts");
    assert!(paged.iter().any(|e| e.entity.name == "Xanadu" && e.mentions == 1 && e.articles == 1));

    let digest = StoryDigest {
        id: StoryId(ids[0].0),
        headline: "Export talks".into(),
        headline_article: Some(ids[0]),
        summary: vec!["Talks were held.".into()],
        first_seen: DateTime::<Utc>::from_timestamp(1_671_000_000, 0).expect("time"),
        last_seen: DateTime::<Utc>::from_timestamp(1_671_500_000, 0).expect("time"),
        articles: 2,
        outlets: 1,
    };
    store.replace_story(&digest).expect("story");
    let mut stories = Vec::new();
    let mut after = StoryId(0);
    loop {
        let page = store.stories_after(after, 2).expect("stories");
        let Some(last) = page.last() else { break };
        after = last.id;
        stories.extend(page);
    }
    assert!(stories.windows(2).all(|w| w[0].id < w[1].id), "ascending ids");
    assert_eq!(stories.len() as u64, store.story_count().expect("count"), "every story with a digest");
    assert_eq!(stories.iter().find(|s| s.id == digest.id), Some(&digest), "whole digests");
    assert!(store.stories_after(digest.id, 10).expect("stories").iter().all(|s| s.id > digest.id));
}
