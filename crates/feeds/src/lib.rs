//! Reading sources, pure: feeds (RSS, Atom, JSON Feed), OPML subscription lists and sitemaps,
//! from bytes to entries. Fetching them is `newsgraph-fetch`'s job.
