//! Random valid models, with magnitudes from subnormal to f64::MAX, through every command:
//! each run ends in success or in a message with exit code 1, never a panic, and no output
//! holds a NaN or an infinity.

use std::path::Path;

use clap::Parser;
use proptest::prelude::*;

/// A number ≥ 0 of any magnitude: ordinary, or near the ends of the f64 range.
fn magnitude() -> impl Strategy<Value = f64> {
    prop_oneof![
        4 => (0u32..20).prop_map(f64::from),
        2 => 0.0f64..100.0,
        3 => (1.0f64..10.0, -320i32..308).prop_map(|(m, e)| m * 10f64.powi(e)),
        1 => Just(f64::MAX),
        1 => Just(1.7e308),
        1 => Just(5e-324),
        1 => Just(f64::MIN_POSITIVE),
    ]
    .prop_map(|x| if x.is_finite() { x } else { f64::MAX })
}

#[derive(Debug, Clone)]
struct Crit {
    cost: bool,
    on_scale: bool,
    weight: f64,
    /// A declared range: (negative low end?, extra above the largest score).
    range: Option<(bool, f64)>,
    preference: u8,
    t: (f64, f64),
}

fn criterion() -> impl Strategy<Value = Crit> {
    (
        any::<bool>(),
        prop::bool::weighted(0.3),
        magnitude(),
        prop::option::weighted(0.4, (any::<bool>(), magnitude())),
        0u8..6,
        (magnitude(), magnitude()),
    )
        .prop_map(|(cost, on_scale, weight, range, preference, t)| Crit {
            cost,
            on_scale,
            weight,
            range,
            preference,
            t,
        })
}

/// The model text: `n` alternatives on the given criteria, with `cells` scores (n × m, each a
/// value and an optional second end), and a second profile.
fn model_text(crits: &[Crit], cells: &[(f64, Option<f64>, u8)], n: usize) -> String {
    let m = crits.len();
    let mut t = String::from(
        "title = \"Random model\"\n\n[scales.level]\nlevels = [\"None\", \"Low\", \"High\"]\n\n",
    );
    for (j, c) in crits.iter().enumerate() {
        t.push_str(&format!(
            "[[criteria]]\nid = \"c{j}\"\ndirection = \"{}\"\nweight = {:?}\n",
            if c.cost { "cost" } else { "benefit" },
            c.weight
        ));
        if c.on_scale {
            t.push_str("scale = \"level\"\n");
        } else if let Some((negative, extra)) = c.range {
            let top = (0..n)
                .map(|i| {
                    let (a, b, _) = cells[i * m + j];
                    a.max(b.unwrap_or(a))
                })
                .fold(0.0, f64::max);
            let lo = if negative { -extra } else { 0.0 };
            let hi = top.max(extra);
            if hi > lo && hi.is_finite() {
                t.push_str(&format!("range = [{lo:?}, {hi:?}]\n"));
            }
        }
        let (q, p) = (c.t.0.min(c.t.1), c.t.0.max(c.t.1));
        t.push_str(&match c.preference {
            0 => "preference = \"usual\"\n".to_string(),
            1 => format!("preference = \"u-shape\"\nq = {q:?}\n"),
            2 if p > 0.0 => format!("preference = \"v-shape\"\np = {p:?}\n"),
            3 if p > q => format!("preference = \"level\"\nq = {q:?}\np = {p:?}\n"),
            4 => format!("preference = \"linear\"\nq = {q:?}\np = {p:?}\n"),
            5 if p > 0.0 => format!("preference = \"gaussian\"\ns = {p:?}\n"),
            _ => String::new(),
        });
        t.push('\n');
    }
    for i in 0..n {
        let scores: Vec<String> = (0..m)
            .map(|j| {
                let (a, b, level) = cells[i * m + j];
                let name = |k: u8| ["\"None\"", "\"Low\"", "\"High\""][usize::from(k % 3)];
                match (crits[j].on_scale, b) {
                    (true, None) => format!("c{j} = {}", name(level)),
                    (true, Some(_)) => {
                        let (x, y) = (level % 3, (level / 3) % 3);
                        format!("c{j} = [{}, {}]", name(x.min(y)), name(x.max(y)))
                    }
                    (false, None) => format!("c{j} = {a:?}"),
                    (false, Some(b)) => format!("c{j} = [{:?}, {:?}]", a.min(b), a.max(b)),
                }
            })
            .collect();
        t.push_str(&format!(
            "[[alternatives]]\nid = \"a{i}\"\nname = \"Alternative {i}\"\nscores = {{ {} }}\n\n",
            scores.join(", ")
        ));
    }
    let other: Vec<String> = crits
        .iter()
        .enumerate()
        .map(|(j, c)| format!("c{j} = {:?}", c.t.0.max(c.weight)))
        .collect();
    t.push_str(&format!(
        "[profiles.other]\nweights = {{ {} }}\n",
        other.join(", ")
    ));
    t
}

