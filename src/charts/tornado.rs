//! Tornado chart: how far each lever, moved one step down and up, moves the result the
//! user chose (revenue, operating income or free cash flow at the horizon, or the
//! scenario's value), as the model ranks it ([`crate::model::scenario::Tornado`]): the
//! most sensitive lever on top. Drawn with the painter: a key saying which colour is
//! which step, one labelled row per lever, bars out from a zero line, the change
//! written at each bar's end.
//!
//! The colour says which way the lever moved (vermillion one step down, blue one step
//! up); the side of the zero line says which way the result moved. Every text is
//! measured before anything is placed: the label column is as wide as the longest label
//! (at most [`LABEL_SHARE`] of the width, longer labels end in "…"), room for the values
//! is kept on both sides of the bars, rows never shrink below a readable size (what does
//! not fit is counted in a last line), and the levers that cannot move the result are
//! named in the model's one-line note instead of drawn as empty rows.

use std::sync::Arc;

use egui::text::LayoutJob;
use egui::{Align2, FontId, Galley, Rect, Sense, Stroke, Ui, pos2, vec2};

use super::{ChartInput, one_line};
use crate::model::scenario::Tornado;

/// Font size of labels and values, in points.
const FONT: f32 = 11.0;
/// Height of one lever's row, in points.
const ROW_H: f32 = 18.0;
/// The label column's widest share of the chart's width.
const LABEL_SHARE: f32 = 0.42;
/// Gap between a text and what it labels, in points.
const GAP: f32 = 4.0;

/// Room kept right of the rightmost value for its ink, in points.
const INK_PAD: f32 = 2.0;
/// Most rows a note under the chart wraps onto.
const NOTE_ROWS: usize = 3;
/// Size of a key swatch, in points.
const SWATCH: f32 = 9.0;
/// What the key says of each colour.
const KEY: [(&str, bool); 2] = [("lever one step down", false), ("one step up", true)];

/// One row: label, the change down and up.
struct Row {
    label: String,
    down: f64,
    up: f64,
}

/// The rows of `t` and the lines under them: the model's note on levers that cannot
/// move the result, or why there is no chart.
fn rows_and_notes(t: &Tornado) -> (Vec<Row>, Vec<String>) {
    let rows: Vec<Row> = t
        .rows
        .iter()
        .filter(|r| r.down.is_finite() && r.up.is_finite())
        .map(|r| Row {
            label: format!("{} ±{} {}", r.lever.label(), r.step, r.lever.unit()),
            down: r.down,
            up: r.up,
        })
        .collect();
    let mut notes: Vec<String> = Vec::new();
    if let Some(why) = &t.unavailable {
        notes.push(format!("Not available: {why}"));
    } else if rows.is_empty() {
        notes.push(format!(
            "No lever moves {} for this dataset",
            t.measure.label()
        ));
    }
    notes.extend(t.note.clone());
    (rows, notes)
}

/// `text` wrapped to `width`, at most [`NOTE_ROWS`] rows (then "…").
fn wrapped(ui: &Ui, text: &str, font: &FontId, width: f32, color: egui::Color32) -> Arc<Galley> {
    let mut job = LayoutJob::simple(text.to_owned(), font.clone(), color, width);
    job.wrap.max_rows = NOTE_ROWS;
    job.wrap.overflow_character = Some('…');
    ui.fonts_mut(|f| f.layout_job(job))
}

