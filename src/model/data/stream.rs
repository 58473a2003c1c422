//! The blockwise reader of plain CSV data files: never holds the whole file.
//!
//! The file is read in parallel over blocks of at most [`BLOCK`] bytes, with positioned reads
//! into buffers reused from block to block. Scores kept as digits take one pass: each block
//! parses its lines into a part of its own (its rows of every column, see [`Decimals`], in a
//! region of one buffer sized from the first lines) and its ids and names, and the parts are
//! kept as they are, with no count of the lines first and no copy after. Doubles take two:
//! the first counts the lines of every block (so the row limits are checked before anything
//! is parsed, and each block knows the first row it owns), the second parses each block's
//! lines straight into its rows of one column-major matrix. A block owns the lines whose
//! preceding newline lies in it; the last of them may run past the block's end, and is read on.
//!
//! Anything but a plain file (quotes, blank lines, intervals, bad UTF-8, any value the model
//! refuses, a duplicate id, a file that changes between the passes) gives `None`, and the
//! caller reads the file whole with the general reader, which reports the precise error.

use std::ops::Range;
use std::os::unix::fs::FileExt;
use std::path::Path;

use rayon::prelude::*;

use super::super::common::{Source, valid_id};
use super::super::error::ModelError;
use super::super::limits::{MAX_ALTERNATIVES, MAX_CELLS, MAX_DATA_FILE_BYTES};
use super::super::scores::{Cell, value};
use super::super::{Criterion, Scores, text};
use super::alternatives::{Alternatives, Arena};
use super::{Csv, IdHasher, score};
use crate::columns::{Decimals, POW10, Part};

/// The largest block of the file.
const BLOCK: usize = 4 << 20;
/// The smallest block of a file split into more than one.
const MIN_BLOCK: usize = 256 << 10;
/// How much of a block is read at a time: a small buffer stays in the cache, where the
/// system's copy writes (more than twice as fast here as into a buffer of megabytes) and the
/// counting or parsing reads.
const READ: usize = 64 << 10;
/// Bytes after the end of a block's text that the number parser may look at (its 16-byte
/// window); their values do not matter.
const PAD: usize = 16;

/// Reads a plain CSV data file blockwise; `Ok(None)` when the general reader must read it.
/// The row limits are checked here, with the general reader's message.
///
/// With `decimals`, the scores are kept as [`Decimals`] when every value is a plain decimal
/// whose digits fit in 32 bits; when one is not, the file is read again into doubles (a
/// criterion with levels is read into doubles at once).
pub(crate) fn read(
    model: &Source<'_>,
    at: Range<usize>,
    path: &Path,
    criteria: &[Criterion],
    decimals: bool,
) -> Result<Option<(Alternatives, Scores)>, ModelError> {
    let size = std::fs::metadata(path).map_or(0, |m| m.len() as usize);
    let block = block_size(size);
    // A criterion with levels (or a range below 0) is read by the general path, into doubles.
    let plain = Kinds::of(criteria)
        .0
        .iter()
        .all(|k| !matches!(k, Kind::General));
    if decimals && plain {
        match read_blocks(model, at.clone(), path, criteria, block, true) {
            Err(Retry::Doubles | Retry::Count) => {}
            Err(Retry::Model(e)) => return Err(e),
            Ok(done) => return Ok(done),
        }
    }
    read_blocks(model, at, path, criteria, block, false).map_err(|e| match e {
        Retry::Model(e) => e,
        // Never asked for: a read into doubles takes every value the fast path reads, and
        // counts its rows first.
        Retry::Doubles | Retry::Count => ModelError::Read {
            path: path.to_path_buf(),
            source: std::io::Error::other("the scores could not be read"),
        },
    })
}

/// [`Rows::put`] of digits when the block column's number of decimals `e` is not yet set or
/// differs from `d`; `None` past 32 bits.
#[cold]
fn put_digits(col: &mut [u32], e: &mut u8, r: usize, digits: u64, d: u8) -> Option<()> {
    if *e == UNSET {
        *e = d;
    } else if d > *e {
        let by = d - *e;
        for v in col.get_mut(..r)? {
            *v = scaled(u64::from(*v), by)?;
        }
        *e = d;
    }
    *col.get_mut(r)? = scaled(digits, *e - d)?;
    Some(())
}

/// Marks a block's values as needing doubles.
#[cold]
fn give_up(doubles: &std::sync::atomic::AtomicBool) -> Option<()> {
    doubles.store(true, std::sync::atomic::Ordering::Relaxed);
    None
}

/// Why [`read_blocks`] gave up.
#[derive(Debug)]
enum Retry {
    /// The model is refused (the row limits).
    Model(ModelError),
    /// A value is no plain decimal of at most 32 bits of digits: read into doubles.
    Doubles,
    /// The rows must be counted before anything is parsed: there are more than the model
    /// may have, or the header needs a look (the counted read reports the limits first, as
    /// the general reader does).
    Count,
}

impl From<ModelError> for Retry {
    fn from(e: ModelError) -> Retry {
        Retry::Model(e)
    }
}

/// The block size for a file of `size` bytes: about eight blocks per thread, so that the
/// threads finish together, between [`MIN_BLOCK`] and [`BLOCK`].
fn block_size(size: usize) -> usize {
    (size / (8 * rayon::current_num_threads().max(1))).clamp(MIN_BLOCK, BLOCK)
}

/// Read buffers, each reused by one block after another: a fresh buffer per block would be
/// handed back to the system when the block is done, and its pages faulted in (and zeroed)
/// again for the next.
#[derive(Default)]
struct Pool(std::sync::Mutex<Vec<Vec<u8>>>);

impl Pool {
    /// Runs `f` with a buffer of the pool (a new one when all are taken).
    fn with<T>(&self, f: impl FnOnce(&mut Vec<u8>) -> T) -> T {
        let mut buf = self
            .0
            .lock()
            .ok()
            .and_then(|mut p| p.pop())
            .unwrap_or_default();
        let out = f(&mut buf);
        if let Ok(mut p) = self.0.lock() {
            p.push(buf);
        }
        out
    }
}

/// Makes `buf` at least `len` bytes long (only the bytes it did not have are zeroed).
#[inline]
fn ensure(buf: &mut Vec<u8>, len: usize) {
    if buf.len() < len {
        buf.resize(len, 0);
    }
}

/// [`read`] in blocks of `block` bytes, into digits with `decimals` ([`read_digits`]) or
/// else into doubles ([`read_counted`]).
fn read_blocks(
    model: &Source<'_>,
    at: Range<usize>,
    path: &Path,
    criteria: &[Criterion],
    block: usize,
    decimals: bool,
) -> Result<Option<(Alternatives, Scores)>, Retry> {
    if decimals {
        match read_digits(path, criteria, block) {
            Err(Retry::Count) => {}
            done => return done,
        }
    }
    read_counted(model, at, path, criteria, block)
}

/// The data file and its size in bytes; `None` when it cannot be opened or is empty (the
/// general reader says why).
fn open(path: &Path) -> Option<(std::fs::File, usize)> {
    let (file, size) = super::super::source::open(path, MAX_DATA_FILE_BYTES).ok()?;
    let size = usize::try_from(size).ok()?;
    (size > 0).then_some((file, size))
}

