//! Normalisation: turning each criterion's column into a "higher is better" value.
//!
//! The formulas follow pymcdm (Kizielewicz, Shekhovtsov & Sałabun, 2023), so results can be
//! checked against it. `x` is a criterion's column; `lo`/`hi` the ends of its scale or `range`.
//!
//! | name | benefit | cost |
//! | --- | --- | --- |
//! | `scale` | (x − lo)/(hi − lo) | (hi − x)/(hi − lo) |
//! | `minmax` | (x − min)/(max − min) | (max − x)/(max − min) |
//! | `max` | x/max | 1 − x/max |
//! | `linear` | x/max | min/x |
//! | `sum` | x/Σx | (1/x)/Σ(1/x) |
//! | `vector` | x/‖x‖₂ | 1 − x/‖x‖₂ |
//!
//! Degenerate columns are decided here, never left to produce NaN: under `minmax` (and `scale`
//! with a zero-width range) a constant column normalises to 1 for every alternative; under `max`
//! and `vector` an all-zero column normalises to 0 (benefit) or 1 (cost) for every alternative.
//! Data a formula cannot take (a zero under `linear`, a value ≤ 0 under `sum`, a negative value
//! under `max` or `linear`) is refused with a [`NormalizeError`] naming the criterion and the
//! alternative.

use nalgebra::DMatrix;
use serde::Serialize;

pub use crate::vocabulary::Column;
use crate::vocabulary::Direction;

/// A normalisation method, as named on the command line (`--normalization`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Normalization {
    /// Against the ends of the criterion's scale or `range`; min-max where there is none.
    Scale,
    /// Against the observed minimum and maximum.
    Minmax,
    /// Divided by the column maximum.
    Max,
    /// x/max for benefits, min/x for costs.
    Linear,
    /// Divided by the column sum.
    Sum,
    /// Divided by the column's Euclidean norm.
    Vector,
}

impl Normalization {
    /// Every normalisation, in the order the documentation lists them.
    pub const ALL: [Normalization; 6] = [
        Normalization::Scale,
        Normalization::Minmax,
        Normalization::Max,
        Normalization::Linear,
        Normalization::Sum,
        Normalization::Vector,
    ];

    /// The name used on the command line and in JSON.
    pub fn name(self) -> &'static str {
        match self {
            Normalization::Scale => "scale",
            Normalization::Minmax => "minmax",
            Normalization::Max => "max",
            Normalization::Linear => "linear",
            Normalization::Sum => "sum",
            Normalization::Vector => "vector",
        }
    }
}

impl std::fmt::Display for Normalization {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Data that a normalisation cannot take.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error(
    "{normalization} normalisation {requirement}, but alternative #{alternative} scores {value} on criterion #{criterion}"
)]
pub struct NormalizeError {
    pub normalization: Normalization,
    /// Index of the criterion (column).
    pub criterion: usize,
    /// Index of the alternative (row).
    pub alternative: usize,
    pub value: f64,
    /// What the formula requires, e.g. "needs values > 0".
    pub requirement: &'static str,
    /// A normalisation that works on this column.
    pub suggestion: Normalization,
}

/// The normalised matrix, and the criteria for which `scale` fell back to `minmax`.
#[derive(Debug, Clone)]
pub struct Normalized {
    pub matrix: DMatrix<f64>,
    pub fallback: Vec<usize>,
}

/// Normalises every column of `x` (alternatives × criteria).
pub fn normalize(
    x: &DMatrix<f64>,
    columns: &[Column],
    method: Normalization,
) -> Result<Normalized, NormalizeError> {
    assert_eq!(
        x.ncols(),
        columns.len(),
        "one column description per criterion"
    );
    let mut matrix = DMatrix::zeros(x.nrows(), x.ncols());
    let fallback = for_each_column(x, columns, method, |j, out| {
        matrix.set_column(j, &nalgebra::DVector::from_vec(out));
    })?;
    Ok(Normalized { matrix, fallback })
}

