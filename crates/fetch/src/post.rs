//! POSTing JSON to a URL a user named (a webhook), through the same guard as every GET: the
//! scheme and any address written into the URL checked first, every address a name resolves
//! to checked before connecting. Redirects are not followed: a receiver that moved says so
//! with a status, and a POST sent on to wherever a `Location` points would carry its body to
//! a place nobody chose.

use reqwest::header::{CONTENT_LENGTH, CONTENT_TYPE, HeaderName, HeaderValue};
use url::Url;

use crate::{FetchError, Fetcher, classify, retry_after};

/// Most of an answer's body read: enough to show why a receiver refused, too little for a
/// hostile one to make us hold much.
pub const MAX_ANSWER_BYTES: usize = 4 * 1024;

/// A receiver's answer to a POST that it accepted (2xx).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Posted {
    pub status: u16,
    /// The first [`MAX_ANSWER_BYTES`] of its body.
    pub body: Vec<u8>,
}

impl Fetcher {
    /// POSTs `body` as `application/json` to `url`, with `headers` besides. A 2xx answer is
    /// [`Posted`]; any other status (a redirect included) is [`FetchError::Status`], with
    /// `Retry-After` for 429 and 503.
    pub async fn post_json(
        &self,
        url: &str,
        body: Vec<u8>,
        headers: &[(&'static str, String)],
    ) -> Result<Posted, FetchError> {
        let parsed = Url::parse(url).map_err(|e| FetchError::BadUrl(format!("{url}: {e}")))?;
        self.options.policy.check_url(&parsed).map_err(FetchError::Refused)?;
        let mut request = self
            .poster
            .post(parsed)
            .header(CONTENT_TYPE, "application/json")
            .header(CONTENT_LENGTH, body.len())
            .body(body);
        for (name, value) in headers {
            let value = HeaderValue::from_str(value)
                .map_err(|_| FetchError::BadUrl(format!("header {name}: not a header value")))?;
            let name = HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| FetchError::BadUrl(format!("{name:?} is not a header name")))?;
            request = request.header(name, value);
        }
        let mut response = request.send().await.map_err(|e| classify(&e, 0))?;
        let status = response.status().as_u16();
        let retry_after = retry_after(response.headers());
        let mut answer = Vec::new();
        // Read, up to the cap, so that the connection ends cleanly; a body cut short or broken
        // off does not undo an answer already given.
        while answer.len() < MAX_ANSWER_BYTES {
            match response.chunk().await {
                Ok(Some(chunk)) => {
                    let room = MAX_ANSWER_BYTES - answer.len();
                    answer.extend_from_slice(&chunk[..chunk.len().min(room)]);
                }
                Ok(None) | Err(_) => break,
            }
        }
        match response.status().is_success() {
            true => Ok(Posted { status, body: answer }),
            false => Err(FetchError::Status { status, retry_after }),
        }
    }
}
