//! Showing a code in a user's language wherever Rust formats text: a
//! `Display` adapter over a catalog, a code and a chain, for `format!`,
//! `tracing` fields and `thiserror`'s `#[error(...)]`.
//!
//! It looks the code up each time it is formatted; it owns nothing and
//! allocates nothing for plain messages.

use std::fmt;

use crate::catalog::Catalog;
use crate::code::Code;
use crate::fallback::FallbackChain;

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
