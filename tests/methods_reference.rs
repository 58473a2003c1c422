//! Every method variant against the reference cases in `tests/reference/*__*.json`.
//!
//! Each case is one matrix run through one method variant by pymcdm 1.4.0 and cross-checked
//! against scikit-criteria, pyDecision and mcda-promethee (see `tests/reference/README.md`).
//! A new case file is picked up automatically; an unknown variant suffix fails the test.

use std::path::PathBuf;

use nalgebra::DMatrix;
use serde_json::Value;

use pmatrix::methods::{CriterionInfo, Details, Evaluation, Method, Options, evaluate};
use pmatrix::model::{Direction, Preference};
use pmatrix::normalize::{Column, Normalization};
use pmatrix::ranking::order_best_first;

/// The number of reference cases shipped in `tests/reference/`; the suite refuses to pass on
/// fewer, so that it cannot pass vacuously.
const MIN_CASES: usize = 85;

/// Scores agree to 1e-9 relative, or 1e-12 absolute near zero.
fn close(a: f64, b: f64) -> bool {
    let diff = (a - b).abs();
    diff <= 1e-12 || diff <= 1e-9 * a.abs().max(b.abs())
}

fn assert_all_close(case: &str, what: &str, got: &[f64], want: &[f64]) {
    assert_eq!(got.len(), want.len(), "{case}: {what} length");
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        assert!(
            close(*g, *w),
            "{case}: {what}[{i}] is {g}, reference {w} (all: {got:?} vs {want:?})"
        );
    }
}

struct Case {
    name: String,
    json: Value,
    x: DMatrix<f64>,
    dirs: Vec<Direction>,
    raw_weights: Vec<f64>,
}

impl Case {
    fn load(path: &PathBuf) -> Case {
        let text = std::fs::read_to_string(path).unwrap();
        let json: Value = serde_json::from_str(&text).unwrap();
        let name = path.file_stem().unwrap().to_str().unwrap().to_owned();
        let rows: Vec<Vec<f64>> = serde_json::from_value(json["matrix"].clone()).unwrap();
        let (n, m) = (rows.len(), rows[0].len());
        let x = DMatrix::from_fn(n, m, |i, j| rows[i][j]);
        let types: Vec<i64> = serde_json::from_value(json["types"].clone()).unwrap();
        let dirs = types
            .iter()
            .map(|&t| match t {
                1 => Direction::Benefit,
                -1 => Direction::Cost,
                other => panic!("{name}: type {other}"),
            })
            .collect();
        let raw_weights = serde_json::from_value(json["weights"].clone()).unwrap();
        Case {
            name,
            json,
            x,
            dirs,
            raw_weights,
        }
    }

    fn variant(&self) -> &str {
        self.name.rsplit_once("__").unwrap().1
    }

    fn weight_sum(&self) -> f64 {
        self.raw_weights.iter().sum()
    }

    fn weights(&self) -> Vec<f64> {
        let total = self.weight_sum();
        self.raw_weights.iter().map(|w| w / total).collect()
    }

    /// A per-criterion threshold from `params`, given either as one number for every
    /// criterion or as a list with one number per criterion.
    fn threshold(&self, key: &str, j: usize) -> f64 {
        let v = &self.json["params"][key];
        v.as_f64()
            .or_else(|| v[j].as_f64())
            .unwrap_or_else(|| panic!("{}: params.{key} for criterion {j}", self.name))
    }

    fn options_and_criteria(&self) -> (Options, Vec<CriterionInfo>) {
        let (method, normalization) = match self.variant() {
            "wsm_minmax" => (Method::Wsm, Some(Normalization::Minmax)),
            "wsm_sum" => (Method::Wsm, Some(Normalization::Sum)),
            "wpm" => (Method::Wpm, Some(Normalization::Sum)),
            "topsis_vector" => (Method::Topsis, Some(Normalization::Vector)),
            "topsis_minmax" => (Method::Topsis, Some(Normalization::Minmax)),
            "vikor" => (Method::Vikor, None),
            "promethee_usual" | "promethee_linear" => (Method::Promethee, None),
            other => panic!("{}: unknown variant {other}", self.name),
        };
        let mut opts = Options::new(method);
        opts.normalization = normalization;
        if method == Method::Vikor {
            opts.vikor_v = self.json["params"]["v"].as_f64().unwrap_or(0.5);
        }
        let criteria = (0..self.dirs.len())
            .map(|j| CriterionInfo {
                column: Column {
                    direction: self.dirs[j],
                    bounds: None,
                    value: None,
                },
                preference: if self.variant() == "promethee_linear" {
                    Preference::Linear {
                        q: self.threshold("q", j),
                        p: self.threshold("p", j),
                    }
                } else {
                    Preference::Usual
                },
            })
            .collect();
        (opts, criteria)
    }

