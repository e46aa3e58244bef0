//! The discounting arithmetic: the weights every discounted value uses, the value of a
//! constant-growth cash flow, and the priced-in growth solve.
//!
//! With `r` the discount rate, `g_T` the terminal growth and `N` the years, a stream of
//! free cash flows `FCF_1..FCF_N` is worth
//!
//! ```text
//! value = Σ_{t=1..N} FCF_t / (1+r)^t + TV / (1+r)^N,   TV = FCF_N (1+g_T) / (r - g_T)
//!       = Σ_{t=1..N} w_t FCF_t,   w_t = (1+r)^-t, plus (1+g_T)/(r-g_T) (1+r)^-N at t = N
//! ```
//!
//! Priced-in growth solves `Σ w_t m R₀ (1+g)^t = target` for `g`. Every weight is
//! positive when `r > g_T > -100%` and `r > -100%`, so with `m R₀ > 0` the left side is
//! a sum of positive multiples of `(1+g)^t`, each strictly increasing in `g` on
//! `g > -100%`: the function is continuous and strictly increasing on the search
//! bracket `[-50%, +200%]`. It therefore has exactly one root in the bracket when its
//! values at the ends straddle the target, and none otherwise ("not reachable");
//! bisection keeps the root inside a bracket that halves every step, so 64 steps pin it
//! far below the 0.1% a sentence shows.

use super::ValuationParams;

/// Lowest growth the priced-in solve searches, per year (a fraction).
pub const GROWTH_SEARCH_LOW: f64 = -0.5;
/// Highest growth the priced-in solve searches, per year (a fraction).
pub const GROWTH_SEARCH_HIGH: f64 = 2.0;
/// Bisection steps: the bracket of 2.5 shrinks to 2.5 / 2^64, below f64 resolution.
const BISECTION_STEPS: u32 = 64;

/// The discount weights `w_1..w_N` (index `t - 1`), the terminal value folded into the
/// last. Callers check the parameters first ([`ValuationParams::check`]).
pub fn weights(p: &ValuationParams) -> Vec<f64> {
    let r = p.discount_pct / 100.0;
    let n = p.years.max(1);
    let mut out = Vec::with_capacity(n as usize);
    let mut d = 1.0;
    for _ in 0..n {
        d /= 1.0 + r;
        out.push(d);
    }
    if let Some(last) = out.last_mut() {
        *last += terminal_weight(p);
    }
    out
}

/// The weight of `FCF_N` that is the terminal value: `(1+g_T)/(r-g_T) (1+r)^-N` (the
/// part of `w_N` beyond plain discounting), for showing the terminal value apart.
pub fn terminal_weight(p: &ValuationParams) -> f64 {
    let r = p.discount_pct / 100.0;
    let g_t = p.terminal_growth_pct / 100.0;
    let mut d = 1.0;
    for _ in 0..p.years.max(1) {
        d /= 1.0 + r;
    }
    (1.0 + g_t) / (r - g_t) * d
}

/// `Σ w_t FCF_t`: the value of a stream of free cash flows (`fcf[t-1]` for year `t`).
pub fn discounted(weights: &[f64], fcf: &[f64]) -> f64 {
    weights.iter().zip(fcf).map(|(w, f)| w * f).sum()
}

/// The value of `FCF_t = m R₀ (1+g)^t`, with `base_fcf = m R₀`.
pub fn value_at_growth(weights: &[f64], base_fcf: f64, g: f64) -> f64 {
    let mut x = base_fcf;
    let mut v = 0.0;
    for w in weights {
        x *= 1.0 + g;
        v += w * x;
    }
    v
}

/// The outcome of the priced-in growth solve.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Solve {
    /// The growth (a fraction per year) whose value equals the target.
    Growth(f64),
    /// Even the highest growth searched is worth less than the target.
    TooHigh {
        /// Value at [`GROWTH_SEARCH_HIGH`].
        at_high: f64,
    },
    /// Even the lowest growth searched is worth more than the target.
    TooLow {
        /// Value at [`GROWTH_SEARCH_LOW`].
        at_low: f64,
    },
}

/// Solves `value_at_growth(weights, base_fcf, g) = target` for `g` in
/// [[`GROWTH_SEARCH_LOW`], [`GROWTH_SEARCH_HIGH`]] by bracketing and bisection.
/// `base_fcf` must be positive (the caller reports a negative cash flow itself).
pub fn solve_growth(weights: &[f64], base_fcf: f64, target: f64) -> Solve {
    let f = |g: f64| value_at_growth(weights, base_fcf, g) - target;
    let (mut lo, mut hi) = (GROWTH_SEARCH_LOW, GROWTH_SEARCH_HIGH);
    let (f_lo, f_hi) = (f(lo), f(hi));
    if f_lo > 0.0 {
        return Solve::TooLow {
            at_low: f_lo + target,
        };
    }
    if f_hi < 0.0 || f_hi.is_nan() {
        return Solve::TooHigh {
            at_high: f_hi + target,
        };
    }
    for _ in 0..BISECTION_STEPS {
        let mid = 0.5 * (lo + hi);
        if mid <= lo || mid >= hi {
            break;
        }
        if f(mid) < 0.0 {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    Solve::Growth(0.5 * (lo + hi))
}
