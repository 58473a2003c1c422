//! Reproducible random numbers: one generator per chunk of draws, and uniform points on the
//! weight simplex.

use rand_core::Rng;
use rand_pcg::Pcg64Mcg;

/// The stream of the draws behind the acceptability indices and central weights.
pub(super) const STREAM_RANKS: u64 = 0;
/// The stream of the score draws behind the confidence factors.
pub(super) const STREAM_CONFIDENCE: u64 = 1;
/// The stream of the pilot that checks the weight constraints.
pub(super) const STREAM_PILOT: u64 = 2;

fn splitmix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The generator of chunk `k` of a stream, from the user's seed.
pub(super) fn chunk_rng(seed: u64, stream: u64, k: u64) -> Pcg64Mcg {
    let hi = splitmix64(seed ^ splitmix64(stream));
    let lo = splitmix64(hi ^ k.wrapping_mul(0xD1B5_4A32_D192_ED03));
    Pcg64Mcg::new((u128::from(hi) << 64) | u128::from(lo))
}

/// A uniform number in [0, 1), from the top 53 bits.
#[inline(always)]
pub(super) fn unit(rng: &mut Pcg64Mcg) -> f64 {
    (rng.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// Fills `out` with a point uniform on the simplex: the spacings of `k − 1` sorted uniforms
/// (Devroye 1986, ch. V). Up to 16 criteria the uniforms are sorted by counting (each one's
/// position is how many are smaller: no data-dependent branch); above, by a sort, so that a
/// draw stays O(k log k) however many criteria there are. `buf` is scratch.
#[inline]
pub(super) fn simplex(rng: &mut Pcg64Mcg, out: &mut [f64], buf: &mut Vec<f64>) {
    let k = out.len();
    buf.clear();
    buf.extend((1..k).map(|_| unit(rng)));
    if k <= 16 {
        for (a, &u) in buf.iter().enumerate() {
            let smaller = buf[..a].iter().filter(|&&v| v <= u).count()
                + buf[a + 1..].iter().filter(|&&v| v < u).count();
            out[smaller] = u;
        }
    } else {
        buf.sort_unstable_by(f64::total_cmp);
        out[..k - 1].copy_from_slice(buf);
    }
    let mut prev = 0.0;
    for o in out[..k - 1].iter_mut() {
        let u = *o;
        *o = u - prev;
        prev = u;
    }
    out[k - 1] = 1.0 - prev;
}

/// Draws made together, lane by lane: `Lanes[d]` belongs to draw `d` of a batch.
pub(super) use crate::linear::{LANES, Lanes};

/// A sorting network for `k` values: compare-exchange steps `(a, b)`, `a < b`, after which
/// position `a` holds the smaller value. Batcher's odd–even merge sort (Knuth, TAOCP vol. 3,
/// 5.3.4, algorithm M) on the next power of two, with every step that touches a position at or
/// beyond `k` dropped: pad those positions with +∞ and no step ever moves them, so the steps
/// left sort the first `k`.
pub(super) fn sorting_network(k: usize) -> Vec<(u8, u8)> {
    assert!(k <= 256, "a sorting network for {k} values");
    let size = k.next_power_of_two();
    let mut steps = Vec::new();
    let mut p = 1;
    while p < size {
        let mut d = p;
        while d >= 1 {
            let mut j = d % p;
            while j + d < size {
                for i in 0..d.min(size - j - d) {
                    let (a, b) = (i + j, i + j + d);
                    if a / (2 * p) == b / (2 * p) && b < k {
                        steps.push((a as u8, b as u8));
                    }
                }
                j += 2 * d;
            }
            d /= 2;
        }
        p *= 2;
    }
    steps
}

/// The weight draws of a batch on the simplex, `lanes` of them (the rest of each row is left
/// as it was): the same numbers, from the same uniforms in the same order, as [`simplex`]
/// gives one draw at a time (the sort is the same multiset put in order, and the spacings are
/// the same subtractions). The uniforms of draw `d` are drawn before those of draw `d + 1`
/// ([`simplex_uniforms`]); they are then sorted for every draw at once by `network` (from
/// [`sorting_network`] for `m − 1` values), each step a minimum and a maximum over the lanes,
/// and turned into spacings ([`simplex_spacings`]).
#[cfg(test)]
pub(super) fn simplex_lanes(
    rng: &mut Pcg64Mcg,
    w: &mut [Lanes],
    lanes: usize,
    network: &[(u8, u8)],
) {
    for d in 0..lanes {
        simplex_uniforms(rng, w, d);
    }
    simplex_spacings(w, network);
}

/// The `m − 1` uniforms of draw `d` of a batch into rows `0 … m − 2` of `w`, in the order
/// [`simplex`] draws them.
#[inline(always)]
pub(super) fn simplex_uniforms(rng: &mut Pcg64Mcg, w: &mut [Lanes], d: usize) {
    let k = w.len();
    for row in w[..k.saturating_sub(1)].iter_mut() {
        row[d] = unit(rng);
    }
}

/// Sorts the rows of every lane into increasing order by `network` (from [`sorting_network`]
/// for at most `rows.len()` values), each step a minimum and a maximum over the lanes.
#[inline(always)]
pub(super) fn sort_lanes(rows: &mut [Lanes], network: &[(u8, u8)]) {
    for &(a, b) in network {
        // Both rows are copied out and written back whole: on copies the compiler knows the
        // two rows apart, and each step becomes a vector minimum and maximum (no NaN is drawn).
        let (u, v) = (rows[a as usize], rows[b as usize]);
        let (mut lo, mut hi) = ([0.0; LANES], [0.0; LANES]);
        for d in 0..LANES {
            lo[d] = if v[d] < u[d] { v[d] } else { u[d] };
            hi[d] = if v[d] < u[d] { u[d] } else { v[d] };
        }
        rows[a as usize] = lo;
        rows[b as usize] = hi;
    }
}

/// Sorts the uniforms of every lane by `network` and turns them into the spacings, as
/// [`simplex`] does for one draw.
#[inline(always)]
pub(super) fn simplex_spacings(w: &mut [Lanes], network: &[(u8, u8)]) {
    let k = w.len();
    if k == 0 {
        return;
    }
    sort_lanes(w, network);
    let mut prev = [0.0; LANES];
    for row in w[..k - 1].iter_mut() {
        for (x, p) in row.iter_mut().zip(prev.iter_mut()) {
            let u = *x;
            *x = u - *p;
            *p = u;
        }
    }
    for (x, p) in w[k - 1].iter_mut().zip(&prev) {
        *x = 1.0 - p;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;

    #[test]
    fn simplex_draws_sum_to_one() {
        let mut rng = chunk_rng(1, 0, 0);
        for k in [1, 2, 5, 16, 17, 40] {
            let (mut w, mut buf) = (vec![0.0; k], Vec::new());
            for _ in 0..100 {
                simplex(&mut rng, &mut w, &mut buf);
                assert_relative_eq!(w.iter().sum::<f64>(), 1.0, epsilon = 1e-12);
                assert!(w.iter().all(|&x| x >= 0.0));
            }
        }
    }

    #[test]
    fn the_networks_sort_every_input() {
        // The 0–1 principle (Knuth 5.3.4, exercise 5.3.4–4): a network that sorts every
        // sequence of zeros and ones sorts every sequence.
        for k in 0..=16usize {
            let net = sorting_network(k);
            for bits in 0u32..(1 << k) {
                let mut v: Vec<u32> = (0..k).map(|i| (bits >> i) & 1).collect();
                for &(a, b) in &net {
                    let (a, b) = (a as usize, b as usize);
                    if v[b] < v[a] {
                        v.swap(a, b);
                    }
                }
                assert!(v.windows(2).all(|p| p[0] <= p[1]), "k = {k}: {v:?}");
            }
        }
        // Batcher's sizes: 19 steps for 8 values, 63 for 16; fewer once trimmed.
        assert_eq!(sorting_network(8).len(), 19);
        assert_eq!(sorting_network(16).len(), 63);
        assert!(sorting_network(7).len() < 19);
        for k in [17, 24, 31, 32, 40] {
            let net = sorting_network(k);
            let mut rng = chunk_rng(9, 0, k as u64);
            for _ in 0..200 {
                let mut v: Vec<f64> = (0..k).map(|_| unit(&mut rng)).collect();
                for &(a, b) in &net {
                    let (a, b) = (a as usize, b as usize);
                    if v[b] < v[a] {
                        v.swap(a, b);
                    }
                }
                assert!(v.windows(2).all(|p| p[0] <= p[1]), "k = {k}");
            }
        }
    }

    #[test]
    fn lanes_give_the_draws_of_one_at_a_time() {
        for m in [1, 2, 3, 8, 16, 17, 25] {
            let (mut a, mut b) = (chunk_rng(4, 0, m as u64), chunk_rng(4, 0, m as u64));
            let net = sorting_network(m - 1);
            let mut lanes = vec![[f64::NAN; LANES]; m];
            let (mut w, mut buf) = (vec![0.0; m], Vec::new());
            for lanes_used in [LANES, 3, LANES] {
                simplex_lanes(&mut a, &mut lanes, lanes_used, &net);
                for d in 0..lanes_used {
                    simplex(&mut b, &mut w, &mut buf);
                    for (row, x) in lanes.iter().zip(&w) {
                        assert_eq!(row[d].to_bits(), x.to_bits(), "m = {m}, lane {d}");
                    }
                }
            }
        }
    }

    #[test]
    fn counting_and_sorting_give_the_same_spacings() {
        // The same uniforms sorted both ways: the spacings agree exactly.
        let mut a = chunk_rng(3, 0, 0);
        let mut b = a.clone();
        let (mut w, mut buf) = (vec![0.0; 16], Vec::new());
        simplex(&mut a, &mut w, &mut buf);
        let mut u: Vec<f64> = (0..15).map(|_| unit(&mut b)).collect();
        u.sort_unstable_by(f64::total_cmp);
        let mut prev = 0.0;
        for (j, &x) in u.iter().enumerate() {
            assert_eq!(w[j], x - prev);
            prev = x;
        }
        assert_eq!(w[15], 1.0 - prev);
    }
}
