//! Fuzz target: dataset bytes -> parse + validate -> metrics -> scenario projection and
//! sensitivity. It fails on any panic, on a NaN or infinity reaching a derived figure,
//! and on the fast RON reader accepting a text that `ron` reads differently (or
//! rejects). Run: `cargo +nightly fuzz run dataset fuzz/corpus/dataset -- -max_total_time=600`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use moneymap::model::{self, Metrics, scenario};

fuzz_target!(|bytes: &[u8]| {
    // The fast reader must agree with ron whenever it accepts.
    if let Ok(text) = std::str::from_utf8(bytes) {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        if let Some(fast) = model::quick::dataset(text) {
            let by_ron: Result<model::Dataset, _> = ron::Options::default()
                .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
                .from_str(text);
            match by_ron {
                Ok(ds) => assert_eq!(format!("{fast:?}"), format!("{ds:?}")),
                Err(e) => panic!("fast reader accepted what ron rejects: {e}"),
            }
        }
    }
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
