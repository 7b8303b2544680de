//! `errcat check`: tells translators exactly what is wrong with their `.ftl`
//! files, as `path:line:col: severity: rule: message`, and how much of each
//! locale is translated.
//!
//! Every locale is checked against the registry (which messages must exist)
//! and against the reference locale, `en` (attributes, `$variables`, English
//! text). The checker only reads; it never changes a file (see
//! [`stamp`](crate::stamp) for that) and never panics on a file's content.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use fluent_syntax::ast::{self, Entry, Expression, InlineExpression, PatternElement, VariantKey};
use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};
use serde::Serialize;

use crate::code::CatalogId;
use crate::diagnostic::{Diagnostic, Severity, syntax_errors};
use crate::error::Error;
use crate::fallback::LAST_RESORT;
use crate::locale::parse_locale;
use crate::source::{
    EMBEDDED, OwnedSourceFile, SourceFile, decode, file_problem, nesting_ok, parse_guarded,
    read_dir,
};
use crate::stamp::{STAMP_PREFIX, message_hash};
use crate::text::edit_distance;

/// Every rule `check` applies, with what it finds. The ids are stable: tools
/// may match on them.
pub const RULES: &[(&str, &str)] = &[
    (
        "invalid-utf8",
        "the file is not valid UTF-8 (the byte offset is given)",
    ),
    ("syntax", "Fluent syntax error, with the parser's reason"),
    (
        "locale-name",
        "a locale folder whose name is not a canonical locale tag",
    ),
    (
        "unknown-file",
        "an .ftl file that names no catalog (warning)",
    ),
    ("io", "a file or folder that cannot be read"),
    ("duplicate-id", "a message id defined twice in one file"),
    (
        "missing-message",
        "messages the registry requires that the file lacks",
    ),
    (
        "unknown-id",
        "a message id the registry does not know: a typo, or an obsolete message",
    ),
    (
        "missing-value",
        "a code's message without its explanation (the value)",
    ),
    (
        "missing-attribute",
        "an attribute (.title, .hint) the reference locale has and this one lacks",
    ),
    (
        "extra-attribute",
        "an attribute the reference locale does not have",
    ),
    (
        "variables",
        "$variables that differ from the reference's (missing, extra, misspelled)",
    ),
    (
        "unresolved-reference",
        "a message or term reference that resolves to nothing",
    ),
    (
        "plural-categories",
        "a plural select lacking one of the locale's CLDR categories",
    ),
    ("empty-value", "a value or attribute with no text"),
    (
        "identical-to-english",
        "text identical to the English (warning: likely untranslated)",
    ),
    (
        "bidi-control",
        "a bidirectional control character (U+202A–U+202E, U+2066–U+2069)",
    ),
    (
        "replacement-character",
        "U+FFFD, the mark of text damaged by an encoding error",
    ),
    (
        "stale",
        "the English text changed since this translation was stamped (warning)",
    ),
];

/// What `check` found: the findings, and the coverage of each locale.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Every finding, ordered by path, line and column.
    pub diagnostics: Vec<Diagnostic>,
    /// One row per locale, in locale order.
    pub coverage: Vec<Coverage>,
}

/// How complete one locale is.
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
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }
}

/// Checks the `.ftl` files embedded in the crate.
///
/// ```
/// let report = errcat::check_embedded();
/// assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
/// assert!(report.coverage.iter().all(|c| c.missing == 0));
/// ```
pub fn check_embedded() -> Report {
    check_sources(EMBEDDED, &[])
}

