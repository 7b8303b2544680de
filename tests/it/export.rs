//! `export --all`: the registry, the fallback policy and every locale's own
//! texts in one document, and the npm package in `js/` built from it.

use errcat::{Catalog, CatalogId, export_all};
use serde_json::{Value, json};

use crate::fixtures::{TempDir, errcat};

pub fn document(catalog: &Catalog) -> Value {
    serde_json::to_value(export_all(catalog).unwrap()).unwrap()
}

#[test]
fn the_document_holds_the_registry_the_policy_and_every_locales_texts() {
    let catalog = Catalog::embedded();
    let doc = document(catalog);
    assert_eq!(doc["format"], 1);
    assert_eq!(doc["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(doc["fallback"]["table"], json!({"kk": ["ru"]}));
    assert_eq!(doc["fallback"]["last_resort"], "en");
    for tag in ["en", "kk", "ru", "uk"] {
        let chain: Vec<String> = catalog
            .chain(tag)
            .unwrap()
            .locales()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(doc["fallback"]["chains"][tag], json!(chain), "{tag}");
        assert_eq!(doc["locales"][tag]["file"], format!("{tag}.json"));
    }
    for c in CatalogId::ALL {
        let codes = doc["catalogs"][c.as_str()]["codes"].as_array().unwrap();
        assert_eq!(codes.len(), c.codes().len());
        for (entry, code) in codes.iter().zip(c.codes()) {
            assert_eq!(entry["number"], code.number());
            assert_eq!(entry["name"], code.name());
            assert_eq!(entry["kind"], code.kind().as_str());
            assert_eq!(entry["section"], json!(code.section()));
            assert_eq!(entry["status"], "active");
        }
        assert_eq!(doc["catalogs"][c.as_str()]["sections"], json!(c.sections()));
        // Every shipped locale has every code, with the library's own text.
        for tag in ["en", "kk", "ru", "uk"] {
            let texts = &doc["texts"][tag]["catalogs"][c.as_str()];
            assert_eq!(
                texts["messages"].as_object().unwrap().len(),
                c.codes().len()
            );
            let chain = catalog.chain(tag).unwrap();
            for code in c.codes() {
                let e = catalog.lookup(code, &chain).unwrap();
                let m = &texts["messages"][code.number().to_string()];
                assert_eq!(m["title"], e.title());
                assert_eq!(m["explanation"], e.explanation());
                assert_eq!(m["hint"], json!(e.hint()));
            }
        }
    }
    assert_eq!(
        doc["texts"]["ru"]["catalogs"]["planfix"]["sections"]["data-tags"],
        "Аналитики и записи аналитик"
    );
    assert_eq!(
        doc["texts"]["uk"]["catalogs"]["mobizon"]["title"],
        "Mobizon SMS API"
    );
}

#[test]
fn a_locale_lists_only_its_own_texts_and_the_hash_follows_the_content() {
    let dir = TempDir::new();
    dir.write(
        "de/planfix.ftl",
        b"task-not-found = Die Aufgabe gibt es nicht.\n    .title = Aufgabe nicht gefunden\n",
    );
    let (catalog, diagnostics) = Catalog::from_dir(dir.path()).unwrap();
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let doc = document(&catalog);
    let de = &doc["texts"]["de"]["catalogs"];
    assert_eq!(de["planfix"]["messages"].as_object().unwrap().len(), 1);
    assert_eq!(
        de["planfix"]["messages"]["1000"]["title"],
        "Aufgabe nicht gefunden"
    );
    assert_eq!(de["mobizon"]["messages"], json!({}));
    assert_eq!(doc["fallback"]["chains"]["de"], json!(["de", "en"]));

    let embedded = document(Catalog::embedded());
    assert_ne!(doc["hash"], embedded["hash"]);
    assert_eq!(
        doc["locales"]["kk"]["hash"],
        embedded["locales"]["kk"]["hash"]
    );
    assert_eq!(
        embedded["hash"],
        document(Catalog::embedded())["hash"],
        "stable"
    );
}

#[test]
fn the_cli_prints_the_document_and_writes_one_file_per_locale() {
    let out = errcat(&["export", "--all"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let printed: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(printed, document(Catalog::embedded()));

    let dir = TempDir::new();
    let target = dir.path().join("data");
    let out = errcat(&["export", "--all", "--out", target.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let index: Value =
        serde_json::from_slice(&std::fs::read(target.join("index.json")).unwrap()).unwrap();
    assert!(index.get("texts").is_none());
    assert_eq!(index["hash"], printed["hash"]);
    for tag in ["en", "kk", "ru", "uk"] {
        let file: Value =
            serde_json::from_slice(&std::fs::read(target.join(format!("{tag}.json"))).unwrap())
                .unwrap();
        assert_eq!(file, printed["texts"][tag], "{tag}");
    }

    for args in [
        &["export", "--all", "--lang", "kk"][..],
        &["export", "--out", "x"][..],
    ] {
        let out = errcat(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
}
