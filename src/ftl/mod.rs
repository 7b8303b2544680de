//! Fluent source files, read the one way both `build.rs` and the library
//! read them: entry by entry ([`entries`]), each entry guarded against the
//! parser's recursion and panics, every message bounded by a size budget
//! ([`budget`]), then rendered ([`render`]) and checked (`check::rules`).
//!
//! `build.rs` compiles these modules into itself (`#[path]`), so that a
//! shipped file is parsed, checked and rendered at build time by the very
//! code that reads a locales folder at run time. They must therefore use
//! nothing of the crate but each other, `diagnostic`, `fallback` and `text`.

pub(crate) mod budget;
pub(crate) mod entries;
pub(crate) mod refs;
pub(crate) mod render;
pub(crate) mod stamp;

use fluent_syntax::parser::ParserError;
use unic_langid::LanguageIdentifier;

use crate::diagnostic::{Diagnostic, Severity, line_col, one_line};
use entries::{Chunk, MAX_NESTING, guarded, too_deep};

/// One `.ftl` file: `locales/<locale>/<catalog>.ftl`, as raw bytes (a file
/// that is not valid UTF-8 is reported and read as far as it can be).
#[derive(Debug, Clone, Copy)]
pub(crate) struct SourceFile<'a> {
    pub(crate) locale: &'a str,
    pub(crate) catalog: &'a str,
    /// The path shown in diagnostics, relative to the locales folder's parent.
    pub(crate) path: &'a str,
    pub(crate) text: &'a [u8],
}

/// The locale a folder name stands for, if it is written as a canonical
/// BCP 47 tag (`kk`, `pt-BR`): the only folder names that are loaded, so
/// that one locale never has two folders.
pub(crate) fn folder_locale(name: &str) -> Option<LanguageIdentifier> {
    let id: LanguageIdentifier = name.parse().ok()?;
    (!id.language.is_empty() && id == name).then_some(id)
}

/// Decodes a file's bytes, reporting the first invalid UTF-8 sequence with
/// its byte offset and replacing every invalid sequence with U+FFFD.
pub(crate) fn decode(file: &SourceFile<'_>, diagnostics: &mut Vec<Diagnostic>) -> String {
    // Some editors start UTF-8 files with a byte order mark; it is not text.
    let bytes = file.text.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(file.text);
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(err) => {
            let offset = err.valid_up_to();
            diagnostics.push(Diagnostic::at_offset(
                file.path,
                bytes,
                offset,
                Severity::Error,
                "invalid-utf8",
                format!("invalid UTF-8 at byte {offset}; the bad bytes read as U+FFFD"),
            ));
            String::from_utf8_lossy(bytes).into_owned()
        }
    }
}

/// An entry that parsed, with the line it starts on.
pub(crate) struct Parsed<'t, R> {
    pub(crate) chunk: Chunk<'t>,
    /// 1-based line of the entry's first line in the file.
    pub(crate) line: usize,
    pub(crate) resource: R,
}

/// Parses `text` (the file at `path`) entry by entry with `parse`, which is
/// the Fluent parser in one of its two forms (`fluent_syntax::parser::parse`
/// for the checker, `FluentResource::try_new` for a bundle).
///
/// Each problem becomes a diagnostic at its own line and column, and costs
/// only its own entry: an entry that nests deeper than [`MAX_NESTING`] is
/// not handed to the parser, a parser panic is caught silently, and a
/// syntax error drops what the parser drops (the entry) and nothing else.
pub(crate) fn parse_entries<'t, R>(
    path: &str,
    text: &'t str,
    diagnostics: &mut Vec<Diagnostic>,
    parse: impl Fn(&'t str) -> Result<R, (R, Vec<ParserError>)>,
) -> Vec<Parsed<'t, R>> {
    let mut parsed = Vec::new();
    let mut line = 1;
    for chunk in entries::entries(text) {
        let entry_line = line;
        line += chunk.text.bytes().filter(|&b| b == b'\n').count();
        let at = |offset: usize| {
            // An error the parser meets only after the entry's last line
            // (an unclosed `{`) belongs at the end of the entry, not on the
            // next entry's line.
            let offset = offset.min(chunk.text.trim_end().len());
            let (l, column) = line_col(chunk.text.as_bytes(), offset);
            (entry_line + l - 1, column)
        };
        let mut report = |(line, column): (usize, usize), message: String| {
            diagnostics.push(Diagnostic {
                path: path.to_owned(),
                line,
                column,
                severity: Severity::Error,
                rule: "syntax",
                message,
            });
        };
        if let Some(offset) = too_deep(chunk.text) {
            report(
                at(offset),
                format!(
                    "placeables nest more than {MAX_NESTING} levels deep here; the entry is skipped"
                ),
            );
            continue;
        }
        let resource = match guarded(|| parse(chunk.text)) {
            Some(Ok(resource)) => resource,
            Some(Err((resource, errors))) => {
                for error in errors {
                    report(at(error.pos.start), one_line(&error.kind.to_string()));
                }
                resource
            }
            None => {
                report(
                    (entry_line, 1),
                    "the Fluent parser failed on this entry; it is skipped".to_owned(),
                );
                continue;
            }
        };
        parsed.push(Parsed {
            chunk,
            line: entry_line,
            resource,
        });
    }
    parsed
}
