//! Objective weights: weights computed from the score matrix alone, with no one's judgement.
//! They describe how the alternatives differ on each criterion, not what matters to anyone, and
//! are here to be contrasted with stated preferences.
//!
//! **Entropy** (Shannon's entropy weighting, Zeleny 1982; Hwang & Yoon 1981, *Multiple
//! Attribute Decision Making*, §4.1): for m alternatives and criterion j,
//!
//! - pᵢⱼ = xᵢⱼ / Σᵢ xᵢⱼ, on the scores as they are (≥ 0 in every valid model; no shift,
//!   which would change the entropy), whatever the criterion's direction: entropy measures how
//!   unevenly the values are spread, which does not depend on which end is better;
//! - Eⱼ = −(1 / ln m) Σᵢ pᵢⱼ ln pᵢⱼ, with 0 · ln 0 = 0, so 0 ≤ Eⱼ ≤ 1;
//! - the divergence dⱼ = 1 − Eⱼ, and wⱼ = dⱼ / Σₖ dₖ.
//!
//! **CRITIC** (Diakoulaki, Mavrotas & Papayannakis 1995, *Computers & Operations Research*
//! 22(7), 763–770):
//!
//! - rᵢⱼ = (xᵢⱼ − worstⱼ) / (bestⱼ − worstⱼ), min-max with the criterion's direction;
//! - σⱼ, the sample standard deviation (divisor m − 1) of column j of r;
//! - ρⱼₖ, the linear (Pearson) correlation of columns j and k of r;
//! - the information Cⱼ = σⱼ Σₖ (1 − ρⱼₖ), and wⱼ = Cⱼ / Σₖ Cₖ.
//!
//! The population standard deviation (divisor m) multiplies every σⱼ by the same factor
//! √((m − 1)/m), so the weights are the same under either convention; only Cⱼ differ.
//!
//! Degenerate cases, decided: a criterion on which every alternative scores the same (a
//! column of zeros included) carries no information and weighs 0; it is left out of the
//! others' correlations, so adding such a criterion changes no other weight. When no
//! criterion varies there is nothing to weigh and [`ObjectiveError::NoInformation`] is
//! returned. Under CRITIC, when the conflict terms all vanish (one criterion varies, or every
//! varying criterion is perfectly correlated with the others) the weights are in proportion to
//! σⱼ alone, and [`Objective::conflict_free`] says so.

use nalgebra::DMatrix;
use serde::Serialize;

use crate::vocabulary::Direction;

/// Which objective weighting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ObjectiveMethod {
    Entropy,
    Critic,
}

impl ObjectiveMethod {
    /// Every method, in the order the README lists them.
    pub const ALL: [ObjectiveMethod; 2] = [ObjectiveMethod::Entropy, ObjectiveMethod::Critic];

    /// The name used in a model file (`objective = "entropy"`).
    pub fn name(self) -> &'static str {
        match self {
            ObjectiveMethod::Entropy => "entropy",
            ObjectiveMethod::Critic => "critic",
        }
    }

    /// The method with this name.
    pub fn from_name(name: &str) -> Option<ObjectiveMethod> {
        ObjectiveMethod::ALL.into_iter().find(|m| m.name() == name)
    }
}

/// What the weighting found for one criterion.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CriterionInformation {
    /// Whether the alternatives' scores differ on it (a constant column carries none).
    pub varies: bool,
    /// Entropy: Eⱼ (1 for a constant column).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entropy: Option<f64>,
    /// Entropy: the divergence 1 − Eⱼ.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub divergence: Option<f64>,
    /// CRITIC: the sample standard deviation of the normalised column.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub std_dev: Option<f64>,
    /// CRITIC: Σₖ (1 − ρⱼₖ) over the criteria that vary (0 for a constant column).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conflict: Option<f64>,
    /// CRITIC: the information Cⱼ = σⱼ · conflict.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub information: Option<f64>,
}

/// Objective weights and how they were found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Objective {
    pub method: ObjectiveMethod,
    /// One per criterion, summing to 1.
    pub weights: Vec<f64>,
    /// One per criterion, in the matrix's order.
    pub criteria: Vec<CriterionInformation>,
    /// CRITIC only: every conflict term was zero, so the weights follow σⱼ alone.
    pub conflict_free: bool,
}

