//! SMAA-2: stochastic multicriteria acceptability analysis.
//!
//! Lahdelma & Salminen (2001), "SMAA-2: Stochastic multicriteria acceptability analysis for
//! group decision making", *Operations Research* 49(3), 444–454. Weights `w` are drawn from a
//! distribution on the simplex (uniform: no preference information), uncertain scores `ξ` from
//! their intervals (uniform), and the method ranks the alternatives for each draw. With `N`
//! draws:
//!
//! - rank acceptability `b_i^r`: the share of draws that put alternative `i` at rank `r`;
//!   standard error `√(b (1 − b) / N)` (binomial);
//! - central weight vector `w_i^c`: the mean weight vector of the draws in which `i` ranks
//!   first (`null` when it never does); standard error of each component `σ / √c`, with `σ`
//!   the sample standard deviation over those `c` draws;
//! - confidence factor `p_i^c`: the probability that `i` ranks first when the weights are its
//!   central weights, over the score uncertainty. With certain scores it is 0 or 1 and computed
//!   once; otherwise it is estimated from `min(N, 10 000)` draws of the scores
//!   ([`CONFIDENCE_SAMPLES`]), with binomial standard error.
//!
//! Weights: uniform on the simplex, by the sorted-uniforms method (the spacings of `m − 1`
//! sorted uniforms on [0, 1] are uniform on the simplex; Devroye 1986, ch. V). `--weight-order`
//! (`w_a ≥ w_b ≥ …` for the listed criteria) sorts the listed components of that draw in
//! decreasing order, which is uniform on the constrained region because the uniform simplex
//! is exchangeable. Per-criterion intervals `lo ≤ w_j ≤ hi`: criteria with `lo = hi` are fixed,
//! the others get `w = lo + (1 − Σ lo) v` with `v` uniform on their simplex (uniform on the
//! region above the lower bounds), and draws above an upper bound are rejected; a pilot of
//! 10 000 draws refuses bounds that accept fewer than 1 draw in 1 000. With both an order and
//! intervals, ordered draws outside the intervals are rejected.
//!
//! Ties within a draw (equal scores) are broken by the model's order, as in the plain ranking:
//! rank acceptability rows and columns then both sum to 1. The WSM fast path compares scores
//! exactly; the general path uses the ranking's tolerance (1e-12 relative).
//!
//! Reproducibility: draws come in chunks of [`CHUNK`] samples, whatever the number of threads;
//! chunk `k` has its own PCG generator (`Pcg64Mcg`, O'Neill 2014) seeded from `(seed, k)`
//! through SplitMix64; chunks run in parallel (rayon) and are combined in chunk order, so one
//! and many threads give the same bytes.
//!
//! Speed: for WSM with certain scores (or uncertain scores only on criteria whose
//! normalisation is against fixed scale ends), the normalised matrix is computed once and a
//! draw costs one matrix–vector product and a count of how many scores beat each one, without
//! allocation. Other cases call [`evaluate`] for each draw.

use indexmap::IndexMap;
use rand_core::Rng;
use rand_pcg::Pcg64Mcg;
use rayon::prelude::*;
use serde::Serialize;

use crate::methods::{CriterionInfo, Method, Options, evaluate};
use crate::model::Model;
use crate::normalize::{Normalization, NormalizeError, normalize};
use crate::ranking::order_best_first;

/// Samples per chunk: the unit of parallel work and of seeding.
pub const CHUNK: u64 = 8192;

/// The most alternatives SMAA takes: its tallies grow with the square of their number.
pub const MAX_ALTERNATIVES: usize = 2000;
/// The largest number of score draws used to estimate a confidence factor.
pub const CONFIDENCE_SAMPLES: u64 = 10_000;
/// Draws of the pilot that checks the weight constraints accept enough.
const PILOT: usize = 10_000;
/// Smallest acceptable share of accepted weight draws.
const MIN_ACCEPTANCE: f64 = 1e-3;
/// Slack on the weight bounds, for rounding.
const BOUND_SLACK: f64 = 1e-12;

