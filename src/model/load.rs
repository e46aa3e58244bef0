//! Loading: bytes -> text -> RON -> validated [`Dataset`] plus warnings.
//!
//! Every way a file can be wrong ends here as a [`LoadError`] with a position, never a
//! panic: over-size files are refused before reading, bytes are checked for UTF-8 (a
//! byte-order mark is accepted), RON errors keep their `line:column` and gain a
//! "did you mean" for misspelt fields, and validation names the field path.

use std::io::Read;
use std::path::Path;

use super::dataset::Dataset;
use super::error::{LoadError, LoadErrorKind, Location, Warning};
use super::suggest::closest;
use super::validate::{validate, validate_all};

/// Largest dataset file accepted, in bytes (64 MiB): far above any real company's
/// history, small enough that a wrong file never exhausts memory.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// A dataset that passed validation, with the warnings it deserves.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    /// The dataset, years sorted ascending.
    pub dataset: Dataset,
    /// Problems that do not stop it loading.
    pub warnings: Vec<Warning>,
}

/// Reads, parses and validates a dataset file. Never writes to it.
pub fn load(path: &Path) -> Result<Loaded, LoadError> {
    let io_err =
        |e: std::io::Error| LoadError::whole_file(LoadErrorKind::Io(e.to_string())).with_file(path);
    let file = std::fs::File::open(path).map_err(io_err)?;
    let meta = file.metadata().map_err(io_err)?;
    if meta.is_dir() {
        return Err(LoadError::whole_file(LoadErrorKind::Io(
            "it is a directory, not a file".to_owned(),
        ))
        .with_file(path));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(LoadError::whole_file(LoadErrorKind::TooLarge {
            size: meta.len(),
            limit: MAX_FILE_BYTES,
        })
        .with_file(path));
    }
    // Read at most one byte past the limit, in case the file grows while we read.
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io_err)?;
    parse_bytes(&bytes).map_err(|e| e.with_file(path))
}

/// [`load`], reporting every error of a file that parses but fails validation (the
/// first error of each year, the watch items', the presets'...; see [`validate_all`]),
/// each with its file and position: `moneymap check` lists them all at once, so a file
/// is fixed in one pass, not one error per run. Anything else gives the one error
/// [`load`] gives.
pub fn load_all(path: &Path) -> Result<Loaded, Vec<LoadError>> {
    let first = match load(path) {
        Ok(loaded) => return Ok(loaded),
        Err(e) => e,
    };
    let all = std::fs::read(path)
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .and_then(|text| validation_errors(&text))
        .map(|errors| {
            errors
                .into_iter()
                .map(|e| e.with_file(path))
                .collect::<Vec<_>>()
        })
        // The file is read twice: keep the list only if it is about the same text.
        .filter(|errors| errors.first() == Some(&first));
    Err(all.unwrap_or_else(|| vec![first]))
}

/// Every validation error of `text`, located; `None` when it does not parse or is valid.
fn validation_errors(text: &str) -> Option<Vec<LoadError>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let dataset = ron_options().from_str(text).ok()?;
    let errors = validate_all(dataset).err()?;
    Some(
        errors
            .into_iter()
            .map(|e| super::locate::at_text(text, e))
            .collect(),
    )
}

/// How datasets are read by `ron`.
fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
}

/// Parses and validates raw bytes (checks size and UTF-8 first).
pub fn parse_bytes(bytes: &[u8]) -> Result<Loaded, LoadError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadError::whole_file(LoadErrorKind::TooLarge {
            size: bytes.len() as u64,
            limit: MAX_FILE_BYTES,
        }));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => parse(text),
        Err(e) => {
            let valid = bytes.get(..e.valid_up_to()).unwrap_or_default();
            let byte = bytes.get(e.valid_up_to()).copied().unwrap_or(0);
            // The prefix is valid UTF-8 by construction.
            let prefix = String::from_utf8_lossy(valid);
            let line = prefix.matches('\n').count() + 1;
            let col = prefix.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            let source_line = prefix.rsplit('\n').next().map(str::to_owned);
            Err(LoadError {
                file: None,
                location: Location::LineCol { line, col },
                kind: Box::new(LoadErrorKind::NotUtf8 { byte }),
                source_line,
            })
        }
    }
}

/// Parses and validates dataset text, with `ron`, which also words every syntax error.
/// Real datasets are 3-30 KB; the load benchmark measures the largest an import writes
/// (50 years x 20 segments x 20 KPIs), the case a faster reader was weighed against
/// (`cargo bench --bench load`, BENCHMARKS.md).
pub fn parse(text: &str) -> Result<Loaded, LoadError> {
    if text.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadError::whole_file(LoadErrorKind::TooLarge {
            size: text.len() as u64,
            limit: MAX_FILE_BYTES,
        }));
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(LoadError::whole_file(LoadErrorKind::Empty));
    }
    let dataset: Dataset = ron_options()
        .from_str(text)
        .map_err(|e| ron_error(text, &e))?;
    // Validation names a field path; point at it in the text, as syntax errors do.
    validate(dataset).map_err(|e| super::locate::at_text(text, e))
}