/// Normalises the columns of `x` one at a time, in order, handing each to `f` with its index:
/// the columns of [`normalize`]'s matrix, without holding them all. Returns the criteria for
/// which `scale` fell back to `minmax`.
pub fn for_each_column(
    x: &DMatrix<f64>,
    columns: &[Column],
    method: Normalization,
    mut f: impl FnMut(usize, Vec<f64>),
) -> Result<Vec<usize>, NormalizeError> {
    assert_eq!(
        x.ncols(),
        columns.len(),
        "one column description per criterion"
    );
    let n = x.nrows();
    let mut fallback = Vec::new();
    for (j, col) in columns.iter().enumerate() {
        // Column-major storage: column j is one contiguous run.
        let values = &x.as_slice()[j * n..(j + 1) * n];
        f(j, normalize_column(values, col, method, j, &mut fallback)?);
    }
    Ok(fallback)
}

/// Normalises one column. `j` is its index, for error messages and the fallback list.
fn normalize_column(
    x: &[f64],
    col: &Column,
    method: Normalization,
    j: usize,
    fallback: &mut Vec<usize>,
) -> Result<Vec<f64>, NormalizeError> {
    let benefit = col.direction == Direction::Benefit;
    let refuse = |i: usize, requirement, suggestion| NormalizeError {
        normalization: method,
        criterion: j,
        alternative: i,
        value: x[i],
        requirement,
        suggestion,
    };
    let (min, max) = min_max(x);
    Ok(match method {
        Normalization::Scale => match col.bounds {
            _ if col.value.is_some() => valued(x, col.value.as_ref()),
            Some((lo, hi)) => between(x, lo, hi, benefit),
            None => {
                fallback.push(j);
                between(x, min, max, benefit)
            }
        },
        Normalization::Minmax => between(x, min, max, benefit),
        Normalization::Max => {
            if let Some(i) = x.iter().position(|&v| v < 0.0) {
                return Err(refuse(i, "needs values ≥ 0", Normalization::Minmax));
            }
            if max == 0.0 {
                return Ok(constant(x.len(), benefit));
            }
            x.iter()
                .map(|&v| if benefit { v / max } else { 1.0 - v / max })
                .collect()
        }
        Normalization::Linear => {
            if let Some(i) = x.iter().position(|&v| v <= 0.0) {
                return Err(refuse(i, "needs values > 0", Normalization::Minmax));
            }
            x.iter()
                .map(|&v| if benefit { v / max } else { min / v })
                .collect()
        }
        Normalization::Sum => {
            if let Some(i) = x.iter().position(|&v| v <= 0.0) {
                return Err(refuse(i, "needs values > 0", Normalization::Minmax));
            }
            shares(x, benefit, min, max)
        }
        Normalization::Vector => {
            let norm = euclidean_norm(x, min.abs().max(max.abs()));
            if norm == 0.0 {
                return Ok(constant(x.len(), benefit));
            }
            x.iter()
                .map(|&v| if benefit { v / norm } else { 1.0 - v / norm })
                .collect()
        }
    })
}

/// One column's normalisation as a function of each value alone, with the column's own
/// numbers (its ends, its norm) worked out: what [`normalize_column`] computes for one value,
/// the same operations in the same order, so the same bits.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum PerValue {
    /// [`between`]'s ratio: `(v·k − lo)/width` (a benefit) or `(hi − v·k)/width` (a cost),
    /// 1 when the width is 0.
    Between {
        lo: f64,
        hi: f64,
        k: f64,
        width: f64,
        benefit: bool,
    },
    /// `v/norm` (a benefit) or `1 − v/norm` (a cost), for a norm that is not 0.
    Vector { norm: f64, benefit: bool },
    /// The same value for every alternative.
    Constant(f64),
}

