//! The answer to a lookup: what a code means, in which locale, and whether
//! the text came from further down the fallback chain than asked.

use std::borrow::Cow;
use std::fmt;

use serde::ser::{Serialize, SerializeStruct, Serializer};
use unic_langid::LanguageIdentifier;
use unic_langid::subtags::{Language, Region, Script};

use crate::catalog::{Message, Text};
use crate::code::{CatalogId, Code, Kind};

/// What a code means, in the locale that served it.
///
/// Text is borrowed from the catalog for plain messages. Serializes (serde)
/// to one flat object with the keys `code`, `catalog`, `number`, `name`,
/// `kind`, `requested`, `locale`, `fallback`, `title`, `explanation` and
/// `hint` (null when absent).
///
/// ```
/// let e = errcat::Catalog::embedded().explain("mobizon:0", "en").unwrap();
/// assert_eq!(e.kind(), errcat::Kind::Success);
/// assert_eq!(e.number(), Some(0));
/// assert_eq!(e.catalog(), errcat::CatalogId::Mobizon);
/// assert!(e.hint().is_none());
/// ```
///
/// It is a value: `Clone`, `PartialEq` (same code, locales and texts), with
/// a `Debug` that shows what a reader needs. `{}` shows the title, `{:#}`
/// the title, the explanation and the hint, one paragraph each:
///
/// ```
/// let e = errcat::Catalog::embedded().explain("planfix:1000", "en")?;
/// assert_eq!(e.to_string(), e.title());
/// assert_eq!(format!("{e:#}"), format!("{}\n\n{}", e.title(), e.explanation()));
/// assert_eq!(e.clone(), e);
/// assert!(format!("{e:?}").starts_with(r#"Explanation { code: planfix:1000, requested: en, locale: en, fallback: false, title: "Task not found""#));
/// # Ok::<(), errcat::Error>(())
/// ```
#[derive(Clone)]
pub struct Explanation<'a> {
    /// The code (or the catalog's extra message, `unknown-code` or
    /// Planfix's `success`, for an answer that carries no code of the
    /// registry) and whether the text is a fallback.
    pub(crate) subject: Subject,
    pub(crate) requested: Requested,
    pub(crate) locale: &'a LanguageIdentifier,
    pub(crate) texts: Texts<'a>,
}

/// An answer's code and fallback flag in one word: a lookup writes its
/// answer in whole words, which the caller reads back without the stall
/// that small stores under a wide load cost (about 5 ns a lookup).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) struct Subject(u64);

impl Subject {
    #[inline(always)]
    pub(crate) fn new(code: Code, fallback: bool) -> Subject {
        Subject(code.index() as u64 | (u64::from(fallback) << 32))
    }

    #[inline(always)]
    pub(crate) fn code(self) -> Code {
        Code::from_index(self.0 as u16)
    }

    #[inline(always)]
    pub(crate) fn fallback(self) -> bool {
        self.0 >> 32 != 0
    }
}

/// The requested locale as the subtags that choose a text (language,
/// script, region): `Copy`, so an answer carries it without a destructor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Requested {
    language: Language,
    script: Option<Script>,
    region: Option<Region>,
}

impl Requested {
    #[inline]
    pub(crate) fn of(id: &LanguageIdentifier) -> Requested {
        Requested {
            language: id.language,
            script: id.script,
            region: id.region,
        }
    }

    pub(crate) fn to_id(self) -> LanguageIdentifier {
        LanguageIdentifier::from_parts(self.language, self.script, self.region, &[])
    }
}

impl fmt::Display for Requested {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.language)?;
        if let Some(script) = self.script {
            write!(f, "-{script}")?;
        }
        if let Some(region) = self.region {
            write!(f, "-{region}")?;
        }
        Ok(())
    }
}

