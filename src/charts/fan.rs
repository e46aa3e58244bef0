//! The fan of outcomes as the charts draw it: a shaded band from the 10th to the 90th
//! percentile of the model's Monte Carlo draws ([`crate::model::fan`]) over the
//! projected years, and the median (p50) as a dotted line. The band opens from the last
//! actual year, where every draw starts from the same figure, so it reads as a fan.
//!
//! A fan computed for an earlier position of the sliders (a newer one is being drawn
//! off the UI thread) is still shown, paler, and its legend entry says "updating".
//! Charts only read the percentiles; nothing is computed here.

use egui::Color32;
use egui_plot::{FilledArea, Line, LineStyle, PlotPoints};

use super::legend::{Entry, Swatch};
use super::{ChartInput, ChartKind};
use crate::model::fan::{Fan, INDEPENDENCE_NOTE, Percentiles};

/// Name of the fan's legend entry.
pub const ENTRY: &str = "p10–p90";
/// Name of the fan's legend entry while a newer fan is being drawn.
pub const ENTRY_UPDATING: &str = "p10–p90 updating…";
/// Opacity of the band, of 255.
const BAND_ALPHA: u8 = 60;
/// Opacity of the band while it is updating, of 255.
const BAND_ALPHA_UPDATING: u8 = 30;
/// Width of the median line, in points.
const MEDIAN_W: f32 = 1.5;

/// The fan on screen and whether a newer one is on its way.
#[derive(Debug, Clone, Copy)]
pub struct FanShown<'a> {
    /// The fan of outcomes: its percentiles by year.
    pub fan: &'a Fan,
    /// Drawn for an earlier position of the sliders; the new one is being computed.
    pub updating: bool,
}

/// One year of a band: the year and its percentiles.
pub type BandPoint = (i32, Percentiles);

/// Which figure a band is drawn for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Figure {
    /// Total revenue.
    Revenue,
    /// Free cash flow.
    FreeCashFlow,
}

/// The band of `figure`: the last actual year (all percentiles equal to its figure),
/// then each projected year the fan covers. Empty when no fan is shown, no projection is
/// drawn, or the figure has no fan.
pub fn band_points(input: &ChartInput, figure: Figure) -> Vec<BandPoint> {
    let (Some(shown), Some(p)) = (input.fan, input.projection) else {
        return Vec::new();
    };
    let last_projected = p.years.last().map_or(p.base_year, |y| y.year);
    let anchor = input
        .dataset
        .years
        .iter()
        .find(|y| y.year == p.base_year)
        .and_then(|y| match figure {
            Figure::Revenue => Some(y.revenue),
            Figure::FreeCashFlow => y.free_cash_flow,
        })
        .filter(|v| v.is_finite());
    let mut out: Vec<BandPoint> = Vec::new();
    for y in &shown.fan.years {
        if y.year <= p.base_year || y.year > last_projected {
            continue;
        }
        let pct = match figure {
            Figure::Revenue => Some(y.revenue),
            Figure::FreeCashFlow => y.free_cash_flow,
        };
        if let Some(pct) = pct.filter(|q| q.p10.is_finite() && q.p90.is_finite()) {
            out.push((y.year, pct));
        }
    }
    if let (Some(a), false) = (anchor, out.is_empty()) {
        let flat = Percentiles {
            p10: a,
            p50: a,
            p90: a,
        };
        out.insert(0, (p.base_year, flat));
    }
    out
}

/// The band's values as point lists (p10 and p90), for the value axis's range.
pub fn extent(points: &[BandPoint]) -> [Vec<[f64; 2]>; 2] {
    let at =
        |f: fn(&Percentiles) -> f64| points.iter().map(|(y, q)| [f64::from(*y), f(q)]).collect();
    [at(|q| q.p10), at(|q| q.p90)]
}

/// Draws the band and its median in `color`.
pub fn draw(
    p: &mut egui_plot::PlotUi<'_>,
    clip: super::axes::Band,
    name: &str,
    color: Color32,
    points: &[BandPoint],
    updating: bool,
) {
    if points.len() < 2 {
        return;
    }
    let xs: Vec<f64> = points.iter().map(|(y, _)| f64::from(*y)).collect();
    // The band's edges stay within the plot's band, as its lines do.
    let within = |v: f64| v.clamp(clip.lo, clip.hi);
    let lo: Vec<f64> = points.iter().map(|(_, q)| within(q.p10)).collect();
    let hi: Vec<f64> = points.iter().map(|(_, q)| within(q.p90)).collect();
    let alpha = if updating {
        BAND_ALPHA_UPDATING
    } else {
        BAND_ALPHA
    };
    let fill = Color32::from_rgba_unmultiplied(color.r(), color.g(), color.b(), alpha);
    p.add(
        FilledArea::new(format!("{name} p10–p90"), &xs, &lo, &hi)
            .fill_color(fill)
            .allow_hover(false),
    );
    let median: Vec<[f64; 2]> = points.iter().map(|(y, q)| [f64::from(*y), q.p50]).collect();
    p.line(
        Line::new(format!("{name} p50"), PlotPoints::from(clip.clip(&median)))
            .color(color)
            .width(MEDIAN_W)
            .style(LineStyle::Dotted { spacing: 4.0 })
            .allow_hover(false),
    );
}

/// The legend entry of the fan, when one is drawn: its swatch is the band in the colour
/// each chart draws it in (the neutral ink over the revenue bars; revenue's and free cash
/// flow's colours, one half each, on the scenario projection; revenue's alone when the
/// dataset has no free cash flow to band).
pub fn legend_entry(input: &ChartInput, kind: ChartKind) -> Option<Entry> {
    let shown = input.fan?;
    input.projection?;
    let name = if shown.updating {
        ENTRY_UPDATING
    } else {
        ENTRY
    };
    let draws = shown.fan.draws;
    let theme = input.theme;
    let (color, second, drawn) = if kind == ChartKind::Scenario {
        // Free cash flow has a band only where the dataset has the figure.
        let fcf = band_points(input, Figure::FreeCashFlow).len() >= 2;
        (
            theme.revenue(),
            fcf.then(|| theme.free_cash_flow()),
            "each in its series' colour",
        )
    } else {
        (theme.fan(), None, "over the projected bars")
    };
    Some(
        Entry::new(name, color, Swatch::Band(second))
            .essential()
            .with_hover(format!(
                "Shaded, {drawn}: the 10th to 90th percentile of {draws} simulated outcomes of the projected years; dotted: the median (p50). {INDEPENDENCE_NOTE} Click to hide."
            )),
    )
}

/// The hover line of one projected year: "p10–p90 $4.80B–$5.33B (p50 $5.04B)".
pub fn hover_line(input: &ChartInput, points: &[BandPoint], year: i32) -> Option<String> {
    let (_, q) = points.iter().find(|(y, _)| *y == year)?;
    if input.projection.is_none_or(|p| year <= p.base_year) {
        return None;
    }
    Some(format!(
        "p10–p90 {}–{} (p50 {})",
        input.money(q.p10),
        input.money(q.p90),
        input.money(q.p50)
    ))
}
