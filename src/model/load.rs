//! Loading: bytes -> text -> RON -> validated [`Dataset`] plus warnings.
//!
//! Every way a file can be wrong ends here as a [`LoadError`] with a position, never a
//! panic: over-size files are refused before reading, bytes are checked for UTF-8 (a
//! byte-order mark is accepted), RON errors keep their `line:column` and gain a
//! "did you mean" for misspelt fields, and validation names the field path.

use std::io::Read;
use std::path::Path;

use super::dataset::{Dataset, Figure, Lever};
use super::error::{LoadError, LoadErrorKind, Location, Warning, WarningKind};
use super::format;

/// Largest dataset file accepted, in bytes (64 MiB): far above any real company's
/// history, small enough that a wrong file never exhausts memory.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// A dataset that passed validation, with the warnings it deserves.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    /// The dataset, years sorted ascending.
    pub dataset: Dataset,
    /// Problems that do not stop it loading.
    pub warnings: Vec<Warning>,
}

/// Reads, parses and validates a dataset file. Never writes to it.
pub fn load(path: &Path) -> Result<Loaded, LoadError> {
    let io_err =
        |e: std::io::Error| LoadError::whole_file(LoadErrorKind::Io(e.to_string())).with_file(path);
    let file = std::fs::File::open(path).map_err(io_err)?;
    let meta = file.metadata().map_err(io_err)?;
    if meta.is_dir() {
        return Err(LoadError::whole_file(LoadErrorKind::Io(
            "it is a directory, not a file".to_owned(),
        ))
        .with_file(path));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(LoadError::whole_file(LoadErrorKind::TooLarge {
            size: meta.len(),
            limit: MAX_FILE_BYTES,
        })
        .with_file(path));
    }
    // Read at most one byte past the limit, in case the file grows while we read.
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io_err)?;
    parse_bytes(&bytes).map_err(|e| e.with_file(path))
}

/// Parses and validates raw bytes (checks size and UTF-8 first).
pub fn parse_bytes(bytes: &[u8]) -> Result<Loaded, LoadError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadError::whole_file(LoadErrorKind::TooLarge {
            size: bytes.len() as u64,
            limit: MAX_FILE_BYTES,
        }));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => parse(text),
        Err(e) => {
            let valid = bytes.get(..e.valid_up_to()).unwrap_or_default();
            let byte = bytes.get(e.valid_up_to()).copied().unwrap_or(0);
            // The prefix is valid UTF-8 by construction.
            let prefix = String::from_utf8_lossy(valid);
            let line = prefix.matches('\n').count() + 1;
            let col = prefix.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            let source_line = prefix.rsplit('\n').next().map(str::to_owned);
            Err(LoadError {
                file: None,
                location: Location::LineCol { line, col },
                kind: Box::new(LoadErrorKind::NotUtf8 { byte }),
                source_line,
            })
        }
    }
}

/// Parses and validates dataset text.
pub fn parse(text: &str) -> Result<Loaded, LoadError> {
    parse_with(text, true)
}

/// [`parse`] with the `ron` crate alone, skipping the fast reader: the reference the
/// fast path is tested and benchmarked against. Same results, slower.
pub fn parse_reference(text: &str) -> Result<Loaded, LoadError> {
    parse_with(text, false)
}

fn parse_with(text: &str, fast: bool) -> Result<Loaded, LoadError> {
    if text.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadError::whole_file(LoadErrorKind::TooLarge {
            size: text.len() as u64,
            limit: MAX_FILE_BYTES,
        }));
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(LoadError::whole_file(LoadErrorKind::Empty));
    }
    let options =
        ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
    // The fast reader handles the plain RON datasets are written in; anything else, and
    // every error message, comes from ron itself.
    let quick = if fast {
        super::quick::dataset(text)
    } else {
        None
    };
    let dataset: Dataset = match quick {
        Some(ds) => ds,
        None => options.from_str(text).map_err(|e| ron_error(text, &e))?,
    };
    validate(dataset)
}

