//! What import and enrich find in one article: its entities, amounts and time expressions.

use newsgraph_model::{Amount, Article, ArticleEntities, TimeRef};
use newsgraph_nlp::{EntityRecognizer, amounts::amounts, times::time_expressions};

/// An article's entities, amounts and time expressions; spans are byte offsets into
/// [`Article::text`].
#[derive(Debug, Default)]
pub(crate) struct Understood {
    pub entities: ArticleEntities,
    pub amounts: Vec<Amount>,
    pub times: Vec<TimeRef>,
}

/// Reads the article for entities, amounts and time expressions.
pub(crate) fn understand(recognizer: &EntityRecognizer, article: &Article) -> Understood {
    let (amounts, times) = figures(article);
    Understood { entities: recognizer.recognize(article), amounts, times }
}

/// The amounts and time expressions of an article, spans into [`Article::text`]. Like the
/// entity tagger they know English only: an article in another language gets none, one whose
/// language is unknown is read as English. Time expressions are resolved against the page's
/// own publication date, when it gave one ("on Monday" then names a day).
pub fn figures(article: &Article) -> (Vec<Amount>, Vec<TimeRef>) {
    if article.language.as_deref().is_some_and(|l| !l.eq_ignore_ascii_case("en")) {
        return (Vec::new(), Vec::new());
    }
    let text = article.text();
    let published = article.published.map(|d| d.date_naive());
    (amounts(&text), time_expressions(&text, published))
}
