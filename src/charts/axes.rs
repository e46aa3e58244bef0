//! The axes every chart shares: a year axis that labels only the years a plot draws,
//! evenly and in one colour, and a value axis padded so every marker and tick label
//! stays whole inside the plot.
//!
//! Bounds are computed here, not left to egui_plot's auto-bounds: a chart knows its data
//! range and its size in points, so it can keep a point at the top edge whole, keep the
//! lowest tick label clear of the first year label, and give the last year's label room
//! at the right edge. They are set every frame (charts are for reading, not exploring:
//! no zoom, no pan).

use std::ops::RangeInclusive;

use egui::Vec2;
use egui_plot::{AxisHints, GridInput, GridMark, Plot};

/// Width of the value axis left of a plot's frame, in points (egui_plot sizes it to its
/// labels; this estimate only sets how much room each year gets).
const VALUE_AXIS_W: f32 = 60.0;
/// Height of the year labels under a plot's frame, in points.
const YEAR_AXIS_H: f32 = 24.0;
/// Room one year label needs along the axis, gap included, in points ("2024" at the
/// body size is about 30 points wide).
const YEAR_LABEL_ROOM: f32 = 44.0;
/// Space kept between the data and the frame's top and bottom edges, in points: a
/// marker's radius and stroke, and half a tick label.
const EDGE_PAD: f32 = 10.0;
/// Room one value label needs along the value axis, in points: labels closer than this
/// would not be drawn by egui_plot.
const VALUE_LABEL_ROOM: f32 = 17.0;
/// On a tall plot, value marks are at least this many label heights apart.
const LABELS_APART: f64 = 4.0;
/// Half a value label's height, in points: a tick closer than this to the frame's edge
/// would have its label cut.
const HALF_LABEL: f32 = 7.0;
/// Font size of tick labels, in points (a little under the body text: axes recede).
pub(super) const TICK_FONT: f32 = 11.0;
/// Space kept between the first/last year and the frame's side edges, in points: half a
/// year label.
const SIDE_PAD: f32 = 20.0;
/// Half the width of a bar, in years ([`super::BAR_WIDTH`] is 0.7).
const HALF_BAR: f64 = 0.35;
/// Strides the year labels thin out by, when every year does not fit.
const STRIDES: [i32; 7] = [1, 2, 5, 10, 20, 50, 100];

/// What a plot shows: its id, its size, the years on its axis and its value range.
#[derive(Debug, Clone, PartialEq)]
pub struct PlotSpec {
    /// The plot's id (unique within its parent).
    pub id: String,
    /// The plot's size, axes included, in points.
    pub size: Vec2,
    /// The years it draws, ascending.
    pub years: Vec<i32>,
    /// Lowest and highest value drawn (include 0 for bars).
    pub values: (f64, f64),
}

impl PlotSpec {
    /// The frame's width, without the value axis.
    fn frame_width(&self) -> f32 {
        (self.size.x - VALUE_AXIS_W).max(40.0)
    }

    /// The frame's height, without the year labels.
    fn frame_height(&self) -> f32 {
        (self.size.y - YEAR_AXIS_H).max(20.0)
    }

    /// The first and last year drawn.
    fn span(&self) -> (i32, i32) {
        let first = self.years.first().copied().unwrap_or(2000);
        let last = self.years.last().copied().unwrap_or(first);
        (first, last)
    }

    /// Points per year along the axis, before padding.
    fn points_per_year(&self) -> f32 {
        let (first, last) = self.span();
        self.frame_width() / (last - first + 2) as f32
    }

    /// Every how many years a label fits.
    pub fn stride(&self) -> i32 {
        let per_year = self.points_per_year();
        STRIDES
            .into_iter()
            .find(|s| per_year * *s as f32 >= YEAR_LABEL_ROOM)
            .unwrap_or(STRIDES[STRIDES.len() - 1])
    }

    /// The x bounds: the years, padded by half a bar and half a label (whichever is more)
    /// so the first and last bars and labels are whole.
    pub fn x_bounds(&self) -> (f64, f64) {
        let (first, last) = self.span();
        let years = f64::from(last - first) + 1.0;
        // Solve pad = SIDE_PAD / (points per year), where points per year depends on pad.
        let width = f64::from(self.frame_width());
        let side = f64::from(SIDE_PAD);
        let pad = (side * (years - 1.0) / (width - 2.0 * side).max(1.0))
            .max(HALF_BAR + 0.25)
            .max(if years <= 2.0 { 1.0 } else { 0.0 });
        (f64::from(first) - pad, f64::from(last) + pad)
    }

