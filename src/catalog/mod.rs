//! The catalog: every message of every shipped locale, and the lookup that
//! walks a fallback chain to the first locale that has a code's text.
//!
//! A catalog has two sources behind one lookup, as ICU4X has compiled data
//! beside a run-time provider: the tables `build.rs` renders from the
//! shipped files into the binary ([`compiled`]), and the same tables built
//! at run time from a locales folder ([`folder`]). Either way a plain
//! lookup is a few array reads that borrow text: no parsing, no hashing, no
//! allocation. Messages with `$variables` are formatted through a Fluent
//! bundle at lookup time, built on first use for the compiled catalog.

mod compiled;
mod folder;
pub(crate) use errcat_ftl::tables::{Message, Text};

use std::borrow::Cow;
use std::ops::Deref;
use std::sync::OnceLock;
use std::sync::atomic::AtomicU64;

use fluent_bundle::FluentArgs;

use crate::args::Args;
use unic_langid::LanguageIdentifier;

use crate::accept_language::accept_language_ranges;
use crate::code::{CatalogId, Code, Kind};
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::explanation::{Explanation, Formatted, Requested, Subject, Texts};
use crate::fallback::fit;
use crate::fallback::{FallbackChain, LAST_RESORT, Recipe};
use crate::ftl::SourceFile;
use crate::ftl::render::{Bundle, Part, format_part, format_value, load};
use crate::locale::{english, parse_locale};
use crate::phrase::Phrase;
use crate::registry::CODES;
use crate::response::ApiResponse;
use crate::search::{Candidate, Query, SearchHit, all_codes, rank};

/// Every explanation of every code, in every locale the catalog was built
/// with, plus the fallback chains between those locales.
///
/// Build it once and share it: it is `Send + Sync` and all lookups take
/// `&self`. [`Catalog::embedded`] is the one built from the `.ftl` files
/// compiled into the crate.
///
/// ```
/// let catalog = errcat::Catalog::embedded();
/// let e = catalog.explain("planfix:1000", "kk-KZ").unwrap();
/// assert_eq!(e.locale().to_string(), "kk");
/// assert!(!e.is_fallback());
/// assert!(!e.title().is_empty());
/// assert_eq!(format!("{catalog:?}"), "Catalog { source: compiled, locales: [en, kk, ru, uk] }");
/// ```
pub struct Catalog {
    /// Tells chains built by this catalog from those of another; 0 is the
    /// compiled catalog.
    instance: u64,
    /// The shipped locales, in a stable order; a locale's position is its slot.
    locales: Table<LocaleEntry>,
    /// `messages[slot * CODES.len() + code.index()]`: the message, if that
    /// locale has it.
    messages: Table<Option<Message>>,
    /// `labels[slot * label_count() + label]`: catalog and section titles
    /// (see [`label_index`]).
    labels: Table<Option<Cow<'static, str>>>,
    /// `bundles[slot * CatalogId::ALL.len() + catalog]`: for formatting
    /// messages with arguments.
    bundles: Table<LazyBundle>,
    /// `phrases[slot * Phrase::ALL.len() + phrase.index()]`: errcat's own
    /// words (`errcat.ftl`), if that locale has them.
    phrases: Table<Option<Text>>,
    /// `phrase_bundles[slot]`: for formatting phrases with arguments.
    phrase_bundles: Table<LazyBundle>,
    /// The chain for a language no locale ships: just the last resort.
    unshipped: Table<u16>,
    /// Where a lookup ends when no locale of its chain has the code's text:
    /// the embedded catalog, behind a catalog loaded from a folder whose
    /// `en` lacks or breaks a message. `None` for the embedded catalog.
    backstop: Option<&'static Catalog>,
}

/// A table of a catalog: compiled into the binary, or built at run time.
pub(crate) enum Table<T: 'static> {
    Static(&'static [T]),
    Owned(Box<[T]>),
}

impl<T> Deref for Table<T> {
    type Target = [T];

    fn deref(&self) -> &[T] {
        match self {
            Table::Static(items) => items,
            Table::Owned(items) => items,
        }
    }
}

impl<T> From<Vec<T>> for Table<T> {
    fn from(items: Vec<T>) -> Self {
        Table::Owned(items.into_boxed_slice())
    }
}

pub(crate) struct LocaleEntry {
    pub(crate) id: LanguageIdentifier,
    /// The default chain, starting with this slot.
    pub(crate) chain: Table<u16>,
}

/// The Fluent bundle of one locale and catalog, for messages with
/// arguments: a folder catalog has it from loading; the compiled catalog
/// keeps the file's source and parses it the first time it is needed.
pub(crate) struct LazyBundle {
    locale: Option<LanguageIdentifier>,
    source: Option<SourceFile<'static>>,
    bundle: OnceLock<Option<Bundle>>,
}

impl LazyBundle {
    /// A bundle built on first use from `source`, which the build checked.
    /// The generated tables use it for a shipped file with `$variables`.
    pub(crate) const fn compiled(locale: LanguageIdentifier, source: SourceFile<'static>) -> Self {
        LazyBundle {
            locale: Some(locale),
            source: Some(source),
            bundle: OnceLock::new(),
        }
    }

    /// No bundle: the locale has no file for the catalog, or the file has
    /// no message with arguments.
    pub(crate) const fn none() -> Self {
        LazyBundle {
            locale: None,
            source: None,
            bundle: OnceLock::new(),
        }
    }

    /// A bundle already loaded.
    pub(crate) fn loaded(bundle: Bundle) -> Self {
        LazyBundle {
            locale: None,
            source: None,
            bundle: OnceLock::from(Some(bundle)),
        }
    }

    fn get(&self) -> Option<&Bundle> {
        self.bundle
            .get_or_init(|| {
                let (source, locale) = (self.source.as_ref()?, self.locale.clone()?);
                Some(load(source, locale, &mut Vec::new()).runtime)
            })
            .as_ref()
    }
}

