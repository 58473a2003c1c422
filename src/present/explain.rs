//! `--explain`: the per-criterion breakdown table, and in words why the winner wins.

use super::doc::{Cell, Column, Doc, Table};
use super::lines;
use crate::explain::Breakdown;
use crate::methods::Method;
use crate::model::Model;
use crate::rank::Ranking;

/// The most alternatives the breakdown table shows as columns: the best ranked. More would not
/// fit a page; `--format json` carries every alternative's contributions.
pub const MAX_COLUMNS: usize = 8;

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

/// A score with four decimals, as the tables print it.
fn four(v: f64) -> String {
    crate::present::doc::fixed(v, 4)
}

fn trim(v: f64) -> String {
    let s = crate::present::doc::fixed(v, 4);
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// What a breakdown value is.
fn label(method: Method) -> &'static str {
    match method {
        Method::Wsm => "weight × normalised value",
        Method::Wpm => "factor (normalised value ^ weight)",
        Method::Topsis => "weighted normalised value",
        Method::Vikor => "weighted regret (sums to S)",
        Method::Promethee => "weighted net flow (sums to phi)",
    }
}

/// The explanation as a document section: the breakdown table and the sentences.
pub fn doc(model: &Model, ranking: &Ranking, b: &Breakdown) -> Doc {
    let weights: Vec<f64> = ranking.weights.values().copied().collect();
    let shown = &ranking.alternatives[..ranking.alternatives.len().min(MAX_COLUMNS)];
    let mut columns = vec![
        Column::keyed("Criterion", "criterion"),
        Column::new("Weight"),
    ];
    columns.extend(
        shown
            .iter()
            .map(|a| Column::keyed(a.id.clone(), a.id.clone())),
    );
    let of = if shown.len() < ranking.alternatives.len() {
        format!(
            "; the first {} of {} alternatives, every one in --format json",
            shown.len(),
            ranking.alternatives.len()
        )
    } else {
        String::new()
    };
    let mut table = Table::new("breakdown", columns).captioned(format!(
        "Per-criterion breakdown ({}{of})",
        label(ranking.method)
    ));
    for (j, c) in model.criteria.iter().enumerate() {
        let mut row = vec![Cell::entity(&c.id, &c.name), Cell::Weight(weights[j])];
        row.extend(shown.iter().map(|a| Cell::Valued {
            value: b.values[(a.index, j)],
            shown: shown_value(model, a.index, j),
        }));
        table.push(row);
    }
    let mut total = vec![Cell::entity("score", "Score"), Cell::Empty];
    total.extend(shown.iter().map(|a| Cell::num(a.score, 4)));
    table.push(total);
    Doc {
        heading: String::new(),
        lines: Vec::new(),
        tables: vec![table],
        notes: why(model, ranking, b),
    }
}

/// Sentences: why the first alternative is ahead of the second; a tie for first is said as a
/// tie of all the alternatives in it.
pub fn why(model: &Model, ranking: &Ranking, b: &Breakdown) -> Vec<String> {
    let alts = &ranking.alternatives;
    let Some(first) = alts.first() else {
        return Vec::new();
    };
    let Some(second) = alts.get(1) else {
        return vec![format!("{} is the only alternative.", first.name)];
    };
    let tied: Vec<&str> = alts
        .iter()
        .filter(|a| a.rank == 1)
        .map(|a| a.name.as_str())
        .collect();
    let tie = tied.len() > 1;
    let lead = if tie && tied.len() == alts.len() {
        format!(
            "All {} alternatives tie at {}: no alternative ranks first.",
            lines::count(alts.len()),
            four(first.score)
        )
    } else if tie {
        format!(
            "{} tie for first place (score {}).",
            lines::and(&tied),
            four(first.score)
        )
    } else {
        format!(
            "{} ranks first, ahead of {} (score {} against {}).",
            first.name,
            second.name,
            four(first.score),
            four(second.score)
        )
    };
    // The advantage of the first on each criterion over the second, in the breakdown's units.
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
        let against = if tie {
            format!(" against {}", second.name)
        } else {
            String::new()
        };
        out.push(format!(
            "{subject} gains most{against} on {}.",
            lines::and(&gains)
        ));
    }
    if !losses.is_empty() {
        out.push(format!(
            "{} does better on {}.",
            second.name,
            lines::and(&losses)
        ));
    }
    if gains.is_empty() && losses.is_empty() {
        out.push(format!(
            "{} and {} score the same on every criterion.",
            first.name, second.name
        ));
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
