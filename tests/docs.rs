//! The documentation's examples are real: the annotated example in `datasets/README.md`
//! loads, with exactly the warning the text promises.

// Test helpers unwrap known-good fixtures: a panic is the test failure.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use moneymap::model::{self, WarningKind};

fn ron_block(markdown: &str) -> &str {
    let start = markdown.find("```ron\n").expect("a ```ron block") + "```ron\n".len();
    let len = markdown[start..].find("```").expect("closing fence");
    &markdown[start..start + len]
}

#[test]
fn format_doc_example_loads() {
    let doc = include_str!("../datasets/README.md");
    let loaded = model::parse(ron_block(doc)).expect("the documented example loads");
    let ds = &loaded.dataset;
    assert_eq!(ds.company, "Acme Cloud");
    assert_eq!(ds.years.len(), 2);
    assert_eq!(ds.presets[0].horizon_years, Some(5));
    assert_eq!(loaded.warnings.len(), 1, "{:?}", loaded.warnings);
    assert!(matches!(
        loaded.warnings[0].kind,
        WarningKind::Unallocated { year: 2024, gap, .. } if (gap - 50.0).abs() < 1e-9
    ));
}

/// The example's scenario settings work as documented: a cost structure (operating
/// expenses 2024: (780 - 60) / 1500 = 48%; FCF less operating income (150 - 60) / 1500
/// = 6%), a stated range for the fan, and net cash in the valuation (priced-in target
/// 9000 - 400 = 8600).
#[test]
fn format_doc_example_scenario_settings() {
    use model::{Lever, Metrics, fan, scenario, valuation};
    let doc = include_str!("../datasets/README.md");
    let ds = model::parse(ron_block(doc)).expect("loads").dataset;
    let m = Metrics::compute(&ds);
    let t = scenario::trend(&ds, &m);
    assert!((t.levers[&Lever::OperatingExpenses] - 48.0).abs() < 1e-9);
    assert!((t.levers[&Lever::FcfLessOperating] - 6.0).abs() < 1e-9);
    assert!(!t.levers.contains_key(&Lever::FcfMargin));
    let cloud = fan::band(&ds, &m, &Lever::SegmentGrowth("Cloud".into()), 31.25);
    assert_eq!((cloud.low, cloud.high), (10.0, 45.0));
    let v =
        valuation::valuation(&ds, &m, &t, &valuation::ValuationParams::default()).expect("a card");
    assert_eq!(v.net_cash, Some(400.0));
    assert_eq!(v.priced_in.expect("priced in").target, 8600.0);
    // The preset sets the cost-structure lever.
    let bull = scenario::from_preset(&ds, &m, "Bull").expect("Bull");
    assert_eq!(bull.levers[&Lever::OperatingExpenses], 44.0);
}
