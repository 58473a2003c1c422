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
//! WSM with `scale` normalisation, without uncertain scores on ordinal criteria, has a fast
//! path: the normalised matrix is split once into its numeric and its ordinal columns; a draw
//! costs one product with the numeric columns, the level values `t` drawn on [0, 1] directly
//! (`1 − t` for a cost) and weighted, and for each alternative the sum of its levels' weighted
//! values (drawn, and conventional for the paired ranking), then the ranking. Sixteen draws
//! are scored side by side when there are at most 32 alternatives. Other cases evaluate the
//! method twice per draw.

use std::sync::atomic::{AtomicU64, Ordering};

use nalgebra::DMatrix;
use rand_pcg::Pcg64Mcg;
use serde::Serialize;

use super::SmaaError;
use super::batch::{self, LaneWeights};
use super::constraints::WeightSampler;
use super::kernels::{record_first, record_ranks};
use super::sampler::{LANES, Lanes, sort_lanes, sorting_network, unit};
use super::tallies::Tally;
use crate::linear::{LinearScorer, weighted_sum_into, weighted_sums_lanes};
use crate::methods::{CriterionInfo, Method, Options, evaluate};
use crate::model::Model;
use crate::normalize::{Normalization, normalize};
use crate::ranking::ranks;
use crate::simd::widest;
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
    /// The WSM fast path's split of the matrix, when `kind` is linear.
    fast: Option<Fast>,
    conventional: Vec<AtomicU64>,
    names: Vec<String>,
}

