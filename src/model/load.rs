//! Raw TOML → validated [`Model`].

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::Path;

use indexmap::IndexMap;
use toml::Spanned;

use super::common::{Source, check_id, check_number, valid_id};
use super::error::{ModelError, Problem, Quantity, tidy_syntax};
use super::raw::{RawCriterion, RawDirection, RawModel, RawPreference, RawScale};
use super::{
    Criterion, Direction, Model, Preference, Scale, data, limits, profiles, scores, source, text,
};
use crate::diagnostic::Location;
use crate::methods::Method;
use crate::weights::Weights;

/// The largest model file read (large alternative sets belong in `[data] csv`).
pub const MAX_MODEL_BYTES: u64 = limits::MAX_FILE_BYTES;

/// How to load a model: what the person running pmatrix allows beyond the defaults.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LoadOptions {
    /// Read `[data] csv` wherever it points, not only inside the model's folder.
    pub allow_data_outside: bool,
    /// Keep the scores of a plain CSV of decimals as digits and powers of ten (half the
    /// memory of doubles; see [`crate::columns::Decimals`]), for a command that scores them
    /// once, through the fused scorers.
    pub decimal_scores: bool,
}

/// Reads and validates a model file (`-`: standard input), with the default options.
pub fn load(path: &Path) -> Result<Model, ModelError> {
    load_with(path, &LoadOptions::default())
}

/// Reads and validates a model file; `-` reads standard input, and a relative `[data] csv`
/// of a model read so is found from the current directory.
pub fn load_with(path: &Path, options: &LoadOptions) -> Result<Model, ModelError> {
    let stdin = source::is_stdin(path);
    let shown = if stdin { Path::new("<stdin>") } else { path };
    let bytes = source::read(path, MAX_MODEL_BYTES).map_err(|e| match e {
        source::ReadError::Io(e) => ModelError::Read {
            path: shown.to_path_buf(),
            source: e,
        },
        source::ReadError::NotAFile(kind) => ModelError::Read {
            path: shown.to_path_buf(),
            source: std::io::Error::other(format!("it is {kind}, not a regular file")),
        },
        source::ReadError::TooLarge { size, limit } => ModelError::at(
            Location::whole_file(shown),
            Problem::TooLarge { size, limit },
        ),
    })?;
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let at = text.char_indices().nth(
                String::from_utf8_lossy(&e.as_bytes()[..valid])
                    .chars()
                    .count(),
            );
            let at = at.map_or(text.len(), |(i, _)| i);
            return Err(ModelError::at(
                Location::in_text(shown, &text, at..at + 1),
                Problem::NotText,
            ));
        }
    };
    let base = if stdin {
        Path::new(".")
    } else {
        folder_of(path)
    };
    parse_in(shown, &text, base, options)
}

/// The folder a model file is in ("." for a bare file name).
fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// Validates a model given as text; `path` names it in messages and anchors `[data] csv`.
pub fn parse(path: &Path, text: &str) -> Result<Model, ModelError> {
    parse_in(path, text, folder_of(path), &LoadOptions::default())
}

/// Validates a model given as text: `path` names it in messages, `base` is the folder its
/// `[data] csv` is read from.
pub fn parse_in(
    path: &Path,
    text: &str,
    base: &Path,
    options: &LoadOptions,
) -> Result<Model, ModelError> {
    let src = Source { path, text };
    if text.trim().is_empty() {
        return Err(src.whole(Problem::EmptyFile));
    }
    let raw: RawModel = toml::from_str(text).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        src.error(
            span,
            Problem::Syntax {
                message: tidy_syntax(e.message()),
            },
        )
    })?;
    build(&src, raw, base, options)
}

