//! Number formatting in the user's units: "$4.46B", "SEK 247.9B", "7.5%", "+1.2 pp".
//!
//! Every label in the window, the export and the CLI goes through these functions, so a
//! figure reads the same everywhere. Missing or non-finite values format as "n/a", never
//! as 0, NaN or inf.

use super::dataset::Scale;

/// What "n/a" looks like everywhere.
pub const NOT_AVAILABLE: &str = "n/a";

/// The currency prefix: a symbol for the common ones, else the code and a space.
pub fn currency_prefix(code: &str) -> String {
    match code {
        "USD" => "$".to_owned(),
        "EUR" => "€".to_owned(),
        "GBP" => "£".to_owned(),
        "JPY" => "¥".to_owned(),
        other => format!("{other} "),
    }
}

/// A money figure given in the dataset's `scale`, shown compactly in the best unit:
/// `money(4.46, "USD", Billions)` is "$4.46B", `money(247_880.0, "SEK", Millions)` is
/// "SEK 247.9B", `money(-0.66, "USD", Billions)` is "-$660.0M".
pub fn money(value: f64, currency: &str, scale: Scale) -> String {
    if !value.is_finite() {
        return NOT_AVAILABLE.to_owned();
    }
    let units = value * scale.factor();
    // A figure finite in its scale can overflow in whole units: "n/a" alone, never
    // glued to a unit letter ("$n/aT").
    if !units.is_finite() {
        return NOT_AVAILABLE.to_owned();
    }
    let abs = units.abs();
    let (div, suffix) = if abs >= 1e12 {
        (1e12, "T")
    } else if abs >= 1e9 {
        (1e9, "B")
    } else if abs >= 1e6 {
        (1e6, "M")
    } else if abs >= 1e3 {
        (1e3, "K")
    } else {
        (1.0, "")
    };
    let m = abs / div;
    let digits = if m < 10.0 { 2 } else { 1 };
    let sign = if units < 0.0 && m >= 0.005 { "-" } else { "" };
    // Past 999 trillions the thousands are grouped ("SEK 3,012.3T"); below, the plain
    // format (axis labels call this many times a frame).
    if m >= 999.95 {
        format!(
            "{sign}{}{}{suffix}",
            currency_prefix(currency),
            grouped(m, digits)
        )
    } else {
        format!("{sign}{}{m:.digits$}{suffix}", currency_prefix(currency))
    }
}

/// A span of years: "2021–2024", or "2021" when it is one year.
pub fn year_span(first: i32, last: i32) -> String {
    if first == last {
        first.to_string()
    } else {
        format!("{first}–{last}")
    }
}

/// "1 year", "3 years".
pub fn years(n: impl Into<u64>) -> String {
    match n.into() {
        1 => "1 year".to_owned(),
        n => format!("{n} years"),
    }
}

/// An optional money figure ("n/a" when absent).
pub fn money_opt(value: Option<f64>, currency: &str, scale: Scale) -> String {
    value.map_or_else(|| NOT_AVAILABLE.to_owned(), |v| money(v, currency, scale))
}

/// A ratio as a percent with one decimal: `0.0747` is "7.5%".
pub fn percent(ratio: f64) -> String {
    if !ratio.is_finite() {
        return NOT_AVAILABLE.to_owned();
    }
    let p = ratio * 100.0;
    // Avoid "-0.0%".
    let p = if p.abs() < 0.05 { 0.0 } else { p };
    format!("{p:.1}%")
}

/// An optional ratio as a percent.
pub fn percent_opt(ratio: Option<f64>) -> String {
    ratio.map_or_else(|| NOT_AVAILABLE.to_owned(), percent)
}

/// A growth ratio with its sign: `0.0747` is "+7.5%".
pub fn growth(ratio: f64) -> String {
    if !ratio.is_finite() {
        return NOT_AVAILABLE.to_owned();
    }
    let p = ratio * 100.0;
    let p = if p.abs() < 0.05 { 0.0 } else { p };
    format!("{p:+.1}%")
}

/// An optional growth ratio.
pub fn growth_opt(ratio: Option<f64>) -> String {
    ratio.map_or_else(|| NOT_AVAILABLE.to_owned(), growth)
}

/// A change in a ratio, in percentage points: `0.012` is "+1.2 pp".
pub fn points(delta_ratio: f64) -> String {
    if !delta_ratio.is_finite() {
        return NOT_AVAILABLE.to_owned();
    }
    let p = delta_ratio * 100.0;
    let p = if p.abs() < 0.05 { 0.0 } else { p };
    format!("{p:+.1} pp")
}

/// An optional change in percentage points.
pub fn points_opt(delta_ratio: Option<f64>) -> String {
    delta_ratio.map_or_else(|| NOT_AVAILABLE.to_owned(), points)
}

/// A multiple such as market cap / revenue: `9.417` is "9.4x", `1234.0` is "1,234x".
pub fn multiple(x: f64) -> String {
    if !x.is_finite() {
        return NOT_AVAILABLE.to_owned();
    }
    if x.abs() < 100.0 {
        format!("{x:.1}x")
    } else {
        format!("{}x", count(x))
    }
}

