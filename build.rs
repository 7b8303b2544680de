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
//! The modules that read, check and render `.ftl` files are the library's
//! own, compiled into this script (`#[path]`): one piece of code for the
//! build and for `Catalog::from_dir`.

#[allow(dead_code, unused_imports)]
#[path = "src/diagnostic.rs"]
mod diagnostic;
#[allow(dead_code, unused_imports)]
#[path = "src/fallback.rs"]
mod fallback;
#[allow(dead_code, unused_imports)]
#[path = "src/ftl/mod.rs"]
mod ftl;
#[allow(dead_code, unused_imports)]
#[path = "src/phrase.rs"]
mod phrase;
#[allow(dead_code, unused_imports)]
#[path = "src/check/rules.rs"]
mod rules;
#[allow(dead_code, unused_imports)]
#[path = "src/text.rs"]
mod text;

use std::collections::BTreeSet;
use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use unic_langid::LanguageIdentifier;

use diagnostic::Severity;
use ftl::SourceFile;
use ftl::render::{
    Budget, CatalogFile, Rendered, RenderedMessage, load, render_locale, render_phrases,
};
use phrase::Phrase;
use rules::{CatalogRules, check_sources};

type BuildResult<T> = Result<T, Box<dyn std::error::Error>>;

/// The catalogs, in the order of the `CatalogId` enum in `src/code.rs`.
const CATALOGS: [(&str, &str); 2] = [("mobizon", "Mobizon"), ("planfix", "Planfix")];

const KINDS: [(&str, &str); 4] = [
    ("success", "Success"),
    ("accepted", "Accepted"),
    ("partial", "Partial"),
    ("error", "Error"),
];

/// Messages a catalog's file has beyond its codes, for answers that carry
/// no code of the registry: catalog, message id, kind and the `$variables`
/// its text may use. They follow the catalog's codes in `CODES`, outside
/// `CATALOG_RANGES`, so no number or name finds them.
const EXTRAS: [(&str, &str, &str, &[&str]); 3] = [
    // A number the registry does not have: `$number` is that number,
    // `$message` the server's own text, when the response has one.
    ("mobizon", "unknown-code", "Unknown", &["number", "message"]),
    ("planfix", "unknown-code", "Unknown", &["number", "message"]),
    // Planfix answers success with `{"Result": "success"}` and no code.
    ("planfix", "success", "Success", &[]),
];

/// Every message id of a catalog's file that is a code's: the registry's
/// codes, then the catalog's extras.
fn message_ids<'a>(catalog: &str, rows: &'a [Row]) -> Vec<&'a str> {
    code_variables(catalog, rows)
        .into_iter()
        .map(|(id, _)| id)
        .collect()
}

