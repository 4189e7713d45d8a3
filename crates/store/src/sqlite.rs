//! The embedded store: one SQLite file, WAL mode, migrations applied on open.

mod digest;
mod entities;
mod export;
mod facets;
mod figures;
mod migrations;
mod quotes;
mod revisions;
mod rows;
mod sections;
mod spans;
mod stories;
mod subscriptions;
mod webhooks;

use rusqlite::functions::FunctionFlags;
use rusqlite::{Connection, OptionalExtension, params};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use crate::{Announcement, Delivery, DeliveryId, DeliveryOutcome, NewWebhook, Webhook, WebhookId};
use crate::{DayStory, StoriesOn};
use crate::{
    EntityFilter, EntityStats, FiledArticle, Filing, FoundQuote, InsertOutcome, KnownUrl, NewArticle,
    NewSubscription, Page, PollOutcome, QuoteFilter, Result, Revised, Revision, Section, Store, StoreError,
    StoryDigest, StoryTally, Subscribed, Subscription, SubscriptionId, ToReindex,
};
use chrono::{DateTime, NaiveDate, Utc};
use newsgraph_model::{
    Amount, ArticleEntities, ArticleId, EntityId, EntityMention, Quote, StoredArticle, StoryId, TimeRef,
};
use rows::{ARTICLE_COLUMNS, article_from_row};

pub struct SqliteStore {
    // One connection behind a mutex: SQLite serialises writers anyway, and reads are short.
    conn: Mutex<Connection>,
}

