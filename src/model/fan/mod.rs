//! Uncertainty: a fan of outcomes around the scenario, by Monte Carlo.
//!
//! Each lever that moves the scenario gets a range ([`ranges`]: low, the scenario's
//! value, high) and is drawn from the two-piece triangular distribution on it whose
//! median is the scenario's value ([`two_piece_triangular`]: half the draws below the
//! slider, half above, however lopsided the range, so the fan's median is the scenario,
//! give or take the interplay of levers: tests/fan_centred.rs holds it within 2% for
//! every shipped preset), **independently of the other levers** (no correlation: in reality a fast-growing
//! segment and a rising margin often go together, so the true fan may be wider). Every
//! draw is projected with the scenario's own formulas (the engine of
//! [`crate::model::scenario`]), giving revenue and free cash flow per projected year and
//! the scenario value (discounted free cash flow plus terminal value plus net cash, as
//! in [`crate::model::valuation`]).
//!
//! Draws whose figures overflow (only absurd inputs, near the largest `f64`) are left
//! out of the percentiles and counted, never shown as infinity or NaN.
//!
//! [`DRAWS`] draws from a fixed seed ([`SEED`], a SplitMix64 stream): the same inputs
//! always give the same fan. Percentiles are nearest-rank: `p` is the
//! `ceil(p * n)`-th smallest of `n` outcomes. The market cap's place among the values is
//! `100 * (outcomes below + half of those equal) / n`.

pub mod ranges;
mod rng;

use crate::model::dataset::Dataset;
use crate::model::format;
use crate::model::metrics::Metrics;
use crate::model::scenario::{Engine, MAX_HORIZON, Scenario, Slot};
use crate::model::valuation::{self, ValuationParams, solve};

pub use ranges::{Band, BandSource, band, bands};
pub use rng::{SplitMix64, triangular, two_piece_triangular};

/// Draws per fan.
pub const DRAWS: usize = 2000;
/// The fixed seed ("moneymap" in ASCII).
pub const SEED: u64 = 0x6d6f_6e65_796d_6170;

/// The hover text that says how the fan is drawn.
pub const INDEPENDENCE_NOTE: &str = "Each lever is drawn independently from its range, \
    half the draws between its low end and the slider's value and half between the value \
    and its high end (a two-piece triangular with the slider's value as its median), so \
    the dotted median is your scenario; 2,000 seeded draws. Levers often move together in \
    reality (faster growth with better margins), so the true spread may be wider.";

/// How the fan is drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FanParams {
    /// Number of draws.
    pub draws: usize,
    /// Seed of the random stream.
    pub seed: u64,
    /// Valuation parameters for the distribution of values.
    pub valuation: ValuationParams,
}

impl Default for FanParams {
    fn default() -> Self {
        Self {
            draws: DRAWS,
            seed: SEED,
            valuation: ValuationParams::default(),
        }
    }
}

/// The 10th, 50th and 90th percentiles of some outcomes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Percentiles {
    /// 10th percentile.
    pub p10: f64,
    /// The median (p50).
    pub p50: f64,
    /// 90th percentile.
    pub p90: f64,
}

/// The fan in one projected year.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FanYear {
    /// The projected fiscal year.
    pub year: i32,
    /// Revenue's percentiles that year.
    pub revenue: Percentiles,
    /// Free cash flow, when the scenario projects it.
    pub free_cash_flow: Option<Percentiles>,
    /// Draws left out because a figure overflowed (only absurd inputs, near 1e308).
    pub overflowed: usize,
}

/// The distribution of the scenario value.
#[derive(Debug, Clone, PartialEq)]
pub struct ValueSpread {
    /// Percentiles of the value (an equity value, like the market cap).
    pub value: Percentiles,
    /// The market cap, when the dataset has a positive one.
    pub market_cap: Option<f64>,
    /// Where the market cap sits among the outcomes, 0 to 100.
    pub market_cap_percentile: Option<f64>,
}

