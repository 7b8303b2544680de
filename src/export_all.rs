//! The whole catalog for a front-end that resolves codes itself
//! ([`ExportAll`]), hashed and split into lazily loaded files
//! ([`write_all`]). Translator and publishing tooling: behind the
//! `tooling` feature, which brings the SHA-256 hash and the atomic writer.

use std::path::{Path, PathBuf};

use serde::ser::{Serialize, SerializeMap, SerializeStruct, Serializer};
use sha2::{Digest, Sha256};

use crate::args::Args;
use crate::catalog::Catalog;
use crate::code::{CatalogId, Code, Kind};
use crate::error::Error;
use crate::fallback::{FALLBACK_TABLE, FallbackChain, LAST_RESORT};
use crate::files::write::{Mode, write_atomic};
use crate::phrase::Phrase;

/// Everything a front-end needs to explain codes on its own: the registry
/// (number, name, kind, section, status of every code), the fallback
/// policy, and every shipped locale's texts, with the crate version and a
/// content hash. Built by [`export_all`]; serializes as one JSON document,
/// and [`write_all`] splits it into an index and one file per locale for
/// loading a language only when it is needed.
///
/// A locale's texts are its own, without fallback: a code the locale lacks
/// is left out, so that a front-end walks the same chain the library walks
/// (the `chains` under `fallback` are the library's default chains).
/// Catalog and section titles do fall back to English.
///
/// Beside its codes, each catalog carries its extra messages, the texts of
/// answers that have no code of the registry (see
/// [`Catalog::explain_number`] and [`Catalog::explain_response`]): the
/// registry lists them under `extras` (`{name, kind, variables}`:
/// `unknown-code` of kind `unknown` for a number the catalog does not
/// have, Planfix's `success` for `{"Result": "success"}`), and each
/// locale's texts under `extras`, keyed by name. Their texts are
/// templates: `{$number}` stands where the number goes and `{$message}`
/// where the server's own text goes, which is how Fluent writes a variable
/// it is not given. A front-end replaces each in one pass, the number as
/// its plain decimal digits (`-7`, `1234567`: no grouping, no bidi marks),
/// and leaves a placeholder whose value it lacks as it is, as the library
/// does (`{$message}` stays when a response has no message). The export
/// checks that this gives the library's own text for sample numbers and
/// messages, and fails with [`Error::Unexportable`] for a text that
/// changes with them otherwise (a select on `$number`).
///
/// ```
/// let export = errcat::tooling::export_all(errcat::Catalog::embedded()).unwrap();
/// let json = serde_json::to_value(&export).unwrap();
/// assert_eq!(json["version"], env!("CARGO_PKG_VERSION"));
/// assert_eq!(json["fallback"]["chains"]["kk"], serde_json::json!(["kk", "ru", "en"]));
/// assert_eq!(json["catalogs"]["planfix"]["codes"][16]["name"], "task-not-found");
/// assert_eq!(json["catalogs"]["planfix"]["extras"][0]["kind"], "unknown");
/// assert_eq!(json["texts"]["kk"]["catalogs"]["planfix"]["sections"]["tasks"], "Тапсырмалар");
/// let unknown = &json["texts"]["kk"]["catalogs"]["planfix"]["extras"]["unknown-code"];
/// assert_eq!(unknown["title"], "Белгісіз қате коды: {$number}");
/// assert!(json["hash"].as_str().unwrap().starts_with("sha256-"));
/// assert_eq!(json["locale_rules"]["iso_639_2"]["kaz"], "kk");
/// assert_eq!(json["locale_rules"]["language_names"]["ukrainian"], "uk");
/// ```
///
/// `locale_rules` carries the tables of [`parse_locale`](crate::parse_locale)
/// and [`parse_accept_language`](crate::parse_accept_language) (ISO 639-2
/// codes, English language names, POSIX names of English, the length
/// limits), so that a front-end reads locales as the library does without
/// a copy of its own.
#[derive(Debug, Clone)]
pub struct ExportAll {
    locales: Vec<LocaleTexts>,
    chains: Vec<(String, Vec<String>)>,
    /// `sha256-<hex>` of the document without this field.
    hash: String,
}

