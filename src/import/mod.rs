//! Import: SEC companyfacts JSON, CSV and XLSX/ODS workbooks to a validated dataset.
//!
//! ```text
//!   bytes --sniff--> sec (companyfacts JSON)   \
//!                    grid::csv / grid::workbook -> table (statement or tidy layout)
//!                                                 \--> Partial (figures by year, notes)
//!   Partial, Partial, ... --partial::merge--> one Partial --build--> Dataset --validate--> Imported
//! ```
//!
//! Sources are recognised by content, not by name: JSON with `facts` is companyfacts, a
//! zip is a workbook (refused if it is not one, or unpacks past a limit), anything else
//! is read as CSV. Several sources merge by year and field (a later one fills gaps and
//! wins disagreements, with a warning). The result is checked by the same validation as
//! a dataset file, and [`writer::to_ron`] writes it as a dataset a person can edit.
//!
//! The window and the CLI call [`import_sources`] (files) or [`import_bytes`] (bytes
//! already read); everything here is `Send`, so the window can run it off its thread.
//! This layer uses `model` and `fs` only.

pub mod civil;
pub mod error;
pub mod grid;
pub mod labels;
pub mod partial;
pub mod sec;
mod sec_json;
pub mod table;
mod tidy;
pub mod units;
pub mod writer;

use std::io::Read;
use std::path::{Path, PathBuf};

pub use error::{ImportError, ImportErrorKind};
pub use writer::{to_ron, today, write_dataset};

use crate::model::dataset::{Dataset, Figure, Kpi, OperatingModel, Scale, Segment, Source, Year};
use crate::model::{Loaded, validate::validate};
use partial::Partial;

/// Largest source file accepted, in bytes (64 MiB): a companyfacts file of the largest
/// filers is about 20 MB; anything far larger is refused before it is read.
pub const MAX_SOURCE_BYTES: u64 = 64 * 1024 * 1024;

/// Options of an import.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportOptions {
    /// The workbook sheet to read (default: the first).
    pub sheet: Option<String>,
}

/// An imported dataset, validated, with what the import noticed.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    /// The dataset and its load warnings (as `moneymap check` would list them).
    pub loaded: Loaded,
    /// What the import noticed: concept changes, conflicts between sources, rows not
    /// imported. Each starts with the file (and place) it is about.
    pub warnings: Vec<String>,
    /// The source files, in the order given.
    pub sources: Vec<PathBuf>,
    /// No source could give segment revenue (companyfacts alone): the written file says
    /// so above its empty `segments` list.
    pub segments_unknown: bool,
}

/// What kind of source bytes hold, by content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    /// JSON (companyfacts, or refused).
    Json,
    /// A zip archive (XLSX or ODS).
    Zip,
    /// An old binary Excel file (XLS).
    Xls,
    /// Text read as CSV.
    Csv,
}

/// Recognises a source by its first bytes.
pub fn sniff(bytes: &[u8]) -> SourceKind {
    let body = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let first = body.iter().find(|b| !b.is_ascii_whitespace()).copied();
    if bytes.starts_with(b"PK\x03\x04") {
        SourceKind::Zip
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        SourceKind::Xls
    } else if matches!(first, Some(b'{' | b'[')) {
        SourceKind::Json
    } else {
        SourceKind::Csv
    }
}

