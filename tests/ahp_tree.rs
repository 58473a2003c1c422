//! AHP on a value tree: judgements between siblings within each parent, each parent's
//! principal eigenvector multiplied down the tree, the consistency of every parent, every
//! output format, and every bad judgement refused at its line and column.
//!
//! `tests/fixtures/ahp-tree/two-level.toml`, profile `council`, consistent judgements whose
//! eigenvectors are exact ratios:
//!
//! ```text
//! top:      social/economic = 3                      → 3/4, 1/4
//! social:   equity/safety = 2, equity/access = 4,
//!           safety/access = 2                        → 4/7, 2/7, 1/7   (λmax = 3, CR = 0)
//! economic: cost/revenue = 1/2                       → 1/3, 2/3
//! equity 3/4 · 4/7 = 3/7   safety 3/14   access 3/28   cost 1/4 · 1/3 = 1/12   revenue 1/6
//! ```
//!
//! Profile `circular` judges equity/safety = safety/access = access/equity = 2: every row of
//! Social's matrix holds 1, 2 and ½, so the eigenvector is (⅓, ⅓, ⅓) with λmax = 3.5,
//! CI = 0.25 and CR = 0.25 / 0.58; every judgement misses the implied ratio 1 by a factor 2,
//! so the first pair, equity/safety, is named.

mod common;

use approx::assert_abs_diff_eq;
use common::{assert_refused_at, flat, json, pmatrix, text};
use pmatrix::weights::Origin;

const TWO: &str = "tests/fixtures/ahp-tree/two-level.toml";
const THREE: &str = "tests/fixtures/ahp-tree/three-level.toml";
const TREE: &str = "tests/fixtures/tree/three-level.toml";
const INVALID: &str = "tests/fixtures/ahp-tree/invalid";

fn close(got: &[f64], want: &[f64], eps: f64) {
    assert_eq!(got.len(), want.len());
    for (g, w) in got.iter().zip(want) {
        assert_abs_diff_eq!(g, w, epsilon = eps);
    }
}

#[test]
fn two_levels_multiply_down_to_the_hand_derivation() {
    let model = pmatrix::model::load(TWO.as_ref()).unwrap();
    let p = model.profile("council").unwrap();
    close(
        p.weights.as_slice(),
        &[3.0 / 7.0, 3.0 / 14.0, 3.0 / 28.0, 1.0 / 12.0, 1.0 / 6.0],
        1e-12,
    );
    let Origin::AhpTree { consistency } = &p.origin else {
        panic!("{:?}", p.origin);
    };
    let groups: Vec<Option<&str>> = consistency.iter().map(|g| g.group.as_deref()).collect();
    assert_eq!(groups, [None, Some("social"), Some("economic")]);
    close(&consistency[0].weights, &[0.75, 0.25], 1e-12);
    assert_eq!(consistency[0].children, ["social", "economic"]);
    assert_eq!(consistency[0].consistency_ratio, None);
    close(
        &consistency[1].weights,
        &[4.0 / 7.0, 2.0 / 7.0, 1.0 / 7.0],
        1e-12,
    );
    assert_abs_diff_eq!(consistency[1].lambda_max, 3.0, epsilon = 1e-12);
    assert_abs_diff_eq!(consistency[1].random_index, 0.58, epsilon = 0.0);
    assert_abs_diff_eq!(
        consistency[1].consistency_ratio.unwrap(),
        0.0,
        epsilon = 1e-12
    );
    close(&consistency[2].weights, &[1.0 / 3.0, 2.0 / 3.0], 1e-12);
    let t = flat(&["rank", TWO, "--profile", "council"]);
    assert!(t.contains("Profile council: AHP on the value tree"), "{t}");
    assert!(t.contains("the top: n = 2, always consistent; group Social: CR = 0.000 (lambda_max = 3.0000, CI = 0.0000, random index 0.58 for n = 3); group Economic: n = 2"), "{t}");
    assert!(!t.contains("Warning"), "{t}");
}

