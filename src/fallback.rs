//! The fallback policy: which locale serves a message when the requested one
//! has no text for it. The whole policy is the table below; `Catalog` walks
//! it, nothing else decides.

use std::fmt;

use unic_langid::LanguageIdentifier;

/// Languages to try after a language and before [`LAST_RESORT`].
///
/// | requested | chain |
/// |---|---|
/// | `kk` | kk → ru → en |
/// | `uk` | uk → en (never through Russian) |
/// | `ru` | ru → en |
/// | any other | → en |
///
/// A regional locale (`kk-KZ`) first narrows to the most specific shipped
/// locale of its language (`kk`); a shipped regional locale (`pt-BR`) is
/// followed by its shipped less specific ones (`pt`) before this table.
pub const FALLBACK_TABLE: &[(&str, &[&str])] = &[("kk", &["ru"])];

/// The language every chain ends in. The reference locale: its files define
/// what every other locale translates.
pub const LAST_RESORT: &str = "en";

/// The table's entry for `language`, or nothing.
pub(crate) fn parents(language: &str) -> &'static [&'static str] {
    FALLBACK_TABLE
        .iter()
        .find(|(l, _)| *l == language)
        .map(|(_, p)| *p)
        .unwrap_or(&[])
}

/// A resolved chain of locales to try, in order, for one requested locale:
/// the pre-parsed form for hot loops.
///
/// Build it once with [`Catalog::chain`](crate::Catalog::chain) (from a
/// locale string, following the table) or
/// [`Catalog::chain_from`](crate::Catalog::chain_from) (your own order), then
/// pass it to [`Catalog::lookup`](crate::Catalog::lookup) as often as needed.
///
/// ```
/// let catalog = errcat::Catalog::embedded();
/// let chain = catalog.chain("kk-KZ").unwrap();
/// assert_eq!(chain.to_string(), "kk-KZ: kk → ru → en");
/// let chain = catalog.chain("uk_UA.UTF-8").unwrap();
/// assert_eq!(chain.to_string(), "uk-UA: uk → en");
/// let chain = catalog.chain("de-AT").unwrap();
/// assert_eq!(chain.to_string(), "de-AT: en");
/// ```
#[derive(Debug, Clone)]
pub struct FallbackChain {
    pub(crate) requested: LanguageIdentifier,
    /// The catalog the slots index into (see `Catalog::instance`).
    pub(crate) instance: u64,
    /// The slot the request narrowed to, if its language is shipped.
    pub(crate) head: Option<u16>,
    pub(crate) slots: Vec<u16>,
    /// The locales behind `slots`, for display and for use with another catalog.
    pub(crate) locales: Vec<LanguageIdentifier>,
}

impl FallbackChain {
    /// The locale that was asked for, as parsed.
    pub fn requested(&self) -> &LanguageIdentifier {
        &self.requested
    }

    /// The shipped locales to try, in order.
    pub fn locales(&self) -> &[LanguageIdentifier] {
        &self.locales
    }
}

impl fmt::Display for FallbackChain {
    /// `requested: first → second → …`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:", self.requested)?;
        for (i, l) in self.locales.iter().enumerate() {
            write!(f, "{}{l}", if i == 0 { " " } else { " → " })?;
        }
        Ok(())
    }
}
