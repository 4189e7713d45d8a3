//! The words amounts are read with: currencies, scales, and the small closed lists that end
//! a counted noun phrase or show a number is not an amount. Words are compared lower-cased
//! unless a list says otherwise.

/// Currency signs written as their own token ("$" "5", "US$" "5") and the ISO 4217 code
/// each stands for. "$" alone is the US dollar and "¥" the yen: the readings most common in
/// English-language news.
const SIGNS: &[(&str, &str)] = &[
    ("$", "USD"),
    ("US$", "USD"),
    ("C$", "CAD"),
    ("CA$", "CAD"),
    ("A$", "AUD"),
    ("AU$", "AUD"),
    ("NZ$", "NZD"),
    ("HK$", "HKD"),
    ("S$", "SGD"),
    ("R$", "BRL"),
    ("NT$", "TWD"),
    ("MX$", "MXN"),
    ("\u{a3}", "GBP"),
    ("\u{20ac}", "EUR"),
    ("\u{a5}", "JPY"),
    ("CN\u{a5}", "CNY"),
    ("\u{20bd}", "RUB"),
    ("\u{20b4}", "UAH"),
    ("\u{20b9}", "INR"),
    ("\u{20a9}", "KRW"),
    ("\u{20ba}", "TRY"),
    ("\u{20aa}", "ILS"),
    ("\u{20a6}", "NGN"),
];

/// ISO 4217 codes read before or after a number ("USD 5 million", "40m EUR"), written in
/// capitals; "RMB" is the yuan.
const CODES: &[(&str, &str)] = &[
    ("USD", "USD"),
    ("EUR", "EUR"),
    ("GBP", "GBP"),
    ("JPY", "JPY"),
    ("CNY", "CNY"),
    ("RMB", "CNY"),
    ("RUB", "RUB"),
    ("UAH", "UAH"),
    ("BYN", "BYN"),
    ("CHF", "CHF"),
    ("INR", "INR"),
    ("CAD", "CAD"),
    ("AUD", "AUD"),
    ("NZD", "NZD"),
    ("HKD", "HKD"),
    ("SGD", "SGD"),
    ("KRW", "KRW"),
    ("TRY", "TRY"),
    ("ILS", "ILS"),
    ("PLN", "PLN"),
    ("ZAR", "ZAR"),
    ("NGN", "NGN"),
    ("SAR", "SAR"),
    ("AED", "AED"),
    ("SEK", "SEK"),
    ("NOK", "NOK"),
    ("DKK", "DKK"),
    ("BRL", "BRL"),
    ("MXN", "MXN"),
    ("KZT", "KZT"),
];

/// Currency names after a number ("5 billion rubles", "40 million Swiss francs"). A bare
/// "pesos", "dinars" or "francs" names several currencies and is left as a counted noun.
const NAMES: &[(&[&str], &str)] = &[
    (&["dollars"], "USD"),
    (&["dollar"], "USD"),
    (&["us", "dollars"], "USD"),
    (&["u.s.", "dollars"], "USD"),
    (&["american", "dollars"], "USD"),
    (&["canadian", "dollars"], "CAD"),
    (&["australian", "dollars"], "AUD"),
    (&["new", "zealand", "dollars"], "NZD"),
    (&["hong", "kong", "dollars"], "HKD"),
    (&["singapore", "dollars"], "SGD"),
    (&["taiwan", "dollars"], "TWD"),
    (&["euros"], "EUR"),
    (&["euro"], "EUR"),
    (&["pounds"], "GBP"),
    (&["pound"], "GBP"),
    (&["pounds", "sterling"], "GBP"),
    (&["sterling"], "GBP"),
    (&["rubles"], "RUB"),
    (&["ruble"], "RUB"),
    (&["roubles"], "RUB"),
    (&["rouble"], "RUB"),
    (&["russian", "rubles"], "RUB"),
    (&["russian", "roubles"], "RUB"),
    (&["belarusian", "rubles"], "BYN"),
    (&["belarusian", "roubles"], "BYN"),
    (&["hryvnias"], "UAH"),
    (&["hryvnia"], "UAH"),
    (&["hryvnas"], "UAH"),
    (&["hryvna"], "UAH"),
    (&["hryvnyas"], "UAH"),
    (&["hryvnya"], "UAH"),
    (&["ukrainian", "hryvnias"], "UAH"),
    (&["yen"], "JPY"),
    (&["japanese", "yen"], "JPY"),
    (&["yuan"], "CNY"),
    (&["renminbi"], "CNY"),
    (&["chinese", "yuan"], "CNY"),
    (&["rupees"], "INR"),
    (&["rupee"], "INR"),
    (&["indian", "rupees"], "INR"),
    (&["pakistani", "rupees"], "PKR"),
    (&["swiss", "francs"], "CHF"),
    (&["lira"], "TRY"),
    (&["liras"], "TRY"),
    (&["turkish", "lira"], "TRY"),
    (&["shekels"], "ILS"),
    (&["shekel"], "ILS"),
    (&["zlotys"], "PLN"),
    (&["zloty"], "PLN"),
    (&["z\u{142}otys"], "PLN"),
    (&["z\u{142}oty"], "PLN"),
    (&["rand"], "ZAR"),
    (&["naira"], "NGN"),
    (&["riyals"], "SAR"),
    (&["dirhams"], "AED"),
    (&["mexican", "pesos"], "MXN"),
    (&["argentine", "pesos"], "ARS"),
    (&["philippine", "pesos"], "PHP"),
    (&["kronor"], "SEK"),
    (&["swedish", "kronor"], "SEK"),
    (&["tenge"], "KZT"),
    // "won" is also a verb ("Spain won 3 medals"): a currency only after a scale word.
    (&["won"], "KRW"),
];

