//! Units cells read strictly: the tidy layout's `unit` column row by row, and a
//! statement's units cell. `USD m`, `USDm`, `$m`, `m USD`, `$mm`, `MM`, `USD bn`,
//! `$000s`, `EUR '000`, `(in thousands, except per share data)`, `INR crore`, `%` and
//! `count` all read; a cell that is meant as a unit but is not understood is an error
//! at that cell, never a fallback to whole units (issue 21: `USD m` on every row was
//! read as dollars, a millionfold wrong).
//!
//! [`super::labels::units`] stays the lenient reader that finds a unit inside a
//! title; this one accepts a cell only when every word of it is a unit word.

use super::error::{ImportError, ImportErrorKind};
use super::grid::{Cell, Grid};
use crate::model::dataset::Scale;

/// Whole units per figure, with the dataset scale it is (when it is one: a crore is not).
pub type Scaled = (f64, Option<Scale>);

/// What a unit cell says.
#[derive(Debug, Clone, PartialEq)]
pub enum Unit {
    /// Money: a currency (when named) and the multiplier to whole currency units
    /// (`None` when the cell names a currency but no scale).
    Money {
        /// ISO code.
        currency: Option<String>,
        /// Whole units per figure, with the dataset scale it matches (if one does).
        scale: Option<Scaled>,
    },
    /// A percent (`%`, `percent`, `pct`).
    Percent,
    /// A plain count (`count`, `number`, `#`...).
    Count,
}

/// A unit cell's text that is not a unit moneymap understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotUnderstood;

/// Currency codes (and `RMB`, read as CNY) and currency names.
const CODES: [&str; 30] = [
    "USD", "EUR", "GBP", "JPY", "SEK", "NOK", "DKK", "CHF", "CAD", "AUD", "NZD", "CNY", "HKD",
    "INR", "KRW", "SGD", "BRL", "MXN", "ZAR", "PLN", "CZK", "ILS", "TWD", "RMB", "IDR", "VND",
    "THB", "MYR", "PHP", "TRY",
];

/// Currency names and symbols that stand for a code.
const NAMES: [(&str, &str); 9] = [
    ("$", "USD"),
    ("€", "EUR"),
    ("£", "GBP"),
    ("¥", "JPY"),
    ("dollars", "USD"),
    ("euros", "EUR"),
    ("yen", "JPY"),
    ("kronor", "SEK"),
    ("pounds", "GBP"),
];

/// Words a units cell may hold around its unit ("in millions of USD", "amounts in").
const FILLER: [&str; 10] = [
    "in",
    "of",
    "amounts",
    "figures",
    "unit",
    "units",
    "currency",
    "us",
    "expressed",
    "all",
];

/// A scale word: whole units per figure, and the dataset scale it is.
fn scale_word(w: &str) -> Option<Scaled> {
    let s = |sc: Scale| Some((sc.factor(), Some(sc)));
    match w {
        "thousand" | "thousands" | "000s" | "'000" | "'000s" | "000" | "k" | "ths" => {
            s(Scale::Thousands)
        }
        "million" | "millions" | "mn" | "mm" | "mio" | "m" | "mln" => s(Scale::Millions),
        "billion" | "billions" | "bn" | "b" | "bln" => s(Scale::Billions),
        "lakh" | "lakhs" => Some((1e5, None)),
        "crore" | "crores" | "cr" => Some((1e7, None)),
        _ => None,
    }
}

/// A currency code or name, alone ("usd") or joined to a scale ("usdm", "ksek", "$bn").
/// `w` is lower case; no allocation (it runs on every row of a tidy file).
fn currency_word(w: &str) -> Option<(&'static str, Option<Scaled>)> {
    let names = NAMES.iter().copied();
    let codes = CODES
        .iter()
        .map(|c| (*c, if *c == "RMB" { "CNY" } else { *c }));
    for (name, code) in names.chain(codes) {
        if w.eq_ignore_ascii_case(name) {
            return Some((code, None));
        }
        let n = name.len();
        let prefix = w
            .get(..n)
            .filter(|p| p.eq_ignore_ascii_case(name))
            .and_then(|_| w.get(n..));
        let suffix = w.len().checked_sub(n).and_then(|at| {
            w.get(at..)
                .filter(|p| p.eq_ignore_ascii_case(name))
                .and_then(|_| w.get(..at))
        });
        if let Some(scale) = prefix
            .and_then(scale_word)
            .or_else(|| suffix.and_then(scale_word))
        {
            return Some((code, Some(scale)));
        }
    }
    None
}

/// Reads a units cell. `Ok(None)` for a blank cell; [`NotUnderstood`] when any word is
/// not a unit word, or two words disagree (two currencies, two scales).
pub fn parse(text: &str) -> Result<Option<Unit>, NotUnderstood> {
    let lower = text.trim().to_lowercase();
    // "(in thousands, except per share data)": what follows "except" is about other rows.
    let main = lower.split("except").next().unwrap_or_default();
    let words: Vec<&str> = main
        .split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | ',' | ':' | ';'))
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        return Ok(None);
    }
    match words.as_slice() {
        ["%" | "percent" | "pct" | "per" | "percentage"] | ["per", "cent"] => {
            return Ok(Some(Unit::Percent));
        }
        ["count" | "number" | "#" | "no." | "shares" | "people" | "employees" | "customers"] => {
            return Ok(Some(Unit::Count));
        }
        _ => {}
    }
    let mut currency: Option<&str> = None;
    let mut scale: Option<Scaled> = None;
    let mut set_scale = |s: Scaled| match scale {
        Some(have) if have != s => Err(NotUnderstood),
        _ => {
            scale = Some(s);
            Ok(())
        }
    };
    for w in words {
        if FILLER.contains(&w) {
            continue;
        }
        if let Some(s) = scale_word(w) {
            set_scale(s)?;
        } else if let Some((code, s)) = currency_word(w) {
            if currency.is_some_and(|c| c != code) {
                return Err(NotUnderstood);
            }
            currency = Some(code);
            if let Some(s) = s {
                set_scale(s)?;
            }
        } else {
            return Err(NotUnderstood);
        }
    }
    if currency.is_none() && scale.is_none() {
        return Err(NotUnderstood);
    }
    Ok(Some(Unit::Money {
        currency: currency.map(str::to_owned),
        scale,
    }))
}