fn build(
    src: &Source<'_>,
    raw: RawModel,
    base: &Path,
    options: &LoadOptions,
) -> Result<Model, ModelError> {
    let title = raw
        .title
        .ok_or_else(|| {
            src.whole(Problem::Missing {
                key: "title",
                table: None,
            })
        })?
        .into_inner();
    let method = match raw.method {
        None => None,
        Some(m) => Some(Method::from_name(m.get_ref()).ok_or_else(|| {
            src.error(
                m.span(),
                Problem::UnknownMethod {
                    found: m.get_ref().clone(),
                },
            )
        })?),
    };
    let scales = build_scales(src, &raw.scales)?;
    let criteria_raw = &raw.criteria;
    if criteria_raw.is_empty() {
        return Err(src.whole(Problem::Empty { what: "criteria" }));
    }
    if criteria_raw.len() > limits::MAX_CRITERIA {
        return Err(src.error(
            criteria_raw[limits::MAX_CRITERIA].span(),
            Problem::TooMany {
                what: "criteria",
                found: criteria_raw.len(),
                limit: limits::MAX_CRITERIA,
            },
        ));
    }
    if let Some(alts) = &raw.alternatives {
        let n = alts.get_ref().len();
        if n > limits::MAX_ALTERNATIVES || n.saturating_mul(criteria_raw.len()) > limits::MAX_CELLS
        {
            let limit = limits::MAX_ALTERNATIVES.min(limits::MAX_CELLS / criteria_raw.len());
            return Err(src.error(
                alts.get_ref()[limit.min(n - 1)].span(),
                Problem::TooMany {
                    what: "alternatives",
                    found: n,
                    limit,
                },
            ));
        }
    }
    let criteria = build_criteria(src, criteria_raw, &scales)?;
    let (tree, weights) = match super::tree::build(src, &raw.groups, criteria_raw)? {
        Some((tree, weights)) => (Some(tree), weights),
        None => (None, build_weights(src, criteria_raw)?),
    };
    let (alternatives, scores) = match (&raw.alternatives, raw.data) {
        (Some(_), Some(data)) => return Err(src.error(data.span(), Problem::DataAndAlternatives)),
        (Some(alts), None) => {
            let (alternatives, scores) = scores::from_toml(src, alts.get_ref(), &criteria)?;
            (alternatives.into(), scores)
        }
        (None, Some(data)) => data_source(src, &data, base, options, &criteria)?,
        (None, None) => {
            return Err(src.whole(Problem::Empty {
                what: "alternatives",
            }));
        }
    };
    if alternatives.is_empty() {
        let problem = Problem::Empty {
            what: "alternatives",
        };
        return Err(match &raw.alternatives {
            Some(alts) if alts.span().end > alts.span().start => src.error(alts.span(), problem),
            _ => src.whole(problem),
        });
    }
    let profiles = profiles::build(src, &raw.profiles, &criteria, &scores, tree.as_ref())?;
    let participants = raw
        .participants
        .map(|p| super::participants::build(src.path, src.text, p));
    let names = super::constraint::Names::new(&criteria, tree.as_ref());
    let smaa = super::smaa_table::build(src, raw.smaa, &names)?;
    Ok(Model {
        title: text::clean(&title),
        description: text::clean_opt(raw.description),
        source: text::clean_opt(raw.source),
        method,
        criteria,
        alternatives,
        scores,
        weights,
        profiles,
        participants,
        tree,
        smaa,
    })
}

