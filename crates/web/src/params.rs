//! Query parameters shared by the pages and the API: read as text, then checked here so
//! every mistake gets a clear message (and an empty form field counts as absent).

use chrono::{DateTime, Utc};
use newsgraph_index::{DateBound, SearchQuery, parse_date_bound};
use newsgraph_model::{ArticleId, EntityId, EntityKind};
use newsgraph_store::SpeakerFilter;
use serde::Deserialize;

/// Deepest result a search may page to: the index keeps `offset + limit` hits in memory.
pub const MAX_SEARCH_OFFSET: u64 = newsgraph_index::MAX_OFFSET as u64;

/// A parameter that is malformed or out of range; the message says which and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ParamError(pub String);

/// A time window for a search; either end may be open.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Window {
    pub since: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
}

/// Every query parameter any route reads, as the client sent it. Unknown ones are ignored.
#[derive(Debug, Default, Deserialize)]
pub struct RawParams {
    pub q: Option<String>,
    pub since: Option<String>,
    pub until: Option<String>,
    pub page: Option<String>,
    pub offset: Option<String>,
    pub limit: Option<String>,
    /// An entity id: search only the articles that mention it.
    pub entity: Option<String>,
    /// An entity kind: `per`, `org`, `loc` or `misc` (any case).
    pub kind: Option<String>,
    /// Whose quotes: an entity id or a name.
    pub speaker: Option<String>,
    /// A section's slug: a digest of its stories only.
    pub section: Option<String>,
}

impl RawParams {
    /// The search text, trimmed; `None` when missing or blank.
    pub fn query_text(&self) -> Option<&str> {
        present(&self.q)
    }

    /// `?page=N`, 1-based; 1 when absent.
    pub fn page(&self) -> Result<u64, ParamError> {
        match present(&self.page) {
            None => Ok(1),
            Some(text) => match text.parse::<u64>() {
                Ok(n) if n >= 1 => Ok(n),
                _ => Err(ParamError(format!("page must be a whole number of at least 1, not {text:?}"))),
            },
        }
    }

    /// `?offset=N`; 0 when absent.
    pub fn offset(&self) -> Result<u64, ParamError> {
        match present(&self.offset) {
            None => Ok(0),
            Some(text) => text.parse::<u64>().map_err(|_| {
                ParamError(format!("offset must be a whole number of at least 0, not {text:?}"))
            }),
        }
    }

