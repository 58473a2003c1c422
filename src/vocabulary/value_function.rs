//! A piecewise-linear value function: what a numeric score is worth, from 0 (the worst) to 1
//! (the best), through given points.

use std::sync::Arc;

use serde::{Serialize, Serializer};

/// Points `(x, v)` with `x` strictly increasing and `v` in [0, 1], reaching both 0 and 1; the
/// value between two points is read off the straight line between them. It may rise, fall, or
/// peak (a target, such as a temperature), so it carries its own direction.
#[derive(Debug, Clone, PartialEq)]
pub struct ValueFunction(Arc<[(f64, f64)]>);

impl ValueFunction {
    /// A value function through `points`, which the caller has checked (at least two, `x`
    /// strictly increasing, `v` in [0, 1]).
    pub fn new(points: Vec<(f64, f64)>) -> ValueFunction {
        debug_assert!(points.len() >= 2);
        ValueFunction(points.into())
    }

    /// The points.
    pub fn points(&self) -> &[(f64, f64)] {
        &self.0
    }

    /// The first and last `x`: the scores the function is defined on.
    pub fn domain(&self) -> (f64, f64) {
        (self.0[0].0, self.0[self.0.len() - 1].0)
    }

    /// The value of `x`, clamped to the end values outside the domain (the model refuses such
    /// scores, so this only guards rounding).
    pub fn value(&self, x: f64) -> f64 {
        let p = &self.0;
        if x <= p[0].0 {
            return p[0].1;
        }
        let k = p.partition_point(|&(px, _)| px < x);
        if k >= p.len() {
            return p[p.len() - 1].1;
        }
        let ((x0, v0), (x1, v1)) = (p[k - 1], p[k]);
        if x == x1 {
            return v1;
        }
        v0 + (v1 - v0) * ((x - x0) / (x1 - x0))
    }

    /// The `x` of the first point with the lowest value and of the first with the highest: the
    /// worst and the best score.
    pub fn worst_best(&self) -> (f64, f64) {
        let mut worst = self.0[0];
        let mut best = self.0[0];
        for &p in self.0.iter() {
            if p.1 < worst.1 {
                worst = p;
            }
            if p.1 > best.1 {
                best = p;
            }
        }
        (worst.0, best.0)
    }

    /// +1 when the values never fall, −1 when they never rise, 0 when they do both.
    pub fn trend(&self) -> i8 {
        let rises = self.0.windows(2).any(|w| w[1].1 > w[0].1);
        let falls = self.0.windows(2).any(|w| w[1].1 < w[0].1);
        match (rises, falls) {
            (true, false) => 1,
            (false, true) => -1,
            _ => 0,
        }
    }
}

impl Serialize for ValueFunction {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(|&(x, v)| [x, v]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_values_off_the_segments() {
        // Rises fast to 0.8 at 20, then slowly to 1 at 100.
        let f = ValueFunction::new(vec![(0.0, 0.0), (20.0, 0.8), (100.0, 1.0)]);
        assert_eq!(f.value(0.0), 0.0);
        assert_eq!(f.value(10.0), 0.4);
        assert_eq!(f.value(20.0), 0.8);
        assert!((f.value(60.0) - 0.9).abs() < 1e-15);
        assert_eq!(f.value(100.0), 1.0);
        assert_eq!(f.value(-5.0), 0.0);
        assert_eq!(f.value(200.0), 1.0);
        assert_eq!(f.domain(), (0.0, 100.0));
        assert_eq!(f.worst_best(), (0.0, 100.0));
        assert_eq!(f.trend(), 1);
    }

    #[test]
    fn a_peak_has_no_trend() {
        let f = ValueFunction::new(vec![(15.0, 0.0), (21.0, 1.0), (30.0, 0.0)]);
        assert_eq!(f.trend(), 0);
        assert_eq!(f.worst_best(), (15.0, 21.0));
        assert!((f.value(18.0) - 0.5).abs() < 1e-15);
        assert!((f.value(25.5) - 0.5).abs() < 1e-15);
        let down = ValueFunction::new(vec![(0.0, 1.0), (10.0, 0.0)]);
        assert_eq!(down.trend(), -1);
        assert_eq!(down.value(2.5), 0.75);
    }
}
