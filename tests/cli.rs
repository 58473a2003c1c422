//! The command line as users meet it: every invalid fixture's message, the help texts, the
//! output formats, exit codes, and inputs chosen to break the loader.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const SEED: &str = "policies/kazakhstan-torture-prevention.toml";
const INVALID: &str = "tests/fixtures/invalid";

/// Fixtures whose problem concerns the whole file, so the message names the file without a
/// line and column.
const WHOLE_FILE: &[&str] = &[
    "empty-file",
    "missing-title",
    "no-criteria",
    "no-alternatives",
    "csv-empty",
];

fn pmatrix() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_pmatrix"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

fn run(args: &[&str]) -> Output {
    pmatrix().args(args).output().expect("pmatrix runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("output is UTF-8")
}

/// Runs `pmatrix check` on a file that must be refused: exit code 1, nothing on stdout, a
/// message on stderr and no panic. Returns the message.
fn refused(path: &Path) -> String {
    let out = pmatrix()
        .arg("check")
        .arg(path)
        .output()
        .expect("pmatrix runs");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}: exit code; stderr:\n{stderr}",
        path.display()
    );
    assert!(
        out.stdout.is_empty(),
        "{}: stdout is not empty",
        path.display()
    );
    assert!(
        stderr.starts_with("error: "),
        "{}: {stderr}",
        path.display()
    );
    assert!(!stderr.contains("panicked"), "{}: {stderr}", path.display());
    stderr
}

/// The invalid fixtures, by name, sorted.
fn invalid_fixtures() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(INVALID);
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("fixture directory")
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Whether `message` contains `file:` followed by a line and a column, both positive numbers.
fn has_line_and_column(message: &str, file: &str) -> bool {
    let pattern = format!("{file}:");
    message.match_indices(&pattern).any(|(at, _)| {
        let rest = &message[at + pattern.len()..];
        let mut parts = rest.splitn(3, ':');
        let number = |s: Option<&str>, whole: bool| {
            s.map(|s| {
                let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
                !digits.is_empty()
                    && (!whole || digits.len() == s.len())
                    && digits.parse::<usize>().is_ok_and(|n| n > 0)
            })
            .unwrap_or(false)
        };
        number(parts.next(), true) && number(parts.next(), false)
    })
}

#[test]
fn every_invalid_fixture_is_refused_with_a_located_message() {
    let names = invalid_fixtures();
    assert!(
        names.len() >= 40,
        "only {} invalid fixtures found",
        names.len()
    );
    for name in &names {
        let path = PathBuf::from(INVALID).join(format!("{name}.toml"));
        let stderr = refused(&path);
        let toml = format!("{name}.toml");
        let csv = format!("{name}.csv");
        if WHOLE_FILE.contains(&name.as_str()) {
            assert!(
                stderr.contains(&toml) || stderr.contains(&csv),
                "{name}: the message does not name the file:\n{stderr}"
            );
        } else {
            assert!(
                has_line_and_column(&stderr, &toml) || has_line_and_column(&stderr, &csv),
                "{name}: the message has no {toml}:LINE:COLUMN:\n{stderr}"
            );
        }
        insta::with_settings!({
            description => format!("pmatrix check {}", path.display()),
            omit_expression => true,
        }, {
            insta::assert_snapshot!(format!("invalid__{name}"), stderr);
        });
    }
}

#[test]
fn line_and_column_pattern() {
    assert!(has_line_and_column(" --> a/m.toml:12:5\n", "m.toml"));
    assert!(!has_line_and_column("--> a/m.toml\n", "m.toml"));
    assert!(!has_line_and_column("--> a/m.toml:0:5\n", "m.toml"));
    assert!(!has_line_and_column("--> a/m.toml:x:5\n", "m.toml"));
}

