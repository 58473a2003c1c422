//! The analytic hierarchy process (AHP): weights from pairwise judgements.
//!
//! For each pair of criteria (a, b) the analyst judges how many times a matters more than b, on
//! Saaty's scale from 1/9 to 9 (Saaty 1980, *The Analytic Hierarchy Process*). The judgements
//! fill a positive reciprocal matrix A (aᵢⱼ = judgement, aⱼᵢ = 1/aᵢⱼ, aᵢᵢ = 1). The weights are
//! its principal (Perron) eigenvector w, normalised to sum 1, and the largest eigenvalue λmax
//! measures how far the judgements are from consistent (aᵢⱼ = wᵢ/wⱼ for every pair, which gives
//! λmax = n exactly):
//!
//! - consistency index CI = (λmax − n) / (n − 1);
//! - consistency ratio CR = CI / RI(n), where RI(n) is the average CI of random reciprocal
//!   matrices of size n ([`RANDOM_INDEX`]). Saaty's rule of thumb accepts CR ≤ 0.1.

use nalgebra::{DMatrix, DVector};
use serde::Serialize;

use crate::ranking::tied;

/// The smallest judgement on Saaty's scale ("b is extremely more important than a").
pub const MIN_JUDGEMENT: f64 = 1.0 / 9.0;
/// The largest judgement on Saaty's scale ("a is extremely more important than b").
pub const MAX_JUDGEMENT: f64 = 9.0;
/// Slack allowed at the ends of the scale, for rounding only: 1/9 must be written as `"1/9"`
/// (or a number within 1e-9 of it), so a rounded `0.111` is refused.
pub const JUDGEMENT_SLACK: f64 = 1e-9;

/// Saaty's random index RI(n) for n = 1 … 15: `RANDOM_INDEX[n - 1]`.
///
/// n = 1 … 10: 0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49 (Saaty 1980, table 1.3);
/// n = 11 … 15: 1.51, 1.48, 1.56, 1.57, 1.59, the extension Saaty published with larger
/// simulations. Matrices of one or two criteria are always consistent, so their index is 0 and
/// no ratio is defined. No index is tabulated beyond 15 criteria, and [`ahp`] refuses such
/// matrices rather than extrapolate a ratio nobody could check.
pub const RANDOM_INDEX: [f64; 15] = [
    0.0, 0.0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59,
];

/// Saaty's threshold: a consistency ratio above it calls for the judgements to be revised.
pub const ACCEPTABLE_CR: f64 = 0.1;

/// The largest number of criteria [`ahp`] accepts: the end of [`RANDOM_INDEX`].
pub const MAX_CRITERIA: usize = RANDOM_INDEX.len();

/// Power iteration stops when no component of the normalised vector moves by this much.
const CONVERGENCE: f64 = 1e-15;
/// Upper bound on power iterations; the vector is used as it stands if it is reached.
const MAX_ITERATIONS: usize = 10_000;
/// Relative tolerance for aᵢⱼ · aⱼᵢ = 1 when checking that a matrix is reciprocal.
const RECIPROCAL_TOLERANCE: f64 = 1e-9;

/// Why a pairwise judgement cannot be used.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum JudgementError {
    /// The value is neither a number nor a string.
    #[error(
        "a judgement must be a number or a string such as \"1/5\" or \"3\", \
         found a value of type {found}"
    )]
    WrongType { found: &'static str },
    /// A string that does not read as a number or a fraction `a/b`.
    #[error("\"{found}\" is not a number or a fraction such as \"1/5\" or \"3\"")]
    Unreadable { found: String },
    /// A fraction whose denominator is zero.
    #[error("\"{found}\" divides by zero; a judgement is a fraction such as \"1/5\"")]
    DivisionByZero { found: String },
    /// A number outside Saaty's scale (this includes zero, negatives, NaN and infinities).
    #[error("judgement {value} is outside Saaty's scale; valid judgements are 1/9 to 9")]
    OutOfRange { value: f64 },
}

