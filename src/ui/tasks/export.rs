//! Export tasks: one chart to a file or the clipboard, or everything into a folder.

use std::path::{Path, PathBuf};

use crate::charts::ChartKind;
use crate::render::{FrameSpec, ImageFormat};
use crate::ui::export::{export_to_path, render_chart};
use crate::ui::{Dashboard, Event};

/// Renders one chart of `d` and writes it to `path` in `format`.
pub fn export_chart(
    d: &Dashboard,
    kind: ChartKind,
    format: ImageFormat,
    spec: &FrameSpec,
    path: PathBuf,
) -> Event {
    Event::Exported(export_to_path(d, kind, spec, format, &path).map(|()| vec![path]))
}

/// Renders one chart of `d` for the clipboard.
pub fn copy_chart(d: &Dashboard, kind: ChartKind, spec: &FrameSpec) -> Event {
    let c = render_chart(d, kind, spec);
    Event::Rendered {
        title: kind.title(),
        image: egui::ColorImage::from_rgba_unmultiplied([c.width, c.height], &c.rgba),
    }
}

/// Writes every chart and the dashboard (PNG and SVG) and the figures CSV into `dir`.
pub fn export_all(d: &Dashboard, spec: &FrameSpec, dir: &Path) -> Event {
    Event::Exported(crate::ui::export::export_all(d, spec, dir))
}
