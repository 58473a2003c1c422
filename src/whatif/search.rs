//! The weight questions for TOPSIS, VIKOR and WPM, whose scores are not linear in the weights:
//! a stated search.
//!
//! Candidates: every point of a regular grid on the weight simplex with step `1/r` (the finest
//! `r` with at most [`GRID_POINTS`] points), the current weights, and [`RANDOM_POINTS`] weight
//! vectors drawn uniformly on the simplex (sorted uniforms; PCG generator seeded 0, so the
//! answer is reproducible), each sorted or rejected to meet `--weight-order` and
//! `--weight-bounds`; candidates outside the constraints are dropped. An alternative is
//! potentially optimal when it is strictly first at some candidate. The smallest change: the
//! [`REFINED`] nearest candidates (L1 distance) at which the goal holds are each refined by
//! bisection on the segment from the current weights, to 1e-12 of its length, and the nearest
//! crossing is kept, then pulled back towards the current weights pair of criteria by pair
//! ([`shrink`]). A search finds an upper bound on the smallest change, not a proof of it;
//! the output says so.

use rand_core::Rng;
use rand_pcg::Pcg64Mcg;
use serde::Serialize;

use super::lp::{Constraints, l1};
use super::scorer::Scorer;

/// The most grid points.
pub const GRID_POINTS: usize = 3000;
/// Random candidates.
pub const RANDOM_POINTS: usize = 4000;
/// Candidates refined by bisection.
pub const REFINED: usize = 8;
/// Bisection steps (2^-40 ≈ 1e-12 of the segment).
const BISECTIONS: usize = 40;
/// Passes of [`shrink`] over the pairs of criteria, and its bisection steps per pair.
pub const SHRINK_PASSES: usize = 4;
pub const SHRINK_STEPS: usize = 30;

/// How a search answered.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchInfo {
    /// The grid step on each weight.
    pub grid_step: f64,
    /// Candidates evaluated (grid, random and the current weights, inside the constraints).
    pub candidates: usize,
    pub random_points: usize,
    pub seed: u64,
    pub refined_by: &'static str,
}

/// The candidates and every alternative's scores at each.
pub(crate) struct Candidates {
    pub weights: Vec<Vec<f64>>,
    pub scores: Vec<Vec<f64>>,
    pub info: SearchInfo,
}

fn binomial(n: usize, k: usize) -> f64 {
    (0..k).fold(1.0, |acc, i| acc * (n - i) as f64 / (i + 1) as f64)
}

/// The grid's resolution: the largest r with C(r + m − 1, m − 1) ≤ GRID_POINTS.
fn resolution(m: usize) -> usize {
    let mut r = 1;
    while r < 1000 && binomial(r + 1 + m - 1, m - 1) <= GRID_POINTS as f64 {
        r += 1;
    }
    r
}

fn grid(m: usize, r: usize, prefix: &mut Vec<usize>, out: &mut Vec<Vec<f64>>) {
    let used: usize = prefix.iter().sum();
    if prefix.len() == m - 1 {
        prefix.push(r - used);
        out.push(prefix.iter().map(|&k| k as f64 / r as f64).collect());
        prefix.pop();
        return;
    }
    for k in 0..=(r - used) {
        prefix.push(k);
        grid(m, r, prefix, out);
        prefix.pop();
    }
}

