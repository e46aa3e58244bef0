//! The charts: one file per chart, each drawing into a `Ui` from model data and options.
//!
//! A chart knows nothing of the window, dialogs or files, so the dashboard, the export
//! and the tests draw the very same thing. Shared here: the input bundle, the helpers
//! every chart draws its series with, and money/percent tick labels in the dataset's own
//! units; the axes are in [`axes`].

pub mod axes;
pub mod fan;
pub mod frame;
pub mod kind;
pub mod kpi;
pub mod legend;
pub mod margins;
pub mod marks;
pub mod projection;
pub mod report;
pub mod revenue_growth;
pub mod segment_mix;
pub mod theme;
pub mod tornado;

use std::ops::RangeInclusive;

use egui_plot::GridMark;

use crate::model::scenario::Projection;
use crate::model::{Dataset, Metrics, format};
pub use axes::PlotSpec;
pub use kind::ChartKind;
pub use theme::Theme;

/// Everything a chart reads: the dataset, its metrics, the projection (if a scenario is
/// active) and the theme.
#[derive(Clone, Copy)]
pub struct ChartInput<'a> {
    /// The dataset drawn (titles, units, actual years).
    pub dataset: &'a Dataset,
    /// Its metrics (growth, shares, margins), computed once per load.
    pub metrics: &'a Metrics,
    /// Projected years to draw after the actuals.
    pub projection: Option<&'a Projection>,
    /// The theme every colour comes from (light for exports unless asked).
    pub theme: Theme,
    /// Whether hover readouts are shown (off for export).
    pub interactive: bool,
    /// A second company overlaid on the percentage charts ("Compare with...").
    pub compare: Option<Compared<'a>>,
    /// The fan of outcomes around the projection, when it is shown.
    pub fan: Option<fan::FanShown<'a>>,
}

/// The compared company's data.
#[derive(Clone, Copy)]
pub struct Compared<'a> {
    /// The compared company's dataset.
    pub dataset: &'a Dataset,
    /// The compared company's metrics.
    pub metrics: &'a Metrics,
    /// Where it came from ("ericsson.ron"), for the legend's hover.
    pub origin: &'a str,
}

impl Compared<'_> {
    /// The compared company's legend entry name, beside the dataset `own` on screen
    /// (see [`frame::compared_name`]): the key its series record.
    pub fn key(&self, own: &str) -> String {
        frame::compared_name(own, &self.dataset.company, self.origin)
    }
}

impl ChartInput<'_> {
    /// The years this dataset's charts draw: actual years, then projected ones.
    pub fn years(&self) -> Vec<i32> {
        let mut years: Vec<i32> = self.metrics.years.iter().map(|y| y.year).collect();
        if let Some(p) = self.projection {
            years.extend(p.years.iter().map(|y| y.year));
        }
        years
    }

    /// [`Self::years`] and the compared company's years, sorted, each once.
    pub fn years_with_compare(&self) -> Vec<i32> {
        let mut years = self.years();
        if let Some(c) = self.compare {
            years.extend(c.metrics.years.iter().map(|y| y.year));
        }
        years.sort_unstable();
        years.dedup();
        years
    }

    /// The shaded projection span, from half a year after the last actual. None in
    /// compare mode: a span behind the whole plot would also cover the compared
    /// company's actual years (its projections are marked by dashed lines alone).
    pub fn projection_range(&self) -> Option<(f64, f64)> {
        /// Years past the last projected year, beyond any plot's padding.
        const PAST_ANY_PAD: f64 = 50.0;
        if self.compare.is_some() {
            return None;
        }
        let p = self.projection?;
        let last = p.years.last()?;
        // To the plot's right edge (the plot clips it): ending half a year after the last
        // projected year left an unshaded strip in the padding that read as actual years.
        Some((
            f64::from(p.base_year) + 0.5,
            f64::from(last.year) + PAST_ANY_PAD,
        ))
    }

    /// A money tick label in the dataset's currency and scale.
    pub fn money(&self, v: f64) -> String {
        format::money(v, &self.dataset.currency, self.dataset.scale)
    }
}

/// Percent tick label for values already in percent units.
pub fn percent_label(mark: GridMark, _range: &RangeInclusive<f64>) -> String {
    let v = mark.value;
    let decimals = if mark.step_size >= 1.0 { 0 } else { 1 };
    format!("{v:.decimals$}%")
}

