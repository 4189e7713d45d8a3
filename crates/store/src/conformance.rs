//! The behaviour every [`Store`] implementation must show. Each implementation's tests call
//! [`run`] on a fresh, empty store.

use chrono::{DateTime, NaiveDate, Utc};
use newsgraph_model::{
    Amount, Article, ArticleEntities, ArticleId, CanonicalEntity, EntityId, EntityKind, GeoPoint, PageType,
    ParagraphKind, Quote, QuoteKind, RelatedHeadline, ResolvedMention, Source, SourceKind, Span,
    TimeGranularity, TimeRef,
};

use crate::{
    EntityFilter, EntityStats, InsertOutcome, NewArticle, Page, QuoteFilter, SpeakerFilter, Store, StoreError,
};

/// Runs every check; panics (this is test support) with the name of the first that fails.
pub fn run(store: &dyn Store) {
    assert_eq!(store.count().expect("count"), 0, "conformance needs an empty store");
    stores_and_reads_back(store);
    same_content_is_stored_once(store);
    same_url_is_stored_once(store);
    latest_is_newest_first(store);
    articles_after_pages_by_id(store);
    entities_are_shared_by_key(store);
    unusable_mentions_are_dropped(store);
    entities_are_listed_most_mentioned_first(store);
    entity_articles_are_newest_first_and_counted_by_day(store);
    co_occurring_entities_count_shared_articles(store);
    roles_are_counted_per_entity(store);
    replacing_entities_moves_mentions_and_counters(store);
    replacing_twice_changes_nothing(store);
    replacing_with_none_and_back_keeps_entity_ids(store);
    replacing_one_article_twice_in_a_batch_keeps_the_last(store);
    replacing_an_unknown_article_fails_the_whole_batch(store);
    figures_round_trip_in_text_order(store);
    unusable_figures_are_dropped(store);
    replacing_figures_replaces_only_that_article(store);
    quotes_round_trip_and_bad_spans_are_dropped(store);
    replacing_quotes_replaces_only_that_article(store);
    quote_speakers_are_the_person_mentions_they_end_in(store);
    quotes_are_found_by_speaker_and_words_newest_first(store);
}

pub fn sample(title: &str, body: &str, published: Option<&str>) -> NewArticle {
    NewArticle {
        article: Article {
            url: None,
            title: title.to_owned(),
            title_inferred: false,
            authors: vec!["Jane Doe".into()],
            published: published.map(|p| DateTime::parse_from_rfc3339(p).expect("test date")),
            language: Some("en".into()),
            site: Some("Example News".into()),
            paragraphs: vec![body.to_owned(), "Second paragraph.".into()],
            paragraph_kinds: vec![ParagraphKind::Text, ParagraphKind::Heading(3)],
            related_headlines: vec![RelatedHeadline { title: "Another story".into(), url: None }],
            boilerplate: vec!["Follow us".into()],
            updated: published
                .map(|_| DateTime::parse_from_rfc3339("2023-02-03T04:05:06-05:00").expect("test date")),
            description: Some(format!("What {title} is about.")),
            lead_image: Some("https://news.example/lead.jpg".into()),
            page_type: PageType::Listing,
        },
        source: Source { kind: SourceKind::File, location: format!("{title}.txt") },
        fetched_at: None,
        imported_at: DateTime::<Utc>::from_timestamp(1_700_000_000, 0).expect("test time"),
        entities: ArticleEntities::default(),
        amounts: Vec::new(),
        times: Vec::new(),
        quotes: Vec::new(),
    }
}

/// An entity as a tagger hands it over: no aliases, location or country.
pub fn canonical(kind: EntityKind, key: &str, name: &str) -> CanonicalEntity {
    CanonicalEntity {
        kind,
        key: key.to_owned(),
        name: name.to_owned(),
        aliases: Vec::new(),
        location: None,
        country: None,
    }
}

/// Adds `entity` to the article with a mention at every occurrence of each of `forms` in its
/// text (forms in the order given, so mentions are not necessarily in text order).
pub fn tag(new: &mut NewArticle, entity: CanonicalEntity, forms: &[&str]) {
    let index = new.entities.entities.len();
    let text = new.article.text();
    for form in forms {
        for (start, _) in text.match_indices(form) {
            new.entities.mentions.push(ResolvedMention {
                span: Span::new(start, start + form.len()),
                kind: entity.kind,
                entity: index,
                role: None,
            });
        }
    }
    new.entities.entities.push(entity);
}

fn inserted(outcome: InsertOutcome) -> ArticleId {
    match outcome {
        InsertOutcome::Inserted(id) => id,
        other => panic!("expected a new article, got {other:?}"),
    }
}

fn stores_and_reads_back(store: &dyn Store) {
    let new = sample("Round trip", "Putin went to Minsk.", Some("2022-12-19T10:30:00+03:00"));
    let id = inserted(store.insert_batch(std::slice::from_ref(&new)).expect("insert")[0]);
    let back = store.article(id).expect("read").expect("present");
    assert_eq!(back.article, new.article, "round trip keeps every field, offset included");
    assert_eq!(back.source, new.source);
    assert_eq!(back.imported_at, new.imported_at);
    assert_eq!(back.content_hash, new.article.content_hash());
    assert!(store.article(ArticleId(id.0 + 1000)).expect("read").is_none());
}

