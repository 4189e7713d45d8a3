//! Mentions (or articles) over time as an inline SVG bar chart (per hour, day, month or year),
//! with the figures in a table beside it.
//! Drawn on the server with attributes only (no script, no inline style), so the page's CSP
//! holds and it shows without JavaScript.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use maud::{Markup, html};

/// Bars drawn at most before days are grouped into months, and months into years.
const MAX_BARS: i64 = 120;
/// Drawing units per bar and the chart's height, in the SVG's own coordinates.
const BAR: u64 = 10;
const HEIGHT: u64 = 60;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Period {
    Day,
    Month,
    Year,
}

/// Consecutive periods from the first mention to the last, empty ones included so the axis is
/// even, each with its label and number of mentions.
fn buckets(days: &[(NaiveDate, u64)]) -> (Period, Vec<(String, u64)>) {
    let (Some(&(first, _)), Some(&(last, _))) = (days.first(), days.last()) else {
        return (Period::Day, Vec::new());
    };
    let months = |d: NaiveDate| i64::from(d.year()) * 12 + i64::from(d.month0());
    let period = if (last - first).num_days() < MAX_BARS {
        Period::Day
    } else if months(last) - months(first) < MAX_BARS {
        Period::Month
    } else {
        Period::Year
    };
    let (start, end, key): (i64, i64, Box<dyn Fn(NaiveDate) -> i64>) = match period {
        Period::Day => {
            let day = |d: NaiveDate| i64::from(d.num_days_from_ce());
            (day(first), day(last), Box::new(day))
        }
        Period::Month => (months(first), months(last), Box::new(months)),
        Period::Year => (i64::from(first.year()), i64::from(last.year()), Box::new(|d| i64::from(d.year()))),
    };
    let mut counts = vec![0u64; usize::try_from(end - start + 1).unwrap_or(0)];
    for &(day, n) in days {
        if let Some(slot) = usize::try_from(key(day) - start).ok().and_then(|i| counts.get_mut(i)) {
            *slot += n;
        }
    }
    let label = |offset: i64| -> String {
        let at = start + offset;
        match period {
            Period::Day => i32::try_from(at)
                .ok()
                .and_then(NaiveDate::from_num_days_from_ce_opt)
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
            Period::Month => format!("{:04}-{:02}", at.div_euclid(12), at.rem_euclid(12) + 1),
            Period::Year => format!("{at}"),
        }
    };
    let labelled = counts.into_iter().enumerate().map(|(i, n)| (label(i as i64), n)).collect();
    (period, labelled)
}

/// Mentions per day (or month, or year).
pub fn render(days: &[(NaiveDate, u64)]) -> Markup {
    render_counting(days, ("mention", "mentions"))
}

/// `days` counted in `noun` (singular, plural): "articles".
pub fn render_counting(days: &[(NaiveDate, u64)], noun: (&str, &str)) -> Markup {
    let (period, bars) = buckets(days);
    let unit = match period {
        Period::Day => "day",
        Period::Month => "month",
        Period::Year => "year",
    };
    draw(unit, &bars, noun)
}

/// Hours (UTC, each the start of its hour) counted in `noun`, from the first to the last, the
/// hours between drawn empty: for coverage that lasted a few days.
pub fn render_hourly(hours: &[(DateTime<Utc>, u64)], noun: (&str, &str)) -> Markup {
    let (Some(&(first, _)), Some(&(last, _))) = (hours.first(), hours.last()) else {
        return draw("hour", &[], noun);
    };
    let span = usize::try_from((last - first).num_hours()).unwrap_or(0).min(MAX_HOURS);
    let mut bars: Vec<(String, u64)> = (0..=span)
        .map(|h| ((first + Duration::hours(h as i64)).format("%Y-%m-%d %H:00 UTC").to_string(), 0))
        .collect();
    for &(hour, n) in hours {
        if let Some(bar) = usize::try_from((hour - first).num_hours()).ok().and_then(|i| bars.get_mut(i)) {
            bar.1 += n;
        }
    }
    draw("hour", &bars, noun)
}

/// Hours an hourly chart draws at most: three days.
pub const MAX_HOURS: usize = 72;

