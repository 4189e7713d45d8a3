//! Filings and stories: unfiled articles found in id order, filings saved in one transaction,
//! digests listed in front-page order, a story's articles, copies, entities and related stories.

use super::*;
use crate::{Filing, StoryDigest};
use newsgraph_model::StoryId;

fn filed(story: ArticleId) -> Filing {
    Filing { story: StoryId(story.0), duplicate_of: None, rewrite_of: None }
}

fn digest(id: ArticleId, headline: &str, last_seen: &str, articles: u64) -> StoryDigest {
    let time = |t: &str| DateTime::parse_from_rfc3339(t).expect("test time").with_timezone(&Utc);
    StoryDigest {
        id: StoryId(id.0),
        headline: headline.to_owned(),
        headline_article: Some(id),
        summary: vec![format!("{headline} happened."), "Then more.".to_owned()],
        first_seen: time("2022-12-19T08:00:00Z"),
        last_seen: time(last_seen),
        articles,
        outlets: articles.min(2),
    }
}

/// The highest article id stored so far.
fn last_id(store: &dyn Store) -> ArticleId {
    let mut after = ArticleId(0);
    while let Some(last) = store.articles_after(after, 1000).expect("articles").last() {
        after = last.id;
    }
    after
}

fn unfiled_after(store: &dyn Store, after: ArticleId, limit: u64) -> Vec<ArticleId> {
    store.unfiled_articles(after, limit).expect("unfiled").iter().map(|a| a.id).collect()
}

pub(super) fn unfiled_articles_are_listed_until_filed(store: &dyn Store) {
    let before = last_id(store);
    let ids = insert_all(
        store,
        &[
            sample("Unfiled one", "First unfiled.", Some("2022-12-19T10:00:00Z")),
            sample("Unfiled two", "Second unfiled.", Some("2022-12-19T11:00:00Z")),
            sample("Unfiled three", "Third unfiled.", None),
        ],
    );
    assert_eq!(unfiled_after(store, before, 10), ids, "id order");
    assert_eq!(unfiled_after(store, before, 2), ids[..2], "paged");
    assert_eq!(unfiled_after(store, ids[0], 10), ids[1..], "after an id");
    assert!(store.filing(ids[0]).expect("filing").is_none());

    let copy = Filing { story: StoryId(ids[0].0), duplicate_of: Some(ids[0]), rewrite_of: None };
    store.save_filings(&[(ids[0], filed(ids[0])), (ids[2], copy)]).expect("file");
    assert_eq!(unfiled_after(store, before, 10), [ids[1]]);
    assert_eq!(store.filing(ids[2]).expect("filing"), Some(copy));

    // Filing again replaces.
    let rewrite = Filing { story: StoryId(ids[0].0), duplicate_of: None, rewrite_of: Some(ids[0]) };
    store.save_filings(&[(ids[1], filed(ids[1])), (ids[1], rewrite)]).expect("file");
    assert_eq!(store.filing(ids[1]).expect("filing"), Some(rewrite));
    assert!(unfiled_after(store, before, 10).is_empty());
    assert!(store.filing(ArticleId(ids[2].0 + 1000)).expect("filing").is_none());
}

pub(super) fn filing_an_unknown_article_fails_the_whole_batch(store: &dyn Store) {
    let before = last_id(store);
    let id = insert_all(store, &[sample("Lonely", "Filed never.", None)])[0];
    let unknown = ArticleId(id.0 + 1000);
    let err = store.save_filings(&[(id, filed(id)), (unknown, filed(id))]).expect_err("unknown id");
    assert!(matches!(err, StoreError::NoSuchArticle(i) if i == unknown), "{err:?}");
    assert_eq!(unfiled_after(store, before, 10), [id], "nothing of the batch was saved");
    store.save_filings(&[(id, filed(id))]).expect("file");
}

pub(super) fn recent_filed_articles_come_back_oldest_first(store: &dyn Store) {
    let ids =
        insert_all(store, &[sample("Recent a", "Recent a.", None), sample("Recent b", "Recent b.", None)]);
    let copy = Filing { story: StoryId(ids[0].0), duplicate_of: Some(ids[0]), rewrite_of: None };
    store.save_filings(&[(ids[1], copy), (ids[0], filed(ids[0]))]).expect("file");
    let recent = store.recent_filed(2).expect("recent");
    let got: Vec<(ArticleId, Filing)> = recent.iter().map(|f| (f.article.id, f.filing)).collect();
    assert_eq!(got, [(ids[0], filed(ids[0])), (ids[1], copy)]);
    assert_eq!(recent[0].article.article.title, "Recent a");
    let more = store.recent_filed(1000).expect("recent");
    assert!(more.len() > 2 && more.windows(2).all(|w| w[0].article.id < w[1].article.id));
    assert!(store.recent_filed(0).expect("recent").is_empty());
}