fn build_scales(
    src: &Source<'_>,
    raw: &IndexMap<Spanned<String>, Spanned<RawScale>>,
) -> Result<Vec<Scale>, ModelError> {
    let mut out = Vec::new();
    for (name, scale) in raw {
        let name_s = name.get_ref().clone();
        if !valid_id(&name_s) {
            return Err(src.error(name.span(), Problem::BadId { found: name_s }));
        }
        let scale = scale.get_ref();
        let levels = scale.levels.get_ref();
        if levels.is_empty() {
            return Err(src.error(scale.levels.span(), Problem::NoLevels { scale: name_s }));
        }
        let mut seen = HashSet::new();
        for l in levels {
            if !seen.insert(text::clean(l.get_ref())) {
                return Err(src.error(
                    l.span(),
                    Problem::DuplicateLevel {
                        scale: name_s,
                        level: l.get_ref().clone(),
                    },
                ));
            }
        }
        let values = match &scale.values {
            None => (0..levels.len()).map(|i| i as f64).collect(),
            Some(values) => {
                let vs = values.get_ref();
                if vs.len() != levels.len() {
                    return Err(src.error(
                        values.span(),
                        Problem::ValuesLength {
                            scale: name_s,
                            levels: levels.len(),
                            values: vs.len(),
                        },
                    ));
                }
                let mut out = Vec::with_capacity(vs.len());
                for (k, v) in vs.iter().enumerate() {
                    let x = check_number(src, v, Quantity::ScaleValue, || {
                        format!("value #{} of scale `{name_s}`", k + 1)
                    })?;
                    if let Some(&prev) = out.last()
                        && x <= prev
                    {
                        return Err(src.error(
                            v.span(),
                            Problem::NotIncreasing {
                                scale: name_s,
                                previous: prev,
                                value: x,
                            },
                        ));
                    }
                    out.push(x);
                }
                out
            }
        };
        out.push(Scale {
            name: name_s,
            levels: levels.iter().map(|l| text::clean(l.get_ref())).collect(),
            values,
        });
    }
    Ok(out)
}

fn build_criteria(
    src: &Source<'_>,
    raw: &[Spanned<RawCriterion>],
    scales: &[Scale],
) -> Result<Vec<Criterion>, ModelError> {
    let mut seen = HashMap::new();
    let mut out = Vec::with_capacity(raw.len());
    for c in raw {
        let c = c.get_ref();
        check_id(src, &c.id, "criterion", &mut seen)?;
        let id = c.id.get_ref().clone();
        let scale = match &c.scale {
            None => None,
            Some(name) => Some(
                scales
                    .iter()
                    .find(|s| &s.name == name.get_ref())
                    .cloned()
                    .ok_or_else(|| {
                        src.error(
                            name.span(),
                            Problem::UnknownScale {
                                found: name.get_ref().clone(),
                                known: scales.iter().map(|s| s.name.clone()).collect(),
                            },
                        )
                    })?,
            ),
        };
        let range = match &c.range {
            None => None,
            Some(r) => {
                if scale.is_some() {
                    return Err(src.error(r.span(), Problem::ScaleAndRange { criterion: id }));
                }
                let ends = r.get_ref();
                if ends.len() != 2 {
                    return Err(src.error(
                        r.span(),
                        Problem::NotAPair {
                            what: "a range",
                            found: ends.len(),
                        },
                    ));
                }
                let what = |k: usize| {
                    move || {
                        format!(
                            "{} end of the range of `{}`",
                            ["the low", "the high"][k],
                            c.id.get_ref()
                        )
                    }
                };
                let lo = finite(src, &ends[0], what(0))?;
                let hi = finite(src, &ends[1], what(1))?;
                if lo == hi {
                    return Err(src.error(r.span(), Problem::EmptyRange { lo, hi }));
                }
                if lo > hi {
                    return Err(src.error(
                        r.span(),
                        Problem::Reversed {
                            lo: lo.to_string(),
                            hi: hi.to_string(),
                        },
                    ));
                }
                Some((lo, hi))
            }
        };
        let preference = build_preference(src, c)?;
        let value = super::value::build(src, c)?;
        let range = range.or(value.as_ref().map(|f| f.domain()));
        out.push(Criterion {
            name: text::clean_opt(c.name.clone()).unwrap_or_else(|| id.clone()),
            description: text::clean_opt(c.description.clone()),
            id,
            direction: match c.direction.get_ref() {
                RawDirection::Benefit => Direction::Benefit,
                RawDirection::Cost => Direction::Cost,
            },
            scale,
            range,
            preference,
            value,
        });
    }
    Ok(out)
}

fn finite(
    src: &Source<'_>,
    v: &Spanned<f64>,
    what: impl Fn() -> String,
) -> Result<f64, ModelError> {
    let x = *v.get_ref();
    if x.is_finite() {
        Ok(x)
    } else {
        Err(src.error(
            v.span(),
            Problem::NotFinite {
                what: what(),
                value: x,
                kind: Quantity::RangeEnd,
            },
        ))
    }
}

