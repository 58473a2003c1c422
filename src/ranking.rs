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
    let ranks = ranks(scores, order);
    let mut idx: Vec<usize> = (0..scores.len()).collect();
    idx.sort_by_key(|&i| (ranks[i], i));
    idx
}

/// Competition ranks ("1, 1, 3"): alternatives whose scores are tied share the best rank.
pub fn ranks(scores: &[f64], order: ScoreOrder) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..scores.len()).collect();
    idx.sort_by(|&a, &b| match order {
        ScoreOrder::Descending => scores[b].total_cmp(&scores[a]),
        ScoreOrder::Ascending => scores[a].total_cmp(&scores[b]),
    });
    let scale = magnitude(scores);
    let mut ranks = vec![0; scores.len()];
    let mut group_start = 0;
    for (pos, &i) in idx.iter().enumerate() {
        if pos == 0 || !tied(scores[idx[group_start]], scores[i], scale) {
            group_start = pos;
        }
        ranks[i] = group_start + 1;
    }
    ranks
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
}
