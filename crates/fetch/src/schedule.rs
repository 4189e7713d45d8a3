//! When to poll a feed again: often enough to see new entries soon after they appear (twice
//! per the feed's usual gap between entries), never more often than the feed asks (`<ttl>`,
//! `Cache-Control: max-age`, `Retry-After` up to a week), backing off exponentially while it
//! keeps failing, within bounds, and spread by a little jitter so feeds added together do not stay in step.
//! Pure: the caller supplies what it saw and a seed (say, a hash of the feed's URL).

use std::time::Duration;

#[derive(Debug, Clone, Copy)]
pub struct ScheduleOptions {
    pub shortest: Duration,
    pub longest: Duration,
    /// Without anything better to go by, and the first step of a failing feed's backoff.
    pub usual: Duration,
    /// The next poll moves by up to this share either way.
    pub jitter: f64,
}

impl Default for ScheduleOptions {
    fn default() -> Self {
        ScheduleOptions {
            shortest: Duration::from_secs(5 * 60),
            longest: Duration::from_secs(24 * 3600),
            usual: Duration::from_secs(3600),
            jitter: 0.1,
        }
    }
}

/// What the last polls said about a feed.
#[derive(Debug, Clone, Default)]
pub struct PollSignals {
    /// The feed's own `<ttl>`.
    pub ttl: Option<Duration>,
    /// `Cache-Control: max-age` of the last answer.
    pub max_age: Option<Duration>,
    /// `Retry-After` of the last answer (429, 503).
    pub retry_after: Option<Duration>,
    /// The usual gap between the feed's entries ([`usual_gap`]).
    pub entry_gap: Option<Duration>,
    /// Polls that failed in a row, up to the last.
    pub failures: u32,
}

/// How long to wait before polling again.
pub fn next_poll(signals: &PollSignals, options: &ScheduleOptions, seed: u64) -> Duration {
    let wanted = match signals.failures {
        0 => signals.entry_gap.map_or(options.usual, |gap| gap / 2),
        n => options.usual.saturating_mul(1 << (n - 1).min(16)),
    };
    // The feed's own limits are floors; the bounds hold whatever they say, except that a
    // server's Retry-After is always honoured.
    let floor = [signals.ttl, signals.max_age].into_iter().flatten().max().unwrap_or_default();
    let wait = wanted.max(floor).clamp(options.shortest, options.longest);
    let wait = wait.mul_f64(1.0 + options.jitter * (2.0 * unit(seed ^ u64::from(signals.failures)) - 1.0));
    // A server's Retry-After is honoured up to a week: a hostile one must not park a source
    // for ever (or past the calendar's end).
    wait.max(signals.retry_after.unwrap_or_default().min(LONGEST_RETRY_AFTER))
}

/// The longest `Retry-After` honoured.
pub const LONGEST_RETRY_AFTER: Duration = Duration::from_secs(7 * 86_400);

/// The median gap between a feed's distinct entry times (seconds since the epoch), over its
/// latest 20 entries; `None` with fewer than two.
pub fn usual_gap(times: &[i64]) -> Option<Duration> {
    let mut times: Vec<i64> = times.to_vec();
    times.sort_unstable();
    times.dedup();
    let latest = &times[times.len().saturating_sub(20)..];
    let mut gaps: Vec<i64> = latest.windows(2).map(|w| w[1] - w[0]).collect();
    gaps.sort_unstable();
    let median = *gaps.get(gaps.len() / 2)?;
    Some(Duration::from_secs(median.max(0) as u64))
}

/// A number in [0, 1) from a seed (SplitMix64's finaliser).
fn unit(seed: u64) -> f64 {
    let mut x = seed.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^= x >> 31;
    (x >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINUTE: Duration = Duration::from_secs(60);

    fn without_jitter() -> ScheduleOptions {
        ScheduleOptions { jitter: 0.0, ..ScheduleOptions::default() }
    }

    #[test]
    fn a_busy_feed_is_polled_often_but_not_more_than_it_asks() {
        let options = without_jitter();
        let busy = PollSignals { entry_gap: Some(20 * MINUTE), ..PollSignals::default() };
        assert_eq!(next_poll(&busy, &options, 1), 10 * MINUTE);
        let asks = PollSignals { ttl: Some(30 * MINUTE), ..busy.clone() };
        assert_eq!(next_poll(&asks, &options, 1), 30 * MINUTE);
        let cached = PollSignals { max_age: Some(45 * MINUTE), ..busy.clone() };
        assert_eq!(next_poll(&cached, &options, 1), 45 * MINUTE);
        let frantic = PollSignals { entry_gap: Some(MINUTE), ..PollSignals::default() };
        assert_eq!(next_poll(&frantic, &options, 1), 5 * MINUTE, "never below the shortest");
        let quiet =
            PollSignals { entry_gap: Some(Duration::from_secs(30 * 86_400)), ..PollSignals::default() };
        assert_eq!(next_poll(&quiet, &options, 1), 24 * 60 * MINUTE, "never above the longest");
        assert_eq!(next_poll(&PollSignals::default(), &options, 1), 60 * MINUTE);
    }

    #[test]
    fn a_failing_feed_backs_off_and_retry_after_is_honoured() {
        let options = without_jitter();
        let failing = |failures| PollSignals { failures, ..PollSignals::default() };
        assert_eq!(next_poll(&failing(1), &options, 1), 60 * MINUTE);
        assert_eq!(next_poll(&failing(2), &options, 1), 120 * MINUTE);
        assert_eq!(next_poll(&failing(4), &options, 1), 480 * MINUTE);
        assert_eq!(next_poll(&failing(40), &options, 1), 24 * 60 * MINUTE);
        let throttled = PollSignals { retry_after: Some(Duration::from_secs(3 * 86_400)), ..failing(1) };
        assert_eq!(next_poll(&throttled, &options, 1), Duration::from_secs(3 * 86_400));
        let hostile = PollSignals { retry_after: Some(Duration::from_secs(9_999_999_999_999)), ..failing(1) };
        assert_eq!(next_poll(&hostile, &options, 1), LONGEST_RETRY_AFTER);
    }

    #[test]
    fn jitter_spreads_feeds_within_its_share() {
        let options = ScheduleOptions::default();
        let waits: Vec<Duration> =
            (0..200).map(|seed| next_poll(&PollSignals::default(), &options, seed)).collect();
        assert!(waits.iter().all(|w| (54 * MINUTE..=66 * MINUTE).contains(w)), "{waits:?}");
        let distinct: std::collections::HashSet<Duration> = waits.iter().copied().collect();
        assert!(distinct.len() > 150, "spread out");
        assert_eq!(waits[7], next_poll(&PollSignals::default(), &options, 7), "the same seed, the same wait");
    }

    #[test]
    fn the_usual_gap_is_the_median_of_the_latest_entries() {
        assert_eq!(usual_gap(&[]), None);
        assert_eq!(usual_gap(&[100]), None);
        assert_eq!(usual_gap(&[100, 100]), None, "one distinct time");
        assert_eq!(usual_gap(&[0, 600, 1200, 1800, 100_000]), Some(Duration::from_secs(600)));
        let many: Vec<i64> = (0..100).map(|i| i * 60).collect();
        assert_eq!(usual_gap(&many), Some(MINUTE));
    }
}
