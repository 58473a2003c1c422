//! `pmatrix rank`: one method, one weight set, a ranked list with the method's details.

use std::sync::Arc;

use indexmap::IndexMap;
use nalgebra::DMatrix;
use serde::Serialize;

use crate::assumption::Note;
use crate::methods::{self, CriterionInfo, Details, Evaluation, Method, Options, ScoreOrder};
use crate::model::{Model, Scores};
use crate::normalize::{Normalization, NormalizeError};
use crate::ranking;
use crate::simd::Prefetch;
use crate::weights::Weights;

/// A method's intermediate values for one alternative, as SPEC's JSON names them.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum AltDetails {
    Contributions {
        contributions: Contributions,
    },
    Topsis {
        d_plus: f64,
        d_minus: f64,
    },
    Vikor {
        s: f64,
        r: f64,
        q: f64,
    },
    Promethee {
        phi_plus: f64,
        phi_minus: f64,
        phi: f64,
    },
    /// WSM or WPM contributions left out (see [`CONTRIBUTIONS_LIMIT`]): `{}`.
    Omitted {},
}

/// Up to this many alternatives, a WSM or WPM ranking lists every alternative's
/// per-criterion contributions; above, only when asked ([`RankOptions::contributions`]), as
/// they are m numbers per alternative (on a million alternatives, most of the output).
pub const CONTRIBUTIONS_LIMIT: usize = 10_000;

/// What a ranking lists beyond each alternative's rank and score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RankOptions {
    /// List WSM and WPM contributions whatever the number of alternatives (`--explain`).
    pub contributions: bool,
    /// List only the first `top` alternatives (ties at the cut are cut too).
    pub top: Option<usize>,
}

/// Per-criterion values of one alternative, serialised as a map keyed by criterion id. The ids
/// are shared between alternatives, so a ranking of many alternatives builds no keys.
#[derive(Debug, Clone, PartialEq)]
pub struct Contributions {
    pub ids: Arc<[String]>,
    pub values: Vec<f64>,
}

impl Contributions {
    /// The value for a criterion id.
    pub fn get(&self, id: &str) -> Option<f64> {
        self.ids
            .iter()
            .position(|i| i == id)
            .map(|j| self.values[j])
    }
}

impl Serialize for Contributions {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.values.len()))?;
        for (id, v) in self.ids.iter().zip(&self.values) {
            map.serialize_entry(id, v)?;
        }
        map.end()
    }
}

/// One alternative in a ranking.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ranked {
    pub rank: usize,
    pub id: String,
    pub name: String,
    pub score: f64,
    pub details: AltDetails,
    /// Index in the model.
    #[serde(skip)]
    pub index: usize,
}

/// VIKOR's compromise conditions, with ids.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VikorCompromise {
    pub dq: f64,
    pub acceptable_advantage: bool,
    pub acceptable_stability: bool,
    pub compromise_set: Vec<String>,
}

/// The result of `pmatrix rank`, serialised as SPEC's `rank` JSON.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ranking {
    pub title: String,
    pub method: Method,
    pub normalization: Option<Normalization>,
    pub profile: Option<String>,
    pub score_order: ScoreOrder,
    pub weights: IndexMap<String, f64>,
    pub alternatives: Vec<Ranked>,
    /// Criteria for which `scale` normalisation used the observed minimum and maximum.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub minmax_fallback: Vec<String>,
    /// `--profile` of AHP judgements on a value tree: each parent's consistency, top first.
    /// (After `alternatives`, so that the streamed JSON finds the alternatives' key first.)
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consistency: Option<Vec<crate::weights::ahp::GroupAhp>>,
    /// `--profile` of objective weights: the method and what each weight came from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub objective: Option<crate::weights::objective::Summary>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vikor: Option<VikorCompromise>,
    /// PROMETHEE I: pairs of alternatives (ids) that the partial preorder leaves incomparable;
    /// the first [`methods::promethee::INCOMPARABLE_LISTED`] of them when there are more.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub incomparable: Option<Vec<[String; 2]>>,
    /// What was assumed: midpoints of uncertain scores, the minmax fallback, weights
    /// normalised from points.
    pub notes: Vec<Note>,
    /// PROMETHEE I: how many pairs are incomparable in all.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub incomparable_count: Option<u64>,
    /// Alternatives left out of `alternatives` by `--top`.
    #[serde(skip_serializing_if = "is_zero")]
    pub left_out: usize,
    /// Whether WSM or WPM contributions were left out of `details` (above
    /// [`CONTRIBUTIONS_LIMIT`] alternatives, without `--explain`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub contributions_omitted: bool,
    /// The evaluation behind the ranking.
    #[serde(skip)]
    pub evaluation: Evaluation,
}

