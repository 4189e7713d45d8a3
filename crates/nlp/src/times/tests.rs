//! Tests of the time expressions, published on 2022-12-20 (a Tuesday) unless said.

use chrono::NaiveDate;
use newsgraph_model::{Span, TimeGranularity};

use super::resolve::month_span;
use super::{time_expressions, time_expressions_in};
use crate::tokens::sentences;

const BELARUS: &str = include_str!("../../../../data/demo/scraped-page-belarus.txt");

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a valid test date")
}

/// Published on a Tuesday, as the founding example page.
fn published() -> Option<NaiveDate> {
    Some(date(2022, 12, 20))
}

type Found<'a> = (&'a str, Option<NaiveDate>, Option<NaiveDate>, Option<TimeGranularity>);

fn found(text: &str, published: Option<NaiveDate>) -> Vec<Found<'_>> {
    time_expressions(text, published)
        .into_iter()
        .map(|t| (t.span.slice(text).expect("on char boundaries"), t.start, t.end, t.granularity))
        .collect()
}

/// The one expression of `text`, with its period.
#[track_caller]
fn one(text: &str) -> (&str, NaiveDate, NaiveDate, TimeGranularity) {
    let all = found(text, published());
    assert_eq!(all.len(), 1, "{text:?}: {all:?}");
    let (span, start, end, granularity) = all[0];
    (span, start.expect("resolved"), end.expect("resolved"), granularity.expect("granularity"))
}

#[track_caller]
fn day(text: &str, span: &str, d: NaiveDate) {
    assert_eq!(one(text), (span, d, d, TimeGranularity::Day), "{text:?}");
}

#[track_caller]
fn period(text: &str, span: &str, start: NaiveDate, end: NaiveDate, granularity: TimeGranularity) {
    assert_eq!(one(text), (span, start, end, granularity), "{text:?}");
}

fn month(text: &str, span: &str, y: i32, m: u32) {
    let end = month_span(y, m).expect("a month").1;
    period(text, span, date(y, m, 1), end, TimeGranularity::Month);
}

fn none(text: &str) {
    assert_eq!(found(text, published()), [], "{text:?}");
}

use TimeGranularity::{Season, Week, Year};

#[test]
fn the_founding_example_page() {
    let all = found(BELARUS, published());
    let get = |span: &str| {
        let hit = all.iter().find(|f| f.0 == span).unwrap_or_else(|| panic!("{span} in {all:?}"));
        (hit.1.expect("resolved"), hit.2.expect("resolved"), hit.3.expect("granularity"))
    };
    assert_eq!(get("Monday"), (date(2022, 12, 19), date(2022, 12, 19), TimeGranularity::Day));
    assert_eq!(get("Friday"), (date(2022, 12, 16), date(2022, 12, 16), TimeGranularity::Day));
    assert_eq!(get("last week"), (date(2022, 12, 12), date(2022, 12, 18), Week));
    assert_eq!(get("Last week"), (date(2022, 12, 12), date(2022, 12, 18), Week));
    assert_eq!(get("January"), (date(2023, 1, 1), date(2023, 1, 31), TimeGranularity::Month));
    assert_eq!(get("spring"), (date(2023, 3, 1), date(2023, 5, 31), Season));
    assert_eq!(get("2019"), (date(2019, 1, 1), date(2019, 12, 31), Year));
    assert_eq!(get("2020"), (date(2020, 1, 1), date(2020, 12, 31), Year));
    // "Since he invaded Ukraine in February", "In February, Russian forces tried": past.
    let februaries: Vec<_> = all.iter().filter(|f| f.0 == "February").collect();
    assert_eq!(februaries.len(), 2);
    for f in februaries {
        assert_eq!((f.1, f.2), (Some(date(2022, 2, 1)), Some(date(2022, 2, 28))));
    }
    let spans: Vec<&str> = all.iter().map(|f| f.0).collect();
    assert_eq!(
        spans,
        [
            "Monday",
            "February",
            "Friday",
            "2019",
            "2020",
            "February",
            "last week",
            "January",
            "spring",
            "Last week"
        ]
    );
    let monday = BELARUS.find("Monday").expect("in the page");
    assert_eq!(time_expressions(BELARUS, published())[0].span, Span::new(monday, monday + 6));
}

