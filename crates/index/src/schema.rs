//! The index's fields and how an article becomes a document.

use tantivy::schema::{FAST, INDEXED, STORED, STRING, Schema, TEXT};
use tantivy::{DateTime, TantivyDocument};

use crate::{IndexedArticle, id_value};

/// Bumped whenever what a document holds changes, even where tantivy's schema does not (how a
/// field is filled, say): an index built under another version is rebuilt from the store.
/// 1: articles. 2: the entities each article mentions, and a field to list newest first.
pub(crate) const SCHEMA_VERSION: u32 = 2;

#[derive(Clone, Copy)]
pub(crate) struct Fields {
    pub id: tantivy::schema::Field,
    pub title: tantivy::schema::Field,
    pub body: tantivy::schema::Field,
    pub published: tantivy::schema::Field,
    /// One raw term per entity mentioned: the entity id in decimal. Searched, never shown.
    pub entity: tantivy::schema::Field,
    /// Publication time, or import time for an undated article, in Unix seconds: the order of
    /// `Store::latest`, for listings that have no text to rank by.
    pub newest: tantivy::schema::Field,
}

pub(crate) fn build() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let fields = Fields {
        id: builder.add_u64_field("id", INDEXED | STORED | FAST),
        title: builder.add_text_field("title", TEXT | STORED),
        // Stored so snippets can be cut from it without a trip to the store.
        body: builder.add_text_field("body", TEXT | STORED),
        published: builder.add_date_field("published", INDEXED | STORED | FAST),
        entity: builder.add_text_field("entity", STRING),
        newest: builder.add_i64_field("newest", FAST),
    };
    (builder.build(), fields)
}

impl Fields {
    pub(crate) fn document(&self, indexed: &IndexedArticle) -> TantivyDocument {
        let stored = &indexed.article;
        let mut doc = TantivyDocument::default();
        doc.add_u64(self.id, id_value(stored.id));
        doc.add_text(self.title, &stored.article.title);
        doc.add_text(self.body, stored.article.text());
        if let Some(published) = stored.article.published {
            doc.add_date(self.published, DateTime::from_timestamp_secs(published.timestamp()));
        }
        let newest = stored.article.published.map_or(stored.imported_at.timestamp(), |p| p.timestamp());
        doc.add_i64(self.newest, newest);
        for entity in &indexed.entities {
            doc.add_text(self.entity, entity_term(*entity));
        }
        doc
    }
}

/// How an entity id is spelled as a term of the `entity` field.
pub(crate) fn entity_term(id: newsgraph_model::EntityId) -> String {
    id.0.to_string()
}