    /// The y bounds: the values, padded by [`EDGE_PAD`] points at both ends.
    pub fn y_bounds(&self) -> (f64, f64) {
        let (lo, hi) = finite_range(self.values);
        let h = self.frame_height();
        let f = f64::from((EDGE_PAD / h).min(0.25));
        let total = (hi - lo) / (1.0 - 2.0 * f);
        (lo - f * total, hi + f * total)
    }

    /// The band this plot's lines are clipped to ([`Band`]).
    pub fn band(&self) -> Band {
        let (y0, y1) = self.y_bounds();
        let h = y1 - y0;
        Band {
            lo: y0 - h,
            hi: y1 + h,
        }
    }

    /// The years that carry a label: every `stride`-th drawn year from the first.
    pub fn labelled_years(&self) -> Vec<i32> {
        let stride = self.stride();
        let (first, _) = self.span();
        self.years
            .iter()
            .copied()
            .filter(|y| (y - first) % stride == 0)
            .collect()
    }

    /// The bounds to show, set every frame by [`super::show_plot`] (set from inside the
    /// plot, so egui_plot keeps the width its axes measured in the last frame).
    pub fn bounds(&self) -> egui_plot::PlotBounds {
        let (x0, x1) = self.x_bounds();
        let (y0, y1) = self.y_bounds();
        egui_plot::PlotBounds::from_min_max([x0, y0], [x1, y1])
    }

    /// The egui_plot plot: whole-year labels, few round value ticks, no zoom or pan.
    pub fn plot<'a>(&self) -> Plot<'a> {
        let labelled = self.labelled_years();
        let stride = f64::from(self.stride());
        // Value labels a label's height apart, each whole inside the frame.
        let (y0, y1) = self.y_bounds();
        let per_point = (y1 - y0) / f64::from(self.frame_height());
        let min_step = f64::from(VALUE_LABEL_ROOM) * per_point;
        let half_label = f64::from(HALF_LABEL) * per_point;
        Plot::new(self.id.clone())
            .width(self.size.x)
            .height(self.size.y)
            .allow_zoom(false)
            .allow_drag(false)
            .allow_scroll(false)
            .allow_boxed_zoom(false)
            .allow_double_click_reset(false)
            .sense(egui::Sense::hover())
            .show_x(false)
            .show_y(false)
            .x_grid_spacer(move |_| {
                labelled
                    .iter()
                    .map(|y| GridMark {
                        value: f64::from(*y),
                        step_size: stride,
                    })
                    .collect()
            })
            .y_grid_spacer(move |input| value_marks(input, min_step, half_label))
            .custom_x_axes(vec![
                AxisHints::new_x()
                    .formatter(year_label)
                    .tick_label_font(egui::FontId::proportional(TICK_FONT))
                    // Our marks are already spaced to fit: draw each at full strength.
                    .label_spacing(0.0..=1.0),
            ])
            .custom_y_axes(vec![
                AxisHints::new_y()
                    .tick_label_font(egui::FontId::proportional(TICK_FONT))
                    .label_spacing(0.0..=1.0),
            ])
    }
}

/// Largest magnitude a value axis reaches: a range of `-MAX_AXIS..MAX_AXIS`, padded,
/// still has a finite height, so every screen position egui_plot computes from the
/// bounds is finite (an infinite height put a line at an infinite position, and
/// dotting it never ended: issue 21).
const MAX_AXIS: f64 = f64::MAX / 8.0;

/// The band lines are drawn in: a plot's y bounds widened by their height each way.
/// Points beyond it are moved onto its edge where the line crosses it, so what shows
/// inside the plot is unchanged while no segment is longer than a few plot heights:
/// a dashed or dotted line's marks are bounded by the pixels, whatever the data.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Band {
    /// Lowest value drawn.
    pub lo: f64,
    /// Highest value drawn.
    pub hi: f64,
}