#[test]
fn weekdays_are_the_past_week_unless_the_sentence_looks_ahead() {
    let (mon, tue) = (date(2022, 12, 19), date(2022, 12, 20));
    day("Putin went to Belarus on Monday.", "Monday", mon);
    day("He spoke on Tuesday.", "Tuesday", tue);
    day("He spoke on Wednesday.", "Wednesday", date(2022, 12, 14));
    day("He will speak on Wednesday.", "Wednesday", date(2022, 12, 21));
    day("The summit is to open on Friday.", "Friday", date(2022, 12, 23));
    day("The storm is forecast to reach Florida on Friday.", "Friday", date(2022, 12, 23));
    day("Talks will be held on Friday.", "Friday", date(2022, 12, 23));
    day("Talks resumed on Monday night.", "Monday night", mon);
    day("He arrived last Monday.", "last Monday", mon);
    day("He arrives next Monday.", "next Monday", date(2022, 12, 26));
    day("He arrives this Friday.", "this Friday", date(2022, 12, 23));
    day("It happened on Monday, December 19, 2022.", "Monday, December 19, 2022", mon);
    day("It happened on Monday 19 December.", "Monday 19 December", mon);
}

#[test]
fn days_around_the_publication_date() {
    let p = date(2022, 12, 20);
    day("Officials said today that", "today", p);
    day("Officials said yesterday that", "yesterday", date(2022, 12, 19));
    day("They meet tomorrow.", "tomorrow", date(2022, 12, 21));
    day("They meet tonight.", "tonight", p);
    day("They met this morning.", "this morning", p);
    day("Sirens sounded last night.", "last night", date(2022, 12, 19));
    day("Sirens sounded yesterday evening.", "yesterday evening", date(2022, 12, 19));
}

#[test]
fn calendar_weeks_months_and_years() {
    period("It rose last week.", "last week", date(2022, 12, 12), date(2022, 12, 18), Week);
    period("It rises this week.", "this week", date(2022, 12, 19), date(2022, 12, 25), Week);
    period("It rises next week.", "next week", date(2022, 12, 26), date(2023, 1, 1), Week);
    month("It rose last month.", "last month", 2022, 11);
    month("It rises next month.", "next month", 2023, 1);
    period("It rose this year.", "this year", date(2022, 1, 1), date(2022, 12, 31), Year);
    period("It rose last year.", "last year", date(2021, 1, 1), date(2021, 12, 31), Year);
    period("It rises early next year.", "early next year", date(2023, 1, 1), date(2023, 12, 31), Year);
    assert_eq!(
        one("It rose earlier this month."),
        ("earlier this month", date(2022, 12, 1), date(2022, 12, 20), TimeGranularity::Month)
    );
    period("It rises later this year.", "later this year", date(2022, 12, 20), date(2022, 12, 31), Year);
}

#[test]
fn weekends_are_saturday_and_sunday() {
    let last = (date(2022, 12, 17), date(2022, 12, 18));
    let this = (date(2022, 12, 24), date(2022, 12, 25));
    period("Shelling continued over the weekend.", "weekend", last.0, last.1, Week);
    period("Talks were held at the weekend.", "weekend", last.0, last.1, Week);
    period("Talks will be held at the weekend.", "weekend", this.0, this.1, Week);
    period("Talks are due this weekend.", "this weekend", this.0, this.1, Week);
    period("Talks were held last weekend.", "last weekend", last.0, last.1, Week);
}

#[test]
fn month_names_take_the_direction_of_the_sentence() {
    month("The offensive could come as early as January.", "January", 2023, 1);
    month("He invaded in February.", "February", 2022, 2);
    month("Elections will be held in February.", "February", 2023, 2);
    month("Prices peaked in June.", "June", 2022, 6);
    // No tense cue: the nearest January.
    month("The January deadline.", "January", 2023, 1);
    month("It rose in December.", "December", 2022, 12);
    month("It rises in December.", "December", 2022, 12);
    month("It rose last January.", "last January", 2022, 1);
    month("It rises next January.", "next January", 2023, 1);
    month("It rose in mid-May.", "mid-May", 2022, 5);
    month("It rose in early March.", "early March", 2022, 3);
    month("Prices in January 2023.", "January 2023", 2023, 1);
    month("Prices in Sept. 2021.", "Sept. 2021", 2021, 9);
    month("It fell from May last year.", "May last year", 2021, 5);
    month("It ends in January of next year.", "January of next year", 2023, 1);
    // Within a week of publication the date wins over the tense.
    day("Officials said the deadline of December 27 stood.", "December 27", date(2022, 12, 27));
}

