//! The npm package in `js/`: its data is the current export, and its
//! parity test compares against the library's own answers.

use std::path::{Path, PathBuf};

use errcat::{Catalog, CatalogId, export_all, write_all};
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

/// The library's answers for every code and a few unknown numbers, for
/// inputs as a front-end gets them (one locale, an Accept-Language header,
/// a list such as `navigator.languages`): the chain, and which locale serves
/// each code (whose text, this test checks, is the one in the package's
/// data), for the npm package's parity test.
#[test]
fn the_npm_packages_parity_answers_are_the_librarys() {
    let catalog = Catalog::embedded();
    let inputs: Vec<Value> =
        serde_json::from_slice(&std::fs::read(js().join("test/parity-inputs.json")).unwrap())
            .unwrap();
    let exported = document(catalog);
    let mut cases = Vec::new();
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
        for c in CatalogId::ALL {
            let unknown = [7, 4242, 999_999];
            let numbers = c.codes().map(|code| code.number()).chain(unknown);
            for number in numbers {
                let answer = match c.code(number) {
                    Some(code) => {
                        let e = catalog.lookup(code, &chain).unwrap();
                        let locale = e.locale().to_string();
                        // The texts the package serves for this locale are
                        // the library's: the answer needs only the locale.
                        let m = &exported["texts"][&locale]["catalogs"][c.as_str()]["messages"]
                            [number.to_string()];
                        assert_eq!(m["title"], e.title(), "{c}:{number} in {locale}");
                        assert_eq!(m["explanation"], e.explanation(), "{c}:{number}");
                        assert_eq!(m["hint"], json!(e.hint()), "{c}:{number}");
                        json!([locale, e.is_fallback()])
                    }
                    None => Value::Null,
                };
                answers.insert(format!("{c}:{number}"), answer);
            }
        }
        let locales: Vec<String> = chain.locales().iter().map(ToString::to_string).collect();
        cases.push(json!({
            "input": input,
            "requested": chain.requested().to_string(),
            "chain": locales,
            "answers": answers,
        }));
    }
    let mut responses = Vec::new();
    for (_, row) in rows("responses.txt", "=>") {
        let text = row[0].clone();
        let outcome = match errcat::ApiResponse::parse(&text, None) {
            Ok(r) => match r.code() {
                Ok(code) => {
                    json!({"code": code.to_string(), "message": r.message, "data": r.data, "result": r.result})
                }
                Err(_) => json!({"unknown": format!(
                    "{}:{}",
                    r.catalog,
                    r.number.map_or_else(|| "-".to_owned(), |n| n.to_string())
                )}),
            },
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
    text.push_str("],\n\"responses\": [\n");
    for (i, r) in responses.iter().enumerate() {
        text.push_str(&serde_json::to_string(r).unwrap());
        text.push_str(if i + 1 < responses.len() { ",\n" } else { "\n" });
    }
    text.push_str("]\n}\n");
    committed(
        &js().join("test/parity-expected.json"),
        text.as_bytes(),
        "run `ERRCAT_BLESS=1 cargo test --all-features export` and review the diff",
    );
}