#[test]
fn an_inconsistent_group_is_named_with_its_worst_judgement() {
    let model = pmatrix::model::load(TWO.as_ref()).unwrap();
    let p = model.profile("circular").unwrap();
    close(
        p.weights.as_slice(),
        &[0.25, 0.25, 0.25, 1.0 / 12.0, 1.0 / 6.0],
        1e-12,
    );
    let Origin::AhpTree { consistency } = &p.origin else {
        panic!("{:?}", p.origin);
    };
    let social = &consistency[1];
    assert_abs_diff_eq!(social.lambda_max, 3.5, epsilon = 1e-12);
    assert_abs_diff_eq!(social.consistency_index, 0.25, epsilon = 1e-12);
    assert_abs_diff_eq!(
        social.consistency_ratio.unwrap(),
        0.25 / 0.58,
        epsilon = 1e-12
    );
    let j = social.most_inconsistent.as_ref().unwrap();
    assert_eq!((j.a.as_str(), j.b.as_str()), ("equity", "safety"));
    assert_abs_diff_eq!(j.judged, 2.0, epsilon = 0.0);
    assert_abs_diff_eq!(j.implied, 1.0, epsilon = 1e-12);
    let t = flat(&["rank", TWO, "--profile", "circular"]);
    assert!(
        t.contains("Warning: the AHP judgements of profile circular within group Social are inconsistent (CR 0.431 > 0.10); the most inconsistent is equity/safety = 2, while the weights imply 1.000."),
        "{t}"
    );
    // Only the inconsistent group is warned about.
    assert_eq!(t.matches("Warning").count(), 1, "{t}");
}

/// Three levels, with a group of one child (Safety holds harm alone: no judgement, weight 1):
/// the judgements reach the weights of `tests/fixtures/tree/three-level.toml` (3/4 · 1/2 ·
/// 3/4 = 0.28125, …), so every method ranks and scores as that tree does.
#[test]
fn three_levels_reach_the_trees_own_weights_and_rank_alike() {
    let model = pmatrix::model::load(THREE.as_ref()).unwrap();
    let p = model.profile("panel").unwrap();
    close(
        p.weights.as_slice(),
        &[0.28125, 0.09375, 0.375, 0.125, 0.125],
        1e-12,
    );
    let Origin::AhpTree { consistency } = &p.origin else {
        panic!("{:?}", p.origin);
    };
    let groups: Vec<Option<&str>> = consistency.iter().map(|g| g.group.as_deref()).collect();
    assert_eq!(
        groups,
        [None, Some("social"), Some("economic"), Some("fairness")],
        "the top first, then the groups in the file's order; Safety has one child"
    );
    for method in ["wsm", "topsis", "vikor", "promethee"] {
        let a = json(&[
            "rank",
            THREE,
            "--profile",
            "panel",
            "--method",
            method,
            "--format",
            "json",
        ]);
        let b = json(&["rank", TREE, "--method", method, "--format", "json"]);
        let (a, b) = (
            a["alternatives"].as_array().unwrap(),
            b["alternatives"].as_array().unwrap(),
        );
        for (x, y) in a.iter().zip(b) {
            assert_eq!(x["id"], y["id"], "{method}");
            assert_abs_diff_eq!(
                x["score"].as_f64().unwrap(),
                y["score"].as_f64().unwrap(),
                epsilon = 1e-12
            );
        }
    }
}

