//! `pmatrix report MODEL -o report.html`: one self-contained HTML page for a reader who will
//! not run the tool: a summary in a few sentences, the model, the ranking and why, every method
//! side by side, the stakeholder profiles, how sure the answer is (stability, weight sweeps,
//! SMAA, with their charts inline) and a glossary. No script and no external resource; a
//! print stylesheet keeps charts and table rows whole and headings with what follows.

use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use super::emit;
use super::scoring::{Scoring, ScoringArgs, normalize_error, sensitivity_error};
use crate::chart::text::thousands;
use crate::error::{Error, UsageError};
use crate::methods::Method;
use crate::model::Model;
use crate::present::doc::{Cell, Doc};
use crate::present::memo::method_title;
use crate::render::html::{escape, section};
use crate::smaa::SmaaOptions;

/// Arguments of `pmatrix report`.
#[derive(Debug, Args)]
#[command(after_help = "Example:
  pmatrix report model.toml -o report.html --samples 20000")]
pub struct ReportArgs {
    /// The model file (TOML).
    pub model: PathBuf,
    /// Where to write the HTML page.
    #[arg(short, long, value_name = "FILE.html")]
    pub output: PathBuf,
    /// Overwrite the output file if it exists.
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub scoring: ScoringArgs,
    /// Monte Carlo samples for the SMAA section.
    #[arg(long, default_value_t = 10_000, value_name = "N")]
    pub samples: u64,
    /// Seed of the SMAA random generator.
    #[arg(long, default_value_t = 0, value_name = "S")]
    pub seed: u64,
    /// Participants (CSV, or a workbook) for a section on the group's weights [default: the
    /// model's `[participants]`, if it has them].
    #[arg(long, value_name = "FILE")]
    pub participants: Option<PathBuf>,
    /// The sheet of a participants workbook [default: the first].
    #[arg(long, value_name = "NAME", requires = "participants")]
    pub sheet: Option<String>,
    /// Run the SMAA section as SMAA-O (ordinal scales taken as ordinal only; see `smaa
    /// --ordinal`).
    #[arg(long)]
    pub ordinal: bool,
}

const STYLE: &str = "\
body{font-family:system-ui,'DejaVu Sans',sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222;background:#fff;line-height:1.45}\
h1{font-size:1.8rem;margin-bottom:.5rem}h2{margin-top:2.2rem;border-bottom:1px solid #ddd;padding-bottom:.2rem}h3{margin-top:1.6rem}\
table{border-collapse:collapse;margin:1rem 0}caption{text-align:left;font-weight:600;padding:.3rem 0}\
table{max-width:100%}th,td{border:1px solid #ccc;padding:.25rem .6rem;vertical-align:top;overflow-wrap:break-word}th{background:#f3f3f3}td.num{text-align:right;font-variant-numeric:tabular-nums}td.iv{white-space:nowrap}\
p.context{margin:.2rem 0;color:#555}section{margin-bottom:2rem}figure{margin:1rem 0}figcaption{color:#555;font-size:.9rem}\
svg{max-width:100%;height:auto;display:block}.summary{background:#f6f8fa;border-left:4px solid #0072B2;padding:.6rem 1rem;font-size:1.08rem}\
.summary h2{margin-top:.4rem;border:0}.source{color:#555;font-size:.92rem}dl.glossary dt{font-weight:600;margin-top:.6rem}dl.glossary dd{margin-left:1.2rem}\
.keep{break-inside:avoid}\
@page{margin:16mm 15mm}\
@media print{body{max-width:none;margin:0;padding:0;font-size:10pt;line-height:1.35;color:#000;background:#fff}\
h1,h2,h3,caption{break-after:avoid}figure,tr,p,li,.summary,.keep,dl.glossary div{break-inside:avoid}thead{display:table-header-group}\
section{margin-bottom:1rem}table{font-size:9pt}th,td{padding:.15rem .35rem}.summary{background:none;border-left:3px solid #000}}\
@media screen and (prefers-color-scheme:dark){body{background:#15171a;color:#e6e6e6}th{background:#262a30}th,td{border-color:#444}\
p.context,figcaption,.source{color:#aaa}.summary{background:#1f242b}h2{border-color:#333}}";

