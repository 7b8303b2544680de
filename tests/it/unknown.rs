//! Numbers from an API in one call, always with something to show: known
//! codes, numbers no catalog has, and Planfix's success body without a code.

use errcat::{ApiResponse, Catalog, CatalogId, Kind, mobizon, planfix};

use crate::fixtures::{TempDir, errcat, rows};

const SHIPPED: [&str; 4] = ["en", "ru", "uk", "kk"];

#[test]
fn a_known_number_is_its_code() {
    let catalog = Catalog::embedded();
    for lang in SHIPPED {
        let chain = catalog.chain(lang).unwrap();
        for catalog_id in CatalogId::ALL {
            for code in catalog_id.codes() {
                let e = catalog.explain_number(catalog_id, i64::from(code.number()), &chain);
                assert_eq!(e, catalog.lookup(code, &chain).unwrap(), "{code} {lang}");
                assert_eq!(e.code(), Some(code));
                assert_eq!(e.number(), Some(i64::from(code.number())));
            }
        }
    }
}

#[test]
fn an_unknown_number_has_a_text_in_every_locale_with_the_number_in_it() {
    let catalog = Catalog::embedded();
    for lang in SHIPPED {
        let chain = catalog.chain(lang).unwrap();
        for catalog_id in CatalogId::ALL {
            for number in [77, -1, 97, i64::from(u32::MAX) + 1, i64::MIN] {
                let e = catalog.explain_number(catalog_id, number, &chain);
                let shown = format!("{catalog_id}:{number}");
                assert_eq!(e.code(), None, "{shown}");
                assert_eq!((e.kind(), e.name()), (Kind::Unknown, "unknown-code"));
                assert_eq!(e.number(), Some(number));
                assert_eq!(e.code_text().to_string(), shown);
                // Served by the requested locale, with the number in place.
                assert_eq!(e.locale().to_string(), lang, "{shown}");
                assert!(!e.is_fallback(), "{shown} {lang}");
                assert!(
                    e.title().contains(&number.to_string()),
                    "{shown} {lang}: {}",
                    e.title()
                );
                assert!(e.explanation().contains(&number.to_string()));
                assert!(!e.title().contains("{$") && !e.explanation().contains('{'));
                assert!(e.hint().is_some());
                assert_eq!(e.http_status(), 500);
                assert!(e.kind().is_error());
            }
        }
    }
    // Each language's own words.
    let kk = catalog.chain("kk").unwrap();
    let uk = catalog.chain("uk").unwrap();
    let e = catalog.explain_number(CatalogId::Planfix, 77, &kk);
    assert_eq!(e.title(), "Белгісіз қате коды: 77");
    let e = catalog.explain_number(CatalogId::Mobizon, 7, &uk);
    assert_eq!(e.title(), "Невідомий код відповіді 7");
}

#[test]
fn the_json_form_of_an_unknown_number_names_it() {
    let catalog = Catalog::embedded();
    let e = catalog.explain_number(CatalogId::Planfix, 77, &catalog.chain("en").unwrap());
    let v = serde_json::to_value(&e).unwrap();
    assert_eq!(v["code"], "planfix:77");
    assert_eq!(v["number"], 77);
    assert_eq!(v["kind"], "unknown");
    assert_eq!(v["name"], "unknown-code");
    assert_eq!(v["title"], "Unknown error code 77");
}

#[test]
fn every_response_gets_an_answer() {
    let catalog = Catalog::embedded();
    let chain = catalog.chain("en").unwrap();
    for (line, row) in rows("answers.txt", "=>") {
        let [json, expected] = &row[..] else {
            panic!("answers.txt:{line}: expected `json => answer`")
        };
        let response = ApiResponse::parse(json, None).unwrap();
        let e = catalog.explain_response(&response, &chain);
        let got = format!("{} {} {}", e.code_text(), e.kind(), e.title());
        assert_eq!(&got, expected, "answers.txt:{line}");
    }
}

#[test]
fn planfix_success_parses_and_is_explained_in_every_locale() {
    let catalog = Catalog::embedded();
    let r = ApiResponse::parse(r#"{"Result":"success"}"#, None).unwrap();
    assert_eq!((r.catalog, r.number), (CatalogId::Planfix, None));
    assert!(r.is_success());
    assert!(r.code().is_err());
    let forced = ApiResponse::parse(r#"{"Result":"success"}"#, Some(CatalogId::Planfix)).unwrap();
    assert_eq!(forced, r);
    for lang in SHIPPED {
        let e = catalog.explain_response(&r, &catalog.chain(lang).unwrap());
        assert_eq!(
            (e.kind(), e.code(), e.number()),
            (Kind::Success, None, None)
        );
        assert_eq!(e.locale().to_string(), lang);
        assert_eq!(e.http_status(), 200);
    }
    let failed = ApiResponse::parse(r#"{"Result":"fail","Code":1000}"#, None).unwrap();
    assert!(!failed.is_success());
}

#[test]
fn a_folder_without_the_unknown_text_falls_back_to_english() {
    let dir = TempDir::new();
    std::fs::create_dir_all(dir.path().join("de")).unwrap();
    std::fs::write(
        dir.path().join("de/planfix.ftl"),
        "task-not-found = Die Aufgabe gibt es nicht.\n    .title = Aufgabe nicht gefunden\n",
    )
    .unwrap();
    let (catalog, _) = Catalog::from_dir(dir.path()).unwrap();
    let chain = catalog.chain("de").unwrap();
    let e = catalog.explain_number(CatalogId::Planfix, 1000, &chain);
    assert_eq!(
        (e.title(), e.is_fallback()),
        ("Aufgabe nicht gefunden", false)
    );
    let e = catalog.explain_number(CatalogId::Planfix, 77, &chain);
    assert_eq!(
        (e.title(), e.locale().to_string().as_str()),
        ("Unknown error code 77", "en")
    );
    assert!(e.is_fallback());
    // A chain of another catalog works too.
    let e = Catalog::embedded().explain_number(CatalogId::Mobizon, 7, &chain);
    assert_eq!(e.title(), "Unknown response code 7");
}

#[test]
fn the_cli_explains_a_response_with_an_unknown_code() {
    let o = errcat(&[
        "explain",
        "--response",
        r#"{"code": 7, "message": "Новое"}"#,
        "--lang",
        "ru",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(
        out.starts_with("mobizon:7 (unknown-code, неизвестный код)\nНеизвестный код ответа 7\n"),
        "{out}"
    );
    assert!(out.contains("Новое"), "{out}");
    let o = errcat(&["explain", "--response", r#"{"Result":"success"}"#, "--json"]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        (v["code"].as_str(), v["kind"].as_str()),
        (Some("planfix:success"), Some("success"))
    );
    // Known codes are as before.
    assert_eq!(mobizon::RATE_LIMIT_EXCEEDED.number(), 30);
    assert_eq!(planfix::TASK_NOT_FOUND.number(), 1000);
}
