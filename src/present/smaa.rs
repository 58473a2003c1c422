//! `pmatrix smaa`: rank acceptability, central weights and confidence factors.

use super::doc::{Cell, Column, Doc, Table};
use super::lines;
use crate::model::Model;
use crate::smaa::Smaa;

fn pct(x: f64) -> Cell {
    Cell::Share {
        value: x,
        decimals: 1,
    }
}

/// The SMAA result as a document. CSV gets `acceptability` (every rank) or `central` (one
/// column per criterion's central weight).
pub fn doc(r: &Smaa, model: &Model) -> Doc {
    let n = r.alternatives.len();
    // Above the full-tally limit only first places are counted.
    let ranks = r.tallied_ranks.min(n);
    let shown = (if n <= 8 { n } else { 6 }).min(ranks);
    let entity = |a: &crate::smaa::SmaaAlternative| Cell::entity(&a.id, &a.name);
    let caption = "Rank acceptability (% of samples at each rank)";
    let mut full = Table::new(
        "acceptability",
        std::iter::once(Column::keyed("Alternative", "alternative"))
            .chain((1..=ranks).map(|k| Column::keyed(k.to_string(), format!("rank_{k}")))),
    )
    .captioned(caption);
    let mut part = Table::new(
        "acceptability-shown",
        std::iter::once(Column::keyed("Alternative", "alternative"))
            .chain((1..=shown).map(|k| Column::keyed(k.to_string(), format!("rank_{k}"))))
            .chain((shown < ranks).then(|| Column::keyed(format!("{}–{n}", shown + 1), "rest"))),
    )
    .captioned(caption);
    let mut central = Table::new(
        "central",
        [
            Column::keyed("Alternative", "alternative"),
            Column::keyed("First %", "first"),
            Column::keyed("Confidence %", "confidence"),
        ]
        .into_iter()
        .chain(
            model
                .criteria
                .iter()
                .map(|c| Column::keyed(&c.id, format!("central_{}", c.id))),
        ),
    );
    central.hidden = true;
    let mut central_shown = Table::with_headers(
        "central-shown",
        ["Alternative", "First %", "Confidence %", "Central weights"],
    )
    .captioned("Central weights (mean weights when first) and confidence factors");
    for a in &r.alternatives {
        let mut row = vec![entity(a)];
        row.extend(a.rank_acceptability.iter().map(|&b| pct(b)));
        full.push(row);
        let mut row = vec![entity(a)];
        row.extend(a.rank_acceptability[..shown].iter().map(|&b| pct(b)));
        if shown < ranks {
            row.push(pct(a.rank_acceptability[shown..].iter().sum()));
        }
        part.push(row);
        let weights = a.central_weights.as_ref().map_or("–".to_string(), |w| {
            w.iter()
                .map(|(id, x)| format!("{id} {:.0}%", x * 100.0))
                .collect::<Vec<_>>()
                .join(", ")
        });
        let confidence = a.confidence.map_or(Cell::Empty, pct);
        central_shown.push(vec![
            entity(a),
            pct(a.rank_acceptability[0]),
            confidence.clone(),
            Cell::from(weights),
        ]);
        let mut row = vec![entity(a), pct(a.rank_acceptability[0]), confidence];
        row.extend(model.criteria.iter().map(|c| {
            a.central_weights
                .as_ref()
                .and_then(|w| w.get(&c.id))
                .map_or(Cell::Empty, |&x| Cell::Weight(x))
        }));
        central.push(row);
    }
    let mut tables = vec![full];
    if shown < ranks {
        tables[0].hidden = true;
        tables.push(part);
    }
    tables.push(central);
    tables.push(central_shown);
    if let Some(t) = entropy(r) {
        tables.push(t);
    }
    if let Some(p) = &r.pairwise {
        tables.extend(pairwise(r, p));
    }
    let max_se = r
        .alternatives
        .iter()
        .flat_map(|a| &a.rank_acceptability_se)
        .fold(0.0, |m: f64, &x| m.max(x));
    let mut notes = vec![
        format!(
            "Monte Carlo standard error of each acceptability: at most {:.2} percentage points.",
            max_se * 100.0
        ),
        if r.confidence_samples <= 1 {
            "Scores are certain, so a confidence factor is 100% or 0%: whether the alternative wins at its central weights.".to_string()
        } else {
            format!(
                "Confidence factors: share of {} draws of the uncertain scores in which the alternative wins at its central weights.",
                r.confidence_samples
            )
        },
    ];
    // A column sums to more than 1 only when alternatives tied within some draw.
    let shared = (0..ranks).any(|k| {
        r.alternatives
            .iter()
            .map(|a| a.rank_acceptability[k])
            .sum::<f64>()
            > 1.0 + 1e-9
    });
    if shared {
        notes.push("Alternatives that tie within a draw share its rank (SMAA-2's rank function, \"1, 1, 3\"), so a rank's column can add up to more than 100%.".to_string());
    }
    if let Some(max) = r.rank_entropy_max {
        notes.push(format!(
            "Rank entropy: the Shannon entropy of an alternative's rank acceptabilities, in bits; 0 when it always takes the same rank, at most log2({n}) = {max:.2} bits when it takes every rank equally often."
        ));
    }
    if r.pairwise.is_some() {
        notes.push("Pairwise winning index: the share of samples in which the row's alternative ranks strictly above the column's; samples in which the two share a rank count for neither.".to_string());
    }
    if ranks < n {
        notes.push(format!(
            "{n} alternatives: only first places were counted (rank acceptability of rank 1, central weights and confidence factors), in memory linear in the number of alternatives."
        ));
    }
    notes.extend(
        crate::assumption::minmax_fallback(r.minmax_fallback.clone())
            .map(|n| lines::note(model, &n)),
    );
    if let Some(o) = &r.ordinal {
        let (table, note) = ordinal(r, o, model);
        tables.push(table);
        notes.insert(0, note);
    }
    Doc {
        heading: format!(
            "{} — {}",
            model.title,
            if r.ordinal.is_some() {
                "SMAA-O"
            } else {
                "SMAA-2"
            }
        ),
        lines: vec![
            lines::method(r.method, r.normalization),
            format!(
                "Weights: {}; {} samples, seed {}",
                r.weights, r.samples, r.seed
            ),
        ],
        tables,
        notes,
    }
}

