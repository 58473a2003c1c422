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
//! Ties within a draw share the rank, by SMAA-2's rank function
//! `rank(i) = 1 + #{k : u_k > u_i}` (Lahdelma & Salminen 2001, eq. 2; JSMAA's ranker also gives
//! tied alternatives one rank): alternatives whose scores are equal (to 1e-12 relative, the
//! plain ranking's tolerance) all take the best of the positions they occupy, "1, 1, 3". A
//! rank acceptability row still sums to 1 (every draw gives an alternative one rank); a column
//! sums to the share of draws in which some alternative holds that rank, so with ties the first
//! column may sum above 1 and a later one below. Each tied winner counts the draw towards its
//! central weights, and a tie for first at the central weights counts as first for the
//! confidence factor. The JSON says so with `"ties": "shared"`.
//!
//! Above [`MAX_FULL_TALLY`] alternatives only first places are counted (the n × n rank table
//! would not fit in memory): `rank_acceptability` then holds the first-rank acceptability
//! alone, with central weights and confidence factors as usual, in memory linear in the number
//! of alternatives; `tallied_ranks` says how many ranks were counted.
//!
//! Reproducibility: draws come in chunks of [`CHUNK`] samples, whatever the number of threads;
//! chunk `k` has its own PCG generator (`Pcg64Mcg`, O'Neill 2014) seeded from `(seed, k)`
//! through SplitMix64; chunks run in parallel (rayon) and are combined in chunk order, so one
//! and many threads give the same bytes.
//!
//! Speed: for WSM with certain scores (or uncertain scores only on criteria whose
//! normalisation is against fixed scale ends), the normalised matrix is computed once and a
//! draw costs one matrix–vector product ([`crate::linear`]) and a sort of the scores, without
//! allocation: O(n m + n log n), or O(n m) when only first places are counted. Other cases
//! call [`evaluate`] for each draw.
//!
//! The parts: [`sampler`] (generators and simplex draws), [`constraints`] (weight order and
//! bounds), [`tallies`] (the counts), [`kernels`] (scoring and ranking one draw).

mod batch;
mod constraints;
mod hitrun;
mod kernels;
pub mod ordinal;
mod polytope;
mod sampler;
mod tallies;

use indexmap::IndexMap;
use rayon::prelude::*;
use serde::Serialize;

use crate::methods::{Method, Options};
use crate::model::Model;
use crate::normalize::{Normalization, NormalizeError};
use constraints::WeightSampler;
pub use constraints::{
    AUTO_ACCEPTANCE, LinearConstraints, SamplerChoice, SamplerReport, weight_draws,
};
pub use hitrun::{BURN_IN, THIN};
use kernels::Sampled;
use sampler::{STREAM_CONFIDENCE, STREAM_RANKS, chunk_rng};
use tallies::Tally;

/// Samples per chunk: the unit of parallel work and of seeding.
pub const CHUNK: u64 = 8192;

/// The most alternatives for which every rank is counted (the table grows with the square of
/// their number); above, only first places are.
pub const MAX_FULL_TALLY: usize = 2000;
/// The largest number of score draws used to estimate a confidence factor.
pub const CONFIDENCE_SAMPLES: u64 = 10_000;

/// What to sample.
#[derive(Debug, Clone, PartialEq)]
pub struct SmaaOptions {
    pub samples: u64,
    pub seed: u64,
    /// Criteria (indices) from most to least important: `w_a ≥ w_b ≥ …`; empty for none.
    pub weight_order: Vec<usize>,
    /// Per-criterion `(lo, hi)` bounds on the normalised weights; `None` for `[0, 1]` each.
    pub bounds: Option<Vec<(f64, f64)>>,
    /// Linear statements on the normalised weights, and the sampler to use.
    pub linear: LinearConstraints,
}

