//! One test per defect found by the hardening pass on opening a stranger's model, each named
//! after what it reproduces. Each failed on the code as it was and passes now.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn pmatrix_in(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_pmatrix"));
    cmd.current_dir(dir);
    cmd
}

fn run_in(dir: &Path, args: &[&str]) -> Output {
    pmatrix_in(dir).args(args).output().expect("pmatrix runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Whether a JSON value holds a null (how serde_json writes NaN and infinities).
fn has_null(v: &serde_json::Value) -> bool {
    match v {
        serde_json::Value::Null => true,
        serde_json::Value::Array(items) => items.iter().any(has_null),
        serde_json::Value::Object(map) => map.values().any(has_null),
        _ => false,
    }
}

/// Exit 0, and no NaN or infinity anywhere in the output: not as text, and in JSON not as a
/// null among the weights, scores and details.
fn finite_success(dir: &Path, args: &[&str]) -> String {
    let o = run_in(dir, args);
    assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
    let out = stdout(&o);
    for bad in ["NaN", "inf"] {
        assert!(
            !out.split(|c: char| !c.is_ascii_alphanumeric())
                .any(|w| w == bad),
            "{args:?}: {bad} in\n{out}"
        );
    }
    if let Ok(v) = serde_json::from_str::<serde_json::Value>(&out) {
        if let Some(w) = v.get("weights") {
            assert!(!has_null(w), "{args:?}: {out}");
        }
        for a in v["alternatives"].as_array().into_iter().flatten() {
            if let Some(score) = a.get("score") {
                assert!(score.is_number(), "{args:?}: {out}");
            }
            for key in ["details", "results"] {
                if let Some(d) = a.get(key) {
                    assert!(!has_null(d), "{args:?}: {out}");
                }
            }
        }
    }
    out
}

/// Exit 1 with a message and no panic; returns the message.
fn refused(dir: &Path, args: &[&str]) -> String {
    let o = run_in(dir, args);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{args:?}: {err}");
    assert!(err.starts_with("error: "), "{args:?}: {err}");
    assert!(!err.contains("panicked"), "{args:?}: {err}");
    err
}

/// A folder holding `model.toml` with the given text.
fn model(text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("model.toml");
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

/// Two criteria (`x` benefit with the given extra keys, `y` a plain benefit) and two or three
/// alternatives with the given `x` scores.
fn numeric(x_keys: &str, x_scores: &[&str]) -> String {
    let mut t = format!(
        "title = \"t\"\n[[criteria]]\nid = \"x\"\ndirection = \"benefit\"\n{x_keys}\n\
         [[criteria]]\nid = \"y\"\ndirection = \"benefit\"\n"
    );
    for (i, x) in x_scores.iter().enumerate() {
        t.push_str(&format!(
            "[[alternatives]]\nid = \"a{i}\"\nscores = {{ x = {x}, y = {} }}\n",
            i % 2
        ));
    }
    t
}

fn every_method(dir: &Path) {
    for method in ["wsm", "wpm", "topsis", "vikor", "promethee", "all"] {
        finite_success(
            dir,
            &["rank", "model.toml", "--method", method, "--format", "json"],
        );
        finite_success(dir, &["rank", "model.toml", "--method", method]);
    }
}

#[test]
fn range_of_plus_minus_1e308_gives_no_nan() {
    let (dir, _) = model(&numeric(
        "range = [-1e308, 1e308]",
        &["0", "1e308", "5e307"],
    ));
    let out = finite_success(dir.path(), &["rank", "model.toml", "--format", "json"]);
    // (x − lo)/(hi − lo) with x = 1e308: (1e308 + 1e308)/2e308 = 1, by halves.
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let first = &v["alternatives"][0];
    assert_eq!(first["id"], "a1");
    let contribution = first["details"]["contributions"]["x"].as_f64().unwrap();
    assert!((contribution - 0.5).abs() < 1e-12, "{out}");
    every_method(dir.path());
}

#[test]
fn score_1e308_beside_an_interval_gives_no_infinity() {
    let (dir, _) = model(&numeric("", &["1e308", "[1.5e308, 1.7e308]", "1"]));
    let out = finite_success(dir.path(), &["rank", "model.toml", "--format", "json"]);
    assert!(out.contains("\"a1\""), "{out}");
    every_method(dir.path());
    finite_success(dir.path(), &["smaa", "model.toml", "--samples", "200"]);
}

#[test]
fn promethee_gaussian_with_s_1e200_gives_no_nan() {
    let (dir, _) = model(&numeric(
        "preference = \"gaussian\"\ns = 1e200",
        &["1e308", "0", "1e300"],
    ));
    let out = finite_success(
        dir.path(),
        &[
            "rank",
            "model.toml",
            "--method",
            "promethee",
            "--format",
            "json",
        ],
    );
    // Every difference on x is ≥ 1e300 = 1e100·s, so P = 1 − exp(−½·1e200) = 1 for each
    // better value: φ_x = (1, −1, 0). On y = (0, 1, 0), usual: φ_y = (−½, 1, −½). Equal
    // weights: φ = (0.25, 0, −0.25).
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["alternatives"][0]["id"], "a0", "{out}");
    assert!((v["alternatives"][0]["score"].as_f64().unwrap() - 0.25).abs() < 1e-12);
    assert!((v["alternatives"][2]["score"].as_f64().unwrap() + 0.25).abs() < 1e-12);
}

#[test]
fn promethee_linear_with_p_1_7e308_gives_no_nan() {
    let (dir, _) = model(&numeric(
        "preference = \"linear\"\nq = 0\np = 1.7e308",
        &["1.7e308", "0", "8.5e307"],
    ));
    let out = finite_success(
        dir.path(),
        &[
            "rank",
            "model.toml",
            "--method",
            "promethee",
            "--format",
            "json",
        ],
    );
    // On x: a0 over a1 by 1.7e308 (P = 1), over a2 by 8.5e307 (P = ½); a2 over a1 (P = ½).
    // φ⁺ on x = (1.5, 0, 0.5)/2, φ⁻ = (0, 1.5, 0.5)/2: φ_x = (0.75, −0.75, 0). On y (usual):
    // y = (0, 1, 0): φ_y = (−½, 1, −½). Equal weights: φ = (0.125, 0.125, −0.25).
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let phi = |id: &str| {
        v["alternatives"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == id)
            .unwrap()["score"]
            .as_f64()
            .unwrap()
    };
    assert!((phi("a0") - 0.125).abs() < 1e-12, "{out}");
    assert!((phi("a1") - 0.125).abs() < 1e-12, "{out}");
    assert!((phi("a2") + 0.25).abs() < 1e-12, "{out}");
}

#[test]
fn cost_score_1e_310_under_sum_gives_no_nan() {
    let (dir, _) = model(
        "title = \"t\"\n[[criteria]]\nid = \"x\"\ndirection = \"cost\"\n\
         [[alternatives]]\nid = \"tiny\"\nscores = { x = 1e-310 }\n\
         [[alternatives]]\nid = \"one\"\nscores = { x = 1 }\n",
    );
    let out = finite_success(
        dir.path(),
        &[
            "rank",
            "model.toml",
            "--method",
            "wsm",
            "--normalization",
            "sum",
            "--format",
            "json",
        ],
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["alternatives"][0]["id"], "tiny");
    // (1/x)/Σ(1/x): 1e310/(1e310 + 1) = 1 to double precision; the other 1e-310.
    assert!((v["alternatives"][0]["score"].as_f64().unwrap() - 1.0).abs() < 1e-12);
    assert!(v["alternatives"][1]["score"].as_f64().unwrap() < 1e-300);
}

#[test]
fn two_weights_of_1_7e308_are_half_each_not_all_zero() {
    let (dir, _) = model(&numeric("weight = 1.7e308", &["1", "2"]).replace(
        "id = \"y\"\ndirection = \"benefit\"\n",
        "id = \"y\"\ndirection = \"benefit\"\nweight = 1.7e308\n",
    ));
    let out = finite_success(dir.path(), &["rank", "model.toml", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["weights"]["x"].as_f64(), Some(0.5), "{out}");
    assert_eq!(v["weights"]["y"].as_f64(), Some(0.5), "{out}");
}

#[test]
fn topsis_with_scores_near_1e200_ranks_as_the_same_scores_scaled_down() {
    let ranking = |scale: &str| {
        let scores = ["3", "2", "1"].map(|k| format!("{k}{scale}"));
        let refs: Vec<&str> = scores.iter().map(String::as_str).collect();
        let mut text = numeric("", &refs);
        // y = (0, 1, 0) would tie a0 and a2 on y; give y a small spread instead.
        text = text
            .replace("y = 0 }", "y = 0.4 }")
            .replace("y = 1 }", "y = 1.0 }");
        let (dir, _) = model(&text);
        let out = finite_success(
            dir.path(),
            &[
                "rank",
                "model.toml",
                "--method",
                "topsis",
                "--format",
                "json",
            ],
        );
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        v["alternatives"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| (a["id"].to_string(), a["score"].as_f64().unwrap()))
            .collect::<Vec<_>>()
    };
    let huge = ranking("e200");
    let tiny = ranking("e-200");
    let plain = ranking("");
    for (a, b) in [(&huge, &plain), (&tiny, &plain)] {
        for ((ida, sa), (idb, sb)) in a.iter().zip(b.iter()) {
            assert_eq!(ida, idb, "{a:?} vs {b:?}");
            assert!((sa - sb).abs() < 1e-9, "{a:?} vs {b:?}");
        }
    }
}

/// Escape sequences (OSC window title, screen clear, colours, cursor up and erase line, the
/// 8-bit CSI), a backspace, DEL, a C1 control and line breaks, written as TOML escapes.
const HOSTILE_NAMES: &str = r#"title = "\u001b]0;pwned\u0007Title\u001b[2J"
description = "two\nlines\r\nhere"
[[criteria]]
id = "x"
name = "Cost\u001b[1A\u001b[K\b"
direction = "benefit"
[[alternatives]]
id = "a"
name = "Bus\rlanes\u0001"
scores = { x = 1 }
[[alternatives]]
id = "b"
name = "Tram\u009b31m\u007f\u0085"
scores = { x = 2 }
"#;

/// No byte that a terminal, an XML parser or a Markdown table would act on.
fn assert_clean(what: &str, text: &str) {
    let bad: Vec<char> = text
        .chars()
        .filter(|&c| c != '\n' && (c.is_control() || c == '\u{9b}'))
        .collect();
    assert!(
        bad.is_empty(),
        "{what}: control characters {bad:?} in\n{text}"
    );
}

#[test]
fn escape_sequences_in_titles_and_names_never_reach_the_terminal() {
    let (dir, _) = model(HOSTILE_NAMES);
    for format in ["table", "markdown", "csv"] {
        let out = finite_success(
            dir.path(),
            &["rank", "model.toml", "--explain", "--format", format],
        );
        assert_clean(format, &out);
        assert!(out.contains("Tram"), "{out}");
    }
    let out = finite_success(dir.path(), &["check", "model.toml"]);
    assert_clean("check", &out);
    assert!(out.contains("Title") && !out.contains("pwned"), "{out}");
}

#[test]
fn control_character_in_a_name_keeps_the_svg_valid_xml() {
    let (dir, _) = model(HOSTILE_NAMES);
    finite_success(
        dir.path(),
        &["sweep", "model.toml", "--plot", "sweep.svg", "--steps", "5"],
    );
    let svg = std::fs::read_to_string(dir.path().join("sweep.svg")).unwrap();
    assert_clean("svg", &svg);
    finite_success(
        dir.path(),
        &["report", "model.toml", "-o", "r.html", "--samples", "100"],
    );
    let html = std::fs::read_to_string(dir.path().join("r.html")).unwrap();
    assert_clean("html", &html);
}

#[test]
fn carriage_return_in_a_name_keeps_a_markdown_row_on_one_line() {
    let (dir, _) = model(HOSTILE_NAMES);
    let out = finite_success(dir.path(), &["rank", "model.toml", "--format", "markdown"]);
    let row = out
        .lines()
        .find(|l| l.contains("Bus"))
        .unwrap_or_else(|| panic!("no row for Bus in\n{out}"));
    assert!(row.starts_with('|') && row.ends_with('|'), "{row}");
    assert!(row.contains("Bus lanes"), "{row}");
}

#[test]
fn data_csv_outside_the_model_folder_is_refused_without_quoting_it() {
    let outer = tempfile::tempdir().unwrap();
    let secret = outer.path().join("secret.csv");
    std::fs::write(&secret, "root:x:0:0:the secret line\n").unwrap();
    let folder = outer.path().join("models");
    std::fs::create_dir(&folder).unwrap();
    let header = "title = \"t\"\n[[criteria]]\nid = \"x\"\ndirection = \"benefit\"\n[data]\n";
    let cases = [
        "csv = \"../secret.csv\"".to_string(),
        format!("csv = {:?}", secret.display().to_string()),
        "csv = \"../../../../../../etc/passwd\"".to_string(),
    ];
    for case in &cases {
        std::fs::write(folder.join("model.toml"), format!("{header}{case}\n")).unwrap();
        let err = refused(&folder, &["rank", "model.toml"]);
        assert!(err.contains("--allow-data-outside"), "{err}");
        assert!(err.contains("model.toml:6:7"), "{err}");
        assert!(
            !err.contains("secret line") && !err.contains("root:"),
            "{err}"
        );
    }
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&secret, folder.join("link.csv")).unwrap();
        std::fs::write(
            folder.join("model.toml"),
            format!("{header}csv = \"link.csv\"\n"),
        )
        .unwrap();
        let err = refused(&folder, &["rank", "model.toml"]);
        assert!(
            err.contains("symbolic link") && !err.contains("secret line"),
            "{err}"
        );
    }
    // The person running pmatrix may allow it.
    std::fs::write(folder.join("model.toml"), format!("{header}{}\n", cases[0])).unwrap();
    let err = refused(&folder, &["--allow-data-outside", "rank", "model.toml"]);
    assert!(err.contains("CSV header"), "{err}");
}

#[cfg(unix)]
#[test]
fn dev_zero_as_the_model_is_refused_and_as_standard_input_stops_at_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let err = refused(dir.path(), &["rank", "/dev/zero"]);
    assert!(err.contains("it is a device"), "{err}");
    let zero = std::fs::File::open("/dev/zero").unwrap();
    let o = pmatrix_in(dir.path())
        .args(["rank", "-"])
        .stdin(zero)
        .output()
        .unwrap();
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("larger than 67108864 bytes"), "{err}");
}

