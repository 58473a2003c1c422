//! Writing files: atomically, and never over an existing file unless asked.

use std::io::Write;
use std::path::Path;

use crate::error::Error;

/// Refuses an existing file unless `force` is set: the check [`write_new`] makes, available
/// before a long computation so its result is not made only to be refused.
pub fn check_new(path: &Path, force: bool) -> Result<(), Error> {
    if !force && path.exists() {
        return Err(Error::Write {
            path: path.to_path_buf(),
            reason: "the file exists, and pmatrix does not overwrite files: choose another path (commands that write charts or reports also take --force)".into(),
        });
    }
    Ok(())
}

/// Writes `bytes` to `path` through a temporary file in the same directory and a rename, so a
/// reader never sees half a file. An existing file is replaced only when `force` is set.
pub fn write_new(path: &Path, bytes: &[u8], force: bool) -> Result<(), Error> {
    let fail = |reason: String| Error::Write {
        path: path.to_path_buf(),
        reason,
    };
    check_new(path, force)?;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = std::fs::File::create_new(&tmp)
        .and_then(|mut f| f.write_all(bytes).and_then(|()| f.sync_all()))
        .and_then(|()| {
            if force {
                std::fs::rename(&tmp, path)
            } else {
                // hard_link fails if `path` appeared meanwhile: no file is ever replaced.
                std::fs::hard_link(&tmp, path).and_then(|()| std::fs::remove_file(&tmp))
            }
        });
    result.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        fail(e.to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_overwrites_without_force() {
        let dir = std::env::temp_dir().join(format!("pmatrix-output-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("x.txt");
        let _ = std::fs::remove_file(&p);
        write_new(&p, b"one", false).unwrap();
        assert!(write_new(&p, b"two", false).is_err());
        assert_eq!(std::fs::read(&p).unwrap(), b"one");
        write_new(&p, b"three", true).unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"three");
        assert_eq!(
            std::fs::read_dir(&dir).unwrap().count(),
            1,
            "no temporary file is left"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
