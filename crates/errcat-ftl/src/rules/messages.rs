//! The rules on each message against the registry and the reference
//! locale: ids, attributes, `$variables`, stamps, sizes, identical text.

use super::*;

pub(super) fn check_file(
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

pub(super) fn part_name(part: &str) -> String {
    if part == "value" {
        "value".to_owned()
    } else {
        format!(".{part}")
    }
}

/// Whether a text reads as prose (three or more lower-case words), so that
/// being identical to English means it was not translated; names such as
/// `Planfix REST API` may rightly stay the same.
pub(super) fn is_prose(text: &str) -> bool {
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
pub(super) fn nearest<'a>(id: &str, candidates: &'a [String]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (edit_distance(id, c), c))
        .filter(|(d, c)| *d <= 3.max(c.len() / 4))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c.as_str())
}
