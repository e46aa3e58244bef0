//! Chart export: a self-explaining frame (title, company, years, units, scenario and
//! "projected" marking, legend, chart, source line) rendered offscreen, encoded as PNG,
//! and written atomically (temp file in the same folder, then rename).
//!
//! The window's Save PNG, `moneymap export` and the snapshot tests call these same
//! functions.

use std::io::Write;
use std::path::{Path, PathBuf};

use egui::{RichText, Ui};

use super::{Canvas, FrameSpec, render};
use crate::charts::theme::ThemeChoice;
use crate::charts::{legend, margins, projection, revenue_growth, segment_mix, tornado};
use crate::ui::Dashboard;

/// A chart that can be exported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChartKind {
    /// Stacked segment revenue.
    SegmentMix,
    /// Revenue bars and YoY growth.
    RevenueGrowth,
    /// Margin trends.
    Margins,
    /// Projected revenue and sensitivity.
    Scenario,
    /// The whole dashboard.
    Dashboard,
}

impl ChartKind {
    /// Every kind, in the order they are written.
    pub const ALL: [ChartKind; 5] = [
        ChartKind::SegmentMix,
        ChartKind::RevenueGrowth,
        ChartKind::Margins,
        ChartKind::Scenario,
        ChartKind::Dashboard,
    ];

    /// The command-line and file-name slug.
    pub fn slug(self) -> &'static str {
        match self {
            ChartKind::SegmentMix => "segment-mix",
            ChartKind::RevenueGrowth => "revenue-growth",
            ChartKind::Margins => "margins",
            ChartKind::Scenario => "scenario",
            ChartKind::Dashboard => "dashboard",
        }
    }

    /// Parses a slug.
    pub fn from_slug(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.slug() == s.trim())
    }

    /// Title shown on the image.
    pub fn title(self) -> &'static str {
        match self {
            ChartKind::SegmentMix => "Segment mix",
            ChartKind::RevenueGrowth => "Revenue growth",
            ChartKind::Margins => "Margin trends",
            ChartKind::Scenario => "Scenario projection",
            ChartKind::Dashboard => "Dashboard",
        }
    }
}

/// Renders one chart (or the whole dashboard) of `d` offscreen.
pub fn render_chart(d: &Dashboard, kind: ChartKind, spec: &FrameSpec) -> Canvas {
    let mut d = d.clone();
    d.view.theme = if spec.dark {
        ThemeChoice::Dark
    } else {
        ThemeChoice::Light
    };
    if kind == ChartKind::Dashboard {
        d.show_warnings = false;
        return render(spec, |ui| d.ui(ui));
    }
    render(spec, |ui| {
        egui::CentralPanel::default()
            .frame(egui::Frame::central_panel(ui.style()).inner_margin(16))
            .show(ui, |ui| chart_frame(ui, &d, kind));
    })
}

