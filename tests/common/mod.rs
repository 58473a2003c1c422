//! Running the `pmatrix` binary from a test: its output as bytes, text, joined paragraphs or
//! JSON.

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