fn unit(rng: &mut Pcg64Mcg) -> f64 {
    (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64
}

/// One uniform draw on the simplex, sorted to the order and placed above the lower bounds.
fn draw(rng: &mut Pcg64Mcg, m: usize, cons: &Constraints) -> Vec<f64> {
    let mut cuts: Vec<f64> = (0..m - 1).map(|_| unit(rng)).collect();
    cuts.sort_by(f64::total_cmp);
    let mut w: Vec<f64> = Vec::with_capacity(m);
    let mut prev = 0.0;
    for c in cuts.iter().chain(std::iter::once(&1.0)) {
        w.push(c - prev);
        prev = *c;
    }
    if cons.order.len() > 1 {
        let mut vals: Vec<f64> = cons.order.iter().map(|&j| w[j]).collect();
        vals.sort_by(|a, b| b.total_cmp(a));
        for (&j, v) in cons.order.iter().zip(vals) {
            w[j] = v;
        }
    }
    let lows: f64 = (0..m).map(|j| cons.bound(j).0).sum();
    if lows > 0.0 && lows <= 1.0 {
        for (j, x) in w.iter_mut().enumerate() {
            *x = cons.bound(j).0 + (1.0 - lows) * *x;
        }
    }
    w
}

pub(crate) fn candidates(scorer: &Scorer, w0: &[f64], cons: &Constraints) -> Candidates {
    let m = w0.len();
    let r = resolution(m);
    let mut pool = vec![w0.to_vec()];
    if m == 1 {
        pool.push(vec![1.0]);
    } else {
        grid(m, r, &mut Vec::new(), &mut pool);
    }
    let mut rng = Pcg64Mcg::new(0xcafe_f00d_d15e_a5e5);
    let mut drawn = 0;
    let mut tries = 0;
    while m > 1 && drawn < RANDOM_POINTS && tries < 20 * RANDOM_POINTS {
        tries += 1;
        let w = draw(&mut rng, m, cons);
        if cons.admits(&w, 1e-12) {
            pool.push(w);
            drawn += 1;
        }
    }
    let weights: Vec<Vec<f64>> = pool
        .into_iter()
        .enumerate()
        .filter(|(k, w)| *k == 0 || cons.admits(w, 1e-12))
        .map(|(_, w)| w)
        .collect();
    let scores = weights.iter().map(|w| scorer.scores(w)).collect();
    Candidates {
        info: SearchInfo {
            grid_step: 1.0 / r as f64,
            candidates: weights.len(),
            random_points: drawn,
            seed: 0,
            refined_by: "bisection on the segment from the current weights to 1e-12 of its length",
        },
        weights,
        scores,
    }
}

/// The nearest weights (to `w0`) at which `goal(scores)` holds, found among the candidates and
/// refined by bisection; `None` when no candidate meets the goal.
pub(crate) fn nearest(
    scorer: &Scorer,
    cands: &Candidates,
    w0: &[f64],
    cons: &Constraints,
    goal: &dyn Fn(&[f64]) -> bool,
) -> Option<Vec<f64>> {
    if goal(&scorer.scores(w0)) {
        return Some(w0.to_vec());
    }
    // Points between the current weights and a candidate meet the constraints only when the
    // current weights do (the feasible set is convex); otherwise the candidate itself is kept.
    let bisect = cons.admits(w0, 1e-12);
    let mut hits: Vec<(f64, usize)> = cands
        .scores
        .iter()
        .enumerate()
        .filter(|(_, s)| goal(s))
        .map(|(k, _)| (l1(&cands.weights[k], w0), k))
        .collect();
    hits.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let at = |lambda: f64, w1: &[f64]| -> Vec<f64> {
        w0.iter()
            .zip(w1)
            .map(|(a, b)| a + lambda * (b - a))
            .collect()
    };
    let mut best: Option<(f64, Vec<f64>)> = None;
    for &(dist, k) in hits.iter().take(REFINED) {
        let w1 = &cands.weights[k];
        let (mut lo, mut hi) = (0.0, 1.0);
        for _ in 0..if bisect { BISECTIONS } else { 0 } {
            let mid = 0.5 * (lo + hi);
            if goal(&scorer.scores(&at(mid, w1))) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        let d = hi * dist;
        if best.as_ref().is_none_or(|(b, _)| d < *b) {
            best = Some((d, at(hi, w1)));
        }
    }
    let ok = |s: &[f64], w: &[f64]| cons.admits(w, 1e-12) && goal(s);
    best.map(|(_, w)| {
        if bisect {
            shrink(scorer, w0, w, &ok)
        } else {
            w
        }
    })
}

/// Pulls an answer `w` back towards `w0` while the goal still holds: for every pair of
/// criteria where `w` has more weight than `w0` on one (j) and less on the other (k), the
/// largest transfer δ from j back to k that keeps the goal (by bisection, [`SHRINK_STEPS`]
/// steps), which shortens the L1 distance by 2δ. Up to [`SHRINK_PASSES`] passes over the
/// pairs. Only points that meet the constraints are accepted (`goal` sees the weights too).
fn shrink(
    scorer: &Scorer,
    w0: &[f64],
    mut w: Vec<f64>,
    goal: &dyn Fn(&[f64], &[f64]) -> bool,
) -> Vec<f64> {
    let m = w.len();
    for _ in 0..SHRINK_PASSES {
        let mut moved = false;
        for j in 0..m {
            for k in 0..m {
                let room = (w[j] - w0[j]).min(w0[k] - w[k]);
                if j == k || room <= 1e-12 {
                    continue;
                }
                let at = |d: f64| {
                    let mut v = w.clone();
                    v[j] -= d;
                    v[k] += d;
                    v
                };
                let (mut lo, mut hi) = (0.0, room);
                let holds = |d: f64| {
                    let v = at(d);
                    goal(&scorer.scores(&v), &v)
                };
                if holds(hi) {
                    lo = hi;
                } else {
                    for _ in 0..SHRINK_STEPS {
                        let mid = 0.5 * (lo + hi);
                        if holds(mid) {
                            lo = mid;
                        } else {
                            hi = mid;
                        }
                    }
                }
                if lo > 1e-12 {
                    w = at(lo);
                    moved = true;
                }
            }
        }
        if !moved {
            break;
        }
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_grid_is_the_finest_within_its_size() {
        // Five criteria: C(r + 4, 4) points; C(17, 4) = 2380 ≤ 3000 < C(18, 4) = 3060.
        assert_eq!(resolution(5), 13);
        let mut pts = Vec::new();
        grid(5, 13, &mut Vec::new(), &mut pts);
        assert_eq!(pts.len(), 2380);
        assert!(
            pts.iter()
                .all(|w| (w.iter().sum::<f64>() - 1.0).abs() < 1e-12)
        );
        // Two criteria: r + 1 points, capped at r = 1000 (a step of 0.1%).
        assert_eq!(resolution(2), 1000);
    }

    #[test]
    fn draws_meet_the_order_and_the_lower_bounds() {
        let cons = Constraints {
            bounds: vec![(0.1, 1.0), (0.0, 1.0), (0.2, 1.0)],
            order: vec![2, 0],
        };
        let mut rng = Pcg64Mcg::new(7);
        for _ in 0..100 {
            let w = draw(&mut rng, 3, &cons);
            assert!(cons.admits(&w, 1e-12), "{w:?}");
        }
    }
}
