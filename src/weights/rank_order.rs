//! Rank-order weights: a ranking of criteria, most important first, turned into numbers.
//!
//! When a group can agree on the order of the criteria but not on exact weights, a rank-order
//! formula gives weights that respect that order. For `n` criteria in positions `i = 1 … n`
//! (1 = most important):
//!
//! - **Rank-order centroid** (`roc`), Barron & Barrett (1996), "Decision quality using ranked
//!   attribute weights", *Management Science* 42(11): wᵢ = (1/n) Σ_{k=i}^{n} 1/k. These are the
//!   centroid of the set of weight vectors that respect the order (w₁ ≥ w₂ ≥ … ≥ wₙ ≥ 0, Σw = 1).
//! - **Rank sum** (`rank-sum`), Stillwell, Seaver & Edwards (1981), "A comparison of weight
//!   approximation techniques in multiattribute utility decision making", *Organizational
//!   Behavior and Human Performance* 28(1): wᵢ = 2(n + 1 − i) / (n(n + 1)), weights falling in
//!   equal steps.
//! - **Rank reciprocal** (`reciprocal`), same source: wᵢ = (1/i) / Σ_{k=1}^{n} 1/k.
//!
//! Each formula gives weights that sum to 1 and strictly decrease with the position.

use serde::Serialize;

/// A formula that turns a ranking of criteria into weights.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RankOrderMethod {
    /// Rank-order centroid, Barron & Barrett (1996): wᵢ = (1/n) Σ_{k=i}^{n} 1/k.
    #[default]
    Roc,
    /// Rank sum, Stillwell, Seaver & Edwards (1981): wᵢ = 2(n + 1 − i) / (n(n + 1)).
    RankSum,
    /// Rank reciprocal, Stillwell, Seaver & Edwards (1981): wᵢ = (1/i) / Σ_{k=1}^{n} 1/k.
    Reciprocal,
}

impl RankOrderMethod {
    /// Every method, in the order they are listed to users.
    pub const ALL: [RankOrderMethod; 3] = [
        RankOrderMethod::Roc,
        RankOrderMethod::RankSum,
        RankOrderMethod::Reciprocal,
    ];

    /// The name used in model files (`rank_order_method`): `roc`, `rank-sum` or `reciprocal`.
    pub fn name(self) -> &'static str {
        match self {
            RankOrderMethod::Roc => "roc",
            RankOrderMethod::RankSum => "rank-sum",
            RankOrderMethod::Reciprocal => "reciprocal",
        }
    }

    /// The method with this exact name, or `None` when no method has it.
    pub fn from_name(name: &str) -> Option<RankOrderMethod> {
        Self::ALL.into_iter().find(|m| m.name() == name)
    }
}

