//! Locale parsing, narrowing and fallback chains, from fixture tables.

use errcat::{Catalog, Error};

use crate::fixtures::rows;

#[test]
fn chains_follow_the_fixture_table() {
    let catalog = Catalog::embedded();
    for (line, row) in rows("chains.txt", "=>") {
        let [input, expected] = &row[..] else {
            panic!("chains.txt:{line}: expected `input => chain`")
        };
        let chain = catalog
            .chain(input)
            .unwrap_or_else(|e| panic!("chains.txt:{line}: {e}"));
        assert_eq!(&chain.to_string(), expected, "chains.txt:{line}");
    }
}

#[test]
fn every_chain_ends_in_english_and_holds_no_locale_twice() {
    let catalog = Catalog::embedded();
    for (_, row) in rows("chains.txt", "=>") {
        let chain = catalog.chain(&row[0]).unwrap();
        let locales: Vec<String> = chain.locales().iter().map(|l| l.to_string()).collect();
        assert_eq!(locales.last().map(String::as_str), Some("en"), "{chain}");
        let mut unique = locales.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), locales.len(), "{chain}");
    }
}

#[test]
fn bad_codes_and_locales_get_the_expected_error() {
    let catalog = Catalog::embedded();
    for (line, row) in rows("bad_inputs.txt", " | ") {
        let [kind, code, locale, message] = &row[..] else {
            panic!("bad_inputs.txt:{line}: expected 4 fields")
        };
        let err = catalog
            .explain(code, locale)
            .err()
            .unwrap_or_else(|| panic!("bad_inputs.txt:{line}: accepted"));
        let variant = match err {
            Error::InvalidCode { .. } => "InvalidCode",
            Error::UnknownCatalog { .. } => "UnknownCatalog",
            Error::UnknownCode { .. } => "UnknownCode",
            Error::UnknownNumber { .. } => "UnknownNumber",
            Error::AmbiguousCode { .. } => "AmbiguousCode",
            Error::InvalidLocale { .. } => "InvalidLocale",
            _ => "other",
        };
        assert_eq!(variant, kind, "bad_inputs.txt:{line}: {err}");
        assert_eq!(&err.to_string(), message, "bad_inputs.txt:{line}");
    }
}

#[test]
fn overlong_and_hostile_locales_are_refused_without_echoing_them_whole() {
    let catalog = Catalog::embedded();
    let long = "k".repeat(errcat::tooling::MAX_LOCALE_LEN + 1);
    let nul = "kk\0KZ";
    let bidi = "kk\u{202E}ZK";
    for input in [
        long.as_str(),
        nul,
        bidi,
        "\u{FFFD}",
        "kk KZ",
        "..",
        "./en",
        "en/../../etc",
    ] {
        let err = catalog.explain("planfix:1000", input).unwrap_err();
        assert!(
            matches!(err, Error::InvalidLocale { .. }),
            "{input:?}: {err}"
        );
        let message = err.to_string();
        assert!(
            !message.contains('\n') && !message.contains('\0') && !message.contains('\u{202E}'),
            "{message}"
        );
        assert!(message.len() < 200, "{message}");
    }
}

#[test]
fn caller_chains_keep_their_order_and_end_in_english() {
    let catalog = Catalog::embedded();
    let chain = catalog.chain_from(["kk", "uk"]).unwrap();
    assert_eq!(chain.to_string(), "kk: kk → uk → en");
    let chain = catalog.chain_from(["fr", "uk"]).unwrap();
    assert_eq!(chain.to_string(), "fr: uk → en");
    let e = catalog
        .lookup(errcat::planfix::TASK_NOT_FOUND, &chain)
        .unwrap();
    assert_eq!(e.locale().to_string(), "uk");
    // uk is in the caller's own list: what it asked for, not a fallback.
    assert!(!e.is_fallback(), "uk was asked for and served");
    let e = catalog
        .lookup(
            errcat::planfix::TASK_NOT_FOUND,
            &catalog.chain_from(["fr"]).unwrap(),
        )
        .unwrap();
    assert!(e.is_fallback(), "fr was requested, en served");
    assert!(catalog.chain_from(Vec::<String>::new()).is_err());
    assert!(catalog.chain_from(["kk", "../.."]).is_err());
}