#[cfg(unix)]
#[test]
fn dev_zero_or_a_fifo_as_the_csv_is_refused_without_reading_it() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.csv");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("zero.csv")).unwrap();
    for (name, kind) in [("pipe.csv", "named pipe"), ("zero.csv", "a device")] {
        std::fs::write(
            dir.path().join("model.toml"),
            format!(
                "title = \"t\"\n[[criteria]]\nid = \"x\"\ndirection = \"benefit\"\n[data]\ncsv = \"{name}\"\n"
            ),
        )
        .unwrap();
        // The symbolic link points outside the folder; allowed, it must still not be read.
        let err = refused(dir.path(), &["--allow-data-outside", "rank", "model.toml"]);
        assert!(err.contains(kind), "{err}");
    }
    let err = refused(dir.path(), &["rank", "pipe.csv"]);
    assert!(err.contains("named pipe"), "{err}");
}

#[test]
fn csv_with_more_rows_than_the_limit_is_refused_before_parsing() {
    let (dir, _) = model(
        "title = \"t\"\n[[criteria]]\nid = \"x\"\ndirection = \"benefit\"\n[data]\ncsv = \"m.csv\"\n",
    );
    let mut csv = String::from("id,name,x\n");
    // One line more than the limit of 2,000,000 alternatives (model::limits::MAX_ALTERNATIVES).
    csv.push_str(&"\n".repeat(2_000_001));
    std::fs::write(dir.path().join("m.csv"), csv).unwrap();
    let err = refused(dir.path(), &["rank", "model.toml"]);
    assert!(err.contains("at most 2000000 alternatives"), "{err}");
}

