//! What the trained models' files have in common: little-endian fields read with bounds
//! checks ([`Reader`]), feature weight rows quantised to `i16` with one scale
//! ([`write_rows`], [`read_rows`]), and gzip around the whole. Quantising keeps the files
//! small and costs no measurable accuracy.

use std::io::{Read, Write};

use flate2::Compression;
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use rustc_hash::FxHashMap;

pub fn gzip(raw: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut gz = GzEncoder::new(Vec::new(), Compression::best());
    gz.write_all(raw)?;
    gz.finish()
}

pub fn gunzip(gz: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut raw = Vec::new();
    GzDecoder::new(gz).read_to_end(&mut raw)?;
    Ok(raw)
}

/// Appends an f32 scale, a u32 row count, then per feature (sorted by hash, so the same
/// model always makes the same file) its u64 hash and `width` i16 weights (times the scale).
pub fn write_rows(raw: &mut Vec<u8>, rows: &FxHashMap<u64, u32>, values: &[f32], width: usize) {
    let max = values.iter().fold(0f32, |m, v| m.max(v.abs()));
    let scale = if max > 0.0 { max / f32::from(i16::MAX) } else { 1.0 };
    raw.extend_from_slice(&scale.to_le_bytes());
    raw.extend_from_slice(&(rows.len() as u32).to_le_bytes());
    let mut sorted: Vec<(u64, u32)> = rows.iter().map(|(k, v)| (*k, *v)).collect();
    sorted.sort_unstable();
    for (hash, row) in sorted {
        raw.extend_from_slice(&hash.to_le_bytes());
        for w in &values[row as usize * width..(row as usize + 1) * width] {
            let q = (w / scale).round().clamp(f32::from(i16::MIN), f32::from(i16::MAX)) as i16;
            raw.extend_from_slice(&q.to_le_bytes());
        }
    }
}

/// Reads what [`write_rows`] wrote: the rows (hash -> row) and their weights.
pub fn read_rows(r: &mut Reader<'_>, width: usize) -> std::io::Result<(FxHashMap<u64, u32>, Vec<f32>)> {
    let scale = r.f32()?;
    let count = r.u32()? as usize;
    let mut rows = FxHashMap::default();
    // Capacity follows the data actually present, not a count a damaged file may inflate.
    rows.reserve(count.min(r.remaining() / (8 + 2 * width).max(1)));
    let mut values = Vec::with_capacity(rows.capacity() * width);
    for i in 0..count {
        let hash = r.u64()?;
        for _ in 0..width {
            values.push(f32::from(r.i16()?) * scale);
        }
        rows.insert(hash, i as u32);
    }
    Ok((rows, values))
}

/// Little-endian fields from a byte slice; reading past the end is an `UnexpectedEof` error.
pub struct Reader<'a> {
    raw: &'a [u8],
}

impl<'a> Reader<'a> {
    pub fn new(raw: &'a [u8]) -> Self {
        Reader { raw }
    }

    pub fn remaining(&self) -> usize {
        self.raw.len()
    }

    pub fn take(&mut self, n: usize) -> std::io::Result<&'a [u8]> {
        if self.raw.len() < n {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        let (head, tail) = self.raw.split_at(n);
        self.raw = tail;
        Ok(head)
    }

    fn array<const N: usize>(&mut self) -> std::io::Result<[u8; N]> {
        let mut out = [0u8; N];
        out.copy_from_slice(self.take(N)?);
        Ok(out)
    }

    pub fn u32(&mut self) -> std::io::Result<u32> {
        Ok(u32::from_le_bytes(self.array()?))
    }

    pub fn u64(&mut self) -> std::io::Result<u64> {
        Ok(u64::from_le_bytes(self.array()?))
    }

    pub fn i16(&mut self) -> std::io::Result<i16> {
        Ok(i16::from_le_bytes(self.array()?))
    }

    pub fn f32(&mut self) -> std::io::Result<f32> {
        Ok(f32::from_bits(self.u32()?))
    }
}
