//! SMAA-O: ordinal scales taken as ordinal only (Lahdelma, Miettinen & Salminen 2003,
//! "SMAA-O — Stochastic multicriteria acceptability analysis with ordinal criteria", *European
//! Journal of Operational Research* 147, 117–127).
//!
//! The numbers behind None / Low / Moderate / High are a convention; only their order is
//! known. In every draw, for each criterion on a scale with inner levels (three levels or more),
//! independently, the scale's ends keep their values and the inner levels' values are drawn as
//! sorted uniforms between them: with ends `lo`, `hi` and `L` levels, `L − 2` uniforms on
//! `[lo, hi]`, sorted, are the values of levels 2 … L − 1 (uniform on the set of increasing
//! value vectors). An uncertain score `[Low, High]` is then drawn uniformly between the drawn
//! values of its two levels. Weights and other uncertain scores are drawn as in SMAA-2.
//!
//! The same weight draws are also ranked with the conventional values, so the output sets the
//! first-rank acceptability under SMAA-O beside that under the convention, paired draw by draw.
//! The conventional counts are integers summed over chunks, so the result is the same whatever
//! the thread count.
//!
//! WSM with `scale` normalisation has a fast path: the normalised matrix is built once, and a
//! draw rewrites the ordinal columns (`t` drawn on [0, 1] directly, `1 − t` for a cost), then
//! costs two matrix–vector products (conventional and ordinal) and the ranking.

use std::sync::atomic::{AtomicU64, Ordering};

use nalgebra::DMatrix;
use rand_pcg::Pcg64Mcg;
use serde::Serialize;

use super::SmaaError;
use super::constraints::WeightSampler;
use super::kernels::{is_first, record_first, record_ranks};
use super::sampler::unit;
use super::tallies::Tally;
use crate::linear::weighted_sum_into;
use crate::methods::{CriterionInfo, Method, Options, evaluate};
use crate::model::Model;
use crate::normalize::{Normalization, normalize};
use crate::ranking::ranks;
use crate::vocabulary::Direction;

/// What SMAA-O adds to an SMAA result.
#[derive(Debug, Clone, Serialize)]
pub struct OrdinalSummary {
    /// The criteria whose inner level values were drawn.
    pub criteria: Vec<String>,
    pub values: &'static str,
    /// First-rank acceptability with the conventional level values, on the same weight draws,
    /// in the model's order.
    pub conventional_first: Vec<f64>,
    /// The alternative most often first with the conventional values (the first in the
    /// model's order among equals).
    pub winner: String,
    pub winner_first_conventional: f64,
    pub winner_first_ordinal: f64,
    /// Whether the winner is still (one of) the most often first under SMAA-O.
    pub survives: bool,
}

/// One ordinal criterion: its column, its number of levels, its ends, and each alternative's
/// (low, high) level indices.
struct OrdCol {
    j: usize,
    levels: usize,
    lo: f64,
    hi: f64,
    cost: bool,
    cells: Vec<(u32, u32)>,
}

enum Kind<'m> {
    /// WSM on the normalised matrix (column-major), with the uncertain cells off the ordinal
    /// columns as `(index, normalised lower end, width)`, and those on them likewise for the
    /// conventional ranking.
    Linear {
        base: Vec<f64>,
        cells: Vec<(usize, f64, f64)>,
        ord_cells: Vec<(usize, f64, f64)>,
    },
    General {
        model: &'m Model,
        criteria: Vec<CriterionInfo>,
        opts: Options,
        cells: Vec<(usize, usize)>,
    },
}

/// The SMAA-O engine of one run.
pub(super) struct Ordinal<'m> {
    n: usize,
    m: usize,
    cols: Vec<OrdCol>,
    kind: Kind<'m>,
    conventional: Vec<AtomicU64>,
    names: Vec<String>,
}

