//! Ranks from scores: ties, order, and agreement between rankings.

use crate::methods::ScoreOrder;

/// Relative tolerance under which two scores count as equal.
pub const TIE_TOLERANCE: f64 = 1e-12;

/// Whether two scores are equal to [`TIE_TOLERANCE`], relative to `scale` (the largest
/// magnitude among the scores being compared, so that scores near zero are compared on the
/// scale of the whole result rather than against themselves), and never finer than
/// [`TIE_TOLERANCE`] in absolute terms. Every method's scores lie within [−1, 1] (WSM, WPM,
/// TOPSIS and VIKOR in [0, 1], PROMETHEE's net flow in [−1, 1]), so 1 is their natural unit:
/// when all scores are near 0, as PROMETHEE's net flows are when the alternatives tie, the
/// rounding left over from summing weights (1e-17, −1e-17) must not decide a rank.
pub fn tied(a: f64, b: f64, scale: f64) -> bool {
    (a - b).abs() <= TIE_TOLERANCE * a.abs().max(b.abs()).max(scale).max(1.0)
}

/// The largest magnitude among `scores`.
pub fn magnitude(scores: &[f64]) -> f64 {
    scores.iter().fold(0.0, |m, s| f64::max(m, s.abs()))
}

/// Indices of the alternatives, best first; ties keep the model's order.
pub fn order_best_first(scores: &[f64], order: ScoreOrder) -> Vec<usize> {
    ranked(scores, order).1
}

/// Competition ranks ("1, 1, 3"): alternatives whose scores are tied share the best rank.
pub fn ranks(scores: &[f64], order: ScoreOrder) -> Vec<usize> {
    ranked(scores, order).0
}

/// Above this many scores, [`ranked`] sorts by radix.
const RADIX_FROM: usize = 50_000;

/// Sorts keys by value, with their indices (0, 1, 2, ... in `keys`' order), equal keys in
/// index order: a least-significant-digit radix sort in 8-bit digits, skipping a digit every
/// key shares (the exponent bits of scores of one magnitude, say). O(n) per digit, against a
/// comparison sort's O(n log n) of cache misses on a million scores. Returns the sorted keys,
/// their indices, and a spare buffer of keys' length.
fn radix_sort(mut keys: Vec<u64>) -> (Vec<u64>, Vec<u32>, Vec<u64>) {
    const BITS: u32 = 8;
    const BUCKETS: usize = 1 << BITS;
    const DIGITS: usize = 64 / BITS as usize;
    let n = keys.len();
    // Every digit's counts from one pass over the keys.
    let mut counts = vec![[0usize; BUCKETS]; DIGITS];
    let (mut all_or, mut all_and) = (0u64, u64::MAX);
    for &k in &keys {
        all_or |= k;
        all_and &= k;
        for (d, count) in counts.iter_mut().enumerate() {
            count[((k >> (d as u32 * BITS)) as usize) & (BUCKETS - 1)] += 1;
        }
    }
    let varying = all_or ^ all_and;
    let mut index: Vec<u32> = (0..n as u32).collect();
    let mut other_keys = vec![0u64; n];
    let mut other_index = vec![0u32; n];
    for (d, count) in counts.iter_mut().enumerate() {
        let shift = d as u32 * BITS;
        if varying & (((BUCKETS - 1) as u64) << shift) == 0 {
            continue;
        }
        let mut start = 0;
        for c in count.iter_mut() {
            let here = *c;
            *c = start;
            start += here;
        }
        for (&k, &i) in keys.iter().zip(&index) {
            let d = ((k >> shift) as usize) & (BUCKETS - 1);
            other_keys[count[d]] = k;
            other_index[count[d]] = i;
            count[d] += 1;
        }
        std::mem::swap(&mut keys, &mut other_keys);
        std::mem::swap(&mut index, &mut other_index);
    }
    (keys, index, other_keys)
}

/// A ranking by position: the alternatives best first, with each one's rank and score.
#[derive(Debug, Clone, PartialEq)]
pub struct Sorted {
    /// Indices of the alternatives, best first; ties keep the model's order.
    pub order: Vec<usize>,
    /// The competition rank of the alternative at each position.
    pub rank: Vec<usize>,
    /// The score of the alternative at each position.
    pub score: Vec<f64>,
}

/// The bit pattern of `f64::total_cmp` as an unsigned integer, reversed for descending order:
/// sorting the keys ascending sorts the scores best first.
#[inline]
fn key(s: f64, order: ScoreOrder) -> u64 {
    let b = s.to_bits() as i64;
    let k = (b ^ ((((b >> 63) as u64) >> 1) as i64)) as u64 ^ (1 << 63);
    match order {
        ScoreOrder::Descending => !k,
        ScoreOrder::Ascending => k,
    }
}

/// The score whose [`key`] is `k`.
#[inline]
fn unkey(k: u64, order: ScoreOrder) -> f64 {
    let k = match order {
        ScoreOrder::Descending => !k,
        ScoreOrder::Ascending => k,
    };
    let b = (k ^ (1 << 63)) as i64;
    f64::from_bits((b ^ ((((b >> 63) as u64) >> 1) as i64)) as u64)
}

/// [`ranks`] and [`order_best_first`] from one sort.
pub fn ranked(scores: &[f64], order: ScoreOrder) -> (Vec<usize>, Vec<usize>) {
    let s = sorted(scores, order);
    let mut ranks = vec![0; scores.len()];
    for (&i, &r) in s.order.iter().zip(&s.rank) {
        ranks[i] = r;
    }
    (ranks, s.order)
}

