//! The behaviour every [`Store`] implementation must show. Each implementation's tests call
//! [`run`] on a fresh, empty store. The checks live by subject (`entities`, `figures`,
//! `quotes`, `stories`); the shared article builders here.

mod digest;
mod entities;
mod export;
mod facets;
mod figures;
mod quotes;
mod revisions;
mod sections;
mod stories;
mod subscriptions;
mod webhooks;

use digest::*;
use entities::*;
use export::*;
use facets::*;
use figures::*;
use quotes::*;
use revisions::*;
use sections::*;
use stories::*;
use subscriptions::*;
use webhooks::*;

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
    a_new_store_has_the_default_sections_in_order(store);
    sections_are_saved_replaced_and_removed_by_slug(store);
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
    unfiled_articles_are_listed_until_filed(store);
    filing_an_unknown_article_fails_the_whole_batch(store);
    recent_filed_articles_come_back_oldest_first(store);
    stories_are_listed_freshest_day_then_largest_first(store);
    a_story_has_its_articles_copies_timeline_and_entities(store);
    related_stories_share_entities_and_are_close_in_time(store);
    stored_urls_are_known(store);
    sources_are_followed_once_listed_and_dropped(store);
    polls_are_recorded_and_decide_what_is_due(store);
    a_revised_article_keeps_its_id_and_earlier_versions(store);
    revising_to_unchanged_or_taken_content_changes_nothing(store);
    revised_articles_wait_for_the_index(store);
    stories_are_ranked_by_articles_since_a_time(store);
    facets_count_days_and_entities_per_kind(store);
    a_days_stories_are_ranked_by_that_days_articles_and_outlets(store);
    exports_read_articles_by_id_and_page_entities_and_stories_by_id(store);
    webhooks_are_added_listed_and_remember_their_stories(store);
    deliveries_are_claimed_in_order_retried_and_recorded(store);
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

/// The span of the first occurrence of `form` in `text`.
fn span_of(text: &str, form: &str) -> Span {
    let start = text.find(form).unwrap_or_else(|| panic!("{form:?} not in {text:?}"));
    Span::new(start, start + form.len())
}
