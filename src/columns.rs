//! A score matrix as the fused scorers read it: a run of rows of one column at a time.
//!
//! The model's matrix ([`nalgebra::DMatrix`], column-major) hands out its own slices. A large
//! table of plain decimals can be kept as each value's digits and its column's power of ten
//! (half the memory); it hands out runs decoded into a buffer, each value the same double
//! the parser would have made of the text (the digits over the power of ten, one correctly
//! rounded division of two exact numbers).

use std::borrow::Cow;
use std::ops::Range;

use nalgebra::DMatrix;

/// The most rows a run holds.
pub(crate) const RUN: usize = 4096;

/// A matrix of alternatives (rows) by criteria (columns), read a run of a column at a time.
pub(crate) trait Columns: Sync {
    fn nrows(&self) -> usize;
    fn ncols(&self) -> usize;
    /// Calls `f` with the values of column `j` in `rows` (at most [`RUN`] of them).
    fn run<R>(&self, j: usize, rows: Range<usize>, f: impl FnOnce(&[f64]) -> R) -> R;
    /// Column `j` whole, when it is held as doubles.
    fn slice(&self, j: usize) -> Option<&[f64]>;

    /// The smallest and largest value of column `j`, when they can be had without reading
    /// every value as a double.
    fn extremes(&self, _j: usize) -> Option<(f64, f64)> {
        None
    }

    /// Calls `f` with each run of column `j`, in order.
    #[inline(always)]
    fn each_run(&self, j: usize, mut f: impl FnMut(&[f64])) {
        let n = self.nrows();
        let mut from = 0;
        while from < n {
            let to = (from + RUN).min(n);
            self.run(j, from..to, &mut f);
            from = to;
        }
    }

    /// Column `j` whole.
    fn column(&self, j: usize) -> Cow<'_, [f64]> {
        match self.slice(j) {
            Some(c) => Cow::Borrowed(c),
            None => {
                let mut all = Vec::with_capacity(self.nrows());
                self.each_run(j, |r| all.extend_from_slice(r));
                Cow::Owned(all)
            }
        }
    }
}

impl Columns for DMatrix<f64> {
    fn nrows(&self) -> usize {
        DMatrix::nrows(self)
    }

    fn ncols(&self) -> usize {
        DMatrix::ncols(self)
    }

    #[inline(always)]
    fn run<R>(&self, j: usize, rows: Range<usize>, f: impl FnOnce(&[f64]) -> R) -> R {
        let n = DMatrix::nrows(self);
        f(&self.as_slice()[j * n + rows.start..j * n + rows.end])
    }

    fn slice(&self, j: usize) -> Option<&[f64]> {
        let n = DMatrix::nrows(self);
        Some(&self.as_slice()[j * n..(j + 1) * n])
    }
}

/// Powers of ten that are exact doubles, up to the most decimals a plain decimal has: the
/// parser's divisors, and so the decoder's.
pub(crate) const POW10: [f64; 16] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
];

/// A matrix of plain decimals: each value's digits (the number times its column's power of
/// ten, an integer below 2^32) and each column's number of decimals. The rows are held in
/// parts, one after another, each part column-major in one of a few buffers: a file read in
/// blocks keeps each block's rows where the block put them.
#[derive(Debug, Clone)]
pub struct Decimals {
    n: usize,
    buffers: Vec<Vec<u32>>,
    parts: Vec<Part>,
    /// The first row of each part.
    starts: Vec<usize>,
    decimals: Vec<u8>,
}

/// Consecutive rows of a [`Decimals`]: `rows` of each column, column `j` from
/// `from + j * stride` in buffer `buffer`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Part {
    pub buffer: usize,
    pub from: usize,
    pub stride: usize,
    pub rows: usize,
}

impl Decimals {
    /// `digits` (n rows of each column in turn) with `decimals[j]` decimals in column `j`;
    /// `None` when the shapes disagree or a column has more decimals than a double's powers
    /// of ten hold exactly.
    #[cfg(test)]
    pub(crate) fn new(n: usize, digits: Vec<u32>, decimals: Vec<u8>) -> Option<Decimals> {
        if digits.len() != n * decimals.len() {
            return None;
        }
        let part = Part {
            buffer: 0,
            from: 0,
            stride: n,
            rows: n,
        };
        Decimals::from_parts(vec![digits], vec![part], decimals)
    }

