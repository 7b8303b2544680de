//! Turns the data of the project into Rust at build time:
//!
//! - `registry/<catalog>.tsv` becomes the static code table and the named
//!   constants (`errcat::planfix::TASK_NOT_FOUND`, …);
//! - every `locales/<lang>/<catalog>.ftl` is checked by `errcat check`'s
//!   own rules, then rendered into the compiled catalog: static tables of
//!   `&'static str` indexed by locale slot and code, and each locale's
//!   fallback chain as a static slot array;
//! - the files are also embedded as they are, for `check_embedded`, for
//!   `stamp` and for catalogs loaded from a folder that lacks some of them.
//!
//! A malformed registry line fails the build with `path:line: message`; a
//! shipped file with anything `errcat check` calls an error fails it with
//! `path:line:col: error: rule: message`, so a broken file never compiles.
//!
//! The tables come from `errcat_ftl::tables::build`, the table builder
//! `Catalog::from_dir` runs on a folder: one piece of code for the build
//! and for run time.

use std::collections::BTreeSet;
use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use unic_langid::LanguageIdentifier;

use errcat_ftl::fallback::LAST_RESORT;
use errcat_ftl::ftl::SourceFile;
use errcat_ftl::phrase::{self, Phrase};
use errcat_ftl::rules::{CatalogRules, broken_lines, check_sources};
use errcat_ftl::tables::{self, CatalogSpec, Kept, Tables, Text};

type BuildResult<T> = Result<T, Box<dyn std::error::Error>>;

const KINDS: [(&str, &str); 4] = [
    ("success", "Success"),
    ("accepted", "Accepted"),
    ("partial", "Partial"),
    ("error", "Error"),
];

/// The extra messages a catalog may list in `registry/catalogs.tsv`, for
/// answers that carry no code of the registry: message id, kind and the
/// `$variables` its text may use. They follow the catalog's codes in
/// `CODES`, outside `CATALOG_RANGES`, so no number or name finds them.
const EXTRA_KINDS: [(&str, &str, &[&str]); 2] = [
    // A number the registry does not have: `$number` is that number,
    // `$message` the server's own text, when the response has one.
    ("unknown-code", "Unknown", &["number", "message"]),
    // A success that carries no code (Planfix's `{"result": "success"}`).
    ("success", "Success", &[]),
];

/// The response shapes of `registry/catalogs.tsv`, and their `Shape` variants.
const SHAPES: [(&str, &str); 3] = [
    ("mobizon", "Mobizon"),
    ("planfix", "Planfix"),
    ("item", "Item"),
];

/// One line of `registry/catalogs.tsv`.
struct CatalogDef {
    id: &'static str,
    variant: String,
    shape: &'static str,
    extras: Vec<(&'static str, &'static str, &'static [&'static str])>,
    title: String,
}

impl CatalogDef {
    /// The module of the catalog's named constants: `mobizon_recipient`.
    fn module(&self) -> String {
        self.id.replace('-', "_")
    }
}

/// Reads `registry/catalogs.tsv`.
fn read_catalogs(path: &Path) -> BuildResult<Vec<CatalogDef>> {
    let text = fs::read_to_string(path)?;
    let mut defs: Vec<CatalogDef> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let at = format!("{}:{}", path.display(), i + 1);
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut cols = line.split_whitespace();
        let (Some(id), Some(variant), Some(shape), Some(extras)) =
            (cols.next(), cols.next(), cols.next(), cols.next())
        else {
            return Err(format!("{at}: expected 5 columns (id variant shape extras title)").into());
        };
        let title = cols.collect::<Vec<_>>().join(" ");
        if !kebab(id) || id == phrase::FILE {
            return Err(format!(
                "{at}: catalog id {id:?} must be kebab-case and not {:?}",
                phrase::FILE
            )
            .into());
        }
        if !variant.starts_with(|c: char| c.is_ascii_uppercase())
            || !variant.bytes().all(|b| b.is_ascii_alphanumeric())
        {
            return Err(format!("{at}: variant {variant:?} must be a Rust type name").into());
        }
        let shape = SHAPES
            .iter()
            .find(|(s, _)| *s == shape)
            .map(|(s, _)| *s)
            .ok_or_else(|| format!("{at}: unknown shape {shape:?} (mobizon, planfix or item)"))?;
        let extras = extras
            .split(',')
            .filter(|e| *e != "-")
            .map(|e| {
                EXTRA_KINDS
                    .iter()
                    .find(|(n, _, _)| *n == e)
                    .copied()
                    .ok_or_else(|| format!("{at}: unknown extra {e:?} (unknown-code or success)"))
            })
            .collect::<Result<Vec<_>, _>>()?;
        if title.is_empty() {
            return Err(format!("{at}: the catalog needs a title").into());
        }
        if defs.iter().any(|d| d.id == id || d.variant == variant) {
            return Err(
                format!("{at}: catalog {id:?} or variant {variant:?} appears twice").into(),
            );
        }
        defs.push(CatalogDef {
            id: String::from(id).leak(),
            variant: variant.to_owned(),
            shape,
            extras,
            title,
        });
    }
    if defs.is_empty() {
        return Err(format!("{}: no catalogs", path.display()).into());
    }
    Ok(defs)
}

