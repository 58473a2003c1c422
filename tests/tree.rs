//! The value tree: a three-level tree ranks exactly as the same model flattened by hand, its
//! group-level stability matches a hand derivation, and every bad tree is refused at its line
//! and column.
//!
//! `tests/fixtures/tree/three-level.toml`: Social (3) and Economic (1) at the top, so 3/4 and
//! 1/4; under Social, Fairness and Safety with equal shares (1/2 each); under Fairness, equity
//! (3) and access (1): 3/4 and 1/4; Safety holds harm alone; Economic holds cost and revenue
//! equally. The product weights:
//!
//! ```text
//! equity  3/4 · 1/2 · 3/4 = 0.28125     access 3/4 · 1/2 · 1/4 = 0.09375
//! harm    3/4 · 1/2       = 0.375       cost   1/4 · 1/2 = 0.125   revenue 0.125
//! ```
//!
//! which `three-level-flat.toml` gives directly, without groups. All are dyadic fractions, so
//! both files hand the engine the same bits.

mod common;

use common::{assert_refused_at, json, pmatrix, text};
use pmatrix::methods::{Method, Options};
use pmatrix::model::Model;
use pmatrix::normalize::Normalization;

const TREE: &str = "tests/fixtures/tree/three-level.toml";
const FLAT: &str = "tests/fixtures/tree/three-level-flat.toml";
const INVALID: &str = "tests/fixtures/tree/invalid";

fn load(path: &str) -> Model {
    pmatrix::model::load(path.as_ref()).unwrap()
}

#[test]
fn the_tree_gives_the_product_weights() {
    let tree = load(TREE);
    assert_eq!(
        tree.weights.as_slice(),
        &[0.28125, 0.09375, 0.375, 0.125, 0.125]
    );
    let t = tree.tree.as_ref().unwrap();
    let ids: Vec<&str> = t.groups.iter().map(|g| g.id.as_str()).collect();
    assert_eq!(ids, ["social", "economic", "fairness", "safety"]);
    let local: Vec<f64> = t.groups.iter().map(|g| g.local).collect();
    assert_eq!(local, [0.75, 0.25, 0.5, 0.5]);
    assert_eq!(t.local, [0.75, 0.25, 1.0, 0.5, 0.5]);
    assert!(load(FLAT).tree.is_none());
}

/// Every method under every normalisation it takes: the same scores, bit for bit.
#[test]
fn a_three_level_tree_ranks_exactly_as_the_model_flattened_by_hand() {
    let (tree, flat) = (load(TREE), load(FLAT));
    assert_eq!(tree.weights, flat.weights);
    for method in Method::ALL {
        let norms: Vec<Option<Normalization>> = match method.default_normalization() {
            Some(_) => Normalization::ALL.into_iter().map(Some).collect(),
            None => vec![None],
        };
        for n in norms {
            let mut o = Options::new(method);
            o.normalization = n;
            let a = pmatrix::rank::rank(&tree, &tree.weights, None, &o).unwrap();
            let b = pmatrix::rank::rank(&flat, &flat.weights, None, &o).unwrap();
            let sa: Vec<(String, u64)> = a
                .alternatives
                .iter()
                .map(|x| (x.id.clone(), x.score.to_bits()))
                .collect();
            let sb: Vec<(String, u64)> = b
                .alternatives
                .iter()
                .map(|x| (x.id.clone(), x.score.to_bits()))
                .collect();
            assert_eq!(sa, sb, "{method} {n:?}");
        }
    }
    // And the command line's JSON, but for the title.
    let a = json(&["rank", TREE, "--format", "json", "--method", "topsis"]);
    let b = json(&["rank", FLAT, "--format", "json", "--method", "topsis"]);
    assert_eq!(a["alternatives"], b["alternatives"]);
    assert_eq!(a["weights"], b["weights"]);
}

