//! The aggregation methods, and one entry point that runs any of them.
//!
//! Each method is a small pure function in its own module, checked against its published
//! formula. [`evaluate`] normalises the matrix where the method asks for it and returns an
//! [`Evaluation`]: the scores, their order (higher or lower is better) and the method's
//! intermediate values.
//!
//! # Degenerate inputs
//!
//! Every method gives finite numbers on every validated matrix; the corner cases are decided:
//!
//! - One alternative: it is the best, with WSM and WPM (under `minmax`) 1, TOPSIS 1, VIKOR
//!   S = R = Q = 0 and PROMETHEE flows 0.
//! - All alternatives identical: they all tie, with the scores above.
//! - A criterion on which every alternative scores the same: under `minmax` it adds the same
//!   w·1 to every WSM score (and a factor 1 to WPM); it adds nothing to TOPSIS distances,
//!   VIKOR's S and R, or PROMETHEE's flows.
//! - All weight on one criterion: the others contribute nothing (a WPM factor 0⁰ = 1).
//! - Data a normalisation cannot take (a zero under `sum` or `linear`) is refused with a
//!   [`NormalizeError`] naming the criterion and the alternative. WPM also refuses a negative
//!   normalised value, which only `scale` gives, for a score below the criterion's declared
//!   range: a fractional power of it has no real value.
//! - WPM with a normalised value of 0 scores 0 (see [`wpm`]); under `max` a constant cost
//!   criterion normalises to 0 for everyone, so every WPM score is 0 and all tie.

pub mod promethee;
pub mod topsis;
pub mod vikor;
pub mod wpm;
pub mod wsm;

use nalgebra::DMatrix;
use serde::Serialize;

use crate::normalize::{Column, Normalization, NormalizeError, normalize};
pub use crate::vocabulary::ScoreOrder;
use crate::vocabulary::{Direction, Preference};

/// An aggregation method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Method {
    /// Weighted sum of normalised scores (SAW).
    Wsm,
    /// Weighted product of normalised scores.
    Wpm,
    /// Closeness to the ideal solution.
    Topsis,
    /// Compromise ranking (Q; lower is better).
    Vikor,
    /// PROMETHEE II net outranking flow.
    Promethee,
}

impl Method {
    /// Every method, in the order tables list them.
    pub const ALL: [Method; 5] = [
        Method::Wsm,
        Method::Wpm,
        Method::Topsis,
        Method::Vikor,
        Method::Promethee,
    ];

    /// The name used on the command line, in model files and in JSON.
    pub fn name(self) -> &'static str {
        match self {
            Method::Wsm => "wsm",
            Method::Wpm => "wpm",
            Method::Topsis => "topsis",
            Method::Vikor => "vikor",
            Method::Promethee => "promethee",
        }
    }

    /// A method by name.
    pub fn from_name(name: &str) -> Option<Method> {
        Method::ALL.into_iter().find(|m| m.name() == name)
    }

    /// The normalisation used when none is asked for; `None` for methods on raw values.
    pub fn default_normalization(self) -> Option<Normalization> {
        match self {
            Method::Wsm | Method::Wpm => Some(Normalization::Scale),
            Method::Topsis => Some(Normalization::Vector),
            Method::Vikor | Method::Promethee => None,
        }
    }

    /// Whether a higher or a lower score is better.
    pub fn score_order(self) -> ScoreOrder {
        match self {
            Method::Vikor => ScoreOrder::Ascending,
            _ => ScoreOrder::Descending,
        }
    }
}

impl std::fmt::Display for Method {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// How to run a method.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Options {
    pub method: Method,
    /// The normalisation for `wsm`, `wpm` and `topsis`; `None` for the method's default.
    pub normalization: Option<Normalization>,
    /// VIKOR's strategy weight v (weight of group utility S against regret R).
    pub vikor_v: f64,
}

impl Options {
    /// The method with its default normalisation and v = 0.5.
    pub fn new(method: Method) -> Options {
        Options {
            method,
            normalization: None,
            vikor_v: 0.5,
        }
    }

    /// The normalisation that will actually be used.
    pub fn effective_normalization(&self) -> Option<Normalization> {
        self.method
            .default_normalization()
            .map(|d| self.normalization.unwrap_or(d))
    }
}

/// A method's intermediate values.
#[derive(Debug, Clone, PartialEq)]
pub enum Details {
    /// WSM terms w·r, or WPM factors r^w (alternatives × criteria).
    Contributions(DMatrix<f64>),
    Topsis {
        d_plus: Vec<f64>,
        d_minus: Vec<f64>,
    },
    Vikor(vikor::Vikor),
    Promethee(promethee::Promethee),
}

