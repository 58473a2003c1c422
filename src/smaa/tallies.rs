//! What a chunk of draws counts: how often each alternative takes each rank, and the sums of
//! the weights (and of their squares) of the draws that put it first; and, when asked, for
//! every pair of alternatives how often the first ranks strictly above the second.

use super::sampler::Lanes;

/// Counts of one chunk, or of all chunks added in chunk order.
///
/// `ranks` is how many ranks are counted per alternative: all `n` of them, or only the first
/// (above [`super::MAX_FULL_TALLY`] alternatives), so that memory stays linear in `n`.
#[derive(Debug, Clone)]
pub(super) struct Tally {
    n: usize,
    ranks: usize,
    m: usize,
    /// `acc[i·ranks + r]`: draws that put alternative `i` at rank `r + 1`.
    acc: Vec<u64>,
    w1: Vec<f64>,
    w2: Vec<f64>,
    /// With pairwise winning indices: `wins[a·n + b]`, draws that rank `a` strictly above `b`.
    wins: Option<Vec<u64>>,
}

impl Tally {
    /// Empty counts for `n` alternatives, `m` criteria and `ranks` ranks per alternative.
    pub(super) fn new(n: usize, m: usize, ranks: usize) -> Tally {
        Tally {
            n,
            ranks,
            m,
            acc: vec![0; n * ranks],
            w1: vec![0.0; n * m],
            w2: vec![0.0; n * m],
            wins: None,
        }
    }

    /// The same, also counting for every pair how often one ranks above the other.
    pub(super) fn with_pairwise(mut self, pairwise: bool) -> Tally {
        self.wins = pairwise.then(|| vec![0; self.n * self.n]);
        self
    }

    /// Whether pairs are counted.
    pub(super) fn pairwise(&self) -> bool {
        self.wins.is_some()
    }

    /// Adds another chunk's counts.
    pub(super) fn add(&mut self, o: &Tally) {
        self.acc.iter_mut().zip(&o.acc).for_each(|(a, b)| *a += b);
        self.w1.iter_mut().zip(&o.w1).for_each(|(a, b)| *a += b);
        self.w2.iter_mut().zip(&o.w2).for_each(|(a, b)| *a += b);
        if let (Some(a), Some(b)) = (&mut self.wins, &o.wins) {
            a.iter_mut().zip(b).for_each(|(a, b)| *a += b);
        }
    }

    /// Counts `count` more draws with alternative `i` at the 0-based rank `r`.
    #[inline]
    pub(super) fn count_ranks(&mut self, i: usize, r: usize, count: u64) {
        if r < self.ranks {
            self.acc[i * self.ranks + r] += count;
        }
    }

    /// Adds the weights of draw `d` of a batch (`w[j][d]`) to alternative `i`'s sums, for a
    /// draw that puts it first.
    #[inline(always)]
    pub(super) fn add_first_weights(&mut self, i: usize, w: &[Lanes], d: usize) {
        let (w1, w2) = (
            &mut self.w1[i * self.m..(i + 1) * self.m],
            &mut self.w2[i * self.m..(i + 1) * self.m],
        );
        for ((a, b), row) in w1.iter_mut().zip(w2.iter_mut()).zip(w) {
            let x = row[d];
            *a += x;
            *b += x * x;
        }
    }

    /// Counts, for every pair, whether `a` ranks strictly above `b` in a draw with 0-based
    /// ranks `r` (when pairs are counted).
    #[inline]
    pub(super) fn record_pairs(&mut self, r: &[u32]) {
        let Some(wins) = &mut self.wins else { return };
        for (row, &ra) in wins.chunks_exact_mut(self.n.max(1)).zip(r) {
            for (x, &rb) in row.iter_mut().zip(r) {
                *x += u64::from(ra < rb);
            }
        }
    }

    /// Adds pair counts, `wins[a·n + b]` (when pairs are counted).
    pub(super) fn add_pairs(&mut self, wins: &[u64]) {
        let Some(total) = &mut self.wins else { return };
        total.iter_mut().zip(wins).for_each(|(a, b)| *a += b);
    }

    /// Draws that rank `a` strictly above `b`, when pairs are counted.
    pub(super) fn wins(&self, a: usize, b: usize) -> Option<u64> {
        self.wins.as_ref().map(|w| w[a * self.n + b])
    }

    /// Counts alternative `i` at the 0-based rank `r` in a draw with weights `w`.
    #[inline]
    pub(super) fn record(&mut self, i: usize, r: usize, w: &[f64]) {
        if r < self.ranks {
            self.acc[i * self.ranks + r] += 1;
        }
        if r == 0 {
            let (w1, w2) = (
                &mut self.w1[i * self.m..(i + 1) * self.m],
                &mut self.w2[i * self.m..(i + 1) * self.m],
            );
            for ((a, b), &x) in w1.iter_mut().zip(w2.iter_mut()).zip(w) {
                *a += x;
                *b += x * x;
            }
        }
    }

    /// Draws that put alternative `i` at the 0-based rank `r`.
    pub(super) fn count(&self, i: usize, r: usize) -> u64 {
        self.acc[i * self.ranks + r]
    }

    /// Draws that put alternative `i` first.
    pub(super) fn first(&self, i: usize) -> u64 {
        self.count(i, 0)
    }

    /// The sums of criterion `j`'s weight, and of its square, over the draws with `i` first.
    pub(super) fn weight_sums(&self, i: usize, j: usize) -> (f64, f64) {
        (self.w1[i * self.m + j], self.w2[i * self.m + j])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_ranks_and_the_weights_of_first_places() {
        let mut t = Tally::new(2, 2, 2);
        t.record(0, 0, &[0.25, 0.75]);
        t.record(1, 0, &[0.25, 0.75]);
        t.record(0, 1, &[0.5, 0.5]);
        let mut u = Tally::new(2, 2, 2);
        u.record(0, 0, &[0.5, 0.5]);
        t.add(&u);
        assert_eq!((t.first(0), t.count(0, 1), t.first(1)), (2, 1, 1));
        assert_eq!(t.weight_sums(0, 0), (0.75, 0.0625 + 0.25));
        assert_eq!(t.weight_sums(1, 1), (0.75, 0.5625));
        // Counting the first rank only: later ranks are not stored.
        let mut f = Tally::new(3, 1, 1);
        f.record(2, 1, &[1.0]);
        f.record(2, 0, &[1.0]);
        assert_eq!((f.first(2), f.weight_sums(2, 0)), (1, (1.0, 1.0)));
    }
}
