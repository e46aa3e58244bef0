//! Validation: a parsed [`Dataset`] is checked (names resolve, numbers are finite, lists
//! stay within what the screen can show), its years sorted, and its warnings collected.
//! Every error names the field path it is about.

use super::dataset::{Dataset, Figure, Lever, Year};
use super::error::{LoadError, LoadErrorKind};
use super::load::Loaded;
use super::plausible;
use super::scenario::MAX_HORIZON;
use super::suggest::closest;
use super::warnings::collect_warnings;

/// Most segments a dataset may declare: each gets a colour, a legend entry and a slider,
/// so a file with thousands is a mistake (and must not make validation quadratic).
pub const MAX_SEGMENTS: usize = 100;
/// Most "what to watch" items (each is a card in the scenario panel).
pub const MAX_WATCH_ITEMS: usize = 50;
/// Most levers one watch item may drive (each is a slider beside it).
pub const MAX_LEVERS_PER_ITEM: usize = 20;
/// Most scenario presets (each is a button).
pub const MAX_PRESETS: usize = 50;

/// Years accepted: anything outside is almost surely a typo.
pub const YEAR_RANGE: std::ops::RangeInclusive<i32> = 1800..=2200;

/// Relative tolerance below which segments are taken to sum to revenue (float noise only).
pub const RECONCILE_TOLERANCE: f64 = 1e-9;

/// Checks a parsed dataset, sorts its years, and collects warnings. The error is the
/// first [`validate_all`] finds.
pub fn validate(ds: Dataset) -> Result<Loaded, LoadError> {
    validate_all(ds).map_err(|mut errors| errors.swap_remove(0))
}

/// [`validate`], but on failure every error it can name (never an empty list), so
/// `moneymap check` lists them at once: for each year the first error of each of its
/// checks (names and figures, cash and split, KPIs, notes), then the market cap's, the
/// first of each watch item and of each preset, then levers that cannot move anything (only
/// when all that is valid: it is judged on it) and the scenario settings (ranges, cost
/// structure). A broken header, limit or segment list
/// stops at once (what follows would only repeat it), as does a repeated year for that
/// year.
pub fn validate_all(mut ds: Dataset) -> Result<Loaded, Vec<LoadError>> {
    let one = |e: LoadError| vec![e];
    check_header(&ds).map_err(one)?;
    check_limits(&ds).map_err(one)?;
    check_segments(&ds).map_err(one)?;
    let mut errors = Vec::new();
    let names: Vec<&str> = ds.segments.iter().map(|s| s.name.as_str()).collect();
    // Per-year checks use the order of the file, so paths match what the user sees.
    let mut seen_years = std::collections::HashSet::with_capacity(ds.years.len());
    let units = ds.units_label();
    for (i, y) in ds.years.iter().enumerate() {
        if !seen_years.insert(y.year) {
            // A repeated year: its other errors would repeat the first one's.
            errors.push(LoadError::at_field(
                format!("years[{i}].year"),
                LoadErrorKind::DuplicateYear(y.year),
            ));
            continue;
        }
        let prev = i.checked_sub(1).and_then(|j| ds.years.get(j));
        errors.extend(
            check_year(i, y, &names)
                .and_then(|()| check_magnitudes(i, y, &ds, &units))
                .err(),
        );
        errors.extend(super::checks::check_cash_and_split(i, y).err());
        errors.extend(check_kpis(i, y, prev).err());
        errors.extend(check_notes(i, y).err());
    }
    if let Some(mc) = &ds.market_cap {
        if !mc.value.is_finite() {
            errors.push(LoadError::at_field(
                "market_cap.value",
                LoadErrorKind::NotFinite("the value"),
            ));
        } else {
            let money = |path: &str, v: f64| {
                let what = path.trim_start_matches("market_cap.");
                let what = if what == "value" {
                    "market cap"
                } else {
                    "net cash"
                };
                plausible::money(
                    || what.to_owned(),
                    v,
                    ds.scale,
                    &ds.units_label(),
                    plausible::money_limit(&ds.currency),
                )
                .map_err(|e| LoadError::at_field(path, LoadErrorKind::Implausible(e)))
            };
            errors.extend(money("market_cap.value", mc.value).err());
            if let Some(nc) = mc.net_cash.filter(|v| v.is_finite()) {
                errors.extend(money("market_cap.net_cash", nc).err());
            }
        }
    }
    errors.extend(check_watch(&ds, &names));
    errors.extend(check_presets(&ds, &names));
    let clean = errors.is_empty();
    super::checks::derive_fcf(&mut ds);
    ds.years.sort_by_key(|y| y.year);
    // Whether a lever can move anything is judged on the years and the levers' names:
    // with any of them in error it would repeat that error or judge what is to change.
    if clean {
        errors.extend(super::checks::check_dead_levers(&ds).err());
    }
    errors.extend(super::validate_scenario::check_scenario_settings(&ds).err());
    if !errors.is_empty() {
        return Err(errors);
    }
    let warnings = collect_warnings(&ds);
    Ok(Loaded {
        dataset: ds,
        warnings,
    })
}

