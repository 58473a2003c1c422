//! The sweep chart: each alternative's score against one criterion's weight, from 0 to 100%,
//! the other weights keeping their proportions.
//!
//! Every place where two lines cross strictly inside the range is marked and labelled with its
//! weight; lines that only meet at 0% or 100% (a tie at an end) are not a crossing. Under WSM
//! the scores are linear in the weight, so each line is fixed by the sweep's first and last
//! step and a crossing is where two lines meet, exactly. Under the other methods the chart
//! evaluates the method on a grid of 1% steps (through [`crate::rank::evaluate`]), finds each
//! pair whose order flips between two grid points and bisects the difference of their scores
//! to 1e-9; two crossings of the same pair within one 1% step would cancel out and are not
//! seen, and a crossing within 1e-6 of either end counts as a tie at that end.
//!
//! Labels are placed by a collision pass: around the marker at growing distances (with a
//! leader line beyond the nearest ring), never over another label or marker, inside the plot.
//! A crossing whose label finds no room is listed under the chart instead.

use serde::Serialize;

use super::axis::{Ticks, percent};
use super::style::series;
use super::text;
use super::{Anchor, Canvas, Chart, Font, Label, esc};
use crate::methods::{Method, Options, ScoreOrder};
use crate::model::Model;
use crate::normalize::NormalizeError;
use crate::ranking::{magnitude, order_best_first, tied};
use crate::sensitivity::sweep::{CriterionSweep, Sweep};
use crate::weights::Weights;

/// At most this many lines are drawn: the first at the current weights.
pub const MAX_LINES: usize = 24;
/// Grid of the methods that are not linear in the weight: 1% steps.
const GRID: usize = 100;
/// A crossing closer than this to 0 or 1 is a tie at that end. It is what a weighted product
/// gives at 100% (an alternative with a zero factor scores 0 below 100%, and its value on the
/// swept criterion at 100%, where 0⁰ = 1), and no chart could tell it from the end.
const END: f64 = 1e-6;

const WIDTH: f64 = 760.0;
const PAD: f64 = 16.0;
const LEFT: f64 = 64.0;
const RIGHT: f64 = 22.0;
const PLOT_H: f64 = 300.0;
const LABEL: Font = Font::new(11.0);
const MARKER_R: f64 = 4.5;

/// One marked crossing: where two (or more) lines meet.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Crossing {
    /// The weight of the swept criterion.
    pub weight: f64,
    pub score: f64,
    /// The alternatives that meet there (ids, in the model's order).
    pub alternatives: Vec<String>,
    /// Whether the alternative in first place changes there.
    pub first_place_changes: bool,
    /// The label written for it.
    pub label: String,
    /// Whether the label is in the plot (else in the list under the chart).
    pub in_plot: bool,
}

/// The chart of one criterion's sweep.
#[derive(Debug, Clone)]
pub struct SweepChart {
    pub criterion: String,
    pub crossings: Vec<Crossing>,
    pub chart: Chart,
}

/// The scores drawn: at weights `t`, one row per drawn alternative.
struct Curves {
    t: Vec<f64>,
    s: Vec<Vec<f64>>,
}

impl Curves {
    fn at(&self, i: usize, t: f64) -> f64 {
        let k = self
            .t
            .partition_point(|&x| x < t)
            .clamp(1, self.t.len() - 1);
        let (t0, t1) = (self.t[k - 1], self.t[k]);
        let f = if t1 > t0 { (t - t0) / (t1 - t0) } else { 0.0 };
        self.s[i][k - 1] + (self.s[i][k] - self.s[i][k - 1]) * f
    }
}

/// The weights with criterion `j` at `t`; a single criterion always weighs 1.
fn weights_at(weights: &Weights, j: usize, t: f64) -> Weights {
    if weights.len() == 1 {
        weights.clone()
    } else {
        weights.with_weight(j, t)
    }
}

