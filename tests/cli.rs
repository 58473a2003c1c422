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
    assert_eq!(lines[0], "rank,id,name,score");
    assert!(
        lines[1].starts_with("1,develop-policy,Develop the existing government policy,0.8"),
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
        out.replace('\n', " ")
            .contains("compares 3 alternatives on 5 criteria"),
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
        csv.starts_with("id,name,wsm_rank,wsm_score,wpm_rank,wpm_score,topsis_rank,topsis_score,vikor_rank,vikor_score,promethee_rank,promethee_score\n"),
        "{csv}"
    );
    let csv = success(&[
        "rank",
        SEED,
        "--method",
        "all",
        "--format",
        "csv",
        "--table",
        "correlations",
    ]);
    assert!(csv.starts_with("a,b,spearman,kendall\n"), "{csv}");
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
    // Borda over the three profiles only (the model's own weights do not vote): develop is
    // first under all three (3 × 2 points); private 0+1+1; status quo 1+0+0.
    assert_eq!(
        out["voters"],
        serde_json::json!(["government", "human-rights-ngos", "international-partners"])
    );
    assert_eq!(by_id("develop-policy")["borda"], 6.0);
    assert_eq!(by_id("private-prisons")["borda"], 2.0);
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

// ---------------------------------------------------------------------------------------------
// Reading the output: tables at 60 and 80 columns, CSV as data, honest ties.

const LONG: &str = "tests/fixtures/long-names.toml";
const THIRTY: &str = "tests/fixtures/thirty-profiles.toml";
const WPM_TIE: &str = "tests/fixtures/wpm-all-tie.toml";
const TWO_TIE: &str = "tests/fixtures/two-way-tie.toml";

/// Every command's table output, by a name for its snapshot.
fn table_runs() -> Vec<(&'static str, Vec<&'static str>)> {
    vec![
        ("rank", vec!["rank", LONG]),
        ("rank_explain", vec!["rank", LONG, "--explain"]),
        ("rank_topsis", vec!["rank", LONG, "--method", "topsis"]),
        ("rank_methods", vec!["rank", LONG, "--method", "all"]),
        ("rank_profiles", vec!["rank", LONG, "--profile", "all"]),
        ("rank_thirty", vec!["rank", THIRTY, "--profile", "all"]),
        (
            "sweep",
            vec!["sweep", LONG, "--criterion", "access", "--steps", "6"],
        ),
        ("stability", vec!["stability", LONG]),
        ("smaa", vec!["smaa", LONG, "--samples", "2000"]),
        ("check", vec!["check", LONG]),
    ]
}

#[test]
fn tables_at_60_and_80_columns() {
    for (name, args) in table_runs() {
        for width in ["60", "80"] {
            let mut a = vec!["--width", width];
            a.extend(&args);
            insta::assert_snapshot!(format!("long__{name}_{width}"), success(&a));
        }
    }
}

/// The words of a text, as a table shows them: split at spaces and at the column rules.
fn tokens(text: &str) -> std::collections::HashSet<&str> {
    text.split(|c: char| c.is_whitespace() || "│┆".contains(c))
        .flat_map(|t| [t, t.trim_end_matches(':')])
        .filter(|t| !t.is_empty())
        .collect()
}

/// Fails when a line is wider than the width or a word or number of any cell is broken.
fn assert_reads(doc: &pmatrix::present::doc::Doc, width: usize, what: &str) {
    let text = pmatrix::render::table::render(doc, width);
    for line in text.lines() {
        assert!(
            line.chars().count() <= width,
            "{what} at {width}: a line of {} characters:\n{line}",
            line.chars().count()
        );
    }
    let seen = tokens(&text);
    for t in doc.tables.iter().filter(|t| !t.hidden) {
        for cell in t.rows.iter().flatten() {
            for shown in [cell.display(), cell.compact()] {
                // A name replaced by its id shows whole in the legend; a cell shows either.
                let whole = shown.split(' ').all(|w| w.is_empty() || seen.contains(w));
                if whole {
                    break;
                }
                assert!(
                    shown != cell.compact(),
                    "{what} at {width}: `{shown}` is broken in\n{text}"
                );
            }
        }
        for h in t.headers() {
            for w in h.split(' ').filter(|w| !w.is_empty()) {
                assert!(
                    seen.contains(w),
                    "{what} at {width}: header word `{w}` broken"
                );
            }
        }
    }
}

