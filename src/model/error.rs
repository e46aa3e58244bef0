//! Typed load errors and warnings, each carrying where the problem is.
//!
//! An error rejects the file; a warning lets it load and is shown on the dashboard.
//! Both know their position: a `line:column` for syntax and type errors (from RON's
//! spans), a field path such as `years[1].segments."Voice"` for validation errors.
//! The `Display` form is the compiler-style `FILE:LINE:COL: message` that
//! `moneymap check` prints and the window's error panel shows.

use std::fmt;
use std::path::PathBuf;

/// Where in the file a problem is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// A 1-based line and column.
    LineCol {
        /// 1-based line.
        line: usize,
        /// 1-based column (in characters).
        col: usize,
    },
    /// A field path such as `years[1].revenue`.
    Field(String),
    /// The file as a whole.
    File,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::LineCol { line, col } => write!(f, "{line}:{col}"),
            Location::Field(path) => f.write_str(path),
            Location::File => Ok(()),
        }
    }
}

/// What is wrong with a file that cannot be loaded.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LoadErrorKind {
    /// The file could not be read at all.
    #[error("cannot read the file: {0}")]
    Io(String),
    /// The file is larger than [`crate::model::MAX_FILE_BYTES`].
    #[error("the file is {size} bytes; datasets are limited to {limit} bytes")]
    TooLarge {
        /// Size of the file, in bytes.
        size: u64,
        /// Largest size a dataset may have, in bytes ([`MAX_FILE_BYTES`](super::load::MAX_FILE_BYTES)).
        limit: u64,
    },
    /// Nothing but whitespace.
    #[error(
        "the file is empty: a dataset needs at least `company`, `currency`, `scale`, `source` and `years`"
    )]
    Empty,
    /// A byte sequence that is not UTF-8.
    #[error("the file is not UTF-8 text (invalid byte 0x{byte:02X}); save it as UTF-8")]
    NotUtf8 {
        /// The first invalid byte.
        byte: u8,
    },
    /// RON syntax or type error, with a readable message (and a suggestion when a name is misspelt).
    #[error("{0}")]
    Syntax(String),
    /// The year list is empty.
    #[error("`years` is empty: a dataset needs at least one year")]
    NoYears,
    /// The same year appears twice.
    #[error("year {0} appears more than once")]
    DuplicateYear(i32),
    /// A year outside [`crate::model::validate::YEAR_RANGE`] is almost surely a typo.
    #[error(
        "year {0} is out of range ({lo} to {hi})",
        lo = crate::model::validate::YEAR_RANGE.start(),
        hi = crate::model::validate::YEAR_RANGE.end()
    )]
    YearOutOfRange(i32),
    /// NaN or infinity.
    #[error("{0} is not a finite number; write a plain number, or leave the field out")]
    NotFinite(&'static str),
    /// A number no real company could report (issue 21): money beyond 1e17 whole
    /// units or a nonzero amount below a millionth of one, a percent beyond ±10,000%,
    /// a count beyond 1e18.
    #[error("{0}")]
    Implausible(crate::model::plausible::Implausible),
    /// A segment name used but not declared in `segments`.
    #[error("segment \"{name}\" is not declared in `segments`{}", suggestion_text(.suggestion))]
    UnknownSegment {
        /// The name used.
        name: String,
        /// The closest declared name, if one is close.
        suggestion: Option<String>,
    },
    /// Two segments with one name.
    #[error("segment \"{0}\" is declared more than once")]
    DuplicateSegment(String),
    /// More items than the dashboard can show usefully (and than any real dataset has).
    #[error("{count} {what}: moneymap supports at most {limit}")]
    TooMany {
        /// What is counted ("segments").
        what: &'static str,
        /// How many the file has.
        count: usize,
        /// How many a dataset may have, so a runaway file cannot exhaust memory or the frame.
        limit: usize,
    },
    /// One year lists the same KPI twice, so its value would be ambiguous.
    #[error("KPI \"{0}\" appears more than once in this year")]
    DuplicateKpi(String),
    /// A required text field left blank.
    #[error("must not be empty")]
    Blank,
    /// A preset horizon outside 1..=10.
    #[error(
        "horizon_years is {0}; it must be between 1 and {max}",
        max = crate::model::scenario::MAX_HORIZON
    )]
    BadHorizon(u32),
    /// A note on a standard figure the year leaves out.
    #[error("note on `{0}`, but this year has no {0}; add the figure or remove the note")]
    NoteOnMissingFigure(String),
    /// Capex written as a negative number, which would make derived free cash flow too high.
    #[error(
        "capex is {0}; write capital expenditure as a positive amount (free cash flow = operating cash flow - capex)"
    )]
    NegativeCapex(f64),
    /// A revenue below zero (issue 26): no company sells at a negative price, and every
    /// share, margin and the segment mix would read as nonsense. Zero is allowed (its
    /// margins read "n/a").
    #[error(
        "revenue must be zero or more: {year} revenue is {value}; write what the company sold (returns and refunds reduce it, but not below zero)"
    )]
    NegativeRevenue {
        /// The year.
        year: i32,
        /// The value as written.
        value: f64,
    },
    /// A year marked `no_segment_split` that lists segments.
    #[error("{0} says `no_segment_split: true` but lists segments; remove one of the two")]
    SplitAndNoSplit(i32),
    /// A lever that cannot move the projection of this dataset.
    #[error("`{lever}` cannot move the projection: {why}")]
    DeadLever {
        /// The lever as written.
        lever: String,
        /// Why, and the lever to use instead.
        why: String,
    },
    /// A note on a figure the year does not have.
    #[error("note refers to \"{name}\", which is not a figure of this year{}", suggestion_text(.suggestion))]
    UnknownNote {
        /// The key used.
        name: String,
        /// Closest valid key.
        suggestion: Option<String>,
    },
    // Scenario settings (issue 13): stated lever ranges and the cost structure.
    /// A stated range whose low end is above its high end.
    #[error("the range's low ({low}) is above its high ({high}); write the smaller value as `low`")]
    RangeLowAboveHigh {
        /// The low end written.
        low: f64,
        /// The high end written.
        high: f64,
    },
    /// A stated range for a lever its watch item does not list.
    #[error(
        "a range for `{lever}`, which this watch item does not list in `levers`; add it there or move the range to the item that does"
    )]
    RangeLeverNotListed {
        /// The lever's label.
        lever: String,
    },
    /// Two ranges for one lever.
    #[error("a second range for `{lever}` (the first is at {first}); keep one")]
    DuplicateRange {
        /// The lever's label.
        lever: String,
        /// Path of the first one.
        first: String,
    },
    /// `operating_model: CostStructure` without the figures it builds on.
    #[error(
        "`CostStructure` builds operating income from gross profit and operating expenses: the last year ({year}) needs {missing}"
    )]
    CostStructureNeeds {
        /// The last year.
        year: i32,
        /// What is missing, e.g. "`gross_profit`".
        missing: String,
    },
}

