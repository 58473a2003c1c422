//! Value functions: scores read off piecewise-linear functions under `scale` normalisation,
//! derived by hand; stability stays exact; other normalisations ignore the function; every bad
//! point list is refused at its place.
//!
//! `tests/fixtures/tree/value-function.toml` (no published example with printed totals was at
//! hand, so the numbers are derived here): weights 2 : 1 : 1, so 1/2, 1/4, 1/4.
//!
//! ```text
//! reduction   v = [[0, 0], [20, 0.8], [100, 1]]     (the first 20% matters most)
//! temperature v = [[15, 0], [21, 1], [30, 0]]       (a peak at 21 °C)
//! cost        range [0, 10], less is better          (10 − x)/10
//!
//!             reduction        temperature              cost      WSM
//! insulate    10 → 0.4         18 → 3/6 = 0.5           4 → 0.6   0.2 + 0.125 + 0.15 = 0.475
//! heat-pump   60 → 0.8 + 0.2·40/80 = 0.9
//!                              24 → 1 − 3/9 = 2/3       8 → 0.2   0.45 + 1/6 + 0.05 = 2/3
//! hybrid      20 → 0.8         21 → 1                   6 → 0.4   0.4 + 0.25 + 0.1 = 0.75
//! ```

mod common;

use common::{assert_refused_at, pmatrix};
use pmatrix::methods::{Method, Options};
use pmatrix::normalize::Normalization;

const MODEL: &str = "tests/fixtures/tree/value-function.toml";
const INVALID: &str = "tests/fixtures/tree/invalid";

fn model() -> pmatrix::model::Model {
    pmatrix::model::load(MODEL.as_ref()).unwrap()
}

fn score(r: &pmatrix::rank::Ranking, id: &str) -> f64 {
    r.alternatives.iter().find(|a| a.id == id).unwrap().score
}

#[test]
fn wsm_reads_the_values_off_the_functions() {
    let m = model();
    let r = pmatrix::rank::rank(&m, &m.weights, None, &Options::new(Method::Wsm)).unwrap();
    let ids: Vec<&str> = r.alternatives.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["hybrid", "heat-pump", "insulate"]);
    assert!((score(&r, "hybrid") - 0.75).abs() < 1e-12);
    assert!((score(&r, "heat-pump") - 2.0 / 3.0).abs() < 1e-12);
    assert!((score(&r, "insulate") - 0.475).abs() < 1e-12);
    // The function's ends are the criterion's range.
    assert_eq!(m.criteria[0].range, Some((0.0, 100.0)));
    assert_eq!(m.criteria[1].range, Some((15.0, 30.0)));
}

/// The emissions weight `t`, temperature and cost sharing `1 − t` equally:
/// hybrid 0.8 t + (1 − t)(1 + 0.4)/2 = 0.7 + 0.1 t; heat-pump 0.9 t + (1 − t)(2/3 + 0.2)/2 =
/// 13/30 + (14/30) t. They cross where 0.7 − 13/30 = (14/30 − 0.1) t, i.e. 8/30 = (11/30) t,
/// t = 8/11; insulate 0.4 t + 0.55 (1 − t) stays below hybrid for every t. So hybrid stays
/// first for the emissions weight in [0, 8/11], heat-pump above.
#[test]
fn stability_stays_exact() {
    let m = model();
    let s = pmatrix::sensitivity::stability(&m, &m.weights, &Options::new(Method::Wsm)).unwrap();
    let c = &s.criteria[0];
    assert_eq!(c.id, "reduction");
    assert!(c.winner_interval[0].abs() < 1e-12);
    assert!((c.winner_interval[1] - 8.0 / 11.0).abs() < 1e-12);
    assert_eq!(c.winner_above.as_deref(), Some("heat-pump"));
}

/// Other normalisations work on the scores themselves, with `direction`: the model ranks under
/// minmax exactly as the same model with `range` for `value`.
#[test]
fn other_normalisations_ignore_the_function() {
    let text = std::fs::read_to_string(MODEL).unwrap();
    let plain = text
        .replace("value = [[0, 0], [20, 0.8], [100, 1]]", "range = [0, 100]")
        .replace("value = [[15, 0], [21, 1], [30, 0]]", "range = [15, 30]");
    let p = pmatrix::model::parse("plain.toml".as_ref(), &plain).unwrap();
    let m = model();
    for method in [
        Method::Wsm,
        Method::Topsis,
        Method::Vikor,
        Method::Promethee,
    ] {
        let mut o = Options::new(method);
        if method.default_normalization().is_some() {
            o.normalization = Some(Normalization::Minmax);
        }
        let a = pmatrix::rank::rank(&m, &m.weights, None, &o).unwrap();
        let b = pmatrix::rank::rank(&p, &p.weights, None, &o).unwrap();
        for (x, y) in a.alternatives.iter().zip(&b.alternatives) {
            assert_eq!(
                (&x.id, x.score.to_bits()),
                (&y.id, y.score.to_bits()),
                "{method}"
            );
        }
    }
    // Under `scale` they differ: the plain model is linear in the scores.
    let o = Options::new(Method::Wsm);
    let a = pmatrix::rank::rank(&m, &m.weights, None, &o).unwrap();
    let b = pmatrix::rank::rank(&p, &p.weights, None, &o).unwrap();
    assert!((score(&a, "hybrid") - score(&b, "hybrid")).abs() > 0.1);
}