/// The index of a catalog's title (`section: None`) or of one of its
/// section titles among a locale's labels.
pub(crate) fn label_index(catalog: CatalogId, section: Option<&str>) -> Option<usize> {
    let mut index = 0;
    for c in CatalogId::ALL {
        if c == catalog {
            return match section {
                None => Some(index),
                Some(s) => c
                    .sections()
                    .iter()
                    .position(|x| *x == s)
                    .map(|p| index + 1 + p),
            };
        }
        index += 1 + c.sections().len();
    }
    None
}

/// How many labels each locale has: per catalog, its title and its
/// sections' titles.
pub(crate) fn label_count() -> usize {
    CatalogId::ALL.iter().map(|c| 1 + c.sections().len()).sum()
}

/// Whether `slot` is one the caller asked for: the requested locale (the
/// common answer, checked first) or another of the caller's list.
#[inline(always)]
fn is_asked(head: Option<u16>, asked: &[u16], slot: u16) -> bool {
    head == Some(slot) || asked.contains(&slot)
}

/// The last answer of [`Catalog::explain_number`]: the code as text,
/// in English, when no locale has a text for it.
#[cold]
fn unexplained(
    catalog: CatalogId,
    number: Option<i64>,
    chain: &FallbackChain,
) -> Explanation<'static> {
    static ENGLISH: LanguageIdentifier = unic_langid::langid!("en");
    let title = match number {
        Some(n) => format!("{catalog}:{n}"),
        None => catalog.to_string(),
    };
    let code = catalog
        .extra("unknown-code")
        .or_else(|| catalog.codes().next())
        .unwrap_or(crate::registry::mobizon::SUCCESS);
    Explanation {
        subject: Subject::new(code, true),
        requested: Requested::of(&chain.requested),
        locale: &ENGLISH,
        texts: Texts::Formatted(Box::new(Formatted {
            title: Cow::Owned(title),
            explanation: Cow::Borrowed(""),
            hint: None,
            missing: Vec::new(),
            number: number.unwrap_or(0),
        })),
    }
}

impl std::fmt::Debug for Catalog {
    /// Where the texts come from and which locales it ships:
    /// `Catalog { source: compiled, locales: [en, kk, ru, uk] }`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let source = if self.backstop.is_some() {
            "folder"
        } else {
            "compiled"
        };
        let locales: Vec<_> = self.locales().map(Tag).collect();
        f.debug_struct("Catalog")
            .field("source", &format_args!("{source}"))
            .field("locales", &locales)
            .finish()
    }
}

/// A locale shown as its bare tag in `Debug` output.
struct Tag<'a>(&'a LanguageIdentifier);

impl std::fmt::Debug for Tag<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

static NEXT_INSTANCE: AtomicU64 = AtomicU64::new(1);