/// Turns a RON error into ours: same position, plainer words, a suggestion for names.
fn ron_error(text: &str, e: &ron::error::SpannedError) -> LoadError {
    use ron::Error as E;
    let message = match &e.code {
        // A file cut short (a download or copy that stopped): whatever ron expected next,
        // the real fault is that nothing follows.
        E::ExpectedString | E::ExpectedStringEnd if unclosed_string(text, e) => {
            "the file ends inside this text: its closing double quote (and the rest of the \
             dataset) is missing; is the file cut short?"
                .to_owned()
        }
        _ if nothing_follows(text, e) => "the file ends too early: the rest of the dataset, \
             with its closing brackets and parentheses, is missing; is the file cut short?"
            .to_owned(),
        E::NoSuchStructField {
            expected,
            found,
            outer,
        } => {
            let mut m = format!("unknown field `{found}`");
            if let Some(outer) = outer {
                m.push_str(&format!(" in {outer}"));
            }
            match closest(found, expected.iter().copied()) {
                Some(s) => m.push_str(&format!("; did you mean `{s}`?")),
                None => m.push_str(&format!("; expected one of {}", backticked(expected))),
            }
            m
        }
        E::NoSuchEnumVariant {
            expected, found, ..
        } => {
            let mut m = format!("unknown value `{found}`");
            match closest(found, expected.iter().copied()) {
                Some(s) => m.push_str(&format!("; did you mean `{s}`?")),
                None => m.push_str(&format!("; expected one of {}", backticked(expected))),
            }
            m
        }
        E::MissingStructField { field, outer } => match outer {
            Some(outer) => format!("missing required field `{field}` in {outer}"),
            None => format!("missing required field `{field}`"),
        },
        E::ExpectedComma if after_number(text, e) => "expected a comma (,) after the number; \
             numbers are plain digits: no %, currency sign or B/M suffix (`scale` sets the unit)"
            .to_owned(),
        E::ExpectedComma => match comma_missing_at_line_end(text, e) {
            Some(at) => return comma_at_line_end(text, e, at),
            None => "expected a comma (,) between items".to_owned(),
        },
        E::ExpectedFloat | E::ExpectedInteger => {
            "expected a number: plain digits such as 4.46 or -0.2, without quotes, currency \
             signs or thousands separators"
                .to_owned()
        }
        E::SuggestRawIdentifier(id) if id.starts_with(|c: char| c.is_ascii_digit()) => {
            format!(
                "expected a field name, found `{id}`: numbers are written without thousands \
                 separators (1380, not 1,380)"
            )
        }
        E::ExpectedAttribute => "comments start with //, not #".to_owned(),
        E::DuplicateStructField { field, outer } => match outer {
            Some(outer) => format!("field `{field}` is written twice in {outer}; keep one"),
            None => format!("field `{field}` is written twice; keep one"),
        },
        E::ExpectedString | E::ExpectedStringEnd => "expected text in double quotes".to_owned(),
        E::ExpectedMap => "expected a map: { \"name\": value, ... }".to_owned(),
        E::ExpectedArray => "expected a list: [ ... ]".to_owned(),
        E::Eof => "the file ends too early: a closing bracket or parenthesis is missing".to_owned(),
        E::ExceededRecursionLimit => {
            "the file nests too deeply (more than 128 levels); a dataset is never this deep"
                .to_owned()
        }
        other => other.to_string(),
    };
    let line = e.span.start.line.max(1);
    let col = e.span.start.col.max(1);
    let source_line = text.lines().nth(line - 1).map(str::to_owned);
    LoadError {
        file: None,
        location: Location::LineCol { line, col },
        kind: Box::new(LoadErrorKind::Syntax(message)),
        source_line,
    }
}

/// The text from `at` on (line and column are 1-based, the column in characters).
fn rest_of(text: &str, at: ron::error::Position) -> &str {
    let mut lines = 0;
    let mut offset = text.len();
    for (i, line) in text.split_inclusive('\n').enumerate() {
        if i + 1 == at.line {
            let col = at.col.saturating_sub(1);
            offset = lines + line.char_indices().nth(col).map_or(line.len(), |(b, _)| b);
            break;
        }
        lines += line.len();
    }
    text.get(offset..).unwrap_or("")
}

