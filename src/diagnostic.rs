//! Findings about `.ftl` files, for the translators who wrote them: where
//! (`path:line:col`), how bad, which rule, and what to do.
//!
//! Loading never fails because of a file's content: what parses is served and
//! each problem becomes a `Diagnostic`.

use std::fmt;

use serde::Serialize;

/// How much a finding matters.
///
/// ```
/// use errcat::tooling::{Severity, check_embedded};
/// assert!(check_embedded().diagnostics.iter().all(|d| d.severity != Severity::Error));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Severity {
    /// Worth a look; the catalog still serves every message.
    Warning,
    /// Something a user will miss: a message is broken or absent.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// One finding in one file.
///
/// Displays as `path:line:col: severity: rule: message`, the form editors
/// and CI logs link to.
///
/// ```
/// let dir = std::env::temp_dir().join(format!("errcat-diag-doc-{}", std::process::id()));
/// std::fs::create_dir_all(dir.join("de")).unwrap();
/// std::fs::write(dir.join("de/mobizon.ftl"), "sucess = Erfolg\n").unwrap();
/// let report = errcat::tooling::check_dir(&dir)?;
/// let d = report.diagnostics.iter().find(|d| d.rule == "unknown-id").unwrap();
/// assert_eq!((d.line, d.column), (1, 1));
/// # std::fs::remove_dir_all(&dir).unwrap();
/// # Ok::<(), errcat::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// The file, as `locales/<lang>/<catalog>.ftl`.
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// Error or warning.
    pub severity: Severity,
    /// The rule that found it, a stable kebab-case id such as `syntax`.
    pub rule: &'static str,
    /// What is wrong, in one line.
    pub message: String,
}

impl Diagnostic {
    /// A finding at byte `offset` of `text`, the file's raw bytes.
    pub(crate) fn at_offset(
        path: &str,
        text: &[u8],
        offset: usize,
        severity: Severity,
        rule: &'static str,
        message: String,
    ) -> Diagnostic {
        let (line, column) = line_col(text, offset);
        Diagnostic {
            path: path.to_owned(),
            line,
            column,
            severity,
            rule,
            message,
        }
    }
}

/// A message on one line: control characters (some parser messages hold
/// line breaks) written as escapes, `\n` for a line feed.
pub(crate) fn one_line(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    for c in message.chars() {
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// A finding about a whole file, pointed at its first line.
pub(crate) fn file_problem(path: &str, rule: &'static str, message: String) -> Diagnostic {
    Diagnostic {
        path: path.to_owned(),
        line: 1,
        column: 1,
        severity: Severity::Error,
        rule,
        message,
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}: {}: {}",
            self.path, self.line, self.column, self.severity, self.rule, self.message
        )
    }
}

/// 1-based line and column (in characters) of byte `offset` in `text`.
/// An offset past the end points just after the last byte.
pub(crate) fn line_col(text: &[u8], offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let in_line = before.get(line_start..).unwrap_or_default();
    // Count characters, not bytes; a stray continuation byte counts as none.
    let column = 1 + in_line.iter().filter(|&&b| (b & 0xC0) != 0x80).count();
    (line, column)
}
