//! `pmatrix init [PATH] [--template NAME]`: a commented model to start from.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::emit;

use crate::error::Error;

/// Arguments of `pmatrix init`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  pmatrix init                 # writes model.toml
  pmatrix init transport.toml")]
pub struct InitArgs {
    /// Where to write the model (`-`: standard output). An existing file is never overwritten.
    #[arg(default_value = "model.toml")]
    pub path: PathBuf,
    /// The model to start from; `list` prints the templates and writes nothing.
    #[arg(long, value_enum, value_name = "NAME", default_value_t = Template::Starter)]
    pub template: Template,
}

/// The models `init` can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Template {
    /// Three options on cost, effectiveness and acceptance, with two profiles (the default).
    Starter,
    /// The smallest valid model: two criteria and two options to fill in.
    Blank,
    /// Options rated None / Low / Moderate / High, as in a policy outcomes matrix.
    Qualitative,
    /// Scores in natural units, with ranges, an uncertain estimate and PROMETHEE thresholds.
    Numeric,
    /// A class or workshop: each participant's 100-point weights as a profile.
    Workshop,
    /// Print the templates and write nothing.
    List,
}

/// The starter model: a small, valid, commented example to edit.
pub const STARTER: &str = include_str!("starter.toml");

impl Template {
    /// The templates that write a model, in the order `list` prints them.
    pub const ALL: [Template; 5] = [
        Template::Starter,
        Template::Blank,
        Template::Qualitative,
        Template::Numeric,
        Template::Workshop,
    ];

    /// The template's name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Template::Starter => "starter",
            Template::Blank => "blank",
            Template::Qualitative => "qualitative",
            Template::Numeric => "numeric",
            Template::Workshop => "workshop",
            Template::List => "list",
        }
    }

    /// The model text; `None` for `list`.
    pub fn text(self) -> Option<&'static str> {
        match self {
            Template::Starter => Some(STARTER),
            Template::Blank => Some(include_str!("templates/blank.toml")),
            Template::Qualitative => Some(include_str!("templates/qualitative.toml")),
            Template::Numeric => Some(include_str!("templates/numeric.toml")),
            Template::Workshop => Some(include_str!("templates/workshop.toml")),
            Template::List => None,
        }
    }

    /// One line on what the template holds (its `--help` text).
    pub fn about(self) -> String {
        self.to_possible_value()
            .and_then(|v| v.get_help().map(ToString::to_string))
            .unwrap_or_default()
    }

    /// The commands to run next on a model written from this template, one line each.
    fn next_steps(self, path: &str) -> String {
        let mut steps =
            format!("next: edit it, then run `pmatrix check {path}` and `pmatrix rank {path}`\n");
        if self == Template::Workshop {
            steps.push_str(&format!(
                "      every participant side by side: `pmatrix rank {path} --profile all`\n"
            ));
        }
        steps
    }
}

/// The list `init --template list` prints.
pub fn template_list() -> String {
    let width = Template::ALL
        .iter()
        .map(|t| t.name().len())
        .max()
        .unwrap_or(0);
    let mut text = String::from("templates for `pmatrix init --template NAME`:\n");
    for t in Template::ALL {
        text.push_str(&format!("  {:width$}  {}\n", t.name(), t.about()));
    }
    text
}

