//! Placing a matched expression in time: the period it means, given the publication date.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

use super::patterns::{Meaning, YearOf};
use super::words::{Rel, Tense, Unit};

type Period = (NaiveDate, NaiveDate);

/// How close to the publication date a day-and-month must be to win whatever the tense:
/// "said on Tuesday the deadline of August 31", "was arrested on December 28" in January.
/// A month or season wins only when the publication date falls in it: "prices fell in
/// January", written on December 27, is the January gone.
const NEAR_DAYS: i64 = 14;

/// The period meant, or `None` when it cannot be placed.
pub(super) fn resolve(meaning: Meaning, published: Option<NaiveDate>, tense: Tense) -> Option<Period> {
    match meaning {
        Meaning::Year(year) => year_span(year),
        Meaning::Date { year: YearOf::Named(year), month, day } => {
            day_span(NaiveDate::from_ymd_opt(year, month, day)?)
        }
        Meaning::Month { year: YearOf::Named(year), month, .. } => month_span(year, month),
        Meaning::Season { year: YearOf::Named(year), begins, .. } => season_span(year, begins),
        _ => relative(meaning, published?, tense),
    }
}

pub(super) fn relative(meaning: Meaning, p: NaiveDate, tense: Tense) -> Option<Period> {
    let year = |shift: i8| p.year() + i32::from(shift);
    match meaning {
        Meaning::Date { year: YearOf::Relative(k), month, day } => {
            day_span(NaiveDate::from_ymd_opt(year(k), month, day)?)
        }
        Meaning::Month { year: YearOf::Relative(k), month, .. } => month_span(year(k), month),
        Meaning::Season { year: YearOf::Relative(k), begins, .. } => season_span(year(k), begins),
        Meaning::Date { month, day, .. } => {
            choose(p, tense, None, NEAR_DAYS, |y| NaiveDate::from_ymd_opt(y, month, day).and_then(day_span))
        }
        Meaning::Month { month, rel, .. } => choose(p, tense, rel, 0, |y| month_span(y, month)),
        Meaning::Season { begins, rel, .. } => choose(p, tense, rel, 0, |y| season_span(y, begins)),
        Meaning::Weekday { day, rel } => day_span(weekday(p, day, rel, tense)?),
        Meaning::Weekend(rel) => weekend(p, rel, tense),
        Meaning::Days(n) => day_span(shift(p, Unit::Day, u64::from(n.unsigned_abs()), n < 0)?),
        Meaning::Calendar { unit, rel } => {
            let back = rel == Rel::Last;
            let n = u64::from(rel != Rel::This);
            period(unit, shift(p, unit, n, back)?)
        }
        Meaning::Shift { unit, n, back } => period(unit, shift(p, unit, n, back)?),
        Meaning::Stretch { unit, n, back } => {
            let other = shift(p, unit, n, back)?;
            Some(if back { (other, p) } else { (p, other) })
        }
        Meaning::Part { unit, later } => {
            let (start, end) = period(unit, p)?;
            Some(if later { (p, end) } else { (start, p) })
        }
        Meaning::Year(_) => None,
    }
}

/// Among the yearly occurrences of a month, season or day around `p`, the one meant; one
/// within `near` days of `p` is taken whatever the tense.
pub(super) fn choose(
    p: NaiveDate,
    tense: Tense,
    rel: Option<Rel>,
    near: i64,
    occurrence: impl Fn(i32) -> Option<Period>,
) -> Option<Period> {
    // Two years back: "last winter" in January is the winter begun thirteen months before.
    let candidates: Vec<Period> = (p.year() - 2..=p.year() + 1).filter_map(occurrence).collect();
    match rel {
        Some(Rel::Last) => return candidates.iter().rev().find(|c| c.1 < p).copied(),
        Some(Rel::Next) => return candidates.iter().find(|c| c.0 > p).copied(),
        Some(Rel::This) => {
            if let Some(&around) = candidates.iter().find(|c| c.0 <= p && p <= c.1) {
                return Some(around);
            }
        }
        _ => {}
    }
    let distance = |&(start, end): &Period| {
        if p < start {
            (start - p).num_days()
        } else if p > end {
            (p - end).num_days()
        } else {
            0
        }
    };
    let nearest = candidates.iter().min_by_key(|c| distance(c)).copied();
    match tense {
        _ if nearest.is_some_and(|c| distance(&c) <= near) => nearest,
        Tense::Past => candidates.iter().rev().find(|c| c.0 <= p).copied(),
        Tense::Future => candidates.iter().find(|c| c.1 >= p).copied(),
        Tense::Unknown => nearest,
    }
}

