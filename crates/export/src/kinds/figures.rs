//! One row per amount ("200,000 new troops") or time expression ("on Monday"), with its text
//! and where it is: offsets count Unicode characters into the article's text, as the API's do.

use newsgraph_model::{TimeGranularity, shown_amounts, shown_times};
use newsgraph_store::Store;

use crate::Result;
use crate::select::Selection;
use crate::table::{Column, ColumnType::*, Rows, Value, column};

pub(super) const AMOUNT_COLUMNS: &[Column] = &[
    column("article_id", Int),
    column("text", Text),
    column("start", Int),
    column("end", Int),
    column("value", Float),
    column("value_max", Float),
    column("unit", Text),
    column("counted", Text),
];

pub(super) const TIME_COLUMNS: &[Column] = &[
    column("article_id", Int),
    column("text", Text),
    column("start", Int),
    column("end", Int),
    column("start_date", Date),
    column("end_date", Date),
    column("granularity", Text),
];

pub(super) fn write_amounts(store: &dyn Store, selection: &Selection, rows: &mut Rows<'_>) -> Result<()> {
    selection.articles(store, |batch| {
        for stored in batch {
            let amounts = store.article_amounts(stored.id)?;
            if amounts.is_empty() {
                continue;
            }
            let text = stored.article.text();
            for a in shown_amounts(&text, &amounts) {
                rows.push(&[
                    Value::Int(stored.id.0),
                    Value::Text(a.text),
                    Value::count(a.start as u64),
                    Value::count(a.end as u64),
                    Value::float(Some(a.value)),
                    Value::float(a.value_max),
                    Value::text(a.unit),
                    Value::text(a.counted),
                ])?;
            }
        }
        Ok(!rows.done())
    })
}

pub(super) fn write_times(store: &dyn Store, selection: &Selection, rows: &mut Rows<'_>) -> Result<()> {
    selection.articles(store, |batch| {
        for stored in batch {
            let times = store.article_times(stored.id)?;
            if times.is_empty() {
                continue;
            }
            let text = stored.article.text();
            for t in shown_times(&text, &times) {
                rows.push(&[
                    Value::Int(stored.id.0),
                    Value::Text(t.text),
                    Value::count(t.start as u64),
                    Value::count(t.end as u64),
                    Value::date(t.start_date),
                    Value::date(t.end_date),
                    Value::text(t.granularity.map(granularity_name)),
                ])?;
            }
        }
        Ok(!rows.done())
    })
}

/// As the API spells granularities.
fn granularity_name(granularity: TimeGranularity) -> &'static str {
    match granularity {
        TimeGranularity::Day => "day",
        TimeGranularity::Week => "week",
        TimeGranularity::Month => "month",
        TimeGranularity::Season => "season",
        TimeGranularity::Year => "year",
    }
}