/// The text of an explanation: borrowed from the catalog when rendered at
/// load time (the common case, kept small so that a lookup moves little),
/// formatted for this lookup otherwise.
#[derive(Clone)]
pub(crate) enum Texts<'a> {
    Stored(&'a Message),
    Formatted(Box<Formatted<'a>>),
}

/// Parts formatted with the lookup's arguments.
#[derive(Debug, Clone)]
pub(crate) struct Formatted<'a> {
    pub(crate) title: Cow<'a, str>,
    pub(crate) explanation: Cow<'a, str>,
    pub(crate) hint: Option<Cow<'a, str>>,
    /// The `$variables` the texts use that the lookup was not given.
    pub(crate) missing: Vec<String>,
    /// The number the API returned, for `unknown-code` (whose answer is
    /// always formatted); kept here so that plain answers stay small.
    pub(crate) number: i64,
}

impl<'a> Explanation<'a> {
    /// The code explained; `None` when the API's answer carries no code of
    /// the registry: a number the catalog does not have (kind
    /// [`Kind::Unknown`]) or a Planfix success, which has no code.
    ///
    /// ```
    /// use errcat::{Catalog, CatalogId, planfix};
    /// let catalog = Catalog::embedded();
    /// let chain = catalog.chain("en")?;
    /// assert_eq!(catalog.explain_number(CatalogId::Planfix, 1000, &chain).code(), Some(planfix::TASK_NOT_FOUND));
    /// assert_eq!(catalog.explain_number(CatalogId::Planfix, 77, &chain).code(), None);
    /// # Ok::<(), errcat::Error>(())
    /// ```
    pub fn code(&self) -> Option<Code> {
        self.subject
            .code()
            .is_registered()
            .then_some(self.subject.code())
    }

    /// The catalog of the code.
    ///
    /// ```
    /// let e = errcat::Catalog::embedded().explain("mobizon:30", "en")?;
    /// assert_eq!(e.catalog(), errcat::CatalogId::Mobizon);
    /// # Ok::<(), errcat::Error>(())
    /// ```
    pub fn catalog(&self) -> CatalogId {
        self.subject.code().catalog()
    }

    /// The number the API returned: the code's, or the unknown one;
    /// `None` for a Planfix success, which carries no number.
    ///
    /// ```
    /// use errcat::{Catalog, CatalogId};
    /// let catalog = Catalog::embedded();
    /// let chain = catalog.chain("en")?;
    /// assert_eq!(catalog.explain_number(CatalogId::Mobizon, 30, &chain).number(), Some(30));
    /// assert_eq!(catalog.explain_number(CatalogId::Mobizon, -7, &chain).number(), Some(-7));
    /// # Ok::<(), errcat::Error>(())
    /// ```
    pub fn number(&self) -> Option<i64> {
        if self.subject.code().is_registered() {
            Some(i64::from(self.subject.code().number()))
        } else if self.subject.code().kind() == Kind::Unknown {
            match &self.texts {
                Texts::Formatted(t) => Some(t.number),
                Texts::Stored(_) => None,
            }
        } else {
            None
        }
    }

