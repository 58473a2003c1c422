//! The two linear programs behind the exact answers, on scores linear in the weights.
//!
//! Scores are `s_i(w) = Σ_j C_ij w_j` (alternatives × criteria matrix `C`), higher is better,
//! and the weights range over the feasible set
//! `W = { w : Σ_j w_j = 1, lo_j ≤ w_j ≤ hi_j, w_{o1} ≥ w_{o2} ≥ … }` (bounds and order from
//! [`Constraints`]; without them `W` is the simplex).
//!
//! - [`best_margin`]: `max t` subject to `s_a(w) − s_b(w) ≥ t` for every competitor `b`,
//!   `w ∈ W`. Its optimum `t*` is the most by which `a` can lead them all: `t* > 0`, `a` is
//!   strictly first at some weights; `t* = 0`, at best tied; `t* < 0`, never first.
//! - [`least_change`]: `min Σ_j e_j` subject to `e_j ≥ w_j − w0_j`, `e_j ≥ w0_j − w_j`,
//!   `s_a(w) ≥ s_b(w)` for every competitor `b`, `w ∈ W`. At the optimum `e_j = |w_j − w0_j|`,
//!   so the objective is the L1 distance from the current weights `w0`; since both weight
//!   vectors sum to 1, half of it is the weight moved from some criteria to others, and
//!   `Σ_j e_j / 2 · 100` is that in percentage points.
//!
//! Both are solved by `microlp`'s simplex method, whose answers meet the constraints to 1e-7;
//! [`polish`] then makes the tie exact to rounding.

use microlp::{ComparisonOp, OptimizationDirection, Problem};

/// Constraints on the normalised weights.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Constraints {
    /// `lo ≤ w_j ≤ hi` for each criterion; empty for `0 ≤ w_j ≤ 1`.
    pub bounds: Vec<(f64, f64)>,
    /// Criteria (indices) from most to least important: `w_{o1} ≥ w_{o2} ≥ …`.
    pub order: Vec<usize>,
}

impl Constraints {
    /// The bounds of criterion `j`.
    pub fn bound(&self, j: usize) -> (f64, f64) {
        self.bounds.get(j).copied().unwrap_or((0.0, 1.0))
    }

    /// Whether `w` meets every constraint, to `tol`.
    pub fn admits(&self, w: &[f64], tol: f64) -> bool {
        let sum: f64 = w.iter().sum();
        (sum - 1.0).abs() <= tol
            && w.iter().enumerate().all(|(j, &x)| {
                let (lo, hi) = self.bound(j);
                x >= lo - tol && x <= hi + tol
            })
            && self.order.windows(2).all(|p| w[p[0]] >= w[p[1]] - tol)
    }

    /// Whether there are constraints beyond the simplex.
    pub fn is_empty(&self) -> bool {
        self.order.len() < 2 && self.bounds.iter().all(|&(lo, hi)| lo <= 0.0 && hi >= 1.0)
    }
}

/// Why a linear program has no answer.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LpError {
    #[error("no weights meet the constraints (--weight-bounds and --weight-order together)")]
    Infeasible,
    #[error("the linear-programming solver failed: {0}")]
    Solver(String),
}

/// A linear program's answer: the optimum and the weights that reach it.
#[derive(Debug, Clone, PartialEq)]
pub struct Optimum {
    pub value: f64,
    pub weights: Vec<f64>,
}

fn add_weights(p: &mut Problem, m: usize, cons: &Constraints) -> Vec<microlp::Variable> {
    let w: Vec<_> = (0..m).map(|j| p.add_var(0.0, cons.bound(j))).collect();
    let all: Vec<_> = w.iter().map(|&v| (v, 1.0)).collect();
    p.add_constraint(all.as_slice(), ComparisonOp::Eq, 1.0);
    for pair in cons.order.windows(2) {
        p.add_constraint(
            [(w[pair[0]], 1.0), (w[pair[1]], -1.0)].as_slice(),
            ComparisonOp::Ge,
            0.0,
        );
    }
    w
}

fn solve(p: &Problem) -> Result<microlp::Solution, LpError> {
    match p.solve() {
        Ok(outcome) => outcome
            .into_solution()
            .map_err(|_| LpError::Solver("stopped before an answer".into())),
        Err(microlp::Error::Infeasible) => Err(LpError::Infeasible),
        Err(e) => Err(LpError::Solver(e.to_string())),
    }
}

/// Clamps tiny negative weights to the bounds and rescales to sum 1.
fn tidy(w: &mut [f64], cons: &Constraints) {
    for (j, x) in w.iter_mut().enumerate() {
        let (lo, hi) = cons.bound(j);
        *x = x.clamp(lo, hi);
    }
    let sum: f64 = w.iter().sum();
    if sum > 0.0 {
        w.iter_mut().for_each(|x| *x /= sum);
    }
}

