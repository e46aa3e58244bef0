//! The chart frame: everything around a chart's plot, built in one place for the window,
//! the export and the tests, so the three cannot drift apart.
//!
//! [`build`] gives a chart's legend entries (with the "Projected" entry when a projection
//! is drawn and, in compare mode, one entry per company), its caption (the CAGR; what the
//! tornado measures) and its note (no segment split). [`body`] draws the chart itself at
//! a given height. [`page`] composes an exported image from the same parts: title,
//! subtitle, legend, note, chart and source line. The window's panels draw their own
//! controls around the same [`build`] and [`body`].

use std::collections::BTreeSet;

use egui::{RichText, Ui};

use super::{
    ChartInput, ChartKind, fan, legend, margins, projection, revenue_growth, segment_mix, tornado,
};
use crate::model::format;
use crate::model::scenario::{HorizonSummary, Tornado};

/// Name of the legend entry that stands for projected years.
pub const PROJECTED: &str = "Projected";

/// The smallest exported page, in points (1200x700 pixels at 2x): below it a chart's
/// labels and the dashboard page's four charts no longer fit.
pub const MIN_PAGE_POINTS: (f32, f32) = (600.0, 350.0);

/// Space kept under an exported chart for its source line, in points.
const FOOTER_H: f32 = 26.0;
/// Rows a legend may take on an exported page (more entries are named by "+N more").
const PAGE_LEGEND_ROWS: usize = 3;
/// Smallest plot height an exported chart is given, in points.
const MIN_PLOT_H: f32 = 80.0;
/// Share of the scenario page's chart height given to the projection (the rest is the
/// tornado).
const SCENARIO_TOP_SHARE: f32 = 0.6;

/// The view options a chart depends on: what the window's controls set.
#[derive(Clone, Copy)]
pub struct FrameOptions<'a> {
    /// Segment-mix options (money or share).
    pub mix: &'a segment_mix::Options,
    /// Revenue-growth options (segment lines).
    pub growth: &'a revenue_growth::Options,
    /// Series hidden in the segment mix.
    pub hidden_mix: &'a BTreeSet<String>,
    /// Margins hidden in the margin chart.
    pub hidden_margins: &'a BTreeSet<String>,
    /// Name of the active scenario ("Trend", "Bull", "Custom").
    pub scenario_name: &'a str,
    /// Last actual year the projection starts from.
    pub base_year: i32,
    /// The scenario's horizon summary (also when projections are hidden).
    pub summary: &'a HorizonSummary,
    /// The tornado of the result the user chose (the model's ranking, caption and note).
    pub tornado: &'a Tornado,
    /// The scenario's lever values, for the dashboard page.
    pub levers: &'a std::collections::BTreeMap<crate::model::Lever, f64>,
    /// Draw revenue growth as its growth plot alone (set by a cell too short for two
    /// plots; see [`revenue_growth::is_compact`]).
    pub compact: bool,
}

/// What surrounds one chart's plot.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartFrame {
    /// Legend entries, in order.
    pub legend: Vec<legend::Entry>,
    /// A one-line caption (the CAGR; what the tornado measures).
    pub caption: Option<String>,
    /// A note on what the chart cannot show for this dataset.
    pub note: Option<String>,
}

/// The frame of chart `kind` for this input and these options.
pub fn build(kind: ChartKind, input: &ChartInput, opts: &FrameOptions) -> ChartFrame {
    let mut legend = match kind {
        ChartKind::SegmentMix => segment_mix::legend_entries(input),
        ChartKind::RevenueGrowth => revenue_growth::legend_entries(input, opts.growth),
        ChartKind::Margins => margins::legend_entries(input),
        ChartKind::Scenario => projection::legend_entries(input),
        ChartKind::Dashboard => Vec::new(),
    };
    if kind != ChartKind::Dashboard {
        legend.extend(projected_entry(input, opts));
    }
    if matches!(kind, ChartKind::RevenueGrowth | ChartKind::Margins) {
        legend.extend(company_entries(input, kind));
    }
    if kind == ChartKind::RevenueGrowth && opts.compact {
        legend.retain(|e| e.name != revenue_growth::REVENUE);
    }
    // The fan's entry comes last: its name says "updating" while a newer fan is drawn,
    // and nothing after it moves when it does.
    let has_band = match kind {
        ChartKind::RevenueGrowth => !opts.compact,
        ChartKind::Scenario => true,
        _ => false,
    };
    if has_band {
        legend.extend(fan::legend_entry(input, kind));
    }
    let caption = match kind {
        ChartKind::RevenueGrowth => Some(cagr_caption(input)),
        ChartKind::Scenario if input.projection.is_some() => Some(opts.tornado.caption.clone()),
        _ => None,
    };
    let note = (kind == ChartKind::SegmentMix && !input.dataset.has_segment_split())
        .then(|| "No segment split in this dataset: total revenue only.".to_owned());
    ChartFrame {
        legend,
        caption,
        note,
    }
}

