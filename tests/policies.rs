//! The models in `policies/` against their sources: each reproduces the totals and the order
//! its article prints, and every file in the folder passes `check`.

use std::path::Path;
use std::process::Command;

use approx::assert_abs_diff_eq;
use pmatrix::methods::{Method, Options};
use pmatrix::model::Model;
use pmatrix::rank::{AltDetails, Ranking, rank};
use pmatrix::sensitivity::stability;
use pmatrix::weights::Weights;
use serde_json::Value;

fn load(file: &str) -> Model {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("policies")
        .join(file);
    pmatrix::model::load(&path).unwrap_or_else(|e| panic!("{file}: {e}"))
}

/// The weighted sum with the model's own weights and `scale` normalisation: (id, score) best
/// first.
fn weighted_sum(model: &Model) -> Vec<(String, f64)> {
    let opts = Options::new(Method::Wsm);
    let r = rank(model, &model.weights, None, &opts).unwrap();
    r.alternatives
        .iter()
        .map(|a| (a.id.clone(), a.score))
        .collect()
}

#[test]
fn every_policy_model_passes_check() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("policies");
    let mut models = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            let out = Command::new(env!("CARGO_BIN_EXE_pmatrix"))
                .arg("check")
                .arg(&path)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{}: {}",
                path.display(),
                String::from_utf8_lossy(&out.stderr)
            );
            let model = pmatrix::model::load(&path).unwrap();
            assert!(model.source.is_some(), "{} names no source", path.display());
            models += 1;
        }
    }
    assert_eq!(models, 9, "a model was added or removed: update this test");
}

/// The model's weighted sum gives the source's order, and each score is its printed total over
/// `scale` (the largest total the source's weights and score range allow).
fn assert_totals(file: &str, expected: &[(&str, f64)], scale: f64) {
    let got = weighted_sum(&load(file));
    assert_eq!(got.len(), expected.len(), "{file}");
    for ((id, score), &(want_id, total)) in got.iter().zip(expected) {
        assert_eq!(id, want_id, "{file}: order");
        assert_abs_diff_eq!(*score, total / scale, epsilon = 1e-12);
    }
}

/// Baltussen & Niessen (2006), Table 2: totals 100, 70, 48 (47.5 exactly) and 5 out of 100.
#[test]
fn health_priority_setting_reproduces_table_2() {
    let expected = [
        ("childhood-pneumonia", 100.0),
        ("antiretroviral-hiv", 70.0),
        ("fracture-plastering", 47.5),
        ("schizophrenia-inpatient", 5.0),
    ];
    assert_totals("health-priority-setting-mcda.toml", &expected, 100.0);
}

/// Greaves (2007), matrix ranking: Σ importance × score = 250, 249, 197 and 93. The weights sum
/// to 36 and the scores run 0-10, so pmatrix's scores are the totals over 360.
#[test]
fn latrine_selection_reproduces_the_matrix_ranking() {
    let expected = [
        ("single-pit-ventilated", 250.0),
        ("ordinary-family-pit", 249.0),
        ("bush-field", 197.0),
        ("communal-latrine", 93.0),
    ];
    assert_totals("latrine-selection-matrix-ranking.toml", &expected, 360.0);
}

