//! Cells in rows, from a CSV file or a workbook sheet, each with its place for messages
//! (`row:column` in a CSV, `Sheet1!C7` in a workbook). The layouts in
//! [`super::table`] read grids and never care where they came from.
//!
//! Workbooks are zip archives: before `calamine` reads one, every part is decompressed
//! into a counting sink, stopping at [`MAX_UNPACKED_BYTES`], so a zip bomb is refused
//! while it is read, with memory bounded, whatever sizes its directory claims.

use std::io::{Cursor, Read};

use super::error::{ImportError, ImportErrorKind};

/// Most bytes a workbook's parts may decompress to: far above any company's figures.
pub const MAX_UNPACKED_BYTES: u64 = 32 * 1024 * 1024;
/// Most parts a workbook archive may have.
pub const MAX_PARTS: usize = 10_000;

/// One cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// A blank cell: no figure, which is not a zero.
    Empty,
    /// Text (CSV cells are all text; numbers are read from it).
    Text(String),
    /// A number stored as a number (workbooks: the value, not its formatting).
    Number(f64),
}

impl Cell {
    /// The cell as text, for labels and headers.
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.trim().to_owned(),
            Cell::Number(n) => crate::model::format::plain(*n, 6),
        }
    }

    /// Whether the cell holds nothing (or only spaces).
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            Cell::Number(_) => false,
        }
    }
}

/// Where a grid came from, for cell places.
#[derive(Debug, Clone, PartialEq)]
pub enum Origin {
    /// A CSV file: the line each record starts on.
    Csv(Vec<usize>),
    /// A workbook sheet, with the row and column of its first cell.
    Sheet {
        /// The sheet's name.
        name: String,
        /// Row of the first cell (0-based).
        row0: u32,
        /// Column of the first cell (0-based).
        col0: u32,
    },
}

/// Rows of cells.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    /// The rows (not necessarily of equal length).
    pub rows: Vec<Vec<Cell>>,
    /// Where it came from.
    pub origin: Origin,
}

impl Grid {
    /// The place of a cell (0-based row and column): `7:3` or `Sheet1!C7`.
    pub fn place(&self, row: usize, col: usize) -> String {
        match &self.origin {
            Origin::Csv(lines) => {
                format!("{}:{}", lines.get(row).copied().unwrap_or(row + 1), col + 1)
            }
            Origin::Sheet { name, row0, col0 } => {
                let r = *row0 as usize + row + 1;
                format!("{name}!{}{r}", column_letters(*col0 as usize + col))
            }
        }
    }
}

/// `0 -> A`, `25 -> Z`, `26 -> AA`.
fn column_letters(mut col: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    out.reverse();
    String::from_utf8_lossy(&out).into_owned()
}

/// The separator a CSV uses: the one of `,` `;` tab found most often outside quotes in
/// its first lines.
fn delimiter(text: &str) -> char {
    let head: String = text.lines().take(20).collect::<Vec<_>>().join("\n");
    let mut counts = [(',', 0usize), (';', 0), ('\t', 0)];
    let mut quoted = false;
    for c in head.chars() {
        if c == '"' {
            quoted = !quoted;
        } else if !quoted && let Some(e) = counts.iter_mut().find(|(d, _)| *d == c) {
            e.1 += 1;
        }
    }
    counts
        .iter()
        .max_by_key(|(_, n)| *n)
        .map_or(',', |(d, _)| *d)
}

/// Reads CSV text (RFC 4180, by the `csv` crate: quoted fields, `""` for a quote, line
/// breaks inside quotes; `,` `;` or tab separated, as sniffed; LF, CRLF or CR). Cells are
/// text; records may differ in length. Each record keeps the line it starts on, so
/// messages name the line a spreadsheet program shows, empty lines counted.
pub fn csv(text: &str) -> Grid {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let sep = delimiter(text);
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        // The sniffed separator is one of `,` `;` tab: ASCII.
        .delimiter(u8::try_from(sep).unwrap_or(b','))
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut lines = Vec::new();
    let mut counter = LineCounter::new(text.as_bytes());
    let mut record = ::csv::StringRecord::new();
    // Reading text from memory fails only on bytes that are not UTF-8, and `text` is a
    // `str`: an error can only end the file early, never lose a row in the middle.
    while let Ok(true) = reader.read_record(&mut record) {
        let start = record.position().map_or(0, ::csv::Position::byte);
        lines.push(counter.record_line(usize::try_from(start).unwrap_or(usize::MAX)));
        rows.push(
            record
                .iter()
                .map(|f| {
                    if f.trim().is_empty() {
                        Cell::Empty
                    } else {
                        Cell::Text(f.to_owned())
                    }
                })
                .collect(),
        );
    }
    Grid {
        rows,
        origin: Origin::Csv(lines),
    }
}

