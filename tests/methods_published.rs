//! Worked examples from the literature, with their published figures
//! (`tests/reference/published.json`).

use approx::assert_abs_diff_eq;
use nalgebra::DMatrix;
use serde_json::Value;

use pmatrix::methods::{CriterionInfo, Details, Evaluation, Method, Options, evaluate};
use pmatrix::model::{Direction, Preference};
use pmatrix::normalize::{Column, Normalization};
use pmatrix::ranking::order_best_first;

fn published(key: &str) -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/reference/published.json"
    );
    let all: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    all[key].clone()
}

fn numbers(v: &Value) -> Vec<f64> {
    serde_json::from_value(v.clone()).unwrap()
}

fn matrix(v: &Value) -> DMatrix<f64> {
    let rows: Vec<Vec<f64>> = serde_json::from_value(v["matrix"].clone()).unwrap();
    DMatrix::from_fn(rows.len(), rows[0].len(), |i, j| rows[i][j])
}

fn criteria(v: &Value, preference: Preference) -> Vec<CriterionInfo> {
    numbers(&v["types"])
        .iter()
        .map(|&t| CriterionInfo {
            column: Column {
                direction: if t > 0.0 {
                    Direction::Benefit
                } else {
                    Direction::Cost
                },
                bounds: None,
                value: None,
            },
            preference,
        })
        .collect()
}

fn run(v: &Value, method: Method, normalization: Option<Normalization>) -> Evaluation {
    let mut opts = Options::new(method);
    opts.normalization = normalization;
    if let Some(vikor_v) = v["v"].as_f64() {
        opts.vikor_v = vikor_v;
    }
    evaluate(
        &matrix(v),
        &criteria(v, Preference::Usual),
        &numbers(&v["weights"]),
        &opts,
    )
    .unwrap()
}

fn assert_values(got: &[f64], want: &[f64], epsilon: f64) {
    assert_eq!(got.len(), want.len());
    for (g, w) in got.iter().zip(want) {
        assert_abs_diff_eq!(*g, *w, epsilon = epsilon);
    }
}

/// Opricovic & Tzeng (2004), "Compromise solution by MCDM methods: a comparative analysis of
/// VIKOR and TOPSIS", EJOR 156, 445–455, section 5: S, R and Q as published, with a2 the
/// compromise solution satisfying both conditions.
#[test]
fn vikor_opricovic_tzeng_2004() {
    let case = published("vikor_opricovic_tzeng_2004");
    let eval = run(&case, Method::Vikor, None);
    let Details::Vikor(v) = &eval.details else {
        panic!("VIKOR details")
    };
    let want = &case["published"];
    assert_values(&v.s, &numbers(&want["S"]), 1e-12);
    assert_values(&v.r, &numbers(&want["R"]), 1e-12);
    assert_values(&v.q, &numbers(&want["Q"]), 1e-12);
    assert_values(&eval.scores, &numbers(&want["Q"]), 1e-12);
    assert!(v.compromise.acceptable_advantage);
    assert!(v.compromise.acceptable_stability);
    assert_eq!(v.compromise.set, vec![1]);
}

/// The same data under TOPSIS, vector and min-max normalisation, against the recomputed
/// closeness values stored with the example (to the 3 decimals given). The two
/// normalisations disagree on the winner: vector TOPSIS prefers a1, min-max TOPSIS a2 (with
/// a1 and a3 exactly tied at 0.5).
#[test]
fn topsis_on_opricovic_tzeng_2004_data() {
    let case = published("vikor_opricovic_tzeng_2004");
    let vector = run(&case, Method::Topsis, Some(Normalization::Vector));
    assert_values(
        &vector.scores,
        &numbers(&case["topsis_vector_recomputed"]),
        5e-4,
    );
    assert_eq!(
        order_best_first(&vector.scores, vector.order),
        vec![0, 1, 2]
    );

    let minmax = run(&case, Method::Topsis, Some(Normalization::Minmax));
    assert_values(
        &minmax.scores,
        &numbers(&case["topsis_minmax_recomputed"]),
        5e-4,
    );
    assert_abs_diff_eq!(minmax.scores[0], 0.5, epsilon = 1e-15);
    assert_abs_diff_eq!(minmax.scores[2], 0.5, epsilon = 1e-15);
    assert_eq!(
        order_best_first(&minmax.scores, minmax.order),
        vec![1, 0, 2]
    );
}

/// Zhao, Peng & Li (2013), the PROMETHEE II example pymcdm tests against: usual preference
/// on every criterion; φ, φ⁺ and φ⁻ as published.
#[test]
fn promethee_zhao_peng_li_2013() {
    let case = published("promethee_zhao_peng_li_2013");
    assert_eq!(case["preference"], "usual");
    let eval = run(&case, Method::Promethee, None);
    let Details::Promethee(p) = &eval.details else {
        panic!("PROMETHEE details")
    };
    let want = &case["published"];
    assert_values(&p.phi, &numbers(&want["phi"]), 1e-12);
    assert_values(&p.phi_plus, &numbers(&want["phi_plus"]), 1e-12);
    assert_values(&p.phi_minus, &numbers(&want["phi_minus"]), 1e-12);
    assert_eq!(order_best_first(&eval.scores, eval.order), vec![2, 0, 1]);
}
