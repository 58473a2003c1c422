//! Weights: the criteria's own, and named profiles (direct, rank-order, AHP, swing, or
//! objective weights computed from the data).

pub mod ahp;
pub mod objective;
pub mod rank_order;
pub mod swing;

use serde::Serialize;

/// Weights normalised to sum 1, one per criterion, each finite and ≥ 0.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(transparent)]
pub struct Weights(Vec<f64>);

/// Why a raw weight vector cannot be used.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum WeightsError {
    #[error("weight #{index} is {value}; a weight must be a finite number ≥ 0")]
    Invalid { index: usize, value: f64 },
    #[error("every weight is zero; at least one criterion needs a positive weight")]
    AllZero,
}

impl Weights {
    /// Normalises relative weights to sum 1.
    pub fn normalized(raw: &[f64]) -> Result<Weights, WeightsError> {
        if let Some((index, &value)) = raw
            .iter()
            .enumerate()
            .find(|(_, w)| !w.is_finite() || **w < 0.0)
        {
            return Err(WeightsError::Invalid { index, value });
        }
        let largest = raw.iter().copied().fold(0.0, f64::max);
        if largest == 0.0 {
            return Err(WeightsError::AllZero);
        }
        // Scaled by the largest weight before summing: the sum of weights near f64::MAX
        // overflows, and that of subnormal weights loses their digits.
        let total: f64 = raw.iter().sum();
        if total.is_finite() && total >= f64::MIN_POSITIVE {
            return Ok(Weights(raw.iter().map(|w| w / total).collect()));
        }
        let total: f64 = raw.iter().map(|w| w / largest).sum();
        Ok(Weights(raw.iter().map(|w| (w / largest) / total).collect()))
    }

    /// Equal weights for `m` criteria.
    pub fn equal(m: usize) -> Weights {
        Weights(vec![1.0 / m as f64; m])
    }

    /// The weights as a slice, in the criteria's order.
    pub fn as_slice(&self) -> &[f64] {
        &self.0
    }

    /// The number of criteria.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are no criteria (never true of a validated model).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The weights with criterion `j` set to `t` (0 ≤ t ≤ 1) and the others rescaled to keep
    /// their proportions and sum `1 − t`. When all the others are zero they share `1 − t`
    /// equally.
    pub fn with_weight(&self, j: usize, t: f64) -> Weights {
        let rest = 1.0 - self.0[j];
        let m = self.0.len();
        let v = (0..m)
            .map(|k| {
                if k == j {
                    t
                } else if rest > 0.0 {
                    self.0[k] * (1.0 - t) / rest
                } else {
                    (1.0 - t) / (m - 1) as f64
                }
            })
            .collect();
        Weights(v)
    }
}

/// Where a profile's weights came from.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Origin {
    /// Weights given directly (or as points); `total` is their sum before normalisation.
    Direct { total: f64 },
    /// A ranking of criteria (most important first) turned into weights.
    RankOrder { method: String, order: Vec<String> },
    /// Saaty's pairwise comparisons: the principal eigenvector and its consistency.
    Ahp {
        lambda_max: f64,
        consistency_index: f64,
        /// `None` for two criteria or fewer, where every judgement is consistent.
        consistency_ratio: Option<f64>,
        random_index: f64,
        /// The judgement that departs most from the weights, when there is any departure.
        most_inconsistent: Option<Judgement>,
    },
    /// Swing weights: points for each criterion's swing from worst to best (100 for the most
    /// important), in the criteria's order.
    Swing { swings: Vec<swing::Swing> },
    /// Weights computed from the score matrix (entropy or CRITIC), describing the data, not
    /// anyone's preferences.
    Objective {
        method: objective::ObjectiveMethod,
        /// CRITIC: every conflict term was zero, so the weights follow the standard deviations.
        conflict_free: bool,
        /// Whether the model has a value tree (whose group weights these ignore).
        #[serde(skip)]
        in_tree: bool,
        /// One per criterion, in the criteria's order.
        criteria: Vec<objective::Information>,
    },
    /// AHP on a value tree: judgements between siblings within each parent, each parent's
    /// principal eigenvector multiplied down the tree; the consistency of every parent with
    /// two or more children: the top first, then the groups in the file's order.
    AhpTree { consistency: Vec<ahp::GroupAhp> },
}

/// One pairwise judgement: `a` matters `judged` times more than `b`, where the weights imply
/// `implied` = w_a / w_b.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Judgement {
    pub a: String,
    pub b: String,
    pub judged: f64,
    pub implied: f64,
}

