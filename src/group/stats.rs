//! The statistics a group analysis needs: quantiles, Kendall's W, Copeland scores.

/// The `p`-quantile of sorted values by linear interpolation between order statistics
/// (Hyndman & Fan 1996, definition 7; the default of R and NumPy): h = (N − 1)·p, then
/// x⌊h⌋ + (h − ⌊h⌋)(x⌊h⌋+1 − x⌊h⌋). `sorted` must be non-empty and ascending.
pub fn quantile(sorted: &[f64], p: f64) -> f64 {
    let h = (sorted.len() - 1) as f64 * p;
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(sorted.len() - 1);
    sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
}

/// The five-number summary of a sample.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Spread {
    pub min: f64,
    pub q1: f64,
    pub median: f64,
    pub q3: f64,
    pub max: f64,
}

/// Min, quartiles (definition 7) and max of a non-empty sample.
pub fn spread(values: &[f64]) -> Spread {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    Spread {
        min: v[0],
        q1: quantile(&v, 0.25),
        median: quantile(&v, 0.5),
        q3: quantile(&v, 0.75),
        max: v[v.len() - 1],
    }
}

/// Kendall's coefficient of concordance W of m rankings of the same n objects, with the
/// correction for ties (Kendall & Babington Smith 1939; Siegel & Castellan 1988, §9.4):
///
/// W = 12 S / (m² (n³ − n) − m Σⱼ Tⱼ), S = Σᵢ (Rᵢ − m (n + 1) / 2)²,
///
/// where Rᵢ is the sum of object i's ranks (tied objects share the mean of their positions)
/// and Tⱼ = Σ (t³ − t) over the groups of t tied objects in ranking j. W is 1 when every
/// ranking is the same and 0 when the rank sums are all equal. `None` when it is undefined:
/// fewer than two objects, no rankings, or every ranking a complete tie.
pub fn kendall_w(average_ranks: &[Vec<f64>]) -> Option<f64> {
    let m = average_ranks.len();
    let n = average_ranks.first()?.len();
    if n < 2 {
        return None;
    }
    let (mf, nf) = (m as f64, n as f64);
    let mut sums = vec![0.0; n];
    let mut ties = 0.0;
    for r in average_ranks {
        for (s, x) in sums.iter_mut().zip(r) {
            *s += x;
        }
        let mut sorted = r.clone();
        sorted.sort_by(f64::total_cmp);
        for run in sorted.chunk_by(|a, b| a == b) {
            let t = run.len() as f64;
            ties += t * t * t - t;
        }
    }
    let mean = mf * (nf + 1.0) / 2.0;
    let s: f64 = sums.iter().map(|r| (r - mean) * (r - mean)).sum();
    let denominator = mf * mf * (nf * nf * nf - nf) - mf * ties;
    (denominator > 0.0).then(|| 12.0 * s / denominator)
}

/// Copeland scores from competition ranks (1 = best) of several rankings: alternative a beats
/// b when more rankings put a above b than b above a; its score is the number of alternatives
/// it beats minus the number it loses to (a tie between the two counts for neither).
pub fn copeland(ranks: &[Vec<usize>]) -> Vec<f64> {
    let n = ranks.first().map_or(0, Vec::len);
    let mut score = vec![0.0; n];
    for a in 0..n {
        for b in a + 1..n {
            let (mut ab, mut ba) = (0usize, 0usize);
            for r in ranks {
                match r[a].cmp(&r[b]) {
                    std::cmp::Ordering::Less => ab += 1,
                    std::cmp::Ordering::Greater => ba += 1,
                    std::cmp::Ordering::Equal => {}
                }
            }
            match ab.cmp(&ba) {
                std::cmp::Ordering::Greater => {
                    score[a] += 1.0;
                    score[b] -= 1.0;
                }
                std::cmp::Ordering::Less => {
                    score[a] -= 1.0;
                    score[b] += 1.0;
                }
                std::cmp::Ordering::Equal => {}
            }
        }
    }
    score
}

/// The median of whole numbers.
pub fn median(values: &[usize]) -> f64 {
    let v: Vec<f64> = values.iter().map(|&x| x as f64).collect();
    spread(&v).median
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_abs_diff_eq;

    #[test]
    fn quantiles_interpolate_like_r_type_7() {
        // R: quantile(c(1, 2, 4, 8), c(.25, .5, .75)) = 1.75, 3, 5.
        let s = spread(&[8.0, 1.0, 4.0, 2.0]);
        assert_abs_diff_eq!(s.q1, 1.75, epsilon = 1e-15);
        assert_abs_diff_eq!(s.median, 3.0, epsilon = 1e-15);
        assert_abs_diff_eq!(s.q3, 5.0, epsilon = 1e-15);
        assert_eq!((s.min, s.max), (1.0, 8.0));
        assert_eq!(spread(&[0.3]).q1, 0.3);
    }

    #[test]
    fn kendall_w_by_hand() {
        // Three identical rankings: W = 1.
        let same = vec![vec![1.0, 2.0, 3.0]; 3];
        assert_abs_diff_eq!(kendall_w(&same).unwrap(), 1.0, epsilon = 1e-15);
        // Two opposite rankings: every rank sum is 4, S = 0, W = 0.
        let opposite = vec![vec![1.0, 2.0, 3.0], vec![3.0, 2.0, 1.0]];
        assert_abs_diff_eq!(kendall_w(&opposite).unwrap(), 0.0, epsilon = 1e-15);
        // (1,2,3), (1,3,2), (1.5,1.5,3): R = (3.5, 6.5, 8), mean 6, S = 6.25 + 0.25 + 4 =
        // 10.5; T = 2³ − 2 = 6; W = 126 / (9·24 − 3·6) = 126/198.
        let tied = vec![
            vec![1.0, 2.0, 3.0],
            vec![1.0, 3.0, 2.0],
            vec![1.5, 1.5, 3.0],
        ];
        assert_abs_diff_eq!(kendall_w(&tied).unwrap(), 126.0 / 198.0, epsilon = 1e-15);
        assert_eq!(kendall_w(&[vec![1.0]]), None);
        assert_eq!(kendall_w(&[vec![1.5, 1.5]]), None);
    }

    #[test]
    fn copeland_counts_pairwise_majorities() {
        // a beats b (2–1) and c (3–0); b beats c (2–1): a 2, b 0, c −2.
        let r = vec![vec![1, 2, 3], vec![1, 3, 2], vec![2, 1, 3]];
        assert_eq!(copeland(&r), vec![2.0, 0.0, -2.0]);
        // A 1–1 split between a and b counts for neither.
        let r = vec![vec![1, 2], vec![2, 1]];
        assert_eq!(copeland(&r), vec![0.0, 0.0]);
    }
}
