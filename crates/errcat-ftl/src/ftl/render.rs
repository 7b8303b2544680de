//! From a file to text: a file loaded into a Fluent bundle entry by entry
//! and within its budget, and each code's title, explanation and hint
//! rendered as far as they can be without arguments.

use std::collections::{HashMap, HashSet};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::resolver::ResolverError;
use fluent_bundle::resolver::errors::ReferenceKind;
use fluent_bundle::{FluentArgs, FluentError, FluentMessage, FluentResource};
use fluent_syntax::ast::{self, Entry};
use unic_langid::LanguageIdentifier;

use super::budget::{MAX_MESSAGE_BYTES, MAX_TOTAL_BYTES, message_size, sizes_of};
use super::entries::guarded;
use super::refs::{Visit, target, walk};
use super::{SourceFile, decode, parse_entries};
use crate::diagnostic::{Diagnostic, Rule, Severity, duplicate_id_problem, one_line};
use crate::tables::{Message, Text};

/// A bundle of one locale and catalog, shareable between threads.
pub type Bundle = FluentBundle<FluentResource>;

/// A file's bundle, with the budget's bound on each of its messages.
pub struct Loaded {
    /// Every entry that loaded: what the renderer formats.
    pub bundle: Bundle,
    /// Only the entries a lookup can still need once every plain text is
    /// in the tables: what a catalog keeps (see `needed_at_lookup`).
    pub runtime: Bundle,
    /// Message id → the most bytes it can format to.
    pub sizes: HashMap<String, u64>,
}

/// Whether a lookup may format `entry` through a bundle: a term something
/// refers to, a message with a placeable (a `$variable`, a reference, a select, a literal), or
/// one that another entry refers to. A message that is plain text and
/// nobody's reference is rendered into the tables once and never formatted
/// again, so a catalog need not keep it.
fn needed_at_lookup(entry: &Entry<&str>, referenced: &HashSet<(bool, &str)>) -> bool {
    let has_placeable = |p: &ast::Pattern<&str>| {
        p.elements
            .iter()
            .any(|e| matches!(e, ast::PatternElement::Placeable { .. }))
    };
    match entry {
        Entry::Term(t) => referenced.contains(&(true, t.id.name)),
        Entry::Message(m) => {
            referenced.contains(&(false, m.id.name))
                || m.value.as_ref().is_some_and(has_placeable)
                || m.attributes.iter().any(|a| has_placeable(&a.value))
        }
        _ => false,
    }
}

/// Every message and term some pattern of `entries` refers to, as
/// `(term, id)`.
fn referenced<'a>(entries: impl Iterator<Item = &'a Entry<&'a str>>) -> HashSet<(bool, &'a str)> {
    let mut referenced = HashSet::new();
    for entry in entries {
        let patterns: Vec<&ast::Pattern<&str>> = match entry {
            Entry::Message(m) => m
                .value
                .iter()
                .chain(m.attributes.iter().map(|a| &a.value))
                .collect(),
            Entry::Term(t) => std::iter::once(&t.value)
                .chain(t.attributes.iter().map(|a| &a.value))
                .collect(),
            _ => Vec::new(),
        };
        for pattern in patterns {
            walk(pattern, &mut |visit| {
                if let Visit::Inline(inline) = visit
                    && let Some(node) = target(inline)
                {
                    referenced.insert((node.term, node.id));
                }
            });
        }
    }
    referenced
}

/// Loads a file into a bundle for `locale`. Every problem becomes a
/// diagnostic and costs only the entry it is in: a syntax error, a parser
/// panic, nesting too deep, a message over [`MAX_MESSAGE_BYTES`] (refused
/// here, so it falls back along its chain), a duplicate id (the first
/// definition stays).
pub fn load(
    file: &SourceFile<'_>,
    locale: LanguageIdentifier,
    diagnostics: &mut Vec<Diagnostic>,
) -> Loaded {
    load_except(file, locale, &[], diagnostics)
}

