//! Locales as people and systems write them: BCP 47 with extensions and
//! private use, three-letter codes, English language names, the
//! environment in gettext's order, and Accept-Language edge cases.

use errcat::{Catalog, CatalogId, Error, parse_locale, planfix};

use crate::fixtures::errcat_command;

#[test]
fn extensions_and_private_use_are_dropped() {
    for (input, expected) in [
        ("ru-RU-u-ca-gregory", "ru-RU"),
        ("kk-KZ-u-nu-latn", "kk-KZ"),
        ("en-US-x-foo", "en-US"),
        ("uk-t-ru-x-private-12345678", "uk"),
        ("kk-Cyrl-KZ-u-ca-gregory-x-a", "kk-Cyrl-KZ"),
        ("ru_RU_u_ca_gregory", "ru-RU"),
    ] {
        assert_eq!(
            parse_locale(input).unwrap().to_string(),
            expected,
            "{input}"
        );
    }
    for bad in [
        "x-foo",
        "u-ca-gregory",
        "ru-RU-u",
        "ru-RU-u-toolongsubtag",
        "ru-u-ca-",
    ] {
        assert!(
            matches!(parse_locale(bad), Err(Error::InvalidLocale { .. })),
            "{bad}"
        );
    }
    let catalog = Catalog::embedded();
    let e = catalog.explain("planfix:1000", "kk-KZ-u-nu-latn").unwrap();
    assert_eq!(
        (e.locale().to_string().as_str(), e.is_fallback()),
        ("kk", false)
    );
}

#[test]
fn three_letter_codes_and_english_names_map_or_are_refused() {
    for (input, expected) in [
        ("rus", "ru"),
        ("ukr", "uk"),
        ("kaz", "kk"),
        ("ENG", "en"),
        ("kaz-KZ", "kk-KZ"),
        ("rus_RU.UTF-8", "ru-RU"),
        ("russian", "ru"),
        ("Ukrainian", "uk"),
        ("KAZAKH", "kk"),
        ("english", "en"),
        ("Russian_Russia.1251", "ru"),
        ("Kazakh_KZ", "kk-KZ"),
        ("deu", "de"),
    ] {
        assert_eq!(
            parse_locale(input).unwrap().to_string(),
            expected,
            "{input}"
        );
    }
    // Never silently English: a name errcat does not know is an error.
    for bad in ["french", "Deutsch", "klingon", "ukrainan", "latn"] {
        assert!(
            matches!(parse_locale(bad), Err(Error::InvalidLocale { .. })),
            "{bad}"
        );
    }
    let catalog = Catalog::embedded();
    for (input, served) in [
        ("rus", "ru"),
        ("ukr", "uk"),
        ("kaz", "kk"),
        ("kazakh", "kk"),
    ] {
        let e = catalog.explain("planfix:1000", input).unwrap();
        assert_eq!(e.locale().to_string(), served, "{input}");
        assert!(!e.is_fallback(), "{input}");
    }
}

#[test]
fn accept_language_exclusions_empty_parameters_and_underscores() {
    let catalog = Catalog::embedded();
    let cases = [
        ("kk, ru;q=0", "kk: kk → en"),
        ("kk;q=0.9, ru;q=0", "kk: kk → en"),
        ("ru;q=0, kk", "kk: kk → en"),
        ("aa;, uk;q=0.5", "aa: uk → en"),
        ("kk_KZ", "kk-KZ: kk → ru → en"),
        ("uk_UA;q=0.8, en;q=0.9", "en: en"),
        ("ru-RU-u-ca-gregory", "ru-RU: ru → en"),
        ("en, en;q=0", "en: en"),
        ("uk;q=0", "en: en"),
    ];
    for (header, chain) in cases {
        assert_eq!(
            catalog.chain_for_accept_language(header).to_string(),
            chain,
            "{header}"
        );
    }
    let langs = errcat::parse_accept_language("aa;, kk_KZ;q=0.5, ru;q=0");
    let tags: Vec<String> = langs.iter().map(|(l, _)| l.to_string()).collect();
    assert_eq!(tags, ["aa", "kk-KZ"]);
}

/// A header is read up to 4096 bytes, cut back to a character boundary:
/// a character that straddles the limit is left out, not read whole.
#[test]
fn a_long_accept_language_header_is_cut_before_a_straddling_character() {
    // `de`, spaces up to byte 4092, `,kk` to byte 4095, then `ä` (bytes
    // 4095 and 4096) and `,ru`: the cut leaves `kk`, not `kkä`, and no `ru`.
    let header = format!("de{},kkä,ru", " ".repeat(4090));
    assert_eq!(header.find('ä'), Some(4095));
    let langs = errcat::parse_accept_language(&header);
    let tags: Vec<String> = langs.iter().map(|(l, _)| l.to_string()).collect();
    assert_eq!(tags, ["de", "kk"]);
}

