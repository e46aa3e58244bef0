//! The scenario's valuation card, tornado chooser, pin toggle and fan of outcomes in the
//! window, driven through kittest on the real dashboard; what the UI shows is checked
//! against the model's own figures and sentences.

// Test helpers unwrap known-good fixtures: a panic is the test failure.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use moneymap::charts::fan::{ENTRY, ENTRY_UPDATING};
use moneymap::charts::theme::ThemeChoice;
use moneymap::model::fan::{self, FanParams};
use moneymap::model::scenario::{self, Measure};
use moneymap::model::valuation::{self, ValuationParams};
use moneymap::model::{self, Lever};
use moneymap::ui::tasks::NoDialogs;
use moneymap::ui::{Action, Dashboard, Document, Event, Tab, Task, ViewState, example_document};

fn harness_at(doc: Document, size: egui::Vec2, tab: Tab) -> Harness<'static, Dashboard> {
    let view = ViewState {
        theme: ThemeChoice::Light,
        tab,
        ..Default::default()
    };
    let mut d = Dashboard::new(doc, view);
    // The fan, drawn as the window's worker would.
    d.run_tasks_inline(&NoDialogs);
    Harness::builder()
        .with_size(size)
        .build_ui_state(|ui, d: &mut Dashboard| d.ui(ui), d)
}

/// Twilio at 1920x1200 on the Scenario summary tab: the card's left column, the
/// projection and the tornado are all in view.
fn twilio_summary() -> Harness<'static, Dashboard> {
    harness_at(
        Document::builtin(),
        egui::vec2(1920.0, 1200.0),
        Tab::Sensitivity,
    )
}

/// How many widgets show exactly `label`.
fn count(h: &Harness<'_, Dashboard>, label: &str) -> usize {
    h.query_all_by_label(label).count()
}

#[test]
fn the_card_shows_the_models_priced_in_growth_for_twilio() {
    let mut h = twilio_summary();
    h.run();
    let d = h.state();
    let v = valuation::valuation(
        &d.document().dataset,
        &d.document().metrics,
        d.scenario(),
        &ValuationParams::default(),
    )
    .unwrap();
    // The issue's figure, worked out by the model (tests/model_valuation.rs checks it by
    // hand): $42.0B at r 9%, g_T 3%, 10 years, Twilio's 2027 FCF margin 14.3%.
    let priced_in = "$42.0B prices in 20.7%/yr for 10 years at a 14.3% FCF margin";
    assert_eq!(v.priced_in_sentence(&d.document().dataset), priced_in);
    // Once in the "What to watch" panel, once on the Scenario summary tab.
    assert_eq!(count(&h, priced_in), 2);
    // Worth: the model's sentence with a capital letter.
    let worth = v.worth_sentence(&d.document().dataset);
    assert!(worth.starts_with("the scenario is worth $14.0B"), "{worth}");
    assert_eq!(
        count(
            &h,
            "The scenario is worth $14.0B (66.7% below the market cap)"
        ),
        2
    );
    // Multiples: $42B / $4.46B revenue in 2024 = 9.4x; / $5.31B in 2027 = 7.9x.
    assert!(count(&h, "9.4x") >= 2);
    assert!(count(&h, "2027P") >= 2);
    // The value distribution of the fan, with the model's sentence.
    let (_, f) = h.state().scenario_results().fan.shown.clone().unwrap();
    let spread = f
        .value
        .as_ref()
        .unwrap()
        .sentence(&h.state().document().dataset);
    assert!(spread.starts_with("the market cap ($42.0B) is above every outcome"));
    let shown = format!("T{}", &spread[1..]);
    assert_eq!(count(&h, &shown), 2);
}

