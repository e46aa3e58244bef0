//! Chart export from the dashboard's state: the page of one chart (built by
//! [`crate::charts::frame::page`], the same builder the window's panels use) rendered
//! offscreen by [`crate::render`], encoded, and written atomically by [`crate::fs`].
//!
//! The window's Save PNG and Export all, `moneymap export` and the snapshot tests call
//! these same functions.

use std::path::{Path, PathBuf};

use super::Dashboard;
use crate::charts::frame::MIN_PAGE_POINTS;
use crate::charts::{ChartKind, theme::ThemeChoice};
use crate::fs::{WriteError, write_atomic};
use crate::render::{Canvas, EncodeError, Frame, FrameSpec, frame, png_bytes, rasterize};

/// Inner margin of an exported chart page, in points.
const PAGE_MARGIN: i8 = 16;

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The page would be smaller than its layout needs.
    #[error(
        "{width_px}x{height_px} pixels at {scale}x is a page of {w:.0}x{h:.0} points; an export needs at least {min_w:.0}x{min_h:.0} points (e.g. 1200x700 at 2x, or 600x350 at 1x): choose a larger size or a lower pixel density",
        min_w = MIN_PAGE_POINTS.0,
        min_h = MIN_PAGE_POINTS.1
    )]
    TooSmall {
        /// Width asked for, in pixels.
        width_px: u32,
        /// Height asked for, in pixels.
        height_px: u32,
        /// Pixel density asked for.
        scale: f32,
        /// Width in points.
        w: f32,
        /// Height in points.
        h: f32,
    },
    /// The image could not be encoded.
    #[error(transparent)]
    Encode(#[from] EncodeError),
    /// The file could not be written.
    #[error(transparent)]
    Write(#[from] WriteError),
}

/// Renders one chart (or the whole dashboard) of `d` offscreen.
pub fn render_chart(d: &Dashboard, kind: ChartKind, spec: &FrameSpec) -> Canvas {
    rasterize(chart_frame(d, kind, spec), spec)
}

/// The offscreen frame of one chart (or the whole dashboard) of `d`, before
/// rasterising: what the PNG is painted from, and what the layout lint inspects.
pub fn chart_frame(d: &Dashboard, kind: ChartKind, spec: &FrameSpec) -> Frame {
    let mut d = d.clone();
    // No worker threads here: the fan of the scenario is drawn now if it is not current.
    d.ensure_fan();
    d.view.theme = if spec.dark {
        ThemeChoice::Dark
    } else {
        ThemeChoice::Light
    };
    let input = d.chart_input(false);
    let opts = d.frame_options();
    frame(spec, |ui| {
        egui::CentralPanel::default()
            .frame(egui::Frame::central_panel(ui.style()).inner_margin(PAGE_MARGIN))
            .show(ui, |ui| {
                if kind == ChartKind::Dashboard {
                    crate::charts::report::page(ui, &input, &opts);
                } else {
                    crate::charts::frame::page(ui, kind, &input, &opts);
                }
            });
    })
}

/// A file-name-safe slug of the company: lower case, ASCII letters and digits joined by
/// single dashes ("Acme Cloud, Inc." -> "acme-cloud-inc").
pub fn company_slug(d: &Dashboard) -> String {
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
    if slug.is_empty() {
        "company".to_owned()
    } else {
        slug
    }
}

/// Suggested file name: company, chart and last year, e.g. `twilio-segment-mix-2024.png`.
pub fn file_name(d: &Dashboard, kind: ChartKind) -> String {
    let (_, last) = d.doc.dataset.year_span();
    format!("{}-{}-{last}.png", company_slug(d), kind.slug())
}

/// Refuses a page smaller than [`MIN_PAGE_POINTS`].
pub fn check_size(spec: &FrameSpec) -> Result<(), ExportError> {
    let size = spec.size_points();
    if size.x + 0.5 < MIN_PAGE_POINTS.0 || size.y + 0.5 < MIN_PAGE_POINTS.1 {
        return Err(ExportError::TooSmall {
            width_px: spec.width_px,
            height_px: spec.height_px,
            scale: spec.scale,
            w: size.x,
            h: size.y,
        });
    }
    Ok(())
}

/// Renders, encodes and writes one chart to `path`.
pub fn export_to_path(
    d: &Dashboard,
    kind: ChartKind,
    spec: &FrameSpec,
    path: &Path,
) -> Result<(), ExportError> {
    check_size(spec)?;
    let bytes = png_bytes(&render_chart(d, kind, spec))?;
    write_atomic(path, &bytes)?;
    Ok(())
}

/// Renders, encodes and writes one chart into `dir` under [`file_name`]; returns the path.
pub fn export_to_dir(
    d: &Dashboard,
    kind: ChartKind,
    spec: &FrameSpec,
    dir: &Path,
) -> Result<PathBuf, ExportError> {
    let path = dir.join(file_name(d, kind));
    export_to_path(d, kind, spec, &path)?;
    Ok(path)
}

/// Every chart, the dashboard and the figures CSV into `dir`; returns the written paths.
pub fn export_all(
    d: &Dashboard,
    spec: &FrameSpec,
    dir: &Path,
) -> Result<Vec<PathBuf>, ExportError> {
    // The fan, drawn once for every chart (not once per chart).
    let mut d = d.clone();
    d.ensure_fan();
    let d = &d;
    let mut written = Vec::with_capacity(ChartKind::ALL.len() + 1);
    for kind in ChartKind::ALL {
        written.push(export_to_dir(d, kind, spec, dir)?);
    }
    let csv = crate::model::table::to_csv(&d.doc.table);
    let (_, last) = d.doc.dataset.year_span();
    let path = dir.join(format!("{}-figures-{last}.csv", company_slug(d)));
    write_atomic(&path, csv.as_bytes())?;
    written.push(path);
    Ok(written)
}
