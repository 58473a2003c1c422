//! Robustness analyses end to end: weight sweeps, stability intervals and SMAA-2, through the
//! library and the command line.

use std::path::Path;
use std::process::{Command, Output};

use approx::assert_relative_eq;
use pmatrix::methods::{CriterionInfo, Method, Options, evaluate};
use pmatrix::model::Model;
use pmatrix::ranking::order_best_first;
use pmatrix::sensitivity::{stability, sweep};
use pmatrix::smaa::{SmaaOptions, smaa};
use serde_json::Value;

const SEED: &str = "policies/kazakhstan-torture-prevention.toml";

fn pmatrix() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_pmatrix"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

fn run(args: &[&str]) -> Output {
    pmatrix().args(args).output().expect("pmatrix runs")
}

fn json(args: &[&str]) -> Value {
    let out = run(args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

fn seed_model() -> Model {
    pmatrix::model::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join(SEED)).unwrap()
}

fn model(text: &str) -> Model {
    pmatrix::model::parse(Path::new("test.toml"), text).unwrap()
}

/// Two alternatives, two criteria on 0–10: a = (10, 0), b = (0, 5), so N = [[1, 0], [0, 0.5]]
/// and, with w = (t, 1 − t), a wins iff t > 1/3. Score `b` on `y` may be an interval.
fn two_by_two(b_on_y: &str) -> String {
    format!(
        r#"title = "two by two"
[[criteria]]
id = "x"
name = "X"
direction = "benefit"
weight = 1
range = [0, 10]
[[criteria]]
id = "y"
name = "Y"
direction = "benefit"
weight = 1
range = [0, 10]
[[alternatives]]
id = "a"
name = "A"
scores = {{ x = 10, y = 0 }}
[[alternatives]]
id = "b"
name = "B"
scores = {{ x = 0, y = {b_on_y} }}
"#
    )
}

fn smaa_json(m: &Model, method: Method, samples: u64, seed: u64) -> String {
    let s = SmaaOptions {
        samples,
        seed,
        weight_order: vec![],
        bounds: None,
        linear: Default::default(),
    };
    let r = smaa(m, &Options::new(method), &s, &|_| {}).unwrap();
    serde_json::to_string_pretty(&r).unwrap()
}

fn with_threads<T: Send>(n: usize, f: impl FnOnce() -> T + Send) -> T {
    rayon::ThreadPoolBuilder::new()
        .num_threads(n)
        .build()
        .unwrap()
        .install(f)
}

#[test]
fn smaa_is_byte_identical_on_one_and_two_threads() {
    let seed = seed_model();
    let uncertain = model(&two_by_two("[2, 8]"));
    for (m, method) in [
        (&seed, Method::Wsm),
        (&seed, Method::Topsis),
        (&uncertain, Method::Wsm),
        (&uncertain, Method::Promethee),
    ] {
        // More than two chunks, the last one partial.
        let one = with_threads(1, || smaa_json(m, method, 20_000, 42));
        let two = with_threads(2, || smaa_json(m, method, 20_000, 42));
        assert_eq!(one, two, "{method}");
        let other_seed = with_threads(2, || smaa_json(m, method, 20_000, 43));
        assert_ne!(one, other_seed, "{method}: the seed matters");
    }
}

/// Runs pmatrix with `args` on 1, 2 and 4 threads and checks the outputs are byte for byte the
/// same.
fn assert_same_output_at_any_thread_count(args: &[&str]) {
    let out = |threads: &str| {
        let o = pmatrix()
            .args(args)
            .env("RAYON_NUM_THREADS", threads)
            .output()
            .unwrap();
        assert!(o.status.success(), "{args:?}");
        o.stdout
    };
    let one = out("1");
    assert_eq!(one, out("2"), "{args:?}");
    assert_eq!(one, out("4"), "{args:?}");
}

#[test]
fn smaa_cli_output_does_not_depend_on_the_thread_count() {
    assert_same_output_at_any_thread_count(&[
        "smaa",
        SEED,
        "--samples",
        "30000",
        "--seed",
        "5",
        "--format",
        "json",
    ]);
}

/// Stability searches the criteria in parallel and reads them in order.
#[test]
fn stability_output_does_not_depend_on_the_thread_count() {
    for method in ["topsis", "promethee"] {
        assert_same_output_at_any_thread_count(&[
            "stability",
            "policies/latrine-selection-matrix-ranking.toml",
            "--method",
            method,
            "--format",
            "json",
        ]);
    }
}

#[test]
fn smaa_two_alternatives_match_the_analytic_answer_through_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.toml");
    std::fs::write(&path, two_by_two("5")).unwrap();
    let v = json(&[
        "smaa",
        path.to_str().unwrap(),
        "--samples",
        "40000",
        "--format",
        "json",
    ]);
    assert_eq!(v["samples"], 40000);
    assert_eq!(v["seed"], 0);
    let a = &v["alternatives"][0];
    assert_eq!(a["id"], "a");
    let p = a["rank_acceptability"][0].as_f64().unwrap();
    let se = a["rank_acceptability_se"][0].as_f64().unwrap();
    assert!((p - 2.0 / 3.0).abs() <= 4.0 * se, "{p} ± {se}");
    assert_relative_eq!(se, (p * (1.0 - p) / 40000.0).sqrt(), epsilon = 1e-15);
    let cw = a["central_weights"]["x"].as_f64().unwrap();
    let cw_se = a["central_weights_se"]["x"].as_f64().unwrap();
    assert!((cw - 2.0 / 3.0).abs() <= 4.0 * cw_se, "{cw} ± {cw_se}");
    assert_eq!(a["confidence"], 1.0);
}

