//! errcat's own words: the phrases its front-ends (the CLI, the HTML index)
//! say around the catalogs' texts, such as "server said", a kind's name or
//! the HTML index's heading.
//!
//! They are one more Fluent file per locale, `locales/<lang>/errcat.ftl`,
//! translated, checked and loaded like the catalogs' files and served
//! along the same chains (see `Catalog::phrase`). This module only names
//! them, for the table builder and for errcat (`errcat::tooling::Phrase`).

/// The name of errcat's own file in each locale folder: `errcat.ftl`.
pub const FILE: &str = "errcat";

/// One of errcat's own phrases, as a message of `locales/<lang>/errcat.ftl`.
///
/// Front-ends show them with `errcat::Catalog::phrase`
/// in the user's language, with the same fallback as the codes' texts.
///
/// ```
/// use errcat::{Catalog, tooling::Phrase};
/// let catalog = Catalog::embedded();
/// let chain = catalog.chain("uk")?;
/// assert_eq!(catalog.phrase(Phrase::ServerSaid, &chain), "Сервер відповів");
/// assert_eq!(Phrase::ServerSaid.id(), "server-said");
/// # Ok::<(), errcat::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Phrase {
    /// The language's name in itself: `Русский`, `Қазақша`.
    LanguageName,
    /// Under a text that fell back: `$requested` and `$language` are the
    /// names of the language asked for and of the one that answered.
    FallbackNote,
    /// Before the server's own message in a response.
    ServerSaid,
    /// Before a Planfix response's `Result` field.
    ResultField,
    /// Before a Mobizon response's `data` field.
    DataField,
    /// The kind `success`.
    KindSuccess,
    /// The kind `accepted`.
    KindAccepted,
    /// The kind `partial`.
    KindPartial,
    /// The kind `error`.
    KindError,
    /// The kind `unknown`.
    KindUnknown,
    /// A code the API no longer returns.
    Retired,
    /// `errcat check`'s coverage table: the locale column.
    CheckLocale,
    /// The column of messages required.
    CheckRequired,
    /// The column of messages translated.
    CheckTranslated,
    /// The column of messages missing.
    CheckMissing,
    /// The column of errors.
    CheckErrors,
    /// The column of warnings.
    CheckWarnings,
    /// A search without hits; `$query` is what was searched for.
    NoMatch,
    /// `errcat check` found errors.
    CheckFailed,
    /// A code its catalog lacks; `$code` is the code as given, `$catalog`
    /// the catalog searched.
    UnknownCode,
    /// A bare number no catalog has; `$code` is the code as given.
    UnknownNumber,
    /// After an error, the nearest right name; `$suggestion` is that name.
    DidYouMean,
    /// A locale that is not one; `$locale` is the locale as given.
    InvalidLocale,
    /// Between the last two of a list of choices: `a, b or c`.
    Or,
    /// A code that is not `<catalog>:<number>`, `<catalog>:<name>` or a number; `$code` is the code as given.
    InvalidCode,
    /// A catalog errcat does not have: `$catalog` as given, in `$code`; `$known` lists the catalogs.
    UnknownCatalog,
    /// A bare number more than one catalog has; `$candidates` lists the codes.
    AmbiguousCode,
    /// A kind that is none of the five; `$kind` as given.
    UnknownKind,
    /// A response that is not JSON, at `$line` and `$column`; `$reason` is
    /// a keyword for why (`eof`, `trailing`, `key`, … `other`) to select on.
    InvalidJson,
    /// A response that is JSON but carries no code; `$problem` is one of the four `Response…` phrases.
    InvalidResponse,
    /// The response is not a JSON object; `$type` is its JSON type.
    ResponseNotAnObject,
    /// The response has neither `code` nor `Code`.
    ResponseNoCode,
    /// The response lacks `$field`, the code field of `$catalog`.
    ResponseNoCodeField,
    /// The code field `$field` holds `$value`, not a number from 0 to `$max`.
    ResponseBadCode,
    /// The response's keys do not say which API sent code `$number`.
    ResponseAmbiguous,
    /// A client wrapped the response in the field `$key`.
    ResponseWrapped,
    /// The response has the keys of two APIs.
    ResponseMixed,
    /// The field `$field` shows the response is not from `$catalog`.
    ResponseNotFromCatalog,
    /// Before a per-recipient answer's results: `$added` recipients were
    /// added and `$refused` refused.
    RecipientsSummary,
    /// No locale of the chain has a text for `$code`; `$locale` was asked for.
    NoText,
    /// Output that cannot be written; `$reason` is the system's.
    CannotWriteOutput,
    /// A response that cannot be read from stdin; `$reason` is the system's.
    CannotReadStdin,
    /// A file written: `$path`.
    Wrote,
    /// A file created: `$path`.
    Created,
    /// `$count` messages of the locale folder `$folder` stamped as following the current English.
    Stamped,
    /// The HTML index's heading, which also starts the page's title.
    IndexHeading,
    /// The HTML index's line under its heading: what the page is for.
    IndexLead,
    /// The label of the HTML index's search box.
    IndexSearch,
    /// The text inside the HTML index's empty search box.
    IndexSearchPlaceholder,
    /// The label of the HTML index's language switcher.
    IndexLanguage,
    /// Before the number of codes the HTML index shows.
    IndexCodes,
    /// The heading of the HTML index's table of contents.
    IndexContents,
    /// Shown instead of the codes when the HTML index's search matches none.
    IndexNoResults,
    /// `export --all` of an unknown-code text `$code` in `$locale` whose
    /// wording changes with the number (`$number` shows it).
    Unexportable,
}

