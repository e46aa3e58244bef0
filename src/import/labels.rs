//! Reading what people type in spreadsheets: line-item labels (by documented
//! synonyms), numbers as financial tables print them, year headers, and units cells.
//!
//! The synonym table is the documentation: `datasets/README.md` lists the same words.

use crate::model::dataset::{Figure, KpiKind, Scale};

/// Labels recognised for each standard figure, compared after [`normalise`].
pub const SYNONYMS: [(Figure, &[&str]); 7] = [
    (
        Figure::Revenue,
        &[
            "revenue",
            "revenues",
            "total revenue",
            "total revenues",
            "net revenue",
            "net revenues",
            "total net revenue",
            "total net revenues",
            "net sales",
            "total net sales",
            "sales",
            "total sales",
            "turnover",
            "net turnover",
            "total",
        ],
    ),
    (
        Figure::GrossProfit,
        &[
            "gross profit",
            "gross profit (loss)",
            "gross income",
            "gross margin",
        ],
    ),
    (
        Figure::OperatingIncome,
        &[
            "operating income",
            "operating income (loss)",
            "operating loss",
            "operating profit",
            "operating profit (loss)",
            "operating result",
            "ebit",
            "income from operations",
            "income (loss) from operations",
            "loss from operations",
        ],
    ),
    (
        Figure::NetIncome,
        &[
            "net income",
            "net income (loss)",
            "net loss",
            "net profit",
            "net profit (loss)",
            "profit after tax",
            "profit for the year",
            "profit (loss) for the year",
            "profit (loss)",
            "net earnings",
            "net result",
            "profit for the period",
        ],
    ),
    (
        Figure::OperatingCashFlow,
        &[
            "operating cash flow",
            "cash flow from operating activities",
            "cash flow from operations",
            "cash from operations",
            "net cash from operating activities",
            "net cash provided by operating activities",
            "net cash provided by (used in) operating activities",
            "net cash used in operating activities",
        ],
    ),
    (
        Figure::Capex,
        &[
            "capex",
            "capital expenditure",
            "capital expenditures",
            "purchases of property and equipment",
            "purchases of property, plant and equipment",
            "purchase of property, plant and equipment",
            "payments for acquisition of property, plant and equipment",
        ],
    ),
    (
        Figure::FreeCashFlow,
        &["free cash flow", "fcf", "free cash flow (fcf)"],
    ),
];

/// Lower case, `&` as "and", single spaces, without footnote marks (`*`, `(1)`, `(a)`)
/// or a trailing colon.
pub fn normalise(label: &str) -> String {
    let mut s = label.trim().to_lowercase().replace('&', "and");
    loop {
        let before = s.len();
        let trimmed = s.trim_end_matches(['*', ':', ' ', '\u{a0}']).len();
        s.truncate(trimmed);
        // A bracketed footnote: digits, or one letter.
        let footnote = s.strip_suffix(')').and_then(|body| {
            let open = body.rfind('(')?;
            let inner = body.get(open + 1..)?;
            let is_mark = inner.bytes().all(|b| b.is_ascii_digit())
                || (inner.len() == 1 && inner.bytes().all(|b| b.is_ascii_lowercase()));
            (!inner.is_empty() && is_mark).then_some(open)
        });
        if let Some(open) = footnote {
            s.truncate(open);
        }
        if s.len() == before {
            break;
        }
    }
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The standard figure a label names, if any.
pub fn figure_for(label: &str) -> Option<Figure> {
    let n = normalise(label);
    let field = n.replace(' ', "_");
    SYNONYMS
        .iter()
        .find_map(|(f, words)| (words.contains(&n.as_str()) || f.field() == field).then_some(*f))
}

/// What a row's label asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum RowName {
    /// A standard figure.
    Figure(Figure),
    /// `Segment: Name`.
    Segment(String),
    /// `KPI: Name`, with the kind its label implies.
    Kpi(String, KpiKind),
    /// Anything else: a segment if the unnamed rows sum to revenue.
    Unknown(String),
}

