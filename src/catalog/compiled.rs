//! The compiled source of a catalog: the tables `build.rs` rendered from
//! the shipped `.ftl` files, as statics. Looking a code up in them parses
//! nothing and touches no heap, and every text is a `&'static str`.
//!
//! `build.rs` ran `errcat check`'s rules on those files and refused to
//! build on an error, so every table here comes from a clean file.

use std::borrow::Cow;

use super::{Catalog, LazyBundle, LocaleEntry, Message, Table, Text};

use crate::ftl::SourceFile;

include!(concat!(env!("OUT_DIR"), "/compiled.rs"));
