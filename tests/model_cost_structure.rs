//! The cost structure (opt-in), pinning the operating margin, the tornado for a chosen
//! result, which levers a dataset can use, and where each trend comes from: hand-worked
//! values and closed forms checked against brute-force re-projection.

// Test helpers unwrap known-good fixtures: a panic is the test failure.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use moneymap::model::scenario::{self, Measure};
use moneymap::model::valuation::ValuationParams;
use moneymap::model::{self, Lever, Metrics};
use proptest::prelude::*;

fn close(actual: f64, expected: f64) {
    assert!(
        (actual - expected).abs() < 1e-9,
        "expected {expected}, got {actual}"
    );
}

fn load(text: &str) -> (model::Dataset, Metrics) {
    let ds = model::parse(text).expect("loads").dataset;
    let m = Metrics::compute(&ds);
    (ds, m)
}

fn twilio() -> (model::Dataset, Metrics) {
    load(model::TWILIO_RON)
}

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/pre-issue-13");

fn old_twilio_text() -> String {
    std::fs::read_to_string(format!("{FIXTURES}/twilio.ron")).unwrap()
}

/// A tiny dataset in RON, `years` and extra top-level fields spliced in.
fn tiny(years: &str, extra: &str) -> String {
    format!(
        "(company: \"Tiny\", currency: \"USD\", scale: Millions, source: (title: \"t\", basis: \"b\"), \
         segments: [(name: \"A\"), (name: \"B\")], years: [{years}], {extra})"
    )
}

#[test]
fn pinning_the_operating_margin_stops_gross_margin_at_gross_profit() {
    let (ds, m) = twilio();
    let mut s = scenario::trend(&ds, &m);
    s.levers.insert(Lever::GrossMargin, 55.0);
    let p = scenario::project(&ds, &m, &s);
    // Built from costs: 55% - 46.64% (2.08/4.46) = 8.36%, FCF margin + 9.87% (0.44/4.46).
    close(p.years[0].margins.operating.unwrap(), 0.55 - 2.08 / 4.46);
    close(
        p.years[0].margins.fcf.unwrap(),
        0.55 - 2.08 / 4.46 + 0.44 / 4.46,
    );
    assert!(scenario::lever_in_use(&ds, &s, &Lever::OperatingExpenses));
    assert!(!scenario::lever_in_use(
        &ds,
        &s,
        &Lever::OperatingMarginChange
    ));
    s.pin_operating_margin = true;
    let p = scenario::project(&ds, &m, &s);
    // Pinned: the 2024 margin 0.20/4.46 held; opex is what is left: 55% - 4.48%.
    close(p.years[0].margins.operating.unwrap(), 0.2 / 4.46);
    close(
        p.years[0].operating_expenses.unwrap() / p.years[0].revenue,
        0.55 - 0.2 / 4.46,
    );
    close(p.years[0].margins.gross.unwrap(), 0.55);
    assert!(!scenario::lever_in_use(&ds, &s, &Lever::OperatingExpenses));
    assert_eq!(
        scenario::unused_reason(&ds, &s, &Lever::OperatingExpenses),
        Some(
            "not used while the operating margin is pinned: operating expenses are what is left of gross profit"
        )
    );
    assert_eq!(
        scenario::levers_in_use(&ds, &s).len(),
        s.levers.len() - 1,
        "all but operating expenses"
    );
}

/// Old scenario files (saved when Twilio had no cost structure) still load; their
/// revenue and free cash flow project as before, the FCF margin carried over.
#[test]
fn old_scenario_files_load_with_their_revenue_and_fcf() {
    let (old_ds, old_m) = load(&old_twilio_text());
    let (ds, m) = twilio();
    for file in ["twilio-bull.scenario.ron", "twilio-trend.scenario.ron"] {
        let text = std::fs::read_to_string(format!("{FIXTURES}/{file}")).unwrap();
        let old = scenario::from_ron(&text, &old_ds, &old_m).expect("old model");
        let new = scenario::from_ron(&text, &ds, &m).expect("loads on the new Twilio");
        assert!(!new.pin_operating_margin);
        assert!(!new.levers.contains_key(&Lever::FcfMargin));
        let (po, pn) = (
            scenario::project(&old_ds, &old_m, &old),
            scenario::project(&ds, &m, &new),
        );
        assert_eq!(po.years.len(), pn.years.len());
        for (a, b) in po.years.iter().zip(&pn.years) {
            assert_eq!(a.revenue, b.revenue, "{file} {}", a.year);
            let (fa, fb) = (a.free_cash_flow.unwrap(), b.free_cash_flow.unwrap());
            assert!((fa - fb).abs() < 1e-12, "{file} {}: {fa} vs {fb}", a.year);
        }
    }
    // Bull's 18% FCF margin is now 18% - (54% - 46.64%) of FCF less operating income.
    let text = std::fs::read_to_string(format!("{FIXTURES}/twilio-bull.scenario.ron")).unwrap();
    let bull = scenario::from_ron(&text, &ds, &m).unwrap();
    close(
        bull.levers[&Lever::FcfLessOperating],
        18.0 - (54.0 - 2.08 / 4.46 * 100.0),
    );
    // A pinned scenario saves the flag and reads it back; an unpinned one leaves it out.
    let mut s = scenario::trend(&ds, &m);
    assert!(!scenario::to_ron(&ds, &s).contains("pin_operating_margin"));
    s.pin_operating_margin = true;
    let text = scenario::to_ron(&ds, &s);
    assert!(text.contains("pin_operating_margin: true"), "{text}");
    assert!(
        scenario::from_ron(&text, &ds, &m)
            .unwrap()
            .pin_operating_margin
    );
}