/// One criterion's line of a profile's objective weighting, as JSON shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Information {
    pub criterion: String,
    /// The criterion's name, for sentences.
    #[serde(skip)]
    pub name: String,
    #[serde(flatten)]
    pub info: CriterionInformation,
}

/// An objective profile's weighting, as the JSON of `rank --profile all` shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub method: ObjectiveMethod,
    pub conflict_free: bool,
    pub criteria: Vec<Information>,
}

/// The summary of an objective profile; `None` for other kinds.
pub fn summary(origin: &super::Origin) -> Option<Summary> {
    match origin {
        super::Origin::Objective {
            method,
            conflict_free,
            criteria,
            ..
        } => Some(Summary {
            method: *method,
            conflict_free: *conflict_free,
            criteria: criteria.clone(),
        }),
        _ => None,
    }
}

/// Why objective weights cannot be computed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ObjectiveError {
    /// No criterion varies (or there is a single alternative).
    #[error(
        "no criterion varies across the alternatives, so the data carry no information to weigh"
    )]
    NoInformation,
    /// A score that is not finite, or negative under entropy.
    #[error(
        "score ({row}, {col}) is {value}; objective weights need finite scores, ≥ 0 for entropy"
    )]
    BadScore { row: usize, col: usize, value: f64 },
}

/// Whether a column is constant: its range is within 1e-12 of its magnitude.
fn constant(col: &[f64]) -> bool {
    let (lo, hi) = bounds(col);
    hi - lo <= 1e-12 * lo.abs().max(hi.abs())
}

fn bounds(col: &[f64]) -> (f64, f64) {
    col.iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &x| {
            (lo.min(x), hi.max(x))
        })
}

/// The columns of `x` as slices (nalgebra stores a matrix column by column), once every
/// score is checked.
fn columns(x: &DMatrix<f64>, entropy: bool) -> Result<Vec<&[f64]>, ObjectiveError> {
    let m = x.nrows();
    let all = x.as_slice();
    if let Some(k) = all
        .iter()
        .position(|v| !v.is_finite() || (entropy && *v < 0.0))
    {
        return Err(ObjectiveError::BadScore {
            row: k % m,
            col: k / m,
            value: all[k],
        });
    }
    Ok((0..x.ncols()).map(|j| &all[j * m..(j + 1) * m]).collect())
}

/// Entropy weights of a score matrix (alternatives in rows). See the module documentation.
pub fn entropy(x: &DMatrix<f64>) -> Result<Objective, ObjectiveError> {
    let cols = columns(x, true)?;
    let m = x.nrows();
    if m < 2 {
        return Err(ObjectiveError::NoInformation);
    }
    let k = 1.0 / (m as f64).ln();
    let criteria: Vec<CriterionInformation> = cols
        .iter()
        .map(|col| {
            let varies = !constant(col);
            let e = if varies {
                // Scaled by the largest value first, so that the sum cannot overflow.
                let (_, hi) = bounds(col);
                let total: f64 = col.iter().map(|v| v / hi).sum();
                let h: f64 = col
                    .iter()
                    .map(|v| v / hi / total)
                    .filter(|&p| p > 0.0)
                    .map(|p| -p * p.ln())
                    .sum();
                // A column whose whole share is on one alternative sums -1 · ln 1 = -0: 0.
                (k * h).clamp(0.0, 1.0) + 0.0
            } else {
                1.0
            };
            CriterionInformation {
                varies,
                entropy: Some(e),
                divergence: Some(1.0 - e),
                std_dev: None,
                conflict: None,
                information: None,
            }
        })
        .collect();
    let d: Vec<f64> = criteria
        .iter()
        .map(|c| c.divergence.unwrap_or(0.0))
        .collect();
    let weights = share(&d).ok_or(ObjectiveError::NoInformation)?;
    Ok(Objective {
        method: ObjectiveMethod::Entropy,
        weights,
        criteria,
        conflict_free: false,
    })
}