/// Messages that must say something specific, beyond matching their snapshot.
#[test]
fn messages_name_the_fix() {
    let check = |name: &str, needles: &[&str]| {
        let stderr = refused(&PathBuf::from(INVALID).join(format!("{name}.toml")));
        for needle in needles {
            assert!(
                stderr.contains(needle),
                "{name}: expected {needle:?} in\n{stderr}"
            );
        }
    };
    check(
        "unknown-level-misspelt",
        &["\"Hgih\"", "did you mean \"High\"?"],
    );
    check("unknown-level-wrong-case", &["did you mean \"High\"?"]);
    check(
        "csv-unknown-level",
        &["csv-unknown-level.csv:3:52", "did you mean \"Low\"?"],
    );
    check("csv-unknown-column", &["csv-unknown-column.csv:1:16"]);
    check("unknown-criterion-in-scores", &["did you mean `cost`?"]);
    check("unknown-criterion-in-profile", &["did you mean `cost`?"]);
    check("unknown-scale", &["did you mean `level`?"]);
    check("unknown-method", &["did you mean `topsis`?"]);
    check(
        "unknown-key-criterion-misspelt",
        &["did you mean `direction`?"],
    );
    check("unknown-key-profile", &["did you mean `weights`?"]);
    check("bad-direction", &["did you mean `benefit`?"]);
    check(
        "missing-score",
        &["missing-score.toml:23:10", "add `cost = ", "no score"],
    );
    check("weight-negative", &["-1", "weight"]);
    check("range-degenerate", &["[5, 5]"]);
}

#[test]
fn a_non_utf8_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("garbage.toml");
    std::fs::write(&path, [0xff, 0xfe, 0x00, 0x80, 0xc3, 0x28, b'\n', 0x9f]).unwrap();
    let stderr = refused(&path);
    assert!(stderr.contains("not UTF-8"), "{stderr}");
    assert!(has_line_and_column(&stderr, "garbage.toml"), "{stderr}");
}

#[test]
fn hostile_inputs_never_panic() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, bytes: &[u8]| {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    };
    let cases: Vec<(PathBuf, &str)> = vec![
        (write("empty.toml", b""), "empty"),
        (write("blank.toml", b"\n\n   \n"), "empty"),
        (
            write("binary.toml", &(0..=255u8).cycle().take(4096).collect::<Vec<_>>()),
            "not UTF-8",
        ),
        (
            write("long-line.toml", "a".repeat(10 * 1024 * 1024).as_bytes()),
            "long-line.toml:1:10485761",
        ),
        (
            write(
                "long-title.toml",
                format!("title = \"{}\"\n", "x".repeat(10 * 1024 * 1024)).as_bytes(),
            ),
            "no criteria",
        ),
        (
            write(
                "deep.toml",
                format!("x = {}1{}\n", "[".repeat(10_000), "]".repeat(10_000)).as_bytes(),
            ),
            "deep.toml:1:85",
        ),
        (
            write(
                "deep-tables.toml",
                format!("x = {}1{}\n", "{a=".repeat(10_000), "}".repeat(10_000)).as_bytes(),
            ),
            "deep-tables.toml:1:",
        ),
        (
            write(
                "huge-weight.toml",
                b"title = \"t\"\n[[criteria]]\nid = \"a\"\ndirection = \"benefit\"\nweight = 1e400\n",
            ),
            "huge-weight.toml:5:10",
        ),
        (dir.path().to_path_buf(), "help: give the path of a model file"),
        (dir.path().join("missing.toml"), "help: check the path"),
    ];
    for (path, needle) in &cases {
        let stderr = refused(path);
        assert!(
            stderr.contains(needle),
            "{}: expected {needle:?} in\n{}",
            path.display(),
            &stderr[..stderr.len().min(2000)]
        );
        assert!(
            stderr.len() < 4000,
            "{}: the message is {} bytes long",
            path.display(),
            stderr.len()
        );
    }
}

#[test]
fn a_csv_with_a_huge_cell_is_refused_briefly() {
    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("model.toml");
    std::fs::write(
        &model,
        "title = \"t\"\n[scales.level]\nlevels = [\"Low\", \"High\"]\n\
         [[criteria]]\nid = \"equity\"\ndirection = \"benefit\"\nscale = \"level\"\n\
         [data]\ncsv = \"matrix.csv\"\n",
    )
    .unwrap();
    let cell = "H".repeat(1_000_000);
    std::fs::write(
        dir.path().join("matrix.csv"),
        format!("id,name,equity\nbus-lanes,Bus lanes,{cell}\n"),
    )
    .unwrap();
    let stderr = refused(&model);
    assert!(stderr.contains("unknown level"), "{}", &stderr[..2000]);
    assert!(
        has_line_and_column(&stderr, "matrix.csv"),
        "{}",
        &stderr[..2000]
    );
    assert!(stderr.len() < 4000, "the message is {} bytes", stderr.len());
}