/// Why a matrix cannot be analysed by [`ahp`].
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum AhpError {
    /// A matrix without criteria.
    #[error("a pairwise comparison needs at least one criterion")]
    Empty,
    /// A matrix with a different number of rows and columns.
    #[error("a pairwise matrix must be square, found {rows} rows and {cols} columns")]
    NotSquare { rows: usize, cols: usize },
    /// More criteria than Saaty's random-index table covers.
    #[error(
        "AHP with {n} criteria: Saaty's random index is tabulated up to {max} criteria, \
         so consistency cannot be judged; use direct or rank-order weights"
    )]
    TooManyCriteria { n: usize, max: usize },
    /// An entry that is not a finite positive number.
    #[error("entry ({row}, {col}) is {value}; every entry must be a finite number > 0")]
    NotPositive { row: usize, col: usize, value: f64 },
    /// A pair of entries whose product is not 1 (or a diagonal entry other than 1).
    #[error("entries ({row}, {col}) = {value} and ({col}, {row}) = {mirror} are not reciprocal")]
    NotReciprocal {
        row: usize,
        col: usize,
        value: f64,
        mirror: f64,
    },
}

/// The result of an AHP analysis of one pairwise matrix.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ahp {
    /// The principal eigenvector, normalised to sum 1, in the matrix's order.
    pub weights: Vec<f64>,
    /// The principal eigenvalue λmax (≥ n).
    pub lambda_max: f64,
    /// Consistency index CI = (λmax − n) / (n − 1); 0 for a single criterion.
    pub ci: f64,
    /// Consistency ratio CR = CI / RI; `None` for n ≤ 2, where RI = 0 and every matrix is
    /// consistent.
    pub cr: Option<f64>,
    /// The random index RI(n) used, from [`RANDOM_INDEX`].
    pub random_index: f64,
    /// The judgement that disagrees most with the weights: `(i, j, aᵢⱼ, wᵢ/wⱼ)` with i < j,
    /// maximising |ln(aᵢⱼ · wⱼ / wᵢ)|, the factor by which the judgement overstates or
    /// understates the ratio the weights imply (a judgement of 4 where the weights say 2
    /// scores ln 2, as does a judgement of 1 where they say 2). Ties (to the project's
    /// [`TIE_TOLERANCE`](crate::ranking::TIE_TOLERANCE)) go to the first pair in row order.
    /// `None` for a single criterion.
    pub most_inconsistent: Option<(usize, usize, f64, f64)>,
}

impl Ahp {
    /// Whether the judgements pass Saaty's rule CR ≤ [`ACCEPTABLE_CR`]; matrices of one or two
    /// criteria, which have no ratio, always do.
    pub fn is_acceptable(&self) -> bool {
        self.cr.is_none_or(|cr| cr <= ACCEPTABLE_CR)
    }
}

/// The judgements of one parent of a value tree (the top, or a group) and their consistency,
/// as a profile's `consistency` lists them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupAhp {
    /// The group's id; `null` for the top of the tree.
    pub group: Option<String>,
    /// The group's name ("the top" for the top), for sentences.
    #[serde(skip)]
    pub name: String,
    /// The children compared (groups or criteria), in the file's order.
    pub children: Vec<String>,
    /// Each child's weight within the parent (the principal eigenvector), in that order.
    pub weights: Vec<f64>,
    pub lambda_max: f64,
    pub consistency_index: f64,
    /// `None` for two children, where every judgement is consistent.
    pub consistency_ratio: Option<f64>,
    /// RI(n) for this parent's number of children.
    pub random_index: f64,
    /// The judgement that departs most from the weights.
    pub most_inconsistent: Option<crate::weights::Judgement>,
}

/// The per-parent consistency of an AHP profile on a value tree; `None` for other kinds.
pub fn tree_consistency(origin: &crate::weights::Origin) -> Option<Vec<GroupAhp>> {
    match origin {
        crate::weights::Origin::AhpTree { consistency } => Some(consistency.clone()),
        _ => None,
    }
}