/// What each column of the file after the id and the name holds: its criterion and what the
/// fast number path takes for it; `None` when the header needs the general reader.
fn plan(
    file: &std::fs::File,
    size: usize,
    path: &Path,
    criteria: &[Criterion],
) -> Option<Vec<(usize, Kind)>> {
    let header = header(file, size)?;
    let header_text = match std::str::from_utf8(&header) {
        Ok(t) if !t.contains('"') => t,
        _ => return None,
    };
    let csv = Csv {
        src: Source {
            path,
            text: header_text,
        },
        criteria,
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(header_text.as_bytes());
    let mut record = csv::ByteRecord::new();
    if !matches!(csv.next(&mut reader, &mut record), Ok(true)) {
        return None;
    }
    let columns = csv.header(&record).ok()?;
    let kinds = Kinds::of(criteria);
    Some(columns.iter().map(|&j| (j, kinds.0[j])).collect())
}

/// The blocks' rows in one pass, each block into a [`Part`] of its own; `Retry::Count` when
/// the rows pass the model's limits (the blocks stop soon after) or the header needs a look,
/// `Retry::Doubles` at a value no 32-bit digits hold.
fn read_digits(
    path: &Path,
    criteria: &[Criterion],
    block: usize,
) -> Result<Option<(Alternatives, Scores)>, Retry> {
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering::Relaxed};
    let Some((file, size)) = open(path) else {
        return Ok(None);
    };
    let plan = plan(&file, size, path, criteria).ok_or(Retry::Count)?;
    let m = criteria.len();
    // The limits of `source::check_rows`.
    let most_rows = MAX_ALTERNATIVES.min(MAX_CELLS / m.max(1));
    let blocks = size.div_ceil(block);
    // One buffer for the blocks' digits, a region a block, so that they are let go as one
    // (and the ranking's later buffers reuse the memory): room for the rows the first lines
    // foretell and a quarter more; a block that finds no room takes a buffer of its own.
    let Some(line) = line_length(&file, size) else {
        return Ok(None);
    };
    let rows = size / line + 1;
    let rows = rows.min(most_rows);
    let mut shared = vec![0; (rows + rows / 4 + 64 * blocks) * m];
    let store = Store(std::sync::Mutex::new((0, shared.as_mut_slice())));
    let pool = Pool::default();
    let doubles = AtomicBool::new(false);
    let rows_read = AtomicUsize::new(0);
    let read: Option<Vec<Read<'_>>> = (0..blocks)
        .into_par_iter()
        .map(|b| {
            // Once a block has found a value that needs a double, or the rows are too many,
            // the others stop.
            if doubles.load(Relaxed) || rows_read.load(Relaxed) > most_rows {
                return None;
            }
            pool.with(|buf| {
                let range = b * block..((b + 1) * block).min(size);
                let mut cells = Cells::Digits {
                    digits: Digits::Own(Vec::new()),
                    stride: 0,
                    decimals: vec![UNSET; m],
                };
                let mut hashes = Vec::new();
                let rows = Rows {
                    criteria,
                    plan: &plan,
                    cells: &mut cells,
                    store: &store,
                    doubles: &doubles,
                    hashes: &mut hashes,
                    expect: None,
                    next: 0,
                };
                let text = read_block(&file, buf, range, size, rows)?;
                rows_read.fetch_add(hashes.len(), Relaxed);
                let Cells::Digits {
                    digits,
                    stride,
                    decimals,
                } = cells
                else {
                    return None;
                };
                Some((digits, stride, decimals, hashes, text))
            })
        })
        .collect();
    if doubles.into_inner() {
        return Err(Retry::Doubles);
    }
    if rows_read.into_inner() > most_rows {
        return Err(Retry::Count);
    }
    let Some(mut read) = read else {
        return Ok(None);
    };
    let n: usize = read.iter().map(|b| b.3.len()).sum();
    if n == 0 {
        return Ok(None);
    }
    let most = one_power(&mut read, m).ok_or(Retry::Doubles)?;
    let mut own = Vec::new();
    let mut parts = Vec::with_capacity(read.len());
    let mut hashes = Vec::with_capacity(read.len());
    let mut texts = Vec::with_capacity(read.len());
    for (digits, stride, _, h, t) in read {
        let (buffer, from) = match digits {
            Digits::Shared(from, _) => (0, from),
            Digits::Own(v) => {
                own.push(v);
                (own.len(), 0)
            }
        };
        parts.push(Part {
            buffer,
            from,
            stride,
            rows: h.len(),
        });
        hashes.push(h);
        texts.push(t);
    }
    let mut buffers = vec![shared];
    buffers.append(&mut own);
    let decimals = Decimals::from_parts(buffers, parts, most).ok_or(Retry::Doubles)?;
    let scores = Scores::decimal(decimals);
    let Some(arena) = unique(hashes, || join(texts, n)) else {
        return Ok(None);
    };
    Ok(Some((Alternatives::from_arena(arena), scores)))
}

/// The blocks' rows into doubles in two passes: the lines of every block counted (and the
/// row limits checked), then each block parsed into its rows of one column-major matrix.
fn read_counted(
    model: &Source<'_>,
    at: Range<usize>,
    path: &Path,
    criteria: &[Criterion],
    block: usize,
) -> Result<Option<(Alternatives, Scores)>, Retry> {
    let Some((file, size)) = open(path) else {
        return Ok(None);
    };
    let blocks = size.div_ceil(block);
    let pool = Pool::default();
    // Pass 1: the newlines of every block.
    let counts: Option<Vec<usize>> = (0..blocks)
        .into_par_iter()
        .map(|b| {
            pool.with(|buf| {
                let mut count = 0;
                let mut from = b * block;
                let end = ((b + 1) * block).min(size);
                while from < end {
                    let to = (from + READ).min(end);
                    let bytes = read_exact_at(&file, buf, from..to)?;
                    count += memchr::memchr_iter(b'\n', bytes).count();
                    from = to;
                }
                Some(count)
            })
        })
        .collect();
    let Some(mut counts) = counts else {
        return Ok(None);
    };
    let mut last = [0u8];
    if file.read_exact_at(&mut last, size as u64 - 1).is_err() {
        return Ok(None);
    }
    // A final newline ends the last line; it starts none.
    if last[0] == b'\n' {
        counts[blocks - 1] -= 1;
    }
    let rows: usize = counts.iter().sum();
    super::super::source::check_rows(model, at, path, rows, criteria.len())?;
    if rows == 0 {
        return Ok(None);
    }
    let Some(plan) = plan(&file, size, path, criteria) else {
        return Ok(None);
    };
    let m = criteria.len();
    let n = rows;
    // Pass 2: each block into its rows of every column and its alternatives.
    let mut values = vec![0.0; n * m];
    let mut cells: Vec<Cells<'_>> = split(&mut values, n, &counts)
        .into_iter()
        .map(Cells::Doubles)
        .collect();
    let mut hashes: Vec<Vec<u64>> = counts.iter().map(|&c| Vec::with_capacity(c)).collect();
    let doubles = std::sync::atomic::AtomicBool::new(false);
    // Cells of doubles take no room.
    let store = Store(std::sync::Mutex::new((0, &mut [])));
    let texts: Option<Vec<BlockText>> = cells
        .par_iter_mut()
        .zip(hashes.par_iter_mut())
        .zip(&counts)
        .enumerate()
        .map(|(b, ((cells, hashes), &count))| {
            pool.with(|buf| {
                let range = b * block..((b + 1) * block).min(size);
                let rows = Rows {
                    criteria,
                    plan: &plan,
                    cells,
                    store: &store,
                    doubles: &doubles,
                    hashes,
                    expect: Some(count),
                    next: 0,
                };
                read_block(&file, buf, range, size, rows)
            })
        })
        .collect();
    drop(cells);
    let Some(texts) = texts else {
        return Ok(None);
    };
    let scores = Scores::exact(nalgebra::DMatrix::from_vec(n, m, values));
    let Some(arena) = unique(hashes, || join(texts, n)) else {
        return Ok(None);
    };
    Ok(Some((Alternatives::from_arena(arena), scores)))
}

/// The ids and names of one block's rows: `id` or `id,name` one after the other, and where
/// each row's starts in the block's text.
struct BlockText {
    text: String,
    starts: Vec<u32>,
}

/// No value of a block's column read yet.
const UNSET: u8 = u8::MAX;

/// Where one block's values go: its rows of each column of the matrix, or digits of its own
/// (column `j` from `j * stride`, room for `stride` rows) and each column's number of
/// decimals in this block.
enum Cells<'c> {
    Doubles(Vec<&'c mut [f64]>),
    Digits {
        digits: Digits<'c>,
        stride: usize,
        decimals: Vec<u8>,
    },
}

/// One block read into digits: its digits with their stride, each column's number of
/// decimals, the hashes of its ids, and its ids and names.
type Read<'c> = (Digits<'c>, usize, Vec<u8>, Vec<u64>, BlockText);

/// A block's digits: a region of the shared buffer (from the given place in it), or a buffer
/// of its own.
enum Digits<'c> {
    Shared(usize, &'c mut [u32]),
    Own(Vec<u32>),
}

impl Digits<'_> {
    #[inline(always)]
    fn cells(&mut self) -> &mut [u32] {
        match self {
            Digits::Shared(_, c) => c,
            Digits::Own(v) => v,
        }
    }
}

/// The shared buffer of digits not yet handed out, and where it starts in the buffer.
struct Store<'c>(std::sync::Mutex<(usize, &'c mut [u32])>);

impl<'c> Store<'c> {
    /// `len` digits: the next region of the shared buffer, or a buffer of their own when too
    /// few are left.
    fn take(&self, len: usize) -> Digits<'c> {
        if let Ok(mut left) = self.0.lock()
            && left.1.len() >= len
        {
            let (mine, rest) = std::mem::take(&mut left.1).split_at_mut(len);
            let from = left.0;
            *left = (from + len, rest);
            return Digits::Shared(from, mine);
        }
        Digits::Own(vec![0; len])
    }
}

/// The mean length of the first lines of the file (up to 256 KiB of them), header included;
/// `None` when it cannot be read.
fn line_length(file: &std::fs::File, size: usize) -> Option<usize> {
    let mut head = vec![0; size.min(256 << 10)];
    file.read_exact_at(&mut head, 0).ok()?;
    let lines = memchr::memchr_iter(b'\n', &head).count().max(1);
    Some((head.len() / lines).max(1))
}

