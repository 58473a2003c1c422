//! The SMAA chart: for each alternative, a bar split into the shares of the draws that put it
//! at rank 1, 2, …; one hue per rank, lighter for later ranks, the share written in every
//! segment wide enough to hold it (every share is in the segment's tooltip and in the tables).

use super::style::rank_colour;
use super::text;
use super::{Anchor, Canvas, Chart, Font, esc};
use crate::smaa::Smaa;

const WIDTH: f64 = 760.0;
const PAD: f64 = 16.0;
const BAR: f64 = 26.0;

/// A share as the tables print it: one decimal.
fn share(b: f64) -> String {
    format!("{:.1}%", b * 100.0)
}

/// The rank acceptability chart.
pub fn acceptability_chart(smaa: &Smaa) -> Chart {
    let n = smaa.alternatives.len();
    let mut cv = Canvas::default();
    let title = format!(
        "Rank acceptability: how often each alternative takes each rank, over {} random weight draws",
        text::thousands(smaa.samples)
    );
    let mut y = cv.title(&title, PAD, PAD + 15.0, WIDTH - 2.0 * PAD);
    let (left, right) = (PAD, WIDTH - PAD);
    let plot_w = right - left;
    let name_font = Font::new(12.0);
    let seg_font = Font::new(11.0);
    for a in &smaa.alternatives {
        let wrapped = text::wrap(&a.name, 12.0, plot_w);
        y = cv.lines(&wrapped, left, y + 14.0, 15.0, name_font, "name") + 6.0;
        let mut x = left;
        for (r, &b) in a.rank_acceptability.iter().enumerate() {
            let w = b * plot_w;
            if w <= 0.0 {
                continue;
            }
            let (fill, white) = rank_colour(r, n);
            cv.raw(&format!(
                "<rect class=\"segment\" x=\"{x:.2}\" y=\"{y:.2}\" width=\"{w:.2}\" height=\"{BAR}\" fill=\"{fill}\" stroke=\"white\" stroke-width=\"1\"><title>{}: rank {}, {}</title></rect>",
                esc(&a.name),
                r + 1,
                share(b)
            ));
            let label = share(b);
            if text::width(&label, seg_font.size) + 6.0 <= w {
                let colour = if white { "white" } else { "#111" };
                cv.text(
                    &label,
                    x + w / 2.0,
                    y + BAR / 2.0 + 4.0,
                    Anchor::Middle,
                    seg_font.fill(colour),
                    "share",
                );
            }
            x += w;
        }
        y += BAR;
    }
    // The axis under the bars.
    y = cv.share_axis(
        left,
        right,
        y + 2.0,
        "Share of the draws (weights drawn uniformly at random)",
    );
    // Legend of the ranks, as many to a row as fit.
    y += 26.0;
    let mut x = left;
    for r in 0..n {
        let label = format!("rank {}", r + 1);
        let w = 18.0 + text::width(&label, 12.0) + 16.0;
        if x + w > right {
            x = left;
            y += 22.0;
        }
        let (fill, _) = rank_colour(r, n);
        cv.raw(&format!(
            "<rect x=\"{x:.2}\" y=\"{:.2}\" width=\"14\" height=\"14\" fill=\"{fill}\" stroke=\"#555\" stroke-width=\"0.5\"/>",
            y - 11.0
        ));
        cv.text(
            &label,
            x + 18.0,
            y,
            Anchor::Start,
            Font::new(12.0),
            "legend",
        );
        x += w;
    }
    let desc = describe(smaa);
    cv.finish(WIDTH, y + PAD, title, desc)
}

/// The chart as a standalone SVG document.
pub fn acceptability_svg(smaa: &Smaa) -> String {
    acceptability_chart(smaa).svg()
}

fn describe(smaa: &Smaa) -> String {
    let parts: Vec<String> = smaa
        .alternatives
        .iter()
        .map(|a| {
            let ranks: Vec<String> = a
                .rank_acceptability
                .iter()
                .enumerate()
                .filter(|(_, b)| **b > 0.0)
                .map(|(r, &b)| format!("rank {} in {}", r + 1, share(b)))
                .collect();
            format!("{}: {}", a.name, ranks.join(", "))
        })
        .collect();
    format!(
        "Stacked bars, one per alternative, of the share of {} weight draws that put it at each rank. {}.",
        text::thousands(smaa.samples),
        parts.join("; ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::overlapping;
    use crate::methods::{Method, Options};
    use crate::sensitivity::fixtures;
    use crate::smaa::{SmaaOptions, smaa};

    #[test]
    fn a_segment_per_nonzero_share_and_no_overlapping_text() {
        let model = fixtures::small();
        let s = SmaaOptions {
            samples: 2000,
            seed: 1,
            weight_order: vec![],
            bounds: None,
            linear: Default::default(),
        };
        let r = smaa(&model, &Options::new(Method::Wsm), &s, &|_| {}).unwrap();
        let chart = acceptability_chart(&r);
        let svg = chart.svg();
        let nonzero = r
            .alternatives
            .iter()
            .flat_map(|a| &a.rank_acceptability)
            .filter(|&&b| b > 0.0)
            .count();
        assert_eq!(svg.matches("class=\"segment\"").count(), nonzero);
        assert_eq!(chart.labels.len(), svg.matches("<text").count());
        assert!(overlapping(&chart.labels).is_empty());
        // Every share written in a segment is the table's figure.
        let a = &r.alternatives[0];
        let b1 = share(a.rank_acceptability[0]);
        assert!(svg.contains(&format!(": rank 1, {b1}</title>")));
        assert!(svg.ends_with("</svg>\n"));
        assert!(svg.contains("<desc>Stacked bars"));
    }
}
