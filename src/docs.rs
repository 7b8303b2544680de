//! The browsable error index: one static, self-contained HTML page with every
//! code of every catalog, in every locale the catalog ships, like the rustc
//! error index.
//!
//! The page is rendered in English on the server side, so it reads without
//! JavaScript and prints as it is. The texts of every locale travel with it
//! as a JSON blob that a small inline script uses for the language switcher
//! (`<select id="lang">`) and the offline search box (`<input id="search">`).
//! The script chooses the page's language and folds text for search with
//! the npm package's core (`js/core.js`, inlined), by the library's rules.
//! Every code has a stable anchor made of its catalog and number:
//! `index.html#planfix-1000`, `index.html#mobizon-30`.
//!
//! The page loads nothing: styles and script are inline, fonts are the
//! system's, and a Content-Security-Policy forbids every request, so it works
//! from a `file://` URL, an intranet server or an air-gapped laptop alike.
//!
//! ```no_run
//! let path = errcat::tooling::docs::write_index(errcat::Catalog::embedded(), "target/error-index".as_ref())?;
//! println!("open {}", path.display());
//! # Ok::<(), errcat::Error>(())
//! ```

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use maud::{DOCTYPE, Markup, PreEscaped, html};
use serde_json::{Map, Value, json};

use crate::args::Args;
use crate::catalog::Catalog;
use crate::code::{CatalogId, Code, Kind};
use crate::error::Error;
use crate::fallback::{FallbackChain, LAST_RESORT};
use crate::files::write::{Mode, write_atomic};
use crate::phrase::Phrase;
use unic_langid::LanguageIdentifier;

/// The file [`write_index`] writes into its folder.
///
/// ```
/// assert_eq!(errcat::tooling::docs::INDEX_FILE, "index.html");
/// ```
pub const INDEX_FILE: &str = "index.html";

/// Renders the error index: one self-contained HTML page with every code of
/// every catalog, grouped by catalog and section, in every locale of
/// `catalog`.
///
/// The output depends only on the catalog (no dates, no paths), so it can be
/// committed or diffed.
///
/// ```
/// let html = errcat::tooling::docs::render_index(errcat::Catalog::embedded());
/// assert!(html.starts_with("<!DOCTYPE html>"));
/// assert!(html.contains(r#"<html lang="en""#));
/// // A stable anchor per code, readable without JavaScript:
/// assert!(html.contains(r#"id="planfix-1000""#));
/// assert!(html.contains(r#"id="mobizon-30""#));
/// assert!(html.contains("Task not found"));
/// // The switcher offers every shipped locale; their texts are embedded.
/// for tag in ["en", "kk", "ru", "uk"] {
///     assert!(html.contains(&format!(r#"<option value="{tag}""#)));
/// }
/// let kk = errcat::Catalog::embedded().explain("planfix:1000", "kk")?;
/// assert!(html.contains(kk.title()));
/// // Nothing is loaded from anywhere.
/// assert!(!html.contains("src=") && !html.contains("@import") && !html.contains("url("));
/// # Ok::<(), errcat::Error>(())
/// ```
pub fn render_index(catalog: &Catalog) -> String {
    let locales = Locales::of(catalog);
    let Some(page) = locales.page() else {
        // Not reachable: a chain for `en` can always be built.
        return EMPTY_PAGE.to_owned();
    };
    let word = |phrase| catalog.phrase(phrase, &page.chain);
    let total: usize = CatalogId::ALL.iter().map(|id| id.codes().len()).sum();
    let version = env!("CARGO_PKG_VERSION");
    // The page may run its own inline style and its one script and nothing
    // else: no request leaves it, whoever serves it. The script is allowed
    // by its hash, so a script injected into the page would not run.
    let policy = format!(
        "default-src 'none'; style-src 'unsafe-inline'; script-src '{}'; img-src data:; base-uri 'none'; form-action 'none'",
        script_hash(script())
    );
    let titles: Vec<String> = CatalogId::ALL
        .iter()
        .map(|&id| catalog_title(catalog, id, &page.chain))
        .collect();
    let markup = html! {
        (DOCTYPE)
        html lang=(page.tag) class="no-js" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="color-scheme" content="light dark";
                meta http-equiv="Content-Security-Policy" content=(policy);
                meta name="generator" content={ "errcat " (version) };
                link rel="icon" href="data:,";
                title { (doc_title(&word(Phrase::IndexHeading))) }
                style { (PreEscaped(CSS)) }
            }
            body {
                header.masthead { div.wrap {
                    p.brand { "errcat" }
                    h1 data-ui="index-heading" { (word(Phrase::IndexHeading)) }
                    p.lead data-ui="index-lead" { (word(Phrase::IndexLead)) }
                } }
                // Controls: useless without the script, so shown only with it.
                div.controls role="search" { div.wrap {
                    label.field.grow {
                        span.label data-ui="index-search" { (word(Phrase::IndexSearch)) }
                        input #search type="search" autocomplete="off" spellcheck="false"
                            placeholder=(word(Phrase::IndexSearchPlaceholder));
                    }
                    label.field {
                        span.label data-ui="index-language" { (word(Phrase::IndexLanguage)) }
                        select #lang {
                            @for locale in &locales.list {
                                option value=(locale.tag) lang=(locale.tag) selected[locale.tag == page.tag] {
                                    (native_name(catalog, &locale.tag))
                                }
                            }
                        }
                    }
                    p.count {
                        span data-ui="index-codes" { (word(Phrase::IndexCodes)) }
                        " "
                        output #count for="search" { (total) }
                    }
                } }
                div.wrap.layout {
                    (toc(catalog, page))
                    main {
                        p #no-results hidden data-ui="index-no-results" { (word(Phrase::IndexNoResults)) }
                        @for id in CatalogId::ALL {
                            (catalog_section(catalog, id, page))
                        }
                    }
                }
                footer { div.wrap { "errcat " (version) " · " (titles.join(" · ")) } }
                // Every locale's texts, for the switcher and the search. JSON
                // strings escape `<`, so nothing inside can close the element.
                script #errcat-data type="application/json" { (PreEscaped(data_json(catalog, &locales, page))) }
                script { (PreEscaped(script())) }
            }
        }
    };
    markup.into_string()
}