#[test]
fn dates() {
    let p = date(2022, 12, 20);
    day("It opened on December 20.", "December 20", p);
    day("It opened on 20 December.", "20 December", p);
    day("It opened on Dec. 20, 2022.", "Dec. 20, 2022", p);
    day("It opened on Dec 20 2022.", "Dec 20 2022", p);
    day("It opened on the 20th of December.", "20th of December", p);
    day("It opened on 2022-12-20.", "2022-12-20", p);
    day("It opened on May 5.", "May 5", date(2022, 5, 5));
    day("It opens on January 5.", "January 5", date(2023, 1, 5));
    day("It opened on January 5, 2020.", "January 5, 2020", date(2020, 1, 5));
    day("He returns to court on March 8 of next year.", "March 8 of next year", date(2023, 3, 8));
}

#[test]
fn years() {
    let y2019 = (date(2019, 1, 1), date(2019, 12, 31));
    period("His first trip since 2019.", "2019", y2019.0, y2019.1, Year);
    period("It happened in 2019.", "2019", y2019.0, y2019.1, Year);
    period("It happened in early 2019.", "early 2019", y2019.0, y2019.1, Year);
    period("It happened in the year 2019.", "2019", y2019.0, y2019.1, Year);
    period("Battle of Hastings in 1066.", "1066", date(1066, 1, 1), date(1066, 12, 31), Year);
    let both = found("in 2019 and 2020", None);
    assert_eq!(both.iter().map(|f| f.0).collect::<Vec<_>>(), ["2019", "2020"]);
}

#[test]
fn seasons_are_meteorological() {
    let spring23 = (date(2023, 3, 1), date(2023, 5, 31));
    period("More likely in the spring.", "spring", spring23.0, spring23.1, Season);
    period("It will come in spring.", "spring", spring23.0, spring23.1, Season);
    period("It rose this summer.", "this summer", date(2022, 6, 1), date(2022, 8, 31), Season);
    period("It will rise this summer.", "this summer", date(2023, 6, 1), date(2023, 8, 31), Season);
    // The autumn just over, in a December article.
    period("It fell last autumn.", "last autumn", date(2022, 9, 1), date(2022, 11, 30), Season);
    period("It fell last fall.", "last fall", date(2022, 9, 1), date(2022, 11, 30), Season);
    period("It rises this winter.", "this winter", date(2022, 12, 1), date(2023, 2, 28), Season);
    period("It rises next winter.", "next winter", date(2023, 12, 1), date(2024, 2, 29), Season);
    period("It rose last winter.", "last winter", date(2021, 12, 1), date(2022, 2, 28), Season);
    period("It rose in the winter of 2020.", "winter of 2020", date(2020, 12, 1), date(2021, 2, 28), Season);
    none("After the fall of Kabul, the Arab Spring ended.");
}

#[test]
fn counted_shifts_and_stretches() {
    day("It happened 5 days ago.", "5 days ago", date(2022, 12, 15));
    day("It happened 0 days ago.", "0 days ago", date(2022, 12, 20));
    period("It happened two weeks ago.", "two weeks ago", date(2022, 12, 5), date(2022, 12, 11), Week);
    month("It happened three months ago.", "three months ago", 2022, 9);
    period("It happened a year ago.", "a year ago", date(2021, 1, 1), date(2021, 12, 31), Year);
    day("It opens in 3 days.", "in 3 days", date(2022, 12, 23));
    month("It opens in two months.", "in two months", 2023, 2);
    period("It opens within a week.", "within a week", date(2022, 12, 20), date(2022, 12, 27), Week);
    period(
        "Prices rose over the past three years.",
        "past three years",
        date(2019, 12, 20),
        date(2022, 12, 20),
        Year,
    );
    period(
        "Talks go on for the next two weeks.",
        "next two weeks",
        date(2022, 12, 20),
        date(2023, 1, 3),
        Week,
    );
    // A duration in the past, not a date; a count, not a shift.
    none("The city fell in three days.");
    none("It came in three days of talks.");
    none("The talks will last a week.");
    none("He took the tablets once in 3 months.");
    // The story's next month, not the reader's.
    none("The DoJ opened an inquiry the next month.");
}