impl PerValue {
    /// The normalised value of `v`.
    #[inline]
    pub(crate) fn apply(self, v: f64) -> f64 {
        match self {
            PerValue::Between {
                lo,
                hi,
                k,
                width,
                benefit,
            } => {
                let v = v * k;
                if width == 0.0 {
                    1.0
                } else if benefit {
                    (v - lo) / width
                } else {
                    (hi - v) / width
                }
            }
            PerValue::Vector { norm, benefit } => {
                if benefit {
                    v / norm
                } else {
                    1.0 - v / norm
                }
            }
            PerValue::Constant(c) => c,
        }
    }

    /// Calls `f` with the normalised value of each of `x` in order, the normalisation chosen
    /// once for the whole run (the loops are those of [`PerValue::apply`]).
    #[inline(always)]
    pub(crate) fn each(self, x: &[f64], mut f: impl FnMut(usize, f64)) {
        match self {
            PerValue::Between {
                lo,
                hi,
                k,
                width,
                benefit,
            } => {
                if width == 0.0 {
                    (0..x.len()).for_each(|i| f(i, 1.0));
                } else if benefit {
                    for (i, &v) in x.iter().enumerate() {
                        f(i, (v * k - lo) / width);
                    }
                } else {
                    for (i, &v) in x.iter().enumerate() {
                        f(i, (hi - v * k) / width);
                    }
                }
            }
            PerValue::Vector { norm, benefit } => {
                if benefit {
                    for (i, &v) in x.iter().enumerate() {
                        f(i, v / norm);
                    }
                } else {
                    for (i, &v) in x.iter().enumerate() {
                        f(i, 1.0 - v / norm);
                    }
                }
            }
            PerValue::Constant(c) => (0..x.len()).for_each(|i| f(i, c)),
        }
    }

    /// Whether a larger value never normalises lower (`true`) or never higher (`false`):
    /// every rounding step is monotone, so the largest normalised value of a column is that
    /// of its largest or of its smallest value.
    pub(crate) fn rising(self) -> bool {
        match self {
            PerValue::Between { benefit, width, .. } => benefit == (width >= 0.0),
            PerValue::Vector { benefit, .. } => benefit,
            PerValue::Constant(_) => true,
        }
    }
}

/// A column's smallest and largest value and, when `squares`, the sum of its squares in
/// order (as [`euclidean_norm`] sums them): one pass.
fn column_stats(x: &[f64], squares: bool) -> (f64, f64, f64) {
    if !squares {
        let (lo, hi) = min_max(x);
        return (lo, hi, 0.0);
    }
    more_stats((f64::INFINITY, f64::NEG_INFINITY, 0.0), x, squares)
}

/// [`column_stats`] of the values so far (`stats`) and then `x`: a fold in order, so that a
/// column taken a run at a time gives the same numbers as taken whole.
#[inline(always)]
fn more_stats(
    (mut lo, mut hi, mut sum): (f64, f64, f64),
    x: &[f64],
    squares: bool,
) -> (f64, f64, f64) {
    for &v in x {
        lo = lo.min(v);
        hi = hi.max(v);
        if squares {
            sum += v * v;
        }
    }
    (lo, hi, sum)
}

/// Whether `method` on `columns` is one number per value ([`per_value`] gives `Some` for a
/// matrix with rows), and then whether it needs each column's sum of squares.
pub(crate) fn per_value_squares(columns: &[Column], method: Normalization) -> Option<bool> {
    let squares = match method {
        Normalization::Scale | Normalization::Minmax => false,
        Normalization::Vector => true,
        _ => return None,
    };
    if columns.iter().any(|c| c.value.is_some()) && method == Normalization::Scale {
        return None;
    }
    Some(squares)
}