/// The per-criterion information the methods need.
pub fn criteria_info(model: &Model) -> Vec<CriterionInfo> {
    model.criteria.iter().map(CriterionInfo::from).collect()
}

/// Runs a method on a model with the given weights.
pub fn evaluate(
    model: &Model,
    weights: &Weights,
    opts: &Options,
) -> Result<Evaluation, NormalizeError> {
    methods::evaluate(
        model.scores.mid(),
        &criteria_info(model),
        weights.as_slice(),
        opts,
    )
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// Ranks a model's alternatives, listing every alternative (and, up to
/// [`CONTRIBUTIONS_LIMIT`] alternatives, WSM and WPM contributions).
pub fn rank(
    model: &Model,
    weights: &Weights,
    profile: Option<&str>,
    opts: &Options,
) -> Result<Ranking, NormalizeError> {
    rank_with(model, weights, profile, opts, RankOptions::default())
}

/// Ranks a model's alternatives, with what to list.
pub fn rank_with(
    model: &Model,
    weights: &Weights,
    profile: Option<&str>,
    opts: &Options,
    list: RankOptions,
) -> Result<Ranking, NormalizeError> {
    Ok(listing(model, weights, profile, opts, list)?.into_ranking())
}

/// A ranking whose alternatives are made when they are listed, not held: a million-row JSON
/// output is written from the scores without a million `Ranked` values.
pub struct Listing<'m> {
    /// The ranking without its alternatives.
    pub ranking: Ranking,
    model: &'m Model,
    /// The alternatives best first, with their ranks and scores; the first `shown` are listed.
    sorted: ranking::Sorted,
    shown: usize,
    criterion_ids: Arc<[String]>,
    /// The WSM or WPM contributions transposed (alternatives as columns), when listed.
    by_alternative: Option<DMatrix<f64>>,
}

/// One alternative of a [`Listing`] as it is serialised: the fields of [`Ranked`], borrowed.
#[derive(Serialize)]
struct RankedRef<'a> {
    rank: usize,
    id: &'a str,
    name: &'a str,
    score: f64,
    details: AltDetails,
}

impl RankedRef<'_> {
    /// Appends the item as `serde_json::to_writer` writes it (a test holds the two equal):
    /// written directly, as a million of them are most of a large ranking's time.
    /// `plain`: whether neither the id nor the name needs an escape.
    fn write(&self, out: &mut Cursor<'_>, plain: bool) -> std::io::Result<()> {
        out.put(b"{\"rank\":");
        out.put(itoa::Buffer::new().format(self.rank).as_bytes());
        out.put(b",\"id\":");
        let string = |out: &mut Cursor<'_>, s: &str| {
            if plain {
                out.put(b"\"");
                out.put(s.as_bytes());
                out.put(b"\"");
            } else {
                let mut escaped = Vec::with_capacity(s.len() + 2);
                json_string(&mut escaped, s);
                out.put(&escaped);
            }
        };
        string(out, self.id);
        out.put(b",\"name\":");
        string(out, self.name);
        out.put(b",\"score\":");
        out.number(self.score);
        out.put(b",\"details\":");
        // An object's numbers after their keys (each key with the brace or comma before it),
        // and the brace that closes the item: written out, so that each key's size is known.
        macro_rules! fields {
            ($($key:literal => $x:expr),+) => {{
                $(
                    out.put($key);
                    out.number($x);
                )+
                out.put(b"}}");
            }};
        }
        match &self.details {
            AltDetails::Omitted {} => out.put(b"{}}"),
            AltDetails::Topsis { d_plus, d_minus } => {
                fields!(b"{\"d_plus\":" => *d_plus, b",\"d_minus\":" => *d_minus);
            }
            AltDetails::Vikor { s, r, q } => {
                fields!(b"{\"s\":" => *s, b",\"r\":" => *r, b",\"q\":" => *q);
            }
            AltDetails::Promethee {
                phi_plus,
                phi_minus,
                phi,
            } => fields!(
                b"{\"phi_plus\":" => *phi_plus,
                b",\"phi_minus\":" => *phi_minus,
                b",\"phi\":" => *phi
            ),
            AltDetails::Contributions { .. } => {
                let mut written = serde_json::to_vec(&self.details)?;
                written.push(b'}');
                out.put(&written);
            }
        }
        Ok(())
    }
}

