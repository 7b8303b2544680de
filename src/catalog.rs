//! The catalog: every message of every shipped locale, and the lookup that
//! walks a fallback chain to the first locale that has a code's text.
//!
//! Loading turns `.ftl` sources into Fluent bundles once and renders every
//! message that needs no arguments ahead of time, so a plain lookup is a few
//! array reads that borrow text from the catalog: no parsing, no hashing, no
//! allocation. Messages with `$variables` are formatted through Fluent at
//! lookup time.

use std::borrow::Cow;
use std::path::Path;
use std::sync::LazyLock;
use std::sync::atomic::{AtomicU64, Ordering};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentMessage, FluentResource};
use unic_langid::LanguageIdentifier;

use crate::accept_language::parse_accept_language;
use crate::code::{CatalogId, Code};
use crate::diagnostic::{Diagnostic, Severity, syntax_errors};
use crate::error::Error;
use crate::explanation::{Explanation, Formatted, Texts};
use crate::export::Export;
use crate::fallback::{FallbackChain, LAST_RESORT, parents};
use crate::locale::{english, fit, parse_locale};
use crate::registry::CODES;
use crate::search::{Candidate, Query, SearchHit, all_codes, rank};
use crate::source::{
    EMBEDDED, OwnedSourceFile, SourceFile, decode, guarded, nesting_ok, parse_guarded, read_dir,
};

type Bundle = FluentBundle<FluentResource>;

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
/// ```
pub struct Catalog {
    /// Tells chains built by this catalog from those of another.
    instance: u64,
    /// The shipped locales, in a stable order; a locale's position is its slot.
    locales: Vec<LocaleEntry>,
    /// `texts[slot * CODES.len() + code.index()]`: the message, if that locale has it.
    texts: Vec<Option<Message>>,
    /// The chain for a language no locale ships: just the last resort.
    unshipped: Vec<u16>,
    /// Where a lookup ends when no locale of its chain has the code's text:
    /// the embedded catalog, behind a catalog loaded from a folder whose
    /// `en` lacks or breaks a message. `None` for the embedded catalog.
    backstop: Option<&'static Catalog>,
}

struct LocaleEntry {
    id: LanguageIdentifier,
    /// The default chain, starting with this slot.
    chain: Vec<u16>,
    /// One bundle per catalog, in `CatalogId::ALL` order; `None` where the
    /// locale has no file for that catalog.
    bundles: Vec<Option<Bundle>>,
}

/// One code's text in one locale.
pub(crate) struct Message {
    pub(crate) title: Text,
    pub(crate) explanation: Text,
    pub(crate) hint: Option<Text>,
    /// Every part rendered at load time: a lookup only borrows.
    pub(crate) plain: bool,
}

/// A message part: rendered at load time when it needs no arguments.
pub(crate) enum Text {
    Plain(Box<str>),
    /// Has `$variables`: formatted through the bundle at lookup time.
    Dynamic,
}

impl Text {
    /// The text rendered at load time; empty for a dynamic part.
    pub(crate) fn rendered(&self) -> &str {
        match self {
            Text::Plain(s) => s,
            Text::Dynamic => "",
        }
    }
}

/// Which part of a message a [`Text`] is.
#[derive(Clone, Copy)]
enum Part {
    Title,
    Explanation,
    Hint,
}

static NEXT_INSTANCE: AtomicU64 = AtomicU64::new(1);

static EMBEDDED_CATALOG: LazyLock<Catalog> = LazyLock::new(|| Catalog::from_sources(EMBEDDED).0);