/// A stable id: lower-case kebab-case.
fn kebab(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_lowercase())
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.ends_with('-')
        && !s.contains("--")
}

/// Every message id of a catalog's file that is a code's: the registry's
/// codes, then the catalog's extras.
fn message_ids<'a>(catalog: &CatalogDef, rows: &'a [Row]) -> Vec<&'a str> {
    code_variables(catalog, rows)
        .into_iter()
        .map(|(id, _)| id)
        .collect()
}

/// [`message_ids`], each with the `$variables` its texts may use.
fn code_variables<'a>(
    catalog: &CatalogDef,
    rows: &'a [Row],
) -> Vec<(&'a str, &'static [&'static str])> {
    rows.iter()
        .map(|r| (r.name.as_str(), &[] as &[&str]))
        .chain(catalog.extras.iter().map(|e| (e.0, e.2)))
        .collect()
}

struct Row {
    number: u32,
    name: String,
    kind: &'static str,
    section: Option<String>,
    retired: bool,
    http: u16,
}

fn main() {
    if let Err(error) = run() {
        // One `cargo::error` per line: cargo shows each as an error and
        // fails the build, and an editor or a CI log links `path:line:col`.
        for line in error.to_string().lines() {
            println!("cargo::error={line}");
        }
    }
}

fn run() -> BuildResult<()> {
    let root = PathBuf::from(env::var("CARGO_MANIFEST_DIR")?);
    let out = PathBuf::from(env::var("OUT_DIR")?);
    println!("cargo:rerun-if-changed=registry");
    println!("cargo:rerun-if-changed=locales");

    let mut registry = String::new();
    let defs = read_catalogs(&root.join("registry").join("catalogs.tsv"))?;
    let mut all = Vec::new();
    for def in &defs {
        let path = root.join("registry").join(format!("{}.tsv", def.id));
        println!("cargo:rerun-if-changed={}", path.display());
        let rows = read_registry(&path)?;
        all.push((def.id, rows));
    }
    let released_path = root.join("registry").join("released-locales.txt");
    println!("cargo:rerun-if-changed={}", released_path.display());
    let released = read_released(&released_path)?;
    let found = read_locales(&root, &root.join("locales"), &defs)?;
    let sources: Vec<SourceFile<'_>> = found.iter().map(ShippedFile::source).collect();
    let catalogs: Vec<CatalogRules<'_>> = defs
        .iter()
        .zip(&all)
        .map(|(def, (catalog, rows))| {
            CatalogRules::new(catalog, sections_of(rows), code_variables(def, rows))
        })
        .chain(std::iter::once(CatalogRules::phrases(
            phrase::FILE,
            Phrase::ALL.iter().map(|p| (p.id(), p.variables())),
        )))
        .collect();
    let released_refs: Vec<&str> = released.iter().map(String::as_str).collect();
    let report = check_sources(&sources, &[], &catalogs, &released_refs);
    // A translator's work in progress never stops a build: every finding
    // is a warning here. `errcat check` (and CI through it) is the release
    // gate that refuses errors, and missing messages in a released locale.
    let mut warnings: Vec<String> = report.diagnostics.iter().map(ToString::to_string).collect();
    // Only the released locales are compiled in; the others are previewed
    // from the folder (`--locales locales`) until they are listed.
    let files: Vec<ShippedFile> = found
        .into_iter()
        .filter(|f| released.contains(&f.locale))
        .collect();
    if !files.iter().any(|f| f.locale == LAST_RESORT) {
        return Err(format!(
            "{}: `{}` must be released and have its files in locales/{}/",
            released_path.display(),
            LAST_RESORT,
            LAST_RESORT
        )
        .into());
    }
    // A message in which the check finds an error is left out and served by
    // fallback, as `--locales` previews the same folder.
    let broken = broken_lines(&report);
    let sources: Vec<SourceFile<'_>> = files.iter().map(ShippedFile::source).collect();
    let specs: Vec<CatalogSpec<'_>> = defs
        .iter()
        .zip(&all)
        .map(|(def, (_, rows))| CatalogSpec {
            id: def.id,
            codes: message_ids(def, rows),
            sections: sections_of(rows),
        })
        .collect();
    let mut diagnostics = Vec::new();
    let tables = tables::build(&sources, &specs, &broken, &mut diagnostics);
    // What could not be rendered is left out and served by fallback.
    warnings.extend(diagnostics.iter().map(ToString::to_string));
    // The constants' documentation shows each code's English title.
    let titles = english_titles(&tables, &specs, &all);
    write_catalogs(&mut registry, &defs, &released)?;
    write_registry(&mut registry, &defs, &all, &titles)?;
    fs::write(out.join("registry.rs"), registry)?;
    fs::write(out.join("locales.rs"), write_embedded(&files)?)?;
    fs::write(
        out.join("compiled.rs"),
        write_compiled(&tables, &files, specs.len())?,
    )?;
    report_warnings(&warnings);
    Ok(())
}

/// Reads `registry/released-locales.txt`: the locales that ship, one tag
/// per line.
fn read_released(path: &Path) -> BuildResult<Vec<String>> {
    let text = fs::read_to_string(path)?;
    let mut released = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if line.parse::<LanguageIdentifier>().is_err() || released.iter().any(|r| r == line) {
            return Err(format!(
                "{}:{}: {line:?} is not a locale tag, or appears twice",
                path.display(),
                i + 1
            )
            .into());
        }
        released.push(line.to_owned());
    }
    Ok(released)
}

