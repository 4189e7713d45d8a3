//! The words time expressions are made of: what each token is, and the tense cues.

use chrono::Weekday;

use crate::tokens::Token;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Unit {
    Day,
    Week,
    Month,
    Year,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Rel {
    Last,
    This,
    Next,
    /// "the past week": the stretch up to the publication date.
    Past,
    /// "the coming week": the stretch from it.
    Coming,
}

/// What a token is, for the patterns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Lex {
    Weekday(Weekday),
    Month {
        month: u32,
        short: bool,
    },
    /// A season by the month it begins in.
    Season(u32),
    Unit {
        unit: Unit,
        plural: bool,
    },
    Weekend,
    /// Plain digits, at most nine.
    Number {
        value: u64,
        digits: u8,
    },
    /// "1st" to "31st".
    Ordinal(u32),
    /// A count spelled out: "a", "two", "twelve".
    Count(u64),
    Iso {
        year: i32,
        month: u32,
        day: u32,
    },
    Rel(Rel),
    /// "early", "mid", "late".
    Edge,
    /// today 0, yesterday -1, tomorrow 1.
    Anchor(i8),
    PartOfDay,
    Other,
}

pub(super) struct Word<'a> {
    pub(super) tok: Token,
    pub(super) low: &'a str,
    /// Starts with a capital letter.
    pub(super) cap: bool,
    /// Carries its own "mid-" or "early-": counts as marked.
    pub(super) edged: bool,
    pub(super) lex: Lex,
}

impl<'a> Word<'a> {
    pub(super) fn new(text: &str, lower: &'a str, tok: Token) -> Word<'a> {
        let low = lower.get(tok.start..tok.end).unwrap_or("");
        let original = tok.text(text);
        let cap = original.starts_with(|c: char| c.is_uppercase());
        let mut word = Word { tok, low, cap, edged: false, lex: classify(low) };
        if word.lex == Lex::Other
            && let Some(rest) = ["mid-", "early-", "late-"].iter().find_map(|p| low.strip_prefix(p))
        {
            let lex = classify(rest);
            if matches!(lex, Lex::Month { .. } | Lex::Season(_) | Lex::Number { digits: 4, .. }) {
                let rest_cap = original.get(low.len() - rest.len()..).unwrap_or("");
                word =
                    Word { cap: rest_cap.starts_with(|c: char| c.is_uppercase()), edged: true, lex, ..word };
            }
        }
        word
    }

    pub(super) fn is_time(&self) -> bool {
        !matches!(self.lex, Lex::Other | Lex::Count(_))
    }
}

fn classify(low: &str) -> Lex {
    use Lex::*;
    let month = |month, short| Month { month, short };
    let unit = |unit, plural| Unit { unit, plural };
    match low {
        "monday" => Weekday(chrono::Weekday::Mon),
        "tuesday" => Weekday(chrono::Weekday::Tue),
        "wednesday" => Weekday(chrono::Weekday::Wed),
        "thursday" => Weekday(chrono::Weekday::Thu),
        "friday" => Weekday(chrono::Weekday::Fri),
        "saturday" => Weekday(chrono::Weekday::Sat),
        "sunday" => Weekday(chrono::Weekday::Sun),
        "january" => month(1, false),
        "february" => month(2, false),
        "march" => month(3, false),
        "april" => month(4, false),
        "may" => month(5, false),
        "june" => month(6, false),
        "july" => month(7, false),
        "august" => month(8, false),
        "september" => month(9, false),
        "october" => month(10, false),
        "november" => month(11, false),
        "december" => month(12, false),
        "jan" | "jan." => month(1, true),
        "feb" | "feb." => month(2, true),
        "mar" | "mar." => month(3, true),
        "apr" | "apr." => month(4, true),
        "jun" | "jun." => month(6, true),
        "jul" | "jul." => month(7, true),
        "aug" | "aug." => month(8, true),
        "sep" | "sep." | "sept" | "sept." => month(9, true),
        "oct" | "oct." => month(10, true),
        "nov" | "nov." => month(11, true),
        "dec" | "dec." => month(12, true),
        "spring" => Season(3),
        "summer" => Season(6),
        "autumn" | "fall" => Season(9),
        "winter" => Season(12),
        "day" => unit(self::Unit::Day, false),
        "days" => unit(self::Unit::Day, true),
        "week" => unit(self::Unit::Week, false),
        "weeks" => unit(self::Unit::Week, true),
        "month" => unit(self::Unit::Month, false),
        "months" => unit(self::Unit::Month, true),
        "year" => unit(self::Unit::Year, false),
        "years" => unit(self::Unit::Year, true),
        "weekend" => Weekend,
        "a" | "an" | "one" => Count(1),
        "two" => Count(2),
        "three" => Count(3),
        "four" => Count(4),
        "five" => Count(5),
        "six" => Count(6),
        "seven" => Count(7),
        "eight" => Count(8),
        "nine" => Count(9),
        "ten" => Count(10),
        "eleven" => Count(11),
        "twelve" => Count(12),
        "fifteen" => Count(15),
        "twenty" => Count(20),
        "thirty" => Count(30),
        "last" => Rel(self::Rel::Last),
        "this" => Rel(self::Rel::This),
        "next" => Rel(self::Rel::Next),
        "past" => Rel(self::Rel::Past),
        "coming" => Rel(self::Rel::Coming),
        "early" | "mid" | "late" => Edge,
        "today" | "tonight" => Anchor(0),
        "yesterday" => Anchor(-1),
        "tomorrow" => Anchor(1),
        "morning" | "afternoon" | "evening" | "night" => PartOfDay,
        _ => number(low),
    }
}

pub(super) fn number(low: &str) -> Lex {
    let digits = low.bytes().take_while(u8::is_ascii_digit).count();
    let (head, tail) = low.split_at(digits);
    if digits == 0 || digits > 9 {
        return iso(low).unwrap_or(Lex::Other);
    }
    let value: u64 = head.parse().unwrap_or(0);
    match tail {
        "" => Lex::Number { value, digits: digits as u8 },
        "st" | "nd" | "rd" | "th" if (1..=31).contains(&value) => Lex::Ordinal(value as u32),
        _ => iso(low).unwrap_or(Lex::Other),
    }
}

/// "2022-12-20", with a plausible month and day (the calendar checks the rest).
fn iso(low: &str) -> Option<Lex> {
    let b = low.as_bytes();
    let digit = |r: std::ops::Range<usize>| b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' || !digit(0..4) || !digit(5..7) || !digit(8..10) {
        return None;
    }
    let year = low.get(0..4)?.parse().ok()?;
    let month = low.get(5..7)?.parse().ok()?;
    let day = low.get(8..10)?.parse().ok()?;
    ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some(Lex::Iso { year, month, day })
}