/// Plain rows of digits are read in one pass, without counting them first: past the limit,
/// the file is still refused with the limit's message, and the count of its rows.
#[test]
fn csv_with_more_plain_rows_than_the_limit_is_refused() {
    let (dir, _) = model(
        "title = \"t\"\n[[criteria]]\nid = \"x\"\ndirection = \"benefit\"\n[data]\ncsv = \"m.csv\"\n",
    );
    let mut csv = String::from("id,name,x\n");
    for i in 0..2_000_001u32 {
        csv.push_str(&format!("{i:x},,{}\n", i % 10));
    }
    std::fs::write(dir.path().join("m.csv"), csv).unwrap();
    let err = refused(dir.path(), &["rank", "model.toml"]);
    assert!(err.contains("at most 2000000 alternatives"), "{err}");
    assert!(err.contains("2000001"), "{err}");
}

#[test]
fn sweep_with_a_billion_steps_is_refused_before_allocating() {
    let (dir, _) = model(&numeric("", &["1", "2"]));
    let o = run_in(
        dir.path(),
        &["sweep", "model.toml", "--steps", "1000000000"],
    );
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("--steps") && err.contains("limit"), "{err}");
}

#[test]
fn samples_above_the_limit_are_refused_before_sampling() {
    let (dir, _) = model(&numeric("", &["1", "2"]));
    for args in [
        ["smaa", "model.toml", "--samples", "1000000000000", "", ""],
        [
            "report",
            "model.toml",
            "--samples",
            "1000000000000",
            "-o",
            "r.html",
        ],
    ] {
        let args: Vec<&str> = args.into_iter().filter(|a| !a.is_empty()).collect();
        let o = run_in(dir.path(), &args);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{err}");
        assert!(err.contains("--samples") && err.contains("limit"), "{err}");
    }
    assert!(!dir.path().join("r.html").exists());
}

