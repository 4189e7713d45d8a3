//! Feature hashing for the trained models (entity tagger, attribution labeller): features are
//! 64-bit hashes of a template id and the values it combines, so extracting them allocates
//! nothing and a model maps hashes to weight rows. Also the seeded shuffle their training
//! uses.

/// Combines two hashes (order matters).
#[inline]
pub fn mix(a: u64, b: u64) -> u64 {
    (a.rotate_left(26) ^ b).wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ (b >> 29)
}

/// FNV-1a over the bytes, then mixed: cheap and stable across platforms and versions (the
/// model file depends on it).
#[inline]
pub fn hash_str(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    mix(h, s.len() as u64)
}

/// The hash of a word's character classes (upper, lower, digit, else the character itself),
/// runs folded, at most six runs: "McCain" is `XxXx`, "U.S." `X.X.`.
pub fn shape_runs_hash(word: &str) -> u64 {
    let mut h = 0u64;
    let mut last = '\0';
    let mut runs = 0;
    for c in word.chars() {
        let class = match c {
            c if c.is_uppercase() => 'X',
            c if c.is_lowercase() => 'x',
            c if c.is_numeric() => 'd',
            c => c,
        };
        if class != last {
            h = mix(h, class as u64);
            last = class;
            runs += 1;
            if runs > 5 {
                break;
            }
        }
    }
    h
}

/// Fisher-Yates with xorshift: reproducible training without a random-number crate.
pub fn shuffle(order: &mut [usize], state: &mut u64) {
    for i in (1..order.len()).rev() {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        let j = (*state % (i as u64 + 1)) as usize;
        order.swap(i, j);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_stable_and_order_sensitive() {
        // The model file stores these hashes: changing the function silently breaks it.
        assert_eq!(hash_str(""), hash_str(""));
        assert_ne!(hash_str("ab"), hash_str("ba"));
        assert_ne!(mix(1, 2), mix(2, 1));
    }
}