    /// The rows of `parts` (in `buffers`) one after another, with `decimals[j]` decimals in
    /// column `j`; `None` when a part passes the end of its buffer or a column has more
    /// decimals than a double's powers of ten hold exactly.
    pub(crate) fn from_parts(
        buffers: Vec<Vec<u32>>,
        parts: Vec<Part>,
        decimals: Vec<u8>,
    ) -> Option<Decimals> {
        let m = decimals.len();
        let fits = parts.iter().all(|p| {
            p.rows <= p.stride
                && buffers.get(p.buffer).is_some_and(|b| {
                    p.stride
                        .checked_mul(m)
                        .and_then(|k| k.checked_add(p.from))
                        .is_some_and(|end| end <= b.len())
                })
        }) && decimals.iter().all(|&d| usize::from(d) < POW10.len());
        if !fits {
            return None;
        }
        let parts: Vec<Part> = parts.into_iter().filter(|p| p.rows > 0).collect();
        let mut starts = Vec::with_capacity(parts.len());
        let mut n = 0;
        for p in &parts {
            starts.push(n);
            n += p.rows;
        }
        Some(Decimals {
            n,
            buffers,
            parts,
            starts,
            decimals,
        })
    }

    /// Column `j`'s digits in part `p`.
    #[inline(always)]
    fn digits(&self, p: &Part, j: usize) -> &[u32] {
        let from = p.from + j * p.stride;
        &self.buffers[p.buffer][from..from + p.rows]
    }

    /// The matrix of doubles.
    pub fn to_matrix(&self) -> DMatrix<f64> {
        let m = self.decimals.len();
        let mut values = Vec::with_capacity(self.n * m);
        for j in 0..m {
            self.each_run(j, |r| values.extend_from_slice(r));
        }
        DMatrix::from_vec(self.n, m, values)
    }
}

/// Equal when they hold the same values, however their rows are parted.
impl PartialEq for Decimals {
    fn eq(&self, other: &Decimals) -> bool {
        self.n == other.n
            && self.decimals == other.decimals
            && (0..self.decimals.len()).all(|j| {
                let mine = self.parts.iter().flat_map(|p| self.digits(p, j));
                mine.eq(other.parts.iter().flat_map(|p| other.digits(p, j)))
            })
    }
}

impl Columns for Decimals {
    fn nrows(&self) -> usize {
        self.n
    }

    fn ncols(&self) -> usize {
        self.decimals.len()
    }

    #[inline(always)]
    fn run<R>(&self, j: usize, rows: Range<usize>, f: impl FnOnce(&[f64]) -> R) -> R {
        let mut buf = [0.0; RUN];
        let power = POW10[usize::from(self.decimals[j])];
        // The part of the first row, then each part the rows run into.
        let mut p = self
            .starts
            .partition_point(|&s| s <= rows.start)
            .saturating_sub(1);
        let (mut row, mut k) = (rows.start, 0);
        while row < rows.end {
            let (part, start) = (&self.parts[p], self.starts[p]);
            let to = rows.end.min(start + part.rows);
            let digits = &self.digits(part, j)[row - start..to - start];
            for (v, &d) in buf[k..].iter_mut().zip(digits) {
                *v = f64::from(d) / power;
            }
            k += to - row;
            row = to;
            p += 1;
        }
        f(&buf[..k])
    }

    fn slice(&self, _: usize) -> Option<&[f64]> {
        None
    }

    /// The extremes of the digits, as values: dividing by a power of ten (correctly rounded)
    /// keeps the order, so they are the extremes of the values.
    fn extremes(&self, j: usize) -> Option<(f64, f64)> {
        let (lo, hi) = self
            .parts
            .iter()
            .filter_map(|p| {
                crate::simd::widest(
                    #[inline(always)]
                    || digit_extremes(self.digits(p, j)),
                )
            })
            .reduce(|(a, b), (c, d)| (a.min(c), b.max(d)))?;
        let power = POW10[usize::from(self.decimals[j])];
        Some((f64::from(lo) / power, f64::from(hi) / power))
    }
}