/// One chart per swept criterion.
pub fn sweep_charts(
    model: &Model,
    weights: &Weights,
    opts: &Options,
    sweep: &Sweep,
) -> Result<Vec<SweepChart>, NormalizeError> {
    let now = crate::rank::evaluate(model, weights, opts)?;
    let n = model.alternatives.len();
    let mut shown = order_best_first(&now.scores, now.order);
    shown.truncate(MAX_LINES);
    shown.sort_unstable();
    sweep
        .criteria
        .iter()
        .map(|c| {
            let j = model.criterion_index(&c.id).unwrap_or(0);
            chart(model, weights, opts, sweep.method, c, j, &shown, n)
        })
        .collect()
}

/// Every chart of a sweep in one SVG document, for `sweep --plot`.
pub fn sweep_svg(
    model: &Model,
    weights: &Weights,
    opts: &Options,
    sweep: &Sweep,
) -> Result<String, NormalizeError> {
    let charts: Vec<Chart> = sweep_charts(model, weights, opts, sweep)?
        .into_iter()
        .map(|c| c.chart)
        .collect();
    Ok(super::stack(&charts))
}

#[allow(clippy::too_many_arguments)]
fn chart(
    model: &Model,
    weights: &Weights,
    opts: &Options,
    method: Method,
    c: &CriterionSweep,
    j: usize,
    shown: &[usize],
    n: usize,
) -> Result<SweepChart, NormalizeError> {
    let order = method.score_order();
    let eval = |t: f64| -> Result<Vec<f64>, NormalizeError> {
        Ok(crate::rank::evaluate(model, &weights_at(weights, j, t), opts)?.scores)
    };
    let linear = method == Method::Wsm && c.steps.len() >= 2;
    let curves = if linear {
        Curves {
            t: c.steps.iter().map(|s| s.weight).collect(),
            s: shown
                .iter()
                .map(|&i| c.steps.iter().map(|s| s.scores.values()[i]).collect())
                .collect(),
        }
    } else {
        let t: Vec<f64> = (0..=GRID).map(|k| k as f64 / GRID as f64).collect();
        let all = t.iter().map(|&t| eval(t)).collect::<Result<Vec<_>, _>>()?;
        Curves {
            s: shown
                .iter()
                .map(|&i| all.iter().map(|s| s[i]).collect())
                .collect(),
            t,
        }
    };
    let (curves, found) = if linear {
        let found = linear_crossings(c, shown, order);
        (curves, found)
    } else {
        let found = grid_crossings(&curves, shown, order, &eval)?;
        // Draw the lines through each crossing, and finely near both ends, where a weighted
        // product can be steep, so that the drawn lines cross where the markers are.
        let mut t = curves.t.clone();
        for f in &found {
            t.extend([f.t - 1e-4, f.t, f.t + 1e-4]);
        }
        for e in [1e-4, 1e-3, 2e-3, 5e-3] {
            t.extend([e, 1.0 - e]);
        }
        t.retain(|x| (0.0..=1.0).contains(x));
        t.sort_by(f64::total_cmp);
        t.dedup_by(|a, b| (*a - *b).abs() < 1e-12);
        let all = t.iter().map(|&t| eval(t)).collect::<Result<Vec<_>, _>>()?;
        let curves = Curves {
            s: shown
                .iter()
                .map(|&i| all.iter().map(|s| s[i]).collect())
                .collect(),
            t,
        };
        (curves, found)
    };
    let ids: Vec<String> = model.alternatives.iter().map(|a| a.id.clone()).collect();
    let marks = merge(found, &curves, &ids);
    Ok(draw(model, method, c, shown, n, &curves, marks))
}

/// A crossing before merging: its weight, score, the pair, and whether first place changes.
struct Found {
    t: f64,
    score: f64,
    pair: [usize; 2],
    first: bool,
}

/// Whether `a` is at least as good as `b` up to the tie tolerance.
fn best_of(scores: &[f64], order: ScoreOrder) -> f64 {
    match order {
        ScoreOrder::Descending => scores.iter().copied().fold(f64::NEG_INFINITY, f64::max),
        ScoreOrder::Ascending => scores.iter().copied().fold(f64::INFINITY, f64::min),
    }
}

