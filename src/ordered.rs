//! Output made in parts on the thread pool and written in order by the calling thread.
//!
//! A large JSON ranking is a few hundred parts of a megabyte or so. Made a batch at a time,
//! with the writer waiting for the batch and the pool for the writer, one core idles at
//! every batch's end while the other finishes, and whenever the writer falls behind. Here
//! each pool thread makes part after part, the caller writes each part as soon as it and
//! those before it are made, and makes a part itself when none is ready to write, so the
//! cores stay busy to the end. At most [`AHEAD`] parts per thread are made ahead of the
//! writer, which bounds the memory; their buffers are reused.

use std::io::{self, Write};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

/// How many parts per thread may be made ahead of the one the writer waits for.
const AHEAD: usize = 4;

/// The parts made and not yet written, and what is left to make.
struct State {
    /// The next part no thread has taken to make.
    next: usize,
    /// How many parts have been written.
    written: usize,
    /// Part `k`, once made and until written: its buffer and how many bytes of it are the
    /// part.
    ready: Vec<Option<(Vec<u8>, usize)>>,
    /// Buffers written, for the next parts (fresh ones would be faulted in anew).
    free: Vec<Vec<u8>>,
    /// The first error, making or writing; the threads stop at it.
    failed: Option<io::Error>,
}

struct Shared {
    state: Mutex<State>,
    /// Signalled when a part is made or written.
    changed: Condvar,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn wait<'a>(&self, guard: MutexGuard<'a, State>) -> MutexGuard<'a, State> {
        self.changed
            .wait(guard)
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// Makes part `k` into `buf` and leaves it ready (or the error). A panic in `make` is
    /// marked as a failure, so that no thread waits for the part, and then goes on (the
    /// scope raises it again on the caller's thread).
    fn make(
        &self,
        k: usize,
        mut buf: Vec<u8>,
        make: &impl Fn(usize, &mut Vec<u8>) -> io::Result<usize>,
    ) {
        let made = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| make(k, &mut buf)));
        let mut st = self.lock();
        let panic = match made {
            Ok(Ok(len)) if len <= buf.len() => {
                st.ready[k] = Some((buf, len));
                None
            }
            Ok(Ok(_)) => {
                st.failed
                    .get_or_insert_with(|| io::Error::other("a part is longer than its buffer"));
                None
            }
            Ok(Err(e)) => {
                st.failed.get_or_insert(e);
                None
            }
            Err(payload) => {
                st.failed
                    .get_or_insert_with(|| io::Error::other("a part could not be made"));
                Some(payload)
            }
        };
        drop(st);
        self.changed.notify_all();
        if let Some(payload) = panic {
            std::panic::resume_unwind(payload);
        }
    }
}

