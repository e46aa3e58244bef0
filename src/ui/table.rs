//! The data table: every figure and derived metric by year (from `model::table`),
//! numbers right-aligned, missing values blank, scrolling both ways.

use egui::{Layout, RichText, Ui};
use egui_extras::{Column, TableBuilder};

use super::Dashboard;
use crate::model::table;

/// Draws the table.
pub fn ui(ui: &mut Ui, d: &Dashboard) {
    let t = table::build(&d.doc.dataset, &d.doc.metrics);
    egui::ScrollArea::horizontal()
        .id_salt("table_h")
        .show(ui, |ui| {
            let max_h = ui.available_height();
            let mut b = TableBuilder::new(ui)
                .striped(true)
                .resizable(false)
                .max_scroll_height(max_h);
            for (i, c) in t.columns.iter().enumerate() {
                b = b.column(
                    if i == 0 {
                        Column::auto().at_least(44.0)
                    } else {
                        Column::auto().at_least(64.0)
                    }
                    .clip(false),
                );
                let _ = c;
            }
            b.header(20.0, |mut h| {
                for c in &t.columns {
                    h.col(|ui| {
                        let layout = if c.numeric {
                            Layout::right_to_left(egui::Align::Center)
                        } else {
                            Layout::left_to_right(egui::Align::Center)
                        };
                        ui.with_layout(layout, |ui| {
                            ui.label(RichText::new(&c.header).strong().small())
                        });
                    });
                }
            })
            .body(|body| {
                body.rows(18.0, t.rows.len(), |mut row| {
                    let Some(cells) = t.rows.get(row.index()) else {
                        return;
                    };
                    for (c, cell) in t.columns.iter().zip(cells) {
                        row.col(|ui| {
                            let layout = if c.numeric {
                                Layout::right_to_left(egui::Align::Center)
                            } else {
                                Layout::left_to_right(egui::Align::Center)
                            };
                            ui.with_layout(layout, |ui| ui.label(RichText::new(cell).monospace()));
                        });
                    }
                });
            });
        });
}
