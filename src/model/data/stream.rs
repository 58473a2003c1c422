//! The blockwise reader of plain CSV data files: never holds the whole file.
//!
//! Two passes over the file, each in parallel over blocks of [`BLOCK`] bytes read with
//! positioned reads: the first counts the lines of every block (so the row limits are checked
//! before anything is parsed, and each block knows the first row it owns), the second parses
//! each block's lines straight into its rows of one column-major score matrix and its slots of
//! the alternatives. A block owns the lines whose preceding newline lies in it; the last of
//! them may run past the block's end, and is read on.
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
use super::super::limits::MAX_DATA_FILE_BYTES;
use super::super::scores::{Cell, value};
use super::super::{Criterion, Scores, text};
use super::alternatives::{Alternatives, Arena};
use super::{Csv, IdHasher, score};

/// The size of one block of the file.
const BLOCK: usize = 4 << 20;

/// Reads a plain CSV data file blockwise; `Ok(None)` when the general reader must read it.
/// The row limits are checked here, with the general reader's message.
pub(crate) fn read(
    model: &Source<'_>,
    at: Range<usize>,
    path: &Path,
    criteria: &[Criterion],
) -> Result<Option<(Alternatives, Scores)>, ModelError> {
    read_blocks(model, at, path, criteria, BLOCK)
}

/// [`read`] in blocks of `block` bytes.
fn read_blocks(
    model: &Source<'_>,
    at: Range<usize>,
    path: &Path,
    criteria: &[Criterion],
    block: usize,
) -> Result<Option<(Alternatives, Scores)>, ModelError> {
    let Ok((file, size)) = super::super::source::open(path, MAX_DATA_FILE_BYTES) else {
        return Ok(None);
    };
    let size = size as usize;
    if size == 0 {
        return Ok(None);
    }
    let blocks = size.div_ceil(block);
    // Pass 1: the newlines of every block.
    let counts: Option<Vec<usize>> = (0..blocks)
        .into_par_iter()
        .map_init(Vec::new, |buf, b| {
            let range = b * block..((b + 1) * block).min(size);
            read_exact_at(&file, buf, range).map(|bytes| memchr::memchr_iter(b'\n', bytes).count())
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
    let Some(header) = header(&file, size) else {
        return Ok(None);
    };
    let header_text = match std::str::from_utf8(&header) {
        Ok(t) if !t.contains('"') => t,
        _ => return Ok(None),
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
        return Ok(None);
    }
    let Ok(columns) = csv.header(&record) else {
        return Ok(None);
    };
    let m = criteria.len();
    let n = rows;
    // Pass 2: each block into its rows of every column and its alternatives.
    let mut values = vec![0.0; n * m];
    let mut parts: Vec<Vec<&mut [f64]>> = (0..blocks).map(|_| Vec::with_capacity(m)).collect();
    for column in values.chunks_mut(n).take(m) {
        let mut rest = column;
        for (part, &count) in parts.iter_mut().zip(&counts) {
            let (mine, tail) = rest.split_at_mut(count);
            part.push(mine);
            rest = tail;
        }
    }
    let mut hashes = vec![0u64; n];
    let mut slots: Vec<&mut [u64]> = Vec::with_capacity(blocks);
    let mut rest = hashes.as_mut_slice();
    for &count in &counts {
        let (mine, tail) = rest.split_at_mut(count);
        slots.push(mine);
        rest = tail;
    }
    let kinds = Kinds::of(criteria);
    let texts: Option<Vec<BlockText>> = parts
        .into_par_iter()
        .zip(slots)
        .enumerate()
        .map_init(Vec::new, |buf, (b, (mut cols, hashes))| {
            let text = block_lines(&file, buf, b * block..((b + 1) * block).min(size), size)?;
            parse_block(text, criteria, &kinds, &columns, &mut cols, hashes)
        })
        .collect();
    let Some(texts) = texts else {
        return Ok(None);
    };
    let Some(arena) = join(texts, n) else {
        return Ok(None);
    };
    if !unique(hashes, &arena) {
        return Ok(None);
    }
    let matrix = nalgebra::DMatrix::from_vec(n, m, values);
    Ok(Some((
        Alternatives::from_arena(arena),
        Scores::exact(matrix),
    )))
}

/// The ids and names of one block's rows: `id` or `id,name` one after the other, and where
/// each row's starts in the block's text.
struct BlockText {
    text: String,
    starts: Vec<u32>,
}

/// The blocks' texts as one arena of `n` rows; `None` if the text is too long for 32-bit
/// offsets (it cannot be, as the file is at most 1 GiB).
fn join(texts: Vec<BlockText>, n: usize) -> Option<Arena> {
    let total: usize = texts.iter().map(|t| t.text.len()).sum();
    let total32 = u32::try_from(total).ok()?;
    let mut text = String::with_capacity(total);
    let mut starts = Vec::with_capacity(n + 1);
    for t in &texts {
        let offset = text.len() as u32;
        starts.extend(t.starts.iter().map(|&s| s + offset));
        text.push_str(&t.text);
    }
    starts.push(total32);
    (starts.len() == n + 1).then(|| Arena::new(text, starts))
}

/// Reads `range` of the file into `buf`.
fn read_exact_at<'b>(
    file: &std::fs::File,
    buf: &'b mut Vec<u8>,
    range: Range<usize>,
) -> Option<&'b [u8]> {
    buf.resize(range.len(), 0);
    file.read_exact_at(buf, range.start as u64).ok()?;
    Some(buf)
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

/// The text of the lines the block at `range` owns (those whose preceding newline lies in the block),
/// with the last line's newline if it has one; reads on past the block for that last line.
fn block_lines<'b>(
    file: &std::fs::File,
    buf: &'b mut Vec<u8>,
    range: Range<usize>,
    size: usize,
) -> Option<&'b str> {
    let end = range.end;
    read_exact_at(file, buf, range)?;
    let Some(first) = memchr::memchr(b'\n', buf) else {
        return Some("");
    };
    // The last line runs to the first newline at or after the block's end, or to the end
    // of the file.
    let mut stop = buf.len();
    let mut have = end;
    while have < size {
        let more = (have + 65536).min(size);
        let at = buf.len();
        buf.resize(at + (more - have), 0);
        file.read_exact_at(&mut buf[at..], have as u64).ok()?;
        stop = buf.len();
        if let Some(k) = memchr::memchr(b'\n', &buf[at..]) {
            stop = at + k + 1;
            break;
        }
        have = more;
    }
    std::str::from_utf8(&buf[first + 1..stop]).ok()
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

