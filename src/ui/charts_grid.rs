//! The central grid: segment mix and revenue growth on top, margin trends and the
//! table / sensitivity tab below. Each cell draws its controls, then its chart from
//! `src/charts/`, sized to the cell so everything fits without scrolling.

use egui::{RichText, Ui, vec2};

use super::{Command, Dashboard, Tab, export_menu};
use crate::charts::{legend, margins, revenue_growth, segment_mix};
use crate::model::format;
use crate::render::export::ChartKind;

/// Name of the legend entry that stands for projected years.
pub const PROJECTED: &str = "Projected";

/// In compare mode, one entry per company: solid for the dataset on screen, dotted for
/// the compared one (clicking that entry stops comparing).
fn company_entries(d: &Dashboard) -> Vec<legend::Entry> {
    let Some(c) = &d.compare else {
        return Vec::new();
    };
    let theme = d.theme();
    vec![
        legend::Entry {
            name: d.doc.dataset.company.clone(),
            color: theme.weak_text(),
            hover: format!("{}: solid lines", d.doc.dataset.company),
            swatch: legend::Swatch::Fill,
        },
        legend::Entry {
            name: c.dataset.company.clone(),
            color: theme.weak_text(),
            hover: format!(
                "{}: dotted lines, diamonds ({}). Click to stop comparing.",
                c.dataset.company,
                c.origin()
            ),
            swatch: legend::Swatch::Dotted,
        },
    ]
}

fn projected_entry(d: &Dashboard) -> Option<legend::Entry> {
    let input = d.chart_input(true);
    input.projection?;
    Some(legend::Entry {
        name: PROJECTED.to_owned(),
        color: input.theme.weak_text(),
        hover: format!(
            "Years after {} are projected by the scenario \"{}\" (lighter bars, dashed lines, shaded span). Click to hide.",
            d.projection.base_year, d.scenario.name
        ),
        swatch: crate::charts::legend::Swatch::Dashed,
    })
}

/// Draws the grid.
pub fn ui(ui: &mut Ui, d: &Dashboard) -> Vec<Command> {
    let mut out = Vec::new();
    let avail = ui.available_size();
    let gap = 8.0;
    let cell = vec2(
        ((avail.x - gap) / 2.0).max(200.0),
        ((avail.y - gap) / 2.0).max(150.0),
    );
    ui.spacing_mut().item_spacing = vec2(gap, gap);
    let tab_kind = if d.view.tab == Tab::Sensitivity {
        Some(ChartKind::Scenario)
    } else {
        None
    };
    ui.horizontal(|ui| {
        let r = cell_ui(ui, cell, |ui| out.extend(mix_cell(ui, d)));
        out.extend(export_menu::context(&r, d, ChartKind::SegmentMix));
        let r = cell_ui(ui, cell, |ui| out.extend(growth_cell(ui, d)));
        out.extend(export_menu::context(&r, d, ChartKind::RevenueGrowth));
    });
    ui.horizontal(|ui| {
        let r = cell_ui(ui, cell, |ui| out.extend(margins_cell(ui, d)));
        out.extend(export_menu::context(&r, d, ChartKind::Margins));
        let r = cell_ui(ui, cell, |ui| out.extend(tab_cell(ui, d)));
        if let Some(kind) = tab_kind {
            out.extend(export_menu::context(&r, d, kind));
        }
    });
    out
}

fn cell_ui(ui: &mut Ui, size: egui::Vec2, add: impl FnOnce(&mut Ui)) -> egui::Response {
    // The cell senses clicks first, so widgets drawn inside it stay on top for hover and
    // clicks; a right click anywhere else in the cell opens its export menu.
    let (rect, response) = ui.allocate_exact_size(size, egui::Sense::click());
    let mut child = ui.new_child(
        egui::UiBuilder::new()
            .max_rect(rect)
            .layout(egui::Layout::top_down(egui::Align::Min)),
    );
    child.set_clip_rect(rect.intersect(ui.clip_rect()));
    child.spacing_mut().item_spacing = vec2(6.0, 3.0);
    add(&mut child);
    response
}

/// The title row's right side: the chart's export menu.
fn export_button(ui: &mut Ui, d: &Dashboard, kind: ChartKind, out: &mut Vec<Command>) {
    out.extend(export_menu::button(ui, d, kind));
}

fn plot_height(ui: &Ui) -> f32 {
    (ui.available_height() - 4.0).max(60.0)
}