/// The sentences printed under an AHP profile on a value tree: how the weights are made, each
/// parent's consistency ratio with the random index used, and a warning for each parent whose
/// ratio is above [`ACCEPTABLE_CR`], naming its most inconsistent judgement.
pub fn tree_notes(profile: &str, groups: &[GroupAhp]) -> Vec<String> {
    let parts: Vec<String> = groups
        .iter()
        .map(|g| {
            let n = g.children.len();
            match g.consistency_ratio {
                Some(cr) => format!(
                    "{}: CR = {cr:.3} (lambda_max = {:.4}, CI = {:.4}, random index {:.2} for n = {n})",
                    g.name, g.lambda_max, g.consistency_index, g.random_index
                ),
                None => format!("{}: n = {n}, always consistent", g.name),
            }
        })
        .collect();
    let table: Vec<String> = RANDOM_INDEX[2..10]
        .iter()
        .map(|r| format!("{r:.2}"))
        .collect();
    let mut out = vec![format!(
        "Profile {profile}: AHP on the value tree: siblings judged pairwise within each parent, each parent's principal eigenvector multiplied down the tree. Consistency: {} (Saaty's random index {} for n = 3..10).",
        if parts.is_empty() {
            "no parent has more than one child, so there is nothing to judge".to_string()
        } else {
            parts.join("; ")
        },
        table.join(", ")
    )];
    for g in groups {
        if let (Some(cr), Some(j)) = (g.consistency_ratio, &g.most_inconsistent)
            && cr > ACCEPTABLE_CR
        {
            out.push(format!(
                "Warning: the AHP judgements of profile {profile} within {} are inconsistent (CR {cr:.3} > {ACCEPTABLE_CR:.2}); the most inconsistent is {}/{} = {}, while the weights imply {:.3}. Revisit that judgement.",
                g.name,
                j.a,
                j.b,
                crate::weights::trim(j.judged),
                j.implied
            ));
        }
    }
    out
}

/// Reads one pairwise judgement from a model file.
///
/// Accepted forms: a number (`3`, `0.2`), a string holding a number (`"3"`), or a string
/// holding a fraction of two numbers (`"1/5"`, spaces allowed around the slash). The value must
/// lie on Saaty's scale, [`MIN_JUDGEMENT`] to [`MAX_JUDGEMENT`], to within
/// [`JUDGEMENT_SLACK`]; so it is finite and positive.
pub fn parse_judgement(v: &toml::Value) -> Result<f64, JudgementError> {
    let value = match v {
        toml::Value::Integer(i) => *i as f64,
        toml::Value::Float(f) => *f,
        toml::Value::String(s) => parse_judgement_str(s)?,
        other => {
            return Err(JudgementError::WrongType {
                found: other.type_str(),
            });
        }
    };
    if (MIN_JUDGEMENT - JUDGEMENT_SLACK..=MAX_JUDGEMENT + JUDGEMENT_SLACK).contains(&value) {
        Ok(value)
    } else {
        Err(JudgementError::OutOfRange { value })
    }
}

/// A number or a fraction `a/b` written as a string.
fn parse_judgement_str(s: &str) -> Result<f64, JudgementError> {
    let unreadable = || JudgementError::Unreadable {
        found: s.to_string(),
    };
    let number = |t: &str| t.trim().parse::<f64>().map_err(|_| unreadable());
    match s.split_once('/') {
        None => number(s),
        Some((num, den)) => {
            let (num, den) = (number(num)?, number(den)?);
            if den == 0.0 {
                Err(JudgementError::DivisionByZero {
                    found: s.to_string(),
                })
            } else {
                Ok(num / den)
            }
        }
    }
}

/// Splits a judgement key `"a/b"` into the two criterion ids, or `None` when the key is not
/// two non-empty parts around a single slash. Spaces around either id are dropped. Whether the
/// ids exist, and differ, is for the caller to check.
pub fn parse_pair(key: &str) -> Option<(&str, &str)> {
    let (a, b) = key.split_once('/')?;
    let (a, b) = (a.trim(), b.trim());
    if a.is_empty() || b.is_empty() || b.contains('/') {
        None
    } else {
        Some((a, b))
    }
}

/// Builds the n × n reciprocal matrix from judgements `(i, j, aᵢⱼ)`: aᵢⱼ is set to the
/// judgement, aⱼᵢ to its reciprocal, and the diagonal to 1. A pair that is not given stays 1
/// ("equally important"); the caller checks that every pair is given exactly once, with i ≠ j.
///
/// # Panics
///
/// When an index is not below `n`, which is a bug in the caller, not bad input.
pub fn matrix_from_judgements(n: usize, judgements: &[(usize, usize, f64)]) -> DMatrix<f64> {
    let mut a = DMatrix::from_element(n, n, 1.0);
    for &(i, j, v) in judgements {
        a[(i, j)] = v;
        a[(j, i)] = 1.0 / v;
    }
    a
}