impl Catalog {
    /// The catalog compiled from the shipped `.ftl` files at build time:
    /// every shipped locale, no files needed at run time, nothing to build
    /// on first use. Its texts are `&'static str` (see
    /// [`Explanation::stored`]).
    ///
    /// ```
    /// let langs: Vec<String> = errcat::Catalog::embedded().locales().map(|l| l.to_string()).collect();
    /// assert_eq!(langs, ["en", "kk", "ru", "uk"]);
    /// ```
    pub fn embedded() -> &'static Catalog {
        &compiled::CATALOG
    }

    /// Explains `code` (`<catalog>:<number>` or `<catalog>:<name>`) in
    /// `locale` (BCP 47 or POSIX), falling back along the locale's chain when
    /// it has no text for the code.
    ///
    /// A message without arguments is borrowed from the catalog: no
    /// allocation.
    ///
    /// ```
    /// let catalog = errcat::Catalog::embedded();
    /// let e = catalog.explain(" Mobizon:30 ", "uk_UA.UTF-8").unwrap();
    /// assert_eq!(e.code_text().to_string(), "mobizon:30");
    /// assert_eq!(e.name(), "rate-limit-exceeded");
    /// assert_eq!(e.requested().to_string(), "uk-UA");
    /// assert_eq!(e.locale().to_string(), "uk");
    ///
    /// let e = catalog.explain("planfix:task-not-found", "de").unwrap();
    /// assert_eq!(e.locale().to_string(), "en");
    /// assert!(e.is_fallback());
    /// ```
    pub fn explain(&self, code: &str, locale: &str) -> Result<Explanation<'_>, Error> {
        let code: Code = code.parse()?;
        let requested = parse_locale(locale)?;
        let (head, slots) = self.default_chain(&requested);
        self.lookup_slots(code, Requested::of(&requested), head, &[], slots, None)
    }

    /// The chain that [`explain`](Self::explain) walks for `locale`, parsed
    /// once for use with [`lookup`](Self::lookup) in hot loops.
    ///
    /// ```
    /// let chain = errcat::Catalog::embedded().chain("kk_KZ.UTF-8").unwrap();
    /// assert_eq!(chain.to_string(), "kk-KZ: kk → ru → en");
    /// ```
    pub fn chain(&self, locale: &str) -> Result<FallbackChain, Error> {
        let requested = parse_locale(locale)?;
        let (head, slots) = self.default_chain(&requested);
        let slots = slots.to_vec();
        Ok(self.make_chain(requested, head, slots))
    }

    /// A chain in the caller's own order, such as a user's preferred
    /// languages. Each locale narrows to a shipped one; locales this catalog
    /// does not ship are skipped; the last resort (`en`) ends every chain.
    /// The first locale counts as the requested one; a text from any of
    /// them is not a fallback.
    ///
    /// ```
    /// let chain = errcat::Catalog::embedded().chain_from(["uk-UA", "ru", "fr"]).unwrap();
    /// assert_eq!(chain.to_string(), "uk-UA: uk → ru → en");
    /// ```
    pub fn chain_from<I, S>(&self, locales: I) -> Result<FallbackChain, Error>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let ids = locales
            .into_iter()
            .map(|l| parse_locale(l.as_ref()))
            .collect::<Result<Vec<_>, _>>()?;
        let requested = ids.first().cloned().ok_or_else(|| Error::InvalidLocale {
            input: "(an empty list of locales)".to_owned(),
        })?;
        Ok(self.ordered_chain(requested, &ids))
    }

    /// The chain for an HTTP `Accept-Language` header: the user's languages
    /// in order of quality, each narrowed to a shipped locale, then the
    /// languages the fallback table adds for them (kk → ru), then English.
    /// A language the header excludes with `q=0` is never added. Never
    /// fails: a header with nothing usable gives the English chain. A text
    /// from any language of the header is not a fallback.
    ///
    /// ```
    /// let catalog = errcat::Catalog::embedded();
    /// let chain = catalog.chain_for_accept_language("fr-CH, kk;q=0.8, uk;q=0.9");
    /// assert_eq!(chain.to_string(), "fr-CH: uk → kk → ru → en");
    /// let e = catalog.lookup(errcat::planfix::TASK_NOT_FOUND, &chain).unwrap();
    /// assert_eq!(e.locale().to_string(), "uk");
    /// assert!(!e.is_fallback());                      // the user asked for uk
    /// assert_eq!(catalog.chain_for_accept_language("kk").to_string(), "kk: kk → ru → en");
    /// assert_eq!(catalog.chain_for_accept_language("kk, ru;q=0").to_string(), "kk: kk → en");
    /// assert_eq!(catalog.chain_for_accept_language("").to_string(), "en: en");
    /// ```
    pub fn chain_for_accept_language(&self, header: &str) -> FallbackChain {
        let (accepted, excluded) = accept_language_ranges(header);
        self.preferred_chain(&accepted, &excluded)
    }

    /// The chain for a user's own list of languages, best first, as a
    /// desktop application gets it ([`env_locales`](crate::env_locales),
    /// `system_locales()` with the `system-locale` feature) or a user's settings hold it: like
    /// [`chain_for_accept_language`](Self::chain_for_accept_language), each
    /// language narrowed to a shipped one, then what the fallback table
    /// adds, then English. Entries that are not locales are skipped; never
    /// fails.
    ///
    /// ```
    /// let catalog = errcat::Catalog::embedded();
    /// let chain = catalog.chain_for_languages(["kk-KZ", "../..", "uk"]);
    /// assert_eq!(chain.to_string(), "kk-KZ: kk → uk → ru → en");
    /// assert_eq!(catalog.chain_for_languages(Vec::<String>::new()).to_string(), "en: en");
    /// ```
    pub fn chain_for_languages<I, S>(&self, languages: I) -> FallbackChain
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let accepted: Vec<LanguageIdentifier> = languages
            .into_iter()
            .filter_map(|l| parse_locale(l.as_ref()).ok())
            .collect();
        self.preferred_chain(&accepted, &[])
    }

    /// The chain for the languages in the environment, in gettext's order
    /// (`LANGUAGE`, `LC_ALL`, `LC_MESSAGES`, `LANG`; see
    /// [`env_locales`](crate::env_locales)): what a command-line tool uses
    /// without a `--lang`.
    ///
    /// ```
    /// let chain = errcat::Catalog::embedded().chain_for_env();
    /// assert_eq!(chain.locales().last().unwrap().to_string(), "en");
    /// ```
    pub fn chain_for_env(&self) -> FallbackChain {
        self.chain_for_languages(crate::system::env_locales())
    }

    /// The chain for the operating system's preferred languages (see
    /// [`system_locales`](crate::system_locales)): what a desktop
    /// application uses.
    ///
    /// ```
    /// let chain = errcat::Catalog::embedded().chain_for_system();
    /// assert_eq!(chain.locales().last().unwrap().to_string(), "en");
    /// ```
    #[cfg(feature = "system-locale")]
    #[cfg_attr(docsrs, doc(cfg(feature = "system-locale")))]
    pub fn chain_for_system(&self) -> FallbackChain {
        self.chain_for_languages(crate::system::system_locales())
    }

    /// The user's languages in order, then what the fallback table adds to
    /// each of them unless `excluded` names it, then the last resort. The
    /// user's languages count as asked for.
    fn preferred_chain(
        &self,
        accepted: &[LanguageIdentifier],
        excluded: &[LanguageIdentifier],
    ) -> FallbackChain {
        let excluded_slots: Vec<u16> = excluded.iter().filter_map(|id| self.narrow(id)).collect();
        let policy = accepted
            .iter()
            .filter_map(|id| self.narrow(id))
            .filter_map(|slot| self.locales.get(usize::from(slot)))
            .flat_map(|l| l.chain.iter())
            // The last resort comes last, after every language's additions.
            .filter(|slot| !self.unshipped.contains(slot))
            .filter(|slot| !excluded_slots.contains(slot))
            .filter_map(|&slot| self.locales.get(usize::from(slot)))
            .map(|l| l.id.clone());
        let ids: Vec<LanguageIdentifier> = accepted.iter().cloned().chain(policy).collect();
        let requested = accepted.first().cloned().unwrap_or_else(english);
        let mut chain = self.ordered_chain(requested, &ids);
        chain.asked = accepted.iter().filter_map(|id| self.narrow(id)).collect();
        chain.recipe = Recipe::Preferred {
            accepted: accepted.to_vec(),
            excluded: excluded.to_vec(),
        };
        chain
    }

    /// A chain that tries `ids` in the given order (each narrowed to a
    /// shipped locale, unshipped ones skipped), then the last resort, which
    /// ends the chain wherever it comes.
    fn ordered_chain(
        &self,
        requested: LanguageIdentifier,
        ids: &[LanguageIdentifier],
    ) -> FallbackChain {
        let mut slots = Vec::new();
        let candidates = ids.iter().filter_map(|id| self.narrow(id));
        for slot in candidates.chain(self.unshipped.iter().copied()) {
            if !slots.contains(&slot) {
                slots.push(slot);
            }
            // The last resort has every message: nothing after it is reached.
            if self.unshipped.contains(&slot) {
                break;
            }
        }
        let head = self.narrow(&requested);
        let mut chain = self.make_chain(requested, head, slots);
        // Every locale of a caller's own list is one it asked for.
        chain.asked = ids.iter().filter_map(|id| self.narrow(id)).collect();
        chain.recipe = Recipe::Ordered(ids.to_vec());
        chain
    }

    /// Explains a pre-parsed `code` along a pre-built `chain`: the fast path
    /// for hot loops. No parsing, and no allocation for plain messages.
    ///
    /// Fails only if no locale of the chain has text for the code, which the
    /// embedded catalog rules out (every code is in `en`).
    ///
    /// ```
    /// use errcat::{Catalog, planfix};
    /// let catalog = Catalog::embedded();
    /// let chain = catalog.chain("ru-KZ").unwrap();
    /// let e = catalog.lookup(planfix::TASK_NOT_FOUND, &chain).unwrap();
    /// assert_eq!(e.locale().to_string(), "ru");
    /// ```
    #[inline(always)]
    pub fn lookup(&self, code: Code, chain: &FallbackChain) -> Result<Explanation<'_>, Error> {
        self.lookup_args(code, chain, None)
    }

    /// Like [`lookup`](Self::lookup), passing arguments to messages that
    /// use `$variables` ([`Code::variables`] lists them per code). Messages
    /// without variables ignore them. A variable the message uses and
    /// `args` lacks is reported by [`Explanation::missing_args`], not
    /// hidden: Fluent writes `{$name}` in its place.
    ///
    /// ```
    /// use errcat::{Args, Catalog, mobizon};
    /// let catalog = Catalog::embedded();
    /// let chain = catalog.chain("en").unwrap();
    /// let e = catalog.lookup_with_args(mobizon::RATE_LIMIT_EXCEEDED, &chain, &Args::new().with("limit", 10)).unwrap();
    /// assert!(e.missing_args().is_empty());
    /// ```
    pub fn lookup_with_args(
        &self,
        code: Code,
        chain: &FallbackChain,
        args: &Args<'_>,
    ) -> Result<Explanation<'_>, Error> {
        self.lookup_args(code, chain, Some(args))
    }

    #[inline(always)]
    fn lookup_args(
        &self,
        code: Code,
        chain: &FallbackChain,
        args: Option<&Args<'_>>,
    ) -> Result<Explanation<'_>, Error> {
        // The chain's own slots when this catalog built it (the hot path,
        // without the resolver's `Cow`); else the resolver's.
        if chain.instance != self.instance {
            return self.lookup_rebuilt(code, chain, args);
        }
        self.lookup_own(code, chain, args)
    }

    /// A lookup along a chain in this catalog's slots.
    #[inline(always)]
    fn lookup_own(
        &self,
        code: Code,
        chain: &FallbackChain,
        args: Option<&Args<'_>>,
    ) -> Result<Explanation<'_>, Error> {
        self.lookup_slots(
            code,
            Requested::of(&chain.requested),
            chain.head,
            &chain.asked,
            &chain.slots,
            args,
        )
    }

    /// A lookup along another catalog's chain, rebuilt by [`Self::rebuild`].
    #[cold]
    #[inline(never)]
    fn lookup_rebuilt(
        &self,
        code: Code,
        chain: &FallbackChain,
        args: Option<&Args<'_>>,
    ) -> Result<Explanation<'_>, Error> {
        self.lookup_own(code, &self.rebuild(chain), args)
    }

    /// `chain` in this catalog's slots, for phrases and labels: as it is
    /// when this catalog built it, else [`rebuild`](Self::rebuild)'s, which
    /// lookups use too. A chain is a list of locales; its slots are the
    /// catalog's that built it, so a chain from another catalog is rebuilt
    /// from its locales, one way for every kind of text.
    #[inline(always)]
    fn resolve<'c>(&self, chain: &'c FallbackChain) -> Cow<'c, FallbackChain> {
        if chain.instance == self.instance {
            Cow::Borrowed(chain)
        } else {
            Cow::Owned(self.rebuild(chain))
        }
    }

    /// Another catalog's chain in this one's slots: built again from
    /// what its caller gave, as given, the way that catalog built it, so
    /// that it tries, and counts as asked for, what this catalog's own
    /// chain for the same input would.
    #[cold]
    #[inline(never)]
    fn rebuild(&self, chain: &FallbackChain) -> FallbackChain {
        let requested = chain.requested.clone();
        match &chain.recipe {
            Recipe::Default => {
                let (head, slots) = self.default_chain(&requested);
                let slots = slots.to_vec();
                self.make_chain(requested, head, slots)
            }
            Recipe::Ordered(ids) => self.ordered_chain(requested, ids),
            Recipe::Preferred { accepted, excluded } => self.preferred_chain(accepted, excluded),
        }
    }

    /// The first slot of `slots` whose locale has a message for `code`.
    #[inline(always)]
    fn find(&self, code: Code, slots: &[u16]) -> Option<(u16, &Message)> {
        let index = code.index();
        slots.iter().find_map(|&slot| {
            let message = self.messages.get(usize::from(slot) * CODES.len() + index)?;
            message.as_ref().map(|m| (slot, m))
        })
    }

    /// Explains the number an API returned, whatever it is: the code's
    /// text when the catalog has the number, the catalog's `unknown-code`
    /// text (kind [`Kind::Unknown`](crate::Kind::Unknown), the number in
    /// its text) when it does not. Never fails, so an application always
    /// has something to show.
    ///
    /// The `unknown-code` texts may use two variables: `$number`, the
    /// number given here, and `$message`, the server's own text (given by
    /// [`explain_response`](Self::explain_response) when the response has
    /// one). The codes of the registry use none (see [`Code::variables`]).
    ///
    /// ```
    /// use errcat::{Catalog, CatalogId, Kind, planfix};
    /// let catalog = Catalog::embedded();
    /// let chain = catalog.chain("kk")?;
    /// let e = catalog.explain_number(CatalogId::Planfix, 1000, &chain);
    /// assert_eq!(e.code(), Some(planfix::TASK_NOT_FOUND));
    ///
    /// let e = catalog.explain_number(CatalogId::Planfix, 77, &chain);
    /// assert_eq!((e.code(), e.kind(), e.number()), (None, Kind::Unknown, Some(77)));
    /// assert_eq!(e.title(), "Белгісіз қате коды: 77");
    /// assert_eq!(e.locale().to_string(), "kk");
    /// # Ok::<(), errcat::Error>(())
    /// ```
    pub fn explain_number(
        &self,
        catalog: CatalogId,
        number: i64,
        chain: &FallbackChain,
    ) -> Explanation<'_> {
        self.explain_answer(catalog, Some(number), None, chain)
    }

    /// Explains a raw API response ([`ApiResponse`]) as
    /// [`explain_number`](Self::explain_number) explains its number, and
    /// gives the server's own text to the explanation as `$message` where
    /// the text uses it. A Planfix success (`{"Result": "success"}`, no
    /// code) gets Planfix's `success` text. Never fails.
    ///
    /// ```
    /// use errcat::{ApiResponse, Catalog, Kind};
    /// let catalog = Catalog::embedded();
    /// let chain = catalog.chain_for_accept_language("ru-RU, ru;q=0.9");
    /// let r = ApiResponse::parse(r#"{"Result":"fail","Code":1000,"Error":"Task not exists"}"#, None)?;
    /// assert_eq!(catalog.explain_response(&r, &chain).title(), "Задача не найдена");
    ///
    /// let r = ApiResponse::parse(r#"{"Result":"success"}"#, None)?;
    /// let e = catalog.explain_response(&r, &chain);
    /// assert_eq!((e.kind(), e.title()), (Kind::Success, "Запрос выполнен успешно"));
    ///
    /// let r = ApiResponse::parse(r#"{"code": 77, "data": [], "message": "New"}"#, None)?;
    /// assert_eq!(catalog.explain_response(&r, &chain).kind(), Kind::Unknown);
    /// # Ok::<(), errcat::Error>(())
    /// ```
    pub fn explain_response(
        &self,
        response: &ApiResponse,
        chain: &FallbackChain,
    ) -> Explanation<'_> {
        self.explain_answer(
            response.catalog,
            response.number.map(i64::from),
            response.message.as_deref(),
            chain,
        )
    }

    /// What [`explain_number`](Self::explain_number) and
    /// [`explain_response`](Self::explain_response) share: the message for
    /// an answer (a code, an unknown number, or none: a Planfix success),
    /// formatted with `$number` and `$message`, and something to show even
    /// if no locale has a text.
    fn explain_answer(
        &self,
        catalog: CatalogId,
        number: Option<i64>,
        message: Option<&str>,
        chain: &FallbackChain,
    ) -> Explanation<'_> {
        let registered = number
            .and_then(|n| u32::try_from(n).ok())
            .and_then(|n| catalog.code(n));
        let code = match (registered, number) {
            (Some(code), _) => Some(code),
            (None, Some(_)) => catalog.extra("unknown-code"),
            (None, None) => catalog.extra("success"),
        };
        let mut args = Args::new();
        if let Some(number) = number {
            // Beyond 2^53 the digits are kept as text (see `Arg`).
            args.set("number", number);
        }
        if let Some(message) = message {
            args.set("message", message);
        }
        let found = code.and_then(|code| {
            self.lookup_args(code, chain, Some(&args))
                .or_else(|_| Catalog::embedded().lookup_args(code, chain, Some(&args)))
                .ok()
        });
        match found {
            Some(mut e) => {
                if let Some(n) = number.filter(|_| e.subject.code().kind() == Kind::Unknown) {
                    // The answer for an unknown number carries it; a text
                    // without `$number` (a folder's) is stored, so copy it.
                    let mut formatted = match e.texts {
                        Texts::Formatted(t) => t,
                        Texts::Stored(m) => Box::new(Formatted {
                            title: Cow::Borrowed(m.title.rendered()),
                            explanation: Cow::Borrowed(m.explanation.rendered()),
                            hint: m.hint.as_ref().map(|h| Cow::Borrowed(h.rendered())),
                            missing: Vec::new(),
                            number: n,
                        }),
                    };
                    formatted.number = n;
                    e.texts = Texts::Formatted(formatted);
                }
                e
            }
            // Only a catalog whose build lost the `en` text of an extra
            // message could get here: show the code rather than nothing.
            None => unexplained(catalog, number, chain),
        }
    }

    /// Finds codes by words in any shipped language (titles, explanations,
    /// hints), by name or by number: best match first, one hit per code,
    /// showing the locale whose text matched. `locale` limits the search to
    /// that locale's texts.
    ///
    /// ```
    /// let catalog = errcat::Catalog::embedded();
    /// let hits = catalog.search("неверный   ТОКЕН", None).unwrap();
    /// assert_eq!(hits[0].code.to_string(), "planfix:1");
    /// assert_eq!(hits[0].locale.to_string(), "ru");
    /// let hits = catalog.search("rate limit", Some("en")).unwrap();
    /// assert!(hits.iter().take(3).any(|h| h.code == errcat::mobizon::RATE_LIMIT_EXCEEDED));
    /// assert!(catalog.search("zzzzqqq", None).unwrap().is_empty());
    /// ```
    pub fn search(&self, query: &str, locale: Option<&str>) -> Result<Vec<SearchHit<'_>>, Error> {
        let only = match locale {
            Some(l) => Some(self.narrow(&parse_locale(l)?)),
            None => None,
        };
        Ok(self.search_slots(query, |slot| only.is_none_or(|o| o == Some(slot))))
    }

    /// Finds codes as [`Catalog::search`] does, in the texts of the locales
    /// of `chain` (the user's languages and their fallbacks), so that a
    /// chain from `Accept-Language` or from one locale limits a search as it
    /// chooses the texts of an answer.
    ///
    /// ```
    /// let catalog = errcat::Catalog::embedded();
    /// let chain = catalog.chain_for_accept_language("uk, en;q=0.5");
    /// let hits = catalog.search_for("Неправильний токен", &chain);
    /// assert_eq!(hits[0].code, errcat::planfix::INVALID_TOKEN);
    /// assert_eq!(hits[0].locale.to_string(), "uk");
    /// // Only the chain's texts: uk and en, never ru.
    /// let hits = catalog.search_for("неверный токен", &chain);
    /// assert!(hits.iter().all(|h| h.locale.to_string() != "ru"));
    /// assert!(!catalog.search("неверный токен", None)?.is_empty());
    /// # Ok::<(), errcat::Error>(())
    /// ```
    pub fn search_for(&self, query: &str, chain: &FallbackChain) -> Vec<SearchHit<'_>> {
        let slots: Vec<u16> = chain
            .locales()
            .iter()
            .filter_map(|l| self.narrow(l))
            .collect();
        self.search_slots(query, |slot| slots.contains(&slot))
    }

    fn search_slots(&self, query: &str, searched: impl Fn(u16) -> bool) -> Vec<SearchHit<'_>> {
        let query = Query::new(query);
        if query.is_empty() {
            return Vec::new();
        }
        let mut hits: Vec<SearchHit<'_>> = Vec::new();
        for (slot, locale) in self.locales.iter().enumerate() {
            let Ok(slot) = u16::try_from(slot) else {
                continue;
            };
            if !searched(slot) {
                continue;
            }
            for code in all_codes() {
                let Some(message) = self.message(slot, code) else {
                    continue;
                };
                let mut missing = Vec::new();
                let mut text = |part, t| self.part_text(t, slot, code, part, None, &mut missing);
                let candidate = Candidate {
                    code,
                    locale: &locale.id,
                    title: text(Part::Title, &message.title),
                    explanation: text(Part::Explanation, &message.explanation),
                    hint: message.hint.as_ref().map(|h| text(Part::Hint, h)),
                };
                let score = query.score(&candidate);
                if score <= 0.0 {
                    continue;
                }
                match hits.iter_mut().find(|h| h.code == code) {
                    Some(hit) if hit.score >= score => {}
                    Some(hit) => {
                        hit.score = score;
                        hit.locale = candidate.locale;
                        hit.title = candidate.title;
                    }
                    None => hits.push(SearchHit {
                        code,
                        name: code.name(),
                        kind: code.kind(),
                        locale: candidate.locale,
                        title: candidate.title,
                        score,
                    }),
                }
            }
        }
        rank(&mut hits);
        hits
    }

    /// The locales this catalog ships, in slot order.
    ///
    /// ```
    /// assert_eq!(errcat::Catalog::embedded().locales().len(), 4);
    /// ```
    pub fn locales(&self) -> impl ExactSizeIterator<Item = &LanguageIdentifier> {
        self.locales.iter().map(|l| &l.id)
    }

    /// The localized name of a catalog's section (`tasks` → «Задачи»), from
    /// the first locale of `chain` that has it.
    ///
    /// ```
    /// use errcat::{Catalog, CatalogId};
    /// let catalog = Catalog::embedded();
    /// let chain = catalog.chain("en").unwrap();
    /// assert_eq!(catalog.section_title(CatalogId::Planfix, "tasks", &chain).as_deref(), Some("Tasks"));
    /// ```
    pub fn section_title(
        &self,
        catalog: CatalogId,
        section: &str,
        chain: &FallbackChain,
    ) -> Option<Cow<'_, str>> {
        if !catalog.sections().contains(&section) {
            return None;
        }
        self.label(label_index(catalog, Some(section))?, chain)
    }

    /// The localized name of a catalog (`Planfix REST API`), from the first
    /// locale of `chain` that has it.
    ///
    /// ```
    /// let catalog = errcat::Catalog::embedded();
    /// let title = catalog.catalog_title(errcat::CatalogId::Planfix, &catalog.chain("en")?);
    /// assert_eq!(title.as_deref(), Some("Planfix REST API"));
    /// # Ok::<(), errcat::Error>(())
    /// ```
    pub fn catalog_title(&self, catalog: CatalogId, chain: &FallbackChain) -> Option<Cow<'_, str>> {
        self.label(label_index(catalog, None)?, chain)
    }

    /// One of errcat's own phrases ([`Phrase`]) in the language of
    /// `chain`, from the first of its locales that has it, as the codes'
    /// texts are found: what a front-end says around them. Never fails: a
    /// phrase no locale has shows as its id.
    ///
    /// A phrase with `$variables` shows them as `{$name}` here; give them
    /// with [`phrase_with_args`](Self::phrase_with_args).
    ///
    /// ```
    /// use errcat::{Catalog, Kind, tooling::Phrase};
    /// let catalog = Catalog::embedded();
    /// let chain = catalog.chain("kk-KZ")?;
    /// assert_eq!(catalog.phrase(Phrase::ServerSaid, &chain), "Сервер жауабы");
    /// assert_eq!(catalog.phrase(Kind::Error.phrase(), &chain), "қате");
    /// assert_eq!(catalog.phrase(Phrase::KindError, &catalog.chain("de")?), "error");
    /// # Ok::<(), errcat::Error>(())
    /// ```
    pub fn phrase(&self, phrase: Phrase, chain: &FallbackChain) -> Cow<'_, str> {
        self.phrase_args(phrase, chain, None)
    }

    /// Like [`phrase`](Self::phrase), giving the phrase its `$variables`
    /// ([`Phrase::variables`] lists them).
    ///
    /// ```
    /// use errcat::{Args, Catalog, tooling::Phrase};
    /// let catalog = Catalog::embedded();
    /// let chain = catalog.chain("ru")?;
    /// let args = Args::new().with("requested", "Қазақша").with("language", "Русский");
    /// assert_eq!(
    ///     catalog.phrase_with_args(Phrase::FallbackNote, &chain, &args),
    ///     "Перевода на язык «Қазақша» пока нет; текст показан на языке «Русский»."
    /// );
    /// # Ok::<(), errcat::Error>(())
    /// ```
    pub fn phrase_with_args(
        &self,
        phrase: Phrase,
        chain: &FallbackChain,
        args: &Args<'_>,
    ) -> Cow<'_, str> {
        self.phrase_args(phrase, chain, Some(args))
    }

    /// A shipped locale's name in its own language (its `language-name`
    /// phrase): `Русский`, `Қазақша`, `Українська`, `English`. `locale`
    /// narrows to a shipped locale as a lookup does (`kk-KZ` is Қазақша);
    /// `None` for a language this catalog does not ship, or whose
    /// `errcat.ftl` lacks its name. Never another language's word for it.
    ///
    /// ```
    /// use unic_langid::langid;
    /// let catalog = errcat::Catalog::embedded();
    /// assert_eq!(catalog.language_name(&langid!("kk-KZ")).as_deref(), Some("Қазақша"));
    /// assert_eq!(catalog.language_name(&langid!("uk")).as_deref(), Some("Українська"));
    /// assert_eq!(catalog.language_name(&langid!("de")), None);
    /// ```
    pub fn language_name(&self, locale: &LanguageIdentifier) -> Option<Cow<'_, str>> {
        let slot = self.narrow(locale)?;
        self.phrase_in(Phrase::LanguageName, slot, None)
    }

    fn phrase_args(
        &self,
        phrase: Phrase,
        chain: &FallbackChain,
        args: Option<&Args<'_>>,
    ) -> Cow<'_, str> {
        self.resolve(chain)
            .slots
            .iter()
            .find_map(|&slot| self.phrase_in(phrase, slot, args))
            .or_else(|| {
                let backstop = self.backstop?;
                Some(backstop.phrase_args(phrase, &backstop.chain(LAST_RESORT).ok()?, args))
            })
            .unwrap_or(Cow::Borrowed(phrase.id()))
    }

    /// The phrase in one locale, if it has it.
    fn phrase_in(
        &self,
        phrase: Phrase,
        slot: u16,
        args: Option<&Args<'_>>,
    ) -> Option<Cow<'_, str>> {
        let at = usize::from(slot) * Phrase::ALL.len() + phrase.index();
        match self.phrases.get(at)?.as_ref()? {
            Text::Plain(s) => Some(Cow::Borrowed(s)),
            Text::Dynamic => {
                let bundle = self.phrase_bundles.get(usize::from(slot))?.get()?;
                format_value(bundle, phrase.id(), args.map(Args::fluent)).map(Cow::Owned)
            }
        }
    }

    /// Loads the `.ftl` files of a locales folder (`<dir>/<locale>/<catalog>.ftl`),
    /// for live preview of translations and for locales added at run time.
    ///
    /// Every (locale, catalog) file the folder lacks comes from the embedded
    /// catalog, so a folder may hold only the files being worked on. Nothing
    /// a file contains makes this fail or panic: whatever parses is served, a
    /// broken or missing message falls back along the chain, and every
    /// problem is returned as a [`Diagnostic`] beside the catalog. Only a
    /// folder that cannot be read at all is an [`Error::Io`]. The messages
    /// in which `errcat check` finds an error are served if they parse;
    /// [`tooling::preview_dir`](crate::tooling::preview_dir) leaves them
    /// out, as `errcat` previews and serves a folder.
    ///
    /// ```
    /// let dir = std::env::temp_dir().join(format!("errcat-doc-{}", std::process::id()));
    /// std::fs::create_dir_all(dir.join("de")).unwrap();
    /// std::fs::write(dir.join("de/planfix.ftl"), "task-not-found = Die Aufgabe gibt es nicht.\n    .title = Aufgabe nicht gefunden\n").unwrap();
    /// let (catalog, diagnostics) = errcat::Catalog::from_dir(&dir).unwrap();
    /// assert!(diagnostics.is_empty());
    /// let e = catalog.explain("planfix:1000", "de-AT").unwrap();
    /// assert_eq!((e.title(), e.locale().to_string().as_str()), ("Aufgabe nicht gefunden", "de"));
    /// let e = catalog.explain("planfix:1", "de").unwrap();
    /// assert_eq!(e.locale().to_string(), "en");   // not translated yet: falls back
    /// # std::fs::remove_dir_all(&dir).unwrap();
    /// ```
    pub fn from_dir(dir: impl AsRef<std::path::Path>) -> Result<(Catalog, Vec<Diagnostic>), Error> {
        folder::from_dir(dir.as_ref())
    }

    /// [`Catalog::from_dir`] as `errcat` previews and serves a folder:
    /// checked too, a message with an error left out. See
    /// [`tooling::preview_dir`](crate::tooling::preview_dir).
    pub(crate) fn from_dir_checked(
        dir: &std::path::Path,
    ) -> Result<(Catalog, crate::tooling::Report), Error> {
        folder::from_dir_checked(dir)
    }

    /// The most specific shipped locale that fits `requested`.
    fn narrow(&self, requested: &LanguageIdentifier) -> Option<u16> {
        self.locales
            .iter()
            .enumerate()
            .filter_map(|(i, l)| fit(&l.id, requested).map(|score| (score, i)))
            .max_by_key(|&(score, i)| (score, std::cmp::Reverse(i)))
            .and_then(|(_, i)| u16::try_from(i).ok())
    }

    /// The head slot and default chain for a requested locale, borrowed: the
    /// string API builds no chain of its own.
    fn default_chain(&self, requested: &LanguageIdentifier) -> (Option<u16>, &[u16]) {
        match self.narrow(requested) {
            Some(head) => {
                let chain = self
                    .locales
                    .get(usize::from(head))
                    .map_or(&self.unshipped[..], |l| &l.chain[..]);
                (Some(head), chain)
            }
            None => (None, &self.unshipped),
        }
    }

    /// The chain of `en`, the last resort: the language of errors'
    /// `Display`. Never fails: `en` is a valid tag, and a catalog without
    /// it gives the chain of a language it does not ship, which ends in it.
    pub(crate) fn english_chain(&self) -> FallbackChain {
        let requested: LanguageIdentifier = LAST_RESORT.parse().unwrap_or_default();
        let (head, slots) = self.default_chain(&requested);
        let slots = slots.to_vec();
        self.make_chain(requested, head, slots)
    }

    fn make_chain(
        &self,
        requested: LanguageIdentifier,
        head: Option<u16>,
        slots: Vec<u16>,
    ) -> FallbackChain {
        let locales = slots
            .iter()
            .filter_map(|&s| self.locales.get(usize::from(s)).map(|l| l.id.clone()))
            .collect();
        FallbackChain {
            requested,
            instance: self.instance,
            head,
            asked: Vec::new(),
            slots,
            locales,
            recipe: Recipe::Default,
        }
    }

    #[inline]
    fn message(&self, slot: u16, code: Code) -> Option<&Message> {
        let at = usize::from(slot) * CODES.len() + code.index();
        self.messages.get(at).and_then(Option::as_ref)
    }

    /// A part's text: borrowed when rendered ahead of time, formatted now
    /// otherwise.
    fn part_text<'c>(
        &'c self,
        text: &'c Text,
        slot: u16,
        code: Code,
        part: Part,
        args: Option<&FluentArgs<'_>>,
        missing: &mut Vec<String>,
    ) -> Cow<'c, str> {
        match text {
            Text::Plain(s) => Cow::Borrowed(s),
            Text::Dynamic => {
                let position = CatalogId::ALL.iter().position(|c| *c == code.catalog());
                let at = position.map(|p| usize::from(slot) * CatalogId::ALL.len() + p);
                at.and_then(|at| self.bundles.get(at))
                    .and_then(LazyBundle::get)
                    .and_then(|bundle| format_part(bundle, code.name(), part, args, missing))
                    // A part that rendered ahead of time renders again; if
                    // Fluent failed on it now, say so rather than show nothing.
                    .map_or(
                        Cow::Borrowed("(this message could not be formatted)"),
                        Cow::Owned,
                    )
            }
        }
    }

    /// The answer along `slots`. The hot path (a message rendered ahead of
    /// time) is inline: one table read per slot, then the answer; formatting
    /// and the backstop are out of line. `inline(always)` on it and its
    /// callers builds the answer in the caller's own frame: returned from a
    /// call, its small fields cost a store-forwarding stall when read back
    /// (measured: 16 ns a lookup instead of 10).
    #[inline(always)]
    fn lookup_slots(
        &self,
        code: Code,
        requested: Requested,
        head: Option<u16>,
        asked: &[u16],
        slots: &[u16],
        args: Option<&Args<'_>>,
    ) -> Result<Explanation<'_>, Error> {
        if let Some((slot, message)) = self.find(code, slots) {
            if let (true, Some(locale)) = (message.plain, self.locales.get(usize::from(slot))) {
                return Ok(Explanation {
                    subject: Subject::new(code, !is_asked(head, asked, slot)),
                    requested,
                    locale: &locale.id,
                    texts: Texts::Stored(message),
                });
            }
        }
        self.lookup_cold(code, requested, head, asked, slots, args)
    }

    #[cold]
    #[inline(never)]
    fn lookup_cold(
        &self,
        code: Code,
        requested: Requested,
        head: Option<u16>,
        asked: &[u16],
        slots: &[u16],
        args: Option<&Args<'_>>,
    ) -> Result<Explanation<'_>, Error> {
        let found = self
            .find(code, slots)
            .and_then(|(slot, m)| Some((slot, m, self.locales.get(usize::from(slot))?)));
        if let Some((slot, message, locale)) = found {
            let texts = if message.plain {
                Texts::Stored(message)
            } else {
                let fluent = args.map(Args::fluent);
                let mut missing = Vec::new();
                let mut text =
                    |part: Part, text| self.part_text(text, slot, code, part, fluent, &mut missing);
                let title = text(Part::Title, &message.title);
                let explanation = text(Part::Explanation, &message.explanation);
                let hint = message.hint.as_ref().map(|h| text(Part::Hint, h));
                Texts::Formatted(Box::new(Formatted {
                    title,
                    explanation,
                    hint,
                    missing,
                    number: 0,
                }))
            };
            return Ok(Explanation {
                subject: Subject::new(code, !is_asked(head, asked, slot)),
                requested,
                locale: &locale.id,
                texts,
            });
        }
        if let Some(backstop) = self.backstop {
            // The backstop answers in the last resort: no fallback when the
            // caller asked for it here (a folder's `en` lacking the message).
            let english = english();
            let asked_english = head.into_iter().chain(asked.iter().copied()).any(|s| {
                self.locales
                    .get(usize::from(s))
                    .is_some_and(|l| l.id == english)
            });
            let head = backstop
                .unshipped
                .first()
                .copied()
                .filter(|_| asked_english);
            return backstop.lookup_slots(code, requested, head, &[], &backstop.unshipped, args);
        }
        Err(Error::NoText {
            code: code.to_string(),
            requested: requested.to_string(),
        })
    }

    fn label(&self, index: usize, chain: &FallbackChain) -> Option<Cow<'_, str>> {
        let count = label_count();
        self.resolve(chain)
            .slots
            .iter()
            .find_map(|&slot| {
                let label = self.labels.get(usize::from(slot) * count + index)?;
                label.as_deref().map(Cow::Borrowed)
            })
            .or_else(|| {
                let backstop = self.backstop?;
                let english = backstop.chain(LAST_RESORT).ok()?;
                backstop.label(index, &english)
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_compiled_bundle_is_built_on_first_use_and_formats_arguments() {
        const SOURCE: SourceFile<'static> = SourceFile {
            locale: "de",
            catalog: "planfix",
            path: "locales/de/planfix.ftl",
            text: b"task-not-found = Die Aufgabe { $id } gibt es nicht.\n    .title = Nicht gefunden\n",
        };
        let lazy = LazyBundle::compiled(unic_langid::langid!("de"), SOURCE);
        let mut args = FluentArgs::new();
        args.set("id", "T-1");
        let mut missing = Vec::new();
        let first = lazy.get().unwrap();
        assert_eq!(
            format_part(
                first,
                "task-not-found",
                Part::Explanation,
                Some(&args),
                &mut missing
            )
            .as_deref(),
            Some("Die Aufgabe T-1 gibt es nicht.")
        );
        // Built once, then shared.
        assert!(std::ptr::eq(first, lazy.get().unwrap()));
        assert!(LazyBundle::none().get().is_none());
    }
}
