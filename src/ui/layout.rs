//! Layout numbers of the window, named once: panel widths, cell gaps and the sizes the
//! window opens at and may shrink to.

/// The side panel's default width as a share of the window's width.
pub const SIDE_PANEL_SHARE: f32 = 0.26;
/// The side panel's narrowest width, in points.
pub const SIDE_PANEL_MIN: f32 = 240.0;
/// The widest default width of the side panel, in points (users may drag it wider).
pub const SIDE_PANEL_DEFAULT_MAX: f32 = 340.0;
/// The widest the side panel may be dragged, in points.
pub const SIDE_PANEL_MAX: f32 = 520.0;
/// The smallest window, in points: the dashboard is designed down to this size.
pub const MIN_WINDOW: [f32; 2] = [960.0, 600.0];
/// The window's size at first start, in points.
pub const DEFAULT_WINDOW: [f32; 2] = [1280.0, 720.0];
/// The largest window size restored from settings, in points.
pub const MAX_WINDOW: f32 = 8192.0;
/// Gap between the chart cells, in points.
pub const CELL_GAP: f32 = 8.0;
