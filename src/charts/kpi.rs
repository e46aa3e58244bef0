//! The KPI cards of the latest year: revenue and growth, margins and their change, free
//! cash flow, every extra KPI, market cap and the revenue multiple, as text ready to
//! draw. A missing figure reads "n/a". The window's KPI strip and the exported dashboard
//! page draw the same cards.

use std::sync::Arc;

use egui::{
    Color32, Galley, Painter, Pos2, Rect, RichText, Sense, TextStyle, TextWrapMode, Ui, Vec2,
    WidgetText, vec2,
};

use super::Theme;
use crate::model::dataset::KpiKind;
use crate::model::{Dataset, Metrics, format, metrics::YearMetrics};

/// One card: title, big value, small change line, hover detail.
#[derive(Debug, Clone, PartialEq)]
pub struct Card {
    /// Title ("Revenue 2024").
    pub title: String,
    /// The value ("$4.46B").
    pub value: String,
    /// The change ("+7.5% YoY"), with its sign for colour.
    pub change: Option<(String, bool)>,
    /// Hover text with the prior year and exact figures.
    pub detail: String,
}

/// Extra KPIs shown as cards; the rest are summed up in one "More KPIs" card (a strip of
/// hundreds of cards would be unreadable and slow to lay out every frame).
pub const MAX_KPI_CARDS: usize = 12;

/// The cards of the latest year (pure: tested without drawing).
pub fn cards(dataset: &Dataset, m: &Metrics) -> Vec<Card> {
    let Some(last) = m.latest() else {
        return Vec::new();
    };
    let prev: Option<&YearMetrics> = m.previous().filter(|p| p.year + 1 == last.year);
    let Some(last_y) = dataset.years.last() else {
        return Vec::new();
    };
    let prev_y = prev.and_then(|p| dataset.years.iter().find(|y| y.year == p.year));
    let money = |v: Option<f64>| format::money_opt(v, &dataset.currency, dataset.scale);
    // Exact figures read as in the Data table: the file's decimals, thousands grouped
    // ("0.20 USD billions of 4.46 USD billions", "247,880 SEK millions").
    let decimals = crate::model::table::money_decimals(dataset);
    let exact = |v: Option<f64>| {
        v.map_or_else(
            || format::NOT_AVAILABLE.to_owned(),
            |v| format!("{} {}", format::grouped(v, decimals), dataset.units_label()),
        )
    };
    let year = last.year;
    // The dataset's note on the figure behind a card (how the source's number differs
    // from the company's own report), under the card's figures.
    let note = |field: &str| {
        last_y
            .notes
            .get(field)
            .map_or_else(String::new, |n| format!("\nNote: {n}"))
    };
    let mut out = vec![Card {
        title: format!("Revenue {year}"),
        value: money(Some(last.revenue)),
        change: last
            .revenue_growth
            .map(|g| (format!("{} YoY", format::growth(g)), g >= 0.0)),
        detail: format!(
            "{year}: {}\n{}: {}{}",
            exact(Some(last.revenue)),
            prev.map_or("prior year".to_owned(), |p| p.year.to_string()),
            exact(prev_y.map(|y| y.revenue)),
            note("revenue")
        ),
    }];
    let figures = [
        (
            "Gross margin",
            last.margins.gross,
            last.margin_change.gross,
            last_y.gross_profit,
            prev.and_then(|p| p.margins.gross),
            "gross_profit",
        ),
        (
            "Operating margin",
            last.margins.operating,
            last.margin_change.operating,
            last_y.operating_income,
            prev.and_then(|p| p.margins.operating),
            "operating_income",
        ),
        (
            "Net margin",
            last.margins.net,
            last.margin_change.net,
            last_y.net_income,
            prev.and_then(|p| p.margins.net),
            "net_income",
        ),
        (
            "FCF margin",
            last.margins.fcf,
            last.margin_change.fcf,
            last_y.free_cash_flow,
            prev.and_then(|p| p.margins.fcf),
            "free_cash_flow",
        ),
    ];
    for (name, value, change, figure, prev_value, field) in figures {
        out.push(Card {
            title: name.to_owned(),
            value: format::percent_opt(value),
            change: change.map(|c| (format::points(c), c >= 0.0)),
            detail: format!(
                "{year}: {} ({} of {})\nprior year: {}{}",
                format::percent_opt(value),
                exact(figure),
                exact(Some(last.revenue)),
                format::percent_opt(prev_value),
                note(field)
            ),
        });
    }
    out.push(Card {
        title: format!("Free cash flow {year}"),
        value: money(last_y.free_cash_flow),
        change: None,
        detail: format!(
            "{year}: {}\nprior year: {}{}",
            exact(last_y.free_cash_flow),
            exact(prev_y.and_then(|y| y.free_cash_flow)),
            note("free_cash_flow")
        ),
    });
    for (i, (name, kind)) in m.kpis.iter().enumerate().take(MAX_KPI_CARDS) {
        let v = last.kpis.get(i).copied().flatten();
        let p = prev.and_then(|p| p.kpis.get(i).copied().flatten());
        let fmt = |v: Option<f64>| match (v, kind) {
            (None, _) => format::NOT_AVAILABLE.to_owned(),
            (Some(v), KpiKind::Money) => format::money(v, &dataset.currency, dataset.scale),
            (Some(v), KpiKind::Percent) => format!("{}%", format::plain(v, 1)),
            (Some(v), KpiKind::Count) => format::count(v),
        };
        let note = last_y
            .kpi(name)
            .and_then(|k| k.note.clone())
            .unwrap_or_default();
        out.push(Card {
            title: name.clone(),
            value: fmt(v),
            change: None,
            detail: format!("{year}: {}\nprior year: {}\n{note}", fmt(v), fmt(p))
                .trim_end()
                .to_owned(),
        });
    }
    if let Some(mc) = &dataset.market_cap {
        out.push(Card {
            title: "Market cap".to_owned(),
            value: money(Some(mc.value)),
            change: m
                .revenue_multiple
                .map(|x| (format!("{x:.1}x revenue"), true)),
            detail: format!(
                "as of {}\n{} / {} revenue {year}",
                mc.as_of,
                money(Some(mc.value)),
                money(Some(last.revenue))
            ),
        });
    }
    if let Some(more) = m.kpis.len().checked_sub(MAX_KPI_CARDS).filter(|n| *n > 0) {
        out.push(Card {
            title: "More KPIs".to_owned(),
            value: format!("+{}", format::count(more as f64)),
            change: Some(("in the Data table".to_owned(), true)),
            detail: format!(
                "{} extra KPIs in all; the first {MAX_KPI_CARDS} have cards here, every one is a column of the Data table.",
                format::count(m.kpis.len() as f64)
            ),
        });
    }
    out
}

