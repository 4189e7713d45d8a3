//! Sending what is due: each webhook's first queued delivery, POSTed through the guard (open
//! to private addresses only for a webhook added with `--allow-private`, or every one under
//! `NEWSGRAPH_ALLOW_PRIVATE=1`), several webhooks at once, each one's deliveries in order.
//!
//! A 2xx answer is delivered. Anything else is tried again after 1 minute, 2, 4 ... (at most 6
//! hours, or later when `Retry-After` asks), up to 10 attempts; a 4xx other than 408 (timeout)
//! and 429 (too many requests) says the request itself is wrong (a wrong path, a receiver that
//! refuses the payload), so it gets 3 attempts, a few minutes for a mistake to be fixed; a URL
//! the guard refuses is given up at once, as waiting changes nothing.

use std::time::Duration;

use chrono::{DateTime, Utc};
use newsgraph_fetch::{AddressPolicy, FetchError, FetchOptions, Fetcher, Posted};
use newsgraph_store::{Delivery, DeliveryOutcome};
use tokio::task::JoinSet;

use super::{NotifyOptions, NotifySummary};
use crate::{Engine, PipelineError, Result};

/// Webhooks sent to at once.
const AT_ONCE: u64 = 16;
/// How long a claimed delivery stays hidden beyond the request's own timeout: a process killed
/// while sending leaves it to be sent again after that.
const LEASE_MARGIN: Duration = Duration::from_secs(300);

/// When to try a failed delivery again, and when to stop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backoff {
    /// The wait after the first failure; it doubles with each failure after.
    pub first: Duration,
    /// The longest wait.
    pub max: Duration,
    /// Attempts before giving up.
    pub attempts: u32,
    /// Attempts before giving up when the receiver answers a 4xx other than 408 and 429.
    pub client_error_attempts: u32,
}

impl Default for Backoff {
    fn default() -> Self {
        Backoff {
            first: Duration::from_secs(60),
            max: Duration::from_secs(6 * 3600),
            attempts: 10,
            client_error_attempts: 3,
        }
    }
}

impl Backoff {
    /// The wait after the `attempt`th failure (1 for the first).
    pub fn wait(&self, attempt: u32) -> Duration {
        let doubled = self.first.saturating_mul(2u32.saturating_pow(attempt.saturating_sub(1)));
        doubled.min(self.max)
    }

    /// What to record of the `attempt`th try (1 for the first), which went as `result`.
    pub fn outcome(
        &self,
        attempt: u32,
        result: &std::result::Result<Posted, FetchError>,
        now: DateTime<Utc>,
    ) -> DeliveryOutcome {
        let error = match result {
            Ok(_) => return DeliveryOutcome::Delivered { at: now },
            Err(error) => error,
        };
        let (last, retry_after) = match error {
            FetchError::Refused(_) | FetchError::BadUrl(_) => (0, None),
            FetchError::Status { status, retry_after } if is_client_error(*status) => {
                (self.client_error_attempts, *retry_after)
            }
            FetchError::Status { retry_after, .. } => (self.attempts, *retry_after),
            _ => (self.attempts, None),
        };
        let reason = match error {
            FetchError::Refused(_) => {
                format!("{error} (add the webhook with --allow-private for your own network)")
            }
            _ => error.to_string(),
        };
        if attempt >= last {
            let error = match attempt {
                1 => format!("gave up: {reason}"),
                n => format!("gave up after {n} attempts: {reason}"),
            };
            return DeliveryOutcome::GaveUp { at: now, error };
        }
        let wait =
            retry_after.map_or(self.wait(attempt), |asked| asked.max(self.wait(attempt))).min(self.max);
        let wait = chrono::Duration::from_std(wait).unwrap_or(chrono::Duration::hours(6));
        DeliveryOutcome::Retry { at: now, error: reason, retry_at: now + wait }
    }
}

/// A 4xx saying the request is wrong, not that the receiver is slow or busy.
fn is_client_error(status: u16) -> bool {
    (400..500).contains(&status) && status != 408 && status != 429
}

