//! Laying frames out on several threads: each worker keeps one [`Renderer`] (one font
//! atlas) for the frames it is given. Jobs go to workers round-robin (job `i` to worker
//! `i % workers`), never to whichever is free first, so which frames share a renderer
//! does not depend on timing.

use std::num::NonZeroUsize;

use super::Renderer;

/// At most this many workers: each holds a canvas and a font atlas, and exports are a
/// handful of images.
pub const MAX_WORKERS: usize = 4;

/// How many workers `jobs` jobs get on this machine (1 to [`MAX_WORKERS`]).
pub fn workers_for(jobs: usize) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, NonZeroUsize::get);
    cores.min(MAX_WORKERS).min(jobs).max(1)
}

/// Runs `job(renderer, i)` for `i` in `0..jobs` on up to `workers` threads (the calling
/// thread is one of them) and returns the results in job order. A worker that cannot be
/// started has its jobs run on the calling thread instead; a worker that panicked has
/// its results reported as `None`.
pub fn map<T: Send>(
    jobs: usize,
    workers: usize,
    job: impl Fn(&mut Renderer, usize) -> T + Sync,
) -> Vec<Option<T>> {
    let workers = workers.clamp(1, jobs.max(1));
    let run = |w: usize| -> Vec<(usize, T)> {
        let mut renderer = Renderer::new();
        (w..jobs)
            .step_by(workers)
            .map(|i| (i, job(&mut renderer, i)))
            .collect()
    };
    let mut results: Vec<Option<T>> = (0..jobs).map(|_| None).collect();
    let mut place = |done: Vec<(usize, T)>| {
        for (i, r) in done {
            if let Some(slot) = results.get_mut(i) {
                *slot = Some(r);
            }
        }
    };
    std::thread::scope(|s| {
        let mut handles = Vec::new();
        let mut inline = vec![0];
        for w in 1..workers {
            match std::thread::Builder::new()
                .name(format!("render-{w}"))
                .spawn_scoped(s, move || run(w))
            {
                Ok(h) => handles.push(h),
                Err(e) => {
                    log::warn!("render worker {w} could not start ({e}); rendering inline");
                    inline.push(w);
                }
            }
        }
        for w in inline {
            place(run(w));
        }
        for h in handles {
            match h.join() {
                Ok(done) => place(done),
                Err(_) => log::error!("a render worker panicked"),
            }
        }
    });
    results
}