/// Runs `pmatrix report`.
pub fn run(args: &ReportArgs, out: &mut dyn Write) -> Result<(), Error> {
    crate::output::check_new(&args.output, args.force)?;
    if let Some(problem) = crate::model::limits::samples_problem(args.samples) {
        return Err(UsageError::Invalid {
            flag: "--samples",
            problem,
        }
        .into());
    }
    let model = emit::load(&args.model)?;
    if args.samples == 0 {
        return Err(UsageError::Invalid {
            flag: "--samples",
            problem: "must be at least 1".into(),
        }
        .into());
    }
    crate::output::check_new(&args.output, args.force)?;
    let html = page(&model, args)?;
    crate::output::write_new(&args.output, html.as_bytes(), args.force)?;
    emit::emit(out, &format!("wrote {}\n", args.output.display()))
}

/// The whole page.
pub fn page(model: &Model, args: &ReportArgs) -> Result<String, Error> {
    let scoring = Scoring::from(&args.scoring);
    let plan = scoring.plan(model)?;
    let (opts, weights, profile) = (&plan.opts, &plan.weights, plan.profile.as_deref());
    let normalize = |e| normalize_error(e, model).for_method(opts.method);
    let sensitivity = |e| sensitivity_error(e, model).for_method(opts.method);
    let names = Names::new(model);

    let mut ranking = crate::rank::rank(model, weights, profile, opts).map_err(normalize)?;
    ranking.notes.extend(plan.notes.iter().cloned());
    let methods = crate::compare::methods(model, weights, scoring.normalization, scoring.vikor_v)
        .map_err(|e| normalize_error(e, model))?;
    let mut stability =
        crate::sensitivity::stability::stability(model, weights, opts).map_err(sensitivity)?;
    stability.notes.extend(plan.notes.iter().cloned());
    // The model's [smaa] constraints hold in the report too.
    let s = SmaaOptions::for_model(model, args.samples, args.seed);
    let bar = crate::progress::smaa_bar(model, opts, s.samples);
    let progress = |k: u64| crate::progress::advance(&bar, k);
    // The report always counts the pairwise winning indices, where the model is small enough.
    let extras = crate::smaa::Extras {
        ordinal: args.ordinal,
        pairwise: model.alternatives.len() <= crate::smaa::MAX_PAIRWISE,
    };
    let smaa = crate::smaa::smaa_with(model, opts, &s, extras, &progress).map_err(|e| match e {
        crate::smaa::SmaaError::Normalize(e) => normalize(e),
        other => Error::Smaa(other),
    })?;
    crate::progress::finish(bar);
    let memo = crate::memo::memo(&ranking, &methods, &stability, &smaa);
    // What it would take: every alternative's smallest weight change, for models of the size
    // whatif answers (larger ones leave the section out and say so).
    let whatif = crate::whatif::whatif(
        model,
        weights,
        opts,
        &crate::whatif::Constraints::default(),
        None,
    );

    let mut body = String::new();
    body.push_str(&format!("<h1>{}</h1>\n", escape(&model.title)));
    body.push_str(&format!(
        "<section class=\"summary\">\n<h2>In short</h2>\n<p>{}</p>\n</section>\n",
        escape(
            &crate::present::memo::sentences(&memo, model)
                .into_iter()
                .chain(whatif.as_ref().ok().and_then(|w| {
                    crate::present::whatif::sentences(w, model)
                        .into_iter()
                        .next()
                }))
                .collect::<Vec<_>>()
                .join(" ")
        )
    ));

    // What was compared.
    body.push_str("<section>\n<h2>What was compared</h2>\n");
    if let Some(d) = &model.description {
        body.push_str(&format!("<p>{}</p>\n", escape(d.trim())));
    }
    if let Some(s) = &model.source {
        body.push_str(&format!(
            "<p class=\"source\"><em>Source:</em> {}</p>\n",
            escape(s)
        ));
    }
    let mut doc = crate::present::model::doc(model);
    doc.heading = String::new();
    body.push_str(&inner(&doc));
    body.push_str("</section>\n");

    let mut doc = crate::present::rank::doc(&ranking, model);
    doc.heading = "What comes first, and why".into();
    doc.lines.retain(|l| !l.starts_with("Source:"));
    let b = crate::explain::breakdown(model, weights, &ranking);
    let ex = crate::present::explain::doc(model, &ranking, &b);
    doc.tables.extend(ex.tables);
    doc.notes.extend(ex.notes);
    body.push_str(&section(&names.apply(doc)));

    let mut doc = crate::present::compare::doc(&methods, model, false);
    doc.heading = "Do the other methods agree?".into();
    body.push_str(&section(&names.with_methods().apply(doc)));

    if !model.profiles.is_empty() {
        let profiles = crate::compare::profiles(model, opts).map_err(normalize)?;
        let mut doc = crate::present::compare::doc(&profiles, model, false);
        doc.heading = "What the stakeholders' weights give".into();
        body.push_str(&section(&names.apply(doc)));
    }

    body.push_str(&group_section(model, args, opts, &names)?);

    body.push_str("<section>\n<h2>How sure is this?</h2>\n<p>The answer above rests on the weights. The checks below move them: one at a time by as much as it takes to change the answer, several at once by the least that changes it, one at a time over the whole range, and all at once at random.</p>\n");
    let mut doc = crate::present::stability::doc(&stability, model, weights.as_slice(), profile);
    doc.heading = String::new();
    doc.lines.retain(|l| {
        !(l.starts_with("Winner:")
            || l.starts_with("Tied for first:")
            || l.starts_with("Method:")
            || l.starts_with("Weights"))
    });
    body.push_str("<h3>How far can one weight move? (stability intervals)</h3>\n");
    body.push_str(&inner(&names.apply(doc)));

    body.push_str("<h3>What would it take to change the answer? (smallest changes)</h3>\n");
    match &whatif {
        Ok(w) => {
            let mut doc = crate::present::whatif::section(w, model);
            doc.heading = String::new();
            doc.lines.clear();
            body.push_str(&inner(&names.apply(doc)));
        }
        Err(e) => body.push_str(&format!(
            "<p>Not computed for this model: {}.</p>\n",
            escape(&e.to_string())
        )),
    }

    let sweep = crate::sensitivity::sweep(model, weights, opts, None, 21).map_err(sensitivity)?;
    let charts = crate::chart::sweep_charts(model, weights, opts, &sweep).map_err(normalize)?;
    body.push_str("<h3>Each weight from 0% to 100% (weight sweeps)</h3>\n<p>Each chart moves one criterion's weight from 0% to 100%, the others keeping their proportions. Where two lines cross, the two alternatives swap places; a filled marker is where the first place changes. The dashed line marks the current weight.</p>\n");
    for c in &charts {
        body.push_str(&format!(
            "<figure class=\"chart sweep\">\n{}<figcaption>{}</figcaption>\n</figure>\n",
            c.chart.svg(),
            escape(&crossings_caption(c, model))
        ));
    }

    let mut doc = crate::present::smaa::doc(&smaa, model);
    doc.heading = String::new();
    doc.lines = vec![if model.smaa.is_empty() {
        format!(
            "The weights are drawn at random, every combination summing to 100% being equally likely, {} times (random seed {}, so the same page comes out every time); uncertain scores are drawn within their ranges.",
            thousands(smaa.samples),
            smaa.seed
        )
    } else {
        format!(
            "The weights are drawn at random, every combination summing to 100% and meeting the model's constraints being equally likely, {} times (random seed {}, so the same page comes out every time); uncertain scores are drawn within their ranges. Weights: {}.",
            thousands(smaa.samples),
            smaa.seed,
            smaa.weights
        )
    }];
    // What the tables below the draws' description show, after it.
    if smaa.pairwise.is_some() {
        doc.lines.push("The rank entropy below says how settled each alternative's rank is across the draws (0 bits: always the same rank). The pairwise table says, for each pair, how often the alternative of the row ranks above the one of the column.".to_string());
    }
    body.push_str("<h3>All weights at random (SMAA-2)</h3>\n");
    body.push_str(&format!(
        "<figure class=\"chart smaa\">\n{}<figcaption>Each bar splits the draws by the rank they give the alternative: the darker the segment, the better the rank.</figcaption>\n</figure>\n",
        crate::chart::acceptability_svg(&smaa)
    ));
    // SMAA-O: the first-rank acceptabilities with the level values as given and drawn.
    if let Some(svg) = crate::chart::ordinal_svg(&smaa) {
        body.push_str(&format!(
            "<figure class=\"chart smaa-o\">\n{svg}<figcaption>For each alternative, the share of the draws in which it is first with the level values as given (upper bar) and with them drawn, only their order kept (lower bar): when the bars differ, the ranking depends on the numbers behind the levels.</figcaption>\n</figure>\n"
        ));
    }
    body.push_str(&inner(&names.apply(doc)));
    body.push_str("</section>\n");

    body.push_str(GLOSSARY);

    Ok(format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{body}<footer><p class=\"source\">Made with pmatrix {}.</p></footer>\n</body>\n</html>\n",
        escape(&model.title),
        env!("CARGO_PKG_VERSION")
    ))
}

