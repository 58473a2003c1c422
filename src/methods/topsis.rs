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
    let mut v = r;
    for (mut column, wj) in v.column_iter_mut().zip(w) {
        column *= *wj;
    }
    let ideal: Vec<f64> = v.column_iter().map(|c| c.max()).collect();
    let anti: Vec<f64> = v.column_iter().map(|c| c.min()).collect();
    // √Σⱼ (vₐⱼ − tⱼ)² for every alternative a, accumulated a column at a time.
    let distance = |to: &[f64]| -> Vec<f64> {
        let mut squares = vec![0.0; v.nrows()];
        for (column, t) in v.column_iter().zip(to) {
            for (sq, x) in squares.iter_mut().zip(column.iter()) {
                *sq += (x - t).powi(2);
            }
        }
        squares.into_iter().map(f64::sqrt).collect()
    };
    let d_plus = distance(&ideal);
    let d_minus = distance(&anti);
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