/// The currency sign token `word`, or the currency code written in capitals.
pub(super) fn currency_sign(word: &str) -> Option<&'static str> {
    SIGNS.iter().chain(CODES).find(|(sign, _)| *sign == word).map(|&(_, code)| code)
}

/// A currency sign glued to a number ("₽5", "5€"): the code and the rest of the word.
pub(super) fn glued_currency(word: &str) -> (Option<&'static str>, &str) {
    for &(sign, code) in SIGNS {
        if sign.chars().count() == 1 {
            if let Some(rest) = word.strip_prefix(sign) {
                return (Some(code), rest);
            }
            if let Some(rest) = word.strip_suffix(sign) {
                return (Some(code), rest);
            }
        }
    }
    (None, word)
}

/// The currency named by lower-cased words from the first, with how many words it took;
/// the longest name wins ("pounds sterling" over "pounds").
pub(super) fn currency_name(words: &[&str], after_scale: bool) -> Option<(&'static str, usize)> {
    NAMES
        .iter()
        .filter(|(name, _)| words.len() >= name.len() && words[..name.len()] == **name)
        .filter(|(name, _)| after_scale || *name != ["won"])
        .max_by_key(|(name, _)| name.len())
        .map(|&(name, code)| (code, name.len()))
}

/// A scale written after digits, glued or as the next word ("1.8bn", "2m", "5 million").
pub(super) fn scale_suffix(word: &str) -> Option<f64> {
    Some(match word.to_ascii_lowercase().as_str() {
        "k" | "thousand" => 1e3,
        "lakh" => 1e5,
        "m" | "mn" | "mln" | "million" => 1e6,
        "crore" => 1e7,
        "bn" | "bln" | "billion" => 1e9,
        "tn" | "trn" | "trillion" => 1e12,
        _ => return None,
    })
}

/// Plural scale words of vague counts ("dozens", "hundreds of thousands") and their unit.
pub(super) fn vague_unit(word: &str) -> Option<f64> {
    Some(match word {
        "tens" => 10.0,
        "dozens" => 12.0,
        "hundreds" => 100.0,
        "thousands" => 1e3,
        "millions" => 1e6,
        "billions" => 1e9,
        "trillions" => 1e12,
        _ => return None,
    })
}

/// Month names as written (capitalised: "may" is a verb) before or after a day of the month.
pub(super) fn is_month(word: &str) -> bool {
    listed(MONTHS, word)
}

const MONTHS: &str = "\
    January February March April May June July August September October November December Jan Jan. Feb \
    Feb. Mar. Apr Apr. Jun Jun. Jul Jul. Aug Aug. Sep Sep. Sept Sept. Oct Oct. Nov Nov. Dec Dec.";

/// Words after a number that make it a time of day ("5 pm", "10 a.m.", "9 GMT").
pub(super) fn is_time_suffix(lower: &str) -> bool {
    listed(TIME_SUFFIXES, lower)
}

const TIME_SUFFIXES: &str = "\
    am pm a.m. p.m. a.m p.m gmt utc bst cet cest est edt pst pdt et hrs o'clock o\u{2019}clock";

/// Words before a number that make it a label, not an amount ("No. 10", "number one").
pub(super) fn is_label_before(lower: &str) -> bool {
    matches!(lower, "no." | "nos." | "nr." | "number" | "#" | "no")
}