/// One locale's texts: catalog titles, section titles and the messages it has.
#[derive(Debug, Clone)]
struct LocaleTexts {
    tag: String,
    catalogs: Vec<CatalogTexts>,
    /// errcat's phrases that front-ends fill in themselves, as templates
    /// with `{$name}` placeholders: the per-recipient summary line.
    phrases: Vec<(&'static str, String)>,
    /// `sha256-<hex>` of this locale's file.
    hash: String,
}

#[derive(Debug, Clone)]
struct CatalogTexts {
    catalog: CatalogId,
    title: String,
    sections: Vec<(&'static str, String)>,
    messages: Vec<(u32, MessageTexts)>,
    /// The extra messages this locale has, by name, as templates.
    extras: Vec<(&'static str, MessageTexts)>,
}

#[derive(Debug, Clone, serde::Serialize)]
struct MessageTexts {
    title: String,
    explanation: String,
    hint: Option<String>,
}

/// Builds the export of every locale of `catalog`: see [`ExportAll`].
///
/// Fails if English lacks a code's text, which the embedded catalog rules
/// out, and with [`Error::Unexportable`] if an extra message's text cannot
/// be carried as a template (a select on `$number`), which the embedded
/// catalog rules out too.
///
/// ```
/// let export = errcat::tooling::export_all(errcat::Catalog::embedded())?;
/// assert!(export.hash().starts_with("sha256-"));
/// # Ok::<(), errcat::Error>(())
/// ```
pub fn export_all(catalog: &Catalog) -> Result<ExportAll, Error> {
    let mut locales = Vec::new();
    let mut chains = Vec::new();
    for id in catalog.locales() {
        let tag = id.to_string();
        chains.push((
            tag.clone(),
            catalog
                .chain(&tag)?
                .locales()
                .iter()
                .map(ToString::to_string)
                .collect(),
        ));
        // A chain of this locale alone (the last resort ends every chain):
        // an answer from another locale means this one lacks the text.
        let own = catalog.chain_from([tag.as_str()])?;
        let mut catalogs = Vec::new();
        for c in CatalogId::ALL {
            let mut messages = Vec::new();
            for code in c.codes() {
                let e = catalog.lookup(code, &own)?;
                if e.locale() == id {
                    messages.push((
                        code.number(),
                        MessageTexts {
                            title: e.title().to_owned(),
                            explanation: e.explanation().to_owned(),
                            hint: e.hint().map(str::to_owned),
                        },
                    ));
                }
            }
            let mut extras = Vec::new();
            for extra in extras_of(c) {
                let e = catalog.lookup(extra, &own)?;
                if e.locale() == id {
                    let template = MessageTexts {
                        title: e.title().to_owned(),
                        explanation: e.explanation().to_owned(),
                        hint: e.hint().map(str::to_owned),
                    };
                    check_template(catalog, extra, &own, &template)?;
                    extras.push((extra.name(), template));
                }
            }
            let label =
                |text: Option<std::borrow::Cow<'_, str>>| text.unwrap_or_default().into_owned();
            catalogs.push(CatalogTexts {
                catalog: c,
                title: label(catalog.catalog_title(c, &own)),
                sections: c
                    .sections()
                    .iter()
                    .map(|s| (*s, label(catalog.section_title(c, s, &own))))
                    .collect(),
                messages,
                extras,
            });
        }
        let args = crate::Args::new()
            .with("added", "{$added}")
            .with("refused", "{$refused}");
        let summary = Phrase::RecipientsSummary;
        let phrases = vec![(
            summary.id(),
            catalog.phrase_with_args(summary, &own, &args).into_owned(),
        )];
        let mut texts = LocaleTexts {
            tag,
            catalogs,
            phrases,
            hash: String::new(),
        };
        texts.hash = hash_of(&LocaleFile(&texts));
        locales.push(texts);
    }
    let mut export = ExportAll {
        locales,
        chains,
        hash: String::new(),
    };
    export.hash = hash_of(&Index {
        export: &export,
        files: false,
        hash: false,
    });
    Ok(export)
}

/// A catalog's extra messages (`unknown-code`, Planfix's `success`), in
/// the order the catalog stores them.
fn extras_of(catalog: CatalogId) -> impl Iterator<Item = Code> {
    catalog.messages().filter(|m| !m.is_registered())
}

/// Where the number goes in an extra message's template.
const NUMBER: &str = "{$number}";
/// Where the server's own text goes.
const MESSAGE: &str = "{$message}";

/// Numbers an unknown-code text is checked with: every CLDR plural
/// category of the shipped languages, codes of several lengths, negative
/// numbers (`explain_number` takes any `i64`) and numbers beyond 2^53,
/// which the library passes as text.
const SAMPLE_NUMBERS: [i64; 20] = [
    0,
    1,
    2,
    3,
    4,
    5,
    11,
    12,
    21,
    22,
    25,
    77,
    101,
    111,
    4242,
    1_234_567,
    -1,
    -7,
    9_007_199_254_740_994,
    i64::MIN,
];

/// Server texts it is checked with: none, words, and a text that looks
/// like a placeholder (which a front-end must not fill in again).
const SAMPLE_MESSAGES: [Option<&str>; 3] = [None, Some("Task not exists"), Some(NUMBER)];

/// Fails unless filling in `template`, an extra message's texts formatted
/// without arguments, gives what the library answers for each sample:
/// the answers of [`Catalog::explain_number`] and
/// [`Catalog::explain_response`] for an unknown number. (A success is
/// answered without arguments: its template is its text.)
fn check_template(
    catalog: &Catalog,
    extra: Code,
    chain: &FallbackChain,
    template: &MessageTexts,
) -> Result<(), Error> {
    if extra.kind() != Kind::Unknown {
        return Ok(());
    }
    for number in SAMPLE_NUMBERS {
        let digits = number.to_string();
        for message in SAMPLE_MESSAGES {
            let mut args = Args::new();
            args.set("number", number);
            if let Some(message) = message {
                args.set("message", message);
            }
            let e = catalog.lookup_with_args(extra, chain, &args)?;
            let fill = |text: &str| fill(text, &digits, message);
            let same = e.title() == fill(&template.title)
                && e.explanation() == fill(&template.explanation)
                && e.hint().map(str::to_owned) == template.hint.as_deref().map(fill);
            if !same {
                return Err(Error::Unexportable {
                    code: format!("{}:{}", extra.catalog(), extra.name()),
                    locale: e.locale().to_string(),
                    number: digits,
                });
            }
        }
    }
    Ok(())
}

/// `template` with `{$number}` replaced by `number` and `{$message}` by
/// `message` (kept when there is none), in one pass: what was put in is
/// not read again. A front-end does the same.
fn fill(template: &str, number: &str, message: Option<&str>) -> String {
    let mut out = String::with_capacity(template.len() + number.len());
    let mut rest = template;
    while let Some(at) = rest.find("{$") {
        let (before, from) = rest.split_at(at);
        out.push_str(before);
        rest = if let Some(after) = from.strip_prefix(NUMBER) {
            out.push_str(number);
            after
        } else if let (Some(after), Some(message)) = (from.strip_prefix(MESSAGE), message) {
            out.push_str(message);
            after
        } else {
            out.push_str("{$");
            from.get(2..).unwrap_or_default()
        };
    }
    out.push_str(rest);
    out
}

impl ExportAll {
    /// `sha256-<hex>` of the whole export: it changes whenever a text, the
    /// registry, the fallback policy or the version does.
    pub fn hash(&self) -> &str {
        &self.hash
    }

    /// The index for lazy loading: the document without the texts, naming
    /// each locale's file (`<locale>.json`) and its hash.
    pub fn index(&self) -> impl Serialize + '_ {
        Index {
            export: self,
            files: true,
            hash: true,
        }
    }

    /// Each locale's tag, file name and file contents, as [`write_all`]
    /// writes them.
    pub fn locale_files(&self) -> impl Iterator<Item = (&str, String, impl Serialize + '_)> {
        self.locales
            .iter()
            .map(|l| (l.tag.as_str(), file_name(&l.tag), LocaleFile(l)))
    }
}

impl Serialize for ExportAll {
    /// The whole document: `{format, version, hash, fallback: {table,
    /// last_resort, chains}, locale_rules, catalogs: {<catalog>: {sections, codes,
    /// extras}}, locales: {<locale>: {file, hash}}, texts: {<locale>: …}}`.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        Index {
            export: self,
            files: false,
            hash: true,
        }
        .serialize(s)
    }
}