/// Checks the `.ftl` files of a locales folder (`<dir>/<locale>/<catalog>.ftl`).
/// The reference is the folder's `en` if it has one, the embedded `en`
/// otherwise. Only a folder that cannot be read at all is an error.
///
/// ```
/// let dir = std::env::temp_dir().join(format!("errcat-check-doc-{}", std::process::id()));
/// std::fs::create_dir_all(dir.join("de")).unwrap();
/// std::fs::write(dir.join("de/mobizon.ftl"), "success = Erfolg { $x ]\n").unwrap();
/// let report = errcat::check_dir(&dir).unwrap();
/// assert!(report.has_errors());
/// let syntax = report.diagnostics.iter().find(|d| d.rule == "syntax").unwrap();
/// assert_eq!((syntax.line, syntax.column), (1, 23));
/// assert!(report.diagnostics.iter().any(|d| d.rule == "missing-message"));
/// # std::fs::remove_dir_all(&dir).unwrap();
/// ```
pub fn check_dir(dir: impl AsRef<Path>) -> Result<Report, Error> {
    let mut found = Vec::new();
    let owned = read_dir(dir.as_ref(), &mut found)?;
    let files: Vec<SourceFile<'_>> = owned.iter().map(OwnedSourceFile::borrow).collect();
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
    let mut report = check_sources(&files, &references);
    report.diagnostics.extend(found);
    sort(&mut report.diagnostics);
    Ok(report)
}

/// Checks `files`; `references` supplies `en` files that are not themselves
/// checked (used when a folder has no `en` of its own).
fn check_sources(files: &[SourceFile<'_>], references: &[SourceFile<'_>]) -> Report {
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
        if parse_locale(&file.locale).is_ok_and(|id| id == file.locale.as_str()) {
            locales.insert(file.locale.clone());
        } else {
            diagnostics.push(file_problem(
                &file.path,
                "locale-name",
                format!(
                    "folder {:?} is not a canonical locale name such as kk or pt-BR",
                    file.locale
                ),
            ));
        }
    }

    let mut coverage = Vec::new();
    for locale in &locales {
        let mut row = Coverage {
            locale: locale.clone(),
            required: 0,
            translated: 0,
            missing: 0,
            errors: 0,
            warnings: 0,
        };
        for catalog in CatalogId::ALL {
            let required = required_ids(catalog);
            row.required += required.len();
            let reference = parsed
                .iter()
                .chain(&reference_files)
                .find(|f| f.locale == LAST_RESORT && f.catalog == catalog.as_str())
                .map(|f| f.messages.clone())
                .unwrap_or_default();
            let Some(file) = parsed
                .iter()
                .find(|f| &f.locale == locale && f.catalog == catalog.as_str())
            else {
                row.missing += required.len();
                let path = format!("{}/{locale}/{catalog}.ftl", base_dir(files));
                diagnostics.push(file_problem(
                    &path,
                    "missing-message",
                    format!(
                        "the file does not exist: all {} messages are missing",
                        required.len()
                    ),
                ));
                continue;
            };
            let present = required
                .iter()
                .filter(|id| file.messages.contains_key(*id))
                .count();
            row.translated += present;
            row.missing += required.len() - present;
            check_file(file, catalog, &required, &reference, &mut diagnostics);
        }
        coverage.push(row);
    }
    sort(&mut diagnostics);
    for row in &mut coverage {
        let prefix_matches = |d: &&Diagnostic| locale_of(&d.path) == Some(row.locale.as_str());
        row.errors = diagnostics
            .iter()
            .filter(prefix_matches)
            .filter(|d| d.severity == Severity::Error)
            .count();
        row.warnings = diagnostics
            .iter()
            .filter(prefix_matches)
            .filter(|d| d.severity == Severity::Warning)
            .count();
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

fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (&a.path, a.line, a.column, a.rule).cmp(&(&b.path, b.line, b.column, b.rule))
    });
}

/// The message ids a catalog's file must define.
fn required_ids(catalog: CatalogId) -> Vec<String> {
    let mut ids = vec!["catalog-title".to_owned()];
    ids.extend(catalog.sections().iter().map(|s| format!("section-{s}")));
    ids.extend(catalog.codes().map(|c| c.name().to_owned()));
    ids
}

