//! `pmatrix whatif`: the three questions on the seed model against hand derivations, the
//! properties of the answers on random models, and the command line.
//!
//! The seed model (Akhmetzharov 2021, Table 1) on its four-level scale, normalised against the
//! scale's ends (None = 0, Low = 1/3, Moderate = 2/3, High = 1; reversed for the two cost
//! criteria, reputational costs and uncertainty). Criteria in the order equity, reputational
//! costs, political feasibility, effectiveness, uncertainty:
//!
//! ```text
//! status-quo       N_s = (1/3, 0,   1,   1/3, 1  )   score at equal weights 8/15
//! develop-policy   N_d = (1,   1,   1,   2/3, 1/3)                          12/15
//! private-prisons  N_p = (1,   1,   1/3, 2/3, 0  )                           9/15
//! ```

use std::process::Command;

use pmatrix::methods::{Method, Options};
use pmatrix::model::Model;
use pmatrix::weights::Weights;
use pmatrix::whatif::{Constraints, Status, StepSearch, WhatIf, dominance, whatif};
use proptest::prelude::*;

const SEED: &str = "policies/kazakhstan-torture-prevention.toml";
const EPS: f64 = 1e-9;

fn seed() -> Model {
    pmatrix::model::load(SEED.as_ref()).unwrap()
}

fn run(model: &Model, method: Method) -> WhatIf {
    whatif(
        model,
        &model.weights,
        &Options::new(method),
        &Constraints::default(),
        None,
    )
    .unwrap()
}

fn alt<'a>(r: &'a WhatIf, id: &str) -> &'a pmatrix::whatif::AlternativeWhatIf {
    r.alternatives.iter().find(|a| a.id == id).unwrap()
}

fn weights(r: &pmatrix::whatif::AlternativeWhatIf) -> Vec<f64> {
    r.weight_change
        .as_ref()
        .unwrap()
        .weights
        .values()
        .copied()
        .collect()
}

/// Question 1: can it win at all?
///
/// status-quo is strictly first with all weight on uncertainty (1 against 1/3 and 0); the
/// best margin is min over the others of N_s − N_b at a vertex or an edge: with
/// d_sd = N_s − N_d = (−2/3, −1, 0, −1/3, 2/3) and d_sp = (−2/3, −1, 2/3, −1/3, 1), the
/// largest min(d_sd·w, d_sp·w) is 2/3, at w = e_uncertainty.
///
/// develop-policy: d_ds = (2/3, 1, 0, 1/3, −2/3), d_dp = (0, 0, 2/3, 0, 1/3). Weight α on
/// reputational costs and β = 1 − α on political feasibility give min(α, 2β/3), largest at
/// α = 2/5: margin 2/5 (no other mix does better: only reputational costs serves the first
/// at rate 1, only political feasibility the second at rate 2/3).
///
/// private-prisons is dominated by develop-policy (equal on equity, reputational costs and
/// effectiveness; worse on political feasibility and uncertainty): d_pd = (0, 0, −2/3, 0,
/// −1/3) ≤ 0, zero only when both of those weigh nothing, so its margin is 0: a tie at best.
#[test]
fn seed_can_it_win_at_all() {
    let r = run(&seed(), Method::Wsm);
    assert_eq!(r.winner.as_deref(), Some("develop-policy"));
    let s = alt(&r, "status-quo");
    assert_eq!(s.status, Status::PotentiallyOptimal);
    assert!((s.margin - 2.0 / 3.0).abs() < EPS, "{}", s.margin);
    let d = alt(&r, "develop-policy");
    assert_eq!(d.status, Status::First);
    assert!((d.margin - 2.0 / 5.0).abs() < EPS, "{}", d.margin);
    let p = alt(&r, "private-prisons");
    assert_eq!(p.status, Status::TieAtBest);
    assert!(p.margin.abs() < EPS);
    assert_eq!(p.dominated_by, vec!["develop-policy"]);
    assert!(s.dominated_by.is_empty() && d.dominated_by.is_empty());

    let dom = dominance(&seed());
    assert_eq!(dom.len(), 1);
    assert_eq!(dom[0].dominated, "private-prisons");
    assert_eq!(dom[0].by, "develop-policy");
    assert!(dom[0].strict);
    assert_eq!(
        dom[0].better_on,
        vec!["political_feasibility", "uncertainty"]
    );
}

