//! Offscreen rendering: run an egui frame with no window, tessellate it, and rasterise it
//! on the CPU ([`raster`]) into an image, then encode it. The export buttons, `moneymap
//! export`, README screenshots and snapshot tests all go through [`render`], so what is
//! tested is what users get, and none of it needs a display or a GPU.
//!
//! This layer depends on egui alone: it draws whatever closure it is given and knows
//! nothing of datasets, charts or the window (a test keeps it so).

pub mod raster;

use egui::{Color32, Pos2, Rect, Vec2};

pub use raster::Canvas;

/// Image sizes accepted for an export, in pixels per side.
pub const SIZE_RANGE_PX: std::ops::RangeInclusive<u32> = 100..=8000;
/// Pixel densities accepted for an export (pixels per point).
pub const SCALE_RANGE: std::ops::RangeInclusive<f32> = 1.0..=4.0;

/// Size and density of an offscreen frame.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FrameSpec {
    /// Output width in pixels.
    pub width_px: u32,
    /// Output height in pixels.
    pub height_px: u32,
    /// Pixels per point: 2 draws text and lines twice as dense ("retina").
    pub scale: f32,
    /// Dark theme.
    pub dark: bool,
}

impl FrameSpec {
    /// The logical size the UI lays out in, in points.
    pub fn size_points(&self) -> Vec2 {
        Vec2::new(
            self.width_px as f32 / self.scale,
            self.height_px as f32 / self.scale,
        )
    }
}

/// Renders `draw` offscreen: a few layout passes (egui sizes some widgets on the first
/// pass), then the last pass is tessellated and rasterised.
pub fn render(spec: &FrameSpec, mut draw: impl FnMut(&mut egui::Ui)) -> Canvas {
    let ctx = egui::Context::default();
    ctx.set_theme(if spec.dark {
        egui::Theme::Dark
    } else {
        egui::Theme::Light
    });
    let mut textures = raster::Textures::default();
    let size = spec.size_points();
    let input = || {
        let mut raw = egui::RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, size)),
            ..Default::default()
        };
        if let Some(v) = raw.viewports.get_mut(&egui::ViewportId::ROOT) {
            v.native_pixels_per_point = Some(spec.scale);
        }
        raw
    };
    let mut last = None;
    for _ in 0..3 {
        let mut out = ctx.run_ui(input(), &mut draw);
        textures.apply(&mut out.textures_delta);
        last = Some(out);
    }
    let background = ctx.global_style().visuals.panel_fill;
    let mut canvas = Canvas::new(
        spec.width_px as usize,
        spec.height_px as usize,
        opaque(background),
    );
    if let Some(out) = last {
        let prims = ctx.tessellate(out.shapes, out.pixels_per_point);
        canvas.paint(&prims, &textures, out.pixels_per_point);
    }
    canvas
}

fn opaque(c: Color32) -> Color32 {
    Color32::from_rgb(c.r(), c.g(), c.b())
}

/// Why an image could not be encoded.
#[derive(Debug, thiserror::Error)]
pub enum EncodeError {
    /// The canvas is larger than the format allows.
    #[error("the image is too large to encode ({width}x{height} pixels)")]
    TooLarge {
        /// Width in pixels.
        width: usize,
        /// Height in pixels.
        height: usize,
    },
    /// The PNG encoder failed.
    #[error("PNG encoding failed: {0}")]
    Png(#[from] image::ImageError),
}

/// Encodes a canvas as PNG bytes (deterministic: same pixels, same bytes).
pub fn png_bytes(canvas: &Canvas) -> Result<Vec<u8>, EncodeError> {
    let too_large = || EncodeError::TooLarge {
        width: canvas.width,
        height: canvas.height,
    };
    let width = u32::try_from(canvas.width).map_err(|_| too_large())?;
    let height = u32::try_from(canvas.height).map_err(|_| too_large())?;
    let mut out = Vec::new();
    let enc = image::codecs::png::PngEncoder::new(&mut out);
    image::ImageEncoder::write_image(
        enc,
        &canvas.rgba,
        width,
        height,
        image::ExtendedColorType::Rgba8,
    )?;
    Ok(out)
}