/// A named weight set.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Profile {
    pub name: String,
    pub description: Option<String>,
    pub weights: Weights,
    pub origin: Origin,
}

/// Sentences about how a profile's weights were made: the rank-order formula, or AHP's
/// consistency with the random-index table used and, above 0.1, a warning naming the
/// judgement that departs most from the weights.
pub fn profile_notes(p: &Profile) -> Vec<String> {
    match &p.origin {
        Origin::Direct { .. } => Vec::new(),
        Origin::Swing { swings } => swing::notes(p, swings),
        Origin::Objective {
            method,
            conflict_free,
            in_tree,
            criteria,
        } => objective::notes(&p.name, *method, *conflict_free, *in_tree, criteria),
        Origin::AhpTree { consistency } => ahp::tree_notes(&p.name, consistency),
        Origin::RankOrder { method, .. } => {
            vec![format!(
                "Profile {}: weights from a ranking of criteria ({method} weights).",
                p.name
            )]
        }
        Origin::Ahp {
            lambda_max,
            consistency_index,
            consistency_ratio,
            random_index,
            most_inconsistent,
        } => {
            let table: Vec<String> = ahp::RANDOM_INDEX[2..10]
                .iter()
                .map(|r| format!("{r:.2}"))
                .collect();
            let n = p.weights.len();
            let mut out = vec![match consistency_ratio {
                Some(cr) => format!(
                    "Profile {}: AHP weights (principal eigenvector); lambda_max = {lambda_max:.4}, CI = {consistency_index:.4}, CR = {cr:.3} (random index {random_index:.2} for n = {n}, Saaty's table {} for n = 3..10).",
                    p.name,
                    table.join(", ")
                ),
                None => format!(
                    "Profile {}: AHP weights; with {n} criteria the judgements are always consistent.",
                    p.name
                ),
            }];
            if let (Some(cr), Some(j)) = (consistency_ratio, most_inconsistent)
                && *cr > ahp::ACCEPTABLE_CR
            {
                out.push(format!(
                    "Warning: the AHP judgements of profile {} are inconsistent (CR {cr:.3} > {:.2}); the most inconsistent is {}/{} = {}, while the weights imply {:.3}. Revisit that judgement.",
                    p.name,
                    ahp::ACCEPTABLE_CR,
                    j.a,
                    j.b,
                    trim(j.judged),
                    j.implied
                ));
            }
            out
        }
    }
}

/// A judgement as written: `3`, `1/5`.
pub(crate) fn trim(x: f64) -> String {
    if x >= 1.0 {
        format!("{}", (x * 1000.0).round() / 1000.0)
    } else {
        format!("1/{}", (1.0 / x * 1000.0).round() / 1000.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_and_refuses_bad_weights() {
        assert_eq!(
            Weights::normalized(&[1.0, 3.0]).unwrap().as_slice(),
            &[0.25, 0.75]
        );
        assert_eq!(Weights::normalized(&[0.0, 0.0]), Err(WeightsError::AllZero));
        assert!(matches!(
            Weights::normalized(&[1.0, f64::NAN]),
            Err(WeightsError::Invalid { index: 1, .. })
        ));
        assert!(Weights::normalized(&[1.0, -1.0]).is_err());
    }

    /// Two weights of 1.7e308 sum to infinity; scaled first they are ½ each. Subnormal
    /// weights keep their proportions.
    #[test]
    fn extreme_weights_normalise_without_overflow() {
        assert_eq!(
            Weights::normalized(&[1.7e308, 1.7e308]).unwrap().as_slice(),
            &[0.5, 0.5]
        );
        let w = Weights::normalized(&[1e-310, 3e-310]).unwrap();
        assert!((w.as_slice()[0] - 0.25).abs() < 1e-9, "{w:?}");
        assert!((w.as_slice()[1] - 0.75).abs() < 1e-9, "{w:?}");
    }

    #[test]
    fn with_weight_keeps_the_others_proportions() {
        let w = Weights::normalized(&[2.0, 1.0, 1.0]).unwrap();
        let v = w.with_weight(0, 0.0);
        assert_eq!(v.as_slice(), &[0.0, 0.5, 0.5]);
        let v = w.with_weight(1, 0.5);
        assert!((v.as_slice()[0] - 1.0 / 3.0).abs() < 1e-15);
        assert!((v.as_slice()[2] - 1.0 / 6.0).abs() < 1e-15);
        let all_on_one = Weights::normalized(&[1.0, 0.0, 0.0]).unwrap();
        assert_eq!(
            all_on_one.with_weight(0, 0.5).as_slice(),
            &[0.5, 0.25, 0.25]
        );
    }
}
