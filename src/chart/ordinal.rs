//! The SMAA-O chart: for each alternative, two bars, its first-rank acceptability with the
//! level values as given and with them drawn (the levels' order only), so a reader sees at a
//! glance whether the recommendation depends on the numbers behind the levels.

use super::style::series;
use super::text;
use super::{Anchor, Canvas, Chart, Font, esc};
use crate::smaa::Smaa;

const WIDTH: f64 = 760.0;
const PAD: f64 = 16.0;
const BAR: f64 = 18.0;
const GAP: f64 = 4.0;

fn share(b: f64) -> String {
    format!("{:.1}%", b * 100.0)
}

/// The two kinds of bar: label and colour.
fn kinds() -> [(&'static str, &'static str); 2] {
    [
        ("level values as given", series(0).colour),
        ("levels as an order only (SMAA-O)", series(1).colour),
    ]
}

/// The chart, when the run was SMAA-O.
pub fn ordinal_chart(smaa: &Smaa) -> Option<Chart> {
    let o = smaa.ordinal.as_ref()?;
    let mut cv = Canvas::default();
    let title = format!(
        "First-rank acceptability with the level values as given and drawn, over {} random draws",
        text::thousands(smaa.samples)
    );
    let mut y = cv.title(&title, PAD, PAD + 15.0, WIDTH - 2.0 * PAD);
    let (left, right) = (PAD, WIDTH - PAD);
    let plot_w = right - left;
    let name_font = Font::new(12.0);
    let value_font = Font::new(11.0);
    for (a, &conv) in smaa.alternatives.iter().zip(&o.conventional_first) {
        let wrapped = text::wrap(&a.name, 12.0, plot_w);
        y = cv.lines(&wrapped, left, y + 14.0, 15.0, name_font, "name") + 6.0;
        for (&(kind, colour), v) in kinds().iter().zip([conv, a.rank_acceptability[0]]) {
            let w = v * plot_w;
            cv.raw(&format!(
                "<rect class=\"bar\" x=\"{left:.2}\" y=\"{y:.2}\" width=\"{w:.2}\" height=\"{BAR}\" fill=\"{colour}\"><title>{}: first in {} of the draws, {kind}</title></rect>",
                esc(&a.name),
                share(v)
            ));
            let label = share(v);
            let lw = text::width(&label, value_font.size);
            let base = y + BAR / 2.0 + 4.0;
            if left + w + 4.0 + lw <= right {
                cv.text(
                    &label,
                    left + w + 4.0,
                    base,
                    Anchor::Start,
                    value_font,
                    "share",
                );
            } else {
                cv.text(
                    &label,
                    left + w - 4.0,
                    base,
                    Anchor::End,
                    value_font.fill("white"),
                    "share",
                );
            }
            y += BAR + GAP;
        }
    }
    y = cv.share_axis(
        left,
        right,
        y,
        "Share of the draws in which the alternative is first",
    );
    y += 26.0;
    let mut x = left;
    for (label, colour) in kinds() {
        let w = 18.0 + text::width(label, 12.0) + 16.0;
        if x + w > right {
            x = left;
            y += 22.0;
        }
        cv.raw(&format!(
            "<rect x=\"{x:.2}\" y=\"{:.2}\" width=\"14\" height=\"14\" fill=\"{colour}\"/>",
            y - 11.0
        ));
        cv.text(label, x + 18.0, y, Anchor::Start, Font::new(12.0), "legend");
        x += w;
    }
    let desc = smaa
        .alternatives
        .iter()
        .zip(&o.conventional_first)
        .map(|(a, &c)| {
            format!(
                "{}: first in {} with the values as given, {} with the order only",
                a.name,
                share(c),
                share(a.rank_acceptability[0])
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    Some(cv.finish(WIDTH, y + PAD, title, desc))
}

/// The chart as a standalone SVG document, when the run was SMAA-O.
pub fn ordinal_svg(smaa: &Smaa) -> Option<String> {
    ordinal_chart(smaa).map(|c| c.svg())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::methods::{Method, Options};
    use crate::smaa::SmaaOptions;

    #[test]
    fn the_seed_model_under_smaa_o_draws_both_bars_without_overlaps() {
        let model =
            crate::model::load("policies/kazakhstan-torture-prevention.toml".as_ref()).unwrap();
        let s = SmaaOptions::for_model(&model, 4000, 1);
        let opts = Options::new(Method::Wsm);
        let plain = crate::smaa::smaa(&model, &opts, &s, &|_| {}).unwrap();
        assert!(ordinal_chart(&plain).is_none());
        let r = crate::smaa::smaa_ordinal(&model, &opts, &s, &|_| {}).unwrap();
        let chart = ordinal_chart(&r).unwrap();
        assert!(super::super::overlapping(&chart.labels).is_empty());
        let svg = chart.svg();
        // Two bars per alternative, each with its share as the tables print it.
        assert_eq!(
            svg.matches("class=\"bar\"").count(),
            2 * r.alternatives.len()
        );
        let o = r.ordinal.as_ref().unwrap();
        for (a, &c) in r.alternatives.iter().zip(&o.conventional_first) {
            assert!(chart.desc.contains(&format!(
                "{}: first in {} with the values as given, {} with the order only",
                a.name,
                share(c),
                share(a.rank_acceptability[0])
            )));
        }
    }
}
