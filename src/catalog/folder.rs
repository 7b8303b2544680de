//! The run-time source of a catalog: a locales folder read, parsed and
//! rendered into the same tables that `build.rs` compiles, for live preview
//! of translations and for locales added after the build.

use std::collections::HashMap;
use std::path::Path;

use std::borrow::Cow;

use super::{Catalog, LazyBundle, LocaleEntry, NEXT_INSTANCE, Table};
use crate::check::rules::{Report, sort};
use crate::check::{broken_lines, check_folder_files};
use crate::code::CatalogId;
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::ftl::SourceFile;
use crate::source::{EMBEDDED, OwnedSourceFile, read_dir};
use errcat_ftl::tables::{self, CatalogSpec, Kept};
use std::sync::atomic::Ordering;

/// See [`Catalog::from_dir`].
pub(super) fn from_dir(dir: &Path) -> Result<(Catalog, Vec<Diagnostic>), Error> {
    let mut diagnostics = Vec::new();
    let owned = read_dir(dir, &mut diagnostics)?;
    let files = with_embedded(&owned);
    let mut catalog = from_sources(&files, &HashMap::new(), &mut diagnostics);
    catalog.backstop = Some(Catalog::embedded());
    Ok((catalog, diagnostics))
}

/// The embedded file of every (locale, catalog) a folder lacks, then the
/// folder's own files, which replace the embedded ones. The embedded files
/// come first because the table builder spends its text budget in the
/// order it is given files: a folder's files can use up the budget for
/// themselves, never for the shipped languages they do not touch.
fn with_embedded(owned: &[OwnedSourceFile]) -> Vec<SourceFile<'_>> {
    let folder: Vec<SourceFile<'_>> = owned.iter().map(OwnedSourceFile::borrow).collect();
    let own: std::collections::HashSet<(&str, &str)> =
        folder.iter().map(|f| (f.locale, f.catalog)).collect();
    let mut files: Vec<SourceFile<'_>> = EMBEDDED
        .iter()
        .filter(|embedded| !own.contains(&(embedded.locale, embedded.catalog)))
        .copied()
        .collect();
    files.extend(folder);
    files
}

/// Reads a locales folder once, checks it as `errcat check --locales`
/// does and loads it: a message in which the check finds an error is left
/// out and falls back along its chain, as a syntax error leaves it out.
/// The report holds every finding, the check's and the loader's, once
/// each, in `path:line:col` order.
pub(crate) fn from_dir_checked(dir: &Path) -> Result<(Catalog, Report), Error> {
    let mut found = Vec::new();
    let owned = read_dir(dir, &mut found)?;
    let folder: Vec<SourceFile<'_>> = owned.iter().map(OwnedSourceFile::borrow).collect();
    let mut report = check_folder_files(&folder);
    let broken = broken_lines(&report);
    let files = with_embedded(&owned);
    let mut loaded = Vec::new();
    let mut catalog = from_sources(&files, &broken, &mut loaded);
    catalog.backstop = Some(Catalog::embedded());
    drop(broken);
    // The loader and the check often find the same problem: keep it once
    // (by a set of what is kept, not a search per finding).
    let mut known: std::collections::HashSet<(String, usize, usize, &str)> = report
        .diagnostics
        .iter()
        .map(|k| (k.path.clone(), k.line, k.column, k.rule))
        .collect();
    for d in found.into_iter().chain(loaded) {
        if known.insert((d.path.clone(), d.line, d.column, d.rule)) {
            report.diagnostics.push(d);
        }
    }
    sort(&mut report.diagnostics);
    Ok((catalog, report))
}

/// Builds a catalog from `.ftl` sources with the table builder the build
/// runs, reporting every problem in them instead of failing: whatever
/// parses is served.
fn from_sources(
    files: &[SourceFile<'_>],
    broken: &HashMap<&str, Vec<usize>>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Catalog {
    let specs: Vec<CatalogSpec<'_>> = CatalogId::ALL
        .iter()
        .map(|catalog| CatalogSpec {
            id: catalog.as_str(),
            codes: catalog.messages().map(|c| c.name()).collect(),
            sections: catalog.sections().to_vec(),
        })
        .collect();
    let tables = tables::build(files, &specs, broken, diagnostics);
    let bundle =
        |kept: Option<Kept>| kept.map_or_else(LazyBundle::none, |k| LazyBundle::loaded(k.bundle));
    let locales: Vec<LocaleEntry> = tables
        .locales
        .into_iter()
        .zip(tables.chains)
        .map(|(id, chain)| LocaleEntry {
            id,
            chain: chain.into(),
        })
        .collect();
    Catalog {
        instance: NEXT_INSTANCE.fetch_add(1, Ordering::Relaxed),
        locales: locales.into(),
        messages: tables.messages.into(),
        labels: Table::from(
            tables
                .labels
                .into_iter()
                .map(|l| l.map(Cow::Owned))
                .collect::<Vec<_>>(),
        ),
        bundles: Table::from(tables.bundles.into_iter().map(bundle).collect::<Vec<_>>()),
        phrases: tables.phrases.into(),
        phrase_bundles: Table::from(
            tables
                .phrase_bundles
                .into_iter()
                .map(bundle)
                .collect::<Vec<_>>(),
        ),
        unshipped: tables.unshipped.into(),
        backstop: None,
    }
}