#[test]
fn a_language_the_caller_asked_for_is_not_a_fallback() {
    let catalog = Catalog::embedded();
    let chain = catalog.chain_for_accept_language("fr-CH, uk;q=0.9");
    let e = catalog.lookup(planfix::TASK_NOT_FOUND, &chain).unwrap();
    assert_eq!(e.locale().to_string(), "uk");
    assert!(!e.is_fallback());
    let chain = catalog.chain_for_accept_language("fr-CH");
    assert!(
        catalog
            .lookup(planfix::TASK_NOT_FOUND, &chain)
            .unwrap()
            .is_fallback()
    );
    let chain = catalog.chain_from(["de", "ru"]).unwrap();
    let e = catalog.lookup(planfix::TASK_NOT_FOUND, &chain).unwrap();
    assert_eq!(
        (e.locale().to_string().as_str(), e.is_fallback()),
        ("ru", false)
    );
    let chain = catalog.chain_for_languages(["de", "kk"]);
    assert_eq!(chain.to_string(), "de: kk → ru → en");
    // The same chain used with another catalog keeps what was asked.
    let dir = crate::fixtures::TempDir::new();
    std::fs::create_dir_all(dir.path().join("de")).unwrap();
    std::fs::write(
        dir.path().join("de/planfix.ftl"),
        "task-not-found = X.\n    .title = X\n",
    )
    .unwrap();
    let (folder, _) = Catalog::from_dir(dir.path()).unwrap();
    let chain = catalog.chain_for_accept_language("fr, uk");
    let e = folder.lookup(planfix::TASK_NOT_FOUND, &chain).unwrap();
    assert_eq!(
        (e.locale().to_string().as_str(), e.is_fallback()),
        ("uk", false)
    );
    // Text in a language that only the fallback table added is a fallback.
    let kk_missing = crate::fixtures::TempDir::new();
    std::fs::create_dir_all(kk_missing.path().join("kk")).unwrap();
    std::fs::write(
        kk_missing.path().join("kk/planfix.ftl"),
        "catalog-title = Planfix\n",
    )
    .unwrap();
    let (folder, _) = Catalog::from_dir(kk_missing.path()).unwrap();
    let chain = folder.chain_for_accept_language("kk");
    let e = folder.lookup(planfix::TASK_NOT_FOUND, &chain).unwrap();
    assert_eq!(
        (e.locale().to_string().as_str(), e.is_fallback()),
        ("ru", true)
    );
}

fn cli_locale(env: &[(&str, &str)]) -> String {
    let o = errcat_command()
        .args(["explain", "planfix:1000", "--json"])
        .envs(env.iter().copied())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{env:?}");
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    v["locale"].as_str().unwrap().to_owned()
}

#[test]
fn the_cli_reads_the_environment_in_gettext_order() {
    assert_eq!(
        cli_locale(&[("LANGUAGE", "uk:ru"), ("LANG", "kk_KZ.UTF-8")]),
        "uk"
    );
    assert_eq!(
        cli_locale(&[("LANGUAGE", "fr:kk"), ("LC_ALL", "ru_RU.UTF-8")]),
        "kk"
    );
    assert_eq!(cli_locale(&[("LANGUAGE", "uk"), ("LC_ALL", "C")]), "en");
    assert_eq!(cli_locale(&[("LANGUAGE", ""), ("LANG", "kk")]), "kk");
    assert_eq!(cli_locale(&[("LC_MESSAGES", "uk"), ("LANG", "kk")]), "uk");
    assert_eq!(cli_locale(&[("LANG", "kazakh")]), "kk");
    // --lang wins over everything.
    let o = errcat_command()
        .args(["explain", "planfix:1000", "--json", "--lang", "ru"])
        .env("LANGUAGE", "uk")
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["locale"], "ru");
}

#[test]
fn env_locales_reads_the_process_environment() {
    // The variables are not touched here (tests run in parallel); the
    // ordering rules are unit-tested in src/system.rs and end to end above.
    let langs = errcat::env_locales();
    assert!(langs.iter().all(|l| parse_locale(l).is_ok()), "{langs:?}");
    let chain = Catalog::embedded().chain_for_env();
    assert_eq!(chain.locales().last().unwrap().to_string(), "en");
}

