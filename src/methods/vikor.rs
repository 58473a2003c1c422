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

use nalgebra::DMatrix;
use serde::Serialize;

use crate::model::Direction;

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

/// VIKOR on the raw matrix `x` with directions and weights, for strategy weight `v`.
pub fn vikor(x: &DMatrix<f64>, dirs: &[Direction], w: &[f64], v: f64) -> Vikor {
    let (n, m) = x.shape();
    let mut s = vec![0.0; n];
    let mut r = vec![0.0; n];
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
        for i in 0..n {
            let term = w[j] * (best - x[(i, j)]).abs() / (hi - lo);
            s[i] += term;
            r[i] = f64::max(r[i], term);
        }
    }
    let q = q_index(&s, &r, v);
    let compromise = compromise(&s, &r, &q);
    Vikor {
        s,
        r,
        q,
        compromise,
    }
}

fn q_index(s: &[f64], r: &[f64], v: f64) -> Vec<f64> {
    let part = |x: &[f64], i: usize| {
        let (lo, hi) = crate::normalize::min_max(x);
        if hi == lo {
            0.0
        } else {
            (x[i] - lo) / (hi - lo)
        }
    };
    (0..s.len())
        .map(|i| v * part(s, i) + (1.0 - v) * part(r, i))
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
}