pub(super) fn stories_are_listed_freshest_day_then_largest_first(store: &dyn Store) {
    let ids = insert_all(
        store,
        &[
            sample("Story small", "Small story.", None),
            sample("Story big", "Big story.", None),
            sample("Story old", "Old story.", None),
        ],
    );
    let before = store.story_count().expect("count");
    // The small one was seen later the same day; the day counts, not the hour.
    store.replace_story(&digest(ids[0], "Small", "2022-12-21T23:00:00Z", 2)).expect("story");
    store.replace_story(&digest(ids[1], "Big", "2022-12-21T01:00:00Z", 9)).expect("story");
    store.replace_story(&digest(ids[2], "Old", "2022-12-20T23:59:00Z", 50)).expect("story");
    // Replacing keeps one digest per story.
    let bigger = digest(ids[0], "Small <b>grown</b>", "2022-12-21T23:30:00Z", 3);
    store.replace_story(&bigger).expect("story");
    assert_eq!(store.story_count().expect("count"), before + 3);
    assert_eq!(store.story(StoryId(ids[0].0)).expect("story"), Some(bigger.clone()), "round trip");
    assert!(store.story(StoryId(ids[2].0 + 1000)).expect("story").is_none());

    let listed: Vec<StoryId> = store
        .stories(Page { offset: 0, limit: 1000 })
        .expect("stories")
        .iter()
        .map(|s| s.id)
        .filter(|s| ids.iter().any(|a| a.0 == s.0))
        .collect();
    assert_eq!(listed, [StoryId(ids[1].0), StoryId(ids[0].0), StoryId(ids[2].0)]);
    let all = store.stories(Page { offset: 0, limit: 1000 }).expect("stories");
    let second = store.stories(Page { offset: 1, limit: 1 }).expect("stories");
    assert_eq!(second, all[1..2]);
}

pub(super) fn a_story_has_its_articles_copies_timeline_and_entities(store: &dyn Store) {
    let kyiv = || canonical(EntityKind::Loc, "geonames:703448", "Kyiv");
    let zelensky = || canonical(EntityKind::Per, "PER:volodymyr zelensky", "Volodymyr Zelensky");
    let mut first = sample("Kyiv talks", "Zelensky met envoys in Kyiv.", Some("2022-12-20T09:00:00+02:00"));
    tag(&mut first, kyiv(), &["Kyiv"]);
    tag(&mut first, zelensky(), &["Zelensky"]);
    let mut copy =
        sample("Kyiv talks (wire)", "Zelensky met envoys in Kyiv today.", Some("2022-12-21T09:00:00Z"));
    tag(&mut copy, kyiv(), &["Kyiv"]);
    // Another outlet: no site name, so its URL's host.
    copy.article.site = None;
    copy.article.url = Some("https://www.Wire.example/kyiv".into());
    let earlier = sample("Kyiv prepares", "Preparations for talks.", Some("2022-12-19T09:00:00Z"));
    let ids = insert_all(store, &[first, copy, earlier]);
    let story = StoryId(ids[0].0);
    let copy_filing = Filing { story, duplicate_of: Some(ids[0]), rewrite_of: None };
    store
        .save_filings(&[(ids[0], filed(ids[0])), (ids[1], copy_filing), (ids[2], filed(ids[0]))])
        .expect("file");

    let articles = store.story_articles(story).expect("articles");
    let order: Vec<ArticleId> = articles.iter().map(|a| a.article.id).collect();
    assert_eq!(order, [ids[2], ids[0], ids[1]], "oldest first");
    assert_eq!(articles[2].filing, copy_filing);
    assert!(store.story_articles(StoryId(ids[2].0 + 1000)).expect("articles").is_empty());

    let tally = store.story_tally(story).expect("tally").expect("a story with articles");
    assert_eq!((tally.articles, tally.outlets), (3, 2), "Example News and wire.example");
    assert_eq!(tally.first_seen.to_rfc3339(), "2022-12-19T09:00:00+00:00");
    assert_eq!(tally.last_seen.to_rfc3339(), "2022-12-21T09:00:00+00:00");
    assert_eq!(store.story_tally(StoryId(ids[2].0 + 1000)).expect("tally"), None);
    let latest: Vec<ArticleId> =
        store.story_latest(story, 10).expect("latest").iter().map(|a| a.id).collect();
    assert_eq!(latest, [ids[0], ids[2]], "newest first, copies left out");
    assert_eq!(store.story_latest(story, 1).expect("latest").len(), 1);

    let copies: Vec<ArticleId> = store.copies_of(ids[0]).expect("copies").iter().map(|a| a.id).collect();
    assert_eq!(copies, [ids[1]]);
    assert!(store.copies_of(ids[1]).expect("copies").is_empty());

    let day = |d: &str| NaiveDate::parse_from_str(d, "%Y-%m-%d").expect("day");
    let timeline = store.story_timeline(story).expect("timeline");
    assert_eq!(timeline, [(day("2022-12-19"), 1), (day("2022-12-20"), 1), (day("2022-12-21"), 1)]);
    let hour = |t: &str| DateTime::parse_from_rfc3339(t).expect("hour").to_utc();
    let hours = store.story_hours(story).expect("hours");
    assert_eq!(
        hours,
        [
            (hour("2022-12-19T09:00:00Z"), 1),
            (hour("2022-12-20T07:00:00Z"), 1),
            (hour("2022-12-21T09:00:00Z"), 1)
        ],
        "UTC hours, by publication"
    );

    let named = store.story_entities(story, 10).expect("entities");
    let names: Vec<(&str, u64)> = named.iter().map(|(e, n)| (e.entity.name.as_str(), *n)).collect();
    assert_eq!(names, [("Kyiv", 2), ("Volodymyr Zelensky", 1)]);
    assert_eq!(store.story_entities(story, 1).expect("entities").len(), 1);

    let keys = store.entity_keys(&[ids[1], ArticleId(ids[2].0 + 1000), ids[0], ids[2]]).expect("keys");
    let expected = [
        (ids[1], vec!["geonames:703448".to_owned()]),
        (ids[0], vec!["PER:volodymyr zelensky".to_owned(), "geonames:703448".to_owned()]),
        (ids[2], vec![]),
    ];
    assert_eq!(keys, expected, "stored ones in the order asked, keys sorted");
}

