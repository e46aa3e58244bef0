//! The "What to watch" panel lays out only the cards in view (the rest keep the height
//! they had when last drawn). What a user sees must not depend on it: at every scroll
//! position the visible text is the same, at the same place, as when every card is laid
//! out (which is what happens while a screen reader reads the window), and nothing jumps
//! when a card scrolls in.

// Test helpers unwrap known-good fixtures: a panic is the test failure.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use egui::{Pos2, Rect, pos2, vec2};
use moneymap::charts::theme::ThemeChoice;
use moneymap::ui::{Dashboard, Document, ViewState, watch};

/// A text on screen: what it says, where, rounded to a hundredth of a point.
type Seen = (String, [i64; 4]);

/// One window, drawn by a bare egui context (no kittest, so no accessibility tree unless
/// asked for).
struct Window {
    ctx: egui::Context,
    d: Dashboard,
    size: egui::Vec2,
}

impl Window {
    fn new(reader: bool, size: egui::Vec2) -> Self {
        let ctx = egui::Context::default();
        if reader {
            ctx.enable_accesskit();
        }
        let view = ViewState {
            theme: ThemeChoice::Light,
            ..Default::default()
        };
        Self {
            ctx,
            d: Dashboard::new(Document::builtin(), view),
            size,
        }
    }

    /// One frame with `events`; returns how many of the panel's blocks were laid out,
    /// and the visible texts.
    fn frame(&mut self, events: Vec<egui::Event>) -> (usize, Vec<Seen>) {
        let raw = egui::RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, self.size)),
            events,
            ..Default::default()
        };
        let d = &mut self.d;
        let mut out = self.ctx.run_ui(raw, |ui| d.ui(ui));
        out.textures_delta.clear();
        let mut seen = Vec::new();
        for s in &out.shapes {
            if let egui::Shape::Text(t) = &s.shape {
                let rect = t.visual_bounding_rect().intersect(s.clip_rect);
                if rect.is_positive() && !t.galley.text().trim().is_empty() {
                    let r = |v: f32| (v * 100.0).round() as i64;
                    seen.push((
                        t.galley.text().to_owned(),
                        [r(rect.min.x), r(rect.min.y), r(rect.max.x), r(rect.max.y)],
                    ));
                }
            }
        }
        seen.sort();
        let (laid_out, blocks) = watch::blocks_laid_out(&self.ctx).expect("the panel's blocks");
        assert!(laid_out <= blocks);
        (laid_out, seen)
    }
}

/// The wheel turned by `dy` points over the "What to watch" panel.
fn wheel(at: Pos2, dy: f32) -> Vec<egui::Event> {
    vec![
        egui::Event::PointerMoved(at),
        egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: vec2(0.0, dy),
            phase: egui::TouchPhase::Move,
            modifiers: egui::Modifiers::NONE,
            source: egui::MouseWheelSource::Unknown,
        },
    ]
}

fn visible_text_is_the_same_at_every_scroll_position(size: egui::Vec2) {
    let mut lazy = Window::new(false, size);
    let mut full = Window::new(true, size);
    let over_panel = pos2(size.x - 150.0, size.y - 150.0);
    let mut skipped_somewhere = false;
    let mut reached_valuation = false;
    // Settle (first-frame sizing), then scroll down in steps to the bottom and back up.
    for step in 0..40 {
        let dy = match step {
            0..4 => 0.0,
            4..22 => -60.0,
            _ => 60.0,
        };
        let events = || {
            if dy == 0.0 {
                vec![egui::Event::PointerMoved(over_panel)]
            } else {
                wheel(over_panel, dy)
            }
        };
        // Two frames per step: egui may ask for one more after a scroll.
        lazy.frame(events());
        full.frame(events());
        let (lazy_all, lazy_seen) = lazy.frame(vec![]);
        let (full_all, full_seen) = full.frame(vec![]);
        let only_lazy: Vec<&Seen> = lazy_seen
            .iter()
            .filter(|t| !full_seen.contains(t))
            .collect();
        let only_full: Vec<&Seen> = full_seen
            .iter()
            .filter(|t| !lazy_seen.contains(t))
            .collect();
        assert!(
            only_lazy.is_empty() && only_full.is_empty(),
            "step {step} at {size:?}: what is visible differs when off-screen cards are skipped:\nonly when skipping: {only_lazy:?}\nonly when all are laid out: {only_full:?}"
        );
        skipped_somewhere |= lazy_all < full_all;
        reached_valuation |= lazy_seen.iter().any(|(t, _)| t == "Valuation");
    }
    assert!(
        skipped_somewhere,
        "at {size:?} no card was ever skipped: the lazy layout is not in effect"
    );
    assert!(
        reached_valuation,
        "at {size:?} scrolling never reached the valuation card"
    );
}

#[test]
fn skipping_cards_out_of_view_changes_nothing_visible_at_1280x720() {
    visible_text_is_the_same_at_every_scroll_position(vec2(1280.0, 720.0));
}

#[test]
fn skipping_cards_out_of_view_changes_nothing_visible_at_960x600() {
    visible_text_is_the_same_at_every_scroll_position(vec2(960.0, 600.0));
}