    /// The code's stable name; `unknown-code` for a number the catalog does
    /// not have, `success` for a Planfix success.
    ///
    /// ```
    /// let e = errcat::Catalog::embedded().explain("planfix:1000", "en")?;
    /// assert_eq!(e.name(), "task-not-found");
    /// # Ok::<(), errcat::Error>(())
    /// ```
    pub fn name(&self) -> &'static str {
        self.subject.code().name()
    }

    /// Success, accepted, partial, error, or unknown for a number the
    /// catalog does not have.
    ///
    /// ```
    /// let e = errcat::Catalog::embedded().explain("mobizon:0", "en")?;
    /// assert_eq!(e.kind(), errcat::Kind::Success);
    /// # Ok::<(), errcat::Error>(())
    /// ```
    pub fn kind(&self) -> Kind {
        self.subject.code().kind()
    }

    /// The suggested HTTP status (see [`Code::http_status`]); 500 for an
    /// unknown code, 200 for a Planfix success.
    ///
    /// ```
    /// let e = errcat::Catalog::embedded().explain("planfix:1000", "en")?;
    /// assert_eq!(e.http_status(), 404);
    /// # Ok::<(), errcat::Error>(())
    /// ```
    pub fn http_status(&self) -> u16 {
        self.subject.code().http_status()
    }

    /// The code as people write it, for display and logs: `planfix:1000`,
    /// `planfix:77` for a number the catalog does not have,
    /// `planfix:success` for a Planfix success. `code` in the JSON form.
    ///
    /// ```
    /// use errcat::{Catalog, CatalogId};
    /// let catalog = Catalog::embedded();
    /// let chain = catalog.chain("en")?;
    /// assert_eq!(catalog.explain_number(CatalogId::Planfix, 1000, &chain).code_text().to_string(), "planfix:1000");
    /// assert_eq!(catalog.explain_number(CatalogId::Planfix, 77, &chain).code_text().to_string(), "planfix:77");
    /// # Ok::<(), errcat::Error>(())
    /// ```
    pub fn code_text(&self) -> impl fmt::Display + Copy + 'static {
        self.code_parts()
    }

    fn code_parts(&self) -> CodeText {
        CodeText {
            catalog: self.catalog(),
            number: self.number(),
            name: self.name(),
        }
    }

    /// The locale that was asked for, as parsed (`kk_KZ.UTF-8` → `kk-KZ`):
    /// its language, script and region, which are what chose the text.
    ///
    /// ```
    /// let e = errcat::Catalog::embedded().explain("planfix:1000", "kk_KZ.UTF-8")?;
    /// assert_eq!(e.requested().to_string(), "kk-KZ");
    /// # Ok::<(), errcat::Error>(())
    /// ```
    pub fn requested(&self) -> LanguageIdentifier {
        self.requested.to_id()
    }

    /// The shipped locale whose text this is.
    ///
    /// ```
    /// let e = errcat::Catalog::embedded().explain("planfix:1000", "kk-KZ")?;
    /// assert_eq!(e.locale().to_string(), "kk");
    /// # Ok::<(), errcat::Error>(())
    /// ```
    pub fn locale(&self) -> &'a LanguageIdentifier {
        self.locale
    }

    /// Whether the text comes from another locale than the one the request
    /// narrowed to: the requested language is not shipped, or lacks this
    /// message. Narrowing a region (`kk-KZ` → `kk`) is not a fallback, and
    /// neither is a text in any language the caller asked for (a chain from
    /// `chain_from`, `chain_for_languages` or `Accept-Language`).
    ///
    /// ```
    /// let catalog = errcat::Catalog::embedded();
    /// assert!(!catalog.explain("planfix:1000", "kk-KZ")?.is_fallback());
    /// assert!(catalog.explain("planfix:1000", "de")?.is_fallback());
    /// # Ok::<(), errcat::Error>(())
    /// ```
    pub fn is_fallback(&self) -> bool {
        self.subject.fallback()
    }

    /// One line for end users, with its markup: API identifiers in code
    /// spans (`` Invalid `module` parameter ``; see the crate's *Markup*
    /// section). [`plain_title`](Self::plain_title) has it without.
    ///
    /// ```
    /// let e = errcat::Catalog::embedded().explain("mobizon:4", "en")?;
    /// assert_eq!(e.title(), "Invalid `module` parameter");
    /// # Ok::<(), errcat::Error>(())
    /// ```
    pub fn title(&self) -> &str {
        match &self.texts {
            Texts::Stored(m) => m.title.rendered(),
            Texts::Formatted(t) => &t.title,
        }
    }

    /// The full explanation, with its markup (code spans).
    ///
    /// ```
    /// let e = errcat::Catalog::embedded().explain("mobizon:4", "en")?;
    /// assert!(e.explanation().contains("`module`"));
    /// # Ok::<(), errcat::Error>(())
    /// ```
    pub fn explanation(&self) -> &str {
        match &self.texts {
            Texts::Stored(m) => m.explanation.rendered(),
            Texts::Formatted(t) => &t.explanation,
        }
    }

    /// What to do next, where the source says, with its markup (code
    /// spans).
    ///
    /// ```
    /// let e = errcat::Catalog::embedded().explain("mobizon:4", "en")?;
    /// assert!(e.hint().unwrap().contains("`module`"));
    /// # Ok::<(), errcat::Error>(())
    /// ```
    pub fn hint(&self) -> Option<&str> {
        match &self.texts {
            Texts::Stored(m) => m.hint.as_ref().map(Text::rendered),
            Texts::Formatted(t) => t.hint.as_deref(),
        }
    }

    /// The title as plain text: code spans without their backticks
    /// (`Invalid module parameter`), for widgets that show text as it is.
    /// Borrowed when there is nothing to remove.
    ///
    /// ```
    /// let e = errcat::Catalog::embedded().explain("mobizon:4", "en")?;
    /// assert_eq!(e.plain_title(), "Invalid module parameter");
    /// # Ok::<(), errcat::Error>(())
    /// ```
    pub fn plain_title(&self) -> Cow<'_, str> {
        plain(self.title())
    }

    /// The explanation as plain text (see [`plain_title`](Self::plain_title)).
    ///
    /// ```
    /// let e = errcat::Catalog::embedded().explain("mobizon:4", "en")?;
    /// assert!(e.plain_explanation().contains(" module ") && !e.plain_explanation().contains('`'));
    /// # Ok::<(), errcat::Error>(())
    /// ```
    pub fn plain_explanation(&self) -> Cow<'_, str> {
        plain(self.explanation())
    }

    /// The hint as plain text (see [`plain_title`](Self::plain_title)).
    ///
    /// ```
    /// let e = errcat::Catalog::embedded().explain("mobizon:4", "en")?;
    /// assert!(!e.plain_hint().unwrap().contains('`'));
    /// # Ok::<(), errcat::Error>(())
    /// ```
    pub fn plain_hint(&self) -> Option<Cow<'_, str>> {
        self.hint().map(plain)
    }
}

