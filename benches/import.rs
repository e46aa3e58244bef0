//! `cargo bench --bench import`: a 3.6 MB SEC companyfacts file to a validated dataset
//! (target: under 30 ms), and the statement CSV of the tests.
//!
//! The 3.6 MB input is made here, not downloaded: the trimmed Apple file of
//! `tests/fixtures/sec` (the concepts the importer reads, every fact kept) plus copies of
//! its concepts under other names, as the real file's ~500 other concepts are, until it
//! is 3.6 MB (Apple's full file is 3.5 MB). It is also written to
//! `target/bench-companyfacts-3.6mb.json` for the whole-process comparison with the
//! Python peer (`benches/peers/side_by_side.py`, see BENCHMARKS.md).

// Benchmark inputs are fixed and known-good: a panic is the right report.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use moneymap::import::{self, ImportOptions};

/// Size of the generated companyfacts file (Apple's is 3,517,352 bytes).
const TARGET_BYTES: usize = 3_600_000;

/// The trimmed Apple file padded with renamed copies of its concepts to `TARGET_BYTES`.
pub fn companyfacts_3_6mb() -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let apple =
        std::fs::read_to_string(root.join("tests/fixtures/sec/apple.json")).expect("fixture");
    // `{..."facts":{"us-gaap":{CONCEPTS}}}`: insert filler concepts at the start of us-gaap.
    let key = "\"us-gaap\":{";
    let at = apple.find(key).expect("us-gaap") + key.len();
    assert!(apple.ends_with("}}}"), "us-gaap is the last taxonomy");
    let concepts = &apple[at..apple.len() - 3];
    let mut filler = String::new();
    let mut i = 0;
    while apple.len() + filler.len() < TARGET_BYTES {
        // Rename every concept of this copy: `"Revenues":` -> `"Revenues_Copy3":`.
        let copy = concepts
            .replace("\":{\"label\"", &format!("_Copy{i}\":{{\"label\""))
            .replace("\":{\"units\"", &format!("_Copy{i}\":{{\"units\""));
        filler.push_str(&copy);
        filler.push(',');
        i += 1;
    }
    let mut out = String::with_capacity(TARGET_BYTES + concepts.len());
    out.push_str(&apple[..at]);
    out.push_str(&filler);
    out.push_str(&apple[at..]);
    out
}

fn bench(c: &mut Criterion) {
    let json = companyfacts_3_6mb();
    let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-companyfacts-3.6mb.json");
    if let Err(e) = std::fs::write(&target, &json) {
        eprintln!("could not write {}: {e}", target.display());
    }
    eprintln!("companyfacts bench input: {} bytes", json.len());
    let csv = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/nordvik-statement.csv"),
    )
    .expect("fixture");
    let opts = ImportOptions::default();
    // The padded file imports to exactly the trimmed file's dataset.
    let one = |bytes: &[u8]| {
        import::import_bytes(&[(Path::new("apple.json"), bytes)], &opts).expect("imports")
    };
    assert_eq!(one(json.as_bytes()).loaded.dataset.years.len(), 18);
    let mut g = c.benchmark_group("import");
    g.bench_function("companyfacts_3.6mb_to_validated_dataset", |b| {
        b.iter(|| one(black_box(json.as_bytes())).loaded.dataset.years.len())
    });
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
