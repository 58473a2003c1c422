//! The weight constraints: an order of importance (`w_a ≥ w_b ≥ …`), intervals
//! (`lo ≤ w_j ≤ hi`) and linear statements (`w_a ≥ 2 w_b`, `w_a + w_b ≤ 0.6`), and how draws
//! are made to respect them: by rejection (exact: a uniform draw kept when it qualifies), or by
//! hit-and-run ([`super::hitrun`]) when rejection would keep too few.
//!
//! The choice (`--sampler auto`, the default): without intervals or statements, draws are
//! direct (sorting a uniform draw for the order), never rejected. Otherwise a pilot of
//! [`PILOT`] rejection draws measures the accepted share; at [`AUTO_ACCEPTANCE`] or more,
//! rejection runs, below it hit-and-run. `--sampler rejection` refuses constraints that accept
//! fewer than 1 draw in 1 000 (the loop would crawl); `--sampler hit-and-run` always runs the
//! chain. Constraints no weights meet, or that leave no room (no interior), are refused with a
//! smallest set of them that conflict.

use rand_pcg::Pcg64Mcg;
use serde::Serialize;

use super::hitrun::HitAndRun;
use super::polytope::{Empty, Half, Polytope};
use super::sampler::{STREAM_PILOT, chunk_rng, simplex};
use super::{SmaaError, SmaaOptions};
use crate::model::Model;
use crate::model::constraint::WeightConstraint;

/// Draws of the pilot that checks the weight constraints accept enough.
pub(super) const PILOT: usize = 10_000;
/// Smallest acceptable share of accepted weight draws.
const MIN_ACCEPTANCE: f64 = 1e-3;
/// Under `--sampler auto`, the accepted share of the pilot below which hit-and-run runs.
pub const AUTO_ACCEPTANCE: f64 = 0.01;
/// Slack on the weight bounds, for rounding.
const BOUND_SLACK: f64 = 1e-12;

/// How to draw constrained weights.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SamplerChoice {
    /// Rejection when the pilot accepts at least [`AUTO_ACCEPTANCE`], else hit-and-run.
    #[default]
    Auto,
    Rejection,
    HitAndRun,
}

/// Linear statements on the normalised weights, and the sampler to draw with.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LinearConstraints {
    pub statements: Vec<WeightConstraint>,
    pub sampler: SamplerChoice,
}

/// Which sampler drew the weights, and how.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SamplerReport {
    /// `"direct"` (uniform draws, sorted for an order: nothing rejected), `"rejection"` or
    /// `"hit-and-run"`.
    pub name: &'static str,
    /// The share of the pilot's uniform draws that met the constraints (`None`: no pilot).
    pub acceptance: Option<f64>,
    /// Hit-and-run: steps of each chain before its first draw, and between kept draws.
    pub burn_in: Option<usize>,
    pub thinning: Option<usize>,
    /// Hit-and-run: draws per chain (one chain per chunk).
    pub chain_length: Option<u64>,
    /// Hit-and-run: whether the directions were fitted to the set's shape.
    pub rounded: Option<bool>,
    /// The linear statements, as written.
    pub constraints: Vec<String>,
    /// Why this sampler ran.
    pub reason: String,
}

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
    linear: Vec<WeightConstraint>,
    /// The chain, when hit-and-run draws.
    chain: Option<HitAndRun>,
    report: SamplerReport,
}

impl WeightSampler {
    pub(super) fn new(model: &Model, s: &SmaaOptions) -> Result<WeightSampler, SmaaError> {
        let m = model.criteria.len();
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
        for c in &s.linear.statements {
            if c.coef.len() != m || !c.bound.is_finite() || c.coef.iter().any(|x| !x.is_finite()) {
                return Err(SmaaError::BadConstraint {
                    text: c.text.clone(),
                });
            }
        }
        let mut sampler = WeightSampler {
            m,
            order: s.weight_order.clone(),
            bounds: s.bounds.clone(),
            free,
            slack,
            linear: s.linear.statements.clone(),
            chain: None,
            report: SamplerReport {
                name: "direct",
                acceptance: None,
                burn_in: None,
                thinning: None,
                chain_length: None,
                rounded: None,
                constraints: s.linear.statements.iter().map(|c| c.text.clone()).collect(),
                reason: String::new(),
            },
        };
        sampler.choose(model, s)?;
        Ok(sampler)
    }