/// Reads a row label: a `Segment:` or `KPI:` prefix, a standard figure, or unknown.
/// A KPI is a percent when its label ends in `%` or `(%)`, money when it ends in
/// `(money)` or the currency in parentheses, a count otherwise.
pub fn row_name(label: &str, currency: Option<&str>) -> RowName {
    let t = label.trim();
    let prefixed = |p: &str| {
        t.get(..p.len())
            .filter(|h| h.eq_ignore_ascii_case(p))
            .and_then(|_| t.get(p.len()..))
            .map(str::trim)
    };
    if let Some(name) = prefixed("segment:") {
        return RowName::Segment(name.to_owned());
    }
    if let Some(name) = prefixed("kpi:") {
        let lower = name.to_lowercase();
        let cur = currency.map(|c| format!("({})", c.to_lowercase()));
        let (kind, cut) = if let Some(s) = lower.strip_suffix("(%)") {
            (KpiKind::Percent, s.len())
        } else if let Some(s) = lower.strip_suffix('%') {
            (KpiKind::Percent, s.len())
        } else if let Some(s) = lower.strip_suffix("(money)") {
            (KpiKind::Money, s.len())
        } else if let Some(s) = cur.as_deref().and_then(|c| lower.strip_suffix(c)) {
            (KpiKind::Money, s.len())
        } else {
            (KpiKind::Count, lower.len())
        };
        let clean = name.get(..cut).unwrap_or(name).trim().to_owned();
        return RowName::Kpi(clean, kind);
    }
    match figure_for(t) {
        Some(f) => RowName::Figure(f),
        None => RowName::Unknown(t.to_owned()),
    }
}

/// A cell's text that is neither a number nor blank (the caller knows where it is).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotANumber;

/// A cell's text as a number the way financial tables print it: `1,234.5`, `(4,943)`
/// for negatives, `-12`, `−12` (Unicode minus), `$1,234`, `12%`, `1 234`. A blank or
/// a dash (`-`, `–`, `—`) is no value. Anything else ("12.3.4", "n/m") is an error.
pub fn number(text: &str) -> Result<Option<f64>, NotANumber> {
    let mut t = text.trim().replace(['\u{a0}', '\u{202f}', '\u{2009}'], " ");
    if t.is_empty() || matches!(t.as_str(), "-" | "–" | "—" | "--") {
        return Ok(None);
    }
    let mut negative = false;
    if t.starts_with('(') && t.ends_with(')') {
        negative = true;
        t = t.get(1..t.len() - 1).unwrap_or_default().trim().to_owned();
    }
    for sign in ['-', '−', '–'] {
        if let Some(rest) = t.strip_prefix(sign) {
            negative = !negative;
            t = rest.trim().to_owned();
            break;
        }
    }
    let t = t
        .trim_start_matches(['$', '€', '£', '¥'])
        .trim_end_matches('%')
        .trim();
    let (int, frac) = match t.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (t, None),
    };
    // Thousands separators: commas or spaces between groups of exactly three digits.
    let groups: Vec<&str> = int.split([',', ' ']).collect();
    let well_grouped = groups.len() == 1
        || (groups.first().is_some_and(|g| (1..=3).contains(&g.len()))
            && groups.iter().skip(1).all(|g| g.len() == 3));
    let digits_only = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !well_grouped
        || !groups.iter().all(|g| digits_only(g))
        || frac.is_some_and(|f| !digits_only(f))
    {
        return Err(NotANumber);
    }
    let plain = match frac {
        Some(f) => format!("{}.{f}", groups.concat()),
        None => groups.concat(),
    };
    let v: f64 = plain.parse().map_err(|_| NotANumber)?;
    // Hundreds of digits overflow to infinity: not a number a table means.
    if !v.is_finite() {
        return Err(NotANumber);
    }
    Ok(Some(if negative { -v } else { v }))
}

/// The year a header cell names: `2024`, `FY2024`, `FY 2024`, `Fiscal 2024`, `2024A`,
/// or a date `2024-12-31` (its year).
pub fn header_year(text: &str) -> Option<i32> {
    let t = text.trim().to_lowercase();
    let t = ["fiscal year", "fiscal", "fy", "year"]
        .iter()
        .find_map(|p| t.strip_prefix(p))
        .unwrap_or(&t)
        .trim();
    let t = t.strip_suffix('a').unwrap_or(t);
    let digits = if t.len() == 10 && t.as_bytes().get(4) == Some(&b'-') {
        // A date names its year only if it is a real date.
        super::civil::Date::parse(t)?;
        t.get(..4)?
    } else {
        t
    };
    if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let y: i32 = digits.parse().ok()?;
    crate::model::validate::YEAR_RANGE.contains(&y).then_some(y)
}

/// Currency codes recognised in a units cell (any three capital letters in this list).
const CURRENCIES: [&str; 24] = [
    "USD", "EUR", "GBP", "JPY", "SEK", "NOK", "DKK", "CHF", "CAD", "AUD", "NZD", "CNY", "HKD",
    "INR", "KRW", "SGD", "BRL", "MXN", "ZAR", "PLN", "CZK", "ILS", "TWD", "RMB",
];

