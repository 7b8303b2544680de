//! A small root: the application API at the crate root, translator tooling
//! under `errcat::tooling`, and every code constant documented with its
//! English title.

use errcat::{Catalog, CatalogId};

#[test]
fn tooling_lives_in_its_own_module() {
    let report = errcat::tooling::check_embedded();
    assert!(!report.has_errors());
    assert!(!errcat::tooling::RULES.is_empty());
    assert_eq!(errcat::tooling::fold("Неверный ТОКЕН!"), "неверный токен");
    assert_eq!(errcat::tooling::MAX_LOCALE_LEN, 255);
    assert_eq!(errcat::tooling::STAMP_PREFIX, "en-hash:");
    let page = errcat::tooling::docs::render_index(Catalog::embedded());
    assert!(page.contains("planfix-1000"));
}

#[test]
fn every_code_constant_is_documented_with_its_english_title() {
    let generated = include_str!(concat!(env!("OUT_DIR"), "/registry.rs"));
    let english = Catalog::embedded().chain("en").unwrap();
    for code in CatalogId::ALL.iter().flat_map(|c| c.codes()) {
        let title = Catalog::embedded()
            .lookup(code, &english)
            .unwrap()
            .title()
            .to_owned();
        let line = format!("/// `{code}` (`{}`): {title}", code.name());
        assert!(
            generated.contains(&line),
            "no `{line}` in the generated constants"
        );
        // The module of `mobizon-recipient` is `mobizon_recipient`.
        let module = code.catalog().as_str().replace('-', "_");
        let example = format!("assert_eq!(errcat::{module}::");
        assert!(
            generated.contains(&example),
            "no `{example}` in the generated constants"
        );
    }
}
