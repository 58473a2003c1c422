//! Running the `pmatrix` binary from a test: its output as bytes, text, joined paragraphs or
//! JSON. Each test file uses the part it needs.

#![allow(dead_code)]

use std::process::{Command, Output};

/// `pmatrix ARGS` run from the crate's folder (where `tests/fixtures/…` paths resolve).
pub fn pmatrix(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pmatrix"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .output()
        .unwrap()
}

/// Standard output of a run that must succeed.
pub fn text(args: &[&str]) -> String {
    let out = pmatrix(args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The output with its lines joined, as wrapped paragraphs read.
pub fn flat(args: &[&str]) -> String {
    text(args).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The output of a run that must succeed, read as JSON.
pub fn json(args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&text(args)).unwrap()
}

/// Each `(name, line, column, message)`: `check DIR/name.toml` exits 1, its JSON error has that
/// line, column, a message containing `message` and a help, and the text error names
/// `name.toml:line:column` without a panic.
pub fn assert_refused_at(dir: &str, cases: &[(&str, usize, usize, &str)]) {
    for &(name, line, column, message) in cases {
        let path = format!("{dir}/{name}.toml");
        let out = pmatrix(&["check", &path, "--format", "json"]);
        assert_eq!(out.status.code(), Some(1), "{name}");
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["error"]["line"], line, "{name}: {v}");
        assert_eq!(v["error"]["column"], column, "{name}: {v}");
        let m = v["error"]["message"].as_str().unwrap();
        assert!(m.contains(message), "{name}: {m}");
        assert!(!v["error"]["help"].as_str().unwrap_or("").is_empty());
        let err = String::from_utf8(pmatrix(&["check", &path]).stderr).unwrap();
        assert!(
            err.contains(&format!("{name}.toml:{line}:{column}")),
            "{err}"
        );
        assert!(!err.contains("panicked"), "{err}");
    }
}

/// The criteria and scales of the transport test model, shared by its TOML, CSV, sheet and
/// Parquet versions (`tests/sheet.rs`, `tests/parquet.rs`).
pub const TRANSPORT_HEAD: &str = r#"title = "Transport options"
source = "invented for the test"

[scales.level]
levels = ["None", "Low", "Moderate", "High"]

[[criteria]]
id = "cost"
name = "Cost"
direction = "cost"
weight = 3
range = [0, 200]

[[criteria]]
id = "quality"
name = "Quality"
direction = "benefit"
scale = "level"
weight = 2

[[criteria]]
id = "emissions"
name = "Emissions"
direction = "cost"
weight = 1.5
"#;