/// Each column's normalisation of `x` as a [`PerValue`], with each column's smallest and
/// largest value, and the criteria for which `scale` fell back to `minmax`; `None` when some
/// column's normalisation is not one (`max`, `linear`, `sum`, a value function), which
/// [`for_each_column`] then works out. The columns' numbers are worked out in parallel, each
/// column's in order, as [`normalize_column`] does.
#[allow(clippy::type_complexity)]
pub(crate) fn per_value<C: crate::columns::Columns>(
    x: &C,
    columns: &[Column],
    method: Normalization,
) -> Option<(Vec<PerValue>, Vec<(f64, f64)>, Vec<usize>)> {
    use rayon::prelude::*;
    assert_eq!(
        x.ncols(),
        columns.len(),
        "one column description per criterion"
    );
    let n = x.nrows();
    if n == 0 {
        return None;
    }
    let squares = per_value_squares(columns, method)?;
    if squares && let Some(stats) = stats_by_groups(x) {
        return Some(from_stats(x, columns, method, stats));
    }
    let stats: Vec<(f64, f64, f64)> = (0..columns.len())
        .into_par_iter()
        .map(|j| match x.slice(j) {
            Some(column) => column_stats(column, squares),
            None if !squares && let Some((lo, hi)) = x.extremes(j) => (lo, hi, 0.0),
            None => crate::simd::widest(
                #[inline(always)]
                || {
                    // Run by run, in order: the same operations in the same order.
                    let mut stats = (f64::INFINITY, f64::NEG_INFINITY, 0.0);
                    x.each_run(j, |run| stats = more_stats(stats, run, squares));
                    stats
                },
            ),
        })
        .collect();
    Some(from_stats(x, columns, method, stats))
}

/// [`per_value`] of each column's smallest and largest value and sum of squares.
#[allow(clippy::type_complexity)]
fn from_stats<C: crate::columns::Columns>(
    x: &C,
    columns: &[Column],
    method: Normalization,
    stats: Vec<(f64, f64, f64)>,
) -> (Vec<PerValue>, Vec<(f64, f64)>, Vec<usize>) {
    let mut fallback = Vec::new();
    let mut out = Vec::with_capacity(columns.len());
    for (j, (col, &(min, max, sum))) in columns.iter().zip(&stats).enumerate() {
        let benefit = col.direction == Direction::Benefit;
        let between = |lo: f64, hi: f64| {
            let (lo, hi, k) = if (hi - lo).is_finite() {
                (lo, hi, 1.0)
            } else {
                (lo * 0.5, hi * 0.5, 0.5)
            };
            PerValue::Between {
                lo,
                hi,
                k,
                width: hi - lo,
                benefit,
            }
        };
        out.push(match method {
            Normalization::Scale => match col.bounds {
                Some((lo, hi)) => between(lo, hi),
                None => {
                    fallback.push(j);
                    between(min, max)
                }
            },
            Normalization::Minmax => between(min, max),
            _ => {
                let largest = min.abs().max(max.abs());
                let norm = if largest == 0.0 {
                    0.0
                } else if (1e-150..=1e150).contains(&largest) {
                    sum.sqrt()
                } else {
                    euclidean_norm(&x.column(j), largest)
                };
                if norm == 0.0 {
                    PerValue::Constant(if benefit { 0.0 } else { 1.0 })
                } else {
                    PerValue::Vector { norm, benefit }
                }
            }
        });
    }
    let ends = stats.iter().map(|&(lo, hi, _)| (lo, hi)).collect();
    (out, ends, fallback)
}

/// How many columns [`sums_of_squares`] sums side by side.
const LANES: usize = 4;

/// Each column's smallest and largest value (from
/// [`crate::columns::Columns::extremes`]) and sum of squares in order, as [`column_stats`]
/// has them; `None` for no columns, for columns held as doubles (which [`column_stats`]
/// folds whole) and when some column has no extremes. The sums are taken [`LANES`] columns
/// at a time: one column's additions each wait for the one before, and side by side the
/// columns' wait together.
fn stats_by_groups<C: crate::columns::Columns>(x: &C) -> Option<Vec<(f64, f64, f64)>> {
    use rayon::prelude::*;
    let m = x.ncols();
    if m == 0 || x.slice(0).is_some() {
        return None;
    }
    let ends: Vec<(f64, f64)> = (0..m)
        .into_par_iter()
        .map(|j| x.extremes(j))
        .collect::<Option<_>>()?;
    // As many groups for each thread, of sizes as even as they can be.
    let threads = rayon::current_num_threads().max(1);
    let groups = (threads * m.div_ceil(LANES * threads)).min(m).max(1);
    let bounds: Vec<std::ops::Range<usize>> = (0..groups)
        .map(|g| g * m / groups..(g + 1) * m / groups)
        .collect();
    let sums: Vec<f64> = bounds
        .into_par_iter()
        .flat_map_iter(|cols| sums_of_squares(x, cols))
        .collect();
    Some(
        ends.into_iter()
            .zip(sums)
            .map(|((lo, hi), sum)| (lo, hi, sum))
            .collect(),
    )
}

