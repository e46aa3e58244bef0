//! The file formats under the importers, on files each test writes itself: dates that
//! must exist, CSV quoting and positions, Windows-1252 text, and workbooks of the 1904
//! date system.

// Test helpers unwrap known-good inputs: a panic is the test failure.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::path::Path;

use moneymap::import::{self, ImportOptions, grid, labels};

/// Imports one source's bytes under the file name `name`.
fn import_one(name: &str, bytes: &[u8]) -> Result<import::Imported, import::ImportError> {
    import::import_bytes(&[(Path::new(name), bytes)], &ImportOptions::default())
}

/// One annual revenue fact in companyfacts shape.
fn fact(start: &str, end: &str, val: f64) -> String {
    format!(
        r#"{{"start":"{start}","end":"{end}","val":{val},"accn":"0000000000-00-000000","form":"10-K","filed":"2025-03-01"}}"#
    )
}

#[test]
fn a_period_ending_on_a_day_that_does_not_exist_is_no_year() {
    // The second fact ends on 31 February: it names no period, so no year 2025.
    let facts = [
        fact("2023-03-01", "2024-02-29", 100.0),
        fact("2024-03-01", "2025-02-31", 130.0),
    ]
    .join(",");
    let json = format!(
        r#"{{"cik":1,"entityName":"Test Co","facts":{{"us-gaap":{{"Revenues":{{"units":{{"USD":[{facts}]}}}}}}}}}}"#
    );
    let i = import_one("test.json", json.as_bytes()).expect("imports");
    let years: Vec<i32> = i.loaded.dataset.years.iter().map(|y| y.year).collect();
    assert_eq!(years, [2024]);
    // A table's date header names its year only when the date exists.
    assert_eq!(labels::header_year("2024-02-29"), Some(2024));
    assert_eq!(labels::header_year("2024-02-31"), None);
    assert_eq!(labels::header_year("2023-02-29"), None);
}

#[test]
fn csv_keeps_quoted_line_breaks_doubled_quotes_and_the_line_of_each_record() {
    let g = grid::csv(
        "Title\n\n\"multi\nline\",\"say \"\"hi\"\"\"\r\nx;y\n\"a, b\",,\"\"\"q\"\"\"\nlast,2",
    );
    let texts: Vec<Vec<String>> = g
        .rows
        .iter()
        .map(|r| r.iter().map(grid::Cell::text).collect())
        .collect();
    assert_eq!(
        texts,
        [
            vec!["Title"],
            vec!["multi\nline", "say \"hi\""],
            vec!["x;y"],
            vec!["a, b", "", "\"q\""],
            vec!["last", "2"],
        ]
    );
    assert_eq!(g.rows[3][1], grid::Cell::Empty);
    // Places name the line each record starts on: the empty line 2 and the quoted line
    // break of line 3 are counted.
    assert_eq!(g.place(1, 1), "3:2");
    assert_eq!(g.place(2, 0), "5:1");
    assert_eq!(g.place(4, 1), "7:2");
    // CRLF (Windows) and a lone CR (old Mac) end lines too, empty lines counted.
    for text in [
        "a,b\r\n\r\n1,2\r\n\"x\r\ny\",3\r\n4,5",
        "a,b\r\r1,2\r\"x\ry\",3\r4,5",
    ] {
        let g = grid::csv(text);
        let places: Vec<String> = (0..g.rows.len()).map(|r| g.place(r, 0)).collect();
        assert_eq!(places, ["1:1", "3:1", "4:1", "6:1"], "{text:?}");
    }
    // The separator is sniffed outside quotes: semicolons and tabs.
    let semi = grid::csv("a;\"b;c\";d\n1;2;3\n");
    assert_eq!(semi.rows[0].len(), 3);
    assert_eq!(semi.rows[0][1], grid::Cell::Text("b;c".into()));
    assert_eq!(grid::csv("a\tb\tc\n").rows[0].len(), 3);
    // A byte-order mark is not part of the first cell.
    assert_eq!(
        grid::csv("\u{feff}Metric,2024\n").rows[0][0].text(),
        "Metric"
    );
}

