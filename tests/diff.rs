//! `pmatrix diff`: the changes between two versions of the seed model, and which change moved
//! which alternative.

use std::path::Path;
use std::process::Command;

use pmatrix::diff::{Move, diff};
use pmatrix::methods::{Method, Options};
use pmatrix::model::Model;

const SEED: &str = "policies/kazakhstan-torture-prevention.toml";

fn seed_text() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(SEED)).unwrap()
}

fn model(text: &str) -> Model {
    pmatrix::model::parse(Path::new("m.toml"), text).expect("the model is valid")
}

fn replace_once(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "the seed has {from}");
    text.replacen(from, to, 1)
}

fn mv(id: &str, from: usize, to: usize) -> Move {
    Move {
        id: id.into(),
        from: Some(from),
        to: Some(to),
    }
}

/// B raises the weight of equity from 1 to 1.2 and lowers the status quo's reputational costs
/// from High to None. Under equal weights (WSM, scale normalisation) A scores the status quo
/// 8/15, developing the policy 0.8 and private prisons 0.6. The weight alone moves nothing
/// (2.73/5.2, 4.2/5.2, 3.2/5.2); the score alone lifts the status quo to 11/15 = 0.733, above
/// private prisons: status quo 3 → 2, private prisons 2 → 3. That is the whole difference.
#[test]
fn a_rank_change_is_attributed_to_the_change_that_caused_it() {
    let a_text = seed_text();
    let b_text = replace_once(&a_text, "weight = 1\n", "weight = 1.2\n");
    let b_text = replace_once(
        &b_text,
        "reputational_costs = \"High\"",
        "reputational_costs = \"None\"",
    );
    let (a, b) = (model(&a_text), model(&b_text));
    let d = diff(&a, &b, &Options::new(Method::Wsm)).unwrap();
    let paths: Vec<&str> = d.changes.iter().map(|c| c.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "criteria.equity.weight",
            "alternatives.status-quo.scores.reputational_costs"
        ]
    );
    assert_eq!(d.changes[0].kind, "weight");
    assert!((d.changes[0].before.as_f64().unwrap() - 0.2).abs() < 1e-12);
    assert!((d.changes[0].after.as_f64().unwrap() - 1.2 / 5.2).abs() < 1e-12);
    assert_eq!(d.changes[1].kind, "score");
    assert_eq!(d.changes[1].before, "High");
    assert_eq!(d.changes[1].after, "None");
    assert_eq!(
        d.rankings.a,
        ["develop-policy", "private-prisons", "status-quo"]
    );
    assert_eq!(
        d.rankings.b,
        ["develop-policy", "status-quo", "private-prisons"]
    );
    assert!(d.attribution[0].applied);
    assert!(d.attribution[0].moves.is_empty(), "{:?}", d.attribution[0]);
    assert_eq!(
        d.attribution[1].moves,
        [mv("status-quo", 3, 2), mv("private-prisons", 2, 3)]
    );
    assert_eq!(d.joint, d.attribution[1].moves);
    assert!(d.additive);
    assert!(d.interactions.is_empty());
}

/// Private prisons trail developing the policy by 0.2 (3/5 against 4/5). Raising their
/// political feasibility from Low to High gains 2/15, and lowering their uncertainty from High
/// to Low gains 2/15 too; each alone leaves them second (11/15 < 12/15), together they score
/// 13/15 and come first. Neither change moves anything alone: the two interact.
#[test]
fn changes_that_only_act_together_are_named_as_interacting() {
    let a_text = seed_text();
    let b_text = replace_once(
        &a_text,
        "political_feasibility = \"Low\", effectiveness = \"Moderate\", uncertainty = \"High\"",
        "political_feasibility = \"High\", effectiveness = \"Moderate\", uncertainty = \"Low\"",
    );
    let (a, b) = (model(&a_text), model(&b_text));
    let d = diff(&a, &b, &Options::new(Method::Wsm)).unwrap();
    assert_eq!(d.changes.len(), 2);
    assert!(
        d.attribution
            .iter()
            .all(|x| x.applied && x.moves.is_empty())
    );
    assert_eq!(
        d.joint,
        [mv("develop-policy", 1, 2), mv("private-prisons", 2, 1)]
    );
    assert!(!d.additive);
    assert_eq!(d.non_additive, ["develop-policy", "private-prisons"]);
    assert_eq!(d.interactions.len(), 1);
    assert_eq!(d.interactions[0].changes, [0, 1]);
}

/// A criterion removed and an alternative added: each is found, and each that can be applied
/// alone is.
#[test]
fn structural_changes_are_found_and_applied() {
    let a_text = seed_text();
    // Drop the uncertainty criterion (its table and its scores), add an alternative.
    let mut b_text = a_text
        .replace(", uncertainty = \"None\"", "")
        .replace(", uncertainty = \"Moderate\"", "")
        .replace(", uncertainty = \"High\"", "");
    let start = b_text.find("[[criteria]]\nid = \"uncertainty\"").unwrap();
    let end = start + b_text[start..].find("[[alternatives]]").unwrap();
    b_text.replace_range(start..end, "");
    let cut = b_text.find("# Stakeholder views").unwrap();
    b_text.truncate(cut);
    b_text.push_str(
        "[[alternatives]]\nid = \"ombudsman\"\nname = \"Strengthen the ombudsman\"\n\
         scores = { equity = \"Moderate\", reputational_costs = \"Low\", political_feasibility = \"High\", effectiveness = \"Low\" }\n",
    );
    let (a, b) = (model(&a_text), model(&b_text));
    let d = diff(&a, &b, &Options::new(Method::Wsm)).unwrap();
    let kinds: Vec<&str> = d.changes.iter().map(|c| c.kind).collect();
    assert_eq!(
        kinds,
        ["criterion_removed", "alternative_added"],
        "{:?}",
        d.changes
    );
    // Removing the uncertainty criterion applies alone.
    assert!(d.attribution[0].applied);
    // The new alternative has no uncertainty score, which A needs: it cannot be added alone.
    assert!(!d.attribution[1].applied);
    assert!(
        d.attribution[1]
            .reason
            .as_deref()
            .unwrap()
            .contains("uncertainty")
    );
    assert!(
        d.joint
            .iter()
            .any(|m| m.id == "ombudsman" && m.from.is_none())
    );
}

