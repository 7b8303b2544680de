//! The one error type of the library. Every message names the input that
//! caused it, quoted and escaped, so it fits on one line whatever the input;
//! the error's fields hold that input as given.

use std::fmt;
use std::sync::OnceLock;

use crate::catalog::Catalog;
use crate::code::{CatalogId, Code};
use crate::fallback::FallbackChain;

/// Why a lookup could not be answered.
///
/// Each message names the offending input, escaped (control characters,
/// quotes and non-printing characters are shown as escapes) and shortened to
/// its first 64 characters, so an error is always one readable line. The
/// fields hold the input as given, without quotes or escapes, for programs
/// that show it their own way.
///
/// ```
/// fn code(text: &str) -> Result<errcat::Code, errcat::Error> {
///     Ok(text.parse()?)
/// }
/// assert!(code("planfix:1000").is_ok());
/// assert!(matches!(code("planfix:"), Err(errcat::Error::InvalidCode { .. })));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// The code is not of the form `<catalog>:<number>`, `<catalog>:<name>`
    /// or a bare number.
    ///
    /// ```
    /// let err = errcat::Catalog::embedded().explain("planfix:", "en").unwrap_err();
    /// assert!(matches!(err, errcat::Error::InvalidCode { .. }));
    /// assert_eq!(err.to_string(), r#"invalid code "planfix:": expected <catalog>:<number> or <catalog>:<name>, e.g. planfix:1000"#);
    /// ```
    InvalidCode {
        /// The code as given; the message quotes, escapes and shortens it.
        input: String,
    },

    /// The catalog part of the code names no catalog.
    ///
    /// ```
    /// let err = errcat::Catalog::embedded().explain("jira:1", "en").unwrap_err();
    /// assert!(matches!(err, errcat::Error::UnknownCatalog { .. }));
    /// assert_eq!(err.to_string(), r#"unknown catalog "jira" in "jira:1": known catalogs are mobizon, planfix, mobizon-recipient"#);
    ///
    /// let err = errcat::Catalog::embedded().explain("planfx:1000", "en").unwrap_err();
    /// assert!(matches!(err, errcat::Error::UnknownCatalog { suggestion: Some(errcat::CatalogId::Planfix), .. }));
    /// assert!(err.to_string().ends_with("; did you mean planfix?"));
    /// ```
    #[non_exhaustive]
    UnknownCatalog {
        /// The code as given.
        input: String,
        /// The catalog part, as given.
        catalog: String,
        /// The catalog whose id is closest to the one given, if one is close.
        suggestion: Option<CatalogId>,
    },

    /// The catalog exists but has no such number or name.
    ///
    /// ```
    /// let err = errcat::Catalog::embedded().explain("planfix:4242", "en").unwrap_err();
    /// assert!(matches!(err, errcat::Error::UnknownCode { .. }));
    /// assert_eq!(err.to_string(), r#"unknown code "planfix:4242": catalog planfix has no such code"#);
    ///
    /// let err = errcat::Catalog::embedded().explain("planfix:task-not-fund", "en").unwrap_err();
    /// assert!(matches!(err, errcat::Error::UnknownCode { suggestion: Some(errcat::planfix::TASK_NOT_FOUND), .. }));
    /// assert!(err.to_string().ends_with("; did you mean planfix:task-not-found?"));
    /// ```
    #[non_exhaustive]
    UnknownCode {
        /// The code as given.
        input: String,
        /// The catalog that was searched.
        catalog: CatalogId,
        /// The code whose name is closest to the one given, if one is close.
        suggestion: Option<Code>,
    },

    /// A bare number that more than one catalog has: the catalog must be
    /// named.
    ///
    /// ```
    /// let err = errcat::Catalog::embedded().explain("1", "en").unwrap_err();
    /// assert!(matches!(err, errcat::Error::AmbiguousCode { ref candidates, .. } if candidates.len() == 3));
    /// assert_eq!(err.to_string(), r#"ambiguous code "1": mobizon:1, planfix:1 or mobizon-recipient:1"#);
    /// // A number only one catalog has needs no catalog:
    /// assert_eq!(errcat::Catalog::embedded().explain("1000", "en")?.code(), Some(errcat::planfix::TASK_NOT_FOUND));
    /// # Ok::<(), errcat::Error>(())
    /// ```
    AmbiguousCode {
        /// The code as given.
        input: String,
        /// Every code with that number, in catalog order.
        candidates: Vec<Code>,
    },

    /// A bare number (no catalog named) that no catalog has: a well-formed
    /// code that does not exist, as [`Error::UnknownCode`] is for a code
    /// whose catalog is named.
    ///
    /// ```
    /// let err = errcat::Catalog::embedded().explain("4242", "en").unwrap_err();
    /// assert!(matches!(err, errcat::Error::UnknownNumber { ref input } if input == "4242"));
    /// assert_eq!(err.to_string(), r#"unknown code "4242": no catalog has such a number"#);
    /// ```
    UnknownNumber {
        /// The code as given.
        input: String,
    },

    /// A kind is not `success`, `accepted`, `partial`, `error` or `unknown`.
    ///
    /// ```
    /// let err = "failure".parse::<errcat::Kind>().unwrap_err();
    /// assert_eq!(err.to_string(), r#"unknown kind "failure": expected success, accepted, partial, error or unknown"#);
    /// ```
    UnknownKind {
        /// The kind as given.
        input: String,
    },

    /// The locale is not a BCP 47 or POSIX locale name.
    ///
    /// ```
    /// let err = errcat::Catalog::embedded().explain("planfix:1000", "../..").unwrap_err();
    /// assert!(matches!(err, errcat::Error::InvalidLocale { .. }));
    /// assert_eq!(err.to_string(), r#"invalid locale "../..": expected a language tag such as kk, kk-KZ or kk_KZ.UTF-8"#);
    /// ```
    InvalidLocale {
        /// The locale as given.
        input: String,
    },

    /// A raw API response is not JSON.
    ///
    /// ```
    /// let err = errcat::ApiResponse::parse("{oops}", None).unwrap_err();
    /// assert!(matches!(err, errcat::Error::InvalidJson { line: 1, column: 2, .. }));
    /// assert_eq!(err.to_string(), "invalid JSON at line 1, column 2: an object's key must be a string in double quotes");
    /// // The parser's own English is kept for programs, not shown:
    /// assert!(matches!(err, errcat::Error::InvalidJson { ref message, .. } if message == "key must be a string"));
    /// ```
    InvalidJson {
        /// 1-based line of the error.
        line: usize,
        /// 1-based column of the error.
        column: usize,
        /// What the JSON parser said, in English, without the position.
        /// The message does not quote it: it says the reason in its own
        /// words (in the reader's language with
        /// [`Catalog::display_error`](crate::Catalog::display_error)).
        message: String,
    },

    /// A raw API response is JSON but carries no usable code.
    ///
    /// ```
    /// use errcat::{Error, ResponseProblem};
    /// let err = errcat::ApiResponse::parse(r#"{"code": -1}"#, None).unwrap_err();
    /// assert!(matches!(err, Error::InvalidResponse { problem: ResponseProblem::BadCode { .. } }));
    /// assert_eq!(err.to_string(), "invalid response: `code` must be a code number from 0 to 4294967295, got -1");
    /// ```
    InvalidResponse {
        /// What is wrong or missing.
        problem: ResponseProblem,
    },

    /// A file or folder could not be read or written: a locales folder
    /// that cannot be read at all, a locale folder that already exists, an
    /// index that cannot be written.
    ///
    /// ```
    /// let err = errcat::Catalog::from_dir("/no/such/folder").err().unwrap();
    /// assert!(matches!(err, errcat::Error::Io { .. }));
    /// assert!(err.to_string().starts_with("/no/such/folder: cannot read the locales folder: "));
    /// ```
    Io {
        /// The file or folder.
        path: String,
        /// What the operating system said.
        message: String,
    },

    /// No locale of the chain has text for the code: possible only with a
    /// catalog loaded from a folder whose reference locale (`en`) lacks it.
    NoText {
        /// The code, as `catalog:number`.
        code: String,
        /// The requested locale.
        requested: String,
    },

    /// [`export_all`](crate::tooling::export_all) cannot carry an extra message's
    /// text as a template: with the number (or the server's text) filled in
    /// where `{$number}` (or `{$message}`) stands, it is not the library's
    /// own text, as when the words change with the number (a select on
    /// `$number`). Possible only with a catalog loaded from a folder.
    ///
    /// ```
    /// let err = errcat::Error::Unexportable {
    ///     code: "planfix:unknown-code".into(),
    ///     locale: "ru".into(),
    ///     number: "21".into(),
    /// };
    /// assert_eq!(err.to_string(), "cannot export planfix:unknown-code in ru: its text for number 21 is not its template with the number filled in (a select on $number?)");
    /// ```
    Unexportable {
        /// The extra message, as `catalog:name`.
        code: String,
        /// The locale of the text.
        locale: String,
        /// The number whose text differs, as the library writes it.
        number: String,
    },
}