#[test]
fn an_error_after_a_quoted_line_break_names_the_line_a_spreadsheet_shows() {
    let csv = "Test Co income statement\nEUR million\nMetric,2023,2024\n\"Revenue\n(net)\",100,120\n\nGross profit,50,n/m\n";
    let e = import_one("t.csv", csv.as_bytes()).expect_err("n/m is no number");
    assert_eq!(
        e.to_string(),
        "t.csv:7:3: cannot read \"n/m\" as a number: write digits such as 1,234.5 or (4,943), or leave the cell blank"
    );
}

#[test]
fn a_windows_1252_csv_reads_as_windows_1252() {
    // As Excel on Windows saves "CSV": é is 0xE9, the en dash 0x96, the euro sign 0x80.
    let bytes: &[u8] = b"Caf\xe9 Nord \x96 income statement\r\nEUR million\r\nMetric,2023,2024\r\nRevenue,100,120\r\nSegment: Zone \x80,60,70\r\nSegment: Caf\xe9s \x93Nord\x94,40,50\r\n";
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cafe.csv");
    std::fs::write(&path, bytes).unwrap();
    let i = import::import_sources(&[path], &ImportOptions::default()).expect("imports");
    let ds = &i.loaded.dataset;
    // The en dash ends the company name, as it does in UTF-8.
    assert_eq!(ds.company, "Café Nord");
    let names: Vec<&str> = ds.segments.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Zone €", "Cafés “Nord”"]);
    assert_eq!(grid::decode(b"\x80 \x96 \x85 \x81"), "€ – … \u{81}");
    assert_eq!(grid::decode("UTF-8 stays: €".as_bytes()), "UTF-8 stays: €");
}

/// A minimal XLSX (the parts calamine reads) of one sheet: a title, a units cell, a
/// header of dates stored as date serials (style 1 is Excel's built-in date format 14),
/// and a revenue row; `date1904` sets the workbook's epoch.
fn workbook(date1904: bool, serials: [u32; 2]) -> Vec<u8> {
    let text = |r: &str, t: &str| format!(r#"<c r="{r}" t="inlineStr"><is><t>{t}</t></is></c>"#);
    let sheet = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}"><sheetData><row r="1">{}</row><row r="2">{}</row><row r="3">{}<c r="B3" s="1"><v>{}</v></c><c r="C3" s="1"><v>{}</v></c></row><row r="4">{}<c r="B4"><v>100</v></c><c r="C4"><v>120</v></c></row></sheetData></worksheet>"#,
        text("A1", "Mac Co income statement"),
        text("A2", "USD million"),
        text("A3", "Metric"),
        serials[0],
        serials[1],
        text("A4", "Revenue"),
    );
    xlsx(&sheet, date1904)
}

const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

