//! Issue 21: no silent wrong number from absurd magnitudes. Figures beyond any real
//! company's are refused at load with their field and `line:col`; "n/a" is never glued
//! to a unit; and the chart layer, fed ranges up to ±f64::MAX below validation, draws a
//! bounded number of marks (it hung on a dotted line: defect 1).

// Tests unwrap known-good fixtures: a panic is the test failure.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use moneymap::charts::{self, ChartInput, PlotSpec, Theme, axes};
use moneymap::model::{self, Location, Metrics, TWILIO_RON, format, scenario};
use moneymap::render::{self, FrameSpec};

/// Twilio with every `revenue: X,` replaced by `revenue: {value},`.
fn twilio_with_revenue(value: &str) -> String {
    let mut out = String::new();
    for line in TWILIO_RON.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("revenue: ") {
            let indent = &line[..line.len() - trimmed.len()];
            out.push_str(&format!("{indent}revenue: {value},\n"));
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// The messages of every validation error of `text`, each with its `line:col`.
fn errors_of(text: &str) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.ron");
    std::fs::write(&path, text).unwrap();
    let errors = model::load_all(&path).expect_err("refused");
    errors
        .iter()
        .map(|e| {
            assert!(
                matches!(e.location, Location::LineCol { .. }),
                "no line:col: {e}"
            );
            e.to_string()
        })
        .collect()
}

#[test]
fn defect_1_revenue_of_1_7e308_is_refused_at_each_revenue() {
    // It passed `check` ("OK"); the export then never finished.
    let errors = errors_of(&twilio_with_revenue("1.7e308"));
    assert_eq!(errors.len(), 2, "{errors:#?}");
    for e in &errors {
        assert!(
            e.contains("revenue 1.7e308 USD billions is 1.7e317 in whole currency units"),
            "{e}"
        );
    }
    // At the number itself (line 48 of the file: the first year's revenue).
    assert!(errors[0].contains("t.ron:48:22:"), "{}", errors[0]);
}

#[test]
fn defect_2_revenue_of_1e200_is_refused_not_shown_as_zero_margins() {
    // `check` printed "$n/aT" and "gross 0.0%" for it.
    let errors = errors_of(&twilio_with_revenue("1e200"));
    assert!(
        errors
            .iter()
            .all(|e| e.contains("revenue 1e200 USD billions")),
        "{errors:#?}"
    );
}

#[test]
fn every_kind_of_figure_has_its_bound() {
    let text = TWILIO_RON;
    let cases = [
        // (what to replace, with what, what the message says)
        (
            "gross_profit: 2.28,",
            "gross_profit: 1e16,",
            "gross profit 1e16 USD billions",
        ),
        (
            "net_income: 0.12,",
            "net_income: -1.7976931348623157e308,",
            "net income -1.797",
        ),
        (
            "\"Segment\": 0.45 }",
            "\"Segment\": 5e-324 }",
            "not zero, yet less than a millionth",
        ),
        (
            "value: 105,",
            "value: 100000,",
            "KPI \"Dollar-based net expansion\" 100000% is beyond ±10,000%",
        ),
        (
            "(value: 42,",
            "(value: 1.7e308,",
            "market cap 1.7e308 USD billions",
        ),
    ];
    for (from, to, says) in cases {
        assert!(text.contains(from), "{from}");
        let errors = errors_of(&text.replacen(from, to, 1));
        assert!(errors.iter().any(|e| e.contains(says)), "{to}: {errors:#?}");
    }
    // Within the bounds: -0.0, a percent of -9,999%, 1e6 billions (1e15 dollars, the limit).
    for (from, to) in [
        ("net_income: 0.12,", "net_income: -0.0,"),
        ("value: 105,", "value: -9999,"),
        ("gross_profit: 2.28,", "gross_profit: 1e6,"),
    ] {
        let loaded = model::parse(&text.replacen(from, to, 1));
        assert!(loaded.is_ok(), "{to}: {:?}", loaded.err());
    }
}

#[test]
fn a_count_beyond_its_bound_is_refused() {
    let text = TWILIO_RON.replacen(
        "(name: \"Dollar-based net expansion\", kind: Percent, value: 105,",
        "(name: \"Messages\", kind: Count, value: 2e18,",
        1,
    );
    let errors = errors_of(&text);
    assert!(
        errors
            .iter()
            .any(|e| e.contains("KPI \"Messages\" 2e18 is a count beyond 1e18")),
        "{errors:#?}"
    );
}

#[test]
fn n_a_is_a_whole_word_never_glued_to_a_unit() {
    // Finite in billions, infinite in dollars: this was "$n/aT".
    assert_eq!(format::money(1.7e308, "USD", model::Scale::Billions), "n/a");
    assert_eq!(
        format::money(-f64::MAX, "EUR", model::Scale::Thousands),
        "n/a"
    );
    // Finite in whole units: every digit, grouped, with its unit letter.
    let max = format::money(f64::MAX, "USD", model::Scale::Units);
    assert!(
        max.starts_with("$179,769,313,") && max.ends_with('T'),
        "{max}"
    );
}

/// A dataset straight from text, below validation: the chart layer must cope anyway.
fn unvalidated(revenues: &[f64]) -> model::Dataset {
    let mut ds = model::parse(TWILIO_RON).unwrap().dataset;
    let first = ds.years[0].clone();
    ds.years = revenues
        .iter()
        .enumerate()
        .map(|(i, r)| model::Year {
            year: 2020 + i as i32,
            revenue: *r,
            free_cash_flow: Some(-*r),
            segments: Default::default(),
            notes: Default::default(),
            kpis: vec![],
            ..first.clone()
        })
        .collect();
    ds.segments.clear();
    ds.watch.clear();
    ds.presets.clear();
    ds.operating_model = Default::default();
    ds
}

#[test]
fn the_value_axis_of_any_range_is_finite_with_few_marks() {
    let ranges = [
        (0.0, f64::MAX),
        (-f64::MAX, f64::MAX),
        (f64::MAX, f64::MAX),
        (-f64::MAX, -f64::MAX),
        (f64::MIN_POSITIVE, 5e-324),
        (f64::NAN, f64::INFINITY),
    ];
    for values in ranges {
        let spec = PlotSpec {
            id: "t".into(),
            size: egui::vec2(400.0, 300.0),
            years: vec![2020, 2021],
            values,
        };
        let (y0, y1) = spec.y_bounds();
        assert!(
            y0.is_finite() && y1.is_finite() && y0 < y1,
            "{values:?}: {y0} {y1}"
        );
        assert!((y1 - y0).is_finite(), "{values:?}");
        let marks = axes::value_marks(
            egui_plot::GridInput {
                bounds: (y0, y1),
                base_step_size: 0.0,
            },
            (y1 - y0) / 280.0 * 17.0,
            (y1 - y0) / 280.0 * 7.0,
        );
        assert!(marks.len() <= 50, "{values:?}: {} marks", marks.len());
        assert!(marks.iter().all(|m| m.value.is_finite()), "{values:?}");
        // Lines are clipped into a band a few plot heights tall, crossings kept.
        let band = spec.band();
        let line = [
            [2019.0, 0.0],
            [2020.0, f64::MAX],
            [2021.0, -f64::MAX],
            [2022.0, f64::NAN],
            [2023.0, 1.0],
        ];
        let clipped = band.clip(&line);
        assert!(clipped.len() <= 3 * line.len(), "{clipped:?}");
        assert!(
            clipped
                .iter()
                .all(|[x, y]| x.is_finite() && (band.lo..=band.hi).contains(y)),
            "{values:?}: {clipped:?}"
        );
    }
}

/// Shapes in `shape`, nested ones counted one by one (a dashed line is a list of dashes).
fn count(shape: &egui::Shape) -> usize {
    match shape {
        egui::Shape::Vec(inner) => inner.iter().map(count).sum(),
        _ => 1,
    }
}

#[test]
fn charts_fed_values_up_to_f64_max_draw_a_bounded_number_of_shapes() {
    // Revenue from -f64::MAX to f64::MAX, projected by the trend (growth clamped to
    // +1000% a year): the projection's dashed line ran to an infinite pixel and
    // dashing it never ended.
    for revenues in [
        vec![-f64::MAX, 1.0, f64::MAX / 100.0],
        vec![0.0, f64::MAX],
        vec![5e-324, f64::MAX / 1e3, -f64::MAX],
    ] {
        let ds = unvalidated(&revenues);
        let m = Metrics::compute(&ds);
        let s = scenario::trend(&ds, &m);
        let projection = scenario::project(&ds, &m, &s);
        let input = ChartInput {
            dataset: &ds,
            metrics: &m,
            projection: Some(&projection),
            theme: Theme::LIGHT,
            interactive: false,
            compare: None,
            fan: None,
        };
        let spec = FrameSpec {
            width_px: 400,
            height_px: 300,
            scale: 1.0,
            dark: false,
        };
        let size = egui::vec2(380.0, 280.0);
        let frames = [
            render::frame(&spec, |ui| charts::projection::ui(ui, &input, size)),
            render::frame(&spec, |ui| {
                charts::margins::ui(ui, &input, &Default::default(), size)
            }),
        ];
        for frame in frames {
            let shapes: usize = frame.shapes.iter().map(|s| count(&s.shape)).sum();
            assert!(
                shapes > 0 && shapes < 5_000,
                "{revenues:?}: {shapes} shapes"
            );
        }
    }
}

/// Regression (fresh-eyes review): a dollar revenue of 99,999,999 billions (1e17 dollars,
/// a thousand times the world's output) passed `check` under one bound for every currency,
/// and every margin read 0.0%. The bound is 1e15 units now, 1e17 only in currencies of a
/// thousand or more units to the dollar, where real companies report such figures.
#[test]
fn the_money_bound_follows_the_currency() {
    let usd = TWILIO_RON.replacen("revenue: 4.46", "revenue: 99999999", 1);
    let errors = errors_of(&usd);
    assert!(
        errors
            .iter()
            .any(|e| e.contains("revenue 99999999 USD billions")
                && e.contains("beyond 1e15 units in this currency")),
        "{errors:#?}"
    );
    // The same file in dong: a Petrovietnam-sized 1,030 trillion loads; 1e18 does not.
    let vnd = TWILIO_RON.replace("currency: \"USD\"", "currency: \"VND\"");
    assert_ne!(vnd, TWILIO_RON, "the dataset names its currency");
    let petrovietnam = vnd
        .replacen("revenue: 4.46", "revenue: 1030000", 1)
        .replacen("\"Communications\": 3.68", "\"Communications\": 1000000", 1);
    let loaded = model::parse(&petrovietnam);
    assert!(loaded.is_ok(), "{:?}", loaded.err().map(|e| e.to_string()));
    let errors = errors_of(&vnd.replacen("revenue: 4.46", "revenue: 1e9", 1));
    assert!(
        errors.iter().any(|e| e.contains("beyond 1e17 units")),
        "{errors:#?}"
    );
}