/// Question 2: the smallest weight change.
///
/// status-quo trails develop-policy by d_sd·w0 = (1/5)(−2/3 − 1 + 0 − 1/3 + 2/3) = −4/15.
/// Moving δ of weight from criterion j to k changes d_sd·w by δ (d_k − d_j); the best rate is
/// from reputational costs (−1) to uncertainty (2/3), 5/3 per unit, so δ = (4/15)/(5/3) =
/// 4/25: 16 points, the weights (1/5, 1/25, 1/5, 1/5, 9/25). There d_sp·w = −2/15 − 1/25 +
/// 2/15 − 1/15 + 9/25 = 19/75 > 0: status-quo ties develop-policy and beats private-prisons.
///
/// The winner is caught soonest by status-quo (the same programme: 16 points); private-prisons
/// would need political feasibility and uncertainty both at 0, 2/5 moved (40 points).
///
/// private-prisons ties for first only when d_pd·w = −(2/3) w_pf − (1/3) w_u ≥ 0, so both
/// weights go to 0: 40 points, and then it equals develop-policy (and beats status-quo:
/// d_ps = (2/3, 1, ·, 1/3, ·) ≥ 0).
#[test]
fn seed_smallest_weight_change() {
    let r = run(&seed(), Method::Wsm);
    let s = alt(&r, "status-quo");
    let wc = s.weight_change.as_ref().unwrap();
    assert!((wc.points - 16.0).abs() < EPS, "{}", wc.points);
    let want = [1.0 / 5.0, 1.0 / 25.0, 1.0 / 5.0, 1.0 / 5.0, 9.0 / 25.0];
    for (w, x) in weights(s).iter().zip(want) {
        assert!((w - x).abs() < EPS, "{:?}", wc.weights);
    }
    assert_eq!(wc.ties_with, vec!["develop-policy"]);
    assert!(wc.verified_gap.abs() < EPS);

    let d = alt(&r, "develop-policy");
    let wc = d.weight_change.as_ref().unwrap();
    assert!((wc.points - 16.0).abs() < EPS);
    assert_eq!(wc.ties_with, vec!["status-quo"]);

    let p = alt(&r, "private-prisons");
    let wc = p.weight_change.as_ref().unwrap();
    assert!((wc.points - 40.0).abs() < EPS, "{}", wc.points);
    let w = weights(p);
    assert!(w[2].abs() < EPS && w[4].abs() < EPS, "{w:?}");
    assert!(wc.ties_with.contains(&"develop-policy".to_string()));

    // Re-ranking at the returned weights: each ties for first.
    let model = seed();
    for a in &r.alternatives {
        let w = Weights::normalized(&weights(a)).unwrap();
        let ranking = pmatrix::rank::rank(&model, &w, None, &Options::new(Method::Wsm)).unwrap();
        let me = ranking.alternatives.iter().find(|x| x.id == a.id).unwrap();
        assert_eq!(me.rank, 1, "{}", a.id);
        assert_eq!(ranking.alternatives[1].rank, 1, "{}: a tie", a.id);
    }
}

/// With bounds, the same question: reputational costs may not fall below 10%. Then only 1/10
/// moves from it at rate 5/3 (gaining 1/6), and the remaining 4/15 − 1/6 = 1/10 comes from
/// equity to uncertainty at rate 2/3 − (−2/3) = 4/3 (δ = 3/40) or from effectiveness
/// (rate 1, worse): 1/10 + 3/40 = 7/40 moved, 17.5 points.
#[test]
fn seed_weight_change_under_bounds() {
    let model = seed();
    let mut bounds = vec![(0.0, 1.0); 5];
    bounds[1] = (0.1, 1.0);
    let cons = Constraints {
        bounds,
        order: Vec::new(),
    };
    let r = whatif(
        &model,
        &model.weights,
        &Options::new(Method::Wsm),
        &cons,
        None,
    )
    .unwrap();
    let s = alt(&r, "status-quo");
    let wc = s.weight_change.as_ref().unwrap();
    assert!((wc.points - 17.5).abs() < EPS, "{}", wc.points);
    let w = weights(s);
    assert!(
        (w[1] - 0.1).abs() < EPS && (w[0] - (0.2 - 3.0 / 40.0)).abs() < EPS,
        "{w:?}"
    );
}

