//! Clear explanations of the numeric error codes of real APIs, in English,
//! Russian, Ukrainian and Kazakh.
//!
//! ```
//! let catalog = errcat::Catalog::embedded();
//! let e = catalog.explain("planfix:1000", "kk-KZ")?;
//! println!("{}: {}", e.code_text(), e.title());
//! assert_eq!(e.locale().to_string(), "kk");
//! # Ok::<(), errcat::Error>(())
//! ```
//!
//! The core concepts:
//!
//! - a [`Code`] is a code of one catalog ([`CatalogId`]): `planfix:1000`, also
//!   reachable by its stable name `planfix:task-not-found` and as the
//!   constant [`planfix::TASK_NOT_FOUND`];
//! - the [`Catalog`] holds every code's text in every shipped locale and
//!   answers lookups with an [`Explanation`];
//! - a [`FallbackChain`] says which locales to try, in order, when the
//!   requested one has no text: kk → ru → en, uk → en, others → en (see
//!   [`FALLBACK_TABLE`]);
//! - every failure is an [`Error`] naming the input.
//!
//! Translator tooling (`errcat check`'s rules, `stamp`, the HTML index) is
//! in [`tooling`], apart from this application API; what of it writes
//! files needs the `tooling` feature.
//!
//! For hot loops, parse once and use the typed path, which neither parses
//! nor allocates:
//!
//! ```
//! use errcat::{Catalog, CatalogId, mobizon};
//! let catalog = Catalog::embedded();
//! let chain = catalog.chain("uk-UA")?;
//! let e = catalog.lookup(mobizon::RATE_LIMIT_EXCEEDED, &chain)?;
//! assert_eq!(e.locale().to_string(), "uk");
//! // From the number an API returned:
//! let code = CatalogId::Mobizon.code(30).unwrap();
//! assert_eq!(code, mobizon::RATE_LIMIT_EXCEEDED);
//! # Ok::<(), errcat::Error>(())
//! ```
//!
//! # Markup
//!
//! Texts carry one kind of markup: API identifiers (field and parameter
//! names, method paths) are Markdown code spans, as in
//! ``Invalid `module` parameter`` or ``The `data` field lists…``. Nothing
//! else is marked up: no emphasis, links or HTML. [`Explanation::title`],
//! [`explanation`](Explanation::explanation) and [`hint`](Explanation::hint)
//! give the texts with their code spans, for renderers that show them as
//! code; [`plain_title`](Explanation::plain_title),
//! [`plain_explanation`](Explanation::plain_explanation) and
//! [`plain_hint`](Explanation::plain_hint) give them without the backticks,
//! and `Display` shows plain text.
//!
//! ```
//! let e = errcat::Catalog::embedded().explain("mobizon:5", "en")?;
//! assert_eq!(e.title(), "Invalid `method` parameter");
//! assert_eq!(e.plain_title(), "Invalid method parameter");
//! assert_eq!(e.to_string(), "Invalid method parameter");
//! # Ok::<(), errcat::Error>(())
//! ```
//!
//! # Features
//!
//! - `cli` (default): the `errcat` command-line tool. Libraries and UIs
//!   depend on `errcat` with `default-features = false`.
//! - `tooling` (with `cli`): what writes files for translators and
//!   publishers — `tooling::stamp_locale` and `tooling::scaffold_locale`,
//!   the HTML index (`tooling::docs`), and the front-end export
//!   (`export_all`, `write_all`). It adds sha2, base64 and tempfile, which
//!   lookups never need; the checker (`tooling::check_dir`) is there
//!   without it.
//! - `server`: [`server`], the catalog as an HTTP JSON service, and with
//!   `cli` the `errcat serve` command. Off by default: it brings tokio,
//!   hyper and axum, which neither the library nor the other commands need.
//! - `system-locale`: `system_locales()` and
//!   `Catalog::chain_for_system()`, the operating system's preferred
//!   languages for desktop applications (adds the `sys-locale` crate).
//!   Without it, [`env_locales`] and [`Catalog::chain_for_env`] read the
//!   environment as gettext does.

#![warn(missing_docs)]
// On docs.rs (see `[package.metadata.docs.rs]`), items that need a feature
// carry a badge naming it. Stable builds never see this line.
#![cfg_attr(docsrs, feature(doc_cfg))]
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

mod accept_language;
mod answer;
mod args;
mod catalog;
mod check;
mod code;
#[cfg(feature = "tooling")]
mod docs;
mod error;
mod explanation;
mod export;
#[cfg(feature = "tooling")]
mod export_all;
mod fallback;
mod files;
mod locale;
mod localized;
mod registry;
mod response;
mod search;
#[cfg(feature = "server")]
#[cfg_attr(docsrs, doc(cfg(feature = "server")))]
pub mod server;
mod source;
#[cfg(feature = "tooling")]
mod stamp;
// The service escapes log fields as the CLI escapes its text output.
mod system;
#[cfg(feature = "server")]
#[allow(dead_code)]
mod terminal;
pub mod tooling;

// The Fluent reader, checker and table builder, shared with build.rs.
use errcat_ftl::{diagnostic, ftl, phrase, text};

pub use accept_language::parse_accept_language;
pub use answer::{RecipientAnswer, ResponseAnswer, SummaryAnswer};
pub use args::{Arg, Args};
pub use catalog::Catalog;
pub use code::{CatalogId, Code, Kind};
pub use error::{Error, ResponseProblem};
pub use explanation::{Explanation, StoredTexts};
pub use export::Export;
pub use fallback::{FALLBACK_TABLE, FallbackChain, LAST_RESORT};
pub use locale::parse_locale;
pub use localized::{LocalizedCode, LocalizedError};
pub use registry::{mobizon, mobizon_recipient, planfix};
pub use response::{ApiResponse, RecipientResult, RecipientSummary};
pub use search::SearchHit;
pub use system::env_locales;
#[cfg(feature = "system-locale")]
pub use system::system_locales;
/// The language identifiers errcat's signatures take and give
/// ([`FallbackChain::locales`], [`Explanation::locale`], …), re-exported so
/// that an application needs no dependency of its own to name them.
///
/// ```
/// use errcat::unic_langid::langid;
/// let e = errcat::Catalog::embedded().explain("planfix:1000", "kk-KZ")?;
/// assert_eq!(*e.locale(), langid!("kk"));
/// # Ok::<(), errcat::Error>(())
/// ```
pub use unic_langid;
pub use unic_langid::LanguageIdentifier;

/// The README's Rust examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
