//! How series and ranks are told apart: in colour, and in greyscale print.
//!
//! A line gets a colour, a dash pattern and a marker shape. The colours are Okabe & Ito's
//! (2008) palette for colour-blind readers, without its yellow (too pale on white), and a wine
//! red; there are 8 colours, 6 dash patterns and 7 markers, so the pair (dash, marker) differs
//! between any two of the first 42 lines, which is what tells them apart in greyscale.
//!
//! Ranks in the SMAA chart get one hue each and a lightness that rises with the rank, in
//! even steps of the OKLab lightness (Ottosson 2020), from dark (rank 1) to pale (last rank):
//! the hue tells ranks apart in colour, the lightness in greyscale.

const COLOURS: [&str; 8] = [
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#882255",
];
const DASHES: [&str; 6] = ["", "9 4", "2 3", "11 3 2 3", "5 5", "14 3 3 3 3 3"];

/// A marker shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    Circle,
    Square,
    TriangleUp,
    Diamond,
    TriangleDown,
    Plus,
    Cross,
}

const MARKERS: [Marker; 7] = [
    Marker::Circle,
    Marker::Square,
    Marker::TriangleUp,
    Marker::Diamond,
    Marker::TriangleDown,
    Marker::Plus,
    Marker::Cross,
];

/// The look of one line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Series {
    pub colour: &'static str,
    pub dash: &'static str,
    pub marker: Marker,
}

/// The style of the `i`-th line.
pub fn series(i: usize) -> Series {
    Series {
        colour: COLOURS[i % COLOURS.len()],
        dash: DASHES[i % DASHES.len()],
        marker: MARKERS[i % MARKERS.len()],
    }
}

impl Series {
    /// The `stroke-dasharray` attribute, or nothing for a solid line.
    pub fn dash_attr(&self) -> String {
        if self.dash.is_empty() {
            String::new()
        } else {
            format!(" stroke-dasharray=\"{}\"", self.dash)
        }
    }

    /// The marker at (x, y), `r` its half-size, as an SVG element.
    pub fn marker_svg(&self, x: f64, y: f64, r: f64) -> String {
        let c = self.colour;
        match self.marker {
            Marker::Circle => {
                format!("<circle cx=\"{x:.2}\" cy=\"{y:.2}\" r=\"{r:.2}\" fill=\"{c}\"/>")
            }
            Marker::Square => format!(
                "<rect x=\"{:.2}\" y=\"{:.2}\" width=\"{:.2}\" height=\"{:.2}\" fill=\"{c}\"/>",
                x - r * 0.85,
                y - r * 0.85,
                r * 1.7,
                r * 1.7
            ),
            Marker::TriangleUp | Marker::TriangleDown => {
                let s = if self.marker == Marker::TriangleUp {
                    1.0
                } else {
                    -1.0
                };
                format!(
                    "<path d=\"M{:.2},{:.2}L{:.2},{:.2}L{:.2},{:.2}Z\" fill=\"{c}\"/>",
                    x,
                    y - s * r * 1.1,
                    x + r,
                    y + s * r * 0.8,
                    x - r,
                    y + s * r * 0.8
                )
            }
            Marker::Diamond => format!(
                "<path d=\"M{:.2},{:.2}L{:.2},{:.2}L{:.2},{:.2}L{:.2},{:.2}Z\" fill=\"{c}\"/>",
                x,
                y - r * 1.15,
                x + r,
                y,
                x,
                y + r * 1.15,
                x - r,
                y
            ),
            Marker::Plus => format!(
                "<path d=\"M{:.2},{y:.2}H{:.2}M{x:.2},{:.2}V{:.2}\" stroke=\"{c}\" stroke-width=\"2.2\" fill=\"none\"/>",
                x - r,
                x + r,
                y - r,
                y + r
            ),
            Marker::Cross => format!(
                "<path d=\"M{:.2},{:.2}L{:.2},{:.2}M{:.2},{:.2}L{:.2},{:.2}\" stroke=\"{c}\" stroke-width=\"2.2\" fill=\"none\"/>",
                x - r,
                y - r,
                x + r,
                y + r,
                x - r,
                y + r,
                x + r,
                y - r
            ),
        }
    }
}

