//! Objective weights as profiles (`objective = "entropy"` or `"critic"`): a published example
//! through the model file, hand derivations on levels, an interval and a constant criterion,
//! every output format, and every bad profile refused at its line and column.

mod common;

use approx::assert_abs_diff_eq;
use common::{assert_refused_at, flat, json, pmatrix, text};
use pmatrix::weights::Origin;
use pmatrix::weights::objective::{ObjectiveMethod, critic, entropy};

const ZP: &str = "tests/fixtures/objective/zavadskas-podvezko.toml";
const LEVELS: &str = "tests/fixtures/objective/levels.toml";
const INVALID: &str = "tests/fixtures/objective/invalid";

fn weights(model: &pmatrix::model::Model, profile: &str) -> Vec<f64> {
    model.profile(profile).unwrap().weights.as_slice().to_vec()
}

/// Zavadskas & Podvezko (2016), the entropy weights printed to four decimals (0.1146, 0.1981,
/// 0.4185, 0.2689), with criteria 1 and 3 costs: entropy reads the raw scores whatever the
/// direction. The CRITIC profile equals the library's CRITIC of the same matrix with those
/// directions, and both profiles print with the note that they describe the data.
#[test]
fn the_published_entropy_weights_come_out_of_the_model_file() {
    let model = pmatrix::model::load(ZP.as_ref()).unwrap();
    let w = weights(&model, "entropy");
    for (g, want) in w.iter().zip([0.1146, 0.1981, 0.4185, 0.2689]) {
        assert_abs_diff_eq!(*g, want, epsilon = 5e-5);
    }
    let lib = entropy(model.scores.mid()).unwrap();
    for (g, l) in w.iter().zip(&lib.weights) {
        assert_abs_diff_eq!(g, l, epsilon = 1e-15);
    }
    let dirs: Vec<_> = model.criteria.iter().map(|c| c.direction).collect();
    let lib = critic(model.scores.mid(), &dirs).unwrap();
    for (g, l) in weights(&model, "critic").iter().zip(&lib.weights) {
        assert_abs_diff_eq!(g, l, epsilon = 1e-15);
    }
    match &model.profile("critic").unwrap().origin {
        Origin::Objective { method, .. } => assert_eq!(*method, ObjectiveMethod::Critic),
        other => panic!("{other:?}"),
    }
    let v = json(&["rank", ZP, "--profile", "entropy", "--format", "json"]);
    assert_abs_diff_eq!(v["weights"]["c3"].as_f64().unwrap(), w[2], epsilon = 1e-15);
    let t = flat(&["rank", ZP, "--profile", "critic"]);
    assert!(t.contains("CRITIC weights (Diakoulaki et al. 1995"), "{t}");
    assert!(t.contains("not anyone's preferences"), "{t}");
}

/// `levels.toml`, two alternatives: quality High (2) and Low (0) on the default scale values;
/// cost [2, 4] (midpoint 3) and 1; coverage 5 and 5.
///
/// Entropy: quality p = (1, 0), E = 0, d = 1; cost p = (¾, ¼), E = −(¾ ln ¾ + ¼ ln ¼)/ln 2 =
/// 0.811278…, d = 0.188722…; coverage is constant, d = 0. So w = (1, 0.188722…, 0) / 1.188722….
///
/// CRITIC: quality normalises to (1, 0), cost (a cost, range of the scores 1..3) to (0, 1):
/// ρ = −1, σ = √½ each (sample), so C = √½ · 2 each and w = (½, ½, 0).
#[test]
fn levels_midpoints_and_a_constant_criterion_by_hand() {
    let model = pmatrix::model::load(LEVELS.as_ref()).unwrap();
    let e = -(0.75f64 * 0.75f64.ln() + 0.25 * 0.25f64.ln()) / 2f64.ln();
    let total = 1.0 + (1.0 - e);
    let want = [1.0 / total, (1.0 - e) / total, 0.0];
    for (g, w) in weights(&model, "entropy").iter().zip(want) {
        assert_abs_diff_eq!(*g, w, epsilon = 1e-12);
    }
    for (g, w) in weights(&model, "critic").iter().zip([0.5, 0.5, 0.0]) {
        assert_abs_diff_eq!(*g, w, epsilon = 1e-12);
    }
    let Origin::Objective { criteria, .. } = &model.profile("critic").unwrap().origin else {
        panic!("not objective");
    };
    assert_abs_diff_eq!(
        criteria[0].info.std_dev.unwrap(),
        0.5f64.sqrt(),
        epsilon = 1e-15
    );
    assert_abs_diff_eq!(criteria[1].info.conflict.unwrap(), 2.0, epsilon = 1e-15);
    assert!(!criteria[2].info.varies);
    let t = flat(&["check", LEVELS]);
    assert!(
        t.contains("Coverage scores the same for every alternative, so carries no information and weighs 0."),
        "{t}"
    );
}