fn mix_cell(ui: &mut Ui, d: &Dashboard) -> Vec<Command> {
    let mut out = Vec::new();
    let input = d.chart_input(true);
    ui.horizontal(|ui| {
        ui.label(RichText::new("Segment mix").strong());
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            export_button(ui, d, ChartKind::SegmentMix, &mut out);
            let share = d.view.mix.share;
            if ui.selectable_label(share, "Share %").clicked() && !share {
                out.push(Command::SetShare(true));
            }
            if ui.selectable_label(!share, "Money").clicked() && share {
                out.push(Command::SetShare(false));
            }
        });
    });
    if !d.doc.dataset.has_segment_split() {
        ui.label(
            RichText::new("No segment split in this dataset: total revenue only.")
                .small()
                .color(input.theme.weak_text()),
        );
    }
    let mut entries = segment_mix::legend_entries(&input);
    entries.extend(projected_entry(d));
    if let Some(name) = legend::ui(ui, &entries, &d.view.hidden_mix, true) {
        out.push(legend_command(d, name, Command::ToggleMixSeries));
    }
    let h = plot_height(ui);
    segment_mix::ui(ui, &input, &d.view.mix, &d.view.hidden_mix, h);
    out
}

fn legend_command(d: &Dashboard, name: String, toggle: fn(String) -> Command) -> Command {
    if name == PROJECTED {
        Command::SetShowProjection(false)
    } else if d
        .compare
        .as_ref()
        .is_some_and(|c| c.dataset.company == name)
    {
        Command::ClearCompare
    } else if name == d.doc.dataset.company && d.compare.is_some() {
        Command::Status(format!("{name} is the dataset on screen"))
    } else {
        toggle(name)
    }
}

fn growth_cell(ui: &mut Ui, d: &Dashboard) -> Vec<Command> {
    let mut out = Vec::new();
    let input = d.chart_input(true);
    let (first, last) = d.doc.dataset.year_span();
    let cagr = if first < last {
        format!(
            "CAGR {first}–{last}: {}",
            format::growth_opt(d.doc.metrics.revenue_cagr)
        )
    } else {
        "CAGR: n/a (one year)".to_owned()
    };
    // Title, CAGR, "Segment lines" and Export need about 520 points in one row; on a
    // narrower cell the CAGR gets its own line, so it never runs under the controls.
    let wide = ui.available_width() >= 520.0;
    ui.horizontal(|ui| {
        ui.label(RichText::new("Revenue growth").strong());
        if wide {
            ui.label(RichText::new(&cagr).color(input.theme.weak_text()));
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            export_button(ui, d, ChartKind::RevenueGrowth, &mut out);
            if d.doc.dataset.has_segment_split() {
                let mut lines = d.view.growth.segment_lines;
                if ui.checkbox(&mut lines, "Segment lines").changed() {
                    out.push(Command::SetSegmentLines(lines));
                }
            }
        });
    });
    if !wide {
        ui.label(RichText::new(&cagr).small().color(input.theme.weak_text()));
    }
    let mut entries = vec![
        legend::Entry { name: "Revenue".into(), color: input.theme.revenue(), hover: String::new(), swatch: crate::charts::legend::Swatch::Fill },
        legend::Entry { name: "YoY growth %".into(), color: input.theme.growth(), hover: "Growth over the previous year; not shown across a gap in years or from a zero or negative base.".into(), swatch: crate::charts::legend::Swatch::Fill },
    ];
    entries.extend(projected_entry(d));
    entries.extend(company_entries(d));
    if let Some(name) = legend::ui(ui, &entries, &Default::default(), true)
        && (name == PROJECTED || d.compare.is_some())
    {
        out.push(legend_command(d, name, Command::Status));
    }
    let h = plot_height(ui);
    revenue_growth::ui(ui, &input, &d.view.growth, h);
    out
}

fn margins_cell(ui: &mut Ui, d: &Dashboard) -> Vec<Command> {
    let mut out = Vec::new();
    let input = d.chart_input(true);
    ui.horizontal(|ui| {
        ui.label(RichText::new("Margin trends").strong());
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            export_button(ui, d, ChartKind::Margins, &mut out);
        });
    });
    let mut entries = margins::legend_entries(&input);
    entries.extend(projected_entry(d));
    entries.extend(company_entries(d));
    if let Some(name) = legend::ui(ui, &entries, &d.view.hidden_margins, true) {
        out.push(legend_command(d, name, Command::ToggleMargin));
    }
    let h = plot_height(ui);
    margins::ui(ui, &input, &d.view.hidden_margins, h);
    out
}

fn tab_cell(ui: &mut Ui, d: &Dashboard) -> Vec<Command> {
    let mut out = Vec::new();
    ui.horizontal(|ui| {
        for (label, tab) in [
            ("Data table", Tab::Table),
            ("Scenario summary", Tab::Sensitivity),
        ] {
            if ui
                .selectable_label(d.view.tab == tab, RichText::new(label).strong())
                .clicked()
            {
                out.push(Command::SetTab(tab));
            }
        }
    });
    match d.view.tab {
        Tab::Table => super::table::ui(ui, d),
        Tab::Sensitivity => super::scenario::summary_ui(ui, d),
    }
    out
}
