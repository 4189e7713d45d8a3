//! The model's parameters: a weight row (one weight per label) for each feature hash, and
//! label-to-label transition weights; and their file format.
//!
//! File (gzip of): magic `NGNER002`, u32 pass count (1 or 2), then per pass: u32 label
//! count, transitions as f32 (`(labels + 1) * labels`, the first row for the sentence
//! start), an f32 scale, u32 feature count, then per feature its u64 hash and one i16 per
//! label (times the scale). All little-endian. Quantising to i16 keeps the file small and
//! costs no measurable accuracy.

use crate::model_file::{Reader, gunzip, gzip, read_rows, write_rows};
use rustc_hash::FxHashMap;

use super::labels;

const MAGIC: &[u8; 8] = b"NGNER002";
pub const L: usize = labels::COUNT;

#[derive(Debug, Clone, Default)]
pub struct Weights {
    pub rows: FxHashMap<u64, u32>,
    /// `rows.len() * L` weights.
    pub values: Vec<f32>,
    /// `(L + 1) * L`: row 0 is the sentence start, row `p + 1` the label `p`.
    pub transitions: Vec<f32>,
}

#[derive(Debug, thiserror::Error)]
pub enum ModelFileError {
    #[error("not a newsgraph tagger model (bad header)")]
    BadHeader,
    #[error("the model file is truncated or damaged")]
    Io(#[from] std::io::Error),
    #[error("the embedded tagger model does not load: {0}")]
    Embedded(String),
}

impl Weights {
    pub fn new() -> Weights {
        Weights { rows: FxHashMap::default(), values: Vec::new(), transitions: vec![0.0; (L + 1) * L] }
    }

    /// Adds each feature's row into `scores` (length `L`).
    #[inline]
    pub fn score(&self, features: &[u64], scores: &mut [f32; L]) {
        *scores = [0.0; L];
        for f in features {
            if let Some(&row) = self.rows.get(f) {
                let start = row as usize * L;
                for (s, w) in scores.iter_mut().zip(&self.values[start..start + L]) {
                    *s += w;
                }
            }
        }
    }

    fn write(&self, raw: &mut Vec<u8>) {
        raw.extend_from_slice(&(L as u32).to_le_bytes());
        for t in &self.transitions {
            raw.extend_from_slice(&t.to_le_bytes());
        }
        write_rows(raw, &self.rows, &self.values, L);
    }

    fn read(r: &mut Reader<'_>) -> Result<Weights, ModelFileError> {
        if r.u32()? as usize != L {
            return Err(ModelFileError::BadHeader);
        }
        let mut transitions = Vec::with_capacity((L + 1) * L);
        for _ in 0..(L + 1) * L {
            transitions.push(r.f32()?);
        }
        let (rows, values) = read_rows(r, L)?;
        Ok(Weights { rows, values, transitions })
    }
}

impl Weights {
    /// The mean of several models' weights (a feature missing from one counts as zero there):
    /// models trained on differently shuffled data disagree mostly on noise, which the mean
    /// cancels.
    pub fn mean(models: &[Weights]) -> Weights {
        let mut out = Weights::new();
        let n = models.len().max(1) as f32;
        for m in models {
            for (t, v) in out.transitions.iter_mut().zip(&m.transitions) {
                *t += v / n;
            }
            for (hash, row) in &m.rows {
                let next = out.rows.len() as u32;
                let target = *out.rows.entry(*hash).or_insert(next) as usize;
                if target * L >= out.values.len() {
                    out.values.resize((target + 1) * L, 0.0);
                }
                let source = *row as usize * L;
                for l in 0..L {
                    out.values[target * L + l] += m.values[source + l] / n;
                }
            }
        }
        out
    }
}

/// A trained tagger: the first pass, and the second pass that also reads the first pass's
/// labels of the rest of the document.
#[derive(Debug, Clone, Default)]
pub struct Model {
    pub first: Weights,
    pub second: Option<Weights>,
}

impl Model {
    pub fn to_bytes(&self) -> std::io::Result<Vec<u8>> {
        let mut raw = Vec::new();
        raw.extend_from_slice(MAGIC);
        let passes = [Some(&self.first), self.second.as_ref()];
        raw.extend_from_slice(&(passes.iter().flatten().count() as u32).to_le_bytes());
        for weights in passes.iter().flatten() {
            weights.write(&mut raw);
        }
        gzip(&raw)
    }

    pub fn from_bytes(gz: &[u8]) -> Result<Model, ModelFileError> {
        let raw = gunzip(gz)?;
        let mut r = Reader::new(&raw);
        if r.take(8)? != MAGIC {
            return Err(ModelFileError::BadHeader);
        }
        let passes = r.u32()?;
        if !(1..=2).contains(&passes) {
            return Err(ModelFileError::BadHeader);
        }
        let first = Weights::read(&mut r)?;
        let second = if passes == 2 { Some(Weights::read(&mut r)?) } else { None };
        Ok(Model { first, second })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_model_survives_the_round_trip_and_garbage_is_refused() {
        let mut w = Weights::new();
        w.rows.insert(42, 0);
        w.values = (0..L).map(|i| i as f32 - 3.0).collect();
        w.transitions[5] = -2.5;
        let model = Model { first: Weights::new(), second: Some(w.clone()) };
        let back = Model::from_bytes(&model.to_bytes().expect("encode")).expect("decode");
        let back = back.second.expect("second pass");
        assert_eq!(back.rows, w.rows);
        assert!(back.values.iter().zip(&w.values).all(|(a, b)| (a - b).abs() < 1e-3));
        assert_eq!(back.transitions[5], -2.5);
        assert!(Model::from_bytes(b"not gzip").is_err());
        let bytes = model.to_bytes().expect("encode");
        assert!(Model::from_bytes(&bytes[..bytes.len() / 2]).is_err());
    }
}