/// The result of running one method on one matrix with one weight vector.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    pub method: Method,
    pub normalization: Option<Normalization>,
    /// Criteria (indices) for which `scale` normalisation fell back to `minmax`.
    pub fallback: Vec<usize>,
    pub order: ScoreOrder,
    pub scores: Vec<f64>,
    pub details: Details,
}

/// What a method needs to know of each criterion.
#[derive(Debug, Clone, PartialEq)]
pub struct CriterionInfo {
    pub column: Column,
    pub preference: Preference,
}

/// Runs a method on the matrix `x` (alternatives × criteria) with weights `w` (summing to 1).
pub fn evaluate(
    x: &DMatrix<f64>,
    criteria: &[CriterionInfo],
    w: &[f64],
    opts: &Options,
) -> Result<Evaluation, NormalizeError> {
    evaluate_with(x, criteria, w, opts, true)
}

/// [`evaluate`], but WSM without its contributions when `contributions` is false: the
/// details are then an empty (0 × 0) contribution matrix, and the normalised matrix is never
/// held whole. The scores are the same.
pub fn evaluate_with(
    x: &DMatrix<f64>,
    criteria: &[CriterionInfo],
    w: &[f64],
    opts: &Options,
    contributions: bool,
) -> Result<Evaluation, NormalizeError> {
    if let Some(ev) = fused(x, criteria, w, opts, contributions) {
        return Ok(ev);
    }
    let normalization = opts.effective_normalization();
    let dirs: Vec<Direction> = criteria.iter().map(|c| c.column.direction).collect();
    let mut fallback = Vec::new();
    let (scores, details) = match (opts.method, normalization) {
        (Method::Vikor, _) => {
            let out = vikor::vikor(x, &dirs, w, opts.vikor_v);
            (out.q.clone(), Details::Vikor(out))
        }
        (Method::Promethee, _) => {
            let prefs: Vec<Preference> = criteria.iter().map(|c| c.preference).collect();
            let out = promethee::promethee(x, &dirs, w, &prefs);
            (out.phi.clone(), Details::Promethee(out))
        }
        (Method::Topsis, norm) => {
            let columns: Vec<Column> = criteria.iter().map(|c| c.column.clone()).collect();
            let mut acc = topsis::Accumulator::new(x.nrows());
            fallback = crate::normalize::for_each_column(
                x,
                &columns,
                norm.unwrap_or(Normalization::Vector),
                |j, mut r| acc.add(&mut r, w[j]),
            )?;
            let t = acc.finish();
            (
                t.closeness,
                Details::Topsis {
                    d_plus: t.d_plus,
                    d_minus: t.d_minus,
                },
            )
        }
        (Method::Wsm, norm) if !contributions => {
            let columns: Vec<Column> = criteria.iter().map(|c| c.column.clone()).collect();
            let mut scores = vec![0.0; x.nrows()];
            fallback = crate::normalize::for_each_column(
                x,
                &columns,
                norm.unwrap_or(Normalization::Scale),
                |j, r| wsm::add_column(&mut scores, &r, w[j]),
            )?;
            (scores, Details::Contributions(DMatrix::zeros(0, 0)))
        }
        (method, norm) => {
            let columns: Vec<Column> = criteria.iter().map(|c| c.column.clone()).collect();
            let n = normalize(x, &columns, norm.unwrap_or(Normalization::Scale))?;
            fallback = n.fallback;
            match method {
                Method::Wsm => {
                    let (s, c) = wsm::wsm(n.matrix, w);
                    (s, Details::Contributions(c))
                }
                Method::Wpm => {
                    refuse_negative(&n.matrix, x, norm.unwrap_or(Normalization::Scale))?;
                    let (s, c) = wpm::wpm(n.matrix, w);
                    (s, Details::Contributions(c))
                }
                _ => {
                    let t = topsis::topsis(n.matrix, w);
                    (
                        t.closeness,
                        Details::Topsis {
                            d_plus: t.d_plus,
                            d_minus: t.d_minus,
                        },
                    )
                }
            }
        }
    };
    Ok(Evaluation::of(opts, fallback, scores, details))
}

/// Whether [`fused`] scores this method on these criteria (a matrix with rows).
pub(crate) fn fuses(criteria: &[CriterionInfo], opts: &Options, contributions: bool) -> bool {
    fused_normalization(opts, contributions).is_some_and(|norm| {
        crate::normalize::per_value_squares(&columns_of(criteria), norm).is_some()
    })
}