#[test]
fn rates_the_formula_cannot_use_are_refused_with_the_models_message() {
    let mut h = twilio_summary();
    h.run();
    // Terminal growth slider to 9.5% (above r = 9%): the card says why, no figures.
    let slider = h
        .query_all_by_role_and_label(Role::Slider, "Terminal growth g_T")
        .next()
        .unwrap();
    slider.set_value_accesskit(9.5);
    h.run();
    assert_eq!(h.state().view().terminal_growth_pct, 9.5);
    let refusal = "The discount rate (9%) must be above the terminal growth (9.5%): otherwise the terminal value is infinite";
    assert_eq!(count(&h, refusal), 2);
    assert!(h.state().scenario_results().valuation.is_err());
    assert_eq!(
        count(
            &h,
            "$42.0B prices in 20.7%/yr for 10 years at a 14.3% FCF margin"
        ),
        0
    );
    // Back below r: figures again, at the new rate (r 9%, g_T 4%).
    let slider = h
        .query_all_by_role_and_label(Role::Slider, "Terminal growth g_T")
        .next()
        .unwrap();
    slider.set_value_accesskit(4.0);
    h.run();
    let d = h.state();
    let v = d.scenario_results().valuation.as_ref().unwrap();
    assert_eq!(v.params.terminal_growth_pct, 4.0);
    assert_eq!(count(&h, &v.priced_in_sentence(&d.document().dataset)), 2);
}

#[test]
fn a_dataset_without_a_market_cap_is_told_what_to_add() {
    let mut h = harness_at(
        example_document("ericsson.ron").unwrap(),
        egui::vec2(1920.0, 1200.0),
        Tab::Sensitivity,
    );
    h.run();
    let msg = "No market cap in the dataset: add `market_cap: (value: ..., as_of: \"...\")` in SEK millions, the figures' units (optionally with `net_cash: ...`)";
    assert_eq!(count(&h, msg), 2);
    // No rate sliders where there is nothing to value against.
    assert_eq!(
        h.query_all_by_role_and_label(Role::Slider, "Discount rate r")
            .count(),
        0
    );
}

#[test]
fn the_tornado_chooser_measures_the_chosen_result_and_is_kept() {
    let mut h = twilio_summary();
    h.run();
    assert_eq!(h.state().view().tornado_measure, Measure::OperatingIncome);
    h.get_by_label("Change in 2027 operating income from one step of each lever");
    h.get_by_label("FCF").click();
    h.run();
    assert_eq!(h.state().view().tornado_measure, Measure::FreeCashFlow);
    assert_eq!(h.state().scene().tornado().measure, Measure::FreeCashFlow);
    h.get_by_label("Change in 2027 free cash flow from one step of each lever");
    h.get_by_label("Implied value").click();
    h.run();
    let d = h.state();
    let model = scenario::tornado(
        &d.document().dataset,
        &d.document().metrics,
        d.scenario(),
        Measure::ImpliedValue,
        &ValuationParams::default(),
    );
    assert_eq!(d.scene().tornado(), &model);
    h.get_by_label(&model.caption);
    // The choice is part of the saved view state.
    let saved = ron::to_string(&d.view()).unwrap();
    assert!(saved.contains("tornado_measure:ImpliedValue"), "{saved}");
    let back: ViewState = ron::from_str(&saved).unwrap();
    assert_eq!(back.tornado_measure, Measure::ImpliedValue);
}

#[test]
fn a_result_the_dataset_cannot_give_is_explained_not_chosen() {
    let text = "(company: \"Bare\", currency: \"EUR\", scale: Millions, source: (title: \"t\", basis: \"b\"), years: [(year: 2023, revenue: 10), (year: 2024, revenue: 12)])";
    let doc = Document::new(None, model::parse(text).unwrap());
    let mut h = harness_at(doc, egui::vec2(1920.0, 1200.0), Tab::Sensitivity);
    h.run();
    // No operating income: the default choice falls back to revenue, visibly.
    assert_eq!(h.state().scene().tornado_measure(), Measure::Revenue);
    h.get_by_label("Change in 2027 revenue from one step of each lever");
    h.get_by_label("FCF").click();
    h.run();
    assert_eq!(h.state().view().tornado_measure, Measure::OperatingIncome);
    assert_eq!(
        h.state().status(),
        "FCF: not available (no free cash flow to project: the last year has no `free_cash_flow`)"
    );
}

