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
#[inline]
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