impl<'a> Explanation<'a> {
    /// The `$variables` the texts use that the lookup was not given, in the
    /// order met: empty when every text is complete. Fluent writes
    /// `{$name}` where such a variable goes, so show the texts only when
    /// this is empty, or pass the arguments (see
    /// [`Catalog::lookup_with_args`](crate::Catalog::lookup_with_args)).
    ///
    /// ```
    /// use errcat::{Catalog, CatalogId};
    /// let catalog = Catalog::embedded();
    /// let chain = catalog.chain("en")?;
    /// assert!(catalog.explain_number(CatalogId::Planfix, 77, &chain).missing_args().is_empty());
    /// assert!(catalog.explain("planfix:1000", "en")?.missing_args().is_empty());
    /// # Ok::<(), errcat::Error>(())
    /// ```
    pub fn missing_args(&self) -> &[String] {
        match &self.texts {
            Texts::Stored(_) => &[],
            Texts::Formatted(t) => &t.missing,
        }
    }

    /// The texts as the catalog stores them, borrowed for as long as the
    /// catalog lives: `&'static str` from [`Catalog::embedded`](crate::Catalog::embedded),
    /// so an application's error type can keep them without allocating.
    /// `None` when this lookup formatted the message with arguments.
    ///
    /// ```
    /// let e = errcat::Catalog::embedded().explain("planfix:1000", "kk")?;
    /// let title: &'static str = e.stored().unwrap().title;
    /// assert_eq!(title, e.title());
    /// # Ok::<(), errcat::Error>(())
    /// ```
    pub fn stored(&self) -> Option<StoredTexts<'a>> {
        match &self.texts {
            Texts::Stored(m) => Some(StoredTexts {
                title: m.title.rendered(),
                explanation: m.explanation.rendered(),
                hint: m.hint.as_ref().map(Text::rendered),
            }),
            Texts::Formatted(_) => None,
        }
    }
}