/// Writes `export` to `dir` for lazy loading: `index.json` ([`ExportAll::index`])
/// and one `<locale>.json` per locale, each written whole or not at all.
/// Returns the files written, the index first.
///
/// Readers see a consistent set at every moment: the locale files are
/// written first and the index last, so an index never names texts that
/// are not there yet, and a run cut short leaves the old index in place.
/// A link, or anything that is not a regular file, under any output's name
/// is refused before any file is replaced.
///
/// ```
/// let dir = std::env::temp_dir().join(format!("errcat-export-doctest-{}", std::process::id()));
/// let export = errcat::tooling::export_all(errcat::Catalog::embedded())?;
/// let written = errcat::tooling::write_all(&export, &dir)?;
/// assert_eq!(written.len(), 5);
/// assert!(dir.join("index.json").is_file() && dir.join("kk.json").is_file());
/// # std::fs::remove_dir_all(&dir).unwrap();
/// # Ok::<(), errcat::Error>(())
/// ```
pub fn write_all(export: &ExportAll, dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let io = |path: &Path, e: std::io::Error| Error::Io {
        path: path.display().to_string(),
        message: e.to_string(),
    };
    std::fs::create_dir_all(dir).map_err(|e| io(dir, e))?;
    let mut files: Vec<(String, String)> = export
        .locale_files()
        .map(|(_, name, file)| (name, to_json(&file)))
        .collect();
    files.push(("index.json".to_owned(), to_json(&export.index())));
    for (name, _) in &files {
        let path = dir.join(name);
        match std::fs::symlink_metadata(&path) {
            Ok(meta) if meta.file_type().is_symlink() => {
                return Err(io(
                    &path,
                    std::io::Error::other("it is a link; errcat does not replace it"),
                ));
            }
            Ok(meta) if !meta.is_file() => {
                return Err(io(
                    &path,
                    std::io::Error::other("something that is not a regular file is in the way"),
                ));
            }
            _ => {}
        }
    }
    let mut written = Vec::with_capacity(files.len());
    for (name, json) in files {
        let path = dir.join(&name);
        let mut bytes = json.into_bytes();
        bytes.push(b'\n');
        let path = write_atomic(dir, &path, &bytes, Mode::Replace).map_err(|e| io(&path, e))?;
        written.push(path);
    }
    // The index was written last; it is listed first.
    written.rotate_right(1);
    Ok(written)
}