/// An XLSX of one sheet named "Figures" holding `sheet` (a worksheet part).
fn xlsx(sheet: &str, date1904: bool) -> Vec<u8> {
    use std::io::Write as _;
    const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    const PKG: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
    let pr = if date1904 {
        r#"<workbookPr date1904="1"/>"#
    } else {
        "<workbookPr/>"
    };
    let parts = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>"#.to_owned(),
        ),
        (
            "_rels/.rels",
            format!(r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#),
        ),
        (
            "xl/workbook.xml",
            format!(r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{REL}">{pr}<sheets><sheet name="Figures" sheetId="1" r:id="rId1"/></sheets></workbook>"#),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            format!(r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}"><Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#),
        ),
        (
            "xl/styles.xml",
            format!(r#"<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="{MAIN}"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>"#),
        ),
        ("xl/worksheets/sheet1.xml", sheet.to_owned()),
    ];
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    for (name, body) in parts {
        z.start_file(name, opts).unwrap();
        z.write_all(body.as_bytes()).unwrap();
    }
    z.finish().unwrap().into_inner()
}

#[test]
fn a_1904_workbook_has_the_dates_mac_excel_shows() {
    // 2023-12-31 and 2024-12-31 are serials 45291 and 45657 from 1900, but 43829 and
    // 44195 from 1904 (1,462 days later): the same header, written by each epoch.
    let mac = workbook(true, [43_829, 44_195]);
    let windows = workbook(false, [45_291, 45_657]);
    for bytes in [&mac, &windows] {
        let (g, _) = grid::workbook("t.xlsx", bytes, None).expect("reads");
        assert_eq!(g.rows[2][1].text(), "2023-12-31");
        assert_eq!(g.rows[2][2].text(), "2024-12-31");
        let i = import_one("t.xlsx", bytes).expect("imports");
        let years: Vec<(i32, f64)> = i
            .loaded
            .dataset
            .years
            .iter()
            .map(|y| (y.year, y.revenue))
            .collect();
        assert_eq!(years, [(2023, 100.0), (2024, 120.0)]);
    }
}

/// The input of the load benchmark's largest case: what `moneymap import` makes of a
/// statement of 50 years x 20 segments x 20 KPIs, which loads back to the same dataset.
#[test]
fn the_largest_benchmarked_import_imports_and_loads_back() {
    let csv = moneymap::model::synthetic::statement_csv(50, 20, 20);
    let i = import_one("statement.csv", csv.as_bytes()).expect("imports");
    let ds = &i.loaded.dataset;
    assert_eq!(ds.years.len(), 50);
    assert_eq!(ds.segments.len(), 20);
    assert!(
        ds.years
            .iter()
            .all(|y| y.kpis.len() == 20 && y.segments.len() == 20)
    );
    let text = import::to_ron(&i, "2026-01-01");
    let back = moneymap::model::parse(&text).expect("loads");
    assert_eq!(&back.dataset, ds);
}

/// A worksheet of `rows`: a cell that reads as a number is stored as one, the rest as
/// inline text, as Excel saves a typed-in sheet.
fn sheet_of(rows: &[&[&str]]) -> String {
    let mut xml =
        format!(r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}"><sheetData>"#);
    for (r, row) in rows.iter().enumerate() {
        xml += &format!(r#"<row r="{}">"#, r + 1);
        for (c, cell) in row.iter().enumerate() {
            let at = format!("{}{}", char::from(b'A' + c as u8), r + 1);
            if cell.parse::<f64>().is_ok() {
                xml += &format!(r#"<c r="{at}"><v>{cell}</v></c>"#);
            } else {
                xml += &format!(r#"<c r="{at}" t="inlineStr"><is><t>{cell}</t></is></c>"#);
            }
        }
        xml += "</row>";
    }
    xml + "</sheetData></worksheet>"
}

/// Issue 21 in a workbook: the tidy layout's `unit` column and a statement's units cell are
/// read as in a CSV (millions here, not whole dollars), and a unit not understood is an
/// error at its cell.
#[test]
fn a_workbook_reads_its_unit_column_and_units_cell() {
    let tidy = xlsx(
        &sheet_of(&[
            &["company", "year", "metric", "value", "unit"],
            &["Bandwidth", "2023", "revenue", "601", "USD m"],
            &["Bandwidth", "2024", "revenue", "748", "USD m"],
        ]),
        false,
    );
    let statement = xlsx(
        &sheet_of(&[
            &["Bandwidth income statement"],
            &["$mm"],
            &["Metric", "2023", "2024"],
            &["Revenue", "601", "748"],
        ]),
        false,
    );
    for bytes in [&tidy, &statement] {
        let i = import_one("bw.xlsx", bytes).expect("imports");
        let ds = &i.loaded.dataset;
        assert_eq!(ds.scale, moneymap::model::Scale::Millions);
        let revenue: Vec<f64> = ds.years.iter().map(|y| y.revenue).collect();
        assert_eq!(revenue, [601.0, 748.0]);
    }
    let bad = xlsx(
        &sheet_of(&[
            &["company", "year", "metric", "value", "unit"],
            &["Bandwidth", "2024", "revenue", "748", "USD gazillions"],
        ]),
        false,
    );
    let e = import_one("bw.xlsx", &bad).expect_err("refused");
    let text = e.to_string();
    assert!(text.contains("USD gazillions"), "{text}");
    assert!(text.contains("not understood"), "{text}");
    assert!(text.contains("E2"), "the cell: {text}");
}