/// The line each CSV record starts on. The `csv` crate's own `position().line()` is
/// where the reader stood before the record: it lags behind when empty lines (which it
/// skips) come first, and it counts no lone `\r` (old Mac files). So lines are counted
/// here, once through the text: from the byte the reader stood at, past the line
/// breaks it skipped, to the record's first byte.
struct LineCounter<'a> {
    bytes: &'a [u8],
    at: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Self {
            bytes,
            at: 0,
            line: 1,
        }
    }

    /// Counts the line breaks up to byte `from` (where the reader stood before a record)
    /// and over the empty lines after it; returns the line the record starts on.
    fn record_line(&mut self, from: usize) -> usize {
        while self.at < from.min(self.bytes.len()) {
            self.step();
        }
        while matches!(self.bytes.get(self.at), Some(b'\r' | b'\n')) {
            self.step();
        }
        self.line
    }

    /// Moves one byte on; `\n`, `\r\n` and a lone `\r` each end a line.
    fn step(&mut self) {
        let b = self.bytes.get(self.at).copied();
        let next = self.bytes.get(self.at + 1).copied();
        if b == Some(b'\n') || (b == Some(b'\r') && next != Some(b'\n')) {
            self.line += 1;
        }
        self.at += 1;
    }
}

/// Bytes as text: UTF-8 (with or without a byte-order mark), else Windows-1252, as
/// spreadsheet programs save CSV on Windows (`0x80` is `€`, `0x96` an en dash; the
/// five bytes Windows-1252 leaves undefined read as the C1 controls, as browsers do).
pub fn decode(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        Err(_) => encoding_rs::WINDOWS_1252
            .decode_without_bom_handling(bytes)
            .0
            .into_owned(),
    }
}

/// Checks a workbook archive while decompressing every part into a counting sink:
/// refuses a zip bomb (more than [`MAX_UNPACKED_BYTES`] in all, counted as read, not
/// as claimed) and a zip that holds no workbook.
pub fn check_archive(name: &str, bytes: &[u8]) -> Result<(), ImportError> {
    let not_workbook = |why: String| ImportError::whole(name, ImportErrorKind::NotAWorkbook(why));
    let bomb = || {
        ImportError::whole(
            name,
            ImportErrorKind::ZipBomb {
                limit: MAX_UNPACKED_BYTES,
            },
        )
    };
    let mut zip =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| not_workbook(e.to_string()))?;
    if zip.len() > MAX_PARTS {
        return Err(bomb());
    }
    let has = |zip: &zip::ZipArchive<Cursor<&[u8]>>, part: &str| {
        zip.file_names().any(|n| n.is_ok_and(|n| n == part))
    };
    if !(has(&zip, "xl/workbook.xml") || has(&zip, "xl/workbook.bin") || has(&zip, "content.xml")) {
        return Err(not_workbook(
            "it has no xl/workbook.xml (XLSX) or content.xml (ODS)".to_owned(),
        ));
    }
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).map_err(|e| not_workbook(e.to_string()))?;
        let room = MAX_UNPACKED_BYTES - total;
        let read = std::io::copy(&mut (&mut part).take(room + 1), &mut std::io::sink())
            .map_err(|e| ImportError::whole(name, ImportErrorKind::Workbook(e.to_string())))?;
        total += read;
        if total > MAX_UNPACKED_BYTES {
            return Err(bomb());
        }
    }
    Ok(())
}

