//! The models in `policies/` against their sources: each reproduces the totals and the order
//! its article prints, and every file in the folder passes `check`.

use std::path::Path;
use std::process::Command;

use approx::assert_abs_diff_eq;
use pmatrix::methods::{Method, Options};
use pmatrix::model::Model;
use pmatrix::rank::rank;
use pmatrix::sensitivity::stability;
use serde_json::Value;

fn load(file: &str) -> Model {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("policies")
        .join(file);
    pmatrix::model::load(&path).unwrap_or_else(|e| panic!("{file}: {e}"))
}

/// The weighted sum with the model's own weights and `scale` normalisation: (id, score) best
/// first.
fn weighted_sum(model: &Model) -> Vec<(String, f64)> {
    let opts = Options::new(Method::Wsm);
    let r = rank(model, &model.weights, None, &opts).unwrap();
    r.alternatives
        .iter()
        .map(|a| (a.id.clone(), a.score))
        .collect()
}

#[test]
fn every_policy_model_passes_check() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("policies");
    let mut models = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            let out = Command::new(env!("CARGO_BIN_EXE_pmatrix"))
                .arg("check")
                .arg(&path)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{}: {}",
                path.display(),
                String::from_utf8_lossy(&out.stderr)
            );
            let model = pmatrix::model::load(&path).unwrap();
            assert!(model.source.is_some(), "{} names no source", path.display());
            models += 1;
        }
    }
    assert_eq!(models, 3, "a model was added or removed: update this test");
}

/// The model's weighted sum gives the source's order, and each score is its printed total over
/// `scale` (the largest total the source's weights and score range allow).
fn assert_totals(file: &str, expected: &[(&str, f64)], scale: f64) {
    let got = weighted_sum(&load(file));
    assert_eq!(got.len(), expected.len(), "{file}");
    for ((id, score), &(want_id, total)) in got.iter().zip(expected) {
        assert_eq!(id, want_id, "{file}: order");
        assert_abs_diff_eq!(*score, total / scale, epsilon = 1e-12);
    }
}

/// Baltussen & Niessen (2006), Table 2: totals 100, 70, 48 (47.5 exactly) and 5 out of 100.
#[test]
fn health_priority_setting_reproduces_table_2() {
    let expected = [
        ("childhood-pneumonia", 100.0),
        ("antiretroviral-hiv", 70.0),
        ("fracture-plastering", 47.5),
        ("schizophrenia-inpatient", 5.0),
    ];
    assert_totals("health-priority-setting-mcda.toml", &expected, 100.0);
}

/// Greaves (2007), matrix ranking: Σ importance × score = 250, 249, 197 and 93. The weights sum
/// to 36 and the scores run 0-10, so pmatrix's scores are the totals over 360.
#[test]
fn latrine_selection_reproduces_the_matrix_ranking() {
    let expected = [
        ("single-pit-ventilated", 250.0),
        ("ordinary-family-pit", 249.0),
        ("bush-field", 197.0),
        ("communal-latrine", 93.0),
    ];
    assert_totals("latrine-selection-matrix-ranking.toml", &expected, 360.0);
}

/// The one-point lead is fragile: raising the weight of "Bright inside" (2 of 36) past t hands
/// the lead to the family pit. With the others in proportion, the lead is
/// −0.6·t + (1 − t)·(0.4·2 + 0.1·5)/34, which is zero at t = 1.3/21.7 = 13/217.
#[test]
fn latrine_selection_lead_changes_at_an_exact_weight() {
    let model = load("latrine-selection-matrix-ranking.toml");
    let s = stability(&model, &model.weights, &Options::new(Method::Wsm)).unwrap();
    let json: Value = serde_json::to_value(&s).unwrap();
    let bright = json["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "bright_inside")
        .unwrap();
    assert_abs_diff_eq!(
        bright["winner_interval"][1].as_f64().unwrap(),
        13.0 / 217.0,
        epsilon = 1e-12
    );
    assert_eq!(json["critical"]["criterion"], "bright_inside");
    assert_eq!(json["critical"]["new_winner"], "ordinary-family-pit");
}

/// `--explain` names where each side of the one-point lead is ahead, each with its own value
/// first.
#[test]
fn latrine_selection_explains_the_narrow_lead() {
    let out = Command::new(env!("CARGO_BIN_EXE_pmatrix"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "rank",
            "policies/latrine-selection-matrix-ranking.toml",
            "--explain",
            "--format",
            "markdown",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains(
            "It gains most on Lack of smells (8 against 4) and Prevents disease (7 against 6)."
        ),
        "{text}"
    );
    assert!(
        text.contains("Ordinary family pit does better on Bright inside (8 against 2)."),
        "{text}"
    );
}