/// What to sample.
#[derive(Debug, Clone, PartialEq)]
pub struct SmaaOptions {
    pub samples: u64,
    pub seed: u64,
    /// Criteria (indices) from most to least important: `w_a ≥ w_b ≥ …`; empty for none.
    pub weight_order: Vec<usize>,
    /// Per-criterion `(lo, hi)` bounds on the normalised weights; `None` for `[0, 1]` each.
    pub bounds: Option<Vec<(f64, f64)>>,
}

/// Why SMAA cannot run.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SmaaError {
    #[error(transparent)]
    Normalize(#[from] NormalizeError),
    #[error("the number of samples must be at least 1")]
    NoSamples,
    #[error(
        "SMAA counts every rank of every alternative ({n} × {n} tallies); {n} alternatives are more than the {max} it takes. Analyse a shortlist, such as the first {max} of `pmatrix rank`"
    )]
    TooManyAlternatives { n: usize, max: usize },
    #[error("criterion #{criterion} appears twice in the weight order")]
    RepeatedInOrder { criterion: usize },
    #[error(
        "weight bounds of criterion #{criterion} are {lo}..{hi}; bounds must satisfy 0 ≤ lo ≤ hi ≤ 1"
    )]
    BadBounds { criterion: usize, lo: f64, hi: f64 },
    #[error(
        "the lower weight bounds sum to {sum_lo} and the upper to {sum_hi}; weights sum to 1, so the lower bounds must sum to at most 1 and the upper to at least 1"
    )]
    InfeasibleBounds { sum_lo: f64, sum_hi: f64 },
    #[error(
        "the weight constraints accept only {accepted} of {tried} random weight vectors; widen the bounds or drop --weight-order"
    )]
    Hopeless { accepted: usize, tried: usize },
}

/// SMAA-2 results, alternatives in the model's order.
#[derive(Debug, Clone, Serialize)]
pub struct Smaa {
    pub method: Method,
    pub normalization: Option<Normalization>,
    /// Criteria for which `scale` normalisation used the observed minimum and maximum.
    pub minmax_fallback: Vec<String>,
    pub samples: u64,
    pub seed: u64,
    /// The generator and how it is seeded.
    pub generator: String,
    /// How the weights were drawn.
    pub weights: String,
    /// Score draws behind each confidence factor (1: scores are certain, computed exactly).
    pub confidence_samples: u64,
    pub alternatives: Vec<SmaaAlternative>,
}

/// One alternative's indices.
#[derive(Debug, Clone, Serialize)]
pub struct SmaaAlternative {
    pub id: String,
    pub name: String,
    /// `rank_acceptability[k]`: the share of draws that put it at rank k + 1.
    pub rank_acceptability: Vec<f64>,
    pub rank_acceptability_se: Vec<f64>,
    pub central_weights: Option<IndexMap<String, f64>>,
    /// `None` when fewer than two draws put it first.
    pub central_weights_se: Option<IndexMap<String, f64>>,
    pub confidence: Option<f64>,
    pub confidence_se: Option<f64>,
}

