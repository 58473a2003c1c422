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

/// The fewest scores a thread takes in the radix path's parallel loops.
const SPAN: usize = 1 << 14;

/// Sorts keys by value, with their indices (0, 1, 2, ... in `keys`' order), equal keys in
/// index order: one pass of a most-significant-digit radix sort on the highest bits in which
/// the keys differ (about 16 keys a bucket on average), then every bucket sorted as (key,
/// index) pairs. Two passes over the keys and a scatter of them, against a
/// least-significant-digit sort's seven scatters of a million scores in [0, 1]; a bucket
/// that takes most keys (scores bunched in a narrow band) is a comparison sort of them,
/// never worse than one. Each thread scatters the keys of its own run of buckets into its own
/// part of the pairs, and the buckets are sorted in parallel: the new memory is touched
/// (its pages faulted in) by every thread at once. Returns the sorted keys and their indices.
fn radix_sort(mut keys: Vec<u64>) -> (Vec<u64>, Vec<usize>) {
    use rayon::prelude::*;
    let n = keys.len();
    let (all_or, all_and) = keys
        .par_iter()
        .with_min_len(SPAN)
        .fold(|| (0u64, u64::MAX), |(o, a), &k| (o | k, a & k))
        .reduce(|| (0, u64::MAX), |(o, a), (p, b)| (o | p, a & b));
    let varying = all_or ^ all_and;
    // Buckets: about n / 16 of them, from 2^8 to 2^16.
    let bits = (usize::BITS - (n >> 4).leading_zeros()).clamp(8, 16);
    let shift = (u64::BITS - varying.leading_zeros()).saturating_sub(bits);
    let mask = (1usize << bits) - 1;
    let bucket = |k: u64| ((k >> shift) as usize) & mask;
    // Where each bucket starts in the sorted order, and, last, n.
    let first = bucket_starts(1 << bits, &keys, bucket);
    let buckets = first.len() - 1;
    // Runs of buckets of about n / threads keys each, one a thread.
    let threads = rayon::current_num_threads().clamp(1, 64);
    let mut runs = Vec::with_capacity(threads);
    let mut lo = 0;
    for t in 1..=threads {
        let hi = if t == threads {
            buckets
        } else {
            first
                .partition_point(|&s| s < n * t / threads)
                .clamp(lo, buckets)
        };
        runs.push(lo..hi);
        lo = hi;
    }
    let mut pairs = vec![(0u64, 0usize); n];
    let mut parts: Vec<&mut [(u64, usize)]> = Vec::with_capacity(threads);
    let mut rest = pairs.as_mut_slice();
    for r in &runs {
        let (part, after) = rest.split_at_mut(first[r.end] - first[r.start]);
        parts.push(part);
        rest = after;
    }
    runs.par_iter().zip(parts).for_each(|(r, part)| {
        let base = first[r.start];
        let mut next: Vec<usize> = first[r.clone()].iter().map(|&s| s - base).collect();
        for (i, &k) in keys.iter().enumerate() {
            let b = bucket(k).wrapping_sub(r.start);
            if let Some(at) = next.get_mut(b) {
                part[*at] = (k, i);
                *at += 1;
            }
        }
    });
    // The buckets, each a slice of `pairs`.
    let mut slices: Vec<&mut [(u64, usize)]> = Vec::with_capacity(buckets);
    let mut rest = pairs.as_mut_slice();
    for b in 0..buckets {
        let (here, after) = rest.split_at_mut(first[b + 1] - first[b]);
        if here.len() > 1 {
            slices.push(here);
        }
        rest = after;
    }
    slices
        .par_iter_mut()
        .with_min_len(256)
        .for_each_init(Vec::new, |spare, b| sort_bucket(b, shift, spare));
    keys.par_iter_mut()
        .zip(pairs.par_iter())
        .with_min_len(SPAN)
        .for_each(|(k, &(key, _))| *k = key);
    let index = pairs
        .par_iter()
        .with_min_len(SPAN)
        .map(|&(_, i)| i)
        .collect();
    (keys, index)
}

