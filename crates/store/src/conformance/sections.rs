//! Sections: the defaults every store starts with, added, replaced and removed by slug; and
//! the story queries sections read (stories growing since a time, the newest article's time).

use super::*;
use crate::{Filing, Section, SectionRule, StoryDigest};

pub(super) fn a_new_store_has_the_default_sections_in_order(store: &dyn Store) {
    let sections = store.sections().expect("sections");
    let slugs: Vec<&str> = sections.iter().map(|s| s.slug.as_str()).collect();
    assert_eq!(slugs, ["latest", "breaking", "world", "politics", "business", "science", "sport", "health"]);
    assert_eq!(sections[0].rule, SectionRule::Latest);
    assert_eq!(sections[1].rule, SectionRule::Breaking { hours: 6 });
    let SectionRule::Query { text, entities } = &sections[2].rule else { panic!("world is a search") };
    assert!(text.contains("\"united nations\"") && entities.is_empty(), "{text}");
}

pub(super) fn sections_are_saved_replaced_and_removed_by_slug(store: &dyn Store) {
    let mine = Section {
        slug: "russia-ukraine".into(),
        name: "Russia-Ukraine".into(),
        position: 3,
        rule: SectionRule::Query { text: String::new(), entities: vec![EntityId(1), EntityId(2)] },
    };
    store.save_section(&mine).expect("save");
    let slugs: Vec<String> = store.sections().expect("sections").into_iter().map(|s| s.slug).collect();
    assert_eq!(slugs[3..5], ["politics".to_owned(), "russia-ukraine".to_owned()], "by position, then slug");
    let renamed = Section { name: "War in Ukraine".into(), position: 100, ..mine.clone() };
    store.save_section(&renamed).expect("replace");
    let sections = store.sections().expect("sections");
    assert_eq!(sections.last(), Some(&renamed));
    assert_eq!(sections.iter().filter(|s| s.slug == "russia-ukraine").count(), 1);

    for bad in [
        Section { slug: "Russia Ukraine".into(), ..mine.clone() },
        Section { name: " ".into(), ..mine.clone() },
        Section { rule: SectionRule::Query { text: " ".into(), entities: vec![] }, ..mine.clone() },
    ] {
        assert!(matches!(store.save_section(&bad), Err(StoreError::Invalid(_))), "{bad:?}");
    }
    assert!(store.remove_section("russia-ukraine").expect("remove"));
    assert!(!store.remove_section("russia-ukraine").expect("gone already"));
    assert_eq!(store.sections().expect("sections").len(), 8);
}

pub(super) fn stories_are_ranked_by_articles_since_a_time(store: &dyn Store) {
    let at = |text: &str| DateTime::parse_from_rfc3339(text).expect("time").to_utc();
    let batch = [
        sample("Growing a", "A story that grows fast, first.", Some("2031-05-01T08:00:00Z")),
        sample("Growing b", "A story that grows fast, second.", Some("2031-05-01T09:00:00Z")),
        sample("Growing c", "A story that grows fast, third.", Some("2031-05-01T10:00:00Z")),
        sample("Old news", "A story from the day before.", Some("2031-04-30T08:00:00Z")),
        sample("Slow a", "A story that grows slowly, before.", Some("2031-04-30T09:00:00Z")),
        sample("Slow b", "A story that grows slowly, now.", Some("2031-05-01T09:30:00Z")),
    ];
    let ids = insert_all(store, &batch);
    let story = |first: ArticleId| newsgraph_model::StoryId(first.0);
    let filings: Vec<(ArticleId, Filing)> = [(0, 0), (1, 0), (2, 0), (3, 3), (4, 4), (5, 4)]
        .iter()
        .map(|&(i, s)| (ids[i], Filing { story: story(ids[s]), duplicate_of: None, rewrite_of: None }))
        .collect();
    store.save_filings(&filings).expect("file");
    for (first, headline) in [(0, "Growing"), (3, "Old news"), (4, "Slow")] {
        store
            .replace_story(&StoryDigest {
                id: story(ids[first]),
                headline: headline.into(),
                headline_article: Some(ids[first]),
                summary: Vec::new(),
                first_seen: at("2031-04-30T08:00:00Z"),
                last_seen: at("2031-05-01T10:00:00Z"),
                articles: 3,
                outlets: 1,
            })
            .expect("digest");
    }
    let growing = store.stories_since(at("2031-05-01T07:00:00Z"), 10).expect("since");
    let ranked: Vec<(&str, u64)> = growing.iter().map(|(d, n)| (d.headline.as_str(), *n)).collect();
    assert_eq!(ranked, [("Growing", 3), ("Slow", 1)], "only articles in the window count");
    assert_eq!(store.stories_since(at("2031-05-01T07:00:00Z"), 1).expect("since").len(), 1);
    assert!(store.stories_since(at("2031-06-01T00:00:00Z"), 10).expect("since").is_empty());

    // The front page's order: the latest day first, then the largest.
    let listed: Vec<newsgraph_model::StoryId> = store
        .stories(Page { offset: 0, limit: 10_000 })
        .expect("stories")
        .into_iter()
        .map(|d| d.id)
        .collect();
    for (i, id) in listed.iter().enumerate() {
        let (before, after) = store.story_neighbours(*id).expect("neighbours");
        assert_eq!(before, i.checked_sub(1).map(|j| listed[j]), "before {id:?}");
        assert_eq!(after, listed.get(i + 1).copied(), "after {id:?}");
    }
    assert_eq!(store.story_neighbours(newsgraph_model::StoryId(-5)).expect("none"), (None, None));

    let now = at("2031-05-01T12:00:00Z");
    assert_eq!(store.newest_article_time(now).expect("newest"), Some(at("2031-05-01T10:00:00Z")));
    let earlier = at("2031-05-01T09:45:00Z");
    assert_eq!(
        store.newest_article_time(earlier).expect("newest"),
        Some(at("2031-05-01T09:30:00Z")),
        "nothing later than now counts"
    );
}
