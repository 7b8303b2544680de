//! Characters a terminal would act on, bidi controls and U+FFFD in texts.

use super::*;

/// Whether a terminal would act on `c` rather than show it: a C0 control
/// other than tab and line breaks, DEL, a C1 control.
pub(super) fn is_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// Whether `c` reorders text: U+202A–U+202E, U+2066–U+2069.
pub(super) fn is_bidi(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The control and bidi characters that a pattern's string literals
/// produce once their escapes (`\u001B`, `\U00202E`) are read, which the
/// file's bytes do not show.
pub(super) fn produced_controls(pattern: &ast::Pattern<&str>) -> Vec<char> {
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

/// Bidi controls and U+FFFD, at their exact line and column.
pub(super) fn check_characters(file: &ParsedFile, diagnostics: &mut Vec<Diagnostic>) {
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
pub(super) const MAX_CHARACTER_FINDINGS: usize = 64;
