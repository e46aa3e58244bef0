//! kittest drives the real dashboard (no GPU, no display): find widgets by label, click,
//! drag sliders, and assert on what the model and the UI then hold.

// Test helpers unwrap known-good fixtures: a panic is the test failure.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use moneymap::charts::theme::ThemeChoice;
use moneymap::model::{self, Lever};
use moneymap::ui::tasks::NoDialogs;
use moneymap::ui::{Action, Dashboard, Document, ViewState};

mod common;
use common::harness;

fn twilio() -> Harness<'static, Dashboard> {
    harness(Document::builtin())
}

/// At least one widget shows exactly `label` (a figure may appear in a card and the table).
fn shows(h: &Harness<'_, Dashboard>, label: &str) {
    assert!(
        h.query_all_by_label(label).next().is_some(),
        "nothing shows {label:?}"
    );
}

#[test]
fn opens_on_twilio_with_every_panel_filled() {
    let mut h = twilio();
    h.run();
    h.get_by_label("Twilio (TWLO)");
    h.get_by_label("USD billions");
    h.get_by_label("2023–2024");
    h.get_by_label("Segment mix");
    h.get_by_label("Revenue growth");
    h.get_by_label("Margin trends");
    h.get_by_label("What to watch");
    // KPI strip: the model's figures, formatted.
    shows(&h, "$4.46B");
    shows(&h, "+7.5% YoY");
    shows(&h, "51.1%");
    shows(&h, "+1.0 pp");
    shows(&h, "105%");
    shows(&h, "Dollar-based net expansion");
    shows(&h, "9.4x revenue");
    shows(&h, "CAGR 2023–2024: +7.5%");
}

#[test]
fn warnings_badge_lists_the_unallocated_revenue() {
    let gap = "$330.0M (7.4% of revenue) is not allocated to any segment";
    let mut h = twilio();
    h.run();
    // Always in view beside the badge, in words and numbers.
    assert_eq!(h.query_all_by_label_contains(gap).count(), 1);
    h.get_by_label("2 warnings").click();
    h.run();
    assert!(h.state().show_warnings());
    // The list adds both years' warnings.
    assert_eq!(h.query_all_by_label_contains(gap).count(), 2);
    h.get_by_label_contains("$250.0M (6.0% of revenue) is not allocated");
}

#[test]
fn share_toggle_and_legend_toggle_change_the_view() {
    let mut h = twilio();
    h.run();
    assert!(!h.state().view().mix.share);
    h.get_by_label("Share %").click();
    h.run();
    assert!(h.state().view().mix.share);
    // The Unallocated slice is in the legend, and clicking it hides the series.
    h.get_by_role_and_label(Role::Button, "Unallocated").click();
    h.run();
    assert!(h.state().view().hidden_mix.contains("Unallocated"));
    h.get_by_role_and_label(Role::Button, "Gross margin")
        .click();
    h.run();
    assert!(h.state().view().hidden_margins.contains("Gross margin"));
    // The colour swatch left of a name toggles its series too (it used to do nothing):
    // the entry's rectangle starts with its 12-point swatch.
    let entry = h.get_by_role_and_label(Role::Button, "Net margin").rect();
    let swatch = egui::pos2(entry.left() + 6.0, entry.center().y);
    h.event(egui::Event::PointerMoved(swatch));
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos: swatch,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
    }
    h.run();
    assert!(h.state().view().hidden_margins.contains("Net margin"));
}

#[test]
fn theme_toggle_switches_to_dark() {
    let mut h = twilio();
    h.run();
    assert!(!h.state().theme().dark);
    h.get_by_label("Dark theme").click();
    h.run();
    assert_eq!(h.state().view().theme, ThemeChoice::Dark);
    assert!(h.state().theme().dark);
    assert_eq!(h.ctx.theme(), egui::Theme::Dark);
    assert!(h.ctx.global_style().visuals.dark_mode);
}