    /// `?limit=N`, at least 1, capped at `max`; `default` when absent.
    pub fn limit(&self, default: u64, max: u64) -> Result<u64, ParamError> {
        match present(&self.limit) {
            None => Ok(default),
            Some(text) => match text.parse::<u64>() {
                Ok(n) if n >= 1 => Ok(n.min(max)),
                Ok(_) => Err(ParamError("limit must be at least 1".into())),
                // A number too large to read is still a number: cap it like any other.
                Err(_) if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) => Ok(max),
                Err(_) => {
                    Err(ParamError(format!("limit must be a whole number of at least 1, not {text:?}")))
                }
            },
        }
    }

    /// `since` and `until` as a time window; a bare date covers the whole day (UTC).
    pub fn window(&self) -> Result<Window, ParamError> {
        let since = present(&self.since).map(|t| parse_time(t, "since", DateBound::Start)).transpose()?;
        let until = present(&self.until).map(|t| parse_time(t, "until", DateBound::End)).transpose()?;
        if let (Some(s), Some(u)) = (since, until)
            && s > u
        {
            return Err(ParamError("since must not be later than until".into()));
        }
        Ok(Window { since, until })
    }

    /// `?entity=ID`; `None` when absent.
    pub fn entity(&self) -> Result<Option<EntityId>, ParamError> {
        present(&self.entity)
            .map(|text| {
                entity_id(text).ok_or_else(|| {
                    ParamError(format!(
                        "entity must be an entity id (a whole number of at least 1), not {text:?}"
                    ))
                })
            })
            .transpose()
    }

    /// `?speaker=`: an entity id (a positive whole number) or else a name; `None` when absent.
    pub fn speaker(&self) -> Option<SpeakerFilter> {
        present(&self.speaker).map(|text| match entity_id(text) {
            Some(id) => SpeakerFilter::Entity(id),
            None => SpeakerFilter::Name(text.to_owned()),
        })
    }

    /// `?kind=per|org|loc|misc`; `None` when absent.
    pub fn kind(&self) -> Result<Option<EntityKind>, ParamError> {
        present(&self.kind)
            .map(|text| {
                parse_kind(text).ok_or_else(|| {
                    ParamError(format!("kind must be one of per, org, loc or misc, not {text:?}"))
                })
            })
            .transpose()
    }

    /// A search over `text` (which may be empty when `entity` is given) in this window, for one
    /// page of `limit` hits from `offset`.
    pub fn search_query(
        &self,
        text: &str,
        entity: Option<EntityId>,
        offset: u64,
        limit: u64,
    ) -> Result<SearchQuery, ParamError> {
        if offset > MAX_SEARCH_OFFSET {
            return Err(ParamError(format!(
                "search results can be paged to offset {MAX_SEARCH_OFFSET} at most"
            )));
        }
        let Window { since, until } = self.window()?;
        Ok(SearchQuery {
            text: text.to_owned(),
            entity,
            all_entities: Vec::new(),
            since,
            until,
            offset: usize::try_from(offset).unwrap_or(usize::MAX),
            limit: usize::try_from(limit).unwrap_or(usize::MAX),
        })
    }
}

/// An article id as it appears in a path: a positive decimal number.
pub fn article_id(text: &str) -> Option<ArticleId> {
    positive_id(text).map(ArticleId)
}

/// A story id as it appears in a path: a positive decimal number.
pub fn story_id(text: &str) -> Option<newsgraph_model::StoryId> {
    positive_id(text).map(newsgraph_model::StoryId)
}

/// An entity id as it appears in a path or a parameter: a positive decimal number.
pub fn entity_id(text: &str) -> Option<EntityId> {
    positive_id(text).map(EntityId)
}

fn positive_id(text: &str) -> Option<i64> {
    match text.parse::<i64>() {
        Ok(n) if n >= 1 && text.bytes().all(|b| b.is_ascii_digit()) => Some(n),
        _ => None,
    }
}

/// An entity kind as a parameter spells it: its short name in any case.
fn parse_kind(text: &str) -> Option<EntityKind> {
    crate::display::KINDS.into_iter().find(|&k| crate::display::kind_slug(k).eq_ignore_ascii_case(text))
}

