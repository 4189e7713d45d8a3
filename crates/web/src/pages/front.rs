//! `GET /`: the search box, how many articles there are, and the newest ones.

use axum::extract::State;
use maud::{Markup, html};

use super::{PageError, PageQuery, layout};
use crate::{AppState, backend};

const PER_PAGE: u64 = 30;

pub async fn show(State(state): State<AppState>, PageQuery(raw): PageQuery) -> Result<Markup, PageError> {
    let page = raw.page()?;
    let offset = (page - 1).saturating_mul(PER_PAGE);
    let latest = backend::latest(&state, offset, PER_PAGE).await?;
    let has_next = offset.saturating_add(PER_PAGE) < latest.total;
    let body = html! {
        (layout::search_form("", "", "", None))
        p.muted { (latest.total) @if latest.total == 1 { " article" } @else { " articles" } }
        @if latest.articles.is_empty() {
            p { @if latest.total == 0 { "Nothing stored yet." } @else { "No articles on this page." } }
        } @else {
            (layout::article_list(&latest.articles))
        }
        (layout::pager(page, has_next, |n| format!("/?page={n}")))
    };
    Ok(layout::page("Latest articles", body))
}
