//! The feed, OPML and sitemap readers' tests, one binary.

mod feeds;
mod never_panics;
mod opml;
mod sitemaps;
