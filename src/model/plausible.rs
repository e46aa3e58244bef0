//! Plausible magnitudes: a figure no real company could report is refused at load, so
//! nothing derived from it (growth, margins, the projection, the charts' axes) is ever
//! computed from garbage such as `1.7e308`.
//!
//! The bounds are in whole currency units (the value times the dataset's `scale`), with
//! the reasoning in `datasets/README.md`: the largest revenue-type figures are about 7e11
//! units in dollars (Walmart), 4.5e13 in yen (Toyota) and 3e14 in won (Samsung), so
//! [`MAX_MONEY_UNITS`] (1e15) refuses a dollar figure a thousand times Walmart's, which is a
//! slip of scale, never a company. Only in currencies of a thousand or more units to the
//! dollar ([`HIGH_DENOMINATION`]: dong, rupiah, rial...) do real figures reach 1e15
//! (Petrovietnam's revenue in dong, Pertamina's in rupiah) or more (a large Iranian company
//! in rials): there the bound is [`MAX_MONEY_UNITS_HIGH`] (1e17). A nonzero
//! amount below [`MIN_MONEY_UNITS`] is no amount anyone reports, and dividing by it is
//! what made margins and growth infinite. The importers apply the same bounds to each
//! cell or fact they read.

use super::dataset::{KpiKind, Scale};

/// Largest money magnitude accepted, in whole currency units, in most currencies.
pub const MAX_MONEY_UNITS: f64 = 1e15;
/// Largest money magnitude accepted in a [`HIGH_DENOMINATION`] currency.
pub const MAX_MONEY_UNITS_HIGH: f64 = 1e17;
/// ISO codes of the currencies of about a thousand or more units to the US dollar, where
/// a real company's figures pass 1e15 units.
pub const HIGH_DENOMINATION: &[&str] = &[
    "BIF", "CDF", "COP", "GNF", "IDR", "IQD", "IRR", "KHR", "KRW", "LAK", "LBP", "MGA", "MMK",
    "MNT", "PYG", "RWF", "SLE", "SLL", "SYP", "TZS", "UGX", "UZS", "VND",
];

/// The money bound for `currency` (an ISO code, any case): [`MAX_MONEY_UNITS_HIGH`] for a
/// [`HIGH_DENOMINATION`] currency, else [`MAX_MONEY_UNITS`]. An importer that does not know
/// the currency yet checks against the higher bound; the dataset's validation then applies
/// the currency's own.
pub fn money_limit(currency: &str) -> f64 {
    let code = currency.trim();
    if HIGH_DENOMINATION
        .iter()
        .any(|c| c.eq_ignore_ascii_case(code))
    {
        MAX_MONEY_UNITS_HIGH
    } else {
        MAX_MONEY_UNITS
    }
}
/// Smallest nonzero money magnitude accepted, in whole currency units (a millionth).
pub const MIN_MONEY_UNITS: f64 = 1e-6;
/// Largest percent KPI magnitude accepted, in percent (±10,000%).
pub const MAX_PERCENT: f64 = 1e4;
/// Largest count KPI magnitude accepted (a billion billion: far above any count of
/// customers, messages or tokens a company reports).
pub const MAX_COUNT: f64 = 1e18;

/// Why a number is refused as implausible; the text names the number and the fix.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Implausible {
    /// Money beyond [`MAX_MONEY_UNITS`].
    #[error(
        "{written} is {whole} in whole currency units, beyond any real company's figure (moneymap refuses money beyond {} units{}): check the number and its scale",
        short(*.limit),
        bound_note(*.limit)
    )]
    MoneyTooLarge {
        /// The bound applied, in whole units (see [`money_limit`]).
        limit: f64,
        /// The number as written, with its unit ("1.7e308 USD billions").
        written: String,
        /// Its magnitude in whole units ("1.7e317").
        whole: String,
    },
    /// Nonzero money below [`MIN_MONEY_UNITS`].
    #[error(
        "{written} is {whole} in whole currency units: not zero, yet less than a millionth of a unit, which no company reports; write 0 or the amount"
    )]
    MoneyTooSmall {
        /// The number as written, with its unit.
        written: String,
        /// Its magnitude in whole units.
        whole: String,
    },
    /// A percent beyond ±[`MAX_PERCENT`] (the KPI and its value).
    #[error("{0}% is beyond ±10,000%: a percent is written as a number of percent (105 for 105%)")]
    Percent(String),
    /// A count beyond [`MAX_COUNT`] (the KPI and its value).
    #[error("{0} is a count beyond 1e18, more than any company counts; check the number")]
    Count(String),
}

/// What a message adds after the bound `limit`: where the higher bound applies instead.
fn bound_note(limit: f64) -> String {
    if limit < MAX_MONEY_UNITS_HIGH {
        format!(
            " in this currency; {} in high-denomination ones such as VND",
            short(MAX_MONEY_UNITS_HIGH)
        )
    } else {
        String::new()
    }
}

/// A number for a message: plain when it reads well, else in scientific notation.
pub fn short(v: f64) -> String {
    let a = v.abs();
    if a != 0.0 && !(1e-4..1e9).contains(&a) {
        format!("{v:e}")
    } else {
        super::format::plain(v, 6)
    }
}