/// Whether the file stops where ron expected more (a copy or download cut short), whatever
/// ron expected next: the error is on the last line of code, and the file leaves a bracket
/// or parenthesis open. A whole file with an error on its last line (`years: [(year: 2024,
/// revenu: 1)])`) closes all it opens, and gets ron's own error; a parenthesis missing
/// mid-file is met by ron before the last line. A file of comments alone is cut short too.
fn nothing_follows(text: &str, e: &ron::error::SpannedError) -> bool {
    let later_code = text
        .lines()
        .skip(e.span.start.line.max(1))
        .any(|l| !code_of(l).trim().is_empty());
    let any_code = text.lines().any(|l| !code_of(l).trim().is_empty());
    !later_code && (open_brackets(text) > 0 || !any_code)
}

/// How many brackets and parentheses `text` leaves open, outside strings and comments.
fn open_brackets(text: &str) -> i64 {
    let mut depth = 0i64;
    for line in text.lines() {
        outside_strings(code_of(line), |_, c| {
            match c {
                '(' | '[' | '{' => depth += 1,
                ')' | ']' | '}' => depth -= 1,
                _ => {}
            }
            true
        });
    }
    depth
}

/// Whether the error is at an opening double quote that no other quote follows.
fn unclosed_string(text: &str, e: &ron::error::SpannedError) -> bool {
    rest_of(text, e.span.start)
        .strip_prefix('"')
        .is_some_and(|after| !after.contains('"'))
}

/// Where a comma is missing when the item before the error position ends on an earlier
/// line (the usual slip: a line's trailing comma left out): that line and the column
/// just after its last character of code (comments and blank lines skipped), 1-based.
fn comma_missing_at_line_end(text: &str, e: &ron::error::SpannedError) -> Option<(usize, usize)> {
    let line = e.span.start.line;
    let lines: Vec<&str> = text.lines().collect();
    // The error must be at the first code on its line: only then did the item before it
    // end on an earlier line.
    let here = lines.get(line.checked_sub(1)?)?;
    let before_error: String = here
        .chars()
        .take(e.span.start.col.saturating_sub(1))
        .collect();
    if !code_of(&before_error).trim().is_empty() {
        return None;
    }
    (1..line).rev().find_map(|l| {
        let code = code_of(lines.get(l - 1)?).trim_end();
        (!code.is_empty()).then(|| (l, code.chars().count() + 1))
    })
}

/// `line` without a `//` comment (one inside a string, as in a URL, is kept).
fn code_of(line: &str) -> &str {
    let mut prev_slash = false;
    let mut end = line.len();
    outside_strings(line, |i, c| {
        if c == '/' && prev_slash {
            end = i - 1;
            return false;
        }
        prev_slash = c == '/';
        true
    });
    &line[..end]
}

/// Calls `visit` with each character of `line` outside double-quoted strings (the quotes
/// themselves excluded) and its byte index, until it returns false.
fn outside_strings(line: &str, mut visit: impl FnMut(usize, char) -> bool) {
    let mut in_string = false;
    let mut escaped = false;
    for (i, c) in line.char_indices() {
        if in_string {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
        } else if c == '"' {
            in_string = true;
        } else if !visit(i, c) {
            return;
        }
    }
}

/// The error for a comma missing at the end of line `at.0`: pointed at where the comma
/// goes, naming the item on the next line that ron stopped at.
fn comma_at_line_end(text: &str, e: &ron::error::SpannedError, at: (usize, usize)) -> LoadError {
    let (line, col) = at;
    let next_line = e.span.start.line;
    let next: String = text
        .lines()
        .nth(next_line.saturating_sub(1))
        .map(|l| {
            l.trim_start()
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect()
        })
        .unwrap_or_default();
    let what = if next.is_empty() {
        format!("the next item starts on line {next_line}")
    } else {
        format!("the next item, `{next}`, starts on line {next_line}")
    };
    LoadError {
        file: None,
        location: Location::LineCol { line, col },
        kind: Box::new(LoadErrorKind::Syntax(format!(
            "expected a comma (,) at the end of this line: {what}"
        ))),
        source_line: text.lines().nth(line - 1).map(str::to_owned),
    }
}

/// Whether the error position sits right after a digit (`85%`, `4.46B`): a unit typed
/// into a number.
fn after_number(text: &str, e: &ron::error::SpannedError) -> bool {
    let Some(line) = text.lines().nth(e.span.start.line.saturating_sub(1)) else {
        return false;
    };
    let col = e.span.start.col.saturating_sub(1);
    let mut chars = line.chars().skip(col.saturating_sub(1));
    let before = if col == 0 { None } else { chars.next() };
    let at = chars.next();
    before.is_some_and(|c| c.is_ascii_digit())
        && at.is_some_and(|c| !c.is_whitespace() && !matches!(c, ',' | ')' | ']' | '}'))
}

fn backticked(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}