impl Phrase {
    /// Every phrase, in the order of `errcat.ftl`.
    ///
    /// ```
    /// assert_eq!(errcat::tooling::Phrase::ALL[0], errcat::tooling::Phrase::LanguageName);
    /// ```
    pub const ALL: [Phrase; 54] = [
        Phrase::LanguageName,
        Phrase::FallbackNote,
        Phrase::ServerSaid,
        Phrase::ResultField,
        Phrase::DataField,
        Phrase::KindSuccess,
        Phrase::KindAccepted,
        Phrase::KindPartial,
        Phrase::KindError,
        Phrase::KindUnknown,
        Phrase::Retired,
        Phrase::CheckLocale,
        Phrase::CheckRequired,
        Phrase::CheckTranslated,
        Phrase::CheckMissing,
        Phrase::CheckErrors,
        Phrase::CheckWarnings,
        Phrase::NoMatch,
        Phrase::CheckFailed,
        Phrase::UnknownCode,
        Phrase::UnknownNumber,
        Phrase::DidYouMean,
        Phrase::InvalidLocale,
        Phrase::Or,
        Phrase::InvalidCode,
        Phrase::UnknownCatalog,
        Phrase::AmbiguousCode,
        Phrase::UnknownKind,
        Phrase::InvalidJson,
        Phrase::InvalidResponse,
        Phrase::ResponseNotAnObject,
        Phrase::ResponseNoCode,
        Phrase::ResponseNoCodeField,
        Phrase::ResponseBadCode,
        Phrase::ResponseAmbiguous,
        Phrase::ResponseWrapped,
        Phrase::ResponseMixed,
        Phrase::ResponseNotFromCatalog,
        Phrase::RecipientsSummary,
        Phrase::NoText,
        Phrase::CannotWriteOutput,
        Phrase::CannotReadStdin,
        Phrase::Wrote,
        Phrase::Created,
        Phrase::Stamped,
        Phrase::IndexHeading,
        Phrase::IndexLead,
        Phrase::IndexSearch,
        Phrase::IndexSearchPlaceholder,
        Phrase::IndexLanguage,
        Phrase::IndexCodes,
        Phrase::IndexContents,
        Phrase::IndexNoResults,
        Phrase::Unexportable,
    ];