#[cfg(unix)]
#[test]
fn force_never_replaces_a_fifo_or_a_directory() {
    let (dir, _) = model(&numeric("", &["1", "2"]));
    let fifo = dir.path().join("out.html");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    std::fs::create_dir(dir.path().join("folder.svg")).unwrap();
    let err = refused(
        dir.path(),
        &["report", "model.toml", "-o", "out.html", "--force"],
    );
    assert!(err.contains("replaces only a regular file"), "{err}");
    let err = refused(
        dir.path(),
        &["sweep", "model.toml", "--plot", "folder.svg", "--force"],
    );
    assert!(err.contains("replaces only a regular file"), "{err}");
    use std::os::unix::fs::FileTypeExt;
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
    assert!(dir.path().join("folder.svg").is_dir());
}

#[test]
fn report_onto_its_own_model_is_refused_even_with_force() {
    let (dir, path) = model(&numeric("", &["1", "2"]));
    let before = std::fs::read(&path).unwrap();
    let err = refused(
        dir.path(),
        &["report", "model.toml", "-o", "model.toml", "--force"],
    );
    assert!(err.contains("reads"), "{err}");
    let err = refused(
        dir.path(),
        &["report", "model.toml", "-o", "./model.toml", "--force"],
    );
    assert!(err.contains("reads"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn report_onto_its_own_data_file_is_refused_even_with_force() {
    let (dir, _) = model(
        "title = \"t\"\n[[criteria]]\nid = \"x\"\ndirection = \"benefit\"\n[data]\ncsv = \"m.csv\"\n",
    );
    let csv = "id,name,x\na,A,1\nb,B,2\n";
    std::fs::write(dir.path().join("m.csv"), csv).unwrap();
    let err = refused(
        dir.path(),
        &["report", "model.toml", "-o", "m.csv", "--force"],
    );
    assert!(err.contains("reads"), "{err}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("m.csv")).unwrap(),
        csv
    );
}

#[test]
fn sweep_plot_and_smaa_chart_onto_an_existing_file_are_refused_before_computing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("chart.svg"), "mine").unwrap();
    // The model does not even exist: the output is checked first.
    for args in [
        ["sweep", "missing.toml", "--plot", "chart.svg"],
        ["smaa", "missing.toml", "--chart", "chart.svg"],
    ] {
        let err = refused(dir.path(), &args);
        assert!(err.contains("the file exists"), "{err}");
    }
    assert_eq!(
        std::fs::read(dir.path().join("chart.svg")).unwrap(),
        b"mine"
    );
}

#[test]
fn profile_named_default_or_all_is_refused_at_load() {
    for name in ["default", "all"] {
        let (dir, _) = model(&format!(
            "{}[profiles.{name}]\nweights = {{ x = 1, y = 2 }}\n",
            numeric("", &["1", "2"])
        ));
        let err = refused(dir.path(), &["rank", "model.toml", "--profile", "all"]);
        assert!(
            err.contains(&format!("profile name `{name}` is reserved")),
            "{err}"
        );
        assert!(err.contains("model.toml:"), "{err}");
    }
}

#[test]
fn linear_promethee_with_q_equal_p_zero_is_accepted() {
    let (dir, _) = model(&numeric(
        "preference = \"linear\"\nq = 0\np = 0",
        &["5", "5", "5"],
    ));
    let out = finite_success(
        dir.path(),
        &[
            "rank",
            "model.toml",
            "--method",
            "promethee",
            "--format",
            "json",
        ],
    );
    // x is constant: only y = (0, 1, 0) counts, usual: φ = (−½, 1, −½)·½.
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["alternatives"][0]["id"], "a1");
    assert!((v["alternatives"][0]["score"].as_f64().unwrap() - 0.5).abs() < 1e-12);
}

