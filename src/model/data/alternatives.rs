//! The alternatives of a model: a list of [`Alternative`] values, or, for a large data file,
//! one text arena holding every id and name.
//!
//! A million alternatives as `Alternative` values are two million small strings (about 130 MB
//! and as many allocations); the arena is one string and one offset per alternative (about
//! 30 MB). Code that reads ids and names through [`Alternatives::id`] and
//! [`Alternatives::name`] never builds the values; anything else (`model.alternatives[i]`,
//! `.iter()`) sees a slice of `Alternative`, made from the arena the first time it is asked
//! for.

use std::sync::OnceLock;

use super::super::Alternative;
use crate::simd::Prefetch;

/// The alternatives of a model, in the model's order.
#[derive(Clone, Default)]
pub struct Alternatives {
    arena: Option<Arena>,
    list: OnceLock<Vec<Alternative>>,
}

/// Every alternative's text, `id` or `id,name`, one after the other in a few texts (ids never
/// hold a comma, and the names kept here hold none either).
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Arena {
    texts: Vec<String>,
    /// Each alternative's text: which of `texts` holds it and where it starts there (it ends
    /// where the next one in the same text starts, or with the text).
    rows: Vec<(u32, u32)>,
    /// Whether some name holds a backslash (the only character a JSON string of these names
    /// would escape: control characters are removed from names, and quotes never get here).
    backslash: bool,
}

impl Arena {
    /// An arena of `text`, with `starts` where each alternative's text starts and, last, the
    /// text's length.
    #[cfg(test)]
    pub(crate) fn new(mut text: String, mut starts: Vec<u32>) -> Arena {
        debug_assert_eq!(starts.last().map(|&s| s as usize), Some(text.len()));
        if let Some(end) = starts.pop() {
            text.truncate(end as usize);
        }
        Arena::from_texts(vec![(text, starts)]).unwrap_or_default()
    }

    /// An arena of the alternatives of each text in turn, with where each one's text starts in
    /// its own; `None` for 2^32 texts or more.
    pub(crate) fn from_texts(texts: Vec<(String, Vec<u32>)>) -> Option<Arena> {
        use rayon::prelude::*;
        u32::try_from(texts.len()).ok()?;
        let n = texts.iter().map(|(_, s)| s.len()).sum();
        // The texts' rows are written in parallel, so that the pages of a million rows'
        // places are faulted in (and zeroed) on every thread, not one.
        let mut rows = vec![(0, 0); n];
        let mut parts: Vec<&mut [(u32, u32)]> = Vec::with_capacity(texts.len());
        let mut rest = rows.as_mut_slice();
        for (_, starts) in &texts {
            let (part, after) = rest.split_at_mut(starts.len());
            parts.push(part);
            rest = after;
        }
        parts
            .into_par_iter()
            .zip(&texts)
            .enumerate()
            .for_each(|(b, (part, (_, starts)))| {
                for (row, &s) in part.iter_mut().zip(starts) {
                    *row = (b as u32, s);
                }
            });
        let kept: Vec<String> = texts.into_iter().map(|(text, _)| text).collect();
        let backslash = kept.par_iter().any(|t| t.contains('\\'));
        Some(Arena {
            texts: kept,
            rows,
            backslash,
        })
    }

    pub(super) fn len(&self) -> usize {
        self.rows.len()
    }

    /// The id and the name of alternative `i`.
    #[inline]
    pub(super) fn get(&self, i: usize) -> (&str, &str) {
        let (b, start) = self.rows[i];
        let text = &self.texts[b as usize];
        let end = match self.rows.get(i + 1) {
            Some(&(next, end)) if next == b => end as usize,
            _ => text.len(),
        };
        let row = &text[start as usize..end];
        // Ids are short: a plain search beats a vectorised one's set-up.
        match row.bytes().position(|b| b == b',') {
            Some(k) => (&row[..k], &row[k + 1..]),
            None => (row, row),
        }
    }

    /// Asks for the cache lines of alternative `i`'s text: its first byte and the byte
    /// after it (a text may cross a cache line, and slicing it reads the byte after).
    #[inline]
    fn prefetch_text(&self, i: usize, pf: Prefetch) {
        let Some(&(b, start)) = self.rows.get(i) else {
            return;
        };
        let Some(text) = self.texts.get(b as usize).map(String::as_bytes) else {
            return;
        };
        let end = match self.rows.get(i + 1) {
            Some(&(next, end)) if next == b => end as usize,
            _ => text.len(),
        };
        for k in [start as usize, end] {
            if let Some(byte) = text.get(k) {
                pf.line(byte);
            }
        }
    }
}

impl Alternatives {
    /// Alternatives kept in an arena.
    pub(crate) fn from_arena(arena: Arena) -> Alternatives {
        Alternatives {
            arena: Some(arena),
            list: OnceLock::new(),
        }
    }