pub(super) fn weekday(p: NaiveDate, day: Weekday, rel: Option<Rel>, tense: Tense) -> Option<NaiveDate> {
    let today = p.weekday().num_days_from_monday();
    let target = day.num_days_from_monday();
    let back = u64::from((today + 7 - target) % 7);
    let ahead = u64::from((target + 7 - today) % 7);
    match rel {
        Some(Rel::Last) => p.checked_sub_days(Days::new(if back == 0 { 7 } else { back })),
        Some(Rel::Next) => p.checked_add_days(Days::new(if ahead == 0 { 7 } else { ahead })),
        Some(Rel::This) => monday(p)?.checked_add_days(Days::new(u64::from(target))),
        _ if tense == Tense::Future => p.checked_add_days(Days::new(ahead)),
        _ => p.checked_sub_days(Days::new(back)),
    }
}

pub(super) fn weekend(p: NaiveDate, rel: Option<Rel>, tense: Tense) -> Option<Period> {
    let saturday = monday(p)?.checked_add_days(Days::new(5))?;
    let saturday = match rel {
        Some(Rel::Last) => saturday.checked_sub_days(Days::new(7))?,
        Some(Rel::Next) => saturday.checked_add_days(Days::new(7))?,
        // The weekend of the publication week; in the past, the latest begun by then.
        Some(Rel::This) => saturday,
        _ if tense == Tense::Future || saturday <= p => saturday,
        _ => saturday.checked_sub_days(Days::new(7))?,
    };
    Some((saturday, saturday.succ_opt()?))
}

/// `p` moved `n` units back or ahead; `None` past the calendar's range.
pub(super) fn shift(p: NaiveDate, unit: Unit, n: u64, back: bool) -> Option<NaiveDate> {
    let days =
        |d: u64| if back { p.checked_sub_days(Days::new(d)) } else { p.checked_add_days(Days::new(d)) };
    let months = |m: u64| {
        let m = Months::new(u32::try_from(m).ok()?);
        if back { p.checked_sub_months(m) } else { p.checked_add_months(m) }
    };
    match unit {
        Unit::Day => days(n),
        Unit::Week => days(n.checked_mul(7)?),
        Unit::Month => months(n),
        Unit::Year => months(n.checked_mul(12)?),
    }
}

/// The day, Monday-to-Sunday week, month or year around `d`.
pub(super) fn period(unit: Unit, d: NaiveDate) -> Option<Period> {
    match unit {
        Unit::Day => day_span(d),
        Unit::Week => {
            let monday = monday(d)?;
            Some((monday, monday.checked_add_days(Days::new(6))?))
        }
        Unit::Month => month_span(d.year(), d.month()),
        Unit::Year => year_span(d.year()),
    }
}

pub(super) fn monday(d: NaiveDate) -> Option<NaiveDate> {
    d.checked_sub_days(Days::new(u64::from(d.weekday().num_days_from_monday())))
}

fn day_span(d: NaiveDate) -> Option<Period> {
    Some((d, d))
}

/// `months` months from the first of `month`: one for a month, three for a season.
fn months_from(year: i32, month: u32, months: u32) -> Option<Period> {
    let start = NaiveDate::from_ymd_opt(year, month, 1)?;
    Some((start, start.checked_add_months(Months::new(months))?.pred_opt()?))
}

pub(super) fn month_span(year: i32, month: u32) -> Option<Period> {
    months_from(year, month, 1)
}

fn season_span(year: i32, begins: u32) -> Option<Period> {
    months_from(year, begins, 3)
}

fn year_span(year: i32) -> Option<Period> {
    Some((NaiveDate::from_ymd_opt(year, 1, 1)?, NaiveDate::from_ymd_opt(year, 12, 31)?))
}
