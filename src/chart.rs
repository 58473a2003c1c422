//! SVG charts: score against weight for a sweep, and stacked rank acceptability for SMAA.
//!
//! The SVG is written directly: text is left to the viewer's fonts (`font-family:
//! sans-serif`), so no font file or font library is needed to draw a chart. Colours come from
//! a fixed palette (Okabe & Ito 2008, safe for colour-blind readers), cycled in the model's
//! order of alternatives; ranks use a sequential blue ramp, darkest for rank 1.

use std::fmt::Write;

use crate::present::doc::percent;
use crate::sensitivity::sweep::{CriterionSweep, Sweep};
use crate::smaa::Smaa;

const PALETTE: [&str; 8] = [
    "#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000",
];
/// At most this many alternatives get a legend entry; at most this many crossings a label.
const MAX_LABELS: usize = 12;

const PANEL_W: f64 = 760.0;
const PANEL_H: f64 = 380.0;
const LEFT: f64 = 60.0;
const RIGHT: f64 = 190.0;
const TOP: f64 = 40.0;
const BOTTOM: f64 = 50.0;

/// Escapes text for SVG.
fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn header(w: f64, h: f64) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" font-family=\"sans-serif\" font-size=\"12\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
    )
}

/// A line chart per swept criterion (panels stacked vertically): each alternative's score
/// against the criterion's weight, the current weight as a dashed vertical line, and the weights
/// where the ranking changes marked and labelled.
pub fn sweep_svg(sweep: &Sweep, names: &[String]) -> String {
    let h = PANEL_H * sweep.criteria.len() as f64;
    let mut svg = header(PANEL_W, h);
    for (k, c) in sweep.criteria.iter().enumerate() {
        panel(&mut svg, c, names, PANEL_H * k as f64, sweep.method.name());
    }
    svg.push_str("</svg>\n");
    svg
}

