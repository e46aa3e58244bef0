//! A legend row shared by the charts: a colour swatch and a name per series, wrapping
//! onto more lines for many series. Clicking an entry toggles the series; hovering shows
//! its description. Drawn the same in the window and the export (where it is inert).

use std::collections::BTreeSet;
use std::sync::Arc;

use egui::{Color32, Galley, RichText, Sense, TextStyle, Ui, WidgetText, vec2};

/// One legend entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Series name (also the toggle key).
    pub name: String,
    /// Swatch colour.
    pub color: Color32,
    /// Hover text (description, product lines); empty for none.
    pub hover: String,
    /// How the swatch is drawn.
    pub swatch: Swatch,
    /// Kept in view when a legend has more entries than rows (what the marks mean:
    /// projected, unallocated, the companies), while plain series fold into "+N more".
    pub essential: bool,
}

impl Entry {
    /// An entry with no hover text, not essential.
    pub fn new(name: impl Into<String>, color: Color32, swatch: Swatch) -> Self {
        Self {
            name: name.into(),
            color,
            hover: String::new(),
            swatch,
            essential: false,
        }
    }

    /// The same entry with a hover text.
    #[must_use]
    pub fn with_hover(mut self, hover: impl Into<String>) -> Self {
        self.hover = hover.into();
        self
    }

    /// The same entry, kept in view when the legend folds.
    #[must_use]
    pub fn essential(mut self) -> Self {
        self.essential = true;
        self
    }
}

/// A legend swatch: a filled square, a short dashed or dotted line, or a shaded band.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Swatch {
    /// Bars and solid lines.
    Fill,
    /// Projected values.
    Dashed,
    /// The compared company.
    Dotted,
    /// A line (segment growth lines; the dataset on screen in compare mode).
    Line,
    /// A bar and a dotted line in one colour: the compared company in revenue growth,
    /// whose revenue is bars and whose growth is a dotted line.
    BarsDotted,
    /// The fan of outcomes: a pale band with a dotted median, in the entry's colour, or
    /// with its lower half in a second colour when a chart draws two bands.
    Band(Option<Color32>),
}

impl Swatch {
    /// The marks this swatch stands for, each as the plain swatch of one series: what a
    /// chart records of the series it draws ([`super::marks::Mark::Series`]).
    pub fn parts(self) -> Vec<Swatch> {
        match self {
            Swatch::BarsDotted => vec![Swatch::Fill, Swatch::Dotted],
            s => vec![s],
        }
    }
}

/// Space after each entry, in points.
const ENTRY_GAP: f32 = 8.0;
/// Swatch size, in points.
const SWATCH: f32 = 12.0;

/// A name on a legend is at most this share of a row wide (longer ones end in "…").
const NAME_SHARE: f32 = 0.4;

/// How many of the plain entries (of widths `plain`, gaps included) fit in `max_rows`
/// rows of `row_w` points together with every essential entry (`essential`) and, when
/// some plain ones are left out, a "+N more" chip of `chip_w` points. Entries wrap as
/// whole units.
pub fn fitting(
    plain: &[f32],
    essential: &[f32],
    row_w: f32,
    max_rows: usize,
    chip_w: f32,
) -> usize {
    let rows_for = |n: usize| {
        let chip = (n < plain.len()).then_some(chip_w);
        let mut rows = 1;
        let mut x = 0.0;
        for w in plain
            .iter()
            .take(n)
            .copied()
            .chain(chip)
            .chain(essential.iter().copied())
        {
            let w = w.min(row_w);
            if x > 0.0 && x + w > row_w {
                rows += 1;
                x = 0.0;
            }
            x += w;
        }
        rows
    };
    (0..=plain.len())
        .rev()
        .find(|&n| rows_for(n) <= max_rows)
        .unwrap_or(0)
}

/// Whether clicking an entry does something: `None` for an image (nothing is clickable),
/// or the window's answer per entry (an entry that toggles nothing is not a button).
pub type Clickable<'a> = Option<&'a dyn Fn(&Entry) -> bool>;