#[test]
fn presets_slider_and_reset_drive_the_projection() {
    let mut h = twilio();
    h.run();
    assert_eq!(h.state().scenario().name, "Trend");
    h.get_by_label("Bull").click();
    h.run();
    assert_eq!(h.state().scenario().name, "Bull");
    assert_eq!(h.state().projection().years.len(), 5);
    // Bull: Communications 10%/yr from 3.68 -> 3.68 * 1.1^3 = 4.89808 in 2027.
    let comm_2027 = h.state().projection().years[2].segments[0].expect("comm");
    assert!((comm_2027 - 4.898_08).abs() < 1e-9, "{comm_2027}");

    let slider = h.get_by_role_and_label(Role::Slider, "Communications growth");
    slider.focus();
    h.run();
    h.key_press(egui::Key::ArrowRight);
    h.run();
    let v = *h
        .state()
        .scenario()
        .levers
        .get(&Lever::SegmentGrowth("Communications".into()))
        .expect("lever");
    assert!(v > 10.0, "slider moved up from 10: {v}");
    assert_eq!(h.state().scenario().name, "Custom");
    let moved = h.state().projection().years[2].segments[0].expect("comm");
    assert!(
        (moved - 3.68 * (1.0 + v / 100.0).powi(3)).abs() < 1e-9,
        "projection follows the slider"
    );

    // The Scenario summary tab shows the model's horizon figures, formatted.
    h.get_by_label("Scenario summary").click();
    h.run();
    let summary = h.state().projection().summary.clone();
    let revenue =
        moneymap::model::format::money(summary.revenue, "USD", moneymap::model::Scale::Billions);
    h.get_by_label(&revenue);
    h.get_by_label(&moneymap::model::format::growth_opt(summary.revenue_cagr));
    h.get_by_label(&format!("Custom at {} (5 years after 2024)", summary.year));

    h.get_by_label("Reset to trend").click();
    h.run();
    assert_eq!(h.state().scenario().name, "Trend");
    // Trend at 2027 (3 years): 3.68 g^3 + 0.45 * 1.125^3 + 0.33 * (4.13 / 3.9)^3 = $5.31B
    // (the unallocated remainder grows with the segments), shown.
    h.get_by_label("$5.31B");
    assert_eq!(h.state().projection().years.len(), 3);
    let g = *h
        .state()
        .scenario()
        .levers
        .get(&Lever::SegmentGrowth("Communications".into()))
        .expect("lever");
    assert!((g - 5.142_857_142_857_138).abs() < 1e-9);
}

#[test]
fn a_bad_file_keeps_the_dataset_and_shows_the_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = dir.path().join("bad.ron");
    std::fs::write(&bad, "(company: \"X\", currency: \"USD\", scale: Millions,\n source: (title: \"t\", basis: \"b\"),\n years: [(year: 2024, revenu: 1)])\n").expect("write");
    let mut h = twilio();
    h.run();
    h.state_mut().apply([Action::Open(bad.clone())]);
    assert_eq!(
        h.state().loading(),
        Some(bad.as_path()),
        "loading in the background"
    );
    h.state_mut().run_tasks_inline(&NoDialogs);
    h.run();
    assert_eq!(
        h.state().document().dataset.company,
        "Twilio",
        "dataset on screen kept"
    );
    let e = h.state().error().expect("error shown");
    assert!(
        e.to_string()
            .ends_with("3:23: unknown field `revenu` in Year; did you mean `revenue`?"),
        "{e}"
    );
    h.get_by_label_contains("did you mean `revenue`?");
    h.get_by_label("Dismiss").click();
    h.run();
    assert!(h.state().error().is_none());
}

#[test]
fn ericsson_and_no_segment_datasets_render() {
    let ericsson = model::parse(model::ERICSSON_RON).expect("loads");
    let mut h = harness(Document::new(None, ericsson));
    h.run();
    h.get_by_label("Ericsson (ERIC)");
    h.get_by_label("SEK millions");
    shows(&h, "SEK 247.9B");
    h.get_by_role_and_label(Role::Button, "Networks");
    assert!(
        h.query_by_label("Unallocated").is_none(),
        "Ericsson's segments sum exactly"
    );

    let reported = model::parse(model::TWILIO_REPORTED_RON).expect("loads");
    let mut h = harness(Document::new(None, reported));
    h.run();
    h.get_by_label("No segment split in this dataset: total revenue only.");
    h.get_by_role_and_label(Role::Button, "Total revenue");
    h.get_by_role_and_label(Role::Slider, "Revenue growth");
}

