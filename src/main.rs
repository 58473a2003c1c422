use clap::Parser;

fn main() {
    // A pool that cannot start its threads (a low process limit) runs on this thread alone.
    if rayon::ThreadPoolBuilder::new().build_global().is_err() {
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .use_current_thread()
            .build_global();
    }
    let cli = match pmatrix::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => std::process::exit(clap_exit(&e)),
    };
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = pmatrix::cli::run(cli, &mut stdout) {
        eprintln!("{e}");
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
