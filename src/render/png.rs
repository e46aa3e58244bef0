//! PNG encoding of a [`Canvas`]: deterministic (same pixels, same bytes).
//!
//! An opaque canvas (every export) is written as 8-bit RGB: a quarter less to filter and
//! compress, and about 10% smaller files than RGBA. A canvas with transparency (the SVG
//! encoder's pixel fallbacks) is written as RGBA, un-premultiplied as PNG wants. The
//! encoder is the `png` crate's fast one (fdeflate) with adaptive filtering (the
//! trade-off is measured in `BENCHMARKS.md`), fed one row at a time.

use std::io::Write as _;

use super::{Canvas, Frame};

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
    Png(#[from] png::EncodingError),
    /// Writing the encoded bytes failed.
    #[error("PNG encoding failed: {0}")]
    Io(#[from] std::io::Error),
}

/// Image rows a band holds at most when a frame is painted a band at a time (about
/// 1 MiB of pixels): memory stays small whatever the image size, and a band stays in
/// the processor's cache while it is painted and compressed.
const BAND_PIXELS: usize = 1 << 18;

/// Encodes a canvas (premultiplied RGBA) as PNG bytes.
pub fn png_bytes(canvas: &Canvas) -> Result<Vec<u8>, EncodeError> {
    let opaque = canvas.rgba.chunks_exact(4).all(|p| p[3] == 255);
    encode(canvas.width, canvas.height, opaque, |rows| {
        rows.write(&canvas.rgba)
    })
}

/// Paints a frame and encodes it as PNG a band of rows at a time: the same bytes as
/// [`png_bytes`] of [`Frame::canvas`], without holding the whole image.
pub fn frame_png(frame: &Frame) -> Result<Vec<u8>, EncodeError> {
    let (width, height) = (frame.spec.width_px as usize, frame.spec.height_px as usize);
    let band_rows = (BAND_PIXELS / width.max(1)).clamp(1, height.max(1));
    encode(width, height, true, |rows| {
        let mut band = Canvas::new(width, band_rows, frame.background);
        for top in (0..height).step_by(band_rows) {
            let n = band_rows.min(height - top);
            band.height = n;
            band.rgba.truncate(width * n * 4);
            band.clear(frame.background);
            band.paint_rows(
                &frame.primitives,
                &frame.textures,
                frame.pixels_per_point,
                top,
            );
            rows.write(&band.rgba)?;
        }
        Ok(())
    })
}

/// The PNG stream being written, taking premultiplied RGBA rows.
struct Rows<'a, 'w> {
    stream: png::StreamWriter<'w, &'a mut Vec<u8>>,
    width: usize,
    opaque: bool,
    row: Vec<u8>,
}

impl Rows<'_, '_> {
    /// Converts (RGB, or straight RGBA) and compresses whole rows of pixels.
    fn write(&mut self, rgba: &[u8]) -> Result<(), EncodeError> {
        for src in rgba.chunks_exact((self.width * 4).max(1)) {
            if self.opaque {
                // Every byte is overwritten: sized once, never cleared.
                self.row.resize(self.width * 3, 0);
                to_rgb(src, &mut self.row);
            } else {
                self.row.clear();
                self.row.extend(src.chunks_exact(4).flat_map(unpremultiply));
            }
            self.stream.write_all(&self.row)?;
        }
        Ok(())
    }
}

/// Writes a PNG of `width` x `height` whose rows `source` supplies.
fn encode(
    width: usize,
    height: usize,
    opaque: bool,
    source: impl FnOnce(&mut Rows<'_, '_>) -> Result<(), EncodeError>,
) -> Result<Vec<u8>, EncodeError> {
    let too_large = || EncodeError::TooLarge { width, height };
    let w = u32::try_from(width).map_err(|_| too_large())?;
    let h = u32::try_from(height).map_err(|_| too_large())?;
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, w, h);
    encoder.set_color(if opaque {
        png::ColorType::Rgb
    } else {
        png::ColorType::Rgba
    });
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    encoder.set_filter(png::Filter::Adaptive);
    let mut writer = encoder.write_header()?;
    {
        let mut rows = Rows {
            stream: writer.stream_writer()?,
            width,
            opaque,
            row: Vec::with_capacity(width * 4),
        };
        source(&mut rows)?;
        rows.stream.finish()?;
    }
    writer.finish()?;
    Ok(out)
}

