//! PROMETHEE II net flows, with PROMETHEE I's partial preorder.
//!
//! Brans & Vincke (1985), "A preference ranking organisation method", *Management Science*
//! 31(6), 647–656; Brans, Vincke & Mareschal (1986). For a difference d > 0 in the criterion's
//! direction, Pⱼ(d) is the criterion's preference function (P = 0 for d ≤ 0);
//! π(a, b) = Σⱼ wⱼ Pⱼ(dⱼ(a, b)); φ⁺(a) and φ⁻(a) average π(a, ·) and π(·, a) over the n − 1
//! others, and φ = φ⁺ − φ⁻ (higher is better). With a single alternative all flows are 0.
//!
//! PROMETHEE I: a is preferred to b when φ⁺(a) ≥ φ⁺(b) and φ⁻(a) ≤ φ⁻(b), one of them strictly;
//! a and b are incomparable when one flow favours a and the other b.
//!
//! # Computing the flows
//!
//! The flows are sums over criteria, so each criterion is handled on its own:
//! φ⁺(a) = Σⱼ wⱼ Σ_b Pⱼ(yₐ − y_b) / (n − 1) and φ⁻(a) = Σⱼ wⱼ Σ_b Pⱼ(y_b − yₐ) / (n − 1), with
//! y the column turned so that higher is better. [`promethee_naive`] reads this literally, in
//! O(n²·m). [`promethee`] sorts each column once: every preference function but `gaussian` is
//! 0 up to a threshold, then constant or linear in d, then 1, so for each a the alternatives it
//! beats by more than a threshold form a prefix of the sorted column, found by a sweep, and the
//! linear part sums to (count · yₐ − Σ y_b)/(p − q) with prefix sums of the sorted values. That
//! is O(m · n log n). Thresholds compare the same floating-point difference yₐ − y_b as the
//! definition (d ≤ q gives no preference, d > q does), so ties and boundary values behave
//! identically; the two computations differ only by rounding in the linear part.
//!
//! `gaussian` is smooth and positive for every d > 0, so it has no such shortcut and stays
//! O(n²) for its criterion.

use nalgebra::DMatrix;

use crate::vocabulary::{Direction, Preference};

/// The outranking flows of every alternative.
#[derive(Debug, Clone, PartialEq)]
pub struct Promethee {
    pub phi_plus: Vec<f64>,
    pub phi_minus: Vec<f64>,
    pub phi: Vec<f64>,
}

impl Preference {
    /// P(d): the degree to which a difference `d` (in the criterion's direction) is a preference.
    pub fn degree(&self, d: f64) -> f64 {
        if d <= 0.0 {
            return 0.0;
        }
        match *self {
            Preference::Usual => 1.0,
            Preference::UShape { q } => {
                if d > q {
                    1.0
                } else {
                    0.0
                }
            }
            Preference::VShape { p } => {
                if d > p {
                    1.0
                } else {
                    d / p
                }
            }
            Preference::Level { q, p } => {
                if d > p {
                    1.0
                } else if d > q {
                    0.5
                } else {
                    0.0
                }
            }
            Preference::Linear { q, p } => {
                if d > p {
                    1.0
                } else if d > q {
                    (d - q) / (p - q)
                } else {
                    0.0
                }
            }
            // (d/s)² rather than d²/s²: both squares overflow for s = 1e200.
            Preference::Gaussian { s } => {
                let r = d / s;
                1.0 - (-0.5 * r * r).exp()
            }
        }
    }
}

/// PROMETHEE II on the raw matrix `x`, in O(m · n log n) (O(n²) for a `gaussian` criterion).
pub fn promethee(
    x: &DMatrix<f64>,
    dirs: &[Direction],
    w: &[f64],
    prefs: &[Preference],
) -> Promethee {
    let n = x.nrows();
    let mut plus = vec![0.0; n];
    let mut minus = vec![0.0; n];
    for (j, &wj) in w.iter().enumerate() {
        if wj == 0.0 {
            continue;
        }
        let (p, q) = column_sums(x, dirs, prefs, j);
        for a in 0..n {
            plus[a] += wj * p[a];
            minus[a] += wj * q[a];
        }
    }
    flows(plus, minus)
}