/// Writes the error index ([`render_index`]) to `dir/index.html`, creating
/// `dir` and its parents as needed, and returns the path of the file.
///
/// The file is written beside its final name under a fresh, exclusively
/// created name, synced and then renamed, so a server or a browser never
/// sees half a page; an `index.html` that is a link out of `dir` is
/// refused, not written through.
///
/// ```
/// let dir = std::env::temp_dir().join(format!("errcat-docs-doctest-{}", std::process::id()));
/// let path = errcat::tooling::docs::write_index(errcat::Catalog::embedded(), &dir.join("site"))?;
/// assert_eq!(path, dir.join("site").join("index.html"));
/// let html = std::fs::read_to_string(&path).unwrap();
/// assert!(html.contains(r#"id="planfix-1000""#));
/// # std::fs::remove_dir_all(&dir).unwrap();
/// # Ok::<(), errcat::Error>(())
/// ```
///
/// A folder that cannot be created or written is an [`Error::Io`] naming it.
pub fn write_index(catalog: &Catalog, dir: &Path) -> Result<PathBuf, Error> {
    let io = |path: &Path, error: std::io::Error| Error::Io {
        path: path.display().to_string(),
        message: format!("cannot write the index: {error}"),
    };
    std::fs::create_dir_all(dir).map_err(|e| io(dir, e))?;
    let path = dir.join(INDEX_FILE);
    write_atomic(dir, &path, render_index(catalog).as_bytes(), Mode::Replace)
        .map_err(|e| io(&path, e))?;
    Ok(path)
}

