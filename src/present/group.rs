//! `pmatrix group` as a document, its tables as data, and its chart.

use std::fmt::Write;

use indexmap::IndexMap;

use crate::group::{GroupResult, Summary};
use crate::model::Model;
use crate::participants::Kind;
use crate::present::doc::{Cell, Column, Doc, Table, percent};
use crate::render::html::escape;

/// The names `--table` takes, in the order the tables are shown.
pub const TABLES: [&str; 7] = [
    "weights",
    "agreement",
    "ranks",
    "groups",
    "group_ranks",
    "ahp",
    "participants",
];

/// The table CSV writes unless `--table` names another.
pub const DEFAULT_TABLE: &str = "agreement";

fn crit_name<'a>(model: &'a Model, id: &'a str) -> &'a str {
    model
        .criterion_index(id)
        .map_or(id, |j| model.criteria[j].name.as_str())
}

/// One table by name, when the result has it ("groups" needs groups, "ahp" an AHP file).
pub fn table(r: &GroupResult, model: &Model, name: &str) -> Option<Table> {
    match name {
        "weights" => Some(weights_table(&r.all, model)),
        "agreement" => Some(agreement_table(&r.all)),
        "ranks" => Some(ranks_table(&r.all)),
        "groups" => (!r.groups.is_empty()).then(|| groups_table(r, model)),
        "group_ranks" => (!r.groups.is_empty()).then(|| group_ranks_table(r, model)),
        "ahp" => r.all.ahp.as_ref().map(|_| ahp_table(&r.all, model)),
        "participants" => Some(participants_table(r, model)),
        _ => None,
    }
}

/// A number with no decimals when it is whole, else one (a median of ranks, Borda points
/// under ties).
fn whole_or_half(x: f64) -> Cell {
    Cell::num(x, if x.fract() == 0.0 { 0 } else { 1 })
}

fn weights_table(s: &Summary, model: &Model) -> Table {
    let mut t = Table::with_headers(
        "weights",
        ["Criterion", "Mean", "Median", "Min", "Q1", "Q3", "Max"],
    )
    .captioned("Weights");
    for c in &model.criteria {
        let sp = &s.weights_spread[&c.id];
        t.push(vec![
            Cell::entity(&c.id, &c.name),
            Cell::Weight(s.weights[&c.id]),
            Cell::Weight(sp.median),
            Cell::Weight(sp.min),
            Cell::Weight(sp.q1),
            Cell::Weight(sp.q3),
            Cell::Weight(sp.max),
        ]);
    }
    t
}

fn agreement_table(s: &Summary) -> Table {
    let mut t = Table::with_headers(
        "agreement",
        [
            "Alternative",
            "Group rank",
            "First",
            "Best",
            "Median",
            "Worst",
            "Borda",
            "Copeland",
        ],
    )
    .captioned("Agreement");
    let mut rows: Vec<_> = s.alternatives.iter().collect();
    rows.sort_by_key(|a| a.group_rank);
    for a in rows {
        t.push(vec![
            Cell::entity(&a.id, &a.name),
            Cell::Rank(a.group_rank),
            Cell::Count(a.first),
            Cell::Rank(a.best),
            whole_or_half(a.median),
            Cell::Rank(a.worst),
            whole_or_half(s.borda[&a.id]),
            Cell::num(s.copeland[&a.id], 0),
        ]);
    }
    t
}

fn ranks_table(s: &Summary) -> Table {
    let n = s.alternatives.len();
    let mut columns = vec![Column::new("Alternative")];
    columns.extend((1..=n).map(|k| Column::new(format!("Rank {k}"))));
    let mut t = Table::new("ranks", columns).captioned("Participants at each rank");
    for a in &s.alternatives {
        let mut row = vec![Cell::entity(&a.id, &a.name)];
        row.extend(a.rank_counts.iter().map(|&c| Cell::Count(c)));
        t.push(row);
    }
    t
}

fn summaries(r: &GroupResult) -> Vec<(&str, &Summary)> {
    std::iter::once(("All", &r.all))
        .chain(r.groups.iter().map(|(g, s)| (g.as_str(), s)))
        .collect()
}

/// A group's column: its name as the header and, in CSV, as the key.
fn group_column(g: &str, what: Option<&str>) -> Column {
    match what {
        None => Column::keyed(g, g),
        Some(w) => Column::keyed(format!("{g} {w}"), format!("{g}_{w}")),
    }
}