/// Whether a cell that [`parse`] does not understand still reads as meant for a unit
/// (so it is an error, not a title): it names a currency or scale as the lenient
/// reader finds them, and is short or opens like a units line ("in ...", "amounts in").
pub fn looks_like_units(text: &str) -> bool {
    let lower = text.trim().to_lowercase();
    let lower = lower.trim_start_matches('(');
    let mentions = super::labels::units(text) != (None, None);
    let opens = ["in ", "amounts ", "figures ", "unit", "currency"]
        .iter()
        .any(|p| lower.starts_with(p));
    let short = lower.split_whitespace().count() <= 3;
    (mentions && short) || (opens && (mentions || short))
}

/// The currency and scale a statement's preamble (rows `first..=header`) gives, and
/// the text of the units cell, for messages. A cell reads as units when all of it, a
/// bracketed part or a comma-separated part does ("Twilio (USD m)"); a cell that does
/// not, yet looks meant as one ([`looks_like_units`]), is an error at that cell. The
/// first currency and the first scale found win.
pub(super) fn statement_units(
    source: &str,
    grid: &Grid,
    first: usize,
    header: usize,
) -> Result<(Option<String>, Option<Scaled>, String), ImportError> {
    let (mut currency, mut scale, mut text) = (None, None, String::new());
    let mut first_place = String::new();
    for (r, row) in grid.rows.iter().enumerate().take(header + 1).skip(first) {
        for (c, cell) in row.iter().enumerate() {
            let Cell::Text(t) = cell else {
                continue;
            };
            if super::labels::header_year(t).is_some() || t.trim().is_empty() {
                continue;
            }
            let brackets = t.split(['(', ')']).skip(1).step_by(2);
            let parts = t.split([',', '—', '–', ';']);
            let found = std::iter::once(t.as_str())
                .chain(brackets)
                .chain(parts)
                .find_map(|part| match parse(part) {
                    Ok(Some(Unit::Money { currency, scale })) => Some((currency, scale)),
                    _ => None,
                });
            match found {
                Some((cur, sc)) => {
                    let currencies_differ = currency.is_some() && cur.is_some() && currency != cur;
                    let scales_differ = scale.is_some() && sc.is_some() && scale != sc;
                    if currencies_differ || scales_differ {
                        return Err(ImportError::at(
                            source,
                            grid.place(r, c),
                            ImportErrorKind::ConflictingUnits {
                                unit: t.trim().to_owned(),
                                first: format!("`{text}` at {first_place}"),
                            },
                        ));
                    }
                    if text.is_empty() {
                        text = t.trim().to_owned();
                        first_place = grid.place(r, c);
                    }
                    currency = currency.or(cur);
                    scale = scale.or(sc);
                }
                None if looks_like_units(t) => {
                    return Err(ImportError::at(
                        source,
                        grid.place(r, c),
                        ImportErrorKind::UnitNotUnderstood(t.trim().to_owned()),
                    ));
                }
                None => {}
            }
        }
    }
    Ok((currency, scale, text))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn money(text: &str) -> (Option<String>, Option<f64>) {
        match parse(text) {
            Ok(Some(Unit::Money { currency, scale })) => (currency, scale.map(|s| s.0)),
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn every_way_finance_writes_millions_reads() {
        for t in [
            "USD m",
            "USDm",
            "$m",
            "m USD",
            "$mm",
            "USD MM",
            "USD millions",
            "usd mn",
        ] {
            assert_eq!(money(t), (Some("USD".into()), Some(1e6)), "{t}");
        }
        assert_eq!(money("MM"), (None, Some(1e6)));
        assert_eq!(money("USD bn"), (Some("USD".into()), Some(1e9)));
        assert_eq!(money("$000s"), (Some("USD".into()), Some(1e3)));
        assert_eq!(money("EUR '000"), (Some("EUR".into()), Some(1e3)));
        assert_eq!(money("kSEK"), (Some("SEK".into()), Some(1e3)));
        assert_eq!(
            money("(in thousands, except per share data)"),
            (None, Some(1e3))
        );
        assert_eq!(money("($ in millions)"), (Some("USD".into()), Some(1e6)));
        assert_eq!(money("INR crore"), (Some("INR".into()), Some(1e7)));
        assert_eq!(money("USD"), (Some("USD".into()), None));
        assert_eq!(parse("%"), Ok(Some(Unit::Percent)));
        assert_eq!(parse("count"), Ok(Some(Unit::Count)));
        assert_eq!(parse("  "), Ok(None));
    }

    #[test]
    fn anything_else_is_not_understood() {
        for t in [
            "USD gazillions",
            "EUR m bn",
            "USD EUR",
            "dollars-ish",
            "Revenue",
        ] {
            assert_eq!(parse(t), Err(NotUnderstood), "{t}");
        }
        assert!(looks_like_units("USD gazillions"));
        assert!(looks_like_units("(in gazillions of USD)"));
        assert!(!looks_like_units(
            "Nordvik AB — Consolidated income statement"
        ));
        assert!(!looks_like_units("Europe, from the 10-K"));
    }
}
