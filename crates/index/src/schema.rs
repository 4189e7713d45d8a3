//! The index's fields and how an article becomes a document.

use newsgraph_model::StoredArticle;
use tantivy::schema::{FAST, INDEXED, STORED, Schema, TEXT};
use tantivy::{DateTime, TantivyDocument};

use crate::id_value;

#[derive(Clone, Copy)]
pub(crate) struct Fields {
    pub id: tantivy::schema::Field,
    pub title: tantivy::schema::Field,
    pub body: tantivy::schema::Field,
    pub published: tantivy::schema::Field,
}

pub(crate) fn build() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let fields = Fields {
        id: builder.add_u64_field("id", INDEXED | STORED | FAST),
        title: builder.add_text_field("title", TEXT | STORED),
        // Stored so snippets can be cut from it without a trip to the store.
        body: builder.add_text_field("body", TEXT | STORED),
        published: builder.add_date_field("published", INDEXED | STORED | FAST),
    };
    (builder.build(), fields)
}

impl Fields {
    pub(crate) fn document(&self, stored: &StoredArticle) -> TantivyDocument {
        let mut doc = TantivyDocument::default();
        doc.add_u64(self.id, id_value(stored.id));
        doc.add_text(self.title, &stored.article.title);
        doc.add_text(self.body, stored.article.text());
        if let Some(published) = stored.article.published {
            doc.add_date(self.published, DateTime::from_timestamp_secs(published.timestamp()));
        }
        doc
    }
}