/// Question 3: the smallest score change. One level step on one criterion moves a score by
/// (1/5)(1/3) = 1/15 at equal weights, and changes one alternative's score only.
///
/// status-quo trails by 12/15 − 8/15 = 4/15: 4 steps of its own (it can gain 2 on equity,
/// 3 on reputational costs, 2 on effectiveness), and 4 of anyone's (a step either raises it or
/// lowers develop-policy by 1/15, and the gap is 4/15).
/// develop-policy leads private-prisons by 3/15: 3 steps down of its own, 3 of anyone's.
/// private-prisons trails by 3/15: 3 of its own, 3 of anyone's.
#[test]
fn seed_fewest_level_steps() {
    let model = seed();
    let r = run(&model, Method::Wsm);
    for (id, own, any) in [
        ("status-quo", 4, 4),
        ("develop-policy", 3, 3),
        ("private-prisons", 3, 3),
    ] {
        let l = alt(&r, id).level_steps.as_ref().unwrap();
        assert_eq!((l.own, l.any), (Some(own), Some(any)), "{id}");
        assert_eq!(l.how, "exact-additive");
        // The changes listed do what they say.
        for search in [&l.own_search, &l.any_search] {
            let StepSearch::Found { steps, changes } = search else {
                panic!("{id}: {search:?}")
            };
            let moved: i64 = changes.iter().map(|c| c.steps.abs()).sum();
            assert_eq!(moved as usize, *steps, "{id}");
            let scores = changed_scores(&model, changes);
            let i = model.alternatives.iter().position(|a| a.id == id).unwrap();
            let best_other = (0..3)
                .filter(|&b| b != i)
                .map(|b| scores[b])
                .fold(f64::MIN, f64::max);
            if id == "develop-policy" {
                assert!(best_other >= scores[i] - 1e-12, "{id}: {scores:?}");
            } else {
                assert!(scores[i] >= best_other - 1e-12, "{id}: {scores:?}");
            }
        }
    }
    // No single step changes the winner (the closest lead is 3/15); these change the ranking:
    // status-quo one level up on equity (9/15, level with private-prisons), and
    // private-prisons one level down on political feasibility (8/15, level with status-quo).
    assert!(r.one_level.iter().all(|o| !o.changes_winner));
    let row = |a: &str, c: &str, d: &str| {
        r.one_level
            .iter()
            .find(|o| o.alternative == a && o.criterion == c && o.direction == d)
            .unwrap()
    };
    assert!(row("status-quo", "equity", "up").changes_ranking);
    assert!(row("private-prisons", "political_feasibility", "down").changes_ranking);
    assert!(!row("develop-policy", "uncertainty", "down").changes_ranking);
    // Every score on the scale, each way it can move: 15 scores, 30 moves, less those at an
    // end of the scale (7 at High or None, 1 way each): 3 × 5 × 2 − 15 + ... counted directly.
    let ends = (0..3)
        .flat_map(|i| (0..5).map(move |j| (i, j)))
        .filter(|&(i, j)| {
            let v = model.scores.mid()[(i, j)];
            v == 0.0 || v == 3.0
        })
        .count();
    assert_eq!(r.one_level.len(), 30 - ends);
}

/// The WSM scores of the seed after the listed level changes.
fn changed_scores(model: &Model, changes: &[pmatrix::whatif::ScoreChange]) -> Vec<f64> {
    let mut x = model.scores.mid().clone();
    for c in changes {
        let i = model
            .alternatives
            .iter()
            .position(|a| a.id == c.alternative)
            .unwrap();
        let j = model.criterion_index(&c.criterion).unwrap();
        x[(i, j)] += c.steps as f64;
    }
    let criteria = pmatrix::rank::criteria_info(model);
    pmatrix::methods::evaluate(
        &x,
        &criteria,
        model.weights.as_slice(),
        &Options::new(Method::Wsm),
    )
    .unwrap()
    .scores
}

/// PROMETHEE II (usual criteria) on the seed: the per-criterion net flows
/// φ_j(a) = (wins − losses)/2 are, for (status-quo, develop-policy, private-prisons):
/// equity (−1, 1/2, 1/2), reputational costs (−1, 1/2, 1/2), political feasibility
/// (1/2, 1/2, −1), effectiveness (−1, 1/2, 1/2), uncertainty (1, 0, −1). At equal weights
/// φ = (−3/10, 2/5, −1/10). status-quo trails develop-policy by 7/10 in Σ w_j (φ_j(s) − φ_j(d))
/// with rates (−3/2, −3/2, 0, −3/2, 1): moving from any of the three −3/2 criteria to
/// uncertainty gains 5/2 per unit, so δ = (7/10)/(5/2) = 7/25: 28 points.
#[test]
fn seed_promethee_is_exact_too() {
    let r = run(&seed(), Method::Promethee);
    assert_eq!(r.how, pmatrix::whatif::How::ExactLp);
    let s = alt(&r, "status-quo");
    let wc = s.weight_change.as_ref().unwrap();
    assert!((wc.points - 28.0).abs() < EPS, "{}", wc.points);
    assert!(wc.verified_gap.abs() < EPS);
    assert_eq!(s.status, Status::PotentiallyOptimal);
    assert_eq!(alt(&r, "private-prisons").status, Status::TieAtBest);
}

