//! The pure model: dataset format, loading and validation, derived metrics, scenario
//! projection and number formatting.
//!
//! Nothing here imports egui or touches the screen; the window, the CLI and the tests
//! all read the same functions, so a figure is computed in exactly one place.

pub mod checks;
pub mod dataset;
pub mod error;
pub mod fan;
pub mod figure;
pub mod format;
pub mod lever;
pub mod load;
pub mod locate;
pub mod metrics;
pub mod plausible;
pub mod scenario;
pub mod series;
pub mod suggest;
pub mod synthetic;
pub mod table;
pub mod validate;
mod validate_scenario;
pub mod valuation;
pub mod warnings;

pub use dataset::{Dataset, Figure, KpiKind, Lever, Scale, Segment, Year};
pub use error::{LoadError, LoadErrorKind, Location, SNIPPET_CHARS, Warning, WarningKind};
pub use load::{Loaded, MAX_FILE_BYTES, load, load_all, parse, parse_bytes};
pub use metrics::{Margins, Metrics, Summary};

/// The built-in Twilio dataset (figures as stated in the seed article), so the app opens
/// from any folder with no files beside it.
pub const TWILIO_RON: &str = include_str!("../../datasets/twilio.ron");
/// Twilio as reported (GAAP, FY2019-FY2025).
pub const TWILIO_REPORTED_RON: &str = include_str!("../../datasets/twilio-reported.ron");
/// Ericsson FY2022-FY2024 (SEK millions).
pub const ERICSSON_RON: &str = include_str!("../../datasets/ericsson.ron");

/// The shipped example datasets: `(file name, text)`.
pub const EXAMPLES: [(&str, &str); 3] = [
    ("twilio.ron", TWILIO_RON),
    ("twilio-reported.ron", TWILIO_REPORTED_RON),
    ("ericsson.ron", ERICSSON_RON),
];
