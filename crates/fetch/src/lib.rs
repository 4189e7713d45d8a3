//! Fetching over HTTP, politely and safely.