/// Each block's rows (`counts`) of every column of `values` (`n` rows a column).
fn split<'v, T>(values: &'v mut [T], n: usize, counts: &[usize]) -> Vec<Vec<&'v mut [T]>> {
    let mut parts: Vec<Vec<&mut [T]>> = counts.iter().map(|_| Vec::new()).collect();
    for column in values.chunks_mut(n.max(1)) {
        let mut rest = column;
        for (part, &count) in parts.iter_mut().zip(counts) {
            let (mine, tail) = rest.split_at_mut(count);
            part.push(mine);
            rest = tail;
        }
    }
    parts
}

/// Powers of ten that fit in 32 bits and beyond, for scaling digits.
const POW10U: [u64; 16] = [
    1,
    10,
    100,
    1_000,
    10_000,
    100_000,
    1_000_000,
    10_000_000,
    100_000_000,
    1_000_000_000,
    10_000_000_000,
    100_000_000_000,
    1_000_000_000_000,
    10_000_000_000_000,
    100_000_000_000_000,
    1_000_000_000_000_000,
];

/// `digits` times 10^`by`, or `None` past 32 bits.
#[inline]
fn scaled(digits: u64, by: u8) -> Option<u32> {
    u32::try_from(digits.checked_mul(*POW10U.get(usize::from(by))?)?).ok()
}

/// Each column's largest number of decimals over the blocks `read`, the digits of a block
/// with fewer scaled up to it (exactly); `None` when some would pass 32 bits.
fn one_power(read: &mut [Read<'_>], m: usize) -> Option<Vec<u8>> {
    let most: Vec<u8> = (0..m)
        .map(|j| {
            read.iter()
                .filter_map(|b| b.2.get(j).copied().filter(|&d| d != UNSET))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let fits = read
        .par_iter_mut()
        .all(|(digits, stride, decimals, hashes, _)| {
            let rows = hashes.len();
            digits
                .cells()
                .chunks_mut((*stride).max(1))
                .zip(decimals.iter())
                .zip(&most)
                .all(|((col, &d), &e)| {
                    d == UNSET
                        || d == e
                        || col[..rows]
                            .iter_mut()
                            .all(|v| scaled(u64::from(*v), e - d).map(|s| *v = s).is_some())
                })
        });
    fits.then_some(most)
}

/// The blocks' texts as one arena of `n` rows, each block's text kept where it is.
fn join(texts: Vec<BlockText>, n: usize) -> Option<Arena> {
    let arena = Arena::from_texts(texts.into_iter().map(|t| (t.text, t.starts)).collect())?;
    (arena.len() == n).then_some(arena)
}

/// Reads `range` of the file into the start of `buf`.
fn read_exact_at<'b>(
    file: &std::fs::File,
    buf: &'b mut Vec<u8>,
    range: Range<usize>,
) -> Option<&'b [u8]> {
    let len = range.len();
    ensure(buf, len);
    file.read_exact_at(&mut buf[..len], range.start as u64)
        .ok()?;
    Some(&buf[..len])
}

/// The first line of the file, without its newline.
fn header(file: &std::fs::File, size: usize) -> Option<Vec<u8>> {
    let mut buf = Vec::new();
    let mut end = 0;
    loop {
        let more = (end + 65536).min(size);
        buf.resize(more, 0);
        file.read_exact_at(&mut buf[end..more], end as u64).ok()?;
        if let Some(k) = memchr::memchr(b'\n', &buf[end..more]) {
            buf.truncate(end + k);
            return Some(buf);
        }
        if more == size {
            return Some(buf);
        }
        end = more;
    }
}

/// Reads and parses the lines the block at `range` owns (those whose preceding newline lies
/// in the block), [`READ`] bytes at a time into `buf`, reading on past the block's end for the
/// last line; `None` at anything the general reader must see.
fn read_block(
    file: &std::fs::File,
    buf: &mut Vec<u8>,
    range: Range<usize>,
    size: usize,
    mut rows: Rows<'_, '_>,
) -> Option<BlockText> {
    let mut out = BlockText {
        text: String::new(),
        starts: Vec::with_capacity(rows.expect.unwrap_or(0)),
    };
    // buf[lo..hi] holds the bytes of the file from `base + lo` not yet looked at, and is
    // followed by PAD zeros.
    let (mut base, mut lo, mut hi) = (range.start, 0, 0);
    let more = |buf: &mut Vec<u8>, base: &mut usize, lo: &mut usize, hi: &mut usize| {
        buf.copy_within(*lo..*hi, 0);
        *base += *lo;
        *hi -= *lo;
        *lo = 0;
        let want = READ.min(size.saturating_sub(*base + *hi));
        ensure(buf, *hi + want + PAD);
        file.read_exact_at(&mut buf[*hi..*hi + want], (*base + *hi) as u64)
            .ok()?;
        *hi += want;
        buf[*hi..*hi + PAD].fill(0);
        Some(want)
    };
    // The first line the block owns follows its first newline.
    loop {
        if let Some(k) = memchr::memchr(b'\n', &buf[lo..hi]) {
            if base + lo + k >= range.end {
                return rows.complete().then_some(out);
            }
            lo += k + 1;
            break;
        }
        lo = hi;
        if base + hi >= range.end || more(buf, &mut base, &mut lo, &mut hi)? == 0 {
            return rows.complete().then_some(out);
        }
    }
    // Then every line that starts at or before the block's end.
    while base + lo <= range.end && base + lo < size {
        let at_end = base + hi == size;
        let whole = match memchr::memrchr(b'\n', &buf[lo..hi]) {
            Some(k) => lo + k + 1,
            None if at_end => hi,
            None => {
                more(buf, &mut base, &mut lo, &mut hi)?;
                continue;
            }
        };
        let text = std::str::from_utf8(&buf[lo..whole]).ok()?;
        let (used, done) = rows.parse(text, &buf[lo..], range.end - (base + lo), &mut out)?;
        lo += used;
        if done || (at_end && lo == hi) {
            break;
        }
        more(buf, &mut base, &mut lo, &mut hi)?;
    }
    rows.complete().then_some(out)
}

/// What the fast number path accepts for each criterion.
struct Kinds(Vec<Kind>);

/// What the fast number path accepts for one criterion.
#[derive(Clone, Copy)]
enum Kind {
    /// Any plain decimal: a numeric criterion without a range.
    Any,
    /// A plain decimal in `[lo, hi]`: a numeric criterion with a range not below 0.
    Within(f64, f64),
    /// Nothing: a criterion with levels, or a range below 0.
    General,
}

impl Kinds {
    fn of(criteria: &[Criterion]) -> Kinds {
        Kinds(
            criteria
                .iter()
                .map(|c| match (&c.scale, c.range) {
                    (Some(_), _) => Kind::General,
                    (None, None) if c.value.is_none() => Kind::Any,
                    (None, Some((lo, hi))) if lo >= 0.0 => Kind::Within(lo, hi),
                    _ => Kind::General,
                })
                .collect(),
        )
    }
}

impl Kind {
    /// Whether the fast path takes the plain decimal `digits` over 10^`decimals`.
    #[inline]
    fn takes(self, digits: u64, decimals: usize) -> bool {
        match self {
            // A plain decimal is finite and not negative: no comparison waits for it.
            Kind::Any => true,
            Kind::Within(lo, hi) => {
                let x = small_f64(digits) / POW10[decimals];
                x >= lo && x <= hi
            }
            Kind::General => false,
        }
    }
}

/// Where the rows of one block go: its cells and the hashes of its ids; `next` is the next
/// row, and `expect` the block's number of rows when it was counted.
struct Rows<'a, 'c> {
    criteria: &'a [Criterion],
    /// The criterion and the kind of each column of the file after the id and the name.
    plan: &'a [(usize, Kind)],
    cells: &'a mut Cells<'c>,
    /// Where cells of digits take room.
    store: &'a Store<'c>,
    /// Set when a value needs a double and the cells hold digits.
    doubles: &'a std::sync::atomic::AtomicBool,
    hashes: &'a mut Vec<u64>,
    expect: Option<usize>,
    next: usize,
}

impl Rows<'_, '_> {
    /// Whether the block has as many rows as it was counted to have.
    fn complete(&self) -> bool {
        self.expect.is_none_or(|n| self.next == n)
    }

    /// Room for row `r` in cells of digits: at the first row, for about as many rows as a
    /// line of `line` bytes gives the `limit` bytes left of the block, and an eighth more;
    /// twice as many rows whenever they are full.
    fn room(&mut self, r: usize, line: usize, limit: usize) {
        let m = self.criteria.len();
        let Cells::Digits { digits, stride, .. } = &mut *self.cells else {
            return;
        };
        if r < *stride {
            return;
        }
        let want = if *stride == 0 {
            let rows = limit / line.max(1) + 1;
            rows + rows / 8 + 64
        } else {
            *stride * 2
        };
        let mut more = self.store.take(want * m);
        let (old, new) = (digits.cells(), more.cells());
        for j in 0..m {
            new[j * want..j * want + r].copy_from_slice(&old[j * *stride..j * *stride + r]);
        }
        *digits = more;
        *stride = want;
    }

    /// Parses the lines of `text` that start at most `limit` bytes in, appending their ids and
    /// names to `out`; returns how many bytes of `text` they take and whether a line starts
    /// after `limit`. `None` at anything the general reader must see. `padded` is `text`'s
    /// bytes followed by at least [`PAD`] more.
    fn parse(
        &mut self,
        text: &str,
        padded: &[u8],
        limit: usize,
        out: &mut BlockText,
    ) -> Option<(usize, bool)> {
        use std::hash::BuildHasher;
        let hasher = std::hash::BuildHasherDefault::<IdHasher>::default();
        let len = text.len();
        let bytes = padded.get(..len + PAD)?;
        if memchr::memchr(b'"', &bytes[..len]).is_some() {
            return None;
        }
        let last = self.plan.len().checked_sub(1)?;
        let mut commas = Commas::new(bytes);
        let mut start = 0;
        while start < len {
            if start > limit {
                return Some((start, true));
            }
            let newline = memchr::memchr(b'\n', &bytes[start..len]).map_or(len, |k| start + k);
            // The line is bytes[start..end], without its newline and a carriage return before it.
            let end = if newline > start && bytes[newline - 1] == b'\r' {
                newline - 1
            } else {
                newline
            };
            if end == start {
                return None;
            }
            let r = self.next;
            match self.expect {
                Some(n) if r >= n => return None,
                Some(_) => {}
                None => self.room(r, newline + 1 - start, limit),
            }
            // Every comma of the line from the comma mask: where a field ends is known before
            // the field before it is parsed, so fields are parsed side by side.
            commas.skip_to(start);
            let comma = commas.pop().filter(|&c| c < end)?;
            let id = trim(&text[start..comma]);
            if !valid_id(id) {
                return None;
            }
            let mut pos = comma + 1;
            let comma = commas.pop().filter(|&c| c < end)?;
            let name = trim(&text[pos..comma]);
            // The id and the name as the line has them, when trimming took nothing off.
            let as_is = (id.len() + name.len() + 1 == comma - start).then(|| &text[start..comma]);
            pos = comma + 1;
            // Where the line's values go, looked up once for all of them.
            let mut sink = Sink::of(self.cells);
            for (k, &(j, kind)) in self.plan.iter().enumerate() {
                // A comma after every field but the last, and the line's end after the last.
                let stop = if k < last {
                    commas.pop().filter(|&c| c < end)?
                } else {
                    if commas.peek().is_some_and(|c| c < end) {
                        return None;
                    }
                    end
                };
                match known_field(bytes, pos, stop) {
                    Some((digits, decimals)) if kind.takes(digits, decimals) => {
                        sink.put(j, r, digits, decimals, self.doubles)?;
                    }
                    _ => {
                        let x = general(&text[pos..stop], &self.criteria[j])?;
                        match &mut sink {
                            Sink::Doubles(cols) => *cols.get_mut(j)?.get_mut(r)? = x,
                            Sink::Digits { .. } => {
                                give_up(self.doubles);
                                return None;
                            }
                        }
                    }
                }
                pos = stop + 1;
            }
            self.hashes.push(hasher.hash_one(id));
            out.starts.push(u32::try_from(out.text.len()).ok()?);
            // Names are kept without control characters, as every model's are.
            if name.is_empty() {
                out.text.push_str(id);
            } else if name.bytes().any(|b| !(0x20..0x7f).contains(&b)) && text::needs_cleaning(name)
            {
                out.text.push_str(id);
                out.text.push(',');
                out.text.push_str(&text::clean(name));
            } else if let Some(both) = as_is {
                // Most often: `id,name` is copied whole, at once.
                out.text.push_str(both);
            } else {
                out.text.push_str(id);
                out.text.push(',');
                out.text.push_str(name);
            }
            if r == 0 {
                // The block's text is about as long, for each byte of the block, as this first
                // line's is for each of its bytes: room for that and an eighth more (a guess
                // from the block's size alone holds, and has faulted in, far more).
                let line = newline + 1 - start;
                let rows = limit / line + 1;
                out.text.reserve(rows * out.text.len() / 8 * 9 + 64);
                if self.expect.is_none() {
                    let rows = rows + rows / 8 + 64;
                    out.starts.reserve(rows);
                    self.hashes.reserve(rows);
                }
            }
            start = newline + 1;
            self.next += 1;
        }
        Some((len, false))
    }
}

/// Where one line's values go: a block's cells, their slices and numbers taken out once.
enum Sink<'x, 'c> {
    Doubles(&'x mut [&'c mut [f64]]),
    Digits {
        cells: &'x mut [u32],
        stride: usize,
        decimals: &'x mut [u8],
    },
}

