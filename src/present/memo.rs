//! The few sentences at the top of `pmatrix report`, from the data of [`crate::memo`]: what
//! comes first (a tie said as a tie), whether the methods agree, how far one weight can move
//! before the answer changes, and how often each alternative comes first at random weights.

use super::doc::{fixed, percent};
use super::lines;
use crate::chart::text::thousands;
use crate::memo::Memo;
use crate::methods::Method;
use crate::model::Model;

/// A method's name for a reader, as it reads inside a sentence.
pub fn method_name(m: Method) -> &'static str {
    match m {
        Method::Wsm => "the weighted sum",
        Method::Wpm => "the weighted product",
        Method::Topsis => "TOPSIS",
        Method::Vikor => "VIKOR",
        Method::Promethee => "PROMETHEE II",
    }
}

/// The method's name at the start of a sentence or a column ("Weighted sum").
pub fn method_title(m: Method) -> String {
    let n = method_name(m).trim_start_matches("the ");
    let mut c = n.chars();
    c.next()
        .map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
}

/// The summary at the top, in three to five sentences.
pub fn sentences(s: &Memo, model: &Model) -> Vec<String> {
    let name = |id: &str| model.alternative_name(id).to_string();
    let names = |ids: &[String]| ids.iter().map(|i| name(i)).collect::<Vec<_>>();
    let mut out = Vec::new();
    let how = format!("{} score", method_name(s.method));
    match &s.winner {
        Some(w) => out.push(match &s.runner_up {
            Some((r, score)) => format!(
                "Under the model's weights, {} comes first ({how} {}, against {} for {}).",
                name(w),
                fixed(s.score, 4),
                fixed(*score, 4),
                name(r)
            ),
            None => format!("Under the model's weights, {} comes first.", name(w)),
        }),
        None if s.tied_first.len() == model.alternatives.len() => out.push(format!(
            "Under the model's weights, {} alternatives tie for first place ({how} {} each): the model does not separate them.",
            match s.tied_first.len() {
                2 => "both".to_string(),
                n => format!("all {}", lines::count(n)),
            },
            fixed(s.score, 4)
        )),
        None => out.push(format!(
            "Under the model's weights, {} tie for first place ({how} {} each): the model does not separate them.",
            lines::and(&names(&s.tied_first)),
            fixed(s.score, 4)
        )),
    }
    let first_of = |f: &[String]| {
        let n = lines::and(&names(f));
        if f.len() > 1 {
            format!("{n} (tied)")
        } else {
            n
        }
    };
    // After the first sentence, the recommended alternative is "it" (or "them" for a tie).
    let it = |f: &[String]| {
        if s.winner
            .as_ref()
            .is_some_and(|w| f == std::slice::from_ref(w))
        {
            "it".to_string()
        } else if f == s.tied_first.as_slice() {
            "them level".to_string()
        } else {
            first_of(f)
        }
    };
    if s.methods.all_agree {
        let f = s
            .methods
            .first
            .first()
            .map(|m| m.first.clone())
            .unwrap_or_default();
        out.push(format!(
            "Each of the {} methods ({}) puts {} first.",
            s.methods.first.len(),
            lines::and(
                &s.methods
                    .first
                    .iter()
                    .map(|m| method_name(m.method).trim_start_matches("the "))
                    .collect::<Vec<_>>()
            ),
            it(&f)
        ));
    } else {
        let parts: Vec<String> = s
            .methods
            .first
            .iter()
            .map(|m| {
                format!(
                    "{} puts {} first",
                    method_name(m.method),
                    first_of(&m.first)
                )
            })
            .collect();
        out.push(format!("The methods disagree: {}.", parts.join("; ")));
    }
    let lead = if s.winner.is_some() {
        "It stays first"
    } else {
        "The tie stays"
    };
    match &s.critical {
        Some(c) => {
            let cname = model
                .criteria
                .iter()
                .find(|k| k.id == c.criterion)
                .map_or(c.criterion.as_str(), |k| k.name.as_str());
            let new = if c.new_winner.is_empty() {
                String::new()
            } else {
                format!(", when {} takes the lead", name(&c.new_winner))
            };
            out.push(format!(
                "{lead} unless the weight of {cname} {} {} (now {}){new}; no smaller change of a single weight, the others keeping their proportions, changes the answer.",
                if c.rises { "rises above" } else { "falls below" },
                percent(c.threshold),
                percent(c.weight),
            ));
        }
        None => out.push(format!(
            "{lead} whatever the weight of any single criterion, the others keeping their proportions."
        )),
    }
    // The recommended alternative's share first, then the others' (largest first), up to 3.
    let mut shares: Vec<&(String, f64)> = s.first_rank.shares.iter().collect();
    if let Some(w) = &s.winner
        && let Some(k) = shares.iter().position(|(id, _)| id == w)
    {
        let own = shares.remove(k);
        shares.insert(0, own);
    }
    let shown: Vec<String> = shares
        .iter()
        .enumerate()
        .filter(|(k, (_, b))| *k == 0 || *b > 0.0)
        .take(3)
        .map(|(k, (id, b))| {
            let who = if k == 0 && s.winner.as_deref() == Some(id.as_str()) {
                "it".to_string()
            } else {
                name(id)
            };
            format!("{who} in {:.1}%", b * 100.0)
        })
        .collect();
    let rest = s.first_rank.shares.iter().filter(|(_, b)| *b > 0.0).count();
    out.push(format!(
        "With every weight drawn at random ({} draws), the first place goes to {}{}.",
        thousands(s.first_rank.samples),
        lines::and(&shown),
        if rest > shown.len() {
            " and the rest to others"
        } else {
            ""
        }
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::memo::{Agreement, FirstRank, MethodFirst, Threshold};

    fn memo(winner: Option<&str>, tied: &[&str]) -> Memo {
        let ids = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let first = winner.map_or_else(|| ids(tied), |w| vec![w.to_string()]);
        Memo {
            method: Method::Wsm,
            winner: winner.map(str::to_string),
            tied_first: ids(tied),
            score: 0.5,
            runner_up: winner.map(|_| ("a1".to_string(), 0.25)),
            methods: Agreement {
                all_agree: true,
                first: vec![
                    MethodFirst {
                        method: Method::Wsm,
                        first: first.clone(),
                    },
                    MethodFirst {
                        method: Method::Topsis,
                        first,
                    },
                ],
            },
            critical: Some(Threshold {
                criterion: "c0".into(),
                weight: 0.5,
                threshold: 1.0 / 3.0,
                rises: false,
                new_winner: "a1".into(),
            }),
            first_rank: FirstRank {
                samples: 4000,
                seed: 0,
                shares: vec![("a0".into(), 0.6667), ("a1".into(), 0.3333)],
            },
        }
    }

    #[test]
    fn a_winner_is_named_once_then_it() {
        let model =
            crate::sensitivity::fixtures::model(2, &[10.0, 0.0, 0.0, 5.0], &[0.5, 0.5], &[]);
        let s = sentences(&memo(Some("a0"), &[]), &model);
        assert_eq!(s.len(), 4);
        assert_eq!(
            s[0],
            "Under the model's weights, Alternative 0 comes first (the weighted sum score 0.5000, against 0.2500 for Alternative 1)."
        );
        assert_eq!(
            s[1],
            "Each of the 2 methods (weighted sum and TOPSIS) puts it first."
        );
        assert!(
            s[2].starts_with(
                "It stays first unless the weight of Criterion 0 falls below 33.3% (now 50%), when Alternative 1 takes the lead;"
            ),
            "{}",
            s[2]
        );
        assert_eq!(
            s[3],
            "With every weight drawn at random (4,000 draws), the first place goes to it in 66.7% and Alternative 1 in 33.3%."
        );
    }

    #[test]
    fn a_tie_of_every_alternative_is_said_as_such() {
        let model =
            crate::sensitivity::fixtures::model(2, &[10.0, 0.0, 0.0, 10.0], &[0.5, 0.5], &[]);
        let s = sentences(&memo(None, &["a0", "a1"]), &model);
        assert_eq!(
            s[0],
            "Under the model's weights, both alternatives tie for first place (the weighted sum score 0.5000 each): the model does not separate them."
        );
        assert!(s[1].ends_with("puts them level first."), "{}", s[1]);
        assert!(s[2].starts_with("The tie stays unless"), "{}", s[2]);
    }
}
