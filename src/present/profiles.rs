//! How profiles' weights were made, as tables: the consistency of each parent of an AHP
//! profile on a value tree (table `consistency`), and what each criterion's objective weight
//! was computed from (table `objective`).

use super::doc::{Cell, Column, Table};
use crate::model::Model;
use crate::weights::objective::ObjectiveMethod;
use crate::weights::{Origin, Profile};

/// The tables of these profiles (none when no profile is of either kind).
pub fn tables<'a>(model: &Model, profiles: impl IntoIterator<Item = &'a Profile>) -> Vec<Table> {
    let profiles: Vec<&Profile> = profiles.into_iter().collect();
    [consistency(&profiles), objective(model, &profiles)]
        .into_iter()
        .flatten()
        .collect()
}

/// One row per parent with two or more children, per AHP profile on a value tree.
fn consistency(profiles: &[&Profile]) -> Option<Table> {
    let mut t = Table::new(
        "consistency",
        [
            Column::new("Profile"),
            Column::new("Group"),
            Column::keyed("n", "children"),
            Column::keyed("lambda_max", "lambda_max"),
            Column::keyed("CR", "consistency_ratio"),
            Column::keyed("RI", "random_index"),
            Column::keyed("Worst judgement", "most_inconsistent"),
        ],
    )
    .captioned("AHP consistency within each group (above CR 0.1, revise)");
    for p in profiles {
        let Origin::AhpTree { consistency } = &p.origin else {
            continue;
        };
        for g in consistency {
            t.push(vec![
                Cell::Id(p.name.clone()),
                Cell::Text(g.group.clone().unwrap_or_else(|| "(top)".into())),
                Cell::Count(g.children.len()),
                Cell::num(g.lambda_max, 4),
                g.consistency_ratio
                    .map_or(Cell::Empty, |cr| Cell::num(cr, 3)),
                Cell::num(g.random_index, 2),
                match (&g.most_inconsistent, g.consistency_ratio) {
                    (Some(j), Some(_)) => Cell::Text(format!(
                        "{}/{} = {} (weights say {:.3})",
                        j.a,
                        j.b,
                        crate::weights::trim(j.judged),
                        j.implied
                    )),
                    _ => Cell::Empty,
                },
            ]);
        }
    }
    (!t.rows.is_empty()).then_some(t)
}

/// One row per criterion, per objective profile.
fn objective(model: &Model, profiles: &[&Profile]) -> Option<Table> {
    let mut t = Table::new(
        "objective",
        [
            Column::new("Profile"),
            Column::new("Method"),
            Column::keyed("Criterion", "criterion"),
            Column::new("Varies"),
            Column::keyed("Entropy / sd", "entropy_or_sd"),
            Column::keyed("1 - entropy / conflict", "divergence_or_conflict"),
            Column::new("Weight"),
        ],
    )
    .captioned("Objective weights: computed from the scores, they describe the data, not anyone's preferences");
    for p in profiles {
        let Origin::Objective {
            method, criteria, ..
        } = &p.origin
        else {
            continue;
        };
        for ((info, c), &w) in criteria
            .iter()
            .zip(&model.criteria)
            .zip(p.weights.as_slice())
        {
            let (a, b) = match method {
                ObjectiveMethod::Entropy => (info.info.entropy, info.info.divergence),
                ObjectiveMethod::Critic => (info.info.std_dev, info.info.conflict),
            };
            let num = |v: Option<f64>| v.map_or(Cell::Empty, |v| Cell::num(v, 4));
            t.push(vec![
                Cell::Id(p.name.clone()),
                Cell::Text(method.name().into()),
                Cell::entity(&c.id, &c.name),
                Cell::Text(if info.info.varies { "yes" } else { "no" }.into()),
                num(a),
                num(b),
                Cell::Weight(w),
            ]);
        }
    }
    (!t.rows.is_empty()).then_some(t)
}
