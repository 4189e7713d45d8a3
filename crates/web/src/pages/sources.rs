//! `GET /sources`: the sources followed and how their polling goes.

use axum::extract::State;
use chrono::{DateTime, Utc};
use maud::{Markup, html};

use super::{PageError, layout};
use crate::{AppState, backend};

pub async fn show(State(state): State<AppState>) -> Result<Markup, PageError> {
    let sources = backend::sources(&state).await?;
    let body = html! {
        h1 { "Sources" }
        @if sources.is_empty() {
            p { "No sources are followed. Follow one with " code { "newsgraph source add URL" } " or import an OPML list with " code { "newsgraph import-opml FILE" } "." }
        } @else {
            table.sources {
                thead { tr { th { "Source" } th { "Section" } th { "Last poll" } th { "Next poll" } th { "Status" } th { "Articles" } } }
                tbody {
                    @for s in &sources {
                        tr.failing[s.last_error.is_some()] {
                            td {
                                (s.title.as_deref().unwrap_or(&s.url))
                                br;
                                small.muted { (s.kind.as_str()) " · " (s.url) }
                                @if let Some(error) = &s.last_error {
                                    br;
                                    small.error { (error) " (" (s.failures) " in a row)" }
                                }
                            }
                            td { (s.section.as_deref().unwrap_or("")) }
                            td { (when(s.last_polled, "never")) }
                            td { (when(s.next_poll, "now")) }
                            td { (s.last_status.map_or_else(String::new, |c| c.to_string())) }
                            td { (s.articles_found) }
                        }
                    }
                }
            }
        }
    };
    Ok(layout::page("Sources", body))
}

fn when(at: Option<DateTime<Utc>>, none: &str) -> String {
    at.map_or_else(|| none.to_owned(), |t| t.format("%Y-%m-%d %H:%M UTC").to_string())
}
