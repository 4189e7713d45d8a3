//! What a daily digest reads: the stories that had articles on one day, with that day's counts
//! ([`crate::Store::stories_on`]), and the quotes found in a story's articles
//! ([`crate::Store::story_quotes`]).
//!
//! A day is a UTC day, and an article is seen on the day its time falls in: its publication
//! time, else its import time (the rule of [`crate::StoryDigest::first_seen`] and of the front
//! page's days).

use chrono::NaiveDate;

use crate::StoryDigest;

/// Which stories [`crate::Store::stories_on`] lists: those with articles seen on `day`.
///
/// A query rather than bare arguments so that narrower digests (a section's) can be asked
/// for by a new field without touching the callers that do not narrow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoriesOn {
    pub day: NaiveDate,
    pub limit: u64,
}

/// A story with what one day brought it.
#[derive(Debug, Clone, PartialEq)]
pub struct DayStory {
    pub digest: StoryDigest,
    /// Its articles seen that day, copies included.
    pub articles: u64,
    /// The distinct outlets of those articles ([`newsgraph_model::outlet`]).
    pub outlets: u64,
}

/// The instants a UTC day covers, as Unix seconds: `[start, end)`. `None` for a day whose end
/// no timestamp can hold (the last day chrono knows).
pub fn day_bounds(day: NaiveDate) -> Option<(i64, i64)> {
    let start = day.and_hms_opt(0, 0, 0)?.and_utc();
    let end = day.succ_opt()?.and_hms_opt(0, 0, 0)?.and_utc();
    Some((start.timestamp(), end.timestamp()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_is_a_utc_day_of_86400_seconds() {
        let day = NaiveDate::from_ymd_opt(2022, 12, 19).expect("day");
        assert_eq!(day_bounds(day), Some((1_671_408_000, 1_671_494_400)));
        assert_eq!(day_bounds(NaiveDate::MAX), None);
        assert!(day_bounds(NaiveDate::MIN).is_some());
    }
}
