//! The weighted sum `s = N·w` of a normalised matrix: the one linear scorer behind the WSM
//! fast paths of the weight sensitivity analyses and of SMAA.
//!
//! `N` is kept column by column (`cols[j·n + i]`, the layout nalgebra uses), so that a score
//! vector is built one criterion at a time over every alternative: `m` passes of `n`
//! multiply-adds over contiguous memory, which the compiler vectorises. Each score is summed in
//! criterion order, `((w_0 N_i0 + w_1 N_i1) + …)`, the same order as [`crate::methods::wsm`],
//! so the fast paths give the plain ranking's scores bit for bit.

use nalgebra::DMatrix;

/// A normalised matrix (alternatives × criteria), ready to be scored under many weights.
#[derive(Debug, Clone, PartialEq)]
pub struct LinearScorer {
    cols: Vec<f64>,
    n: usize,
    m: usize,
}

impl LinearScorer {
    /// The scorer of a normalised matrix.
    pub fn new(normalized: &DMatrix<f64>) -> LinearScorer {
        let (n, m) = normalized.shape();
        LinearScorer {
            cols: normalized.as_slice().to_vec(),
            n,
            m,
        }
    }

    /// The scorer of a matrix given column by column (`cols[j·n + i]`, `n` alternatives and
    /// `m` criteria).
    pub fn from_columns(cols: Vec<f64>, n: usize, m: usize) -> LinearScorer {
        assert_eq!(cols.len(), n * m, "a {n} × {m} matrix");
        LinearScorer { cols, n, m }
    }

    /// The number of alternatives.
    pub fn alternatives(&self) -> usize {
        self.n
    }

    /// The number of criteria.
    pub fn criteria(&self) -> usize {
        self.m
    }

    /// The matrix, column by column.
    pub fn cols(&self) -> &[f64] {
        &self.cols
    }

    /// The normalised value of alternative `i` on criterion `j`.
    #[inline]
    pub fn value(&self, i: usize, j: usize) -> f64 {
        self.cols[j * self.n + i]
    }

    /// The scores under weights `w`.
    pub fn scores(&self, w: &[f64]) -> Vec<f64> {
        let mut s = vec![0.0; self.n];
        weighted_sum_into(&self.cols, w, &mut s);
        s
    }
}

/// Weight vectors scored together: one lane per weight vector.
pub const LANES: usize = 16;
/// One number per lane.
pub type Lanes = [f64; LANES];

impl LinearScorer {
    /// The scores of [`LANES`] weight vectors at once: `w[j][d]` is criterion `j`'s weight in
    /// vector `d`, and `s[i][d]` becomes alternative `i`'s score under it (`s` holds one row per
    /// alternative). Each score is summed as [`weighted_sum_into`] sums it, from 0 in criterion
    /// order, so the scores are the same bit for bit; the lanes are what the compiler
    /// vectorises.
    #[inline(always)]
    pub fn scores_lanes(&self, w: &[Lanes], s: &mut [Lanes]) {
        debug_assert_eq!((w.len(), s.len()), (self.m, self.n));
        weighted_sums_lanes(&self.cols, w, s);
    }
}

/// [`LinearScorer::scores_lanes`] on a matrix given column by column (`cols[j·n + i]`, with
/// `n = s.len()` alternatives and `w.len()` criteria).
#[inline]
pub fn weighted_sums_lanes(cols: &[f64], w: &[Lanes], s: &mut [Lanes]) {
    let n = s.len();
    for (i, out) in s.iter_mut().enumerate() {
        let mut acc = [0.0; LANES];
        for (j, wj) in w.iter().enumerate() {
            let v = cols[j * n + i];
            for (a, &x) in acc.iter_mut().zip(wj) {
                *a += v * x;
            }
        }
        *out = acc;
    }
}

/// `s = N·w` with `N` stored column by column (`cols[j·s.len() + i]`).
#[inline]
pub fn weighted_sum_into(cols: &[f64], w: &[f64], s: &mut [f64]) {
    s.iter_mut().for_each(|x| *x = 0.0);
    if s.is_empty() {
        return;
    }
    for (col, &wj) in cols.chunks_exact(s.len()).zip(w) {
        for (x, &v) in s.iter_mut().zip(col) {
            *x += wj * v;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_are_the_matrix_times_the_weights() {
        // N = [[1, 0], [0.5, 0.5], [0, 1]], w = (0.25, 0.75): s = (0.25, 0.5, 0.75).
        let n = DMatrix::from_row_slice(3, 2, &[1.0, 0.0, 0.5, 0.5, 0.0, 1.0]);
        let scorer = LinearScorer::new(&n);
        assert_eq!(scorer.scores(&[0.25, 0.75]), vec![0.25, 0.5, 0.75]);
        assert_eq!(scorer.value(1, 0), 0.5);
        assert_eq!((scorer.alternatives(), scorer.criteria()), (3, 2));
        let mut w = [[0.0; LANES]; 2];
        let (w0, w1) = w.split_at_mut(1);
        for (d, (a, b)) in w0[0].iter_mut().zip(w1[0].iter_mut()).enumerate() {
            let t = d as f64 / LANES as f64;
            (*a, *b) = (t, 1.0 - t);
        }
        let mut lanes = [[f64::NAN; LANES]; 3];
        scorer.scores_lanes(&w, &mut lanes);
        for d in 0..LANES {
            let one = scorer.scores(&[w[0][d], w[1][d]]);
            for i in 0..3 {
                assert_eq!(lanes[i][d].to_bits(), one[i].to_bits());
            }
        }
        assert!(
            LinearScorer::new(&DMatrix::zeros(0, 2))
                .scores(&[0.5, 0.5])
                .is_empty()
        );
    }
}
