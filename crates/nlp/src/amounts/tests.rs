use super::*;

/// One amount as `(spanned text, value, value_max, unit, counted)`.
type Row<'a> = (&'a str, f64, Option<f64>, Option<String>, Option<String>);

fn read(text: &str) -> Vec<Row<'_>> {
    amounts(text)
        .into_iter()
        .map(|a| (a.span.slice(text).expect("on char boundaries"), a.value, a.value_max, a.unit, a.counted))
        .collect()
}

/// The only amount in `text`.
fn one(text: &str) -> Row<'_> {
    let mut found = read(text);
    assert_eq!(found.len(), 1, "{text:?}: {found:?}");
    found.remove(0)
}

fn s(v: &str) -> Option<String> {
    Some(v.to_string())
}

fn assert_none(text: &str) {
    assert_eq!(read(text), [], "{text:?}");
}

#[test]
fn reads_the_issue_examples() {
    assert_eq!(one("Ukraine to receive $1.8bn aid"), ("$1.8bn", 1.8e9, None, s("USD"), None));
    assert_eq!(
        one("Russia was preparing 200,000 new troops for a major offensive"),
        ("200,000 new troops", 200_000.0, None, None, s("new troops"))
    );
    assert_eq!(
        one("Russia sent three fighter planes and an early warning plane"),
        ("three fighter planes", 3.0, None, None, s("fighter planes"))
    );
    assert_eq!(one("inflation of 7.12 percent"), ("7.12 percent", 7.12, None, s("%"), None));
    assert_eq!(one("up 5% on the year"), ("5%", 5.0, None, s("%"), None));
    assert_eq!(one("jailed for 3 to 5 years"), ("3 to 5 years", 3.0, Some(5.0), None, s("years")));
    assert_eq!(one("10-15 people were hurt"), ("10-15 people", 10.0, Some(15.0), None, s("people")));
    assert_eq!(
        one("between 20 and 30 soldiers died"),
        ("between 20 and 30 soldiers", 20.0, Some(30.0), None, s("soldiers"))
    );
}

#[test]
fn reads_vague_counts_as_ranges() {
    assert_eq!(
        one("dozens of protesters gathered"),
        ("dozens of protesters", 24.0, Some(100.0), None, s("protesters"))
    );
    assert_eq!(one("hundreds were arrested"), ("hundreds", 200.0, Some(1000.0), None, None));
    assert_eq!(
        one("thousands of Ukrainians fled"),
        ("thousands of Ukrainians", 2000.0, Some(10_000.0), None, s("Ukrainians"))
    );
    assert_eq!(
        one("tens of thousands of people"),
        ("tens of thousands of people", 20_000.0, Some(100_000.0), None, s("people"))
    );
    assert_eq!(
        one("hundreds of millions of dollars in aid"),
        ("hundreds of millions of dollars", 2e8, Some(1e9), s("USD"), None)
    );
    assert_eq!(one("millions of people"), ("millions of people", 2e6, Some(1e7), None, s("people")));
    assert_eq!(
        one("several hundred troops"),
        ("several hundred troops", 300.0, Some(900.0), None, s("troops"))
    );
    assert_eq!(one("a few thousand men"), ("a few thousand men", 2000.0, Some(5000.0), None, s("men")));
    assert_none("tens of people");
}

#[test]
fn reads_numbers_in_words_and_scales() {
    assert_eq!(one("a dozen eggs"), ("a dozen eggs", 12.0, None, None, s("eggs")));
    assert_eq!(one("half a million refugees"), ("half a million refugees", 5e5, None, None, s("refugees")));
    assert_eq!(one("1.5 million"), ("1.5 million", 1.5e6, None, None, None));
    assert_eq!(one("2m people"), ("2m people", 2e6, None, None, s("people")));
    assert_eq!(one("twenty-five villages"), ("twenty-five villages", 25.0, None, None, s("villages")));
    assert_eq!(
        one("two hundred thousand soldiers"),
        ("two hundred thousand soldiers", 2e5, None, None, s("soldiers"))
    );
    assert_eq!(one("ninety tanks"), ("ninety tanks", 90.0, None, None, s("tanks")));
    assert_eq!(one("a million"), ("a million", 1e6, None, None, None));
    assert_eq!(one("Eleven ministers"), ("Eleven ministers", 11.0, None, None, s("ministers")));
    assert_eq!(one("a billion"), ("a billion", 1e9, None, None, None));
    assert_eq!(one("ten thousand"), ("ten thousand", 1e4, None, None, None));
}

