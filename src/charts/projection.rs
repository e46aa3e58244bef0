//! Projected revenue: actual revenue (solid) continued by the scenario's projection
//! (dashed), with each segment's projected path, in the dataset's money units.

use egui::Ui;

use super::ChartInput;
use crate::model::series::{SeriesKey, revenue_series};

/// Draws the chart at `height` points.
pub fn ui(ui: &mut Ui, input: &ChartInput, height: f32) {
    let theme = input.theme;
    let (x0, x1) = input.x_span();
    let money_input = *input;
    let split = |key: SeriesKey| -> (Vec<[f64; 2]>, Vec<[f64; 2]>) {
        let pts = revenue_series(input.metrics, input.projection, key);
        let actual: Vec<[f64; 2]> = pts
            .iter()
            .filter(|p| !p.projected)
            .filter_map(|p| p.value.map(|v| [f64::from(p.year), v]))
            .collect();
        let mut projected: Vec<[f64; 2]> = actual.last().copied().into_iter().collect();
        projected.extend(
            pts.iter()
                .filter(|p| p.projected)
                .filter_map(|p| p.value.map(|v| [f64::from(p.year), v])),
        );
        (
            actual,
            if projected.len() > 1 {
                projected
            } else {
                Vec::new()
            },
        )
    };
    let mut series = vec![(
        "Revenue".to_owned(),
        theme.revenue(),
        2.5,
        split(SeriesKey::Total),
    )];
    if input.dataset.has_segment_split() {
        for (i, s) in input.dataset.segments.iter().enumerate() {
            series.push((
                s.name.clone(),
                theme.series(i + 1),
                1.5,
                split(SeriesKey::Segment(i)),
            ));
        }
    }
    let plot = super::static_plot("projection", height, (x0, x1))
        .y_axis_formatter(move |m, _| money_input.money(m.value))
        .include_y(0.0);
    super::show_plot(ui, plot, input.years(), |p| {
        super::projection_span(p, input);
        for (name, color, width, (actual, projected)) in series {
            super::series_lines(p, &name, color, width, actual, projected);
        }
    });
}

/// Legend entries of the chart.
pub fn legend_entries(input: &ChartInput) -> Vec<super::legend::Entry> {
    let mut out = vec![super::legend::Entry {
        name: "Revenue".into(),
        color: input.theme.revenue(),
        hover: String::new(),
        swatch: super::legend::Swatch::Fill,
    }];
    if input.dataset.has_segment_split() {
        out.extend(
            input
                .dataset
                .segments
                .iter()
                .enumerate()
                .map(|(i, s)| super::legend::Entry {
                    name: s.name.clone(),
                    color: input.theme.series(i + 1),
                    hover: String::new(),
                    swatch: super::legend::Swatch::Fill,
                }),
        );
    }
    out
}
