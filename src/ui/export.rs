//! Chart export from a [`Scene`]: the page of one chart (built by
//! [`crate::charts::frame::page`], the same builder the window's panels use) laid out
//! offscreen by [`crate::render`] once, encoded as PNG and/or SVG from that one frame,
//! and written atomically by [`crate::fs`].
//!
//! The window's Save PNG, Save SVG and Export all (each on a copy of the window's
//! scene), `moneymap export` and the snapshot tests (each on a scene built with
//! [`Scene::new`]) call these same functions.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use super::Scene;
use crate::charts::frame::MIN_PAGE_POINTS;
use crate::charts::{ChartKind, Theme};
use crate::fs::{WriteError, write_atomic};
use crate::model::Dataset;
use crate::render::svg::{self, SvgError};
use crate::render::{
    Canvas, EncodeError, Frame, FrameSpec, ImageFormat, Renderer, frame_png, pool,
};

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
    /// The image could not be encoded as PNG.
    #[error(transparent)]
    Encode(#[from] EncodeError),
    /// The image could not be encoded as SVG.
    #[error(transparent)]
    Svg(#[from] SvgError),
    /// The file could not be written.
    #[error(transparent)]
    Write(#[from] WriteError),
    /// A rendering thread stopped without finishing its chart.
    #[error("rendering the {0} chart failed unexpectedly")]
    Worker(&'static str),
}

/// Renders one chart (or the whole dashboard) of `scene` offscreen, as pixels.
pub fn render_chart(scene: &Scene, kind: ChartKind, spec: &FrameSpec) -> Canvas {
    chart_frame(scene, kind, spec).canvas()
}

/// Lays out one chart (or the whole dashboard page) of `scene` offscreen: the frame
/// both the PNG and the SVG are made from, and what the layout lint inspects.
pub fn chart_frame(scene: &Scene, kind: ChartKind, spec: &FrameSpec) -> Frame {
    chart_frame_with(&mut Renderer::new(), scene, kind, spec)
}

/// `scene` with its fan of outcomes drawn: no worker threads here, so a fan that is
/// not current is drawn now, on a copy (a scene whose fan is drawn is used as it is).
fn with_fan(scene: &Scene) -> Cow<'_, Scene> {
    if scene.fan_missing() {
        let mut drawn = scene.clone();
        drawn.ensure_fan();
        Cow::Owned(drawn)
    } else {
        Cow::Borrowed(scene)
    }
}

/// [`chart_frame`] with a renderer that is reused across charts (one font atlas).
pub fn chart_frame_with(
    renderer: &mut Renderer,
    scene: &Scene,
    kind: ChartKind,
    spec: &FrameSpec,
) -> Frame {
    let scene = with_fan(scene);
    let input = scene.chart_input(Theme { dark: spec.dark }, false);
    let opts = scene.frame_options();
    renderer.frame(spec, |ui| {
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

/// Encodes a laid-out chart in `format`.
pub fn encode(frame: &Frame, format: ImageFormat) -> Result<Vec<u8>, ExportError> {
    Ok(match format {
        ImageFormat::Png => frame_png(frame)?,
        ImageFormat::Svg => svg::encode(frame)?.into_bytes(),
    })
}

/// A file-name-safe slug of the company: lower case, ASCII letters and digits joined by
/// single dashes ("Acme Cloud, Inc." -> "acme-cloud-inc").
pub fn company_slug(dataset: &Dataset) -> String {
    let slug: String = dataset
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

/// Suggested PNG file name: company, chart and last year, e.g. `twilio-segment-mix-2024.png`.
pub fn file_name(dataset: &Dataset, kind: ChartKind) -> String {
    file_name_as(dataset, kind, ImageFormat::Png)
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

/// Suggested file name in `format`, e.g. `twilio-segment-mix-2024.svg`.
pub fn file_name_as(dataset: &Dataset, kind: ChartKind, format: ImageFormat) -> String {
    let (_, last) = dataset.year_span();
    format!(
        "{}-{}-{last}.{}",
        company_slug(dataset),
        kind.slug(),
        format.extension()
    )
}

/// Renders, encodes and writes one chart to `path` in `format`.
pub fn export_to_path(
    scene: &Scene,
    kind: ChartKind,
    spec: &FrameSpec,
    format: ImageFormat,
    path: &Path,
) -> Result<(), ExportError> {
    check_size(spec)?;
    let bytes = encode(&chart_frame(scene, kind, spec), format)?;
    write_atomic(path, &bytes)?;
    Ok(())
}

/// Renders, encodes and writes one chart as PNG into `dir` under [`file_name`]; returns
/// the path.
pub fn export_to_dir(
    scene: &Scene,
    kind: ChartKind,
    spec: &FrameSpec,
    dir: &Path,
) -> Result<PathBuf, ExportError> {
    let path = dir.join(file_name(&scene.document().dataset, kind));
    export_to_path(scene, kind, spec, ImageFormat::Png, &path)?;
    Ok(path)
}

/// Writes `charts` into `dir` under [`file_name_as`], each laid out once and encoded in
/// every one of `formats`; returns the written paths, chart by chart. Charts are laid
/// out one after another with one renderer while other cores encode and write the ones
/// already laid out (see [`crate::render::pool`]); the files are the same bytes as one
/// at a time.
pub fn export_charts(
    scene: &Scene,
    charts: &[ChartKind],
    spec: &FrameSpec,
    formats: &[ImageFormat],
    dir: &Path,
) -> Result<Vec<PathBuf>, ExportError> {
    check_size(spec)?;
    // The fan, drawn once for every chart (not once per chart).
    let scene = with_fan(scene);
    let scene = scene.as_ref();
    let dataset = &scene.document().dataset;
    let kind_of = |i: usize| charts.get(i).copied().unwrap_or(ChartKind::Dashboard);
    let results = pool::lay_out_and_encode(
        charts.len(),
        pool::helpers_for(charts.len()),
        |r, i| chart_frame_with(r, scene, kind_of(i), spec),
        |i, frame| {
            let mut written = Vec::with_capacity(formats.len());
            for &format in formats {
                let path = dir.join(file_name_as(dataset, kind_of(i), format));
                write_atomic(&path, &encode(&frame, format)?)?;
                written.push(path);
            }
            Ok(written)
        },
    );
    let mut written = Vec::with_capacity(charts.len() * formats.len());
    for (result, kind) in results.into_iter().zip(charts) {
        written.extend(result.unwrap_or(Err(ExportError::Worker(kind.title())))?);
    }
    Ok(written)
}

/// Every chart and the dashboard as PNG and SVG, and the figures CSV, into `dir`;
/// returns the written paths.
pub fn export_all(
    scene: &Scene,
    spec: &FrameSpec,
    dir: &Path,
) -> Result<Vec<PathBuf>, ExportError> {
    let mut written = export_charts(scene, &ChartKind::ALL, spec, &ImageFormat::ALL, dir)?;
    let document = scene.document();
    let csv = crate::model::table::to_csv(&document.table);
    let (_, last) = document.dataset.year_span();
    let path = dir.join(format!(
        "{}-figures-{last}.csv",
        company_slug(&document.dataset)
    ));
    write_atomic(&path, csv.as_bytes())?;
    written.push(path);
    Ok(written)
}
