//! `cargo bench --bench import`: Apple's SEC companyfacts file (3.5 MB, every concept
//! the SEC serves) to a validated dataset (target: under 30 ms), and the statement CSV of
//! the tests.
//!
//! The companyfacts file is public data kept outside the project: it is read from
//! `../shared/fixtures/sec-companyfacts/apple.json` beside the clone (CI has it). Without
//! that folder (a user's clone) the companyfacts benchmark is skipped with a message and
//! only the CSV one runs. For the whole-process comparison with the Python peer, give
//! `benches/peers/side_by_side.py` the same file (see BENCHMARKS.md).

// Benchmark inputs are fixed and known-good: a panic is the right report.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use moneymap::import::{self, ImportOptions};

/// Where the real file lies, relative to the crate root.
const APPLE: &str = "../shared/fixtures/sec-companyfacts/apple.json";

fn bench(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let json = std::fs::read(root.join(APPLE)).ok();
    let csv =
        std::fs::read(root.join("tests/fixtures/import/nordvik-statement.csv")).expect("fixture");
    let opts = ImportOptions::default();
    let one = |bytes: &[u8]| {
        import::import_bytes(&[(Path::new("apple.json"), bytes)], &opts).expect("imports")
    };
    let mut g = c.benchmark_group("import");
    match &json {
        Some(json) => {
            eprintln!("companyfacts bench input: {APPLE}, {} bytes", json.len());
            // FY2007 to FY2024, as tests/import_sec_real.rs checks.
            assert_eq!(one(json).loaded.dataset.years.len(), 18);
            g.bench_function("companyfacts_apple_3.5mb_to_validated_dataset", |b| {
                b.iter(|| one(black_box(json)).loaded.dataset.years.len())
            });
        }
        None => eprintln!(
            "skipped import/companyfacts_apple_3.5mb_to_validated_dataset: {APPLE} not found (a user's clone has no shared/; CI has it)"
        ),
    }
    g.bench_function("statement_csv", |b| {
        b.iter(|| {
            import::import_bytes(&[(Path::new("n.csv"), black_box(csv.as_slice()))], &opts)
                .expect("imports")
                .loaded
                .dataset
                .years
                .len()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
