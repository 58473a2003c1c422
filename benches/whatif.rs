//! Timing of `pmatrix whatif`'s analysis: `cargo bench --bench whatif`.
//!
//! Two models: the seed policy matrix (3 alternatives × 5 criteria on a level scale), and a
//! generated 20 × 8 model (5 criteria on a five-level scale, 3 numeric criteria with a range),
//! scores from splitmix64 so every run times the same data. Each method is timed on both; the
//! whole command (load, analysis, table) is what `pmatrix whatif` runs.

use std::hint::black_box;
use std::time::{Duration, Instant};

use pmatrix::methods::{Method, Options};
use pmatrix::model::Model;
use pmatrix::whatif::{Constraints, whatif};

fn splitmix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The 20 × 8 model as TOML.
pub fn generated(n: usize) -> String {
    let levels = ["Very low", "Low", "Moderate", "High", "Very high"];
    let mut s = String::from(
        "title = \"Generated\"\n[scales.level]\nlevels = [\"Very low\", \"Low\", \"Moderate\", \"High\", \"Very high\"]\n",
    );
    for j in 0..8 {
        let dir = if j % 3 == 2 { "cost" } else { "benefit" };
        s.push_str(&format!(
            "[[criteria]]\nid = \"c{j}\"\ndirection = \"{dir}\"\nweight = {}\n",
            j + 1
        ));
        if j < 5 {
            s.push_str("scale = \"level\"\n");
        } else {
            s.push_str("range = [0, 100]\n");
        }
    }
    for i in 0..n {
        let cells: Vec<String> = (0..8)
            .map(|j| {
                let r = splitmix64((i * 8 + j) as u64);
                if j < 5 {
                    format!("c{j} = \"{}\"", levels[(r % 5) as usize])
                } else {
                    format!("c{j} = {}", r % 101)
                }
            })
            .collect();
        s.push_str(&format!(
            "[[alternatives]]\nid = \"a{i}\"\nscores = {{ {} }}\n",
            cells.join(", ")
        ));
    }
    s
}

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
    let seed = pmatrix::model::load("policies/kazakhstan-torture-prevention.toml".as_ref())
        .expect("the seed model loads");
    let big: Model = pmatrix::model::parse("generated.toml".as_ref(), &generated(20))
        .expect("the generated model is valid");
    println!(
        "{:<10} {:>8} {:>12} {:>12} {:>6}",
        "method", "model", "best", "mean", "runs"
    );
    for (label, model) in [("seed", &seed), ("20x8", &big)] {
        for method in Method::ALL {
            let opts = Options::new(method);
            let (best, mean, runs) = time(Duration::from_secs(1), || {
                let r = whatif(model, &model.weights, &opts, &Constraints::default(), None)
                    .expect("the analysis runs");
                black_box(pmatrix::present::whatif::doc(&r, model));
            });
            println!(
                "{:<10} {label:>8} {best:>12.3?} {mean:>12.3?} {runs:>6}",
                method.name()
            );
        }
    }
}