#[test]
fn the_command_prints_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let b = dir.path().join("b.toml");
    let text = replace_once(
        &seed_text(),
        "reputational_costs = \"High\"",
        "reputational_costs = \"None\"",
    );
    std::fs::write(&b, text).unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_pmatrix"))
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(args)
            .output()
            .unwrap()
    };
    let b = b.to_str().unwrap();
    let out = run(&["diff", SEED, b]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Alone, it moves"), "{text}");
    let out = run(&["diff", SEED, b, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["changes"][0]["kind"], "score");
    assert_eq!(v["rankings"]["b"][1], "status-quo");
    assert_eq!(v["attribution"][0]["moves"][0]["id"], "status-quo");
    assert_eq!(v["attribution"][0]["moves"][0]["from"], 3);
    assert_eq!(v["attribution"][0]["moves"][0]["to"], 2);
    let out = run(&["diff", SEED, b, "--format", "csv", "--table", "rankings"]);
    let csv = String::from_utf8(out.stdout).unwrap();
    assert_eq!(csv.lines().next().unwrap(), "id,name,rank_in_a,rank_in_b");
    assert!(
        csv.contains("status-quo,Maintain the status quo,3,2"),
        "{csv}"
    );
    let out = run(&["diff", SEED, b, "--format", "csv", "--table", "moves"]);
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "change,path,id,name,from,to\n\
         1,alternatives.status-quo.scores.reputational_costs,status-quo,Maintain the status quo,3,2\n\
         1,alternatives.status-quo.scores.reputational_costs,private-prisons,Transfer the penitentiary system to the private sector,2,3\n"
    );
    let book = dir.path().join("diff.xlsx");
    let out = run(&[
        "diff",
        SEED,
        b,
        "--format",
        "xlsx",
        "-o",
        book.to_str().unwrap(),
    ]);
    assert!(out.status.success());
    let grid = pmatrix::sheet::read_grid(&book, Some("Rankings")).unwrap();
    let sq = grid
        .rows
        .iter()
        .find(|r| r[0].text == "status-quo")
        .unwrap();
    assert_eq!((sq[2].text.as_str(), sq[3].text.as_str()), ("3", "2"));
    let same = run(&["diff", SEED, SEED]);
    assert!(
        String::from_utf8(same.stdout)
            .unwrap()
            .contains("have the same criteria")
    );
    // Nothing moves: the table is empty, and its header still names the alternative's
    // columns as the rows would.
    let none = run(&["diff", SEED, SEED, "--format", "csv", "--table", "moves"]);
    assert_eq!(
        String::from_utf8(none.stdout).unwrap(),
        "change,path,id,name,from,to\n"
    );
}

/// A normalisation that cannot take B's data is reported against B (whose alternatives A may
/// not have), not against A, and nothing panics.
#[test]
fn a_refusal_names_the_version_it_is_in() {
    let model = |extra: &str, v: f64| {
        format!(
            "title = \"t\"\n[[criteria]]\nid = \"cost\"\nname = \"Cost\"\ndirection = \"cost\"\n\
             [[alternatives]]\nid = \"a\"\nscores = {{ cost = 2 }}\n{extra}\
             [[alternatives]]\nid = \"z\"\nscores = {{ cost = {v} }}\n"
        )
    };
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.toml"), dir.path().join("b.toml"));
    std::fs::write(&a, model("", 3.0)).unwrap();
    std::fs::write(
        &b,
        model("[[alternatives]]\nid = \"m\"\nscores = { cost = 4 }\n", 0.0),
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_pmatrix"))
        .args(["diff", a.to_str().unwrap(), b.to_str().unwrap()])
        .args(["--normalization", "sum"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("`z` scores 0"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

/// B gives private prisons High feasibility and High effectiveness: under equal weights they
/// tie with developing the policy at (1 + 1 + 1 + 1 + 0)/5 = 0.8 against (1 + 1 + 1 + 2/3 +
/// 1/3)/5 = 0.8. The ranking sentence says so with `=`, not an order the scores do not make.
#[test]
fn a_tie_in_either_version_is_written_as_a_tie() {
    let dir = tempfile::tempdir().unwrap();
    let b = dir.path().join("b.toml");
    let text = replace_once(
        &seed_text(),
        "political_feasibility = \"Low\", effectiveness = \"Moderate\"",
        "political_feasibility = \"High\", effectiveness = \"High\"",
    );
    std::fs::write(&b, text).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_pmatrix"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["diff", SEED, b.to_str().unwrap(), "--width", "200"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains(
            "Ranking in A: Develop the existing government policy > Transfer the penitentiary system to the private sector > Maintain the status quo\n"
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "Ranking in B: Develop the existing government policy = Transfer the penitentiary system to the private sector > Maintain the status quo\n"
        ),
        "{text}"
    );
}