/// Analyses a positive reciprocal matrix: weights, λmax, CI, CR and the most inconsistent
/// judgement (see [`Ahp`]).
///
/// The weights are the Perron eigenvector, found by power iteration (w ← A w / Σ(A w)) from
/// equal weights. A positive matrix has a simple largest eigenvalue with a positive eigenvector
/// (Perron–Frobenius), so the iteration converges; it stops when no component moves by 1e-15,
/// or after 10 000 steps. λmax is then the mean of (A w)ᵢ / wᵢ, floored at n (Saaty's theorem
/// λmax ≥ n, which rounding could otherwise break by an ulp for a consistent matrix).
pub fn ahp(a: &DMatrix<f64>) -> Result<Ahp, AhpError> {
    let n = check_matrix(a)?;
    let weights = perron_vector(a);
    let aw = a * &weights;
    let ratios: f64 = aw.iter().zip(weights.iter()).map(|(x, w)| x / w).sum();
    let nf = n as f64;
    let lambda_max = (ratios / nf).max(nf);
    let ci = if n > 1 {
        (lambda_max - nf) / (nf - 1.0)
    } else {
        0.0
    };
    let random_index = RANDOM_INDEX[n - 1];
    let cr = (random_index > 0.0).then(|| ci / random_index);
    let weights: Vec<f64> = weights.iter().copied().collect();
    let most_inconsistent = most_inconsistent(a, &weights);
    Ok(Ahp {
        weights,
        lambda_max,
        ci,
        cr,
        random_index,
        most_inconsistent,
    })
}

/// Checks that `a` is a non-empty, square, positive, reciprocal matrix of at most
/// [`MAX_CRITERIA`] rows, and returns its size.
fn check_matrix(a: &DMatrix<f64>) -> Result<usize, AhpError> {
    let (rows, cols) = a.shape();
    if rows != cols {
        return Err(AhpError::NotSquare { rows, cols });
    }
    if rows == 0 {
        return Err(AhpError::Empty);
    }
    if rows > MAX_CRITERIA {
        return Err(AhpError::TooManyCriteria {
            n: rows,
            max: MAX_CRITERIA,
        });
    }
    for row in 0..rows {
        for col in 0..cols {
            let value = a[(row, col)];
            if !(value.is_finite() && value > 0.0) {
                return Err(AhpError::NotPositive { row, col, value });
            }
        }
    }
    for row in 0..rows {
        for col in row..cols {
            let (value, mirror) = (a[(row, col)], a[(col, row)]);
            if (value * mirror - 1.0).abs() > RECIPROCAL_TOLERANCE {
                return Err(AhpError::NotReciprocal {
                    row,
                    col,
                    value,
                    mirror,
                });
            }
        }
    }
    Ok(rows)
}

/// The Perron eigenvector of a positive matrix, normalised to sum 1, by power iteration.
fn perron_vector(a: &DMatrix<f64>) -> DVector<f64> {
    let n = a.nrows();
    let mut w = DVector::from_element(n, 1.0 / n as f64);
    for _ in 0..MAX_ITERATIONS {
        let mut next = a * &w;
        let total = next.sum();
        next /= total;
        let change = (&next - &w).amax();
        w = next;
        if change < CONVERGENCE {
            break;
        }
    }
    w
}