/// Reads one sheet of a workbook (XLSX, XLSB, XLS or ODS): the first, or the one named.
/// Also returns the names of every sheet, for messages.
pub fn workbook(
    name: &str,
    bytes: &[u8],
    sheet: Option<&str>,
) -> Result<(Grid, Vec<String>), ImportError> {
    use calamine::{Data, Reader};
    let fail = |e: String| ImportError::whole(name, ImportErrorKind::Workbook(e));
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| fail(e.to_string()))?;
    let names = book.sheet_names();
    let chosen = match sheet {
        Some(s) => names
            .iter()
            .find(|n| n.as_str() == s)
            .or_else(|| names.iter().find(|n| n.eq_ignore_ascii_case(s)))
            .cloned()
            .ok_or_else(|| {
                ImportError::whole(
                    name,
                    ImportErrorKind::NoSuchSheet {
                        name: s.to_owned(),
                        sheets: if names.is_empty() {
                            "none".to_owned()
                        } else {
                            names.join(", ")
                        },
                    },
                )
            })?,
        None => names
            .first()
            .cloned()
            .ok_or_else(|| ImportError::whole(name, ImportErrorKind::NoSheets))?,
    };
    let range = book
        .worksheet_range(&chosen)
        .map_err(|e| fail(e.to_string()))?;
    let (row0, col0) = range.start().unwrap_or((0, 0));
    let rows = range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::Empty => Cell::Empty,
                    Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => {
                        Cell::Text(s.clone())
                    }
                    Data::Float(f) => Cell::Number(*f),
                    Data::Int(i) => Cell::Number(*i as f64),
                    Data::Bool(b) => Cell::Text(b.to_string()),
                    Data::DateTime(d) => Cell::Text(excel_date(d)),
                    Data::Error(e) => Cell::Text(format!("#{e:?}")),
                })
                .collect()
        })
        .collect();
    Ok((
        Grid {
            rows,
            origin: Origin::Sheet {
                name: chosen,
                row0,
                col0,
            },
        },
        names,
    ))
}

/// A workbook date as `YYYY-MM-DD`, so a header of dates reads as years. The date is
/// calamine's, which knows the workbook's epoch: 1900 (serial 1 is 1900-01-01, 60 the
/// phantom 1900-02-29) or 1904 (serial 0 is 1904-01-01, as Mac Excel saved by default
/// until 2011). A duration, or a serial outside Excel's dates (0 to 9999-12-31), stays
/// a number.
fn excel_date(d: &calamine::ExcelDateTime) -> String {
    let serial = d.as_f64();
    if d.is_duration() || !(0.0..2_958_466.0).contains(&serial) {
        return crate::model::format::plain(serial, 6);
    }
    let (y, m, day, ..) = d.to_ymd_hms_milli();
    format!("{y:04}-{m:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_separators_and_places() {
        let g = csv("Title\n\"a, b\",\"say \"\"hi\"\"\"\r\nx;y\n\"multi\nline\",2\n");
        assert_eq!(g.rows[1][0], Cell::Text("a, b".into()));
        assert_eq!(g.rows[1][1], Cell::Text("say \"hi\"".into()));
        assert_eq!(g.rows[2], vec![Cell::Text("x;y".into())]);
        assert_eq!(g.rows[3][0], Cell::Text("multi\nline".into()));
        assert_eq!(g.place(3, 1), "4:2");
        assert_eq!(csv("a;b;c\n1;2;3\n").rows[1].len(), 3);
    }

    #[test]
    fn columns_and_dates() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(27), "AB");
        let date = |serial: f64, is_1904: bool| {
            excel_date(&calamine::ExcelDateTime::new(
                serial,
                calamine::ExcelDateTimeType::DateTime,
                is_1904,
            ))
        };
        // 45657 is 2024-12-31 in Excel's 1900 dates, 44195 in its 1904 dates.
        assert_eq!(date(45_657.0, false), "2024-12-31");
        assert_eq!(date(44_195.0, true), "2024-12-31");
        assert_eq!(date(60.0, false), "1900-02-29", "Excel's phantom day");
        assert_eq!(date(0.0, true), "1904-01-01");
        assert_eq!(date(-1.0, false), "-1", "before Excel's first date");
    }
}
