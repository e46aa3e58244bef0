//! `--screenshot OUT.png`: save the first complete frame of the real window and exit.
//! Used for the README's screenshots and as a startup-time probe (`MONEYMAP_TIMING=1`
//! prints the stages).

use std::path::{Path, PathBuf};

/// Process start, for the `MONEYMAP_TIMING=1` startup probe.
static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

/// Marks the process start (call first thing).
pub fn mark_start() {
    // A second call keeps the first start: nothing to report.
    let _already_set = START.set(std::time::Instant::now());
}

/// Prints how long since start a stage took, when `MONEYMAP_TIMING` is set.
pub fn timing(stage: &str) {
    if std::env::var_os("MONEYMAP_TIMING").is_some()
        && let Some(t0) = START.get()
    {
        eprintln!(
            "moneymap timing: {stage}: {:.1} ms",
            t0.elapsed().as_secs_f64() * 1000.0
        );
    }
}

/// Where to save, and whether the screenshot was asked for yet.
#[derive(Debug)]
pub struct Screenshot {
    path: PathBuf,
    requested: bool,
}

impl Screenshot {
    /// A screenshot to be saved at `path`.
    pub fn new(path: PathBuf) -> Self {
        Self {
            path,
            requested: false,
        }
    }

    /// Called once per frame. Requested in the first frame, read back at the end of the
    /// second frame's paint: the first frame is a sizing pass (KPI cards empty, axis
    /// labels clipped), the second is the first complete one (pixel-identical to the
    /// third).
    pub fn frame(&mut self, ctx: &egui::Context) {
        if !self.requested {
            self.requested = true;
            let path = self.path.clone();
            timing("first frame laid out");
            ctx.request_screenshot(move |img: std::sync::Arc<egui::ColorImage>| {
                timing("first complete frame painted and read back");
                let ok = save(&path, &img);
                timing("screenshot saved");
                // A screenshot run is a probe: exit at once, without tearing down the GL
                // context (slow on software GL) and without saving view state.
                std::process::exit(if ok { 0 } else { 1 });
            });
        }
        ctx.request_repaint();
    }
}

/// Why a screenshot could not be saved.
#[derive(Debug, thiserror::Error)]
enum ScreenshotError {
    #[error(transparent)]
    Encode(#[from] crate::render::EncodeError),
    #[error(transparent)]
    Write(#[from] crate::fs::WriteError),
}

fn save(path: &Path, img: &egui::ColorImage) -> bool {
    let canvas = crate::render::Canvas {
        width: img.size[0],
        height: img.size[1],
        rgba: img
            .pixels
            .iter()
            .flat_map(|c| {
                let [r, g, b, _] = c.to_array();
                [r, g, b, 255]
            })
            .collect(),
    };
    let result = crate::render::png_bytes(&canvas)
        .map_err(ScreenshotError::from)
        .and_then(|bytes| Ok(crate::fs::write_atomic(path, &bytes)?));
    match result {
        Ok(()) => {
            println!("{}", path.display());
            true
        }
        Err(e) => {
            eprintln!("moneymap: screenshot: {e}");
            false
        }
    }
}