/// A Content-Security-Policy source that allows exactly one inline script:
/// `sha256-` and the base64 of the SHA-256 of its text, as browsers hash it.
fn script_hash(script: &str) -> String {
    use base64::Engine as _;
    use sha2::Digest as _;
    let digest = sha2::Sha256::digest(script.as_bytes());
    format!(
        "sha256-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// What [`render_index`] returns for a catalog it cannot build a single
/// locale chain for.
const EMPTY_PAGE: &str = "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>errcat</title></head>\n<body><p>This catalog has no locales.</p></body>\n</html>\n";

/// A shipped locale and its default chain.
struct Locale {
    tag: String,
    chain: FallbackChain,
}

struct Locales {
    list: Vec<Locale>,
}

impl Locales {
    fn of(catalog: &Catalog) -> Locales {
        let mut list: Vec<Locale> = catalog
            .locales()
            .filter_map(|id| {
                let tag = id.to_string();
                let chain = catalog.chain(&tag).ok()?;
                Some(Locale { tag, chain })
            })
            .collect();
        if list.is_empty() {
            // A catalog with no locale at all still renders a page.
            if let Ok(chain) = catalog.chain(LAST_RESORT) {
                list.push(Locale {
                    tag: LAST_RESORT.to_owned(),
                    chain,
                });
            }
        }
        Locales { list }
    }

    /// The locale the page is rendered in: the last resort (`en`), which has
    /// every text, or the first shipped one.
    fn page(&self) -> Option<&Locale> {
        self.list
            .iter()
            .find(|l| l.tag == LAST_RESORT)
            .or_else(|| self.list.first())
    }
}

/// One code's texts in one locale, as served along the locale's chain.
struct Texts {
    title: String,
    explanation: String,
    hint: Option<String>,
    /// The locale that served them.
    locale: String,
}

fn texts(catalog: &Catalog, code: Code, chain: &FallbackChain) -> Option<Texts> {
    let e = catalog.lookup(code, chain).ok()?;
    Some(Texts {
        title: e.title().to_owned(),
        explanation: e.explanation().to_owned(),
        hint: e.hint().map(str::to_owned),
        locale: e.locale().to_string(),
    })
}

fn catalog_title(catalog: &Catalog, id: CatalogId, chain: &FallbackChain) -> String {
    catalog
        .catalog_title(id, chain)
        .map_or_else(|| id.as_str().to_owned(), |t| t.into_owned())
}

fn section_title(catalog: &Catalog, id: CatalogId, section: &str, chain: &FallbackChain) -> String {
    catalog
        .section_title(id, section, chain)
        .map_or_else(|| section.to_owned(), |t| t.into_owned())
}

/// The anchor of a code: `planfix-1000`.
fn anchor(code: Code) -> String {
    format!("{}-{}", code.catalog().as_str(), code.number())
}

/// The anchor of a section: `planfix-tasks` (section ids are never numbers,
/// so they cannot meet a code's anchor).
fn section_anchor(id: CatalogId, section: &str) -> String {
    format!("{}-{section}", id.as_str())
}

/// A catalog's codes grouped by section, in registry order: one group per
/// section that has codes, then the codes without a known section (all of
/// them for a catalog without sections).
fn groups(id: CatalogId) -> Vec<(Option<&'static str>, Vec<Code>)> {
    let sections = id.sections();
    let mut groups: Vec<(Option<&'static str>, Vec<Code>)> = sections
        .iter()
        .map(|&s| {
            (
                Some(s),
                id.codes().filter(|c| c.section() == Some(s)).collect(),
            )
        })
        .collect();
    let rest: Vec<Code> = id
        .codes()
        .filter(|c| c.section().is_none_or(|s| !sections.contains(&s)))
        .collect();
    groups.push((None, rest));
    groups.retain(|(_, codes)| !codes.is_empty());
    groups
}

/// The table of contents: each catalog, and its sections with their counts.
fn toc(catalog: &Catalog, page: &Locale) -> Markup {
    html! {
        nav.toc aria-labelledby="toc-title" {
            h2 #toc-title data-ui="index-contents" { (catalog.phrase(Phrase::IndexContents, &page.chain)) }
            ul {
                @for id in CatalogId::ALL {
                    @let groups = groups(id);
                    li {
                        a href={ "#" (id.as_str()) } {
                            span data-catalog=(id.as_str()) { (catalog_title(catalog, id, &page.chain)) }
                            span.n { (id.codes().len()) }
                        }
                        @if groups.iter().any(|(s, _)| s.is_some()) {
                            ul {
                                @for (section, codes) in &groups {
                                    @if let Some(section) = section {
                                        li { a href={ "#" (section_anchor(id, section)) } {
                                            span data-section=(section_anchor(id, section)) {
                                                (section_title(catalog, id, section, &page.chain))
                                            }
                                            span.n { (codes.len()) }
                                        } }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// One catalog: its title, then its codes, grouped by section.
fn catalog_section(catalog: &Catalog, id: CatalogId, page: &Locale) -> Markup {
    html! {
        section.catalog id=(id.as_str()) {
            h2 {
                span data-catalog=(id.as_str()) { (catalog_title(catalog, id, &page.chain)) }
                " "
                code.catalog-id { (id.as_str()) }
            }
            @for (section, codes) in groups(id) {
                @if let Some(section) = section {
                    section.group id=(section_anchor(id, section)) {
                        h3 data-section=(section_anchor(id, section)) {
                            (section_title(catalog, id, section, &page.chain))
                        }
                        // Entry titles sit one level below the nearest heading.
                        @for code in codes { (entry(catalog, code, page, Heading::H4)) }
                    }
                } @else {
                    // A group without a heading is a plain block, not a section.
                    div.group {
                        @for code in codes { (entry(catalog, code, page, Heading::H3)) }
                    }
                }
            }
        }
    }
}

/// The heading level of an entry's title.
#[derive(Clone, Copy)]
enum Heading {
    H3,
    H4,
}

/// One code: its badges, then its title, explanation and hint in the
/// page's language (or the locale that served them, named by a badge).
fn entry(catalog: &Catalog, code: Code, page: &Locale, heading: Heading) -> Markup {
    let texts = texts(catalog, code, &page.chain);
    let anchor = anchor(code);
    let served = texts
        .as_ref()
        .map(|t| t.locale.as_str())
        .filter(|s| *s != page.tag);
    // Badges speak the page's language; the script swaps them with it.
    let kind = code.kind().phrase();
    let title = html! {
        @match &texts {
            Some(t) => (rich(&t.title)),
            None => (code.name()),
        }
    };
    let hint = texts.as_ref().and_then(|t| t.hint.as_deref());
    html! {
        article.entry id=(anchor) data-code=(code.to_string()) data-name=(code.name()) lang=[served] {
            div.entry-head {
                a.code href={ "#" (anchor) } { (code.to_string()) }
                " "
                span class={ "badge kind kind-" (code.kind().as_str()) } data-ui=(kind.id()) {
                    (catalog.phrase(kind, &page.chain))
                }
                " "
                code.name { (code.name()) }
                @if code.is_retired() {
                    " "
                    span.badge.retired data-ui="retired" { (catalog.phrase(Phrase::Retired, &page.chain)) }
                }
                " "
                @match served {
                    Some(served) => span.badge.served title=(fallback_note(catalog, page, served)) {
                        (native_name(catalog, served))
                    },
                    None => span.badge.served hidden {},
                }
            }
            @match heading {
                Heading::H3 => h3.title { (title) },
                Heading::H4 => h4.title { (title) },
            }
            p.explanation {
                @if let Some(t) = &texts { (rich(&t.explanation)) }
            }
            p.hint hidden[hint.is_none()] {
                @if let Some(hint) = hint { (rich(hint)) }
            }
        }
    }
}

/// The JSON the script reads: the page's locale, the locales in switcher
/// order, each locale's own name, what the npm core needs to negotiate the
/// page's language as the library does (`negotiation`, in the shape of the
/// export's index), and per locale its words (`ui`, keyed by
/// the phrase ids the page's `data-ui` attributes name, plus `doc_title`),
/// the note for each other locale that serves some of its texts (`notes`),
/// catalog and section titles and every code's `[title, explanation,
/// hint | null, served locale]`.
fn data_json(catalog: &Catalog, locales: &Locales, page: &Locale) -> String {
    let mut by_locale = Map::new();
    for l in &locales.list {
        let mut ui_strings = Map::new();
        let heading = catalog.phrase(Phrase::IndexHeading, &l.chain);
        ui_strings.insert("doc_title".to_owned(), doc_title(&heading).into());
        // The page's words, then the badges: each kind's word and `retired`.
        let words = index_words()
            .chain(Kind::ALL.iter().map(|k| k.phrase()))
            .chain([Phrase::Retired]);
        for phrase in words {
            let text = catalog.phrase(phrase, &l.chain).into_owned();
            ui_strings.insert(phrase.id().to_owned(), text.into());
        }
        let catalogs: Map<String, Value> = CatalogId::ALL
            .iter()
            .map(|id| {
                (
                    id.as_str().to_owned(),
                    catalog_title(catalog, *id, &l.chain).into(),
                )
            })
            .collect();
        let sections: Map<String, Value> = CatalogId::ALL
            .iter()
            .flat_map(|id| id.sections().iter().map(move |s| (*id, *s)))
            .map(|(id, s)| {
                (
                    section_anchor(id, s),
                    section_title(catalog, id, s, &l.chain).into(),
                )
            })
            .collect();
        let mut notes = Map::new();
        let codes: Map<String, Value> = CatalogId::ALL
            .iter()
            .flat_map(|id| id.codes())
            .filter_map(|code| {
                let t = texts(catalog, code, &l.chain)?;
                if t.locale != l.tag && !notes.contains_key(&t.locale) {
                    let note = fallback_note(catalog, l, &t.locale);
                    notes.insert(t.locale.clone(), note.into());
                }
                Some((
                    anchor(code),
                    json!([t.title, t.explanation, t.hint, t.locale]),
                ))
            })
            .collect();
        by_locale.insert(
            l.tag.clone(),
            json!({
                "ui": ui_strings,
                "notes": notes,
                "catalogs": catalogs,
                "sections": sections,
                "codes": codes,
            }),
        );
    }
    let tags: Vec<&str> = locales.list.iter().map(|l| l.tag.as_str()).collect();
    // Each locale's own name, for the served-by badge.
    let names: Map<String, Value> = locales
        .list
        .iter()
        .map(|l| (l.tag.clone(), native_name(catalog, &l.tag).into()))
        .collect();
    // How the script picks the page's language: the catalog's own chains
    // and the library's locale rules, read by the core's `createCatalog`.
    let chains: Vec<(String, Vec<String>)> = locales
        .list
        .iter()
        .map(|l| {
            let chain = l.chain.locales().iter().map(ToString::to_string);
            (l.tag.clone(), chain.collect())
        })
        .collect();
    let data = json!({
        "default": page.tag,
        "locales": tags,
        "names": names,
        "negotiation": crate::export_all::negotiation(&chains),
        "texts": by_locale,
    });
    script_safe(&data.to_string())
}

/// Makes JSON safe inside an HTML `<script>` element: `<`, `>` and `&` can
/// only occur inside JSON strings, where their `\u` escapes mean the same,
/// so neither `</script>` nor `<!--` can appear; U+2028 and U+2029 are
/// escaped for old parsers.
fn script_safe(json: &str) -> String {
    let mut out = String::with_capacity(json.len() + 64);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// A catalog text, escaped, with its `backticked` spans shown as code, as
/// the texts mean them. Unpaired backticks are left as they are.
fn rich(text: &str) -> Markup {
    let paired = text.split('`').count() % 2 == 1;
    html! {
        @if paired {
            @for (i, part) in text.split('`').enumerate() {
                @if i % 2 == 1 { code { (part) } } @else { (part) }
            }
        } @else {
            (text)
        }
    }
}

/// The page's own words, errcat's phrases whose ids start with `index-`:
/// the script swaps each element whose `data-ui` attribute is one's id,
/// and the search box's placeholder, when the language changes.
fn index_words() -> impl Iterator<Item = Phrase> {
    Phrase::ALL
        .into_iter()
        .filter(|p| p.id().starts_with("index-"))
}

/// The page's title: its heading, then `errcat`.
fn doc_title(heading: &str) -> String {
    format!("{heading} · errcat")
}

/// The served-by badge's tooltip in `page`'s language: the fallback note
/// (`fallback-note`), naming the language asked for and the one that
/// served the text, each in its own words.
fn fallback_note(catalog: &Catalog, page: &Locale, served: &str) -> String {
    let args = Args::new()
        .with("requested", native_name(catalog, &page.tag))
        .with("language", native_name(catalog, served));
    catalog
        .phrase_with_args(Phrase::FallbackNote, &page.chain, &args)
        .into_owned()
}

/// A locale's name in its own language (its `language-name` phrase), for
/// the switcher and the served-by badge; the tag if it has none.
fn native_name(catalog: &Catalog, tag: &str) -> String {
    tag.parse::<LanguageIdentifier>()
        .ok()
        .and_then(|id| catalog.language_name(&id))
        .map_or_else(|| tag.to_owned(), |name| name.into_owned())
}

/// The page's style sheet, `assets/index.css`, inlined into its `<style>`
/// element (after a line break, as the element's first line).
const CSS: &str = concat!("\n", include_str!("../assets/index.css"));

/// The npm package's core, `js/core.js`: its locale negotiation and its
/// search folding are the page's, so the page chooses its language and
/// matches a search as the library does, from one copy of the rules.
const CORE: &str = include_str!("../js/core.js");

/// The page's own script, `assets/index.js`, which uses the core's
/// `createCatalog` and `fold`.
const PAGE_SCRIPT: &str = include_str!("../assets/index.js");

/// The page's one script, inlined into its `<script>` element: the core
/// with its `export`s made plain declarations, then the page's script, in
/// one function scope (an inline script cannot be a module that imports:
/// the page loads nothing). The Content-Security-Policy allows it by the
/// hash of exactly this text.
fn script() -> &'static str {
    static SCRIPT: OnceLock<String> = OnceLock::new();
    SCRIPT.get_or_init(|| {
        let mut script = String::with_capacity(CORE.len() + PAGE_SCRIPT.len() + 64);
        script.push_str("\n(function () {\n\"use strict\";\n// js/core.js\n");
        for line in CORE.lines() {
            script.push_str(line.strip_prefix("export ").unwrap_or(line));
            script.push('\n');
        }
        script.push_str("// assets/index.js\n");
        script.push_str(PAGE_SCRIPT);
        script.push_str("})();\n");
        script
    })
}