/// Sorts a bucket of (key, index) pairs whose indices ascend and whose keys agree from bit
/// `shift` up, as `sort_unstable` sorts them: a few by insertion on the keys (stable, so that
/// equal keys keep their indices' order), more by their next eight bits into buckets of
/// their own (counted and put in order through `spare`, also stable), each sorted so in turn.
fn sort_bucket(b: &mut [(u64, usize)], shift: u32, spare: &mut Vec<(u64, usize)>) {
    const INSERTION_UP_TO: usize = 32;
    if shift == 0 {
        // The keys are equal: in their indices' order already.
        return;
    }
    if b.len() <= INSERTION_UP_TO {
        for i in 1..b.len() {
            let x = b[i];
            let mut j = i;
            while j > 0 && b[j - 1].0 > x.0 {
                b[j] = b[j - 1];
                j -= 1;
            }
            b[j] = x;
        }
        return;
    }
    let next = shift.saturating_sub(8);
    let mask = (1usize << (shift - next)) - 1;
    let digit = |k: u64| ((k >> next) as usize) & mask;
    let mut starts = [0usize; 257];
    for &(k, _) in b.iter() {
        starts[digit(k) + 1] += 1;
    }
    for d in 1..starts.len() {
        starts[d] += starts[d - 1];
    }
    spare.clear();
    spare.resize(b.len(), (0, 0));
    let mut at = starts;
    for &pair in b.iter() {
        let d = digit(pair.0);
        spare[at[d]] = pair;
        at[d] += 1;
    }
    b.copy_from_slice(spare);
    for d in 0..=mask {
        let here = &mut b[starts[d]..starts[d + 1]];
        if here.len() > 1 {
            sort_bucket(here, next, spare);
        }
    }
}

