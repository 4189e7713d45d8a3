//! Quotes: stored with their spans, speakers resolved to the person mentions they name,
//! replaced per article, and searched by speaker and words.

use super::*;

/// An article with a direct quote (speaker, cue, content in two pieces) and an indirect one
/// without a speaker or cue.
fn quoted(title: &str) -> NewArticle {
    let mut new = sample(
        title,
        &format!(
            "{title}: \u{201c}We are ready,\u{201d} Песков told reporters, \u{201c}for talks.\u{201d} Prices rose."
        ),
        None,
    );
    let text = new.article.text();
    new.quotes = vec![
        Quote {
            kind: QuoteKind::Direct,
            speaker: Some(span_of(&text, "Песков")),
            referent: None,
            speaker_entity: None,
            cue: Some(span_of(&text, "told")),
            content: vec![span_of(&text, "We are ready,"), span_of(&text, "for talks.")],
        },
        Quote {
            kind: QuoteKind::Indirect,
            speaker: None,
            referent: None,
            speaker_entity: None,
            cue: None,
            content: vec![span_of(&text, "Prices rose")],
        },
    ];
    new
}

pub(super) fn quotes_round_trip_and_bad_spans_are_dropped(store: &dyn Store) {
    let mut new = quoted("Quotes");
    let text = new.article.text();
    let kept = new.quotes.clone();
    let cyrillic = text.find('П').expect("Cyrillic");
    let inside_char = Span::new(cyrillic + 1, cyrillic + 3);
    // A bad speaker and cue are left out, a bad content piece dropped, a quote with no
    // usable content not stored at all.
    new.quotes.push(Quote {
        kind: QuoteKind::Mixed,
        speaker: Some(inside_char),
        referent: None,
        speaker_entity: Some(EntityId(7)),
        cue: Some(Span::new(4, 2)),
        content: vec![Span::new(0, 999), span_of(&text, "Prices")],
    });
    new.quotes.push(Quote {
        kind: QuoteKind::Direct,
        speaker: None,
        referent: None,
        speaker_entity: None,
        cue: None,
        content: vec![Span::new(0, 0), inside_char],
    });
    let id = insert_all(store, &[new])[0];
    let mut expected = kept;
    expected.push(Quote {
        kind: QuoteKind::Mixed,
        speaker: None,
        referent: None,
        speaker_entity: None,
        cue: None,
        content: vec![span_of(&text, "Prices")],
    });
    assert_eq!(store.article_quotes(id).expect("quotes"), expected);
    assert!(store.article_quotes(ArticleId(id.0 + 1000)).expect("quotes").is_empty());
}

pub(super) fn replacing_quotes_replaces_only_that_article(store: &dyn Store) {
    let (a, b) = (quoted("Requoted"), quoted("Unquoted"));
    let ids = insert_all(store, &[a.clone(), b.clone()]);
    let one = vec![a.quotes[1].clone()];
    store.replace_quotes(&[(ids[0], one.clone())]).expect("replace");
    store.replace_quotes(&[(ids[0], one.clone())]).expect("replace again");
    assert_eq!(store.article_quotes(ids[0]).expect("quotes"), one);
    assert_eq!(store.article_quotes(ids[1]).expect("quotes"), b.quotes, "the other article keeps its own");

    let unknown = ArticleId(ids[1].0 + 1000);
    match store.replace_quotes(&[(ids[0], Vec::new()), (unknown, Vec::new())]) {
        Err(StoreError::NoSuchArticle(id)) => assert_eq!(id, unknown),
        other => panic!("expected NoSuchArticle, got {other:?}"),
    }
    assert_eq!(store.article_quotes(ids[0]).expect("quotes"), one, "nothing committed");
}

/// A quote of `speaker` (found in `text`) saying `content`, with the cue "said".
fn said(text: &str, speaker: Option<&str>, content: &str) -> Quote {
    Quote {
        kind: QuoteKind::Indirect,
        speaker: speaker.map(|s| span_of(text, s)),
        referent: None,
        speaker_entity: None,
        cue: text.contains(" said").then(|| span_of(text, "said")),
        content: vec![span_of(text, content)],
    }
}

