//! The daily digest: one UTC day's top stories, each with its headline, summary, how much
//! coverage it had that day and a few key quotes. The same [`Digest`] feeds the web page
//! (`/digest/{date}`), the JSON API (`/api/v1/digest/{date}`) and `newsgraph digest`
//! (Markdown, [`markdown`]; a standalone HTML page for email, [`email`]; JSON).
//!
//! - **The day's top stories** are the stories with articles seen that day (the article's
//!   publication time, else its import time, in UTC), ranked by that day's articles (copies
//!   included: a wire story reprinted by four outlets is four articles), then that day's
//!   distinct outlets, then all their articles, then the newest story
//!   ([`newsgraph_store::Store::stories_on`]).
//! - **Key quotes** come from the story's articles seen that day, copies left out: quotes whose
//!   speaker is a resolved person first, then direct speech before mixed and indirect, one per
//!   speaker before a second from anyone, the same words never twice; reported speech only
//!   with a verb of saying, and never a bare "he" nobody was found for ([`quotes::choose`]).
//!
//! [`assemble`] reads them from a store; the day is a parameter (what "yesterday" is, is
//! decided by the caller, [`yesterday`]), and nothing here knows HTTP or SQL. A section's
//! digest ([`assemble_within`]) keeps the top stories that are the section's.

pub mod email;
pub mod markdown;
pub mod quotes;

use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, Days, NaiveDate, Utc};
use newsgraph_index::SearchIndex;
use newsgraph_model::{ArticleId, EntityId, QuoteKind, StoryId};
use newsgraph_store::{DayStory, Store, StoreError, StoriesOn};
use serde::Serialize;

use crate::backend::BackendError;
use crate::{display, sections};

/// Stories a digest lists unless asked otherwise, and at most.
pub const DEFAULT_STORIES: u64 = 10;
pub const MAX_STORIES: u64 = 50;
/// Key quotes per story.
pub const QUOTES_PER_STORY: usize = 3;
/// The day's stories a section's digest chooses from.
const SECTION_DEPTH: u64 = 2_000;
/// Quotes of a story read to choose from: enough for every named speaker of a day's coverage.
const CANDIDATES: u64 = 200;

/// What to put in a digest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DigestRequest {
    /// The UTC day.
    pub day: NaiveDate,
    /// Stories at most.
    pub stories: u64,
    /// Key quotes per story at most.
    pub quotes: usize,
}

impl DigestRequest {
    /// The day's digest with the default sizes.
    pub fn new(day: NaiveDate) -> Self {
        DigestRequest { day, stories: DEFAULT_STORIES, quotes: QUOTES_PER_STORY }
    }
}

/// One day's top stories, the most covered first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Digest {
    pub date: NaiveDate,
    /// The section it is limited to, by name; `None` for all the stories.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    pub stories: Vec<DigestStory>,
}

