//! Properties every method must have, on random matrices.

use nalgebra::DMatrix;
use proptest::prelude::*;

use pmatrix::methods::{CriterionInfo, Details, Method, Options, evaluate};
use pmatrix::model::{Direction, Preference};
use pmatrix::normalize::{Column, Normalization};

/// A decision problem: matrix (values > 0, many ties), criteria and weights summing to 1.
#[derive(Debug, Clone)]
struct Problem {
    x: DMatrix<f64>,
    criteria: Vec<CriterionInfo>,
    raw_weights: Vec<f64>,
}

impl Problem {
    fn weights(&self) -> Vec<f64> {
        let total: f64 = self.raw_weights.iter().sum();
        self.raw_weights.iter().map(|w| w / total).collect()
    }
}

fn any_preference() -> impl Strategy<Value = Preference> {
    prop_oneof![
        Just(Preference::Usual),
        (0.0f64..5.0).prop_map(|q| Preference::UShape { q }),
        (0.5f64..20.0).prop_map(|p| Preference::VShape { p }),
        (0.0f64..5.0, 0.0f64..10.0).prop_map(|(q, d)| Preference::Level { q, p: q + d }),
        (0.0f64..5.0, 0.0f64..10.0).prop_map(|(q, d)| Preference::Linear { q, p: q + d }),
        (0.5f64..10.0).prop_map(|s| Preference::Gaussian { s }),
    ]
}

fn any_problem(min_rows: usize) -> impl Strategy<Value = Problem> {
    (min_rows..9usize, 1usize..5).prop_flat_map(|(n, m)| {
        let value = prop_oneof![(1u8..12).prop_map(f64::from), 1.0f64..100.0];
        (
            proptest::collection::vec(value, n * m),
            proptest::collection::vec(any::<bool>(), m),
            proptest::collection::vec(0.01f64..1.0, m),
            proptest::collection::vec(any_preference(), m),
        )
            .prop_map(move |(values, benefit, raw_weights, prefs)| Problem {
                x: DMatrix::from_row_slice(n, m, &values),
                criteria: benefit
                    .iter()
                    .zip(prefs)
                    .map(|(&b, preference)| CriterionInfo {
                        column: Column {
                            direction: if b {
                                Direction::Benefit
                            } else {
                                Direction::Cost
                            },
                            bounds: None,
                            value: None,
                        },
                        preference,
                    })
                    .collect(),
                raw_weights,
            })
    })
}

/// Every method; WSM, WPM and TOPSIS with `minmax`, `vector` and `sum` normalisation.
fn variants() -> Vec<Options> {
    let mut out = Vec::new();
    for method in Method::ALL {
        if method.default_normalization().is_some() {
            for n in [
                Normalization::Minmax,
                Normalization::Vector,
                Normalization::Sum,
            ] {
                let mut o = Options::new(method);
                o.normalization = Some(n);
                out.push(o);
            }
        } else {
            out.push(Options::new(method));
        }
    }
    out
}

