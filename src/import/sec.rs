//! SEC companyfacts JSON: one company's XBRL facts, as the SEC's XBRL API serves them,
//! to annual figures. The rules (README "Import"; each is a test):
//!
//! - a fact counts for a year only if its period `start..end` is a full year, 350 to 380
//!   days (52/53-week years); `fy`/`fp` describe the filing, not the fact, and are ignored;
//! - only annual reports count: 10-K, 20-F, 40-F and their amendments;
//! - the same period filed again (comparatives, restatements): the latest `filed` wins,
//!   and its form, filing date and accession number become the figure's note;
//! - the year is the year of the period end, except that an end on 1-7 January belongs
//!   to the year before;
//! - each figure has concepts in priority order, chosen per year ([`US_GAAP`],
//!   [`IFRS`]); component tags such as `SalesRevenueGoodsNet` are never used, and a
//!   change of revenue concept between years is a warning;
//! - one currency for the whole file.
//!
//! Reading the JSON is [`super::sec_json`]'s part.

use std::collections::BTreeMap;

use super::civil::Date;
use super::error::{ImportError, ImportErrorKind};
use super::partial::{Partial, Value};
use super::sec_json::{Fact, Facts, PathTrack, Units, json_error, read_facts};
use crate::model::dataset::Figure;

/// Forms whose facts count: annual reports and their amendments.
pub const ANNUAL_FORMS: [&str; 6] = ["10-K", "10-K/A", "20-F", "20-F/A", "40-F", "40-F/A"];
/// Days a full-year period may span (52/53-week years are 364 or 371 days).
pub const FULL_YEAR_DAYS: std::ops::RangeInclusive<i64> = 350..=380;

/// Concepts per figure, in priority order, for US GAAP filers.
pub const US_GAAP: [(Figure, &[&str]); 6] = [
    (
        Figure::Revenue,
        &[
            "Revenues",
            "RevenueFromContractWithCustomerExcludingAssessedTax",
            "RevenueFromContractWithCustomerIncludingAssessedTax",
            "SalesRevenueNet",
        ],
    ),
    (Figure::GrossProfit, &["GrossProfit"]),
    (Figure::OperatingIncome, &["OperatingIncomeLoss"]),
    (Figure::NetIncome, &["NetIncomeLoss", "ProfitLoss"]),
    (
        Figure::OperatingCashFlow,
        &[
            "NetCashProvidedByUsedInOperatingActivities",
            "NetCashProvidedByUsedInOperatingActivitiesContinuingOperations",
        ],
    ),
    (
        Figure::Capex,
        &[
            "PaymentsToAcquirePropertyPlantAndEquipment",
            "PaymentsToAcquireProductiveAssets",
        ],
    ),
];

/// Concepts per figure for IFRS filers (20-F, 40-F in `ifrs-full`).
pub const IFRS: [(Figure, &[&str]); 6] = [
    (Figure::Revenue, &["Revenue"]),
    (Figure::GrossProfit, &["GrossProfit"]),
    (
        Figure::OperatingIncome,
        &["ProfitLossFromOperatingActivities"],
    ),
    (Figure::NetIncome, &["ProfitLoss"]),
    (
        Figure::OperatingCashFlow,
        &["CashFlowsFromUsedInOperatingActivities"],
    ),
    (
        Figure::Capex,
        &["PurchaseOfPropertyPlantAndEquipmentClassifiedAsInvestingActivities"],
    ),
];

/// Capitalised software: not capex under the rules, but its amount goes in the capex note.
pub(super) const CAPITALISED_SOFTWARE: &str = "PaymentsToDevelopSoftware";

/// The fiscal year a period ending on `end` belongs to: its calendar year, or the year
/// before for an end on 1-7 January (a 52/53-week year that ran a few days over).
pub fn year_label(end: &str) -> Option<i32> {
    let end = Date::parse(end)?;
    let y = i32::try_from(end.year()).ok()?;
    Some(if end.month() == 1 && end.day() <= 7 {
        y - 1
    } else {
        y
    })
}

/// The chosen fact of one concept for one year.
#[derive(Debug, Clone)]
struct Chosen<'a> {
    concept: &'a str,
    fact: &'a Fact,
}