    /// Whether a uniform draw can be rejected.
    fn rejects(&self) -> bool {
        self.bounds.is_some() || !self.linear.is_empty()
    }

    /// Picks the sampler (see the module's documentation).
    fn choose(&mut self, model: &Model, s: &SmaaOptions) -> Result<(), SmaaError> {
        let rejects = self.rejects();
        if s.linear.sampler == SamplerChoice::HitAndRun {
            self.report.reason = "asked for (--sampler hit-and-run)".into();
            return self.start_chain(model, s);
        }
        if !rejects {
            self.report.reason = if self.order.len() >= 2 {
                "uniform draws sorted for the order of importance are uniform on the ordered weights: nothing is rejected".into()
            } else {
                "uniform draws on the simplex: nothing is rejected".into()
            };
            return Ok(());
        }
        let share = self.pilot(s.seed);
        self.report.acceptance = Some(share);
        let pct = |x: f64| format!("{:.2}%", x * 100.0);
        if s.linear.sampler == SamplerChoice::Rejection {
            if share < MIN_ACCEPTANCE {
                // Name the conflict when there is one; else the constraints are just narrow.
                self.polytope(model, s)?.centre().map_err(empty)?;
                return Err(SmaaError::Hopeless {
                    accepted: (share * PILOT as f64).round() as usize,
                    tried: PILOT,
                });
            }
            self.report.name = "rejection";
            self.report.reason = format!(
                "asked for (--sampler rejection); the pilot accepted {} of {PILOT} uniform draws",
                pct(share)
            );
            return Ok(());
        }
        if share >= AUTO_ACCEPTANCE {
            self.report.name = "rejection";
            self.report.reason = format!(
                "the pilot accepted {} of {PILOT} uniform draws, at least {}: rejection is exact and fast enough",
                pct(share),
                pct(AUTO_ACCEPTANCE)
            );
            return Ok(());
        }
        self.report.reason = format!(
            "the pilot accepted {} of {PILOT} uniform draws, below {}: rejection would waste most draws",
            pct(share),
            pct(AUTO_ACCEPTANCE)
        );
        self.start_chain(model, s)
    }

    /// The admissible weights as a polytope.
    fn polytope(&self, model: &Model, s: &SmaaOptions) -> Result<Polytope, SmaaError> {
        let id = |j: usize| model.criteria[j].id.as_str();
        let mut names = Vec::new();
        let mut halves = Vec::new();
        let mut fixed = vec![None; self.m];
        let mut add = |names: &mut Vec<String>, name: String, coef: Vec<(usize, f64)>, h: f64| {
            halves.push(Half {
                coef,
                h,
                from: Some(names.len()),
            });
            names.push(name);
        };
        if let Some(b) = &self.bounds {
            for (j, &(lo, hi)) in b.iter().enumerate() {
                if hi - lo <= BOUND_SLACK {
                    fixed[j] = Some(lo);
                    continue;
                }
                if lo > 0.0 {
                    add(
                        &mut names,
                        format!("{} ≥ {lo}", id(j)),
                        vec![(j, -1.0)],
                        -lo,
                    );
                }
                if hi < 1.0 {
                    add(&mut names, format!("{} ≤ {hi}", id(j)), vec![(j, 1.0)], hi);
                }
            }
        }
        for p in self.order.windows(2) {
            add(
                &mut names,
                format!("{} ≥ {} (order of importance)", id(p[0]), id(p[1])),
                vec![(p[1], 1.0), (p[0], -1.0)],
                0.0,
            );
        }
        for c in &s.linear.statements {
            let coef = c
                .coef
                .iter()
                .enumerate()
                .filter(|(_, x)| **x != 0.0)
                .map(|(j, &x)| (j, x))
                .collect();
            add(&mut names, c.text.clone(), coef, c.bound);
        }
        Polytope::new(self.m, &fixed, &halves, names).map_err(empty)
    }