/// The names hidden in chart `kind`'s legend.
pub fn hidden<'a>(kind: ChartKind, opts: &FrameOptions<'a>) -> &'a BTreeSet<String> {
    static NONE: BTreeSet<String> = BTreeSet::new();
    match kind {
        ChartKind::SegmentMix => opts.hidden_mix,
        ChartKind::Margins => opts.hidden_margins,
        _ => &NONE,
    }
}

/// The entry standing for projected years, when a projection is drawn.
fn projected_entry(input: &ChartInput, opts: &FrameOptions) -> Option<legend::Entry> {
    input.projection?;
    Some(legend::Entry::new(PROJECTED.to_owned(), input.theme.weak_text(), legend::Swatch::Dashed).essential().with_hover(format!(
            "Years after {} are projected by the scenario \"{}\" (lighter bars, dashed lines, shaded span). Click to hide.",
            opts.base_year, opts.scenario_name
        )))
}

/// In compare mode, one entry per company: a solid line for the dataset on screen, and
/// for the compared one what its series look like in this chart. In revenue growth that
/// is its purple bars and dotted line ([`compared_style`], which its drawing uses
/// too); in the margins its lines take each margin's colour, so the entry
/// is a neutral dotted line, the style that tells its lines from this company's.
fn company_entries(input: &ChartInput, kind: ChartKind) -> Vec<legend::Entry> {
    let Some(c) = input.compare else {
        return Vec::new();
    };
    let own = &input.dataset.company;
    let (swatch, color, looks) = if kind == ChartKind::RevenueGrowth {
        let (swatch, color) = compared_style(input);
        (
            swatch,
            color,
            "revenue bars on the right, dotted growth line",
        )
    } else {
        (
            legend::Swatch::Dotted,
            input.theme.weak_text(),
            "dotted lines",
        )
    };
    vec![
        legend::Entry::new(own.clone(), input.theme.weak_text(), legend::Swatch::Line)
            .essential()
            .with_hover(format!("{own}: solid lines")),
        legend::Entry::new(c.key(own), color, swatch)
            .essential()
            .with_hover(format!(
                "{}: {looks}, diamonds ({}). Click to stop comparing.",
                c.dataset.company, c.origin
            )),
    ]
}

/// "Company (USD billions)" over one half of a compare-mode chart, `width` points wide:
/// a long name is cut ("…", whole on hover), the units always show.
pub fn half_caption(ui: &mut Ui, dataset: &crate::model::Dataset, width: f32) {
    let units =
        egui::WidgetText::from(RichText::new(format!(" ({})", dataset.units_label())).small())
            .into_galley(
                ui,
                Some(egui::TextWrapMode::Extend),
                f32::INFINITY,
                egui::TextStyle::Small,
            );
    ui.horizontal(|ui| {
        ui.spacing_mut().item_spacing.x = 0.0;
        let name_w = (width - units.size().x).max(40.0);
        ui.scope(|ui| {
            ui.set_max_width(name_w);
            ui.add(egui::Label::new(RichText::new(&dataset.company).small()).truncate());
        });
        ui.label(units);
    });
}

/// How the compared company's series look in revenue growth, for its drawing and its
/// legend entry alike: its revenue as bars, its growth as a dotted line, both in the
/// compare colour.
pub fn compared_style(input: &ChartInput) -> (legend::Swatch, egui::Color32) {
    (legend::Swatch::BarsDotted, input.theme.compare())
}

/// The compared company's name in the legend: its name, or with where it came from when
/// it has the name of the company on screen ("Twilio (twilio-reported.ron)"), so the two
/// entries never read alike.
pub fn compared_name(own: &str, other: &str, origin: &str) -> String {
    if own == other {
        format!("{other} ({origin})")
    } else {
        other.to_owned()
    }
}

/// "CAGR 2023–2024: +7.5%", or why there is none.
pub fn cagr_caption(input: &ChartInput) -> String {
    let (first, last) = input.dataset.year_span();
    if first < last {
        format!(
            "CAGR {first}–{last}: {}",
            format::growth_opt(input.metrics.revenue_cagr)
        )
    } else {
        "CAGR: n/a (one year)".to_owned()
    }
}

