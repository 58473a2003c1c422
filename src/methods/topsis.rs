//! TOPSIS: closeness to the ideal solution.
//!
//! Hwang & Yoon (1981), *Multiple Attribute Decision Making*, ch. 3. With v = w·r (r normalised
//! so that higher is better), the ideal A⁺ is each column's largest v and the anti-ideal A⁻ its
//! smallest; d⁺ and d⁻ are the Euclidean distances to them and the score is
//! C = d⁻ / (d⁺ + d⁻), higher is better. With vector normalisation (pymcdm's 1 − x/‖x‖ for a
//! cost) this equals Hwang & Yoon's original, whose cost ideal is the column minimum.
//!
//! When d⁺ + d⁻ = 0 the alternative is at once ideal and anti-ideal, which happens only when
//! every alternative scores the same on every weighted criterion: all tie, and C is set to 1.

use nalgebra::DMatrix;

/// TOPSIS closeness, with the distances to the ideal and the anti-ideal.
#[derive(Debug, Clone, PartialEq)]
pub struct Topsis {
    pub closeness: Vec<f64>,
    pub d_plus: Vec<f64>,
    pub d_minus: Vec<f64>,
}

/// TOPSIS on the normalised matrix `r` with weights `w`.
pub fn topsis(r: DMatrix<f64>, w: &[f64]) -> Topsis {
    let n = r.nrows();
    let mut acc = Accumulator::new(n);
    let mut column = vec![0.0; n];
    for (j, wj) in w.iter().enumerate().take(r.ncols()) {
        column.copy_from_slice(&r.as_slice()[j * n..(j + 1) * n]);
        acc.add(&mut column, *wj);
    }
    acc.finish()
}

/// TOPSIS of `x` with each column normalised by `per` (whose smallest and largest values are
/// `ends`) and weighted by `w`: the numbers of [`Accumulator`] over the normalised columns in
/// order (the same operations on each value, so the same bits), in one pass over the matrix,
/// rows in parallel, without a weighted column.
///
/// A column's ideal and anti-ideal are the largest and smallest weighted value; as normalising
/// and weighting are monotone (each rounding step is), they are the weighted values of the
/// column's largest and smallest value. Where that could differ in the sign of a zero (a zero
/// ideal, a weight not above 0), they are folded over the column as [`Accumulator::add`] does.
pub(crate) fn fused<C: crate::columns::Columns>(
    x: &C,
    per: &[crate::normalize::PerValue],
    ends: &[(f64, f64)],
    w: &[f64],
) -> Topsis {
    use rayon::prelude::*;
    let n = x.nrows();
    let poles: Vec<(f64, f64)> = (0..per.len())
        .into_par_iter()
        .map(|j| {
            let (p, wj, (lo, hi)) = (per[j], w[j], ends[j]);
            let weighted = |v: f64| p.apply(v) * wj;
            let (top, bottom) = if p.rising() { (hi, lo) } else { (lo, hi) };
            let (ideal, anti) = (weighted(top), weighted(bottom));
            if wj > 0.0 && ideal != 0.0 && anti != 0.0 && ideal.is_finite() && anti.is_finite() {
                return (ideal, anti);
            }
            let first = x.run(j, 0..1, |c| weighted(c[0]));
            let mut poles = (first, first);
            x.each_run(j, |run| {
                poles = run.iter().fold(poles, |(a, b), &v| {
                    let v = weighted(v);
                    (a.max(v), b.min(v))
                });
            });
            poles
        })
        .collect();
    let mut d_plus = vec![0.0; n];
    let mut d_minus = vec![0.0; n];
    let mut closeness = vec![0.0; n];
    d_plus
        .par_chunks_mut(super::wsm::ROWS)
        .zip(d_minus.par_chunks_mut(super::wsm::ROWS))
        .zip(closeness.par_chunks_mut(super::wsm::ROWS))
        .enumerate()
        .for_each(|(c, ((plus, minus), close))| {
            crate::simd::widest(
                #[inline(always)]
                || {
                    let from = c * super::wsm::ROWS;
                    for (j, ((p, &wj), &(ideal, anti))) in per.iter().zip(w).zip(&poles).enumerate()
                    {
                        x.run(j, from..from + plus.len(), |col| {
                            p.each(col, |i, r| {
                                let x = r * wj;
                                plus[i] += (x - ideal).powi(2);
                                minus[i] += (x - anti).powi(2);
                            });
                        });
                    }
                    for ((dp, dm), cl) in plus.iter_mut().zip(minus.iter_mut()).zip(close) {
                        *dp = dp.sqrt();
                        *dm = dm.sqrt();
                        let (p, m) = (*dp, *dm);
                        *cl = if p + m == 0.0 { 1.0 } else { m / (p + m) };
                    }
                },
            )
        });
    Topsis {
        closeness,
        d_plus,
        d_minus,
    }
}

