//! Sitemaps (sitemaps.org) and Google News sitemaps: either an index of child sitemaps or a
//! set of page URLs, with the dates a news poller needs to pick what is new. A sitemap published
//! gzipped (`sitemap.xml.gz`) is unzipped here: no `Content-Encoding` tells the fetcher to.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime};
use quick_xml::events::Event;

use crate::charset::decode_xml;
use crate::error::FeedsError;
use crate::gzip::gunzipped;
use crate::urls::absolute_http_url;
use crate::xml::{for_each_event, local_name, push_text};

/// What a sitemap document lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sitemap {
    /// `<sitemapindex>`: more sitemaps to fetch.
    Index(Vec<SitemapLink>),
    /// `<urlset>`: pages.
    UrlSet(Vec<SitemapUrl>),
}

/// A child sitemap named by an index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SitemapLink {
    pub loc: String,
    pub lastmod: Option<DateTime<FixedOffset>>,
}

/// A page listed by a URL set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SitemapUrl {
    pub loc: String,
    pub lastmod: Option<DateTime<FixedOffset>>,
    /// Google News `<news:publication_date>`.
    pub news_publication_date: Option<DateTime<FixedOffset>>,
    /// Google News `<news:title>`.
    pub news_title: Option<String>,
}

/// The fields of one `<url>` or `<sitemap>` entry, gathered as its children are read.
#[derive(Default)]
struct EntryFields {
    loc: String,
    lastmod: String,
    news_publication_date: String,
    news_title: String,
}

/// Parses a sitemap or sitemap index, gzipped or not (unzipped up to
/// [`MAX_GUNZIPPED_BYTES`](crate::MAX_GUNZIPPED_BYTES)); `charset` is the one the transport
/// named (HTTP `Content-Type`), decoded as [`parse_feed`](crate::parse_feed) does. Entries
/// whose `<loc>` is not an absolute http(s) URL are skipped; dates that do not parse are left
/// out rather than failing the document.
pub fn parse_sitemap(bytes: &[u8], charset: Option<&str>) -> Result<Sitemap, FeedsError> {
    let bytes = gunzipped(bytes)?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(FeedsError::Empty);
    }
    let text = decode_xml(&bytes, charset);
    // Local names of the open elements, root first: which <loc> or <title> a text belongs to
    // depends on where it sits (an image sitemap's <image:loc> is not the page's <loc>).
    let mut path: Vec<String> = Vec::new();
    let mut root: Option<String> = None;
    let mut fields = EntryFields::default();
    let mut links: Vec<SitemapLink> = Vec::new();
    let mut urls: Vec<SitemapUrl> = Vec::new();
    for_each_event(&text, |event, _| {
        match event {
            Event::Start(element) => {
                let name = local_name(element);
                if root.is_none() {
                    if name != "urlset" && name != "sitemapindex" {
                        return Err(FeedsError::WrongRoot { expected: "a sitemap", root: name });
                    }
                    root = Some(name.clone());
                }
                if path.len() == 1 {
                    fields = EntryFields::default();
                }
                path.push(name);
            }
            Event::Empty(element) if root.is_none() => {
                let name = local_name(element);
                if name != "urlset" && name != "sitemapindex" {
                    return Err(FeedsError::WrongRoot { expected: "a sitemap", root: name });
                }
                root = Some(name);
            }
            Event::End(_) => {
                if path.len() == 2 {
                    finish_entry(&path[1], std::mem::take(&mut fields), &mut links, &mut urls);
                }
                path.pop();
            }
            _ => {
                let names: Vec<&str> = path.iter().map(String::as_str).collect();
                let target = match names.as_slice() {
                    [_, _, "loc"] => Some(&mut fields.loc),
                    [_, _, "lastmod"] => Some(&mut fields.lastmod),
                    [_, "url", "news", "publication_date"] => Some(&mut fields.news_publication_date),
                    [_, "url", "news", "title"] => Some(&mut fields.news_title),
                    _ => None,
                };
                if let Some(target) = target {
                    push_text(event, target);
                }
            }
        }
        Ok(())
    })?;
    match root.as_deref() {
        Some("sitemapindex") => Ok(Sitemap::Index(links)),
        Some(_) => Ok(Sitemap::UrlSet(urls)),
        None => Err(FeedsError::WrongRoot { expected: "a sitemap", root: String::new() }),
    }
}

fn finish_entry(kind: &str, fields: EntryFields, links: &mut Vec<SitemapLink>, urls: &mut Vec<SitemapUrl>) {
    let Some(loc) = absolute_http_url(&fields.loc, None) else { return };
    let lastmod = w3c_datetime(&fields.lastmod);
    match kind {
        "sitemap" => links.push(SitemapLink { loc, lastmod }),
        "url" => urls.push(SitemapUrl {
            loc,
            lastmod,
            news_publication_date: w3c_datetime(&fields.news_publication_date),
            news_title: Some(fields.news_title.trim().to_string()).filter(|title| !title.is_empty()),
        }),
        _ => {}
    }
}

/// Sitemaps use W3C Datetime: a date, or a date and time to the minute or second (with a
/// fraction), with a zone. A date alone is midnight UTC; a time without a zone is taken as UTC.
fn w3c_datetime(text: &str) -> Option<DateTime<FixedOffset>> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    if let Ok(datetime) = DateTime::parse_from_rfc3339(text) {
        return Some(datetime);
    }
    for format in ["%Y-%m-%dT%H:%M%#z", "%Y-%m-%dT%H:%MZ"] {
        if let Ok(datetime) = DateTime::parse_from_str(text, format) {
            return Some(datetime);
        }
    }
    let utc = FixedOffset::east_opt(0)?;
    for format in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S"] {
        if let Ok(naive) = NaiveDateTime::parse_from_str(text, format) {
            return naive.and_local_timezone(utc).single();
        }
    }
    let date = NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()?;
    date.and_hms_opt(0, 0, 0)?.and_local_timezone(utc).single()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn w3c_datetimes() {
        let expect = |text: &str, rfc3339: &str| {
            assert_eq!(w3c_datetime(text), DateTime::parse_from_rfc3339(rfc3339).ok(), "{text}");
        };
        expect("2024-05-01", "2024-05-01T00:00:00Z");
        expect("2024-05-01T10:20+02:00", "2024-05-01T10:20:00+02:00");
        expect("2024-05-01T10:20Z", "2024-05-01T10:20:00Z");
        expect("2024-05-01T10:20:30.5-05:00", "2024-05-01T10:20:30.5-05:00");
        expect("2024-05-01T10:20:30", "2024-05-01T10:20:30Z");
        assert_eq!(w3c_datetime("yesterday"), None);
        assert_eq!(w3c_datetime(""), None);
    }
}