/// Draws the entries in at most `max_rows` rows: plain series fold into a "+N more" entry
/// (naming them on hover) when they do not fit, essential entries always show. Returns
/// the name of an entry clicked this frame.
pub fn ui(
    ui: &mut Ui,
    entries: &[Entry],
    hidden: &BTreeSet<String>,
    clickable: Clickable<'_>,
    max_rows: usize,
) -> Option<String> {
    let interactive = clickable.is_some();
    let mut clicked = None;
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 4.0;
        // Swatch, gaps, and the button's padding in the window.
        let button_pad = if interactive {
            2.0 * ui.spacing().button_padding.x
        } else {
            0.0
        };
        let pad = button_pad + SWATCH + 2.0 * ui.spacing().item_spacing.x + ENTRY_GAP;
        let row_w = ui.available_width();
        let cap = (row_w * NAME_SHARE).max(80.0);
        // Each name is laid out once, as it is drawn ("…" past `cap`): its width decides
        // the rows, and the same galley is painted.
        let named: Vec<(&Entry, Arc<Galley>)> = entries
            .iter()
            .map(|e| (e, name_galley(ui, e, hidden.contains(&e.name), cap)))
            .collect();
        let width = |g: &Galley| g.size().x + pad;
        let (essential, plain): (Vec<_>, Vec<_>) = named.iter().partition(|(e, _)| e.essential);
        let plain_w: Vec<f32> = plain.iter().map(|(_, g)| width(g)).collect();
        let essential_w: Vec<f32> = essential.iter().map(|(_, g)| width(g)).collect();
        let more_w = width(&more_galley(ui, plain.len()));
        let shown = fitting(&plain_w, &essential_w, row_w, max_rows.max(1), more_w);
        let mut draw = |ui: &mut Ui, e: &Entry, name: &Arc<Galley>, w: f32| {
            // Swatch and name wrap together: start a new row when the whole entry will
            // not fit in what is left of this one.
            let at_row_start = ui.cursor().min.x <= ui.max_rect().min.x + 1.0;
            if w > ui.available_size_before_wrap().x && !at_row_start {
                ui.end_row();
            }
            let click = clickable.is_some_and(|f| f(e));
            if entry_ui(ui, e, name, hidden.contains(&e.name), click) {
                clicked = Some(e.name.clone());
            }
            ui.add_space(ENTRY_GAP);
        };
        for ((e, g), w) in plain.iter().zip(&plain_w).take(shown) {
            draw(ui, e, g, *w);
        }
        if let Some(rest) = plain.get(shown..).filter(|r| !r.is_empty()) {
            if more_w > ui.available_size_before_wrap().x {
                ui.end_row();
            }
            let more = more_galley(ui, rest.len());
            // Centred in the row as the entries are.
            let h = ui.spacing().interact_size.y.max(more.size().y);
            let (rect, r) = ui.allocate_exact_size(vec2(more.size().x, h), Sense::hover());
            let pos = egui::pos2(rect.left(), rect.center().y - more.size().y / 2.0);
            let label = more.text().to_owned();
            ui.painter().galley(pos, more, ui.visuals().text_color());
            r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &label));
            // The folded series with their swatches: the chart's colours keep their key.
            r.on_hover_ui(|ui| {
                for (e, _) in rest {
                    ui.horizontal(|ui| {
                        let (rect, _) =
                            ui.allocate_exact_size(vec2(SWATCH, SWATCH), Sense::hover());
                        let off = hidden.contains(&e.name);
                        swatch(
                            ui,
                            e.swatch,
                            rect,
                            if off {
                                e.color.gamma_multiply(0.25)
                            } else {
                                e.color
                            },
                        );
                        ui.label(&e.name);
                    });
                }
            });
            ui.add_space(ENTRY_GAP);
        }
        for ((e, g), w) in essential.iter().zip(&essential_w) {
            draw(ui, e, g, *w);
        }
    });
    clicked
}