/// A fan of outcomes.
#[derive(Debug, Clone, PartialEq)]
pub struct Fan {
    /// Draws made.
    pub draws: usize,
    /// Seed used.
    pub seed: u64,
    /// The range of each lever drawn.
    pub bands: Vec<Band>,
    /// Percentiles per projected year.
    pub years: Vec<FanYear>,
    /// The distribution of the value, or why there is none.
    pub value: Result<ValueSpread, String>,
}

/// Moves the finite values of `x` to its front and returns how many there are.
fn finite_first(x: &mut [f64]) -> usize {
    let mut n = 0;
    for i in 0..x.len() {
        if x[i].is_finite() {
            x.swap(n, i);
            n += 1;
        }
    }
    n
}

/// Nearest-rank percentiles of the finite values of `x` (reordered in place).
fn finite_percentiles(x: &mut [f64]) -> Option<Percentiles> {
    let n = finite_first(x);
    percentiles(x.get_mut(..n)?)
}

/// Nearest-rank percentiles of `x` (reordered in place); `None` when empty.
pub fn percentiles(x: &mut [f64]) -> Option<Percentiles> {
    let n = x.len();
    if n == 0 {
        return None;
    }
    let rank = |p: f64| ((p * n as f64).ceil() as usize).clamp(1, n) - 1;
    let (i10, i50, i90) = (rank(0.1), rank(0.5), rank(0.9));
    let (lo, p50, hi) = x.select_nth_unstable_by(i50, f64::total_cmp);
    let p50 = *p50;
    let p10 = if i10 < i50 {
        *lo.select_nth_unstable_by(i10, f64::total_cmp).1
    } else {
        p50
    };
    let p90 = if i90 > i50 {
        *hi.select_nth_unstable_by(i90 - i50 - 1, f64::total_cmp).1
    } else {
        p50
    };
    Some(Percentiles { p10, p50, p90 })
}

/// Where `target` sits among `x`, 0 to 100: the share below it, ties counted half.
pub fn percentile_of(x: &[f64], target: f64) -> Option<f64> {
    if x.is_empty() {
        return None;
    }
    let below = x.iter().filter(|v| **v < target).count() as f64;
    let equal = x.iter().filter(|v| **v == target).count() as f64;
    Some(100.0 * (below + 0.5 * equal) / x.len() as f64)
}