/// [`message_ids`], each with the `$variables` its texts may use.
fn code_variables<'a>(catalog: &str, rows: &'a [Row]) -> Vec<(&'a str, &'static [&'static str])> {
    rows.iter()
        .map(|r| (r.name.as_str(), &[] as &[&str]))
        .chain(EXTRAS.iter().filter(|e| e.0 == catalog).map(|e| (e.1, e.3)))
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
    let mut all = Vec::new();
    for (catalog, _) in CATALOGS {
        let path = root.join("registry").join(format!("{catalog}.tsv"));
        println!("cargo:rerun-if-changed={}", path.display());
        let rows = read_registry(&path)?;
        all.push((catalog, rows));
    }
    let files = read_locales(&root, &root.join("locales"))?;
    let sources: Vec<SourceFile<'_>> = files.iter().map(ShippedFile::source).collect();
    let catalogs: Vec<CatalogRules<'_>> = all
        .iter()
        .map(|(catalog, rows)| {
            CatalogRules::new(catalog, sections_of(rows), code_variables(catalog, rows))
        })
        .chain(std::iter::once(CatalogRules::phrases(
            phrase::FILE,
            Phrase::ALL.iter().map(|p| (p.id(), p.variables())),
        )))
        .collect();
    let report = check_sources(&sources, &[], &catalogs);
    let errors: Vec<String> = report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(ToString::to_string)
        .collect();
    if !errors.is_empty() {
        return Err(format!(
            "the shipped translations have errors (`cargo run -- check` lists them too):\n{}",
            errors.join("\n")
        )
        .into());
    }
    // The constants' documentation shows each code's English title.
    let titles = english_titles(&files, &all);
    write_registry(&mut registry, &all, &titles)?;
    fs::write(out.join("registry.rs"), registry)?;
    fs::write(out.join("locales.rs"), write_embedded(&files)?)?;
    fs::write(out.join("compiled.rs"), write_compiled(&files, &all)?)?;
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
        let [number, name, kind, section, status, http] = cols[..] else {
            return Err(
                format!("{at}: expected 6 columns (number name kind section status http)").into(),
            );
        };
        let http: u16 = http
            .parse()
            .ok()
            .filter(|h| (100..=599).contains(h))
            .ok_or_else(|| format!("{at}: HTTP status {http:?} is not a number from 100 to 599"))?;
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
            http,
        });
    }
    Ok(rows)
}

fn const_name(name: &str) -> String {
    name.to_ascii_uppercase().replace('-', "_")
}

/// `(catalog, code name)` → the English title, as the compiled catalog
/// renders it.
fn english_titles(
    files: &[ShippedFile],
    all: &[(&str, Vec<Row>)],
) -> std::collections::HashMap<(String, String), String> {
    let mut titles = std::collections::HashMap::new();
    let Ok(english) = fallback::LAST_RESORT.parse::<LanguageIdentifier>() else {
        return titles;
    };
    for (catalog, rows) in all {
        let Some(file) = files
            .iter()
            .find(|f| f.locale == fallback::LAST_RESORT && f.catalog == *catalog)
        else {
            continue;
        };
        let loaded = load(&file.source(), english.clone(), &mut Vec::new());
        for row in rows {
            if let Some(RenderedMessage {
                title: Rendered::Plain(title),
                ..
            }) = ftl::render::render_message(&loaded.bundle, &row.name)
            {
                titles.insert(((*catalog).to_owned(), row.name.clone()), title);
            }
        }
    }
    titles
}

