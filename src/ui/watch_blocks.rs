//! The lazy layout of the "What to watch" panel ([`super::watch`]): each block of its
//! scroll area (a card, "Other assumptions", the valuation card) keeps the size it had
//! when last laid out, and a block wholly out of view takes only that room instead of
//! being laid out again.

use egui::Ui;

use super::Dashboard;
use crate::model::scenario::Basis;

/// The scroll area's blocks (a card each, "Other assumptions", the valuation card) and
/// their heights when last laid out. A block wholly out of view, whose height is known
/// under the same [`Blocks::key`], only takes its room: at 1280x720 most cards are below
/// the fold, and laying them out was a fifth of a frame. Everything is laid out while any
/// widget has keyboard focus (so Tab finds the next control, which then scrolls into
/// view) and while a screen reader reads the window (it lists every control).
pub(super) struct Blocks {
    /// What the heights were measured under: the document's watch digest, the width, the
    /// text scale, names above or beside the sliders, and the scenario's levers and basis.
    key: u64,
    /// Sizes from an earlier frame under the same key, by block.
    known: Vec<egui::Vec2>,
    /// Sizes this frame.
    now: Vec<egui::Vec2>,
    /// Blocks laid out this frame.
    laid_out: usize,
    /// Lay out every block this frame.
    all: bool,
}

/// The heights kept between frames.
#[derive(Clone, Default)]
struct Heights {
    key: u64,
    /// Each block's size: its height, and its width, which a block wider than the
    /// panel by a hair (rounding) gives the panel; a skipped block keeps both.
    heights: Vec<egui::Vec2>,
    /// Blocks laid out in the frame that measured these heights.
    laid_out: usize,
}

/// How many of the panel's blocks the last frame laid out, of how many: a test shows
/// the skipping is in effect (skipped and laid-out blocks paint the same on screen).
pub fn blocks_laid_out(ctx: &egui::Context) -> Option<(usize, usize)> {
    ctx.data(|m| m.get_temp::<Heights>(Blocks::id()))
        .map(|h| (h.laid_out, h.heights.len()))
}

impl Blocks {
    /// Where the heights are kept in egui's memory.
    fn id() -> egui::Id {
        egui::Id::unique("watch_block_heights")
    }

    /// Starts the blocks of this frame, with the heights an earlier frame measured
    /// under the same key (`above`: the sliders' names go above them).
    pub(super) fn begin(ui: &Ui, dashboard: &Dashboard, above: bool) -> Self {
        let (document, scenario) = (dashboard.document(), dashboard.scenario());
        let key = egui::util::hash((
            document.watch_key,
            ui.available_width().to_bits(),
            ui.ctx().pixels_per_point().to_bits(),
            above,
            Basis::of(&document.dataset, scenario),
            scenario.levers.keys().collect::<Vec<_>>(),
        ));
        let known = ui
            .data(|m| m.get_temp::<Heights>(Self::id()))
            .filter(|k| k.key == key)
            .map(|k| k.heights)
            .unwrap_or_default();
        let focused = ui.ctx().memory(|m| m.focused().is_some());
        let reader = ui
            .ctx()
            .accesskit_node_builder(ui.scope_id(), |_| ())
            .is_some();
        Self {
            key,
            known,
            now: Vec::new(),
            laid_out: 0,
            all: focused || reader,
        }
    }

    /// Block `i`: `add(ui, true)` lays it out; `add(ui, false)` is called instead when
    /// it is out of view (to keep any bookkeeping the later blocks need).
    pub(super) fn show(&mut self, ui: &mut Ui, i: usize, add: impl FnOnce(&mut Ui, bool)) {
        let known = self.known.get(i).copied().filter(|s| s.is_finite());
        let skip = !self.all
            && known.is_some_and(|s| {
                let rect = egui::Rect::from_min_size(ui.cursor().min, egui::vec2(1.0, s.y));
                !ui.is_rect_visible(rect)
            });
        let r = ui.push_id(("watch_block", i), |ui| {
            if let (true, Some(size)) = (skip, known) {
                add(ui, false);
                ui.allocate_space(egui::vec2(ui.available_width().max(size.x), size.y));
            } else {
                add(ui, true);
            }
        });
        self.laid_out += usize::from(!skip);
        if self.now.len() <= i {
            self.now.resize(i + 1, egui::Vec2::NAN);
        }
        self.now[i] = r.response.rect.size();
    }

    /// Keeps this frame's heights for the next one.
    pub(super) fn end(self, ui: &Ui) {
        ui.data_mut(|m| {
            m.insert_temp(
                Self::id(),
                Heights {
                    key: self.key,
                    heights: self.now,
                    laid_out: self.laid_out,
                },
            );
        });
    }
}
