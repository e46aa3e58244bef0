//! Layout marks: the few rectangles a layout check needs to know about that egui's
//! output shapes do not say (where a plot's frame is, which clip rectangles belong to
//! scroll areas). Views record them while drawing; the layout lint (`tests/layout_lint.rs`)
//! reads them after the frame. Recording is a push into the context's temporary memory,
//! cleared at the next pass, so it costs next to nothing in the frame path.

use egui::{Color32, Context, Id, Rect};

use super::ChartKind;
use super::legend::Swatch;

/// A rectangle with a meaning for the layout check.
#[derive(Debug, Clone, PartialEq)]
pub enum Mark {
    /// The frame of a plot, with the years its x axis draws (empty for a plot without a
    /// year axis): data, never text, is drawn inside it.
    PlotFrame(Rect, Vec<i32>),
    /// The visible part of a scroll area: content cut at its edges can be scrolled to.
    Scroll(Rect),
    /// A named region whose use of space is checked (a panel, a cell).
    Region(&'static str, Rect),
    /// A series drawn for legend entry `key` of chart `chart`, as `swatch` would key it
    /// (bars as [`Swatch::Fill`], a dotted line as [`Swatch::Dotted`]) in `color`: what a
    /// legend swatch is checked against (the compared company's series record it).
    Series {
        /// The chart drawing it.
        chart: ChartKind,
        /// Name of the legend entry that keys it.
        key: String,
        /// How it is drawn, as a swatch kind.
        swatch: Swatch,
        /// Its colour.
        color: Color32,
    },
}

/// The marks of one pass.
#[derive(Debug, Clone, Default)]
struct Marks {
    pass: u64,
    marks: Vec<Mark>,
}

fn id() -> Id {
    Id::unique("moneymap-layout-marks")
}

/// Records `mark` for this pass.
pub fn record(ctx: &Context, mark: Mark) {
    let pass = ctx.cumulative_pass_nr();
    ctx.data_mut(|d| {
        let m = d.get_temp_mut_or_default::<Marks>(id());
        if m.pass != pass {
            m.pass = pass;
            m.marks.clear();
        }
        m.marks.push(mark);
    });
}

/// The marks recorded in the last pass.
pub fn recorded(ctx: &Context) -> Vec<Mark> {
    let pass = ctx.cumulative_pass_nr();
    ctx.data(|d| {
        d.get_temp::<Marks>(id())
            // The pass counter has moved on once the pass ended.
            .filter(|m| m.pass + 1 >= pass)
            .map(|m| m.marks)
            .unwrap_or_default()
    })
}