/// Appends bytes to a buffer at a place of its own, the buffer kept 32 bytes longer than
/// what is written: a piece of at most 32 bytes (a number, a key, most ids and names) is then
/// copied in two moves of fixed size that overlap, which the compiler makes without a call
/// (appending to a `Vec` calls `memcpy`, and took about a third of the time of formatting a
/// number). The bytes written are `buf[..at]`; what lies after them is left as it was.
struct Cursor<'b> {
    buf: &'b mut Vec<u8>,
    at: usize,
}

impl Cursor<'_> {
    /// How many bytes a piece's moves may write past its end.
    const SLACK: usize = 32;

    #[inline(always)]
    fn put(&mut self, s: &[u8]) {
        let (at, len) = (self.at, s.len());
        if self.buf.len() < at + len + Self::SLACK {
            self.grow(at + len + Self::SLACK);
        }
        let to = &mut self.buf[at..];
        if len > 32 {
            to[..len].copy_from_slice(s);
        } else if len >= 16 {
            to[..16].copy_from_slice(&s[..16]);
            to[len - 16..len].copy_from_slice(&s[len - 16..]);
        } else if len >= 8 {
            to[..8].copy_from_slice(&s[..8]);
            to[len - 8..len].copy_from_slice(&s[len - 8..]);
        } else if len >= 4 {
            to[..4].copy_from_slice(&s[..4]);
            to[len - 4..len].copy_from_slice(&s[len - 4..]);
        } else {
            for (t, &b) in to.iter_mut().zip(s) {
                *t = b;
            }
        }
        self.at = at + len;
    }

    /// A number as serde_json writes it: with its own formatters, and null when not finite.
    #[inline(always)]
    fn number(&mut self, x: f64) {
        if x.is_finite() {
            self.put(zmij::Buffer::new().format_finite(x).as_bytes());
        } else {
            self.put(b"null");
        }
    }

    /// Makes the buffer at least `len` bytes long, doubling it (the new bytes zero).
    #[cold]
    fn grow(&mut self, len: usize) {
        self.buf.resize(len.max(2 * self.buf.len()), 0);
    }
}

/// Whether `s` is written in JSON as it is, between quotes.
fn plain(s: &str) -> bool {
    !s.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\')
}

/// Appends `s` as a JSON string, escaped as serde_json escapes it.
fn json_string(buf: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    buf.push(b'"');
    if plain(s) {
        buf.extend_from_slice(bytes);
    } else {
        for &b in bytes {
            match b {
                b'"' => buf.extend_from_slice(b"\\\""),
                b'\\' => buf.extend_from_slice(b"\\\\"),
                b'\n' => buf.extend_from_slice(b"\\n"),
                b'\r' => buf.extend_from_slice(b"\\r"),
                b'\t' => buf.extend_from_slice(b"\\t"),
                0x08 => buf.extend_from_slice(b"\\b"),
                0x0c => buf.extend_from_slice(b"\\f"),
                b if b < 0x20 => {
                    const HEX: &[u8; 16] = b"0123456789abcdef";
                    buf.extend_from_slice(b"\\u00");
                    buf.push(HEX[usize::from(b >> 4)]);
                    buf.push(HEX[usize::from(b & 0xf)]);
                }
                b => buf.push(b),
            }
        }
    }
    buf.push(b'"');
}

