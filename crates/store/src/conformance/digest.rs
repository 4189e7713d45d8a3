//! The daily digest's reads: the stories of one UTC day ranked by that day's articles and
//! outlets, and a story's quotes (copies left out, a day's only, named speakers first).

use super::*;
use crate::{DayStory, Filing, StoriesOn, StoryDigest};
use newsgraph_model::StoryId;

/// The day the checks fill; no other check stores articles on it or the days around it.
const DAY: &str = "2019-04-10";

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("test day")
}

/// An article from `site` published at `published` (or undated, imported at `imported`), with
/// two quotes: Putin's (a person mention, so resolved) and the officials' (nobody).
fn quoted(title: &str, site: &str, published: Option<&str>, imported: Option<&str>) -> NewArticle {
    let body = format!("{title}: Putin said the talks were useful. Officials said more talks would follow.");
    let mut new = sample(title, &body, published);
    new.article.site = Some(site.to_owned());
    if let Some(imported) = imported {
        new.imported_at = DateTime::parse_from_rfc3339(imported).expect("test time").with_timezone(&Utc);
    }
    tag(&mut new, canonical(EntityKind::Per, "PER:vladimir putin", "Vladimir Putin"), &["Putin"]);
    let text = new.article.text();
    let said = |speaker: &str, content: &str| Quote {
        kind: QuoteKind::Indirect,
        speaker: Some(span_of(&text, speaker)),
        referent: None,
        speaker_entity: None,
        cue: Some(span_of(&text, "said")),
        content: vec![span_of(&text, content)],
    };
    new.quotes = vec![said("Officials", "more talks would follow"), said("Putin", "the talks were useful")];
    new
}

fn at(title: &str, site: &str, published: &str) -> NewArticle {
    quoted(title, site, Some(published), None)
}

/// Files the articles in the story of the first, each `(copy, of)` of `copies` as a copy, and
/// (when `digest`) stores the story's digest counting `overall` articles.
fn file(store: &dyn Store, ids: &[ArticleId], copies: &[(usize, usize)], overall: u64, digest: bool) {
    let story = StoryId(ids[0].0);
    let filings: Vec<(ArticleId, Filing)> = ids
        .iter()
        .enumerate()
        .map(|(i, &id)| {
            let copy_of = copies.iter().find(|(c, _)| *c == i).map(|(_, of)| ids[*of]);
            (id, Filing { story, duplicate_of: copy_of, rewrite_of: None })
        })
        .collect();
    store.save_filings(&filings).expect("file");
    if digest {
        let time = DateTime::parse_from_rfc3339("2019-04-10T12:00:00Z").expect("time").with_timezone(&Utc);
        store
            .replace_story(&StoryDigest {
                id: story,
                headline: format!("Story {}", ids[0].0),
                headline_article: Some(ids[0]),
                summary: vec!["It happened.".into()],
                first_seen: time,
                last_seen: time,
                articles: overall,
                outlets: 1,
            })
            .expect("digest");
    }
}

fn listed(store: &dyn Store, on: &str, limit: u64) -> Vec<(StoryId, u64, u64)> {
    let found = store.stories_on(&StoriesOn { day: day(on), limit }).expect("stories on");
    found.iter().map(|s: &DayStory| (s.digest.id, s.articles, s.outlets)).collect()
}

