//! Codes: which catalog a code belongs to, its number, stable name and kind,
//! and the forgiving parser for `<catalog>:<number>` / `<catalog>:<name>`.
//!
//! This module owns identity only. It knows nothing of locales or texts.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::Error;
use crate::registry::{CATALOG_RANGES, CODES, EXTRAS, MESSAGE_RANGES, SECTIONS};

pub use crate::registry::CatalogId;
use crate::registry::{CATALOG_IDS, catalog_name, catalog_shape};

/// How a catalog's codes arrive in a response, from `registry/catalogs.tsv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    /// `{code, data, message}`.
    Mobizon,
    /// `{result, code, error}`, in any case of the keys.
    Planfix,
    /// An item of a Mobizon `data` array: `{recipient, code, …}`.
    Item,
}

impl Shape {
    /// The shape's name in `registry/catalogs.tsv` and in the export.
    #[cfg(feature = "tooling")]
    pub(crate) const fn as_str(self) -> &'static str {
        match self {
            Shape::Mobizon => "mobizon",
            Shape::Planfix => "planfix",
            Shape::Item => "item",
        }
    }
}

impl CatalogId {
    /// Every catalog, in the order of `registry/catalogs.tsv`.
    ///
    /// ```
    /// assert_eq!(errcat::CatalogId::ALL.len(), 3);
    /// ```
    pub const ALL: [CatalogId; CATALOG_IDS.len()] = CATALOG_IDS;

    /// The catalog's id as written in codes and file names: `mobizon`,
    /// `planfix`, `mobizon-recipient`.
    ///
    /// ```
    /// assert_eq!(errcat::CatalogId::Planfix.as_str(), "planfix");
    /// assert_eq!(errcat::CatalogId::MobizonRecipient.as_str(), "mobizon-recipient");
    /// ```
    pub const fn as_str(self) -> &'static str {
        catalog_name(self)
    }

    /// The catalog's place in `registry/catalogs.tsv`: the variants are
    /// generated in that order, without explicit discriminants.
    pub(crate) const fn position(self) -> usize {
        self as usize
    }

    /// How responses carry this catalog's codes.
    pub(crate) const fn shape(self) -> Shape {
        catalog_shape(self)
    }

    /// Every code of this catalog, in registry order (retired ones included).
    ///
    /// ```
    /// use errcat::CatalogId;
    /// assert_eq!(CatalogId::Mobizon.codes().count(), 20);
    /// assert_eq!(CatalogId::Planfix.codes().count(), 59);
    /// ```
    pub fn codes(self) -> impl ExactSizeIterator<Item = Code> + Clone {
        self.range().map(|i| Code::from_index(i as u16))
    }

    /// The ids of this catalog's sections (`tasks`, `contacts`, …), in
    /// registry order. Mobizon has none.
    ///
    /// ```
    /// assert_eq!(errcat::CatalogId::Planfix.sections()[0], "unclassified");
    /// assert!(errcat::CatalogId::Mobizon.sections().is_empty());
    /// ```
    pub fn sections(self) -> &'static [&'static str] {
        SECTIONS.get(self.position()).copied().unwrap_or(&[])
    }

    /// The code this catalog returns as `number`, if the registry has it.
    ///
    /// This is the way from an API response to a code:
    ///
    /// ```
    /// use errcat::{CatalogId, planfix};
    /// assert_eq!(CatalogId::Planfix.code(1000), Some(planfix::TASK_NOT_FOUND));
    /// assert_eq!(CatalogId::Planfix.code(1234), None);
    /// ```
    pub fn code(self, number: u32) -> Option<Code> {
        // build.rs keeps each catalog's rows sorted by number.
        let range = self.range();
        let codes = CODES.get(range.clone()).unwrap_or(&[]);
        let at = codes.binary_search_by_key(&number, |e| e.number).ok()?;
        u16::try_from(range.start + at).ok().map(Code::from_index)
    }

    /// This catalog's rows of `CODES`.
    fn range(self) -> std::ops::Range<usize> {
        CATALOG_RANGES.get(self.position()).cloned().unwrap_or(0..0)
    }

    /// Every message of this catalog that explains a code: its codes, then
    /// its extras (`unknown-code`, …), as the catalog stores them.
    pub(crate) fn messages(self) -> impl Iterator<Item = Code> + Clone {
        let range = MESSAGE_RANGES.get(self.position()).cloned().unwrap_or(0..0);
        range.filter_map(|i| u16::try_from(i).ok().map(Code::from_index))
    }

    /// The catalog's extra message `name` (`unknown-code`, `success`).
    pub(crate) fn extra(self, name: &str) -> Option<Code> {
        EXTRAS
            .iter()
            .find(|(c, n, _)| *c == self && *n == name)
            .map(|&(_, _, i)| Code::from_index(i))
    }

    /// The code of this catalog with the stable `name`, compared
    /// ASCII-case-insensitively with `_` standing for `-`, so that
    /// `TASK_NOT_FOUND` finds `task-not-found`.
    ///
    /// ```
    /// use errcat::{CatalogId, mobizon};
    /// assert_eq!(CatalogId::Mobizon.code_by_name("rate-limit-exceeded"), Some(mobizon::RATE_LIMIT_EXCEEDED));
    /// assert_eq!(CatalogId::Mobizon.code_by_name("RATE_LIMIT_EXCEEDED"), Some(mobizon::RATE_LIMIT_EXCEEDED));
    /// ```
    pub fn code_by_name(self, name: &str) -> Option<Code> {
        let same = |a: u8, b: u8| {
            let a = if a == b'_' {
                b'-'
            } else {
                a.to_ascii_lowercase()
            };
            a == b
        };
        self.codes().find(|c| {
            c.name().len() == name.len()
                && name.bytes().zip(c.name().bytes()).all(|(a, b)| same(a, b))
        })
    }
}

