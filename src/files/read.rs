//! Bounded reads of regular files.
//!
//! A path from outside may name anything: a named pipe (opening it for
//! reading waits for a writer for ever), `/dev/zero` (never ends), a
//! `/proc` file (a regular file whose size reads as 0 however much it
//! holds), a sparse file of gigabytes. So a file is opened once, without
//! blocking; the opened handle (not the path, which may change in between)
//! must be a regular file; and no more than the cap and one 64 KiB chunk
//! is read, whatever its size claims. A [`Budget`] bounds the total read for one
//! folder, so that many files just under the cap cannot add up.

use std::fmt;
use std::fs::{File, OpenOptions};
use std::io::{self, Read as _};
use std::path::Path;

/// The most read from the files of one folder together. Four files at the
/// cap; a real locales folder holds well under a megabyte.
pub(crate) const FOLDER_BUDGET: u64 = 64 * 1024 * 1024;

/// How many bytes one folder's reads may still use.
#[derive(Debug)]
pub(crate) struct Budget {
    total: u64,
    left: u64,
}

impl Budget {
    /// A budget of [`FOLDER_BUDGET`] bytes.
    pub(crate) fn for_folder() -> Budget {
        Budget::new(FOLDER_BUDGET)
    }

    pub(crate) fn new(total: u64) -> Budget {
        Budget { total, left: total }
    }

    fn charge(&mut self, bytes: usize) {
        let bytes = u64::try_from(bytes).unwrap_or(u64::MAX);
        self.left = self.left.saturating_sub(bytes);
    }
}

/// How much one read asks for: a multiple of 8, as `/proc/*/pagemap`
/// needs.
const CHUNK: usize = 64 * 1024;

/// Why a file was not read.
#[derive(Debug)]
pub(crate) enum Refused {
    /// A folder, a named pipe, a device, a socket.
    NotRegular,
    /// More than the cap; `size` when the file said so itself.
    TooLarge { size: Option<u64>, cap: u64 },
    /// The folder's [`Budget`] was spent by the files read before.
    OverBudget { total: u64 },
    /// The operating system refused (missing, no permission, …).
    Io(io::Error),
}

impl Refused {
    /// The file does not exist (or a link to it dangles).
    #[cfg(any(test, feature = "tooling"))]
    pub(crate) fn is_missing(&self) -> bool {
        matches!(self, Refused::Io(e) if e.kind() == io::ErrorKind::NotFound)
    }
}

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refused::NotRegular => f.write_str("not a regular file"),
            Refused::TooLarge {
                size: Some(size),
                cap,
            } => write!(f, "the file has {size} bytes, more than the {cap} read"),
            Refused::TooLarge { size: None, cap } => {
                write!(f, "the file holds more than the {cap} bytes read")
            }
            Refused::OverBudget { total } => write!(
                f,
                "the files read before it already hold the {total} bytes read from one folder"
            ),
            Refused::Io(e) => write!(f, "cannot read the file: {e}"),
        }
    }
}

/// Reads the regular file at `path` (a link to one is followed), refusing
/// it when it holds more than `cap` bytes or more than `budget` has left.
/// Every byte read is charged to `budget`, that of a refused file too (at
/// most a chunk more than the limit), so that the time spent is bounded as well.
pub(crate) fn read_regular(path: &Path, cap: u64, budget: &mut Budget) -> Result<Vec<u8>, Refused> {
    let file = open_nonblocking(path).map_err(Refused::Io)?;
    let meta = file.metadata().map_err(Refused::Io)?;
    if !meta.is_file() {
        return Err(Refused::NotRegular);
    }
    if meta.len() > cap {
        return Err(Refused::TooLarge {
            size: Some(meta.len()),
            cap,
        });
    }
    let limit = cap.min(budget.left);
    // The size is a hint for the buffer, never a limit: `/proc` files
    // say 0. Reads go in whole chunks (some `/proc` files refuse reads
    // of odd sizes) and stop at the first chunk past the limit.
    let hint = usize::try_from(meta.len().min(limit)).unwrap_or(0);
    let mut bytes = Vec::with_capacity(hint);
    let mut chunk = vec![0; CHUNK];
    let mut reader = file;
    loop {
        let n = match reader.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => {
                budget.charge(bytes.len());
                return Err(Refused::Io(e));
            }
        };
        bytes.extend_from_slice(chunk.get(..n).unwrap_or_default());
        if bytes.len() as u64 > limit {
            budget.charge(bytes.len());
            return Err(if limit < cap {
                Refused::OverBudget {
                    total: budget.total,
                }
            } else {
                Refused::TooLarge { size: None, cap }
            });
        }
    }
    budget.charge(bytes.len());
    Ok(bytes)
}

/// Opens `path` for reading without waiting: a named pipe with no writer
/// opens at once (and is then refused as not regular) instead of blocking.
/// On a regular file the flag changes nothing.
fn open_nonblocking(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // O_NOCTTY: a terminal device must not become the controlling one.
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    options.open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    const CAP: u64 = 16 * 1024 * 1024;

    fn scratch(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("errcat-read-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn reads_a_regular_file_and_charges_the_budget() {
        let dir = scratch("regular");
        std::fs::write(dir.join("a"), b"hello").unwrap();
        let mut budget = Budget::new(8);
        assert_eq!(
            read_regular(&dir.join("a"), CAP, &mut budget).unwrap(),
            b"hello"
        );
        assert_eq!(budget.left, 3);
        // The second read needs 5 and has 3: refused, and what it read counts.
        let err = read_regular(&dir.join("a"), CAP, &mut budget).unwrap_err();
        assert!(matches!(err, Refused::OverBudget { total: 8 }), "{err:?}");
        assert_eq!(budget.left, 0);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_folder_a_device_and_a_missing_file_are_refused() {
        let dir = scratch("special");
        let mut budget = Budget::for_folder();
        assert!(matches!(
            read_regular(&dir, CAP, &mut budget),
            Err(Refused::NotRegular)
        ));
        assert!(matches!(
            read_regular(Path::new("/dev/zero"), CAP, &mut budget),
            Err(Refused::NotRegular)
        ));
        let missing = read_regular(&dir.join("nothing"), CAP, &mut budget).unwrap_err();
        assert!(missing.is_missing(), "{missing:?}");
        assert_eq!(budget.left, FOLDER_BUDGET);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_proc_file_is_cut_at_the_cap_whatever_its_size_says() {
        // pagemap says 0 bytes and holds terabytes.
        let path = Path::new("/proc/self/pagemap");
        if !path.exists() {
            return;
        }
        let mut budget = Budget::for_folder();
        match read_regular(path, CAP, &mut budget) {
            Err(Refused::TooLarge { size: None, .. }) => {}
            // Not readable in this sandbox: nothing to learn here.
            Err(Refused::Io(e)) if e.kind() == io::ErrorKind::PermissionDenied => return,
            other => panic!("{other:?}"),
        }
        assert_eq!(budget.left, FOLDER_BUDGET - CAP - CHUNK as u64);
    }
}