/// Parses the lines of one block into its rows of each column (`cols[j][r]`), the hashes of
/// its ids and the text of its ids and names; `None` at anything the general reader must see.
fn parse_block(
    text: &str,
    criteria: &[Criterion],
    kinds: &Kinds,
    columns: &[usize],
    cols: &mut [&mut [f64]],
    hashes: &mut [u64],
) -> Option<BlockText> {
    use std::hash::BuildHasher;
    let hasher = std::hash::BuildHasherDefault::<IdHasher>::default();
    let bytes = text.as_bytes();
    if memchr::memchr(b'"', bytes).is_some() {
        return None;
    }
    let mut out = BlockText {
        text: String::with_capacity(bytes.len() / 4),
        starts: Vec::with_capacity(hashes.len()),
    };
    let last = columns.len().checked_sub(1)?;
    let mut r = 0;
    let mut start = 0;
    while start < bytes.len() {
        let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |k| start + k);
        let mut line = &text[start..end];
        start = end + 1;
        if let Some(l) = line.strip_suffix('\r') {
            line = l;
        }
        if line.is_empty() {
            return None;
        }
        let hash = hashes.get_mut(r)?;
        let l = line.as_bytes();
        // Ids and names are short: a plain search beats a vectorised one's set-up.
        let comma = l.iter().position(|&b| b == b',')?;
        let id = trim(&line[..comma]);
        if !valid_id(id) {
            return None;
        }
        let mut pos = comma + 1;
        let comma = l[pos..].iter().position(|&b| b == b',')? + pos;
        let name = trim(&line[pos..comma]);
        pos = comma + 1;
        for (k, &j) in columns.iter().enumerate() {
            let (x, end) = match (kinds.0[j], decimal_field(&l[pos..])) {
                // A plain decimal is finite and not negative: no comparison waits for it.
                (Kind::Any, Some((x, len))) => (x, pos + len),
                (Kind::Within(lo, hi), Some((x, len))) if x >= lo && x <= hi => (x, pos + len),
                _ => {
                    let end = memchr::memchr(b',', &l[pos..]).map_or(l.len(), |e| pos + e);
                    (general(&line[pos..end], &criteria[j])?, end)
                }
            };
            // A comma after every field but the last, and nothing after the last.
            match (l.get(end), k < last) {
                (Some(b','), true) | (None, false) => {}
                _ => return None,
            }
            pos = end + 1;
            *cols[j].get_mut(r)? = x;
        }
        *hash = hasher.hash_one(id);
        out.starts.push(u32::try_from(out.text.len()).ok()?);
        out.text.push_str(id);
        if !name.is_empty() {
            out.text.push(',');
            // Names are kept without control characters, as every model's are.
            if name.bytes().any(|b| !(0x20..0x7f).contains(&b)) && text::needs_cleaning(name) {
                out.text.push_str(&text::clean(name));
            } else {
                out.text.push_str(name);
            }
        }
        r += 1;
    }
    (r == hashes.len()).then_some(out)
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