/// Draws chart `kind`'s plot (or plots) into `height` points of the available width.
pub fn body(ui: &mut Ui, kind: ChartKind, input: &ChartInput, opts: &FrameOptions, height: f32) {
    let size = egui::vec2(ui.available_width(), height);
    match kind {
        ChartKind::SegmentMix => segment_mix::ui(ui, input, opts.mix, opts.hidden_mix, size),
        ChartKind::RevenueGrowth => revenue_growth::ui(ui, input, opts.growth, size, opts.compact),
        ChartKind::Margins => margins::ui(ui, input, opts.hidden_margins, size),
        // With projections hidden (`--scenario none`) there is no scenario result to
        // measure: the reported years fill the chart, without a tornado.
        ChartKind::Scenario if input.projection.is_none() => {
            projection::ui(ui, input, size);
        }
        ChartKind::Scenario => {
            projection::ui(ui, input, egui::vec2(size.x, height * SCENARIO_TOP_SHARE));
            tornado_with_caption(ui, input, opts, None);
        }
        ChartKind::Dashboard => {}
    }
}

/// The tornado under its caption, filling the rest of the height (less `reserve`).
pub fn tornado_with_caption(
    ui: &mut Ui,
    input: &ChartInput,
    opts: &FrameOptions,
    reserve: Option<f32>,
) {
    ui.label(RichText::new(&opts.tornado.caption).small());
    let reserve = reserve.unwrap_or(FOOTER_H);
    let h = (ui.available_height() - reserve).max(60.0);
    tornado::ui(ui, input, opts.tornado, h);
}

/// An exported chart as a page: title and company, years, units and scenario, legend,
/// note, the chart, and the source line.
pub fn page(ui: &mut Ui, kind: ChartKind, input: &ChartInput, opts: &FrameOptions) {
    let dataset = input.dataset;
    let theme = input.theme;
    let (first, last) = dataset.year_span();
    let company = match &dataset.ticker {
        Some(t) => format!("{} ({t})", dataset.company),
        None => dataset.company.clone(),
    };
    ui.label(
        RichText::new(format!("{} — {company}", kind.title()))
            .size(18.0)
            .strong(),
    );
    let mut sub = format!(
        "{} · {}",
        crate::model::format::year_span(first, last),
        dataset.units_label()
    );
    if let Some(p) = input.projection
        && let (Some(a), Some(b)) = (p.years.first(), p.years.last())
    {
        // Compare mode draws no shaded span (it would cover the other company's years).
        let marks = if input.compare.is_some() {
            "lighter, dashed"
        } else {
            "lighter, dashed, shaded"
        };
        sub.push_str(&format!(
            " · scenario \"{}\": {} projected ({marks})",
            opts.scenario_name,
            crate::model::format::year_span(a.year, b.year)
        ));
    }
    ui.label(RichText::new(sub).color(theme.weak_text()));
    let plot_h = ui.available_height() - FOOTER_H - PAGE_LEGEND_ROWS as f32 * 16.0 - 20.0;
    let opts = &FrameOptions {
        compact: revenue_growth::is_compact(plot_h),
        ..*opts
    };
    let frame = build(kind, input, opts);
    legend::ui(
        ui,
        &frame.legend,
        hidden(kind, opts),
        None,
        PAGE_LEGEND_ROWS,
    );
    if let Some(note) = &frame.note {
        ui.label(RichText::new(note).small().color(theme.weak_text()));
    }
    if kind == ChartKind::RevenueGrowth
        && let Some(caption) = &frame.caption
    {
        ui.label(RichText::new(caption).small().color(theme.weak_text()));
    }
    let h = (ui.available_height() - FOOTER_H).max(MIN_PLOT_H);
    body(ui, kind, input, opts, h);
    ui.add(
        egui::Label::new(
            RichText::new(source_line(input))
                .small()
                .color(theme.weak_text()),
        )
        .truncate(),
    );
}

/// The exported page's source line: the dataset's source and basis, and in compare mode
/// the compared company's too (its figures are on the page).
pub fn source_line(input: &ChartInput) -> String {
    let dataset = input.dataset;
    match input.compare {
        Some(c) => format!(
            "Sources: {}: {} · {}; {}: {} · {} · made with moneymap",
            dataset.company,
            dataset.source.title,
            dataset.source.basis,
            c.dataset.company,
            c.dataset.source.title,
            c.dataset.source.basis
        ),
        None => format!(
            "Source: {} · {} · made with moneymap",
            dataset.source.title, dataset.source.basis
        ),
    }
}