/// What makes a JSON response unusable: the reason of an
/// [`Error::InvalidResponse`], as data, so that a front-end can say it in
/// its user's language (see [`Catalog::display_error`](crate::Catalog::display_error)).
///
/// ```
/// use errcat::{ApiResponse, Error, ResponseProblem};
/// let err = ApiResponse::parse("[1, 2]", None).unwrap_err();
/// assert_eq!(err, Error::InvalidResponse { problem: ResponseProblem::NotAnObject { got: "array" } });
/// assert_eq!(err.to_string(), "invalid response: expected a JSON object, got a value of type array");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ResponseProblem {
    /// The JSON is not an object.
    NotAnObject {
        /// The JSON type it is: `array`, `string`, `number`, `boolean` or
        /// `null`.
        got: &'static str,
    },
    /// The object has no `code` field at all.
    NoCode,
    /// The object has a code, but nothing else says which API sent it:
    /// Mobizon sends `data` and `message` beside its `code`, Planfix
    /// `result` and `error`.
    Ambiguous {
        /// The code the object carries.
        number: u32,
    },
    /// A client wrapped the API's response in another object
    /// (`{"response": {"code": …}}`).
    Wrapped {
        /// The wrapping field, as given; the message quotes and escapes it.
        key: String,
    },
    /// The object has the keys of two APIs at once.
    Mixed,
    /// The catalog was named, and the object has a key only another API
    /// sends.
    NotFromCatalog {
        /// The catalog named.
        catalog: CatalogId,
        /// The key that belongs to another API.
        field: &'static str,
    },
    /// The catalog was named, and the object lacks its code field.
    NoCodeField {
        /// The field the catalog's responses carry: `code`.
        field: &'static str,
        /// The catalog named.
        catalog: CatalogId,
    },
    /// The code field holds something other than a number from 0 to
    /// `u32::MAX` (or such a number as a string).
    ///
    /// ```
    /// use errcat::{ApiResponse, Error, ResponseProblem};
    /// let err = ApiResponse::parse(r#"{"code": "abc", "data": []}"#, None).unwrap_err();
    /// let Error::InvalidResponse { problem: ResponseProblem::BadCode { ref got, .. } } = err else { panic!() };
    /// assert_eq!(got, r#""abc""#);
    /// assert!(err.to_string().ends_with(r#"got "abc""#));
    /// ```
    BadCode {
        /// The field: `code`.
        field: &'static str,
        /// Its value as compact JSON (`-1`, `"abc"`, `null`); the message
        /// shortens it and escapes what JSON leaves unescaped.
        got: String,
    },
}