/// Words before "one" that make it a pronoun ("the one", "no one", "every one").
pub(super) fn is_pronoun_one_before(lower: &str) -> bool {
    matches!(
        lower,
        "the" | "this" | "that" | "any" | "every" | "each" | "which" | "no" | "no." | "number" | "only"
    )
}

/// Heads of scores written as ranges ("a 3-6 loss"): a sports result, not a range.
pub(super) fn is_score_noun(lower: &str) -> bool {
    matches!(lower, "win" | "victory" | "defeat" | "loss" | "lead" | "draw" | "score" | "scoreline" | "rout")
}

/// Words a counted noun phrase never contains: determiners, pronouns, prepositions,
/// conjunctions, auxiliaries and common verbs, adverbs. The phrase stops before them.
pub(super) fn ends_counted(lower: &str) -> bool {
    listed(ENDS_COUNTED, lower)
}

const ENDS_COUNTED: &str = "\
    a an the of in on at to for from by with into onto over under about above below against between \
    among amid during since until after before than as per via across around behind beyond near off out \
    up down through toward towards upon within without versus vs vs. and or but nor so yet if because \
    while when where whether that which who whom whose what this these those it its they them their he \
    him his she her we us our you your i me my one another each every all both some any such no not n't \
    is are was were be been being has have had do does did will would could should may might must can \
    shall said says say told tells went goes came come comes took takes fled flee die died left got gets \
    made makes saw sees gave gives fell rose lost met held sent brought began became become found kept \
    paid led spent stood struck including according following remain remained shook like ago later \
    earlier away apart ahead back abroad aboard also only just still now then there here too very much \
    many already again even ever never apiece altogether respectively yesterday today tomorrow tonight \
    percent pct cannot";

/// Fractions right after a number: "two thirds of the vote" counts no thirds (but "two
/// consecutive quarters" counts quarters).
pub(super) fn is_fraction(lower: &str) -> bool {
    matches!(lower, "half" | "halves" | "third" | "thirds" | "quarter" | "quarters" | "fifth" | "fifths")
}

/// Words that modify a counted noun but cannot end the phrase ("200 more troops": "more
/// troops"; "5 more" counts nothing).
pub(super) fn modifier_only(lower: &str) -> bool {
    matches!(lower, "more" | "fewer" | "less" | "other" | "extra" | "additional" | "further" | "new" | "old")
}

/// Words ending in "s" that are modifiers as often as heads ("news agencies", "arms
/// deals"): they do not end the phrase the way a plural does.
pub(super) fn plural_modifier(lower: &str) -> bool {
    PLURAL_MODIFIERS.contains(&lower)
}

const PLURAL_MODIFIERS: &[&str] =
    &["news", "arms", "sports", "sales", "savings", "customs", "series", "species", "means"];

/// Plurals without an "s" and abbreviated units of measure: like other plurals, they end
/// the phrase ("500 km away").
pub(super) fn ends_like_plural(lower: &str) -> bool {
    listed(LIKE_PLURALS, lower)
}

const LIKE_PLURALS: &str = "\
    people men women children personnel staff cattle sheep km kg cm mm mph kph ft lb lbs oz ha m kw kwh \
    mw gw";

/// Nouns ending in "ly", which otherwise mark an adverb ("reportedly") that cannot end a
/// counted phrase.
pub(super) fn ly_noun(lower: &str) -> bool {
    LY_NOUNS.contains(&lower)
}

const LY_NOUNS: &[&str] =
    &["ally", "family", "supply", "assembly", "rally", "anomaly", "monopoly", "reply", "fly", "belly"];

/// Nouns ending in "ing", which otherwise mark a verb ("96 arriving") that cannot end a
/// counted phrase.
pub(super) fn ing_noun(lower: &str) -> bool {
    listed(ING_NOUNS, lower)
}

const ING_NOUNS: &str = "\
    building meeting bombing shooting killing stabbing hearing evening morning wedding warning painting \
    uprising sibling offering crossing ceiling dwelling setting earring something recording landing \
    ruling finding funding spending housing training opening beginning ending filing listing posting \
    sitting reading outing pudding";

/// Whether `word` is one of the space-separated words of `list`. The long lists are kept as
/// text: as arrays, formatted one word a line, they would fill hundreds of lines.
fn listed(list: &str, word: &str) -> bool {
    list.split_ascii_whitespace().any(|w| w == word)
}
