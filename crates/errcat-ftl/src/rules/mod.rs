//! The rules of `errcat check`, over files already read: what they find
//! and how much of each locale is translated.
//!
//! Every locale is checked against the registry (which messages must exist,
//! given as [`CatalogRules`]) and against the reference locale, `en`
//! (attributes, `$variables`, English text). Each file is reduced once to
//! its facts (`facts`); the rules come in groups, one file each:
//! `messages` (ids, attributes, `$variables`, stamps, sizes), `references`,
//! `plurals` and `characters`. Every rule is a [`Rule`], whose id and
//! description are the ones `tooling::RULES` lists and TRANSLATING.md explains.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use fluent_syntax::ast::{self, Entry, Expression, InlineExpression, PatternElement, VariantKey};
use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};
use serde::Serialize;

use crate::diagnostic::{
    Diagnostic, Rule, Severity, duplicate_id_problem, file_problem, locale_name_problem,
};
use crate::fallback::LAST_RESORT;
use crate::ftl::budget::{MAX_MESSAGE_BYTES, message_size, sizes_of};
use crate::ftl::entries::guarded;
use crate::ftl::refs::{Graph, Node, Visit, target, walk};
use crate::ftl::render::too_long;
use crate::ftl::stamp::{
    bare_source, hash_of, one_line_source, recorded_stamp, recorded_text, word_diff,
};
use crate::ftl::{SourceFile, decode, folder_locale, parse_entries};
use crate::text::edit_distance;

pub use crate::diagnostic::RULES;

mod characters;
mod facts;
mod messages;
mod plurals;
mod references;

use characters::*;
use facts::*;
use messages::*;
use plurals::*;
use references::*;

/// What `check` found: the findings, and the coverage of each locale.
///
/// ```
/// let report: errcat::tooling::Report = errcat::tooling::check_embedded();
/// assert!(report.diagnostics.is_empty());
/// ```
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Every finding, ordered by path, line and column.
    pub diagnostics: Vec<Diagnostic>,
    /// One row per locale, in locale order.
    pub coverage: Vec<Coverage>,
}

/// How complete one locale is.
///
/// ```
/// let report = errcat::tooling::check_embedded();
/// let kk = report.coverage.iter().find(|c| c.locale == "kk").unwrap();
/// assert_eq!((kk.missing, kk.errors), (0, 0));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Coverage {
    /// The locale tag (`kk`).
    pub locale: String,
    /// Messages the registry requires, across all catalogs.
    pub required: usize,
    /// Required messages present.
    pub translated: usize,
    /// Required messages absent.
    pub missing: usize,
    /// Errors found in the locale's files.
    pub errors: usize,
    /// Warnings found in the locale's files.
    pub warnings: usize,
}

impl Report {
    /// Whether any finding is an error (the exit status of `errcat check`).
    ///
    /// ```
    /// assert!(!errcat::tooling::check_embedded().has_errors());
    /// ```
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }
}

/// What the registry requires of one catalog's file.
pub struct CatalogRules<'a> {
    /// The catalog's id, also the file's name: `planfix`.
    pub name: &'a str,
    /// Every message id the file must define: `catalog-title`, the
    /// `section-*` labels, then the codes' names.
    pub required: Vec<String>,
    /// The ids among `required` that are codes (and so need a value and a
    /// `.title`), or errcat's own phrases (which need a value only).
    pub codes: HashSet<String>,
    /// Whether each of `codes` needs a `.title`: a code's message does,
    /// a phrase does not.
    pub titled: bool,
    /// Each code's `$variables`: the only ones its texts may use, because
    /// a lookup can give no others.
    pub variables: HashMap<String, BTreeSet<String>>,
}

impl CatalogRules<'_> {
    /// The rules for a catalog with these section ids, and these code names
    /// with the `$variables` each may use.
    pub fn new<'a, 'v>(
        name: &'a str,
        sections: impl IntoIterator<Item = &'a str>,
        codes: impl IntoIterator<Item = (&'a str, &'v [&'v str])>,
    ) -> CatalogRules<'a> {
        let mut required = vec!["catalog-title".to_owned()];
        required.extend(sections.into_iter().map(|s| format!("section-{s}")));
        let codes: Vec<(&str, &[&str])> = codes.into_iter().collect();
        required.extend(codes.iter().map(|(c, _)| (*c).to_owned()));
        CatalogRules {
            name,
            required,
            titled: true,
            codes: codes.iter().map(|(c, _)| (*c).to_owned()).collect(),
            variables: codes
                .iter()
                .map(|(c, v)| ((*c).to_owned(), v.iter().map(|v| (*v).to_owned()).collect()))
                .collect(),
        }
    }
}

impl<'a> CatalogRules<'a> {
    /// The rules for errcat's own file (`errcat.ftl`): every phrase, with
    /// the `$variables` each may use; no titles, no labels.
    pub fn phrases<'v>(
        name: &'a str,
        phrases: impl IntoIterator<Item = (&'a str, &'v [&'v str])>,
    ) -> CatalogRules<'a> {
        let mut rules = CatalogRules::new(name, [], phrases);
        rules.required.retain(|id| id != "catalog-title");
        rules.titled = false;
        rules
    }
}

