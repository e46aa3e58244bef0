//! The data table: every figure and derived metric by year (from `model::table`),
//! numbers right-aligned, missing values blank, a sticky header, scrolling both ways.
//!
//! Only the visible cells are drawn, in both directions. A 50-year, 20-segment dataset has
//! 73 columns; `egui_extras::TableBuilder` virtualises rows but lays out every column each
//! frame, which measured at 46% of the whole dashboard frame (see BENCHMARKS.md).
//! Column widths come from the widest cell, measured once per font size and document.

use egui::{Align2, FontId, Rect, RichText, ScrollArea, Sense, Ui, pos2, vec2};

use super::Dashboard;
use crate::model::table::Table;

const ROW_H: f32 = 18.0;
const HEADER_H: f32 = 22.0;
const PAD: f32 = 8.0;

/// Width of each column in points: the widest cell or header, plus padding.
pub fn column_widths(t: &Table, cell_char_w: f32, header_char_w: f32) -> Vec<f32> {
    t.columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let cells = t
                .rows
                .iter()
                .filter_map(|r| r.get(i))
                .map(|s| s.chars().count())
                .max()
                .unwrap_or(0);
            let head = c.header.chars().count();
            (cells as f32 * cell_char_w).max(head as f32 * header_char_w) + 2.0 * PAD
        })
        .collect()
}

/// Draws the table into the rest of the cell.
pub fn ui(ui: &mut Ui, d: &Dashboard) {
    let t = &d.doc.table;
    if t.rows.is_empty() {
        ui.label(RichText::new("No years").weak());
        return;
    }
    let mono = FontId::monospace(12.0);
    let head = FontId::proportional(11.0);
    let (cw, hw) = ui
        .ctx()
        .fonts_mut(|f| (f.glyph_width(&mono, '0'), f.glyph_width(&head, 'n')));
    let widths = column_widths(t, cw, hw * 1.05);
    let mut xs = Vec::with_capacity(widths.len() + 1);
    let mut x = 0.0;
    for w in &widths {
        xs.push(x);
        x += w;
    }
    xs.push(x);
    let total = vec2(x, HEADER_H + ROW_H * t.rows.len() as f32);
    let visuals = ui.visuals().clone();
    ScrollArea::both()
        .id_salt("data_table")
        .auto_shrink([false, false])
        .scroll_bar_visibility(egui::scroll_area::ScrollBarVisibility::AlwaysVisible)
        .show_viewport(ui, |ui, viewport| {
            let (content, _) = ui.allocate_exact_size(total, Sense::hover());
            let origin = content.min;
            let painter = ui.painter();
            let text = visuals.text_color();
            // Visible rows and columns only.
            let first_row = (((viewport.min.y - HEADER_H) / ROW_H).floor().max(0.0)) as usize;
            let last_row = ((((viewport.max.y - HEADER_H) / ROW_H).ceil().max(0.0)) as usize)
                .min(t.rows.len());
            let first_col = xs
                .partition_point(|&x| x <= viewport.min.x)
                .saturating_sub(1);
            let last_col = xs
                .partition_point(|&x| x < viewport.max.x)
                .min(widths.len());
            for r in first_row..last_row {
                let y = origin.y + HEADER_H + r as f32 * ROW_H;
                if r % 2 == 1 {
                    let stripe = Rect::from_min_size(
                        pos2(origin.x + viewport.min.x, y),
                        vec2(viewport.width(), ROW_H),
                    );
                    painter.rect_filled(stripe, 0.0, visuals.faint_bg_color);
                }
                let Some(cells) = t.rows.get(r) else { continue };
                for c in first_col..last_col {
                    let (Some(cell), Some(col), Some(&x0), Some(&w)) =
                        (cells.get(c), t.columns.get(c), xs.get(c), widths.get(c))
                    else {
                        continue;
                    };
                    let (pos, align) = if col.numeric {
                        (
                            pos2(origin.x + x0 + w - PAD, y + ROW_H / 2.0),
                            Align2::RIGHT_CENTER,
                        )
                    } else {
                        (
                            pos2(origin.x + x0 + PAD, y + ROW_H / 2.0),
                            Align2::LEFT_CENTER,
                        )
                    };
                    painter.text(pos, align, cell, mono.clone(), text);
                }
            }
            // Sticky header over the rows.
            let hy = origin.y + viewport.min.y;
            let band = Rect::from_min_size(
                pos2(origin.x + viewport.min.x, hy),
                vec2(viewport.width(), HEADER_H),
            );
            painter.rect_filled(band, 0.0, visuals.extreme_bg_color);
            for c in first_col..last_col {
                let (Some(col), Some(&x0), Some(&w)) = (t.columns.get(c), xs.get(c), widths.get(c))
                else {
                    continue;
                };
                let (pos, align) = if col.numeric {
                    (
                        pos2(origin.x + x0 + w - PAD, hy + HEADER_H / 2.0),
                        Align2::RIGHT_CENTER,
                    )
                } else {
                    (
                        pos2(origin.x + x0 + PAD, hy + HEADER_H / 2.0),
                        Align2::LEFT_CENTER,
                    )
                };
                painter.text(
                    pos,
                    align,
                    &col.header,
                    head.clone(),
                    visuals.strong_text_color(),
                );
            }
        });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::table::Column;

    #[test]
    fn widths_fit_the_widest_cell_or_header() {
        let t = Table {
            columns: vec![
                Column {
                    header: "Year".into(),
                    numeric: false,
                },
                Column {
                    header: "A".into(),
                    numeric: true,
                },
            ],
            rows: vec![
                vec!["2024".into(), "123456".into()],
                vec!["2025".into(), String::new()],
            ],
            derived: vec![],
        };
        assert_eq!(
            column_widths(&t, 7.0, 6.0),
            vec![4.0 * 7.0 + 16.0, 6.0 * 7.0 + 16.0]
        );
    }
}