/// The done-criterion: the tornado shows gross margin moving operating income
/// for Twilio; levers that cannot move the chosen result are left out with a note.
#[test]
fn twilio_tornado_for_each_measure() {
    let (ds, m) = twilio();
    let t = scenario::trend(&ds, &m);
    let p = ValuationParams::default();
    let oi = scenario::tornado(&ds, &m, &t, Measure::OperatingIncome, &p);
    assert_eq!(oi.unavailable, None);
    assert_eq!(
        oi.caption,
        "Change in 2027 operating income from one step of each lever"
    );
    let row = |tn: &scenario::Tornado, l: Lever| {
        tn.rows.iter().find(|r| r.lever == l).cloned().expect("row")
    };
    // One point of gross margin: 1% of 2027 revenue (5.3101) each way; opex the reverse.
    let gm = row(&oi, Lever::GrossMargin);
    close(gm.down, -0.053_100_898_215_171_59);
    close(gm.up, 0.053_100_898_215_171_59);
    let opex = row(&oi, Lever::OperatingExpenses);
    close(opex.up, -0.053_100_898_215_171_59);
    assert_eq!(oi.rows[0].lever, Lever::GrossMargin, "largest swing first");
    assert_eq!(
        oi.left_out,
        [
            Lever::OperatingMarginChange,
            Lever::NetToOperating,
            Lever::FcfLessOperating
        ]
    );
    assert_eq!(
        oi.note.as_deref(),
        Some(
            "Not shown (cannot move 2027 operating income): Operating margin change, Net income / operating income, FCF less operating income"
        )
    );
    let rev = scenario::tornado(&ds, &m, &t, Measure::Revenue, &p);
    assert_eq!(rev.rows.len(), 3, "three growth levers");
    assert!(rev.rows.iter().all(|r| r.lever.is_growth()));
    let fcf = scenario::tornado(&ds, &m, &t, Measure::FreeCashFlow, &p);
    close(
        row(&fcf, Lever::FcfLessOperating).up,
        0.053_100_898_215_171_59,
    );
    assert_eq!(
        fcf.left_out,
        [Lever::OperatingMarginChange, Lever::NetToOperating]
    );
    // Implied value: one point of gross margin shifts every year's FCF margin, so the
    // value by 0.01 * Σ w_t R_t = 0.01 * 97.4511 (w_t = 1.09^-t, plus the terminal
    // 1.03/0.06 * 1.09^-10 at t = 10; R_t the trend revenue of 2025-2034).
    let v = scenario::tornado(&ds, &m, &t, Measure::ImpliedValue, &p);
    close(row(&v, Lever::GrossMargin).up, 0.974_511_435_015_099_6);
    // Communications +1 pp: Σ w_t (0.64/4.46) 3.68 ((g+0.01)^t - g^t), g = 3.68/3.5.
    close(
        row(&v, Lever::SegmentGrowth("Communications".into())).up,
        0.849_301_331_384_391,
    );
    assert_eq!(
        v.caption,
        "Change in the scenario's value (10 years, r 9.0%, g_T 3.0%) from one step of each lever"
    );
}

#[test]
fn a_measure_the_dataset_cannot_project_says_why() {
    let (ds, m) = load(model::ERICSSON_RON);
    let t = scenario::trend(&ds, &m);
    let p = ValuationParams::default();
    let f = scenario::tornado(&ds, &m, &t, Measure::FreeCashFlow, &p);
    assert!(f.rows.is_empty());
    assert_eq!(
        f.unavailable.as_deref(),
        Some("no free cash flow to project: the last year has no `free_cash_flow`")
    );
    let (ds, m) = twilio();
    let t = scenario::trend(&ds, &m);
    let bad = ValuationParams {
        discount_pct: 3.0,
        ..ValuationParams::default()
    };
    let v = scenario::tornado(&ds, &m, &t, Measure::ImpliedValue, &bad);
    assert_eq!(
        v.unavailable.as_deref(),
        Some(
            "the discount rate (3%) must be above the terminal growth (3%): otherwise the terminal value is infinite"
        )
    );
}