fn same_content_is_stored_once(store: &dyn Store) {
    let before = store.count().expect("count");
    let a = sample("Twice", "The same body twice.", None);
    let mut b = a.clone();
    b.article.paragraphs = vec!["the SAME body  twice. second paragraph.".into()];
    let outcomes = store.insert_batch(&[a, b]).expect("insert");
    let id = inserted(outcomes[0]);
    assert_eq!(outcomes[1], InsertOutcome::AlreadyPresent(id), "within one batch");
    let again = store.insert_batch(&[sample("Twice", "The same body twice.", None)]).expect("insert");
    assert_eq!(again[0], InsertOutcome::AlreadyPresent(id), "across batches");
    assert_eq!(store.count().expect("count"), before + 1);
}

fn same_url_is_stored_once(store: &dyn Store) {
    let mut a = sample("Url", "First version.", None);
    a.article.url = Some("https://news.example/a".into());
    let id = inserted(store.insert_batch(std::slice::from_ref(&a)).expect("insert")[0]);
    a.article.paragraphs = vec!["Edited version.".into()];
    assert_eq!(store.insert_batch(&[a]).expect("insert")[0], InsertOutcome::AlreadyPresent(id));
}

fn latest_is_newest_first(store: &dyn Store) {
    let mut undated = sample("Undated", "Undated news.", None);
    undated.imported_at = DateTime::<Utc>::from_timestamp(1_500_000_000, 0).expect("2017"); // between the two
    let batch = [
        sample("Old", "Old news.", Some("2001-01-01T00:00:00Z")),
        sample("New", "New news.", Some("2030-01-01T00:00:00Z")),
        undated,
    ];
    store.insert_batch(&batch).expect("insert");
    let latest = store.latest(Page { offset: 0, limit: 100 }).expect("latest");
    let titles: Vec<&str> = latest.iter().map(|a| a.article.title.as_str()).collect();
    let position = |t: &str| titles.iter().position(|x| *x == t).expect("listed");
    assert_eq!(position("New"), 0);
    assert!(position("Undated") < position("Old"), "undated articles sort by import time: {titles:?}");
    let second_page = store.latest(Page { offset: 1, limit: 1 }).expect("latest");
    assert_eq!(second_page.len(), 1);
    assert_eq!(second_page[0].id, latest[1].id);
}

fn articles_after_pages_by_id(store: &dyn Store) {
    let total = store.count().expect("count");
    let mut seen = Vec::new();
    let mut after = ArticleId(0);
    loop {
        let page = store.articles_after(after, 2).expect("page");
        let Some(last) = page.last() else { break };
        after = last.id;
        seen.extend(page.iter().map(|a| a.id));
    }
    assert_eq!(seen.len() as u64, total);
    assert!(seen.windows(2).all(|w| w[0] < w[1]), "ascending ids");
}

fn insert_all(store: &dyn Store, batch: &[NewArticle]) -> Vec<ArticleId> {
    store.insert_batch(batch).expect("insert").into_iter().map(inserted).collect()
}

/// The id the store gave the entity named in the article's first mention of it.
fn entity_id_of(store: &dyn Store, article: ArticleId, text: &str, form: &str) -> EntityId {
    let mentions = store.article_mentions(article).expect("mentions");
    let mention = mentions
        .iter()
        .find(|m| m.span.slice(text) == Some(form))
        .unwrap_or_else(|| panic!("no mention of {form:?}: {mentions:?}"));
    mention.entity.expect("resolved")
}

