//! The one random source: the operating system's (`getrandom`), for signature nonces, retry jitter and
//! temporary file names.

use std::time::SystemTime;

/// 128 random bits. Should the OS refuse (it does not on any supported system), the clock and std's randomly
/// keyed hasher still make a value that does not repeat.
pub(crate) fn bits() -> u128 {
    let mut bytes = [0u8; 16];
    if getrandom::getrandom(&mut bytes).is_ok() {
        return u128::from_le_bytes(bytes);
    }
    let fallback = |salt: u64| {
        use std::hash::{BuildHasher, RandomState};
        u128::from(RandomState::new().hash_one((SystemTime::now(), salt)))
    };
    fallback(0) << 64 | fallback(1)
}

/// A uniform fraction in [0, 1).
pub(crate) fn fraction() -> f64 {
    // 53 bits fill an f64's mantissa exactly.
    (bits() >> 75) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fractions_stay_in_range_and_differ() {
        let samples: Vec<f64> = (0..100).map(|_| fraction()).collect();
        assert!(samples.iter().all(|f| (0.0..1.0).contains(f)));
        assert!(samples.windows(2).any(|w| w[0].to_bits() != w[1].to_bits()));
    }
}