/// The "+N more" chip's text, laid out.
fn more_galley(ui: &Ui, n: usize) -> Arc<Galley> {
    WidgetText::from(RichText::new(format!("+{n} more")).small()).into_galley(
        ui,
        Some(egui::TextWrapMode::Extend),
        f32::INFINITY,
        TextStyle::Small,
    )
}

/// An entry's name as drawn: small, struck through and weak when its series is hidden,
/// shortened with "…" past `max_w` points.
fn name_galley(ui: &Ui, e: &Entry, off: bool, max_w: f32) -> Arc<Galley> {
    let text = if off {
        // Struck through, between the text and the weak colour: egui's weak colour is
        // under 3:1 on the Scenario summary's background (the layout lint's floor).
        let v = ui.visuals();
        let color = v.text_color().lerp_to_gamma(v.weak_text_color(), 0.5);
        RichText::new(&e.name).strikethrough().color(color).small()
    } else {
        RichText::new(&e.name).small()
    };
    WidgetText::from(text).into_galley(
        ui,
        Some(egui::TextWrapMode::Truncate),
        max_w,
        TextStyle::Small,
    )
}

/// One entry: its swatch and its name, painted in one rectangle that is one widget (one
/// click, one hover text, one Tab stop named after the series, when `interactive`);
/// returns whether it was clicked. Painted rather than built from a swatch and a
/// frameless button: the legends are on every chart, redrawn every frame.
fn entry_ui(ui: &mut Ui, e: &Entry, name: &Arc<Galley>, off: bool, interactive: bool) -> bool {
    let sense = if interactive {
        Sense::click()
    } else {
        Sense::hover()
    };
    let gap = ui.spacing().item_spacing.x;
    let h = ui.spacing().interact_size.y;
    let size = vec2(SWATCH + gap + name.size().x, h.max(name.size().y));
    let (rect, response) = ui.allocate_exact_size(size, sense);
    if ui.is_rect_visible(rect) {
        // A clickable entry shows the pointer over it and keyboard focus, struck through
        // or not: a background when hovered or focused; the window's focus ring
        // (`ui::help::paint_focus_ring`) rings the focused one, as every other control.
        let frame = rect.expand(2.0);
        if interactive && (response.hovered() || response.has_focus()) {
            let v = &ui.visuals().widgets.hovered;
            ui.painter()
                .rect_filled(frame, v.corner_radius, v.weak_bg_fill);
        }
        let swatch_rect = egui::Rect::from_center_size(
            egui::pos2(rect.left() + SWATCH / 2.0, rect.center().y),
            vec2(SWATCH, SWATCH),
        );
        let color = if off {
            e.color.gamma_multiply(0.25)
        } else {
            e.color
        };
        swatch(ui, e.swatch, swatch_rect, color);
        let text_color = if interactive {
            ui.style().interact(&response).text_color()
        } else {
            ui.visuals().text_color()
        };
        let pos = egui::pos2(
            rect.left() + SWATCH + gap,
            rect.center().y - name.size().y / 2.0,
        );
        ui.painter().galley(pos, Arc::clone(name), text_color);
    }
    let kind = if interactive {
        egui::Role::Button
    } else {
        egui::Role::Label
    };
    response.widget_info(|| egui::WidgetInfo::labeled(kind, ui.is_enabled(), &e.name));
    // A shortened name is whole on hover, above the entry's description (unless that
    // starts with the name already: "Twilio: solid lines").
    let hover = match (name.elided, e.hover.is_empty()) {
        (true, true) => std::borrow::Cow::Borrowed(e.name.as_str()),
        (true, false) if !e.hover.starts_with(&e.name) => {
            std::borrow::Cow::Owned(format!("{}\n{}", e.name, e.hover))
        }
        _ => std::borrow::Cow::Borrowed(e.hover.as_str()),
    };
    if !interactive {
        if !hover.is_empty() {
            response.on_hover_text(hover);
        }
        return false;
    }
    if let Some(cursor) = ui.visuals().interact_cursor
        && response.hovered()
    {
        ui.ctx().set_cursor_icon(cursor);
    }
    let response = if hover.is_empty() {
        response
    } else {
        response.on_hover_text(hover)
    };
    response.clicked()
}