/// A document as the inside of a section (no `<section>` of its own).
fn inner(doc: &Doc) -> String {
    let s = section(doc);
    s.strip_prefix("<section>\n")
        .and_then(|s| s.strip_suffix("</section>\n"))
        .unwrap_or(&s)
        .to_string()
}

/// The participants' section, when a participants file is given or the model has
/// `[participants]`: the group's weights and their spread, the ranking under them, how many
/// put each alternative first and at each rank (with the chart), agreement, dissent, and the
/// groups side by side.
fn group_section(
    model: &Model,
    args: &ReportArgs,
    opts: &crate::methods::Options,
    names: &Names,
) -> Result<String, Error> {
    let people = match &args.participants {
        Some(path) => crate::participants::read(path, model, args.sheet.as_deref())?,
        None => match crate::participants::from_model(model) {
            Some(people) => people?,
            None => return Ok(String::new()),
        },
    };
    let mut out = String::from("<section>\n<h2>What the participants&#39; weights give</h2>\n");
    let r = match crate::group::group(model, &people, opts) {
        Ok(r) => r,
        Err(crate::group::GroupError::Normalize(e)) => {
            return Err(normalize_error(e, model).for_method(opts.method));
        }
        Err(e) => {
            out.push_str(&format!(
                "<p>Not computed for this model: {}.</p>\n</section>\n",
                escape(&e.to_string())
            ));
            return Ok(out);
        }
    };
    let mut doc = crate::present::group::present(&r, model);
    doc.heading = String::new();
    // The method is the report's, said at the top of the page.
    doc.lines.retain(|l| !l.starts_with("Method:"));
    out.push_str(&format!(
        "<p>Each of the {} participants gave their own weights; the group's weights are the mean of them. Agreement is measured over the participants' own rankings, not the model's weights.</p>\n",
        r.all.participants
    ));
    out.push_str(&format!(
        "<figure class=\"chart group\">\n{}<figcaption>How many participants put each alternative at each rank, under their own weights: the darker the segment, the better the rank.</figcaption>\n</figure>\n",
        crate::present::group::chart_svg(&r, model)
    ));
    out.push_str(&inner(&names.apply(doc)));
    out.push_str("</section>\n");
    Ok(out)
}

