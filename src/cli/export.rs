//! `moneymap export FILE --out DIR`: charts as PNG and/or SVG images, with no display and
//! no GPU.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::CliError;
use crate::charts::ChartKind;
use crate::model;
use crate::render::{FrameSpec, ImageFormat, SCALE_RANGE, SIZE_RANGE_PX};
use crate::ui::export::export_charts;
use crate::ui::view_state::DEFAULT_EXPORT_SCALE;
use crate::ui::{Document, Scene, ViewState};

/// Options of `moneymap export`.
#[derive(Debug, Clone, Args)]
pub struct ExportArgs {
    /// The dataset file (.ron).
    pub file: PathBuf,
    /// Folder to write into (created if missing).
    #[arg(long)]
    pub out: PathBuf,
    /// Comma-separated charts: segment-mix, revenue-growth, margins, scenario, dashboard.
    #[arg(
        long,
        value_delimiter = ',',
        value_parser = parse_chart,
        default_value = "segment-mix,revenue-growth,margins,scenario,dashboard"
    )]
    pub charts: Vec<ChartKind>,
    /// Image size in pixels, WIDTHxHEIGHT (each 100 to 8000).
    #[arg(long, value_parser = parse_size, default_value = "1600x900")]
    pub size: (u32, u32),
    /// Pixel density (1 to 4): 2 lays the chart out at half the pixel size and draws it
    /// twice as sharp.
    #[arg(long, value_parser = parse_scale, default_value_t = DEFAULT_EXPORT_SCALE)]
    pub scale: f32,
    /// Comma-separated file formats: png, svg (each chart is laid out once and written in
    /// every format asked for).
    #[arg(long, value_delimiter = ',', value_parser = parse_format, default_value = "png")]
    pub format: Vec<ImageFormat>,
    /// Light (for documents) or dark.
    #[arg(long, value_enum, default_value_t = ExportTheme::Light)]
    pub theme: ExportTheme,
    /// A preset name, "trend" (default), "none" for actuals only, or a saved scenario file.
    #[arg(long)]
    pub scenario: Option<String>,
}

/// The theme of exported images.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportTheme {
    /// Dark text on white.
    Light,
    /// Light text on a dark background.
    Dark,
}

/// Parses "1600x900": each side within [`SIZE_RANGE_PX`].
pub fn parse_size(s: &str) -> Result<(u32, u32), String> {
    let bad = || {
        format!(
            "expected WIDTHxHEIGHT in pixels, e.g. 1600x900, each {} to {}",
            SIZE_RANGE_PX.start(),
            SIZE_RANGE_PX.end()
        )
    };
    let (w, h) = s.split_once(['x', 'X']).ok_or_else(bad)?;
    let w: u32 = w.trim().parse().map_err(|_| bad())?;
    let h: u32 = h.trim().parse().map_err(|_| bad())?;
    if !SIZE_RANGE_PX.contains(&w) || !SIZE_RANGE_PX.contains(&h) {
        return Err(bad());
    }
    Ok((w, h))
}

/// Parses a pixel density within [`SCALE_RANGE`].
pub fn parse_scale(s: &str) -> Result<f32, String> {
    let bad = || {
        format!(
            "must be a number between {} and {}",
            SCALE_RANGE.start(),
            SCALE_RANGE.end()
        )
    };
    let v: f32 = s.trim().parse().map_err(|_| bad())?;
    if SCALE_RANGE.contains(&v) {
        Ok(v)
    } else {
        Err(bad())
    }
}

/// Parses a chart slug.
pub fn parse_chart(s: &str) -> Result<ChartKind, String> {
    ChartKind::from_slug(s).ok_or_else(|| {
        format!(
            "unknown chart; expected any of {}",
            ChartKind::ALL.map(ChartKind::slug).join(", ")
        )
    })
}

/// Parses a file format name.
pub fn parse_format(s: &str) -> Result<ImageFormat, String> {
    ImageFormat::from_name(s).ok_or_else(|| {
        format!(
            "unknown format; expected any of {}",
            ImageFormat::ALL.map(ImageFormat::extension).join(", ")
        )
    })
}

/// Runs `moneymap export`; prints each written path on `out`.
pub fn export(args: &ExportArgs, out: &mut dyn Write) -> Result<(), CliError> {
    let loaded = model::load(&args.file)?;
    let doc = Document::new(Some(args.file.clone()), loaded);
    let show_projection = args.scenario.as_deref() != Some("none");
    let view = ViewState {
        show_projection,
        ..ViewState::default()
    };
    let mut scene = Scene::new(doc, view);
    if show_projection {
        let document = scene.document();
        let scenario = super::resolve_scenario(
            &document.dataset,
            &document.metrics,
            args.scenario.as_deref(),
        )?;
        scene.set_scenario(scenario);
    }
    // The fan of outcomes, drawn once here (no worker threads in the command line).
    scene.ensure_fan();
    let what = if args.out.is_file() {
        Some("a file")
    } else if args
        .out
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("ron"))
    {
        Some("a dataset file name (.ron)")
    } else {
        None
    };
    if let Some(what) = what {
        return Err(CliError::NotAFolder {
            path: args.out.clone(),
            what,
        });
    }
    std::fs::create_dir_all(&args.out).map_err(|source| CliError::CreateDir {
        path: args.out.clone(),
        source,
    })?;
    let spec = FrameSpec {
        width_px: args.size.0,
        height_px: args.size.1,
        scale: args.scale,
        dark: args.theme == ExportTheme::Dark,
    };
    let mut formats = args.format.clone();
    formats.sort();
    formats.dedup();
    for path in export_charts(&scene, &args.charts, &spec, &formats, &args.out)? {
        writeln!(out, "{}", path.display())?;
    }
    Ok(())
}