/// Required text fields are not blank and there is at least one year.
fn check_header(ds: &Dataset) -> Result<(), LoadError> {
    if ds.company.trim().is_empty() {
        return Err(LoadError::at_field("company", LoadErrorKind::Blank));
    }
    if ds.currency.trim().is_empty() {
        return Err(LoadError::at_field("currency", LoadErrorKind::Blank));
    }
    if ds.years.is_empty() {
        return Err(LoadError::at_field("years", LoadErrorKind::NoYears));
    }
    Ok(())
}

/// Lists the screen shows one element each of stay within their limits (checked before
/// anything per element, so a huge list is refused at once).
fn check_limits(ds: &Dataset) -> Result<(), LoadError> {
    let lists = [
        (
            "segments".to_owned(),
            "segments",
            ds.segments.len(),
            MAX_SEGMENTS,
        ),
        (
            "watch".to_owned(),
            "watch items",
            ds.watch.len(),
            MAX_WATCH_ITEMS,
        ),
        (
            "presets".to_owned(),
            "presets",
            ds.presets.len(),
            MAX_PRESETS,
        ),
    ];
    let levers = ds.watch.iter().enumerate().map(|(w, item)| {
        (
            format!("watch[{w}].levers"),
            "levers in one watch item",
            item.levers.len(),
            MAX_LEVERS_PER_ITEM,
        )
    });
    for (path, what, count, limit) in lists.into_iter().chain(levers) {
        if count > limit {
            return Err(LoadError::at_field(
                path,
                LoadErrorKind::TooMany { what, count, limit },
            ));
        }
    }
    Ok(())
}

/// Segment names are present and unique.
fn check_segments(ds: &Dataset) -> Result<(), LoadError> {
    for (i, s) in ds.segments.iter().enumerate() {
        if s.name.trim().is_empty() {
            return Err(LoadError::at_field(
                format!("segments[{i}].name"),
                LoadErrorKind::Blank,
            ));
        }
        if ds.segments.iter().take(i).any(|o| o.name == s.name) {
            return Err(LoadError::at_field(
                format!("segments[{i}].name"),
                LoadErrorKind::DuplicateSegment(s.name.clone()),
            ));
        }
    }
    Ok(())
}

/// An error for a segment name that `segments` does not declare, with the closest one.
fn unknown_segment(path: String, name: &str, names: &[&str]) -> LoadError {
    LoadError::at_field(
        path,
        LoadErrorKind::UnknownSegment {
            name: name.to_owned(),
            suggestion: closest(name, names.iter().copied()).map(str::to_owned),
        },
    )
}

/// The year is in range, its figures finite, its segments declared.
fn check_year(i: usize, y: &Year, names: &[&str]) -> Result<(), LoadError> {
    if !YEAR_RANGE.contains(&y.year) {
        return Err(LoadError::at_field(
            format!("years[{i}].year"),
            LoadErrorKind::YearOutOfRange(y.year),
        ));
    }
    for f in Figure::ALL {
        if let Some(v) = y.figure(f)
            && !v.is_finite()
        {
            return Err(LoadError::at_field(
                format!("years[{i}].{}", f.field()),
                LoadErrorKind::NotFinite("the value"),
            ));
        }
    }
    for (name, v) in &y.segments {
        let path = || format!("years[{i}].segments.\"{name}\"");
        if !names.contains(&name.as_str()) {
            return Err(unknown_segment(path(), name, names));
        }
        if !v.is_finite() {
            return Err(LoadError::at_field(
                path(),
                LoadErrorKind::NotFinite("the value"),
            ));
        }
    }
    Ok(())
}

/// Every figure of a year (already known finite) is one a real company could report:
/// money within [`plausible::money_limit`] of its currency, in whole units, and not a nonzero speck,
/// percent and count KPIs within their bounds. With these bounds no margin, growth,
/// share, CAGR or projection derived from the figures can overflow.
fn check_magnitudes(i: usize, y: &Year, ds: &Dataset, units: &str) -> Result<(), LoadError> {
    let err = |path: String, e| LoadError::at_field(path, LoadErrorKind::Implausible(e));
    let limit = plausible::money_limit(&ds.currency);
    for f in Figure::ALL {
        if let Some(v) = y.figure(f) {
            plausible::money(|| f.label().to_lowercase(), v, ds.scale, units, limit)
                .map_err(|e| err(format!("years[{i}].{}", f.field()), e))?;
        }
    }
    for (name, v) in &y.segments {
        plausible::money(|| format!("segment \"{name}\""), *v, ds.scale, units, limit)
            .map_err(|e| err(format!("years[{i}].segments.\"{name}\""), e))?;
    }
    for (k, kpi) in y.kpis.iter().enumerate() {
        if kpi.value.is_finite() {
            let what = || format!("KPI \"{}\"", kpi.name);
            plausible::kpi(what, kpi.kind, kpi.value, ds.scale, units, limit)
                .map_err(|e| err(format!("years[{i}].kpis[{k}].value"), e))?;
        }
    }
    Ok(())
}

