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
/// One constructor for each kind of input. `chain` and `chain_from` take
/// what a program or a person wrote and fail on an entry that is not a
/// locale, naming it; every `chain_for_*` takes what a system or a user
/// agent sent, skips such entries and never fails:
///
/// | input | constructor | an entry that is not a locale | the fallback table's languages |
/// |---|---|---|---|
/// | one locale (`kk-KZ`, `kk_KZ.UTF-8`) | [`chain`](crate::Catalog::chain) | error | added |
/// | a list, in the caller's own order | [`chain_from`](crate::Catalog::chain_from) | error | not added |
/// | an HTTP `Accept-Language` header | [`chain_for_accept_language`](crate::Catalog::chain_for_accept_language) | skipped | added (unless `q=0`) |
/// | a user's languages, best first | [`chain_for_languages`](crate::Catalog::chain_for_languages) | skipped | added |
/// | the environment (gettext's order) | [`chain_for_env`](crate::Catalog::chain_for_env) | skipped | added |
/// | the operating system (`system-locale`) | `chain_for_system` | skipped | added |
///
/// Every chain ends in [`LAST_RESORT`]. A chain is a list of locales: it
/// works with any catalog, which tries the same locales (those it ships).
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
    /// The locales behind `slots`, for display.
    pub(crate) locales: Vec<LanguageIdentifier>,
    /// What the caller gave, as given (not narrowed to this catalog's
    /// locales): another catalog builds the chain from it again.
    pub(crate) recipe: Recipe,
}

/// How a chain was built, from the caller's input as given.
#[derive(Clone, Debug, Default)]
pub(crate) enum Recipe {
    /// The default chain of the requested locale (`Catalog::chain`).
    #[default]
    Default,
    /// The caller's own order (`Catalog::chain_from`).
    Ordered(Vec<LanguageIdentifier>),
    /// The user's languages, the fallback table's, then the last resort,
    /// without the excluded ones (`Catalog::chain_for_*`).
    Preferred {
        accepted: Vec<LanguageIdentifier>,
        excluded: Vec<LanguageIdentifier>,
    },
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

impl FallbackChain {
    /// The locales of the chain the caller asked for (the requested one,
    /// and each of a caller's own list), as opposed to those the fallback
    /// table added: a text from these is not a fallback.
    fn asked_locales(&self) -> impl Iterator<Item = &LanguageIdentifier> {
        self.slots
            .iter()
            .zip(&self.locales)
            .filter(|(slot, _)| self.head == Some(**slot) || self.asked.contains(slot))
            .map(|(_, l)| l)
    }
}

/// Two chains are equal when they ask for the same locale, try the same
/// locales in the same order and count the same ones as asked for,
/// whichever catalog built them: a chain is a list of locales.
///
/// ```
/// use errcat::Catalog;
/// let catalog = Catalog::embedded();
/// assert_eq!(catalog.chain("kk-KZ")?, catalog.chain("kk_KZ.UTF-8")?);
/// assert_ne!(catalog.chain("kk")?, catalog.chain("kk-KZ")?);
/// // kk asked for, ru added by the table; or both asked for.
/// assert_ne!(catalog.chain("kk")?, catalog.chain_from(["kk", "ru"])?);
/// # Ok::<(), errcat::Error>(())
/// ```
impl PartialEq for FallbackChain {
    fn eq(&self, other: &Self) -> bool {
        self.requested == other.requested
            && self.locales == other.locales
            && self.asked_locales().eq(other.asked_locales())
    }
}

impl Eq for FallbackChain {}

/// The chain of English, the last resort, in the embedded catalog: what
/// a front-end uses before it knows its user's language.
///
/// ```
/// let chain = errcat::FallbackChain::default();
/// assert_eq!(chain.to_string(), "en: en");
/// assert_eq!(chain, errcat::Catalog::embedded().chain("en")?);
/// # Ok::<(), errcat::Error>(())
/// ```
impl Default for FallbackChain {
    fn default() -> Self {
        crate::Catalog::embedded().english_chain()
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
