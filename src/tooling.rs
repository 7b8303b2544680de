//! Tools for translators and for publishing the catalogs, apart from the
//! application API at the crate root: `errcat check`'s rules
//! ([`check_dir`], [`check_embedded`], [`Rule`]), the `new-locale` and
//! `stamp` commands ([`scaffold_locale`], [`stamp_locale`]), the preview
//! of a locales folder ([`preview_dir`]), the HTML error index ([`docs`]),
//! the front-end export ([`export_all`], [`write_all`]), errcat's own
//! words around the codes ([`Phrase`], for front-ends that say them), and
//! the helpers they share.
//!
//! An application that explains codes needs none of this but [`Phrase`],
//! and that only to say errcat's own words around the texts
//! (`Catalog::phrase`, `Kind::phrase`); the `errcat` command uses all of
//! it.
//!
//! ```
//! let report = errcat::tooling::check_embedded();
//! assert!(!report.has_errors());
//! use errcat::tooling::Rule;
//! assert!(errcat::tooling::RULES.iter().any(|(rule, _)| *rule == Rule::Stale.id()));
//! ```

pub use crate::check::{Coverage, RULES, Report, check_dir, check_embedded};
pub use crate::diagnostic::{Diagnostic, Rule, Severity};
#[cfg(feature = "tooling")]
#[cfg_attr(docsrs, doc(cfg(feature = "tooling")))]
pub use crate::export_all::{ExportAll, export_all, write_all};
pub use crate::ftl::stamp::{CONFIRMED_PREFIX, STAMP_PREFIX};
pub use crate::locale::MAX_LOCALE_LEN;
pub use crate::phrase::Phrase;
#[cfg(feature = "tooling")]
#[cfg_attr(docsrs, doc(cfg(feature = "tooling")))]
pub use crate::stamp::{Skipped, StampReport, scaffold_locale, stamp_locale, stamp_messages};
pub use crate::text::fold;

/// A locales folder as `errcat` previews it (`--locales DIR`) and
/// `errcat serve` serves it: read once, checked as
/// [`check_dir`] checks it, and loaded as [`Catalog::from_dir`] loads it,
/// except that a message in which the check finds an error (a misspelled
/// `$variable`, a missing `.hint`, …) is left out, as a syntax error
/// leaves it out, and falls back along its chain like a missing one. The
/// report holds every finding, the check's and the loader's, once each,
/// in `path:line:col` order, with the check's coverage. Only a folder that
/// cannot be read at all is an error.
///
/// ```
/// use errcat::tooling::{Severity, preview_dir};
/// let dir = std::env::temp_dir().join(format!("errcat-preview-dir-doc-{}", std::process::id()));
/// std::fs::create_dir_all(dir.join("de")).unwrap();
/// std::fs::write(
///     dir.join("de/planfix.ftl"),
///     "task-not-found = Die Aufgabe gibt es nicht.\n    .title = Aufgabe nicht gefunden\n\
///      task-add-failed = Die Aufgabe wurde nicht angelegt { $tsk }\n    .title = Nicht angelegt\n",
/// ).unwrap();
/// let (catalog, report) = preview_dir(&dir)?;
/// assert_eq!(catalog.explain("planfix:1000", "de")?.title(), "Aufgabe nicht gefunden");
/// // The misspelled variable: its message falls back, and the report says why.
/// assert_eq!(catalog.explain("planfix:task-add-failed", "de")?.locale().to_string(), "en");
/// let error = report.diagnostics.iter().find(|d| d.severity == Severity::Error).unwrap();
/// assert_eq!((error.line, error.rule), (3, "variables"));
/// assert_eq!(report.coverage[0].translated, 2);
/// # std::fs::remove_dir_all(&dir).unwrap();
/// # Ok::<(), errcat::Error>(())
/// ```
///
/// [`Catalog::from_dir`]: crate::Catalog::from_dir
pub fn preview_dir(
    dir: impl AsRef<std::path::Path>,
) -> Result<(crate::Catalog, Report), crate::Error> {
    crate::Catalog::from_dir_checked(dir.as_ref())
}

#[cfg(feature = "tooling")]
#[cfg_attr(docsrs, doc(cfg(feature = "tooling")))]
/// The HTML error index: every code of both catalogs in every shipped
/// language, on one self-contained page (`errcat docs`).
///
/// ```
/// let page = errcat::tooling::docs::render_index(errcat::Catalog::embedded());
/// assert!(page.contains("planfix-1000"));
/// ```
pub mod docs {
    pub use crate::docs::*;
}
