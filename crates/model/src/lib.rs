//! The domain model of newsgraph: plain data, serde only, no I/O.
//!
//! Extraction produces an [`Article`]; the store gives it an [`ArticleId`] and keeps it as a
//! [`StoredArticle`]. The types in [`enrichment`] and [`story`] are what the later pipeline
//! stages (entities, quotes, amounts, time expressions, clustering) attach to an article.

mod article;
pub mod enrichment;
pub mod shown;
mod source;
pub mod story;

pub use article::{
    Article, ArticleId, ContentHash, PageType, ParagraphKind, RelatedHeadline, StoredArticle, outlet,
};
pub use enrichment::{
    Amount, ArticleEntities, CanonicalEntity, Entity, EntityId, EntityKind, EntityMention, GeoPoint, Quote,
    QuoteKind, ResolvedMention, Span, TimeGranularity, TimeRef, char_offsets, speaker_is,
};
pub use shown::{ShownAmount, ShownPiece, ShownQuote, ShownTime, shown_amounts, shown_quotes, shown_times};
pub use source::{Source, SourceKind};
pub use story::{Story, StoryId};