    fn run(&self) -> Result<Evaluation, pmatrix::normalize::NormalizeError> {
        let (opts, criteria) = self.options_and_criteria();
        evaluate(&self.x, &criteria, &self.weights(), &opts)
    }

    /// A list of numbers from the case, `None` when absent or when any entry is null.
    fn numbers(&self, value: &Value) -> Option<Vec<f64>> {
        value.as_array()?.iter().map(Value::as_f64).collect()
    }

    fn refused(&self) -> bool {
        self.json.get("error").is_some_and(|e| !e.is_null())
            || self.json["preference"].is_null()
            || self.numbers(&self.json["preference"]).is_none()
    }
}

fn load_cases() -> Vec<Case> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/reference");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_str().unwrap();
            name.ends_with(".json") && name.contains("__")
        })
        .collect();
    paths.sort();
    paths.iter().map(Case::load).collect()
}

/// The reference scores in pmatrix's weight convention: pmatrix normalises weights to sum 1,
/// so with weights summing to s the peer's WSM score is s times pmatrix's and its WPM score
/// pmatrix's to the power s.
fn expected_scores(case: &Case, peer: &[f64]) -> Vec<f64> {
    let s = case.weight_sum();
    match case.variant() {
        "wsm_minmax" | "wsm_sum" => peer.iter().map(|p| p / s).collect(),
        "wpm" => peer.iter().map(|p| p.powf(1.0 / s)).collect(),
        _ => {
            assert!(
                (s - 1.0).abs() < 1e-9,
                "{}: weights sum to {s}; the reference scores would need rescaling",
                case.name
            );
            peer.to_vec()
        }
    }
}

/// Every pair that the reference orders strictly (not a near tie) is ordered the same way.
fn assert_same_order(case: &Case, got: &[usize]) {
    let want: Vec<usize> = serde_json::from_value(case.json["order_best_first"].clone()).unwrap();
    let near: Vec<Vec<usize>> =
        serde_json::from_value(case.json["near_ties"].clone()).unwrap_or_default();
    let tied = |a: usize, b: usize| near.iter().any(|p| p.contains(&a) && p.contains(&b));
    let pos = |order: &[usize], a: usize| order.iter().position(|&x| x == a).unwrap();
    assert_eq!(got.len(), want.len(), "{}: order length", case.name);
    for (k, &a) in want.iter().enumerate() {
        for &b in &want[k + 1..] {
            if !tied(a, b) {
                assert!(
                    pos(got, a) < pos(got, b),
                    "{}: reference ranks {a} above {b}; pmatrix's order is {got:?}, reference {want:?}",
                    case.name
                );
            }
        }
    }
}

fn check_extra(case: &Case, eval: &Evaluation) {
    let extra = &case.json["extra"];
    match &eval.details {
        Details::Vikor(v) => {
            for (key, got) in [("S", &v.s), ("R", &v.r), ("Q", &v.q)] {
                let want = case
                    .numbers(&extra[key])
                    .unwrap_or_else(|| panic!("{}: extra.{key}", case.name));
                assert_all_close(&case.name, key, got, &want);
            }
        }
        Details::Promethee(p) => {
            for (key, got) in [
                ("phi_plus", &p.phi_plus),
                ("phi_minus", &p.phi_minus),
                ("phi_net", &p.phi),
            ] {
                let want = case
                    .numbers(&extra[key])
                    .unwrap_or_else(|| panic!("{}: extra.{key}", case.name));
                assert_all_close(&case.name, key, got, &want);
            }
        }
        _ => {}
    }
}

/// A case the peer answered: the same scores, order and intermediate values.
fn check_answered(case: &Case) {
    let eval = case
        .run()
        .unwrap_or_else(|e| panic!("{}: refused: {e}", case.name));
    let peer = case.numbers(&case.json["preference"]).unwrap();
    assert_all_close(
        &case.name,
        "score",
        &eval.scores,
        &expected_scores(case, &peer),
    );
    assert_same_order(case, &order_best_first(&eval.scores, eval.order));
    check_extra(case, &eval);
}