impl Digest {
    /// "Daily digest: 2022-12-19", "Daily digest: 2022-12-19 · World".
    pub fn title(&self) -> String {
        match &self.section {
            Some(section) => format!("Daily digest: {} · {section}", self.date),
            None => format!("Daily digest: {}", self.date),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DigestStory {
    pub id: StoryId,
    pub headline: String,
    /// The article whose title is the headline, and its own page.
    pub headline_article: Option<ArticleId>,
    pub url: Option<String>,
    /// Its most central sentences, the most central first.
    pub summary: Vec<String>,
    pub first_seen: DateTime<Utc>,
    pub last_seen: DateTime<Utc>,
    /// All its articles (copies included) and outlets.
    pub articles: u64,
    pub outlets: u64,
    /// Its articles (copies included) and outlets seen on the digest's day.
    pub articles_that_day: u64,
    pub outlets_that_day: u64,
    /// The story's page in the app.
    pub link: String,
    pub quotes: Vec<KeyQuote>,
}

/// A quote chosen for the digest.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KeyQuote {
    /// The speaker as written ("Kremlin spokesman Dmitry Peskov", "he").
    pub speaker: String,
    /// The person the speaker names or stands for, when resolved.
    pub person: Option<Person>,
    pub kind: QuoteKind,
    /// The word that marks the attribution ("said", "told"), when found.
    pub cue: Option<String>,
    /// What was said: its pieces joined by " … ".
    pub text: String,
    pub article: QuotedArticle,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Person {
    pub id: EntityId,
    pub name: String,
    /// The person's page in the app.
    pub link: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuotedArticle {
    pub id: ArticleId,
    pub title: String,
    pub outlet: String,
    pub url: Option<String>,
    /// The article's page in the app.
    pub link: String,
}

impl KeyQuote {
    /// Who to name: the speaker as written when it names the person (any word of the
    /// person's name in it: "Kremlin spokesman Dmitry Peskov"), else the person's name ("he",
    /// "the spokesman"), else the speaker as written.
    pub fn shown_speaker(&self) -> &str {
        match &self.person {
            Some(person) if !person.name.split_whitespace().any(|w| has_word(&self.speaker, w)) => {
                &person.name
            }
            _ => &self.speaker,
        }
    }

    /// What was said as it may be shown: direct speech inside curly quotation marks (its own
    /// marks and the comma that led back to the speaker taken off: `"We are ready,"` shows as
    /// “We are ready”), reported speech as reported (without a leading "that"). Direct speech whose pieces bring marks of
    /// their own inside is shown as written.
    pub fn shown_text(&self) -> String {
        if self.kind != QuoteKind::Direct {
            // "said that the talks were useful": the conjunction belongs to the sentence
            // the quote was taken from.
            return self.text.strip_prefix("that ").unwrap_or(&self.text).to_owned();
        }
        let bare = self.text.trim().trim_start_matches(MARKS).trim_end_matches(MARKS).trim_end();
        let bare = bare.trim_end_matches([',', ';', ':']).trim_end();
        if bare.contains(MARKS) || bare.is_empty() {
            return self.text.clone();
        }
        format!("\u{201c}{bare}\u{201d}")
    }
}

/// Quotation marks, straight and curly, and guillemets.
const MARKS: [char; 7] = ['"', '\u{201c}', '\u{201d}', '\u{2018}', '\u{2019}', '\u{ab}', '\u{bb}'];

/// Whether `word` is one of `text`'s words (runs of letters and digits), case kept.
fn has_word(text: &str, word: &str) -> bool {
    let word = word.trim_matches(|c: char| !c.is_alphanumeric());
    !word.is_empty() && text.split(|c: char| !c.is_alphanumeric()).any(|w| w == word)
}

/// The digest of `request.day`, from the store.
pub fn assemble(store: &dyn Store, request: &DigestRequest) -> Result<Digest, StoreError> {
    assemble_within(store, request, None)
}

/// A section's digest: [`assemble`] of the day's top stories among `within` (the section's
/// stories, [`crate::sections::stories_of_day`]), named after the section.
pub fn assemble_within(
    store: &dyn Store,
    request: &DigestRequest,
    within: Option<(&str, &HashSet<StoryId>)>,
) -> Result<Digest, StoreError> {
    // A section's top stories are among the day's top stories of all: read deeper, then keep
    // the section's.
    let limit = if within.is_some() { SECTION_DEPTH.max(request.stories) } else { request.stories };
    let mut found = store.stories_on(&StoriesOn { day: request.day, limit })?;
    if let Some((_, stories)) = within {
        found.retain(|s| stories.contains(&s.digest.id));
        found.truncate(request.stories as usize);
    }
    let mut names = BTreeMap::new();
    let mut stories = Vec::with_capacity(found.len());
    for day_story in found {
        let candidates = store.story_quotes(day_story.digest.id, Some(request.day), CANDIDATES)?;
        let chosen = quotes::choose(&candidates, request.quotes);
        let mut key_quotes = Vec::with_capacity(chosen.len());
        for found in chosen {
            let person = match found.quote.speaker_entity {
                Some(id) => person(store, id, &mut names)?,
                None => None,
            };
            key_quotes.push(quotes::key_quote(found, person));
        }
        let url = match day_story.digest.headline_article {
            Some(id) => store.article(id)?.and_then(|a| a.article.url),
            None => None,
        };
        stories.push(story(day_story, url, key_quotes));
    }
    Ok(Digest { date: request.day, section: within.map(|(name, _)| name.to_owned()), stories })
}

/// The digest of `request`'s day, of the section named `slug` when given (`None` when there is
/// no such section): what the page, the API and `newsgraph digest` show.
pub fn assemble_section(
    store: &dyn Store,
    index: &SearchIndex,
    request: &DigestRequest,
    slug: Option<&str>,
) -> Result<Option<Digest>, BackendError> {
    let Some(slug) = slug else { return Ok(Some(assemble(store, request)?)) };
    let Some(section) = store.sections()?.into_iter().find(|s| s.slug == slug) else { return Ok(None) };
    let digest = match sections::stories_of_day(store, index, &section.rule, request.day)? {
        Some(stories) => assemble_within(store, request, Some((&section.name, &stories)))?,
        None => Digest { section: Some(section.name), ..assemble(store, request)? },
    };
    Ok(Some(digest))
}

/// The person's name, read once per digest.
fn person(
    store: &dyn Store,
    id: EntityId,
    names: &mut BTreeMap<EntityId, Option<String>>,
) -> Result<Option<Person>, StoreError> {
    let name = match names.get(&id) {
        Some(name) => name.clone(),
        None => {
            let name = store.entity(id)?.map(|stats| stats.entity.name);
            names.insert(id, name.clone());
            name
        }
    };
    Ok(name.map(|name| Person { id, name, link: format!("/entities/{}", id.0) }))
}

fn story(day: DayStory, url: Option<String>, quotes: Vec<KeyQuote>) -> DigestStory {
    let d = day.digest;
    DigestStory {
        id: d.id,
        link: format!("/stories/{}", d.id.0),
        headline: display::title(&d.headline).to_owned(),
        headline_article: d.headline_article,
        url,
        summary: d.summary,
        first_seen: d.first_seen,
        last_seen: d.last_seen,
        articles: d.articles,
        outlets: d.outlets,
        articles_that_day: day.articles,
        outlets_that_day: day.outlets,
        quotes,
    }
}

/// A day written `YYYY-MM-DD`, exactly (no other widths or separators).
pub fn parse_day(text: &str) -> Result<NaiveDate, String> {
    let shape = text.len() == 10
        && text
            .bytes()
            .enumerate()
            .all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() });
    let parsed = shape.then(|| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()).flatten();
    parsed
        .ok_or_else(|| format!("a date is written YYYY-MM-DD (a real day, such as 2024-03-31), not {text:?}"))
}

/// The UTC day before `now`'s: the latest whole day, what `/digest` and `newsgraph digest`
/// show by default.
pub fn yesterday(now: DateTime<Utc>) -> NaiveDate {
    let today = now.date_naive();
    today.checked_sub_days(Days::new(1)).unwrap_or(today)
}

/// The day `/digest` shows: the latest whole UTC day with news, so yesterday on a live app,
/// and an archive's last day when it stopped growing (the demo's); yesterday when nothing is
/// stored before today.
pub fn latest_day(store: &dyn Store, now: DateTime<Utc>) -> Result<NaiveDate, StoreError> {
    let today = now.date_naive();
    let before_today = today.and_hms_opt(0, 0, 0).map(|t| t.and_utc() - chrono::Duration::seconds(1));
    let newest = match before_today {
        Some(t) => store.newest_article_time(t)?,
        None => None,
    };
    Ok(newest.map_or_else(|| yesterday(now), |t| t.date_naive()))
}

/// Where a digest read away from the web app (Markdown, email) links to. Every link is an
/// absolute http(s) URL ([`display::safe_href`]); what has none is left unlinked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Links<'a> {
    /// The app's pages under this address (`https://news.example`): stories and articles.
    App(&'a str),
    /// The articles' own pages: a story's headline article and a quote's article.
    Sources,
}

impl Links<'_> {
    pub fn story(&self, story: &DigestStory) -> Option<String> {
        self.to(&story.link, story.url.as_deref())
    }

    pub fn article(&self, article: &QuotedArticle) -> Option<String> {
        self.to(&article.link, article.url.as_deref())
    }

    fn to(&self, app_link: &str, own: Option<&str>) -> Option<String> {
        let url = match self {
            Links::App(base) => format!("{}{app_link}", base.trim_end_matches('/')),
            Links::Sources => own?.to_owned(),
        };
        display::safe_href(&url).map(str::to_owned)
    }
}

/// "3 articles from 2 outlets that day, 5 in all".
pub fn coverage(story: &DigestStory) -> String {
    let mut line = format!(
        "{} from {} that day",
        display::count(story.articles_that_day, "article", "articles"),
        display::count(story.outlets_that_day, "outlet", "outlets")
    );
    if story.articles > story.articles_that_day {
        line.push_str(&format!(", {} in all", story.articles));
    }
    line
}

/// What a digest of no stories says.
pub fn nothing_on(day: NaiveDate) -> String {
    format!("No stories had articles on {day} (UTC).")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_written_exactly() {
        assert_eq!(parse_day("2022-12-19"), Ok(NaiveDate::from_ymd_opt(2022, 12, 19).expect("day")));
        for bad in [
            "2022-12-32",
            "2022-02-29",
            "2022-1-05",
            "22-12-19",
            "2022/12/19",
            "yesterday",
            "",
            "2022-12-19x",
        ] {
            assert!(parse_day(bad).is_err(), "{bad:?}");
        }
        assert!(parse_day("2024-02-29").is_ok());
    }

    #[test]
    fn yesterday_is_the_utc_day_before() {
        let at = |t: &str| DateTime::parse_from_rfc3339(t).expect("time").with_timezone(&Utc);
        let day = |d: &str| parse_day(d).expect("day");
        assert_eq!(yesterday(at("2022-12-20T00:00:00Z")), day("2022-12-19"));
        assert_eq!(yesterday(at("2022-12-20T23:59:59-05:00")), day("2022-12-20"), "already the 21st in UTC");
        assert_eq!(yesterday(at("2022-03-01T10:00:00Z")), day("2022-02-28"));
    }

    #[test]
    fn the_speaker_shown_is_the_person_unless_the_speaker_names_them() {
        let quote = |speaker: &str| KeyQuote {
            speaker: speaker.to_owned(),
            person: Some(Person {
                id: EntityId(1),
                name: "Dmitry Peskov".into(),
                link: "/entities/1".into(),
            }),
            kind: QuoteKind::Direct,
            cue: None,
            text: "We are ready".into(),
            article: QuotedArticle {
                id: ArticleId(1),
                title: "T".into(),
                outlet: "O".into(),
                url: None,
                link: "/articles/1".into(),
            },
        };
        assert_eq!(
            quote("Kremlin spokesman Dmitry Peskov").shown_speaker(),
            "Kremlin spokesman Dmitry Peskov"
        );
        assert_eq!(quote("Peskov").shown_speaker(), "Peskov");
        assert_eq!(quote("he").shown_speaker(), "Dmitry Peskov");
        assert_eq!(quote("the spokesman").shown_speaker(), "Dmitry Peskov");
        assert_eq!(quote("he").shown_text(), "\u{201c}We are ready\u{201d}");
        let own = |text: &str| KeyQuote { text: text.to_owned(), ..quote("he") }.shown_text();
        assert_eq!(own("\"We will deepen our alliance,\""), "\u{201c}We will deepen our alliance\u{201d}");
        assert_eq!(own("\u{201c}Ready.\u{201d}"), "\u{201c}Ready.\u{201d}");
        assert_eq!(own("\"A\" and \"B\""), "\"A\" and \"B\"", "marks inside: as written");
        let reported = KeyQuote { kind: QuoteKind::Indirect, person: None, ..quote("officials") };
        assert_eq!((reported.shown_speaker(), reported.shown_text().as_str()), ("officials", "We are ready"));
        let that = KeyQuote { text: "that talks would follow".into(), ..reported };
        assert_eq!(that.shown_text(), "talks would follow");
    }
}