/// A score difference as the solver gets it: differences below the tie tolerance are 0.
/// Scores lie within [−1, 1], where such a difference is rounding (a subnormal left by
/// normalising extreme values), and a coefficient far below the others makes the simplex
/// unstable.
fn coefficient(c: f64) -> f64 {
    if c.abs() < crate::ranking::TIE_TOLERANCE {
        0.0
    } else {
        c
    }
}

/// `max t` with `s_a − s_b ≥ t` for every row `d` of `diffs` (`d = C_a − C_b`), `w ∈ W`.
/// With no competitor the margin is 0 at the first feasible weights.
pub fn best_margin(diffs: &[Vec<f64>], m: usize, cons: &Constraints) -> Result<Optimum, LpError> {
    let mut p = Problem::new(OptimizationDirection::Maximize);
    let w = add_weights(&mut p, m, cons);
    let t = if diffs.is_empty() {
        p.add_var(0.0, (0.0, 0.0))
    } else {
        p.add_var(1.0, (f64::NEG_INFINITY, f64::INFINITY))
    };
    for d in diffs {
        let mut row: Vec<_> = w
            .iter()
            .zip(d)
            .map(|(&v, &c)| (v, coefficient(c)))
            .collect();
        row.push((t, -1.0));
        p.add_constraint(row.as_slice(), ComparisonOp::Ge, 0.0);
    }
    let s = solve(&p)?;
    let mut weights: Vec<f64> = w.iter().map(|&v| s.var_value(v)).collect();
    tidy(&mut weights, cons);
    // The margin at the tidied weights, computed directly rather than read from the solver.
    let value = margin(diffs, &weights).unwrap_or(0.0);
    Ok(Optimum { value, weights })
}

/// `min Σ|w_j − w0_j|` with `s_a ≥ s_b` for every row `d` of `diffs`, `w ∈ W`. The value is
/// the L1 distance (twice the weight moved).
pub fn least_change(
    diffs: &[Vec<f64>],
    w0: &[f64],
    cons: &Constraints,
) -> Result<Optimum, LpError> {
    let m = w0.len();
    let mut p = Problem::new(OptimizationDirection::Minimize);
    let w = add_weights(&mut p, m, cons);
    for (j, &v) in w.iter().enumerate() {
        let e = p.add_var(1.0, (0.0, f64::INFINITY));
        p.add_constraint([(e, 1.0), (v, -1.0)].as_slice(), ComparisonOp::Ge, -w0[j]);
        p.add_constraint([(e, 1.0), (v, 1.0)].as_slice(), ComparisonOp::Ge, w0[j]);
    }
    for d in diffs {
        let row: Vec<_> = w
            .iter()
            .zip(d)
            .map(|(&v, &c)| (v, coefficient(c)))
            .collect();
        p.add_constraint(row.as_slice(), ComparisonOp::Ge, 0.0);
    }
    let s = solve(&p)?;
    let mut weights: Vec<f64> = w.iter().map(|&v| s.var_value(v)).collect();
    tidy(&mut weights, cons);
    Ok(Optimum {
        value: l1(&weights, w0),
        weights,
    })
}

/// `min_d d·w`: the lead of `a` over its closest competitor at `w`; `None` without rows.
pub fn margin(diffs: &[Vec<f64>], w: &[f64]) -> Option<f64> {
    diffs
        .iter()
        .map(|d| d.iter().zip(w).map(|(c, x)| c * x).sum::<f64>())
        .min_by(f64::total_cmp)
}

/// The L1 distance between two weight vectors.
pub fn l1(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| (x - y).abs()).sum()
}