#[test]
fn look_alikes_are_not_times() {
    none("Prices may rise. May be so.");
    none("Theresa May said so.");
    none("They march on the capital.");
    none("He told the Sunday Times so.");
    none("June Carter sang.");
    none("Homes for 2019 families were built.");
    none("He sold 1500 homes in 1500 homes.");
    none("It cost $2,000 in 99999999 ways.");
    none("Jan Smith spoke.");
    none("He told Kamloops This Week so.");
    none("He resigned in protest to May's Brexit deal.");
    none("An electoral college of 1009 \"grand electors\" met.");
    // A marker before the name makes it a time again.
    day("On Sunday Putin spoke.", "Sunday", date(2022, 12, 18));
    month("Since May, prices rose.", "May", 2022, 5);
}

#[test]
fn without_a_publication_date_relative_times_are_recognised_unplaced() {
    let all = found("On Monday, last week, as early as January, in the spring, Dec. 20, since 2019.", None);
    assert_eq!(
        all,
        [
            ("Monday", None, None, Some(TimeGranularity::Day)),
            ("last week", None, None, Some(Week)),
            ("January", None, None, Some(TimeGranularity::Month)),
            ("spring", None, None, Some(Season)),
            ("Dec. 20", None, None, Some(TimeGranularity::Day)),
            ("2019", Some(date(2019, 1, 1)), Some(date(2019, 12, 31)), Some(Year)),
        ]
    );
    let page = found(BELARUS, None);
    assert!(page.iter().any(|f| f.0 == "Monday" && f.1.is_none() && f.3.is_some()));
}

#[test]
fn impossible_dates_and_huge_numbers_are_unplaced() {
    assert_eq!(
        found("on February 30", published()),
        [("February 30", None, None, Some(TimeGranularity::Day))]
    );
    assert_eq!(
        found("on February 29, 2023", published()),
        [("February 29, 2023", None, None, Some(TimeGranularity::Day))]
    );
    assert_eq!(found("999999999 years ago", published()), [("999999999 years ago", None, None, Some(Year))]);
    assert_eq!(
        found("999999999 days ago", published()),
        [("999999999 days ago", None, None, Some(TimeGranularity::Day))]
    );
    assert_eq!(found("in 99999999", published()), []);
    // At the edge of the calendar.
    let far = Some(NaiveDate::MAX);
    let _ = found("next year, tomorrow, in two weeks, next winter, this weekend, next Monday", far);
    let _ = found(
        "last year, yesterday, 3 days ago, last winter, last weekend, last Monday",
        Some(NaiveDate::MIN),
    );
}

#[test]
fn sentences_cut_once_give_the_same_answer() {
    let cut = sentences(BELARUS);
    assert_eq!(time_expressions_in(BELARUS, &cut, published()), time_expressions(BELARUS, published()));
    // Sentences of another text: nothing out of bounds.
    let _ = time_expressions_in("short", &cut, published());
}

fn check(text: &str, published: Option<NaiveDate>) {
    let mut last = 0;
    for t in time_expressions(text, published) {
        assert!(t.span.start >= last && t.span.start < t.span.end, "{text:?}");
        assert!(t.span.slice(text).is_some(), "{text:?}");
        assert!(t.granularity.is_some());
        if let (Some(start), Some(end)) = (t.start, t.end) {
            assert!(start <= end, "{text:?}");
        }
        last = t.span.end;
    }
}

proptest::proptest! {
    #[test]
    fn never_panics_and_spans_are_ordered(text in "\\PC{0,80}") {
        check(&text, Some(date(2022, 12, 20)));
    }

    #[test]
    fn time_like_text_never_panics(
        text in concat!(
            "((on|in|since|last|next|this|the|early|mid-|ago|of|within|earlier|later|over) |",
            "(Monday|Sunday|May|March|Dec\\.|Sept|January|spring|fall|winter|weekend|week|month|",
            "year|days|today|tonight|night)[ ,.]|[0-9]{1,10}(st|th)? |",
            "(99999999|0|2022-12-20|2022-02-30|0000-01-01) |, ){0,12}"
        ),
        // Days from the common era across chrono's whole range and past it.
        days in -96_000_000i32..96_000_000,
    ) {
        check(&text, NaiveDate::from_num_days_from_ce_opt(days));
        check(&text, Some(date(2022, 12, 20)));
        check(&text, None);
    }
}
