//! The set of admissible weight vectors as a polytope, and a point deep inside it.
//!
//! `W = { w : Σ_j w_j = 1, lo_j ≤ w_j ≤ hi_j, w_a ≥ w_b ≥ … (the order), g_k · w ≤ h_k (the
//! linear statements) }`. Criteria with `lo_j = hi_j` are fixed and leave the problem; the
//! others ("free") span the affine subspace `Σ_free w_j = 1 − Σ_fixed w_j`, of dimension
//! `d = #free − 1`, in which every other constraint is a half-space `g · w ≤ h`, kept sparse
//! (a bound or an order pair touches one or two criteria).
//!
//! Inside the subspace, the distance from `w` to the plane `g · w = h` is `(h − g · w) / ‖P g‖`,
//! with `P g = g − mean_free(g)` the projection of `g` onto the directions `Σ u = 0`. The
//! Chebyshev centre, the centre of the largest ball inside `W` (in the subspace), solves the
//! linear program `max r` subject to `g_k · w + ‖P g_k‖ r ≤ h_k` and the sum (Boyd &
//! Vandenberghe 2004, § 8.5.1), solved by `microlp`'s simplex method. `r* < 0` (no solution
//! with `r ≥ 0`) means `W` is empty; `r*` near 0 means `W` has no interior (it is flat: an
//! equality hides in the constraints). Either way the constraints to blame are found by a
//! deletion filter (Chinneck & Dravnieks 1991): drop each constraint in turn, and keep it out
//! when the rest still fail; what remains is a smallest set that fails together.

use microlp::{ComparisonOp, OptimizationDirection, Problem};

/// Below this radius (in weight units) the set is taken to have no interior.
pub(super) const MIN_RADIUS: f64 = 1e-6;

/// A half-space `Σ val_e w_{idx_e} ≤ h`, over the free criteria.
#[derive(Debug, Clone)]
pub(super) struct Row {
    pub idx: Vec<usize>,
    pub val: Vec<f64>,
    pub h: f64,
    /// `‖P g‖`: the norm of the row within the subspace.
    pub norm: f64,
    /// The user's constraint it comes from (an index into [`Polytope::names`]); `None` for
    /// `w_j ≥ 0`.
    pub from: Option<usize>,
}

impl Row {
    /// `g · w`.
    #[inline]
    pub fn dot(&self, w: &[f64]) -> f64 {
        self.idx
            .iter()
            .zip(&self.val)
            .map(|(&j, &v)| v * w[j])
            .sum()
    }
}

/// The admissible weights.
#[derive(Debug, Clone)]
pub(super) struct Polytope {
    pub m: usize,
    /// The criteria free to vary.
    pub free: Vec<usize>,
    /// The weights of the fixed criteria (zero elsewhere).
    pub fixed: Vec<f64>,
    /// `1 − Σ fixed`: what the free weights sum to.
    pub total: f64,
    pub rows: Vec<Row>,
    /// The user's constraints, as sentences.
    pub names: Vec<String>,
}

/// A constraint before it is reduced to the free criteria: `Σ coef_j w_j ≤ h`.
#[derive(Debug, Clone)]
pub(super) struct Half {
    pub coef: Vec<(usize, f64)>,
    pub h: f64,
    pub from: Option<usize>,
}

/// Why no point can be drawn.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Empty {
    /// No weights meet these constraints together.
    Infeasible(Vec<String>),
    /// These constraints together leave no interior (an equality in disguise).
    Flat(Vec<String>),
    /// The solver failed.
    Solver(String),
}

impl Polytope {
    /// The polytope of `halves` (with `w ≥ 0` added) over `m` criteria, `fixed[j]` the value
    /// of a fixed criterion; `names` describe the user's constraints `halves` point at.
    pub fn new(
        m: usize,
        fixed: &[Option<f64>],
        halves: &[Half],
        names: Vec<String>,
    ) -> Result<Polytope, Empty> {
        let free: Vec<usize> = (0..m).filter(|&j| fixed[j].is_none()).collect();
        let fixed_w: Vec<f64> = fixed.iter().map(|x| x.unwrap_or(0.0)).collect();
        let total = 1.0 - fixed_w.iter().sum::<f64>();
        let mut p = Polytope {
            m,
            free: free.clone(),
            fixed: fixed_w,
            total,
            rows: Vec::new(),
            names,
        };
        let nonneg = free.iter().map(|&j| Half {
            coef: vec![(j, -1.0)],
            h: 0.0,
            from: None,
        });
        let k = free.len() as f64;
        let mut constant_fails = Vec::new();
        for half in nonneg.chain(halves.iter().cloned()) {
            let mut h = half.h;
            let (mut idx, mut val) = (Vec::new(), Vec::new());
            for &(j, c) in &half.coef {
                if c == 0.0 {
                    continue;
                }
                match fixed[j] {
                    Some(x) => h -= c * x,
                    None => {
                        idx.push(j);
                        val.push(c);
                    }
                }
            }
            let (s1, s2) = val
                .iter()
                .fold((0.0, 0.0), |(a, b): (f64, f64), &v| (a + v, b + v * v));
            let norm2 = if k > 0.0 { s2 - s1 * s1 / k } else { 0.0 };
            if norm2 <= 1e-24 * s2.max(1.0) {
                // Constant on the subspace: g · w = mean(g) · total.
                let value = if k > 0.0 { s1 / k * total } else { 0.0 };
                if value > h + 1e-12 {
                    constant_fails.push(half.from);
                }
                continue;
            }
            p.rows.push(Row {
                idx,
                val,
                h,
                norm: norm2.sqrt(),
                from: half.from,
            });
        }
        if !constant_fails.is_empty() || total < -1e-12 {
            let mut named: Vec<String> = constant_fails
                .into_iter()
                .flatten()
                .map(|i| p.names[i].clone())
                .collect();
            named.dedup();
            return Err(Empty::Infeasible(named));
        }
        Ok(p)
    }

