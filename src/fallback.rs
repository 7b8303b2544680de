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
///
/// ```
/// assert_eq!(errcat::FALLBACK_TABLE, &[("kk", &["ru"][..])]);
/// ```
pub const FALLBACK_TABLE: &[(&str, &[&str])] = &[("kk", &["ru"])];

/// The language every chain ends in. The reference locale: its files define
/// what every other locale translates.
///
/// ```
/// let chain = errcat::Catalog::embedded().chain("de")?;
/// assert_eq!(chain.locales().last().unwrap().to_string(), errcat::LAST_RESORT);
/// # Ok::<(), errcat::Error>(())
/// ```
pub const LAST_RESORT: &str = "en";

/// The table's entry for `language`, or nothing.
pub(crate) fn parents(language: &str) -> &'static [&'static str] {
    FALLBACK_TABLE
        .iter()
        .find(|(l, _)| *l == language)
        .map(|(_, p)| *p)
        .unwrap_or(&[])
}

/// How well a shipped locale fits a requested one: `None` if it does not
/// (another language, or a script or region the request does not have),
/// else the number of subtags it matches beyond the language, so that the
/// most specific shipped locale wins (`pt-BR` over `pt` for `pt-BR`).
pub(crate) fn fit(shipped: &LanguageIdentifier, requested: &LanguageIdentifier) -> Option<u8> {
    if shipped.language != requested.language {
        return None;
    }
    let mut score = 0;
    if let Some(script) = shipped.script {
        if Some(script) != requested.script {
            return None;
        }
        score += 1;
    }
    if let Some(region) = shipped.region {
        if Some(region) != requested.region {
            return None;
        }
        score += 1;
    }
    Some(score)
}

/// The default chain of the shipped locale at `slot` of `locales`, as
/// slots: itself, its shipped less specific locales (`pt-BR` → `pt`), the
/// table's languages, then the last resort. The compiled catalog stores
/// these chains; a folder catalog computes them when it loads.
pub(crate) fn default_chain(locales: &[LanguageIdentifier], slot: usize) -> Vec<u16> {
    let mut chain: Vec<u16> = Vec::new();
    let mut push = |slot: usize| {
        if let Ok(slot) = u16::try_from(slot) {
            if !chain.contains(&slot) {
                chain.push(slot);
            }
        }
    };
    let Some(me) = locales.get(slot) else {
        return Vec::new();
    };
    let slot_of = |tag: &str| locales.iter().position(|l| *l == tag);
    push(slot);
    let mut less_specific: Vec<(u8, usize)> = locales
        .iter()
        .enumerate()
        .filter_map(|(i, l)| fit(l, me).map(|score| (score, i)))
        .collect();
    less_specific.sort_by(|a, b| b.cmp(a));
    for (_, i) in less_specific {
        push(i);
    }
    for parent in parents(me.language.as_str()) {
        if let Some(i) = slot_of(parent) {
            push(i);
        }
    }
    if let Some(i) = slot_of(LAST_RESORT) {
        push(i);
    }
    chain
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