/// The alternatives best first, with their ranks and scores, from one sort.
///
/// The scores are sorted as (key, index) pairs, the key an integer in the order of
/// `f64::total_cmp` (reversed for descending), which is a stable sort by score; runs of tied
/// scores (within [`TIE_TOLERANCE`] of the run's first) share the run's first position as
/// their rank and are listed in the model's order; by radix above 50,000 scores. The walk over
/// the runs reads the scores back from the sorted keys, in order.
pub fn sorted(scores: &[f64], order: ScoreOrder) -> Sorted {
    let n = scores.len();
    let keys: Vec<u64> = scores.iter().map(|&s| key(s, order)).collect();
    let (mut keys, order_of, spare): (Vec<u64>, Vec<usize>, Vec<u64>) =
        if n > RADIX_FROM && n <= u32::MAX as usize {
            let (keys, index, spare) = radix_sort(keys);
            (keys, index.into_iter().map(|i| i as usize).collect(), spare)
        } else {
            let mut keyed: Vec<(u64, usize)> = keys.into_iter().zip(0..).collect();
            keyed.sort_unstable();
            let (keys, index) = keyed.into_iter().unzip();
            (keys, index, vec![0; n])
        };
    let mut index = order_of;
    let scale = magnitude(scores);
    // The ranks are written over the spare keys (the same size, so no new memory).
    let mut rank: Vec<usize> = spare.into_iter().map(|_| 0).collect();
    let mut group_start = 0;
    let mut first = 0.0;
    // A run of tied scores is listed in the model's order, each with its own score.
    let in_model_order = |keys: &mut [u64], index: &mut [usize]| {
        let mut run: Vec<(usize, u64)> = index.iter().copied().zip(keys.iter().copied()).collect();
        run.sort_unstable_by_key(|&(i, _)| i);
        for ((k, i), (ri, rk)) in keys.iter_mut().zip(index.iter_mut()).zip(run) {
            *k = rk;
            *i = ri;
        }
    };
    for pos in 0..n {
        let s = unkey(keys[pos], order);
        if pos == 0 || !tied(first, s, scale) {
            if pos - group_start > 1 {
                in_model_order(&mut keys[group_start..pos], &mut index[group_start..pos]);
            }
            group_start = pos;
            first = s;
        }
        rank[pos] = group_start + 1;
    }
    if n - group_start > 1 {
        in_model_order(&mut keys[group_start..], &mut index[group_start..]);
    }
    Sorted {
        order: index,
        rank,
        // The scores are written over their keys.
        score: keys.into_iter().map(|k| unkey(k, order)).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ties_share_a_rank_and_keep_model_order() {
        let s = [0.5, 0.9, 0.5, 0.1];
        assert_eq!(ranks(&s, ScoreOrder::Descending), vec![2, 1, 2, 4]);
        assert_eq!(
            order_best_first(&s, ScoreOrder::Descending),
            vec![1, 0, 2, 3]
        );
        assert_eq!(ranks(&s, ScoreOrder::Ascending), vec![2, 4, 2, 1]);
        let near = [0.3, 0.1 + 0.2];
        assert_eq!(ranks(&near, ScoreOrder::Descending), vec![1, 1]);
        assert_eq!(
            ranks(&[0.0, 1e-17, 1.0], ScoreOrder::Ascending),
            vec![1, 1, 3]
        );
        assert_eq!(
            ranks(&[0.0, 1e-9, 1.0], ScoreOrder::Ascending),
            vec![1, 2, 3]
        );
        // Net flows that cancel to rounding noise tie, whatever their own magnitude.
        assert_eq!(ranks(&[1e-17, -1e-17], ScoreOrder::Descending), vec![1, 1]);
    }

    /// One sort gives what a stable sort of the indices by score gives, ties (to the
    /// tolerance) sharing the first position of their run and listed in the model's order;
    /// also on the radix path (above 50,000 scores), with signed zeros and equal scores.
    #[test]
    fn one_sort_ranks_as_a_stable_sort_does() {
        let naive = |scores: &[f64], order: ScoreOrder| {
            let mut idx: Vec<usize> = (0..scores.len()).collect();
            idx.sort_by(|&a, &b| match order {
                ScoreOrder::Descending => scores[b].total_cmp(&scores[a]),
                ScoreOrder::Ascending => scores[a].total_cmp(&scores[b]),
            });
            let scale = magnitude(scores);
            let mut ranks = vec![0; scores.len()];
            let mut start = 0;
            for (pos, &i) in idx.iter().enumerate() {
                if pos == 0 || !tied(scores[idx[start]], scores[i], scale) {
                    start = pos;
                }
                ranks[i] = start + 1;
            }
            let mut best: Vec<usize> = (0..scores.len()).collect();
            best.sort_by_key(|&i| (ranks[i], i));
            (ranks, best)
        };
        let mut state = 7u64;
        for n in [0, 1, 2, 10, 1000, 150_000] {
            let scores: Vec<f64> = (0..n)
                .map(|_| {
                    state = state
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    match state >> 60 {
                        0 => 0.0,
                        1 => -0.0,
                        2 => 0.5,
                        3 => 0.5 + 1e-14,
                        k => ((state >> 11) as f64 / (1u64 << 53) as f64 - 0.5) * k as f64,
                    }
                })
                .collect();
            for order in [ScoreOrder::Descending, ScoreOrder::Ascending] {
                let want = naive(&scores, order);
                assert_eq!(ranked(&scores, order), want, "n = {n}");
                let s = sorted(&scores, order);
                for (p, &i) in s.order.iter().enumerate() {
                    assert_eq!(s.rank[p], want.0[i]);
                    assert_eq!(s.score[p].to_bits(), scores[i].to_bits());
                }
            }
        }
    }
}
