//! Amounts and time expressions: stored in text order, bad spans dropped, replaced per
//! article.

use super::*;

fn amount(
    span: Span,
    value: f64,
    value_max: Option<f64>,
    unit: Option<&str>,
    counted: Option<&str>,
) -> Amount {
    Amount { span, value, value_max, unit: unit.map(Into::into), counted: counted.map(Into::into) }
}

fn time(span: Span, start: Option<&str>, end: Option<&str>, granularity: Option<TimeGranularity>) -> TimeRef {
    let date = |d: &str| NaiveDate::parse_from_str(d, "%Y-%m-%d").expect("test date");
    TimeRef { span, start: start.map(date), end: end.map(date), granularity }
}

/// An article with two amounts and two time expressions, handed over out of text order.
fn figured(title: &str) -> NewArticle {
    let mut new = sample(
        title,
        &format!("{title}: 200,000 new troops arrived on Monday; prices rose 3 to 5% last week."),
        None,
    );
    let text = new.article.text();
    new.amounts = vec![
        amount(span_of(&text, "3 to 5%"), 3.0, Some(5.0), Some("%"), None),
        amount(span_of(&text, "200,000 new troops"), 200_000.0, None, None, Some("new troops")),
    ];
    new.times = vec![
        time(
            span_of(&text, "last week"),
            Some("2022-12-12"),
            Some("2022-12-18"),
            Some(TimeGranularity::Week),
        ),
        time(span_of(&text, "on Monday"), None, None, Some(TimeGranularity::Day)),
    ];
    new
}

fn by_start<T: Clone>(items: &[T], start: impl Fn(&T) -> usize) -> Vec<T> {
    let mut sorted = items.to_vec();
    sorted.sort_by_key(|i| start(i));
    sorted
}

pub(super) fn figures_round_trip_in_text_order(store: &dyn Store) {
    let new = figured("Figures");
    let id = insert_all(store, std::slice::from_ref(&new))[0];
    assert_eq!(store.article_amounts(id).expect("amounts"), by_start(&new.amounts, |a| a.span.start));
    assert_eq!(store.article_times(id).expect("times"), by_start(&new.times, |t| t.span.start));
    let unknown = ArticleId(id.0 + 1000);
    assert!(store.article_amounts(unknown).expect("amounts").is_empty());
    assert!(store.article_times(unknown).expect("times").is_empty());
}

pub(super) fn unusable_figures_are_dropped(store: &dyn Store) {
    let mut new = sample("Bad figures", "Песков said 5 people came – on Monday.", None);
    let text = new.article.text();
    let dash = text.find('–').expect("dash");
    let good_amount = amount(span_of(&text, "5 people"), 5.0, Some(f64::NAN), Some(" "), Some("people"));
    let good_time = time(span_of(&text, "on Monday"), None, None, None);
    let bad =
        [Span::new(1, 3), Span::new(dash, dash + 1), Span::new(4, 2), Span::new(0, 0), Span::new(0, 999)];
    new.amounts.push(good_amount.clone());
    new.amounts.push(amount(span_of(&text, "5"), f64::INFINITY, None, None, None));
    new.times.push(good_time.clone());
    for span in bad {
        new.amounts.push(amount(span, 1.0, None, None, None));
        new.times.push(time(span, None, None, None));
    }
    let id = insert_all(store, &[new])[0];
    let amounts = store.article_amounts(id).expect("amounts");
    assert_eq!(amounts.len(), 1, "only the usable amount kept: {amounts:?}");
    assert_eq!((amounts[0].value_max, amounts[0].unit.as_deref()), (None, None), "NaN and blank are none");
    assert_eq!(amounts[0].counted.as_deref(), Some("people"));
    assert_eq!(store.article_times(id).expect("times"), [good_time]);
}

pub(super) fn replacing_figures_replaces_only_that_article(store: &dyn Store) {
    let (a, b) = (figured("Replaced"), figured("Kept"));
    let ids = insert_all(store, &[a.clone(), b.clone()]);
    let text = a.article.text();
    let new_amount = amount(span_of(&text, "200,000"), 200_000.0, None, None, None);
    store.replace_figures(&[(ids[0], vec![new_amount.clone()], Vec::new())]).expect("replace");
    store.replace_figures(&[(ids[0], vec![new_amount.clone()], Vec::new())]).expect("replace again");
    assert_eq!(store.article_amounts(ids[0]).expect("amounts"), std::slice::from_ref(&new_amount));
    assert!(store.article_times(ids[0]).expect("times").is_empty());
    assert_eq!(store.article_amounts(ids[1]).expect("amounts").len(), 2, "the other article keeps its own");
    assert_eq!(store.article_times(ids[1]).expect("times").len(), 2);

    let unknown = ArticleId(ids[1].0 + 1000);
    match store.replace_figures(&[(ids[0], Vec::new(), Vec::new()), (unknown, Vec::new(), Vec::new())]) {
        Err(StoreError::NoSuchArticle(id)) => assert_eq!(id, unknown),
        other => panic!("expected NoSuchArticle, got {other:?}"),
    }
    assert_eq!(store.article_amounts(ids[0]).expect("amounts"), [new_amount], "nothing committed");
}