/// No table line breaks a word or a number, at 60 or 80 columns, for any result of the
/// long-names model and the thirty-profile model.
#[test]
fn no_table_breaks_a_word_or_a_number() {
    use pmatrix::methods::{Method, Options};
    use pmatrix::present;
    for path in [LONG, THIRTY] {
        let model = pmatrix::model::load(path.as_ref()).unwrap();
        let w = &model.weights;
        let mut docs = Vec::new();
        for method in Method::ALL {
            let opts = Options::new(method);
            let r = pmatrix::rank::rank(&model, w, None, &opts).unwrap();
            docs.push((format!("rank {method}"), present::rank::doc(&r, &model)));
            let b = pmatrix::explain::breakdown(&model, w, &r);
            docs.push((
                format!("explain {method}"),
                present::explain::doc(&model, &r, &b),
            ));
            let st = pmatrix::sensitivity::stability(&model, w, &opts).unwrap();
            docs.push((
                format!("stability {method}"),
                present::stability::doc(&st, &model, w.as_slice(), None),
            ));
            let sw = pmatrix::sensitivity::sweep(&model, w, &opts, None, 5).unwrap();
            docs.push((
                format!("sweep {method}"),
                present::sweep::doc(&sw, &model, w.as_slice(), None),
            ));
            let p = pmatrix::compare::profiles(&model, &opts).unwrap();
            docs.push((
                format!("profiles {method}"),
                present::compare::doc(&p, &model, false),
            ));
            docs.push((
                format!("profiles --full {method}"),
                present::compare::doc(&p, &model, true),
            ));
        }
        let m = pmatrix::compare::methods(&model, w, None, 0.5).unwrap();
        docs.push(("methods".into(), present::compare::doc(&m, &model, false)));
        docs.push(("model".into(), present::model::doc(&model)));
        for (what, doc) in &docs {
            for width in [60, 80] {
                assert_reads(doc, width, &format!("{path}: {what}"));
            }
        }
    }
}

/// Parses CSV into its header and rows, failing unless it is one rectangular table.
fn parse_csv(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(text.as_bytes());
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    let rows: Vec<Vec<String>> = r
        .records()
        .map(|rec| {
            rec.expect("rectangular CSV")
                .iter()
                .map(String::from)
                .collect()
        })
        .collect();
    assert!(!rows.is_empty(), "{text}");
    (header, rows)
}

fn column<'a>(header: &[String], rows: &'a [Vec<String>], name: &str) -> Vec<&'a str> {
    let k = header
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name} in {header:?}"));
    rows.iter().map(|r| r[k].as_str()).collect()
}

fn f(s: &str) -> f64 {
    s.parse()
        .unwrap_or_else(|_| panic!("`{s}` is not a number"))
}

