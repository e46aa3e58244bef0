//! The figures table: every reported figure and derived metric by year, as text cells
//! in the dataset's units. The window's data table and the CSV export both use it, so
//! they cannot disagree. Missing values are empty cells.

use super::dataset::{Dataset, KpiKind};
use super::format;
use super::metrics::Metrics;

/// A column: header and whether it holds a number (right-aligned).
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// Header text.
    pub header: String,
    /// Numeric column.
    pub numeric: bool,
}

/// Header plus one row of cells per year.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The columns: each one's header and whether it holds numbers.
    pub columns: Vec<Column>,
    /// Rows (one per year, ascending), each as long as `columns`.
    pub rows: Vec<Vec<String>>,
    /// Cells `(row, column)` holding a value derived rather than written in the file
    /// (free cash flow from operating cash flow - capex), so views can say so.
    pub derived: Vec<(usize, usize)>,
}

/// How the table writes numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    /// For reading: percents with a % sign, growth with a sign, money to the file's decimals.
    Display,
    /// For scripts: plain numbers (money as in the file, ratios as a number of percent).
    Plain,
}

/// Decimals needed to show every money figure of the file exactly (0 to 3), so a column
/// reads "3.50" beside "3.68" instead of "3.5".
pub fn money_decimals(dataset: &Dataset) -> usize {
    let needed = |v: f64| {
        (0..=3).find(|&d| {
            let scaled = v * 10f64.powi(d);
            (scaled - scaled.round()).abs() < 1e-6 * scaled.abs().max(1.0)
        })
    };
    dataset
        .years
        .iter()
        .flat_map(|y| {
            [
                Some(y.revenue),
                y.gross_profit,
                y.operating_income,
                y.net_income,
                y.operating_cash_flow,
                y.capex,
                y.free_cash_flow,
            ]
            .into_iter()
            .flatten()
            .chain(y.segments.values().copied())
        })
        .map(|v| needed(v).map_or(3, |d| d as usize))
        .max()
        .unwrap_or(0)
}

/// Builds the table. Money in the file's own scale (plain numbers, header names the
/// unit), ratios as percents with one decimal.
pub fn build(dataset: &Dataset, m: &Metrics) -> Table {
    build_with(dataset, m, Style::Display)
}

/// The table with plain numbers only (`moneymap table --csv`): money as in the file,
/// ratios as a number of percent with up to four decimals, no signs or % marks.
pub fn build_plain(dataset: &Dataset, m: &Metrics) -> Table {
    build_with(dataset, m, Style::Plain)
}

fn build_with(dataset: &Dataset, m: &Metrics, style: Style) -> Table {
    let unit = dataset.units_label();
    let mut columns = vec![Column {
        header: "Year".into(),
        numeric: false,
    }];
    let mut num = |h: String| {
        columns.push(Column {
            header: h,
            numeric: true,
        })
    };
    num(format!("Revenue ({unit})"));
    num("Revenue YoY".into());
    for s in &dataset.segments {
        num(s.name.clone());
        num(format!("{} share", s.name));
        num(format!("{} YoY", s.name));
    }
    let unallocated = m.has_unallocated();
    if unallocated {
        num("Unallocated".into());
        num("Unallocated share".into());
    }
    for h in [
        "Gross profit",
        "Gross margin",
        "Operating income",
        "Operating margin",
        "Net income",
        "Net margin",
    ] {
        num(h.into());
    }
    // Cash-flow parts only when a year has them, so older tables keep their columns.
    let cash_parts = dataset
        .years
        .iter()
        .any(|y| y.operating_cash_flow.is_some() || y.capex.is_some());
    if cash_parts {
        num("Operating cash flow".into());
        num("Capex".into());
    }
    num("Free cash flow".into());
    num("FCF margin".into());
    for (name, kind) in &m.kpis {
        num(match kind {
            KpiKind::Money => format!("{name} ({unit})"),
            KpiKind::Percent => format!("{name} (%)"),
            KpiKind::Count => name.clone(),
        });
    }
    if style == Style::Plain {
        for c in &mut columns {
            let ratio = ["YoY", "share", "margin", "Margin"]
                .iter()
                .any(|w| c.header.ends_with(w));
            if ratio {
                c.header.push_str(" (%)");
            }
        }
    }
    let decimals = money_decimals(dataset);
    let money = |v: Option<f64>| match style {
        Style::Display => v.map(|v| format::grouped(v, decimals)).unwrap_or_default(),
        Style::Plain => v.map(|v| format::plain(v, 6)).unwrap_or_default(),
    };
    let pct = |v: Option<f64>| match style {
        Style::Display => v.map(format::percent).unwrap_or_default(),
        Style::Plain => v.map(|v| format::plain(v * 100.0, 4)).unwrap_or_default(),
    };
    let gr = |v: Option<f64>| match style {
        Style::Display => v.map(format::growth).unwrap_or_default(),
        Style::Plain => v.map(|v| format::plain(v * 100.0, 4)).unwrap_or_default(),
    };
    let mut derived = Vec::new();
    let mut rows = Vec::with_capacity(m.years.len());
    for (y, ym) in dataset.years.iter().zip(&m.years) {
        let mut r = vec![
            y.year.to_string(),
            money(Some(y.revenue)),
            gr(ym.revenue_growth),
        ];
        for sy in &ym.segments {
            r.push(money(sy.revenue));
            r.push(pct(sy.share));
            r.push(gr(sy.growth));
        }
        if unallocated {
            r.push(money(ym.unallocated));
            r.push(pct(ym.unallocated_share));
        }
        r.push(money(y.gross_profit));
        r.push(pct(ym.margins.gross));
        r.push(money(y.operating_income));
        r.push(pct(ym.margins.operating));
        r.push(money(y.net_income));
        r.push(pct(ym.margins.net));
        if cash_parts {
            r.push(money(y.operating_cash_flow));
            r.push(money(y.capex));
        }
        if y.fcf_derived {
            derived.push((rows.len(), r.len()));
        }
        r.push(money(y.free_cash_flow));
        r.push(pct(ym.margins.fcf));
        for v in &ym.kpis {
            r.push(
                v.map(|v| match style {
                    // Counts and KPI figures read like the money cells: 1,420.
                    Style::Display if v.fract() == 0.0 => format::grouped(v, 0),
                    Style::Display => format::grouped(v, 2),
                    Style::Plain => format::plain(v, 2),
                })
                .unwrap_or_default(),
            );
        }
        rows.push(r);
    }
    Table {
        columns,
        rows,
        derived,
    }
}

