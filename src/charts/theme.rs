//! Every colour and stroke of the app, the charts and the export, in one place.
//!
//! Series colours follow the Okabe–Ito palette (safe for the common forms of colour
//! blindness), extended with Paul Tol's "muted" set for datasets with many segments.
//! Projected values reuse their series colour, lighter, so a projection reads as the
//! same series continued.

use egui::{Color32, Stroke, Visuals};

/// Light or dark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum ThemeChoice {
    /// Follow the operating system.
    #[default]
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

/// The resolved theme a chart is drawn with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// Dark background.
    pub dark: bool,
}

const SERIES: [Color32; 14] = [
    Color32::from_rgb(0, 114, 178),   // blue
    Color32::from_rgb(230, 159, 0),   // orange
    Color32::from_rgb(0, 158, 115),   // bluish green
    Color32::from_rgb(204, 121, 167), // reddish purple
    Color32::from_rgb(86, 180, 233),  // sky blue
    Color32::from_rgb(213, 94, 0),    // vermillion
    Color32::from_rgb(240, 228, 66),  // yellow
    Color32::from_rgb(51, 34, 136),   // indigo (Tol)
    Color32::from_rgb(136, 204, 238), // cyan (Tol)
    Color32::from_rgb(68, 170, 153),  // teal (Tol)
    Color32::from_rgb(17, 119, 51),   // green (Tol)
    Color32::from_rgb(153, 153, 51),  // olive (Tol)
    Color32::from_rgb(136, 34, 85),   // wine (Tol)
    Color32::from_rgb(170, 68, 153),  // purple (Tol)
];

impl Theme {
    /// The light theme.
    pub const LIGHT: Theme = Theme { dark: false };
    /// The dark theme.
    pub const DARK: Theme = Theme { dark: true };

    /// egui visuals for this theme.
    pub fn visuals(self) -> Visuals {
        if self.dark {
            Visuals::dark()
        } else {
            Visuals::light()
        }
    }

    /// Colour of series `i` (segments, companies); cycles beyond the palette.
    pub fn series(self, i: usize) -> Color32 {
        let c = SERIES[i % SERIES.len()];
        if (i / SERIES.len()) % 2 == 1 {
            c.gamma_multiply(0.7)
        } else {
            c
        }
    }

    /// Revenue not allocated to any segment: neutral grey, hatched in spirit.
    pub fn unallocated(self) -> Color32 {
        if self.dark {
            Color32::from_gray(120)
        } else {
            Color32::from_gray(165)
        }
    }

    /// Total revenue bars.
    pub fn revenue(self) -> Color32 {
        SERIES[0]
    }

    /// Segment `i`'s colour, the same in every chart (segment mix, growth lines,
    /// projection, legend and hover): the palette after total revenue's blue, so a
    /// segment never wears the total's colour.
    pub fn segment(self, i: usize) -> Color32 {
        self.series(i + 1)
    }

    /// Growth line.
    pub fn growth(self) -> Color32 {
        SERIES[5]
    }

    /// The four margins: gross, operating, net, FCF.
    pub fn margin(self, i: usize) -> Color32 {
        [SERIES[0], SERIES[1], SERIES[2], SERIES[3]][i % 4]
    }

    /// A projected value of a series drawn in `c`: paler than the actual, and still
    /// clear of the background (in the dark theme a translucent fill would sink into
    /// the black, so it is mixed with a mid grey instead).
    pub fn projected(self, c: Color32) -> Color32 {
        if self.dark {
            let mix = |a: u8| ((u16::from(a) + 150) / 2) as u8;
            Color32::from_rgb(mix(c.r()), mix(c.g()), mix(c.b()))
        } else {
            c.gamma_multiply(0.4)
        }
    }

    /// The compared company's series: indigo on light, lavender on dark (indigo on a
    /// dark background is barely visible).
    pub fn compare(self) -> Color32 {
        if self.dark {
            Color32::from_rgb(180, 160, 255)
        } else {
            SERIES[7]
        }
    }

    /// Revenue of years whose segment split is not disclosed: a neutral grey-blue that
    /// reads as "revenue, not a segment".
    pub fn unsplit(self) -> Color32 {
        if self.dark {
            Color32::from_rgb(125, 140, 160)
        } else {
            Color32::from_rgb(140, 155, 175)
        }
    }

    /// The fan of outcomes over revenue bars: a neutral ink, so the band reads over the
    /// bars' own colour (drawn translucent; the median line opaque).
    pub fn fan(self) -> Color32 {
        if self.dark {
            Color32::from_gray(225)
        } else {
            Color32::from_gray(40)
        }
    }

    /// Free cash flow (the scenario projection's line and its fan): wine, apart from
    /// the first segments' colours; lighter on dark.
    pub fn free_cash_flow(self) -> Color32 {
        if self.dark {
            Color32::from_rgb(235, 140, 195)
        } else {
            SERIES[12]
        }
    }

    /// Tornado bars: the lever moved one step down (vermillion) or up (blue), a pair
    /// told apart with the common forms of colour blindness (red and green are not).
    pub fn step(self, up: bool) -> Color32 {
        match (up, self.dark) {
            (true, false) => SERIES[0],
            (true, true) => SERIES[4],
            (false, _) => SERIES[5],
        }
    }

    /// Fill of the shaded projection span.
    pub fn projection_span(self) -> Color32 {
        if self.dark {
            Color32::from_rgba_unmultiplied(255, 255, 255, 14)
        } else {
            Color32::from_rgba_unmultiplied(0, 0, 0, 12)
        }
    }

    /// The zero line of percentage charts.
    pub fn zero_line(self) -> Stroke {
        Stroke::new(
            1.0,
            if self.dark {
                Color32::from_gray(150)
            } else {
                Color32::from_gray(90)
            },
        )
    }

    /// The keyboard focus ring: a 2-point stroke in a blue that is neither egui's hover
    /// fill nor any text colour, at over 3:1 against both themes' panels (WCAG's floor for
    /// a focus indicator), so the focused control is told from the hovered one.
    pub fn focus_ring(self) -> Stroke {
        Stroke::new(
            2.0,
            if self.dark {
                Color32::from_rgb(110, 175, 255)
            } else {
                Color32::from_rgb(0, 95, 204)
            },
        )
    }

    /// Text that should recede (sources, captions).
    pub fn weak_text(self) -> Color32 {
        if self.dark {
            Color32::from_gray(160)
        } else {
            Color32::from_gray(95)
        }
    }

    /// Warning text and badges.
    pub fn warning(self) -> Color32 {
        if self.dark {
            Color32::from_rgb(240, 190, 60)
        } else {
            Color32::from_rgb(170, 95, 0)
        }
    }

    /// Error text.
    pub fn error(self) -> Color32 {
        if self.dark {
            Color32::from_rgb(255, 120, 100)
        } else {
            Color32::from_rgb(190, 30, 20)
        }
    }

    /// Positive and negative changes in KPI cards.
    pub fn delta(self, positive: bool) -> Color32 {
        match (positive, self.dark) {
            (true, true) => Color32::from_rgb(90, 200, 150),
            (true, false) => Color32::from_rgb(0, 120, 80),
            (false, true) => Color32::from_rgb(255, 130, 110),
            (false, false) => Color32::from_rgb(190, 50, 30),
        }
    }
}
