//! What a reader needs first, as data: the recommendation under the model's weights, whether
//! every method puts the same alternative first, the smallest change of a single weight that
//! changes the answer (stability's critical criterion), and how often each alternative comes
//! first when the weights are drawn at random (SMAA-2). Built from the results of those
//! analyses; the sentences are in [`crate::present::memo`]. (What `pmatrix check` reports of
//! a model is [`crate::summary`].)

use serde::Serialize;

use crate::compare::Comparison;
use crate::methods::Method;
use crate::rank::Ranking;
use crate::sensitivity::Stability;
use crate::smaa::Smaa;

/// The summary of a model's results.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Memo {
    pub method: Method,
    /// The recommended alternative's id; `None` when several tie for first.
    pub winner: Option<String>,
    /// The alternatives tied for first (ids, model order); empty without a tie.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tied_first: Vec<String>,
    /// The first-placed score.
    pub score: f64,
    /// The best alternative after the first place (or places), and its score.
    pub runner_up: Option<(String, f64)>,
    pub methods: Agreement,
    /// `None` when no single weight can change the winner.
    pub critical: Option<Threshold>,
    pub first_rank: FirstRank,
}

/// Which alternatives each method puts first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Agreement {
    /// Whether every method puts the same alternative (or the same tied set) first.
    pub all_agree: bool,
    pub first: Vec<MethodFirst>,
}

/// The first place under one method.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MethodFirst {
    pub method: Method,
    /// Ids, in the model's order (several when they tie).
    pub first: Vec<String>,
}

/// The smallest change of a single weight that changes the winner.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Threshold {
    /// The criterion's id.
    pub criterion: String,
    /// Its current weight.
    pub weight: f64,
    /// The weight at which the winner changes (exact for WSM, to 1e-9 otherwise).
    pub threshold: f64,
    /// Whether the weight must rise (else fall) to reach it.
    pub rises: bool,
    /// Who comes first beyond it.
    pub new_winner: String,
}

/// First-rank acceptability: the share of random weight draws that put each alternative
/// first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FirstRank {
    pub samples: u64,
    pub seed: u64,
    /// (id, share), largest share first; ties in the model's order.
    pub shares: Vec<(String, f64)>,
}

