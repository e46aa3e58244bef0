//! Tornado chart: how far each lever, moved one step down and up, moves operating income
//! (or revenue, when the dataset has no operating income) at the horizon; ranked, the
//! most sensitive lever on top.

use egui::Ui;
use egui_plot::{Bar, BarChart, GridMark, Plot, VLine};

use super::ChartInput;
use crate::model::scenario::Sensitivity;

/// What the tornado measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// Operating income at the horizon.
    OperatingIncome,
    /// Revenue at the horizon.
    Revenue,
}

/// Draws the chart at `height` points.
pub fn ui(ui: &mut Ui, input: &ChartInput, sens: &[Sensitivity], measure: Measure, height: f32) {
    let theme = input.theme;
    let pick = |s: &Sensitivity| match measure {
        Measure::OperatingIncome => s.operating_income,
        Measure::Revenue => s.revenue,
    };
    let labels: Vec<String> = sens.iter().map(|s| format!("{} ±{} {}", s.lever.label(), s.step, s.lever.unit())).collect();
    let down: Vec<Bar> = sens.iter().enumerate().map(|(i, s)| Bar::new(-(i as f64), pick(s).0).width(0.6).fill(theme.delta(false))).collect();
    let up: Vec<Bar> = sens.iter().enumerate().map(|(i, s)| Bar::new(-(i as f64), pick(s).1).width(0.6).fill(theme.delta(true))).collect();
    let money_input = *input;
    let n = sens.len();
    Plot::new("tornado")
        .height(height)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .show_x(false)
        .show_y(false)
        .include_y(0.6)
        .include_y(-(n as f64) + 0.4)
        .include_x(0.0)
        .y_grid_spacer(move |_| (0..n).map(|i| GridMark { value: -(i as f64), step_size: 1.0 }).collect())
        .y_axis_formatter(move |m, _| {
            let i = (-m.value).round();
            if (m.value + i).abs() < 1e-6 && i >= 0.0 {
                labels.get(i as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        })
        .y_axis_min_width(150.0)
        .x_axis_formatter(move |m, _| money_input.money(m.value))
        .show(ui, |p| {
            p.vline(VLine::new("base", 0.0).stroke(theme.zero_line()).allow_hover(false));
            p.bar_chart(BarChart::new("Lever down one step", down).horizontal().allow_hover(false));
            p.bar_chart(BarChart::new("Lever up one step", up).horizontal().allow_hover(false));
        });
}