impl fmt::Display for CatalogId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl std::str::FromStr for CatalogId {
    type Err = Error;

    /// Parses a catalog id, ASCII-case-insensitively, ignoring surrounding
    /// whitespace.
    fn from_str(s: &str) -> Result<Self, Error> {
        let t = trim(s);
        CatalogId::ALL
            .into_iter()
            .find(|c| c.as_str().eq_ignore_ascii_case(t))
            .ok_or_else(|| Error::UnknownCatalog {
                input: s.to_owned(),
                catalog: t.to_owned(),
                suggestion: closest_catalog(t),
            })
    }
}

/// What a code tells the client: not every code is an error.
///
/// ```
/// use errcat::{Kind, mobizon};
/// assert_eq!(mobizon::SUCCESS.kind(), Kind::Success);
/// assert_eq!(mobizon::QUEUED_FOR_BACKGROUND.kind(), Kind::Accepted);
/// assert!(!Kind::Partial.is_error());
/// assert_eq!("Error".parse::<Kind>().unwrap(), Kind::Error);
/// assert_eq!(serde_json::to_string(&Kind::Accepted).unwrap(), r#""accepted""#);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Kind {
    /// The request succeeded.
    Success,
    /// The request was accepted and will be processed in the background.
    Accepted,
    /// The request succeeded for some items and failed for others.
    Partial,
    /// The request failed.
    Error,
    /// The API returned a number its catalog does not have (see
    /// [`Catalog::explain_number`](crate::Catalog::explain_number)); never
    /// the kind of a [`Code`].
    Unknown,
}

impl Kind {
    /// Every kind, in order.
    ///
    /// ```
    /// assert!(errcat::Kind::ALL.contains(&errcat::Kind::Unknown));
    /// ```
    pub const ALL: [Kind; 5] = [
        Kind::Success,
        Kind::Accepted,
        Kind::Partial,
        Kind::Error,
        Kind::Unknown,
    ];

