//! `pmatrix rank`: the ranked table with the method's remarks.

use super::doc::{Cell, Column, Doc, Table};
use super::lines;
use crate::methods::{Details, Evaluation, Method};
use crate::model::Model;
use crate::rank::{AltDetails, Ranked, Ranking, VikorCompromise};

/// The ranking as a document: context lines, the ranked table and the method's remarks.
pub fn doc(r: &Ranking, model: &Model) -> Doc {
    let weights: Vec<f64> = r.weights.values().copied().collect();
    let mut context = vec![
        lines::method(r.method, r.normalization),
        lines::weights(model, &weights, r.profile.as_deref()),
    ];
    if let Some(src) = &model.source {
        context.insert(0, format!("Source: {src}"));
    }
    if let Some(p) = r.profile.as_deref().and_then(|name| model.profile(name)) {
        context.extend(crate::weights::profile_notes(p));
    }
    let mut columns = vec![
        Column::new("Rank"),
        Column::keyed("Alternative", "alternative"),
        Column::new("Score"),
    ];
    columns.extend(match r.method {
        Method::Topsis => vec![
            Column::keyed("d+", "d_plus"),
            Column::keyed("d-", "d_minus"),
        ],
        Method::Vikor => vec![Column::keyed("S", "s"), Column::keyed("R", "r")],
        Method::Promethee => vec![
            Column::keyed("phi+", "phi_plus"),
            Column::keyed("phi-", "phi_minus"),
        ],
        _ => vec![],
    });
    let mut table = Table::new("ranking", columns);
    for a in &r.alternatives {
        let mut row = vec![
            Cell::Rank(a.rank),
            Cell::entity(&a.id, &a.name),
            Cell::num(a.score, 4),
        ];
        match a.details {
            AltDetails::Topsis { d_plus, d_minus } => {
                row.extend([Cell::num(d_plus, 4), Cell::num(d_minus, 4)])
            }
            AltDetails::Vikor { s, r, .. } => row.extend([Cell::num(s, 4), Cell::num(r, 4)]),
            AltDetails::Promethee {
                phi_plus,
                phi_minus,
                ..
            } => row.extend([Cell::num(phi_plus, 4), Cell::num(phi_minus, 4)]),
            AltDetails::Contributions { .. } | AltDetails::Omitted {} => {}
        }
        table.push(row);
    }
    let mut notes = lines::notes(model, &r.notes);
    if r.left_out > 0 {
        notes.push(format!(
            "Showing the first {} of {} alternatives; --top N shows more.",
            r.alternatives.len(),
            r.alternatives.len() + r.left_out
        ));
    }
    if r.method == Method::Wpm {
        notes.extend(wpm_zero_note(&r.alternatives, &r.evaluation, model));
    }
    if let Some(v) = &r.vikor {
        notes.push(vikor_note(v, model));
    }
    if let Some(pairs) = &r.incomparable {
        let count = r.incomparable_count.unwrap_or(pairs.len() as u64);
        notes.push(incomparable_note(pairs, count, model));
    }
    notes.extend(super::whatif::dominance_note(model));
    Doc {
        heading: r.title.clone(),
        lines: context,
        tables: std::iter::once(table)
            .chain(super::profiles::tables(
                model,
                r.profile.as_deref().and_then(|name| model.profile(name)),
            ))
            .collect(),
        notes,
    }
}

/// WPM: the alternatives whose product is 0 because one factor is 0, with the criteria that
/// zeroed it. Their shared score hides how they compare on everything else, so say so.
fn wpm_zero_note(alternatives: &[Ranked], ev: &Evaluation, model: &Model) -> Option<String> {
    // The factors come from the evaluation: a large ranking may leave contributions out of
    // its details.
    let Details::Contributions(factors) = &ev.details else {
        return None;
    };
    let zeroed: Vec<String> = alternatives
        .iter()
        .filter_map(|a| {
            let at_zero: Vec<&str> = factors
                .row(a.index)
                .iter()
                .zip(&model.criteria)
                .filter(|&(&f, _)| f == 0.0)
                .map(|(_, c)| c.name.as_str())
                .collect();
            (!at_zero.is_empty()).then(|| format!("{} ({})", a.name, at_zero.join(", ")))
        })
        .collect();
    if zeroed.is_empty() {
        return None;
    }
    let count = match zeroed.len() {
        1 => "1 alternative scores".to_string(),
        n => format!("{n} alternatives score"),
    };
    Some(format!(
        "WPM: {count} 0, because each sits at the worst end of a weighted criterion (normalised value 0) and one zero factor makes the whole product 0: {}. Their scores say nothing about the other criteria; the weighted sum (--method wsm) compares them on all of them.",
        zeroed.join("; ")
    ))
}

fn vikor_note(v: &VikorCompromise, model: &Model) -> String {
    let first = v
        .compromise_set
        .first()
        .map_or("", |id| model.alternative_name(id));
    if v.acceptable_advantage && v.acceptable_stability {
        return format!(
            "VIKOR: {first} is the compromise solution: it leads by at least DQ = {:.4} (acceptable advantage) and is also best by S or R (acceptable stability).",
            v.dq
        );
    }
    let names: Vec<&str> = v
        .compromise_set
        .iter()
        .map(|id| model.alternative_name(id))
        .collect();
    let why = match (v.acceptable_advantage, v.acceptable_stability) {
        (false, _) => format!(
            "the lead in Q is less than DQ = {:.4} (no acceptable advantage)",
            v.dq
        ),
        _ => "the leader by Q is best by neither S nor R (no acceptable stability)".to_string(),
    };
    format!(
        "VIKOR: {why}, so the compromise set is: {}.",
        names.join(", ")
    )
}

fn incomparable_note(pairs: &[[String; 2]], count: u64, model: &Model) -> String {
    let named = |[a, b]: &[String; 2]| {
        format!(
            "{} and {}",
            model.alternative_name(a),
            model.alternative_name(b)
        )
    };
    if count as usize > pairs.len() {
        let list: Vec<String> = pairs.iter().map(named).collect();
        return format!(
            "PROMETHEE I: {count} pairs are incomparable (one is better on φ+, the other on φ−); the first {}: {}.",
            list.len(),
            list.join("; ")
        );
    }
    if pairs.is_empty() {
        return "PROMETHEE I: every pair of alternatives is comparable (the partial ranking agrees with the net flow)."
            .to_string();
    }
    let list: Vec<String> = pairs.iter().map(named).collect();
    format!(
        "PROMETHEE I: {} incomparable (one is better on φ+, the other on φ−).",
        if list.len() == 1 {
            format!("{} are", list[0])
        } else {
            format!("these pairs are: {}", list.join("; "))
        }
    )
}
