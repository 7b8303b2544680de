//! Forgiving lookups, as `rustc --explain` is forgiving: a bare number one
//! catalog has, an ambiguous number naming its candidates, and a nearly
//! right catalog or name suggesting the right one.

use errcat::{Catalog, CatalogId, Code, Error, mobizon, mobizon_recipient, planfix};

use crate::fixtures::errcat;

#[test]
fn a_number_only_one_catalog_has_needs_no_catalog() {
    let mut unique = 0;
    for code in CatalogId::ALL.iter().flat_map(|c| c.codes()) {
        let others = CatalogId::ALL
            .iter()
            .filter(|c| **c != code.catalog() && c.code(code.number()).is_some())
            .count();
        let parsed = code.number().to_string().parse::<Code>();
        if others == 0 {
            unique += 1;
            assert_eq!(parsed.unwrap(), code);
            assert_eq!(
                format!(" 0{} ", code.number()).parse::<Code>().unwrap(),
                code
            );
        } else {
            assert!(matches!(parsed, Err(Error::AmbiguousCode { .. })), "{code}");
        }
    }
    assert!(unique > 40, "{unique}");
    let e = Catalog::embedded().explain("1000", "kk").unwrap();
    assert_eq!(e.code(), Some(planfix::TASK_NOT_FOUND));
    assert_eq!(
        "999".parse::<Code>().unwrap(),
        mobizon::GENERAL_SERVICE_ERROR
    );
}

#[test]
fn an_ambiguous_number_lists_its_candidates() {
    let err = "1".parse::<Code>().unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"ambiguous code "1": mobizon:1, planfix:1 or mobizon-recipient:1"#
    );
    let Error::AmbiguousCode { candidates, .. } = err else {
        panic!("{err:?}")
    };
    assert_eq!(
        candidates,
        [
            mobizon::VALIDATION_ERROR,
            planfix::INVALID_TOKEN,
            mobizon_recipient::NUMBER_MISSING
        ]
    );
    let err = "0".parse::<Code>().unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"ambiguous code "0": mobizon:0, planfix:0 or mobizon-recipient:0"#
    );
    // Two catalogs only: no list, just `or`.
    let err = "20".parse::<Code>().unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"ambiguous code "20": planfix:20 or mobizon-recipient:20"#
    );
    // A number only the recipient catalog has needs no catalog.
    assert_eq!(
        "7".parse::<Code>().unwrap(),
        mobizon_recipient::OPERATOR_UNKNOWN
    );
    // A number no catalog has is a well-formed code that does not exist.
    assert!(matches!(
        "4242".parse::<Code>(),
        Err(Error::UnknownNumber { ref input }) if input == "4242"
    ));
    assert!(matches!(
        "99999999999".parse::<Code>(),
        Err(Error::UnknownNumber { .. })
    ));
}

#[test]
fn a_nearly_right_name_is_suggested() {
    let cases: [(&str, Option<&str>); 7] = [
        ("planfx:1000", Some("did you mean planfix?")),
        ("MOBIZN:30", Some("did you mean mobizon?")),
        ("jira:1", None),
        (
            "planfix:task-not-fund",
            Some("did you mean planfix:task-not-found?"),
        ),
        (
            "mobizon:RATE_LIMIT_EXCEDED",
            Some("did you mean mobizon:rate-limit-exceeded?"),
        ),
        ("planfix:banana", None),
        ("planfix:4242", None),
    ];
    for (input, hint) in cases {
        let err = input.parse::<Code>().unwrap_err();
        let text = err.to_string();
        match hint {
            Some(hint) => assert!(text.ends_with(&format!("; {hint}")), "{input}: {text}"),
            None => assert!(!text.contains("did you mean"), "{input}: {text}"),
        }
    }
    let err = "planfix:task-not-fund".parse::<Code>().unwrap_err();
    assert!(matches!(
        err,
        Error::UnknownCode {
            suggestion: Some(planfix::TASK_NOT_FOUND),
            catalog: CatalogId::Planfix,
            ..
        }
    ));
    let err = "planfx:1".parse::<Code>().unwrap_err();
    assert!(matches!(
        err,
        Error::UnknownCatalog {
            suggestion: Some(CatalogId::Planfix),
            ..
        }
    ));
}

#[test]
fn the_cli_takes_a_bare_number_and_names_the_candidates_of_an_ambiguous_one() {
    let o = errcat(&["explain", "1000", "--lang", "en"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stdout).starts_with("planfix:1000 (task-not-found, error)"));
    let o = errcat(&["explain", "1", "--lang", "en"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty());
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        "errcat: ambiguous code \"1\": mobizon:1, planfix:1 or mobizon-recipient:1\n"
    );
    let o = errcat(&["explain", "planfx:1000"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("did you mean planfix?"));
}