pub(super) fn quote_speakers_are_the_person_mentions_they_end_in(store: &dyn Store) {
    let mut new = sample(
        "Speakers",
        "Foreign ministry spokeswoman Maria Zakharova said talks were over. Zakharova's aides said nothing. \
         She said more.",
        None,
    );
    tag(&mut new, canonical(EntityKind::Per, "PER:maria zakharova", "Maria Zakharova"), &["Maria Zakharova"]);
    tag(&mut new, canonical(EntityKind::Per, "PER:maria zakharova", "Maria Zakharova"), &["Zakharova's"]);
    let text = new.article.text();
    new.quotes = vec![
        said(&text, Some("Foreign ministry spokeswoman Maria Zakharova"), "talks were over"),
        // The speaker goes on past the person: aides, not Zakharova.
        Quote { speaker: Some(span_of(&text, "Zakharova's aides")), ..said(&text, None, "nothing") },
        // "She" stands for the person named first: the rule applies to that mention.
        Quote {
            speaker: Some(span_of(&text, "She")),
            referent: Some(span_of(&text, "Maria Zakharova")),
            ..said(&text, None, "more")
        },
    ];
    // Whatever the caller says, the store decides by the rule.
    new.quotes[1].speaker_entity = Some(EntityId(9999));
    let entities = new.entities.clone();
    let id = insert_all(store, &[new])[0];
    let zakharova = entity_id_of(store, id, &text, "Maria Zakharova");
    let speakers = |store: &dyn Store| -> Vec<Option<EntityId>> {
        store.article_quotes(id).expect("quotes").iter().map(|q| q.speaker_entity).collect()
    };
    assert_eq!(speakers(store), [Some(zakharova), None, Some(zakharova)]);
    let stored = store.article_quotes(id).expect("quotes");
    assert_eq!(stored[2].referent, Some(span_of(&text, "Maria Zakharova")), "the referent is kept");

    // Read again without the person, then with it: the speakers follow the mentions.
    store.replace_entities(&[(id, ArticleEntities::default())]).expect("replace");
    assert_eq!(speakers(store), [None, None, None]);
    store.replace_entities(&[(id, entities)]).expect("replace");
    assert_eq!(speakers(store), [Some(zakharova), None, Some(zakharova)]);
    let quotes = store.article_quotes(id).expect("quotes");
    store.replace_quotes(&[(id, quotes)]).expect("replace quotes");
    assert_eq!(speakers(store), [Some(zakharova), None, Some(zakharova)]);
}