/// Economic's share `t` of the top (now 1/4), Social's criteria keeping their proportions.
/// With the normalised scores (range 0–10, cost reversed), write each alternative's score as
/// `(1 − t)·SOC + t·ECO`, where SOC is the Social part per unit of Social weight
/// (0.375 equity + 0.125 access + 0.5 harm, the shares within Social) and ECO = 0.5 cost +
/// 0.5 revenue:
///
/// ```text
/// a  SOC = 0.375·0.8 + 0.125·0.6 + 0.5·0.8 = 0.775   ECO = 0.5·0.2 + 0.5·0.2 = 0.2
/// b  SOC = 0.375·0.4 + 0.125·0.4 + 0.5·0.6 = 0.5     ECO = 0.5·0.8 + 0.5·0.8 = 0.8
/// c  SOC = 0.375·0.6 + 0.125·0.8 + 0.5·0.4 = 0.525   ECO = 0.5·0.5 + 0.5·0.5 = 0.5
/// ```
///
/// a: 0.775 − 0.575 t; b: 0.5 + 0.3 t; c: 0.525 − 0.025 t. a stays ahead of b while
/// 0.275 ≥ 0.875 t, t ≤ 11/35, and ahead of c while t ≤ 0.25/0.55 = 5/11 > 11/35; at t = 0
/// a leads. So Economic's interval is [0, 11/35], b taking over above. Social's share is
/// 1 − Economic's, so its interval is [24/35, 1], b below. Fairness and Safety: see below.
#[test]
fn group_stability_matches_the_hand_derivation() {
    let model = load(TREE);
    let r = pmatrix::sensitivity::groups::group_stability(
        &model,
        &model.weights,
        &Options::new(Method::Wsm),
    )
    .unwrap();
    let ids: Vec<&str> = r.iter().map(|g| g.id.as_str()).collect();
    assert_eq!(ids, ["social", "fairness", "safety", "economic"]);
    let eco = &r[3];
    assert!((eco.weight - 0.25).abs() < 1e-15);
    let [lo, hi] = eco.winner_interval.unwrap();
    assert!(lo.abs() < 1e-12, "{lo}");
    assert!((hi - 11.0 / 35.0).abs() < 1e-12, "{hi}");
    assert_eq!(eco.winner_below, None);
    assert_eq!(eco.winner_above.as_deref(), Some("b"));
    let soc = &r[0];
    let [lo, hi] = soc.winner_interval.unwrap();
    assert!((lo - 24.0 / 35.0).abs() < 1e-12, "{lo}");
    assert!((hi - 1.0).abs() < 1e-12, "{hi}");
    assert_eq!(soc.winner_below.as_deref(), Some("b"));
    // Within Social at share u of Fairness (a's total minus b's, c's):
    // a − b = 0.75·[u·(0.75·0.4 + 0.25·0.2) + (1 − u)·0.2] + 0.25·(0.2 − 0.8)
    //       = 0.75·(0.2 + 0.15 u) − 0.15 = 0.1125 u ≥ 0 on [0, 1];
    // a − c = 0.75·[u·(0.75·0.2 − 0.25·0.2) + (1 − u)·0.4] + 0.25·(0.2 − 0.5)
    //       = 0.75·(0.4 − 0.3 u) − 0.075 = 0.225 − 0.225 u ≥ 0 on [0, 1].
    // So a stays first for every share of Fairness (and of Safety): [0, 1], nobody beyond.
    for g in &r[1..3] {
        assert_eq!(g.winner_interval, Some([0.0, 1.0]), "{}", g.id);
        assert_eq!(
            (g.winner_below.as_ref(), g.winner_above.as_ref()),
            (None, None)
        );
    }
    // Another method's end is found numerically (to 1e-9): under WPM b wins now, and a takes
    // over when Economic's share falls below the end. Check it by ranking at weights built by
    // hand on either side: cost = revenue = t/2, Social's criteria scaled by (1 − t)/(3/4).
    let r = pmatrix::sensitivity::groups::group_stability(
        &model,
        &model.weights,
        &Options::new(Method::Wpm),
    )
    .unwrap();
    let [lo, hi] = r[3].winner_interval.unwrap();
    assert!(lo > 0.0 && lo < 0.25 && hi == 1.0, "{lo} {hi}");
    assert_eq!(r[3].winner_below.as_deref(), Some("a"));
    let first_at = |t: f64| {
        let k = (1.0 - t) / 0.75;
        let w = [0.28125 * k, 0.09375 * k, 0.375 * k, t / 2.0, t / 2.0];
        let w = pmatrix::weights::Weights::normalized(&w).unwrap();
        let r = pmatrix::rank::rank(&model, &w, None, &Options::new(Method::Wpm)).unwrap();
        r.alternatives[0].id.clone()
    };
    assert_eq!(first_at(lo + 1e-7), "b");
    assert_eq!(first_at(lo - 1e-7), "a");
}