impl SqliteStore {
    /// Opens (creating if needed) the database file and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Self> {
        let open_err = |source| StoreError::Open { path: path.to_path_buf(), source };
        let conn = Connection::open(path).map_err(open_err)?;
        Self::init(conn, path.to_path_buf())
    }

    /// A private database in memory, for tests.
    pub fn in_memory() -> Result<Self> {
        let conn = Connection::open_in_memory()?;
        Self::init(conn, PathBuf::from(":memory:"))
    }

    fn init(mut conn: Connection, path: PathBuf) -> Result<Self> {
        // WAL: readers never block the importer, and a killed process leaves every committed
        // transaction intact. NORMAL sync is safe against process death (not power loss).
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        // outlet(site, url): who published an article, as the model says, for counting a
        // story's outlets inside SQLite.
        conn.create_scalar_function(
            "outlet",
            2,
            FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
            |ctx| {
                Ok(newsgraph_model::outlet(
                    ctx.get::<Option<String>>(0)?.as_deref(),
                    ctx.get::<Option<String>>(1)?.as_deref(),
                ))
            },
        )?;
        migrations::apply(&mut conn, &path)?;
        Ok(SqliteStore { conn: Mutex::new(conn) })
    }

    fn conn(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock cannot leave SQLite half-written (transactions roll
        // back on drop), so a poisoned lock is safe to reuse.
        self.conn.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl Store for SqliteStore {
    fn insert_batch(&self, batch: &[NewArticle]) -> Result<Vec<InsertOutcome>> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let mut outcomes = Vec::with_capacity(batch.len());
        for new in batch {
            outcomes.push(insert_one(&tx, new)?);
        }
        tx.commit()?;
        Ok(outcomes)
    }

    fn replace_entities(&self, batch: &[(ArticleId, ArticleEntities)]) -> Result<()> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        for (id, found) in batch {
            let text = stored_text(&tx, *id)?;
            entities::remove_for_article(&tx, id.0)?;
            entities::insert_for_article(&tx, id.0, &text, found)?;
            // The quotes' speakers name whom the new mentions say.
            quotes::resolve_speakers(&tx, Some(id.0))?;
        }
        tx.commit()?;
        Ok(())
    }

    fn replace_figures(&self, batch: &[(ArticleId, Vec<Amount>, Vec<TimeRef>)]) -> Result<()> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        for (id, amounts, times) in batch {
            let text = stored_text(&tx, *id)?;
            figures::remove_for_article(&tx, id.0)?;
            figures::insert_for_article(&tx, id.0, &text, amounts, times)?;
        }
        tx.commit()?;
        Ok(())
    }

    fn replace_quotes(&self, batch: &[(ArticleId, Vec<Quote>)]) -> Result<()> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        for (id, found) in batch {
            let text = stored_text(&tx, *id)?;
            quotes::remove_for_article(&tx, id.0)?;
            quotes::insert_for_article(&tx, id.0, &text, found)?;
        }
        tx.commit()?;
        Ok(())
    }

    fn article(&self, id: ArticleId) -> Result<Option<StoredArticle>> {
        let conn = self.conn();
        let sql = format!("SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = ?1");
        conn.query_row(&sql, [id.0], article_from_row).optional()?.transpose()
    }

    fn latest(&self, page: Page) -> Result<Vec<StoredArticle>> {
        let conn = self.conn();
        let sql = format!(
            "SELECT {ARTICLE_COLUMNS} FROM articles
             ORDER BY coalesce(published_ts, imported_ts) DESC, id DESC LIMIT ?1 OFFSET ?2"
        );
        collect(&conn, &sql, params![clamp(page.limit), clamp(page.offset)])
    }

    fn articles_after(&self, after: ArticleId, limit: u64) -> Result<Vec<StoredArticle>> {
        let conn = self.conn();
        let sql = format!("SELECT {ARTICLE_COLUMNS} FROM articles WHERE id > ?1 ORDER BY id LIMIT ?2");
        collect(&conn, &sql, params![after.0, clamp(limit)])
    }

    fn count(&self) -> Result<u64> {
        let n: i64 = self.conn().query_row("SELECT count(*) FROM articles", [], |r| r.get(0))?;
        Ok(n.max(0) as u64)
    }

    fn article_mentions(&self, id: ArticleId) -> Result<Vec<EntityMention>> {
        entities::article_mentions(&self.conn(), id)
    }

    fn article_amounts(&self, id: ArticleId) -> Result<Vec<Amount>> {
        figures::article_amounts(&self.conn(), id)
    }

    fn article_times(&self, id: ArticleId) -> Result<Vec<TimeRef>> {
        figures::article_times(&self.conn(), id)
    }

    fn article_quotes(&self, id: ArticleId) -> Result<Vec<Quote>> {
        quotes::article_quotes(&self.conn(), id)
    }

    fn quotes(&self, filter: &QuoteFilter, page: Page) -> Result<Vec<FoundQuote>> {
        quotes::search(&self.conn(), filter, clamp(page.limit), clamp(page.offset))
    }

    fn quote_count(&self, filter: &QuoteFilter) -> Result<u64> {
        quotes::count(&self.conn(), filter)
    }

    fn entity(&self, id: EntityId) -> Result<Option<EntityStats>> {
        entities::entity(&self.conn(), id)
    }

    fn entities(&self, filter: &EntityFilter, page: Page) -> Result<Vec<EntityStats>> {
        entities::entities(&self.conn(), filter, clamp(page.limit), clamp(page.offset))
    }

    fn entity_count(&self, filter: &EntityFilter) -> Result<u64> {
        entities::entity_count(&self.conn(), filter)
    }

    fn entity_articles(&self, id: EntityId, page: Page) -> Result<Vec<StoredArticle>> {
        let conn = self.conn();
        let sql = format!(
            "SELECT {ARTICLE_COLUMNS} FROM articles
             WHERE id IN (SELECT article_id FROM mentions WHERE entity_id = ?1)
             ORDER BY coalesce(published_ts, imported_ts) DESC, id DESC LIMIT ?2 OFFSET ?3"
        );
        collect(&conn, &sql, params![id.0, clamp(page.limit), clamp(page.offset)])
    }

    fn entity_timeline(&self, id: EntityId) -> Result<Vec<(NaiveDate, u64)>> {
        entities::timeline(&self.conn(), id)
    }

    fn co_occurring(&self, id: EntityId, limit: u64) -> Result<Vec<(EntityStats, u64)>> {
        entities::co_occurring(&self.conn(), id, clamp(limit))
    }

    fn entity_roles(&self, id: EntityId, limit: u64) -> Result<Vec<(String, u64)>> {
        entities::roles(&self.conn(), id, clamp(limit))
    }

    fn entity_keys(&self, ids: &[ArticleId]) -> Result<Vec<(ArticleId, Vec<String>)>> {
        stories::entity_keys(&self.conn(), ids)
    }

    fn unfiled_articles(&self, after: ArticleId, limit: u64) -> Result<Vec<StoredArticle>> {
        stories::unfiled(&self.conn(), after, clamp(limit))
    }

    fn recent_filed(&self, limit: u64) -> Result<Vec<FiledArticle>> {
        stories::recent_filed(&self.conn(), clamp(limit))
    }

    fn save_filings(&self, batch: &[(ArticleId, Filing)]) -> Result<()> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        stories::save_filings(&tx, batch)?;
        tx.commit()?;
        Ok(())
    }

    fn filing(&self, id: ArticleId) -> Result<Option<Filing>> {
        stories::filing(&self.conn(), id)
    }

    fn replace_story(&self, digest: &StoryDigest) -> Result<()> {
        stories::replace_story(&self.conn(), digest)
    }

    fn story(&self, id: StoryId) -> Result<Option<StoryDigest>> {
        stories::story(&self.conn(), id)
    }

    fn stories(&self, page: Page) -> Result<Vec<StoryDigest>> {
        stories::stories(&self.conn(), clamp(page.limit), clamp(page.offset))
    }

    fn story_count(&self) -> Result<u64> {
        stories::story_count(&self.conn())
    }

    fn story_articles(&self, id: StoryId) -> Result<Vec<FiledArticle>> {
        stories::story_articles(&self.conn(), id)
    }

    fn facets(&self, ids: &[ArticleId], per_kind: u64) -> Result<crate::ArticleFacets> {
        facets::facets(&self.conn(), ids, clamp(per_kind))
    }

    fn story_neighbours(&self, id: StoryId) -> Result<(Option<StoryId>, Option<StoryId>)> {
        sections::story_neighbours(&self.conn(), id)
    }

    fn stories_since(&self, since: DateTime<Utc>, limit: u64) -> Result<Vec<(StoryDigest, u64)>> {
        sections::stories_since(&self.conn(), since, clamp(limit))
    }

    fn newest_article_time(&self, now: DateTime<Utc>) -> Result<Option<DateTime<Utc>>> {
        sections::newest_article_time(&self.conn(), now)
    }

    fn sections(&self) -> Result<Vec<Section>> {
        sections::all(&self.conn())
    }

    fn save_section(&self, section: &Section) -> Result<()> {
        sections::save(&self.conn(), section)
    }

    fn remove_section(&self, slug: &str) -> Result<bool> {
        sections::remove(&self.conn(), slug)
    }

    fn known_url(&self, url: &str) -> Result<Option<KnownUrl>> {
        revisions::known_url(&self.conn(), url)
    }

    fn revise(&self, id: ArticleId, new: &NewArticle) -> Result<Revised> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let revised = revisions::revise(&tx, id, new)?;
        tx.commit()?;
        Ok(revised)
    }

    fn revisions(&self, id: ArticleId) -> Result<Vec<Revision>> {
        revisions::revisions(&self.conn(), id)
    }

    fn articles_to_reindex(&self, limit: u64) -> Result<Vec<ToReindex>> {
        revisions::to_reindex(&self.conn(), clamp(limit))
    }

    fn reindexed(&self, taken: &[(ArticleId, u32)]) -> Result<()> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        revisions::reindexed(&tx, taken)?;
        tx.commit()?;
        Ok(())
    }

    fn subscribe(&self, new: &NewSubscription, at: DateTime<Utc>) -> Result<Subscribed> {
        subscriptions::subscribe(&self.conn(), new, at)
    }

    fn unsubscribe(&self, id: SubscriptionId) -> Result<bool> {
        subscriptions::unsubscribe(&self.conn(), id)
    }

    fn subscriptions(&self) -> Result<Vec<Subscription>> {
        subscriptions::all(&self.conn())
    }

    fn subscription(&self, id: SubscriptionId) -> Result<Option<Subscription>> {
        subscriptions::one(&self.conn(), id)
    }

    fn due_subscriptions(&self, now: DateTime<Utc>, limit: u64) -> Result<Vec<Subscription>> {
        subscriptions::due(&self.conn(), now, clamp(limit))
    }

    fn record_poll(&self, id: SubscriptionId, outcome: &PollOutcome) -> Result<()> {
        subscriptions::record_poll(&self.conn(), id, outcome)
    }

    fn story_tally(&self, id: StoryId) -> Result<Option<StoryTally>> {
        stories::tally(&self.conn(), id)
    }

    fn story_latest(&self, id: StoryId, limit: u64) -> Result<Vec<StoredArticle>> {
        stories::latest(&self.conn(), id, clamp(limit))
    }

    fn story_timeline(&self, id: StoryId) -> Result<Vec<(NaiveDate, u64)>> {
        stories::timeline(&self.conn(), id)
    }

    fn story_hours(&self, id: StoryId) -> Result<Vec<(DateTime<Utc>, u64)>> {
        stories::hours(&self.conn(), id)
    }

    fn story_entities(&self, id: StoryId, limit: u64) -> Result<Vec<(EntityStats, u64)>> {
        stories::story_entities(&self.conn(), id, clamp(limit))
    }

    fn related_stories(&self, id: StoryId, limit: u64) -> Result<Vec<(StoryDigest, u64)>> {
        stories::related(&self.conn(), id, clamp(limit))
    }

    fn copies_of(&self, id: ArticleId) -> Result<Vec<StoredArticle>> {
        stories::copies_of(&self.conn(), id)
    }

    fn stories_on(&self, query: &StoriesOn) -> Result<Vec<DayStory>> {
        digest::stories_on(&self.conn(), query, clamp(query.limit))
    }

    fn story_quotes(&self, id: StoryId, day: Option<NaiveDate>, limit: u64) -> Result<Vec<FoundQuote>> {
        digest::story_quotes(&self.conn(), id, day, clamp(limit))
    }

    fn articles_by_id(&self, ids: &[ArticleId]) -> Result<Vec<StoredArticle>> {
        export::articles_by_id(&self.conn(), ids)
    }

    fn filings(&self, ids: &[ArticleId]) -> Result<Vec<(ArticleId, Filing)>> {
        export::filings(&self.conn(), ids)
    }

    fn entities_after(&self, after: EntityId, limit: u64) -> Result<Vec<EntityStats>> {
        export::entities_after(&self.conn(), after, clamp(limit))
    }

    fn stories_after(&self, after: StoryId, limit: u64) -> Result<Vec<StoryDigest>> {
        export::stories_after(&self.conn(), after, clamp(limit))
    }

    fn add_webhook(&self, new: &NewWebhook, at: DateTime<Utc>) -> Result<WebhookId> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let id = webhooks::add(&tx, new, at)?;
        tx.commit()?;
        Ok(id)
    }

    fn webhooks(&self) -> Result<Vec<Webhook>> {
        webhooks::all(&self.conn())
    }

    fn remove_webhook(&self, id: WebhookId) -> Result<bool> {
        webhooks::remove(&self.conn(), id)
    }

    fn known_stories(&self, id: WebhookId, among: &[StoryId]) -> Result<Vec<StoryId>> {
        webhooks::known_stories(&self.conn(), id, among)
    }

    fn announce(&self, announcement: &Announcement) -> Result<bool> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let done = webhooks::announce(&tx, announcement)?;
        // Nothing was written when the mark had moved: dropping rolls back all the same.
        tx.commit()?;
        Ok(done)
    }

    fn claim_deliveries(
        &self,
        now: DateTime<Utc>,
        until: DateTime<Utc>,
        limit: u64,
    ) -> Result<Vec<Delivery>> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let claimed = webhooks::claim(&tx, now, until, clamp(limit))?;
        tx.commit()?;
        Ok(claimed)
    }

    fn record_delivery(&self, id: DeliveryId, outcome: &DeliveryOutcome) -> Result<()> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        webhooks::record(&tx, id, outcome)?;
        tx.commit()?;
        Ok(())
    }
}