    /// Builds the hit-and-run chain from the Chebyshev centre.
    fn start_chain(&mut self, model: &Model, s: &SmaaOptions) -> Result<(), SmaaError> {
        let poly = self.polytope(model, s)?;
        let (centre, _) = poly.centre().map_err(empty)?;
        let chain = HitAndRun::new(poly, centre).rounded(&mut chunk_rng(s.seed, STREAM_PILOT, 1));
        self.report.name = "hit-and-run";
        self.report.burn_in = Some(chain.burn_in());
        self.report.thinning = Some(chain.thin());
        self.report.chain_length = Some(super::CHUNK);
        self.report.rounded = Some(chain.is_rounded());
        self.chain = Some(chain);
        Ok(())
    }

    /// Which sampler runs, and how.
    pub(super) fn report(&self) -> SamplerReport {
        self.report.clone()
    }

    /// Draws one vector into `w`; `false` when a constraint rejects it.
    #[inline]
    fn draw(
        &self,
        rng: &mut Pcg64Mcg,
        w: &mut [f64],
        buf: &mut Vec<f64>,
        tmp: &mut Vec<f64>,
    ) -> bool {
        self.draw_bounded(rng, w, buf, tmp)
            && self.linear.iter().all(|c| c.slack(w) >= -BOUND_SLACK)
    }

    /// [`Self::draw`] without the linear statements.
    #[inline]
    fn draw_bounded(
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

    /// The next weight vector of a chunk. Rejection draws until one is accepted; hit-and-run
    /// keeps its chain in `tmp`, which must be empty at the start of each chunk (the chain then
    /// starts afresh, so chunks do not depend on one another). `buf` is scratch.
    #[inline]
    pub(super) fn sample(
        &self,
        rng: &mut Pcg64Mcg,
        w: &mut [f64],
        buf: &mut Vec<f64>,
        tmp: &mut Vec<f64>,
    ) {
        if let Some(chain) = &self.chain {
            chain.sample(rng, w, buf, tmp);
            return;
        }
        while !self.draw(rng, w, buf, tmp) {}
    }

    /// For draws uniform on the whole simplex (no bound, order, statement or chain) of at most
    /// 64 criteria, the sorting network that draws a batch of them at once
    /// ([`super::sampler::simplex_lanes`], the same numbers as [`WeightSampler::sample`]);
    /// `None` otherwise.
    pub(super) fn network(&self) -> Option<Vec<(u8, u8)>> {
        (self.chain.is_none()
            && !self.rejects()
            && self.order.len() < 2
            && (1..=64).contains(&self.m))
        .then(|| super::sampler::sorting_network(self.m - 1))
    }

    /// The share of [`PILOT`] uniform draws that meet the constraints.
    fn pilot(&self, seed: u64) -> f64 {
        let mut rng = chunk_rng(seed, STREAM_PILOT, 0);
        let (mut w, mut buf, mut tmp) = (vec![0.0; self.m], Vec::new(), Vec::new());
        let accepted = (0..PILOT)
            .filter(|_| self.draw(&mut rng, &mut w, &mut buf, &mut tmp))
            .count();
        accepted as f64 / PILOT as f64
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
        if !self.linear.is_empty() {
            let texts: Vec<&str> = self.linear.iter().map(|c| c.text.as_str()).collect();
            parts.push(format!("subject to {}", texts.join(", ")));
        }
        let r = &self.report;
        match (r.name, r.burn_in, r.thinning) {
            ("hit-and-run", Some(b), Some(t)) => parts.push(format!(
                "— by hit-and-run (one chain per chunk of {} samples from the Chebyshev centre{}, burn-in {b} steps, then one draw kept every {t} {})",
                super::CHUNK,
                if r.rounded == Some(true) { ", directions fitted to the set's shape" } else { "" },
                if t == 1 { "step" } else { "steps" }
            )),
            ("rejection", ..) => parts.push(format!(
                "— by rejection ({:.1}% of uniform draws accepted)",
                r.acceptance.unwrap_or(1.0) * 100.0
            )),
            _ => {}
        }
        parts.join(" ")
    }
}

/// The error for constraints that leave no weights, or no room.
fn empty(e: Empty) -> SmaaError {
    match e {
        Empty::Infeasible(constraints) => SmaaError::Infeasible { constraints },
        Empty::Flat(constraints) => SmaaError::NoRoom { constraints },
        Empty::Solver(message) => SmaaError::Solver { message },
    }
}

impl SmaaOptions {
    /// Options that respect the model's `[smaa]` table, with this many samples and seed.
    pub fn for_model(model: &Model, samples: u64, seed: u64) -> SmaaOptions {
        let t = &model.smaa;
        SmaaOptions {
            samples,
            seed,
            weight_order: t.weight_order.clone(),
            bounds: t.weight_bounds.clone(),
            linear: LinearConstraints {
                statements: t.constraints.clone(),
                sampler: SamplerChoice::Auto,
            },
        }
    }