/// The plain decimal (as [`simple_decimal`] takes it) at the start of `b`, up to the next comma
/// or the end, with its length; `None` when the field is anything else. A field followed by
/// at least 16 bytes of its line is read eight bytes at a time ([`wide_decimal`]).
#[inline]
fn decimal_field(b: &[u8]) -> Option<(f64, usize)> {
    if let Some(head) = b.first_chunk::<16>()
        && let Some(found) = wide_decimal(head)
    {
        return Some(found);
    }
    narrow_decimal(b)
}

const POW10: [f64; 16] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
];

/// [`decimal_field`] a byte at a time.
#[inline]
fn narrow_decimal(b: &[u8]) -> Option<(f64, usize)> {
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
    Some((mantissa as i64 as f64 / POW10[decimals], k))
}

/// The bytes of `w` (eight characters, the first in the low byte) that are not ASCII digits,
/// as their high bits; exact up to the first such byte, which is all that is read of it.
#[inline]
fn non_digits(w: u64) -> u64 {
    (w.wrapping_add(0x4646_4646_4646_4646) | w.wrapping_sub(0x3030_3030_3030_3030))
        & 0x8080_8080_8080_8080
}

/// The value of the first `len` (at most 8) characters of `w`, all digits.
#[inline]
fn digits8(w: u64, len: usize) -> u64 {
    if len == 0 {
        return 0;
    }
    // The digits moved to the top, the first the most significant, zeros below them.
    let v = w.wrapping_sub(0x3030_3030_3030_3030) << (8 * (8 - len));
    // Pairs, then fours, then all eight: each step a multiply of packed lanes.
    let v = v.wrapping_mul(10).wrapping_add(v >> 8);
    ((v & 0x0000_00FF_0000_00FF)
        .wrapping_mul(100 + (1_000_000 << 32))
        .wrapping_add(((v >> 16) & 0x0000_00FF_0000_00FF).wrapping_mul(1 + (10_000 << 32))))
        >> 32
}

/// [`decimal_field`] eight bytes at a time, for a field followed by a comma within the 16
/// bytes `h`, of at most 7 digits before the point and 7 after; `None` for anything else,
/// which [`narrow_decimal`] reads. The digits make the same integer and the same power of
/// ten as there, so the same quotient.
#[inline]
fn wide_decimal(h: &[u8; 16]) -> Option<(f64, usize)> {
    const POW10U: [u64; 8] = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000, 10_000_000];
    let word = |at: usize| {
        let mut w = [0u8; 8];
        w.copy_from_slice(&h[at..at + 8]);
        u64::from_le_bytes(w)
    };
    let w0 = word(0);
    let nd = non_digits(w0);
    if nd == 0 {
        return None;
    }
    let int_len = (nd.trailing_zeros() / 8) as usize;
    let int_part = digits8(w0, int_len);
    match h[int_len] {
        b',' if int_len > 0 => Some((int_part as i64 as f64, int_len)),
        b'.' => {
            let f = int_len + 1;
            let w1 = word(f);
            let nd = non_digits(w1);
            if nd == 0 {
                return None;
            }
            let frac_len = (nd.trailing_zeros() / 8) as usize;
            if h[f + frac_len] != b',' || int_len + frac_len == 0 {
                return None;
            }
            let mantissa = int_part * POW10U[frac_len] + digits8(w1, frac_len);
            Some((mantissa as i64 as f64 / POW10[frac_len], f + frac_len))
        }
        _ => None,
    }
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