#[test]
fn the_pin_toggle_sits_by_the_profitability_levers_of_a_cost_structure_only() {
    let mut h = twilio_summary();
    h.run();
    assert!(!h.state().scenario().pin_operating_margin);
    // Unpinned: gross margin reaches operating income (one step of 1 pp on 2027 revenue
    // of $5.31B moves it by about $53M, the model's figure).
    let oi = h
        .state()
        .scene()
        .tornado_of(Measure::OperatingIncome)
        .clone();
    assert_eq!(oi.rows[0].lever, Lever::GrossMargin);
    h.get_by_label("Pin operating margin").click();
    h.run();
    let d = h.state();
    assert!(d.scenario().pin_operating_margin);
    assert_eq!(d.scenario().name, "Custom");
    // Pinned: the operating margin has its own slider, operating expenses say why not.
    assert_eq!(
        h.query_all_by_role_and_label(Role::Slider, "Operating margin change")
            .count(),
        1
    );
    assert_eq!(
        h.query_all_by_role_and_label(Role::Slider, "Operating expenses")
            .count(),
        0
    );
    let pinned = d.scene().tornado_of(Measure::OperatingIncome);
    assert!(pinned.left_out.contains(&Lever::GrossMargin), "{pinned:?}");
    assert_eq!(
        pinned,
        &scenario::tornado(
            &d.document().dataset,
            &d.document().metrics,
            d.scenario(),
            Measure::OperatingIncome,
            &ValuationParams::default()
        )
    );
    // A dataset without a cost structure has no such toggle.
    let mut e = harness_at(
        example_document("ericsson.ron").unwrap(),
        egui::vec2(1280.0, 720.0),
        Tab::Table,
    );
    e.run();
    assert_eq!(e.query_all_by_label("Pin operating margin").count(), 0);
}

#[test]
fn the_fan_toggles_from_the_chart_header_the_view_menu_and_its_legend_entry() {
    let mut h = harness_at(Document::builtin(), egui::vec2(1280.0, 720.0), Tab::Table);
    h.run();
    assert!(h.state().view().show_fan);
    assert!(h.state().chart_input(true).fan.is_some());
    assert_eq!(count(&h, ENTRY), 1);
    h.get_by_role_and_label(Role::CheckBox, "Fan").click();
    h.run();
    assert!(!h.state().view().show_fan);
    assert!(h.state().chart_input(true).fan.is_none());
    // The entry stays, struck through, to switch the fan back on with a click.
    assert_eq!(count(&h, ENTRY), 1);
    h.get_by_label("View").click();
    h.run();
    h.get_by_label("Fan of outcomes").click();
    h.run();
    assert!(h.state().view().show_fan);
    // The fan was current all along (the scenario did not move): no new work queued.
    assert!(h.state().tasks().is_empty());
    h.get_by_role_and_label(Role::Button, ENTRY).click();
    h.run();
    assert!(!h.state().view().show_fan);
}

/// The fan the model draws for the dashboard's scenario at its rates.
fn model_fan(d: &Dashboard) -> fan::Fan {
    let params = FanParams {
        valuation: d.scene().valuation_params(),
        ..FanParams::default()
    };
    fan::fan(
        &d.document().dataset,
        &d.document().metrics,
        d.scenario(),
        &params,
    )
}

/// The fan job queued in `d`, taken from its tasks (the only one queued).
fn take_fan_job(d: &mut Dashboard) -> moneymap::ui::tasks::FanJob {
    let mut tasks = d.take_tasks();
    assert_eq!(tasks.len(), 1, "one task, the fan: {tasks:?}");
    match tasks.pop() {
        Some(Task::Fan(job)) => *job,
        other => panic!("a fan task, not {other:?}"),
    }
}