impl Catalog {
    /// The catalog built from the `.ftl` files embedded at build time: every
    /// shipped locale, no files needed at run time. Built on first use, then
    /// shared.
    ///
    /// ```
    /// let langs: Vec<String> = errcat::Catalog::embedded().locales().map(|l| l.to_string()).collect();
    /// assert_eq!(langs, ["en", "kk", "ru", "uk"]);
    /// ```
    pub fn embedded() -> &'static Catalog {
        &EMBEDDED_CATALOG
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
    /// assert_eq!(e.code().to_string(), "mobizon:30");
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
        self.lookup_slots(code, requested, head, slots, None)
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
    /// The first locale counts as the requested one.
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
    /// Never fails: a header with nothing usable gives the English chain.
    ///
    /// ```
    /// let catalog = errcat::Catalog::embedded();
    /// let chain = catalog.chain_for_accept_language("fr-CH, kk;q=0.8, uk;q=0.9");
    /// assert_eq!(chain.to_string(), "fr-CH: uk → kk → ru → en");
    /// let e = catalog.lookup(errcat::planfix::TASK_NOT_FOUND, &chain).unwrap();
    /// assert_eq!(e.locale().to_string(), "uk");
    /// assert_eq!(catalog.chain_for_accept_language("kk").to_string(), "kk: kk → ru → en");
    /// assert_eq!(catalog.chain_for_accept_language("").to_string(), "en: en");
    /// ```
    pub fn chain_for_accept_language(&self, header: &str) -> FallbackChain {
        let accepted: Vec<LanguageIdentifier> = parse_accept_language(header)
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        // The user's own order first; then what the table adds to each.
        let policy = accepted
            .iter()
            .filter_map(|id| self.narrow(id))
            .filter_map(|slot| self.locales.get(usize::from(slot)))
            .flat_map(|l| &l.chain)
            // The last resort comes last, after every language's additions.
            .filter(|slot| !self.unshipped.contains(slot))
            .filter_map(|&slot| self.locales.get(usize::from(slot)))
            .map(|l| l.id.clone());
        let ids: Vec<LanguageIdentifier> = accepted.iter().cloned().chain(policy).collect();
        let requested = accepted.first().cloned().unwrap_or_else(english);
        self.ordered_chain(requested, &ids)
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
        self.make_chain(requested, head, slots)
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
    #[inline]
    pub fn lookup(&self, code: Code, chain: &FallbackChain) -> Result<Explanation<'_>, Error> {
        self.lookup_with_args(code, chain, None)
    }