/// [`load`], leaving out every entry that holds one of the 1-based lines
/// of `broken` (the lines where `errcat check` found an error in a
/// message): such a message is left out as a syntax error leaves it out,
/// and falls back along its chain. The check has reported it already, so
/// this adds no finding of its own.
pub fn load_except(
    file: &SourceFile<'_>,
    locale: LanguageIdentifier,
    broken: &[usize],
    diagnostics: &mut Vec<Diagnostic>,
) -> Loaded {
    let text = decode(file, diagnostics);
    let mut parsed = parse_entries(file.path, &text, diagnostics, |entry| {
        FluentResource::try_new(entry.to_owned())
    });
    if !broken.is_empty() {
        parsed.retain(|p| {
            let lines = p.chunk.text.split_inclusive('\n').count().max(1);
            let last = p.line + lines - 1;
            !broken.iter().any(|&l| (p.line..=last).contains(&l))
        });
    }
    let bounds = sizes_of(&text, parsed.iter().flat_map(|p| p.resource.entries()));
    // Each entry's messages with their bounds, before the entries move
    // into the bundle.
    let messages: Vec<Vec<(String, u64)>> = parsed
        .iter()
        .map(|p| {
            p.resource
                .entries()
                .filter_map(|e| match e {
                    Entry::Message(m) => Some((m.id.name.to_owned(), message_size(&bounds, m))),
                    _ => None,
                })
                .collect()
        })
        .collect();
    drop(bounds);
    let referenced = referenced(parsed.iter().flat_map(|p| p.resource.entries()));
    let needed: Vec<bool> = parsed
        .iter()
        .map(|p| {
            p.resource
                .entries()
                .any(|e| needed_at_lookup(e, &referenced))
        })
        .collect();
    drop(referenced);
    let new_bundle = || {
        let mut bundle = FluentBundle::new_concurrent(vec![locale.clone()]);
        // Isolation marks (U+2068/U+2069) would leak into terminals and JSON.
        bundle.set_use_isolating(false);
        bundle
    };
    let mut bundle = new_bundle();
    let mut runtime = new_bundle();
    let mut kept: HashMap<String, u64> = HashMap::new();
    for ((entry, messages), needed) in parsed.into_iter().zip(messages).zip(needed) {
        if let Some((id, size)) = messages.iter().find(|(_, s)| *s > MAX_MESSAGE_BYTES) {
            diagnostics.push(too_long(file.path, entry.line, id, *size));
            continue;
        }
        for (id, size) in messages {
            kept.entry(id).or_insert(size);
        }
        if needed {
            // The entry parsed once already; its second parse gives the
            // same resource. A duplicate id loses here as it does below.
            let again = match FluentResource::try_new(entry.chunk.text.to_owned()) {
                Ok(resource) | Err((resource, _)) => resource,
            };
            let _ = runtime.add_resource(again);
        }
        if let Err(errors) = bundle.add_resource(entry.resource) {
            // Adding a resource fails only for an id already defined.
            diagnostics.extend(errors.into_iter().map(|error| match error {
                FluentError::Overriding { id, .. } => {
                    duplicate_id_problem(file.path, entry.line, &id)
                }
                other => Diagnostic {
                    message: one_line(&other.to_string()),
                    ..duplicate_id_problem(file.path, entry.line, "")
                },
            }));
        }
    }
    Loaded {
        bundle,
        runtime,
        sizes: kept,
    }
}

/// The finding for a message over the budget.
pub fn too_long(path: &str, line: usize, id: &str, size: u64) -> Diagnostic {
    Diagnostic {
        path: path.to_owned(),
        line,
        column: 1,
        severity: Severity::Error,
        rule: Rule::TooLong.id(),
        message: format!(
            "{id} can format to {size} bytes through its references, more than the {MAX_MESSAGE_BYTES} allowed; it is not loaded"
        ),
    }
}

/// Which part of a code's message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The `.title` attribute.
    Title,
    /// The message's value.
    Explanation,
    /// The `.hint` attribute.
    Hint,
}

fn pattern<'m>(message: &FluentMessage<'m>, part: Part) -> Option<&'m ast::Pattern<&'m str>> {
    match part {
        Part::Explanation => message.value(),
        Part::Title => message.get_attribute("title").map(|a| a.value()),
        Part::Hint => message.get_attribute("hint").map(|a| a.value()),
    }
}

/// Formats a pattern without arguments: its text, or [`Text::Dynamic`]
/// when Fluent reports an error (it needs `$variables`, or something it
/// refers to is missing); `None` if Fluent panicked on it.
fn render_pattern(bundle: &Bundle, pattern: &ast::Pattern<&str>) -> Option<Text> {
    let mut errors = Vec::new();
    let text = guarded(|| {
        bundle
            .format_pattern(pattern, None, &mut errors)
            .into_owned()
    })?;
    Some(if errors.is_empty() {
        Text::Plain(text.into())
    } else {
        Text::Dynamic
    })
}

/// Renders a code's message as far as it can be without arguments. A
/// message without a value or a title is treated as absent, so the chain
/// moves on.
pub fn render_message(bundle: &Bundle, name: &str) -> Option<Message> {
    let message = bundle.get_message(name)?;
    let render = |part| render_pattern(bundle, pattern(&message, part)?);
    Some(Message::new(
        render(Part::Title)?,
        render(Part::Explanation)?,
        render(Part::Hint),
    ))
}

/// Renders a message that takes no arguments and has no attributes, such
/// as `catalog-title` and `section-tasks`; `None` if the bundle lacks it or
/// Fluent reports an error formatting it.
pub fn render_label(bundle: &Bundle, id: &str) -> Option<String> {
    let pattern = bundle.get_message(id)?.value()?;
    guarded(|| {
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, None, &mut errors);
        errors.is_empty().then(|| text.into_owned())
    })
    .flatten()
}

