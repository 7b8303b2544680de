//! Loads the line-based fixture tables in `tests/fixtures/`.

use std::path::PathBuf;

/// The non-comment lines of a fixture file, split on `sep` and trimmed,
/// with their line numbers.
pub fn rows(name: &str, sep: &str) -> Vec<(usize, Vec<String>)> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let rows: Vec<_> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .map(|(i, l)| (i + 1, l.split(sep).map(|f| f.trim().to_owned()).collect()))
        .collect();
    assert!(!rows.is_empty(), "{name} has no cases");
    rows
}
