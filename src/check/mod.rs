//! `errcat check`: tells translators exactly what is wrong with their `.ftl`
//! files, as `path:line:col: severity: rule: message`, and how much of each
//! locale is translated.
//!
//! This module reads the files (embedded, or a locales folder) and hands
//! them to [`rules`], which holds every rule and which `build.rs` also runs
//! on the shipped files. The checker only reads; it never changes a file
//! (see `stamp` for that) and never panics on a file's content.

pub(crate) use errcat_ftl::rules;

use std::path::Path;

use crate::code::CatalogId;

use crate::error::Error;
use crate::fallback::LAST_RESORT;
use crate::ftl::SourceFile;
use crate::registry::RELEASED;
use crate::source::{EMBEDDED, OwnedSourceFile, read_dir};
pub(crate) use rules::broken_lines;
use rules::{CatalogRules, check_sources, sort};
pub use rules::{Coverage, RULES, Report};

/// What the registry requires of each catalog's file, and what errcat's
/// own words require of `errcat.ftl`.
fn registry_rules() -> Vec<CatalogRules<'static>> {
    CatalogId::ALL
        .iter()
        .map(|&catalog| {
            CatalogRules::new(
                catalog.as_str(),
                catalog.sections().iter().copied(),
                catalog.messages().map(|c| (c.name(), c.variables())),
            )
        })
        .chain(std::iter::once(CatalogRules::phrases(
            crate::phrase::FILE,
            crate::phrase::Phrase::ALL
                .iter()
                .map(|p| (p.id(), p.variables())),
        )))
        .collect()
}

/// Checks the `.ftl` files embedded in the crate. `build.rs` runs the same
/// rules on them, so a build that succeeded reports no errors here.
///
/// ```
/// let report = errcat::tooling::check_embedded();
/// assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
/// assert!(report.coverage.iter().all(|c| c.missing == 0));
/// ```
pub fn check_embedded() -> Report {
    check_sources(EMBEDDED, &[], &registry_rules(), &RELEASED)
}

/// Checks the `.ftl` files of a locales folder (`<dir>/<locale>/<catalog>.ftl`).
/// The reference is the folder's `en` if it has one, the embedded `en`
/// otherwise. Only a folder that cannot be read at all is an error.
///
/// ```
/// let dir = std::env::temp_dir().join(format!("errcat-check-doc-{}", std::process::id()));
/// std::fs::create_dir_all(dir.join("de")).unwrap();
/// std::fs::write(dir.join("de/mobizon.ftl"), "success = Erfolg { $x ]\n").unwrap();
/// let report = errcat::tooling::check_dir(&dir).unwrap();
/// assert!(report.has_errors());
/// use errcat::tooling::Rule;
/// let syntax = report.diagnostics.iter().find(|d| d.rule == Rule::Syntax.id()).unwrap();
/// assert_eq!((syntax.line, syntax.column), (1, 23));
/// assert!(report.diagnostics.iter().any(|d| d.rule == Rule::MissingMessage.id()));
/// # std::fs::remove_dir_all(&dir).unwrap();
/// ```
pub fn check_dir(dir: impl AsRef<Path>) -> Result<Report, Error> {
    let mut found = Vec::new();
    let owned = read_dir(dir.as_ref(), &mut found)?;
    let files: Vec<SourceFile<'_>> = owned.iter().map(OwnedSourceFile::borrow).collect();
    let mut report = check_folder_files(&files);
    report.diagnostics.extend(found);
    sort(&mut report.diagnostics);
    Ok(report)
}

/// Checks the files read from a locales folder, as [`check_dir`] does
/// (without the findings of reading the folder).
pub(crate) fn check_folder_files(files: &[SourceFile<'_>]) -> Report {
    let has_reference = files.iter().any(|f| f.locale == LAST_RESORT);
    let references: Vec<SourceFile<'_>> = if has_reference {
        Vec::new()
    } else {
        EMBEDDED
            .iter()
            .filter(|f| f.locale == LAST_RESORT)
            .copied()
            .collect()
    };
    check_sources(files, &references, &registry_rules(), &RELEASED)
}