/// Names joined with commas and a final "and".
fn and_list(items: &[String]) -> String {
    crate::present::lines::and(items)
}

/// The caption under a sweep chart: its crossings, by name.
fn crossings_caption(c: &crate::chart::sweep::SweepChart, model: &Model) -> String {
    let cname = model
        .criteria
        .iter()
        .find(|k| k.id == c.criterion)
        .map_or(c.criterion.as_str(), |k| k.name.as_str());
    if c.crossings.is_empty() {
        return format!("No two lines cross: the weight of {cname} alone never changes the order.");
    }
    let first: Vec<String> = c
        .crossings
        .iter()
        .filter(|m| m.first_place_changes)
        .map(|m| {
            let who: Vec<String> = m
                .alternatives
                .iter()
                .map(|id| model.alternative_name(id).to_string())
                .collect();
            format!("at {} ({})", m.label, and_list(&who))
        })
        .collect();
    let n = c.crossings.len();
    let mut s = format!(
        "{n} crossing{} as the weight of {cname} moves.",
        if n == 1 { "" } else { "s" }
    );
    if first.is_empty() {
        s.push_str(" None changes the first place.");
    } else {
        s.push_str(&format!(" The first place changes {}.", first.join(", ")));
    }
    s
}

/// Ids shown as names: alternatives, criteria and (in the comparison of methods) methods.
struct Names {
    map: HashMap<String, String>,
}