/// Sends the deliveries due by `now`, round after round of claims (each webhook's next one is
/// due as soon as the one before went through), at most
/// [`NotifyOptions::deliveries_per_round`] rounds.
pub(super) fn send_due(
    engine: &Engine,
    options: &NotifyOptions,
    now: DateTime<Utc>,
    summary: &mut NotifySummary,
) -> Result<()> {
    let lease = chrono::Duration::from_std(options.fetch.timeout.saturating_add(LEASE_MARGIN))
        .unwrap_or(chrono::Duration::hours(1));
    let mut senders: Option<(tokio::runtime::Runtime, Fetcher, Fetcher)> = None;
    for _ in 0..options.deliveries_per_round {
        // From the clock, not `now`: the lease must outlast this process's real sending.
        let until = now.max(Utc::now()) + lease;
        let claimed = engine.store.claim_deliveries(now, until, AT_ONCE)?;
        if claimed.is_empty() {
            break;
        }
        let (runtime, guarded, open) = match &senders {
            Some(senders) => senders,
            None => senders.insert(start(&options.fetch)?),
        };
        let sent = runtime.block_on(async {
            let mut set = JoinSet::new();
            for delivery in claimed {
                let fetcher = match delivery.allow_private || options.allow_private {
                    true => open.clone(),
                    false => guarded.clone(),
                };
                set.spawn(async move {
                    let result = post(&fetcher, &delivery).await;
                    (delivery, result)
                });
            }
            let mut sent = Vec::new();
            while let Some(joined) = set.join_next().await {
                // A send that panicked stays claimed, and is sent again when its lease ends.
                match joined {
                    Ok(done) => sent.push(done),
                    Err(e) => tracing::error!("sending a webhook delivery failed: {e}"),
                }
            }
            sent
        });
        for (delivery, result) in sent {
            let outcome = options.backoff.outcome(delivery.attempts.saturating_add(1), &result, now);
            match &outcome {
                DeliveryOutcome::Delivered { .. } => summary.delivered += 1,
                DeliveryOutcome::Retry { error, .. } => {
                    summary.retrying += 1;
                    summary.failures.push(format!("webhook {}: {error}", delivery.webhook));
                }
                DeliveryOutcome::GaveUp { error, .. } => {
                    summary.given_up += 1;
                    summary.failures.push(format!("webhook {}: {error}", delivery.webhook));
                }
            }
            engine.store.record_delivery(delivery.id, &outcome)?;
        }
    }
    Ok(())
}

/// The runtime driving the requests, a guarded fetcher and one open to private addresses.
fn start(fetch: &FetchOptions) -> Result<(tokio::runtime::Runtime, Fetcher, Fetcher)> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| PipelineError::Fetch(format!("cannot start the sender: {e}")))?;
    let build = |policy: AddressPolicy| {
        Fetcher::new(FetchOptions { policy, ..fetch.clone() })
            .map_err(|e| PipelineError::Fetch(e.to_string()))
    };
    let guarded = build(fetch.policy.clone())?;
    let open = build(AddressPolicy { allow_private: true, allowed: Vec::new() })?;
    Ok((runtime, guarded, open))
}

/// One attempt, with ids a receiver can tell repeats by: a delivery whose answer was lost is
/// sent again.
async fn post(fetcher: &Fetcher, delivery: &Delivery) -> std::result::Result<Posted, FetchError> {
    let headers = [
        ("x-newsgraph-webhook", delivery.webhook.to_string()),
        ("x-newsgraph-delivery", delivery.id.to_string()),
    ];
    fetcher.post_json(&delivery.url, delivery.payload.clone().into_bytes(), &headers).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(status: u16) -> std::result::Result<Posted, FetchError> {
        Err(FetchError::Status { status, retry_after: None })
    }

    #[test]
    fn waits_double_up_to_a_cap_and_attempts_run_out() {
        let backoff = Backoff::default();
        let minutes: Vec<u64> = (1..=10).map(|n| backoff.wait(n).as_secs() / 60).collect();
        assert_eq!(minutes, [1, 2, 4, 8, 16, 32, 64, 128, 256, 360]);
        assert_eq!(backoff.wait(40), backoff.max, "no overflow");
        let now = DateTime::from_timestamp(1_900_000_000, 0).expect("time");
        let retry = backoff.outcome(3, &status(500), now);
        assert!(
            matches!(retry, DeliveryOutcome::Retry { retry_at, .. } if retry_at == now + chrono::Duration::minutes(4))
        );
        let last = backoff.outcome(10, &status(503), now);
        assert!(
            matches!(last, DeliveryOutcome::GaveUp { ref error, .. } if error.starts_with("gave up after 10 attempts")),
            "{last:?}"
        );
        let ok = backoff.outcome(1, &Ok(Posted { status: 204, body: Vec::new() }), now);
        assert_eq!(ok, DeliveryOutcome::Delivered { at: now });
    }

    #[test]
    fn client_errors_stop_sooner_and_refusals_at_once() {
        let backoff = Backoff::default();
        let now = DateTime::from_timestamp(1_900_000_000, 0).expect("time");
        assert!(matches!(backoff.outcome(2, &status(404), now), DeliveryOutcome::Retry { .. }));
        assert!(matches!(backoff.outcome(3, &status(404), now), DeliveryOutcome::GaveUp { .. }));
        assert!(
            matches!(backoff.outcome(3, &status(429), now), DeliveryOutcome::Retry { .. }),
            "busy, not wrong"
        );
        assert!(matches!(backoff.outcome(3, &status(408), now), DeliveryOutcome::Retry { .. }));
        let refused = Err(FetchError::Refused(newsgraph_fetch::Refusal::Name("localhost".into())));
        let outcome = backoff.outcome(1, &refused, now);
        assert!(
            matches!(outcome, DeliveryOutcome::GaveUp { ref error, .. } if error.contains("--allow-private")),
            "{outcome:?}"
        );
        let asked = Err(FetchError::Status { status: 503, retry_after: Some(Duration::from_secs(3600)) });
        let outcome = backoff.outcome(1, &asked, now);
        assert!(
            matches!(outcome, DeliveryOutcome::Retry { retry_at, .. } if retry_at == now + chrono::Duration::hours(1))
        );
    }
}
