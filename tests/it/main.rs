//! errcat's integration tests: one binary, one module per topic.

mod alloc;
mod browser;
mod catalog;
mod check;
mod cli;
mod export;
mod files;
mod fixtures;
mod hostile;
mod loader;
mod locale;
mod npm;
mod parity;
mod props;
#[cfg(all(feature = "server", unix))]
mod serve;
mod support;
mod terminal;
