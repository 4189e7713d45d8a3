//! Reading sources, pure: feeds (RSS, Atom, JSON Feed), OPML subscription lists and sitemaps,
//! from bytes to entries. Fetching them is `newsgraph-fetch`'s job: nothing here touches the
//! network, the file system or the clock.

mod charset;
mod error;
mod feed;
mod urls;

pub use error::FeedsError;
pub use feed::{EntryText, Feed, FeedEntry, TextFormat, parse_feed};
pub use urls::parse_url_list;