pub(super) fn related_stories_share_entities_and_are_close_in_time(store: &dyn Store) {
    let minsk = || canonical(EntityKind::Loc, "geonames:625144", "Minsk");
    let putin = || canonical(EntityKind::Per, "PER:vladimir putin", "Vladimir Putin");
    let lukashenko = || canonical(EntityKind::Per, "PER:alexander lukashenko", "Alexander Lukashenko");
    let article = |title: &str, published: &str, who: &[fn() -> CanonicalEntity]| {
        let mut new = sample(title, &format!("{title}: Putin, Lukashenko, Minsk."), Some(published));
        for entity in who {
            let e = entity();
            let form = e.name.rsplit(' ').next().unwrap_or_default().to_owned();
            tag(&mut new, e, &[&form]);
        }
        new
    };
    let ids = insert_all(
        store,
        &[
            article("Summit in Minsk", "2022-12-19T10:00:00Z", &[minsk, putin, lukashenko]),
            article("Putin and Lukashenko", "2022-12-22T10:00:00Z", &[putin, lukashenko]),
            article("Minsk weather", "2022-12-20T10:00:00Z", &[minsk]),
            article("Summit a year later", "2023-12-19T10:00:00Z", &[minsk, putin, lukashenko]),
            article("Unrelated", "2022-12-19T11:00:00Z", &[]),
        ],
    );
    let filings: Vec<(ArticleId, Filing)> = ids.iter().map(|&id| (id, filed(id))).collect();
    store.save_filings(&filings).expect("file");
    for (i, (&id, last)) in ids
        .iter()
        .zip([
            "2022-12-19T10:00:00Z",
            "2022-12-22T10:00:00Z",
            "2022-12-20T10:00:00Z",
            "2023-12-19T10:00:00Z",
            "2022-12-19T11:00:00Z",
        ])
        .enumerate()
    {
        let mut d = digest(id, &format!("Story {i}"), last, 1);
        d.first_seen = d.last_seen;
        store.replace_story(&d).expect("story");
    }
    let related = store.related_stories(StoryId(ids[0].0), 10).expect("related");
    let got: Vec<(StoryId, u64)> = related.iter().map(|(s, n)| (s.id, *n)).collect();
    assert_eq!(
        got,
        [(StoryId(ids[1].0), 2), (StoryId(ids[2].0), 1)],
        "most shared first; a year later is too far"
    );
    assert_eq!(related[0].0.headline, "Story 1");
    assert_eq!(store.related_stories(StoryId(ids[0].0), 1).expect("related").len(), 1);
    assert!(store.related_stories(StoryId(ids[4].0), 10).expect("related").is_empty());
    assert!(store.related_stories(StoryId(ids[4].0 + 1000), 10).expect("related").is_empty());
}
