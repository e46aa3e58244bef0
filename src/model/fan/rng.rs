//! A small deterministic random source (SplitMix64) and the two-piece triangular
//! distribution the fan draws levers from (the plain triangular beside it, for
//! comparison). Own code, so a fan never changes with a dependency.

/// SplitMix64 (Steele, Lea and Flood, 2014): a 64-bit state stepped by a constant and
/// mixed; fast, statistically sound for simulation, and reproducible from its seed.
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// A stream starting from `seed`.
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform number in `[0, 1)` (53 random bits).
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }
}

/// The value at cumulative probability `u` (in `[0, 1)`) of the triangular distribution
/// with minimum `a`, mode `c` and maximum `b` (`a <= c <= b`); `c` when the range is
/// empty. Inverse CDF: `a + sqrt(u (b-a)(c-a))` below the mode's probability
/// `(c-a)/(b-a)`, `b - sqrt((1-u)(b-a)(b-c))` above it.
pub fn triangular(u: f64, a: f64, c: f64, b: f64) -> f64 {
    if b <= a {
        return c;
    }
    let c = c.clamp(a, b);
    let fc = (c - a) / (b - a);
    if u < fc {
        a + (u * (b - a) * (c - a)).sqrt()
    } else {
        b - ((1.0 - u) * (b - a) * (b - c)).sqrt()
    }
}

/// The value at cumulative probability `u` (in `[0, 1)`) of the two-piece triangular
/// distribution on `a <= m <= b` whose **median** is `m`: half the probability on a
/// triangle rising from `a` to `m`, half on one falling from `m` to `b`. So a lopsided
/// range (0, 2, 12) keeps the slider's value in the middle of the draws, where the plain
/// [`triangular`] with mode 2 puts only a sixth of them below it. Inverse CDF:
/// `a + (m-a) sqrt(2u)` for `u < 1/2`, `b - (b-m) sqrt(2(1-u))` above; `m` when the range
/// is empty.
pub fn two_piece_triangular(u: f64, a: f64, m: f64, b: f64) -> f64 {
    if b <= a {
        return m;
    }
    let m = m.clamp(a, b);
    if u < 0.5 {
        a + (m - a) * (2.0 * u).sqrt()
    } else {
        b - (b - m) * (2.0 * (1.0 - u)).sqrt()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reference outputs of SplitMix64 from seed 0 (Vigna's `splitmix64.c`).
    #[test]
    fn splitmix_matches_the_reference_stream() {
        let mut r = SplitMix64::new(0);
        assert_eq!(r.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(r.next_u64(), 0x6E78_9E6A_A1B9_65F4);
        assert_eq!(r.next_u64(), 0x06C4_5D18_8009_454F);
    }

    #[test]
    fn uniforms_stay_in_the_unit_interval() {
        let mut r = SplitMix64::new(42);
        for _ in 0..10_000 {
            let u = r.next_f64();
            assert!((0.0..1.0).contains(&u), "{u}");
        }
    }

    /// Hand-worked: a = 0, c = 1, b = 4. F(c) = 1/4. u = 1/16 < 1/4 gives
    /// sqrt(1/16 * 4 * 1) = 0.5; u = 1/4 gives the mode 1; u = 0.75 gives
    /// 4 - sqrt(0.25 * 4 * 3) = 4 - sqrt(3).
    #[test]
    fn triangular_inverse_cdf_by_hand() {
        assert_eq!(triangular(1.0 / 16.0, 0.0, 1.0, 4.0), 0.5);
        assert_eq!(triangular(0.25, 0.0, 1.0, 4.0), 1.0);
        assert!((triangular(0.75, 0.0, 1.0, 4.0) - (4.0 - 3f64.sqrt())).abs() < 1e-15);
        assert_eq!(
            triangular(0.3, 2.0, 2.0, 2.0),
            2.0,
            "an empty range is its mode"
        );
        assert_eq!(triangular(0.0, 0.0, 1.0, 4.0), 0.0, "u = 0 is the minimum");
    }

    /// The mean of a triangular distribution is (a + b + c) / 3: 0 + 1 + 4 -> 5/3.
    #[test]
    fn triangular_draws_have_the_right_mean() {
        let mut r = SplitMix64::new(7);
        let n = 200_000;
        let mean = (0..n)
            .map(|_| triangular(r.next_f64(), 0.0, 1.0, 4.0))
            .sum::<f64>()
            / f64::from(n);
        assert!((mean - 5.0 / 3.0).abs() < 0.01, "{mean}");
    }
}
