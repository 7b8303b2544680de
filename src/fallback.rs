//! A chain resolved for one request: the locales a lookup tries, in order.
//! The policy that orders them is `errcat_ftl::fallback`'s table.

use std::fmt;

use unic_langid::LanguageIdentifier;

pub(crate) use errcat_ftl::fallback::fit;
pub use errcat_ftl::fallback::{FALLBACK_TABLE, LAST_RESORT};

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
///
/// Its `Debug` is its `Display` (`FallbackChain(kk-KZ: kk → ru → en)`).
#[derive(Clone)]
pub struct FallbackChain {
    pub(crate) requested: LanguageIdentifier,
    /// The catalog the slots index into (see `Catalog::instance`).
    pub(crate) instance: u64,
    /// The slot the request narrowed to, if its language is shipped.
    pub(crate) head: Option<u16>,
    /// The slots of the other locales the caller asked for (each of the
    /// caller's own list; empty, so never allocated, for one locale): a
    /// text from these or from `head` is not a fallback.
    pub(crate) asked: Vec<u16>,
    pub(crate) slots: Vec<u16>,
    /// The locales behind `slots`, for display and for use with another catalog.
    pub(crate) locales: Vec<LanguageIdentifier>,
}

impl FallbackChain {
    /// The locale that was asked for, as parsed.
    ///
    /// ```
    /// let chain = errcat::Catalog::embedded().chain("kk_KZ.UTF-8")?;
    /// assert_eq!(chain.requested().to_string(), "kk-KZ");
    /// # Ok::<(), errcat::Error>(())
    /// ```
    pub fn requested(&self) -> &LanguageIdentifier {
        &self.requested
    }

    /// The shipped locales to try, in order.
    ///
    /// ```
    /// let chain = errcat::Catalog::embedded().chain("kk")?;
    /// let tags: Vec<String> = chain.locales().iter().map(|l| l.to_string()).collect();
    /// assert_eq!(tags, ["kk", "ru", "en"]);
    /// # Ok::<(), errcat::Error>(())
    /// ```
    pub fn locales(&self) -> &[LanguageIdentifier] {
        &self.locales
    }
}

impl fmt::Debug for FallbackChain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "FallbackChain({self})")
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
