//! The dashboard page: what "Export all" and `moneymap export --charts dashboard` write,
//! designed for a report rather than captured from the window. A header line (company,
//! units, years, scenario), the KPI cards that fit in one row, the four charts in a 2x2
//! grid (segment mix, revenue growth, margin trends, scenario projection) beside a
//! column with the scenario's lever values and horizon figures, and the source line. No
//! menus, buttons or sliders. Laid out for the size it is given, from
//! [`MIN_POINTS`] up.

use std::sync::Arc;

use egui::{Align, Galley, Layout, Rect, RichText, Ui, UiBuilder, pos2, vec2};

use super::frame::{self, FrameOptions};
use super::theme::Theme;
use super::{ChartInput, ChartKind, kpi, legend};
use crate::model::format;

/// Gap between the page's parts, in points.
const GAP: f32 = 8.0;
/// Height of the header line, in points.
const HEADER_H: f32 = 22.0;
/// Height of the KPI row, in points.
const KPI_H: f32 = 46.0;
/// Font size of a KPI card's value, in points.
const KPI_VALUE_SIZE: f32 = 14.0;
/// Width of one KPI card at least, in points.
const KPI_MIN_W: f32 = 104.0;
/// Height of the source line, in points.
const FOOTER_H: f32 = 14.0;
/// The side column's share of the width (at least [`SIDE_MIN_W`]).
const SIDE_SHARE: f32 = 0.2;
/// The side column's narrowest width, in points.
const SIDE_MIN_W: f32 = 130.0;
/// Height of a chart's title line, in points.
const TITLE_H: f32 = 16.0;
/// Height of a line of the side column, in points.
const SIDE_LINE_H: f32 = 14.0;
/// The top row's height at least, in points (room for revenue growth's bars and YoY plot
/// under its title and legend), taking at most [`TOP_ROW_MAX_LIFT`] from the bottom row.
const TOP_ROW_MIN_H: f32 = 180.0;
const TOP_ROW_MAX_LIFT: f32 = 14.0;
/// Cells at least this tall give their legend two rows, in points.
const TALL_CELL: f32 = 150.0;

/// Lays the dashboard page out in the whole of `ui`.
pub fn page(ui: &mut Ui, input: &ChartInput, opts: &FrameOptions) {
    let full = ui.max_rect();
    let band =
        |top: f32, h: f32| Rect::from_min_size(pos2(full.left(), top), vec2(full.width(), h));
    let header = band(full.top(), HEADER_H);
    let kpis = band(header.bottom() + GAP, KPI_H);
    let footer = band(full.bottom() - FOOTER_H, FOOTER_H);
    let body = Rect::from_min_max(
        pos2(full.left(), kpis.bottom() + GAP),
        pos2(full.right(), (footer.top() - GAP).max(kpis.bottom() + GAP)),
    );
    in_rect(ui, header, |ui| header_ui(ui, input, opts));
    in_rect(ui, kpis, |ui| kpi_row(ui, input));
    let side_w = (body.width() * SIDE_SHARE).max(SIDE_MIN_W);
    let grid = Rect::from_min_max(body.min, pos2(body.right() - side_w - GAP, body.bottom()));
    let side = Rect::from_min_max(pos2(grid.right() + GAP, body.top()), body.max);
    let cell = vec2((grid.width() - GAP) / 2.0, (grid.height() - GAP) / 2.0);
    // The top row holds revenue growth's two plots: on a short page it takes a few points
    // from the bottom row's one-plot charts, so the revenue bars stay above the YoY plot.
    let lift = (TOP_ROW_MIN_H - cell.y).clamp(0.0, TOP_ROW_MAX_LIFT);
    let row_h = [cell.y + lift, cell.y - lift];
    let kinds = [
        ChartKind::SegmentMix,
        ChartKind::RevenueGrowth,
        ChartKind::Margins,
        ChartKind::Scenario,
    ];
    for (i, kind) in kinds.into_iter().enumerate() {
        let (col, row) = ((i % 2) as f32, (i / 2) as f32);
        let rect = Rect::from_min_size(
            pos2(
                grid.left() + col * (cell.x + GAP),
                grid.top() + row * (row_h[0] + GAP),
            ),
            vec2(cell.x, row_h[row as usize]),
        );
        in_rect(ui, rect, |ui| chart_cell(ui, kind, input, opts));
    }
    in_rect(ui, side, |ui| side_ui(ui, input, opts));
    in_rect(ui, footer, |ui| {
        ui.add(
            egui::Label::new(
                RichText::new(super::frame::source_line(input))
                    .small()
                    .color(input.theme.weak_text()),
            )
            .truncate(),
        );
    });
}