/// Draws the chart into `height` points of the available width.
pub fn ui(ui: &mut Ui, input: &ChartInput, t: &Tornado, height: f32) {
    let theme = input.theme;
    let width = ui.available_width();
    let (rect, _) = ui.allocate_exact_size(vec2(width, height.max(ROW_H)), Sense::hover());
    // The texts are measured to fit in `rect`; the painter clips like the `Ui` (a
    // scroll area's viewport), not to `rect`, so a row cut by scrolling is cut there.
    let painter = ui.painter().clone();
    let text_color = ui.visuals().text_color();
    let font = FontId::proportional(FONT);
    let (mut visible, notes) = rows_and_notes(t);
    let mut notes: Vec<Arc<Galley>> = notes
        .iter()
        .map(|n| wrapped(ui, n, &font, rect.width(), theme.weak_text()))
        .collect();
    // Rows that fit under the key and above the notes; the rest are counted.
    let notes_h = |notes: &[Arc<Galley>]| {
        notes
            .iter()
            .map(|g| g.size().y.max(ROW_H - 4.0) + 4.0)
            .sum::<f32>()
    };
    let key_h = if visible.is_empty() { 0.0 } else { ROW_H };
    let room = |notes_h: f32| ((rect.height() - key_h - notes_h) / ROW_H).floor().max(0.0) as usize;
    if visible.len() > room(notes_h(&notes)) {
        let more_line = |n: usize| {
            format!(
                "+{n} more lever{} with smaller effects",
                if n == 1 { "" } else { "s" }
            )
        };
        let probe = wrapped(
            ui,
            &more_line(visible.len()),
            &font,
            rect.width(),
            theme.weak_text(),
        );
        let mut with_more = notes.clone();
        with_more.insert(0, probe);
        let shown = room(notes_h(&with_more));
        let more = visible.len() - shown;
        notes.insert(
            0,
            wrapped(ui, &more_line(more), &font, rect.width(), theme.weak_text()),
        );
        visible.truncate(shown);
    }
    let value_text = |v: f64| format!("{}{}", if v > 0.0 { "+" } else { "" }, input.money(v));
    let measure_w = |s: &str| {
        ui.fonts_mut(|f| {
            f.layout_no_wrap(s.to_owned(), font.clone(), text_color)
                .size()
                .x
        })
    };
    let mut top = rect.top();
    if !visible.is_empty() {
        // The key: which colour is which step.
        let mut x = rect.left();
        let mid = top + ROW_H / 2.0;
        for (words, up) in KEY {
            let sw = Rect::from_center_size(pos2(x + SWATCH / 2.0, mid), vec2(SWATCH, SWATCH));
            painter.rect_filled(sw, 1.0, theme.step(up));
            let galley = one_line(
                ui,
                words,
                &font,
                (rect.right() - sw.right() - GAP).max(0.0),
                theme.weak_text(),
            );
            let w = galley.size().x;
            painter.galley(
                pos2(sw.right() + GAP, mid - galley.size().y / 2.0),
                galley,
                text_color,
            );
            x = sw.right() + GAP + w + 3.0 * GAP;
        }
        top += ROW_H;
    }
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
        pos2(rect.left() + label_w + GAP + value_w, top),
        // Digits' ink reaches a point or two past their box: keep it inside.
        pos2(rect.right() - value_w - INK_PAD, rect.bottom()),
    );
    let max_abs = visible
        .iter()
        .map(|r| r.down.abs().max(r.up.abs()))
        .fold(0.0f64, f64::max);
    let zero_x = bars.center().x;
    let half = (bars.width() / 2.0).max(1.0);
    for (i, r) in visible.iter().enumerate() {
        let y0 = top + i as f32 * ROW_H;
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
        for (v, up) in [(r.down, false), (r.up, true)] {
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
            painter.rect_filled(bar, 1.0, theme.step(up));
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
    if !visible.is_empty() {
        painter.line_segment(
            [
                pos2(zero_x, top),
                pos2(zero_x, top + ROW_H * visible.len() as f32),
            ],
            Stroke::new(1.0, theme.zero_line().color),
        );
    }
    let mut y = top + visible.len() as f32 * ROW_H + 2.0;
    for galley in notes {
        let h = galley.size().y.max(ROW_H - 4.0) + 4.0;
        painter.galley(pos2(rect.left(), y), galley, text_color);
        y += h;
    }
}

/// The height the chart needs to show every row, its key and its notes (each note
/// given two rows), in points.
pub fn natural_height(t: &Tornado) -> f32 {
    let rows = t.rows.len();
    let notes = usize::from(t.note.is_some()) + usize::from(t.unavailable.is_some() || rows == 0);
    (rows + usize::from(rows > 0) + 2 * notes) as f32 * ROW_H
}
