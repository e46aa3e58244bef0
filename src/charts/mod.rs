//! The charts: one file per chart, each drawing into a `Ui` from model data and options.
//!
//! A chart knows nothing of the window, dialogs or files, so the dashboard, the export
//! and the tests draw the very same thing. Shared here: the input bundle, whole-year
//! axes and money/percent tick labels in the dataset's own units.

pub mod frame;
pub mod kind;
pub mod legend;
pub mod margins;
pub mod marks;
pub mod projection;
pub mod revenue_growth;
pub mod segment_mix;
pub mod theme;
pub mod tornado;

use std::ops::RangeInclusive;

use egui_plot::{GridInput, GridMark};

use crate::model::scenario::Projection;
use crate::model::{Dataset, Metrics, format};
pub use kind::ChartKind;
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
    /// A second company overlaid on the percentage charts ("Compare with...").
    pub compare: Option<Compared<'a>>,
}

/// The compared company's data.
#[derive(Clone, Copy)]
pub struct Compared<'a> {
    /// Its dataset.
    pub dataset: &'a Dataset,
    /// Its metrics.
    pub metrics: &'a Metrics,
    /// Where it came from ("ericsson.ron"), for the legend's hover.
    pub origin: &'a str,
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

    /// First year and last (projected, if any) year drawn.
    pub fn x_span(&self) -> (f64, f64) {
        let (a, b) = self.dataset.year_span();
        let end = self
            .projection
            .and_then(|p| p.years.last())
            .map_or(b, |y| y.year);
        (f64::from(a), f64::from(end))
    }

    /// [`Self::x_span`] widened to the compared company's years (for overlaid charts).
    pub fn x_span_with_compare(&self) -> (f64, f64) {
        let (mut a, mut b) = self.x_span();
        if let Some(c) = self.compare {
            let (ca, cb) = c.dataset.year_span();
            a = a.min(f64::from(ca));
            b = b.max(f64::from(cb));
        }
        (a, b)
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

/// Grid marks on whole years only (never "2023.5"), labelled every year, every other
/// year or every decade as space allows.
pub fn year_marks(input: GridInput) -> Vec<GridMark> {
    let (lo, hi) = input.bounds;
    if !(lo.is_finite() && hi.is_finite()) || hi - lo > 500.0 {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut y = lo.ceil();
    while y <= hi {
        // Nested label levels (every year, even years, decades): each coarser level is a
        // subset of the finer one, so labels thin out evenly and never sit side by side.
        let step_size = if y % 10.0 == 0.0 {
            10.0
        } else if y % 2.0 == 0.0 {
            2.0
        } else {
            1.0
        };
        out.push(GridMark {
            value: y,
            step_size,
        });
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

/// The plot every chart starts from: for reading, not exploring (no pan, zoom or
/// clicks, so a right click reaches the panel's export menu; hover readouts still work),
/// whole-year x axis padded around `x_span`, few round value ticks.
pub fn static_plot<'a>(id: &str, height: f32, x_span: (f64, f64)) -> egui_plot::Plot<'a> {
    let pad = x_padding(x_span.1 - x_span.0);
    egui_plot::Plot::new(id.to_owned())
        .height(height)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .sense(egui::Sense::hover())
        .show_x(false)
        .show_y(false)
        .x_grid_spacer(year_marks)
        .y_grid_spacer(value_marks)
        .custom_x_axes(year_axis())
        .include_x(x_span.0 - pad)
        .include_x(x_span.1 + pad)
}

/// Shows a plot and records its frame and the years it draws for the layout check
/// ([`marks`]).
pub fn show_plot<'a, R>(
    ui: &mut egui::Ui,
    plot: egui_plot::Plot<'a>,
    years: Vec<i32>,
    build: impl FnOnce(&mut egui_plot::PlotUi<'a>) -> R + 'a,
) -> egui_plot::PlotResponse<R> {
    let resp = plot.show(ui, build);
    marks::record(ui.ctx(), marks::Mark::PlotFrame(resp.response.rect, years));
    resp
}

/// Draws one series: actual points as a solid line with markers, projected points (which
/// start at the last actual one) dashed.
pub fn series_lines(
    p: &mut egui_plot::PlotUi<'_>,
    name: &str,
    color: egui::Color32,
    width: f32,
    actual: Vec<[f64; 2]>,
    projected: Vec<[f64; 2]>,
) {
    use egui_plot::{Line, LineStyle, MarkerShape, PlotPoints, Points};
    p.line(
        Line::new(name.to_owned(), PlotPoints::from(actual.clone()))
            .color(color)
            .width(width)
            .allow_hover(false),
    );
    p.points(
        Points::new(name.to_owned(), PlotPoints::from(actual))
            .color(color)
            .radius(3.0)
            .shape(MarkerShape::Circle)
            .allow_hover(false),
    );
    if projected.len() > 1 {
        p.line(
            Line::new(format!("{name} (projected)"), PlotPoints::from(projected))
                .color(color)
                .width(width)
                .style(LineStyle::Dashed { length: 8.0 })
                .allow_hover(false),
        );
    }
}

/// Shades the projected years, when a projection is drawn.
pub fn projection_span(p: &mut egui_plot::PlotUi<'_>, input: &ChartInput) {
    if let Some((a, b)) = input.projection_range() {
        p.add(
            egui_plot::Span::new("Projected", a..=b)
                .fill(input.theme.projection_span())
                .border_width(0.0),
        );
    }
}

/// Draws the compared company's series: dotted, diamond markers.
pub fn compared_line(
    p: &mut egui_plot::PlotUi<'_>,
    name: &str,
    color: egui::Color32,
    width: f32,
    pts: Vec<[f64; 2]>,
) {
    use egui_plot::{Line, LineStyle, MarkerShape, PlotPoints, Points};
    p.line(
        Line::new(name.to_owned(), PlotPoints::from(pts.clone()))
            .color(color)
            .width(width)
            .style(LineStyle::Dotted { spacing: 5.0 })
            .allow_hover(false),
    );
    p.points(
        Points::new(name.to_owned(), PlotPoints::from(pts))
            .color(color)
            .radius(3.0)
            .shape(MarkerShape::Diamond)
            .allow_hover(false),
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

/// Padding in years around the drawn span, so one- and two-year datasets do not fill the
/// plot edge to edge.
pub fn x_padding(span_years: f64) -> f64 {
    if span_years < 3.0 { 1.2 } else { 0.6 }
}

/// Value-axis grid marks at a "nice" step (1, 2 or 5 x 10^k) giving at most four
/// intervals, so tick labels stay far enough apart to be drawn on a short plot.
pub fn value_marks(input: GridInput) -> Vec<GridMark> {
    let (lo, hi) = input.bounds;
    let span = hi - lo;
    if !(lo.is_finite() && hi.is_finite()) || span <= 0.0 {
        return Vec::new();
    }
    // Smallest 1-2-5 step that gives at most four intervals.
    let mut step = 10f64.powf((span / 10.0).log10().floor());
    let mut k = 0;
    while span / step > 4.0 && k < 64 {
        step *= match k % 3 {
            0 | 2 => 2.0,
            _ => 2.5,
        };
        k += 1;
    }
    let mut out = Vec::new();
    let mut k = (lo / step).ceil();
    while k * step <= hi && out.len() < 50 {
        // Snap to avoid -0.0 and 0.30000000000000004-style labels.
        let v = (k * step * 1e9).round() / 1e9;
        out.push(GridMark {
            value: if v == 0.0 { 0.0 } else { v },
            step_size: step,
        });
        k += 1.0;
    }
    out
}

/// The year axis: whole-year labels that stay visible down to ~36 points per year
/// (egui_plot's default hides x labels closer than 60 points, which drops most years on
/// a laptop-sized chart).
pub fn year_axis<'a>() -> Vec<egui_plot::AxisHints<'a>> {
    vec![
        egui_plot::AxisHints::new_x()
            .formatter(year_label)
            .label_spacing(34.0..=40.0),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marks(lo: f64, hi: f64) -> Vec<f64> {
        value_marks(GridInput {
            bounds: (lo, hi),
            base_step_size: 0.0,
        })
        .iter()
        .map(|m| m.value)
        .collect()
    }

    #[test]
    fn value_marks_are_few_and_round() {
        assert_eq!(marks(-6.0, -2.86), [-6.0, -5.0, -4.0, -3.0]);
        assert_eq!(marks(0.0, 4.6), [0.0, 2.0, 4.0]);
        assert_eq!(marks(-0.2, 1.0), [0.0, 0.5, 1.0]);
        assert_eq!(marks(0.0, 271_546.0), [0.0, 100_000.0, 200_000.0]);
        assert!(marks(1.0, 1.0).is_empty());
    }

    #[test]
    fn year_labels_are_whole() {
        let m = year_marks(GridInput {
            bounds: (2022.4, 2024.6),
            base_step_size: 0.0,
        });
        assert_eq!(
            m.iter().map(|m| m.value).collect::<Vec<_>>(),
            [2023.0, 2024.0]
        );
        assert_eq!(year_label(m[0], &(0.0..=1.0)), "2023");
        assert_eq!(
            year_label(
                GridMark {
                    value: 2023.5,
                    step_size: 1.0
                },
                &(0.0..=1.0)
            ),
            ""
        );
    }
}
