//! Where `.ftl` text comes from: the files embedded at build time, or a
//! locales folder read at run time. Both arrive as `SourceFile`s, so one
//! loader serves both.

use std::fs;
use std::path::{Path, PathBuf};

use crate::code::CatalogId;
use crate::diagnostic::{Diagnostic, Rule, Severity, file_problem, locale_name_problem};
use crate::error::Error;
use crate::files::read::{Budget, read_regular};
use crate::ftl::SourceFile;

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
/// catalog, and `<dir>/<locale>/errcat.ftl` (errcat's own words). What cannot be read is reported; only an unreadable `dir` itself
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
            Err(name) => diagnostics.push(locale_name_problem(&path.display().to_string(), &name)),
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
                Rule::Io,
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
            let known = CatalogId::ALL.iter().any(|c| c.as_str() == catalog);
            if !known && catalog != crate::phrase::FILE {
                diagnostics.push(Diagnostic {
                    severity: Severity::Warning,
                    ..file_problem(
                        &shown,
                        Rule::UnknownFile,
                        format!(
                            "{catalog:?} is not a catalog ({}) or errcat's own words (errcat); the file is ignored",
                            crate::error::known_catalogs()
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
                    Rule::Io,
                    format!("{refused}; it is skipped"),
                )),
            }
        }
    }
    Ok(files)
}
