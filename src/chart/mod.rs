//! SVG charts: score against weight for a sweep ([`sweep`]), and rank acceptability for SMAA
//! ([`acceptability`]).
//!
//! The SVG is written by hand: a chart is a few dozen elements, and text is left to the
//! viewer's fonts, so no font file or plotting library is needed. Every piece of text goes
//! through [`Canvas::text`], which records the box it occupies ([`Label`]); the layout places
//! labels so that no two boxes overlap, and tests (and the browser check) assert it.
//! Every chart carries a `<title>` and a `<desc>` for screen readers.

pub mod acceptability;
pub mod axis;
pub mod ordinal;
pub mod style;
pub mod sweep;
pub mod text;

use std::fmt::Write;

use serde::Serialize;

pub use acceptability::{acceptability_chart, acceptability_svg};
pub use ordinal::{ordinal_chart, ordinal_svg};
pub use sweep::{sweep_charts, sweep_svg};

/// The box a piece of text occupies, in the chart's coordinates (top-left corner and size).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Label {
    pub text: String,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

impl Label {
    /// Whether two boxes share more than a hair of area.
    pub fn overlaps(&self, other: &Label) -> bool {
        const EPS: f64 = 0.01;
        self.x + self.width > other.x + EPS
            && other.x + other.width > self.x + EPS
            && self.y + self.height > other.y + EPS
            && other.y + other.height > self.y + EPS
    }
}

/// The pairs of labels (indices) whose boxes overlap.
pub fn overlapping(labels: &[Label]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for i in 0..labels.len() {
        for k in i + 1..labels.len() {
            if labels[i].overlaps(&labels[k]) {
                out.push((i, k));
            }
        }
    }
    out
}

/// A finished chart: its SVG and the boxes of its text.
#[derive(Debug, Clone)]
pub struct Chart {
    pub width: f64,
    pub height: f64,
    pub title: String,
    pub desc: String,
    /// Every `<text>` element's box, in document order.
    pub labels: Vec<Label>,
    body: String,
}

impl Chart {
    /// The chart as a standalone SVG document.
    pub fn svg(&self) -> String {
        let mut s = String::with_capacity(self.body.len() + 512);
        let _ = writeln!(
            s,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" role=\"img\" font-family=\"{}\" font-size=\"12\">",
            esc(text::FONT_FAMILY),
            w = self.width,
            h = self.height.ceil(),
        );
        self.inner(&mut s);
        s.push_str("</svg>\n");
        s
    }

    fn inner(&self, s: &mut String) {
        let _ = writeln!(
            s,
            "<title>{}</title>\n<desc>{}</desc>\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>",
            esc(&self.title),
            esc(&self.desc)
        );
        s.push_str(&self.body);
    }
}

/// Several charts one under the other in one SVG document (for a file of its own).
pub fn stack(charts: &[Chart]) -> String {
    let width = charts.iter().fold(0.0, |w: f64, c| w.max(c.width));
    let height: f64 = charts.iter().map(|c| c.height.ceil()).sum();
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"{}\" font-size=\"12\">\n",
        esc(text::FONT_FAMILY)
    );
    let title = charts
        .iter()
        .map(|c| c.title.as_str())
        .collect::<Vec<_>>()
        .join("; ");
    let _ = writeln!(s, "<title>{}</title>", esc(&title));
    let mut y = 0.0;
    for c in charts {
        let _ = writeln!(
            s,
            "<svg x=\"0\" y=\"{y}\" width=\"{}\" height=\"{}\" role=\"img\">",
            c.width,
            c.height.ceil()
        );
        c.inner(&mut s);
        s.push_str("</svg>\n");
        y += c.height.ceil();
    }
    s.push_str("</svg>\n");
    s
}

/// Escapes text for SVG content and attributes (the same five characters as HTML).
pub fn esc(s: &str) -> String {
    crate::render::html::escape(s)
}

/// Horizontal anchor of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

/// The style of a text.
#[derive(Debug, Clone, Copy)]
pub struct Font {
    pub size: f64,
    pub bold: bool,
    pub fill: &'static str,
}

impl Font {
    pub const fn new(size: f64) -> Font {
        Font {
            size,
            bold: false,
            fill: "#222",
        }
    }

    pub const fn bold(self) -> Font {
        Font { bold: true, ..self }
    }

    pub const fn fill(self, fill: &'static str) -> Font {
        Font { fill, ..self }
    }
}

