//! Axis ticks at round values (1, 2, 2.5 or 5 × 10ᵏ), and how their labels are written.

/// Ticks covering `[lo, hi]`: about `target` intervals of a round step, from the largest
/// multiple of the step at or below `lo` to the smallest at or above `hi`.
#[derive(Debug, Clone, PartialEq)]
pub struct Ticks {
    pub values: Vec<f64>,
    pub step: f64,
    /// Decimals that show every tick exactly.
    pub decimals: usize,
}

impl Ticks {
    pub fn new(lo: f64, hi: f64, target: usize) -> Ticks {
        let (lo, hi) = if hi > lo {
            (lo, hi)
        } else {
            (lo - 0.5, lo + 0.5)
        };
        let raw = (hi - lo) / target.max(1) as f64;
        let exp = raw.log10().floor() as i32;
        let mag = 10f64.powi(exp);
        let (mult, exp) = [1.0, 2.0, 2.5, 5.0, 10.0]
            .into_iter()
            .find(|m| m * mag >= raw * (1.0 - 1e-9))
            .map_or((1.0, exp + 1), |m| {
                if m == 10.0 { (1.0, exp + 1) } else { (m, exp) }
            });
        let step = mult * 10f64.powi(exp);
        let extra = usize::from(mult == 2.5);
        let decimals = usize::try_from(-exp).unwrap_or(0) + extra;
        // Integer multiples, so that no tick drifts (0.30000000000000004).
        let first = (lo / step + 1e-9).floor() as i64;
        let last = (hi / step - 1e-9).ceil() as i64;
        let values = (first..=last).map(|k| k as f64 * step).collect();
        Ticks {
            values,
            step,
            decimals,
        }
    }

    /// The lowest and highest tick.
    pub fn range(&self) -> (f64, f64) {
        (self.values[0], self.values[self.values.len() - 1])
    }

    /// A tick as text ("0.25", "-0.5", "0").
    pub fn label(&self, v: f64) -> String {
        let s = format!("{v:.*}", self.decimals);
        if s.trim_start_matches('-')
            .chars()
            .all(|c| c == '0' || c == '.')
        {
            s.trim_start_matches('-').to_string()
        } else {
            s
        }
    }

    /// A tick of a share (0 to 1) as a percentage ("25%", "2.5%").
    pub fn percent_label(&self, v: f64) -> String {
        let decimals = self.decimals.saturating_sub(2);
        format!("{:.*}%", decimals, v * 100.0)
    }
}

/// A weight strictly between 0 and 1 as a percentage label: one decimal, more when one would
/// show it as 0% or 100%, and never a dangling point ("100.%").
pub fn percent(t: f64) -> String {
    let mut decimals = 1;
    let mut s = format!("{:.1}", t * 100.0);
    while decimals < 9
        && t > 0.0
        && t < 1.0
        && (s.parse::<f64>() == Ok(100.0) || s.parse::<f64>() == Ok(0.0))
    {
        decimals += 1;
        s = format!("{:.*}", decimals, t * 100.0);
    }
    if s.contains('.') {
        s = s.trim_end_matches('0').trim_end_matches('.').to_string();
    }
    format!("{s}%")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_multiples() {
        let t = Ticks::new(0.171, 0.857, 5);
        assert_eq!(t.step, 0.2);
        assert_eq!(t.values, vec![0.0, 0.2, 0.4, 0.6000000000000001, 0.8, 1.0]);
        assert_eq!(t.label(t.values[3]), "0.6");
        let t = Ticks::new(0.0, 1.0, 4);
        assert_eq!((t.step, t.decimals), (0.25, 2));
        assert_eq!(t.percent_label(0.25), "25%");
        assert_eq!(t.label(0.25), "0.25");
        let t = Ticks::new(-0.3, 0.4, 5);
        assert_eq!(t.step, 0.2);
        assert_eq!(t.range(), (-0.4, 0.4));
        assert_eq!(t.label(-0.0), "0.0");
        let t = Ticks::new(0.0, 100.0, 5);
        assert_eq!((t.step, t.decimals), (20.0, 0));
        let t = Ticks::new(0.0, 0.012, 5);
        assert_eq!((t.step, t.decimals), (0.0025, 4));
        let t = Ticks::new(0.0, 1.0, 10);
        assert_eq!(t.values.len(), 11);
        assert_eq!(t.percent_label(t.values[3]), "30%");
    }

    #[test]
    fn every_step_is_one_two_two_and_a_half_or_five_times_a_power_of_ten() {
        for (lo, hi) in [
            (0.0, 0.7),
            (0.13, 0.98),
            (-2.0, 3.3),
            (0.5, 0.5),
            (10.0, 4000.0),
        ] {
            for target in 3..9 {
                let t = Ticks::new(lo, hi, target);
                let mant = t.step / 10f64.powf(t.step.log10().floor());
                assert!(
                    [1.0, 2.0, 2.5, 5.0].iter().any(|m| (m - mant).abs() < 1e-9),
                    "{lo} {hi} {target}: step {}",
                    t.step
                );
                let (a, b) = t.range();
                assert!(a <= lo.min(hi) && b >= hi.max(lo));
            }
        }
    }

    #[test]
    fn percent_labels_never_end_in_a_point() {
        assert_eq!(percent(0.2), "20%");
        assert_eq!(percent(1.0 / 6.0), "16.7%");
        assert_eq!(percent(0.9999999), "99.99999%");
        assert_eq!(percent(0.99951), "99.95%");
        assert_eq!(percent(0.0004), "0.04%");
        assert_eq!(percent(1.0), "100%");
    }
}