/// The stored article's text: what the spans of a replacement are checked against, as on insert.
fn stored_text(tx: &rusqlite::Transaction<'_>, id: ArticleId) -> Result<String> {
    stored_text_if_any(tx, id)?.ok_or(StoreError::NoSuchArticle(id))
}

/// The stored article's text, `None` when no such article is stored.
fn stored_text_if_any(tx: &rusqlite::Transaction<'_>, id: ArticleId) -> Result<Option<String>> {
    let sql = format!("SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = ?1");
    let stored = tx.prepare_cached(&sql)?.query_row([id.0], article_from_row).optional()?;
    Ok(stored.transpose()?.map(|s| s.article.text()))
}

fn clamp(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn collect(conn: &Connection, sql: &str, params: impl rusqlite::Params) -> Result<Vec<StoredArticle>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(params, article_from_row)?;
    let mut out = Vec::new();
    for row in rows {
        out.push(row??);
    }
    Ok(out)
}

fn insert_one(tx: &rusqlite::Transaction<'_>, new: &NewArticle) -> Result<InsertOutcome> {
    let hash = new.article.content_hash();
    if let Some(id) = existing(tx, &hash.0, new.article.url.as_deref())? {
        return Ok(InsertOutcome::AlreadyPresent(ArticleId(id)));
    }
    let id = rows::insert_article(tx, new, &hash)?;
    let text = new.article.text();
    entities::insert_for_article(tx, id, &text, &new.entities)?;
    figures::insert_for_article(tx, id, &text, &new.amounts, &new.times)?;
    quotes::insert_for_article(tx, id, &text, &new.quotes)?;
    Ok(InsertOutcome::Inserted(ArticleId(id)))
}

