//! Where `.ftl` text comes from: the files embedded at build time, or a
//! locales folder read at run time. Both arrive as [`SourceFile`]s, so one
//! loader serves both.

use std::fs;
use std::path::{Path, PathBuf};

use crate::code::CatalogId;
use crate::diagnostic::{Diagnostic, Severity, parser_failed};
use crate::error::Error;
use crate::files::read::{Budget, read_regular};

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
        message: format!("cannot read the locales folder: {e}"),
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
    // One budget for the whole folder: many files just under the cap
    // must not add up to gigabytes.
    let mut budget = Budget::for_folder();
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
            match read_regular(&path, MAX_FILE_BYTES, &mut budget) {
                Ok(text) => files.push(OwnedSourceFile {
                    locale: locale.clone(),
                    catalog: catalog.to_owned(),
                    path: shown,
                    text,
                }),
                Err(refused) => diagnostics.push(file_problem(
                    &shown,
                    "io",
                    format!("{refused}; it is skipped"),
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
    // Some editors start UTF-8 files with a byte order mark; it is not text.
    let bytes = file.text.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(file.text);
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(err) => {
            let offset = err.valid_up_to();
            diagnostics.push(Diagnostic::at_offset(
                file.path,
                bytes,
                offset,
                Severity::Error,
                "invalid-utf8",
                format!("invalid UTF-8 at byte {offset}; the bad bytes read as U+FFFD"),
            ));
            String::from_utf8_lossy(bytes).into_owned()
        }
    }
}

/// How deep placeables (`{ { … } }`) and call arguments (`F(F(…))`) may
/// nest. Real messages nest two or three levels; the Fluent parser recurses
/// once per level and overflows the stack (an abort no guard can catch) at
/// a few hundred.
pub(crate) const MAX_NESTING: usize = 64;

/// Where `text` may nest placeables or call arguments deeper than
/// [`MAX_NESTING`], as a byte offset; `None` when it cannot.
///
/// Conservative, never low: every `{` and `(` counts as an open, even in
/// what may be a string literal or plain text; a `}` or `)` closes only the
/// innermost open of its kind, and only if no `"` came before it on its line
/// (it may be inside a string literal, which never spans lines). A `"` in a
/// select variant's text is plain text, so no quote may hide what follows.
/// The count restarts at a comment line (`#` at column 0, skipped) and at a
/// line that starts a message or term (`id =`, `-id =` at column 0): the
/// parser is at depth 0 there whatever came before, since it either starts
/// the entry or, inside a placeable, fails on the `=` and starts afresh.
pub(crate) fn too_deep(text: &str) -> Option<usize> {
    // The depth never exceeds the number of openers: most files are done
    // with one fast count.
    if bytecount(text, b'{') + bytecount(text, b'(') <= MAX_NESTING {
        return None;
    }
    let mut open: Vec<u8> = Vec::new();
    let mut line_start = 0;
    for line in text.split('\n') {
        let bytes = line.as_bytes();
        let start = line_start;
        line_start += bytes.len() + 1;
        if bytes.first() == Some(&b'#') {
            open.clear();
            continue;
        }
        if starts_entry(bytes) {
            open.clear();
        }
        let mut quoted = false;
        for (at, &byte) in bytes.iter().enumerate() {
            match byte {
                b'"' => quoted = true,
                b'{' | b'(' => {
                    open.push(byte);
                    if open.len() > MAX_NESTING {
                        return Some(start + at);
                    }
                }
                b'}' | b')' if !quoted => {
                    let opener = if byte == b'}' { b'{' } else { b'(' };
                    if open.last() == Some(&opener) {
                        open.pop();
                    }
                }
                _ => {}
            }
        }
    }
    None
}

fn bytecount(text: &str, byte: u8) -> usize {
    text.bytes().filter(|b| *b == byte).count()
}

/// `id =` or `-id =` at column 0: where an entry starts.
fn starts_entry(line: &[u8]) -> bool {
    let id = line.strip_prefix(b"-").unwrap_or(line);
    if !id.first().is_some_and(u8::is_ascii_alphabetic) {
        return false;
    }
    let mut rest = id
        .iter()
        .skip_while(|b| b.is_ascii_alphanumeric() || **b == b'_' || **b == b'-')
        .skip_while(|b| **b == b' ' || **b == b'\t');
    rest.next() == Some(&b'=')
}

/// Whether `text` (a file at `path`) may be handed to the Fluent parser:
/// nesting too deep for its recursion is reported instead.
pub(crate) fn nesting_ok(path: &str, text: &str, diagnostics: &mut Vec<Diagnostic>) -> bool {
    let Some(at) = too_deep(text) else {
        return true;
    };
    diagnostics.push(Diagnostic::at_offset(
        path,
        text.as_bytes(),
        at,
        Severity::Error,
        "syntax",
        format!("placeables nest more than {MAX_NESTING} levels deep here; the file is not loaded"),
    ));
    false
}

/// Runs the Fluent parser on a file at `path` behind both guards (see
/// [`nesting_ok`], checked by the caller, and [`guarded`]); a panic becomes
/// a diagnostic.
pub(crate) fn parse_guarded<T>(
    path: &str,
    diagnostics: &mut Vec<Diagnostic>,
    parse: impl FnOnce() -> T,
) -> Option<T> {
    let parsed = guarded(parse);
    if parsed.is_none() {
        diagnostics.push(parser_failed(path, "none of it is loaded"));
    }
    parsed
}

/// Runs upstream Fluent code that is known to panic on some hostile input
/// (fluent-rs #389, #242), turning a panic into `None` so that one bad file
/// never takes a program down.
pub(crate) fn guarded<T>(f: impl FnOnce() -> T) -> Option<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).ok()
}