impl<'m> Ordinal<'m> {
    pub(super) fn new(model: &'m Model, opts: &Options) -> Result<Ordinal<'m>, SmaaError> {
        let sc = &model.scores;
        let (n, m) = sc.mid.shape();
        let (lower, upper) = (sc.lower(), sc.upper());
        let mut cols = Vec::new();
        for (j, c) in model.criteria.iter().enumerate() {
            let Some(s) = &c.scale else { continue };
            if s.levels.len() < 3 {
                continue;
            }
            let index = |v: f64| s.values.iter().position(|&x| x == v).unwrap_or(0) as u32;
            let (lo, hi) = s.ends();
            cols.push(OrdCol {
                j,
                levels: s.levels.len(),
                lo,
                hi,
                cost: c.direction == Direction::Cost,
                cells: (0..n)
                    .map(|i| (index(lower[(i, j)]), index(upper[(i, j)])))
                    .collect(),
            });
        }
        let names = cols
            .iter()
            .map(|c| model.criteria[c.j].id.clone())
            .collect();
        let is_ord = |j: usize| cols.iter().any(|c| c.j == j);
        let uncertain: Vec<(usize, usize)> = (0..m)
            .flat_map(|j| (0..n).map(move |i| (i, j)))
            .filter(|&(i, j)| lower[(i, j)] != upper[(i, j)])
            .collect();
        let norm = opts.effective_normalization();
        let columns = model.columns();
        let criteria: Vec<CriterionInfo> = model.criteria.iter().map(Into::into).collect();
        evaluate(&sc.mid, &criteria, model.weights.as_slice(), opts)?;
        let affine = |j: usize| columns[j].bounds.is_some() && columns[j].value.is_none();
        let kind = if opts.method == Method::Wsm
            && norm == Some(Normalization::Scale)
            && uncertain.iter().all(|&(_, j)| affine(j))
        {
            let lo = normalize(lower, &columns, Normalization::Scale)?.matrix;
            let hi = normalize(upper, &columns, Normalization::Scale)?.matrix;
            let cell = |&(i, j): &(usize, usize)| (j * n + i, lo[(i, j)], hi[(i, j)] - lo[(i, j)]);
            Kind::Linear {
                base: lo.as_slice().to_vec(),
                cells: uncertain
                    .iter()
                    .filter(|c| !is_ord(c.1))
                    .map(cell)
                    .collect(),
                ord_cells: uncertain.iter().filter(|c| is_ord(c.1)).map(cell).collect(),
            }
        } else {
            Kind::General {
                model,
                criteria,
                opts: *opts,
                cells: uncertain,
            }
        };
        Ok(Ordinal {
            n,
            m,
            cols,
            kind,
            conventional: (0..n).map(|_| AtomicU64::new(0)).collect(),
            names,
        })
    }

    /// Whether nothing is drawn but the weights.
    pub(super) fn certain(&self) -> bool {
        self.cols.is_empty()
            && match &self.kind {
                Kind::Linear {
                    cells, ord_cells, ..
                } => cells.is_empty() && ord_cells.is_empty(),
                Kind::General { cells, .. } => cells.is_empty(),
            }
    }

    /// Draws each ordinal column's level values (`t` in [0, 1] between the ends, sorted
    /// uniforms inside) and the alternatives' values on it; writes `f(t)` into `out`, column
    /// by column (`out[j·n + i]`).
    fn draw_levels(
        &self,
        rng: &mut Pcg64Mcg,
        t: &mut Vec<f64>,
        out: &mut [f64],
        f: impl Fn(&OrdCol, f64) -> f64,
    ) {
        let n = self.n;
        for c in &self.cols {
            t.clear();
            t.push(0.0);
            for _ in 0..c.levels - 2 {
                t.push(unit(rng));
            }
            t.push(1.0);
            t[1..c.levels - 1].sort_unstable_by(f64::total_cmp);
            let col = &mut out[c.j * n..(c.j + 1) * n];
            for (x, &(a, b)) in col.iter_mut().zip(&c.cells) {
                let v = if a == b {
                    t[a as usize]
                } else {
                    let (ta, tb) = (t[a as usize], t[b as usize]);
                    ta + unit(rng) * (tb - ta)
                };
                *x = f(c, v);
            }
        }
    }

    /// Counts `len` draws.
    pub(super) fn rank_chunk(
        &self,
        sampler: &WeightSampler,
        mut rng: Pcg64Mcg,
        len: u64,
        ranks_counted: usize,
    ) -> Result<Tally, SmaaError> {
        let (n, m) = (self.n, self.m);
        let mut tally = Tally::new(n, m, ranks_counted);
        let mut conventional = vec![0u64; n];
        let (mut w, mut buf, mut tmp) = (vec![0.0; m], Vec::new(), Vec::new());
        let mut t = Vec::new();
        let mut s = vec![0.0; n];
        let mut keyed = Vec::with_capacity(n);
        match &self.kind {
            Kind::Linear {
                base,
                cells,
                ord_cells,
            } => {
                let (mut plain, mut ord) = (base.clone(), base.clone());
                let normalised = |c: &OrdCol, v: f64| if c.cost { 1.0 - v } else { v };
                for _ in 0..len {
                    sampler.sample(&mut rng, &mut w, &mut buf, &mut tmp);
                    for &(idx, lo, width) in cells {
                        let v = lo + unit(&mut rng) * width;
                        plain[idx] = v;
                        ord[idx] = v;
                    }
                    for &(idx, lo, width) in ord_cells {
                        plain[idx] = lo + unit(&mut rng) * width;
                    }
                    weighted_sum_into(&plain, &w, &mut s);
                    count_first(&s, &mut conventional);
                    self.draw_levels(&mut rng, &mut t, &mut ord, normalised);
                    weighted_sum_into(&ord, &w, &mut s);
                    if ranks_counted == 1 {
                        record_first(&s, &w, &mut tally);
                    } else {
                        record_ranks(&s, &mut keyed, &w, &mut tally);
                    }
                }
            }
            Kind::General {
                model,
                criteria,
                opts,
                cells,
            } => {
                let (lower, upper) = (model.scores.lower(), model.scores.upper());
                let mut plain = model.scores.mid.clone();
                let mut ord = model.scores.mid.clone();
                let raw = |c: &OrdCol, v: f64| c.lo + v * (c.hi - c.lo);
                for _ in 0..len {
                    sampler.sample(&mut rng, &mut w, &mut buf, &mut tmp);
                    for &c in cells {
                        let v = lower[c] + unit(&mut rng) * (upper[c] - lower[c]);
                        plain[c] = v;
                        ord[c] = v;
                    }
                    let e = evaluate(&plain, criteria, &w, opts)?;
                    for (i, &r) in ranks(&e.scores, e.order).iter().enumerate() {
                        conventional[i] += u64::from(r == 1);
                    }
                    self.draw_levels(&mut rng, &mut t, ord.as_mut_slice(), raw);
                    let e = evaluate(&ord, criteria, &w, opts)?;
                    for (i, &r) in ranks(&e.scores, e.order).iter().enumerate() {
                        if r - 1 < ranks_counted {
                            tally.record(i, r - 1, &w);
                        }
                    }
                }
            }
        }
        for (total, c) in self.conventional.iter().zip(conventional) {
            total.fetch_add(c, Ordering::Relaxed);
        }
        Ok(tally)
    }

    /// Draws (of level values and uncertain scores) in which each alternative with its central
    /// weights comes first.
    pub(super) fn confidence_chunk(
        &self,
        central: &[Option<Vec<f64>>],
        mut rng: Pcg64Mcg,
        len: u64,
    ) -> Result<Vec<u64>, SmaaError> {
        let mut wins = vec![0u64; central.len()];
        let mut t = Vec::new();
        match &self.kind {
            Kind::Linear { base, cells, .. } => {
                let mut ord = base.clone();
                let mut s = vec![0.0; self.n];
                let normalised = |c: &OrdCol, v: f64| if c.cost { 1.0 - v } else { v };
                for _ in 0..len {
                    for &(idx, lo, width) in cells {
                        ord[idx] = lo + unit(&mut rng) * width;
                    }
                    self.draw_levels(&mut rng, &mut t, &mut ord, normalised);
                    for (i, wc) in central.iter().enumerate() {
                        let Some(wc) = wc else { continue };
                        weighted_sum_into(&ord, wc, &mut s);
                        wins[i] += u64::from(is_first(&s, i));
                    }
                }
            }
            Kind::General {
                model,
                criteria,
                opts,
                cells,
            } => {
                let (lower, upper) = (model.scores.lower(), model.scores.upper());
                let mut ord: DMatrix<f64> = model.scores.mid.clone();
                let raw = |c: &OrdCol, v: f64| c.lo + v * (c.hi - c.lo);
                for _ in 0..len {
                    for &c in cells {
                        ord[c] = lower[c] + unit(&mut rng) * (upper[c] - lower[c]);
                    }
                    self.draw_levels(&mut rng, &mut t, ord.as_mut_slice(), raw);
                    for (i, wc) in central.iter().enumerate() {
                        let Some(wc) = wc else { continue };
                        let e = evaluate(&ord, criteria, wc, opts)?;
                        wins[i] += u64::from(ranks(&e.scores, e.order)[i] == 1);
                    }
                }
            }
        }
        Ok(wins)
    }

    /// The summary, once every chunk is counted; `first[i]` is the SMAA-O first-rank
    /// acceptability.
    pub(super) fn summary(&self, model: &Model, samples: u64, first: &[f64]) -> OrdinalSummary {
        let conventional: Vec<f64> = self
            .conventional
            .iter()
            .map(|c| c.load(Ordering::Relaxed) as f64 / samples as f64)
            .collect();
        let best = |v: &[f64]| v.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let top = best(&conventional);
        let w = conventional.iter().position(|&b| b == top).unwrap_or(0);
        OrdinalSummary {
            criteria: self.names.clone(),
            values: "inner level values drawn as sorted uniforms between the scale's ends, independently per criterion and draw; the ends keep their values",
            winner: model.alternatives[w].id.clone(),
            winner_first_conventional: conventional[w],
            winner_first_ordinal: first[w],
            survives: first[w] == best(first),
            conventional_first: conventional,
        }
    }
}

/// Counts the alternatives tied with the best score as first.
fn count_first(s: &[f64], counts: &mut [u64]) {
    let best = s.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let scale = crate::ranking::magnitude(s);
    for (c, &x) in counts.iter_mut().zip(s) {
        *c += u64::from(crate::ranking::tied(best, x, scale));
    }
}
