//! The shell completion scripts and the manual page: generated from the command line's own
//! definition, accepted by the shells and by `man`.

use std::process::Command;

fn pmatrix(args: &[&str]) -> Vec<u8> {
    let out = Command::new(env!("CARGO_BIN_EXE_pmatrix"))
        .args(args)
        .output()
        .expect("pmatrix runs");
    assert!(out.status.success(), "pmatrix {args:?} failed: {out:?}");
    out.stdout
}

#[test]
fn bash_completion_script_is_accepted_by_bash() {
    let script = pmatrix(&["completions", "bash"]);
    let text = String::from_utf8(script).expect("UTF-8");
    // Every command is completed.
    for command in [
        "rank",
        "check",
        "init",
        "sweep",
        "stability",
        "smaa",
        "report",
    ] {
        assert!(text.contains(command), "no completion for `{command}`");
    }
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("pmatrix.bash");
    std::fs::write(&path, &text).expect("script written");
    let status = Command::new("bash")
        .arg("-n")
        .arg(&path)
        .status()
        .expect("bash runs");
    assert!(status.success(), "bash -n rejects the completion script");
}

#[test]
fn every_shell_gets_a_script() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let script = pmatrix(&["completions", shell]);
        assert!(
            String::from_utf8_lossy(&script).contains("pmatrix"),
            "{shell}: the script does not name pmatrix"
        );
    }
}

#[test]
fn unknown_shell_is_a_usage_error() {
    let out = Command::new(env!("CARGO_BIN_EXE_pmatrix"))
        .args(["completions", "cmd.exe"])
        .output()
        .expect("pmatrix runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("possible values"));
}

#[test]
fn man_page_renders_with_man() {
    let page = pmatrix(&["man"]);
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("pmatrix.1");
    std::fs::write(&path, &page).expect("page written");
    let out = Command::new("man")
        .arg("-l")
        .arg(&path)
        .env("MANWIDTH", "80")
        .env("MANPAGER", "cat")
        .env("PAGER", "cat")
        .output()
        .expect("`man` runs (install Debian's man-db)");
    assert!(out.status.success(), "man -l failed: {out:?}");
    let text = String::from_utf8_lossy(&out.stdout);
    // groff may hyphenate or embolden; compare with formatting removed.
    let plain: String = text.replace('\u{2010}', "-");
    for heading in [
        "NAME",
        "SYNOPSIS",
        "COMMANDS",
        "PMATRIX RANK",
        "PMATRIX STABILITY",
    ] {
        assert!(
            plain.contains(heading),
            "the man page has no {heading} section"
        );
    }
    assert!(
        plain.contains("--vikor-v"),
        "the rank options are not in the page"
    );
}
