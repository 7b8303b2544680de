//! errcat's integration tests: one binary, one module per topic.

mod alloc;
mod args;
mod browser;
mod catalog;
mod check;
mod cli;
mod codes;
mod display;
mod export;
mod files;
mod fixtures;
mod forgiving;
mod hostile;
mod languages;
mod loader;
mod locale;
mod markup;
mod npm;
mod parity;
mod props;
mod root;
#[cfg(all(feature = "server", unix))]
mod serve;
mod support;
mod tables;
mod terminal;
mod traffic;
mod translating;
mod unknown;
mod words;
