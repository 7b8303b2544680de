//! `export --all`: the registry, the fallback policy and every locale's own
//! texts in one document, and the npm package in `js/` built from it.

use errcat::tooling::export_all;
use errcat::{ApiResponse, Catalog, CatalogId, Error, Kind};
use serde_json::{Value, json};

use crate::fixtures::{TempDir, errcat};

pub fn document(catalog: &Catalog) -> Value {
    serde_json::to_value(export_all(catalog).unwrap()).unwrap()
}

#[test]
fn the_document_holds_the_registry_the_policy_and_every_locales_texts() {
    let catalog = Catalog::embedded();
    let doc = document(catalog);
    assert_eq!(doc["format"], 2);
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

/// An extra message's template filled in as a front-end does: `{$number}`
/// and `{$message}`, in one pass (the JavaScript resolver's `fill`).
fn fill(template: &Value, number: &str, message: Option<&str>) -> Value {
    let Some(template) = template.as_str() else {
        return Value::Null;
    };
    let mut out = String::new();
    let mut rest = template;
    while let Some(at) = rest.find("{$") {
        out.push_str(&rest[..at]);
        let from = &rest[at..];
        if let Some(after) = from.strip_prefix("{$number}") {
            out.push_str(number);
            rest = after;
        } else if let (Some(after), Some(m)) = (from.strip_prefix("{$message}"), message) {
            out.push_str(m);
            rest = after;
        } else {
            out.push_str("{$");
            rest = &from[2..];
        }
    }
    out.push_str(rest);
    Value::String(out)
}

#[test]
fn the_document_carries_each_catalogs_extra_messages_as_templates() {
    let catalog = Catalog::embedded();
    let doc = document(catalog);
    assert_eq!(
        doc["catalogs"]["planfix"]["extras"],
        json!([
            {"name": "unknown-code", "kind": "unknown", "variables": ["number", "message"]},
            {"name": "success", "kind": "success", "variables": []},
        ])
    );
    assert_eq!(
        doc["catalogs"]["mobizon"]["extras"],
        json!([{"name": "unknown-code", "kind": "unknown", "variables": ["number", "message"]}])
    );
    let success = ApiResponse::parse(r#"{"Result": "success"}"#, None).unwrap();
    for tag in ["en", "kk", "ru", "uk"] {
        let chain = catalog.chain(tag).unwrap();
        for c in CatalogId::ALL {
            let extras = &doc["texts"][tag]["catalogs"][c.as_str()]["extras"];
            let unknown = &extras["unknown-code"];
            assert!(
                unknown["title"].as_str().unwrap().contains("{$number}"),
                "{tag} {c}: {unknown}"
            );
            // Filled in, the template is the library's answer, digit for
            // digit (no grouping, no isolation marks).
            for number in [77_i64, 1_234_567, -7, 9_007_199_254_740_994, i64::MIN] {
                let e = catalog.explain_number(c, number, &chain);
                assert_eq!(
                    (e.kind(), e.locale().to_string()),
                    (Kind::Unknown, tag.to_owned())
                );
                let digits = number.to_string();
                assert_eq!(
                    fill(&unknown["title"], &digits, None),
                    e.title(),
                    "{tag} {c}"
                );
                assert_eq!(
                    fill(&unknown["explanation"], &digits, None),
                    e.explanation()
                );
                assert_eq!(fill(&unknown["hint"], &digits, None), json!(e.hint()));
            }
        }
        let planfix = &doc["texts"][tag]["catalogs"]["planfix"]["extras"];
        let e = catalog.explain_response(&success, &chain);
        assert_eq!(planfix["success"]["title"], e.title(), "{tag}");
        assert_eq!(planfix["success"]["explanation"], e.explanation());
        assert_eq!(planfix["success"]["hint"], json!(e.hint()));
        assert_eq!(
            doc["texts"][tag]["catalogs"]["mobizon"]["extras"]
                .as_object()
                .unwrap()
                .len(),
            1
        );
    }
}

#[test]
fn an_extra_messages_server_text_is_a_placeholder_too_and_a_select_on_the_number_is_refused() {
    let dir = TempDir::new();
    dir.write(
        "de/planfix.ftl",
        concat!(
            "unknown-code = Planfix meldet { $number }: { $message }\n",
            "    .title = Unbekannter Code { $number }\n",
        )
        .as_bytes(),
    );
    let (catalog, _) = Catalog::from_dir(dir.path()).unwrap();
    let doc = document(&catalog);
    let unknown = &doc["texts"]["de"]["catalogs"]["planfix"]["extras"]["unknown-code"];
    assert_eq!(
        *unknown,
        json!({
            "title": "Unbekannter Code {$number}",
            "explanation": "Planfix meldet {$number}: {$message}",
            "hint": null,
        })
    );
    assert_eq!(
        doc["texts"]["de"]["catalogs"]["planfix"]["extras"]
            .as_object()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        doc["texts"]["de"]["catalogs"]["mobizon"]["extras"],
        json!({})
    );
    // The server's text is put in as it is, and not read again.
    let chain = catalog.chain("de").unwrap();
    let r = ApiResponse::parse(r#"{"Code": 77, "Error": "{$number} ist neu"}"#, None).unwrap();
    let e = catalog.explain_response(&r, &chain);
    assert_eq!(
        fill(&unknown["explanation"], "77", Some("{$number} ist neu")),
        e.explanation()
    );
    assert_eq!(e.explanation(), "Planfix meldet 77: {$number} ist neu");
    // Without a server text, `{$message}` stays, in the library as in the template.
    let e = catalog.explain_number(CatalogId::Planfix, 77, &chain);
    assert_eq!(e.explanation(), "Planfix meldet 77: {$message}");
    // The extras' texts are in the hash.
    let other = TempDir::new();
    other.write(
        "de/planfix.ftl",
        b"unknown-code = Planfix meldet { $number }.\n    .title = Unbekannter Code { $number }\n",
    );
    let (changed, _) = Catalog::from_dir(other.path()).unwrap();
    let changed = document(&changed);
    assert_ne!(
        changed["locales"]["de"]["hash"],
        doc["locales"]["de"]["hash"]
    );
    assert_ne!(changed["hash"], doc["hash"]);

    let plural = TempDir::new();
    plural.write(
        "de/planfix.ftl",
        concat!(
            "unknown-code = Planfix meldet { $number ->\n",
            "        [one] einen Code\n",
            "       *[other] den Code { $number }\n",
            "    }.\n",
            "    .title = Unbekannter Code { $number }\n",
        )
        .as_bytes(),
    );
    let (catalog, _) = Catalog::from_dir(plural.path()).unwrap();
    let err = export_all(&catalog).unwrap_err();
    assert_eq!(
        err,
        Error::Unexportable {
            code: "planfix:unknown-code".into(),
            locale: "de".into(),
            number: "1".into(),
        }
    );
    assert!(
        err.to_string()
            .starts_with("cannot export planfix:unknown-code in de: its text for number 1 ")
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

#[test]
fn the_index_is_written_last_so_readers_never_see_it_ahead_of_its_files() {
    let dir = TempDir::new();
    let export = errcat::tooling::export_all(Catalog::embedded()).unwrap();
    let written = errcat::tooling::write_all(&export, dir.path()).unwrap();
    assert!(written[0].ends_with("index.json"), "{written:?}");
    // Every file is older than, or as old as, the index: its modification
    // time is the order the files were renamed into place.
    let modified = |p: &std::path::Path| std::fs::metadata(p).unwrap().modified().unwrap();
    let index = modified(&written[0]);
    for file in &written[1..] {
        assert!(
            modified(file) <= index,
            "{} after the index",
            file.display()
        );
    }
    // A locale file that cannot be written (a folder in its place) stops
    // the run before the index is replaced.
    let dir = TempDir::new();
    dir.write("index.json", b"old\n");
    std::fs::create_dir_all(dir.path().join("uk.json")).unwrap();
    let err = errcat::tooling::write_all(&export, dir.path()).unwrap_err();
    assert!(err.to_string().contains("uk.json"), "{err}");
    assert_eq!(
        std::fs::read(dir.path().join("index.json")).unwrap(),
        b"old\n"
    );
    assert!(!dir.path().join("en.json").exists(), "nothing was replaced");
}

#[cfg(unix)]
#[test]
fn a_link_among_the_outputs_fails_before_anything_is_replaced() {
    let dir = TempDir::new();
    let export = errcat::tooling::export_all(Catalog::embedded()).unwrap();
    dir.write("index.json", b"old\n");
    dir.write("en.json", b"old en\n");
    dir.write("elsewhere.json", b"kept\n");
    std::os::unix::fs::symlink("elsewhere.json", dir.path().join("ru.json")).unwrap();
    let err = errcat::tooling::write_all(&export, dir.path()).unwrap_err();
    assert!(err.to_string().contains("ru.json"), "{err}");
    assert!(err.to_string().contains("link"), "{err}");
    for (name, old) in [
        ("index.json", &b"old\n"[..]),
        ("en.json", b"old en\n"),
        ("elsewhere.json", b"kept\n"),
    ] {
        assert_eq!(std::fs::read(dir.path().join(name)).unwrap(), old, "{name}");
    }
    let o = errcat(&["export", "--all", "--out", dir.arg()]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(String::from_utf8_lossy(&o.stderr).lines().count(), 1);
}
