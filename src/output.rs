//! Writing files: atomically, and never over an existing file unless asked.
//!
//! A target is refused before anything is computed ([`check_new`]) when it exists and
//! `--force` is not given, when it is a symbolic link (dangling or not), when it exists but is
//! not a regular file (a device, a FIFO, a directory: `--force` replaces only regular files), and
//! when it is a file this process has read as input (the model or its data). The bytes go to a
//! temporary file `.NAME.pmatrix-tmp-PID` beside the target, which is then renamed (with
//! `--force`) or hard-linked (without) into place; the temporary file is removed on every
//! failure.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::Error;

/// Refuses a target that [`write_new`] would refuse, before a long computation so that its
/// result is not made only to be thrown away.
pub fn check_new(path: &Path, force: bool) -> Result<(), Error> {
    let refuse = |reason: &str| {
        Err(Error::Write {
            path: path.to_path_buf(),
            reason: reason.to_string(),
        })
    };
    let Ok(link) = std::fs::symlink_metadata(path) else {
        return Ok(());
    };
    if link.file_type().is_symlink() {
        return refuse(
            "the path is a symbolic link, and pmatrix writes only to a plain file path: give the path of the file itself, or another path",
        );
    }
    if crate::model::source::is_input(path) {
        return refuse(
            "it is a file this command reads (the model or its data): choose another path",
        );
    }
    if !force {
        return refuse(
            "the file exists, and pmatrix does not overwrite files: choose another path, or add --force to replace it (init never replaces a file)",
        );
    }
    if !link.file_type().is_file() {
        let kind = crate::model::source::special_kind(path)
            .ok()
            .flatten()
            .unwrap_or("not a regular file");
        return refuse(&format!(
            "it is {kind}; --force replaces only a regular file: choose another path"
        ));
    }
    Ok(())
}

/// The temporary file a write to `path` goes through: `.NAME.pmatrix-tmp-PID` beside it.
pub fn temporary_path(path: &Path) -> PathBuf {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
    dir.join(format!(".{name}.pmatrix-tmp-{}", std::process::id()))
}

/// Writes `bytes` to `path` through a temporary file in the same directory and a rename, so a
/// reader never sees half a file. An existing file is replaced only when `force` is set.
pub fn write_new(path: &Path, bytes: &[u8], force: bool) -> Result<(), Error> {
    let fail = |reason: String| Error::Write {
        path: path.to_path_buf(),
        reason,
    };
    check_new(path, force)?;
    let tmp = temporary_path(path);
    let result = std::fs::File::create_new(&tmp)
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                format!(
                    "the temporary file {} exists (left by another run?): remove it and try again",
                    tmp.display()
                )
            } else {
                e.to_string()
            }
        })
        .and_then(|mut f| {
            let written = f.write_all(bytes).and_then(|()| f.sync_all());
            drop(f);
            written
                .and_then(|()| {
                    // The target may have changed since it was checked.
                    check_new(path, force).map_err(|e| std::io::Error::other(reason_of(e)))?;
                    if force {
                        std::fs::rename(&tmp, path)
                    } else {
                        // hard_link fails if `path` appeared meanwhile: no file is replaced.
                        std::fs::hard_link(&tmp, path).and_then(|()| std::fs::remove_file(&tmp))
                    }
                })
                .map_err(|e| {
                    let _ = std::fs::remove_file(&tmp);
                    if e.kind() == std::io::ErrorKind::AlreadyExists {
                        "the file appeared while pmatrix was writing it: choose another path, or give --force".to_string()
                    } else {
                        e.to_string()
                    }
                })
        });
    result.map_err(fail)
}

fn reason_of(e: Error) -> String {
    match e {
        Error::Write { reason, .. } => reason,
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_overwrites_without_force() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.txt");
        write_new(&p, b"one", false).unwrap();
        assert!(write_new(&p, b"two", false).is_err());
        assert_eq!(std::fs::read(&p).unwrap(), b"one");
        write_new(&p, b"three", true).unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"three");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary file is left"
        );
    }

    #[cfg(unix)]
    #[test]
    fn refuses_links_devices_and_missing_folders_leaving_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("dangling.svg");
        std::os::unix::fs::symlink(dir.path().join("nowhere"), &link).unwrap();
        let e = write_new(&link, b"x", true).unwrap_err().to_string();
        assert!(e.contains("symbolic link"), "{e}");
        let e = write_new(Path::new("/dev/null"), b"x", true)
            .unwrap_err()
            .to_string();
        assert!(e.contains("it is a device"), "{e}");
        assert!(write_new(&dir.path().join("no/such/dir.svg"), b"x", false).is_err());
        let e = write_new(dir.path(), b"x", true).unwrap_err().to_string();
        assert!(e.contains("a directory"), "{e}");
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(left, vec![std::ffi::OsString::from("dangling.svg")]);
        assert!(
            temporary_path(Path::new("out/r.html"))
                .to_string_lossy()
                .starts_with("out/.r.html.pmatrix-tmp-")
        );
    }
}
