//! Draws ranked a batch at a time: the scores of [`LANES`] draws side by side, one lane per
//! draw, so that every step of the ranking is one operation over the lanes, which the compiler
//! turns into vector instructions (no `unsafe`; the key comparisons through `pulp`'s safe
//! AVX2 token where the processor has AVX2, else through `wide`).
//!
//! The rank of alternative `i` in a draw is SMAA-2's, `r_i = #{k : s_k − s_i > tol}` with
//! `tol = 1e-12·max_k |s_k|` (see [`super::kernels`]). It is counted on 16-bit integer keys,
//! sixteen to a vector register with AVX2, eight without:
//!
//! - per draw, `lo` and `hi` are the lowest and highest score, and the key of a score is
//!   `q = (s − lo)·c` rounded to an integer, with `c = 65000 / (hi − lo)`, in `[0, 65000]`
//!   (less 32500, to fit a signed 16-bit lane);
//! - `g_i = #{k : q_k ≥ q_i + 2}`. The arithmetic is rounded but monotone, so `q_k < q_i`
//!   implies `s_k < s_i` (not counted, rightly), and `q_k ≥ q_i + 2` implies that the
//!   unrounded keys differ by at least 1, so `(s_k − s_i)·c > 1 − 8·2^-53·65000` and
//!   `s_k − s_i > 1.5·10^-5·(hi − lo)`, which is above `tol` whenever `hi − lo > 10^-6·max |s|`
//!   (counted, rightly);
//! - each unordered pair is counted at most once (`q_k ≥ q_i + 2` and `q_i ≥ q_k + 2` cannot
//!   both hold), and exactly once when its keys are 2 or more apart. So `Σ_i g_i = n(n − 1)/2`
//!   exactly when every pair is decided by its keys, and then `g_i = r_i` for every `i`.
//!
//! A draw whose sum falls short (two scores within two key steps, or all scores within
//! `10^-6` of one another, where `c` is set to 0) is ranked by comparing its scores pair by
//! pair, as the definition says. Either way the ranks are exact; the keys only decide faster.

use rand_pcg::Pcg64Mcg;
use wide::i16x8;

use super::constraints::WeightSampler;
use super::sampler::{LANES, Lanes, simplex_spacings, simplex_uniforms};
use super::tallies::Tally;
use crate::ranking::TIE_TOLERANCE;

/// How the weights of a batch are drawn: uniform on the simplex by a sorting network over the
/// lanes when there is no constraint, otherwise by the sampler one draw at a time; the same
/// numbers either way, and the same random numbers in the same order.
pub(super) struct LaneWeights<'s> {
    sampler: &'s WeightSampler,
    network: Option<Vec<(u8, u8)>>,
    w: Vec<f64>,
    buf: Vec<f64>,
    tmp: Vec<f64>,
}

impl<'s> LaneWeights<'s> {
    pub(super) fn new(sampler: &'s WeightSampler, m: usize) -> LaneWeights<'s> {
        LaneWeights {
            sampler,
            network: sampler.network(),
            w: vec![0.0; m],
            buf: Vec::with_capacity(m),
            tmp: Vec::new(),
        }
    }

    /// Draws the random numbers of draw `d`'s weights (the whole weights, without a network).
    #[inline(always)]
    pub(super) fn draw(&mut self, rng: &mut Pcg64Mcg, w: &mut [Lanes], d: usize) {
        if self.network.is_some() {
            simplex_uniforms(rng, w, d);
        } else {
            self.sampler
                .sample(rng, &mut self.w, &mut self.buf, &mut self.tmp);
            for (row, &x) in w.iter_mut().zip(&self.w) {
                row[d] = x;
            }
        }
    }

    /// Completes the weights of every lane drawn.
    #[inline(always)]
    pub(super) fn finish(&self, w: &mut [Lanes]) {
        if let Some(net) = &self.network {
            simplex_spacings(w, net);
        }
    }
}

/// The most alternatives ranked by [`rank_lanes`] (their counts fit the 16-bit lanes).
pub(super) const MAX_ALTERNATIVES: usize = 32;

/// The width of the key range.
const KEY_RANGE: f64 = 65000.0;

/// Below this spread of a draw's scores, relative to their magnitude, the keys are not used.
const MIN_SPREAD: f64 = 1e-6;

/// Ranks of the alternatives in each lane; the keys are scratch.
#[derive(Debug, Clone)]
pub(super) struct Ranks {
    /// `r[i]`: the 0-based rank of alternative `i` in each draw, 16 lanes in two vectors;
    /// −1 in the lanes beyond a partial batch.
    pub(super) r: Vec<[i16x8; 2]>,
    /// The keys.
    q: Vec<[i16x8; 2]>,
    /// The processor's 256-bit integer instructions, when it has them.
    #[cfg(target_arch = "x86_64")]
    v3: Option<pulp::x86::V3>,
}

impl Ranks {
    pub(super) fn new(n: usize) -> Ranks {
        assert!(n <= MAX_ALTERNATIVES, "{n} alternatives in one batch");
        Ranks {
            r: vec![[i16x8::ZERO; 2]; n],
            q: vec![[i16x8::ZERO; 2]; n],
            #[cfg(target_arch = "x86_64")]
            v3: pulp::x86::V3::try_new(),
        }
    }

