//! Reading a unit's bytes: a size cap, and transparent gzip.

use std::io::Read;

use flate2::read::MultiGzDecoder;

const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// The bytes of a file (decompressed when gzip), or of standard input for `-`, refusing more
/// than `max_bytes`. Errors are messages for the user.
pub fn read_page_bytes(arg: &str, max_bytes: u64) -> Result<Vec<u8>, String> {
    if arg == "-" {
        return read_capped(std::io::stdin().lock(), max_bytes);
    }
    let file = std::fs::File::open(arg).map_err(|e| format!("cannot open: {e}"))?;
    read_capped(file, max_bytes)
}

/// Reads everything `reader` gives, refusing more than `max_bytes` (after decompression).
pub(crate) fn read_capped(reader: impl Read, max_bytes: u64) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    reader
        .take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read: {e}"))?;
    if bytes.len() as u64 > max_bytes {
        return Err(format!("larger than the size limit of {max_bytes} bytes (see --max-bytes)"));
    }
    gunzip_if_compressed(bytes, max_bytes)
}

fn gunzip_if_compressed(bytes: Vec<u8>, max_bytes: u64) -> Result<Vec<u8>, String> {
    if !bytes.starts_with(&GZIP_MAGIC) {
        return Ok(bytes);
    }
    let mut out = Vec::new();
    MultiGzDecoder::new(&bytes[..])
        .take(max_bytes.saturating_add(1))
        .read_to_end(&mut out)
        .map_err(|e| format!("broken gzip data: {e}"))?;
    if out.len() as u64 > max_bytes {
        return Err(format!(
            "larger than the size limit of {max_bytes} bytes once decompressed (see --max-bytes)"
        ));
    }
    Ok(out)
}

/// Wraps a stream in a gzip decoder when it starts with the gzip magic bytes.
pub(crate) fn maybe_gunzip<'a>(
    mut reader: impl std::io::BufRead + 'a,
) -> std::io::Result<Box<dyn std::io::BufRead + 'a>> {
    let compressed = reader.fill_buf()?.starts_with(&GZIP_MAGIC);
    Ok(if compressed {
        Box::new(std::io::BufReader::new(MultiGzDecoder::new(reader)))
    } else {
        Box::new(reader)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::{Compression, write::GzEncoder};
    use std::io::Write;

    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut enc = GzEncoder::new(Vec::new(), Compression::fast());
        enc.write_all(data).expect("gzip");
        enc.finish().expect("gzip")
    }

    #[test]
    fn caps_plain_and_compressed_sizes() {
        assert_eq!(read_capped(&b"hello"[..], 5).expect("fits"), b"hello");
        assert!(read_capped(&b"hello!"[..], 5).is_err());
        assert_eq!(read_capped(&gzip(b"hello")[..], 100).expect("fits"), b"hello");
        let bomb = gzip(&vec![b'a'; 10_000]);
        assert!(read_capped(&bomb[..], 1_000).expect_err("too big").contains("decompressed"));
    }

    #[test]
    fn truncated_gzip_is_an_error() {
        let data = gzip(b"some text that is long enough to be cut");
        assert!(read_capped(&data[..data.len() / 2], 1_000).is_err());
    }
}