// ---------------------------------------------------------------------------------------------
// Output that users read.

fn success(args: &[&str]) -> String {
    let out = run(args);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
    assert!(stderr.is_empty(), "{args:?}: {stderr}");
    text(&out.stdout)
}

#[test]
fn help_texts() {
    insta::assert_snapshot!("help", success(&["--help"]));
    insta::assert_snapshot!("rank_help", success(&["rank", "--help"]));
}

#[test]
fn rank_table() {
    insta::assert_snapshot!("rank_table", success(&["rank", SEED]));
}

#[test]
fn rank_markdown() {
    insta::assert_snapshot!(
        "rank_markdown",
        success(&["rank", SEED, "--format", "markdown"])
    );
}

#[test]
fn rank_csv() {
    let out = success(&["rank", SEED, "--format", "csv"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 4, "{out}");
    assert_eq!(lines[0], "Rank,Alternative,Score");
    assert!(
        lines[1].starts_with("1,Develop the existing government policy,0.8"),
        "{out}"
    );
    insta::assert_snapshot!("rank_csv", out);
}

#[test]
fn rank_explain() {
    let out = success(&["rank", SEED, "--explain"]);
    assert!(
        out.contains("Develop the existing government policy"),
        "{out}"
    );
    insta::assert_snapshot!("rank_explain", out);
}

#[test]
fn rank_json() {
    let out = success(&["rank", SEED, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(v["method"], "wsm");
    assert_eq!(v["normalization"], "scale");
    assert_eq!(v["score_order"], "descending");
    assert!(v["profile"].is_null());
    let criteria = [
        "equity",
        "reputational_costs",
        "political_feasibility",
        "effectiveness",
        "uncertainty",
    ];
    let weights = v["weights"].as_object().expect("weights object");
    assert_eq!(weights.len(), 5);
    for c in criteria {
        approx::assert_abs_diff_eq!(weights[c].as_f64().unwrap(), 0.2, epsilon = 1e-12);
    }
    let alternatives = v["alternatives"].as_array().expect("alternatives array");
    let ids: Vec<&str> = alternatives
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["develop-policy", "private-prisons", "status-quo"]);
    let ranks: Vec<u64> = alternatives
        .iter()
        .map(|a| a["rank"].as_u64().unwrap())
        .collect();
    assert_eq!(ranks, [1, 2, 3]);
    let status_quo = (1.0 / 3.0 + 0.0 + 1.0 + 1.0 / 3.0 + 1.0) / 5.0;
    for (a, expected) in alternatives.iter().zip([0.8, 0.6, status_quo]) {
        let score = a["score"].as_f64().unwrap();
        approx::assert_abs_diff_eq!(score, expected, epsilon = 1e-12);
        let contributions = a["details"]["contributions"]
            .as_object()
            .expect("contributions keyed by criterion");
        let mut keys: Vec<&str> = contributions.keys().map(String::as_str).collect();
        keys.sort_unstable();
        let mut expected_keys = criteria.to_vec();
        expected_keys.sort_unstable();
        assert_eq!(keys, expected_keys);
        let sum: f64 = contributions.values().map(|x| x.as_f64().unwrap()).sum();
        approx::assert_abs_diff_eq!(sum, score, epsilon = 1e-12);
    }
    approx::assert_abs_diff_eq!(
        alternatives[2]["score"].as_f64().unwrap(),
        0.5333333333333333,
        epsilon = 1e-12
    );
}

#[test]
fn check_summarises_the_seed_model() {
    let out = success(&["check", SEED]);
    assert!(out.starts_with(&format!("{SEED}: OK\n")), "{out}");
    assert!(
        out.contains("compares 3 alternatives on 5 criteria"),
        "{out}"
    );
    insta::assert_snapshot!("check_seed", out);
}

#[test]
fn init_writes_a_valid_model_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("model.toml");
    let path_s = path.to_str().unwrap();
    let out = success(&["init", path_s]);
    assert!(out.contains("wrote"), "{out}");
    let written = std::fs::read(&path).unwrap();
    assert!(!written.is_empty());
    let checked = success(&["check", path_s]);
    assert!(checked.contains(": OK"), "{checked}");

    std::fs::write(&path, b"title = \"edited by hand\"\n").unwrap();
    let again = run(&["init", path_s]);
    assert_eq!(again.status.code(), Some(1));
    assert!(again.stdout.is_empty());
    assert!(text(&again.stderr).contains("error"), "{:?}", again);
    assert_eq!(
        std::fs::read(&path).unwrap(),
        b"title = \"edited by hand\"\n"
    );
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(names.len(), 1, "init left other files behind: {names:?}");
}

fn usage_error(args: &[&str]) -> String {
    let out = run(args);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
    assert!(out.stdout.is_empty(), "{args:?}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    stderr
}

#[test]
fn usage_errors_exit_2() {
    let method = usage_error(&["rank", SEED, "--method", "nope"]);
    assert!(method.contains("nope"), "{method}");
    assert!(method.contains("wsm"), "{method}");

    let profile = usage_error(&["rank", SEED, "--profile", "goverment"]);
    assert!(profile.contains("did you mean `government`?"), "{profile}");
    let profile = usage_error(&["rank", SEED, "--profile", "nope"]);
    assert!(profile.contains("unknown profile `nope`"), "{profile}");
    assert!(profile.contains("human-rights-ngos"), "{profile}");

    let weights = usage_error(&[
        "rank",
        SEED,
        "--weights",
        "equity=1,reputational_costs=1,political_feasibility=1,effectiveness=1",
    ]);
    assert!(weights.contains("--weights"), "{weights}");
    assert!(weights.contains("uncertainty"), "{weights}");

    usage_error(&["rank"]);
    usage_error(&["frobnicate"]);
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let mut child = pmatrix()
        .args(["rank", SEED, "--format", "csv"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("pmatrix starts");
    let mut first = String::new();
    {
        let stdout = child.stdout.take().unwrap();
        let mut reader = BufReader::new(stdout);
        reader.read_line(&mut first).unwrap();
    }
    assert!(!first.is_empty());
    let out = child.wait_with_output().unwrap();
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn a_closed_pipe_on_a_long_output_is_not_an_error() {
    // Enough output to fill the pipe, so the write after the reader leaves does fail.
    let dir = tempfile::tempdir().unwrap();
    let mut csv = String::from("id,name,cost\n");
    for i in 0..20_000 {
        csv.push_str(&format!("a{i},Alternative {i},{}\n", i % 97));
    }
    std::fs::write(dir.path().join("m.csv"), csv).unwrap();
    let model = dir.path().join("m.toml");
    let mut f = std::fs::File::create(&model).unwrap();
    writeln!(
        f,
        "title = \"many\"\n[[criteria]]\nid = \"cost\"\ndirection = \"cost\"\nrange = [0, 100]\n[data]\ncsv = \"m.csv\""
    )
    .unwrap();
    drop(f);
    let mut child = pmatrix()
        .arg("rank")
        .arg(&model)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("pmatrix starts");
    let mut first = String::new();
    {
        let stdout = child.stdout.take().unwrap();
        BufReader::new(stdout).read_line(&mut first).unwrap();
    }
    assert!(first.contains("many"), "{first}");
    let out = child.wait_with_output().unwrap();
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
}

mod never_panics {
    use std::path::Path;

    use proptest::prelude::*;

    const PIECES: &[&str] = &[
        "title = \"t\"\n",
        "[[criteria]]\n",
        "[[alternatives]]\n",
        "[scales.level]\n",
        "[profiles.p]\n",
        "[data]\n",
        "id = \"a\"\n",
        "id = \"b\"\n",
        "direction = \"benefit\"\n",
        "direction = \"cost\"\n",
        "scale = \"level\"\n",
        "levels = [\"Low\", \"High\"]\n",
        "values = [0, 1]\n",
        "weight = 1\n",
        "weight = -1e308\n",
        "weight = nan\n",
        "range = [0, 10]\n",
        "range = [10, 0]\n",
        "scores = { a = 1, b = \"Low\" }\n",
        "scores = { a = [1, 2], b = [\"High\", \"Low\"] }\n",
        "preference = \"linear\"\nq = 1\np = 0\n",
        "weights = { a = 1, b = 0 }\n",
        "rank_order = [\"a\", \"b\", \"a\"]\n",
        "ahp = { \"a/b\" = \"1/0\", \"b/a\" = 9e9 }\n",
        "csv = \"/\"\n",
        "method = \"all\"\n",
        "x = [[[[",
        "]]]}",
        "\"",
        "=",
        "\u{0}",
        "é",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn random_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
            let text = String::from_utf8_lossy(&bytes);
            let _ = pmatrix::model::parse(Path::new("fuzz.toml"), &text);
        }

        #[test]
        fn random_toml_ish_text(pieces in proptest::collection::vec(0..PIECES.len(), 0..40)) {
            let text: String = pieces.iter().map(|&k| PIECES[k]).collect();
            if let Err(e) = pmatrix::model::parse(Path::new("fuzz.toml"), &text) {
                let message = e.to_string();
                prop_assert!(message.starts_with("error: "), "{}", message);
            }
        }
    }
}

fn json(args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&success(args)).expect("valid JSON")
}

/// The article recommends alternative 2; every method agrees.
#[test]
fn every_method_ranks_the_recommended_alternative_first() {
    for method in ["wsm", "wpm", "topsis", "vikor", "promethee"] {
        let out = json(&["rank", SEED, "--method", method, "--format", "json"]);
        assert_eq!(out["method"], method);
        assert_eq!(out["alternatives"][0]["id"], "develop-policy", "{method}");
        assert_eq!(out["alternatives"][0]["rank"], 1, "{method}");
    }
}

#[test]
fn method_all_compares_every_method_with_rank_correlations() {
    let out = json(&["rank", SEED, "--method", "all", "--format", "json"]);
    assert_eq!(out["compared"], "methods");
    assert_eq!(out["columns"].as_array().unwrap().len(), 5);
    assert_eq!(out["same_winner"], true);
    let corr = out["correlations"].as_array().unwrap();
    assert_eq!(corr.len(), 10, "every pair of five methods");
    // WSM ranks 1, 2, 3; WPM ranks 1, 2, 2 (both others score 0): ρ = √3/2, τ-b = √(2/3).
    let wsm_wpm = corr
        .iter()
        .find(|c| c["a"] == "wsm" && c["b"] == "wpm")
        .unwrap();
    assert!((wsm_wpm["spearman"].as_f64().unwrap() - 3f64.sqrt() / 2.0).abs() < 1e-12);
    assert!((wsm_wpm["kendall"].as_f64().unwrap() - (2.0f64 / 3.0).sqrt()).abs() < 1e-12);
    let status_quo = &out["alternatives"][0];
    assert_eq!(status_quo["id"], "status-quo");
    assert_eq!(status_quo["results"]["wsm"]["rank"], 3);
    assert_eq!(status_quo["results"]["wpm"]["rank"], 2);
    let csv = success(&["rank", SEED, "--method", "all", "--format", "csv"]);
    assert!(
        csv.starts_with("Alternative,wsm,wpm,topsis,vikor,promethee\n"),
        "{csv}"
    );
    assert!(csv.contains("\nA,B,Spearman rho,Kendall tau-b\n"), "{csv}");
    assert!(
        success(&["rank", SEED, "--method", "all"])
            .contains("Every method puts Develop the existing government policy first.")
    );
}

#[test]
fn profile_all_ranks_under_every_profile_with_a_borda_consensus() {
    let out = json(&["rank", SEED, "--profile", "all", "--format", "json"]);
    assert_eq!(out["compared"], "profiles");
    let labels: Vec<&str> = out["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["label"].as_str().unwrap())
        .collect();
    assert_eq!(
        labels,
        [
            "default",
            "government",
            "human-rights-ngos",
            "international-partners"
        ]
    );
    // The government profile (feasibility 4, uncertainty 3) prefers the status quo to privatisation.
    let by_id = |id: &str| {
        out["alternatives"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(by_id("status-quo")["results"]["government"]["rank"], 2);
    // Borda: develop is first under all four (4 × 2 points); private 1+0+1+1; status quo 0+1+0+0.
    assert_eq!(by_id("develop-policy")["borda"], 8.0);
    assert_eq!(by_id("private-prisons")["borda"], 3.0);
    assert_eq!(by_id("status-quo")["borda"], 1.0);
    assert_eq!(by_id("develop-policy")["consensus_rank"], 1);
}

#[test]
fn ahp_profile_reports_its_consistency() {
    let out = success(&["rank", SEED, "--profile", "international-partners"]);
    assert!(
        out.contains("CR = 0.006 (random index 1.12 for n = 5"),
        "{out}"
    );
}

#[test]
fn report_writes_one_self_contained_page_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.html");
    let p = path.to_str().unwrap();
    let out = success(&["report", SEED, "-o", p, "--samples", "2000"]);
    assert_eq!(out, format!("wrote {p}\n"));
    let html = std::fs::read_to_string(&path).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    for part in [
        "<h1>Combating torture in Kazakhstan&#39;s penitentiary system</h1>",
        "<h2>In short</h2>",
        "<h2>What was compared</h2>",
        "<h2>What comes first, and why</h2>",
        "<h2>Do the other methods agree?</h2>",
        "<h2>What the stakeholders&#39; weights give</h2>",
        "<h2>How sure is this?</h2>",
        "<h3>How far can one weight move? (stability intervals)</h3>",
        "<h3>Each weight from 0% to 100% (weight sweeps)</h3>",
        "<h3>All weights at random (SMAA-2)</h3>",
        "drawn at random, every combination summing to 100% being equally likely, 2,000 times",
        "rises above 42.9% (now 20%)",
        "<h2>Glossary</h2>",
    ] {
        assert!(html.contains(part), "missing {part}");
    }
    assert_eq!(
        html.matches("<svg").count(),
        6,
        "a sweep chart per criterion and the acceptability chart, inline"
    );
    assert_eq!(html.matches("Source:</em>").count(), 1, "the source once");
    assert!(!html.contains("<script"), "no script");
    assert!(
        !html.contains("src=\"http"),
        "nothing is loaded from elsewhere"
    );
    let again = run(&["report", SEED, "-o", p]);
    assert_eq!(again.status.code(), Some(1));
    assert!(text(&again.stderr).contains("does not overwrite"));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        html,
        "the existing file is untouched"
    );
    success(&["report", SEED, "-o", p, "--force", "--samples", "1000"]);
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("1,000 times")
    );
}

/// The text of the summary at the top of a report, tags removed and whitespace collapsed.
fn report_summary(html: &str) -> String {
    let start = html.find("<section class=\"summary\">").expect("a summary");
    let end = start + html[start..].find("</section>").unwrap();
    let mut text = String::new();
    let mut in_tag = false;
    for c in html[start..end].chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&#39;", "'")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The summary's numbers are those that `rank`, `stability` and `smaa` print for the same
/// model: the recommendation, the critical criterion with its threshold, and the first-rank
/// acceptability of each alternative.
#[test]
fn report_summary_equals_what_the_commands_print() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.html");
    let p = path.to_str().unwrap();
    success(&["report", SEED, "-o", p, "--samples", "3000", "--seed", "7"]);
    let summary = report_summary(&std::fs::read_to_string(&path).unwrap());

    let rank: serde_json::Value =
        serde_json::from_str(&success(&["rank", SEED, "--format", "json"])).unwrap();
    let first = rank["alternatives"][0]["name"].as_str().unwrap();
    let second = rank["alternatives"][1]["name"].as_str().unwrap();
    assert!(
        summary.starts_with(&format!(
            "In short Under the model's weights, {first} comes first (the weighted sum score 0.8000, against 0.6000 for {second})."
        )),
        "{summary}"
    );

    // Stability's sentence, as the table output prints it (joined across its line breaks).
    let stability = success(&["stability", SEED]);
    let stability = stability.split_whitespace().collect::<Vec<_>>().join(" ");
    let at = stability
        .find("unless the weight of")
        .expect("a critical criterion");
    let end = at
        + stability[at..]
            .find(" takes the lead")
            .expect("a new winner")
        + 15;
    let clause = &stability[at..end];
    assert_eq!(
        clause,
        "unless the weight of Degree of uncertainty rises above 42.9% (now 20%), when Maintain the status quo takes the lead"
    );
    assert!(
        summary.contains(&format!("It stays first {clause};")),
        "{summary}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&success(&["stability", SEED, "--format", "json"])).unwrap();
    assert!((json["critical"]["weight"].as_f64().unwrap() - 3.0 / 7.0).abs() < 1e-12);

    // SMAA: each alternative's first-rank share, as `smaa` prints it (one decimal).
    let smaa: serde_json::Value = serde_json::from_str(&success(&[
        "smaa",
        SEED,
        "--samples",
        "3000",
        "--seed",
        "7",
        "--format",
        "json",
    ]))
    .unwrap();
    let table = success(&["smaa", SEED, "--samples", "3000", "--seed", "7"]);
    assert!(summary.contains("(3,000 draws)"), "{summary}");
    let mut named = 0;
    for a in smaa["alternatives"].as_array().unwrap() {
        let b1 = a["rank_acceptability"][0].as_f64().unwrap();
        if b1 == 0.0 {
            continue;
        }
        let shown = format!("{:.1}", b1 * 100.0);
        assert!(table.contains(&shown), "smaa prints {shown}");
        let who = if a["name"] == first {
            "it"
        } else {
            a["name"].as_str().unwrap()
        };
        assert!(
            summary.contains(&format!("{who} in {shown}%")),
            "{who} {shown}: {summary}"
        );
        named += 1;
    }
    assert!(named >= 2, "two alternatives come first in some draws");
}

/// A scale shared by criteria with another scale between them is named once in the summary.
#[test]
fn check_names_a_shared_scale_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.toml");
    std::fs::write(
        &path,
        r#"title = "T"
[scales.level]
levels = ["Low", "High"]
[scales.yesno]
levels = ["No", "Yes"]
[[criteria]]
id = "a"
direction = "benefit"
scale = "level"
[[criteria]]
id = "b"
direction = "cost"
scale = "yesno"
[[criteria]]
id = "c"
direction = "benefit"
scale = "level"
[[alternatives]]
id = "x"
scores = { a = "Low", b = "No", c = "High" }
"#,
    )
    .unwrap();
    let out = success(&["check", path.to_str().unwrap()]);
    assert!(
        out.contains("Scores on scale `level` (Low < High), `yesno` (No < Yes)."),
        "{out}"
    );
}

#[test]
fn vikor_v_outside_zero_to_one_is_a_usage_error_for_every_method() {
    for method in ["vikor", "all"] {
        let out = run(&["rank", SEED, "--method", method, "--vikor-v", "1.5"]);
        assert_eq!(out.status.code(), Some(2), "{method}");
        assert!(
            text(&out.stderr).contains("--vikor-v: 1.5 is not between 0 and 1"),
            "{method}"
        );
    }
}

#[test]
fn wpm_names_the_criteria_that_zero_a_product() {
    let out = success(&["rank", SEED, "--method", "wpm", "--format", "markdown"]);
    assert!(
        out.contains("WPM: 2 alternatives score 0"),
        "no zero-product note in:\n{out}"
    );
    assert!(out.contains("Maintain the status quo (Reputational costs)"));
    assert!(out.contains(
        "Transfer the penitentiary system to the private sector (Degree of uncertainty)"
    ));
    // Under vector normalisation only the status quo is at 0 (its reputational costs are High).
    let out = success(&["rank", SEED, "--method", "wpm", "--normalization", "vector"]);
    assert!(out.contains("WPM: 1 alternative scores 0"), "{out}");
    // The weighted sum has no such note.
    assert!(!success(&["rank", SEED]).contains("WPM:"));
}
