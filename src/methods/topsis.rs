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
pub fn topsis(r: &DMatrix<f64>, w: &[f64]) -> Topsis {
    let v = DMatrix::from_fn(r.nrows(), r.ncols(), |i, j| w[j] * r[(i, j)]);
    let ideal: Vec<f64> = v.column_iter().map(|c| c.max()).collect();
    let anti: Vec<f64> = v.column_iter().map(|c| c.min()).collect();
    let distance = |i: usize, to: &[f64]| {
        to.iter()
            .enumerate()
            .map(|(j, t)| (v[(i, j)] - t).powi(2))
            .sum::<f64>()
            .sqrt()
    };
    let d_plus: Vec<f64> = (0..v.nrows()).map(|i| distance(i, &ideal)).collect();
    let d_minus: Vec<f64> = (0..v.nrows()).map(|i| distance(i, &anti)).collect();
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
