//! `pmatrix completions SHELL` and `pmatrix man`: the shell completion script and the manual
//! page, both generated from the same clap definition as the command line itself, so they never
//! fall behind it.

use std::io::Write;

use clap::{Args, CommandFactory};
use clap_complete::Shell;

use crate::error::Error;

/// Arguments of `pmatrix completions`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  \
    pmatrix completions bash > ~/.local/share/bash-completion/completions/pmatrix\n  \
    pmatrix completions zsh > ~/.zfunc/_pmatrix\n  \
    pmatrix completions fish > ~/.config/fish/completions/pmatrix.fish")]
pub struct CompletionsArgs {
    /// The shell to write the completion script for.
    #[arg(value_enum)]
    pub shell: Shell,
}

/// Arguments of `pmatrix man`.
#[derive(Debug, Args)]
#[command(after_help = "Example:\n  \
    mkdir -p ~/.local/share/man/man1 && pmatrix man > ~/.local/share/man/man1/pmatrix.1")]
pub struct ManArgs {}

/// Writes the completion script for `args.shell` to `out`.
pub fn completions(args: &CompletionsArgs, out: &mut dyn Write) -> Result<(), Error> {
    let mut script = Vec::new();
    clap_complete::generate(
        args.shell,
        &mut super::Cli::command(),
        "pmatrix",
        &mut script,
    );
    super::emit::emit_bytes(out, &script)
}

/// Writes the manual page (roff) to `out`: the top-level page, then one section per command.
pub fn man(_args: &ManArgs, out: &mut dyn Write) -> Result<(), Error> {
    let command = super::Cli::command();
    let mut page = Vec::new();
    let man = clap_mangen::Man::new(command.clone());
    man.render_title(&mut page).map_err(write_error)?;
    man.render_name_section(&mut page).map_err(write_error)?;
    man.render_synopsis_section(&mut page)
        .map_err(write_error)?;
    man.render_description_section(&mut page)
        .map_err(write_error)?;
    page.extend_from_slice(b".SH COMMANDS\n");
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        let about = sub.get_about().map(|a| a.to_string()).unwrap_or_default();
        page.extend_from_slice(
            format!(
                ".TP\n\\fBpmatrix {}\\fR\n{}\n",
                sub.get_name(),
                roff_text(&about)
            )
            .as_bytes(),
        );
    }
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        let name = sub.get_name();
        page.extend_from_slice(format!(".SH \"PMATRIX {}\"\n", name.to_uppercase()).as_bytes());
        if let Some(about) = sub.get_about() {
            page.extend_from_slice(format!("{}\n", roff_text(&about.to_string())).as_bytes());
        }
        let sub_man = clap_mangen::Man::new(sub.clone().bin_name(format!("pmatrix {name}")));
        sub_man
            .render_synopsis_section(&mut page)
            .map_err(write_error)?;
        sub_man
            .render_options_section(&mut page)
            .map_err(write_error)?;
        sub_man
            .render_extra_section(&mut page)
            .map_err(write_error)?;
    }
    man.render_version_section(&mut page).map_err(write_error)?;
    super::emit::emit_bytes(out, &page)
}

/// Text for a roff paragraph: a leading `.` or `'` would be read as a request.
fn roff_text(text: &str) -> String {
    let escaped = text.replace('\\', "\\e");
    if escaped.starts_with(['.', '\'']) {
        format!("\\&{escaped}")
    } else {
        escaped
    }
}

fn write_error(e: std::io::Error) -> Error {
    Error::Write {
        path: "<man page>".into(),
        reason: e.to_string(),
    }
}