/// Runs `pmatrix init`.
pub fn run(args: &InitArgs, out: &mut dyn Write) -> Result<(), Error> {
    let Some(text) = args.template.text() else {
        return emit::emit(out, &template_list());
    };
    if args.path.as_os_str() == "-" {
        return emit::emit(out, text);
    }
    crate::output::write_new(&args.path, text.as_bytes(), false)?;
    let path = args.path.display().to_string();
    let from = match args.template {
        Template::Starter => String::new(),
        t => format!(" from the {} template", t.name()),
    };
    emit::emit(
        out,
        &format!("wrote {path}{from}\n{}", args.template.next_steps(&path)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::methods::{Method, Options};

    /// Every template is a valid model that ranks under every method, with its own weights
    /// and with each of its profiles.
    #[test]
    fn every_template_is_valid_and_ranks() {
        let methods = [
            Method::Wsm,
            Method::Wpm,
            Method::Topsis,
            Method::Vikor,
            Method::Promethee,
        ];
        for t in Template::ALL {
            let text = t.text().unwrap();
            let path = PathBuf::from(format!("{}.toml", t.name()));
            let model = crate::model::parse(&path, text)
                .unwrap_or_else(|e| panic!("template {}: {e}", t.name()));
            assert!(
                model.source.is_some(),
                "template {} names no source",
                t.name()
            );
            let weight_sets =
                std::iter::once(&model.weights).chain(model.profiles.iter().map(|p| &p.weights));
            for weights in weight_sets {
                for method in methods {
                    let r = crate::rank::rank(&model, weights, None, &Options::new(method))
                        .unwrap_or_else(|e| panic!("template {} {method:?}: {e}", t.name()));
                    assert_eq!(r.alternatives.len(), model.alternatives.len());
                    assert!(r.alternatives.iter().all(|a| a.score.is_finite()));
                }
            }
        }
    }

    /// The workshop's own weights are the mean of its participants' allocations, as its
    /// comment says: (50 + 25 + 40 + 20 + 30)/5 = 33 for safety, and so on.
    #[test]
    fn workshop_weights_are_the_participants_mean() {
        let path = PathBuf::from("workshop.toml");
        let model = crate::model::parse(&path, Template::Workshop.text().unwrap()).unwrap();
        assert_eq!(model.profiles.len(), 5);
        let n = model.profiles.len() as f64;
        for j in 0..model.criteria.len() {
            let mean: f64 = model
                .profiles
                .iter()
                .map(|p| p.weights.as_slice()[j])
                .sum::<f64>()
                / n;
            let own = model.weights.as_slice()[j];
            assert!(
                (own - mean).abs() < 1e-12,
                "criterion {j}: {own} against {mean}"
            );
        }
        assert!((model.weights.as_slice()[0] - 0.33).abs() < 1e-12);
    }

    /// The threshold the README derives by hand: with the safety weight at t and the others at
    /// (1 − t)·(24, 23, 20)/67, school streets (normalised 1, 0.84, 1/3, 7/8) lead the campaign
    /// (1/3, 0.92, 1, 23/24) by (2/3)·t − (1 − t)·18.92/67, zero at t = 1419/4769.
    #[test]
    fn workshop_winner_holds_down_to_an_exact_safety_weight() {
        let path = PathBuf::from("workshop.toml");
        let model = crate::model::parse(&path, Template::Workshop.text().unwrap()).unwrap();
        let s = crate::sensitivity::stability(&model, &model.weights, &Options::new(Method::Wsm))
            .unwrap();
        let json = serde_json::to_value(&s).unwrap();
        assert_eq!(json["winner"], "school-streets");
        let safety = &json["criteria"][0];
        assert_eq!(safety["id"], "safety");
        let low = safety["winner_interval"][0].as_f64().unwrap();
        assert!((low - 1419.0 / 4769.0).abs() < 1e-12, "{low}");
        assert_eq!(safety["winner_below"], "campaign");
    }

    #[test]
    fn list_names_every_template_and_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("model.toml");
        let args = InitArgs {
            path: path.clone(),
            template: Template::List,
        };
        let mut out = Vec::new();
        run(&args, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        for t in Template::ALL {
            let line = format!("  {:11}  {}\n", t.name(), t.about());
            assert!(text.contains(&line), "{text}");
        }
        assert_eq!(text.lines().count(), 1 + Template::ALL.len(), "{text}");
        assert!(!path.exists());
    }

    #[test]
    fn a_template_is_written_once_and_never_over_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("class.toml");
        let args = InitArgs {
            path: path.clone(),
            template: Template::Workshop,
        };
        let mut out = Vec::new();
        run(&args, &mut out).unwrap();
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            Template::Workshop.text().unwrap()
        );
        let said = String::from_utf8(out).unwrap();
        assert!(said.contains("from the workshop template"), "{said}");
        assert!(said.contains("--profile all"), "{said}");

        std::fs::write(&path, "title = \"my own\"\n").unwrap();
        let err = run(&args, &mut Vec::new()).unwrap_err();
        assert_eq!(err.exit_code(), 1);
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "title = \"my own\"\n"
        );
    }
}