fn panel(svg: &mut String, c: &CriterionSweep, names: &[String], y0: f64, method: &str) {
    let (pw, ph) = (PANEL_W - LEFT - RIGHT, PANEL_H - TOP - BOTTOM);
    let (lo, hi) = c
        .steps
        .iter()
        .flat_map(|s| s.scores.values().iter().copied())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
            (a.min(v), b.max(v))
        });
    let (lo, hi) = if hi > lo {
        (lo, hi)
    } else {
        (lo - 0.5, lo + 0.5)
    };
    let x = |t: f64| LEFT + t * pw;
    let y = |s: f64| y0 + TOP + (hi - s) / (hi - lo) * ph;
    let _ = writeln!(
        svg,
        "<text x=\"{}\" y=\"{}\" font-size=\"15\" font-weight=\"bold\">{} score as the weight of {} varies</text>",
        LEFT,
        y0 + 24.0,
        esc(method).to_uppercase(),
        esc(&c.name)
    );
    // Axes, grid and ticks.
    for i in 0..=5 {
        let t = i as f64 / 5.0;
        let s = lo + (hi - lo) * t;
        let _ = writeln!(
            svg,
            "<line x1=\"{x0}\" y1=\"{yy}\" x2=\"{x1}\" y2=\"{yy}\" stroke=\"#e5e5e5\"/>\n<text x=\"{tx}\" y=\"{ty}\" text-anchor=\"end\">{s:.3}</text>\n<line x1=\"{xx}\" y1=\"{b}\" x2=\"{xx}\" y2=\"{b4}\" stroke=\"#333\"/>\n<text x=\"{xx}\" y=\"{b16}\" text-anchor=\"middle\">{p}</text>",
            x0 = LEFT,
            x1 = LEFT + pw,
            yy = y(s),
            tx = LEFT - 6.0,
            ty = y(s) + 4.0,
            xx = x(t),
            b = y0 + TOP + ph,
            b4 = y0 + TOP + ph + 4.0,
            b16 = y0 + TOP + ph + 18.0,
            p = percent(t),
        );
    }
    let _ = writeln!(
        svg,
        "<rect x=\"{LEFT}\" y=\"{}\" width=\"{pw}\" height=\"{ph}\" fill=\"none\" stroke=\"#333\"/>\n<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">weight of {}</text>",
        y0 + TOP,
        LEFT + pw / 2.0,
        y0 + PANEL_H - 8.0,
        esc(&c.name)
    );
    // One line per alternative.
    let n = names.len();
    for i in 0..n {
        let points: Vec<String> = c
            .steps
            .iter()
            .map(|s| format!("{:.2},{:.2}", x(s.weight), y(s.scores.values()[i])))
            .collect();
        let _ = writeln!(
            svg,
            "<polyline fill=\"none\" stroke=\"{}\" stroke-width=\"1.8\" points=\"{}\"><title>{}</title></polyline>",
            PALETTE[i % PALETTE.len()],
            points.join(" "),
            esc(&names[i])
        );
    }
    // The current weight.
    let _ = writeln!(
        svg,
        "<line x1=\"{cx}\" y1=\"{t}\" x2=\"{cx}\" y2=\"{b}\" stroke=\"#555\" stroke-dasharray=\"5,4\"/>\n<text x=\"{lx}\" y=\"{ly}\" fill=\"#555\">now {p}</text>",
        cx = x(c.weight),
        t = y0 + TOP,
        b = y0 + TOP + ph,
        lx = x(c.weight) + 4.0,
        ly = y0 + TOP + 14.0,
        p = percent(c.weight)
    );
    // Where the ranking changes.
    for ch in c.changes.iter().take(MAX_LABELS) {
        let Some(cross) = ch.crossings.first() else {
            continue;
        };
        let i = cross.alternatives.order()[0];
        let s = score_at(c, i, ch.weight);
        let _ = writeln!(
            svg,
            "<circle cx=\"{cx:.2}\" cy=\"{cy:.2}\" r=\"4\" fill=\"white\" stroke=\"#000\"/>\n<text x=\"{cx:.2}\" y=\"{ty:.2}\" text-anchor=\"middle\" font-size=\"11\">{p}</text>",
            cx = x(ch.weight),
            cy = y(s),
            ty = y(s) - 8.0,
            p = percent(ch.weight)
        );
    }
    // Legend.
    for (i, name) in names.iter().enumerate().take(MAX_LABELS) {
        let ly = y0 + TOP + 8.0 + 18.0 * i as f64;
        let lx = LEFT + pw + 14.0;
        let _ = writeln!(
            svg,
            "<line x1=\"{lx}\" y1=\"{ly}\" x2=\"{}\" y2=\"{ly}\" stroke=\"{}\" stroke-width=\"3\"/>\n<text x=\"{}\" y=\"{}\">{}</text>",
            lx + 18.0,
            PALETTE[i % PALETTE.len()],
            lx + 24.0,
            ly + 4.0,
            esc(&truncate(name, 24))
        );
    }
    if n > MAX_LABELS {
        let _ = writeln!(
            svg,
            "<text x=\"{}\" y=\"{}\">… and {} more</text>",
            LEFT + pw + 14.0,
            y0 + TOP + 12.0 + 18.0 * MAX_LABELS as f64,
            n - MAX_LABELS
        );
    }
}

/// The score of alternative `i` at weight `t`, interpolated between the steps around it.
fn score_at(c: &CriterionSweep, i: usize, t: f64) -> f64 {
    let k = c
        .steps
        .windows(2)
        .position(|w| w[1].weight >= t)
        .unwrap_or(0);
    let (a, b) = (&c.steps[k], &c.steps[(k + 1).min(c.steps.len() - 1)]);
    let span = b.weight - a.weight;
    let f = if span > 0.0 {
        ((t - a.weight) / span).clamp(0.0, 1.0)
    } else {
        0.0
    };
    a.scores.values()[i] * (1.0 - f) + b.scores.values()[i] * f
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max - 1).collect();
        t.push('…');
        t
    }
}

