//! `GET /quotes?speaker=...&q=...`: who said what across the stored articles, newest first,
//! by speaker (an entity id or a name) and by words of what was said; both optional.

use axum::extract::State;
use maud::{Markup, html};
use newsgraph_store::{Page, QuoteFilter, SpeakerFilter};

use super::{PageError, PageQuery, layout};
use crate::{AppState, backend, display};

const PER_PAGE: u64 = 30;

pub async fn show(State(state): State<AppState>, PageQuery(raw): PageQuery) -> Result<Markup, PageError> {
    let page = raw.page()?;
    let speaker = raw.speaker();
    let words = raw.query_text().map(str::to_owned);
    let offset = (page - 1).saturating_mul(PER_PAGE);
    let filter = QuoteFilter { speaker: speaker.clone(), words: words.clone() };
    let found = backend::quotes(&state, filter, Page { offset, limit: PER_PAGE }).await?;
    let has_next = offset.saturating_add(PER_PAGE) < found.total;
    let speaker_text = match &speaker {
        Some(SpeakerFilter::Entity(id)) => id.0.to_string(),
        Some(SpeakerFilter::Name(name)) => name.clone(),
        None => String::new(),
    };
    let q = words.as_deref().unwrap_or("");
    let who = match &speaker {
        Some(SpeakerFilter::Entity(id)) => found.entities.get(id).map(|e| e.name.clone()),
        Some(SpeakerFilter::Name(name)) => Some(name.clone()),
        None => None,
    };
    let body = html! {
        h1 { "Quotes" }
        (form(&speaker_text, q))
        p.muted {
            (display::count(found.total, "quote", "quotes"))
            @if let Some(who) = &who { " by “" (who) "”" }
            @if !q.is_empty() { " with “" (q) "”" }
        }
        @if found.quotes.is_empty() {
            p { @if found.total == 0 { "None found." } @else { "No quotes on this page." } }
        } @else {
            (layout::quote_list(&found.quotes, &found.entities))
        }
        (layout::pager(page, has_next, |n| page_href(&speaker_text, q, n)))
    };
    Ok(layout::page("Quotes", body))
}

fn form(speaker: &str, q: &str) -> Markup {
    html! {
        form.search action="/quotes" method="get" role="search" {
            input type="search" name="speaker" value=(speaker) placeholder="Speaker" aria-label="Speaker: a name or an entity id";
            input type="search" name="q" value=(q) placeholder="Words said" aria-label="Words in what was said";
            button type="submit" { "Search" }
        }
    }
}

fn page_href(speaker: &str, q: &str, page: u64) -> String {
    let mut href = String::from("/quotes?");
    if !speaker.is_empty() {
        href.push_str(&format!("speaker={}&", display::encode_query_value(speaker)));
    }
    if !q.is_empty() {
        href.push_str(&format!("q={}&", display::encode_query_value(q)));
    }
    href.push_str(&format!("page={page}"));
    href
}