fn build_preference(src: &Source<'_>, c: &RawCriterion) -> Result<Preference, ModelError> {
    let kind = c
        .preference
        .as_ref()
        .map_or(RawPreference::Usual, |p| *p.get_ref());
    let (name, needs): (&'static str, &[&'static str]) = match kind {
        RawPreference::Usual => ("usual", &[]),
        RawPreference::UShape => ("u-shape", &["q"]),
        RawPreference::VShape => ("v-shape", &["p"]),
        RawPreference::Level => ("level", &["q", "p"]),
        RawPreference::Linear => ("linear", &["q", "p"]),
        RawPreference::Gaussian => ("gaussian", &["s"]),
    };
    let criterion = || c.id.get_ref().clone();
    let get = |key: &'static str| -> Result<f64, ModelError> {
        let v = match key {
            "q" => &c.q,
            "p" => &c.p,
            _ => &c.s,
        };
        match v {
            Some(v) => check_number(src, v, Quantity::Threshold, || {
                format!("threshold `{key}` of `{}`", c.id.get_ref())
            }),
            None => Err(src.error(
                c.preference.as_ref().map_or(c.id.span(), Spanned::span),
                Problem::MissingThreshold {
                    criterion: criterion(),
                    preference: name,
                    key,
                },
            )),
        }
    };
    let mut values = [0.0; 2];
    for (k, key) in needs.iter().enumerate() {
        values[k] = get(key)?;
    }
    for (key, v) in [("q", &c.q), ("p", &c.p), ("s", &c.s)] {
        if let Some(v) = v
            && !needs.contains(&key)
        {
            return Err(src.error(
                v.span(),
                Problem::UnusedThreshold {
                    criterion: criterion(),
                    preference: name,
                    key,
                },
            ));
        }
    }
    let bad = |span: Range<usize>, rule| {
        Err(src.error(
            span,
            Problem::BadThresholds {
                criterion: criterion(),
                rule,
            },
        ))
    };
    let span_of = |v: &Option<Spanned<f64>>| v.as_ref().map_or(0..0, Spanned::span);
    Ok(match kind {
        RawPreference::Usual => Preference::Usual,
        RawPreference::UShape => Preference::UShape { q: values[0] },
        RawPreference::VShape if values[0] == 0.0 => {
            return bad(span_of(&c.p), "`p` must be greater than 0");
        }
        RawPreference::VShape => Preference::VShape { p: values[0] },
        RawPreference::Level if values[1] <= values[0] => {
            return bad(span_of(&c.p), "`p` must be greater than `q`");
        }
        // q = p is a step at q (as pymcdm derives for a constant column, q = p = 0).
        RawPreference::Linear if values[1] < values[0] => {
            return bad(span_of(&c.p), "`p` must be at least `q`");
        }
        RawPreference::Level => Preference::Level {
            q: values[0],
            p: values[1],
        },
        RawPreference::Linear => Preference::Linear {
            q: values[0],
            p: values[1],
        },
        RawPreference::Gaussian if values[0] == 0.0 => {
            return bad(span_of(&c.s), "`s` must be greater than 0");
        }
        RawPreference::Gaussian => Preference::Gaussian { s: values[0] },
    })
}

fn build_weights(src: &Source<'_>, raw: &[Spanned<RawCriterion>]) -> Result<Weights, ModelError> {
    let given: Vec<&Spanned<f64>> = raw
        .iter()
        .filter_map(|c| c.get_ref().weight.as_ref())
        .collect();
    if given.is_empty() {
        return Ok(Weights::equal(raw.len()));
    }
    if let Some(missing) = raw.iter().find(|c| c.get_ref().weight.is_none()) {
        let with = raw
            .iter()
            .find(|c| c.get_ref().weight.is_some())
            .map_or(String::new(), |c| c.get_ref().id.get_ref().clone());
        return Err(src.error(
            missing.get_ref().id.span(),
            Problem::PartialWeights {
                criterion: missing.get_ref().id.get_ref().clone(),
                with,
            },
        ));
    }
    let mut w = Vec::with_capacity(raw.len());
    for (c, v) in raw.iter().zip(&given) {
        w.push(check_number(src, v, Quantity::Weight, || {
            format!("the weight of `{}`", c.get_ref().id.get_ref())
        })?);
    }
    Weights::normalized(&w).map_err(|_| src.error(given[0].span(), Problem::AllWeightsZero))
}

