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
        assert!(
            LinearScorer::new(&DMatrix::zeros(0, 2))
                .scores(&[0.5, 0.5])
                .is_empty()
        );
    }
}
