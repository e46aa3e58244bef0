//! Tornado chart: how far each lever, moved one step down and up, moves operating income
//! (or revenue, when the dataset has no operating income) at the horizon; ranked, the
//! most sensitive lever on top. Drawn with the painter: one labelled row per lever, bars
//! out from a zero line, the change written at each bar's end.
//!
//! Every text is measured before anything is placed: the label column is as wide as the
//! longest label (at most [`LABEL_SHARE`] of the width, longer labels end in "…"), room
//! for the values is kept on both sides of the bars, rows never shrink below a readable
//! size (what does not fit is counted in a last line), and levers that cannot move the
//! result are left out and named in one line instead of drawn as empty rows.

use egui::{Align2, FontId, Rect, Sense, Stroke, Ui, pos2, vec2};

use super::{ChartInput, one_line};
use crate::model::scenario::Sensitivity;

/// What the tornado measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// Operating income at the horizon.
    OperatingIncome,
    /// Revenue at the horizon.
    Revenue,
}

impl Measure {
    /// The measure in words ("operating income").
    pub fn label(self) -> &'static str {
        match self {
            Measure::OperatingIncome => "operating income",
            Measure::Revenue => "revenue",
        }
    }
}

/// Font size of labels and values, in points.
const FONT: f32 = 11.0;
/// Height of one lever's row, in points.
const ROW_H: f32 = 18.0;
/// The label column's widest share of the chart's width.
const LABEL_SHARE: f32 = 0.42;
/// Gap between a text and what it labels, in points.
const GAP: f32 = 4.0;

/// One row: label, the change down and up.
struct Row {
    label: String,
    down: f64,
    up: f64,
}

/// Draws the chart into `height` points of the available width.
pub fn ui(ui: &mut Ui, input: &ChartInput, sens: &[Sensitivity], measure: Measure, height: f32) {
    let theme = input.theme;
    let width = ui.available_width();
    let (rect, _) = ui.allocate_exact_size(vec2(width, height.max(ROW_H)), Sense::hover());
    let painter = ui.painter_at(rect);
    let text_color = ui.visuals().text_color();
    let font = FontId::proportional(FONT);
    let pick = |s: &Sensitivity| match measure {
        Measure::OperatingIncome => s.operating_income,
        Measure::Revenue => s.revenue,
    };
    let moves = |s: &Sensitivity| {
        let (a, b) = pick(s);
        a.is_finite() && b.is_finite() && (a != 0.0 || b != 0.0)
    };
    let rows: Vec<Row> = sens
        .iter()
        .filter(|s| moves(s))
        .map(|s| {
            let (down, up) = pick(s);
            Row {
                label: format!("{} ±{} {}", s.lever.label(), s.step, s.lever.unit()),
                down,
                up,
            }
        })
        .collect();
    let still: Vec<String> = sens
        .iter()
        .filter(|s| !moves(s))
        .map(|s| s.lever.label())
        .collect();
    let mut notes = Vec::new();
    if !still.is_empty() {
        notes.push(format!(
            "Not shown: {} (no effect on {})",
            still.join(", "),
            measure.label()
        ));
    }
    // Rows that fit above the notes; the rest are counted.
    let note_rows = notes.len() + 1;
    let fit = ((rect.height() / ROW_H).floor() as usize).saturating_sub(note_rows - 1);
    let shown = if rows.len() > fit {
        let shown = fit.saturating_sub(1);
        notes.insert(
            0,
            format!(
                "+{} more lever{} with smaller effects",
                rows.len() - shown,
                if rows.len() - shown == 1 { "" } else { "s" }
            ),
        );
        shown
    } else {
        rows.len()
    };
    if rows.is_empty() {
        notes.insert(
            0,
            format!("No lever moves {} for this dataset", measure.label()),
        );
    }
    let value_text = |v: f64| format!("{}{}", if v > 0.0 { "+" } else { "" }, input.money(v));
    let measure_w = |s: &str| {
        ui.fonts_mut(|f| {
            f.layout_no_wrap(s.to_owned(), font.clone(), text_color)
                .size()
                .x
        })
    };
    let visible = rows.get(..shown).unwrap_or_default();
    let label_w = visible
        .iter()
        .map(|r| measure_w(&r.label))
        .fold(0.0f32, f32::max)
        .min(width * LABEL_SHARE);
    let value_w = visible
        .iter()
        .flat_map(|r| [r.down, r.up])
        .filter(|v| *v != 0.0)
        .map(|v| measure_w(&value_text(v)))
        .fold(0.0f32, f32::max)
        + GAP;
    let bars = Rect::from_min_max(
        pos2(rect.left() + label_w + GAP + value_w, rect.top()),
        pos2(rect.right() - value_w, rect.bottom()),
    );
    let max_abs = visible
        .iter()
        .map(|r| r.down.abs().max(r.up.abs()))
        .fold(0.0f64, f64::max);
    let zero_x = bars.center().x;
    let half = (bars.width() / 2.0).max(1.0);
    for (i, r) in visible.iter().enumerate() {
        let y0 = rect.top() + i as f32 * ROW_H;
        let mid = y0 + ROW_H / 2.0;
        let label = one_line(ui, &r.label, &font, label_w, text_color);
        painter.galley(
            pos2(
                rect.left() + label_w - label.size().x,
                mid - label.size().y / 2.0,
            ),
            label,
            text_color,
        );
        for (v, positive_step) in [(r.down, false), (r.up, true)] {
            if max_abs <= 0.0 || v == 0.0 {
                continue;
            }
            let len = (v / max_abs) as f32 * half;
            let (x0, x1) = if len >= 0.0 {
                (zero_x, zero_x + len)
            } else {
                (zero_x + len, zero_x)
            };
            let bar = Rect::from_min_max(
                pos2(x0, y0 + ROW_H * 0.2),
                pos2(x1.max(x0 + 1.0), y0 + ROW_H * 0.8),
            );
            painter.rect_filled(bar, 1.0, theme.delta(positive_step));
            let (anchor, align) = if len >= 0.0 {
                (pos2(x1 + GAP, mid), Align2::LEFT_CENTER)
            } else {
                (pos2(x0 - GAP, mid), Align2::RIGHT_CENTER)
            };
            painter.text(
                anchor,
                align,
                value_text(v),
                font.clone(),
                theme.weak_text(),
            );
        }
    }
    if shown > 0 {
        painter.line_segment(
            [
                pos2(zero_x, rect.top()),
                pos2(zero_x, rect.top() + ROW_H * shown as f32),
            ],
            Stroke::new(1.0, theme.zero_line().color),
        );
    }
    for (k, note) in notes.iter().enumerate() {
        let y = rect.top() + (shown + k) as f32 * ROW_H + ROW_H / 2.0;
        let galley = one_line(ui, note, &font, rect.width(), theme.weak_text());
        painter.galley(
            pos2(rect.left(), y - galley.size().y / 2.0),
            galley,
            text_color,
        );
    }
}