/// The one-point lead is fragile: raising the weight of "Bright inside" (2 of 36) past t hands
/// the lead to the family pit. With the others in proportion, the lead is
/// −0.6·t + (1 − t)·(0.4·2 + 0.1·5)/34, which is zero at t = 1.3/21.7 = 13/217.
#[test]
fn latrine_selection_lead_changes_at_an_exact_weight() {
    let model = load("latrine-selection-matrix-ranking.toml");
    let s = stability(&model, &model.weights, &Options::new(Method::Wsm)).unwrap();
    let json: Value = serde_json::to_value(&s).unwrap();
    let bright = json["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "bright_inside")
        .unwrap();
    assert_abs_diff_eq!(
        bright["winner_interval"][1].as_f64().unwrap(),
        13.0 / 217.0,
        epsilon = 1e-12
    );
    assert_eq!(json["critical"]["criterion"], "bright_inside");
    assert_eq!(json["critical"]["new_winner"], "ordinary-family-pit");
}

/// `--explain` names where each side of the one-point lead is ahead, each with its own value
/// first.
#[test]
fn latrine_selection_explains_the_narrow_lead() {
    let out = Command::new(env!("CARGO_BIN_EXE_pmatrix"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "rank",
            "policies/latrine-selection-matrix-ranking.toml",
            "--explain",
            "--format",
            "markdown",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains(
            "It gains most on Lack of smells (8 against 4) and Prevents disease (7 against 6)."
        ),
        "{text}"
    );
    assert!(
        text.contains("Ordinary family pit does better on Bright inside (8 against 2)."),
        "{text}"
    );
}

/// The model's ranking with `method`, under its own weights or the named profile.
fn ranking(model: &Model, method: Method, profile: Option<&str>) -> Ranking {
    let weights: &Weights = match profile {
        None => &model.weights,
        Some(name) => {
            &model
                .profiles
                .iter()
                .find(|p| p.name == name)
                .unwrap_or_else(|| panic!("no profile {name}"))
                .weights
        }
    };
    rank(model, weights, profile, &Options::new(method)).unwrap()
}

/// The value of `pick` for every alternative, in the model's order (a1, a2, ...).
fn by_model_order(model: &Model, r: &Ranking, pick: impl Fn(&AltDetails, f64) -> f64) -> Vec<f64> {
    model
        .alternatives
        .iter()
        .map(|alt| {
            let a = r.alternatives.iter().find(|a| a.id == alt.id).unwrap();
            pick(&a.details, a.score)
        })
        .collect()
}

fn assert_all_close(what: &str, got: &[f64], want: &[f64], epsilon: f64) {
    assert_eq!(got.len(), want.len(), "{what}");
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        assert!(
            (g - w).abs() <= epsilon,
            "{what}[{i}]: got {g}, expected {w} (within {epsilon})"
        );
    }
}

fn ids(r: &Ranking) -> Vec<&str> {
    r.alternatives.iter().map(|a| a.id.as_str()).collect()
}

/// Opricovic & Tzeng (2007), the decision matrix of the numerical example.
const RESERVOIR: [[f64; 8]; 6] = [
    [4184.3, 2914.0, 407.2, 251.0, 195.0, 244.0, 15.0, 2.41],
    [5211.9, 3630.0, 501.7, 308.3, 282.0, 346.0, 21.0, 1.41],
    [5021.3, 3920.5, 504.0, 278.6, 12.0, 56.0, 3.0, 4.42],
    [5566.1, 3957.9, 559.5, 335.3, 167.0, 268.0, 16.0, 3.36],
    [5060.5, 3293.5, 514.1, 284.2, 69.0, 90.0, 7.0, 4.04],
    [4317.9, 2925.9, 432.8, 239.3, 12.0, 55.0, 3.0, 4.36],
];
const RESERVOIR_BENEFIT: [bool; 8] = [true, false, true, true, false, false, false, true];

/// S, R and Q written out from Opricovic & Tzeng's formulas (v = 1/2), independently of the
/// engine: with f* the best and f- the worst value of criterion j,
/// S_i = sum_j w_j (f*_j - f_ij)/(f*_j - f-_j), R_i = max_j of the same terms,
/// Q_i = (S_i - S*)/(2 (S- - S*)) + (R_i - R*)/(2 (R- - R*)).
fn reservoir_vikor(raw: [f64; 8]) -> [Vec<f64>; 3] {
    let total: f64 = raw.iter().sum();
    let w: Vec<f64> = raw.iter().map(|x| x / total).collect();
    let mut s = vec![0.0; 6];
    let mut r = vec![0.0_f64; 6];
    for j in 0..8 {
        let col: Vec<f64> = RESERVOIR.iter().map(|row| row[j]).collect();
        let (lo, hi) = col
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &x| {
                (a.min(x), b.max(x))
            });
        let (best, worst) = if RESERVOIR_BENEFIT[j] {
            (hi, lo)
        } else {
            (lo, hi)
        };
        for i in 0..6 {
            let term = w[j] * (best - col[i]) / (best - worst);
            s[i] += term;
            r[i] = r[i].max(term);
        }
    }
    let span = |x: &[f64]| {
        let lo = x.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = x.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        (lo, hi - lo)
    };
    let ((s_lo, s_span), (r_lo, r_span)) = (span(&s), span(&r));
    let q = (0..6)
        .map(|i| 0.5 * (s[i] - s_lo) / s_span + 0.5 * (r[i] - r_lo) / r_span)
        .collect();
    [s, r, q]
}

/// A published weight set: its profile, raw weights, printed S, R and Q, whether the advantage is
/// acceptable, and the compromise set.
type WeightSet = (
    &'static str,
    [f64; 8],
    [[f64; 6]; 3],
    bool,
    &'static [&'static str],
);