fn groups_table(r: &GroupResult, model: &Model) -> Table {
    let all = summaries(r);
    let mut columns = vec![Column::new("Criterion")];
    columns.extend(all.iter().map(|(g, _)| group_column(g, None)));
    let mut t = Table::new("groups", columns).captioned("Mean weights by group");
    // The criteria first: the first cell of a column decides its CSV columns (`id`, `name`),
    // and the two rows that are not criteria fill in the name only.
    for c in &model.criteria {
        let mut row = vec![Cell::entity(&c.id, &c.name)];
        row.extend(all.iter().map(|(_, s)| Cell::Weight(s.weights[&c.id])));
        t.push(row);
    }
    let mut row = vec![Cell::from("Participants")];
    row.extend(all.iter().map(|(_, s)| Cell::Count(s.participants)));
    t.push(row);
    let mut row = vec![Cell::from("Kendall's W")];
    row.extend(all.iter().map(|(_, s)| match s.kendall_w {
        Some(w) => Cell::num(w, 3),
        None => Cell::Empty,
    }));
    t.push(row);
    t
}

fn group_ranks_table(r: &GroupResult, model: &Model) -> Table {
    let all = summaries(r);
    let mut columns = vec![Column::new("Alternative")];
    for (g, _) in &all {
        columns.push(group_column(g, Some("rank")));
        columns.push(group_column(g, Some("first")));
    }
    let mut t = Table::new("group_ranks", columns).captioned(
        "By group: rank under the group's mean weights, and participants putting it first",
    );
    for (a, alt) in model.alternatives.iter().enumerate() {
        let mut row = vec![Cell::entity(&alt.id, &alt.name)];
        for (_, s) in &all {
            row.push(Cell::Rank(s.alternatives[a].group_rank));
            row.push(Cell::Count(s.alternatives[a].first));
        }
        t.push(row);
    }
    t
}

fn ahp_table(s: &Summary, model: &Model) -> Table {
    let mut t = Table::with_headers("ahp", ["Criterion", "Mean", "AIJ", "AIP"])
        .captioned("AHP: aggregated judgements (AIJ) and priorities (AIP)");
    if let Some(a) = &s.ahp {
        for c in &model.criteria {
            t.push(vec![
                Cell::entity(&c.id, &c.name),
                Cell::Weight(s.weights[&c.id]),
                Cell::Weight(a.aij_weights[&c.id]),
                Cell::Weight(a.aip_weights[&c.id]),
            ]);
        }
    }
    t
}

fn participants_table(r: &GroupResult, model: &Model) -> Table {
    let mut columns = vec![Column::new("id"), Column::new("Group")];
    columns.extend(model.criteria.iter().map(|c| Column::keyed(&c.id, &c.id)));
    if r.kind == Kind::Ahp {
        columns.push(Column::keyed("CR", "consistency_ratio"));
    }
    columns.push(Column::new("First"));
    columns.push(Column::new("Ranking"));
    let mut t = Table::new("participants", columns).captioned("Participants");
    for p in &r.individuals {
        let mut row = vec![
            Cell::Id(p.id.clone()),
            p.group.as_deref().map_or(Cell::Empty, Cell::from),
        ];
        row.extend(model.criteria.iter().map(|c| {
            p.weights
                .get(&c.id)
                .map_or(Cell::Empty, |&w| Cell::Weight(w))
        }));
        if let Some(cr) = p.consistency_ratio {
            row.push(cr.map_or(Cell::Empty, |x| Cell::num(x, 3)));
        }
        let firsts: Vec<&str> = p
            .ranks
            .iter()
            .filter(|(_, r)| **r == 1)
            .map(|(id, _)| id.as_str())
            .collect();
        row.push(Cell::from(firsts.join(", ")));
        let rank_of = |id: &str| p.ranks.get(id).copied();
        let tied = p
            .ranking
            .iter()
            .enumerate()
            .map(|(k, id)| k > 0 && rank_of(id) == rank_of(&p.ranking[k - 1]))
            .collect();
        row.push(Cell::Ranking {
            ids: p.ranking.clone(),
            tied,
            shown: p.ranking.len().min(RANKING_SHOWN),
        });
        t.push(row);
    }
    t
}

/// How many alternatives of a participant's ranking a table shows (CSV writes all).
const RANKING_SHOWN: usize = 10;

/// The dissent sentences: "7 of 30 participants put X first; they give C 34% on average
/// against 18% for the rest."
pub fn dissent_notes(s: &Summary, model: &Model) -> Vec<String> {
    s.dissent
        .iter()
        .map(|d| {
            let who = if d.participants == 1 {
                format!("1 of {} participants puts", d.of)
            } else {
                format!("{} of {} participants put", d.participants, d.of)
            };
            format!(
                "{who} {} first; {} {} {} on average against {} for the rest.",
                model.alternative_name(&d.alternative),
                "they give",
                crit_name(model, &d.criterion),
                percent(d.their_weight),
                percent(d.others_weight)
            )
        })
        .collect()
}

