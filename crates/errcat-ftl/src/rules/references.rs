//! `unknown-reference`: every message and term reference resolves.

use super::*;

/// Message and term references that resolve to nothing in the file.
pub(super) fn check_references(file: &ParsedFile, diagnostics: &mut Vec<Diagnostic>) {
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

pub(super) type Reference = (bool, String, Option<String>);