/// Draws `add` in a child of `ui` confined (and clipped) to `rect`.
fn in_rect(ui: &mut Ui, rect: Rect, add: impl FnOnce(&mut Ui)) {
    let mut child = ui.new_child(
        UiBuilder::new()
            .max_rect(rect)
            .layout(Layout::top_down(Align::Min)),
    );
    child.set_clip_rect(rect.intersect(ui.clip_rect()));
    child.spacing_mut().item_spacing = vec2(6.0, 2.0);
    add(&mut child);
}

/// "Twilio (TWLO) · USD billions · 2023–2024 · scenario "Trend": 2025–2027 projected".
fn header_ui(ui: &mut Ui, input: &ChartInput, opts: &FrameOptions) {
    let dataset = input.dataset;
    let (first, last) = dataset.year_span();
    let company = match &dataset.ticker {
        Some(t) => format!("{} ({t})", dataset.company),
        None => dataset.company.clone(),
    };
    let years = crate::model::format::year_span(first, last);
    let mut meta = format!("{} · {years}", dataset.units_label());
    if let Some(p) = input.projection
        && let (Some(a), Some(b)) = (p.years.first(), p.years.last())
    {
        meta.push_str(&format!(
            " · scenario \"{}\": {} projected",
            opts.scenario_name,
            crate::model::format::year_span(a.year, b.year)
        ));
    }
    ui.horizontal(|ui| {
        let w = ui.available_width();
        ui.allocate_ui(vec2(w * 0.5, HEADER_H), |ui| {
            ui.add(egui::Label::new(RichText::new(company).size(16.0).strong()).truncate());
        });
        ui.add(egui::Label::new(RichText::new(meta).color(input.theme.weak_text())).truncate());
    });
}

/// The KPI cards that fit in one row, in their order (revenue and margins first).
fn kpi_row(ui: &mut Ui, input: &ChartInput) {
    let cards = kpi::cards(input.dataset, input.metrics);
    let n = ((ui.available_width() + GAP) / (KPI_MIN_W + GAP))
        .floor()
        .clamp(1.0, cards.len().max(1) as f32) as usize;
    let w = (ui.available_width() - GAP * (n as f32 - 1.0)) / n as f32;
    ui.horizontal(|ui| {
        ui.spacing_mut().item_spacing.x = GAP;
        for card in cards.iter().take(n) {
            let frame = egui::Frame::group(ui.style()).inner_margin(egui::Margin::symmetric(6, 2));
            ui.allocate_ui(vec2(w, KPI_H), |ui| {
                frame.show(ui, |ui| {
                    ui.set_width(w - 14.0);
                    ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
                    ui.vertical(|ui| {
                        ui.spacing_mut().item_spacing.y = 0.0;
                        kpi::card_text(ui, card, input.theme, KPI_VALUE_SIZE);
                    });
                });
            });
        }
    });
}

/// One chart: title, legend and plot, in the cell's height.
fn chart_cell(ui: &mut Ui, kind: ChartKind, input: &ChartInput, opts: &FrameOptions) {
    let rows = if ui.max_rect().height() >= TALL_CELL {
        2
    } else {
        1
    };
    let title = match kind {
        ChartKind::Scenario => "Scenario projection".to_owned(),
        other => other.title().to_owned(),
    };
    let caption = match kind {
        ChartKind::RevenueGrowth => frame::build(kind, input, opts).caption,
        _ => None,
    };
    ui.horizontal(|ui| {
        ui.label(RichText::new(title).strong());
        if let Some(c) = caption {
            ui.add(
                egui::Label::new(RichText::new(c).small().color(input.theme.weak_text()))
                    .truncate(),
            );
        }
    });
    // What the plot gets: the cell under the title less the legend's rows, measured as
    // drawn (a guess from nominal heights was 20 points high, and squeezed the bars).
    let row_h = ui.spacing().interact_size.y + ui.spacing().item_spacing.y;
    let plot_h = ui.max_rect().bottom() - ui.cursor().top() - rows as f32 * row_h - 2.0;
    // Revenue growth's legend (its entries all essential) fits one row on a page: where a
    // second row would leave too little for the bars above the YoY plot, it gets one.
    let compact = super::revenue_growth::is_compact;
    let rows = if kind == ChartKind::RevenueGrowth && compact(plot_h) {
        1
    } else {
        rows
    };
    let plot_h = ui.max_rect().bottom() - ui.cursor().top() - rows as f32 * row_h - 2.0;
    let opts = &FrameOptions {
        compact: compact(plot_h),
        ..*opts
    };
    let built = frame::build(kind, input, opts);
    legend::ui(ui, &built.legend, frame::hidden(kind, opts), None, rows);
    let h = (ui.max_rect().bottom() - ui.cursor().top() - 2.0).max(TITLE_H);
    let size = vec2(ui.available_width(), h);
    match kind {
        ChartKind::Scenario => super::projection::ui(ui, input, size),
        other => frame::body(ui, other, input, opts, h),
    }
}

