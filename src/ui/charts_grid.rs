//! The central grid: segment mix and revenue growth on top, margin trends and the
//! table / scenario-summary tab below. Each cell draws its title row and controls, then
//! the chart's frame (legend, caption, note) and plot from [`crate::charts::frame`], the
//! same builder the export uses, sized to the cell so everything fits without scrolling.

use egui::{RichText, Ui, vec2};

use super::layout::CELL_GAP;
use super::{Action, Dashboard, Tab, export_menu};
use crate::charts::ChartKind;
use crate::charts::frame::{self, FrameOptions, PROJECTED};
use crate::charts::revenue_growth;
use crate::charts::{fan, legend};

/// A cell narrower than this puts the CAGR on its own line under the title row (title,
/// CAGR, "Segment lines" and Export need about this much in one row).
const GROWTH_ONE_ROW_MIN_WIDTH: f32 = 520.0;
/// The fan toggle's hover text when the chart shows only its growth plot.
pub const FAN_HOVER_COMPACT: &str = "The fan of outcomes is drawn over the revenue bars, which this cell is too short to show (enlarge the window), and on the Scenario summary's projection; View > Fan of outcomes turns it on or off.";
/// How much of its colour a greyed control keeps (egui's default, 0.5, leaves text
/// under 3:1 contrast).
const DISABLED_ALPHA: f32 = 0.75;
/// Hover text of the fan toggles (chart header and View menu).
pub const FAN_HOVER: &str = "The fan of outcomes: a band from the 10th to the 90th percentile of 2,000 simulated outcomes over the projected revenue and free cash flow, the median dotted; computed in the background.";
/// Smallest cell, in points.
const MIN_CELL: (f32, f32) = (200.0, 150.0);
/// Rows a chart's legend may take in a cell (more entries are named by "+N more").
const LEGEND_ROWS: usize = 2;
/// Height of a cell's title row, in points.
const TITLE_ROW_H: f32 = 24.0;
/// Height of a legend row, in points.
const LEGEND_ROW_H: f32 = 18.0;
/// Space kept under a cell's plot, in points.
const PLOT_BOTTOM_PAD: f32 = 4.0;

/// Draws the grid.
pub fn ui(ui: &mut Ui, dashboard: &Dashboard) -> Vec<Action> {
    let mut out = Vec::new();
    let avail = ui.available_size();
    let cell = vec2(
        ((avail.x - CELL_GAP) / 2.0).max(MIN_CELL.0),
        ((avail.y - CELL_GAP) / 2.0).max(MIN_CELL.1),
    );
    ui.spacing_mut().item_spacing = vec2(CELL_GAP, CELL_GAP);
    let tab_kind = (dashboard.view().tab == Tab::Sensitivity).then_some(ChartKind::Scenario);
    ui.horizontal(|ui| {
        for kind in [ChartKind::SegmentMix, ChartKind::RevenueGrowth] {
            let r = cell_ui(ui, cell, |ui| out.extend(chart_cell(ui, dashboard, kind)));
            out.extend(export_menu::context(&r, dashboard, kind));
        }
    });
    ui.horizontal(|ui| {
        let r = cell_ui(ui, cell, |ui| {
            out.extend(chart_cell(ui, dashboard, ChartKind::Margins))
        });
        out.extend(export_menu::context(&r, dashboard, ChartKind::Margins));
        let r = cell_ui(ui, cell, |ui| out.extend(tab_cell(ui, dashboard)));
        if let Some(kind) = tab_kind {
            out.extend(export_menu::context(&r, dashboard, kind));
        }
    });
    out
}

