//! The projection's arithmetic, in one place: a dataset's base values resolved once
//! ([`Engine`]), lever values as fractions ([`Drivers`]), and the per-year formulas.
//!
//! The projection, the sensitivity, the valuation and the fan of outcomes all run these
//! same functions, so a formula changes in one place and every result follows. The
//! fan runs them thousands of times per slider move: nothing here allocates per year.

use std::collections::BTreeMap;

use super::{Basis, FALLBACK_GROWTH_PCT, Scenario};
use crate::model::dataset::{Dataset, Lever};
use crate::model::metrics::Metrics;

/// One projected revenue series: a segment present in the last year, the unallocated
/// remainder, or total revenue (no split).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Series {
    /// The growth lever that drives it.
    pub lever: Lever,
    /// Its value in the last actual year.
    pub base: f64,
}

/// Where a lever's value goes in [`Drivers`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Slot {
    /// Growth of the series at this index.
    Growth(usize),
    /// Gross margin.
    Gross,
    /// Operating expenses share.
    Opex,
    /// Operating-margin change per year.
    OmDelta,
    /// Net-to-operating share.
    NetShare,
    /// FCF margin.
    Fcf,
    /// FCF less operating income, share of revenue.
    FcfLessOp,
}

/// A dataset's base values, resolved once per projection.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Engine {
    /// The last actual year.
    pub base_year: i32,
    /// Revenue in the base year, that growth compounds from.
    pub base_revenue: f64,
    /// Segment series first (declaration order), then the unallocated remainder, or the
    /// total alone.
    pub series: Vec<Series>,
    /// How many leading entries of `series` are segments.
    pub n_segments: usize,
    /// Whether the last entry of `series` is the unallocated remainder.
    pub has_unallocated: bool,
    /// Whether revenue is the sum of segments (the last year has a split).
    pub split: bool,
    /// For each declared segment, its index in `series` (when projected).
    pub segment_slot: Vec<Option<usize>>,
    /// The last actual operating margin.
    pub om_base: Option<f64>,
    /// How operating income and FCF are built.
    pub basis: Basis,
}

/// Lever values as fractions (growth as a factor `1 + g`), `None` where the scenario
/// has no such lever.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Drivers {
    /// Growth factor of each series.
    pub factors: Vec<f64>,
    /// Gross margin.
    pub gross: Option<f64>,
    /// Operating expenses share of revenue.
    pub opex: Option<f64>,
    /// Operating-margin change per year.
    pub om_delta: Option<f64>,
    /// Net income / operating income.
    pub net_share: Option<f64>,
    /// FCF margin (`MarginLevers`).
    pub fcf: Option<f64>,
    /// FCF less operating income, share of revenue (`CostStructure`).
    pub fcf_less_op: Option<f64>,
}

impl Engine {
    /// Resolves the base values of `dataset`; `None` for a dataset with no years.
    pub fn new(dataset: &Dataset, m: &Metrics, scenario: &Scenario) -> Option<Engine> {
        let (last_y, last_m) = (dataset.years.last()?, m.years.last()?);
        let split = !last_y.segments.is_empty();
        let mut series = Vec::with_capacity(last_y.segments.len() + 1);
        let mut segment_slot = Vec::with_capacity(dataset.segments.len());
        let mut has_unallocated = false;
        if split {
            for s in &dataset.segments {
                let slot = last_y.segments.get(&s.name).map(|&v| {
                    series.push(Series {
                        lever: Lever::SegmentGrowth(s.name.clone()),
                        base: v,
                    });
                    series.len() - 1
                });
                segment_slot.push(slot);
            }
            if let Some(u) = last_m.unallocated {
                series.push(Series {
                    lever: Lever::UnallocatedGrowth,
                    base: u,
                });
                has_unallocated = true;
            }
        } else {
            segment_slot.resize(dataset.segments.len(), None);
            series.push(Series {
                lever: Lever::RevenueGrowth,
                base: last_y.revenue,
            });
        }
        let n_segments = series.len() - usize::from(has_unallocated);
        Some(Engine {
            base_year: last_y.year,
            base_revenue: last_y.revenue,
            n_segments: if split { n_segments } else { 0 },
            series,
            has_unallocated,
            split,
            segment_slot,
            om_base: last_m.margins.operating,
            basis: Basis::of(dataset, scenario),
        })
    }

