//! The charts a user can export, by name: what the CLI's `--charts`, the file names and
//! the window's Export menus refer to.

/// A chart that can be exported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChartKind {
    /// Stacked segment revenue.
    SegmentMix,
    /// Revenue bars and YoY growth.
    RevenueGrowth,
    /// Margin trends.
    Margins,
    /// Projected revenue and sensitivity.
    Scenario,
    /// The whole dashboard.
    Dashboard,
}

impl ChartKind {
    /// Every kind, in the order they are written.
    pub const ALL: [ChartKind; 5] = [
        ChartKind::SegmentMix,
        ChartKind::RevenueGrowth,
        ChartKind::Margins,
        ChartKind::Scenario,
        ChartKind::Dashboard,
    ];

    /// The command-line and file-name slug.
    pub fn slug(self) -> &'static str {
        match self {
            ChartKind::SegmentMix => "segment-mix",
            ChartKind::RevenueGrowth => "revenue-growth",
            ChartKind::Margins => "margins",
            ChartKind::Scenario => "scenario",
            ChartKind::Dashboard => "dashboard",
        }
    }

    /// Parses a slug.
    pub fn from_slug(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.slug() == s.trim())
    }

    /// Title shown on the image and above the chart in the window.
    pub fn title(self) -> &'static str {
        match self {
            ChartKind::SegmentMix => "Segment mix",
            ChartKind::RevenueGrowth => "Revenue growth",
            ChartKind::Margins => "Margin trends",
            ChartKind::Scenario => "Scenario projection",
            ChartKind::Dashboard => "Dashboard",
        }
    }
}
