//! PROMETHEE II net flows, with PROMETHEE I's partial preorder.
//!
//! Brans & Vincke (1985), "A preference ranking organisation method", *Management Science*
//! 31(6), 647–656; Brans, Vincke & Mareschal (1986). For a difference d > 0 in the criterion's
//! direction, Pⱼ(d) is the criterion's preference function (P = 0 for d ≤ 0);
//! π(a, b) = Σⱼ wⱼ Pⱼ(dⱼ(a, b)); φ⁺(a) and φ⁻(a) average π(a, ·) and π(·, a) over the n − 1
//! others, and φ = φ⁺ − φ⁻ (higher is better). With a single alternative all flows are 0.
//!
//! PROMETHEE I: a is preferred to b when φ⁺(a) ≥ φ⁺(b) and φ⁻(a) ≤ φ⁻(b), one of them strictly;
//! a and b are incomparable when one flow favours a and the other b.

use nalgebra::DMatrix;

use crate::model::{Direction, Preference};

/// The outranking flows of every alternative.
#[derive(Debug, Clone, PartialEq)]
pub struct Promethee {
    pub phi_plus: Vec<f64>,
    pub phi_minus: Vec<f64>,
    pub phi: Vec<f64>,
}

impl Preference {
    /// P(d): the degree to which a difference `d` (in the criterion's direction) is a preference.
    pub fn degree(&self, d: f64) -> f64 {
        if d <= 0.0 {
            return 0.0;
        }
        match *self {
            Preference::Usual => 1.0,
            Preference::UShape { q } => {
                if d > q {
                    1.0
                } else {
                    0.0
                }
            }
            Preference::VShape { p } => {
                if d > p {
                    1.0
                } else {
                    d / p
                }
            }
            Preference::Level { q, p } => {
                if d > p {
                    1.0
                } else if d > q {
                    0.5
                } else {
                    0.0
                }
            }
            Preference::Linear { q, p } => {
                if d > p {
                    1.0
                } else if d > q {
                    (d - q) / (p - q)
                } else {
                    0.0
                }
            }
            Preference::Gaussian { s } => 1.0 - (-d * d / (2.0 * s * s)).exp(),
        }
    }
}

/// PROMETHEE II on the raw matrix `x`.
pub fn promethee(
    x: &DMatrix<f64>,
    dirs: &[Direction],
    w: &[f64],
    prefs: &[Preference],
) -> Promethee {
    let (n, m) = x.shape();
    let mut plus = vec![0.0; n];
    let mut minus = vec![0.0; n];
    for a in 0..n {
        for b in 0..n {
            if a == b {
                continue;
            }
            let pi: f64 = (0..m)
                .map(|j| w[j] * prefs[j].degree(dirs[j].sign() * (x[(a, j)] - x[(b, j)])))
                .sum();
            plus[a] += pi;
            minus[b] += pi;
        }
    }
    let others = if n > 1 { (n - 1) as f64 } else { 1.0 };
    let phi_plus: Vec<f64> = plus.iter().map(|v| v / others).collect();
    let phi_minus: Vec<f64> = minus.iter().map(|v| v / others).collect();
    let phi = phi_plus
        .iter()
        .zip(&phi_minus)
        .map(|(p, m)| p - m)
        .collect();
    Promethee {
        phi_plus,
        phi_minus,
        phi,
    }
}

/// PROMETHEE I: the pairs (a, b), a < b, that the partial preorder leaves incomparable.
pub fn incomparable_pairs(flows: &Promethee, tolerance: f64) -> Vec<(usize, usize)> {
    let n = flows.phi.len();
    let cmp = |x: f64, y: f64| {
        if (x - y).abs() <= tolerance {
            0
        } else if x > y {
            1
        } else {
            -1
        }
    };
    let mut out = Vec::new();
    for a in 0..n {
        for b in a + 1..n {
            let by_plus = cmp(flows.phi_plus[a], flows.phi_plus[b]);
            let by_minus = cmp(flows.phi_minus[b], flows.phi_minus[a]);
            if by_plus * by_minus < 0 {
                out.push((a, b));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Zhao, Peng & Li (2013), as in pymcdm's PROMETHEE II tests:
    /// φ = (0.1, −0.3, 0.2), φ⁺ = (0.55, 0.35, 0.60), φ⁻ = (0.45, 0.65, 0.40).
    #[test]
    fn zhao_peng_li_2013() {
        let x = DMatrix::from_row_slice(3, 3, &[4.0, 3.0, 2.0, 3.0, 2.0, 4.0, 5.0, 1.0, 3.0]);
        let out = promethee(
            &x,
            &[Direction::Benefit; 3],
            &[0.5, 0.3, 0.2],
            &[Preference::Usual; 3],
        );
        let close = |a: &[f64], b: &[f64]| a.iter().zip(b).all(|(x, y)| (x - y).abs() < 1e-12);
        assert!(close(&out.phi, &[0.1, -0.3, 0.2]));
        assert!(close(&out.phi_plus, &[0.55, 0.35, 0.60]));
        assert!(close(&out.phi_minus, &[0.45, 0.65, 0.40]));
    }

    #[test]
    fn preference_functions_follow_their_definitions() {
        assert_eq!(Preference::Usual.degree(0.0), 0.0);
        assert_eq!(Preference::UShape { q: 1.0 }.degree(1.0), 0.0);
        assert_eq!(Preference::VShape { p: 2.0 }.degree(1.0), 0.5);
        assert_eq!(Preference::Level { q: 1.0, p: 2.0 }.degree(1.5), 0.5);
        assert_eq!(Preference::Linear { q: 1.0, p: 3.0 }.degree(2.0), 0.5);
        let g = Preference::Gaussian { s: 1.0 }.degree(1.0);
        assert!((g - (1.0 - (-0.5f64).exp())).abs() < 1e-15);
    }
}