/// Writes parts `0..parts` to `out` in order, `sep` between each two, on the thread pool and
/// on this thread: part `k` is what `make(k, buf)` writes at the start of `buf` (a buffer of
/// an earlier part, its bytes as that left them, or a new one), and `make` returns its length.
/// Stops at the first error, making or writing, and returns it.
pub(crate) fn write_parts(
    out: &mut dyn Write,
    parts: usize,
    sep: &[u8],
    make: impl Fn(usize, &mut Vec<u8>) -> io::Result<usize> + Sync,
) -> io::Result<()> {
    let threads = rayon::current_num_threads().max(1);
    let ahead = AHEAD * threads;
    let shared = Shared {
        state: Mutex::new(State {
            next: 0,
            written: 0,
            ready: (0..parts).map(|_| None).collect(),
            free: Vec::new(),
            failed: None,
        }),
        changed: Condvar::new(),
    };
    let (shared, make) = (&shared, &make);
    rayon::in_place_scope(|s| {
        for _ in 0..threads {
            s.spawn(move |_| {
                loop {
                    let mut st = shared.lock();
                    // Wait while the writer is too far behind.
                    while st.failed.is_none() && st.next < parts && st.next >= st.written + ahead {
                        st = shared.wait(st);
                    }
                    if st.failed.is_some() || st.next >= parts {
                        return;
                    }
                    let k = st.next;
                    st.next += 1;
                    let buf = st.free.pop().unwrap_or_default();
                    drop(st);
                    shared.make(k, buf, make);
                }
            });
        }
        // This thread writes; when the next part is not made yet, it makes one itself (all of
        // them, when the pool has no other thread to run the workers on), or waits.
        let mut st = shared.lock();
        while st.failed.is_none() && st.written < parts {
            let w = st.written;
            if let Some((buf, len)) = st.ready[w].take() {
                drop(st);
                let done = if w > 0 { out.write_all(sep) } else { Ok(()) }
                    .and_then(|()| out.write_all(&buf[..len]));
                st = shared.lock();
                st.free.push(buf);
                st.written += 1;
                if let Err(e) = done {
                    st.failed.get_or_insert(e);
                }
                shared.changed.notify_all();
            } else if st.next < parts && st.next < st.written + ahead {
                let k = st.next;
                st.next += 1;
                let buf = st.free.pop().unwrap_or_default();
                drop(st);
                shared.make(k, buf, make);
                st = shared.lock();
            } else {
                st = shared.wait(st);
            }
        }
        if st.failed.is_some() {
            // Wake the workers waiting for room, so that they stop.
            shared.changed.notify_all();
        }
    });
    match shared.lock().failed.take() {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Part `k` of a test output: its number, repeated `k % 7 + 1` times, over what the
    /// buffer held.
    fn part(k: usize, buf: &mut Vec<u8>) -> io::Result<usize> {
        let mut bytes = Vec::new();
        for _ in 0..k % 7 + 1 {
            write!(bytes, "{k}")?;
        }
        if buf.len() < bytes.len() {
            buf.resize(bytes.len(), b'?');
        }
        buf[..bytes.len()].copy_from_slice(&bytes);
        Ok(bytes.len())
    }

    fn expected(parts: usize) -> Vec<u8> {
        let mut all = Vec::new();
        for k in 0..parts {
            if k > 0 {
                all.push(b',');
            }
            let mut one = Vec::new();
            let len = part(k, &mut one).unwrap();
            all.extend_from_slice(&one[..len]);
        }
        all
    }

    #[test]
    fn parts_are_written_in_order_at_any_thread_count() {
        for threads in [1, 2, 3, 8] {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            for parts in [0, 1, 2, 5, 64, 500] {
                let mut out = Vec::new();
                pool.install(|| write_parts(&mut out, parts, b",", part))
                    .unwrap();
                assert_eq!(out, expected(parts), "{threads} threads, {parts} parts");
            }
        }
    }

    #[test]
    fn a_pool_of_the_calling_thread_alone_makes_every_part_itself() {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .use_current_thread()
            .build()
            .unwrap();
        let mut out = Vec::new();
        pool.install(|| write_parts(&mut out, 100, b",", part))
            .unwrap();
        assert_eq!(out, expected(100));
    }

    /// A writer that fails once it has taken `left` bytes.
    struct Failing {
        left: usize,
    }

    impl Write for Failing {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if buf.len() > self.left {
                return Err(io::Error::other("disk full"));
            }
            self.left -= buf.len();
            Ok(buf.len())
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn the_first_error_stops_the_parts_and_is_returned() {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap();
        let e = pool
            .install(|| write_parts(&mut Failing { left: 50 }, 1000, b",", part))
            .unwrap_err();
        assert_eq!(e.to_string(), "disk full");
        let e = pool
            .install(|| {
                write_parts(&mut Vec::new(), 1000, b",", |k, buf| {
                    if k == 300 {
                        Err(io::Error::other("part 300"))
                    } else {
                        part(k, buf)
                    }
                })
            })
            .unwrap_err();
        assert_eq!(e.to_string(), "part 300");
    }

    /// A part that panics stops the others, and the panic reaches the caller instead of
    /// leaving the writer waiting for the part.
    #[test]
    fn a_panic_in_a_part_reaches_the_caller() {
        for threads in [1, 2] {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                pool.install(|| {
                    write_parts(&mut Vec::new(), 200, b",", |k, buf| {
                        assert!(k != 150, "part 150");
                        part(k, buf)
                    })
                })
            }));
            assert!(caught.is_err(), "{threads} threads");
        }
    }
}
