//! Fluent source files, read the one way both `build.rs` and the library
//! read them: entry by entry ([`entries`]), each entry guarded against the
//! parser's recursion and panics, every message bounded by a size budget
//! ([`budget`]), then rendered ([`render`]) and checked
//! ([`rules`](crate::rules)).
//!
//! errcat's build script and `Catalog::from_dir` both read files through
//! this module, so a shipped file is parsed, checked and rendered at build
//! time by the very code that reads a locales folder at run time.

pub mod budget;
pub mod entries;
pub mod refs;
pub mod render;
pub mod stamp;

use fluent_syntax::parser::ParserError;
use unic_langid::LanguageIdentifier;

use crate::diagnostic::{Diagnostic, Rule, Severity, line_col, one_line};
use entries::{Chunk, guarded, refused};

/// One `.ftl` file: `locales/<locale>/<catalog>.ftl`, as raw bytes (a file
/// that is not valid UTF-8 is reported and read as far as it can be).
#[derive(Debug, Clone, Copy)]
pub struct SourceFile<'a> {
    /// The locale folder's name (`kk`).
    pub locale: &'a str,
    /// The file's name without `.ftl`: a catalog id, or `errcat`.
    pub catalog: &'a str,
    /// The path shown in diagnostics, relative to the locales folder's parent.
    pub path: &'a str,
    /// The file's bytes.
    pub text: &'a [u8],
}

/// The locale a folder name stands for, if it is written as a canonical
/// BCP 47 tag (`kk`, `pt-BR`): the only folder names that are loaded, so
/// that one locale never has two folders.
pub fn folder_locale(name: &str) -> Option<LanguageIdentifier> {
    let id: LanguageIdentifier = name.parse().ok()?;
    (!id.language.is_empty() && id == name).then_some(id)
}

/// Decodes a file's bytes, reporting the first invalid UTF-8 sequence with
/// its byte offset and replacing every invalid sequence with U+FFFD.
pub fn decode(file: &SourceFile<'_>, diagnostics: &mut Vec<Diagnostic>) -> String {
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
                Rule::InvalidUtf8,
                format!("invalid UTF-8 at byte {offset}; the bad bytes read as U+FFFD"),
            ));
            String::from_utf8_lossy(bytes).into_owned()
        }
    }
}

/// How many entries (messages, terms, comments and junk) of one file are
/// read. The largest shipped file has a few hundred; every parsed entry
/// costs memory many times its bytes (its syntax tree, its place in a
/// bundle), so a file of hundreds of thousands of one-line terms would
/// take a gigabyte to load.
pub const MAX_ENTRIES: usize = 10_000;

/// An entry that parsed, with the line it starts on.
pub struct Parsed<'t, R> {
    /// The entry's text.
    pub chunk: Chunk<'t>,
    /// 1-based line of the entry's first line in the file.
    pub line: usize,
    /// What the parser made of it.
    pub resource: R,
}

/// Parses `text` (the file at `path`) entry by entry with `parse`, which is
/// the Fluent parser in one of its two forms (`fluent_syntax::parser::parse`
/// for the checker, `FluentResource::try_new` for a bundle).
///
/// Each problem becomes a diagnostic at its own line and column, and costs
/// only its own entry: an entry that nests deeper than
/// [`MAX_NESTING`](entries::MAX_NESTING) or calls a function with more than
/// [`MAX_NAMED_ARGUMENTS`](entries::MAX_NAMED_ARGUMENTS) named arguments is
/// not handed to the parser, a parser panic is caught silently, and a
/// syntax error drops what the parser drops (the entry) and nothing else.
/// Past [`MAX_ENTRIES`] entries, the rest of the file is reported once and
/// skipped.
pub fn parse_entries<'t, R>(
    path: &str,
    text: &'t str,
    diagnostics: &mut Vec<Diagnostic>,
    parse: impl Fn(&'t str) -> Result<R, (R, Vec<ParserError>)>,
) -> Vec<Parsed<'t, R>> {
    let mut parsed = Vec::new();
    let mut line = 1;
    for (n, chunk) in entries::entries(text).into_iter().enumerate() {
        let entry_line = line;
        if n == MAX_ENTRIES {
            diagnostics.push(Diagnostic {
                path: path.to_owned(),
                line: entry_line,
                column: 1,
                severity: Severity::Error,
                rule: Rule::TooLong.id(),
                message: format!(
                    "the file has more than {MAX_ENTRIES} entries (messages, terms and comments); from here on they are not loaded"
                ),
            });
            break;
        }
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
                rule: Rule::Syntax.id(),
                message,
            });
        };
        if let Some(refusal) = refused(chunk.text) {
            report(at(refusal.offset()), refusal.reason());
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

#[cfg(test)]
mod tests {
    use super::*;
    use fluent_syntax::ast::{Entry, Resource};
    use std::collections::BTreeMap;

    /// Every message and term of `entries`, by id (`-` before a term's),
    /// as Fluent's serializer writes it, comment included; the first
    /// definition of an id counts.
    fn definitions<'a>(
        entries: impl IntoIterator<Item = &'a Entry<&'a str>>,
    ) -> BTreeMap<String, String> {
        let mut out = BTreeMap::new();
        for entry in entries {
            let id = match entry {
                Entry::Message(m) => m.id.name.to_owned(),
                Entry::Term(t) => format!("-{}", t.id.name),
                _ => continue,
            };
            let source = fluent_syntax::serializer::serialize(&Resource {
                body: vec![entry.clone()],
            });
            out.entry(id).or_insert(source);
        }
        out
    }

    /// The grammar fixtures (`tests/fixtures/grammar/*.ftl`), each read as
    /// written and with CRLF line ends: entry by entry, errcat reads every
    /// message and term that the reference parser reads from the whole
    /// file, identically, and exactly those the fixture's first line
    /// (`### reads: …`) names.
    #[test]
    fn grammar_fixtures_lose_no_valid_message() {
        let dir =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/grammar");
        let mut count = 0;
        for file in std::fs::read_dir(&dir).unwrap() {
            let path = file.unwrap().path();
            if path.extension().is_none_or(|e| e != "ftl") {
                continue;
            }
            count += 1;
            let lf = std::fs::read_to_string(&path).unwrap();
            let expected: Vec<&str> = lf
                .lines()
                .next()
                .and_then(|l| l.strip_prefix("### reads:"))
                .unwrap_or_else(|| panic!("{}: no `### reads:` line", path.display()))
                .split_whitespace()
                .collect();
            for (ends, text) in [("LF", lf.clone()), ("CRLF", lf.replace('\n', "\r\n"))] {
                let name = format!("{} ({ends})", path.display());
                let whole = fluent_syntax::parser::parse(text.as_str()).unwrap_or_else(|(r, _)| r);
                let whole = definitions(&whole.body);
                let mut problems = Vec::new();
                let parsed = parse_entries("f", &text, &mut problems, |entry| {
                    fluent_syntax::parser::parse(entry)
                });
                let ours = definitions(parsed.iter().flat_map(|p| &p.resource.body));
                for (id, source) in &whole {
                    assert_eq!(ours.get(id), Some(source), "{name}: {id}");
                }
                let mut read: Vec<&str> = ours.keys().map(String::as_str).collect();
                let mut want = expected.clone();
                read.sort_unstable();
                want.sort_unstable();
                assert_eq!(read, want, "{name}: {problems:?}");
            }
        }
        assert!(count >= 9, "only {count} fixtures");
    }
}