pub(super) fn quotes_are_found_by_speaker_and_words_newest_first(store: &dyn Store) {
    let article = |title: &str, body: &str, published: &str| {
        let mut new = sample(title, body, Some(published));
        tag(
            &mut new,
            canonical(EntityKind::Per, "PER:alexander lukashenko", "Alexander Lukashenko"),
            &["Lukashenko"],
        );
        new
    };
    let mut old = article(
        "Old",
        "Lukashenko said Belarus was a peaceful country. Diplomats from other countries said the war was unpopular.",
        "2021-05-01T12:00:00Z",
    );
    let text = old.article.text();
    old.quotes = vec![
        said(&text, Some("Lukashenko"), "Belarus was a peaceful country"),
        said(&text, Some("Diplomats from other countries"), "the war was unpopular"),
    ];
    let mut new = article(
        "New",
        "President Lukashenko said Belarus would never join the WAR. Minsk\u{2019}s army was ready, the general said.",
        "2023-01-10T08:00:00+03:00",
    );
    let text = new.article.text();
    new.quotes = vec![
        said(&text, Some("President Lukashenko"), "Belarus would never join the WAR"),
        said(&text, Some("the general"), "Minsk\u{2019}s army was ready"),
    ];
    let ids = insert_all(store, &[old, new]);
    let lukashenko = entity_id_of(
        store,
        ids[0],
        &store.article(ids[0]).expect("read").expect("stored").article.text(),
        "Lukashenko",
    );

    let found = |filter: QuoteFilter, page: Page| -> Vec<(ArticleId, String)> {
        store
            .quotes(&filter, page)
            .expect("quotes")
            .into_iter()
            .map(|f| {
                let text = f.article.article.text();
                let content: Vec<&str> = f.quote.content.iter().filter_map(|s| s.slice(&text)).collect();
                (f.article.id, content.join(" "))
            })
            .collect()
    };
    let all = Page { offset: 0, limit: 100 };
    let by = |speaker: SpeakerFilter, words: Option<&str>| QuoteFilter {
        speaker: Some(speaker),
        words: words.map(str::to_owned),
    };
    let name = |n: &str| SpeakerFilter::Name(n.to_owned());

    // By entity: newest article first, then in the order found.
    let luka = by(SpeakerFilter::Entity(lukashenko), None);
    assert_eq!(
        found(luka.clone(), all),
        [
            (ids[1], "Belarus would never join the WAR".into()),
            (ids[0], "Belarus was a peaceful country".into())
        ]
    );
    assert_eq!(store.quote_count(&luka).expect("count"), 2);
    assert_eq!(
        found(luka.clone(), Page { offset: 1, limit: 1 }),
        [(ids[0], "Belarus was a peaceful country".into())]
    );
    let lukashenko_quote = store.quotes(&luka, Page { offset: 0, limit: 1 }).expect("quotes");
    assert_eq!(lukashenko_quote[0].quote.speaker_entity, Some(lukashenko));
    assert_eq!(lukashenko_quote[0].article.article.title, "New");

    // By name: whole words of the speaker as written, any case, or the entity's name.
    assert_eq!(found(by(name("LUKASHENKO"), None), all).len(), 2);
    assert_eq!(
        found(by(name("president lukashenko"), None), all),
        [(ids[1], "Belarus would never join the WAR".into())]
    );
    assert_eq!(found(by(name("Alexander Lukashenko"), None), all).len(), 2, "by the entity's name");
    assert_eq!(found(by(name("diplomats"), None), all), [(ids[0], "the war was unpopular".into())]);
    assert!(found(by(name("Lukash"), None), all).len() == 2, "part of the entity's name");
    assert!(found(by(name("diplomat"), None), all).is_empty(), "a speaker's words are whole words");
    assert!(found(by(name("from diplomats"), None), all).is_empty(), "in order");
    assert_eq!(found(by(name("General"), None), all), [(ids[1], "Minsk\u{2019}s army was ready".into())]);

    // By words of the content: all of them, whole words, any order and case.
    let words = |w: &str| QuoteFilter { speaker: None, words: Some(w.to_owned()) };
    assert_eq!(found(words("war belarus"), all), [(ids[1], "Belarus would never join the WAR".into())]);
    assert_eq!(store.quote_count(&words("War")).expect("count"), 2);
    assert_eq!(found(words("minsk s"), all).len(), 1, "an apostrophe splits words");
    assert!(found(words("wa"), all).is_empty());
    assert!(found(words("belarus peaceful unpopular"), all).is_empty());
    assert_eq!(found(by(name("diplomats"), Some("war")), all).len(), 1, "both filters");
    assert!(found(by(SpeakerFilter::Entity(lukashenko), Some("unpopular")), all).is_empty());
    assert!(found(by(SpeakerFilter::Entity(EntityId(lukashenko.0 + 1000)), None), all).is_empty());
    // Punctuation only: no words, so no restriction by words.
    assert_eq!(store.quote_count(&by(SpeakerFilter::Entity(lukashenko), Some("?!"))).expect("count"), 2);
    assert!(found(by(name("%"), None), all).is_empty(), "LIKE wildcards are plain text");
}