/// The normalisation [`fused`] would score under: TOPSIS's (vector by default), or WSM's
/// without contributions (scale by default); `None` for anything else.
fn fused_normalization(opts: &Options, contributions: bool) -> Option<Normalization> {
    let norm = opts.effective_normalization();
    match opts.method {
        Method::Topsis => Some(norm.unwrap_or(Normalization::Vector)),
        Method::Wsm if !contributions => Some(norm.unwrap_or(Normalization::Scale)),
        _ => None,
    }
}

/// [`evaluate_with`] of TOPSIS, and of WSM without contributions, under a normalisation that
/// is one number per value (`scale`, `minmax`, `vector`): each column's extremes (or sum of
/// squares) once, then the rows scored in parallel in one pass, without a normalised matrix.
/// `None` for anything else.
pub(crate) fn fused<C: crate::columns::Columns>(
    x: &C,
    criteria: &[CriterionInfo],
    w: &[f64],
    opts: &Options,
    contributions: bool,
) -> Option<Evaluation> {
    let norm = fused_normalization(opts, contributions)?;
    let (per, ends, fallback) = crate::normalize::per_value(x, &columns_of(criteria), norm)?;
    let (scores, details) = if opts.method == Method::Topsis {
        let t = topsis::fused(x, &per, &ends, w);
        let details = Details::Topsis {
            d_plus: t.d_plus,
            d_minus: t.d_minus,
        };
        (t.closeness, details)
    } else {
        let details = Details::Contributions(DMatrix::zeros(0, 0));
        (wsm::fused(x, &per, w), details)
    };
    Some(Evaluation::of(opts, fallback, scores, details))
}

impl Evaluation {
    /// The evaluation under `opts` of these scores and details.
    fn of(opts: &Options, fallback: Vec<usize>, scores: Vec<f64>, details: Details) -> Evaluation {
        Evaluation {
            method: opts.method,
            normalization: opts.effective_normalization(),
            fallback,
            order: opts.method.score_order(),
            scores,
            details,
        }
    }
}

/// The columns the normalisations read of each criterion.
fn columns_of(criteria: &[CriterionInfo]) -> Vec<Column> {
    criteria.iter().map(|c| c.column.clone()).collect()
}