impl Error {
    /// The error's kind as a stable, kebab-case id, for programs that
    /// branch on it or pass it on (the HTTP service's `error.kind`, a
    /// front-end's own message table): `invalid-code`, `unknown-catalog`,
    /// `unknown-code` (a code, or a bare number, that no catalog has),
    /// `ambiguous-code`, `unknown-kind`, `invalid-locale`, `invalid-json`,
    /// `invalid-response`, `io`, `no-text`, `unexportable`. An id never
    /// changes meaning; a new kind of error gets a new id.
    ///
    /// ```
    /// let catalog = errcat::Catalog::embedded();
    /// assert_eq!(catalog.explain("planfix:4242", "en").unwrap_err().kind(), "unknown-code");
    /// assert_eq!(catalog.explain("1", "en").unwrap_err().kind(), "ambiguous-code");
    /// assert_eq!(catalog.explain("planfix:1000", "..").unwrap_err().kind(), "invalid-locale");
    /// ```
    pub fn kind(&self) -> &'static str {
        match self {
            Error::InvalidCode { .. } => "invalid-code",
            Error::UnknownCatalog { .. } => "unknown-catalog",
            Error::UnknownCode { .. } | Error::UnknownNumber { .. } => "unknown-code",
            Error::AmbiguousCode { .. } => "ambiguous-code",
            Error::UnknownKind { .. } => "unknown-kind",
            Error::InvalidLocale { .. } => "invalid-locale",
            Error::InvalidJson { .. } => "invalid-json",
            Error::InvalidResponse { .. } => "invalid-response",
            Error::Io { .. } => "io",
            Error::NoText { .. } => "no-text",
            Error::Unexportable { .. } => "unexportable",
        }
    }
}

/// An error serializes (serde) as the HTTP service writes its `error`
/// object: `{"kind": …, "message": …}`, the [`kind`](Error::kind) and the
/// English message. For the message in a user's language, serialize
/// [`Catalog::display_error`]'s text yourself.
///
/// ```
/// let err = errcat::Catalog::embedded().explain("planfix:4242", "en").unwrap_err();
/// assert_eq!(
///     serde_json::to_value(&err).unwrap(),
///     serde_json::json!({
///         "kind": "unknown-code",
///         "message": "unknown code \"planfix:4242\": catalog planfix has no such code",
///     }),
/// );
/// ```
impl serde::Serialize for Error {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Error", 2)?;
        s.serialize_field("kind", self.kind())?;
        s.serialize_field("message", &self.to_string())?;
        s.end()
    }
}