/// Every CSV the commands write is one rectangular table whose numbers equal the JSON's
/// exactly (the same f64, not rounded).
#[test]
fn csv_is_data_equal_to_the_json() {
    // rank: the score of each alternative, by id.
    for method in ["wsm", "wpm", "topsis", "vikor", "promethee"] {
        let j = json(&["rank", LONG, "--method", method, "--format", "json"]);
        let (h, rows) = parse_csv(&success(&[
            "rank", LONG, "--method", method, "--format", "csv",
        ]));
        assert_eq!(h[..4], ["rank", "id", "name", "score"]);
        for (a, (id, score)) in j["alternatives"].as_array().unwrap().iter().zip(
            column(&h, &rows, "id")
                .into_iter()
                .zip(column(&h, &rows, "score")),
        ) {
            assert_eq!(a["id"], id);
            assert_eq!(a["score"].as_f64().unwrap(), f(score), "{method} {id}");
        }
        let (h, rows) = parse_csv(&success(&[
            "rank",
            LONG,
            "--method",
            method,
            "--explain",
            "--format",
            "csv",
            "--table",
            "breakdown",
        ]));
        assert_eq!(h[..3], ["id", "name", "weight"]);
        let weights = j["weights"].as_object().unwrap();
        for (id, w) in column(&h, &rows, "id")
            .iter()
            .zip(column(&h, &rows, "weight"))
        {
            if let Some(x) = weights.get(*id) {
                assert_eq!(x.as_f64().unwrap(), f(w));
            }
        }
    }
    // --method all and --profile all: rank and score in two columns per ranking.
    for args in [
        vec!["rank", LONG, "--method", "all"],
        vec!["rank", LONG, "--profile", "all"],
        vec!["rank", THIRTY, "--profile", "all", "--table", "rankings"],
    ] {
        let mut a = args.clone();
        a.extend(["--format", "json"]);
        let j = json(&a);
        let mut a = args.clone();
        a.extend(["--format", "csv"]);
        let (h, rows) = parse_csv(&success(&a));
        assert!(!h.iter().any(|x| x.contains('(')), "{h:?}");
        for col in j["columns"].as_array().unwrap() {
            let label = col["label"].as_str().unwrap();
            let scores = column(&h, &rows, &format!("{label}_score"));
            let ranks = column(&h, &rows, &format!("{label}_rank"));
            for ((id, s), r) in column(&h, &rows, "id").iter().zip(scores).zip(ranks) {
                let alt = j["alternatives"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|x| x["id"] == *id)
                    .unwrap();
                assert_eq!(alt["results"][label]["score"].as_f64().unwrap(), f(s));
                assert_eq!(alt["results"][label]["rank"].as_u64().unwrap(), f(r) as u64);
            }
        }
    }
    let (h, rows) = parse_csv(&success(&[
        "rank",
        THIRTY,
        "--profile",
        "all",
        "--format",
        "csv",
    ]));
    assert_eq!(
        h,
        [
            "id",
            "name",
            "first",
            "best",
            "median",
            "worst",
            "consensus"
        ]
    );
    assert_eq!(rows.len(), 5);
    let (h, rows) = parse_csv(&success(&[
        "rank",
        THIRTY,
        "--profile",
        "all",
        "--format",
        "csv",
        "--table",
        "correlations",
    ]));
    assert_eq!(h, ["a", "b", "spearman", "kendall"]);
    assert_eq!(rows.len(), 31 * 30 / 2);
    // stability: weights and both ends of both intervals.
    let j = json(&["stability", LONG, "--format", "json"]);
    let (h, rows) = parse_csv(&success(&["stability", LONG, "--format", "csv"]));
    for (c, k) in j["criteria"].as_array().unwrap().iter().zip(0..) {
        assert_eq!(c["id"], column(&h, &rows, "id")[k]);
        assert_eq!(
            c["weight"].as_f64().unwrap(),
            f(column(&h, &rows, "weight")[k])
        );
        for (key, col) in [
            ("winner_interval", "winner"),
            ("ranking_interval", "ranking"),
        ] {
            assert_eq!(
                c[key][0].as_f64().unwrap(),
                f(column(&h, &rows, &format!("{col}_low"))[k])
            );
            assert_eq!(
                c[key][1].as_f64().unwrap(),
                f(column(&h, &rows, &format!("{col}_high"))[k])
            );
        }
    }
    // sweep: every score at every step.
    let j = json(&["sweep", LONG, "--steps", "5", "--format", "json"]);
    let (h, rows) = parse_csv(&success(&[
        "sweep", LONG, "--steps", "5", "--format", "csv",
    ]));
    let mut k = 0;
    for c in j["criteria"].as_array().unwrap() {
        for s in c["steps"].as_array().unwrap() {
            assert_eq!(column(&h, &rows, "id")[k], c["id"]);
            assert_eq!(
                s["weight"].as_f64().unwrap(),
                f(column(&h, &rows, "weight")[k])
            );
            for (id, v) in s["scores"].as_object().unwrap() {
                assert_eq!(
                    v.as_f64().unwrap(),
                    f(column(&h, &rows, &format!("score_{id}"))[k])
                );
            }
            k += 1;
        }
    }
    assert_eq!(k, rows.len());
    parse_csv(&success(&[
        "sweep", LONG, "--steps", "5", "--format", "csv", "--table", "changes",
    ]));
    // smaa: every rank acceptability, and the central weights.
    let j = json(&["smaa", LONG, "--samples", "500", "--format", "json"]);
    let (h, rows) = parse_csv(&success(&[
        "smaa",
        LONG,
        "--samples",
        "500",
        "--format",
        "csv",
    ]));
    for (a, k) in j["alternatives"].as_array().unwrap().iter().zip(0..) {
        assert_eq!(a["id"], column(&h, &rows, "id")[k]);
        for (r, b) in a["rank_acceptability"]
            .as_array()
            .unwrap()
            .iter()
            .enumerate()
        {
            let cell = column(&h, &rows, &format!("rank_{}", r + 1))[k];
            assert_eq!(b.as_f64().unwrap(), f(cell));
        }
    }
    let (h, rows) = parse_csv(&success(&[
        "smaa",
        LONG,
        "--samples",
        "500",
        "--format",
        "csv",
        "--table",
        "central",
    ]));
    for (a, k) in j["alternatives"].as_array().unwrap().iter().zip(0..) {
        if let Some(w) = a["central_weights"].as_object() {
            for (id, x) in w {
                let cell = column(&h, &rows, &format!("central_{id}"))[k];
                assert_eq!(x.as_f64().unwrap(), f(cell));
            }
        }
    }
}