/// The most findings printed as build warnings; `cargo run -- check` lists all.
const MAX_WARNINGS: usize = 20;

/// Prints each finding once as a cargo warning (`path:line:col: …`, which
/// editors and CI logs link), up to [`MAX_WARNINGS`].
fn report_warnings(warnings: &[String]) {
    let mut seen = BTreeSet::new();
    let unique: Vec<&String> = warnings.iter().filter(|w| seen.insert(*w)).collect();
    for line in unique.iter().take(MAX_WARNINGS).flat_map(|w| w.lines()) {
        println!("cargo::warning={line}");
    }
    if unique.len() > MAX_WARNINGS {
        println!(
            "cargo::warning={} more findings in locales/: `cargo run -- check` lists them all",
            unique.len() - MAX_WARNINGS
        );
    }
}

/// `CatalogId`'s variants and tables, and the released locales, from
/// `registry/catalogs.tsv` and `registry/released-locales.txt`.
fn write_catalogs(out: &mut String, defs: &[CatalogDef], released: &[String]) -> BuildResult<()> {
    writeln!(
        out,
        "/// One catalog of codes: the API (or the part of an API's answer) whose\n/// responses carry them. Generated from `registry/catalogs.tsv`.\n///\n/// A number means something only together with its catalog: `1` is a\n/// validation error in Mobizon and an invalid token in Planfix.\n///\n/// ```\n/// use errcat::CatalogId;\n/// assert_eq!(\"PlanFix\".parse::<CatalogId>().unwrap(), CatalogId::Planfix);\n/// assert_eq!(CatalogId::Mobizon.to_string(), \"mobizon\");\n/// ```\n///\n/// It serializes (serde) as its id, `\"planfix\"`, and deserializes from\n/// whatever [`str::parse`] accepts:\n///\n/// ```\n/// use errcat::CatalogId;\n/// assert_eq!(serde_json::to_string(&CatalogId::Planfix).unwrap(), r#\"\"planfix\"\"#);\n/// assert_eq!(serde_json::from_str::<CatalogId>(r#\"\" Mobizon \"\"#).unwrap(), CatalogId::Mobizon);\n/// ```\n#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]\n#[non_exhaustive]\npub enum CatalogId {{"
    )?;
    for def in defs {
        writeln!(
            out,
            "    /// {}\n    {},",
            doc_text(&def.title),
            def.variant
        )?;
    }
    writeln!(out, "}}\n")?;
    let list =
        |f: &dyn Fn(&CatalogDef) -> String| defs.iter().map(f).collect::<Vec<_>>().join(", ");
    writeln!(
        out,
        "/// Every catalog, in registry order.\npub(crate) const CATALOG_IDS: [CatalogId; {}] = [{}];\n",
        defs.len(),
        list(&|d| format!("CatalogId::{}", d.variant))
    )?;
    writeln!(
        out,
        "/// Each catalog's id.\npub(crate) const fn catalog_name(id: CatalogId) -> &'static str {{\n    match id {{"
    )?;
    for def in defs {
        writeln!(out, "        CatalogId::{} => {:?},", def.variant, def.id)?;
    }
    writeln!(out, "    }}\n}}\n")?;
    writeln!(
        out,
        "/// How each catalog's responses carry its codes.\npub(crate) const fn catalog_shape(id: CatalogId) -> Shape {{\n    match id {{"
    )?;
    for def in defs {
        let variant = SHAPES
            .iter()
            .find(|(s, _)| *s == def.shape)
            .map_or("Mobizon", |(_, v)| v);
        writeln!(
            out,
            "        CatalogId::{} => Shape::{variant},",
            def.variant
        )?;
    }
    writeln!(out, "    }}\n}}\n")?;
    writeln!(
        out,
        "/// The locales that ship, from `registry/released-locales.txt`.\npub(crate) const RELEASED: [&str; {}] = {released:?};\n",
        released.len()
    )?;
    Ok(())
}