/// Checks `files`; `references` supplies `en` files that are not themselves
/// checked (used when a folder has no `en` of its own). A missing message
/// is an error in a `released` locale (the release gate) and a warning in
/// any other: it falls back, and a translation in progress lacks many.
pub fn check_sources(
    files: &[SourceFile<'_>],
    references: &[SourceFile<'_>],
    catalogs: &[CatalogRules<'_>],
    released: &[&str],
) -> Report {
    let mut diagnostics = Vec::new();
    let parsed: Vec<ParsedFile> = files
        .iter()
        .map(|f| ParsedFile::parse(f, &mut diagnostics))
        .collect();
    let reference_files: Vec<ParsedFile> = references
        .iter()
        .map(|f| ParsedFile::parse(f, &mut Vec::new()))
        .collect();

    let mut locales: BTreeSet<String> = BTreeSet::new();
    for file in &parsed {
        if folder_locale(&file.locale).is_some() {
            locales.insert(file.locale.clone());
        } else {
            diagnostics.push(locale_name_problem(&file.path, &file.locale));
        }
    }

    // Each file by its locale and catalog, the first of a pair winning, and
    // the reference locale's: found once, so that checking a folder of
    // thousands of locales takes time in proportion to their number.
    let mut by_name: HashMap<(&str, &str), &ParsedFile> = HashMap::new();
    for file in &parsed {
        by_name
            .entry((file.locale.as_str(), file.catalog.as_str()))
            .or_insert(file);
    }
    let mut reference_of: HashMap<&str, &ParsedFile> = HashMap::new();
    for file in parsed.iter().chain(&reference_files) {
        if file.locale == LAST_RESORT {
            reference_of.entry(file.catalog.as_str()).or_insert(file);
        }
    }
    let base = base_dir(files);
    let empty = BTreeMap::new();
    let mut coverage = Vec::new();
    for locale in &locales {
        let missing_severity = if released.contains(&locale.as_str()) {
            Severity::Error
        } else {
            Severity::Warning
        };
        let mut row = Coverage {
            locale: locale.clone(),
            required: 0,
            translated: 0,
            missing: 0,
            errors: 0,
            warnings: 0,
        };
        for catalog in catalogs {
            let required = &catalog.required;
            row.required += required.len();
            let reference = reference_of
                .get(catalog.name)
                .map_or(&empty, |f| &f.messages);
            let Some(file) = by_name.get(&(locale.as_str(), catalog.name)).copied() else {
                row.missing += required.len();
                let path = format!("{base}/{locale}/{}.ftl", catalog.name);
                let mut problem = file_problem(
                    &path,
                    Rule::MissingMessage,
                    format!(
                        "the file does not exist: all {} messages are missing",
                        required.len()
                    ),
                );
                problem.severity = missing_severity;
                diagnostics.push(problem);
                continue;
            };
            let present = required
                .iter()
                .filter(|id| file.messages.contains_key(*id))
                .count();
            row.translated += present;
            row.missing += required.len() - present;
            check_file(file, catalog, reference, missing_severity, &mut diagnostics);
        }
        coverage.push(row);
    }
    sort(&mut diagnostics);
    let mut counts: HashMap<&str, (usize, usize)> = HashMap::new();
    for d in &diagnostics {
        if let Some(locale) = locale_of(&d.path) {
            let (errors, warnings) = counts.entry(locale).or_default();
            match d.severity {
                Severity::Error => *errors += 1,
                Severity::Warning => *warnings += 1,
            }
        }
    }
    for row in &mut coverage {
        (row.errors, row.warnings) = counts.get(row.locale.as_str()).copied().unwrap_or_default();
    }
    Report {
        diagnostics,
        coverage,
    }
}

/// The folder part of the files' paths (`locales` for the embedded files).
fn base_dir(files: &[SourceFile<'_>]) -> String {
    files
        .first()
        .and_then(|f| {
            let suffix = format!("/{}/{}.ftl", f.locale, f.catalog);
            f.path.strip_suffix(&suffix).map(str::to_owned)
        })
        .unwrap_or_else(|| "locales".to_owned())
}

/// The locale folder of a diagnostic's path: `…/<locale>/<catalog>.ftl`.
fn locale_of(path: &str) -> Option<&str> {
    let mut parts = path.rsplit('/');
    parts.next()?;
    parts.next()
}

/// Sorts diagnostics by path, line and column, as `errcat check` prints them.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (&a.path, a.line, a.column, a.rule).cmp(&(&b.path, b.line, b.column, b.rule))
    });
}

/// The rules that judge a whole file rather than a message in it: their
/// findings point at line 1 whatever is there.
const FILE_RULES: &[Rule] = &[
    Rule::MissingMessage,
    Rule::Io,
    Rule::InvalidUtf8,
    Rule::LocaleName,
    Rule::UnknownFile,
];

/// The lines of each file (by path) where `report` found an error in a
/// message: the messages that cannot be served correctly and fall back.
/// The folder loader and the compiled catalog (build.rs) both leave them
/// out, so that what is served from a folder and what is compiled in agree.
pub fn broken_lines(report: &Report) -> HashMap<&str, Vec<usize>> {
    let mut broken: HashMap<&str, Vec<usize>> = HashMap::new();
    for d in &report.diagnostics {
        if d.severity == Severity::Error && !FILE_RULES.iter().any(|r| r.id() == d.rule) {
            broken.entry(d.path.as_str()).or_default().push(d.line);
        }
    }
    broken
}