    /// The dimension of the set: the free criteria less one.
    pub fn dim(&self) -> usize {
        self.free.len().saturating_sub(1)
    }

    /// A full weight vector from the free weights `x` (in the order of `free`).
    fn full(&self, x: &[f64]) -> Vec<f64> {
        let mut w = self.fixed.clone();
        for (&j, &v) in self.free.iter().zip(x) {
            w[j] = v;
        }
        w
    }

    /// The Chebyshev centre of the rows `keep` selects, and its radius; `None` when the
    /// rows leave no point (the radius would be negative).
    fn centre_of(&self, keep: &[bool]) -> Result<Option<(Vec<f64>, f64)>, String> {
        let mut lp = Problem::new(OptimizationDirection::Maximize);
        let x: Vec<_> = self
            .free
            .iter()
            .map(|_| lp.add_var(0.0, (0.0, f64::INFINITY)))
            .collect();
        let r = lp.add_var(1.0, (0.0, 1.0));
        let pos: Vec<usize> = {
            let mut pos = vec![usize::MAX; self.m];
            for (i, &j) in self.free.iter().enumerate() {
                pos[j] = i;
            }
            pos
        };
        let all: Vec<_> = x.iter().map(|&v| (v, 1.0)).collect();
        lp.add_constraint(all.as_slice(), ComparisonOp::Eq, self.total);
        for row in &self.rows {
            if row.from.is_some_and(|i| !keep[i]) {
                continue;
            }
            let mut e: Vec<_> = row
                .idx
                .iter()
                .zip(&row.val)
                .map(|(&j, &v)| (x[pos[j]], v))
                .collect();
            e.push((r, row.norm));
            lp.add_constraint(e.as_slice(), ComparisonOp::Le, row.h);
        }
        match lp.solve() {
            Ok(outcome) => {
                let sol = outcome
                    .into_solution()
                    .map_err(|_| "the solver stopped before an answer".to_string())?;
                let xs: Vec<f64> = x.iter().map(|&v| sol.var_value(v)).collect();
                Ok(Some((xs, sol.var_value(r))))
            }
            Err(microlp::Error::Infeasible) => Ok(None),
            Err(e) => Err(e.to_string()),
        }
    }

    /// A point strictly inside the set, and the radius of the ball around it that stays
    /// inside; or the constraints that leave no such point.
    pub fn centre(&self) -> Result<(Vec<f64>, f64), Empty> {
        let every = vec![true; self.names.len()];
        let fails = |keep: &[bool]| -> Result<Option<bool>, String> {
            // Some(true): infeasible; Some(false): flat; None: fine.
            Ok(match self.centre_of(keep)? {
                None => Some(true),
                Some((_, r)) if r < MIN_RADIUS => Some(false),
                Some(_) => None,
            })
        };
        match self.centre_of(&every).map_err(Empty::Solver)? {
            Some((x, r)) if r >= MIN_RADIUS => {
                let w = self.inside(&x);
                let depth = self.depth(&w);
                if depth > 0.0 {
                    return Ok((w, depth));
                }
                Err(Empty::Solver(format!(
                    "the centre found (radius {r}) is not inside the constraints"
                )))
            }
            found => {
                let infeasible = found.is_none();
                // The deletion filter: a constraint stays only if the others pass without it.
                let mut keep = every;
                for i in 0..keep.len() {
                    keep[i] = false;
                    let still = fails(&keep).map_err(Empty::Solver)?;
                    let same = match still {
                        Some(inf) => !infeasible || inf,
                        None => false,
                    };
                    if !same {
                        keep[i] = true;
                    }
                }
                let named = keep
                    .iter()
                    .zip(&self.names)
                    .filter(|(k, _)| **k)
                    .map(|(_, n)| n.clone())
                    .collect();
                Err(if infeasible {
                    Empty::Infeasible(named)
                } else {
                    Empty::Flat(named)
                })
            }
        }
    }

