//! The report as a reader sees it: every model in `policies/` and two with long names (ten
//! alternatives; four criteria), rendered in headless Chromium by `tests/browser/check.py`
//! (WebDriver to chromedriver): no console error, every chart visible, no overlapping labels,
//! every crossing marked, nothing wider than the page, the page count the print layout gives
//! on A4 and Letter, no chart split and no heading left at the foot of a page.
//! Screenshots and PDFs go to `target/browser/`.
//!
//! Without Chromium the test is skipped, unless `CI` or `PMATRIX_BROWSER` is set, when it
//! fails: CI installs Debian's `chromium`, `chromium-driver` and `poppler-utils`.

use std::path::{Path, PathBuf};
use std::process::Command;

fn on_path(name: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|p| std::env::split_paths(&p).any(|d| d.join(name).is_file()))
}

fn models(root: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(root.join("policies"))
        .expect("policies/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    v.sort();
    v.push(root.join("tests/fixtures/ten-long-names.toml"));
    v.push(root.join("tests/fixtures/long-names.toml"));
    v
}

/// Whether Chromium, its driver and Python are here; without them the test is skipped, unless
/// `CI` or `PMATRIX_BROWSER` is set, when it fails.
fn browser_present() -> bool {
    let missing: Vec<&str> = ["chromium", "chromedriver", "python3"]
        .into_iter()
        .filter(|n| !on_path(n))
        .collect();
    if missing.is_empty() {
        return true;
    }
    let required =
        std::env::var_os("CI").is_some() || std::env::var_os("PMATRIX_BROWSER").is_some();
    assert!(!required, "the browser test needs {}", missing.join(", "));
    eprintln!("skipped: {} not found", missing.join(", "));
    false
}

#[test]
fn reports_render_in_a_real_browser() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    if !browser_present() {
        return;
    }
    let out = root.join("target/browser");
    std::fs::create_dir_all(&out).expect("target/browser");
    let mut pages = Vec::new();
    for model in models(root) {
        let page = out.join(model.file_stem().unwrap()).with_extension("html");
        let run = Command::new(env!("CARGO_BIN_EXE_pmatrix"))
            .arg("report")
            .arg(&model)
            .arg("-o")
            .arg(&page)
            .arg("--force")
            .output()
            .expect("pmatrix runs");
        assert!(
            run.status.success(),
            "{}: {}",
            model.display(),
            String::from_utf8_lossy(&run.stderr)
        );
        pages.push(page);
    }
    let check = Command::new("python3")
        .arg(root.join("tests/browser/check.py"))
        .arg(&out)
        .args(&pages)
        .output()
        .expect("python3 runs");
    let stdout = String::from_utf8_lossy(&check.stdout);
    println!("{stdout}");
    assert!(
        check.status.success(),
        "browser check failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&check.stderr)
    );
    assert!(stdout.contains(&format!("{} reports checked, 0 problems", pages.len())));
}

/// `pmatrix serve` as a facilitator and a participant use it, in headless Chromium
/// (`tests/browser/serve_check.py`): a slider moved, the ranking `rank` gives at those
/// weights, a participant's submission counted live. Screenshots go to
/// `target/browser/serve/`.
#[test]
fn serve_works_in_a_real_browser() {
    use std::io::BufRead;
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    if !browser_present() {
        return;
    }
    let out = root.join("target/browser/serve");
    std::fs::create_dir_all(&out).expect("target/browser/serve");
    let model = root.join("policies/kazakhstan-torture-prevention.toml");
    let mut server = Command::new(env!("CARGO_BIN_EXE_pmatrix"))
        .arg("serve")
        .arg(&model)
        .args(["--listen", "127.0.0.1:0"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("pmatrix serve starts");
    let mut lines = std::io::BufReader::new(server.stdout.take().unwrap()).lines();
    let base = lines.next().unwrap().unwrap();
    let join = loop {
        let line = lines.next().unwrap().unwrap();
        if let Some((_, link)) = line.split_once("join at: ") {
            break link.to_string();
        }
    };
    let check = Command::new("python3")
        .arg(root.join("tests/browser/serve_check.py"))
        .arg(&out)
        .arg(env!("CARGO_BIN_EXE_pmatrix"))
        .arg(&model)
        .arg(&base)
        .arg(&join)
        .output()
        .expect("python3 runs");
    let _ = server.kill();
    let _ = server.wait();
    let stdout = String::from_utf8_lossy(&check.stdout);
    println!("{stdout}");
    assert!(
        check.status.success(),
        "browser check failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&check.stderr)
    );
    assert!(stdout.contains("serve checked, 0 problems"));
}