    /// `success`, `accepted`, `partial` or `error`.
    ///
    /// ```
    /// assert_eq!(errcat::Kind::Partial.as_str(), "partial");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            Kind::Success => "success",
            Kind::Accepted => "accepted",
            Kind::Partial => "partial",
            Kind::Error => "error",
            Kind::Unknown => "unknown",
        }
    }

    /// Whether the request failed as a whole. An unknown code counts as a
    /// failure: both APIs report success with codes their catalogs have.
    ///
    /// ```
    /// use errcat::Kind;
    /// assert!(Kind::Error.is_error() && Kind::Unknown.is_error());
    /// assert!(!Kind::Success.is_error());
    /// ```
    pub const fn is_error(self) -> bool {
        matches!(self, Kind::Error | Kind::Unknown)
    }
}

impl Kind {
    /// The phrase that names this kind in a user's language (see
    /// [`Catalog::phrase`](crate::Catalog::phrase)).
    ///
    /// ```
    /// let catalog = errcat::Catalog::embedded();
    /// let chain = catalog.chain("uk")?;
    /// assert_eq!(catalog.phrase(errcat::Kind::Partial.phrase(), &chain), "частковий успіх");
    /// # Ok::<(), errcat::Error>(())
    /// ```
    pub const fn phrase(self) -> crate::phrase::Phrase {
        use crate::phrase::Phrase;
        match self {
            Kind::Success => Phrase::KindSuccess,
            Kind::Accepted => Phrase::KindAccepted,
            Kind::Partial => Phrase::KindPartial,
            Kind::Error => Phrase::KindError,
            Kind::Unknown => Phrase::KindUnknown,
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl std::str::FromStr for Kind {
    type Err = Error;

    /// Parses `success`, `accepted`, `partial`, `error` or `unknown`,
    /// ASCII-case-insensitively, ignoring surrounding whitespace.
    ///
    /// ```
    /// use errcat::{Error, Kind};
    /// assert_eq!(" PARTIAL ".parse::<Kind>().unwrap(), Kind::Partial);
    /// assert!(matches!("failure".parse::<Kind>(), Err(Error::UnknownKind { .. })));
    /// ```
    fn from_str(s: &str) -> Result<Self, Error> {
        let t = trim(s);
        Kind::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(t))
            .ok_or_else(|| Error::UnknownKind {
                input: s.to_owned(),
            })
    }
}

/// One row of the registry (generated by `build.rs` from `registry/*.tsv`).
#[derive(Debug)]
pub(crate) struct CodeEntry {
    pub(crate) catalog: CatalogId,
    pub(crate) number: u32,
    pub(crate) name: &'static str,
    pub(crate) kind: Kind,
    pub(crate) section: Option<&'static str>,
    pub(crate) retired: bool,
    pub(crate) http_status: u16,
    /// A code of the registry, rather than one of a catalog's extra
    /// messages (`unknown-code`, Planfix's `success`), which no number or
    /// name finds and no public `Code` holds.
    pub(crate) registered: bool,
    /// The `$variables` the code's texts may use.
    pub(crate) variables: &'static [&'static str],
}

/// A code of a catalog, such as `planfix:1000`: cheap to copy and compare,
/// and valid by construction.
///
/// Get one from the named constants ([`planfix::TASK_NOT_FOUND`](crate::planfix::TASK_NOT_FOUND)),
/// from the number an API returned ([`CatalogId::code`], or
/// `Code::try_from((catalog, number))` where `?` should work), or by parsing:
///
/// ```
/// use errcat::{Code, planfix};
/// let code: Code = " PLANFIX:task-not-found ".parse().unwrap();
/// assert_eq!(code, planfix::TASK_NOT_FOUND);
/// assert_eq!(code.to_string(), "planfix:1000");
/// assert_eq!(code.name(), "task-not-found");
/// assert_eq!(code.section(), Some("tasks"));
/// ```
///
/// Codes are ordinary values: the constants work as `match` patterns, codes
/// order by catalog then number (so they key a `BTreeMap`), and they
/// serialize (serde) as `"planfix:1000"`, deserializing from whatever
/// [`str::parse`] accepts.
///
/// ```
/// use std::collections::BTreeMap;
/// use errcat::{Code, mobizon, planfix};
///
/// fn status(code: Code) -> u16 {
///     match code {
///         planfix::TASK_NOT_FOUND => 404,
///         mobizon::RATE_LIMIT_EXCEEDED => 429,
///         _ => 500,
///     }
/// }
/// assert_eq!(status(planfix::TASK_NOT_FOUND), 404);
///
/// let seen = BTreeMap::from([(planfix::TASK_NOT_FOUND, 2), (mobizon::SUCCESS, 1)]);
/// assert_eq!(seen.keys().next(), Some(&mobizon::SUCCESS));
///
/// let json = serde_json::to_string(&planfix::TASK_NOT_FOUND).unwrap();
/// assert_eq!(json, r#""planfix:1000""#);
/// assert_eq!(serde_json::from_str::<Code>(r#""planfix:task-not-found""#).unwrap(), planfix::TASK_NOT_FOUND);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Code {
    /// Position in the registry's `CODES`, which `build.rs` orders by
    /// catalog, then number: so the derived order is (catalog, number), and
    /// texts are stored by this index. Only the registry makes codes, so it
    /// is always in range.
    index: u16,
}