/// TOPSIS one normalised column at a time, in the criteria's order: the numbers of
/// [`topsis`] without holding the weighted matrix.
#[derive(Debug, Clone)]
pub struct Accumulator {
    /// Σⱼ (vₐⱼ − A⁺ⱼ)² and Σⱼ (vₐⱼ − A⁻ⱼ)² so far, for every alternative a.
    plus: Vec<f64>,
    minus: Vec<f64>,
}

impl Accumulator {
    /// Nothing added yet, for `n` alternatives.
    pub fn new(n: usize) -> Accumulator {
        Accumulator {
            plus: vec![0.0; n],
            minus: vec![0.0; n],
        }
    }

    /// Adds criterion column `r` (normalised) with weight `wj`; `r` is weighted in place.
    pub fn add(&mut self, r: &mut [f64], wj: f64) {
        use rayon::prelude::*;
        let parallel = r.len() >= crate::normalize::PARALLEL_FROM;
        if parallel {
            r.par_iter_mut().for_each(|x| *x *= wj);
        } else {
            for x in r.iter_mut() {
                *x *= wj;
            }
        }
        let Some(&first) = r.first() else {
            return;
        };
        // The column's best and worst weighted values: the ideal and the anti-ideal.
        let ideal = r.iter().fold(first, |a, &b| a.max(b));
        let anti = r.iter().fold(first, |a, &b| a.min(b));
        if parallel {
            self.plus
                .par_iter_mut()
                .zip(self.minus.par_iter_mut())
                .zip(r.par_iter())
                .for_each(|((p, m), &x)| {
                    *p += (x - ideal).powi(2);
                    *m += (x - anti).powi(2);
                });
            return;
        }
        for ((p, m), &x) in self
            .plus
            .iter_mut()
            .zip(self.minus.iter_mut())
            .zip(r.iter())
        {
            *p += (x - ideal).powi(2);
            *m += (x - anti).powi(2);
        }
    }

    /// The distances and the closeness.
    pub fn finish(self) -> Topsis {
        let d_plus: Vec<f64> = self.plus.into_iter().map(f64::sqrt).collect();
        let d_minus: Vec<f64> = self.minus.into_iter().map(f64::sqrt).collect();
        let closeness = d_plus
            .iter()
            .zip(&d_minus)
            .map(|(p, m)| if p + m == 0.0 { 1.0 } else { m / (p + m) })
            .collect();
        Topsis {
            closeness,
            d_plus,
            d_minus,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Hwang & Yoon's steps on a 3 × 2 normalised matrix, by hand: v = (0.5·r₁, 0.5·r₂),
    /// A⁺ = (0.5, 0.5), A⁻ = (0, 0); alternative (1, 0) is at distance ½ from both.
    #[test]
    fn closeness_to_the_ideal() {
        let r = DMatrix::from_row_slice(3, 2, &[1.0, 0.0, 0.0, 1.0, 1.0, 1.0]);
        let t = topsis(r, &[0.5, 0.5]);
        assert_eq!(t.d_plus, vec![0.5, 0.5, 0.0]);
        assert_eq!(t.d_minus, vec![0.5, 0.5, 2f64.sqrt() / 2.0]);
        assert_eq!(t.closeness, vec![0.5, 0.5, 1.0]);
    }

    /// One criterion: C is the min-max position of each weighted value. Identical
    /// alternatives (and a single one): d⁺ = d⁻ = 0 and C = 1 for all. A zero-weight
    /// criterion contributes nothing.
    #[test]
    fn degenerate_inputs_are_decided() {
        let col = DMatrix::from_column_slice(3, 1, &[0.2, 0.8, 0.35]);
        let t = topsis(col, &[1.0]);
        for (c, want) in t.closeness.iter().zip([0.0, 1.0, 0.25]) {
            assert!((c - want).abs() < 1e-15);
        }
        let same = DMatrix::from_row_slice(2, 2, &[0.3, 0.6, 0.3, 0.6]);
        assert_eq!(topsis(same, &[0.5, 0.5]).closeness, vec![1.0, 1.0]);
        let one = DMatrix::from_row_slice(1, 2, &[0.3, 0.6]);
        assert_eq!(topsis(one, &[0.5, 0.5]).closeness, vec![1.0]);
        let two = DMatrix::from_row_slice(3, 2, &[0.2, 9.0, 0.8, 1.0, 0.35, 4.0]);
        assert_eq!(topsis(two, &[1.0, 0.0]).closeness, t.closeness);
    }
}