/// SMAA-O: first-rank acceptability with the conventional level values and with them drawn,
/// and whether the winner survives.
fn ordinal(r: &Smaa, o: &crate::smaa::ordinal::OrdinalSummary, model: &Model) -> (Table, String) {
    let mut t = Table::new(
        "ordinal",
        [
            Column::keyed("Alternative", "alternative"),
            Column::keyed("First, conventional values", "first_conventional"),
            Column::keyed("First, ordinal only", "first_ordinal"),
        ],
    )
    .captioned("First-rank acceptability (%), level values as given and drawn (SMAA-O)");
    for (a, &c) in r.alternatives.iter().zip(&o.conventional_first) {
        t.push(vec![
            Cell::entity(&a.id, &a.name),
            Cell::Share {
                value: c,
                decimals: 1,
            },
            Cell::Share {
                value: a.rank_acceptability[0],
                decimals: 1,
            },
        ]);
    }
    let name = model.alternative_name(&o.winner);
    let pct = |v: f64| format!("{:.1}%", v * 100.0);
    let note = if o.criteria.is_empty() {
        "SMAA-O: no criterion is on an ordinal scale with inner levels (three or more), so nothing is drawn beyond SMAA-2.".to_string()
    } else {
        format!(
            "SMAA-O: the values of the inner levels of {} are drawn in every sample (sorted uniforms between the scale's ends). {name}, most often first with the conventional values ({}), is first in {} of the samples when only the order of the levels is used: the recommendation {}.",
            lines::and(&criterion_names(model, &o.criteria)),
            pct(o.winner_first_conventional),
            pct(o.winner_first_ordinal),
            if o.survives {
                "survives (it is still the alternative most often first)"
            } else {
                "does not survive (another alternative is now more often first): it depends on the numbers behind the levels"
            }
        )
    };
    (t, note)
}

/// The criteria's names, in the order of their ids.
fn criterion_names(model: &Model, ids: &[String]) -> Vec<String> {
    ids.iter()
        .map(|id| {
            model
                .criterion_index(id)
                .map_or_else(|| id.clone(), |j| model.criteria[j].name.clone())
        })
        .collect()
}

