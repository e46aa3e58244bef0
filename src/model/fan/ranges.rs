//! Each lever's range for the fan of outcomes: low, most likely (the scenario's value)
//! and high.
//!
//! Where a range comes from, in order:
//! 1. **stated**: a watch item of the dataset gives `ranges: [(lever: ..., low: ...,
//!    high: ...)]`; if the slider sits outside it, a range of the same width is
//!    centred on the slider (the stated width is the uncertainty; the slider says where
//!    the user expects the lever: stretching the range to the slider would put the
//!    scenario at the fan's edge, outside its p10-p90);
//! 2. **history**: half the spread (max - min) of the lever's last five yearly values
//!    (a young company's early years, +100% growth or -60% FCF margins, say little about
//!    the next ones), on each
//!    side of the scenario's value, when the dataset has at least two of them: yearly
//!    growth for growth levers (the allocated segments' for the unallocated remainder),
//!    yearly levels for margins and cost shares, yearly changes in percentage points for
//!    the operating-margin change;
//! 3. **default**, on each side: growth ±5 pp/yr, margins and cost shares ±2 pp,
//!    operating-margin change ±0.5 pp/yr, net-to-operating ±10 pp.
//!
//! Ends are clamped to the lever's hard limits.

use crate::model::dataset::{Dataset, Lever};
use crate::model::metrics::Metrics;
use crate::model::scenario::{Scenario, clamp_lever, lever_history, levers_in_use};

/// Default half-width of a growth lever's range, pp per year.
pub const DEFAULT_GROWTH_SPREAD: f64 = 5.0;
/// Default half-width of a margin or cost-share lever's range, pp.
pub const DEFAULT_MARGIN_SPREAD: f64 = 2.0;
/// Default half-width of the operating-margin change's range, pp per year.
pub const DEFAULT_OM_CHANGE_SPREAD: f64 = 0.5;
/// Default half-width of the net-to-operating share's range, pp.
pub const DEFAULT_NET_SHARE_SPREAD: f64 = 10.0;
/// Yearly values needed before a range is taken from history.
pub const MIN_HISTORY: usize = 2;

/// Where a range comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum BandSource {
    /// Stated by the watch item with this title.
    Stated(String),
    /// Half the spread of `count` yearly values from `first` to `last`.
    History {
        /// Number of yearly values.
        count: usize,
        /// First year with a value.
        first: i32,
        /// Last year with a value.
        last: i32,
    },
    /// The documented default.
    Default,
}

impl BandSource {
    /// A few words for a table or hover: "stated in \"Competition\"", "history
    /// 2019-2025 (6 values)", "default".
    pub fn describe(&self) -> String {
        match self {
            BandSource::Stated(item) => format!("stated in \"{item}\""),
            BandSource::History { count, first, last } => {
                format!("history {first}-{last} ({count} values)")
            }
            BandSource::Default => "default".to_owned(),
        }
    }
}

/// A lever's range for the fan.
#[derive(Debug, Clone, PartialEq)]
pub struct Band {
    /// The lever drawn from.
    pub lever: Lever,
    /// Lowest value drawn.
    pub low: f64,
    /// Most likely value: the scenario's.
    pub likely: f64,
    /// Highest value drawn.
    pub high: f64,
    /// Where the range comes from.
    pub source: BandSource,
}

/// The default half-width of `lever`'s range.
pub fn default_spread(lever: &Lever) -> f64 {
    match lever {
        l if l.is_growth() => DEFAULT_GROWTH_SPREAD,
        Lever::OperatingMarginChange => DEFAULT_OM_CHANGE_SPREAD,
        Lever::NetToOperating => DEFAULT_NET_SHARE_SPREAD,
        _ => DEFAULT_MARGIN_SPREAD,
    }
}

/// How many of the latest yearly values a history range is taken from.
pub const HISTORY_YEARS: usize = 5;

/// The range the dataset states for `lever`, with the item's title.
fn stated<'a>(dataset: &'a Dataset, lever: &Lever) -> Option<(&'a str, f64, f64)> {
    dataset.watch.iter().find_map(|item| {
        item.ranges
            .iter()
            .find(|r| r.lever == *lever)
            .map(|r| (item.title.as_str(), r.low, r.high))
    })
}

/// The range of one lever around `value` (the scenario's).
pub fn band(dataset: &Dataset, m: &Metrics, lever: &Lever, value: f64) -> Band {
    let (low, high, source) = if let Some((item, low, high)) = stated(dataset, lever) {
        let (low, high) = if (low..=high).contains(&value) {
            (low, high)
        } else {
            let half = (high - low) / 2.0;
            (value - half, value + half)
        };
        (low, high, BandSource::Stated(item.to_owned()))
    } else {
        let all = lever_history(dataset, m, lever);
        let h = all
            .get(all.len().saturating_sub(HISTORY_YEARS)..)
            .unwrap_or_default();
        let lo = h.iter().map(|(_, v)| *v).fold(f64::INFINITY, f64::min);
        let hi = h.iter().map(|(_, v)| *v).fold(f64::NEG_INFINITY, f64::max);
        let spread = (hi - lo) / 2.0;
        match (h.first(), h.last()) {
            (Some(&(first, _)), Some(&(last, _)))
                if h.len() >= MIN_HISTORY && spread > 0.0 && spread.is_finite() =>
            {
                (
                    value - spread,
                    value + spread,
                    BandSource::History {
                        count: h.len(),
                        first,
                        last,
                    },
                )
            }
            _ => {
                let s = default_spread(lever);
                (value - s, value + s, BandSource::Default)
            }
        }
    };
    Band {
        lever: lever.clone(),
        low: clamp_lever(lever, low),
        likely: clamp_lever(lever, value),
        high: clamp_lever(lever, high),
        source,
    }
}

/// The range of every lever that moves `scenario` (levers it holds but does not use
/// are left out: drawing them would change nothing).
pub fn bands(dataset: &Dataset, m: &Metrics, scenario: &Scenario) -> Vec<Band> {
    levers_in_use(dataset, scenario)
        .into_iter()
        .filter_map(|l| {
            let v = *scenario.levers.get(&l)?;
            Some(band(dataset, m, &l, v))
        })
        .collect()
}