#[test]
fn reads_currencies() {
    assert_eq!(one("a £3.2bn deal"), ("£3.2bn", 3.2e9, None, s("GBP"), None));
    assert_eq!(one("€40 million"), ("€40 million", 4e7, None, s("EUR"), None));
    assert_eq!(one("US$5 each"), ("US$5", 5.0, None, s("USD"), None));
    assert_eq!(one("5 billion rubles"), ("5 billion rubles", 5e9, None, s("RUB"), None));
    assert_eq!(one("5 billion roubles"), ("5 billion roubles", 5e9, None, s("RUB"), None));
    assert_eq!(one("200 million hryvnias"), ("200 million hryvnias", 2e8, None, s("UAH"), None));
    assert_eq!(one("300 billion yen"), ("300 billion yen", 3e11, None, s("JPY"), None));
    assert_eq!(one("40 billion yuan"), ("40 billion yuan", 4e10, None, s("CNY"), None));
    assert_eq!(one("paid 500 pounds"), ("500 pounds", 500.0, None, s("GBP"), None));
    assert_eq!(one("ten euros"), ("ten euros", 10.0, None, s("EUR"), None));
    assert_eq!(one("USD 5m"), ("USD 5m", 5e6, None, s("USD"), None));
    assert_eq!(one("₽500"), ("₽500", 500.0, None, s("RUB"), None));
    assert_eq!(one("₴1,000"), ("₴1,000", 1000.0, None, s("UAH"), None));
    assert_eq!(one("HK$2 billion"), ("HK$2 billion", 2e9, None, s("HKD"), None));
    assert_eq!(one("40 million Swiss francs"), ("40 million Swiss francs", 4e7, None, s("CHF"), None));
    assert_eq!(one("5 billion won"), ("5 billion won", 5e9, None, s("KRW"), None));
    assert_eq!(one("10 pounds of cocaine"), ("10 pounds", 10.0, None, None, s("pounds")));
    assert_eq!(one("$3 to $5 billion"), ("$3 to $5 billion", 3e9, Some(5e9), s("USD"), None));
    assert_eq!(one("$3-5bn"), ("$3-5bn", 3e9, Some(5e9), s("USD"), None));
    assert_eq!(one("between $20 and $30"), ("between $20 and $30", 20.0, Some(30.0), s("USD"), None));
}

#[test]
fn reads_percentages_and_ranges() {
    assert_eq!(one("5 per cent"), ("5 per cent", 5.0, None, s("%"), None));
    assert_eq!(one("3 to 5 percent"), ("3 to 5 percent", 3.0, Some(5.0), s("%"), None));
    assert_eq!(one("10-15%"), ("10-15%", 10.0, Some(15.0), s("%"), None));
    assert_eq!(one("2% to 3%"), ("2% to 3%", 2.0, Some(3.0), s("%"), None));
    assert_eq!(
        one("up 0.5 percentage points"),
        ("0.5 percentage points", 0.5, None, None, s("percentage points"))
    );
    assert_eq!(one("two or three days"), ("two or three days", 2.0, Some(3.0), None, s("days")));
    assert_eq!(one("3 to 5 million people"), ("3 to 5 million people", 3e6, Some(5e6), None, s("people")));
    assert_eq!(one("10–15 people"), ("10–15 people", 10.0, Some(15.0), None, s("people")));
    // A change, not a range.
    assert_eq!(one("rose from 3 to 5 percent"), ("5 percent", 5.0, None, s("%"), None));
    assert_eq!(
        read("up 3% to 1,200 points"),
        [("3%", 3.0, None, s("%"), None), ("1,200 points", 1200.0, None, None, s("points"))]
    );
}