    /// The rank of alternative `i` in draw `d`.
    #[cfg(test)]
    fn rank(&self, i: usize, d: usize) -> i16 {
        self.r[i][d / 8].to_array()[d % 8]
    }
}

/// Sixteen lanes as two vectors.
#[inline(always)]
fn vectors(a: &[i16; LANES]) -> [i16x8; 2] {
    [
        i16x8::new(a[..8].try_into().expect("eight lanes")),
        i16x8::new(a[8..].try_into().expect("eight lanes")),
    ]
}

/// Two vectors as sixteen lanes.
#[inline(always)]
fn lanes_of(v: &[i16x8; 2]) -> [i16; LANES] {
    let mut a = [0; LANES];
    a[..8].copy_from_slice(&v[0].to_array());
    a[8..].copy_from_slice(&v[1].to_array());
    a
}

/// The lanes where a comparison holds (its lanes are −1 there), as bits `1 << d`.
#[inline(always)]
fn bits(v: &[i16x8; 2]) -> u32 {
    v[0].to_bitmask() | (v[1].to_bitmask() << 8)
}

const _: () = assert!(
    LANES == 16,
    "the keys are held in two vectors of eight lanes"
);

/// `1.5·2^52 − 32500`: adding it to `y` in `[0, 65001)` gives a number in `[2^52, 2^53)`,
/// where the spacing of doubles is 1, so the sum is rounded to an integer and its low 16 bits
/// hold `round(y) − 32500` in two's complement, a key in `[−32500, 32500]`.
const ROUND: f64 = 6_755_399_441_055_744.0 - 32_500.0;

/// Ranks the scores `s` (one row per alternative, one lane per draw) of the first `lanes`
/// lanes into `out.r`; the other lanes get rank −1 for every alternative.
///
/// The key is `round((s − lo)·c) − 32500`, through [`ROUND`], so that the whole signed 16-bit
/// range is used.
#[inline(always)]
pub(super) fn rank_lanes(s: &[Lanes], lanes: usize, out: &mut Ranks) {
    let n = s.len();
    debug_assert_eq!(out.r.len(), n);
    if n == 0 {
        return;
    }
    let (mut lo, mut hi) = (s[0], s[0]);
    for row in &s[1..] {
        for ((l, h), &x) in lo.iter_mut().zip(hi.iter_mut()).zip(row) {
            *l = if x < *l { x } else { *l };
            *h = if x > *h { x } else { *h };
        }
    }
    let (mut c, mut tol) = ([0.0; LANES], [0.0; LANES]);
    for d in 0..LANES {
        // The largest magnitude is that of the lowest or of the highest score.
        let mag = if lo[d].abs() > hi[d].abs() {
            lo[d].abs()
        } else {
            hi[d].abs()
        };
        tol[d] = TIE_TOLERANCE * mag;
        let spread = hi[d] - lo[d];
        c[d] = if spread > MIN_SPREAD * mag {
            KEY_RANGE / spread
        } else {
            0.0
        };
    }
    let mut keys = [[0i16; LANES]; MAX_ALTERNATIVES];
    for (k, row) in keys.iter_mut().zip(s) {
        for d in 0..LANES {
            k[d] = ((row[d] - lo[d]) * c[d] + ROUND).to_bits() as i16;
        }
    }
    let total = count_above(&keys[..n], out);
    // Lanes whose pairs were all decided by their keys.
    let pairs = i16x8::splat((n * (n - 1) / 2) as i16);
    let decided = bits(&[total[0].simd_eq(pairs), total[1].simd_eq(pairs)]);
    let used = (1u32 << lanes.min(LANES)) - 1;
    if decided & used == used && lanes >= LANES {
        return;
    }
    let mut a = [[0i16; LANES]; MAX_ALTERNATIVES];
    for (a, r) in a.iter_mut().zip(&out.r) {
        *a = lanes_of(r);
        a[lanes..].iter_mut().for_each(|x| *x = -1);
    }
    let mut undecided = !decided & used;
    while undecided != 0 {
        let d = undecided.trailing_zeros() as usize;
        undecided &= undecided - 1;
        let mut col = [0.0; MAX_ALTERNATIVES];
        for (x, row) in col.iter_mut().zip(s) {
            *x = row[d];
        }
        let col = &col[..n];
        for (a, &si) in a.iter_mut().zip(col) {
            a[d] = col.iter().map(|&x| i16::from(x - si > tol[d])).sum();
        }
    }
    for (r, a) in out.r.iter_mut().zip(&a) {
        *r = vectors(a);
    }
}

/// `g_i = #{k : q_k ≥ q_i + 2}` lane by lane, for the keys `q` (a row per alternative),
/// into `out.r`; returns `Σ_i g_i` per lane. Sixteen lanes to a register where the processor
/// has AVX2, else eight.
#[inline(always)]
fn count_above(keys: &[[i16; LANES]], out: &mut Ranks) -> [i16x8; 2] {
    #[cfg(target_arch = "x86_64")]
    if let Some(simd) = out.v3 {
        return count_above_v3(simd, keys, &mut out.r);
    }
    for (q, k) in out.q.iter_mut().zip(keys) {
        *q = vectors(k);
    }
    let one = i16x8::splat(1);
    let mut total = [i16x8::ZERO; 2];
    for (r, qi) in out.r.iter_mut().zip(&out.q) {
        let above = [qi[0] + one, qi[1] + one];
        let mut g = [i16x8::ZERO; 2];
        for qk in &out.q {
            // A comparison's lanes are −1 where it holds.
            g[0] -= qk[0].simd_gt(above[0]);
            g[1] -= qk[1].simd_gt(above[1]);
        }
        total[0] += g[0];
        total[1] += g[1];
        *r = g;
    }
    total
}

/// [`count_above`] on 256-bit registers.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn count_above_v3(simd: pulp::x86::V3, keys: &[[i16; LANES]], r: &mut [[i16x8; 2]]) -> [i16x8; 2] {
    use pulp::bytemuck::cast;
    let zero = simd.splat_i16x16(0);
    let mut q = [zero; MAX_ALTERNATIVES];
    for (v, k) in q.iter_mut().zip(keys) {
        *v = cast(*k);
    }
    let q = &q[..keys.len()];
    let one = simd.splat_i16x16(1);
    let mut total = zero;
    for (ri, &qi) in r.iter_mut().zip(q) {
        let above = simd.wrapping_add_i16x16(qi, one);
        let mut g = zero;
        for &qk in q {
            // A comparison's lanes are −1 where it holds.
            g = simd.wrapping_sub_i16x16(g, cast(simd.cmp_gt_i16x16(qk, above)));
        }
        total = simd.wrapping_add_i16x16(total, g);
        *ri = vectors(&cast(g));
    }
    vectors(&cast(total))
}

