//! Amounts and counts: a number with its unit or currency and the thing it counts, read in
//! one pass over the [`tokens`] of a text. "$1.8bn" is 1.8e9 USD, "200,000 new troops" is
//! 200000 "new troops", "three fighter planes" is 3 "fighter planes", "7.12 percent" is
//! 7.12 `%`, "between 20 and 30 soldiers" is 20 to 30 "soldiers".
//!
//! Conventions:
//! - Money carries its ISO 4217 code: signs (`$` is USD, `¥` is JPY, `US$`, `C$`, `HK$`,
//!   `£`, `€`, `₽`, `₴`, `₹` ...), capitalised codes before or after the number ("USD 5m",
//!   "40m EUR") and currency names after it ("5 billion rubles", "hryvnias", "yen", "yuan",
//!   "euros", "pounds" unless "pounds of" something). Money and percentages count nothing.
//! - Scales multiply: "1.5 million", "2m", "£3.2bn", "5k", "half a million", "a dozen".
//!   "m" is a million only glued to the digits: "400 m" counts metres.
//! - Ranges ("3 to 5 years", "10-15 people", "between 20 and 30", "two or three days")
//!   give `value` and `value_max`; the first end takes the second's scale ("3 to 5 million").
//!   "from 3 to 5 percent" is a change, not a range: only "5 percent" is read.
//! - Vague counts are a range from twice the unit up to the round number where English
//!   switches to the next word: "dozens" 24 to 100, "hundreds" 200 to 1,000, "thousands"
//!   2,000 to 10,000, "tens of thousands" 20,000 to 100,000, "hundreds of thousands",
//!   "millions" alike; "several hundred" is 300 to 900 and "a few thousand" 2,000 to 5,000.
//! - The counted thing is the noun phrase right after the number (after "of" for vague
//!   counts: "dozens of protesters"): up to four words, ending at a plural, before a
//!   preposition, determiner, pronoun, conjunction, auxiliary or common verb, or at
//!   punctuation, or at a participle after a noun (a verb: "one officer alleged"); trailing
//!   modifiers ("more", "new", a participle, an adverb, an "-ing" verb) are dropped. Units
//!   of measure are counted nouns too ("500 km", "3 tonnes").
//! - Words around the number that qualify it ("about", "more than", "up to") are left out.
//!
//! Not amounts: a number with nothing counted, no unit and no scale ("the toll rose to 45");
//! years (a plain four-digit 1900 to 2100, unless money or a percentage, so "the 2020
//! election" and "since 2019" are not read); days of the month next to a month name;
//! times ("10:30", "5 pm", "9 GMT"); ordinals ("first", "21st"); labels ("No. 10", "number
//! one", and digits after a capitalised word inside a sentence unless they count a plural:
//! "Radio 4 program", "Falcon 9 rocket", but "Maroochydore 29 points"); digits next to other
//! digits (phone numbers) or glued to letters (ids, "COVID-19"); plain integers of more
//! than seven digits; compound adjectives ("a 10-year sentence"); scores ("won 6-3", "a 3-6
//! defeat"); "one" as a pronoun ("one of the", "no one", "the one"); numbers that do not
//! fit a finite f64.

mod counted;
mod lexicon;
mod numerals;
#[cfg(test)]
mod tests;

use std::borrow::Cow;

use newsgraph_model::{Amount, Span};

use crate::tokens::tokens;
use counted::{Counted, counted_phrase};
use lexicon::{
    currency_name, currency_sign, glued_currency, is_label_before, is_month, is_pronoun_one_before,
    is_score_noun, is_time_suffix, scale_suffix, vague_unit,
};
use numerals::{Digits, glued, hyphen_range, small_number, word_scale, written};

/// Longest number in words looked at ("one million two hundred and fifty thousand").
const MAX_WRITTEN: usize = 10;

/// The amounts in `text`, in order, none overlapping; spans are byte offsets into `text`.
pub fn amounts(text: &str) -> Vec<Amount> {
    let words = words(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        match amount_at(&words, i) {
            Some((amount, next)) => {
                out.push(amount);
                i = next;
            }
            None => i += 1,
        }
    }
    out
}

