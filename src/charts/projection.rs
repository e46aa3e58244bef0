//! Projected revenue: actual revenue (solid) continued by the scenario's projection
//! (dashed), with each segment's projected path and free cash flow, in the dataset's
//! money units. With the fan on, revenue and free cash flow each get their band of
//! outcomes (p10 to p90, median dotted; [`super::fan`]).
//!
//! Free cash flow is drawn here rather than in the margin chart: the fan is of money
//! (percentiles of FCF, not of the margin), and this is the chart of the scenario's
//! money figures over the years, under the tornado that ranks what moves them.

use egui::Ui;

use super::{ChartInput, Pen, PlotSpec, fan};
use crate::model::series::{SeriesKey, revenue_series};

/// Line width of total revenue, in points.
const TOTAL_W: f32 = 2.5;
/// Line width of each segment, in points.
const SEGMENT_W: f32 = 1.5;
/// Marker radius, in points.
const MARKER: f32 = 3.0;
/// Name of the free cash flow line.
pub const FCF: &str = "Free cash flow";

/// The series drawn: (name, pen, actual points, projected points).
type Drawn = (String, Pen, Vec<[f64; 2]>, Vec<[f64; 2]>);

/// Draws the chart in `size` points.
pub fn ui(ui: &mut Ui, input: &ChartInput, size: egui::Vec2) {
    let theme = input.theme;
    let money_input = *input;
    let split = |key: SeriesKey| {
        super::split_points(
            revenue_series(input.metrics, input.projection, key)
                .iter()
                .map(|p| (p.year, p.value, p.projected)),
        )
    };
    let (a, p) = split(SeriesKey::Total);
    let total_pen = Pen {
        color: theme.revenue(),
        width: TOTAL_W,
        marker: MARKER,
    };
    let mut series: Vec<Drawn> = vec![("Revenue".to_owned(), total_pen, a, p)];
    if input.dataset.has_segment_split() {
        for (i, s) in input.dataset.segments.iter().enumerate() {
            let (a, p) = split(SeriesKey::Segment(i));
            let pen = Pen {
                color: theme.segment(i),
                width: SEGMENT_W,
                marker: MARKER,
            };
            series.push((s.name.clone(), pen, a, p));
        }
    }
    let (a, p) = fcf_points(input);
    if !a.is_empty() || !p.is_empty() {
        let pen = Pen {
            color: theme.free_cash_flow(),
            width: SEGMENT_W + 0.5,
            marker: MARKER,
        };
        series.push((FCF.to_owned(), pen, a, p));
    }
    let revenue_band = fan::band_points(input, fan::Figure::Revenue);
    let fcf_band = fan::band_points(input, fan::Figure::FreeCashFlow);
    let extents: Vec<Vec<[f64; 2]>> = fan::extent(&revenue_band)
        .into_iter()
        .chain(fan::extent(&fcf_band))
        .collect();
    let values = super::value_range(
        series
            .iter()
            .flat_map(|(_, _, a, p)| [a.as_slice(), p.as_slice()])
            .chain(extents.iter().map(Vec::as_slice)),
        true,
    );
    let updating = input.fan.is_some_and(|f| f.updating);
    let spec = PlotSpec {
        id: "projection".into(),
        size,
        years: input.years(),
        values,
    };
    let plot = spec
        .plot()
        .y_axis_formatter(move |m, _| money_input.money(m.value));
    let clip = spec.band();
    super::show_plot(ui, &spec, plot, |p| {
        super::projection_span(p, input);
        fan::draw(p, clip, "Revenue", theme.revenue(), &revenue_band, updating);
        fan::draw(p, clip, FCF, theme.free_cash_flow(), &fcf_band, updating);
        for (name, pen, actual, projected) in series {
            super::series_lines(p, clip, &name, pen, actual, projected);
        }
    });
}

/// Free cash flow: the actual years that state it, then the projection's.
fn fcf_points(input: &ChartInput) -> (Vec<[f64; 2]>, Vec<[f64; 2]>) {
    let actual = input
        .dataset
        .years
        .iter()
        .map(|y| (y.year, y.free_cash_flow, false));
    let projected = input
        .projection
        .into_iter()
        .flat_map(|p| p.years.iter().map(|y| (y.year, y.free_cash_flow, true)));
    super::split_points(actual.chain(projected))
}

/// Legend entries of the chart.
pub fn legend_entries(input: &ChartInput) -> Vec<super::legend::Entry> {
    let mut out = vec![
        super::legend::Entry::new(
            "Revenue",
            input.theme.revenue(),
            super::legend::Swatch::Fill,
        )
        .essential(),
    ];
    if input
        .dataset
        .years
        .iter()
        .any(|y| y.free_cash_flow.is_some())
    {
        out.push(
            super::legend::Entry::new(
                FCF,
                input.theme.free_cash_flow(),
                super::legend::Swatch::Fill,
            )
            .essential(),
        );
    }
    if input.dataset.has_segment_split() {
        out.extend(input.dataset.segments.iter().enumerate().map(|(i, s)| {
            super::legend::Entry::new(
                s.name.clone(),
                input.theme.segment(i),
                super::legend::Swatch::Fill,
            )
        }));
    }
    out
}