pub(super) fn a_days_stories_are_ranked_by_that_days_articles_and_outlets(store: &dyn Store) {
    // A: three articles that day from two outlets (a copy among them), one the day before.
    let a = insert_all(
        store,
        &[
            at("Digest A1", "One", "2019-04-10T08:00:00Z"),
            at("Digest A2", "Two", "2019-04-10T09:00:00Z"),
            at("Digest A3", "One", "2019-04-10T10:00:00+02:00"),
            at("Digest A4", "Three", "2019-04-09T22:00:00Z"),
        ],
    );
    file(store, &a, &[(2, 0)], 4, true);
    // B: three articles that day from three outlets: ahead of A.
    let b = insert_all(
        store,
        &[
            at("Digest B1", "One", "2019-04-10T01:00:00Z"),
            at("Digest B2", "Two", "2019-04-10T02:00:00Z"),
            at("Digest B3", "Three", "2019-04-10T03:00:00Z"),
        ],
    );
    file(store, &b, &[], 3, true);
    // C: the last second of the day and an undated article imported that day count; the next
    // day's first second does not, nor a time whose own date is the day but whose UTC is not.
    let c = insert_all(
        store,
        &[
            at("Digest C1", "One", "2019-04-10T23:59:59Z"),
            at("Digest C2", "One", "2019-04-11T00:00:00Z"),
            at("Digest C3", "One", "2019-04-10T23:30:00-02:00"),
            quoted("Digest C4", "Two", None, Some("2019-04-10T12:00:00Z")),
        ],
    );
    file(store, &c, &[], 4, true);
    // H: as many articles and outlets that day as C, fewer overall: after C.
    let h = insert_all(
        store,
        &[at("Digest H1", "One", "2019-04-10T05:00:00Z"), at("Digest H2", "Two", "2019-04-10T06:00:00Z")],
    );
    file(store, &h, &[], 2, true);
    // Articles of the day in a story without a digest yet, and unfiled ones, are not listed.
    let f = insert_all(store, &[at("Digest F1", "One", "2019-04-10T07:00:00Z")]);
    file(store, &f, &[], 1, false);
    insert_all(store, &[at("Digest U1", "One", "2019-04-10T07:30:00Z")]);

    let story = |ids: &[ArticleId]| StoryId(ids[0].0);
    assert_eq!(
        listed(store, DAY, 10),
        [(story(&b), 3, 3), (story(&a), 3, 2), (story(&c), 2, 2), (story(&h), 2, 2)],
        "the day's articles, then its outlets, then all articles"
    );
    assert_eq!(listed(store, DAY, 2), [(story(&b), 3, 3), (story(&a), 3, 2)]);
    let next: Vec<StoryId> = listed(store, "2019-04-11", 10).iter().map(|s| s.0).collect();
    assert_eq!(next, [story(&c)], "C2 and C3 are the next day's");
    assert_eq!(listed(store, "2019-04-09", 10), [(story(&a), 1, 1)]);
    assert!(listed(store, "2019-04-20", 10).is_empty(), "a day without articles has no stories");
    assert!(store.stories_on(&StoriesOn { day: NaiveDate::MAX, limit: 10 }).expect("last day").is_empty());
    let found = store.stories_on(&StoriesOn { day: day(DAY), limit: 1 }).expect("stories on");
    assert_eq!(found[0].digest, store.story(story(&b)).expect("story").expect("digest"), "the digest");

    // A's quotes that day: not the copy's, not the day before's; Putin's (resolved) first,
    // the newest article first, then the order found.
    let quotes = |on: Option<&str>, limit: u64| -> Vec<(ArticleId, String)> {
        let found = store.story_quotes(story(&a), on.map(day), limit).expect("story quotes");
        found
            .iter()
            .map(|f| {
                let text = f.article.article.text();
                let speaker = f.quote.speaker.and_then(|s| s.slice(&text)).unwrap_or_default();
                assert_eq!(f.quote.speaker_entity.is_some(), speaker == "Putin", "{speaker}");
                (f.article.id, speaker.to_owned())
            })
            .collect()
    };
    let said = |id: ArticleId, who: &str| (id, who.to_owned());
    assert_eq!(
        quotes(Some(DAY), 10),
        [said(a[1], "Putin"), said(a[0], "Putin"), said(a[1], "Officials"), said(a[0], "Officials")]
    );
    assert_eq!(quotes(Some(DAY), 1), [said(a[1], "Putin")]);
    assert_eq!(quotes(Some("2019-04-09"), 10), [said(a[3], "Putin"), said(a[3], "Officials")]);
    assert_eq!(quotes(None, 10).len(), 6, "every day's, the copy's left out");
    assert!(quotes(Some("2019-04-20"), 10).is_empty());
    assert!(store.story_quotes(StoryId(a[0].0 + 1000), None, 10).expect("no such story").is_empty());
}