#[test]
fn stability_json_and_csv_list_the_groups() {
    let v = json(&["stability", TREE, "--format", "json"]);
    let g = &v["groups"][3];
    assert_eq!(g["id"], "economic");
    assert_eq!(g["parent"], serde_json::Value::Null);
    assert!((g["winner_interval"][1].as_f64().unwrap() - 11.0 / 35.0).abs() < 1e-12);
    assert_eq!(v["groups"][1]["parent"], "social");
    let csv = text(&["stability", TREE, "--format", "csv", "--table", "groups"]);
    let mut lines = csv.lines();
    let header = lines.next().unwrap();
    assert!(header.starts_with("group,id,weight,winner"), "{header}");
    assert!(csv.contains("· Fairness,fairness,0.5,0,1"), "{csv}");
    // A model without groups has no `groups` key.
    let v = json(&["stability", FLAT, "--format", "json"]);
    assert!(v.get("groups").is_none());
}

/// `--explain`: each group's subtotal of the contributions, e.g. a's Social part
/// 0.28125·0.8 + 0.09375·0.6 + 0.375·0.8 = 0.58125, Economic 0.125·0.2 + 0.125·0.2 = 0.05.
#[test]
fn explain_shows_group_subtotals() {
    let v = json(&["rank", TREE, "--explain", "--format", "json"]);
    let groups = v["groups"].as_array().unwrap();
    assert_eq!(groups.len(), 4);
    let social = &groups[0];
    assert_eq!(social["id"], "social");
    assert!((social["weight"].as_f64().unwrap() - 0.75).abs() < 1e-15);
    assert!((social["subtotals"]["a"].as_f64().unwrap() - 0.58125).abs() < 1e-12);
    assert!((groups[3]["subtotals"]["a"].as_f64().unwrap() - 0.05).abs() < 1e-12);
    let t = text(&["rank", TREE, "--explain"]);
    assert!(t.contains("Group subtotals"), "{t}");
    assert!(t.contains("· Fairness"), "{t}");
    let md = text(&["rank", TREE, "--explain", "--format", "markdown"]);
    assert!(md.contains("| · Safety |"), "{md}");
    // Without --explain, or without a tree, the JSON is as before.
    assert!(
        json(&["rank", TREE, "--format", "json"])
            .get("groups")
            .is_none()
    );
    assert!(
        json(&["rank", FLAT, "--explain", "--format", "json"])
            .get("groups")
            .is_none()
    );
    // TOPSIS says why it has none.
    let t = text(&["rank", TREE, "--explain", "--method", "topsis"]);
    assert!(t.contains("do not split by group"), "{t}");
}

#[test]
fn check_and_the_report_show_the_tree() {
    let t = text(&["check", TREE]);
    assert!(
        t.contains("Value tree (weight within the parent; of the whole):"),
        "{t}"
    );
    assert!(
        t.contains("\n    Fairness 50%; 37.5%\n      Equity 75%; 28.1%\n"),
        "{t}"
    );
    let v = json(&["check", TREE, "--format", "json"]);
    let tree = v["tree"].as_array().unwrap();
    assert_eq!(tree.len(), 9);
    assert_eq!(tree[2]["id"], "equity");
    assert_eq!(tree[2]["depth"], 2);
    assert_eq!(tree[2]["weight_in_parent"], 0.75);
    assert_eq!(tree[2]["weight"], 0.28125);
    assert!(
        json(&["check", FLAT, "--format", "json"])
            .get("tree")
            .is_none()
    );
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("r.html");
    let out = pmatrix(&["report", TREE, "-o", html.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains("Value tree"), "no tree in the report");
    assert!(page.contains("· · Equity"));
}

/// Each invalid tree: exit 1, the message, and its line and column.
#[test]
fn every_bad_tree_is_refused_at_its_place() {
    let cases: &[(&str, usize, usize, &str)] = &[
        ("unknown-parent", 21, 10, "unknown parent group `economc`"),
        (
            "parent-without-groups",
            8,
            10,
            "the model has no `[[groups]]`",
        ),
        ("cycle", 10, 10, "economic → money → economic"),
        (
            "empty-group",
            12,
            6,
            "group `environment` holds no criterion",
        ),
        ("no-parent", 18, 6, "criterion `cost` has no `parent`"),
        (
            "mixed",
            31,
            10,
            "holds both criteria (`safety`) and groups (`fairness`)",
        ),
        ("partial-weights", 9, 6, "group `economic` has no `weight`"),
        (
            "zero-weights",
            6,
            10,
            "every weight at the top of the tree is zero",
        ),
        (
            "negative-group-weight",
            6,
            10,
            "the weight of group `social` is -1",
        ),
        (
            "same-id",
            8,
            6,
            "`cost` is the id of both a group and a criterion",
        ),
        ("duplicate-group", 12, 6, "duplicate group id `social`"),
        ("unknown-group-key", 6, 1, "unknown field `weigth`"),
    ];
    assert_refused_at(INVALID, cases);
}
