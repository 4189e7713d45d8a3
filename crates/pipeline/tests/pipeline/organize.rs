//! Import files articles in stories: two outlets covering one event share a story, a near copy
//! is marked as a copy of what it copies, an unrelated article opens its own story, and a later
//! import (a fresh organizer restored from the store) adds to the same story.

use newsgraph_model::{ArticleId, StoredArticle, StoryId};
use newsgraph_pipeline::{Engine, ImportInput, ImportOptions, import};
use newsgraph_store::{Page, Store};

const MINSK_BODY: &str = "Russian President Vladimir Putin arrived in Minsk on Monday for talks with Belarusian \
President Alexander Lukashenko about military cooperation and gas prices. The two leaders discussed joint \
military exercises and the supply of Russian gas to Belarus. Putin said the talks in Minsk were useful and \
that Russia and Belarus would deepen their alliance. Lukashenko said Belarus would buy more Russian weapons.";

fn line(url: &str, site: &str, title: &str, published: &str, text: &str) -> String {
    serde_json::json!({ "url": url, "site": site, "title": title, "published": published, "text": text })
        .to_string()
}

fn first_import() -> Vec<String> {
    vec![
        line(
            "https://one.example/minsk",
            "Daily One",
            "Putin holds talks with Lukashenko in Minsk",
            "2022-12-19T10:00:00Z",
            MINSK_BODY,
        ),
        line(
            "https://two.example/putin-lukashenko",
            "Second Post",
            "Putin and Lukashenko discuss military cooperation in Minsk",
            "2022-12-19T14:00:00Z",
            "Vladimir Putin met Alexander Lukashenko in Minsk on Monday. The Russian and Belarusian presidents \
discussed military cooperation, joint exercises and Russian gas prices for Belarus. Lukashenko said Belarus \
wanted more Russian weapons, and Putin called the talks in Minsk useful for the alliance of Russia and Belarus.",
        ),
        line(
            "https://wire.example/minsk-copy",
            "Wire Service",
            "Putin in Minsk",
            "2022-12-19T15:00:00Z",
            &format!("{MINSK_BODY} Copyright Wire Service, all rights reserved."),
        ),
        line(
            "https://three.example/quake",
            "Third Times",
            "Earthquake shakes northern Chile",
            "2022-12-19T12:00:00Z",
            "A strong earthquake of magnitude 6.8 struck northern Chile near Antofagasta on Monday, damaging \
houses and cutting power to thousands of homes. No deaths were reported, the national emergency office said. \
Copper mines in the region halted work to check for damage.",
        ),
    ]
}

fn imported(
    engine: &Engine,
    dir: &std::path::Path,
    name: &str,
    lines: &[String],
) -> newsgraph_pipeline::ImportSummary {
    let corpus = dir.join(name);
    std::fs::write(&corpus, lines.join("\n")).expect("write");
    let summary =
        import(engine, &[ImportInput::Path(corpus)], &ImportOptions::default(), &mut |_| {}).expect("import");
    assert!(summary.failed.is_empty(), "{summary:?}");
    summary
}

fn by_url(store: &dyn Store, url: &str) -> StoredArticle {
    let all = store.articles_after(ArticleId(0), 100).expect("articles");
    all.into_iter().find(|a| a.article.url.as_deref() == Some(url)).unwrap_or_else(|| panic!("no {url}"))
}

