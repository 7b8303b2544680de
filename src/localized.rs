//! Showing a code, or an error of errcat's, in a user's language wherever
//! Rust formats text: `Display` adapters over a catalog, the thing shown
//! and a chain, for `format!`, `tracing` fields and `thiserror`'s
//! `#[error(...)]`.
//!
//! They look the text up each time they are formatted and own nothing; a
//! code's adapter allocates nothing for plain messages.

use std::fmt;

use crate::args::Args;
use crate::catalog::Catalog;
use crate::code::Code;
use crate::error::{
    Error, Named, ResponseProblem, json_reason, known_catalogs, listed, shown, shown_json,
};
use crate::fallback::FallbackChain;
use crate::phrase::Phrase;

/// A code shown in the language of a chain: `{}` writes its title, `{:#}`
/// its title, explanation and hint. Made by [`Catalog::display`].
///
/// ```
/// use errcat::{Catalog, planfix};
/// let catalog = Catalog::embedded();
/// let chain = catalog.chain("ru")?;
/// assert_eq!(catalog.display(planfix::TASK_NOT_FOUND, &chain).to_string(), "Задача не найдена");
/// let full = format!("{:#}", catalog.display(planfix::TASK_NOT_FOUND, &chain));
/// assert!(full.starts_with("Задача не найдена\n\n"));
/// # Ok::<(), errcat::Error>(())
/// ```
///
/// In an application's error type, with the user's chain chosen once:
///
/// ```
/// use std::sync::OnceLock;
/// use errcat::{Catalog, Code, FallbackChain, planfix};
///
/// fn user_chain() -> &'static FallbackChain {
///     static CHAIN: OnceLock<FallbackChain> = OnceLock::new();
///     CHAIN.get_or_init(|| Catalog::embedded().chain_for_accept_language("uk, en;q=0.5"))
/// }
///
/// #[derive(Debug, thiserror::Error)]
/// enum AppError {
///     #[error("{}", Catalog::embedded().display(*.0, user_chain()))]
///     Upstream(Code),
/// }
///
/// assert_eq!(AppError::Upstream(planfix::TASK_NOT_FOUND).to_string(), "Завдання не знайдено");
/// ```
#[derive(Clone, Copy)]
pub struct LocalizedCode<'c> {
    pub(crate) catalog: &'c Catalog,
    pub(crate) code: Code,
    pub(crate) chain: &'c FallbackChain,
}

impl Catalog {
    /// `code` shown in the language of `chain`, for `format!`, logging and
    /// `thiserror`'s `#[error(...)]`: `{}` is the title, `{:#}` the title,
    /// explanation and hint (see [`LocalizedCode`]).
    ///
    /// ```
    /// use errcat::{Catalog, mobizon};
    /// let catalog = Catalog::embedded();
    /// let chain = catalog.chain("en")?;
    /// let shown = catalog.display(mobizon::RATE_LIMIT_EXCEEDED, &chain);
    /// assert_eq!(format!("API error: {shown}"), "API error: Too many requests");
    /// # Ok::<(), errcat::Error>(())
    /// ```
    pub fn display<'c>(&'c self, code: Code, chain: &'c FallbackChain) -> LocalizedCode<'c> {
        LocalizedCode {
            catalog: self,
            code,
            chain,
        }
    }
}

impl fmt::Display for LocalizedCode<'_> {
    /// The lookup's [`Explanation`](crate::Explanation), formatted the same
    /// way; the code itself (`planfix:1000`) if no locale has its text,
    /// which only a folder catalog without an `en` text can cause.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.catalog.lookup(self.code, self.chain) {
            Ok(e) => fmt::Display::fmt(&e, f),
            Err(_) => write!(f, "{}", self.code),
        }
    }
}

impl fmt::Debug for LocalizedCode<'_> {
    /// `LocalizedCode(planfix:1000 in uk: uk → en)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "LocalizedCode({} in {})", self.code, self.chain)
    }
}

/// An [`Error`] told in the language of a chain, in errcat's own words
/// (`locales/<lang>/errcat.ftl`): the same facts as its English
/// `Display`, which it equals for `en`. Made by [`Catalog::display_error`].
///
/// What errcat quotes from elsewhere stays as it was given: the input and,
/// for [`Error::Io`], the path and the operating system's words. The JSON
/// reader's English description of a syntax error is not quoted: its
/// reason is said in the chain's language.
///
/// ```
/// use errcat::Catalog;
/// let catalog = Catalog::embedded();
/// let err = catalog.explain("planfix:4242", "en").unwrap_err();
/// let chain = catalog.chain("uk")?;
/// assert_eq!(
///     catalog.display_error(&err, &chain).to_string(),
///     "невідомий код \"planfix:4242\": у каталозі planfix такого коду немає",
/// );
/// # Ok::<(), errcat::Error>(())
/// ```
#[derive(Clone, Copy)]
pub struct LocalizedError<'c> {
    catalog: &'c Catalog,
    error: &'c Error,
    chain: &'c FallbackChain,
}

impl Catalog {
    /// `error` told in the language of `chain`, for a front-end that speaks
    /// its user's language: the CLI prints its errors this way. See
    /// [`LocalizedError`].
    ///
    /// ```
    /// use errcat::Catalog;
    /// let catalog = Catalog::embedded();
    /// let err = catalog.explain("1", "en").unwrap_err();
    /// let chain = catalog.chain("ru")?;
    /// assert_eq!(
    ///     catalog.display_error(&err, &chain).to_string(),
    ///     "неоднозначный код \"1\": mobizon:1, planfix:1 или mobizon-recipient:1",
    /// );
    /// // In English it is the error's own message.
    /// let en = catalog.chain("en")?;
    /// assert_eq!(catalog.display_error(&err, &en).to_string(), err.to_string());
    /// # Ok::<(), errcat::Error>(())
    /// ```
    pub fn display_error<'c>(
        &'c self,
        error: &'c Error,
        chain: &'c FallbackChain,
    ) -> LocalizedError<'c> {
        LocalizedError {
            catalog: self,
            error,
            chain,
        }
    }
}