impl<'m> Ordinal<'m> {
    pub(super) fn new(model: &'m Model, opts: &Options) -> Result<Ordinal<'m>, SmaaError> {
        let sc = &model.scores;
        let (n, m) = sc.mid().shape();
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
        evaluate(sc.mid(), &criteria, model.weights.as_slice(), opts)?;
        let affine = |j: usize| columns[j].bounds.is_some() && columns[j].value.is_none();
        let kind = if opts.method == Method::Wsm
            && norm == Some(Normalization::Scale)
            && uncertain.iter().all(|&(_, j)| affine(j) && !is_ord(j))
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
        let fast = match &kind {
            Kind::Linear { base, cells, .. } => Some(Fast::new(base, &cols, cells, n, m)),
            Kind::General { .. } => None,
        };
        Ok(Ordinal {
            n,
            m,
            cols,
            kind,
            fast,
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
        pairwise: bool,
    ) -> Result<Tally, SmaaError> {
        let (n, m) = (self.n, self.m);
        let mut tally = Tally::new(n, m, ranks_counted).with_pairwise(pairwise);
        let mut conventional = vec![0u64; n];
        let (mut w, mut buf, mut tmp) = (vec![0.0; m], Vec::new(), Vec::new());
        let mut t = Vec::new();
        let mut s = vec![0.0; n];
        let mut keyed = Vec::with_capacity(n);
        let mut r_scratch = Vec::with_capacity(n);
        match &self.kind {
            Kind::Linear { .. } => {
                let f = self
                    .fast
                    .as_ref()
                    .expect("the fast path is built with a linear kind");
                if f.rest_cells.is_empty() && n <= batch::MAX_ALTERNATIVES && ranks_counted == n {
                    self.batch_chunk(f, sampler, &mut rng, len, &mut tally, &mut conventional);
                    for (total, c) in self.conventional.iter().zip(conventional) {
                        total.fetch_add(c, Ordering::Relaxed);
                    }
                    return Ok(tally);
                }
                let mut rest = f.rest.clone();
                let (mut w_rest, mut w_ord) =
                    (vec![0.0; f.rest_j.len()], vec![0.0; self.cols.len()]);
                let (mut s_rest, mut s_conv) = (vec![0.0; n], vec![0.0; n]);
                let mut vals = vec![0.0; self.cols.len() * f.width];
                let mut cvals = vals.clone();
                let kk = self.cols.len().max(1);
                for _ in 0..len {
                    sampler.sample(&mut rng, &mut w, &mut buf, &mut tmp);
                    for (x, &j) in w_rest.iter_mut().zip(&f.rest_j) {
                        *x = w[j];
                    }
                    for (x, c) in w_ord.iter_mut().zip(&self.cols) {
                        *x = w[c.j];
                    }
                    for &(idx, lo, width) in &f.rest_cells {
                        rest[idx] = lo + unit(&mut rng) * width;
                    }
                    weighted_sum_into(&rest, &w_rest, &mut s_rest);
                    // The conventional scores: each level's conventional value, weighted,
                    // summed as the drawn ones are.
                    for (k, c) in self.cols.iter().enumerate() {
                        let at = k * f.width..k * f.width + c.levels;
                        for (x, &v) in cvals[at.clone()].iter_mut().zip(&f.conv_levels[at]) {
                            *x = w_ord[k] * v;
                        }
                    }
                    if self.cols.is_empty() {
                        s_conv.copy_from_slice(&s_rest);
                    }
                    let sums = s_rest.iter().zip(f.offset.chunks_exact(kk));
                    for (x, (r, offs)) in s_conv.iter_mut().zip(sums) {
                        *x = offs.iter().fold(*r, |acc, &o| acc + cvals[o as usize]);
                    }
                    count_first(&s_conv, &mut conventional);
                    // Each column's weighted level values, then each alternative's sum of its
                    // levels' (accumulated in a register, alternative by alternative).
                    for (k, c) in self.cols.iter().enumerate() {
                        draw_t(&mut rng, c.levels, &mut t);
                        let wj = w_ord[k];
                        let row = &mut vals[k * f.width..k * f.width + c.levels];
                        for (x, &v) in row.iter_mut().zip(&t) {
                            *x = wj * if c.cost { 1.0 - v } else { v };
                        }
                    }
                    if self.cols.is_empty() {
                        s.copy_from_slice(&s_rest);
                    }
                    let sums = s_rest.iter().zip(f.offset.chunks_exact(kk));
                    for (x, (r, offs)) in s.iter_mut().zip(sums) {
                        // In column order, as the batches sum them.
                        *x = offs.iter().fold(*r, |acc, &o| acc + vals[o as usize]);
                    }
                    if ranks_counted == 1 {
                        record_first(&s, &w, &mut tally);
                    } else {
                        record_ranks(&s, &mut keyed, &mut r_scratch, &w, &mut tally);
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
                let mut plain = model.scores.mid().clone();
                let mut ord = model.scores.mid().clone();
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
                    r_scratch.clear();
                    r_scratch.extend(ranks(&e.scores, e.order).iter().map(|&r| (r - 1) as u32));
                    for (i, &r) in r_scratch.iter().enumerate() {
                        tally.record(i, r as usize, &w);
                    }
                    tally.record_pairs(&r_scratch);
                }
            }
        }
        for (total, c) in self.conventional.iter().zip(conventional) {
            total.fetch_add(c, Ordering::Relaxed);
        }
        Ok(tally)
    }

    /// The fast path's chunk, [`LANES`] draws at a time, for at most
    /// [`batch::MAX_ALTERNATIVES`] alternatives and no uncertain score: each draw's random
    /// numbers in the order of one draw at a time (its weights, then its level values, column
    /// by column), then for the whole batch the scores, conventional and drawn, each summed as
    /// one draw at a time sums it, the ranks ([`batch::rank_lanes`]) and the counts.
    fn batch_chunk(
        &self,
        f: &Fast,
        sampler: &WeightSampler,
        rng: &mut Pcg64Mcg,
        len: u64,
        tally: &mut Tally,
        conventional: &mut [u64],
    ) {
        let (n, m, kk) = (self.n, self.m, self.cols.len());
        let mut weights = LaneWeights::new(sampler, m);
        let mut w = vec![[0.0; LANES]; m];
        let (mut w_rest, mut w_ord) = (vec![[0.0; LANES]; f.rest_j.len()], vec![[0.0; LANES]; kk]);
        let (mut s_rest, mut s_conv, mut s) = (
            vec![[0.0; LANES]; n],
            vec![[0.0; LANES]; n],
            vec![[0.0; LANES]; n],
        );
        // Level values `t` (then weighted), `k·width + level`, one lane per draw.
        let mut vals = vec![[0.0; LANES]; kk * f.width];
        let mut cvals = vals.clone();
        let mut firsts = vec![[0u16; LANES]; n];
        let networks: Vec<Vec<(u8, u8)>> = self
            .cols
            .iter()
            .map(|c| sorting_network(c.levels - 2))
            .collect();
        let mut ranks = batch::Ranks::new(n);
        let mut counts = batch::LaneCounts::new(n, tally.pairwise());
        widest(
            #[inline(always)]
            || {
                let mut done = 0;
                while done < len {
                    let lanes = (len - done).min(LANES as u64) as usize;
                    for d in 0..lanes {
                        weights.draw(rng, &mut w, d);
                        // The inner values of each column, in the order draw_t draws them.
                        for (k, c) in self.cols.iter().enumerate() {
                            for row in vals[k * f.width + 1..k * f.width + c.levels - 1].iter_mut()
                            {
                                row[d] = unit(rng);
                            }
                        }
                    }
                    weights.finish(&mut w);
                    // Sorted for every lane at once, between the ends 0 and 1: the values draw_t
                    // gives (the same numbers put in order).
                    for ((k, c), net) in self.cols.iter().enumerate().zip(&networks) {
                        let rows = &mut vals[k * f.width..k * f.width + c.levels];
                        sort_lanes(&mut rows[1..c.levels - 1], net);
                        rows[0] = [0.0; LANES];
                        rows[c.levels - 1] = [1.0; LANES];
                    }
                    for (x, &j) in w_rest.iter_mut().zip(&f.rest_j) {
                        *x = w[j];
                    }
                    for (x, c) in w_ord.iter_mut().zip(&self.cols) {
                        *x = w[c.j];
                    }
                    f.rest_scorer.scores_lanes(&w_rest, &mut s_rest);
                    // The conventional scores: each level's conventional value, weighted, summed as
                    // the drawn ones are.
                    for (k, c) in self.cols.iter().enumerate() {
                        let at = k * f.width..k * f.width + c.levels;
                        for (row, &v) in cvals[at.clone()].iter_mut().zip(&f.conv_levels[at]) {
                            for (x, &wd) in row.iter_mut().zip(&w_ord[k]) {
                                *x = wd * v;
                            }
                        }
                    }
                    if kk == 0 {
                        s_conv.copy_from_slice(&s_rest);
                    } else {
                        sum_levels(&mut s_conv, &s_rest, &f.offset, kk, &cvals);
                    }
                    count_first_lanes(&s_conv, lanes, &mut firsts);
                    for (k, c) in self.cols.iter().enumerate() {
                        weigh_levels(
                            &mut vals[k * f.width..k * f.width + c.levels],
                            &w_ord[k],
                            c.cost,
                        );
                    }
                    if kk == 0 {
                        s.copy_from_slice(&s_rest);
                    } else {
                        sum_levels(&mut s, &s_rest, &f.offset, kk, &vals);
                    }
                    batch::rank_lanes(&s, lanes, &mut ranks);
                    batch::tally_lanes(&ranks, &w, tally, &mut counts);
                    done += lanes as u64;
                }
            },
        );
        for (c, l) in conventional.iter_mut().zip(&firsts) {
            *c += l.iter().map(|&x| u64::from(x)).sum::<u64>();
        }
        counts.add_to(tally);
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
                let normalised = |c: &OrdCol, v: f64| if c.cost { 1.0 - v } else { v };
                // The central weight vectors, LANES to a block, one per lane: each draw is
                // scored under all of them at once (the same sums as one at a time).
                let firsts: Vec<usize> = (0..central.len())
                    .filter(|&i| central[i].is_some())
                    .collect();
                let blocks: Vec<(&[usize], Vec<Lanes>)> = firsts
                    .chunks(LANES)
                    .map(|who| {
                        let mut w = vec![[0.0; LANES]; self.m];
                        for (d, &i) in who.iter().enumerate() {
                            let wc = central[i].as_ref().expect("filtered");
                            for (row, &x) in w.iter_mut().zip(wc) {
                                row[d] = x;
                            }
                        }
                        (who, w)
                    })
                    .collect();
                let mut s = vec![[0.0; LANES]; self.n];
                for _ in 0..len {
                    for &(idx, lo, width) in cells {
                        ord[idx] = lo + unit(&mut rng) * width;
                    }
                    self.draw_levels(&mut rng, &mut t, &mut ord, normalised);
                    for (who, w) in &blocks {
                        weighted_sums_lanes(&ord, w, &mut s);
                        // is_first for each lane's alternative: the best score and the
                        // largest magnitude over the lane, then the tie test of `tied`, whose
                        // scale is never below |best| or |s_i|.
                        let (mut best, mut scale) = ([f64::NEG_INFINITY; LANES], [0.0f64; LANES]);
                        for row in &s {
                            for d in 0..LANES {
                                best[d] = if row[d] > best[d] { row[d] } else { best[d] };
                                let a = row[d].abs();
                                scale[d] = if a > scale[d] { a } else { scale[d] };
                            }
                        }
                        for (d, &i) in who.iter().enumerate() {
                            let limit = crate::ranking::TIE_TOLERANCE * scale[d].max(1.0);
                            wins[i] += u64::from((best[d] - s[i][d]).abs() <= limit);
                        }
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
                let mut ord: DMatrix<f64> = model.scores.mid().clone();
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

/// [`count_first`] for the first `lanes` draws of a batch, into 16-bit counts per lane: the
/// same test, `|best − s_i| ≤ 1e-12·max(|best|, |s_i|, max_k |s_k|, 1)`, where the largest
/// magnitude is never below the other two.
#[inline(always)]
fn count_first_lanes(s: &[Lanes], lanes: usize, counts: &mut [[u16; LANES]]) {
    let (mut best, mut scale) = ([f64::NEG_INFINITY; LANES], [0.0f64; LANES]);
    // Scores are never NaN, so these are f64::max as count_first folds it.
    for row in s {
        for d in 0..LANES {
            best[d] = if row[d] > best[d] { row[d] } else { best[d] };
            let a = row[d].abs();
            scale[d] = if a > scale[d] { a } else { scale[d] };
        }
    }
    let mut limit = [-1.0; LANES];
    for d in 0..lanes {
        limit[d] = crate::ranking::TIE_TOLERANCE * scale[d].max(1.0);
    }
    for (c, row) in counts.iter_mut().zip(s) {
        for d in 0..LANES {
            c[d] += u16::from((best[d] - row[d]).abs() <= limit[d]);
        }
    }
}

/// Each level's value `t` of one ordinal column (one row per level, one lane per draw) times
/// the draw's weight `w`: `w·t` for a benefit, `w·(1 − t)` for a cost.
#[inline(always)]
fn weigh_levels(rows: &mut [Lanes], w: &Lanes, cost: bool) {
    for row in rows {
        for (x, &wd) in row.iter_mut().zip(w) {
            *x = wd * if cost { 1.0 - *x } else { *x };
        }
    }
}

/// `s_i = r_i + Σ_k vals[offset[i·K + k]]` for every alternative `i` and lane, summed as
/// one draw at a time sums it: `r_i`, then each column's value in column order.
#[inline(always)]
fn sum_levels(s: &mut [Lanes], r: &[Lanes], offset: &[u32], kk: usize, vals: &[Lanes]) {
    for ((x, r), offs) in s.iter_mut().zip(r).zip(offset.chunks_exact(kk)) {
        let mut acc = *r;
        for &o in offs {
            for (a, &v) in acc.iter_mut().zip(&vals[o as usize]) {
                *a += v;
            }
        }
        *x = acc;
    }
}

/// Draws the values `t` of a scale's `levels` levels on [0, 1]: 0, sorted uniforms, 1.
#[inline]
fn draw_t(rng: &mut Pcg64Mcg, levels: usize, t: &mut Vec<f64>) {
    t.clear();
    t.push(0.0);
    for _ in 0..levels - 2 {
        // Insertion into the sorted inner values.
        let u = unit(rng);
        let mut k = t.len();
        t.push(u);
        while k > 1 && t[k - 1] > u {
            t[k] = t[k - 1];
            k -= 1;
        }
        t[k] = u;
    }
    t.push(1.0);
}

/// The WSM fast path's matrices: the non-ordinal columns, the conventional normalised value
/// of each ordinal level, and each ordinal cell's level.
struct Fast {
    /// Non-ordinal columns (column-major) and their criteria.
    rest: Vec<f64>,
    rest_j: Vec<usize>,
    rest_cells: Vec<(usize, f64, f64)>,
    /// The most levels of any ordinal scale: the stride of the level values, column by column.
    width: usize,
    /// For each alternative and ordinal column (`i·K + k`), the index `k·width + level` of its
    /// value.
    offset: Vec<u32>,
    /// The conventional normalised value of each level, `k·width + level` (0 for a level no
    /// alternative has).
    conv_levels: Vec<f64>,
    /// `rest` as the scorer of a batch of weight vectors.
    rest_scorer: LinearScorer,
}

impl Fast {
    /// From the normalised matrix `base` (column-major) and its uncertain cells `(index,
    /// lower end, width)`, none of them on an ordinal column.
    fn new(base: &[f64], cols: &[OrdCol], cells: &[(usize, f64, f64)], n: usize, m: usize) -> Fast {
        let ord_k = |j: usize| cols.iter().position(|c| c.j == j);
        let rest_j: Vec<usize> = (0..m).filter(|&j| ord_k(j).is_none()).collect();
        let column = |j: usize| &base[j * n..(j + 1) * n];
        let rest: Vec<f64> = rest_j
            .iter()
            .flat_map(|&j| column(j).iter().copied())
            .collect();
        let rest_cells = cells
            .iter()
            .map(|&(idx, lo, width)| {
                let (j, i) = (idx / n, idx % n);
                let r = rest_j.iter().position(|&x| x == j).unwrap_or(0);
                (r * n + i, lo, width)
            })
            .collect();
        let width = cols.iter().map(|c| c.levels).max().unwrap_or(0);
        let offset = (0..n)
            .flat_map(|i| {
                cols.iter()
                    .enumerate()
                    .map(move |(k, c)| (k * width) as u32 + c.cells[i].0)
            })
            .collect();
        let mut conv_levels = vec![0.0; cols.len() * width];
        for (k, c) in cols.iter().enumerate() {
            for (&(level, _), &v) in c.cells.iter().zip(column(c.j)) {
                conv_levels[k * width + level as usize] = v;
            }
        }
        Fast {
            rest_scorer: LinearScorer::from_columns(rest.clone(), n, rest_j.len()),
            conv_levels,
            rest,
            rest_j,
            rest_cells,
            width,
            offset,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::SmaaOptions;
    use super::super::sampler::chunk_rng;
    use super::*;

    /// The fast path's batches (sixteen draws side by side) count, draw for draw, what its
    /// one-draw-at-a-time loop counts (taken when only first places are counted): the same
    /// random numbers in the same order, so the same first places under the drawn values and
    /// under the conventional ones. 1,003 draws end on a partial batch.
    #[test]
    fn batches_count_what_one_draw_at_a_time_counts() {
        for file in [
            "policies/kazakhstan-torture-prevention.toml",
            "policies/fighter-aircraft-topsis.toml",
        ] {
            let model = crate::model::load(file.as_ref()).unwrap();
            let n = model.scores.mid().nrows();
            let opts = Options::new(Method::Wsm);
            let s = SmaaOptions {
                samples: 1003,
                seed: 5,
                weight_order: Vec::new(),
                bounds: None,
                linear: Default::default(),
            };
            let sampler = WeightSampler::new(&model, &s).unwrap();
            let (batch, single) = (
                Ordinal::new(&model, &opts).unwrap(),
                Ordinal::new(&model, &opts).unwrap(),
            );
            assert!(matches!(batch.kind, Kind::Linear { .. }), "{file}");
            let rng = || chunk_rng(5, 0, 0);
            let a = batch.rank_chunk(&sampler, rng(), 1003, n, false).unwrap();
            let b = single.rank_chunk(&sampler, rng(), 1003, 1, false).unwrap();
            let firsts = |t: &Tally| (0..n).map(|i| t.first(i)).collect::<Vec<u64>>();
            assert_eq!(firsts(&a), firsts(&b), "{file}");
            assert!(firsts(&a).iter().sum::<u64>() >= 1003, "{file}");
            let conventional = |o: &Ordinal| {
                o.conventional
                    .iter()
                    .map(|c| c.load(Ordering::Relaxed))
                    .collect::<Vec<u64>>()
            };
            assert_eq!(conventional(&batch), conventional(&single), "{file}");
            // The vector version of the batch kernels counts what the baseline counts.
            let (baseline, wide) = crate::simd::both_versions(|| {
                let o = Ordinal::new(&model, &opts).unwrap();
                let t = o.rank_chunk(&sampler, rng(), 1003, n, true).unwrap();
                (format!("{t:?}"), conventional(&o))
            });
            assert_eq!(baseline.1, conventional(&batch), "{file}");
            if let Some(wide) = wide {
                assert_eq!(baseline, wide, "{file}");
            }
        }
    }
}