/// Each criterion's own net flow φⱼ(a) = (Σ_b Pⱼ(a, b) − Σ_b Pⱼ(b, a))/(n − 1), unweighted
/// (alternatives × criteria): φ = Σⱼ wⱼ φⱼ. Zero everywhere with a single alternative.
pub fn criterion_flows(x: &DMatrix<f64>, dirs: &[Direction], prefs: &[Preference]) -> DMatrix<f64> {
    let (n, m) = x.shape();
    let others = n.saturating_sub(1).max(1) as f64;
    let mut out = DMatrix::zeros(n, m);
    for j in 0..m {
        let (p, q) = column_sums(x, dirs, prefs, j);
        for (a, cell) in out.column_mut(j).iter_mut().enumerate() {
            *cell = (p[a] - q[a]) / others;
        }
    }
    out
}

/// Σ_b Pⱼ(a, b) and Σ_b Pⱼ(b, a) for every a, on criterion j.
fn column_sums(
    x: &DMatrix<f64>,
    dirs: &[Direction],
    prefs: &[Preference],
    j: usize,
) -> (Vec<f64>, Vec<f64>) {
    let y: Vec<f64> = x.column(j).iter().map(|v| dirs[j].sign() * v).collect();
    match prefs[j] {
        Preference::Gaussian { .. } => column_sums_pairwise(&y, &prefs[j]),
        pref => column_sums_sorted(&y, Shape::of(pref)),
    }
}

/// PROMETHEE II by the definition, pair by pair: O(n²·m). The oracle [`promethee`] is tested
/// against.
pub fn promethee_naive(
    x: &DMatrix<f64>,
    dirs: &[Direction],
    w: &[f64],
    prefs: &[Preference],
) -> Promethee {
    let (n, m) = x.shape();
    let mut plus = vec![0.0; n];
    let mut minus = vec![0.0; n];
    for a in 0..n {
        for b in 0..n {
            if a == b {
                continue;
            }
            let pi: f64 = (0..m)
                .map(|j| w[j] * prefs[j].degree(dirs[j].sign() * (x[(a, j)] - x[(b, j)])))
                .sum();
            plus[a] += pi;
            minus[b] += pi;
        }
    }
    flows(plus, minus)
}

/// φ⁺, φ⁻ and φ from the sums of π(a, ·) and π(·, a).
fn flows(plus: Vec<f64>, minus: Vec<f64>) -> Promethee {
    let others = if plus.len() > 1 {
        (plus.len() - 1) as f64
    } else {
        1.0
    };
    let phi_plus: Vec<f64> = plus.iter().map(|v| v / others).collect();
    let phi_minus: Vec<f64> = minus.iter().map(|v| v / others).collect();
    let phi = phi_plus
        .iter()
        .zip(&phi_minus)
        .map(|(p, m)| p - m)
        .collect();
    Promethee {
        phi_plus,
        phi_minus,
        phi,
    }
}

/// Σ_b P(yₐ − y_b) and Σ_b P(y_b − yₐ) for every a, pair by pair.
fn column_sums_pairwise(y: &[f64], pref: &Preference) -> (Vec<f64>, Vec<f64>) {
    let mut plus = vec![0.0; y.len()];
    let mut minus = vec![0.0; y.len()];
    for (a, &ya) in y.iter().enumerate() {
        for (b, &yb) in y.iter().enumerate() {
            let p = pref.degree(ya - yb);
            plus[a] += p;
            minus[b] += p;
        }
    }
    (plus, minus)
}

/// A preference function other than `gaussian`, as pieces: P(d) = 1 for d > `full`; else ½
/// for d > `half`; else (d − q)/(p − q) for d > q with `ramp` = (q, p); else 0. Every
/// threshold is taken as at least 0, since P(d) = 0 for d ≤ 0.
#[derive(Debug, Clone, Copy)]
struct Shape {
    full: f64,
    half: Option<f64>,
    ramp: Option<(f64, f64)>,
    /// The function itself.
    pref: Preference,
}

impl Shape {
    fn of(pref: Preference) -> Shape {
        let (full, half, ramp) = match pref {
            Preference::Usual => (0.0, None, None),
            Preference::UShape { q } => (q, None, None),
            Preference::VShape { p } => (p, None, Some((0.0, p))),
            Preference::Level { q, p } => (p, Some(q), None),
            Preference::Linear { q, p } => (p, None, Some((q, p))),
            Preference::Gaussian { .. } => unreachable!("gaussian has no piecewise shape"),
        };
        Shape {
            full,
            half,
            ramp,
            pref,
        }
    }
}

