//! Lookups against the embedded catalog: every code in every locale, the
//! typed path and the string path agreeing, and thread-safety.

use std::collections::HashSet;

use errcat::{Catalog, CatalogId, Code, Explanation, Kind, mobizon, mobizon_recipient, planfix};

const SHIPPED: [&str; 4] = ["en", "ru", "uk", "kk"];

fn all_codes() -> Vec<Code> {
    CatalogId::ALL.iter().flat_map(|c| c.codes()).collect()
}

#[test]
fn the_catalogs_have_the_registry_sizes() {
    assert_eq!(CatalogId::Mobizon.codes().count(), 20);
    assert_eq!(CatalogId::Planfix.codes().count(), 59);
    assert_eq!(CatalogId::MobizonRecipient.codes().count(), 15);
    assert_eq!(CatalogId::Planfix.sections().len(), 10);
    assert_eq!(all_codes().len(), 94);
    // And each catalog exactly as its registry file lists it.
    let ids: Vec<&str> = CatalogId::ALL.iter().map(|c| c.as_str()).collect();
    assert_eq!(ids, crate::fixtures::registry_catalogs());
    for catalog in CatalogId::ALL {
        let rows = crate::fixtures::registry(catalog.as_str());
        let codes: Vec<(u32, &str)> = catalog.codes().map(|c| (c.number(), c.name())).collect();
        let expected: Vec<(u32, &str)> = rows.iter().map(|r| (r.number, r.name.as_str())).collect();
        assert_eq!(codes, expected, "{catalog}");
    }
}

#[test]
fn every_code_resolves_in_every_shipped_locale_without_fallback() {
    let catalog = Catalog::embedded();
    for locale in SHIPPED {
        for code in all_codes() {
            let e = catalog.explain(&code.to_string(), locale).unwrap();
            assert_eq!(e.locale().to_string(), locale, "{code} {locale}");
            assert!(!e.is_fallback(), "{code} {locale}");
            assert_eq!(e.kind(), code.kind());
            assert!(
                !e.title().trim().is_empty() && !e.explanation().trim().is_empty(),
                "{code} {locale}"
            );
            assert!(
                !e.title().contains('\n'),
                "{code} {locale}: title must be one line"
            );
            assert_ne!(e.title(), e.explanation(), "{code} {locale}");
        }
    }
}

#[test]
fn kinds_follow_the_sources() {
    assert_eq!(mobizon::SUCCESS.kind(), Kind::Success);
    assert_eq!(mobizon::QUEUED_FOR_BACKGROUND.kind(), Kind::Accepted);
    assert_eq!(mobizon::PARTIALLY_COMPLETED.kind(), Kind::Partial);
    assert_eq!(mobizon_recipient::ADDED.kind(), Kind::Success);
    let others = all_codes().into_iter().filter(|c| {
        ![
            mobizon::SUCCESS,
            mobizon::QUEUED_FOR_BACKGROUND,
            mobizon::PARTIALLY_COMPLETED,
            mobizon_recipient::ADDED,
        ]
        .contains(c)
    });
    for code in others {
        assert_eq!(code.kind(), Kind::Error, "{code}");
    }
    // Every kind is the one registry/<catalog>.tsv gives.
    for catalog in CatalogId::ALL {
        for row in crate::fixtures::registry(catalog.as_str()) {
            let code = catalog.code(row.number).unwrap();
            assert_eq!(code.kind().to_string(), row.kind, "{code}");
        }
    }
}

#[test]
fn texts_differ_between_languages_for_every_code() {
    let catalog = Catalog::embedded();
    for code in all_codes() {
        let texts: Vec<Explanation<'_>> = SHIPPED
            .iter()
            .map(|l| catalog.lookup(code, &catalog.chain(l).unwrap()).unwrap())
            .collect();
        for (i, a) in texts.iter().enumerate() {
            for b in texts.iter().skip(i + 1) {
                assert_ne!(
                    a.title(),
                    b.title(),
                    "{code}: {} and {} titles",
                    a.locale(),
                    b.locale()
                );
                assert_ne!(
                    a.explanation(),
                    b.explanation(),
                    "{code}: {} and {}",
                    a.locale(),
                    b.locale()
                );
            }
        }
    }
}