/// Turns a RON error into ours: same position, plainer words, a suggestion for names.
fn ron_error(text: &str, e: &ron::error::SpannedError) -> LoadError {
    use ron::Error as E;
    let message = match &e.code {
        E::NoSuchStructField {
            expected,
            found,
            outer,
        } => {
            let mut m = format!("unknown field `{found}`");
            if let Some(outer) = outer {
                m.push_str(&format!(" in {outer}"));
            }
            match closest(found, expected.iter().copied()) {
                Some(s) => m.push_str(&format!("; did you mean `{s}`?")),
                None => m.push_str(&format!("; expected one of {}", backticked(expected))),
            }
            m
        }
        E::NoSuchEnumVariant {
            expected, found, ..
        } => {
            let mut m = format!("unknown value `{found}`");
            match closest(found, expected.iter().copied()) {
                Some(s) => m.push_str(&format!("; did you mean `{s}`?")),
                None => m.push_str(&format!("; expected one of {}", backticked(expected))),
            }
            m
        }
        E::MissingStructField { field, outer } => match outer {
            Some(outer) => format!("missing required field `{field}` in {outer}"),
            None => format!("missing required field `{field}`"),
        },
        E::ExpectedComma if after_number(text, e) => "expected a comma (,) after the number; \
             numbers are plain digits: no %, currency sign or B/M suffix (`scale` sets the unit)"
            .to_owned(),
        E::ExpectedComma => "expected a comma (,) between items".to_owned(),
        E::ExpectedFloat | E::ExpectedInteger => {
            "expected a number: plain digits such as 4.46 or -0.2, without quotes, currency \
             signs or thousands separators"
                .to_owned()
        }
        E::SuggestRawIdentifier(id) if id.starts_with(|c: char| c.is_ascii_digit()) => {
            format!(
                "expected a field name, found `{id}`: numbers are written without thousands \
                 separators (1380, not 1,380)"
            )
        }
        E::ExpectedAttribute => "comments start with //, not #".to_owned(),
        E::DuplicateStructField { field, outer } => match outer {
            Some(outer) => format!("field `{field}` is written twice in {outer}; keep one"),
            None => format!("field `{field}` is written twice; keep one"),
        },
        E::ExpectedString | E::ExpectedStringEnd => "expected text in double quotes".to_owned(),
        E::ExpectedMap => "expected a map: { \"name\": value, ... }".to_owned(),
        E::ExpectedArray => "expected a list: [ ... ]".to_owned(),
        E::Eof => "the file ends too early: a closing bracket or parenthesis is missing".to_owned(),
        E::ExceededRecursionLimit => {
            "the file nests too deeply (more than 128 levels); a dataset is never this deep"
                .to_owned()
        }
        other => other.to_string(),
    };
    let line = e.span.start.line.max(1);
    let col = e.span.start.col.max(1);
    let source_line = text.lines().nth(line - 1).map(str::to_owned);
    LoadError {
        file: None,
        location: Location::LineCol { line, col },
        kind: Box::new(LoadErrorKind::Syntax(message)),
        source_line,
    }
}

/// Whether the error position sits right after a digit (`85%`, `4.46B`): a unit typed
/// into a number.
fn after_number(text: &str, e: &ron::error::SpannedError) -> bool {
    let Some(line) = text.lines().nth(e.span.start.line.saturating_sub(1)) else {
        return false;
    };
    let col = e.span.start.col.saturating_sub(1);
    let mut chars = line.chars().skip(col.saturating_sub(1));
    let before = if col == 0 { None } else { chars.next() };
    let at = chars.next();
    before.is_some_and(|c| c.is_ascii_digit())
        && at.is_some_and(|c| !c.is_whitespace() && !matches!(c, ',' | ')' | ']' | '}'))
}

fn backticked(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The candidate closest to `found` by edit distance, when close enough to be a typo.
pub fn closest<'a>(found: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let found_lower = found.to_lowercase();
    let mut best: Option<(&str, usize)> = None;
    for c in candidates {
        let d = edit_distance(&found_lower, &c.to_lowercase());
        if best.is_none_or(|(_, bd)| d < bd) {
            best = Some((c, d));
        }
    }
    let (name, d) = best?;
    let limit = (found.chars().count().max(name.chars().count()) / 3).max(1);
    (d <= limit).then_some(name)
}