    /// How many alternatives there are.
    pub fn len(&self) -> usize {
        match &self.arena {
            Some(a) => a.len(),
            None => self.list.get().map_or(0, Vec::len),
        }
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The id of alternative `i`.
    #[inline]
    pub fn id(&self, i: usize) -> &str {
        match &self.arena {
            Some(a) => a.get(i).0,
            None => &self.as_slice()[i].id,
        }
    }

    /// The name of alternative `i`.
    #[inline]
    pub fn name(&self, i: usize) -> &str {
        match &self.arena {
            Some(a) => a.get(i).1,
            None => &self.as_slice()[i].name,
        }
    }

    /// The id and the name of alternative `i`, from one look at its text.
    #[inline]
    pub fn id_name(&self, i: usize) -> (&str, &str) {
        match &self.arena {
            Some(a) => a.get(i),
            None => {
                let alt = &self.as_slice()[i];
                (&alt.id, &alt.name)
            }
        }
    }

    /// Asks for the cache line of where alternative `i`'s text is kept, ahead of
    /// [`Alternatives::prefetch_text`]: a loop over rows in any order that asks for a few
    /// hundred rows' places, then their texts, then reads them, waits for many memory reads at
    /// once instead of one a row.
    #[inline]
    pub(crate) fn prefetch_place(&self, i: usize, pf: Prefetch) {
        match &self.arena {
            Some(a) => {
                if let Some(place) = a.rows.get(i) {
                    pf.line(place);
                }
            }
            None => {
                if let Some(alt) = self.as_slice().get(i) {
                    pf.line(alt);
                }
            }
        }
    }

    /// Asks for the cache lines of alternative `i`'s id and name (reading where they are).
    #[inline]
    pub(crate) fn prefetch_text(&self, i: usize, pf: Prefetch) {
        match &self.arena {
            Some(a) => a.prefetch_text(i, pf),
            None => {
                if let Some(alt) = self.as_slice().get(i) {
                    for text in [&alt.id, &alt.name] {
                        if let Some(byte) = text.as_bytes().first() {
                            pf.line(byte);
                        }
                    }
                }
            }
        }
    }

    /// Whether no id or name would be escaped in a JSON string: `Some(true)` when none would,
    /// `None` when that is not known without looking.
    pub fn json_plain(&self) -> Option<bool> {
        self.arena.as_ref().map(|a| !a.backslash)
    }

    /// The arena's bytes of text and the room held for them.
    #[cfg(test)]
    pub(crate) fn text_room(&self) -> Option<(usize, usize)> {
        let texts = &self.arena.as_ref()?.texts;
        Some((
            texts.iter().map(String::len).sum(),
            texts.iter().map(String::capacity).sum(),
        ))
    }

    /// Whether the alternatives are kept in an arena, their `Alternative` values not made.
    pub fn is_compact(&self) -> bool {
        self.arena.is_some() && self.list.get().is_none()
    }

    /// The alternatives as values (made from the arena on first use).
    pub fn as_slice(&self) -> &[Alternative] {
        self.list.get_or_init(|| match &self.arena {
            Some(a) => (0..a.len())
                .map(|i| {
                    let (id, name) = a.get(i);
                    Alternative {
                        id: id.to_string(),
                        name: name.to_string(),
                        description: None,
                    }
                })
                .collect(),
            None => Vec::new(),
        })
    }

    /// The alternatives as values, owned.
    pub fn into_vec(self) -> Vec<Alternative> {
        let _ = self.as_slice();
        self.list.into_inner().unwrap_or_default()
    }
}

impl std::ops::Deref for Alternatives {
    type Target = [Alternative];

    fn deref(&self) -> &[Alternative] {
        self.as_slice()
    }
}

impl From<Vec<Alternative>> for Alternatives {
    fn from(list: Vec<Alternative>) -> Alternatives {
        Alternatives {
            arena: None,
            list: OnceLock::from(list),
        }
    }
}

impl FromIterator<Alternative> for Alternatives {
    fn from_iter<I: IntoIterator<Item = Alternative>>(iter: I) -> Alternatives {
        Alternatives::from(iter.into_iter().collect::<Vec<_>>())
    }
}

impl<'a> IntoIterator for &'a Alternatives {
    type Item = &'a Alternative;
    type IntoIter = std::slice::Iter<'a, Alternative>;

    fn into_iter(self) -> Self::IntoIter {
        self.as_slice().iter()
    }
}

impl std::fmt::Debug for Alternatives {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries((0..self.len()).map(|i| (self.id(i), self.name(i))))
            .finish()
    }
}

impl PartialEq for Alternatives {
    fn eq(&self, other: &Alternatives) -> bool {
        self.len() == other.len()
            && (0..self.len()).all(|i| self.id(i) == other.id(i) && self.name(i) == other.name(i))
            && match (self.arena.is_some(), other.arena.is_some()) {
                (true, true) => true,
                _ => self.as_slice() == other.as_slice(),
            }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An arena answers ids and names without making values, and makes the values the list
    /// would hold when asked: a row without a name is named by its id.
    #[test]
    fn an_arena_reads_as_the_list_it_stands_for() {
        let text = "a,Alpha\\1bb,Beta".to_string();
        let starts = vec![0, 9, 10, 16];
        let alts = Alternatives::from_arena(Arena::new(text, starts));
        assert_eq!(alts.len(), 3);
        assert_eq!(
            (0..3)
                .map(|i| (alts.id(i), alts.name(i)))
                .collect::<Vec<_>>(),
            [("a", "Alpha\\1"), ("b", "b"), ("b", "Beta")]
        );
        assert_eq!(alts.id_name(0), ("a", "Alpha\\1"));
        assert_eq!(alts.id_name(1), ("b", "b"));
        assert_eq!(alts.json_plain(), Some(false));
        assert!(alts.is_compact());
        let list = Alternatives::from(vec![
            Alternative {
                id: "a".into(),
                name: "Alpha\\1".into(),
                description: None,
            },
            Alternative {
                id: "b".into(),
                name: "b".into(),
                description: None,
            },
            Alternative {
                id: "b".into(),
                name: "Beta".into(),
                description: None,
            },
        ]);
        assert_eq!(alts, list);
        assert_eq!(alts[2].name, "Beta");
        assert!(!alts.is_compact());
        assert_eq!(list.json_plain(), None);
        assert_eq!(list.id(1), "b");
        assert_eq!(list.id_name(2), ("b", "Beta"));
        assert_eq!(alts.into_vec(), list.into_vec());
    }
}