/// Makes a solver answer `w`, which meets `d·w ≥ 0` only to the solver's tolerance, meet it
/// exactly (to rounding), by moving it towards weights `inner` at which every `d·inner > 0`:
/// `w + λ (inner − w)` with the least `λ` that makes every margin ≥ 0. Each margin is linear
/// along the segment, so `λ = max_d (−d·w) / (d·inner − d·w)` over the rows with `d·w < 0`.
/// Both ends lie in `W`, which is convex, so the result does too; the distance from `w` grows
/// by `λ |inner − w|`, at most the solver's tolerance over the margin at `inner`.
pub fn polish(diffs: &[Vec<f64>], w: &[f64], inner: &[f64]) -> Vec<f64> {
    let dot = |d: &[f64], x: &[f64]| d.iter().zip(x).map(|(c, y)| c * y).sum::<f64>();
    let mut lambda: f64 = 0.0;
    for d in diffs {
        let (at, inside) = (dot(d, w), dot(d, inner));
        if at < 0.0 && inside > 0.0 {
            lambda = lambda.max(-at / (inside - at));
        }
    }
    if lambda == 0.0 {
        return w.to_vec();
    }
    w.iter()
        .zip(inner)
        .map(|(a, b)| a + lambda.min(1.0) * (b - a))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const EPS: f64 = 1e-9;

    #[test]
    fn best_margin_of_two_criteria_is_hand_derived() {
        // a = (1, 0), b = (0, 1), c = (1/2, 1/2): d_ab = (1, −1), d_ac = (1/2, −1/2).
        // t(w) = min(w1 − w2, (w1 − w2)/2) is largest at w = (1, 0): t* = 1/2.
        let diffs = vec![vec![1.0, -1.0], vec![0.5, -0.5]];
        let o = best_margin(&diffs, 2, &Constraints::default()).unwrap();
        assert!((o.value - 0.5).abs() < EPS, "{o:?}");
        assert!((o.weights[0] - 1.0).abs() < EPS);
        // c against a and b: d_ca = (−1/2, 1/2), d_cb = (1/2, −1/2): t(w) = −|w1 − w2|/2,
        // largest (0) at w = (1/2, 1/2): c can only tie.
        let c = vec![vec![-0.5, 0.5], vec![0.5, -0.5]];
        let o = best_margin(&c, 2, &Constraints::default()).unwrap();
        assert!(o.value.abs() < EPS, "{o:?}");
        assert!((o.weights[0] - 0.5).abs() < EPS);
    }

    #[test]
    fn best_margin_respects_bounds_and_order() {
        // Three criteria, d = (1, 0, −1): t = w1 − w3. With w1 ≤ 2/5 and w3 ≥ 1/5: t* = 1/5.
        let cons = Constraints {
            bounds: vec![(0.0, 0.4), (0.0, 1.0), (0.2, 1.0)],
            order: Vec::new(),
        };
        let o = best_margin(&[vec![1.0, 0.0, -1.0]], 3, &cons).unwrap();
        assert!((o.value - 0.2).abs() < EPS, "{o:?}");
        // With w3 ≥ w2 ≥ w1 instead: w1 − w3 ≤ 0, reached at equal weights (and elsewhere).
        let cons = Constraints {
            bounds: Vec::new(),
            order: vec![2, 1, 0],
        };
        let o = best_margin(&[vec![1.0, 0.0, -1.0]], 3, &cons).unwrap();
        assert!(o.value.abs() < EPS, "{o:?}");
        assert!(cons.admits(&o.weights, 1e-12));
    }

    #[test]
    fn least_change_is_hand_derived() {
        // w0 = (1/2, 1/4, 1/4), need 2w1 − 3w2 + w3 ≥ ... as d = (−1, 2, 0) (a behind by 0):
        // d·w0 = 0, already tied: no change.
        let w0 = [0.5, 0.25, 0.25];
        let o = least_change(&[vec![-1.0, 2.0, 0.0]], &w0, &Constraints::default()).unwrap();
        assert!(o.value.abs() < EPS, "{o:?}");
        // d = (−1, 1, 0): d·w0 = −1/4. Moving δ from w1 to w2 gains 2δ: δ = 1/8, L1 = 1/4.
        let o = least_change(&[vec![-1.0, 1.0, 0.0]], &w0, &Constraints::default()).unwrap();
        assert!((o.value - 0.25).abs() < EPS, "{o:?}");
        assert!((o.weights[0] - 0.375).abs() < EPS && (o.weights[1] - 0.375).abs() < EPS);
        // With w2 ≤ 0.3 the move into w2 stops at 0.05 (gain 0.1); the rest comes from
        // w1 → w3 at gain 1 per unit: 0.15 more, so L1 = 2 (0.05 + 0.15) = 2/5.
        let cons = Constraints {
            bounds: vec![(0.0, 1.0), (0.0, 0.3), (0.0, 1.0)],
            order: Vec::new(),
        };
        let o = least_change(&[vec![-1.0, 1.0, 0.0]], &w0, &cons).unwrap();
        assert!((o.value - 0.4).abs() < EPS, "{o:?}");
    }

    #[test]
    fn infeasible_constraints_are_reported() {
        let cons = Constraints {
            bounds: vec![(0.6, 1.0), (0.6, 1.0)],
            order: Vec::new(),
        };
        assert_eq!(
            best_margin(&[vec![1.0, -1.0]], 2, &cons),
            Err(LpError::Infeasible)
        );
    }

    #[test]
    fn polish_closes_a_tiny_gap_exactly() {
        let d = vec![vec![-1.0, 1.0]];
        let w = [0.5 + 1e-8, 0.5 - 1e-8];
        let p = polish(&d, &w, &[0.0, 1.0]);
        let m = margin(&d, &p).unwrap();
        assert!((0.0..1e-15).contains(&m), "{m}");
        assert!((p[0] + p[1] - 1.0).abs() < 1e-15);
    }
}