fn write_registry(
    out: &mut String,
    all: &[(&str, Vec<Row>)],
    titles: &std::collections::HashMap<(String, String), String>,
) -> BuildResult<()> {
    let total: usize = all.iter().map(|(_, rows)| rows.len()).sum::<usize>() + EXTRAS.len();
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
                "    CodeEntry {{ catalog: CatalogId::{variant}, number: {}, name: {:?}, kind: Kind::{}, section: {section}, retired: {}, http_status: {}, registered: true, variables: &[] }},",
                row.number, row.name, row.kind, row.retired, row.http
            )?;
            index += 1;
        }
        ranges.push(format!("{start}..{index}"));
        for (_, name, kind, variables) in EXTRAS.iter().filter(|e| e.0 == *catalog) {
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
    for (catalog, rows) in all {
        let first = rows.first().map_or(String::new(), |r| const_name(&r.name));
        writeln!(
            out,
            "/// Named codes of the `{catalog}` catalog, generated from `registry/{catalog}.tsv`.\n///\n/// ```\n/// let code = errcat::{catalog}::{first};\n/// assert_eq!(code.catalog().as_str(), {catalog:?});\n/// ```"
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
            let title = titles
                .get(&((*catalog).to_owned(), row.name.clone()))
                .map(|t| format!(" {}", doc_text(t)))
                .unwrap_or_default();
            let name = const_name(&row.name);
            writeln!(
                out,
                "    /// `{catalog}:{}` (`{}`):{title}\n    ///\n    /// Kind `{}`{section}; suggested HTTP status {}.{retired}\n    ///\n    /// ```\n    /// assert_eq!(errcat::{catalog}::{name}.to_string(), \"{catalog}:{}\");\n    /// ```",
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
        index += EXTRAS.iter().filter(|e| e.0 == *catalog).count();
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
fn read_locales(root: &Path, dir: &Path) -> BuildResult<Vec<ShippedFile>> {
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
        let names = CATALOGS.iter().map(|(c, _)| *c).chain([phrase::FILE]);
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

/// The compiled catalog: every shipped locale's texts rendered by the
/// library's own loader, as static tables (see `src/catalog/compiled.rs`).
fn write_compiled(files: &[ShippedFile], all: &[(&str, Vec<Row>)]) -> BuildResult<String> {
    let mut ids: Vec<String> = files.iter().map(|f| f.locale.clone()).collect();
    ids.dedup();
    let langs: Vec<LanguageIdentifier> =
        ids.iter().map(|id| id.parse()).collect::<Result<_, _>>()?;
    let mut diagnostics = Vec::new();
    let mut budget = Budget::default();
    let mut messages: Vec<Option<RenderedMessage>> = Vec::new();
    let mut labels: Vec<Option<String>> = Vec::new();
    let mut bundles: Vec<Option<&ShippedFile>> = Vec::new();
    let mut phrases: Vec<Option<Rendered>> = Vec::new();
    let mut phrase_bundles: Vec<Option<&ShippedFile>> = Vec::new();
    for (id, lang) in ids.iter().zip(&langs) {
        let mut loaded = Vec::new();
        for (catalog, _) in CATALOGS {
            let file = files
                .iter()
                .find(|f| &f.locale == id && f.catalog == catalog);
            loaded.push(file.map(|f| (load(&f.source(), lang.clone(), &mut diagnostics), f)));
        }
        let row: Vec<CatalogFile<'_>> = loaded
            .iter()
            .zip(all)
            .map(|(file, (_, rows))| CatalogFile {
                loaded: file.as_ref().map(|(l, _)| l),
                path: file.as_ref().map_or("", |(_, f)| f.path.as_str()),
                codes: message_ids(catalog_name(rows, all), rows),
                sections: sections_of(rows),
            })
            .collect();
        let row = render_locale(&row, &mut budget, &mut diagnostics);
        // A file keeps its source for a lazy bundle only if it needs one.
        let mut offset = 0;
        for (file, (_, rows)) in loaded.iter().zip(all) {
            let count = message_ids(catalog_name(rows, all), rows).len();
            let mine = row.messages.get(offset..offset + count).unwrap_or(&[]);
            offset += count;
            let dynamic = mine.iter().flatten().any(|m| !m.is_plain());
            bundles.push(file.as_ref().filter(|_| dynamic).map(|(_, f)| *f));
        }
        messages.extend(row.messages);
        labels.extend(row.labels);
        // errcat's own words, after the catalogs within the same budget.
        let file = files
            .iter()
            .find(|f| &f.locale == id && f.catalog == phrase::FILE);
        let loaded = file.map(|f| load(&f.source(), lang.clone(), &mut diagnostics));
        let rendered = render_phrases(
            loaded.as_ref(),
            file.map_or("", |f| f.path.as_str()),
            &Phrase::ALL.map(Phrase::id),
            &mut budget,
            &mut diagnostics,
        );
        let dynamic = rendered
            .iter()
            .any(|p| matches!(p, Some(Rendered::Dynamic)));
        phrase_bundles.push(file.filter(|_| dynamic));
        phrases.extend(rendered);
    }
    if let Some(d) = diagnostics.first() {
        return Err(format!("{d}").into());
    }

    let mut out = String::new();
    writeln!(out, "static LOCALES: [LocaleEntry; {}] = [", ids.len())?;
    for (slot, id) in ids.iter().enumerate() {
        let chain = fallback::default_chain(&langs, slot);
        writeln!(
            out,
            "    LocaleEntry {{ id: ::unic_langid::langid!({id:?}), chain: Table::Static(&{chain:?}) }},"
        )?;
    }
    writeln!(out, "];\n")?;
    writeln!(
        out,
        "static MESSAGES: [Option<Message>; {}] = [",
        messages.len()
    )?;
    for m in &messages {
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
                m.is_plain()
            )?,
        }
    }
    writeln!(out, "];\n")?;
    writeln!(
        out,
        "static LABELS: [Option<Cow<'static, str>>; {}] = [",
        labels.len()
    )?;
    for l in &labels {
        match l {
            None => writeln!(out, "    None,")?,
            Some(l) => writeln!(out, "    Some(Cow::Borrowed({l:?})),")?,
        }
    }
    writeln!(out, "];\n")?;
    writeln!(out, "static BUNDLES: [LazyBundle; {}] = [", bundles.len())?;
    for (i, b) in bundles.iter().enumerate() {
        match b {
            None => writeln!(out, "    LazyBundle::none(),")?,
            Some(f) => writeln!(
                out,
                "    LazyBundle::compiled(::unic_langid::langid!({:?}), SourceFile {{ locale: {:?}, catalog: {:?}, path: {:?}, text: include_bytes!({:?}) }}),",
                ids.get(i / CATALOGS.len()).map_or("en", String::as_str),
                f.locale,
                f.catalog,
                f.path,
                f.absolute
            )?,
        }
    }
    writeln!(out, "];\n")?;
    writeln!(out, "static PHRASES: [Option<Text>; {}] = [", phrases.len())?;
    for p in &phrases {
        match p {
            None => writeln!(out, "    None,")?,
            Some(p) => writeln!(out, "    Some({}),", text(p))?,
        }
    }
    writeln!(out, "];\n")?;
    writeln!(
        out,
        "static PHRASE_BUNDLES: [LazyBundle; {}] = [",
        phrase_bundles.len()
    )?;
    for (id, b) in ids.iter().zip(&phrase_bundles) {
        match b {
            None => writeln!(out, "    LazyBundle::none(),")?,
            Some(f) => writeln!(
                out,
                "    LazyBundle::compiled(::unic_langid::langid!({id:?}), SourceFile {{ locale: {:?}, catalog: {:?}, path: {:?}, text: include_bytes!({:?}) }}),",
                f.locale, f.catalog, f.path, f.absolute
            )?,
        }
    }
    writeln!(out, "];\n")?;
    let unshipped: Vec<usize> = ids
        .iter()
        .position(|id| id == fallback::LAST_RESORT)
        .into_iter()
        .collect();
    writeln!(
        out,
        "static UNSHIPPED: [u16; {}] = {unshipped:?};\n",
        unshipped.len()
    )?;
    writeln!(
        out,
        "/// The catalog compiled from the shipped files.\npub(crate) static CATALOG: Catalog = Catalog {{ instance: 0, locales: Table::Static(&LOCALES), messages: Table::Static(&MESSAGES), labels: Table::Static(&LABELS), bundles: Table::Static(&BUNDLES), phrases: Table::Static(&PHRASES), phrase_bundles: Table::Static(&PHRASE_BUNDLES), unshipped: Table::Static(&UNSHIPPED), backstop: None }};"
    )?;
    Ok(out)
}

/// The catalog whose rows these are.
fn catalog_name<'a>(rows: &[Row], all: &[(&'a str, Vec<Row>)]) -> &'a str {
    all.iter()
        .find(|(_, r)| std::ptr::eq(r.as_slice(), rows))
        .map_or("", |(c, _)| c)
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
fn text(t: &Rendered) -> String {
    match t {
        Rendered::Plain(s) => format!("Text::Plain(Cow::Borrowed({s:?}))"),
        Rendered::Dynamic => "Text::Dynamic".to_owned(),
    }
}