/// WSM: the lines `a + b t` through the first and last step; a pair crosses inside (0, 1)
/// when its order at 0 and at 1 is strictly opposite.
fn linear_crossings(c: &CriterionSweep, shown: &[usize], order: ScoreOrder) -> Vec<Found> {
    let (first, last) = (&c.steps[0], &c.steps[c.steps.len() - 1]);
    let line = |i: usize| {
        let a = first.scores.values()[i];
        (a, last.scores.values()[i] - a)
    };
    let scale0 = magnitude(first.scores.values());
    let scale1 = magnitude(last.scores.values());
    let sign = |x: f64, y: f64, scale: f64| {
        if tied(x, y, scale) {
            0.0
        } else {
            (x - y).signum()
        }
    };
    let mut out = Vec::new();
    for (k, &p) in shown.iter().enumerate() {
        for &q in &shown[k + 1..] {
            let (ap, bp) = line(p);
            let (aq, bq) = line(q);
            let s0 = sign(ap, aq, scale0);
            let s1 = sign(ap + bp, aq + bq, scale1);
            if s0 == 0.0 || s1 == 0.0 || s0 == s1 {
                continue;
            }
            let t = ((aq - ap) / (bp - bq)).clamp(0.0, 1.0);
            let score = ap + bp * t;
            let at: Vec<f64> = shown.iter().map(|&i| line(i).0 + line(i).1 * t).collect();
            let best = best_of(&at, order);
            let close = |x: f64| (x - best).abs() <= 1e-9 * best.abs().max(1.0);
            let first = close(score) && close(aq + bq * t);
            out.push(Found {
                t,
                score,
                pair: [p, q],
                first,
            });
        }
    }
    out
}

/// Other methods: sign changes of each pair's difference on the grid, bisected to 1e-9.
fn grid_crossings(
    curves: &Curves,
    shown: &[usize],
    order: ScoreOrder,
    eval: &dyn Fn(f64) -> Result<Vec<f64>, NormalizeError>,
) -> Result<Vec<Found>, NormalizeError> {
    let scale = curves.s.iter().fold(0.0, |m: f64, s| m.max(magnitude(s)));
    let sign = |x: f64, y: f64| {
        if tied(x, y, scale) {
            0.0
        } else {
            (x - y).signum()
        }
    };
    let mut out = Vec::new();
    for a in 0..shown.len() {
        for b in a + 1..shown.len() {
            let (p, q) = (shown[a], shown[b]);
            let mut prev: Option<(usize, f64)> = None;
            for k in 0..curves.t.len() {
                let s = sign(curves.s[a][k], curves.s[b][k]);
                if s == 0.0 {
                    continue;
                }
                if let Some((k0, s0)) = prev
                    && s0 != s
                {
                    let (mut lo, mut hi) = (curves.t[k0], curves.t[k]);
                    while hi - lo > crate::sensitivity::WEIGHT_TOLERANCE {
                        let mid = 0.5 * (lo + hi);
                        let at = eval(mid)?;
                        if sign(at[p], at[q]) == s0 {
                            lo = mid;
                        } else {
                            hi = mid;
                        }
                    }
                    let t = 0.5 * (lo + hi);
                    let at = eval(t)?;
                    let best = best_of(&shown.iter().map(|&i| at[i]).collect::<Vec<_>>(), order);
                    let close = |x: f64| (x - best).abs() <= 1e-7 * best.abs().max(1.0);
                    out.push(Found {
                        t,
                        score: 0.5 * (at[p] + at[q]),
                        pair: [p, q],
                        first: close(at[p]) && close(at[q]),
                    });
                }
                prev = Some((k, s));
            }
        }
    }
    Ok(out)
}

