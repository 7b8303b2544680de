//! Atomic writes that never lose what was there.
//!
//! A file rewritten in place (`fs::write`) is cut short by a full disk, a
//! file-size limit or a killed process, and a translator's work is lost.
//! So the new text goes to a temporary file beside the target, created
//! exclusively (it never opens an existing file or follows a link), is
//! synced to disk and then renamed over the target, which takes the old
//! file's permissions. Until the rename the target is untouched; after it,
//! the target is whole. A failed write removes its temporary file.
//!
//! `tempfile` does the exclusive creation (random name, `O_CREAT|O_EXCL`,
//! removed on drop) and the rename (`persist`, or `persist_noclobber` for
//! a file that must not exist yet); what is left here is the policy.
//!
//! A target that is a link is written through, to the file it leads to,
//! as long as that file is inside the folder the write is for: a link out
//! of a locales folder is refused, never followed.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// What the target may be before the write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Replace the file, or create it.
    Replace,
    /// Create the file; fail if anything exists under its name.
    CreateNew,
}

/// Writes `bytes` to `path`, which must lie inside the folder `root`, as
/// described in the module docs. Returns the file written: `path`, or the
/// file inside `root` that `path` links to.
pub(crate) fn write_atomic(
    root: &Path,
    path: &Path,
    bytes: &[u8],
    mode: Mode,
) -> io::Result<PathBuf> {
    let target = resolve(root, path)?;
    let existing = match fs::metadata(&target) {
        Ok(meta) if mode == Mode::CreateNew || !meta.is_file() => {
            return Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                if meta.is_file() {
                    "the file already exists"
                } else {
                    "something that is not a regular file is in the way"
                },
            ));
        }
        Ok(meta) => Some(meta.permissions()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };
    let (Some(folder), Some(name)) = (target.parent(), target.file_name()) else {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "not a file name",
        ));
    };
    let mut builder = tempfile::Builder::new();
    let prefix = format!(".{}.", name.to_string_lossy());
    builder.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    if existing.is_none() {
        // A new file gets what `fs::write` would give it: 0666 less the
        // umask, not the temporary file's private 0600.
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut temp = builder.tempfile_in(folder)?;
    if let Some(permissions) = existing {
        // On the handle, and not subject to the umask: exactly the old
        // file's mode.
        temp.as_file().set_permissions(permissions)?;
    }
    temp.as_file_mut().write_all(bytes)?;
    temp.as_file().sync_all()?;
    match mode {
        Mode::Replace => temp.persist(&target),
        Mode::CreateNew => temp.persist_noclobber(&target),
    }
    .map_err(|e| e.error)?;
    // The rename is durable once the folder is synced. Best effort: some
    // file systems cannot sync a folder, and the file is already whole.
    if let Ok(dir) = File::open(folder) {
        let _ = dir.sync_all();
    }
    Ok(target)
}

/// The file `path` stands for, with links resolved, refused unless it is
/// inside `root`.
fn resolve(root: &Path, path: &Path) -> io::Result<PathBuf> {
    let root = fs::canonicalize(root)?;
    let is_link = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    let target = if is_link {
        fs::canonicalize(path).map_err(|_| {
            io::Error::new(
                io::ErrorKind::NotFound,
                "it is a link to nothing; errcat does not write through it",
            )
        })?
    } else {
        let (Some(parent), Some(name)) = (path.parent(), path.file_name()) else {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "not a file name",
            ));
        };
        let parent = if parent.as_os_str().is_empty() {
            Path::new(".")
        } else {
            parent
        };
        fs::canonicalize(parent)?.join(name)
    };
    if !target.starts_with(&root) {
        return Err(io::Error::new(
            io::ErrorKind::PermissionDenied,
            format!(
                "it leads to {}, outside {}; errcat does not write through it",
                target.display(),
                root.display()
            ),
        ));
    }
    Ok(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("errcat-write-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        fs::canonicalize(dir).unwrap()
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn replaces_keeping_the_mode_and_leaves_no_temporary_file() {
        use std::os::unix::fs::PermissionsExt;
        let dir = scratch("replace");
        let path = dir.join("a.ftl");
        fs::write(&path, "old").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o664)).unwrap();
        let written = write_atomic(&dir, &path, b"new", Mode::Replace).unwrap();
        assert_eq!(written, path);
        assert_eq!(fs::read(&path).unwrap(), b"new");
        assert_eq!(
            fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o664
        );
        assert_eq!(names(&dir), ["a.ftl"]);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn create_new_refuses_an_existing_file() {
        let dir = scratch("create");
        let path = dir.join("a.ftl");
        write_atomic(&dir, &path, b"one", Mode::CreateNew).unwrap();
        let err = write_atomic(&dir, &path, b"two", Mode::CreateNew).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read(&path).unwrap(), b"one");
        assert_eq!(names(&dir), ["a.ftl"]);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_link_inside_is_written_through_and_a_link_outside_refused() {
        let dir = scratch("links");
        let outside = scratch("links-outside");
        fs::create_dir_all(dir.join("de")).unwrap();
        fs::write(dir.join("real.ftl"), "old").unwrap();
        std::os::unix::fs::symlink(dir.join("real.ftl"), dir.join("de/in.ftl")).unwrap();
        let written = write_atomic(&dir, &dir.join("de/in.ftl"), b"new", Mode::Replace).unwrap();
        assert_eq!(written, dir.join("real.ftl"));
        assert_eq!(fs::read(dir.join("real.ftl")).unwrap(), b"new");
        assert!(
            fs::symlink_metadata(dir.join("de/in.ftl"))
                .unwrap()
                .file_type()
                .is_symlink()
        );

        fs::write(outside.join("victim"), "keep").unwrap();
        std::os::unix::fs::symlink(outside.join("victim"), dir.join("de/out.ftl")).unwrap();
        let err = write_atomic(&dir, &dir.join("de/out.ftl"), b"x", Mode::Replace).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::PermissionDenied, "{err}");
        assert_eq!(fs::read(outside.join("victim")).unwrap(), b"keep");
        // A linked folder that leads out is refused the same way.
        std::os::unix::fs::symlink(&outside, dir.join("kk")).unwrap();
        let err = write_atomic(&dir, &dir.join("kk/new.ftl"), b"x", Mode::Replace).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::PermissionDenied, "{err}");
        assert_eq!(names(&outside), ["victim"]);
        fs::remove_dir_all(&dir).unwrap();
        fs::remove_dir_all(&outside).unwrap();
    }
}
