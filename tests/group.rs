//! `pmatrix group`: participants files, the group analysis checked against hand
//! computations, AHP aggregation against published examples, every bad participants file's
//! message, spreadsheets in and out.

use std::path::Path;
use std::process::{Command, Output};

use approx::assert_abs_diff_eq;
use pmatrix::group::{GroupResult, group};
use pmatrix::methods::{Method, Options};
use pmatrix::model::Model;
use pmatrix::participants::{Kind, parse_csv};

const SEED: &str = "policies/kazakhstan-torture-prevention.toml";
const FIXTURES: &str = "tests/fixtures/participants";

/// Fixtures whose problem concerns the whole file, so the message names the file without a
/// line and column.
const WHOLE_FILE: &[&str] = &["empty"];

fn pmatrix() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_pmatrix"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

fn run(args: &[&str]) -> Output {
    pmatrix().args(args).output().expect("pmatrix runs")
}

fn seed() -> Model {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(SEED);
    pmatrix::model::load(&path).expect("the seed model loads")
}

fn analyse(model: &Model, csv: &str) -> GroupResult {
    let people = parse_csv(Path::new("class.csv"), csv, model).expect("the file is valid");
    group(model, &people, &Options::new(Method::Wsm)).expect("the group analysis runs")
}

/// Thirty students of the seed model (scale normalisation, WSM), of three kinds:
///
/// - A, 12 students, equal points (written as 20 each, or 1 each: any total is normalised):
///   weights 0.2 each; normalised scores status-quo (1/3, 0, 1, 1/3, 1), develop-policy
///   (1, 1, 1, 2/3, 1/3), private-prisons (1, 1, 1/3, 2/3, 0) give 0.533, 0.8, 0.6: ranks
///   status-quo 3, develop-policy 1, private-prisons 2;
/// - B, 7 students, equity 2, political feasibility 4, uncertainty 4 (of 10): weights
///   (0.2, 0, 0.4, 0, 0.4) give 0.867, 0.733, 0.333: ranks 1, 2, 3;
/// - C, 11 students, equity 50, reputational costs 50: weights (0.5, 0.5, 0, 0, 0) give
///   1/6, 1, 1: develop-policy and private-prisons tie first, ranks 3, 1, 1.
///
/// Groups: `g1` is six of A and all of B; `g2` the other six of A and all of C.
fn class() -> String {
    let mut s = String::from(
        "# 30 students, 100 points each (or any total)\n\
         id,group,equity,reputational_costs,political_feasibility,effectiveness,uncertainty\n",
    );
    for k in 0..12 {
        let (g, p) = if k < 6 { ("g1", 20) } else { ("g2", 1) };
        s.push_str(&format!("a{k:02},{g},{p},{p},{p},{p},{p}\n"));
    }
    for k in 0..7 {
        s.push_str(&format!("b{k:02},g1,2,0,4,0,4\n"));
    }
    for k in 0..11 {
        s.push_str(&format!("c{k:02},g2,50,50,0,0,0\n"));
    }
    s
}

#[test]
fn thirty_students_match_a_hand_computation() {
    let model = seed();
    let r = analyse(&model, &class());
    let s = &r.all;
    assert_eq!(r.kind, Kind::Points);
    assert_eq!(s.participants, 30);
    // Mean weights: (12·0.2 + 7·w_B + 11·w_C) / 30.
    let expected = [
        ("equity", 9.3 / 30.0),
        ("reputational_costs", 7.9 / 30.0),
        ("political_feasibility", 5.2 / 30.0),
        ("effectiveness", 2.4 / 30.0),
        ("uncertainty", 5.2 / 30.0),
    ];
    for (id, w) in expected {
        assert_abs_diff_eq!(s.weights[id], w, epsilon = 1e-12);
    }
    // Medians: equity has 19 values of 0.2 and 11 of 0.5, so the middle two are 0.2.
    assert_abs_diff_eq!(s.weights_median["equity"], 0.2, epsilon = 1e-12);
    // Reputational costs: 7 zeros, 12 of 0.2, 11 of 0.5: the 15th and 16th values are 0.2.
    assert_abs_diff_eq!(s.weights_median["reputational_costs"], 0.2, epsilon = 1e-12);
    let rep = &s.weights_spread["reputational_costs"];
    assert_eq!((rep.min, rep.max), (0.0, 0.5));
    // Q1 at h = 29/4 = 7.25: between the 8th and 9th sorted values (0.2 and 0.2).
    assert_abs_diff_eq!(rep.q1, 0.2, epsilon = 1e-12);
    // Q3 at h = 21.75: the 19 values below 0.5 fill positions 0 to 18, so positions 21 and
    // 22 are both 0.5.
    assert_abs_diff_eq!(rep.q3, 0.5, epsilon = 1e-12);
    // Group ranking: develop 0.858, private 0.684, status quo 0.477.
    assert_eq!(
        s.ranking,
        ["develop-policy", "private-prisons", "status-quo"]
    );
    let place = |id: &str| s.alternatives.iter().find(|a| a.id == id).unwrap();
    // First places: develop A + C = 23, private C = 11 (tied first), status quo B = 7.
    assert_eq!(place("develop-policy").first, 23);
    assert_eq!(place("private-prisons").first, 11);
    assert_eq!(place("status-quo").first, 7);
    let brief = |id: &str| {
        let p = place(id);
        (p.best, p.median, p.worst)
    };
    assert_eq!(brief("status-quo"), (1, 3.0, 3));
    assert_eq!(brief("develop-policy"), (1, 1.0, 2));
    assert_eq!(brief("private-prisons"), (1, 2.0, 3));
    assert_eq!(place("status-quo").rank_counts, [7, 0, 23]);
    assert_eq!(place("private-prisons").rank_counts, [11, 12, 7]);
    // Borda, n − rank: status quo 7·2 = 14; develop 12·2 + 7·1 + 11·2 = 53;
    // private 12·1 + 11·2 = 34.
    assert_eq!(s.borda["status-quo"], 14.0);
    assert_eq!(s.borda["develop-policy"], 53.0);
    assert_eq!(s.borda["private-prisons"], 34.0);
    // Copeland: develop beats private 19–0 and status quo 23–7; private beats status quo
    // 23–7.
    assert_eq!(s.copeland["develop-policy"], 2.0);
    assert_eq!(s.copeland["private-prisons"], 0.0);
    assert_eq!(s.copeland["status-quo"], -2.0);
    // Kendall's W: average ranks A (3, 1, 2), B (1, 2, 3), C (3, 1.5, 1.5); rank sums 76,
    // 42.5, 61.5 around a mean of 60: S = 256 + 306.25 + 2.25 = 564.5; C's tie gives
    // T = 2³ − 2 = 6 each, 66 in all; W = 12·564.5 / (30²·(27 − 3) − 30·66) = 6774/19620.
    assert_abs_diff_eq!(s.kendall_w.unwrap(), 6774.0 / 19620.0, epsilon = 1e-12);
    // Dissent: the 7 of B put the status quo first; their largest difference from the other
    // 23 is reputational costs, 0 against 7.9/23. The 11 of C tie private prisons first.
    let d = &s.dissent[0];
    assert_eq!(
        (d.alternative.as_str(), d.participants, d.of),
        ("status-quo", 7, 30)
    );
    assert_eq!(d.criterion, "reputational_costs");
    assert_abs_diff_eq!(d.their_weight, 0.0, epsilon = 1e-12);
    assert_abs_diff_eq!(d.others_weight, 7.9 / 23.0, epsilon = 1e-12);
    let d = &s.dissent[1];
    assert_eq!(
        (d.alternative.as_str(), d.participants),
        ("private-prisons", 11)
    );
    assert_eq!(d.criterion, "reputational_costs");
    assert_abs_diff_eq!(d.their_weight, 0.5, epsilon = 1e-12);
    assert_abs_diff_eq!(d.others_weight, 2.4 / 19.0, epsilon = 1e-12);
    // Groups: g1 = 6 A + 7 B, g2 = 6 A + 11 C.
    assert_eq!(r.groups.keys().collect::<Vec<_>>(), ["g1", "g2"]);
    let g1 = &r.groups["g1"];
    assert_eq!(g1.participants, 13);
    assert_abs_diff_eq!(g1.weights["equity"], 0.2, epsilon = 1e-12);
    assert_abs_diff_eq!(
        g1.weights["uncertainty"],
        (1.2 + 2.8) / 13.0,
        epsilon = 1e-12
    );
    let g1_first = |id: &str| g1.alternatives.iter().find(|a| a.id == id).unwrap().first;
    assert_eq!((g1_first("develop-policy"), g1_first("status-quo")), (6, 7));
    assert_eq!(g1.borda["status-quo"], 14.0);
    // Each participant's own ranking is kept.
    let c = r.individuals.iter().find(|p| p.id == "c00").unwrap();
    assert_eq!(c.ranks["develop-policy"], 1);
    assert_eq!(c.ranks["private-prisons"], 1);
    assert_eq!(c.total_points, Some(100.0));
}

