//! `cargo bench --bench frame`: one full dashboard frame (egui layout + tessellation,
//! no GPU) for Twilio and for a generated 50-year x 20-segment dataset, at 1280x720,
//! with the fan of outcomes drawn; and frames while a slider moves every frame, the fan
//! being recomputed on a worker thread as in the window (`*_drag_fan`).

// Benchmark inputs are fixed and known-good: a panic is the right report.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use moneymap::charts::theme::ThemeChoice;
use moneymap::model::{self, Lever, synthetic};
use moneymap::ui::tasks::{self, NoDialogs};
use moneymap::ui::{Action, Dashboard, Document, Event, Task, ViewState};
use std::hint::black_box;
use std::sync::mpsc::{Receiver, Sender, channel};

fn dashboard(text: &str) -> Dashboard {
    let loaded = model::parse(text).expect("valid bench input");
    let view = ViewState {
        theme: ThemeChoice::Light,
        ..ViewState::default()
    };
    let mut d = Dashboard::new(Document::new(None, loaded), view);
    // The fan of outcomes, as the window's worker draws it after the first frame.
    d.run_tasks_inline(&NoDialogs);
    d
}

/// A slider moved by one step, the events of the worker taken in, one frame drawn: what
/// the UI thread does per frame while the user drags (the fan is not computed here).
/// Never inlined, so callgrind can count it (`--toggle-collect='frame::drag_frame'`).
#[inline(never)]
fn drag_frame(
    ctx: &egui::Context,
    d: &mut Dashboard,
    lever: &Lever,
    value: f64,
    events: &Receiver<Event>,
    jobs: &Sender<Task>,
) -> usize {
    while let Ok(e) = events.try_recv() {
        d.handle(e);
    }
    d.apply([Action::SetLever(lever.clone(), value)]);
    for t in d.take_tasks() {
        let _ = jobs.send(t);
    }
    frame(ctx, d)
}

/// Frames while the first lever's slider moves back and forth by 0.1 every frame, with
/// the fan recomputed on a worker thread (one at a time, as in the window); with
/// `with_worker` false the fan jobs are dropped, which isolates the UI thread's own work
/// from a worker competing for the cores.
fn drag_bench(
    g: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    name: &str,
    text: &str,
    with_worker: bool,
) {
    let (jobs, job_rx) = channel::<Task>();
    let (ev_tx, events) = channel::<Event>();
    let worker = std::thread::spawn(move || {
        let mut fans = 0u32;
        for task in job_rx {
            if !with_worker {
                continue;
            }
            for e in tasks::run(task, &NoDialogs) {
                fans += 1;
                if ev_tx.send(e).is_err() {
                    return fans;
                }
            }
        }
        fans
    });
    let ctx = egui::Context::default();
    let mut d = dashboard(text);
    let (lever, v0) = d
        .scenario()
        .levers
        .iter()
        .next()
        .map(|(l, v)| (l.clone(), *v))
        .expect("a lever");
    for _ in 0..3 {
        frame(&ctx, &mut d);
    }
    let mut k = 0u64;
    let mut frames = 0u64;
    let mut updating = 0u64;
    g.bench_function(name, |b| {
        b.iter(|| {
            k += 1;
            let v = v0 + 0.1 * (k % 2) as f64;
            let n = drag_frame(&ctx, &mut d, &lever, v, &events, &jobs);
            frames += 1;
            updating += u64::from(d.chart_input(true).fan.is_some_and(|f| f.updating));
            black_box(n)
        })
    });
    drop(jobs);
    let fans = worker.join().unwrap_or(0);
    eprintln!(
        "{name}: {frames} frames, {fans} fans drawn by the worker, {updating} frames showed an updating fan"
    );
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
    drag_bench(&mut g, "twilio_drag_fan", model::TWILIO_RON, true);
    drag_bench(&mut g, "twilio_drag_ui_only", model::TWILIO_RON, false);
    drag_bench(
        &mut g,
        "synthetic_50y_20seg_drag_fan",
        &synthetic::ron_text(50, 20, 0),
        true,
    );
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
