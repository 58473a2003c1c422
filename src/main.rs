use clap::Parser;

fn main() {
    let cli = match pmatrix::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => std::process::exit(clap_exit(&e)),
    };
    let run = move || pmatrix::cli::run(cli, &mut std::io::stdout().lock());
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
