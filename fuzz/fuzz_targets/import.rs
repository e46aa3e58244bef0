//! Fuzz target: arbitrary bytes to each importer (the first byte picks which: SEC
//! companyfacts JSON, CSV, workbook, or recognition by content), then on through merging,
//! validation, metrics and the RON writer. It fails on any panic, on a NaN or infinity
//! reaching a figure or metric, and on a written dataset that does not load back to the
//! same dataset. Run:
//! `cargo +nightly fuzz run import fuzz/corpus/import -- -max_total_time=600`.
#![no_main]

use std::path::PathBuf;

use libfuzzer_sys::fuzz_target;
use moneymap::import::{self, ImportOptions, grid, sec, table};
use moneymap::model::{self, Metrics};

fuzz_target!(|data: &[u8]| {
    let Some((&which, bytes)) = data.split_first() else {
        return;
    };
    let name = "fuzz";
    let partial = match which % 4 {
        0 => sec::import(name, bytes),
        1 => table::import(name, "CSV", &grid::csv(&grid::decode(bytes))),
        2 => grid::check_archive(name, bytes)
            .and_then(|()| grid::workbook(name, bytes, None))
            .and_then(|(g, _)| table::import(name, "workbook", &g)),
        _ => import::read_partial(name, bytes, &ImportOptions::default()),
    };
    let Ok(p) = partial else {
        return;
    };
    let Ok(imported) = import::combine(vec![(PathBuf::from(name), p)]) else {
        return;
    };
    let ds = &imported.loaded.dataset;
    let m = Metrics::compute(ds);
    let finite = |v: Option<f64>| v.is_none_or(f64::is_finite);
    for y in &ds.years {
        assert!(y.revenue.is_finite());
        for f in model::Figure::ALL {
            assert!(finite(y.figure(f)));
        }
    }
    for y in &m.years {
        assert!(finite(y.revenue_growth) && finite(y.unallocated_share));
        for (_, v) in y.margins.labelled() {
            assert!(finite(v));
        }
    }
    // What is written loads back to the same dataset.
    let text = import::to_ron(&imported, "2026-01-01");
    match model::parse(&text) {
        Ok(back) => assert_eq!(back.dataset, *ds, "{text}"),
        Err(e) => panic!("written dataset does not load: {e}\n{text}"),
    }
});
