//! `newsgraph enrich`: every stored article read again for entities by the built-in
//! recognizer (and for amounts, time expressions and quotes), what was stored replaced and the
//! search index told.
//!
//! Import recognises entities once, when an article arrives; re-importing skips what is
//! stored. Articles stored before entity recognition existed, or read by an older model, get
//! their (new) entities here.
//!
//! Articles are taken in id order, a batch at a time; each batch's entities are replaced in one
//! store transaction, its amounts and times in a second one, its quotes in a third, then the
//! batch is re-indexed. A killed run leaves the store consistent,
//! with some batches read by the new recognizer and the rest as they were (and, for the batch
//! in flight, an index whose entity filter still shows the old entities). Running it again
//! reads everything again and gives the same result, so it is always safe to re-run.

use newsgraph_model::{ArticleEntities, ArticleId};
use rayon::prelude::*;
use serde::Serialize;

use crate::engine::indexed_article;
use crate::understand::{Readers, understand};
use crate::{Engine, Result};

/// Articles per store transaction (and per index commit), as import.
const BATCH: u64 = 256;

/// Progress reports, for a progress bar.
#[derive(Debug, Clone, Copy)]
pub enum EnrichEvent {
    /// The run starts on this many stored articles.
    Started { articles: u64 },
    /// Totals so far, after each batch is stored and indexed.
    Counts { articles: u64, mentions: u64 },
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct EnrichSummary {
    /// Articles read again.
    pub articles: u64,
    /// Entity mentions now stored for them.
    pub mentions: u64,
    /// Amounts now stored for them.
    pub amounts: u64,
    /// Time expressions now stored for them.
    pub times: u64,
}

/// Reads every stored article for entities again with the built-in recognizer, replaces the
/// stored mentions (entity counters follow) and re-indexes the articles so that the search
/// index's entity filter matches. Articles not in English get none, as on import.
pub fn enrich(engine: &Engine, on_event: &mut dyn FnMut(EnrichEvent)) -> Result<EnrichSummary> {
    let recognizer = Readers::embedded()?;
    // An index that an interrupted import left behind the store is completed first, so that
    // every article read below is one the index holds and re-adding it replaces it.
    let caught_up = engine.catch_up_index()?;
    if caught_up > 0 {
        tracing::info!(caught_up, "indexed articles an earlier import had left out");
    }
    on_event(EnrichEvent::Started { articles: engine.store.count()? });

    let mut summary = EnrichSummary::default();
    let mut after = ArticleId(0);
    loop {
        let batch = engine.store.articles_after(after, BATCH)?;
        let Some(last) = batch.last() else { break };
        after = last.id;
        // Recognition is the costly part and needs nothing but the article: all cores.
        let found: Vec<_> =
            batch.par_iter().map(|stored| (stored.id, understand(&recognizer, &stored.article))).collect();
        let mut entities: Vec<(ArticleId, ArticleEntities)> = Vec::with_capacity(found.len());
        let mut figures = Vec::with_capacity(found.len());
        let mut quotes = Vec::with_capacity(found.len());
        for (id, f) in found {
            entities.push((id, f.entities));
            figures.push((id, f.amounts, f.times));
            quotes.push((id, f.quotes));
        }
        // Three transactions: a run killed between them leaves this batch with new entities and
        // old figures or quotes, which the next run (it reads everything again) puts right.
        engine.store.replace_entities(&entities)?;
        engine.store.replace_figures(&figures)?;
        engine.store.replace_quotes(&quotes)?;

        // Read back rather than taken from `found`: the index must hold the entity ids the
        // store gave, and the store drops mentions it cannot use.
        let mut indexed = Vec::with_capacity(batch.len());
        for stored in batch {
            let mentions = engine.store.article_mentions(stored.id)?;
            summary.mentions += mentions.len() as u64;
            summary.amounts += engine.store.article_amounts(stored.id)?.len() as u64;
            summary.times += engine.store.article_times(stored.id)?.len() as u64;
            indexed.push(indexed_article(stored, &mentions));
        }
        summary.articles += indexed.len() as u64;
        engine.index.add(&indexed)?;
        // The catch-up mark stays where it is: these articles were indexed already, and only
        // catch-up, which adds articles in id order, may move it.
        engine.index.commit(engine.index.indexed_up_to()?)?;
        on_event(EnrichEvent::Counts { articles: summary.articles, mentions: summary.mentions });
    }
    Ok(summary)
}