/// Opricovic & Tzeng (2007), numerical example: S, R and Q for the four weight sets W1-W4
/// (v = 0.5), printed to three decimals, the acceptable advantage and the compromise set. The
/// model's profiles w1-w4 are the four sets; its own weights are W1.
#[test]
fn reservoir_planning_reproduces_the_four_weight_sets() {
    let model = load("reservoir-planning-vikor.toml");
    assert_eq!(model.method, Some(Method::Vikor));
    #[rustfmt::skip]
    let published: [WeightSet; 4] = [
        ("w1", [1.0; 8],
         [[0.692, 0.700, 0.290, 0.423, 0.280, 0.346],
          [0.125, 0.125, 0.121, 0.125, 0.067, 0.125],
          [0.991, 1.0, 0.473, 0.670, 0.0, 0.578]], true, &["a5"]),
        ("w2", [2.0, 2.0, 2.0, 2.0, 1.0, 1.0, 1.0, 1.0],
         [[0.701, 0.600, 0.386, 0.365, 0.317, 0.459],
          [0.167, 0.114, 0.161, 0.167, 0.089, 0.167],
          [1.0, 0.533, 0.552, 0.563, 0.0, 0.686]], true, &["a5"]),
        ("w3", [1.0, 1.0, 1.0, 1.0, 2.0, 2.0, 2.0, 2.0],
         [[0.683, 0.800, 0.193, 0.480, 0.243, 0.232],
          [0.113, 0.167, 0.080, 0.122, 0.044, 0.083],
          [0.684, 1.0, 0.147, 0.554, 0.041, 0.191]], false, &["a5", "a3", "a6"]),
        ("w4", [1.0, 1.0, 1.0, 1.0, 3.2, 3.2, 3.2, 3.2],
         [[0.678, 0.857, 0.138, 0.513, 0.222, 0.167],
          [0.129, 0.190, 0.057, 0.139, 0.042, 0.060],
          [0.668, 1.0, 0.051, 0.588, 0.058, 0.078]], false, &["a3", "a5", "a6"]),
    ];
    for (profile, raw, [s, r, q], advantage, set) in published {
        let got = ranking(&model, Method::Vikor, Some(profile));
        let pick = |k: usize| {
            by_model_order(&model, &got, |d, _| match d {
                AltDetails::Vikor { s, r, q } => [*s, *r, *q][k],
                other => panic!("not VIKOR details: {other:?}"),
            })
        };
        let [exact_s, exact_r, exact_q] = reservoir_vikor(raw);
        for (k, (name, printed, exact)) in [("S", s, exact_s), ("R", r, exact_r), ("Q", q, exact_q)]
            .into_iter()
            .enumerate()
        {
            let values = pick(k);
            assert_all_close(
                &format!("{profile} {name} (printed)"),
                &values,
                &printed,
                5e-4,
            );
            assert_all_close(&format!("{profile} {name} (exact)"), &values, &exact, 1e-9);
        }
        let c = got.vikor.as_ref().unwrap();
        assert_abs_diff_eq!(c.dq, 0.2, epsilon = 1e-15);
        assert_eq!(c.acceptable_advantage, advantage, "{profile}");
        assert_eq!(c.compromise_set, set, "{profile}");
    }
    // The model's own weights are W1.
    let own = ranking(&model, Method::Vikor, None);
    let w1 = ranking(&model, Method::Vikor, Some("w1"));
    assert_eq!(ids(&own), ids(&w1));
    assert_all_close(
        "own weights = w1",
        &by_model_order(&model, &own, |_, q| q),
        &by_model_order(&model, &w1, |_, q| q),
        1e-15,
    );
}

/// The 1985 preference functions in their own notation, for the power-plant example:
/// f1 type II (l = 10), f2 type III (m = 30), f3 type V (s = 5, r = 45), f4 type IV (q = 1,
/// p = 5), f5 type I, f6 type VI (sigma = 5); d is the difference in the criterion's
/// direction.
fn power_plant_preference(j: usize, d: f64) -> f64 {
    if d <= 0.0 {
        return 0.0;
    }
    match j {
        0 => f64::from(u8::from(d > 10.0)),
        1 => (d / 30.0).min(1.0),
        2 => ((d - 5.0) / 45.0).clamp(0.0, 1.0),
        3 => {
            if d <= 1.0 {
                0.0
            } else if d <= 1.0 + 5.0 {
                0.5
            } else {
                1.0
            }
        }
        4 => 1.0,
        5 => 1.0 - (-d * d / (2.0 * 25.0)).exp(),
        _ => unreachable!(),
    }
}