/// CRITIC weights of a score matrix (alternatives in rows), with each criterion's direction.
/// See the module documentation.
pub fn critic(x: &DMatrix<f64>, directions: &[Direction]) -> Result<Objective, ObjectiveError> {
    assert_eq!(directions.len(), x.ncols(), "one direction per criterion");
    let cols = columns(x, false)?;
    let m = x.nrows();
    let varies: Vec<bool> = cols.iter().map(|c| m >= 2 && !constant(c)).collect();
    if !varies.iter().any(|&v| v) {
        return Err(ObjectiveError::NoInformation);
    }
    // Min-max with direction, then centred: r − mean(r).
    let centred: Vec<Vec<f64>> = cols
        .iter()
        .zip(directions)
        .zip(&varies)
        .map(|((col, dir), &v)| {
            if !v {
                return vec![0.0; m];
            }
            let (lo, hi) = bounds(col);
            let r: Vec<f64> = col
                .iter()
                .map(|&x| match dir {
                    Direction::Benefit => (x - lo) / (hi - lo),
                    Direction::Cost => (hi - x) / (hi - lo),
                })
                .collect();
            let mean = r.iter().sum::<f64>() / m as f64;
            r.iter().map(|v| v - mean).collect()
        })
        .collect();
    let sum_sq: Vec<f64> = centred
        .iter()
        .map(|c| c.iter().map(|v| v * v).sum())
        .collect();
    let n = cols.len();
    let mut criteria = Vec::with_capacity(n);
    for j in 0..n {
        let (std_dev, conflict) = if varies[j] {
            let conflict: f64 = (0..n)
                .filter(|&k| varies[k] && k != j)
                .map(|k| {
                    let cov: f64 = centred[j].iter().zip(&centred[k]).map(|(a, b)| a * b).sum();
                    let rho = (cov / (sum_sq[j] * sum_sq[k]).sqrt()).clamp(-1.0, 1.0);
                    1.0 - rho
                })
                .sum();
            ((sum_sq[j] / (m - 1) as f64).sqrt(), conflict)
        } else {
            (0.0, 0.0)
        };
        criteria.push(CriterionInformation {
            varies: varies[j],
            entropy: None,
            divergence: None,
            std_dev: Some(std_dev),
            conflict: Some(conflict),
            information: Some(std_dev * conflict),
        });
    }
    let c: Vec<f64> = criteria
        .iter()
        .map(|c| c.information.unwrap_or(0.0))
        .collect();
    let (weights, conflict_free) = match share(&c) {
        Some(w) => (w, false),
        None => {
            let s: Vec<f64> = criteria.iter().map(|c| c.std_dev.unwrap_or(0.0)).collect();
            (share(&s).ok_or(ObjectiveError::NoInformation)?, true)
        }
    };
    Ok(Objective {
        method: ObjectiveMethod::Critic,
        weights,
        criteria,
        conflict_free,
    })
}

/// The sentences printed under an objective profile: how the weights were computed, what was
/// assumed of the scores, and that they describe the data, not anyone's preferences.
pub fn notes(
    profile: &str,
    method: ObjectiveMethod,
    conflict_free: bool,
    in_tree: bool,
    criteria: &[Information],
) -> Vec<String> {
    let how = match method {
        ObjectiveMethod::Entropy => {
            "entropy weights (Shannon entropy of each criterion's shares x / sum of x over the alternatives, on the scores as given, whatever the direction; weight = 1 - entropy, normalised)"
        }
        ObjectiveMethod::Critic => {
            "CRITIC weights (Diakoulaki et al. 1995: each criterion min-max normalised in its direction; its sample standard deviation times the sum of (1 - correlation) with the other criteria, normalised)"
        }
    };
    let mut out = vec![format!(
        "Profile {profile}: {how}, computed from the model's scores (levels at their scale values, uncertain scores at their midpoints). They describe how the alternatives differ on each criterion, not anyone's preferences."
    )];
    let flat: Vec<&str> = criteria
        .iter()
        .filter(|c| !c.info.varies)
        .map(|c| c.name.as_str())
        .collect();
    if !flat.is_empty() {
        out.push(format!(
            "Profile {profile}: {} the same for every alternative, so {} no information and {} 0.",
            if flat.len() == 1 {
                format!("{} scores", flat[0])
            } else {
                format!("{} score", flat.join(", "))
            },
            if flat.len() == 1 { "carries" } else { "carry" },
            if flat.len() == 1 { "weighs" } else { "weigh" },
        ));
    }
    if conflict_free {
        out.push(format!(
            "Profile {profile}: no two varying criteria conflict (one varies, or all are perfectly correlated), so CRITIC's conflict term is zero and the weights follow the standard deviations alone."
        ));
    }
    if in_tree {
        out.push(format!(
            "Profile {profile}: objective weights apply to the criteria directly; the value tree's group weights play no part."
        ));
    }
    out
}