/// Crossings at the same point (three lines through one point) become one mark.
fn merge(mut found: Vec<Found>, curves: &Curves, ids: &[String]) -> Vec<Crossing> {
    let (lo, hi) = curves
        .s
        .iter()
        .flatten()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| {
            (a.min(v), b.max(v))
        });
    let tol_s = 1e-9 * (hi - lo).abs().max(1e-12);
    found.sort_by(|a, b| a.t.total_cmp(&b.t).then(a.score.total_cmp(&b.score)));
    let mut groups: Vec<(f64, f64, Vec<usize>, bool)> = Vec::new();
    for f in found {
        match groups.iter_mut().find(|g| {
            (g.0 - f.t).abs() <= 2.0 * crate::sensitivity::WEIGHT_TOLERANCE
                && (g.1 - f.score).abs() <= tol_s.max(1e-7 * (hi - lo).abs())
        }) {
            Some(g) => {
                g.2.extend(f.pair);
                g.3 |= f.first;
            }
            None => groups.push((f.t, f.score, f.pair.to_vec(), f.first)),
        }
    }
    groups
        .into_iter()
        .filter(|g| g.0 > END && g.0 < 1.0 - END)
        .map(|(t, score, mut alts, first)| {
            alts.sort_unstable();
            alts.dedup();
            Crossing {
                weight: t,
                score,
                alternatives: alts.iter().map(|&i| ids[i].clone()).collect(),
                first_place_changes: first,
                label: percent(t),
                in_plot: false,
            }
        })
        .collect()
}

/// What the y axis shows.
fn score_title(method: Method) -> &'static str {
    match method {
        Method::Wsm => "Weighted sum score (higher is better)",
        Method::Wpm => "Weighted product score (higher is better)",
        Method::Topsis => "Closeness to the ideal, TOPSIS (higher is better)",
        Method::Vikor => "VIKOR Q (lower is better)",
        Method::Promethee => "Net flow, PROMETHEE II (higher is better)",
    }
}

fn method_label(method: Method) -> &'static str {
    match method {
        Method::Wsm => "Weighted sum",
        Method::Wpm => "Weighted product",
        Method::Topsis => "TOPSIS",
        Method::Vikor => "VIKOR",
        Method::Promethee => "PROMETHEE II",
    }
}

/// The plot's frame.
#[derive(Clone, Copy)]
struct Frame {
    left: f64,
    right: f64,
    top: f64,
    bottom: f64,
    lo: f64,
    hi: f64,
}

impl Frame {
    fn x(&self, t: f64) -> f64 {
        self.left + t * (self.right - self.left)
    }
    fn y(&self, s: f64) -> f64 {
        self.top + (self.hi - s) / (self.hi - self.lo) * (self.bottom - self.top)
    }
    fn holds(&self, b: &Label) -> bool {
        b.x >= self.left + 2.0
            && b.x + b.width <= self.right - 2.0
            && b.y >= self.top + 2.0
            && b.y + b.height <= self.bottom - 2.0
    }
}

