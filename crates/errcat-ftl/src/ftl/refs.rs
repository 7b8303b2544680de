//! What refers to what in a Fluent file: one walk over a pattern's
//! expressions, and the graph of message and term references that both the
//! size budget and `check`'s variable rule follow, without recursion that
//! grows with the number of entries.

use std::collections::{HashMap, HashSet};

use fluent_syntax::ast::{self, Entry, Expression, InlineExpression, PatternElement};

/// A pattern that can be referenced: a message's or term's value
/// (`attribute: None`) or one of its attributes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Node<'a> {
    /// A term (`-brand`), not a message.
    pub term: bool,
    /// The message's or term's id.
    pub id: &'a str,
    /// The attribute, or `None` for the value.
    pub attribute: Option<&'a str>,
}

/// One node of a pattern, as [`walk`] meets it.
pub enum Visit<'a> {
    /// An inline expression.
    Inline(&'a InlineExpression<&'a str>),
    /// A select expression's variants.
    Select(&'a [ast::Variant<&'a str>]),
}

/// Visits every inline expression of a pattern, through placeables,
/// selectors, variants and call arguments, and every select expression.
/// Its recursion is as deep as the pattern nests, which the entry guard
/// keeps under [`MAX_NESTING`](super::entries::MAX_NESTING).
pub fn walk<'a>(pattern: &'a ast::Pattern<&'a str>, visit: &mut impl FnMut(Visit<'a>)) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            walk_expression(expression, visit);
        }
    }
}

fn walk_expression<'a>(expression: &'a Expression<&'a str>, visit: &mut impl FnMut(Visit<'a>)) {
    match expression {
        Expression::Select { selector, variants } => {
            visit(Visit::Select(variants));
            walk_inline(selector, visit);
            for v in variants {
                walk(&v.value, visit);
            }
        }
        Expression::Inline(inline) => walk_inline(inline, visit),
    }
}

fn walk_inline<'a>(inline: &'a InlineExpression<&'a str>, visit: &mut impl FnMut(Visit<'a>)) {
    visit(Visit::Inline(inline));
    match inline {
        InlineExpression::FunctionReference { arguments, .. }
        | InlineExpression::TermReference {
            arguments: Some(arguments),
            ..
        } => {
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

/// The node an inline expression refers to, if it is a reference.
pub fn target<'a>(inline: &'a InlineExpression<&'a str>) -> Option<Node<'a>> {
    match inline {
        InlineExpression::MessageReference { id, attribute } => Some(Node {
            term: false,
            id: id.name,
            attribute: attribute.as_ref().map(|a| a.name),
        }),
        InlineExpression::TermReference { id, attribute, .. } => Some(Node {
            term: true,
            id: id.name,
            attribute: attribute.as_ref().map(|a| a.name),
        }),
        _ => None,
    }
}

/// Every referable pattern of a file, by node; where an id is defined twice
/// the first definition counts, as in a Fluent bundle.
pub struct Graph<'a> {
    patterns: HashMap<Node<'a>, &'a ast::Pattern<&'a str>>,
    /// Nodes in file order.
    nodes: Vec<Node<'a>>,
}

impl<'a> Graph<'a> {
    /// The graph of `entries`' references, indexed once.
    pub fn new(entries: impl IntoIterator<Item = &'a Entry<&'a str>>) -> Graph<'a> {
        let mut patterns = HashMap::new();
        let mut nodes = Vec::new();
        let mut defined = HashSet::new();
        for entry in entries {
            let (term, id, value, attributes) = match entry {
                Entry::Message(m) => (false, m.id.name, m.value.as_ref(), &m.attributes),
                Entry::Term(t) => (true, t.id.name, Some(&t.value), &t.attributes),
                _ => continue,
            };
            if !defined.insert((term, id)) {
                continue;
            }
            let parts = value
                .map(|v| (None, v))
                .into_iter()
                .chain(attributes.iter().map(|a| (Some(a.id.name), &a.value)));
            for (attribute, pattern) in parts {
                let node = Node {
                    term,
                    id,
                    attribute,
                };
                if patterns.insert(node, pattern).is_none() {
                    nodes.push(node);
                }
            }
        }
        Graph { patterns, nodes }
    }

    /// The pattern of a node, if the file defines it.
    pub fn pattern(&self, node: &Node<'a>) -> Option<&'a ast::Pattern<&'a str>> {
        self.patterns.get(node).copied()
    }

    /// Every node, each after all the nodes it references, so that a value
    /// computed in this order can use the values of its references. A cycle
    /// is cut where the walk meets it (Fluent refuses cyclic references when
    /// it formats them). Iterative: a chain of any length uses no stack.
    pub fn post_order(&self) -> Vec<Node<'a>> {
        let mut order = Vec::with_capacity(self.nodes.len());
        let mut seen: HashSet<Node<'a>> = HashSet::with_capacity(self.nodes.len());
        let mut stack: Vec<(Node<'a>, Vec<Node<'a>>)> = Vec::new();
        for &root in &self.nodes {
            if !seen.insert(root) {
                continue;
            }
            stack.push((root, self.references(&root)));
            while let Some((node, pending)) = stack.last_mut() {
                match pending.pop() {
                    Some(next) => {
                        if self.patterns.contains_key(&next) && seen.insert(next) {
                            let refs = self.references(&next);
                            stack.push((next, refs));
                        }
                    }
                    None => {
                        order.push(*node);
                        stack.pop();
                    }
                }
            }
        }
        order
    }

    /// The nodes a node's pattern refers to, in order, with repeats.
    pub fn references(&self, node: &Node<'a>) -> Vec<Node<'a>> {
        let mut out = Vec::new();
        if let Some(pattern) = self.pattern(node) {
            walk(pattern, &mut |visit| {
                if let Visit::Inline(inline) = visit {
                    out.extend(target(inline));
                }
            });
        }
        out
    }
}