impl std::fmt::Display for RankOrderMethod {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Weights for `n` criteria listed from most to least important, in that order, summing to 1.
///
/// With `n = 0` the result is empty; with `n = 1` it is `[1.0]` for every method.
pub fn rank_order_weights(n: usize, method: RankOrderMethod) -> Vec<f64> {
    let nf = n as f64;
    match method {
        RankOrderMethod::Roc => {
            // Suffix sums of 1/k, from the least important up.
            let mut w = vec![0.0; n];
            let mut tail = 0.0;
            for i in (0..n).rev() {
                tail += 1.0 / (i + 1) as f64;
                w[i] = tail / nf;
            }
            w
        }
        RankOrderMethod::RankSum => (1..=n)
            .map(|i| 2.0 * (nf + 1.0 - i as f64) / (nf * (nf + 1.0)))
            .collect(),
        RankOrderMethod::Reciprocal => {
            let harmonic: f64 = (1..=n).map(|k| 1.0 / k as f64).sum();
            (1..=n).map(|i| (1.0 / i as f64) / harmonic).collect()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_abs_diff_eq;
    use proptest::prelude::*;

    fn assert_weights(got: &[f64], want: &[f64]) {
        assert_eq!(got.len(), want.len());
        for (g, w) in got.iter().zip(want) {
            assert_abs_diff_eq!(g, w, epsilon = 1e-15);
        }
    }

    #[test]
    fn roc_by_hand() {
        // n = 3: w₁ = (1 + 1/2 + 1/3)/3 = 11/18, w₂ = (1/2 + 1/3)/3 = 5/18, w₃ = (1/3)/3 = 2/18.
        let w = rank_order_weights(3, RankOrderMethod::Roc);
        assert_weights(&w, &[11.0 / 18.0, 5.0 / 18.0, 2.0 / 18.0]);
        assert_abs_diff_eq!(w[0], 0.6111, epsilon = 1e-4);
        assert_abs_diff_eq!(w[1], 0.2778, epsilon = 1e-4);
        assert_abs_diff_eq!(w[2], 0.1111, epsilon = 1e-4);
        // n = 4, Barron & Barrett's table: 0.5208, 0.2708, 0.1458, 0.0625 (= 25/48, 13/48, 7/48, 3/48).
        let w = rank_order_weights(4, RankOrderMethod::Roc);
        assert_weights(&w, &[25.0 / 48.0, 13.0 / 48.0, 7.0 / 48.0, 3.0 / 48.0]);
    }

    #[test]
    fn rank_sum_by_hand() {
        // n = 3: 2·3/12, 2·2/12, 2·1/12.
        assert_weights(
            &rank_order_weights(3, RankOrderMethod::RankSum),
            &[0.5, 1.0 / 3.0, 1.0 / 6.0],
        );
        // n = 4: 8/20, 6/20, 4/20, 2/20.
        assert_weights(
            &rank_order_weights(4, RankOrderMethod::RankSum),
            &[0.4, 0.3, 0.2, 0.1],
        );
    }

    #[test]
    fn reciprocal_by_hand() {
        // n = 3: Σ1/k = 11/6, so 6/11, 3/11, 2/11.
        assert_weights(
            &rank_order_weights(3, RankOrderMethod::Reciprocal),
            &[6.0 / 11.0, 3.0 / 11.0, 2.0 / 11.0],
        );
    }

    #[test]
    fn degenerate_sizes() {
        for m in RankOrderMethod::ALL {
            assert!(rank_order_weights(0, m).is_empty());
            assert_weights(&rank_order_weights(1, m), &[1.0]);
            assert_weights(&rank_order_weights(2, m), &{
                match m {
                    RankOrderMethod::Roc => [0.75, 0.25],
                    RankOrderMethod::RankSum => [2.0 / 3.0, 1.0 / 3.0],
                    RankOrderMethod::Reciprocal => [2.0 / 3.0, 1.0 / 3.0],
                }
            });
        }
    }

    #[test]
    fn names_round_trip() {
        assert_eq!(RankOrderMethod::Roc.name(), "roc");
        assert_eq!(RankOrderMethod::RankSum.name(), "rank-sum");
        assert_eq!(RankOrderMethod::Reciprocal.name(), "reciprocal");
        for m in RankOrderMethod::ALL {
            assert_eq!(RankOrderMethod::from_name(m.name()), Some(m));
            assert_eq!(m.to_string(), m.name());
        }
        assert_eq!(RankOrderMethod::from_name("ROC"), None);
        assert_eq!(RankOrderMethod::from_name("rank_sum"), None);
        assert_eq!(RankOrderMethod::default(), RankOrderMethod::Roc);
    }

    proptest! {
        #[test]
        fn weights_sum_to_one_and_strictly_decrease(n in 1usize..200, k in 0usize..3) {
            let w = rank_order_weights(n, RankOrderMethod::ALL[k]);
            prop_assert_eq!(w.len(), n);
            prop_assert!((w.iter().sum::<f64>() - 1.0).abs() < 1e-12);
            for pair in w.windows(2) {
                prop_assert!(pair[0] > pair[1]);
            }
            prop_assert!(w[n - 1] > 0.0);
        }
    }
}