/// The scale a word names: "thousand(s)", "000s", "'000"; "million(s)", "mn", "mm", "mio";
/// "billion(s)", "bn". Single letters (`m`, `k`) count only attached to a currency code
/// ("EURm", "kSEK"), since "10-K" is not "in thousands".
fn scale_word(w: &str, attached: bool) -> Option<Scale> {
    match w {
        "thousand" | "thousands" | "000s" | "'000" | "000" => Some(Scale::Thousands),
        "million" | "millions" | "mn" | "mm" | "mio" => Some(Scale::Millions),
        "billion" | "billions" | "bn" => Some(Scale::Billions),
        "k" if attached => Some(Scale::Thousands),
        "m" if attached => Some(Scale::Millions),
        _ => None,
    }
}

/// A word that is a currency code, alone or joined to a scale ("sek", "eurm", "ksek").
fn currency_word(w: &str) -> Option<(&'static str, Option<Scale>)> {
    CURRENCIES.iter().find_map(|code| {
        let lower = code.to_lowercase();
        let rest = w
            .strip_prefix(lower.as_str())
            .or_else(|| w.strip_suffix(lower.as_str()))?;
        let scale = scale_word(rest, true);
        let code = if *code == "RMB" { "CNY" } else { code };
        (rest.is_empty() || scale.is_some()).then_some((code, scale))
    })
}

/// Currency and scale found in a units cell such as "SEK million", "in thousands of
/// USD", "($ in millions)", "EURm", "USD bn". Either may be missing.
pub fn units(text: &str) -> (Option<String>, Option<Scale>) {
    let lower = text.to_lowercase();
    let mut currency: Option<&str> = None;
    let mut scale = None;
    for w in lower
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
    {
        if let Some(s) = scale_word(w, false) {
            scale = scale.or(Some(s));
        } else if let Some((code, s)) = currency_word(w) {
            currency = currency.or(Some(code));
            scale = scale.or(s);
        }
    }
    if currency.is_none() {
        currency = [('$', "USD"), ('€', "EUR"), ('£', "GBP"), ('¥', "JPY")]
            .iter()
            .find(|(sym, _)| text.contains(*sym))
            .map(|(_, c)| *c);
    }
    (currency.map(str::to_owned), scale)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_tables_print_them() {
        assert_eq!(number("1,234.5"), Ok(Some(1234.5)));
        assert_eq!(number("(4,943)"), Ok(Some(-4943.0)));
        assert_eq!(number(" −12 "), Ok(Some(-12.0)));
        assert_eq!(number("$1,234"), Ok(Some(1234.0)));
        assert_eq!(number("1 234"), Ok(Some(1234.0)));
        assert_eq!(number("39%"), Ok(Some(39.0)));
        assert_eq!(number("—"), Ok(None));
        assert_eq!(number(""), Ok(None));
        assert_eq!(number("12.3.4"), Err(NotANumber));
        assert_eq!(number("n/m"), Err(NotANumber));
        assert_eq!(number("1,23"), Err(NotANumber));
    }

    #[test]
    fn labels_headers_and_units() {
        assert_eq!(figure_for("Total revenue (1)"), Some(Figure::Revenue));
        assert_eq!(figure_for("Net income (loss)"), Some(Figure::NetIncome));
        assert_eq!(figure_for("EBIT"), Some(Figure::OperatingIncome));
        assert_eq!(figure_for("Profit after tax*"), Some(Figure::NetIncome));
        assert_eq!(figure_for("free_cash_flow"), Some(Figure::FreeCashFlow));
        assert_eq!(figure_for("Cost of revenue"), None);
        assert_eq!(
            row_name("KPI: Net revenue retention (%)", None),
            RowName::Kpi("Net revenue retention".into(), KpiKind::Percent)
        );
        assert_eq!(
            row_name("Segment: Cloud", None),
            RowName::Segment("Cloud".into())
        );
        assert_eq!(header_year("FY2024"), Some(2024));
        assert_eq!(header_year("2023-12-31"), Some(2023));
        assert_eq!(header_year("2023-02-31"), None, "no such date");
        assert_eq!(header_year("Q4 2024"), None);
        assert_eq!(
            units("SEK million"),
            (Some("SEK".into()), Some(Scale::Millions))
        );
        assert_eq!(units("(in thousands)"), (None, Some(Scale::Thousands)));
        assert_eq!(
            units("($ in millions)"),
            (Some("USD".into()), Some(Scale::Millions))
        );
        assert_eq!(units("USD bn"), (Some("USD".into()), Some(Scale::Billions)));
        assert_eq!(units("EURm"), (Some("EUR".into()), Some(Scale::Millions)));
        assert_eq!(units("kSEK"), (Some("SEK".into()), Some(Scale::Thousands)));
        // Neither "Europe" nor the K of "10-K" is a unit.
        assert_eq!(units("Europe, from the 10-K"), (None, None));
    }
}
