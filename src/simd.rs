//! The widest vectors the processor has, chosen at run time.
//!
//! The hot loops (SMAA's batch kernels, the fused WSM and TOPSIS scorers) are plain Rust over
//! arrays and slices, which the compiler turns into vector instructions: SSE2 in the baseline
//! build. [`widest`] runs such a loop in a second version compiled for AVX2 when the processor
//! has it (through `pulp`, which detects it once), twice the lanes per instruction.
//!
//! No loop fuses a multiply and an add (Rust never does unasked), and neither version reorders
//! a sum, so both do the same operations in the same order: the same bytes on every processor.

/// Runs `f` compiled for the widest vectors the processor has (AVX2 on x86-64) when it has
/// them, else for the baseline. Mark `f` `#[inline(always)]`, and so every function it calls
/// that should be vectorised, so that each is compiled into both versions.
#[inline]
pub(crate) fn widest<R>(f: impl FnOnce() -> R) -> R {
    #[cfg(test)]
    if BASELINE.with(std::cell::Cell::get) {
        return pulp::Arch::Scalar.dispatch(f);
    }
    pulp::Arch::new().dispatch(f)
}

#[cfg(test)]
thread_local! {
    /// Set by [`both_versions`]: [`widest`] runs the baseline version on this thread.
    static BASELINE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// `f` run with the baseline version of every loop [`widest`] runs on this thread, and with
/// the widest the processor has; the second `None` when it has nothing wider.
#[cfg(test)]
pub(crate) fn both_versions<T>(f: impl Fn() -> T) -> (T, Option<T>) {
    BASELINE.with(|b| b.set(true));
    let baseline = f();
    BASELINE.with(|b| b.set(false));
    let wide = (!matches!(pulp::Arch::new(), pulp::Arch::Scalar)).then(f);
    (baseline, wide)
}

/// Asks the processor to bring cache lines in ahead of their use, without waiting for them:
/// a hint, with no effect on any result. A loop over data in random order (a ranking's rows
/// read best first) issues these for the rows it will read next, so that many memory reads
/// are under way at once instead of one at a time.
#[derive(Clone, Copy)]
pub(crate) struct Prefetch {
    #[cfg(target_arch = "x86_64")]
    sse: Option<pulp::core_arch::x86::Sse>,
}

impl Prefetch {
    pub(crate) fn new() -> Prefetch {
        Prefetch {
            #[cfg(target_arch = "x86_64")]
            sse: pulp::core_arch::x86::Sse::try_new(),
        }
    }

    /// Asks for the cache line that holds `x`.
    #[inline(always)]
    pub(crate) fn line<T>(self, x: &T) {
        #[cfg(target_arch = "x86_64")]
        if let Some(sse) = self.sse {
            sse._mm_prefetch::<{ core::arch::x86_64::_MM_HINT_T0 }>(std::ptr::from_ref(x).cast());
        }
        #[cfg(not(target_arch = "x86_64"))]
        let _ = x;
    }
}
