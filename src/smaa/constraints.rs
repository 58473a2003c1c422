//! The weight constraints: an order of importance (`w_a ≥ w_b ≥ …`) and intervals
//! (`lo ≤ w_j ≤ hi`), and how draws are made to respect them.

use rand_pcg::Pcg64Mcg;

use super::sampler::{STREAM_PILOT, chunk_rng, simplex};
use super::{SmaaError, SmaaOptions};
use crate::model::Model;

/// Draws of the pilot that checks the weight constraints accept enough.
pub(super) const PILOT: usize = 10_000;
/// Smallest acceptable share of accepted weight draws.
const MIN_ACCEPTANCE: f64 = 1e-3;
/// Slack on the weight bounds, for rounding.
const BOUND_SLACK: f64 = 1e-12;

/// Draws weight vectors under the user's constraints.
#[derive(Debug, Clone)]
pub(super) struct WeightSampler {
    m: usize,
    order: Vec<usize>,
    /// `(lo, hi)` per criterion, when bounded.
    bounds: Option<Vec<(f64, f64)>>,
    /// Bounds without order: the criteria free to vary, and `1 − Σ lo`.
    free: Vec<usize>,
    slack: f64,
}

impl WeightSampler {
    pub(super) fn new(m: usize, s: &SmaaOptions) -> Result<WeightSampler, SmaaError> {
        let mut seen = vec![false; m];
        for &j in &s.weight_order {
            if std::mem::replace(&mut seen[j], true) {
                return Err(SmaaError::RepeatedInOrder { criterion: j });
            }
        }
        let mut free: Vec<usize> = (0..m).collect();
        let mut slack = 1.0;
        if let Some(b) = &s.bounds {
            for (j, &(lo, hi)) in b.iter().enumerate() {
                if !(0.0..=1.0).contains(&lo) || !(lo..=1.0).contains(&hi) {
                    return Err(SmaaError::BadBounds {
                        criterion: j,
                        lo,
                        hi,
                    });
                }
            }
            let sum_lo: f64 = b.iter().map(|x| x.0).sum();
            let sum_hi: f64 = b.iter().map(|x| x.1).sum();
            if sum_lo > 1.0 + 1e-9 || sum_hi < 1.0 - 1e-9 {
                return Err(SmaaError::InfeasibleBounds { sum_lo, sum_hi });
            }
            free = (0..m).filter(|&j| b[j].1 - b[j].0 > BOUND_SLACK).collect();
            slack = (1.0 - sum_lo).max(0.0);
        }
        Ok(WeightSampler {
            m,
            order: s.weight_order.clone(),
            bounds: s.bounds.clone(),
            free,
            slack,
        })
    }

    /// Draws one vector into `w`; `false` when a bound rejects it.
    #[inline]
    fn draw(
        &self,
        rng: &mut Pcg64Mcg,
        w: &mut [f64],
        buf: &mut Vec<f64>,
        tmp: &mut Vec<f64>,
    ) -> bool {
        let Some(bounds) = &self.bounds else {
            simplex(rng, w, buf);
            self.sort_ordered(w, tmp);
            return true;
        };
        if !self.order.is_empty() {
            simplex(rng, w, buf);
            self.sort_ordered(w, tmp);
            return w
                .iter()
                .zip(bounds)
                .all(|(&x, &(lo, hi))| x >= lo - BOUND_SLACK && x <= hi + BOUND_SLACK);
        }
        for (x, &(lo, _)) in w.iter_mut().zip(bounds) {
            *x = lo;
        }
        if self.free.is_empty() {
            return true;
        }
        tmp.resize(self.free.len(), 0.0);
        simplex(rng, tmp, buf);
        self.free.iter().zip(tmp.iter()).all(|(&j, &v)| {
            w[j] += self.slack * v;
            w[j] <= bounds[j].1 + BOUND_SLACK
        })
    }

    /// Sorts the components named by the weight order into decreasing order.
    #[inline]
    fn sort_ordered(&self, w: &mut [f64], tmp: &mut Vec<f64>) {
        if self.order.len() < 2 {
            return;
        }
        tmp.clear();
        tmp.extend(self.order.iter().map(|&j| w[j]));
        tmp.sort_unstable_by(|a, b| b.total_cmp(a));
        for (&j, &v) in self.order.iter().zip(tmp.iter()) {
            w[j] = v;
        }
    }

    /// Draws until one is accepted.
    #[inline]
    pub(super) fn sample(
        &self,
        rng: &mut Pcg64Mcg,
        w: &mut [f64],
        buf: &mut Vec<f64>,
        tmp: &mut Vec<f64>,
    ) {
        while !self.draw(rng, w, buf, tmp) {}
    }

    /// For draws uniform on the whole simplex (no bound, no order) of at most 64 criteria,
    /// the sorting network that draws a batch of them at once ([`super::sampler::simplex_lanes`],
    /// the same numbers as [`WeightSampler::sample`]); `None` otherwise.
    pub(super) fn network(&self) -> Option<Vec<(u8, u8)>> {
        (self.bounds.is_none() && self.order.len() < 2 && (1..=64).contains(&self.m))
            .then(|| super::sampler::sorting_network(self.m - 1))
    }

    /// Refuses constraints that accept too few draws (the sampling loop would crawl).
    pub(super) fn pilot(&self, seed: u64) -> Result<(), SmaaError> {
        if self.bounds.is_none() {
            return Ok(());
        }
        let mut rng = chunk_rng(seed, STREAM_PILOT, 0);
        let (mut w, mut buf, mut tmp) = (vec![0.0; self.m], Vec::new(), Vec::new());
        let accepted = (0..PILOT)
            .filter(|_| self.draw(&mut rng, &mut w, &mut buf, &mut tmp))
            .count();
        if (accepted as f64) < MIN_ACCEPTANCE * PILOT as f64 {
            return Err(SmaaError::Hopeless {
                accepted,
                tried: PILOT,
            });
        }
        Ok(())
    }

    pub(super) fn describe(&self, model: &Model) -> String {
        let id = |j: usize| model.criteria[j].id.as_str();
        let mut parts = vec!["uniform on the simplex".to_string()];
        if self.order.len() >= 2 {
            let names: Vec<&str> = self.order.iter().map(|&j| id(j)).collect();
            parts.push(format!("with {}", names.join(" ≥ ")));
        }
        if let Some(b) = &self.bounds {
            let named: Vec<String> = b
                .iter()
                .enumerate()
                .filter(|(_, (lo, hi))| *lo > 0.0 || *hi < 1.0)
                .map(|(j, (lo, hi))| format!("{lo} ≤ {} ≤ {hi}", id(j)))
                .collect();
            if !named.is_empty() {
                parts.push(format!("within {}", named.join(", ")));
            }
        }
        parts.join(" ")
    }
}
