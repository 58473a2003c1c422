//! Reading the bytes of a model or data file, bounded, and deciding which data file a model
//! may name.
//!
//! Every read goes through [`read`]: the path `-` is standard input; any other path must be a
//! regular file (a directory, device, FIFO or socket is refused before it is opened, so
//! `/dev/zero` or a named pipe cannot make pmatrix read forever), and at most
//! [`MAX_FILE_BYTES`](super::limits::MAX_FILE_BYTES) are read whatever the file turns out to be.
//!
//! [`confine`] keeps `[data] csv` inside the model's folder: a model is a file people pass
//! around, and opening one must not read (and quote in an error) a file elsewhere on the disk.

use std::io::Read;
use std::path::{Component, Path, PathBuf};

use super::error::{ModelError, Problem};
use super::limits::{MAX_ALTERNATIVES, MAX_CELLS, MAX_DATA_FILE_BYTES};
use crate::diagnostic::Location;

/// The path that names standard input.
pub const STDIN: &str = "-";

/// Whether a path names standard input.
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == STDIN
}

/// Why a file was not read.
#[derive(Debug)]
pub enum ReadError {
    /// The operating system refused (not found, permission denied, ...).
    Io(std::io::Error),
    /// The path is not a regular file: "a directory", "a device", "a named pipe (FIFO)", ...
    NotAFile(&'static str),
    /// More than `limit` bytes; `size` when the file's size was known beforehand.
    TooLarge { size: Option<u64>, limit: u64 },
}

/// What kind of thing other than a regular file `path` is, if it is one.
pub fn special_kind(path: &Path) -> std::io::Result<Option<&'static str>> {
    let ft = std::fs::metadata(path)?.file_type();
    Ok(kind_of(&ft))
}

fn kind_of(ft: &std::fs::FileType) -> Option<&'static str> {
    if ft.is_dir() {
        return Some("a directory");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return Some("a named pipe (FIFO)");
        }
        if ft.is_char_device() || ft.is_block_device() {
            return Some("a device");
        }
        if ft.is_socket() {
            return Some("a socket");
        }
    }
    (!ft.is_file()).then_some("not a regular file")
}

/// The files this process has read as model or data, so that no output replaces one.
static INPUTS: std::sync::Mutex<Vec<FileId>> = std::sync::Mutex::new(Vec::new());

/// What identifies a file whatever path names it: device, inode and modification time (so
/// that a new file given the inode of a deleted input is not taken for it).
#[cfg(unix)]
type FileId = (u64, u64, i64, i64);
#[cfg(not(unix))]
type FileId = PathBuf;

#[cfg(unix)]
fn file_id(_path: &Path, meta: &std::fs::Metadata) -> Option<FileId> {
    use std::os::unix::fs::MetadataExt;
    Some((meta.dev(), meta.ino(), meta.mtime(), meta.mtime_nsec()))
}

#[cfg(not(unix))]
fn file_id(path: &Path, _meta: &std::fs::Metadata) -> Option<FileId> {
    path.canonicalize().ok()
}

/// Whether `path` is a file this process has read as a model or its data.
pub fn is_input(path: &Path) -> bool {
    let Some(id) = std::fs::metadata(path).ok().and_then(|m| file_id(path, &m)) else {
        return false;
    };
    INPUTS
        .lock()
        .map(|inputs| inputs.contains(&id))
        .unwrap_or(false)
}

/// Reads at most `limit` bytes from `path` (standard input for `-`).
pub fn read(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    if is_stdin(path) {
        return bounded(std::io::stdin().lock(), limit, None);
    }
    let (file, size) = open(path, limit)?;
    bounded(file, limit, Some(size))
}

/// Opens the regular file at `path` of at most `limit` bytes for reading, recorded as an input
/// (see [`is_input`]); returns it with its size.
pub(crate) fn open(path: &Path, limit: u64) -> Result<(std::fs::File, u64), ReadError> {
    let meta = std::fs::metadata(path).map_err(ReadError::Io)?;
    if let Some(kind) = kind_of(&meta.file_type()) {
        return Err(ReadError::NotAFile(kind));
    }
    if meta.len() > limit {
        return Err(ReadError::TooLarge {
            size: Some(meta.len()),
            limit,
        });
    }
    let file = std::fs::File::open(path).map_err(ReadError::Io)?;
    // The file may have been replaced since it was looked at: check what was opened.
    let opened = file.metadata().map_err(ReadError::Io)?;
    if let Some(kind) = kind_of(&opened.file_type()) {
        return Err(ReadError::NotAFile(kind));
    }
    if let (Some(id), Ok(mut inputs)) = (file_id(path, &opened), INPUTS.lock())
        && !inputs.contains(&id)
    {
        inputs.push(id);
    }
    Ok((file, opened.len()))
}

/// Reads to the end, but no more than `limit` bytes.
fn bounded(source: impl Read, limit: u64, size: Option<u64>) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::with_capacity(size.map_or(0, |s| s.min(limit) as usize));
    source
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { size: None, limit });
    }
    Ok(bytes)
}

