//! The documentation's examples are real: the annotated example in `datasets/README.md`
//! loads, with exactly the warning the text promises.

// Test helpers unwrap known-good fixtures: a panic is the test failure.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use moneymap::model::{self, WarningKind};

fn ron_block(markdown: &str) -> &str {
    let start = markdown.find("```ron\n").expect("a ```ron block") + "```ron\n".len();
    let len = markdown[start..].find("```").expect("closing fence");
    &markdown[start..start + len]
}

#[test]
fn format_doc_example_loads() {
    let doc = include_str!("../datasets/README.md");
    let loaded = model::parse(ron_block(doc)).expect("the documented example loads");
    let ds = &loaded.dataset;
    assert_eq!(ds.company, "Acme Cloud");
    assert_eq!(ds.years.len(), 2);
    assert_eq!(ds.presets[0].horizon_years, Some(5));
    assert_eq!(loaded.warnings.len(), 1, "{:?}", loaded.warnings);
    assert!(matches!(
        loaded.warnings[0].kind,
        WarningKind::Unallocated { year: 2024, gap, .. } if (gap - 50.0).abs() < 1e-9
    ));
}
