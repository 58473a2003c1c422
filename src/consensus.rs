//! Agreement between rankings, and one ranking from many.
//!
//! When the same alternatives are ranked by several methods or under several weight profiles,
//! two questions follow: how far do the rankings agree (rank correlation: Spearman's ρ and
//! Kendall's τ-b), and what single ranking best sums them up (a Borda count).
//!
//! Two scores count as tied when they are equal to
//! [`TIE_TOLERANCE`](crate::ranking::TIE_TOLERANCE) relative, as everywhere in pmatrix (see
//! [`crate::ranking::tied`]).

use crate::ranking::{magnitude, tied};

/// Why a set of rankings cannot be combined.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RankingsError {
    /// A profile ranks a different number of alternatives than the first one.
    #[error("ranking #{profile} has {len} alternatives, but the first has {expected}")]
    Ragged {
        profile: usize,
        len: usize,
        expected: usize,
    },
    /// A rank outside 1 … n.
    #[error(
        "ranking #{profile} gives alternative #{alternative} rank {rank}; ranks run from 1 to {n}"
    )]
    RankOutOfRange {
        profile: usize,
        alternative: usize,
        rank: usize,
        n: usize,
    },
}

/// Fractional ranks, 1 = best: alternatives whose scores are tied share the mean of the
/// positions they occupy (scores 5, 3, 3, 1 with higher better give ranks 1, 2.5, 2.5, 4).
/// With `higher_is_better` false the lowest score ranks first.
///
/// These are the ranks Spearman's ρ correlates. Scores are expected finite; a NaN is ordered
/// by [`f64::total_cmp`] and never causes a panic.
pub fn average_ranks(scores: &[f64], higher_is_better: bool) -> Vec<f64> {
    let (idx, group) = tie_groups(scores, higher_is_better);
    let mut ranks = vec![0.0; scores.len()];
    let mut start = 0;
    for run in idx.chunk_by(|&i, &j| group[i] == group[j]) {
        // Positions start + 1 … start + len share their mean.
        let mean = (2 * start + 1 + run.len()) as f64 / 2.0;
        for &i in run {
            ranks[i] = mean;
        }
        start += run.len();
    }
    ranks
}

/// The indices sorted best first, and each score's tie group, 0 for the best: a group is a
/// run of sorted scores [`tied`] with the run's first. Scores are ordered by
/// [`f64::total_cmp`], so a NaN never causes a panic.
fn tie_groups(scores: &[f64], higher_is_better: bool) -> (Vec<usize>, Vec<u32>) {
    let mut idx: Vec<usize> = (0..scores.len()).collect();
    idx.sort_by(|&a, &b| {
        if higher_is_better {
            scores[b].total_cmp(&scores[a])
        } else {
            scores[a].total_cmp(&scores[b])
        }
    });
    let scale = magnitude(scores);
    let mut group = vec![0; scores.len()];
    let (mut first, mut current) = (0, 0);
    for k in 1..idx.len() {
        if !tied(scores[idx[first]], scores[idx[k]], scale) {
            first = k;
            current += 1;
        }
        group[idx[k]] = current;
    }
    (idx, group)
}

/// Spearman's rank correlation ρ between two lists of scores for the same alternatives: the
/// Pearson correlation of their [`average_ranks`] (Spearman 1904; with ties, the form used by
/// SciPy's `spearmanr`):
///
/// ρ = Σ (rᵢ − r̄)(sᵢ − s̄) / √(Σ (rᵢ − r̄)² · Σ (sᵢ − s̄)²).
///
/// Both lists must be in the same direction (both higher-is-better, or both lower); ranks may
/// be passed as they are. `None` when the lists differ in length or either is constant (every
/// alternative tied, including fewer than two alternatives), where ρ is undefined.
pub fn spearman(a: &[f64], b: &[f64]) -> Option<f64> {
    if a.len() != b.len() {
        return None;
    }
    let (ra, rb) = (average_ranks(a, true), average_ranks(b, true));
    // Average ranks of n items always have mean (n + 1) / 2.
    let mean = (a.len() as f64 + 1.0) / 2.0;
    let (mut cov, mut var_a, mut var_b) = (0.0, 0.0, 0.0);
    for (x, y) in ra.iter().zip(&rb) {
        let (dx, dy) = (x - mean, y - mean);
        cov += dx * dy;
        var_a += dx * dx;
        var_b += dy * dy;
    }
    if var_a == 0.0 || var_b == 0.0 {
        return None;
    }
    Some((cov / (var_a * var_b).sqrt()).clamp(-1.0, 1.0))
}

