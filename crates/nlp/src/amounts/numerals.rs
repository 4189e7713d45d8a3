//! Numbers as written in news text: digits with separators ("200,000", "7.12"), digit ranges
//! in one token ("10-15", "3-5bn"), currency signs glued to digits ("₽5", "5€") and numbers
//! in words ("three", "twenty-five", "two hundred thousand", "a dozen", "half a million").

use super::lexicon::{glued_currency, scale_suffix};

/// Plain integers this long are identifiers or phone numbers, not amounts: news writes
/// large amounts with separators ("12,000,000") or a scale ("12 million").
const MAX_PLAIN_DIGITS: usize = 7;

/// A number in digits.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Digits {
    pub value: f64,
    /// Neither separators nor a decimal point: a candidate year ("2019").
    pub plain: bool,
    /// Count of digits, separators excluded.
    pub len: usize,
}

/// "200,000", "1.8", "7.12", "2019"; `None` for anything else, for a leading zero ("007",
/// "020 7946"), for long plain digit runs and for values that do not fit a finite f64.
pub(super) fn digits(s: &str) -> Option<Digits> {
    let bytes = s.as_bytes();
    if !bytes.first()?.is_ascii_digit() || !bytes.last()?.is_ascii_digit() {
        return None;
    }
    if bytes.len() > 1 && bytes[0] == b'0' && bytes[1].is_ascii_digit() {
        return None;
    }
    let (int, frac) = match s.split_once('.') {
        Some((int, frac)) => (int, Some(frac)),
        None => (s, None),
    };
    if frac.is_some_and(|f| f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    // Thousands separators must group by three: "1,5" (a European decimal) and "12,34" are
    // ambiguous and left alone.
    let mut groups = int.split(',');
    let head = groups.next()?;
    let grouped = int.contains(',');
    if head.is_empty() || !head.bytes().all(|b| b.is_ascii_digit()) || (grouped && head.len() > 3) {
        return None;
    }
    if !groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let len = s.bytes().filter(u8::is_ascii_digit).count();
    let plain = !grouped && frac.is_none();
    if plain && len > MAX_PLAIN_DIGITS {
        return None;
    }
    let value: f64 = if grouped { s.replace(',', "").parse().ok()? } else { s.parse().ok()? };
    value.is_finite().then_some(Digits { value, plain, len })
}

/// A digit token with what may be glued to it: a currency sign in front or behind ("₽5",
/// "5€"), a scale behind ("5bn" inside "3-5bn"). Returns the number, its scale factor
/// (1 when none) and the currency.
pub(super) fn glued(s: &str) -> Option<(Digits, f64, Option<&'static str>)> {
    let (currency, s) = glued_currency(s);
    let at = s.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ',')).unwrap_or(s.len());
    let (number, suffix) = s.split_at(at);
    let factor = if suffix.is_empty() { 1.0 } else { scale_suffix(suffix)? };
    let d = digits(number)?;
    let value = d.value * factor;
    value.is_finite().then_some((Digits { value, ..d }, factor, currency))
}

/// A range in one token, "10-15" or "3-5bn": the two ends, scaled, the scale glued to the
/// second end (applied to the first when it has none of its own, 1 when none) and the
/// currency.
pub(super) fn hyphen_range(s: &str) -> Option<(Digits, Digits, f64, Option<&'static str>)> {
    let (a, b) = s.split_once('-')?;
    let (low, low_factor, c1) = glued(a)?;
    let (high, high_factor, c2) = glued(b)?;
    let low = if low_factor == 1.0 { Digits { value: low.value * high_factor, ..low } } else { low };
    let same_currency = c1.is_none() || c2.is_none() || c1 == c2;
    (low.value.is_finite() && same_currency).then_some((low, high, high_factor, c1.or(c2)))
}

/// The value of a number word under a hundred: "three", "twenty", "twenty-five".
pub(super) fn small_number(word: &str) -> Option<u32> {
    if let Some((tens, unit)) = word.split_once('-') {
        let (t, u) = (small_word(tens)?, small_word(unit)?);
        return (t >= 20 && t % 10 == 0 && (1..10).contains(&u)).then_some(t + u);
    }
    small_word(word)
}

fn small_word(word: &str) -> Option<u32> {
    Some(match word {
        "zero" => 0,
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    })
}