fn entities_are_shared_by_key(store: &dyn Store) {
    let mut kyiv =
        sample("Kyiv talks", "Talks in Kyiv ended. Zelensky left Kyiv.", Some("2022-03-01T10:00:00Z"));
    tag(&mut kyiv, canonical(EntityKind::Loc, "geonames:703448", "Kyiv"), &["Kyiv"]);
    tag(&mut kyiv, canonical(EntityKind::Per, "PER:volodymyr zelensky", "Volodymyr Zelensky"), &["Zelensky"]);
    let mut kiev =
        sample("Kiev talks", "Officials in Kiev met. Zelensky spoke.", Some("2022-03-02T10:00:00Z"));
    let mut place = canonical(EntityKind::Loc, "geonames:703448", "Kiev");
    place.aliases = vec!["Kyiv".into(), "Kiev".into()];
    place.location = Some(GeoPoint { lat: 50.45, lon: 30.52 });
    place.country = Some("UA".into());
    tag(&mut kiev, place, &["Kiev"]);
    let mut person = canonical(EntityKind::Per, "PER:volodymyr zelensky", "Volodymyr Zelensky");
    person.aliases = vec!["Zelensky".into()];
    tag(&mut kiev, person, &["Zelensky"]);
    let ids = insert_all(store, &[kyiv.clone(), kiev.clone()]);

    let text = kyiv.article.text();
    let mentions = store.article_mentions(ids[0]).expect("mentions");
    let forms: Vec<_> = mentions.iter().map(|m| m.span.slice(&text).expect("on boundaries")).collect();
    assert_eq!(forms, ["Kyiv", "Zelensky", "Kyiv"], "mentions in text order");
    assert_eq!(mentions[0].kind, EntityKind::Loc);
    assert_eq!(mentions[0].entity, mentions[2].entity);
    let place = entity_id_of(store, ids[0], &text, "Kyiv");
    assert_eq!(entity_id_of(store, ids[1], &kiev.article.text(), "Kiev"), place, "one key, one entity");

    let stats = store.entity(place).expect("entity").expect("present");
    assert_eq!(stats.entity.name, "Kyiv", "the first name stored is kept");
    assert_eq!(stats.entity.kind, EntityKind::Loc);
    assert_eq!(stats.entity.aliases, ["Kiev"], "other names merged, the stored name not repeated");
    assert_eq!(stats.entity.location, Some(GeoPoint { lat: 50.45, lon: 30.52 }), "filled in later");
    assert_eq!(stats.entity.country.as_deref(), Some("UA"));
    assert_eq!((stats.mentions, stats.articles), (3, 2));
    let person = entity_id_of(store, ids[1], &kiev.article.text(), "Zelensky");
    assert_eq!(store.entity(person).expect("entity").map(|s| (s.mentions, s.articles)), Some((2, 2)));

    let again = store.insert_batch(&[kiev]).expect("insert");
    assert_eq!(again[0], InsertOutcome::AlreadyPresent(ids[1]));
    let unchanged = store.entity(place).expect("entity").expect("present");
    assert_eq!((unchanged.mentions, unchanged.articles), (3, 2), "a duplicate is not counted");
    assert!(store.entity(EntityId(place.0 + 1000)).expect("entity").is_none());
    assert!(store.article_mentions(ArticleId(ids[1].0 + 1000)).expect("mentions").is_empty());
}

fn unusable_mentions_are_dropped(store: &dyn Store) {
    let mut new = sample("Spokesman", "Peskov – Песков spoke. Peskov again.", None);
    let text = new.article.text();
    tag(&mut new, canonical(EntityKind::Per, "PER:dmitry peskov", "Dmitry Peskov"), &["Peskov", "Песков"]);
    // A second entry with the same key: the article still counts once.
    tag(&mut new, canonical(EntityKind::Per, "PER:dmitry peskov", "Peskov"), &[]);
    tag(&mut new, canonical(EntityKind::Org, " ", "No key"), &[]);
    let good = new.entities.mentions.len();
    new.entities.mentions[0].role = Some("  Kremlin spokesman ".into());
    let dash = text.find('–').expect("dash");
    let bad = [(dash, dash + 1, 0), (4, 2, 0), (0, 0, 0), (0, text.len() + 1, 0), (0, 6, 9), (0, 6, 2)];
    for (start, end, entity) in bad {
        new.entities.mentions.push(ResolvedMention {
            span: Span::new(start, end),
            kind: EntityKind::Per,
            entity,
            role: None,
        });
    }
    new.entities.mentions.push(ResolvedMention {
        span: Span::new(0, 6),
        kind: EntityKind::Per,
        entity: 1,
        role: Some("   ".into()),
    });
    let id = insert_all(store, &[new])[0];

    let mentions = store.article_mentions(id).expect("mentions");
    assert_eq!(mentions.len(), good + 1, "only the bad ones dropped: {mentions:?}");
    let forms: Vec<_> = mentions.iter().map(|m| m.span.slice(&text).expect("on boundaries")).collect();
    assert_eq!(forms, ["Peskov", "Peskov", "Песков", "Peskov"]);
    let roles: Vec<_> = mentions.iter().map(|m| m.role.as_deref()).collect();
    assert!(roles.contains(&Some("Kremlin spokesman")), "role trimmed: {roles:?}");
    assert_eq!(roles.iter().filter(|r| r.is_some()).count(), 1, "a blank role is none: {roles:?}");
    let entity = mentions[0].entity.expect("resolved");
    assert!(mentions.iter().all(|m| m.entity == Some(entity)), "one key, one entity");
    let stats = store.entity(entity).expect("entity").expect("present");
    assert_eq!((stats.mentions, stats.articles), (4, 1));
    assert_eq!(stats.entity.aliases, ["Peskov"], "the second entry's name is another form");
}