    /// Like [`lookup`](Self::lookup), passing Fluent arguments to messages
    /// that use `$variables`. Messages without variables ignore them.
    ///
    /// ```
    /// use errcat::{Catalog, mobizon};
    /// use fluent_bundle::FluentArgs;
    /// let catalog = Catalog::embedded();
    /// let chain = catalog.chain("en").unwrap();
    /// let mut args = FluentArgs::new();
    /// args.set("limit", 10);
    /// let e = catalog.lookup_with_args(mobizon::RATE_LIMIT_EXCEEDED, &chain, Some(&args)).unwrap();
    /// assert!(!e.explanation().is_empty());
    /// ```
    #[inline]
    pub fn lookup_with_args(
        &self,
        code: Code,
        chain: &FallbackChain,
        args: Option<&FluentArgs<'_>>,
    ) -> Result<Explanation<'_>, Error> {
        if chain.instance == self.instance {
            return self.lookup_slots(
                code,
                chain.requested.clone(),
                chain.head,
                &chain.slots,
                args,
            );
        }
        // A chain built by another catalog: its slots mean nothing here.
        let rebuilt = self.chain_from(
            std::iter::once(&chain.requested)
                .chain(&chain.locales)
                .map(|l| l.to_string()),
        )?;
        self.lookup_slots(code, rebuilt.requested, rebuilt.head, &rebuilt.slots, args)
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
        let query = Query::new(query);
        if query.is_empty() {
            return Ok(Vec::new());
        }
        let mut hits: Vec<SearchHit<'_>> = Vec::new();
        for (slot, locale) in self.locales.iter().enumerate() {
            let Ok(slot) = u16::try_from(slot) else {
                continue;
            };
            if only.is_some_and(|o| o != Some(slot)) {
                continue;
            }
            for code in all_codes() {
                let Some(message) = self.message(slot, code) else {
                    continue;
                };
                let text = |part, t| part_text(t, locale, code, part, None);
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
        Ok(hits)
    }

    /// Every code's text along `chain` (of one catalog, or of all), for a
    /// front-end bundle: see [`Export`].
    pub fn export(
        &self,
        chain: &FallbackChain,
        only: Option<CatalogId>,
    ) -> Result<Export<'_>, Error> {
        let entries = all_codes()
            .filter(|c| only.is_none_or(|o| c.catalog() == o))
            .map(|code| self.lookup(code, chain))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Export { entries })
    }

    /// The locales this catalog ships, in slot order.
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
        let mut id = String::with_capacity(8 + section.len());
        id.push_str("section-");
        id.push_str(section);
        self.label(catalog, &id, chain)
    }

    /// The localized name of a catalog (`Planfix REST API`), from the first
    /// locale of `chain` that has it.
    pub fn catalog_title(&self, catalog: CatalogId, chain: &FallbackChain) -> Option<Cow<'_, str>> {
        self.label(catalog, "catalog-title", chain)
    }

    /// Loads the `.ftl` files of a locales folder (`<dir>/<locale>/<catalog>.ftl`),
    /// for live preview of translations and for locales added at run time.
    ///
    /// Every (locale, catalog) file the folder lacks comes from the embedded
    /// catalog, so a folder may hold only the files being worked on. Nothing
    /// a file contains makes this fail or panic: whatever parses is served, a
    /// broken or missing message falls back along the chain, and every
    /// problem is returned as a [`Diagnostic`] beside the catalog. Only a
    /// folder that cannot be read at all is an [`Error::Io`].
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
    pub fn from_dir(dir: impl AsRef<Path>) -> Result<(Catalog, Vec<Diagnostic>), Error> {
        let mut diagnostics = Vec::new();
        let owned = read_dir(dir.as_ref(), &mut diagnostics)?;
        let mut files: Vec<SourceFile<'_>> = owned.iter().map(OwnedSourceFile::borrow).collect();
        for embedded in EMBEDDED {
            // The folder's own files replace the embedded ones.
            if !files
                .iter()
                .any(|f| f.locale == embedded.locale && f.catalog == embedded.catalog)
            {
                files.push(*embedded);
            }
        }
        let (mut catalog, mut found) = Catalog::from_sources(&files);
        catalog.backstop = Some(Catalog::embedded());
        diagnostics.append(&mut found);
        Ok((catalog, diagnostics))
    }

    /// Builds a catalog from `.ftl` sources, reporting every problem in them
    /// instead of failing: whatever parses is served.
    pub(crate) fn from_sources(files: &[SourceFile<'_>]) -> (Catalog, Vec<Diagnostic>) {
        let mut diagnostics = Vec::new();
        let mut locales: Vec<LocaleEntry> = Vec::new();
        for file in files {
            let Some(position) = CatalogId::ALL
                .iter()
                .position(|c| c.as_str() == file.catalog)
            else {
                continue;
            };
            let id = match parse_locale(file.locale) {
                Ok(id) if id == file.locale => id,
                _ => {
                    diagnostics.push(Diagnostic {
                        path: file.path.to_owned(),
                        line: 1,
                        column: 1,
                        severity: Severity::Error,
                        rule: "locale-name",
                        message: format!(
                            "folder {:?} is not a canonical locale name such as kk or pt-BR; its files are not loaded",
                            file.locale
                        ),
                    });
                    continue;
                }
            };
            let slot = match locales.iter().position(|l| l.id == id) {
                Some(slot) => slot,
                None => {
                    locales.push(LocaleEntry {
                        id: id.clone(),
                        chain: Vec::new(),
                        bundles: CatalogId::ALL.iter().map(|_| None).collect(),
                    });
                    locales.len() - 1
                }
            };
            let resource = load_resource(file, &mut diagnostics);
            let Some(entry) = locales
                .get_mut(slot)
                .and_then(|l| l.bundles.get_mut(position))
            else {
                continue;
            };
            match (entry, resource) {
                // One file per locale and catalog: the first one given wins.
                (Some(_), _) => {}
                (entry @ None, resource) => {
                    let mut bundle = FluentBundle::new_concurrent(vec![id]);
                    // Isolation marks (U+2068/U+2069) would leak into terminals and JSON.
                    bundle.set_use_isolating(false);
                    if let Some(resource) = resource {
                        if let Err(errors) = bundle.add_resource(resource) {
                            diagnostics.extend(errors.into_iter().map(|error| Diagnostic {
                                path: file.path.to_owned(),
                                line: 1,
                                column: 1,
                                severity: Severity::Error,
                                rule: "duplicate-id",
                                message: error.to_string(),
                            }));
                        }
                    }
                    *entry = Some(bundle);
                }
            }
        }
        locales.sort_by_key(|l| l.id.to_string());

        let mut texts = Vec::with_capacity(locales.len() * CODES.len());
        for locale in &locales {
            for entry in CODES.iter() {
                let position = CatalogId::ALL.iter().position(|c| *c == entry.catalog);
                let bundle = position
                    .and_then(|p| locale.bundles.get(p))
                    .and_then(Option::as_ref);
                texts.push(bundle.and_then(|b| render_message(b, entry.name)));
            }
        }

        let mut catalog = Catalog {
            instance: NEXT_INSTANCE.fetch_add(1, Ordering::Relaxed),
            locales,
            texts,
            unshipped: Vec::new(),
            backstop: None,
        };
        catalog.unshipped = catalog
            .slot_of(LAST_RESORT)
            .and_then(|s| u16::try_from(s).ok())
            .into_iter()
            .collect();
        let chains: Vec<Vec<u16>> = (0..catalog.locales.len())
            .map(|slot| catalog.build_chain(slot))
            .collect();
        for (locale, chain) in catalog.locales.iter_mut().zip(chains) {
            locale.chain = chain;
        }
        (catalog, diagnostics)
    }

    /// The default chain of a shipped slot: itself, its shipped less specific
    /// locales, the table's languages, then the last resort.
    fn build_chain(&self, slot: usize) -> Vec<u16> {
        let mut chain: Vec<u16> = Vec::new();
        let mut push = |slot: usize| {
            if let Ok(slot) = u16::try_from(slot) {
                if !chain.contains(&slot) {
                    chain.push(slot);
                }
            }
        };
        let Some(me) = self.locales.get(slot) else {
            return Vec::new();
        };
        push(slot);
        let mut less_specific: Vec<(u8, usize)> = self
            .locales
            .iter()
            .enumerate()
            .filter_map(|(i, l)| fit(&l.id, &me.id).map(|score| (score, i)))
            .collect();
        less_specific.sort_by(|a, b| b.cmp(a));
        for (_, i) in less_specific {
            push(i);
        }
        for parent in parents(me.id.language.as_str()) {
            if let Some(i) = self.slot_of(parent) {
                push(i);
            }
        }
        if let Some(i) = self.slot_of(LAST_RESORT) {
            push(i);
        }
        chain
    }

    /// The slot of the shipped locale whose tag is exactly `tag`.
    fn slot_of(&self, tag: &str) -> Option<usize> {
        self.locales.iter().position(|l| l.id == tag)
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
            slots,
            locales,
        }
    }

    #[inline]
    fn message(&self, slot: u16, code: Code) -> Option<&Message> {
        let at = usize::from(slot) * CODES.len() + code.index();
        self.texts.get(at).and_then(Option::as_ref)
    }

    #[inline]
    fn lookup_slots(
        &self,
        code: Code,
        requested: LanguageIdentifier,
        head: Option<u16>,
        slots: &[u16],
        args: Option<&FluentArgs<'_>>,
    ) -> Result<Explanation<'_>, Error> {
        for &slot in slots {
            let (Some(message), Some(locale)) = (
                self.message(slot, code),
                self.locales.get(usize::from(slot)),
            ) else {
                continue;
            };
            let text = |part: Part, text| part_text(text, locale, code, part, args);
            let texts = if message.plain {
                Texts::Stored(message)
            } else {
                Texts::Formatted(Box::new(Formatted {
                    title: text(Part::Title, &message.title),
                    explanation: text(Part::Explanation, &message.explanation),
                    hint: message.hint.as_ref().map(|h| text(Part::Hint, h)),
                }))
            };
            return Ok(Explanation {
                code,
                requested,
                locale: &locale.id,
                fallback: head != Some(slot),
                texts,
            });
        }
        if let Some(backstop) = self.backstop {
            return backstop.lookup_slots(code, requested, None, &backstop.unshipped, args);
        }
        Err(Error::NoText {
            code: code.to_string(),
            requested: requested.to_string(),
        })
    }

    fn label(&self, catalog: CatalogId, id: &str, chain: &FallbackChain) -> Option<Cow<'_, str>> {
        let position = CatalogId::ALL.iter().position(|c| *c == catalog)?;
        let slots: &[u16] = if chain.instance == self.instance {
            &chain.slots
        } else {
            &self.unshipped
        };
        slots
            .iter()
            .find_map(|&slot| {
                let bundle = self
                    .locales
                    .get(usize::from(slot))?
                    .bundles
                    .get(position)?
                    .as_ref()?;
                let pattern = bundle.get_message(id)?.value()?;
                guarded(|| {
                    let mut errors = Vec::new();
                    bundle.format_pattern(pattern, None, &mut errors)
                })
            })
            .or_else(|| {
                let backstop = self.backstop?;
                let english = backstop.chain(LAST_RESORT).ok()?;
                backstop.label(catalog, id, &english)
            })
    }
}

