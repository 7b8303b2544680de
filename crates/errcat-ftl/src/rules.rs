//! The rules of `errcat check`, over files already read: what they find
//! and how much of each locale is translated.
//!
//! Every locale is checked against the registry (which messages must exist,
//! given as [`CatalogRules`]) and against the reference locale, `en`
//! (attributes, `$variables`, English text). Like `crate::ftl`, this module
//! is compiled into `build.rs` too, so that a shipped file with an error
//! fails the build: it uses nothing of the crate but `ftl`, `diagnostic`,
//! `fallback` and `text`.

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
            let reference = parsed
                .iter()
                .chain(&reference_files)
                .find(|f| f.locale == LAST_RESORT && f.catalog == catalog.name)
                .map_or(&empty, |f| &f.messages);
            let Some(file) = parsed
                .iter()
                .find(|f| &f.locale == locale && f.catalog == catalog.name)
            else {
                row.missing += required.len();
                let path = format!("{}/{locale}/{}.ftl", base_dir(files), catalog.name);
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
    /// The message's source on one line, as a stamp's `# en:` records it.
    source: String,
    /// The English text the stamp's `# en:` line records, if any.
    confirmed: Option<String>,
    /// The most bytes the message can format to (see `ftl::budget`).
    size: u64,
    /// Characters a terminal would act on that string literals' escapes
    /// produce: (part, the character).
    produced: Vec<(String, char)>,
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

/// At most this many `$variables` are gathered for one part, through its
/// references: real messages use two or three, and the cap keeps a long
/// chain of references linear.
const MAX_VARIABLES: usize = 64;

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
        let parsed = parse_entries(&out.path, source, diagnostics, |entry| {
            fluent_syntax::parser::parse(entry)
        });
        for entry in &parsed {
            let lines = EntryLines::scan(entry.chunk.text, entry.line);
            for e in &entry.resource.body {
                match e {
                    Entry::Message(m) => {
                        let id = m.id.name.to_owned();
                        if out.messages.contains_key(&id) {
                            diagnostics.push(duplicate_id_problem(&out.path, lines.start, &id));
                            continue;
                        }
                        let source = bare_source(m);
                        let facts = MessageFacts {
                            line: lines.start,
                            has_value: m.value.is_some(),
                            attributes: m
                                .attributes
                                .iter()
                                .map(|a| (a.id.name.to_owned(), lines.attribute(a.id.name)))
                                .collect(),
                            hash: hash_of(&source),
                            source: one_line_source(&source),
                            stamp: m
                                .comment
                                .as_ref()
                                .and_then(|c| recorded_stamp(&c.content))
                                .map(str::to_owned),
                            confirmed: m
                                .comment
                                .as_ref()
                                .and_then(|c| recorded_text(&c.content))
                                .map(str::to_owned),
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
        }

        // Variables, sizes and texts follow references across the file,
        // each node once, in an order where references come first. A file
        // without placeables has neither variables nor references.
        let placeables = source.contains('{');
        let entries = || parsed.iter().flat_map(|p| &p.resource.body);
        let bounds = sizes_of(source, entries());
        let graph = Graph::new(entries().filter(|_| placeables));
        let mut variables: HashMap<Node<'_>, BTreeSet<&str>> = HashMap::new();
        for node in graph.post_order() {
            let Some(pattern) = graph.pattern(&node) else {
                continue;
            };
            let mut vars = BTreeSet::new();
            walk(pattern, &mut |visit| {
                if let Visit::Inline(inline) = visit {
                    match inline {
                        InlineExpression::VariableReference { id } => {
                            vars.insert(id.name);
                        }
                        // A term's variables are its own arguments: not followed.
                        InlineExpression::MessageReference { .. } => {
                            let theirs = target(inline).and_then(|t| variables.get(&t));
                            vars.extend(theirs.into_iter().flatten().copied());
                        }
                        _ => {}
                    }
                }
            });
            while vars.len() > MAX_VARIABLES {
                vars.pop_last();
            }
            variables.insert(node, vars);
        }
        for entry in &parsed {
            for e in &entry.resource.body {
                let Entry::Message(m) = e else { continue };
                let Some(facts) = out.messages.get_mut(m.id.name) else {
                    continue;
                };
                if !facts.texts.is_empty() || facts.size > 0 {
                    // A later definition of the same id: the first counts.
                    continue;
                }
                facts.size = message_size(&bounds, m);
                let parts = m
                    .value
                    .iter()
                    .map(|p| (None, p))
                    .chain(m.attributes.iter().map(|a| (Some(a.id.name), &a.value)));
                for (attribute, pattern) in parts {
                    let part = attribute.unwrap_or("value").to_owned();
                    let node = Node {
                        term: false,
                        id: m.id.name,
                        attribute,
                    };
                    let vars = variables.get(&node).into_iter().flatten();
                    facts
                        .variables
                        .insert(part.clone(), vars.map(|v| (*v).to_owned()).collect());
                    facts.produced.extend(
                        produced_controls(pattern)
                            .into_iter()
                            .map(|c| (part.clone(), c)),
                    );
                    facts.texts.insert(part, pattern_text(pattern));
                    references(pattern, &mut facts.references);
                    select_keys(pattern, &mut facts.selects);
                }
            }
        }
        out
    }
}

/// Lines where an entry's message and attributes start, found by scanning
/// its text once: the parser's syntax tree carries no positions.
struct EntryLines<'t> {
    /// The line of the message (`id =`), after any comment lines.
    start: usize,
    /// Attribute name → the line of its first definition.
    attributes: HashMap<&'t str, usize>,
}

impl<'t> EntryLines<'t> {
    fn scan(text: &'t str, first: usize) -> EntryLines<'t> {
        let mut start = None;
        let mut attributes = HashMap::new();
        for (i, line) in text.lines().enumerate() {
            if start.is_none() && line.starts_with(|c: char| c.is_ascii_alphabetic()) {
                start = Some(first + i);
            }
            if !line.starts_with([' ', '\t']) {
                continue;
            }
            if let Some(rest) = line.trim_start().strip_prefix('.') {
                let end = rest
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
                    .unwrap_or(rest.len());
                if let Some(name) = rest.get(..end).filter(|n| !n.is_empty()) {
                    attributes.entry(name).or_insert(first + i);
                }
            }
        }
        EntryLines {
            start: start.unwrap_or(first),
            attributes,
        }
    }

    /// The line of attribute `name` (the message's line if not found).
    fn attribute(&self, name: &str) -> usize {
        self.attributes.get(name).copied().unwrap_or(self.start)
    }
}

fn check_file(
    file: &ParsedFile,
    catalog: &CatalogRules<'_>,
    reference: &BTreeMap<String, MessageFacts>,
    missing_severity: Severity,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let required = &catalog.required;
    let required_set: HashSet<&str> = required.iter().map(String::as_str).collect();
    // Suggestions cost an edit distance per required id: offered for the
    // first unknown ids only, so that a file of thousands stays linear.
    let mut suggestions = 32;
    let is_reference = file.locale == LAST_RESORT;
    let at =
        |line: usize, column: usize, severity: Severity, rule: Rule, message: String| Diagnostic {
            path: file.path.clone(),
            line,
            column,
            severity,
            rule: rule.id(),
            message,
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
            missing_severity,
            Rule::MissingMessage,
            format!(
                "{} of {} messages are missing: {}",
                missing.len(),
                required.len(),
                missing.join(", ")
            ),
        ));
    }

    for (id, facts) in &file.messages {
        if facts.size > MAX_MESSAGE_BYTES {
            diagnostics.push(too_long(&file.path, facts.line, id, facts.size));
        }
        if !required_set.contains(id.as_str()) {
            let hint = if suggestions > 0 {
                suggestions -= 1;
                nearest(id, required)
                    .map(|n| format!("; did you mean {n}?"))
                    .unwrap_or_default()
            } else {
                String::new()
            };
            diagnostics.push(at(
                facts.line,
                1,
                Severity::Error,
                Rule::UnknownId,
                format!(
                    "{id} is not a message of the {} catalog{hint}",
                    catalog.name
                ),
            ));
            continue;
        }
        let is_code = catalog.codes.contains(id);
        if is_code && !facts.has_value {
            diagnostics.push(at(
                facts.line,
                1,
                Severity::Error,
                Rule::MissingValue,
                if catalog.titled {
                    format!("{id} has no explanation: write it after `{id} =`")
                } else {
                    format!("{id} has no text: write it after `{id} =`")
                },
            ));
        }
        if is_code
            && catalog.titled
            && !facts.attributes.contains_key("title")
            && (is_reference || !reference.contains_key(id))
        {
            diagnostics.push(at(
                facts.line,
                1,
                Severity::Error,
                Rule::MissingAttribute,
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
                    Rule::EmptyValue,
                    format!("{id} {} is empty", part_name(part)),
                ));
            }
        }
        if is_reference {
            let offered = catalog.variables.get(id);
            for (part, vars) in &facts.variables {
                let unknown: Vec<String> = vars
                    .iter()
                    .filter(|v| !offered.is_some_and(|o| o.contains(*v)))
                    .map(|v| format!("${v}"))
                    .collect();
                if unknown.is_empty() {
                    continue;
                }
                let offered = match offered.filter(|o| !o.is_empty()) {
                    Some(o) => o
                        .iter()
                        .map(|v| format!("${v}"))
                        .collect::<Vec<_>>()
                        .join(", "),
                    None => "none".to_owned(),
                };
                let line = facts.attributes.get(part).copied().unwrap_or(facts.line);
                diagnostics.push(at(
                    line,
                    1,
                    Severity::Error,
                    Rule::UnknownVariable,
                    format!(
                        "{id} {} uses {}, which no lookup gives; the registry offers {offered}",
                        part_name(part),
                        unknown.join(", ")
                    ),
                ));
            }
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
                    Rule::MissingAttribute,
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
                    Rule::ExtraAttribute,
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
                    Rule::Variables,
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
                    Rule::IdenticalToEnglish,
                    format!(
                        "{id} {} is the same as in en: not translated yet?",
                        part_name(part)
                    ),
                ));
            }
        }
        if let Some(stamp) = &facts.stamp {
            if *stamp != theirs.hash {
                // What changed, if the stamp recorded the English it was
                // made from (stamps before `# en:` lines did not).
                let changed = facts
                    .confirmed
                    .as_deref()
                    .map(|old| word_diff(old, &theirs.source))
                    .filter(|diff| diff.contains("[-") || diff.contains("{+"))
                    .map(|diff| format!(" {diff};"))
                    .unwrap_or_default();
                diagnostics.push(at(
                    facts.line,
                    1,
                    Severity::Warning,
                    Rule::Stale,
                    format!(
                        "the English of {id} changed since this translation was stamped ({stamp} → {}):{changed} review it, then run `errcat stamp {} {id}`",
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

/// Message and term references: (is a term, id, attribute).
fn references(pattern: &ast::Pattern<&str>, out: &mut Vec<Reference>) {
    walk(pattern, &mut |visit| {
        if let Visit::Inline(inline) = visit {
            if let Some(node) = target(inline) {
                out.push((
                    node.term,
                    node.id.to_owned(),
                    node.attribute.map(str::to_owned),
                ));
            }
        }
    });
}

/// The variant keys of every select expression.
fn select_keys(pattern: &ast::Pattern<&str>, out: &mut Vec<Vec<String>>) {
    walk(pattern, &mut |visit| {
        if let Visit::Select(variants) = visit {
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

/// Whether a terminal would act on `c` rather than show it: a C0 control
/// other than tab and line breaks, DEL, a C1 control.
fn is_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// Whether `c` reorders text: U+202A–U+202E, U+2066–U+2069.
fn is_bidi(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The control and bidi characters that a pattern's string literals
/// produce once their escapes (`\u001B`, `\U00202E`) are read, which the
/// file's bytes do not show.
fn produced_controls(pattern: &ast::Pattern<&str>) -> Vec<char> {
    let mut found = Vec::new();
    walk(pattern, &mut |visit| {
        if let Visit::Inline(InlineExpression::StringLiteral { value }) = visit {
            if !value.contains('\\') {
                return;
            }
            let text =
                guarded(|| fluent_syntax::unicode::unescape_unicode_to_string(value).into_owned());
            for c in text.unwrap_or_default().chars() {
                // Each character once, and a few at most: one finding each.
                if (is_control(c) || is_bidi(c)) && !found.contains(&c) && found.len() < 8 {
                    found.push(c);
                }
            }
        }
    });
    found
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
                    rule: Rule::UnresolvedReference.id(),
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
    let id = folder_locale(locale)?;
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
            check_plural_keys(file, id, facts.line, keys, &required, diagnostics);
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
                    rule: Rule::PluralCategories.id(),
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

/// How many variant keys of one plural select `check` reports as unknown.
const MAX_KEY_FINDINGS: usize = 8;

/// The variant keys of a plural select that are not plural categories of
/// the locale: a misspelling (`[mnay]`, with the category it is nearest
/// to) or a CLDR category the language does not use (`[two]` in `be`),
/// whose variant no number ever selects. Number keys (`[0]`) are exact
/// matches, always allowed.
fn check_plural_keys(
    file: &ParsedFile,
    id: &str,
    line: usize,
    keys: &[String],
    categories: &[&str],
    diagnostics: &mut Vec<Diagnostic>,
) {
    // Every language has `other` (CLDR gives it the fractions where the
    // integers do not reach it).
    let mut categories = categories.to_vec();
    if !categories.contains(&"other") {
        categories.push("other");
    }
    let unknown = keys
        .iter()
        .filter(|k| !k.starts_with(|c: char| c.is_ascii_digit() || c == '-'))
        .filter(|k| !categories.contains(&k.as_str()));
    for key in unknown.take(MAX_KEY_FINDINGS) {
        let locale = &file.locale;
        let list = categories.join(", ");
        let message = if CLDR_CATEGORIES.contains(&key.as_str()) {
            format!(
                "{id}: [{key}] is a CLDR plural category, but not one of {locale} (its categories are {list}): no number selects this variant"
            )
        } else {
            // Keys longer than any category are no typo of one; the cap
            // also bounds the edit distance's cost.
            let nearest = categories
                .iter()
                .filter(|_| key.len() <= 8)
                .map(|c| (edit_distance(key, c), *c))
                .filter(|(d, c)| *d <= 2 && *d < c.len())
                .min_by_key(|(d, _)| *d)
                .map(|(_, c)| format!("; did you mean {c}?"))
                .unwrap_or_default();
            format!(
                "{id}: [{key}] is not a plural category of {locale} (its categories are {list}){nearest}"
            )
        };
        diagnostics.push(Diagnostic {
            path: file.path.clone(),
            line,
            column: 1,
            severity: Severity::Error,
            rule: Rule::UnknownPluralCategory.id(),
            message,
        });
    }
}

/// Bidi controls and U+FFFD, at their exact line and column.
fn check_characters(file: &ParsedFile, diagnostics: &mut Vec<Diagnostic>) {
    for (id, facts) in &file.messages {
        for (part, c) in &facts.produced {
            let (rule, what) = if is_bidi(*c) {
                (Rule::BidiControl, "a bidirectional control character")
            } else {
                (Rule::ControlCharacter, "a control character")
            };
            let line = facts.attributes.get(part).copied().unwrap_or(facts.line);
            diagnostics.push(Diagnostic {
                path: file.path.clone(),
                line,
                column: 1,
                severity: Severity::Error,
                rule: rule.id(),
                message: format!(
                    "{id} {} formats to U+{:04X}, {what}, through an escape in a string literal; remove it",
                    part_name(part),
                    u32::from(*c)
                ),
            });
        }
    }
    // One finding per rule and line, and at most MAX_CHARACTER_FINDINGS a
    // file: a file of a million NULs is one problem, not a million lines.
    let mut reported = 0;
    for (i, line) in file.text.lines().enumerate() {
        let mut seen: Vec<Rule> = Vec::new();
        for (column, c) in line.chars().enumerate() {
            let (rule, what) = match c {
                c if is_bidi(c) => (Rule::BidiControl, "a bidirectional control character"),
                c if is_control(c) => (Rule::ControlCharacter, "a control character"),
                '\u{FFFD}' => (
                    Rule::ReplacementCharacter,
                    "the replacement character, the mark of a damaged encoding",
                ),
                _ => continue,
            };
            if seen.contains(&rule) {
                continue;
            }
            seen.push(rule);
            let last = reported == MAX_CHARACTER_FINDINGS;
            let then = if last {
                format!(
                    "the file has more lines with such characters than the {MAX_CHARACTER_FINDINGS} reported"
                )
            } else {
                "remove it".to_owned()
            };
            diagnostics.push(Diagnostic {
                path: file.path.clone(),
                line: i + 1,
                column: column + 1,
                severity: Severity::Error,
                rule: rule.id(),
                message: format!("U+{:04X} is {what}; {then}", u32::from(c)),
            });
            if last {
                return;
            }
            reported += 1;
        }
    }
}

/// How many lines with control, bidi or replacement characters `check`
/// reports in one file before it says there are more.
const MAX_CHARACTER_FINDINGS: usize = 64;

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