/// Full-year facts of annual forms in currency units, by year label: the latest period
/// end, then the latest filing, wins. Also notes every currency met.
fn annual<'a>(
    concept: &'a str,
    units: &'a Units,
    currencies: &mut Vec<(String, String)>,
) -> BTreeMap<i32, Chosen<'a>> {
    let mut out: BTreeMap<i32, Chosen<'a>> = BTreeMap::new();
    for (unit, list) in units {
        // Currencies only: "USD", "SEK"; not "shares" or "USD/shares".
        if unit.len() != 3 || !unit.bytes().all(|b| b.is_ascii_uppercase()) {
            continue;
        }
        // Days since 1970 of a real date: a period ending on 31 February is no period.
        let day = |d: &str| Date::parse(d).map(Date::days);
        for fact in list {
            let Some(start) = fact.start.as_deref() else {
                continue;
            };
            if !ANNUAL_FORMS.contains(&fact.form.as_str()) || !fact.val.is_finite() {
                continue;
            }
            let (Some(a), Some(b), Some(year)) =
                (day(start), day(&fact.end), year_label(&fact.end))
            else {
                continue;
            };
            if !FULL_YEAR_DAYS.contains(&(b - a)) {
                continue;
            }
            if !currencies.iter().any(|(c, _)| c == unit) {
                currencies.push((unit.clone(), concept.to_owned()));
            }
            let newer = |old: &Fact| {
                (fact.end.as_str(), fact.filed.as_str(), fact.accn.as_str())
                    > (old.end.as_str(), old.filed.as_str(), old.accn.as_str())
            };
            match out.get(&year) {
                Some(old) if !newer(old.fact) => {}
                _ => {
                    out.insert(year, Chosen { concept, fact });
                }
            }
        }
    }
    out
}

/// The note of an imported fact: concept, period end, form, filing date, accession number.
fn provenance(c: &Chosen<'_>) -> String {
    format!(
        "{}, year ended {}: {} filed {}, accn {}",
        c.concept, c.fact.end, c.fact.form, c.fact.filed, c.fact.accn
    )
}

/// An amount in whole units as a note quotes it: "29.4 million".
fn amount_words(v: f64, currency: &str) -> String {
    let (d, word) = if v.abs() >= 1e9 {
        (1e9, " billion")
    } else if v.abs() >= 1e6 {
        (1e6, " million")
    } else {
        (1.0, "")
    };
    format!("{currency} {}{word}", crate::model::format::plain(v / d, 1))
}

