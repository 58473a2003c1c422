//! `-` as a path: `init -` writes the model to standard output instead of a file named `-`.

use std::process::Command;

#[test]
fn init_dash_writes_the_model_to_stdout_and_no_file() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let out = Command::new(env!("CARGO_BIN_EXE_pmatrix"))
        .args(["init", "-", "--template", "qualitative"])
        .current_dir(dir.path())
        .output()
        .expect("pmatrix runs");
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(text.starts_with('#') || text.contains("title ="), "{text}");
    assert!(text.contains("[[criteria]]"));
    assert!(
        !dir.path().join("-").exists(),
        "init wrote a file named `-`"
    );
    // What it printed is a valid model.
    let path = dir.path().join("model.toml");
    std::fs::write(&path, &text).expect("written");
    let check = Command::new(env!("CARGO_BIN_EXE_pmatrix"))
        .arg("check")
        .arg(&path)
        .output()
        .expect("pmatrix runs");
    assert!(check.status.success(), "{check:?}");
}