#[cfg(feature = "system-locale")]
#[test]
fn the_systems_languages_make_a_chain() {
    let chain = Catalog::embedded().chain_for_system();
    assert_eq!(chain.locales().last().unwrap().to_string(), "en");
    let langs = errcat::system_locales();
    assert_eq!(
        chain.to_string(),
        Catalog::embedded().chain_for_languages(&langs).to_string()
    );
}

/// RFC 9110's q-value is `0` or `1` with up to three decimals; Rust's
/// float parser takes more (`.5`, `1e-0`, `0.5e0`), and none of those
/// may make a language acceptable.
#[test]
fn q_values_outside_the_rfc_grammar_are_refused() {
    let header = "kk, ru;q=.5, uk;q=0.5e0, en;q=1e-0, de;q=0.500";
    let langs = errcat::parse_accept_language(header);
    let tags: Vec<String> = langs.iter().map(|(l, _)| l.to_string()).collect();
    assert_eq!(tags, ["kk", "de"]);
}

/// A chain is a list of locales: whichever catalog built it, every catalog
/// answers it as it answers its own chain for the same locale, in lookups,
/// unknown numbers, phrases, catalog titles and section titles, for every
/// catalog of the registry. The folders differ from the embedded catalog
/// (a `de` locale; a `kk` whose Planfix title and first code are its own)
/// so that a chain resolved against the wrong catalog shows.
#[test]
fn every_catalog_answers_every_catalogs_chain_as_its_own() {
    let with_de = crate::fixtures::TempDir::new();
    with_de.write(
        "de/planfix.ftl",
        b"catalog-title = Planfix auf Deutsch\ntask-not-found = Die Aufgabe fehlt.\n    .title = Aufgabe fehlt\n",
    );
    with_de.write("de/errcat.ftl", b"server-said = Der Server sagt\n");
    let own_kk = crate::fixtures::TempDir::new();
    own_kk.write(
        "kk/planfix.ftl",
        b"catalog-title = Planfix (kk folder)\nsection-tasks = Tasks (kk folder)\ntask-not-found = Folder.\n    .title = Folder\n",
    );
    // A regional locale only one catalog ships (a review found kk counted
    // as asked for when another catalog had narrowed kk-KZ to it).
    let own_kk_kz = crate::fixtures::TempDir::new();
    own_kk_kz.write(
        "kk-KZ/planfix.ftl",
        b"task-not-found = kk-KZ.\n    .title = kk-KZ\n",
    );
    let embedded = Catalog::embedded();
    let (de, _) = Catalog::from_dir(with_de.path()).unwrap();
    let (kk, _) = Catalog::from_dir(own_kk.path()).unwrap();
    let (kk_kz, _) = Catalog::from_dir(own_kk_kz.path()).unwrap();
    let catalogs: [(&str, &Catalog); 4] = [
        ("embedded", embedded),
        ("with de", &de),
        ("own kk", &kk),
        ("own kk-KZ", &kk_kz),
    ];
    let tags = ["kk", "kk-KZ", "uk", "ru-UA", "en", "de-AT", "fr", "pt-BR"];
    // Every constructor, with the caller's input as given.
    let build = |catalog: &Catalog, tag: &str| {
        [
            catalog.chain(tag).unwrap(),
            catalog.chain_from([tag]).unwrap(),
            catalog.chain_from([tag, "de"]).unwrap(),
            catalog.chain_for_accept_language(&format!("{tag}, uk;q=0.5")),
            catalog.chain_for_accept_language(&format!("{tag}, de;q=0.5, ru;q=0")),
            catalog.chain_for_languages([tag, "de-CH"]),
        ]
    };
    let mut compared = 0;
    for (built_by, builder) in catalogs {
        for tag in tags {
            let chains = build(builder, tag);
            for (answer_by, answerer) in catalogs {
                let own = build(answerer, tag);
                for (foreign, own) in chains.iter().zip(&own) {
                    let at = format!("{answer_by} with {built_by}'s chain {foreign}");
                    for catalog in CatalogId::ALL {
                        assert_eq!(
                            answerer.catalog_title(catalog, foreign),
                            answerer.catalog_title(catalog, own),
                            "{at}: title of {catalog}"
                        );
                        for section in catalog.sections() {
                            assert_eq!(
                                answerer.section_title(catalog, section, foreign),
                                answerer.section_title(catalog, section, own),
                                "{at}: section {section}"
                            );
                        }
                        let shown = |e: errcat::Explanation<'_>| {
                            (
                                e.locale().to_string(),
                                e.is_fallback(),
                                e.title().to_owned(),
                            )
                        };
                        for code in catalog.codes() {
                            let a = shown(answerer.lookup(code, foreign).unwrap());
                            assert_eq!(
                                a,
                                shown(answerer.lookup(code, own).unwrap()),
                                "{at}: {code}"
                            );
                            compared += 1;
                        }
                        assert_eq!(
                            shown(answerer.explain_number(catalog, 999_999, foreign)),
                            shown(answerer.explain_number(catalog, 999_999, own)),
                            "{at}: unknown number"
                        );
                    }
                    for phrase in errcat::tooling::Phrase::ALL {
                        assert_eq!(
                            answerer.phrase(phrase, foreign),
                            answerer.phrase(phrase, own),
                            "{at}: {phrase:?}"
                        );
                    }
                }
            }
        }
    }
    // 4 builders × 8 tags × 6 chains × 4 answerers × every code.
    let codes: usize = CatalogId::ALL.iter().map(|c| c.codes().len()).sum();
    assert_eq!(compared, 4 * tags.len() * 6 * 4 * codes);
}