/// Pretty JSON: the export is committed into front-end packages, where a
/// readable diff shows what changed.
fn to_json(value: &impl Serialize) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default()
}

fn file_name(tag: &str) -> String {
    format!("{tag}.json")
}

fn hash_of(value: &impl Serialize) -> String {
    let bytes = serde_json::to_vec(value).unwrap_or_default();
    let digest = Sha256::digest(&bytes);
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256-{hex}")
}

/// The document: the index, and either the locales' texts inline
/// (`files: false`) or their file names (`files: true`).
struct Index<'e> {
    export: &'e ExportAll,
    files: bool,
    hash: bool,
}

impl Serialize for Index<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let e = self.export;
        let mut o = s.serialize_struct("Export", 8)?;
        o.serialize_field("format", &FORMAT)?;
        o.serialize_field("version", env!("CARGO_PKG_VERSION"))?;
        if self.hash {
            o.serialize_field("hash", &e.hash)?;
        }
        o.serialize_field("fallback", &Fallback(&e.chains))?;
        o.serialize_field("locale_rules", &LocaleRules)?;
        o.serialize_field("catalogs", &Registry)?;
        o.serialize_field("locales", &Locales(e))?;
        if !self.files {
            o.serialize_field("texts", &Texts(e))?;
        }
        o.end()
    }
}

