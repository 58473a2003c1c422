//! Weight constraints and the hit-and-run sampler: its marginals against exact rejection
//! sampling (with a biased sampler shown to fail the same test), constraints met by every draw,
//! the same bytes at any thread count, the constraint parser's messages, and an acceptability
//! with a hand-derived answer.
//!
//! `tests/fixtures/hitrun/four.toml`: four criteria with `a ≥ 2 b`, `d ≥ 0.4` and
//! `0 ≤ c ≤ 0.15` in its `[smaa]` table; about 4% of uniform weight vectors qualify, so `auto`
//! draws by hit-and-run, and rejection is still possible for the comparison.

use std::process::{Command, Output};

use pmatrix::smaa::{SamplerChoice, SmaaOptions, weight_draws};

const FOUR: &str = "tests/fixtures/hitrun/four.toml";
const TWO: &str = "tests/fixtures/hitrun/two.toml";

fn run(args: &[&str], threads: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pmatrix"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("RAYON_NUM_THREADS", threads)
        .args(args)
        .output()
        .unwrap()
}

fn json(args: &[&str], threads: &str) -> (String, serde_json::Value) {
    let out = run(args, threads);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let v = serde_json::from_str(&text).unwrap();
    (text, v)
}

fn stderr_of(args: &[&str]) -> (i32, String) {
    let out = run(args, "1");
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn four() -> pmatrix::model::Model {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(FOUR);
    pmatrix::model::load(&path).unwrap()
}

fn draws(sampler: SamplerChoice, n: u64, seed: u64) -> Vec<Vec<f64>> {
    let model = four();
    let mut s = SmaaOptions::for_model(&model, n, seed);
    s.linear.sampler = sampler;
    let (w, report) = weight_draws(&model, &s, n).unwrap();
    let want = match sampler {
        SamplerChoice::Rejection => "rejection",
        _ => "hit-and-run",
    };
    assert_eq!(report.name, want);
    w
}

/// The two-sample Kolmogorov–Smirnov statistic `D = sup_x |F_a(x) − F_b(x)|`.
fn ks(mut a: Vec<f64>, mut b: Vec<f64>) -> f64 {
    a.sort_by(f64::total_cmp);
    b.sort_by(f64::total_cmp);
    let (na, nb) = (a.len() as f64, b.len() as f64);
    let (mut i, mut j, mut d) = (0, 0, 0.0f64);
    while i < a.len() && j < b.len() {
        // Step past every copy of the smaller value in both samples, then compare.
        let x = a[i].min(b[j]);
        while i < a.len() && a[i] <= x {
            i += 1;
        }
        while j < b.len() && b[j] <= x {
            j += 1;
        }
        d = d.max((i as f64 / na - j as f64 / nb).abs());
    }
    d
}

/// The critical value of `D` at level `alpha` for samples of sizes `n` and `m`, from the
/// asymptotic Kolmogorov distribution: `P(√(nm/(n+m)) D > c) ≈ 2 exp(−2c²)`, so
/// `c(α) = √(−ln(α/2) / 2)` (the first term of the series, accurate at small α).
fn ks_critical(alpha: f64, n: usize, m: usize) -> f64 {
    let (n, m) = (n as f64, m as f64);
    (-(alpha / 2.0).ln() / 2.0).sqrt() * ((n + m) / (n * m)).sqrt()
}

/// α = 0.001 over the four marginals, Bonferroni: each at 0.001 / 4.
const ALPHA: f64 = 0.001 / 4.0;
const N: u64 = 40_000;

fn marginal(w: &[Vec<f64>], j: usize) -> Vec<f64> {
    w.iter().map(|x| x[j]).collect()
}

#[test]
fn hit_and_run_marginals_match_rejection_sampling() {
    let exact = draws(SamplerChoice::Rejection, N, 11);
    let chain = draws(SamplerChoice::HitAndRun, N, 12);
    let crit = ks_critical(ALPHA, exact.len(), chain.len());
    // c(0.00025) = √(ln(8000) / 2) = 2.1198…; × √(2 / 40 000) = 0.01499.
    assert!((crit - 0.014_989).abs() < 1e-5, "{crit}");
    for j in 0..4 {
        let d = ks(marginal(&exact, j), marginal(&chain, j));
        println!("weight {j}: D = {d:.5}, critical {crit:.5}");
        assert!(d < crit, "weight {j}: D = {d} ≥ {crit}");
    }
}

/// A sampler with a real error fails the same test at the same sample sizes: hit-and-run
/// written here without burn-in, each chain of 20 draws (one step each) started at the vertex
/// (a, b, c, d) = (0.4, 0.2, 0, 0.4) of the set.
#[test]
fn a_biased_sampler_fails_the_same_test() {
    let exact = draws(SamplerChoice::Rejection, N, 11);
    // The set as half-spaces g · w ≤ h.
    let rows: [([f64; 4], f64); 7] = [
        ([-1.0, 2.0, 0.0, 0.0], 0.0),
        ([0.0, 0.0, 0.0, -1.0], -0.4),
        ([0.0, 0.0, 1.0, 0.0], 0.15),
        ([-1.0, 0.0, 0.0, 0.0], 0.0),
        ([0.0, -1.0, 0.0, 0.0], 0.0),
        ([0.0, 0.0, -1.0, 0.0], 0.0),
        ([0.0, 0.0, 0.0, -1.0], 0.0),
    ];
    let mut state = 0x1234_5678_9abc_def0u64;
    let mut unit = move || {
        // SplitMix64.
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        (((z ^ (z >> 31)) >> 11) as f64 + 0.5) / (1u64 << 53) as f64
    };
    let mut biased = Vec::new();
    let mut w = [0.0; 4];
    for k in 0..N as usize {
        if k % 20 == 0 {
            w = [0.4, 0.2, 0.0, 0.4];
        }
        let mut u: [f64; 4] = std::array::from_fn(|_| {
            (-2.0 * unit().ln()).sqrt() * (std::f64::consts::TAU * unit()).cos()
        });
        let mean = u.iter().sum::<f64>() / 4.0;
        u.iter_mut().for_each(|x| *x -= mean);
        let (mut lo, mut hi) = (f64::NEG_INFINITY, f64::INFINITY);
        for (g, h) in &rows {
            let a: f64 = g.iter().zip(&u).map(|(x, y)| x * y).sum();
            let s = (h - g.iter().zip(&w).map(|(x, y)| x * y).sum::<f64>()).max(0.0);
            if a > 0.0 {
                hi = hi.min(s / a);
            } else if a < 0.0 {
                lo = lo.max(s / a);
            }
        }
        let t = lo + unit() * (hi - lo);
        w.iter_mut().zip(&u).for_each(|(x, y)| *x += t * y);
        biased.push(w.to_vec());
    }
    let crit = ks_critical(ALPHA, exact.len(), biased.len());
    let worst = (0..4)
        .map(|j| ks(marginal(&exact, j), marginal(&biased, j)))
        .fold(0.0, f64::max);
    println!("biased sampler: largest D = {worst:.5}, critical {crit:.5}");
    assert!(
        worst > crit,
        "the biased sampler passed: D = {worst} < {crit}"
    );
}

#[test]
fn every_draw_meets_every_constraint() {
    for sampler in [SamplerChoice::HitAndRun, SamplerChoice::Rejection] {
        for w in draws(sampler, 30_000, 5) {
            let [a, b, c, d] = w[..] else { panic!() };
            assert!((a + b + c + d - 1.0).abs() <= 1e-12, "{w:?}");
            assert!(w.iter().all(|&x| x >= -1e-12), "{w:?}");
            assert!(a - 2.0 * b >= -1e-12, "{w:?}");
            assert!(d >= 0.4 - 1e-12, "{w:?}");
            assert!(c <= 0.15 + 1e-12, "{w:?}");
        }
    }
}

#[test]
fn output_is_the_same_at_1_2_and_8_threads() {
    let args = [
        "smaa",
        FOUR,
        "--sampler",
        "hit-and-run",
        "--samples",
        "30000",
        "--seed",
        "4",
        "--format",
        "json",
    ];
    let (one, v) = json(&args, "1");
    assert_eq!(v["sampler"]["name"], "hit-and-run");
    assert_eq!(v["sampler"]["burn_in"], 300);
    assert_eq!(v["sampler"]["thinning"], 9);
    assert_eq!(one, json(&args, "2").0);
    assert_eq!(one, json(&args, "8").0);
}

#[test]
fn the_sampler_is_chosen_by_the_pilot_and_said() {
    // auto: 4% of the pilot's uniform draws qualify, at least 1%: rejection, which is exact.
    let (_, v) = json(&["smaa", FOUR, "--format", "json", "--samples", "100"], "1");
    let s = &v["sampler"];
    assert_eq!(s["name"], "rejection");
    let share = s["acceptance"].as_f64().unwrap();
    assert!((0.03..0.05).contains(&share), "{share}");
    assert_eq!(
        s["constraints"],
        serde_json::json!(["a >= 2 * b", "d >= 0.4"])
    );
    // With d ≥ 0.7 under 1% qualify (a + b + c ≤ 0.3 leaves 0.3³ = 2.7% of the simplex, and
    // a ≥ 2b and c ≤ 0.15 about a third of that): hit-and-run.
    let (_, v) = json(
        &[
            "smaa",
            FOUR,
            "--format",
            "json",
            "--samples",
            "100",
            "--weight-constraint",
            "d >= 0.7",
        ],
        "1",
    );
    let s = &v["sampler"];
    assert_eq!(s["name"], "hit-and-run");
    let share = s["acceptance"].as_f64().unwrap();
    assert!((0.005..0.01).contains(&share), "{share}");
    assert!(v["weights"].as_str().unwrap().contains("by hit-and-run"));
    // The flag adds to the model's constraints, and rejection can be asked for.
    let (_, v) = json(
        &[
            "smaa",
            FOUR,
            "--format",
            "json",
            "--samples",
            "100",
            "--sampler",
            "rejection",
            "--weight-constraint",
            "b >= 0.05",
        ],
        "1",
    );
    let s = &v["sampler"];
    assert_eq!(s["name"], "rejection");
    assert_eq!(
        s["constraints"],
        serde_json::json!(["a >= 2 * b", "d >= 0.4", "b >= 0.05"])
    );
    // The table and markdown say it too.
    let out = run(
        &["smaa", FOUR, "--samples", "100", "--sampler", "hit-and-run"],
        "1",
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("by hit-and-run"), "{text}");
    assert!(text.contains("burn-in 300 steps"), "{text}");
}

#[test]
fn constraint_errors_point_at_the_character() {
    let flag = |c: &str| stderr_of(&["smaa", FOUR, "--weight-constraint", c]);
    assert_eq!(
        flag("a >= 2 * bb"),
        (
            2,
            "error: --weight-constraint: unknown criterion `bb` (column 10)\n    a >= 2 * bb\n             ^^\n  = help: did you mean `b`? criteria: a, b, c, d\n"
                .into()
        )
    );
    assert_eq!(
        flag("a >= 2..5 * b"),
        (
            2,
            "error: --weight-constraint: `2..5` is not a number (column 6)\n    a >= 2..5 * b\n         ^^^^\n  = help: write a decimal number such as 2, 0.25 or 1e-3 (or 20%)\n"
                .into()
        )
    );
    assert_eq!(
        flag("a 2 * b"),
        (
            2,
            "error: --weight-constraint: missing operator before `2` (column 3)\n    a 2 * b\n      ^\n  = help: join terms with `+` or `-`, a number and a weight with `*` (`2 * cost`), and the two sides with `>=` or `<=`\n"
                .into()
        )
    );
    assert_eq!(
        flag("a + b"),
        (
            2,
            "error: --weight-constraint: missing operator: a constraint compares two sides with `>=` or `<=` (column 6)\n    a + b\n         ^\n  = help: add `>=` or `<=` between the two sides: write a linear comparison such as `equity >= 2 * cost` or `equity + cost <= 0.6`\n"
                .into()
        )
    );
    // Infeasible: the model's `d >= 0.4` and the flag's `a >= 0.9` cannot both hold.
    assert_eq!(
        flag("a >= 0.9"),
        (
            1,
            "error: no weights meet these constraints together (with every weight ≥ 0 and the weights summing to 1): `d >= 0.4`, `a >= 0.9`\n  = help: loosen or drop one of them\n"
                .into()
        )
    );
    // Flags alone: a usage error.
    assert_eq!(
        stderr_of(&[
            "smaa",
            "policies/kazakhstan-torture-prevention.toml",
            "--weight-constraint",
            "equity >= 0.5",
            "--weight-constraint",
            "effectiveness >= equity",
        ]),
        (
            2,
            "error: --weight-bounds/--weight-order/--weight-constraint: these constraints together leave the weights no room to vary (they meet in a single point or a flat piece, with every weight ≥ 0 and the weights summing to 1): `equity >= 0.5`, `effectiveness >= equity`\n  = help: loosen one of them; to fix a weight, give it an interval lo = hi with --weight-bounds\n"
                .into()
        )
    );
}

#[test]
fn a_model_constraint_error_points_at_its_line_and_column() {
    let (code, err) = stderr_of(&["check", "tests/fixtures/hitrun/bad-constraint.toml"]);
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "error: in a weight constraint: unknown criterion `costs`\n  --> tests/fixtures/hitrun/bad-constraint.toml:18:31\n   |\n18 | constraints = [\"equity >= 2 * costs\"]\n   |                               ^^^^^ not a criterion of the model\n   |\n   = help: did you mean `cost`? criteria: equity, cost\n"
    );
}