/// Many KPIs scroll sideways in one row of cards; they never squeeze into tall wrapped
/// columns that push the charts down (seen with 40+ KPIs before the fix).
#[test]
fn many_kpis_keep_the_strip_one_row_high() {
    let text = model::synthetic::ron_text(10, 3, 40);
    let doc = Document::new(None, model::parse(&text).unwrap());
    let mut h = harness(doc);
    h.run();
    let revenue = h.get_by_label_contains("Revenue 1984").rect();
    let last_visible = h.get_by_label("KPI 7").rect();
    assert!((revenue.top() - last_visible.top()).abs() < 1.0);
    let heading = h.get_by_label("Segment mix").rect();
    assert!(
        heading.top() < revenue.bottom() + 80.0,
        "charts start right below the KPI strip: {heading:?} vs {revenue:?}"
    );
}

/// Hundreds of KPIs: a dozen cards and one "More KPIs" card pointing at the table.
#[test]
fn kpi_cards_are_capped_with_a_pointer_to_the_table() {
    use moneymap::charts::kpi::{MAX_KPI_CARDS, cards};
    let text = model::synthetic::ron_text(3, 2, 530);
    let d = Dashboard::new(
        Document::new(None, model::parse(&text).unwrap()),
        ViewState::default(),
    );
    let c = cards(&d.document().dataset, &d.document().metrics);
    // Revenue, 4 margins, FCF, 12 KPIs, "More KPIs".
    assert_eq!(c.len(), 6 + MAX_KPI_CARDS + 1);
    let more = c.last().unwrap();
    assert_eq!(more.title, "More KPIs");
    assert_eq!(more.value, format!("+{}", 530 - MAX_KPI_CARDS));
    assert!(
        more.detail.starts_with("530 extra KPIs in all"),
        "{}",
        more.detail
    );
    assert_eq!(
        c[6 + MAX_KPI_CARDS - 1].title,
        format!("KPI {}", MAX_KPI_CARDS - 1)
    );
    // Exactly at the cap: no "More" card.
    let text = model::synthetic::ron_text(3, 2, MAX_KPI_CARDS);
    let d = Dashboard::new(
        Document::new(None, model::parse(&text).unwrap()),
        ViewState::default(),
    );
    assert!(
        cards(&d.document().dataset, &d.document().metrics)
            .iter()
            .all(|c| c.title != "More KPIs")
    );
}

/// Clicking "Projected" or the fan's "p10–p90" switches it off and leaves its entry, struck
/// through, so that a second click brings it back (the entries used to leave the legend:
/// only the View menu could).
#[test]
fn projected_and_fan_entries_switch_off_and_back_on() {
    type Shown = fn(&Dashboard) -> bool;
    let mut h = twilio();
    common::settle(&mut h, &NoDialogs);
    let cases: [(&str, Shown); 2] = [
        ("p10–p90", |d| d.view().show_fan),
        ("Projected", |d| d.view().show_projection),
    ];
    for (name, shown) in cases {
        assert!(shown(h.state()), "{name} is on at first");
        h.query_all_by_role_and_label(Role::Button, name)
            .next()
            .unwrap_or_else(|| panic!("{name} is in a legend"))
            .click();
        common::settle(&mut h, &NoDialogs);
        assert!(!shown(h.state()), "clicking {name} switches it off");
        h.query_all_by_role_and_label(Role::Button, name)
            .next()
            .unwrap_or_else(|| panic!("{name} stays in the legend when off"))
            .click();
        common::settle(&mut h, &NoDialogs);
        assert!(
            shown(h.state()),
            "a second click on {name} switches it back on"
        );
    }
}

/// A legend entry that toggles nothing is not a button: "YoY growth %" on the revenue
/// chart is a label (it was a button that did nothing when clicked), while the margins
/// stay buttons; a button focused from the keyboard has a ring around it (a focused
/// entry used to change only its text colour, as on hover).
#[test]
fn legend_buttons_toggle_and_show_focus() {
    let mut h = twilio();
    h.run();
    assert!(
        h.query_by_role_and_label(Role::Button, "YoY growth %")
            .is_none()
    );
    assert!(
        h.query_by_role_and_label(Role::Label, "YoY growth %")
            .is_some()
    );
    let entry = h.get_by_role_and_label(Role::Button, "Net margin");
    let rect = entry.rect();
    entry.focus();
    h.run();
    let ring = h.state().theme().focus_ring();
    let ringed = h.output().shapes.iter().any(|s| match &s.shape {
        egui::Shape::Rect(r) => {
            r.stroke == ring && r.rect.contains_rect(rect) && r.rect.width() < rect.width() + 10.0
        }
        _ => false,
    });
    assert!(ringed, "a ring around the focused entry {rect:?}");
}

