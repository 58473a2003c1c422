//! PROMETHEE preference functions.

use serde::Serialize;

/// A PROMETHEE preference function with its thresholds, in the criterion's own units.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Preference {
    /// 1 for any positive difference.
    Usual,
    /// 1 once the difference exceeds `q`.
    UShape { q: f64 },
    /// d/p up to `p`, then 1.
    VShape { p: f64 },
    /// 0 up to `q`, ½ up to `p`, then 1.
    Level { q: f64, p: f64 },
    /// 0 up to `q`, linear up to `p`, then 1.
    Linear { q: f64, p: f64 },
    /// 1 − exp(−d²/2s²).
    Gaussian { s: f64 },
}
