//! Findings about `.ftl` files, for the translators who wrote them: where
//! (`path:line:col`), how bad, which rule, and what to do.
//!
//! Loading never fails because of a file's content: what parses is served and
//! each problem becomes a `Diagnostic`.

use std::fmt;

use serde::Serialize;

/// Declares [`Rule`], its ids and their descriptions, and [`RULES`], from
/// one table: a rule's id is written nowhere else.
macro_rules! rules {
    ($($variant:ident = $id:literal: $what:literal,)*) => {
        /// A rule of `errcat check`. Each has a stable kebab-case id
        /// ([`Rule::id`]), which findings carry as [`Diagnostic::rule`] and
        /// tools may match on, and a description ([`Rule::what`]).
        ///
        /// ```
        /// use errcat::tooling::{Rule, RULES};
        /// assert_eq!(Rule::Stale.id(), "stale");
        /// assert_eq!(Rule::from_id("duplicate-id"), Some(Rule::DuplicateId));
        /// assert_eq!(RULES.len(), Rule::ALL.len());
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Rule {
            $(
                #[doc = concat!("`", $id, "`: ", $what, ".")]
                $variant,
            )*
        }

        impl Rule {
            /// Every rule, in the order of [`RULES`].
            ///
            /// ```
            /// assert_eq!(errcat::tooling::Rule::ALL[0].id(), "invalid-utf8");
            /// ```
            pub const ALL: &'static [Rule] = &[$(Rule::$variant,)*];

            /// The rule's stable id, as findings carry it: `missing-message`.
            ///
            /// ```
            /// assert_eq!(errcat::tooling::Rule::MissingMessage.id(), "missing-message");
            /// ```
            pub const fn id(self) -> &'static str {
                match self {
                    $(Rule::$variant => $id,)*
                }
            }

            /// What the rule finds, in one line.
            ///
            /// ```
            /// let what = errcat::tooling::Rule::DuplicateId.what();
            /// assert_eq!(what, "a message id defined twice in one file");
            /// ```
            pub const fn what(self) -> &'static str {
                match self {
                    $(Rule::$variant => $what,)*
                }
            }

            /// The rule whose id is `id`, if there is one.
            ///
            /// ```
            /// use errcat::tooling::Rule;
            /// assert_eq!(Rule::from_id("syntax"), Some(Rule::Syntax));
            /// assert_eq!(Rule::from_id("Syntax"), None);
            /// ```
            pub fn from_id(id: &str) -> Option<Rule> {
                Rule::ALL.iter().copied().find(|rule| rule.id() == id)
            }
        }

        /// Every rule `check` applies, with what it finds, as
        /// `(id, description)`: [`Rule::ALL`] as strings. The ids are
        /// stable: tools may match on them.
        ///
        /// ```
        /// assert!(errcat::tooling::RULES.iter().any(|(id, _)| *id == "missing-message"));
        /// ```
        pub const RULES: &[(&str, &str)] = &[$(($id, $what),)*];
    };
}

rules! {
    InvalidUtf8 = "invalid-utf8": "the file is not valid UTF-8 (the byte offset is given)",
    Syntax = "syntax": "Fluent syntax error, with the parser's reason",
    LocaleName = "locale-name": "a locale folder whose name is not a canonical locale tag",
    UnknownFile = "unknown-file": "an .ftl file that names no catalog (warning)",
    Io = "io": "a file or folder that cannot be read",
    DuplicateId = "duplicate-id": "a message id defined twice in one file",
    MissingMessage = "missing-message": "messages the registry requires that the file lacks",
    UnknownId = "unknown-id": "a message id the registry does not know: a typo, or an obsolete message",
    MissingValue = "missing-value": "a code's message without its explanation (the value)",
    MissingAttribute = "missing-attribute": "an attribute (.title, .hint) the reference locale has and this one lacks",
    ExtraAttribute = "extra-attribute": "an attribute the reference locale does not have",
    Variables = "variables": "$variables that differ from the reference's (missing, extra, misspelled)",
    UnknownVariable = "unknown-variable": "a $variable in the reference locale that the registry does not offer for the code (each code's variables are in its documentation)",
    UnresolvedReference = "unresolved-reference": "a message or term reference that resolves to nothing",
    PluralCategories = "plural-categories": "a plural select lacking one of the locale's CLDR categories",
    UnknownPluralCategory = "unknown-plural-category": "a variant key of a plural select that is not one of the locale's CLDR categories: a misspelling, or a category the language does not use",
    EmptyValue = "empty-value": "a value or attribute with no text",
    TooLong = "too-long": "a message that can format to more than 64 KiB once its term and message references are expanded",
    IdenticalToEnglish = "identical-to-english": "text identical to the English (warning: likely untranslated)",
    BidiControl = "bidi-control": "a bidirectional control character (U+202A–U+202E, U+2066–U+2069)",
    ControlCharacter = "control-character": "a control character (C0 but tab and line breaks, DEL, C1), in the file or in the text a string literal's escapes produce",
    ReplacementCharacter = "replacement-character": "U+FFFD, the mark of text damaged by an encoding error",
    Stale = "stale": "the English text changed since this translation was stamped (warning)",
}

impl fmt::Display for Rule {
    /// The rule's id.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

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
/// let unknown_id = errcat::tooling::Rule::UnknownId;
/// let d = report.diagnostics.iter().find(|d| d.rule == unknown_id.id()).unwrap();
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
    /// The rule that found it: a [`Rule`]'s stable kebab-case id, such as
    /// `syntax`.
    pub rule: &'static str,
    /// What is wrong, in one line.
    pub message: String,
}

impl Diagnostic {
    /// A finding at byte `offset` of `text`, the file's raw bytes.
    pub fn at_offset(
        path: &str,
        text: &[u8],
        offset: usize,
        severity: Severity,
        rule: Rule,
        message: String,
    ) -> Diagnostic {
        let (line, column) = line_col(text, offset);
        Diagnostic {
            path: path.to_owned(),
            line,
            column,
            severity,
            rule: rule.id(),
            message,
        }
    }
}

/// A message on one line: control characters (some parser messages hold
/// line breaks) written as escapes, `\n` for a line feed.
pub fn one_line(message: &str) -> String {
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
pub fn file_problem(path: &str, rule: Rule, message: String) -> Diagnostic {
    Diagnostic {
        path: path.to_owned(),
        line: 1,
        column: 1,
        severity: Severity::Error,
        rule: rule.id(),
        message,
    }
}

/// The finding about a locale folder whose name is not a canonical locale
/// tag (or not even UTF-8), in the one wording the loader and the checker
/// share. `folder` is shown as `{:?}` shows it: a name that is not UTF-8
/// keeps its bytes as `\xFF` escapes.
pub fn locale_name_problem(path: &str, folder: &impl fmt::Debug) -> Diagnostic {
    file_problem(
        path,
        Rule::LocaleName,
        format!(
            "folder {folder:?} is not a canonical locale name such as kk or pt-BR; its files are not loaded"
        ),
    )
}

/// The finding about a message defined a second time in one file, at the
/// line of the second definition; the first one is served. The loader and
/// the checker both raise it through here, in one wording.
pub fn duplicate_id_problem(path: &str, line: usize, id: &str) -> Diagnostic {
    Diagnostic {
        path: path.to_owned(),
        line,
        column: 1,
        severity: Severity::Error,
        rule: Rule::DuplicateId.id(),
        message: format!("{id} is defined again here; only the first definition is used"),
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
pub fn line_col(text: &[u8], offset: usize) -> (usize, usize) {
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