impl<'x, 'c> Sink<'x, 'c> {
    #[inline]
    fn of(cells: &'x mut Cells<'c>) -> Sink<'x, 'c> {
        match cells {
            Cells::Doubles(cols) => Sink::Doubles(cols),
            Cells::Digits {
                digits,
                stride,
                decimals,
            } => Sink::Digits {
                cells: digits.cells(),
                stride: *stride,
                decimals,
            },
        }
    }

    /// Stores the plain decimal `digits` over 10^`decimals` in row `r` of column `j`: the
    /// correctly rounded double, or the digits at the block column's number of decimals (the
    /// column's digits so far scaled up when this one has more). `None` (with `doubles` set)
    /// past 32 bits.
    #[inline]
    fn put(
        &mut self,
        j: usize,
        r: usize,
        digits: u64,
        decimals: usize,
        doubles: &std::sync::atomic::AtomicBool,
    ) -> Option<()> {
        match self {
            Sink::Doubles(cols) => {
                *cols.get_mut(j)?.get_mut(r)? = small_f64(digits) / POW10[decimals];
                Some(())
            }
            Sink::Digits {
                cells,
                stride,
                decimals: at,
            } => {
                let d = decimals as u8;
                let e = at.get_mut(j)?;
                let from = j * *stride;
                // Most often: as many decimals as the column's values so far.
                if d == *e
                    && let Ok(v) = u32::try_from(digits)
                {
                    debug_assert!(r < *stride);
                    *cells.get_mut(from + r)? = v;
                    return Some(());
                }
                let col = cells.get_mut(from..from + *stride)?;
                put_digits(col, e, r, digits, d).or_else(|| give_up(doubles))
            }
        }
    }
}

/// The commas of a text, found 64 bytes at a time: each window's commas are a mask, and the
/// next comma is its lowest bit.
struct Commas<'b> {
    bytes: &'b [u8],
    /// The window's first byte.
    base: usize,
    /// Bit `i` for a comma at `base + i` not yet taken.
    mask: u64,
}