/// The section ids of a catalog, in registry order.
fn sections_of(rows: &[Row]) -> Vec<&str> {
    let mut seen = BTreeSet::new();
    rows.iter()
        .filter_map(|r| r.section.as_deref())
        .filter(|s| seen.insert(*s))
        .collect()
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
        // The seventh column, `source`, says which vendor document a code
        // comes from; it is documentation for maintainers only.
        let (&[number, name, kind, section, status, http]
        | &[number, name, kind, section, status, http, _]) = &cols[..]
        else {
            return Err(format!(
                "{at}: expected 6 or 7 columns (number name kind section status http [source])"
            )
            .into());
        };
        let http: u16 = http
            .parse()
            .ok()
            .filter(|h| (100..=599).contains(h))
            .ok_or_else(|| format!("{at}: HTTP status {http:?} is not a number from 100 to 599"))?;
        let number: u32 = number
            .parse()
            .map_err(|_| format!("{at}: code number {number:?} is not a u32"))?;
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
            http,
        });
    }
    Ok(rows)
}

fn const_name(name: &str) -> String {
    name.to_ascii_uppercase().replace('-', "_")
}

/// `(catalog, code name)` → the English title, as the compiled catalog
/// has it.
fn english_titles(
    tables: &Tables,
    specs: &[CatalogSpec<'_>],
    all: &[(&str, Vec<Row>)],
) -> std::collections::HashMap<(String, String), String> {
    let mut titles = std::collections::HashMap::new();
    let Some(slot) = tables.locales.iter().position(|l| *l == LAST_RESORT) else {
        return titles;
    };
    let (starts, length) = tables::code_offsets(specs);
    for (start, (catalog, rows)) in starts.iter().zip(all) {
        for (i, row) in rows.iter().enumerate() {
            if let Some(Some(m)) = tables.messages.get(slot * length + start + i) {
                if let Text::Plain(title) = &m.title {
                    titles.insert(((*catalog).to_owned(), row.name.clone()), title.to_string());
                }
            }
        }
    }
    titles
}

fn write_registry(
    out: &mut String,
    defs: &[CatalogDef],
    all: &[(&str, Vec<Row>)],
    titles: &std::collections::HashMap<(String, String), String>,
) -> BuildResult<()> {
    let extras: usize = defs.iter().map(|d| d.extras.len()).sum();
    let total: usize = all.iter().map(|(_, rows)| rows.len()).sum::<usize>() + extras;
    if total > usize::from(u16::MAX) {
        return Err(format!("{total} codes: a code's index must fit in u16").into());
    }
    writeln!(
        out,
        "/// Every code of every catalog, grouped by catalog in `CatalogId` order."
    )?;
    writeln!(out, "pub(crate) static CODES: [CodeEntry; {total}] = [")?;
    let mut index = 0usize;
    let mut ranges = Vec::new();
    let mut messages = Vec::new();
    let mut extras = Vec::new();
    let mut sections = Vec::new();
    for ((catalog, rows), def) in all.iter().zip(defs) {
        let variant = &def.variant;
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
                "    CodeEntry {{ catalog: CatalogId::{variant}, number: {}, name: {:?}, kind: Kind::{}, section: {section}, retired: {}, http_status: {}, registered: true, variables: &[] }},",
                row.number, row.name, row.kind, row.retired, row.http
            )?;
            index += 1;
        }
        ranges.push(format!("{start}..{index}"));
        for (name, kind, variables) in &def.extras {
            let http = if *kind == "Success" { 200 } else { 500 };
            writeln!(
                out,
                "    CodeEntry {{ catalog: CatalogId::{variant}, number: 0, name: {name:?}, kind: Kind::{kind}, section: None, retired: false, http_status: {http}, registered: false, variables: &{variables:?} }},",
            )?;
            extras.push(format!("(CatalogId::{variant}, {name:?}, {index})"));
            index += 1;
        }
        messages.push(format!("{start}..{index}"));
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
    writeln!(
        out,
        "/// The slice of `CODES` with each catalog's messages: its codes, then its extras."
    )?;
    writeln!(
        out,
        "pub(crate) const MESSAGE_RANGES: [core::ops::Range<usize>; {}] = [{}];\n",
        messages.len(),
        messages.join(", ")
    )?;
    writeln!(
        out,
        "/// The extra messages: catalog, id, position in `CODES`."
    )?;
    writeln!(
        out,
        "pub(crate) const EXTRAS: [(CatalogId, &str, u16); {}] = [{}];\n",
        extras.len(),
        extras.join(", ")
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
    for ((catalog, rows), def) in all.iter().zip(defs) {
        let module = def.module();
        let first = rows.first().map_or(String::new(), |r| const_name(&r.name));
        writeln!(
            out,
            "/// Named codes of the `{catalog}` catalog, generated from `registry/{catalog}.tsv`.\n///\n/// ```\n/// let code = errcat::{module}::{first};\n/// assert_eq!(code.catalog().as_str(), {catalog:?});\n/// ```"
        )?;
        writeln!(out, "pub mod {module} {{")?;
        writeln!(out, "    use crate::Code;")?;
        for row in rows {
            let retired = if row.retired { " Retired." } else { "" };
            let section = row
                .section
                .as_deref()
                .map(|s| format!(", section `{s}`"))
                .unwrap_or_default();
            let english = titles.get(&((*catalog).to_owned(), row.name.clone()));
            let title = english
                .map(|t| format!(" {}", doc_text(t)))
                .unwrap_or_default();
            // The example looks the title up, so that the doctest proves
            // the title above is the catalog's English one (a code without
            // an English title gets an example that fails).
            let english = english.map_or("", String::as_str);
            let name = const_name(&row.name);
            writeln!(
                out,
                "    /// `{catalog}:{}` (`{}`):{title}\n    ///\n    /// Kind `{}`{section}; suggested HTTP status {}.{retired}\n    ///\n    /// ```\n    /// assert_eq!(errcat::{module}::{name}.to_string(), \"{catalog}:{}\");\n    /// let catalog = errcat::Catalog::embedded();\n    /// let e = catalog.lookup(errcat::{module}::{name}, &catalog.chain(\"en\")?)?;\n    /// assert_eq!(e.title(), {english:?});\n    /// # Ok::<(), errcat::Error>(())\n    /// ```",
                row.number,
                row.name,
                row.kind.to_ascii_lowercase(),
                row.http,
                row.number,
            )?;
            writeln!(
                out,
                "    pub const {name}: Code = Code::from_index({index});"
            )?;
            index += 1;
        }
        index += def.extras.len();
        writeln!(out, "}}\n")?;
    }
    Ok(())
}

/// A shipped `.ftl` file, read at build time.
struct ShippedFile {
    locale: String,
    catalog: &'static str,
    /// `locales/<lang>/<catalog>.ftl`, as diagnostics show it.
    path: String,
    /// The absolute path, for `include_bytes!`.
    absolute: String,
    text: Vec<u8>,
}

impl ShippedFile {
    fn source(&self) -> SourceFile<'_> {
        SourceFile {
            locale: &self.locale,
            catalog: self.catalog,
            path: &self.path,
            text: &self.text,
        }
    }
}