/// A horizontal stacked bar per alternative: the shares of rank 1, 2, … (rank acceptability).
pub fn acceptability_svg(smaa: &Smaa) -> String {
    let n = smaa.alternatives.len();
    let (left, bar, gap, top) = (200.0, 22.0, 8.0, 50.0);
    let width = 760.0;
    let plot_w = width - left - 30.0;
    let legend_rows = n.div_ceil(10) as f64;
    let height = top + (bar + gap) * n as f64 + 40.0 + 20.0 * legend_rows;
    let mut svg = header(width, height);
    let _ = writeln!(
        svg,
        "<text x=\"20\" y=\"28\" font-size=\"15\" font-weight=\"bold\">Rank acceptability (SMAA-2, {} samples, {})</text>",
        smaa.samples,
        esc(smaa.method.name())
    );
    let colour = |r: usize| {
        // From dark blue (rank 1) to pale blue (last rank).
        let f = if n > 1 {
            r as f64 / (n - 1) as f64
        } else {
            0.0
        };
        let mix = |a: f64, b: f64| (a + (b - a) * f).round() as u8;
        format!(
            "#{:02x}{:02x}{:02x}",
            mix(8.0, 222.0),
            mix(48.0, 235.0),
            mix(107.0, 247.0)
        )
    };
    for (k, a) in smaa.alternatives.iter().enumerate() {
        let yy = top + (bar + gap) * k as f64;
        let _ = writeln!(
            svg,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
            left - 8.0,
            yy + bar * 0.7,
            esc(&truncate(&a.name, 30))
        );
        let mut x = left;
        for (r, &b) in a.rank_acceptability.iter().enumerate() {
            let w = b * plot_w;
            if w <= 0.0 {
                continue;
            }
            let _ = writeln!(
                svg,
                "<rect x=\"{x:.2}\" y=\"{yy}\" width=\"{w:.2}\" height=\"{bar}\" fill=\"{}\"><title>rank {}: {:.1}%</title></rect>",
                colour(r),
                r + 1,
                b * 100.0
            );
            if w > 34.0 {
                let fill = if r * 2 < n { "white" } else { "black" };
                let _ = writeln!(
                    svg,
                    "<text x=\"{:.2}\" y=\"{}\" text-anchor=\"middle\" font-size=\"11\" fill=\"{fill}\">{:.0}%</text>",
                    x + w / 2.0,
                    yy + bar * 0.7,
                    b * 100.0
                );
            }
            x += w;
        }
    }
    let ly = top + (bar + gap) * n as f64 + 20.0;
    for r in 0..n {
        let (row, col) = (r / 10, r % 10);
        let lx = left + 52.0 * col as f64;
        let yy = ly + 20.0 * row as f64;
        let _ = writeln!(
            svg,
            "<rect x=\"{lx}\" y=\"{}\" width=\"14\" height=\"14\" fill=\"{}\"/>\n<text x=\"{}\" y=\"{}\">{}</text>",
            yy - 11.0,
            colour(r),
            lx + 18.0,
            yy,
            r + 1
        );
    }
    let _ = writeln!(
        svg,
        "<text x=\"{}\" y=\"{ly}\" text-anchor=\"end\">rank</text>",
        left - 8.0
    );
    svg.push_str("</svg>\n");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::methods::{Method, Options};
    use crate::sensitivity::{fixtures, sweep};
    use crate::smaa::{SmaaOptions, smaa};

    #[test]
    fn sweep_chart_has_a_line_per_alternative_and_marks() {
        let model = fixtures::model(2, &[10.0, 0.0, 0.0, 5.0], &[0.5, 0.5], &[]);
        let sw = sweep(
            &model,
            &model.weights,
            &Options::new(Method::Wsm),
            Some(0),
            11,
        )
        .unwrap();
        let names: Vec<String> = vec!["A & B".into(), "C".into()];
        let svg = sweep_svg(&sw, &names);
        assert!(svg.starts_with("<svg"));
        assert_eq!(svg.matches("<polyline").count(), 2);
        assert!(svg.contains("now 50%"));
        assert!(svg.contains(">33.3%<"), "the crossing at 1/3 is labelled");
        assert!(svg.contains("A &amp; B"));
        assert!(!svg.contains("NaN"));
    }

    #[test]
    fn acceptability_chart_has_a_bar_segment_per_nonzero_share() {
        let model = fixtures::small();
        let s = SmaaOptions {
            samples: 2000,
            seed: 1,
            weight_order: vec![],
            bounds: None,
        };
        let r = smaa(&model, &Options::new(Method::Wsm), &s, &|_| {}).unwrap();
        let svg = acceptability_svg(&r);
        let nonzero = r
            .alternatives
            .iter()
            .flat_map(|a| &a.rank_acceptability)
            .filter(|&&b| b > 0.0)
            .count();
        assert_eq!(svg.matches("<title>rank").count(), nonzero);
        assert!(svg.ends_with("</svg>\n"));
    }
}