    /// Where `lever`'s value goes, if this engine uses it.
    pub fn slot(&self, lever: &Lever) -> Option<Slot> {
        match lever {
            Lever::SegmentGrowth(_) | Lever::UnallocatedGrowth | Lever::RevenueGrowth => self
                .series
                .iter()
                .position(|s| s.lever == *lever)
                .map(Slot::Growth),
            Lever::GrossMargin => Some(Slot::Gross),
            Lever::OperatingExpenses => Some(Slot::Opex),
            Lever::OperatingMarginChange => Some(Slot::OmDelta),
            Lever::NetToOperating => Some(Slot::NetShare),
            Lever::FcfMargin => Some(Slot::Fcf),
            Lever::FcfLessOperating => Some(Slot::FcfLessOp),
        }
    }

    /// The drivers of lever values `levers` (missing growth levers grow by the fallback,
    /// missing margins are `None`).
    pub fn drivers(&self, levers: &BTreeMap<Lever, f64>) -> Drivers {
        let pct = |l: &Lever| levers.get(l).map(|v| v / 100.0);
        Drivers {
            factors: self
                .series
                .iter()
                .map(|s| 1.0 + levers.get(&s.lever).copied().unwrap_or(FALLBACK_GROWTH_PCT) / 100.0)
                .collect(),
            gross: pct(&Lever::GrossMargin),
            opex: pct(&Lever::OperatingExpenses),
            om_delta: pct(&Lever::OperatingMarginChange),
            net_share: pct(&Lever::NetToOperating),
            fcf: pct(&Lever::FcfMargin),
            fcf_less_op: pct(&Lever::FcfLessOperating),
        }
    }

    /// Runs the revenue series for `horizon` years, calling `each(t, revenue, values)`
    /// for `t = 1..=horizon` with every series' value that year. `cur` is scratch space
    /// (reused across calls, so a fan of draws allocates once).
    pub fn run(
        &self,
        d: &Drivers,
        horizon: u32,
        cur: &mut Vec<f64>,
        mut each: impl FnMut(u32, f64, &[f64]),
    ) {
        cur.clear();
        cur.extend(self.series.iter().map(|s| s.base));
        for t in 1..=horizon {
            for (v, f) in cur.iter_mut().zip(&d.factors) {
                *v *= f;
            }
            let revenue = if self.split {
                let segs = cur.get(..self.n_segments).unwrap_or_default();
                let unallocated = if self.has_unallocated {
                    cur.last().copied()
                } else {
                    None
                };
                segs.iter().sum::<f64>() + unallocated.unwrap_or(0.0)
            } else {
                cur.first().copied().unwrap_or(0.0)
            };
            each(t, revenue, cur);
        }
    }

    /// Operating margin in projected year `t` (a fraction).
    pub fn operating_margin(&self, d: &Drivers, t: u32) -> Option<f64> {
        match self.basis {
            Basis::Costs => Some(d.gross? - d.opex?),
            Basis::Margins | Basis::CostsPinned => Some(self.om_base? + f64::from(t) * d.om_delta?),
        }
    }

    /// Free-cash-flow margin in projected year `t` (a fraction).
    pub fn fcf_margin(&self, d: &Drivers, t: u32) -> Option<f64> {
        match self.basis {
            Basis::Margins => d.fcf,
            Basis::Costs | Basis::CostsPinned => {
                Some(self.operating_margin(d, t)? + d.fcf_less_op?)
            }
        }
    }
}

impl Drivers {
    /// Sets the lever in `slot` to `pct` (in the lever's unit, percent).
    pub fn set(&mut self, slot: Slot, pct: f64) {
        let v = pct / 100.0;
        match slot {
            Slot::Growth(i) => {
                if let Some(f) = self.factors.get_mut(i) {
                    *f = 1.0 + v;
                }
            }
            Slot::Gross => self.gross = Some(v),
            Slot::Opex => self.opex = Some(v),
            Slot::OmDelta => self.om_delta = Some(v),
            Slot::NetShare => self.net_share = Some(v),
            Slot::Fcf => self.fcf = Some(v),
            Slot::FcfLessOp => self.fcf_less_op = Some(v),
        }
    }
}