/// The ranking under the group weights, `=` between alternatives that share a rank.
fn tied_chain(model: &Model, s: &Summary) -> String {
    let ranks: IndexMap<&str, usize> = s
        .alternatives
        .iter()
        .map(|p| (p.id.as_str(), p.group_rank))
        .collect();
    chain(model, &s.ranking, |id| ranks.get(id).copied())
}

/// The alternatives `ids` (best first) by name, `=` between neighbours of the same `rank`.
fn chain(model: &Model, ids: &[String], rank: impl Fn(&str) -> Option<usize>) -> String {
    let tied: Vec<bool> = ids
        .iter()
        .enumerate()
        .map(|(k, id)| k > 0 && rank(id) == rank(&ids[k - 1]))
        .collect();
    let shown: Vec<String> = ids
        .iter()
        .map(|id| model.alternative_name(id).to_string())
        .collect();
    crate::present::doc::ranking_text(&shown, &tied, shown.len())
}

/// "A, B and C".
fn tied_names(model: &Model, ids: &[String]) -> String {
    let names: Vec<String> = ids
        .iter()
        .map(|id| model.alternative_name(id).to_string())
        .collect();
    crate::present::lines::and(&names)
}

/// An AHP ranking: `ids` best first, by name, `=` between those that share a rank.
fn names(model: &Model, ids: &[String], ranks: &IndexMap<String, usize>) -> String {
    chain(model, ids, |id| ranks.get(id).copied())
}

/// The context lines: participants and kind, method, group weights, ranking, agreement.
fn lines(r: &GroupResult, model: &Model) -> Vec<String> {
    let s = &r.all;
    let kind = match r.kind {
        Kind::Points => {
            let totals: Vec<f64> = r
                .individuals
                .iter()
                .filter_map(|p| p.total_points)
                .collect();
            let lo = totals.iter().copied().fold(f64::INFINITY, f64::min);
            let hi = totals.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            if (hi - lo).abs() <= 1e-12 * hi.abs() {
                format!("points, {} each, normalised to sum 1", trim(lo))
            } else {
                format!(
                    "points (totals from {} to {}), each participant's normalised to sum 1",
                    trim(lo),
                    trim(hi)
                )
            }
        }
        Kind::RankOrder => "rank orders of criteria, as rank-order centroid (ROC) weights".into(),
        Kind::Ahp => "AHP pairwise judgements, each participant's principal eigenvector".into(),
    };
    let group_weights: Vec<String> = model
        .criteria
        .iter()
        .map(|c| format!("{} {}", c.name, percent(s.weights[&c.id])))
        .collect();
    let mut out = vec![
        format!("{} participants: {kind}.", s.participants),
        crate::present::lines::method(r.method, r.normalization),
        format!(
            "Group weights (mean of the participants'): {}",
            group_weights.join(", ")
        ),
        format!("Ranking under the group weights: {}", tied_chain(model, s)),
    ];
    if s.tied_first.len() > 1 {
        out.push(format!(
            "Under the group weights {} tie for first.",
            tied_names(model, &s.tied_first)
        ));
    }
    out.push(match s.kendall_w {
        Some(w) => format!(
            "Agreement between the participants' rankings: Kendall's W = {w:.3} (1 = identical rankings, 0 = none; corrected for ties)."
        ),
        None => "Kendall's W is undefined here (one alternative, or every ranking a complete tie).".into(),
    });
    out
}