/// Brans, Vincke & Mareschal (1986): the published preference indices pi(a, b) (3 decimals),
/// the flows as sums over the other sites (added from the rounded indices, so within 0.003),
/// and the PROMETHEE II ranking A5 > A2 > A4 > A6 > A3 > A1. pmatrix's flows are the sums
/// divided by n - 1 = 5; against the 1985 functions written out above they agree to 1e-9,
/// which also checks the model's translation of the thresholds into q/p/s.
#[test]
fn power_plant_location_reproduces_the_promethee_example() {
    let model = load("power-plant-location-promethee.toml");
    assert_eq!(model.method, Some(Method::Promethee));
    #[rustfmt::skip]
    let published_pi = [
        [0.0, 0.296, 0.250, 0.269, 0.100, 0.185],
        [0.463, 0.0, 0.389, 0.333, 0.296, 0.500],
        [0.235, 0.180, 0.0, 0.333, 0.056, 0.429],
        [0.399, 0.506, 0.305, 0.0, 0.224, 0.212],
        [0.444, 0.515, 0.487, 0.380, 0.0, 0.448],
        [0.287, 0.399, 0.250, 0.431, 0.133, 0.0],
    ];
    let x = model.scores.mid();
    let sign: Vec<f64> = model.criteria.iter().map(|c| c.direction.sign()).collect();
    let mut pi = [[0.0; 6]; 6];
    for (a, row) in pi.iter_mut().enumerate() {
        for (b, cell) in row.iter_mut().enumerate() {
            *cell = (0..6)
                .map(|j| power_plant_preference(j, sign[j] * (x[(a, j)] - x[(b, j)])) / 6.0)
                .sum();
        }
        assert_all_close(&format!("pi(A{}, .)", a + 1), row, &published_pi[a], 5e-4);
    }
    // The model's own preference functions give the same indices.
    for a in 0..6 {
        for b in 0..6 {
            let own: f64 = (0..6)
                .map(|j| {
                    model.criteria[j]
                        .preference
                        .degree(sign[j] * (x[(a, j)] - x[(b, j)]))
                        / 6.0
                })
                .sum();
            assert_abs_diff_eq!(own, pi[a][b], epsilon = 1e-12);
        }
    }
    let exact_plus: Vec<f64> = (0..6).map(|a| pi[a].iter().sum()).collect();
    let exact_minus: Vec<f64> = (0..6).map(|b| (0..6).map(|a| pi[a][b]).sum()).collect();

    let got = ranking(&model, Method::Promethee, None);
    assert_eq!(ids(&got), ["a5", "a2", "a4", "a6", "a3", "a1"]);
    let flow = |k: usize| {
        by_model_order(&model, &got, |d, _| match d {
            AltDetails::Promethee {
                phi_plus,
                phi_minus,
                phi,
            } => [*phi_plus, *phi_minus, *phi][k] * 5.0,
            other => panic!("not PROMETHEE details: {other:?}"),
        })
    };
    let (plus, minus) = (flow(0), flow(1));
    assert_all_close("phi+ (exact)", &plus, &exact_plus, 1e-9);
    assert_all_close("phi- (exact)", &minus, &exact_minus, 1e-9);
    assert_all_close(
        "phi+ (printed)",
        &plus,
        &[1.099, 1.980, 1.234, 1.644, 2.274, 1.500],
        3e-3,
    );
    assert_all_close(
        "phi- (printed)",
        &minus,
        &[1.827, 1.895, 1.681, 1.746, 0.808, 1.774],
        3e-3,
    );
}

/// Read naively (type V as linear q = 5, p = 45; type IV as level q = 1, p = 5), the 1985
/// thresholds change 12 of the 30 published indices: the translation in the model matters.
#[test]
fn power_plant_thresholds_read_naively_miss_twelve_indices() {
    use pmatrix::model::Preference;
    let model = load("power-plant-location-promethee.toml");
    let x = model.scores.mid();
    let sign: Vec<f64> = model.criteria.iter().map(|c| c.direction.sign()).collect();
    let mut naive: Vec<Preference> = model.criteria.iter().map(|c| c.preference).collect();
    naive[2] = Preference::Linear { q: 5.0, p: 45.0 };
    naive[3] = Preference::Level { q: 1.0, p: 5.0 };
    let own: Vec<Preference> = model.criteria.iter().map(|c| c.preference).collect();
    let mut wrong = 0;
    for a in 0..6 {
        for b in (0..6).filter(|&b| b != a) {
            let d = |j: usize| sign[j] * (x[(a, j)] - x[(b, j)]);
            let index =
                |prefs: &[Preference]| -> f64 { (0..6).map(|j| prefs[j].degree(d(j)) / 6.0).sum() };
            let exact: f64 = (0..6).map(|j| power_plant_preference(j, d(j)) / 6.0).sum();
            assert_abs_diff_eq!(index(&own), exact, epsilon = 1e-12);
            if (index(&naive) - exact).abs() > 5e-4 {
                wrong += 1;
            }
        }
    }
    assert_eq!(wrong, 12);
}