/// The slots of a row of [`LaneCounts::ranks`]: ranks `0 … 31`, and −1 (the lanes beyond a
/// partial batch) falls in slot 63 once masked to six bits, so no index is ever out of range.
const SLOTS: usize = 64;

/// Each alternative's counts are kept in this many copies, lane `d` counting into copy
/// `d % WAYS`: an alternative often has the same rank in many lanes of a batch, and one
/// counter added to again and again waits each time for its last addition to be stored;
/// four counters take turns.
const WAYS: usize = 4;

/// Counts of a chunk, added to the tally once at its end. `ranks[i][c][r]`: draws of lanes
/// `c`, `c + WAYS`, … with alternative `i` at rank `r`; `pairs[a·n + b]`, when asked for: draws with `a` ranked
/// strictly above `b`, per lane (at most [`super::CHUNK`] / [`LANES`] in a lane).
pub(super) struct LaneCounts {
    ranks: Vec<[[u32; SLOTS]; WAYS]>,
    pairs: Option<Vec<[i16x8; 2]>>,
}

impl LaneCounts {
    pub(super) fn new(n: usize, pairwise: bool) -> LaneCounts {
        LaneCounts {
            ranks: vec![[[0; SLOTS]; WAYS]; n],
            pairs: pairwise.then(|| vec![[i16x8::ZERO; 2]; n * n]),
        }
    }

    /// Adds the counts to the tally.
    pub(super) fn add_to(&self, t: &mut Tally) {
        let n = self.ranks.len();
        for (i, ways) in self.ranks.iter().enumerate() {
            for r in 0..n {
                t.count_ranks(i, r, ways.iter().map(|w| u64::from(w[r])).sum());
            }
        }
        if let Some(p) = &self.pairs {
            let wins: Vec<u64> = p
                .iter()
                .map(|v| lanes_of(v).iter().map(|&c| c as u64).sum())
                .collect();
            t.add_pairs(&wins);
        }
    }
}

