//! The participants: who joined, their last submission, and the `--save` file.
//!
//! The file is a participants file in the format `pmatrix group` reads (header `id`,
//! `group`, then one column per criterion id holding points), one row per participant: their
//! last submission. Each submission replaces the file atomically before the server answers:
//! the whole file is written to a temporary file beside it, flushed to disk and renamed over
//! it, so the file is always whole and `pmatrix group MODEL FILE` can read it at any moment.
//! On start the file is read back (a file with repeated names, written by hand, counts the
//! last row of each), so a restarted server loses nothing. A name beginning with `=`, `+`, `-`, `@` or `'` is written
//! with an apostrophe before it (so that a spreadsheet shows it as text) and read back without.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use indexmap::IndexMap;

use crate::error::Error;
use crate::model::Model;
use crate::participants::{Kind, Participant, Participants};
use crate::weights::Weights;

/// The longest name, in characters, after cleaning.
pub const MAX_NAME: usize = 80;
/// The longest group name.
pub const MAX_GROUP: usize = 40;
/// The most participants one server takes.
pub const MAX_PARTICIPANTS: usize = 10_000;

/// One participant's last submission.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub group: Option<String>,
    /// Points per criterion, in the model's order.
    pub points: Vec<f64>,
    /// How many times they have submitted (1 for the first).
    pub revisions: usize,
}

/// Everyone who joined, and what they submitted.
#[derive(Debug)]
pub struct Store {
    /// Submissions by name, in order of first submission.
    pub entries: IndexMap<String, Entry>,
    /// Participant keys (given at join) → name.
    keys: HashMap<String, String>,
    /// The names joined in this run.
    joined: HashMap<String, String>,
    file: Option<PathBuf>,
    criteria: Vec<String>,
}

/// A name or group cleaned of control characters and trimmed, if it has 1 to `max` characters.
pub fn clean_text(s: &str, max: usize, what: &str) -> Result<String, String> {
    let s = crate::model::text::clean(s);
    let s = s.trim();
    let n = s.chars().count();
    if n == 0 {
        return Err(format!("the {what} is empty"));
    }
    if n > max {
        return Err(format!("the {what} has {n} characters; at most {max}"));
    }
    Ok(s.to_string())
}

fn to_cell(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\'']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

fn from_cell(s: &str) -> &str {
    s.strip_prefix('\'').unwrap_or(s)
}

impl Store {
    /// Opens the participants file (creating it with its header), reading back what it holds.
    pub fn open(path: Option<&Path>, model: &Model) -> Result<Store, Error> {
        let criteria: Vec<String> = model.criteria.iter().map(|c| c.id.clone()).collect();
        let mut store = Store {
            entries: IndexMap::new(),
            keys: HashMap::new(),
            joined: HashMap::new(),
            file: None,
            criteria,
        };
        let Some(path) = path else {
            return Ok(store);
        };
        let fail = |reason: String| Error::Write {
            path: path.to_path_buf(),
            reason,
        };
        if crate::model::source::is_input(path) {
            return Err(fail("it is the model: give another file for --save".into()));
        }
        match std::fs::symlink_metadata(path) {
            Ok(m) if m.file_type().is_symlink() => {
                return Err(fail(
                    "the path is a symbolic link; give the path of the file itself".into(),
                ));
            }
            Ok(m) if !m.is_file() => return Err(fail("it is not a regular file".into())),
            Ok(_) => {
                let text = std::fs::read_to_string(path)
                    .map_err(|e| fail(format!("cannot read it back: {e}")))?;
                store.read_back(path, &text)?;
            }
            Err(_) => {
                // Claims the name first, so that a file appearing meanwhile is not replaced.
                let mut f = std::fs::File::create_new(path).map_err(|e| fail(e.to_string()))?;
                f.write_all(store.text(None).as_bytes())
                    .and_then(|()| f.sync_all())
                    .map_err(|e| fail(e.to_string()))?;
            }
        }
        store.file = Some(path.to_path_buf());
        Ok(store)
    }

    /// The whole participants file: the header, then each participant's last submission, in
    /// the order they first submitted; `with` is a submission not yet kept.
    fn text(&self, with: Option<(&str, &Entry)>) -> String {
        let mut out = self.row(&["id".into(), "group".into()], &self.criteria);
        let line = |name: &str, e: &Entry| {
            let head = [
                to_cell(name),
                e.group.as_deref().map(to_cell).unwrap_or_default(),
            ];
            let points: Vec<String> = e.points.iter().map(|p| p.to_string()).collect();
            self.row(&head, &points)
        };
        for (name, e) in &self.entries {
            match with {
                Some((n, new)) if n == name => out.push_str(&line(name, new)),
                _ => out.push_str(&line(name, e)),
            }
        }
        if let Some((n, new)) = with.filter(|(n, _)| !self.entries.contains_key(*n)) {
            out.push_str(&line(n, new));
        }
        out
    }

