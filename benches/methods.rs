//! Timing of every method on generated matrices: `cargo bench --bench methods`.
//!
//! Matrices are generated deterministically with splitmix64, so every run times the same data:
//! value(i, j) = (10000 + splitmix64((seed << 40) + i·m + j) mod 1,000,000) / 10000, in
//! [1, 101); criterion j is a cost when j mod 3 = 2, and weighs j + 1.

use std::hint::black_box;
use std::time::{Duration, Instant};

use nalgebra::DMatrix;

use pmatrix::methods::{CriterionInfo, Method, Options, ScoreOrder, evaluate, evaluate_with};
use pmatrix::model::{Direction, Preference};
use pmatrix::normalize::Column;
use pmatrix::ranking::ranked;

fn splitmix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn matrix(n: usize, m: usize, seed: u64) -> DMatrix<f64> {
    DMatrix::from_fn(n, m, |i, j| {
        let r = splitmix64((seed << 40) + (i * m + j) as u64) % 1_000_000;
        (10_000 + r) as f64 / 10_000.0
    })
}

fn criteria(m: usize, preference: Preference) -> Vec<CriterionInfo> {
    (0..m)
        .map(|j| CriterionInfo {
            column: Column {
                direction: if j % 3 == 2 {
                    Direction::Cost
                } else {
                    Direction::Benefit
                },
                bounds: None,
                value: None,
            },
            preference,
        })
        .collect()
}

fn weights(m: usize) -> Vec<f64> {
    let total = (m * (m + 1) / 2) as f64;
    (0..m).map(|j| (j + 1) as f64 / total).collect()
}

/// Runs `f` until at least `budget` has passed (and at least 3 times); returns the fastest
/// and the mean time of one run, and the number of runs.
fn time(budget: Duration, mut f: impl FnMut()) -> (Duration, Duration, u32) {
    let start = Instant::now();
    let mut best = Duration::MAX;
    let mut runs = 0;
    while runs < 3 || start.elapsed() < budget {
        let t = Instant::now();
        f();
        best = best.min(t.elapsed());
        runs += 1;
    }
    (best, start.elapsed() / runs, runs)
}

fn main() {
    let budget = Duration::from_secs(1);
    println!(
        "{:<22} {:>12} {:>12} {:>12} {:>6}",
        "method", "size", "best", "mean", "runs"
    );
    for (n, m, seed) in [(1_000, 10, 1), (100_000, 20, 2)] {
        let x = matrix(n, m, seed);
        let w = weights(m);
        let mut cases: Vec<(&str, Method, Preference)> = vec![
            ("wsm", Method::Wsm, Preference::Usual),
            ("wpm", Method::Wpm, Preference::Usual),
            ("topsis", Method::Topsis, Preference::Usual),
            ("vikor", Method::Vikor, Preference::Usual),
            ("promethee usual", Method::Promethee, Preference::Usual),
            (
                "promethee linear",
                Method::Promethee,
                Preference::Linear { q: 5.0, p: 20.0 },
            ),
        ];
        if n <= 1_000 {
            cases.push((
                "promethee gaussian",
                Method::Promethee,
                Preference::Gaussian { s: 10.0 },
            ));
        }
        for (name, method, preference) in cases {
            let c = criteria(m, preference);
            let opts = Options::new(method);
            let (best, mean, runs) = time(budget, || {
                black_box(evaluate(black_box(&x), &c, &w, &opts).unwrap());
            });
            println!(
                "{name:<22} {:>12} {:>12.3?} {:>12.3?} {runs:>6}",
                format!("{n}x{m}"),
                best,
                mean
            );
        }
    }
    // What `rank` does on a million alternatives: scores without contributions, and the
    // ranking of a million scores.
    let (n, m) = (1_000_000, 20);
    let x = matrix(n, m, 3);
    let w = weights(m);
    let c = criteria(m, Preference::Usual);
    let mut scores = Vec::new();
    for (name, method) in [("wsm scores only", Method::Wsm), ("topsis", Method::Topsis)] {
        let opts = Options::new(method);
        let (best, mean, runs) = time(budget, || {
            scores = black_box(evaluate_with(black_box(&x), &c, &w, &opts, false).unwrap()).scores;
        });
        println!(
            "{name:<22} {:>12} {:>12.3?} {:>12.3?} {runs:>6}",
            format!("{n}x{m}"),
            best,
            mean
        );
    }
    let (best, mean, runs) = time(budget, || {
        black_box(ranked(black_box(&scores), ScoreOrder::Descending));
    });
    println!(
        "{:<22} {:>12} {:>12.3?} {:>12.3?} {runs:>6}",
        "ranking", n, best, mean
    );
    json_rankings(budget, &x);
}

/// What `rank --format json` writes of a million alternatives once they are ranked: the
/// ranking serialised, its bytes thrown away (the formatting alone, without the system's copy
/// into a file).
fn json_rankings(budget: Duration, x: &DMatrix<f64>) {
    let (n, m) = x.shape();
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut csv = String::with_capacity(n * 200);
    csv.push_str("id,name");
    for j in 0..m {
        csv.push_str(&format!(",c{j}"));
    }
    csv.push('\n');
    for i in 0..n {
        csv.push_str(&format!("a{i},Alternative {i}"));
        for j in 0..m {
            csv.push_str(&format!(",{:.4}", x[(i, j)]));
        }
        csv.push('\n');
    }
    std::fs::write(dir.path().join("m.csv"), csv).expect("the data file is written");
    let mut toml = String::from("title = \"bench\"\n[data]\ncsv = \"m.csv\"\n");
    for j in 0..m {
        let direction = if j % 3 == 2 { "cost" } else { "benefit" };
        toml.push_str(&format!(
            "[[criteria]]\nid = \"c{j}\"\ndirection = \"{direction}\"\nweight = {}\n",
            j + 1
        ));
    }
    let path = dir.path().join("m.toml");
    std::fs::write(&path, toml).expect("the model is written");
    let model = pmatrix::model::load(&path).expect("the model loads");
    for (name, method) in [("json wsm", Method::Wsm), ("json topsis", Method::Topsis)] {
        let opts = Options::new(method);
        let list = pmatrix::rank::RankOptions {
            contributions: false,
            top: None,
        };
        let listing = pmatrix::rank::listing(&model, &model.weights, None, &opts, list)
            .expect("the model ranks");
        let (best, mean, runs) = time(budget, || {
            listing
                .write_json(&mut std::io::sink())
                .expect("the ranking is written");
        });
        println!(
            "{name:<22} {:>12} {:>12.3?} {:>12.3?} {runs:>6}",
            format!("{n}x{m}"),
            best,
            mean
        );
    }
}
