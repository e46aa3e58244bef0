//! The charts: one file per chart, each drawing into a `Ui` from model data and options.
//!
//! A chart knows nothing of the window, dialogs or files, so the dashboard, the export
//! and the tests draw the very same thing. Shared here: the input bundle, whole-year
//! axes and money/percent tick labels in the dataset's own units.

pub mod legend;
pub mod margins;
pub mod revenue_growth;
pub mod segment_mix;
pub mod theme;
pub mod tornado;

use std::ops::RangeInclusive;

use egui_plot::{GridInput, GridMark};

use crate::model::scenario::Projection;
use crate::model::{Dataset, Metrics, format};
pub use theme::Theme;

/// Everything a chart reads: the dataset, its metrics, the projection (if a scenario is
/// active) and the theme.
#[derive(Clone, Copy)]
pub struct ChartInput<'a> {
    /// The dataset.
    pub dataset: &'a Dataset,
    /// Its metrics.
    pub metrics: &'a Metrics,
    /// Projected years to draw after the actuals.
    pub projection: Option<&'a Projection>,
    /// Colours.
    pub theme: Theme,
    /// Whether hover readouts are shown (off for export).
    pub interactive: bool,
}

impl ChartInput<'_> {
    /// First year and last (projected, if any) year drawn.
    pub fn x_span(&self) -> (f64, f64) {
        let (a, b) = self.dataset.year_span();
        let end = self
            .projection
            .and_then(|p| p.years.last())
            .map_or(b, |y| y.year);
        (f64::from(a), f64::from(end))
    }

    /// The shaded projection span, from half a year after the last actual.
    pub fn projection_range(&self) -> Option<(f64, f64)> {
        let p = self.projection?;
        let last = p.years.last()?;
        Some((f64::from(p.base_year) + 0.5, f64::from(last.year) + 0.5))
    }

    /// A money tick label in the dataset's currency and scale.
    pub fn money(&self, v: f64) -> String {
        format::money(v, &self.dataset.currency, self.dataset.scale)
    }
}

/// Grid marks on whole years only (never "2023.5"), thicker every 5 and 10 years.
pub fn year_marks(input: GridInput) -> Vec<GridMark> {
    let (lo, hi) = input.bounds;
    if !(lo.is_finite() && hi.is_finite()) || hi - lo > 500.0 {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut y = lo.ceil();
    while y <= hi {
        let step_size = if y % 10.0 == 0.0 {
            10.0
        } else if y % 5.0 == 0.0 {
            5.0
        } else {
            1.0
        };
        out.push(GridMark { value: y, step_size });
        y += 1.0;
    }
    out
}

/// A year tick label: whole years only.
pub fn year_label(mark: GridMark, _range: &RangeInclusive<f64>) -> String {
    if mark.value.fract() == 0.0 {
        format!("{:.0}", mark.value)
    } else {
        String::new()
    }
}

/// Percent tick label for values already in percent units.
pub fn percent_label(mark: GridMark, _range: &RangeInclusive<f64>) -> String {
    let v = mark.value;
    let decimals = if mark.step_size >= 1.0 { 0 } else { 1 };
    format!("{v:.decimals$}%")
}

/// Year under the pointer, if it is one of `years`.
pub fn hovered_year(x: f64, years: impl IntoIterator<Item = i32>) -> Option<i32> {
    let rounded = x.round();
    years.into_iter().find(|y| f64::from(*y) == rounded)
}

/// Bar width that looks deliberate: one or two years get slim bars centred in a padded
/// axis instead of a lone sliver filling the plot.
pub const BAR_WIDTH: f64 = 0.7;

/// Padding in years around the drawn span, so one- and two-year datasets do not fill the
/// plot edge to edge.
pub fn x_padding(span_years: f64) -> f64 {
    if span_years < 3.0 { 1.2 } else { 0.6 }
}
