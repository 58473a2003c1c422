//! `smaa --pairwise` and the rank entropy: values derived by hand on models whose answer is
//! known exactly, the tie rule, the refusal above the size limit, and the same bytes at any
//! thread count.

use std::path::Path;
use std::process::{Command, Output};

fn pmatrix(dir: &Path, args: &[&str], threads: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pmatrix"))
        .current_dir(dir)
        .env("RAYON_NUM_THREADS", threads)
        .args(args)
        .output()
        .unwrap()
}

fn json(dir: &Path, args: &[&str]) -> serde_json::Value {
    let out = pmatrix(dir, args, "2");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// A model with two criteria on 0–10 and the given alternatives' scores.
fn model(dir: &Path, scores: &[(f64, f64)]) {
    let mut t = String::from(
        "title = \"Pairs\"\n\n[[criteria]]\nid = \"x\"\nname = \"X\"\ndirection = \"benefit\"\nweight = 1\nrange = [0, 10]\n\n[[criteria]]\nid = \"y\"\nname = \"Y\"\ndirection = \"benefit\"\nweight = 1\nrange = [0, 10]\n",
    );
    for (i, (x, y)) in scores.iter().enumerate() {
        t.push_str(&format!(
            "\n[[alternatives]]\nid = \"a{i}\"\nname = \"A{i}\"\nscores = {{ x = {x}, y = {y} }}\n"
        ));
    }
    std::fs::write(dir.join("model.toml"), t).unwrap();
}

fn wins(v: &serde_json::Value) -> Vec<Vec<f64>> {
    v["pairwise"]["wins"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| {
            row.as_array()
                .unwrap()
                .iter()
                .map(|x| x.as_f64().unwrap())
                .collect()
        })
        .collect()
}

fn floats(v: &serde_json::Value) -> Vec<f64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect()
}

fn h(p: &[f64]) -> f64 {
    p.iter().filter(|&&x| x > 0.0).map(|&x| -x * x.log2()).sum()
}

/// a0 = (10, 0), a1 = (0, 10): with weights (t, 1 − t), a0 is above a1 iff t > 1/2, so each
/// beats the other in half the draws (t = 1/2 exactly has probability 0). With two
/// alternatives and no tie, "a0 above a1" is "a0 first": the pairwise index equals the
/// first-rank acceptability exactly, and the rank entropy is the binary entropy of it.
#[test]
fn two_alternatives_swapping_at_one_half() {
    let dir = tempfile::tempdir().unwrap();
    model(dir.path(), &[(10.0, 0.0), (0.0, 10.0)]);
    let v = json(
        dir.path(),
        &[
            "smaa",
            "model.toml",
            "--samples",
            "40000",
            "--pairwise",
            "--format",
            "json",
        ],
    );
    let w = wins(&v);
    let b0 = floats(&v["alternatives"][0]["rank_acceptability"]);
    let b1 = floats(&v["alternatives"][1]["rank_acceptability"]);
    assert_eq!(w[0][0], 0.0);
    assert_eq!(w[1][1], 0.0);
    assert_eq!(w[0][1], b0[0]);
    assert_eq!(w[1][0], b1[0]);
    assert_eq!(w[0][1] + w[1][0], 1.0);
    // 0.5 within 4 standard errors, √(0.25 / 40000) = 0.0025.
    assert!((w[0][1] - 0.5).abs() <= 4.0 * 0.0025, "{}", w[0][1]);
    assert_eq!(v["pairwise"]["ids"], serde_json::json!(["a0", "a1"]));
    assert_eq!(v["rank_entropy_max"].as_f64().unwrap(), 1.0);
    for (k, b) in [b0, b1].iter().enumerate() {
        let got = v["alternatives"][k]["rank_entropy"].as_f64().unwrap();
        assert!((got - h(b)).abs() <= 1e-12, "{got} against {}", h(b));
        assert!(got > 0.99, "near one bit: {got}");
    }
}

/// a0 = (10, 10) dominates a1 = (5, 5), which dominates a2 = (0, 0): whatever the weights the
/// order is a0, a1, a2, so every winning index is 0 or 1 and every rank entropy is 0, out of
/// a maximum of log2(3) bits. The same under TOPSIS (the draw-by-draw path).
#[test]
fn a_dominating_alternative_always_wins() {
    let dir = tempfile::tempdir().unwrap();
    model(dir.path(), &[(10.0, 10.0), (5.0, 5.0), (0.0, 0.0)]);
    for method in ["wsm", "topsis"] {
        let v = json(
            dir.path(),
            &[
                "smaa",
                "model.toml",
                "--samples",
                "3000",
                "--pairwise",
                "--method",
                method,
                "--format",
                "json",
            ],
        );
        assert_eq!(
            wins(&v),
            vec![
                vec![0.0, 1.0, 1.0],
                vec![0.0, 0.0, 1.0],
                vec![0.0, 0.0, 0.0]
            ],
            "{method}"
        );
        for a in v["alternatives"].as_array().unwrap() {
            assert_eq!(a["rank_entropy"].as_f64().unwrap(), 0.0, "{method}");
        }
        let max = v["rank_entropy_max"].as_f64().unwrap();
        assert!((max - 3f64.log2()).abs() <= 1e-15);
    }
}