#[test]
fn smaa_acceptability_rows_and_columns_sum_to_one() {
    let v = json(&["smaa", SEED, "--samples", "5000", "--format", "json"]);
    let alts = v["alternatives"].as_array().unwrap();
    let n = alts.len();
    let b = |i: usize, k: usize| alts[i]["rank_acceptability"][k].as_f64().unwrap();
    for i in 0..n {
        assert_relative_eq!((0..n).map(|k| b(i, k)).sum::<f64>(), 1.0, epsilon = 1e-12);
    }
    for k in 0..n {
        assert_relative_eq!((0..n).map(|i| b(i, k)).sum::<f64>(), 1.0, epsilon = 1e-12);
    }
    // In the model's order, with names.
    assert_eq!(alts[0]["id"], "status-quo");
    assert!(alts[0]["name"].is_string());
}

#[test]
fn smaa_with_a_fixed_weight_vector_reproduces_rank() {
    let m = seed_model();
    let bounds: Vec<String> = m
        .criteria
        .iter()
        .map(|c| format!("{}=0.2:0.2", c.id))
        .collect();
    let bounds = bounds.join(",");
    for method in ["wsm", "topsis", "promethee"] {
        let rank = json(&["rank", SEED, "--method", method, "--format", "json"]);
        let s = json(&[
            "smaa",
            SEED,
            "--method",
            method,
            "--samples",
            "300",
            "--weight-bounds",
            &bounds,
            "--format",
            "json",
        ]);
        for (pos, a) in rank["alternatives"].as_array().unwrap().iter().enumerate() {
            let id = a["id"].as_str().unwrap();
            let row = s["alternatives"]
                .as_array()
                .unwrap()
                .iter()
                .find(|x| x["id"] == id)
                .unwrap();
            assert_eq!(row["rank_acceptability"][pos], 1.0, "{method} {id}");
        }
    }
}