/// The sum of squares of each of columns `cols` (at most [`LANES`]), each in order from 0.0,
/// as [`more_stats`] sums them: the same additions, the columns' side by side.
fn sums_of_squares<C: crate::columns::Columns>(x: &C, cols: std::ops::Range<usize>) -> Vec<f64> {
    const ROWS: usize = 1024;
    debug_assert!(cols.len() <= LANES);
    crate::simd::widest(
        #[inline(always)]
        || {
            let n = x.nrows();
            // Lanes beyond the group hold zeros: their sums stay 0 and are not read.
            let mut runs = [[0.0f64; ROWS]; LANES];
            let mut sums = [0.0f64; LANES];
            let mut from = 0;
            while from < n {
                let to = (from + ROWS).min(n);
                let len = to - from;
                for (run, j) in runs.iter_mut().zip(cols.clone()) {
                    x.run(j, from..to, |r| run[..len].copy_from_slice(r));
                }
                for i in 0..len {
                    for (sum, run) in sums.iter_mut().zip(&runs) {
                        *sum += run[i] * run[i];
                    }
                }
                from = to;
            }
            sums[..cols.len()].to_vec()
        },
    )
}

/// Each score's value read off the criterion's value function (`scale` normalisation of a
/// criterion that has one): the function fixes the worst (0) and the best (1) itself.
fn valued(x: &[f64], f: Option<&crate::vocabulary::ValueFunction>) -> Vec<f64> {
    f.map_or_else(Vec::new, |f| x.iter().map(|&v| f.value(v)).collect())
}

/// (x − lo)/(hi − lo) for a benefit, (hi − x)/(hi − lo) for a cost; 1 when hi = lo.
///
/// When hi − lo overflows (a range such as [−1e308, 1e308]) the same ratio is taken of the
/// halved values, which cannot overflow: halving is exact for numbers this large.
fn between(x: &[f64], lo: f64, hi: f64, benefit: bool) -> Vec<f64> {
    let (lo, hi, k) = if (hi - lo).is_finite() {
        (lo, hi, 1.0)
    } else {
        (lo * 0.5, hi * 0.5, 0.5)
    };
    let width = hi - lo;
    let one = |&v: &f64| {
        let v = v * k;
        if width == 0.0 {
            1.0
        } else if benefit {
            (v - lo) / width
        } else {
            (hi - v) / width
        }
    };
    if x.len() >= PARALLEL_FROM {
        use rayon::prelude::*;
        x.par_iter().map(one).collect()
    } else {
        x.iter().map(one).collect()
    }
}

/// From this many values, a column's values are worked out in parallel (each on its own, so
/// the numbers do not depend on how the work is split).
pub(crate) const PARALLEL_FROM: usize = 1 << 16;