/// Kendall's τ-b between two lists of scores for the same alternatives (Kendall 1945, "The
/// treatment of ties in ranking problems", *Biometrika* 33(3)):
///
/// τ-b = (P − Q) / √((n₀ − n₁)(n₀ − n₂)),
///
/// where P and Q count the concordant and discordant pairs, n₀ = n(n − 1)/2 is the number of
/// pairs, and n₁, n₂ the pairs tied in `a` and in `b`. A pair tied on either side is neither
/// concordant nor discordant. Both lists must be in the same direction. `None` when the lists
/// differ in length or either is constant (n₀ = n₁ or n₀ = n₂), where τ-b is undefined.
///
/// Ties are the groups [`average_ranks`] forms, so ρ and τ-b see the same ties. The count runs
/// in O(n log n) (Knight 1966, "A computer method for calculating Kendall's tau with ungrouped
/// data", *JASA* 61(314), the algorithm SciPy's `kendalltau` uses): sort by `a` then `b`; the
/// discordant pairs are the inversions left in `b`, counted by a merge sort; and
/// P − Q = n₀ − n₁ − n₂ + n₃ − 2Q, with n₃ the pairs tied on both sides.
pub fn kendall_tau_b(a: &[f64], b: &[f64]) -> Option<f64> {
    if a.len() != b.len() {
        return None;
    }
    // Both in the same order (best group first), which leaves concordance as it is.
    let (ca, cb) = (tie_groups(a, true).1, tie_groups(b, true).1);
    let mut idx: Vec<usize> = (0..a.len()).collect();
    idx.sort_unstable_by_key(|&i| (ca[i], cb[i]));
    let ties_a = pairs_in_runs(&idx, |&i, &j| ca[i] == ca[j]);
    let ties_both = pairs_in_runs(&idx, |&i, &j| ca[i] == ca[j] && cb[i] == cb[j]);
    let mut sequence: Vec<u32> = idx.iter().map(|&i| cb[i]).collect();
    let discordant = inversions(&mut sequence);
    // `sequence` is now sorted, so the ties in `b` are its runs.
    let ties_b = pairs_in_runs(&sequence, |x, y| x == y);
    let n = a.len() as u64;
    let pairs = n * n.saturating_sub(1) / 2;
    if ties_a == pairs || ties_b == pairs {
        return None;
    }
    let balance =
        pairs as f64 - ties_a as f64 - ties_b as f64 + ties_both as f64 - 2.0 * discordant as f64;
    let denominator = ((pairs - ties_a) as f64 * (pairs - ties_b) as f64).sqrt();
    Some((balance / denominator).clamp(-1.0, 1.0))
}

/// The pairs within runs of consecutive equal items: Σ t(t − 1)/2 over run lengths t.
fn pairs_in_runs<T>(items: &[T], same: impl FnMut(&T, &T) -> bool) -> u64 {
    items
        .chunk_by(same)
        .map(|run| {
            let t = run.len() as u64;
            t * (t - 1) / 2
        })
        .sum()
}

/// Sorts `x` and returns how many pairs i < j had x[i] > x[j] (a bottom-up merge sort).
fn inversions(x: &mut [u32]) -> u64 {
    let n = x.len();
    let mut buffer = x.to_vec();
    let mut count = 0u64;
    let mut width = 1;
    let (mut from, mut to): (&mut [u32], &mut [u32]) = (x, &mut buffer);
    let mut in_x = true;
    while width < n {
        for start in (0..n).step_by(2 * width) {
            let mid = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            let (mut i, mut j, mut k) = (start, mid, start);
            while i < mid && j < end {
                if from[j] < from[i] {
                    // from[j] jumps every element left in the first half.
                    count += (mid - i) as u64;
                    to[k] = from[j];
                    j += 1;
                } else {
                    to[k] = from[i];
                    i += 1;
                }
                k += 1;
            }
            to[k..k + mid - i].copy_from_slice(&from[i..mid]);
            k += mid - i;
            to[k..k + end - j].copy_from_slice(&from[j..end]);
        }
        std::mem::swap(&mut from, &mut to);
        in_x = !in_x;
        width *= 2;
    }
    if !in_x {
        to.copy_from_slice(from);
    }
    count
}