/// The pair i < j maximising |ln(aᵢⱼ · wⱼ / wᵢ)|, with the judgement and the implied ratio.
fn most_inconsistent(a: &DMatrix<f64>, w: &[f64]) -> Option<(usize, usize, f64, f64)> {
    let n = w.len();
    let mut best: Option<(f64, (usize, usize, f64, f64))> = None;
    for i in 0..n {
        for j in i + 1..n {
            let judged = a[(i, j)];
            let implied = w[i] / w[j];
            let error = (judged / implied).ln().abs();
            if best.is_none_or(|(e, _)| error > e && !tied(error, e, 0.0)) {
                best = Some((error, (i, j, judged, implied)));
            }
        }
    }
    best.map(|(_, pair)| pair)
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_abs_diff_eq;
    use proptest::prelude::*;

    /// The "choosing a leader" example of the Wikipedia article on AHP
    /// (`shared/reference/published.json`, `ahp_leader`): criteria experience, education,
    /// charisma, age.
    fn leader_criteria() -> DMatrix<f64> {
        matrix_from_judgements(
            4,
            &[
                (0, 1, 4.0),
                (0, 2, 3.0),
                (0, 3, 7.0),
                (1, 2, 1.0 / 3.0),
                (1, 3, 3.0),
                (2, 3, 5.0),
            ],
        )
    }

    /// The local comparison of Tom, Dick and Harry on one criterion, from its upper triangle.
    fn local(a12: f64, a13: f64, a23: f64) -> DMatrix<f64> {
        matrix_from_judgements(3, &[(0, 1, a12), (0, 2, a13), (1, 2, a23)])
    }

    fn assert_close(got: &[f64], want: &[f64], epsilon: f64) {
        assert_eq!(got.len(), want.len());
        for (g, w) in got.iter().zip(want) {
            assert_abs_diff_eq!(g, w, epsilon = epsilon);
        }
    }

    #[test]
    fn leader_criteria_weights_lambda_and_ratio() {
        let r = ahp(&leader_criteria()).unwrap();
        // The eigenvector to 3 decimals, as recomputed in the reference file.
        assert_close(&r.weights, &[0.548, 0.127, 0.270, 0.056], 5e-4);
        // The article prints 0.547 for experience; the eigenvector is 0.5476…
        assert_abs_diff_eq!(r.weights[0], 0.547, epsilon = 1e-3);
        assert_abs_diff_eq!(r.weights.iter().sum::<f64>(), 1.0, epsilon = 1e-15);
        assert_abs_diff_eq!(r.lambda_max, 4.1184, epsilon = 1e-4);
        assert_abs_diff_eq!(r.random_index, 0.90, epsilon = 1e-15);
        assert_abs_diff_eq!(r.ci, (r.lambda_max - 4.0) / 3.0, epsilon = 1e-15);
        assert_abs_diff_eq!(r.cr.unwrap(), 0.044, epsilon = 1e-3);
        assert!(r.is_acceptable());
    }

    #[test]
    fn leader_lambda_matches_nalgebra_eigenvalues() {
        for a in [
            leader_criteria(),
            local(0.25, 4.0, 9.0),
            local(3.0, 0.2, 1.0 / 7.0),
        ] {
            let largest = a
                .complex_eigenvalues()
                .iter()
                .map(|z| z.re)
                .fold(f64::NEG_INFINITY, f64::max);
            assert_abs_diff_eq!(ahp(&a).unwrap().lambda_max, largest, epsilon = 1e-10);
        }
    }

    #[test]
    fn leader_local_priorities_and_global_result() {
        // (a12, a13, a23, published priorities, published CR), per criterion.
        let locals = [
            (0.25, 4.0, 9.0, [0.217, 0.717, 0.066], 0.032),
            (3.0, 0.2, 1.0 / 7.0, [0.188, 0.081, 0.731], 0.056),
            (5.0, 9.0, 4.0, [0.743, 0.194, 0.063], 0.061),
            (1.0 / 3.0, 5.0, 9.0, [0.265, 0.672, 0.063], 0.025),
        ];
        let criteria = ahp(&leader_criteria()).unwrap();
        let mut global = [0.0; 3];
        for (c, (a12, a13, a23, priorities, cr)) in locals.into_iter().enumerate() {
            let r = ahp(&local(a12, a13, a23)).unwrap();
            assert_close(&r.weights, &priorities, 5e-4);
            assert_abs_diff_eq!(r.random_index, 0.58, epsilon = 1e-15);
            assert_abs_diff_eq!(r.cr.unwrap(), cr, epsilon = 1e-3);
            for (g, p) in global.iter_mut().zip(&r.weights) {
                *g += criteria.weights[c] * p;
            }
        }
        // Tom, Dick, Harry.
        assert_close(&global, &[0.358, 0.493, 0.149], 5e-4);
    }

    #[test]
    fn most_inconsistent_names_the_worst_judgement() {
        // Consistent with weights 8 : 4 : 2 : 1, except a₁₃, which should be 4 and is 1/4.
        let a = matrix_from_judgements(
            4,
            &[
                (0, 1, 2.0),
                (0, 2, 4.0),
                (0, 3, 8.0),
                (1, 2, 2.0),
                (1, 3, 0.25),
                (2, 3, 2.0),
            ],
        );
        let r = ahp(&a).unwrap();
        let (i, j, judged, implied) = r.most_inconsistent.unwrap();
        assert_eq!((i, j), (1, 3));
        assert_abs_diff_eq!(judged, 0.25, epsilon = 1e-15);
        assert_abs_diff_eq!(implied, r.weights[1] / r.weights[3], epsilon = 1e-15);
        assert!(r.cr.unwrap() > 0.1);
        assert!(!r.is_acceptable());
    }

    #[test]
    fn a_cyclic_matrix_by_hand() {
        // a₀₁ = a₁₂ = a₂₀ = 2: every row holds 1, 2 and 1/2, so the all-ones vector is the
        // eigenvector with λ = 3.5; CI = 0.25, CR = 0.25 / 0.58. Every judgement misses the
        // implied ratio 1 by a factor 2, so the first pair is named.
        let a = matrix_from_judgements(3, &[(0, 1, 2.0), (1, 2, 2.0), (2, 0, 2.0)]);
        let r = ahp(&a).unwrap();
        assert_close(&r.weights, &[1.0 / 3.0; 3], 1e-15);
        assert_abs_diff_eq!(r.lambda_max, 3.5, epsilon = 1e-12);
        assert_abs_diff_eq!(r.ci, 0.25, epsilon = 1e-12);
        assert_abs_diff_eq!(r.cr.unwrap(), 0.25 / 0.58, epsilon = 1e-12);
        let (i, j, judged, implied) = r.most_inconsistent.unwrap();
        assert_eq!((i, j), (0, 1));
        assert_abs_diff_eq!(judged, 2.0, epsilon = 1e-15);
        assert_abs_diff_eq!(implied, 1.0, epsilon = 1e-12);
    }

    #[test]
    fn small_matrices_have_no_ratio() {
        let one = ahp(&DMatrix::from_element(1, 1, 1.0)).unwrap();
        assert_eq!(one.weights, vec![1.0]);
        assert_eq!((one.lambda_max, one.ci, one.cr), (1.0, 0.0, None));
        assert_eq!(one.most_inconsistent, None);

        let two = ahp(&matrix_from_judgements(2, &[(0, 1, 3.0)])).unwrap();
        assert_close(&two.weights, &[0.75, 0.25], 1e-15);
        assert_abs_diff_eq!(two.lambda_max, 2.0, epsilon = 1e-15);
        assert_eq!(two.cr, None);
        assert!(two.is_acceptable());
        assert_eq!(two.random_index, 0.0);
        let (i, j, judged, implied) = two.most_inconsistent.unwrap();
        assert_eq!((i, j), (0, 1));
        assert_abs_diff_eq!(judged, 3.0, epsilon = 1e-15);
        assert_abs_diff_eq!(implied, 3.0, epsilon = 1e-12);
    }

    #[test]
    fn refuses_matrices_it_cannot_analyse() {
        assert_eq!(ahp(&DMatrix::zeros(0, 0)), Err(AhpError::Empty));
        assert_eq!(
            ahp(&DMatrix::from_element(2, 3, 1.0)),
            Err(AhpError::NotSquare { rows: 2, cols: 3 })
        );
        assert_eq!(
            ahp(&DMatrix::from_element(16, 16, 1.0)),
            Err(AhpError::TooManyCriteria { n: 16, max: 15 })
        );
        assert!(ahp(&DMatrix::from_element(15, 15, 1.0)).is_ok());
        let mut a = matrix_from_judgements(3, &[(0, 1, 2.0)]);
        a[(2, 1)] = f64::NAN;
        assert!(matches!(
            ahp(&a),
            Err(AhpError::NotPositive { row: 2, col: 1, .. })
        ));
        a[(2, 1)] = 0.0;
        assert!(matches!(
            ahp(&a),
            Err(AhpError::NotPositive { row: 2, col: 1, .. })
        ));
        a[(2, 1)] = 2.0;
        assert_eq!(
            ahp(&a),
            Err(AhpError::NotReciprocal {
                row: 1,
                col: 2,
                value: 1.0,
                mirror: 2.0
            })
        );
        a[(2, 1)] = 1.0;
        a[(1, 1)] = 2.0;
        assert!(matches!(
            ahp(&a),
            Err(AhpError::NotReciprocal { row: 1, col: 1, .. })
        ));
    }

    #[test]
    fn random_index_table_is_saatys() {
        assert_close(
            &RANDOM_INDEX[2..10],
            &[0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49],
            0.0,
        );
        assert_close(&RANDOM_INDEX[10..], &[1.51, 1.48, 1.56, 1.57, 1.59], 0.0);
        assert_eq!(MAX_CRITERIA, 15);
    }

    #[test]
    fn judgements_in_every_accepted_form() {
        let parse = |s: &str| parse_judgement(&toml::Value::String(s.to_string()));
        assert_eq!(parse_judgement(&toml::Value::Integer(3)), Ok(3.0));
        assert_eq!(parse_judgement(&toml::Value::Float(0.2)), Ok(0.2));
        assert_eq!(parse("1/5"), Ok(0.2));
        assert_eq!(parse(" 1 / 9 "), Ok(1.0 / 9.0));
        assert_eq!(parse("3"), Ok(3.0));
        assert_eq!(parse("9"), Ok(9.0));
        assert_eq!(parse("2.5"), Ok(2.5));
        assert_eq!(parse("9/1"), Ok(9.0));
        assert_eq!(
            parse_judgement(&toml::Value::Float(1.0 / 9.0)),
            Ok(1.0 / 9.0)
        );
    }

    #[test]
    fn judgements_off_the_scale_or_unreadable_are_refused() {
        let parse = |s: &str| parse_judgement(&toml::Value::String(s.to_string()));
        let out = |value: f64| Err(JudgementError::OutOfRange { value });
        assert_eq!(parse_judgement(&toml::Value::Integer(10)), out(10.0));
        assert_eq!(parse_judgement(&toml::Value::Integer(0)), out(0.0));
        assert_eq!(parse_judgement(&toml::Value::Float(-3.0)), out(-3.0));
        // 0.111 is a rounded 1/9 and lies below the scale by more than the slack.
        assert_eq!(parse_judgement(&toml::Value::Float(0.111)), out(0.111));
        assert_eq!(parse_judgement(&toml::Value::Float(9.5)), out(9.5));
        assert_eq!(
            parse_judgement(&toml::Value::Float(f64::INFINITY)),
            out(f64::INFINITY)
        );
        assert!(matches!(
            parse_judgement(&toml::Value::Float(f64::NAN)),
            Err(JudgementError::OutOfRange { value }) if value.is_nan()
        ));
        assert_eq!(parse("1/10"), out(0.1));
        assert_eq!(parse("-1/5"), out(-0.2));
        assert_eq!(
            parse("1/0"),
            Err(JudgementError::DivisionByZero {
                found: "1/0".to_string()
            })
        );
        for bad in ["", "three", "1/", "/5", "1/2/3", "1:5"] {
            assert_eq!(
                parse(bad),
                Err(JudgementError::Unreadable {
                    found: bad.to_string()
                }),
                "{bad:?}"
            );
        }
        assert_eq!(
            parse_judgement(&toml::Value::Boolean(true)),
            Err(JudgementError::WrongType { found: "boolean" })
        );
    }

    #[test]
    fn pair_keys() {
        assert_eq!(parse_pair("cost/equity"), Some(("cost", "equity")));
        assert_eq!(parse_pair(" cost / equity "), Some(("cost", "equity")));
        assert_eq!(parse_pair("a/a"), Some(("a", "a")));
        for bad in ["cost", "cost/", "/equity", "a/b/c", "/", ""] {
            assert_eq!(parse_pair(bad), None, "{bad:?}");
        }
    }

    proptest! {
        #[test]
        fn consistent_matrices_give_their_weights_back(
            raw in prop::collection::vec(0.01f64..100.0, 1..=15)
        ) {
            let n = raw.len();
            let total: f64 = raw.iter().sum();
            let w: Vec<f64> = raw.iter().map(|x| x / total).collect();
            let a = DMatrix::from_fn(n, n, |i, j| w[i] / w[j]);
            let r = ahp(&a).unwrap();
            for (got, want) in r.weights.iter().zip(&w) {
                prop_assert!((got - want).abs() < 1e-12, "{got} vs {want}");
            }
            prop_assert!((r.lambda_max - n as f64).abs() < 1e-12);
            prop_assert!(r.ci.abs() < 1e-12);
            if n >= 3 {
                prop_assert!(r.cr.unwrap().abs() < 1e-12);
            } else {
                prop_assert_eq!(r.cr, None);
            }
        }
    }
}
