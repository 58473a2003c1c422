//! VIKOR: the compromise ranking of Opricovic (1998).
//!
//! Opricovic & Tzeng (2004), "Compromise solution by MCDM methods", *European Journal of
//! Operational Research* 156, 445–455. With fⱼ* the best and fⱼ⁻ the worst value of criterion j:
//!
//! - Sᵢ = Σⱼ wⱼ (fⱼ* − fᵢⱼ)/(fⱼ* − fⱼ⁻)   (group utility)
//! - Rᵢ = maxⱼ wⱼ (fⱼ* − fᵢⱼ)/(fⱼ* − fⱼ⁻)  (individual regret)
//! - Qᵢ = v (Sᵢ − S*)/(S⁻ − S*) + (1 − v)(Rᵢ − R*)/(R⁻ − R*), lower is better.
//!
//! A criterion on which every alternative scores the same contributes 0 to S and R, and a Q term
//! whose range is zero (all S equal, or all R equal) is dropped: never 0/0.
//!
//! The compromise is accepted when C1 "acceptable advantage" Q(a⁽²⁾) − Q(a⁽¹⁾) ≥ DQ = 1/(J − 1)
//! and C2 "acceptable stability" (a⁽¹⁾ is also best by S or by R) hold; otherwise the compromise
//! set is {a⁽¹⁾, a⁽²⁾} when only C2 fails, or {a⁽¹⁾ … a⁽ᴹ⁾} with Q(a⁽ᴹ⁾) − Q(a⁽¹⁾) < DQ when C1 fails.
//! Alternatives tied on Q are taken in the model's order. With a single alternative S = R = Q
//! = 0, DQ is 0 and the alternative is the compromise; when all alternatives are identical all
//! Q are 0, C1 fails and every alternative is in the compromise set.

use nalgebra::DMatrix;
use serde::Serialize;

use crate::vocabulary::Direction;

/// S, R and Q for every alternative, and the compromise conditions.
#[derive(Debug, Clone, PartialEq)]
pub struct Vikor {
    pub s: Vec<f64>,
    pub r: Vec<f64>,
    pub q: Vec<f64>,
    pub compromise: Compromise,
}

/// Opricovic's two conditions for the alternative best by Q.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Compromise {
    /// DQ = 1/(J − 1).
    pub dq: f64,
    /// C1: Q(second) − Q(first) ≥ DQ.
    pub acceptable_advantage: bool,
    /// C2: the first by Q is also first by S or by R.
    pub acceptable_stability: bool,
    /// Indices of the compromise solutions, best Q first.
    pub set: Vec<usize>,
}

/// The weighted regrets wⱼ (fⱼ* − fᵢⱼ)/(fⱼ* − fⱼ⁻) (alternatives × criteria): S is their row
/// sum and R their row maximum. A criterion on which every alternative scores the same has
/// regret 0 everywhere.
pub fn regrets(x: &DMatrix<f64>, dirs: &[Direction], w: &[f64]) -> DMatrix<f64> {
    let (n, m) = x.shape();
    let mut out = DMatrix::zeros(n, m);
    for j in 0..m {
        let col = x.column(j);
        let (lo, hi) = (col.min(), col.max());
        if hi == lo {
            continue;
        }
        let best = if dirs[j] == Direction::Benefit {
            hi
        } else {
            lo
        };
        for (cell, v) in out.column_mut(j).iter_mut().zip(col.iter()) {
            // The ratio first: it is in [0, 1], while w·|f* − f| overflows for a value near
            // f64::MAX under a weight a rounding above 1 (as a sweep's rescaled weights can be).
            *cell = w[j] * ((best - v).abs() / (hi - lo));
        }
    }
    out
}

/// VIKOR on the raw matrix `x` with directions and weights, for strategy weight `v`.
pub fn vikor(x: &DMatrix<f64>, dirs: &[Direction], w: &[f64], v: f64) -> Vikor {
    let terms = regrets(x, dirs, w);
    let s: Vec<f64> = terms.row_iter().map(|row| row.sum()).collect();
    let r: Vec<f64> = terms
        .row_iter()
        .map(|row| row.iter().copied().fold(0.0, f64::max))
        .collect();
    let q = q_index(&s, &r, v);
    let compromise = compromise(&s, &r, &q);
    Vikor {
        s,
        r,
        q,
        compromise,
    }
}