/// A chart being drawn: SVG elements, and the boxes of every text written.
#[derive(Debug, Default)]
pub struct Canvas {
    body: String,
    labels: Vec<Label>,
}

impl Canvas {
    /// The box that `text` would take with its baseline at `y`.
    pub fn measure(text: &str, x: f64, y: f64, anchor: Anchor, font: Font) -> Label {
        let w = text::width(text, font.size) * if font.bold { 1.1 } else { 1.0 };
        let left = match anchor {
            Anchor::Start => x,
            Anchor::Middle => x - w / 2.0,
            Anchor::End => x - w,
        };
        Label {
            text: text.to_string(),
            x: left,
            y: y - text::ascent(font.size),
            width: w,
            height: text::height(font.size),
        }
    }

    /// Writes a text with its baseline at `y`; `class` names it for the browser check.
    pub fn text(&mut self, text: &str, x: f64, y: f64, anchor: Anchor, font: Font, class: &str) {
        let label = Canvas::measure(text, x, y, anchor, font);
        let anchor = match anchor {
            Anchor::Start => "",
            Anchor::Middle => " text-anchor=\"middle\"",
            Anchor::End => " text-anchor=\"end\"",
        };
        let weight = if font.bold {
            " font-weight=\"bold\""
        } else {
            ""
        };
        let class = if class.is_empty() {
            String::new()
        } else {
            format!(" class=\"{class}\"")
        };
        let _ = writeln!(
            self.body,
            "<text x=\"{x:.2}\" y=\"{y:.2}\" font-size=\"{}\" fill=\"{}\"{anchor}{weight}{class}>{}</text>",
            font.size,
            font.fill,
            esc(text)
        );
        self.labels.push(label);
    }

    /// Writes lines of text, `gap` apart, the first baseline at `y`; returns the last
    /// baseline.
    pub fn lines(
        &mut self,
        lines: &[String],
        x: f64,
        y: f64,
        gap: f64,
        font: Font,
        class: &str,
    ) -> f64 {
        let mut b = y;
        for (k, l) in lines.iter().enumerate() {
            b = y + gap * k as f64;
            self.text(l, x, b, Anchor::Start, font, class);
        }
        b
    }

    /// A chart's title in bold 15 px, wrapped to `width`, its first baseline at `y`; returns
    /// the height at which the plot below it starts (14 px under the last line).
    pub fn title(&mut self, title: &str, x: f64, y: f64, width: f64) -> f64 {
        let lines = text::wrap(title, 15.0 * 1.1, width);
        self.lines(&lines, x, y, 20.0, Font::new(15.0).bold(), "title") + 14.0
    }

    /// A horizontal axis of shares from 0% to 100% along `left..right` at height `y`: the
    /// line, a tick and label at each quarter, and `title` under them; returns the title's
    /// baseline.
    pub fn share_axis(&mut self, left: f64, right: f64, y: f64, title: &str) -> f64 {
        let ticks = axis::Ticks::new(0.0, 1.0, 4);
        let tick_font = Font::new(11.0).fill("#333");
        self.raw(&format!(
            "<line x1=\"{left}\" y1=\"{y:.2}\" x2=\"{right}\" y2=\"{y:.2}\" stroke=\"#333\"/>"
        ));
        for &v in &ticks.values {
            let x = left + v * (right - left);
            self.raw(&format!(
                "<line x1=\"{x:.2}\" y1=\"{y:.2}\" x2=\"{x:.2}\" y2=\"{:.2}\" stroke=\"#333\"/>",
                y + 4.0
            ));
            let anchor = if v == 0.0 {
                Anchor::Start
            } else if v == 1.0 {
                Anchor::End
            } else {
                Anchor::Middle
            };
            self.text(
                &ticks.percent_label(v),
                x,
                y + 17.0,
                anchor,
                tick_font,
                "tick",
            );
        }
        let baseline = y + 36.0;
        self.text(
            title,
            (left + right) / 2.0,
            baseline,
            Anchor::Middle,
            Font::new(12.0).fill("#333"),
            "axis-title",
        );
        baseline
    }

    /// Appends raw SVG (shapes: no text).
    pub fn raw(&mut self, svg: &str) {
        debug_assert!(!svg.contains("<text"), "text goes through Canvas::text");
        self.body.push_str(svg);
        if !svg.ends_with('\n') {
            self.body.push('\n');
        }
    }

