//! The limits every input is held to, checked before the work starts so that a hostile or
//! mistaken file ends with a message rather than an exhausted machine. The README lists them
//! under "Limits" with the message each gives.

/// The largest model or data file read, of any kind (standard input included): 64 MiB.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// The largest CSV data file (`[data] csv`): 1 GiB. Its rows are bounded by [`MAX_CELLS`] as
/// well, and a plain file is read in blocks without being held whole, so a million rows of 20
/// numbers (about 185 MB) are read in a fraction of a second; a file the blockwise reader
/// cannot take (quoted fields, intervals, an error to report) is read whole, hence a bound.
pub const MAX_DATA_FILE_BYTES: u64 = 1024 * 1024 * 1024;

/// The most alternatives (data rows) a model may have.
pub const MAX_ALTERNATIVES: usize = 2_000_000;

/// The most criteria a model may have.
pub const MAX_CRITERIA: usize = 100_000;

/// The most scores (alternatives × criteria) a model may have: each is kept as up to three
/// numbers, and a method makes a few copies, so 20 million stay well under 4 GB.
pub const MAX_CELLS: usize = 20_000_000;

/// The most steps of a sweep (`--steps`).
pub const MAX_STEPS: usize = 100_000;

/// The most rankings a sweep may print: steps × swept criteria × alternatives.
pub const MAX_SWEEP_POINTS: usize = 50_000_000;

/// The most Monte Carlo samples (`--samples`).
pub const MAX_SAMPLES: u64 = 100_000_000;

/// Why a sweep's size is refused, if it is: `None` when it is within the limits.
pub fn sweep_problem(steps: usize, criteria: usize, alternatives: usize) -> Option<String> {
    if steps > MAX_STEPS {
        return Some(format!(
            "{steps} steps is more than the limit of {MAX_STEPS}; a sweep finds the exact weights where the ranking changes, so a few hundred steps are plenty"
        ));
    }
    let points = steps.saturating_mul(criteria).saturating_mul(alternatives);
    (points > MAX_SWEEP_POINTS).then(|| {
        format!(
            "{steps} steps × {criteria} criteria × {alternatives} alternatives is {points} scores, more than the limit of {MAX_SWEEP_POINTS}; use fewer --steps or sweep one --criterion"
        )
    })
}

/// Why a number of samples is refused, if it is.
pub fn samples_problem(samples: u64) -> Option<String> {
    (samples > MAX_SAMPLES).then(|| {
        format!("{samples} is more than the limit of {MAX_SAMPLES} samples; 10000 give acceptabilities to about ±1%")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sweep_and_samples_limits_are_inclusive() {
        assert_eq!(sweep_problem(MAX_STEPS, 1, 1), None);
        assert!(sweep_problem(MAX_STEPS + 1, 1, 1).is_some());
        assert!(sweep_problem(1000, 100, 1000).is_some());
        assert_eq!(sweep_problem(1000, 10, 1000), None);
        assert!(sweep_problem(usize::MAX, usize::MAX, usize::MAX).is_some());
        assert_eq!(samples_problem(MAX_SAMPLES), None);
        assert!(samples_problem(MAX_SAMPLES + 1).is_some());
    }
}
