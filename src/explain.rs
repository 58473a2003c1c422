//! `--explain`: what each criterion contributes to each alternative's score, and in words why
//! the winner wins.
//!
//! Each method's score is broken down per criterion in the way the method builds it:
//! WSM, the terms w·r that sum to the score; WPM, the factors r^w whose product is the score;
//! TOPSIS, the weighted normalised values w·r whose distances to the ideal make the score;
//! VIKOR, the weighted regrets w(f* − f)/(f* − f⁻) that sum to S (lower is better);
//! PROMETHEE, the per-criterion net flows w·φⱼ that sum to φ.

use nalgebra::DMatrix;

use crate::doc::{Cell, Doc, Table};
use crate::methods::{Details, Method};
use crate::model::Model;
use crate::normalize::normalize;
use crate::rank::Ranking;
use crate::weights::Weights;

/// A per-criterion breakdown of every alternative's score.
#[derive(Debug, Clone, PartialEq)]
pub struct Breakdown {
    /// What a value is, e.g. "weight × normalised value".
    pub label: &'static str,
    /// Alternatives × criteria.
    pub values: DMatrix<f64>,
    /// Whether a larger value is better for the alternative.
    pub higher_is_better: bool,
    /// Whether values combine by product (WPM) rather than by sum.
    pub product: bool,
}

/// The breakdown of a ranking's scores.
pub fn breakdown(model: &Model, weights: &Weights, ranking: &Ranking) -> Breakdown {
    let w = weights.as_slice();
    let x = &model.scores.mid;
    let (n, m) = x.shape();
    let dirs: Vec<_> = model.criteria.iter().map(|c| c.direction).collect();
    let weighted_normalised = || {
        let norm = ranking
            .evaluation
            .normalization
            .unwrap_or(crate::normalize::Normalization::Vector);
        // The evaluation already succeeded with this normalisation, so it cannot fail here.
        let r = normalize(x, &model.columns(), norm)
            .map(|n| n.matrix)
            .unwrap_or_else(|_| DMatrix::zeros(n, m));
        DMatrix::from_fn(n, m, |i, j| w[j] * r[(i, j)])
    };
    match (&ranking.evaluation.details, ranking.method) {
        (Details::Contributions(c), Method::Wsm) => Breakdown {
            label: "weight × normalised value",
            values: c.clone(),
            higher_is_better: true,
            product: false,
        },
        (Details::Contributions(c), _) => Breakdown {
            label: "factor (normalised value ^ weight)",
            values: c.clone(),
            higher_is_better: true,
            product: true,
        },
        (Details::Vikor(_), _) => Breakdown {
            label: "weighted regret (sums to S)",
            values: crate::methods::vikor::regrets(x, &dirs, w),
            higher_is_better: false,
            product: false,
        },
        (Details::Promethee(_), _) => {
            let prefs: Vec<_> = model.criteria.iter().map(|c| c.preference).collect();
            let phi = crate::methods::promethee::criterion_flows(x, &dirs, &prefs);
            Breakdown {
                label: "weighted net flow (sums to phi)",
                values: DMatrix::from_fn(n, m, |a, j| w[j] * phi[(a, j)]),
                higher_is_better: true,
                product: false,
            }
        }
        (Details::Topsis { .. }, _) => Breakdown {
            label: "weighted normalised value",
            values: weighted_normalised(),
            higher_is_better: true,
            product: false,
        },
    }
}

/// A score as written in the model: a level name, a number, or "low..high".
pub fn shown_value(model: &Model, i: usize, j: usize) -> String {
    let c = &model.criteria[j];
    let one = |v: f64| match &c.scale {
        Some(s) => s.level_of(v).map_or_else(|| trim(v), str::to_string),
        None => trim(v),
    };
    let (lo, hi) = (model.scores.lower()[(i, j)], model.scores.upper()[(i, j)]);
    if lo == hi {
        one(lo)
    } else {
        format!("{}..{}", one(lo), one(hi))
    }
}

