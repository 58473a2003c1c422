use clap::Parser;

fn main() {
    let cli = pmatrix::cli::Cli::parse();
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = pmatrix::cli::run(cli, &mut stdout) {
        if !matches!(e, pmatrix::error::Error::Reported) {
            eprintln!("{e}");
        }
        std::process::exit(e.exit_code());
    }
}