fn scores(x: &DMatrix<f64>, c: &[CriterionInfo], w: &[f64], o: &Options) -> Vec<f64> {
    evaluate(x, c, w, o).unwrap().scores
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-12 || (a - b).abs() <= 1e-9 * a.abs().max(b.abs())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Multiplying every weight by c > 0 and normalising again changes no score.
    #[test]
    fn scaling_weights_changes_nothing(p in any_problem(1), c in 1e-3f64..1e3) {
        let scaled: Vec<f64> = p.raw_weights.iter().map(|w| w * c).collect();
        let total: f64 = scaled.iter().sum();
        let scaled: Vec<f64> = scaled.iter().map(|w| w / total).collect();
        for o in variants() {
            let a = scores(&p.x, &p.criteria, &p.weights(), &o);
            let b = scores(&p.x, &p.criteria, &scaled, &o);
            for (s, t) in a.iter().zip(&b) {
                prop_assert!(close(*s, *t), "{o:?}: {a:?} vs {b:?}");
            }
        }
    }

    /// Permuting the alternatives permutes the scores.
    #[test]
    fn permuting_alternatives_permutes_scores(
        p in any_problem(1),
        perm_seed in proptest::collection::vec(any::<u32>(), 9),
    ) {
        let n = p.x.nrows();
        let mut perm: Vec<usize> = (0..n).collect();
        perm.sort_by_key(|&i| (perm_seed[i], i));
        let permuted = DMatrix::from_fn(n, p.x.ncols(), |i, j| p.x[(perm[i], j)]);
        for o in variants() {
            let a = scores(&p.x, &p.criteria, &p.weights(), &o);
            let b = scores(&permuted, &p.criteria, &p.weights(), &o);
            for i in 0..n {
                prop_assert!(close(b[i], a[perm[i]]), "{o:?}: {a:?} vs {b:?} by {perm:?}");
            }
        }
    }

    /// If a dominates b (at least as good on every criterion, strictly better on one; every
    /// weight is positive), then a scores at least as well as b under WSM, WPM, TOPSIS and
    /// PROMETHEE, with every normalisation and preference function. Strictly better where the
    /// formula guarantees it: WSM and TOPSIS (a strict gain on a weighted criterion raises the
    /// sum, and the distance to the anti-ideal while not raising the one to the ideal), and
    /// PROMETHEE with `usual` preference on every criterion (π(a, b) ≥ that criterion's
    /// weight, π(b, a) = 0). Not for WPM in general: a normalised 0 in a's own row (its worst
    /// criterion under `minmax`) makes both products 0; WPM is strict when a's score is
    /// positive. Not for PROMETHEE with thresholds: a gain within q is no preference.
    #[test]
    fn a_dominating_alternative_scores_at_least_as_well(
        p in any_problem(2),
        gains in proptest::collection::vec(0u8..4, 4),
        strict in 0usize..4,
        pick in any::<(u32, u32)>(),
        usual in any::<bool>(),
    ) {
        let (n, m) = p.x.shape();
        let b = pick.0 as usize % n;
        let a = (b + 1 + pick.1 as usize % (n - 1)) % n;
        let mut x = p.x.clone();
        let mut criteria = p.criteria.clone();
        for j in 0..m {
            let gain = f64::from(gains[j]) + if j == strict % m { 1.0 } else { 0.0 };
            let sign = criteria[j].column.direction.sign();
            x[(a, j)] = x[(b, j)] + sign * gain;
            if x[(a, j)] <= 0.0 {
                // Keep every value > 0 (sum normalisation): lift the whole column.
                let lift = 1.0 - x[(a, j)];
                for i in 0..n {
                    x[(i, j)] += lift;
                }
            }
            if usual {
                criteria[j].preference = Preference::Usual;
            }
        }
        for o in variants().into_iter().filter(|o| o.method != Method::Vikor) {
            let s = scores(&x, &criteria, &p.weights(), &o);
            let (sa, sb) = (s[a], s[b]);
            prop_assert!(sa >= sb - 1e-12, "{o:?}: a = {a} ({sa}) below b = {b} ({sb})");
            let must_be_strict = match o.method {
                Method::Wsm | Method::Topsis => true,
                Method::Wpm => sa > 0.0,
                Method::Promethee => usual,
                Method::Vikor => false,
            };
            if must_be_strict {
                prop_assert!(sa > sb, "{o:?}: a = {a} ({sa}) not above b = {b} ({sb})");
            }
        }
        // VIKOR, lower is better: a's S and R are no larger than b's.
        let e = evaluate(&x, &criteria, &p.weights(), &Options::new(Method::Vikor)).unwrap();
        let Details::Vikor(v) = e.details else { unreachable!() };
        prop_assert!(v.s[a] <= v.s[b] + 1e-12 && v.r[a] <= v.r[b] + 1e-12);
        prop_assert!(v.q[a] <= v.q[b] + 1e-12);
    }

    /// With declared bounds, `scale` normalisation makes an alternative's WSM score
    /// independent of the others: adding one changes no other score.
    #[test]
    fn adding_an_alternative_keeps_scale_wsm_scores(
        p in any_problem(1),
        extra in proptest::collection::vec(0.0f64..120.0, 4),
    ) {
        let (n, m) = p.x.shape();
        let mut criteria = p.criteria.clone();
        for c in &mut criteria {
            c.column.bounds = Some((0.0, 120.0));
        }
        let grown = DMatrix::from_fn(n + 1, m, |i, j| if i < n { p.x[(i, j)] } else { extra[j] });
        let o = Options::new(Method::Wsm);
        prop_assert_eq!(o.effective_normalization(), Some(Normalization::Scale));
        let before = evaluate(&p.x, &criteria, &p.weights(), &o).unwrap();
        let after = evaluate(&grown, &criteria, &p.weights(), &o).unwrap();
        prop_assert!(before.fallback.is_empty() && after.fallback.is_empty());
        prop_assert_eq!(&before.scores[..], &after.scores[..n]);
        // Without bounds, scale falls back to minmax, which the new alternative can move.
    }
}