/// TOPSIS, VIKOR and WPM answer by search, say so, and still verify their answers.
#[test]
fn every_method_answers_or_says_why_not() {
    let model = seed();
    for method in Method::ALL {
        let r = run(&model, method);
        let exact = matches!(method, Method::Wsm | Method::Promethee);
        assert_eq!(
            matches!(r.how, pmatrix::whatif::How::ExactLp),
            exact,
            "{method}"
        );
        for a in &r.alternatives {
            match (&a.weight_change, a.status) {
                (Some(w), _) => {
                    assert!(w.points.is_finite() && w.points >= 0.0, "{method} {}", a.id);
                    // The goal holds at the returned weights, to 1e-9.
                    if a.status == Status::First {
                        assert!(w.verified_gap >= -1e-9 || w.ties_with.is_empty());
                    } else {
                        assert!(w.verified_gap <= 1e-9, "{method} {}: {w:?}", a.id);
                    }
                }
                (None, status) => assert!(
                    matches!(status, Status::NeverFirst | Status::First),
                    "{method} {}",
                    a.id
                ),
            }
        }
        let json = serde_json::to_value(&r).unwrap();
        assert!(json["how"].is_string(), "{method}");
    }
    // WPM: status-quo is worth 0 while reputational costs weigh anything (it sits at the
    // worst end there), so it needs that weight at 0: at least 20 points; moving those 20 to
    // uncertainty already puts it first (3^−0.4 against (2/3)^0.2 · 3^−0.4).
    let r = run(&model, Method::Wpm);
    let wc = alt(&r, "status-quo").weight_change.clone().unwrap();
    assert!(
        wc.points >= 20.0 - 1e-9 && wc.points < 20.5,
        "{}",
        wc.points
    );
    assert!(wc.weights["reputational_costs"] == 0.0);
}

/// A small random model: n alternatives, m criteria on a four-level scale, random weights.
fn model_text(n: usize, m: usize, cells: &[u8], dirs: &[bool], w: &[u8]) -> String {
    let levels = ["None", "Low", "Moderate", "High"];
    let mut s = String::from(
        "title = \"t\"\n[scales.l]\nlevels = [\"None\", \"Low\", \"Moderate\", \"High\"]\n",
    );
    for j in 0..m {
        s.push_str(&format!(
            "[[criteria]]\nid = \"c{j}\"\ndirection = \"{}\"\nscale = \"l\"\nweight = {}\n",
            if dirs[j] { "benefit" } else { "cost" },
            w[j] as f64 + 0.5
        ));
    }
    for i in 0..n {
        let sc: Vec<String> = (0..m)
            .map(|j| format!("c{j} = \"{}\"", levels[(cells[i * m + j] % 4) as usize]))
            .collect();
        s.push_str(&format!(
            "[[alternatives]]\nid = \"a{i}\"\nscores = {{ {} }}\n",
            sc.join(", ")
        ));
    }
    s
}

fn arb_model() -> impl Strategy<Value = Model> {
    (2usize..=5, 2usize..=4).prop_flat_map(|(n, m)| {
        (
            proptest::collection::vec(0u8..4, n * m),
            proptest::collection::vec(any::<bool>(), m),
            proptest::collection::vec(0u8..10, m),
        )
            .prop_map(move |(cells, dirs, w)| {
                pmatrix::model::parse("p.toml".as_ref(), &model_text(n, m, &cells, &dirs, &w))
                    .unwrap()
            })
    })
}

