//! Fetching over HTTP, politely and safely: one GET at a time through [`Fetcher::get`], with
//! an identifying User-Agent, conditional requests (ETag, Last-Modified), gzip, brotli and
//! deflate, a redirect limit, timeouts and a size cap, and the [`guard`] that refuses
//! private, loopback, link-local and metadata addresses (and any scheme but http and https)
//! before connecting, on the first URL and on every redirect. [`Fetcher::post_json`] sends a
//! JSON body (a webhook's) through the same guard, following no redirect.
//!
//! What to fetch when (schedules, robots.txt, per-host delays, retries) is the caller's
//! business; this crate says what happened, in terms a scheduler can act on
//! ([`FetchError::Status`] carries `Retry-After`, [`Page::max_age`] the freshness lifetime).

pub mod guard;
mod post;
pub mod robots;
pub mod schedule;

use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{
    CACHE_CONTROL, CONTENT_LENGTH, CONTENT_TYPE, ETAG, HeaderMap, IF_MODIFIED_SINCE, IF_NONE_MATCH,
    LAST_MODIFIED, LOCATION, RETRY_AFTER,
};
use reqwest::redirect;
use url::Url;

use guard::GuardedResolver;
pub use guard::{AddressPolicy, Refusal};
pub use post::{MAX_ANSWER_BYTES, Posted};

#[derive(Debug, Clone)]
pub struct FetchOptions {
    pub user_agent: String,
    /// For the whole request, body included.
    pub timeout: Duration,
    pub connect_timeout: Duration,
    /// Largest body accepted (after decompression), in bytes.
    pub max_bytes: u64,
    pub max_redirects: usize,
    pub policy: AddressPolicy,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            user_agent: concat!("newsgraph/", env!("CARGO_PKG_VERSION"), " (self-hosted news reader)").into(),
            timeout: Duration::from_secs(30),
            connect_timeout: Duration::from_secs(10),
            max_bytes: 16 * 1024 * 1024,
            max_redirects: 5,
            policy: AddressPolicy::default(),
        }
    }
}

/// What a server said about a resource's version, to ask next time whether it changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// A fetched body.
#[derive(Debug, Clone)]
pub struct Page {
    /// Where it was found, after redirects.
    pub url: Url,
    pub status: u16,
    pub content_type: Option<String>,
    pub body: Vec<u8>,
    pub validators: Validators,
    /// How long the server says the response stays fresh (`Cache-Control: max-age`).
    pub max_age: Option<Duration>,
}

#[derive(Debug)]
pub enum Fetched {
    Page(Box<Page>),
    /// The validators still hold: nothing changed.
    NotModified,
}

#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("not a URL: {0}")]
    BadUrl(String),
    #[error("refused: {0}")]
    Refused(Refusal),
    #[error("more than {0} redirects")]
    TooManyRedirects(usize),
    #[error("a redirect loop at {0}")]
    RedirectLoop(String),
    #[error("HTTP status {status}")]
    Status {
        status: u16,
        /// For 429 and 503: how long the server asks us to wait.
        retry_after: Option<Duration>,
    },
    #[error("the body is larger than {0} bytes")]
    TooLarge(u64),
    #[error("timed out")]
    Timeout,
    #[error("{0}")]
    Network(String),
}

/// Why the redirect policy stopped (carried through reqwest's error to [`classify`]).
#[derive(Debug, thiserror::Error)]
enum RedirectStop {
    #[error("too many redirects")]
    TooMany,
    #[error("a redirect loop")]
    Loop,
}

/// An HTTP client for feeds and pages.
#[derive(Debug, Clone)]
pub struct Fetcher {
    client: reqwest::Client,
    /// For POSTs: the same guard and limits, no redirect followed (see [`post`]).
    poster: reqwest::Client,
    options: FetchOptions,
}

impl Fetcher {
    pub fn new(options: FetchOptions) -> Result<Fetcher, FetchError> {
        let policy = Arc::new(options.policy.clone());
        let redirects = policy.clone();
        let max_redirects = options.max_redirects;
        let client = reqwest::Client::builder()
            .user_agent(options.user_agent.clone())
            .timeout(options.timeout)
            .connect_timeout(options.connect_timeout)
            .dns_resolver(Arc::new(GuardedResolver { policy }))
            // No proxy from the environment: it would connect for us, past the guard.
            .no_proxy()
            // The URL a feed or page came from is not the next server's business.
            .referer(false)
            .redirect(redirect::Policy::custom(move |attempt| {
                if attempt.previous().contains(attempt.url()) {
                    return attempt.error(RedirectStop::Loop);
                }
                if attempt.previous().len() > max_redirects {
                    return attempt.error(RedirectStop::TooMany);
                }
                match redirects.check_url(attempt.url()) {
                    Ok(()) => attempt.follow(),
                    Err(refusal) => attempt.error(refusal),
                }
            }))
            .build()
            .map_err(|e| FetchError::Network(chain(&e)))?;
        let poster = reqwest::Client::builder()
            .user_agent(options.user_agent.clone())
            .timeout(options.timeout)
            .connect_timeout(options.connect_timeout)
            .dns_resolver(Arc::new(GuardedResolver { policy: Arc::new(options.policy.clone()) }))
            .no_proxy()
            .referer(false)
            .redirect(redirect::Policy::none())
            .build()
            .map_err(|e| FetchError::Network(chain(&e)))?;
        Ok(Fetcher { client, poster, options })
    }