/// A token with its lower-cased form.
struct Word<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    lower: Cow<'a, str>,
    /// A line break before it: amounts do not run across lines (headlines, list items).
    new_line: bool,
    /// No space before it: "2m" (two million) is not "2 m" (two metres).
    glued: bool,
}

fn words(text: &str) -> Vec<Word<'_>> {
    let mut last_end = 0;
    tokens(text)
        .into_iter()
        .map(|t| {
            let word = t.text(text);
            let gap = text.get(last_end..t.start).unwrap_or("");
            let (new_line, glued) = (gap.contains('\n'), gap.is_empty() && t.start > 0);
            last_end = t.end;
            let lower = if word.bytes().any(|b| b.is_ascii_uppercase()) {
                Cow::Owned(word.to_ascii_lowercase())
            } else {
                Cow::Borrowed(word)
            };
            Word { start: t.start, end: t.end, text: word, lower, new_line, glued }
        })
        .collect()
}

/// Word `k` of an amount that starts at word `first`: `None` past the end or across a line.
fn at<'w, 'a>(words: &'w [Word<'a>], first: usize, k: usize) -> Option<&'w Word<'a>> {
    words.get(k).filter(|w| k == first || !w.new_line)
}

/// The lower-cased words from `k` on, at most `n`, on the amount's line.
fn lowers<'w>(words: &'w [Word<'_>], first: usize, k: usize, n: usize) -> Vec<&'w str> {
    (k..k + n).map_while(|j| at(words, first, j)).map(|w| w.lower.as_ref()).collect()
}

fn starts_with_digit(s: &str) -> bool {
    s.as_bytes().first().is_some_and(u8::is_ascii_digit)
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Unit {
    Money(&'static str),
    Percent,
    /// "percentage points": a difference of percentages, kept as a counted noun.
    Points,
}

/// A number read from one or more words.
#[derive(Debug, Clone, Copy)]
struct Quantity {
    value: f64,
    /// Upper end of a range in one token ("10-15") or of a vague count.
    max: Option<f64>,
    /// The value before its scale, and the scale: "5 million" is 5 and 1e6.
    raw: f64,
    factor: f64,
    /// The word after the number.
    next: usize,
    /// A scale of a thousand or more, or a dozen: read even with nothing counted.
    scaled: bool,
    vague: bool,
    /// Written in digits (dates, times and phone numbers are).
    digits: bool,
    /// A plain four-digit number from 1900 to 2100.
    year_like: bool,
    /// The word "one" alone, often a pronoun.
    lone_one: bool,
    /// A currency sign glued to the digits ("₽5").
    currency: Option<&'static str>,
}

impl Quantity {
    fn new(value: f64, next: usize) -> Quantity {
        Quantity {
            value,
            max: None,
            raw: value,
            factor: 1.0,
            next,
            scaled: false,
            vague: false,
            digits: false,
            year_like: false,
            lone_one: false,
            currency: None,
        }
    }
}

/// Whether an amount may start at this word: cheap, so most words are passed over at once.
fn may_start(word: &Word<'_>) -> bool {
    let lower = word.lower.as_ref();
    if starts_with_digit(lower) {
        return true;
    }
    if !word.text.starts_with(|c: char| c.is_ascii_lowercase())
        && (currency_sign(word.text).is_some() || glued_currency(word.text).0.is_some())
    {
        return true;
    }
    matches!(lower, "between" | "several" | "a" | "half")
        || vague_unit(lower).is_some()
        || small_number(lower).is_some()
}

/// The amount starting at word `i`, and the word after it.
fn amount_at(words: &[Word<'_>], i: usize) -> Option<(Amount, usize)> {
    if !may_start(&words[i]) {
        return None;
    }
    let between = words[i].lower == "between";
    let mut k = i + usize::from(between);
    let mut unit = None;
    if let Some(code) = at(words, i, k).and_then(|w| currency_sign(w.text)) {
        unit = Some(Unit::Money(code));
        k += 1;
    }
    let number_at = k;
    let mut q = quantity(words, i, k)?;
    unit = unit.or(q.currency.map(Unit::Money));
    k = q.next;
    if unit.is_none()
        && let Some((u, next)) = unit_after(words, i, k, q.scaled)
    {
        unit = Some(u);
        k = next;
    }

    let prev = i.checked_sub(1).map(|p| &words[p]).filter(|_| !words[i].new_line);
    let after_from = prev.is_some_and(|w| w.lower == "from");
    if q.max.is_none()
        && !q.vague
        && let Some((high, u2, next)) = range_end(words, i, k, between, after_from, unit, &mut q)
    {
        q.max = Some(high);
        unit = unit.or(u2);
        k = next;
    }
    if between && q.max.is_none() {
        return None;
    }

    let mut counted = None;
    if unit == Some(Unit::Points) {
        let phrase = words.get(k - 2..k).map(|w| format!("{} {}", w[0].text, w[1].text));
        counted = phrase.map(|phrase| Counted { phrase, plural: true });
        unit = None;
    } else if unit.is_none() {
        let of = q.vague && at(words, i, k).is_some_and(|w| w.lower == "of");
        let from = k + usize::from(of);
        if of && let Some((code, n)) = currency_name(&lowers(words, i, from, 3), true) {
            unit = Some(Unit::Money(code));
            k = from + n;
        } else if let Some((phrase, next)) = counted_phrase(words, i, from) {
            counted = Some(phrase);
            k = next;
        }
    }

    if !is_amount(words, i, number_at, &q, unit, counted.as_ref()) {
        return None;
    }
    let unit = match unit {
        Some(Unit::Money(code)) => Some(code.to_string()),
        Some(Unit::Percent) => Some("%".to_string()),
        _ => None,
    };
    let span = Span::new(words[i].start, words[k - 1].end);
    let value_max = q.max;
    Some((Amount { span, value: q.value, value_max, unit, counted: counted.map(|c| c.phrase) }, k))
}

/// The checks that tell years, dates, times, labels, phone numbers, scores and pronouns
/// from amounts, once everything around the number has been read.
fn is_amount(
    words: &[Word<'_>],
    i: usize,
    number_at: usize,
    q: &Quantity,
    unit: Option<Unit>,
    counted: Option<&Counted>,
) -> bool {
    let money_or_percent = unit.is_some();
    let prev = i.checked_sub(1).map(|p| &words[p]).filter(|_| !words[i].new_line);
    if q.year_like && !money_or_percent {
        return false;
    }
    let prev_lower = prev.map(|w| w.lower.as_ref());
    if q.digits {
        let after = at(words, i, number_at + 1);
        let day = q.raw.fract() == 0.0 && (1.0..=31.0).contains(&q.raw);
        if day && (prev.is_some_and(|w| is_month(w.text)) || after.is_some_and(|w| is_month(w.text))) {
            return false;
        }
        if after.is_some_and(|w| is_time_suffix(&w.lower)) {
            return false;
        }
        // Digits beside digits: phone numbers, lists of codes.
        if prev.is_some_and(|w| starts_with_digit(w.text)) || after.is_some_and(|w| starts_with_digit(w.text))
        {
            return false;
        }
        if prev_lower.is_some_and(is_label_before) && i == number_at {
            return false;
        }
        // "Radio 4 program", "Falcon 9 rocket", "Article 5": digits after a capitalised word
        // inside a sentence name something, unless they count a plural ("defeated
        // Maroochydore 29 points to 10").
        let named = i >= 1 && prev.is_some_and(is_name_word) && !opens_sentence(words, i - 1);
        if named && unit.is_none() && !counted.is_some_and(|c| c.plural) && i == number_at {
            return false;
        }
    }
    if q.lone_one && prev_lower.is_some_and(is_pronoun_one_before) {
        return false;
    }
    if q.max.is_some()
        && !q.vague
        && counted
            .and_then(|c| c.phrase.rsplit(' ').next())
            .is_some_and(|head| is_score_noun(&head.to_lowercase()))
    {
        return false;
    }
    money_or_percent || counted.is_some() || q.scaled || q.vague
}

/// The number at word `k`: digits (with a scale after them), a vague count or words.
fn quantity(words: &[Word<'_>], first: usize, k: usize) -> Option<Quantity> {
    let w = at(words, first, k)?;
    let lower = w.lower.as_ref();
    if starts_with_digit(lower) || glued_currency(w.text).0.is_some() {
        return digit_quantity(words, first, k);
    }
    if let Some(q) = vague(words, first, k) {
        return Some(q);
    }
    let opens_written = small_number(lower).is_some()
        || (lower == "a" && at(words, first, k + 1).is_some_and(|n| word_scale(&n.lower).is_some()))
        || (lower == "half" && at(words, first, k + 1).is_some_and(|n| n.lower == "a"));
    if !opens_written {
        return None;
    }
    let (value, taken, factor) = written(&lowers(words, first, k, MAX_WRITTEN))?;
    let mut q = Quantity::new(value, k + taken);
    q.raw = value / factor;
    q.factor = factor;
    q.scaled = factor >= 1000.0 || factor == 12.0;
    q.lone_one = taken == 1 && lower == "one";
    Some(q)
}

/// "200,000", "1.8" + "bn", "10-15", "₽5", "3-5bn".
fn digit_quantity(words: &[Word<'_>], first: usize, k: usize) -> Option<Quantity> {
    let text = words[k].text;
    let hyphen = text.char_indices().any(|(at, c)| at > 0 && c == '-');
    let (low, high, glued_factor, currency) = if hyphen {
        let (low, high, factor, currency) = hyphen_range(text)?;
        // "6-3" and "2019-20" are scores and seasons, not ranges.
        if low.value >= high.value {
            return None;
        }
        (low, Some(high), factor, currency)
    } else {
        let (d, factor, currency) = glued(text)?;
        (d, None, factor, currency)
    };
    let is_year = |d: &Digits| d.plain && d.len == 4 && (1900.0..=2100.0).contains(&d.value);
    let mut q = Quantity::new(low.value, k + 1);
    q.digits = true;
    q.currency = currency;
    q.max = high.map(|h| h.value);
    q.year_like = glued_factor == 1.0 && (is_year(&low) || high.as_ref().is_some_and(is_year));
    q.factor = glued_factor;
    q.raw = low.value / glued_factor;
    // A scale as the next word: "1.8" "bn", "5 million", "2 dozen".
    let scale = at(words, first, k + 1)
        .filter(|w| glued_factor == 1.0 && (w.glued || !matches!(w.lower.as_ref(), "m" | "k")))
        .and_then(|w| scale_suffix(&w.lower).or_else(|| word_scale(&w.lower)));
    if let Some(factor) = scale {
        q.value *= factor;
        q.max = q.max.map(|m| m * factor);
        q.factor = factor;
        q.next = k + 2;
        q.year_like = false;
    }
    q.scaled = q.factor >= 1000.0 || q.factor == 12.0;
    (q.value.is_finite() && q.max.is_none_or(f64::is_finite)).then_some(q)
}

/// "dozens", "tens of thousands", "hundreds of millions", "several hundred", "a few thousand".
fn vague(words: &[Word<'_>], first: usize, k: usize) -> Option<Quantity> {
    let lower = words[k].lower.as_ref();
    let word = |j: usize| at(words, first, j).map(|w| w.lower.as_ref());
    let (low, high, base, next) = if let Some(unit) = vague_unit(lower) {
        let bigger = (word(k + 1) == Some("of"))
            .then(|| word(k + 2).and_then(vague_unit))
            .flatten()
            .filter(|&u| u >= 1000.0 && u > unit);
        let (base, next) = match bigger {
            Some(u) => (unit * u, k + 3),
            None if lower == "tens" => return None,
            None => (unit, k + 1),
        };
        let top = if unit == 12.0 { 100.0 / 12.0 } else { 10.0 };
        (2.0, top, base, next)
    } else {
        let (low, high, at_scale) = match lower {
            "several" => (3.0, 9.0, k + 1),
            "a" if word(k + 1) == Some("few") => (2.0, 5.0, k + 2),
            _ => return None,
        };
        let scale = word(at_scale).and_then(word_scale)?;
        (low, high, scale, at_scale + 1)
    };
    let mut q = Quantity::new(low * base, next);
    q.max = Some(high * base);
    q.raw = low;
    q.factor = base;
    q.vague = true;
    Some(q)
}

/// A unit after the number: "%", "percent", "per cent", "percentage points", a currency
/// code or name.
fn unit_after(words: &[Word<'_>], first: usize, k: usize, scaled: bool) -> Option<(Unit, usize)> {
    let w = at(words, first, k)?;
    let next = |j: usize| at(words, first, j).map(|w| w.lower.as_ref());
    match w.lower.as_ref() {
        "%" | "percent" | "pct" => return Some((Unit::Percent, k + 1)),
        "per" if next(k + 1) == Some("cent") => return Some((Unit::Percent, k + 2)),
        "percentage" if matches!(next(k + 1), Some("point" | "points")) => {
            return Some((Unit::Points, k + 2));
        }
        _ => {}
    }
    if let Some(code) = currency_sign(w.text) {
        return Some((Unit::Money(code), k + 1));
    }
    let (code, n) = currency_name(&lowers(words, first, k, 3), scaled)?;
    // "5 pounds of cocaine" is a weight.
    let weight = matches!(next(k + n - 1), Some("pound" | "pounds")) && next(k + n) == Some("of");
    (!weight).then_some((Unit::Money(code), k + n))
}

/// The upper end of a range whose connector is word `k`: "to 5", "- 15", "and 30" (after
/// "between"), "or three". Scales the low end like the high one ("3 to 5 million"). Returns
/// the high value, its unit and the word after it.
fn range_end(
    words: &[Word<'_>],
    first: usize,
    k: usize,
    between: bool,
    after_from: bool,
    low_unit: Option<Unit>,
    q: &mut Quantity,
) -> Option<(f64, Option<Unit>, usize)> {
    let joins = match at(words, first, k)?.lower.as_ref() {
        "and" => between,
        "to" => !between && !after_from,
        "-" | "\u{2013}" | "or" => !between,
        _ => false,
    };
    // "in 2022 to £33 million": a year, then an amount.
    if !joins || (q.year_like && low_unit.is_none()) {
        return None;
    }
    let mut n = k + 1;
    let mut unit = at(words, first, n).and_then(|w| currency_sign(w.text)).map(Unit::Money);
    n += usize::from(unit.is_some());
    let high = quantity(words, first, n).filter(|h| !h.vague && h.max.is_none())?;
    unit = unit.or(high.currency.map(Unit::Money));
    n = high.next;
    if unit.is_none()
        && let Some((u, next)) = unit_after(words, first, n, high.scaled)
    {
        unit = Some(u);
        n = next;
    }
    let low = if high.factor > 1.0 && q.factor == 1.0 && q.value < high.raw {
        q.value * high.factor
    } else {
        q.value
    };
    // "$3 to 5 billion" is one currency; "3% to 1,200 points" is not one range.
    let same_unit = match (low_unit, unit) {
        (Some(a), Some(b)) => a == b,
        (Some(Unit::Percent), None) => false,
        _ => true,
    };
    if low >= high.value || !same_unit {
        return None;
    }
    q.value = low;
    q.raw = low / high.factor.max(1.0);
    q.year_like |= high.year_like;
    q.scaled |= high.scaled;
    Some((high.value, unit, n))
}

/// A capitalised word that is not an acronym: "Radio", "Boeing".
fn is_name_word(w: &Word<'_>) -> bool {
    w.text.starts_with(|c: char| c.is_uppercase()) && w.text.chars().skip(1).any(char::is_lowercase)
}

/// Whether word `p` opens a sentence (so its capital says nothing).
fn opens_sentence(words: &[Word<'_>], p: usize) -> bool {
    p == 0
        || words[p].new_line
        || matches!(
            words[p - 1].text,
            "." | "!"
                | "?"
                | ":"
                | ";"
                | "\""
                | "'"
                | "("
                | "\u{201c}"
                | "\u{201d}"
                | "\u{2018}"
                | "\u{2014}"
                | "\u{2013}"
                | "-"
                | "--"
                | "..."
        )
}
