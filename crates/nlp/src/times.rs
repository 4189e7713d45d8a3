//! Time expressions in news text ("on Monday", "last week", "as early as January",
//! "Dec. 20, 2022", "three years ago"), resolved against the publication date.
//!
//! One pass over each sentence's tokens ([`crate::tokens`]): every token is classified once
//! (weekday, month, number, "last" ...) in `words`, then a handful of fixed patterns of a
//! few tokens each (`patterns`) are tried at each position, and a match is placed in time
//! (`resolve`). No regex, so no blow-up on hostile text.
//!
//! What a [`TimeRef`] holds:
//! - `span`: the time words, without the preposition or the "the" before them: "Monday" in
//!   "on Monday", "2019" in "since 2019", "spring" in "in the spring", "weekend" in "over
//!   the weekend", "January" in "as early as January". "in" or "within" before a count
//!   stays ("in two weeks"): it gives the direction. "early", "mid" and "late" stay ("early
//!   next year", "mid-May") but do not narrow the period.
//! - `start..=end` and `granularity`: the period meant and its kind. Dates that name their
//!   year ("Dec. 20, 2022", "2022-12-20", "in 2019", "January 2023") resolve without a
//!   publication date; the others need one, and without it come back recognised but not
//!   placed: `start` and `end` `None`, `granularity` set. An impossible date ("February 30",
//!   a shift past chrono's range) comes back the same way.
//!
//! The rules for what the words leave open:
//! - Weeks run Monday to Sunday: "last/this/next week" are the calendar weeks before, around
//!   and after the publication date. A weekend is its Saturday and Sunday, granularity Week.
//! - Seasons are the northern-hemisphere meteorological ones: spring March to May, summer
//!   June to August, autumn (fall) September to November, winter December to February;
//!   "winter 2022" is the one that begins in December 2022.
//! - Tense decides the direction of a bare weekday, month, season or day-and-month. It is
//!   the tense cue nearest the expression in its sentence, counted in tokens; a cue after
//!   the expression counts double its distance (the verb of a time phrase mostly comes
//!   before it) and a tie goes to the past. Future cues are modals (will, would, could,
//!   might, may ...), "plans to", "expected", "next", "is to", "going to" ...; past cues
//!   are "said", "was", "has", "ago", "last", irregular past forms and lower-case words
//!   ending in "-ed" (not after "be": "will be held").
//! - A bare weekday is the latest such day on or before the publication date (news writes
//!   the past week; the publication day itself for its own weekday, as agencies write "on
//!   Tuesday" for today), or the first on or after it when the nearest cue is future.
//!   "last Monday" and "next Monday" are the nearest strictly before and after; "this
//!   Monday" is the one in the publication week.
//! - A bare month, season or day-and-month: the latest begun by the publication date after
//!   a past cue, the first not yet over after a future cue, and without a cue the one nearest
//!   the publication date (a tie goes to the earlier). The month or season around the
//!   publication date, and a day-and-month within two weeks of it, win whatever the tense
//!   ("said on Tuesday the deadline of August 31": the cue is often the verb of saying).
//!   "last"/"next" January: the latest over before it and the first begun after it; "this":
//!   the one around it, else as bare. "May last year", "March 8 of next year": that year.
//! - "since 2019", "until March": the period named; the model has no field for the relation.
//! - "N days/weeks/months/years ago" and "in N ...": the day, calendar week, month or year
//!   that far from the publication date. "in N ..." in a past-tense sentence is a duration
//!   ("won in two days") and is skipped. "the past N weeks" is the stretch up to the
//!   publication date, "the next N weeks" and "within N weeks" the stretch from it.
//! - "earlier this month" runs from the month's first day to the publication date, "later
//!   this year" from the publication date to the year's last day.
//!
//! Not matched, on purpose: "May" without a day or year after it or a marker word ("in",
//! "since", "early", "last" ...) before it (the modal verb, Theresa May), and "May's" after
//! anything but "last", "this", "next" or an edge word; abbreviated months likewise;
//! lower-case month and weekday names (march, may); a weekday or month followed by a
//! capitalised word other than a date word, unless a marker comes before it ("Sunday
//! Times", "June Carter"; title-case headlines lose "Monday" there too); "This Week" and the
//! like inside a sentence after a word (a title); a year without a marker word before it,
//! and one outside 1900–2100 that does not end its phrase ("in 1500 homes"): counts, not
//! years; "the next month" (the story's, not the reader's); "once in three months".
//!
//! Not handled: decades ("the 1990s"), numeric dates other than ISO ("12/20/2022" is
//! ambiguous), times of day, holidays, fiscal years ("2022/23"), "a few days ago", "the day
//! before" and "the previous week" (relative to the story, not the publication), ranges as
//! one expression ("from May to July" gives two).

mod patterns;
mod resolve;
#[cfg(test)]
mod tests;
mod words;

use chrono::NaiveDate;
use newsgraph_model::{Span, TimeRef};

use crate::tokens::{Sentence, sentences};
use patterns::match_at;
use resolve::resolve;
use words::{Tense, Word, cue, tense_near};

/// The time expressions of `text`, in order, resolved against `published` when given.
pub fn time_expressions(text: &str, published: Option<NaiveDate>) -> Vec<TimeRef> {
    time_expressions_in(text, &sentences(text), published)
}

/// As [`time_expressions`], over sentences already cut from `text` (the entity recognizer
/// cuts them too), so the text is tokenised once.
pub fn time_expressions_in(text: &str, sentences: &[Sentence], published: Option<NaiveDate>) -> Vec<TimeRef> {
    // ASCII lower-casing keeps every byte offset, so tokens slice both strings alike.
    let lower = text.to_ascii_lowercase();
    let mut out = Vec::new();
    let mut words = Vec::new();
    for sentence in sentences {
        words.clear();
        words.extend(sentence.tokens.iter().map(|&t| Word::new(text, &lower, t)));
        scan(text, &words, published, &mut out);
    }
    out
}

fn scan(text: &str, words: &[Word], published: Option<NaiveDate>, out: &mut Vec<TimeRef>) {
    let cues: Vec<(usize, Tense)> = (0..words.len()).filter_map(|i| cue(words, i).map(|t| (i, t))).collect();
    let mut i = 0;
    while i < words.len() {
        let Some(m) = match_at(words, i) else {
            i += 1;
            continue;
        };
        let tense = tense_near(&cues, m.start, m.end);
        if m.not_past && tense == Tense::Past {
            i += 1;
            continue;
        }
        let (Some(first), Some(last)) = (words.get(m.start), m.end.checked_sub(1).and_then(|e| words.get(e)))
        else {
            break;
        };
        let span = Span::new(first.tok.start, last.tok.end);
        if span.slice(text).is_some() {
            let placed = resolve(m.meaning, published, tense);
            out.push(TimeRef {
                span,
                start: placed.map(|p| p.0),
                end: placed.map(|p| p.1),
                granularity: Some(m.meaning.granularity()),
            });
        }
        i = m.end.max(i + 1);
    }
}
