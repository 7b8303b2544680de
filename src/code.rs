//! Codes: which catalog a code belongs to, its number, stable name and kind,
//! and the forgiving parser for `<catalog>:<number>` / `<catalog>:<name>`.
//!
//! This module owns identity only. It knows nothing of locales or texts.

use std::fmt;

use serde::Serialize;

use crate::error::{Error, shown};
use crate::registry::{CATALOG_RANGES, CODES, SECTIONS};

/// One catalog of codes: the API whose responses carry them.
///
/// A number means something only together with its catalog: `1` is a
/// validation error in Mobizon and an invalid token in Planfix.
///
/// ```
/// use errcat::CatalogId;
/// assert_eq!("PlanFix".parse::<CatalogId>().unwrap(), CatalogId::Planfix);
/// assert_eq!(CatalogId::Mobizon.to_string(), "mobizon");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum CatalogId {
    /// The Mobizon SMS API: responses `{code, data, message}`.
    Mobizon,
    /// The Planfix REST API: errors `{Result, Code, Error}`.
    Planfix,
}

impl CatalogId {
    /// Every catalog, in registry order.
    pub const ALL: [CatalogId; 2] = [CatalogId::Mobizon, CatalogId::Planfix];

    /// The catalog's id as written in codes and file names: `mobizon`, `planfix`.
    pub const fn as_str(self) -> &'static str {
        match self {
            CatalogId::Mobizon => "mobizon",
            CatalogId::Planfix => "planfix",
        }
    }

    const fn position(self) -> usize {
        match self {
            CatalogId::Mobizon => 0,
            CatalogId::Planfix => 1,
        }
    }

    /// Every code of this catalog, in registry order (retired ones included).
    ///
    /// ```
    /// use errcat::CatalogId;
    /// assert_eq!(CatalogId::Mobizon.codes().count(), 20);
    /// assert_eq!(CatalogId::Planfix.codes().count(), 53);
    /// ```
    pub fn codes(self) -> impl ExactSizeIterator<Item = Code> + Clone {
        self.entries().iter().map(Code::from_entry)
    }

    /// The ids of this catalog's sections (`tasks`, `contacts`, …), in
    /// registry order. Mobizon has none.
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
        let codes = self.entries();
        let at = codes.binary_search_by_key(&number, |e| e.number).ok()?;
        codes.get(at).map(Code::from_entry)
    }

    fn entries(self) -> &'static [CodeEntry] {
        let range = CATALOG_RANGES.get(self.position()).cloned().unwrap_or(0..0);
        CODES.get(range).unwrap_or(&[])
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
                input: shown(s),
                catalog: shown(t),
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
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
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
}

impl Kind {
    /// `success`, `accepted`, `partial` or `error`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Kind::Success => "success",
            Kind::Accepted => "accepted",
            Kind::Partial => "partial",
            Kind::Error => "error",
        }
    }

    /// Whether the request failed as a whole.
    pub const fn is_error(self) -> bool {
        matches!(self, Kind::Error)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// One row of the registry (generated by `build.rs` from `registry/*.tsv`).
#[derive(Debug)]
pub(crate) struct CodeEntry {
    pub(crate) catalog: CatalogId,
    /// Position in `CODES`; texts are stored by this index.
    pub(crate) index: usize,
    pub(crate) number: u32,
    pub(crate) name: &'static str,
    pub(crate) kind: Kind,
    pub(crate) section: Option<&'static str>,
    pub(crate) retired: bool,
}

/// A code of a catalog, such as `planfix:1000`: cheap to copy and compare,
/// and valid by construction.
///
/// Get one from the named constants ([`planfix::TASK_NOT_FOUND`](crate::planfix::TASK_NOT_FOUND)),
/// from the number an API returned ([`CatalogId::code`]), or by parsing:
///
/// ```
/// use errcat::{Code, planfix};
/// let code: Code = " PLANFIX:task-not-found ".parse().unwrap();
/// assert_eq!(code, planfix::TASK_NOT_FOUND);
/// assert_eq!(code.to_string(), "planfix:1000");
/// assert_eq!(code.name(), "task-not-found");
/// assert_eq!(code.section(), Some("tasks"));
/// ```
#[derive(Clone, Copy)]
pub struct Code(&'static CodeEntry);

impl Code {
    pub(crate) const fn from_entry(entry: &'static CodeEntry) -> Code {
        Code(entry)
    }

    /// The catalog the code belongs to.
    pub const fn catalog(self) -> CatalogId {
        self.0.catalog
    }

    /// The number the API returns.
    pub const fn number(self) -> u32 {
        self.0.number
    }

    /// The stable kebab-case name, also the message id in the `.ftl` files.
    pub const fn name(self) -> &'static str {
        self.0.name
    }

    /// Success, accepted, partial or error.
    pub const fn kind(self) -> Kind {
        self.0.kind
    }

    /// The section of the catalog (`tasks`, `contacts`, …), if it has sections.
    pub const fn section(self) -> Option<&'static str> {
        self.0.section
    }

    /// Whether the API no longer returns this code. Retired codes stay in the
    /// registry so that their numbers and names are never reused.
    pub const fn is_retired(self) -> bool {
        self.0.retired
    }

    pub(crate) const fn index(self) -> usize {
        self.0.index
    }
}

impl PartialEq for Code {
    fn eq(&self, other: &Code) -> bool {
        self.0.index == other.0.index
    }
}

impl Eq for Code {}

impl std::hash::Hash for Code {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.index.hash(state);
    }
}

impl fmt::Debug for Code {
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

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

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

    /// Parses `<catalog>:<number>` or `<catalog>:<name>`.
    ///
    /// Surrounding whitespace is ignored, the catalog and the name are
    /// ASCII-case-insensitive, the number may have leading zeros.
    ///
    /// ```
    /// use errcat::{Code, Error};
    /// assert_eq!("mobizon:030".parse::<Code>().unwrap().to_string(), "mobizon:30");
    /// assert!(matches!("1000".parse::<Code>(), Err(Error::InvalidCode { .. })));
    /// assert!(matches!("jira:1".parse::<Code>(), Err(Error::UnknownCatalog { .. })));
    /// assert!(matches!("planfix:4242".parse::<Code>(), Err(Error::UnknownCode { .. })));
    /// ```
    fn from_str(input: &str) -> Result<Code, Error> {
        let t = trim(input);
        let invalid = || Error::InvalidCode {
            input: shown(input),
        };
        let (catalog, rest) = t.split_once(':').ok_or_else(invalid)?;
        let (catalog, rest) = (trim(catalog), trim(rest));
        if catalog.is_empty() || rest.is_empty() {
            return Err(invalid());
        }
        let catalog: CatalogId = catalog.parse().map_err(|_| Error::UnknownCatalog {
            input: shown(input),
            catalog: shown(catalog),
        })?;
        let unknown = || Error::UnknownCode {
            input: shown(input),
            catalog,
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
        catalog.code_by_name(rest).ok_or_else(unknown)
    }
}