/// A case the peer refused. Under `sum` normalisation pmatrix refuses too, naming the first
/// non-positive cell (criteria in order, then alternatives) and suggesting a normalisation that
/// works; VIKOR gives finite values in which a constant criterion, or a zero-range Q term,
/// contributes nothing, as scikit-criteria does with its 0/0 → 0 convention.
fn check_refused(case: &Case) {
    match case.variant() {
        "wsm_sum" | "wpm" => {
            let err = case.run().expect_err(&case.name);
            let (n, m) = case.x.shape();
            let (j, i) = (0..m)
                .flat_map(|j| (0..n).map(move |i| (j, i)))
                .find(|&(j, i)| case.x[(i, j)] <= 0.0)
                .expect("a non-positive cell");
            assert_eq!(err.normalization, Normalization::Sum, "{}", case.name);
            assert_eq!(
                (err.criterion, err.alternative, err.value),
                (j, i, case.x[(i, j)]),
                "{}",
                case.name
            );
            let (mut opts, criteria) = case.options_and_criteria();
            opts.normalization = Some(err.suggestion);
            let eval = evaluate(&case.x, &criteria, &case.weights(), &opts).unwrap();
            assert!(eval.scores.iter().all(|s| s.is_finite()), "{}", case.name);
        }
        "vikor" => {
            let eval = case.run().unwrap();
            let Details::Vikor(v) = &eval.details else {
                panic!("{}: no VIKOR details", case.name)
            };
            let extra = &case.json["extra"];
            for (key, got) in [("S", &v.s), ("R", &v.r), ("Q", &v.q)] {
                assert!(got.iter().all(|x| x.is_finite()), "{}: {key}", case.name);
                if let Some(want) = case.numbers(&extra[key]) {
                    assert_all_close(&case.name, key, got, &want);
                }
            }
            let sk = case.json["cross_check"]
                .as_array()
                .unwrap()
                .iter()
                .find(|c| {
                    c["call"]
                        .as_str()
                        .is_some_and(|s| s.contains("use_compromise_set=False"))
                })
                .unwrap_or_else(|| panic!("{}: scikit-criteria cross-check", case.name));
            for (key, got) in [("S", &v.s), ("R", &v.r), ("preference", &v.q)] {
                let want = case.numbers(&sk[key]).unwrap();
                assert_all_close(&case.name, key, got, &want);
            }
        }
        other => panic!("{}: unexpected refusal for {other}", case.name),
    }
}

#[test]
fn every_reference_case_agrees() {
    let cases = load_cases();
    assert!(
        cases.len() >= MIN_CASES,
        "found {} reference cases, expected at least {MIN_CASES}",
        cases.len()
    );
    let (mut answered, mut refused) = (0, 0);
    for case in &cases {
        if case.refused() {
            check_refused(case);
            refused += 1;
        } else {
            check_answered(case);
            answered += 1;
        }
    }
    assert_eq!(answered + refused, cases.len());
    assert!(refused >= 4, "the refused cases are checked too");
}

#[test]
fn every_variant_is_covered() {
    let cases = load_cases();
    for variant in [
        "wsm_minmax",
        "wsm_sum",
        "wpm",
        "topsis_vector",
        "topsis_minmax",
        "vikor",
        "promethee_usual",
        "promethee_linear",
    ] {
        let count = cases.iter().filter(|c| c.variant() == variant).count();
        assert!(count >= 9, "{variant}: only {count} cases");
    }
}

/// Two cases give weights summing to 2: pmatrix's WSM scores are exactly half the peer's and
/// its WPM scores their square root.
#[test]
fn weights_summing_to_two_halve_wsm_and_root_wpm() {
    let cases = load_cases();
    let doubled: Vec<&Case> = cases
        .iter()
        .filter(|c| (c.weight_sum() - 1.0).abs() > 1e-9)
        .collect();
    let names: Vec<&str> = doubled.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names,
        ["pymcdm_doc_wsm__wpm", "pymcdm_doc_wsm__wsm_sum"],
        "the cases whose weights do not sum to 1"
    );
    for case in doubled {
        assert!((case.weight_sum() - 2.0).abs() < 1e-12, "{}", case.name);
        let peer = case.numbers(&case.json["preference"]).unwrap();
        let ours = case.run().unwrap().scores;
        for (o, p) in ours.iter().zip(&peer) {
            let back = if case.variant() == "wpm" {
                o * o
            } else {
                2.0 * o
            };
            assert!(close(back, *p), "{}: {o} vs peer {p}", case.name);
        }
    }
}
