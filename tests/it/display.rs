//! Showing answers: the `Display` adapter in the user's language, and
//! `Explanation`, `Catalog` and `FallbackChain` as values with readable
//! `Debug` output.

use errcat::{Catalog, Code, Explanation, FallbackChain, mobizon, planfix};

#[test]
fn display_shows_the_title_and_the_alternate_form_everything() {
    let catalog = Catalog::embedded();
    for lang in ["en", "ru", "uk", "kk"] {
        let chain = catalog.chain(lang).unwrap();
        for code in [
            planfix::TASK_NOT_FOUND,
            mobizon::RATE_LIMIT_EXCEEDED,
            mobizon::SUCCESS,
        ] {
            let e = catalog.lookup(code, &chain).unwrap();
            let shown = catalog.display(code, &chain);
            assert_eq!(shown.to_string(), e.plain_title(), "{code} {lang}");
            let mut full = format!("{}\n\n{}", e.plain_title(), e.plain_explanation());
            if let Some(hint) = e.plain_hint() {
                full.push_str(&format!("\n\n{hint}"));
            }
            assert_eq!(format!("{shown:#}"), full, "{code} {lang}");
            assert_eq!(format!("{e:#}"), full);
        }
    }
    let uk = catalog.chain("uk").unwrap();
    assert_eq!(
        format!("{:?}", catalog.display(planfix::TASK_NOT_FOUND, &uk)),
        "LocalizedCode(planfix:1000 in uk: uk → en)"
    );
}

#[derive(Debug, thiserror::Error)]
enum AppError {
    #[error("{}", Catalog::embedded().display(*.code, .chain))]
    Upstream { code: Code, chain: FallbackChain },
}

#[test]
fn an_application_error_shows_itself_in_the_users_language() {
    let catalog = Catalog::embedded();
    let error = AppError::Upstream {
        code: planfix::TASK_NOT_FOUND,
        chain: catalog.chain("kk").unwrap(),
    };
    let kk = catalog.explain("planfix:1000", "kk").unwrap();
    assert_eq!(error.to_string(), kk.title());
    assert_ne!(
        error.to_string(),
        catalog.explain("planfix:1000", "en").unwrap().title()
    );
}

#[test]
fn explanations_are_values() {
    let catalog = Catalog::embedded();
    let a = catalog.explain("planfix:1000", "kk-KZ").unwrap();
    let b = catalog
        .lookup(
            planfix::TASK_NOT_FOUND,
            &catalog.chain("kk_KZ.UTF-8").unwrap(),
        )
        .unwrap();
    assert_eq!(a, b);
    assert_eq!(a.clone(), a);
    assert_ne!(a, catalog.explain("planfix:1000", "ru").unwrap());
    assert_ne!(a, catalog.explain("planfix:1001", "kk-KZ").unwrap());
    fn serializable<T: serde::Serialize + Clone + PartialEq + std::fmt::Debug>(_: &T) {}
    serializable::<Explanation<'_>>(&a);
    let debug = format!("{a:?}");
    assert!(
        debug.starts_with(&format!(
            "Explanation {{ code: planfix:1000, requested: kk-KZ, locale: kk, fallback: false, title: {:?}",
            a.title()
        )),
        "{debug}"
    );
    assert!(
        !debug.contains("Stored") && !debug.contains("Plain"),
        "{debug}"
    );
}

#[test]
fn the_answer_is_small() {
    // The requested locale is kept as Copy subtags, not a LanguageIdentifier.
    let size = std::mem::size_of::<Explanation<'static>>();
    assert!(size <= 48, "Explanation is {size} bytes");
}

#[test]
fn catalogs_and_chains_have_readable_debug() {
    let catalog = Catalog::embedded();
    assert_eq!(
        format!("{catalog:?}"),
        "Catalog { source: compiled, locales: [en, kk, ru, uk] }"
    );
    let chain = catalog.chain("kk-KZ").unwrap();
    assert_eq!(format!("{chain:?}"), "FallbackChain(kk-KZ: kk → ru → en)");
    let dir = std::env::temp_dir().join(format!("errcat-debug-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("de")).unwrap();
    std::fs::write(
        dir.join("de/planfix.ftl"),
        "task-not-found = Die Aufgabe gibt es nicht.\n    .title = Aufgabe nicht gefunden\n",
    )
    .unwrap();
    let (folder, _) = Catalog::from_dir(&dir).unwrap();
    assert_eq!(
        format!("{folder:?}"),
        "Catalog { source: folder, locales: [de, en, kk, ru, uk] }"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Every error has a stable kind, the id the HTTP service writes as
/// `error.kind`, and serializes as `{"kind": …, "message": …}` with its
/// English message.
#[test]
fn errors_have_a_stable_kind_and_serialize_as_the_service_writes_them() {
    let catalog = errcat::Catalog::embedded();
    let cases: Vec<(errcat::Error, &str)> = vec![
        (
            catalog.explain("planfix:", "en").unwrap_err(),
            "invalid-code",
        ),
        (
            catalog.explain("jira:1", "en").unwrap_err(),
            "unknown-catalog",
        ),
        (
            catalog.explain("planfix:4242", "en").unwrap_err(),
            "unknown-code",
        ),
        (catalog.explain("424242", "en").unwrap_err(), "unknown-code"),
        (catalog.explain("1", "en").unwrap_err(), "ambiguous-code"),
        (
            catalog.explain("planfix:1000", "..").unwrap_err(),
            "invalid-locale",
        ),
        (
            errcat::ApiResponse::parse("{", None).unwrap_err(),
            "invalid-json",
        ),
        (
            errcat::ApiResponse::parse("[1]", None).unwrap_err(),
            "invalid-response",
        ),
        (
            errcat::Catalog::from_dir("/no/such/folder").unwrap_err(),
            "io",
        ),
        (
            errcat::Error::Unexportable {
                code: "planfix:unknown-code".into(),
                locale: "ru".into(),
                number: "21".into(),
            },
            "unexportable",
        ),
    ];
    for (err, kind) in cases {
        assert_eq!(err.kind(), kind, "{err}");
        assert_eq!(
            serde_json::to_value(&err).unwrap(),
            serde_json::json!({"kind": kind, "message": err.to_string()}),
        );
    }
}