fn present(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

/// `YYYY-MM-DD` (the whole day, UTC) or an RFC 3339 timestamp.
fn parse_time(text: &str, name: &str, bound: DateBound) -> Result<DateTime<Utc>, ParamError> {
    parse_date_bound(text, bound).map_err(|_| {
        ParamError(format!(
            "{name} must be a date like 2024-03-31 or a time like 2024-03-31T12:00:00Z, not {text:?}"
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(f: impl FnOnce(&mut RawParams)) -> RawParams {
        let mut p = RawParams::default();
        f(&mut p);
        p
    }

    #[test]
    fn bare_dates_cover_the_whole_day() {
        let p = raw(|p| {
            p.since = Some("2024-03-01".into());
            p.until = Some("2024-03-01".into());
        });
        let Window { since, until } = p.window().expect("valid");
        assert_eq!(since.map(|t| t.to_rfc3339()), Some("2024-03-01T00:00:00+00:00".into()));
        assert_eq!(until.map(|t| t.to_rfc3339()), Some("2024-03-01T23:59:59+00:00".into()));
    }

    #[test]
    fn rfc3339_is_converted_to_utc() {
        let p = raw(|p| p.since = Some("2024-03-01T10:00:00+02:00".into()));
        let since = p.window().expect("valid").since;
        assert_eq!(since.map(|t| t.to_rfc3339()), Some("2024-03-01T08:00:00+00:00".into()));
    }

    #[test]
    fn bad_and_reversed_dates_are_errors() {
        assert!(raw(|p| p.since = Some("2024-13-01".into())).window().is_err());
        assert!(raw(|p| p.until = Some("yesterday".into())).window().is_err());
        let reversed = raw(|p| {
            p.since = Some("2024-03-02".into());
            p.until = Some("2024-03-01".into());
        });
        assert!(reversed.window().is_err());
    }

    #[test]
    fn empty_fields_count_as_absent() {
        let p = raw(|p| {
            p.q = Some("  ".into());
            p.since = Some(String::new());
            p.page = Some(String::new());
        });
        assert_eq!(p.query_text(), None);
        assert_eq!(p.window(), Ok(Window::default()));
        assert_eq!(p.page(), Ok(1));
    }

    #[test]
    fn limits_are_capped_and_checked() {
        assert_eq!(raw(|p| p.limit = Some("500".into())).limit(20, 100), Ok(100));
        assert_eq!(raw(|p| p.limit = Some("99999999999999999999999".into())).limit(20, 100), Ok(100));
        assert_eq!(raw(|_| {}).limit(20, 100), Ok(20));
        assert!(raw(|p| p.limit = Some("0".into())).limit(20, 100).is_err());
        assert!(raw(|p| p.limit = Some("abc".into())).limit(20, 100).is_err());
        assert!(raw(|p| p.limit = Some("-1".into())).limit(20, 100).is_err());
        assert!(raw(|p| p.offset = Some("-1".into())).offset().is_err());
        assert!(raw(|p| p.page = Some("0".into())).page().is_err());
    }

    #[test]
    fn deep_search_offsets_are_refused() {
        let p = RawParams::default();
        assert!(p.search_query("x", None, MAX_SEARCH_OFFSET + 1, 10).is_err());
        assert!(p.search_query("x", None, MAX_SEARCH_OFFSET, 10).is_ok());
    }

    #[test]
    fn kinds_and_entities_are_checked() {
        assert_eq!(raw(|p| p.kind = Some("LOC".into())).kind(), Ok(Some(EntityKind::Loc)));
        assert_eq!(raw(|p| p.kind = Some(" per ".into())).kind(), Ok(Some(EntityKind::Per)));
        assert_eq!(raw(|p| p.kind = Some(String::new())).kind(), Ok(None));
        assert!(raw(|p| p.kind = Some("people".into())).kind().is_err());
        assert_eq!(raw(|p| p.entity = Some("7".into())).entity(), Ok(Some(EntityId(7))));
        assert_eq!(raw(|p| p.entity = Some("".into())).entity(), Ok(None));
        assert!(raw(|p| p.entity = Some("0".into())).entity().is_err());
        assert!(raw(|p| p.entity = Some("kyiv".into())).entity().is_err());
        assert_eq!(
            raw(|p| p.speaker = Some(" 7 ".into())).speaker(),
            Some(SpeakerFilter::Entity(EntityId(7)))
        );
        assert_eq!(
            raw(|p| p.speaker = Some("Peskov".into())).speaker(),
            Some(SpeakerFilter::Name("Peskov".into()))
        );
        assert_eq!(raw(|p| p.speaker = Some("0".into())).speaker(), Some(SpeakerFilter::Name("0".into())));
        assert_eq!(raw(|p| p.speaker = Some(" ".into())).speaker(), None);
    }

    #[test]
    fn article_ids_are_positive_numbers() {
        assert_eq!(article_id("42"), Some(ArticleId(42)));
        for bad in ["0", "-1", "+1", "abc", "", "1.0", "99999999999999999999"] {
            assert_eq!(article_id(bad), None, "{bad}");
        }
    }
}