    /// GETs `url`, conditionally when `validators` hold any.
    pub async fn get(&self, url: &str, validators: &Validators) -> Result<Fetched, FetchError> {
        let parsed = Url::parse(url).map_err(|e| FetchError::BadUrl(format!("{url}: {e}")))?;
        self.options.policy.check_url(&parsed).map_err(FetchError::Refused)?;
        let mut request = self.client.get(parsed.clone());
        if let Some(etag) = &validators.etag {
            request = request.header(IF_NONE_MATCH, etag);
        }
        if let Some(modified) = &validators.last_modified {
            request = request.header(IF_MODIFIED_SINCE, modified);
        }
        let mut response = request.send().await.map_err(|e| classify(&e, self.options.max_redirects))?;
        let status = response.status().as_u16();
        if status == 304 {
            return Ok(Fetched::NotModified);
        }
        if response.status().is_redirection() {
            // A redirect reqwest would not follow (to another scheme): say why when the
            // guard is the reason.
            let location = header(response.headers(), LOCATION).and_then(|l| response.url().join(&l).ok());
            if let Some(Err(refusal)) = location.map(|l| self.options.policy.check_url(&l)) {
                return Err(FetchError::Refused(refusal));
            }
        }
        if !response.status().is_success() {
            let retry_after = retry_after(response.headers());
            return Err(FetchError::Status { status, retry_after });
        }
        let headers = response.headers().clone();
        let limit = self.options.max_bytes;
        if header(&headers, CONTENT_LENGTH).and_then(|l| l.parse::<u64>().ok()).is_some_and(|l| l > limit) {
            return Err(FetchError::TooLarge(limit));
        }
        let mut body = Vec::new();
        while let Some(chunk) =
            response.chunk().await.map_err(|e| classify(&e, self.options.max_redirects))?
        {
            if (body.len() + chunk.len()) as u64 > limit {
                return Err(FetchError::TooLarge(limit));
            }
            body.extend_from_slice(&chunk);
        }
        Ok(Fetched::Page(Box::new(Page {
            url: response.url().clone(),
            status,
            content_type: header(&headers, CONTENT_TYPE),
            body,
            validators: Validators {
                etag: header(&headers, ETAG),
                last_modified: header(&headers, LAST_MODIFIED),
            },
            max_age: max_age(&headers),
        })))
    }
}

fn header(headers: &HeaderMap, name: reqwest::header::HeaderName) -> Option<String> {
    headers.get(name)?.to_str().ok().map(str::to_owned)
}

/// `Retry-After` in seconds or as an HTTP date (counted from now).
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = header(headers, RETRY_AFTER)?;
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(std::time::SystemTime::now()).unwrap_or_default())
}

/// `Cache-Control: max-age=N` (`no-cache` and `no-store` count as zero).
fn max_age(headers: &HeaderMap) -> Option<Duration> {
    let value = header(headers, CACHE_CONTROL)?.to_ascii_lowercase();
    let mut age = None;
    for directive in value.split(',').map(str::trim) {
        if directive == "no-cache" || directive == "no-store" {
            return Some(Duration::ZERO);
        }
        if let Some(seconds) = directive.strip_prefix("max-age=") {
            age = seconds.trim_matches('"').parse().ok().map(Duration::from_secs);
        }
    }
    age
}

/// reqwest's error in our terms: a refusal or redirect stop found among its causes, a
/// timeout, or the network error with its causes spelled out.
fn classify(error: &reqwest::Error, max_redirects: usize) -> FetchError {
    if error.is_timeout() {
        return FetchError::Timeout;
    }
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(e) = cause {
        if let Some(refusal) = e.downcast_ref::<Refusal>() {
            return FetchError::Refused(refusal.clone());
        }
        if let Some(stop) = e.downcast_ref::<RedirectStop>() {
            let at = error.url().map_or_else(String::new, Url::to_string);
            return match stop {
                RedirectStop::TooMany => FetchError::TooManyRedirects(max_redirects),
                RedirectStop::Loop => FetchError::RedirectLoop(at),
            };
        }
        cause = e.source();
    }
    FetchError::Network(chain(error))
}

/// An error with its causes, "a: b: c".
fn chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut cause = error.source();
    while let Some(e) = cause {
        let more = e.to_string();
        if !text.contains(&more) {
            text.push_str(": ");
            text.push_str(&more);
        }
        cause = e.source();
    }
    text
}