/// The texts of an [`Explanation`] as its catalog stores them (see
/// [`Explanation::stored`]).
///
/// ```
/// let e = errcat::Catalog::embedded().explain("mobizon:30", "uk")?;
/// let errcat::StoredTexts { title, hint, .. } = e.stored().unwrap();
/// assert!(!title.is_empty() && hint.is_some());
/// # Ok::<(), errcat::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct StoredTexts<'a> {
    /// One line for end users.
    pub title: &'a str,
    /// The full explanation.
    pub explanation: &'a str,
    /// What to do next, where the source says.
    pub hint: Option<&'a str>,
}

impl fmt::Display for Explanation<'_> {
    /// `{}`: the title, what an application shows in one line. `{:#}`: the
    /// title, the explanation and the hint, separated by blank lines. Both
    /// as plain text, code spans without their backticks: `Display` is
    /// for people.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.plain_title())?;
        if f.alternate() {
            write!(f, "\n\n{}", self.plain_explanation())?;
            if let Some(hint) = self.plain_hint() {
                write!(f, "\n\n{hint}")?;
            }
        }
        Ok(())
    }
}

/// `text` without the backticks of its code spans.
fn plain(text: &str) -> Cow<'_, str> {
    if text.contains('`') {
        Cow::Owned(text.replace('`', ""))
    } else {
        Cow::Borrowed(text)
    }
}

impl fmt::Debug for Explanation<'_> {
    /// The code, the locales and the texts, without the catalog's internals.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Explanation")
            .field("code", &format_args!("{}", self.code_parts()))
            .field("requested", &format_args!("{}", self.requested))
            .field("locale", &format_args!("{}", self.locale))
            .field("fallback", &self.subject.fallback())
            .field("title", &self.title())
            .field("explanation", &self.explanation())
            .field("hint", &self.hint())
            .finish()
    }
}

impl PartialEq for Explanation<'_> {
    /// Same code, requested and serving locale, fallback and texts.
    fn eq(&self, other: &Self) -> bool {
        self.subject.code() == other.subject.code()
            && self.number() == other.number()
            && self.requested == other.requested
            && self.locale == other.locale
            && self.subject.fallback() == other.subject.fallback()
            && self.title() == other.title()
            && self.explanation() == other.explanation()
            && self.hint() == other.hint()
    }
}

impl Serialize for Explanation<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut o = s.serialize_struct("Explanation", 11)?;
        o.serialize_field("code", &Shown(&self.code_parts()))?;
        o.serialize_field("catalog", &self.catalog())?;
        o.serialize_field("number", &self.number())?;
        o.serialize_field("name", self.name())?;
        o.serialize_field("kind", &self.kind())?;
        o.serialize_field("requested", &Shown(&self.requested))?;
        o.serialize_field("locale", &Shown(self.locale))?;
        o.serialize_field("fallback", &self.subject.fallback())?;
        o.serialize_field("title", self.title())?;
        o.serialize_field("explanation", self.explanation())?;
        o.serialize_field("hint", &self.hint())?;
        o.end()
    }
}

/// An explanation's code as text, without allocating.
#[derive(Clone, Copy)]
struct CodeText {
    catalog: CatalogId,
    number: Option<i64>,
    name: &'static str,
}

impl fmt::Display for CodeText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.number {
            Some(n) => write!(f, "{}:{n}", self.catalog),
            None => write!(f, "{}:{}", self.catalog, self.name),
        }
    }
}

/// Serializes a value by its `Display`, without allocating.
struct Shown<'a, T>(&'a T);

impl<T: fmt::Display> Serialize for Shown<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self.0)
    }
}
