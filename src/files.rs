//! Every file errcat reads from or writes to a locales folder, an output
//! folder or anywhere else outside the binary goes through here.
//!
//! Reading ([`read`]) is bounded and opens regular files only, so that a
//! named pipe, a device or a `/proc` file in a folder can neither block a
//! command nor fill the memory. Writing ([`write`]) is atomic, so that a
//! full disk or a killed process never leaves a translator's file cut
//! short, and never follows a link out of the folder it writes in.
//!
//! This module knows nothing of catalogs or `.ftl` files: its callers
//! decide what a refusal means (a diagnostic, an error).

pub(crate) mod read;
#[cfg(feature = "tooling")]
pub(crate) mod write;
