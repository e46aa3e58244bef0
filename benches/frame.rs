//! `cargo bench --bench frame`: one full dashboard frame (egui layout + tessellation,
//! no GPU) for Twilio and for a generated 50-year x 20-segment dataset, at 1280x720.

// Benchmark inputs are fixed and known-good: a panic is the right report.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use moneymap::charts::theme::ThemeChoice;
use moneymap::model::{self, synthetic};
use moneymap::ui::{Dashboard, Document, ViewState};
use std::hint::black_box;

fn dashboard(text: &str) -> Dashboard {
    let loaded = model::parse(text).expect("valid bench input");
    let view = ViewState {
        theme: ThemeChoice::Light,
        ..ViewState::default()
    };
    Dashboard::new(Document::new(None, loaded), view)
}

fn raw_input() -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1280.0, 720.0),
        )),
        ..Default::default()
    }
}

/// One frame: layout, paint and tessellation; returns the vertex count.
fn frame(ctx: &egui::Context, d: &mut Dashboard) -> usize {
    let mut out = ctx.run_ui(raw_input(), |ui| d.ui(ui));
    out.textures_delta.clear();
    let prims = ctx.tessellate(std::mem::take(&mut out.shapes), out.pixels_per_point);
    prims
        .iter()
        .map(|p| match &p.primitive {
            egui::epaint::Primitive::Mesh(m) => m.vertices.len(),
            egui::epaint::Primitive::Callback(_) => 0,
        })
        .sum()
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("frame");
    for (name, text) in [
        ("twilio", model::TWILIO_RON.to_owned()),
        ("synthetic_50y_20seg", synthetic::ron_text(50, 20, 0)),
    ] {
        let ctx = egui::Context::default();
        let mut d = dashboard(&text);
        // Warm up: fonts, layout caches and the first-frame sizing pass.
        for _ in 0..3 {
            frame(&ctx, &mut d);
        }
        g.bench_function(name, |b| b.iter(|| black_box(frame(&ctx, &mut d))));
    }
    // The UI thread keeps drawing while another thread loads a ~5 MB dataset in a loop
    // (what File > Open does for a large file): frames must stay within target.
    let five_mb = synthetic::five_megabytes();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let stop2 = std::sync::Arc::clone(&stop);
    let loader = std::thread::spawn(move || {
        let mut loads = 0u32;
        while !stop2.load(std::sync::atomic::Ordering::Relaxed) {
            let _ = black_box(model::parse(&five_mb));
            loads += 1;
        }
        loads
    });
    let ctx = egui::Context::default();
    let mut d = dashboard(model::TWILIO_RON);
    for _ in 0..3 {
        frame(&ctx, &mut d);
    }
    g.bench_function("twilio_while_loading_5mb", |b| {
        b.iter(|| black_box(frame(&ctx, &mut d)))
    });
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let loads = loader.join().unwrap_or(0);
    eprintln!("background 5 MB loads completed during the bench: {loads}");
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