/// splitmix64, for reproducible random weights inside a property.
fn mix(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Uniform on the simplex: normalised exponentials.
fn simplex(m: usize, k: u64) -> Vec<f64> {
    let e: Vec<f64> = (0..m)
        .map(|j| {
            let u = ((mix(k * 31 + j as u64) >> 11) as f64 + 0.5) / (1u64 << 53) as f64;
            -u.ln()
        })
        .collect();
    let t: f64 = e.iter().sum();
    e.iter().map(|x| x / t).collect()
}

fn scores_at(model: &Model, method: Method, w: &[f64]) -> Vec<f64> {
    pmatrix::methods::evaluate(
        model.scores.mid(),
        &pmatrix::rank::criteria_info(model),
        w,
        &Options::new(method),
    )
    .unwrap()
    .scores
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Exact methods: re-ranking at the returned weights makes the alternative tie for first
    /// within 1e-9; no random weights among 10^4 reach the goal with less change; a dominated
    /// alternative is never potentially optimal; a potentially optimal one is strictly first at
    /// its margin weights.
    #[test]
    fn exact_answers_are_verified_and_minimal(model in arb_model(), promethee in any::<bool>()) {
        let method = if promethee { Method::Promethee } else { Method::Wsm };
        let r = run(&model, method);
        let n = model.alternatives.len();
        let m = model.criteria.len();
        let w0 = model.weights.as_slice().to_vec();
        let candidates: Vec<(Vec<f64>, Vec<f64>)> = (0..10_000u64)
            .map(|k| {
                let w = simplex(m, k);
                let s = scores_at(&model, method, &w);
                (w, s)
            })
            .collect();
        for (i, a) in r.alternatives.iter().enumerate() {
            if a.status == Status::PotentiallyOptimal {
                prop_assert!(a.dominated_by.is_empty());
                let w: Vec<f64> = a.margin_weights.values().copied().collect();
                let s = scores_at(&model, method, &w);
                prop_assert!((0..n).all(|b| b == i || s[i] > s[b]), "{}: {s:?}", a.id);
            }
            if !a.dominated_by.is_empty() {
                prop_assert!(a.status != Status::PotentiallyOptimal);
            }
            let Some(wc) = &a.weight_change else {
                // Never first, or a winner nothing can catch.
                prop_assert!(matches!(a.status, Status::NeverFirst | Status::First));
                continue;
            };
            let w: Vec<f64> = wc.weights.values().copied().collect();
            prop_assert!((w.iter().sum::<f64>() - 1.0).abs() < 1e-12);
            prop_assert!(w.iter().all(|&x| x >= 0.0));
            let s = scores_at(&model, method, &w);
            let best_other = (0..n).filter(|&b| b != i).map(|b| s[b]).fold(f64::MIN, f64::max);
            prop_assert!((s[i] - best_other).abs() <= 1e-9 || (a.status != Status::First && s[i] >= best_other),
                "{}: {} vs {}", a.id, s[i], best_other);
            if a.status != Status::First {
                prop_assert!(s[i] >= best_other - 1e-9, "{}: {s:?}", a.id);
            } else {
                prop_assert!(best_other >= s[i] - 1e-9, "{}: {s:?}", a.id);
            }
            // No random candidate does it with less.
            for (cw, cs) in &candidates {
                let reached = if a.status == Status::First {
                    (0..n).any(|b| b != i && cs[b] >= cs[i])
                } else {
                    (0..n).all(|b| b == i || cs[i] >= cs[b])
                };
                if reached {
                    let p: f64 = cw.iter().zip(&w0).map(|(x, y)| (x - y).abs()).sum::<f64>() * 50.0;
                    prop_assert!(p >= wc.points - 1e-6, "{}: candidate {p} < {}", a.id, wc.points);
                }
            }
        }
    }

    /// Level steps are verified by applying the changes, for WSM (additive) and PROMETHEE
    /// (search), and the own answer is never fewer than the anyone's.
    #[test]
    fn level_changes_do_what_they_say(model in arb_model(), promethee in any::<bool>()) {
        let method = if promethee { Method::Promethee } else { Method::Wsm };
        let r = run(&model, method);
        for (i, a) in r.alternatives.iter().enumerate() {
            let l = a.level_steps.as_ref().unwrap();
            if let (Some(own), Some(any)) = (l.own, l.any) {
                prop_assert!(any <= own, "{}: {l:?}", a.id);
            }
            for search in [&l.own_search, &l.any_search] {
                let StepSearch::Found { changes, .. } = search else { continue };
                let mut x = model.scores.mid().clone();
                for c in changes {
                    let row = model.alternatives.iter().position(|b| b.id == c.alternative).unwrap();
                    let j = model.criterion_index(&c.criterion).unwrap();
                    x[(row, j)] += c.steps as f64;
                }
                let s = pmatrix::methods::evaluate(
                    &x, &pmatrix::rank::criteria_info(&model), model.weights.as_slice(),
                    &Options::new(method)).unwrap().scores;
                let n = s.len();
                let best_other = (0..n).filter(|&b| b != i).map(|b| s[b]).fold(f64::MIN, f64::max);
                let tol = 1e-12 * s.iter().fold(1.0f64, |m, v| m.max(v.abs()));
                if a.status == Status::First {
                    prop_assert!(best_other >= s[i] - tol, "{}: {s:?}", a.id);
                } else {
                    prop_assert!(s[i] >= best_other - tol, "{}: {s:?}", a.id);
                }
            }
        }
    }
}

fn pmatrix_cmd(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_pmatrix"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn command_prints_the_sentences_in_every_format() {
    let out = pmatrix_cmd(&["whatif", SEED]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("moving 16 points from Reputational costs to Degree of uncertainty makes Maintain the status quo tie with it"),
        "{text}"
    );
    assert!(flat.contains("dominated by Develop the existing government policy"));
    for format in ["markdown", "csv"] {
        let out = pmatrix_cmd(&["whatif", SEED, "--format", format]);
        assert_eq!(out.status.code(), Some(0), "{format}");
        assert!(!out.stdout.is_empty());
    }
    // CSV writes one table: the summary, or the one `--table` names; full precision, id and
    // name in two columns.
    let out = pmatrix_cmd(&["whatif", SEED, "--format", "csv"]);
    let csv = String::from_utf8(out.stdout).unwrap();
    let mut rows = csv.lines();
    assert_eq!(
        rows.next().unwrap(),
        "id,name,status,dominated_by_id,dominated_by_name,weight_change_points,level_steps_own,level_steps_any"
    );
    let status_quo = rows.next().unwrap();
    assert!(
        status_quo.starts_with("status-quo,Maintain the status quo,yes,,,16"),
        "{csv}"
    );
    assert!(status_quo.ends_with(",4,4"), "{csv}");
    let out = pmatrix_cmd(&["whatif", SEED, "--format", "csv", "--table", "one-level"]);
    assert_eq!(out.status.code(), Some(0));
    let csv = String::from_utf8(out.stdout).unwrap();
    assert_eq!(csv.lines().count(), 1 + 15, "{csv}");
    let out = pmatrix_cmd(&["whatif", SEED, "--format", "csv", "--table", "nope"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("summary") && err.contains("one-level"),
        "{err}"
    );
    let out = pmatrix_cmd(&["whatif", SEED, "--format", "json", "--for", "status-quo"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["method"], "wsm");
    assert_eq!(v["winner"], "develop-policy");
    assert_eq!(v["alternatives"].as_array().unwrap().len(), 1);
    let a = &v["alternatives"][0];
    assert_eq!(a["status"], "potentially_optimal");
    assert_eq!(a["dominated_by"], serde_json::json!([]));
    assert!((a["weight_change"]["points"].as_f64().unwrap() - 16.0).abs() < EPS);
    assert_eq!(a["level_steps"]["own"], 4);
    assert_eq!(a["level_steps"]["any"], 4);
    let row = &v["one_level"][0];
    for key in [
        "alternative",
        "criterion",
        "direction",
        "changes_winner",
        "changes_ranking",
    ] {
        assert!(!row[key].is_null(), "{key}");
    }
}

#[test]
fn command_refuses_bad_flags_clearly() {
    let out = pmatrix_cmd(&["whatif", SEED, "--for", "status-qou"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("did you mean `status-quo`"), "{err}");
    let out = pmatrix_cmd(&[
        "whatif",
        SEED,
        "--weight-bounds",
        "equity=0.6:1,effectiveness=0.6:1",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("no weights meet these constraints"), "{err}");
    let out = pmatrix_cmd(&["whatif", SEED, "--method", "all"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!String::from_utf8(out.stderr).unwrap().contains("panicked"));
}

#[test]
fn command_takes_a_weight_order() {
    // Uncertainty may weigh no more than reputational costs: the best single transfer
    // (reputational costs → uncertainty) stops when they are equal, so the change grows.
    let out = pmatrix_cmd(&[
        "whatif",
        SEED,
        "--format",
        "json",
        "--for",
        "status-quo",
        "--weight-order",
        "reputational_costs,uncertainty",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let w = &v["alternatives"][0]["weight_change"]["weights"];
    assert!(
        w["reputational_costs"].as_f64().unwrap() >= w["uncertainty"].as_f64().unwrap() - 1e-12
    );
    assert!(
        v["alternatives"][0]["weight_change"]["points"]
            .as_f64()
            .unwrap()
            > 16.0
    );
}

/// A numeric criterion with a range, and an uncertain level score.
///
/// price (cost, range 0–100) and quality (benefit, None..High), equal weights:
/// a: price 40, quality Low..Moderate (midpoint 1.5, so 1/2 normalised); b: price 70, High.
/// N_a = (3/5, 1/2), N_b = (3/10, 1): s_a = 11/20, s_b = 13/20; a trails by 1/10.
/// Its price alone would have to fall by (1/10)/(1/2) of the range, 20 units, to 20
/// (a share of 1/5). b's lead of 1/10 would need its price up 20 units too: 90, inside the
/// range. On the level scale a's quality steps from its midpoint 1.5 (not a level) first to
/// Moderate, gaining (1/2)(2/3 − 1/2) = 1/12 < 1/10, then to High, gaining 1/4 in all: two
/// steps of its own.
#[test]
fn numeric_changes_and_midpoints() {
    let text = r#"
title = "n"
[scales.l]
levels = ["None", "Low", "Moderate", "High"]
[[criteria]]
id = "price"
direction = "cost"
range = [0, 100]
[[criteria]]
id = "quality"
direction = "benefit"
scale = "l"
[[alternatives]]
id = "a"
scores = { price = 40, quality = ["Low", "Moderate"] }
[[alternatives]]
id = "b"
scores = { price = 70, quality = "High" }
"#;
    let model = pmatrix::model::parse("n.toml".as_ref(), text).unwrap();
    let r = run(&model, Method::Wsm);
    assert!(r.midpoints);
    assert_eq!(r.winner.as_deref(), Some("b"));
    let a = alt(&r, "a");
    let price = &a.numeric_changes[0];
    assert_eq!(price.how, "exact");
    assert!((price.to.unwrap() - 20.0).abs() < EPS, "{price:?}");
    assert!((price.share_of_range.unwrap() - 0.2).abs() < EPS);
    let l = a.level_steps.as_ref().unwrap();
    assert_eq!(l.own, Some(2));
    let StepSearch::Found { changes, .. } = &l.own_search else {
        panic!()
    };
    assert_eq!(
        (changes[0].from.as_str(), changes[0].to.as_str()),
        ("Low..Moderate", "High")
    );
    let b = alt(&r, "b");
    assert!((b.numeric_changes[0].to.unwrap() - 90.0).abs() < EPS);
    // The same by search (TOPSIS has no closed form): the price it finds makes a tie.
    let t = run(&model, Method::Topsis);
    let p = &alt(&t, "a").numeric_changes[0];
    assert_eq!(p.how, "search");
    if let Some(to) = p.to {
        let mut x = model.scores.mid().clone();
        x[(0, 0)] = to;
        let s = pmatrix::methods::evaluate(
            &x,
            &pmatrix::rank::criteria_info(&model),
            model.weights.as_slice(),
            &Options::new(Method::Topsis),
        )
        .unwrap()
        .scores;
        assert!(s[0] >= s[1] - 1e-9 && s[0] - s[1] < 1e-6, "{s:?}");
    }
    // The assumption is data in the JSON `notes` and a line of the text output.
    assert_eq!(
        r.notes,
        vec![pmatrix::assumption::Note::Midpoints {
            scores: 1,
            criteria: vec!["quality".into()],
        }]
    );
    let out = pmatrix::present::whatif::doc(&r, &model);
    assert!(
        out.notes
            .iter()
            .any(|n| n.starts_with("Assumed: 1 uncertain score (") && n.contains("its midpoint")),
        "{:?}",
        out.notes
    );
}

/// One alternative, one criterion, identical alternatives, a numeric criterion without a
/// range: every method answers with finite numbers, and nothing panics.
#[test]
fn degenerate_models_answer_plainly() {
    let head = "title = \"d\"\n[scales.l]\nlevels = [\"Low\", \"High\"]\n";
    let crit = |id: &str, extra: &str| {
        format!("[[criteria]]\nid = \"{id}\"\ndirection = \"benefit\"\n{extra}\n")
    };
    let alt = |id: &str, scores: &str| {
        format!("[[alternatives]]\nid = \"{id}\"\nscores = {{ {scores} }}\n")
    };
    let models = [
        format!(
            "{head}{}{}",
            crit("q", "scale = \"l\""),
            alt("a", "q = \"Low\"")
        ),
        format!(
            "{head}{}{}{}",
            crit("q", "scale = \"l\""),
            alt("a", "q = \"High\""),
            alt("b", "q = \"High\"")
        ),
        format!(
            "{head}{}{}{}{}",
            crit("q", "scale = \"l\""),
            crit("x", ""),
            alt("a", "q = \"High\", x = 3"),
            alt("b", "q = \"Low\", x = 5")
        ),
    ];
    for text in &models {
        let model = pmatrix::model::parse("d.toml".as_ref(), text).unwrap();
        for method in Method::ALL {
            let r = run(&model, method);
            let json = serde_json::to_string(&r).unwrap();
            assert!(
                !json.contains("NaN") && !json.contains("inf"),
                "{method}: {json}"
            );
            for a in &r.alternatives {
                assert!(a.margin.is_finite(), "{method}");
                if let Some(w) = &a.weight_change {
                    assert!(
                        w.points.is_finite() && w.verified_gap.is_finite(),
                        "{method}"
                    );
                }
            }
            let doc = pmatrix::present::whatif::doc(&r, &model);
            assert!(!doc.notes.is_empty());
        }
    }
    // Identical alternatives tie for first: no single winner.
    let model = pmatrix::model::parse("d.toml".as_ref(), &models[1]).unwrap();
    let r = run(&model, Method::Wsm);
    assert_eq!(r.winner, None);
    assert_eq!(r.tied_first, vec!["a", "b"]);
    assert_eq!(alt_of(&r, "a").equal_to, vec!["b"]);
}

fn alt_of<'a>(r: &'a WhatIf, id: &str) -> &'a pmatrix::whatif::AlternativeWhatIf {
    r.alternatives.iter().find(|a| a.id == id).unwrap()
}

/// The one line `check` and `rank` can print, and the report section.
#[test]
fn dominance_line_and_report_section() {
    let model = seed();
    let line = pmatrix::present::whatif::dominance_line(&model, &dominance(&model)).unwrap();
    assert_eq!(
        line,
        "Note: Transfer the penitentiary system to the private sector is dominated by Develop the existing government policy (worse on Political feasibility and Degree of uncertainty, no better anywhere): it can never be strictly first."
    );
    let section = pmatrix::present::whatif::section(&run(&model, Method::Wsm), &model);
    assert_eq!(section.heading, "What would change the answer");
    assert_eq!(section.tables.len(), 2);
    assert!(
        section.notes[0]
            .starts_with("Develop the existing government policy is first; moving 16 points")
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Under --weight-bounds and --weight-order the answers meet the constraints, and no
    /// admissible random weights among 10^4 reach the goal with less change.
    #[test]
    fn constrained_answers_are_admissible_and_minimal(
        model in arb_model(),
        caps in proptest::collection::vec(0.5f64..1.0, 4),
        ordered in any::<bool>(),
    ) {
        let m = model.criteria.len();
        let cons = Constraints {
            bounds: (0..m).map(|j| (0.0, caps[j])).collect(),
            order: if ordered { vec![1, 0] } else { Vec::new() },
        };
        let r = whatif(&model, &model.weights, &Options::new(Method::Wsm), &cons, None).unwrap();
        let n = model.alternatives.len();
        let w0 = model.weights.as_slice().to_vec();
        let candidates: Vec<(Vec<f64>, Vec<f64>)> = (0..10_000u64)
            .map(|k| simplex(m, k + 77))
            .filter(|w| cons.admits(w, 0.0))
            .map(|w| {
                let s = scores_at(&model, Method::Wsm, &w);
                (w, s)
            })
            .collect();
        for (i, a) in r.alternatives.iter().enumerate() {
            let Some(wc) = &a.weight_change else { continue };
            let w: Vec<f64> = wc.weights.values().copied().collect();
            prop_assert!(cons.admits(&w, 1e-9), "{}: {w:?}", a.id);
            for (cw, cs) in &candidates {
                let reached = if a.status == Status::First {
                    (0..n).any(|b| b != i && cs[b] >= cs[i])
                } else {
                    (0..n).all(|b| b == i || cs[i] >= cs[b])
                };
                if reached {
                    let p: f64 = cw.iter().zip(&w0).map(|(x, y)| (x - y).abs()).sum::<f64>() * 50.0;
                    prop_assert!(p >= wc.points - 1e-6, "{}: candidate {p} < {}", a.id, wc.points);
                }
            }
        }
    }
}

/// Above 200 alternatives the whole analysis is refused with a message naming --for; one
/// alternative is still answered.
#[test]
fn large_models_are_refused_unless_one_alternative_is_asked_about() {
    let mut text = String::from(
        "title = \"big\"\n[[criteria]]\nid = \"x\"\ndirection = \"benefit\"\n[[criteria]]\nid = \"y\"\ndirection = \"cost\"\n",
    );
    for i in 0..201 {
        text.push_str(&format!(
            "[[alternatives]]\nid = \"a{i}\"\nscores = {{ x = {}, y = {} }}\n",
            (i * 7) % 13,
            (i * 5) % 11
        ));
    }
    let model = pmatrix::model::parse("big.toml".as_ref(), &text).unwrap();
    let opts = Options::new(Method::Wsm);
    let err = whatif(&model, &model.weights, &opts, &Constraints::default(), None).unwrap_err();
    assert!(err.to_string().contains("--for ALT"), "{err}");
    let one = whatif(
        &model,
        &model.weights,
        &opts,
        &Constraints::default(),
        Some(3),
    )
    .unwrap();
    assert_eq!(one.alternatives.len(), 1);
    assert_eq!(one.alternatives[0].id, "a3");
}
