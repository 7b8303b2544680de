//! Turns the data of the project into Rust at build time:
//!
//! - `registry/<catalog>.tsv` becomes the static code table and the named
//!   constants (`errcat::planfix::TASK_NOT_FOUND`, …);
//! - every `locales/<lang>/<catalog>.ftl` is embedded with `include_str!`, so
//!   a new locale folder ships without touching Rust.
//!
//! A malformed registry line fails the build with `path:line: message`.

use std::collections::BTreeSet;
use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

type BuildResult<T> = Result<T, Box<dyn std::error::Error>>;

/// The catalogs, in the order of the `CatalogId` enum in `src/code.rs`.
const CATALOGS: [(&str, &str); 2] = [("mobizon", "Mobizon"), ("planfix", "Planfix")];

const KINDS: [(&str, &str); 4] = [
    ("success", "Success"),
    ("accepted", "Accepted"),
    ("partial", "Partial"),
    ("error", "Error"),
];

struct Row {
    number: u32,
    name: String,
    kind: &'static str,
    section: Option<String>,
    retired: bool,
}

fn main() -> BuildResult<()> {
    let root = PathBuf::from(env::var("CARGO_MANIFEST_DIR")?);
    let out = PathBuf::from(env::var("OUT_DIR")?);
    println!("cargo:rerun-if-changed=registry");
    println!("cargo:rerun-if-changed=locales");

    let mut registry = String::new();
    let mut all = Vec::new();
    for (catalog, _) in CATALOGS {
        let path = root.join("registry").join(format!("{catalog}.tsv"));
        println!("cargo:rerun-if-changed={}", path.display());
        let rows = read_registry(&path)?;
        all.push((catalog, rows));
    }
    write_registry(&mut registry, &all)?;
    fs::write(out.join("registry.rs"), registry)?;

    let locales = write_locales(&root.join("locales"))?;
    fs::write(out.join("locales.rs"), locales)?;
    Ok(())
}

fn read_registry(path: &Path) -> BuildResult<Vec<Row>> {
    let text = fs::read_to_string(path)?;
    let mut rows: Vec<Row> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let at = format!("{}:{}", path.display(), i + 1);
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split_whitespace().collect();
        let [number, name, kind, section, status] = cols[..] else {
            return Err(
                format!("{at}: expected 5 columns (number name kind section status)").into(),
            );
        };
        let number: u32 = number
            .parse()
            .map_err(|_| format!("{at}: code number {number:?} is not a u32"))?;
        let kebab = |s: &str| {
            s.starts_with(|c: char| c.is_ascii_lowercase())
                && s.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                && !s.ends_with('-')
                && !s.contains("--")
        };
        if !kebab(name) || name.starts_with("section-") || name == "catalog-title" {
            return Err(format!(
                "{at}: name {name:?} must be kebab-case, not section-* or catalog-title"
            )
            .into());
        }
        let kind = KINDS
            .iter()
            .find(|(k, _)| *k == kind)
            .map(|(_, v)| *v)
            .ok_or_else(|| format!("{at}: unknown kind {kind:?}"))?;
        let section = match section {
            "-" => None,
            s if kebab(s) => Some(s.to_owned()),
            s => return Err(format!("{at}: section {s:?} must be kebab-case or -").into()),
        };
        let retired = match status {
            "active" => false,
            "retired" => true,
            s => return Err(format!("{at}: status {s:?} must be active or retired").into()),
        };
        if rows.iter().any(|r| r.number == number || r.name == name) {
            return Err(format!("{at}: number {number} or name {name:?} appears twice").into());
        }
        // Sorted by number, so that a number is found by binary search.
        if rows.last().is_some_and(|r| r.number > number) {
            return Err(format!("{at}: code {number} must come after the codes below it").into());
        }
        rows.push(Row {
            number,
            name: name.to_owned(),
            kind,
            section,
            retired,
        });
    }
    Ok(rows)
}

fn const_name(name: &str) -> String {
    name.to_ascii_uppercase().replace('-', "_")
}