/// x/Σx for a benefit, (1/x)/Σ(1/x) for a cost, for values > 0 with the given minimum and
/// maximum. When Σx overflows the values are divided by the maximum first, and when 1/x
/// overflows (x below about 5.6e-309) the reciprocals are taken of x/min: the shares are the
/// same, and every intermediate stays finite.
fn shares(x: &[f64], benefit: bool, min: f64, max: f64) -> Vec<f64> {
    if benefit {
        let total: f64 = x.iter().sum();
        if total.is_finite() {
            return x.iter().map(|&v| v / total).collect();
        }
        let total: f64 = x.iter().map(|&v| v / max).sum();
        x.iter().map(|&v| (v / max) / total).collect()
    } else {
        let total: f64 = x.iter().map(|&v| 1.0 / v).sum();
        if total.is_finite() {
            return x.iter().map(|&v| (1.0 / v) / total).collect();
        }
        // min/x is in (0, 1]: the reciprocals scaled by min.
        let total: f64 = x.iter().map(|&v| min / v).sum();
        x.iter().map(|&v| (min / v) / total).collect()
    }
}

/// ‖x‖₂, scaled as `hypot` does when the squares would overflow or underflow: with `largest`
/// the largest |x|, ‖x‖ = largest · √Σ(x/largest)².
pub fn euclidean_norm(x: &[f64], largest: f64) -> f64 {
    const SAFE: std::ops::RangeInclusive<f64> = 1e-150..=1e150;
    if largest == 0.0 {
        return 0.0;
    }
    if SAFE.contains(&largest) {
        return x.iter().map(|v| v * v).sum::<f64>().sqrt();
    }
    largest * x.iter().map(|v| (v / largest).powi(2)).sum::<f64>().sqrt()
}

fn constant(n: usize, benefit: bool) -> Vec<f64> {
    vec![if benefit { 0.0 } else { 1.0 }; n]
}