/// Levenshtein distance over characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Most segments a dataset may declare: each gets a colour, a legend entry and a slider,
/// so a file with thousands is a mistake (and must not make validation quadratic).
pub const MAX_SEGMENTS: usize = 100;
/// Most "what to watch" items (each is a card in the scenario panel).
pub const MAX_WATCH_ITEMS: usize = 50;
/// Most levers one watch item may drive (each is a slider beside it).
pub const MAX_LEVERS_PER_ITEM: usize = 20;
/// Most scenario presets (each is a button).
pub const MAX_PRESETS: usize = 50;

/// Relative tolerance below which segments are taken to sum to revenue (float noise only).
pub const RECONCILE_TOLERANCE: f64 = 1e-9;

/// Checks a parsed dataset, sorts its years, and collects warnings.
pub fn validate(mut ds: Dataset) -> Result<Loaded, LoadError> {
    if ds.company.trim().is_empty() {
        return Err(LoadError::at_field("company", LoadErrorKind::Blank));
    }
    if ds.currency.trim().is_empty() {
        return Err(LoadError::at_field("currency", LoadErrorKind::Blank));
    }
    if ds.years.is_empty() {
        return Err(LoadError::at_field("years", LoadErrorKind::NoYears));
    }
    let too_many = |path: String, what, count, limit| {
        (count > limit)
            .then(|| LoadError::at_field(path, LoadErrorKind::TooMany { what, count, limit }))
    };
    let counts = [
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
    let lever_counts = ds.watch.iter().enumerate().map(|(w, item)| {
        (
            format!("watch[{w}].levers"),
            "levers in one watch item",
            item.levers.len(),
            MAX_LEVERS_PER_ITEM,
        )
    });
    for (path, what, count, limit) in counts.into_iter().chain(lever_counts) {
        if let Some(e) = too_many(path, what, count, limit) {
            return Err(e);
        }
    }
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
    let names: Vec<&str> = ds.segments.iter().map(|s| s.name.as_str()).collect();
    let unknown_segment = |path: String, name: &str| {
        LoadError::at_field(
            path,
            LoadErrorKind::UnknownSegment {
                name: name.to_owned(),
                suggestion: closest(name, names.iter().copied()).map(str::to_owned),
            },
        )
    };

    // Per-year checks use the order of the file, so paths match what the user sees.
    let mut seen_years = std::collections::HashSet::with_capacity(ds.years.len());
    for (i, y) in ds.years.iter().enumerate() {
        let p = |f: &str| format!("years[{i}].{f}");
        if !(1800..=2200).contains(&y.year) {
            return Err(LoadError::at_field(
                p("year"),
                LoadErrorKind::YearOutOfRange(y.year),
            ));
        }
        if !seen_years.insert(y.year) {
            return Err(LoadError::at_field(
                p("year"),
                LoadErrorKind::DuplicateYear(y.year),
            ));
        }
        for f in Figure::ALL {
            if let Some(v) = y.figure(f)
                && !v.is_finite()
            {
                return Err(LoadError::at_field(
                    p(f.field()),
                    LoadErrorKind::NotFinite("the value"),
                ));
            }
        }
        for (name, v) in &y.segments {
            if !names.contains(&name.as_str()) {
                return Err(unknown_segment(
                    format!("years[{i}].segments.\"{name}\""),
                    name,
                ));
            }
            if !v.is_finite() {
                return Err(LoadError::at_field(
                    format!("years[{i}].segments.\"{name}\""),
                    LoadErrorKind::NotFinite("the value"),
                ));
            }
        }
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
        // A KPI listed twice in one year is ambiguous. When a year lists exactly the KPIs
        // of the year before (already checked), there is nothing new to check.
        let same_as_prev = i > 0
            && ds.years.get(i - 1).is_some_and(|p| {
                p.kpis.len() == y.kpis.len()
                    && p.kpis.iter().zip(&y.kpis).all(|(a, b)| a.name == b.name)
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
        for key in y.notes.keys() {
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
    }
    if let Some(mc) = &ds.market_cap
        && !mc.value.is_finite()
    {
        return Err(LoadError::at_field(
            "market_cap.value",
            LoadErrorKind::NotFinite("the value"),
        ));
    }
    for (w, item) in ds.watch.iter().enumerate() {
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
                return Err(unknown_segment(format!("watch[{w}].levers[{l}]"), s));
            }
        }
    }
    for (p, preset) in ds.presets.iter().enumerate() {
        if preset.name.trim().is_empty() {
            return Err(LoadError::at_field(
                format!("presets[{p}].name"),
                LoadErrorKind::Blank,
            ));
        }
        if let Some(h) = preset.horizon_years
            && !(1..=10).contains(&h)
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
                    format!("presets[{p}].levers[{l}].lever"),
                    s,
                ));
            }
            if !lv.value.is_finite() {
                return Err(LoadError::at_field(
                    format!("presets[{p}].levers[{l}].value"),
                    LoadErrorKind::NotFinite("the value"),
                ));
            }
        }
    }

    ds.years.sort_by_key(|y| y.year);
    let warnings = collect_warnings(&ds);
    Ok(Loaded {
        dataset: ds,
        warnings,
    })
}

