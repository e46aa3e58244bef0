//! Offscreen rendering: run an egui frame with no window and keep what it painted (a
//! [`Frame`]: egui's output shapes, its textures and fonts), then turn that one frame into
//! pixels ([`Frame::canvas`]: tessellated and rasterised on the CPU by [`raster`]) or into
//! vector graphics ([`svg::encode`]). PNG and SVG come from the same shapes, so they cannot
//! drift. The export buttons, `moneymap export`, README screenshots and snapshot tests all
//! go through here, so what is tested is what users get, and none of it needs a display or
//! a GPU.
//!
//! This layer depends on egui alone: it draws whatever closure it is given and knows
//! nothing of datasets, charts or the window (a test keeps it so).

mod png;
pub mod pool;
pub mod raster;
pub mod svg;

use egui::epaint::{ClippedPrimitive, ClippedShape, TessellationOptions, Tessellator};
use egui::{Color32, Pos2, Rect, Vec2};

pub use png::{EncodeError, frame_png, png_bytes};
pub use raster::Canvas;

/// Image sizes accepted for an export, in pixels per side.
pub const SIZE_RANGE_PX: std::ops::RangeInclusive<u32> = 100..=8000;
/// Pixel densities accepted for an export (pixels per point).
pub const SCALE_RANGE: std::ops::RangeInclusive<f32> = 1.0..=4.0;

/// Layout passes per offscreen frame: egui sizes some widgets (plots, labels beside
/// them) from the previous pass, and the third pass is the first that no longer moves.
const LAYOUT_PASSES: usize = 3;

/// The file formats a frame is encoded to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ImageFormat {
    /// Pixels ([`png_bytes`] of [`Frame::canvas`]).
    Png,
    /// Vector graphics with the text as text ([`svg::encode`]).
    Svg,
}

impl ImageFormat {
    /// Every format, in the order they are written.
    pub const ALL: [ImageFormat; 2] = [ImageFormat::Png, ImageFormat::Svg];

    /// The file extension and command-line name ("png", "svg").
    pub fn extension(self) -> &'static str {
        match self {
            ImageFormat::Png => "png",
            ImageFormat::Svg => "svg",
        }
    }

    /// Parses a name ("png", "SVG").
    pub fn from_name(s: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|f| f.extension().eq_ignore_ascii_case(s.trim()))
    }

    /// What a file dialog calls the files ("PNG image").
    pub fn description(self) -> &'static str {
        match self {
            ImageFormat::Png => "PNG image",
            ImageFormat::Svg => "SVG image",
        }
    }
}

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

/// What one offscreen egui frame painted: the input of every encoder. Plain data (no
/// context), so it can be encoded on any thread, after the next frame has been laid out.
pub struct Frame {
    /// Size and density it was laid out at.
    pub spec: FrameSpec,
    /// The opaque page colour under everything (the theme's panel fill).
    pub background: Color32,
    /// egui's output shapes of the last layout pass, in points, in paint order.
    pub shapes: Vec<ClippedShape>,
    /// The same shapes tessellated into triangles, as a GPU painter receives them.
    pub primitives: Vec<ClippedPrimitive>,
    /// The textures egui uploaded (the font atlas, images), as of this frame.
    pub textures: raster::Textures,
    /// Pixels per point egui laid the frame out at.
    pub pixels_per_point: f32,
    /// The fonts egui laid text out with (what SVG text embeds).
    pub fonts: egui::FontDefinitions,
    /// How egui tessellated: the settings, and the font atlas size that text UVs and
    /// pre-rasterised discs refer to.
    tessellation: (TessellationOptions, [usize; 2]),
}

impl Frame {
    /// The frame as pixels: its triangles rasterised over the background.
    pub fn canvas(&self) -> Canvas {
        let mut canvas = Canvas::new(
            self.spec.width_px as usize,
            self.spec.height_px as usize,
            self.background,
        );
        canvas.paint(&self.primitives, &self.textures, self.pixels_per_point);
        canvas
    }

    /// Tessellates one shape on its own, with the frame's settings (for the SVG
    /// encoder's pixel fallbacks).
    pub fn tessellate_one(&self, shape: ClippedShape) -> Vec<ClippedPrimitive> {
        let (options, font_tex_size) = self.tessellation;
        Tessellator::new(self.pixels_per_point, options, font_tex_size, Vec::new())
            .tessellate_shapes(vec![shape])
    }
}

/// Lays out offscreen frames. It keeps one egui context, so the font atlas (glyphs
/// rasterised with hinting, a large part of a small export's time) is built once for
/// all the frames it lays out. Everything else egui remembers (widget state, animations)
/// is forgotten before each frame, so a frame does not depend on the ones before it
/// (`tests/export.rs` checks the bytes).
pub struct Renderer {
    ctx: egui::Context,
    textures: raster::Textures,
}

impl Default for Renderer {
    fn default() -> Self {
        Self::new()
    }
}

impl Renderer {
    /// A renderer with a fresh context.
    pub fn new() -> Self {
        Self {
            ctx: egui::Context::default(),
            textures: raster::Textures::default(),
        }
    }

    /// The context frames are laid out in: its memory holds what the last frame recorded
    /// (the layout lint reads the marks charts leave there) until the next frame starts.
    pub fn ctx(&self) -> &egui::Context {
        &self.ctx
    }

    /// Runs `draw` offscreen: a few layout passes (egui sizes some widgets on the first
    /// pass); the last pass's shapes are kept and tessellated.
    pub fn frame(&mut self, spec: &FrameSpec, mut draw: impl FnMut(&mut egui::Ui)) -> Frame {
        let ctx = &self.ctx;
        ctx.memory_mut(|m| *m = egui::Memory::default());
        ctx.clear_animations();
        ctx.set_theme(if spec.dark {
            egui::Theme::Dark
        } else {
            egui::Theme::Light
        });
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
        let mut shapes = Vec::new();
        let mut pixels_per_point = spec.scale;
        for _ in 0..LAYOUT_PASSES {
            let mut out = ctx.run_ui(input(), &mut draw);
            self.textures.apply(&mut out.textures_delta);
            shapes = out.shapes;
            pixels_per_point = out.pixels_per_point;
        }
        let primitives = ctx.tessellate(shapes.clone(), pixels_per_point);
        let options = ctx.options(|o| o.tessellation_options);
        let (fonts, font_tex_size) = ctx.fonts(|f| (f.definitions().clone(), f.font_image_size()));
        Frame {
            spec: *spec,
            background: opaque(ctx.global_style().visuals.panel_fill),
            shapes,
            primitives,
            textures: self.textures.clone(),
            pixels_per_point,
            fonts,
            tessellation: (options, font_tex_size),
        }
    }
}

/// Runs `draw` offscreen in a fresh [`Renderer`].
pub fn frame(spec: &FrameSpec, draw: impl FnMut(&mut egui::Ui)) -> Frame {
    Renderer::new().frame(spec, draw)
}

/// Renders `draw` offscreen straight to pixels ([`frame`], then [`Frame::canvas`]).
pub fn render(spec: &FrameSpec, draw: impl FnMut(&mut egui::Ui)) -> Canvas {
    frame(spec, draw).canvas()
}

fn opaque(c: Color32) -> Color32 {
    Color32::from_rgb(c.r(), c.g(), c.b())
}