fn cell_ui(ui: &mut Ui, size: egui::Vec2, add: impl FnOnce(&mut Ui)) -> egui::Response {
    // The cell senses clicks first, so widgets drawn inside it stay on top for hover and
    // clicks; a right click anywhere else in the cell opens its export menu.
    // Clicks, but not a Tab stop: focus on a whole cell would show nothing.
    let (rect, response) = ui.allocate_exact_size(size, egui::Sense::CLICK);
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

/// One chart cell: title row with its controls, then the chart's frame and plot.
fn chart_cell(ui: &mut Ui, dashboard: &Dashboard, kind: ChartKind) -> Vec<Action> {
    let mut out = Vec::new();
    let input = dashboard.chart_input(true);
    // The controls share the title's row when they fit beside it, else take the row
    // under it (a narrow cell), never running out of the cell.
    let width = controls_width(ui, dashboard, kind);
    let title_w = text_width(ui, kind.title(), egui::TextStyle::Body);
    let own_row = title_w + ui.spacing().item_spacing.x + width > ui.available_width();
    let title_rows = if own_row { 2.0 } else { 1.0 };
    // What the plot gets at least: the cell less its title rows and the legend's rows.
    let plot_h =
        ui.available_height() - title_rows * TITLE_ROW_H - LEGEND_ROWS as f32 * LEGEND_ROW_H;
    let opts = FrameOptions {
        compact: revenue_growth::is_compact(plot_h),
        ..dashboard.frame_options()
    };
    let frame = frame::build(kind, &input, &opts);
    let weak = input.theme.weak_text();
    let wide = ui.available_width() >= GROWTH_ONE_ROW_MIN_WIDTH;
    let inline_caption = (kind == ChartKind::RevenueGrowth && wide)
        .then_some(frame.caption.as_deref())
        .flatten();
    if own_row {
        ui.label(RichText::new(kind.title()).strong());
    }
    ui.horizontal(|ui| {
        if !own_row {
            ui.label(RichText::new(kind.title()).strong());
        }
        if let Some(caption) = inline_caption {
            ui.label(RichText::new(caption).color(weak));
        }
        // Right-aligned, but added left to right so Tab walks them in reading order.
        ui.add_space((ui.available_width() - width).max(0.0));
        out.extend(controls(ui, dashboard, kind, opts.compact));
        out.extend(export_menu::button(ui, dashboard, kind));
    });
    if kind == ChartKind::RevenueGrowth
        && !wide
        && let Some(caption) = &frame.caption
    {
        ui.label(RichText::new(caption).small().color(weak));
    }
    if let Some(note) = &frame.note {
        ui.label(RichText::new(note).small().color(weak));
    }
    if let Some(name) = legend_ui(ui, dashboard, kind, &frame.legend, &opts) {
        out.extend(legend_action(dashboard, kind, &name));
    }
    let h = (ui.available_height() - PLOT_BOTTOM_PAD).max(60.0);
    frame::body(ui, kind, &input, &opts, h);
    out
}

/// Label of the fan toggle in the revenue-growth chart's title row.
pub const FAN_TOGGLE: &str = "Fan";

/// The labels of the controls in a chart's title row, left to right, and how many of
/// them are checkboxes.
fn control_labels(dashboard: &Dashboard, kind: ChartKind) -> (&'static [&'static str], usize) {
    match kind {
        ChartKind::SegmentMix => (&["Money", "Share %"], 0),
        ChartKind::RevenueGrowth if dashboard.document().dataset.has_segment_split() => {
            (&["Segment lines", FAN_TOGGLE], 2)
        }
        ChartKind::RevenueGrowth => (&[FAN_TOGGLE], 1),
        _ => (&[], 0),
    }
}

/// The width of `text` in `style`, on one line.
fn text_width(ui: &Ui, text: &str, style: egui::TextStyle) -> f32 {
    let font = style.resolve(ui.style());
    ui.fonts_mut(|f| {
        f.layout_no_wrap(text.to_owned(), font, egui::Color32::WHITE)
            .size()
            .x
    })
}

/// The width of a title row's controls and Export menu, measured in the button font.
fn controls_width(ui: &Ui, dashboard: &Dashboard, kind: ChartKind) -> f32 {
    let (labels, checkboxes) = control_labels(dashboard, kind);
    let font = egui::TextStyle::Button.resolve(ui.style());
    let spacing = ui.spacing();
    let text_w = |t: &str| {
        ui.fonts_mut(|f| {
            f.layout_no_wrap(t.to_owned(), font.clone(), egui::Color32::WHITE)
                .size()
                .x
        })
    };
    let button = |t: &str| text_w(t) + 2.0 * spacing.button_padding.x + spacing.item_spacing.x;
    let mut w: f32 = labels.iter().map(|t| button(t)).sum();
    w += checkboxes as f32 * (spacing.icon_width + spacing.icon_spacing);
    w + button("Export")
}

/// The controls in a chart's title row, left to right (before the Export menu).
fn controls(ui: &mut Ui, dashboard: &Dashboard, kind: ChartKind, compact: bool) -> Vec<Action> {
    let mut out = Vec::new();
    match kind {
        ChartKind::SegmentMix => {
            let share = dashboard.view().mix.share;
            if ui.selectable_label(!share, "Money").clicked() && share {
                out.push(Action::SetShare(false));
            }
            if ui.selectable_label(share, "Share %").clicked() && !share {
                out.push(Action::SetShare(true));
            }
        }
        ChartKind::RevenueGrowth => {
            if dashboard.document().dataset.has_segment_split() {
                let mut lines = dashboard.view().growth.segment_lines;
                if ui.checkbox(&mut lines, "Segment lines").changed() {
                    out.push(Action::SetSegmentLines(lines));
                }
            }
            // A cell too short for the revenue bars has no fan to toggle: the box is
            // greyed and says where the fan is (View > Fan of outcomes still toggles it).
            let mut fan = dashboard.view().show_fan;
            let r = if compact {
                // Greyed, but still readable (3:1 at least, as the layout lint asks). Its
                // own scope: changing the visuals copies the style, kept off the usual path.
                ui.scope(|ui| {
                    ui.visuals_mut().disabled_alpha = DISABLED_ALPHA;
                    ui.add_enabled(false, egui::Checkbox::new(&mut fan, FAN_TOGGLE))
                        .on_disabled_hover_text(FAN_HOVER_COMPACT)
                })
                .inner
            } else {
                ui.checkbox(&mut fan, FAN_TOGGLE).on_hover_text(FAN_HOVER)
            };
            if r.changed() {
                out.push(Action::SetShowFan(fan));
            }
        }
        _ => {}
    }
    out
}