#[test]
fn texts_are_plain_and_isolation_free() {
    let catalog = Catalog::embedded();
    for locale in SHIPPED {
        let chain = catalog.chain(locale).unwrap();
        // The registry's codes, and the unknown-code texts, whose
        // `{ $number }` is where Fluent would put isolation marks.
        let unknown = CatalogId::ALL.map(|c| catalog.explain_number(c, 77, &chain));
        assert!(unknown.iter().all(|e| e.title().contains("77")));
        let known = all_codes()
            .into_iter()
            .map(|c| catalog.lookup(c, &chain).unwrap());
        for e in known.chain(unknown) {
            let code = e.code_text().to_string();
            for text in [e.title(), e.explanation(), e.hint().unwrap_or("")] {
                assert!(
                    !text.contains(['\u{2068}', '\u{2069}']),
                    "{code} {locale}: bidi isolation mark"
                );
                assert!(
                    !text.contains('<') && !text.contains("](/"),
                    "{code} {locale}: HTML or a site link: {text}"
                );
            }
        }
    }
}

#[test]
fn ukrainian_has_no_russian_letters() {
    let catalog = Catalog::embedded();
    let chain = catalog.chain("uk").unwrap();
    for code in all_codes() {
        let e = catalog.lookup(code, &chain).unwrap();
        let text = format!(
            "{} {} {}",
            e.title(),
            e.explanation(),
            e.hint().unwrap_or("")
        );
        assert!(
            !text.contains(['ы', 'э', 'ъ', 'ё', 'Ы', 'Э', 'Ъ', 'Ё']),
            "{code}: {text}"
        );
    }
}

#[test]
fn string_and_typed_paths_agree() {
    let catalog = Catalog::embedded();
    for locale in ["kk-KZ", "uk_UA.UTF-8", "de", "C"] {
        let chain = catalog.chain(locale).unwrap();
        for code in all_codes() {
            let by_string = catalog
                .explain(&format!("{}:{}", code.catalog(), code.name()), locale)
                .unwrap();
            let typed = catalog.lookup(code, &chain).unwrap();
            assert_eq!(
                serde_json::to_value(&by_string).unwrap(),
                serde_json::to_value(&typed).unwrap()
            );
        }
    }
}

#[test]
fn codes_parse_by_number_name_and_constant_spelling() {
    for code in all_codes() {
        let canonical = code.to_string();
        assert_eq!(canonical.parse::<Code>().unwrap(), code);
        assert_eq!(
            format!(
                "  {}:{}\t",
                code.catalog().as_str().to_uppercase(),
                code.name()
            )
            .parse::<Code>()
            .unwrap(),
            code
        );
        assert_eq!(
            format!(
                "{}:{}",
                code.catalog(),
                code.name().to_uppercase().replace('-', "_")
            )
            .parse::<Code>()
            .unwrap(),
            code
        );
        assert_eq!(code.catalog().code(code.number()), Some(code));
    }
    assert_eq!(
        "planfix:0001000".parse::<Code>().unwrap(),
        planfix::TASK_NOT_FOUND
    );
}

#[test]
fn names_are_unique_within_a_catalog() {
    for catalog in CatalogId::ALL {
        let names: HashSet<_> = catalog.codes().map(|c| c.name()).collect();
        assert_eq!(names.len(), catalog.codes().count());
    }
}

