use clap::Parser;

/// Large tables are held in a few big buffers, freed and taken again between the load, the
/// scores and the output: mimalloc keeps the memory it was given and asks the system for
/// large pages, where the system's allocator maps every big buffer afresh and has each 4 KB
/// page faulted in and zeroed (67,000 faults for a million rows, against 431).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let cli = match pmatrix::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => std::process::exit(clap_exit(&e)),
    };
    let run = move || pmatrix::cli::run(cli, &mut Stdout::new());
    // When the thread pool cannot start its threads (a low process limit), the command runs
    // in a pool of this thread alone.
    let result = match rayon::ThreadPoolBuilder::new().build_global() {
        Ok(()) => run(),
        Err(_) => match rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .use_current_thread()
            .build()
        {
            Ok(pool) => pool.install(run),
            Err(_) => run(),
        },
    };
    if let Err(e) = result {
        if !matches!(e, pmatrix::error::Error::Reported) {
            eprintln!("{e}");
        }
        std::process::exit(e.exit_code());
    }
}

/// Prints clap's help, version or usage error; a help that cannot be written fails.
fn clap_exit(e: &clap::Error) -> i32 {
    use std::io::Write;
    let printed = e.print().and_then(|()| std::io::stdout().flush());
    match printed {
        Err(err) if err.kind() != std::io::ErrorKind::BrokenPipe => {
            eprintln!("error: cannot write to standard output: {err}");
            1
        }
        _ => e.exit_code(),
    }
}

/// Standard output, locked: small writes go through its line buffer; large ones (a big JSON
/// ranking's parts) are written straight to the descriptor, after what the buffer holds, so
/// that the line buffer does not search megabytes for a newline.
struct Stdout {
    lock: std::io::StdoutLock<'static>,
    direct: Option<std::fs::File>,
}

/// From this many bytes, a write skips the line buffer.
const DIRECT_FROM: usize = 1 << 16;

impl Stdout {
    fn new() -> Stdout {
        #[cfg(unix)]
        let direct = {
            use std::os::fd::AsFd;
            std::io::stdout()
                .as_fd()
                .try_clone_to_owned()
                .ok()
                .map(std::fs::File::from)
        };
        #[cfg(not(unix))]
        let direct = None;
        Stdout {
            lock: std::io::stdout().lock(),
            direct,
        }
    }
}

impl std::io::Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match &mut self.direct {
            Some(file) if buf.len() >= DIRECT_FROM => {
                self.lock.flush()?;
                file.write(buf)
            }
            _ => self.lock.write(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.lock.flush()
    }
}