impl Listing<'_> {
    /// How many alternatives are listed.
    pub fn len(&self) -> usize {
        self.shown
    }

    /// Whether no alternative is listed.
    pub fn is_empty(&self) -> bool {
        self.shown == 0
    }

    /// Asks for the cache lines of the method's values for alternative `i` (see
    /// [`crate::model::Alternatives::prefetch_place`]).
    #[inline]
    fn prefetch_details(&self, i: usize, pf: Prefetch) {
        let line = |v: &[f64]| {
            if let Some(x) = v.get(i) {
                pf.line(x);
            }
        };
        match &self.ranking.evaluation.details {
            Details::Topsis { d_plus, d_minus } => {
                line(d_plus);
                line(d_minus);
            }
            Details::Vikor(v) => {
                line(&v.s);
                line(&v.r);
                line(&v.q);
            }
            Details::Promethee(p) => {
                line(&p.phi_plus);
                line(&p.phi_minus);
                line(&p.phi);
            }
            Details::Contributions(_) => {}
        }
    }

    fn details(&self, i: usize) -> AltDetails {
        if self.ranking.contributions_omitted {
            AltDetails::Omitted {}
        } else {
            details(
                &self.criterion_ids,
                &self.ranking.evaluation.details,
                self.by_alternative.as_ref(),
                i,
            )
        }
    }

    /// The ranking with its alternatives.
    pub fn into_ranking(self) -> Ranking {
        let alts = &self.model.alternatives;
        let alternatives = (0..self.shown)
            .map(|p| {
                let i = self.sorted.order[p];
                Ranked {
                    rank: self.sorted.rank[p],
                    id: alts.id(i).to_string(),
                    name: alts.name(i).to_string(),
                    score: self.sorted.score[p],
                    details: self.details(i),
                    index: i,
                }
            })
            .collect();
        Ranking {
            alternatives,
            ..self.ranking
        }
    }

    /// Writes the ranking as JSON on one line, byte for byte what `serde_json::to_writer`
    /// writes of [`Listing::into_ranking`]: the alternatives are serialised in parallel, a
    /// part of 8,192 rows at a time, into buffers written in order as they are made.
    pub fn write_json(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        const CHUNK: usize = 8192;
        const GATHER: usize = 256;
        let head = serde_json::to_vec(&self.ranking)?;
        // Keys are ids and quotes inside strings are escaped, so the first `"alternatives":[]`
        // is the (empty) list of alternatives.
        let key = b"\"alternatives\":[";
        let at = head
            .windows(key.len() + 1)
            .position(|w| &w[..key.len()] == key && w[key.len()] == b']')
            .ok_or_else(|| std::io::Error::other("no alternatives key in the ranking"))?
            + key.len();
        out.write_all(&head[..at])?;
        let alts = &self.model.alternatives;
        // Ids never need an escape, and an arena knows whether some name does.
        let all_plain = alts.json_plain() == Some(true);
        let shown = &self.sorted.order[..self.shown];
        let format = |c: usize, buf: &mut Vec<u8>| -> std::io::Result<usize> {
            let from = c * CHUNK;
            let chunk = &shown[from..(from + CHUNK).min(shown.len())];
            let mut out = Cursor { buf, at: 0 };
            let mut items: Vec<RankedRef<'_>> = Vec::with_capacity(GATHER);
            let pf = Prefetch::new();
            for (g, sub) in chunk.chunks(GATHER).enumerate() {
                // The alternatives are read in rank order, all over memory: asking for a few
                // hundred rows' places and values, then their texts, before reading any,
                // keeps many memory reads under way at once instead of one at a time.
                for &i in sub {
                    alts.prefetch_place(i, pf);
                    self.prefetch_details(i, pf);
                }
                for &i in sub {
                    alts.prefetch_text(i, pf);
                }
                items.clear();
                items.extend(sub.iter().zip(from + g * GATHER..).map(|(&i, p)| {
                    let (id, name) = alts.id_name(i);
                    RankedRef {
                        rank: self.sorted.rank[p],
                        id,
                        name,
                        score: self.sorted.score[p],
                        details: self.details(i),
                    }
                }));
                for (k, item) in items.iter().enumerate() {
                    if g > 0 || k > 0 {
                        out.put(b",");
                    }
                    let plain = all_plain || (plain(item.id) && plain(item.name));
                    item.write(&mut out, plain)?;
                }
            }
            Ok(out.at)
        };
        // The parts are made on the thread pool while this thread writes those made.
        crate::ordered::write_parts(out, shown.len().div_ceil(CHUNK), b",", format)?;
        out.write_all(&head[at..])
    }
}

/// Ranks a model's alternatives into a [`Listing`].
pub fn listing<'m>(
    model: &'m Model,
    weights: &Weights,
    profile: Option<&str>,
    opts: &Options,
    list: RankOptions,
) -> Result<Listing<'m>, NormalizeError> {
    let scored = score_listing(model, weights, opts, list)?;
    Ok(finish_listing(model, scored, weights, profile, list))
}

