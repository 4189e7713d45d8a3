//! Checks of the followed sources and their polling state.

use chrono::{DateTime, Duration, Utc};

use crate::{
    InsertOutcome, KnownUrl, NewSubscription, PollOutcome, Store, StoreError, Subscribed, SubscriptionId,
    SubscriptionKind,
};

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text).expect("test time").to_utc()
}

fn feed(url: &str) -> NewSubscription {
    NewSubscription {
        url: url.to_owned(),
        kind: SubscriptionKind::Feed,
        section: Some("World".into()),
        title: None,
        allow_private: false,
    }
}

fn added(subscribed: Subscribed) -> SubscriptionId {
    match subscribed {
        Subscribed::Added(id) => id,
        other => panic!("not added: {other:?}"),
    }
}

pub(super) fn stored_urls_are_known(store: &dyn Store) {
    let mut new = super::sample("Known by URL", "An article with a URL.", None);
    new.article.url = Some("https://known.example/a".into());
    let id = match store.insert_batch(&[new]).expect("insert")[0] {
        InsertOutcome::Inserted(id) => id,
        other => panic!("not inserted: {other:?}"),
    };
    let known = store.known_url("https://known.example/a").expect("known_url");
    assert_eq!(known, Some(KnownUrl { id, fetched_at: None }), "imported, never fetched");
    assert_eq!(store.known_url("https://known.example/b").expect("known_url"), None);
    let mut fetched = super::sample("Fetched after a redirect", "Fetched from a feed's entry.", None);
    fetched.article.url = Some("https://known.example/final".into());
    fetched.source = newsgraph_model::Source {
        kind: newsgraph_model::SourceKind::Web,
        location: "https://feeds.example/entry-7".into(),
    };
    fetched.fetched_at = Some(at("2022-12-19T10:00:00Z"));
    store.insert_batch(&[fetched]).expect("insert");
    let final_url = store.known_url("https://known.example/final").expect("known_url").expect("known");
    assert_eq!(final_url.fetched_at, Some(at("2022-12-19T10:00:00Z")));
    let entry = store.known_url("https://feeds.example/entry-7").expect("known_url");
    assert_eq!(entry, Some(final_url), "known by the URL it was fetched from");
}

pub(super) fn sources_are_followed_once_listed_and_dropped(store: &dyn Store) {
    let now = at("2022-12-19T10:00:00Z");
    let one = added(store.subscribe(&feed("https://one.example/rss"), now).expect("subscribe"));
    let page = NewSubscription {
        kind: SubscriptionKind::Page,
        title: Some("My page".into()),
        allow_private: true,
        section: None,
        ..feed("http://192.168.1.5/news")
    };
    let two = added(store.subscribe(&page, now).expect("subscribe"));
    assert_eq!(
        store.subscribe(&feed("https://one.example/rss"), now).expect("again"),
        Subscribed::AlreadyFollowed(one)
    );

    let all = store.subscriptions().expect("list");
    let ours: Vec<_> = all.iter().filter(|s| s.id == one || s.id == two).collect();
    assert_eq!(ours.len(), 2);
    let first = ours[0];
    assert_eq!(
        (first.id, first.url.as_str(), first.kind),
        (one, "https://one.example/rss", SubscriptionKind::Feed)
    );
    assert_eq!((first.section.as_deref(), first.allow_private, first.added_at), (Some("World"), false, now));
    assert_eq!(
        (first.last_polled, first.next_poll, first.failures, first.articles_found),
        (None, None, 0, 0)
    );
    let second = store.subscription(two).expect("one").expect("followed");
    assert_eq!(
        (second.kind, second.title.as_deref(), second.allow_private),
        (SubscriptionKind::Page, Some("My page"), true)
    );

    assert!(store.unsubscribe(two).expect("unsubscribe"));
    assert!(!store.unsubscribe(two).expect("again"));
    assert_eq!(store.subscription(two).expect("one"), None);
}

pub(super) fn polls_are_recorded_and_decide_what_is_due(store: &dyn Store) {
    let now = at("2022-12-19T10:00:00Z");
    let id = added(store.subscribe(&feed("https://poll.example/rss"), now).expect("subscribe"));
    let due = |when: DateTime<Utc>| -> bool {
        store.due_subscriptions(when, 1_000).expect("due").iter().any(|s| s.id == id)
    };
    assert!(due(now), "a new source is due at once");

    let ok = PollOutcome {
        polled_at: now,
        next_poll: now + Duration::minutes(30),
        status: Some(200),
        error: None,
        etag: Some("\"v1\"".into()),
        last_modified: Some("Mon, 19 Dec 2022 10:00:00 GMT".into()),
        title: Some("Poll News".into()),
        articles_found: 3,
    };
    store.record_poll(id, &ok).expect("record");
    assert!(!due(now + Duration::minutes(29)));
    assert!(due(now + Duration::minutes(30)));
    let s = store.subscription(id).expect("one").expect("followed");
    assert_eq!(
        (s.last_polled, s.next_poll, s.last_status),
        (Some(now), Some(now + Duration::minutes(30)), Some(200))
    );
    assert_eq!(
        (s.etag.as_deref(), s.title.as_deref(), s.articles_found),
        (Some("\"v1\""), Some("Poll News"), 3)
    );

    // Two failures in a row, then a 304 that keeps the validators and resets the count.
    let failed = PollOutcome {
        status: Some(503),
        error: Some("HTTP status 503".into()),
        etag: None,
        last_modified: None,
        title: None,
        articles_found: 0,
        ..ok.clone()
    };
    store.record_poll(id, &failed).expect("record");
    store.record_poll(id, &failed).expect("record");
    let s = store.subscription(id).expect("one").expect("followed");
    assert_eq!((s.failures, s.last_error.as_deref(), s.last_status), (2, Some("HTTP status 503"), Some(503)));
    let unchanged = PollOutcome {
        status: Some(304),
        error: None,
        articles_found: 0,
        title: Some("Renamed".into()),
        ..failed
    };
    store.record_poll(id, &unchanged).expect("record");
    let s = store.subscription(id).expect("one").expect("followed");
    assert_eq!((s.failures, s.last_error.as_deref()), (0, None));
    assert_eq!(s.etag.as_deref(), Some("\"v1\""), "validators kept");
    assert_eq!(s.title.as_deref(), Some("Poll News"), "a title once known is kept");
    assert_eq!(s.articles_found, 3);

    let gone = SubscriptionId(id.0 + 1_000);
    assert!(matches!(store.record_poll(gone, &ok), Err(StoreError::NoSuchSubscription(g)) if g == gone));
}