    /// Adds an order of importance. When there is one already, the new one is kept as the
    /// order and the old one joins the linear statements (`w_a − w_b ≥ 0` for each pair), so
    /// both hold.
    pub fn add_order(&mut self, model: &Model, order: Vec<usize>) {
        if order.len() < 2 {
            return;
        }
        let old = std::mem::replace(&mut self.weight_order, order);
        for p in old.windows(2) {
            let mut coef = vec![0.0; model.criteria.len()];
            coef[p[0]] = -1.0;
            coef[p[1]] = 1.0;
            self.linear.statements.push(WeightConstraint {
                text: format!("{} >= {}", model.criteria[p[0]].id, model.criteria[p[1]].id),
                coef,
                bound: 0.0,
            });
        }
    }

    /// Adds intervals: each criterion keeps the intersection of its old and new interval.
    /// `Err(j)` when they do not meet for criterion `j`.
    pub fn add_bounds(&mut self, bounds: Vec<(f64, f64)>) -> Result<(), usize> {
        let merged = match self.bounds.take() {
            None => bounds,
            Some(old) => old
                .iter()
                .zip(&bounds)
                .map(|(a, b)| (a.0.max(b.0), a.1.min(b.1)))
                .collect(),
        };
        if let Some(j) = merged.iter().position(|(lo, hi)| lo > hi) {
            return Err(j);
        }
        self.bounds = Some(merged);
        Ok(())
    }
}

/// The first `count` weight vectors SMAA draws under these options, chunk by chunk as a run
/// draws them, and which sampler drew them. With certain scores they are exactly the weights a
/// run ranks (uncertain scores share each chunk's generator, so their runs draw others).
pub fn weight_draws(
    model: &Model,
    s: &SmaaOptions,
    count: u64,
) -> Result<(Vec<Vec<f64>>, SamplerReport), SmaaError> {
    let sampler = WeightSampler::new(model, s)?;
    let m = model.criteria.len();
    let mut out = Vec::with_capacity(usize::try_from(count).unwrap_or(0));
    for k in 0..count.div_ceil(super::CHUNK) {
        let mut rng = chunk_rng(s.seed, super::sampler::STREAM_RANKS, k);
        let (mut buf, mut tmp) = (Vec::new(), Vec::new());
        for _ in 0..super::CHUNK.min(count - k * super::CHUNK) {
            let mut w = vec![0.0; m];
            sampler.sample(&mut rng, &mut w, &mut buf, &mut tmp);
            out.push(w);
        }
    }
    Ok((out, sampler.report()))
}
