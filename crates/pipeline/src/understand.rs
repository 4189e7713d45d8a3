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

/// Reads the article. Amounts and times, like the entity tagger, know English only: an
/// article in another language gets none of them, one whose language is unknown is read as
/// English. Time expressions are resolved against the page's own publication date, when it
/// gave one ("on Monday" then names a day).
pub(crate) fn understand(recognizer: &EntityRecognizer, article: &Article) -> Understood {
    let entities = recognizer.recognize(article);
    if article.language.as_deref().is_some_and(|l| !l.eq_ignore_ascii_case("en")) {
        return Understood { entities, ..Understood::default() };
    }
    let text = article.text();
    let published = article.published.map(|d| d.date_naive());
    Understood { entities, amounts: amounts(&text), times: time_expressions(&text, published) }
}