#[test]
fn a_stale_fan_shows_as_updating_and_never_replaces_a_newer_one() {
    let mut h = harness_at(Document::builtin(), egui::vec2(1280.0, 720.0), Tab::Table);
    h.run();
    let comm = Lever::SegmentGrowth("Communications".into());
    // Two slider moves: the first queues a fan, the second waits for it (one at a time).
    h.state_mut().apply([Action::SetLever(comm.clone(), 8.0)]);
    h.state_mut().apply([Action::SetLever(comm.clone(), 12.0)]);
    let fans = h
        .state()
        .tasks()
        .iter()
        .filter(|t| matches!(t, Task::Fan(_)))
        .count();
    assert_eq!(fans, 1);
    let job_8 = take_fan_job(h.state_mut());
    assert_eq!(job_8.scenario.levers[&comm], 8.0);
    h.run();
    // The charts keep the trend's fan, marked as updating.
    assert_eq!(count(&h, ENTRY_UPDATING), 1);
    assert!(h.state().chart_input(true).fan.unwrap().updating);
    // The 8% fan arrives: shown (newer than the trend's), still updating, and the 12%
    // fan starts at once.
    let Event::FanReady {
        generation: g8,
        fan: f8,
    } = moneymap::ui::tasks::fan_now(&job_8)
    else {
        unreachable!()
    };
    h.state_mut().handle(Event::FanReady {
        generation: g8,
        fan: f8.clone(),
    });
    assert_eq!(
        h.state().scenario_results().fan.shown.as_ref().unwrap().0,
        g8
    );
    assert!(h.state().chart_input(true).fan.unwrap().updating);
    let job_12 = take_fan_job(h.state_mut());
    assert_eq!(job_12.scenario.levers[&comm], 12.0);
    let Event::FanReady {
        generation: g12,
        fan: f12,
    } = moneymap::ui::tasks::fan_now(&job_12)
    else {
        unreachable!()
    };
    h.state_mut().handle(Event::FanReady {
        generation: g12,
        fan: f12,
    });
    h.run();
    assert_eq!(count(&h, ENTRY), 1);
    assert!(!h.state().chart_input(true).fan.unwrap().updating);
    // A late copy of the 8% result must not replace the 12% fan.
    h.state_mut().handle(Event::FanReady {
        generation: g8,
        fan: f8,
    });
    let d = h.state();
    let (g, shown) = d.scenario_results().fan.shown.as_ref().unwrap();
    assert_eq!(*g, g12);
    assert_eq!(**shown, model_fan(d));
    assert!(d.tasks().iter().all(|t| !matches!(t, Task::Fan(_))));
}

#[test]
fn a_fan_of_the_previous_document_is_dropped() {
    let mut d = Dashboard::new(Document::builtin(), ViewState::default());
    let twilio_job = take_fan_job(&mut d);
    d.apply([Action::OpenExample("ericsson.ron".into())]);
    // Ericsson's fan is queued once Twilio's worker is done; Twilio's result, arriving
    // late, is not drawn on Ericsson's years.
    let Event::FanReady { generation, fan } = moneymap::ui::tasks::fan_now(&twilio_job) else {
        unreachable!()
    };
    d.handle(Event::FanReady { generation, fan });
    assert!(d.scenario_results().fan.shown.is_none());
    assert!(d.chart_input(true).fan.is_none());
    d.run_tasks_inline(&NoDialogs);
    assert!(d.scenario_results().fan.is_current());
    let (_, shown) = d.scenario_results().fan.shown.as_ref().unwrap();
    assert_eq!(**shown, model_fan(&d));
    assert_eq!(d.document().dataset.company, "Ericsson");
}