/// Words after which a month, weekday, season or year is meant as a time.
pub(super) fn is_marker(low: &str) -> bool {
    matches!(
        low,
        "in" | "on"
            | "since"
            | "until"
            | "till"
            | "by"
            | "from"
            | "to"
            | "before"
            | "after"
            | "during"
            | "through"
            | "throughout"
            | "between"
            | "of"
            | "as"
            | "around"
            | "early"
            | "mid"
            | "late"
            | "last"
            | "next"
            | "this"
            | "every"
            | "year"
    )
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tense {
    Past,
    Future,
    Unknown,
}

pub(super) fn cue(words: &[Word], i: usize) -> Option<Tense> {
    let w = &words[i];
    let before = |k: usize| i.checked_sub(k).and_then(|j| words.get(j)).map_or("", |w| w.low);
    let future = match w.low {
        "will" | "'ll" | "\u{2019}ll" | "shall" | "wo" | "would" | "could" | "might" | "should"
        | "expected" | "expects" | "expect" | "scheduled" | "slated" | "intends" | "intend" | "aims"
        | "upcoming" | "next" | "coming" | "tomorrow" => true,
        // "plans to visit"; "put forward plans on Friday" is the noun.
        "plans" | "plan" | "planned" | "planning" => words.get(i + 1).is_some_and(|w| w.low == "to"),
        // "may" the modal; "May" the month is capitalised.
        "may" => !w.cap,
        // "is to visit", "going to".
        "to" => {
            matches!(before(1), "is" | "are" | "am" | "'re" | "\u{2019}re" | "going")
                || (matches!(before(2), "is" | "are" | "'re" | "\u{2019}re")
                    && matches!(before(1), "set" | "due" | "forecast" | "likely" | "poised" | "slated"))
        }
        _ => false,
    };
    if future {
        return Some(Tense::Future);
    }
    // "will be held", "is being sent": a participle, not the past.
    if matches!(before(1), "be" | "been" | "being") {
        return None;
    }
    let past = match w.low {
        "said" | "told" | "was" | "were" | "had" | "did" | "has" | "have" | "ago" | "last" | "yesterday"
        | "earlier" | "went" | "came" | "met" | "made" | "took" | "saw" | "began" | "held" | "left"
        | "sent" | "led" | "fell" | "rose" | "got" | "gave" | "paid" | "brought" | "thought" | "knew"
        | "found" | "became" | "spoke" | "wrote" | "struck" | "won" | "lost" | "fought" | "ran" | "kept"
        | "built" | "sold" | "bought" | "heard" | "felt" | "stood" | "drove" | "flew" | "broke" | "chose"
        | "fled" | "sought" | "spent" | "grew" | "shot" | "caught" | "taught" | "hit" => true,
        low => {
            !w.cap
                && low.len() >= 4
                && low.ends_with("ed")
                && !low.ends_with("eed")
                && !matches!(low, "hundred" | "sacred" | "naked" | "wicked")
        }
    };
    past.then_some(Tense::Past)
}

/// The nearest cue outside `[start, end)`. One after the expression counts twice its
/// distance: the verb a time phrase belongs to mostly comes before it ("said in an interview
/// on Thursday the situation would ...").
pub(super) fn tense_near(cues: &[(usize, Tense)], start: usize, end: usize) -> Tense {
    let mut best = (usize::MAX, Tense::Unknown);
    for &(at, tense) in cues {
        let distance = if at < start {
            start - at
        } else if at >= end {
            (at - end + 1) * 2
        } else {
            continue;
        };
        if distance < best.0 || (distance == best.0 && tense == Tense::Past) {
            best = (distance, tense);
        }
    }
    best.1
}

pub(super) fn low<'a>(words: &'a [Word], i: usize) -> &'a str {
    words.get(i).map_or("", |w| w.low)
}

pub(super) fn lex(words: &[Word], i: usize) -> Lex {
    words.get(i).map_or(Lex::Other, |w| w.lex)
}