/// The chart of `bars` (label, count), each one `unit` long, and its figures.
fn draw(unit: &str, bars: &[(String, u64)], noun: (&str, &str)) -> Markup {
    let (one, many) = noun;
    let Some(max) = bars.iter().map(|(_, n)| *n).max().filter(|&m| m > 0) else {
        return html! { p.muted { "No dated " (many) "." } };
    };
    let mut letters = many.chars();
    let heading: String =
        letters.next().map(|c| c.to_uppercase().chain(letters).collect()).unwrap_or_default();
    let width = bars.len() as u64 * BAR;
    let summary = format!(
        "{heading} per {unit}, {} to {}",
        bars.first().map_or("", |(l, _)| l.as_str()),
        bars.last().map_or("", |(l, _)| l.as_str())
    );
    html! {
        figure.timeline {
            svg xmlns="http://www.w3.org/2000/svg" viewBox={ "0 0 " (width) " " (HEIGHT) }
                preserveAspectRatio="none" role="img" aria-label=(summary) {
                @for (i, (label, n)) in bars.iter().enumerate() {
                    @if *n > 0 {
                        @let height = (n * HEIGHT).div_ceil(max).max(1);
                        rect x=(i as u64 * BAR + 1) y=(HEIGHT - height) width=(BAR - 2) height=(height) {
                            title { (label) ": " (n) " " @if *n == 1 { (one) } @else { (many) } }
                        }
                    }
                }
            }
            figcaption.muted { (summary) }
        }
        details.timeline-figures {
            summary { "Figures" }
            table {
                thead { tr { th scope="col" { (unit) } th scope="col" { (many) } } }
                tbody {
                    @for (label, n) in bars.iter().filter(|(_, n)| *n > 0) {
                        tr { td { (label) } td { (n) } }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    #[test]
    fn short_spans_are_counted_by_day_with_gaps_filled() {
        let (period, bars) = buckets(&[(day(2022, 2, 27), 2), (day(2022, 3, 2), 1)]);
        assert_eq!(period, Period::Day);
        let labels: Vec<_> = bars.iter().map(|(l, n)| format!("{l}={n}")).collect();
        assert_eq!(labels, ["2022-02-27=2", "2022-02-28=0", "2022-03-01=0", "2022-03-02=1"]);
    }

    #[test]
    fn longer_spans_are_counted_by_month_then_year() {
        let (period, bars) = buckets(&[(day(2021, 12, 31), 2), (day(2022, 1, 1), 1), (day(2022, 6, 5), 4)]);
        assert_eq!(period, Period::Month);
        assert_eq!(bars.first(), Some(&("2021-12".to_string(), 2)));
        assert_eq!(bars[1], ("2022-01".to_string(), 1));
        assert_eq!(bars.last(), Some(&("2022-06".to_string(), 4)));
        assert_eq!(bars.len(), 7);

        let (period, bars) = buckets(&[(day(1990, 5, 1), 1), (day(2022, 1, 1), 3)]);
        assert_eq!(period, Period::Year);
        assert_eq!(bars.len(), 33);
        assert_eq!(bars.last(), Some(&("2022".to_string(), 3)));
    }

    #[test]
    fn hours_are_drawn_from_the_first_to_the_last_with_gaps() {
        let at = |h: u32| day(2022, 12, 19).and_hms_opt(h, 0, 0).expect("hour").and_utc();
        let chart = render_hourly(&[(at(9), 2), (at(12), 1)], ("article", "articles")).into_string();
        assert_eq!(chart.matches("<rect").count(), 2, "{chart}");
        assert!(chart.contains("2022-12-19 09:00 UTC: 2 articles"));
        assert!(chart.contains("Articles per hour, 2022-12-19 09:00 UTC to 2022-12-19 12:00 UTC"));
        assert!(render_hourly(&[], ("article", "articles")).into_string().contains("No dated articles"));
    }

    #[test]
    fn no_mentions_draw_no_chart() {
        assert!(render(&[]).into_string().contains("No dated mentions"));
        let chart = render(&[(day(2022, 3, 1), 3), (day(2022, 3, 3), 1)]).into_string();
        assert_eq!(chart.matches("<rect").count(), 2, "{chart}");
        assert!(chart.contains("2022-03-01: 3 mentions"));
        assert!(!chart.contains("style="), "the CSP allows no inline style");
    }
}