impl<'b> Commas<'b> {
    /// The commas of `bytes`, from its start.
    fn new(bytes: &'b [u8]) -> Commas<'b> {
        Commas {
            bytes,
            base: 0,
            mask: window(bytes, 0),
        }
    }

    /// Forgets the commas before `at`.
    #[inline]
    fn skip_to(&mut self, at: usize) {
        if at >= self.base + 64 {
            self.base = at;
            self.mask = window(self.bytes, at);
        } else if at > self.base {
            self.mask &= u64::MAX << (at - self.base);
        }
    }

    /// The next comma not yet taken, if any.
    #[inline]
    fn peek(&mut self) -> Option<usize> {
        while self.mask == 0 {
            if self.base + 64 >= self.bytes.len() {
                return None;
            }
            self.base += 64;
            self.mask = window(self.bytes, self.base);
        }
        Some(self.base + self.mask.trailing_zeros() as usize)
    }

    /// The next comma not yet taken, taken.
    #[inline]
    fn pop(&mut self) -> Option<usize> {
        let at = self.peek()?;
        self.mask &= self.mask - 1;
        Some(at)
    }
}

/// The commas among the 64 bytes of `bytes` from `at` (those there are), as bits.
#[inline]
fn window(bytes: &[u8], at: usize) -> u64 {
    let Some(w) = bytes.get(at..).and_then(<[u8]>::first_chunk::<64>) else {
        let tail = bytes.get(at..).unwrap_or_default();
        return tail
            .iter()
            .enumerate()
            .fold(0, |m, (i, &b)| m | (u64::from(b == b',') << i));
    };
    let comma = wide::u8x16::splat(b',');
    let mut mask = 0;
    for (q, chunk) in w.chunks_exact(16).enumerate() {
        let v = wide::u8x16::new(chunk.try_into().unwrap_or([0; 16]));
        mask |= u64::from(v.simd_eq(comma).to_bitmask()) << (16 * q);
    }
    mask
}

/// `s` trimmed of white space as `str::trim` trims it, without a look at its characters
/// when it starts and ends with printable ASCII.
#[inline]
fn trim(s: &str) -> &str {
    let b = s.as_bytes();
    match (b.first(), b.last()) {
        (Some(&f), Some(&l)) if (0x21..0x7f).contains(&f) && (0x21..0x7f).contains(&l) => s,
        _ => s.trim(),
    }
}

/// The plain decimal (as [`simple_decimal`] takes it) at `bytes[pos..]`, with its length: read
/// eight bytes at a time ([`wide_decimal`], up to the first byte that is neither a digit nor
/// the point, which the caller checks), or else a byte at a time up to the next comma or `end`
/// ([`narrow_decimal`]). `bytes` holds at least 16 bytes from `pos`. `None` when the field is
/// no plain decimal.
#[inline]
fn field(bytes: &[u8], pos: usize, end: usize) -> Option<Parts> {
    if let Some(head) = bytes.get(pos..).and_then(<[u8]>::first_chunk::<16>)
        && let Some(found) = wide_parts(head)
    {
        return Some(found);
    }
    narrow_parts(bytes.get(pos..end)?)
}

/// The plain decimal that is the whole of `bytes[pos..stop]` (as [`field`] reads it, ended
/// at `stop`), as its digits and its number of decimals: one word's look ([`short_parts`])
/// for a field of at most eight bytes, else [`field`]'s. `bytes` holds at least 16 bytes
/// from `pos`.
#[inline]
fn known_field(bytes: &[u8], pos: usize, stop: usize) -> Option<(u64, usize)> {
    let len = stop.checked_sub(pos)?;
    if (1..=8).contains(&len)
        && let Some(w) = bytes.get(pos..).and_then(<[u8]>::first_chunk::<8>)
        && let Some(found) = short_parts(u64::from_le_bytes(*w), len)
    {
        return Some(found);
    }
    match field(bytes, pos, stop)? {
        (digits, decimals, n) if n == len => Some((digits, decimals)),
        _ => None,
    }
}

/// The plain decimal that is the first `len` (1 to 8) characters of `w` (the first in the
/// low byte), as its digits and its number of decimals: digits with at most one point, at
/// least one digit, at most seven; `None` for anything else (eight digits and no point
/// included, which [`field`] reads).
#[inline]
fn short_parts(w: u64, len: usize) -> Option<(u64, usize)> {
    const LOW: u64 = 0x0F0F_0F0F_0F0F_0F0F;
    const SEVEN: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // The field's bytes less '0' (bitwise), those after it zero: a digit is a byte of 0 to
    // 9, anything else has a high nibble or a low nibble above 9; each byte on its own, so
    // that every byte is told exactly (no carry crosses a byte).
    let x = (w ^ 0x3030_3030_3030_3030) & (u64::MAX >> (64 - 8 * len));
    let odd = (x & !LOW) | ((x & LOW).wrapping_add(0x0606_0606_0606_0606) & 0x1010_1010_1010_1010);
    // The high bit of each byte that is not a digit.
    let nd = (((odd & SEVEN).wrapping_add(SEVEN)) | odd) & HIGH;
    if nd == 0 {
        return (len < 8).then(|| (digits8(w, len), 0));
    }
    // One byte that is not a digit, the point, and a digit besides.
    let point = (nd.trailing_zeros() / 8) as usize;
    if nd & (nd - 1) != 0 || (w >> (8 * point)) as u8 != b'.' || len == 1 {
        return None;
    }
    // The digits with the point taken out: those after it moved down a byte.
    let before = (1u64 << (8 * point)) - 1;
    let joined = (w & before) | ((w >> 8) & !before);
    Some((digits8(joined, len - 1), len - 1 - point))
}

/// A plain decimal as its digits (an integer below 2^52), its number of decimals (at most
/// 15) and its length: its value is the digits over 10^decimals, one division of two exact
/// doubles.
type Parts = (u64, usize, usize);

/// [`field`] of a field alone, or followed by a comma and more (for tests).
#[cfg(test)]
fn decimal_field(b: &[u8]) -> Option<(f64, usize)> {
    let mut padded = b.to_vec();
    padded.extend_from_slice(&[0; 16]);
    let found = field(&padded, 0, b.len()).map(|(m, d, k)| (small_f64(m) / POW10[d], k))?;
    matches!(b.get(found.1), None | Some(b',')).then_some(found)
}

/// [`decimal_field`] a byte at a time.
#[inline]
#[cfg(test)]
fn narrow_decimal(b: &[u8]) -> Option<(f64, usize)> {
    narrow_parts(b).map(|(m, d, k)| (small_f64(m) / POW10[d], k))
}

/// [`narrow_decimal`] as [`Parts`].
#[inline]
fn narrow_parts(b: &[u8]) -> Option<Parts> {
    let mut mantissa: u64 = 0;
    let mut digits = 0;
    let mut point = None;
    let mut k = 0;
    while k < b.len() {
        match b[k] {
            c @ b'0'..=b'9' => {
                mantissa = mantissa.wrapping_mul(10).wrapping_add(u64::from(c - b'0'));
                digits += 1;
            }
            b'.' if point.is_none() => point = Some(k),
            b',' => break,
            _ => return None,
        }
        k += 1;
    }
    if digits == 0 || digits > 15 || k > 16 {
        return None;
    }
    let decimals = point.map_or(0, |p| k - p - 1);
    // At most 15 digits: below 2^63, so the signed conversion (one instruction) is exact.
    Some((mantissa, decimals, k))
}

/// `m as f64` for `m` below 2^52 (every plain decimal's digits are), exactly: 2^52 + m is the
/// double with m as its fraction bits, and taking 2^52 away is exact. The integer-to-float
/// instruction writes only half of its register and so waits for the last value computed
/// there (the previous field's quotient); this takes a register whole.
#[inline]
fn small_f64(m: u64) -> f64 {
    debug_assert!(m < 1 << 52);
    f64::from_bits(0x4330_0000_0000_0000 | m) - 4_503_599_627_370_496.0
}

/// The bytes of `w` (eight characters, the first in the low byte) that are not ASCII digits,
/// as their high bits; exact up to the first such byte, which is all that is read of it.
#[inline]
fn non_digits(w: u64) -> u64 {
    (w.wrapping_add(0x4646_4646_4646_4646) | w.wrapping_sub(0x3030_3030_3030_3030))
        & 0x8080_8080_8080_8080
}

/// The value of the first `len` (at most 7) characters of `w`, all digits.
#[inline]
fn digits8(w: u64, len: usize) -> u64 {
    // The digits moved to the top, the first the most significant, zeros below them (two
    // shifts, so that no digit is a shift by 64).
    let v = (w.wrapping_sub(0x3030_3030_3030_3030) << (8 * (7 - len))) << 8;
    // Pairs, then fours, then all eight: each step a multiply of packed lanes.
    let v = v.wrapping_mul(10).wrapping_add(v >> 8);
    ((v & 0x0000_00FF_0000_00FF)
        .wrapping_mul(100 + (1_000_000 << 32))
        .wrapping_add(((v >> 16) & 0x0000_00FF_0000_00FF).wrapping_mul(1 + (10_000 << 32))))
        >> 32
}

/// [`field`] eight bytes at a time, for a field of at most 7 digits before the point and 7
/// after, ended within the 16 bytes `h` by a byte that is neither a digit nor the point (which
/// is not looked at further); `None` for anything else, which [`narrow_decimal`] reads. The
/// digits make the same integer and the same power of ten as there, so the same quotient.
#[inline]
#[cfg(test)]
fn wide_decimal(h: &[u8; 16]) -> Option<(f64, usize)> {
    wide_parts(h).map(|(m, d, k)| (small_f64(m) / POW10[d], k))
}

/// [`wide_decimal`] as [`Parts`].
#[inline]
fn wide_parts(h: &[u8; 16]) -> Option<Parts> {
    let all = u128::from_le_bytes(*h);
    let w0 = all as u64;
    let nd = non_digits(w0);
    if nd == 0 {
        return None;
    }
    // At most 7: the first byte that is not a digit.
    let int_len = (nd.trailing_zeros() / 8) as usize & 7;
    if (w0 >> (8 * int_len)) as u8 != b'.' {
        return (int_len > 0).then(|| (digits8(w0, int_len), 0, int_len));
    }
    // The eight bytes after the point.
    let w1 = (all >> (8 * (int_len + 1))) as u64;
    let nd = non_digits(w1);
    if nd == 0 {
        return None;
    }
    let frac_len = (nd.trailing_zeros() / 8) as usize & 7;
    if int_len + frac_len == 0 || (w1 >> (8 * frac_len)) as u8 == b'.' {
        return None;
    }
    let digits = int_len + frac_len;
    let mantissa = if digits <= 7 {
        // Most often: the digits before the point and after it fit in one word once the
        // point is taken out, and are read at once.
        let below = (1u64 << (8 * int_len)) - 1;
        digits8((w0 & below) | (w1 << (8 * int_len)), digits)
    } else {
        digits8(w0, int_len) * POW10U[frac_len] + digits8(w1, frac_len)
    };
    Some((mantissa, frac_len, int_len + 1 + frac_len))
}

/// A field that is not a plain decimal in range: any number the model takes, or a level name.
fn general(field: &str, c: &Criterion) -> Option<f64> {
    match field.parse::<f64>() {
        Ok(x) => value(Cell::Number(x), c).ok(),
        Err(_) => match score(field, c).ok()? {
            (lo, hi) if lo == hi => Some(lo),
            _ => None,
        },
    }
}

/// Whether no two alternatives share an id: their ids' 64-bit hashes split by their top bits
/// into parts of a few thousand (one scatter), each part put in an open-addressing table
/// twice its size, small enough to stay in the cache, the parts in parallel; if two hashes
/// are equal, the ids themselves are compared.
///
/// Returns the arena `arena` makes when the ids are distinct. The hashes are checked, and
/// dropped, before the arena is made, so that the two are not held at once.
fn unique(hashes: Vec<Vec<u64>>, arena: impl FnOnce() -> Option<Arena>) -> Option<Arena> {
    let distinct = distinct_hashes(&hashes);
    drop(hashes);
    let arena = arena()?;
    (distinct || distinct_ids(&arena)).then_some(arena)
}

/// Whether the hashes of all `blocks` are distinct (false also when two differ only in their
/// lowest bit).
fn distinct_hashes(blocks: &[Vec<u64>]) -> bool {
    let n: usize = blocks.iter().map(Vec::len).sum();
    // About 4,096 hashes a part, in at most 2^16 parts.
    let part_bits = (usize::BITS - (n >> 12).leading_zeros()).min(16);
    let parts = 1usize << part_bits;
    let part = |h: u64| h.checked_shr(64 - part_bits).unwrap_or(0) as usize;
    // The blocks in a few groups of consecutive ones, each counted and scattered by one task.
    let per = blocks
        .len()
        .div_ceil(4 * rayon::current_num_threads().max(1))
        .max(1);
    let groups: Vec<&[Vec<u64>]> = blocks.chunks(per).collect();
    let counts: Vec<Vec<usize>> = groups
        .par_iter()
        .map(|group| {
            let mut count = vec![0; parts];
            for &h in group.iter().flatten() {
                count[part(h)] += 1;
            }
            count
        })
        .collect();
    // Zeros written on every thread, so that the pages are faulted in (and zeroed) in
    // parallel before the scatter writes them.
    let mut by_part: Vec<u64> = (0..n)
        .into_par_iter()
        .with_min_len(1 << 14)
        .map(|_| 0)
        .collect();
    // Part by part, each group's room for its hashes of the part: the groups scatter side
    // by side, each into rooms of its own.
    let mut rooms: Vec<Vec<&mut [u64]>> =
        groups.iter().map(|_| Vec::with_capacity(parts)).collect();
    let mut ranges = Vec::with_capacity(parts);
    let mut rest = by_part.as_mut_slice();
    let mut at = 0;
    for p in 0..parts {
        let from = at;
        for (g, count) in counts.iter().enumerate() {
            let (room, after) = std::mem::take(&mut rest).split_at_mut(count[p]);
            rooms[g].push(room);
            rest = after;
            at += count[p];
        }
        ranges.push(from..at);
    }
    rooms
        .into_par_iter()
        .zip(&groups)
        .for_each(|(mut rooms, group)| {
            let mut filled = vec![0; parts];
            for &h in group.iter().flatten() {
                let p = part(h);
                rooms[p][filled[p]] = h;
                filled[p] += 1;
            }
        });
    ranges
        .par_iter()
        .with_min_len(16)
        .map_init(Vec::new, |table, r| distinct_in(&by_part[r.clone()], table))
        .all(|distinct| distinct)
}

/// Whether `hashes` are distinct, by an open-addressing table (`table`, reused) twice their
/// number in size.
fn distinct_in(hashes: &[u64], table: &mut Vec<u64>) -> bool {
    let bits = (hashes.len() * 2)
        .next_power_of_two()
        .max(16)
        .trailing_zeros();
    let mask = (1usize << bits) - 1;
    table.clear();
    table.resize(mask + 1, 0);
    for &h in hashes {
        // 0 marks an empty slot, so no hash is 0 (one of two hashes in 2^64 shares a slot
        // value with its neighbour, and is then compared as ids).
        let h = h | 1;
        let mut k = (h.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - bits)) as usize;
        loop {
            match table[k] {
                0 => {
                    table[k] = h;
                    break;
                }
                t if t == h => return false,
                _ => k = (k + 1) & mask,
            }
        }
    }
    true
}

