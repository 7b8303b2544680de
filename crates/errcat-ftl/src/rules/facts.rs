//! A file reduced to what the rules compare: each message's attributes,
//! `$variables`, texts, stamp, references and select keys, found once.

use super::*;

/// One message, reduced to what the rules compare.
#[derive(Debug, Clone, Default)]
pub(super) struct MessageFacts {
    pub(super) line: usize,
    pub(super) has_value: bool,
    /// Attribute name → its line.
    pub(super) attributes: BTreeMap<String, usize>,
    /// Part (`value` or an attribute name) → the `$variables` it uses,
    /// following message references.
    pub(super) variables: BTreeMap<String, BTreeSet<String>>,
    /// Part → its text, serialized, for the identical-text rule.
    pub(super) texts: BTreeMap<String, String>,
    /// The hash of the message, for stamps.
    pub(super) hash: String,
    /// The `en-hash` recorded in the message's comment, if any.
    pub(super) stamp: Option<String>,
    /// The message's source on one line, as a stamp's `# en:` records it.
    pub(super) source: String,
    /// The English text the stamp's `# en:` line records, if any.
    pub(super) confirmed: Option<String>,
    /// The most bytes the message can format to (see `ftl::budget`).
    pub(super) size: u64,
    /// Characters a terminal would act on that string literals' escapes
    /// produce: (part, the character).
    pub(super) produced: Vec<(String, char)>,
    /// Message and term references: (is a term, id, attribute).
    pub(super) references: Vec<Reference>,
    /// The variant keys of every select expression.
    pub(super) selects: Vec<Vec<String>>,
}

pub(super) struct ParsedFile {
    pub(super) locale: String,
    pub(super) catalog: String,
    pub(super) path: String,
    pub(super) text: String,
    pub(super) messages: BTreeMap<String, MessageFacts>,
    pub(super) terms: BTreeSet<String>,
}

/// At most this many `$variables` are gathered for one part, through its
/// references: real messages use two or three, and the cap keeps a long
/// chain of references linear.
pub(super) const MAX_VARIABLES: usize = 64;

impl ParsedFile {
    pub(super) fn parse(file: &SourceFile<'_>, diagnostics: &mut Vec<Diagnostic>) -> ParsedFile {
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
pub(super) struct EntryLines<'t> {
    /// The line of the message (`id =`), after any comment lines.
    pub(super) start: usize,
    /// Attribute name → the line of its first definition.
    pub(super) attributes: HashMap<&'t str, usize>,
}

impl<'t> EntryLines<'t> {
    pub(super) fn scan(text: &'t str, first: usize) -> EntryLines<'t> {
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
    pub(super) fn attribute(&self, name: &str) -> usize {
        self.attributes.get(name).copied().unwrap_or(self.start)
    }
}

/// Message and term references: (is a term, id, attribute).
pub(super) fn references(pattern: &ast::Pattern<&str>, out: &mut Vec<Reference>) {
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
pub(super) fn select_keys(pattern: &ast::Pattern<&str>, out: &mut Vec<Vec<String>>) {
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
pub(super) fn pattern_text(pattern: &ast::Pattern<&str>) -> String {
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