/// Shows a plot built from `spec` and records its frame and years for the layout check
/// ([`marks`]).
pub fn show_plot<'a, R>(
    ui: &mut egui::Ui,
    spec: &PlotSpec,
    plot: egui_plot::Plot<'a>,
    build: impl FnOnce(&mut egui_plot::PlotUi<'a>) -> R + 'a,
) -> egui_plot::PlotResponse<R> {
    let bounds = spec.bounds();
    let resp = plot.show(ui, move |p| {
        p.set_plot_bounds(bounds);
        build(p)
    });
    // A plot scrolled partly out of view (in a scroll area) is not on screen to check. A
    // plot that fills its cell ends where the clip does, but for float rounding: a tenth
    // of a point of slack keeps it (the dashboard page's right column was dropped).
    if ui.clip_rect().expand(0.1).contains_rect(resp.response.rect) {
        marks::record(
            ui.ctx(),
            marks::Mark::PlotFrame(resp.response.rect, spec.years.clone()),
        );
    }
    resp
}

/// How a series is drawn: colour, line width, marker radius.
#[derive(Debug, Clone, Copy)]
pub struct Pen {
    /// The colour, from the theme.
    pub color: egui::Color32,
    /// Line width in points.
    pub width: f32,
    /// Marker radius in points (0 for none).
    pub marker: f32,
}

/// Draws one series: actual points as a solid line with markers, projected points (which
/// start at the last actual one) dashed, with hollow markers. The solid line breaks where
/// a year is missing (2021, then 2023): a line across the gap would draw a 2022 the data
/// does not have.
/// Lines are clipped to the plot's `band`, so none is longer than the pixels allow.
pub fn series_lines(
    p: &mut egui_plot::PlotUi<'_>,
    band: axes::Band,
    name: &str,
    pen: Pen,
    actual: Vec<[f64; 2]>,
    projected: Vec<[f64; 2]>,
) {
    use egui_plot::{Line, LineStyle, MarkerShape, PlotPoints, Points};
    for run in consecutive_runs(&actual) {
        p.line(
            Line::new(name.to_owned(), PlotPoints::from(band.clip(run)))
                .color(pen.color)
                .width(pen.width)
                .allow_hover(false),
        );
    }
    if pen.marker > 0.0 {
        p.points(
            Points::new(name.to_owned(), PlotPoints::from(actual))
                .color(pen.color)
                .radius(pen.marker)
                .shape(MarkerShape::Circle)
                .allow_hover(false),
        );
    }
    if projected.len() > 1 {
        p.line(
            Line::new(
                format!("{name} (projected)"),
                PlotPoints::from(band.clip(&projected)),
            )
            .color(pen.color)
            .width(pen.width)
            .style(LineStyle::Dashed { length: 8.0 })
            .allow_hover(false),
        );
    }
}

/// `points` (by year, ascending) cut where a year is missing between two of them.
pub fn consecutive_runs(points: &[[f64; 2]]) -> impl Iterator<Item = &[[f64; 2]]> {
    points.chunk_by(|a, b| b[0] - a[0] <= 1.0 + 1e-9)
}

/// The actual points of a series and its projected points (from the last actual one,
/// so the dashed line joins the solid one); `None` values are left out. The dashed line
/// starts from the last actual year only if that year has a value: it never reaches back
/// over a year without one (growth after a gap), which would look as though the
/// projection started earlier.
pub fn split_points(
    points: impl IntoIterator<Item = (i32, Option<f64>, bool)>,
) -> (Vec<[f64; 2]>, Vec<[f64; 2]>) {
    let mut actual: Vec<[f64; 2]> = Vec::new();
    let mut projected = Vec::new();
    let mut last_actual_year = None;
    for (year, value, is_projected) in points {
        if !is_projected {
            last_actual_year = Some(f64::from(year));
        }
        let Some(v) = value.filter(|v| v.is_finite()) else {
            continue;
        };
        let pt = [f64::from(year), v];
        if is_projected {
            if projected.is_empty()
                && let Some(last) = actual.last()
                && Some(last[0]) == last_actual_year
            {
                projected.push(*last);
            }
            projected.push(pt);
        } else {
            actual.push(pt);
        }
    }
    if projected.len() < 2 {
        projected.clear();
    }
    (actual, projected)
}

/// The lowest and highest value of some point lists, with 0 if `with_zero`.
pub fn value_range<'p>(
    lists: impl IntoIterator<Item = &'p [[f64; 2]]>,
    with_zero: bool,
) -> (f64, f64) {
    let mut lo = if with_zero { 0.0 } else { f64::INFINITY };
    let mut hi = if with_zero { 0.0 } else { f64::NEG_INFINITY };
    for pts in lists {
        for [_, v] in pts {
            if v.is_finite() {
                lo = lo.min(*v);
                hi = hi.max(*v);
            }
        }
    }
    (lo, hi)
}