#[test]
fn the_dissent_sentence_reads_as_a_person_would_write_it() {
    let out = run(&[
        "group",
        SEED,
        "tests/fixtures/participants/../../group-class.csv",
    ]);
    // The class is written by the test itself; this only checks the message for a missing
    // file.
    assert_eq!(out.status.code(), Some(1));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("class.csv");
    std::fs::write(&path, class()).unwrap();
    let out = run(&["group", SEED, path.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap().replace('\n', " ");
    assert!(
        text.contains("7 of 30 participants put Maintain the status quo first; they give Reputational costs 0% on average against 34.3% for the rest."),
        "{text}"
    );
    assert!(
        text.contains("30 participants: points (totals from 5 to 100)"),
        "{text}"
    );
    assert!(text.contains("Kendall's W = 0.345"), "{text}");
}

/// AHP aggregation of individual judgements (AIJ). Saaty's example of why judgements are
/// combined by the geometric mean: three people judge how many times an apple is larger than
/// an orange, 2, 3 and 4; the group's judgement is (2·3·4)^(1/3) = 24^(1/3), and the reciprocal
/// judgements give its reciprocal, which the arithmetic mean does not (it gives 3 and 13/36).
/// (Saaty, T. L., "Combining group members' judgments", as published by Decision Lens, June
/// 2007; the theorem is Aczél & Saaty 1983, J. Math. Psychology 27, 93–102.)
/// With two criteria the weights are g/(1 + g) and 1/(1 + g).
#[test]
fn ahp_aggregation_reproduces_saatys_apple_and_orange() {
    let model = pmatrix::model::parse(
        Path::new("fruit.toml"),
        r#"title = "Fruit"
[[criteria]]
id = "apple"
name = "Apple"
direction = "benefit"
[[criteria]]
id = "orange"
name = "Orange"
direction = "benefit"
[[alternatives]]
id = "x"
scores = { apple = 1, orange = 0 }
[[alternatives]]
id = "y"
scores = { apple = 0, orange = 1 }
"#,
    )
    .unwrap();
    let judged = |csv: &str| {
        let people = parse_csv(Path::new("fruit.csv"), csv, &model).unwrap();
        let list: Vec<_> = people
            .list
            .iter()
            .map(|p| p.judgements.clone().unwrap())
            .collect();
        pmatrix::group::aggregate(2, &list.iter().collect::<Vec<_>>()).0[0].2
    };
    // The apple is 2, 3 and 4 times larger: the group says 24^(1/3).
    let apple = judged("id,apple/orange\nfirst,2\nsecond,3\nthird,4\n");
    assert_abs_diff_eq!(apple, 24f64.powf(1.0 / 3.0), epsilon = 1e-12);
    // The same judgements written the other way round give the same matrix: reciprocity.
    let orange = judged("id,orange/apple\nfirst,1/2\nsecond,1/3\nthird,1/4\n");
    assert_abs_diff_eq!(orange, apple, epsilon = 1e-12);
    let csv = "id,orange/apple\nfirst,1/2\nsecond,1/3\nthird,1/4\n";
    let people = parse_csv(Path::new("fruit.csv"), csv, &model).unwrap();
    let r = group(&model, &people, &Options::new(Method::Wsm)).unwrap();
    let g = 24f64.powf(1.0 / 3.0);
    let ahp = r.all.ahp.as_ref().unwrap();
    assert_abs_diff_eq!(ahp.aij_weights["apple"], g / (1.0 + g), epsilon = 1e-9);
    assert_abs_diff_eq!(ahp.aij_weights["orange"], 1.0 / (1.0 + g), epsilon = 1e-9);
    // AIP: the geometric means of the priorities 2/3, 3/4, 4/5 and 1/3, 1/4, 1/5, normalised.
    let (pa, po) = (
        (2.0 / 3.0 * 0.75 * 0.8f64).powf(1.0 / 3.0),
        (1.0 / 3.0 * 0.25 * 0.2f64).powf(1.0 / 3.0),
    );
    assert_abs_diff_eq!(ahp.aip_weights["apple"], pa / (pa + po), epsilon = 1e-9);
    // The arithmetic mean of the priorities is the group's `weights`.
    let mean = (2.0 / 3.0 + 0.75 + 0.8) / 3.0;
    assert_abs_diff_eq!(r.all.weights["apple"], mean, epsilon = 1e-12);
    assert_eq!(r.all.ranking, ["x", "y"]);
}

/// Three criteria: the principal eigenvector of a 3 × 3 reciprocal matrix is its normalised
/// row geometric means, so AIJ can be derived by hand. Two participants: a/b = 2, a/c = 4,
/// b/c = 2 (consistent) and a/b = 8, a/c = 4, b/c = 1/2 (consistent: 8 · 1/2 = 4). The
/// geometric means are a/b = 4, a/c = 4, b/c = 1; the row geometric means are (4·4)^(1/3),
/// (1/4 · 1)^(1/3) and (1/4 · 1)^(1/3), so a's weight is 16^(1/3) / (16^(1/3) + 2·(1/4)^(1/3)).
#[test]
fn aij_of_three_criteria_by_hand() {
    let model = pmatrix::model::parse(
        Path::new("abc.toml"),
        r#"title = "abc"
[[criteria]]
id = "a"
name = "A"
direction = "benefit"
[[criteria]]
id = "b"
name = "B"
direction = "benefit"
[[criteria]]
id = "c"
name = "C"
direction = "benefit"
[[alternatives]]
id = "x"
scores = { a = 1, b = 0, c = 0 }
[[alternatives]]
id = "y"
scores = { a = 0, b = 1, c = 1 }
"#,
    )
    .unwrap();
    let csv = "id,a/b,a/c,b/c\nu,2,4,2\nv,8,4,1/2\n";
    let people = parse_csv(Path::new("abc.csv"), csv, &model).unwrap();
    let r = group(&model, &people, &Options::new(Method::Wsm)).unwrap();
    let ahp = r.all.ahp.as_ref().unwrap();
    let (ra, rb) = (16f64.powf(1.0 / 3.0), 0.25f64.powf(1.0 / 3.0));
    let total = ra + 2.0 * rb;
    assert_abs_diff_eq!(ahp.aij_weights["a"], ra / total, epsilon = 1e-9);
    assert_abs_diff_eq!(ahp.aij_weights["b"], rb / total, epsilon = 1e-9);
    assert_abs_diff_eq!(ahp.aij_weights["c"], rb / total, epsilon = 1e-9);
    // Both participants are consistent (CR 0); the aggregate is too: (4, 4, 1) has
    // a/c = a/b · b/c.
    assert!(
        r.individuals
            .iter()
            .all(|p| p.consistency_ratio.unwrap().unwrap() < 1e-9)
    );
    assert!(ahp.aij_consistency_ratio.unwrap() < 1e-9);
    assert!(ahp.inconsistent.is_empty());
}

/// Two alternatives with the same scores tie under any weights: the AIJ and AIP rankings say
/// so (`y = z`, the same rank in the JSON), as the ranking under the group weights does.
#[test]
fn ahp_rankings_show_their_ties() {
    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("abc.toml");
    std::fs::write(
        &model,
        "title = \"abc\"\n\
         [[criteria]]\nid = \"a\"\nname = \"A\"\ndirection = \"benefit\"\n\
         [[criteria]]\nid = \"b\"\nname = \"B\"\ndirection = \"benefit\"\n\
         [[alternatives]]\nid = \"x\"\nscores = { a = 1, b = 0 }\n\
         [[alternatives]]\nid = \"y\"\nscores = { a = 0, b = 1 }\n\
         [[alternatives]]\nid = \"z\"\nscores = { a = 0, b = 1 }\n",
    )
    .unwrap();
    let people = dir.path().join("p.csv");
    std::fs::write(&people, "id,a/b\nu,2\nv,8\n").unwrap();
    let (m, p) = (model.to_str().unwrap(), people.to_str().unwrap());
    let out = run(&["--width", "200", "group", m, p]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("AIJ ranking: x > y = z; AIP ranking: x > y = z."),
        "{text}"
    );
    assert!(
        text.contains("Ranking under the group weights: x > y = z"),
        "{text}"
    );
    let out = run(&["group", m, p, "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for key in ["aij_ranks", "aip_ranks"] {
        let ranks = &json["ahp"][key];
        assert_eq!(
            (&ranks["x"], &ranks["y"], &ranks["z"]),
            (&1.into(), &2.into(), &2.into())
        );
    }
}

#[test]
fn rank_orders_become_rank_order_centroid_weights() {
    let model = seed();
    let csv = "id,rank_order\n\
               s1,equity > effectiveness > reputational_costs > uncertainty > political_feasibility\n";
    let people = parse_csv(Path::new("r.csv"), csv, &model).unwrap();
    assert_eq!(people.kind, Kind::RankOrder);
    // ROC for 5: w1 = (1 + 1/2 + 1/3 + 1/4 + 1/5)/5 = 137/300.
    let w = people.list[0].weights.as_slice();
    assert_abs_diff_eq!(w[0], 137.0 / 300.0, epsilon = 1e-12);
    // Political feasibility is last: 1/25.
    assert_abs_diff_eq!(w[2], 1.0 / 25.0, epsilon = 1e-12);
}

fn has_line_and_column(stderr: &str, file: &str) -> bool {
    stderr.lines().any(|l| {
        l.trim_start()
            .strip_prefix("--> ")
            .and_then(|rest| rest.strip_prefix(file))
            .and_then(|rest| rest.strip_prefix(':'))
            .is_some_and(|lc| {
                let mut parts = lc.split(':');
                let line = parts.next().and_then(|x| x.parse::<usize>().ok());
                let col = parts.next().and_then(|x| x.parse::<usize>().ok());
                line.is_some_and(|l| l > 0) && col.is_some_and(|c| c > 0)
            })
    })
}

#[test]
fn every_bad_participants_file_is_refused_with_its_place() {
    let mut names: Vec<String> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(FIXTURES))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".csv"))
            .collect();
    names.sort();
    assert!(names.len() >= 20, "{names:?}");
    for file in names {
        let name = file.trim_end_matches(".csv");
        let path = format!("{FIXTURES}/{file}");
        let out = run(&["group", SEED, &path]);
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(out.status.code(), Some(1), "{name}: {stderr}");
        assert!(out.stdout.is_empty(), "{name}: stdout is not empty");
        assert!(stderr.starts_with("error: "), "{name}: {stderr}");
        assert!(!stderr.contains("panicked"), "{name}: {stderr}");
        assert!(stderr.contains("help:"), "{name}: no help: {stderr}");
        if WHOLE_FILE.contains(&name) {
            assert!(stderr.contains(&path), "{name}: {stderr}");
        } else {
            assert!(
                has_line_and_column(&stderr, &path),
                "{name}: the message has no {path}:LINE:COLUMN:\n{stderr}"
            );
        }
        insta::with_settings!({
            description => format!("pmatrix group {SEED} {path}"),
            omit_expression => true,
        }, {
            insta::assert_snapshot!(format!("participants__{name}"), stderr);
        });
    }
}