/// Everything that does not add up but should not stop the file loading.
fn collect_warnings(ds: &Dataset) -> Vec<Warning> {
    let mut out = Vec::new();
    let money = |v: f64| format::money(v, &ds.currency, ds.scale);
    for (i, y) in ds.years.iter().enumerate() {
        let yp = |f: &str| format!("{}.{f}", y.year);
        if y.revenue < 0.0 {
            out.push(Warning {
                path: yp("revenue"),
                kind: WarningKind::NegativeRevenue { year: y.year },
                message: format!("revenue is negative ({})", money(y.revenue)),
            });
        }
        if !y.segments.is_empty() {
            let sum: f64 = y.segments.values().sum();
            let gap = y.revenue - sum;
            if gap.abs() > RECONCILE_TOLERANCE * y.revenue.abs().max(f64::MIN_POSITIVE) {
                let share_ratio = if y.revenue.abs() > 0.0 {
                    gap / y.revenue
                } else {
                    f64::NAN
                };
                let what = if gap > 0.0 {
                    "is not allocated to any segment"
                } else {
                    "more than revenue is allocated to segments"
                };
                out.push(Warning {
                    path: yp("segments"),
                    kind: WarningKind::Unallocated {
                        year: y.year,
                        gap,
                        share_ratio,
                    },
                    message: format!(
                        "segments sum to {} but revenue is {}: {} ({} of revenue) {what}",
                        money(sum),
                        money(y.revenue),
                        money(gap.abs()),
                        format::percent(share_ratio.abs()),
                    ),
                });
            }
        }
        if let Some(gp) = y.gross_profit
            && gp > y.revenue
        {
            out.push(Warning {
                path: yp("gross_profit"),
                kind: WarningKind::GrossAboveRevenue { year: y.year },
                message: format!(
                    "gross profit {} is above revenue {}",
                    money(gp),
                    money(y.revenue)
                ),
            });
        }
        let Some(prev) = i.checked_sub(1).and_then(|j| ds.years.get(j)) else {
            continue;
        };
        if y.year - prev.year > 1 {
            out.push(Warning {
                path: format!("{}", y.year),
                kind: WarningKind::YearGap {
                    from: prev.year,
                    to: y.year,
                },
                message: format!(
                    "no figures between {} and {}: growth across the gap is not shown",
                    prev.year, y.year
                ),
            });
        }
        let mut missing = |figure: String| {
            out.push(Warning {
                path: format!("{}", y.year),
                message: format!("{} has no {figure}, which {} had", y.year, prev.year),
                kind: WarningKind::MissingFigure {
                    year: y.year,
                    figure,
                    last_seen: prev.year,
                },
            });
        };
        for f in Figure::ALL {
            if prev.figure(f).is_some() && y.figure(f).is_none() {
                missing(f.label().to_lowercase());
            }
        }
        for name in prev.segments.keys() {
            if !y.segments.contains_key(name) {
                missing(format!("revenue for segment \"{name}\""));
            }
        }
        // Years usually list their KPIs in the same order: compare by position first and
        // build a name set only when that fails (a 5 MB file has 100,000 KPIs).
        let mut names: Option<std::collections::HashSet<&str>> = None;
        for (i, k) in prev.kpis.iter().enumerate() {
            if y.kpis.get(i).is_some_and(|c| c.name == k.name) {
                continue;
            }
            let names =
                names.get_or_insert_with(|| y.kpis.iter().map(|k| k.name.as_str()).collect());
            if !names.contains(k.name.as_str()) {
                missing(format!("KPI \"{}\"", k.name));
            }
        }
    }
    out
}