#[test]
fn non_utf8_csv_is_told_about_the_csv_not_the_model() {
    let (dir, _) = model(
        "title = \"t\"\n[[criteria]]\nid = \"x\"\ndirection = \"benefit\"\n[data]\ncsv = \"m.csv\"\n",
    );
    std::fs::write(dir.path().join("m.csv"), b"id,name,x\na,Caf\xe9,1\n").unwrap();
    let err = refused(dir.path(), &["rank", "model.toml"]);
    assert!(err.contains("the CSV file is not UTF-8"), "{err}");
    assert!(err.contains("m.csv:2:"), "{err}");
    assert!(!err.contains("TOML"), "{err}");
}

#[test]
fn bad_csv_cell_is_answered_in_csv_syntax() {
    let (dir, _) = model(
        "title = \"t\"\n[[criteria]]\nid = \"x\"\ndirection = \"benefit\"\n[data]\ncsv = \"m.csv\"\n",
    );
    std::fs::write(dir.path().join("m.csv"), "id,name,x\na,A,about ten\n").unwrap();
    let err = refused(dir.path(), &["rank", "model.toml"]);
    assert!(err.contains("8..12"), "{err}");
    assert!(!err.contains("[8, 12]"), "{err}");
}

#[cfg(unix)]
#[test]
fn output_onto_a_dangling_symlink_says_it_is_a_link() {
    let (dir, _) = model(&numeric("", &["1", "2"]));
    std::os::unix::fs::symlink(dir.path().join("nowhere.html"), dir.path().join("r.html")).unwrap();
    let err = refused(dir.path(), &["report", "model.toml", "-o", "r.html"]);
    assert!(err.contains("symbolic link"), "{err}");
    assert!(!err.contains("File exists"), "{err}");
    assert!(!dir.path().join("nowhere.html").exists());
}