/// Reads `locales/<lang>/<catalog>.ftl` in a stable order. Only real
/// folders and regular files are read: a symbolic link (which could point
/// at `/proc/self/environ` and put the build machine's environment into the
/// binary) or anything else fails the build, naming the path.
fn read_locales(root: &Path, dir: &Path, defs: &[CatalogDef]) -> BuildResult<Vec<ShippedFile>> {
    let relative = |p: &Path| {
        p.strip_prefix(root)
            .unwrap_or(p)
            .display()
            .to_string()
            .replace('\\', "/")
    };
    let mut langs: Vec<(String, PathBuf)> = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let kind = fs::symlink_metadata(&path)?.file_type();
        if kind.is_symlink() {
            return Err(format!(
                "{}: a symbolic link; shipped locales must be real folders",
                relative(&path)
            )
            .into());
        }
        if !kind.is_dir() {
            continue;
        }
        let name = entry
            .file_name()
            .into_string()
            .map_err(|n| format!("{}: folder name {n:?} is not UTF-8", relative(&path)))?;
        langs.push((name, path));
    }
    langs.sort();
    let mut files = Vec::new();
    for (lang, path) in &langs {
        // The catalogs' files, then errcat's own words.
        let names = defs.iter().map(|d| d.id).chain([phrase::FILE]);
        for catalog in names {
            let file = path.join(format!("{catalog}.ftl"));
            println!("cargo:rerun-if-changed={}", file.display());
            let Ok(meta) = fs::symlink_metadata(&file) else {
                continue;
            };
            if !meta.file_type().is_file() {
                return Err(format!(
                    "{}: not a regular file (a symbolic link, a pipe or a device); shipped translations must be regular files",
                    relative(&file)
                )
                .into());
            }
            files.push(ShippedFile {
                locale: lang.clone(),
                catalog,
                path: format!("locales/{lang}/{catalog}.ftl"),
                absolute: file.display().to_string(),
                text: fs::read(&file)?,
            });
        }
    }
    Ok(files)
}