    /// The phrase's message id in `errcat.ftl`.
    ///
    /// ```
    /// assert_eq!(errcat::tooling::Phrase::KindError.id(), "kind-error");
    /// ```
    pub const fn id(self) -> &'static str {
        match self {
            Phrase::LanguageName => "language-name",
            Phrase::FallbackNote => "fallback-note",
            Phrase::ServerSaid => "server-said",
            Phrase::ResultField => "result-field",
            Phrase::DataField => "data-field",
            Phrase::KindSuccess => "kind-success",
            Phrase::KindAccepted => "kind-accepted",
            Phrase::KindPartial => "kind-partial",
            Phrase::KindError => "kind-error",
            Phrase::KindUnknown => "kind-unknown",
            Phrase::Retired => "retired",
            Phrase::CheckLocale => "check-locale",
            Phrase::CheckRequired => "check-required",
            Phrase::CheckTranslated => "check-translated",
            Phrase::CheckMissing => "check-missing",
            Phrase::CheckErrors => "check-errors",
            Phrase::CheckWarnings => "check-warnings",
            Phrase::NoMatch => "no-match",
            Phrase::CheckFailed => "check-failed",
            Phrase::UnknownCode => "unknown-code",
            Phrase::UnknownNumber => "unknown-number",
            Phrase::DidYouMean => "did-you-mean",
            Phrase::InvalidLocale => "invalid-locale",
            Phrase::Or => "or",
            Phrase::InvalidCode => "invalid-code",
            Phrase::UnknownCatalog => "unknown-catalog",
            Phrase::AmbiguousCode => "ambiguous-code",
            Phrase::UnknownKind => "unknown-kind",
            Phrase::InvalidJson => "invalid-json",
            Phrase::InvalidResponse => "invalid-response",
            Phrase::ResponseNotAnObject => "response-not-object",
            Phrase::ResponseNoCode => "response-no-code",
            Phrase::ResponseNoCodeField => "response-no-code-field",
            Phrase::ResponseBadCode => "response-bad-code",
            Phrase::ResponseAmbiguous => "response-ambiguous",
            Phrase::ResponseWrapped => "response-wrapped",
            Phrase::ResponseMixed => "response-mixed",
            Phrase::ResponseNotFromCatalog => "response-not-from-catalog",
            Phrase::RecipientsSummary => "recipients-summary",
            Phrase::NoText => "no-text",
            Phrase::CannotWriteOutput => "cannot-write-output",
            Phrase::CannotReadStdin => "cannot-read-stdin",
            Phrase::Wrote => "wrote",
            Phrase::Created => "created",
            Phrase::Stamped => "stamped",
            Phrase::IndexHeading => "index-heading",
            Phrase::IndexLead => "index-lead",
            Phrase::IndexSearch => "index-search",
            Phrase::IndexSearchPlaceholder => "index-search-placeholder",
            Phrase::IndexLanguage => "index-language",
            Phrase::IndexCodes => "index-codes",
            Phrase::IndexContents => "index-contents",
            Phrase::IndexNoResults => "index-no-results",
            Phrase::Unexportable => "unexportable",
        }
    }

    /// The `$variables` the phrase's text may use; a lookup gives them.
    ///
    /// ```
    /// assert_eq!(errcat::tooling::Phrase::FallbackNote.variables(), ["requested", "language"]);
    /// ```
    pub const fn variables(self) -> &'static [&'static str] {
        match self {
            Phrase::FallbackNote => &["requested", "language"],
            Phrase::NoMatch => &["query"],
            Phrase::UnknownCode => &["code", "catalog"],
            Phrase::UnknownNumber => &["code"],
            Phrase::DidYouMean => &["suggestion"],
            Phrase::InvalidLocale => &["locale"],
            Phrase::InvalidCode => &["code"],
            Phrase::UnknownCatalog => &["catalog", "code", "known"],
            Phrase::AmbiguousCode => &["code", "candidates"],
            Phrase::UnknownKind => &["kind"],
            Phrase::InvalidJson => &["line", "column", "reason"],
            Phrase::InvalidResponse => &["problem"],
            Phrase::ResponseNotAnObject => &["type"],
            Phrase::ResponseNoCodeField => &["field", "catalog"],
            Phrase::ResponseBadCode => &["field", "max", "value"],
            Phrase::ResponseAmbiguous => &["number"],
            Phrase::ResponseWrapped => &["key"],
            Phrase::ResponseNotFromCatalog => &["field", "catalog"],
            Phrase::RecipientsSummary => &["added", "refused"],
            Phrase::NoText => &["code", "locale"],
            Phrase::CannotWriteOutput => &["reason"],
            Phrase::CannotReadStdin => &["reason"],
            Phrase::Wrote => &["path"],
            Phrase::Created => &["path"],
            Phrase::Stamped => &["count", "folder"],
            Phrase::Unexportable => &["code", "locale", "number"],
            _ => &[],
        }
    }

    /// The position of the phrase in [`ALL`](Self::ALL).
    pub const fn index(self) -> usize {
        // The variants are declared in the order of `ALL`.
        self as usize
    }
}