#[test]
fn csv_neutralises_formula_like_text_and_refuses_an_unknown_table() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.toml");
    std::fs::write(
        &path,
        std::fs::read_to_string(TWO_TIE)
            .unwrap()
            .replace("North route", "=HYPERLINK(1)")
            .replace("South route", "-5 below"),
    )
    .unwrap();
    let p = path.to_str().unwrap();
    let (_, rows) = parse_csv(&success(&["rank", p, "--format", "csv"]));
    let names: Vec<&str> = rows.iter().map(|r| r[2].as_str()).collect();
    assert!(names.contains(&"'=HYPERLINK(1)"), "{names:?}");
    assert!(names.contains(&"'-5 below"), "{names:?}");
    let out = run(&["rank", p, "--format", "csv", "--table", "nope"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("tables: ranking"),
        "{}",
        text(&out.stderr)
    );
}

/// Two alternatives tie for first: no winner is named anywhere, both are.
#[test]
fn a_two_way_tie_names_no_winner() {
    let st = json(&["stability", TWO_TIE, "--format", "json"]);
    assert!(st["winner"].is_null(), "{st}");
    assert_eq!(st["tied_first"], serde_json::json!(["north", "south"]));
    let m = json(&["rank", TWO_TIE, "--method", "all", "--format", "json"]);
    let wsm = &m["columns"][0];
    assert!(wsm["winner"].is_null());
    assert_eq!(wsm["tied_first"], serde_json::json!(["north", "south"]));
    let out = success(&["rank", TWO_TIE, "--explain"]);
    assert!(
        out.contains("North route and South route tie for first place (score 0.7000)."),
        "{out}"
    );
    assert!(!out.contains("ranks first"), "{out}");
    let out = success(&["stability", TWO_TIE]);
    assert!(out.contains("Tied for first: north and south"), "{out}");
    assert!(!out.contains("Winner:"), "{out}");
}

/// Under WPM all five alternatives score 0: a five-way tie, said as such, with no winner in
/// the table, the prose or the JSON.
#[test]
fn an_all_way_wpm_tie_names_no_winner() {
    let r = json(&["rank", WPM_TIE, "--method", "wpm", "--format", "json"]);
    for a in r["alternatives"].as_array().unwrap() {
        assert_eq!(a["rank"], 1);
        assert_eq!(a["score"], 0.0);
    }
    let out = success(&["rank", WPM_TIE, "--method", "wpm", "--explain"]);
    assert!(
        out.contains("All five alternatives tie at 0.0000: no alternative ranks first."),
        "{out}"
    );
    assert!(
        !out.contains("two tie") && !out.contains("ranks first, ahead"),
        "{out}"
    );
    let m = json(&["rank", WPM_TIE, "--method", "all", "--format", "json"]);
    let wpm = m["columns"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["label"] == "wpm")
        .unwrap();
    assert!(wpm["winner"].is_null());
    assert_eq!(wpm["tied_first"].as_array().unwrap().len(), 5);
    assert!(
        m["summary"]
            .as_str()
            .unwrap()
            .contains("wpm puts no alternative (all five tie)")
    );
    let st = json(&["stability", WPM_TIE, "--method", "wpm", "--format", "json"]);
    assert!(st["winner"].is_null());
    assert_eq!(st["tied_first"].as_array().unwrap().len(), 5);
    assert!(
        st["summary"]
            .as_str()
            .unwrap()
            .starts_with("All five alternatives tie for first"),
        "{st}"
    );
    let out = success(&["stability", WPM_TIE, "--method", "wpm"]);
    assert!(!out.contains("Winner:"), "{out}");
}

/// Two alternatives meet only at weight 1 (the same score on the swept criterion): the
/// sweep reports no change; it reported one at 0.9999999999999989 and wrote "100.%".
#[test]
fn a_sweep_tie_only_at_weight_one_is_not_a_change() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.toml");
    std::fs::write(
        &path,
        std::fs::read_to_string(TWO_TIE)
            .unwrap()
            .replace("benefit = 6, cost = 2", "benefit = 8, cost = 2")
            .replace("benefit = 3, cost = 3", "benefit = 1, cost = 9"),
    )
    .unwrap();
    let p = path.to_str().unwrap();
    let j = json(&[
        "sweep",
        p,
        "--criterion",
        "benefit",
        "--steps",
        "11",
        "--format",
        "json",
    ]);
    assert_eq!(j["criteria"][0]["changes"], serde_json::json!([]));
    let out = success(&["sweep", p, "--criterion", "benefit", "--steps", "11"]);
    assert!(
        out.contains("the ranking is the same at every step"),
        "{out}"
    );
    // At weight 1 the two tie: the printed ranking says so.
    assert!(out.contains("north = south > west"), "{out}");
    assert!(!out.contains(".%"), "{out}");
}