/// KPI names are present and listed once per year, values finite.
fn check_kpis(i: usize, y: &Year, prev: Option<&Year>) -> Result<(), LoadError> {
    for (k, kpi) in y.kpis.iter().enumerate() {
        if kpi.name.trim().is_empty() {
            return Err(LoadError::at_field(
                format!("years[{i}].kpis[{k}].name"),
                LoadErrorKind::Blank,
            ));
        }
        if !kpi.value.is_finite() {
            return Err(LoadError::at_field(
                format!("years[{i}].kpis[{k}].value"),
                LoadErrorKind::NotFinite("the value"),
            ));
        }
    }
    // A KPI listed twice in one year is ambiguous. When a year lists exactly the KPIs of
    // the year before in the file (already checked), there is nothing new to check.
    let same_as_prev = prev.is_some_and(|p| {
        p.kpis.len() == y.kpis.len() && p.kpis.iter().zip(&y.kpis).all(|(a, b)| a.name == b.name)
    });
    if !same_as_prev {
        let mut seen = std::collections::HashSet::with_capacity(y.kpis.len());
        for (k, kpi) in y.kpis.iter().enumerate() {
            if !seen.insert(kpi.name.as_str()) {
                return Err(LoadError::at_field(
                    format!("years[{i}].kpis[{k}].name"),
                    LoadErrorKind::DuplicateKpi(kpi.name.clone()),
                ));
            }
        }
    }
    Ok(())
}

/// Every note is about a figure of its year: one the year has (free cash flow counts
/// when it will be derived from its parts).
fn check_notes(i: usize, y: &Year) -> Result<(), LoadError> {
    for key in y.notes.keys() {
        let figure = Figure::ALL.iter().find(|f| f.field() == key);
        if let Some(&f) = figure {
            let derivable =
                f == Figure::FreeCashFlow && y.operating_cash_flow.is_some() && y.capex.is_some();
            if y.figure(f).is_none() && !derivable {
                return Err(LoadError::at_field(
                    format!("years[{i}].notes.\"{key}\""),
                    LoadErrorKind::NoteOnMissingFigure(key.clone()),
                ));
            }
            continue;
        }
        let is_figure = Figure::ALL.iter().any(|f| f.field() == key)
            || y.segments.contains_key(key)
            || y.kpis.iter().any(|k| k.name == *key);
        if !is_figure {
            let mut valid: Vec<&str> = Figure::ALL.iter().map(|f| f.field()).collect();
            valid.extend(y.segments.keys().map(String::as_str));
            valid.extend(y.kpis.iter().map(|k| k.name.as_str()));
            return Err(LoadError::at_field(
                format!("years[{i}].notes.\"{key}\""),
                LoadErrorKind::UnknownNote {
                    name: key.clone(),
                    suggestion: closest(key, valid.iter().copied()).map(str::to_owned),
                },
            ));
        }
    }
    Ok(())
}

/// Watch items have titles and their levers name declared segments.
fn check_watch(ds: &Dataset, names: &[&str]) -> Vec<LoadError> {
    let item_error = |w: usize, item: &super::dataset::WatchItem| -> Result<(), LoadError> {
        if item.title.trim().is_empty() {
            return Err(LoadError::at_field(
                format!("watch[{w}].title"),
                LoadErrorKind::Blank,
            ));
        }
        for (l, lever) in item.levers.iter().enumerate() {
            if let Some(s) = lever.segment()
                && !names.contains(&s)
            {
                return Err(unknown_segment(
                    format!("watch[{w}].levers[{l}].0"),
                    s,
                    names,
                ));
            }
        }
        Ok(())
    };
    ds.watch
        .iter()
        .enumerate()
        .filter_map(|(w, item)| item_error(w, item).err())
        .collect()
}

/// Presets have names, horizons in range, levers on declared segments, finite values.
fn check_presets(ds: &Dataset, names: &[&str]) -> Vec<LoadError> {
    let preset_error = |p: usize, preset: &super::dataset::Preset| -> Result<(), LoadError> {
        if preset.name.trim().is_empty() {
            return Err(LoadError::at_field(
                format!("presets[{p}].name"),
                LoadErrorKind::Blank,
            ));
        }
        if let Some(h) = preset.horizon_years
            && !(1..=MAX_HORIZON).contains(&h)
        {
            return Err(LoadError::at_field(
                format!("presets[{p}].horizon_years"),
                LoadErrorKind::BadHorizon(h),
            ));
        }
        for (l, lv) in preset.levers.iter().enumerate() {
            if let Lever::SegmentGrowth(s) = &lv.lever
                && !names.contains(&s.as_str())
            {
                return Err(unknown_segment(
                    format!("presets[{p}].levers[{l}].lever.0"),
                    s,
                    names,
                ));
            }
            if !lv.value.is_finite() {
                return Err(LoadError::at_field(
                    format!("presets[{p}].levers[{l}].value"),
                    LoadErrorKind::NotFinite("the value"),
                ));
            }
        }
        Ok(())
    };
    ds.presets
        .iter()
        .enumerate()
        .filter_map(|(p, preset)| preset_error(p, preset).err())
        .collect()
}