fn write_registry(out: &mut String, all: &[(&str, Vec<Row>)]) -> BuildResult<()> {
    let total: usize = all.iter().map(|(_, rows)| rows.len()).sum();
    writeln!(
        out,
        "/// Every code of every catalog, grouped by catalog in `CatalogId` order."
    )?;
    writeln!(out, "pub(crate) static CODES: [CodeEntry; {total}] = [")?;
    let mut index = 0usize;
    let mut ranges = Vec::new();
    let mut sections = Vec::new();
    for ((catalog, rows), (_, variant)) in all.iter().zip(CATALOGS) {
        let start = index;
        let mut seen = BTreeSet::new();
        let mut order = Vec::new();
        for row in rows {
            let section = match &row.section {
                Some(s) => {
                    if seen.insert(s.clone()) {
                        order.push(s.clone());
                    }
                    format!("Some({s:?})")
                }
                None => "None".to_owned(),
            };
            writeln!(
                out,
                "    CodeEntry {{ catalog: CatalogId::{variant}, index: {index}, number: {}, name: {:?}, kind: Kind::{}, section: {section}, retired: {} }},",
                row.number, row.name, row.kind, row.retired
            )?;
            index += 1;
        }
        ranges.push(format!("{start}..{index}"));
        sections.push((catalog, order));
    }
    writeln!(out, "];\n")?;
    writeln!(
        out,
        "/// The slice of `CODES` that belongs to each catalog, in `CatalogId` order."
    )?;
    writeln!(
        out,
        "pub(crate) const CATALOG_RANGES: [core::ops::Range<usize>; {}] = [{}];\n",
        ranges.len(),
        ranges.join(", ")
    )?;
    writeln!(out, "/// The sections of each catalog, in registry order.")?;
    writeln!(
        out,
        "pub(crate) const SECTIONS: [&[&str]; {}] = [",
        sections.len()
    )?;
    for (_, order) in &sections {
        writeln!(out, "    &{order:?},")?;
    }
    writeln!(out, "];\n")?;

    let mut index = 0usize;
    for (catalog, rows) in all {
        writeln!(
            out,
            "/// Named codes of the `{catalog}` catalog, generated from `registry/{catalog}.tsv`."
        )?;
        writeln!(out, "pub mod {catalog} {{")?;
        writeln!(out, "    use crate::Code;")?;
        for row in rows {
            let retired = if row.retired { " Retired." } else { "" };
            let section = row
                .section
                .as_deref()
                .map(|s| format!(", section `{s}`"))
                .unwrap_or_default();
            writeln!(
                out,
                "    /// `{catalog}:{}` (`{}`): kind `{}`{section}.{retired}",
                row.number,
                row.name,
                row.kind.to_ascii_lowercase()
            )?;
            writeln!(
                out,
                "    pub const {}: Code = Code::from_entry(&super::CODES[{index}]);",
                const_name(&row.name)
            )?;
            index += 1;
        }
        writeln!(out, "}}\n")?;
    }
    Ok(())
}

/// Lists `locales/<lang>/<catalog>.ftl` in a stable order and embeds each one.
fn write_locales(dir: &Path) -> BuildResult<String> {
    let mut langs: Vec<(String, PathBuf)> = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_type()?.is_dir() {
            if let Some(name) = entry.file_name().to_str() {
                langs.push((name.to_owned(), entry.path()));
            }
        }
    }
    langs.sort();
    let mut out = String::new();
    writeln!(
        out,
        "/// The `.ftl` files found under `locales/` at build time."
    )?;
    writeln!(
        out,
        "pub(crate) static EMBEDDED: &[crate::source::SourceFile<'static>] = &["
    )?;
    for (lang, path) in &langs {
        for (catalog, _) in CATALOGS {
            let file = path.join(format!("{catalog}.ftl"));
            if file.is_file() {
                println!("cargo:rerun-if-changed={}", file.display());
                writeln!(
                    out,
                    "    crate::source::SourceFile {{ locale: {lang:?}, catalog: {catalog:?}, path: {:?}, text: include_bytes!({:?}) }},",
                    format!("locales/{lang}/{catalog}.ftl"),
                    file.display().to_string()
                )?;
            }
        }
    }
    writeln!(out, "];")?;
    Ok(out)
}
