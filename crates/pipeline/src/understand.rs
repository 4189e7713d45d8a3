//! What import and enrich find in one article: its entities, amounts, time expressions and
//! quotes.

use std::sync::Arc;

use chrono::NaiveDate;

use newsgraph_model::{Amount, Article, ArticleEntities, Quote, TimeRef};
use newsgraph_nlp::quotes::AttributionModel;
use newsgraph_nlp::quotes::referent::resolve_referents;
use newsgraph_nlp::{EntityRecognizer, amounts::amounts, times::time_expressions};

use crate::{PipelineError, Result};

/// An article's entities, amounts, time expressions and quotes; spans are byte offsets into
/// the text read ([`Article::text`] for an article).
#[derive(Debug, Default)]
pub struct Understood {
    pub entities: ArticleEntities,
    pub amounts: Vec<Amount>,
    pub times: Vec<TimeRef>,
    pub quotes: Vec<Quote>,
}

/// The built-in models, loaded once per import or enrich (or `quotes` command) and shared by
/// all threads.
pub struct Readers {
    pub recognizer: EntityRecognizer,
    pub attributions: Arc<AttributionModel>,
}

impl Readers {
    pub fn embedded() -> Result<Readers> {
        let recognizer = EntityRecognizer::embedded().map_err(PipelineError::Recognizer)?;
        let attributions = AttributionModel::embedded().map_err(PipelineError::Attributions)?;
        Ok(Readers { recognizer, attributions })
    }
}

/// Reads the article for entities, amounts, time expressions and quotes: the body text is
/// made once for all four. The readers know English only: an article in another language
/// gets nothing, one whose language is unknown is read as English.
pub fn understand(readers: &Readers, article: &Article) -> Understood {
    if !english(article) {
        return Understood::default();
    }
    let published = article.published.map(|d| d.date_naive());
    understand_text(readers, &article.text(), published)
}

/// Reads any text for entities, amounts, time expressions (resolved against `published` when
/// given) and quotes, as English; spans are byte offsets into `text`. What [`understand`]
/// does for an article's text, for a text that is not (yet) an article.
pub fn understand_text(readers: &Readers, text: &str, published: Option<NaiveDate>) -> Understood {
    let entities = readers.recognizer.recognize_text(text);
    let mut quotes = newsgraph_nlp::quotes::quotes(text, &readers.attributions.attributions(text));
    resolve_referents(text, &mut quotes, &entities);
    Understood { entities, amounts: amounts(text), times: time_expressions(text, published), quotes }
}

/// Whether the English-only readers (amounts, times, quotes) read this article: like the
/// entity tagger they know English only; an article whose language is unknown is read as
/// English.
pub fn english(article: &Article) -> bool {
    article.language.as_deref().is_none_or(|l| l.eq_ignore_ascii_case("en"))
}