/// Whether no two ids of the arena are equal, by comparing them.
fn distinct_ids(arena: &Arena) -> bool {
    let mut seen = std::collections::HashSet::with_capacity(arena.len());
    (0..arena.len()).all(|i| seen.insert(arena.get(i).0))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fused field parser reads what `simple_decimal` reads, stopping at a comma.
    #[test]
    fn decimal_fields_are_simple_decimals() {
        for text in [
            "42.3641",
            "0",
            "7",
            ".5",
            "5.",
            "0.1",
            "123456789012345",
            "99999.99999",
            "0.00000000000001",
            "",
            ".",
            "-1",
            "+1",
            "1e5",
            " 1",
            "1 ",
            "1.2.3",
            "1234567890123456",
            "0.000000000000001",
            "inf",
            "High",
            "12345678901234567",
        ] {
            let want = super::super::simple_decimal(text.as_bytes());
            assert_eq!(
                decimal_field(text.as_bytes()).map(|(x, _)| x),
                want,
                "{text}"
            );
            let with = format!("{text},9");
            assert_eq!(
                decimal_field(with.as_bytes()),
                want.map(|x| (x, text.len())),
                "{text}"
            );
        }
    }

    /// The comma mask finds every comma a byte-at-a-time search finds, in texts of many
    /// lengths (windows whole and cut short), after skips to places before, inside and past
    /// its window; a skip to before the window forgets nothing (a shift by a negative amount
    /// once cleared the window).
    #[test]
    fn commas_are_found_as_a_search_finds_them() {
        let mut state = 7u64;
        for len in (0..300).chain([1000, 4096]) {
            let text: Vec<u8> = (0..len)
                .map(|_| {
                    state = state
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    if (state >> 60) < 3 { b',' } else { b'7' }
                })
                .collect();
            let search = |from: usize| (from..len).filter(|&k| text[k] == b',').collect::<Vec<_>>();
            let mut all = Commas::new(&text);
            assert_eq!(
                std::iter::from_fn(|| all.pop()).collect::<Vec<_>>(),
                search(0)
            );
            for step in [1, 5, 63, 64, 65, 130] {
                // Take a few commas, then skip `step` bytes past the last taken (or back to
                // just after it); what follows is what a search from there finds.
                let mut c = Commas::new(&text);
                let mut at = 0;
                while at < len {
                    let taken: Vec<usize> = (0..3).map_while(|_| c.pop()).collect();
                    let Some(&last) = taken.last() else { break };
                    assert_eq!(taken, search(at).into_iter().take(3).collect::<Vec<_>>());
                    at = if step == 5 { last + 1 } else { last + step };
                    // A look ahead may move the window past `at`.
                    c.peek();
                    c.skip_to(at);
                    assert_eq!(c.peek(), search(at).first().copied(), "len {len} at {at}");
                }
            }
        }
    }

    /// 300,000 fields of up to 17 characters from `seed`: mostly digits (so that long plain
    /// numbers are common), the others from `alphabet`.
    fn random_fields(mut state: u64, alphabet: &'static [u8]) -> impl Iterator<Item = Vec<u8>> {
        (0..300_000).map(move |_| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let len = (state >> 59) as usize % 18;
            (0..len)
                .map(|k| {
                    let pick = (state >> (k * 3 % 56)) as usize ^ k.wrapping_mul(2654435761);
                    if pick.is_multiple_of(4) {
                        alphabet[pick / 4 % alphabet.len()]
                    } else {
                        b'0' + (pick / 4 % 10) as u8
                    }
                })
                .collect()
        })
    }

    /// A field whose end is known reads what a byte at a time reads, to the bit: every field
    /// of up to 17 characters of digits, points and the bytes next to them (`/` and `:`
    /// around the digits, `-` and a non-ASCII byte), followed by more of the line; and one
    /// word's look takes every plain decimal of up to eight bytes but eight digits.
    #[test]
    fn known_fields_are_narrow_decimals() {
        let mut short = 0;
        for mut field in random_fields(3, b"0123456789..9-/:\xb5") {
            let len = field.len();
            let want = narrow_parts(&field)
                .filter(|&(_, _, n)| n == len)
                .map(|(d, e, _)| (d, e));
            field.extend_from_slice(b",12345678901234567890");
            assert_eq!(
                known_field(&field, 0, len),
                want,
                "{:?}",
                String::from_utf8_lossy(&field)
            );
            if (1..=8).contains(&len) {
                let w = u64::from_le_bytes(*field.first_chunk().unwrap());
                let got = short_parts(w, len);
                let eight_digits = len == 8 && field[..8].iter().all(u8::is_ascii_digit);
                assert_eq!(got, want.filter(|_| !eight_digits), "{:?}", &field[..len]);
                short += usize::from(got.is_some());
            }
        }
        assert!(short > 20_000, "{short}");
    }

    /// Eight bytes at a time reads what a byte at a time reads: every field of up to 17
    /// characters of digits, points, commas and a few others, followed by more of the line.
    #[test]
    fn wide_decimals_are_narrow_decimals() {
        let mut wide = 0;
        for mut field in random_fields(1, b"0123456789.,.9-e/:") {
            field.extend_from_slice(b",12345678901234567890");
            let head: &[u8; 16] = field.first_chunk().unwrap();
            let want = narrow_decimal(&field);
            match wide_decimal(head) {
                // Ended by a comma: what a byte at a time reads, to the bit.
                Some(got) if field[got.1] == b',' => {
                    wide += 1;
                    assert_eq!(Some(got), want, "{:?}", String::from_utf8_lossy(&field));
                    assert_eq!(want.unwrap().0.to_bits(), got.0.to_bits());
                }
                // Ended by anything else: no plain decimal up to the comma.
                Some(got) => assert!(
                    want.is_none(),
                    "{:?} {got:?}",
                    String::from_utf8_lossy(&field)
                ),
                // Left to a byte at a time: more than 7 digits on a side, or no number.
                None => {}
            }
            assert_eq!(decimal_field(&field), want);
        }
        assert!(wide > 30_000, "{wide}");
        for text in [
            "42.3641",
            "100.7534",
            "7",
            ".5",
            "5.",
            "1234567.1234567",
            "0.0000001",
        ] {
            let field = format!("{text},1,2,3,4,5,6,7,8,9");
            let want: f64 = text.parse().unwrap();
            let got = wide_decimal(field.as_bytes().first_chunk().unwrap());
            assert_eq!(got, Some((want, text.len())), "{text}");
        }
    }

    /// Below 2^52 the exact conversion is the conversion, to the bit.
    #[test]
    fn small_integers_convert_exactly() {
        let mut state = 3u64;
        for m in [0, 1, 9, 10, 999_999_999_999_999, (1 << 52) - 1, 1 << 51] {
            assert_eq!(small_f64(m).to_bits(), (m as f64).to_bits(), "{m}");
        }
        for _ in 0..100_000 {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let m = state >> (12 + (state >> 60));
            assert_eq!(small_f64(m).to_bits(), (m as f64).to_bits(), "{m}");
        }
    }

    /// The hash table finds a repeated id, and lets distinct ids with equal hashes through,
    /// whatever blocks the hashes come in.
    #[test]
    fn unique_ids_are_told_from_repeated_ones() {
        let arena = |ids: &[&str]| {
            let mut text = String::new();
            let mut starts = Vec::new();
            for id in ids {
                starts.push(text.len() as u32);
                text.push_str(id);
            }
            starts.push(text.len() as u32);
            Arena::new(text, starts)
        };
        use std::hash::BuildHasher;
        let hasher = std::hash::BuildHasherDefault::<IdHasher>::default();
        // The hashes in two blocks, a third of them in the first.
        let hash = |ids: &[&str]| {
            let all: Vec<u64> = ids.iter().map(|i| hasher.hash_one(*i)).collect();
            let (first, rest) = all.split_at(all.len() / 3);
            vec![first.to_vec(), Vec::new(), rest.to_vec()]
        };
        let many: Vec<String> = (0..5000).map(|i| format!("a{i}")).collect();
        let mut ids: Vec<&str> = many.iter().map(String::as_str).collect();
        assert!(unique(hash(&ids), || Some(arena(&ids))).is_some());
        ids.push("a4321");
        assert!(unique(hash(&ids), || Some(arena(&ids))).is_none());
        // Equal hashes of different ids: told apart by the ids.
        let ids = ["x", "y"];
        assert!(unique(vec![vec![7], vec![7]], || Some(arena(&ids))).is_some());
        assert!(unique(vec![vec![7, 7]], || Some(arena(&["x", "x"]))).is_none());
        assert!(unique(Vec::new(), || Some(arena(&[]))).is_some());
        // Enough ids for many parts, a repeat in the first, a middle and the last row.
        let many: Vec<String> = (0..60_000).map(|i| format!("b{i}")).collect();
        let ids: Vec<&str> = many.iter().map(String::as_str).collect();
        assert!(unique(hash(&ids), || Some(arena(&ids))).is_some());
        for (at, of) in [(0, 59_999), (31_000, 17), (59_999, 0)] {
            let mut ids = ids.clone();
            ids[at] = ids[of];
            assert!(
                unique(hash(&ids), || Some(arena(&ids))).is_none(),
                "row {at} repeats row {of}"
            );
        }
        // Hashes all in one part, with and without a repeat.
        let low: Vec<u64> = (1..=20_000).map(|h| h * 2).collect();
        assert!(distinct_hashes(std::slice::from_ref(&low)));
        let mut repeat = low.clone();
        repeat[19_999] = 2;
        assert!(!distinct_hashes(std::slice::from_ref(&repeat)));
        let (first, rest) = repeat.split_at(10_000);
        assert!(!distinct_hashes(&[first.to_vec(), rest.to_vec()]));
        // Blocks of many sizes, empty ones among them, counted and scattered in groups of
        // several blocks (as many groups as the thread count makes): a repeat across blocks
        // of different groups, of neighbours, and of the last hash.
        let hashes: Vec<u64> = (1..=50_000u64)
            .map(|i| i.wrapping_mul(0x9E37_79B9_7F4A_7C15))
            .collect();
        let blocks = |h: &[u64]| {
            let mut out = Vec::new();
            let (mut at, mut k) = (0, 0);
            while at < h.len() {
                let to = (at + (k * 37) % 3000).min(h.len());
                out.push(h[at..to].to_vec());
                (at, k) = (to, k + 1);
            }
            out
        };
        for threads in [1, 2, 8] {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            assert!(pool.install(|| distinct_hashes(&blocks(&hashes))));
            for (at, of) in [(49_999, 3), (1_234, 1_235), (25_000, 40_000)] {
                let mut h = hashes.clone();
                h[at] = h[of];
                assert!(
                    !pool.install(|| distinct_hashes(&blocks(&h))),
                    "hash {at} repeats hash {of}, {threads} threads"
                );
            }
        }
    }

    /// A file of many reads' length, lines across the reads' ends, one line longer than a
    /// read, with and without a final newline: what the general reader reads, in blocks of
    /// every kind of size.
    #[test]
    fn lines_across_reads_read_what_the_general_reader_reads() {
        let criteria = super::super::tests::test_criteria();
        let dir = tempfile::tempdir().unwrap();
        let model = model();
        for swap in [false, true] {
            let mut text = String::from(if swap {
                "id,name,lvl,x\r\n"
            } else {
                "id,name,x,lvl\r\n"
            });
            for i in 0..9000 {
                let name = match i % 7 {
                    0 => String::new(),
                    3 => "n".repeat(i % 200),
                    _ => format!("Name {i}"),
                };
                let x = match i % 5 {
                    0 => format!("{}", i * 37),
                    1 => format!("{}.{}", i % 1000, i % 97),
                    2 => format!("12345678.{i}"),
                    3 => format!("1e{}", i % 5),
                    _ => format!("0.{:07}", i),
                };
                let lvl = if i % 2 == 0 { "Low" } else { "High" };
                let end = if i % 11 == 0 { "\r\n" } else { "\n" };
                let (first, second) = if swap {
                    (lvl, x.as_str())
                } else {
                    (x.as_str(), lvl)
                };
                text.push_str(&format!("a{i},{name},{first},{second}{end}"));
                if i == 4000 {
                    let (first, second) = if swap {
                        ("Low", "7.25")
                    } else {
                        ("7.25", "Low")
                    };
                    text.push_str(&format!("long,{},{first},{second}\n", "L".repeat(3 * READ)));
                }
            }
            assert!(text.len() > 6 * READ);
            for ending in ["", "\n"] {
                let text = format!("{}{ending}", text.trim_end());
                let path = dir.path().join("m.csv");
                let want = written(&path, &text, &criteria);
                for block in [97, 4099, READ - 1, READ, READ + 3, 200_000, 4 << 20] {
                    let got = read_blocks(&model, 0..1, &path, &criteria, block, false)
                        .unwrap()
                        .unwrap_or_else(|| panic!("blocks of {block}"));
                    assert_eq!(got.0.as_slice(), &want.0[..], "blocks of {block}");
                    assert_eq!(got.1, want.1, "blocks of {block}");
                }
            }
        }
    }

    /// The model the test data files belong to (only named in messages).
    fn model() -> Source<'static> {
        Source {
            path: Path::new("m.toml"),
            text: "csv = \"m.csv\"",
        }
    }

    /// `text` written to `path`, and what the general reader reads of it.
    fn written(
        path: &Path,
        text: &str,
        criteria: &[Criterion],
    ) -> (Vec<crate::model::Alternative>, Scores) {
        std::fs::write(path, text).unwrap();
        super::super::parse_csv(&Source { path, text }, criteria).unwrap()
    }

    /// The bits of every value of `m`, column by column.
    fn bits(m: &nalgebra::DMatrix<f64>) -> Vec<u64> {
        m.iter().map(|v| v.to_bits()).collect()
    }

    /// Two numeric criteria without ranges, `x` and `y`.
    fn numbers_x_y() -> [Criterion; 2] {
        let x = super::super::tests::test_criteria().remove(0);
        let y = Criterion {
            id: "y".into(),
            ..x.clone()
        };
        [x, y]
    }

    /// Scores kept as digits are the doubles read otherwise, bit for bit, in blocks of every
    /// size (columns whose number of decimals changes within a block and between blocks);
    /// a value past 32 bits of digits, or anything but a plain decimal, has the file read
    /// into doubles.
    #[test]
    fn digits_are_the_doubles_read_otherwise() {
        let criteria = numbers_x_y();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.csv");
        let model = model();
        let mut mixed = String::from("id,name,x,y\n");
        for i in 0..400 {
            let x = if i < 200 {
                format!("{i}")
            } else {
                format!("{}.{:03}", i, i * 7 % 1000)
            };
            mixed.push_str(&format!("a{i},,{x},{}.{}\n", i % 13, i % 10));
        }
        let plain = [
            mixed.as_str(),
            "id,name,x,y\na,,0.1,7\nb,B,0.25,8.125\nc,C,12,4294967.295\n",
            "id,name,x,y\na,,4294967295,0\n",
        ];
        for text in plain {
            std::fs::write(&path, text).unwrap();
            for block in [1, 7, 64, 4096] {
                let read = |decimals| {
                    read_blocks(&model, 0..1, &path, &criteria, block, decimals)
                        .unwrap()
                        .unwrap()
                        .1
                };
                let (digits, doubles) = (read(true), read(false));
                let kept = digits.decimals().expect("kept as digits").to_matrix();
                assert_eq!(
                    bits(&kept),
                    bits(doubles.mid()),
                    "{text:?} in blocks of {block}"
                );
                assert!(!digits.has_matrix());
            }
        }
        for doubles in [
            "id,name,x,y\na,,4294967296,0\n",
            "id,name,x,y\na,,429496730,0\nb,,1.5,0\n",
            "id,name,x,y\na,,1.5,0\nb,,429496730,0\n",
            "id,name,x,y\na,,1e3,0\n",
            "id,name,x,y\na,,0.1234567890123,0\n",
        ] {
            std::fs::write(&path, doubles).unwrap();
            for block in [1, 4096] {
                assert!(
                    matches!(
                        read_blocks(&model, 0..1, &path, &criteria, block, true),
                        Err(Retry::Doubles)
                    ),
                    "{doubles:?}"
                );
                let (_, scores) = read(&model, 0..1, &path, &criteria, true).unwrap().unwrap();
                assert!(
                    scores.decimals().is_none() && scores.has_matrix(),
                    "{doubles:?}"
                );
            }
        }
    }

    /// The room for a block's digits is foretold from the first lines: when they are long and
    /// the rest short, the shared buffer runs out (blocks take buffers of their own) and the
    /// blocks' rows outgrow their first room; the digits are still the doubles read otherwise.
    #[test]
    fn digits_outgrow_the_room_the_first_lines_foretell() {
        let criteria = numbers_x_y();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.csv");
        let model = model();
        let mut text = String::from("id,name,x,y\n");
        for i in 0..300 {
            text.push_str(&format!("long{i},{},{i}.5,{}\n", "N".repeat(1000), i % 7));
        }
        for i in 0..60_000 {
            text.push_str(&format!("{i},,{},{}.{}\n", i % 1000, i % 13, i % 10));
        }
        let want = written(&path, &text, &criteria);
        for block in [4096, 100_000, 4 << 20] {
            let (alts, digits) = read_blocks(&model, 0..1, &path, &criteria, block, true)
                .unwrap()
                .unwrap();
            assert_eq!(alts.as_slice(), &want.0[..], "blocks of {block}");
            let kept = digits.decimals().expect("kept as digits").to_matrix();
            assert_eq!(kept.shape(), (60_300, 2));
            assert_eq!(bits(&kept), bits(want.1.mid()), "blocks of {block}");
        }
    }

    /// Each block's text of ids and names holds little more room than it uses, for rows
    /// mostly of numbers (a million rows' texts once held twice the room they used).
    #[test]
    fn block_texts_hold_about_what_they_use() {
        let criteria = numbers_x_y();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.csv");
        let mut text = String::from("id,name,x,y\n");
        for i in 0..20_000 {
            text.push_str(&format!("a{i},,1234567.1234567,7654321.7654321\n"));
        }
        std::fs::write(&path, &text).unwrap();
        let model = model();
        let (alts, _) = read_blocks(&model, 0..1, &path, &criteria, 64 << 10, false)
            .unwrap()
            .unwrap();
        let (used, room) = alts.text_room().unwrap();
        assert!(used > 100_000, "{used}");
        assert!(room <= used + used / 4 + 64 * 16, "{used} bytes in {room}");
    }

    /// Every block size, down to blocks shorter than a line, gives what the general reader
    /// gives; what the blockwise reader does not take goes to the general reader.
    #[test]
    fn blocks_of_any_size_read_what_the_general_reader_reads() {
        let criteria = super::super::tests::test_criteria();
        let dir = tempfile::tempdir().unwrap();
        let model = model();
        let plain = [
            "id,name,x,lvl\na,Alpha,1.5,Low\nb,,2,High\r\nc,Gamma,0.25,Low",
            "id,name,x,lvl\na,Alpha,1.5,Low\nb,,2,High\r\nc,Gamma,0.25,Low\n",
            "id,name,x,lvl\r\nlong-id-number-one,A much longer name than the block,123456.789,High\nz, Zed ,1e3,Low\n",
            "id,name,x,lvl\n a ,Alpha,1.5,Low\nb\t,Be ta ,2,High\nc, Gamma,3,Low\nd,Delta\u{7f},4,Low\n",
            "id,name,lvl,x\nq,Q,Low,7\n",
            "id,name,lvl,x\nq,Q,Low,7\na,Al\u{1}pha \u{85}x,High,8\nb,Back\\slash,Low,9\nc,\u{1},Low,0\n",
        ];
        for text in plain {
            let path = dir.path().join("m.csv");
            let want = written(&path, text, &criteria);
            for block in [1, 2, 3, 5, 7, 8, 13, 16, 64, 4096] {
                let got = read_blocks(&model, 0..1, &path, &criteria, block, false)
                    .unwrap()
                    .unwrap_or_else(|| panic!("{text:?} in blocks of {block}"));
                assert!(got.0.is_compact());
                assert_eq!(
                    got.0.as_slice(),
                    &want.0[..],
                    "{text:?} in blocks of {block}"
                );
                assert_eq!(got.1, want.1, "{text:?} in blocks of {block}");
            }
        }
        assert_eq!(
            read_blocks(&model, 0..1, &dir.path().join("m.csv"), &criteria, 5, false)
                .unwrap()
                .unwrap()
                .1
                .mid()[(0, 0)],
            7.0
        );
        for other in [
            "id,name,x,lvl\na,\"Alpha, A\",1.5,Low\n",
            "id,name,x,lvl\na,Alpha,1..2,Low\n",
            "id,name,x,lvl\na,Alpha,1,Low\n\nb,Beta,2,Low\n",
            "id,name,x,lvl\na,Alpha,1,Low\na,Again,2,Low\n",
            "id,name,x,lvl\na,Alpha,-1,Low\n",
            "id,name,x,lvl\na,Alpha,1,Lowish\n",
            "id,name,x,lvl\na,Alpha,1\n",
            "id,name,x,lvl\na,Alpha,1,Low,extra\n",
            "id,name,x,lvl\nA,Alpha,1,Low\n",
            "id,name,x,lvl\n",
            "id,name,x\na,Alpha,1\n",
            "",
        ] {
            let path = dir.path().join("m.csv");
            std::fs::write(&path, other).unwrap();
            for block in [3, 4096] {
                assert!(
                    read_blocks(&model, 0..1, &path, &criteria, block, false)
                        .unwrap()
                        .is_none(),
                    "{other:?}"
                );
            }
        }
        let path = dir.path().join("bytes.csv");
        std::fs::write(&path, b"id,name,x,lvl\na,Al\xffpha,1,Low\n").unwrap();
        assert!(
            read_blocks(&model, 0..1, &path, &criteria, 4, false)
                .unwrap()
                .is_none()
        );
    }
}