    /// One CSV line.
    fn row(&self, head: &[String], rest: &[String]) -> String {
        let mut w = csv::Writer::from_writer(Vec::new());
        let fields: Vec<&str> = head.iter().chain(rest).map(String::as_str).collect();
        // Writing to memory cannot fail.
        let _ = w.write_record(&fields);
        let bytes = w.into_inner().unwrap_or_default();
        String::from_utf8(bytes).unwrap_or_default()
    }

    /// Reads the rows of an existing participants file: the last row of each id counts.
    fn read_back(&mut self, path: &Path, text: &str) -> Result<(), Error> {
        let bad = |line: u64, reason: String| {
            Error::Participants(crate::participants::ParticipantsError::Read {
                path: path.to_path_buf(),
                reason: format!("line {line}: {reason}"),
            })
        };
        let mut r = csv::ReaderBuilder::new()
            .comment(Some(b'#'))
            .has_headers(true)
            .from_reader(text.as_bytes());
        let header: Vec<String> = r
            .headers()
            .map_err(|e| bad(1, e.to_string()))?
            .iter()
            .map(str::to_string)
            .collect();
        let expected: Vec<String> = ["id", "group"]
            .iter()
            .map(|s| s.to_string())
            .chain(self.criteria.iter().cloned())
            .collect();
        if header != expected {
            return Err(bad(
                1,
                format!(
                    "the header is `{}`, but this model's participants file has `{}`: give another --save file",
                    header.join(","),
                    expected.join(",")
                ),
            ));
        }
        for rec in r.records() {
            let rec = rec.map_err(|e| {
                let line = e.position().map_or(0, |p| p.line());
                bad(line, e.to_string())
            })?;
            let line = rec.position().map_or(0, |p| p.line());
            let name =
                clean_text(from_cell(&rec[0]), MAX_NAME, "name").map_err(|m| bad(line, m))?;
            let group = match from_cell(&rec[1]) {
                "" => None,
                g => Some(clean_text(g, MAX_GROUP, "group").map_err(|m| bad(line, m))?),
            };
            let points = (2..rec.len())
                .map(|k| {
                    rec[k]
                        .trim()
                        .parse::<f64>()
                        .ok()
                        .filter(|p| p.is_finite() && *p >= 0.0)
                        .ok_or_else(|| {
                            bad(
                                line,
                                format!("`{}` is not a number of points (finite, ≥ 0)", &rec[k]),
                            )
                        })
                })
                .collect::<Result<Vec<f64>, Error>>()?;
            if Weights::normalized(&points).is_err() {
                return Err(bad(line, "every point is zero".into()));
            }
            self.put(name, group, points);
        }
        Ok(())
    }

    fn put(&mut self, name: String, group: Option<String>, points: Vec<f64>) {
        let revisions = self.entries.get(&name).map_or(0, |e| e.revisions) + 1;
        self.entries.insert(
            name,
            Entry {
                group,
                points,
                revisions,
            },
        );
    }

    /// How many participants have submitted.
    pub fn count(&self) -> usize {
        self.entries.len()
    }

    /// Admits a participant by name: a new key, unless another person joined with that name
    /// in this run (a name read back from the file can be taken up again, to revise it).
    pub fn join(&mut self, name: String, key: String) -> Result<(), String> {
        if self.joined.contains_key(&name) {
            return Err(format!(
                "someone has already joined as “{name}”: add an initial or a surname"
            ));
        }
        if self.joined.len() >= MAX_PARTICIPANTS {
            return Err(format!(
                "the server takes at most {MAX_PARTICIPANTS} participants"
            ));
        }
        self.joined.insert(name.clone(), key.clone());
        self.keys.insert(key, name);
        Ok(())
    }

    /// The name a participant key was given to.
    pub fn name_of(&self, key: &str) -> Option<&str> {
        self.keys.get(key).map(String::as_str)
    }

