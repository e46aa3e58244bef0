//! moneymap: a fast, offline dashboard that shows how a company makes its money.
//!
//! The crate is a library plus a thin binary; tests and benches use the library
//! directly, so they exercise exactly what users run. Its layers depend on each other in
//! one direction only (a test, `tests/layers.rs`, keeps it so):
//!
//! ```text
//!            cli  (subcommands, error -> exit code)      main.rs (logging, args)
//!             |
//!             v
//!   render <- ui  (window: Dashboard state, actions/tasks/events, panels, export)
//!             |
//!             v
//!           charts (one file per chart, theme, legend, the chart-frame builder)
//!             |
//!             v
//!           model  (pure: dataset, loading, validation, metrics, scenario, format)
//!             ^
//!             |
//!           import (SEC companyfacts, CSV, XLSX/ODS -> a validated dataset; RON writer)
//!
//!   fs: atomic file writing, a leaf any layer may use
//! ```
//!
//! - [`model`] never imports egui, eframe or any other layer: every figure is computed
//!   here, once, and views only read it.
//! - [`charts`] draws from model data into an egui `Ui`; it knows nothing of the window,
//!   dialogs or files. [`charts::frame`] builds what surrounds each chart (legend,
//!   "Projected", captions) for the window and the export alike.
//! - [`ui`] is the window: the [`ui::Dashboard`] and its loop, one file per panel,
//!   background tasks, settings, and the page composition of exports ([`ui::export`]),
//!   drawn from a [`ui::Scene`] (what a chart needs, and nothing of the window) that the
//!   window, the CLI export and the snapshot tests build alike.
//! - [`render`] runs an egui frame offscreen and encodes what it painted: rasterised to
//!   PNG, or written as SVG from the same shapes; it depends on egui alone.
//! - [`import`] sits beside the model: it reads SEC companyfacts, CSV and workbooks
//!   into a dataset, validated by the model, and writes it as RON through [`fs`]. It
//!   uses `model` and `fs` only; the CLI (and later the window) call it.
//! - [`fs`] writes files atomically (temp file, sync, rename).
//! - [`cli`] parses arguments and runs subcommands or the window.

pub mod charts;
pub mod cli;
pub mod fs;
pub mod import;
pub mod model;
pub mod render;
pub mod ui;