    /// The finished chart.
    pub fn finish(self, width: f64, height: f64, title: String, desc: String) -> Chart {
        Chart {
            width,
            height,
            title,
            desc,
            labels: self.labels,
            body: self.body,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::methods::{Method, Options};
    use crate::smaa::{SmaaOptions, smaa};

    /// The label boxes of every chart of the seed model and of ten alternatives with long
    /// names, under every method: no two overlap, and every crossing that the sweep itself
    /// reports (exactly, for WSM; by bisection otherwise) strictly inside (0, 1) is marked.
    #[test]
    fn no_label_overlaps_and_every_crossing_is_marked_on_real_models() {
        for path in [
            "policies/kazakhstan-torture-prevention.toml",
            "tests/fixtures/ten-long-names.toml",
        ] {
            let model = crate::model::load(path.as_ref()).unwrap();
            for method in Method::ALL {
                let opts = Options::new(method);
                let sw =
                    crate::sensitivity::sweep(&model, &model.weights, &opts, None, 21).unwrap();
                let charts = sweep_charts(&model, &model.weights, &opts, &sw).unwrap();
                for (c, s) in charts.iter().zip(&sw.criteria) {
                    let o = overlapping(&c.chart.labels);
                    assert!(o.is_empty(), "{path} {method} {}: {o:?}", c.criterion);
                    assert_eq!(c.chart.labels.len(), c.chart.svg().matches("<text").count());
                    let (first, last) = (&s.steps[0], &s.steps[s.steps.len() - 1]);
                    // A pair that ties at 0% or 100% swaps there by the model's order: an
                    // end-point tie, which the sweep reports within a step of the end.
                    let ties_at_end = |p: usize, q: usize| {
                        [first, last].iter().any(|st| {
                            let v = st.scores.values();
                            crate::ranking::tied(v[p], v[q], crate::ranking::magnitude(v))
                        })
                    };
                    for x in s.changes.iter().flat_map(|ch| &ch.crossings) {
                        let [p, q] = [x.alternatives.order()[0], x.alternatives.order()[1]];
                        let near_end = x.weight < 0.05 || x.weight > 0.95;
                        if x.weight <= 1e-9
                            || x.weight >= 1.0 - 1e-9
                            || (near_end && ties_at_end(p, q))
                        {
                            continue;
                        }
                        let ids: Vec<&str> = x.alternatives.ids().collect();
                        let marked = c.crossings.iter().any(|m| {
                            (m.weight - x.weight).abs() <= 1e-6
                                && ids.iter().all(|id| m.alternatives.iter().any(|a| a == id))
                        });
                        assert!(
                            marked,
                            "{path} {method} {}: {ids:?} at {}",
                            c.criterion, x.weight
                        );
                    }
                }
                let s = SmaaOptions {
                    samples: 3000,
                    seed: 0,
                    weight_order: vec![],
                    bounds: None,
                    linear: Default::default(),
                };
                let r = smaa(&model, &opts, &s, &|_| {}).unwrap();
                let chart = acceptability_chart(&r);
                assert!(
                    overlapping(&chart.labels).is_empty(),
                    "{path} {method} SMAA"
                );
            }
        }
    }

    #[test]
    fn boxes_that_touch_do_not_overlap() {
        let a = Label {
            text: "a".into(),
            x: 0.0,
            y: 0.0,
            width: 10.0,
            height: 10.0,
        };
        let mut b = a.clone();
        b.x = 10.0;
        assert!(!a.overlaps(&b));
        b.x = 9.0;
        assert!(a.overlaps(&b));
        assert_eq!(overlapping(&[a, b]), vec![(0, 1)]);
    }

    #[test]
    fn every_text_has_a_box_and_the_svg_a_title_and_description() {
        let mut c = Canvas::default();
        c.text("A & B", 10.0, 20.0, Anchor::Middle, Font::new(12.0), "x");
        let chart = c.finish(100.0, 50.0, "T <1>".into(), "D".into());
        let svg = chart.svg();
        assert!(svg.contains("<title>T &lt;1&gt;</title>\n<desc>D</desc>"));
        assert!(svg.contains(">A &amp; B</text>"));
        assert_eq!(chart.labels.len(), svg.matches("<text").count());
        let l = &chart.labels[0];
        assert!((l.x + l.width / 2.0 - 10.0).abs() < 1e-12);
        assert!(l.y < 20.0 && l.y + l.height > 20.0);
        assert!(stack(&[chart.clone(), chart]).contains("<svg x=\"0\" y=\"50\""));
    }
}