#[test]
fn counted_phrases_end_at_plurals_prepositions_and_verbs() {
    assert_eq!(one("200 more troops").4, s("more troops"));
    assert_eq!(one("three Russian news agencies said").4, s("Russian news agencies"));
    assert_eq!(one("3 US warships").4, s("US warships"));
    assert_eq!(one("one soldier reportedly died").4, s("soldier"));
    assert_eq!(one("two men arrested on Monday").4, s("men"));
    assert_eq!(one("5 IEDs").4, s("IEDs"));
    assert_eq!(one("500 km away").4, s("km"));
    assert_eq!(one("45 years old").4, s("years"));
    assert_eq!(one("one building was hit").4, s("building"));
    assert_eq!(one("6,000 displaced Palestinians").4, s("displaced Palestinians"));
    assert_eq!(one("11 other Armed Forces personnel").4, s("other Armed Forces"));
    assert_eq!(one("One questioner asked candidates").4, s("questioner"));
    assert_eq!(one("a 6.3 magnitude earthquake causing damage").4, s("magnitude earthquake"));
    assert_eq!(one("a 400 m race").0, "400 m");
    assert_eq!(one("defeated Maroochydore 29 points to 10").0, "29 points");
    assert_none("96 arriving");
    assert_none("the BBC Radio 4 program");
    assert_none("a Falcon 9 rocket");
    assert_none("The toll rose to 45.");
    assert_none("two thirds of the vote");
    assert_eq!(one("two consecutive quarters").4, s("consecutive quarters"));
    assert_none("killing 12 in the attack");
    assert_none("5 more");
    assert_none("10 Downing Street");
}

#[test]
fn skips_years_dates_times_and_ordinals() {
    assert_none("His first trip to Minsk since 2019");
    assert_none("in 2019 Putin went");
    assert_none("the 2020 election");
    assert_none("the 2019-2020 season");
    assert_none("on December 20 the troops left");
    assert_none("on 20 December troops left");
    assert_none("Dec. 20, 2022");
    assert_eq!(one("in the first half of 2022 to £33 million").0, "£33 million");
    assert_none("at 10:30 the talks");
    assert_none("at 5 pm officials");
    assert_none("at 10 a.m. troops");
    assert_none("the first and 21st soldiers");
    assert_eq!(one("$2019").1, 2019.0);
    assert_none("on 3 May protesters marched");
}

#[test]
fn skips_labels_ids_scores_and_pronouns() {
    assert_none("call 020 7946 0958 now");
    assert_none("call 555 1234 now");
    assert_none("tracking number 123456789 was");
    assert_none("COVID-19 cases");
    assert_none("see https://example.com/2019/5 people");
    assert_none("No. 10 Downing");
    assert_none("Belarus was Russia’s “number one ally”");
    assert_none("one of the soldiers");
    assert_none("no one soldier");
    assert_none("the one thing");
    assert_none("Spain won 6-3");
    assert_none("a 3-6 defeat");
    assert_none("a 10-year sentence");
    assert_none("a 200,000-strong army");
}

#[test]
fn amounts_do_not_run_across_lines() {
    assert_eq!(read("sent 200\ntroops arrived"), []);
    assert_eq!(read("sent 200 troops\nand more"), [("200 troops", 200.0, None, None, s("troops"))]);
}