/// Formats one part of a code's message with arguments, at lookup time,
/// adding to `missing` each `$variable` it uses that `args` lacks (Fluent
/// then writes `{$name}` in its place); `None` if the bundle lacks the part
/// or Fluent failed on it.
pub fn format_part(
    bundle: &Bundle,
    name: &str,
    part: Part,
    args: Option<&FluentArgs<'_>>,
    missing: &mut Vec<String>,
) -> Option<String> {
    let message = bundle.get_message(name)?;
    let pattern = pattern(&message, part)?;
    guarded(|| {
        // format_pattern grows its String from empty by doubling; one
        // buffer sized for a typical explanation is cheaper.
        let mut out = String::with_capacity(256);
        let mut errors = Vec::new();
        bundle
            .write_pattern(&mut out, pattern, args, &mut errors)
            .ok()?;
        for error in errors {
            if let FluentError::ResolverError(ResolverError::Reference(ReferenceKind::Variable {
                id,
            })) = error
            {
                if !missing.contains(&id) {
                    missing.push(id);
                }
            }
        }
        Some(out)
    })
    .flatten()
}

/// The text one load has rendered so far, against [`MAX_TOTAL_BYTES`].
#[derive(Debug, Default)]
pub struct Budget {
    spent: u64,
}

impl Budget {
    /// Spends what `id` of `loaded` can format to, if the catalog can
    /// still afford it. The first refusal of a file (`refused` still
    /// false) is reported once, at the file's first line.
    fn afford(
        &mut self,
        loaded: &Loaded,
        id: &str,
        path: &str,
        refused: &mut bool,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> bool {
        let size = loaded.sizes.get(id).copied().unwrap_or(0);
        let total = self.spent.saturating_add(size);
        if total > MAX_TOTAL_BYTES {
            if !*refused {
                *refused = true;
                diagnostics.push(Diagnostic {
                    path: path.to_owned(),
                    line: 1,
                    column: 1,
                    severity: Severity::Error,
                    rule: Rule::TooLong.id(),
                    message: format!(
                        "the catalog's {MAX_TOTAL_BYTES} bytes of text are spent; from {id} on, this file's messages are not loaded"
                    ),
                });
            }
            return false;
        }
        self.spent = total;
        true
    }
}

/// Renders errcat's own phrases (`errcat.ftl`, see `crate::phrase`) from a
/// locale's file, in the order of `ids`, within `budget`: each a message
/// value, rendered ahead of time unless it uses `$variables`.
pub fn render_phrases(
    loaded: Option<&Loaded>,
    path: &str,
    ids: &[&str],
    budget: &mut Budget,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Option<Text>> {
    let mut refused = false;
    ids.iter()
        .map(|id| {
            let loaded =
                loaded.filter(|l| budget.afford(l, id, path, &mut refused, diagnostics))?;
            render_pattern(&loaded.bundle, loaded.bundle.get_message(id)?.value()?)
        })
        .collect()
}

/// Formats a message's value with arguments, at lookup time: a phrase of
/// `errcat.ftl` that uses `$variables`. `None` if the bundle lacks it or
/// Fluent failed on it.
pub fn format_value(bundle: &Bundle, id: &str, args: Option<&FluentArgs<'_>>) -> Option<String> {
    let pattern = bundle.get_message(id)?.value()?;
    guarded(|| {
        let mut errors = Vec::new();
        bundle
            .format_pattern(pattern, args, &mut errors)
            .into_owned()
    })
}

/// One catalog's file of a locale, and what the table needs from it.
pub struct CatalogFile<'l> {
    /// The file, loaded, if the locale has it.
    pub loaded: Option<&'l Loaded>,
    /// Its path, for diagnostics.
    pub path: &'l str,
    /// The codes' names, in registry order.
    pub codes: &'l [&'l str],
    /// The section ids, in registry order.
    pub sections: &'l [&'l str],
}

/// A locale's row of the tables: every code's message and every label, in
/// table order (catalogs in registry order; per catalog its title, then
/// its sections' titles), rendered within `budget`.
pub struct LocaleRow {
    /// Every code's message, catalogs in order.
    pub messages: Vec<Option<Message>>,
    /// Every catalog's title and section titles.
    pub labels: Vec<Option<String>>,
}

/// Renders one locale's files into its row of the tables. Once `budget`
/// is spent, the remaining messages are refused (they fall back along
/// their chain) and the file says so once.
pub fn render_locale(
    files: &[CatalogFile<'_>],
    budget: &mut Budget,
    diagnostics: &mut Vec<Diagnostic>,
) -> LocaleRow {
    let mut row = LocaleRow {
        messages: Vec::new(),
        labels: Vec::new(),
    };
    for file in files {
        let mut refused = false;
        let mut afford = |loaded: &Loaded, id: &str| {
            budget.afford(loaded, id, file.path, &mut refused, diagnostics)
        };
        let label_ids = std::iter::once("catalog-title".to_owned())
            .chain(file.sections.iter().map(|s| format!("section-{s}")));
        for id in label_ids {
            let label = file
                .loaded
                .filter(|l| afford(l, &id))
                .and_then(|l| render_label(&l.bundle, &id));
            row.labels.push(label);
        }
        for name in file.codes {
            let message = file
                .loaded
                .filter(|l| afford(l, name))
                .and_then(|l| render_message(&l.bundle, name));
            row.messages.push(message);
        }
    }
    row
}