fn suggestion_text(s: &Option<String>) -> String {
    match s {
        Some(s) => format!("; did you mean \"{s}\"?"),
        None => String::new(),
    }
}

/// Most characters of the offending line a caret snippet shows.
pub const SNIPPET_CHARS: usize = 100;
/// Characters after the column kept in view when a long line is cut.
const SNIPPET_AFTER: usize = 20;

/// A dataset file that cannot be loaded: which file, where, what, and the offending line.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadError {
    /// The file, when loaded from disk.
    pub file: Option<PathBuf>,
    /// Where in the file.
    pub location: Location,
    /// What is wrong (boxed: keeps `Result<_, LoadError>` small on the happy path).
    pub kind: Box<LoadErrorKind>,
    /// The text of the offending line, for a caret display, when a line is known.
    pub source_line: Option<String>,
}

impl LoadError {
    /// An error about the file as a whole.
    pub fn whole_file(kind: LoadErrorKind) -> Self {
        Self {
            file: None,
            location: Location::File,
            kind: Box::new(kind),
            source_line: None,
        }
    }

    /// An error at a field path.
    pub fn at_field(path: impl Into<String>, kind: LoadErrorKind) -> Self {
        Self {
            file: None,
            location: Location::Field(path.into()),
            kind: Box::new(kind),
            source_line: None,
        }
    }

    /// The same error, naming the file it came from.
    #[must_use]
    pub fn with_file(mut self, file: impl Into<PathBuf>) -> Self {
        self.file = Some(file.into());
        self
    }