/// The alternatives of `[data]`: a CSV file (`csv = ...`), a sheet of a workbook (`xlsx`,
/// `ods` or `xls = ...`, with an optional `sheet`) or a Parquet file (`parquet = ...`), each a
/// path inside the model's folder.
fn data_source(
    src: &Source<'_>,
    data: &Spanned<super::raw::RawData>,
    base: &Path,
    options: &LoadOptions,
    criteria: &[Criterion],
) -> Result<(super::Alternatives, super::Scores), ModelError> {
    let raw = data.get_ref();
    let given: Vec<(&'static str, &Spanned<String>)> = [
        ("csv", &raw.csv),
        ("xlsx", &raw.xlsx),
        ("ods", &raw.ods),
        ("xls", &raw.xls),
        ("parquet", &raw.parquet),
    ]
    .into_iter()
    .filter_map(|(k, v)| v.as_ref().map(|v| (k, v)))
    .collect();
    let [(key, file)] = given[..] else {
        let found = match given.len() {
            0 => "none".to_string(),
            _ => given
                .iter()
                .map(|(k, _)| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(" and "),
        };
        let at = given.get(1).map_or(data.span(), |(_, v)| v.span());
        return Err(src.error(at, Problem::DataKeys { found }));
    };
    if key == "parquet"
        && let Some(sheet) = &raw.sheet
    {
        return Err(src.error(sheet.span(), Problem::SheetWithParquet));
    }
    #[cfg(not(feature = "parquet"))]
    if key == "parquet" {
        return Err(src.error(key_span(src.text, file.span()), Problem::NoParquet));
    }
    let path =
        source::confine(base, file.get_ref(), options.allow_data_outside).map_err(|why| {
            src.error(
                file.span(),
                Problem::DataOutside {
                    path: file.get_ref().clone(),
                    why: match why {
                        source::Outside::Absolute => "an absolute path",
                        source::Outside::Climbs => "a path that climbs with `..`",
                        source::Outside::Link => "a symbolic link to a file",
                    },
                },
            )
        })?;
    #[cfg(feature = "parquet")]
    if key == "parquet" {
        return data::from_parquet(src, file.span(), &path, criteria);
    }
    if key == "csv" {
        if let Some(sheet) = &raw.sheet {
            return Err(src.error(sheet.span(), Problem::SheetWithCsv));
        }
        return data::from_csv(src, file.span(), &path, criteria, options.decimal_scores)
            .map_err(|e| e.in_csv(src.path));
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let fits = ext == key || (key == "xlsx" && ext == "xlsm");
    if !fits {
        return Err(src.error(
            file.span(),
            Problem::WorkbookKind {
                key,
                path: file.get_ref().clone(),
            },
        ));
    }
    let sheet = raw.sheet.as_ref().map(|s| s.get_ref().as_str());
    super::sheet::from_sheet(src, file.span(), &path, sheet, criteria).map(|(a, s)| (a.into(), s))
}

/// The span of the key of `key = value`, given the value's span: the text before the `=` that
/// precedes the value (the value's own span when that is not found).
#[cfg(not(feature = "parquet"))]
fn key_span(text: &str, value: Range<usize>) -> Range<usize> {
    let before = &text[..value.start.min(text.len())];
    let Some(eq) = before.rfind('=') else {
        return value;
    };
    let line_start = before[..eq].rfind('\n').map_or(0, |k| k + 1);
    let key = before[line_start..eq].trim();
    match before[line_start..eq].find(key) {
        Some(k) if !key.is_empty() => line_start + k..line_start + k + key.len(),
        _ => value,
    }
}