impl Names {
    fn new(model: &Model) -> Names {
        let mut map = HashMap::new();
        for c in &model.criteria {
            map.insert(c.id.clone(), c.name.clone());
        }
        for a in &model.alternatives {
            map.insert(a.id.clone(), a.name.clone());
        }
        Names { map }
    }

    fn with_methods(&self) -> Names {
        let mut map = self.map.clone();
        for m in Method::ALL {
            map.entry(m.name().to_string())
                .or_insert_with(|| method_title(m));
        }
        Names { map }
    }

    /// One piece of a cell: an id alone, or an id followed by a space and a value.
    fn piece(&self, p: &str) -> String {
        if let Some(n) = self.map.get(p) {
            return n.clone();
        }
        if let Some((id, rest)) = p.split_once(' ')
            && let Some(n) = self.map.get(id)
        {
            return format!("{n} {rest}");
        }
        p.to_string()
    }

    /// A cell whose pieces are separated by ", " or " / ".
    fn text(&self, s: &str) -> String {
        s.split(", ")
            .map(|part| {
                part.split(" / ")
                    .map(|p| self.piece(p))
                    .collect::<Vec<_>>()
                    .join(" / ")
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// A sentence: each id followed by a number ("equity 20%") becomes the name. Other words
    /// stay, even when they spell an id, since a name may contain one ("Net cost").
    fn sentence(&self, s: &str) -> String {
        let words: Vec<&str> = s.split(' ').collect();
        words
            .iter()
            .enumerate()
            .map(|(k, w)| {
                let number_follows = words
                    .get(k + 1)
                    .is_some_and(|n| n.starts_with(|c: char| c.is_ascii_digit()));
                match self.map.get(*w) {
                    Some(n) if number_follows => n.clone(),
                    _ => w.to_string(),
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn apply(&self, mut doc: Doc) -> Doc {
        for l in doc.lines.iter_mut().chain(doc.notes.iter_mut()) {
            *l = self.sentence(l);
        }
        for t in &mut doc.tables {
            for c in &mut t.columns {
                c.header = self.text(&c.header);
            }
            for cell in t.rows.iter_mut().flatten() {
                self.cell(cell);
            }
        }
        doc
    }

    /// A cell as a reader sees it: an id becomes the entity it names (its name shown); an
    /// alternative in a ranking is shown by its name; ids inside text become names.
    fn cell(&self, cell: &mut Cell) {
        match cell {
            Cell::Id(id) => {
                if let Some(name) = self.map.get(id.as_str()) {
                    *cell = Cell::entity(id, name);
                }
            }
            Cell::Ranking { ids, .. } => {
                for id in ids.iter_mut() {
                    if let Some(name) = self.map.get(id.as_str()) {
                        *id = name.clone();
                    }
                }
            }
            Cell::Text(s) => *s = self.text(s),
            _ => {}
        }
    }
}

const GLOSSARY: &str = "<section>\n<h2>Glossary</h2>\n<dl class=\"glossary\">\n\
<div><dt>Alternative</dt><dd>One of the options being compared.</dd></div>\n\
<div><dt>Criterion, weight</dt><dd>A ground on which the alternatives are judged, and how much it counts. Weights are rescaled to sum to 100%.</dd></div>\n\
<div><dt>Normalised score</dt><dd>A score turned into a number from 0 (the worst end of its scale) to 1 (the best end), so that criteria measured in different units can be added up.</dd></div>\n\
<div><dt>Weighted sum (WSM)</dt><dd>Each alternative's normalised scores multiplied by the weights and added up. Higher is better.</dd></div>\n\
<div><dt>Weighted product (WPM)</dt><dd>The normalised scores raised to the power of their weights and multiplied: a very poor score on one criterion cannot be made up by the others.</dd></div>\n\
<div><dt>TOPSIS</dt><dd>How close each alternative is to an ideal that has the best value on every criterion, relative to its distance from the worst.</dd></div>\n\
<div><dt>VIKOR</dt><dd>A compromise ranking that balances the total shortfall from the best values against the largest single shortfall. Lower is better.</dd></div>\n\
<div><dt>PROMETHEE II</dt><dd>Compares every pair of alternatives criterion by criterion; the net flow is how much an alternative is preferred to the others minus how much they are preferred to it.</dd></div>\n\
<div><dt>Rank correlation (Spearman, Kendall)</dt><dd>How alike two rankings are: 1 when they are identical, 0 when unrelated, −1 when reversed.</dd></div>\n\
<div><dt>Stability interval</dt><dd>The range of one criterion's weight, the others keeping their proportions, within which the first place (or the whole ranking) stays as it is.</dd></div>\n\
<div><dt>Critical criterion</dt><dd>The criterion whose weight needs the smallest change to change the first place.</dd></div>\n\
<div><dt>Weight sweep</dt><dd>One criterion's weight moved from 0% to 100%, the others keeping their proportions; where two lines cross, two alternatives swap places.</dd></div>\n\
<div><dt>SMAA-2, rank acceptability</dt><dd>Stochastic multicriteria acceptability analysis: the weights are drawn at random many times; an alternative's acceptability for a rank is the share of draws that give it that rank.</dd></div>\n\
<div><dt>Central weights, confidence factor</dt><dd>The average weights of the draws in which an alternative comes first, and how often it comes first when those weights are used with the uncertain scores drawn at random.</dd></div>\n\
<div><dt>Standard error</dt><dd>How much a share from random draws could differ from its exact value because the number of draws is finite.</dd></div>\n\
</dl>\n</section>\n";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(10000), "10,000");
        assert_eq!(thousands(1234567), "1,234,567");
    }

    #[test]
    fn ids_become_names_in_cells() {
        let model = crate::sensitivity::fixtures::small();
        let names = Names::new(&model);
        assert_eq!(names.text("a0"), "Alternative 0");
        assert_eq!(names.text("– / a3"), "– / Alternative 3");
        assert_eq!(
            names.text("c0 20%, c1 30%"),
            "Criterion 0 20%, Criterion 1 30%"
        );
        assert_eq!(names.text("a0b"), "a0b");
        assert_eq!(
            names.sentence("default: c0 50%, c1 30% (a2)."),
            "default: Criterion 0 50%, Criterion 1 30% (a2)."
        );
        // A name that contains an id is left alone (regression: "Net cost" became
        // "Net Net cost to the city budget").
        assert_eq!(
            names.sentence("Weights: Net c0 budget 27.3%"),
            "Weights: Net c0 budget 27.3%"
        );
    }
}