/// The KPI cards' hover gives exact figures as the Data table does: thousands grouped
/// ("247880 SEK millions" was hard to read) and the file's decimals ("0.2 USD billions of
/// 4.46" mixed them).
#[test]
fn kpi_hover_figures_group_thousands() {
    use moneymap::charts::kpi::cards;
    let d = Dashboard::new(
        Document::new(None, model::parse(model::ERICSSON_RON).unwrap()),
        ViewState::default(),
    );
    let c = cards(&d.document().dataset, &d.document().metrics);
    assert!(
        c[0].detail.starts_with("2024: 247,880 SEK millions"),
        "{}",
        c[0].detail
    );
    let t = Dashboard::new(Document::builtin(), ViewState::default());
    let c = cards(&t.document().dataset, &t.document().metrics);
    let operating = c.iter().find(|c| c.title == "Operating margin").unwrap();
    assert!(
        operating
            .detail
            .starts_with("2024: 4.5% (0.20 USD billions of 4.46 USD billions)"),
        "{}",
        operating.detail
    );
}

/// A segment's legend hover lists its product lines; one without a description is its
/// name alone ("• Lanes", not "• Lanes:").
#[test]
fn a_product_line_without_a_description_has_no_dangling_colon() {
    let text = r#"(company: "P", currency: "EUR", scale: Millions, source: (title: "t", basis: "b"),
        segments: [(name: "Shipping", description: "Boats.", product_lines: [(name: "Lanes"), (name: "Ports", description: "Terminals.")])],
        years: [(year: 2024, revenue: 10, segments: {"Shipping": 10})])"#;
    let d = Dashboard::new(
        Document::new(None, model::parse(text).unwrap()),
        ViewState::default(),
    );
    let entries = moneymap::charts::segment_mix::legend_entries(&d.chart_input(false));
    let shipping = entries.iter().find(|e| e.name == "Shipping").unwrap();
    assert_eq!(shipping.hover, "Boats.\n• Lanes\n• Ports: Terminals.");
}

/// A KPI card's hover carries the dataset's note on the figure behind it: Twilio's 2024
/// operating margin is the article's $0.20B, and the note says the company reported a
/// $54M loss (the notes showed nowhere in the window).
#[test]
fn kpi_hover_carries_the_note_on_its_figure() {
    use moneymap::charts::kpi::cards;
    let d = Dashboard::new(Document::builtin(), ViewState::default());
    let c = cards(&d.document().dataset, &d.document().metrics);
    let card = |title: &str| c.iter().find(|c| c.title == title).unwrap();
    assert!(
        card("Operating margin")
            .detail
            .ends_with("\nNote: Twilio reported a GAAP operating loss of $54M for 2024."),
        "{}",
        card("Operating margin").detail
    );
    assert!(card("Free cash flow 2024").detail.contains("about $657M"));
    assert!(
        !card("Gross margin").detail.contains("Note:"),
        "2024 has no gross profit note"
    );
}

/// The series folded into "+N more" are listed on hover with their swatches, so every
/// colour in the chart keeps its key (the hover listed bare names).
#[test]
fn folded_series_keep_their_swatches_on_hover() {
    let text = model::synthetic::ron_text(12, 20, 0);
    let mut h = harness(Document::new(None, model::parse(&text).unwrap()));
    h.run();
    // The segment mix shows seven segments at 1280x720 and folds the other 13.
    let more = h.get_by_label("+13 more").rect();
    h.event(egui::Event::PointerMoved(more.center()));
    // Past the tooltip's delay.
    for _ in 0..40 {
        h.run();
    }
    let last = h
        .query_all_by_label("Segment 19")
        .next()
        .expect("the last segment is listed");
    let row = last.rect();
    let colour = h.state().theme().segment(19);
    let swatched = h.output().shapes.iter().any(|s| match &s.shape {
        egui::Shape::Rect(r) => {
            r.fill == colour && (r.rect.center().y - row.center().y).abs() < 8.0
        }
        _ => false,
    });
    assert!(swatched, "a swatch in Segment 19's colour beside its name");
}