#[test]
fn smaa_refuses_hopeless_constraints_and_bad_flags() {
    let out = run(&[
        "smaa",
        SEED,
        "--weight-bounds",
        "equity=0.9:1,effectiveness=0.9:1",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("lower weight bounds sum to"));
    let out = run(&["smaa", SEED, "--weight-order", "equity,effectivness"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean `effectiveness`"));
    let out = run(&["smaa", SEED, "--weights", "equity=1"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn smaa_weight_order_holds_in_the_central_weights() {
    let v = json(&[
        "smaa",
        SEED,
        "--samples",
        "5000",
        "--weight-order",
        "uncertainty,equity",
        "--format",
        "json",
    ]);
    for a in v["alternatives"].as_array().unwrap() {
        if let Some(w) = a["central_weights"].as_object() {
            assert!(w["uncertainty"].as_f64() >= w["equity"].as_f64());
        }
    }
    assert!(
        v["weights"]
            .as_str()
            .unwrap()
            .contains("uncertainty ≥ equity")
    );
}

#[test]
fn sweep_at_the_current_weight_equals_rank() {
    for method in ["wsm", "wpm", "topsis", "vikor", "promethee"] {
        let rank = json(&["rank", SEED, "--method", method, "--format", "json"]);
        let want: Vec<&str> = rank["alternatives"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["id"].as_str().unwrap())
            .collect();
        // Steps of 0.2 include the current weight, 1/5.
        let sw = json(&[
            "sweep", SEED, "--method", method, "--steps", "6", "--format", "json",
        ]);
        assert_eq!(sw["method"], method);
        for c in sw["criteria"].as_array().unwrap() {
            let w = c["weight"].as_f64().unwrap();
            let step = c["steps"]
                .as_array()
                .unwrap()
                .iter()
                .find(|s| (s["weight"].as_f64().unwrap() - w).abs() < 1e-15)
                .expect("a step at the current weight");
            let got: Vec<&str> = step["ranking"]
                .as_array()
                .unwrap()
                .iter()
                .map(|x| x.as_str().unwrap())
                .collect();
            assert_eq!(got, want, "{method} {}", c["id"]);
        }
    }
}

#[test]
fn stability_interval_ends_are_ties_on_the_seed_model() {
    let m = seed_model();
    let criteria: Vec<CriterionInfo> = m.criteria.iter().map(Into::into).collect();
    for method in Method::ALL {
        let opts = Options::new(method);
        let st = stability(&m, &m.weights, &opts).unwrap();
        let ranking_at = |j: usize, t: f64| {
            let w = m.weights.with_weight(j, t);
            let e = evaluate(m.scores.mid(), &criteria, w.as_slice(), &opts).unwrap();
            order_best_first(&e.scores, e.order)
        };
        let current = ranking_at(0, m.weights.as_slice()[0]);
        for (j, c) in st.criteria.iter().enumerate() {
            for (lo, hi, whole) in [
                (c.winner_interval[0], c.winner_interval[1], false),
                (c.ranking_interval[0], c.ranking_interval[1], true),
            ] {
                let same = |r: Vec<usize>| {
                    if whole {
                        r == current
                    } else {
                        r[0] == current[0]
                    }
                };
                if lo > 0.0 {
                    assert!(same(ranking_at(j, lo + 1e-7)), "{method} {} lo", c.id);
                    assert!(!same(ranking_at(j, lo - 1e-7)), "{method} {} lo", c.id);
                }
                if hi < 1.0 {
                    assert!(same(ranking_at(j, hi - 1e-7)), "{method} {} hi", c.id);
                    assert!(!same(ranking_at(j, hi + 1e-7)), "{method} {} hi", c.id);
                }
            }
        }
    }
}

#[test]
fn stability_json_and_sentence_on_the_seed_model() {
    let v = json(&["stability", SEED, "--format", "json"]);
    assert_eq!(v["method"], "wsm");
    assert_eq!(v["winner"], "develop-policy");
    let c = &v["criteria"][4];
    assert_eq!(c["id"], "uncertainty");
    // By hand: with the uncertainty weight at t and the others at (1 − t)/4, develop-policy
    // scores (1 − t)·(2/3 + 2/3 + 1/3 + 2/3)/4 + t·(1/3) = 7/12 (1 − t) + t/3 and status-quo
    // (1 − t)·(0 + 2/3 + 1 + 0)/4 + t·1 = 5/12 (1 − t) + t; they tie at t = 3/7.
    assert_relative_eq!(
        c["winner_interval"][1].as_f64().unwrap(),
        3.0 / 7.0,
        epsilon = 1e-12
    );
    let crit = &v["critical"];
    assert_eq!(crit["criterion"], "uncertainty");
    assert_eq!(crit["new_winner"], "status-quo");
    let table = run(&["stability", SEED]);
    let text = String::from_utf8(table.stdout).unwrap();
    assert!(
        text.contains("Develop the existing government policy stays first unless the weight of"),
        "{text}"
    );
    assert!(text.contains("rises above 42.9% (now 20%)"), "{text}");
}

#[test]
fn sweep_plot_is_written_once_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("sweep.svg");
    let svg_arg = svg.to_str().unwrap();
    let args = [
        "sweep",
        SEED,
        "--criterion",
        "uncertainty",
        "--plot",
        svg_arg,
    ];
    assert!(run(&args).status.success());
    let first = std::fs::read_to_string(&svg).unwrap();
    assert!(first.starts_with("<svg") && first.contains("Degree of uncertainty"));
    assert!(first.contains(">42.9%<"), "the crossing is labelled");
    std::fs::write(&svg, "mine").unwrap();
    let again = run(&args);
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));
    assert_eq!(std::fs::read_to_string(&svg).unwrap(), "mine");
    let mut forced = args.to_vec();
    forced.push("--force");
    assert!(run(&forced).status.success());
    assert!(std::fs::read_to_string(&svg).unwrap().starts_with("<svg"));
    let chart = dir.path().join("acc.svg");
    let out = run(&[
        "smaa",
        SEED,
        "--samples",
        "1000",
        "--chart",
        chart.to_str().unwrap(),
    ]);
    assert!(out.status.success());
    assert!(
        std::fs::read_to_string(&chart)
            .unwrap()
            .contains("Rank acceptability")
    );
}

#[test]
fn sweep_flags_are_checked() {
    let out = run(&["sweep", SEED, "--steps", "1"]);
    assert_eq!(out.status.code(), Some(2));
    let out = run(&["sweep", SEED, "--criterion", "equty"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean `equity`"));
}

#[test]
fn sweep_library_finds_the_exact_crossing() {
    let m = model(&two_by_two("5"));
    let sw = sweep(&m, &m.weights, &Options::new(Method::Wsm), Some(0), 21).unwrap();
    let changes = &sw.criteria[0].changes;
    assert_eq!(changes.len(), 1);
    assert_relative_eq!(changes[0].weight, 1.0 / 3.0, epsilon = 1e-15);
}

#[test]
fn tables_fit_80_columns() {
    for args in [
        vec!["sweep", SEED, "--criterion", "equity"],
        vec!["stability", SEED],
        vec!["smaa", SEED, "--samples", "2000"],
    ] {
        let out = run(&args);
        let text = String::from_utf8(out.stdout).unwrap();
        for line in text.lines() {
            assert!(line.chars().count() <= 80, "{args:?}: {line}");
        }
    }
}

mod properties {
    use super::*;
    use pmatrix::model::{Alternative, Criterion, Direction, Preference, Scores};
    use pmatrix::weights::Weights;
    use proptest::prelude::*;

    /// A model from integer scores 0–10 (ties are likely) and integer weights.
    fn random_model(n: usize, values: &[u8], weights: &[u8], cost: &[bool]) -> Model {
        let m = weights.len();
        Model {
            title: "random".into(),
            description: None,
            source: None,
            method: None,
            criteria: (0..m)
                .map(|j| Criterion {
                    id: format!("c{j}"),
                    name: format!("C{j}"),
                    description: None,
                    direction: if cost[j] {
                        Direction::Cost
                    } else {
                        Direction::Benefit
                    },
                    scale: None,
                    range: Some((0.0, 10.0)),
                    preference: Preference::Usual,
                    value: None,
                })
                .collect(),
            alternatives: (0..n)
                .map(|i| Alternative {
                    id: format!("a{i}"),
                    name: format!("A{i}"),
                    description: None,
                })
                .collect(),
            scores: Scores::exact(nalgebra::DMatrix::from_fn(n, m, |i, j| {
                f64::from(values[i * m + j])
            })),
            weights: Weights::normalized(
                &weights.iter().map(|&w| f64::from(w)).collect::<Vec<_>>(),
            )
            .unwrap(),
            profiles: Vec::new(),
            participants: None,
            tree: None,
            smaa: Default::default(),
        }
    }

    fn inputs() -> impl Strategy<Value = (usize, Vec<u8>, Vec<u8>, Vec<bool>, usize)> {
        (2usize..6, 2usize..5).prop_flat_map(|(n, m)| {
            (
                Just(n),
                proptest::collection::vec(0u8..=10, n * m),
                proptest::collection::vec(1u8..=4, m),
                proptest::collection::vec(any::<bool>(), m),
                0..Method::ALL.len(),
            )
        })
    }

    /// With integer weights summing to S, steps of 1/S hit every current weight exactly; the
    /// sweep's ranking there must be the plain ranking. `Err` names the criterion where not.
    fn sweep_at_current_weight_is_plain_ranking(
        n: usize,
        values: &[u8],
        weights: &[u8],
        cost: &[bool],
        method: Method,
    ) -> Result<(), String> {
        let m = random_model(n, values, weights, cost);
        let opts = Options::new(method);
        let criteria: Vec<CriterionInfo> = m.criteria.iter().map(Into::into).collect();
        let e = evaluate(m.scores.mid(), &criteria, m.weights.as_slice(), &opts).unwrap();
        let want = order_best_first(&e.scores, e.order);
        let total: usize = weights.iter().map(|&w| usize::from(w)).sum();
        let sw = sweep(&m, &m.weights, &opts, None, total + 1).unwrap();
        for c in &sw.criteria {
            let step = c.steps.iter().find(|s| s.weight == c.weight).unwrap();
            if step.ranking.order() != want.as_slice() {
                return Err(format!(
                    "{}: {:?} against {want:?}",
                    c.id,
                    step.ranking.order()
                ));
            }
        }
        Ok(())
    }

    /// The sweep-at-the-current-weight property on one input it once failed on (PROMETHEE,
    /// two alternatives, four criteria).
    #[test]
    fn a_sweep_at_the_current_weight_equals_the_plain_ranking_promethee_case() {
        let (n, values, weights, cost) = (
            2,
            vec![0u8, 10, 3, 0, 0, 0, 0, 1],
            vec![1u8, 4, 1, 3],
            vec![false, true, false, true],
        );
        for method in Method::ALL {
            if let Err(e) =
                sweep_at_current_weight_is_plain_ranking(n, &values, &weights, &cost, method)
            {
                panic!("{method:?}: {e}");
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        /// With integer weights summing to S, steps of 1/S hit every current weight exactly.
        #[test]
        fn a_sweep_at_the_current_weight_equals_the_plain_ranking(
            (n, values, weights, cost, k) in inputs()
        ) {
            let result =
                sweep_at_current_weight_is_plain_ranking(n, &values, &weights, &cost, Method::ALL[k]);
            prop_assert!(result.is_ok(), "{}", result.unwrap_err());
        }

        #[test]
        fn smaa_acceptability_rows_sum_to_one_and_ranks_are_filled(
            (n, values, weights, cost, k) in inputs()
        ) {
            let m = random_model(n, &values, &weights, &cost);
            let s = SmaaOptions { samples: 500, seed: 3, weight_order: vec![], bounds: None, linear: Default::default() };
            let r = smaa(&m, &Options::new(Method::ALL[k]), &s, &|_| {}).unwrap();
            for a in &r.alternatives {
                prop_assert!((a.rank_acceptability.iter().sum::<f64>() - 1.0).abs() < 1e-12);
            }
            // Tied alternatives share the best of their ranks ("1, 1, 3"), so at least K
            // alternatives hold a rank ≤ K in every draw: the first K columns sum to at least
            // K, with equality (columns summing to 1) when no draw has a tie.
            let mut cumulative = 0.0;
            for rank in 0..n {
                cumulative += r.alternatives.iter().map(|a| a.rank_acceptability[rank]).sum::<f64>();
                prop_assert!(cumulative >= (rank + 1) as f64 - 1e-9);
            }
            prop_assert!((cumulative - n as f64).abs() < 1e-9);
        }
    }
}

/// A model of `n` alternatives on two criteria, from CSV, in a temporary folder.
fn many_alternatives(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut csv = String::from("id,name,x,y\n");
    for i in 0..n {
        csv.push_str(&format!("a{i},A{i},{},{}\n", i % 97, (i * 31) % 89));
    }
    std::fs::write(dir.path().join("m.csv"), csv).unwrap();
    let model = r#"title = "many"
[[criteria]]
id = "x"
name = "X"
direction = "benefit"
weight = 1
range = [0, 100]
[[criteria]]
id = "y"
name = "Y"
direction = "cost"
weight = 2
range = [0, 100]
[data]
csv = "m.csv"
"#;
    std::fs::write(dir.path().join("m.toml"), model).unwrap();
    dir
}

#[test]
fn sweep_refuses_more_alternatives_than_it_takes_and_smaa_counts_first_places() {
    let dir = many_alternatives(pmatrix::sensitivity::sweep::MAX_ALTERNATIVES + 1);
    let model = dir.path().join("m.toml");
    let model = model.to_str().unwrap();
    let v = json(&["smaa", model, "--samples", "200", "--format", "json"]);
    assert_eq!(v["tallied_ranks"], 1);
    let alts = v["alternatives"].as_array().unwrap();
    assert_eq!(alts.len(), 2001);
    let first: f64 = alts
        .iter()
        .map(|a| a["rank_acceptability"][0].as_f64().unwrap())
        .sum();
    assert!(
        first >= 1.0 - 1e-12,
        "every draw has a first place: {first}"
    );
    let out = run(&["sweep", model]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("a sweep lists"), "{err}");
    assert!(err.contains("2001 alternatives"), "{err}");
    assert!(out.stdout.is_empty());
    // Ranking and stability take them.
    assert_eq!(
        json(&["rank", model, "--format", "json"])["alternatives"]
            .as_array()
            .unwrap()
            .len(),
        2001
    );
    assert_eq!(
        json(&["stability", model, "--format", "json"])["method"],
        "wsm"
    );
}

/// Kendall's τ-b runs in O(n log n): comparing every method on thousands of alternatives
/// gives correlations that agree with Spearman's ρ in sign and are within [−1, 1].
#[test]
fn method_all_compares_thousands_of_alternatives() {
    let dir = many_alternatives(5000);
    let model = dir.path().join("m.toml");
    let v = json(&[
        "rank",
        model.to_str().unwrap(),
        "--method",
        "all",
        "--format",
        "json",
    ]);
    let correlations = v["correlations"].as_array().unwrap();
    assert_eq!(correlations.len(), 10);
    for c in correlations {
        let (rho, tau) = (
            c["spearman"].as_f64().unwrap(),
            c["kendall"].as_f64().unwrap(),
        );
        assert!((-1.0..=1.0).contains(&tau), "{c}");
        assert_eq!(rho.signum(), tau.signum(), "{c}");
    }
}

/// The breakdown table shows the best-ranked alternatives only; JSON keeps every one.
#[test]
fn explain_shows_the_first_alternatives_of_a_large_model() {
    let dir = many_alternatives(3000);
    let model = dir.path().join("m.toml");
    let model = model.to_str().unwrap();
    let out = run(&[
        "rank",
        model,
        "--explain",
        "--format",
        "csv",
        "--table",
        "breakdown",
    ]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let header = text.lines().next().expect("a breakdown table");
    assert!(header.starts_with("id,name,weight,"), "{header}");
    // Each alternative shown: its contribution and the score it comes from.
    assert_eq!(
        header.split(',').count(),
        3 + 2 * pmatrix::present::explain::MAX_COLUMNS,
        "{header}"
    );
    let out = run(&["rank", model, "--explain", "--format", "markdown"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("the first 8 of 3000 alternatives"),
        "{}",
        &text[..500]
    );
}

/// A ranking of many alternatives in a text format lists the first 100 and says how many it
/// left out; `--top N` chooses, in JSON too.
#[test]
fn rank_top_lists_the_first_alternatives_and_says_what_it_left_out() {
    let dir = many_alternatives(3000);
    let model = dir.path().join("m.toml");
    let model = model.to_str().unwrap();
    let out = run(&["rank", model, "--format", "markdown"]);
    let text = String::from_utf8(out.stdout).unwrap();
    let rows = text.lines().filter(|l| l.starts_with("| ")).count();
    assert_eq!(rows, 2 + 100, "header, rule and 100 rows");
    assert!(
        text.contains("Showing the first 100 of 3000 alternatives"),
        "{text}"
    );
    let all = json(&["rank", model, "--format", "json"]);
    let top = json(&["rank", model, "--top", "5", "--format", "json"]);
    assert_eq!(top["left_out"], 2995);
    assert_eq!(top["alternatives"].as_array().unwrap().len(), 5);
    assert_eq!(top["alternatives"][4], all["alternatives"][4]);
    assert!(all.get("left_out").is_none());
    let out = run(&["rank", model, "--top", "0", "--format", "markdown"]);
    let rows = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter(|l| l.starts_with("| "))
        .count();
    assert_eq!(rows, 2 + 3000);
}

/// Above 10,000 alternatives WSM contributions are left out of JSON unless `--explain` asks.
#[test]
fn contributions_of_many_alternatives_only_with_explain() {
    let n = pmatrix::rank::CONTRIBUTIONS_LIMIT + 1;
    let dir = many_alternatives(n);
    let model = dir.path().join("m.toml");
    let model = model.to_str().unwrap();
    let plain = json(&["rank", model, "--format", "json"]);
    assert_eq!(plain["contributions_omitted"], true);
    assert_eq!(plain["alternatives"][0]["details"], serde_json::json!({}));
    assert_eq!(plain["alternatives"].as_array().unwrap().len(), n);
    let explained = json(&["rank", model, "--explain", "--format", "json"]);
    assert!(explained.get("contributions_omitted").is_none());
    let c = &explained["alternatives"][0]["details"]["contributions"];
    let sum = c["x"].as_f64().unwrap() + c["y"].as_f64().unwrap();
    let score = explained["alternatives"][0]["score"].as_f64().unwrap();
    assert!((sum - score).abs() < 1e-12, "{sum} vs {score}");
    assert_eq!(
        plain["alternatives"][0]["score"],
        explained["alternatives"][0]["score"]
    );
}

/// Gaussian PROMETHEE compares every pair: above the size that takes a few seconds it is
/// refused with a message that names the fast alternatives, instead of running for minutes.
#[test]
fn gaussian_promethee_on_many_alternatives_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut csv = String::from("id,name,x,y\n");
    for i in 0..16_000 {
        csv.push_str(&format!("a{i},A{i},{},{}\n", i % 97, (i * 31) % 89));
    }
    std::fs::write(dir.path().join("m.csv"), csv).unwrap();
    let model = r#"title = "many"
[[criteria]]
id = "x"
direction = "benefit"
preference = "gaussian"
s = 5
range = [0, 100]
[[criteria]]
id = "y"
direction = "cost"
preference = "gaussian"
s = 5
range = [0, 100]
[data]
csv = "m.csv"
"#;
    let path = dir.path().join("m.toml");
    std::fs::write(&path, model).unwrap();
    let out = run(&["rank", path.to_str().unwrap(), "--method", "promethee"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("16000 alternatives make 512000000 comparisons"),
        "{err}"
    );
    assert!(err.contains("`linear`"), "{err}");
    // Other methods are not affected.
    assert!(
        run(&["rank", path.to_str().unwrap(), "--method", "wsm"])
            .status
            .success()
    );
}
