//! Hit-and-run: a Markov chain whose stationary distribution is uniform on a convex body
//! (Smith 1984, "Efficient Monte Carlo procedures for generating points uniformly distributed
//! over bounded regions", *Operations Research* 32(6), 1296–1308; for SMAA weights, Tervonen
//! et al. 2013, "Hit-and-run enables efficient weight generation for simulation-based
//! multiple criteria decision analysis", *EJOR* 224(3), 552–559).
//!
//! Each step from the current point `w`: a direction `u` uniform on the unit sphere of the
//! subspace the set lives in (independent standard normals on the free criteria, less their
//! mean, which is the projection of an isotropic normal onto `Σ u = 0` and so isotropic
//! there; its length does not matter); the chord `{w + t u}` inside every half-space
//! `g · w ≤ h`, that is `t_min ≤ t ≤ t_max` with `t ≤ (h − g · w) / (g · u)` for `g · u > 0`
//! and `t ≥` the same for `g · u < 0`; and `t` uniform on the chord.
//!
//! A chain starts at the Chebyshev centre ([`super::polytope`]), takes [`BURN_IN`]` · d` steps
//! before its first draw (`d` the dimension), then keeps one point every [`THIN`]` · d` steps.
//! Every chunk of draws ([`super::CHUNK`]) runs its own chain from its own generator, so the
//! draws do not depend on the number of threads.

use rand_pcg::Pcg64Mcg;

use super::polytope::Polytope;
use super::sampler::unit;

/// Steps before the first draw of a chain, per dimension.
pub const BURN_IN: usize = 100;
/// Steps between two kept draws, per dimension.
pub const THIN: usize = 1;

/// A hit-and-run sampler on a polytope.
#[derive(Debug, Clone)]
pub(super) struct HitAndRun {
    poly: Polytope,
    centre: Vec<f64>,
    burn_in: usize,
    thin: usize,
}

impl HitAndRun {
    pub fn new(poly: Polytope, centre: Vec<f64>) -> HitAndRun {
        let d = poly.dim().max(1);
        HitAndRun {
            poly,
            centre,
            burn_in: BURN_IN * d,
            thin: THIN * d,
        }
    }

    /// The same chain with other burn-in and thinning (for the mixing check).
    #[cfg(test)]
    pub fn with(mut self, burn_in: usize, thin: usize) -> HitAndRun {
        self.burn_in = burn_in;
        self.thin = thin.max(1);
        self
    }

    /// Steps before the first draw.
    pub fn burn_in(&self) -> usize {
        self.burn_in
    }

    /// Steps between kept draws.
    pub fn thin(&self) -> usize {
        self.thin
    }

    /// The next draw of the chain into `w`. `state` is the chain: empty at the start of a
    /// chunk (the chain then starts at the centre and burns in), the current point after.
    /// `u` is scratch.
    #[inline]
    pub fn sample(
        &self,
        rng: &mut Pcg64Mcg,
        w: &mut [f64],
        u: &mut Vec<f64>,
        state: &mut Vec<f64>,
    ) {
        if state.len() != self.poly.m {
            state.clear();
            state.extend_from_slice(&self.centre);
            for _ in 0..self.burn_in {
                self.step(rng, state, u);
            }
        }
        for _ in 0..self.thin {
            self.step(rng, state, u);
        }
        // Rounding drifts the sum by ulps over many steps: spread the difference back.
        let free = &self.poly.free;
        if !free.is_empty() {
            let sum: f64 = free.iter().map(|&j| state[j]).sum();
            let shift = (self.poly.total - sum) / free.len() as f64;
            for &j in free {
                state[j] += shift;
            }
        }
        w.copy_from_slice(state);
    }

    /// One step of the chain from `x`.
    #[inline]
    fn step(&self, rng: &mut Pcg64Mcg, x: &mut [f64], u: &mut Vec<f64>) {
        let free = &self.poly.free;
        if free.len() < 2 {
            return;
        }
        u.clear();
        u.resize(self.poly.m, 0.0);
        let mut k = 0;
        while k < free.len() {
            let (a, b) = normal_pair(rng);
            u[free[k]] = a;
            if k + 1 < free.len() {
                u[free[k + 1]] = b;
            }
            k += 2;
        }
        let mean = free.iter().map(|&j| u[j]).sum::<f64>() / free.len() as f64;
        for &j in free {
            u[j] -= mean;
        }
        let (mut lo, mut hi) = (f64::NEG_INFINITY, f64::INFINITY);
        for row in &self.poly.rows {
            let a = row.dot(u);
            if a == 0.0 {
                continue;
            }
            // Rounding may leave a point a hair outside; it then moves only back in.
            let s = (row.h - row.dot(x)).max(0.0);
            let t = s / a;
            if a > 0.0 {
                hi = hi.min(t);
            } else {
                lo = lo.max(t);
            }
        }
        if !(lo.is_finite() && hi.is_finite() && hi > lo) {
            return;
        }
        let t = lo + unit(rng) * (hi - lo);
        for &j in free {
            x[j] += t * u[j];
        }
    }
}

/// Two independent standard normals (Box & Muller 1958).
#[inline]
fn normal_pair(rng: &mut Pcg64Mcg) -> (f64, f64) {
    let r = (-2.0 * (1.0 - unit(rng)).ln()).sqrt();
    let theta = std::f64::consts::TAU * unit(rng);
    let (s, c) = theta.sin_cos();
    (r * c, r * s)
}

#[cfg(test)]
mod tests {
    use super::super::polytope::Half;
    use super::super::sampler::chunk_rng;
    use super::*;

    #[test]
    fn every_draw_stays_inside() {
        // 0.1 ≤ w0, w0 ≥ 2 w1, w2 + w3 ≤ 0.5 on four criteria.
        let halves = [
            Half {
                coef: vec![(0, -1.0)],
                h: -0.1,
                from: Some(0),
            },
            Half {
                coef: vec![(0, -1.0), (1, 2.0)],
                h: 0.0,
                from: Some(1),
            },
            Half {
                coef: vec![(2, 1.0), (3, 1.0)],
                h: 0.5,
                from: Some(2),
            },
        ];
        let p = Polytope::new(
            4,
            &[None; 4],
            &halves,
            vec!["a".into(), "b".into(), "c".into()],
        )
        .unwrap();
        let (c, _) = p.centre().unwrap();
        let h = HitAndRun::new(p.clone(), c);
        let mut rng = chunk_rng(1, 0, 0);
        let (mut w, mut u, mut state) = (vec![0.0; 4], Vec::new(), Vec::new());
        for _ in 0..20_000 {
            h.sample(&mut rng, &mut w, &mut u, &mut state);
            assert!((w.iter().sum::<f64>() - 1.0).abs() < 1e-12);
            assert!(p.depth(&w) > -1e-12, "{w:?}");
        }
    }
}