impl Code {
    /// The code at `index` of the registry; only the generated registry
    /// and this module call it, with indices of `CODES`.
    pub(crate) const fn from_index(index: u16) -> Code {
        Code { index }
    }

    #[allow(clippy::indexing_slicing)] // every `Code` indexes `CODES` (see `index`)
    const fn entry(self) -> &'static CodeEntry {
        &CODES[self.index as usize]
    }

    /// The catalog the code belongs to.
    ///
    /// ```
    /// assert_eq!(errcat::planfix::TASK_NOT_FOUND.catalog(), errcat::CatalogId::Planfix);
    /// ```
    pub const fn catalog(self) -> CatalogId {
        self.entry().catalog
    }

    /// The number the API returns.
    ///
    /// ```
    /// assert_eq!(errcat::planfix::TASK_NOT_FOUND.number(), 1000);
    /// ```
    pub const fn number(self) -> u32 {
        self.entry().number
    }

    /// The stable kebab-case name, also the message id in the `.ftl` files.
    ///
    /// ```
    /// assert_eq!(errcat::planfix::TASK_NOT_FOUND.name(), "task-not-found");
    /// ```
    pub const fn name(self) -> &'static str {
        self.entry().name
    }

    /// Success, accepted, partial or error.
    ///
    /// ```
    /// assert_eq!(errcat::mobizon::SUCCESS.kind(), errcat::Kind::Success);
    /// ```
    pub const fn kind(self) -> Kind {
        self.entry().kind
    }

    /// The section of the catalog (`tasks`, `contacts`, …), if it has sections.
    ///
    /// ```
    /// assert_eq!(errcat::planfix::TASK_NOT_FOUND.section(), Some("tasks"));
    /// assert_eq!(errcat::mobizon::SUCCESS.section(), None);
    /// ```
    pub const fn section(self) -> Option<&'static str> {
        self.entry().section
    }

    /// Whether the API no longer returns this code. Retired codes stay in the
    /// registry so that their numbers and names are never reused.
    ///
    /// ```
    /// assert!(!errcat::planfix::TASK_NOT_FOUND.is_retired());
    /// ```
    pub const fn is_retired(self) -> bool {
        self.entry().retired
    }

    /// The HTTP status a service might answer with when it passes this
    /// code on to its own client: a suggestion from the registry, not
    /// something the API sends. 404 for things not found, 429 for rate
    /// limits, 401 and 403 for authentication and access, 400 for
    /// validation, 402 for payment, 503 when the service is unavailable,
    /// 500 otherwise; 200 for success and partial success, 202 for a
    /// request accepted for background processing.
    ///
    /// ```
    /// use errcat::{mobizon, planfix};
    /// assert_eq!(planfix::TASK_NOT_FOUND.http_status(), 404);
    /// assert_eq!(mobizon::RATE_LIMIT_EXCEEDED.http_status(), 429);
    /// assert_eq!(planfix::INVALID_TOKEN.http_status(), 401);
    /// assert_eq!(mobizon::QUEUED_FOR_BACKGROUND.http_status(), 202);
    /// ```
    pub const fn http_status(self) -> u16 {
        self.entry().http_status
    }

    pub(crate) const fn index(self) -> usize {
        self.index as usize
    }

    /// Whether this is a code of the registry, not a catalog's extra message.
    pub(crate) const fn is_registered(self) -> bool {
        self.entry().registered
    }

    /// The `$variables` the code's texts may use (see [`Catalog::lookup_with_args`](crate::Catalog::lookup_with_args)).
    ///
    /// ```
    /// assert!(errcat::planfix::TASK_NOT_FOUND.variables().is_empty());
    /// ```
    pub const fn variables(self) -> &'static [&'static str] {
        self.entry().variables
    }
}

