//! `[participants]` written in the model, checked against its criteria and turned into the
//! same [`Participants`] a participants file gives.
//!
//! ```toml
//! [participants.amina]
//! group = "ngo"                                 # optional
//! points = { equity = 30, cost = 20, speed = 50 }   # any total
//!
//! [participants.ben]
//! rank_order = ["cost", "equity", "speed"]      # or this, most important first
//!
//! [participants.chen]
//! ahp = { "equity/cost" = 3, "equity/speed" = "1/2", "cost/speed" = "1/5" }   # or this
//! ```
//!
//! One kind of weights for every participant, as in a file; every problem is reported at its
//! line and column in the model, naming the participant.

use super::error::{ParticipantsError, Place, Problem};
use super::{Judgements, Kind, Participant, Participants};
use crate::diagnostic::closest;
use crate::model::{InlineParticipant, InlineParticipants, InlineWeights, Model};
use crate::weights::Weights;
use crate::weights::ahp::{self, JudgementError};
use crate::weights::rank_order::{RankOrderMethod, rank_order_weights};

/// The model's own participants, if it has a `[participants]` table.
pub fn from_model(model: &Model) -> Option<Result<Participants, ParticipantsError>> {
    model
        .participants
        .as_ref()
        .map(|p| Check { model, table: p }.all())
}

struct Check<'a> {
    model: &'a Model,
    table: &'a InlineParticipants,
}

fn kind_key(k: Kind) -> &'static str {
    match k {
        Kind::Points => "points",
        Kind::RankOrder => "rank_order",
        Kind::Ahp => "ahp",
    }
}

fn kind_of(w: &InlineWeights) -> Kind {
    match w {
        InlineWeights::Points { .. } => Kind::Points,
        InlineWeights::RankOrder { .. } => Kind::RankOrder,
        InlineWeights::Ahp { .. } => Kind::Ahp,
    }
}