/// Reads a source file, refusing one over [`MAX_SOURCE_BYTES`] before reading it.
pub fn read_source(path: &Path) -> Result<Vec<u8>, ImportError> {
    let io = |e: std::io::Error| ImportError::whole(path, ImportErrorKind::Io(e.to_string()));
    let file = std::fs::File::open(path).map_err(io)?;
    let meta = file.metadata().map_err(io)?;
    if meta.is_dir() {
        return Err(ImportError::whole(
            path,
            ImportErrorKind::Io("it is a directory, not a file".to_owned()),
        ));
    }
    if meta.len() > MAX_SOURCE_BYTES {
        return Err(ImportError::whole(
            path,
            ImportErrorKind::TooLarge {
                size: meta.len(),
                limit: MAX_SOURCE_BYTES,
            },
        ));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(MAX_SOURCE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > MAX_SOURCE_BYTES {
        return Err(ImportError::whole(
            path,
            ImportErrorKind::TooLarge {
                size: bytes.len() as u64,
                limit: MAX_SOURCE_BYTES,
            },
        ));
    }
    Ok(bytes)
}

/// Reads one source's bytes (named `name` in notes and messages) into its figures.
pub fn read_partial(
    name: &str,
    bytes: &[u8],
    options: &ImportOptions,
) -> Result<Partial, ImportError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ImportError::whole(name, ImportErrorKind::Empty));
    }
    match sniff(bytes) {
        SourceKind::Json => sec::import(name, bytes),
        SourceKind::Zip | SourceKind::Xls => {
            if sniff(bytes) == SourceKind::Zip {
                grid::check_archive(name, bytes)?;
            }
            let (g, sheets) = grid::workbook(name, bytes, options.sheet.as_deref())?;
            let sheet = match &g.origin {
                grid::Origin::Sheet { name, .. } => name.clone(),
                grid::Origin::Csv(_) => String::new(),
            };
            let first = table::import(name, &format!("workbook, sheet {sheet}"), &g);
            // No sheet named and the first has no year header (a cover page, notes):
            // the first other sheet that reads as figures is taken, and said so.
            if let Err(e) = &first
                && e.kind == ImportErrorKind::NoYearHeader
                && options.sheet.is_none()
            {
                for other in sheets.iter().filter(|s| **s != sheet) {
                    let Ok((g, _)) = grid::workbook(name, bytes, Some(other)) else {
                        continue;
                    };
                    if let Ok(mut p) = table::import(name, &format!("workbook, sheet {other}"), &g)
                    {
                        p.warnings.push(format!(
                            "{name}: read sheet \"{other}\": the first sheet, \"{sheet}\", has no year header (another sheet can be named with --sheet)"
                        ));
                        return Ok(p);
                    }
                }
            }
            first.map_err(|mut e| {
                if e.kind == ImportErrorKind::NoYearHeader
                    && options.sheet.is_none()
                    && sheets.len() > 1
                {
                    e.kind = ImportErrorKind::NotThisSheet {
                        others: sheets
                            .iter()
                            .filter(|s| **s != sheet)
                            .cloned()
                            .collect::<Vec<_>>()
                            .join(", "),
                        sheet: sheet.clone(),
                    };
                }
                e
            })
        }
        SourceKind::Csv => {
            if bytes.contains(&0) {
                return Err(ImportError::whole(name, ImportErrorKind::UnknownFormat));
            }
            table::import(name, "CSV", &grid::csv(&grid::decode(bytes)))
        }
    }
}

/// Imports the files at `paths` (in order: later sources fill gaps and win
/// disagreements) into one validated dataset.
pub fn import_sources(paths: &[PathBuf], options: &ImportOptions) -> Result<Imported, ImportError> {
    let mut named = Vec::with_capacity(paths.len());
    for path in paths {
        named.push((path.clone(), read_source(path)?));
    }
    let refs: Vec<(&Path, &[u8])> = named
        .iter()
        .map(|(p, b)| (p.as_path(), b.as_slice()))
        .collect();
    import_bytes(&refs, options)
}

/// [`import_sources`] over bytes already read, each with the path it came from.
pub fn import_bytes(
    sources: &[(&Path, &[u8])],
    options: &ImportOptions,
) -> Result<Imported, ImportError> {
    let mut parts = Vec::with_capacity(sources.len());
    for (path, bytes) in sources {
        let name = file_name(path);
        let p = read_partial(&name, bytes, options).map_err(|mut e| {
            e.file = path.to_path_buf();
            e
        })?;
        parts.push((path.to_path_buf(), p));
    }
    combine(parts)
}

/// The name a source is cited by in notes and messages: its file name.
fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Merges sources already read (in order), names loose rows, builds the dataset in a
/// readable scale and validates it. The importers' common last step (the fuzz target
/// calls it after each reader alone).
pub fn combine(parts: Vec<(PathBuf, Partial)>) -> Result<Imported, ImportError> {
    let mut warnings = Vec::new();
    let sources: Vec<PathBuf> = parts.iter().map(|(p, _)| p.clone()).collect();
    let described: Vec<String> = parts
        .iter()
        .map(|(p, part)| format!("{} ({})", file_name(p), part.kind))
        .collect();
    let first = sources.first().cloned().unwrap_or_default();
    let mut acc: Option<Partial> = None;
    for (path, mut p) in parts {
        warnings.append(&mut p.warnings);
        match &mut acc {
            None => acc = Some(p),
            Some(a) => {
                if let (Some(have), Some(cur)) = (&a.currency, &p.currency)
                    && have != cur
                {
                    return Err(ImportError::whole(
                        path,
                        ImportErrorKind::MixedCurrencies {
                            first: have.clone(),
                            second: cur.clone(),
                        },
                    ));
                }
                a.currency = a.currency.take().or(p.currency.take());
                partial::merge(a, p, &mut warnings);
            }
        }
    }
    let mut acc = acc.ok_or_else(|| ImportError::whole(&first, ImportErrorKind::Empty))?;
    partial::classify_loose(&mut acc, &mut warnings);
    let segments_unknown = acc.segments_not_in_source && acc.segment_order.is_empty();
    let dataset = build(acc, &described, &first, &mut warnings)?;
    let mut loaded = validate(dataset)
        .map_err(|e| ImportError::whole(&first, ImportErrorKind::Dataset(Box::new(e))))?;
    // The dataset carries the import's warnings, so the written file keeps them; they are
    // set after validation so `loaded.warnings` does not list them a second time beside
    // `Imported::warnings` (the window and the CLI show both).
    loaded.dataset.import_warnings = warnings.clone();
    Ok(Imported {
        loaded,
        warnings,
        sources,
        segments_unknown,
    })
}