/// The colour of rank `k` (0 for the first) of `n`, and whether text on it should be white.
pub fn rank_colour(k: usize, n: usize) -> (String, bool) {
    let f = if n > 1 {
        k as f64 / (n - 1) as f64
    } else {
        0.0
    };
    let l = 0.34 + (0.94 - 0.34) * f;
    // Hues from blue through purple, red, orange and yellow to green.
    let hue = (265.0 - 300.0 * f).to_radians();
    let mut chroma = 0.16;
    let rgb = loop {
        let (a, b) = (chroma * hue.cos(), chroma * hue.sin());
        if let Some(rgb) = oklab_to_srgb(l, a, b) {
            break rgb;
        }
        chroma -= 0.005;
        if chroma <= 0.0 {
            break oklab_to_srgb(l, 0.0, 0.0).unwrap_or([0.5; 3]);
        }
    };
    let hex = format!(
        "#{:02x}{:02x}{:02x}",
        (rgb[0] * 255.0).round() as u8,
        (rgb[1] * 255.0).round() as u8,
        (rgb[2] * 255.0).round() as u8
    );
    (hex, l < 0.62)
}

/// OKLab to gamma-encoded sRGB in [0, 1]; `None` outside the sRGB gamut.
fn oklab_to_srgb(l: f64, a: f64, b: f64) -> Option<[f64; 3]> {
    let l_ = l + 0.396_337_777_4 * a + 0.215_803_757_3 * b;
    let m_ = l - 0.105_561_345_8 * a - 0.063_854_172_8 * b;
    let s_ = l - 0.089_484_177_5 * a - 1.291_485_548 * b;
    let (l3, m3, s3) = (l_ * l_ * l_, m_ * m_ * m_, s_ * s_ * s_);
    let lin = [
        4.076_741_662_1 * l3 - 3.307_711_591_3 * m3 + 0.230_969_929_2 * s3,
        -1.268_438_004_6 * l3 + 2.609_757_401_1 * m3 - 0.341_319_396_5 * s3,
        -0.004_196_086_3 * l3 - 0.703_418_614_7 * m3 + 1.707_614_701 * s3,
    ];
    if lin.iter().any(|&c| !(-1e-9..=1.0 + 1e-9).contains(&c)) {
        return None;
    }
    Some(lin.map(|c| {
        let c = c.clamp(0.0, 1.0);
        if c <= 0.003_130_8 {
            12.92 * c
        } else {
            1.055 * c.powf(1.0 / 2.4) - 0.055
        }
    }))
}

/// CIE lightness L* (0 black to 100 white) of a `#rrggbb` colour: what greyscale print keeps.
pub fn lightness(hex: &str) -> f64 {
    let ch = |k: usize| {
        let v = u8::from_str_radix(&hex[1 + 2 * k..3 + 2 * k], 16).unwrap_or(0) as f64 / 255.0;
        if v <= 0.040_45 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    let y = 0.2126 * ch(0) + 0.7152 * ch(1) + 0.0722 * ch(2);
    if y > 216.0 / 24389.0 {
        116.0 * y.cbrt() - 16.0
    } else {
        y * 24389.0 / 27.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_42_lines_differ_in_dash_and_marker() {
        for i in 0..42 {
            for k in 0..i {
                let (a, b) = (series(i), series(k));
                assert!((a.dash, a.marker) != (b.dash, b.marker), "{i} and {k}");
            }
        }
        // And the first 8 in colour too.
        for i in 0..8 {
            for k in 0..i {
                assert_ne!(series(i).colour, series(k).colour);
            }
        }
    }

    #[test]
    fn ranks_step_down_in_greyscale_and_differ_in_hue() {
        for n in [2, 3, 5, 10, 12] {
            let colours: Vec<String> = (0..n).map(|k| rank_colour(k, n).0).collect();
            let l: Vec<f64> = colours.iter().map(|c| lightness(c)).collect();
            for k in 1..n {
                assert!(
                    l[k] - l[k - 1] >= 4.5,
                    "n = {n}: ranks {k} and {} are {:.1} and {:.1} L*",
                    k + 1,
                    l[k - 1],
                    l[k]
                );
            }
            for k in 1..n {
                assert_ne!(colours[k], colours[k - 1]);
            }
        }
        assert_eq!(lightness("#000000"), 0.0);
        assert!((lightness("#ffffff") - 100.0).abs() < 1e-9);
    }

    #[test]
    fn text_is_white_on_dark_ranks_and_black_on_pale_ones() {
        assert!(rank_colour(0, 5).1);
        assert!(!rank_colour(4, 5).1);
    }
}