/// The shipped files as they are, for `crate::source::EMBEDDED`.
fn write_embedded(files: &[ShippedFile]) -> BuildResult<String> {
    let mut out = String::new();
    writeln!(
        out,
        "/// The `.ftl` files found under `locales/` at build time."
    )?;
    writeln!(
        out,
        "pub(crate) static EMBEDDED: &[SourceFile<'static>] = &["
    )?;
    for f in files {
        writeln!(
            out,
            "    SourceFile {{ locale: {:?}, catalog: {:?}, path: {:?}, text: include_bytes!({:?}) }},",
            f.locale, f.catalog, f.path, f.absolute
        )?;
    }
    writeln!(out, "];")?;
    Ok(out)
}

/// The compiled catalog: the tables as statics (see
/// `src/catalog/compiled.rs`), every text a `&'static str`, every kept
/// bundle the shipped file included as bytes and parsed on first use.
fn write_compiled(tables: &Tables, files: &[ShippedFile], catalogs: usize) -> BuildResult<String> {
    let mut out = String::new();
    let locales = &tables.locales;
    writeln!(out, "static LOCALES: [LocaleEntry; {}] = [", locales.len())?;
    for (id, chain) in locales.iter().zip(&tables.chains) {
        writeln!(
            out,
            "    LocaleEntry {{ id: ::unic_langid::langid!({:?}), chain: Table::Static(&{chain:?}) }},",
            id.to_string()
        )?;
    }
    writeln!(out, "];\n")?;
    writeln!(
        out,
        "static MESSAGES: [Option<Message>; {}] = [",
        tables.messages.len()
    )?;
    for m in &tables.messages {
        match m {
            None => writeln!(out, "    None,")?,
            Some(m) => writeln!(
                out,
                "    Some(Message {{ title: {}, explanation: {}, hint: {}, plain: {} }}),",
                text(&m.title),
                text(&m.explanation),
                m.hint
                    .as_ref()
                    .map_or("None".to_owned(), |h| format!("Some({})", text(h))),
                m.plain
            )?,
        }
    }
    writeln!(out, "];\n")?;
    writeln!(
        out,
        "static LABELS: [Option<Cow<'static, str>>; {}] = [",
        tables.labels.len()
    )?;
    for l in &tables.labels {
        match l {
            None => writeln!(out, "    None,")?,
            Some(l) => writeln!(out, "    Some(Cow::Borrowed({l:?})),")?,
        }
    }
    writeln!(out, "];\n")?;
    // The slot of the i-th bundle: `catalogs` bundles per locale.
    let per_locale = catalogs.max(1);
    write_bundles(
        &mut out,
        "BUNDLES",
        &tables.bundles,
        files,
        |i| i / per_locale,
        locales,
    )?;
    writeln!(
        out,
        "static PHRASES: [Option<Text>; {}] = [",
        tables.phrases.len()
    )?;
    for p in &tables.phrases {
        match p {
            None => writeln!(out, "    None,")?,
            Some(p) => writeln!(out, "    Some({}),", text(p))?,
        }
    }
    writeln!(out, "];\n")?;
    write_bundles(
        &mut out,
        "PHRASE_BUNDLES",
        &tables.phrase_bundles,
        files,
        |i| i,
        locales,
    )?;
    writeln!(
        out,
        "static UNSHIPPED: [u16; {}] = {:?};\n",
        tables.unshipped.len(),
        tables.unshipped
    )?;
    writeln!(
        out,
        "/// The catalog compiled from the shipped files.\npub(crate) static CATALOG: Catalog = Catalog {{ instance: 0, locales: Table::Static(&LOCALES), messages: Table::Static(&MESSAGES), labels: Table::Static(&LABELS), bundles: Table::Static(&BUNDLES), phrases: Table::Static(&PHRASES), phrase_bundles: Table::Static(&PHRASE_BUNDLES), unshipped: Table::Static(&UNSHIPPED), backstop: None }};"
    )?;
    Ok(out)
}