    /// Whether the file was read and parsed, and failed validation: such a file may have
    /// more errors than this one, all listed by `moneymap check` ([`super::load_all`]).
    pub fn is_validation(&self) -> bool {
        !matches!(
            *self.kind,
            LoadErrorKind::Io(_)
                | LoadErrorKind::TooLarge { .. }
                | LoadErrorKind::Empty
                | LoadErrorKind::NotUtf8 { .. }
                | LoadErrorKind::Syntax(_)
        )
    }

    /// The message without file or position.
    pub fn message(&self) -> String {
        self.kind.to_string()
    }

    /// The offending line with a caret under the column, when both are known. A line
    /// longer than [`SNIPPET_CHARS`] shows the part around the column, cut with "…", so the
    /// caret stays under its character in a terminal or the error panel (a wrapped line
    /// would leave it under another).
    pub fn caret_snippet(&self) -> Option<String> {
        let (Location::LineCol { line, col }, Some(text)) = (&self.location, &self.source_line)
        else {
            return None;
        };
        let chars: Vec<char> = text.chars().collect();
        let at = col.saturating_sub(1);
        // Keep some of what follows the column in view.
        let start = if chars.len() > SNIPPET_CHARS {
            (at + SNIPPET_AFTER)
                .saturating_sub(SNIPPET_CHARS)
                .min(chars.len().saturating_sub(SNIPPET_CHARS))
        } else {
            0
        };
        let end = chars.len().min(start + SNIPPET_CHARS);
        let lead = if start > 0 { "…" } else { "" };
        let tail = if end < chars.len() { "…" } else { "" };
        let shown: String = chars.get(start..end).unwrap_or_default().iter().collect();
        let gutter = format!("{line} | ");
        let pad: String =
            " ".repeat(gutter.len() + lead.chars().count() + at.saturating_sub(start));
        Some(format!("{gutter}{lead}{shown}{tail}\n{pad}^"))
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut prefix = String::new();
        if let Some(file) = &self.file {
            prefix.push_str(&file.display().to_string());
        }
        match &self.location {
            Location::File => {}
            loc => {
                if !prefix.is_empty() {
                    prefix.push(':');
                }
                prefix.push_str(&loc.to_string());
            }
        }
        if prefix.is_empty() {
            write!(f, "{}", self.kind)
        } else {
            write!(f, "{prefix}: {}", self.kind)
        }
    }
}

impl std::error::Error for LoadError {}

/// What kind of issue a [`Warning`] flags; the file still loads.
#[derive(Debug, Clone, PartialEq)]
pub enum WarningKind {
    /// Segment revenues do not sum to total revenue.
    Unallocated {
        /// The year whose segments miss the total.
        year: i32,
        /// Total revenue minus the sum of segments (positive: revenue not in any segment).
        gap: f64,
        /// `gap / revenue`.
        share_ratio: f64,
    },
    /// A missing year between two present ones.
    YearGap {
        /// Last year before the gap.
        from: i32,
        /// First year after it.
        to: i32,
    },
    /// Gross profit larger than revenue.
    GrossAboveRevenue {
        /// The year whose gross profit exceeds its revenue.
        year: i32,
    },
    /// A percent written as a fraction (0.39 for 39%).
    LooksLikeFraction {
        /// The value written.
        value: f64,
    },
    /// A year with no segment split after a year that had one, not marked as undisclosed.
    NoSegmentSplit {
        /// The year without a split (drawn as one "No split disclosed" bar).
        year: i32,
        /// The year before, which had a split.
        last_split: i32,
    },
    /// A written free cash flow that disagrees with operating cash flow minus capex.
    FcfMismatch {
        /// The year whose free cash flow disagrees with its cash flow lines.
        year: i32,
    },
    /// What the importer warned about, kept in the file's `import_warnings`.
    Import,
    /// A figure earlier years had is missing.
    MissingFigure {
        /// The year that lacks the figure.
        year: i32,
        /// Name of the missing figure (field, segment or KPI).
        figure: String,
        /// The latest earlier year that had it.
        last_seen: i32,
    },
}

/// A problem that does not stop the file from loading; shown in the dashboard's header.
#[derive(Debug, Clone, PartialEq)]
pub struct Warning {
    /// Field path the warning is about.
    pub path: String,
    /// Typed kind, for code that reacts to a warning.
    pub kind: WarningKind,
    /// Readable message in the dataset's own units.
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}
