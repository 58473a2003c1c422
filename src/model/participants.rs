//! `[participants]` in the model: a small workshop's weights written beside the criteria, as
//! written (ids, keys and values with their places). They are checked against the criteria,
//! and turned into weights, by [`crate::participants`], with the messages a participants file
//! gets.

use std::ops::Range;
use std::path::PathBuf;

use indexmap::IndexMap;
use toml::Spanned;

use super::raw::RawParticipant;
use crate::diagnostic::Location;

/// The `[participants]` table of a model.
#[derive(Debug, Clone, PartialEq)]
pub struct InlineParticipants {
    /// The model file, and its text, for pointing at a participant's entry.
    pub path: PathBuf,
    pub text: String,
    /// The span of the `[participants]` table.
    pub span: Range<usize>,
    pub list: Vec<InlineParticipant>,
}

/// One `[participants.ID]` table.
#[derive(Debug, Clone, PartialEq)]
pub struct InlineParticipant {
    pub id: String,
    pub span: Range<usize>,
    pub group: Option<(String, Range<usize>)>,
    /// Every kind of weights the table gives (one, when it is right).
    pub weights: Vec<InlineWeights>,
}

/// A participant's weights as written.
#[derive(Debug, Clone, PartialEq)]
pub enum InlineWeights {
    /// `points = { id = 30, … }`: (criterion id, its span, the points, their span).
    Points {
        span: Range<usize>,
        values: Vec<(String, Range<usize>, f64, Range<usize>)>,
    },
    /// `rank_order = ["a", "b", …]`.
    RankOrder {
        span: Range<usize>,
        order: Vec<(String, Range<usize>)>,
    },
    /// `ahp = { "a/b" = 3, … }`: (pair, its span, the judgement, its span).
    Ahp {
        span: Range<usize>,
        pairs: Vec<(String, Range<usize>, toml::Value, Range<usize>)>,
    },
}

impl InlineParticipants {
    /// The place of a byte range of the model.
    pub fn location(&self, span: Range<usize>) -> Location {
        Location::in_text(&self.path, &self.text, span)
    }
}

/// The table as written, kept with the model's text.
pub(crate) fn build(
    path: &std::path::Path,
    text: &str,
    raw: Spanned<IndexMap<Spanned<String>, Spanned<RawParticipant>>>,
) -> InlineParticipants {
    let span = raw.span();
    let list = raw
        .into_inner()
        .into_iter()
        .map(|(id, body)| {
            let body_span = body.span();
            let body = body.into_inner();
            let mut weights = Vec::new();
            if let Some(p) = body.points {
                let span = p.span();
                let values = p
                    .into_inner()
                    .into_iter()
                    .map(|(k, v)| (k.get_ref().clone(), k.span(), *v.get_ref(), v.span()))
                    .collect();
                weights.push(InlineWeights::Points { span, values });
            }
            if let Some(o) = body.rank_order {
                let span = o.span();
                let order = o
                    .into_inner()
                    .into_iter()
                    .map(|c| (c.get_ref().clone(), c.span()))
                    .collect();
                weights.push(InlineWeights::RankOrder { span, order });
            }
            if let Some(a) = body.ahp {
                let span = a.span();
                let pairs = a
                    .into_inner()
                    .into_iter()
                    .map(|(k, v)| (k.get_ref().clone(), k.span(), v.get_ref().clone(), v.span()))
                    .collect();
                weights.push(InlineWeights::Ahp { span, pairs });
            }
            // The key's span points at the id in `[participants.ID]`; the body's at the table.
            let id_span = if id.span().is_empty() {
                body_span
            } else {
                id.span()
            };
            InlineParticipant {
                id: id.into_inner(),
                span: id_span,
                group: body.group.map(|g| (g.get_ref().clone(), g.span())),
                weights,
            }
        })
        .collect();
    InlineParticipants {
        path: path.to_path_buf(),
        text: text.to_string(),
        span,
        list,
    }
}