/// WPM raises normalised values to fractional powers, so a negative one (a score below the
/// declared range under `scale`) is refused, naming the first such cell.
fn refuse_negative(
    r: &DMatrix<f64>,
    x: &DMatrix<f64>,
    normalization: Normalization,
) -> Result<(), NormalizeError> {
    for j in 0..r.ncols() {
        if let Some(i) = r.column(j).iter().position(|&v| v < 0.0) {
            return Err(NormalizeError {
                normalization,
                criterion: j,
                alternative: i,
                value: x[(i, j)],
                requirement: "needs scores inside the criterion's range for wpm",
                suggestion: Normalization::Minmax,
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ranking::ranks;

    fn info(direction: Direction, bounds: Option<(f64, f64)>) -> CriterionInfo {
        CriterionInfo {
            column: Column {
                direction,
                bounds,
                value: None,
            },
            preference: Preference::Linear { q: 0.5, p: 2.0 },
        }
    }

    /// The fused WSM and TOPSIS scorers give the same bits in their baseline and their vector
    /// versions, over several chunks of rows and a partial one, benefit and cost columns.
    #[test]
    fn fused_scorers_give_the_same_bits_in_every_version() {
        let (n, m) = (3 * wsm::ROWS + 17, 6);
        let mut state = 0x9E37_79B9_7F4A_7C15_u64;
        let x = DMatrix::from_fn(n, m, |_, _| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            1.0 + (state % 1_000_000) as f64 / 7.0
        });
        let criteria: Vec<CriterionInfo> = (0..m)
            .map(|j| {
                let d = if j % 3 == 2 {
                    Direction::Cost
                } else {
                    Direction::Benefit
                };
                info(d, (j == 4).then_some((0.0, 200_000.0)))
            })
            .collect();
        let w = [0.3, 0.1, 0.2, 0.15, 0.05, 0.2];
        let mut checked = 0;
        for (method, norm) in [
            (Method::Wsm, Normalization::Scale),
            (Method::Wsm, Normalization::Vector),
            (Method::Topsis, Normalization::Vector),
            (Method::Topsis, Normalization::Minmax),
        ] {
            let mut opts = Options::new(method);
            opts.normalization = Some(norm);
            let bits = || {
                let e = evaluate_with(&x, &criteria, &w, &opts, false).unwrap();
                e.scores.iter().map(|s| s.to_bits()).collect::<Vec<u64>>()
            };
            // One thread, so that every chunk runs where the version is chosen.
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(1)
                .build()
                .unwrap();
            let (baseline, wide) = pool.install(|| crate::simd::both_versions(bits));
            assert_eq!(baseline.len(), n);
            assert!(
                baseline.iter().any(|&b| f64::from_bits(b) > 0.0),
                "{method:?}"
            );
            if let Some(wide) = wide {
                assert_eq!(baseline, wide, "{method:?} {norm:?}");
                checked += 1;
            }
        }
        if checked == 0 {
            eprintln!("no vector version on this processor");
        }
    }

    /// Every method, with each normalisation it takes.
    fn every_variant() -> Vec<Options> {
        let mut out = Vec::new();
        for method in Method::ALL {
            match method.default_normalization() {
                Some(_) => {
                    for n in Normalization::ALL {
                        let mut o = Options::new(method);
                        o.normalization = Some(n);
                        out.push(o);
                    }
                }
                None => out.push(Options::new(method)),
            }
        }
        out
    }

    fn details_finite(d: &Details) -> bool {
        let all = |v: &[f64]| v.iter().all(|x| x.is_finite());
        match d {
            Details::Contributions(c) => all(c.as_slice()),
            Details::Topsis { d_plus, d_minus } => all(d_plus) && all(d_minus),
            Details::Vikor(v) => all(&v.s) && all(&v.r) && all(&v.q),
            Details::Promethee(p) => all(&p.phi_plus) && all(&p.phi_minus) && all(&p.phi),
        }
    }

    /// Runs every variant; returns the scores of those that accept the data.
    fn run_all(x: &DMatrix<f64>, c: &[CriterionInfo], w: &[f64]) -> Vec<(Options, Vec<f64>)> {
        every_variant()
            .into_iter()
            .filter_map(|o| match evaluate(x, c, w, &o) {
                Ok(e) => {
                    assert!(e.scores.iter().all(|s| s.is_finite()), "{o:?}");
                    assert!(details_finite(&e.details), "{o:?}");
                    Some((o, e.scores))
                }
                Err(err) => {
                    let n = err.normalization;
                    assert!(
                        matches!(n, Normalization::Sum | Normalization::Linear),
                        "{o:?} refused: {err}"
                    );
                    assert!(x[(err.alternative, err.criterion)] <= 0.0, "{err}");
                    None
                }
            })
            .collect()
    }

    #[test]
    fn one_alternative_is_the_best() {
        let x = DMatrix::from_row_slice(1, 3, &[3.0, 5.0, 1.0]);
        let c = [
            info(Direction::Benefit, None),
            info(Direction::Cost, None),
            info(Direction::Benefit, Some((0.0, 4.0))),
        ];
        let results = run_all(&x, &c, &[0.2, 0.3, 0.5]);
        assert_eq!(results.len(), every_variant().len());
        for (o, scores) in results {
            assert_eq!(scores.len(), 1);
            let want = match (o.method, o.effective_normalization()) {
                (Method::Vikor | Method::Promethee, _) => Some(0.0),
                (Method::Topsis, _) => Some(1.0),
                (_, Some(Normalization::Minmax | Normalization::Sum)) => Some(1.0),
                _ => None,
            };
            if let Some(want) = want {
                assert!((scores[0] - want).abs() < 1e-12, "{o:?}: {scores:?}");
            }
        }
    }

    #[test]
    fn identical_alternatives_all_tie() {
        let x = DMatrix::from_row_slice(3, 2, &[2.0, 7.0, 2.0, 7.0, 2.0, 7.0]);
        let c = [info(Direction::Benefit, None), info(Direction::Cost, None)];
        for (o, scores) in run_all(&x, &c, &[0.5, 0.5]) {
            assert_eq!(
                ranks(&scores, o.method.score_order()),
                vec![1, 1, 1],
                "{o:?}"
            );
        }
        let eval = |m| evaluate(&x, &c, &[0.5, 0.5], &Options::new(m)).unwrap();
        assert_eq!(eval(Method::Topsis).scores, vec![1.0; 3]);
        assert_eq!(eval(Method::Vikor).scores, vec![0.0; 3]);
        assert_eq!(eval(Method::Promethee).scores, vec![0.0; 3]);
    }

    #[test]
    fn one_criterion_and_all_weight_on_one_criterion() {
        let col = DMatrix::from_column_slice(3, 1, &[1.0, 4.0, 2.0]);
        let one = [info(Direction::Benefit, None)];
        for (o, scores) in run_all(&col, &one, &[1.0]) {
            let r = ranks(&scores, o.method.score_order());
            assert_eq!(r, vec![3, 1, 2], "{o:?}: {scores:?}");
        }
        // A second criterion with weight 0 changes no score.
        let x = DMatrix::from_row_slice(3, 2, &[1.0, 9.0, 4.0, 1.0, 2.0, 3.0]);
        let two = [info(Direction::Benefit, None), info(Direction::Cost, None)];
        let alone = run_all(&col, &one, &[1.0]);
        let with = run_all(&x, &two, &[1.0, 0.0]);
        assert_eq!(alone.len(), with.len());
        for ((o, a), (_, b)) in alone.iter().zip(&with) {
            for (p, q) in a.iter().zip(b) {
                assert!((p - q).abs() < 1e-12, "{o:?}: {a:?} vs {b:?}");
            }
        }
    }

    #[test]
    fn a_constant_criterion_changes_no_ranking() {
        let x = DMatrix::from_row_slice(3, 2, &[1.0, 5.0, 4.0, 5.0, 2.0, 5.0]);
        let c = [info(Direction::Benefit, None), info(Direction::Cost, None)];
        let col = DMatrix::from_column_slice(3, 1, &[1.0, 4.0, 2.0]);
        let one = [info(Direction::Benefit, None)];
        let with = run_all(&x, &c, &[0.5, 0.5]);
        let alone = run_all(&col, &one, &[1.0]);
        for ((o, a), (_, b)) in with.iter().zip(&alone) {
            if o.method == Method::Wpm && o.normalization == Some(Normalization::Max) {
                // `max` turns a constant cost column into 0 for everyone: every product is 0.
                assert_eq!(a, &vec![0.0; 3]);
                continue;
            }
            let order = o.method.score_order();
            assert_eq!(ranks(a, order), ranks(b, order), "{o:?}");
        }
        // VIKOR and PROMETHEE: the constant criterion contributes nothing at all.
        let vikor = evaluate(&x, &c, &[0.5, 0.5], &Options::new(Method::Vikor)).unwrap();
        let Details::Vikor(v) = vikor.details else {
            unreachable!()
        };
        assert_eq!(v.s, vec![0.5, 0.0, 0.5 * 2.0 / 3.0]);
        assert_eq!(v.q, vec![1.0, 0.0, 2.0 / 3.0]);
        let p = evaluate(&x, &c, &[0.5, 0.5], &Options::new(Method::Promethee)).unwrap();
        assert!(p.scores.iter().all(|s| s.abs() <= 0.5));
    }

    #[test]
    fn zeros_are_refused_under_sum_and_linear_naming_the_cell() {
        let x = DMatrix::from_row_slice(3, 2, &[1.0, 5.0, 4.0, 0.0, 2.0, 3.0]);
        let c = [info(Direction::Benefit, None), info(Direction::Cost, None)];
        for method in [Method::Wsm, Method::Wpm, Method::Topsis] {
            for n in [Normalization::Sum, Normalization::Linear] {
                let mut o = Options::new(method);
                o.normalization = Some(n);
                let err = evaluate(&x, &c, &[0.5, 0.5], &o).unwrap_err();
                assert_eq!((err.criterion, err.alternative, err.value), (1, 1, 0.0));
                assert_eq!(err.normalization, n);
                o.normalization = Some(err.suggestion);
                assert!(evaluate(&x, &c, &[0.5, 0.5], &o).is_ok());
            }
        }
    }

    #[test]
    fn wpm_scores_zero_at_a_zero_and_refuses_scores_below_the_range() {
        // Under minmax the worst alternative on a weighted criterion has r = 0: score 0.
        let x = DMatrix::from_row_slice(3, 2, &[1.0, 5.0, 4.0, 1.0, 2.0, 3.0]);
        let c = [info(Direction::Benefit, None), info(Direction::Cost, None)];
        let mut o = Options::new(Method::Wpm);
        o.normalization = Some(Normalization::Minmax);
        let e = evaluate(&x, &c, &[0.5, 0.5], &o).unwrap();
        assert_eq!(e.scores[0], 0.0);
        assert_eq!(e.scores[1], 1.0);
        assert!((e.scores[2] - (1.0f64 / 3.0 * 0.5).sqrt()).abs() < 1e-15);

        let below = [info(Direction::Benefit, Some((2.0, 6.0))), c[1].clone()];
        let err = evaluate(&x, &below, &[0.5, 0.5], &Options::new(Method::Wpm)).unwrap_err();
        assert_eq!((err.criterion, err.alternative, err.value), (0, 0, 1.0));
        // WSM takes the same data: a negative normalised value is just a low score.
        let wsm = evaluate(&x, &below, &[0.5, 0.5], &Options::new(Method::Wsm)).unwrap();
        assert!((wsm.scores[0] - (0.5 * -0.25 + 0.0)).abs() < 1e-15);
    }
}
