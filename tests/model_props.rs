//! Property tests of the metrics: invariants that must hold for any dataset.

// Test helpers unwrap known-good fixtures: a panic is the test failure.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::collections::BTreeMap;

use moneymap::model::dataset::{Dataset, Scale, Segment, Source, Year};
use moneymap::model::{Metrics, validate::validate};
use proptest::prelude::*;

fn dataset(rows: Vec<(f64, Vec<f64>, f64, f64)>) -> Dataset {
    let n_seg = rows.first().map_or(0, |r| r.1.len());
    Dataset {
        company: "P".into(),
        ticker: None,
        currency: "USD".into(),
        scale: Scale::Millions,
        fiscal_year: None,
        source: Source {
            title: "t".into(),
            citation: None,
            date: None,
            basis: "b".into(),
        },
        segments: (0..n_seg)
            .map(|i| Segment {
                name: format!("S{i}"),
                description: String::new(),
                product_lines: vec![],
            })
            .collect(),
        years: rows
            .into_iter()
            .enumerate()
            .map(|(i, (revenue, segs, gp, op))| Year {
                year: 2000 + i as i32,
                revenue,
                segments: segs
                    .into_iter()
                    .enumerate()
                    .map(|(j, v)| (format!("S{j}"), v))
                    .collect::<BTreeMap<_, _>>(),
                gross_profit: Some(gp),
                operating_income: Some(op),
                ..Year::new(0, 0.0)
            })
            .collect(),
        market_cap: None,
        competitors: vec![],
        watch: vec![],
        presets: vec![],
        operating_model: Default::default(),
        import_warnings: vec![],
    }
}

fn rows() -> impl Strategy<Value = Vec<(f64, Vec<f64>, f64, f64)>> {
    (1usize..6).prop_flat_map(|n_seg| {
        prop::collection::vec(
            (
                1.0f64..1e6,
                prop::collection::vec(0.0f64..1e6, n_seg),
                -1e6f64..1e6,
                -1e6f64..1e6,
            ),
            1..12,
        )
    })
}

proptest! {
    #[test]
    fn shares_plus_unallocated_are_all_of_revenue(rows in rows()) {
        let ds = validate(dataset(rows)).expect("valid").dataset;
        let m = Metrics::compute(&ds);
        for y in &m.years {
            let total: f64 = y.segments.iter().filter_map(|s| s.share).sum::<f64>()
                + y.unallocated_share.unwrap_or(0.0);
            prop_assert!((total - 1.0).abs() < 1e-8, "year {} sums to {}", y.year, total);
        }
    }

    #[test]
    fn constant_series_has_zero_growth(rev in 1.0f64..1e9, n in 2usize..20) {
        let ds = validate(dataset(vec![(rev, vec![rev / 2.0], rev / 3.0, 0.0); n])).expect("valid").dataset;
        let m = Metrics::compute(&ds);
        for y in m.years.iter().skip(1) {
            prop_assert_eq!(y.revenue_growth, Some(0.0));
            prop_assert_eq!(y.segments[0].growth, Some(0.0));
            prop_assert_eq!(y.margin_change.gross, Some(0.0));
        }
        prop_assert!(m.revenue_cagr.is_some_and(|c| c.abs() < 1e-12));
    }

    #[test]
    fn scaling_money_changes_no_ratio(rows in rows(), k in 0.001f64..1000.0) {
        let a = dataset(rows.clone());
        let b = dataset(rows.into_iter().map(|(r, s, g, o)| (r * k, s.into_iter().map(|v| v * k).collect(), g * k, o * k)).collect());
        let ma = Metrics::compute(&validate(a).expect("valid").dataset);
        let mb = Metrics::compute(&validate(b).expect("valid").dataset);
        let near = |x: Option<f64>, y: Option<f64>| match (x, y) {
            (Some(x), Some(y)) => (x - y).abs() <= 1e-9 * (1.0 + x.abs()),
            (None, None) => true,
            _ => false,
        };
        for (ya, yb) in ma.years.iter().zip(&mb.years) {
            prop_assert!(near(ya.revenue_growth, yb.revenue_growth));
            prop_assert!(near(ya.margins.gross, yb.margins.gross));
            prop_assert!(near(ya.margins.operating, yb.margins.operating));
            prop_assert!(near(ya.unallocated_share, yb.unallocated_share));
            for (sa, sb) in ya.segments.iter().zip(&yb.segments) {
                prop_assert!(near(sa.share, sb.share));
                prop_assert!(near(sa.growth, sb.growth));
            }
        }
    }
}
