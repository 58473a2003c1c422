//! The progress bar of long SMAA runs, shown on a terminal only (standard error).

use indicatif::ProgressBar;

use crate::methods::Options;
use crate::model::Model;

/// A bar for an SMAA run of `samples` draws, when standard error is a terminal and the run is
/// expected to take over a second; `None` otherwise.
pub fn smaa_bar(model: &Model, opts: &Options, samples: u64) -> Option<ProgressBar> {
    use std::io::IsTerminal;
    (std::io::stderr().is_terminal() && crate::smaa::estimated_seconds(model, opts, samples) > 1.0)
        .then(|| ProgressBar::new(samples))
}

/// Advances a bar by `k` draws, if there is one.
pub fn advance(bar: &Option<ProgressBar>, k: u64) {
    if let Some(b) = bar {
        b.inc(k);
    }
}

/// Clears a bar, if there is one.
pub fn finish(bar: Option<ProgressBar>) {
    if let Some(b) = bar {
        b.finish_and_clear();
    }
}