/// Draws chart `kind`'s legend in the window: the frame's `entries`, and what the user
/// switched off by clicking its entry, still there and struck through so that a second
/// click brings it back (the export draws only what is shown). Returns the name clicked.
pub(super) fn legend_ui(
    ui: &mut Ui,
    dashboard: &Dashboard,
    kind: ChartKind,
    entries: &[legend::Entry],
    opts: &FrameOptions,
) -> Option<String> {
    let hidden = frame::hidden(kind, opts);
    let clickable = |e: &legend::Entry| legend_action(dashboard, kind, &e.name).is_some();
    let Some(off) = switched_off(dashboard, kind, opts.compact) else {
        return legend::ui(ui, entries, hidden, Some(&clickable), LEGEND_ROWS);
    };
    let mut hidden = hidden.clone();
    hidden.insert(off.name.clone());
    let mut entries = entries.to_vec();
    entries.push(off);
    legend::ui(ui, &entries, &hidden, Some(&clickable), LEGEND_ROWS)
}

/// The entry of the projection or the fan when the user switched it off, on the charts
/// that draw it.
fn switched_off(dashboard: &Dashboard, kind: ChartKind, compact: bool) -> Option<legend::Entry> {
    let theme = dashboard.theme();
    if kind == ChartKind::Dashboard {
        None
    } else if !dashboard.view().show_projection {
        Some(
            legend::Entry::new(PROJECTED, theme.weak_text(), legend::Swatch::Dashed)
                .essential()
                .with_hover(
                    "Projected years are hidden. Click to show them (View > Show projected years).",
                ),
        )
    } else if !dashboard.view().show_fan
        && (kind == ChartKind::Scenario || (kind == ChartKind::RevenueGrowth && !compact))
    {
        Some(
            legend::Entry::new(fan::ENTRY, theme.fan(), legend::Swatch::Band(None))
                .essential()
                .with_hover(
                    "The fan of outcomes is hidden. Click to show it (View > Fan of outcomes).",
                ),
        )
    } else {
        None
    }
}

/// What clicking a legend entry of the projection or the fan does: switch it off, or
/// back on when it is off.
pub(super) fn toggle_action(dashboard: &Dashboard, name: &str) -> Option<Action> {
    if name == PROJECTED {
        Some(Action::SetShowProjection(!dashboard.view().show_projection))
    } else if name == fan::ENTRY || name == fan::ENTRY_UPDATING {
        Some(Action::SetShowFan(!dashboard.view().show_fan))
    } else {
        None
    }
}

/// What clicking legend entry `name` of chart `kind` does (nothing for a series that
/// cannot be hidden: its entry is then not a button).
pub(super) fn legend_action(dashboard: &Dashboard, kind: ChartKind, name: &str) -> Option<Action> {
    let own = dashboard.document().dataset.company.as_str();
    let compared = dashboard
        .compare()
        .as_ref()
        .map(|c| frame::compared_name(own, &c.dataset.company, &c.name));
    if let Some(action) = toggle_action(dashboard, name) {
        Some(action)
    } else if compared.as_deref() == Some(name) {
        Some(Action::ClearCompare)
    } else if compared.is_some() && name == own {
        Some(Action::Explain(format!("{name} is the dataset on screen")))
    } else {
        match kind {
            ChartKind::SegmentMix => Some(Action::ToggleMixSeries(name.to_owned())),
            // Not "Gross margin: n/a": a margin the data lacks has nothing to hide.
            ChartKind::Margins if crate::charts::margins::NAMES.contains(&name) => {
                Some(Action::ToggleMargin(name.to_owned()))
            }
            _ => None,
        }
    }
}

fn tab_cell(ui: &mut Ui, dashboard: &Dashboard) -> Vec<Action> {
    let mut out = Vec::new();
    ui.horizontal(|ui| {
        for (label, tab) in [
            ("Data table", Tab::Table),
            ("Scenario summary", Tab::Sensitivity),
        ] {
            if ui
                .selectable_label(dashboard.view().tab == tab, RichText::new(label).strong())
                .clicked()
            {
                out.push(Action::SetTab(tab));
            }
        }
    });
    match dashboard.view().tab {
        Tab::Table => super::data_table::ui(ui, dashboard),
        Tab::Sensitivity => out.extend(super::summary::ui(ui, dashboard)),
    }
    out
}