/// An optional multiple ("n/a" when absent).
pub fn multiple_opt(x: Option<f64>) -> String {
    x.map_or_else(|| NOT_AVAILABLE.to_owned(), multiple)
}

/// A count with thousands separators: `325000.0` is "325,000".
pub fn count(value: f64) -> String {
    if !value.is_finite() {
        return NOT_AVAILABLE.to_owned();
    }
    let rounded = value.round();
    let digits = format!("{:.0}", rounded.abs());
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if rounded < 0.0 {
        format!("-{out}")
    } else {
        out
    }
}

/// A number with `decimals` decimals and its thousands grouped by commas ("271,546",
/// "-1,234.50", "4.46"): the Data table's money cells, read across many digits.
pub fn grouped(value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        return NOT_AVAILABLE.to_owned();
    }
    let out = group_thousands(&format!("{:.decimals$}", value.abs()));
    let zero = out.chars().all(|c| matches!(c, '0' | '.' | ','));
    if value < 0.0 && !zero {
        format!("-{out}")
    } else {
        out
    }
}

/// An unsigned decimal number ("1234567.5") with its whole part grouped by commas.
fn group_thousands(digits: &str) -> String {
    let (whole, frac) = digits
        .split_once('.')
        .map_or((digits, None), |(w, f)| (w, Some(f)));
    let mut out = String::with_capacity(digits.len() + whole.len() / 3 + 1);
    for (i, ch) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// A plain number in the file's own units with up to `max_decimals` decimals, trimmed
/// ("3.68", "193468"): used by tables and messages that quote the file.
pub fn plain(value: f64, max_decimals: usize) -> String {
    if !value.is_finite() {
        return NOT_AVAILABLE.to_owned();
    }
    let s = format!("{value:.max_decimals$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        s
    };
    if s == "-0" { "0".to_owned() } else { s }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grouped_puts_commas_between_thousands() {
        assert_eq!(grouped(271_546.0, 0), "271,546");
        assert_eq!(grouped(4.46, 2), "4.46");
        assert_eq!(grouped(-1_234.5, 2), "-1,234.50");
        assert_eq!(grouped(1_000_000.0, 0), "1,000,000");
        assert_eq!(grouped(999.0, 0), "999");
        assert_eq!(grouped(-0.001, 2), "0.00");
        assert_eq!(grouped(f64::NAN, 2), NOT_AVAILABLE);
    }

    #[test]
    fn money_picks_unit_and_currency() {
        assert_eq!(money(4.46, "USD", Scale::Billions), "$4.46B");
        assert_eq!(money(247_880.0, "SEK", Scale::Millions), "SEK 247.9B");
        assert_eq!(money(-0.66, "USD", Scale::Billions), "-$660.0M");
        assert_eq!(money(42.0, "USD", Scale::Billions), "$42.0B");
        assert_eq!(money(640.0, "USD", Scale::Millions), "$640.0M");
        assert_eq!(money(12.0, "EUR", Scale::Units), "€12.0");
        assert_eq!(money(f64::NAN, "USD", Scale::Units), "n/a");
        assert_eq!(money_opt(None, "USD", Scale::Units), "n/a");
        // Seven-digit billions: the trillions are grouped (was "SEK 3012.3T").
        assert_eq!(money(3_012_345.6, "SEK", Scale::Billions), "SEK 3,012.3T");
        assert_eq!(money(-9_876_543.0, "SEK", Scale::Billions), "-SEK 9,876.5T");
        assert_eq!(money(999.96, "USD", Scale::Billions), "$1,000.0B");
        // Finite in billions, infinite in dollars: "n/a" as a whole word (was "$n/aT").
        assert_eq!(money(1.7e308, "USD", Scale::Billions), NOT_AVAILABLE);
        assert_eq!(money(-1.7e308, "SEK", Scale::Millions), NOT_AVAILABLE);
    }

    #[test]
    fn spans_and_counts_of_years() {
        assert_eq!(year_span(2021, 2021), "2021");
        assert_eq!(year_span(2019, 2024), "2019–2024");
        assert_eq!(years(1u32), "1 year");
        assert_eq!(years(3u32), "3 years");
    }

    #[test]
    fn percents_and_points() {
        assert_eq!(percent(0.074_698), "7.5%");
        assert_eq!(percent(-0.0001), "0.0%");
        assert_eq!(growth(0.0514), "+5.1%");
        assert_eq!(growth(-0.03), "-3.0%");
        assert_eq!(points(0.012), "+1.2 pp");
        assert_eq!(points(-0.2), "-20.0 pp");
        assert_eq!(percent_opt(None), "n/a");
        assert_eq!(percent(f64::INFINITY), "n/a");
    }

    #[test]
    fn counts_and_plain() {
        assert_eq!(count(325_000.0), "325,000");
        assert_eq!(count(999.0), "999");
        assert_eq!(count(-1_234_567.0), "-1,234,567");
        assert_eq!(plain(3.680, 3), "3.68");
        assert_eq!(plain(193_468.0, 2), "193468");
        assert_eq!(plain(-0.0001, 2), "0");
    }
}