/// Counts a batch, as one draw at a time would: each alternative's rank in every lane used
/// (lanes beyond a partial batch hold rank −1 and count nothing), the weights of the draws
/// it is first in (alternative by alternative, draws in order, so each sum of weights is
/// added in the order of the draws), and, when asked for, the pairs.
#[inline(always)]
pub(super) fn tally_lanes(ranks: &Ranks, w: &[Lanes], t: &mut Tally, counts: &mut LaneCounts) {
    for (i, (ri, hist)) in ranks.r.iter().zip(counts.ranks.iter_mut()).enumerate() {
        for (d, &k) in lanes_of(ri).iter().enumerate() {
            hist[d % WAYS][k as usize & (SLOTS - 1)] += 1;
        }
        let mut first = bits(&[ri[0].simd_eq(i16x8::ZERO), ri[1].simd_eq(i16x8::ZERO)]);
        while first != 0 {
            let d = first.trailing_zeros() as usize;
            first &= first - 1;
            t.add_first_weights(i, w, d);
        }
    }
    if let Some(p) = &mut counts.pairs {
        let n = ranks.r.len();
        for (row, ra) in p.chunks_exact_mut(n).zip(&ranks.r) {
            for (p, rb) in row.iter_mut().zip(&ranks.r) {
                p[0] -= rb[0].simd_gt(ra[0]);
                p[1] -= rb[1].simd_gt(ra[1]);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::sampler::{chunk_rng, unit};
    use super::*;
    use crate::ranking::magnitude;

    /// The ranks by the definition, one draw at a time.
    fn definition(s: &[f64]) -> Vec<i16> {
        let tol = TIE_TOLERANCE * magnitude(s);
        s.iter()
            .map(|&si| s.iter().filter(|&&x| x - si > tol).count() as i16)
            .collect()
    }

    fn check(draws: &[Vec<f64>]) {
        let n = draws[0].len();
        let mut s = vec![[0.0; LANES]; n];
        for (d, draw) in draws.iter().enumerate() {
            for i in 0..n {
                s[i][d] = draw[i];
            }
        }
        let mut out = Ranks::new(n);
        // The same ranks from the 128-bit comparisons as from the 256-bit ones.
        let mut narrow = Ranks::new(n);
        #[cfg(target_arch = "x86_64")]
        {
            narrow.v3 = None;
        }
        for out in [&mut out, &mut narrow] {
            rank_lanes(&s, draws.len(), out);
            for (d, draw) in draws.iter().enumerate() {
                let got: Vec<i16> = (0..n).map(|i| out.rank(i, d)).collect();
                assert_eq!(got, definition(draw), "{draw:?}");
            }
            for d in draws.len()..LANES {
                assert!((0..n).all(|i| out.rank(i, d) == -1));
            }
        }
    }

    #[test]
    fn ties_share_the_best_rank() {
        check(&[
            vec![0.5, 0.9, 0.5, 0.1],
            vec![0.0, 0.0, 0.8, 0.0],
            vec![0.3, 0.1 + 0.2, 0.2, 0.3],
            vec![0.3, 0.3 + 1e-9, 0.2, 0.1],
            vec![0.0, 0.0, 0.0, 0.0],
            vec![-0.5, 0.25, -0.5, 1e-300],
            vec![1.0, 1.0 + 1e-13, 1.0 - 1e-13, 1.0],
        ]);
        check(&[vec![0.7]]);
    }

    #[test]
    fn keys_give_the_exact_ranks() {
        // Random scores with near ties planted at and around the tolerance and the key width,
        // compared with the definition, in full and partial batches.
        let mut rng = chunk_rng(11, 0, 0);
        let steps = [
            0.0,
            1e-13,
            1e-12,
            2e-12,
            1e-9,
            1e-7,
            1.0 / 32000.0,
            2.0 / 32000.0,
            3e-4,
        ];
        for trial in 0..3000 {
            let n = 1 + trial % MAX_ALTERNATIVES;
            let lanes = 1 + (trial * 7) % LANES;
            let draws: Vec<Vec<f64>> = (0..lanes)
                .map(|_| {
                    let spread = [1.0, 1e-3, 1e-6, 1e-9][(unit(&mut rng) * 4.0) as usize];
                    let mut s: Vec<f64> = (0..n).map(|_| 0.5 + spread * unit(&mut rng)).collect();
                    for k in 1..n {
                        if unit(&mut rng) < 0.3 {
                            let step = steps[(unit(&mut rng) * steps.len() as f64) as usize];
                            s[k] = s[k - 1] + step * spread;
                        }
                    }
                    if trial % 5 == 0 {
                        s.iter_mut().for_each(|x| *x -= 0.5);
                    }
                    s
                })
                .collect();
            check(&draws);
        }
    }
}
