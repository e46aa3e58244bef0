//! The "what to watch" panel: one card per watch item with its explanation and the
//! slider(s) it drives, "Other assumptions" for the rest, presets, reset and horizon,
//! and the valuation card ([`super::valuation`]) at the bottom of the scroll area: its
//! sentences change length as sliders move, and at the bottom nothing under them moves.
//! With a cost structure, a "Pin operating margin" toggle sits before the first
//! profitability lever (gross margin, operating expenses, operating-margin change).
//!
//! Nothing moves when state changes: the scenario's name has a line of its own, the
//! preset and reset buttons keep their size whether selected or not (Reset is disabled,
//! not hidden, at the trend), so a button never slides from under the pointer. Sliders
//! span a range around each lever's trend; the number beside a slider moves finely when
//! dragged (hold Shift for finer still), and typed values stay free within the lever's
//! hard limits.

use egui::{RichText, Ui};

use super::watch_blocks::Blocks;
use super::{Action, Dashboard};

pub use super::watch_blocks::blocks_laid_out;
use crate::charts::marks::{self, Mark};
use crate::model::Lever;
use crate::model::dataset::OperatingModel;
use crate::model::scenario::{self, Basis, MAX_HORIZON};

/// Keyboard and snapping step of a lever's slider, in its unit.
const SLIDER_STEP: f64 = 0.1;
/// How much a point of drag on a slider's number moves it, in the lever's unit (egui
/// moves it ten times slower with Shift held).
const NUMBER_DRAG_SPEED: f64 = 0.05;
/// Hover text of every lever slider.
const SLIDER_HELP: &str = "Drag the handle, or drag the number for fine steps (hold Shift for finer still); arrow keys step 0.1; double-click the number to type any value.";

/// Draws the side panel.
pub fn ui(ui: &mut Ui, dashboard: &Dashboard) -> Vec<Action> {
    let mut out = Vec::new();
    ui.add_space(4.0);
    ui.heading("What to watch");
    ui.label(RichText::new(format!("Scenario: {}", dashboard.scenario().name)).strong());
    ui.horizontal_wrapped(|ui| {
        for p in &dashboard.document().dataset.presets {
            let active = dashboard.scenario().name == p.name;
            let r = ui.selectable_label(active, &p.name);
            let r = if p.description.is_empty() {
                r
            } else {
                r.on_hover_text(&p.description)
            };
            if r.clicked() {
                out.push(Action::ApplyPreset(p.name.clone()));
            }
        }
        // Always shown and enabled (at the trend it changes nothing), so the row never
        // changes shape and its text keeps full contrast.
        if ui
            .button("Reset to trend")
            .on_hover_text("Every slider back to its trend value, and the default horizon")
            .clicked()
        {
            out.push(Action::ResetScenario);
        }
    });
    ui.horizontal(|ui| {
        if ui.button("Save scenario...").clicked() {
            out.push(Action::SaveScenario);
        }
        if ui.button("Load scenario...").clicked() {
            out.push(Action::LoadScenario);
        }
    });
    let mut h = dashboard.scenario().horizon_years;
    let base = dashboard.projection().base_year;
    let r = ui
        .add(egui::Slider::new(&mut h, 1..=MAX_HORIZON).text("Horizon (years)"))
        .on_hover_text(format!("Years projected after {base}"));
    scroll_into_view_on_focus(&r);
    if r.changed() {
        out.push(Action::SetHorizon(h));
    }
    ui.separator();
    // The bar takes a strip of its own: floating, it sat on the cards' right border.
    ui.spacing_mut().scroll = egui::style::ScrollStyle::solid();
    let scroll = egui::ScrollArea::vertical()
        .id_salt("watch_scroll")
        .show(ui, |ui| out.extend(cards_ui(ui, dashboard)));
    marks::record(ui.ctx(), Mark::Scroll(scroll.inner_rect));
    out
}