/// Parses one file, reporting what is wrong with it: `None` when nothing of
/// it can be loaded.
fn load_resource(
    file: &SourceFile<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<FluentResource> {
    let text = decode(file, diagnostics);
    if !nesting_ok(file.path, &text, diagnostics) {
        return None;
    }
    match parse_guarded(file.path, diagnostics, || FluentResource::try_new(text))? {
        Ok(resource) => Some(resource),
        Err((resource, errors)) => {
            // The parser's offsets are into the decoded text it keeps.
            syntax_errors(file.path, resource.source(), errors, diagnostics);
            Some(resource)
        }
    }
}

/// Renders a code's message as far as it can be without arguments. A
/// message without a value or a title is treated as absent, so the chain
/// moves on.
fn render_message(bundle: &Bundle, name: &str) -> Option<Message> {
    let message = bundle.get_message(name)?;
    let title = render(bundle, &message, Part::Title)?;
    let explanation = render(bundle, &message, Part::Explanation)?;
    let hint = render(bundle, &message, Part::Hint);
    let plain = [Some(&title), Some(&explanation), hint.as_ref()]
        .into_iter()
        .flatten()
        .all(|t| matches!(t, Text::Plain(_)));
    Some(Message {
        title,
        explanation,
        hint,
        plain,
    })
}

fn pattern<'m>(
    message: &FluentMessage<'m>,
    part: Part,
) -> Option<&'m fluent_syntax::ast::Pattern<&'m str>> {
    match part {
        Part::Explanation => message.value(),
        Part::Title => message.get_attribute("title").map(|a| a.value()),
        Part::Hint => message.get_attribute("hint").map(|a| a.value()),
    }
}