impl Band {
    /// `points` (in x order) clipped to the band: non-finite points left out, each
    /// crossing of an edge kept as a point on it, points beyond it put on the edge.
    pub fn clip(self, points: &[[f64; 2]]) -> Vec<[f64; 2]> {
        let inside = |y: f64| (self.lo..=self.hi).contains(&y);
        // The usual case, every frame: nothing to clip.
        if points.iter().all(|p| p[0].is_finite() && inside(p[1])) {
            return points.to_vec();
        }
        let mut out: Vec<[f64; 2]> = Vec::with_capacity(points.len() + 2);
        let mut prev: Option<[f64; 2]> = None;
        for &[x, y] in points
            .iter()
            .filter(|p| p[0].is_finite() && p[1].is_finite())
        {
            if let Some([px, py]) = prev {
                // Crossings of each edge between the two points, in order along the line.
                let mut cuts = [(0.0, 0.0); 2];
                let mut n = 0;
                for e in [self.lo, self.hi] {
                    if (py - e).signum() * (y - e).signum() < 0.0
                        && let Some(slot) = cuts.get_mut(n)
                    {
                        // Halves, so the difference of two huge values cannot overflow.
                        *slot = ((e / 2.0 - py / 2.0) / (y / 2.0 - py / 2.0), e);
                        n += 1;
                    }
                }
                if n == 2 && cuts[1].0 < cuts[0].0 {
                    cuts.swap(0, 1);
                }
                out.extend(cuts.iter().take(n).map(|&(t, e)| [px + t * (x - px), e]));
            }
            out.push([x, y.clamp(self.lo, self.hi)]);
            prev = Some([x, y]);
        }
        out
    }
}

/// A range with finite ends and some height (a flat series gets ±1 around its value),
/// within `±MAX_AXIS`.
fn finite_range((lo, hi): (f64, f64)) -> (f64, f64) {
    let (lo, hi) = if lo.is_finite() && hi.is_finite() && lo <= hi {
        (lo.clamp(-MAX_AXIS, MAX_AXIS), hi.clamp(-MAX_AXIS, MAX_AXIS))
    } else {
        (0.0, 1.0)
    };
    if hi - lo < 1e-9 * hi.abs().max(1.0) {
        // ±1, unless the values are so large that 1 is lost in them.
        let pad = if (hi + 1.0) - (lo - 1.0) >= 1.0 {
            1.0
        } else {
            hi.abs().max(lo.abs()) * 1e-2
        };
        (lo - pad, hi + pad)
    } else {
        (lo, hi)
    }
}

/// A year tick label: whole years only.
pub fn year_label(mark: GridMark, _range: &RangeInclusive<f64>) -> String {
    if mark.value.fract() == 0.0 {
        format!("{:.0}", mark.value)
    } else {
        String::new()
    }
}

/// Value-axis grid marks at a "nice" step (1, 2 or 5 x 10^k), at least `min_step` apart
/// (a label's height, in value units) and at most four intervals, or one per
/// [`LABELS_APART`] label heights on a tall plot, placed only where a whole label fits:
/// `half_label` (value units) inside the plot's bounds.
pub fn value_marks(input: GridInput, min_step: f64, half_label: f64) -> Vec<GridMark> {
    let (lo, hi) = (input.bounds.0 + half_label, input.bounds.1 - half_label);
    let span = hi - lo;
    if !(lo.is_finite() && hi.is_finite() && min_step.is_finite()) || span <= 0.0 {
        return Vec::new();
    }
    // A tall plot gets more marks (a 440-point margin chart showed only 0% and 50%).
    let most = if min_step > 0.0 {
        (span / (LABELS_APART * min_step)).floor().max(4.0)
    } else {
        4.0
    };
    // Smallest 1-2-5 step at least `min_step` and giving at most `most` intervals.
    let mut step = 10f64.powf((span / 10.0).log10().floor());
    let mut k = 0;
    while (span / step > most || step < min_step) && k < 64 {
        step *= match k % 3 {
            0 | 2 => 2.0,
            _ => 2.5,
        };
        k += 1;
    }
    ticks(lo, hi, step)
}