/// One message, reduced to what the rules compare.
#[derive(Debug, Clone, Default)]
struct MessageFacts {
    line: usize,
    has_value: bool,
    /// Attribute name → its line.
    attributes: BTreeMap<String, usize>,
    /// Part (`value` or an attribute name) → the `$variables` it uses,
    /// following message references.
    variables: BTreeMap<String, BTreeSet<String>>,
    /// Part → its text, serialized, for the identical-text rule.
    texts: BTreeMap<String, String>,
    /// The hash of the message, for stamps.
    hash: String,
    /// The `en-hash` recorded in the message's comment, if any.
    stamp: Option<String>,
    /// Message and term references: (is a term, id, attribute).
    references: Vec<Reference>,
    /// The variant keys of every select expression.
    selects: Vec<Vec<String>>,
}

struct ParsedFile {
    locale: String,
    catalog: String,
    path: String,
    text: String,
    messages: BTreeMap<String, MessageFacts>,
    terms: BTreeSet<String>,
}

impl ParsedFile {
    fn parse(file: &SourceFile<'_>, diagnostics: &mut Vec<Diagnostic>) -> ParsedFile {
        let text = decode(file, diagnostics);
        let mut out = ParsedFile {
            locale: file.locale.to_owned(),
            catalog: file.catalog.to_owned(),
            path: file.path.to_owned(),
            text,
            messages: BTreeMap::new(),
            terms: BTreeSet::new(),
        };
        let source = out.text.as_str();
        if !nesting_ok(&out.path, source, diagnostics) {
            return out;
        }
        let parsed = parse_guarded(&out.path, diagnostics, || {
            fluent_syntax::parser::parse(source)
        });
        let resource = match parsed {
            Some(Ok(resource)) => resource,
            Some(Err((resource, errors))) => {
                syntax_errors(&out.path, source, errors, diagnostics);
                resource
            }
            None => return out,
        };
        let lines = EntryLines::scan(source);
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        for entry in &resource.body {
            match entry {
                Entry::Message(m) => {
                    let id = m.id.name.to_owned();
                    let nth = seen.entry(id.clone()).or_insert(0);
                    let line = lines.line_of(&id, *nth);
                    *nth += 1;
                    if out.messages.contains_key(&id) {
                        diagnostics.push(Diagnostic {
                            path: out.path.clone(),
                            line,
                            column: 1,
                            severity: Severity::Error,
                            rule: "duplicate-id",
                            message: format!(
                                "{id} is defined again here; only the first definition is used"
                            ),
                        });
                        continue;
                    }
                    let facts = MessageFacts {
                        line,
                        has_value: m.value.is_some(),
                        attributes: m
                            .attributes
                            .iter()
                            .map(|a| (a.id.name.to_owned(), lines.attribute_line(line, a.id.name)))
                            .collect(),
                        hash: message_hash(m),
                        stamp: m.comment.as_ref().and_then(|c| {
                            c.content.iter().find_map(|l| {
                                l.trim()
                                    .strip_prefix(STAMP_PREFIX)
                                    .map(|h| h.trim().to_owned())
                            })
                        }),
                        ..MessageFacts::default()
                    };
                    out.messages.insert(id, facts);
                }
                Entry::Term(t) => {
                    out.terms.insert(t.id.name.to_owned());
                }
                _ => {}
            }
        }
        // Variables and texts need every message of the file (references).
        let by_id: BTreeMap<&str, &ast::Message<&str>> = resource
            .body
            .iter()
            .filter_map(|e| match e {
                Entry::Message(m) => Some((m.id.name, m)),
                _ => None,
            })
            .collect();
        for (id, m) in &by_id {
            let Some(facts) = out.messages.get_mut(*id) else {
                continue;
            };
            let parts = m.value.iter().map(|p| ("value".to_owned(), p)).chain(
                m.attributes
                    .iter()
                    .map(|a| (a.id.name.to_owned(), &a.value)),
            );
            for (part, pattern) in parts {
                let mut vars = BTreeSet::new();
                collect_variables(pattern, &by_id, &mut vars, &mut Vec::new());
                facts.variables.insert(part.clone(), vars);
                facts.texts.insert(part, pattern_text(pattern));
                references(pattern, &mut facts.references);
                select_keys(pattern, &mut facts.selects);
            }
        }
        out
    }
}