/// Title lines, legend, chart and source line of one exported chart.
fn chart_frame(ui: &mut Ui, d: &Dashboard, kind: ChartKind) {
    let input = d.chart_input(false);
    let ds = &d.doc.dataset;
    let theme = input.theme;
    let (first, last) = ds.year_span();
    let company = match &ds.ticker {
        Some(t) => format!("{} ({t})", ds.company),
        None => ds.company.clone(),
    };
    ui.label(
        RichText::new(format!("{} — {company}", kind.title()))
            .size(18.0)
            .strong(),
    );
    let mut sub = format!("{first}–{last} · {}", ds.units_label());
    if let Some(p) = input.projection
        && let (Some(a), Some(b)) = (p.years.first(), p.years.last())
    {
        sub.push_str(&format!(
            " · scenario \"{}\": {}–{} projected (lighter, dashed, shaded)",
            d.scenario.name, a.year, b.year
        ));
    }
    ui.label(RichText::new(sub).color(theme.weak_text()));
    let none = Default::default();
    let mut entries = match kind {
        ChartKind::SegmentMix => segment_mix::legend_entries(&input),
        ChartKind::Margins => margins::legend_entries(&input),
        ChartKind::Scenario => projection::legend_entries(&input),
        ChartKind::RevenueGrowth => vec![
            legend::Entry {
                name: "Revenue".into(),
                color: theme.revenue(),
                hover: String::new(),
                swatch: crate::charts::legend::Swatch::Fill,
            },
            legend::Entry {
                name: "YoY growth %".into(),
                color: theme.growth(),
                hover: String::new(),
                swatch: crate::charts::legend::Swatch::Fill,
            },
        ],
        ChartKind::Dashboard => Vec::new(),
    };
    if input.projection.is_some() {
        entries.push(legend::Entry {
            name: "Projected".into(),
            color: theme.weak_text(),
            hover: String::new(),
            swatch: crate::charts::legend::Swatch::Dashed,
        });
    }
    let hidden = match kind {
        ChartKind::SegmentMix => &d.view.hidden_mix,
        ChartKind::Margins => &d.view.hidden_margins,
        _ => &none,
    };
    legend::ui(ui, &entries, hidden, false);
    let footer_h = 18.0;
    let h = (ui.available_height() - footer_h - 8.0).max(80.0);
    match kind {
        ChartKind::SegmentMix => segment_mix::ui(ui, &input, &d.view.mix, &d.view.hidden_mix, h),
        ChartKind::RevenueGrowth => revenue_growth::ui(ui, &input, &d.view.growth, h),
        ChartKind::Margins => margins::ui(ui, &input, &d.view.hidden_margins, h),
        ChartKind::Scenario => {
            let top = h * 0.6;
            projection::ui(ui, &input, top);
            let s = &d.projection.summary;
            let measure = if s.operating_income.is_some() {
                tornado::Measure::OperatingIncome
            } else {
                tornado::Measure::Revenue
            };
            ui.label(
                RichText::new(format!(
                    "Sensitivity of {} {} to one step of each lever",
                    s.year,
                    if measure == tornado::Measure::OperatingIncome {
                        "operating income"
                    } else {
                        "revenue"
                    }
                ))
                .small(),
            );
            tornado::ui(
                ui,
                &input,
                &d.sensitivity,
                measure,
                (ui.available_height() - footer_h - 8.0).max(60.0),
            );
        }
        ChartKind::Dashboard => {}
    }
    ui.label(
        RichText::new(format!(
            "Source: {} · {} · made with moneymap",
            ds.source.title, ds.source.basis
        ))
        .small()
        .color(theme.weak_text()),
    );
}

/// Suggested file name: company, chart and last year, e.g. `twilio-segment-mix-2024.png`.
pub fn file_name(d: &Dashboard, kind: ChartKind) -> String {
    let slug: String = d
        .doc
        .dataset
        .company
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let slug = slug
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let (_, last) = d.doc.dataset.year_span();
    format!(
        "{}-{}-{last}.png",
        if slug.is_empty() { "company" } else { &slug },
        kind.slug()
    )
}

/// Why a file could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The target is a directory.
    #[error("{0}: is a directory; give a file name")]
    IsDirectory(PathBuf),
    /// The target looks like a dataset; moneymap never overwrites data.
    #[error("{0}: refusing to overwrite a dataset file")]
    Dataset(PathBuf),
    /// An I/O error, with the file.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// Encoding failed.
    #[error("{0}")]
    Encode(String),
}

/// Writes `bytes` to `path` atomically: a temp file in the same folder, flushed and
/// synced, then renamed over the target. On any failure the temp file is removed, so
/// no partial file is left behind.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    write_atomic_with(path, bytes, create_new)
}

/// Writes the app's own settings file atomically. Unlike [`write_atomic`] it accepts a
/// `.ron` name: the path is the settings path, never one the user chose for data.
pub fn write_settings(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    write_checked(path, bytes, true, create_new)
}

