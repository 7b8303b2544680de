//! Tools for translators and for publishing the catalogs, apart from the
//! application API at the crate root: `errcat check`'s rules
//! ([`check_dir`], [`check_embedded`], [`Rule`]), the `new-locale` and
//! `stamp` commands ([`scaffold_locale`], [`stamp_locale`]), the HTML error
//! index ([`docs`]), and the helpers they share.
//!
//! An application that explains codes needs none of this; the `errcat`
//! command uses all of it.
//!
//! ```
//! let report = errcat::tooling::check_embedded();
//! assert!(!report.has_errors());
//! use errcat::tooling::Rule;
//! assert!(errcat::tooling::RULES.iter().any(|(rule, _)| *rule == Rule::Stale.id()));
//! ```

pub use crate::check::{Coverage, RULES, Report, check_dir, check_embedded};
pub use crate::diagnostic::{Diagnostic, Rule, Severity};
pub use crate::ftl::stamp::{CONFIRMED_PREFIX, STAMP_PREFIX};
pub use crate::locale::MAX_LOCALE_LEN;
#[cfg(feature = "tooling")]
#[cfg_attr(docsrs, doc(cfg(feature = "tooling")))]
pub use crate::stamp::{Skipped, StampReport, scaffold_locale, stamp_locale, stamp_messages};
pub use crate::text::fold;

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