/// Penn State MANGT 510, lesson 2.5.2: totals 11, 15, 15 and 12 ("Projects Beta and Gamma tie
/// as the most attractive choices"). Ratings 1-3 normalise to (r - 1)/2 and the weights 1, 2, 3
/// to sixths, so pmatrix's score is (total - 6)/12, and the tie is a shared first rank.
#[test]
fn project_selection_reproduces_the_tie() {
    let model = load("project-selection-scoring-tie.toml");
    let got = ranking(&model, Method::Wsm, None);
    let rows: Vec<(&str, usize, f64)> = got
        .alternatives
        .iter()
        .map(|a| (a.id.as_str(), a.rank, a.score))
        .collect();
    let expected = [
        ("beta", 1, 15.0),
        ("gamma", 1, 15.0),
        ("delta", 3, 12.0),
        ("alpha", 4, 11.0),
    ];
    assert_eq!(rows.len(), expected.len());
    for ((id, rank, score), (want_id, want_rank, total)) in rows.into_iter().zip(expected) {
        assert_eq!((id, rank), (want_id, want_rank));
        assert_abs_diff_eq!(score, (total - 6.0) / 12.0, epsilon = 1e-12);
    }
}

/// Any change of weight breaks the tie. Moving the cost weight t (the others in proportion
/// 2 : 3), Beta - Gamma = 0.5·0.6(1 - t) - 0.5·t - 0.5·0.4(1 - t) = 0.1 - 0.6 t, zero at the
/// current t = 1/6: more weight on cost or profit favours Gamma, more on safety Beta.
#[test]
fn project_selection_tie_breaks_at_the_current_weights() {
    let model = load("project-selection-scoring-tie.toml");
    let s = stability(&model, &model.weights, &Options::new(Method::Wsm)).unwrap();
    let json: Value = serde_json::to_value(&s).unwrap();
    let criterion = |id: &str| {
        json["criteria"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .unwrap()
            .clone()
    };
    let interval = |id: &str| {
        let c = criterion(id);
        [
            c["winner_interval"][0].as_f64().unwrap(),
            c["winner_interval"][1].as_f64().unwrap(),
        ]
    };
    assert_all_close("cost", &interval("cost"), &[0.0, 1.0 / 6.0], 1e-12);
    assert_all_close("profit", &interval("profit"), &[0.0, 1.0 / 3.0], 1e-12);
    assert_all_close("safety", &interval("safety"), &[0.5, 1.0], 1e-12);
    assert_eq!(criterion("cost")["winner_above"], "gamma");
    assert_eq!(criterion("safety")["winner_below"], "gamma");
    assert_eq!(json["critical"]["new_winner"], "gamma");
    // One point moved from profit to safety (weights 1, 1, 4) puts Beta alone in front:
    // totals 1·2 + 1·2 + 4·3 = 16 against 3 + 3 + 8 = 14.
    let w = Weights::normalized(&[1.0, 1.0, 4.0]).unwrap();
    let r = rank(&model, &w, None, &Options::new(Method::Wsm)).unwrap();
    assert_eq!(ids(&r)[..2], ["beta", "gamma"]);
    assert_eq!((r.alternatives[0].rank, r.alternatives[1].rank), (1, 2));
}

/// Hwang & Yoon (1981), pp. 133-134: relative closeness 0.643, 0.268, 0.613 and 0.312
/// (A1 > A3 > A4 > A2), computed in the book from a rounded normalised matrix with small slips:
/// three agree to 5e-4, and A3's 0.613 is 0.00054 below the exact 0.61354 (which rounds to
/// 0.614), so the printed values are checked within 6e-4; against
/// TOPSIS written out here from the book's formulas (vector normalisation, weighted, ideal and
/// anti-ideal per column, Euclidean distances) within 1e-9.
#[test]
fn fighter_aircraft_reproduces_the_topsis_closeness() {
    let model = load("fighter-aircraft-topsis.toml");
    assert_eq!(model.method, Some(Method::Topsis));
    let x = [
        [2.0, 1500.0, 20000.0, 5.5, 5.0, 9.0],
        [2.5, 2700.0, 18000.0, 6.5, 3.0, 5.0],
        [1.8, 2000.0, 21000.0, 4.5, 7.0, 7.0],
        [2.2, 1800.0, 20000.0, 5.0, 5.0, 5.0],
    ];
    let w = [0.2, 0.1, 0.1, 0.1, 0.2, 0.3];
    let benefit = [true, true, true, false, true, true];
    let mut v = [[0.0; 6]; 4];
    for j in 0..6 {
        let norm = x.iter().map(|r| r[j] * r[j]).sum::<f64>().sqrt();
        for i in 0..4 {
            v[i][j] = w[j] * x[i][j] / norm;
        }
    }
    let (mut ideal, mut anti) = ([0.0; 6], [0.0; 6]);
    for j in 0..6 {
        let col = v.iter().map(|r| r[j]);
        let (lo, hi) = col.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), c| {
            (a.min(c), b.max(c))
        });
        (ideal[j], anti[j]) = if benefit[j] { (hi, lo) } else { (lo, hi) };
    }
    let dist = |r: &[f64; 6], t: &[f64; 6]| {
        r.iter()
            .zip(t)
            .map(|(a, b)| (a - b) * (a - b))
            .sum::<f64>()
            .sqrt()
    };
    let exact: Vec<f64> = v
        .iter()
        .map(|r| dist(r, &anti) / (dist(r, &ideal) + dist(r, &anti)))
        .collect();

    let got = ranking(&model, Method::Topsis, None);
    assert_eq!(ids(&got), ["a1", "a3", "a4", "a2"]);
    let closeness = by_model_order(&model, &got, |_, c| c);
    assert_all_close(
        "C (printed)",
        &closeness,
        &[0.643, 0.268, 0.613, 0.312],
        6e-4,
    );
    assert_all_close("C (exact)", &closeness, &exact, 1e-9);
    assert_all_close(
        "C (four decimals)",
        &closeness,
        &[0.6433, 0.2684, 0.6135, 0.3123],
        5e-5,
    );
}

