//! One row per entity: what it is, where (for places), and how much the exported articles
//! name it. Without a filter the counts are the store's; with one, they are counted over the
//! selected articles, so that an export of a search says who matters in it.

use std::collections::{BTreeMap, HashSet};

use newsgraph_model::{EntityId, EntityKind};
use newsgraph_store::{EntityStats, Store};

use crate::Result;
use crate::select::Selection;
use crate::table::{Column, ColumnType::*, Rows, Value, column};

pub(super) const COLUMNS: &[Column] = &[
    column("id", Int),
    column("kind", Text),
    column("name", Text),
    column("country", Text),
    column("lat", Float),
    column("lon", Float),
    column("mentions", Int),
    column("articles", Int),
];

/// Entities read from the store at once.
const PAGE: u64 = 1000;

pub(super) fn write(store: &dyn Store, selection: &Selection, rows: &mut Rows<'_>) -> Result<()> {
    match selection {
        Selection::All => {
            let mut after = EntityId(0);
            loop {
                let page = store.entities_after(after, PAGE)?;
                let Some(last) = page.last() else { return Ok(()) };
                after = last.entity.id;
                for stats in &page {
                    push(rows, stats, stats.mentions, stats.articles)?;
                }
                if rows.done() {
                    return Ok(());
                }
            }
        }
        Selection::Ids(_) => {
            // Held: one pair of counts per distinct entity the selection names.
            let mut counts: BTreeMap<EntityId, (u64, u64)> = BTreeMap::new();
            selection.ids(store, |ids| {
                for &id in ids {
                    let mut seen = HashSet::new();
                    for entity in store.article_mentions(id)?.into_iter().filter_map(|m| m.entity) {
                        let (mentions, articles) = counts.entry(entity).or_default();
                        *mentions += 1;
                        if seen.insert(entity) {
                            *articles += 1;
                        }
                    }
                }
                Ok(true)
            })?;
            for (id, (mentions, articles)) in counts {
                if let Some(stats) = store.entity(id)? {
                    push(rows, &stats, mentions, articles)?;
                }
                if rows.done() {
                    break;
                }
            }
            Ok(())
        }
    }
}

fn push(rows: &mut Rows<'_>, stats: &EntityStats, mentions: u64, articles: u64) -> Result<()> {
    let e = &stats.entity;
    rows.push(&[
        Value::Int(e.id.0),
        Value::Text(kind_name(e.kind)),
        Value::Text(&e.name),
        Value::text(e.country.as_deref()),
        Value::float(e.location.map(|p| p.lat)),
        Value::float(e.location.map(|p| p.lon)),
        Value::count(mentions),
        Value::count(articles),
    ])
}

/// As the API and the model's JSON spell kinds.
fn kind_name(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Per => "PER",
        EntityKind::Org => "ORG",
        EntityKind::Loc => "LOC",
        EntityKind::Misc => "MISC",
    }
}
