//! Datasets and scenario files written before the cost structure, valuation and fan
//! (issue 13) load and project exactly as before.
//!
//! `tests/fixtures/pre-issue-13/projections.txt` was written by the code before those
//! changes (commit 5e82017): for each shipped dataset (Twilio as it was, without a cost
//! structure), a synthetic one, their trend, presets and a moved scenario at horizons 1,
//! 3 and 10, every lever value, projected figure and sensitivity, printed with `{:?}`
//! (shortest round-trip decimals). Re-projecting the recorded lever values must print
//! the same text byte for byte: the same bits. The trend itself is unchanged except for
//! one deliberate change: unallocated revenue now grows with the allocated segments.

// Test helpers unwrap known-good fixtures: a panic is the test failure.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::fmt::Write;

use moneymap::model::{self, Lever, Metrics, scenario};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/pre-issue-13");

/// The same printout the fixture was written with.
fn render(ds: &model::Dataset, m: &Metrics, s: &scenario::Scenario) -> String {
    let mut out = String::new();
    writeln!(out, "scenario {} {}", s.name, s.horizon_years).unwrap();
    for (l, v) in &s.levers {
        writeln!(out, "lever {l:?} {v:?}").unwrap();
    }
    let p = scenario::project(ds, m, s);
    for y in &p.years {
        writeln!(
            out,
            "year {} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?}",
            y.year,
            y.revenue,
            y.segments,
            y.unallocated,
            y.revenue_growth,
            y.gross_profit,
            y.operating_income,
            y.net_income,
            y.free_cash_flow,
            [
                y.margins.gross,
                y.margins.operating,
                y.margins.net,
                y.margins.fcf
            ]
        )
        .unwrap();
    }
    let sm = &p.summary;
    writeln!(
        out,
        "summary {} {:?} {:?} {:?} {:?} {:?} {:?}",
        sm.year,
        sm.revenue,
        sm.revenue_cagr,
        sm.operating_margin,
        sm.operating_income,
        sm.cumulative_fcf,
        sm.revenue_multiple
    )
    .unwrap();
    for x in scenario::sensitivity(ds, m, s) {
        writeln!(
            out,
            "sens {:?} {:?} {:?} {:?}",
            x.lever, x.step, x.revenue, x.operating_income
        )
        .unwrap();
    }
    out
}

fn old_dataset(name: &str) -> model::Dataset {
    let text = match name {
        "twilio.ron" => std::fs::read_to_string(format!("{FIXTURES}/twilio.ron")).unwrap(),
        "twilio-reported.ron" => model::TWILIO_REPORTED_RON.to_owned(),
        "ericsson.ron" => model::ERICSSON_RON.to_owned(),
        "synthetic-12y-5seg" => model::synthetic::ron_text(12, 5, 0),
        other => panic!("unknown fixture dataset {other}"),
    };
    model::parse(&text).expect("loads").dataset
}

/// (dataset name, the recorded block without its "dataset" line).
fn blocks() -> Vec<(String, String)> {
    let text = std::fs::read_to_string(format!("{FIXTURES}/projections.txt")).unwrap();
    let mut out: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        if let Some(name) = line.strip_prefix("dataset ") {
            out.push((name.to_owned(), String::new()));
        } else if let Some((_, body)) = out.last_mut() {
            body.push_str(line);
            body.push('\n');
        }
    }
    out
}

fn scenario_of(block: &str) -> scenario::Scenario {
    let mut name = String::new();
    let mut horizon = 0;
    let mut levers = BTreeMap::new();
    for line in block.lines() {
        if let Some(rest) = line.strip_prefix("scenario ") {
            let (n, h) = rest.rsplit_once(' ').unwrap();
            name = n.to_owned();
            horizon = h.parse().unwrap();
        } else if let Some(rest) = line.strip_prefix("lever ") {
            let (l, v) = rest.rsplit_once(' ').unwrap();
            let lever: Lever = ron::from_str(l).unwrap();
            levers.insert(lever, v.parse::<f64>().unwrap());
        }
    }
    scenario::Scenario {
        name,
        horizon_years: horizon,
        levers,
        pin_operating_margin: false,
    }
}

#[test]
fn old_datasets_project_bit_for_bit_as_before() {
    let blocks = blocks();
    assert_eq!(blocks.len(), 3 * (2 + 2 + 5 + 2), "fixture blocks");
    for (name, block) in &blocks {
        let ds = old_dataset(name);
        assert_eq!(
            ds.operating_model,
            model::dataset::OperatingModel::MarginLevers
        );
        let m = Metrics::compute(&ds);
        let s = scenario_of(block);
        assert_eq!(&render(&ds, &m, &s), block, "{name} {}", s.name);
    }
}

#[test]
fn old_trends_are_unchanged_but_for_the_unallocated_remainder() {
    for (name, block) in blocks()
        .iter()
        .filter(|(_, b)| b.starts_with("scenario Trend 1\n"))
    {
        let ds = old_dataset(name);
        let m = Metrics::compute(&ds);
        let old = scenario_of(block);
        let new = scenario::trend(&ds, &m);
        assert_eq!(
            new.levers.keys().collect::<Vec<_>>(),
            old.levers.keys().collect::<Vec<_>>(),
            "{name}: same levers"
        );
        for (lever, v) in &old.levers {
            if *lever != Lever::UnallocatedGrowth {
                assert_eq!(new.levers[lever], *v, "{name} {lever:?}");
            }
        }
    }
    // Twilio as it was: 0.33 unallocated after 0.25 was +32%/yr; now the allocated
    // segments' growth, (3.68 + 0.45) / (3.50 + 0.40) - 1 = 4.13 / 3.90 - 1 = 5.897%.
    let ds = old_dataset("twilio.ron");
    let t = scenario::trend(&ds, &Metrics::compute(&ds));
    let u = t.levers[&Lever::UnallocatedGrowth];
    assert!((u - (4.13 / 3.90 - 1.0) * 100.0).abs() < 1e-12, "{u}");
}