/// Lines where entries and attributes start, found by scanning the text:
/// the parser's AST carries no positions.
struct EntryLines {
    /// (id, line) for every line that starts a message, in order.
    starts: Vec<(String, usize)>,
    /// (line, attribute name) for every attribute line.
    attributes: Vec<(usize, String)>,
}

impl EntryLines {
    fn scan(text: &str) -> EntryLines {
        let mut starts = Vec::new();
        let mut attributes = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let line_no = i + 1;
            if line.starts_with(|c: char| c.is_ascii_alphabetic()) {
                let id: String = line
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                    .collect();
                if line[id.len()..].trim_start().starts_with('=') {
                    starts.push((id, line_no));
                }
            } else if let Some(rest) = line.trim_start().strip_prefix('.') {
                if line.starts_with([' ', '\t']) {
                    let name: String = rest
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                        .collect();
                    attributes.push((line_no, name));
                }
            }
        }
        EntryLines { starts, attributes }
    }

    /// The line of the `nth` definition of `id` (1 if it cannot be found).
    fn line_of(&self, id: &str, nth: usize) -> usize {
        self.starts
            .iter()
            .filter(|(i, _)| i == id)
            .nth(nth)
            .map_or(1, |(_, l)| *l)
    }

    /// The line of attribute `name` of the message starting at `start`.
    fn attribute_line(&self, start: usize, name: &str) -> usize {
        self.attributes
            .iter()
            .find(|(l, n)| *l > start && n == name)
            .map_or(start, |(l, _)| *l)
    }
}