#[test]
fn usable_levers_and_why_the_others_are_dead() {
    let (ds, _) = twilio();
    assert_eq!(
        scenario::usable_levers(&ds),
        [
            Lever::SegmentGrowth("Communications".into()),
            Lever::SegmentGrowth("Segment".into()),
            Lever::UnallocatedGrowth,
            Lever::GrossMargin,
            Lever::OperatingExpenses,
            Lever::OperatingMarginChange,
            Lever::NetToOperating,
            Lever::FcfLessOperating,
        ]
    );
    let why = |ds: &model::Dataset, l: Lever| scenario::lever_problem(ds, &l).unwrap().to_string();
    assert_eq!(
        why(&ds, Lever::RevenueGrowth),
        "the last year (2024) is split into segments, so revenue grows with them; use `SegmentGrowth(\"Name\")` for a segment or `UnallocatedGrowth` for revenue outside the segments"
    );
    assert_eq!(
        why(&ds, Lever::FcfMargin),
        "with `operating_model: CostStructure` free cash flow follows operating income: use FcfLessOperating"
    );
    let (old, _) = load(&old_twilio_text());
    assert_eq!(
        why(&old, Lever::OperatingExpenses),
        "it belongs to the cost structure: add `operating_model: CostStructure` to the dataset, or use OperatingMarginChange"
    );
    let (eric, _) = load(model::ERICSSON_RON);
    assert_eq!(
        why(&eric, Lever::GrossMargin),
        "the last year (2024) needs `gross_profit` and positive `revenue` to project this lever"
    );
    assert_eq!(
        why(&eric, Lever::UnallocatedGrowth),
        "the segments sum to revenue in the last year (2024): nothing is unallocated"
    );
}

/// When the last year has no segment split (earlier ones do), revenue is projected from
/// the total with RevenueGrowth; segment levers cannot drive it and say so.
#[test]
fn a_last_year_without_a_split_projects_from_the_total() {
    let text = tiny(
        "(year: 2023, revenue: 100, segments: {\"A\": 60, \"B\": 40}), (year: 2024, revenue: 110)",
        "",
    );
    let (ds, m) = load(&text);
    let t = scenario::trend(&ds, &m);
    assert_eq!(t.levers.keys().collect::<Vec<_>>(), [&Lever::RevenueGrowth]);
    close(t.levers[&Lever::RevenueGrowth], 10.0); // 110 / 100 - 1
    let p = scenario::project(&ds, &m, &t);
    close(p.years[2].revenue, 110.0 * 1.1f64.powi(3));
    assert_eq!(p.years[0].segments, [None, None]);
    assert_eq!(
        scenario::lever_problem(&ds, &Lever::SegmentGrowth("A".into()))
            .unwrap()
            .to_string(),
        "the last year (2024) has no segment split, so the projection grows total revenue; use `RevenueGrowth`"
    );
}

#[test]
fn trend_basis_says_what_is_assumed() {
    let one = tiny(
        "(year: 2021, revenue: 50, segments: {\"A\": 30, \"B\": 20}, operating_income: -2, net_income: -3)",
        "",
    );
    let (ds, m) = load(&one);
    let note =
        |ds: &model::Dataset, m: &Metrics, l: Lever| scenario::trend_note(ds, m, &l).unwrap();
    assert_eq!(
        note(&ds, &m, Lever::SegmentGrowth("A".into())),
        "assumed +0.0%/yr: one year of data (2021), no growth to continue"
    );
    assert_eq!(
        note(&ds, &m, Lever::NetToOperating),
        "assumed 75.0%: operating income was not positive in 2021 (-$2.00M), so no share to continue"
    );
    assert_eq!(scenario::trend_note(&ds, &m, &Lever::GrossMargin), None);
    let (ds, m) = twilio();
    assert_eq!(
        note(&ds, &m, Lever::SegmentGrowth("Communications".into())),
        "trend +5.1%/yr: 2023-2024 growth"
    );
    assert_eq!(
        note(&ds, &m, Lever::UnallocatedGrowth),
        "trend +5.9%/yr: grows with the allocated segments (their 2023-2024 growth), not its own change"
    );
    assert_eq!(
        note(&ds, &m, Lever::OperatingExpenses),
        "trend 46.6%: the 2024 value, held"
    );
    assert_eq!(
        note(&ds, &m, Lever::OperatingMarginChange),
        "trend +0.0 pp/yr: the 2024 operating margin, held"
    );
    assert_eq!(
        scenario::trend_basis(&ds, &m, &Lever::UnallocatedGrowth),
        Some(scenario::TrendBasis::WithSegments {
            from: 2023,
            to: 2024
        })
    );
}