/// The smallest and largest value of a non-empty column.
pub fn min_max(x: &[f64]) -> (f64, f64) {
    x.iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| {
            (lo.min(v), hi.max(v))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;

    fn col(direction: Direction) -> Column {
        Column {
            direction,
            bounds: None,
            value: None,
        }
    }

    fn one(x: &[f64], c: Column, m: Normalization) -> Result<Vec<f64>, NormalizeError> {
        let mat = DMatrix::from_column_slice(x.len(), 1, x);
        normalize(&mat, &[c], m).map(|n| n.matrix.column(0).iter().copied().collect())
    }

    /// Vector normalisation of columns kept as digits has the norms of the same columns as
    /// doubles, to the bit, whatever the number of columns summed side by side and of
    /// threads: 1 to 11 columns (groups of 1 to 4, and lanes left over), values of many
    /// magnitudes, a column of zeros.
    #[test]
    fn grouped_sums_of_squares_are_the_sums_in_order() {
        use crate::columns::Decimals;
        let n = 2 * crate::columns::RUN + 1500;
        for m in 1..=11 {
            let digit = |i: usize, j: usize| {
                if j == 3 {
                    0
                } else {
                    ((i * 7919 + j * 104_729) % 1_000_003) as u32 >> (j % 5 * 4)
                }
            };
            let digits: Vec<u32> = (0..m)
                .flat_map(|j| (0..n).map(move |i| digit(i, j)))
                .collect();
            let decimals: Vec<u8> = (0..m).map(|j| (j % 6) as u8).collect();
            let d = Decimals::new(n, digits, decimals.clone()).unwrap();
            let x = DMatrix::from_fn(n, m, |i, j| {
                f64::from(digit(i, j)) / crate::columns::POW10[usize::from(decimals[j])]
            });
            let cols: Vec<Column> = (0..m)
                .map(|j| {
                    col(if j % 2 == 0 {
                        Direction::Benefit
                    } else {
                        Direction::Cost
                    })
                })
                .collect();
            let want = per_value(&x, &cols, Normalization::Vector).unwrap();
            for threads in [1, 2, 3] {
                let pool = rayon::ThreadPoolBuilder::new()
                    .num_threads(threads)
                    .build()
                    .unwrap();
                let got = pool.install(|| per_value(&d, &cols, Normalization::Vector).unwrap());
                assert_eq!(got, want, "{m} columns, {threads} threads");
                let norms = |p: &[PerValue]| -> Vec<u64> {
                    p.iter()
                        .map(|v| match v {
                            PerValue::Vector { norm, .. } => norm.to_bits(),
                            _ => 0,
                        })
                        .collect()
                };
                assert_eq!(norms(&got.0), norms(&want.0));
            }
        }
    }

    #[test]
    fn formulas_match_the_table() {
        let x = [2.0, 4.0, 8.0];
        let b = col(Direction::Benefit);
        let c = col(Direction::Cost);
        let cases: [(Normalization, Column, [f64; 3]); 10] = [
            (Normalization::Minmax, b.clone(), [0.0, 2.0 / 6.0, 1.0]),
            (Normalization::Minmax, c.clone(), [1.0, 4.0 / 6.0, 0.0]),
            (Normalization::Max, b.clone(), [0.25, 0.5, 1.0]),
            (Normalization::Max, c.clone(), [0.75, 0.5, 0.0]),
            (Normalization::Linear, b.clone(), [0.25, 0.5, 1.0]),
            (Normalization::Linear, c.clone(), [1.0, 0.5, 0.25]),
            (
                Normalization::Sum,
                b.clone(),
                [2.0 / 14.0, 4.0 / 14.0, 8.0 / 14.0],
            ),
            (
                Normalization::Sum,
                c.clone(),
                [0.5 / 0.875, 0.25 / 0.875, 0.125 / 0.875],
            ),
            (
                Normalization::Vector,
                b.clone(),
                [2.0 / 84f64.sqrt(), 4.0 / 84f64.sqrt(), 8.0 / 84f64.sqrt()],
            ),
            (
                Normalization::Vector,
                c.clone(),
                [
                    1.0 - 2.0 / 84f64.sqrt(),
                    1.0 - 4.0 / 84f64.sqrt(),
                    1.0 - 8.0 / 84f64.sqrt(),
                ],
            ),
        ];
        for (m, c, want) in cases {
            let got = one(&x, c, m).unwrap();
            for (g, w) in got.iter().zip(want) {
                assert_relative_eq!(*g, w, max_relative = 1e-12);
            }
        }
    }

    #[test]
    fn scale_uses_declared_ends_and_falls_back_to_minmax() {
        let bounded = Column {
            direction: Direction::Cost,
            bounds: Some((0.0, 3.0)),
            value: None,
        };
        assert_eq!(
            one(&[0.0, 2.0, 3.0], bounded, Normalization::Scale).unwrap(),
            vec![1.0, 1.0 / 3.0, 0.0]
        );
        let mat = DMatrix::from_column_slice(3, 1, &[1.0, 2.0, 3.0]);
        let n = normalize(&mat, &[col(Direction::Benefit)], Normalization::Scale).unwrap();
        assert_eq!(n.fallback, vec![0]);
        assert_eq!(
            n.matrix.column(0).iter().copied().collect::<Vec<_>>(),
            vec![0.0, 0.5, 1.0]
        );
    }

    #[test]
    fn constant_columns_are_decided() {
        assert_eq!(
            one(&[5.0; 3], col(Direction::Cost), Normalization::Minmax).unwrap(),
            vec![1.0; 3]
        );
        assert_eq!(
            one(&[0.0; 3], col(Direction::Benefit), Normalization::Vector).unwrap(),
            vec![0.0; 3]
        );
        assert_eq!(
            one(&[0.0; 3], col(Direction::Cost), Normalization::Max).unwrap(),
            vec![1.0; 3]
        );
    }

    #[test]
    fn impossible_data_is_refused_with_the_offending_cell() {
        let e = one(
            &[3.0, 0.0, 1.0],
            col(Direction::Benefit),
            Normalization::Sum,
        )
        .unwrap_err();
        assert_eq!(
            (e.alternative, e.value, e.suggestion),
            (1, 0.0, Normalization::Minmax)
        );
        assert!(one(&[3.0, 0.0], col(Direction::Cost), Normalization::Linear).is_err());
        assert!(one(&[3.0, -1.0], col(Direction::Cost), Normalization::Max).is_err());
    }
}