#[test]
fn a_bad_row_names_the_participant() {
    let out = run(&[
        "group",
        SEED,
        "tests/fixtures/participants/negative-points.csv",
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("participant `p03`"), "{stderr}");
    assert!(stderr.contains("negative-points.csv:4:"), "{stderr}");
}

#[test]
fn json_has_the_keys_of_the_contract() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("class.csv");
    std::fs::write(&path, class()).unwrap();
    let out = run(&["group", SEED, path.to_str().unwrap(), "--format", "json"]);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for key in [
        "participants",
        "weights",
        "weights_median",
        "ranking",
        "alternatives",
        "kendall_w",
        "borda",
        "copeland",
        "groups",
    ] {
        assert!(v.get(key).is_some(), "no `{key}`");
    }
    assert_eq!(v["participants"], 30);
    assert_eq!(v["groups"]["g1"]["participants"], 13);
    assert_eq!(v["alternatives"][0]["id"], "status-quo");
    assert_eq!(v["alternatives"][0]["first"], 7);
    assert_eq!(v["borda"]["develop-policy"], 53.0);
}

#[test]
fn csv_gives_one_table_and_the_chart_is_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("class.csv");
    std::fs::write(&path, class()).unwrap();
    let p = path.to_str().unwrap();
    let out = run(&["group", SEED, p, "--format", "csv", "--table", "ranks"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().next().unwrap(), "id,name,rank_1,rank_2,rank_3");
    assert!(
        text.contains("status-quo,Maintain the status quo,7,0,23"),
        "{text}"
    );
    // Without --table, CSV writes the agreement table.
    let out = run(&["group", SEED, p, "--format", "csv"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        text.lines().next().unwrap(),
        "id,name,group_rank,first,best,median,worst,borda,copeland"
    );
    assert!(
        text.contains("status-quo,Maintain the status quo,3,7,1,3,3,"),
        "{text}"
    );
    // Weights are fractions at full precision, the same numbers as in JSON.
    let out = run(&["group", SEED, p, "--format", "csv", "--table", "weights"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        text.lines().next().unwrap(),
        "id,name,mean,median,min,q1,q3,max"
    );
    let json = run(&["group", SEED, p, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let equity: Vec<&str> = text
        .lines()
        .find(|l| l.starts_with("equity,"))
        .unwrap()
        .split(',')
        .collect();
    assert_eq!(
        equity[2].parse::<f64>().unwrap(),
        v["weights"]["equity"].as_f64().unwrap()
    );
    // A participant's ranking is one cell, ties joined by `=`.
    let out = run(&[
        "group",
        SEED,
        p,
        "--format",
        "csv",
        "--table",
        "participants",
    ]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        text.lines().next().unwrap(),
        "id,group,equity,reputational_costs,political_feasibility,effectiveness,uncertainty,first,ranking"
    );
    // The terminal and Markdown show names (ids only in a legend when too narrow) and the
    // participants' ids.
    let out = run(&["group", SEED, p, "--format", "markdown", "--participants"]);
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.contains("| a00 | g1 | 20% |"), "{md}");
    assert!(md.contains("| Maintain the status quo | 3 | 7 |"), "{md}");
    let out = run(&["group", SEED, p, "--format", "markdown"]);
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(!md.contains("| a00 |"), "{md}");
    let out = run(&["group", SEED, p, "--format", "csv", "--table", "nonsense"]);
    assert_eq!(out.status.code(), Some(2));
    let chart = dir.path().join("ranks.svg");
    let c = chart.to_str().unwrap();
    assert!(run(&["group", SEED, p, "--chart", c]).status.success());
    let svg = std::fs::read_to_string(&chart).unwrap();
    assert!(svg.starts_with("<svg") && svg.contains("rank 1: 23 of 30"));
    let again = run(&["group", SEED, p, "--chart", c]);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        run(&["group", SEED, p, "--chart", c, "--force"])
            .status
            .success()
    );
}

#[test]
fn an_xlsx_written_by_pmatrix_reads_back_with_the_same_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("class.csv");
    std::fs::write(&path, class()).unwrap();
    let book = dir.path().join("group.xlsx");
    let out = run(&[
        "group",
        SEED,
        path.to_str().unwrap(),
        "--format",
        "xlsx",
        "-o",
        book.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let grid = pmatrix::sheet::read_grid(&book, Some("Weights")).unwrap();
    assert_eq!(grid.rows[0][0].text, "id");
    let equity = grid.rows.iter().find(|r| r[0].text == "equity").unwrap();
    let mean: f64 = equity[2].text.parse().unwrap();
    assert_eq!(
        mean,
        9.3 / 30.0 * 1.0,
        "the mean is stored at full precision"
    );
    let grid = pmatrix::sheet::read_grid(&book, Some("Agreement")).unwrap();
    let sq = grid
        .rows
        .iter()
        .find(|r| r[0].text == "status-quo")
        .unwrap();
    assert_eq!(sq[3].text, "7");
    // A workbook is never written over an existing file.
    let again = run(&[
        "group",
        SEED,
        path.to_str().unwrap(),
        "--format",
        "xlsx",
        "-o",
        book.to_str().unwrap(),
    ]);
    assert_eq!(again.status.code(), Some(1));
    // And xlsx needs a file.
    let no_file = run(&["group", SEED, path.to_str().unwrap(), "--format", "xlsx"]);
    assert_eq!(no_file.status.code(), Some(2));
}

#[test]
fn participants_read_from_a_sheet_equal_the_csv() {
    let model = seed();
    let dir = tempfile::tempdir().unwrap();
    // Write the class as a workbook through a document, then read it back as participants.
    let text = class();
    let mut rows = text.lines().filter(|l| !l.starts_with('#'));
    let header: Vec<String> = rows
        .next()
        .unwrap()
        .split(',')
        .map(str::to_string)
        .collect();
    let mut table =
        pmatrix::present::doc::Table::with_headers("weights", header).captioned("Weights");
    for line in rows {
        table.push(
            line.split(',')
                .enumerate()
                .map(|(k, c)| {
                    if k < 2 {
                        pmatrix::present::doc::Cell::from(c)
                    } else {
                        pmatrix::present::doc::Cell::num(c.parse().unwrap(), 0)
                    }
                })
                .collect(),
        );
    }
    let doc = pmatrix::present::doc::Doc {
        tables: vec![table],
        ..Default::default()
    };
    let book = dir.path().join("class.xlsx");
    std::fs::write(&book, pmatrix::sheet::doc_to_xlsx(&doc).unwrap()).unwrap();
    let from_sheet = pmatrix::participants::read(&book, &model, None).unwrap();
    // An empty column after the last (as a sheet's used range often has) changes nothing.
    let mut wide = doc.clone();
    wide.tables[0]
        .columns
        .push(pmatrix::present::doc::Column::keyed("", "blank"));
    for row in &mut wide.tables[0].rows {
        row.push(pmatrix::present::doc::Cell::from(""));
    }
    let wide_book = dir.path().join("wide.xlsx");
    std::fs::write(&wide_book, pmatrix::sheet::doc_to_xlsx(&wide).unwrap()).unwrap();
    assert_eq!(
        pmatrix::participants::read(&wide_book, &model, None).unwrap(),
        from_sheet
    );
    let from_csv = parse_csv(Path::new("class.csv"), &text, &model).unwrap();
    assert_eq!(from_sheet, from_csv);
    // A bad cell points at the sheet and the cell.
    let mut bad = doc.clone();
    bad.tables[0].rows[2][3] = pmatrix::present::doc::Cell::from("lots");
    let book = dir.path().join("bad.xlsx");
    std::fs::write(&book, pmatrix::sheet::doc_to_xlsx(&bad).unwrap()).unwrap();
    let err = pmatrix::participants::read(&book, &model, None)
        .unwrap_err()
        .to_string();
    assert!(err.contains("bad.xlsx, sheet Weights, cell D4"), "{err}");
    assert!(err.contains("participant `a02`"), "{err}");
    let err = pmatrix::participants::read(&book, &model, Some("Nope"))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("no sheet named `Nope`") && err.contains("Weights"),
        "{err}"
    );
}

#[test]
fn a_matrix_sheet_reads_as_its_csv_would() {
    let dir = tempfile::tempdir().unwrap();
    let mut t =
        pmatrix::present::doc::Table::with_headers("matrix", ["id", "name", "cost", "quality"])
            .captioned("Matrix");
    t.push(vec![
        "bus-lanes".into(),
        "Bus lanes".into(),
        pmatrix::present::doc::Cell::num(0.1 + 0.2, 2),
        "High".into(),
    ]);
    t.push(vec![
        "charge".into(),
        "Congestion charge".into(),
        "10..14".into(),
        "Low".into(),
    ]);
    let doc = pmatrix::present::doc::Doc {
        tables: vec![t],
        ..Default::default()
    };
    let book = dir.path().join("m.xlsx");
    std::fs::write(&book, pmatrix::sheet::doc_to_xlsx(&doc).unwrap()).unwrap();
    let (criteria, rows) = pmatrix::sheet::read_matrix(&book, None).unwrap();
    assert_eq!(criteria, ["cost", "quality"]);
    assert_eq!(rows[0].id, "bus-lanes");
    assert_eq!(rows[0].name, "Bus lanes");
    // The number comes back exactly (0.1 + 0.2 is not 0.3).
    assert_eq!(rows[0].cells[0].parse::<f64>().unwrap(), 0.1 + 0.2);
    assert_eq!(rows[1].cells, ["10..14", "Low"]);
    assert_eq!(rows[1].places, ["C3", "D3"]);
}

#[test]
fn the_report_section_renders() {
    let model = seed();
    let r = analyse(&model, &class());
    let doc = pmatrix::present::group::present(&r, &model);
    let html = pmatrix::render::html::section(&doc);
    assert!(html.contains("<caption>Agreement</caption>"), "{html}");
    assert!(html.contains("7 of 30 participants put Maintain the status quo first"));
    assert!(!html.contains("NaN"));
}

/// `[participants]` written in the model: every bad entry of `tests/fixtures/participants/
/// inline/` is refused at its line and column in the model, naming the participant (except
/// where TOML itself refuses the value: an unknown key, text for points).
#[test]
fn every_bad_participant_in_the_model_is_refused_with_its_place() {
    const TOML_LEVEL: &[&str] = &["points-as-text", "unknown-key"];
    let dir = format!("{FIXTURES}/inline");
    let mut names: Vec<String> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(&dir))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".toml"))
            .collect();
    names.sort();
    assert!(names.len() >= 15, "{names:?}");
    for file in names {
        let name = file.trim_end_matches(".toml");
        let path = format!("{dir}/{file}");
        for args in [vec!["group", path.as_str()], vec!["check", path.as_str()]] {
            let out = run(&args);
            let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
            assert_eq!(out.status.code(), Some(1), "{name}: {stderr}");
            assert!(out.stdout.is_empty(), "{name}: stdout is not empty");
            assert!(stderr.starts_with("error: "), "{name}: {stderr}");
            assert!(stderr.contains("help:"), "{name}: no help: {stderr}");
            assert!(
                has_line_and_column(&stderr, &path),
                "{name}: the message has no {path}:LINE:COLUMN:\n{stderr}"
            );
            if !TOML_LEVEL.contains(&name) {
                assert!(stderr.contains("participant `ben`"), "{name}: {stderr}");
            }
        }
        // `rank` refuses the model too: a bad entry is never silently left out.
        assert_eq!(run(&["rank", &path]).status.code(), Some(1), "{name}");
        let stderr = String::from_utf8_lossy(&run(&["group", &path]).stderr).into_owned();
        insta::with_settings!({
            description => format!("pmatrix group {path}"),
            omit_expression => true,
        }, {
            insta::assert_snapshot!(format!("participants__inline__{name}"), stderr);
        });
    }
}

