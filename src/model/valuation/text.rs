//! The valuation card's sentences, written once here so the window and the CLI say the
//! same thing: "the scenario is worth $9.2B (78.2% below the market cap)", "$42.0B
//! prices in 20.7%/yr for 10 years at a 14.3% FCF margin".

use super::Valuation;
use crate::model::dataset::Dataset;
use crate::model::format;

/// An ordinal number: 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 83rd.
pub fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// A growth rate per year with one decimal: "20.7%/yr", "-3.0%/yr" (never "-0.0").
pub fn per_year(ratio: f64) -> String {
    if !ratio.is_finite() {
        return crate::model::format::NOT_AVAILABLE.to_owned();
    }
    let p = ratio * 100.0;
    let p = if p.abs() < 0.05 { 0.0 } else { p };
    format!("{p:.1}%/yr")
}

/// "1 year", "10 years".
fn years(n: u32) -> String {
    if n == 1 {
        "1 year".to_owned()
    } else {
        format!("{n} years")
    }
}

impl Valuation {
    /// "the scenario is worth $9.16B (78.2% below the market cap)", or why there is no
    /// value (shown under a "Scenario value" heading).
    pub fn worth_sentence(&self, dataset: &Dataset) -> String {
        let money = |v: f64| format::money(v, &dataset.currency, dataset.scale);
        match &self.scenario_value {
            Ok(v) => {
                let rel = if v.vs_market_cap.abs() < 0.0005 {
                    "equal to".to_owned()
                } else if v.vs_market_cap > 0.0 {
                    format!("{} above", format::percent(v.vs_market_cap))
                } else {
                    format!("{} below", format::percent(-v.vs_market_cap))
                };
                format!(
                    "the scenario is worth {} ({rel} the market cap)",
                    money(v.value)
                )
            }
            Err(e) => e.to_string(),
        }
    }

    /// "$42.0B prices in 20.7%/yr for 10 years at a 14.3% FCF margin", or why it cannot
    /// be found (shown under a "Priced-in growth" heading).
    pub fn priced_in_sentence(&self, dataset: &Dataset) -> String {
        let money = |v: f64| format::money(v, &dataset.currency, dataset.scale);
        match &self.priced_in {
            Ok(p) => {
                let cash = match self.net_cash {
                    Some(c) if c > 0.0 => format!(" (less {} net cash)", money(c)),
                    Some(c) if c < 0.0 => format!(" (plus {} net debt)", money(-c)),
                    _ => String::new(),
                };
                format!(
                    "{}{cash} prices in {} for {} at a {} FCF margin",
                    money(self.market_cap),
                    per_year(p.growth),
                    years(p.years),
                    format::percent(p.fcf_margin)
                )
            }
            Err(e) => e.to_string(),
        }
    }

    /// "discount rate 9.0%, terminal growth 3.0%, 10 years of cash flows".
    pub fn parameters_line(&self) -> String {
        format!(
            "discount rate {:.1}%, terminal growth {:.1}%, {} of cash flows",
            self.params.discount_pct,
            self.params.terminal_growth_pct,
            years(self.params.years)
        )
    }
}