/// What a front-end needs to choose among a catalog's locales as the
/// library does, in the shape of the export's index (`format`, `locales`,
/// `fallback` with the given default chains, `locale_rules`, no catalogs'
/// registry and no texts): the HTML index builds the npm core's catalog
/// from it to pick its language.
pub(crate) fn negotiation(chains: &[(String, Vec<String>)]) -> serde_json::Value {
    let locales: serde_json::Map<String, serde_json::Value> = chains
        .iter()
        .map(|(tag, _)| (tag.clone(), serde_json::json!({})))
        .collect();
    // Neither can fail: string keys, strings and numbers only.
    let fallback = serde_json::to_value(Fallback(chains)).unwrap_or_default();
    let rules = serde_json::to_value(LocaleRules).unwrap_or_default();
    serde_json::json!({
        "format": FORMAT,
        "locales": locales,
        "fallback": fallback,
        "locale_rules": rules,
        "catalogs": {},
    })
}

/// The version of the document's shape; a front-end refuses another.
/// 2 added `locale_rules`, which a reader of 1 would not apply.
const FORMAT: u32 = 2;

/// The tables of [`parse_locale`](crate::parse_locale) and
/// [`parse_accept_language`](crate::parse_accept_language), for front-ends
/// that implement the same algorithm: `{max_locale_len, posix_english,
/// iso_639_2: {<three letters>: <two>}, language_names: {<english name>:
/// <code>}, accept_language: {max_header_bytes, max_ranges}}`, names in
/// lower case except the POSIX ones, all compared ASCII-case-insensitively.
struct LocaleRules;

impl Serialize for LocaleRules {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut o = s.serialize_struct("LocaleRules", 5)?;
        o.serialize_field("max_locale_len", &crate::locale::MAX_LOCALE_LEN)?;
        o.serialize_field("posix_english", crate::locale::POSIX_ENGLISH)?;
        o.serialize_field("iso_639_2", &Pairs(crate::locale::ISO_639_2))?;
        o.serialize_field("language_names", &Pairs(crate::locale::LANGUAGE_NAMES))?;
        o.serialize_field("accept_language", &AcceptLanguageRules)?;
        o.end()
    }
}

struct AcceptLanguageRules;

impl Serialize for AcceptLanguageRules {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut o = s.serialize_struct("AcceptLanguageRules", 2)?;
        o.serialize_field(
            "max_header_bytes",
            &crate::accept_language::MAX_HEADER_BYTES,
        )?;
        o.serialize_field("max_ranges", &crate::accept_language::MAX_RANGES)?;
        o.end()
    }
}

struct Fallback<'e>(&'e [(String, Vec<String>)]);

impl Serialize for Fallback<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut o = s.serialize_struct("Fallback", 3)?;
        o.serialize_field("table", &Pairs(FALLBACK_TABLE))?;
        o.serialize_field("last_resort", LAST_RESORT)?;
        o.serialize_field("chains", &Pairs(self.0))?;
        o.end()
    }
}

/// A list of pairs as a JSON object, in the list's order.
struct Pairs<'p, K, V>(&'p [(K, V)]);

impl<K: Serialize, V: Serialize> Serialize for Pairs<'_, K, V> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

struct Registry;

impl Serialize for Registry {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(CatalogId::ALL.len()))?;
        for c in CatalogId::ALL {
            map.serialize_entry(c.as_str(), &RegistryCatalog(c))?;
        }
        map.end()
    }
}

