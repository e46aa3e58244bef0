//! The data table: every figure and derived metric by year (from `model::table`),
//! statement-style (one row per figure, one column per year, as in a 10-K), numbers
//! right-aligned, missing values blank. The header row (the years) and the first column
//! (the figures) stay while the rest scrolls both ways.
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
/// The first column (the figures' names) takes at most this share of the cell...
const FIRST_COL_SHARE: f32 = 0.45;
/// ...and at least this width, in points.
const FIRST_COL_MIN: f32 = 150.0;

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
            // Text columns (the figures' names) are drawn in the header's font.
            let char_w = if c.numeric {
                cell_char_w
            } else {
                header_char_w
            };
            (cells as f32 * char_w).max(head as f32 * header_char_w) + 2.0 * PAD
        })
        .collect()
}

/// Room kept right of and below the cells for the scroll bars, which egui draws over
/// the content: the last column and row are never under a bar.
const SCROLL_BAR_ROOM: f32 = 14.0;

/// Draws the table into the rest of the cell: the header row stays at the top and the
/// Year column at the left while the rest scrolls.
pub fn ui(ui: &mut Ui, dashboard: &Dashboard) {
    let t = &dashboard.document().statement;
    if t.rows.is_empty() {
        ui.label(RichText::new("No years").weak());
        return;
    }
    let mono = FontId::monospace(12.0);
    let head = FontId::proportional(11.0);
    let (cw, hw) = ui
        .ctx()
        .fonts_mut(|f| (f.glyph_width(&mono, '0'), f.glyph_width(&head, 'n')));
    let mut widths = column_widths(t, cw, hw * 1.05);
    // The figures' names take at most part of the cell, so the years stay in view: a
    // long segment name ends in "…" (the CSV and `moneymap table` keep it whole).
    // Cut only when the years would not all fit beside the whole names.
    let years_w: f32 = widths.iter().skip(1).sum();
    let first_max = (ui.available_width() * FIRST_COL_SHARE)
        .max(FIRST_COL_MIN)
        .max(ui.available_width() - years_w - SCROLL_BAR_ROOM);
    let mut first_chars = usize::MAX;
    if let Some(w) = widths.first_mut()
        && *w > first_max
    {
        *w = first_max;
        first_chars = ((first_max - 2.0 * PAD) / (hw * 1.05)).floor().max(4.0) as usize;
    }
    let mut xs = Vec::with_capacity(widths.len() + 1);
    let mut x = 0.0;
    for w in &widths {
        xs.push(x);
        x += w;
    }
    xs.push(x);
    let total = vec2(
        x + SCROLL_BAR_ROOM,
        HEADER_H + ROW_H * t.rows.len() as f32 + SCROLL_BAR_ROOM,
    );
    let end = total.x - ui.available_width();
    let grid = Grid {
        table: t,
        widths: &widths,
        xs: &xs,
        mono,
        head,
        visuals: ui.visuals().clone(),
        first_chars,
    };
    // As tall as the rows (a short table does not leave its scroll bar at the cell's
    // bottom), scroll bars only when the table does not fit.
    // A newly opened dataset shows its latest years (the right end), as an analyst reads a
    // statement; after that the table stays where the user scrolled it.
    let seen = ui.make_persistent_id("data_table_document");
    let hash = egui::util::hash((
        t.columns.len(),
        t.columns.last().map(|c| &c.header),
        &dashboard.document().name,
    ));
    let fresh = ui.ctx().data(|m| m.get_temp::<u64>(seen)) != Some(hash);
    if fresh {
        ui.ctx().data_mut(|m| m.insert_temp(seen, hash));
    }
    let mut area = ScrollArea::both();
    if fresh {
        area = area.horizontal_scroll_offset(end.max(0.0));
    }
    let scroll = area
        .id_salt("data_table")
        .auto_shrink([false, true])
        .show_viewport(ui, |ui, viewport| {
            let (content, response) = ui.allocate_exact_size(total, Sense::hover());
            grid.paint(ui, content.min, viewport);
            // A name shortened with "…" is whole on hover.
            if let Some(name) = response
                .hover_pos()
                .and_then(|p| grid.cut_name_at(content.min, viewport, p))
            {
                response.on_hover_text_at_pointer(name);
            }
        });
    crate::charts::marks::record(
        ui.ctx(),
        crate::charts::marks::Mark::Scroll(scroll.inner_rect),
    );
}

/// What painting the visible part of the table needs.
struct Grid<'a> {
    table: &'a Table,
    widths: &'a [f32],
    xs: &'a [f32],
    mono: FontId,
    head: FontId,
    visuals: egui::Visuals,
    /// The most characters a name in the first column shows before "…".
    first_chars: usize,
}

