//! Versioned schema migrations, tracked in SQLite's `user_version`.
//!
//! Append new steps to [`MIGRATIONS`]; never edit a step that has shipped.

use rusqlite::Connection;
use std::path::Path;

use crate::{Result, StoreError};

pub(super) const MIGRATIONS: &[&str] = &[
    // 1: articles, kept once per content hash.
    "CREATE TABLE articles (
        id                INTEGER PRIMARY KEY AUTOINCREMENT,
        content_hash      TEXT NOT NULL UNIQUE,
        url               TEXT,
        title             TEXT NOT NULL,
        title_inferred    INTEGER NOT NULL,
        authors           TEXT NOT NULL,   -- JSON array of names
        published         TEXT,            -- RFC 3339, the page's own offset kept
        published_ts      INTEGER,         -- the same instant in Unix seconds, for ordering
        language          TEXT,
        site              TEXT,
        paragraphs        TEXT NOT NULL,   -- JSON array
        paragraph_kinds   TEXT NOT NULL,   -- JSON array, empty or one per paragraph
        related_headlines TEXT NOT NULL,   -- JSON array of {title, url}
        boilerplate       TEXT NOT NULL,   -- JSON array
        updated           TEXT,            -- RFC 3339, the page's own offset kept
        description       TEXT,
        lead_image        TEXT,            -- absolute URL
        page_type         TEXT NOT NULL,   -- article, listing or other
        source_kind       TEXT NOT NULL,
        source_location   TEXT NOT NULL,
        fetched_at        TEXT,
        imported_at       TEXT NOT NULL,
        imported_ts       INTEGER NOT NULL -- the same instant in Unix seconds
    );
    CREATE INDEX articles_url ON articles(url) WHERE url IS NOT NULL;
    -- Newest first: by publication time, or by import time for undated articles.
    CREATE INDEX articles_latest ON articles(coalesce(published_ts, imported_ts) DESC, id DESC);",
    // 2: canonical entities, shared across articles, and where each article mentions them.
    "CREATE TABLE entities (
        id       INTEGER PRIMARY KEY,
        key      TEXT UNIQUE NOT NULL,   -- geonames:<id>, or kind and normalised name
        kind     TEXT NOT NULL,          -- PER, ORG, LOC or MISC
        name     TEXT NOT NULL,          -- as first stored
        aliases  TEXT NOT NULL,          -- JSON array of the other names seen
        lat      REAL,
        lon      REAL,
        country  TEXT,                   -- ISO 3166-1 alpha-2
        mentions INTEGER NOT NULL DEFAULT 0,
        articles INTEGER NOT NULL DEFAULT 0
    );
    -- Most mentioned first, overall and per kind.
    CREATE INDEX entities_popular ON entities(mentions DESC, id);
    CREATE INDEX entities_kind_popular ON entities(kind, mentions DESC, id);
    CREATE TABLE mentions (
        article_id INTEGER NOT NULL REFERENCES articles(id),
        entity_id  INTEGER NOT NULL REFERENCES entities(id),
        start      INTEGER NOT NULL,     -- byte offsets into the article's text
        \"end\"      INTEGER NOT NULL,
        kind       TEXT NOT NULL,
        role       TEXT
    );
    CREATE INDEX mentions_entity ON mentions(entity_id, article_id);
    -- With entity_id it also answers which entities an article shares without the table.
    CREATE INDEX mentions_article ON mentions(article_id, entity_id);",
    // 3: amounts ("200,000 new troops") and time expressions ("on Monday") in each article.
    "CREATE TABLE amounts (
        article_id INTEGER NOT NULL REFERENCES articles(id),
        start      INTEGER NOT NULL,     -- byte offsets into the article's text
        \"end\"      INTEGER NOT NULL,
        value      REAL NOT NULL,
        value_max  REAL,                 -- upper bound of a range
        unit       TEXT,                 -- ISO 4217 code, or % for percentages
        counted    TEXT                  -- the thing counted
    );
    CREATE INDEX amounts_article ON amounts(article_id, start);
    CREATE TABLE times (
        article_id  INTEGER NOT NULL REFERENCES articles(id),
        start       INTEGER NOT NULL,    -- byte offsets into the article's text
        \"end\"       INTEGER NOT NULL,
        start_date  TEXT,                -- YYYY-MM-DD, NULL when unresolved
        end_date    TEXT,
        granularity TEXT                 -- day, week, month, season or year
    );
    CREATE INDEX times_article ON times(article_id, start);",
    // 4: quotes (who said what) in each article, in the order they were found.
    "CREATE TABLE quotes (
        article_id    INTEGER NOT NULL REFERENCES articles(id),
        idx           INTEGER NOT NULL,  -- order within the article
        kind          TEXT NOT NULL,     -- direct, mixed or indirect
        speaker_start INTEGER,           -- byte offsets into the article's text, NULL when none
        speaker_end   INTEGER,
        cue_start     INTEGER,
        cue_end       INTEGER,
        content       TEXT NOT NULL,     -- JSON [[start, end], ...], byte offsets
        PRIMARY KEY (article_id, idx)
    );",
    // 5: what quote searches read: the speaker's entity, and the words of speaker and content
    // (lower-cased, one space around each: ' dmitry peskov '). The words of the quotes already
    // stored are filled by `quotes::backfill`, run in the same transaction; their speakers'
    // entities by migration 6.
    "ALTER TABLE quotes ADD COLUMN speaker_entity INTEGER REFERENCES entities(id);
    ALTER TABLE quotes ADD COLUMN speaker_words TEXT;
    ALTER TABLE quotes ADD COLUMN content_words TEXT NOT NULL DEFAULT ' ';
    CREATE INDEX quotes_speaker ON quotes(speaker_entity) WHERE speaker_entity IS NOT NULL;",
    // 6: the person mention a speaker such as "he" or "the spokesman" stands for (byte
    // offsets); the speaker's entity is resolved through it when there is one, for every
    // stored quote by `quotes::resolve_all_speakers`. Quotes stored before have none until
    // their article is read again (`enrich`).
    "ALTER TABLE quotes ADD COLUMN referent_start INTEGER;
    ALTER TABLE quotes ADD COLUMN referent_end INTEGER;",
    // 7: stories. Each article's filing: its story (the id of the story's first article; NULL
    // while not filed, as every article stored before this step starts), the canonical
    // article it copies and the article it rewrites. Each story's digest (headline, summary,
    // extent) is kept in `stories`, written whenever its articles change.
    "ALTER TABLE articles ADD COLUMN story_id INTEGER;
    ALTER TABLE articles ADD COLUMN duplicate_of INTEGER;
    ALTER TABLE articles ADD COLUMN rewrite_of INTEGER;
    CREATE INDEX articles_unfiled ON articles(id) WHERE story_id IS NULL;
    CREATE INDEX articles_story ON articles(story_id, id) WHERE story_id IS NOT NULL;
    CREATE INDEX articles_copies ON articles(duplicate_of, id) WHERE duplicate_of IS NOT NULL;
    CREATE TABLE stories (
        id               INTEGER PRIMARY KEY, -- the id of its first article
        headline         TEXT NOT NULL,
        headline_article INTEGER,
        summary          TEXT NOT NULL,       -- JSON array of sentences
        first_seen       INTEGER NOT NULL,    -- Unix seconds
        last_seen        INTEGER NOT NULL,
        last_day         INTEGER NOT NULL,    -- last_seen's UTC day (days since 1970), for ordering
        articles         INTEGER NOT NULL,
        outlets          INTEGER NOT NULL
    );
    -- The front page: freshest day first, then the largest.
    CREATE INDEX stories_front ON stories(last_day DESC, articles DESC, id DESC);",
    // 8: the sources followed (feeds, sitemaps, pages), each with what its last poll said and
    // when to poll it next; and the URLs articles were fetched from, to know a feed's entries.
    "CREATE TABLE subscriptions (
        id             INTEGER PRIMARY KEY,
        url            TEXT NOT NULL UNIQUE,
        kind           TEXT NOT NULL,       -- feed, sitemap, page
        section        TEXT,
        title          TEXT,
        allow_private  INTEGER NOT NULL,    -- 1: may be fetched from a private address
        added_at       INTEGER NOT NULL,    -- Unix seconds
        etag           TEXT,
        last_modified  TEXT,
        last_polled    INTEGER,
        next_poll      INTEGER,             -- NULL: as soon as possible
        last_status    INTEGER,             -- the HTTP status of the last answer
        last_error     TEXT,
        failures       INTEGER NOT NULL DEFAULT 0,
        articles_found INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX subscriptions_due ON subscriptions(coalesce(next_poll, 0), id);
    -- A feed entry is known by the URL it was fetched from even when it redirected.
    CREATE INDEX articles_fetched_from ON articles(source_location) WHERE source_kind = 'web';",
    // 9: revisions. When a fetched page changes, the article takes the new version (its id,
    // filing and links stay) and the version it held is kept in `revisions`. `version` counts
    // the versions an article has had; `reindex_version` names the version the search index
    // has yet to take (NULL: nothing to do), cleared once it has.
    "ALTER TABLE articles ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
    ALTER TABLE articles ADD COLUMN reindex_version INTEGER;
    CREATE INDEX articles_reindex ON articles(id) WHERE reindex_version IS NOT NULL;
    CREATE TABLE revisions (
        article_id   INTEGER NOT NULL REFERENCES articles(id),
        number       INTEGER NOT NULL,    -- the version it was: 1 for the first stored
        content_hash TEXT NOT NULL,
        title        TEXT NOT NULL,
        paragraphs   TEXT NOT NULL,       -- JSON array
        published    TEXT,                -- RFC 3339, the page's own offset kept
        updated      TEXT,
        fetched_at   TEXT,
        replaced_at  INTEGER NOT NULL,    -- Unix seconds: when the next version took its place
        PRIMARY KEY (article_id, number)
    );",
    // 10: sections, named and ordered views of the stories, each with its rule as JSON (see
    // `SectionRule`). The defaults: every story, the fastest growing, and six topics as saved
    // searches of words that mark them (there is no labelled topic data to train on).
    r#"CREATE TABLE sections (
        slug     TEXT PRIMARY KEY,
        name     TEXT NOT NULL,
        position INTEGER NOT NULL,
        rule     TEXT NOT NULL
    );
    INSERT INTO sections (slug, name, position, rule) VALUES
        ('latest', 'Latest', 0, '{"kind":"latest"}'),
        ('breaking', 'Breaking', 1, '{"kind":"breaking","hours":6}'),
        ('world', 'World', 2, '{"kind":"query","text":"international OR foreign OR embassy OR diplomats OR diplomatic OR refugees OR sanctions OR treaty OR summit OR border OR war OR troops OR ceasefire OR \"united nations\""}'),
        ('politics', 'Politics', 3, '{"kind":"query","text":"election OR elections OR parliament OR senate OR congress OR minister OR government OR party OR vote OR voters OR campaign OR legislation OR opposition"}'),
        ('business', 'Business', 4, '{"kind":"query","text":"economy OR economic OR market OR markets OR shares OR stocks OR company OR companies OR bank OR inflation OR trade OR profit OR investors OR prices"}'),
        ('science', 'Science', 5, '{"kind":"query","text":"science OR scientists OR research OR researchers OR nasa OR space OR astronomers OR climate OR species OR physics OR discovery"}'),
        ('sport', 'Sport', 6, '{"kind":"query","text":"football OR soccer OR tournament OR league OR championship OR olympic OR olympics OR cup OR coach OR players OR season OR medal OR match"}'),
        ('health', 'Health', 7, '{"kind":"query","text":"health OR hospital OR hospitals OR virus OR disease OR vaccine OR patients OR doctors OR outbreak OR medical OR pandemic OR cancer"}');"#,
    // 11: webhooks, each following a section by its slug (not a foreign key: a section
    // removed and added again keeps its webhooks), with the articles looked at so far, the
    // stories announced (or in the section before it was added), and a queue of deliveries,
    // removed once delivered or given up.
    "CREATE TABLE webhooks (
        id             INTEGER PRIMARY KEY AUTOINCREMENT,
        section        TEXT NOT NULL,
        url            TEXT NOT NULL,
        allow_private  INTEGER NOT NULL,
        added_at       INTEGER NOT NULL,   -- Unix seconds
        start_article  INTEGER NOT NULL,   -- the archive when added: articles up to this id
        checked_up_to  INTEGER NOT NULL,   -- the articles looked at so far
        delivered      INTEGER NOT NULL DEFAULT 0,
        given_up       INTEGER NOT NULL DEFAULT 0,
        last_delivered INTEGER,
        last_error     TEXT,
        last_failed    INTEGER
    );
    CREATE TABLE webhook_stories (
        webhook_id INTEGER NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
        story_id   INTEGER NOT NULL,
        announced  INTEGER NOT NULL,       -- 0: in the section before the webhook was added
        PRIMARY KEY (webhook_id, story_id)
    ) WITHOUT ROWID;
    CREATE TABLE webhook_deliveries (
        id           INTEGER PRIMARY KEY AUTOINCREMENT,
        webhook_id   INTEGER NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
        payload      TEXT NOT NULL,        -- the JSON body
        created_at   INTEGER NOT NULL,
        attempts     INTEGER NOT NULL DEFAULT 0,
        next_attempt INTEGER NOT NULL,
        last_error   TEXT
    );
    CREATE INDEX webhook_deliveries_queue ON webhook_deliveries(webhook_id, id);",
];

/// Work a step needs beyond its SQL, run in its transaction after the SQL.
type Work = fn(&rusqlite::Transaction<'_>) -> Result<()>;

/// `(step number, work)`.
const AFTER: &[(usize, Work)] = &[(5, super::quotes::backfill), (6, super::quotes::resolve_all_speakers)];

pub(super) fn apply(conn: &mut Connection, path: &Path) -> Result<()> {
    apply_steps(conn, path, MIGRATIONS)
}

/// Brings the schema up to the end of `steps`; tests pass a prefix to make an old database.
pub(super) fn apply_steps(conn: &mut Connection, path: &Path, steps: &[&str]) -> Result<()> {
    let known = steps.len() as i64;
    let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if found > known {
        return Err(StoreError::TooNew { path: path.to_path_buf(), found, known });
    }
    for (step, sql) in steps.iter().enumerate().skip(found as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        for (_, work) in AFTER.iter().filter(|(number, _)| *number == step + 1) {
            work(&tx)?;
        }
        tx.pragma_update(None, "user_version", step as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}