/// The model's own `[participants]` give the same analysis as the same people in a file.
#[test]
fn participants_in_the_model_equal_the_same_participants_in_a_file() {
    let model = format!("{FIXTURES}/valid/inline.toml");
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("p.csv");
    std::fs::write(
        &csv,
        "id,group,safety,cost,support\namina,parents,50,20,30\nben,teachers,20,50,30\nchen,,1,1,1\n",
    )
    .unwrap();
    let inline = run(&["group", &model, "--format", "json"]);
    assert!(
        inline.status.success(),
        "{}",
        String::from_utf8_lossy(&inline.stderr)
    );
    let file = run(&["group", &model, csv.to_str().unwrap(), "--format", "json"]);
    assert!(
        file.status.success(),
        "{}",
        String::from_utf8_lossy(&file.stderr)
    );
    assert_eq!(inline.stdout, file.stdout);
    let json: serde_json::Value = serde_json::from_slice(&inline.stdout).unwrap();
    assert_eq!(json["participants"], 3);
    // Means by hand: safety (0.5 + 0.2 + 1/3)/3, support (0.3 + 0.3 + 1/3)/3.
    assert_abs_diff_eq!(
        json["weights"]["safety"].as_f64().unwrap(),
        (0.5 + 0.2 + 1.0 / 3.0) / 3.0,
        epsilon = 1e-12
    );
    assert_abs_diff_eq!(
        json["weights"]["support"].as_f64().unwrap(),
        (0.3 + 0.3 + 1.0 / 3.0) / 3.0,
        epsilon = 1e-12
    );
    // A model without `[participants]` and no file: a usage error that says what to give.
    let none = run(&["group", SEED]);
    assert_eq!(none.status.code(), Some(2));
    let err = String::from_utf8_lossy(&none.stderr);
    assert!(err.contains("[participants]"), "{err}");
}

