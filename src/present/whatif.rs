//! `whatif` results as a document: tables, and a sentence or two a student understands.

use super::doc::{Cell, Column, Doc, Table, percent};
use super::lines;
use crate::model::Model;
use crate::whatif::{
    AlternativeWhatIf, Dominance, How, NumericChange, OneLevel, ScoreChange, Status, StepSearch,
    WhatIf,
};

/// Percentage points with one decimal at most, without a trailing ".0".
pub fn points(p: f64) -> String {
    let s = format!("{p:.1}");
    let s = s.strip_suffix(".0").unwrap_or(&s).to_string();
    if s == "0" && p > 0.0 {
        format!("{p:.4}")
            .trim_end_matches('0')
            .trim_end_matches('.')
            .to_string()
    } else {
        s
    }
}

fn name<'a>(model: &'a Model, id: &'a str) -> &'a str {
    model.alternative_name(id)
}

fn criterion_name<'a>(model: &'a Model, id: &'a str) -> &'a str {
    model
        .criteria
        .iter()
        .find(|c| c.id == id)
        .map_or(id, |c| c.name.as_str())
}

/// "moving 16 points from Reputational costs to Degree of uncertainty".
pub fn moves(model: &Model, from: &WhatIf, to: &indexmap::IndexMap<String, f64>) -> String {
    let mut down = Vec::new();
    let mut up = Vec::new();
    let mut total = 0.0;
    for c in &model.criteria {
        let (w0, w1) = (from.weights[&c.id], to[&c.id]);
        let d = (w1 - w0) * 100.0;
        if points(d.abs()) == "0" || d.abs() < 5e-5 {
            continue;
        }
        if d < 0.0 {
            down.push((c.name.clone(), -d));
            total += -d;
        } else {
            up.push((c.name.clone(), d));
        }
    }
    let list = |v: &[(String, f64)]| -> String {
        if v.len() == 1 {
            v[0].0.clone()
        } else {
            lines::and(
                &v.iter()
                    .map(|(n, p)| format!("{n} ({})", points(*p)))
                    .collect::<Vec<_>>(),
            )
        }
    };
    if down.is_empty() {
        return "no change of weights".into();
    }
    format!(
        "moving {} points from {} to {}",
        points(total),
        list(&down),
        list(&up)
    )
}

fn status_text(a: &AlternativeWhatIf) -> &'static str {
    match a.status {
        Status::First => "first now",
        Status::PotentiallyOptimal => "yes",
        Status::TieAtBest => "at best a tie",
        Status::NeverFirst => "never",
    }
}

fn steps_cell(s: &StepSearch) -> Cell {
    match s {
        StepSearch::Found { steps, .. } => Cell::Count(*steps),
        StepSearch::Impossible => Cell::from("no"),
        StepSearch::Limit { up_to, .. } => Cell::from(format!("> {up_to}")),
    }
}

fn alternative(model: &Model, id: &str) -> Cell {
    Cell::entity(id, name(model, id))
}

fn criterion(model: &Model, id: &str) -> Cell {
    Cell::entity(id, criterion_name(model, id))
}

