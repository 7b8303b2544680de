//! The budget that keeps loading bounded: an upper bound on how long each
//! message can become once every term and message reference in it is
//! expanded, computed from the syntax tree before anything is formatted.
//! A check-clean file can otherwise reference a large term a hundred times
//! in every message and make a load take gigabytes.

use std::collections::HashMap;

use fluent_syntax::ast::{self, Expression, InlineExpression, PatternElement};

use super::refs::{Graph, Node, Visit, walk};

/// The most text one message (its value and attributes together) may
/// format to. The longest shipped message is under 1 KiB.
pub const MAX_MESSAGE_BYTES: u64 = 64 * 1024;

/// The most text one load may render across all its files and messages;
/// past it, further messages are refused and fall back along their chain.
pub const MAX_TOTAL_BYTES: u64 = 16 * 1024 * 1024;

/// An upper bound on the formatted length of every node of `graph`, in
/// bytes, saturating.
///
/// A variable may stand for a term's argument, whose value is a literal
/// somewhere in the file: each variable counts as long as the file's
/// longest literal. A select counts as its longest variant. A reference to
/// something the file does not define counts as the few bytes Fluent
/// writes in its place.
pub fn sizes<'a>(graph: &Graph<'a>) -> HashMap<Node<'a>, u64> {
    let order = graph.post_order();
    let mut longest_literal = 0u64;
    for node in &order {
        if let Some(pattern) = graph.pattern(node) {
            walk(pattern, &mut |visit| {
                if let Visit::Inline(
                    InlineExpression::StringLiteral { value }
                    | InlineExpression::NumberLiteral { value },
                ) = visit
                {
                    longest_literal = longest_literal.max(len(value));
                }
            });
        }
    }
    let mut sizes = HashMap::with_capacity(order.len());
    for node in order {
        if let Some(pattern) = graph.pattern(&node) {
            let size = Sizer {
                sizes: &sizes,
                variable: longest_literal,
            }
            .pattern(pattern);
            sizes.insert(node, size);
        }
    }
    sizes
}

/// The bound for a whole message: its value and every attribute. A part
/// that `sizes` lacks (a file without placeables needs no graph) is
/// bounded by its own text.
pub fn message_size(sizes: &HashMap<Node<'_>, u64>, message: &ast::Message<&str>) -> u64 {
    let id = message.id.name;
    let own = Sizer { sizes, variable: 0 };
    let part = |attribute, pattern: &ast::Pattern<&str>| {
        sizes
            .get(&Node {
                term: false,
                id,
                attribute,
            })
            .copied()
            .unwrap_or_else(|| own.pattern(pattern))
    };
    message
        .value
        .iter()
        .map(|v| part(None, v))
        .chain(
            message
                .attributes
                .iter()
                .map(|a| part(Some(a.id.name), &a.value)),
        )
        .fold(0, u64::saturating_add)
}

/// [`sizes`] for the entries of a file whose text is `text`: without a
/// placeable nothing refers to anything, and each part is bounded by its
/// own text without building the graph.
pub fn sizes_of<'a>(
    text: &str,
    entries: impl IntoIterator<Item = &'a ast::Entry<&'a str>>,
) -> HashMap<Node<'a>, u64> {
    if text.contains('{') {
        sizes(&Graph::new(entries))
    } else {
        HashMap::new()
    }
}

fn len(text: &str) -> u64 {
    u64::try_from(text.len()).unwrap_or(u64::MAX)
}

struct Sizer<'s, 'a> {
    sizes: &'s HashMap<Node<'a>, u64>,
    variable: u64,
}

impl Sizer<'_, '_> {
    fn pattern(&self, pattern: &ast::Pattern<&str>) -> u64 {
        pattern
            .elements
            .iter()
            .map(|element| match element {
                PatternElement::TextElement { value } => len(value),
                PatternElement::Placeable { expression } => self.expression(expression),
            })
            .fold(0, u64::saturating_add)
    }

    fn expression(&self, expression: &Expression<&str>) -> u64 {
        match expression {
            Expression::Inline(inline) => self.inline(inline),
            Expression::Select { variants, .. } => variants
                .iter()
                .map(|v| self.pattern(&v.value))
                .max()
                .unwrap_or(0),
        }
    }

    fn inline(&self, inline: &InlineExpression<&str>) -> u64 {
        // What Fluent writes for something it cannot resolve: `{id}`, `{$x}`, `{???}`.
        const UNRESOLVED: u64 = 8;
        match inline {
            InlineExpression::StringLiteral { value }
            | InlineExpression::NumberLiteral { value } => len(value),
            InlineExpression::VariableReference { id } => {
                self.variable.max(len(id.name).saturating_add(UNRESOLVED))
            }
            InlineExpression::FunctionReference { id, arguments } => arguments
                .positional
                .iter()
                .chain(arguments.named.iter().map(|n| &n.value))
                .map(|a| self.inline(a))
                .fold(len(id.name).saturating_add(UNRESOLVED), u64::saturating_add),
            InlineExpression::MessageReference { id, .. }
            | InlineExpression::TermReference { id, .. } => super::refs::target(inline)
                .and_then(|node| self.sizes.get(&node).copied())
                .unwrap_or(0)
                .max(len(id.name).saturating_add(UNRESOLVED)),
            InlineExpression::Placeable { expression } => self.expression(expression),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bound(source: &str, id: &str) -> u64 {
        let resource = fluent_syntax::parser::parse(source).unwrap_or_else(|(r, _)| r);
        let graph = Graph::new(&resource.body);
        let sizes = sizes(&graph);
        resource
            .body
            .iter()
            .find_map(|e| match e {
                ast::Entry::Message(m) if m.id.name == id => Some(message_size(&sizes, m)),
                _ => None,
            })
            .unwrap_or(0)
    }

    #[test]
    fn references_multiply() {
        let term = "x".repeat(1000);
        let source = format!("-big = {term}\na = {}\n", "{ -big }".repeat(99));
        assert_eq!(bound(&source, "a"), 99_000);
        // Through messages too, and attributes count with the value.
        let source = "b = 12345\n    .t = 1234567890\nc = { b }{ b }{ b.t }\n    .title = { b }\n";
        // `{ b }` counts at least what Fluent writes if it cannot resolve it (9).
        assert_eq!(bound(source, "c"), 9 + 9 + 10 + 9);
        // A select counts its longest variant.
        let source = "d = { $n ->\n    [one] ab\n   *[other] abcdef\n}\n";
        assert_eq!(bound(source, "d"), 6);
    }

    #[test]
    fn a_long_chain_and_a_cycle_are_bounded_without_recursion() {
        let mut source = String::from("m0 = x\n");
        for i in 1..40_000 {
            source.push_str(&format!("m{i} = {{ m{} }}\n", i - 1));
        }
        assert!(bound(&source, "m39999") < 100);
        assert!(bound("a = { b }\nb = { a }\n", "a") < 32);
    }
}