fn roles_are_counted_per_entity(store: &dyn Store) {
    let mut batch = Vec::new();
    for (title, roles) in
        [("Roles one", ["Kremlin spokesman", "spokesman"]), ("Roles two", ["Kremlin spokesman", ""])]
    {
        let mut new = sample(title, &format!("{title}: Ivanov said, and Ivanov added."), None);
        tag(&mut new, canonical(EntityKind::Per, "PER:roles ivanov", "Ivanov"), &["Ivanov"]);
        for (mention, role) in new.entities.mentions.iter_mut().zip(roles) {
            mention.role = (!role.is_empty()).then(|| role.to_string());
        }
        batch.push(new);
    }
    let ids = insert_all(store, &batch);
    let text = batch[0].article.text();
    let ivanov = entity_id_of(store, ids[0], &text, "Ivanov");
    let roles = store.entity_roles(ivanov, 10).expect("roles");
    assert_eq!(roles, [("Kremlin spokesman".to_string(), 2), ("spokesman".to_string(), 1)]);
    assert_eq!(store.entity_roles(ivanov, 1).expect("roles").len(), 1, "limited");
    assert!(store.entity_roles(EntityId(i64::MAX), 10).expect("roles").is_empty());
}

fn entities_are_listed_most_mentioned_first(store: &dyn Store) {
    let mut a = sample("Zorg one", "Zorgcorp and Zorg Smith met in Zorgland. Zorgcorp grew.", None);
    tag(&mut a, canonical(EntityKind::Org, "ORG:zorgcorp", "Zorgcorp"), &["Zorgcorp"]);
    tag(&mut a, canonical(EntityKind::Per, "PER:zorg smith", "Zorg Smith"), &["Zorg Smith"]);
    let mut land = canonical(EntityKind::Loc, "geonames:1", "Zorgland");
    land.aliases = vec!["Zorgia".into()];
    tag(&mut a, land, &["Zorgland"]);
    let mut b = sample("Zorg two", "Zorgcorp left. Zorg Smith stayed.", None);
    tag(&mut b, canonical(EntityKind::Org, "ORG:zorgcorp", "Zorgcorp"), &["Zorgcorp"]);
    tag(&mut b, canonical(EntityKind::Per, "PER:zorg smith", "Zorg Smith"), &["Zorg Smith"]);
    insert_all(store, &[a, b]);

    let list = |kind: Option<EntityKind>, query: &str, offset: u64, limit: u64| {
        let filter = EntityFilter { kind, query: Some(query.to_owned()) };
        let found = store.entities(&filter, Page { offset, limit }).expect("entities");
        let names: Vec<String> = found.iter().map(|s| s.entity.name.clone()).collect();
        (names, store.entity_count(&filter).expect("count"))
    };
    assert_eq!(
        list(None, "zorg", 0, 10),
        (vec!["Zorgcorp".into(), "Zorg Smith".into(), "Zorgland".into()], 3)
    );
    assert_eq!(list(None, "zorg", 1, 1), (vec!["Zorg Smith".into()], 3), "paged");
    assert_eq!(list(Some(EntityKind::Org), "zorg", 0, 10), (vec!["Zorgcorp".into()], 1));
    assert_eq!(list(None, " ZORGIA ", 0, 10), (vec!["Zorgland".into()], 1), "aliases, any case");
    assert_eq!(list(None, "%", 0, 10), (vec![], 0), "LIKE wildcards are literal");
    assert_eq!(list(None, "zorg_", 0, 10), (vec![], 0), "LIKE wildcards are literal");

    let all = store.entities(&EntityFilter::default(), Page { offset: 0, limit: 1000 }).expect("all");
    assert_eq!(all.len() as u64, store.entity_count(&EntityFilter::default()).expect("count"));
    assert!(all.windows(2).all(|w| w[0].mentions >= w[1].mentions), "most mentioned first");
    let places = store.entities(
        &EntityFilter { kind: Some(EntityKind::Loc), query: None },
        Page { offset: 0, limit: 1000 },
    );
    assert!(places.expect("places").iter().all(|s| s.entity.kind == EntityKind::Loc));
}

fn entity_articles_are_newest_first_and_counted_by_day(store: &dyn Store) {
    let key = "ORG:timeline test";
    let mut late_evening =
        sample("Evening", "Timelinecorp news late. Timelinecorp again.", Some("2021-06-01T23:30:00-05:00"));
    tag(&mut late_evening, canonical(EntityKind::Org, key, "Timelinecorp"), &["Timelinecorp"]);
    let mut newer = sample("Newer", "Timelinecorp news newer.", Some("2021-06-03T08:00:00Z"));
    tag(&mut newer, canonical(EntityKind::Org, key, "Timelinecorp"), &["Timelinecorp"]);
    let mut undated = sample("Undated timeline", "Timelinecorp news undated.", None);
    undated.imported_at = DateTime::<Utc>::from_timestamp(1_500_000_000, 0).expect("2017-07-14");
    tag(&mut undated, canonical(EntityKind::Org, key, "Timelinecorp"), &["Timelinecorp"]);
    let untagged = sample("Untagged", "Timelinecorp is named but not tagged.", Some("2030-01-01T00:00:00Z"));
    let ids = insert_all(store, &[undated, late_evening.clone(), newer, untagged]);
    let entity = entity_id_of(store, ids[1], &late_evening.article.text(), "Timelinecorp");

    let page = |offset, limit| -> Vec<ArticleId> {
        let found = store.entity_articles(entity, Page { offset, limit }).expect("articles");
        found.iter().map(|a| a.id).collect()
    };
    assert_eq!(page(0, 10), [ids[2], ids[1], ids[0]], "newest first, undated by import time, each once");
    assert_eq!(page(1, 1), [ids[1]]);
    assert!(
        store
            .entity_articles(EntityId(entity.0 + 1000), Page { offset: 0, limit: 10 })
            .expect("none")
            .is_empty()
    );

    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("date");
    let timeline = store.entity_timeline(entity).expect("timeline");
    assert_eq!(
        timeline,
        [(day(2017, 7, 14), 1), (day(2021, 6, 1), 2), (day(2021, 6, 3), 1)],
        "the page's own date, not UTC's; mentions, not articles"
    );
    assert!(store.entity_timeline(EntityId(entity.0 + 1000)).expect("timeline").is_empty());
}