fn draw(
    model: &Model,
    method: Method,
    c: &CriterionSweep,
    shown: &[usize],
    n: usize,
    curves: &Curves,
    mut marks: Vec<Crossing>,
) -> SweepChart {
    let mut cv = Canvas::default();
    let title = format!(
        "{} score as the weight of {} varies",
        method_label(method),
        c.name
    );
    let title_font = Font::new(15.0).bold();
    let lines = text::wrap(&title, 15.0 * 1.1, WIDTH - 2.0 * PAD);
    let last = cv.lines(&lines, PAD, PAD + 15.0, 20.0, title_font, "title");
    let axis_font = Font::new(12.0).fill("#333");
    cv.text(
        score_title(method),
        PAD,
        last + 24.0,
        Anchor::Start,
        axis_font,
        "axis-title",
    );

    let (lo, hi) = curves
        .s
        .iter()
        .flatten()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| {
            (a.min(v), b.max(v))
        });
    let ticks = Ticks::new(lo, hi, 6);
    let (tlo, thi) = ticks.range();
    let top = last + 36.0;
    let f = Frame {
        left: LEFT,
        right: WIDTH - RIGHT,
        top,
        bottom: top + PLOT_H,
        lo: tlo,
        hi: thi,
    };
    // Grid, ticks and their labels.
    let tick_font = Font::new(11.0).fill("#333");
    for &v in &ticks.values {
        let y = f.y(v);
        cv.raw(&format!(
            "<line x1=\"{:.2}\" y1=\"{y:.2}\" x2=\"{:.2}\" y2=\"{y:.2}\" stroke=\"#e3e3e3\"/>",
            f.left, f.right
        ));
        cv.text(
            &ticks.label(v),
            f.left - 8.0,
            y + 4.0,
            Anchor::End,
            tick_font,
            "tick",
        );
    }
    let xt = Ticks::new(0.0, 1.0, 10);
    for &v in &xt.values {
        let x = f.x(v);
        cv.raw(&format!(
            "<line x1=\"{x:.2}\" y1=\"{:.2}\" x2=\"{x:.2}\" y2=\"{:.2}\" stroke=\"#333\"/>",
            f.bottom,
            f.bottom + 4.0
        ));
        cv.text(
            &xt.percent_label(v),
            x,
            f.bottom + 19.0,
            Anchor::Middle,
            tick_font,
            "tick",
        );
    }
    cv.raw(&format!(
        "<rect class=\"plot\" x=\"{:.2}\" y=\"{:.2}\" width=\"{:.2}\" height=\"{:.2}\" fill=\"none\" stroke=\"#333\"/>",
        f.left,
        f.top,
        f.right - f.left,
        f.bottom - f.top
    ));
    let x_title = format!(
        "Weight of {} (the other criteria keep their proportions)",
        c.name
    );
    let mut y = f.bottom + 38.0;
    for l in text::wrap(&x_title, 12.0, WIDTH - 2.0 * PAD) {
        cv.text(
            &l,
            (f.left + f.right) / 2.0,
            y,
            Anchor::Middle,
            axis_font,
            "axis-title",
        );
        y += 16.0;
    }

    // Lines, then their markers (staggered so that no two lines mark the same weight).
    for (k, &i) in shown.iter().enumerate() {
        let st = series(k);
        let pts: Vec<String> = curves
            .t
            .iter()
            .zip(&curves.s[k])
            .map(|(&t, &s)| format!("{:.2},{:.2}", f.x(t), f.y(s)))
            .collect();
        cv.raw(&format!(
            "<polyline class=\"series\" data-id=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\"{} points=\"{}\"><title>{}</title></polyline>",
            esc(&model.alternatives[i].id),
            st.colour,
            st.dash_attr(),
            pts.join(" "),
            esc(&model.alternatives[i].name)
        ));
        for m in 0..4 {
            let t = (m as f64 + (k as f64 + 0.5) / shown.len() as f64) / 4.0;
            cv.raw(&st.marker_svg(f.x(t), f.y(curves.at(k, t)), 3.6));
        }
    }

    // The current weight.
    let cx = f.x(c.weight);
    cv.raw(&format!(
        "<line x1=\"{cx:.2}\" y1=\"{:.2}\" x2=\"{cx:.2}\" y2=\"{:.2}\" stroke=\"#555\" stroke-dasharray=\"5 4\"/>",
        f.top, f.bottom
    ));
    let now = format!("now {}", crate::present::doc::percent(c.weight));
    let mut b = Canvas::measure(&now, cx + 5.0, f.top + 15.0, Anchor::Start, LABEL);
    if !f.holds(&b) {
        b = Canvas::measure(&now, cx - 5.0, f.top + 15.0, Anchor::End, LABEL);
    }
    let mut taken: Vec<Label> = vec![b.clone()];
    cv.text(
        &now,
        b.x,
        b.y + text::ascent(LABEL.size),
        Anchor::Start,
        LABEL.fill("#444"),
        "now",
    );

    // Crossing markers: every one is an obstacle to every label.
    for m in &marks {
        let (x, y) = (f.x(m.weight), f.y(m.score));
        taken.push(Label {
            text: String::new(),
            x: x - MARKER_R - 1.0,
            y: y - MARKER_R - 1.0,
            width: 2.0 * MARKER_R + 2.0,
            height: 2.0 * MARKER_R + 2.0,
        });
        let fill = if m.first_place_changes {
            "#000"
        } else {
            "white"
        };
        cv.raw(&format!(
            "<circle class=\"crossing\" data-weight=\"{}\" cx=\"{x:.2}\" cy=\"{y:.2}\" r=\"{MARKER_R}\" fill=\"{fill}\" stroke=\"#000\" stroke-width=\"1.5\"><title>{}</title></circle>",
            m.weight,
            esc(&m.label)
        ));
    }
    // Labels: first-place changes first, then from left to right.
    let mut order: Vec<usize> = (0..marks.len()).collect();
    order.sort_by_key(|&k| !marks[k].first_place_changes);
    for &k in &order {
        let (x, y) = (f.x(marks[k].weight), f.y(marks[k].score));
        if let Some((b, leader)) = place(&marks[k].label, x, y, &f, &taken) {
            if leader {
                let (lx, ly) = (x.clamp(b.x, b.x + b.width), y.clamp(b.y, b.y + b.height));
                cv.raw(&format!(
                    "<line x1=\"{x:.2}\" y1=\"{y:.2}\" x2=\"{lx:.2}\" y2=\"{ly:.2}\" stroke=\"#777\" stroke-width=\"0.8\"/>"
                ));
            }
            cv.text(
                &marks[k].label,
                b.x,
                b.y + text::ascent(LABEL.size),
                Anchor::Start,
                LABEL.fill("#111"),
                "crossing-label",
            );
            taken.push(b);
            marks[k].in_plot = true;
        }
    }

    // Legend: two columns, full names wrapped.
    y += 8.0;
    let col = (WIDTH - 2.0 * PAD) / 2.0;
    let name_font = Font::new(12.0);
    for row in shown.chunks(2).enumerate() {
        let (r, pair) = row;
        let mut rows_used: usize = 1;
        for (side, &i) in pair.iter().enumerate() {
            let k = 2 * r + side;
            let st = series(k);
            let x0 = PAD + col * side as f64;
            let ly = y + 5.0;
            cv.raw(&format!(
                "<line x1=\"{x0:.2}\" y1=\"{ly:.2}\" x2=\"{:.2}\" y2=\"{ly:.2}\" stroke=\"{}\" stroke-width=\"2\"{}/>",
                x0 + 32.0,
                st.colour,
                st.dash_attr()
            ));
            cv.raw(&st.marker_svg(x0 + 16.0, ly, 3.6));
            let wrapped = text::wrap(&model.alternatives[i].name, 12.0, col - 48.0);
            cv.lines(&wrapped, x0 + 38.0, y + 9.0, 15.0, name_font, "legend");
            rows_used = rows_used.max(wrapped.len());
        }
        y += 15.0 * rows_used as f64 + 6.0;
    }
    // Key of the crossing markers.
    y += 6.0;
    let key_font = Font::new(11.0).fill("#333");
    let mut x = PAD;
    for (fill, what) in [
        ("white", "lines cross (label: the weight)"),
        ("#000", "the first-placed alternative changes"),
    ] {
        cv.raw(&format!(
            "<circle cx=\"{:.2}\" cy=\"{:.2}\" r=\"{MARKER_R}\" fill=\"{fill}\" stroke=\"#000\" stroke-width=\"1.5\"/>",
            x + MARKER_R,
            y - 4.0
        ));
        let b = Canvas::measure(what, x + 14.0, y, Anchor::Start, key_font);
        cv.text(what, x + 14.0, y, Anchor::Start, key_font, "key");
        x = b.x + b.width + 24.0;
    }
    y += 8.0;
    if n > shown.len() {
        y += 14.0;
        let note = format!(
            "The {} alternatives first at the current weights are drawn, of {n}.",
            shown.len()
        );
        for l in text::wrap(&note, 11.0, WIDTH - 2.0 * PAD) {
            cv.text(&l, PAD, y, Anchor::Start, key_font, "note");
            y += 14.0;
        }
    }
    let unplaced: Vec<String> = marks
        .iter()
        .filter(|m| !m.in_plot)
        .map(|m| format!("{} ({})", m.label, names(model, &m.alternatives)))
        .collect();
    if !unplaced.is_empty() {
        y += 14.0;
        let note = format!(
            "Also crossing, not labelled above: {}.",
            unplaced.join("; ")
        );
        for l in text::wrap(&note, 11.0, WIDTH - 2.0 * PAD) {
            cv.text(&l, PAD, y, Anchor::Start, key_font, "note");
            y += 14.0;
        }
    }
    let desc = describe(model, method, c, &marks, shown);
    SweepChart {
        criterion: c.id.clone(),
        crossings: marks,
        chart: cv.finish(WIDTH, y + PAD, title, desc),
    }
}

