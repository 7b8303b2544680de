//! Registry ↔ locale parity: every locale file has exactly the messages the
//! registry names (no missing, extra or misnamed ids) and the same
//! attributes as the reference locale, en.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use errcat::CatalogId;
use fluent_syntax::ast::Entry;

/// Message id → its attribute names, for one `.ftl` file.
fn messages(path: &PathBuf) -> BTreeMap<String, BTreeSet<String>> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let resource = fluent_syntax::parser::parse(text.as_str())
        .unwrap_or_else(|(_, errors)| panic!("{}: {errors:?}", path.display()));
    let mut out = BTreeMap::new();
    for entry in resource.body {
        if let Entry::Message(m) = entry {
            let attrs = m.attributes.iter().map(|a| a.id.name.to_owned()).collect();
            assert!(
                out.insert(m.id.name.to_owned(), attrs).is_none(),
                "{}: duplicate id {}",
                path.display(),
                m.id.name
            );
        }
    }
    out
}

fn locales_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("locales")
}

/// The released locales (`registry/released-locales.txt`), sorted: those
/// compiled in and held complete. A folder under locales/ not listed there
/// is a translation in progress.
fn shipped() -> Vec<String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("registry/released-locales.txt");
    let mut langs: Vec<String> = std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect();
    langs.sort();
    langs
}

#[test]
fn the_four_languages_ship() {
    assert_eq!(shipped(), ["en", "kk", "ru", "uk"]);
    for lang in shipped() {
        assert!(locales_dir().join(&lang).is_dir(), "{lang}");
    }
}

#[test]
fn every_locale_file_matches_the_registry() {
    for catalog in CatalogId::ALL {
        let mut expected: BTreeSet<String> = catalog.codes().map(|c| c.name().to_owned()).collect();
        expected.insert("catalog-title".to_owned());
        // Each catalog's texts for answers without a code of the registry.
        expected.insert("unknown-code".to_owned());
        if catalog == CatalogId::Planfix {
            expected.insert("success".to_owned());
        }
        expected.extend(catalog.sections().iter().map(|s| format!("section-{s}")));
        for lang in shipped() {
            let path = locales_dir().join(&lang).join(format!("{catalog}.ftl"));
            let ids: BTreeSet<String> = messages(&path).into_keys().collect();
            let missing: Vec<_> = expected.difference(&ids).collect();
            let extra: Vec<_> = ids.difference(&expected).collect();
            assert!(
                missing.is_empty() && extra.is_empty(),
                "{}: missing {missing:?}, extra {extra:?}",
                path.display()
            );
        }
    }
}

#[test]
fn every_message_has_a_title_and_the_reference_attributes() {
    for catalog in CatalogId::ALL {
        let reference = messages(&locales_dir().join("en").join(format!("{catalog}.ftl")));
        for code in catalog.codes() {
            let attrs = &reference[code.name()];
            assert!(attrs.contains("title"), "en {code}: no title");
            assert!(
                attrs.iter().all(|a| a == "title" || a == "hint"),
                "en {code}: {attrs:?}"
            );
        }
        for lang in shipped() {
            let path = locales_dir().join(&lang).join(format!("{catalog}.ftl"));
            for (id, attrs) in messages(&path) {
                assert_eq!(
                    Some(&attrs),
                    reference.get(&id),
                    "{}: {id} has attributes {attrs:?}",
                    path.display()
                );
            }
        }
    }
}

#[test]
fn the_embedded_catalog_ships_every_locale_folder() {
    // Build-time discovery: a folder under locales/ is embedded with no
    // change to Rust.
    let embedded: Vec<String> = errcat::Catalog::embedded()
        .locales()
        .map(|l| l.to_string())
        .collect();
    assert_eq!(embedded, shipped());
}

/// The compiled catalog (tables rendered by `build.rs`) and the folder
/// loader (`Catalog::from_dir`, parsing at run time) are two sources behind
/// one lookup: for every code, shipped locale and part they give the same
/// bytes from the same serving locale, and the same labels and chains.
#[test]
fn the_compiled_catalog_and_the_folder_loader_agree() {
    use errcat::Catalog;
    let compiled = Catalog::embedded();
    let (folder, diagnostics) = Catalog::from_dir(locales_dir()).unwrap();
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let tags = |c: &Catalog| c.locales().map(ToString::to_string).collect::<Vec<_>>();
    assert_eq!(tags(compiled), tags(&folder));
    let mut compared = 0;
    let requests = shipped()
        .into_iter()
        .chain(["kk-KZ".to_owned(), "de".to_owned()]);
    for lang in requests {
        let (a, b) = (compiled.chain(&lang).unwrap(), folder.chain(&lang).unwrap());
        assert_eq!(a.to_string(), b.to_string());
        for catalog in CatalogId::ALL {
            assert_eq!(
                compiled.catalog_title(catalog, &a),
                folder.catalog_title(catalog, &b),
                "{catalog} in {lang}"
            );
            for section in catalog.sections() {
                assert_eq!(
                    compiled.section_title(catalog, section, &a),
                    folder.section_title(catalog, section, &b),
                    "{catalog}:{section} in {lang}"
                );
            }
            for code in catalog.codes() {
                let (x, y) = (
                    compiled.lookup(code, &a).unwrap(),
                    folder.lookup(code, &b).unwrap(),
                );
                let parts = |e: &errcat::Explanation<'_>| {
                    (
                        e.locale().to_string(),
                        e.is_fallback(),
                        e.title().to_owned(),
                        e.explanation().to_owned(),
                        e.hint().map(str::to_owned),
                    )
                };
                assert_eq!(parts(&x), parts(&y), "{code} in {lang}");
                // The compiled texts are the catalog's own, `'static`.
                let stored: errcat::StoredTexts<'static> = x.stored().unwrap();
                assert_eq!(stored.title, y.title());
                compared += 1;
            }
        }
    }
    assert_eq!(compared, 6 * crate::fixtures::registry_total());
    assert_eq!(compared, 6 * 94);
}