#[test]
fn the_opt_in_and_stated_ranges_are_validated() {
    let err = |text: &str| model::parse(text).expect_err("refused").to_string();
    assert_eq!(
        err(&tiny(
            "(year: 2024, revenue: 10, operating_income: 1)",
            "operating_model: CostStructure"
        )),
        // Validation errors point at the value (line:column) in the text.
        "1:199: `CostStructure` builds operating income from gross profit and operating expenses: the last year (2024) needs `gross_profit`"
    );
    let watch = |ranges: &str| {
        tiny(
            "(year: 2024, revenue: 10, segments: {\"A\": 6, \"B\": 4})",
            &format!("watch: [(title: \"W\", levers: [SegmentGrowth(\"A\")], ranges: [{ranges}])]"),
        )
    };
    assert_eq!(
        err(&watch("(lever: SegmentGrowth(\"A\"), low: 12, high: 5)")),
        "1:249: the range's low (12) is above its high (5); write the smaller value as `low`"
    );
    assert_eq!(
        err(&watch("(lever: SegmentGrowth(\"B\"), low: 1, high: 5)")),
        "1:257: a range for `B growth`, which this watch item does not list in `levers`; add it there or move the range to the item that does"
    );
    assert_eq!(
        err(&watch(
            "(lever: SegmentGrowth(\"A\"), low: 1, high: 5), (lever: SegmentGrowth(\"A\"), low: 2, high: 3)"
        )),
        "1:295: a second range for `A growth` (the first is at watch[0].ranges[0]); keep one"
    );
    assert!(model::parse(&watch("(lever: SegmentGrowth(\"A\"), low: 5, high: 5)")).is_ok());
    // The shipped Twilio opts in; the same file without the line loads the old model.
    let (ds, _) = twilio();
    assert_eq!(
        ds.operating_model,
        model::dataset::OperatingModel::CostStructure
    );
}

fn scenario_with(
    text: &str,
    vals: &[f64],
    h: u32,
    pin: bool,
) -> (model::Dataset, Metrics, scenario::Scenario) {
    let (ds, m) = load(text);
    let mut s = scenario::trend(&ds, &m);
    s.horizon_years = h;
    s.pin_operating_margin = pin;
    for ((_, v), new) in s.levers.iter_mut().zip(vals) {
        *v = *new;
    }
    (ds, m, s)
}

proptest! {
    /// Every measure's closed form equals re-projecting each lever both ways, on
    /// datasets with and without a cost structure, pinned or not, split or not.
    #[test]
    fn closed_forms_match_brute_force_for_every_measure(
        vals in prop::collection::vec(-30.0f64..60.0, 9),
        h in 1u32..=10,
        which in 0usize..4,
        pin in any::<bool>(),
        r in 4.0f64..15.0,
        years in 1u32..=30,
    ) {
        let old = old_twilio_text();
        let texts = [model::TWILIO_RON, old.as_str(), model::TWILIO_REPORTED_RON, model::ERICSSON_RON];
        let (ds, m, s) = scenario_with(texts[which], &vals, h, pin);
        let params = ValuationParams { discount_pct: r, terminal_growth_pct: 2.0, years };
        for measure in Measure::ALL {
            let fast = scenario::tornado(&ds, &m, &s, measure, &params);
            let slow = scenario::tornado_by_projection(&ds, &m, &s, measure, &params);
            prop_assert_eq!(&fast.unavailable, &slow.unavailable);
            let mut a: Vec<_> = fast.rows.iter().map(|r| r.lever.clone()).collect();
            let mut b: Vec<_> = slow.rows.iter().map(|r| r.lever.clone()).collect();
            a.sort();
            b.sort();
            // A row whose brute-force change is pure float noise may drop out of one.
            for l in a.iter().filter(|l| !b.contains(l)).chain(b.iter().filter(|l| !a.contains(l))) {
                let r = fast.rows.iter().chain(&slow.rows).find(|r| r.lever == *l).unwrap();
                prop_assert!(r.down.abs().max(r.up.abs()) < 1e-9, "{:?} {:?}", measure, r);
            }
            for x in &fast.rows {
                if let Some(y) = slow.rows.iter().find(|y| y.lever == x.lever) {
                    let near = |p: f64, q: f64| (p - q).abs() <= 1e-8 * (1.0 + p.abs().max(q.abs()));
                    prop_assert!(near(x.down, y.down) && near(x.up, y.up), "{:?}: {:?} vs {:?}", measure, x, y);
                }
            }
        }
    }
}