/// What was assumed is said: midpoints, the minmax fallback, weights normalised from points.
#[test]
fn assumptions_are_stated_and_in_the_json() {
    let j = json(&[
        "rank",
        LONG,
        "--format",
        "json",
        "--weights",
        "access=1,cost=1,travel=1,safety=1,support=1,emissions=1",
    ]);
    let kinds: Vec<&str> = j["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        ["midpoints", "minmax_fallback", "weights_normalized"]
    );
    assert_eq!(j["notes"][0]["scores"], 1);
    assert_eq!(j["notes"][1]["criteria"], serde_json::json!(["travel"]));
    assert_eq!(j["notes"][2]["total"], 6.0);
    for cmd in ["rank", "stability", "sweep"] {
        let out = success(&[cmd, LONG]);
        assert!(out.contains("was replaced by its midpoint"), "{cmd}: {out}");
        let j = json(&[cmd, LONG, "--format", "json"]);
        assert_eq!(j["notes"][0]["kind"], "midpoints", "{cmd}");
    }
    let j = json(&["rank", SEED, "--format", "json"]);
    assert_eq!(j["notes"], serde_json::json!([]));
    // The government profile gives 12 points in all.
    let j = json(&["rank", SEED, "--profile", "government", "--format", "json"]);
    assert_eq!(
        j["notes"],
        serde_json::json!([{"kind": "weights_normalized", "source": "profile government", "total": 12.0}])
    );
    let out = success(&["stability", SEED, "--profile", "government"]);
    assert!(out.contains("total 12, not 100 or 1"), "{out}");
    let j = json(&[
        "rank",
        LONG,
        "--profile",
        "parents-association",
        "--format",
        "json",
    ]);
    assert_eq!(
        j["notes"].as_array().unwrap().len(),
        2,
        "points totalling 100: no note"
    );
}

/// `all` is offered only where it is accepted, and cannot be a profile's name.
#[test]
fn all_is_only_offered_by_rank() {
    for cmd in ["sweep", "stability", "smaa", "report"] {
        let help = success(&[cmd, "--help"]);
        // `all` as a word of its own (a flag such as `--allow-data-outside` is not it).
        let offers_all = help
            .split(|c: char| !c.is_alphanumeric() && c != '-')
            .any(|w| w == "all");
        assert!(!offers_all, "{cmd} --help:\n{help}");
        assert!(help.contains("Example"), "{cmd}");
    }
    let rank = success(&["rank", "--help"]);
    assert!(rank.contains("`all`"), "{rank}");
    let e = usage_error(&["stability", SEED, "--profile", "all"]);
    assert!(!e.contains("or `all`"), "{e}");
    let e = refused(Path::new("tests/fixtures/invalid/profile-named-all.toml"));
    assert!(e.contains("profile name `all` is reserved"), "{e}");
}

/// `check --format json`: the summary of a valid model; for an invalid one the error with its
/// file, line and column, and exit 1.
#[test]
fn check_writes_json_for_editors() {
    let v = json(&["check", SEED, "--format", "json"]);
    assert_eq!(v["valid"], true);
    assert_eq!(v["alternatives"], 3);
    assert_eq!(v["criteria"].as_array().unwrap().len(), 5);
    let out = run(&[
        "check",
        "tests/fixtures/invalid/profile-named-all.toml",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stderr.is_empty());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["valid"], false);
    assert_eq!(v["error"]["line"], 25);
    assert_eq!(v["error"]["column"], 11);
    assert!(v["error"]["message"].as_str().unwrap().contains("`all`"));
}

/// Under WPM the advice for data a normalisation refuses is one that works: minmax would give
/// the worst alternative 0 and its product 0 again.
#[test]
fn wpm_advice_leads_somewhere_that_works() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.toml");
    std::fs::write(
        &path,
        std::fs::read_to_string(TWO_TIE)
            .unwrap()
            .replace("benefit = 3, cost = 3", "benefit = 0, cost = 3"),
    )
    .unwrap();
    let p = path.to_str().unwrap();
    let wpm = text(&run(&["rank", p, "--method", "wpm", "--normalization", "linear"]).stderr);
    assert!(wpm.contains("help: use --method wsm"), "{wpm}");
    assert!(!wpm.contains("--normalization minmax"), "{wpm}");
    let wsm = text(&run(&["rank", p, "--method", "wsm", "--normalization", "linear"]).stderr);
    assert!(wsm.contains("help: use --normalization minmax"), "{wsm}");
    success(&["rank", p, "--method", "wsm", "--normalization", "minmax"]);
}
