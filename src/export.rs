//! Exports for front-ends: one locale's texts with fallback applied
//! ([`Export`]). Everything at once, for a front-end that resolves codes
//! itself, is in `export_all` (the `tooling` feature). Built on the
//! catalog's lookups; no lookup logic here.

use serde::ser::{Serialize, SerializeMap, SerializeStruct, Serializer};

use crate::catalog::Catalog;
use crate::code::CatalogId;
use crate::error::Error;
use crate::explanation::Explanation;
use crate::fallback::FallbackChain;
use crate::search::all_codes;

/// Every code's text for one chain, in registry order: serializes as one
/// object mapping `catalog:number` to `{title, explanation, hint, kind,
/// locale}`, where `locale` says which locale served it.
///
/// ```
/// let catalog = errcat::Catalog::embedded();
/// let chain = catalog.chain("kk").unwrap();
/// let export = catalog.export(&chain, Some(errcat::CatalogId::Mobizon)).unwrap();
/// let json = serde_json::to_value(&export).unwrap();
/// assert_eq!(json.as_object().unwrap().len(), 20);
/// assert_eq!(json["mobizon:30"]["locale"], "kk");
/// assert_eq!(json["mobizon:30"]["kind"], "error");
/// ```
#[derive(Debug, Clone)]
pub struct Export<'a> {
    pub(crate) entries: Vec<Explanation<'a>>,
}

impl<'a> Export<'a> {
    /// The explanations, in registry order.
    ///
    /// ```
    /// let catalog = errcat::Catalog::embedded();
    /// let export = catalog.export(&catalog.chain("kk")?, None)?;
    /// assert_eq!(export.entries().len(), 94);
    /// # Ok::<(), errcat::Error>(())
    /// ```
    pub fn entries(&self) -> &[Explanation<'a>] {
        &self.entries
    }
}

impl Catalog {
    /// Every code's text along `chain` (of one catalog, or of all), for a
    /// front-end bundle: see [`Export`].
    ///
    /// ```
    /// let catalog = errcat::Catalog::embedded();
    /// let export = catalog.export(&catalog.chain("ru")?, Some(errcat::CatalogId::Mobizon))?;
    /// assert_eq!(export.entries().len(), 20);
    /// # Ok::<(), errcat::Error>(())
    /// ```
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
}

impl Serialize for Export<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.entries.len()))?;
        for e in &self.entries {
            map.serialize_entry(&e.code_text().to_string(), &Entry(e))?;
        }
        map.end()
    }
}

struct Entry<'e, 'a>(&'e Explanation<'a>);

impl Serialize for Entry<'_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let e = self.0;
        let mut o = s.serialize_struct("Entry", 5)?;
        o.serialize_field("title", e.title())?;
        o.serialize_field("explanation", e.explanation())?;
        o.serialize_field("hint", &e.hint())?;
        o.serialize_field("kind", &e.kind())?;
        o.serialize_field("locale", &e.locale().to_string())?;
        o.end()
    }
}
