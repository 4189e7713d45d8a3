//! The web app's tests, one binary: the router driven in process and over a real socket.

mod access;
mod common;
mod digest;
mod entities;
mod export;
mod feeds;
mod figures;
mod openapi;
mod quotes;
mod revisions;
mod router;
mod sections;
mod stories;