/// The summary of the results of `rank`, `rank --method all`, `stability` and `smaa` on the
/// same model and weights.
pub fn memo(ranking: &Ranking, methods: &Comparison, stability: &Stability, smaa: &Smaa) -> Memo {
    let firsts: Vec<&crate::rank::Ranked> = ranking
        .alternatives
        .iter()
        .filter(|a| a.rank == 1)
        .collect();
    let mut tied: Vec<(usize, String)> = firsts.iter().map(|a| (a.index, a.id.clone())).collect();
    tied.sort();
    let tied: Vec<String> = tied.into_iter().map(|(_, id)| id).collect();
    let winner = (tied.len() == 1).then(|| tied[0].clone());
    let runner_up = ranking
        .alternatives
        .iter()
        .find(|a| a.rank > 1)
        .map(|a| (a.id.clone(), a.score));
    let first: Vec<MethodFirst> = methods
        .columns
        .iter()
        .map(|c| MethodFirst {
            method: c.method,
            first: c.tied_first.clone(),
        })
        .collect();
    let all_agree = first.windows(2).all(|w| w[0].first == w[1].first);
    let critical = stability.critical.as_ref().map(|c| {
        let weight = stability
            .criteria
            .iter()
            .find(|s| s.id == c.criterion)
            .map_or(0.0, |s| s.weight);
        Threshold {
            criterion: c.criterion.clone(),
            weight,
            threshold: c.weight,
            rises: c.weight > weight,
            new_winner: c.new_winner.clone(),
        }
    });
    let mut shares: Vec<(usize, String, f64)> = smaa
        .alternatives
        .iter()
        .enumerate()
        .map(|(i, a)| {
            (
                i,
                a.id.clone(),
                a.rank_acceptability.first().copied().unwrap_or(0.0),
            )
        })
        .collect();
    shares.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)));
    Memo {
        method: ranking.method,
        winner,
        tied_first: if tied.len() > 1 { tied } else { Vec::new() },
        score: firsts.first().map_or(0.0, |a| a.score),
        runner_up,
        methods: Agreement { all_agree, first },
        critical,
        first_rank: FirstRank {
            samples: smaa.samples,
            seed: smaa.seed,
            shares: shares.into_iter().map(|(_, id, s)| (id, s)).collect(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::methods::Options;
    use crate::sensitivity::fixtures;
    use crate::smaa::SmaaOptions;
    use approx::assert_relative_eq;

    fn of(model: &crate::model::Model) -> Memo {
        let opts = Options::new(Method::Wsm);
        let w = &model.weights;
        let ranking = crate::rank::rank(model, w, None, &opts).unwrap();
        let methods = crate::compare::methods(model, w, None, 0.5).unwrap();
        let st = crate::sensitivity::stability(model, w, &opts).unwrap();
        let s = SmaaOptions {
            samples: 4000,
            seed: 3,
            weight_order: vec![],
            bounds: None,
            linear: Default::default(),
        };
        let sm = crate::smaa::smaa(model, &opts, &s, &|_| {}).unwrap();
        memo(&ranking, &methods, &st, &sm)
    }

    /// a0 = (10, 0), a1 = (0, 5) on 0–10 at weights (½, ½): WSM 0.5 against 0.25; a0 loses
    /// first place when c0 falls below 1/3 (see the stability tests). With uniform weights
    /// (w, 1 − w), a0 wins when w > 0.5 (1 − w), i.e. w > 1/3: two thirds of the draws.
    #[test]
    fn hand_derived_summary() {
        let model = fixtures::model(2, &[10.0, 0.0, 0.0, 5.0], &[0.5, 0.5], &[]);
        let s = of(&model);
        assert_eq!(s.winner.as_deref(), Some("a0"));
        assert!(s.tied_first.is_empty());
        assert_relative_eq!(s.score, 0.5, epsilon = 1e-15);
        let (id, score) = s.runner_up.clone().unwrap();
        assert_eq!(id, "a1");
        assert_relative_eq!(score, 0.25, epsilon = 1e-15);
        let c = s.critical.clone().unwrap();
        assert_eq!((c.criterion.as_str(), c.new_winner.as_str()), ("c0", "a1"));
        assert_relative_eq!(c.threshold, 1.0 / 3.0, epsilon = 1e-15);
        assert!(!c.rises);
        assert_eq!(s.first_rank.shares[0].0, "a0");
        assert!((s.first_rank.shares[0].1 - 2.0 / 3.0).abs() < 0.03);
        assert_relative_eq!(
            s.first_rank.shares[0].1 + s.first_rank.shares[1].1,
            1.0,
            epsilon = 1e-12
        );
    }

    #[test]
    fn a_tie_for_first_has_no_winner() {
        let model = fixtures::model(2, &[10.0, 0.0, 0.0, 10.0], &[0.5, 0.5], &[]);
        let s = of(&model);
        assert_eq!(s.winner, None);
        assert_eq!(s.tied_first, vec!["a0".to_string(), "a1".to_string()]);
        assert!(s.runner_up.is_none());
        let json = serde_json::to_value(&s).unwrap();
        assert!(json["winner"].is_null());
        assert_eq!(json["tied_first"][1], "a1");
    }

    #[test]
    fn methods_that_disagree_are_reported() {
        // a1 is best on the weighted sum, but VIKOR's regret favours the balanced a2.
        let model = fixtures::model(3, &[10.0, 0.0, 0.0, 10.0, 4.9, 4.9], &[0.5, 0.5], &[]);
        let s = of(&model);
        let wsm = &s.methods.first[0];
        assert_eq!(wsm.method, Method::Wsm);
        assert_eq!(wsm.first, vec!["a0".to_string(), "a1".to_string()]);
        assert_eq!(
            s.methods.all_agree,
            s.methods.first.iter().all(|m| m.first == wsm.first)
        );
    }
}