fn plural(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

fn trim(x: f64) -> String {
    let s = format!("{x:.3}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// The notes: dissent, and how first places and Borda points are counted.
fn notes(r: &GroupResult, model: &Model) -> Vec<String> {
    let mut out = dissent_notes(&r.all, model);
    for (g, s) in &r.groups {
        let firsts = tied_names(model, &s.tied_first);
        out.push(format!(
            "Group {g} ({}): first under its mean weights: {firsts}.",
            plural(s.participants, "participant")
        ));
    }
    if let Some(a) = &r.all.ahp {
        out.push(match a.aij_consistency_ratio {
            Some(cr) => format!(
                "AHP: the matrix of geometric-mean judgements (AIJ) has consistency ratio {cr:.3}; AIJ ranking: {}; AIP ranking: {}.",
                names(model, &a.aij_ranking, &a.aij_ranks),
                names(model, &a.aip_ranking, &a.aip_ranks)
            ),
            None => format!(
                "AHP: AIJ ranking: {}; AIP ranking: {}.",
                names(model, &a.aij_ranking, &a.aij_ranks),
                names(model, &a.aip_ranking, &a.aip_ranks)
            ),
        });
        if !a.inconsistent.is_empty() {
            out.push(format!(
                "{} of {} participants have a consistency ratio above 0.1: {}.",
                a.inconsistent.len(),
                r.all.participants,
                a.inconsistent.join(", ")
            ));
        }
    }
    out.push("First: participants whose own ranking puts the alternative first (a participant whose ranking ties several first counts for each). Borda: n − rank from each participant; Copeland: pairwise majority wins minus losses. The model's own weights are not counted.".into());
    if !r.minmax_fallback.is_empty() {
        let fallback = crate::assumption::Note::MinmaxFallback {
            criteria: r.minmax_fallback.clone(),
        };
        out.push(crate::present::lines::note(model, &fallback));
    }
    out
}

/// The compact document: weights, agreement, (for AHP files) AHP's aggregations, and (when
/// there are groups) the groups side by side; the per-participant table with
/// `participants`.
pub fn doc(r: &GroupResult, model: &Model, participants: bool) -> Doc {
    // Every table the result has; the ones the compact view leaves out are hidden (written
    // only by `--format csv --table NAME` and in workbooks).
    const ORDER: [&str; 7] = [
        "weights",
        "agreement",
        "ahp",
        "groups",
        "group_ranks",
        "participants",
        "ranks",
    ];
    let shown = |name: &str| match name {
        "ranks" => false,
        "participants" => participants,
        _ => true,
    };
    let tables = ORDER
        .iter()
        .filter_map(|name| {
            table(r, model, name).map(|mut t| {
                t.hidden = !shown(name);
                t
            })
        })
        .collect();
    Doc {
        heading: format!("{} — group of {}", model.title, r.all.participants),
        lines: lines(r, model),
        tables,
        notes: notes(r, model),
    }
}

/// The report's section: the compact document.
pub fn present(r: &GroupResult, model: &Model) -> Doc {
    doc(r, model, false)
}

/// An SVG chart: one horizontal bar per alternative, split by how many participants put it at
/// each rank (darkest for rank 1), in the order of the group's ranking.
pub fn chart_svg(r: &GroupResult, model: &Model) -> String {
    let s = &r.all;
    let n = s.alternatives.len();
    let (left, bar, gap, top, width) = (230.0, 22.0, 8.0, 50.0, 760.0);
    let plot_w = width - left - 30.0;
    let legend_rows = n.div_ceil(10) as f64;
    let height = top + (bar + gap) * n as f64 + 40.0 + 20.0 * legend_rows;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" font-family=\"sans-serif\" font-size=\"12\">\n<title>Participants at each rank</title>\n<desc>Stacked bars, one per alternative in the order of the group's ranking: each bar splits the {} participants by the rank their own weights give the alternative, darkest for rank 1.</desc>\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n",
        s.participants
    );
    let _ = writeln!(
        svg,
        "<text x=\"20\" y=\"28\" font-size=\"15\" font-weight=\"bold\">Participants at each rank ({} participants, {})</text>",
        s.participants,
        escape(r.method.name())
    );
    let colour = |k: usize| {
        let f = if n > 1 {
            k as f64 / (n - 1) as f64
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
    let total = s.participants.max(1) as f64;
    for (row, id) in s.ranking.iter().enumerate() {
        let Some(a) = s.alternatives.iter().find(|a| &a.id == id) else {
            continue;
        };
        let y = top + (bar + gap) * row as f64;
        let name: String = model.alternative_name(id).chars().take(34).collect();
        let _ = writeln!(
            svg,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
            left - 8.0,
            y + bar * 0.7,
            escape(&name)
        );
        let mut x = left;
        for (k, &c) in a.rank_counts.iter().enumerate() {
            if c == 0 {
                continue;
            }
            let w = c as f64 / total * plot_w;
            let _ = writeln!(
                svg,
                "<rect x=\"{x:.2}\" y=\"{y}\" width=\"{w:.2}\" height=\"{bar}\" fill=\"{}\"><title>rank {}: {c} of {}</title></rect>",
                colour(k),
                k + 1,
                s.participants
            );
            if w > 20.0 {
                let fill = if k * 2 < n { "white" } else { "black" };
                let _ = writeln!(
                    svg,
                    "<text x=\"{:.2}\" y=\"{}\" text-anchor=\"middle\" font-size=\"11\" fill=\"{fill}\">{c}</text>",
                    x + w / 2.0,
                    y + bar * 0.7
                );
            }
            x += w;
        }
    }
    let ly = top + (bar + gap) * n as f64 + 20.0;
    for k in 0..n {
        let (lr, lc) = (k / 10, k % 10);
        let lx = left + 52.0 * lc as f64;
        let yy = ly + 20.0 * lr as f64;
        let _ = writeln!(
            svg,
            "<rect x=\"{lx}\" y=\"{}\" width=\"14\" height=\"14\" fill=\"{}\"/>\n<text x=\"{}\" y=\"{yy}\">{}</text>",
            yy - 11.0,
            colour(k),
            lx + 18.0,
            k + 1
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