impl Check<'_> {
    fn error(
        &self,
        span: std::ops::Range<usize>,
        who: Option<&str>,
        problem: Problem,
    ) -> ParticipantsError {
        ParticipantsError::at(Place::Text(self.table.location(span)), who, problem)
    }

    fn ids(&self) -> Vec<String> {
        self.model.criteria.iter().map(|c| c.id.clone()).collect()
    }

    fn all(&self) -> Result<Participants, ParticipantsError> {
        if self.table.list.is_empty() {
            return Err(self.error(self.table.span.clone(), None, Problem::NoParticipants));
        }
        let mut first: Option<(Kind, &str)> = None;
        let mut list = Vec::with_capacity(self.table.list.len());
        for p in &self.table.list {
            let who = Some(p.id.as_str());
            let [w] = &p.weights[..] else {
                let found = match p.weights.len() {
                    0 => "none".to_string(),
                    _ => p
                        .weights
                        .iter()
                        .map(|w| format!("`{}`", kind_key(kind_of(w))))
                        .collect::<Vec<_>>()
                        .join(" and "),
                };
                return Err(self.error(p.span.clone(), who, Problem::InlineKind { found }));
            };
            let kind = kind_of(w);
            match first {
                None => first = Some((kind, p.id.as_str())),
                Some((k, other)) if k != kind => {
                    return Err(self.error(
                        p.span.clone(),
                        who,
                        Problem::InlineMixed {
                            found: kind_key(kind),
                            first: kind_key(k),
                            other: other.to_string(),
                        },
                    ));
                }
                _ => {}
            }
            if let Some((g, span)) = &p.group
                && g.trim().is_empty()
            {
                return Err(self.error(span.clone(), who, Problem::InlineEmptyGroup));
            }
            list.push(self.one(p, w)?);
        }
        let kind = first.map_or(Kind::Points, |f| f.0);
        Ok(Participants { kind, list })
    }

    fn criterion(
        &self,
        name: &str,
        span: &std::ops::Range<usize>,
        who: Option<&str>,
        key: &'static str,
    ) -> Result<usize, ParticipantsError> {
        self.model.criterion_index(name).ok_or_else(|| {
            let ids = self.ids();
            self.error(
                span.clone(),
                who,
                Problem::InlineUnknown {
                    found: name.to_string(),
                    key,
                    suggestion: closest(name, ids.iter().map(String::as_str)).map(str::to_string),
                    criteria: ids.clone(),
                },
            )
        })
    }

    fn one(
        &self,
        p: &InlineParticipant,
        w: &InlineWeights,
    ) -> Result<Participant, ParticipantsError> {
        let who = Some(p.id.as_str());
        let m = self.model.criteria.len();
        let ids = self.ids();
        let group = p.group.as_ref().map(|g| g.0.trim().to_string());
        let (weights, total, judgements) = match w {
            InlineWeights::Points { span, values } => {
                let mut raw: Vec<Option<f64>> = vec![None; m];
                for (key, key_span, x, x_span) in values {
                    let j = self.criterion(key, key_span, who, "points")?;
                    if !x.is_finite() || *x < 0.0 {
                        return Err(self.error(
                            x_span.clone(),
                            who,
                            Problem::BadPoints {
                                column: key.clone(),
                                found: x.to_string(),
                            },
                        ));
                    }
                    raw[j] = Some(*x);
                }
                if let Some(j) = raw.iter().position(Option::is_none) {
                    return Err(self.error(
                        span.clone(),
                        who,
                        Problem::InlineMissing {
                            criterion: ids[j].clone(),
                        },
                    ));
                }
                let raw: Vec<f64> = raw.into_iter().flatten().collect();
                let w = Weights::normalized(&raw)
                    .map_err(|_| self.error(span.clone(), who, Problem::AllZero))?;
                (w, Some(raw.iter().sum()), None)
            }
            InlineWeights::RankOrder { span, order } => {
                let mut position: Vec<Option<usize>> = vec![None; m];
                for (k, (name, at)) in order.iter().enumerate() {
                    let j = self.criterion(name, at, who, "rank_order")?;
                    if position[j].is_some() {
                        return Err(self.error(
                            at.clone(),
                            who,
                            Problem::InlineRepeatedInOrder {
                                criterion: name.clone(),
                            },
                        ));
                    }
                    position[j] = Some(k);
                }
                let missing: Vec<&str> = (0..m)
                    .filter(|&j| position[j].is_none())
                    .map(|j| ids[j].as_str())
                    .collect();
                if !missing.is_empty() {
                    return Err(self.error(
                        span.clone(),
                        who,
                        Problem::InlineOrderIncomplete {
                            missing: missing.join(", "),
                        },
                    ));
                }
                let roc = rank_order_weights(m, RankOrderMethod::Roc);
                let raw: Vec<f64> = position.iter().map(|k| roc[k.unwrap_or(0)]).collect();
                let w = Weights::normalized(&raw)
                    .map_err(|_| self.error(span.clone(), who, Problem::AllZero))?;
                (w, None, None)
            }
            InlineWeights::Ahp { span, pairs } => {
                if m > ahp::MAX_CRITERIA {
                    return Err(self.error(
                        span.clone(),
                        who,
                        Problem::TooManyForAhp {
                            n: m,
                            max: ahp::MAX_CRITERIA,
                        },
                    ));
                }
                let mut given = vec![vec![false; m]; m];
                let mut list = Vec::with_capacity(pairs.len());
                for (key, key_span, v, v_span) in pairs {
                    let Some((a, b)) = ahp::parse_pair(key) else {
                        return Err(self.error(
                            key_span.clone(),
                            who,
                            Problem::InlineBadPair { found: key.clone() },
                        ));
                    };
                    let i = self.criterion(a, key_span, who, "ahp")?;
                    let j = self.criterion(b, key_span, who, "ahp")?;
                    if i == j {
                        return Err(self.error(
                            key_span.clone(),
                            who,
                            Problem::SelfPair { a: a.to_string() },
                        ));
                    }
                    if given[i][j] {
                        return Err(self.error(
                            key_span.clone(),
                            who,
                            Problem::InlinePairTwice {
                                a: a.to_string(),
                                b: b.to_string(),
                            },
                        ));
                    }
                    given[i][j] = true;
                    given[j][i] = true;
                    let x = ahp::parse_judgement(v).map_err(|e| {
                        self.error(
                            v_span.clone(),
                            who,
                            Problem::BadJudgement {
                                pair: key.clone(),
                                found: match v {
                                    toml::Value::String(s) => s.clone(),
                                    other => other.to_string(),
                                },
                                reason: reason(&e),
                            },
                        )
                    })?;
                    let (lo, hi, x) = if i < j { (i, j, x) } else { (j, i, 1.0 / x) };
                    list.push((lo, hi, x));
                }
                if let Some((i, j)) = (0..m)
                    .flat_map(|i| (i + 1..m).map(move |j| (i, j)))
                    .find(|&(i, j)| !given[i][j])
                {
                    return Err(self.error(
                        span.clone(),
                        who,
                        Problem::InlineMissingPair {
                            a: ids[i].clone(),
                            b: ids[j].clone(),
                        },
                    ));
                }
                list.sort_by_key(|&(i, j, _)| (i, j));
                let a = ahp::matrix_from_judgements(m, &list);
                let analysis = ahp::ahp(&a).map_err(|e| {
                    self.error(
                        span.clone(),
                        who,
                        Problem::BadJudgement {
                            pair: "-".into(),
                            found: String::new(),
                            reason: e.to_string(),
                        },
                    )
                })?;
                let w = Weights::normalized(&analysis.weights)
                    .map_err(|_| self.error(span.clone(), who, Problem::AllZero))?;
                let judgements = Judgements {
                    pairs: list,
                    analysis,
                };
                (w, None, Some(judgements))
            }
        };
        Ok(Participant {
            id: p.id.clone(),
            group,
            weights,
            total,
            judgements,
        })
    }
}

fn reason(e: &JudgementError) -> String {
    match e {
        JudgementError::OutOfRange { value } => {
            format!("{value} is outside Saaty's scale (1/9 to 9)")
        }
        JudgementError::DivisionByZero { .. } => "it divides by zero".into(),
        _ => "not a number or a fraction".into(),
    }
}