/// The readable scale for figures whose largest revenue is `top` (whole units):
/// billions from 10 billion, millions from 1 million, thousands below.
pub fn readable_scale(top: f64) -> Scale {
    if top >= 1e10 {
        Scale::Billions
    } else if top >= 1e6 {
        Scale::Millions
    } else {
        Scale::Thousands
    }
}

/// Turns the merged figures into a dataset in a readable scale, dropping years without
/// revenue (with a warning) and marking years without a split when others have one.
fn build(
    p: Partial,
    names: &[String],
    first: &Path,
    warnings: &mut Vec<String>,
) -> Result<Dataset, ImportError> {
    let currency = p
        .currency
        .clone()
        .ok_or_else(|| ImportError::whole(first, ImportErrorKind::NoCurrency))?;
    let top = p.largest_revenue();
    let no_revenue: Vec<String> = p
        .years
        .iter()
        .filter(|(_, y)| !y.figures.contains_key(&Figure::Revenue))
        .map(|(y, _)| y.to_string())
        .collect();
    if no_revenue.len() == p.years.len() {
        return Err(ImportError::whole(first, ImportErrorKind::NoRevenue));
    }
    if !no_revenue.is_empty() {
        warnings.push(format!(
            "{}: left out {} (figures but no revenue): {}",
            names.join(", "),
            if no_revenue.len() == 1 {
                "a year"
            } else {
                "years"
            },
            no_revenue.join(", ")
        ));
    }
    let scale = p.scale.unwrap_or_else(|| readable_scale(top));
    let f = scale.factor();
    let split = !p.segment_order.is_empty();
    let mut years = Vec::with_capacity(p.years.len());
    for (year, py) in &p.years {
        let Some(rev) = py.figures.get(&Figure::Revenue) else {
            continue;
        };
        let mut y = Year::new(*year, rev.amount / f);
        for (fig, v) in &py.figures {
            if let Some(slot) = y.optional_figure_mut(*fig) {
                *slot = Some(v.amount / f);
            }
            y.notes.insert(fig.field().to_owned(), v.note.clone());
        }
        for (name, v) in &py.segments {
            y.segments.insert(name.clone(), v.amount / f);
            y.notes.insert(name.clone(), v.note.clone());
        }
        for (name, kind) in &p.kpi_kinds {
            if let Some(v) = py.kpis.get(name) {
                let value = if *kind == crate::model::KpiKind::Money {
                    v.amount / f
                } else {
                    v.amount
                };
                y.kpis.push(Kpi {
                    name: name.clone(),
                    kind: *kind,
                    value,
                    note: Some(v.note.clone()),
                });
            }
        }
        y.no_segment_split = split && y.segments.is_empty();
        years.push(y);
    }
    let mut basis = p
        .basis
        .clone()
        .unwrap_or_else(|| "as given in the source".to_owned());
    if p.segments_not_in_source && !split {
        basis.push_str("; segment revenue is not in SEC companyfacts");
    }
    Ok(Dataset {
        company: p.company.clone().unwrap_or_else(|| {
            first.file_stem().map_or_else(
                || "Imported".to_owned(),
                |s| s.to_string_lossy().into_owned(),
            )
        }),
        ticker: p.ticker.clone(),
        currency,
        scale,
        fiscal_year: p.fiscal_year.clone(),
        source: Source {
            title: format!("Imported from {}", names.join(" and ")),
            citation: p.citation.clone(),
            date: None,
            basis,
        },
        segments: p
            .segment_order
            .iter()
            .map(|s| Segment {
                name: s.clone(),
                description: String::new(),
                product_lines: vec![],
            })
            .collect(),
        years,
        market_cap: None,
        competitors: vec![],
        watch: vec![],
        presets: vec![],
        operating_model: OperatingModel::default(),
        import_warnings: vec![],
    })
}