fn changes_text(model: &Model, changes: &[ScoreChange]) -> String {
    if changes.is_empty() {
        return "–".into();
    }
    changes
        .iter()
        .map(|c| {
            format!(
                "{}: {} {} → {}",
                c.alternative,
                criterion_name(model, &c.criterion),
                c.from,
                c.to
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn search_changes(model: &Model, s: &StepSearch) -> String {
    match s {
        StepSearch::Found { changes, .. } => changes_text(model, changes),
        StepSearch::Impossible => "not possible".into(),
        StepSearch::Limit { up_to, states } => {
            format!("none with up to {up_to} steps (search stopped after {states} tries)")
        }
    }
}

fn summary_table(r: &WhatIf, model: &Model) -> Table {
    let mut t = Table::new(
        "summary",
        [
            Column::keyed("Alternative", "alternative"),
            Column::keyed("Can it be first?", "status"),
            Column::keyed("Dominated by", "dominated_by"),
            Column::keyed("Weight change (points)", "weight_change_points"),
            Column::keyed("Level steps (own)", "level_steps_own"),
            Column::keyed("Level steps (anyone's)", "level_steps_any"),
        ],
    )
    .captioned("Can it come first, and what would it take (for the winner: to be caught)");
    for a in &r.alternatives {
        let dominated = match a.dominated_by.as_slice() {
            [] => Cell::Empty,
            [one] => alternative(model, one),
            many => Cell::from(many.join(", ")),
        };
        let (own, any) = a
            .level_steps
            .as_ref()
            .map_or((Cell::Empty, Cell::Empty), |l| {
                (steps_cell(&l.own_search), steps_cell(&l.any_search))
            });
        t.push(vec![
            Cell::entity(&a.id, &a.name),
            Cell::from(status_text(a)),
            dominated,
            a.weight_change
                .as_ref()
                .map_or(Cell::from("not possible"), |w| Cell::num(w.points, 1)),
            own,
            any,
        ]);
    }
    t
}

fn weights_table(r: &WhatIf, model: &Model) -> Table {
    let mut t = Table::with_headers("weights", ["Alternative", "Goal", "Weights that do it"])
        .captioned("The smallest change of weights");
    for a in &r.alternatives {
        let goal = if a.status == Status::First {
            "be caught"
        } else {
            "tie for first"
        };
        let text = match &a.weight_change {
            None => "no admissible weights".to_string(),
            Some(w) => {
                let moved: Vec<String> = model
                    .criteria
                    .iter()
                    .filter(|c| (w.weights[&c.id] - r.weights[&c.id]).abs() >= 5e-7)
                    .map(|c| {
                        format!(
                            "{} {} → {}",
                            c.name,
                            percent(r.weights[&c.id]),
                            percent(w.weights[&c.id])
                        )
                    })
                    .collect();
                if moved.is_empty() {
                    "as now".to_string()
                } else {
                    moved.join("; ")
                }
            }
        };
        t.push(vec![
            Cell::entity(&a.id, &a.name),
            Cell::from(goal),
            Cell::from(text),
        ]);
    }
    t
}

fn levels_table(r: &WhatIf, model: &Model) -> Option<Table> {
    let mut t = Table::with_headers("levels", ["Alternative", "Own scores", "Anyone's scores"])
        .captioned("The fewest level steps (one set of changes that does it)");
    for a in &r.alternatives {
        let l = a.level_steps.as_ref()?;
        t.push(vec![
            Cell::entity(&a.id, &a.name),
            Cell::from(search_changes(model, &l.own_search)),
            Cell::from(search_changes(model, &l.any_search)),
        ]);
    }
    Some(t)
}

fn numeric_table(r: &WhatIf, model: &Model) -> Option<Table> {
    let rows: Vec<(&AlternativeWhatIf, &NumericChange)> = r
        .alternatives
        .iter()
        .flat_map(|a| a.numeric_changes.iter().map(move |c| (a, c)))
        .collect();
    if rows.is_empty() {
        return None;
    }
    let mut t = Table::with_headers(
        "numeric",
        [
            "Alternative",
            "Criterion",
            "Score",
            "Would need",
            "Change",
            "Share of range",
        ],
    )
    .captioned("One numeric score alone: the least change that does it");
    for (a, c) in rows {
        t.push(vec![
            Cell::entity(&a.id, &a.name),
            criterion(model, &c.criterion),
            Cell::num(c.from, 4),
            c.to.map_or(Cell::from("not possible"), |v| Cell::num(v, 4)),
            c.change.map_or(Cell::Empty, |v| Cell::num(v, 4)),
            c.share_of_range.map_or(Cell::Empty, Cell::Weight),
        ]);
    }
    Some(t)
}

fn effect(row: Option<&OneLevel>) -> Cell {
    match row {
        None => Cell::Empty,
        Some(r) if r.changes_winner => Cell::from("winner changes"),
        Some(r) if r.changes_ranking => Cell::from("ranking changes"),
        Some(_) => Cell::from("no change"),
    }
}

/// DEXi's one-level table: one row per score on a scale.
pub fn one_level_table(r: &WhatIf, model: &Model) -> Option<Table> {
    if r.one_level.is_empty() {
        return None;
    }
    let mut t = Table::with_headers(
        "one-level",
        [
            "Alternative",
            "Criterion",
            "Score",
            "One level up",
            "One level down",
        ],
    )
    .captioned("Every score moved one level: does the answer change?");
    let mut seen: Vec<(&str, &str)> = Vec::new();
    for row in &r.one_level {
        let key = (row.alternative.as_str(), row.criterion.as_str());
        if seen.contains(&key) {
            continue;
        }
        seen.push(key);
        let find = |dir: &str| {
            r.one_level.iter().find(|o| {
                o.alternative == row.alternative
                    && o.criterion == row.criterion
                    && o.direction == dir
            })
        };
        t.push(vec![
            alternative(model, &row.alternative),
            criterion(model, &row.criterion),
            Cell::from(row.from.as_str()),
            effect(find("up")),
            effect(find("down")),
        ]);
    }
    Some(t)
}

/// The sentence about one alternative's weight change.
pub fn weight_sentence(r: &WhatIf, model: &Model, a: &AlternativeWhatIf) -> String {
    let Some(w) = &a.weight_change else {
        return if a.status == Status::First {
            format!(
                "No admissible weights let another alternative catch {}.",
                a.name
            )
        } else {
            format!("No admissible weights make {} tie for first.", a.name)
        };
    };
    let others = lines::and(
        &w.ties_with
            .iter()
            .map(|id| name(model, id).to_string())
            .collect::<Vec<_>>(),
    );
    let mv = moves(model, r, &w.weights);
    let mut cap = mv.clone();
    if let Some(c) = cap.get_mut(0..1) {
        c.make_ascii_uppercase();
    }
    match (a.status == Status::First, w.ties_with.is_empty()) {
        // The method's scores jump there (WPM at a zero weight): no tie, a change of place.
        (true, true) => format!("{} is first; {mv} makes it lose first place.", a.name),
        (false, true) => format!("{cap} makes {} first.", a.name),
        (true, false) => {
            // "Further puts them ahead" holds only for alternatives that can be strictly first.
            let can_lead = w.ties_with.iter().all(|id| {
                r.alternatives
                    .iter()
                    .any(|b| &b.id == id && b.status == Status::PotentiallyOptimal)
            });
            let further = match (can_lead, w.ties_with.len()) {
                (false, _) => String::new(),
                (true, 1) => format!(", and moving further puts {others} ahead"),
                (true, _) => ", and moving further puts one of them ahead".to_string(),
            };
            format!(
                "{} is first; {mv} makes {others} tie with it{further}.",
                a.name
            )
        }
        (false, false) => format!("{cap} makes {} tie with {others} for first.", a.name),
    }
}

fn dominance_text(model: &Model, a: &AlternativeWhatIf) -> Option<String> {
    let by = a.dominated_by.first()?;
    Some(format!(
        "{} is dominated by {}: no better on any criterion, so it can never be strictly first{}.",
        a.name,
        name(model, by),
        if a.status == Status::TieAtBest {
            " (it ties only when the criteria it loses on weigh nothing)"
        } else {
            ""
        }
    ))
}

/// The headline sentences: the winner's, then the first dominated or never-first alternative.
pub fn sentences(r: &WhatIf, model: &Model) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(a) = r.alternatives.iter().find(|a| a.status == Status::First) {
        out.push(weight_sentence(r, model, a));
        // The closest challenger, unless the first sentence already named it.
        let named = a
            .weight_change
            .as_ref()
            .map_or(&[][..], |w| &w.ties_with[..]);
        let closest = r
            .alternatives
            .iter()
            .filter(|b| b.status != Status::First)
            .filter_map(|b| b.weight_change.as_ref().map(|w| (w.points, b)))
            .min_by(|x, y| x.0.total_cmp(&y.0));
        if let Some((_, b)) = closest.filter(|(_, b)| !named.contains(&b.id)) {
            out.push(weight_sentence(r, model, b));
        }
    } else if let Some(a) = r.alternatives.first() {
        // Only one alternative was asked about, and it is not first.
        out.push(weight_sentence(r, model, a));
    }
    if let Some(d) = r.alternatives.iter().find_map(|a| dominance_text(model, a)) {
        out.push(d);
    } else if let Some(a) = r
        .alternatives
        .iter()
        .find(|a| a.status == Status::NeverFirst)
    {
        out.push(format!(
            "{} cannot come first under any admissible weights.",
            a.name
        ));
    }
    out
}

fn how_note(r: &WhatIf) -> String {
    match &r.how {
        How::ExactLp => format!(
            "Exact: {} scores are linear in the weights, so each weight answer is a linear programme, checked by scoring again at the weights it gives.",
            r.method.name().to_uppercase()
        ),
        How::Search(s) => format!(
            "{} scores are not linear in the weights: answers come from a search over {} weight vectors (a grid of step {} and {} random ones, seed {}), refined by {}, then pulled back towards the current weights one pair of criteria at a time. A search gives the smallest change it found, which bounds the true one from above; \"never\" means never among those tried.",
            r.method.name().to_uppercase(),
            s.candidates,
            percent(s.grid_step),
            s.random_points,
            s.seed,
            s.refined_by
        ),
    }
}

fn levels_note(r: &WhatIf) -> Option<String> {
    let how = r
        .alternatives
        .iter()
        .find_map(|a| a.level_steps.as_ref())?
        .how;
    Some(if how == "exact-additive" {
        "A level step moves one score to the next level of its scale; the fewest steps are exact (each score adds its own term to a weighted sum).".into()
    } else {
        format!(
            "A level step moves one score to the next level of its scale; the fewest steps come from trying every combination of 1, 2, … steps (exact; at most {} changed matrices in all, shared between the questions).",
            r.level_search_budget
        )
    })
}

fn context_lines(r: &WhatIf, model: &Model) -> Vec<String> {
    let weights: Vec<f64> = model.criteria.iter().map(|c| r.weights[&c.id]).collect();
    let mut context = vec![
        lines::method(r.method, r.normalization),
        lines::weights(model, &weights, None),
    ];
    match &r.winner {
        Some(w) => context.push(format!("Winner: {} ({w})", name(model, w))),
        None => {
            let names: Vec<&str> = r.tied_first.iter().map(|id| name(model, id)).collect();
            context.push(format!("Tied for first: {}", lines::and(&names)));
        }
    }
    if !r.weight_bounds.is_empty() || !r.weight_order.is_empty() {
        let mut parts = Vec::new();
        if !r.weight_order.is_empty() {
            parts.push(format!("order {}", r.weight_order.join(" ≥ ")));
        }
        for (id, [lo, hi]) in &r.weight_bounds {
            parts.push(format!("{id} in {} – {}", percent(*lo), percent(*hi)));
        }
        context.push(format!("Weights allowed: {}", parts.join("; ")));
        if !r.weights_admissible {
            context.push("The current weights lie outside these constraints.".into());
        }
    }
    context
}

/// The whole `pmatrix whatif` output.
pub fn doc(r: &WhatIf, model: &Model) -> Doc {
    let mut tables = vec![summary_table(r, model), weights_table(r, model)];
    tables.extend(levels_table(r, model));
    tables.extend(numeric_table(r, model));
    tables.extend(one_level_table(r, model));
    let mut notes = sentences(r, model);
    notes.push(how_note(r));
    notes.extend(levels_note(r));
    notes.extend(lines::notes(model, &r.notes));
    Doc {
        heading: format!("{} — what would it take?", model.title),
        lines: context_lines(r, model),
        tables,
        notes,
    }
}

/// A report section, "What would change the answer": the summary and one-level tables and
/// the sentences.
pub fn section(r: &WhatIf, model: &Model) -> Doc {
    let mut tables = vec![summary_table(r, model)];
    tables.extend(one_level_table(r, model));
    let mut notes = sentences(r, model);
    notes.push(how_note(r));
    Doc {
        heading: "What would change the answer".into(),
        lines: Vec::new(),
        tables,
        notes,
    }
}

/// One line for `check` and `rank` naming the dominated alternatives, if any.
pub fn dominance_line(model: &Model, relations: &[Dominance]) -> Option<String> {
    let strict: Vec<&Dominance> = relations.iter().filter(|d| d.strict).collect();
    let first = strict.first()?;
    let mut dominated: Vec<&str> = strict.iter().map(|d| d.dominated.as_str()).collect();
    dominated.dedup();
    let better: Vec<String> = first
        .better_on
        .iter()
        .map(|c| criterion_name(model, c).to_string())
        .collect();
    let mut s = format!(
        "Note: {} is dominated by {} (worse on {}, no better anywhere): it can never be strictly first.",
        name(model, &first.dominated),
        name(model, &first.by),
        lines::and(&better)
    );
    if dominated.len() > 1 {
        s.push_str(&format!(
            " {} alternatives are dominated in all; `pmatrix whatif` lists them.",
            dominated.len()
        ));
    }
    Some(s)
}

/// Models with more alternatives than this get no dominance line in `check` and `rank`: the
/// pairwise comparison grows with the square of their number (`pmatrix whatif --for ALT`
/// still answers for one).
pub const DOMINANCE_LINE_LIMIT: usize = 2000;

/// The dominance line for `check` and `rank`, from the model's scores (midpoints), for models
/// of at most [`DOMINANCE_LINE_LIMIT`] alternatives.
pub fn dominance_note(model: &Model) -> Option<String> {
    if model.alternatives.len() > DOMINANCE_LINE_LIMIT {
        return None;
    }
    dominance_line(model, &crate::whatif::dominance(model))
}