/// The side column: the scenario's levers and its figures at the horizon.
fn side_ui(ui: &mut Ui, input: &ChartInput, opts: &FrameOptions) {
    let theme = input.theme;
    if input.projection.is_none() {
        // `--scenario none`: the page shows the years as reported, and says so.
        ui.label(RichText::new("No scenario").strong());
        ui.label(RichText::new("Reported years only: no projection.").color(theme.weak_text()));
        return;
    }
    ui.label(RichText::new(format!("Scenario \"{}\"", opts.scenario_name)).strong());
    let line = |ui: &mut Ui, label: &str, value: String| {
        let (label, value) = side_galleys(ui, theme, label, &value);
        side_line(ui, theme, label, value);
    };
    // Room for the lever lines above the horizon block (its title and four lines); a
    // lever whose name wraps takes two lines.
    let line_h = SIDE_LINE_H + ui.spacing().item_spacing.y;
    let reserve = GAP + 5.0 * line_h + 4.0;
    let room = ui.available_height() - reserve;
    let lines: Vec<_> = opts
        .levers
        .iter()
        .map(|(lever, v)| {
            side_galleys(
                ui,
                theme,
                &lever.label(),
                &format!("{v:.1} {}", lever.unit()),
            )
        })
        .collect();
    let heights: Vec<f32> = lines
        .iter()
        .map(|(l, _)| line_height(l) + ui.spacing().item_spacing.y)
        .collect();
    let fits = |k: usize| heights.iter().take(k).sum::<f32>() <= room;
    let n = lines.len();
    // The "+N more levers" line takes a line of its own.
    let shown = if fits(n) {
        n
    } else {
        (0..n)
            .rev()
            .find(|&k| heights.iter().take(k).sum::<f32>() + line_h <= room)
            .unwrap_or(0)
    };
    for (label, value) in lines.into_iter().take(shown) {
        side_line(ui, theme, label, value);
    }
    ui.add_space(GAP);
    let s = opts.summary;
    ui.label(RichText::new(format!("At {}", s.year)).strong());
    let dataset = input.dataset;
    let money = |v: Option<f64>| format::money_opt(v, &dataset.currency, dataset.scale);
    line(ui, "Revenue", money(Some(s.revenue)));
    line(ui, "CAGR", format::growth_opt(s.revenue_cagr));
    line(
        ui,
        "Operating margin",
        format::percent_opt(s.operating_margin),
    );
    line(ui, "Cumulative FCF", money(s.cumulative_fcf));
}

/// The galleys of a side-column line: the value, and the label in what is left beside it,
/// wrapped onto a second line rather than cut (a cut lever name read "Net income /
/// operating inc…"); only a label too long for two lines ends in "…".
fn side_galleys(ui: &Ui, theme: Theme, label: &str, value: &str) -> (Arc<Galley>, Arc<Galley>) {
    let width = ui.available_width();
    let font = egui::TextStyle::Small.resolve(ui.style());
    let value = super::one_line(
        ui,
        value,
        &font,
        width * 0.4,
        ui.visuals().strong_text_color(),
    );
    let mut job = egui::text::LayoutJob::simple(
        label.to_owned(),
        font,
        theme.weak_text(),
        width - value.size().x - GAP,
    );
    job.wrap.max_rows = 2;
    job.wrap.overflow_character = Some('…');
    let label = ui.fonts_mut(|f| f.layout_job(job));
    (label, value)
}

/// The height a side-column line takes with this label: one line, or two when it wraps.
fn line_height(label: &Galley) -> f32 {
    SIDE_LINE_H * label.rows.len().max(1) as f32
}

/// One line of the side column: the label at the left, the value at the right of its
/// first line.
fn side_line(ui: &mut Ui, theme: Theme, label: Arc<Galley>, value: Arc<Galley>) {
    let h = line_height(&label);
    let (rect, _) = ui.allocate_exact_size(vec2(ui.available_width(), h), egui::Sense::hover());
    let first = rect.top() + SIDE_LINE_H / 2.0;
    let row_h = label.rows.first().map_or(label.size().y, |r| r.height());
    ui.painter().galley(
        pos2(rect.left(), first - row_h / 2.0),
        label,
        theme.weak_text(),
    );
    // Digits' ink reaches a point past their box: keep it inside the column.
    let x = rect.right() - value.size().x - 2.0;
    ui.painter().galley(
        pos2(x, first - value.size().y / 2.0),
        value,
        theme.weak_text(),
    );
}