/// The multiples of `step` from `lo` to `hi`.
fn ticks(lo: f64, hi: f64, step: f64) -> Vec<GridMark> {
    let mut out = Vec::new();
    let eps = step * 1e-9;
    let mut k = ((lo - eps) / step).ceil();
    while k * step <= hi + eps && out.len() < 50 {
        // Snap to avoid -0.0 and 0.30000000000000004-style labels (only where the
        // product stays finite: near f64::MAX it would overflow to infinity).
        let raw = k * step;
        let v = if raw.abs() < 1e290 {
            (raw * 1e9).round() / 1e9
        } else {
            raw
        };
        out.push(GridMark {
            value: if v == 0.0 { 0.0 } else { v },
            step_size: step,
        });
        k += 1.0;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Marks for a plot whose bounds are exactly `lo..hi` (no room kept for labels).
    fn marks(lo: f64, hi: f64) -> Vec<f64> {
        value_marks(
            GridInput {
                bounds: (lo, hi),
                base_step_size: 0.0,
            },
            0.0,
            0.0,
        )
        .iter()
        .map(|m| m.value)
        .collect()
    }

    #[test]
    fn value_marks_are_few_round_and_within_the_data() {
        assert_eq!(marks(-6.0, -2.86), [-6.0, -5.0, -4.0, -3.0]);
        assert_eq!(marks(0.0, 4.6), [0.0, 2.0, 4.0]);
        assert_eq!(marks(-0.2, 1.0), [0.0, 0.5, 1.0]);
        assert_eq!(marks(0.0, 271_546.0), [0.0, 100_000.0, 200_000.0]);
        assert!(marks(1.0, 1.0).is_empty());
        // A short plot: marks a label apart (here 4 units), each a half label (1 unit)
        // inside the bounds.
        let short = value_marks(
            GridInput {
                bounds: (-10.0, 10.0),
                base_step_size: 0.0,
            },
            4.0,
            1.0,
        );
        assert_eq!(
            short.iter().map(|m| m.value).collect::<Vec<_>>(),
            [-5.0, 0.0, 5.0]
        );
        // A tall plot: margins from -34% to 53% over 440 points, a label 17 points:
        // marks every 20% (it had only 0% and 50%).
        let span: f64 = 0.53 + 0.34;
        let tall = value_marks(
            GridInput {
                bounds: (-0.34, 0.53),
                base_step_size: 0.0,
            },
            span / 440.0 * 17.0,
            0.0,
        );
        assert_eq!(
            tall.iter().map(|m| m.value).collect::<Vec<_>>(),
            [-0.2, 0.0, 0.2, 0.4]
        );
    }

    fn spec(years: std::ops::RangeInclusive<i32>, width: f32) -> PlotSpec {
        PlotSpec {
            id: "t".into(),
            size: egui::vec2(width, 200.0),
            years: years.collect(),
            values: (0.0, 100.0),
        }
    }

    #[test]
    fn every_year_is_labelled_when_it_fits_else_evenly_from_the_first() {
        // 5 years in 400 points: 340 / 6 = 57 points a year, every year fits.
        assert_eq!(
            spec(2023..=2027, 400.0).labelled_years(),
            (2023..=2027).collect::<Vec<_>>()
        );
        // 30 years in 400 points: 11 points a year, every 5th from the first.
        assert_eq!(
            spec(1975..=2004, 400.0).labelled_years(),
            [1975, 1980, 1985, 1990, 1995, 2000]
        );
    }

    #[test]
    fn bounds_keep_the_edges_whole() {
        let s = spec(2023..=2027, 400.0);
        let (x0, x1) = s.x_bounds();
        // Half a bar plus a margin at least, on both sides.
        assert!(x0 <= 2023.0 - 0.6 && x1 >= 2027.0 + 0.6, "{x0} {x1}");
        let (y0, y1) = s.y_bounds();
        // 10 points of 180: the data is padded by 10/180 of the whole range at each end.
        let total = y1 - y0;
        assert!((100.0 - y1 + total * 10.0 / 180.0).abs() < 1e-9 || y1 > 100.0);
        assert!((y1 - 100.0) / total * 180.0 >= 9.99, "{y0} {y1}");
        assert!((0.0 - y0) / total * 180.0 >= 9.99, "{y0} {y1}");
        // One year: a padded axis, not a sliver.
        let one = spec(2021..=2021, 400.0);
        let (a, b) = one.x_bounds();
        assert!(b - a >= 2.0, "{a} {b}");
    }

    #[test]
    fn year_labels_are_whole() {
        let m = |v: f64| GridMark {
            value: v,
            step_size: 1.0,
        };
        assert_eq!(year_label(m(2023.0), &(0.0..=1.0)), "2023");
        assert_eq!(year_label(m(2023.5), &(0.0..=1.0)), "");
    }
}