#[test]
fn serializes_to_the_documented_object() {
    let e = Catalog::embedded()
        .explain("planfix:1000", "kk_KZ.UTF-8")
        .unwrap();
    let v = serde_json::to_value(&e).unwrap();
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    let mut expected = [
        "code",
        "catalog",
        "number",
        "name",
        "kind",
        "requested",
        "locale",
        "fallback",
        "title",
        "explanation",
        "hint",
    ];
    let mut keys_sorted = keys.clone();
    keys_sorted.sort();
    expected.sort();
    assert_eq!(keys_sorted, expected);
    assert_eq!(v["code"], "planfix:1000");
    assert_eq!(v["catalog"], "planfix");
    assert_eq!(v["number"], 1000);
    assert_eq!(v["name"], "task-not-found");
    assert_eq!(v["kind"], "error");
    assert_eq!(v["requested"], "kk-KZ");
    assert_eq!(v["locale"], "kk");
    assert_eq!(v["fallback"], false);
    assert!(v["hint"].is_null());
    assert_eq!(v["title"], e.title());
}

#[test]
fn section_titles_are_localized() {
    let catalog = Catalog::embedded();
    for section in CatalogId::Planfix.sections() {
        let titles: HashSet<String> = SHIPPED
            .iter()
            .map(|l| {
                catalog
                    .section_title(CatalogId::Planfix, section, &catalog.chain(l).unwrap())
                    .unwrap()
                    .into_owned()
            })
            .collect();
        assert_eq!(titles.len(), 4, "{section}: {titles:?}");
    }
    let en = catalog.chain("en").unwrap();
    assert!(
        catalog
            .section_title(CatalogId::Planfix, "no-such-section", &en)
            .is_none()
    );
    assert!(
        catalog
            .section_title(CatalogId::Mobizon, "tasks", &en)
            .is_none()
    );
}

#[test]
fn catalog_and_explanation_are_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Catalog>();
    assert_send_sync::<Explanation<'static>>();
    assert_send_sync::<errcat::Error>();
    assert_send_sync::<errcat::FallbackChain>();
    assert_send_sync::<Code>();
}

#[test]
fn threads_get_the_single_threaded_answers() {
    let catalog = Catalog::embedded();
    let expected: Vec<String> = SHIPPED
        .iter()
        .flat_map(|l| {
            all_codes().into_iter().map(move |c| {
                catalog
                    .explain(&c.to_string(), l)
                    .unwrap()
                    .explanation()
                    .to_owned()
            })
        })
        .collect();
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..4)
            .map(|_| {
                s.spawn(|| {
                    let mut got = Vec::new();
                    for l in SHIPPED {
                        for c in all_codes() {
                            got.push(
                                catalog
                                    .explain(&c.to_string(), l)
                                    .unwrap()
                                    .explanation()
                                    .to_owned(),
                            );
                        }
                    }
                    got
                })
            })
            .collect();
        for h in handles {
            assert_eq!(h.join().unwrap(), expected);
        }
    });
}

/// A folder with `pt` and `pt-BR`, each with its own title for
/// planfix:1000.
fn portuguese_folder() -> (crate::fixtures::TempDir, Catalog) {
    let dir = crate::fixtures::TempDir::new();
    for (locale, title) in [
        ("pt", "Tarefa inexistente"),
        ("pt-BR", "Tarefa não encontrada"),
    ] {
        dir.write(
            &format!("{locale}/planfix.ftl"),
            format!("task-not-found = A tarefa não existe.\n    .title = {title}\n").as_bytes(),
        );
    }
    let (catalog, diagnostics) = Catalog::from_dir(dir.path()).unwrap();
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    (dir, catalog)
}