/// The table statement-style, as in a 10-K: one row per figure (its header first), one
/// column per year (headed by the year). The window shows this view, which fills a tall
/// panel with a few years instead of leaving it empty; the CSV keeps one row per year.
pub fn transpose(t: &Table) -> Table {
    let mut columns = vec![Column {
        header: t
            .columns
            .first()
            .map_or_else(String::new, |c| c.header.clone()),
        numeric: false,
    }];
    columns.extend(t.rows.iter().map(|r| Column {
        header: r.first().cloned().unwrap_or_default(),
        numeric: true,
    }));
    let rows = t
        .columns
        .iter()
        .enumerate()
        .skip(1)
        .map(|(i, c)| {
            let mut row = vec![c.header.clone()];
            row.extend(t.rows.iter().map(|r| r.get(i).cloned().unwrap_or_default()));
            row
        })
        .collect();
    // Cell (row r, column c) of the year-per-row table is (row c - 1, column r + 1) here.
    let derived = t
        .derived
        .iter()
        .filter(|&&(_, c)| c >= 1)
        .map(|&(r, c)| (c - 1, r + 1))
        .collect();
    Table {
        columns,
        rows,
        derived,
    }
}

/// The table as CSV (RFC 4180 quoting), for "Export all charts".
pub fn to_csv(t: &Table) -> String {
    let field = |s: &str| {
        if s.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_owned()
        }
    };
    let mut out = String::new();
    let header: Vec<String> = t.columns.iter().map(|c| field(&c.header)).collect();
    out.push_str(&header.join(","));
    out.push('\n');
    for r in &t.rows {
        let cells: Vec<String> = r.iter().map(|c| field(c)).collect();
        out.push_str(&cells.join(","));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_decimals_follow_the_file() {
        let twilio = crate::model::parse(crate::model::TWILIO_RON)
            .expect("loads")
            .dataset;
        let ericsson = crate::model::parse(crate::model::ERICSSON_RON)
            .expect("loads")
            .dataset;
        let reported = crate::model::parse(crate::model::TWILIO_REPORTED_RON)
            .expect("loads")
            .dataset;
        assert_eq!(
            (
                money_decimals(&twilio),
                money_decimals(&ericsson),
                money_decimals(&reported)
            ),
            (2, 0, 1)
        );
        let m = crate::model::Metrics::compute(&twilio);
        let t = build(&twilio, &m);
        assert_eq!(t.rows[0][3], "3.50", "Communications 2023");
        assert_eq!(t.rows[1][1], "4.46");
    }

    #[test]
    fn money_and_counts_are_grouped_for_reading_and_plain_in_csv() {
        let text = "(company: \"K\", currency: \"SEK\", scale: Millions, source: (title: \"t\", basis: \"b\"), years: [(year: 2024, revenue: 271546, kpis: [(name: \"Customers\", value: 1420, kind: Count)])])";
        let dataset = crate::model::parse(text).expect("loads").dataset;
        let m = crate::model::Metrics::compute(&dataset);
        let shown = build(&dataset, &m);
        assert_eq!(shown.rows[0][1], "271,546");
        assert_eq!(shown.rows[0].last().map(String::as_str), Some("1,420"));
        let csv = build_plain(&dataset, &m);
        assert_eq!(csv.rows[0][1], "271546");
        assert_eq!(csv.rows[0].last().map(String::as_str), Some("1420"));
    }

    #[test]
    fn transposed_it_reads_like_a_statement() {
        let twilio = crate::model::parse(crate::model::TWILIO_RON)
            .expect("loads")
            .dataset;
        let m = crate::model::Metrics::compute(&twilio);
        let t = transpose(&build(&twilio, &m));
        let headers: Vec<&str> = t.columns.iter().map(|c| c.header.as_str()).collect();
        assert_eq!(headers, ["Year", "2023", "2024"]);
        assert_eq!(t.rows[0], ["Revenue (USD billions)", "4.15", "4.46"]);
        assert_eq!(t.rows[1], ["Revenue YoY", "", "+7.5%"]);
        assert_eq!(t.rows[2], ["Communications", "3.50", "3.68"]);
    }

    #[test]
    fn csv_quotes_and_keeps_blanks() {
        let t = Table {
            columns: vec![
                Column {
                    header: "Year".into(),
                    numeric: false,
                },
                Column {
                    header: "A, \"b\"".into(),
                    numeric: true,
                },
            ],
            rows: vec![vec!["2024".into(), String::new()]],
            derived: vec![],
        };
        assert_eq!(to_csv(&t), "Year,\"A, \"\"b\"\"\"\n2024,\n");
    }
}