fn co_occurring_entities_count_shared_articles(store: &dyn Store) {
    let hub = canonical(EntityKind::Per, "PER:hub person", "Hubert");
    let often = canonical(EntityKind::Org, "ORG:often", "Oftenco");
    let once = canonical(EntityKind::Loc, "geonames:2", "Oncetown");
    let mut first = sample("Hub one", "Hubert, Oftenco, Oftenco, Oftenco and Hubert.", None);
    tag(&mut first, hub.clone(), &["Hubert"]);
    tag(&mut first, often.clone(), &["Oftenco"]);
    let mut second = sample("Hub two", "Hubert met Oftenco in Oncetown.", None);
    tag(&mut second, hub.clone(), &["Hubert"]);
    tag(&mut second, often.clone(), &["Oftenco"]);
    tag(&mut second, once.clone(), &["Oncetown"]);
    let mut elsewhere = sample("Hub three", "Oftenco in Oncetown without him.", None);
    tag(&mut elsewhere, often, &["Oftenco"]);
    tag(&mut elsewhere, once, &["Oncetown"]);
    let ids = insert_all(store, &[first.clone(), second.clone(), elsewhere]);
    let hub = entity_id_of(store, ids[0], &first.article.text(), "Hubert");
    let often = entity_id_of(store, ids[0], &first.article.text(), "Oftenco");
    let once = entity_id_of(store, ids[1], &second.article.text(), "Oncetown");

    let shared: Vec<(EntityId, u64)> =
        store.co_occurring(hub, 10).expect("co").iter().map(|(s, n)| (s.entity.id, *n)).collect();
    assert_eq!(shared, [(often, 2), (once, 1)], "articles shared, not mention pairs; itself left out");
    assert_eq!(store.co_occurring(hub, 1).expect("co").len(), 1, "limited");
    let from_often: Vec<(EntityId, u64)> =
        store.co_occurring(often, 10).expect("co").iter().map(|(s, n)| (s.entity.id, *n)).collect();
    assert_eq!(from_often, [(hub, 2), (once, 2)], "ties: most mentioned first, then lowest id");
    assert!(store.co_occurring(EntityId(hub.0 + 1000), 10).expect("co").is_empty());
}

/// Two articles naming the same organisation, person and place, under keys made from `word` so
/// that every check gets entities of its own. The first article names the organisation twice.
struct Replaced {
    first: NewArticle,
    second: NewArticle,
    ids: [ArticleId; 2],
    org: EntityId,
    person: EntityId,
    place: EntityId,
}

fn org(word: &str) -> CanonicalEntity {
    canonical(EntityKind::Org, &format!("ORG:{word}co"), &format!("{word}co"))
}

fn person(word: &str) -> CanonicalEntity {
    canonical(EntityKind::Per, &format!("PER:bob {word}"), &format!("Bob {word}"))
}

fn place(word: &str) -> CanonicalEntity {
    // Keyed as a place not found in GeoNames is: by kind and name.
    canonical(EntityKind::Loc, &format!("LOC:{}ville", word.to_lowercase()), &format!("{word}ville"))
}

fn replaced_articles(store: &dyn Store, word: &str) -> Replaced {
    let (o, p, l) = (format!("{word}co"), format!("Bob {word}"), format!("{word}ville"));
    let mut first = sample(&format!("{word} one"), &format!("{o} met {p} in {l}. {o} left."), None);
    tag(&mut first, org(word), &[&o]);
    tag(&mut first, person(word), &[&p]);
    tag(&mut first, place(word), &[&l]);
    let mut second = sample(&format!("{word} two"), &format!("{o} and {p} again."), None);
    tag(&mut second, org(word), &[&o]);
    tag(&mut second, person(word), &[&p]);
    let ids = insert_all(store, &[first.clone(), second.clone()]);
    let text = first.article.text();
    Replaced {
        ids: [ids[0], ids[1]],
        org: entity_id_of(store, ids[0], &text, &o),
        person: entity_id_of(store, ids[0], &text, &p),
        place: entity_id_of(store, ids[0], &text, &l),
        first,
        second,
    }
}

/// What a recognizer would hand over for `new` with `tags`: each entity mentioned at every
/// occurrence of its forms.
fn entities_for(new: &NewArticle, tags: Vec<(CanonicalEntity, &[&str])>) -> ArticleEntities {
    let mut copy = new.clone();
    copy.entities = ArticleEntities::default();
    for (entity, forms) in tags {
        tag(&mut copy, entity, forms);
    }
    copy.entities
}