impl LocalizedError<'_> {
    fn say(&self, phrase: Phrase, args: &Args<'_>) -> String {
        self.catalog
            .phrase_with_args(phrase, self.chain, args)
            .into_owned()
    }

    /// `; did you mean <suggestion>?` in the chain's language, or nothing.
    fn did_you_mean(&self, suggestion: Option<String>) -> String {
        suggestion.map_or_else(String::new, |s| {
            let args = Args::new().with("suggestion", s);
            format!("; {}", self.say(Phrase::DidYouMean, &args))
        })
    }

    fn line(&self) -> String {
        match self.error {
            Error::InvalidCode { input } => {
                self.say(Phrase::InvalidCode, &Args::new().with("code", shown(input)))
            }
            Error::UnknownNumber { input } => self.say(
                Phrase::UnknownNumber,
                &Args::new().with("code", shown(input)),
            ),
            Error::UnknownCatalog {
                input,
                catalog,
                suggestion,
            } => {
                let args = Args::new()
                    .with("catalog", shown(catalog))
                    .with("code", shown(input))
                    .with("known", known_catalogs());
                let mut line = self.say(Phrase::UnknownCatalog, &args);
                line.push_str(&self.did_you_mean(suggestion.map(|c| c.to_string())));
                line
            }
            Error::UnknownCode {
                input,
                catalog,
                suggestion,
            } => {
                let args = Args::new()
                    .with("code", shown(input))
                    .with("catalog", catalog.as_str());
                let mut line = self.say(Phrase::UnknownCode, &args);
                line.push_str(&self.did_you_mean(suggestion.map(|c| Named(c).to_string())));
                line
            }
            Error::AmbiguousCode { input, candidates } => {
                let or = self.catalog.phrase(Phrase::Or, self.chain);
                let args = Args::new()
                    .with("code", shown(input))
                    .with("candidates", listed(candidates, &or));
                self.say(Phrase::AmbiguousCode, &args)
            }
            Error::UnknownKind { input } => {
                self.say(Phrase::UnknownKind, &Args::new().with("kind", shown(input)))
            }
            Error::InvalidLocale { input } => self.say(
                Phrase::InvalidLocale,
                &Args::new().with("locale", shown(input)),
            ),
            Error::InvalidJson {
                line,
                column,
                message,
            } => self.say(
                Phrase::InvalidJson,
                &Args::new()
                    .with("line", line.to_string())
                    .with("column", column.to_string())
                    .with("reason", json_reason(message)),
            ),
            Error::InvalidResponse { problem: p } => self.say(
                Phrase::InvalidResponse,
                &Args::new().with("problem", problem(self.catalog, self.chain, p)),
            ),
            Error::NoText { code, requested } => self.say(
                Phrase::NoText,
                &Args::new()
                    .with("code", code.as_str())
                    .with("locale", requested.as_str()),
            ),
            Error::Unexportable {
                code,
                locale,
                number,
            } => self.say(
                Phrase::Unexportable,
                &Args::new()
                    .with("code", code.as_str())
                    .with("locale", locale.as_str())
                    .with("number", number.as_str()),
            ),
            // The path and the system's own words: nothing of errcat's.
            Error::Io { path, message } => format!("{path}: {message}"),
        }
    }
}

impl fmt::Display for LocalizedError<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.line())
    }
}

impl fmt::Debug for LocalizedError<'_> {
    /// `LocalizedError(<the English message> in uk: uk → en)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "LocalizedError({:?} in {})",
            self.error.to_string(),
            self.chain
        )
    }
}

/// A [`ResponseProblem`] in the language of `chain`: what
/// [`Error::InvalidResponse`] says after its first words.
pub(crate) fn problem(
    catalog: &Catalog,
    chain: &FallbackChain,
    problem: &ResponseProblem,
) -> String {
    let say = |phrase: Phrase, args: &Args<'_>| {
        catalog.phrase_with_args(phrase, chain, args).into_owned()
    };
    match problem {
        ResponseProblem::NotAnObject { got } => {
            say(Phrase::ResponseNotAnObject, &Args::new().with("type", *got))
        }
        ResponseProblem::NoCode => say(Phrase::ResponseNoCode, &Args::new()),
        ResponseProblem::Ambiguous { number } => say(
            Phrase::ResponseAmbiguous,
            &Args::new().with("number", number.to_string()),
        ),
        ResponseProblem::Wrapped { key } => say(
            Phrase::ResponseWrapped,
            &Args::new().with("key", shown(key)),
        ),
        ResponseProblem::Mixed => say(Phrase::ResponseMixed, &Args::new()),
        ResponseProblem::NotFromCatalog { catalog, field } => say(
            Phrase::ResponseNotFromCatalog,
            &Args::new()
                .with("field", *field)
                .with("catalog", catalog.as_str()),
        ),
        ResponseProblem::NoCodeField { field, catalog } => say(
            Phrase::ResponseNoCodeField,
            &Args::new()
                .with("field", *field)
                .with("catalog", catalog.as_str()),
        ),
        ResponseProblem::BadCode { field, got } => say(
            Phrase::ResponseBadCode,
            &Args::new()
                .with("field", *field)
                .with("max", u32::MAX.to_string())
                .with("value", shown_json(got)),
        ),
    }
}