/// Σ_b P(yₐ − y_b) and Σ_b P(y_b − yₐ) for every a, from the sorted column: O(n log n).
///
/// With v the sorted values, `beats(t)[i]` counts the k with v[i] − v[k] > t (a prefix of v)
/// and `within(t)[i]` the k with v[k] − v[i] ≤ t (also a prefix); both grow with i, so one
/// sweep finds them for every i.
fn column_sums_sorted(y: &[f64], shape: Shape) -> (Vec<f64>, Vec<f64>) {
    let n = y.len();
    let mut sorted: Vec<(f64, usize)> = y.iter().copied().zip(0..n).collect();
    sorted.sort_unstable_by(|a, b| a.0.total_cmp(&b.0));
    let (v, order): (Vec<f64>, Vec<usize>) = sorted.into_iter().unzip();
    // The linear part works in units of `unit` (a power of two, so exact): n values near
    // f64::MAX would overflow their prefix sum and count · yₐ.
    let unit = shape.ramp.map_or(1.0, |(q, p)| ramp_unit(&v, q, p));
    if shape
        .ramp
        .is_some_and(|(q, p)| (p - q) / unit < f64::MIN_POSITIVE * 1e16)
        && unit > 1.0
    {
        return column_sums_pairwise(y, &shape.pref);
    }
    let mut prefix = vec![0.0; n + 1];
    for (k, value) in v.iter().enumerate() {
        prefix[k + 1] = prefix[k] + value / unit;
    }
    let sum_between = |lo: usize, hi: usize| prefix[hi] - prefix[lo];

    let full = shape.full.max(0.0);
    let (beats_full, within_full) = (beats(&v, full), within(&v, full));
    let half = shape.half.map(|h| {
        let h = h.max(0.0);
        (beats(&v, h), within(&v, h))
    });
    let ramp = shape.ramp.map(|(q, p)| {
        let lo = q.max(0.0);
        (q, p, beats(&v, lo), within(&v, lo))
    });

    let mut plus = vec![0.0; n];
    let mut minus = vec![0.0; n];
    for (i, &a) in order.iter().enumerate() {
        let ya = v[i];
        // Beaten by more than `full`: k < beats_full[i]; beating a by more: k ≥ within_full[i].
        let mut s_plus = beats_full[i] as f64;
        let mut s_minus = (n - within_full[i]) as f64;
        if let Some((beats_half, within_half)) = &half {
            s_plus += 0.5 * beats_half[i].saturating_sub(beats_full[i]) as f64;
            s_minus += 0.5 * within_full[i].saturating_sub(within_half[i]) as f64;
        }
        if let Some((q, p, beats_q, within_q)) = &ramp {
            // q < d ≤ p: beats_full[i] ≤ k < beats_q[i], and within_q[i] ≤ k < within_full[i].
            let count = beats_q[i].saturating_sub(beats_full[i]);
            if count > 0 {
                let sum_d = count as f64 * (ya / unit) - sum_between(beats_full[i], beats_q[i]);
                s_plus += (sum_d - count as f64 * (q / unit)) / ((p - q) / unit);
            }
            let count = within_full[i].saturating_sub(within_q[i]);
            if count > 0 {
                let sum_d = sum_between(within_q[i], within_full[i]) - count as f64 * (ya / unit);
                s_minus += (sum_d - count as f64 * (q / unit)) / ((p - q) / unit);
            }
        }
        plus[a] = s_plus;
        minus[a] = s_minus;
    }
    (plus, minus)
}

/// 1, or the power of two by which the values and thresholds of a linear part are divided so
/// that (n + 1) times the largest of them stays finite.
fn ramp_unit(v: &[f64], q: f64, p: f64) -> f64 {
    let largest = v.iter().fold(q.abs().max(p.abs()), |m, x| m.max(x.abs()));
    let bound = f64::MAX / (4.0 * (v.len() + 1) as f64);
    let mut unit = 1.0;
    while largest / unit > bound {
        unit *= 2f64.powi(32);
    }
    unit
}

