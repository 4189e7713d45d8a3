//! Pages the user asks for by URL (`newsgraph fetch`): fetched once, now, as a feed's entries
//! are, and stored as new articles or as new versions of stored ones.

use newsgraph_fetch::{Fetched, Validators};
use newsgraph_model::Article;

use super::hosts::Asker;
use super::{Found, Round, SourceFailure};
use crate::Result;

impl Round<'_> {
    /// Fetches and stores one page; what keeps it from being stored is recorded as a failure
    /// in the summary (only the store's or the index's failures are returned).
    pub(super) fn fetch_page(&self, url: &str) -> Result<()> {
        self.tally(|s| s.sources += 1);
        let reason = match self.read_page(url) {
            Ok(article) => {
                let revises = self.engine.store.known_url(url)?.map(|known| known.id);
                self.store(vec![Found { article, url: url.to_owned(), revises }])?;
                return Ok(());
            }
            Err(reason) => reason,
        };
        let failure = SourceFailure { url: url.to_owned(), reason };
        self.tally(|s| s.failed.push(failure));
        Ok(())
    }

    fn read_page(&self, url: &str) -> std::result::Result<Article, String> {
        let parsed = url::Url::parse(url).map_err(|e| format!("not a URL: {e}"))?;
        if !matches!(parsed.scheme(), "http" | "https") {
            return Err(format!("only http and https pages are fetched, not {}", parsed.scheme()));
        }
        self.allowed_by_robots(Asker::User, url)?;
        let page = match self.get(Asker::User, url, &Validators::default()) {
            Ok(Fetched::Page(page)) => page,
            // Not asked conditionally, so not answered so; said rather than trusted.
            Ok(Fetched::NotModified) => return Err("answered 304 Not Modified to a plain GET".into()),
            Err(error) => return Err(error.to_string()),
        };
        self.article_from(&page).ok_or_else(|| "no article text found on the page".into())
    }
}
