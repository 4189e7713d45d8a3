//! Entities: shared by key across articles, listed, counted, and replaced when an article
//! is read again.

use super::*;

pub(super) fn entities_are_shared_by_key(store: &dyn Store) {
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

pub(super) fn unusable_mentions_are_dropped(store: &dyn Store) {
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

pub(super) fn roles_are_counted_per_entity(store: &dyn Store) {
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

pub(super) fn entities_are_listed_most_mentioned_first(store: &dyn Store) {
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

pub(super) fn entity_articles_are_newest_first_and_counted_by_day(store: &dyn Store) {
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

pub(super) fn co_occurring_entities_count_shared_articles(store: &dyn Store) {
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

pub(super) fn replacing_entities_moves_mentions_and_counters(store: &dyn Store) {
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

pub(super) fn replacing_twice_changes_nothing(store: &dyn Store) {
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

pub(super) fn replacing_with_none_and_back_keeps_entity_ids(store: &dyn Store) {
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

pub(super) fn replacing_one_article_twice_in_a_batch_keeps_the_last(store: &dyn Store) {
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

pub(super) fn replacing_an_unknown_article_fails_the_whole_batch(store: &dyn Store) {
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