/// Shades the projected years, when a projection is drawn (not in compare mode). The
/// span has no label: the legend's "Projected" entry explains the shading, and a label
/// inside the plot would be printed over the data.
pub fn projection_span(p: &mut egui_plot::PlotUi<'_>, input: &ChartInput) {
    if let Some((a, b)) = input.projection_range() {
        p.add(
            egui_plot::Span::new("", a..=b)
                .fill(input.theme.projection_span())
                .border_width(0.0),
        );
    }
}

/// Draws the compared company's series: dotted, diamond markers; the line clipped to
/// the plot's `band`. Records it for legend entry `key` of `chart` (a dotted line in
/// `color`), so a test can hold the legend's swatch to what is drawn.
pub fn compared_line(
    p: &mut egui_plot::PlotUi<'_>,
    band: axes::Band,
    (chart, key): (ChartKind, &str),
    name: &str,
    color: egui::Color32,
    width: f32,
    pts: Vec<[f64; 2]>,
) {
    use egui_plot::{Line, LineStyle, MarkerShape, PlotPoints, Points};
    marks::record(
        p.ctx(),
        marks::Mark::Series {
            chart,
            key: key.to_owned(),
            swatch: legend::Swatch::Dotted,
            color,
        },
    );
    p.line(
        Line::new(name.to_owned(), PlotPoints::from(band.clip(&pts)))
            .color(color)
            .width(width)
            .style(LineStyle::Dotted { spacing: 5.0 })
            .allow_hover(false),
    );
    p.points(
        Points::new(name.to_owned(), PlotPoints::from(pts))
            .color(color)
            .radius(3.5)
            .shape(MarkerShape::Diamond)
            .allow_hover(false),
    );
}

/// Records bars drawn for legend entry `key` of `chart` in `color`
/// ([`marks::Mark::Series`]).
pub fn record_series(ctx: &egui::Context, (chart, key): (ChartKind, String), color: egui::Color32) {
    let swatch = legend::Swatch::Fill;
    marks::record(
        ctx,
        marks::Mark::Series {
            chart,
            key,
            swatch,
            color,
        },
    );
}

/// Year under the pointer, if it is one of `years`.
pub fn hovered_year(x: f64, years: impl IntoIterator<Item = i32>) -> Option<i32> {
    let rounded = x.round();
    years.into_iter().find(|y| f64::from(*y) == rounded)
}

/// Bar width that looks deliberate: one or two years get slim bars centred in a padded
/// axis instead of a lone sliver filling the plot.
pub const BAR_WIDTH: f64 = 0.7;

/// `text` laid out on one line at most `max_width` points wide, ending in "…" when it is
/// longer: for labels painted into a fixed space (tornado rows, the dashboard page).
pub fn one_line(
    ui: &egui::Ui,
    text: &str,
    font: &egui::FontId,
    max_width: f32,
    color: egui::Color32,
) -> std::sync::Arc<egui::Galley> {
    let mut job = egui::text::LayoutJob::simple_singleline(text.to_owned(), font.clone(), color);
    job.wrap = egui::text::TextWrapping {
        max_width,
        max_rows: 1,
        break_anywhere: true,
        overflow_character: Some('…'),
    };
    ui.fonts_mut(|f| f.layout_job(job))
}

#[cfg(test)]
mod tests {
    use super::split_points;

    #[test]
    fn a_line_breaks_where_a_year_is_missing() {
        let pts = [
            [2019.0, 1.0],
            [2020.0, 2.0],
            [2021.0, 3.0],
            [2023.0, 4.0],
            [2024.0, 5.0],
        ];
        let runs: Vec<&[[f64; 2]]> = super::consecutive_runs(&pts).collect();
        assert_eq!(runs, vec![&pts[..3], &pts[3..]]);
        assert_eq!(super::consecutive_runs(&[]).count(), 0);
        assert_eq!(super::consecutive_runs(&pts[..1]).count(), 1);
    }

    #[test]
    fn the_dashed_line_joins_the_last_actual_year_only() {
        // Growth: 2021 has a value, 2023 none (no 2022 before it), then 2024-2025
        // projected. The dashed line must not reach back to 2021.
        let (actual, projected) = split_points([
            (2021, Some(12.5), false),
            (2023, None, false),
            (2024, Some(0.0), true),
            (2025, Some(1.0), true),
        ]);
        assert_eq!(actual, vec![[2021.0, 12.5]]);
        assert_eq!(projected, vec![[2024.0, 0.0], [2025.0, 1.0]]);
        // With a value in the last actual year it joins it.
        let (_, projected) = split_points([(2023, Some(5.0), false), (2024, Some(6.0), true)]);
        assert_eq!(projected, vec![[2023.0, 5.0], [2024.0, 6.0]]);
    }
}