/// Every format: the table and Markdown notes, the `objective` CSV table, the JSON of
/// `--profile all` (`objective` beside each objective profile's weights), and the report.
#[test]
fn every_format_shows_the_objective_weighting() {
    // One objective profile: its weighting beside the ranking in JSON.
    let v = json(&["rank", LEVELS, "--profile", "critic", "--format", "json"]);
    assert_eq!(v["objective"]["method"], "critic");
    let flat_c = &v["objective"]["criteria"][2];
    assert_eq!(
        (flat_c["criterion"].as_str(), flat_c["varies"].as_bool()),
        (Some("flat"), Some(false))
    );
    assert_eq!(v["weights"]["flat"], 0.0);
    assert!(v.get("consistency").is_none());
    let md = flat(&["rank", ZP, "--profile", "all", "--format", "markdown"]);
    assert!(md.contains("Profile entropy: entropy weights"), "{md}");
    let csv = text(&[
        "rank",
        ZP,
        "--profile",
        "all",
        "--format",
        "csv",
        "--table",
        "objective",
    ]);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next().unwrap(),
        "profile,method,id,name,varies,entropy_or_sd,divergence_or_conflict,weight"
    );
    assert_eq!(csv.lines().count(), 1 + 8, "{csv}");
    assert!(
        csv.contains("\nentropy,entropy,c3,Criterion 3,yes,"),
        "{csv}"
    );
    let v = json(&["rank", ZP, "--profile", "all", "--format", "json"]);
    let cols = v["columns"].as_array().unwrap();
    let entropy_col = cols.iter().find(|c| c["label"] == "entropy").unwrap();
    assert_eq!(entropy_col["objective"]["method"], "entropy");
    let c3 = &entropy_col["objective"]["criteria"][2];
    assert_eq!(c3["criterion"], "c3");
    let e = c3["entropy"].as_f64().unwrap();
    assert_abs_diff_eq!(c3["divergence"].as_f64().unwrap(), 1.0 - e, epsilon = 1e-15);
    let check = json(&["check", LEVELS, "--format", "json"]);
    assert_eq!(check["objective"]["critic"]["criteria"][2]["varies"], false);
    assert_abs_diff_eq!(
        check["objective"]["critic"]["criteria"][0]["std_dev"]
            .as_f64()
            .unwrap(),
        0.5f64.sqrt(),
        epsilon = 1e-15
    );
    let stated = cols.iter().find(|c| c["label"] == "stated").unwrap();
    assert!(stated.get("objective").is_none());
    assert!(stated.get("consistency").is_none());
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("r.html");
    let out = pmatrix(&[
        "report",
        ZP,
        "-o",
        html.to_str().unwrap(),
        "--samples",
        "200",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(
        page.contains("not anyone&#39;s preferences") || page.contains("not anyone's preferences")
    );
    assert!(page.contains("Objective weights: computed from the scores"));
    let xlsx = dir.path().join("r.xlsx");
    let out = pmatrix(&[
        "rank",
        ZP,
        "--profile",
        "all",
        "--format",
        "xlsx",
        "-o",
        xlsx.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(std::fs::metadata(&xlsx).unwrap().len() > 0);
}

/// Each bad objective profile: exit 1, the message, its line and column, and advice.
#[test]
fn every_bad_objective_profile_is_refused_at_its_place() {
    let cases: &[(&str, usize, usize, &str)] = &[
        (
            "unknown",
            36,
            13,
            "unknown objective weighting \"entrophy\"",
        ),
        (
            "no-information",
            36,
            13,
            "entropy weights need scores that differ",
        ),
        ("with-weights", 35, 11, "it gives `weights` and `objective`"),
    ];
    assert_refused_at(INVALID, cases);
    let err =
        String::from_utf8(pmatrix(&["check", &format!("{INVALID}/unknown.toml")]).stderr).unwrap();
    assert!(err.contains("did you mean \"entropy\"?"), "{err}");
}