fn existing(tx: &rusqlite::Transaction<'_>, hash: &str, url: Option<&str>) -> Result<Option<i64>> {
    let by_hash = tx
        .prepare_cached("SELECT id FROM articles WHERE content_hash = ?1")?
        .query_row([hash], |r| r.get(0))
        .optional()?;
    if by_hash.is_some() {
        return Ok(by_hash);
    }
    let Some(url) = url else { return Ok(None) };
    Ok(tx
        .prepare_cached("SELECT id FROM articles WHERE url = ?1 LIMIT 1")?
        .query_row([url], |r| r.get(0))
        .optional()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conformance::{canonical, sample, tag};
    use crate::{EntityFilter, InsertOutcome};
    use newsgraph_model::EntityKind;

    /// A data directory from before entities: migration 1 only, one article in it.
    fn version_one_database(path: &Path) -> NewArticle {
        let mut conn = Connection::open(path).expect("open");
        migrations::apply_steps(&mut conn, path, &migrations::MIGRATIONS[..1]).expect("migration 1");
        let old = sample("Old article", "Stored before entities existed.", Some("2020-01-01T00:00:00Z"));
        let tx = conn.transaction().expect("tx");
        rows::insert_article(&tx, &old, &old.article.content_hash()).expect("insert");
        tx.commit().expect("commit");
        old
    }

    #[test]
    fn a_version_one_database_opens_and_migrates() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("newsgraph.db");
        let old = version_one_database(&path);

        let store = SqliteStore::open(&path).expect("open and migrate");
        let version: i64 = store.conn().query_row("PRAGMA user_version", [], |r| r.get(0)).expect("version");
        assert_eq!(version, migrations::MIGRATIONS.len() as i64);
        let kept = store.latest(Page { offset: 0, limit: 10 }).expect("latest");
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].article, old.article, "old articles survive the migration");
        assert!(store.article_mentions(kept[0].id).expect("mentions").is_empty());
        let unfiled = store.unfiled_articles(ArticleId(0), 10).expect("unfiled");
        assert_eq!(unfiled.len(), 1, "old articles start unfiled");
        assert_eq!(store.story_count().expect("stories"), 0);

        let mut new = sample("New article", "Kyiv, after the upgrade.", None);
        tag(&mut new, canonical(EntityKind::Loc, "geonames:703448", "Kyiv"), &["Kyiv"]);
        assert!(matches!(store.insert_batch(&[new]).expect("insert")[0], InsertOutcome::Inserted(_)));
        assert_eq!(store.entity_count(&EntityFilter::default()).expect("count"), 1);

        // What `newsgraph enrich` does for the article stored before entities existed.
        let mut read_again = old.clone();
        tag(&mut read_again, canonical(EntityKind::Misc, "MISC:entities", "Entities"), &["entities"]);
        store.replace_entities(&[(kept[0].id, read_again.entities)]).expect("replace");
        assert_eq!(store.article_mentions(kept[0].id).expect("mentions").len(), 1);
        assert_eq!(store.entity_count(&EntityFilter::default()).expect("count"), 2);
        drop(store);
        SqliteStore::open(&path).expect("a migrated database opens again");
    }

    /// Quotes stored by version 4 (no speaker entity, no words) are searchable once migrated.
    #[test]
    fn quotes_stored_before_migration_five_are_backfilled() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("newsgraph.db");
        let mut new = sample("Quoted", "Kremlin spokesman Dmitry Peskov said Belarus was an ally.", None);
        tag(&mut new, canonical(EntityKind::Per, "PER:dmitry peskov", "Dmitry Peskov"), &["Dmitry Peskov"]);
        let text = new.article.text();
        let at = |form: &str| {
            let start = text.find(form).expect("form");
            newsgraph_model::Span::new(start, start + form.len())
        };
        new.quotes = vec![Quote {
            kind: newsgraph_model::QuoteKind::Indirect,
            speaker: Some(at("Kremlin spokesman Dmitry Peskov")),
            referent: None,
            speaker_entity: None,
            cue: Some(at("said")),
            content: vec![at("Belarus was an ally")],
        }];
        {
            let mut conn = Connection::open(&path).expect("open");
            migrations::apply_steps(&mut conn, &path, &migrations::MIGRATIONS[..4]).expect("migrations 1-4");
            let tx = conn.transaction().expect("tx");
            let id = rows::insert_article(&tx, &new, &new.article.content_hash()).expect("insert");
            entities::insert_for_article(&tx, id, &text, &new.entities).expect("mentions");
            tx.execute(
                "INSERT INTO quotes (article_id, idx, kind, speaker_start, speaker_end, cue_start, cue_end, content)
                 VALUES (?1, 0, 'indirect', ?2, ?3, NULL, NULL, ?4)",
                params![id, at("Kremlin").start as i64, at("Peskov").end as i64, format!("[[{}, {}]]", at("Belarus").start, at("ally").end)],
            )
            .expect("version 4 quote");
            tx.commit().expect("commit");
        }
        let store = SqliteStore::open(&path).expect("open and migrate");
        let filter = |speaker: crate::SpeakerFilter, words: &str| crate::QuoteFilter {
            speaker: Some(speaker),
            words: Some(words.to_owned()),
        };
        let found = store
            .quotes(
                &filter(crate::SpeakerFilter::Name("peskov".into()), "ALLY belarus"),
                Page { offset: 0, limit: 10 },
            )
            .expect("search");
        assert_eq!(found.len(), 1);
        let peskov = found[0].quote.speaker_entity.expect("the speaker's entity, backfilled");
        assert_eq!(store.entity(peskov).expect("entity").expect("stored").entity.name, "Dmitry Peskov");
        let by_entity = filter(crate::SpeakerFilter::Entity(peskov), "");
        assert_eq!(store.quote_count(&by_entity).expect("count"), 1);
    }
}