/// Paints a swatch in `rect`.
fn swatch(ui: &Ui, kind: Swatch, rect: egui::Rect, color: Color32) {
    let y = rect.center().y;
    let painter = ui.painter();
    match kind {
        Swatch::Dashed => {
            for k in 0..3 {
                let x0 = rect.left() + k as f32 * 4.5;
                let seg = [
                    egui::pos2(x0, y),
                    egui::pos2((x0 + 3.0).min(rect.right()), y),
                ];
                painter.line_segment(seg, egui::Stroke::new(2.5, color));
            }
        }
        Swatch::Dotted => {
            for k in 0..4 {
                painter.circle_filled(
                    egui::pos2(rect.left() + 1.5 + k as f32 * 3.0, y),
                    1.1,
                    color,
                );
            }
        }
        Swatch::Line => {
            painter.line_segment(
                [egui::pos2(rect.left(), y), egui::pos2(rect.right(), y)],
                egui::Stroke::new(2.0, color),
            );
        }
        Swatch::Fill => {
            painter.rect_filled(rect.shrink(1.0), 2.0, color);
        }
        Swatch::BarsDotted => {
            // A bar on the left, two dots of the line on the right.
            let bar = egui::Rect::from_min_max(
                egui::pos2(rect.left() + 1.0, rect.top() + 2.0),
                egui::pos2(rect.left() + 5.5, rect.bottom() - 1.0),
            );
            painter.rect_filled(bar, 1.0, color);
            for k in 0..2 {
                painter.circle_filled(
                    egui::pos2(rect.left() + 8.0 + k as f32 * 3.0, y),
                    1.1,
                    color,
                );
            }
        }
        Swatch::Band(second) => {
            let r = rect.shrink(1.0);
            let halves = match second {
                Some(lower) => vec![
                    (
                        egui::Rect::from_min_max(r.min, egui::pos2(r.max.x, y)),
                        color,
                    ),
                    (
                        egui::Rect::from_min_max(egui::pos2(r.min.x, y), r.max),
                        lower,
                    ),
                ],
                None => vec![(r, color)],
            };
            for (part, c) in halves {
                painter.rect_filled(part, 0.0, c.gamma_multiply(BAND_SWATCH_OPACITY));
                for k in 0..4 {
                    let x = part.left() + 1.5 + k as f32 * 3.0;
                    painter.circle_filled(egui::pos2(x, part.center().y), 0.9, c);
                }
            }
        }
    }
}

/// Opacity of a band swatch's shading (the band on the chart is as pale).
const BAND_SWATCH_OPACITY: f32 = 0.3;

#[cfg(test)]
mod tests {
    use super::fitting;

    #[test]
    fn entries_fit_in_the_rows_given_with_room_for_the_rest() {
        // Five entries of 100 in rows of 250: two a row.
        let w = [100.0; 5];
        assert_eq!(fitting(&w, &[], 250.0, 3, 60.0), 5);
        // Two rows: four entries would fill them, so three and "+2 more".
        assert_eq!(fitting(&w, &[], 250.0, 2, 60.0), 3);
        assert_eq!(fitting(&w, &[], 250.0, 1, 60.0), 1);
        // An entry wider than a row takes a row of its own (its name is shortened).
        assert_eq!(fitting(&[400.0, 100.0], &[], 250.0, 2, 60.0), 2);
        // Essential entries always show: plain ones make room for them. Row 1: two plain
        // (200) and the chip (40); row 2: the two essential ones (200).
        assert_eq!(fitting(&w, &[100.0, 100.0], 250.0, 2, 40.0), 2);
        assert_eq!(fitting(&w, &[100.0, 100.0], 250.0, 1, 40.0), 0);
    }
}