fn counts(store: &dyn Store, id: EntityId) -> (u64, u64) {
    let stats = store.entity(id).expect("entity").expect("entities are kept");
    (stats.mentions, stats.articles)
}

/// The ids of the listed entities whose name or an alias contains `word`, and their count.
fn listed(store: &dyn Store, word: &str) -> (Vec<EntityId>, u64) {
    let filter = EntityFilter { kind: None, query: Some(word.to_owned()) };
    let found: Vec<EntityStats> = store.entities(&filter, Page { offset: 0, limit: 100 }).expect("entities");
    (found.iter().map(|s| s.entity.id).collect(), store.entity_count(&filter).expect("count"))
}

/// Each mention of the article as (form, kind, entity, role).
fn mention_set(
    store: &dyn Store,
    id: ArticleId,
    text: &str,
) -> Vec<(String, EntityKind, Option<EntityId>, Option<String>)> {
    let mentions = store.article_mentions(id).expect("mentions");
    let form = |m: &newsgraph_model::EntityMention| m.span.slice(text).expect("on boundaries").to_owned();
    mentions.iter().map(|m| (form(m), m.kind, m.entity, m.role.clone())).collect()
}

fn replacing_entities_moves_mentions_and_counters(store: &dyn Store) {
    let r = replaced_articles(store, "Replacia");
    let text = r.first.article.text();
    let second_text = r.second.article.text();
    let second_before = mention_set(store, r.ids[1], &second_text);
    assert_eq!(counts(store, r.org), (3, 2));
    assert_eq!(counts(store, r.person), (2, 2));
    assert_eq!(counts(store, r.place), (1, 1));

    // A newer model: the organisation under a fuller name, the person missed, the place read as
    // another kind of name (a new entity), and a mention the store cannot use.
    let mut fuller = org("Replacia");
    fuller.name = "Replaciaco Group".into();
    fuller.aliases = vec!["Replaciaco".into()];
    let misc = canonical(EntityKind::Misc, "MISC:replaciaville", "Replaciaville");
    let mut new = entities_for(&r.first, vec![(fuller, &["Replaciaco"]), (misc, &["Replaciaville"])]);
    new.mentions[0].role = Some(" Company ".into());
    new.mentions.push(ResolvedMention {
        span: Span::new(0, text.len() + 5),
        kind: EntityKind::Org,
        entity: 0,
        role: None,
    });
    store.replace_entities(&[(r.ids[0], new)]).expect("replace");

    let mentions = mention_set(store, r.ids[0], &text);
    let forms: Vec<&str> = mentions.iter().map(|m| m.0.as_str()).collect();
    assert_eq!(forms, ["Replaciaco", "Replaciaville", "Replaciaco"], "old mentions gone, bad one dropped");
    assert_eq!(mentions[0].2, Some(r.org), "the same key keeps its entity");
    assert_eq!(mentions[0].3.as_deref(), Some("Company"), "role trimmed as on insert");
    assert_eq!(mentions[1].1, EntityKind::Misc);
    let misc = mentions[1].2.expect("resolved");
    assert!(![r.org, r.person, r.place].contains(&misc), "a new key is a new entity");

    assert_eq!(counts(store, r.org), (3, 2), "two mentions taken off, two put back");
    assert_eq!(counts(store, r.person), (1, 1), "only the second article names the person now");
    assert_eq!(counts(store, r.place), (0, 0), "kept, with nothing left");
    assert_eq!(counts(store, misc), (1, 1));
    let org_stats = store.entity(r.org).expect("entity").expect("present");
    assert_eq!(org_stats.entity.name, "Replaciaco", "the stored name is kept");
    assert_eq!(org_stats.entity.aliases, ["Replaciaco Group"], "the new name merged in as an alias");

    let (ids, total) = listed(store, "replacia");
    assert_eq!(ids, [r.org, r.person, misc], "the unmentioned place is not listed");
    assert_eq!(total, 3);
    assert!(store.entity_articles(r.place, Page { offset: 0, limit: 10 }).expect("articles").is_empty());
    assert!(store.entity_timeline(r.place).expect("timeline").is_empty());
    let shared: Vec<(EntityId, u64)> =
        store.co_occurring(r.org, 10).expect("co").iter().map(|(s, n)| (s.entity.id, *n)).collect();
    assert_eq!(shared, [(r.person, 1), (misc, 1)], "from the mentions now stored");
    assert_eq!(mention_set(store, r.ids[1], &second_text), second_before, "other articles untouched");
}

