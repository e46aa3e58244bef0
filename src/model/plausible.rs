//! Plausible magnitudes: a figure no real company could report is refused at load, so
//! nothing derived from it (growth, margins, the projection, the charts' axes) is ever
//! computed from garbage such as `1.7e308`.
//!
//! The bounds are in whole currency units (the value times the dataset's `scale`), and
//! the same for every currency, with the reasoning in `datasets/README.md`: the largest
//! revenue-type figures in any currency are about 1e15 units (Petrovietnam's revenue in
//! dong, a large Indonesian group's in rupiah; Toyota's is 4.5e13 yen), so [`MAX_MONEY_UNITS`]
//! leaves a hundredfold room for high-denomination currencies and inflation. A nonzero
//! amount below [`MIN_MONEY_UNITS`] is no amount anyone reports, and dividing by it is
//! what made margins and growth infinite. The importers apply the same bounds to each
//! cell or fact they read.

use super::dataset::{KpiKind, Scale};

/// Largest money magnitude accepted, in whole currency units.
pub const MAX_MONEY_UNITS: f64 = 1e17;
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
        "{written} is {whole} in whole currency units, beyond any real company's figure (moneymap refuses money beyond 1e17 units): check the number and its scale"
    )]
    MoneyTooLarge {
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
pub fn money_ok(v: f64, factor: f64) -> bool {
    let whole = v.abs() * factor;
    whole.is_finite() && whole <= MAX_MONEY_UNITS && (whole == 0.0 || whole >= MIN_MONEY_UNITS)
}

/// Checks the money figure `what` ("revenue") written in `scale`, `units` naming it
/// ("USD billions"). `what` is built only for the message.
pub fn money(
    what: impl FnOnce() -> String,
    v: f64,
    scale: Scale,
    units: &str,
) -> Result<(), Implausible> {
    money_units(v, scale.factor(), || {
        format!("{} {} {units}", what(), short(v))
    })
}

/// Checks a money amount that is `v * factor` whole units, `written` being how the
/// source wrote it (the number and its unit): the importers' form of [`money`].
pub fn money_units(
    v: f64,
    factor: f64,
    written: impl FnOnce() -> String,
) -> Result<(), Implausible> {
    if money_ok(v, factor) {
        return Ok(());
    }
    let whole = v.abs() * factor;
    let (written, whole_units) = (written(), whole_text(v, factor));
    if !whole.is_finite() || whole > MAX_MONEY_UNITS {
        Err(Implausible::MoneyTooLarge {
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

/// Checks the value of KPI `what`, of `kind` (money in `scale`).
pub fn kpi(
    what: impl FnOnce() -> String,
    kind: KpiKind,
    v: f64,
    scale: Scale,
    units: &str,
) -> Result<(), Implausible> {
    match kind {
        KpiKind::Money => money(what, v, scale, units),
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
        assert!(money(|| "revenue".into(), 4.46, Scale::Billions, "USD billions").is_ok());
        assert!(money(|| "revenue".into(), 0.0, Scale::Billions, "USD billions").is_ok());
        assert!(money(|| "revenue".into(), -0.0, Scale::Units, "USD units").is_ok());
        // 1e8 billions is the limit; just past it is refused.
        assert!(money(|| "revenue".into(), 1e8, Scale::Billions, "USD billions").is_ok());
        assert!(money(|| "revenue".into(), 1.01e8, Scale::Billions, "USD billions").is_err());
        assert!(money(|| "revenue".into(), 1.01e17, Scale::Units, "USD units").is_err());
        assert!(money(|| "revenue".into(), 5e-324, Scale::Billions, "USD billions").is_err());
        assert!(money(|| "revenue".into(), 1e-10, Scale::Units, "USD units").is_err());
    }

    #[test]
    fn messages_name_the_number_and_its_whole_units() {
        let e = money(
            || "revenue".into(),
            1.7e308,
            Scale::Billions,
            "USD billions",
        )
        .unwrap_err();
        let text = e.to_string();
        assert!(
            text.starts_with("revenue 1.7e308 USD billions is 1.7e317 in whole"),
            "{text}"
        );
        let e = kpi(|| "k".into(), KpiKind::Percent, 1e5, Scale::Units, "").unwrap_err();
        assert_eq!(
            e.to_string(),
            "k 100000% is beyond ±10,000%: a percent is written as a number of percent (105 for 105%)"
        );
        assert!(kpi(|| "k".into(), KpiKind::Percent, -9_999.0, Scale::Units, "").is_ok());
        assert!(kpi(|| "k".into(), KpiKind::Count, 2e18, Scale::Units, "").is_err());
    }
}
