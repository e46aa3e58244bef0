//! The valuation card, drawn the same in the "What to watch" panel and on the Scenario
//! summary tab: the discount rate and terminal growth sliders on top (so they never move
//! when the sentences under them change length), then the market cap, the multiples in
//! the last actual year and the horizon year, what the scenario is worth against the
//! market cap, the growth the price implies, and where the market cap sits among the
//! fan's outcomes (with how the fan is drawn on hover).
//!
//! Every figure and sentence comes from [`crate::model::valuation`] and
//! [`crate::model::fan`]; a dataset without a market cap gets the model's message on what
//! to add, and rates the formula cannot use (r <= g_T) the model's refusal, never a NaN.

use egui::{RichText, Ui, vec2};

use super::{Action, Dashboard};
use crate::model::fan::INDEPENDENCE_NOTE;
use crate::model::format;
use crate::model::valuation::{Multiples, Valuation, ValuationError};

/// The discount rate slider's range, % per year.
pub const DISCOUNT_RANGE: std::ops::RangeInclusive<f64> = 1.0..=25.0;
/// The terminal growth slider's range, % per year.
pub const TERMINAL_RANGE: std::ops::RangeInclusive<f64> = -5.0..=10.0;
/// Room for a slider's number box ("25.0 %"), in points.
const VALUE_BOX_W: f32 = 52.0;
/// Shortest rate slider, in points.
const SLIDER_MIN_W: f32 = 40.0;
/// Longest rate slider, in points.
const SLIDER_MAX_W: f32 = 160.0;
/// The sliders' step, % per year.
const RATE_STEP: f64 = 0.1;
/// Label of the discount rate slider.
pub const DISCOUNT_LABEL: &str = "Discount rate r";
/// Label of the terminal growth slider.
pub const TERMINAL_LABEL: &str = "Terminal growth g_T";

/// `s` with its first letter in upper case (the model's sentences start in lower case
/// so they can follow a heading or a colon).
pub fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_uppercase().chain(chars).collect::<String>()
    })
}

/// Draws the card; returns what its sliders ask for.
pub fn card(ui: &mut Ui, dashboard: &Dashboard) -> Vec<Action> {
    let mut out = Vec::new();
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(RichText::new("Valuation").strong());
        match &dashboard.scenario_results().valuation {
            Err(
                e @ (ValuationError::NoMarketCap { .. } | ValuationError::MarketCapNotPositive(_)),
            ) => {
                ui.label(
                    RichText::new(capitalised(&e.to_string()))
                        .small()
                        .color(dashboard.theme().warning()),
                );
                outcomes(ui, dashboard);
            }
            other => {
                let (action, dragging) = sliders(ui, dashboard);
                out.extend(action);
                kept_while_dragging(ui, dragging, |ui| match other {
                    Ok(v) => when_visible(ui, |ui| body(ui, dashboard, v)),
                    Err(e) => {
                        ui.label(
                            RichText::new(capitalised(&e.to_string()))
                                .color(dashboard.theme().error()),
                        );
                    }
                });
            }
        }
    });
    out
}

/// Draws `add` when any of it is on screen; else only takes the height it took when
/// last drawn. The card's sentences change with every slider move and laying out wrapped
/// text is a good part of a frame: in the "What to watch" panel the card is usually
/// scrolled out of view, and its text need not be laid out there. (Its sliders, above,
/// are laid out whenever the card is; the panel lays out every card while a widget has
/// keyboard focus, so Tab still reaches them.)
fn when_visible(ui: &mut Ui, add: impl FnOnce(&mut Ui)) {
    let id = ui.make_persistent_id("valuation_body_height");
    let w = ui.available_width();
    if let Some(h) = ui.ctx().data(|m| m.get_temp::<f32>(id)) {
        let rect = egui::Rect::from_min_size(ui.cursor().min, vec2(w, h));
        if !ui.is_rect_visible(rect) {
            ui.allocate_space(vec2(w, h));
            return;
        }
    }
    let h = ui.scope(add).response.rect.height();
    ui.ctx().data_mut(|m| m.insert_temp(id, h));
}

/// Draws `add` at least as tall as it was before a drag of the card's sliders began,
/// while `dragging`. A rate dragged below terminal growth shrinks the figures to the
/// model's one-line refusal: the scroll area around the card then lost some 190 points
/// of content, re-clamped its offset, and the slider under the pointer jumped down
/// mid-drag. Keeping the height (the space under the refusal stays empty) means no
/// widget moves while it is dragged; the card takes its own height on release.
fn kept_while_dragging(ui: &mut Ui, dragging: bool, add: impl FnOnce(&mut Ui)) {
    let id = ui.make_persistent_id("valuation_kept_height");
    let kept = ui.ctx().data(|m| m.get_temp::<f32>(id)).unwrap_or(0.0);
    let h = ui
        .scope(|ui| {
            if dragging {
                ui.set_min_height(kept);
            }
            add(ui);
        })
        .response
        .rect
        .height();
    let next = if dragging { h.max(kept) } else { h };
    ui.ctx().data_mut(|m| m.insert_temp(id, next));
}