#[test]
fn import_files_articles_in_stories_with_copies() {
    let dir = tempfile::tempdir().expect("tempdir");
    let engine = Engine::open(&dir.path().join("data")).expect("open");
    let summary = imported(&engine, dir.path(), "first.jsonl", &first_import());
    assert_eq!((summary.imported, summary.filed, summary.copies), (4, 4, 1), "{summary:?}");
    let store = engine.store.as_ref();

    let one = by_url(store, "https://one.example/minsk");
    let two = by_url(store, "https://two.example/putin-lukashenko");
    let copy = by_url(store, "https://wire.example/minsk-copy");
    let quake = by_url(store, "https://three.example/quake");
    let filing = |a: &StoredArticle| store.filing(a.id).expect("filing").expect("filed");
    let minsk = StoryId(one.id.0);
    assert_eq!(filing(&one).story, minsk, "a story is named by its first article");
    assert_eq!(filing(&two).story, minsk, "two outlets, one event");
    assert_eq!((filing(&two).duplicate_of, filing(&copy).duplicate_of), (None, Some(one.id)));
    assert_eq!(filing(&copy).story, minsk, "a copy goes where its canonical article went");
    assert_eq!(filing(&quake).story, StoryId(quake.id.0), "unrelated: a story of its own");
    let copies: Vec<ArticleId> = store.copies_of(one.id).expect("copies").iter().map(|a| a.id).collect();
    assert_eq!(copies, [copy.id]);

    assert_eq!(store.story_count().expect("count"), 2);
    let stories = store.stories(Page { offset: 0, limit: 10 }).expect("stories");
    assert_eq!(stories[0].id, minsk, "the larger story first on the same day");
    let digest = &stories[0];
    assert_eq!((digest.articles, digest.outlets), (3, 3));
    assert!(digest.headline.contains("Minsk"), "{digest:?}");
    assert!(
        digest.headline_article.is_some_and(|a| a == one.id || a == two.id),
        "never the copy: {digest:?}"
    );
    assert!(!digest.summary.is_empty() && digest.summary.len() <= 3, "{digest:?}");
    assert!(!digest.summary.iter().any(|s| s.contains("Copyright")), "copies are not summed up: {digest:?}");
    assert_eq!(digest.first_seen.to_rfc3339(), "2022-12-19T10:00:00+00:00");
    assert_eq!(digest.last_seen.to_rfc3339(), "2022-12-19T15:00:00+00:00");
    assert_eq!(stories[1].headline, "Earthquake shakes northern Chile");
    assert_eq!(stories[1].articles, 1);
    drop(engine);

    // A new process: the organizer is restored from the store, and later coverage joins.
    let engine = Engine::open(&dir.path().join("data")).expect("open again");
    let later = line(
        "https://four.example/minsk-day-two",
        "Fourth Wire",
        "Putin and Lukashenko end Minsk talks on military cooperation",
        "2022-12-20T09:00:00Z",
        "Vladimir Putin left Minsk on Tuesday after talks with Alexander Lukashenko on military cooperation, \
joint exercises and Russian gas for Belarus. Lukashenko said the alliance of Russia and Belarus was stronger \
and that Belarus would buy Russian weapons.",
    );
    let summary = imported(&engine, dir.path(), "second.jsonl", &[later]);
    assert_eq!((summary.imported, summary.filed), (1, 1), "{summary:?}");
    let four = by_url(engine.store.as_ref(), "https://four.example/minsk-day-two");
    assert_eq!(engine.store.filing(four.id).expect("filing").map(|f| f.story), Some(minsk));
    let digest = engine.store.story(minsk).expect("story").expect("stored");
    assert_eq!((digest.articles, digest.outlets), (4, 4));
    assert_eq!(digest.last_seen.to_rfc3339(), "2022-12-20T09:00:00+00:00");
    assert_eq!(engine.store.story_count().expect("count"), 2);
}

/// Articles stored before stories existed (or by a run killed before filing them) are filed at
/// the start of the next import, even one that brings nothing new.
#[test]
fn import_files_what_an_older_version_stored() {
    use newsgraph_store::conformance::sample;
    let dir = tempfile::tempdir().expect("tempdir");
    let engine = Engine::open(dir.path()).expect("open");
    let old = [
        sample(
            "Flood in Jakarta",
            "Heavy rain flooded the streets of Jakarta on Monday.",
            Some("2022-12-19T10:00:00Z"),
        ),
        sample(
            "Election in Peru",
            "Peru holds a presidential election on Sunday after months of protests.",
            None,
        ),
    ];
    engine.store.insert_batch(&old).expect("insert");
    assert_eq!(engine.store.unfiled_articles(ArticleId(0), 10).expect("unfiled").len(), 2);
    let summary = import(&engine, &[], &ImportOptions::default(), &mut |_| {}).expect("import");
    assert_eq!((summary.imported, summary.filed), (0, 2), "{summary:?}");
    assert!(engine.store.unfiled_articles(ArticleId(0), 10).expect("unfiled").is_empty());
    let headlines: Vec<String> = engine
        .store
        .stories(Page { offset: 0, limit: 10 })
        .expect("stories")
        .into_iter()
        .map(|s| s.headline)
        .collect();
    assert_eq!(headlines.len(), 2);
    assert!(headlines.contains(&"Flood in Jakarta".to_owned()), "{headlines:?}");
}

/// A corpus listed newest first is filed in publication order: the first published of two
/// copies is the canonical one and names the story.
#[test]
fn a_corpus_listed_newest_first_is_filed_oldest_first() {
    let dir = tempfile::tempdir().expect("tempdir");
    let engine = Engine::open(&dir.path().join("data")).expect("open");
    let mut lines = first_import();
    lines.reverse();
    let summary = imported(&engine, dir.path(), "newest-first.jsonl", &lines);
    assert_eq!((summary.filed, summary.copies), (4, 1), "{summary:?}");
    let store = engine.store.as_ref();
    let one = by_url(store, "https://one.example/minsk");
    let copy = by_url(store, "https://wire.example/minsk-copy");
    assert!(copy.id < one.id, "the copy was stored first");
    let filing = store.filing(copy.id).expect("filing").expect("filed");
    assert_eq!(filing.duplicate_of, Some(one.id), "the earlier published is canonical");
    assert_eq!(filing.story, StoryId(one.id.0));
}
