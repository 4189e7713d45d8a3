//! Documents that arrive gzipped in the body itself (a sitemap published as `sitemap.xml.gz`,
//! not compressed in transit, so no `Content-Encoding` undoes it before they get here).

use std::borrow::Cow;
use std::io::Read;

use flate2::read::MultiGzDecoder;

use crate::error::FeedsError;

/// The most a gzipped document may expand to. The sitemap protocol allows 50 MB uncompressed;
/// the cap keeps a gzip bomb (a few kilobytes that expand to gigabytes) from eating memory.
pub const MAX_GUNZIPPED_BYTES: u64 = 64 * 1024 * 1024;

/// Every gzip member starts with these two bytes (RFC 1952).
const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// The document itself: the bytes as they are, or unzipped when they are gzip.
pub(crate) fn gunzipped(bytes: &[u8]) -> Result<Cow<'_, [u8]>, FeedsError> {
    gunzipped_within(bytes, MAX_GUNZIPPED_BYTES)
}

fn gunzipped_within(bytes: &[u8], limit: u64) -> Result<Cow<'_, [u8]>, FeedsError> {
    if !bytes.starts_with(&GZIP_MAGIC) {
        return Ok(Cow::Borrowed(bytes));
    }
    let mut document = Vec::new();
    // Several members are one document (RFC 1952 allows concatenating them); reading one byte
    // past the limit tells a document of exactly the limit from a larger one.
    MultiGzDecoder::new(bytes)
        .take(limit.saturating_add(1))
        .read_to_end(&mut document)
        .map_err(|error| FeedsError::Gzip(error.to_string()))?;
    if document.len() as u64 > limit {
        return Err(FeedsError::TooLarge { limit });
    }
    Ok(Cow::Owned(document))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        encoder.write_all(bytes).expect("compress");
        encoder.finish().expect("compress")
    }

    #[test]
    fn plain_bytes_pass_through_unchanged() {
        assert!(matches!(gunzipped(b"<urlset/>"), Ok(Cow::Borrowed(b"<urlset/>"))));
    }

    #[test]
    fn the_limit_is_inclusive() {
        let zipped = gzip(&[b'a'; 100]);
        assert_eq!(gunzipped_within(&zipped, 100).expect("fits").len(), 100);
        assert_eq!(gunzipped_within(&zipped, 99), Err(FeedsError::TooLarge { limit: 99 }));
    }

    #[test]
    fn concatenated_members_are_one_document() {
        let zipped = [gzip(b"<urlset>"), gzip(b"</urlset>")].concat();
        assert_eq!(gunzipped(&zipped).expect("unzips").as_ref(), b"<urlset></urlset>");
    }

    #[test]
    fn a_corrupt_stream_is_an_error() {
        let mut zipped = gzip(&[b'a'; 1000]);
        zipped.truncate(zipped.len() / 2);
        assert!(matches!(gunzipped(&zipped), Err(FeedsError::Gzip(_))));
        assert!(matches!(gunzipped(&GZIP_MAGIC), Err(FeedsError::Gzip(_))));
    }
}