/// For each i, the number of k with v[i] − v[k] > t, for v sorted ascending and t ≥ 0.
fn beats(v: &[f64], t: f64) -> Vec<usize> {
    let mut k = 0;
    v.iter()
        .map(|&vi| {
            while k < v.len() && vi - v[k] > t {
                k += 1;
            }
            k
        })
        .collect()
}

/// For each i, the number of k with v[k] − v[i] ≤ t, for v sorted ascending and t ≥ 0.
fn within(v: &[f64], t: f64) -> Vec<usize> {
    let mut k = 0;
    v.iter()
        .map(|&vi| {
            while k < v.len() && v[k] - vi <= t {
                k += 1;
            }
            k
        })
        .collect()
}

/// The most (alternative pair, gaussian criterion) preference degrees one PROMETHEE run may
/// compute: `gaussian` has no sorted shortcut, so each gaussian criterion costs n² exponentials
/// (10,000 alternatives on 2 gaussian criteria: 2 × 10⁸, about 2 s on one core). Above this,
/// a run would take more than a few seconds and is refused.
pub const MAX_GAUSSIAN_PAIRS: u64 = 500_000_000;

/// The pairwise preference degrees the `gaussian` criteria of a PROMETHEE run on `n`
/// alternatives compute.
pub fn gaussian_pairs(n: usize, preferences: &[Preference]) -> u64 {
    let gaussian = preferences
        .iter()
        .filter(|p| matches!(p, Preference::Gaussian { .. }))
        .count() as u64;
    gaussian.saturating_mul((n as u64).saturating_mul(n as u64))
}

/// How many incomparable pairs are listed by name when there are more alternatives than
/// [`INCOMPARABLE_ALL_UP_TO`].
pub const INCOMPARABLE_LISTED: usize = 20;
/// Up to this many alternatives every incomparable pair is listed.
pub const INCOMPARABLE_ALL_UP_TO: usize = 2000;
/// Above [`INCOMPARABLE_ALL_UP_TO`] alternatives, the pairs looked at (in order) to find the
/// ones listed.
const LISTING_BUDGET: u64 = 20_000_000;

/// PROMETHEE I's incomparable pairs: how many there are, and the pairs themselves (all of them
/// up to [`INCOMPARABLE_ALL_UP_TO`] alternatives; above, the first
/// [`INCOMPARABLE_LISTED`] in the order (0, 1), (0, 2), …, (1, 2), … among the first
/// 20 million pairs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Incomparable {
    pub count: u64,
    pub first: Vec<(usize, usize)>,
}

/// PROMETHEE I: the pairs (a, b), a < b, that the partial preorder leaves incomparable: one
/// flow favours a and the other b, each by more than `tolerance`.
///
/// a and b are incomparable exactly when (φ⁺, φ⁻) of one exceeds the other's in both
/// coordinates. The pairs are counted in O(n log n): sort by φ⁺, sweep, and count with a
/// Fenwick tree over the φ⁻ order how many earlier alternatives lie below in both.
pub fn incomparable_pairs(flows: &Promethee, tolerance: f64) -> Incomparable {
    let n = flows.phi.len();
    let (plus, minus) = (&flows.phi_plus, &flows.phi_minus);
    let apart = |x: f64, y: f64| (x - y).abs() > tolerance;
    let incomparable = |a: usize, b: usize| {
        apart(plus[a], plus[b])
            && apart(minus[a], minus[b])
            && (plus[a] > plus[b]) == (minus[a] > minus[b])
    };
    if n <= INCOMPARABLE_ALL_UP_TO {
        let first: Vec<(usize, usize)> = (0..n)
            .flat_map(|a| (a + 1..n).map(move |b| (a, b)))
            .filter(|&(a, b)| incomparable(a, b))
            .collect();
        return Incomparable {
            count: first.len() as u64,
            first,
        };
    }
    let mut first = Vec::new();
    let mut looked = 0u64;
    'scan: for a in 0..n {
        for b in a + 1..n {
            looked += 1;
            if looked > LISTING_BUDGET || first.len() == INCOMPARABLE_LISTED {
                break 'scan;
            }
            if incomparable(a, b) {
                first.push((a, b));
            }
        }
    }
    Incomparable {
        count: count_below_in_both(plus, minus, tolerance),
        first,
    }
}