/// The text of the CSV data file at `path`, read bounded and checked before it is parsed:
/// UTF-8, and no more rows (lines after the header) than the limits allow for `criteria`
/// criteria. `at` is the span of `csv = ...` in the model, where read errors point.
pub(crate) fn data_text(
    model: &super::common::Source<'_>,
    at: std::ops::Range<usize>,
    path: &Path,
    criteria: usize,
) -> Result<String, ModelError> {
    let shown = path.display().to_string();
    let bytes = read(path, MAX_DATA_FILE_BYTES).map_err(|e| {
        let problem = match e {
            ReadError::Io(e) => Problem::CsvRead {
                path: shown.clone(),
                reason: e.to_string(),
            },
            ReadError::NotAFile(kind) => Problem::CsvRead {
                path: shown.clone(),
                reason: format!("it is {kind}, not a regular file"),
            },
            ReadError::TooLarge { size, limit } => Problem::CsvTooLarge {
                path: shown.clone(),
                size,
                limit,
            },
        };
        model.error(at.clone(), problem)
    })?;
    let lines = bytes.iter().filter(|&&b| b == b'\n').count()
        + usize::from(bytes.last().is_some_and(|&b| b != b'\n'));
    check_rows(model, at, path, lines.saturating_sub(1), criteria)?;
    String::from_utf8(bytes).map_err(|e| {
        // Located in the CSV, with only the valid text before the bad byte shown.
        let valid = e.utf8_error().valid_up_to();
        let before = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
        let end = before.len();
        ModelError::at(
            Location::in_text(path, &before, end..end),
            Problem::CsvNotText,
        )
    })
}

/// Refuses a CSV data file of more `rows` (lines after the header) than the limits allow for
/// `criteria` criteria.
pub(crate) fn check_rows(
    model: &super::common::Source<'_>,
    at: std::ops::Range<usize>,
    path: &Path,
    rows: usize,
    criteria: usize,
) -> Result<(), ModelError> {
    let shown = path.display().to_string();
    let criteria_limit = MAX_CELLS / criteria.max(1);
    let what = if rows > MAX_ALTERNATIVES {
        Some(format!(
            "a model may have at most {MAX_ALTERNATIVES} alternatives"
        ))
    } else if rows > criteria_limit {
        Some(format!(
            "a model may have at most {MAX_CELLS} scores, so {criteria_limit} alternatives of {criteria} criteria"
        ))
    } else {
        None
    };
    if let Some(what) = what {
        return Err(model.error(
            at,
            Problem::CsvTooMany {
                path: shown,
                rows,
                criteria,
                what,
            },
        ));
    }
    Ok(())
}

/// Why a data path is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outside {
    /// An absolute path (`/etc/passwd`, `C:\...`).
    Absolute,
    /// A relative path that climbs out of the folder with `..`.
    Climbs,
    /// A path inside the folder that is (or passes through) a symbolic link to elsewhere.
    Link,
}

/// The data file `relative` names, for a model in folder `base`; refused unless it lies in
/// `base` or below it, after resolving `..` and symbolic links. With `allow_outside` any path
/// is taken as given (relative to `base`).
pub fn confine(base: &Path, relative: &str, allow_outside: bool) -> Result<PathBuf, Outside> {
    let rel = Path::new(relative);
    let joined = base.join(rel);
    if allow_outside {
        return Ok(joined);
    }
    if rel.has_root()
        || rel.is_absolute()
        || rel.components().any(|c| matches!(c, Component::Prefix(_)))
    {
        return Err(Outside::Absolute);
    }
    let mut depth = 0usize;
    for c in rel.components() {
        match c {
            Component::ParentDir if depth == 0 => return Err(Outside::Climbs),
            Component::ParentDir => depth -= 1,
            Component::Normal(_) => depth += 1,
            _ => {}
        }
    }
    // Symbolic links: compare where the folder and the file really are. A file that does not
    // exist is left for the read to report.
    let (Ok(folder), Ok(file)) = (base.canonicalize(), joined.canonicalize()) else {
        return Ok(joined);
    };
    if file.starts_with(&folder) {
        Ok(joined)
    } else {
        Err(Outside::Link)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_paths_stay_in_the_model_folder() {
        let dir = tempfile::tempdir().unwrap();
        let base = dir.path().join("models");
        std::fs::create_dir_all(base.join("data")).unwrap();
        std::fs::write(base.join("data/m.csv"), "id,name\n").unwrap();
        std::fs::write(dir.path().join("secret.csv"), "x").unwrap();
        assert_eq!(
            confine(&base, "data/m.csv", false).unwrap(),
            base.join("data/m.csv")
        );
        assert!(confine(&base, "data/../data/m.csv", false).is_ok());
        assert_eq!(confine(&base, "../secret.csv", false), Err(Outside::Climbs));
        assert_eq!(
            confine(&base, "data/../../secret.csv", false),
            Err(Outside::Climbs)
        );
        assert_eq!(confine(&base, "/etc/passwd", false), Err(Outside::Absolute));
        assert!(confine(&base, "../secret.csv", true).is_ok());
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path().join("secret.csv"), base.join("link.csv"))
                .unwrap();
            assert_eq!(confine(&base, "link.csv", false), Err(Outside::Link));
        }
    }

    #[test]
    fn reads_are_bounded_and_special_files_refused() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.toml");
        std::fs::write(&p, "0123456789").unwrap();
        assert_eq!(read(&p, 10).unwrap(), b"0123456789");
        assert!(matches!(
            read(&p, 9),
            Err(ReadError::TooLarge {
                size: Some(10),
                limit: 9
            })
        ));
        assert!(matches!(
            read(dir.path(), 100),
            Err(ReadError::NotAFile("a directory"))
        ));
        #[cfg(unix)]
        assert!(matches!(
            read(Path::new("/dev/zero"), 100),
            Err(ReadError::NotAFile("a device"))
        ));
        let zeros = std::io::repeat(0);
        assert!(matches!(
            bounded(zeros, 1000, None),
            Err(ReadError::TooLarge {
                size: None,
                limit: 1000
            })
        ));
    }
}
