//! Weighted sum model (simple additive weighting, SAW).
//!
//! score(a) = Σⱼ wⱼ · rₐⱼ, where r is the normalised matrix (higher is better) and w sums to 1.
//! Fishburn (1967), "Additive utilities with incomplete product set"; the per-criterion terms
//! wⱼ · rₐⱼ are the contributions `--explain` shows.

use nalgebra::DMatrix;

/// The weighted sum of each row of the normalised matrix `r`, and the contributions w·r.
pub fn wsm(r: DMatrix<f64>, w: &[f64]) -> (Vec<f64>, DMatrix<f64>) {
    let mut contributions = r;
    for (mut column, wj) in contributions.column_iter_mut().zip(w) {
        column *= *wj;
    }
    // Σⱼ of the columns: one sum per alternative.
    let scores = contributions.column_sum().iter().copied().collect();
    (scores, contributions)
}

/// The WSM scores alone, one normalised column at a time in the criteria's order: the scores
/// of [`wsm`] (the same sums in the same order) without the contribution matrix.
pub fn add_column(scores: &mut [f64], r: &[f64], wj: f64) {
    if scores.len() >= crate::normalize::PARALLEL_FROM {
        use rayon::prelude::*;
        scores.par_iter_mut().zip(r).for_each(|(s, x)| *s += x * wj);
    } else {
        for (s, x) in scores.iter_mut().zip(r) {
            *s += x * wj;
        }
    }
}

/// Rows worked on together by the fused paths: their scores stay in the cache while every
/// column is added.
pub(crate) const ROWS: usize = crate::columns::RUN;

/// The WSM scores of `x` with each column normalised by `per` and weighted by `w`: the scores
/// of [`add_column`] over the normalised columns in order (the same operations on each value,
/// so the same bits), in one pass over the matrix, rows in parallel, without a normalised column.
pub(crate) fn fused<C: crate::columns::Columns>(
    x: &C,
    per: &[crate::normalize::PerValue],
    w: &[f64],
) -> Vec<f64> {
    use rayon::prelude::*;
    let n = x.nrows();
    let mut scores = vec![0.0; n];
    scores
        .par_chunks_mut(ROWS)
        .enumerate()
        .for_each(|(c, chunk)| {
            crate::simd::widest(
                #[inline(always)]
                || {
                    let from = c * ROWS;
                    for (j, (p, &wj)) in per.iter().zip(w).enumerate() {
                        x.run(j, from..from + chunk.len(), |column| {
                            p.each(column, |i, r| chunk[i] += r * wj);
                        });
                    }
                },
            )
        });
    scores
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_weighted_values() {
        let r = DMatrix::from_row_slice(2, 2, &[1.0, 0.0, 0.5, 0.5]);
        let (s, c) = wsm(r, &[0.75, 0.25]);
        assert_eq!(s, vec![0.75, 0.5]);
        assert_eq!(c[(1, 1)], 0.125);
    }
}