/// The names of alternatives given by id, joined.
fn names(model: &Model, ids: &[String]) -> String {
    let v: Vec<&str> = ids.iter().map(|id| model.alternative_name(id)).collect();
    match v.len() {
        0 => String::new(),
        1 => v[0].to_string(),
        _ => format!("{} and {}", v[..v.len() - 1].join(", "), v[v.len() - 1]),
    }
}

/// A free place for a label around (x, y): the box, and whether it needs a leader line.
fn place(text: &str, x: f64, y: f64, f: &Frame, taken: &[Label]) -> Option<(Label, bool)> {
    let probe = Canvas::measure(text, 0.0, 0.0, Anchor::Start, LABEL);
    let (w, h) = (probe.width, probe.height);
    const DIRS: [(i8, i8); 8] = [
        (0, -1),
        (1, -1),
        (-1, -1),
        (1, 0),
        (-1, 0),
        (0, 1),
        (1, 1),
        (-1, 1),
    ];
    for r in [4.0, 11.0, 20.0, 32.0, 46.0, 62.0, 80.0, 100.0] {
        for (dx, dy) in DIRS {
            let bx = match dx {
                1 => x + r,
                -1 => x - r - w,
                _ => x - w / 2.0,
            };
            let by = match dy {
                1 => y + r,
                -1 => y - r - h,
                _ => y - h / 2.0,
            };
            let b = Label {
                text: text.to_string(),
                x: bx,
                y: by,
                width: w,
                height: h,
            };
            if f.holds(&b) && !taken.iter().any(|t| t.overlaps(&b)) {
                return Some((b, r > 12.0));
            }
        }
    }
    None
}

