//! moneymap: a fast, offline dashboard that shows how a company makes its money.
//!
//! The crate is a library plus a thin binary. Data flows one way: `model` (pure finance
//! and data, no egui) <- `charts` (one file per chart, drawn from model data) <- `ui`
//! (the window's panels and the command loop). `cli` holds the subcommands. Tests and
//! benches use the library directly, so they exercise exactly what users run.

pub mod charts;
pub mod cli;
pub mod model;
pub mod render;
pub mod ui;