/// The discount rate and terminal growth sliders: what they ask for, and whether either
/// is being dragged.
fn sliders(ui: &mut Ui, dashboard: &Dashboard) -> (Option<Action>, bool) {
    let p = dashboard.scene().valuation_params();
    let (mut r, mut g) = (p.discount_pct, p.terminal_growth_pct);
    // The sliders share the card's width with their number and label: narrow cards get
    // shorter sliders, never a card wider than its panel.
    let font = egui::TextStyle::Body.resolve(ui.style());
    let label_w = [DISCOUNT_LABEL, TERMINAL_LABEL]
        .iter()
        .map(|t| {
            ui.fonts_mut(|f| {
                f.layout_no_wrap((*t).to_owned(), font.clone(), egui::Color32::WHITE)
                    .size()
                    .x
            })
        })
        .fold(0.0f32, f32::max);
    let spacing = ui.spacing().item_spacing.x;
    ui.spacing_mut().slider_width = (ui.available_width() - label_w - VALUE_BOX_W - 3.0 * spacing)
        .clamp(SLIDER_MIN_W, SLIDER_MAX_W);
    fn slider<'a>(
        v: &'a mut f64,
        range: std::ops::RangeInclusive<f64>,
        label: &str,
    ) -> egui::Slider<'a> {
        egui::Slider::new(v, range)
            .text(label)
            .suffix(" %")
            .fixed_decimals(1)
            .step_by(RATE_STEP)
            .drag_value_speed(0.05)
    }
    let a = ui
        .add(slider(&mut r, DISCOUNT_RANGE, DISCOUNT_LABEL))
        .on_hover_text("The return investors ask of the cash flows, per year: each year's free cash flow is divided by (1 + r)^t.");
    let b = ui
        .add(slider(&mut g, TERMINAL_RANGE, TERMINAL_LABEL))
        .on_hover_text("Growth of free cash flow forever after the last year of cash flows; the terminal value is FCF_N (1 + g_T) / (r - g_T), so r must be above g_T.");
    for r in [&a, &b] {
        if r.gained_focus() {
            r.scroll_to_me(Some(egui::Align::Center));
        }
    }
    let action = (a.changed() || b.changed()).then_some(Action::SetValuationRates {
        discount_pct: r,
        terminal_growth_pct: g,
    });
    (action, a.dragged() || b.dragged())
}

/// Market cap, multiples, value, priced-in growth, outcomes and notes.
fn body(ui: &mut Ui, dashboard: &Dashboard, v: &Valuation) {
    let dataset = &dashboard.document().dataset;
    let weak = dashboard.theme().weak_text();
    let money = |x: f64| format::money(x, &dataset.currency, dataset.scale);
    let mut cap = format!("Market cap {}, as of {}", money(v.market_cap), v.as_of);
    if let Some(c) = v.net_cash {
        let what = if c >= 0.0 { "net cash" } else { "net debt" };
        cap.push_str(&format!(", {what} {}", money(c.abs())));
    }
    ui.label(RichText::new(cap).small());
    multiples(ui, &v.actual, &v.horizon);
    heading(ui, "Scenario value");
    ui.label(capitalised(&v.worth_sentence(dataset)));
    heading(ui, "Priced-in growth");
    ui.label(capitalised(&v.priced_in_sentence(dataset)));
    outcomes(ui, dashboard);
    for note in &v.notes {
        ui.label(
            RichText::new(capitalised(note))
                .small()
                .color(dashboard.theme().warning()),
        );
    }
    ui.label(
        RichText::new(capitalised(&v.parameters_line()))
            .small()
            .color(weak),
    );
}

fn heading(ui: &mut Ui, text: &str) {
    ui.add_space(2.0);
    ui.label(RichText::new(text).strong().small());
}

/// Market cap over revenue, gross profit and FCF, last actual year beside horizon year.
fn multiples(ui: &mut Ui, actual: &Multiples, horizon: &Multiples) {
    let year = |m: &Multiples| {
        if m.projected {
            format!("{}P", m.year)
        } else {
            m.year.to_string()
        }
    };
    egui::Grid::new(ui.scope_id().with("multiples"))
        .num_columns(3)
        .spacing([12.0, 1.0])
        .show(ui, |ui| {
            ui.label(RichText::new("Market cap /").small());
            ui.label(RichText::new(year(actual)).small().strong());
            ui.label(RichText::new(year(horizon)).small().strong());
            ui.end_row();
            for (label, a, h) in [
                ("revenue", actual.revenue, horizon.revenue),
                ("gross profit", actual.gross_profit, horizon.gross_profit),
                (
                    "free cash flow",
                    actual.free_cash_flow,
                    horizon.free_cash_flow,
                ),
            ] {
                ui.label(RichText::new(label).small());
                ui.label(format::multiple_opt(a));
                ui.label(format::multiple_opt(h));
                ui.end_row();
            }
        });
}

/// Where the market cap sits among the fan's outcomes, with how they are drawn on hover.
fn outcomes(ui: &mut Ui, dashboard: &Dashboard) {
    heading(ui, "Outcomes");
    let weak = dashboard.theme().weak_text();
    if !dashboard.view().show_fan {
        ui.label(
            RichText::new("The fan of outcomes is off (View > Fan of outcomes).")
                .small()
                .color(weak),
        );
        return;
    }
    let fan = &dashboard.scenario_results().fan;
    let Some((_, shown)) = &fan.shown else {
        ui.label(RichText::new("Drawing 2,000 outcomes…").small().color(weak));
        return;
    };
    let text = match &shown.value {
        Ok(spread) => capitalised(&spread.sentence(&dashboard.document().dataset)),
        Err(why) => format!("No distribution of values: {why}"),
    };
    let text = if fan.is_current() {
        text
    } else {
        format!("{text} (updating…)")
    };
    // Not selectable: a selectable label took a Tab stop with no visible focus.
    ui.add(egui::Label::new(text).selectable(false))
        .on_hover_text(INDEPENDENCE_NOTE);
}
