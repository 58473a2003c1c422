//! Weighted product model.
//!
//! score(a) = Πⱼ rₐⱼ^wⱼ, where r is the normalised matrix (higher is better) and w sums to 1
//! (Bridgman 1922; Miller & Starr 1969). The factors rₐⱼ^wⱼ are the contributions.
//!
//! A normalised value of 0 makes the whole product 0: an alternative at the bottom of any
//! weighted criterion scores 0, whatever else it does (under `scale` or `minmax` normalisation
//! the worst alternative on each criterion is at 0; under `max` a cost criterion's largest
//! value is at 0, so a constant cost criterion makes every score 0). A criterion with weight 0
//! contributes a factor 1 (0⁰ = 1), so it changes nothing. A negative normalised value (a score
//! below a declared range, under `scale`) is refused before this function runs.

use nalgebra::DMatrix;

/// The weighted product of each row of `r`, and the factors r^w.
pub fn wpm(r: DMatrix<f64>, w: &[f64]) -> (Vec<f64>, DMatrix<f64>) {
    let mut factors = r;
    for (mut column, &wj) in factors.column_iter_mut().zip(w) {
        column.apply(|rij| *rij = if wj == 0.0 { 1.0 } else { rij.powf(wj) });
    }
    // Πⱼ of the columns: one product per alternative.
    let scores = factors.column_product().iter().copied().collect();
    (scores, factors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multiplies_weighted_powers() {
        let r = DMatrix::from_row_slice(2, 2, &[0.25, 1.0, 0.0, 1.0]);
        let (s, f) = wpm(r.clone(), &[0.5, 0.5]);
        assert!((s[0] - 0.5).abs() < 1e-15);
        assert_eq!(s[1], 0.0);
        assert_eq!(f[(0, 1)], 1.0);
        let (s, _) = wpm(r.clone(), &[0.0, 1.0]);
        assert_eq!(s, vec![1.0, 1.0]);
    }
}