fn check_file(
    file: &ParsedFile,
    catalog: CatalogId,
    required: &[String],
    reference: &BTreeMap<String, MessageFacts>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let is_reference = file.locale == LAST_RESORT;
    let at =
        |line: usize, column: usize, severity: Severity, rule: &'static str, message: String| {
            Diagnostic {
                path: file.path.clone(),
                line,
                column,
                severity,
                rule,
                message,
            }
        };

    let missing: Vec<&str> = required
        .iter()
        .filter(|id| !file.messages.contains_key(*id))
        .map(String::as_str)
        .collect();
    if !missing.is_empty() {
        diagnostics.push(at(
            1,
            1,
            Severity::Error,
            "missing-message",
            format!(
                "{} of {} messages are missing: {}",
                missing.len(),
                required.len(),
                missing.join(", ")
            ),
        ));
    }

    for (id, facts) in &file.messages {
        if !required.contains(id) {
            let hint = nearest(id, required)
                .map(|n| format!("; did you mean {n}?"))
                .unwrap_or_default();
            diagnostics.push(at(
                facts.line,
                1,
                Severity::Error,
                "unknown-id",
                format!("{id} is not a message of the {catalog} catalog{hint}"),
            ));
            continue;
        }
        let is_code = catalog.code_by_name(id).is_some();
        if is_code && !facts.has_value {
            diagnostics.push(at(
                facts.line,
                1,
                Severity::Error,
                "missing-value",
                format!("{id} has no explanation: write it after `{id} =`"),
            ));
        }
        if is_code
            && !facts.attributes.contains_key("title")
            && (is_reference || !reference.contains_key(id))
        {
            diagnostics.push(at(
                facts.line,
                1,
                Severity::Error,
                "missing-attribute",
                format!("{id} has no .title"),
            ));
        }
        for (part, text) in &facts.texts {
            if text.trim().is_empty() {
                let line = facts.attributes.get(part).copied().unwrap_or(facts.line);
                diagnostics.push(at(
                    line,
                    1,
                    Severity::Error,
                    "empty-value",
                    format!("{id} {} is empty", part_name(part)),
                ));
            }
        }
        if is_reference {
            continue;
        }
        let Some(theirs) = reference.get(id) else {
            continue;
        };
        for attr in theirs.attributes.keys() {
            if !facts.attributes.contains_key(attr) {
                diagnostics.push(at(
                    facts.line,
                    1,
                    Severity::Error,
                    "missing-attribute",
                    format!("{id} has no .{attr}, which en has"),
                ));
            }
        }
        for (attr, line) in &facts.attributes {
            if !theirs.attributes.contains_key(attr) {
                diagnostics.push(at(
                    *line,
                    1,
                    Severity::Error,
                    "extra-attribute",
                    format!("{id} has .{attr}, which en does not have"),
                ));
            }
        }
        for (part, vars) in &facts.variables {
            let Some(expected) = theirs.variables.get(part) else {
                continue;
            };
            if vars != expected {
                let line = facts.attributes.get(part).copied().unwrap_or(facts.line);
                let list = |s: &BTreeSet<String>| {
                    if s.is_empty() {
                        "none".to_owned()
                    } else {
                        s.iter()
                            .map(|v| format!("${v}"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    }
                };
                diagnostics.push(at(
                    line,
                    1,
                    Severity::Error,
                    "variables",
                    format!(
                        "{id} {} uses {}, but en uses {}",
                        part_name(part),
                        list(vars),
                        list(expected)
                    ),
                ));
            }
        }
        for (part, text) in &facts.texts {
            if theirs.texts.get(part) == Some(text) && is_prose(text) {
                let line = facts.attributes.get(part).copied().unwrap_or(facts.line);
                diagnostics.push(at(
                    line,
                    1,
                    Severity::Warning,
                    "identical-to-english",
                    format!(
                        "{id} {} is the same as in en: not translated yet?",
                        part_name(part)
                    ),
                ));
            }
        }
        if let Some(stamp) = &facts.stamp {
            if *stamp != theirs.hash {
                diagnostics.push(at(
                    facts.line,
                    1,
                    Severity::Warning,
                    "stale",
                    format!(
                        "the English of {id} changed since this translation was stamped ({stamp} → {}): review it, then run `errcat stamp {}`",
                        theirs.hash, file.locale
                    ),
                ));
            }
        }
    }

    check_references(file, diagnostics);
    check_plurals(file, diagnostics);
    check_characters(file, diagnostics);
}

fn part_name(part: &str) -> String {
    if part == "value" {
        "value".to_owned()
    } else {
        format!(".{part}")
    }
}

/// Whether a text reads as prose (three or more lower-case words), so that
/// being identical to English means it was not translated; names such as
/// `Planfix REST API` may rightly stay the same.
fn is_prose(text: &str) -> bool {
    text.split_whitespace()
        .filter(|w| {
            w.chars().all(|c| c.is_lowercase() || !c.is_alphabetic())
                && w.chars().any(char::is_alphabetic)
        })
        .count()
        >= 3
}

/// The required id closest to `id` by edit distance, if close enough to be
/// a likely typo.
fn nearest<'a>(id: &str, candidates: &'a [String]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (edit_distance(id, c), c))
        .filter(|(d, c)| *d <= 3.max(c.len() / 4))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c.as_str())
}

/// One node of a pattern, as [`walk`] meets it.
enum Node<'a> {
    Inline(&'a InlineExpression<&'a str>),
    /// A select expression's variants.
    Select(&'a [ast::Variant<&'a str>]),
}

/// Visits every inline expression of a pattern, through placeables,
/// selectors, variants and call arguments, and every select expression:
/// the one walk that the rules on variables, references and plurals share.
fn walk<'a>(pattern: &'a ast::Pattern<&'a str>, visit: &mut impl FnMut(Node<'a>)) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            walk_expression(expression, visit);
        }
    }
}

