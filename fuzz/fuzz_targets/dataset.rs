//! Fuzz target: dataset bytes -> parse + validate -> metrics -> scenario projection and
//! sensitivity, all through `ron` as every load is. It fails on any panic and on a NaN
//! or infinity reaching a derived figure. Run: `cargo +nightly fuzz run dataset fuzz/corpus/dataset -- -max_total_time=600`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use moneymap::model::{self, Metrics, scenario};

fuzz_target!(|bytes: &[u8]| {
    let Ok(loaded) = model::parse_bytes(bytes) else {
        return;
    };
    let ds = &loaded.dataset;
    let m = Metrics::compute(ds);
    let finite = |v: Option<f64>| v.is_none_or(f64::is_finite);
    for y in &m.years {
        assert!(finite(y.revenue_growth) && finite(y.unallocated_share));
        for (_, v) in y
            .margins
            .labelled()
            .into_iter()
            .chain(y.margin_change.labelled())
        {
            assert!(finite(v));
        }
        for s in &y.segments {
            assert!(finite(s.share) && finite(s.growth));
        }
    }
    assert!(finite(m.revenue_cagr) && finite(m.revenue_multiple));
    let mut s = scenario::trend(ds, &m);
    s.horizon_years = 10;
    let p = scenario::project(ds, &m, &s);
    for y in &p.years {
        assert!(finite(y.revenue_growth) && finite(y.margins.gross) && finite(y.margins.operating));
    }
    for sens in scenario::sensitivity(ds, &m, &s) {
        assert!(!sens.revenue.0.is_nan() && !sens.revenue.1.is_nan());
    }
    for preset in &ds.presets {
        if let Some(s) = scenario::from_preset(ds, &m, &preset.name) {
            let p = scenario::project(ds, &m, &s);
            assert!(p.years.iter().all(|y| finite(y.revenue_growth)));
        }
    }
});
