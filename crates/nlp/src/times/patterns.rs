//! The patterns tried at each token, and what a match says before it is placed in time.

use chrono::Weekday;
use newsgraph_model::TimeGranularity;

use super::words::{Lex, Rel, Unit, Word, is_marker, lex, low};

/// The year a date, month or season is given in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum YearOf {
    Named(i32),
    /// "May last year": -1; "March 8 of next year": 1.
    Relative(i8),
    /// None given: the tense and the publication date choose.
    Open,
}

/// What an expression says, before the publication date places it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Meaning {
    Date {
        year: YearOf,
        month: u32,
        day: u32,
    },
    Month {
        year: YearOf,
        month: u32,
        rel: Option<Rel>,
    },
    Season {
        year: YearOf,
        begins: u32,
        rel: Option<Rel>,
    },
    Year(i32),
    Weekday {
        day: Weekday,
        rel: Option<Rel>,
    },
    Weekend(Option<Rel>),
    /// today, yesterday, tomorrow.
    Days(i8),
    /// "last week", "this month", "next year".
    Calendar {
        unit: Unit,
        rel: Rel,
    },
    /// "three years ago", "in two weeks": the unit-long period that far away.
    Shift {
        unit: Unit,
        n: u64,
        back: bool,
    },
    /// "the past three years", "within two weeks": the stretch up to or from the date.
    Stretch {
        unit: Unit,
        n: u64,
        back: bool,
    },
    /// "earlier this month", "later this year".
    Part {
        unit: Unit,
        later: bool,
    },
}

impl Meaning {
    pub(super) fn granularity(self) -> TimeGranularity {
        match self {
            Meaning::Date { .. } | Meaning::Weekday { .. } | Meaning::Days(_) => TimeGranularity::Day,
            Meaning::Month { .. } => TimeGranularity::Month,
            Meaning::Season { .. } => TimeGranularity::Season,
            Meaning::Year(_) => TimeGranularity::Year,
            Meaning::Weekend(_) => TimeGranularity::Week,
            Meaning::Calendar { unit, .. }
            | Meaning::Shift { unit, .. }
            | Meaning::Stretch { unit, .. }
            | Meaning::Part { unit, .. } => match unit {
                Unit::Day => TimeGranularity::Day,
                Unit::Week => TimeGranularity::Week,
                Unit::Month => TimeGranularity::Month,
                Unit::Year => TimeGranularity::Year,
            },
        }
    }
}

/// A pattern matched over words `[start, end)`.
pub(super) struct Match {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) meaning: Meaning,
    /// "in two days": only a time when the sentence is not in the past.
    pub(super) not_past: bool,
}

impl Match {
    fn new(start: usize, end: usize, meaning: Meaning) -> Option<Match> {
        Some(Match { start, end, meaning, not_past: false })
    }
}

/// Whether the word before `i` (or the one before a "the" there) marks a time.
pub(super) fn marked(words: &[Word], i: usize, through_the: bool) -> bool {
    let Some(prev) = i.checked_sub(1) else { return false };
    if through_the && low(words, prev) == "the" {
        return prev.checked_sub(1).is_some_and(|p| is_marker(low(words, p)));
    }
    is_marker(low(words, prev))
}

/// A capitalised word that is not a date word follows `i`: "Sunday Times", "June Carter".
fn name_follows(words: &[Word], i: usize) -> bool {
    words.get(i + 1).is_some_and(|w| w.cap && w.low.starts_with(char::is_alphabetic) && !w.is_time())
}

fn day_number(words: &[Word], i: usize) -> Option<u32> {
    match lex(words, i) {
        Lex::Number { value: day @ 1..=31, digits: 1 | 2 } => u32::try_from(day).ok(),
        Lex::Ordinal(day) => Some(day),
        _ => None,
    }
}

/// A four-digit year at `i`; `bare`: nothing else dates it, so it must look like a year. A
/// bare one outside 1900–2100 must end its phrase: "in 1066." but not "in 1500 homes" or
/// "a college of 1009 \"electors\"".
fn year_at(words: &[Word], i: usize, bare: bool) -> Option<i32> {
    let Lex::Number { value: value @ 1000..=2999, digits: 4 } = lex(words, i) else { return None };
    let year = i32::try_from(value).ok()?;
    let ends_phrase = matches!(
        low(words, i + 1),
        "" | "." | "," | ";" | ":" | ")" | "?" | "!" | "and" | "to" | "-" | "\u{2013}" | "bc" | "ad"
    );
    (!bare || (1900..=2100).contains(&year) || ends_phrase).then_some(year)
}

/// A count at `i`: digits or a spelled-out number.
fn count_at(words: &[Word], i: usize) -> Option<u64> {
    match lex(words, i) {
        Lex::Number { value, .. } | Lex::Count(value) => Some(value),
        _ => None,
    }
}

pub(super) fn match_at(words: &[Word], i: usize) -> Option<Match> {
    if lex(words, i) == Lex::Edge {
        // "early next year", "late Monday", "in mid January".
        let m = core_at(words, i + 1, true)?;
        let edgeable =
            !matches!(m.meaning, Meaning::Shift { .. } | Meaning::Stretch { .. } | Meaning::Part { .. });
        return edgeable.then_some(Match { start: i, ..m });
    }
    let marked = words.get(i).is_some_and(|w| w.edged) || marked(words, i, false);
    core_at(words, i, marked)
}