/// Whether no two alternatives share an id: their ids' 64-bit hashes put in an open-addressing
/// table twice their number in size (one pass, no sort); if two hashes are equal, the ids
/// themselves are compared.
fn unique(hashes: Vec<u64>, arena: &Arena) -> bool {
    let bits = (hashes.len() * 2)
        .next_power_of_two()
        .max(16)
        .trailing_zeros();
    let mask = (1usize << bits) - 1;
    let mut table = vec![0u64; mask + 1];
    for &h in &hashes {
        // 0 marks an empty slot, so no hash is 0 (one of two hashes in 2^64 shares a slot
        // value with its neighbour, and is then compared as ids below).
        let h = h | 1;
        let mut k = (h.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - bits)) as usize;
        loop {
            match table[k] {
                0 => {
                    table[k] = h;
                    break;
                }
                t if t == h => return distinct_ids(arena),
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

    /// Eight bytes at a time reads what a byte at a time reads: every field of up to 17
    /// characters of digits, points, commas and a few others, followed by more of the line.
    #[test]
    fn wide_decimals_are_narrow_decimals() {
        let alphabet = b"0123456789.,.9-e/:";
        let mut state = 1u64;
        let mut wide = 0;
        for _ in 0..300_000 {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let len = (state >> 59) as usize % 18;
            let mut field: Vec<u8> = (0..len)
                .map(|k| {
                    let pick = (state >> (k * 3 % 56)) as usize ^ k.wrapping_mul(2654435761);
                    // Mostly digits, so that long plain numbers are common.
                    if pick.is_multiple_of(4) {
                        alphabet[pick / 4 % alphabet.len()]
                    } else {
                        b'0' + (pick / 4 % 10) as u8
                    }
                })
                .collect();
            field.extend_from_slice(b",12345678901234567890");
            let head: &[u8; 16] = field.first_chunk().unwrap();
            let want = narrow_decimal(&field);
            if let Some(got) = wide_decimal(head) {
                wide += 1;
                assert_eq!(Some(got), want, "{:?}", String::from_utf8_lossy(&field));
                assert_eq!(want.unwrap().0.to_bits(), got.0.to_bits());
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

    /// The hash table finds a repeated id, and lets distinct ids with equal hashes through.
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
        let hash = |ids: &[&str]| ids.iter().map(|i| hasher.hash_one(*i)).collect::<Vec<_>>();
        let many: Vec<String> = (0..5000).map(|i| format!("a{i}")).collect();
        let mut ids: Vec<&str> = many.iter().map(String::as_str).collect();
        assert!(unique(hash(&ids), &arena(&ids)));
        ids.push("a4321");
        assert!(!unique(hash(&ids), &arena(&ids)));
        // Equal hashes of different ids: told apart by the ids.
        let ids = ["x", "y"];
        assert!(unique(vec![7, 7], &arena(&ids)));
        assert!(!unique(vec![7, 7], &arena(&["x", "x"])));
        assert!(unique(Vec::new(), &arena(&[])));
    }

    /// Every block size, down to blocks shorter than a line, gives what the general reader
    /// gives; what the blockwise reader does not take goes to the general reader.
    #[test]
    fn blocks_of_any_size_read_what_the_general_reader_reads() {
        let criteria = super::super::tests::test_criteria();
        let dir = tempfile::tempdir().unwrap();
        let model = Source {
            path: Path::new("m.toml"),
            text: "csv = \"m.csv\"",
        };
        let plain = [
            "id,name,x,lvl\na,Alpha,1.5,Low\nb,,2,High\r\nc,Gamma,0.25,Low",
            "id,name,x,lvl\na,Alpha,1.5,Low\nb,,2,High\r\nc,Gamma,0.25,Low\n",
            "id,name,x,lvl\r\nlong-id-number-one,A much longer name than the block,123456.789,High\nz, Zed ,1e3,Low\n",
            "id,name,lvl,x\nq,Q,Low,7\n",
            "id,name,lvl,x\nq,Q,Low,7\na,Al\u{1}pha \u{85}x,High,8\nb,Back\\slash,Low,9\nc,\u{1},Low,0\n",
        ];
        for text in plain {
            let path = dir.path().join("m.csv");
            std::fs::write(&path, text).unwrap();
            let want = super::super::parse_csv(&Source { path: &path, text }, &criteria).unwrap();
            for block in [1, 2, 3, 5, 7, 8, 13, 16, 64, 4096] {
                let got = read_blocks(&model, 0..1, &path, &criteria, block)
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
            read_blocks(&model, 0..1, &dir.path().join("m.csv"), &criteria, 5)
                .unwrap()
                .unwrap()
                .1
                .mid[(0, 0)],
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
                    read_blocks(&model, 0..1, &path, &criteria, block)
                        .unwrap()
                        .is_none(),
                    "{other:?}"
                );
            }
        }
        let path = dir.path().join("bytes.csv");
        std::fs::write(&path, b"id,name,x,lvl\na,Al\xffpha,1,Low\n").unwrap();
        assert!(
            read_blocks(&model, 0..1, &path, &criteria, 4)
                .unwrap()
                .is_none()
        );
    }
}