/// `v / Σ v`, or `None` when the sum is not positive.
fn share(v: &[f64]) -> Option<Vec<f64>> {
    let total: f64 = v.iter().sum();
    (total > 0.0 && total.is_finite()).then(|| v.iter().map(|x| x / total).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_abs_diff_eq;
    use proptest::prelude::*;

    use Direction::{Benefit, Cost};

    fn rows(r: &[&[f64]]) -> DMatrix<f64> {
        DMatrix::from_fn(r.len(), r[0].len(), |i, j| r[i][j])
    }

    fn close(got: &[f64], want: &[f64], eps: f64) {
        assert_eq!(got.len(), want.len());
        for (g, w) in got.iter().zip(want) {
            assert_abs_diff_eq!(g, w, epsilon = eps);
        }
    }

    /// Xu, X. (2004), "A note on the subjective and objective integrated approach to determine
    /// attribute weights", *European Journal of Operational Research* 156(2), 530–532: the
    /// entropy weights printed to four decimals, 0.4630, 0.3992, 0.1378, 0.0000 (the fourth
    /// column is almost constant), as the `pyrepo-mcda` tests reproduce them.
    #[test]
    fn entropy_reproduces_xu_2004() {
        let x = rows(&[
            &[30.0, 30.0, 38.0, 29.0],
            &[19.0, 54.0, 86.0, 29.0],
            &[19.0, 15.0, 85.0, 28.9],
            &[68.0, 70.0, 60.0, 29.0],
        ]);
        let r = entropy(&x).unwrap();
        close(&r.weights, &[0.4630, 0.3992, 0.1378, 0.0000], 5e-5);
        assert!(r.weights[3] > 0.0, "the fourth column varies a little");
    }

    /// Zavadskas, E. K. & Podvezko, V. (2016), "Integrated determination of objective criteria
    /// weights in MCDM", *International Journal of Information Technology & Decision Making*
    /// 15(2), 267–283: criteria 1 and 3 are costs, and the printed entropy weights 0.1146,
    /// 0.1981, 0.4185, 0.2689 are those of the raw scores, direction playing no part.
    #[test]
    fn entropy_reproduces_zavadskas_podvezko_2016_with_costs_on_raw_scores() {
        let x = rows(&[
            &[3.0, 100.0, 10.0, 7.0],
            &[2.5, 80.0, 8.0, 5.0],
            &[1.8, 50.0, 20.0, 11.0],
            &[2.2, 70.0, 12.0, 9.0],
        ]);
        let r = entropy(&x).unwrap();
        close(&r.weights, &[0.1146, 0.1981, 0.4185, 0.2689], 5e-5);
    }

    /// The entropy example of the Julia package JMcDM (`test/testmcdm.jl`, testset "Entropy"),
    /// weights printed to eleven decimals: the same convention (pᵢⱼ = xᵢⱼ / Σ xᵢⱼ on raw
    /// scores), so checked to 1e-9.
    #[test]
    fn entropy_reproduces_jmcdm_to_1e_9() {
        let cols: [[f64; 6]; 8] = [
            [2.0, 4.0, 3.0, 5.0, 4.0, 3.0],
            [1.0, 1.0, 2.0, 1.0, 2.0, 2.0],
            [4.0, 5.0, 6.0, 5.0, 5.0, 6.0],
            [7.0, 6.0, 6.0, 7.0, 6.0, 6.0],
            [6.0, 7.0, 5.0, 6.0, 7.0, 6.0],
            [6.0, 7.0, 6.0, 7.0, 7.0, 6.0],
            [7.0, 6.0, 8.0, 7.0, 6.0, 6.0],
            [3000.0, 3500.0, 4000.0, 3000.0, 3000.0, 3500.0],
        ];
        let x = DMatrix::from_fn(6, 8, |i, j| cols[j][i]);
        let r = entropy(&x).unwrap();
        close(
            &r.weights,
            &[
                0.29967360960,
                0.44136733892,
                0.07009088720,
                0.02123823711,
                0.04902292895,
                0.02308037885,
                0.04776330969,
                0.04776330969,
            ],
            1e-9,
        );
    }

    /// By hand: column (1, 0) has p = (1, 0), E = 0, d = 1; column (1, 1) is constant, E = 1,
    /// d = 0; column (1, 3) has p = (1/4, 3/4), E = −(¼ ln ¼ + ¾ ln ¾)/ln 2 = 0.811278124459…;
    /// so d = (1, 0, 0.188721875540…) and w = d / 1.188721875540….
    #[test]
    fn entropy_by_hand_with_a_zero_and_a_constant_column() {
        let x = rows(&[&[1.0, 1.0, 1.0], &[0.0, 1.0, 3.0]]);
        let r = entropy(&x).unwrap();
        let e3 = -(0.25f64 * 0.25f64.ln() + 0.75 * 0.75f64.ln()) / 2f64.ln();
        assert_abs_diff_eq!(r.criteria[2].entropy.unwrap(), e3, epsilon = 1e-15);
        assert_abs_diff_eq!(e3, 0.811_278_124_459_132_8, epsilon = 1e-15);
        let total = 1.0 + (1.0 - e3);
        close(&r.weights, &[1.0 / total, 0.0, (1.0 - e3) / total], 1e-15);
        assert!(!r.criteria[1].varies);
        // E = 0 exactly, with no sign: the JSON says 0.0, the table 0.0000.
        assert!(r.criteria[0].entropy.unwrap().is_sign_positive());
        // A column of zeros carries no information either.
        let z = rows(&[&[0.0, 1.0], &[0.0, 2.0]]);
        close(&entropy(&z).unwrap().weights, &[0.0, 1.0], 0.0);
    }

    #[test]
    fn nothing_to_weigh_is_refused() {
        let x = rows(&[&[1.0, 2.0], &[1.0, 2.0], &[1.0, 2.0]]);
        assert_eq!(entropy(&x), Err(ObjectiveError::NoInformation));
        assert_eq!(
            critic(&x, &[Benefit, Cost]),
            Err(ObjectiveError::NoInformation)
        );
        let one = rows(&[&[1.0, 5.0]]);
        assert_eq!(entropy(&one), Err(ObjectiveError::NoInformation));
        assert_eq!(
            critic(&one, &[Benefit, Benefit]),
            Err(ObjectiveError::NoInformation)
        );
        let neg = rows(&[&[1.0], &[-1.0]]);
        assert!(matches!(
            entropy(&neg),
            Err(ObjectiveError::BadScore { row: 1, col: 0, .. })
        ));
    }

    /// The CRITIC example of JMcDM (`test/testmcdm.jl`, testset "CRITIC"), three alternatives,
    /// the third criterion a cost: the information Cⱼ it prints to sixteen digits are those of
    /// the sample standard deviation and min-max with direction (Diakoulaki et al.'s
    /// definition), so they and the weights are checked to 1e-9; the weights it prints to
    /// nine decimals agree to 2e-6 only (they do not quite equal its own Cⱼ / Σ C).
    #[test]
    fn critic_reproduces_jmcdm_with_a_cost_criterion() {
        let x = rows(&[
            &[12.9918, 0.7264, -1.1009, 1.598139592],
            &[4.1201, 5.8824, 3.4483, 1.021563567],
            &[4.1039, 0.0000, -0.5076, 0.984469444],
        ]);
        let r = critic(&x, &[Benefit, Benefit, Cost, Benefit]).unwrap();
        let c: Vec<f64> = r.criteria.iter().map(|c| c.information.unwrap()).collect();
        close(
            &c,
            &[
                1.0380664664796384,
                2.572718248762683,
                1.5316754449023655,
                1.005800182228836,
            ],
            1e-9,
        );
        let total: f64 = c.iter().sum();
        let want: Vec<f64> = c.iter().map(|v| v / total).collect();
        close(&r.weights, &want, 1e-12);
        close(
            &r.weights,
            &[0.16883925, 0.418444976, 0.249124763, 0.163591012],
            2e-6,
        );
        assert!(!r.conflict_free);
    }

    /// Tuş, A. & Aytaç Adalı, E. (2019), "The new combination with CRITIC and WASPAS methods
    /// for the time and attendance software selection problem", *Opsearch* 56(2), 528–538, as
    /// the `pyrepo-mcda` tests reproduce it: weights 0.157, 0.249, 0.168, 0.121, 0.154, 0.151.
    /// Those come from min-max with every criterion as a benefit (price included); with the
    /// price as a cost, as pmatrix reads a cost criterion, the first weight is 0.184 instead.
    #[test]
    fn critic_reproduces_tus_aytac_adali_2019_read_as_benefits() {
        let x = rows(&[
            &[5000.0, 3.0, 3.0, 4.0, 3.0, 2.0],
            &[680.0, 5.0, 3.0, 2.0, 2.0, 1.0],
            &[2000.0, 3.0, 2.0, 3.0, 4.0, 3.0],
            &[600.0, 4.0, 3.0, 1.0, 2.0, 2.0],
            &[800.0, 2.0, 4.0, 3.0, 3.0, 4.0],
        ]);
        let r = critic(&x, &[Benefit; 6]).unwrap();
        close(
            &r.weights,
            &[0.157, 0.249, 0.168, 0.121, 0.154, 0.151],
            5e-4,
        );
        let mut dirs = [Benefit; 6];
        dirs[0] = Cost;
        let r = critic(&x, &dirs).unwrap();
        assert_abs_diff_eq!(r.weights[0], 0.184, epsilon = 5e-4);
    }

    /// By hand, three alternatives: a = (0, 1, 2) and b = (2, 1, 0) normalise (benefit) to
    /// (0, ½, 1) and (1, ½, 0): σ = ½ each (sample: Σ(r − r̄)² = ½, over m − 1 = 2), ρ = −1, so
    /// C = ½ · 2 = 1 each. With b a cost it normalises to (0, ½, 1): ρ = 1, no conflict, and
    /// the weights follow σ alone (½ each). A constant third column weighs 0 and leaves the
    /// others as they were.
    #[test]
    fn critic_by_hand() {
        let x = rows(&[&[0.0, 2.0, 7.0], &[1.0, 1.0, 7.0], &[2.0, 0.0, 7.0]]);
        let r = critic(&x, &[Benefit, Benefit, Benefit]).unwrap();
        close(&r.weights, &[0.5, 0.5, 0.0], 1e-15);
        assert_abs_diff_eq!(r.criteria[0].std_dev.unwrap(), 0.5, epsilon = 1e-15);
        assert_abs_diff_eq!(r.criteria[0].conflict.unwrap(), 2.0, epsilon = 1e-15);
        assert_abs_diff_eq!(r.criteria[0].information.unwrap(), 1.0, epsilon = 1e-15);
        assert_eq!(r.criteria[2].information, Some(0.0));
        assert!(!r.conflict_free);
        let r = critic(&x, &[Benefit, Cost, Benefit]).unwrap();
        assert!(r.conflict_free);
        close(&r.weights, &[0.5, 0.5, 0.0], 1e-15);
        // (0, 1, 2) and (0, 0, 3): r = (0, ½, 1), (0, 0, 1); σ = ½ and 1/√3; ρ = √3/2.
        let y = rows(&[&[0.0, 0.0], &[1.0, 0.0], &[2.0, 3.0]]);
        let r = critic(&y, &[Benefit, Benefit]).unwrap();
        let rho = 3f64.sqrt() / 2.0;
        let (c1, c2) = (0.5 * (1.0 - rho), (1.0 / 3f64.sqrt()) * (1.0 - rho));
        close(&r.weights, &[c1 / (c1 + c2), c2 / (c1 + c2)], 1e-12);
    }

    proptest! {
        /// Scaling a column by a positive factor changes neither method's weights; adding a
        /// constant column gives it weight 0 and leaves the others as they were.
        #[test]
        fn scale_invariance_and_constant_columns(
            vals in prop::collection::vec(0.0f64..100.0, 12),
            factor in 0.01f64..100.0,
        ) {
            let x = DMatrix::from_fn(4, 3, |i, j| vals[i * 3 + j]);
            let mut y = x.clone();
            y.column_mut(1).scale_mut(factor);
            let dirs = [Benefit, Cost, Benefit];
            if let (Ok(a), Ok(b)) = (entropy(&x), entropy(&y)) {
                for (p, q) in a.weights.iter().zip(&b.weights) {
                    prop_assert!((p - q).abs() < 1e-9);
                }
            }
            if let (Ok(a), Ok(b)) = (critic(&x, &dirs), critic(&y, &dirs)) {
                for (p, q) in a.weights.iter().zip(&b.weights) {
                    prop_assert!((p - q).abs() < 1e-9);
                }
            }
            let z = x.clone().insert_column(3, 5.0);
            if let (Ok(a), Ok(b)) = (critic(&x, &dirs), critic(&z, &[Benefit, Cost, Benefit, Cost])) {
                prop_assert_eq!(b.weights[3], 0.0);
                for (p, q) in a.weights.iter().zip(&b.weights) {
                    prop_assert!((p - q).abs() < 1e-12);
                }
            }
        }
    }
}