/// Copies the RGB bytes of RGBA pixels into `rgb` (three bytes a pixel). Four pixels
/// at a time as 32-bit words: an iterator of per-pixel arrays cost 16 instructions a
/// pixel, more than writing RGB instead of RGBA saves the encoder.
fn to_rgb(rgba: &[u8], rgb: &mut [u8]) {
    let mut dst = rgb.chunks_exact_mut(12);
    let mut src = rgba.chunks_exact(16);
    for (d, s) in (&mut dst).zip(&mut src) {
        let (Ok(d), Ok(s)) = (<&mut [u8; 12]>::try_from(d), <&[u8; 16]>::try_from(s)) else {
            continue;
        };
        // Four little-endian RGBA words become three RGB words.
        let px = |i: usize| u32::from_le_bytes([s[i], s[i + 1], s[i + 2], s[i + 3]]);
        let (p0, p1, p2, p3) = (px(0), px(4), px(8), px(12));
        d[0..4].copy_from_slice(&((p0 & 0x00FF_FFFF) | (p1 << 24)).to_le_bytes());
        d[4..8].copy_from_slice(&(((p1 >> 8) & 0xFFFF) | (p2 << 16)).to_le_bytes());
        d[8..12].copy_from_slice(&(((p2 >> 16) & 0xFF) | (p3 << 8)).to_le_bytes());
    }
    for (d, s) in dst
        .into_remainder()
        .chunks_exact_mut(3)
        .zip(src.remainder().chunks_exact(4))
    {
        d.copy_from_slice(&s[..3]);
    }
}

/// Straight (not premultiplied) RGBA of one premultiplied pixel.
fn unpremultiply(p: &[u8]) -> [u8; 4] {
    let a = p[3];
    if a == 0 {
        return [0; 4];
    }
    let un = |c: u8| ((u32::from(c) * 255 + u32::from(a) / 2) / u32::from(a)).min(255) as u8;
    [un(p[0]), un(p[1]), un(p[2]), a]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_frame_encoded_in_bands_is_the_png_of_its_canvas() {
        let spec = crate::render::FrameSpec {
            width_px: 300,
            height_px: 1000,
            scale: 1.0,
            dark: false,
        };
        let frame = crate::render::frame(&spec, |ui| {
            ui.heading("bands");
            ui.painter().circle_filled(
                egui::pos2(150.0, 500.0),
                140.0,
                egui::Color32::from_rgb(0, 114, 178),
            );
        });
        // 1000 rows of 300 pixels: four bands of 873, the last of 127 rows.
        assert_eq!(BAND_PIXELS / 300, 873);
        let whole = png_bytes(&frame.canvas()).expect("png");
        assert_eq!(frame_png(&frame).expect("png"), whole);
    }

    #[test]
    fn rgb_keeps_every_pixel_in_order() {
        // 7 pixels: one block of four, then a remainder of three.
        let rgba: Vec<u8> = (0..7u8).flat_map(|i| [i, 10 + i, 20 + i, 255]).collect();
        let mut rgb = vec![0; 21];
        to_rgb(&rgba, &mut rgb);
        let want: Vec<u8> = (0..7u8).flat_map(|i| [i, 10 + i, 20 + i]).collect();
        assert_eq!(rgb, want);
    }

    #[test]
    fn opaque_canvases_are_rgb_and_translucent_ones_straight_rgba() {
        let opaque = Canvas::new(3, 2, egui::Color32::from_rgb(10, 20, 30));
        let bytes = png_bytes(&opaque).expect("png");
        // IHDR colour type (byte 25): 2 = RGB, 6 = RGBA.
        assert_eq!(bytes[25], 2);
        let img = image::load_from_memory(&bytes).expect("decodes").to_rgba8();
        assert_eq!(img.get_pixel(2, 1).0, [10, 20, 30, 255]);

        // Half-transparent red, premultiplied (128, 0, 0, 128), is straight (255, 0, 0, 128):
        // 128 * 255 / 128 = 255.
        let mut half = Canvas::new(1, 1, egui::Color32::TRANSPARENT);
        half.rgba.copy_from_slice(&[128, 0, 0, 128]);
        let bytes = png_bytes(&half).expect("png");
        assert_eq!(bytes[25], 6);
        let img = image::load_from_memory(&bytes).expect("decodes").to_rgba8();
        assert_eq!(img.get_pixel(0, 0).0, [255, 0, 0, 128]);
    }
}
