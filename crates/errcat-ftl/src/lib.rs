//! The one piece of code that turns errcat's `.ftl` files into lookup
//! tables, shared by errcat's build script (which compiles the shipped
//! files into the binary) and by errcat's `Catalog::from_dir` (which loads
//! a folder at run time), as ICU4X's baked data and its run-time provider
//! come from one data model:
//!
//! - [`ftl`] reads a file (bounded, decoded, split into entries as the
//!   Fluent grammar delimits them, guarded against the parser's worst
//!   cases) and renders its messages;
//! - [`rules`] is `errcat check`: every rule of [`diagnostic::Rule`];
//! - [`tables`] builds a catalog's tables from a set of files;
//! - [`fallback`] is the fallback policy between locales;
//! - [`phrase`] lists errcat's own words, [`text`] folds text for search.
//!
//! It has no stable API of its own: applications use `errcat`, which
//! re-exports what they need (`errcat::tooling::Diagnostic`,
//! `errcat::tooling::Phrase`, …).

#![warn(missing_docs)]
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

pub mod diagnostic;
pub mod fallback;
pub mod ftl;
pub mod phrase;
pub mod rules;
pub mod tables;
pub mod text;
