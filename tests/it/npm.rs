//! The npm package in `js/`: its data is the current export, and its
//! parity test compares against the library's own answers.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use errcat::tooling::{export_all, write_all};
use errcat::{Catalog, CatalogId};
use serde_json::{Value, json};

use crate::export::document;
use crate::fixtures::{TempDir, rows};

fn js() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("js")
}

/// Compares `expected` with the committed file, or writes it with
/// `ERRCAT_BLESS=1`.
fn committed(path: &Path, expected: &[u8], regenerate: &str) {
    if std::env::var_os("ERRCAT_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, expected).unwrap();
        return;
    }
    let actual = std::fs::read(path).unwrap_or_default();
    assert!(
        actual == expected,
        "{} is stale: {regenerate}",
        path.display()
    );
}

#[test]
fn the_npm_packages_data_is_the_current_export() {
    let dir = TempDir::new();
    let export = export_all(Catalog::embedded()).unwrap();
    let written = write_all(&export, dir.path()).unwrap();
    let mut names: Vec<String> = std::fs::read_dir(js().join("data"))
        .map(|d| {
            d.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let mut expected: Vec<String> = written
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    expected.sort();
    if std::env::var_os("ERRCAT_BLESS").is_none() {
        assert_eq!(names, expected, "js/data: run `npm run generate` in js/");
    }
    for path in written {
        let name = path.file_name().unwrap();
        committed(
            &js().join("data").join(name),
            &std::fs::read(&path).unwrap(),
            "run `npm run generate` in js/",
        );
    }
}

/// Numbers neither catalog has, for the parity test: short and long ones
/// (a grouping separator would show in 999999), the largest code a response
/// carries, negative ones, and numbers beyond 2^53 (which the library
/// passes to Fluent as text) down to `i64::MIN`, each exact in JavaScript.
const UNKNOWN: [i64; 7] = [
    7,
    4242,
    999_999,
    4_294_967_295,
    -7,
    9_007_199_254_740_994,
    i64::MIN,
];

/// The library's answers for every code, a few unknown numbers and a
/// Planfix success, for inputs as a front-end gets them (one locale, an
/// Accept-Language header, a list such as `navigator.languages`): the
/// chain, and which locale serves each answer (whose text, this test
/// checks, is the one in the package's data for a code; for an unknown
/// number or a success, `extras` holds the library's whole answer per
/// serving locale, which does not depend on the input), for the npm
/// package's parity test. Raw responses get the library's whole answer.
#[test]
fn the_npm_packages_parity_answers_are_the_librarys() {
    let catalog = Catalog::embedded();
    let inputs: Vec<Value> =
        serde_json::from_slice(&std::fs::read(js().join("test/parity-inputs.json")).unwrap())
            .unwrap();
    let exported = document(catalog);
    let success = errcat::ApiResponse::parse(r#"{"Result":"success"}"#, None).unwrap();
    let mut cases = Vec::new();
    let mut extras: BTreeMap<String, BTreeMap<String, Value>> = BTreeMap::new();
    for input in inputs {
        let chain = match &input {
            Value::String(s) if s.contains([',', ';']) => Ok(catalog.chain_for_accept_language(s)),
            Value::String(s) => catalog.chain(s),
            Value::Array(list) => {
                let list: Vec<&str> = list.iter().filter_map(Value::as_str).collect();
                Ok(catalog.chain_for_accept_language(&list.join(", ")))
            }
            other => panic!("parity-inputs.json: {other} is not a string or a list"),
        };
        let chain = match chain {
            Ok(chain) => chain,
            Err(_) => {
                cases.push(json!({"input": input, "error": "invalid-locale"}));
                continue;
            }
        };
        let mut answers = serde_json::Map::new();
        // An answer without a code of the registry: where it comes from,
        // and the rest of it once per serving locale.
        let mut extra = |key: &str, e: errcat::Explanation<'_>| {
            let locale = e.locale().to_string();
            let answer = json!([locale, e.is_fallback()]);
            let mut whole = serde_json::to_value(&e).unwrap();
            let fields = whole.as_object_mut().unwrap();
            fields.remove("requested");
            fields.remove("fallback");
            let known = extras.entry(locale).or_default().entry(key.to_owned());
            let kept = known.or_insert_with(|| whole.clone());
            assert_eq!(*kept, whole, "{key}: the same locale, the same answer");
            answer
        };
        for c in CatalogId::ALL {
            for code in c.codes() {
                let number = code.number();
                let e = catalog.lookup(code, &chain).unwrap();
                let locale = e.locale().to_string();
                // The texts the package serves for this locale are the
                // library's: the answer needs only the locale.
                let m = &exported["texts"][&locale]["catalogs"][c.as_str()]["messages"]
                    [number.to_string()];
                assert_eq!(m["title"], e.title(), "{c}:{number} in {locale}");
                assert_eq!(m["explanation"], e.explanation(), "{c}:{number}");
                assert_eq!(m["hint"], json!(e.hint()), "{c}:{number}");
                answers.insert(format!("{c}:{number}"), json!([locale, e.is_fallback()]));
            }
            // Numbers this catalog lacks (7 is a per-recipient code).
            let lacks = |n: &i64| u32::try_from(*n).ok().and_then(|n| c.code(n)).is_none();
            for number in UNKNOWN.into_iter().filter(lacks) {
                let e = catalog.explain_number(c, number, &chain);
                assert_eq!(e.kind(), errcat::Kind::Unknown, "{c}:{number}");
                let key = format!("{c}:{number}");
                answers.insert(key.clone(), extra(&key, e));
            }
        }
        let e = catalog.explain_response(&success, &chain);
        answers.insert("planfix:success".to_owned(), extra("planfix:success", e));
        let locales: Vec<String> = chain.locales().iter().map(ToString::to_string).collect();
        // An explanation names the requested locale without its variants.
        let explained = catalog
            .lookup(errcat::planfix::TASK_NOT_FOUND, &chain)
            .unwrap();
        cases.push(json!({
            "input": input,
            "requested": chain.requested().to_string(),
            "explained": explained.requested().to_string(),
            "chain": locales,
            "answers": answers,
        }));
    }
    let english = catalog.chain("en").unwrap();
    let mut responses = Vec::new();
    for (_, row) in rows("responses.txt", "=>") {
        let text = row[0].clone();
        let outcome = match errcat::ApiResponse::parse(&text, None) {
            Ok(r) => json!({"response": r, "explanation": catalog.explain_response(&r, &english)}),
            Err(errcat::Error::InvalidJson { .. }) => json!({"error": "invalid-json"}),
            Err(e) => json!({"error": "invalid-response", "message": e.to_string()}),
        };
        responses.push(json!({"input": text, "outcome": outcome}));
    }
    // One case per line: a readable diff when a text changes.
    let mut text = String::from("{\n\"cases\": [\n");
    for (i, case) in cases.iter().enumerate() {
        text.push_str(&serde_json::to_string(case).unwrap());
        text.push_str(if i + 1 < cases.len() { ",\n" } else { "\n" });
    }
    text.push_str("],\n\"extras\": {\n");
    for (i, (locale, answers)) in extras.iter().enumerate() {
        text.push_str(&serde_json::to_string(locale).unwrap());
        text.push_str(": {\n");
        for (j, (key, answer)) in answers.iter().enumerate() {
            text.push_str(&serde_json::to_string(key).unwrap());
            text.push_str(": ");
            text.push_str(&serde_json::to_string(answer).unwrap());
            text.push_str(if j + 1 < answers.len() { ",\n" } else { "\n" });
        }
        text.push_str(if i + 1 < extras.len() { "},\n" } else { "}\n" });
    }
    text.push_str("},\n\"responses\": [\n");
    for (i, r) in responses.iter().enumerate() {
        text.push_str(&serde_json::to_string(r).unwrap());
        text.push_str(if i + 1 < responses.len() { ",\n" } else { "\n" });
    }
    text.push_str("]\n}\n");
    committed(
        &js().join("test/parity-expected.json"),
        text.as_bytes(),
        "run `ERRCAT_BLESS=1 cargo test --test it -- npm` and review the diff",
    );
}

/// The npm tarball carries the licence texts: npm packs only what is in
/// `js/`, so the package holds copies of the repository's licence files,
/// listed in its `files`, and they must not drift from the originals.
#[test]
fn the_npm_package_carries_the_license_files() {
    let manifest: Value =
        serde_json::from_slice(&std::fs::read(js().join("package.json")).unwrap()).unwrap();
    let files = manifest["files"].as_array().unwrap();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    for name in ["LICENSE-MIT", "LICENSE-APACHE"] {
        assert!(
            files.iter().any(|f| f == name),
            "js/package.json's files lacks {name}"
        );
        assert_eq!(
            std::fs::read(js().join(name)).unwrap(),
            std::fs::read(root.join(name)).unwrap(),
            "js/{name} differs from {name}: cp {name} js/"
        );
    }
    assert_eq!(manifest["license"], "MIT OR Apache-2.0");
}