impl Grid<'_> {
    /// The whole name of the row under `pointer` when the frozen first column shows it
    /// shortened.
    fn cut_name_at(&self, origin: egui::Pos2, viewport: Rect, pointer: egui::Pos2) -> Option<&str> {
        let year_w = self.widths.first().copied().unwrap_or(0.0);
        let left = origin.x + viewport.min.x;
        let top = origin.y + viewport.min.y + HEADER_H;
        if pointer.x < left || pointer.x > left + year_w || pointer.y < top {
            return None;
        }
        let row = ((pointer.y - origin.y - HEADER_H) / ROW_H).floor();
        let name = self.table.rows.get(row as usize)?.first()?;
        (row >= 0.0 && name.chars().count() > self.first_chars).then_some(name.as_str())
    }

    /// Paints the visible rows and columns, then the frozen Year column, the sticky
    /// header, and their shared corner on top.
    fn paint(&self, ui: &Ui, origin: egui::Pos2, viewport: Rect) {
        let t = self.table;
        let painter = ui.painter();
        let text = self.visuals.text_color();
        let first_row = (((viewport.min.y - HEADER_H) / ROW_H).floor().max(0.0)) as usize;
        let last_row =
            ((((viewport.max.y - HEADER_H) / ROW_H).ceil().max(0.0)) as usize).min(t.rows.len());
        let year_w = self.widths.first().copied().unwrap_or(0.0);
        // Only columns wholly right of the frozen names column are drawn: one partly
        // under it would show a sliver of its numbers' last digits.
        let first_col = self
            .xs
            .partition_point(|&x| x < viewport.min.x + year_w - 0.5)
            .max(1);
        let last_col = self
            .xs
            .partition_point(|&x| x < viewport.max.x)
            .min(self.widths.len());
        let left = origin.x + viewport.min.x;
        let top = origin.y + viewport.min.y;
        let clip = painter.clip_rect();
        // The scrolling cells and header cells are clipped right of the Year column, so a
        // column scrolled under it is cut at its edge (and the lint knows these clips
        // scroll).
        let body_clip =
            Rect::from_min_max(pos2(left + year_w, top + HEADER_H), clip.max).intersect(clip);
        let head_clip =
            Rect::from_min_max(pos2(left + year_w, top), pos2(clip.max.x, top + HEADER_H))
                .intersect(clip);
        for r in [body_clip, head_clip] {
            crate::charts::marks::record(ui.ctx(), crate::charts::marks::Mark::Scroll(r));
        }
        let body = painter.with_clip_rect(body_clip);
        // Stripes first, then every cell: shapes of one clip rectangle in a row make one
        // mesh (a stripe between the rows of cells started a new mesh per row).
        for r in (first_row..last_row).filter(|r| r % 2 == 1) {
            let y = origin.y + HEADER_H + r as f32 * ROW_H;
            let stripe = Rect::from_min_size(pos2(left, y), vec2(viewport.width(), ROW_H));
            painter.rect_filled(stripe, 0.0, self.visuals.faint_bg_color);
        }
        for r in first_row..last_row {
            let y = origin.y + HEADER_H + r as f32 * ROW_H;
            for c in first_col..last_col {
                self.cell(&body, origin.x, y, r, c, text);
            }
        }
        // The Year column, frozen at the left edge of the viewport.
        let band = Rect::from_min_size(
            pos2(left, origin.y + viewport.min.y),
            vec2(year_w, viewport.height()),
        );
        painter.rect_filled(band, 0.0, self.visuals.panel_fill);
        for r in first_row..last_row {
            let y = origin.y + HEADER_H + r as f32 * ROW_H;
            if r % 2 == 1 {
                let stripe = Rect::from_min_size(pos2(left, y), vec2(year_w, ROW_H));
                painter.rect_filled(stripe, 0.0, self.visuals.faint_bg_color);
            }
            self.cell(painter, left - self.xs[0], y, r, 0, text);
        }
        // The header row, sticky at the top; its Year cell stays at the left too.
        let hy = top;
        let header = Rect::from_min_size(pos2(left, hy), vec2(viewport.width(), HEADER_H));
        painter.rect_filled(header, 0.0, self.visuals.extreme_bg_color);
        let head = painter.with_clip_rect(head_clip);
        for c in first_col..last_col {
            self.header(&head, origin.x, hy, c);
        }
        let corner = Rect::from_min_size(pos2(left, hy), vec2(year_w, HEADER_H));
        painter.rect_filled(corner, 0.0, self.visuals.extreme_bg_color);
        self.header(painter, left - self.xs[0], hy, 0);
    }

    /// The text position of column `c` whose left edge is at `x0 + xs[c]`.
    fn anchor(&self, x0: f32, y: f32, h: f32, c: usize) -> Option<(egui::Pos2, Align2)> {
        let (col, &x, &w) = (
            self.table.columns.get(c)?,
            self.xs.get(c)?,
            self.widths.get(c)?,
        );
        Some(if col.numeric {
            (pos2(x0 + x + w - PAD, y + h / 2.0), Align2::RIGHT_CENTER)
        } else {
            (pos2(x0 + x + PAD, y + h / 2.0), Align2::LEFT_CENTER)
        })
    }

    fn cell(
        &self,
        painter: &egui::Painter,
        x0: f32,
        y: f32,
        r: usize,
        c: usize,
        color: egui::Color32,
    ) {
        let Some(text) = self.table.rows.get(r).and_then(|row| row.get(c)) else {
            return;
        };
        let numeric = self.table.columns.get(c).is_some_and(|col| col.numeric);
        let font = if numeric { &self.mono } else { &self.head };
        let text = if c == 0 {
            shorten(text, self.first_chars)
        } else {
            text.clone()
        };
        if let Some((pos, align)) = self.anchor(x0, y, ROW_H, c) {
            painter.text(pos, align, text, font.clone(), color);
        }
    }

    fn header(&self, painter: &egui::Painter, x0: f32, y: f32, c: usize) {
        let Some(col) = self.table.columns.get(c) else {
            return;
        };
        if let Some((pos, align)) = self.anchor(x0, y, HEADER_H, c) {
            painter.text(
                pos,
                align,
                &col.header,
                self.head.clone(),
                self.visuals.strong_text_color(),
            );
        }
    }
}