/// Where each of `buckets` buckets starts when `keys` are put in the order of their buckets
/// `bucket` (each below `buckets`), and, last, the number of keys: each thread counts a
/// piece of the keys, the counts are added up, then the running sums.
fn bucket_starts(buckets: usize, keys: &[u64], bucket: impl Fn(u64) -> usize + Sync) -> Vec<usize> {
    use rayon::prelude::*;
    let piece = keys
        .len()
        .div_ceil(rayon::current_num_threads().max(1))
        .max(SPAN);
    let counts = keys
        .par_chunks(piece)
        .map(|part| {
            let mut c = vec![0usize; buckets];
            for &k in part {
                c[bucket(k)] += 1;
            }
            c
        })
        .reduce_with(|mut a, b| {
            a.iter_mut().zip(b).for_each(|(x, y)| *x += y);
            a
        })
        .unwrap_or_else(|| vec![0; buckets]);
    let mut starts = Vec::with_capacity(buckets + 1);
    starts.push(0);
    let mut sum = 0;
    for c in counts {
        sum += c;
        starts.push(sum);
    }
    starts
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
    use rayon::prelude::*;
    let n = scores.len();
    let (mut keys, mut index, mut rank): (Vec<u64>, Vec<usize>, Vec<usize>) = if n > RADIX_FROM {
        let (keys, index) = radix_sort(
            scores
                .par_iter()
                .with_min_len(SPAN)
                .map(|&s| key(s, order))
                .collect(),
        );
        // Zeros written on every thread, so that their pages are faulted in in parallel.
        let rank = (0..n)
            .into_par_iter()
            .with_min_len(SPAN)
            .map(|_| 0)
            .collect();
        (keys, index, rank)
    } else {
        let keys: Vec<u64> = scores.iter().map(|&s| key(s, order)).collect();
        let mut keyed: Vec<(u64, usize)> = keys.into_iter().zip(0..).collect();
        keyed.sort_unstable();
        let (keys, index) = keyed.into_iter().unzip();
        (keys, index, vec![0; n])
    };
    let scale = magnitude(scores);
    // A run of tied scores is listed in the model's order, each with its own score.
    let in_model_order = |keys: &mut [u64], index: &mut [usize]| {
        let mut run: Vec<(usize, u64)> = index.iter().copied().zip(keys.iter().copied()).collect();
        run.sort_unstable_by_key(|&(i, _)| i);
        for ((k, i), (ri, rk)) in keys.iter_mut().zip(index.iter_mut()).zip(run) {
            *k = rk;
            *i = ri;
        }
    };
    // The runs of positions `from..` as the walk from a run's start finds them.
    let walk = |keys: &mut [u64], index: &mut [usize], rank: &mut [usize], from: usize| {
        let mut group_start = 0;
        let mut first = 0.0;
        for pos in 0..keys.len() {
            let s = unkey(keys[pos], order);
            if pos == 0 || !tied(first, s, scale) {
                if pos - group_start > 1 {
                    in_model_order(&mut keys[group_start..pos], &mut index[group_start..pos]);
                }
                group_start = pos;
                first = s;
            }
            rank[pos] = from + group_start + 1;
        }
        if keys.len() - group_start > 1 {
            in_model_order(&mut keys[group_start..], &mut index[group_start..]);
        }
    };
    if n > RADIX_FROM {
        // A score not tied with the one before it is tied with no score before it (the
        // tolerance is the same for every pair, and the scores are in order), so a run starts
        // there: the walk is cut at such places into pieces walked side by side.
        let pieces = 4 * rayon::current_num_threads().max(1);
        let mut cuts = vec![0];
        for t in 1..pieces {
            let mut p = (n * t / pieces).max(1);
            while p < n && tied(unkey(keys[p - 1], order), unkey(keys[p], order), scale) {
                p += 1;
            }
            if p < n && cuts.last().is_some_and(|&c| p > c) {
                cuts.push(p);
            }
        }
        cuts.push(n);
        let mut parts = Vec::with_capacity(cuts.len());
        let (mut k, mut i, mut r) = (
            keys.as_mut_slice(),
            index.as_mut_slice(),
            rank.as_mut_slice(),
        );
        for w in cuts.windows(2) {
            let len = w[1] - w[0];
            let (kh, kt) = std::mem::take(&mut k).split_at_mut(len);
            let (ih, it) = std::mem::take(&mut i).split_at_mut(len);
            let (rh, rt) = std::mem::take(&mut r).split_at_mut(len);
            parts.push((kh, ih, rh, w[0]));
            (k, i, r) = (kt, it, rt);
        }
        parts
            .into_par_iter()
            .for_each(|(k, i, r, from)| walk(k, i, r, from));
    } else {
        walk(&mut keys, &mut index, &mut rank, 0);
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

    /// The radix sort gives what a comparison sort of (key, index) pairs gives, on keys spread
    /// over all 64 bits, bunched in a few low bits, all equal, and mostly in one bucket, on
    /// 1, 2, 3 and 8 threads (each scatters its own run of buckets).
    #[test]
    fn radix_sort_is_a_sort_of_keys_then_indices() {
        let mut state = 11u64;
        let mut next = || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            state
        };
        let n = 70_000;
        let spread: Vec<u64> = (0..n).map(|_| next()).collect();
        let low: Vec<u64> = (0..n).map(|_| (1 << 40) | (next() >> 61)).collect();
        let equal = vec![42u64; n];
        let bunched: Vec<u64> = (0..n)
            .map(|_| match next() >> 62 {
                0 => next(),
                _ => 7 << 50 | (next() >> 40),
            })
            .collect();
        for (keys, threads) in [(spread, 1), (low, 2), (equal, 3), (bunched, 8)] {
            let mut want: Vec<(u64, u32)> = keys.iter().copied().zip(0..).collect();
            want.sort_unstable();
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            let (sorted, index) = pool.install(|| radix_sort(keys.clone()));
            let got: Vec<(u64, u32)> = sorted
                .into_iter()
                .zip(index.into_iter().map(|i| i as u32))
                .collect();
            assert_eq!(got, want);
        }
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
        let mut cases: Vec<Vec<f64>> = [0, 1, 2, 10, 1000, 150_000]
            .into_iter()
            .map(|n| {
                (0..n)
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
                    .collect()
            })
            .collect();
        // A chain of scores each tied with the next but not with the one two on: runs start
        // every other score, so a walk cut inside the chain would rank them otherwise.
        cases.push((0..120_000).map(|k| 0.25 + k as f64 * 0.7e-12).collect());
        for scores in &cases {
            let n = scores.len();
            for order in [ScoreOrder::Descending, ScoreOrder::Ascending] {
                let want = naive(scores, order);
                assert_eq!(ranked(scores, order), want, "n = {n}");
                // The walk over the runs is cut into pieces by the thread count.
                for threads in [1, 2, 3, 8] {
                    let pool = rayon::ThreadPoolBuilder::new()
                        .num_threads(threads)
                        .build()
                        .unwrap();
                    let s = pool.install(|| sorted(scores, order));
                    for (p, &i) in s.order.iter().enumerate() {
                        assert_eq!(s.rank[p], want.0[i], "n = {n}, {threads} threads");
                        assert_eq!(s.score[p].to_bits(), scores[i].to_bits());
                    }
                    assert_eq!(s.order, want.1, "n = {n}, {threads} threads");
                }
            }
        }
    }
}
