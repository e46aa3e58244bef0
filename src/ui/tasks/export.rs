//! Export tasks: one chart to a file or the clipboard, or everything into a folder. Each
//! task owns its copy of the window's [`Scene`] and draws its fan of outcomes here, on
//! the worker thread, when the window's fan was not current yet.

use std::path::{Path, PathBuf};

use crate::charts::ChartKind;
use crate::render::{FrameSpec, ImageFormat};
use crate::ui::export::{ExportError, export_to_path, render_chart};
use crate::ui::{Event, Scene};

/// Renders one chart of `scene` and writes it to `path` in `format`, creating its
/// folder if it does not exist (a path typed in the file browser's name field).
pub fn export_chart(
    mut scene: Scene,
    kind: ChartKind,
    format: ImageFormat,
    spec: &FrameSpec,
    path: PathBuf,
) -> Event {
    scene.ensure_fan();
    let folder = path.parent().filter(|d| !d.as_os_str().is_empty());
    let made = folder.map_or(Ok(()), crate::fs::create_dir_all);
    Event::Exported(
        made.map_err(ExportError::from)
            .and_then(|()| export_to_path(&scene, kind, spec, format, &path))
            .map(|()| vec![path]),
    )
}

/// Renders one chart of `scene` for the clipboard.
pub fn copy_chart(mut scene: Scene, kind: ChartKind, spec: &FrameSpec) -> Event {
    scene.ensure_fan();
    let c = render_chart(&scene, kind, spec);
    Event::Rendered {
        title: kind.title(),
        image: egui::ColorImage::from_rgba_unmultiplied([c.width, c.height], &c.rgba),
    }
}

/// Writes every chart and the dashboard (PNG and SVG) and the figures CSV into `dir`,
/// creating the folder first if it does not exist (as `moneymap export --out` does): a
/// folder typed in the dialog is where the files go, not an error.
pub fn export_all(mut scene: Scene, spec: &FrameSpec, dir: &Path) -> Event {
    scene.ensure_fan();
    Event::Exported(
        crate::fs::create_dir_all(dir)
            .map_err(ExportError::from)
            .and_then(|()| crate::ui::export::export_all(&scene, spec, dir)),
    )
}