/// a0 and a1 are the same, (5, 5), above a2 = (0, 0): they share rank 1 in every draw, so
/// neither ranks above the other (0 both ways, the tie counted for neither), both are
/// above a2 always, and a2 is third ("1, 1, 3").
#[test]
fn alternatives_sharing_a_rank_beat_each_other_never() {
    let dir = tempfile::tempdir().unwrap();
    model(dir.path(), &[(5.0, 5.0), (5.0, 5.0), (0.0, 0.0)]);
    let v = json(
        dir.path(),
        &[
            "smaa",
            "model.toml",
            "--samples",
            "2000",
            "--pairwise",
            "--format",
            "json",
        ],
    );
    assert_eq!(
        wins(&v),
        vec![
            vec![0.0, 0.0, 1.0],
            vec![0.0, 0.0, 1.0],
            vec![0.0, 0.0, 0.0]
        ]
    );
    assert_eq!(
        floats(&v["alternatives"][2]["rank_acceptability"]),
        vec![0.0, 0.0, 1.0]
    );
}

/// Without --pairwise there is no `pairwise` key (nothing is counted), and the entropy is
/// there anyway.
#[test]
fn pairs_are_counted_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    model(dir.path(), &[(10.0, 0.0), (0.0, 10.0)]);
    let v = json(
        dir.path(),
        &["smaa", "model.toml", "--samples", "100", "--format", "json"],
    );
    assert!(v.get("pairwise").is_none());
    assert!(v["alternatives"][0]["rank_entropy"].is_f64());
}

/// The same bytes at 1, 2 and 8 threads, in every format that shows the pairs, on the seed
/// model (the batched path) and under PROMETHEE (draw by draw).
#[test]
fn pairwise_output_is_the_same_at_any_thread_count() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let seed = "policies/kazakhstan-torture-prevention.toml";
    for extra in [
        vec!["--format", "json"],
        vec!["--format", "csv", "--table", "pairwise"],
        vec!["--method", "promethee", "--format", "json"],
        vec!["--ordinal", "--format", "json"],
    ] {
        let mut args = vec![
            "smaa",
            seed,
            "--samples",
            "30000",
            "--seed",
            "5",
            "--pairwise",
        ];
        args.extend(extra.iter().copied());
        let run = |threads: &str| {
            let out = pmatrix(root, &args, threads);
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            out.stdout
        };
        let one = run("1");
        assert_eq!(one, run("2"), "{args:?}");
        assert_eq!(one, run("8"), "{args:?}");
    }
}

/// Above 2,000 alternatives the n × n table is refused, with the flag named.
#[test]
fn too_many_alternatives_for_pairs_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut csv = String::from("id,name,x,y\n");
    for i in 0..2001 {
        csv.push_str(&format!("a{i},A{i},{},{}\n", i % 10, (i * 7) % 10));
    }
    std::fs::write(dir.path().join("m.csv"), csv).unwrap();
    std::fs::write(
        dir.path().join("model.toml"),
        "title = \"Many\"\n\n[data]\ncsv = \"m.csv\"\n\n[[criteria]]\nid = \"x\"\nname = \"X\"\ndirection = \"benefit\"\nweight = 1\nrange = [0, 10]\n\n[[criteria]]\nid = \"y\"\nname = \"Y\"\ndirection = \"benefit\"\nweight = 1\nrange = [0, 10]\n",
    )
    .unwrap();
    let out = pmatrix(
        dir.path(),
        &["smaa", "model.toml", "--samples", "10", "--pairwise"],
        "2",
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--pairwise") && err.contains("2000"), "{err}");
}

/// The report's SMAA section describes the draws first, then what the entropy and pairwise
/// tables below show.
#[test]
fn the_report_describes_the_draws_before_the_tables() {
    let dir = tempfile::tempdir().unwrap();
    model(dir.path(), &[(10.0, 0.0), (0.0, 10.0), (5.0, 5.0)]);
    let out = pmatrix(dir.path(), &["report", "model.toml", "-o", "r.html"], "2");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let page = std::fs::read_to_string(dir.path().join("r.html")).unwrap();
    let draws = page.find("The weights are drawn at random").unwrap();
    let tables = page.find("The rank entropy below says").unwrap();
    let entropy = page.find("Rank entropy (bits)").unwrap();
    assert!(
        draws < tables && tables < entropy,
        "{draws} {tables} {entropy}"
    );
}