/// A company name as filed, made readable when the filing shouts it: "SNOWFLAKE INC."
/// becomes "Snowflake Inc."; short all-capital words other than legal suffixes stay
/// as they are ("IBM", "AB").
pub fn readable_name(name: &str) -> String {
    if name.chars().any(char::is_lowercase) {
        return name.trim().to_owned();
    }
    const SUFFIXES: [&str; 8] = [
        "INC", "CORP", "CO", "LTD", "PLC", "LLC", "HOLDINGS", "GROUP",
    ];
    name.split_whitespace()
        .map(|w| {
            let core = w.trim_end_matches(['.', ',']);
            let letters = core.chars().filter(|c| c.is_alphabetic()).count();
            if letters > 3 || SUFFIXES.contains(&core) {
                let mut cs = w.chars();
                cs.next()
                    .map(|f| f.to_string() + &cs.as_str().to_lowercase())
                    .unwrap_or_default()
            } else {
                w.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Month names for the fiscal-year note.
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "Fiscal year ends 31 January" from the period ends of the revenue facts, or "... ends
/// around 28 September (52/53-week years)" when the day moves.
fn fiscal_year_note(ends: &[&str]) -> Option<String> {
    let last = ends.last()?;
    let month: usize = last.get(5..7)?.parse().ok()?;
    let day: u32 = last.get(8..10)?.parse().ok()?;
    let name = MONTHS.get(month.checked_sub(1)?)?;
    let same = ends.iter().all(|e| e.get(5..10) == last.get(5..10));
    Some(if same {
        format!("Fiscal year ends {day} {name}")
    } else {
        format!("Fiscal year ends around {day} {name} (52/53-week years; latest end {last})")
    })
}

/// Reads one companyfacts file into figures by year, following the rules above.
pub fn import(name: &str, bytes: &[u8]) -> Result<Partial, ImportError> {
    let track = PathTrack::default();
    let facts = read_facts(bytes, &track).map_err(|e| json_error(name, &e, &track))?;
    if !facts.saw_facts {
        return Err(ImportError::whole(
            name,
            ImportErrorKind::NotCompanyFacts("it has no `facts` object".to_owned()),
        ));
    }
    let ifrs = facts.concepts.keys().any(|(t, _)| t == "ifrs-full")
        && !facts
            .concepts
            .keys()
            .any(|(t, c)| t == "us-gaap" && US_GAAP[0].1.contains(&c.as_str()));
    let (taxonomy, table) = if ifrs {
        ("ifrs-full", &IFRS)
    } else {
        ("us-gaap", &US_GAAP)
    };
    let mut p = Partial {
        source: name.to_owned(),
        kind: "SEC companyfacts".to_owned(),
        basis: Some(
            if ifrs {
                "IFRS, as filed"
            } else {
                "US GAAP, as filed"
            }
            .to_owned(),
        ),
        citation: facts.cik.as_ref().map(|cik| {
            let n: u64 = cik.trim_start_matches('0').parse().unwrap_or(0);
            format!("https://data.sec.gov/api/xbrl/companyfacts/CIK{n:010}.json")
        }),
        company: facts
            .name
            .as_deref()
            .filter(|n| !n.trim().is_empty())
            .map(readable_name),
        ticker: facts.ticker.clone().filter(|t| !t.trim().is_empty()),
        segments_not_in_source: true,
        ..Partial::default()
    };
    let mut currencies: Vec<(String, String)> = Vec::new();
    let mut revenue_ends: Vec<&str> = Vec::new();
    for (figure, concepts) in table {
        // Per year, the first concept in priority order that has the year.
        let mut per_year: BTreeMap<i32, Chosen<'_>> = BTreeMap::new();
        for concept in *concepts {
            let Some(units) = facts
                .concepts
                .get(&(taxonomy.to_owned(), (*concept).to_owned()))
            else {
                continue;
            };
            for (year, c) in annual(concept, units, &mut currencies) {
                per_year.entry(year).or_insert(c);
            }
        }
        let mut prev: Option<(i32, &str)> = None;
        for (year, c) in &per_year {
            if *figure == Figure::Revenue {
                revenue_ends.push(&c.fact.end);
                if let Some((py, pc)) = prev
                    && pc != c.concept
                {
                    p.warnings.push(format!(
                        "{name}: revenue concept changes between {py} ({pc}) and {year} ({}); \
                         check the two years are comparable",
                        c.concept
                    ));
                }
                prev = Some((*year, c.concept));
            }
            let at_fact = || {
                format!(
                    "facts.{taxonomy}.{} (period ending {})",
                    c.concept, c.fact.end
                )
            };
            if *figure == Figure::Revenue && c.fact.val < 0.0 {
                return Err(ImportError::at(
                    name,
                    at_fact(),
                    ImportErrorKind::NegativeRevenue {
                        year: *year,
                        written: format!(
                            "{} {}",
                            c.concept,
                            crate::model::plausible::short(c.fact.val)
                        ),
                    },
                ));
            }
            // A fact no company could report is refused at the fact, as a cell is.
            let written = || {
                format!(
                    "{} {}",
                    c.concept,
                    crate::model::plausible::short(c.fact.val)
                )
            };
            crate::model::plausible::money_units(
                c.fact.val,
                1.0,
                crate::model::plausible::MAX_MONEY_UNITS_HIGH,
                written,
            )
            .map_err(|e| ImportError::at(name, at_fact(), ImportErrorKind::Implausible(e)))?;
            let mut note = provenance(c);
            if *figure == Figure::Capex
                && let Some(sw) = software(&facts, c)
            {
                note.push_str(&format!(
                    "; capitalised software ({}, {CAPITALISED_SOFTWARE}) is not included",
                    amount_words(sw, currencies.first().map_or("", |(c, _)| c.as_str()))
                ));
            }
            p.years.entry(*year).or_default().figures.insert(
                *figure,
                Value {
                    amount: c.fact.val,
                    note,
                    source: name.to_owned(),
                },
            );
        }
    }
    if let Some(second) = currencies.get(1) {
        let first = currencies
            .first()
            .map(|(c, _)| c.clone())
            .unwrap_or_default();
        return Err(ImportError::at(
            name,
            format!("facts.{taxonomy}.{}.units.{}", second.1, second.0),
            ImportErrorKind::MixedCurrencies {
                first,
                second: second.0.clone(),
            },
        ));
    }
    if revenue_ends.is_empty() {
        return Err(ImportError::whole(
            name,
            ImportErrorKind::NoAnnualRevenue {
                concepts: table[0].1.join(" / "),
            },
        ));
    }
    p.currency = currencies.first().map(|(c, _)| c.clone());
    let top = p.largest_revenue();
    p.scale = Some(super::readable_scale(top));
    p.fiscal_year = fiscal_year_note(&revenue_ends);
    Ok(p)
}

/// Capitalised software spent in the same period as a chosen capex fact, if filed.
fn software(facts: &Facts, capex: &Chosen<'_>) -> Option<f64> {
    let units = facts
        .concepts
        .get(&("us-gaap".to_owned(), CAPITALISED_SOFTWARE.to_owned()))?;
    units
        .values()
        .flatten()
        .filter(|f| f.start == capex.fact.start && f.end == capex.fact.end)
        .max_by(|a, b| a.filed.cmp(&b.filed))
        .map(|f| f.val)
}