/// The weighted sum and product example: WSM totals 21.50, 22.00 and 22.00 (A2 and A3 tie),
/// WPM ratios P(A1/A2) = 1.007, P(A1/A3) = 1.067, P(A2/A3) = 1.059 (three decimals). With the
/// common range [0, 100], pmatrix's WSM score is the total over 100 and the ratio of two WPM
/// scores is the published P exactly, here checked against prod (a_K/a_L)^w to 1e-12.
#[test]
fn weighted_sum_and_product_example_reproduce_totals_and_ratios() {
    let model = load("weighted-sum-textbook-example.toml");
    let wsm = ranking(&model, Method::Wsm, None);
    let rows: Vec<(&str, usize)> = wsm
        .alternatives
        .iter()
        .map(|a| (a.id.as_str(), a.rank))
        .collect();
    assert_eq!(rows, [("a2", 1), ("a3", 1), ("a1", 3)]);
    assert_all_close(
        "WSM totals",
        &by_model_order(&model, &wsm, |_, s| s * 100.0),
        &[21.5, 22.0, 22.0],
        1e-12,
    );

    let wpm = ranking(&model, Method::Wpm, None);
    assert_eq!(ids(&wpm), ["a1", "a2", "a3"]);
    let p = by_model_order(&model, &wpm, |_, s| s);
    let a: [[f64; 4]; 3] = [
        [25.0, 20.0, 15.0, 30.0],
        [10.0, 30.0, 20.0, 30.0],
        [30.0, 10.0, 30.0, 10.0],
    ];
    let w = [0.20, 0.15, 0.40, 0.25];
    let ratio =
        |k: usize, l: usize| -> f64 { (0..4).map(|j| (a[k][j] / a[l][j]).powf(w[j])).product() };
    for (k, l, printed) in [(0, 1, 1.007), (0, 2, 1.067), (1, 2, 1.059)] {
        assert_abs_diff_eq!(p[k] / p[l], ratio(k, l), epsilon = 1e-12);
        assert_abs_diff_eq!(p[k] / p[l], printed, epsilon = 5e-4);
    }
}