/// Why SMAA cannot run.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SmaaError {
    #[error(transparent)]
    Normalize(#[from] NormalizeError),
    #[error("the number of samples must be at least 1")]
    NoSamples,
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
    #[error("no weights meet these constraints together (with every weight ≥ 0 and the weights summing to 1): {}\n  = help: loosen or drop one of them", quoted(.constraints))]
    Infeasible { constraints: Vec<String> },
    #[error("these constraints together leave the weights no room to vary (they meet in a single point or a flat piece, with every weight ≥ 0 and the weights summing to 1): {}\n  = help: loosen one of them; to fix a weight, give it an interval lo = hi with --weight-bounds", quoted(.constraints))]
    NoRoom { constraints: Vec<String> },
    #[error("the weight constraint `{text}` does not have one finite coefficient per criterion")]
    BadConstraint { text: String },
    #[error("the linear-programming solver failed on the weight constraints: {message}")]
    Solver { message: String },
    #[error(
        "pairwise winning indices are counted for at most {max} alternatives (an n × n table per draw), and the model has {alternatives}"
    )]
    PairwiseTooLarge { alternatives: usize, max: usize },
}

/// Constraints as a list in a message.
fn quoted(c: &[String]) -> String {
    c.iter()
        .map(|x| format!("`{x}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What to compute beyond SMAA-2's indices.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Extras {
    /// SMAA-O: draw the inner level values of every ordinal scale (see [`ordinal`]).
    pub ordinal: bool,
    /// Pairwise winning indices (see [`Pairwise`]); refused above [`MAX_PAIRWISE`]
    /// alternatives.
    pub pairwise: bool,
}

/// The most alternatives for which pairwise winning indices are counted.
pub const MAX_PAIRWISE: usize = MAX_FULL_TALLY;

/// Pairwise winning indices: `wins[a][b]` is the share of draws in which alternative `ids[a]`
/// ranks strictly above `ids[b]` (a better rank, by the same shared ranks as the rank
/// acceptabilities). Draws in which the two share a rank count for neither, so
/// `wins[a][b] + wins[b][a]` is 1 less the share of such ties; the diagonal is 0.
#[derive(Debug, Clone, Serialize)]
pub struct Pairwise {
    pub ids: Vec<String>,
    pub wins: Vec<Vec<f64>>,
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
    /// Which sampler drew the weights (direct, rejection or hit-and-run), and how.
    pub sampler: SamplerReport,
    /// Score draws behind each confidence factor (1: scores are certain, computed exactly).
    pub confidence_samples: u64,
    /// How tied scores within a draw are ranked: `"shared"`, every tied alternative takes the
    /// best of their positions (SMAA-2's rank function, "1, 1, 3").
    pub ties: &'static str,
    /// How many ranks `rank_acceptability` holds per alternative: all of them, or 1 (first
    /// places only) above [`MAX_FULL_TALLY`] alternatives.
    pub tallied_ranks: usize,
    pub alternatives: Vec<SmaaAlternative>,
    /// The largest possible rank entropy, `log2(n)` bits for `n` alternatives (every rank
    /// equally often); `None` when only first places are counted.
    pub rank_entropy_max: Option<f64>,
    /// Pairwise winning indices, when asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pairwise: Option<Pairwise>,
    /// SMAA-O (`--ordinal`): the criteria whose level values were drawn, and the winner's
    /// first-rank acceptability with the conventional values and without.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ordinal: Option<ordinal::OrdinalSummary>,
}

/// One alternative's indices.
#[derive(Debug, Clone, Serialize)]
pub struct SmaaAlternative {
    pub id: String,
    pub name: String,
    /// `rank_acceptability[k]`: the share of draws that put it at rank k + 1 (tied
    /// alternatives share the best of their ranks).
    pub rank_acceptability: Vec<f64>,
    pub rank_acceptability_se: Vec<f64>,
    pub central_weights: Option<IndexMap<String, f64>>,
    /// `None` when fewer than two draws put it first.
    pub central_weights_se: Option<IndexMap<String, f64>>,
    pub confidence: Option<f64>,
    pub confidence_se: Option<f64>,
    /// The Shannon entropy of the rank distribution, `−Σ_r b_r log2 b_r` bits (`0 log 0 = 0`):
    /// 0 when the alternative always takes the same rank, at most
    /// [`Smaa::rank_entropy_max`]; `None` when only first places are counted.
    pub rank_entropy: Option<f64>,
}

/// The Shannon entropy of a distribution, in bits, terms with `p = 0` counting 0.
pub fn entropy_bits(p: &[f64]) -> f64 {
    let h: f64 = p.iter().filter(|&&x| x > 0.0).map(|&x| -x * x.log2()).sum();
    // −0 and rounding below 0 (a distribution concentrated on one value) are 0.
    h.max(0.0)
}

/// Runs SMAA-2. `progress` is called with the number of samples done by each finished chunk.
pub fn smaa(
    model: &Model,
    opts: &Options,
    s: &SmaaOptions,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<Smaa, SmaaError> {
    run(model, opts, s, progress, Extras::default())
}

/// Runs SMAA-2, or SMAA-O, with the extras asked for.
pub fn smaa_with(
    model: &Model,
    opts: &Options,
    s: &SmaaOptions,
    extras: Extras,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<Smaa, SmaaError> {
    run(model, opts, s, progress, extras)
}

/// Runs SMAA-O: SMAA-2 with the inner levels of every ordinal scale drawn in each sample (see
/// [`ordinal`]).
pub fn smaa_ordinal(
    model: &Model,
    opts: &Options,
    s: &SmaaOptions,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<Smaa, SmaaError> {
    let extras = Extras {
        ordinal: true,
        pairwise: false,
    };
    run(model, opts, s, progress, extras)
}

/// The engine of one run: SMAA-2's, or SMAA-O's.
enum Engine<'m> {
    Plain(Sampled<'m>),
    Ordinal(Box<ordinal::Ordinal<'m>>),
}

impl Engine<'_> {
    fn rank_chunk(
        &self,
        sampler: &WeightSampler,
        rng: rand_pcg::Pcg64Mcg,
        len: u64,
        ranks: usize,
        pairwise: bool,
    ) -> Result<Tally, SmaaError> {
        match self {
            Engine::Plain(e) => e.rank_chunk(sampler, rng, len, ranks, pairwise),
            Engine::Ordinal(e) => e.rank_chunk(sampler, rng, len, ranks, pairwise),
        }
    }

    fn confidence_chunk(
        &self,
        central: &[Option<Vec<f64>>],
        rng: rand_pcg::Pcg64Mcg,
        len: u64,
    ) -> Result<Vec<u64>, SmaaError> {
        match self {
            Engine::Plain(e) => e.confidence_chunk(central, rng, len),
            Engine::Ordinal(e) => e.confidence_chunk(central, rng, len),
        }
    }

    fn certain(&self) -> bool {
        match self {
            Engine::Plain(e) => e.certain(),
            Engine::Ordinal(e) => e.certain(),
        }
    }
}

fn run(
    model: &Model,
    opts: &Options,
    s: &SmaaOptions,
    progress: &(dyn Fn(u64) + Sync),
    extras: Extras,
) -> Result<Smaa, SmaaError> {
    if s.samples == 0 {
        return Err(SmaaError::NoSamples);
    }
    let (n, m) = model.scores.mid().shape();
    if extras.pairwise && n > MAX_PAIRWISE {
        return Err(SmaaError::PairwiseTooLarge {
            alternatives: n,
            max: MAX_PAIRWISE,
        });
    }
    let ranks = if n > MAX_FULL_TALLY { 1 } else { n };
    let sampler = WeightSampler::new(model, s)?;
    let engine = if extras.ordinal {
        Engine::Ordinal(Box::new(ordinal::Ordinal::new(model, opts)?))
    } else {
        Engine::Plain(Sampled::new(model, opts)?)
    };
    let chunks = s.samples.div_ceil(CHUNK);
    // Chunks run in parallel a batch at a time and their tallies are added in chunk order, so
    // the sums are the same whatever the thread count, and only a batch of tallies (each n × n)
    // is held at once.
    // Small tallies are held a few hundred at a time (fewer waits for the slowest thread).
    let batch =
        (2 * rayon::current_num_threads() as u64).max((1 << 22) / (n * (ranks + m)).max(1) as u64);
    let mut total = Tally::new(n, m, ranks).with_pairwise(extras.pairwise);
    for first in (0..chunks).step_by(batch as usize) {
        let tallies = (first..chunks.min(first + batch))
            .into_par_iter()
            .map(|k| {
                let len = CHUNK.min(s.samples - k * CHUNK);
                let rng = chunk_rng(s.seed, STREAM_RANKS, k);
                let t = engine.rank_chunk(&sampler, rng, len, ranks, extras.pairwise);
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
            (c > 0).then(|| {
                (0..m)
                    .map(|j| total.weight_sums(i, j).0 / c as f64)
                    .collect()
            })
        })
        .collect();
    let (confidence, confidence_samples) = confidence(&engine, &central, s)?;
    let big_n = s.samples as f64;
    let alternatives = (0..n)
        .map(|i| {
            let b: Vec<f64> = (0..ranks)
                .map(|r| total.count(i, r) as f64 / big_n)
                .collect();
            let c = total.first(i);
            let keyed = |v: Vec<f64>| -> IndexMap<String, f64> {
                model.criteria.iter().map(|c| c.id.clone()).zip(v).collect()
            };
            let se = (c >= 2).then(|| {
                let c = c as f64;
                (0..m)
                    .map(|j| {
                        let (w1, w2) = total.weight_sums(i, j);
                        let mean = w1 / c;
                        let var = (w2 / c - mean * mean).max(0.0) * c / (c - 1.0);
                        (var / c).sqrt()
                    })
                    .collect()
            });
            let k = confidence_samples as f64;
            let entropy = (ranks == n).then(|| entropy_bits(&b));
            SmaaAlternative {
                id: model.alternatives[i].id.clone(),
                name: model.alternatives[i].name.clone(),
                rank_acceptability_se: b.iter().map(|&p| binomial_se(p, big_n)).collect(),
                rank_acceptability: b,
                central_weights: central[i].clone().map(keyed),
                central_weights_se: se.map(keyed),
                rank_entropy: entropy,
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
        .collect::<Vec<SmaaAlternative>>();
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
        sampler: sampler.report(),
        confidence_samples,
        ties: "shared",
        tallied_ranks: ranks,
        rank_entropy_max: (ranks == n).then(|| (n.max(1) as f64).log2()),
        pairwise: extras.pairwise.then(|| Pairwise {
            ids: model.alternatives.iter().map(|a| a.id.clone()).collect(),
            wins: (0..n)
                .map(|a| {
                    (0..n)
                        .map(|b| total.wins(a, b).unwrap_or(0) as f64 / big_n)
                        .collect()
                })
                .collect(),
        }),
        ordinal: match &engine {
            Engine::Ordinal(e) => {
                let first: Vec<f64> = alternatives
                    .iter()
                    .map(|a| a.rank_acceptability[0])
                    .collect();
                Some(e.summary(model, s.samples, &first))
            }
            Engine::Plain(_) => None,
        },
        alternatives,
    })
}

/// A rough estimate of the run time on one core, to decide whether to show progress.
pub fn estimated_seconds(model: &Model, opts: &Options, samples: u64) -> f64 {
    let (n, m) = model.scores.mid().shape();
    let fast = opts.method == Method::Wsm && !model.scores.is_uncertain();
    let per_sample = if fast {
        (n * m) as f64 * 0.5e-9 + n as f64 * (n.max(2) as f64).log2() * 2e-9
    } else {
        (n * m) as f64 * 50e-9 + n as f64 * 100e-9
    };
    samples as f64 * per_sample
}

/// Confidence factors at the central weights, and the number of score draws behind them.
fn confidence(
    engine: &Engine<'_>,
    central: &[Option<Vec<f64>>],
    s: &SmaaOptions,
) -> Result<(Vec<Option<f64>>, u64), SmaaError> {
    let k = if engine.certain() {
        1
    } else {
        s.samples.min(CONFIDENCE_SAMPLES)
    };
    let chunks = k.div_ceil(CHUNK);
    let wins = (0..chunks)
        .into_par_iter()
        .map(|c| {
            let len = CHUNK.min(k - c * CHUNK);
            engine.confidence_chunk(central, chunk_rng(s.seed, STREAM_CONFIDENCE, c), len)
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

fn binomial_se(p: f64, n: f64) -> f64 {
    (p * (1.0 - p) / n).max(0.0).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::methods::{CriterionInfo, evaluate};
    use crate::model::Scores;
    use crate::ranking::order_best_first;
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
            linear: Default::default(),
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
            let e = evaluate(model.scores.mid(), &criteria, &w, &Options::new(method)).unwrap();
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
        // Ordered c0 ≥ c1 but c0 ≤ 0.3: no weight vector qualifies, and the two are named.
        o.bounds = Some(vec![(0.0, 0.3), (0.0, 1.0)]);
        o.weight_order = vec![0, 1];
        let e = run(&model, Method::Wsm, &o).unwrap_err();
        assert_eq!(
            e,
            SmaaError::Infeasible {
                constraints: vec!["c0 ≤ 0.3".into(), "c0 ≥ c1 (order of importance)".into()]
            }
        );
        // Feasible but narrow (c0 ≤ 0.0005, about 1 uniform draw in 2 000): rejection, when
        // asked for, refuses; auto draws by hit-and-run.
        o.bounds = Some(vec![(0.0, 0.0005), (0.0, 1.0)]);
        o.weight_order = vec![];
        o.linear.sampler = SamplerChoice::Rejection;
        let e = run(&model, Method::Wsm, &o).unwrap_err();
        assert!(
            matches!(e, SmaaError::Hopeless { accepted, tried } if accepted < 10 && tried == constraints::PILOT),
            "{e:?}"
        );
        o.linear.sampler = SamplerChoice::Auto;
        assert_eq!(
            run(&model, Method::Wsm, &o).unwrap().sampler.name,
            "hit-and-run"
        );
        assert!(matches!(
            run(&model, Method::Wsm, &opts(0)),
            Err(SmaaError::NoSamples)
        ));
    }

    /// Akhmetzharov (2021), Table 1, under WPM: status quo and private prisons both score 0
    /// (each sits at the worst level of a criterion), whatever the weights. They share rank 2
    /// in every draw instead of being ordered by their place in the file.
    #[test]
    fn alternatives_tied_in_every_draw_share_the_rank() {
        let model =
            crate::model::load("policies/kazakhstan-torture-prevention.toml".as_ref()).unwrap();
        let r = run(&model, Method::Wpm, &opts(5_000)).unwrap();
        let b = |id: &str| {
            r.alternatives
                .iter()
                .find(|a| a.id == id)
                .unwrap()
                .rank_acceptability
                .clone()
        };
        assert_eq!(b("develop-policy"), vec![1.0, 0.0, 0.0]);
        assert_eq!(b("status-quo"), vec![0.0, 1.0, 0.0]);
        assert_eq!(b("private-prisons"), vec![0.0, 1.0, 0.0]);
        assert_eq!((r.ties, r.tallied_ranks), ("shared", 3));
        // Rows sum to 1; the second column to 2 (two alternatives share rank 2), the third to 0.
        let col =
            |k: usize| -> f64 { r.alternatives.iter().map(|a| a.rank_acceptability[k]).sum() };
        assert_eq!((col(0), col(1), col(2)), (1.0, 2.0, 0.0));
    }

    /// a0 = a2 = (10, 0), a1 = (0, 5): with w = (t, 1 − t), a0 and a2 tie for first iff
    /// t > 1/3, and both count those draws (and their weights) as first places; otherwise they
    /// share second place.
    #[test]
    fn a_tie_for_first_counts_for_every_tied_alternative() {
        let model = fixtures::model(3, &[10.0, 0.0, 0.0, 5.0, 10.0, 0.0], &[0.5, 0.5], &[]);
        let r = run(&model, Method::Wsm, &opts(40_000)).unwrap();
        let (a0, a2) = (&r.alternatives[0], &r.alternatives[2]);
        assert_eq!(a0.rank_acceptability, a2.rank_acceptability);
        assert_eq!(a0.central_weights, a2.central_weights);
        within(
            a0.rank_acceptability[0],
            2.0 / 3.0,
            a0.rank_acceptability_se[0],
        );
        // Behind a1 they share second place; ahead of it they push it to third ("1, 1, 3"),
        // so a0 is never third and a1 never second.
        assert_eq!(a0.rank_acceptability[0] + a0.rank_acceptability[1], 1.0);
        assert_eq!(a0.rank_acceptability[2], 0.0);
        let a1 = &r.alternatives[1].rank_acceptability;
        assert_eq!((a1[1], a1[0] + a1[2]), (0.0, 1.0));
        assert_eq!((a0.confidence, a2.confidence), (Some(1.0), Some(1.0)));
    }

    /// Above [`MAX_FULL_TALLY`] alternatives only first places are counted: the same first-rank
    /// acceptability and central weights as the analytic answer, one rank per alternative.
    #[test]
    fn many_alternatives_count_first_places_only() {
        let n = MAX_FULL_TALLY + 1;
        let mut values = vec![0.0; 2 * n];
        values[..4].copy_from_slice(&[10.0, 0.0, 0.0, 5.0]);
        let model = fixtures::model(n, &values, &[0.5, 0.5], &[]);
        let r = run(&model, Method::Wsm, &opts(20_000)).unwrap();
        assert_eq!(r.tallied_ranks, 1);
        assert!(
            r.alternatives
                .iter()
                .all(|a| a.rank_acceptability.len() == 1)
        );
        let a0 = &r.alternatives[0];
        within(
            a0.rank_acceptability[0],
            2.0 / 3.0,
            a0.rank_acceptability_se[0],
        );
        let se = a0.central_weights_se.as_ref().unwrap()["c0"];
        within(a0.central_weights.as_ref().unwrap()["c0"], 2.0 / 3.0, se);
        let first: f64 = r.alternatives.iter().map(|a| a.rank_acceptability[0]).sum();
        assert_eq!(
            first, 1.0,
            "a1 wins the other draws; the rest (all 0) never win"
        );
        assert!(
            r.alternatives[2..]
                .iter()
                .all(|a| a.central_weights.is_none())
        );
    }

    #[test]
    fn entropy_is_in_bits() {
        assert_eq!(entropy_bits(&[0.5, 0.5]), 1.0);
        assert_eq!(entropy_bits(&[1.0, 0.0, 0.0]), 0.0);
        assert_eq!(entropy_bits(&[0.25; 4]), 2.0);
        // −(0.75 log2 0.75 + 0.25 log2 0.25) = 0.811278124459133.
        assert_relative_eq!(
            entropy_bits(&[0.75, 0.25]),
            0.811_278_124_459_133,
            epsilon = 1e-12
        );
    }

    #[test]
    fn output_is_the_same_at_1_2_and_8_threads() {
        let seed =
            crate::model::load("policies/kazakhstan-torture-prevention.toml".as_ref()).unwrap();
        let json = |model: &Model, method: Method, threads: usize| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap()
                .install(|| serde_json::to_string(&run(model, method, &opts(20_000)).unwrap()))
                .unwrap()
        };
        for (model, method) in [
            (&seed, Method::Wpm),
            (&seed, Method::Wsm),
            (&seed, Method::Topsis),
        ] {
            let one = json(model, method, 1);
            assert_eq!(one, json(model, method, 2), "{method}");
            assert_eq!(one, json(model, method, 8), "{method}");
        }
    }
}
