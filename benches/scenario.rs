//! `cargo bench --bench scenario`: a 10-year projection plus the sensitivity ranking for
//! a 20-segment dataset (it runs on every slider movement), and for Twilio.

// Benchmark inputs are fixed and known-good: a panic is the right report.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use moneymap::model::{self, Metrics, scenario, synthetic};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("scenario");
    for (name, text) in [
        ("twilio_10y", model::TWILIO_RON.to_owned()),
        ("synthetic_20seg_10y", synthetic::ron_text(50, 20, 0)),
    ] {
        let ds = model::parse(&text).expect("valid").dataset;
        let m = Metrics::compute(&ds);
        let mut s = scenario::trend(&ds, &m);
        s.horizon_years = 10;
        g.bench_function(name, |b| {
            b.iter(|| {
                let p = scenario::project(&ds, &m, black_box(&s));
                let sens = scenario::sensitivity(&ds, &m, &s);
                black_box((p.summary.revenue, sens.len()))
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
