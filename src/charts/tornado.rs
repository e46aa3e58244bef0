//! Tornado chart: how far each lever, moved one step down and up, moves operating income
//! (or revenue, when the dataset has no operating income) at the horizon; ranked, the
//! most sensitive lever on top. Drawn with the painter: one labelled row per lever,
//! bars out from a zero line, the change written at each bar's end.

use egui::{Align2, FontId, Rect, Sense, Stroke, Ui, pos2, vec2};

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

/// Draws the chart into `height` points of the available width.
pub fn ui(ui: &mut Ui, input: &ChartInput, sens: &[Sensitivity], measure: Measure, height: f32) {
    let theme = input.theme;
    let width = ui.available_width();
    let (rect, _) = ui.allocate_exact_size(vec2(width, height.max(40.0)), Sense::hover());
    let painter = ui.painter_at(rect);
    let text_color = ui.visuals().text_color();
    let pick = |s: &Sensitivity| match measure {
        Measure::OperatingIncome => s.operating_income,
        Measure::Revenue => s.revenue,
    };
    if sens.is_empty() {
        painter.text(
            rect.center(),
            Align2::CENTER_CENTER,
            "No levers to vary for this dataset",
            FontId::proportional(12.0),
            text_color,
        );
        return;
    }
    let max_abs = sens
        .iter()
        .map(|s| {
            let (a, b) = pick(s);
            a.abs().max(b.abs())
        })
        .fold(0.0f64, f64::max);
    let label_w = (width * 0.38).clamp(110.0, 260.0);
    let value_w = 64.0;
    let bars = Rect::from_min_max(
        pos2(rect.left() + label_w + value_w, rect.top()),
        pos2(rect.right() - value_w, rect.bottom()),
    );
    let zero_x = bars.center().x;
    let half = (bars.width() / 2.0).max(1.0);
    let row_h = (rect.height() / sens.len() as f32).clamp(8.0, 26.0);
    let font = FontId::proportional((row_h * 0.55).clamp(8.0, 12.5));
    for (i, s) in sens.iter().enumerate() {
        let y0 = rect.top() + i as f32 * row_h;
        let mid = y0 + row_h / 2.0;
        let label = format!("{} ±{} {}", s.lever.label(), s.step, s.lever.unit());
        painter.text(
            pos2(rect.left() + label_w - 6.0, mid),
            Align2::RIGHT_CENTER,
            label,
            font.clone(),
            text_color,
        );
        let (down, up) = pick(s);
        for (v, positive_step) in [(down, false), (up, true)] {
            if max_abs <= 0.0 || !v.is_finite() {
                continue;
            }
            let len = (v / max_abs) as f32 * half;
            let (x0, x1) = if len >= 0.0 {
                (zero_x, zero_x + len)
            } else {
                (zero_x + len, zero_x)
            };
            let bar = Rect::from_min_max(
                pos2(x0, y0 + row_h * 0.18),
                pos2(x1.max(x0 + 1.0), y0 + row_h * 0.82),
            );
            painter.rect_filled(bar, 1.0, theme.delta(positive_step));
            if v != 0.0 {
                let (anchor, align) = if len >= 0.0 {
                    (pos2(x1 + 3.0, mid), Align2::LEFT_CENTER)
                } else {
                    (pos2(x0 - 3.0, mid), Align2::RIGHT_CENTER)
                };
                let text = format!("{}{}", if v > 0.0 { "+" } else { "" }, input.money(v));
                painter.text(anchor, align, text, font.clone(), theme.weak_text());
            }
        }
    }
    painter.line_segment(
        [
            pos2(zero_x, rect.top()),
            pos2(zero_x, rect.top() + row_h * sens.len() as f32),
        ],
        Stroke::new(1.0, theme.zero_line().color),
    );
}