#[test]
fn a_regional_request_narrows_to_the_most_specific_shipped_locale() {
    let (_dir, catalog) = portuguese_folder();
    for (requested, served, title) in [
        ("pt-BR", "pt-BR", "Tarefa não encontrada"),
        ("pt_BR.UTF-8", "pt-BR", "Tarefa não encontrada"),
        ("pt-PT", "pt", "Tarefa inexistente"),
        ("pt", "pt", "Tarefa inexistente"),
    ] {
        let e = catalog.explain("planfix:1000", requested).unwrap();
        assert_eq!(
            (e.locale().to_string().as_str(), e.title()),
            (served, title),
            "{requested}"
        );
        assert!(!e.is_fallback(), "{requested}");
    }
    assert_eq!(
        catalog.chain("pt-BR").unwrap().to_string(),
        "pt-BR: pt-BR → pt → en"
    );
    let chain = catalog.chain_from(["pt-BR", "kk"]).unwrap();
    assert_eq!(chain.to_string(), "pt-BR: pt-BR → kk → en");
    let chain = catalog.chain_for_accept_language("pt-BR, kk;q=0.5");
    assert_eq!(chain.to_string(), "pt-BR: pt-BR → kk → pt → ru → en");
}

#[test]
fn a_chain_from_another_catalog_is_read_by_its_locales_not_its_slots() {
    // The folder adds `pt` and `pt-BR` before `ru` and `uk`: the same
    // locale has another slot there than in the embedded catalog.
    let (_dir, folder) = portuguese_folder();
    let embedded = Catalog::embedded();
    for (from, to) in [(&folder, embedded), (embedded, &folder)] {
        for locale in ["kk", "ru", "uk", "en"] {
            let chain = from.chain(locale).unwrap();
            for code in [planfix::TASK_NOT_FOUND, mobizon::RATE_LIMIT_EXCEEDED] {
                let e = to.lookup(code, &chain).unwrap();
                let own = to.lookup(code, &to.chain(locale).unwrap()).unwrap();
                assert_eq!(e.locale().to_string(), locale, "{code} {locale}");
                assert_eq!(e.title(), own.title(), "{code} {locale}");
                assert!(!e.is_fallback(), "{code} {locale}");
            }
        }
    }
    // With arguments, too: the unknown-code text of another catalog's chain.
    let chain = folder.chain("uk").unwrap();
    let e = embedded.explain_number(CatalogId::Mobizon, 7, &chain);
    assert_eq!(
        (e.locale().to_string().as_str(), e.title()),
        ("uk", "Невідомий код відповіді 7")
    );
    // errcat's own words follow the same rule.
    for (from, to) in [(&folder, embedded), (embedded, &folder)] {
        for locale in ["kk", "ru", "uk", "en"] {
            let chain = from.chain(locale).unwrap();
            let own = to.chain(locale).unwrap();
            for phrase in [
                errcat::tooling::Phrase::LanguageName,
                errcat::tooling::Phrase::ServerSaid,
            ] {
                assert_eq!(
                    to.phrase(phrase, &chain),
                    to.phrase(phrase, &own),
                    "{locale}"
                );
            }
        }
    }
}

#[test]
fn a_shipped_script_must_be_the_requested_one_and_is_more_specific() {
    let dir = crate::fixtures::TempDir::new();
    for (locale, title) in [
        ("sr", "Задатак није пронађен"),
        ("sr-Latn", "Zadatak nije pronađen"),
    ] {
        dir.write(
            &format!("{locale}/planfix.ftl"),
            format!("task-not-found = …\n    .title = {title}\n").as_bytes(),
        );
    }
    let (catalog, diagnostics) = Catalog::from_dir(dir.path()).unwrap();
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    for (requested, served) in [
        ("sr-Latn", "sr-Latn"),
        ("sr-Latn-RS", "sr-Latn"),
        ("sr", "sr"),
        ("sr-Cyrl", "sr"),
        ("sr-RS", "sr"),
    ] {
        let e = catalog.explain("planfix:1000", requested).unwrap();
        assert_eq!(e.locale().to_string(), served, "{requested}");
    }
    assert_eq!(
        catalog.chain("sr-Latn").unwrap().to_string(),
        "sr-Latn: sr-Latn → sr → en"
    );
}