/// A number in words over lower-cased words, from the first: the value, how many words it
/// took, and the factor of the scale it ends with (1 when none), for ranges ("three to five
/// million" scales the three too).
pub(super) fn written(words: &[&str]) -> Option<(f64, usize, f64)> {
    let first = *words.first()?;
    // "half a million", "half a dozen".
    if first == "half" && words.get(1) == Some(&"a") {
        let factor = words.get(2).and_then(|w| word_scale(w))?;
        return Some((factor / 2.0, 3, factor));
    }
    // "a hundred", "a dozen", "a million" (but never "a" alone).
    let (mut group, mut taken, mut last) = if first == "a" {
        words.get(1).and_then(|w| word_scale(w))?;
        (1.0, 1, Last::Unit)
    } else {
        (0.0, 0, Last::Start)
    };
    let mut total = 0.0;
    let mut factor = 1.0;
    let mut smallest_scale = f64::INFINITY;
    while let Some(&word) = words.get(taken) {
        if let Some(v) = small_number(word) {
            let v = f64::from(v);
            let follows = match last {
                Last::Start | Last::Hundred | Last::Scale | Last::And => true,
                // "twenty five" without the hyphen.
                Last::Tens => v < 10.0 && v > 0.0,
                Last::Unit => false,
            };
            if !follows {
                break;
            }
            group += v;
            last = if v >= 20.0 { Last::Tens } else { Last::Unit };
            factor = 1.0;
        } else if word == "hundred" {
            if !matches!(last, Last::Unit) || group >= 10.0 {
                break;
            }
            group *= 100.0;
            last = Last::Hundred;
            factor = 100.0;
        } else if word == "dozen" {
            if !matches!(last, Last::Unit | Last::Tens) || total > 0.0 {
                break;
            }
            group *= 12.0;
            factor = 12.0;
            taken += 1;
            break;
        } else if let Some(scale) = word_scale(word).filter(|&s| s >= 1000.0) {
            if group == 0.0 || scale >= smallest_scale || matches!(last, Last::Scale | Last::And) {
                break;
            }
            factor = if total == 0.0 { scale } else { 1.0 };
            total += group * scale;
            group = 0.0;
            smallest_scale = scale;
            last = Last::Scale;
        } else if word == "and"
            && matches!(last, Last::Hundred | Last::Scale)
            && words.get(taken + 1).is_some_and(|w| small_number(w).is_some_and(|v| v > 0))
        {
            last = Last::And;
        } else {
            break;
        }
        taken += 1;
    }
    if matches!(last, Last::Start | Last::And) || taken == 0 {
        return None;
    }
    let value = total + group;
    Some((value, taken, factor))
}

/// What the last word of a number in words was, for what may follow it.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Last {
    Start,
    /// One to nineteen (and the "a" of "a hundred").
    Unit,
    /// Twenty, thirty, ... ninety.
    Tens,
    Hundred,
    Scale,
    And,
}

/// Scale words: "dozen", "hundred", "thousand", "million", "billion", "trillion" and the
/// South Asian "lakh" and "crore".
pub(super) fn word_scale(word: &str) -> Option<f64> {
    Some(match word {
        "dozen" => 12.0,
        "hundred" => 100.0,
        "thousand" => 1e3,
        "lakh" => 1e5,
        "million" => 1e6,
        "crore" => 1e7,
        "billion" => 1e9,
        "trillion" => 1e12,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(s: &str) -> Option<f64> {
        digits(s).map(|d| d.value)
    }

    fn words(s: &str) -> Option<(f64, usize)> {
        let w: Vec<&str> = s.split(' ').collect();
        written(&w).map(|(v, n, _)| (v, n))
    }

    #[test]
    fn reads_digits_with_separators() {
        assert_eq!(value("200,000"), Some(200_000.0));
        assert_eq!(value("7.12"), Some(7.12));
        assert_eq!(value("1,234,567.5"), Some(1_234_567.5));
        assert_eq!(value("0.5"), Some(0.5));
        assert_eq!(digits("2019").map(|d| (d.plain, d.len)), Some((true, 4)));
        for bad in ["1,5", "12,34", "1234,567", "020", "1.2.3", "12345678", "1.", ".5", "", "1,", "x1"] {
            assert_eq!(value(bad), None, "{bad}");
        }
        assert_eq!(value(&format!("{},000", "9".repeat(3))), Some(999_000.0));
    }

    #[test]
    fn huge_numbers_are_skipped_not_infinite() {
        let huge = format!("9{}", ",999".repeat(200));
        assert_eq!(value(&huge), None);
        assert_eq!(value(&"9".repeat(400)), None);
        assert_eq!(glued(&format!("{}.5bn", "9".repeat(7))).map(|(d, ..)| d.value.is_finite()), Some(true));
    }

    #[test]
    fn reads_glued_signs_and_ranges() {
        assert_eq!(glued("₽5").map(|(d, f, c)| (d.value, f, c)), Some((5.0, 1.0, Some("RUB"))));
        assert_eq!(glued("5€").map(|(d, _, c)| (d.value, c)), Some((5.0, Some("EUR"))));
        assert_eq!(glued("5pm"), None);
        let (low, high, factor, _) = hyphen_range("3-5bn").expect("a range");
        assert_eq!((low.value, high.value, factor), (3e9, 5e9, 1e9));
        let (low, high, _, _) = hyphen_range("10-15").expect("a range");
        assert_eq!((low.value, high.value), (10.0, 15.0));
        assert_eq!(hyphen_range("24-hour"), None);
    }

    #[test]
    fn reads_numbers_in_words() {
        assert_eq!(words("three fighter"), Some((3.0, 1)));
        assert_eq!(words("twenty-five men"), Some((25.0, 1)));
        assert_eq!(words("twenty five"), Some((25.0, 2)));
        assert_eq!(words("two hundred thousand troops"), Some((200_000.0, 3)));
        assert_eq!(words("two hundred and fifty"), Some((250.0, 4)));
        assert_eq!(words("two hundred and the"), Some((200.0, 2)));
        assert_eq!(words("a dozen eggs"), Some((12.0, 2)));
        assert_eq!(words("two dozen"), Some((24.0, 2)));
        assert_eq!(words("half a million"), Some((500_000.0, 3)));
        assert_eq!(words("a hundred thousand"), Some((100_000.0, 3)));
        assert_eq!(words("one million two hundred thousand"), Some((1_200_000.0, 5)));
        assert_eq!(words("three million"), Some((3e6, 2)));
        assert_eq!(words("a man"), None);
        assert_eq!(words("thousand"), None);
        assert_eq!(words("three two"), Some((3.0, 1)));
        assert_eq!(words("million million"), None);
    }
}
