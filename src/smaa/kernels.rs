//! How one draw is scored and ranked, and how a chunk of draws is counted.
//!
//! Ranks follow SMAA-2's rank function, `rank(i) = 1 + #{k : u_k > u_i}`: alternatives whose
//! scores tie (to [`crate::ranking::TIE_TOLERANCE`] relative, as in the plain ranking) share
//! the best of their positions ("1, 1, 3"). A draw is ranked by sorting its scores,
//! O(n log n); when only first places are counted, by one pass for the best score, O(n).

use rand_pcg::Pcg64Mcg;

use super::SmaaError;
use super::batch;
use super::constraints::WeightSampler;
use super::sampler::{LANES, unit};
use super::tallies::Tally;
use crate::linear::{LinearScorer, weighted_sum_into};
use crate::methods::{CriterionInfo, Method, Options, evaluate};
use crate::model::Model;
use crate::normalize::{Normalization, normalize};
use crate::ranking::{TIE_TOLERANCE, magnitude, ranks, tied};
use crate::simd::widest;

/// How scores are computed for a draw.
pub(super) enum Sampled<'m> {
    /// WSM on a normalised matrix computed once, with the uncertain cells as `(index into the
    /// column-major matrix, normalised lower end, width)`.
    Linear {
        scorer: LinearScorer,
        cells: Vec<(usize, f64, f64)>,
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

/// Scratch space of one chunk, allocated once.
struct Scratch {
    w: Vec<f64>,
    buf: Vec<f64>,
    tmp: Vec<f64>,
    s: Vec<f64>,
    keyed: Vec<(f64, u32)>,
    r: Vec<u32>,
}

impl Scratch {
    fn new(n: usize, m: usize) -> Scratch {
        Scratch {
            w: vec![0.0; m],
            buf: Vec::with_capacity(m),
            tmp: Vec::new(),
            s: vec![0.0; n],
            keyed: Vec::with_capacity(n),
            r: Vec::with_capacity(n),
        }
    }
}

impl<'m> Sampled<'m> {
    pub(super) fn new(model: &'m Model, opts: &Options) -> Result<Sampled<'m>, SmaaError> {
        let sc = &model.scores;
        let (n, m) = sc.mid().shape();
        let (lower, upper) = (sc.lower(), sc.upper());
        let uncertain: Vec<(usize, usize)> = if sc.is_uncertain() {
            (0..n)
                .flat_map(|i| (0..m).map(move |j| (i, j)))
                .filter(|&(i, j)| lower[(i, j)] != upper[(i, j)])
                .collect()
        } else {
            Vec::new()
        };
        let norm = opts.effective_normalization();
        let columns = model.columns();
        // Normalisation against fixed ends is affine and the same for every draw (not through a
        // value function, which bends).
        let fixed = |j: usize| {
            norm == Some(Normalization::Scale)
                && columns[j].bounds.is_some()
                && columns[j].value.is_none()
        };
        let criteria: Vec<CriterionInfo> = model.criteria.iter().map(Into::into).collect();
        evaluate(sc.mid(), &criteria, model.weights.as_slice(), opts)?;
        if opts.method == Method::Wsm && uncertain.iter().all(|&(_, j)| fixed(j)) {
            let norm = norm.unwrap_or(Normalization::Scale);
            let lo = normalize(lower, &columns, norm)?.matrix;
            let cells = if uncertain.is_empty() {
                Vec::new()
            } else {
                let hi = normalize(upper, &columns, norm)?.matrix;
                uncertain
                    .iter()
                    .map(|&(i, j)| (j * n + i, lo[(i, j)], hi[(i, j)] - lo[(i, j)]))
                    .collect()
            };
            return Ok(Sampled::Linear {
                scorer: LinearScorer::new(&lo),
                cells,
            });
        }
        Ok(Sampled::General {
            model,
            criteria,
            opts: *opts,
            cells: uncertain,
        })
    }

    /// Whether every score is certain.
    pub(super) fn certain(&self) -> bool {
        match self {
            Sampled::Linear { cells, .. } => cells.is_empty(),
            Sampled::General { cells, .. } => cells.is_empty(),
        }
    }

    /// Counts `len` draws, `ranks` ranks per alternative, and pairs when `pairwise`.
    pub(super) fn rank_chunk(
        &self,
        sampler: &WeightSampler,
        mut rng: Pcg64Mcg,
        len: u64,
        ranks: usize,
        pairwise: bool,
    ) -> Result<Tally, SmaaError> {
        match self {
            Sampled::Linear { scorer, cells } => Ok(linear_chunk(
                scorer, cells, sampler, &mut rng, len, ranks, pairwise,
            )),
            Sampled::General {
                model,
                criteria,
                opts,
                cells,
            } => {
                let (n, m) = model.scores.mid().shape();
                let mut t = Tally::new(n, m, ranks).with_pairwise(pairwise);
                let mut sc = Scratch::new(0, m);
                let mut x = model.scores.mid().clone();
                for _ in 0..len {
                    sampler.sample(&mut rng, &mut sc.w, &mut sc.buf, &mut sc.tmp);
                    draw_scores(model, cells, &mut x, &mut rng);
                    let e = evaluate(&x, criteria, &sc.w, opts)?;
                    sc.r.clear();
                    sc.r.extend(
                        crate::ranking::ranks(&e.scores, e.order)
                            .iter()
                            .map(|&r| (r - 1) as u32),
                    );
                    for (i, &r) in sc.r.iter().enumerate() {
                        t.record(i, r as usize, &sc.w);
                    }
                    t.record_pairs(&sc.r);
                }
                Ok(t)
            }
        }
    }

    /// Draws of the uncertain scores, in which each alternative with central weights comes
    /// first (ties for first count as first).
    pub(super) fn confidence_chunk(
        &self,
        central: &[Option<Vec<f64>>],
        mut rng: Pcg64Mcg,
        len: u64,
    ) -> Result<Vec<u64>, SmaaError> {
        let mut wins = vec![0u64; central.len()];
        match self {
            Sampled::Linear { scorer, cells } => {
                let mut mat = scorer.cols().to_vec();
                let mut s = vec![0.0; central.len()];
                for _ in 0..len {
                    for &(idx, lo, width) in cells {
                        mat[idx] = lo + unit(&mut rng) * width;
                    }
                    for (i, wc) in central.iter().enumerate() {
                        let Some(wc) = wc else { continue };
                        weighted_sum_into(&mat, wc, &mut s);
                        wins[i] += u64::from(is_first(&s, i));
                    }
                }
            }
            Sampled::General {
                model,
                criteria,
                opts,
                cells,
            } => {
                let mut x = model.scores.mid().clone();
                for _ in 0..len {
                    draw_scores(model, cells, &mut x, &mut rng);
                    for (i, wc) in central.iter().enumerate() {
                        let Some(wc) = wc else { continue };
                        let e = evaluate(&x, criteria, wc, opts)?;
                        wins[i] += u64::from(ranks(&e.scores, e.order)[i] == 1);
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

/// Whether alternative `i` is first (higher score first): no score beats it beyond the tie
/// tolerance.
#[inline]
pub(super) fn is_first(s: &[f64], i: usize) -> bool {
    let best = s.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    tied(best, s[i], magnitude(s))
}

/// The WSM fast path for one chunk: one matrix–vector product per draw, then the ranks.
fn linear_chunk(
    scorer: &LinearScorer,
    cells: &[(usize, f64, f64)],
    sampler: &WeightSampler,
    rng: &mut Pcg64Mcg,
    len: u64,
    ranks: usize,
    pairwise: bool,
) -> Tally {
    let (n, m) = (scorer.alternatives(), scorer.criteria());
    let mut t = Tally::new(n, m, ranks).with_pairwise(pairwise);
    if cells.is_empty() && n <= batch::MAX_ALTERNATIVES && ranks == n {
        return batch_chunk(scorer, sampler, rng, len, t);
    }
    let mut sc = Scratch::new(n, m);
    // Certain scores are read in place; uncertain ones are drawn into a copy.
    let mut mat = std::borrow::Cow::Borrowed(scorer.cols());
    for _ in 0..len {
        sampler.sample(rng, &mut sc.w, &mut sc.buf, &mut sc.tmp);
        if !cells.is_empty() {
            let mat = mat.to_mut();
            for &(idx, lo, width) in cells {
                mat[idx] = lo + unit(rng) * width;
            }
        }
        weighted_sum_into(&mat, &sc.w, &mut sc.s);
        if ranks == 1 {
            record_first(&sc.s, &sc.w, &mut t);
        } else {
            record_ranks(&sc.s, &mut sc.keyed, &mut sc.r, &sc.w, &mut t);
        }
    }
    t
}

/// [`linear_chunk`] for at most [`batch::MAX_ALTERNATIVES`] alternatives with certain
/// scores, [`LANES`] draws at a time: their weights (drawn in the same order as one at a
/// time), their scores ([`LinearScorer::scores_lanes`], the same sums), their ranks
/// ([`batch::rank_lanes`], the same ranks), then the counts, draw by draw in order, so the
/// tally is the one the draws would give one at a time.
fn batch_chunk(
    scorer: &LinearScorer,
    sampler: &WeightSampler,
    rng: &mut Pcg64Mcg,
    len: u64,
    mut t: Tally,
) -> Tally {
    let (n, m) = (scorer.alternatives(), scorer.criteria());
    let mut weights = batch::LaneWeights::new(sampler, m);
    let mut w = vec![[0.0; LANES]; m];
    let mut s = vec![[0.0; LANES]; n];
    let mut ranks = batch::Ranks::new(n);
    let mut counts = batch::LaneCounts::new(n, t.pairwise());
    widest(
        #[inline(always)]
        || {
            let mut done = 0;
            while done < len {
                let lanes = (len - done).min(LANES as u64) as usize;
                for d in 0..lanes {
                    weights.draw(rng, &mut w, d);
                }
                weights.finish(&mut w);
                scorer.scores_lanes(&w, &mut s);
                batch::rank_lanes(&s, lanes, &mut ranks);
                batch::tally_lanes(&ranks, &w, &mut t, &mut counts);
                done += lanes as u64;
            }
        },
    );
    counts.add_to(&mut t);
    t
}

/// Up to this many alternatives a draw is ranked by comparing every pair (no branch, and
/// faster than a sort at this size); above, by a sort.
const PAIRWISE_MAX: usize = 32;

/// Counts the competition ranks of the scores `s` (higher first): the rank of `i` is how many
/// scores exceed `s_i` by more than the tie tolerance `t` (`s_k − s_i > t`). `keyed` and `r`
/// are scratch.
#[inline]
pub(super) fn record_ranks(
    s: &[f64],
    keyed: &mut Vec<(f64, u32)>,
    r: &mut Vec<u32>,
    w: &[f64],
    t: &mut Tally,
) {
    // The largest magnitude, as `magnitude` gives it (scores are never NaN).
    let mag = s
        .iter()
        .fold(0.0, |m, x| if x.abs() > m { x.abs() } else { m });
    let tol = TIE_TOLERANCE * mag;
    r.clear();
    r.resize(s.len(), 0);
    if s.len() <= PAIRWISE_MAX {
        let mut q = [0usize; PAIRWISE_MAX];
        if !(mag > 0.0 && mag.is_finite() && quantized_ranks(s, mag, tol, &mut q)) {
            for (i, &si) in s.iter().enumerate() {
                q[i] = pairwise_rank(s, si, tol);
            }
        }
        for (x, &qi) in r.iter_mut().zip(&q) {
            *x = qi as u32;
        }
    } else {
        keyed.clear();
        keyed.extend(s.iter().copied().zip(0u32..));
        keyed.sort_unstable_by(|a, b| b.0.total_cmp(&a.0));
        // Going down the sorted scores, the number that beat the current one only grows.
        let mut ahead = 0;
        for &(si, i) in keyed.iter() {
            while keyed[ahead].0 - si > tol {
                ahead += 1;
            }
            r[i as usize] = ahead as u32;
        }
    }
    for (i, &ri) in r.iter().enumerate() {
        t.record(i, ri as usize, w);
    }
    t.record_pairs(r);
}

/// How many scores of `s` exceed `si` by more than `tol`.
#[inline]
fn pairwise_rank(s: &[f64], si: f64, tol: f64) -> usize {
    s.iter().map(|&x| usize::from(x - si > tol)).sum()
}

/// The ranks of [`record_ranks`] (`r_i = #{k : s_k − s_i > tol}`, `tol` at most
/// `1e-10·mag`), counted on 16-bit integer keys, eight to a vector register and every
/// alternative at once, with the exact comparison kept for the pairs the keys cannot decide;
/// `false` when `mag` is not a usable scale (the caller then compares every pair).
///
/// The key is `q = ⌊(s + mag)·2^13 / mag⌋`, in `[0, 2^14]`: the arithmetic is rounded but
/// monotone in `s`, so `q_k < q_i` implies `s_k < s_i` (not counted), and `q_k ≥ q_i + 2`
/// implies `s_k − s_i > mag·2^-13·(1 − 2^-30)`, far above `tol` (counted). Only keys
/// `q_k ∈ {q_i, q_i + 1}` are undecided; `k = i` is one of them and is never counted, so when
/// it is the only one the count of `q_k ≥ q_i + 2` is the rank, and otherwise that
/// alternative's scores are compared one by one, as before.
#[inline]
fn quantized_ranks(s: &[f64], mag: f64, tol: f64, r: &mut [usize; PAIRWISE_MAX]) -> bool {
    let n = s.len();
    let scale = f64::from(1u32 << 13) / mag;
    if n > PAIRWISE_MAX || tol > mag * 1e-10 || !scale.is_finite() {
        return false;
    }
    let mut q = [0i16; PAIRWISE_MAX];
    for (k, &x) in q.iter_mut().zip(s) {
        *k = ((x + mag) * scale) as i16;
    }
    // Thresholds per alternative; the padding lanes' are never exceeded.
    let (mut above, mut near) = ([i16::MAX; PAIRWISE_MAX], [i16::MAX; PAIRWISE_MAX]);
    for ((a, b), &qi) in above.iter_mut().zip(near.iter_mut()).zip(&q[..n]) {
        *a = qi + 1;
        *b = qi - 1;
    }
    let (mut gt, mut ge) = ([0i16; PAIRWISE_MAX], [0i16; PAIRWISE_MAX]);
    for &qk in &q[..n] {
        for l in 0..PAIRWISE_MAX {
            gt[l] += i16::from(qk > above[l]);
            ge[l] += i16::from(qk > near[l]);
        }
    }
    for (i, ri) in r[..n].iter_mut().enumerate() {
        *ri = if ge[i] - gt[i] == 1 {
            gt[i] as usize
        } else {
            pairwise_rank(s, s[i], tol)
        };
    }
    true
}

/// Counts only the first places: every alternative tied with the best score.
#[inline]
pub(super) fn record_first(s: &[f64], w: &[f64], t: &mut Tally) {
    let best = s.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let scale = magnitude(s);
    for (i, &x) in s.iter().enumerate() {
        if tied(best, x, scale) {
            t.record(i, 0, w);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ranks_of(s: &[f64]) -> Vec<usize> {
        let mut t = Tally::new(s.len(), 1, s.len());
        record_ranks(s, &mut Vec::new(), &mut Vec::new(), &[1.0], &mut t);
        (0..s.len())
            .map(|i| (0..s.len()).find(|&r| t.count(i, r) == 1).unwrap())
            .collect()
    }

    /// The vector version of the batch kernels counts what the baseline counts, bit for bit,
    /// on the published models and on a 20 x 8 matrix of random scores.
    #[test]
    fn every_version_of_the_kernels_gives_the_same_tally() {
        use super::super::sampler::chunk_rng;
        use crate::smaa::SmaaOptions;
        let dir = tempfile::tempdir().unwrap();
        let mut text = String::from("title = \"Random 20 x 8\"\nmethod = \"wsm\"\n");
        for j in 0..8 {
            let direction = if j % 3 == 2 { "cost" } else { "benefit" };
            text += &format!(
                "[[criteria]]\nid = \"c{j}\"\ndirection = \"{direction}\"\nweight = {}\n",
                j + 1
            );
        }
        let mut rng = chunk_rng(3, 0, 0);
        for i in 0..20 {
            text += &format!("[[alternatives]]\nid = \"a{i}\"\n[alternatives.scores]\n");
            for j in 0..8 {
                text += &format!("c{j} = {}\n", (unit(&mut rng) * 1e4).round() / 100.0);
            }
        }
        let random = dir.path().join("random.toml");
        std::fs::write(&random, text).unwrap();
        for file in [
            std::path::PathBuf::from("policies/kazakhstan-torture-prevention.toml"),
            std::path::PathBuf::from("policies/fighter-aircraft-topsis.toml"),
            random,
        ] {
            let model = crate::model::load(&file).unwrap();
            let n = model.scores.mid().nrows();
            let opts = Options::new(Method::Wsm);
            let s = SmaaOptions {
                samples: 20_011,
                seed: 9,
                weight_order: Vec::new(),
                bounds: None,
                linear: Default::default(),
            };
            let sampler = WeightSampler::new(&model, &s).unwrap();
            let sampled = Sampled::new(&model, &opts).unwrap();
            assert!(matches!(sampled, Sampled::Linear { .. }), "{file:?}");
            let tally = || {
                let t = sampled
                    .rank_chunk(&sampler, chunk_rng(9, 0, 0), 20_011, n, true)
                    .unwrap();
                let firsts: u64 = (0..n).map(|i| t.first(i)).sum();
                (format!("{t:?}"), firsts)
            };
            let (baseline, wide) = crate::simd::both_versions(tally);
            // Every draw has a first (ties share it).
            assert!(baseline.1 >= 20_011, "{file:?}");
            match wide {
                Some(wide) => assert_eq!(baseline, wide, "{file:?}"),
                None => eprintln!("no vector version on this processor: {file:?}"),
            }
        }
    }

    #[test]
    fn tied_scores_share_the_best_rank() {
        assert_eq!(ranks_of(&[0.5, 0.9, 0.5, 0.1]), vec![1, 0, 1, 3]);
        assert_eq!(ranks_of(&[0.0, 0.0, 0.8]), vec![1, 1, 0]);
        // Equal to the tie tolerance: 0.1 + 0.2 and 0.3 tie, as in the plain ranking.
        assert_eq!(ranks_of(&[0.3, 0.1 + 0.2, 0.2]), vec![0, 0, 2]);
        assert_eq!(ranks_of(&[0.3, 0.3 + 1e-9, 0.2]), vec![1, 0, 2]);
        // Above the pairwise size, the sort gives the same ranks.
        let many: Vec<f64> = (0..100).map(|i| f64::from((i * 37) % 50) / 7.0).collect();
        let want: Vec<usize> = many
            .iter()
            .map(|&x| many.iter().filter(|&&y| y > x).count())
            .collect();
        assert_eq!(ranks_of(&many), want);
        assert!(is_first(&[0.5, 0.9, 0.9], 2) && is_first(&[0.5, 0.9, 0.9], 1));
        assert!(!is_first(&[0.5, 0.9, 0.9], 0));
        let mut t = Tally::new(3, 1, 1);
        record_first(&[0.9, 0.2, 0.9], &[1.0], &mut t);
        assert_eq!((t.first(0), t.first(1), t.first(2)), (1, 0, 1));
    }

    #[test]
    fn integer_keys_give_the_exact_pairwise_ranks() {
        // Random scores with near ties planted at and around the tolerance and the key
        // width (2^-13 of the largest magnitude), compared with the definition.
        let mut rng = super::super::sampler::chunk_rng(5, 0, 0);
        let steps = [
            0.0,
            1e-13,
            1e-12,
            2e-12,
            1e-9,
            1.0 / 8192.0,
            2.0 / 8192.0,
            3e-4,
        ];
        for trial in 0..3000 {
            let n = 1 + trial % 32;
            let mut s: Vec<f64> = (0..n).map(|_| unit(&mut rng)).collect();
            for k in 1..n {
                if unit(&mut rng) < 0.3 {
                    let step = steps[(unit(&mut rng) * steps.len() as f64) as usize];
                    s[k] = s[k - 1] + step;
                }
            }
            if trial % 7 == 0 {
                s.iter_mut().for_each(|x| *x -= 0.5);
            }
            let want: Vec<usize> = {
                let tol = TIE_TOLERANCE * magnitude(&s);
                s.iter()
                    .map(|&si| s.iter().filter(|&&x| x - si > tol).count())
                    .collect()
            };
            assert_eq!(ranks_of(&s), want, "{s:?}");
        }
    }

    #[test]
    fn sorted_ranks_match_the_plain_ranking() {
        let s = [0.25, 0.75, 0.5, 0.75, 0.0, 0.5 + 1e-15];
        let want: Vec<usize> = crate::ranking::ranks(&s, crate::methods::ScoreOrder::Descending)
            .iter()
            .map(|r| r - 1)
            .collect();
        assert_eq!(ranks_of(&s), want);
    }
}