/// Each alternative's rank entropy (none when only first places were counted).
fn entropy(r: &Smaa) -> Option<Table> {
    let max = r.rank_entropy_max?;
    let mut t = Table::new(
        "entropy",
        [
            Column::keyed("Alternative", "alternative"),
            Column::keyed("Entropy (bits)", "rank_entropy"),
            Column::keyed("% of maximum", "share_of_maximum"),
        ],
    )
    .captioned(format!(
        "Rank entropy (bits): how spread each alternative's ranks are, at most {max:.2}"
    ));
    for a in &r.alternatives {
        let h = a.rank_entropy.unwrap_or(0.0);
        t.push(vec![
            Cell::entity(&a.id, &a.name),
            Cell::num(h, 2),
            if max > 0.0 {
                Cell::Share {
                    value: h / max,
                    decimals: 0,
                }
            } else {
                Cell::Empty
            },
        ]);
    }
    Some(t)
}

/// Up to this many alternatives the pairwise matrix is shown in tables; above, a summary (the
/// matrix stays in CSV, JSON and the workbook).
const PAIRWISE_SHOWN: usize = 8;

/// The pairwise winning indices: the matrix (columns headed by the ids, or by numbers when
/// the ids would not fit side by side), and above [`PAIRWISE_SHOWN`] alternatives a summary
/// of each alternative's strongest rival.
fn pairwise(r: &Smaa, p: &crate::smaa::Pairwise) -> Vec<Table> {
    let n = p.ids.len();
    let width: usize = p.ids.iter().map(|id| id.chars().count().max(5) + 3).sum();
    let numbered = width > 60;
    let mut columns = vec![Column::keyed("Alternative", "alternative")];
    if numbered {
        columns.insert(0, Column::keyed("#", "number"));
    }
    columns.extend(p.ids.iter().enumerate().map(|(k, id)| {
        let header = if numbered {
            format!("#{}", k + 1)
        } else {
            id.clone()
        };
        Column::keyed(header, id.clone())
    }));
    let mut matrix = Table::new("pairwise", columns).captioned(
        "Pairwise winning indices (% of samples in which the row ranks above the column)",
    );
    for (a, (alt, row)) in r.alternatives.iter().zip(&p.wins).enumerate() {
        let mut cells = Vec::with_capacity(n + 2);
        if numbered {
            cells.push(Cell::Count(a + 1));
        }
        cells.push(Cell::entity(&alt.id, &alt.name));
        cells.extend(row.iter().enumerate().map(|(b, &x)| {
            if a == b {
                Cell::Empty
            } else {
                Cell::Share {
                    value: x,
                    decimals: 1,
                }
            }
        }));
        matrix.push(cells);
    }
    if n <= PAIRWISE_SHOWN {
        return vec![matrix];
    }
    matrix.hidden = true;
    let mut shown = Table::new(
        "pairwise-shown",
        [
            Column::keyed("Alternative", "alternative"),
            Column::keyed("Most often above it", "rival"),
            Column::keyed("Rival above %", "rival_above"),
            Column::keyed("It above rival %", "above_rival"),
        ],
    )
    .captioned("Pairwise winning indices: each alternative's strongest rival (the full matrix: --table pairwise)");
    for (a, alt) in r.alternatives.iter().enumerate() {
        // The alternative most often ranked above this one; the first in the model's order
        // among equals.
        let rival = (0..n)
            .filter(|&b| b != a)
            .fold(None, |best: Option<usize>, b| match best {
                Some(c) if p.wins[c][a] >= p.wins[b][a] => Some(c),
                _ => Some(b),
            });
        let row = match rival {
            Some(b) => vec![
                Cell::entity(&alt.id, &alt.name),
                Cell::entity(&r.alternatives[b].id, &r.alternatives[b].name),
                Cell::Share {
                    value: p.wins[b][a],
                    decimals: 1,
                },
                Cell::Share {
                    value: p.wins[a][b],
                    decimals: 1,
                },
            ],
            None => vec![
                Cell::entity(&alt.id, &alt.name),
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
            ],
        };
        shown.push(row);
    }
    vec![matrix, shown]
}