struct RegistryCatalog(CatalogId);

impl Serialize for RegistryCatalog {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let codes: Vec<RegistryCode> = self.0.codes().map(RegistryCode).collect();
        let extras: Vec<RegistryExtra> = extras_of(self.0).map(RegistryExtra).collect();
        let mut o = s.serialize_struct("Catalog", 4)?;
        o.serialize_field("shape", self.0.shape().as_str())?;
        o.serialize_field("sections", self.0.sections())?;
        o.serialize_field("codes", &codes)?;
        o.serialize_field("extras", &extras)?;
        o.end()
    }
}

struct RegistryCode(Code);

impl Serialize for RegistryCode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let c = self.0;
        let mut o = s.serialize_struct("Code", 5)?;
        o.serialize_field("number", &c.number())?;
        o.serialize_field("name", c.name())?;
        o.serialize_field("kind", c.kind().as_str())?;
        o.serialize_field("section", &c.section())?;
        o.serialize_field("status", if c.is_retired() { "retired" } else { "active" })?;
        o.end()
    }
}

/// An extra message of a catalog: `{name, kind, variables}`, the
/// variables being the placeholders its texts may hold.
struct RegistryExtra(Code);

impl Serialize for RegistryExtra {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let c = self.0;
        let mut o = s.serialize_struct("Extra", 3)?;
        o.serialize_field("name", c.name())?;
        o.serialize_field("kind", c.kind().as_str())?;
        o.serialize_field("variables", c.variables())?;
        o.end()
    }
}

struct Locales<'e>(&'e ExportAll);

impl Serialize for Locales<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.locales.len()))?;
        for l in &self.0.locales {
            map.serialize_entry(&l.tag, &LocaleEntry(l))?;
        }
        map.end()
    }
}

struct LocaleEntry<'l>(&'l LocaleTexts);

impl Serialize for LocaleEntry<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut o = s.serialize_struct("Locale", 2)?;
        o.serialize_field("file", &file_name(&self.0.tag))?;
        o.serialize_field("hash", &self.0.hash)?;
        o.end()
    }
}

struct Texts<'e>(&'e ExportAll);

impl Serialize for Texts<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.locales.len()))?;
        for l in &self.0.locales {
            map.serialize_entry(&l.tag, &LocaleFile(l))?;
        }
        map.end()
    }
}

/// One locale's texts: `{locale, catalogs: {<catalog>: {title, sections,
/// messages: {<number>: {title, explanation, hint}}, extras: {<name>:
/// {title, explanation, hint}}}}}`, the extras' texts being templates
/// (see [`ExportAll`]).
struct LocaleFile<'l>(&'l LocaleTexts);

impl Serialize for LocaleFile<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut o = s.serialize_struct("LocaleTexts", 3)?;
        o.serialize_field("locale", &self.0.tag)?;
        o.serialize_field("catalogs", &CatalogsTexts(&self.0.catalogs))?;
        o.serialize_field("phrases", &Pairs(&self.0.phrases))?;
        o.end()
    }
}

struct CatalogsTexts<'l>(&'l [CatalogTexts]);

impl Serialize for CatalogsTexts<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for c in self.0 {
            map.serialize_entry(c.catalog.as_str(), &CatalogFile(c))?;
        }
        map.end()
    }
}

struct CatalogFile<'c>(&'c CatalogTexts);

impl Serialize for CatalogFile<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let c = self.0;
        let messages: Vec<(String, &MessageTexts)> =
            c.messages.iter().map(|(n, m)| (n.to_string(), m)).collect();
        let mut o = s.serialize_struct("CatalogTexts", 4)?;
        o.serialize_field("title", &c.title)?;
        o.serialize_field("sections", &Pairs(&c.sections))?;
        o.serialize_field("messages", &Pairs(&messages))?;
        o.serialize_field("extras", &Pairs(&c.extras))?;
        o.end()
    }
}
