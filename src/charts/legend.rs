//! A legend row shared by the charts: a colour swatch and a name per series, wrapping
//! onto more lines for many series. Clicking an entry toggles the series; hovering shows
//! its description. Drawn the same in the window and the export (where it is inert).

use std::collections::BTreeSet;

use egui::{Color32, RichText, Sense, Ui, vec2};

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
}

/// A legend swatch: a filled square, or a short dashed or dotted line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Swatch {
    /// Bars and solid lines.
    Fill,
    /// Projected values.
    Dashed,
    /// The compared company.
    Dotted,
}

/// Draws the entries; returns the name of an entry clicked this frame.
pub fn ui(
    ui: &mut Ui,
    entries: &[Entry],
    hidden: &BTreeSet<String>,
    interactive: bool,
) -> Option<String> {
    let mut clicked = None;
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 4.0;
        // Measure names in the style they are drawn in: buttons in the window, small
        // labels in an export.
        let style = if interactive {
            egui::TextStyle::Button
        } else {
            egui::TextStyle::Small
        };
        let font = style.resolve(ui.style());
        let pad = 2.0 * ui.spacing().button_padding.x + 12.0 + 3.0 * ui.spacing().item_spacing.x;
        for e in entries {
            // Swatch and name wrap together: start a new row when the whole entry will
            // not fit in what is left of this one (a nested layout cannot wrap as a unit).
            let name_w = ui.fonts_mut(|f| {
                f.layout_no_wrap(e.name.clone(), font.clone(), Color32::WHITE)
                    .size()
                    .x
            });
            let left_in_row = ui.available_size_before_wrap().x;
            let at_row_start = ui.cursor().min.x <= ui.max_rect().min.x + 1.0;
            if name_w + pad > left_in_row && !at_row_start {
                ui.end_row();
            }
            {
                let off = hidden.contains(&e.name);
                let (rect, _) = ui.allocate_exact_size(vec2(12.0, 12.0), Sense::hover());
                let color = if off {
                    e.color.gamma_multiply(0.25)
                } else {
                    e.color
                };
                let y = rect.center().y;
                match e.swatch {
                    Swatch::Dashed => {
                        for k in 0..3 {
                            let x0 = rect.left() + k as f32 * 4.5;
                            let seg = [
                                egui::pos2(x0, y),
                                egui::pos2((x0 + 3.0).min(rect.right()), y),
                            ];
                            ui.painter()
                                .line_segment(seg, egui::Stroke::new(2.5, color));
                        }
                    }
                    Swatch::Dotted => {
                        for k in 0..4 {
                            ui.painter().circle_filled(
                                egui::pos2(rect.left() + 1.5 + k as f32 * 3.0, y),
                                1.1,
                                color,
                            );
                        }
                    }
                    Swatch::Fill => {
                        ui.painter().rect_filled(rect.shrink(1.0), 2.0, color);
                    }
                }
                let text = if off {
                    RichText::new(&e.name).strikethrough().weak()
                } else {
                    RichText::new(&e.name)
                };
                if interactive {
                    let r = ui.add(egui::Button::new(text).frame(false).small());
                    let r = if e.hover.is_empty() {
                        r
                    } else {
                        r.on_hover_text(&e.hover)
                    };
                    if r.clicked() {
                        clicked = Some(e.name.clone());
                    }
                } else {
                    ui.label(text.small());
                }
            }
            ui.add_space(8.0);
        }
    });
    clicked
}