/// A figure's name in at most `max` characters: whole, or cut with "…" before the
/// words that tell a segment's rows apart (" share", " YoY"), which are kept.
pub fn shorten(name: &str, max: usize) -> String {
    if name.chars().count() <= max {
        return name.to_owned();
    }
    let suffix = [" share", " YoY"]
        .into_iter()
        .find(|s| name.ends_with(s))
        .unwrap_or("");
    let stem = name.strip_suffix(suffix).unwrap_or(name);
    let keep = max.saturating_sub(suffix.chars().count() + 1).max(1);
    let cut: String = stem.chars().take(keep).collect();
    format!("{}…{suffix}", cut.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::table::Column;

    /// Scrolled 300 points to the right, the first column (here the years of a table with
    /// one row per year) is still drawn at the viewport's left edge (it would be at 8,
    /// under the scrolled-away part, without the freeze), and so is its header.
    #[test]
    fn the_first_column_stays_put_while_the_rest_scrolls() {
        let dataset = crate::model::parse(crate::model::ERICSSON_RON)
            .expect("loads")
            .dataset;
        let m = crate::model::Metrics::compute(&dataset);
        let table = crate::model::table::build(&dataset, &m);
        let widths = column_widths(&table, 7.0, 6.0);
        let mut xs = vec![0.0];
        for w in &widths {
            xs.push(xs.last().copied().unwrap_or(0.0) + w);
        }
        let ctx = egui::Context::default();
        let input = egui::RawInput {
            screen_rect: Some(Rect::from_min_size(egui::Pos2::ZERO, vec2(2000.0, 400.0))),
            ..Default::default()
        };
        let mut out = ctx.run_ui(input, |ui| {
            let grid = Grid {
                table: &table,
                widths: &widths,
                xs: &xs,
                mono: FontId::monospace(12.0),
                head: FontId::proportional(11.0),
                visuals: ui.visuals().clone(),
                first_chars: usize::MAX,
            };
            let viewport = Rect::from_min_size(pos2(300.0, 0.0), vec2(500.0, 200.0));
            grid.paint(ui, egui::Pos2::ZERO, viewport);
        });
        out.textures_delta.clear();
        let texts: Vec<(String, f32)> = out
            .shapes
            .iter()
            .filter_map(|c| match &c.shape {
                egui::Shape::Text(t) => Some((t.galley.text().to_owned(), t.pos.x)),
                _ => None,
            })
            .collect();
        for year in ["2022", "2023", "2024"] {
            let x = texts.iter().find(|(t, _)| t == year).map(|(_, x)| *x);
            assert_eq!(
                x,
                Some(300.0 + PAD),
                "{year} at the viewport's left: {texts:?}"
            );
        }
        let year = texts.iter().find(|(t, _)| t == "Year").map(|(_, x)| *x);
        assert_eq!(year, Some(300.0 + PAD), "the header's Year too");
    }

    #[test]
    fn long_names_keep_the_words_that_tell_rows_apart() {
        let name = "Cloud Software, Services and Managed Operations Worldwide";
        assert_eq!(shorten(name, 20), "Cloud Software, Ser…");
        assert_eq!(
            shorten(&format!("{name} share"), 20),
            "Cloud Softwar… share"
        );
        assert_eq!(shorten(&format!("{name} YoY"), 20), "Cloud Software,… YoY");
        assert_eq!(shorten("Revenue YoY", 20), "Revenue YoY");
    }

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
        // The text column is measured in the header's font (6 a char), numbers in the
        // cells' (7 a char); 8 points of padding each side.
        assert_eq!(
            column_widths(&t, 7.0, 6.0),
            vec![4.0 * 6.0 + 16.0, 6.0 * 7.0 + 16.0]
        );
    }
}