fn walk_expression<'a>(expression: &'a Expression<&'a str>, visit: &mut impl FnMut(Node<'a>)) {
    match expression {
        Expression::Select { selector, variants } => {
            visit(Node::Select(variants));
            walk_inline(selector, visit);
            for v in variants {
                walk(&v.value, visit);
            }
        }
        Expression::Inline(inline) => walk_inline(inline, visit),
    }
}

fn walk_inline<'a>(inline: &'a InlineExpression<&'a str>, visit: &mut impl FnMut(Node<'a>)) {
    visit(Node::Inline(inline));
    match inline {
        InlineExpression::FunctionReference { arguments, .. } => {
            for a in arguments
                .positional
                .iter()
                .chain(arguments.named.iter().map(|n| &n.value))
            {
                walk_inline(a, visit);
            }
        }
        InlineExpression::Placeable { expression } => walk_expression(expression, visit),
        _ => {}
    }
}

/// The `$variables` a pattern uses, following message references (a term's
/// variables are its own arguments, so terms are not followed).
fn collect_variables<'a>(
    pattern: &'a ast::Pattern<&'a str>,
    messages: &BTreeMap<&str, &'a ast::Message<&'a str>>,
    out: &mut BTreeSet<String>,
    visiting: &mut Vec<&'a str>,
) {
    let mut referenced = Vec::new();
    walk(pattern, &mut |node| match node {
        Node::Inline(InlineExpression::VariableReference { id }) => {
            out.insert(id.name.to_owned());
        }
        Node::Inline(InlineExpression::MessageReference { id, attribute }) => {
            referenced.push((id.name, attribute.as_ref().map(|a| a.name)));
        }
        _ => {}
    });
    for (id, attribute) in referenced {
        // A cycle is reported by Fluent at run time; here it just stops.
        if visiting.contains(&id) {
            continue;
        }
        let Some(m) = messages.get(id) else { continue };
        let pattern = match attribute {
            Some(attr) => m
                .attributes
                .iter()
                .find(|a| a.id.name == attr)
                .map(|a| &a.value),
            None => m.value.as_ref(),
        };
        if let Some(p) = pattern {
            visiting.push(id);
            collect_variables(p, messages, out, visiting);
            visiting.pop();
        }
    }
}

/// Message and term references: (is a term, id, attribute).
fn references(pattern: &ast::Pattern<&str>, out: &mut Vec<Reference>) {
    walk(pattern, &mut |node| {
        let (is_term, id, attribute) = match node {
            Node::Inline(InlineExpression::MessageReference { id, attribute }) => {
                (false, id, attribute)
            }
            Node::Inline(InlineExpression::TermReference { id, attribute, .. }) => {
                (true, id, attribute)
            }
            _ => return,
        };
        out.push((
            is_term,
            id.name.to_owned(),
            attribute.as_ref().map(|a| a.name.to_owned()),
        ));
    });
}

/// The variant keys of every select expression.
fn select_keys(pattern: &ast::Pattern<&str>, out: &mut Vec<Vec<String>>) {
    walk(pattern, &mut |node| {
        if let Node::Select(variants) = node {
            out.push(
                variants
                    .iter()
                    .map(|v| match &v.key {
                        VariantKey::Identifier { name } => (*name).to_owned(),
                        VariantKey::NumberLiteral { value } => (*value).to_owned(),
                    })
                    .collect(),
            );
        }
    });
}

/// A pattern's text as a translator sees it: text elements verbatim, string
/// literals unquoted, other placeables as `{…}`.
fn pattern_text(pattern: &ast::Pattern<&str>) -> String {
    let mut out = String::new();
    for element in &pattern.elements {
        match element {
            PatternElement::TextElement { value } => out.push_str(value),
            PatternElement::Placeable {
                expression: Expression::Inline(InlineExpression::StringLiteral { value }),
            } => out.push_str(value),
            PatternElement::Placeable { .. } => out.push_str("{…}"),
        }
    }
    out
}