impl fmt::Debug for Code {
    /// `Code(planfix:1000 task-not-found)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Code({}:{} {})",
            self.catalog(),
            self.number(),
            self.name()
        )
    }
}

impl fmt::Display for Code {
    /// The canonical form `catalog:number`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.catalog(), self.number())
    }
}

impl TryFrom<(CatalogId, u32)> for Code {
    type Error = Error;

    /// The code `catalog` returns as `number`; [`Error::UnknownCode`] if the
    /// registry does not have it. The `?`-friendly form of
    /// [`CatalogId::code`].
    ///
    /// ```
    /// use errcat::{CatalogId, Code, Error, planfix};
    /// assert_eq!(Code::try_from((CatalogId::Planfix, 1000))?, planfix::TASK_NOT_FOUND);
    /// let err = Code::try_from((CatalogId::Planfix, 77)).unwrap_err();
    /// assert_eq!(err.to_string(), r#"unknown code "planfix:77": catalog planfix has no such code"#);
    /// # Ok::<(), Error>(())
    /// ```
    fn try_from((catalog, number): (CatalogId, u32)) -> Result<Code, Error> {
        catalog.code(number).ok_or_else(|| Error::UnknownCode {
            input: format!("{catalog}:{number}"),
            catalog,
            suggestion: None,
        })
    }
}

/// Serializes as the `Display` form and deserializes with `FromStr`, so
/// that what a person may type, a file may hold.
macro_rules! serde_as_string {
    ($($t:ty),*) => {$(
        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }

        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct Visit;
                impl serde::de::Visitor<'_> for Visit {
                    type Value = $t;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str(concat!("a string naming a ", stringify!($t)))
                    }
                    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<$t, E> {
                        v.parse().map_err(E::custom)
                    }
                }
                d.deserialize_str(Visit)
            }
        }
    )*};
}

serde_as_string!(Code, CatalogId, Kind);

/// `str::trim`, with a fast way out for the usual input that has no
/// surrounding white space (the code path of every string lookup).
fn trim(s: &str) -> &str {
    let plain = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_graphic());
    if plain(s.as_bytes().first()) && plain(s.as_bytes().last()) {
        s
    } else {
        s.trim()
    }
}

impl std::str::FromStr for Code {
    type Err = Error;