/// Two criteria with w1 ≥ 2 w2: w1 is uniform on [2/3, 1]. `a` scores w1 and `b` scores
/// 0.6 w1 + (1 − w1) = 1 − 0.4 w1, so `a` is first iff w1 > 5/7: with probability
/// (1 − 5/7) / (1 − 2/3) = 6/7, under either sampler.
#[test]
fn two_criteria_with_a_ratio_match_the_hand_answer() {
    for sampler in ["hit-and-run", "rejection"] {
        let (_, v) = json(
            &[
                "smaa",
                TWO,
                "--format",
                "json",
                "--samples",
                "40000",
                "--sampler",
                sampler,
            ],
            "2",
        );
        assert_eq!(v["sampler"]["name"], sampler);
        let a = &v["alternatives"][0];
        let (p, se) = (
            a["rank_acceptability"][0].as_f64().unwrap(),
            a["rank_acceptability_se"][0].as_f64().unwrap(),
        );
        assert!(
            (p - 6.0 / 7.0).abs() <= 4.0 * se,
            "{sampler}: {p} is not within 4 standard errors ({se}) of 6/7"
        );
        // Central weight of a: E[w1 | w1 > 5/7] = (5/7 + 1) / 2 = 6/7.
        let cw = a["central_weights"]["w1"].as_f64().unwrap();
        let cse = a["central_weights_se"]["w1"].as_f64().unwrap();
        assert!((cw - 6.0 / 7.0).abs() <= 4.0 * cse, "{sampler}: {cw}");
    }
}
