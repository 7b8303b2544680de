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
/// assert_eq!(e.number(), 0);
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
    pub(crate) code: Code,
    pub(crate) requested: Requested,
    pub(crate) locale: &'a LanguageIdentifier,
    pub(crate) fallback: bool,
    pub(crate) texts: Texts<'a>,
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
}

impl fmt::Debug for Texts<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Texts::Stored(m) => f
                .debug_struct("Stored")
                .field("title", &m.title.rendered())
                .field("explanation", &m.explanation.rendered())
                .field("hint", &m.hint.as_ref().map(Text::rendered))
                .finish(),
            Texts::Formatted(t) => t.fmt(f),
        }
    }
}

impl<'a> Explanation<'a> {
    /// The code explained.
    pub fn code(&self) -> Code {
        self.code
    }

    /// The catalog of the code.
    pub fn catalog(&self) -> CatalogId {
        self.code.catalog()
    }

    /// The number the API returns.
    pub fn number(&self) -> u32 {
        self.code.number()
    }

    /// The code's stable name.
    pub fn name(&self) -> &'static str {
        self.code.name()
    }

    /// Success, accepted, partial or error.
    pub fn kind(&self) -> Kind {
        self.code.kind()
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
    pub fn locale(&self) -> &'a LanguageIdentifier {
        self.locale
    }

    /// Whether the text comes from another locale than the one the request
    /// narrowed to: the requested language is not shipped, or lacks this
    /// message. Narrowing a region (`kk-KZ` → `kk`) is not a fallback.
    pub fn is_fallback(&self) -> bool {
        self.fallback
    }

    /// One line for end users.
    pub fn title(&self) -> &str {
        match &self.texts {
            Texts::Stored(m) => m.title.rendered(),
            Texts::Formatted(t) => &t.title,
        }
    }

    /// The full explanation.
    pub fn explanation(&self) -> &str {
        match &self.texts {
            Texts::Stored(m) => m.explanation.rendered(),
            Texts::Formatted(t) => &t.explanation,
        }
    }

    /// What to do next, where the source says.
    pub fn hint(&self) -> Option<&str> {
        match &self.texts {
            Texts::Stored(m) => m.hint.as_ref().map(Text::rendered),
            Texts::Formatted(t) => t.hint.as_deref(),
        }
    }
}

impl<'a> Explanation<'a> {
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
    /// title, the explanation and the hint, separated by blank lines.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.title())?;
        if f.alternate() {
            write!(f, "\n\n{}", self.explanation())?;
            if let Some(hint) = self.hint() {
                write!(f, "\n\n{hint}")?;
            }
        }
        Ok(())
    }
}

impl fmt::Debug for Explanation<'_> {
    /// The code, the locales and the texts, without the catalog's internals.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Explanation")
            .field("code", &format_args!("{}", self.code))
            .field("requested", &format_args!("{}", self.requested))
            .field("locale", &format_args!("{}", self.locale))
            .field("fallback", &self.fallback)
            .field("title", &self.title())
            .field("explanation", &self.explanation())
            .field("hint", &self.hint())
            .finish()
    }
}

impl PartialEq for Explanation<'_> {
    /// Same code, requested and serving locale, fallback and texts.
    fn eq(&self, other: &Self) -> bool {
        self.code == other.code
            && self.requested == other.requested
            && self.locale == other.locale
            && self.fallback == other.fallback
            && self.title() == other.title()
            && self.explanation() == other.explanation()
            && self.hint() == other.hint()
    }
}

impl Serialize for Explanation<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut o = s.serialize_struct("Explanation", 11)?;
        o.serialize_field("code", &self.code)?;
        o.serialize_field("catalog", &self.catalog())?;
        o.serialize_field("number", &self.number())?;
        o.serialize_field("name", self.name())?;
        o.serialize_field("kind", &self.kind())?;
        o.serialize_field("requested", &Shown(&self.requested))?;
        o.serialize_field("locale", &Shown(self.locale))?;
        o.serialize_field("fallback", &self.fallback)?;
        o.serialize_field("title", self.title())?;
        o.serialize_field("explanation", self.explanation())?;
        o.serialize_field("hint", &self.hint())?;
        o.end()
    }
}

/// Serializes a locale as its BCP 47 tag without allocating.
struct Shown<'a, T>(&'a T);

impl<T: fmt::Display> Serialize for Shown<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self.0)
    }
}