fn trim(v: f64) -> String {
    let s = format!("{v:.4}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// The most alternatives the breakdown table shows as columns: the best ranked. More would not
/// fit a page; `--format json` carries every alternative's contributions.
pub const MAX_COLUMNS: usize = 8;

/// The explanation as a document section: the breakdown table and the sentences.
pub fn explain(model: &Model, weights: &Weights, ranking: &Ranking) -> Doc {
    let b = breakdown(model, weights, ranking);
    let shown = &ranking.alternatives[..ranking.alternatives.len().min(MAX_COLUMNS)];
    let mut header = vec!["Criterion".to_string(), "Weight".to_string()];
    header.extend(shown.iter().map(|a| a.id.clone()));
    let of = if shown.len() < ranking.alternatives.len() {
        format!(
            "; the first {} of {} alternatives, every one in --format json",
            shown.len(),
            ranking.alternatives.len()
        )
    } else {
        String::new()
    };
    let mut table =
        Table::new(header).captioned(format!("Per-criterion breakdown ({}{of})", b.label));
    for (j, c) in model.criteria.iter().enumerate() {
        let mut row = vec![
            Cell::from(c.name.as_str()),
            Cell::Text(crate::doc::percent(weights.as_slice()[j])),
        ];
        row.extend(shown.iter().map(|a| {
            Cell::Text(format!(
                "{:.4} ({})",
                b.values[(a.index, j)],
                shown_value(model, a.index, j)
            ))
        }));
        table.push(row);
    }
    let mut total = vec![Cell::from("Score"), Cell::from("")];
    total.extend(shown.iter().map(|a| Cell::Text(format!("{:.4}", a.score))));
    table.push(total);
    Doc {
        heading: String::new(),
        lines: Vec::new(),
        tables: vec![table],
        notes: why(model, ranking, &b),
    }
}

/// Sentences: why the first alternative is ahead of the second.
pub fn why(model: &Model, ranking: &Ranking, b: &Breakdown) -> Vec<String> {
    let alts = &ranking.alternatives;
    let Some(first) = alts.first() else {
        return Vec::new();
    };
    let Some(second) = alts.get(1) else {
        return vec![format!("{} is the only alternative.", first.name)];
    };
    let tie = first.rank == second.rank;
    let lead = if tie {
        format!(
            "{} and {} tie for first place (score {:.4}).",
            first.name, second.name, first.score
        )
    } else {
        format!(
            "{} ranks first, ahead of {} (score {:.4} against {:.4}).",
            first.name, second.name, first.score, second.score
        )
    };
    // The advantage of the winner on each criterion, in the breakdown's units.
    let m = model.criteria.len();
    let gain: Vec<f64> = (0..m)
        .map(|j| {
            let (a, c) = (b.values[(first.index, j)], b.values[(second.index, j)]);
            let d = if b.product {
                (a.max(f64::MIN_POSITIVE)).ln() - (c.max(f64::MIN_POSITIVE)).ln()
            } else {
                a - c
            };
            if b.higher_is_better { d } else { -d }
        })
        .collect();
    let mut order: Vec<usize> = (0..m).collect();
    order.sort_by(|&x, &y| gain[y].total_cmp(&gain[x]));
    // "Criterion (x against y)", the subject's value first.
    let describe = |j: usize, subject: usize, other: usize| {
        format!(
            "{} ({} against {})",
            model.criteria[j].name,
            shown_value(model, subject, j),
            shown_value(model, other, j)
        )
    };
    let gains: Vec<String> = order
        .iter()
        .filter(|&&j| gain[j] > 1e-12)
        .take(3)
        .map(|&j| describe(j, first.index, second.index))
        .collect();
    let losses: Vec<String> = order
        .iter()
        .rev()
        .filter(|&&j| gain[j] < -1e-12)
        .take(3)
        .map(|&j| describe(j, second.index, first.index))
        .collect();
    let mut out = vec![lead];
    let subject = if tie { first.name.as_str() } else { "It" };
    if !gains.is_empty() {
        out.push(format!("{subject} gains most on {}.", join(&gains)));
    }
    if !losses.is_empty() {
        out.push(format!("{} does better on {}.", second.name, join(&losses)));
    }
    if gains.is_empty() && losses.is_empty() {
        out.push("The two score the same on every criterion.".to_string());
    }
    out.push(match ranking.method {
        Method::Wsm => "Each contribution is the criterion's weight times the alternative's normalised score (0 = worst end of the scale, 1 = best); the score is their sum.".to_string(),
        Method::Wpm => "Each factor is the normalised score raised to the criterion's weight; the score is their product, so a score of 0 on any weighted criterion makes the whole product 0.".to_string(),
        Method::Topsis => "TOPSIS scores each alternative by how close it is to an ideal that is best on every criterion (1) and how far from one that is worst on every criterion (0).".to_string(),
        Method::Vikor => "VIKOR's regret on a criterion is how far the alternative falls short of the best value, weighted; S is their sum and R the largest, and Q blends the two (lower is better).".to_string(),
        Method::Promethee => "PROMETHEE compares every pair of alternatives criterion by criterion; the net flow says how much an alternative outranks the others minus how much it is outranked.".to_string(),
    });
    vec![out.join(" ")]
}

fn join(items: &[String]) -> String {
    match items.len() {
        0 => String::new(),
        1 => items[0].clone(),
        n => format!("{} and {}", items[..n - 1].join(", "), items[n - 1]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::methods::{Details, Options};

    /// Each additive breakdown adds up to what the method reports: WSM to the score, VIKOR's
    /// regrets to S, PROMETHEE's per-criterion flows to φ.
    #[test]
    fn breakdowns_add_up_to_the_method_values() {
        let model =
            crate::model::load("policies/kazakhstan-torture-prevention.toml".as_ref()).unwrap();
        for method in [Method::Wsm, Method::Vikor, Method::Promethee] {
            let r = crate::rank::rank(&model, &model.weights, None, &Options::new(method)).unwrap();
            let b = breakdown(&model, &model.weights, &r);
            let total: Vec<f64> = match &r.evaluation.details {
                Details::Vikor(v) => v.s.clone(),
                Details::Promethee(p) => p.phi.clone(),
                _ => r.evaluation.scores.clone(),
            };
            for (i, t) in total.iter().enumerate() {
                let sum: f64 = b.values.row(i).iter().sum();
                assert!(
                    (sum - t).abs() < 1e-12,
                    "{method}: row {i} sums to {sum}, not {t}"
                );
            }
        }
    }
}