/// The fan's legend swatch is the band as each chart draws it: the neutral ink over the
/// revenue bars, revenue's and free cash flow's colours on the projection. In compare
/// mode the companies' swatches are lines (solid, dotted), so no entry looks like
/// another (the dataset on screen had a grey square, like the fan's).
#[test]
fn legend_swatches_say_what_each_chart_draws() {
    use moneymap::charts::legend::Swatch;
    use moneymap::charts::{ChartKind, frame};
    let mut d = Dashboard::new(
        Document::builtin(),
        ViewState {
            theme: ThemeChoice::Light,
            ..Default::default()
        },
    );
    d.run_tasks_inline(&NoDialogs);
    d.apply([Action::CompareExample("ericsson.ron".into())]);
    let theme = d.theme();
    let input = d.chart_input(true);
    let opts = d.frame_options();
    let fan_entry = |kind| {
        frame::build(kind, &input, &opts)
            .legend
            .into_iter()
            .find(|e| e.name == ENTRY)
            .expect("the fan's entry")
    };
    let revenue = fan_entry(ChartKind::RevenueGrowth);
    assert_eq!(revenue.swatch, Swatch::Band(None));
    assert_eq!(revenue.color, theme.fan());
    let scenario = fan_entry(ChartKind::Scenario);
    assert_eq!(scenario.swatch, Swatch::Band(Some(theme.free_cash_flow())));
    assert_eq!(scenario.color, theme.revenue());
    // Ericsson has no free cash flow: its projection draws one band, in revenue's colour.
    let mut e = Dashboard::new(
        example_document("ericsson.ron").unwrap(),
        ViewState::default(),
    );
    e.run_tasks_inline(&NoDialogs);
    let (e_input, e_opts) = (e.chart_input(true), e.frame_options());
    let e_fan = frame::build(ChartKind::Scenario, &e_input, &e_opts)
        .legend
        .into_iter()
        .find(|x| x.name == ENTRY)
        .expect("Ericsson's fan entry");
    assert_eq!(e_fan.swatch, Swatch::Band(None));
    // Ericsson has no gross margin: dimmed alone and named "n/a", lit when Twilio's line is
    // drawn with it.
    let gross = |d: &Dashboard| {
        frame::build(ChartKind::Margins, &d.chart_input(true), &d.frame_options())
            .legend
            .into_iter()
            .find(|x| x.name.starts_with("Gross margin"))
            .expect("the gross margin entry")
    };
    assert_ne!(gross(&e).color, e.theme().margin(0));
    assert_eq!(gross(&e).name, "Gross margin: n/a");
    e.handle(Event::CompareLoaded(Box::new(Ok(Document::builtin()))));
    let lit = gross(&e);
    assert_eq!(lit.color, e.theme().margin(0));
    assert_eq!(lit.name, "Gross margin");
    assert_eq!(
        lit.hover,
        "Gross margin: not in Ericsson; drawn for Twilio (dotted)"
    );
    for kind in [ChartKind::RevenueGrowth, ChartKind::Margins] {
        let legend = frame::build(kind, &input, &opts).legend;
        let swatch_of = |name: &str| {
            legend
                .iter()
                .find(|e| e.name == name)
                .map(|e| e.swatch)
                .expect("a company entry")
        };
        assert_eq!(swatch_of("Twilio"), Swatch::Line, "{kind:?}");
        // Ericsson's revenue is bars and its growth a dotted line; its margins dotted.
        let compared = match kind {
            ChartKind::RevenueGrowth => Swatch::BarsDotted,
            _ => Swatch::Dotted,
        };
        assert_eq!(swatch_of("Ericsson"), compared, "{kind:?}");
        for (i, a) in legend.iter().enumerate() {
            for b in &legend[i + 1..] {
                assert!(
                    (a.swatch, a.color) != (b.swatch, b.color),
                    "{kind:?}: {} and {} look alike",
                    a.name,
                    b.name
                );
            }
        }
    }
}

/// In a cell too short for the revenue bars there is no fan to toggle: the chart's Fan
/// box is greyed (it used to be ticked over a chart without a fan); View > Fan of outcomes
/// still toggles it. A 960x600 window keeps the bars (the YoY plot shrinks first), so the
/// box is live there; a window only 500 points tall is too short.
#[test]
fn the_fan_box_is_greyed_where_the_cell_cannot_draw_the_fan() {
    use egui_kittest::kittest::NodeT;
    let mut small = harness_at(Document::builtin(), egui::vec2(960.0, 500.0), Tab::Table);
    small.run();
    let fan_box = |h: &Harness<'_, Dashboard>| {
        h.get_by_role_and_label(Role::CheckBox, "Fan")
            .accesskit_node()
            .is_disabled()
    };
    assert!(fan_box(&small), "greyed at 960x500");
    small.get_by_label("View").click();
    small.run();
    small.get_by_label("Fan of outcomes").click();
    small.run();
    assert!(!small.state().view().show_fan, "the menu still toggles it");
    for size in [egui::vec2(960.0, 600.0), egui::vec2(1280.0, 720.0)] {
        let mut large = harness_at(Document::builtin(), size, Tab::Table);
        large.run();
        assert!(!fan_box(&large), "enabled at {size:?}");
    }
}