/// An uncertain score on a value function is drawn uniformly in its interval and then valued:
/// insulate's emissions cut in [0, 40] beats hybrid's 20 (value 0.8) exactly when it is above
/// 20, half the time. Valuing the ends and drawing between them would give
/// P(v > 0.8) = (0.825 − 0.8)/0.825 ≈ 3%.
#[test]
fn smaa_values_each_draw() {
    let text = std::fs::read_to_string(MODEL)
        .unwrap()
        .replace(
            "reduction = 10, temperature = 18, cost = 4",
            "reduction = [0, 40], temperature = 21, cost = 6",
        )
        .replace(
            "reduction = 60, temperature = 24, cost = 8",
            "reduction = 0, temperature = 15, cost = 10",
        );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.toml");
    std::fs::write(&path, text).unwrap();
    let out = pmatrix(&[
        "smaa",
        path.to_str().unwrap(),
        "--samples",
        "20000",
        "--seed",
        "3",
        "--format",
        "json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let a = &v["alternatives"][0];
    assert_eq!(a["id"], "insulate");
    let b1 = a["rank_acceptability"][0].as_f64().unwrap();
    let se = (0.25f64 / 20000.0).sqrt();
    assert!((b1 - 0.5).abs() < 4.0 * se, "{b1}");
}

#[test]
fn the_model_table_shows_the_function() {
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("r.html");
    let out = pmatrix(&["report", MODEL, "-o", html.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains("valued through (0, 0), (20, 0.8), (100, 1)"));
}

#[test]
fn every_bad_point_list_is_refused_at_its_place() {
    let cases: &[(&str, usize, usize, &str)] = &[
        ("value-too-few", 8, 9, "has 1 point; it needs at least 2"),
        (
            "value-not-a-point",
            8,
            18,
            "has 3 numbers; a point is [x, v]",
        ),
        (
            "value-x-not-increasing",
            8,
            30,
            "do not increase: 20 then 20",
        ),
        ("value-outside-unit", 8, 23, "the value 1.8"),
        ("value-no-ends", 8, 9, "run from 0.2 to 1, not from 0 to 1"),
        (
            "value-direction",
            7,
            13,
            "only rises, but its direction is \"cost\"",
        ),
        ("value-with-range", 9, 9, "has both `value` and `range`"),
        ("value-nan", 8, 23, "NaN, which is not a finite number"),
        (
            "value-score-outside",
            28,
            42,
            "score 35 of `temperature` is outside",
        ),
        (
            "value-on-scale",
            12,
            9,
            "is on a scale, and `value` is for numeric",
        ),
    ];
    assert_refused_at(INVALID, cases);
}

const SWING: &str = "tests/fixtures/tree/swing.toml";

/// Swing points 100, 60, 30, 10 (sum 200) give 0.5, 0.3, 0.15, 0.05; each weight is printed
/// with the swing it covers: the scale's ends, the range reversed for a cost, the value
/// function's worst and best points, and the observed ends without a range.
#[test]
fn swing_weights_are_points_over_their_sum_with_their_swings() {
    let m = pmatrix::model::load(SWING.as_ref()).unwrap();
    let p = m.profile("ministry").unwrap();
    assert_eq!(p.weights.as_slice(), &[0.5, 0.3, 0.15, 0.05]);
    let pmatrix::weights::Origin::Swing { swings } = &p.origin else {
        panic!("{:?}", p.origin)
    };
    let ends: Vec<(&str, &str)> = swings
        .iter()
        .map(|s| (s.worst.as_str(), s.best.as_str()))
        .collect();
    assert_eq!(
        ends,
        [
            ("None", "High"),
            ("10", "2"),
            ("0", "100"),
            ("the worst observed", "the best observed")
        ]
    );
    let out = pmatrix(&["rank", SWING, "--profile", "ministry"]);
    let t = String::from_utf8(out.stdout).unwrap().replace('\n', " ");
    assert!(
        t.contains("Effectiveness 100 points (None → High) = 50%"),
        "{t}"
    );
    assert!(t.contains("Cost (million) 60 points (10 → 2) = 30%"), "{t}");
    // visits: 0.5·1 + 0.3·(10 − 6)/8 + 0.15·0.9 + 0.05·(12 − 3)/11 (delay by observed ends).
    let r =
        pmatrix::rank::rank(&m, &p.weights, Some("ministry"), &Options::new(Method::Wsm)).unwrap();
    let want = 0.5 + 0.3 * 0.5 + 0.15 * 0.9 + 0.05 * 9.0 / 11.0;
    assert!((score(&r, "visits") - want).abs() < 1e-12);
    let out = pmatrix(&["rank", SWING, "--profile", "ministry", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["swings"][1]["criterion"], "cost");
    assert_eq!(v["swings"][1]["points"], 60.0);
    assert_eq!(v["swings"][1]["worst"], "10");
    assert_eq!(v["swings"][1]["best"], "2");
    let out = pmatrix(&["rank", SWING, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v.get("swings").is_none());
}

#[test]
fn bad_swing_points_are_refused_at_their_place() {
    let cases: &[(&str, usize, usize, &str)] = &[
        (
            "swing-no-hundred",
            47,
            27,
            "the largest swing in profile `ministry` has 80 points",
        ),
        (
            "swing-above-hundred",
            47,
            39,
            "has 160 points; the most important swing has 100",
        ),
        ("swing-negative", 47, 66, "is -10; it must not be negative"),
        (
            "swing-missing",
            47,
            9,
            "gives no weight for criterion `delay`",
        ),
        ("swing-unknown", 47, 58, "unknown criterion `dealy`"),
        (
            "swing-and-weights",
            45,
            11,
            "it gives `weights` and `swing`",
        ),
    ];
    assert_refused_at(INVALID, cases);
}