fn replacing_twice_changes_nothing(store: &dyn Store) {
    let r = replaced_articles(store, "Twicia");
    let text = r.first.article.text();
    let mut place = place("Twicia");
    place.aliases = vec!["Twiciaburg".into()];
    place.location = Some(GeoPoint { lat: 10.0, lon: 20.0 });
    let new = entities_for(&r.first, vec![(org("Twicia"), &["Twiciaco"]), (place, &["Twiciaville"])]);
    let state = |store: &dyn Store| {
        let stats: Vec<Option<EntityStats>> =
            [r.org, r.person, r.place].iter().map(|id| store.entity(*id).expect("entity")).collect();
        (stats, mention_set(store, r.ids[0], &text), listed(store, "twicia"))
    };
    store.replace_entities(&[(r.ids[0], new.clone())]).expect("replace");
    let once = state(store);
    assert_eq!(counts(store, r.org), (3, 2));
    assert_eq!(counts(store, r.person), (1, 1));
    assert_eq!(counts(store, r.place), (1, 1));
    let place_stats = store.entity(r.place).expect("entity").expect("present");
    assert_eq!(place_stats.entity.aliases, ["Twiciaburg"]);
    assert_eq!(place_stats.entity.location, Some(GeoPoint { lat: 10.0, lon: 20.0 }), "filled in");

    store.replace_entities(&[(r.ids[0], new.clone())]).expect("replace again");
    assert_eq!(state(store), once, "idempotent: counters, mentions, aliases and listings");
    store.replace_entities(&[(r.ids[0], new.clone()), (r.ids[0], new)]).expect("twice in one batch");
    assert_eq!(state(store), once);
}

fn replacing_with_none_and_back_keeps_entity_ids(store: &dyn Store) {
    let r = replaced_articles(store, "Nonia");
    let text = r.first.article.text();
    let original = mention_set(store, r.ids[0], &text);
    store.replace_entities(&[(r.ids[0], ArticleEntities::default())]).expect("replace with none");
    assert!(store.article_mentions(r.ids[0]).expect("mentions").is_empty());
    assert_eq!(counts(store, r.org), (1, 1));
    assert_eq!(counts(store, r.person), (1, 1));
    assert_eq!(counts(store, r.place), (0, 0));
    assert_eq!(listed(store, "nonia"), (vec![r.org, r.person], 2));
    let org_articles = store.entity_articles(r.org, Page { offset: 0, limit: 10 }).expect("articles");
    assert_eq!(org_articles.iter().map(|a| a.id).collect::<Vec<_>>(), [r.ids[1]]);

    // Both articles at once, back to what import stored: the place returns under its old id.
    let back = [(r.ids[0], r.first.entities.clone()), (r.ids[1], r.second.entities.clone())];
    store.replace_entities(&back).expect("replace back");
    assert_eq!(mention_set(store, r.ids[0], &text), original, "same mentions, same entity ids");
    assert_eq!(counts(store, r.org), (3, 2));
    assert_eq!(counts(store, r.person), (2, 2));
    assert_eq!(counts(store, r.place), (1, 1));
    assert_eq!(listed(store, "nonia"), (vec![r.org, r.person, r.place], 3));
}

fn replacing_one_article_twice_in_a_batch_keeps_the_last(store: &dyn Store) {
    let r = replaced_articles(store, "Lastia");
    let only_org = entities_for(&r.first, vec![(org("Lastia"), &["Lastiaco"])]);
    let only_place = entities_for(&r.first, vec![(place("Lastia"), &["Lastiaville"])]);
    store.replace_entities(&[(r.ids[0], only_org), (r.ids[0], only_place)]).expect("replace");
    let text = r.first.article.text();
    let entities: Vec<_> = mention_set(store, r.ids[0], &text).into_iter().map(|m| m.2).collect();
    assert_eq!(entities, [Some(r.place)]);
    assert_eq!(counts(store, r.org), (1, 1));
    assert_eq!(counts(store, r.person), (1, 1));
    assert_eq!(counts(store, r.place), (1, 1));
}

fn replacing_an_unknown_article_fails_the_whole_batch(store: &dyn Store) {
    let r = replaced_articles(store, "Failia");
    let text = r.first.article.text();
    let before = mention_set(store, r.ids[0], &text);
    let unknown = ArticleId(r.ids[1].0 + 1000);
    let batch = [(r.ids[0], ArticleEntities::default()), (unknown, ArticleEntities::default())];
    match store.replace_entities(&batch) {
        Err(StoreError::NoSuchArticle(id)) => assert_eq!(id, unknown),
        other => panic!("expected NoSuchArticle, got {other:?}"),
    }
    assert_eq!(mention_set(store, r.ids[0], &text), before, "nothing of the batch committed");
    assert_eq!(counts(store, r.org), (3, 2));
    assert_eq!(counts(store, r.place), (1, 1));
}

/// The span of the first occurrence of `form` in `text`.
fn span_of(text: &str, form: &str) -> Span {
    let start = text.find(form).unwrap_or_else(|| panic!("{form:?} not in {text:?}"));
    Span::new(start, start + form.len())
}

fn amount(
    span: Span,
    value: f64,
    value_max: Option<f64>,
    unit: Option<&str>,
    counted: Option<&str>,
) -> Amount {
    Amount { span, value, value_max, unit: unit.map(Into::into), counted: counted.map(Into::into) }
}

