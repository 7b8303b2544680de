//! Where `.ftl` text comes from: the files embedded at build time, or a
//! locales folder read at run time. Both arrive as [`SourceFile`]s, so one
//! loader serves both.

use std::fs;
use std::path::{Path, PathBuf};

use crate::code::CatalogId;
use crate::diagnostic::{Diagnostic, Severity};
use crate::error::Error;

/// One `.ftl` file: `locales/<locale>/<catalog>.ftl`, as raw bytes (a file
/// that is not valid UTF-8 is reported and read as far as it can be).
#[derive(Debug, Clone, Copy)]
pub(crate) struct SourceFile<'a> {
    pub(crate) locale: &'a str,
    pub(crate) catalog: &'a str,
    /// The path shown in diagnostics, relative to the locales folder's parent.
    pub(crate) path: &'a str,
    pub(crate) text: &'a [u8],
}

include!(concat!(env!("OUT_DIR"), "/locales.rs"));

/// The largest `.ftl` file read from a folder; a larger one is reported and
/// skipped rather than read into memory.
pub(crate) const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// A file read from a locales folder at run time.
#[derive(Debug)]
pub(crate) struct OwnedSourceFile {
    pub(crate) locale: String,
    pub(crate) catalog: String,
    pub(crate) path: String,
    pub(crate) text: Vec<u8>,
}

impl OwnedSourceFile {
    pub(crate) fn borrow(&self) -> SourceFile<'_> {
        SourceFile {
            locale: &self.locale,
            catalog: &self.catalog,
            path: &self.path,
            text: &self.text,
        }
    }
}

/// Reads `<dir>/<locale>/<catalog>.ftl` for every locale folder and known
/// catalog. What cannot be read is reported; only an unreadable `dir` itself
/// is an error.
pub(crate) fn read_dir(
    dir: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Vec<OwnedSourceFile>, Error> {
    let io_error = |e: std::io::Error| Error::Io {
        path: dir.display().to_string(),
        message: e.to_string(),
    };
    let mut folders: Vec<(String, PathBuf)> = Vec::new();
    for entry in fs::read_dir(dir).map_err(io_error)? {
        let Ok(entry) = entry else { continue };
        let path = entry.path();
        if !path.is_dir() {
            continue;
        }
        match entry.file_name().into_string() {
            Ok(name) => folders.push((name, path)),
            Err(name) => diagnostics.push(file_problem(
                &path.display().to_string(),
                "locale-name",
                format!("folder name {name:?} is not UTF-8; its files are not loaded"),
            )),
        }
    }
    folders.sort();
    let mut files = Vec::new();
    for (locale, folder) in folders {
        let Ok(entries) = fs::read_dir(&folder) else {
            diagnostics.push(file_problem(
                &folder.display().to_string(),
                "io",
                "cannot read this folder".to_owned(),
            ));
            continue;
        };
        let mut names: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        names.sort();
        for path in names {
            let shown = path.display().to_string();
            if path.extension().and_then(|e| e.to_str()) != Some("ftl") {
                continue;
            }
            let Some(catalog) = path.file_stem().and_then(|s| s.to_str()) else {
                continue;
            };
            if !CatalogId::ALL.iter().any(|c| c.as_str() == catalog) {
                diagnostics.push(Diagnostic {
                    severity: Severity::Warning,
                    ..file_problem(
                        &shown,
                        "unknown-file",
                        format!(
                            "{catalog:?} is not a catalog (mobizon, planfix); the file is ignored"
                        ),
                    )
                });
                continue;
            }
            match fs::metadata(&path) {
                Ok(meta) if meta.len() > MAX_FILE_BYTES => {
                    diagnostics.push(file_problem(
                        &shown,
                        "io",
                        format!("the file has {} bytes, more than the {MAX_FILE_BYTES} read; it is skipped", meta.len()),
                    ));
                    continue;
                }
                Ok(_) => {}
                Err(e) => {
                    diagnostics.push(file_problem(
                        &shown,
                        "io",
                        format!("cannot read the file: {e}"),
                    ));
                    continue;
                }
            }
            match fs::read(&path) {
                Ok(text) => files.push(OwnedSourceFile {
                    locale: locale.clone(),
                    catalog: catalog.to_owned(),
                    path: shown,
                    text,
                }),
                Err(e) => diagnostics.push(file_problem(
                    &shown,
                    "io",
                    format!("cannot read the file: {e}"),
                )),
            }
        }
    }
    Ok(files)
}

/// A finding about a whole file, pointed at its first line.
pub(crate) fn file_problem(path: &str, rule: &'static str, message: String) -> Diagnostic {
    Diagnostic {
        path: path.to_owned(),
        line: 1,
        column: 1,
        severity: Severity::Error,
        rule,
        message,
    }
}

/// Decodes a file's bytes, reporting the first invalid UTF-8 sequence with
/// its byte offset and replacing every invalid sequence with U+FFFD.
pub(crate) fn decode(file: &SourceFile<'_>, diagnostics: &mut Vec<Diagnostic>) -> String {
    match std::str::from_utf8(file.text) {
        Ok(text) => text.to_owned(),
        Err(err) => {
            let offset = err.valid_up_to();
            diagnostics.push(Diagnostic::at_offset(
                file.path,
                file.text,
                offset,
                Severity::Error,
                "invalid-utf8",
                format!("invalid UTF-8 at byte {offset}; the bad bytes read as U+FFFD"),
            ));
            String::from_utf8_lossy(file.text).into_owned()
        }
    }
}

/// Runs upstream Fluent code that is known to panic on some hostile input
/// (fluent-rs #389, #242), turning a panic into `None` so that one bad file
/// never takes a program down.
pub(crate) fn guarded<T>(f: impl FnOnce() -> T) -> Option<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).ok()
}