fn core_at(words: &[Word], i: usize, marked: bool) -> Option<Match> {
    let word = words.get(i)?;
    match word.lex {
        Lex::Iso { year, month, day } => {
            Match::new(i, i + 1, Meaning::Date { year: YearOf::Named(year), month, day })
        }
        Lex::Anchor(days) => {
            let end = if lex(words, i + 1) == Lex::PartOfDay { i + 2 } else { i + 1 };
            Match::new(i, end, Meaning::Days(days))
        }
        Lex::Rel(rel) => rel_at(words, i, rel),
        Lex::Weekday(day) if word.cap => weekday_at(words, i, day, marked),
        Lex::Month { month, short } if word.cap => month_at(words, i, month, short, marked),
        Lex::Season(begins) if marked || marked_through_the(words, i) => season_at(words, i, begins),
        Lex::Number { .. } | Lex::Ordinal(_) | Lex::Count(_) => number_at(words, i, marked),
        Lex::Weekend if marked_through_the(words, i) => Match::new(i, i + 1, Meaning::Weekend(None)),
        _ => match word.low {
            "earlier" | "later" => part_at(words, i),
            "in" | "within" => in_at(words, i),
            _ => None,
        },
    }
}

/// "in the spring", "over the weekend": a marker (or "over", "at") before "the".
fn marked_through_the(words: &[Word], i: usize) -> bool {
    let over_the = i >= 2 && low(words, i - 1) == "the" && matches!(low(words, i - 2), "over" | "at");
    over_the || marked(words, i, true)
}

/// "last week", "this Monday", "next spring", "the past three years", "last night".
fn rel_at(words: &[Word], i: usize, rel: Rel) -> Option<Match> {
    // "Kamloops This Week": a title inside the sentence, not a time.
    let titled = words.get(i + 1).is_some_and(|w| w.cap)
        && words[i].cap
        && i > 0
        && low(words, i - 1).starts_with(char::is_alphanumeric);
    if titled {
        return None;
    }
    let calendar = matches!(rel, Rel::Last | Rel::This | Rel::Next);
    // "the last two weeks"; "the talks will last a week" is the verb.
    if let (Some(n), Lex::Unit { unit, .. }) = (count_at(words, i + 1), lex(words, i + 2))
        && i > 0
        && low(words, i - 1) == "the"
    {
        let back = match rel {
            Rel::Last | Rel::Past => true,
            Rel::Next | Rel::Coming => false,
            Rel::This => return None,
        };
        return Match::new(i, i + 3, Meaning::Stretch { unit, n, back });
    }
    // "the DoJ opened an inquiry the next month": the story's next month, not the reader's.
    let after_the = i > 0 && low(words, i - 1) == "the";
    let meaning = match (lex(words, i + 1), rel) {
        (Lex::Unit { unit: Unit::Day, .. } | Lex::Unit { plural: true, .. }, _) => return None,
        (Lex::Unit { .. }, Rel::Next) if after_the => return None,
        (Lex::Unit { unit, .. }, Rel::Past) => Meaning::Stretch { unit, n: 1, back: true },
        (Lex::Unit { unit, .. }, Rel::Coming) => Meaning::Stretch { unit, n: 1, back: false },
        (Lex::Unit { unit, .. }, _) => Meaning::Calendar { unit, rel },
        (Lex::PartOfDay, Rel::Last) if low(words, i + 1) == "night" => Meaning::Days(-1),
        (Lex::PartOfDay, Rel::This) => Meaning::Days(0),
        (Lex::Weekend, _) if calendar => Meaning::Weekend(Some(rel)),
        (Lex::Weekday(day), _) if calendar => {
            let end = if lex(words, i + 2) == Lex::PartOfDay { i + 3 } else { i + 2 };
            return Match::new(i, end, Meaning::Weekday { day, rel: Some(rel) });
        }
        (Lex::Month { month, .. }, _) if calendar => {
            Meaning::Month { year: YearOf::Open, month, rel: Some(rel) }
        }
        (Lex::Season(begins), _) if calendar => {
            Meaning::Season { year: YearOf::Open, begins, rel: Some(rel) }
        }
        _ => return None,
    };
    Match::new(i, i + 2, meaning)
}

/// "Monday", "Monday night", "Monday, December 19".
fn weekday_at(words: &[Word], i: usize, day: Weekday, marked: bool) -> Option<Match> {
    let next = if low(words, i + 1) == "," { i + 2 } else { i + 1 };
    if let Some(date) = date_at(words, next) {
        return Some(Match { start: i, ..date });
    }
    if lex(words, i + 1) == Lex::PartOfDay {
        return Match::new(i, i + 2, Meaning::Weekday { day, rel: None });
    }
    if !marked && name_follows(words, i) {
        return None;
    }
    Match::new(i, i + 1, Meaning::Weekday { day, rel: None })
}