#[test]
fn finds_the_amounts_of_the_founding_example() {
    let page = include_str!("../../../../data/demo/scraped-page-belarus.txt");
    let found = read(page);
    assert!(found.contains(&("200,000 new troops", 200_000.0, None, None, s("new troops"))), "{found:?}");
    assert!(found.contains(&("three fighter planes", 3.0, None, None, s("fighter planes"))), "{found:?}");
    // In a related headline of the raw page; not in the article's text (below).
    assert!(found.iter().any(|a| a.1 == 1.8e9 && a.3 == s("USD")), "{found:?}");
    assert_eq!(found.len(), 3, "{found:?}");
}

#[test]
fn reads_amounts_of_the_article_body_only() {
    let page = include_bytes!("../../../../data/demo/scraped-page-belarus.txt");
    let article =
        newsgraph_extract::extract(page, &newsgraph_extract::ExtractOptions::default()).expect("an article");
    let text = article.text();
    let found = amounts(&text);
    assert!(found.iter().all(|a| a.value != 1.8e9), "{found:?}");
    assert!(found.iter().any(|a| a.value == 200_000.0 && a.counted.as_deref() == Some("new troops")));
    assert!(found.iter().any(|a| a.value == 3.0 && a.counted.as_deref() == Some("fighter planes")));
}

fn check(text: &str) {
    let mut last = 0;
    for a in amounts(text) {
        assert!(a.span.start >= last && a.span.start < a.span.end, "{text:?}: {a:?}");
        assert!(a.span.slice(text).is_some(), "{text:?}: {a:?}");
        assert!(a.value.is_finite() && a.value_max.is_none_or(f64::is_finite), "{text:?}: {a:?}");
        assert!(a.value_max.is_none_or(|m| m > a.value), "{text:?}: {a:?}");
        last = a.span.end;
    }
}

#[test]
fn adversarial_input_never_panics_or_gives_infinite_values() {
    let nines = "9".repeat(5000);
    for text in [
        nines.clone(),
        format!("${nines}bn"),
        format!("{nines} troops"),
        format!("9{} troops", ",999".repeat(400)),
        format!("1.{nines} million people"),
        format!("{nines}-{nines} people"),
        format!("1-{nines} people"),
        "9".repeat(300) + "," + &"999,".repeat(200) + "999 troops",
        "between between between 5 and".to_string(),
        "a a a half a half a".to_string(),
        "₽ ₽5 5₽ ₽-5 5-₽ €-€ $".to_string(),
        "one one one one hundred hundred thousand thousand million".to_string(),
        "dozens of of of tens of tens of thousands of".to_string(),
        "3 to".to_string(),
        "3 -".to_string(),
        "-".to_string(),
        "5-".to_string(),
        "percentage".to_string(),
        "5 percentage".to_string(),
        "\u{a3}\u{a3}\u{a3}1".to_string(),
        "1e308 1e309 inf NaN 0x10".to_string(),
        "Ω5 5Ω 5é é5 5\u{200b}".to_string(),
    ] {
        check(&text);
    }
}

proptest::proptest! {
    #[test]
    fn random_text_gives_valid_spans(text in "\\PC{0,80}") {
        check(&text);
    }

    #[test]
    fn news_like_text_gives_valid_spans(
        text in "([0-9]{1,12}|[0-9]{1,3}(,[0-9]{3}){0,3}|[0-9]\\.[0-9]{1,3}|[$£€₽₴%-]|bn|m|k|to|and|or|of|between|a|half|dozen|dozens|hundred|hundreds|thousand|thousands|million|one|three|twenty-five|percent|per|cent|rubles|troops|the|December|pm|\\.|,|[ \n]{1,2}){0,40}"
    ) {
        check(&text);
    }
}

/// Speed: prints, never asserts on time.
#[test]
fn reads_a_long_text_in_one_pass() {
    let page = include_str!("../../../../data/demo/scraped-page-belarus.txt");
    let text = page.repeat(200);
    let started = std::time::Instant::now();
    let found = amounts(&text);
    println!("{} amounts in {} bytes in {:?}", found.len(), text.len(), started.elapsed());
    assert_eq!(found.len(), 600);
}
