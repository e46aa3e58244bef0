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

/// One offscreen frame, laid out and painted but not yet rasterised: egui's output
/// shapes and the context that drew them (its memory holds what the frame recorded).
pub struct Frame {
    /// The context the frame was drawn in.
    pub ctx: egui::Context,
    /// The last pass's output (shapes, pixels per point).
    pub output: egui::FullOutput,
    /// Every texture egui uploaded (the font atlas).
    pub textures: raster::Textures,
}

/// Runs `draw` offscreen: a few layout passes (egui sizes some widgets on the first
/// pass); the last pass is returned.
pub fn frame(spec: &FrameSpec, mut draw: impl FnMut(&mut egui::Ui)) -> Frame {
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
    let mut output = ctx.run_ui(input(), &mut draw);
    textures.apply(&mut output.textures_delta);
    for _ in 1..LAYOUT_PASSES {
        output = ctx.run_ui(input(), &mut draw);
        textures.apply(&mut output.textures_delta);
    }
    Frame {
        ctx,
        output,
        textures,
    }
}

/// Layout passes of an offscreen frame: egui sizes some widgets (grids, plots' axes) on
/// the first pass and settles on the second; the third is drawn.
const LAYOUT_PASSES: usize = 3;

/// Renders `draw` offscreen and rasterises the last pass.
pub fn render(spec: &FrameSpec, draw: impl FnMut(&mut egui::Ui)) -> Canvas {
    rasterize(frame(spec, draw), spec)
}

/// Tessellates and rasterises a frame at the spec's size.
pub fn rasterize(frame: Frame, spec: &FrameSpec) -> Canvas {
    let Frame {
        ctx,
        output,
        textures,
    } = frame;
    let background = ctx.global_style().visuals.panel_fill;
    let mut canvas = Canvas::new(
        spec.width_px as usize,
        spec.height_px as usize,
        opaque(background),
    );
    let prims = ctx.tessellate(output.shapes, output.pixels_per_point);
    canvas.paint(&prims, &textures, output.pixels_per_point);
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
