//! Reading sources, pure: feeds (RSS, Atom, JSON Feed), OPML subscription lists, sitemaps and
//! URL lists, from bytes to entries. Fetching them is `newsgraph-fetch`'s job: nothing here
//! touches the network, the file system or the clock, and no input makes it panic. Feeds and
//! sitemaps may come gzipped (`sitemap.xml.gz`) and in any charset; the charset the transport
//! named (HTTP `Content-Type`) is passed in by the caller.

mod charset;
mod error;
mod feed;
mod gzip;
mod opml;
mod sitemap;
mod urls;
mod xml;

pub use error::FeedsError;
pub use feed::{EntryText, Feed, FeedEntry, TextFormat, parse_feed};
pub use gzip::MAX_GUNZIPPED_BYTES;
pub use opml::{Subscription, parse_opml, write_opml};
pub use sitemap::{Sitemap, SitemapLink, SitemapUrl, parse_sitemap};
pub use urls::parse_url_list;
