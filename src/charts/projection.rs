//! Projected revenue: actual revenue (solid) continued by the scenario's projection
//! (dashed), with each segment's projected path, in the dataset's money units.

use egui::Ui;

use super::{ChartInput, Pen, PlotSpec};
use crate::model::series::{SeriesKey, revenue_series};

/// Line width of total revenue, in points.
const TOTAL_W: f32 = 2.5;
/// Line width of each segment, in points.
const SEGMENT_W: f32 = 1.5;
/// Marker radius, in points.
const MARKER: f32 = 3.0;

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
                color: theme.series(i + 1),
                width: SEGMENT_W,
                marker: MARKER,
            };
            series.push((s.name.clone(), pen, a, p));
        }
    }
    let values = super::value_range(
        series
            .iter()
            .flat_map(|(_, _, a, p)| [a.as_slice(), p.as_slice()]),
        true,
    );
    let spec = PlotSpec {
        id: "projection".into(),
        size,
        years: input.years(),
        values,
    };
    let plot = spec
        .plot()
        .y_axis_formatter(move |m, _| money_input.money(m.value));
    super::show_plot(ui, &spec, plot, |p| {
        super::projection_span(p, input);
        for (name, pen, actual, projected) in series {
            super::series_lines(p, &name, pen, actual, projected);
        }
    });
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
    if input.dataset.has_segment_split() {
        out.extend(input.dataset.segments.iter().enumerate().map(|(i, s)| {
            super::legend::Entry::new(
                s.name.clone(),
                input.theme.series(i + 1),
                super::legend::Swatch::Fill,
            )
        }));
    }
    out
}