/// Ray (2001), direct matrix ranking of tree species: totals 16, 14, 11 and 9 (ranks I-IV: neem,
/// mango, eucalyptus, acacia). Scores 1-4 normalise to (x - 1)/3 and the five equal weights to
/// 1/5, so pmatrix's scores are (total - 5)/15.
#[test]
fn tree_species_reproduces_the_matrix_ranking() {
    let model = load("tree-species-matrix-ranking.toml");
    for (id, score) in weighted_sum(&model) {
        let total = match id.as_str() {
            "neem" => 16.0,
            "mango" => 14.0,
            "eucalyptus" => 11.0,
            "acacia" => 9.0,
            other => panic!("unexpected alternative {other}"),
        };
        assert_abs_diff_eq!(score, (total - 5.0) / 15.0, epsilon = 1e-12);
    }
    let order: Vec<String> = weighted_sum(&model).into_iter().map(|(id, _)| id).collect();
    assert_eq!(order, ["neem", "mango", "eucalyptus", "acacia"]);
}

/// Neem's lead rests on the equal weights: with fuel wood at t and the other four at
/// (1 - t)/4, neem leads mango by -t + (1 - t)·5/12, zero at t = 5/17 ≈ 29.4%.
#[test]
fn tree_species_lead_holds_up_to_an_exact_fuel_wood_weight() {
    let model = load("tree-species-matrix-ranking.toml");
    let s = stability(&model, &model.weights, &Options::new(Method::Wsm)).unwrap();
    let json: Value = serde_json::to_value(&s).unwrap();
    assert_eq!(json["critical"]["criterion"], "fuel_wood");
    assert_eq!(json["critical"]["new_winner"], "mango");
    assert_abs_diff_eq!(
        json["critical"]["weight"].as_f64().unwrap(),
        5.0 / 17.0,
        epsilon = 1e-12
    );
}

/// `pmatrix init --template NAME` for every template: the file it writes passes `check` and
/// ranks, with every profile; a second `init` to the same path is refused and leaves the file.
#[test]
fn every_init_template_passes_check_and_ranks() {
    let pmatrix = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_pmatrix"))
            .args(args)
            .output()
            .unwrap()
    };
    let dir = tempfile::tempdir().unwrap();
    for name in ["starter", "blank", "qualitative", "numeric", "workshop"] {
        let path = dir.path().join(format!("{name}.toml"));
        let path = path.to_str().unwrap();
        let out = pmatrix(&["init", "--template", name, path]);
        assert!(out.status.success(), "{name}: {out:?}");
        for args in [
            vec!["check", path],
            vec!["rank", path, "--profile", "all"],
            vec!["rank", path, "--method", "all"],
        ] {
            // `--profile all` with no profiles is refused; the blank template has none.
            if name == "blank" && args.contains(&"--profile") {
                continue;
            }
            let out = pmatrix(&args);
            assert!(
                out.status.success(),
                "{name} {args:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        let written = std::fs::read(path).unwrap();
        let again = pmatrix(&["init", "--template", name, path]);
        assert_eq!(again.status.code(), Some(1), "{name}");
        assert_eq!(std::fs::read(path).unwrap(), written, "{name}");
    }
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 5);
}

/// An unknown template name is a usage error that lists the names; `list` writes no file.
#[test]
fn init_lists_its_templates() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("model.toml");
    let run = |template: &str| {
        Command::new(env!("CARGO_BIN_EXE_pmatrix"))
            .args(["init", "--template", template])
            .arg(&path)
            .output()
            .unwrap()
    };
    let out = run("wrkshop");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("[possible values: starter, blank, qualitative, numeric, workshop, list]"),
        "{stderr}"
    );
    let out = run("list");
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    for name in ["starter", "blank", "qualitative", "numeric", "workshop"] {
        assert!(stdout.contains(&format!("\n  {name} ")), "{stdout}");
    }
    assert!(!path.exists());
}