fn time(span: Span, start: Option<&str>, end: Option<&str>, granularity: Option<TimeGranularity>) -> TimeRef {
    let date = |d: &str| NaiveDate::parse_from_str(d, "%Y-%m-%d").expect("test date");
    TimeRef { span, start: start.map(date), end: end.map(date), granularity }
}

/// An article with two amounts and two time expressions, handed over out of text order.
fn figured(title: &str) -> NewArticle {
    let mut new = sample(
        title,
        &format!("{title}: 200,000 new troops arrived on Monday; prices rose 3 to 5% last week."),
        None,
    );
    let text = new.article.text();
    new.amounts = vec![
        amount(span_of(&text, "3 to 5%"), 3.0, Some(5.0), Some("%"), None),
        amount(span_of(&text, "200,000 new troops"), 200_000.0, None, None, Some("new troops")),
    ];
    new.times = vec![
        time(
            span_of(&text, "last week"),
            Some("2022-12-12"),
            Some("2022-12-18"),
            Some(TimeGranularity::Week),
        ),
        time(span_of(&text, "on Monday"), None, None, Some(TimeGranularity::Day)),
    ];
    new
}

fn by_start<T: Clone>(items: &[T], start: impl Fn(&T) -> usize) -> Vec<T> {
    let mut sorted = items.to_vec();
    sorted.sort_by_key(|i| start(i));
    sorted
}

fn figures_round_trip_in_text_order(store: &dyn Store) {
    let new = figured("Figures");
    let id = insert_all(store, std::slice::from_ref(&new))[0];
    assert_eq!(store.article_amounts(id).expect("amounts"), by_start(&new.amounts, |a| a.span.start));
    assert_eq!(store.article_times(id).expect("times"), by_start(&new.times, |t| t.span.start));
    let unknown = ArticleId(id.0 + 1000);
    assert!(store.article_amounts(unknown).expect("amounts").is_empty());
    assert!(store.article_times(unknown).expect("times").is_empty());
}

fn unusable_figures_are_dropped(store: &dyn Store) {
    let mut new = sample("Bad figures", "Песков said 5 people came – on Monday.", None);
    let text = new.article.text();
    let dash = text.find('–').expect("dash");
    let good_amount = amount(span_of(&text, "5 people"), 5.0, Some(f64::NAN), Some(" "), Some("people"));
    let good_time = time(span_of(&text, "on Monday"), None, None, None);
    let bad =
        [Span::new(1, 3), Span::new(dash, dash + 1), Span::new(4, 2), Span::new(0, 0), Span::new(0, 999)];
    new.amounts.push(good_amount.clone());
    new.amounts.push(amount(span_of(&text, "5"), f64::INFINITY, None, None, None));
    new.times.push(good_time.clone());
    for span in bad {
        new.amounts.push(amount(span, 1.0, None, None, None));
        new.times.push(time(span, None, None, None));
    }
    let id = insert_all(store, &[new])[0];
    let amounts = store.article_amounts(id).expect("amounts");
    assert_eq!(amounts.len(), 1, "only the usable amount kept: {amounts:?}");
    assert_eq!((amounts[0].value_max, amounts[0].unit.as_deref()), (None, None), "NaN and blank are none");
    assert_eq!(amounts[0].counted.as_deref(), Some("people"));
    assert_eq!(store.article_times(id).expect("times"), [good_time]);
}

fn replacing_figures_replaces_only_that_article(store: &dyn Store) {
    let (a, b) = (figured("Replaced"), figured("Kept"));
    let ids = insert_all(store, &[a.clone(), b.clone()]);
    let text = a.article.text();
    let new_amount = amount(span_of(&text, "200,000"), 200_000.0, None, None, None);
    store.replace_figures(&[(ids[0], vec![new_amount.clone()], Vec::new())]).expect("replace");
    store.replace_figures(&[(ids[0], vec![new_amount.clone()], Vec::new())]).expect("replace again");
    assert_eq!(store.article_amounts(ids[0]).expect("amounts"), std::slice::from_ref(&new_amount));
    assert!(store.article_times(ids[0]).expect("times").is_empty());
    assert_eq!(store.article_amounts(ids[1]).expect("amounts").len(), 2, "the other article keeps its own");
    assert_eq!(store.article_times(ids[1]).expect("times").len(), 2);

    let unknown = ArticleId(ids[1].0 + 1000);
    match store.replace_figures(&[(ids[0], Vec::new(), Vec::new()), (unknown, Vec::new(), Vec::new())]) {
        Err(StoreError::NoSuchArticle(id)) => assert_eq!(id, unknown),
        other => panic!("expected NoSuchArticle, got {other:?}"),
    }
    assert_eq!(store.article_amounts(ids[0]).expect("amounts"), [new_amount], "nothing committed");
}

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

fn quotes_round_trip_and_bad_spans_are_dropped(store: &dyn Store) {
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

fn replacing_quotes_replaces_only_that_article(store: &dyn Store) {
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

fn quote_speakers_are_the_person_mentions_they_end_in(store: &dyn Store) {
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

fn quotes_are_found_by_speaker_and_words_newest_first(store: &dyn Store) {
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
