//! `cargo bench --bench scenario`: what runs on every slider movement. A 10-year
//! projection plus the sensitivity ranking for a 20-segment dataset and for Twilio; the
//! valuation card (projection, scenario value and the priced-in growth solve); the
//! tornado of the implied value; and the 2,000-draw fan of outcomes.

// Benchmark inputs are fixed and known-good: a panic is the right report.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use moneymap::model::fan::{self, FanParams};
use moneymap::model::valuation::{self, ValuationParams};
use moneymap::model::{self, Metrics, scenario, synthetic};
use std::hint::black_box;

fn inputs() -> Vec<(&'static str, model::Dataset, Metrics, scenario::Scenario)> {
    [
        ("twilio_10y", model::TWILIO_RON.to_owned()),
        ("synthetic_20seg_10y", synthetic::ron_text(50, 20, 0)),
    ]
    .into_iter()
    .map(|(name, text)| {
        let ds = model::parse(&text).expect("valid").dataset;
        let m = Metrics::compute(&ds);
        let mut s = scenario::trend(&ds, &m);
        s.horizon_years = 10;
        (name, ds, m, s)
    })
    .collect()
}

fn bench(c: &mut Criterion) {
    let inputs = inputs();
    let mut g = c.benchmark_group("scenario");
    for (name, ds, m, s) in &inputs {
        g.bench_function(*name, |b| {
            b.iter(|| {
                let p = scenario::project(ds, m, black_box(s));
                let sens = scenario::sensitivity(ds, m, s);
                black_box((p.summary.revenue, sens.len()))
            })
        });
    }
    g.finish();

    let mut g = c.benchmark_group("valuation");
    let params = ValuationParams::default();
    // Twilio as stated (the target): multiples, scenario value over 10 years and
    // the priced-in growth solve, with the default parameters.
    let (_, ds, m, _) = &inputs[0];
    let trend = scenario::trend(ds, m);
    g.bench_function("twilio", |b| {
        b.iter(|| {
            let v = valuation::valuation(ds, m, black_box(&trend), &params).unwrap();
            black_box(v.priced_in.map(|p| p.growth))
        })
    });
    for (name, ds, m, s) in &inputs {
        g.bench_function(format!("tornado_value_{name}"), |b| {
            b.iter(|| {
                let t = scenario::tornado(
                    ds,
                    m,
                    black_box(s),
                    scenario::Measure::ImpliedValue,
                    &params,
                );
                black_box(t.rows.len())
            })
        });
    }
    g.finish();

    let mut g = c.benchmark_group("fan");
    for (name, ds, m, s) in &inputs {
        g.bench_function(format!("{name}_2000_draws"), |b| {
            b.iter(|| {
                let f = fan::fan(ds, m, black_box(s), &FanParams::default());
                black_box(f.years.len())
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