fn render(bundle: &Bundle, message: &FluentMessage<'_>, part: Part) -> Option<Text> {
    let pattern = pattern(message, part)?;
    let mut errors = Vec::new();
    let text = guarded(|| {
        bundle
            .format_pattern(pattern, None, &mut errors)
            .into_owned()
    })?;
    Some(if errors.is_empty() {
        Text::Plain(text.into_boxed_str())
    } else {
        Text::Dynamic
    })
}

/// A part's text: borrowed when rendered at load time, formatted now otherwise.
fn part_text<'c>(
    text: &'c Text,
    locale: &'c LocaleEntry,
    code: Code,
    part: Part,
    args: Option<&FluentArgs<'_>>,
) -> Cow<'c, str> {
    match text {
        Text::Plain(s) => Cow::Borrowed(s),
        Text::Dynamic => format_dynamic(locale, code, part, args),
    }
}

fn format_dynamic<'c>(
    locale: &'c LocaleEntry,
    code: Code,
    part: Part,
    args: Option<&FluentArgs<'_>>,
) -> Cow<'c, str> {
    let position = CatalogId::ALL.iter().position(|c| *c == code.catalog());
    let bundle = position
        .and_then(|p| locale.bundles.get(p))
        .and_then(Option::as_ref);
    let formatted = bundle.and_then(|bundle| {
        let message = bundle.get_message(code.name())?;
        let pattern = pattern(&message, part)?;
        guarded(|| {
            // format_pattern grows its String from empty by doubling; one
            // buffer sized for a typical explanation is cheaper.
            let mut out = String::with_capacity(256);
            let mut errors = Vec::new();
            bundle
                .write_pattern(&mut out, pattern, args, &mut errors)
                .ok()?;
            Some(Cow::Owned(out))
        })
        .flatten()
    });
    // A part that rendered at load time renders again; if Fluent failed on
    // it now, say so rather than show nothing.
    formatted.unwrap_or(Cow::Borrowed("(this message could not be formatted)"))
}