#[cfg(target_os = "linux")]
#[test]
fn help_to_a_full_disk_exits_non_zero() {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let status = Command::new(env!("CARGO_BIN_EXE_pmatrix"))
        .arg("--help")
        .stdout(full)
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(1));
}

#[test]
fn model_from_standard_input_finds_its_csv_in_the_current_folder() {
    let (dir, path) = model(
        "title = \"t\"\n[[criteria]]\nid = \"x\"\ndirection = \"benefit\"\n[data]\ncsv = \"m.csv\"\n",
    );
    std::fs::write(dir.path().join("m.csv"), "id,name,x\na,A,1\nb,B,2\n").unwrap();
    let mut child = pmatrix_in(dir.path())
        .args(["rank", "-", "--format", "csv"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(&std::fs::read(&path).unwrap())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("\n1,b,B,"), "{out}");
    assert!(out.contains("\n2,a,A,"), "{out}");
}

/// With a process limit of one, rayon cannot start its threads; pmatrix runs on one thread.
/// The limit does not bind root, so the check runs the binary as `nobody` (it needs root,
/// `setpriv` and `prlimit`, and is skipped, saying so, without them).
#[cfg(target_os = "linux")]
#[test]
fn low_process_limit_runs_on_one_thread_without_panicking() {
    let root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.starts_with(b"0\n"));
    let tools = ["setpriv", "prlimit"]
        .iter()
        .all(|t| Command::new(t).arg("--version").output().is_ok());
    if !root || !tools {
        eprintln!("skipped: needs root, setpriv and prlimit");
        return;
    }
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let bin = dir.path().join("pmatrix");
    std::fs::copy(env!("CARGO_BIN_EXE_pmatrix"), &bin).unwrap();
    let model = dir.path().join("model.toml");
    std::fs::write(&model, numeric("", &["1", "2", "3"])).unwrap();
    for f in [&bin, &model] {
        std::fs::set_permissions(f, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    for args in [
        vec!["smaa", "--samples", "20000"],
        vec!["stability", "--method", "topsis"],
        vec!["sweep"],
    ] {
        let o = Command::new("setpriv")
            .args(["--reuid", "65534", "--regid", "65534", "--clear-groups"])
            .args(["prlimit", "--nproc=1"])
            .arg(&bin)
            .arg(args[0])
            .arg(&model)
            .args(&args[1..])
            .output()
            .unwrap();
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
}

/// Found by fuzzing (extreme_numbers): a score of f64::MAX on a criterion whose weight a sweep
/// rescales to a rounding above 1 made VIKOR's regret w·|f* − f| overflow, and Q NaN.
#[test]
fn vikor_sweep_with_a_score_of_f64_max_gives_no_nan() {
    let (dir, _) = model(VIKOR_SWEEP_MODEL);
    let out = finite_success(
        dir.path(),
        &[
            "sweep",
            "model.toml",
            "--method",
            "vikor",
            "--steps",
            "5",
            "--criterion",
            "c",
            "--format",
            "json",
        ],
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    for step in v["criteria"][0]["steps"].as_array().unwrap() {
        for (_, score) in step["scores"].as_object().unwrap() {
            assert!(score.is_number(), "{out}");
        }
    }
    // At weight 0 for c, a (where x1 has the best value, f64::MAX) carries almost all the
    // weight: x1 is first with Q = 0.
    assert_eq!(v["criteria"][0]["steps"][0]["ranking"][0], "x1", "{out}");
}

const VIKOR_SWEEP_MODEL: &str = r#"title = "extreme"

[scales.level]
levels = ["Low", "Mid", "High"]

[[criteria]]
id = "a"
direction = "benefit"
weight = 1.7e-199
range = [-7.270469995451735e299, 1.7976931348623157e308]
preference = "linear"
q = 5.698132144003899e-9
p = 2.6612966223139093e67

[[criteria]]
id = "b"
direction = "cost"
weight = 4e-323
preference = "gaussian"
s = 1.4e-322

[[criteria]]
id = "c"
direction = "benefit"
scale = "level"
weight = 3e-199
preference = "v-shape"
p = 6.4e-323

[[criteria]]
id = "d"
direction = "cost"
weight = 1.4e-322
preference = "level"
q = 5.698132144003899e-9
p = 2.6612966223139093e67

[[alternatives]]
id = "x0"
scores = { a = 5.4e-323, b = [0.0, 7.8401884e-317], c = "Low", d = 4.1568467457325217e170 }

[[alternatives]]
id = "x1"
scores = { a = 1.7976931348623157e308, b = [31.0, 31.0], c = "Low", d = 31.0 }

[profiles.other]
weights = { a = 1.4e-322, b = 3e-199, c = 4e-323, d = 1.7e-199 }
"#;

#[test]
fn names_beginning_with_a_formula_sign_are_neutralised_in_csv() {
    let mut text = String::from(
        "title = \"t\"\n[[criteria]]\nid = \"x\"\ndirection = \"benefit\"\nrange = [0, 10]\n",
    );
    for (i, name) in ["=HYPERLINK(\\\"x\\\")", "+1", "-2", "@SUM(A1)"]
        .iter()
        .enumerate()
    {
        text.push_str(&format!(
            "[[alternatives]]\nid = \"a{i}\"\nname = \"{name}\"\nscores = {{ x = {i} }}\n"
        ));
    }
    let (dir, _) = model(&text);
    let o = run_in(dir.path(), &["rank", "model.toml", "--format", "csv"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mut reader = csv::Reader::from_reader(o.stdout.as_slice());
    let names: Vec<String> = reader
        .records()
        .map(|r| r.unwrap()[2].to_string())
        .collect();
    for name in &names {
        assert!(name.starts_with('\''), "not neutralised: {name}");
    }
    assert!(
        names.contains(&"'=HYPERLINK(\"x\")".to_string()),
        "{names:?}"
    );
    // A number keeps its sign: the scores are numbers, not text.
    let scores: Vec<f64> = csv::Reader::from_reader(o.stdout.as_slice())
        .records()
        .map(|r| r.unwrap()[3].parse().unwrap())
        .collect();
    assert_eq!(scores, vec![0.3, 0.2, 0.1, 0.0]);
}

#[test]
fn csv_written_to_a_full_disk_is_an_error() {
    let (dir, _) = model(&numeric("range = [0, 10]", &["1", "2"]));
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let status = pmatrix_in(dir.path())
        .args(["rank", "model.toml", "--format", "csv"])
        .stdout(full)
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(1));
}

#[test]
fn whatif_on_subnormal_score_differences_gives_no_nan_in_the_report() {
    // Found by tests/hostile.rs: normalising 5e-324 beside 1.7e308 leaves subnormal score
    // differences that made the simplex divide by them.
    let (dir, _) = model(
        "title = \"Random model\"\n\n[scales.level]\nlevels = [\"None\", \"Low\", \"High\"]\n\n[[criteria]]\nid = \"c0\"\ndirection = \"cost\"\nweight = 0.1\npreference = \"usual\"\n\n[[criteria]]\nid = \"c1\"\ndirection = \"benefit\"\nweight = 0.0\npreference = \"usual\"\n\n[[criteria]]\nid = \"c2\"\ndirection = \"cost\"\nweight = 5.0\nscale = \"level\"\npreference = \"u-shape\"\nq = 12.0\n\n[[alternatives]]\nid = \"a0\"\nname = \"Alternative 0\"\nscores = { c0 = 5e-324, c1 = 12.0, c2 = \"Low\" }\n\n[[alternatives]]\nid = \"a1\"\nname = \"Alternative 1\"\nscores = { c0 = 5e-324, c1 = 1.7976931348623157e308, c2 = \"Low\" }\n\n[[alternatives]]\nid = \"a2\"\nname = \"Alternative 2\"\nscores = { c0 = 10.096677522071898, c1 = [5e-324, 2.2250738585072014e-308], c2 = \"None\" }\n\n[[alternatives]]\nid = \"a3\"\nname = \"Alternative 3\"\nscores = { c0 = 1.1519881995733986e-215, c1 = 5e-324, c2 = \"High\" }\n\n[[alternatives]]\nid = \"a4\"\nname = \"Alternative 4\"\nscores = { c0 = [2.7096354844640967e219, 1.7e308], c1 = 1.7e308, c2 = [\"None\", \"High\"] }\n\n[profiles.other]\nweights = { c0 = 0.1, c1 = 0.0, c2 = 1.7976931348623157e308 }\n",
    );
    for args in [
        &["whatif", "model.toml"][..],
        &["report", "model.toml", "-o", "r.html", "--samples", "200"][..],
    ] {
        let o = run_in(dir.path(), args);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        assert!(!stdout(&o).contains("NaN"), "{args:?}");
    }
    let html = std::fs::read_to_string(dir.path().join("r.html")).unwrap();
    assert!(
        !html.contains("NaN") && !html.contains("not finite"),
        "NaN in the report"
    );
    assert!(
        !html.contains("Not computed for this model"),
        "whatif failed in the report"
    );
}