/// A table of kept bundles: each the shipped file, included as bytes and
/// parsed on first use; `slot` gives the locale of the i-th bundle.
fn write_bundles(
    out: &mut String,
    name: &str,
    bundles: &[Option<Kept>],
    files: &[ShippedFile],
    slot: impl Fn(usize) -> usize,
    locales: &[LanguageIdentifier],
) -> BuildResult<()> {
    writeln!(out, "static {name}: [LazyBundle; {}] = [", bundles.len())?;
    for (i, kept) in bundles.iter().enumerate() {
        let file = kept.as_ref().and_then(|k| files.get(k.file));
        let locale = locales.get(slot(i));
        match (file, locale) {
            (Some(f), Some(locale)) => writeln!(
                out,
                "    LazyBundle::compiled(::unic_langid::langid!({:?}), SourceFile {{ locale: {:?}, catalog: {:?}, path: {:?}, text: include_bytes!({:?}) }}),",
                locale.to_string(),
                f.locale,
                f.catalog,
                f.path,
                f.absolute
            )?,
            _ => writeln!(out, "    LazyBundle::none(),")?,
        }
    }
    writeln!(out, "];\n")?;
    Ok(())
}

/// An English title as a line of rustdoc: one line, no HTML, and a full
/// stop unless it ends in punctuation.
fn doc_text(title: &str) -> String {
    let mut t: String = title
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .replace('<', "&lt;")
        .replace('[', "\\[");
    if !t.ends_with(['.', '!', '?']) {
        t.push('.');
    }
    t
}

/// A rendered part as a Rust expression.
fn text(t: &Text) -> String {
    match t {
        Text::Plain(s) => format!("Text::Plain(Cow::Borrowed({:?}))", s.as_ref()),
        Text::Dynamic => "Text::Dynamic".to_owned(),
    }
}