/// Borda points per alternative from several rankings (Borda 1781). Each ranking gives the
/// competition rank of every alternative (1 = best, ties sharing the best rank: "1, 1, 3"), and
/// an alternative ranked r of n earns n − r points; the points add up over the rankings. Two
/// alternatives tied for first of three both earn 2, the third 0.
///
/// Refuses rankings of different lengths and ranks outside 1 … n. No rankings give no points.
pub fn borda(rankings: &[Vec<usize>]) -> Result<Vec<f64>, RankingsError> {
    let Some(first) = rankings.first() else {
        return Ok(Vec::new());
    };
    let n = first.len();
    let mut points = vec![0.0; n];
    for (profile, ranking) in rankings.iter().enumerate() {
        if ranking.len() != n {
            return Err(RankingsError::Ragged {
                profile,
                len: ranking.len(),
                expected: n,
            });
        }
        for (alternative, &rank) in ranking.iter().enumerate() {
            if rank == 0 || rank > n {
                return Err(RankingsError::RankOutOfRange {
                    profile,
                    alternative,
                    rank,
                    n,
                });
            }
            points[alternative] += (n - rank) as f64;
        }
    }
    Ok(points)
}

/// The consensus of several rankings: alternatives' indices ordered by [`borda`] points, most
/// first; alternatives with equal points keep their input order.
pub fn consensus_ranking(rankings: &[Vec<usize>]) -> Result<Vec<usize>, RankingsError> {
    let points = borda(rankings)?;
    let mut order: Vec<usize> = (0..points.len()).collect();
    order.sort_by(|&a, &b| points[b].total_cmp(&points[a]));
    Ok(order)
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_abs_diff_eq;
    use proptest::prelude::*;

    #[test]
    fn average_ranks_share_positions_between_ties() {
        assert_eq!(
            average_ranks(&[5.0, 3.0, 3.0, 1.0], true),
            vec![1.0, 2.5, 2.5, 4.0]
        );
        assert_eq!(
            average_ranks(&[5.0, 3.0, 3.0, 1.0], false),
            vec![4.0, 2.5, 2.5, 1.0]
        );
        assert_eq!(average_ranks(&[2.0, 2.0, 2.0], true), vec![2.0, 2.0, 2.0]);
        // 0.1 + 0.2 and 0.3 are tied to the project's tolerance.
        assert_eq!(
            average_ranks(&[0.3, 0.1 + 0.2, 0.9], true),
            vec![2.5, 2.5, 1.0]
        );
        assert!(average_ranks(&[], true).is_empty());
    }

    #[test]
    fn spearman_known_values() {
        // SciPy's `spearmanr` documentation example.
        let rho = spearman(&[1.0, 2.0, 3.0, 4.0, 5.0], &[5.0, 6.0, 7.0, 8.0, 7.0]).unwrap();
        assert_abs_diff_eq!(rho, 0.8207826816681233, epsilon = 1e-15);
        // By hand, no ties: d = (0, 2, −1, −1), Σd² = 6, ρ = 1 − 6·6/(4·15) = 0.4.
        let rho = spearman(&[1.0, 2.0, 3.0, 4.0], &[1.0, 4.0, 2.0, 3.0]).unwrap();
        assert_abs_diff_eq!(rho, 0.4, epsilon = 1e-15);
        // Ranks and scores in the same direction give the same ρ.
        let rho2 = spearman(&[0.1, 0.5, 0.7, 2.0], &[-3.0, 9.0, 0.0, 1.0]).unwrap();
        assert_abs_diff_eq!(rho2, 0.4, epsilon = 1e-15);
    }

    #[test]
    fn kendall_known_values() {
        // SciPy's `kendalltau` documentation example (τ-b with ties on both sides).
        let tau = kendall_tau_b(&[12.0, 2.0, 1.0, 12.0, 2.0], &[1.0, 4.0, 7.0, 1.0, 0.0]).unwrap();
        assert_abs_diff_eq!(tau, -0.47140452079103173, epsilon = 1e-15);
        // By hand, no ties: pairs of (1,2,3,4) vs (1,4,2,3): 4 concordant, 2 discordant.
        let tau = kendall_tau_b(&[1.0, 2.0, 3.0, 4.0], &[1.0, 4.0, 2.0, 3.0]).unwrap();
        assert_abs_diff_eq!(tau, 2.0 / 6.0, epsilon = 1e-15);
        // One tie in a: n₀ = 3, n₁ = 1, P = 2, Q = 0: τ-b = 2/√(2·3).
        let tau = kendall_tau_b(&[1.0, 1.0, 2.0], &[1.0, 2.0, 3.0]).unwrap();
        assert_abs_diff_eq!(tau, 2.0 / 6f64.sqrt(), epsilon = 1e-15);
    }

    #[test]
    fn undefined_correlations_are_none() {
        let constant = [1.0, 1.0, 1.0];
        let varied = [1.0, 2.0, 3.0];
        assert_eq!(spearman(&constant, &varied), None);
        assert_eq!(spearman(&varied, &constant), None);
        assert_eq!(kendall_tau_b(&constant, &varied), None);
        assert_eq!(kendall_tau_b(&varied, &constant), None);
        assert_eq!(spearman(&[1.0], &[2.0]), None);
        assert_eq!(kendall_tau_b(&[1.0], &[2.0]), None);
        assert_eq!(spearman(&[], &[]), None);
        assert_eq!(kendall_tau_b(&[], &[]), None);
        assert_eq!(spearman(&varied, &[1.0, 2.0]), None);
        assert_eq!(kendall_tau_b(&varied, &[1.0, 2.0]), None);
    }

    #[test]
    fn borda_points_and_consensus() {
        // Three alternatives, three rankings.
        let rankings = vec![vec![1, 2, 3], vec![2, 1, 3], vec![1, 1, 3]];
        // A: 2 + 1 + 2, B: 1 + 2 + 2, C: 0.
        assert_eq!(borda(&rankings), Ok(vec![5.0, 5.0, 0.0]));
        assert_eq!(consensus_ranking(&rankings), Ok(vec![0, 1, 2]));
        let rankings = vec![vec![3, 1, 2], vec![3, 2, 1], vec![1, 2, 3]];
        // A: 0 + 0 + 2, B: 2 + 1 + 1, C: 1 + 2 + 0.
        assert_eq!(borda(&rankings), Ok(vec![2.0, 4.0, 3.0]));
        assert_eq!(consensus_ranking(&rankings), Ok(vec![1, 2, 0]));
        assert_eq!(borda(&[]), Ok(vec![]));
        assert_eq!(consensus_ranking(&[]), Ok(vec![]));
    }

    #[test]
    fn borda_refuses_malformed_rankings() {
        assert_eq!(
            borda(&[vec![1, 2], vec![1, 2, 3]]),
            Err(RankingsError::Ragged {
                profile: 1,
                len: 3,
                expected: 2
            })
        );
        assert_eq!(
            borda(&[vec![1, 0]]),
            Err(RankingsError::RankOutOfRange {
                profile: 0,
                alternative: 1,
                rank: 0,
                n: 2
            })
        );
        assert_eq!(
            consensus_ranking(&[vec![3, 1]]),
            Err(RankingsError::RankOutOfRange {
                profile: 0,
                alternative: 0,
                rank: 3,
                n: 2
            })
        );
    }

    /// Kendall's τ-b by its definition, pair by pair: the oracle for the O(n log n) count.
    fn kendall_pairwise(a: &[f64], b: &[f64]) -> Option<f64> {
        let sign = |x: f64, y: f64| (x > y) as i64 - (x < y) as i64;
        let n = a.len() as u64;
        let pairs = n * n.saturating_sub(1) / 2;
        let (mut balance, mut ties_a, mut ties_b) = (0i64, 0u64, 0u64);
        for i in 0..a.len() {
            for j in i + 1..a.len() {
                let (sa, sb) = (sign(a[i], a[j]), sign(b[i], b[j]));
                ties_a += u64::from(sa == 0);
                ties_b += u64::from(sb == 0);
                balance += sa * sb;
            }
        }
        if ties_a == pairs || ties_b == pairs {
            return None;
        }
        Some(balance as f64 / ((pairs - ties_a) as f64 * (pairs - ties_b) as f64).sqrt())
    }

    #[test]
    fn inversions_count_pairs_out_of_order() {
        let mut x = [3, 1, 2, 3, 0];
        // (3,1) (3,2) (3,0) (1,0) (2,0) (3,0): 6.
        assert_eq!(inversions(&mut x), 6);
        assert_eq!(x, [0, 1, 2, 3, 3]);
        assert_eq!(inversions(&mut []), 0);
        let mut x: Vec<u32> = (0..100).rev().collect();
        assert_eq!(inversions(&mut x), 100 * 99 / 2);
        assert!(x.is_sorted());
    }

    /// Distinct values, so that neither side is constant.
    fn distinct(len: std::ops::Range<usize>) -> impl Strategy<Value = Vec<f64>> {
        prop::collection::btree_set(-1000i32..1000, len).prop_flat_map(|set| {
            let values: Vec<f64> = set.into_iter().map(f64::from).collect();
            Just(values).prop_shuffle()
        })
    }

    proptest! {
        #[test]
        fn kendall_matches_the_pairwise_definition(
            pairs in prop::collection::vec((0u8..6, 0u8..6), 0..80)
        ) {
            let a: Vec<f64> = pairs.iter().map(|p| f64::from(p.0)).collect();
            let b: Vec<f64> = pairs.iter().map(|p| f64::from(p.1)).collect();
            match (kendall_tau_b(&a, &b), kendall_pairwise(&a, &b)) {
                (Some(fast), Some(slow)) => prop_assert!((fast - slow).abs() < 1e-12, "{fast} vs {slow}"),
                (fast, slow) => prop_assert_eq!(fast, slow),
            }
        }

        #[test]
        fn a_ranking_agrees_with_itself(x in distinct(2..30)) {
            prop_assert_eq!(spearman(&x, &x), Some(1.0));
            prop_assert_eq!(kendall_tau_b(&x, &x), Some(1.0));
        }

        #[test]
        fn a_reversed_ranking_disagrees_completely(x in distinct(2..30)) {
            let negated: Vec<f64> = x.iter().map(|v| -v).collect();
            prop_assert_eq!(kendall_tau_b(&x, &negated), Some(-1.0));
            let rho = spearman(&x, &negated).unwrap();
            prop_assert!((rho + 1.0).abs() < 1e-12);
            let mut sorted = x.clone();
            sorted.sort_by(f64::total_cmp);
            let reversed: Vec<f64> = sorted.iter().rev().copied().collect();
            prop_assert_eq!(kendall_tau_b(&sorted, &reversed), Some(-1.0));
        }

        #[test]
        fn correlations_are_symmetric_and_bounded(
            pairs in prop::collection::vec((0u8..5, 0u8..5), 0..25)
        ) {
            let a: Vec<f64> = pairs.iter().map(|p| f64::from(p.0)).collect();
            let b: Vec<f64> = pairs.iter().map(|p| f64::from(p.1)).collect();
            let (rho, rho_rev) = (spearman(&a, &b), spearman(&b, &a));
            let (tau, tau_rev) = (kendall_tau_b(&a, &b), kendall_tau_b(&b, &a));
            prop_assert_eq!(rho.is_some(), rho_rev.is_some());
            prop_assert_eq!(tau.is_some(), tau_rev.is_some());
            prop_assert_eq!(rho.is_some(), tau.is_some());
            if let (Some(r), Some(s)) = (rho, rho_rev) {
                prop_assert!((r - s).abs() < 1e-12);
                prop_assert!((-1.0..=1.0).contains(&r));
            }
            if let (Some(t), Some(u)) = (tau, tau_rev) {
                prop_assert!((t - u).abs() < 1e-12);
                prop_assert!((-1.0..=1.0).contains(&t));
            }
        }
    }
}