/// The classroom walkthrough in the README shows real output of the workshop template: its
/// tables are what pmatrix prints today.
#[test]
fn classroom_walkthrough_matches_the_workshop_template() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("class.toml");
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_pmatrix"))
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}: {out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    let p = path.to_str().unwrap();
    let init = run(&["init", "--template", "workshop", p]).replace(p, "class.toml");
    let outputs = [
        run(&["rank", p]),
        run(&[
            "rank",
            p,
            "--weights",
            "safety=10,cost=40,support=40,speed=10",
        ]),
        run(&["rank", p, "--profile", "all", "--format", "markdown"]),
        run(&["rank", p, "--profile", "dara", "--explain"]),
        run(&["stability", p]),
        run(&["smaa", p, "--seed", "1"]),
    ];
    let section = &readme[readme.find("## In the classroom").unwrap()..];
    let section = &section[..section[3..].find("\n## ").unwrap()];
    // Every table row and every line of prose output quoted in the section comes from one of
    // the runs (lines of the TOML excerpt and of the surrounding text are skipped).
    let quoted: Vec<&str> = section
        .lines()
        .filter(|l| {
            l.starts_with('│')
                || ["| School streets", "| 20 mph", "| Road-safety", "| Raised"]
                    .iter()
                    .any(|row| l.starts_with(row))
        })
        .chain(
            section
                .lines()
                .filter(|l| l.starts_with("The weight sets disagree")),
        )
        .collect();
    assert!(quoted.len() >= 30, "{}", quoted.len());
    for line in init.lines() {
        assert!(
            section.lines().any(|l| l == line),
            "init's output not in the README: {line}"
        );
    }
    for line in quoted {
        assert!(
            outputs.iter().any(|o| o.lines().any(|l| l == line)),
            "README line not in the output: {line}"
        );
    }
}

/// The classroom walkthrough in the README runs on the files in `policies/classroom/`: the
/// model is what the workshop template writes, and every line of output the section quotes
/// is a line pmatrix prints for those files today.
#[test]
fn classroom_walkthrough_matches_the_classroom_folder() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_pmatrix"))
            .current_dir(root)
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}: {out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    // The folder's model is the template's, unchanged.
    let dir = tempfile::tempdir().unwrap();
    let fresh = dir.path().join("class.toml");
    run(&["init", "--template", "workshop", fresh.to_str().unwrap()]);
    assert_eq!(
        std::fs::read_to_string(&fresh).unwrap(),
        std::fs::read_to_string(root.join("policies/classroom/class.toml")).unwrap(),
        "policies/classroom/class.toml is no longer what `init --template workshop` writes"
    );
    let (class, people, revised) = (
        "policies/classroom/class.toml",
        "policies/classroom/participants.csv",
        "policies/classroom/class-revised.toml",
    );
    let council = "safety=19.3,cost=41.4,support=27.9,speed=11.4";
    let outputs = [
        run(&["group", class, people]),
        run(&["rank", class, "--weights", council]),
        run(&["diff", class, revised]),
        run(&["rank", revised, "--weights", council]),
    ];
    let start = readme.find("## Classroom walkthrough").unwrap();
    let section = &readme[start..];
    let section = &section[..section[3..].find("\n## ").unwrap() + 3];
    // Every line of every ```text block (but the `$ command` lines) is printed by a run.
    let mut quoted = 0;
    let mut block: Option<&str> = None;
    for line in section.lines() {
        match (block, line.strip_prefix("```")) {
            (None, Some(kind)) => block = Some(kind),
            (Some(_), Some("")) => block = None,
            (Some("text"), None) if !line.starts_with("$ ") && !line.is_empty() => {
                assert!(
                    outputs.iter().any(|o| o.lines().any(|l| l == line)),
                    "README line not in the output: {line}"
                );
                quoted += 1;
            }
            (Some("csv"), None) => {
                let file = std::fs::read_to_string(root.join(people)).unwrap();
                assert!(file.lines().any(|l| l == line), "not in {people}: {line}");
            }
            _ => {}
        }
    }
    assert!(quoted >= 35, "{quoted}");
    // The counts the prose gives: 5, 7, 8 and 0 first places; a quarter of the class.
    let json: serde_json::Value =
        serde_json::from_str(&run(&["group", class, people, "--format", "json"])).unwrap();
    let first = |id: &str| {
        json["alternatives"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == id)
            .unwrap()["first"]
            .as_u64()
            .unwrap()
    };
    assert_eq!(
        [
            first("school-streets"),
            first("zone-20"),
            first("campaign"),
            first("crossings")
        ],
        [5, 7, 8, 0]
    );
    assert_eq!(json["participants"], 20);
    assert_eq!(json["ranking"][0], "school-streets");
    // The `[participants.amira]` example is a valid table for the model.
    let start = section.find("```toml\n").unwrap() + 8;
    let table = &section[start..start + section[start..].find("```").unwrap()];
    let text = std::fs::read_to_string(root.join(class)).unwrap() + "\n" + table;
    let model = pmatrix::model::parse(Path::new("class.toml"), &text).unwrap();
    let inline = pmatrix::participants::from_model(&model).unwrap().unwrap();
    assert_eq!(inline.list[0].id, "amira");
    assert_eq!(inline.list[0].weights.as_slice(), [0.5, 0.1, 0.2, 0.2]);
}