    /// Records a submission: writes the file anew with it (atomically, flushed to disk), then
    /// keeps it. On a write failure nothing is kept and the file is as it was.
    pub fn submit(
        &mut self,
        name: &str,
        group: Option<String>,
        points: Vec<f64>,
    ) -> Result<usize, String> {
        if let Some(path) = &self.file {
            let entry = Entry {
                group: group.clone(),
                points: points.clone(),
                revisions: 0,
            };
            replace(path, self.text(Some((name, &entry))).as_bytes())
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        }
        self.put(name.to_string(), group, points);
        Ok(self.entries[name].revisions)
    }

    /// The participants, as the group analysis takes them (points, the last submission each).
    pub fn participants(&self) -> Participants {
        Participants {
            kind: Kind::Points,
            list: self
                .entries
                .iter()
                .filter_map(|(name, e)| {
                    Some(Participant {
                        id: name.clone(),
                        group: e.group.clone(),
                        weights: Weights::normalized(&e.points).ok()?,
                        total: Some(e.points.iter().sum()),
                        judgements: None,
                    })
                })
                .collect(),
        }
    }
}

/// Replaces the file at `path` with `bytes` atomically: a temporary file in the same folder,
/// flushed to disk, renamed over it (a reader sees the old file or the new one, never a part).
fn replace(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let name = path.file_name().map_or_else(
        || std::ffi::OsString::from("participants"),
        std::ffi::OsStr::to_os_string,
    );
    let mut tmp_name = std::ffi::OsString::from(".");
    tmp_name.push(&name);
    tmp_name.push(format!(".{}.tmp", std::process::id()));
    let tmp = path.with_file_name(tmp_name);
    let written = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model() -> Model {
        crate::model::parse(
            Path::new("m.toml"),
            r#"title = "t"
[[criteria]]
id = "a"
direction = "benefit"
range = [0, 10]
[[criteria]]
id = "b"
direction = "benefit"
range = [0, 10]
[[alternatives]]
id = "x"
scores = { a = 1, b = 2 }
[[alternatives]]
id = "y"
scores = { a = 2, b = 1 }
"#,
        )
        .unwrap()
    }

    #[test]
    fn the_file_round_trips_and_the_last_revision_counts() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.csv");
        let m = model();
        {
            let mut s = Store::open(Some(&path), &m).unwrap();
            s.submit("Ann", None, vec![60.0, 40.0]).unwrap();
            s.submit("=cmd()", Some("ngo, local".into()), vec![10.0, 90.0])
                .unwrap();
            assert_eq!(s.submit("Ann", None, vec![30.0, 70.0]).unwrap(), 2);
        }
        let text = std::fs::read_to_string(&path).unwrap();
        // One row per participant, their last submission, in the order they first came.
        assert_eq!(
            text,
            "id,group,a,b\nAnn,,30,70\n'=cmd(),\"ngo, local\",10,90\n"
        );
        // What `pmatrix group` reads.
        let read = crate::participants::read(&path, &m, None).unwrap();
        assert_eq!(read.list.len(), 2);
        assert_eq!(read.list[0].weights.as_slice(), &[0.3, 0.7]);
        let s = Store::open(Some(&path), &m).unwrap();
        assert_eq!(s.count(), 2);
        assert_eq!(s.entries["Ann"].points, vec![30.0, 70.0]);
        assert_eq!(s.entries["=cmd()"].group.as_deref(), Some("ngo, local"));
        let p = s.participants();
        assert_eq!(p.list[0].weights.as_slice(), &[0.3, 0.7]);
        // A file with repeated names (written by hand) counts the last row of each.
        std::fs::write(&path, "id,group,a,b\nAnn,,60,40\nAnn,,30,70\n").unwrap();
        let s = Store::open(Some(&path), &m).unwrap();
        assert_eq!(s.entries["Ann"].points, vec![30.0, 70.0]);
    }

    #[test]
    fn a_file_of_another_model_or_with_bad_points_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.csv");
        std::fs::write(&path, "id,group,a,c\n").unwrap();
        let e = Store::open(Some(&path), &model()).unwrap_err().to_string();
        assert!(e.contains("id,group,a,b"), "{e}");
        std::fs::write(&path, "id,group,a,b\nAnn,,x,1\n").unwrap();
        let e = Store::open(Some(&path), &model()).unwrap_err().to_string();
        assert!(e.contains("line 2"), "{e}");
    }

    #[test]
    fn names_are_cleaned_and_bounded() {
        assert_eq!(clean_text("  Ann\u{1b}[2J  ", 80, "name").unwrap(), "Ann");
        assert!(clean_text(" \u{7} ", 80, "name").is_err());
        assert!(clean_text(&"x".repeat(81), 80, "name").is_err());
        assert!(clean_text(&"é".repeat(80), 80, "name").is_ok());
    }
}