/// The watch items' cards, then "Other assumptions", then the valuation card: each a
/// [`Block`] laid out only when in view.
fn cards_ui(ui: &mut Ui, dashboard: &Dashboard) -> Vec<Action> {
    let mut out = Vec::new();
    let theme = dashboard.theme();
    let mut shown: Vec<Lever> = Vec::new();
    let mut pin_shown = false;
    let above = names_above(ui, dashboard);
    let mut blocks = Blocks::begin(ui, dashboard, above);
    for (i, item) in dashboard.document().dataset.watch.iter().enumerate() {
        blocks.show(ui, i, |ui, draw| {
            if !draw {
                for lever in item
                    .levers
                    .iter()
                    .filter(|l| !shown.contains(l))
                    .collect::<Vec<_>>()
                {
                    pin_shown |= pin_applies(dashboard, lever, pin_shown);
                    shown.push(lever.clone());
                }
                return;
            }
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.label(RichText::new(&item.title).strong());
                if !item.explanation.trim().is_empty() {
                    ui.label(RichText::new(&item.explanation).small());
                }
                for lever in &item.levers {
                    if shown.contains(lever) {
                        ui.label(
                            RichText::new(format!("{}: see above", lever.label()))
                                .small()
                                .color(theme.weak_text()),
                        );
                    } else {
                        out.extend(pin_ui(ui, dashboard, lever, &mut pin_shown));
                        out.extend(lever_ui(ui, dashboard, lever, above));
                        shown.push(lever.clone());
                    }
                }
            });
        });
    }
    let others: Vec<&Lever> = dashboard
        .scenario()
        .levers
        .keys()
        .filter(|l| !shown.contains(l))
        .collect();
    let n = dashboard.document().dataset.watch.len();
    if !others.is_empty() {
        blocks.show(ui, n, |ui, draw| {
            if draw {
                ui.add_space(4.0);
                ui.label(RichText::new("Other assumptions").strong());
                for lever in others {
                    out.extend(pin_ui(ui, dashboard, lever, &mut pin_shown));
                    out.extend(lever_ui(ui, dashboard, lever, above));
                }
            }
        });
    }
    blocks.show(ui, n + 1, |ui, draw| {
        if draw {
            ui.add_space(4.0);
            out.extend(super::valuation::card(ui, dashboard));
        }
    });
    blocks.end(ui);
    out
}

/// Whether the pin toggle goes before `lever` (see [`pin_ui`]).
fn pin_applies(dashboard: &Dashboard, lever: &Lever, done: bool) -> bool {
    let profitability = matches!(
        lever,
        Lever::GrossMargin | Lever::OperatingExpenses | Lever::OperatingMarginChange
    );
    !done
        && profitability
        && dashboard.document().dataset.operating_model == OperatingModel::CostStructure
}

/// Label of the pin toggle.
pub const PIN_LABEL: &str = "Pin operating margin";

/// The pin toggle, before the first profitability lever of a cost-structure dataset
/// (once per panel).
fn pin_ui(ui: &mut Ui, dashboard: &Dashboard, lever: &Lever, done: &mut bool) -> Option<Action> {
    if !pin_applies(dashboard, lever, *done) {
        return None;
    }
    *done = true;
    let mut pin = dashboard.scenario().pin_operating_margin;
    let r = ui
        .checkbox(&mut pin, PIN_LABEL)
        .on_hover_text(format!(
            "On: the operating margin follows its own lever (operating-margin change), and a gross-margin move stops at gross profit. Off: operating income = gross profit - operating expenses.\nNow: {}",
            Basis::of(&dashboard.document().dataset, dashboard.scenario()).describe()
        ));
    scroll_into_view_on_focus(&r);
    r.changed().then_some(Action::SetPinOperatingMargin(pin))
}

/// Keyboard focus on a control scrolled out of view brings it into view.
fn scroll_into_view_on_focus(r: &egui::Response) {
    if r.gained_focus() {
        // Centred, so the name above and the trend note below show too.
        r.scroll_to_me(Some(egui::Align::Center));
    }
}