/// Creates the temp file of an atomic write; `create_new` so an existing file (another
/// writer's temp) is never truncated.
fn create_new(tmp: &Path) -> std::io::Result<Box<dyn SyncWrite>> {
    let f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(tmp)?;
    Ok(Box::new(f))
}

/// A file being written: `Write` plus a durable flush.
pub trait SyncWrite: Write {
    /// Flushes data to the disk.
    fn sync(&mut self) -> std::io::Result<()>;
}

impl SyncWrite for std::fs::File {
    fn sync(&mut self) -> std::io::Result<()> {
        self.sync_all()
    }
}

/// Writes a saved scenario (`*.scenario.ron`) atomically. Refuses any other name, and
/// any existing file that loads as a dataset: moneymap never overwrites data.
pub fn write_scenario(path: &Path, text: &str) -> Result<(), WriteError> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if !name.ends_with(".scenario.ron") {
        return Err(WriteError::Dataset(path.to_path_buf()));
    }
    if path.is_file() && crate::model::load(path).is_ok() {
        return Err(WriteError::Dataset(path.to_path_buf()));
    }
    write_checked(path, text.as_bytes(), true, create_new)
}

/// [`write_atomic`] with the temp file opened by `open` (tests inject a full disk here).
pub fn write_atomic_with(
    path: &Path,
    bytes: &[u8],
    open: impl FnOnce(&Path) -> std::io::Result<Box<dyn SyncWrite>>,
) -> Result<(), WriteError> {
    write_checked(path, bytes, false, open)
}

fn write_checked(
    path: &Path,
    bytes: &[u8],
    allow_ron: bool,
    open: impl FnOnce(&Path) -> std::io::Result<Box<dyn SyncWrite>>,
) -> Result<(), WriteError> {
    if path.is_dir() {
        return Err(WriteError::IsDirectory(path.to_path_buf()));
    }
    if !allow_ron
        && path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("ron"))
    {
        return Err(WriteError::Dataset(path.to_path_buf()));
    }
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map_or_else(|| "export".into(), |n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| -> std::io::Result<()> {
        let mut f = open(&tmp)?;
        f.write_all(bytes)?;
        f.flush()?;
        f.sync()?;
        drop(f);
        std::fs::rename(&tmp, path)
    })();
    if let Err(source) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(WriteError::Io {
            path: path.to_path_buf(),
            source,
        });
    }
    Ok(())
}

/// Renders, encodes and writes one chart into `dir`; returns the written path.
pub fn export_to_dir(
    d: &Dashboard,
    kind: ChartKind,
    spec: &FrameSpec,
    dir: &Path,
) -> Result<PathBuf, WriteError> {
    let canvas = render_chart(d, kind, spec);
    let bytes = super::png_bytes(&canvas).map_err(WriteError::Encode)?;
    let path = dir.join(file_name(d, kind));
    write_atomic(&path, &bytes)?;
    Ok(path)
}

/// Every chart, the dashboard and the figures CSV into `dir`; returns the file count.
pub fn export_all(d: &Dashboard, spec: &FrameSpec, dir: &std::path::Path) -> Result<usize, String> {
    for kind in ChartKind::ALL {
        let mut spec = *spec;
        if kind == ChartKind::Dashboard {
            // The whole dashboard needs room: at least 1280x720 points.
            spec.width_px = spec.width_px.max((1280.0 * spec.scale) as u32);
            spec.height_px = spec.height_px.max((720.0 * spec.scale) as u32);
        }
        export_to_dir(d, kind, &spec, dir).map_err(|e| e.to_string())?;
    }
    let csv = crate::model::table::to_csv(&d.doc.table);
    let name = file_name(d, ChartKind::Dashboard)
        .replace("-dashboard-", "-figures-")
        .replace(".png", ".csv");
    write_atomic(&dir.join(name), csv.as_bytes()).map_err(|e| e.to_string())?;
    Ok(ChartKind::ALL.len() + 1)
}