/// `|v| * factor` in scientific notation with at most three significant digits,
/// computed in logarithms so it reads right even where the product overflows
/// ("1.7e317", "1e209").
fn whole_text(v: f64, factor: f64) -> String {
    let product = v.abs() * factor;
    if product.is_finite() && (1e-4..1e9).contains(&product) {
        return short(product);
    }
    let exp = v.abs().log10() + factor.log10();
    let mut e = exp.floor();
    let mut mantissa = super::format::plain(10f64.powf(exp - e), 2);
    if mantissa == "10" {
        mantissa = "1".to_owned();
        e += 1.0;
    }
    format!("{mantissa}e{e}")
}

/// Whether `v * factor` whole units is a plausible money magnitude (no allocation: it
/// runs on every figure of every load).
pub fn money_ok(v: f64, factor: f64, limit: f64) -> bool {
    let whole = v.abs() * factor;
    whole.is_finite() && whole <= limit && (whole == 0.0 || whole >= MIN_MONEY_UNITS)
}

/// Checks the money figure `what` ("revenue") written in `scale`, `units` naming it
/// ("USD billions"), against `limit` (see [`money_limit`]). `what` is built only for the
/// message.
pub fn money(
    what: impl FnOnce() -> String,
    v: f64,
    scale: Scale,
    units: &str,
    limit: f64,
) -> Result<(), Implausible> {
    money_units(v, scale.factor(), limit, || {
        format!("{} {} {units}", what(), short(v))
    })
}

/// Checks a money amount that is `v * factor` whole units, `written` being how the
/// source wrote it (the number and its unit): the importers' form of [`money`].
pub fn money_units(
    v: f64,
    factor: f64,
    limit: f64,
    written: impl FnOnce() -> String,
) -> Result<(), Implausible> {
    if money_ok(v, factor, limit) {
        return Ok(());
    }
    let whole = v.abs() * factor;
    let (written, whole_units) = (written(), whole_text(v, factor));
    if !whole.is_finite() || whole > limit {
        Err(Implausible::MoneyTooLarge {
            limit,
            written,
            whole: whole_units,
        })
    } else {
        Err(Implausible::MoneyTooSmall {
            written,
            whole: whole_units,
        })
    }
}

/// Checks the value of KPI `what`, of `kind` (money in `scale`, against `limit`).
pub fn kpi(
    what: impl FnOnce() -> String,
    kind: KpiKind,
    v: f64,
    scale: Scale,
    units: &str,
    limit: f64,
) -> Result<(), Implausible> {
    match kind {
        KpiKind::Money => money(what, v, scale, units, limit),
        KpiKind::Percent if v.abs() > MAX_PERCENT => {
            Err(Implausible::Percent(format!("{} {}", what(), short(v))))
        }
        KpiKind::Count if v.abs() > MAX_COUNT => {
            Err(Implausible::Count(format!("{} {}", what(), short(v))))
        }
        KpiKind::Percent | KpiKind::Count => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_are_in_whole_units() {
        let usd = money_limit("USD");
        let m = |v: f64, scale: Scale, limit: f64| money(|| "revenue".into(), v, scale, "", limit);
        assert!(m(4.46, Scale::Billions, usd).is_ok());
        assert!(m(0.0, Scale::Billions, usd).is_ok());
        assert!(m(-0.0, Scale::Units, usd).is_ok());
        // 1e6 billions of dollars is the limit; just past it is refused.
        assert!(m(1e6, Scale::Billions, usd).is_ok());
        assert!(m(1.01e6, Scale::Billions, usd).is_err());
        assert!(m(5e-324, Scale::Billions, usd).is_err());
        assert!(m(1e-10, Scale::Units, usd).is_err());
        // Petrovietnam's ~1e15 dong and a large Iranian company's rials pass; dollars
        // written as "billions" that are really units (4.46e18) do not, in any currency.
        let vnd = money_limit("vnd");
        assert_eq!((usd, vnd, money_limit("IRR")), (1e15, 1e17, 1e17));
        assert!(m(1.03e6, Scale::Billions, vnd).is_ok());
        assert!(m(1.03e6, Scale::Billions, usd).is_err());
        assert!(m(4.46e9, Scale::Billions, vnd).is_err());
        assert_eq!(money_limit("SEK"), 1e15);
    }

    #[test]
    fn messages_name_the_number_and_its_whole_units() {
        let e = money(
            || "revenue".into(),
            1.7e308,
            Scale::Billions,
            "USD billions",
            MAX_MONEY_UNITS,
        )
        .unwrap_err();
        let text = e.to_string();
        assert!(
            text.starts_with("revenue 1.7e308 USD billions is 1.7e317 in whole"),
            "{text}"
        );
        assert!(
            text.contains(
                "beyond 1e15 units in this currency; 1e17 in high-denomination ones such as VND"
            ),
            "{text}"
        );
        let e = kpi(|| "k".into(), KpiKind::Percent, 1e5, Scale::Units, "", 1e15).unwrap_err();
        assert_eq!(
            e.to_string(),
            "k 100000% is beyond ±10,000%: a percent is written as a number of percent (105 for 105%)"
        );
        assert!(
            kpi(
                || "k".into(),
                KpiKind::Percent,
                -9_999.0,
                Scale::Units,
                "",
                1e15
            )
            .is_ok()
        );
        assert!(kpi(|| "k".into(), KpiKind::Count, 2e18, Scale::Units, "", 1e15).is_err());
    }
}