/// One lever's slider with its unit and where its trend comes from.
fn lever_ui(ui: &mut Ui, dashboard: &Dashboard, lever: &Lever, above: bool) -> Option<Action> {
    let weak = dashboard.theme().weak_text();
    let Some(&value) = dashboard.scenario().levers.get(lever) else {
        let why = scenario::lever_problem(&dashboard.document().dataset, lever)
            .map_or_else(|| "no data to project from".to_owned(), |p| p.to_string());
        ui.label(
            RichText::new(format!("{}: not used ({why})", lever.label()))
                .small()
                .color(weak),
        );
        return None;
    };
    // A lever this scenario leaves aside (operating expenses while the operating margin
    // is pinned, or the other way round) says why in one line instead of a dead slider.
    if let Some(why) =
        scenario::unused_reason(&dashboard.document().dataset, dashboard.scenario(), lever)
    {
        ui.label(
            RichText::new(format!("{}: {why}", lever.label()))
                .small()
                .color(weak),
        );
        return None;
    }
    let trend = dashboard
        .document()
        .trend
        .levers
        .get(lever)
        .copied()
        .unwrap_or(value);
    let doc = dashboard.document();
    let (lo, hi) = scenario::slider_range_for(&doc.dataset, &doc.metrics, lever, trend);
    let mut v = value;
    // The name sits after the slider when every lever's name fits there, else each goes
    // on its own line above, wrapped ([`names_above`]): the panel never widens over the
    // charts, and the sliders line up. Either way it is the slider's accessible name.
    let name = lever.label();
    let fits = !above;
    if !fits {
        ui.label(&name);
    }
    let mut slider = egui::Slider::new(&mut v, lo..=hi)
        .suffix(format!(" {}", lever.unit()))
        .fixed_decimals(1)
        .custom_parser(move |text| keep_unless_edited(text, value))
        .step_by(SLIDER_STEP)
        .drag_value_speed(NUMBER_DRAG_SPEED)
        .clamping(egui::SliderClamping::Never);
    if fits {
        slider = slider.text(&name);
    }
    let r = ui
        .add(slider)
        .on_hover_text(format!("{}\n{SLIDER_HELP}", lever.description()));
    if !fits {
        r.widget_info(|| egui::WidgetInfo::slider(true, value, &name));
    }
    scroll_into_view_on_focus(&r);
    if let Some(note) = dashboard.document().trend_notes.get(lever) {
        ui.label(RichText::new(note).small().color(weak));
    }
    r.changed().then(|| Action::SetLever(lever.clone(), v))
}

/// The number typed in a lever's number box, or `value` itself when the text is still
/// what the box showed (`value` to one decimal): focus passing through the box (Tab, a
/// click elsewhere) commits its text, and 5.142857 read back as "5.1" made the scenario
/// "Custom" and moved every result. Whitespace is ignored and U+2212 is a minus, as in
/// egui's own parser.
pub fn keep_unless_edited(text: &str, value: f64) -> Option<f64> {
    let text: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c == '\u{2212}' { '-' } else { c })
        .collect();
    let typed: f64 = text.parse().ok()?;
    let shown = (value * 10.0).round() / 10.0;
    Some(if typed == shown { value } else { typed })
}

/// Room kept beside a slider's number box (egui pads it a little beyond its text).
const NUMBER_BOX_SLACK: f32 = 4.0;

/// Room the group frame of a watch item takes from a slider row (margins and stroke).
const CARD_INSET: f32 = 16.0;

/// Whether the levers' names go above their sliders: when any name would not fit after
/// its slider and number in a watch item's card at this panel width.
fn names_above(ui: &Ui, dashboard: &Dashboard) -> bool {
    let spacing = ui.spacing();
    let fixed = CARD_INSET
        + spacing.slider_width
        + 2.0 * spacing.button_padding.x
        + NUMBER_BOX_SLACK
        + 2.0 * spacing.item_spacing.x;
    let room = ui.available_width() - fixed;
    // The widest number a slider shows in its range, not the current one: a drag never
    // flips the names between beside and above.
    dashboard.scenario().levers.keys().any(|lever| {
        let number = text_width(ui, &format!("-888.8 {}", lever.unit()));
        text_width(ui, &lever.label()) + number > room
    })
}

/// Width of `text` in body text, in points.
fn text_width(ui: &Ui, text: &str) -> f32 {
    let font = egui::TextStyle::Body.resolve(ui.style());
    ui.painter()
        .layout_no_wrap(text.to_owned(), font, egui::Color32::WHITE)
        .size()
        .x
}
