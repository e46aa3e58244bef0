//! `cargo bench --bench load`: parse + validate + metrics, all through `ron`, for the
//! Twilio file, a generated 50-year x 20-segment dataset, the largest dataset an import
//! writes (50 years x 20 segments x 20 KPIs, a note on every figure), and a ~5 MB file.

// Benchmark inputs are fixed and known-good: a panic is the right report.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use moneymap::import::{self, ImportOptions};
use moneymap::model::{self, Metrics, synthetic};
use std::hint::black_box;

fn load_and_compute(text: &str) -> usize {
    let loaded = model::parse(text).expect("valid bench input");
    let m = Metrics::compute(&loaded.dataset);
    m.years.len() + loaded.warnings.len()
}

/// The dataset file `moneymap import` writes from a statement of 50 years x 20 segments
/// x 20 KPIs: the largest an import makes, and so the one the fast reader was weighed
/// against (it was deleted when this loaded in well under 5 ms through ron).
fn largest_import() -> String {
    let csv = synthetic::statement_csv(50, 20, 20);
    let imported = import::import_bytes(
        &[(Path::new("statement.csv"), csv.as_bytes())],
        &ImportOptions::default(),
    )
    .expect("the generated statement imports");
    import::to_ron(&imported, "2026-01-01")
}

fn bench(c: &mut Criterion) {
    let big_50x20 = synthetic::ron_text(50, 20, 0);
    let largest = largest_import();
    let five_mb = synthetic::five_megabytes();
    eprintln!("largest import: {} bytes", largest.len());
    eprintln!("5 MB bench input: {} bytes", five_mb.len());
    let mut g = c.benchmark_group("load");
    g.bench_function("twilio", |b| {
        b.iter(|| load_and_compute(black_box(model::TWILIO_RON)))
    });
    g.bench_function("synthetic_50y_20seg", |b| {
        b.iter(|| load_and_compute(black_box(&big_50x20)))
    });
    g.bench_function("largest_import_50y_20seg_20kpi", |b| {
        b.iter(|| load_and_compute(black_box(&largest)))
    });
    g.sample_size(20);
    g.bench_function("synthetic_5mb", |b| {
        b.iter(|| load_and_compute(black_box(&five_mb)))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