    /// Parses `<catalog>:<number>`, `<catalog>:<name>`, or a bare number
    /// that exactly one catalog has.
    ///
    /// Surrounding whitespace is ignored, the catalog and the name are
    /// ASCII-case-insensitive, the number may have leading zeros. A number
    /// several catalogs have is an [`Error::AmbiguousCode`] naming them; a
    /// catalog or name that is nearly right is suggested in the error.
    ///
    /// ```
    /// use errcat::{Code, Error, planfix};
    /// assert_eq!("mobizon:030".parse::<Code>().unwrap().to_string(), "mobizon:30");
    /// assert_eq!("1000".parse::<Code>().unwrap(), planfix::TASK_NOT_FOUND);
    /// assert!(matches!("1".parse::<Code>(), Err(Error::AmbiguousCode { .. })));
    /// assert!(matches!("4242".parse::<Code>(), Err(Error::UnknownNumber { .. })));
    /// assert!(matches!("jira:1".parse::<Code>(), Err(Error::UnknownCatalog { .. })));
    /// assert!(matches!("planfix:4242".parse::<Code>(), Err(Error::UnknownCode { .. })));
    /// ```
    fn from_str(input: &str) -> Result<Code, Error> {
        let t = trim(input);
        let invalid = || Error::InvalidCode {
            input: input.to_owned(),
        };
        let Some((catalog, rest)) = t.split_once(':') else {
            if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) {
                return bare_number(input, t);
            }
            return Err(invalid());
        };
        let (catalog, rest) = (trim(catalog), trim(rest));
        if catalog.is_empty() || rest.is_empty() {
            return Err(invalid());
        }
        let catalog: CatalogId = catalog.parse().map_err(|_| Error::UnknownCatalog {
            input: input.to_owned(),
            catalog: catalog.to_owned(),
            suggestion: closest_catalog(catalog),
        })?;
        let unknown = || Error::UnknownCode {
            input: input.to_owned(),
            catalog,
            suggestion: None,
        };
        if rest.bytes().all(|b| b.is_ascii_digit()) {
            // All digits: a number, however long. One that does not fit in
            // u32 is well-formed but cannot be a code of any catalog.
            let number: u32 = rest.parse().map_err(|_| unknown())?;
            return catalog.code(number).ok_or_else(unknown);
        }
        let is_name = rest.starts_with(|c: char| c.is_ascii_alphabetic())
            && rest
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if !is_name {
            return Err(invalid());
        }
        catalog
            .code_by_name(rest)
            .ok_or_else(|| Error::UnknownCode {
                input: input.to_owned(),
                catalog,
                suggestion: closest_code(catalog, rest),
            })
    }
}

/// A bare number: the code of the one catalog that has it. As
/// `rustc --explain` takes `0308` for `E0308`, a user need not name the
/// catalog when only one has the number.
#[cold]
fn bare_number(input: &str, digits: &str) -> Result<Code, Error> {
    let number: Option<u32> = digits.parse().ok();
    let candidates: Vec<Code> = CatalogId::ALL
        .iter()
        .filter_map(|c| c.code(number?))
        .collect();
    match candidates[..] {
        [code] => Ok(code),
        [] => Err(Error::UnknownNumber {
            input: input.to_owned(),
        }),
        _ => Err(Error::AmbiguousCode {
            input: input.to_owned(),
            candidates,
        }),
    }
}

/// How many edits make two ids close enough to suggest one for the other:
/// a third of the length, at least one, at most three.
fn close(given: &str, known: &str) -> Option<usize> {
    let distance = crate::text::edit_distance(&given.to_ascii_lowercase().replace('_', "-"), known);
    let limit = (known.chars().count() / 3).clamp(1, 3);
    (distance <= limit).then_some(distance)
}

/// The catalog whose id is closest to `given`, if one is close.
fn closest_catalog(given: &str) -> Option<CatalogId> {
    CatalogId::ALL
        .into_iter()
        .filter_map(|c| close(given, c.as_str()).map(|d| (d, c)))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// The code of `catalog` whose name is closest to `given`, if one is close.
fn closest_code(catalog: CatalogId, given: &str) -> Option<Code> {
    catalog
        .codes()
        .filter_map(|c| close(given, c.name()).map(|d| (d, c)))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}
