//! A document: a loaded dataset with everything derived from it once per load (metrics,
//! warnings, the trend scenario, the formatted figures table), and where it came from.
//!
//! [`load_document`] is the one function that turns a path into a [`Document`]: the
//! window calls it on a background thread, tests call it directly, so both exercise the
//! same code.

use std::path::{Path, PathBuf};

use crate::model::scenario::{self, Scenario};
use crate::model::{self, Dataset, LoadError, Metrics, Warning};

/// A loaded dataset with everything derived from it.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// Where it came from (`None` for a built-in dataset).
    pub path: Option<PathBuf>,
    /// Short name shown in the status line and menus.
    pub name: String,
    /// The dataset, validated.
    pub dataset: Dataset,
    /// Its metrics, computed once.
    pub metrics: Metrics,
    /// What does not add up in it (listed in the header's warnings).
    pub warnings: Vec<Warning>,
    /// The trend scenario ("Reset to trend").
    pub trend: Scenario,
    /// The figures table, formatted once per load (not per frame): one row per year, as
    /// the CSV export writes it.
    pub table: model::table::Table,
    /// The same figures statement-style (one row per figure, one column per year), as
    /// the window's Data table shows them.
    pub statement: model::table::Table,
    /// The caption under each lever's slider: its trend and where it comes from
    /// ("trend +5.1%/yr, 2023 to 2024"), worked out once per load.
    pub trend_notes: std::collections::BTreeMap<model::Lever, String>,
    /// Set while the document is an import not yet saved: the RON text "Save as
    /// dataset..." writes (built once, when imported, and tested to load back as this
    /// dataset), and what the import noticed.
    pub import: Option<Box<ImportedSource>>,
    /// The KPI strip's cards, formatted once per load (not per frame).
    pub kpi_cards: Vec<crate::charts::kpi::Card>,
    /// A digest of everything the "What to watch" cards print that comes from the
    /// dataset (titles, explanations, levers, trend notes): the panel keeps each card's
    /// height from the frame it was drawn under this key, and lays out only the cards in
    /// view ([`super::watch`]).
    pub watch_key: u64,
}

/// The digest of what the watch cards print from `dataset` (see [`Document::watch_key`]).
fn watch_key(dataset: &Dataset, notes: &std::collections::BTreeMap<model::Lever, String>) -> u64 {
    let items: Vec<_> = dataset
        .watch
        .iter()
        .map(|item| (&item.title, &item.explanation, &item.levers))
        .collect();
    egui::util::hash((&dataset.company, items, notes))
}

/// Where an unsaved imported document came from, and its text as a dataset file.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedSource {
    /// The source files, in the order they were merged.
    pub sources: Vec<PathBuf>,
    /// What the import noticed (concept changes, conflicts, rows not imported), each
    /// starting with its file and place.
    pub warnings: Vec<String>,
    /// The dataset as RON, with its header comment and a note on each figure.
    pub ron: String,
}

impl Document {
    /// Builds a document from a validated load.
    pub fn new(path: Option<PathBuf>, loaded: model::Loaded) -> Self {
        let metrics = Metrics::compute(&loaded.dataset);
        let trend = scenario::trend(&loaded.dataset, &metrics);
        let table = model::table::build(&loaded.dataset, &metrics);
        let trend_notes = trend
            .levers
            .keys()
            .filter_map(|l| {
                scenario::trend_note(&loaded.dataset, &metrics, l).map(|n| (l.clone(), n))
            })
            .collect();
        let name = path.as_ref().and_then(|p| p.file_name()).map_or_else(
            || "built-in twilio.ron".to_owned(),
            |n| n.to_string_lossy().into_owned(),
        );
        let mut statement = model::table::transpose(&table);
        mark_derived(&mut statement);
        let kpi_cards = crate::charts::kpi::cards(&loaded.dataset, &metrics);
        let watch_key = watch_key(&loaded.dataset, &trend_notes);
        Self {
            statement,
            table,
            name,
            path,
            dataset: loaded.dataset,
            metrics,
            warnings: loaded.warnings,
            trend,
            trend_notes,
            import: None,
            kpi_cards,
            watch_key,
        }
    }

    /// An unsaved document from an import: named "Company (imported)", with the RON
    /// text that saving it writes.
    pub fn imported(imported: crate::import::Imported, ron: String) -> Self {
        let crate::import::Imported {
            loaded,
            warnings,
            sources,
            ..
        } = imported;
        let mut doc = Self::new(None, loaded);
        doc.name = format!("{} (imported)", doc.dataset.company);
        doc.import = Some(Box::new(ImportedSource {
            sources,
            warnings,
            ron,
        }));
        doc
    }

    /// The built-in Twilio dataset.
    pub fn builtin() -> Self {
        match model::parse(model::TWILIO_RON) {
            Ok(loaded) => Self::new(None, loaded),
            // The built-in file is tested to load; this arm only keeps the app alive.
            Err(e) => Self::new(None, fallback(&e)),
        }
    }

    /// Short name of where the data came from.
    pub fn origin(&self) -> String {
        self.name.clone()
    }
}

/// Reads, validates and derives a document from `path`. Never writes to it.
pub fn load_document(path: &Path) -> Result<Document, LoadError> {
    // Kept absolute, so dialogs start in, and the status line names, a folder that does
    // not depend on where moneymap was started ("datasets/bull.scenario.ron" did).
    let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    model::load(&path).map(|loaded| Document::new(Some(path), loaded))
}

/// A built-in example by file name (`twilio.ron`, `twilio-reported.ron`, `ericsson.ron`).
pub fn example_document(name: &str) -> Option<Document> {
    let (_, text) = model::EXAMPLES.iter().find(|(n, _)| *n == name)?;
    let loaded = model::parse(text).ok()?;
    let mut doc = Document::new(None, loaded);
    doc.name = format!("example {name}");
    Some(doc)
}

/// A one-year placeholder that says why the built-in dataset failed to load.
fn fallback(e: &LoadError) -> model::Loaded {
    use model::dataset::{Scale, Source, Year};
    model::Loaded {
        dataset: Dataset {
            company: "(built-in dataset failed to load)".into(),
            ticker: None,
            currency: "USD".into(),
            scale: Scale::Units,
            fiscal_year: None,
            source: Source {
                title: e.to_string(),
                citation: None,
                date: None,
                basis: String::new(),
            },
            segments: vec![],
            years: vec![Year::new(2000, 0.0)],
            market_cap: None,
            competitors: vec![],
            watch: vec![],
            presets: vec![],
            operating_model: Default::default(),
            import_warnings: vec![],
        },
        warnings: vec![],
    }
}

/// Marks derived cells of the window's table with "*" and says what it means in the
/// figure's name ("Free cash flow (*derived)", the margins hover says from what); the CSV
/// keeps plain numbers.
fn mark_derived(t: &mut model::table::Table) {
    let mut labelled = Vec::new();
    for &(r, c) in &t.derived {
        if let Some(cell) = t.rows.get_mut(r).and_then(|row| row.get_mut(c))
            && !cell.is_empty()
        {
            cell.push('*');
            labelled.push(r);
        }
    }
    labelled.sort_unstable();
    labelled.dedup();
    for r in labelled {
        if let Some(label) = t.rows.get_mut(r).and_then(|row| row.first_mut()) {
            label.push_str(" (*derived)");
        }
    }
}