fn any_model() -> impl Strategy<Value = String> {
    (1usize..6, 1usize..5).prop_flat_map(|(n, m)| {
        (
            prop::collection::vec(criterion(), m),
            prop::collection::vec(
                (
                    magnitude(),
                    prop::option::weighted(0.3, magnitude()),
                    any::<u8>(),
                ),
                n * m,
            ),
        )
            .prop_map(move |(crits, cells)| model_text(&crits, &cells, n))
    })
}

/// Whether a text holds NaN or inf as a word.
fn non_finite(text: &str) -> bool {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .any(|w| w == "NaN" || w == "inf")
}

/// Every `score` in a JSON value is a number (a NaN would be written as null).
fn scores_are_numbers(v: &serde_json::Value) -> bool {
    match v {
        serde_json::Value::Object(map) => map
            .iter()
            .all(|(k, x)| (k != "score" || x.is_number()) && scores_are_numbers(x)),
        serde_json::Value::Array(items) => items.iter().all(scores_are_numbers),
        _ => true,
    }
}

fn run(args: &[&str]) -> Result<String, String> {
    let cli =
        pmatrix::cli::Cli::try_parse_from(std::iter::once("pmatrix").chain(args.iter().copied()))
            .map_err(|e| format!("usage: {e}"))?;
    let mut out = Vec::new();
    match pmatrix::cli::run(cli, &mut out) {
        Ok(()) => Ok(String::from_utf8(out).expect("UTF-8 output")),
        Err(e) => {
            let message = e.to_string();
            if e.exit_code() != 1 || !message.starts_with("error: ") || non_finite(&message) {
                return Err(format!("{args:?}: exit {} with {message}", e.exit_code()));
            }
            Ok(String::new())
        }
    }
}

fn every_command(dir: &Path) -> Result<(), String> {
    let model = dir.join("model.toml");
    let model = model.to_str().unwrap();
    let report = dir.join("report.html");
    let plot = dir.join("sweep.svg");
    let mut commands: Vec<Vec<&str>> = vec![vec!["check", model]];
    for method in ["wsm", "wpm", "topsis", "vikor", "promethee", "all"] {
        for format in ["table", "json", "csv"] {
            commands.push(vec!["rank", model, "--method", method, "--format", format]);
        }
    }
    for normalization in ["scale", "minmax", "max", "linear", "sum", "vector"] {
        for method in ["wsm", "topsis"] {
            commands.push(vec![
                "rank",
                model,
                "--method",
                method,
                "--normalization",
                normalization,
                "--format",
                "json",
            ]);
        }
    }
    commands.extend([
        vec!["rank", model, "--explain", "--format", "markdown"],
        vec!["rank", model, "--profile", "all"],
        vec!["sweep", model, "--steps", "4", "--format", "json"],
        vec![
            "sweep",
            model,
            "--steps",
            "3",
            "--plot",
            plot.to_str().unwrap(),
            "--force",
        ],
        vec!["stability", model, "--format", "json"],
        vec!["stability", model, "--method", "topsis"],
        vec!["smaa", model, "--samples", "20", "--format", "json"],
        vec![
            "report",
            model,
            "-o",
            report.to_str().unwrap(),
            "--samples",
            "20",
            "--force",
        ],
    ]);
    for args in &commands {
        let out = run(args)?;
        if non_finite(&out) {
            return Err(format!("{args:?}: a non-finite number in\n{out}"));
        }
        if args.contains(&"json")
            && !out.is_empty()
            && let Ok(v) = serde_json::from_str::<serde_json::Value>(&out)
            && !scores_are_numbers(&v)
        {
            return Err(format!("{args:?}: a score is not a number in\n{out}"));
        }
    }
    for file in [&report, &plot] {
        if let Ok(text) = std::fs::read_to_string(file)
            && non_finite(&text)
        {
            return Err(format!("{}: a non-finite number", file.display()));
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 24,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn random_models_never_give_nan_or_panic(text in any_model()) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("model.toml"), &text).unwrap();
        if let Err(e) = every_command(dir.path()) {
            return Err(TestCaseError::fail(format!("{e}\nmodel:\n{text}")));
        }
    }
}