/// Draws the fan of `scenario`.
pub fn fan(dataset: &Dataset, m: &Metrics, scenario: &Scenario, params: &FanParams) -> Fan {
    let bands = bands(dataset, m, scenario);
    let mut out = Fan {
        draws: params.draws,
        seed: params.seed,
        bands,
        years: vec![],
        value: Err("the dataset has no years".to_owned()),
    };
    let Some(engine) = Engine::new(dataset, m, scenario) else {
        return out;
    };
    let h = scenario.horizon_years.clamp(1, MAX_HORIZON);
    let valuation_ok = params.valuation.check();
    let n_val = if valuation_ok.is_ok() {
        params.valuation.years
    } else {
        0
    };
    let span = h.max(n_val);
    let weights = if n_val > 0 {
        solve::weights(&params.valuation)
    } else {
        vec![]
    };
    let base = engine.drivers(&scenario.levers);
    let has_fcf = engine.fcf_margin(&base, 1).is_some();
    let drawn: Vec<(f64, f64, f64, Slot)> = out
        .bands
        .iter()
        .filter_map(|b| Some((b.low, b.likely, b.high, engine.slot(&b.lever)?)))
        .collect();
    let n = params.draws;
    let hs = h as usize;
    let mut rev = vec![0.0; hs * n];
    let mut fcf = vec![0.0; if has_fcf { hs * n } else { 0 }];
    let mut values = Vec::with_capacity(if has_fcf { n } else { 0 });
    let net_cash = dataset
        .market_cap
        .as_ref()
        .and_then(|mc| mc.net_cash)
        .unwrap_or(0.0);
    let mut rng = SplitMix64::new(params.seed);
    let mut d = base.clone();
    let mut cur = Vec::with_capacity(engine.series.len());
    for k in 0..n {
        for &(low, likely, high, slot) in &drawn {
            d.set(
                slot,
                two_piece_triangular(rng.next_f64(), low, likely, high),
            );
        }
        let mut value = 0.0;
        engine.run(&d, span, &mut cur, |t, r, _| {
            let i = t as usize - 1;
            let f = engine.fcf_margin(&d, t).map(|fm| fm * r);
            if i < hs {
                rev[i * n + k] = r;
                if let Some(f) = f {
                    fcf[i * n + k] = f;
                }
            }
            if let (Some(w), Some(f)) = (weights.get(i), f) {
                value += w * f;
            }
        });
        if has_fcf {
            values.push(value + net_cash);
        }
    }
    out.years = (0..hs)
        .filter_map(|i| {
            let r = rev.get_mut(i * n..(i + 1) * n)?;
            let mut overflowed = n - r.iter().filter(|v| v.is_finite()).count();
            let revenue = finite_percentiles(r)?;
            let free_cash_flow = if has_fcf {
                let f = fcf.get_mut(i * n..(i + 1) * n)?;
                overflowed = overflowed.max(n - f.iter().filter(|v| v.is_finite()).count());
                finite_percentiles(f)
            } else {
                None
            };
            Some(FanYear {
                year: engine.base_year + i32::try_from(i + 1).ok()?,
                revenue,
                free_cash_flow,
                overflowed,
            })
        })
        .collect();
    out.value = match (valuation_ok, has_fcf) {
        (Err(e), _) => Err(e.to_string()),
        (Ok(()), false) => Err(format!(
            "no free cash flow to value: the last year ({}) has no `free_cash_flow`",
            engine.base_year
        )),
        (Ok(()), true) => {
            let market_cap = dataset
                .market_cap
                .as_ref()
                .map(|mc| mc.value)
                .filter(|v| *v > 0.0 && v.is_finite());
            values.retain(|v| v.is_finite());
            let market_cap_percentile = market_cap.and_then(|c| percentile_of(&values, c));
            percentiles(&mut values)
                .map(|value| ValueSpread {
                    value,
                    market_cap,
                    market_cap_percentile,
                })
                .ok_or_else(|| {
                    if n == 0 {
                        "no draws were made".to_owned()
                    } else {
                        "every draw overflowed: the figures are too large to value".to_owned()
                    }
                })
        }
    };
    out
}

impl ValueSpread {
    /// "the market cap ($42.0B) sits at the 83rd percentile of outcomes (p10 $5.1B, p50
    /// $9.0B, p90 $14.2B)", or what to add when there is no market cap.
    pub fn sentence(&self, dataset: &Dataset) -> String {
        let money = |v: f64| format::money(v, &dataset.currency, dataset.scale);
        let spread = format!(
            "p10 {}, p50 {}, p90 {}",
            money(self.value.p10),
            money(self.value.p50),
            money(self.value.p90)
        );
        match (self.market_cap, self.market_cap_percentile) {
            (Some(c), Some(p)) if p <= 0.0 => {
                format!(
                    "the market cap ({}) is below every outcome ({spread})",
                    money(c)
                )
            }
            (Some(c), Some(p)) if p >= 100.0 => {
                format!(
                    "the market cap ({}) is above every outcome ({spread})",
                    money(c)
                )
            }
            (Some(c), Some(p)) => format!(
                "the market cap ({}) sits at the {} percentile of outcomes ({spread})",
                money(c),
                valuation::ordinal(p.round().clamp(1.0, 99.0) as u32)
            ),
            _ => format!(
                "scenario values: {spread} (add a positive `market_cap` to place the price among them)"
            ),
        }
    }
}