/// [`listing`] for a caller done with the score matrix once it is scored: the matrix (and
/// the interval bounds) are dropped before the ranking is sorted, so that a large ranking's
/// sort and output do not hold it too. Afterwards `model.scores` has no rows; the listing is
/// all that may be read of the scores.
pub fn listing_without_matrix<'m>(
    model: &'m mut Model,
    weights: &Weights,
    profile: Option<&str>,
    opts: &Options,
    list: RankOptions,
) -> Result<Listing<'m>, NormalizeError> {
    let scored = score_listing(model, weights, opts, list)?;
    model.scores = Scores::exact(DMatrix::zeros(0, model.criteria.len()));
    Ok(finish_listing(model, scored, weights, profile, list))
}

/// Whether a listing leaves WSM or WPM contributions out: above [`CONTRIBUTIONS_LIMIT`]
/// alternatives, unless asked.
fn contributions_omitted(model: &Model, opts: &Options, list: RankOptions) -> bool {
    matches!(opts.method, Method::Wsm | Method::Wpm)
        && !list.contributions
        && model.alternatives.len() > CONTRIBUTIONS_LIMIT
}

/// Keeps `model`'s scores as doubles alone unless a listing under `opts` scores them as
/// decimals (and nothing has made the matrix yet), so that a method that reads the matrix
/// does not hold the decimals beside it.
pub fn prepare_scores(model: &mut Model, opts: &Options, list: RankOptions) {
    let contributions = !contributions_omitted(model, opts, list);
    if model.scores.has_matrix() || !methods::fuses(&criteria_info(model), opts, contributions) {
        model.scores.keep_doubles();
    }
}

/// What [`listing`] takes from the score matrix: the evaluation, whether contributions were
/// left out, and the note on midpoints of uncertain scores.
struct Scored {
    ev: Evaluation,
    contributions_omitted: bool,
    midpoints: Option<Note>,
}

fn score_listing(
    model: &Model,
    weights: &Weights,
    opts: &Options,
    list: RankOptions,
) -> Result<Scored, NormalizeError> {
    let contributions_omitted = contributions_omitted(model, opts, list);
    let info = criteria_info(model);
    let w = weights.as_slice();
    // Scores kept as decimals are scored as they are when the method allows.
    let fused = match model.scores.decimals() {
        Some(d) if !model.scores.has_matrix() => {
            methods::fused(d, &info, w, opts, !contributions_omitted)
        }
        _ => None,
    };
    let ev = match fused {
        Some(ev) => ev,
        None => methods::evaluate_with(model.scores.mid(), &info, w, opts, !contributions_omitted)?,
    };
    Ok(Scored {
        ev,
        contributions_omitted,
        midpoints: crate::assumption::midpoints(model),
    })
}

/// The rest of [`listing`], without the score matrix.
fn finish_listing<'m>(
    model: &'m Model,
    scored: Scored,
    weights: &Weights,
    profile: Option<&str>,
    list: RankOptions,
) -> Listing<'m> {
    let Scored {
        ev,
        contributions_omitted,
        midpoints,
    } = scored;
    let sorted = ranking::sorted(&ev.scores, ev.order);
    let n = sorted.order.len();
    let left_out = list.top.map_or(0, |k| n.saturating_sub(k));
    let ids = |is: &[usize]| {
        is.iter()
            .map(|&i| model.alternatives.id(i).to_string())
            .collect::<Vec<_>>()
    };
    let criterion_ids: Arc<[String]> = model.criteria.iter().map(|c| c.id.clone()).collect();
    // nalgebra stores by column; one transpose makes each alternative's contributions
    // contiguous instead of a strided walk per alternative.
    let by_alternative = match &ev.details {
        Details::Contributions(c) if !contributions_omitted => Some(c.transpose()),
        _ => None,
    };
    let vikor = match &ev.details {
        Details::Vikor(v) => Some(VikorCompromise {
            dq: v.compromise.dq,
            acceptable_advantage: v.compromise.acceptable_advantage,
            acceptable_stability: v.compromise.acceptable_stability,
            compromise_set: ids(&v.compromise.set),
        }),
        _ => None,
    };
    let (incomparable, incomparable_count) = match &ev.details {
        Details::Promethee(p) => {
            let tol = ranking::TIE_TOLERANCE
                * ranking::magnitude(&p.phi_plus).max(ranking::magnitude(&p.phi_minus));
            let found = methods::promethee::incomparable_pairs(p, tol);
            let pairs = found
                .first
                .iter()
                .map(|&(a, b)| {
                    [
                        model.alternatives.id(a).to_string(),
                        model.alternatives.id(b).to_string(),
                    ]
                })
                .collect();
            (Some(pairs), Some(found.count))
        }
        _ => (None, None),
    };
    let minmax_fallback: Vec<String> = ev
        .fallback
        .iter()
        .map(|&j| model.criteria[j].id.clone())
        .collect();
    let notes = midpoints
        .into_iter()
        .chain(crate::assumption::minmax_fallback(minmax_fallback.clone()))
        .collect();
    let origin = profile.and_then(|p| model.profile(p)).map(|p| &p.origin);
    let ranking = Ranking {
        title: model.title.clone(),
        method: ev.method,
        normalization: ev.normalization,
        profile: profile.map(str::to_string),
        score_order: ev.order,
        weights: weight_map(model, weights),
        alternatives: Vec::new(),
        minmax_fallback,
        consistency: origin.and_then(crate::weights::ahp::tree_consistency),
        objective: origin.and_then(crate::weights::objective::summary),
        vikor,
        notes,
        incomparable,
        incomparable_count,
        left_out,
        contributions_omitted,
        evaluation: ev,
    };
    Listing {
        ranking,
        model,
        sorted,
        shown: n - left_out,
        criterion_ids,
        by_alternative,
    }
}

