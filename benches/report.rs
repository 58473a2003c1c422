//! Whole-process time of `pmatrix report` on the seed model (Akhmetzharov 2021, Table 1), as a
//! reader runs it: start-up, loading, every method, stability, sweeps, SMAA with the default
//! 10,000 samples, the charts and writing the page. `cargo bench --bench report`.
//!
//! Runs the release binary 50 times (after 3 runs to warm the file cache) and prints the
//! fastest, median and slowest wall time.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const RUNS: usize = 50;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let model = root.join("policies/kazakhstan-torture-prevention.toml");
    let out =
        std::env::temp_dir().join(format!("pmatrix-bench-report-{}.html", std::process::id()));
    let run = || {
        let t = Instant::now();
        let status = Command::new(env!("CARGO_BIN_EXE_pmatrix"))
            .arg("report")
            .arg(&model)
            .arg("-o")
            .arg(&out)
            .arg("--force")
            .output()
            .expect("pmatrix runs");
        assert!(
            status.status.success(),
            "{}",
            String::from_utf8_lossy(&status.stderr)
        );
        t.elapsed()
    };
    for _ in 0..3 {
        run();
    }
    let mut times: Vec<Duration> = (0..RUNS).map(|_| run()).collect();
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "report kazakhstan-torture-prevention ({RUNS} runs): fastest {:.1} ms, median {:.1} ms, slowest {:.1} ms",
        ms(times[0]),
        ms(times[RUNS / 2]),
        ms(times[RUNS - 1])
    );
    let _ = std::fs::remove_file(&out);
}
