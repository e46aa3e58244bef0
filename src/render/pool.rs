//! Exporting several frames on several cores: the calling thread lays the frames out
//! one after another with one [`Renderer`] (so one font atlas, built once), and hands
//! each finished frame to helper threads that encode it (rasterise and compress, the
//! larger part of the work) while the next one is laid out; once all are laid out, the
//! calling thread encodes too. Encoding is a pure function of the frame, so which
//! thread encodes which frame does not change a byte.

use std::num::NonZeroUsize;
use std::sync::{Mutex, mpsc};

use super::Renderer;

/// At most this many helper threads: an export is a handful of images.
pub const MAX_HELPERS: usize = 3;

/// How many helpers `jobs` jobs get on this machine: one fewer than the cores (the
/// calling thread is the other), at most [`MAX_HELPERS`], none for a single job.
pub fn helpers_for(jobs: usize) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, NonZeroUsize::get);
    (cores - 1).min(MAX_HELPERS).min(jobs.saturating_sub(1))
}

/// Runs `lay_out(renderer, i)` for `i` in `0..jobs` on the calling thread, in order, and
/// `encode(i, laid_out)` for each result on whichever of the calling thread and
/// `helpers` helper threads is free; returns the encodings in job order. A job whose
/// encoding was lost (a helper panicked) is `None`. Helpers that cannot be started are
/// done without: the calling thread then encodes everything itself.
pub fn lay_out_and_encode<A: Send, T: Send>(
    jobs: usize,
    helpers: usize,
    mut lay_out: impl FnMut(&mut Renderer, usize) -> A,
    encode: impl Fn(usize, A) -> T + Sync,
) -> Vec<Option<T>> {
    let (tx, rx) = mpsc::channel::<(usize, A)>();
    let rx = Mutex::new(rx);
    let results: Mutex<Vec<Option<T>>> = Mutex::new((0..jobs).map(|_| None).collect());
    let drain = || {
        loop {
            // One thread at a time waits for the next frame; the others wait here.
            let next = match rx.lock() {
                Ok(rx) => rx.recv(),
                Err(_) => return,
            };
            let Ok((i, laid_out)) = next else {
                return;
            };
            let done = encode(i, laid_out);
            if let Ok(mut results) = results.lock()
                && let Some(slot) = results.get_mut(i)
            {
                *slot = Some(done);
            }
        }
    };
    std::thread::scope(|s| {
        let mut handles = Vec::new();
        for h in 0..helpers {
            match std::thread::Builder::new()
                .name(format!("encode-{h}"))
                .spawn_scoped(s, drain)
            {
                Ok(handle) => handles.push(handle),
                Err(e) => log::warn!("encoder thread {h} could not start ({e})"),
            }
        }
        let mut renderer = Renderer::new();
        for i in 0..jobs {
            let laid_out = lay_out(&mut renderer, i);
            if let Err(mpsc::SendError((i, laid_out))) = tx.send((i, laid_out)) {
                // No receiver left (cannot happen while this thread holds one): encode here.
                let done = encode(i, laid_out);
                if let Ok(mut results) = results.lock()
                    && let Some(slot) = results.get_mut(i)
                {
                    *slot = Some(done);
                }
            }
        }
        drop(tx);
        drain();
        for handle in handles {
            if handle.join().is_err() {
                log::error!("an encoder thread panicked");
            }
        }
    });
    results.into_inner().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_job_is_laid_out_in_order_and_encoded_once() {
        for helpers in [0, 1, 3] {
            let mut order = Vec::new();
            let out = lay_out_and_encode(
                7,
                helpers,
                |_, i| {
                    order.push(i);
                    i * 10
                },
                |i, v| (i, v + 1),
            );
            assert_eq!(order, (0..7).collect::<Vec<_>>(), "laid out in order");
            let want: Vec<_> = (0..7).map(|i| Some((i, i * 10 + 1))).collect();
            assert_eq!(out, want, "{helpers} helpers");
        }
    }
}