/// Every format: the `consistency` table (terminal, Markdown, CSV), the JSON of `--profile
/// all` (`consistency` beside the profile's weights), and the report.
#[test]
fn every_format_shows_the_consistency_of_each_group() {
    // One AHP profile on the tree: each parent's judgements beside the ranking in JSON, the top
    // (3 : 1 for social over economic) first.
    let v = json(&["rank", TWO, "--profile", "council", "--format", "json"]);
    let top = &v["consistency"][0];
    assert_eq!(top["group"], serde_json::Value::Null);
    assert_eq!(top["children"], serde_json::json!(["social", "economic"]));
    assert_eq!(top["weights"], serde_json::json!([0.75, 0.25]));
    assert!(v.get("objective").is_none());
    let md = text(&["rank", TWO, "--profile", "all", "--format", "markdown"]);
    assert!(md.contains("| circular | social | 3 |"), "{md}");
    let csv = text(&[
        "rank",
        TWO,
        "--profile",
        "all",
        "--format",
        "csv",
        "--table",
        "consistency",
    ]);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "profile,group,children,lambda_max,consistency_ratio,random_index,most_inconsistent"
    );
    assert_eq!(lines.len(), 1 + 6, "{csv}");
    assert!(
        lines[5].starts_with("circular,social,3,3.5,0.43103448275862"),
        "{csv}"
    );
    let v = json(&["rank", TWO, "--profile", "all", "--format", "json"]);
    let cols = v["columns"].as_array().unwrap();
    assert!(cols[0].get("consistency").is_none(), "the default profile");
    let council = cols.iter().find(|c| c["label"] == "council").unwrap();
    let social = &council["consistency"][1];
    assert_eq!(social["group"], "social");
    assert_eq!(council["consistency"][0]["group"], serde_json::Value::Null);
    assert_abs_diff_eq!(
        social["weights"][0].as_f64().unwrap(),
        4.0 / 7.0,
        epsilon = 1e-12
    );
    assert_abs_diff_eq!(
        council["weights"]["equity"].as_f64().unwrap(),
        3.0 / 7.0,
        epsilon = 1e-12
    );
    let check = json(&["check", TWO, "--format", "json"]);
    assert_abs_diff_eq!(
        check["consistency"]["circular"][1]["consistency_ratio"]
            .as_f64()
            .unwrap(),
        0.25 / 0.58,
        epsilon = 1e-12
    );
    assert!(
        json(&["check", TREE, "--format", "json"])
            .get("consistency")
            .is_none()
    );
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("r.html");
    let out = pmatrix(&[
        "report",
        TWO,
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
    assert!(page.contains("AHP consistency within each group"));
    assert!(page.contains("within group Social are inconsistent"));
}

/// Each bad judgement: exit 1, the message, its line and column, and advice.
#[test]
fn every_bad_judgement_on_a_tree_is_refused_at_its_place() {
    let cases: &[(&str, usize, usize, &str)] = &[
        (
            "across-groups",
            66,
            53,
            "equity/cost compare criteria of different groups (social, economic); compare siblings only",
        ),
        (
            "group-and-criterion",
            66,
            9,
            "social/cost compare a group (parent: the top) with a criterion (parent: economic)",
        ),
        (
            "missing-pair",
            66,
            7,
            "profile `council` has no judgement for the pair equity/access (group `social`)",
        ),
        (
            "repeated-pair",
            66,
            115,
            "the pair cost/revenue is judged twice",
        ),
        ("unknown-id", 66, 9, "unknown group or criterion `economc`"),
    ];
    assert_refused_at(INVALID, cases);
}

/// A two-level tree of 2 groups with 2 and 3 criteria, judged consistently (each judgement the
/// ratio of two positive local weights between 1 and 3, so on Saaty's scale): the profile's
/// weights are the products of the normalised local weights, whatever they are.
mod consistent_judgements {
    use proptest::prelude::*;

    fn model(top: &[f64], g1: &[f64], g2: &[f64]) -> String {
        let mut s = String::from("title = \"t\"\n");
        for g in ["ga", "gb"] {
            s.push_str(&format!("[[groups]]\nid = \"{g}\"\n"));
        }
        let ids = [
            ("ga", "a1"),
            ("ga", "a2"),
            ("gb", "b1"),
            ("gb", "b2"),
            ("gb", "b3"),
        ];
        for (g, c) in ids {
            s.push_str(&format!(
                "[[criteria]]\nid = \"{c}\"\ndirection = \"benefit\"\nrange = [0, 1]\nparent = \"{g}\"\n"
            ));
        }
        s.push_str(
            "[[alternatives]]\nid = \"x\"\nscores = { a1 = 0, a2 = 1, b1 = 0, b2 = 1, b3 = 0 }\n",
        );
        let mut pairs = vec![format!("\"ga/gb\" = {}", top[0] / top[1])];
        pairs.push(format!("\"a1/a2\" = {}", g1[0] / g1[1]));
        let b = ["b1", "b2", "b3"];
        for i in 0..3 {
            for j in i + 1..3 {
                pairs.push(format!("\"{}/{}\" = {}", b[i], b[j], g2[i] / g2[j]));
            }
        }
        s.push_str(&format!("[profiles.p]\nahp = {{ {} }}\n", pairs.join(", ")));
        s
    }

    proptest! {
        #[test]
        fn weights_are_the_products_of_the_local_weights(
            top in prop::collection::vec(1.0f64..3.0, 2),
            g1 in prop::collection::vec(1.0f64..3.0, 2),
            g2 in prop::collection::vec(1.0f64..3.0, 3),
        ) {
            let text = model(&top, &g1, &g2);
            let m = pmatrix::model::parse(std::path::Path::new("p.toml"), &text).unwrap();
            let norm = |v: &[f64]| -> Vec<f64> {
                let t: f64 = v.iter().sum();
                v.iter().map(|x| x / t).collect()
            };
            let (t, a, b) = (norm(&top), norm(&g1), norm(&g2));
            let want = [t[0] * a[0], t[0] * a[1], t[1] * b[0], t[1] * b[1], t[1] * b[2]];
            let got = m.profile("p").unwrap().weights.as_slice();
            for (g, w) in got.iter().zip(want) {
                prop_assert!((g - w).abs() < 1e-12, "{got:?} vs {want:?}");
            }
        }
    }
}