/// The least and the greatest of `digits` in one pass, sixteen lanes at a time (the unsigned
/// 32-bit minimum and maximum are single instructions from SSE4.1 on, which the baseline
/// lacks: run it through [`crate::simd::widest`]); `None` when there are none.
#[inline(always)]
fn digit_extremes(digits: &[u32]) -> Option<(u32, u32)> {
    const LANES: usize = 16;
    if digits.is_empty() {
        return None;
    }
    let mut lo = [u32::MAX; LANES];
    let mut hi = [0u32; LANES];
    let mut chunks = digits.chunks_exact(LANES);
    for chunk in &mut chunks {
        for k in 0..LANES {
            lo[k] = lo[k].min(chunk[k]);
            hi[k] = hi[k].max(chunk[k]);
        }
    }
    for &d in chunks.remainder() {
        lo[0] = lo[0].min(d);
        hi[0] = hi[0].max(d);
    }
    Some((lo.into_iter().min()?, hi.into_iter().max()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The digits' extremes are the least and greatest digits, whatever their position among
    /// the lanes and the remainder, in both compiled versions.
    #[test]
    fn digit_extremes_are_the_least_and_greatest() {
        assert_eq!(digit_extremes(&[]), None);
        for n in [1, 15, 16, 17, 33, 1000] {
            for at in [0, n / 2, n - 1] {
                let mut d: Vec<u32> = (0..n as u32).map(|i| 1000 + i % 7).collect();
                d[at] = 5;
                let hi_at = (at + 1) % n;
                d[hi_at] = 9_999_999;
                // With one digit, the greatest overwrote the least.
                let want = Some(if n == 1 {
                    (9_999_999, 9_999_999)
                } else {
                    (5, 9_999_999)
                });
                let (base, wide) =
                    crate::simd::both_versions(|| crate::simd::widest(|| digit_extremes(&d)));
                assert_eq!(base, want, "n {n}, at {at}");
                if let Some(wide) = wide {
                    assert_eq!(wide, want, "n {n}, at {at}");
                }
            }
        }
    }

    /// Decoded values are the doubles the text gives, run by run and whole.
    #[test]
    fn decimals_decode_to_the_parsed_doubles() {
        let n = RUN + 7;
        let text: Vec<String> = (0..n)
            .map(|i| format!("{}.{:04}", i * 37 % 1000, i % 10_000))
            .collect();
        let digits: Vec<u32> = text
            .iter()
            .map(|t| t.replace('.', "").parse().unwrap())
            .collect();
        let mut all = digits.clone();
        all.extend(digits.iter().map(|d| d / 10_000));
        let d = Decimals::new(n, all, vec![4, 0]).unwrap();
        let m = d.to_matrix();
        for (i, t) in text.iter().enumerate() {
            assert_eq!(
                m[(i, 0)].to_bits(),
                t.parse::<f64>().unwrap().to_bits(),
                "{t}"
            );
            assert_eq!(m[(i, 1)], f64::from(digits[i] / 10_000));
        }
        assert_eq!(&d.column(0)[..], m.column(0).as_slice());
        assert_eq!(d.slice(0), None);
        assert!(Decimals::new(2, vec![1, 2, 3], vec![0, 0]).is_none());
        assert!(Decimals::new(1, vec![1], vec![16]).is_none());
    }

    /// Rows held in parts of any size, with room to spare in a part, read as the same rows
    /// held whole: runs across parts, extremes and equality.
    #[test]
    fn parted_decimals_read_as_whole_ones() {
        let n = 3 * RUN + 11;
        let col = |i: usize, j: usize| (i * 7919 + j * 104_729) as u32 % 1_000_003;
        let whole: Vec<u32> = (0..2)
            .flat_map(|j| (0..n).map(move |i| col(i, j)))
            .collect();
        let one = Decimals::new(n, whole, vec![3, 0]).unwrap();
        for sizes in [
            vec![n],
            vec![1, n - 1],
            vec![RUN - 1, 2, RUN + 5, n - 2 * RUN - 6],
        ] {
            let mut row = 0;
            let mut parts = Vec::new();
            // Every other part in a buffer of its own, after some room; the others one after
            // another in buffer 0.
            let mut buffers = vec![Vec::new()];
            for (k, &rows) in sizes.iter().enumerate() {
                // A spare row after each column of some parts, and an empty part.
                let stride = rows + k % 2;
                let buffer = if k % 2 == 0 { 0 } else { buffers.len() };
                if buffer > 0 {
                    buffers.push(vec![u32::MAX; 5]);
                }
                let from = buffers[buffer].len();
                buffers[buffer].resize(from + 2 * stride, u32::MAX);
                for j in 0..2 {
                    for r in 0..rows {
                        buffers[buffer][from + j * stride + r] = col(row + r, j);
                    }
                }
                parts.push(Part {
                    buffer,
                    from,
                    stride,
                    rows,
                });
                parts.push(Part {
                    buffer: 0,
                    from: 0,
                    stride: 0,
                    rows: 0,
                });
                row += rows;
            }
            let parted = Decimals::from_parts(buffers, parts, vec![3, 0]).unwrap();
            assert_eq!(parted.nrows(), n);
            assert_eq!(parted, one);
            assert_eq!(parted.to_matrix(), one.to_matrix(), "{sizes:?}");
            for j in 0..2 {
                assert_eq!(parted.extremes(j), one.extremes(j));
                for rows in [0..RUN, RUN - 3..RUN + 3, n - 5..n, 7..7] {
                    let got = parted.run(j, rows.clone(), <[f64]>::to_vec);
                    assert_eq!(got, one.run(j, rows.clone(), <[f64]>::to_vec), "{rows:?}");
                }
            }
        }
        let short = Part {
            buffer: 0,
            from: 1,
            stride: 2,
            rows: 2,
        };
        assert!(Decimals::from_parts(vec![vec![1; 4]], vec![short], vec![0, 0]).is_none());
        assert!(Decimals::from_parts(vec![vec![1; 5]], vec![short], vec![0, 0]).is_some());
        let elsewhere = Part { buffer: 1, ..short };
        assert!(Decimals::from_parts(vec![vec![1; 5]], vec![elsewhere], vec![0, 0]).is_none());
    }
}