/// A day-and-month date at `i` in either order: "December 20", "20 December", "Dec. 20, 2022",
/// "20th of December 2022".
fn date_at(words: &[Word], i: usize) -> Option<Match> {
    match lex(words, i) {
        Lex::Month { month, .. } if words.get(i).is_some_and(|w| w.cap) => {
            let day = day_number(words, i + 1)?;
            let (year, end) = year_after(words, i + 2);
            Match::new(i, end, Meaning::Date { year, month, day })
        }
        Lex::Number { .. } | Lex::Ordinal(_) => {
            let day = day_number(words, i)?;
            let at = if low(words, i + 1) == "of" { i + 2 } else { i + 1 };
            let Lex::Month { month, .. } = lex(words, at) else { return None };
            if !words.get(at).is_some_and(|w| w.cap) {
                return None;
            }
            let (year, end) = year_after(words, at + 1);
            Match::new(i, end, Meaning::Date { year, month, day })
        }
        _ => None,
    }
}

/// The year after a date, month or season, and where it ends: "2022", ", 2022", "of 2022",
/// "last year", "of next year".
fn year_after(words: &[Word], i: usize) -> (YearOf, usize) {
    let at = if matches!(low(words, i), "," | "of") { i + 1 } else { i };
    if let Some(year) = year_at(words, at, false) {
        return (YearOf::Named(year), at + 1);
    }
    if low(words, i) != ","
        && let (Lex::Rel(rel), Lex::Unit { unit: Unit::Year, plural: false }) =
            (lex(words, at), lex(words, at + 1))
    {
        let shift = match rel {
            Rel::Last => -1,
            Rel::This => 0,
            Rel::Next => 1,
            Rel::Past | Rel::Coming => return (YearOf::Open, i),
        };
        return (YearOf::Relative(shift), at + 2);
    }
    (YearOf::Open, i)
}

/// "January", "January 2023", "January of 2023", "Dec. 20", "May 5".
fn month_at(words: &[Word], i: usize, month: u32, short: bool, marked: bool) -> Option<Match> {
    if let Some(date) = date_at(words, i) {
        return Some(date);
    }
    let (year, end) = year_after(words, i + 1);
    let named = matches!(year, YearOf::Named(_));
    if !named && !marked && (short || month == 5 || name_follows(words, i)) {
        return None;
    }
    // "in protest to May's Brexit deal": the name, unless "last May's".
    let possessive = matches!(low(words, i + 1), "'s" | "\u{2019}s");
    if month == 5
        && possessive
        && !i.checked_sub(1).is_some_and(|j| matches!(lex(words, j), Lex::Rel(_) | Lex::Edge))
    {
        return None;
    }
    Match::new(i, end, Meaning::Month { year, month, rel: None })
}

/// "spring", "spring 2023", "the winter of 2022"; not "the fall of Kabul".
fn season_at(words: &[Word], i: usize, begins: u32) -> Option<Match> {
    let (year, end) = year_after(words, i + 1);
    if year == YearOf::Open && low(words, i) == "fall" && low(words, i + 1) == "of" {
        return None;
    }
    Match::new(i, end, Meaning::Season { year, begins, rel: None })
}

/// "20 December", "three years ago", "a week ago", "2019" after a marker.
fn number_at(words: &[Word], i: usize, marked: bool) -> Option<Match> {
    if let Some(date) = date_at(words, i) {
        return Some(date);
    }
    if let (Some(n), Lex::Unit { unit, .. }) = (count_at(words, i), lex(words, i + 1))
        && low(words, i + 2) == "ago"
    {
        return Match::new(i, i + 3, Meaning::Shift { unit, n, back: true });
    }
    // "in 2019 and 2020".
    let listed = i >= 2
        && matches!(low(words, i - 1), "and" | "or" | "-" | "\u{2013}")
        && year_at(words, i - 2, false).is_some();
    let year = year_at(words, i, true).filter(|_| marked || listed)?;
    Match::new(i, i + 1, Meaning::Year(year))
}

/// "in two weeks", "within a month"; not "in three days of talks".
fn in_at(words: &[Word], i: usize) -> Option<Match> {
    // "once in three months": a frequency.
    if i > 0 && matches!(low(words, i - 1), "once" | "twice" | "times") {
        return None;
    }
    let n = count_at(words, i + 1)?;
    let Lex::Unit { unit, .. } = lex(words, i + 2) else { return None };
    if matches!(low(words, i + 3), "of" | "'s" | "\u{2019}s") {
        return None;
    }
    let meaning = if low(words, i) == "within" {
        Meaning::Stretch { unit, n, back: false }
    } else {
        Meaning::Shift { unit, n, back: false }
    };
    Some(Match { start: i, end: i + 3, meaning, not_past: true })
}

/// "earlier this month", "later this year".
fn part_at(words: &[Word], i: usize) -> Option<Match> {
    if low(words, i + 1) != "this" {
        return None;
    }
    let Lex::Unit { unit: unit @ (Unit::Week | Unit::Month | Unit::Year), plural: false } = lex(words, i + 2)
    else {
        return None;
    };
    Match::new(i, i + 3, Meaning::Part { unit, later: low(words, i) == "later" })
}