    /// The full vector of the LP's free weights, with their sum made exact.
    fn inside(&self, x: &[f64]) -> Vec<f64> {
        let k = x.len().max(1) as f64;
        let shift = (self.total - x.iter().sum::<f64>()) / k;
        let x: Vec<f64> = x.iter().map(|v| v + shift).collect();
        self.full(&x)
    }

    /// The distance from `w` to the nearest face, within the subspace (negative outside).
    pub fn depth(&self, w: &[f64]) -> f64 {
        self.rows
            .iter()
            .map(|r| (r.h - r.dot(w)) / r.norm)
            .fold(f64::INFINITY, f64::min)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;

    fn half(coef: &[(usize, f64)], h: f64, from: usize) -> Half {
        Half {
            coef: coef.to_vec(),
            h,
            from: Some(from),
        }
    }

    #[test]
    fn the_centre_of_the_simplex_is_its_barycentre() {
        // Three criteria: the inscribed circle of the triangle has radius 1/√6, at (⅓, ⅓, ⅓).
        let p = Polytope::new(3, &[None; 3], &[], vec![]).unwrap();
        let (w, r) = p.centre().unwrap();
        for x in &w {
            assert_relative_eq!(*x, 1.0 / 3.0, epsilon = 1e-7);
        }
        assert_relative_eq!(r, 1.0 / 6f64.sqrt(), epsilon = 1e-7);
        assert_relative_eq!(w.iter().sum::<f64>(), 1.0, epsilon = 1e-15);
    }

    #[test]
    fn two_criteria_with_a_ratio() {
        // w0 ≥ 2 w1 on the segment w0 + w1 = 1: w0 ∈ [2/3, 1]; centre 5/6, and the radius is
        // the half-length measured along the segment, (1/3)/2 · √2.
        let p = Polytope::new(
            2,
            &[None; 2],
            &[half(&[(0, -1.0), (1, 2.0)], 0.0, 0)],
            vec!["a".into()],
        )
        .unwrap();
        let (w, r) = p.centre().unwrap();
        assert_relative_eq!(w[0], 5.0 / 6.0, epsilon = 1e-7);
        assert_relative_eq!(r, 2f64.sqrt() / 6.0, epsilon = 1e-7);
    }

    #[test]
    fn conflicts_are_named() {
        let names: Vec<String> = ["w0 >= 0.6", "w1 >= 0.1", "w1 >= 0.5", "w2 <= 0.9"]
            .map(String::from)
            .to_vec();
        let halves = [
            half(&[(0, -1.0)], -0.6, 0),
            half(&[(1, -1.0)], -0.1, 1),
            half(&[(1, -1.0)], -0.5, 2),
            half(&[(2, 1.0)], 0.9, 3),
        ];
        let p = Polytope::new(3, &[None; 3], &halves, names.clone()).unwrap();
        assert_eq!(
            p.centre().unwrap_err(),
            Empty::Infeasible(vec!["w0 >= 0.6".into(), "w1 >= 0.5".into()])
        );
        // w0 ≥ 0.5 and w1 ≥ 0.5: one point, (½, ½, 0), no interior.
        let halves = [half(&[(0, -1.0)], -0.5, 0), half(&[(1, -1.0)], -0.5, 1)];
        let p = Polytope::new(3, &[None; 3], &halves, names[..2].to_vec()).unwrap();
        assert_eq!(
            p.centre().unwrap_err(),
            Empty::Flat(vec!["w0 >= 0.6".into(), "w1 >= 0.1".into()])
        );
    }

    #[test]
    fn fixed_weights_leave_the_problem() {
        // w2 fixed at 0.4: w0 + w1 = 0.6 with w0 ≥ w1 (a segment from (0.3, 0.3) to (0.6, 0)).
        let p = Polytope::new(
            3,
            &[None, None, Some(0.4)],
            &[half(&[(1, 1.0), (0, -1.0)], 0.0, 0)],
            vec!["w0 >= w1".into()],
        )
        .unwrap();
        assert_eq!(p.dim(), 1);
        let (w, _) = p.centre().unwrap();
        assert_relative_eq!(w[0], 0.45, epsilon = 1e-7);
        assert_relative_eq!(w[1], 0.15, epsilon = 1e-7);
        assert_eq!(w[2], 0.4);
        // A constraint constant on the subspace: w0 + w1 ≤ 0.5 while they sum to 0.6.
        let e = Polytope::new(
            3,
            &[None, None, Some(0.4)],
            &[half(&[(0, 1.0), (1, 1.0)], 0.5, 0)],
            vec!["w0 + w1 <= 0.5".into()],
        )
        .unwrap_err();
        assert_eq!(e, Empty::Infeasible(vec!["w0 + w1 <= 0.5".into()]));
    }
}