/// Runs SMAA-2. `progress` is called with the number of samples done by each finished chunk.
pub fn smaa(
    model: &Model,
    opts: &Options,
    s: &SmaaOptions,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<Smaa, SmaaError> {
    if s.samples == 0 {
        return Err(SmaaError::NoSamples);
    }
    let (n, m) = model.scores.mid.shape();
    if n > MAX_ALTERNATIVES {
        return Err(SmaaError::TooManyAlternatives {
            n,
            max: MAX_ALTERNATIVES,
        });
    }
    let sampler = WeightSampler::new(m, s)?;
    sampler.pilot(s.seed)?;
    let engine = Sampled::new(model, opts)?;
    let chunks = s.samples.div_ceil(CHUNK);
    // Chunks run in parallel a batch at a time and their tallies are added in chunk order, so
    // the sums are the same whatever the thread count, and only a batch of tallies (each n × n)
    // is held at once.
    let batch = 2 * rayon::current_num_threads() as u64;
    let mut total = Tally::new(n, m);
    for first in (0..chunks).step_by(batch as usize) {
        let tallies = (first..chunks.min(first + batch))
            .into_par_iter()
            .map(|k| {
                let len = CHUNK.min(s.samples - k * CHUNK);
                let t = engine.rank_chunk(&sampler, chunk_rng(s.seed, STREAM_RANKS, k), len);
                progress(len);
                t
            })
            .collect::<Result<Vec<Tally>, SmaaError>>()?;
        for t in &tallies {
            total.add(t);
        }
    }
    let central: Vec<Option<Vec<f64>>> = (0..n)
        .map(|i| {
            let c = total.first(i);
            (c > 0).then(|| (0..m).map(|j| total.w1[i * m + j] / c as f64).collect())
        })
        .collect();
    let (confidence, confidence_samples) = engine.confidence(&central, s)?;
    let big_n = s.samples as f64;
    let alternatives = (0..n)
        .map(|i| {
            let b: Vec<f64> = (0..n)
                .map(|r| total.acc[i * n + r] as f64 / big_n)
                .collect();
            let c = total.first(i);
            let keyed = |v: Vec<f64>| -> IndexMap<String, f64> {
                model.criteria.iter().map(|c| c.id.clone()).zip(v).collect()
            };
            let se = (c >= 2).then(|| {
                let c = c as f64;
                (0..m)
                    .map(|j| {
                        let mean = total.w1[i * m + j] / c;
                        let var = (total.w2[i * m + j] / c - mean * mean).max(0.0) * c / (c - 1.0);
                        (var / c).sqrt()
                    })
                    .collect()
            });
            let k = confidence_samples as f64;
            SmaaAlternative {
                id: model.alternatives[i].id.clone(),
                name: model.alternatives[i].name.clone(),
                rank_acceptability_se: b.iter().map(|&p| binomial_se(p, big_n)).collect(),
                rank_acceptability: b,
                central_weights: central[i].clone().map(keyed),
                central_weights_se: se.map(keyed),
                confidence: confidence[i],
                confidence_se: confidence[i].map(|p| {
                    if confidence_samples <= 1 {
                        0.0
                    } else {
                        binomial_se(p, k)
                    }
                }),
            }
        })
        .collect();
    Ok(Smaa {
        method: opts.method,
        normalization: opts.effective_normalization(),
        minmax_fallback: crate::sensitivity::minmax_fallback(model, opts),
        samples: s.samples,
        seed: s.seed,
        generator: format!(
            "Pcg64Mcg (rand_pcg), one per chunk of {CHUNK} samples, seeded by SplitMix64 from (seed, chunk)"
        ),
        weights: sampler.describe(model),
        confidence_samples,
        alternatives,
    })
}

/// A rough estimate of the run time on one core, to decide whether to show progress.
pub fn estimated_seconds(model: &Model, opts: &Options, samples: u64) -> f64 {
    let (n, m) = model.scores.mid.shape();
    let fast = opts.method == Method::Wsm && !model.scores.is_uncertain();
    let per_sample = if fast {
        (n * m + n * n) as f64 * 0.5e-9
    } else {
        (n * m) as f64 * 50e-9 + n as f64 * 100e-9
    };
    samples as f64 * per_sample
}

fn binomial_se(p: f64, n: f64) -> f64 {
    (p * (1.0 - p) / n).max(0.0).sqrt()
}

const STREAM_RANKS: u64 = 0;
const STREAM_CONFIDENCE: u64 = 1;
const STREAM_PILOT: u64 = 2;

fn splitmix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The generator of chunk `k` of a stream, from the user's seed.
fn chunk_rng(seed: u64, stream: u64, k: u64) -> Pcg64Mcg {
    let hi = splitmix64(seed ^ splitmix64(stream));
    let lo = splitmix64(hi ^ k.wrapping_mul(0xD1B5_4A32_D192_ED03));
    Pcg64Mcg::new((u128::from(hi) << 64) | u128::from(lo))
}

/// A uniform number in [0, 1), from the top 53 bits.
#[inline]
fn unit(rng: &mut Pcg64Mcg) -> f64 {
    (rng.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// Fills `out` with a point uniform on the simplex: the spacings of `k − 1` sorted uniforms.
/// The uniforms are sorted by counting (each one's position is how many are smaller), which
/// has no data-dependent branch; `buf` is scratch.
#[inline]
fn simplex(rng: &mut Pcg64Mcg, out: &mut [f64], buf: &mut Vec<f64>) {
    let k = out.len();
    buf.clear();
    buf.extend((1..k).map(|_| unit(rng)));
    for (a, &u) in buf.iter().enumerate() {
        let smaller = buf[..a].iter().filter(|&&v| v <= u).count()
            + buf[a + 1..].iter().filter(|&&v| v < u).count();
        out[smaller] = u;
    }
    let mut prev = 0.0;
    for o in out[..k - 1].iter_mut() {
        let u = *o;
        *o = u - prev;
        prev = u;
    }
    out[k - 1] = 1.0 - prev;
}

/// Draws weight vectors under the user's constraints.
#[derive(Debug, Clone)]
struct WeightSampler {
    m: usize,
    order: Vec<usize>,
    /// `(lo, hi)` per criterion, when bounded.
    bounds: Option<Vec<(f64, f64)>>,
    /// Bounds without order: the criteria free to vary, and `1 − Σ lo`.
    free: Vec<usize>,
    slack: f64,
}

impl WeightSampler {
    fn new(m: usize, s: &SmaaOptions) -> Result<WeightSampler, SmaaError> {
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
    fn sample(&self, rng: &mut Pcg64Mcg, w: &mut [f64], buf: &mut Vec<f64>, tmp: &mut Vec<f64>) {
        while !self.draw(rng, w, buf, tmp) {}
    }

    /// Refuses constraints that accept too few draws (the sampling loop would crawl).
    fn pilot(&self, seed: u64) -> Result<(), SmaaError> {
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

    fn describe(&self, model: &Model) -> String {
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

/// Counts per chunk: `acc[i·n + r]` draws with alternative `i` at rank `r + 1`; sums of the
/// weights (and their squares) of the draws that put `i` first.
#[derive(Debug, Clone)]
struct Tally {
    n: usize,
    acc: Vec<u64>,
    w1: Vec<f64>,
    w2: Vec<f64>,
}

impl Tally {
    fn new(n: usize, m: usize) -> Tally {
        Tally {
            n,
            acc: vec![0; n * n],
            w1: vec![0.0; n * m],
            w2: vec![0.0; n * m],
        }
    }

    fn add(&mut self, o: &Tally) {
        self.acc.iter_mut().zip(&o.acc).for_each(|(a, b)| *a += b);
        self.w1.iter_mut().zip(&o.w1).for_each(|(a, b)| *a += b);
        self.w2.iter_mut().zip(&o.w2).for_each(|(a, b)| *a += b);
    }

    fn first(&self, i: usize) -> u64 {
        self.acc[i * self.n]
    }

    fn record_winner(&mut self, i: usize, w: &[f64]) {
        let m = w.len();
        for (j, &x) in w.iter().enumerate() {
            self.w1[i * m + j] += x;
            self.w2[i * m + j] += x * x;
        }
    }
}

/// How scores are computed for a draw.
enum Sampled<'m> {
    /// WSM on a normalised matrix computed once, column by column (`cols[j·n + i]`), with the
    /// uncertain cells as `(index, normalised lower end, width)`.
    Linear {
        cols: Vec<f64>,
        cells: Vec<(usize, f64, f64)>,
        n: usize,
        m: usize,
    },
    /// Any method: [`evaluate`] per draw, on scores drawn cell by cell.
    General {
        model: &'m Model,
        criteria: Vec<CriterionInfo>,
        opts: Options,
        /// `(row, column)` of the uncertain cells.
        cells: Vec<(usize, usize)>,
    },
}

impl<'m> Sampled<'m> {
    fn new(model: &'m Model, opts: &Options) -> Result<Sampled<'m>, SmaaError> {
        let sc = &model.scores;
        let (n, m) = sc.mid.shape();
        let (lower, upper) = (sc.lower(), sc.upper());
        let uncertain: Vec<(usize, usize)> = (0..n)
            .flat_map(|i| (0..m).map(move |j| (i, j)))
            .filter(|&(i, j)| lower[(i, j)] != upper[(i, j)])
            .collect();
        let norm = opts.effective_normalization();
        let columns = model.columns();
        // Normalisation against fixed ends is affine and the same for every draw.
        let fixed = |j: usize| norm == Some(Normalization::Scale) && columns[j].bounds.is_some();
        let criteria: Vec<CriterionInfo> = model.criteria.iter().map(Into::into).collect();
        evaluate(&sc.mid, &criteria, model.weights.as_slice(), opts)?;
        if opts.method == Method::Wsm && uncertain.iter().all(|&(_, j)| fixed(j)) {
            let norm = norm.unwrap_or(Normalization::Scale);
            let lo = normalize(sc.lower(), &columns, norm)?.matrix;
            let hi = normalize(sc.upper(), &columns, norm)?.matrix;
            // nalgebra stores matrices column by column.
            let cols = lo.as_slice().to_vec();
            let cells = uncertain
                .iter()
                .map(|&(i, j)| (j * n + i, lo[(i, j)], hi[(i, j)] - lo[(i, j)]))
                .collect();
            return Ok(Sampled::Linear { cols, cells, n, m });
        }
        Ok(Sampled::General {
            model,
            criteria,
            opts: *opts,
            cells: uncertain,
        })
    }

    fn rank_chunk(
        &self,
        sampler: &WeightSampler,
        mut rng: Pcg64Mcg,
        len: u64,
    ) -> Result<Tally, SmaaError> {
        match self {
            Sampled::Linear { cols, cells, n, m } => {
                Ok(linear_chunk(cols, cells, *n, *m, sampler, &mut rng, len))
            }
            Sampled::General {
                model,
                criteria,
                opts,
                cells,
            } => {
                let (n, m) = model.scores.mid.shape();
                let mut t = Tally::new(n, m);
                let (mut w, mut buf, mut tmp) = (vec![0.0; m], Vec::new(), Vec::new());
                let mut x = model.scores.mid.clone();
                for _ in 0..len {
                    sampler.sample(&mut rng, &mut w, &mut buf, &mut tmp);
                    draw_scores(model, cells, &mut x, &mut rng);
                    let e = evaluate(&x, criteria, &w, opts)?;
                    let order = order_best_first(&e.scores, e.order);
                    for (r, &i) in order.iter().enumerate() {
                        t.acc[i * n + r] += 1;
                    }
                    t.record_winner(order[0], &w);
                }
                Ok(t)
            }
        }
    }

    /// Confidence factors at the central weights, and the number of score draws behind them.
    fn confidence(
        &self,
        central: &[Option<Vec<f64>>],
        s: &SmaaOptions,
    ) -> Result<(Vec<Option<f64>>, u64), SmaaError> {
        let certain = match self {
            Sampled::Linear { cells, .. } => cells.is_empty(),
            Sampled::General { cells, .. } => cells.is_empty(),
        };
        let k = if certain {
            1
        } else {
            s.samples.min(CONFIDENCE_SAMPLES)
        };
        let chunks = k.div_ceil(CHUNK);
        let wins = (0..chunks)
            .into_par_iter()
            .map(|c| {
                let len = CHUNK.min(k - c * CHUNK);
                let rng = chunk_rng(s.seed, STREAM_CONFIDENCE, c);
                self.confidence_chunk(central, rng, len)
            })
            .collect::<Result<Vec<Vec<u64>>, SmaaError>>()?;
        let conf = (0..central.len())
            .map(|i| {
                central[i]
                    .as_ref()
                    .map(|_| wins.iter().map(|w| w[i]).sum::<u64>() as f64 / k as f64)
            })
            .collect();
        Ok((conf, k))
    }

    fn confidence_chunk(
        &self,
        central: &[Option<Vec<f64>>],
        mut rng: Pcg64Mcg,
        len: u64,
    ) -> Result<Vec<u64>, SmaaError> {
        let mut wins = vec![0u64; central.len()];
        match self {
            Sampled::Linear { cols, cells, .. } => {
                let mut mat = cols.clone();
                let mut s = vec![0.0; central.len()];
                for _ in 0..len {
                    for &(idx, lo, width) in cells {
                        mat[idx] = lo + unit(&mut rng) * width;
                    }
                    for (i, wc) in central.iter().enumerate() {
                        let Some(wc) = wc else { continue };
                        scores_into(&mat, wc, &mut s);
                        wins[i] += u64::from(rank_of(&s, i) == 0);
                    }
                }
            }
            Sampled::General {
                model,
                criteria,
                opts,
                cells,
            } => {
                let mut x = model.scores.mid.clone();
                for _ in 0..len {
                    draw_scores(model, cells, &mut x, &mut rng);
                    for (i, wc) in central.iter().enumerate() {
                        let Some(wc) = wc else { continue };
                        let e = evaluate(&x, criteria, wc, opts)?;
                        wins[i] += u64::from(order_best_first(&e.scores, e.order)[0] == i);
                    }
                }
            }
        }
        Ok(wins)
    }
}

/// Draws every uncertain cell of `x` uniformly between its ends.
fn draw_scores(
    model: &Model,
    cells: &[(usize, usize)],
    x: &mut nalgebra::DMatrix<f64>,
    rng: &mut Pcg64Mcg,
) {
    let (lower, upper) = (model.scores.lower(), model.scores.upper());
    for &c in cells {
        x[c] = lower[c] + unit(rng) * (upper[c] - lower[c]);
    }
}

/// The 0-based rank of `i` (higher score first, ties in model order): how many alternatives
/// beat it, an earlier one also by tying.
#[inline]
fn rank_of(s: &[f64], i: usize) -> usize {
    let si = s[i];
    let before = s[..i].iter().filter(|&&x| x >= si).count();
    let after = s[i + 1..].iter().filter(|&&x| x > si).count();
    before + after
}

/// The WSM fast path for one chunk. `cols` is the normalised matrix column by column
/// (`cols[j·n + i]`), so that the scores accumulate one criterion at a time over every
/// alternative.
fn linear_chunk(
    cols: &[f64],
    cells: &[(usize, f64, f64)],
    n: usize,
    m: usize,
    sampler: &WeightSampler,
    rng: &mut Pcg64Mcg,
    len: u64,
) -> Tally {
    let mut t = Tally::new(n, m);
    let (mut w, mut buf, mut tmp) = (vec![0.0; m], Vec::with_capacity(m), Vec::new());
    let mut mat = cols.to_vec();
    let mut s = vec![0.0; n];
    let mut rank = vec![0usize; n];
    for _ in 0..len {
        sampler.sample(rng, &mut w, &mut buf, &mut tmp);
        for &(idx, lo, width) in cells {
            mat[idx] = lo + unit(rng) * width;
        }
        scores_into(&mat, &w, &mut s);
        ranks_into(&s, &mut rank);
        let mut winner = 0;
        for (i, &r) in rank.iter().enumerate() {
            t.acc[i * n + r] += 1;
            if r == 0 {
                winner = i;
            }
        }
        t.record_winner(winner, &w);
    }
    t
}

/// The 0-based rank of every alternative (higher score first, ties in model order), from the
/// n (n − 1) / 2 pairwise comparisons: of a pair `k < i`, `k` is ahead when `s_k ≥ s_i`.
#[inline]
fn ranks_into(s: &[f64], rank: &mut [usize]) {
    rank.iter_mut().for_each(|r| *r = 0);
    for i in 1..s.len() {
        let si = s[i];
        let (head, tail) = rank.split_at_mut(i);
        let mut ahead = 0;
        for (r, &sk) in head.iter_mut().zip(&s[..i]) {
            let c = usize::from(sk >= si);
            ahead += c;
            *r += 1 - c;
        }
        tail[0] += ahead;
    }
}

/// `s = N·w` with `N` stored column by column.
#[inline]
fn scores_into(cols: &[f64], w: &[f64], s: &mut [f64]) {
    s.iter_mut().for_each(|x| *x = 0.0);
    for (col, &wj) in cols.chunks_exact(s.len()).zip(w) {
        for (x, &v) in s.iter_mut().zip(col) {
            *x += wj * v;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Scores;
    use crate::sensitivity::fixtures;
    use approx::assert_relative_eq;
    use nalgebra::DMatrix;

    fn run(model: &Model, method: Method, s: &SmaaOptions) -> Result<Smaa, SmaaError> {
        smaa(model, &Options::new(method), s, &|_| {})
    }

    fn opts(samples: u64) -> SmaaOptions {
        SmaaOptions {
            samples,
            seed: 7,
            weight_order: Vec::new(),
            bounds: None,
        }
    }

    /// a0 = (10, 0), a1 = (0, 5) on 0–10: N = [[1, 0], [0, 0.5]]. With w = (t, 1 − t) and t
    /// uniform on [0, 1], a0 wins iff t > 0.5 (1 − t), i.e. t > 1/3.
    fn two_by_two() -> Model {
        fixtures::model(2, &[10.0, 0.0, 0.0, 5.0], &[0.5, 0.5], &[])
    }

    fn within(got: f64, want: f64, se: f64) {
        assert!(
            (got - want).abs() <= 4.0 * se,
            "{got} is not within 4 standard errors ({se}) of {want}"
        );
    }

    #[test]
    fn two_alternatives_match_the_analytic_answer() {
        let r = run(&two_by_two(), Method::Wsm, &opts(40_000)).unwrap();
        let a0 = &r.alternatives[0];
        within(
            a0.rank_acceptability[0],
            2.0 / 3.0,
            a0.rank_acceptability_se[0],
        );
        // Central weights: E[t | t > 1/3] = 2/3 and E[t | t < 1/3] = 1/6.
        let se = a0.central_weights_se.as_ref().unwrap()["c0"];
        within(a0.central_weights.as_ref().unwrap()["c0"], 2.0 / 3.0, se);
        let a1 = &r.alternatives[1];
        let se = a1.central_weights_se.as_ref().unwrap()["c0"];
        within(a1.central_weights.as_ref().unwrap()["c0"], 1.0 / 6.0, se);
        // Certain scores: a confidence factor is 0 or 1, exactly.
        assert_eq!((a0.confidence, a1.confidence), (Some(1.0), Some(1.0)));
        assert_eq!(r.confidence_samples, 1);
    }

    #[test]
    fn the_general_path_agrees_with_the_analytic_answer() {
        // PROMETHEE II (usual): φ(a0) = t − (1 − t): a0 wins iff t > 1/2.
        let r = run(&two_by_two(), Method::Promethee, &opts(20_000)).unwrap();
        let a0 = &r.alternatives[0];
        within(a0.rank_acceptability[0], 0.5, a0.rank_acceptability_se[0]);
    }

    #[test]
    fn weight_order_and_bounds_restrict_the_weights() {
        // c1 ≥ c0: t uniform on [0, 1/2], a0 wins with probability (1/2 − 1/3) / (1/2) = 1/3.
        let mut o = opts(20_000);
        o.weight_order = vec![1, 0];
        let r = run(&two_by_two(), Method::Wsm, &o).unwrap();
        let a0 = &r.alternatives[0];
        within(
            a0.rank_acceptability[0],
            1.0 / 3.0,
            a0.rank_acceptability_se[0],
        );
        let w = &a0.central_weights.as_ref().unwrap();
        assert!(w["c1"] >= w["c0"]);
        // 0.2 ≤ c0 ≤ 0.6: t uniform on [0.2, 0.6], P(t > 1/3) = (0.6 − 1/3) / 0.4 = 2/3.
        let mut o = opts(20_000);
        o.bounds = Some(vec![(0.2, 0.6), (0.0, 1.0)]);
        let r = run(&two_by_two(), Method::Wsm, &o).unwrap();
        let a0 = &r.alternatives[0];
        within(
            a0.rank_acceptability[0],
            2.0 / 3.0,
            a0.rank_acceptability_se[0],
        );
        assert!(r.weights.contains("0.2 ≤ c0 ≤ 0.6"), "{}", r.weights);
    }

    #[test]
    fn acceptability_rows_and_columns_sum_to_one() {
        let model = fixtures::small();
        for method in [Method::Wsm, Method::Topsis, Method::Vikor] {
            let r = run(&model, method, &opts(3_000)).unwrap();
            let n = r.alternatives.len();
            for a in &r.alternatives {
                assert_relative_eq!(
                    a.rank_acceptability.iter().sum::<f64>(),
                    1.0,
                    epsilon = 1e-12
                );
            }
            for k in 0..n {
                let col: f64 = r.alternatives.iter().map(|a| a.rank_acceptability[k]).sum();
                assert_relative_eq!(col, 1.0, epsilon = 1e-12);
            }
        }
    }

    #[test]
    fn a_fixed_weight_vector_reproduces_the_plain_ranking() {
        let model = fixtures::small();
        let w = model.weights.as_slice().to_vec();
        for method in Method::ALL {
            let mut o = opts(500);
            o.bounds = Some(w.iter().map(|&x| (x, x)).collect());
            let r = run(&model, method, &o).unwrap();
            let criteria: Vec<CriterionInfo> = model.criteria.iter().map(Into::into).collect();
            let e = evaluate(&model.scores.mid, &criteria, &w, &Options::new(method)).unwrap();
            let ranking = order_best_first(&e.scores, e.order);
            for (rank, &i) in ranking.iter().enumerate() {
                let b = &r.alternatives[i].rank_acceptability;
                assert_eq!(
                    b[rank],
                    1.0,
                    "{method}: {} at rank {}",
                    r.alternatives[i].id,
                    rank + 1
                );
            }
            let winner = &r.alternatives[ranking[0]];
            let cw = winner.central_weights.as_ref().unwrap();
            for (j, c) in model.criteria.iter().enumerate() {
                assert_relative_eq!(cw[&c.id], w[j], epsilon = 1e-12);
            }
        }
    }

    #[test]
    fn uncertain_scores_are_sampled() {
        // One criterion (weight 1): a0 uniform on [0, 10], a1 = 5 → a0 first half the time.
        let mut model = fixtures::model(2, &[5.0, 5.0], &[1.0], &[]);
        model.scores = Scores::new(
            DMatrix::from_row_slice(2, 1, &[0.0, 5.0]),
            DMatrix::from_row_slice(2, 1, &[10.0, 5.0]),
        );
        for method in [Method::Wsm, Method::Topsis] {
            let r = run(&model, method, &opts(20_000)).unwrap();
            let a0 = &r.alternatives[0];
            within(a0.rank_acceptability[0], 0.5, a0.rank_acceptability_se[0]);
            assert_eq!(r.confidence_samples, CONFIDENCE_SAMPLES);
            let c = a0.confidence.unwrap();
            within(c, 0.5, a0.confidence_se.unwrap());
        }
    }

    #[test]
    fn impossible_constraints_are_refused() {
        let model = two_by_two();
        let mut o = opts(10);
        o.bounds = Some(vec![(0.6, 0.7), (0.6, 0.7)]);
        assert!(matches!(
            run(&model, Method::Wsm, &o),
            Err(SmaaError::InfeasibleBounds { .. })
        ));
        o.bounds = Some(vec![(0.5, 0.4), (0.0, 1.0)]);
        assert!(matches!(
            run(&model, Method::Wsm, &o),
            Err(SmaaError::BadBounds { .. })
        ));
        // Ordered c0 ≥ c1 but c0 ≤ 0.3: no weight vector qualifies.
        o.bounds = Some(vec![(0.0, 0.3), (0.0, 1.0)]);
        o.weight_order = vec![0, 1];
        let e = run(&model, Method::Wsm, &o).unwrap_err();
        assert_eq!(
            e,
            SmaaError::Hopeless {
                accepted: 0,
                tried: PILOT
            }
        );
        assert!(matches!(
            run(&model, Method::Wsm, &opts(0)),
            Err(SmaaError::NoSamples)
        ));
    }

    #[test]
    fn simplex_draws_sum_to_one() {
        let mut rng = chunk_rng(1, 0, 0);
        let (mut w, mut buf) = (vec![0.0; 5], Vec::new());
        for _ in 0..100 {
            simplex(&mut rng, &mut w, &mut buf);
            assert_relative_eq!(w.iter().sum::<f64>(), 1.0, epsilon = 1e-12);
            assert!(w.iter().all(|&x| x >= 0.0));
        }
    }

    #[test]
    fn rank_of_breaks_ties_by_model_order() {
        let s = [0.5, 0.9, 0.5, 0.1];
        let r: Vec<usize> = (0..4).map(|i| rank_of(&s, i)).collect();
        assert_eq!(r, vec![1, 0, 2, 3]);
        let mut all = vec![9; 4];
        ranks_into(&s, &mut all);
        assert_eq!(all, r);
    }
}