/// Message and term references that resolve to nothing in the file.
fn check_references(file: &ParsedFile, diagnostics: &mut Vec<Diagnostic>) {
    for (id, facts) in &file.messages {
        for (is_term, target, attribute) in &facts.references {
            let ok = if *is_term {
                file.terms.contains(target)
            } else {
                match (file.messages.get(target), attribute) {
                    (Some(_), None) => true,
                    (Some(other), Some(a)) => other.attributes.contains_key(a),
                    (None, _) => false,
                }
            };
            if !ok {
                let sigil = if *is_term { "-" } else { "" };
                let attr = attribute
                    .as_ref()
                    .map(|a| format!(".{a}"))
                    .unwrap_or_default();
                diagnostics.push(Diagnostic {
                    path: file.path.clone(),
                    line: facts.line,
                    column: 1,
                    severity: Severity::Error,
                    rule: "unresolved-reference",
                    message: format!(
                        "{id} refers to {sigil}{target}{attr}, which this file does not define"
                    ),
                });
            }
        }
    }
}

type Reference = (bool, String, Option<String>);

/// The CLDR plural categories a locale's integers use (`ru`: one, few, many).
fn plural_categories(locale: &str) -> Option<Vec<&'static str>> {
    let id = parse_locale(locale).ok()?;
    let rules = PluralRules::create(id, PluralRuleType::CARDINAL).ok()?;
    let mut categories = Vec::new();
    for n in 0u32..=200 {
        let name = match rules.select(n).ok()? {
            PluralCategory::ZERO => "zero",
            PluralCategory::ONE => "one",
            PluralCategory::TWO => "two",
            PluralCategory::FEW => "few",
            PluralCategory::MANY => "many",
            PluralCategory::OTHER => "other",
        };
        if !categories.contains(&name) {
            categories.push(name);
        }
    }
    // In CLDR order: one, few, many.
    categories.sort_by_key(|c| CLDR_CATEGORIES.iter().position(|k| k == c));
    Some(categories)
}

const CLDR_CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

fn check_plurals(file: &ParsedFile, diagnostics: &mut Vec<Diagnostic>) {
    let Some(required) = plural_categories(&file.locale) else {
        return;
    };
    for (id, facts) in &file.messages {
        for keys in &facts.selects {
            let is_plural = keys
                .iter()
                .any(|k| CLDR_CATEGORIES.contains(&k.as_str()) && k != "other");
            if !is_plural {
                continue;
            }
            let missing: Vec<&str> = required
                .iter()
                .filter(|c| **c != "other" && !keys.iter().any(|k| k == *c))
                .copied()
                .collect();
            if !missing.is_empty() {
                diagnostics.push(Diagnostic {
                    path: file.path.clone(),
                    line: facts.line,
                    column: 1,
                    severity: Severity::Error,
                    rule: "plural-categories",
                    message: format!(
                        "{}: a plural select in {} needs the categories {}; missing {}",
                        id,
                        file.locale,
                        required
                            .iter()
                            .filter(|c| **c != "other")
                            .copied()
                            .collect::<Vec<_>>()
                            .join(", "),
                        missing.join(", ")
                    ),
                });
            }
        }
    }
}

/// Bidi controls and U+FFFD, at their exact line and column.
fn check_characters(file: &ParsedFile, diagnostics: &mut Vec<Diagnostic>) {
    for (i, line) in file.text.lines().enumerate() {
        for (column, c) in line.chars().enumerate() {
            let (rule, what) = match c {
                '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => {
                    ("bidi-control", "a bidirectional control character")
                }
                '\u{FFFD}' => (
                    "replacement-character",
                    "the replacement character, the mark of a damaged encoding",
                ),
                _ => continue,
            };
            diagnostics.push(Diagnostic {
                path: file.path.clone(),
                line: i + 1,
                column: column + 1,
                severity: Severity::Error,
                rule,
                message: format!("U+{:04X} is {what}; remove it", u32::from(c)),
            });
        }
    }
}