/// Chains compare by what they are, a list of locales: the same requested
/// locale, the same locales in the same order, the same ones asked for,
/// whichever catalog or spelling built them. `Default` is English's.
#[test]
fn chains_are_equal_when_they_ask_for_and_try_the_same_locales() {
    let embedded = Catalog::embedded();
    let (folder, _) = Catalog::from_dir(crate::fixtures::TempDir::new().path()).unwrap();
    // Spellings and catalogs do not matter.
    assert_eq!(
        embedded.chain("kk-KZ").unwrap(),
        embedded.chain("kk_KZ.UTF-8").unwrap()
    );
    assert_eq!(embedded.chain("kk").unwrap(), folder.chain("kk").unwrap());
    assert_eq!(
        embedded.chain("uk").unwrap(),
        embedded.chain_for_languages(["uk"])
    );
    // The requested locale does.
    assert_ne!(
        embedded.chain("kk").unwrap(),
        embedded.chain("kk-KZ").unwrap()
    );
    // The locales tried, and their order, do.
    assert_ne!(embedded.chain("kk").unwrap(), embedded.chain("ru").unwrap());
    assert_ne!(
        embedded.chain_from(["kk", "uk"]).unwrap(),
        embedded.chain_from(["kk", "ru"]).unwrap()
    );
    // Which of them were asked for does: kk → ru → en either way, but
    // only the second asked for ru.
    let table = embedded.chain("kk").unwrap();
    let asked = embedded.chain_from(["kk", "ru"]).unwrap();
    assert_eq!(table.locales(), asked.locales());
    assert_ne!(table, asked);
    assert_ne!(asked, table);
    // The same holds in a header: `kk, ru` asks for both.
    assert_eq!(asked, embedded.chain_for_accept_language("kk, ru"));
    assert_eq!(folder.chain_from(["kk", "ru"]).unwrap(), asked);
    // Default: English, asked for.
    let default = errcat::FallbackChain::default();
    assert_eq!(default, embedded.chain("en").unwrap());
    assert_ne!(default, embedded.chain("de").unwrap(), "asks for de");
    assert_eq!(default.to_string(), "en: en");
}

/// A folder whose `en` lacks a message is answered by the embedded
/// catalog's English: what the caller asked for when it asked for English
/// (not a fallback), a fallback when it asked for another language.
#[test]
fn the_embedded_english_behind_a_folder_is_no_fallback_for_english() {
    let dir = crate::fixtures::TempDir::new();
    dir.write("en/planfix.ftl", b"");
    let (folder, _) = Catalog::from_dir(dir.path()).unwrap();
    let e = folder.explain("planfix:1000", "en").unwrap();
    assert_eq!(
        (e.locale().to_string().as_str(), e.is_fallback()),
        ("en", false)
    );
    let e = folder.explain("planfix:1000", "en-GB").unwrap();
    assert_eq!(
        (e.locale().to_string().as_str(), e.is_fallback()),
        ("en", false)
    );
    let e = folder.explain("planfix:1000", "de").unwrap();
    assert_eq!(
        (e.locale().to_string().as_str(), e.is_fallback()),
        ("en", true)
    );
    let chain = folder.chain_from(["de", "en"]).unwrap();
    let e = folder.lookup(planfix::TASK_NOT_FOUND, &chain).unwrap();
    assert_eq!(
        (e.locale().to_string().as_str(), e.is_fallback()),
        ("en", false)
    );
}