impl fmt::Display for Error {
    /// The error in English: what [`Catalog::display_error`] says with an
    /// `en` chain, from `locales/en/errcat.ftl` (the one place errcat's
    /// English words are written), so the message and its translations
    /// cannot drift apart.
    ///
    /// ```
    /// let catalog = errcat::Catalog::embedded();
    /// let err = catalog.explain("planfix:4242", "en").unwrap_err();
    /// let en = catalog.chain("en")?;
    /// assert_eq!(err.to_string(), catalog.display_error(&err, &en).to_string());
    /// # Ok::<(), errcat::Error>(())
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&Catalog::embedded().display_error(self, english()), f)
    }
}

/// No error of errcat's wraps another: each carries the words of its cause
/// (serde_json's, the operating system's) as text.
impl std::error::Error for Error {}

impl fmt::Display for ResponseProblem {
    /// The problem in English, from `locales/en/errcat.ftl`, as
    /// [`Error::InvalidResponse`] shows it after `invalid response: `.
    ///
    /// ```
    /// let problem = errcat::ResponseProblem::NoCode;
    /// assert_eq!(problem.to_string(), "no `code` field");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::localized::problem(
            Catalog::embedded(),
            english(),
            self,
        ))
    }
}

/// A [`ResponseProblem`] is not an error of its own, but a program may
/// report it as the cause of its own error.
impl std::error::Error for ResponseProblem {}

/// The chain of `en` in the embedded catalog: the language of `Display`.
fn english() -> &'static FallbackChain {
    static EN: OnceLock<FallbackChain> = OnceLock::new();
    EN.get_or_init(|| Catalog::embedded().english_chain())
}

/// serde_json's descriptions of a syntax error, by their start, and the
/// keyword the `invalid-json` phrase says each in the reader's language by.
const JSON_REASONS: [(&str, &str); 16] = [
    ("EOF while parsing", "eof"),
    ("expected `:`", "colon"),
    ("expected `,` or", "comma"),
    ("trailing comma", "trailing-comma"),
    ("trailing characters", "trailing"),
    ("key must be", "key"),
    ("invalid number", "number"),
    ("number out of range", "number"),
    ("control character", "string"),
    ("invalid escape", "string"),
    ("invalid unicode code point", "string"),
    ("lone leading surrogate", "string"),
    ("unexpected end of hex escape", "string"),
    ("recursion limit exceeded", "deep"),
    ("expected value", "value"),
    ("expected ident", "value"),
];

/// The reason keyword of [`Error::InvalidJson`]'s message: `other` for a
/// description serde_json did not give (or words of a newer serde_json),
/// which the phrase says as "not JSON" rather than quote in English.
pub(crate) fn json_reason(message: &str) -> &'static str {
    JSON_REASONS
        .iter()
        .find(|(start, _)| message.starts_with(start))
        .map_or("other", |&(_, reason)| reason)
}

/// `a`, `a <or> b`, `a, b <or> c`: a list of choices, with the word for
/// "or" in the reader's language.
pub(crate) fn listed<T: fmt::Display>(items: &[T], or: &str) -> String {
    let shown: Vec<String> = items.iter().map(ToString::to_string).collect();
    match shown.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} {or} {last}", rest.join(", ")),
        _ => shown.concat(),
    }
}

/// `mobizon, planfix`: every catalog errcat has.
pub(crate) fn known_catalogs() -> String {
    CatalogId::ALL.map(CatalogId::as_str).join(", ")
}

/// A code shown by its name, as the user typed a name.
pub(crate) struct Named(pub(crate) Code);

impl fmt::Display for Named {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.0.catalog(), self.0.name())
    }
}

/// How many characters of an offending input an error message repeats.
const SHOWN_CHARS: usize = 64;

/// A JSON text as error messages show it: as it is, already quoted where
/// it is a string, with the characters JSON leaves unescaped (DEL, C1
/// controls, bidi controls) escaped, and shortened as [`shown`] shortens.
pub(crate) fn shown_json(json: &str) -> String {
    let mut chars = json.chars();
    let mut out = String::new();
    for c in chars.by_ref().take(SHOWN_CHARS) {
        if c.is_control()
            || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    if chars.next().is_some() {
        out.push_str(&format!("… ({} bytes)", json.len()));
    }
    out
}

/// Quotes and escapes `input` for an error message, keeping it to one line
/// and a readable length.
pub(crate) fn shown(input: &str) -> String {
    let mut chars = input.chars();
    let head: String = chars.by_ref().take(SHOWN_CHARS).collect();
    let mut out = format!("{:?}", head);
    if chars.next().is_some() {
        out.push_str(&format!("… ({} bytes)", input.len()));
    }
    out
}