/// A card's three lines (title, value, change), laid out once and painted where the
/// caller puts them: the window's strip paints its cards rather than building each from
/// labels in a frame (the strip is redrawn every frame), and the report page stacks the
/// same lines in a card of fixed width.
pub struct CardText {
    lines: [Arc<Galley>; 3],
}

impl CardText {
    /// Lays out `card`'s lines; `value_size` is the value's font size in points, and
    /// lines wider than `max_w` points are cut with "…" when `wrap` is `Truncate`.
    pub fn layout(
        ui: &Ui,
        card: &Card,
        theme: Theme,
        value_size: f32,
        wrap: TextWrapMode,
        max_w: f32,
    ) -> Self {
        let change = match &card.change {
            Some((text, positive)) => RichText::new(text).small().color(theme.delta(*positive)),
            None => RichText::new(" ").small(),
        };
        let lines = [
            RichText::new(&card.title).small().color(theme.weak_text()),
            RichText::new(&card.value).size(value_size).strong(),
            change,
        ]
        .map(|t| WidgetText::from(t).into_galley(ui, Some(wrap), max_w, TextStyle::Body));
        Self { lines }
    }

    /// The size of the three lines stacked `gap` points apart.
    pub fn size(&self, gap: f32) -> Vec2 {
        let w = self.lines.iter().map(|g| g.size().x).fold(0.0, f32::max);
        let h: f32 = self.lines.iter().map(|g| g.size().y).sum();
        vec2(w, h + 2.0 * gap)
    }

    /// Each line's rectangle and text, stacked from `top_left` down `gap` points apart.
    pub fn lines(&self, top_left: Pos2, gap: f32) -> impl Iterator<Item = (Rect, &str)> {
        let mut y = top_left.y;
        self.lines.iter().map(move |g| {
            let rect = Rect::from_min_size(egui::pos2(top_left.x, y), g.size());
            y += g.size().y + gap;
            (rect, g.text())
        })
    }

    /// Paints the lines from `top_left` down, `gap` points apart; uncoloured text in
    /// `color`.
    pub fn paint(&self, painter: &Painter, top_left: Pos2, gap: f32, color: Color32) {
        for (g, (rect, _)) in self.lines.iter().zip(self.lines(top_left, gap)) {
            painter.galley(rect.min, Arc::clone(g), color);
        }
    }
}

/// Draws one card's text (title, value, change) as a block in the current layout, each
/// line cut with "…" at the width available; `value_size` is the value's font size.
pub fn card_text(ui: &mut Ui, card: &Card, theme: Theme, value_size: f32) {
    let text = CardText::layout(
        ui,
        card,
        theme,
        value_size,
        TextWrapMode::Truncate,
        ui.available_width(),
    );
    let gap = ui.spacing().item_spacing.y;
    let (rect, _) = ui.allocate_exact_size(text.size(gap), Sense::hover());
    if ui.is_rect_visible(rect) {
        text.paint(ui.painter(), rect.min, gap, ui.visuals().text_color());
    }
}
