//! Webhooks: added to a section, listed with their deliveries counted, the stories each has
//! announced remembered, their queue claimed in order and recorded, removed with all of it.

use super::*;
use crate::{Announcement, DeliveryOutcome, NewWebhook, Webhook, WebhookId};
use newsgraph_model::StoryId;

fn at(seconds: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(1_900_000_000 + seconds, 0).expect("test time")
}

fn webhook(store: &dyn Store, id: WebhookId) -> Webhook {
    store.webhooks().expect("webhooks").into_iter().find(|w| w.id == id).expect("listed")
}

fn stories(ids: &[i64]) -> Vec<StoryId> {
    ids.iter().copied().map(StoryId).collect()
}

fn announcement(id: WebhookId, from: i64, to: i64, announced: &[i64], payloads: &[&str]) -> Announcement {
    Announcement {
        webhook: id,
        from: ArticleId(from),
        to: ArticleId(to),
        announced: stories(announced),
        seen: Vec::new(),
        payloads: payloads.iter().map(|p| (*p).to_owned()).collect(),
        at: at(0),
    }
}

pub(super) fn webhooks_are_added_listed_and_remember_their_stories(store: &dyn Store) {
    let new = NewWebhook {
        section: "world".into(),
        url: "https://hooks.example/world".into(),
        allow_private: false,
        start: ArticleId(5),
        seen: stories(&[1, 2]),
    };
    for bad in [
        NewWebhook { section: "nowhere".into(), ..new.clone() },
        NewWebhook { url: " ".into(), ..new.clone() },
    ] {
        assert!(matches!(store.add_webhook(&bad, at(0)), Err(StoreError::Invalid(_))), "{bad:?}");
    }
    let id = store.add_webhook(&new, at(0)).expect("add");
    let added = webhook(store, id);
    assert_eq!(
        (added.section.as_str(), added.url.as_str(), added.allow_private),
        ("world", new.url.as_str(), false)
    );
    assert_eq!((added.start, added.checked_up_to, added.added_at), (ArticleId(5), ArticleId(5), at(0)));
    assert_eq!((added.announced, added.pending, added.delivered, added.given_up), (0, 0, 0, 0));
    assert_eq!((added.next_attempt, added.last_error.as_deref()), (None, None));
    assert_eq!(store.known_stories(id, &stories(&[3, 2, 1])).expect("known"), stories(&[2, 1]));

    let mut first = announcement(id, 5, 9, &[3], &["{\"n\":1}", "{\"n\":2}"]);
    first.seen = stories(&[4]);
    assert!(store.announce(&first).expect("announce"));
    let after = webhook(store, id);
    assert_eq!((after.checked_up_to, after.announced, after.pending), (ArticleId(9), 1, 2));
    assert_eq!(after.next_attempt, Some(at(0)), "due at once");
    assert!(!store.announce(&first).expect("again"), "the mark moved: another process announced");
    assert_eq!(webhook(store, id).pending, 2, "nothing queued twice");
    assert_eq!(store.known_stories(id, &stories(&[1, 2, 3, 4, 5])).expect("known"), stories(&[1, 2, 3, 4]));

    let other = store
        .add_webhook(
            &NewWebhook { url: "https://hooks.example/other".into(), seen: vec![], ..new.clone() },
            at(0),
        )
        .expect("add another");
    assert!(store.known_stories(other, &stories(&[1, 2, 3])).expect("known").is_empty(), "per webhook");
    assert!(store.remove_webhook(other).expect("remove"));
    assert!(!store.remove_webhook(other).expect("gone already"));
    assert!(!store.announce(&announcement(other, 5, 6, &[7], &["{}"])).expect("gone"), "a removed webhook");
    assert!(store.remove_webhook(id).expect("remove"));
    assert!(store.known_stories(id, &stories(&[1, 3])).expect("known").is_empty(), "removed with it");
}

pub(super) fn deliveries_are_claimed_in_order_retried_and_recorded(store: &dyn Store) {
    let add = |url: &str| {
        let new = NewWebhook {
            section: "latest".into(),
            url: url.into(),
            allow_private: true,
            start: ArticleId(0),
            seen: Vec::new(),
        };
        store.add_webhook(&new, at(0)).expect("add")
    };
    let (one, two) = (add("http://127.0.0.1:9/one"), add("http://127.0.0.1:9/two"));
    assert!(store.announce(&announcement(one, 0, 3, &[1, 2], &["a", "b"])).expect("announce"));
    assert!(store.announce(&announcement(two, 0, 3, &[1], &["c"])).expect("announce"));

    let claimed = store.claim_deliveries(at(0), at(300), 10).expect("claim");
    let mut heads: Vec<(WebhookId, &str, u32)> =
        claimed.iter().map(|d| (d.webhook, d.payload.as_str(), d.attempts)).collect();
    heads.sort();
    assert_eq!(heads, [(one, "a", 0), (two, "c", 0)], "each webhook's first delivery");
    let a = claimed.iter().find(|d| d.webhook == one).expect("a").clone();
    assert_eq!((a.url.as_str(), a.allow_private, a.created_at), ("http://127.0.0.1:9/one", true, at(0)));
    assert!(store.claim_deliveries(at(0), at(300), 10).expect("claim").is_empty(), "claimed: hidden");

    let retry_at = at(60);
    let failed = DeliveryOutcome::Retry { at: at(1), error: "HTTP status 500".into(), retry_at };
    store.record_delivery(a.id, &failed).expect("record");
    let state = webhook(store, one);
    assert_eq!((state.pending, state.last_error.as_deref()), (2, Some("HTTP status 500")));
    assert_eq!((state.next_attempt, state.last_failed), (Some(retry_at), Some(at(1))));
    assert!(store.claim_deliveries(at(30), at(300), 10).expect("claim").is_empty(), "b waits behind a");
    let again = store.claim_deliveries(at(60), at(360), 10).expect("claim");
    assert_eq!(again.len(), 1);
    assert_eq!((again[0].id, again[0].attempts), (a.id, 1), "a again, its attempt counted");

    store.record_delivery(a.id, &DeliveryOutcome::Delivered { at: at(61) }).expect("record");
    let state = webhook(store, one);
    assert_eq!((state.pending, state.delivered, state.last_error.as_deref()), (1, 1, None));
    assert_eq!(state.last_delivered, Some(at(61)));
    let next = store.claim_deliveries(at(61), at(400), 10).expect("claim");
    assert_eq!(next.iter().map(|d| d.payload.as_str()).collect::<Vec<_>>(), ["b"], "then b");

    let gave_up = DeliveryOutcome::GaveUp { at: at(62), error: "HTTP status 410".into() };
    store.record_delivery(next[0].id, &gave_up).expect("record");
    let state = webhook(store, one);
    assert_eq!((state.pending, state.given_up, state.next_attempt), (0, 1, None));
    assert_eq!(state.last_error.as_deref(), Some("HTTP status 410"));
    store.record_delivery(next[0].id, &gave_up).expect("no longer queued: nothing to record");

    assert!(store.remove_webhook(two).expect("remove"));
    assert!(
        store.claim_deliveries(at(1_000), at(2_000), 10).expect("claim").is_empty(),
        "its queue went too"
    );
    assert!(store.remove_webhook(one).expect("remove"));
    assert!(store.webhooks().expect("webhooks").is_empty());
}