/// An AHP workshop written in the model: the individual weights are each participant's
/// principal eigenvector, as a file with the same judgements gives.
#[test]
fn ahp_participants_in_the_model_equal_a_file() {
    let model = pmatrix::model::parse(
        Path::new("w.toml"),
        &format!(
            "{}\n[participants.ben]\nahp = {{ \"cost/safety\" = \"1/3\", \"safety/support\" = 2, \"support/cost\" = 2 }}\n",
            std::fs::read_to_string(
                Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join(FIXTURES)
                    .join("inline/ahp-missing-pair.toml")
            )
            .unwrap()
            .split("[participants.ben]")
            .next()
            .unwrap()
        ),
    )
    .unwrap();
    let inline = pmatrix::participants::from_model(&model).unwrap().unwrap();
    assert_eq!(inline.kind, Kind::Ahp);
    let file = parse_csv(
        Path::new("w.csv"),
        "id,group,safety/cost,safety/support,cost/support\namina,parents,3,2,1/2\nben,,3,2,1/2\n",
        &model,
    )
    .unwrap();
    assert_eq!(inline, file);
}

/// `pmatrix report MODEL --participants FILE`: the page has the participants' section, with
/// the group's weights and spread, the ranking, first places, Kendall's W, the dissent
/// sentence, the rank-count chart and the groups side by side; a model's own
/// `[participants]` give the section without the flag, and a model without any has none.
#[test]
fn the_report_has_a_section_on_the_participants() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("class.csv");
    std::fs::write(&csv, class()).unwrap();
    let page = dir.path().join("seed.html");
    let out = run(&[
        "report",
        SEED,
        "-o",
        page.to_str().unwrap(),
        "--samples",
        "200",
        "--participants",
        csv.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html = std::fs::read_to_string(&page).unwrap();
    let start = html
        .find("<h2>What the participants&#39; weights give</h2>")
        .expect("the section");
    let end = start + html[start..].find("</section>").unwrap();
    let section = &html[start..end];
    for want in [
        "Each of the 30 participants",
        "<figure class=\"chart group\">",
        "<svg",
        "<caption>Weights</caption>",
        "<th>Median</th>",
        "<th>Q1</th>",
        "<caption>Agreement</caption>",
        "<th>First</th>",
        "Kendall&#39;s W",
        "7 of 30 participants put Maintain the status quo first",
        "<th>g1</th>",
        "<th>g2</th>",
    ] {
        assert!(
            section.contains(want),
            "{want} not in the section:\n{section}"
        );
    }
    assert!(!section.contains("NaN"));
    // The group section comes before "How sure is this?".
    assert!(start < html.find("<h2>How sure is this?</h2>").unwrap());
    // The model's own participants.
    let page = dir.path().join("reservoir.html");
    let reservoir = "policies/reservoir-planning-vikor.toml";
    let out = run(&[
        "report",
        reservoir,
        "-o",
        page.to_str().unwrap(),
        "--samples",
        "200",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.contains("Each of the 4 participants"));
    assert!(html.contains("<th>social-environmental</th>"));
    // None without participants.
    let page = dir.path().join("plain.html");
    assert!(
        run(&[
            "report",
            SEED,
            "-o",
            page.to_str().unwrap(),
            "--samples",
            "200"
        ])
        .status
        .success()
    );
    assert!(
        !std::fs::read_to_string(&page)
            .unwrap()
            .contains("participants&#39; weights")
    );
}

/// Four criteria, three participants with consistent judgements, so every number follows by
/// hand: u's weights are ∝ (8, 4, 2, 1), v's equal, x's ∝ (2, 1, 4, 8). The geometric means
/// of the judgements are a/b = 4^(1/3), a/c = a/d = 2^(1/3), b/c = b/d = (1/2)^(1/3), c/d = 1:
/// the consistent matrix of the weights ∝ (16^(1/3), 4^(1/3), 2, 2), so AIJ (its principal
/// eigenvector) and AIP (the normalised geometric means of the priorities, whose constants
/// cancel) are both those weights, and every consistency ratio is 0. The arithmetic mean
/// gives a (8/15 + 1/4 + 2/15)/3 = 11/36.
#[test]
fn aij_and_aip_of_four_criteria_by_hand() {
    let model = four_criteria();
    let csv = "id,a/b,a/c,a/d,b/c,b/d,c/d\n\
               u,2,4,8,2,4,2\n\
               v,1,1,1,1,1,1\n\
               x,2,1/2,1/4,1/4,1/8,1/2\n";
    let people = parse_csv(Path::new("abcd.csv"), csv, &model).unwrap();
    let list: Vec<_> = people
        .list
        .iter()
        .map(|p| p.judgements.clone().unwrap())
        .collect();
    let (pairs, _) = pmatrix::group::aggregate(4, &list.iter().collect::<Vec<_>>());
    let c = |x: f64| x.powf(1.0 / 3.0);
    let want = [
        (0, 1, c(4.0)),
        (0, 2, c(2.0)),
        (0, 3, c(2.0)),
        (1, 2, c(0.5)),
        (1, 3, c(0.5)),
        (2, 3, 1.0),
    ];
    assert_eq!(pairs.len(), 6);
    for ((i, j, got), (wi, wj, w)) in pairs.iter().zip(want) {
        assert_eq!((*i, *j), (wi, wj));
        assert_abs_diff_eq!(*got, w, epsilon = 1e-12);
    }
    let r = group(&model, &people, &Options::new(Method::Wsm)).unwrap();
    let ahp = r.all.ahp.as_ref().unwrap();
    let raw = [c(16.0), c(4.0), 2.0, 2.0];
    let total: f64 = raw.iter().sum();
    for (k, id) in ["a", "b", "c", "d"].iter().enumerate() {
        assert_abs_diff_eq!(ahp.aij_weights[*id], raw[k] / total, epsilon = 1e-9);
        assert_abs_diff_eq!(ahp.aip_weights[*id], raw[k] / total, epsilon = 1e-9);
    }
    assert!(ahp.aij_consistency_ratio.unwrap().abs() < 1e-9);
    for p in &r.individuals {
        assert!(
            p.consistency_ratio.unwrap().unwrap().abs() < 1e-9,
            "{}",
            p.id
        );
    }
    assert_abs_diff_eq!(r.all.weights["a"], 11.0 / 36.0, epsilon = 1e-12);
}

/// Inconsistent judgements on three criteria, where the eigenvalue has a closed form: a 3 × 3
/// reciprocal matrix has λmax = 1 + t + 1/t with t = (a₁₂ a₂₃ / a₁₃)^(1/3), and its principal
/// eigenvector is the normalised row geometric means. Saaty's CR = ((λmax − 3)/2)/0.58.
/// Participant p: a/b = 2, b/c = 2, a/c = 1 (t = 4^(1/3), inconsistent: CR ≈ 0.46 > 0.1);
/// q: a/b = 2, b/c = 2, a/c = 4 (consistent). The group's judgements: a/b = 2, b/c = 2,
/// a/c = 2, so t = 2^(1/3), and AIJ's weights ∝ rows (4^(1/3), 1, 4^(−1/3)).
#[test]
fn consistency_ratios_of_participants_and_group_by_hand() {
    let model = pmatrix::model::parse(
        Path::new("abc.toml"),
        &four_criteria_text()
            .replace(
                "[[criteria]]\nid = \"d\"\nname = \"D\"\ndirection = \"benefit\"\n",
                "",
            )
            .replace(", d = 0 }", " }")
            .replace(", d = 1 }", " }"),
    )
    .unwrap();
    let csv = "id,a/b,b/c,a/c\np,2,2,1\nq,2,2,4\n";
    let people = parse_csv(Path::new("abc.csv"), csv, &model).unwrap();
    let r = group(&model, &people, &Options::new(Method::Wsm)).unwrap();
    let cr = |t: f64| ((1.0 + t + 1.0 / t - 3.0) / 2.0) / 0.58;
    let p = r.individuals.iter().find(|p| p.id == "p").unwrap();
    assert_abs_diff_eq!(
        p.consistency_ratio.unwrap().unwrap(),
        cr(4f64.cbrt()),
        epsilon = 1e-9
    );
    let q = r.individuals.iter().find(|p| p.id == "q").unwrap();
    assert!(q.consistency_ratio.unwrap().unwrap().abs() < 1e-9);
    let ahp = r.all.ahp.as_ref().unwrap();
    assert_abs_diff_eq!(
        ahp.aij_consistency_ratio.unwrap(),
        cr(2f64.cbrt()),
        epsilon = 1e-9
    );
    let rows = [4f64.cbrt(), 1.0, 1.0 / 4f64.cbrt()];
    let total: f64 = rows.iter().sum();
    for (k, id) in ["a", "b", "c"].iter().enumerate() {
        assert_abs_diff_eq!(ahp.aij_weights[*id], rows[k] / total, epsilon = 1e-9);
    }
    // p is named as inconsistent (CR > 0.1), q is not.
    assert_eq!(ahp.inconsistent, ["p"]);
}

fn four_criteria_text() -> String {
    let mut s = String::from("title = \"abcd\"\n");
    for id in ["a", "b", "c", "d"] {
        s.push_str(&format!(
            "[[criteria]]\nid = \"{id}\"\nname = \"{}\"\ndirection = \"benefit\"\n",
            id.to_uppercase()
        ));
    }
    s.push_str("[[alternatives]]\nid = \"x\"\nscores = { a = 1, b = 0, c = 0, d = 0 }\n");
    s.push_str("[[alternatives]]\nid = \"y\"\nscores = { a = 0, b = 1, c = 1, d = 1 }\n");
    s
}

fn four_criteria() -> Model {
    pmatrix::model::parse(Path::new("abcd.toml"), &four_criteria_text()).unwrap()
}

/// `check --format json` reports a bad `[participants]` entry as it reports any invalid
/// model: `valid: false` with the file, line, column, message and help.
#[test]
fn check_json_reports_a_bad_participant_with_its_place() {
    let path = format!("{FIXTURES}/inline/mixed-kinds.toml");
    let out = run(&["check", &path, "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["valid"], false);
    assert_eq!(json["error"]["file"], path.as_str());
    assert_eq!(json["error"]["line"], 30);
    assert_eq!(json["error"]["column"], 15);
    assert_eq!(
        json["error"]["message"],
        "participant `ben`: gives `rank_order`, but `amina` gives `points`"
    );
    assert!(json["error"]["help"].as_str().unwrap().contains("`points`"));
}

/// A published group example with four criteria: the relative-AHP example of the Prize
/// package (D. Dargahi, "Prize: an R package for prioritization estimation based on analytic
/// hierarchy process", Bioconductor package Prize 1.2.0, 2019; vignette section 3.3.1,
/// "Aggregating individual judgments into a group judgment"). Four scientists compare tumour
/// expression, normal expression, frequency and epitopes (the package's `inst/extdata/
/// ind1.tsv` … `ind4.tsv`, upper triangles below; the same four files are the examples of the
/// reference manual). The manual's example output, as rendered for Prize 1.2.0 at
/// rdrr.io/bioc/Prize/man/AIJ.html and …/IP.html, prints for the unweighted
/// `gaggregate(method = 'geometric')` the aggregated group judgement `AIJ(res)` and the
/// individual priorities `IP(res)`.
///
/// What is checked:
/// - the printed AIJ matrix, all twelve off-diagonal entries, to the printed decimals: they
///   are the fourth roots of the products 16, 144, 700, 180, 840 and 8;
/// - the printed individual priorities, to the printed decimals. They are NOT the principal
///   eigenvectors: they are the normalised row geometric means (ind1's tumour weight 0.4915181;
///   its eigenvector gives 0.4918387), although the vignette speaks of eigenvalues. pmatrix
///   uses the eigenvector, so its individual weights, AIJ and AIP are checked against power
///   iteration written here, to 1e-9, and differ from the printed row means;
/// - Saaty's consistency ratios with RI(4) = 0.90, of each scientist and of the AIJ matrix.
///   Prize's own ratios use a simulated random index (`simulation = 500`), so its printed
///   ratios are not reproducible and are not compared; its AIP is, as documented, an arithmetic
///   mean of individual priorities, not the geometric mean of the eigenvectors, and is not
///   compared either.
#[test]
fn ahp_aggregation_reproduces_the_prize_four_criteria_example() {
    let mut text = String::from("title = \"Prize\"\n");
    let ids = ["tumor", "normal", "frequency", "epitopes"];
    for id in ids {
        text.push_str(&format!(
            "[[criteria]]\nid = \"{id}\"\nname = \"{id}\"\ndirection = \"benefit\"\n"
        ));
    }
    text.push_str("[[alternatives]]\nid = \"x\"\n");
    text.push_str("scores = { tumor = 1, normal = 0, frequency = 0, epitopes = 0 }\n");
    text.push_str("[[alternatives]]\nid = \"y\"\n");
    text.push_str("scores = { tumor = 0, normal = 1, frequency = 1, epitopes = 1 }\n");
    let model = pmatrix::model::parse(Path::new("prize.toml"), &text).unwrap();
    // Upper triangles, row by row: 1/2, 1/3, 1/4, 2/3, 2/4, 3/4.
    let upper: [[f64; 6]; 4] = [
        [2.0, 4.0, 5.0, 3.0, 4.0, 2.0],
        [0.8, 2.0, 4.0, 5.0, 7.0, 2.0],
        [2.0, 3.0, 5.0, 3.0, 5.0, 2.0],
        [5.0, 6.0, 7.0, 4.0, 6.0, 1.0],
    ];
    let csv = "id,tumor/normal,tumor/frequency,tumor/epitopes,normal/frequency,normal/epitopes,frequency/epitopes\n\
               ind1,2,4,5,3,4,2\n\
               ind2,0.8,2,4,5,7,2\n\
               ind3,2,3,5,3,5,2\n\
               ind4,5,6,7,4,6,1\n";
    let people = parse_csv(Path::new("prize.csv"), csv, &model).unwrap();
    assert_eq!(people.kind, Kind::Ahp);

    let full = |u: &[f64; 6]| {
        let mut a = [[1.0f64; 4]; 4];
        let upper_pairs = [(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3)];
        for (&(i, j), &x) in upper_pairs.iter().zip(u) {
            a[i][j] = x;
            a[j][i] = 1.0 / x;
        }
        a
    };
    // The principal eigenvector (sum 1) and λmax, by power iteration from equal weights.
    let eigen = |a: &[[f64; 4]; 4]| {
        let mut w = [0.25f64; 4];
        for _ in 0..10_000 {
            let mut next = [0.0f64; 4];
            for (i, n) in next.iter_mut().enumerate() {
                *n = (0..4).map(|j| a[i][j] * w[j]).sum();
            }
            let s: f64 = next.iter().sum();
            next.iter_mut().for_each(|x| *x /= s);
            let moved = (0..4).map(|i| (next[i] - w[i]).abs()).fold(0.0, f64::max);
            w = next;
            if moved < 1e-16 {
                break;
            }
        }
        // With Σw = 1, λmax = Σᵢ (Aw)ᵢ.
        let lambda: f64 = (0..4)
            .map(|i| (0..4).map(|j| a[i][j] * w[j]).sum::<f64>())
            .sum();
        (w, lambda)
    };
    let cr = |lambda: f64| ((lambda - 4.0) / 3.0) / 0.90;

    // The printed aggregated judgements `AIJ(res)`, row by row (R prints 7 decimals in the
    // first three columns and 6 in the last).
    let printed_aij = [
        [1.0000000, 2.0000000, 3.4641016, 5.143687],
        [0.5000000, 1.0000000, 3.6628415, 5.383563],
        [0.2886751, 0.2730121, 1.0000000, 1.681793],
        [0.1944131, 0.1857506, 0.5946036, 1.000000],
    ];
    let roots = [16.0f64, 144.0, 700.0, 180.0, 840.0, 8.0].map(|p| p.powf(0.25));
    let geo = full(&roots);
    for i in 0..4 {
        for j in 0..4 {
            let half_unit = if j == 3 { 5e-7 } else { 5e-8 };
            assert_abs_diff_eq!(geo[i][j], printed_aij[i][j], epsilon = half_unit + 1e-12);
        }
    }
    let list: Vec<_> = people
        .list
        .iter()
        .map(|p| p.judgements.clone().unwrap())
        .collect();
    let (pairs, _) = pmatrix::group::aggregate(4, &list.iter().collect::<Vec<_>>());
    assert_eq!(pairs.len(), 6);
    for (k, (i, j, got)) in pairs.iter().enumerate() {
        assert_abs_diff_eq!(*got, roots[k], epsilon = 1e-12);
        assert_abs_diff_eq!(*got, geo[*i][*j], epsilon = 1e-12);
        // Each product of the four judgements, exactly as written above.
        let product: f64 = upper.iter().map(|u| u[k]).product();
        assert_abs_diff_eq!(got.powi(4), product, epsilon = 1e-9);
    }

    // The printed individual priorities `IP(res)` are the normalised row geometric means
    // (ind4's row is cut off after its first entry on the page).
    let printed_ip: [&[f64]; 4] = [
        &[0.4915181, 0.3058879, 0.12487821, 0.07771583],
        &[0.3060687, 0.4949012, 0.12868606, 0.07034399],
        &[0.4627138, 0.3271881, 0.13574662, 0.07435149],
        &[0.6208484],
    ];
    for (u, printed) in upper.iter().zip(printed_ip) {
        let a = full(u);
        let rows: Vec<f64> = a
            .iter()
            .map(|r| r.iter().product::<f64>().powf(0.25))
            .collect();
        let total: f64 = rows.iter().sum();
        for (k, p) in printed.iter().enumerate() {
            let half_unit = if k < 2 { 5e-8 } else { 5e-9 };
            assert_abs_diff_eq!(rows[k] / total, *p, epsilon = half_unit + 1e-12);
        }
    }

    let r = group(&model, &people, &Options::new(Method::Wsm)).unwrap();
    let mut eigenvectors = Vec::new();
    for (u, person) in upper.iter().zip(&r.individuals) {
        let (w, lambda) = eigen(&full(u));
        for (k, id) in ids.iter().enumerate() {
            assert_abs_diff_eq!(person.weights[*id], w[k], epsilon = 1e-9);
        }
        assert_abs_diff_eq!(
            person.consistency_ratio.unwrap().unwrap(),
            cr(lambda),
            epsilon = 1e-9
        );
        eigenvectors.push(w);
    }
    // The eigenvector is not the row geometric mean: ind1's tumour weight 0.4918387 against
    // the printed 0.4915181.
    assert!((eigenvectors[0][0] - 0.4915181).abs() > 3e-4);
    // Every scientist is acceptably consistent; ind4 only just (CR ≈ 0.08997 < 0.1).
    let ratios: Vec<f64> = r
        .individuals
        .iter()
        .map(|p| p.consistency_ratio.unwrap().unwrap())
        .collect();
    assert!(ratios.iter().all(|&c| c < 0.1), "{ratios:?}");
    assert!(ratios[3] > 0.089, "{ratios:?}");

    let ahp = r.all.ahp.as_ref().unwrap();
    let (w, lambda) = eigen(&geo);
    for (k, id) in ids.iter().enumerate() {
        assert_abs_diff_eq!(ahp.aij_weights[*id], w[k], epsilon = 1e-9);
    }
    assert_abs_diff_eq!(
        ahp.aij_consistency_ratio.unwrap(),
        cr(lambda),
        epsilon = 1e-9
    );
    assert!(ahp.inconsistent.is_empty());
    // AIP: the geometric means of the four eigenvectors, normalised.
    let means: Vec<f64> = (0..4)
        .map(|k| {
            eigenvectors
                .iter()
                .map(|e| e[k])
                .product::<f64>()
                .powf(0.25)
        })
        .collect();
    let total: f64 = means.iter().sum();
    for (k, id) in ids.iter().enumerate() {
        assert_abs_diff_eq!(ahp.aip_weights[*id], means[k] / total, epsilon = 1e-9);
        // The group's `weights` are the arithmetic means of the eigenvectors.
        let mean = eigenvectors.iter().map(|e| e[k]).sum::<f64>() / 4.0;
        assert_abs_diff_eq!(r.all.weights[*id], mean, epsilon = 1e-9);
    }
    // x scores only on tumour expression (AIJ weight ≈ 0.4724), y on the other three
    // (≈ 0.5276), so y is first.
    assert!(ahp.aij_weights["tumor"] < 0.5);
    assert_eq!(ahp.aij_ranking, ["y", "x"]);
}

/// Two participants who both weigh benefit and cost equally make North (0.8 + 0.6)/2 = 0.7 and
/// South (0.6 + 0.8)/2 = 0.7 tie for first, above West (0.3 + 0.7)/2 = 0.5: the ranking line
/// joins the tied pair with `=`.
#[test]
fn a_tie_under_the_group_weights_is_written_as_a_tie() {
    let dir = tempfile::tempdir().unwrap();
    let people = dir.path().join("people.csv");
    std::fs::write(&people, "id,benefit,cost\np1,50,50\np2,1,1\n").unwrap();
    let out = run(&[
        "group",
        "tests/fixtures/two-way-tie.toml",
        people.to_str().unwrap(),
        "--width",
        "200",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("Ranking under the group weights: North route = South route > West route\n"),
        "{text}"
    );
    assert!(
        text.contains("Under the group weights North route and South route tie for first."),
        "{text}"
    );
}