/// The number of pairs (a, b) with x_b − x_a > tol and y_b − y_a > tol, in O(n log n).
fn count_below_in_both(x: &[f64], y: &[f64], tol: f64) -> u64 {
    let n = x.len();
    let mut by_x: Vec<usize> = (0..n).collect();
    by_x.sort_unstable_by(|&a, &b| x[a].total_cmp(&x[b]));
    let mut by_y: Vec<usize> = (0..n).collect();
    by_y.sort_unstable_by(|&a, &b| y[a].total_cmp(&y[b]));
    let sorted_y: Vec<f64> = by_y.iter().map(|&i| y[i]).collect();
    let mut y_pos = vec![0usize; n];
    for (p, &i) in by_y.iter().enumerate() {
        y_pos[i] = p;
    }
    let mut tree = vec![0u64; n + 1];
    let mut added = 0;
    let mut count = 0u64;
    for &b in &by_x {
        // Add every alternative whose x lies more than tol below x_b.
        while added < n && x[b] - x[by_x[added]] > tol {
            let mut k = y_pos[by_x[added]] + 1;
            while k <= n {
                tree[k] += 1;
                k += k & k.wrapping_neg();
            }
            added += 1;
        }
        // Of those, the ones whose y lies more than tol below y_b.
        let mut k = sorted_y.partition_point(|&v| y[b] - v > tol);
        while k > 0 {
            count += tree[k];
            k &= k - 1;
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Zhao, Peng & Li (2013), as in pymcdm's PROMETHEE II tests:
    /// φ = (0.1, −0.3, 0.2), φ⁺ = (0.55, 0.35, 0.60), φ⁻ = (0.45, 0.65, 0.40).
    #[test]
    fn zhao_peng_li_2013() {
        let x = DMatrix::from_row_slice(3, 3, &[4.0, 3.0, 2.0, 3.0, 2.0, 4.0, 5.0, 1.0, 3.0]);
        let out = promethee(
            &x,
            &[Direction::Benefit; 3],
            &[0.5, 0.3, 0.2],
            &[Preference::Usual; 3],
        );
        let close = |a: &[f64], b: &[f64]| a.iter().zip(b).all(|(x, y)| (x - y).abs() < 1e-12);
        assert!(close(&out.phi, &[0.1, -0.3, 0.2]));
        assert!(close(&out.phi_plus, &[0.55, 0.35, 0.60]));
        assert!(close(&out.phi_minus, &[0.45, 0.65, 0.40]));
    }

    fn assert_flows_close(fast: &Promethee, naive: &Promethee, tolerance: f64) {
        for (f, g) in [
            (&fast.phi_plus, &naive.phi_plus),
            (&fast.phi_minus, &naive.phi_minus),
            (&fast.phi, &naive.phi),
        ] {
            assert_eq!(f.len(), g.len());
            for (a, b) in f.iter().zip(g) {
                assert!((a - b).abs() <= tolerance, "{f:?} vs {g:?}");
            }
        }
    }

    /// Differences landing exactly on q and p, ties, and a cost criterion: the sorted sweep must
    /// give d = q no preference and d = p full (linear) or ½ (level) preference, as the
    /// definition does.
    #[test]
    fn sorted_flows_respect_threshold_boundaries() {
        let x = DMatrix::from_row_slice(5, 2, &[0.0, 4.0, 1.0, 3.0, 1.0, 3.0, 3.0, 0.0, 4.0, 1.0]);
        let dirs = [Direction::Benefit, Direction::Cost];
        for prefs in [
            [
                Preference::UShape { q: 1.0 },
                Preference::Level { q: 1.0, p: 3.0 },
            ],
            [
                Preference::Linear { q: 1.0, p: 3.0 },
                Preference::VShape { p: 3.0 },
            ],
            [
                Preference::Level { q: 0.0, p: 1.0 },
                Preference::Linear { q: 2.0, p: 2.0 },
            ],
        ] {
            let fast = promethee(&x, &dirs, &[0.6, 0.4], &prefs);
            let naive = promethee_naive(&x, &dirs, &[0.6, 0.4], &prefs);
            assert_flows_close(&fast, &naive, 1e-15);
        }
        // By hand, u-shape q = 1 on (0, 1, 1, 3, 4): alternative 3 (value 3) beats 0, 1, 2 by
        // 3, 2, 2 > 1 and is beaten by nobody by more than 1 (4 − 3 = 1 is not > 1).
        let col = DMatrix::from_column_slice(5, 1, &[0.0, 1.0, 1.0, 3.0, 4.0]);
        let out = promethee(
            &col,
            &[Direction::Benefit],
            &[1.0],
            &[Preference::UShape { q: 1.0 }],
        );
        assert_eq!(out.phi_plus[3], 3.0 / 4.0);
        assert_eq!(out.phi_minus[3], 0.0);
        assert_eq!(out.phi_minus[1], 2.0 / 4.0);
    }

    fn any_preference() -> impl Strategy<Value = Preference> {
        // Thresholds on a grid of halves, so that differences of grid values hit them exactly.
        let t = (0u8..8).prop_map(|k| f64::from(k) / 2.0);
        prop_oneof![
            Just(Preference::Usual),
            t.clone().prop_map(|q| Preference::UShape { q }),
            t.clone().prop_map(|p| Preference::VShape { p: p + 0.5 }),
            (t.clone(), t.clone()).prop_map(|(a, b)| Preference::Level {
                q: a.min(b),
                p: a.max(b)
            }),
            (t.clone(), t.clone()).prop_map(|(a, b)| Preference::Linear {
                q: a.min(b),
                p: a.max(b)
            }),
            t.prop_map(|s| Preference::Gaussian { s: s + 0.5 }),
        ]
    }

    fn any_problem()
    -> impl Strategy<Value = (DMatrix<f64>, Vec<Direction>, Vec<f64>, Vec<Preference>)> {
        (1usize..12, 1usize..5).prop_flat_map(|(n, m)| {
            // Values on a coarse grid (many ties, exact threshold hits) or anywhere.
            let value = prop_oneof![(0u8..8).prop_map(|k| f64::from(k) / 2.0), -50.0f64..50.0,];
            (
                proptest::collection::vec(value, n * m),
                proptest::collection::vec(any::<bool>(), m),
                proptest::collection::vec(0.0f64..1.0, m),
                proptest::collection::vec(any_preference(), m),
            )
                .prop_map(move |(values, benefit, w, prefs)| {
                    let x = DMatrix::from_row_slice(n, m, &values);
                    let dirs = benefit
                        .iter()
                        .map(|&b| {
                            if b {
                                Direction::Benefit
                            } else {
                                Direction::Cost
                            }
                        })
                        .collect();
                    let total: f64 = w.iter().sum::<f64>().max(1e-9);
                    let w = w.iter().map(|v| v / total).collect();
                    (x, dirs, w, prefs)
                })
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        /// The sorted computation equals the pairwise definition for every preference function.
        #[test]
        fn sorted_flows_equal_the_definition((x, dirs, w, prefs) in any_problem()) {
            let fast = promethee(&x, &dirs, &w, &prefs);
            let naive = promethee_naive(&x, &dirs, &w, &prefs);
            assert_flows_close(&fast, &naive, 1e-12);
        }
    }

    /// PROMETHEE I. With a = (2, 0) and b = c = (1, 1), usual preference and equal weights,
    /// π(a, b) = π(b, a) = ½ and b, c tie: φ⁺ = (½, ¼, ¼), φ⁻ = (½, ¼, ¼). a has the better
    /// positive flow and the worse negative flow, so a is incomparable with b and with c, while
    /// b and c are indifferent. In Zhao, Peng & Li's example both flows agree on every pair.
    #[test]
    fn incomparable_pairs_of_promethee_one() {
        let x = DMatrix::from_row_slice(3, 2, &[2.0, 0.0, 1.0, 1.0, 1.0, 1.0]);
        let out = promethee(
            &x,
            &[Direction::Benefit; 2],
            &[0.5, 0.5],
            &[Preference::Usual; 2],
        );
        assert_eq!(out.phi_plus, vec![0.5, 0.25, 0.25]);
        assert_eq!(out.phi_minus, vec![0.5, 0.25, 0.25]);
        assert_eq!(out.phi, vec![0.0; 3]);
        let found = incomparable_pairs(&out, 1e-12);
        assert_eq!((found.count, found.first), (2, vec![(0, 1), (0, 2)]));

        let x = DMatrix::from_row_slice(3, 3, &[4.0, 3.0, 2.0, 3.0, 2.0, 4.0, 5.0, 1.0, 3.0]);
        let out = promethee(
            &x,
            &[Direction::Benefit; 3],
            &[0.5, 0.3, 0.2],
            &[Preference::Usual; 3],
        );
        assert_eq!(incomparable_pairs(&out, 1e-12).count, 0);
    }

    proptest! {
        /// The O(n log n) count equals the count of the pairwise definition.
        #[test]
        fn incomparable_count_matches_the_pairwise_definition(
            pts in proptest::collection::vec((0u8..6, 0u8..6), 0..60)
        ) {
            let plus: Vec<f64> = pts.iter().map(|p| f64::from(p.0) / 5.0).collect();
            let minus: Vec<f64> = pts.iter().map(|p| f64::from(p.1) / 5.0).collect();
            let phi = plus.iter().zip(&minus).map(|(a, b)| a - b).collect();
            let flows = Promethee { phi_plus: plus, phi_minus: minus, phi };
            let pairs = incomparable_pairs(&flows, 1e-12);
            prop_assert_eq!(
                count_below_in_both(&flows.phi_plus, &flows.phi_minus, 1e-12),
                pairs.count
            );
            prop_assert_eq!(pairs.count, pairs.first.len() as u64);
        }
    }

    #[test]
    fn gaussian_pairs_count_only_gaussian_criteria() {
        let prefs = [
            Preference::Gaussian { s: 1.0 },
            Preference::Usual,
            Preference::Gaussian { s: 2.0 },
        ];
        assert_eq!(gaussian_pairs(10_000, &prefs), 200_000_000);
        assert_eq!(gaussian_pairs(10_000, &prefs[1..2]), 0);
        assert!(gaussian_pairs(20_000, &prefs) > MAX_GAUSSIAN_PAIRS);
    }

    /// Above the listing size: every pair counted, the first few listed in pair order.
    #[test]
    fn many_alternatives_count_incomparable_pairs_and_list_the_first() {
        // Points on an increasing line are pairwise incomparable (one is above in both flows):
        // n (n − 1) / 2 pairs. A point in the middle of both orders adds none of its own.
        let n = INCOMPARABLE_ALL_UP_TO + 1;
        let plus: Vec<f64> = (0..n).map(|i| i as f64).collect();
        let minus = plus.clone();
        let flows = Promethee {
            phi: vec![0.0; n],
            phi_plus: plus,
            phi_minus: minus,
        };
        let found = incomparable_pairs(&flows, 1e-12);
        assert_eq!(found.count, (n * (n - 1) / 2) as u64);
        let want: Vec<(usize, usize)> = (1..=INCOMPARABLE_LISTED).map(|b| (0, b)).collect();
        assert_eq!(found.first, want);
    }

    /// One alternative: all flows 0. Identical alternatives: all flows 0, for every function.
    #[test]
    fn degenerate_inputs_give_zero_flows() {
        let prefs = [
            Preference::Usual,
            Preference::Gaussian { s: 1.0 },
            Preference::Linear { q: 0.0, p: 0.0 },
        ];
        let dirs = [Direction::Benefit, Direction::Cost, Direction::Benefit];
        for n in [1, 4] {
            let x = DMatrix::from_fn(n, 3, |_, j| j as f64);
            let out = promethee(&x, &dirs, &[0.2, 0.3, 0.5], &prefs);
            assert_eq!(out.phi_plus, vec![0.0; n]);
            assert_eq!(out.phi_minus, vec![0.0; n]);
            assert_eq!(out.phi, vec![0.0; n]);
        }
    }

    #[test]
    fn preference_functions_follow_their_definitions() {
        assert_eq!(Preference::Usual.degree(0.0), 0.0);
        assert_eq!(Preference::UShape { q: 1.0 }.degree(1.0), 0.0);
        assert_eq!(Preference::VShape { p: 2.0 }.degree(1.0), 0.5);
        assert_eq!(Preference::Level { q: 1.0, p: 2.0 }.degree(1.5), 0.5);
        assert_eq!(Preference::Linear { q: 1.0, p: 3.0 }.degree(2.0), 0.5);
        let g = Preference::Gaussian { s: 1.0 }.degree(1.0);
        assert!((g - (1.0 - (-0.5f64).exp())).abs() < 1e-15);
    }
}