/// Weights keyed by criterion id, in the model's order.
pub fn weight_map(model: &Model, weights: &Weights) -> IndexMap<String, f64> {
    model
        .criteria
        .iter()
        .zip(weights.as_slice())
        .map(|(c, &w)| (c.id.clone(), w))
        .collect()
}

/// The method's values for alternative `i`. `by_alternative` is the contributions matrix
/// transposed (alternatives as columns), when the caller made it.
fn details(
    ids: &Arc<[String]>,
    d: &Details,
    by_alternative: Option<&DMatrix<f64>>,
    i: usize,
) -> AltDetails {
    match d {
        Details::Contributions(c) => AltDetails::Contributions {
            contributions: Contributions {
                ids: Arc::clone(ids),
                values: match by_alternative {
                    Some(t) => t.column(i).iter().copied().collect(),
                    None => c.row(i).iter().copied().collect(),
                },
            },
        },
        Details::Topsis { d_plus, d_minus } => AltDetails::Topsis {
            d_plus: d_plus[i],
            d_minus: d_minus[i],
        },
        Details::Vikor(v) => AltDetails::Vikor {
            s: v.s[i],
            r: v.r[i],
            q: v.q[i],
        },
        Details::Promethee(p) => AltDetails::Promethee {
            phi_plus: p.phi_plus[i],
            phi_minus: p.phi_minus[i],
            phi: p.phi[i],
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A model of `n` alternatives on a benefit and a cost criterion, with ties, from CSV.
    fn model(n: usize) -> (tempfile::TempDir, Model) {
        model_named(n, |i| format!("Name \"{i}\""))
    }

    /// [`model`] with the names `name` gives.
    fn model_named(n: usize, name: impl Fn(usize) -> String) -> (tempfile::TempDir, Model) {
        let dir = tempfile::tempdir().unwrap();
        let mut csv = String::from("id,name,x,y\n");
        for i in 0..n {
            csv.push_str(&format!("a{i},{},{},{}\n", name(i), i % 97, (i * 31) % 89));
        }
        std::fs::write(dir.path().join("m.csv"), csv).unwrap();
        let toml = "title = \"many \\\"alternatives\\\":[]\"\n[[criteria]]\nid = \"x\"\ndirection = \"benefit\"\nweight = 1\n[[criteria]]\nid = \"y\"\ndirection = \"cost\"\nweight = 2\n[data]\ncsv = \"m.csv\"\n";
        std::fs::write(dir.path().join("m.toml"), toml).unwrap();
        let model = crate::model::load(&dir.path().join("m.toml")).unwrap();
        (dir, model)
    }

    /// Strings and items are written as serde_json writes them.
    #[test]
    fn items_are_written_as_serde_json_writes_them() {
        for text in [
            "",
            "plain",
            "quote \" and \\ back",
            "ctl \u{1}\u{8}\u{c}\n\r\t\u{1f}\u{7f}",
            "Équité — 5 €",
            "a name of more than thirty-two bytes, plain",
            "ids-of-every-length-up-to-40-bytes-abcd",
        ] {
            let mut buf = Vec::new();
            json_string(&mut buf, text);
            assert_eq!(buf, serde_json::to_vec(text).unwrap(), "{text:?}");
            for details in [
                AltDetails::Omitted {},
                AltDetails::Topsis {
                    d_plus: 0.1,
                    d_minus: 1e-300,
                },
                AltDetails::Vikor {
                    s: 1.0,
                    r: -0.0,
                    q: 123456789.125,
                },
                AltDetails::Promethee {
                    phi_plus: 0.5,
                    phi_minus: 2.5e20,
                    phi: -1.0 / 3.0,
                },
                AltDetails::Contributions {
                    contributions: Contributions {
                        ids: vec!["x".to_string(), "y".to_string()].into(),
                        values: vec![0.25, 1e-7],
                    },
                },
            ] {
                for score in [0.1 + 0.2, f64::NAN, f64::NEG_INFINITY] {
                    let item = RankedRef {
                        rank: 12,
                        id: text,
                        name: text,
                        score,
                        details: details.clone(),
                    };
                    // Written after a piece, as items are, into a buffer with room and without.
                    for room in [0, 4096] {
                        let mut buf = vec![b'x'; room];
                        let mut out = Cursor {
                            buf: &mut buf,
                            at: 0,
                        };
                        out.put(b"[");
                        item.write(&mut out, plain(text)).unwrap();
                        let at = out.at;
                        assert_eq!(
                            String::from_utf8(buf[..at].to_vec()).unwrap(),
                            format!("[{}", serde_json::to_string(&item).unwrap())
                        );
                    }
                }
            }
        }
    }

    /// Pieces of every length are put whole after what is there, and nothing past them is
    /// what the buffer keeps.
    #[test]
    fn pieces_of_every_length_are_put_whole() {
        let text: Vec<u8> = (0..100u8).map(|b| b'!' + b % 90).collect();
        for before in [0, 1, 7, 31] {
            for len in 0..=70 {
                let mut buf = Vec::new();
                let mut out = Cursor {
                    buf: &mut buf,
                    at: 0,
                };
                out.put(&text[50..50 + before]);
                out.put(&text[..len]);
                out.put(b"|");
                let at = out.at;
                let mut want = text[50..50 + before].to_vec();
                want.extend_from_slice(&text[..len]);
                want.push(b'|');
                assert_eq!(&buf[..at], &want[..], "{before} then {len}");
            }
        }
    }

    /// A large plain data file keeps its ids and names in an arena, and a ranking is listed and
    /// streamed from it without making an `Alternative` for each row: the same bytes as
    /// serde_json's of the ranking, names with a backslash (escaped) or none (the id) included.
    #[test]
    fn an_arena_is_listed_without_making_alternatives() {
        let (_dir, model) = model_named(20_000, |i| match i % 3 {
            0 => format!("Name {i}"),
            1 => format!("Back\\slash {i}"),
            _ => String::new(),
        });
        assert!(model.alternatives.is_compact());
        for method in [Method::Wsm, Method::Topsis] {
            let opts = Options::new(method);
            let run =
                || listing(&model, &model.weights, None, &opts, RankOptions::default()).unwrap();
            let mut streamed = Vec::new();
            run().write_json(&mut streamed).unwrap();
            let ranking = run().into_ranking();
            assert!(model.alternatives.is_compact(), "{method}");
            assert!(
                streamed == serde_json::to_vec(&ranking).unwrap(),
                "{method}"
            );
            let a1 = ranking.alternatives.iter().find(|a| a.id == "a1").unwrap();
            assert_eq!(a1.name, "Back\\slash 1");
            let a2 = ranking.alternatives.iter().find(|a| a.id == "a2").unwrap();
            assert_eq!(a2.name, "a2");
        }
        assert_eq!(model.alternatives[4].name, "Back\\slash 4");
        assert!(!model.alternatives.is_compact());
    }

    /// A CSV of decimals whose scores are kept as digits ranks to the same bytes as one read
    /// into doubles, under every method; TOPSIS and WSM without contributions never make the
    /// matrix of doubles. A value that needs a double has the file read into doubles.
    #[test]
    fn decimal_scores_rank_as_doubles_do() {
        for (n, last) in [
            (5, None),
            (CONTRIBUTIONS_LIMIT + 3_000, None),
            (3_000, Some("2.5e1")),
        ] {
            let dir = tempfile::tempdir().unwrap();
            let mut csv = String::from("id,name,x,y,z\n");
            for i in 0..n {
                // x: whole numbers and up to three decimals, mixed; y: within its range;
                // z: four decimals, as a generated table has them.
                let x = match i % 4 {
                    0 => format!("{}", i % 97),
                    1 => format!("{}.5", i % 89),
                    2 => format!("{}.25", i % 83),
                    _ => format!("0.{:03}", i % 1000),
                };
                let z = match (last, i + 1 == n) {
                    (Some(v), true) => v.to_string(),
                    _ => format!("{}.{:04}", i % 101, (i * 7919) % 10_000),
                };
                csv.push_str(&format!("a{i},Name {i},{x},{},{z}\n", (i * 31) % 89));
            }
            std::fs::write(dir.path().join("m.csv"), csv).unwrap();
            let toml = "title = \"decimals\"\n[[criteria]]\nid = \"x\"\ndirection = \"benefit\"\nweight = 1\n[[criteria]]\nid = \"y\"\ndirection = \"cost\"\nweight = 2\nrange = [0, 100]\n[[criteria]]\nid = \"z\"\ndirection = \"benefit\"\nweight = 3\n[data]\ncsv = \"m.csv\"\n";
            let path = dir.path().join("m.toml");
            std::fs::write(&path, toml).unwrap();
            let doubles = crate::model::load(&path).unwrap();
            let options = crate::model::LoadOptions {
                decimal_scores: true,
                ..Default::default()
            };
            let decimals = crate::model::load_with(&path, &options).unwrap();
            assert_eq!(
                decimals.scores.decimals().is_some(),
                last.is_none(),
                "n = {n}"
            );
            assert_eq!(decimals.scores.has_matrix(), last.is_some(), "n = {n}");
            for method in Method::ALL {
                let opts = Options::new(method);
                let json = |model: &Model| {
                    let mut model = model.clone();
                    let mut bytes = Vec::new();
                    let weights = model.weights.clone();
                    listing_without_matrix(
                        &mut model,
                        &weights,
                        None,
                        &opts,
                        RankOptions::default(),
                    )
                    .unwrap()
                    .write_json(&mut bytes)
                    .unwrap();
                    bytes
                };
                assert!(json(&decimals) == json(&doubles), "{method}, n = {n}");
                let fused =
                    method == Method::Topsis || (method == Method::Wsm && n > CONTRIBUTIONS_LIMIT);
                let mut fresh = crate::model::load_with(&path, &options).unwrap();
                prepare_scores(&mut fresh, &opts, RankOptions::default());
                assert_eq!(fresh.scores.decimals().is_some(), fused && last.is_none());
                listing(&fresh, &fresh.weights, None, &opts, RankOptions::default()).unwrap();
                assert_eq!(
                    fresh.scores.has_matrix(),
                    !fused || last.is_some(),
                    "{method}, n = {n}"
                );
            }
        }
    }

    /// The streamed JSON of a listing is byte for byte serde_json's of the whole ranking, for
    /// every method, with and without contributions and `--top`.
    #[test]
    fn streamed_json_is_the_ranking_serialised() {
        for n in [1, 3, 20_000] {
            let (_dir, model) = model(n);
            for method in Method::ALL {
                for list in [
                    RankOptions::default(),
                    RankOptions {
                        contributions: true,
                        top: Some(2),
                    },
                    RankOptions {
                        contributions: false,
                        top: Some(17_000),
                    },
                ] {
                    let opts = Options::new(method);
                    let run = || listing(&model, &model.weights, Some("p"), &opts, list).unwrap();
                    let mut streamed = Vec::new();
                    run().write_json(&mut streamed).unwrap();
                    let ranking = run().into_ranking();
                    let whole = serde_json::to_vec(&ranking).unwrap();
                    assert!(
                        streamed == whole,
                        "{method} {list:?} n = {n}: {}",
                        String::from_utf8_lossy(&streamed[..200.min(streamed.len())])
                    );
                    assert_eq!(ranking.alternatives.len(), list.top.map_or(n, |k| k.min(n)));
                    // Without the matrix, the same bytes, and the matrix is gone.
                    let mut without = model.clone();
                    let mut freed = Vec::new();
                    listing_without_matrix(&mut without, &model.weights, Some("p"), &opts, list)
                        .unwrap()
                        .write_json(&mut freed)
                        .unwrap();
                    assert!(
                        freed == whole,
                        "{method} {list:?} n = {n}, without the matrix"
                    );
                    assert_eq!(without.scores.mid().nrows(), 0);
                }
            }
        }
    }
}
