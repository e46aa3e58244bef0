//! `cargo bench --bench load`: parse + validate + metrics for the Twilio file, a
//! generated 50-year x 20-segment dataset, and a ~5 MB file.

// Benchmark inputs are fixed and known-good: a panic is the right report.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use moneymap::model::{self, Metrics, synthetic};
use std::hint::black_box;

fn load_and_compute(text: &str) -> usize {
    let loaded = model::parse(text).expect("valid bench input");
    let m = Metrics::compute(&loaded.dataset);
    m.years.len() + loaded.warnings.len()
}

fn bench(c: &mut Criterion) {
    let big_50x20 = synthetic::ron_text(50, 20, 0);
    let five_mb = synthetic::five_megabytes();
    eprintln!("5 MB bench input: {} bytes", five_mb.len());
    let mut g = c.benchmark_group("load");
    g.bench_function("twilio", |b| {
        b.iter(|| load_and_compute(black_box(model::TWILIO_RON)))
    });
    g.bench_function("synthetic_50y_20seg", |b| {
        b.iter(|| load_and_compute(black_box(&big_50x20)))
    });
    g.sample_size(20);
    g.bench_function("synthetic_5mb", |b| {
        b.iter(|| load_and_compute(black_box(&five_mb)))
    });
    // The same loads through `ron` alone (the reference path), side by side.
    g.bench_function("reference_ron_50y_20seg", |b| {
        b.iter(|| {
            let loaded = model::load::parse_reference(black_box(&big_50x20)).expect("valid");
            Metrics::compute(&loaded.dataset).years.len()
        })
    });
    g.bench_function("reference_ron_5mb", |b| {
        b.iter(|| {
            let loaded = model::load::parse_reference(black_box(&five_mb)).expect("valid");
            Metrics::compute(&loaded.dataset).years.len()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