/// The text alternative of a chart.
fn describe(
    model: &Model,
    method: Method,
    c: &CriterionSweep,
    marks: &[Crossing],
    shown: &[usize],
) -> String {
    let mut s = format!(
        "{} of {} alternatives as the weight of {} goes from 0% to 100%, the other weights keeping their proportions; the dashed line marks the current weight, {}.",
        score_title(method),
        shown.len(),
        c.name,
        crate::present::doc::percent(c.weight)
    );
    if marks.is_empty() {
        s.push_str(" No two lines cross: the order is the same at every weight.");
    } else {
        let parts: Vec<String> = marks
            .iter()
            .map(|m| {
                format!(
                    "at {} {} meet{}",
                    m.label,
                    names(model, &m.alternatives),
                    if m.first_place_changes {
                        " and first place changes"
                    } else {
                        ""
                    }
                )
            })
            .collect();
        s.push_str(&format!(
            " Lines cross {}: {}.",
            marks.len(),
            parts.join("; ")
        ));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::overlapping;
    use crate::sensitivity::{fixtures, sweep};
    use approx::assert_relative_eq;

    fn charts(model: &Model, method: Method, steps: usize) -> Vec<SweepChart> {
        let opts = Options::new(method);
        let sw = sweep(model, &model.weights, &opts, None, steps).unwrap();
        sweep_charts(model, &model.weights, &opts, &sw).unwrap()
    }

    /// a0 = (10, 0), a1 = (0, 5) on 0–10: with c0 at t, s0 = t and s1 = 0.5 (1 − t), which
    /// meet at t = 1/3, score 1/3. Marked once, whatever the number of steps.
    #[test]
    fn the_crossing_is_exact_and_found_with_any_step() {
        let model = fixtures::model(2, &[10.0, 0.0, 0.0, 5.0], &[0.5, 0.5], &[]);
        for steps in [2, 5, 21] {
            let c = &charts(&model, Method::Wsm, steps)[0];
            assert_eq!(c.crossings.len(), 1, "{steps} steps");
            assert_relative_eq!(c.crossings[0].weight, 1.0 / 3.0, epsilon = 1e-15);
            assert_relative_eq!(c.crossings[0].score, 1.0 / 3.0, epsilon = 1e-15);
            assert!(c.crossings[0].first_place_changes);
            assert_eq!(c.crossings[0].label, "33.3%");
            assert!(c.chart.svg().contains(">33.3%</text>"));
        }
        // PROMETHEE II (usual): φ(a0) = w0 − w1 = 2t − 1, φ(a1) = 1 − 2t: they meet at 1/2.
        let c = &charts(&model, Method::Promethee, 21)[0];
        assert_eq!(c.crossings.len(), 1);
        assert!((c.crossings[0].weight - 0.5).abs() <= 1e-9);
        assert!(c.crossings[0].score.abs() <= 1e-8);
    }

    /// Lines that only meet at an end are a tie there, not a crossing. a0 = (10, 0),
    /// a1 = (10, 5): with c1 at t, s0 = 1 − t, s1 = 1 − 0.5 t, equal only at t = 0.
    #[test]
    fn a_tie_at_an_end_is_not_marked() {
        let model = fixtures::model(2, &[10.0, 0.0, 10.0, 5.0], &[0.5, 0.5], &[]);
        for method in [Method::Wsm, Method::Topsis, Method::Promethee] {
            let cs = charts(&model, method, 21);
            assert!(
                cs[1].crossings.is_empty(),
                "{method}: {:?}",
                cs[1].crossings
            );
            assert_eq!(cs[1].chart.svg().matches("class=\"crossing\"").count(), 0);
        }
    }

    /// Three lines crossing pairwise in one step interval: every crossing is marked, not just
    /// the first (a sweep with few steps sees one change there).
    #[test]
    fn every_crossing_in_a_step_is_marked() {
        // c0 at t: a0 = t, a1 = 0.9 (1 − t) + 0.3 t... built from scores on 0–10.
        let model = fixtures::model(3, &[10.0, 0.0, 0.0, 6.0, 4.0, 3.0], &[0.5, 0.5], &[]);
        // s0 = t, s1 = 0.6 (1 − t), s2 = 0.4 t + 0.3 (1 − t) = 0.3 + 0.1 t.
        // s0 = s1 at 0.375, s0 = s2 at 1/3, s1 = s2 at 3/7.
        let c = &charts(&model, Method::Wsm, 2)[0];
        let got: Vec<f64> = c.crossings.iter().map(|m| m.weight).collect();
        assert_eq!(got.len(), 3, "{got:?}");
        assert_relative_eq!(got[0], 1.0 / 3.0, epsilon = 1e-12);
        assert_relative_eq!(got[1], 0.375, epsilon = 1e-12);
        assert_relative_eq!(got[2], 3.0 / 7.0, epsilon = 1e-12);
        // First place goes from a1 to a0 at 0.375 only.
        let first: Vec<bool> = c.crossings.iter().map(|m| m.first_place_changes).collect();
        assert_eq!(first, vec![false, true, false]);
    }

    #[test]
    fn labels_never_overlap_and_every_text_is_measured() {
        let model = fixtures::small();
        for method in Method::ALL {
            for c in charts(&model, method, 21) {
                let svg = c.chart.svg();
                assert_eq!(c.chart.labels.len(), svg.matches("<text").count());
                let o = overlapping(&c.chart.labels);
                let pairs: Vec<_> = o
                    .iter()
                    .map(|&(a, b)| (&c.chart.labels[a], &c.chart.labels[b]))
                    .collect();
                assert!(o.is_empty(), "{method}: {pairs:?}");
                assert!(!svg.contains("NaN") && !svg.contains("inf"));
                assert!(!svg.contains(".%"));
                assert!(svg.contains("<title>") && svg.contains("<desc>"));
            }
        }
    }
}