/// Q from S and R, for strategy weight `v`.
pub(crate) fn q_index(s: &[f64], r: &[f64], v: f64) -> Vec<f64> {
    /// (x − min)/(max − min), or 0 for every entry when the range is zero.
    fn scaled(x: &[f64]) -> Vec<f64> {
        let (lo, hi) = crate::normalize::min_max(x);
        x.iter()
            .map(|&xi| if hi == lo { 0.0 } else { (xi - lo) / (hi - lo) })
            .collect()
    }
    let (s, r) = (scaled(s), scaled(r));
    s.iter()
        .zip(&r)
        .map(|(si, ri)| v * si + (1.0 - v) * ri)
        .collect()
}

fn compromise(s: &[f64], r: &[f64], q: &[f64]) -> Compromise {
    let n = q.len();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| q[a].total_cmp(&q[b]));
    let first = order[0];
    if n == 1 {
        return Compromise {
            dq: 0.0,
            acceptable_advantage: true,
            acceptable_stability: true,
            set: vec![first],
        };
    }
    let dq = 1.0 / (n - 1) as f64;
    let advantage = q[order[1]] - q[first] >= dq;
    let min_of = |x: &[f64]| x.iter().copied().fold(f64::INFINITY, f64::min);
    let stability = s[first] <= min_of(s) || r[first] <= min_of(r);
    let set = if !advantage {
        order
            .iter()
            .copied()
            .take_while(|&a| a == first || q[a] - q[first] < dq)
            .collect()
    } else if !stability {
        vec![first, order[1]]
    } else {
        vec![first]
    };
    Compromise {
        dq,
        acceptable_advantage: advantage,
        acceptable_stability: stability,
        set,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: &[f64], b: &[f64]) -> bool {
        a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() < 1e-12)
    }

    /// C1 fails: one benefit criterion with values (10, 9, 8.5, 0) gives
    /// Q = (0, 0.1, 0.15, 1); DQ = 1/3, so Q(a⁽²⁾) − Q(a⁽¹⁾) = 0.1 < DQ and the compromise set
    /// is every alternative with Q < 1/3: {a1, a2, a3}. C2 holds (a1 is best by S and R).
    #[test]
    fn advantage_fails_and_the_set_extends_to_m() {
        let x = DMatrix::from_column_slice(4, 1, &[10.0, 9.0, 8.5, 0.0]);
        let out = vikor(&x, &[Direction::Benefit], &[1.0], 0.5);
        assert!(close(&out.q, &[0.0, 0.1, 0.15, 1.0]));
        let c = &out.compromise;
        assert!((c.dq - 1.0 / 3.0).abs() < 1e-15);
        assert!(!c.acceptable_advantage);
        assert!(c.acceptable_stability);
        assert_eq!(c.set, vec![0, 1, 2]);
    }

    /// C2 fails: three benefit criteria, equal weights, columns ranging over [1, 4], [0, 4],
    /// [0, 4]. By hand, S = (5/9, 7/12, 13/36, 1/3, 5/12), R = (2/9, 1/3, 1/4, 1/3, 1/3) and
    /// Q = (4/9, 1, 13/72, 1/2, 2/3). a3 is best by Q, with Q(a1) − Q(a3) = 19/72 ≥ DQ = 1/4
    /// (C1 holds), but a4 is best by S and a1 by R (C2 fails): the set is {a3, a1}.
    #[test]
    fn stability_fails_and_the_set_is_the_first_two() {
        let x = DMatrix::from_row_slice(
            5,
            3,
            &[
                2.0, 2.0, 2.0, 4.0, 1.0, 0.0, 3.0, 4.0, 1.0, 4.0, 0.0, 4.0, 1.0, 4.0, 3.0,
            ],
        );
        let out = vikor(&x, &[Direction::Benefit; 3], &[1.0 / 3.0; 3], 0.5);
        assert!(close(
            &out.s,
            &[5.0 / 9.0, 7.0 / 12.0, 13.0 / 36.0, 1.0 / 3.0, 5.0 / 12.0]
        ));
        assert!(close(
            &out.r,
            &[2.0 / 9.0, 1.0 / 3.0, 0.25, 1.0 / 3.0, 1.0 / 3.0]
        ));
        assert!(close(
            &out.q,
            &[4.0 / 9.0, 1.0, 13.0 / 72.0, 0.5, 2.0 / 3.0]
        ));
        let c = &out.compromise;
        assert!(c.acceptable_advantage);
        assert!(!c.acceptable_stability);
        assert_eq!(c.set, vec![2, 0]);
    }

    /// Degenerate inputs: a single alternative, identical alternatives, a constant criterion
    /// and a regret R equal for everyone (its Q term dropped) all give finite values.
    #[test]
    fn degenerate_inputs_are_decided() {
        let one = DMatrix::from_row_slice(1, 2, &[3.0, 4.0]);
        let out = vikor(
            &one,
            &[Direction::Benefit, Direction::Cost],
            &[0.5, 0.5],
            0.5,
        );
        assert_eq!((out.s, out.r, out.q), (vec![0.0], vec![0.0], vec![0.0]));
        assert_eq!(out.compromise.set, vec![0]);

        let same = DMatrix::from_row_slice(3, 2, &[3.0, 4.0, 3.0, 4.0, 3.0, 4.0]);
        let out = vikor(
            &same,
            &[Direction::Benefit, Direction::Cost],
            &[0.5, 0.5],
            0.5,
        );
        assert_eq!(out.q, vec![0.0; 3]);
        assert!(!out.compromise.acceptable_advantage);
        assert_eq!(out.compromise.set, vec![0, 1, 2]);

        // Second column constant: S and R come from the first alone, and R = S here.
        let x = DMatrix::from_row_slice(3, 2, &[0.0, 7.0, 2.0, 7.0, 4.0, 7.0]);
        let out = vikor(&x, &[Direction::Cost, Direction::Benefit], &[0.6, 0.4], 0.5);
        assert!(close(&out.s, &[0.0, 0.3, 0.6]));
        assert!(close(&out.r, &[0.0, 0.3, 0.6]));
        assert!(close(&out.q, &[0.0, 0.5, 1.0]));

        // Every alternative worst on some criterion of weight ½: R = ½ for all, Q = v·S̃ only.
        let x = DMatrix::from_row_slice(3, 2, &[0.0, 2.0, 2.0, 0.0, 1.0, 0.0]);
        let out = vikor(&x, &[Direction::Benefit; 2], &[0.5, 0.5], 0.5);
        assert!(close(&out.r, &[0.5, 0.5, 0.5]));
        assert!(close(&out.s, &[0.5, 0.5, 0.75]));
        assert!(close(&out.q, &[0.0, 0.0, 0.5]));
    }

    /// Opricovic & Tzeng (2004), section 5: S = (0.5, 0.375, 0.5), R = (0.5, 0.25, 0.5),
    /// Q = (1, 0, 1) with v = 0.5.
    #[test]
    fn opricovic_tzeng_2004() {
        let x = DMatrix::from_row_slice(3, 2, &[1.0, 3000.0, 2.0, 3750.0, 5.0, 4500.0]);
        let out = vikor(&x, &[Direction::Cost, Direction::Benefit], &[0.5, 0.5], 0.5);
        assert_eq!(out.s, vec![0.5, 0.375, 0.5]);
        assert_eq!(out.r, vec![0.5, 0.25, 0.5]);
        assert_eq!(out.q, vec![1.0, 0.0, 1.0]);
        assert!(out.compromise.acceptable_advantage && out.compromise.acceptable_stability);
        assert_eq!(out.compromise.set, vec![1]);
    }

    /// A range of f64::MAX under a weight of 1 + 2⁻⁵² (a sweep's rescaled weight): the regret
    /// is that weight, not an overflow to infinity (and Q is not NaN).
    #[test]
    fn regret_of_a_huge_range_does_not_overflow() {
        let x = DMatrix::from_row_slice(2, 2, &[0.0, 1.0, f64::MAX, 0.0]);
        let w = [1.0 + f64::EPSILON, 0.0];
        let out = vikor(&x, &[Direction::Benefit, Direction::Benefit], &w, 0.5);
        assert_eq!(out.s, vec![w[0], 0.0]);
        assert_eq!(out.q, vec![1.0, 0.0]);
    }
}
